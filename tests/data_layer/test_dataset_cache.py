"""The dataset cache: content-keyed, outlives a batch, bounded, never holds personal data."""

from __future__ import annotations

import csv
import os
import shutil
import time
from pathlib import Path

import pytest

from spakanalysis.data import cache

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SPAKANALYSIS_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "raw"
    shutil.copytree(SAMPLE, data, ignore=shutil.ignore_patterns("respons_2024_jan-jun.csv", "README.md"))
    cache._MEMO.clear()
    yield data
    cache._MEMO.clear()


def _no_loading(monkeypatch):
    import spakanalysis.data.dataset as dataset

    def fail(*_a, **_k):
        raise AssertionError("the folder was read again")

    monkeypatch.setattr(dataset, "load_dataset", fail)


def test_a_second_run_reads_the_cache_and_a_touch_is_still_a_hit(folder, monkeypatch, tmp_path):
    first = cache.load_dataset_cached(folder)
    entries = list((tmp_path / "cache").glob("dataset-*.pkl"))
    assert len(entries) == 1 and (entries[0].parent.stat().st_mode & 0o077) == 0  # the user's only
    cache._MEMO.clear()  # a new process
    os.utime(folder / "respons_2024.csv")  # modification time alone: same content, same key
    _no_loading(monkeypatch)
    second = cache.load_dataset_cached(folder)
    assert second.respons.equals(first.respons) and second.satker.equals(first.satker)


def test_a_hit_from_a_copy_reads_its_own_folder(folder, monkeypatch, tmp_path):
    """The follow-up register and theme codebook are read from the folder asked for, not the cached one's."""
    from spakanalysis.report.cycle import load_follow_up

    cache.load_dataset_cached(folder)
    moved = tmp_path / "elsewhere" / "raw"
    shutil.copytree(folder, moved)
    shutil.rmtree(folder)  # the folder the entry was made from is gone (a temporary copy)
    cache._MEMO.clear()
    _no_loading(monkeypatch)
    again = cache.load_dataset_cached(moved)
    assert again.folder == moved
    register = load_follow_up(again.folder, again.satker["kode_satker"])
    assert register.exists and len(register.rows) == 12  # every data row of the sample register


def test_one_changed_byte_is_a_miss(folder, tmp_path):
    cache.load_dataset_cached(folder)
    path = folder / "satker.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",48,", ",49,", 1), encoding="utf-8")
    cache._MEMO.clear()
    again = cache.load_dataset_cached(folder)
    assert int(again.satker.set_index("kode_satker").loc["KWNTT", "jumlah_pengguna_layanan"]) == 49
    assert len(list((tmp_path / "cache").glob("dataset-*.pkl"))) == 2


def test_a_broken_entry_is_rebuilt_without_error(folder, tmp_path):
    cache.load_dataset_cached(folder)
    (entry,) = (tmp_path / "cache").glob("dataset-*.pkl")
    entry.write_bytes(b"not a pickle")
    cache._MEMO.clear()
    ds = cache.load_dataset_cached(folder)
    assert len(ds.respons) == 13955
    assert entry.stat().st_size > 1000  # replaced by a good entry


def test_the_cache_is_bounded(tmp_path):
    for i in range(cache.MAX_ENTRIES + 3):
        p = tmp_path / f"dataset-{i:02d}.pkl"
        p.write_bytes(b"x")
        os.utime(p, (time.time() - 100 + i, time.time() - 100 + i))
    removed = cache.prune_cache(tmp_path)
    assert sorted(p.name for p in removed) == ["dataset-00.pkl", "dataset-01.pkl", "dataset-02.pkl"]
    assert len(list(tmp_path.glob("dataset-*.pkl"))) == cache.MAX_ENTRIES


def test_the_cache_holds_no_personal_data(folder, tmp_path):
    cache.load_dataset_cached(folder)
    (entry,) = (tmp_path / "cache").glob("dataset-*.pkl")
    raw = entry.read_bytes()
    with (folder / "respons_2024.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    phones = {r["No. HP"] for r in rows if r["No. HP"].strip()}
    names = {r["Nama Responden"] for r in rows if len(r["Nama Responden"].strip()) > 6}
    assert len(phones) > 100 and len(names) > 50
    assert not [v for v in phones | names if v.encode() in raw]


def test_validasi_checks_an_unchanged_folder_from_the_cache_and_a_changed_one_again(folder, monkeypatch):
    from spakanalysis.data.validation import validate_folder

    path = folder / "respons_2024.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*rows, rows[1]]), encoding="utf-8")  # one duplicated submission
    first = validate_folder(folder)
    assert [(m.kode, m.baris) for m in first if m.tingkat != "catatan"] == [("kiriman_ganda", len(rows) + 1)]
    cache._MEMO.clear()  # the next `spakanalysis validasi`: a new process
    with monkeypatch.context() as m:
        _no_loading(m)
        assert validate_folder(folder) == first  # the same problems, without reading the folder
    path.write_text("".join(rows), encoding="utf-8")  # fixed: the folder is checked again
    cache._MEMO.clear()
    assert [m for m in validate_folder(folder) if m.tingkat != "catatan"] == []
