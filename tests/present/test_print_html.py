"""HTML for print: screen-only blocks are cut out before WeasyPrint, and nothing else is."""

from __future__ import annotations

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
