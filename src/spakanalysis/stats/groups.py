"""Indices per group (satker, jenis_layanan, bulan, demographic group): the grouping and :func:`index_by`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.errors import InputError
from spakanalysis.stats.estimation import ScaleItems, check_population, estimate, index_rows
from spakanalysis.stats.index_config import check_min_reliable
from spakanalysis.stats.indices import _codebook, _scores
from spakanalysis.stats.scales import check_conversion

__all__ = ["LABEL_KOSONG", "month_key", "index_by", "group_keys", "group_codes", "display_labels", "grouped"]

#: label of the group of rows whose key is missing
LABEL_KOSONG = "(tidak diisi)"


def month_key(dates: pd.Series) -> pd.Series:
    """Month label ``"YYYY-MM"`` of local dates (``date`` objects, datetimes or ISO strings).

    Examples
    --------
    >>> from datetime import date
    >>> month_key(pd.Series([date(2024, 7, 1), date(2024, 12, 31)])).tolist()
    ['2024-07', '2024-12']
    """
    d = dates
    if pd.api.types.is_datetime64_any_dtype(d) and getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_localize(None)
    d = pd.to_datetime(d, errors="coerce")
    return d.dt.strftime("%Y-%m").rename("bulan")


def group_keys(respons: pd.DataFrame, by: str | Sequence[str]) -> pd.DataFrame:
    """The grouping columns ``by`` of ``respons`` (``"bulan"`` derived from ``tanggal_lokal``)."""
    cols = [by] if isinstance(by, str) else list(by)
    if not cols:
        raise InputError("Parameter by harus berisi sedikitnya satu kolom.")
    out = {}
    for c in cols:
        if c in respons.columns:
            out[c] = respons[c]
        elif c == "bulan" and "tanggal_lokal" in respons.columns:
            out[c] = month_key(respons["tanggal_lokal"])
        else:
            raise InputError(f'Kolom pengelompokan "{c}" tidak ada di data respons.')
    return pd.DataFrame(out, index=respons.index)


def group_codes(keys: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Group number of each row (sorted groups, missing keys last) and the group labels."""
    cols = list(keys.columns)
    code = keys.groupby(cols, dropna=False, sort=True, observed=True).ngroup().to_numpy("int64")
    labels = keys.assign(_g=code).drop_duplicates("_g").sort_values("_g").drop(columns="_g")
    return code, labels.reset_index(drop=True)


def _population_for(population: Any, labels: pd.DataFrame) -> np.ndarray:
    g = len(labels)
    if population is None:
        return np.full(g, np.nan)
    if isinstance(population, Real) and not isinstance(population, bool):
        return np.full(g, check_population(population))
    if isinstance(population, Mapping):
        population = pd.Series(dict(population))
    if not isinstance(population, pd.Series):
        raise InputError("population harus angka, dict atau pandas Series (kunci = kelompok, mis. kode_satker).")
    if population.index.has_duplicates:
        raise InputError("population memiliki kunci ganda.")
    names = [n for n in population.index.names if n is not None]
    if names and set(names) <= set(labels.columns) and len(names) == population.index.nlevels:
        cols = names
    elif population.index.nlevels == 1:
        cols = [labels.columns[0]]
    elif population.index.nlevels == labels.shape[1]:
        cols = list(labels.columns)
    else:
        raise InputError("Kunci population tidak cocok dengan kolom pengelompokan.")
    idx = pd.MultiIndex.from_frame(labels[cols]) if len(cols) > 1 else pd.Index(labels[cols[0]])
    vals = pd.to_numeric(population, errors="coerce").reindex(idx).to_numpy(dtype=float)
    for v in vals:
        check_population(v)
    return vals


def display_labels(labels: pd.DataFrame) -> pd.DataFrame:
    """Group labels as shown: a missing key becomes :data:`LABEL_KOSONG`."""
    out = labels.copy()
    for c in out.columns:
        col = out[c].astype(object)
        out[c] = col.where(col.notna(), LABEL_KOSONG)
    return out


def grouped(
    respons: pd.DataFrame,
    instrumen: pd.DataFrame,
    instrument: str,
    by: str | Sequence[str],
    *,
    population: Any,
    weights: Any,
    conversion: str,
    min_reliable: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame, ScaleItems, np.ndarray]:
    """Labels, result rows, items and populations of the groups of ``respons`` by ``by``."""
    items = _codebook(instrumen, instrument, weights)
    conversion = check_conversion(conversion)
    min_rel = check_min_reliable(min_reliable)
    x = _scores(respons, items).to_numpy()
    keys = group_keys(respons, by)
    code, labels = group_codes(keys)
    pop = _population_for(population, labels)
    est = estimate(x, np.array(items.weights), code, len(labels), pop)
    return labels, index_rows(est, items, pop, conversion, min_rel), items, pop


def index_by(
    respons: pd.DataFrame,
    instrumen: pd.DataFrame,
    instrument: str,
    by: str | Sequence[str],
    *,
    population: Any = None,
    weights: Mapping[str, float] | Sequence[float] | None = None,
    conversion: str = "max",
    min_reliable: int | None = None,
) -> pd.DataFrame:
    """Index per group (satker, jenis_layanan, bulan, …), computed like :func:`compute_index`.

    Parameters
    ----------
    by : str or list of str
        Grouping columns. ``"bulan"`` is derived from ``tanggal_lokal`` (``"YYYY-MM"``) when
        the data has no such column.
    population : number, dict or Series, optional
        ``N`` per group for the finite-population correction: a number (same N for every
        group), or a Series/dict keyed by the first ``by`` column (e.g. ``kode_satker`` →
        jumlah_pengguna_layanan), by the columns named in the Series index, or by the full
        group key (tuples).

    Returns
    -------
    DataFrame
        One row per observed group (sorted; missing keys shown as ``"(tidak diisi)"``, last):
        the ``by`` columns, ``n``, ``nilai``, ``ci_bawah``, ``ci_atas``, ``margin``, ``se``,
        ``nilai_skala4``, ``nilai_100``, ``cukup``, ``keterangan``.

    Examples
    --------
    >>> cb = pd.DataFrame({"instrumen": ["SPAK"], "kode_butir": ["a"], "unsur": ["A"],
    ...     "skala_min": [1], "skala_maks": [4], "terbalik": ["tidak"], "bobot": [np.nan]})
    >>> r = pd.DataFrame({"kode_satker": ["X", "X", "Y"], "a": [4.0, 3.0, 2.0]})
    >>> index_by(r, cb, "SPAK", "kode_satker")[["kode_satker", "n", "nilai"]]
      kode_satker  n  nilai
    0           X  2    3.5
    1           Y  1    2.0
    """
    labels, rows, _, _ = grouped(
        respons,
        instrumen,
        instrument,
        by,
        population=population,
        weights=weights,
        conversion=conversion,
        min_reliable=min_reliable,
    )
    return pd.concat([display_labels(labels), rows], axis=1)
