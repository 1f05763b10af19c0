"""Vectorised helpers of the loader: text cells to categoricals and back to pandas ``str`` columns."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["strip_text", "factorize_text", "recode", "str_column", "stripped_or_none", "category_values"]


def strip_text(value: object) -> str:
    """A cell as stripped text; ``None``/NaN → ``""``."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def factorize_text(series: pd.Series, transform=strip_text) -> tuple[np.ndarray, list]:
    """Codes per row and transformed distinct values (row NaN → code -1)."""
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    return codes, [transform(u) for u in uniques]


def recode(codes: np.ndarray, values: Sequence[object]) -> pd.Categorical:
    """Categorical from per-row codes into ``values``; blank/None values become NA."""
    arr = np.asarray(list(values), dtype=object)
    if arr.size:
        blank = np.fromiter((v is None or v == "" for v in arr), dtype=bool, count=arr.size)
        arr = np.where(blank, None, arr)
        vcodes, cats = pd.factorize(arr, use_na_sentinel=True)
        new = np.where(codes < 0, -1, vcodes[np.where(codes < 0, 0, codes)])
    else:
        cats = np.asarray([], dtype=object)
        new = np.full(codes.size, -1)
    return pd.Categorical.from_codes(new.astype(np.int64), categories=pd.Index(cats, dtype=object))


def str_column(values: pd.Categorical | np.ndarray, fill: object = None) -> pd.Series:
    """Object values / categorical → pandas ``str`` column (NA or ``fill`` for missing)."""
    if isinstance(values, pd.Categorical):
        cats = np.asarray(values.categories, dtype=object)
        codes = np.asarray(values.codes)
        arr = np.empty(codes.size, dtype=object)
        if cats.size:
            arr[:] = cats[np.where(codes < 0, 0, codes)]
        arr[codes < 0] = fill
    else:
        arr = np.asarray(values, dtype=object)
    return pd.Series(pd.array(arr, dtype="str"))


def stripped_or_none(series: pd.Series) -> np.ndarray:
    """Stripped strings of an object column; blank or missing → ``None``."""
    out = [t.strip() if t.__class__ is str else None for t in series.to_numpy(dtype=object)]
    return np.asarray([t if t else None for t in out], dtype=object)


def category_values(values: pd.Categorical) -> np.ndarray:
    """Per-row category value (object), ``None`` where missing."""
    cats = np.asarray(values.categories, dtype=object)
    codes = np.asarray(values.codes)
    out = np.full(codes.size, None, dtype=object)
    if cats.size:
        out[codes >= 0] = cats[codes[codes >= 0]]
    return out
