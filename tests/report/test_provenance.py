"""The digests of the "Sumber data" appendix and of the batch plan: one pass gives what each slice gives."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from spakanalysis.data.readers import FILE_COLUMN
from spakanalysis.report.provenance import (
    frame_digest,
    group_digests,
    response_files,
    satker_sources,
    source_digests,
)


@pytest.fixture
def mixed():
    return pd.DataFrame({
        "kode_satker": ["A", "B", "A", None, "C", "A"],
        "nilai": [1.0, np.nan, 3.0, 4.0, 5.0, np.nan],
        "teks": ["x", None, "z", "w", "x", "y"],
        "tanggal": [dt.date(2024, 7, 1)] * 3 + [None, dt.date(2024, 8, 2), dt.date(2024, 9, 3)],
        "waktu": pd.to_datetime(["2024-07-01 08:00"] * 6, utc=True),
        "jenis": pd.Categorical(["p", "q", "p", "q", "p", "q"]),
    }, index=[10, 3, 7, 1, 2, 0])


def test_group_digests_equal_each_slice(mixed):
    by, empty = group_digests(mixed, "kode_satker")
    assert set(by) == {"A", "B", "C"}  # no group for a missing code
    for code in by:
        assert by[code] == frame_digest(mixed[mixed["kode_satker"] == code])
    assert empty == frame_digest(mixed.iloc[0:0])


def test_frame_digest_reads_values_not_index(mixed):
    same = mixed.reset_index(drop=True)
    assert frame_digest(same) == frame_digest(mixed)
    changed = mixed.copy()
    changed.loc[7, "nilai"] = 3.5
    assert frame_digest(changed) != frame_digest(mixed)
    assert frame_digest(mixed.astype({"nilai": "float32"})) != frame_digest(mixed)  # dtypes count
    assert frame_digest(mixed.iloc[::-1]) != frame_digest(mixed)  # and the order of the rows


def test_source_digests_give_the_same_sources(sample):
    files = response_files(sample)
    digests = source_digests(sample)
    codes = [*sample.satker["kode_satker"], "TIDAKADA"]
    for code in codes:
        own, reg = sample.respons_satker(code), sample.satker[sample.satker["kode_satker"] == code]
        by_hand = []
        for b in sample.berkas:  # each file's entry from this satker's own rows, sliced and hashed alone
            if b.nama in files:
                mine = own[own[FILE_COLUMN] == b.nama]
                by_hand.append({"berkas": b.nama, "baris": len(mine), "sha256": frame_digest(mine)})
            elif b.nama == "satker.csv":
                by_hand.append({"berkas": b.nama, "baris": len(reg), "sha256": frame_digest(reg)})
            else:
                by_hand.append({"berkas": b.nama, "baris": b.baris, "sha256": b.sha256})
        assert satker_sources(sample, code) == by_hand
        assert satker_sources(sample, code, responses=files, digests=digests) == by_hand
    rows = [e for e in satker_sources(sample, "LPKUPANG") if e["berkas"] in files]
    assert sum(e["baris"] for e in rows) == len(sample.respons_satker("LPKUPANG")) > 0
