"""Tests for spakanalysis.stats.sample_size.

Expected values come from the published Krejcie & Morgan (1970) table (embedded
below, so the tests do not depend on the shipped data file they also check) or
from hand computation written out in the comments.
"""

from __future__ import annotations

import math
import subprocess
import sys
import time
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from spakanalysis.core.errors import InputError
from spakanalysis.stats import sample_size as ss
from spakanalysis.stats.sample_size import (
    RULES,
    achieved_margin,
    cochran,
    explain,
    explain_dict,
    krejcie_morgan,
    krejcie_morgan_table,
    minimum_respondents,
    rule_for,
    slovin,
)

# Krejcie & Morgan (1970), Table 1: (population N, sample size S), 90 rows.
PUBLISHED = [
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44), (55, 48),
    (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76), (100, 80), (110, 86),
    (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118), (180, 123), (190, 127),
    (200, 132), (210, 136), (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159),
    (280, 162), (290, 165), (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196),
    (420, 201), (440, 205), (460, 210), (480, 214), (500, 217), (550, 226), (600, 234), (650, 242),
    (700, 248), (750, 254), (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285),
    (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317),
    (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341),
    (3500, 346), (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367),
    (9000, 368), (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
]
TABLE_N = pd.Series([n for n, _ in PUBLISHED], name="populasi")
TABLE_S = pd.Series([s for _, s in PUBLISHED], name="populasi", dtype="int64")


def test_published_table_has_90_rows():
    assert len(PUBLISHED) == 90


def test_shipped_table_matches_published():
    text = resources.files("spakanalysis.stats").joinpath("krejcie_morgan_1970.csv").read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    assert lines[0] == "populasi,sampel"
    rows = [tuple(int(x) for x in line.split(",")) for line in lines[1:]]
    assert rows == PUBLISHED


# ---------------------------------------------------------------------------
# Krejcie & Morgan formula and table
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("population", "expected"), PUBLISHED)
def test_krejcie_morgan_nearest_reproduces_published_row(population, expected):
    result = krejcie_morgan(population)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(("population", "expected"), PUBLISHED)
def test_krejcie_morgan_table_exact_row(population, expected):
    for between in ("next", "previous", "formula"):
        assert krejcie_morgan_table(population, between=between) == expected


def test_krejcie_morgan_series_reproduces_table():
    pd.testing.assert_series_equal(krejcie_morgan(TABLE_N), TABLE_S)
    pd.testing.assert_series_equal(krejcie_morgan_table(TABLE_N), TABLE_S)


def test_krejcie_morgan_ceil_differs_from_table_in_45_rows():
    ceiled = krejcie_morgan(TABLE_N, rounding="ceil")
    differs = ceiled != TABLE_S
    assert int(differs.sum()) == 45
    # Where it differs, rounding up gives exactly one more.
    assert ((ceiled - TABLE_S)[differs] == 1).all()
    # N = 30: 3.841·30·0.25 / (0.0025·29 + 0.96025) = 28.8075 / 1.03275 = 27.89 → ceil 28 = table
    assert krejcie_morgan(30, rounding="ceil") == 28
    # N = 48: 46.092 / 1.07775 = 42.77 → ceil 43 and nearest 43
    assert krejcie_morgan(48, rounding="ceil") == 43


def test_krejcie_morgan_48_gives_43():
    # 3.841·48·0.25 = 46.092; 0.05²·47 + 3.841·0.25 = 0.1175 + 0.96025 = 1.07775; 46.092/1.07775 = 42.77
    assert krejcie_morgan(48) == 43


def test_krejcie_morgan_100000_formula_383_table_384():
    # 96025 / (0.0025·99999 + 0.96025) = 96025 / 250.95775 = 382.63 → 383
    assert krejcie_morgan(100_000) == 383
    assert krejcie_morgan_table(1_000_000) == 384
    assert krejcie_morgan_table(100_000) == 384  # between 75,000 and 1,000,000: next row up
    assert krejcie_morgan_table(100_000, between="previous") == 382
    assert krejcie_morgan_table(100_000, between="formula") == 383


