"""Minimum sample size (number of respondents) per satker.

Formulas implemented (see ``/work/shared/reference/README.md``):

* Krejcie & Morgan (1970): ``S = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P))``,
  rounded to the nearest whole number (round half up). This reproduces every
  row of the published table.
* The published Krejcie & Morgan table itself (shipped with the package as
  ``spakanalysis/stats/krejcie_morgan_1970.csv``).
* Slovin: ``n = N / (1 + N·e²)``, rounded up.
* Cochran: ``n₀ = z²·p(1−p)/e²`` rounded up; with a population the finite
  population correction ``n = n₀ / (1 + (n₀ − 1)/N)`` (applied to the
  unrounded ``n₀``), rounded up.

Every public function accepts either a scalar or a :class:`pandas.Series`.
A scalar gives a Python ``int`` (``float`` for :func:`achieved_margin`); a
Series gives a Series with the same index and name (dtype ``int64``, or
``float64`` for :func:`achieved_margin`). Computation is vectorised with
numpy.

pandas is *not* imported at module import time (it is slow to import); a
Series is recognised through ``sys.modules`` — if the caller holds a Series,
pandas is already loaded.

Invalid input raises :class:`spakanalysis.core.errors.InputError` with a message in
Bahasa Indonesia that names the offending value (and, for a Series, the index
label of the first offending element).
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from spakanalysis.core.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "RULES",
    "ROUNDINGS",
    "BETWEEN_POLICIES",
    "krejcie_morgan",
    "krejcie_morgan_table",
    "slovin",
    "cochran",
    "minimum_respondents",
    "rule_for",
    "achieved_margin",
    "explain",
    "explain_dict",
]

#: Names of the rules accepted by :func:`minimum_respondents`.
RULES: tuple[str, ...] = ("krejcie-morgan", "krejcie-morgan-tabel", "slovin", "cochran", "ntt-2024")

#: Rounding modes accepted by :func:`krejcie_morgan`.
ROUNDINGS: tuple[str, ...] = ("nearest", "ceil")

#: Policies accepted by :func:`krejcie_morgan_table` for a population between two rows.
BETWEEN_POLICIES: tuple[str, ...] = ("next", "previous", "formula")

#: Population below which the ``ntt-2024`` rule uses Slovin instead of Krejcie–Morgan.
NTT_2024_SLOVIN_BELOW = 30

_TABLE_RESOURCE = "krejcie_morgan_1970.csv"

# Relative tolerance used when rounding, so that a value that is a whole number
# (or exactly .5) in exact arithmetic is not pushed to the wrong side by
# floating-point error (e.g. 80.00000000000001 must round up to 80, not 81).
_REL_EPS = 1e-10

_METHOD_LABELS = {
    "krejcie-morgan": "Krejcie & Morgan (1970)",
    "krejcie-morgan-tabel": "Tabel Krejcie & Morgan (1970)",
    "slovin": "Slovin",
    "cochran": "Cochran (dengan koreksi populasi terbatas)",
}


# ---------------------------------------------------------------------------
# Input handling
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Rounding and raw formulas (numpy arrays in, float arrays out)
# ---------------------------------------------------------------------------


def _tol(x: np.ndarray) -> np.ndarray:
    return _REL_EPS * np.maximum(1.0, np.abs(x))


def _round_half_up(x: np.ndarray) -> np.ndarray:
    """Round to nearest, halves away from zero (for positive x: up), float-error tolerant."""
    return np.floor(x + 0.5 + _tol(x))


def _round_up(x: np.ndarray) -> np.ndarray:
    """Ceiling that does not bump a value that is a whole number up to float error."""
    return np.ceil(x - _tol(x))


def _km_raw(n: np.ndarray, chi2: float, p: float, d: float) -> np.ndarray:
    pq = p * (1.0 - p)
    return chi2 * n * pq / (d * d * (n - 1.0) + chi2 * pq)


def _slovin_raw(n: np.ndarray, e: float) -> np.ndarray:
    return n / (1.0 + n * e * e)


def _cochran_n0(z: float, p: float, e: float) -> float:
    return z * z * p * (1.0 - p) / (e * e)


def _cochran_raw(n: np.ndarray, z: float, p: float, e: float) -> np.ndarray:
    n0 = _cochran_n0(z, p, e)
    return n0 / (1.0 + (n0 - 1.0) / n)


# ---------------------------------------------------------------------------
# Published table
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _table() -> tuple[np.ndarray, np.ndarray]:
    """Load the published Krejcie & Morgan table (cached, read-only arrays)."""
    from importlib import resources

    text = resources.files("spakanalysis.stats").joinpath(_TABLE_RESOURCE).read_text(encoding="utf-8")
    rows = [line.split(",") for line in text.splitlines()[1:] if line.strip()]
    populations = np.asarray([float(r[0]) for r in rows], dtype="float64")
    samples = np.asarray([float(r[1]) for r in rows], dtype="float64")
    populations.setflags(write=False)
    samples.setflags(write=False)
    return populations, samples


def _table_lookup(n: np.ndarray, between: str) -> np.ndarray:
    populations, samples = _table()
    last = len(populations) - 1
    idx = np.searchsorted(populations, n, side="left")  # first row with population >= n
    idx_c = np.minimum(idx, last)
    exact = populations[idx_c] == n
    if between == "next":
        result = samples[idx_c]
    elif between == "previous":
        prev = np.where(exact, idx_c, np.maximum(idx - 1, 0))
        result = samples[prev]
    else:  # "formula"
        result = np.where(exact, samples[idx_c], _round_half_up(_km_raw(n, 3.841, 0.5, 0.05)))
    result = np.where(n < populations[0], n, result)  # census below the first row
    result = np.where(n > populations[last], samples[last], result)  # above the last row
    return np.minimum(result, n)  # a sample is never larger than the population


# ---------------------------------------------------------------------------
# Public API: formulas
# ---------------------------------------------------------------------------


def krejcie_morgan(
    population: Any,
    *,
    chi2: float = 3.841,
    p: float = 0.5,
    d: float = 0.05,
    rounding: str = "nearest",
) -> int | pd.Series:
    """Krejcie & Morgan (1970) sample size.

    ``S = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P))``.

    Parameters
    ----------
    population : int or pandas.Series
        Population size N (whole number ≥ 1). A float Series holding whole
        numbers (e.g. ``48.0``) is accepted.
    chi2 : float, default 3.841
        Chi-square for 1 degree of freedom at the desired confidence level.
    p : float, default 0.5
        Population proportion, strictly between 0 and 1.
    d : float, default 0.05
        Margin of error, strictly between 0 and 1.
    rounding : {"nearest", "ceil"}, default "nearest"
        ``"nearest"`` rounds half up (not banker's rounding) and reproduces
        every row of the published table; ``"ceil"`` rounds up (a value that
        is a whole number up to floating-point error is not bumped up).

    Returns
    -------
    int or pandas.Series
        ``int`` for a scalar; for a Series, an ``int64`` Series with the same
        index and name.

    Raises
    ------
    InputError
        Invalid population or parameter, or unknown ``rounding``.

    Examples
    --------
    >>> krejcie_morgan(48)
    43
    >>> krejcie_morgan(100_000)
    383
    >>> krejcie_morgan(48, rounding="ceil")
    43
    >>> krejcie_morgan(30, rounding="ceil")
    28
    """
    _check_choice(rounding, ROUNDINGS, "Cara pembulatan")
    chi2 = _check_positive(chi2, "Nilai χ² (chi2)")
    p = _check_fraction(p, "Proporsi P (p)")
    d = _check_fraction(d, "Margin galat d")
    values = _coerce(population, "population")
    raw = _km_raw(values.array, chi2, p, d)
    rounded = _round_half_up(raw) if rounding == "nearest" else _round_up(raw)
    return values.wrap(np.minimum(rounded, values.array), "int64")


def krejcie_morgan_table(population: Any, *, between: str = "next") -> int | pd.Series:
    """Sample size looked up in the published Krejcie & Morgan (1970) table.

    The table (90 rows, N = 10 … 1,000,000, for χ² = 3.841, P = 0.5, d = 0.05)
    ships with the package.

    Policy
    ------
    * N equal to a table row: that row's sample size.
    * N between two rows, according to ``between``:

      - ``"next"`` (default, conservative): the row above, i.e. the smallest
        tabulated population ≥ N (N = 47 → row 50 → 44);
      - ``"previous"``: the row below, i.e. the largest tabulated population
        ≤ N (N = 47 → row 45 → 40);
      - ``"formula"``: :func:`krejcie_morgan` with its defaults, rounded to
        nearest (N = 47 → 42).
    * N below the first row (10): N itself (a census).
    * N above the last row (1,000,000): 384, the table's last value.
    * The result never exceeds N (with ``"next"``, N = 12 would otherwise get
      row 15's 14; it gets 12).

    Parameters
    ----------
    population : int or pandas.Series
        Population size N (whole number ≥ 1).
    between : {"next", "previous", "formula"}, default "next"
        Policy for a population between two table rows (see above).

    Returns
    -------
    int or pandas.Series
        ``int`` for a scalar; ``int64`` Series (same index and name) for a Series.

    Raises
    ------
    InputError
        Invalid population or unknown ``between``.

    Examples
    --------
    >>> krejcie_morgan_table(50)
    44
    >>> krejcie_morgan_table(47)
    44
    >>> krejcie_morgan_table(47, between="previous")
    40
    >>> krejcie_morgan_table(47, between="formula")
    42
    >>> krejcie_morgan_table(8)
    8
    >>> krejcie_morgan_table(5_000_000)
    384
    """
    _check_choice(between, BETWEEN_POLICIES, "Kebijakan antar-baris (between)")
    values = _coerce(population, "population")
    return values.wrap(_table_lookup(values.array, between), "int64")


def slovin(population: Any, *, e: float = 0.05) -> int | pd.Series:
    """Slovin sample size ``n = N / (1 + N·e²)``, rounded up.

    Parameters
    ----------
    population : int or pandas.Series
        Population size N (whole number ≥ 1).
    e : float, default 0.05
        Margin of error, strictly between 0 and 1 (0.05 or 0.10 in practice).

    Returns
    -------
    int or pandas.Series
        ``int`` for a scalar; ``int64`` Series (same index and name) for a Series.

    Raises
    ------
    InputError
        Invalid population or ``e``.

    Examples
    --------
    >>> slovin(48)
    43
    >>> slovin(100)
    80
    >>> slovin(100, e=0.1)
    50
    """
    e = _check_fraction(e, "Margin galat e")
    values = _coerce(population, "population")
    rounded = _round_up(_slovin_raw(values.array, e))
    return values.wrap(np.minimum(rounded, values.array), "int64")


def cochran(population: Any = None, *, z: float = 1.96, p: float = 0.5, e: float = 0.05) -> int | pd.Series:
    """Cochran sample size, with finite-population correction when N is given.

    ``n₀ = z²·p(1−p)/e²``; with a population ``n = n₀ / (1 + (n₀ − 1)/N)``
    (the correction is applied to the unrounded n₀). Rounded up.

    Parameters
    ----------
    population : int or pandas.Series, optional
        Population size N (whole number ≥ 1). ``None`` (default): no correction.
    z : float, default 1.96
        Standard normal quantile for the confidence level.
    p : float, default 0.5
        Population proportion, strictly between 0 and 1.
    e : float, default 0.05
        Margin of error, strictly between 0 and 1.

    Returns
    -------
    int or pandas.Series
        ``int`` for a scalar or no population; ``int64`` Series (same index and
        name) for a Series.

    Raises
    ------
    InputError
        Invalid population or parameter.

    Examples
    --------
    >>> cochran()
    385
    >>> cochran(500)
    218
    """
    z = _check_positive(z, "Nilai z")
    p = _check_fraction(p, "Proporsi p")
    e = _check_fraction(e, "Margin galat e")
    if population is None:
        return int(_round_up(np.asarray([_cochran_n0(z, p, e)]))[0])
    values = _coerce(population, "population")
    rounded = _round_up(_cochran_raw(values.array, z, p, e))
    return values.wrap(np.minimum(rounded, values.array), "int64")


# ---------------------------------------------------------------------------
# Public API: rules
# ---------------------------------------------------------------------------


def _check_rule(rule: Any) -> str:
    return _check_choice(rule, RULES, "Aturan")


def _check_table_e(rule: str, e: float) -> None:
    if rule == "krejcie-morgan-tabel" and not math.isclose(e, 0.05, rel_tol=0, abs_tol=1e-12):
        raise InputError(
            f"Tabel Krejcie & Morgan hanya berlaku untuk margin galat e = 0.05, bukan {_render(e)}; "
            'gunakan aturan "krejcie-morgan" untuk margin galat lain'
        )


def _methods(n: np.ndarray, rule: str) -> np.ndarray:
    """Concrete method per population (object array of names)."""
    if rule == "ntt-2024":
        return np.where(n < NTT_2024_SLOVIN_BELOW, "slovin", "krejcie-morgan").astype(object)
    return np.full(n.shape, rule, dtype=object)


def _compute(n: np.ndarray, rule: str, e: float) -> np.ndarray:
    """Unfloored result (float array of whole numbers) of a rule."""
    if rule == "krejcie-morgan":
        return _round_half_up(_km_raw(n, 3.841, 0.5, e))
    if rule == "krejcie-morgan-tabel":
        return _table_lookup(n, "next")
    if rule == "slovin":
        return _round_up(_slovin_raw(n, e))
    if rule == "cochran":
        return _round_up(_cochran_raw(n, 1.96, 0.5, e))
    # ntt-2024
    return np.where(
        n < NTT_2024_SLOVIN_BELOW,
        _round_up(_slovin_raw(n, e)),
        _round_half_up(_km_raw(n, 3.841, 0.5, e)),
    )


def _final(n: np.ndarray, computed: np.ndarray, floor: int | None) -> np.ndarray:
    result = computed if floor is None else np.maximum(computed, float(floor))
    return np.minimum(result, n)


def minimum_respondents(
    population: Any, rule: str = "ntt-2024", *, e: float = 0.05, floor: int | None = None
) -> int | pd.Series:
    """Minimum number of respondents for a satker under a named rule.

    Rules (see :data:`RULES`):

    * ``"krejcie-morgan"``: :func:`krejcie_morgan` with d = ``e``, rounded to nearest;
    * ``"krejcie-morgan-tabel"``: :func:`krejcie_morgan_table` with ``between="next"``
      (only for ``e = 0.05``, the table's margin);
    * ``"slovin"``: :func:`slovin`, rounded up;
    * ``"cochran"``: :func:`cochran` (z = 1.96, p = 0.5) with finite-population
      correction, rounded up;
    * ``"ntt-2024"`` (Kanwil NTT 2024): Slovin when N < 30, Krejcie–Morgan
      (nearest) otherwise. 29 → 28 (Slovin), 30 → 28 and 31 → 29 (Krejcie–Morgan).

    ``floor`` (e.g. the ministry's 30 respondents per month) raises the result
    to at least ``floor``; the result is then capped at the population (a unit
    cannot survey more service users than it has).

    Parameters
    ----------
    population : int or pandas.Series
        Population size N (whole number ≥ 1).
    rule : str, default "ntt-2024"
        One of :data:`RULES`.
    e : float, default 0.05
        Margin of error (d for Krejcie–Morgan), strictly between 0 and 1.
    floor : int, optional
        Minimum number of respondents regardless of the formula.

    Returns
    -------
    int or pandas.Series
        ``int`` for a scalar; ``int64`` Series (same index and name) for a Series.

    Raises
    ------
    InputError
        Invalid population, ``e`` or ``floor``, or unknown rule.

    Examples
    --------
    >>> minimum_respondents(48)
    43
    >>> minimum_respondents(29), minimum_respondents(30), minimum_respondents(31)
    (28, 28, 29)
    >>> minimum_respondents(20, floor=30)
    20
    >>> minimum_respondents(25, "slovin", floor=30)
    25
    >>> minimum_respondents(1000, "cochran")
    278
    """
    rule = _check_rule(rule)
    e = _check_fraction(e, "Margin galat e")
    _check_table_e(rule, e)
    floor = _check_floor(floor)
    values = _coerce(population, "population")
    n = values.array
    return values.wrap(_final(n, _compute(n, rule, e), floor), "int64")


def rule_for(population: Any, rule: str = "ntt-2024") -> str | pd.Series:
    """Concrete method a rule applies to a population.

    Parameters
    ----------
    population : int or pandas.Series
        Population size N (whole number ≥ 1).
    rule : str, default "ntt-2024"
        One of :data:`RULES`.

    Returns
    -------
    str or pandas.Series
        ``"krejcie-morgan"``, ``"krejcie-morgan-tabel"``, ``"slovin"`` or
        ``"cochran"``; for a Series, an object Series with the same index and name.

    Raises
    ------
    InputError
        Invalid population or unknown rule.

    Examples
    --------
    >>> rule_for(29)
    'slovin'
    >>> rule_for(30)
    'krejcie-morgan'
    >>> rule_for(10, "cochran")
    'cochran'
    """
    rule = _check_rule(rule)
    values = _coerce(population, "population")
    methods = _methods(values.array, rule)
    if not values.is_series:
        return str(methods[0])
    pd = _pandas()
    return pd.Series(methods, index=values.series.index, name=values.series.name, dtype=object)


def achieved_margin(responses: Any, population: Any = None, *, z: float = 1.96, p: float = 0.5) -> float | pd.Series:
    """Margin of error achieved by n responses out of a population N.

    ``e = z·sqrt(p(1−p)/n · (N−n)/(N−1))``; without a population the finite
    population factor ``(N−n)/(N−1)`` is omitted. ``n = 0`` gives ``inf``;
    ``n ≥ N`` (a census) gives ``0.0``.

    Parameters
    ----------
    responses : int or pandas.Series
        Number of responses n (whole number ≥ 0).
    population : int or pandas.Series, optional
        Population size N (whole number ≥ 1). When both arguments are Series the
        population is aligned to the responses' index (a missing label is an error).
    z : float, default 1.96
        Standard normal quantile for the confidence level.
    p : float, default 0.5
        Population proportion, strictly between 0 and 1.

    Returns
    -------
    float or pandas.Series
        ``float`` when both inputs are scalars; otherwise a ``float64`` Series
        (index and name of the Series argument, the responses' if both are).

    Raises
    ------
    InputError
        Invalid responses, population or parameter.

    Examples
    --------
    >>> round(achieved_margin(43, 48), 4)
    0.0487
    >>> round(achieved_margin(385), 4)
    0.0499
    >>> achieved_margin(0, 48)
    inf
    >>> achieved_margin(48, 48)
    0.0
    """
    z = _check_positive(z, "Nilai z")
    p = _check_fraction(p, "Proporsi p")
    if _is_series(responses) and _is_series(population):
        population = population.reindex(responses.index)
    resp = _coerce(responses, "responses")
    n = resp.array
    wrapper = resp
    with np.errstate(divide="ignore", invalid="ignore"):
        base = z * np.sqrt(p * (1.0 - p) / n)
        if population is None:
            margin = base
        else:
            pop = _coerce(population, "population")
            if pop.is_series and not resp.is_series:
                wrapper = pop
            big_n = pop.array
            fpc = np.where(big_n > 1, (big_n - n) / np.maximum(big_n - 1.0, 1.0), 0.0)
            margin = z * np.sqrt(p * (1.0 - p) / n * np.maximum(fpc, 0.0))
            margin = np.where(n >= big_n, 0.0, margin)
        margin = np.where(n == 0, np.inf, margin)
    if wrapper.is_series:
        margin = np.broadcast_to(margin, wrapper.array.shape)
    return wrapper.wrap(margin, "float64")


# ---------------------------------------------------------------------------
# Public API: explanations
# ---------------------------------------------------------------------------


def _fmt(value: float, pattern: str = "#,##0.######") -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale="id_ID")


def _fmt2(value: float) -> str:
    return _fmt(value, "#,##0.00")


def _explain_parts(n: int, method: str, e: float) -> tuple[str, str, list[str], float, int, list[str]]:
    """Return (metode, rumus, substitusi lines, raw, result, catatan) for one method."""
    arr = np.asarray([float(n)])
    N = _fmt(n)
    E = _fmt(e)
    notes: list[str] = []
    if method == "krejcie-morgan":
        chi2, pq = 3.841, 0.25
        num = chi2 * n * pq
        den = e * e * (n - 1) + chi2 * pq
        raw = float(_km_raw(arr, chi2, 0.5, e)[0])
        res = int(_round_half_up(np.asarray([raw]))[0])
        rumus = "S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))"
        sub = [
            f"= {_fmt(chi2)} × {N} × 0,5 × 0,5 / ({E}² × {_fmt(n - 1)} + {_fmt(chi2)} × 0,5 × 0,5)",
            f"= {_fmt(num)} / {_fmt(den, '#,##0.000000')} = {_fmt2(raw)} → dibulatkan ke terdekat = {_fmt(res)}",
        ]
        return _METHOD_LABELS[method], rumus, sub, raw, res, notes
    if method == "slovin":
        den = 1.0 + n * e * e
        raw = float(_slovin_raw(arr, e)[0])
        res = int(_round_up(np.asarray([raw]))[0])
        rumus = "n = N / (1 + N·e²)"
        sub = [
            f"= {N} / (1 + {N} × {E}²)",
            f"= {N} / {_fmt(den)} = {_fmt2(raw)} → dibulatkan ke atas = {_fmt(res)}",
        ]
        return _METHOD_LABELS[method], rumus, sub, raw, res, notes
    if method == "cochran":
        z = 1.96
        n0 = _cochran_n0(z, 0.5, e)
        den = 1.0 + (n0 - 1.0) / n
        raw = float(_cochran_raw(arr, z, 0.5, e)[0])
        res = int(_round_up(np.asarray([raw]))[0])
        rumus = "n₀ = z²·p(1−p) / e²;  n = n₀ / (1 + (n₀ − 1)/N)"
        sub = [
            f"n₀ = {_fmt(z)}² × 0,5 × 0,5 / {E}² = {_fmt(n0)}",
            f"n = {_fmt(n0)} / (1 + ({_fmt(n0)} − 1) / {N})",
            f"  = {_fmt(n0)} / {_fmt(den)} = {_fmt2(raw)} → dibulatkan ke atas = {_fmt(res)}",
        ]
        return _METHOD_LABELS[method], rumus, sub, raw, res, notes
    # krejcie-morgan-tabel (between="next")
    populations, samples = _table()
    res = int(_table_lookup(arr, "next")[0])
    rumus = "S = nilai tabel Krejcie & Morgan untuk N (bila N di antara dua baris: baris berikutnya ke atas)"
    first, last = int(populations[0]), int(populations[-1])
    if n < first:
        sub = [f"N = {N} di bawah baris pertama tabel ({_fmt(first)}) → sensus: S = N = {_fmt(res)}"]
        raw = float(n)
    elif n > last:
        sub = [f"N = {N} di atas baris terakhir tabel ({_fmt(last)}) → S = {_fmt(int(samples[-1]))}"]
        raw = float(samples[-1])
    else:
        i = int(np.searchsorted(populations, n, side="left"))
        row_n, row_s = int(populations[i]), int(samples[i])
        raw = float(row_s)
        if row_n == n:
            sub = [f"N = {N} ada di tabel → S = {_fmt(row_s)}"]
        else:
            below = int(populations[i - 1])
            sub = [
                f"N = {N} di antara baris {_fmt(below)} dan {_fmt(row_n)} "
                f"→ baris berikutnya N = {_fmt(row_n)}: S = {_fmt(row_s)}"
            ]
            if res < row_s:
                notes.append(
                    f"Nilai tabel {_fmt(row_s)} melebihi populasi; dibatasi jumlah populasi ({N})"
                )
    return _METHOD_LABELS[method], rumus, sub, raw, res, notes


def explain_dict(population: Any, rule: str = "ntt-2024", *, e: float = 0.05, floor: int | None = None) -> dict[str, Any]:
    """Structured explanation of :func:`minimum_respondents` for one population.

    Parameters
    ----------
    population : int
        Population size N (whole number ≥ 1); a single value, not a Series.
    rule : str, default "ntt-2024"
        One of :data:`RULES`.
    e : float, default 0.05
        Margin of error (d for Krejcie–Morgan), strictly between 0 and 1.
    floor : int, optional
        Minimum number of respondents regardless of the formula.

    Returns
    -------
    dict
        ``metode`` (str, method name), ``rumus`` (str, the formula),
        ``substitusi`` (str, one or more lines with this population's numbers
        substituted, each starting with ``=`` or a symbol), ``hasil_mentah``
        (float, unrounded formula value; the table value for the table rule),
        ``hasil`` (int, the final minimum, equal to :func:`minimum_respondents`)
        and ``catatan`` (list of str: the rule applied, the floor, the
        population cap). Numbers use the Indonesian format (decimal comma).

    Raises
    ------
    InputError
        Invalid population (or a Series), ``e`` or ``floor``, or unknown rule.

    Examples
    --------
    >>> d = explain_dict(48, "slovin")
    >>> d["hasil"], round(d["hasil_mentah"], 2)
    (43, 42.86)
    >>> d["substitusi"].splitlines()[-1]
    '= 48 / 1,12 = 42,86 → dibulatkan ke atas = 43'
    """
    rule = _check_rule(rule)
    e = _check_fraction(e, "Margin galat e")
    _check_table_e(rule, e)
    floor = _check_floor(floor)
    if _is_series(population):
        raise InputError(
            "Penjelasan hanya dapat dibuat untuk satu nilai populasi, bukan sebuah Series; "
            "panggil untuk tiap satker"
        )
    values = _coerce(population, "population")
    n = int(values.array[0])
    method = str(_methods(values.array, rule)[0])
    metode, rumus, sub, raw, res, notes = _explain_parts(n, method, e)
    catatan: list[str] = []
    if rule == "ntt-2024":
        if method == "slovin":
            catatan.append(f"Aturan ntt-2024: populasi {_fmt(n)} < {NTT_2024_SLOVIN_BELOW} → rumus Slovin")
        else:
            catatan.append(
                f"Aturan ntt-2024: populasi {_fmt(n)} ≥ {NTT_2024_SLOVIN_BELOW} → rumus Krejcie & Morgan"
            )
    catatan.extend(notes)
    final = int(_final(values.array, np.asarray([float(res)]), floor)[0])
    if floor is not None and res < floor:
        if floor <= n:
            catatan.append(f"Dinaikkan ke batas minimum {_fmt(floor)} responden (hasil rumus {_fmt(res)})")
        else:
            catatan.append(
                f"Batas minimum {_fmt(floor)} responden melebihi populasi; "
                f"dibatasi jumlah populasi ({_fmt(n)})"
            )
    return {
        "metode": metode,
        "rumus": rumus,
        "substitusi": "\n".join(sub),
        "hasil_mentah": float(raw),
        "hasil": final,
        "catatan": catatan,
    }


def explain(population: Any, rule: str = "ntt-2024", *, e: float = 0.05, floor: int | None = None) -> str:
    """Explain, in Bahasa Indonesia, how the minimum number of respondents was found.

    The text names the method, gives the formula, substitutes this
    population's numbers, shows the rounding and the result, and notes the
    rule choice, the floor and the population cap when they apply.

    Parameters
    ----------
    population : int
        Population size N (whole number ≥ 1); a single value, not a Series.
    rule : str, default "ntt-2024"
        One of :data:`RULES`.
    e : float, default 0.05
        Margin of error (d for Krejcie–Morgan), strictly between 0 and 1.
    floor : int, optional
        Minimum number of respondents regardless of the formula.

    Returns
    -------
    str
        Multi-line text; see :func:`explain_dict` for the structured variant.

    Raises
    ------
    InputError
        Invalid population (or a Series), ``e`` or ``floor``, or unknown rule.

    Examples
    --------
    >>> print(explain(48, "krejcie-morgan"))
    Metode: Krejcie & Morgan (1970)
    S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))
      = 3,841 × 48 × 0,5 × 0,5 / (0,05² × 47 + 3,841 × 0,5 × 0,5)
      = 46,092 / 1,077750 = 42,77 → dibulatkan ke terdekat = 43
    Jumlah responden minimum: 43
    """
    d = explain_dict(population, rule, e=e, floor=floor)
    lines = [f"Metode: {d['metode']}", d["rumus"]]
    lines += [f"  {line}" for line in d["substitusi"].splitlines()]
    lines += [f"Catatan: {note}" for note in d["catatan"]]
    lines.append(f"Jumlah responden minimum: {d['hasil']}")
    return "\n".join(lines)
