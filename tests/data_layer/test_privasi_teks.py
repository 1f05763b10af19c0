"""Personal data typed into ``saran`` (issue 11, point 5): masked once at load, evidence kept as written.

The cases live in ``tests/data/saran_privasi.toml`` (hand-written comments, each with its exact expected text).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from _perintah import spakanalysis_cmd
from spakanalysis import load_dataset
from spakanalysis.data.privacy import SAMARAN, mask_personal_text

DATA = Path(__file__).resolve().parents[1] / "data"
KASUS = tomllib.loads((DATA / "saran_privasi.toml").read_text(encoding="utf-8"))["kasus"]


def test_corpus_has_both_kinds():
    jenis = [k["jenis"] for k in KASUS]
    assert len(KASUS) >= 40 and jenis.count("pribadi") >= 20 and jenis.count("bukti") >= 20
    assert all((SAMARAN in k["harapan"]) == (k["jenis"] == "pribadi") for k in KASUS)
    assert all(k["harapan"] == k["teks"] for k in KASUS if k["jenis"] == "bukti")


@pytest.mark.parametrize("kasus", KASUS, ids=[f"{i:02d}-{k['jenis']}" for i, k in enumerate(KASUS)])
def test_comment_is_masked_exactly(kasus):
    assert mask_personal_text(kasus["teks"]) == kasus["harapan"]


def test_masking_is_idempotent():
    for k in KASUS:
        assert mask_personal_text(k["harapan"]) == k["harapan"]


def test_series_path_keeps_index_missing_values_and_duplicates():
    teks = [KASUS[0]["teks"], None, KASUS[0]["teks"], "", "Loket 2 tutup"]
    s = pd.Series(teks, index=[10, 11, 12, 13, 14], name="saran")
    out = mask_personal_text(s)
    assert out.index.tolist() == [10, 11, 12, 13, 14] and out.name == "saran" and out.dtype == "string"
    assert out.tolist()[0] == out.tolist()[2] == KASUS[0]["harapan"]
    assert out.isna().tolist() == [False, True, False, False, False]
    assert out.tolist()[3:] == ["", "Loket 2 tutup"]
    full = mask_personal_text(pd.Series([k["teks"] for k in KASUS]))
    assert full.tolist() == [k["harapan"] for k in KASUS]


def test_none_and_non_strings():
    assert mask_personal_text(None) is None
    assert mask_personal_text(6281234567890) == SAMARAN
    assert mask_personal_text(2024) == "2024"


# ----------------------------------------------------------------------------- through the loader and the CLI

NOW = dt.date(2024, 12, 31)
#: comments planted into tests/data/valid_min (ids R0001..R0004) and the text the loader must hold
TANAM = {
    "R0001": ("Pak Yohanes Bria minta Rp 50.000, WA saya +62 (813) 5566-7788",
              f"Pak {SAMARAN} minta Rp 50.000, WA saya {SAMARAN}"),
    "R0002": ("nik5301017007900022, rumah di Jl. Merdeka No. 12 Kupang",
              f"nik{SAMARAN}, rumah di {SAMARAN} Kupang"),
    "R0003": ("Antre 09.00–11.00 di loket 2, hubungi hp081299990000",
              f"Antre 09.00–11.00 di loket 2, hubungi hp{SAMARAN}"),
    "R0004": ("nama saya Fransiska Nenobais, email fransiska.n@contoh.id",
              f"nama saya {SAMARAN}, email {SAMARAN}"),
}
RAHASIA = ["Yohanes", "Bria", "5566-7788", "5301017007900022", "Merdeka", "081299990000", "Fransiska", "Nenobais",
           "fransiska.n@contoh.id"]


def _plant(src: Path, dst: Path, key: str, text: dict[str, str], name: str) -> Path:
    shutil.copytree(src, dst)
    path = dst / name
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    i_key, i_saran = rows[0].index(key), rows[0].index("saran")
    for row in rows[1:]:
        row[i_saran] = text.get(row[i_key], row[i_saran])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return dst


def test_loader_masks_saran_and_keeps_evidence(tmp_path):
    data = _plant(DATA / "valid_min", tmp_path / "data", "id_respons", {k: v[0] for k, v in TANAM.items()},
                  "respons_2024.csv")
    saran = load_dataset(data, now=NOW).respons.set_index("id_respons")["saran"]
    for kode, (_, harapan) in TANAM.items():
        assert saran[kode] == harapan
    assert saran["R0007"] == "Informasi kurang jelas"  # untouched comment
    assert not [s for s in RAHASIA if saran.str.contains(s, regex=False).any()]


def test_report_html_shows_masked_feedback_only(tmp_path):
    """One satker report (HTML only) from the mini data with personal data planted in its latest comments."""
    plant = {"MINI-0018": TANAM["R0001"][0], "MINI-0019": TANAM["R0002"][0], "MINI-0020": TANAM["R0003"][0],
             "MINI-0021": TANAM["R0004"][0]}
    data = _plant(DATA / "mini", tmp_path / "data", "id_respons", plant, "respons.csv")
    out = tmp_path / "reports"
    env = {**os.environ, "SPAKANALYSIS_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run([*spakanalysis_cmd(), "laporan", "--satker", "KWNTT", "--periode", "2024-Q3", "--data",
                           str(data), "--keluaran", str(out), "--tanpa-pdf"], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = out / "2024-Q3" / "KWNTT"
    html = (folder / "laporan.html").read_text(encoding="utf-8")
    for _, harapan in TANAM.values():
        assert harapan in html  # masked exactly as at load, evidence (Rp 50.000, 09.00–11.00, loket 2) kept
    for name in ("laporan.html", "laporan.ipynb", "ringkasan.json"):
        text = (folder / name).read_text(encoding="utf-8")
        assert not [s for s in RAHASIA if s in text], name


def test_dataset_cache_is_not_reused_by_other_code(tmp_path, monkeypatch):
    """A pickle written by another version of the code (e.g. weaker masking) is never read back."""
    import shutil

    from spakanalysis.data import cache

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "valid_min", data)
    monkeypatch.setenv("SPAKANALYSIS_CACHE", str(tmp_path / "cache"))
    first = cache.folder_fingerprint(data)
    ds = cache._load_through_pickle(data)
    pickles = list((tmp_path / "cache").glob("dataset-*.pkl"))
    assert len(pickles) == 1
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "kode-lama")
    assert cache.folder_fingerprint(data) != first
    ds2 = cache._load_through_pickle(data)
    assert len(list((tmp_path / "cache").glob("dataset-*.pkl"))) == 2  # a new entry, the old one is not used
    assert ds2.respons.equals(ds.respons)

