"""Validated inputs of the sample-size functions: populations and counts as scalars or Series, parameters.

pandas is not imported here: a Series is recognised through ``sys.modules`` (a caller holding a
Series has pandas loaded already).
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from spakanalysis.core.errors import InputError


def _pandas() -> Any | None:
    """Return the pandas module if it is already imported, else ``None``."""
    return sys.modules.get("pandas")


def _is_series(value: Any) -> bool:
    pd = _pandas()
    return pd is not None and isinstance(value, pd.Series)


def _render(value: Any) -> str:
    """Render an offending value for an error message."""
    if value is None:
        return "(kosong)"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, str):
        if value.strip() == "":
            return "(kosong)"
        text = value if len(value) <= 60 else value[:57] + "..."
        return f'"{text}"'
    if isinstance(value, numbers.Real):
        try:
            f = float(value)
        except (TypeError, ValueError, OverflowError):
            return str(value)
        if math.isnan(f):
            return "(kosong)"
        if math.isfinite(f) and f == int(f) and not isinstance(value, numbers.Integral):
            return str(int(f))
        return str(value)
    pd = _pandas()
    if pd is not None:
        try:
            if pd.isna(value):
                return "(kosong)"
        except (TypeError, ValueError):
            pass
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return text


def _scalar_to_float(value: Any) -> float:
    """Convert a scalar to float; NaN for anything that is not a real number."""
    if value is None or isinstance(value, (bool, np.bool_, str, bytes)):
        return math.nan
    if isinstance(value, numbers.Real):
        try:
            return float(value)
        except (TypeError, ValueError, OverflowError):
            return math.nan
    return math.nan


def _where(label: Any) -> str:
    return "" if label is _NO_LABEL else f' untuk "{label}"'


_NO_LABEL = object()

# kind -> (what, expectation, check)
_KINDS: dict[str, tuple[str, str, Callable[[np.ndarray], np.ndarray]]] = {
    "population": (
        "Populasi",
        "harus bilangan bulat positif",
        lambda a: np.isfinite(a) & (a >= 1) & (a == np.floor(a)),
    ),
    "responses": (
        "Jumlah responden",
        "harus bilangan bulat tidak negatif",
        lambda a: np.isfinite(a) & (a >= 0) & (a == np.floor(a)),
    ),
}


class _Values:
    """Validated numbers plus what is needed to wrap a result like the input."""

    def __init__(self, array: np.ndarray, series: Any | None) -> None:
        self.array = array
        self.series = series

    @property
    def is_series(self) -> bool:
        return self.series is not None

    def wrap(self, result: np.ndarray, dtype: str) -> Any:
        if self.series is None:
            item = np.asarray(result).reshape(-1)[0]
            return int(item) if dtype == "int64" else float(item)
        pd = _pandas()
        return pd.Series(
            np.asarray(result, dtype=dtype), index=self.series.index, name=self.series.name, copy=False
        )


def _coerce(value: Any, kind: str) -> _Values:
    """Validate a scalar or Series of whole numbers and return it as float64."""
    what, expect, check = _KINDS[kind]
    if _is_series(value):
        array, bad_type = _series_to_float(value)
        ok = check(array) & ~bad_type
        if not ok.all():
            i = int(np.argmin(ok))
            raise InputError(
                f"{what}{_where(value.index[i])} {expect}, bukan {_render(value.iloc[i])}"
            )
        return _Values(array, value)
    number = _scalar_to_float(value)
    if not bool(check(np.asarray([number]))[0]):
        raise InputError(f"{what} {expect}, bukan {_render(value)}")
    return _Values(np.asarray([number], dtype="float64"), None)


def _series_to_float(series: Any) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(values, bad_type)``: float64 values and a mask of non-numeric elements.

    Numeric dtypes (including nullable ``Int64``/``Float64``) are converted in one
    numpy operation; missing values become NaN. Boolean, text, datetime and other
    dtypes are rejected element-wise (object dtype holding only real numbers is
    accepted, strings such as ``"48"`` are not: the data layer converts types).
    """
    pd = _pandas()
    api = pd.api.types
    dtype = series.dtype
    n = len(series)
    if api.is_bool_dtype(dtype) or api.is_complex_dtype(dtype):
        return np.full(n, np.nan), np.ones(n, dtype=bool)
    if api.is_numeric_dtype(dtype):
        array = series.to_numpy(dtype="float64", na_value=np.nan)
        return array, np.zeros(n, dtype=bool)
    if dtype == object:  # noqa: E721 - a NumPy/pandas dtype compared with object, not a type check
        # Slow path (object dtype only): check element types one by one.
        values = [_scalar_to_float(v) for v in series.to_numpy()]
        array = np.asarray(values, dtype="float64")
        return array, np.zeros(n, dtype=bool)
    return np.full(n, np.nan), np.ones(n, dtype=bool)


def _check_fraction(value: Any, name: str) -> float:
    """Validate a parameter that must lie strictly between 0 and 1."""
    number = _scalar_to_float(value)
    if not (math.isfinite(number) and 0.0 < number < 1.0):
        raise InputError(f"{name} harus lebih dari 0 dan kurang dari 1, bukan {_render(value)}")
    return number


def _check_positive(value: Any, name: str) -> float:
    number = _scalar_to_float(value)
    if not (math.isfinite(number) and number > 0.0):
        raise InputError(f"{name} harus bilangan positif, bukan {_render(value)}")
    return number


def _check_choice(value: Any, choices: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str) or value not in choices:
        pilihan = ", ".join(f'"{c}"' for c in choices)
        raise InputError(f"{what} {_render(value)} tidak dikenal; pilihan yang tersedia: {pilihan}")
    return value


def _check_floor(floor: Any) -> int | None:
    if floor is None:
        return None
    number = _scalar_to_float(floor)
    if not (math.isfinite(number) and number >= 0 and number == math.floor(number)):
        raise InputError(
            f"Batas minimum responden (floor) harus bilangan bulat tidak negatif, bukan {_render(floor)}"
        )
    return int(number)

