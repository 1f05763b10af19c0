"""Fill-in times: the data date, ISO 8601 parsing in each satker's time zone, local dates."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.data import schemas as sc

__all__ = ["as_now", "has_offset", "time_text", "row_zones", "parse_times", "local_dates"]


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


def parse_times(text: np.ndarray, row_zone: np.ndarray, zone_names: pd.Index) -> pd.Series:
    """Parse ISO 8601 fill-in times to UTC; times without offset are local to the row's zone."""
    waktu = pd.to_datetime(pd.Series(text, dtype=object), format="ISO8601", utc=True, errors="coerce")
    naive = ~has_offset(text) & waktu.notna().to_numpy()
    if naive.any():
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
