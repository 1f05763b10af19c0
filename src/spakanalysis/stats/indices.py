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
minimum reliable n, minimum cell size, ``z``) live in ``config/zona_integritas.toml``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.config import load_config
from spakanalysis.core.errors import InputError
from spakanalysis.core.formatting import format_angka
from spakanalysis.data.codebook import InstrumentItems, parse_codebook

__all__ = [
    "IndexResult",
    "Mutu",
    "Kesiapan",
    "KONVERSI",
    "prepare_scores",
    "item_scores",
    "compute_index",
    "ikm",
    "ikm_grade",
    "zi_readiness",
    "month_key",
    "index_by",
    "breakdown",
    "priorities",
    "kanwil_aggregate",
]

CONFIG_NAME = "zona_integritas"
NAMA_INDEKS = {"SPAK": "IPAK", "SPKP": "IPKP", "SKM": "IKM"}
LABEL_KOSONG = "(tidak diisi)"
LABEL_TOTAL = "Total"
KONVERSI = ("max", "rentang")
_TOL = 1e-9


# ---------------------------------------------------------------------------------------------
# configuration
# ---------------------------------------------------------------------------------------------
def _cfg() -> dict[str, Any]:
    return load_config(CONFIG_NAME)


def _z() -> float:
    return float(_cfg()["selang_kepercayaan"]["z"])


def _t_quantile(df):
    """Two-sided t quantile for the configured level with ``df`` degrees of freedom (NaN when df < 1)."""
    from scipy.special import stdtrit

    level = float(_cfg()["selang_kepercayaan"]["tingkat"])
    df = np.asarray(df, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(df >= 1, stdtrit(np.where(df >= 1, df, 1.0), 1 - (1 - level) / 2), np.nan)


def _interval(nilai, se, df, lo: float, hi: float):
    """95% interval bounded to the scale: a t interval on the logit of ``(x - lo)/(hi - lo)``.

    The Wald interval under-covers for skewed answers at small n (about 92.5% at n = 30 with
    two thirds of the answers at the top); this one keeps 94–96% at n = 30, 100 and 300
    (``benchmarks/simulasi_cakupan.py``). Returns ``(ci_low, ci_high, margin)``, ``margin``
    being the half-width ``t × SE`` on the native scale. An index at the scale's end (every
    answer the same) has SE 0 and a degenerate interval.
    """
    nilai, se = np.asarray(nilai, dtype=float), np.asarray(se, dtype=float)
    q = _t_quantile(df)
    span = hi - lo
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        p = (nilai - lo) / span
        inner = (p > 0) & (p < 1) & (se > 0)
        pc = np.where(inner, p, 0.5)
        half = q * se / span / (pc * (1 - pc))
        logit = np.log(pc / (1 - pc))
        low = np.where(inner, lo + span / (1 + np.exp(-(logit - half))), nilai)
        high = np.where(inner, lo + span / (1 + np.exp(-(logit + half))), nilai)
    bad = ~np.isfinite(se)
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high), q * se


def _tingkat_persen() -> str:
    return format_angka(float(_cfg()["selang_kepercayaan"]["tingkat"]) * 100)


def _min_reliable(value: int | None) -> int:
    if value is None:
        return int(_cfg()["keandalan"]["min_respons_andal"])
    if isinstance(value, bool) or not isinstance(value, Real) or value < 0 or value != int(value):
        raise InputError(f"min_reliable harus bilangan bulat ≥ 0, bukan {value!r}.")
    return int(value)


def _min_cell(value: int | None) -> int:
    if value is None:
        return int(_cfg()["keandalan"]["min_sel"])
    if isinstance(value, bool) or not isinstance(value, Real) or value < 1 or value != int(value):
        raise InputError(f"min_cell harus bilangan bulat ≥ 1, bukan {value!r}.")
    return int(value)


def _zi_version(versi: str | None) -> dict[str, Any]:
    zi = _cfg()["zona_integritas"]
    wanted = versi or zi["versi_bawaan"]
    for block in zi["versi"]:
        if block["id"] == wanted:
            return block
    ada = ", ".join(b["id"] for b in zi["versi"])
    raise InputError(f'Versi ambang Zona Integritas "{wanted}" tidak dikenal. Versi yang ada: {ada}.')


