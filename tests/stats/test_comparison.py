"""Against the previous period: the comparable period and the comparison rules, hand-computed."""

import math

import pandas as pd
import pytest

from spakanalysis.core.periods import parse_periode, previous_periode
from spakanalysis.stats.comparison import (
    TANPA_DATA_SEBELUMNYA,
    TIDAK_BERMAKNA,
    compare_index,
    compare_unsur,
    compare_value,
    intervals_overlap,
    unsur_intervals,
)
from spakanalysis.stats.index_result import IndexResult


@pytest.mark.parametrize(("now", "previous"), [
    ("2024-07", "2024-06"), ("2024-01", "2023-12"),           # the month before a month (across a year)
    ("2024-Q3", "2024-Q2"), ("2024-Q1", "2023-Q4"),           # the quarter before a quarter
    ("2024-S2", "2024-S1"), ("2024-S1", "2023-S2"),           # the semester before a semester
    ("2024", "2023"),                                         # the year before a year
    ("2024-07-15..2024-07-24", "2024-07-05..2024-07-14"),     # 10 days -> the 10 days before
    ("2024-03-01..2024-03-31", "2024-01-30..2024-02-29"),     # 31 days across a leap February
])
def test_previous_comparable_period(now, previous):
    p = previous_periode(now)
    assert p.kode == previous
    assert p.akhir.toordinal() == parse_periode(now).mulai.toordinal() - 1
    if ".." in now:
        assert p.jumlah_hari == parse_periode(now).jumlah_hari


def test_intervals_overlap_including_a_shared_end_point():
    assert intervals_overlap(3.10, 3.30, 3.25, 3.45) is True
    assert intervals_overlap(3.10, 3.20, 3.20, 3.40) is True  # touching: not disjoint
    assert intervals_overlap(3.10, 3.20, 3.21, 3.40) is False
    assert intervals_overlap(3.10, float("nan"), 3.21, 3.40) is None


def test_compare_value_rules():
    c = compare_value(3.40, 3.30, (3.35, 3.45), (3.24, 3.36))
    assert (c.selisih, c.bermakna, c.keterangan) == (pytest.approx(0.10), False, TIDAK_BERMAKNA)
    c = compare_value(3.20, 3.40, (3.14, 3.26), (3.35, 3.45))
    assert (c.selisih, c.bermakna, c.keterangan) == (pytest.approx(-0.20), True, "turun bermakna")
    # attainment: no interval, a direction only (percentage points)
    c = compare_value(80.0, 92.5)
    assert (c.selisih, c.bermakna, c.keterangan) == (-12.5, None, "turun")
    assert compare_value(50.0, 50.0).keterangan == "tetap"
    none = compare_value(3.4, None, (3.3, 3.5), None)
    assert none.keterangan == TANPA_DATA_SEBELUMNYA and math.isnan(none.selisih) and not none.ada_sebelum
    assert none.to_dict(2) == {"sekarang": 3.4, "sebelum": None, "selisih": None, "bermakna": None,
                               "keterangan": "Tidak ada data periode sebelumnya"}
    assert compare_value(float("nan"), 3.3).keterangan == "Belum ada data periode ini"
    assert compare_value(90.0, None, tanpa_sebelum="Target belum berlaku").keterangan == "Target belum berlaku"


def _result(nilai, lo, hi, n=100):
    return IndexResult("SPKP", n, nilai, 1, 4, nilai, (nilai - 1) / 3 * 100, "", lo, hi, 0.0, 0.0, True, "")


def test_compare_index_uses_the_results_intervals():
    now = _result(3.45, 3.40, 3.50)
    assert compare_index(now, _result(3.30, 3.25, 3.41)).keterangan == TIDAK_BERMAKNA
    c = compare_index(now, _result(3.30, 3.25, 3.35))
    assert (c.selisih, c.keterangan) == (pytest.approx(0.15), "naik bermakna")
    assert compare_index(now, None).keterangan == TANPA_DATA_SEBELUMNYA
    assert compare_index(now, _result(float("nan"), float("nan"), float("nan"), n=0)).keterangan == TANPA_DATA_SEBELUMNYA


def _items(nrr, sd, n, code="a"):
    return pd.DataFrame({"kode_butir": [code], "unsur": ["Prosedur"], "n": [n], "nrr": [nrr], "sd": [sd], "bobot": [1.0]})


def test_unsur_interval_hand_computed():
    # answers 4, 3, 3, 2: mean 3, sd sqrt(2/3), se = sd/2 = 0.408248; t(0.975, 3) = 3.182446.
    # logit scale: p = (3-1)/3 = 2/3, half = 3.182446 * 0.408248 / 3 / (2/9) = 1.948839,
    # bounds 1 + 3 / (1 + exp(-(ln 2 -/+ 1.948839))) = 1.665147 and 3.800547.
    t = unsur_intervals(_items(3.0, math.sqrt(2 / 3), 4), 1, 4).iloc[0]
    assert (t["se"], t["ci_bawah"], t["ci_atas"]) == (pytest.approx(0.408248, abs=1e-6),
                                                       pytest.approx(1.665147, abs=1e-6), pytest.approx(3.800547, abs=1e-6))
    # N = 8: se * sqrt((8 - 4) / 8) = 0.288675 -> 2.005511 .. 3.664213
    t = unsur_intervals(_items(3.0, math.sqrt(2 / 3), 4), 1, 4, populasi=8).iloc[0]
    assert (t["se"], t["ci_bawah"], t["ci_atas"]) == (pytest.approx(0.288675, abs=1e-6),
                                                       pytest.approx(2.005511, abs=1e-6), pytest.approx(3.664213, abs=1e-6))
    one = unsur_intervals(_items(3.0, float("nan"), 1), 1, 4).iloc[0]
    assert math.isnan(one["ci_bawah"]) and math.isnan(one["ci_atas"])


def test_compare_unsur_by_item_code():
    now = unsur_intervals(_items(3.0, math.sqrt(2 / 3), 4), 1, 4)          # 1.67 .. 3.80
    wide = unsur_intervals(_items(3.5, math.sqrt(2 / 3), 4), 1, 4)         # overlaps
    tight = unsur_intervals(_items(3.9, 0.05, 400), 1, 4)                  # 3.895 .. 3.905: disjoint
    assert compare_unsur(now, wide).iloc[0][["selisih", "keterangan"]].tolist() == [-0.5, TIDAK_BERMAKNA]
    assert compare_unsur(now, tight).iloc[0]["keterangan"] == "turun bermakna"
    assert compare_unsur(now, None).iloc[0]["keterangan"] == TANPA_DATA_SEBELUMNYA
    other = unsur_intervals(_items(3.5, 0.5, 10, code="b"), 1, 4)
    assert compare_unsur(now, other).iloc[0]["keterangan"] == TANPA_DATA_SEBELUMNYA
