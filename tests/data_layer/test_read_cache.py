"""The per-file read cache: a changed folder parses its changed files only, with the same dataset as a fresh load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spakanalysis.data import loadrun, read_cache
from spakanalysis.data.dataset import load_dataset

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw"
NOW = "2024-09-30"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SPAKANALYSIS_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "raw"
    shutil.copytree(SAMPLE, data, ignore=shutil.ignore_patterns("README.md"))
    return data


@pytest.fixture
def parsed(monkeypatch):
    """The names of the files actually parsed (read_table calls)."""
    names: list[str] = []
    original = loadrun.read_table

    def spy(path, **kwargs):
        names.append(Path(path).name)
        return original(path, **kwargs)

    monkeypatch.setattr(loadrun, "read_table", spy)
    return names


def _same(a, b) -> None:
    assert a.respons.equals(b.respons) and list(a.respons.dtypes) == list(b.respons.dtypes)
    assert a.satker.equals(b.satker)
    assert a.masalah == b.masalah and a.berkas == b.berkas and dict(a.ringkasan) == dict(b.ringkasan)


def _fresh(folder: Path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(read_cache, "MIN_BYTES", 1 << 60)  # nothing kept, nothing looked up
        return load_dataset(folder, now=NOW)


def test_an_unchanged_response_file_is_not_parsed_again(folder, parsed, monkeypatch):
    first = load_dataset(folder, now=NOW)
    assert {"respons_2024.csv", "respons_2024_jan-jun.csv"} <= set(parsed)
    assert len(list((folder.parent / "cache").glob("berkas-*.pkl"))) == 2  # the two large files
    parsed.clear()
    second = load_dataset(folder, now=NOW)
    assert "respons_2024.csv" not in parsed and "respons_2024_jan-jun.csv" not in parsed
    assert "satker.csv" in parsed  # small files are read again
    _same(second, first)


def test_a_changed_file_alone_is_parsed_and_the_problems_are_those_of_a_fresh_load(folder, parsed, monkeypatch):
    load_dataset(folder, now=NOW)
    path = folder / "respons_2024.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*rows, rows[1], rows[2].replace(";4;", ";9;", 1)]), encoding="utf-8")
    parsed.clear()
    again = load_dataset(folder, now=NOW)
    assert "respons_2024.csv" in parsed and "respons_2024_jan-jun.csv" not in parsed
    fresh = _fresh(folder, monkeypatch)
    _same(again, fresh)
    assert {m.kode for m in again.masalah} >= {"kiriman_ganda"}


def test_problems_logged_while_reading_come_back_from_the_cache(folder, monkeypatch):
    path = folder / "respons_2024_jan-jun.csv"
    header, *body = path.read_text(encoding="utf-8").splitlines(keepends=True)
    body[3] = body[3].replace(";", ";\x00", 1)  # a control character: a warning of the reading step
    path.write_text(header.rstrip("\r\n") + ";Kolom Asing\n" + "".join(r.rstrip("\r\n") + ";x\n" for r in body),
                    encoding="utf-8")
    first = load_dataset(folder, now=NOW)
    codes = {m.kode for m in first.masalah if m.berkas == path.name}
    assert "karakter_kendali" in codes and len(codes) >= 2  # and the unknown column's note
    second = load_dataset(folder, now=NOW)
    _same(second, first)


def test_a_broken_entry_is_read_again(folder, parsed):
    first = load_dataset(folder, now=NOW)
    for entry in (folder.parent / "cache").glob("berkas-*.pkl"):
        entry.write_bytes(b"rusak")
    parsed.clear()
    second = load_dataset(folder, now=NOW)
    assert "respons_2024.csv" in parsed
    _same(second, first)


def test_entries_hold_no_personal_data(folder):
    path = folder / "respons_2024.csv"
    header, first_row, *rest = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = first_row.rstrip("\n").split(";")
    names = header.lstrip("\ufeff").rstrip("\n").split(";")
    cells[names.index("Saran dan Masukan")] = "Hubungi Pak Yohanes di 0812-3456-7890 soal antrean"
    cells[names.index("Nama Responden")] = "Maria Goreti Ximenes"
    cells[names.index("No. HP")] = "081299887766"
    path.write_text("".join([header, ";".join(cells) + "\n", *rest]), encoding="utf-8")
    ds = load_dataset(folder, now=NOW)
    assert "[data pribadi disamarkan]" in " ".join(ds.respons["saran"])
    blobs = b"".join(p.read_bytes() for p in (folder.parent / "cache").glob("berkas-*.pkl"))
    assert blobs
    for secret in ("0812-3456-7890", "Maria Goreti", "Ximenes", "081299887766"):
        assert secret.encode() not in blobs


def test_masked_feedback_strips_and_masks_once_per_distinct_text():
    import pandas as pd

    raw = pd.Series(["  Antre lama  ", "", "Hubungi 0812-3456-7890", "  Antre lama  "], dtype=object)
    assert list(loadrun.masked_feedback(raw)) == ["Antre lama", "", "Hubungi [data pribadi disamarkan]", "Antre lama"]


def test_a_folder_with_one_large_export_keeps_nothing(folder, parsed):
    (folder / "respons_2024_jan-jun.csv").unlink()
    load_dataset(folder, now=NOW)
    parsed.clear()
    load_dataset(folder, now=NOW)
    assert "respons_2024.csv" in parsed
    assert list((folder.parent / "cache").glob("berkas-*.pkl")) == []