def _fmt(x: float, desimal: int = 2) -> str:
    return format_angka(x, desimal)


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
# results
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndexResult:
    """An index with its uncertainty and conversions (all values exact, unrounded).

    Attributes
    ----------
    instrumen : str
        ``"SPKP"``, ``"SPAK"`` or ``"SKM"``; :attr:`indeks` gives IPKP, IPAK or IKM.
    n_respons : int
        Respondents with at least one valid answer.
    nilai : float
        Index on the instrument's own scale (weighted mean of item NRRs); NaN without responses.
    skala_min, skala_maks : float
        The instrument's scale.
    nilai_skala4 : float
        ``nilai`` on 1-4: ``1 + 3(x - min)/(max - min)``; identical to ``nilai`` on a 1-4 scale.
    nilai_100 : float
        ``nilai`` on 0-100 with the conversion named in ``metode_konversi``.
    metode_konversi : str
        Conversion name and formula (Bahasa Indonesia).
    ci_bawah, ci_atas : float
        95% confidence interval on the native scale, cut to ``[skala_min, skala_maks]``;
        NaN when it cannot be computed (n < 2 without a complete census).
    margin : float
        Half-width ``z * se`` (before cutting to the scale).
    se : float
        Standard error (linearisation, finite-population correction when ``populasi`` is known).
    cukup : bool
        ``n_respons >= min_andal``.
    keterangan : str
        Notes in Bahasa Indonesia ("tidak ada respons", "n kecil (12 < 30): ..."); "" when none.
    populasi : float or None
        Population ``N`` used for the finite-population correction.
    min_andal : int
        Minimum number of responses for a reliable result.
    metode_agregasi : str or None
        For Kanwil aggregates: how satker results were combined.
    sensus : bool
        ``n_respons`` reached ``populasi``: noted, and the interval is computed without the
        finite-population correction (never a zero-width interval).
    ci_bawah_100, ci_atas_100, margin_100 : float
        The interval and margin in the unit of ``nilai_100`` (0-100), by the same linear
        conversion as ``nilai_100``: shown next to a 0-100 value, an interval is always on 0-100.
    """

    instrumen: str
    n_respons: int
    nilai: float
    skala_min: float
    skala_maks: float
    nilai_skala4: float
    nilai_100: float
    metode_konversi: str
    ci_bawah: float
    ci_atas: float
    margin: float
    se: float
    cukup: bool
    keterangan: str
    populasi: float | None = None
    min_andal: int = 30
    metode_agregasi: str | None = None
    ci_bawah_100: float = math.nan
    ci_atas_100: float = math.nan
    margin_100: float = math.nan
    sensus: bool = False

    @property
    def indeks(self) -> str:
        """Name of the index: IPAK (SPAK), IPKP (SPKP) or IKM (SKM)."""
        return NAMA_INDEKS.get(self.instrumen, self.instrumen)

    def to_dict(self) -> dict[str, Any]:
        """Fields as a plain dict (plus ``indeks``)."""
        return {"indeks": self.indeks, **asdict(self)}


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


# ---------------------------------------------------------------------------------------------
# conversions
# ---------------------------------------------------------------------------------------------
def _check_conversion(conversion: str) -> str:
    if conversion not in KONVERSI:
        raise InputError(f'Konversi "{conversion}" tidak dikenal; pilih salah satu: {", ".join(KONVERSI)}.')
    return conversion


def _to_scale4(x, lo: float, hi: float):
    if lo == 1 and hi == 4:
        return x
    return 1 + 3 * (x - lo) / (hi - lo)


def _to_100(x, lo: float, hi: float, conversion: str):
    if conversion == "max":
        return x / hi * 100
    return (x - lo) / (hi - lo) * 100


def _margin_100(margin, lo: float, hi: float, conversion: str):
    """A half-width on the native scale in 0-100 units (the conversion is linear)."""
    return margin * 100 / (hi if conversion == "max" else hi - lo)


