"""Zona Integritas (WBK/WBBM) readiness of IPAK and IPKP: the thresholds and the rule that judges them.

The thresholds are versioned in ``config/zona_integritas.toml``; every verdict on them — one
index (:func:`zi_readiness`), two indices together (:func:`combined_readiness`) and the order in
which the recap ranks satker (:func:`readiness_rank`) — is made here.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from spakanalysis.core.errors import InputError
from spakanalysis.stats.index_config import fmt, index_config, level_percent
from spakanalysis.stats.index_result import IndexResult
from spakanalysis.stats.scales import to_scale4

__all__ = ["Readiness", "Kesiapan", "PREDICATES", "zi_readiness", "combined_readiness", "readiness_rank",
           "threshold_summary"]

#: Zona Integritas predicates, in the order the reports show them
PREDICATES = ("WBK", "WBBM")
#: the instruments with a Zona Integritas threshold, and their index
_ZI_INDICES = {"SPAK": "IPAK", "SPKP": "IPKP"}


class Readiness(StrEnum):
    """Verdict of an index against a threshold, best first (the order ranks them)."""

    MEETS = "memenuhi"
    INCONCLUSIVE = "belum dapat disimpulkan"
    NOT_MET = "belum memenuhi"


@dataclass(frozen=True)
class Kesiapan:
    """Zona Integritas readiness of an IPAK/IPKP result against a threshold.

    Attributes
    ----------
    indeks : str
        ``"IPAK"`` or ``"IPKP"``.
    predikat : str
        ``"WBK"`` or ``"WBBM"``.
    status : str
        ``"memenuhi"`` (CI lower bound ≥ threshold), ``"belum memenuhi"`` (CI upper bound <
        threshold) or ``"belum dapat disimpulkan"`` (the CI contains the threshold, no CI,
        no responses, or fewer responses than ``min_andal``).
    ambang : float
        Threshold on the 1-4 scale.
    versi : str
        Configuration version id of the threshold.
    status_versi : str
        ``"provisional"`` etc., as in the configuration.
    nilai_skala4, ci_bawah_skala4, ci_atas_skala4 : float
        Index and CI on the 1-4 scale.
    n_respons : int
    keterangan : str
        Explanation in Bahasa Indonesia.
    """

    indeks: str
    predikat: str
    status: str
    ambang: float
    versi: str
    status_versi: str
    nilai_skala4: float
    ci_bawah_skala4: float
    ci_atas_skala4: float
    n_respons: int
    keterangan: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _zi_version(versi: str | None) -> dict[str, Any]:
    zi = index_config()["zona_integritas"]
    wanted = versi or zi["versi_bawaan"]
    for block in zi["versi"]:
        if block["id"] == wanted:
            return block
    ada = ", ".join(b["id"] for b in zi["versi"])
    raise InputError(f'Versi ambang Zona Integritas "{wanted}" tidak dikenal. Versi yang ada: {ada}.')


def zi_readiness(result: IndexResult, *, predikat: str = "WBK", versi: str | None = None) -> Kesiapan:
    """Is an IPAK (SPAK) or IPKP (SPKP) result above the Zona Integritas threshold?

    Compared on the 1-4 scale (index and CI mapped linearly when the scale differs), with
    exact values:

    * ``"memenuhi"``: CI lower bound ≥ threshold;
    * ``"belum memenuhi"``: CI upper bound < threshold;
    * ``"belum dapat disimpulkan"``: the CI contains the threshold, or there is no CI, no
      response, or fewer responses than ``min_andal``.

    Parameters
    ----------
    result : IndexResult
        From :func:`compute_index` or :func:`kanwil_aggregate` for SPAK or SPKP.
    predikat : {"WBK", "WBBM"}
    versi : str, optional
        Threshold version id in ``config/zona_integritas.toml``; default ``versi_bawaan``.

    Examples
    --------
    >>> r = IndexResult("SPAK", 120, 3.8, 1, 4, 3.8, 95.0, "maks", 3.7, 3.9, 0.1, 0.051,
    ...     True, "")
    >>> k = zi_readiness(r, predikat="WBK")
    >>> k.status, k.ambang
    ('memenuhi', 3.6)
    """
    if not isinstance(result, IndexResult):
        raise InputError("zi_readiness() memerlukan IndexResult dari compute_index().")
    if not isinstance(result, IndexResult):
        raise InputError("zi_readiness() memerlukan IndexResult dari compute_index().")
    indeks = _ZI_INDICES.get(result.instrumen)
    if indeks is None:
        raise InputError(
            f"Kesiapan Zona Integritas hanya untuk SPAK (IPAK) dan SPKP (IPKP), bukan {result.instrumen}."
        )
    pred = str(predikat).strip().upper()
    if pred not in PREDICATES:
        raise InputError(f'Predikat "{predikat}" tidak dikenal; pilih WBK atau WBBM.')
    block = _zi_version(versi)
    ambang = float(block[f"{indeks.lower()}_{pred.lower()}"])
    lo, hi = result.skala_min, result.skala_maks
    v4, lo4, hi4 = (to_scale4(x, lo, hi) for x in (result.nilai, result.ci_bawah, result.ci_atas))
    teks_ambang = f"ambang {pred} {fmt(ambang)} ({block.get('status', '')}, versi {block['id']})"
    status, ket = _verdict(result, indeks, ambang, teks_ambang, (v4, lo4, hi4))
    return Kesiapan(
        indeks=indeks,
        predikat=pred,
        status=status.value,
        ambang=ambang,
        versi=str(block["id"]),
        status_versi=str(block.get("status", "")),
        nilai_skala4=float(v4),
        ci_bawah_skala4=float(lo4),
        ci_atas_skala4=float(hi4),
        n_respons=result.n_respons,
        keterangan=ket,
    )


def _verdict(result: IndexResult, indeks: str, ambang: float, teks_ambang: str,
             scale4: tuple[float, float, float]) -> tuple[Readiness, str]:
    """The verdict on the 1-4 values ``(index, CI low, CI high)`` and its explanation."""
    v4, lo4, hi4 = scale4
    if result.n_respons == 0 or math.isnan(v4):
        return Readiness.INCONCLUSIVE, f"tidak ada respons; {teks_ambang}"
    if not result.cukup:
        return Readiness.INCONCLUSIVE, (
            f"{indeks} {fmt(v4)} dari n kecil ({result.n_respons} < {result.min_andal}): "
            f"belum dapat dibandingkan dengan {teks_ambang}"
        )
    if math.isnan(lo4) or math.isnan(hi4):
        return Readiness.INCONCLUSIVE, f"{indeks} {fmt(v4)}: selang kepercayaan tidak tersedia; {teks_ambang}"
    sk = f"{indeks} {fmt(v4)} (SK {level_percent()}% {fmt(lo4)}–{fmt(hi4)})"
    if lo4 >= ambang:
        return Readiness.MEETS, f"{sk}: batas bawah ≥ {teks_ambang}"
    if hi4 < ambang:
        return Readiness.NOT_MET, f"{sk}: batas atas < {teks_ambang}"
    return Readiness.INCONCLUSIVE, f"{sk}: selang kepercayaan memuat {teks_ambang}"


def combined_readiness(a: str | None, b: str | None) -> str:
    """Readiness for a predicate that needs two indices (IPKP and IPAK): met only when both are.

    Parameters
    ----------
    a, b : str or None
        The two indices' :class:`Readiness` values (None or NaN when not computed).

    Returns
    -------
    str
        ``"memenuhi"`` when both meet the threshold, ``"belum memenuhi"`` when either does
        not, otherwise ``"belum dapat disimpulkan"``.

    Examples
    --------
    >>> combined_readiness("memenuhi", "belum dapat disimpulkan")
    'belum dapat disimpulkan'
    """
    if a == b == Readiness.MEETS:
        return Readiness.MEETS.value
    if Readiness.NOT_MET in (a, b):
        return Readiness.NOT_MET.value
    return Readiness.INCONCLUSIVE.value


def readiness_rank(status: Any) -> float:
    """Rank of a readiness for sorting, most ready first: 0, 1, 2; 3 when there is none.

    Examples
    --------
    >>> readiness_rank("belum memenuhi"), readiness_rank(None)
    (2, 3)
    """
    order = list(Readiness)
    return order.index(Readiness(status)) if status in order else 3


def threshold_summary(versi: str | None = None) -> str:
    """The thresholds of a version in one phrase, as the recap's note states them.

    Examples
    --------
    >>> threshold_summary()
    'IPKP ≥ 3,20 WBK / ≥ 3,60 WBBM; IPAK ≥ 3,60'
    """
    block = _zi_version(versi)
    parts = []
    for indeks in ("IPKP", "IPAK"):
        wbk, wbbm = (float(block[f"{indeks.lower()}_{p.lower()}"]) for p in ("wbk", "wbbm"))
        parts.append(f"{indeks} ≥ {fmt(wbk)}" if wbk == wbbm else f"{indeks} ≥ {fmt(wbk)} WBK / ≥ {fmt(wbbm)} WBBM")
    return "; ".join(parts)
