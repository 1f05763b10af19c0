"""Against the previous period: previous value, change, and whether the change is beyond chance.

Rules (the report's methodology, tested with hand-computed values):

* **change** — ``now - previous`` in the figure's own unit (index points on 1–4, percentage
  points for attainment).
* **"tidak berbeda bermakna"** — the two 95% intervals overlap (``lo_now <= hi_prev`` and
  ``lo_prev <= hi_now``). The intervals are the report's own: :class:`IndexResult`'s for IPKP and
  IPAK, and :func:`unsur_intervals` (the same :func:`~spakanalysis.stats.intervals.bounded_interval`,
  SE = sd / √n with the finite-population correction) for each unsur. Overlap is the conservative
  reading: a change called "berbeda bermakna" is one whose intervals are disjoint.
* attainment has no sampling interval (it counts responses against a minimum): its change is
  reported as "naik", "turun" or "tetap" without a significance label.
* a previous period without data gives "Tidak ada data periode sebelumnya" and no change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.stats.intervals import bounded_interval

__all__ = [
    "TIDAK_BERMAKNA",
    "NAIK_BERMAKNA",
    "TURUN_BERMAKNA",
    "TANPA_DATA_SEBELUMNYA",
    "Perubahan",
    "intervals_overlap",
    "compare_value",
    "compare_index",
    "unsur_intervals",
    "compare_unsur",
]

TIDAK_BERMAKNA = "tidak berbeda bermakna"
NAIK_BERMAKNA = "naik bermakna"
TURUN_BERMAKNA = "turun bermakna"
TANPA_DATA_SEBELUMNYA = "Tidak ada data periode sebelumnya"
TANPA_DATA_SEKARANG = "Belum ada data periode ini"


def _finite(*values) -> bool:
    return all(v is not None and not pd.isna(v) and math.isfinite(float(v)) for v in values)


@dataclass(frozen=True)
class Perubahan:
    """One figure against the previous period.

    Attributes
    ----------
    sekarang, sebelum : float
        This period's and the previous period's value (NaN when missing).
    selisih : float
        ``sekarang - sebelum`` (NaN when either is missing).
    bermakna : bool or None
        ``False`` when the 95% intervals overlap, ``True`` when they are disjoint,
        ``None`` when there is no interval to judge (attainment, missing data).
    keterangan : str
        The reading in Indonesian ("tidak berbeda bermakna", "naik bermakna", "naik", …).
    """

    sekarang: float
    sebelum: float
    selisih: float
    bermakna: bool | None
    keterangan: str

    @property
    def ada_sebelum(self) -> bool:
        return _finite(self.sebelum)

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        """JSON-ready values rounded to ``digits`` (``None`` for NaN)."""
        def num(x):
            return round(float(x), digits) if _finite(x) else None
        return {"sekarang": num(self.sekarang), "sebelum": num(self.sebelum), "selisih": num(self.selisih),
                "bermakna": self.bermakna, "keterangan": self.keterangan}


def intervals_overlap(lo_a, hi_a, lo_b, hi_b) -> bool | None:
    """Whether the intervals ``[lo_a, hi_a]`` and ``[lo_b, hi_b]`` share a point; ``None`` if one is missing.

    Examples
    --------
    >>> intervals_overlap(3.10, 3.30, 3.25, 3.45), intervals_overlap(3.10, 3.20, 3.21, 3.40)
    (True, False)
    """
    if not _finite(lo_a, hi_a, lo_b, hi_b):
        return None
    return bool(lo_a <= hi_b and lo_b <= hi_a)


def _direction(change: float) -> str:
    return "tetap" if change == 0 else ("naik" if change > 0 else "turun")


def compare_value(sekarang, sebelum, ci_sekarang=None, ci_sebelum=None, *,
                  tanpa_sebelum: str = TANPA_DATA_SEBELUMNYA) -> Perubahan:
    """Compare one figure with its previous value, judging the change by its 95% intervals when given.

    Parameters
    ----------
    sekarang, sebelum : float or None
        The two values (``None``/NaN: missing).
    ci_sekarang, ci_sebelum : (low, high), optional
        The 95% intervals; without both the change gets no significance label.
    tanpa_sebelum : str
        The reading when the previous value is missing.

    Examples
    --------
    >>> compare_value(3.40, 3.30, (3.35, 3.45), (3.24, 3.36)).keterangan
    'tidak berbeda bermakna'
    >>> compare_value(3.40, 3.20, (3.35, 3.45), (3.14, 3.26)).keterangan
    'naik bermakna'
    >>> compare_value(80.0, 92.5).keterangan
    'turun'
    """
    now = float("nan") if sekarang is None or pd.isna(sekarang) else float(sekarang)
    prev = float("nan") if sebelum is None or pd.isna(sebelum) else float(sebelum)
    if not _finite(prev):
        return Perubahan(now, math.nan, math.nan, None, tanpa_sebelum)
    if not _finite(now):
        return Perubahan(now, prev, math.nan, None, TANPA_DATA_SEKARANG)
    change = now - prev
    overlap = None
    if ci_sekarang is not None and ci_sebelum is not None:
        overlap = intervals_overlap(ci_sekarang[0], ci_sekarang[1], ci_sebelum[0], ci_sebelum[1])
    if overlap is None:
        return Perubahan(now, prev, change, None, _direction(change))
    if overlap:
        return Perubahan(now, prev, change, False, TIDAK_BERMAKNA)
    return Perubahan(now, prev, change, True, NAIK_BERMAKNA if change > 0 else TURUN_BERMAKNA)


def compare_index(sekarang, sebelum) -> Perubahan:
    """IPKP or IPAK (:class:`~spakanalysis.stats.index_result.IndexResult`) against the previous period's.

    ``sebelum`` may be ``None`` or a result without responses (no previous data).
    """
    if sebelum is None or sebelum.n_respons == 0:
        return compare_value(sekarang.nilai, None)
    return compare_value(sekarang.nilai, sebelum.nilai, (sekarang.ci_bawah, sekarang.ci_atas),
                         (sebelum.ci_bawah, sebelum.ci_atas))


def unsur_intervals(items: pd.DataFrame, skala_min: float, skala_maks: float,
                    populasi: float | None = None) -> pd.DataFrame:
    """The 95% interval of each unsur's mean score (columns ``se``, ``ci_bawah``, ``ci_atas`` added).

    ``se = sd / sqrt(n)``, times ``sqrt((N - n) / N)`` while ``n < N`` (the index's own
    finite-population correction), then :func:`~spakanalysis.stats.intervals.bounded_interval`
    with ``n - 1`` degrees of freedom. NaN for ``n < 2``.

    Parameters
    ----------
    items : DataFrame
        :func:`~spakanalysis.stats.indices.item_scores` (``n``, ``nrr``, ``sd``).
    skala_min, skala_maks : float
        The instrument's scale.
    populasi : float, optional
        The period's population ``N``.
    """
    n = items["n"].to_numpy(dtype=float)
    sd = items["sd"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.where(n >= 2, sd / np.sqrt(np.where(n > 0, n, 1)), np.nan)
        if populasi is not None and populasi > 0:
            se = se * np.sqrt(np.where(n < populasi, (populasi - n) / populasi, 1.0))
    lo, hi, _margin = bounded_interval(items["nrr"].to_numpy(dtype=float), se, n - 1, skala_min, skala_maks)
    return items.assign(se=se, ci_bawah=np.where(n >= 2, lo, np.nan), ci_atas=np.where(n >= 2, hi, np.nan))


def compare_unsur(sekarang: pd.DataFrame, sebelum: pd.DataFrame | None) -> pd.DataFrame:
    """Each unsur of this period against the previous period, by ``kode_butir``.

    Both frames carry :func:`unsur_intervals`' columns; ``sebelum`` may be ``None`` (no data).

    Returns
    -------
    DataFrame
        ``kode_butir``, ``unsur``, ``nrr``, ``nrr_sebelum``, ``selisih``, ``bermakna``,
        ``keterangan``, in this period's order.
    """
    prev = None if sebelum is None else sebelum.set_index("kode_butir")
    rows = []
    for r in sekarang.to_dict(orient="records"):
        p = prev.loc[r["kode_butir"]] if prev is not None and r["kode_butir"] in prev.index else None
        has_prev = p is not None and p["n"] > 0
        c = compare_value(r["nrr"], p["nrr"] if has_prev else None, (r["ci_bawah"], r["ci_atas"]),
                          (p["ci_bawah"], p["ci_atas"]) if has_prev else None)
        rows.append({"kode_butir": r["kode_butir"], "unsur": r["unsur"], "nrr": c.sekarang, "nrr_sebelum": c.sebelum,
                     "selisih": c.selisih, "bermakna": c.bermakna, "keterangan": c.keterangan})
    return pd.DataFrame(rows, columns=["kode_butir", "unsur", "nrr", "nrr_sebelum", "selisih", "bermakna", "keterangan"])
