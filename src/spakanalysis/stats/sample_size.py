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

from typing import TYPE_CHECKING, Any

import numpy as np

from spakanalysis.stats.sample_explanations import explain, explain_dict
from spakanalysis.stats.sample_formulas import (
    BETWEEN_POLICIES,
    ROUNDINGS,
    RULES,
    _check_rule,
    _check_rule_args,
    _cochran_n0,
    _cochran_raw,
    _compute,
    _final,
    _km_raw,
    _methods,
    _round_half_up,
    _round_up,
    _slovin_raw,
    _table_lookup,
)
from spakanalysis.stats.sample_formulas import NTT_2024_SLOVIN_BELOW as NTT_2024_SLOVIN_BELOW
from spakanalysis.stats.sample_inputs import (
    _check_choice,
    _check_fraction,
    _check_positive,
    _coerce,
    _is_series,
    _pandas,
)

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
    rule, e, floor = _check_rule_args(rule, e, floor)
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
    pop = None if population is None else _coerce(population, "population")
    wrapper = pop if pop is not None and pop.is_series and not resp.is_series else resp
    margin = _margin(resp.array, None if pop is None else pop.array, z, p)
    if wrapper.is_series:
        margin = np.broadcast_to(margin, wrapper.array.shape)
    return wrapper.wrap(margin, "float64")


def _margin(n: np.ndarray, big_n: np.ndarray | None, z: float, p: float) -> np.ndarray:
    """``z·sqrt(p(1−p)/n · (N−n)/(N−1))`` (no factor without ``N``); inf at n = 0, 0 for a census."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if big_n is None:
            margin = z * np.sqrt(p * (1.0 - p) / n)
        else:
            fpc = np.where(big_n > 1, (big_n - n) / np.maximum(big_n - 1.0, 1.0), 0.0)
            margin = z * np.sqrt(p * (1.0 - p) / n * np.maximum(fpc, 0.0))
            margin = np.where(n >= big_n, 0.0, margin)
        return np.where(n == 0, np.inf, margin)