def test_krejcie_morgan_rounds_half_up_not_bankers():
    # N = 3, χ² = 10, d = 0.5: 10·3·0.25 / (0.25·2 + 10·0.25) = 7.5 / 3 = 2.5 exactly.
    # Banker's rounding would give 2.
    assert krejcie_morgan(3, chi2=10, d=0.5) == 3
    assert krejcie_morgan(3, chi2=10, d=0.5, rounding="ceil") == 3


def test_krejcie_morgan_other_margin():
    # d = 0.1, N = 100: 96.025 / (0.01·99 + 0.96025) = 96.025 / 1.95025 = 49.24 → 49
    assert krejcie_morgan(100, d=0.1) == 49
    assert krejcie_morgan(100, d=0.1, rounding="ceil") == 50


def test_krejcie_morgan_population_one():
    assert krejcie_morgan(1) == 1
    assert krejcie_morgan(1, rounding="ceil") == 1


@pytest.mark.parametrize(
    ("population", "nxt", "prev", "formula"),
    [
        # 47 lies between rows 45 (40) and 50 (44);
        # formula: 3.841·47·0.25 / (0.0025·46 + 0.96025) = 45.13175 / 1.07525 = 41.97 → 42
        (47, 44, 40, 42),
        # 105 between 100 (80) and 110 (86); formula: 100.82625 / 1.22025 = 82.63 → 83
        (105, 86, 80, 83),
        # 12 between 10 (10) and 15 (14): "next" would give 14 > 12, capped at 12;
        # formula: 11.523 / 0.98775 = 11.67 → 12
        (12, 12, 10, 12),
        # below the first row: census
        (7, 7, 7, 7),
        (1, 1, 1, 1),
        # above the last row: the table's last value
        (2_000_000, 384, 384, 384),
    ],
)
def test_krejcie_morgan_table_between_rows(population, nxt, prev, formula):
    assert krejcie_morgan_table(population) == nxt
    assert krejcie_morgan_table(population, between="next") == nxt
    assert krejcie_morgan_table(population, between="previous") == prev
    assert krejcie_morgan_table(population, between="formula") == formula


def test_krejcie_morgan_table_never_exceeds_population():
    n = pd.Series(np.arange(1, 2001))
    result = krejcie_morgan_table(n)
    assert (result <= n).all()
    # "next" is conservative: never below "previous"
    assert (result >= krejcie_morgan_table(n, between="previous")).all()


# ---------------------------------------------------------------------------
# Slovin and Cochran
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "e", "expected"),
    [
        (48, 0.05, 43),  # 48 / (1 + 48·0.0025) = 48 / 1.12 = 42.86 → 43
        (100, 0.05, 80),  # 100 / 1.25 = 80 exactly (must not become 81)
        (1000, 0.05, 286),  # 1000 / 3.5 = 285.71 → 286
        (29, 0.05, 28),  # 29 / 1.0725 = 27.04 → 28
        (100, 0.1, 50),  # 100 / 2 = 50 exactly (must not become 51)
        (1000, 0.1, 91),  # 1000 / 11 = 90.91 → 91
        (1, 0.05, 1),  # 1 / 1.0025 = 0.9975 → 1
    ],
)
def test_slovin_hand_values(population, e, expected):
    result = slovin(population, e=e)
    assert result == expected
    assert type(result) is int


def test_cochran_without_population():
    # 1.96² · 0.25 / 0.0025 = 384.16 → 385
    assert cochran() == 385
    assert type(cochran()) is int
    # e = 0.1: 3.8416 · 0.25 / 0.01 = 96.04 → 97
    assert cochran(e=0.1) == 97
    # exact integers must not be bumped up: 2² · 0.25 / 0.05² = 400, / 0.1² = 100
    assert cochran(z=2, e=0.05) == 400
    assert cochran(z=2, e=0.1) == 100


def test_cochran_with_population():
    # N = 500: 384.16 / (1 + 383.16/500) = 384.16 / 1.76632 = 217.49 → 218
    assert cochran(500) == 218
    # N = 48: 384.16 / (1 + 383.16/48) = 384.16 / 8.9825 = 42.77 → 43
    assert cochran(48) == 43
    # N = 1: 384.16 / (1 + 383.16) = 1
    assert cochran(1) == 1
    # very large N tends to n0 = 384.16 → 385
    assert cochran(10**9) == 385


