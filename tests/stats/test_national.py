"""The national ranking of the Kanwils (stats/national.py), on hand-checked figures."""

import math

import pandas as pd
import pytest

from spakanalysis.stats.national import national_totals, rank_kanwils


def _rows(*rows):
    cols = ("kanwil", "jumlah_satker", "satker_tercapai", "satker_perlu_percepatan", "satker_data_bermasalah",
            "SPKP_persen", "SPAK_persen", "IPKP", "IPAK")
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


# A: 3/4 = 75 %; B: 3/4 = 75 % too but two behind (A one); C: 3/5 = 60 %; D: 0 satkers reached, no index
ROWS = _rows(
    ("Kanwil C", 5, 3, 1, 0, 95.0, 92.0, 3.41, 3.70),
    ("Kanwil B", 4, 3, 2, 0, 99.0, 98.0, 3.52, 3.70),
    ("Kanwil A", 4, 3, 1, 0, 90.0, 80.0, 3.30, 3.80),
    ("Kanwil D", 2, 0, 1, 1, 40.0, 45.0, None, None),
)


def test_ranked_by_share_of_satkers_then_fewer_behind_then_attainment():
    out = rank_kanwils(ROWS)
    assert out["kanwil"].tolist() == ["Kanwil A", "Kanwil B", "Kanwil C", "Kanwil D"]
    assert out["peringkat"].tolist() == [1, 2, 3, 4]
    assert out["persen_satker_tercapai"].tolist() == [75.0, 75.0, 60.0, 0.0]
    # the lower of SPKP and SPAK attainment
    assert out["capaian_persen"].tolist() == [80.0, 98.0, 92.0, 40.0]


def test_equal_shares_and_behind_fall_back_on_attainment_then_name():
    out = rank_kanwils(_rows(("Kanwil Z", 2, 1, 1, 0, 70.0, 70.0, 3.0, 3.0), ("Kanwil Y", 4, 2, 1, 0, 80.0, 75.0, 3.0, 3.0),
                             ("Kanwil X", 2, 1, 1, 0, 70.0, 71.0, 3.0, 3.0)))
    assert out["kanwil"].tolist() == ["Kanwil Y", "Kanwil X", "Kanwil Z"]  # 75 > 70 = 70, then the name


def test_index_ranks_share_ties_and_skip_kanwils_without_an_index():
    out = rank_kanwils(ROWS).set_index("kanwil")
    assert out["peringkat_IPKP"].to_dict() == {"Kanwil A": 3.0, "Kanwil B": 1.0, "Kanwil C": 2.0, "Kanwil D": pytest.approx(math.nan, nan_ok=True)}
    # B and C share 3.70: both rank 2 after A's 3.80, none 3
    assert out.loc[["Kanwil A", "Kanwil B", "Kanwil C"], "peringkat_IPAK"].tolist() == [1.0, 2.0, 2.0]
    assert math.isnan(out.loc["Kanwil D", "peringkat_IPAK"])


def test_a_kanwil_without_satkers_has_no_share_and_ranks_last():
    out = rank_kanwils(_rows(("Kanwil Kosong", 0, 0, 0, 0, math.nan, math.nan, None, None),
                             ("Kanwil Ada", 1, 0, 1, 0, 50.0, 50.0, 3.1, 3.2)))
    assert out["kanwil"].tolist() == ["Kanwil Ada", "Kanwil Kosong"]
    assert math.isnan(out.loc[1, "persen_satker_tercapai"])


def test_national_totals_add_the_kanwils_up():
    totals = national_totals(rank_kanwils(ROWS))
    assert totals == {"jumlah_satker": 15, "satker_tercapai": 9, "satker_perlu_percepatan": 5,
                      "satker_data_bermasalah": 1, "jumlah_kanwil": 4, "persen_satker_tercapai": 60.0}


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match="IPAK"):
        rank_kanwils(ROWS.drop(columns=["IPAK"]))
