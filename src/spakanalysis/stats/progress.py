"""Progress against the minimum number of respondents, per satker, instrument and month.

The ministry's minimum is set **per month**: every month of a reporting period
gets its own minimum, count of valid responses, daily target and status. All
arithmetic is vectorised, so the whole Kanwil (or the whole ministry: 1,000
satkers, 1,000,000 responses) is computed in one pass by :func:`progress_table`.

Definitions (documented in the report's methodology annex):

* **respons sah** — external respondent, local date inside the month and not
  after the data cut-off (*tanggal data*), not excluded by validation
  (duplicate, invalid value, ...), and complete for the instrument.
* **hari berjalan / hari sisa** — counted days (calendar or service days, see
  :mod:`spakanalysis.core.calendars`) from the start of the month up to and
  including the cut-off date, and after it up to the end of the month.
* **laju** — valid responses per counted day elapsed.
* **target harian** — ``ceil(kekurangan / hari sisa)``: the largest day of the
  daily plan, which spreads the shortfall over every remaining counted day as
  evenly as possible (days differ by at most 1; the extra ones come first).
* **proyeksi** — ``respons sah + laju × hari sisa``.
* **status** — see ``config/progres.toml``.
* **explicit ranges** — a month only partly inside the period (e.g. 15–31 July)
  gets the same share of its minimum, rounded up (``minimum_bulan_penuh`` keeps
  the whole-month value).
* **default cut-off** — the last response's local date; with no response at
  all, today in WITA, capped at the period end.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.calendars import hari_layanan, jumlah_hari_layanan, mode_hari_layanan
from spakanalysis.core.config import load_config
from spakanalysis.core.enums import TARGET_INSTRUMENTS, Status
from spakanalysis.core.errors import ParameterError
from spakanalysis.core.periods import Periode, parse_periode
from spakanalysis.stats.sample_size import minimum_respondents, rule_for

__all__ = [
    "INSTRUMEN_TARGET",
    "STATUS_URUTAN",
    "AturanSampel",
    "AmbangStatus",
    "tanggal_data_bawaan",
    "valid_mask",
    "window_mask",
    "exclusion_summary",
    "daily_counts",
    "progress_table",
    "daily_plan",
    "even_split",
    "capped_attainment",
    "overall_status",
    "STATUS_HARI_HABIS",
    "target_start",
]

#: The instruments with a monthly minimum, in report order (plain strings of :data:`TARGET_INSTRUMENTS`).
INSTRUMEN_TARGET = tuple(ins.value for ins in TARGET_INSTRUMENTS)

#: Status names, from best to worst (used to pick the worst of several): the values of :class:`Status`.
STATUS_URUTAN = tuple(status.value for status in Status)

#: Status of a running month short of its minimum with no counted (service) day left before its end.
STATUS_HARI_HABIS = Status.NO_SERVICE_DAYS_LEFT.value


def target_start() -> date | None:
    """From when the monthly minimums apply: ``[target] berlaku_mulai`` of ``config/progres.toml`` (or ``None``)."""
    value = load_config("progres").get("target", {}).get("berlaku_mulai")
    if value is None or isinstance(value, date):
        return value
    raise ParameterError(f'berlaku_mulai "{value}" di progres.toml harus tanggal TOML, mis. 2024-07-01.')


@dataclass(frozen=True)
class AturanSampel:
    """How the monthly minimum is computed from the number of service users.

    Parameters
    ----------
    aturan : str
        A rule of :func:`spakanalysis.stats.sample_size.minimum_respondents`
        (``"ntt-2024"``, ``"krejcie-morgan"``, ``"slovin"`` ...).
    galat : float
        Margin of error (Slovin's *e*, Krejcie–Morgan's *d*).
    lantai : int, optional
        A floor, e.g. the ministry's 30 respondents per month.
    berlaku_mulai : date, optional
        From when the minimums apply (default ``[target] berlaku_mulai`` of
        ``config/progres.toml``); a month that ends before it has no minimum and
        the status "Target belum berlaku". ``None``: every month has its minimum.
    """

    aturan: str = "ntt-2024"
    galat: float = 0.05
    lantai: int | None = None
    berlaku_mulai: date | None = field(default_factory=lambda: target_start())

    def minimum(self, populasi):
        return minimum_respondents(populasi, self.aturan, e=self.galat, floor=self.lantai)

    def metode(self, populasi):
        return rule_for(populasi, self.aturan)


@dataclass(frozen=True)
class AmbangStatus:
    """Thresholds on ``proyeksi / minimum`` for a running month (defaults from ``config/progres.toml``)."""

    sesuai_target: float = field(default_factory=lambda: load_config("progres")["status"]["sesuai_target"])
    perlu_percepatan: float = field(default_factory=lambda: load_config("progres")["status"]["perlu_percepatan"])

    def __post_init__(self) -> None:
        if not 0 < self.perlu_percepatan <= self.sesuai_target:
            raise ParameterError(
                f"Ambang status tidak valid: perlu_percepatan ({self.perlu_percepatan}) harus > 0 "
                f"dan ≤ sesuai_target ({self.sesuai_target})."
            )


def _as_datetime_days(values: pd.Series) -> pd.Series:
    """Local dates as ``datetime64`` at midnight (accepts python ``date`` objects)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.tz_localize(None).dt.normalize() if values.dt.tz is not None else values.dt.normalize()
    return pd.to_datetime(values, errors="coerce")