# ---------------------------------------------------------------------------
# Series behaviour
# ---------------------------------------------------------------------------

SATKER = pd.Series(
    [48, 29, 30, 31, 500, 1, 100_000, 12],
    index=["LPKUPANG", "RUTANSOE", "LAPASATB", "IMIGKUPANG", "KANWIL", "BAPASKPG", "X1", "X2"],
    name="pengguna_layanan",
)


@pytest.mark.parametrize(
    "func",
    [
        krejcie_morgan,
        lambda s: krejcie_morgan(s, rounding="ceil"),
        krejcie_morgan_table,
        lambda s: krejcie_morgan_table(s, between="previous"),
        lambda s: krejcie_morgan_table(s, between="formula"),
        slovin,
        lambda s: slovin(s, e=0.1),
        cochran,
        minimum_respondents,
        lambda s: minimum_respondents(s, "krejcie-morgan-tabel", floor=30),
        lambda s: minimum_respondents(s, "cochran", floor=30),
    ],
)
def test_series_equals_elementwise_scalars(func):
    result = func(SATKER)
    assert isinstance(result, pd.Series)
    assert result.dtype == np.dtype("int64")
    assert result.name == "pengguna_layanan"
    pd.testing.assert_index_equal(result.index, SATKER.index)
    assert result.tolist() == [func(int(v)) for v in SATKER]


def test_series_float_and_nullable_dtypes_accepted():
    expected = krejcie_morgan(SATKER)
    pd.testing.assert_series_equal(krejcie_morgan(SATKER.astype("float64")), expected)
    pd.testing.assert_series_equal(krejcie_morgan(SATKER.astype("Int64")), expected)
    pd.testing.assert_series_equal(krejcie_morgan(SATKER.astype(object)), expected)
    assert krejcie_morgan(48.0) == 43
    assert krejcie_morgan(np.int64(48)) == 43
    assert krejcie_morgan(np.float32(48.0)) == 43


def test_empty_series():
    result = minimum_respondents(pd.Series([], dtype="int64", name="n"))
    assert result.dtype == np.dtype("int64")
    assert len(result) == 0
    assert result.name == "n"


def test_series_is_fast_for_1000_satkers():
    rng = np.random.default_rng(0)
    s = pd.Series(rng.integers(1, 5000, 1000), index=[f"S{i:04d}" for i in range(1000)])
    minimum_respondents(s)  # warm up (table cache)
    start = time.perf_counter()
    for _ in range(20):
        minimum_respondents(s, floor=30)
    per_call = (time.perf_counter() - start) / 20
    # typically ~0.15 ms; generous bound so a busy machine does not fail the test
    assert per_call < 0.02


def test_import_does_not_load_pandas_or_babel():
    code = "import sys, spakanalysis.stats.sample_size; print('pandas' in sys.modules, 'babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# ---------------------------------------------------------------------------
# Rules, floor and population cap
# ---------------------------------------------------------------------------


def test_rules_constant():
    assert RULES == ("krejcie-morgan", "krejcie-morgan-tabel", "slovin", "cochran", "ntt-2024")


def test_ntt_rule_switches_at_30():
    # 29 < 30 → Slovin: 29 / 1.0725 = 27.04 → 28
    assert minimum_respondents(29) == 28 == slovin(29)
    # 30 → Krejcie–Morgan: 27.89 → 28
    assert minimum_respondents(30) == 28 == krejcie_morgan(30)
    # 31 → Krejcie–Morgan: 3.841·31·0.25 / (0.0025·30 + 0.96025) = 29.76775 / 1.03525 = 28.75 → 29
    assert minimum_respondents(31) == 29 == krejcie_morgan(31)
    assert rule_for(29) == "slovin"
    assert rule_for(30) == "krejcie-morgan"
    assert rule_for(31) == "krejcie-morgan"
    assert minimum_respondents(48) == 43  # the Kanwil NTT minimum


@pytest.mark.parametrize(
    ("rule", "expected"),
    [("krejcie-morgan", 43), ("krejcie-morgan-tabel", 44), ("slovin", 43), ("cochran", 43), ("ntt-2024", 43)],
)
def test_minimum_respondents_each_rule_at_48(rule, expected):
    assert minimum_respondents(48, rule) == expected


