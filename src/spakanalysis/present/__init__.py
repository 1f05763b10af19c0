"""Presentation layer: charts, notebook display helpers, the infographic, the index page, templates.

IPython, Jinja2 and matplotlib are imported only here.
"""