def hari_ini_wita() -> date:
    """Today's date in WITA (Asia/Makassar), whatever the machine's time zone."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Makassar")).date()


def tanggal_data_bawaan(respons: pd.DataFrame, periode: Periode | None = None) -> date | None:
    """Default cut-off date: the local date of the last usable response in the data.

    With no usable response at all and a period given: today in WITA, capped at
    the period's end (not the period's end itself, which would close every month).
    """
    days = pd.Series(dtype="datetime64[ns]")
    if not respons.empty:
        ok = respons["dikecualikan"].isna() if "dikecualikan" in respons else pd.Series(True, index=respons.index)
        days = _as_datetime_days(respons.loc[ok, "tanggal_lokal"]).dropna()
    if not days.empty:
        return days.max().date()
    return None if periode is None else min(hari_ini_wita(), periode.akhir)


def _usable_external(respons: pd.DataFrame) -> pd.Series:
    """External respondents not excluded by validation (the part of validity shared by all instruments)."""
    jenis = respons["jenis_responden"]
    mask = (jenis == "eksternal") | (jenis.astype("string").str.lower() == "eksternal").fillna(False)
    if "dikecualikan" in respons:
        mask &= respons["dikecualikan"].isna()
    return mask.astype(bool)


def _in_window(days: pd.Series, mulai: date, akhir: date) -> pd.Series:
    return (days >= pd.Timestamp(mulai)) & (days <= pd.Timestamp(akhir))


def window_mask(respons: pd.DataFrame, mulai: date, akhir: date) -> pd.Series:
    """Rows whose local date lies in ``mulai`` … ``akhir`` (inclusive), the period part of *respons sah*.

    With :func:`valid_mask` (external, not excluded, complete) it makes the whole rule; ``akhir``
    is the period's end or the data cut-off, whichever comes first.
    """
    days = _as_datetime_days(respons["tanggal_lokal"]) if len(respons) else pd.Series(dtype="datetime64[ns]")
    return _in_window(days, mulai, akhir)


def valid_mask(respons: pd.DataFrame, instrumen: str, *, base: pd.Series | None = None) -> pd.Series:
    """Rows that count for ``instrumen`` regardless of the period (external, not excluded, complete)."""
    col = f"lengkap_{instrumen.lower()}"
    mask = _usable_external(respons) if base is None else base
    if col in respons:
        mask = mask & respons[col].fillna(False).astype(bool)
    return mask.astype(bool)


def exclusion_summary(
    respons: pd.DataFrame, periode: Periode, tanggal_data: date, instrumen: tuple[str, ...] = INSTRUMEN_TARGET
) -> pd.DataFrame:
    """Why rows of one satker's responses were not counted, one row per reason.

    Reasons are applied in order and each row is counted once, under its
    first reason: validation (duplicate, invalid value, ...), outside the
    period, after the cut-off date, internal respondent, incomplete.

    Returns
    -------
    DataFrame
        Columns ``alasan`` plus one count column per instrument; the last row
        is ``"Dihitung (respons sah)"``.
    """
    days = _as_datetime_days(respons["tanggal_lokal"]) if len(respons) else pd.Series(dtype="datetime64[ns]")
    start, end, cut = (pd.Timestamp(periode.mulai), pd.Timestamp(periode.akhir), pd.Timestamp(tanggal_data))
    reasons = pd.Series(pd.NA, index=respons.index, dtype="string")
    if "dikecualikan" in respons:
        reasons = reasons.fillna(respons["dikecualikan"].astype("string").map(lambda s: f"Validasi: {s}", na_action="ignore"))
    reasons = reasons.mask(reasons.isna() & ((days < start) | (days > end)), "Di luar periode laporan")
    reasons = reasons.mask(reasons.isna() & (days > cut), "Setelah tanggal data")
    external = respons["jenis_responden"].astype("string").str.lower().eq("eksternal").fillna(False)
    reasons = reasons.mask(reasons.isna() & ~external, "Responden internal (tidak dihitung)")
    out = {}
    for ins in instrumen:
        col = f"lengkap_{ins.lower()}"
        r = reasons.copy()
        if col in respons:
            r = r.mask(r.isna() & ~respons[col].fillna(False).astype(bool), f"Isian {ins} tidak lengkap")
        out[ins] = r.fillna("Dihitung (respons sah)").value_counts()
    table = pd.DataFrame(out).reindex(columns=list(instrumen)).fillna(0).astype("int64")
    if "Dihitung (respons sah)" not in table.index:
        table.loc["Dihitung (respons sah)"] = 0
    order = sorted(table.index, key=lambda s: (s == "Dihitung (respons sah)", s))
    return table.loc[order].rename_axis("alasan").reset_index()


def daily_counts(
    respons: pd.DataFrame, periode: Periode, tanggal_data: date, instrumen: tuple[str, ...] = INSTRUMEN_TARGET
) -> pd.DataFrame:
    """Valid responses per local date for every day of the period up to the cut-off.

    Returns
    -------
    DataFrame
        Index ``tanggal`` (every calendar day from the start of the period to
        ``min(akhir, tanggal_data)``), one column per instrument with the daily
        count and ``<instrumen>_kumulatif`` with the running total per month.
    """
    last = min(periode.akhir, tanggal_data)
    index = pd.date_range(periode.mulai, last, freq="D", name="tanggal") if last >= periode.mulai else pd.DatetimeIndex([], name="tanggal")
    days = _as_datetime_days(respons["tanggal_lokal"]) if len(respons) else pd.Series(dtype="datetime64[ns]")
    out = pd.DataFrame(index=index)
    month = index.to_period("M")
    for ins in instrumen:
        m = valid_mask(respons, ins) if len(respons) else pd.Series(dtype=bool)
        counts = days[m].value_counts().reindex(index, fill_value=0).astype("int64")
        out[ins] = counts.to_numpy()
        out[f"{ins}_kumulatif"] = counts.groupby(month).cumsum().to_numpy()
    return out


def _month_frame(periode: Periode, tanggal_data: date, modes: list[str]) -> pd.DataFrame:
    """Day counts for each (mode, month) of the period."""
    rows = []
    for mode in sorted(set(modes)):
        for b in periode.bulan():
            total = jumlah_hari_layanan(b.mulai, b.akhir, mode)
            berjalan = jumlah_hari_layanan(b.mulai, min(b.akhir, tanggal_data), mode)
            rows.append(
                {
                    "mode_hari": mode,
                    "bulan": b.kode,
                    "bulan_label": b.label,
                    "mulai": b.mulai,
                    "akhir": b.akhir,
                    "hari_total": total,
                    "hari_berjalan": berjalan,
                    "hari_sisa": total - berjalan,
                    "fase": "belum" if tanggal_data < b.mulai else ("selesai" if tanggal_data >= b.akhir else "berjalan"),
                    # share of the calendar month the period covers (1 for whole months)
                    "porsi_bulan": ((b.akhir - b.mulai).days + 1) / calendar.monthrange(b.mulai.year, b.mulai.month)[1],
                }
            )
    return pd.DataFrame(rows)


def _month_grid(reg: pd.DataFrame, months: pd.DataFrame, counts: pd.DataFrame, instrumen) -> pd.DataFrame:
    """One row per satker, month and instrument with its minimum and its valid responses."""
    keys = reg[["kode_satker", "mode_hari", "populasi", "minimum", "metode"]]
    grid = keys.merge(months, on="mode_hari").merge(pd.DataFrame({"instrumen": list(instrumen)}), how="cross")
    # a month only partly inside an explicit range gets the same share of its minimum (rounded up)
    part = grid["porsi_bulan"] < 1
    grid["minimum_bulan_penuh"] = grid["minimum"]
    grid.loc[part, "minimum"] = np.ceil(grid.loc[part, "minimum"] * grid.loc[part, "porsi_bulan"] - 1e-9).astype("int64")
    grid["bulan_kunci"] = grid["mulai"].map(lambda d: d.year * 100 + d.month).astype("int64")
    grid = grid.merge(counts, on=["kode_satker", "instrumen", "bulan_kunci"], how="left").drop(columns="bulan_kunci")
    grid["respons_sah"] = grid["respons_sah"].fillna(0).astype("int64")
    return grid


def progress_table(
    satker: pd.DataFrame,
    respons: pd.DataFrame,
    periode: Periode | str,
    tanggal_data: date | None = None,
    *,
    aturan: AturanSampel = AturanSampel(),
    ambang: AmbangStatus | None = None,
    instrumen: tuple[str, ...] = INSTRUMEN_TARGET,
) -> pd.DataFrame:
    """Progress of every satker of ``satker`` for each instrument and month of the period.

    Parameters
    ----------
    satker : DataFrame
        Registry rows (``kode_satker``, ``jumlah_pengguna_layanan``, ``jenis_satker``,
        optional ``hari_layanan``).
    respons : DataFrame
        Loaded responses (see :func:`spakanalysis.data.dataset.load_dataset`).
    periode : Periode or str
        Reporting period.
    tanggal_data : date, optional
        Data cut-off ("data per tanggal"); default: the last response's local date.
    aturan : AturanSampel
        Sample-size rule for the monthly minimum.
    ambang : AmbangStatus, optional
        Status thresholds.

    Returns
    -------
    DataFrame
        One row per (kode_satker, instrumen, bulan) with ``populasi``, ``metode``,
        ``minimum``, ``respons_sah``, ``capaian_persen``, ``kekurangan``,
        ``hari_total``, ``hari_berjalan``, ``hari_sisa``, ``laju_per_hari``,
        ``target_harian``, ``proyeksi``, ``status``.

    Examples
    --------
    With the Kanwil's 48 service users the monthly minimum is 43; 20 valid
    responses after 10 of 22 service days project to 44, so the month is on
    track and needs ``ceil(23 / 12) = 2`` responses a day.
    """
    periode = parse_periode(periode)
    ambang = ambang or AmbangStatus()
    if tanggal_data is None:
        tanggal_data = tanggal_data_bawaan(respons, periode)
    reg = _registry(satker, aturan)
    months = _month_frame(periode, tanggal_data, reg["mode_hari"].tolist())
    counts = _valid_counts(respons, periode.mulai, min(periode.akhir, tanggal_data), instrumen)
    out = _derive(_target_start(_month_grid(reg, months, counts, instrumen), aturan.berlaku_mulai), ambang)
    order = {k: i for i, k in enumerate(reg["kode_satker"])}
    out["_o"] = out["kode_satker"].map(order)
    out["_i"] = out["instrumen"].map({k: i for i, k in enumerate(instrumen)})
    out = out.sort_values(["_o", "_i", "mulai"], kind="stable").drop(columns=["_o", "_i"]).reset_index(drop=True)
    out.attrs["tanggal_data"] = tanggal_data
    out.attrs["periode"] = periode
    return out


def _target_start(grid: pd.DataFrame, start: date | None) -> pd.DataFrame:
    """Flag the months that end before ``start``: no minimum, so they drop out of every attainment figure."""
    grid["target_berlaku"] = True if start is None else grid["akhir"] >= start
    grid.loc[~grid["target_berlaku"], "minimum"] = 0
    return grid


def _registry(satker: pd.DataFrame, aturan: AturanSampel) -> pd.DataFrame:
    """The registry with each satker's day mode, population, monthly minimum and method."""
    reg = satker.reset_index(drop=True).copy() if "kode_satker" in satker else satker.reset_index().copy()
    hl = reg["hari_layanan"] if "hari_layanan" in reg else pd.Series(pd.NA, index=reg.index)
    reg["mode_hari"] = [mode_hari_layanan(j, h if pd.notna(h) else None) for j, h in zip(reg["jenis_satker"], hl)]
    pop = pd.to_numeric(reg["jumlah_pengguna_layanan"]).astype("int64")
    reg["populasi"] = pop
    reg["minimum"] = aturan.minimum(pop).to_numpy()
    reg["metode"] = aturan.metode(pop).to_numpy()
    return reg


