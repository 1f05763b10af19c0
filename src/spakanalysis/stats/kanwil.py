"""Index of a Kanwil from its satker: pooled, unweighted mean or stratified (:func:`kanwil_aggregate`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.errors import InputError
from spakanalysis.stats.estimation import ScaleItems
from spakanalysis.stats.groups import display_labels, grouped
from spakanalysis.stats.index_config import check_min_reliable
from spakanalysis.stats.index_result import IndexResult
from spakanalysis.stats.indices import compute_index
from spakanalysis.stats.intervals import bounded_interval
from spakanalysis.stats.scales import conversion_text, margin_100, to_100, to_scale4

__all__ = ["AGGREGATION_METHODS", "kanwil_aggregate"]

#: The aggregation methods and how the result states them (``{s}``: number of satker with responses).
AGGREGATION_METHODS = {
    "gabungan": "gabungan: semua responden satker digabung menjadi satu sampel "
    "(satker dengan lebih banyak responden lebih berpengaruh)",
    "rerata-satker": "rerata-satker: rerata tanpa bobot dari indeks {s} satker (setiap satker berbobot sama)",
    "berstrata": "berstrata: indeks {s} satker dibobot menurut pangsa pengguna layanannya "
    "(satker yang mengumpulkan lebih banyak respons tidak menjadi lebih berat)",
}


def _satterthwaite(rows: pd.DataFrame, pops: np.ndarray) -> float:
    """Effective degrees of freedom of a stratified SE (Welch–Satterthwaite)."""
    ok = rows["n"].to_numpy() > 1
    if not ok.any():
        return math.nan
    w = pops[ok] / pops[rows["n"].to_numpy() > 0].sum()
    a = w**2 * rows.loc[ok, "se"].to_numpy(dtype=float) ** 2
    den = np.sum(a**2 / (rows.loc[ok, "n"].to_numpy(dtype=float) - 1))
    return float(a.sum() ** 2 / den) if den > 0 else float(rows.loc[ok, "n"].sum() - 1)


def _stratified(rows: pd.DataFrame, pops: np.ndarray) -> tuple[float, float, list[str]]:
    """Stratified mean and standard error: ``sum W_h y_h`` and ``sqrt(sum W_h² se_h²)``.

    ``W_h`` is the stratum's population share among the strata with responses (a satker
    without responses cannot be estimated; the others' weights are renormalised).
    """
    ok = rows["n"].to_numpy() > 0
    if not ok.any():
        return math.nan, math.nan, []
    w = pops[ok] / pops[ok].sum()
    nilai = float(np.sum(w * rows.loc[ok, "nilai"].to_numpy(dtype=float)))
    se_h = rows.loc[ok, "se"].to_numpy(dtype=float)
    se = float(math.sqrt(np.sum(w**2 * se_h**2))) if not np.isnan(se_h).any() else math.nan
    return nilai, se, []


def kanwil_aggregate(
    respons: pd.DataFrame, instrumen: pd.DataFrame, instrument: str, *, method: str = "gabungan",
    population: Any = None, satker: Sequence[str] | None = None, by: str = "kode_satker",
    weights: Mapping[str, float] | Sequence[float] | None = None, conversion: str = "max",
    min_reliable: int | None = None,
) -> IndexResult:
    """Index of a Kanwil from its satker, by a named method.

    Parameters
    ----------
    method : {"gabungan", "rerata-satker", "berstrata"}
        ``"berstrata"`` (what a Kanwil index estimates: its service users): satker indices
        weighted by their population share ``W_h = N_h / sum N``, ``SE = sqrt(sum W_h² se_h²)``
        with each satker's own finite-population correction; needs ``population`` per satker.
        ``"gabungan"``: all respondents pooled (as :func:`compute_index`; with a population
        per satker its sum is used as N — an approximation, since the pooled sample is not a
        simple random sample of the Kanwil). ``"rerata-satker"``: unweighted mean of the satker
        indices; ``SE = sqrt(sum se_s^2) / S`` (independent samples), so the CI is NaN if any
        satker has a single response.
    population : number, dict or Series, optional
        N per satker (dict/Series keyed by ``kode_satker``), or the Kanwil total (number,
        ``"gabungan"`` only).
    satker : list of str, optional
        All satker of the Kanwil; those without responses are named in ``keterangan`` (they are
        not part of either mean). Defaults to the keys of ``population`` when it is a mapping.

    Returns
    -------
    IndexResult
        ``metode_agregasi`` states the method; ``n_respons`` is the pooled number of responses.

    Examples
    --------
    >>> cb = pd.DataFrame({"instrumen": ["SPAK"], "kode_butir": ["a"], "unsur": ["A"],
    ...     "skala_min": [1], "skala_maks": [4], "terbalik": ["tidak"], "bobot": [np.nan]})
    >>> r = pd.DataFrame({"kode_satker": ["X", "X", "X", "Y"], "a": [4.0, 4.0, 4.0, 2.0]})
    >>> kanwil_aggregate(r, cb, "SPAK", method="gabungan").nilai
    3.5
    >>> kanwil_aggregate(r, cb, "SPAK", method="rerata-satker").nilai
    3.0
    """
    if method not in AGGREGATION_METHODS:
        raise InputError(f'Metode agregasi "{method}" tidak dikenal; pilih berstrata, gabungan atau rerata-satker.')
    if satker is None and isinstance(population, (Mapping, pd.Series)):
        satker = list(population.keys())
    hadir = set(respons[by].dropna().astype(str)) if by in respons.columns else set()
    tanpa = [str(s) for s in (satker or []) if str(s) not in hadir]
    options = {"weights": weights, "conversion": conversion, "min_reliable": min_reliable}
    if method == "gabungan":
        return _pooled(respons, instrumen, instrument, population, tanpa, options)
    if population is not None and not isinstance(population, (Mapping, pd.Series)):
        raise InputError(f"Untuk {method}, population harus per satker (dict/Series kode_satker → N).")
    if method == "berstrata" and population is None:
        raise InputError("Untuk berstrata, population (jumlah pengguna layanan per satker) wajib diisi.")
    labels, rows, items, pop_g = grouped(respons, instrumen, instrument, by, population=population, **options)
    return _from_satker(method, display_labels(labels)[by], rows, items, pop_g,
                        conversion, check_min_reliable(min_reliable), tanpa)


def _from_satker(method: str, names: pd.Series, rows: pd.DataFrame, items: ScaleItems, pop_g: np.ndarray,
                 conversion: str, min_rel: int, tanpa: Sequence[str]) -> IndexResult:
    """The Kanwil's :class:`IndexResult` combined from its satker rows (``rerata-satker``, ``berstrata``)."""
    nilai, se, df = _combine(method, rows, pop_g)
    n_total = int(rows["n"].sum())
    ci_lo, ci_hi, margin = (float(v) for v in bounded_interval(nilai, se, df, items.lo, items.hi))
    small = [str(v) for v, n_s in zip(names, rows["n"]) if 0 < n_s < min_rel]
    lo, hi = items.lo, items.hi
    return IndexResult(
        instrumen=items.instrument,
        n_respons=n_total,
        nilai=nilai,
        skala_min=lo,
        skala_maks=hi,
        nilai_skala4=float(to_scale4(nilai, lo, hi)),
        nilai_100=float(to_100(nilai, lo, hi, conversion)),
        metode_konversi=conversion_text(lo, hi, conversion),
        ci_bawah=ci_lo,
        ci_atas=ci_hi,
        margin=margin,
        se=se,
        cukup=n_total >= min_rel,
        keterangan=_notes(n_total, min_rel, small, se, method, tanpa),
        populasi=None,
        min_andal=min_rel,
        metode_agregasi=AGGREGATION_METHODS[method].format(s=int((rows["n"].to_numpy() > 0).sum())),
        ci_bawah_100=float(to_100(ci_lo, lo, hi, conversion)),
        ci_atas_100=float(to_100(ci_hi, lo, hi, conversion)),
        margin_100=float(margin_100(margin, lo, hi, conversion)),
    )


