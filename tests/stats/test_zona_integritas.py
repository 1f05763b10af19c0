"""Tests for the Zona Integritas rules that the recap uses: two indices together, ranking, threshold text."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from spakanalysis.core.errors import InputError
from spakanalysis.stats.zona_integritas import Readiness, combined_readiness, readiness_rank, threshold_summary

MEETS, INCONCLUSIVE, NOT_MET = "memenuhi", "belum dapat disimpulkan", "belum memenuhi"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (MEETS, MEETS, MEETS),
        (MEETS, INCONCLUSIVE, INCONCLUSIVE),
        (INCONCLUSIVE, MEETS, INCONCLUSIVE),
        (MEETS, NOT_MET, NOT_MET),
        (NOT_MET, INCONCLUSIVE, NOT_MET),  # one index already fails: the predicate fails
        (None, MEETS, INCONCLUSIVE),  # an index not computed cannot make the predicate met
        (math.nan, math.nan, INCONCLUSIVE),
    ],
)
def test_combined_readiness(a, b, expected):
    got = combined_readiness(a, b)
    assert got == expected and type(got) is str  # plain text in the recap table


def test_readiness_rank_orders_most_ready_first_and_missing_last():
    col = pd.Series([NOT_MET, None, MEETS, INCONCLUSIVE, math.nan])
    assert col.map(readiness_rank).tolist() == [2, 3, 0, 1, 3]
    assert [r.value for r in Readiness] == [MEETS, INCONCLUSIVE, NOT_MET]


def test_threshold_summary_states_the_configured_thresholds():
    # permenpanrb-90-2021-provisional: IPKP 3.20 (WBK) / 3.60 (WBBM); IPAK 3.60 for both
    assert threshold_summary() == "IPKP ≥ 3,20 WBK / ≥ 3,60 WBBM; IPAK ≥ 3,60"
    assert threshold_summary("permenpanrb-90-2021-provisional") == threshold_summary()


def test_threshold_summary_unknown_version_names_the_known_ones():
    with pytest.raises(InputError, match="tidak dikenal. Versi yang ada: permenpanrb-90-2021-provisional"):
        threshold_summary("tidak-ada")