def test_minimum_respondents_margin_passed_on():
    # KM with d = 0.1 at N = 100: 49.24 → 49; Slovin e = 0.1: 50; Cochran e = 0.1:
    # 96.04 / (1 + 95.04/100) = 96.04 / 1.9504 = 49.24 → 50
    assert minimum_respondents(100, "krejcie-morgan", e=0.1) == 49
    assert minimum_respondents(100, "slovin", e=0.1) == 50
    assert minimum_respondents(100, "cochran", e=0.1) == 50
    assert minimum_respondents(100, "ntt-2024", e=0.1) == 49
    assert minimum_respondents(20, "ntt-2024", e=0.1) == 17  # 20 / 1.2 = 16.67 → 17


def test_rule_for_series_and_fixed_rules():
    result = rule_for(SATKER)
    assert isinstance(result, pd.Series)
    pd.testing.assert_index_equal(result.index, SATKER.index)
    assert result.name == "pengguna_layanan"
    assert result.tolist() == [
        "krejcie-morgan", "slovin", "krejcie-morgan", "krejcie-morgan",
        "krejcie-morgan", "slovin", "krejcie-morgan", "slovin",
    ]
    for rule in ("krejcie-morgan", "krejcie-morgan-tabel", "slovin", "cochran"):
        assert rule_for(5, rule) == rule
        assert set(rule_for(SATKER, rule)) == {rule}


def test_floor_raises_result():
    # N = 31: KM 29 → floor 30
    assert minimum_respondents(31, floor=30) == 30
    # N = 48: 43 ≥ 30, floor not binding
    assert minimum_respondents(48, floor=30) == 43
    assert minimum_respondents(48, floor=0) == 43


def test_result_capped_at_population():
    # floor 30 with N = 20: Slovin 20/1.05 = 19.05 → 20; floor would give 30 but only 20 users exist
    assert minimum_respondents(20, floor=30) == 20
    assert minimum_respondents(25, "slovin", floor=30) == 25
    assert minimum_respondents(1, "cochran", floor=30) == 1
    s = pd.Series([20, 31, 48], index=["a", "b", "c"])
    assert minimum_respondents(s, floor=30).tolist() == [20, 30, 43]


def test_table_rule_only_for_margin_005():
    with pytest.raises(InputError, match=r"0\.1"):
        minimum_respondents(48, "krejcie-morgan-tabel", e=0.1)


# ---------------------------------------------------------------------------
# Achieved margin of error
# ---------------------------------------------------------------------------


def test_achieved_margin_hand_values():
    # n = 43, N = 48: 1.96 · sqrt(0.25/43 · 5/47) = 1.96 · sqrt(1.25/2021)
    #   = 1.96 · sqrt(0.000618506) = 1.96 · 0.0248698 = 0.0487448
    assert achieved_margin(43, 48) == pytest.approx(0.0487448, abs=1e-6)
    assert type(achieved_margin(43, 48)) is float
    # no population: 1.96 · sqrt(0.25/385) = 1.96 · 0.0254824 = 0.0499455
    assert achieved_margin(385) == pytest.approx(0.0499455, abs=1e-6)
    # n = 100, N = 1000, z = 1.645: 1.645 · sqrt(0.0025 · 900/999) = 1.645 · 0.0474579 = 0.0780683
    assert achieved_margin(100, 1000, z=1.645) == pytest.approx(0.0780683, abs=1e-6)
    # p = 0.2, n = 64, no population: 1.96 · sqrt(0.16/64) = 1.96 · 0.05 = 0.098
    assert achieved_margin(64, p=0.2) == pytest.approx(0.098, abs=1e-12)


def test_achieved_margin_edge_cases():
    assert achieved_margin(0, 48) == math.inf
    assert achieved_margin(0) == math.inf
    assert achieved_margin(48, 48) == 0.0
    assert achieved_margin(60, 48) == 0.0
    assert achieved_margin(1, 1) == 0.0
    assert achieved_margin(0, 1) == math.inf


