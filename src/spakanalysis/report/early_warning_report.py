"""Early warning in the satker report and the recap: will the running month reach its minimum at the satker's pace?

For each target instrument whose month is running at the data date, :func:`satker_early_warning`
fits :mod:`spakanalysis.stats.early_warning` to the satker's daily valid responses of the last
8 weeks (service days only) and gives the probability of reaching the month's minimum by month end,
next to the required daily target of the progress table.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

import pandas as pd

from spakanalysis.core.calendars import hari_layanan
from spakanalysis.core.enums import TARGET_INSTRUMENTS
from spakanalysis.stats.early_warning import HISTORY_DAYS, early_warning
from spakanalysis.stats.progress import current_month_rows, progress_table, valid_mask

__all__ = ["satker_early_warning", "warning_summary", "risk_table"]


def _daily(responses: pd.DataFrame, instrument: str, cut: date) -> dict[date, int]:
    ok = responses[valid_mask(responses, instrument)]
    days = pd.to_datetime(ok["tanggal_lokal"], errors="coerce").dt.date
    counts = days[days.notna() & (days <= cut)].value_counts()
    return {d: int(n) for d, n in counts.items()}


def satker_early_warning(responses: pd.DataFrame, progress: pd.DataFrame, cut: date, mode: str) -> dict[str, dict[str, Any]]:
    """Per instrument with a running month: ``bulan``, ``probabilitas`` (NaN = cannot be estimated),
    ``harapan_akhir_bulan``, ``respons_sah``, ``minimum``, ``hari_sisa``, ``target_harian``, ``sumber_dispersi``."""
    out: dict[str, dict[str, Any]] = {}
    last = cut.replace(day=calendar.monthrange(cut.year, cut.month)[1])
    days = hari_layanan(cut - timedelta(days=HISTORY_DAYS - 1), last, mode)
    for ins in TARGET_INSTRUMENTS:
        now = current_month_rows(progress[progress["instrumen"] == ins], cut)
        if now.empty or now.iloc[0]["fase"] != "berjalan":
            continue
        row = now.iloc[0]
        w = early_warning(_daily(responses, str(ins), cut), days, cut, int(row["minimum"]))
        out[str(ins)] = {
            "bulan": str(row["bulan"]), "probabilitas": w.probabilitas, "harapan_akhir_bulan": w.harapan_akhir_bulan,
            "respons_sah": int(w.respons_sah), "minimum": int(w.minimum), "hari_sisa": int(w.hari_sisa),
            "target_harian": None if pd.isna(row["target_harian"]) else int(row["target_harian"]),
            "sumber_dispersi": w.sumber_dispersi,
        }
    return out


def _round(x, digits: int):
    return None if x is None or pd.isna(x) else round(float(x), digits)


def warning_summary(warnings: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The ``peringatan_dini`` block of ``ringkasan.json`` (probabilities rounded to 4 decimals)."""
    return {ins: {**w, "probabilitas": _round(w["probabilitas"], 4),
                  "harapan_akhir_bulan": _round(w["harapan_akhir_bulan"], 2)} for ins, w in warnings.items()}


def risk_table(registry: pd.DataFrame, responses: pd.DataFrame, period, cut: date, rule) -> pd.DataFrame:
    """Satkers ranked by risk of missing the running month: lowest probability over SPKP and SPAK first.

    Columns ``kode_satker``, ``probabilitas_spkp``, ``probabilitas_spak``, ``probabilitas_terendah``;
    satkers without a running month are left out, unknown probabilities last (ties by code).
    """
    progress = progress_table(registry, responses, period, cut, aturan=rule)
    rows = []
    per_satker = responses.groupby("kode_satker", sort=False, observed=True).indices  # one pass, not one per satker
    for code, rows_of in progress.groupby("kode_satker", sort=True):
        mine = responses.iloc[per_satker[code]] if code in per_satker else responses.iloc[0:0]
        w = satker_early_warning(mine, rows_of, cut, str(rows_of["mode_hari"].iloc[0]))
        if not w:
            continue
        probs = [w.get(ins, {}).get("probabilitas", float("nan")) for ins in ("SPKP", "SPAK")]
        known = [p for p in probs if pd.notna(p)]
        rows.append({"kode_satker": code, "probabilitas_spkp": probs[0], "probabilitas_spak": probs[1],
                     "probabilitas_terendah": min(known) if known else float("nan")})
    out = pd.DataFrame(rows, columns=["kode_satker", "probabilitas_spkp", "probabilitas_spak", "probabilitas_terendah"])
    return out.sort_values(["probabilitas_terendah", "kode_satker"], na_position="last", kind="stable").reset_index(drop=True)