def _conversion_text(lo: float, hi: float, conversion: str) -> str:
    if conversion == "max":
        bawah = lo / hi * 100
        teks = _fmt(bawah, 0 if bawah == int(bawah) else 2)
        return f"maks: nilai / {hi:g} × 100 (cara SKM; skala {lo:g}–{hi:g} menjadi {teks}–100)"
    return f"rentang: (nilai − {lo:g}) / ({hi:g} − {lo:g}) × 100 (skala {lo:g}–{hi:g} menjadi 0–100)"


# ---------------------------------------------------------------------------------------------
# estimation core (vectorised over groups)
# ---------------------------------------------------------------------------------------------
def _estimate(x: np.ndarray, w: np.ndarray, code: np.ndarray, g: int, pop: np.ndarray) -> dict[str, np.ndarray]:
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


def _check_population(value: Any) -> float:
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
            f"sensus: jumlah respons ({n}) mencapai populasi periode ({_fmt(pop, 1)}); selang kepercayaan dihitung "
            "tanpa koreksi populasi terhingga"
        )
    return "; ".join(notes)


def _rows(
    est: dict[str, np.ndarray], items: _Items, pop: np.ndarray, conversion: str, min_rel: int
) -> pd.DataFrame:
    nilai = est["nilai"]
    se = est["se"]
    ci_lo, ci_hi, margin = _interval(nilai, se, est["n"] - 1, items.lo, items.hi)
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
            "nilai_skala4": _to_scale4(nilai, items.lo, items.hi),
            "nilai_100": _to_100(nilai, items.lo, items.hi, conversion),
            "ci_bawah_100": _to_100(ci_lo, items.lo, items.hi, conversion),
            "ci_atas_100": _to_100(ci_hi, items.lo, items.hi, conversion),
            "margin_100": _margin_100(margin, items.lo, items.hi, conversion),
            "cukup": est["n"] >= min_rel,
            "sensus": est["sensus"],
            "keterangan": ket,
        }
    )


