"""Estimation core of the indices, vectorised over groups: index, standard error, notes and rows.

The items of an instrument come from the codebook (:mod:`spakanalysis.stats.indices`); this
module only needs their scale, codes and instrument, described by :class:`ScaleItems`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Real
from typing import Any, Protocol

import numpy as np
import pandas as pd

from spakanalysis.core.errors import InputError
from spakanalysis.stats.index_config import fmt
from spakanalysis.stats.index_result import IndexResult
from spakanalysis.stats.intervals import bounded_interval
from spakanalysis.stats.scales import conversion_text, margin_100, to_100, to_scale4

__all__ = ["ScaleItems", "estimate", "check_population", "index_rows", "index_result"]


class ScaleItems(Protocol):
    """What the estimation needs of an instrument's parsed codebook items."""

    instrument: str
    codes: tuple[str, ...]
    lo: float
    hi: float


def estimate(x: np.ndarray, w: np.ndarray, code: np.ndarray, g: int, pop: np.ndarray) -> dict[str, np.ndarray]:
    """Index and standard error for ``g`` groups; ``code`` maps each row to its group."""
    k = x.shape[1]
    answered = ~np.isnan(x)
    xz = np.where(answered, x, 0.0)
    n_item = np.empty((g, k))
    s_item = np.empty((g, k))
    for j in range(k):
        n_item[:, j] = np.bincount(code, weights=answered[:, j].astype(float), minlength=g)
        s_item[:, j] = np.bincount(code, weights=xz[:, j], minlength=g)
    n = np.bincount(code, weights=answered.any(axis=1).astype(float), minlength=g)
    has = n_item > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        nrr = s_item / n_item
        # relative weights of the items answered in each group (an item nobody answered drops out)
        wg = np.where(has, w[None, :], 0.0)
        tot = wg.sum(axis=1)
        nilai = np.where(has, wg * nrr, 0.0).sum(axis=1) / tot
        # influence value of each respondent (0 for a respondent without any answer)
        u = np.where(answered, wg[code] * (x - nrr[code]) / n_item[code], 0.0).sum(axis=1) / tot[code]
        ss = np.bincount(code, weights=u * u, minlength=g)
        var = np.where(n >= 2, n / (n - 1) * ss, np.nan)
        known = np.isfinite(pop)
        within = known & (n < pop)
        fpc = np.where(within, (pop - n) / pop, 1.0)
        se = np.sqrt(var * fpc)
    return {
        "n": n.astype("int64"),
        "nilai": nilai,
        "se": se,
        "item_kosong": (~has) & (n[:, None] > 0),
        # n reached the population: said so, and the interval is the uncorrected one, never zero width
        # (respondents choose themselves, so the correction is an approximation: shared/reference)
        "sensus": known & (n >= pop) & (n > 0),
    }


def check_population(value: Any) -> float:
    """``value`` checked as a population ``N`` (NaN when unknown)."""
    if value is None:
        return np.nan
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InputError(f"Populasi (jumlah pengguna layanan) harus berupa angka, bukan {value!r}.")
    v = float(value)
    if math.isnan(v):
        return np.nan
    if v <= 0 or math.isinf(v):
        # not necessarily whole: a period's population is the monthly average times its months
        raise InputError(f"Populasi (jumlah pengguna layanan) harus bilangan > 0, bukan {value!r}.")
    return v


def _notes(n: int, min_rel: int, kosong: Sequence[str], pop: float, sensus: bool, se: float) -> str:
    if n == 0:
        return "tidak ada respons"
    notes = []
    if n < min_rel:
        notes.append(f"n kecil ({n} < {min_rel}): tafsirkan dengan hati-hati")
    if math.isnan(se):
        notes.append(f"selang kepercayaan tidak dapat dihitung (n = {n})")
    if kosong:
        notes.append(f"butir tanpa jawaban: {', '.join(kosong)} (bobotnya dibagi ke butir lain)")
    if sensus:
        notes.append(
            f"sensus: jumlah respons ({n}) mencapai populasi periode ({fmt(pop, 1)}); selang kepercayaan dihitung "
            "tanpa koreksi populasi terhingga"
        )
    return "; ".join(notes)


def index_rows(
    est: dict[str, np.ndarray], items: ScaleItems, pop: np.ndarray, conversion: str, min_rel: int
) -> pd.DataFrame:
    """One row per group of :func:`estimate`'s output: interval, conversions, ``cukup`` and notes."""
    nilai = est["nilai"]
    se = est["se"]
    ci_lo, ci_hi, margin = bounded_interval(nilai, se, est["n"] - 1, items.lo, items.hi)
    ket = [
        _notes(
            int(n),
            min_rel,
            [c for c, e in zip(items.codes, kos) if e],
            float(p),
            bool(m),
            float(s),
        )
        for n, kos, p, m, s in zip(est["n"], est["item_kosong"], pop, est["sensus"], se)
    ]
    return pd.DataFrame(
        {
            "n": est["n"],
            "nilai": nilai,
            "ci_bawah": ci_lo,
            "ci_atas": ci_hi,
            "margin": margin,
            "se": se,
            "nilai_skala4": to_scale4(nilai, items.lo, items.hi),
            "nilai_100": to_100(nilai, items.lo, items.hi, conversion),
            "ci_bawah_100": to_100(ci_lo, items.lo, items.hi, conversion),
            "ci_atas_100": to_100(ci_hi, items.lo, items.hi, conversion),
            "margin_100": margin_100(margin, items.lo, items.hi, conversion),
            "cukup": est["n"] >= min_rel,
            "sensus": est["sensus"],
            "keterangan": ket,
        }
    )


def index_result(row: pd.Series, items: ScaleItems, pop: float, conversion: str, min_rel: int) -> IndexResult:
    """The :class:`IndexResult` of one row of :func:`index_rows`."""
    return IndexResult(
        instrumen=items.instrument,
        n_respons=int(row["n"]),
        nilai=float(row["nilai"]),
        skala_min=items.lo,
        skala_maks=items.hi,
        nilai_skala4=float(row["nilai_skala4"]),
        nilai_100=float(row["nilai_100"]),
        metode_konversi=conversion_text(items.lo, items.hi, conversion),
        ci_bawah=float(row["ci_bawah"]),
        ci_atas=float(row["ci_atas"]),
        margin=float(row["margin"]),
        se=float(row["se"]),
        cukup=bool(row["cukup"]),
        keterangan=str(row["keterangan"]),
        populasi=None if math.isnan(pop) else float(pop),
        min_andal=min_rel,
        ci_bawah_100=float(row["ci_bawah_100"]),
        ci_atas_100=float(row["ci_atas_100"]),
        margin_100=float(row["margin_100"]),
        sensus=bool(row["sensus"]),
    )