def test_achieved_margin_is_inverse_of_cochran():
    # Cochran rounds up, so its sample size reaches at least the requested margin.
    for n in (10, 48, 100, 500, 1000, 10_000):
        assert achieved_margin(cochran(n), n) <= 0.05 + 1e-12
        assert achieved_margin(cochran(n) - 1, n) > 0.05 or cochran(n) == n


def test_achieved_margin_series():
    responses = pd.Series([43, 0, 48, 10], index=["a", "b", "c", "d"], name="responden")
    population = pd.Series([48, 48, 48, 100], index=["a", "b", "c", "d"], name="populasi")
    result = achieved_margin(responses, population)
    assert isinstance(result, pd.Series)
    assert result.dtype == np.dtype("float64")
    assert result.name == "responden"
    pd.testing.assert_index_equal(result.index, responses.index)
    expected = [achieved_margin(int(r), int(p)) for r, p in zip(responses, population)]
    assert result.tolist() == pytest.approx(expected)
    # population aligned by label, not by position
    shuffled = population.iloc[::-1]
    pd.testing.assert_series_equal(achieved_margin(responses, shuffled), result)
    # Series with scalar population, scalar with Series population
    assert achieved_margin(responses, 48).tolist()[:3] == pytest.approx(expected[:3])
    by_pop = achieved_margin(43, population)
    assert by_pop.name == "populasi"
    assert by_pop["a"] == pytest.approx(0.0487448, abs=1e-6)


def test_achieved_margin_missing_population_label():
    responses = pd.Series([43, 10], index=["LPKUPANG", "RUTANSOE"])
    population = pd.Series([48], index=["LPKUPANG"])
    with pytest.raises(InputError, match='Populasi untuk "RUTANSOE"'):
        achieved_margin(responses, population)


# ---------------------------------------------------------------------------
# Invalid input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "bukan 0"),
        (-3, "bukan -3"),
        (48.5, "bukan 48.5"),
        (None, "bukan (kosong)"),
        (float("nan"), "bukan (kosong)"),
        (float("inf"), "bukan inf"),
        ("abc", 'bukan "abc"'),
        ("48", 'bukan "48"'),
        (True, "bukan True"),
        ([1, 2], "bukan [1, 2]"),
    ],
)
@pytest.mark.parametrize(
    "func",
    [krejcie_morgan, krejcie_morgan_table, slovin, cochran, minimum_respondents, rule_for, explain, explain_dict],
)
def test_invalid_population_scalar(func, value, shown):
    if func is cochran and value is None:
        assert cochran(None) == 385  # None means "no population" for Cochran
        return
    with pytest.raises(InputError) as info:
        func(value)
    message = str(info.value)
    assert message.startswith("Populasi harus bilangan bulat positif")
    assert shown in message


@pytest.mark.parametrize(
    ("values", "label", "shown"),
    [
        ([48, -3, 0], "LPKUPANG", "bukan -3"),
        ([48.0, 48.5, 10.0], "LPKUPANG", "bukan 48.5"),
        ([48.0, np.nan, -1.0], "LPKUPANG", "bukan (kosong)"),
        ([48, 10, 0], "KANWIL", "bukan 0"),
        ([48, "abc", 3], "LPKUPANG", 'bukan "abc"'),
        ([48, "48", 3], "LPKUPANG", 'bukan "48"'),
        ([48, None, 3], "LPKUPANG", "bukan (kosong)"),
        ([48, True, 3], "LPKUPANG", "bukan True"),
    ],
)
def test_invalid_population_series_names_label(values, label, shown):
    s = pd.Series(values, index=["RUTANSOE", "LPKUPANG", "KANWIL"])
    for func in (krejcie_morgan, krejcie_morgan_table, slovin, cochran, minimum_respondents, rule_for):
        with pytest.raises(InputError) as info:
            func(s)
        message = str(info.value)
        assert f'Populasi untuk "{label}" harus bilangan bulat positif' in message
        assert shown in message


def test_invalid_population_series_exact_message():
    s = pd.Series([48, -3], index=["RUTANSOE", "LPKUPANG"])
    with pytest.raises(InputError) as info:
        minimum_respondents(s)
    assert str(info.value) == 'Populasi untuk "LPKUPANG" harus bilangan bulat positif, bukan -3'