def _valid_counts(respons: pd.DataFrame, mulai: date, akhir: date, instrumen: tuple[str, ...]) -> pd.DataFrame:
    """Valid responses per satker, instrument and month key ``YYYYMM`` (one vectorised pass)."""
    days = _as_datetime_days(respons["tanggal_lokal"]) if len(respons) else pd.Series(dtype="datetime64[ns]")
    in_window = _in_window(days, mulai, akhir)
    base = (_usable_external(respons) & in_window) if len(respons) else in_window
    month_key = (days.dt.year * 100 + days.dt.month) if len(respons) else days
    counts = []
    for ins in instrumen:
        m = valid_mask(respons, ins, base=base) if len(respons) else in_window
        c = (
            pd.DataFrame({"kode_satker": respons.loc[m, "kode_satker"], "bulan_kunci": month_key[m].astype("int64")})
            .groupby(["kode_satker", "bulan_kunci"]).size().rename("respons_sah").reset_index()
        )
        c["instrumen"] = ins
        counts.append(c)
    return pd.concat(counts, ignore_index=True)


def _derive(g: pd.DataFrame, ambang: AmbangStatus) -> pd.DataFrame:
    """Vectorised arithmetic and status for a frame of (satker, instrument, month) rows."""
    n, mn = g["respons_sah"].to_numpy(), g["minimum"].to_numpy()
    berjalan, sisa = g["hari_berjalan"].to_numpy(), g["hari_sisa"].to_numpy()
    g["capaian_persen"] = np.where(mn > 0, n / np.where(mn > 0, mn, 1) * 100.0, np.nan)
    kurang = np.maximum(mn - n, 0)
    g["kekurangan"] = kurang
    laju = np.where(berjalan > 0, n / np.where(berjalan > 0, berjalan, 1), np.nan)
    g["laju_per_hari"] = laju
    g["target_harian"] = np.where(
        sisa > 0, np.ceil(kurang / np.where(sisa > 0, sisa, 1)), np.where(kurang > 0, np.nan, 0)
    )
    g["proyeksi"] = np.where(berjalan > 0, n + np.nan_to_num(laju) * sisa, np.where(g["fase"] == "belum", np.nan, n))
    ratio = np.where(mn > 0, g["proyeksi"].to_numpy() / np.where(mn > 0, mn, 1), np.nan)
    fase = g["fase"].to_numpy()
    g["status"] = np.select(
        [
            ~g["target_berlaku"].to_numpy(bool),
            n >= mn,
            fase == "selesai",
            fase == "belum",
            berjalan == 0,
            sisa == 0,
            ratio >= ambang.sesuai_target,
            ratio >= ambang.perlu_percepatan,
        ],
        [Status.TARGET_NOT_YET.value, Status.ACHIEVED.value, Status.MISSED.value, Status.NOT_STARTED.value, Status.NOT_STARTED.value,
         Status.NO_SERVICE_DAYS_LEFT.value, Status.ON_TRACK.value, Status.NEEDS_ACCELERATION.value],
        default=Status.CRITICAL.value,
    )
    return g


