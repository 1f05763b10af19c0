"""Charts as reproducible SVG, and the scoped style of the notebook's HTML outputs."""

from __future__ import annotations

import re

import pandas as pd

from spakanalysis.pipeline.render import clean_outputs
from spakanalysis.present.chart_output import chart_output, svg_text
from spakanalysis.present.charts import chart_attainment
from spakanalysis.present.notebook_style import SCOPE, SCOPED_CSS, ScopedHTML, scoped_html, strip_notebook_style


def _chart():
    t = pd.DataFrame({"nama_satker": ["A$x$", "B"], "capaian_persen": [64.5, 101.0],
                      "status": ["Kritis", "Tercapai"]})
    return chart_attainment(t)


def test_svg_is_reproducible_text_as_text_without_date():
    one, two = svg_text(_chart()), svg_text(_chart())
    assert one == two and one.lstrip().startswith("<?xml")
    assert "<dc:date>" not in one and "<text" in one  # text as text: a third smaller, cheap to draw in the PDF
    assert "font-family: 'DejaVu Sans'" in one and "sans-serif;" in one  # the report's font, then fallbacks
    assert 'viewBox="' in one
    out = chart_output(_chart())
    assert out._repr_svg_().startswith("<svg") or "<svg" in out.data


def test_svg_label_is_text_never_markup():
    import xml.etree.ElementTree as ET

    t = pd.DataFrame({"nama_satker": ['<script>alert(1)</script> & "x"', "B"], "capaian_persen": [64.5, 101.0],
                      "status": ["Kritis", "Tercapai"]})
    svg = svg_text(chart_attainment(t))
    assert "<script" not in svg
    texts = [e.text for e in ET.fromstring(svg.split("?>", 1)[1].split(">", 1)[1]).iter("{http://www.w3.org/2000/svg}text")]
    assert '<script>alert(1)</script> & "x"' in texts


def test_scoped_html_every_rule_is_scoped_and_wrapping_is_idempotent():
    selectors = [s.strip() for rule in re.findall(r"([^{}]+)\{", SCOPED_CSS) for s in rule.split(",")]
    assert selectors and all(s.startswith(f".{SCOPE}") for s in selectors), selectors
    once = scoped_html("<p>isi</p>")
    assert once.count("<style") == 1 and scoped_html(once) == once
    assert ScopedHTML("<p>isi</p>")._repr_html_() == once
    assert strip_notebook_style(once) == "<p>isi</p>"
    assert strip_notebook_style("<div><style>p{}</style></div>") == "<div><style>p{}</style></div>"


def test_report_drops_the_notebook_style_but_keeps_the_content():
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output(
        "display_data", data={"text/html": scoped_html('<div class="kartu">85,3%</div>'), "text/plain": "<HTML>"})])])
    nb = nbformat.from_dict(nb)
    cleaned, _ = clean_outputs(nb, {})
    assert cleaned.cells[0].outputs[0]["data"]["text/html"] == '<div class="kartu">85,3%</div>'
