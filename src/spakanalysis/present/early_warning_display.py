"""Early warning next to the daily plan (section 5 of the satker report): the chance of reaching the minimum.

Shows, per instrument of the running month, the required daily target beside the probability of
reaching the month's minimum at the satker's own pace (:mod:`spakanalysis.report.early_warning_report`).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal
from spakanalysis.present.display import fragment
from spakanalysis.present.notebook_style import ScopedHTML as HTML

__all__ = ["early_warning_table", "probability_text", "month_label"]


def month_label(bulan: str) -> str:
    """``"2024-09"`` → ``"September 2024"``."""
    return format_tanggal(date(int(bulan[:4]), int(bulan[5:7]), 1), "MMMM y")

NOTE = ("Peluang dihitung dari laju respons sah satker ini sendiri pada hari layanan 8 minggu terakhir "
        "(model binomial negatif dengan efek hari dalam pekan), bukan dari target harian. Peluang di bawah 50% "
        "berarti dengan laju sekarang minimum kemungkinan besar tidak tercapai; kalibrasi model: README, bagian Metode.")


def probability_text(p) -> str:
    """A probability in Indonesian percent, "<1%" / ">99%" at the ends, "–" when it cannot be estimated."""
    if p is None or pd.isna(p):
        return "belum dapat diperkirakan"
    if 0 < p < 0.01:
        return "< 1%"
    if 0.99 < p < 1:
        return "> 99%"
    return format_persen(100 * float(p), 0)


def early_warning_table(lap) -> HTML:
    """Per instrument: valid so far, minimum, daily target, expected at month end, probability of reaching it."""
    warnings = getattr(lap, "peringatan_dini", None) or {}
    if not warnings:
        return HTML(fragment("paragraf", "Peringatan dini hanya untuk bulan yang sedang berjalan pada tanggal data."))
    rows = [[ins, format_angka(w["respons_sah"]), format_angka(w["minimum"]),
             "–" if w["target_harian"] is None else format_angka(w["target_harian"]),
             "–" if pd.isna(w["harapan_akhir_bulan"]) else format_angka(w["harapan_akhir_bulan"], 0),
             probability_text(w["probabilitas"])]
            for ins, w in warnings.items()]
    cols = ["Instrumen", "Respons sah", "Minimum", "Target/hari", "Perkiraan akhir bulan", "Peluang tercapai"]
    month = month_label(next(iter(warnings.values()))["bulan"])
    parts = [fragment("paragraf", f"Peringatan dini {month}: peluang mencapai minimum dengan laju sendiri",
                      kelas="subjudul-tabel"),
             fragment("tabel", cols, rows, angka=(1, 2, 3, 4, 5), kelas="peringatan-dini", catatan=NOTE)]
    return HTML("\n".join(parts))
