"""Short Indonesian texts of a change against the previous period (signed numbers, the card note)."""

from __future__ import annotations

import math

from spakanalysis.core.formatting import format_angka, format_persen
from spakanalysis.stats.comparison import Perubahan

__all__ = ["signed", "value_text", "change_note", "attainment_cards", "previous_month_note", "index_note"]

#: card class of a significant change
READING_CLASS = {"naik bermakna": "status-tercapai", "turun bermakna": "status-kritis"}


def signed(x: float, digits: int = 2, suffix: str = "") -> str:
    """A change with its sign (``+0,05``, ``−0,12``, ``0,00``), Indonesian decimals.

    Examples
    --------
    >>> signed(0.051), signed(-0.12), signed(0.0), signed(-12.5, 1, " poin")
    ('+0,05', '−0,12', '0,00', '−12,5 poin')
    """
    if x is None or not math.isfinite(x):
        return "–"
    text = format_angka(abs(x), digits)
    sign = "" if round(abs(x), digits) == 0 else ("+" if x > 0 else "−")
    return f"{sign}{text}{suffix}"


def value_text(x: float, percent: bool) -> str:
    """A value as shown in the comparison: a percentage or a 1–4 score with 2 decimals; "–" when missing."""
    if x is None or not math.isfinite(x):
        return "–"
    return format_persen(x) if percent else format_angka(x, 2)


def change_note(c: Perubahan | None, label: str, *, percent: bool = False) -> str:
    """``"Triwulan II 2024: 3,30 · +0,05 (tidak berbeda bermakna)"``, or the reason there is no comparison."""
    if c is None:
        return ""
    if not c.ada_sebelum:
        return f"{label}: {c.keterangan}"
    change = signed(c.selisih, 1, " poin") if percent else signed(c.selisih, 2)
    return f"{label}: {value_text(c.sebelum, percent)} · {change} ({c.keterangan})"


def attainment_cards(pembanding) -> list[dict[str, str]]:
    """Summary cards: each instrument's period attainment and its change against the previous period."""
    if pembanding is None:
        return []
    return [{"label": f"Capaian {ins} periode ini", "nilai": value_text(c.sekarang, True),
             "ket": change_note(c, pembanding.periode.label, percent=True)}
            for ins, c in pembanding.capaian.items() if math.isfinite(c.sekarang) or c.ada_sebelum]


def previous_month_note(tren, bulan: str, instrumen: str) -> str:
    """``"Agustus 2024: 118,1%"``: the attainment of the month before ``bulan`` (``YYYY-MM``) in the trend."""
    if tren is None or tren.empty or bulan not in set(tren["bulan"]):
        return ""
    i = tren.index[tren["bulan"] == bulan][0]
    if i == tren.index[0]:
        return ""
    prev = tren.loc[i - 1]
    if not bool(prev["target_berlaku"]):
        return f"{prev['bulan_label']}: target belum berlaku"
    return f"{prev['bulan_label']}: {value_text(prev[f'capaian_{instrumen}'], True)}"


def index_note(pembanding, index_name: str) -> str:
    """The change of IPKP or IPAK against the previous period, for the index card."""
    if pembanding is None:
        return ""
    return change_note(pembanding.indeks.get(index_name), pembanding.periode.label)