def capped_attainment(respons_sah, minimum) -> float:
    """Attainment in percent over several months, each month capped at its minimum.

    ``sum(min(respons_sah, minimum)) / sum(minimum) * 100``: one month's surplus never
    hides another month's shortfall (the same rule as the Kanwil recap across satkers).
    NaN when the minimums sum to 0.

    Examples
    --------
    >>> capped_attainment([50, 10], [40, 40])
    62.5
    """
    n = np.asarray(respons_sah, dtype=float)
    m = np.asarray(minimum, dtype=float)
    total = m.sum()
    return float(np.minimum(n, m).sum() / total * 100) if total > 0 else float("nan")


def overall_status(statuses) -> str:
    """The worst of several statuses (order: :data:`STATUS_URUTAN`)."""
    vals = [s for s in statuses if isinstance(s, str)]
    if not vals:
        return Status.NOT_STARTED.value
    return max(vals, key=STATUS_URUTAN.index)


def current_month_rows(progress: pd.DataFrame, tanggal_data: date) -> pd.DataFrame:
    """Rows of the month that contains the cut-off (or the last month when the period is over)."""
    if progress.empty:
        return progress
    mask = (progress["mulai"] <= tanggal_data) & (progress["akhir"] >= tanggal_data)
    if not mask.any():
        last = progress["mulai"].max() if tanggal_data > progress["akhir"].max() else progress["mulai"].min()
        mask = progress["mulai"] == last
    return progress[mask]