def _without(tanpa: Sequence[str]) -> str:
    return f"satker tanpa respons: {', '.join(tanpa)}" if tanpa else ""


def _pooled(respons: pd.DataFrame, instrumen: pd.DataFrame, instrument: str, population: Any,
            tanpa: Sequence[str], options: dict[str, Any]) -> IndexResult:
    """``"gabungan"``: all respondents as one sample; a population per satker is summed."""
    if isinstance(population, (Mapping, pd.Series)):
        vals = pd.to_numeric(pd.Series(dict(population)), errors="coerce")
        pop = float(vals.sum()) if vals.notna().all() else None
    else:
        pop = population
    r = compute_index(respons, instrumen, instrument, population=pop, **options)
    ket = "; ".join(t for t in (r.keterangan, _without(tanpa)) if t)
    return replace(r, keterangan=ket, metode_agregasi=AGGREGATION_METHODS["gabungan"])


def _combine(method: str, rows: pd.DataFrame, pop_g: np.ndarray) -> tuple[float, float, float]:
    """Index, standard error and degrees of freedom of the Kanwil from its satker rows."""
    ok = rows["n"].to_numpy() > 0
    s = int(ok.sum())
    if method == "berstrata":
        nilai, se, _ = _stratified(rows, pop_g)
        return nilai, se, _satterthwaite(rows, pop_g)
    df = int(rows["n"].sum()) - 1
    if s == 0:
        return math.nan, math.nan, df
    se_s = rows.loc[ok, "se"].to_numpy(dtype=float)
    se = float(math.sqrt(np.sum(se_s**2)) / s) if not np.isnan(se_s).any() else math.nan
    return float(rows.loc[ok, "nilai"].mean()), se, df


def _notes(n_total: int, min_rel: int, small: Sequence[str], se: float, method: str, tanpa: Sequence[str]) -> str:
    """The Kanwil result's notes (Bahasa Indonesia)."""
    notes = []
    if n_total == 0:
        notes.append("tidak ada respons")
    else:
        if n_total < min_rel:
            notes.append(f"n kecil ({n_total} < {min_rel}): tafsirkan dengan hati-hati")
        if small:
            notes.append(f"satker dengan n kecil: {', '.join(small)}")
        if math.isnan(se):
            notes.append("selang kepercayaan tidak dapat dihitung (ada satker dengan n = 1)")
        if method == "berstrata" and tanpa:
            notes.append("satker tanpa respons tidak ikut dalam bobot (bobot satker lain dinormalkan ulang)")
    if tanpa:
        notes.append(_without(tanpa))
    return "; ".join(notes)
