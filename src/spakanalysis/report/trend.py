"""Trend of one satker over every month in the data, and the running month week by week.

* :func:`monthly_trend` — IPKP, IPAK (with 95% intervals) and attainment (% of the monthly
  minimum) for every calendar month from the first month of the data (any satker) to the
  month of the data cut-off. A month before the target start has no attainment.
* :func:`weekly_progress` — for the running month (the one holding the cut-off), valid
  responses per week (Monday–Sunday, clipped to the month) against the week's share of the
  minimum: ``minimum × counted days in the week / counted days in the month``.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd

from spakanalysis.core.calendars import jumlah_hari_layanan
from spakanalysis.core.enums import INDEX_NAMES, TARGET_INSTRUMENTS
from spakanalysis.core.periods import month_populations, parse_periode
from spakanalysis.report.feedback import counted_responses
from spakanalysis.stats.groups import index_by
from spakanalysis.stats.progress import AturanSampel, current_month_rows, progress_table, valid_mask

__all__ = ["monthly_trend", "weekly_progress", "first_data_day"]


def first_data_day(respons: pd.DataFrame) -> date | None:
    """The earliest local date of a usable (not excluded) response in the data, any satker."""
    if respons.empty:
        return None
    ok = respons["dikecualikan"].isna() if "dikecualikan" in respons else pd.Series(True, index=respons.index)
    days = pd.to_datetime(respons.loc[ok, "tanggal_lokal"], errors="coerce").dropna()
    return None if days.empty else days.min().date()


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _index_columns(dataset, responses: pd.DataFrame, counted: pd.Series, population: float | None,
                   start: date, end: date) -> pd.DataFrame:
    """IPKP/IPAK per month (``bulan`` ``YYYY-MM``) with n and the interval."""
    pops = None if population is None else pd.Series(month_populations(population, start, end))
    parts = []
    for ins in TARGET_INSTRUMENTS:
        sub = responses[counted & valid_mask(responses, str(ins))]
        name = INDEX_NAMES[str(ins)]
        if sub.empty:
            continue
        t = index_by(sub, dataset.instrumen, str(ins), "bulan", population=pops)
        parts.append(t.set_index("bulan")[["n", "nilai", "ci_bawah", "ci_atas"]].add_prefix(f"{name}_"))
    return pd.concat(parts, axis=1) if parts else pd.DataFrame()


def monthly_trend(dataset, responses: pd.DataFrame, registry: pd.DataFrame, cut: date,
                  rule: AturanSampel) -> pd.DataFrame:
    """IPKP, IPAK and attainment of one satker for every month from the data's first month to the cut-off's.

    Returns
    -------
    DataFrame
        One row per month: ``bulan`` (``YYYY-MM``), ``bulan_label``, ``mulai``, ``akhir``,
        ``target_berlaku``, ``berjalan`` (the cut-off falls before the month's end),
        ``capaian_SPKP`` / ``capaian_SPAK`` (percent of the minimum, NaN before the target
        start), and per index ``IPKP_n``, ``IPKP_nilai``, ``IPKP_ci_bawah``, ``IPKP_ci_atas``
        (same for IPAK; NaN for a month without responses). Empty without any data.
    """
    first = first_data_day(dataset.respons)
    if first is None or first > cut:
        return pd.DataFrame()
    start, end = date(first.year, first.month, 1), _month_end(cut)
    window = parse_periode(None, mulai=start, akhir=end)
    progress = progress_table(registry, responses, window, cut, aturan=rule)
    months = progress[progress["instrumen"] == TARGET_INSTRUMENTS[0]][["bulan", "bulan_label", "mulai", "akhir",
                                                                      "target_berlaku"]].reset_index(drop=True)
    months["berjalan"] = months["akhir"] > cut
    for ins in TARGET_INSTRUMENTS:
        rows = progress[progress["instrumen"] == ins].set_index("bulan")["capaian_persen"]
        months[f"capaian_{ins}"] = months["bulan"].map(rows).astype(float)
    population = float(registry["jumlah_pengguna_layanan"].iloc[0])
    counted = counted_responses(responses, window, cut)
    indices = _index_columns(dataset, responses, counted, population, start, min(end, cut))
    out = months.merge(indices, left_on="bulan", right_index=True, how="left") if len(indices) else months
    for name in ("IPKP", "IPAK"):
        for col in ("n", "nilai", "ci_bawah", "ci_atas"):
            if f"{name}_{col}" not in out:
                out[f"{name}_{col}"] = math.nan
        out[f"{name}_n"] = out[f"{name}_n"].fillna(0).astype("int64")
    return out.reset_index(drop=True)


def _weeks(start: date, end: date) -> list[tuple[date, date]]:
    """Monday–Sunday weeks covering ``start`` … ``end``, each clipped to it."""
    out, day = [], start
    while day <= end:
        sunday = day + timedelta(days=6 - day.weekday())
        out.append((day, min(sunday, end)))
        day = sunday + timedelta(days=1)
    return out


def weekly_progress(progress: pd.DataFrame, harian: pd.DataFrame, cut: date, mode_hari: str) -> pd.DataFrame:
    """Valid responses per week of the running month against the week's share of the minimum.

    Parameters
    ----------
    progress : DataFrame
        The report's progress table (the running month is taken from it).
    harian : DataFrame
        The report's daily counts (:func:`~spakanalysis.stats.progress.daily_counts`).
    cut : date
        The data cut-off.
    mode_hari : str
        The satker's day mode (which days count).

    Returns
    -------
    DataFrame
        One row per week: ``minggu`` (1, 2, …), ``mulai``, ``akhir``, ``hari_layanan``, ``fase``
        (``selesai``, ``berjalan``, ``belum``), and per instrument ``target_<ins>`` (the share, NaN
        before the target start) and ``<ins>`` (valid responses up to the cut-off). The frame's
        ``attrs`` hold ``bulan_label`` and ``target_berlaku``. Empty when the period has no month.
    """
    now = current_month_rows(progress, cut)
    if now.empty:
        return pd.DataFrame()
    first = now.iloc[0]
    month_start, month_end = first["mulai"], first["akhir"]
    total_days = jumlah_hari_layanan(month_start, month_end, mode_hari)
    rows = []
    for i, (a, b) in enumerate(_weeks(month_start, month_end), start=1):
        days = jumlah_hari_layanan(a, b, mode_hari)
        row = {"minggu": i, "mulai": a, "akhir": b, "hari_layanan": days,
               "fase": "belum" if a > cut else ("selesai" if b <= cut else "berjalan")}
        for ins in TARGET_INSTRUMENTS:
            r = now[now["instrumen"] == ins]
            minimum = float(r["minimum"].iloc[0]) if len(r) else math.nan
            row[f"target_{ins}"] = minimum * days / total_days if total_days and bool(first["target_berlaku"]) else math.nan
            inside = harian[(harian.index >= pd.Timestamp(a)) & (harian.index <= pd.Timestamp(min(b, cut)))]
            row[str(ins)] = int(inside[str(ins)].sum()) if a <= cut and str(ins) in inside else 0
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs.update(bulan_label=first["bulan_label"], target_berlaku=bool(first["target_berlaku"]))
    return out
