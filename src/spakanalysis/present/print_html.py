"""HTML for print: what the PDF's input leaves out or draws more cheaply than the screen's HTML.

Two changes, both invisible in the PDF:

* a block marked ``<!--spak:hanya-layar-->`` … ``<!--/spak:hanya-layar-->`` (e.g. Lampiran D, every
  comment of the period) is hidden in print by the CSS class ``hanya-layar`` anyway; WeasyPrint would
  still parse it and compute the style of each of its cells. It is cut out (about 0,4 s for a report
  with 200 comments; the PDF is the same, byte for byte);
* an inline chart (``<svg xmlns="http://www.w3.org/2000/svg" …>`` as matplotlib writes it) becomes an
  ``<img>`` of the same SVG as a ``data:`` URI. WeasyPrint draws both with the same SVG renderer, but an
  inline SVG's 300–700 elements also go through the HTML cascade first, each with its own ``style``
  attribute to parse; as an image they do not (about 0,2 s per chart). The image keeps the SVG's
  width, so the page looks the same.

The markers and the SVG come from the package's own templates and charts only: free text is escaped
(``<`` → ``&lt;``), so it can neither open a block nor start an ``<svg>``.
"""

from __future__ import annotations

import base64
import re
from xml.etree import ElementTree

__all__ = ["SCREEN_ONLY_START", "SCREEN_ONLY_END", "SVG_IMAGE_CLASS", "for_print", "svg_as_images"]

SCREEN_ONLY_START = "<!--spak:hanya-layar-->"
SCREEN_ONLY_END = "<!--/spak:hanya-layar-->"
#: Class of the ``<img>`` that stands for an inline chart (``display: block`` like the inline SVG).
SVG_IMAGE_CLASS = "svg-cetak"

_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)
_SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
_WIDTH = re.compile(r'\swidth="(\d+(?:\.\d+)?(?:pt|px|mm|cm|in)?)"')


def _cut_screen_only(html: str) -> str:
    parts, at = [], 0
    while (start := html.find(SCREEN_ONLY_START, at)) >= 0:
        end = html.find(SCREEN_ONLY_END, start)
        if end < 0:
            break
        parts.append(html[at:start])
        at = end + len(SCREEN_ONLY_END)
    parts.append(html[at:])
    return "".join(parts)


def _as_image(match: re.Match[str]) -> str:
    svg = match.group(0)
    tag = svg[: svg.find(">") + 1]
    if _SVG_NS not in tag:
        return svg  # not a standalone SVG document: leave it inline
    try:
        ElementTree.fromstring(svg)
    except ElementTree.ParseError:
        return svg  # well-formed only as HTML: inline is what WeasyPrint can still read
    width = _WIDTH.search(tag)
    style = f' style="width: {width.group(1)}"' if width else ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="{SVG_IMAGE_CLASS}" alt=""{style} src="data:image/svg+xml;base64,{data}">'


def svg_as_images(html: str) -> str:
    """``html`` with each standalone inline ``<svg>`` as an ``<img>`` of the same SVG.

    An SVG without the SVG namespace, or that is not well-formed XML, is left inline.

    Examples
    --------
    >>> svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" viewBox="0 0 10 10"></svg>'
    >>> svg_as_images(f"<p>a</p>{svg}")[:64]
    '<p>a</p><img class="svg-cetak" alt="" style="width: 10pt" src="d'
    >>> svg_as_images("<svg><rect/></svg>")
    '<svg><rect/></svg>'
    """
    return _SVG.sub(_as_image, html)


def for_print(html: str) -> str:
    """``html`` without its screen-only blocks and with its charts as images.

    A start marker without its end is left as it is.

    Examples
    --------
    >>> for_print("<p>a</p><!--spak:hanya-layar--><table>…</table><!--/spak:hanya-layar--><p>b</p>")
    '<p>a</p><p>b</p>'
    """
    return svg_as_images(_cut_screen_only(html))
