"""The typed codebook (data.codebook): one parser, one yes/no word list, per-instrument errors."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from spakanalysis.core.errors import InputError
from spakanalysis.data import schemas
from spakanalysis.data.codebook import NO_WORDS, YES_WORDS, parse_codebook, parse_flag
from spakanalysis.data.dataset import load_dataset


def _frame(**extra):
    base = {
        "instrumen": ["spak ", "SPAK", "SKM"],
        "kode_butir": ["a1", "a2", "s1"],
        "unsur": ["U1", "U2", "S"],
        "skala_min": ["1", "1", "1"],
        "skala_maks": ["4", "4", "6"],
    }
    base.update(extra)
    return pd.DataFrame(base)


def test_flags_use_the_one_word_list():
    assert schemas.TERBALIK_YA is YES_WORDS and schemas.TERBALIK_TIDAK is NO_WORDS
    assert [parse_flag(v) for v in ("Ya", " y ", "TRUE", "1", "tidak", "T", "", None, math.nan)] == [
        True, True, True, True, False, False, False, False, False]
    assert parse_flag("mungkin") is None


def test_parse_codebook_groups_items_by_instrument():
    cb = parse_codebook(_frame(terbalik=["ya", "", "tidak"], bobot=["2", "1,5", ""]))
    assert cb.names() == ["SKM", "SPAK"]
    spak = cb.items(" spak")
    assert spak.codes == ("a1", "a2") and spak.unsur == ("U1", "U2") and spak.questions == ("", "")
    assert spak.lo == (1.0, 1.0) and spak.hi == (4.0, 4.0)
    assert spak.reverse == (True, False)
    assert spak.weights == (2.0, 1.5)
    assert math.isnan(cb.items("SKM").weights[0]) and cb.items("SKM").hi == (6.0,)


def test_an_invalid_instrument_does_not_stop_the_others():
    cb = parse_codebook(_frame(terbalik=["ya", "tidak", "kadang"]))
    assert cb.items("SPAK").reverse == (True, False)
    with pytest.raises(InputError, match='butir "s1": kolom terbalik bernilai "kadang"'):
        cb.items("SKM")
    with pytest.raises(InputError, match=r'Instrumen "SPKP" tidak ada di kodebook \(instrumen.csv\). Yang ada: SKM, SPAK'):
        cb.items("SPKP")
    with pytest.raises(InputError, match="tidak memiliki kolom: unsur"):
        parse_codebook(_frame().drop(columns="unsur"))
    dup = parse_codebook(_frame(kode_butir=["a1", "a1", "s1"]))
    with pytest.raises(InputError, match="kode_butir ganda: a1"):
        dup.items("SPAK")


def test_the_loader_builds_the_codebook_from_its_table():
    ds = load_dataset(Path(__file__).resolve().parents[1] / "data" / "valid_min", now="2024-09-30")
    assert ds.codebook.names() == ["SPAK", "SPKP"]
    assert len(ds.codebook.items("SPKP").codes) == 8 and len(ds.codebook.items("SPAK").codes) == 5
    for instrument in ds.codebook.names():
        items = ds.codebook.items(instrument)
        assert list(items.codes) == ds.items(instrument)
        assert items.lo == tuple(ds.instrumen.loc[ds.instrumen["instrumen"] == instrument, "skala_min"].astype(float))
    assert ds.codebook.items("SPKP").codes[0] == "spkp_prosedur"
    assert ds.codebook.items("SPKP").reverse == (False,) * 8
