"""The follow-up register (tindak_lanjut.csv): loading, validation messages, and ``validasi``."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from spakanalysis.data.follow_up import REGISTER_COLUMNS, load_follow_up, position_problem
from spakanalysis.data.validation import validate_folder

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
VALID = ROOT / "tests" / "data" / "valid_min"
CODES = ["KWNTT", "LPKUPANG", "KIMKUPANG"]
HEADER = ",".join(REGISTER_COLUMNS)
GOOD = "LPKUPANG,2024-Q2,antrean,Antrean panjang,Menambah loket,Kepala Seksi Registrasi,2024-07-31,selesai,2024-07-30,ND-1"


def _register(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    (tmp_path / "tindak_lanjut.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return tmp_path


def test_sample_register_is_valid_and_typed():
    import pandas as pd

    codes = pd.read_csv(RAW / "satker.csv")["kode_satker"]
    reg = load_follow_up(RAW, codes)
    assert reg.exists and reg.berkas == "tindak_lanjut.csv" and reg.masalah == ()
    assert len(reg.rows) == 12
    assert set(reg.rows["status"]) == {"selesai", "berjalan", "direncanakan", "batal"}
    assert set(reg.rows["periode_monev"]) == {"2024-Q2", "2024-Q3"}
    first = reg.for_satker("LPATAMBUA").iloc[0]
    assert first["target_tanggal"] == date(2024, 7, 31) and first["tanggal_selesai"] == date(2024, 7, 26)
    assert first["baris"] == 2


def test_no_register_is_empty_not_an_error(tmp_path):
    reg = load_follow_up(tmp_path, CODES)
    assert not reg.exists and reg.rows.empty and reg.masalah == ()


def test_each_bad_cell_is_named_with_file_row_column_and_value(tmp_path):
    rows = [
        GOOD,
        GOOD.replace("selesai,2024-07-30", "sudah,2024-07-30"),        # row 3: bad status
        GOOD.replace("2024-07-31", "31/07/2024"),                      # row 4: bad date
        GOOD.replace("LPKUPANG", "LPXYZ"),                              # row 5: unknown satker
        GOOD.replace("Kepala Seksi Registrasi", "Bapak Yohanes Bria S.H."),  # row 6: a person's name
        GOOD.replace("2024-Q2", "2024-Q7"),                             # row 7: bad period
        GOOD.replace("selesai,2024-07-30", "selesai,"),                 # row 8: done without a date
    ]
    reg = load_follow_up(_register(tmp_path, *rows), CODES)
    assert list(reg.rows["baris"]) == [2]  # only the good row is kept
    got = {(m.baris, m.kolom): m for m in reg.masalah if m.tingkat == "galat"}
    assert set(got) == {(3, "status"), (4, "target_tanggal"), (5, "kode_satker"), (6, "penanggung_jawab"),
                        (7, "periode_monev"), (8, "tanggal_selesai")}
    assert all(m.berkas == "tindak_lanjut.csv" for m in got.values())
    status = got[(3, "status")]
    assert status.nilai == '"sudah"' and "direncanakan, berjalan, selesai, batal" in status.pesan
    assert str(status) == ('[galat] tindak_lanjut.csv, baris 3, kolom "status": nilai "sudah" — status tidak dikenal; '
                           "pilih salah satu: direncanakan, berjalan, selesai, batal")
    assert "TTTT-BB-HH" in got[(4, "target_tanggal")].pesan and got[(4, "target_tanggal")].nilai == '"31/07/2024"'
    assert got[(5, "kode_satker")].pesan == "kode satker tidak ada di satker.csv"
    assert "nama orang" in got[(6, "penanggung_jawab")].pesan
    assert got[(8, "tanggal_selesai")].pesan == "wajib diisi"
    # a satker is named in lower case: still its code
    low = load_follow_up(_register(tmp_path, GOOD.replace("LPKUPANG", "lpkupang")), CODES)
    assert list(low.rows["kode_satker"]) == ["LPKUPANG"] and low.masalah == ()


def test_missing_column_is_one_problem_of_the_file(tmp_path):
    header = HEADER.replace(",status", "")
    reg = load_follow_up(_register(tmp_path, GOOD.replace(",selesai", ""), header=header), CODES)
    assert reg.rows.empty
    (m,) = reg.masalah
    assert (m.berkas, m.baris, m.kolom, m.tingkat, m.kode) == ("tindak_lanjut.csv", None, "status", "galat", "kolom_hilang")
    assert m.pesan.startswith("kolom wajib status tidak ada")


def test_position_not_a_person():
    assert position_problem("Kasubsi Registrasi") is None
    assert position_problem("Koordinator Tim Teknologi Informasi") is None
    assert "nama orang" in position_problem("Ibu Maria")
    assert "nama orang" in position_problem("Maria Goreti, S.Kom.")
    assert "kata jabatan" in position_problem("Maria Goreti")


def test_validasi_lists_the_register_problems(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    assert validate_folder(folder, now="2024-12-31") == []
    _register(folder, GOOD, GOOD.replace("selesai,2024-07-30", "sudah,2024-07-30"))
    problems = validate_folder(folder, now="2024-12-31")
    assert [(m.berkas, m.baris, m.kolom) for m in problems] == [("tindak_lanjut.csv", 3, "status")]


@pytest.mark.parametrize("text", ["2024-08-31", "2024-08-31 00:00:00"])
def test_xlsx_date_cells_are_dates(tmp_path, text):
    reg = load_follow_up(_register(tmp_path, GOOD.replace("2024-07-31", text)), CODES)
    assert reg.rows.iloc[0]["target_tanggal"] == date(2024, 8, 31)


def test_personal_data_in_register_text_is_masked(tmp_path):
    row = GOOD.replace("Antrean panjang", "Keluhan dari 0812-3456-7890 soal antrean")
    reg = load_follow_up(_register(tmp_path, row), CODES)
    assert reg.rows.iloc[0]["masalah"] == "Keluhan dari [data pribadi disamarkan] soal antrean"
    assert reg.rows.iloc[0]["bukti"] == "ND-1"