def _result(row: pd.Series, items: _Items, pop: float, conversion: str, min_rel: int) -> IndexResult:
    return IndexResult(
        instrumen=items.instrument,
        n_respons=int(row["n"]),
        nilai=float(row["nilai"]),
        skala_min=items.lo,
        skala_maks=items.hi,
        nilai_skala4=float(row["nilai_skala4"]),
        nilai_100=float(row["nilai_100"]),
        metode_konversi=_conversion_text(items.lo, items.hi, conversion),
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


def compute_index(
    respons: pd.DataFrame,
    instrumen: pd.DataFrame,
    instrument: str,
    *,
    population: int | None = None,
    weights: Mapping[str, float] | Sequence[float] | None = None,
    conversion: str = "max",
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
    ``u_r = sum_i w_i 1[r answered i] (x_ri - NRR_i)/n_i`` and ``SE^2 = n/(n-1) sum_r u_r^2``
    (times ``(N-n)/N``). Without missing answers this equals ``s/sqrt(n)`` of the respondents'
    weighted means. The interval uses the normal quantile ``z`` from the configuration (1.96);
    for small n a t quantile would be wider — such results are flagged by ``cukup``. If an item
    has no answers at all, its weight is shared among the other items (noted in ``keterangan``).

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
    conversion = _check_conversion(conversion)
    min_rel = _min_reliable(min_reliable)
    pop = np.array([_check_population(population)])
    x = _scores(respons, items).to_numpy()
    est = _estimate(x, np.array(items.weights), np.zeros(len(x), dtype="int64"), 1, pop)
    row = _rows(est, items, pop, conversion, min_rel).iloc[0]
    return _result(row, items, float(pop[0]), conversion, min_rel)


# ---------------------------------------------------------------------------------------------
# IKM and Zona Integritas
# ---------------------------------------------------------------------------------------------
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
    if not (1 - _TOL <= x <= 4 + _TOL):
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
    if not (25 - _TOL <= v <= 100 + _TOL):
        raise InputError(f"IKM harus di antara 25 dan 100, bukan {v!r}.")
    conf = _cfg()["ikm"]
    rounded = _round_half_up(v, int(conf["desimal"]))
    for grade in conf["mutu"]:
        if rounded >= Decimal(repr(float(grade["batas_bawah"]))):
            return Mutu(grade["mutu"], grade["kinerja"], v, float(rounded))
    last = conf["mutu"][-1]
    return Mutu(last["mutu"], last["kinerja"], v, float(rounded))


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
    indeks = {"SPAK": "IPAK", "SPKP": "IPKP"}.get(result.instrumen)
    if indeks is None:
        raise InputError(
            f"Kesiapan Zona Integritas hanya untuk SPAK (IPAK) dan SPKP (IPKP), bukan {result.instrumen}."
        )
    pred = str(predikat).strip().upper()
    if pred not in ("WBK", "WBBM"):
        raise InputError(f'Predikat "{predikat}" tidak dikenal; pilih WBK atau WBBM.')
    block = _zi_version(versi)
    ambang = float(block[f"{indeks.lower()}_{pred.lower()}"])
    lo, hi = result.skala_min, result.skala_maks
    v4 = _to_scale4(result.nilai, lo, hi)
    lo4 = _to_scale4(result.ci_bawah, lo, hi)
    hi4 = _to_scale4(result.ci_atas, lo, hi)
    tingkat = _tingkat_persen()
    teks_ambang = f"ambang {pred} {_fmt(ambang)} ({block.get('status', '')}, versi {block['id']})"
    if result.n_respons == 0 or math.isnan(v4):
        status, ket = "belum dapat disimpulkan", f"tidak ada respons; {teks_ambang}"
    elif not result.cukup:
        status = "belum dapat disimpulkan"
        ket = (
            f"{indeks} {_fmt(v4)} dari n kecil ({result.n_respons} < {result.min_andal}): "
            f"belum dapat dibandingkan dengan {teks_ambang}"
        )
    elif math.isnan(lo4) or math.isnan(hi4):
        status = "belum dapat disimpulkan"
        ket = f"{indeks} {_fmt(v4)}: selang kepercayaan tidak tersedia; {teks_ambang}"
    else:
        sk = f"{indeks} {_fmt(v4)} (SK {tingkat}% {_fmt(lo4)}–{_fmt(hi4)})"
        if lo4 >= ambang:
            status, ket = "memenuhi", f"{sk}: batas bawah ≥ {teks_ambang}"
        elif hi4 < ambang:
            status, ket = "belum memenuhi", f"{sk}: batas atas < {teks_ambang}"
        else:
            status, ket = "belum dapat disimpulkan", f"{sk}: selang kepercayaan memuat {teks_ambang}"
    return Kesiapan(
        indeks=indeks,
        predikat=pred,
        status=status,
        ambang=ambang,
        versi=str(block["id"]),
        status_versi=str(block.get("status", "")),
        nilai_skala4=float(v4),
        ci_bawah_skala4=float(lo4),
        ci_atas_skala4=float(hi4),
        n_respons=result.n_respons,
        keterangan=ket,
    )


# ---------------------------------------------------------------------------------------------
# groups
# ---------------------------------------------------------------------------------------------
def month_key(dates: pd.Series) -> pd.Series:
    """Month label ``"YYYY-MM"`` of local dates (``date`` objects, datetimes or ISO strings).

    Examples
    --------
    >>> from datetime import date
    >>> month_key(pd.Series([date(2024, 7, 1), date(2024, 12, 31)])).tolist()
    ['2024-07', '2024-12']
    """
    d = dates
    if pd.api.types.is_datetime64_any_dtype(d) and getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_localize(None)
    d = pd.to_datetime(d, errors="coerce")
    return d.dt.strftime("%Y-%m").rename("bulan")


def _group_keys(respons: pd.DataFrame, by: str | Sequence[str]) -> pd.DataFrame:
    cols = [by] if isinstance(by, str) else list(by)
    if not cols:
        raise InputError("Parameter by harus berisi sedikitnya satu kolom.")
    out = {}
    for c in cols:
        if c in respons.columns:
            out[c] = respons[c]
        elif c == "bulan" and "tanggal_lokal" in respons.columns:
            out[c] = month_key(respons["tanggal_lokal"])
        else:
            raise InputError(f'Kolom pengelompokan "{c}" tidak ada di data respons.')
    return pd.DataFrame(out, index=respons.index)


def _group_codes(keys: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Group number of each row (sorted groups, missing keys last) and the group labels."""
    cols = list(keys.columns)
    code = keys.groupby(cols, dropna=False, sort=True, observed=True).ngroup().to_numpy("int64")
    labels = keys.assign(_g=code).drop_duplicates("_g").sort_values("_g").drop(columns="_g")
    return code, labels.reset_index(drop=True)


def _population_for(population: Any, labels: pd.DataFrame) -> np.ndarray:
    g = len(labels)
    if population is None:
        return np.full(g, np.nan)
    if isinstance(population, Real) and not isinstance(population, bool):
        return np.full(g, _check_population(population))
    if isinstance(population, Mapping):
        population = pd.Series(dict(population))
    if not isinstance(population, pd.Series):
        raise InputError("population harus angka, dict atau pandas Series (kunci = kelompok, mis. kode_satker).")
    if population.index.has_duplicates:
        raise InputError("population memiliki kunci ganda.")
    names = [n for n in population.index.names if n is not None]
    if names and set(names) <= set(labels.columns) and len(names) == population.index.nlevels:
        cols = names
    elif population.index.nlevels == 1:
        cols = [labels.columns[0]]
    elif population.index.nlevels == labels.shape[1]:
        cols = list(labels.columns)
    else:
        raise InputError("Kunci population tidak cocok dengan kolom pengelompokan.")
    idx = pd.MultiIndex.from_frame(labels[cols]) if len(cols) > 1 else pd.Index(labels[cols[0]])
    vals = pd.to_numeric(population, errors="coerce").reindex(idx).to_numpy(dtype=float)
    for v in vals:
        _check_population(v)
    return vals


def _display_labels(labels: pd.DataFrame) -> pd.DataFrame:
    out = labels.copy()
    for c in out.columns:
        col = out[c].astype(object)
        out[c] = col.where(col.notna(), LABEL_KOSONG)
    return out


def _grouped(
    respons: pd.DataFrame,
    instrumen: pd.DataFrame,
    instrument: str,
    by: str | Sequence[str],
    *,
    population: Any,
    weights: Any,
    conversion: str,
    min_reliable: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame, _Items, np.ndarray]:
    items = _codebook(instrumen, instrument, weights)
    conversion = _check_conversion(conversion)
    min_rel = _min_reliable(min_reliable)
    x = _scores(respons, items).to_numpy()
    keys = _group_keys(respons, by)
    code, labels = _group_codes(keys)
    pop = _population_for(population, labels)
    est = _estimate(x, np.array(items.weights), code, len(labels), pop)
    return labels, _rows(est, items, pop, conversion, min_rel), items, pop


def index_by(
    respons: pd.DataFrame,
    instrumen: pd.DataFrame,
    instrument: str,
    by: str | Sequence[str],
    *,
    population: Any = None,
    weights: Mapping[str, float] | Sequence[float] | None = None,
    conversion: str = "max",
    min_reliable: int | None = None,
) -> pd.DataFrame:
    """Index per group (satker, jenis_layanan, bulan, …), computed like :func:`compute_index`.

    Parameters
    ----------
    by : str or list of str
        Grouping columns. ``"bulan"`` is derived from ``tanggal_lokal`` (``"YYYY-MM"``) when
        the data has no such column.
    population : number, dict or Series, optional
        ``N`` per group for the finite-population correction: a number (same N for every
        group), or a Series/dict keyed by the first ``by`` column (e.g. ``kode_satker`` →
        jumlah_pengguna_layanan), by the columns named in the Series index, or by the full
        group key (tuples).

    Returns
    -------
    DataFrame
        One row per observed group (sorted; missing keys shown as ``"(tidak diisi)"``, last):
        the ``by`` columns, ``n``, ``nilai``, ``ci_bawah``, ``ci_atas``, ``margin``, ``se``,
        ``nilai_skala4``, ``nilai_100``, ``cukup``, ``keterangan``.

    Examples
    --------
    >>> cb = pd.DataFrame({"instrumen": ["SPAK"], "kode_butir": ["a"], "unsur": ["A"],
    ...     "skala_min": [1], "skala_maks": [4], "terbalik": ["tidak"], "bobot": [np.nan]})
    >>> r = pd.DataFrame({"kode_satker": ["X", "X", "Y"], "a": [4.0, 3.0, 2.0]})
    >>> index_by(r, cb, "SPAK", "kode_satker")[["kode_satker", "n", "nilai"]]
      kode_satker  n  nilai
    0           X  2    3.5
    1           Y  1    2.0
    """
    labels, rows, _, _ = _grouped(
        respons,
        instrumen,
        instrument,
        by,
        population=population,
        weights=weights,
        conversion=conversion,
        min_reliable=min_reliable,
    )
    return pd.concat([_display_labels(labels), rows], axis=1)


def breakdown(
    respons: pd.DataFrame,
    instrumen: pd.DataFrame,
    instrument: str,
    by: str | Sequence[str],
    *,
    min_cell: int | None = None,
    population: float | None = None,
    weights: Mapping[str, float] | Sequence[float] | None = None,
    conversion: str = "max",
    min_reliable: int | None = None,
) -> pd.DataFrame:
    """Index per demographic group, with small groups suppressed.

    With ``population`` (the period's population behind all of ``respons``), each group's
    interval uses the period's sampling fraction: its population is ``population × n_g / n``.

    Suppression (disclosure control):

    * **primary**: a group with ``n < min_cell`` (configuration ``min_sel``, 5) shows ``n`` as
      the text ``"<5"`` and NaN scores;
    * **secondary**: when exactly one group is suppressed, the next smallest group is also
      suppressed (``n`` shown as ``"ditekan"``), so that the small group's n and score cannot be
      recovered by subtracting the other groups from the total (which is also published in the
      per-satker tables). The ``Total`` row is kept, unless its own n < ``min_cell``
      (without any response it shows ``n = 0`` and "tidak ada respons").

    Protection is not absolute: with two suppressed groups their combined n is known, and an
    extreme combination (e.g. a combined n of 2 means 1 + 1) still reveals them.

    Parameters
    ----------
    by : str or list of str
        Demographic column(s), e.g. ``"jenis_kelamin"``; missing values form the group
        ``"(tidak diisi)"`` so that the groups add up to the total.
    min_cell : int, optional
        Smallest group shown; default from configuration.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``n`` (int, ``"<5"`` or ``"ditekan"``, object dtype), ``nilai``,
        ``ci_bawah``, ``ci_atas``, ``nilai_100``, ``cukup``, ``ditekan`` (bool) and
        ``keterangan``; the last row is ``Total``.

    Examples
    --------
    >>> cb = pd.DataFrame({"instrumen": ["SPAK"], "kode_butir": ["a"], "unsur": ["A"],
    ...     "skala_min": [1], "skala_maks": [4], "terbalik": ["tidak"], "bobot": [np.nan]})
    >>> r = pd.DataFrame({"jenis_kelamin": ["L"] * 7 + ["P"] * 6 + ["X"] * 2, "a": [4.0] * 15})
    >>> breakdown(r, cb, "SPAK", "jenis_kelamin")[["jenis_kelamin", "n", "nilai"]]
      jenis_kelamin        n  nilai
    0             L        7    4.0
    1             P  ditekan    NaN
    2             X       <5    NaN
    3         Total       15    4.0
    """
    cell = _min_cell(min_cell)
    group_pop = None
    if population is not None:
        keys = _group_keys(respons, by)
        code, labels0 = _group_codes(keys)
        counts = np.bincount(code, minlength=len(labels0)).astype(float)
        idx = pd.MultiIndex.from_frame(labels0) if labels0.shape[1] > 1 else pd.Index(labels0.iloc[:, 0])
        group_pop = pd.Series(counts / counts.sum() * float(population), index=idx)
        if labels0.shape[1] == 1:
            group_pop.index.name = labels0.columns[0]
    labels, rows, items, _ = _grouped(
        respons,
        instrumen,
        instrument,
        by,
        population=group_pop,
        weights=weights,
        conversion=conversion,
        min_reliable=min_reliable,
    )
    n = rows["n"].to_numpy()
    primary = (n > 0) & (n < cell)
    secondary = np.zeros_like(primary)
    if primary.sum() == 1 and len(n) >= 2:
        others = np.where(~primary)[0]
        secondary[others[np.argmin(n[others])]] = True
    total = compute_index(respons, instrumen, instrument, population=population, weights=weights,
                          conversion=conversion, min_reliable=min_reliable)
    tot_row = pd.DataFrame(
        {
            "n": [total.n_respons],
            "nilai": [total.nilai],
            "ci_bawah": [total.ci_bawah],
            "ci_atas": [total.ci_atas],
            "nilai_100": [total.nilai_100],
            "cukup": [total.cukup],
            "keterangan": [total.keterangan],
        }
    )
    tot_primary = np.array([0 < total.n_respons < cell])
    cols = ["n", "nilai", "ci_bawah", "ci_atas", "nilai_100", "cukup", "keterangan"]
    body = pd.concat([rows[cols], tot_row], ignore_index=True)
    prim = np.concatenate([primary, tot_primary])
    sec = np.concatenate([secondary, [False]])
    sup = prim | sec
    n_shown = body["n"].astype(object)
    n_shown[prim] = f"<{cell}"
    n_shown[sec] = "ditekan"
    body["n"] = n_shown
    for c in ("nilai", "ci_bawah", "ci_atas", "nilai_100"):
        body.loc[sup, c] = np.nan
    body["cukup"] = body["cukup"].astype(bool) & ~sup
    ket = body["keterangan"].astype(object)
    ket[prim] = f"ditekan: kelompok kurang dari {cell} responden"
    ket[sec] = "ditekan (penekanan sekunder): agar kelompok kecil tidak dapat dihitung dari total"
    body["keterangan"] = ket
    body.insert(len(cols) - 1, "ditekan", sup)
    lab = _display_labels(labels)
    total_label = pd.DataFrame({c: [LABEL_TOTAL if i == 0 else ""] for i, c in enumerate(lab.columns)})
    lab = pd.concat([lab, total_label], ignore_index=True).astype(object)
    return pd.concat([lab, body], axis=1)


def priorities(item_table: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """Weakest unsur first, for "prioritas perbaikan".

    Parameters
    ----------
    item_table : DataFrame
        From :func:`item_scores` (needs ``nrr``; rows in codebook order).
    k : int
        Number of priorities.

    Returns
    -------
    DataFrame
        The ``k`` items with the lowest NRR (ties keep codebook order; items without answers
        are left out), with a first column ``prioritas`` = 1 … k.

    Examples
    --------
    >>> t = pd.DataFrame({"kode_butir": ["a", "b", "c"], "unsur": ["A", "B", "C"],
    ...     "nrr": [3.5, 3.1, 3.1]})
    >>> priorities(t, k=2)
       prioritas kode_butir unsur  nrr
    0          1          b     B  3.1
    1          2          c     C  3.1
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(f"k harus bilangan bulat ≥ 1, bukan {k!r}.")
    if "nrr" not in item_table.columns:
        raise InputError("Tabel butir harus memiliki kolom nrr (lihat item_scores()).")
    t = item_table.reset_index(drop=True)
    t = t[t["nrr"].notna()]
    order = np.lexsort((np.arange(len(t)), t["nrr"].to_numpy(dtype=float)))
    out = t.iloc[order[:k]].reset_index(drop=True)
    out.insert(0, "prioritas", np.arange(1, len(out) + 1))
    return out


_METODE_AGREGASI = {
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
    respons: pd.DataFrame,
    instrumen: pd.DataFrame,
    instrument: str,
    *,
    method: str = "gabungan",
    population: Any = None,
    satker: Sequence[str] | None = None,
    by: str = "kode_satker",
    weights: Mapping[str, float] | Sequence[float] | None = None,
    conversion: str = "max",
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
    if method not in _METODE_AGREGASI:
        raise InputError(f'Metode agregasi "{method}" tidak dikenal; pilih berstrata, gabungan atau rerata-satker.')
    if satker is None and isinstance(population, (Mapping, pd.Series)):
        satker = list(population.keys())
    hadir = set(respons[by].dropna().astype(str)) if by in respons.columns else set()
    tanpa = [str(s) for s in (satker or []) if str(s) not in hadir]
    extra = f"satker tanpa respons: {', '.join(tanpa)}" if tanpa else ""

    if method == "gabungan":
        if isinstance(population, (Mapping, pd.Series)):
            vals = pd.to_numeric(pd.Series(dict(population)), errors="coerce")
            pop = float(vals.sum()) if vals.notna().all() else None
        else:
            pop = population
        r = compute_index(respons, instrumen, instrument, population=pop, weights=weights,
                          conversion=conversion, min_reliable=min_reliable)
        ket = "; ".join(t for t in (r.keterangan, extra) if t)
        return replace(r, keterangan=ket, metode_agregasi=_METODE_AGREGASI["gabungan"])

    if population is not None and not isinstance(population, (Mapping, pd.Series)):
        raise InputError(f"Untuk {method}, population harus per satker (dict/Series kode_satker → N).")
    if method == "berstrata" and population is None:
        raise InputError("Untuk berstrata, population (jumlah pengguna layanan per satker) wajib diisi.")
    labels, rows, items, pop_g = _grouped(
        respons,
        instrumen,
        instrument,
        by,
        population=population,
        weights=weights,
        conversion=conversion,
        min_reliable=min_reliable,
    )
    ok = rows["n"].to_numpy() > 0
    s = int(ok.sum())
    min_rel = _min_reliable(min_reliable)
    n_total = int(rows["n"].sum())
    if method == "berstrata":
        nilai, se, _ = _stratified(rows, pop_g)
    elif s == 0:
        nilai = se = math.nan
    else:
        nilai = float(rows.loc[ok, "nilai"].mean())
        se_s = rows.loc[ok, "se"].to_numpy(dtype=float)
        se = float(math.sqrt(np.sum(se_s**2)) / s) if not np.isnan(se_s).any() else math.nan
    df = _satterthwaite(rows, pop_g) if method == "berstrata" else n_total - 1
    ci_lo, ci_hi, margin = (float(v) for v in _interval(nilai, se, df, items.lo, items.hi))
    notes = []
    if n_total == 0:
        notes.append("tidak ada respons")
    else:
        if n_total < min_rel:
            notes.append(f"n kecil ({n_total} < {min_rel}): tafsirkan dengan hati-hati")
        kecil = [str(v) for v, n_s in zip(_display_labels(labels)[by], rows["n"]) if 0 < n_s < min_rel]
        if kecil:
            notes.append(f"satker dengan n kecil: {', '.join(kecil)}")
        if math.isnan(se):
            notes.append("selang kepercayaan tidak dapat dihitung (ada satker dengan n = 1)")
        if method == "berstrata" and tanpa:
            notes.append("satker tanpa respons tidak ikut dalam bobot (bobot satker lain dinormalkan ulang)")
    if extra:
        notes.append(extra)
    return IndexResult(
        instrumen=items.instrument,
        n_respons=n_total,
        nilai=nilai,
        skala_min=items.lo,
        skala_maks=items.hi,
        nilai_skala4=float(_to_scale4(nilai, items.lo, items.hi)),
        nilai_100=float(_to_100(nilai, items.lo, items.hi, conversion)),
        metode_konversi=_conversion_text(items.lo, items.hi, conversion),
        ci_bawah=ci_lo,
        ci_atas=ci_hi,
        margin=margin,
        se=se,
        cukup=n_total >= min_rel,
        keterangan="; ".join(notes),
        populasi=None,
        min_andal=min_rel,
        metode_agregasi=_METODE_AGREGASI[method].format(s=s),
        ci_bawah_100=float(_to_100(ci_lo, items.lo, items.hi, conversion)),
        ci_atas_100=float(_to_100(ci_hi, items.lo, items.hi, conversion)),
        margin_100=float(_margin_100(margin, items.lo, items.hi, conversion)),
    )
