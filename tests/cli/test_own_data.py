"""``spakanalysis siapkan`` and ``spakanalysis petakan``, as a new Kanwil's analyst runs them."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from spakanalysis.core.config import standard_codebook_text
from spakanalysis.data.mapping_proposal import propose_mapping
from spakanalysis.data.readers import read_header

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
EXPORT = RAW / "respons_2024.csv"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spakanalysis.cli", *args], capture_output=True, text=True,
                          timeout=120)


def _codebook() -> list[dict[str, str]]:
    return list(csv.DictReader((RAW / "instrumen.csv").open(encoding="utf-8")))


def _reference() -> dict[str, str]:
    return {r["kolom_sumber"]: r["kolom_baku"] for r in csv.DictReader((RAW / "pemetaan_kolom.csv").open(encoding="utf-8-sig"))}


def test_siapkan_writes_the_skeleton_and_validasi_names_what_is_missing(tmp_path):
    folder = tmp_path / "kanwil_baru"
    run = cli("siapkan", str(folder))
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["satker.csv", "satker.xlsx", "instrumen.csv", "pemetaan_kolom.csv", "pengaturan.toml", "kanwil.toml.contoh",
         "README.md"])
    assert (folder / "instrumen.csv").read_text(encoding="utf-8") == standard_codebook_text()
    assert (folder / "pemetaan_kolom.csv").read_text(encoding="utf-8") == "kolom_sumber,kolom_baku\n"
    rows = list(csv.reader((folder / "satker.csv").open(encoding="utf-8")))
    assert rows[0][:6] == ["kode_satker", "nama_satker", "jenis_satker", "kanwil", "kota", "jumlah_pengguna_layanan"]
    assert rows[1][0] == "CONTOH" and len(rows) == 2
    ws = openpyxl.load_workbook(folder / "satker.xlsx").active
    assert [c.value for c in ws[1]] == rows[0] and ws["A2"].value == "CONTOH"
    check = cli("validasi", "--data", str(folder))
    assert check.returncode == 1
    out = check.stdout
    assert "[galat] respons*.csv — tidak ada berkas respons (.csv atau .xlsx) yang cocok dengan respons*" in out
    assert '[peringatan] satker.csv, baris 2, kolom "kode_satker": nilai CONTOH — baris contoh dari spakanalysis siapkan' in out
    assert "[catatan] pemetaan_kolom.csv — pemetaan kolom masih kosong (hanya header)" in out
    assert "bermasalah: 1 galat, 1 peringatan, 2 catatan" in check.stderr
    assert "Traceback" not in check.stderr


def test_the_skeleton_settings_file_is_valid_and_changes_nothing(tmp_path):
    from spakanalysis.data.problems import ProblemLog
    from spakanalysis.data.settings_file import ResponseSettings, read_settings

    cli("siapkan", str(tmp_path / "k"))
    log = ProblemLog()
    assert read_settings(tmp_path / "k", log) == ResponseSettings() and not log.masalah
    text = (tmp_path / "k" / "pengaturan.toml").read_text(encoding="utf-8")
    for key in ("berkas", "format_waktu", "zona_waktu", "lembar"):
        assert f"# {key} = " in text


def test_siapkan_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "catatan.txt").write_text("milik pengguna", encoding="utf-8")
    run = cli("siapkan", str(tmp_path))
    assert run.returncode == 2
    assert f"Folder {tmp_path} tidak kosong; siapkan hanya mengisi folder baru atau kosong" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catatan.txt"]
    assert "Traceback" not in run.stderr


def test_the_sample_export_maps_exactly_to_its_mapping():
    proposal = propose_mapping(read_header(EXPORT), _codebook())
    assert {c.kolom_sumber: c.kolom_baku for c in proposal.placed} == _reference()
    assert [c.kolom_sumber for c in proposal.columns if c.cara == "pribadi"] == ["Nama Responden", "No. HP", "Email",
                                                                                 "NIK", "Alamat"]
    assert not proposal.unplaced and not proposal.unclaimed


def test_typos_case_and_reordered_words_still_map():
    reference = _reference()
    headers = []
    for h in read_header(EXPORT):
        if h.startswith("SPKP - Sarana"):
            h = "spkp - SARANA & PRASARANA PELAYANAN MEMADAI DAN NYAMAN"  # words reordered, case, punctuation
        elif h.startswith("SPAK - Tidak ada pungutan"):
            h = "SPAK: Tidak ada pungutn liar dlm pelayanan"  # typos
        elif h == "Waktu Pengisian":
            h = "waktu  PENGISIAN "
        headers.append(h)
    proposal = propose_mapping(headers, _codebook())
    got = {c.kolom_sumber: c.kolom_baku for c in proposal.placed}
    assert got["spkp - SARANA & PRASARANA PELAYANAN MEMADAI DAN NYAMAN"] == "spkp_sarana"
    assert got["SPAK: Tidak ada pungutn liar dlm pelayanan"] == "spak_pungli"
    assert got["waktu  PENGISIAN "] == "waktu_isi"
    by_header = {c.kolom_sumber: c for c in proposal.columns}
    assert by_header["waktu  PENGISIAN "].cara == "sama" and by_header["waktu  PENGISIAN "].keyakinan == 0.95
    assert 0.6 <= by_header["SPAK: Tidak ada pungutn liar dlm pelayanan"].keyakinan < 0.95
    assert len(got) == len(reference)


def test_unplaceable_and_contested_columns_are_listed():
    headers = ["Waktu Pengisian", "Kode Satker", "Jenis Layanan", "Jenis Responden", "Nomor Antrean",
               "SPAK - Tidak ada pungutan liar dalam pelayanan", "SPAK - Tidak ada pungutan liar"]
    proposal = propose_mapping(headers, _codebook())
    by_header = {c.kolom_sumber: c for c in proposal.columns}
    assert by_header["Nomor Antrean"].kolom_baku is None and by_header["Nomor Antrean"].cara == "tidak cocok"
    loser = by_header["SPAK - Tidak ada pungutan liar"]
    assert loser.kolom_baku is None and loser.cara == "kalah"
    assert 'sudah dipakai kolom "SPAK - Tidak ada pungutan liar dalam pelayanan"' in loser.keterangan
    assert "spkp_prosedur" in proposal.unclaimed and "spak_pungli" not in proposal.unclaimed


def test_petakan_writes_the_mapping_and_refuses_to_overwrite(tmp_path):
    folder = tmp_path / "k"
    cli("siapkan", str(folder))
    export = folder / "respons_juli.csv"
    export.write_bytes(EXPORT.read_bytes())
    run = cli("petakan", str(export))
    assert run.returncode == 0, run.stderr
    assert "SPKP - Sarana dan prasarana pelayanan nyaman dan memadai      spkp_sarana" in run.stdout
    assert "28 kolom terpetakan (termasuk kolom pribadi, yang dibuang saat memuat); ditulis ke" in run.stdout
    written = {r["kolom_sumber"]: r["kolom_baku"] for r in csv.DictReader((folder / "pemetaan_kolom.csv").open(encoding="utf-8"))}
    assert written == _reference()
    (folder / "pemetaan_kolom.csv").write_text("kolom_sumber,kolom_baku\nA,id_respons\n", encoding="utf-8")
    again = cli("petakan", str(export))
    assert again.returncode == 2
    assert "pemetaan_kolom.csv sudah ada dan tidak ditimpa; periksa isinya, atau jalankan lagi dengan --timpa." in again.stderr
    assert (folder / "pemetaan_kolom.csv").read_text(encoding="utf-8") == "kolom_sumber,kolom_baku\nA,id_respons\n"
    forced = cli("petakan", str(export), "--timpa")
    assert forced.returncode == 0
    assert "ID Respons,id_respons" in (folder / "pemetaan_kolom.csv").read_text(encoding="utf-8")


def test_petakan_reads_an_xlsx_header_below_a_title_row(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ekspor Survei SPKP - Juli 2024"])
    ws.append(read_header(EXPORT)[:12])
    wb.save(tmp_path / "ekspor.xlsx")
    run = cli("petakan", str(tmp_path / "ekspor.xlsx"), "--data", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert "12 kolom terpetakan" in run.stdout  # the standard codebook: the folder has none
    assert "kodebook standar spakanalysis" in run.stdout
    assert "Nama baku/butir wajib tanpa kolom: spkp_waktu, spkp_respon, spkp_informasi, spkp_sarana," in run.stdout


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "berkas kosong"),
        (b"\n\n", "kosong"),
        (b"ID;Waktu\n\xe9t\xe9;1\n", "UTF-8"),
    ],
)
def test_petakan_unreadable_exports_get_a_clear_message(tmp_path, content, fragment):
    export = tmp_path / "respons.csv"
    export.write_bytes(content)
    run = cli("petakan", str(export))
    assert run.returncode != 0
    assert fragment in run.stderr and "respons.csv" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "pemetaan_kolom.csv").exists()


def test_petakan_missing_export(tmp_path):
    run = cli("petakan", str(tmp_path / "tidak_ada.csv"))
    assert run.returncode != 0 and "berkas tidak ditemukan" in run.stderr and "Traceback" not in run.stderr
