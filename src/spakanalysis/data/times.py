"""Fill-in times: the data date, parsing (ISO 8601, a declared pattern, Excel serials) in each zone, local dates."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.data import schemas as sc

__all__ = ["as_now", "has_offset", "time_text", "row_zones", "parse_times", "excel_serial_times", "local_dates"]


def as_now(now: Any) -> pd.Timestamp:
    """The data date as a UTC timestamp (a date = end of that day in WITA)."""
    if now is None:
        return pd.Timestamp.now(tz="UTC")
    if isinstance(now, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", now):
        now = _dt.date.fromisoformat(now.strip())
    if isinstance(now, _dt.date) and not isinstance(now, _dt.datetime):
        start = pd.Timestamp(now).tz_localize(sc.DEFAULT_TIMEZONE)
        return (start + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)).tz_convert("UTC")
    ts = pd.Timestamp(now)
    if ts.tzinfo is None:
        ts = ts.tz_localize(sc.DEFAULT_TIMEZONE)
    return ts.tz_convert("UTC")


def has_offset(text: np.ndarray) -> np.ndarray:
    """Whether each (stripped) ISO time string ends with a UTC offset or ``Z``.

    Decided on the distinct last six characters, so it is cheap for many rows.
    """
    long_enough = np.fromiter(map(len, text), dtype=np.int64, count=len(text)) > 10
    codes, tails = pd.factorize(pd.Series([t[-6:] for t in text], dtype=object))

    def offset(t: str) -> bool:
        return len(t) >= 3 and (
            t[-1] in "Zz"
            or (len(t) >= 6 and t[-6] in "+-" and t[-3] == ":" and t[-2:].isdigit())
            or (len(t) >= 5 and t[-5] in "+-" and t[-4:].isdigit())
            or (t[-3] in "+-" and t[-2:].isdigit())
        )

    flags = np.fromiter((offset(t) for t in tails), dtype=bool, count=len(tails))
    return long_enough & flags[codes] if len(tails) else long_enough


def time_text(series: pd.Series) -> np.ndarray:
    """Stripped ``waktu_isi`` strings ("" when missing)."""
    return np.asarray([t.strip() if t.__class__ is str else "" for t in series.to_numpy(dtype=object)], dtype=object)


def row_zones(kode: pd.Categorical, zone_of: Mapping[str, str]) -> tuple[np.ndarray, pd.Index]:
    """Time-zone code per row (the satker's zone; unknown satker → WITA) and the zone names."""
    cats = list(kode.categories)
    names = [zone_of.get(c, sc.DEFAULT_TIMEZONE) for c in cats] + [sc.DEFAULT_TIMEZONE]
    zone_codes, zone_names = pd.factorize(pd.Series(names, dtype=object))
    codes = np.asarray(kode.codes)
    per_row = np.full(codes.size, zone_codes[-1], dtype=np.int64)
    per_row[codes >= 0] = zone_codes[codes[codes >= 0]]
    return per_row, pd.Index(zone_names)


#: Excel's day 0 (its serial numbers count days from here, with the 1900 leap-year bug folded in)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")  # 10000-99999: 1927-2173


def excel_serial_times(text: np.ndarray) -> pd.Series:
    """Naive times of the cells that hold an Excel serial number (``45474.25`` = 2024-07-01 06:00), else NaT."""
    out = pd.Series(pd.NaT, index=range(len(text)), dtype="datetime64[ns]")
    is_serial = np.fromiter((bool(_SERIAL.match(t)) for t in text), dtype=bool, count=len(text))
    if is_serial.any():
        days = pd.to_numeric(pd.Series(text[is_serial], dtype=object))
        out[is_serial] = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).dt.round("s").to_numpy()
    return out


def _parse_with_format(text: np.ndarray, fmt: str) -> tuple[pd.Series, np.ndarray]:
    """Times read with a strftime pattern (UTC when it holds ``%z``), and which of them were naive."""
    series = pd.Series(text, dtype=object)
    if "%z" in fmt:
        waktu = pd.to_datetime(series, format=fmt, utc=True, errors="coerce")
        return waktu, np.zeros(len(text), dtype=bool)
    local = pd.to_datetime(series, format=fmt, errors="coerce")
    return local.dt.tz_localize("UTC"), local.notna().to_numpy()


def parse_times(text: np.ndarray, row_zone: np.ndarray, zone_names: pd.Index, *, fmt: str | None = None,
                naive_zone: str | None = None) -> pd.Series:
    """Parse fill-in times to UTC.

    ISO 8601 always; with ``fmt`` (``[respons] format_waktu``) that strftime pattern first;
    Excel serial numbers (an XLSX cell kept as a number) as well. Times without an offset are
    local to ``naive_zone`` (``[respons] zona_waktu``) when given, else to the row's satker zone.
    """
    waktu = pd.to_datetime(pd.Series(text, dtype=object), format="ISO8601", utc=True, errors="coerce")
    naive = ~has_offset(text) & waktu.notna().to_numpy()
    if fmt is not None:
        by_fmt, fmt_naive = _parse_with_format(text, fmt)
        use = by_fmt.notna().to_numpy()
        waktu[use] = by_fmt[use]
        naive = np.where(use, fmt_naive, naive)
    serial = excel_serial_times(text)
    use = serial.notna().to_numpy() & waktu.isna().to_numpy()
    if use.any():
        waktu[use] = serial[use].dt.tz_localize("UTC")
        naive = naive | use
    return _localize_naive(waktu, naive, row_zone, zone_names, naive_zone)


def _localize_naive(waktu: pd.Series, naive: np.ndarray, row_zone: np.ndarray, zone_names: pd.Index,
                    naive_zone: str | None) -> pd.Series:
    """Read the wall-clock times of the ``naive`` rows in their zone, as UTC."""
    if not naive.any():
        return waktu
    if naive_zone is not None:
        local = waktu[naive].dt.tz_localize(None).dt.tz_localize(naive_zone, ambiguous="NaT", nonexistent="NaT")
        waktu[naive] = local.dt.tz_convert("UTC")
        return waktu
    for z in np.unique(row_zone[naive]):
        mask = naive & (row_zone == z)
        local = waktu[mask].dt.tz_localize(None).dt.tz_localize(zone_names[z], ambiguous="NaT", nonexistent="NaT")
        waktu[mask] = local.dt.tz_convert("UTC")
    return waktu


def local_dates(waktu: pd.Series, row_zone: np.ndarray, zone_names: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Local calendar date (``datetime.date`` or ``None``) and month ``"YYYY-MM"`` of each row."""
    n = len(waktu)
    tanggal = np.full(n, None, dtype=object)
    bulan = np.full(n, "", dtype=object)
    valid = waktu.notna().to_numpy()
    if valid.any():
        for z in np.unique(row_zone[valid]):
            mask = valid & (row_zone == z)
            day = waktu[mask].dt.tz_convert(zone_names[z]).dt.tz_localize(None).dt.normalize()
            codes, days = pd.factorize(day)
            tanggal[mask] = np.asarray([d.date() for d in days], dtype=object)[codes]
            bulan[mask] = np.asarray([d.strftime("%Y-%m") for d in days], dtype=object)[codes]
    return tanggal, bulan
