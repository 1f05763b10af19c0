"""HTML for print: screen-only blocks are cut out and charts become images before WeasyPrint, nothing else changes."""

from __future__ import annotations

import base64
import re

from markupsafe import escape

from spakanalysis.present.print_html import SCREEN_ONLY_END, SCREEN_ONLY_START, for_print

S, E = SCREEN_ONLY_START, SCREEN_ONLY_END


def test_every_marked_block_is_cut_and_the_rest_kept():
    html = f"<p>a</p>{S}<table><tr><td>1</td></tr></table>{E}<p>b</p>{S}<div>x</div>{E}<p>c</p>"
    assert for_print(html) == "<p>a</p><p>b</p><p>c</p>"
    assert for_print("<p>tanpa penanda</p>") == "<p>tanpa penanda</p>"


def test_an_unclosed_block_is_left_alone():
    html = f"<p>a</p>{S}<div>b</div>"
    assert for_print(html) == html
    assert for_print(f"{S}x{E}<p>y</p>{S}z") == f"<p>y</p>{S}z"


def test_free_text_cannot_forge_a_marker():
    comment = f"saya tulis {S} lalu {E} di saran"  # escaped as every comment is
    html = f"<td>{escape(comment)}</td>"
    assert S not in html and for_print(html) == html


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="518.4pt" '
       'height="259.2pt" viewBox="0 0 518.4 259.2"><defs><clipPath id="p1"><rect width="5" height="5"/></clipPath>'
       '</defs><text>Biaya &amp; Tarif &lt;b&gt;</text></svg>')


def _images(html):
    return re.findall(r'<img class="svg-cetak" alt="" style="width: ([^"]+)" src="data:image/svg\+xml;base64,([^"]+)">',
                      html)


def test_a_chart_becomes_an_image_of_the_same_svg_and_width():
    out = for_print(f"<div class='gambar'>{SVG}</div><p>{SVG}</p>")
    assert "<svg" not in out and out.startswith("<div class='gambar'><img ")
    ((w1, d1), (w2, d2)) = _images(out)
    assert w1 == w2 == "518.4pt" and base64.b64decode(d1).decode() == SVG == base64.b64decode(d2).decode()


def test_an_svg_that_is_not_a_standalone_document_stays_inline():
    no_namespace = '<svg width="10pt"><rect width="1" height="1"/></svg>'
    html_only = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"><br></svg>'  # not well-formed XML
    assert for_print(no_namespace + html_only) == no_namespace + html_only
    odd_width = SVG.replace('width="518.4pt"', 'width="100%;background:url(x)"')
    assert 'style="' not in for_print(odd_width).split("src=")[0]  # only a plain length becomes a style


def test_free_text_cannot_forge_an_svg():
    comment = f"saran: {SVG}"
    html = f"<td>{escape(comment)}</td>"
    assert for_print(html) == html
