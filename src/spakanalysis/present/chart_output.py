"""Charts as crisp, reproducible SVG for the notebook, the HTML report and (through WeasyPrint) the PDF.

matplotlib writes text as paths (``svg.fonttype = "path"``: no font needed to view it), element
ids from a fixed ``svg.hashsalt`` and no date, so the same chart always gives the same bytes. In
the PDF, WeasyPrint draws the inline SVG as vectors.
"""

from __future__ import annotations

import io

import matplotlib
from IPython.display import SVG
from matplotlib.figure import Figure

__all__ = ["svg_text", "chart_output", "SVG_RC"]

SVG_RC = {"svg.hashsalt": "spakanalysis", "svg.fonttype": "path", "svg.image_inline": True}


def svg_text(fig: Figure) -> str:
    """The figure as SVG text without date metadata (same figure → same text)."""
    buf = io.StringIO()
    with matplotlib.rc_context(SVG_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None}, facecolor="white")
    return buf.getvalue()


def chart_output(fig: Figure) -> SVG:
    """What a notebook cell displays for a chart: an IPython ``SVG`` (``image/svg+xml``)."""
    return SVG(data=svg_text(fig))
