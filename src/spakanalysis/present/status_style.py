"""How a status looks in the reports: the CSS class of its badge and its colour in charts.

Keyed by :class:`~spakanalysis.core.enums.Status` and :class:`~spakanalysis.core.enums.Outcome`
(whose members equal their Indonesian labels, so a plain label from a table finds its entry).
"""

from __future__ import annotations

from spakanalysis.core.enums import Outcome, Status

__all__ = ["STATUS_CSS_CLASS", "STATUS_COLOURS", "NEUTRAL_CSS_CLASS", "css_class"]

#: class of a badge whose status is unknown
NEUTRAL_CSS_CLASS = "status-netral"

#: CSS class of each status badge in the reports (classes of templates/monev/gaya_monev.css)
STATUS_CSS_CLASS: dict[str, str] = {
    Status.TARGET_NOT_YET: NEUTRAL_CSS_CLASS,
    Status.ACHIEVED: "status-tercapai",
    Status.ON_TRACK: "status-sesuai",
    Status.NOT_STARTED: NEUTRAL_CSS_CLASS,
    Status.NEEDS_ACCELERATION: "status-percepatan",
    Status.CRITICAL: "status-kritis",
    Status.NO_SERVICE_DAYS_LEFT: "status-kritis",
    Status.MISSED: "status-kritis",
    Outcome.DATA_PROBLEM: "status-kritis",
    Outcome.NOT_MADE: "status-kritis",
}

#: bar colour of each progress status in the recap's attainment chart
STATUS_COLOURS: dict[str, str] = {
    Status.TARGET_NOT_YET: "#b3b6b7",
    Status.ACHIEVED: "#2e8b57",
    Status.ON_TRACK: "#1f5f8b",
    Status.NOT_STARTED: "#7f8c8d",
    Status.NEEDS_ACCELERATION: "#e0a800",
    Status.CRITICAL: "#c0392b",
    Status.NO_SERVICE_DAYS_LEFT: "#c0392b",
    Status.MISSED: "#8e1f14",
}


def css_class(status: str, default: str = NEUTRAL_CSS_CLASS) -> str:
    """The badge class of ``status``; ``default`` for anything else (e.g. an empty status).

    Examples
    --------
    >>> css_class("Kritis"), css_class(Outcome.NOT_MADE), css_class("?")
    ('status-kritis', 'status-kritis', 'status-netral')
    """
    return STATUS_CSS_CLASS.get(status, default)