def test_invalid_population_series_other_dtypes():
    with pytest.raises(InputError, match='untuk "a".*bukan True'):
        slovin(pd.Series([True, False], index=["a", "b"]))
    with pytest.raises(InputError, match=r'untuk "b".*\(kosong\)'):
        slovin(pd.Series([48, None], index=["a", "b"], dtype="Int64"))
    with pytest.raises(InputError, match='untuk "a"'):
        slovin(pd.Series(["48", "50"], index=["a", "b"], dtype="string"))


@pytest.mark.parametrize("bad", [0, 1, -0.1, 1.5, float("nan"), "0.05", True, None])
def test_invalid_margin(bad):
    calls = [
        lambda: slovin(48, e=bad),
        lambda: cochran(48, e=bad),
        lambda: cochran(e=bad),
        lambda: minimum_respondents(48, e=bad),
        lambda: krejcie_morgan(48, d=bad),
        lambda: explain(48, e=bad),
    ]
    for call in calls:
        with pytest.raises(InputError) as info:
            call()
        message = str(info.value)
        assert "harus lebih dari 0 dan kurang dari 1" in message
        assert "Margin galat" in message


def test_invalid_margin_shows_value():
    with pytest.raises(InputError, match=r"bukan 1\.5"):
        slovin(48, e=1.5)
    with pytest.raises(InputError, match=r"Margin galat d .*bukan 0$"):
        krejcie_morgan(48, d=0)


def test_invalid_other_parameters():
    with pytest.raises(InputError, match=r"χ².*bukan -1"):
        krejcie_morgan(48, chi2=-1)
    with pytest.raises(InputError, match=r"Proporsi.*bukan 1"):
        krejcie_morgan(48, p=1)
    with pytest.raises(InputError, match=r"Proporsi.*bukan 0"):
        cochran(p=0)
    with pytest.raises(InputError, match=r"Nilai z.*bukan 0"):
        cochran(z=0)
    with pytest.raises(InputError, match=r"Nilai z.*bukan -1\.96"):
        achieved_margin(43, 48, z=-1.96)
    with pytest.raises(InputError, match=r"floor.*bukan -5"):
        minimum_respondents(48, floor=-5)
    with pytest.raises(InputError, match=r"floor.*bukan 30\.5"):
        minimum_respondents(48, floor=30.5)
    with pytest.raises(InputError, match=r'floor.*bukan "30"'):
        minimum_respondents(48, floor="30")


def test_unknown_rule_lists_valid_ones():
    for call in (
        lambda: minimum_respondents(48, "slovinn"),
        lambda: rule_for(48, "slovinn"),
        lambda: explain(48, "slovinn"),
    ):
        with pytest.raises(InputError) as info:
            call()
        message = str(info.value)
        assert '"slovinn"' in message
        assert "tidak dikenal" in message
        for name in RULES:
            assert f'"{name}"' in message


def test_unknown_rounding_and_between():
    with pytest.raises(InputError) as info:
        krejcie_morgan(48, rounding="up")
    assert '"up"' in str(info.value) and '"nearest"' in str(info.value) and '"ceil"' in str(info.value)
    with pytest.raises(InputError) as info:
        krejcie_morgan_table(48, between="nearest")
    message = str(info.value)
    assert '"nearest"' in message and '"next"' in message and '"previous"' in message and '"formula"' in message


@pytest.mark.parametrize(
    ("responses", "shown"), [(-1, "bukan -1"), (2.5, "bukan 2.5"), (None, "(kosong)"), ("abc", '"abc"')]
)
def test_invalid_responses(responses, shown):
    with pytest.raises(InputError) as info:
        achieved_margin(responses, 48)
    message = str(info.value)
    assert message.startswith("Jumlah responden harus bilangan bulat tidak negatif")
    assert shown in message


def test_achieved_margin_invalid_population():
    with pytest.raises(InputError, match="Populasi harus bilangan bulat positif, bukan 0"):
        achieved_margin(10, 0)


def test_input_error_is_value_error():
    with pytest.raises(ValueError):
        slovin(0)


# ---------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------


