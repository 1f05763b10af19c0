"""The monthly trend chart of a satker report: IPKP and IPAK (with 95% intervals) and attainment per month.

Two panels sharing the months: the indices on their 1–4 scale (a point per month with its
interval, the running month hollow), and the attainment of SPKP and SPAK as % of the monthly
minimum (bars, the 100% line dotted). Months before the target start have no bar and are
shaded with the label "target belum berlaku". Every label is fixed text or a number (no free
text reaches the chart).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from spakanalysis.core.enums import Instrument
from spakanalysis.core.formatting import format_angka
from spakanalysis.present.charts import COLOURS, DPI

__all__ = ["chart_trend", "MONTH_SHORT"]

MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_INDEX_COLOURS = {"IPKP": COLOURS[Instrument.SPKP], "IPAK": COLOURS[Instrument.SPAK]}


def _month_labels(tren: pd.DataFrame) -> list[str]:
    return [f"{MONTH_SHORT[int(b[5:7]) - 1]}\n{b[:4]}" for b in tren["bulan"]]


def _indices_panel(ax, tren: pd.DataFrame, x: np.ndarray) -> None:
    running = tren["berjalan"].to_numpy(bool)
    for k, name in enumerate(("IPKP", "IPAK")):
        v = tren[f"{name}_nilai"].to_numpy(float)
        lo, hi = tren[f"{name}_ci_bawah"].to_numpy(float), tren[f"{name}_ci_atas"].to_numpy(float)
        xs = x + (k - 0.5) * 0.18
        colour = _INDEX_COLOURS[name]
        ax.plot(xs, v, color=colour, lw=1.4, label=f"{name} (IK 95%)")
        ok = np.isfinite(lo) & np.isfinite(hi)
        ax.vlines(xs[ok], lo[ok], hi[ok], color=colour, lw=1.0, alpha=0.7)
        done = ~running & np.isfinite(v)
        ax.plot(xs[done], v[done], "o", color=colour, ms=4)
        ax.plot(xs[running & np.isfinite(v)], v[running & np.isfinite(v)], "o", mfc="white", mec=colour, ms=4)
    values = tren[["IPKP_ci_bawah", "IPAK_ci_bawah", "IPKP_nilai", "IPAK_nilai"]].to_numpy(float)
    low = np.nanmin(values) if np.isfinite(values).any() else 3.0
    ax.set_ylim(max(1.0, np.floor((low - 0.1) * 10) / 10), 4.0)
    ax.yaxis.set_major_formatter(lambda v, _p: format_angka(v, 1))
    ax.set_ylabel("Indeks (1–4)")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="lower left", fontsize=7, frameon=True, framealpha=0.9, edgecolor="none", ncols=2)
    ax.set_title("IPKP dan IPAK per bulan", fontsize=10, loc="left", y=1.0)


def _attainment_panel(ax, tren: pd.DataFrame, x: np.ndarray) -> None:
    applies = tren["target_berlaku"].to_numpy(bool)
    running = tren["berjalan"].to_numpy(bool)
    for k, ins in enumerate((Instrument.SPKP, Instrument.SPAK)):
        v = tren[f"capaian_{ins}"].to_numpy(float)
        ok = applies & np.isfinite(v)
        for part, alpha, label in ((ok & ~running, 1.0, str(ins)), (ok & running, 0.45, None)):
            ax.bar(x[part] + (k - 0.5) * 0.36, v[part], width=0.34, color=COLOURS[ins], alpha=alpha, label=label)
    ax.axhline(100, color=COLOURS["target"], lw=1.0, ls=":")
    top = np.nanmax(tren[["capaian_SPKP", "capaian_SPAK"]].to_numpy(float)) if applies.any() else 100.0
    ax.set_ylim(0, max(130.0, (top if np.isfinite(top) else 100.0) * 1.15))
    for i in np.flatnonzero(~applies):
        ax.axvspan(x[i] - 0.5, x[i] + 0.5, color=COLOURS["grey"], alpha=0.12, lw=0)
    if (~applies).any():
        first, last = np.flatnonzero(~applies)[[0, -1]]
        ax.text((x[first] + x[last]) / 2, 50, "target belum berlaku", ha="center", va="center", fontsize=8,
                color=COLOURS["grey"])
    ax.yaxis.set_major_formatter(lambda v, _p: f"{format_angka(v, 0)}%")
    ax.set_ylabel("Capaian minimum")
    ax.grid(axis="y", alpha=0.3)
    if applies.any():
        ax.legend(loc="upper left", fontsize=7, frameon=True, framealpha=0.9, edgecolor="none", ncols=2)
    ax.set_title("Capaian terhadap minimum bulanan (bulan berjalan: sampai tanggal data, warna pucat)",
                 fontsize=10, loc="left", y=1.0)


def chart_trend(tren: pd.DataFrame) -> Figure:
    """Monthly IPKP, IPAK and attainment of one satker (:func:`~spakanalysis.report.trend.monthly_trend`)."""
    fig = Figure(figsize=(7.2, 5.2), dpi=DPI)
    fig.subplots_adjust(left=0.1, right=0.98, top=0.94, bottom=0.1, hspace=0.42)
    top, bottom = fig.subplots(2, 1, sharex=True)
    x = np.arange(len(tren), dtype=float)
    if len(tren):
        _indices_panel(top, tren, x)
        _attainment_panel(bottom, tren, x)
    bottom.set_xticks(x, _month_labels(tren) if len(tren) else [])
    bottom.set_xlim(-0.6, max(len(tren) - 0.4, 0.6))
    for ax in (top, bottom):
        ax.spines[["top", "right"]].set_visible(False)
    return fig
