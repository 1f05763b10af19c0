"""Survey indices: IPKP (SPKP), IPAK (SPAK) and IKM (SKM).

Definitions (see ``shared/reference/README.md``):

* **NRR** of an item (nilai rata-rata) = sum of valid answers / number of valid answers, after
  reverse-coding items marked ``terbalik = "ya"`` in the codebook (``min + max - x``).
  Missing answers ("tidak menjawab") are left out of that item only.
* **Index** = weighted mean of the item NRRs on the instrument's own scale. Weights come from the
  codebook column ``bobot`` (normalised to sum to 1) or are equal; SKM's 1/9 per unsur is used
  exactly, never as 0.111.
* **Confidence interval** (95%, normal approximation, ``z`` from configuration): the index is a
  mean of item means, each with its own number of answers, so its standard error is obtained by
  linearisation with the respondent as the sampling unit. Respondent ``r`` contributes the
  influence value ``u_r = sum_i w_i * 1[r answered i] * (x_ri - NRR_i) / n_i`` and
  ``SE^2 = n/(n-1) * sum_r u_r^2``, times the finite-population correction ``(N - n)/N`` when the
  population ``N`` is known and ``n <= N``. Without missing answers this is exactly the usual
  standard error of the respondents' own weighted means, ``s/sqrt(n)``. The interval is cut to the
  scale's range; ``margin`` stays the unclipped half-width ``z * SE``.
* Conversions: to 1-4 by ``1 + 3(x - min)/(max - min)`` (identity on 1-4); to 0-100 by
  ``"max"`` (``x/max*100``, as IKM = NRR x 25 on 1-4) or ``"rentang"`` (``(x-min)/(max-min)*100``).

All numbers are kept exact; round only when displaying. Thresholds (Zona Integritas, IKM grades,
minimum reliable n, minimum cell size, confidence level) live in ``config/zona_integritas.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.errors import InputError
from spakanalysis.data.codebook import InstrumentItems, parse_codebook
from spakanalysis.stats.estimation import check_population, estimate, index_result, index_rows
from spakanalysis.stats.index_config import check_min_reliable
from spakanalysis.stats.index_result import IndexResult
from spakanalysis.stats.scales import KONVERSI, check_conversion

__all__ = [
    "IndexResult",
    "KONVERSI",
    "prepare_scores",
    "item_scores",
    "compute_index",
]

# The other computations on the same items live beside this module: :mod:`~spakanalysis.stats.ikm`
# (IKM and its grade), :mod:`~spakanalysis.stats.zona_integritas` (readiness),
# :mod:`~spakanalysis.stats.groups` (:func:`index_by`, :func:`month_key`),
# :mod:`~spakanalysis.stats.breakdown`, :mod:`~spakanalysis.stats.priorities` and
# :mod:`~spakanalysis.stats.kanwil` (:func:`kanwil_aggregate`).


# ---------------------------------------------------------------------------------------------
# codebook
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Items:
    instrument: str
    codes: tuple[str, ...]
    unsur: tuple[str, ...]
    lo: float
    hi: float
    reverse: tuple[bool, ...]
    weights: tuple[float, ...]  # relative (ones when equal); normalised = weights / sum

    @property
    def normalised(self) -> tuple[float, ...]:
        tot = sum(self.weights)
        return tuple(w / tot for w in self.weights)


def _relative_weights(raw: np.ndarray, codes: Sequence[str], instrument: str, asal: str) -> np.ndarray:
    """Relative item weights (ones when equal); the index divides by their sum."""
    k = len(codes)
    given = ~np.isnan(raw)
    if not given.any():
        return np.ones(k)
    if not given.all():
        kosong = ", ".join(c for c, g in zip(codes, given) if not g)
        raise InputError(
            f"Bobot instrumen {instrument} ({asal}) hanya terisi sebagian; butir tanpa bobot: {kosong}. "
            "Isi semua bobot atau kosongkan semuanya (bobot sama)."
        )
    if (raw < 0).any() or raw.sum() <= 0:
        raise InputError(f"Bobot instrumen {instrument} ({asal}) harus ≥ 0 dan berjumlah > 0.")
    if (raw == raw[0]).all():
        # equal weights given as e.g. 0.111 each: use exactly 1/k
        return np.ones(k)
    return raw.astype(float)


#: Parsed codebooks by content (one report parses the same codebook about 16 times).
_CODEBOOK_MEMO: dict[tuple, _Items] = {}


def _codebook(instrumen: pd.DataFrame, instrument: str, weights: Any = None) -> _Items:
    """The items of ``instrument`` in the codebook, checked (memoised on the codebook's content)."""
    try:
        wkey = tuple(sorted(weights.items())) if isinstance(weights, Mapping) else (
            None if weights is None else tuple(weights))
        rows = tuple(tuple(None if v != v else v for v in row)  # NaN != NaN: as None, so equal codebooks match
                     for row in instrumen.itertuples(index=False, name=None))
        key = (str(instrument), wkey, tuple(instrumen.columns), rows)
        hash(key)
    except TypeError:  # unhashable cells or weights: parse every time
        return _parse_codebook(instrumen, instrument, weights)
    items = _CODEBOOK_MEMO.get(key)
    if items is None:
        items = _parse_codebook(instrumen, instrument, weights)
        if len(_CODEBOOK_MEMO) >= 32:
            _CODEBOOK_MEMO.pop(next(iter(_CODEBOOK_MEMO)))
        _CODEBOOK_MEMO[key] = items
    return items


def _parse_codebook(instrumen: pd.DataFrame, instrument: str, weights: Any = None) -> _Items:
    """The items of ``instrument`` as the index needs them (parsed by :func:`data.codebook.parse_codebook`)."""
    return _index_items(parse_codebook(instrumen).items(instrument), weights)


def _index_items(found: InstrumentItems, weights: Any = None) -> _Items:
    """Check one scale for all items and resolve the weights (codebook or ``weights`` argument)."""
    key, codes_t = found.instrument, found.codes
    lo, hi = pd.Series(found.lo, dtype="float64"), pd.Series(found.hi, dtype="float64")
    if lo.isna().any() or hi.isna().any():
        raise InputError(f"Kodebook instrumen {key}: skala_min/skala_maks harus berupa angka.")
    if lo.nunique() != 1 or hi.nunique() != 1:
        raise InputError(
            f"Kodebook instrumen {key}: skala butir berbeda-beda "
            f"({', '.join(f'{c} {a:g}–{b:g}' for c, a, b in zip(codes_t, lo, hi))}); "
            "indeks memerlukan satu skala untuk semua butir."
        )
    lo_v, hi_v = float(lo.iloc[0]), float(hi.iloc[0])
    if not lo_v < hi_v:
        raise InputError(f"Kodebook instrumen {key}: skala_min ({lo_v:g}) harus < skala_maks ({hi_v:g}).")
    if weights is None:
        w = _relative_weights(np.asarray(found.weights, dtype=float), codes_t, key, "kolom bobot kodebook")
    else:
        w = _relative_weights(_given_weights(weights, codes_t, key), codes_t, key, "argumen weights")
    return _Items(instrument=key, codes=codes_t, unsur=found.unsur, lo=lo_v, hi=hi_v, reverse=found.reverse,
                  weights=tuple(float(x) for x in w))


def _given_weights(weights: Any, codes_t: tuple[str, ...], key: str) -> np.ndarray:
    """The ``weights`` argument (mapping by item code, or a sequence in codebook order) as an array."""
    if isinstance(weights, Mapping):
        lain = set(weights) - set(codes_t)
        kurang = [c for c in codes_t if c not in weights]
        if lain or kurang:
            raise InputError(
                f"Bobot instrumen {key}: kunci harus tepat kode butir instrumen. "
                f"Tidak dikenal: {', '.join(sorted(map(str, lain))) or '-'}; kurang: {', '.join(kurang) or '-'}."
            )
        raw = np.array([float(weights[c]) for c in codes_t])
    else:
        raw = np.asarray(list(weights), dtype=float)
        if raw.shape != (len(codes_t),):
            raise InputError(
                f"Bobot instrumen {key}: diperlukan {len(codes_t)} bobot (urutan kodebook), bukan {raw.size}."
            )
    if np.isnan(raw).any():
        raise InputError(f"Bobot instrumen {key}: bobot tidak boleh kosong.")
    return raw


def _scores(respons: pd.DataFrame, items: _Items) -> pd.DataFrame:
    hilang = [c for c in items.codes if c not in respons.columns]
    if hilang:
        raise InputError(
            f"Data respons tidak memiliki kolom butir {items.instrument}: {', '.join(hilang)} "
            "(lihat kodebook instrumen.csv)."
        )
    try:
        arr = respons.loc[:, list(items.codes)].astype("float64").to_numpy(copy=True)
    except (TypeError, ValueError) as exc:
        raise InputError(f"Kolom butir {items.instrument} harus berisi angka (NaN = tidak menjawab): {exc}") from exc
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(arr) & ((arr < items.lo) | (arr > items.hi))
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise InputError(
            f'Nilai di luar skala {items.lo:g}–{items.hi:g} pada kolom "{items.codes[c]}": '
            f"{arr[r, c]:g} ({int(bad.sum())} sel)."
        )
    rev = np.array(items.reverse, dtype=bool)
    if rev.any():
        arr[:, rev] = items.lo + items.hi - arr[:, rev]
    return pd.DataFrame(arr, index=respons.index, columns=list(items.codes))


def prepare_scores(respons: pd.DataFrame, instrumen: pd.DataFrame, instrument: str) -> pd.DataFrame:
    """Item scores of one instrument, reverse-coded where the codebook says so.

    Parameters
    ----------
    respons : DataFrame
        Valid responses; item columns hold raw scale values as float (NaN = no answer).
    instrumen : DataFrame
        Codebook (``instrumen.csv``): instrumen, kode_butir, unsur, skala_min, skala_maks,
        terbalik, bobot.
    instrument : str
        ``"SPKP"``, ``"SPAK"`` or ``"SKM"`` (case-insensitive).

    Returns
    -------
    DataFrame
        Same index as ``respons``; one float column per item in codebook order. Items with
        ``terbalik == "ya"`` are recoded ``min + max - x``; NaN stays NaN.

    Raises
    ------
    InputError
        Unknown instrument, item columns missing, or values outside the scale.

    Examples
    --------
    >>> cb = pd.DataFrame({"instrumen": ["SPAK"] * 2, "kode_butir": ["a", "b"],
    ...     "unsur": ["A", "B"], "skala_min": [1, 1], "skala_maks": [4, 4],
    ...     "terbalik": ["tidak", "ya"], "bobot": [np.nan, np.nan]})
    >>> prepare_scores(pd.DataFrame({"a": [4.0, 2.0], "b": [1.0, np.nan]}), cb, "SPAK")
         a    b
    0  4.0  4.0
    1  2.0  NaN
    """
    return _scores(respons, _codebook(instrumen, instrument))


def item_scores(respons: pd.DataFrame, instrumen: pd.DataFrame, instrument: str) -> pd.DataFrame:
    """NRR per item (unsur), in codebook order.

    Returns
    -------
    DataFrame
        Columns ``kode_butir``, ``unsur``, ``n`` (valid answers), ``nrr`` (mean of the
        reverse-coded answers; NaN when nobody answered), ``sd`` (sample standard deviation,
        ``ddof=1``; NaN for n < 2) and ``bobot`` (normalised weight in the index).

    Examples
    --------
    >>> cb = pd.DataFrame({"instrumen": ["SPAK"] * 2, "kode_butir": ["a", "b"],
    ...     "unsur": ["A", "B"], "skala_min": [1, 1], "skala_maks": [4, 4],
    ...     "terbalik": ["tidak", "tidak"], "bobot": [np.nan, np.nan]})
    >>> t = item_scores(pd.DataFrame({"a": [4.0, 3.0], "b": [2.0, np.nan]}), cb, "SPAK")
    >>> t[["kode_butir", "n", "nrr"]]
      kode_butir  n  nrr
    0          a  2  3.5
    1          b  1  2.0
    """
    items = _codebook(instrumen, instrument)
    x = _scores(respons, items)
    return pd.DataFrame(
        {
            "kode_butir": list(items.codes),
            "unsur": list(items.unsur),
            "n": x.count().to_numpy(dtype="int64"),
            "nrr": x.mean().to_numpy(dtype=float),
            "sd": x.std(ddof=1).to_numpy(dtype=float),
            "bobot": list(items.normalised),
        }
    )


# ---------------------------------------------------------------------------------------------


def compute_index(
    respons: pd.DataFrame, instrumen: pd.DataFrame, instrument: str, *, population: int | None = None,
    weights: Mapping[str, float] | Sequence[float] | None = None, conversion: str = "max",
    min_reliable: int | None = None,
) -> IndexResult:
    """Index of one instrument over all given responses, with a 95% confidence interval.

    Parameters
    ----------
    respons : DataFrame
        Valid responses (already filtered by the caller); raw item values, NaN = no answer.
    instrumen : DataFrame
        Codebook.
    instrument : str
        ``"SPKP"``, ``"SPAK"`` or ``"SKM"``.
    population : int, optional
        Number of service users ``N`` the responses were drawn from (for a period: the
        monthly average times the months covered, see :func:`period_population`); applies the
        finite-population correction ``(N - n)/N`` to the variance while ``n < N``. At
        ``n >= N`` the result is marked ``sensus`` and the correction is not applied.
    weights : mapping or sequence, optional
        Item weights overriding the codebook's ``bobot`` (normalised to sum 1).
    conversion : {"max", "rentang"}
        Conversion to 0-100: ``x/max*100`` (SKM style) or ``(x-min)/(max-min)*100``.
    min_reliable : int, optional
        Minimum responses for ``cukup``; default ``keandalan.min_respons_andal`` (30).

    Returns
    -------
    IndexResult
        With 0 responses: ``nilai`` NaN and ``keterangan == "tidak ada respons"``; with 1
        response the CI is NaN (unless ``population == 1``).

    Notes
    -----
    Standard error by linearisation with respondents as clusters:
    ``u_r = sum_i w_i 1[r answered i] (x_ri - NRR_i)/n_i``, ``SE^2 = n/(n-1) sum_r u_r^2``
    (times ``(N-n)/N``); the interval is :func:`~spakanalysis.stats.intervals.bounded_interval`
    with ``n - 1`` degrees of freedom. An item nobody answered gives its weight to the others.

    Examples
    --------
    >>> cb = pd.DataFrame({"instrumen": ["SKM"] * 2, "kode_butir": ["u1", "u2"],
    ...     "unsur": ["U1", "U2"], "skala_min": [1, 1], "skala_maks": [4, 4],
    ...     "terbalik": ["tidak"] * 2, "bobot": [np.nan, np.nan]})
    >>> r = compute_index(pd.DataFrame({"u1": [4.0, 3.0], "u2": [3.0, 3.0]}), cb, "SKM")
    >>> r.nilai, r.nilai_100, r.n_respons, r.cukup
    (3.25, 81.25, 2, False)
    >>> r.keterangan
    'n kecil (2 < 30): tafsirkan dengan hati-hati'
    """
    items = _codebook(instrumen, instrument, weights)
    conversion, min_rel = check_conversion(conversion), check_min_reliable(min_reliable)
    pop = np.array([check_population(population)])
    x = _scores(respons, items).to_numpy()
    est = estimate(x, np.array(items.weights), np.zeros(len(x), dtype="int64"), 1, pop)
    row = index_rows(est, items, pop, conversion, min_rel).iloc[0]
    return index_result(row, items, float(pop[0]), conversion, min_rel)