def even_split(total: int, days: int) -> list[int]:
    """Split ``total`` responses over ``days`` days as evenly as possible.

    Every day gets ``total // days`` and the first ``total % days`` days one more,
    so the numbers differ by at most 1 and sum exactly to ``total``.

    Examples
    --------
    >>> even_split(18, 8)
    [3, 3, 2, 2, 2, 2, 2, 2]
    >>> even_split(3, 5)
    [1, 1, 1, 0, 0]
    """
    if days <= 0:
        return []
    base, extra = divmod(int(total), int(days))
    return [base + 1 if i < extra else base for i in range(days)]


def daily_plan(row: pd.Series | dict[str, Any], tanggal_data: date, mode_hari: str) -> pd.DataFrame:
    """Day-by-day plan to reach the minimum for the remaining counted days of one month.

    Parameters
    ----------
    row : Series or dict
        One row of :func:`progress_table` (needs ``mulai``, ``akhir``,
        ``respons_sah``, ``minimum``, ``target_harian``).
    tanggal_data : date
        Data cut-off; the plan starts the day after (or at the month start).
    mode_hari : str
        Day mode of the satker.

    Returns
    -------
    DataFrame
        Columns ``tanggal``, ``target`` (responses to collect that day) and
        ``kumulatif_rencana``; empty when the month is over or already reached.
        The shortfall is spread over *every* remaining counted day (see
        :func:`even_split`), so the plan sums exactly to the shortfall and its
        largest day equals ``target_harian``.
    """
    start = max(row["mulai"], date.fromordinal(tanggal_data.toordinal() + 1))
    days = hari_layanan(start, row["akhir"], mode_hari)
    kurang = int(max(row["minimum"] - row["respons_sah"], 0))
    if not days or kurang == 0:
        return pd.DataFrame(columns=["tanggal", "target", "kumulatif_rencana"])
    targets = even_split(kurang, len(days))
    plan = pd.DataFrame({"tanggal": days, "target": targets})
    plan["kumulatif_rencana"] = int(row["respons_sah"]) + plan["target"].cumsum()
    return plan[plan["target"] > 0].reset_index(drop=True)
