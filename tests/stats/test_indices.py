"""Tests for spakanalysis.stats.indices, with values computed by hand in the comments."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from spakanalysis.core.errors import InputError
from spakanalysis.stats.breakdown import breakdown
from spakanalysis.stats.groups import index_by, month_key
from spakanalysis.stats.ikm import ikm, ikm_grade
from spakanalysis.stats.indices import IndexResult, compute_index, item_scores, prepare_scores
from spakanalysis.stats.kanwil import kanwil_aggregate
from spakanalysis.stats.priorities import priorities
from spakanalysis.stats.zona_integritas import zi_readiness

Z = 1.96
T5 = 2.570582  # t(0.975; 5 df)
T2 = 4.302653  # t(0.975; 2 df)
SPAK3 = ["spak_diskriminasi", "spak_kecurangan", "spak_imbalan"]


def codebook(instrument, codes, *, lo=1, hi=4, terbalik=None, bobot=None):
    k = len(codes)
    return pd.DataFrame(
        {
            "instrumen": [instrument] * k,
            "kode_butir": codes,
            "unsur": [c.split("_", 1)[1].capitalize() for c in codes],
            "pertanyaan": ["(provisional)"] * k,
            "skala_min": [lo] * k,
            "skala_maks": [hi] * k,
            "terbalik": terbalik or ["tidak"] * k,
            "bobot": bobot if bobot is not None else [np.nan] * k,
        }
    )


@pytest.fixture
def small():
    """6 respondents x 3 SPAK items (1-4), respondent 2 did not answer item 3."""
    respons = pd.DataFrame(
        {
            "kode_satker": ["LPKUPANG"] * 6,
            "spak_diskriminasi": [4, 3, 4, 2, 3, 4],
            "spak_kecurangan": [3, 3, 4, 3, 4, 3],
            "spak_imbalan": [4, np.nan, 3, 3, 4, 2],
        },
        dtype=object,
    ).astype({c: "float64" for c in SPAK3})
    return respons, codebook("SPAK", SPAK3)


# ---------------------------------------------------------------------------------------------
# hand-computed example
# ---------------------------------------------------------------------------------------------
# NRR a = (4+3+4+2+3+4)/6 = 20/6 = 10/3 ; b = (3+3+4+3+4+3)/6 = 10/3 ; c = (4+3+3+4+2)/5 = 16/5
# index = (10/3 + 10/3 + 16/5)/3 = (100/15 + 48/15)/3 = 148/45 = 3.28888…
# IKM = 148/45 * 25 = 3700/45 = 82.2222… -> B (Baik)
# sd a: squared deviations 3*(2/3)^2 + 2*(1/3)^2 + (4/3)^2 = 12/9 + 2/9 + 16/9 = 30/9; /5 = 2/3
# sd c: .64 + .04 + .04 + .64 + 1.44 = 2.8; /4 = 0.7
#
# Influence u_r = (1/3) [ (a_r - 10/3)/6 + (b_r - 10/3)/6 + 1[c answered] (c_r - 16/5)/5 ]
#   (a+b) part: r1 (2/3-1/3)/6 = 1/18, r2 -1/9, r3 2/9, r4 -5/18, r5 1/18, r6 1/18
#   c part:     r1 .16, r2 0, r3 -.04, r4 -.04, r5 .16, r6 -.24
#   bracket in 450ths: 97, -50, 82, -143, 97, -83 (sum 0), so u_r = bracket/1350
# sum u^2 = (97² + 50² + 82² + 143² + 97² + 83²)/1350² = 55380/1822500
# SE^2 = 6/5 * 55380/1822500 = 66456/1822500 = 0.0364641975…,  SE = 0.190956…
# CI = 148/45 ∓ 1.96 SE = [2.91461…, 3.66316…]
NILAI = Fraction(148, 45)
VAR = Fraction(6, 5) * Fraction(55380, 1350**2)


def test_item_scores_by_hand(small):
    respons, cb = small
    t = item_scores(respons, cb, "SPAK")
    assert t["kode_butir"].tolist() == SPAK3
    assert t["n"].tolist() == [6, 6, 5]
    assert t["nrr"].tolist() == pytest.approx([10 / 3, 10 / 3, 16 / 5], abs=1e-12)
    assert t.loc[0, "sd"] == pytest.approx(math.sqrt(2 / 3), abs=1e-12)
    assert t.loc[2, "sd"] == pytest.approx(math.sqrt(0.7), abs=1e-12)
    assert t["bobot"].tolist() == pytest.approx([1 / 3] * 3, abs=1e-15)


def test_compute_index_by_hand(small):
    respons, cb = small
    r = compute_index(respons, cb, "SPAK")
    se = math.sqrt(float(VAR))
    assert r.instrumen == "SPAK" and r.indeks == "IPAK"
    assert r.n_respons == 6
    assert r.nilai == pytest.approx(float(NILAI), abs=1e-9)
    assert r.nilai_skala4 == r.nilai  # already on 1-4: identical, not just close
    assert r.se == pytest.approx(se, abs=1e-9)
    assert se == pytest.approx(0.190956, abs=1e-6)
    # t quantile with n - 1 = 5 degrees of freedom (published table: 2.571), not z = 1.96
    assert r.margin == pytest.approx(T5 * se, abs=1e-6)
    # interval on the logit of p = (x - 1)/3, back-transformed: asymmetric, inside 1-4
    p = (float(NILAI) - 1) / 3
    half = T5 * se / 3 / (p * (1 - p))
    logit = math.log(p / (1 - p))
    assert r.ci_bawah == pytest.approx(1 + 3 / (1 + math.exp(-(logit - half))), abs=1e-6)
    assert r.ci_atas == pytest.approx(1 + 3 / (1 + math.exp(-(logit + half))), abs=1e-6)
    assert r.ci_bawah == pytest.approx(2.69704, abs=1e-5)
    assert r.ci_atas == pytest.approx(3.66497, abs=1e-5)
    # "max" conversion on 1-4: x/4*100 = x*25 = IKM
    assert r.nilai_100 == pytest.approx(3700 / 45, abs=1e-9)
    assert "nilai / 4 × 100" in r.metode_konversi
    assert ikm(r) == pytest.approx(3700 / 45, abs=1e-9)
    assert ikm_grade(ikm(r)).mutu == "B"
    assert r.cukup is False
    assert r.keterangan == "n kecil (6 < 30): tafsirkan dengan hati-hati"


def test_ci_without_missing_equals_se_of_respondent_means(small):
    respons, cb = small
    full = respons.copy()
    full.loc[1, "spak_imbalan"] = 3.0
    r = compute_index(full, cb, "SPAK")
    means = full[SPAK3].mean(axis=1)
    assert r.nilai == pytest.approx(means.mean(), abs=1e-12)
    assert r.se == pytest.approx(means.std(ddof=1) / math.sqrt(6), abs=1e-12)


def test_ci_without_missing_weighted_random():
    rng = np.random.default_rng(7)
    codes = [f"skm_u{i}" for i in range(1, 10)]
    w = np.array([2, 1, 1, 1, 1, 1, 1, 1, 3], dtype=float)
    cb = codebook("SKM", codes, bobot=list(w))
    respons = pd.DataFrame(rng.integers(1, 5, size=(57, 9)).astype(float), columns=codes)
    r = compute_index(respons, cb, "SKM")
    per = respons.to_numpy() @ (w / w.sum())
    assert r.nilai == pytest.approx(per.mean(), abs=1e-12)
    assert r.se == pytest.approx(per.std(ddof=1) / math.sqrt(57), abs=1e-12)


def test_finite_population_correction(small):
    respons, cb = small
    plain = compute_index(respons, cb, "SPAK")
    # N = 10: variance times (N - n)/N = 4/10
    r10 = compute_index(respons, cb, "SPAK", population=10)
    assert r10.se == pytest.approx(math.sqrt(float(VAR) * 0.4), abs=1e-12)
    assert r10.margin < plain.margin
    assert r10.populasi == 10
    assert not r10.sensus
    # census: n = N -> said so ("sensus"), never a zero-width interval: the uncorrected one
    r6 = compute_index(respons, cb, "SPAK", population=6)
    assert r6.sensus and r6.se == pytest.approx(plain.se, abs=1e-15) and r6.margin > 0
    assert "sensus: jumlah respons (6) mencapai populasi periode (6,0)" in r6.keterangan
    # n > N (stale population): the same, not silently
    r5 = compute_index(respons, cb, "SPAK", population=5)
    assert r5.sensus and r5.se == pytest.approx(plain.se, abs=1e-15)
    assert "sensus" in r5.keterangan
    # a period's population need not be whole (monthly average × 2.6 months)
    assert compute_index(respons, cb, "SPAK", population=12.5).se == pytest.approx(math.sqrt(float(VAR) * 6.5 / 12.5))
    with pytest.raises(InputError):
        compute_index(respons, cb, "SPAK", population=0)


def test_no_responses_no_crash(small):
    respons, cb = small
    r = compute_index(respons.iloc[0:0], cb, "SPAK", population=48)
    assert r.n_respons == 0 and math.isnan(r.nilai) and math.isnan(r.ci_bawah)
    assert math.isnan(r.nilai_100) and math.isnan(r.nilai_skala4)
    assert r.keterangan == "tidak ada respons"
    assert r.cukup is False
    assert math.isnan(ikm(r)) and ikm_grade(ikm(r)).mutu is None
    assert zi_readiness(r).status == "belum dapat disimpulkan"
    # a respondent who answered nothing does not count
    blank = respons.iloc[[0]].copy()
    blank[SPAK3] = np.nan
    assert compute_index(blank, cb, "SPAK").keterangan == "tidak ada respons"


def test_single_response_has_no_ci(small):
    respons, cb = small
    r = compute_index(respons.iloc[[0]], cb, "SPAK")
    assert r.nilai == pytest.approx(11 / 3, abs=1e-12)
    assert math.isnan(r.ci_bawah) and math.isnan(r.ci_atas) and math.isnan(r.margin)
    assert "tidak dapat dihitung (n = 1)" in r.keterangan
    one = compute_index(respons.iloc[[0]], cb, "SPAK", population=1)
    assert one.sensus and math.isnan(one.margin)  # a census of one: no zero-width interval either


def test_item_without_answers_reweights(small):
    respons, cb = small
    part = respons.copy()
    part["spak_imbalan"] = np.nan
    r = compute_index(part, cb, "SPAK")
    assert r.nilai == pytest.approx(10 / 3, abs=1e-12)
    assert "butir tanpa jawaban: spak_imbalan" in r.keterangan


# ---------------------------------------------------------------------------------------------
# IKM grades
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "mutu", "kinerja"),
    [
        (25.0, "D", "Tidak baik"),
        (64.99, "D", "Tidak baik"),
        (64.994, "D", "Tidak baik"),  # rounds to 64.99
        (64.995, "C", "Kurang baik"),  # rounds half up to 65.00
        (65.00, "C", "Kurang baik"),
        (76.60, "C", "Kurang baik"),
        (76.6049, "C", "Kurang baik"),
        (76.605, "B", "Baik"),  # documented: in the gap, rounds half up to 76.61 -> B
        (76.61, "B", "Baik"),
        (88.30, "B", "Baik"),
        (88.305, "A", "Sangat baik"),
        (88.31, "A", "Sangat baik"),
        (100.0, "A", "Sangat baik"),
    ],
)
def test_ikm_grade_boundaries(value, mutu, kinerja):
    g = ikm_grade(value)
    assert (g.mutu, g.kinerja) == (mutu, kinerja)
    assert g.ikm == value


def test_ikm_grade_from_computed_value():
    # 3.0642 * 25 = 76.605 exactly in decimals, 76.60499999… in binary: still graded B
    assert ikm(3.0642) == pytest.approx(76.605, abs=1e-12)
    assert ikm_grade(ikm(3.0642)).mutu == "B"
    assert ikm_grade(ikm(3.0642)).ikm_dibulatkan == 76.61
    with pytest.raises(InputError):
        ikm(82.5)  # an IKM, not a 1-4 mean
    with pytest.raises(InputError):
        ikm_grade(3.3)  # a 1-4 mean, not an IKM


def test_skm_one_ninth_exact_not_0111():
    codes = [f"skm_u{i}" for i in range(1, 10)]
    respons = pd.DataFrame({c: [4.0, 4.0, 4.0] for c in codes})
    r = compute_index(respons, codebook("SKM", codes, bobot=[0.111] * 9), "SKM")
    # 9 x 0.111 x 4 = 3.996 -> IKM 99.9 (understates by 0.1%); exact 1/9 gives 4 -> 100
    assert sum([0.111 * 4] * 9) * 25 == pytest.approx(99.9, abs=1e-12)
    assert r.nilai == 4.0 and ikm(r) == 100.0 and ikm_grade(ikm(r)).mutu == "A"

    # mixed values: equals the plain mean of the nine NRRs
    rng = np.random.default_rng(1)
    respons = pd.DataFrame(rng.integers(1, 5, size=(40, 9)).astype(float), columns=codes)
    r1 = compute_index(respons, codebook("SKM", codes, bobot=[0.111] * 9), "SKM")
    r2 = compute_index(respons, codebook("SKM", codes), "SKM")
    exact = sum(Fraction(int(respons[c].sum()), 40) for c in codes) / 9
    assert r1.nilai == pytest.approx(float(exact), abs=1e-12)
    assert r1.nilai == r2.nilai
    naive = 0.111 * respons.mean().sum()
    assert r1.nilai - naive == pytest.approx(float(exact) * 0.001, abs=1e-12)


# ---------------------------------------------------------------------------------------------
# scales and conversions
# ---------------------------------------------------------------------------------------------
def test_scale_1_6_conversions():
    cb = codebook("SPAK", ["spak_pungli"], lo=1, hi=6)
    # 17 x 6 + 3 x 5 = 117; 117/20 = 5.85
    respons = pd.DataFrame({"spak_pungli": [6.0] * 17 + [5.0] * 3})
    r = compute_index(respons, cb, "SPAK", conversion="rentang")
    assert r.nilai == pytest.approx(5.85, abs=1e-12)
    assert r.nilai_100 == pytest.approx(97.0, abs=1e-9)  # (5.85 - 1)/5 * 100
    assert r.nilai_skala4 == pytest.approx(3.91, abs=1e-9)  # 1 + 3 * 4.85/5
    assert r.metode_konversi.startswith("rentang: (nilai − 1) / (6 − 1) × 100")
    rmax = compute_index(respons, cb, "SPAK", conversion="max")
    assert rmax.nilai_100 == pytest.approx(97.5, abs=1e-9)  # 5.85/6 * 100
    with pytest.raises(InputError):
        compute_index(respons, cb, "SPAK", conversion="persen")


def test_reference_9794_is_consistent_with_linear_1_6():
    # Kemenkumham 2023: 97.94 (0-100) and 3.94 (1-4) both follow from a 1-6 mean of 5.897:
    # (5.897 - 1)/5 * 100 = 97.94 and 1 + 3 * 4.897/5 = 3.9382 (shown 3.94); x/6*100 would be 98.28
    cb = codebook("SPAK", ["spak_percaloan"], lo=1, hi=6)
    respons = pd.DataFrame({"spak_percaloan": [6.0] * 897 + [5.0] * 103})
    r = compute_index(respons, cb, "SPAK", conversion="rentang")
    assert r.nilai == pytest.approx(5.897, abs=1e-12)
    assert r.nilai_100 == pytest.approx(97.94, abs=1e-9)
    assert r.nilai_skala4 == pytest.approx(3.9382, abs=1e-9)
    assert round(r.nilai_skala4, 2) == 3.94
    assert compute_index(respons, cb, "SPAK").nilai_100 == pytest.approx(98.2833333, abs=1e-6)


def test_reverse_coding():
    cb = codebook("SPKP", ["spkp_biaya", "spkp_waktu"], terbalik=["ya", "tidak"])
    respons = pd.DataFrame({"spkp_biaya": [1.0, 4.0, 2.0, np.nan], "spkp_waktu": [1.0, 4.0, 2.0, 3.0]})
    x = prepare_scores(respons, cb, "SPKP")
    assert x["spkp_biaya"].tolist()[:3] == [4.0, 1.0, 3.0]
    assert math.isnan(x["spkp_biaya"].iloc[3])
    assert x["spkp_waktu"].tolist() == [1.0, 4.0, 2.0, 3.0]
    assert respons["spkp_biaya"].tolist()[:3] == [1.0, 4.0, 2.0]  # input untouched
    cb6 = codebook("SPKP", ["spkp_biaya"], lo=1, hi=6, terbalik=["ya"])
    assert prepare_scores(pd.DataFrame({"spkp_biaya": [2.0, 6.0]}), cb6, "SPKP")["spkp_biaya"].tolist() == [5.0, 1.0]
    # NRR after reversal: (4 + 1 + 3)/3
    assert item_scores(respons, cb, "SPKP").loc[0, "nrr"] == pytest.approx(8 / 3, abs=1e-12)


def test_codebook_errors(small):
    respons, cb = small
    with pytest.raises(InputError, match="tidak ada di kodebook"):
        compute_index(respons, cb, "SKM")
    with pytest.raises(InputError, match="hanya terisi sebagian"):
        compute_index(respons, codebook("SPAK", SPAK3, bobot=[1.0, np.nan, 1.0]), "SPAK")
    bad = respons.copy()
    bad.loc[0, "spak_imbalan"] = 5.0
    with pytest.raises(InputError, match="di luar skala"):
        compute_index(bad, cb, "SPAK")
    with pytest.raises(InputError, match="tidak memiliki kolom butir"):
        compute_index(respons.drop(columns="spak_imbalan"), cb, "SPAK")


def test_codebook_memo_follows_the_content():
    """The parsed codebook is memoised on content: an edited codebook (in place or a copy) is re-read,
    and a bad one still raises every time."""
    from spakanalysis.stats.indices import _codebook

    cb = codebook("SPAK", SPAK3, bobot=[1.0, 1.0, 2.0])
    first = _codebook(cb, "SPAK")
    assert _codebook(cb.copy(), "SPAK") is first  # same content
    assert first.weights == (1.0, 1.0, 2.0)
    no_weights = codebook("SPAK", SPAK3)  # NaN in "bobot"
    assert _codebook(no_weights.copy(), "SPAK") is _codebook(no_weights, "SPAK")
    cb.loc[2, "bobot"] = 1.0  # edited in place
    assert _codebook(cb, "SPAK").weights == (1.0, 1.0, 1.0)
    assert _codebook(cb, "SPAK", weights=[1, 2, 3]).weights == (1.0, 2.0, 3.0)
    cb.loc[1, "skala_maks"] = 5
    for _ in range(2):
        with pytest.raises(InputError, match="skala butir berbeda"):
            _codebook(cb, "SPAK")


# ---------------------------------------------------------------------------------------------
# groups, suppression, priorities, aggregation
# ---------------------------------------------------------------------------------------------
def demo(n_l=10, n_p=6, n_x=2):
    n = n_l + n_p + n_x
    return pd.DataFrame(
        {
            "jenis_kelamin": ["L"] * n_l + ["P"] * n_p + [None] * n_x,
            "spak_diskriminasi": [4.0] * n_l + [3.0] * n_p + [1.0] * n_x,
            "spak_kecurangan": [4.0] * n,
            "spak_imbalan": [4.0] * n,
        }
    )


def test_breakdown_suppression_primary_and_secondary():
    cb = codebook("SPAK", SPAK3)
    t = breakdown(demo(), cb, "SPAK", "jenis_kelamin")
    assert t["jenis_kelamin"].tolist() == ["L", "P", "(tidak diisi)", "Total"]
    assert t["n"].tolist() == [10, "ditekan", "<5", 18]
    assert t["ditekan"].tolist() == [False, True, True, False]
    assert t.loc[1:2, ["nilai", "ci_bawah", "ci_atas", "nilai_100"]].isna().all().all()
    assert t.loc[0, "nilai"] == 4.0
    # the total is kept, but the suppressed groups cannot be separated: 18 - 10 = 8 = P + X
    assert "6" not in t["n"].astype(str).tolist() and "2" not in t["n"].astype(str).tolist()
    assert "kurang dari 5" in t.loc[2, "keterangan"]


def test_breakdown_two_small_groups_no_secondary():
    cb = codebook("SPAK", SPAK3)
    t = breakdown(demo(n_l=10, n_p=3, n_x=2), cb, "SPAK", "jenis_kelamin")
    assert t["n"].tolist() == [10, "<5", "<5", 15]
    assert math.isnan(t.loc[1, "nilai"]) and math.isnan(t.loc[2, "nilai"])
    # nothing to suppress
    t2 = breakdown(demo(n_l=10, n_p=6, n_x=0), cb, "SPAK", "jenis_kelamin")
    assert t2["n"].tolist() == [10, 6, 16]
    assert t2.loc[1, "nilai"] == pytest.approx(11 / 3, abs=1e-12)
    # total below the cell size is suppressed too
    t3 = breakdown(demo(n_l=3, n_p=0, n_x=0), cb, "SPAK", "jenis_kelamin", min_cell=5)
    assert t3["n"].tolist() == ["<5", "<5"]
    # no responses at all: only the Total row, n = 0, no crash
    t4 = breakdown(demo().iloc[0:0], cb, "SPAK", "jenis_kelamin")
    assert t4["n"].tolist() == [0] and t4.loc[0, "keterangan"] == "tidak ada respons"


def test_priorities_ties_by_codebook_order():
    t = pd.DataFrame(
        {
            "kode_butir": ["spkp_prosedur", "spkp_persyaratan", "spkp_biaya", "spkp_waktu", "spkp_respon"],
            "unsur": ["Prosedur", "Persyaratan", "Biaya", "Waktu", "Respon"],
            "nrr": [3.5, 3.1, np.nan, 3.1, 2.9],
        }
    )
    p = priorities(t, k=3)
    assert p["prioritas"].tolist() == [1, 2, 3]
    assert p["kode_butir"].tolist() == ["spkp_respon", "spkp_persyaratan", "spkp_waktu"]
    assert len(priorities(t, k=10)) == 4  # item without answers left out


def test_index_by_month_and_population():
    cb = codebook("SPAK", SPAK3)
    respons = pd.DataFrame(
        {
            "kode_satker": ["A", "A", "A", "B", "B"],
            "tanggal_lokal": [date(2024, 7, 1), date(2024, 7, 31), date(2024, 8, 1), date(2024, 7, 2), date(2024, 8, 3)],
            "spak_diskriminasi": [4.0, 3.0, 4.0, 2.0, 4.0],
            "spak_kecurangan": [4.0, 3.0, 4.0, 2.0, 4.0],
            "spak_imbalan": [4.0, 3.0, 4.0, 2.0, 4.0],
        }
    )
    assert month_key(respons["tanggal_lokal"]).tolist() == ["2024-07", "2024-07", "2024-08", "2024-07", "2024-08"]
    t = index_by(respons, cb, "SPAK", ["kode_satker", "bulan"])
    assert t[["kode_satker", "bulan"]].values.tolist() == [["A", "2024-07"], ["A", "2024-08"], ["B", "2024-07"], ["B", "2024-08"]]
    assert t["n"].tolist() == [2, 1, 1, 1]
    assert t.loc[0, "nilai"] == 3.5 and t.loc[0, "nilai_100"] == 87.5
    # A in July: values 4, 3 -> s = 1/sqrt(2), SE = 0.5
    assert t.loc[0, "se"] == pytest.approx(0.5, abs=1e-12)
    assert t["cukup"].tolist() == [False] * 4
    # population per satker (Series keyed by the first `by` column)
    tp = index_by(respons, cb, "SPAK", "kode_satker", population=pd.Series({"A": 3, "B": 40}))
    assert tp.loc[0, "sensus"] and tp.loc[0, "margin"] == pytest.approx(T2 / 3, abs=1e-6)  # 4, 3, 4: s² = 1/3, SE = 1/3
    assert "sensus" in tp.loc[0, "keterangan"]
    assert tp.loc[1, "n"] == 2


def test_kanwil_aggregate_methods():
    cb = codebook("SPAK", SPAK3)
    respons = pd.DataFrame(
        {
            "kode_satker": ["A", "A", "A", "B"],
            "spak_diskriminasi": [4.0, 4.0, 3.0, 2.0],
            "spak_kecurangan": [4.0, 4.0, 3.0, 2.0],
            "spak_imbalan": [4.0, 4.0, 3.0, 2.0],
        }
    )
    g = kanwil_aggregate(respons, cb, "SPAK", method="gabungan", satker=["A", "B", "C"])
    assert g.nilai == pytest.approx(13 / 4, abs=1e-12)
    assert g.metode_agregasi.startswith("gabungan")
    assert "satker tanpa respons: C" in g.keterangan
    m = kanwil_aggregate(respons, cb, "SPAK", method="rerata-satker")
    assert m.nilai == pytest.approx((11 / 3 + 2) / 2, abs=1e-12)  # A: 11/3, B: 2
    assert m.metode_agregasi.startswith("rerata-satker") and "2 satker" in m.metode_agregasi
    assert m.n_respons == 4 and math.isnan(m.ci_bawah)  # B has a single response
    with pytest.raises(InputError):
        kanwil_aggregate(respons, cb, "SPAK", method="median")


# ---------------------------------------------------------------------------------------------
# Zona Integritas
# ---------------------------------------------------------------------------------------------
def one_item(values, instrument="SPAK", lo=1, hi=4):
    code = "spak_pungli" if instrument == "SPAK" else "spkp_prosedur"
    return pd.DataFrame({code: [float(v) for v in values]}), codebook(instrument, [code], lo=lo, hi=hi)


def test_zi_readiness_three_states():
    # 40 x 4 -> 4.0, SE 0 -> CI [4, 4] >= 3.60
    r = compute_index(*one_item([4] * 40), "SPAK")
    k = zi_readiness(r, predikat="WBK")
    assert (k.indeks, k.status, k.ambang) == ("IPAK", "memenuhi", 3.60)
    assert k.versi == "permenpanrb-90-2021-provisional" and k.status_versi == "provisional"
    # 40 x 3 -> CI [3, 3] < 3.60
    assert zi_readiness(compute_index(*one_item([3] * 40), "SPAK")).status == "belum memenuhi"
    # 20 x 4 + 20 x 3 -> 3.5, SE = 0.5 * sqrt(40/39)/sqrt(40)... CI ≈ [3.34, 3.66] contains 3.60
    r3 = compute_index(*one_item([4] * 20 + [3] * 20), "SPAK")
    assert r3.ci_bawah < 3.6 < r3.ci_atas
    k3 = zi_readiness(r3)
    assert k3.status == "belum dapat disimpulkan" and "memuat" in k3.keterangan
    # few responses: not concluded even when the CI is clear
    small = compute_index(*one_item([4] * 10), "SPAK")
    assert zi_readiness(small).status == "belum dapat disimpulkan"


def test_zi_readiness_ipkp_thresholds_and_scale_mapping():
    r = compute_index(*one_item([4] * 20 + [3] * 20, instrument="SPKP"), "SPKP")
    # 3.5: CI ≈ [3.34, 3.66]: above 3.20 (WBK), straddles 3.60 (WBBM)
    assert zi_readiness(r, predikat="WBK").status == "memenuhi"
    wbbm = zi_readiness(r, predikat="wbbm")
    assert (wbbm.ambang, wbbm.status) == (3.60, "belum dapat disimpulkan")
    # a 1-6 result is compared on 1-4: 5.85 -> 3.91
    r6 = compute_index(*one_item([6] * 34 + [5] * 6, lo=1, hi=6), "SPAK")
    k6 = zi_readiness(r6)
    assert k6.nilai_skala4 == pytest.approx(3.91, abs=1e-9)
    assert k6.ci_bawah_skala4 == pytest.approx(1 + 3 * (r6.ci_bawah - 1) / 5, abs=1e-12)
    assert k6.status == "memenuhi"
    skm = compute_index(pd.DataFrame({"skm_u1": [4.0]}), codebook("SKM", ["skm_u1"]), "SKM")
    with pytest.raises(InputError):
        zi_readiness(skm)
    with pytest.raises(InputError):
        zi_readiness(r, versi="tidak-ada")


def test_index_result_is_frozen(small):
    respons, cb = small
    r = compute_index(respons, cb, "SPAK")
    assert isinstance(r, IndexResult)
    with pytest.raises(AttributeError):
        r.nilai = 4.0  # type: ignore[misc]
    assert r.to_dict()["indeks"] == "IPAK"