def test_explain_krejcie_morgan_48_exact_text():
    assert explain(48, "krejcie-morgan") == (
        "Metode: Krejcie & Morgan (1970)\n"
        "S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))\n"
        "  = 3,841 × 48 × 0,5 × 0,5 / (0,05² × 47 + 3,841 × 0,5 × 0,5)\n"
        "  = 46,092 / 1,077750 = 42,77 → dibulatkan ke terdekat = 43\n"
        "Jumlah responden minimum: 43"
    )


def test_explain_default_rule_notes_ntt_choice():
    text = explain(48)
    assert "Krejcie & Morgan" in text
    assert "46,092 / 1,077750 = 42,77" in text
    assert "ntt-2024" in text and "48 ≥ 30" in text
    assert text.endswith("Jumlah responden minimum: 43")
    text = explain(29)
    assert "Metode: Slovin" in text and "29 < 30" in text
    # 29 / (1 + 29·0.0025) = 29 / 1.0725 = 27.04 → 28
    assert "29 / 1,0725 = 27,04 → dibulatkan ke atas = 28" in text


def test_explain_slovin_48():
    text = explain(48, "slovin")
    assert "n = N / (1 + N·e²)" in text
    assert "= 48 / (1 + 48 × 0,05²)" in text
    assert "= 48 / 1,12 = 42,86 → dibulatkan ke atas = 43" in text
    assert text.endswith("Jumlah responden minimum: 43")


def test_explain_cochran_500():
    text = explain(500, "cochran")
    assert "Cochran" in text
    assert "1,96² × 0,5 × 0,5 / 0,05² = 384,16" in text
    assert "384,16 / (1 + (384,16 − 1) / 500)" in text
    assert "384,16 / 1,76632 = 217,49 → dibulatkan ke atas = 218" in text
    assert text.endswith("Jumlah responden minimum: 218")


def test_explain_table():
    text = explain(47, "krejcie-morgan-tabel")
    assert "Tabel Krejcie & Morgan" in text
    assert "47 di antara baris 45 dan 50" in text and "S = 44" in text
    assert text.endswith("Jumlah responden minimum: 44")
    assert "ada di tabel → S = 44" in explain(50, "krejcie-morgan-tabel")
    assert "sensus" in explain(8, "krejcie-morgan-tabel")
    big = explain(2_000_000, "krejcie-morgan-tabel")
    assert "2.000.000" in big and "1.000.000" in big and big.endswith(": 384")
    capped = explain_dict(12, "krejcie-morgan-tabel")
    assert capped["hasil"] == 12
    assert any("melebihi populasi" in note for note in capped["catatan"])


def test_explain_floor_and_cap_notes():
    raised = explain_dict(31, floor=30)
    assert raised["hasil"] == 30
    assert any("batas minimum 30" in note.lower() for note in raised["catatan"])
    capped = explain(20, floor=30)
    assert "melebihi populasi" in capped and "(20)" in capped
    assert capped.endswith("Jumlah responden minimum: 20")
    not_binding = explain_dict(48, floor=30)
    assert not any("minimum" in note.lower() for note in not_binding["catatan"])


def test_explain_dict_structure():
    d = explain_dict(48, "krejcie-morgan")
    assert set(d) == {"metode", "rumus", "substitusi", "hasil_mentah", "hasil", "catatan"}
    assert d["metode"] == "Krejcie & Morgan (1970)"
    assert d["rumus"] == "S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))"
    assert "3,841 × 48" in d["substitusi"]
    assert isinstance(d["hasil_mentah"], float)
    assert d["hasil_mentah"] == pytest.approx(46.092 / 1.07775)
    assert d["hasil"] == 43 and type(d["hasil"]) is int
    assert d["catatan"] == []


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("floor", [None, 30])
def test_explain_agrees_with_minimum_respondents(rule, floor):
    for n in (1, 5, 12, 20, 29, 30, 31, 47, 48, 500, 1234, 100_000, 2_000_000):
        d = explain_dict(n, rule, floor=floor)
        assert d["hasil"] == minimum_respondents(n, rule, floor=floor)
        assert explain(n, rule, floor=floor).endswith(f"Jumlah responden minimum: {d['hasil']}")


def test_explain_rejects_series():
    with pytest.raises(InputError, match="satu nilai populasi"):
        explain(SATKER)


def test_module_exports():
    for name in ss.__all__:
        assert hasattr(ss, name)
