"""The registry's optional ``url_survei`` column: accepted addresses, rejected ones, and the error people read."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from spakanalysis.data.dataset import load_dataset
from spakanalysis.data.survey_url import clean_survey_url, is_valid_or_blank
from spakanalysis.data.validation import validate_folder

VALID = Path(__file__).resolve().parents[1] / "data" / "valid_min"
NOW = dt.date(2024, 12, 31)


@pytest.mark.parametrize("url", ["https://survei.example.org/lapas-kupang", "http://a.example.com",
                                 "https://survei.kemenkumham.example/lpkupang?x=1#a", "HTTPS://Survei.Example.org/"])
def test_accepted_addresses(url):
    assert clean_survey_url(f"  {url} ") == url


@pytest.mark.parametrize("url", ["survei.example.org", "ftp://example.org/x", "javascript:alert(1)", "https://",
                                 "https://localhost/x", "https://user:pw@example.org/", "https://exa mple.org",
                                 "https://example.org:99999/", "https://example.org/\x00", "https://" + "a" * 300 + ".org",
                                 "mailto:a@example.org", "https://192.168.0.1/"])
def test_rejected_addresses(url):
    assert clean_survey_url(url) is None
    assert not is_valid_or_blank(url)


def test_blank_is_allowed_but_gives_no_url():
    assert is_valid_or_blank("") and is_valid_or_blank("   ") and is_valid_or_blank(None)
    assert clean_survey_url("  ") is None


def _with_urls(tmp_path: Path, urls: list[str]) -> Path:
    folder = tmp_path / "raw"
    shutil.copytree(VALID, folder)
    lines = (folder / "satker.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0] + ",url_survei"] + [f"{line},{u}" for line, u in zip(lines[1:], urls, strict=True)]
    (folder / "satker.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def test_registry_keeps_valid_urls_and_blank_is_none(tmp_path):
    folder = _with_urls(tmp_path, ["https://survei.example.org/kwntt", "", " https://survei.example.org/kim "])
    ds = load_dataset(folder, now=NOW)
    got = ds.satker["url_survei"].tolist()
    assert got[0] == "https://survei.example.org/kwntt" and got[2] == "https://survei.example.org/kim"
    assert got[1] is None or got[1] != got[1]  # None / NA


def test_bad_url_is_a_galat_naming_file_row_and_column(tmp_path):
    folder = _with_urls(tmp_path, ["https://survei.example.org/kwntt", "survei.example.org/lapas", ""])
    found = [m for m in validate_folder(folder, now=NOW) if m.kode == "url_survei_tidak_valid"]
    assert len(found) == 1
    m = found[0]
    assert (m.berkas, m.baris, m.kolom, m.tingkat) == ("satker.csv", 3, "url_survei", "galat")
    assert "https://" in m.pesan and "survei.example.org/lapas" in str(m)
