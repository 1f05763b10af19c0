"""The cover letter: its facts come from ringkasan.json as is, its PDF is reproducible, free text stays text."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pypdf
import pytest

from spakanalysis.data.kanwil_config import read_kanwil_config
from spakanalysis.pipeline.cover_letters import batch_letters, letter_date, write_cover_letters
from spakanalysis.pipeline.runner import SatkerResult
from spakanalysis.present.cover_letter import LetterHeader, cover_letter_html, letter_facts

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "data" / "valid_min"


def ringkasan(kode: str = "LPKUPANG", nama: str = "Lapas Kelas IIA Kupang") -> dict:
    ins = {"minimum_periode": 444, "respons_sah_periode": 400, "capaian_persen_periode": 90.09,
           "bulan_berjalan": "2024-09", "capaian_persen_bulan_berjalan": 61.49, "status_bulan_berjalan": "Perlu percepatan",
           "target_harian_bulan_berjalan": 6}
    return {
        "kode_satker": kode, "nama_satker": nama, "periode": "2024-Q3", "periode_label": "Triwulan III 2024",
        "tanggal_data": "2024-09-18", "status": "Perlu percepatan",
        "instrumen": {"SPKP": ins, "SPAK": {**ins, "respons_sah_periode": 398, "capaian_persen_periode": 89.64}},
        "indeks": {"IPKP": {"nilai": 3.524357, "nilai_100": 88.108928, "kesiapan": {"WBK": "memenuhi", "WBBM": "belum memenuhi"},
                            "prioritas": ["Sarana Prasarana", "Waktu"]},
                   "IPAK": None},
        "rekomendasi": ["SPKP September 2024: kejar 6 respons per hari layanan."],
    }


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("SPAKANALYSIS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    shutil.copy(ROOT / "data" / "raw" / "kanwil.toml", folder)
    shutil.copy(ROOT / "data" / "raw" / "logo_kanwil.svg", folder)
    return folder


def period_with(tmp_path: Path, *docs: dict) -> Path:
    period = tmp_path / "keluaran" / "2024-Q3"
    for doc in docs:
        (period / doc["kode_satker"]).mkdir(parents=True)
        (period / doc["kode_satker"] / "ringkasan.json").write_text(json.dumps(doc), encoding="utf-8")
    return period


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_letter_facts_are_the_summary_formatted():
    f = letter_facts(ringkasan())
    spkp = f["capaian"][0]
    assert spkp == {"instrumen": "SPKP", "respons": "400 dari minimum 444", "capaian_periode": "90,1%",
                    "bulan": "September 2024", "capaian_bulan": "61,5%", "status_bulan": "Perlu percepatan",
                    "target_harian": "6"}
    ipkp, ipak = f["indeks"]
    assert (ipkp["nilai"], ipkp["nilai_100"], ipkp["predikat"]) == ("3,52", "88,11", "WBK: memenuhi; WBBM: belum memenuhi")
    assert ipkp["prioritas"] == ["Sarana Prasarana", "Waktu"]
    assert ipak["nilai"] == "–" and ipak["predikat"] == "belum dapat dihitung"
    assert f["tanggal_data"] == "18 September 2024"


def test_free_text_is_escaped_in_the_html():
    cfg = read_kanwil_config(ROOT / "data" / "raw")
    doc = ringkasan(nama='Lapas <script>alert(1)</script> & "Kupang"')
    html = cover_letter_html(doc, cfg, LetterHeader("W23-001", date(2024, 9, 19), "Hal <b>", "Kepala <i>x</i>"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Hal &lt;b&gt;" in html and "Kepala &lt;i&gt;x&lt;/i&gt;" in html
    assert "Kupang, 19 September 2024" in html


def test_letter_date_is_the_meeting_date_else_the_data_date():
    assert letter_date({"tanggal_data": "2024-09-18", "tanggal_rapat": "2024-09-19"}) == date(2024, 9, 19)
    assert letter_date({"tanggal_data": "2024-09-18", "tanggal_rapat": None}) == date(2024, 9, 18)


def test_letters_written_numbered_and_reproducible(tmp_path, data):
    period = period_with(tmp_path, ringkasan(), ringkasan("KIMKUPANG", "Kantor Imigrasi Kelas I TPI Kupang"))
    run = write_cover_letters(period, data, tanggal=date(2024, 9, 19), kode_satker=["KIMKUPANG", "LPKUPANG", "KWNTT"])
    assert sorted(p.parent.name for p in run.berkas) == ["KIMKUPANG", "LPKUPANG"]  # KWNTT has no ringkasan.json
    text = pdf_text(period / "LPKUPANG" / "surat_pengantar.pdf")
    for expected in ("W23.PP.04.03-002", "Kupang, 19 September 2024", "Yth. Kepala Lapas Kelas IIA Kupang",
                     "Hasil Monitoring Survei SPKP dan SPAK Triwulan III 2024", "90,1%", "3,52",
                     "kejar 6 respons per hari layanan", "Nama Pejabat Fiktif"):
        assert expected in text, expected
    envelope = json.loads((period / "KIMKUPANG" / "surat_pengantar.json").read_text(encoding="utf-8"))
    assert envelope["nomor"] == "W23.PP.04.03-003"  # third row of the registry
    assert envelope["penerima"] == [] and envelope["pengirim"] == "p3ham.ntt@kemenkumham.example"
    first = (period / "LPKUPANG" / "surat_pengantar.pdf").read_bytes()
    write_cover_letters(period, data, tanggal=date(2024, 9, 19), kode_satker=["LPKUPANG"])
    assert (period / "LPKUPANG" / "surat_pengantar.pdf").read_bytes() == first


def test_without_kanwil_toml_no_letters_and_one_notice(tmp_path, data):
    (data / "kanwil.toml").unlink()
    period = period_with(tmp_path, ringkasan())
    said = []
    entry = batch_letters(period, data, {"tanggal_data": "2024-09-18"},
                          [SatkerResult("LPKUPANG", "berhasil", 1.0)], said.append)
    assert entry["berkas"] == [] and len(said) == 1 and "kanwil.toml tidak ada" in said[0]
    assert not (period / "LPKUPANG" / "surat_pengantar.pdf").exists()


def test_batch_letters_only_for_reports_made(tmp_path, data):
    period = period_with(tmp_path, ringkasan(), ringkasan("KIMKUPANG", "Kantor Imigrasi Kelas I TPI Kupang"))
    results = [SatkerResult("LPKUPANG", "berhasil", 1.0), SatkerResult("KIMKUPANG", "gagal", 1.0, pesan="x")]
    entry = batch_letters(period, data, {"tanggal_data": "2024-09-18"}, results, print)
    assert entry == {"berkas": ["LPKUPANG/surat_pengantar.pdf"]}
