"""Bottom layer: errors and problem codes, periods, calendars, paths, atomic writes, formatting, config, version.

Imports nothing of the package outside ``core``.
"""
