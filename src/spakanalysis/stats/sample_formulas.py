"""Sample-size formulas: rounding, Krejcie–Morgan, Slovin, Cochran, the published table and the named rules.

Numpy arrays in, float arrays of whole numbers out; inputs are validated by
:mod:`~spakanalysis.stats.sample_inputs` and wrapped by :mod:`~spakanalysis.stats.sample_size`.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np

from spakanalysis.core.errors import InputError
from spakanalysis.stats.sample_inputs import _check_choice, _check_floor, _check_fraction, _render

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
# Named rules (dispatch, floor and population cap)
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


def _check_rule_args(rule: Any, e: Any, floor: Any) -> tuple[str, float, int | None]:
    """``rule``, ``e`` and ``floor`` of :func:`minimum_respondents`, checked."""
    rule = _check_rule(rule)
    e = _check_fraction(e, "Margin galat e")
    _check_table_e(rule, e)
    return rule, e, _check_floor(floor)
