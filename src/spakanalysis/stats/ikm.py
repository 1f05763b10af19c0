"""IKM (indeks kepuasan masyarakat) from an index on 1-4, and its quality grade (PermenPANRB 14/2017)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from spakanalysis.core.errors import InputError
from spakanalysis.stats.index_config import TOLERANCE, index_config
from spakanalysis.stats.index_result import IndexResult

__all__ = ["Mutu", "ikm", "ikm_grade"]


@dataclass(frozen=True)
class Mutu:
    """IKM quality grade (PermenPANRB 14/2017).

    Attributes
    ----------
    mutu : str or None
        ``"A"`` … ``"D"``; None when the IKM is missing.
    kinerja : str
        ``"Sangat baik"``, ``"Baik"``, ``"Kurang baik"``, ``"Tidak baik"``.
    ikm : float
        The IKM as given (exact).
    ikm_dibulatkan : float
        The IKM rounded as the grading rule prescribes (two decimals, half up).
    """

    mutu: str | None
    kinerja: str
    ikm: float
    ikm_dibulatkan: float


def ikm(result_or_mean: IndexResult | float) -> float:
    """IKM = index on the 1-4 scale × 25 (range 25-100), exact.

    Parameters
    ----------
    result_or_mean : IndexResult or float
        An :class:`IndexResult` (its ``nilai_skala4`` is used, so a 1-6 index is first mapped
        linearly to 1-4), or a mean already on the 1-4 scale.

    Examples
    --------
    >>> ikm(3.25)
    81.25
    """
    x = result_or_mean.nilai_skala4 if isinstance(result_or_mean, IndexResult) else result_or_mean
    x = float(x)
    if math.isnan(x):
        return math.nan
    if not (1 - TOLERANCE <= x <= 4 + TOLERANCE):
        raise InputError(f"ikm() memerlukan nilai rata-rata pada skala 1–4, bukan {x!r}.")
    return x * 25


def _round_half_up(x: float, desimal: int) -> Decimal:
    # remove floating-point noise first (9 decimals), then round half up as people do by hand
    clean = Decimal(x).quantize(Decimal("1e-9"), rounding=ROUND_HALF_EVEN)
    return clean.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def ikm_grade(nilai_ikm: float | IndexResult) -> Mutu:
    """Quality grade (mutu) and unit performance (kinerja) of an IKM.

    Rule (configuration ``[ikm]``): the IKM is rounded to two decimals half up (after removing
    floating-point noise at 9 decimals), then ``≥ 88.31`` A, ``≥ 76.61`` B, ``≥ 65.00`` C,
    otherwise D. So the values in the printed table's gaps go up: 76.605 → 76.61 → B,
    64.995 → 65.00 → C, 88.305 → 88.31 → A.

    Parameters
    ----------
    nilai_ikm : float or IndexResult
        IKM on 25-100 (an :class:`IndexResult` is first passed through :func:`ikm`).

    Examples
    --------
    >>> ikm_grade(76.605)
    Mutu(mutu='B', kinerja='Baik', ikm=76.605, ikm_dibulatkan=76.61)
    >>> ikm_grade(76.60).mutu
    'C'
    """
    v = ikm(nilai_ikm) if isinstance(nilai_ikm, IndexResult) else float(nilai_ikm)
    if math.isnan(v):
        return Mutu(None, "tidak dapat dinilai (tidak ada nilai)", v, math.nan)
    if not (25 - TOLERANCE <= v <= 100 + TOLERANCE):
        raise InputError(f"IKM harus di antara 25 dan 100, bukan {v!r}.")
    conf = index_config()["ikm"]
    rounded = _round_half_up(v, int(conf["desimal"]))
    for grade in conf["mutu"]:
        if rounded >= Decimal(repr(float(grade["batas_bawah"]))):
            return Mutu(grade["mutu"], grade["kinerja"], v, float(rounded))
    last = conf["mutu"][-1]
    return Mutu(last["mutu"], last["kinerja"], v, float(rounded))
