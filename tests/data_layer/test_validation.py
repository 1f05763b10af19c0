"""Tests of reading and validating the raw data folder (readers, schemas, validation, dataset)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from spakanalysis.core.errors import DataError, Masalah
from spakanalysis.data.dataset import Dataset, SumberBerkas, load_dataset
from spakanalysis.data.readers import read_table
from spakanalysis.data.schemas import PERSONAL_COLUMNS
from spakanalysis.data.validation import validate_folder

VALID = Path(__file__).resolve().parents[1] / "data" / "valid_min"
NOW = dt.date(2024, 12, 31)
PERSONAL_VALUES = ("Maria Sesa", "081234567801", "maria@example.com", "Yohanes Bria", "agus@example.com")


# ----------------------------------------------------------------------------- helpers


def copy_valid(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    shutil.copytree(VALID, folder)
    return folder


def read_rows(path: Path, sep: str = ",") -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=sep))
    return rows[0], rows[1:]


def write_rows(
    path: Path, header: list[str], rows: list[list[str]], sep: str = ",", encoding: str = "utf-8"
) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def set_cell(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Set a cell by spreadsheet row number (header = 1) and column name."""
    header, rows = read_rows(folder / name)
    rows[row - 2][header.index(column)] = value
    write_rows(folder / name, header, rows)


def drop_column(folder: Path, name: str, column: str) -> None:
    header, rows = read_rows(folder / name)
    i = header.index(column)
    write_rows(folder / name, header[:i] + header[i + 1 :], [r[:i] + r[i + 1 :] for r in rows])


def add_rows(folder: Path, name: str, new_rows: list[list[str]]) -> None:
    header, rows = read_rows(folder / name)
    write_rows(folder / name, header, rows + new_rows)


def row_of(folder: Path, name: str, row: int) -> list[str]:
    return read_rows(folder / name)[1][row - 2]


def find(masalah: list[Masalah], kode: str) -> list[Masalah]:
    return [m for m in masalah if m.kode == kode]


def one(masalah: list[Masalah], kode: str) -> Masalah:
    found = find(masalah, kode)
    assert len(found) == 1, [str(m) for m in masalah]
    return found[0]


def serious(masalah: list[Masalah]) -> list[Masalah]:
    return [m for m in masalah if m.tingkat in ("galat", "peringatan")]


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# ----------------------------------------------------------------------------- valid fixture


def test_valid_fixture_has_no_problems():
    masalah = validate_folder(VALID, now=NOW)
    assert serious(masalah) == [], [str(m) for m in masalah]


def test_valid_fixture_dataset_shape():
    ds = load_dataset(VALID, now=NOW)
    assert isinstance(ds, Dataset)
    assert list(ds.satker.columns) == [
        "kode_satker",
        "nama_satker",
        "jenis_satker",
        "kanwil",
        "kota",
        "jumlah_pengguna_layanan",
        "periode_acuan",
        "zona_waktu",
        "hari_layanan",
        "email_pimpinan",
        "url_survei",
    ]
    assert ds.satker["kode_satker"].tolist() == ["KWNTT", "LPKUPANG", "KIMKUPANG"]
    assert str(ds.satker["jumlah_pengguna_layanan"].dtype) == "Int64"
    assert ds.satker["jumlah_pengguna_layanan"].tolist() == [120, 48, 300]
    assert ds.satker["zona_waktu"].tolist() == ["Asia/Makassar"] * 3  # blank → default
    assert pd.isna(ds.satker.loc[1, "hari_layanan"])

    r = ds.respons
    assert list(r.columns[:8]) == [
        "_berkas",
        "_baris",
        "id_respons",
        "waktu_isi",
        "tanggal_lokal",
        "kode_satker",
        "jenis_layanan",
        "jenis_responden",
    ]
    assert r.columns[-2:].tolist() == ["saran", "dikecualikan"]
    assert {"jenis_kelamin", "kelompok_usia", "pendidikan", "pekerjaan", "lengkap_spkp", "lengkap_spak"} <= set(r)
    assert len(r) == 8
    assert r["_baris"].tolist() == list(range(2, 10))
    assert (r["_berkas"] == "respons_2024.csv").all()
    assert str(r["waktu_isi"].dtype).startswith("datetime64") and str(r["waktu_isi"].dt.tz) == "UTC"
    for item in ds.items("SPKP") + ds.items("SPAK"):
        assert r[item].dtype == np.float64
    assert r["dikecualikan"].isna().all()
    assert r["jenis_responden"].tolist().count("internal") == 1
    assert r.loc[5, "jenis_responden"] == "eksternal"  # "Eksternal" lower-cased
    assert r["saran"].tolist()[1] == ""


def test_valid_fixture_times_and_dates():
    r = load_dataset(VALID, now=NOW).respons
    # +08:00 kept as the same instant
    assert r.loc[0, "waktu_isi"] == pd.Timestamp("2024-07-01 01:15:00", tz="UTC")
    # Z is UTC: 02:30Z is 10:30 WITA on the same day
    assert r.loc[2, "waktu_isi"] == pd.Timestamp("2024-07-02 02:30:00", tz="UTC")
    # no zone: local time of the satker (WITA)
    assert r.loc[3, "waktu_isi"] == pd.Timestamp("2024-07-03 00:45:00", tz="UTC")
    assert r.loc[3, "tanggal_lokal"] == dt.date(2024, 7, 3)
    assert isinstance(r.loc[0, "tanggal_lokal"], dt.date)


def test_valid_fixture_completeness_and_items():
    ds = load_dataset(VALID, now=NOW)
    r = ds.respons
    assert ds.items("SPKP") == [
        "spkp_prosedur",
        "spkp_persyaratan",
        "spkp_biaya",
        "spkp_waktu",
        "spkp_respon",
        "spkp_performa",
        "spkp_sarana",
        "spkp_pengaduan",
    ]
    assert ds.items("spak")[0] == "spak_diskriminasi"
    # "tidak menjawab" counts as complete, NaN value
    assert r.loc[1, "lengkap_spkp"] and np.isnan(r.loc[1, "spkp_pengaduan"])
    # TM as well
    assert r.loc[2, "lengkap_spak"] and np.isnan(r.loc[2, "spak_percaloan"])
    # blank cell → incomplete
    assert not r.loc[5, "lengkap_spkp"] and r.loc[5, "lengkap_spak"]
    # all "tidak menjawab" → no scale value → incomplete
    assert not r.loc[7, "lengkap_spak"] and r.loc[7, "lengkap_spkp"]
    assert r.loc[0, "spkp_biaya"] == 3.0


def test_instrumen_frame():
    ins = load_dataset(VALID, now=NOW).instrumen
    assert list(ins.columns) == [
        "instrumen",
        "kode_butir",
        "unsur",
        "pertanyaan",
        "skala_min",
        "skala_maks",
        "terbalik",
        "bobot",
    ]
    assert (ins["skala_min"] == 1).all() and (ins["skala_maks"] == 4).all()
    assert ins["terbalik"].dtype == bool and not ins["terbalik"].any()
    assert ins["bobot"].isna().all()


def test_sources_are_hashed():
    ds = load_dataset(VALID, now=NOW)
    names = {b.nama: b for b in ds.berkas}
    assert set(names) == {"satker.csv", "instrumen.csv", "respons_2024.csv"}
    assert isinstance(names["respons_2024.csv"], SumberBerkas)
    assert names["respons_2024.csv"].baris == 8
    assert names["satker.csv"].sha256 == hashlib.sha256((VALID / "satker.csv").read_bytes()).hexdigest()


# ----------------------------------------------------------------------------- privacy & read-only


def test_personal_columns_dropped(tmp_path):
    folder = copy_valid(tmp_path)
    # a bad value in a row that holds personal data, plus an alias column
    set_cell(folder, "respons_2024.csv", 2, "spkp_prosedur", "9")
    header, rows = read_rows(folder / "respons_2024.csv")
    write_rows(
        folder / "respons_2024.csv",
        header + ["No. KTP", "Nama Ibu Kandung"],
        [r + ["5301010101010001", "Pengunjung Rahasia"] for r in rows],
    )
    ds = load_dataset(folder, now=NOW)
    for col in ds.respons.columns:
        assert col not in PERSONAL_COLUMNS
        assert col not in ("No. KTP", "Nama Ibu Kandung", "no_ktp")
    flat = ds.respons.astype(str).to_numpy().ravel().tolist()
    for secret in (*PERSONAL_VALUES, "5301010101010001", "Pengunjung Rahasia"):
        assert secret not in flat
        assert all(secret not in str(m) for m in ds.masalah)
    # the heuristic drop is noted, the bad value reported
    assert one(list(ds.masalah), "kolom_pribadi_dibuang").kolom == "Nama Ibu Kandung"
    assert one(list(ds.masalah), "nilai_di_luar_skala").baris == 2


def test_raw_files_unchanged(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 3, "waktu_isi", "01/07/2024 10:00")
    before = hashes(folder)
    validate_folder(folder, now=NOW)
    load_dataset(folder, now=NOW)
    assert hashes(folder) == before  # same files, same bytes, nothing added


def test_raw_files_unchanged_when_unusable(tmp_path):
    folder = copy_valid(tmp_path)
    (folder / "satker.csv").write_text("")
    before = hashes(folder)
    with pytest.raises(DataError):
        load_dataset(folder, now=NOW)
    assert hashes(folder) == before


# ----------------------------------------------------------------------------- file-level problems


def test_latin1_file_is_a_problem_not_an_exception(tmp_path):
    folder = copy_valid(tmp_path)
    text = (folder / "respons_2024.csv").read_text(encoding="utf-8").replace("Maria Sesa", "José Sesa")
    (folder / "respons_2024.csv").write_bytes(text.encode("latin-1"))
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "bukan_utf8")
    assert m.tingkat == "galat" and m.berkas == "respons_2024.csv"
    assert "UTF-8" in m.pesan and "0xE9" in m.pesan
    assert m.baris == 2
    assert "José" not in str(m)
    with pytest.raises(DataError) as err:
        load_dataset(folder, now=NOW)
    assert any(x.kode == "bukan_utf8" for x in err.value.masalah)


def test_empty_registry(tmp_path):
    folder = copy_valid(tmp_path)
    (folder / "satker.csv").write_bytes(b"")
    m = one(validate_folder(folder, now=NOW), "berkas_kosong")
    assert m.berkas == "satker.csv" and m.tingkat == "galat"
    with pytest.raises(DataError):
        load_dataset(folder, now=NOW)


def test_header_only_response_file(tmp_path):
    folder = copy_valid(tmp_path)
    header, _ = read_rows(folder / "respons_2024.csv")
    write_rows(folder / "respons_2024.csv", header, [])
    m = one(validate_folder(folder, now=NOW), "hanya_header")
    assert m.berkas == "respons_2024.csv" and "header" in m.pesan


def test_truncated_last_line(tmp_path):
    folder = copy_valid(tmp_path)
    raw = (folder / "respons_2024.csv").read_bytes()
    (folder / "respons_2024.csv").write_bytes(raw[: raw.rindex(b"4,4,4,4,4,4,4")])
    m = one(validate_folder(folder, now=NOW), "berkas_terpotong")
    assert m.berkas == "respons_2024.csv" and m.baris == 9 and "terpotong" in m.pesan


def test_unterminated_quote(tmp_path):
    folder = copy_valid(tmp_path)
    with (folder / "respons_2024.csv").open("a", encoding="utf-8") as fh:
        fh.write("R0009,2024-08-08 09:00:00+08:00,LPKUPANG,Layanan Kunjungan,eksternal,,,,,")
        fh.write('4,4,4,4,4,4,4,4,4,4,4,4,4,"Saran ')
    m = one(validate_folder(folder, now=NOW), "berkas_terpotong")
    assert m.baris == 10 and "kutip" in m.pesan


def test_row_with_too_many_fields(tmp_path):
    folder = copy_valid(tmp_path)
    lines = (folder / "respons_2024.csv").read_text(encoding="utf-8").splitlines()
    lines[3] += ",extra"
    (folder / "respons_2024.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    m = one(validate_folder(folder, now=NOW), "jumlah_kolom_salah")
    assert m.baris == 4


@pytest.mark.parametrize("sep, name", [("\t", "tab"), ("|", "|")])
def test_wrong_delimiter(tmp_path, sep, name):
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "respons_2024.csv")
    write_rows(folder / "respons_2024.csv", header, rows, sep=sep)
    m = one(validate_folder(folder, now=NOW), "pemisah_salah")
    assert m.berkas == "respons_2024.csv" and name in m.pesan
    assert "koma" in m.pesan and "titik koma" in m.pesan


def test_missing_required_files(tmp_path):
    folder = copy_valid(tmp_path)
    (folder / "instrumen.csv").unlink()
    (folder / "respons_2024.csv").unlink()
    masalah = validate_folder(folder, now=NOW)
    missing = find(masalah, "berkas_tidak_ada")
    assert {m.berkas for m in missing} == {"instrumen.csv", "respons*.csv"}


def test_missing_folder(tmp_path):
    masalah = validate_folder(tmp_path / "tidak_ada", now=NOW)
    assert masalah[0].kode == "berkas_tidak_ada"


# ----------------------------------------------------------------------------- columns


def test_missing_required_columns_one_per_column(tmp_path):
    folder = copy_valid(tmp_path)
    drop_column(folder, "respons_2024.csv", "spkp_biaya")
    drop_column(folder, "respons_2024.csv", "jenis_layanan")
    masalah = validate_folder(folder, now=NOW)
    missing = find(masalah, "kolom_hilang")
    assert {m.kolom for m in missing} == {"spkp_biaya", "jenis_layanan"}
    for m in missing:
        assert m.berkas == "respons_2024.csv" and m.tingkat == "galat" and m.kolom in m.pesan
    # the file is still loaded; the missing item makes SPKP incomplete
    ds = load_dataset(folder, now=NOW)
    assert not ds.respons["lengkap_spkp"].any()
    assert ds.respons["lengkap_spak"].sum() == 7
    assert ds.galat_untuk("LPKUPANG")  # unattributed file-level galat in a file it needs


def test_missing_registry_column(tmp_path):
    folder = copy_valid(tmp_path)
    drop_column(folder, "satker.csv", "jumlah_pengguna_layanan")
    m = one(validate_folder(folder, now=NOW), "kolom_hilang")
    assert m.berkas == "satker.csv" and m.kolom == "jumlah_pengguna_layanan"


def test_unknown_column_is_a_note(tmp_path):
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "respons_2024.csv")
    write_rows(folder / "respons_2024.csv", header + ["Catatan Petugas"], [r + ["x"] for r in rows])
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "kolom_tidak_dikenal")
    assert m.tingkat == "catatan" and m.kolom == "Catatan Petugas" and m.berkas == "respons_2024.csv"
    assert serious(masalah) == []


def test_column_mapping_with_app_headers(tmp_path):
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "respons_2024.csv")
    app = {
        "id_respons": "ID Respons",
        "waktu_isi": "Waktu Pengisian",
        "kode_satker": "Kode Unit",
        "jenis_layanan": "Jenis Layanan",
        "jenis_responden": "Jenis Responden",
        "spkp_prosedur": "SPKP - Prosedur pelayanan mudah dipahami",
        "spak_pungli": "SPAK - Tidak ada pungutan liar",
        "nama": "Nama Lengkap",
        "no_hp": "Nomor HP/WA",
    }
    write_rows(folder / "respons_2024.csv", [app.get(h, h) for h in header], rows, sep=";")
    mapping = [[src, std] for std, src in app.items() if std not in ("jenis_layanan", "jenis_responden")]
    # case and outer spaces do not matter
    mapping[0][0] = "  id RESPONS "
    write_rows(folder / "pemetaan_kolom.csv", ["kolom_sumber", "kolom_baku"], mapping)
    masalah = validate_folder(folder, now=NOW)
    assert masalah == [], [str(m) for m in masalah]
    ds = load_dataset(folder, now=NOW)
    assert ds.respons["id_respons"].tolist()[0] == "R0001"
    assert ds.respons["spkp_prosedur"].tolist()[0] == 4.0
    assert "nama" not in ds.respons and "Nama Lengkap" not in ds.respons
    # messages name the column as in the file
    set_cell_sc(folder, 3, "SPAK - Tidak ada pungutan liar", "5")
    m = one(validate_folder(folder, now=NOW), "nilai_di_luar_skala")
    assert m.kolom == "SPAK - Tidak ada pungutan liar" and m.baris == 3


def set_cell_sc(folder: Path, row: int, column: str, value: str) -> None:
    header, rows = read_rows(folder / "respons_2024.csv", sep=";")
    rows[row - 2][header.index(column)] = value
    write_rows(folder / "respons_2024.csv", header, rows, sep=";")


def test_mapping_points_to_missing_column(tmp_path):
    folder = copy_valid(tmp_path)
    write_rows(folder / "pemetaan_kolom.csv", ["kolom_sumber", "kolom_baku"], [["SPKP - Biaya", "spkp_biaya"]])
    drop_column(folder, "respons_2024.csv", "spkp_biaya")
    m = one(validate_folder(folder, now=NOW), "kolom_hilang")
    assert "SPKP - Biaya" in m.pesan


def test_semicolon_bom_thousands_point(tmp_path):
    """Semicolons + BOM; an Indonesian thousands point in an integer column (decimals: see test_masukan_data)."""
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "respons_2024.csv")
    i = header.index("spkp_prosedur")
    rows[0][i] = "3"
    rows[1][i] = " 4 "
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    (folder / "respons_2024.csv").write_bytes(buf.getvalue().encode("utf-8-sig"))
    header, rows = read_rows(folder / "satker.csv")
    rows[1][header.index("jumlah_pengguna_layanan")] = "1.048"
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerows([header, *rows])
    (folder / "satker.csv").write_bytes(buf.getvalue().encode("utf-8-sig"))
    masalah = validate_folder(folder, now=NOW)
    assert serious(masalah) == [], [str(m) for m in masalah]
    ds = load_dataset(folder, now=NOW)
    assert ds.respons["spkp_prosedur"].tolist()[:2] == [3.0, 4.0]
    assert ds.satker["jumlah_pengguna_layanan"].tolist()[1] == 1048
    assert ds.respons.columns[0] == "_berkas"  # BOM not glued to a header
    assert ds.respons["id_respons"].tolist()[0] == "R0001"


def test_xlsx_with_title_row(tmp_path):
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "respons_2024.csv")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Rekap Survei SPKP/SPAK Kanwil NTT"])
    ws.append(["Diekspor 2024-09-01"])
    ws.append(header)
    for r in rows:
        values: list[object] = []
        for h, v in zip(header, r):
            if h.startswith(("spkp_", "spak_")) and v.isdigit():
                values.append(int(v))
            elif h == "waktu_isi" and v == "2024-07-03 08:45:00":
                values.append(dt.datetime(2024, 7, 3, 8, 45))  # a real Excel date cell
            else:
                values.append(v)
        ws.append(values)
    ws.cell(row=5, column=header.index("spkp_biaya") + 1, value=7)  # data row 2 of the sheet → row 5
    (folder / "respons_2024.csv").unlink()
    wb.save(folder / "respons_2024.xlsx")
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "nilai_di_luar_skala")
    assert (m.berkas, m.baris, m.kolom, m.nilai) == ("respons_2024.xlsx", 5, "spkp_biaya", '"7"')
    ds = load_dataset(folder, now=NOW)
    assert ds.respons["_baris"].tolist() == list(range(4, 12))
    assert ds.respons.loc[3, "waktu_isi"] == pd.Timestamp("2024-07-03 00:45:00", tz="UTC")
    assert ds.respons.loc[0, "spkp_prosedur"] == 4.0


def test_xlsx_registry(tmp_path):
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "satker.csv")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Daftar Satker"])
    ws.append(header)
    for r in rows:
        ws.append([int(v) if v.isdigit() else v for v in r])
    ws.cell(row=4, column=header.index("jumlah_pengguna_layanan") + 1, value=0)
    (folder / "satker.csv").unlink()
    wb.save(folder / "satker.xlsx")
    m = one(validate_folder(folder, now=NOW), "populasi_tidak_valid")
    assert (m.berkas, m.baris, m.kode_satker) == ("satker.xlsx", 4, "LPKUPANG")


def test_read_table_rows_and_strings(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a;b\n1;2,5\n\n;\n x ;\n", encoding="utf-8")
    frame = read_table(path)
    assert frame.columns.tolist() == ["a", "b", "_baris", "_berkas"]
    assert frame["_baris"].tolist() == [2, 5]
    assert frame["b"].tolist() == ["2,5", ""]
    assert frame["a"].tolist() == ["1", " x "]
    assert (frame["_berkas"] == "t.csv").all()


# ----------------------------------------------------------------------------- response values


def test_unreadable_time_dd_mm_yyyy(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 4, "waktu_isi", "02/07/2024 10:30")
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "waktu_tidak_terbaca")
    assert (m.tingkat, m.berkas, m.baris, m.kolom) == ("galat", "respons_2024.csv", 4, "waktu_isi")
    assert m.nilai == '"02/07/2024 10:30"'
    assert "DD/MM/YYYY" in m.pesan and "2024-07-01 09:15:00+08:00" in m.pesan
    assert m.kode_satker == "KIMKUPANG"
    r = load_dataset(folder, now=NOW).respons
    assert pd.isna(r.loc[2, "waktu_isi"]) and r.loc[2, "dikecualikan"] == "waktu tidak terbaca"
    assert r.loc[2, "tanggal_lokal"] is None


def test_unreadable_time_other_text(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 5, "waktu_isi", "kemarin sore")
    set_cell(folder, "respons_2024.csv", 6, "waktu_isi", "")
    masalah = find(validate_folder(folder, now=NOW), "waktu_tidak_terbaca")
    assert [m.baris for m in masalah] == [5, 6]
    assert "ISO 8601" in masalah[0].pesan and "kosong" in masalah[1].pesan


def test_future_time(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 9, "waktu_isi", "2025-01-01 00:00:01+08:00")
    m = one(validate_folder(folder, now=NOW), "waktu_masa_depan")
    assert (m.tingkat, m.baris, m.kolom, m.kode_satker) == ("peringatan", 9, "waktu_isi", "KIMKUPANG")
    r = load_dataset(folder, now=NOW).respons
    assert r.loc[7, "dikecualikan"] == "waktu di masa depan"
    # the end of the data date itself is not in the future
    set_cell(folder, "respons_2024.csv", 9, "waktu_isi", "2024-12-31 23:59:59+08:00")
    assert find(validate_folder(folder, now=NOW), "waktu_masa_depan") == []
    # now as a tz-aware timestamp
    later = find(validate_folder(folder, now=pd.Timestamp("2024-08-01", tz="UTC")), "waktu_masa_depan")
    assert [m.baris for m in later] == [7, 8, 9]


@pytest.mark.parametrize("value", ["7", "0", "3,5", "2.5", "empat", "-1"])
def test_scale_value_invalid(tmp_path, value):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 3, "spak_imbalan", value)
    m = one(validate_folder(folder, now=NOW), "nilai_di_luar_skala")
    assert (m.tingkat, m.berkas, m.baris, m.kolom, m.kode_satker) == (
        "galat",
        "respons_2024.csv",
        3,
        "spak_imbalan",
        "LPKUPANG",
    )
    assert m.nilai == f'"{value}"'
    assert m.pesan == 'diharapkan bilangan bulat 1–4 atau "tidak menjawab"'
    r = load_dataset(folder, now=NOW).respons
    assert np.isnan(r.loc[1, "spak_imbalan"]) and not r.loc[1, "lengkap_spak"]
    assert r.loc[1, "dikecualikan"] == "nilai tidak valid"


def test_scale_message_exact():
    folder_masalah = Masalah(
        berkas="respons_2024.csv",
        baris=3,
        kolom="spak_imbalan",
        nilai='"7"',
        pesan='diharapkan bilangan bulat 1–4 atau "tidak menjawab"',
    )
    assert 'nilai "7" — diharapkan bilangan bulat 1–4 atau "tidak menjawab"' in str(folder_masalah)


def test_scale_1_to_6(tmp_path):
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "instrumen.csv")
    for r in rows:
        if r[0] == "SPAK":
            r[header.index("skala_maks")] = "6"
    write_rows(folder / "instrumen.csv", header, rows)
    set_cell(folder, "respons_2024.csv", 3, "spak_imbalan", "6")
    set_cell(folder, "respons_2024.csv", 4, "spkp_biaya", "6")
    m = one(validate_folder(folder, now=NOW), "nilai_di_luar_skala")
    assert m.baris == 4 and m.kolom == "spkp_biaya"
    assert load_dataset(folder, now=NOW).respons.loc[1, "spak_imbalan"] == 6.0


def test_respondent_type_invalid(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 2, "jenis_responden", "pengunjung")
    m = one(validate_folder(folder, now=NOW), "jenis_responden_tidak_valid")
    assert (m.tingkat, m.baris, m.kolom) == ("galat", 2, "jenis_responden")
    assert "eksternal" in m.pesan and "internal" in m.pesan
    r = load_dataset(folder, now=NOW).respons
    assert pd.isna(r.loc[0, "jenis_responden"]) and r.loc[0, "dikecualikan"] == "nilai tidak valid"


def test_unknown_satker(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 6, "kode_satker", "LPATAMBUA")
    set_cell(folder, "respons_2024.csv", 3, "kode_satker", "lpkupang")  # case-insensitive match
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "satker_tidak_dikenal")
    assert (m.tingkat, m.berkas, m.baris, m.kolom, m.nilai) == (
        "galat",
        "respons_2024.csv",
        6,
        "kode_satker",
        '"LPATAMBUA"',
    )
    assert m.kode_satker == "LPATAMBUA"
    ds = load_dataset(folder, now=NOW)
    r = ds.respons
    assert r.loc[4, "dikecualikan"] == "satker tidak dikenal"
    assert r.loc[1, "kode_satker"] == "LPKUPANG"
    # attributed to the unknown code: registered satkers are not blocked
    assert ds.galat_untuk("KWNTT") == []


def test_duplicate_submission_by_id(tmp_path):
    folder = copy_valid(tmp_path)
    dup = row_of(folder, "respons_2024.csv", 3)
    dup[dup.__len__() - 1] = ""
    add_rows(folder, "respons_2024.csv", [dup])
    m = one(validate_folder(folder, now=NOW), "kiriman_ganda")
    assert (m.tingkat, m.baris, m.kolom, m.nilai) == ("peringatan", 10, "id_respons", '"R0002"')
    assert "baris 3" in m.pesan and m.kode_satker == "LPKUPANG"
    r = load_dataset(folder, now=NOW).respons
    assert r["dikecualikan"].tolist().count("kiriman ganda") == 1
    assert r.loc[8, "dikecualikan"] == "kiriman ganda" and pd.isna(r.loc[1, "dikecualikan"])


def test_duplicate_submission_without_id(tmp_path):
    folder = copy_valid(tmp_path)
    drop_column(folder, "respons_2024.csv", "id_respons")
    row = row_of(folder, "respons_2024.csv", 2)
    same_moment = list(row)
    same_moment[0] = "2024-07-01T01:15:00Z"  # same instant written in UTC
    other = list(row)
    other[9] = "3"  # a different answer: not a duplicate
    add_rows(folder, "respons_2024.csv", [row, same_moment, other])
    found = find(validate_folder(folder, now=NOW), "kiriman_ganda")
    assert [m.baris for m in found] == [10, 11]
    assert all("baris 2" in m.pesan for m in found)
    assert all(m.kolom is None for m in found)


def test_duplicate_across_files(tmp_path):
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "respons_2024.csv")
    write_rows(folder / "respons_2024b.csv", header, [rows[0]])
    m = one(validate_folder(folder, now=NOW), "kiriman_ganda")
    assert m.berkas == "respons_2024b.csv" and m.baris == 2 and "respons_2024.csv" in m.pesan


# ----------------------------------------------------------------------------- registry


def test_duplicate_satker_code(tmp_path):
    folder = copy_valid(tmp_path)
    add_rows(
        folder,
        "satker.csv",
        [["LPKUPANG", "Lapas Lain", "Lapas", "Kanwil Kemenkumham NTT", "Kupang", "10", "2024-Q1", "", ""]],
    )
    m = one(validate_folder(folder, now=NOW), "kode_satker_ganda")
    assert (m.tingkat, m.berkas, m.baris, m.kolom) == ("galat", "satker.csv", 5, "kode_satker")
    assert m.kode_satker == "LPKUPANG"
    assert "baris 3" in m.pesan
    ds = load_dataset(folder, now=NOW)
    assert ds.satker["kode_satker"].tolist() == ["KWNTT", "LPKUPANG", "KIMKUPANG"]
    assert ds.galat_untuk("LPKUPANG") == [m]


@pytest.mark.parametrize(
    "value", ["", "0", "-5", "+5", "4,5", "1,5", "1.5", "48,0", "1.00", "12.50", "1.0000", "1e3", "1 000", "banyak"]
)
def test_population_invalid(tmp_path, value):
    folder = copy_valid(tmp_path)
    set_cell(folder, "satker.csv", 3, "jumlah_pengguna_layanan", value)
    m = one(validate_folder(folder, now=NOW), "populasi_tidak_valid")
    assert (m.tingkat, m.berkas, m.baris, m.kolom, m.kode_satker) == (
        "galat",
        "satker.csv",
        3,
        "jumlah_pengguna_layanan",
        "LPKUPANG",
    )
    assert "bilangan bulat" in m.pesan
    ds = load_dataset(folder, now=NOW)
    assert pd.isna(ds.satker.loc[1, "jumlah_pengguna_layanan"])
    assert ds.galat_untuk("LPKUPANG") == [m]
    assert ds.galat_untuk("KWNTT") == []


def test_registry_other_fields(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "satker.csv", 2, "zona_waktu", "WITA")
    set_cell(folder, "satker.csv", 3, "hari_layanan", "setiap hari")
    set_cell(folder, "satker.csv", 4, "nama_satker", "")
    masalah = validate_folder(folder, now=NOW)
    assert one(masalah, "zona_waktu_tidak_valid").kode_satker == "KWNTT"
    assert one(masalah, "hari_layanan_tidak_valid").baris == 3
    assert one(masalah, "nilai_wajib_kosong").kolom == "nama_satker"


def test_time_zone_per_satker(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "satker.csv", 4, "zona_waktu", "Asia/Jakarta")
    r = load_dataset(folder, now=NOW).respons
    # naive 2024-07-03 08:45 at KIMKUPANG is now WIB (UTC+7)
    assert r.loc[3, "waktu_isi"] == pd.Timestamp("2024-07-03 01:45:00", tz="UTC")
    # 2024-07-02T02:30Z is 09:30 WIB: same date
    assert r.loc[2, "tanggal_lokal"] == dt.date(2024, 7, 2)


def test_local_date_crosses_midnight(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 2, "waktu_isi", "2024-06-30T17:30:00Z")  # 01:30 WITA on 1 July
    r = load_dataset(folder, now=NOW).respons
    assert r.loc[0, "tanggal_lokal"] == dt.date(2024, 7, 1)


def test_responses_exceed_population(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "satker.csv", 3, "jumlah_pengguna_layanan", "1")
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "respons_melebihi_populasi")
    assert (m.tingkat, m.kode_satker, m.berkas) == ("peringatan", "LPKUPANG", "respons_2024.csv")
    assert "2024-07" in m.pesan and "2 respons" in m.pesan


# ----------------------------------------------------------------------------- codebook


def test_codebook_scale_order(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "instrumen.csv", 4, "skala_min", "4")
    m = one(validate_folder(folder, now=NOW), "skala_tidak_valid")
    assert (m.tingkat, m.berkas, m.baris, m.kolom) == ("galat", "instrumen.csv", 4, "skala_maks")
    assert "skala_min" in m.pesan


def test_codebook_unknown_instrument_and_duplicate_item(tmp_path):
    folder = copy_valid(tmp_path)
    add_rows(
        folder,
        "instrumen.csv",
        [
            ["IKM", "ikm_u1", "Persyaratan", "?", "1", "4", "tidak", ""],
            ["SPKP", "spkp_biaya", "Biaya", "?", "1", "4", "tidak", ""],
        ],
    )
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "instrumen_tidak_dikenal")
    assert (m.berkas, m.baris, m.kolom, m.nilai) == ("instrumen.csv", 15, "instrumen", '"IKM"')
    d = one(masalah, "kode_butir_ganda")
    assert (d.baris, d.kolom) == (16, "kode_butir") and "baris 4" in d.pesan
    # codebook galat concerns every satker
    ds = load_dataset(folder, now=NOW)
    assert len(ds.galat_untuk("KWNTT")) == 2


def test_codebook_optional_skm(tmp_path):
    folder = copy_valid(tmp_path)
    add_rows(folder, "instrumen.csv", [["SKM", f"skm_u{i}", f"U{i}", "?", "1", "4", "", ""] for i in range(1, 10)])
    masalah = validate_folder(folder, now=NOW)
    assert serious(masalah) == [], [str(m) for m in masalah]
    r = load_dataset(folder, now=NOW).respons
    assert r["skm_u1"].isna().all() and not r["lengkap_skm"].any()


# ----------------------------------------------------------------------------- caps, order, attribution


def test_messages_capped_with_summary(tmp_path):
    folder = copy_valid(tmp_path)
    base = row_of(folder, "respons_2024.csv", 2)
    header, _ = read_rows(folder / "respons_2024.csv")
    i_id, i_item = header.index("id_respons"), header.index("spkp_sarana")
    rows = []
    for k in range(60):
        r = list(base)
        r[i_id] = f"X{k:03d}"
        r[i_item] = "8"
        rows.append(r)
    add_rows(folder, "respons_2024.csv", rows)
    masalah = find(validate_folder(folder, now=NOW), "nilai_di_luar_skala")
    assert len(masalah) == 51
    assert masalah[-1].pesan.startswith("... dan 10 baris lain") and masalah[-1].baris is None
    ds = load_dataset(folder, now=NOW)
    lp = [m for m in ds.galat_untuk("LPKUPANG") if m.kode == "nilai_di_luar_skala"]
    assert len(lp) == 51 and "10 baris lain" in lp[-1].pesan and lp[-1].kode_satker == "LPKUPANG"
    assert ds.galat_untuk("KWNTT") == []
    assert (ds.respons["dikecualikan"] == "nilai tidak valid").sum() == 60


def test_problems_sorted_by_file_and_row(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 7, "spkp_prosedur", "9")
    set_cell(folder, "respons_2024.csv", 3, "waktu_isi", "x")
    set_cell(folder, "satker.csv", 2, "jumlah_pengguna_layanan", "0")
    masalah = validate_folder(folder, now=NOW)
    keys = [(m.berkas, m.baris or 0) for m in masalah]
    assert keys == sorted(keys)
    assert [m.berkas for m in masalah] == ["respons_2024.csv", "respons_2024.csv", "satker.csv"]


def test_all_problems_reported_at_once(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 2, "spkp_prosedur", "9")
    set_cell(folder, "respons_2024.csv", 3, "waktu_isi", "31/07/2024")
    set_cell(folder, "respons_2024.csv", 4, "kode_satker", "ZZZ")
    set_cell(folder, "satker.csv", 2, "jumlah_pengguna_layanan", "-1")
    set_cell(folder, "instrumen.csv", 14, "instrumen", "XYZ")
    kode = {m.kode for m in validate_folder(folder, now=NOW)}
    assert {
        "nilai_di_luar_skala",
        "waktu_tidak_terbaca",
        "satker_tidak_dikenal",
        "populasi_tidak_valid",
        "instrumen_tidak_dikenal",
    } <= kode


def test_registry_unreadable_raises_with_all_problems(tmp_path):
    folder = copy_valid(tmp_path)
    (folder / "satker.csv").write_bytes(b"kode_satker\tnama\nA\tB\n")
    set_cell(folder, "respons_2024.csv", 2, "spkp_prosedur", "9")
    with pytest.raises(DataError) as err:
        load_dataset(folder, now=NOW)
    kode = {m.kode for m in err.value.masalah}
    assert {"pemisah_salah", "nilai_di_luar_skala"} <= kode
    assert "satker.csv" in str(err.value)


def test_codebook_weight_and_reverse_flag(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "instrumen.csv", 3, "bobot", "berat")
    set_cell(folder, "instrumen.csv", 5, "bobot", "-1")
    set_cell(folder, "instrumen.csv", 6, "terbalik", "mungkin")
    set_cell(folder, "instrumen.csv", 7, "terbalik", "ya")
    set_cell(folder, "instrumen.csv", 8, "bobot", "0,5")
    masalah = validate_folder(folder, now=NOW)
    assert [m.baris for m in find(masalah, "bobot_tidak_valid")] == [3, 5]
    assert one(masalah, "terbalik_tidak_valid").baris == 6
    ins = load_dataset(folder, now=NOW).instrumen.set_index("kode_butir")
    assert ins.loc["spkp_performa", "terbalik"] and ins.loc["spkp_sarana", "bobot"] == 0.5


def test_response_file_without_key_columns_is_skipped(tmp_path):
    folder = copy_valid(tmp_path)
    header, rows = read_rows(folder / "respons_2024.csv")
    i = header.index("kode_satker")
    write_rows(folder / "respons_lain.csv", header[:i] + header[i + 1 :], [r[:i] + r[i + 1 :] for r in rows])
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "kolom_hilang")
    assert (m.berkas, m.kolom) == ("respons_lain.csv", "kode_satker")
    ds = load_dataset(folder, now=NOW)
    assert set(ds.respons["_berkas"]) == {"respons_2024.csv"}
    # a response file that could not be used concerns every satker
    assert ds.galat_untuk("KWNTT") == [m]


def test_response_file_without_key_columns_only_file(tmp_path):
    folder = copy_valid(tmp_path)
    drop_column(folder, "respons_2024.csv", "waktu_isi")
    with pytest.raises(DataError) as err:
        load_dataset(folder, now=NOW)
    assert [m.kode for m in err.value.masalah] == ["kolom_hilang"]


def test_mapping_conflict(tmp_path):
    folder = copy_valid(tmp_path)
    write_rows(
        folder / "pemetaan_kolom.csv",
        ["kolom_sumber", "kolom_baku"],
        [["Kode Unit", "kode_satker"], ["kode unit ", "kanwil"], ["Lain", "tidak_ada"]],
    )
    masalah = validate_folder(folder, now=NOW)
    m = one(masalah, "pemetaan_ganda")
    assert (m.berkas, m.baris, m.kolom) == ("pemetaan_kolom.csv", 3, "kolom_baku") and "baris 2" in m.pesan
    u = one(masalah, "kolom_baku_tidak_dikenal")
    assert (u.tingkat, u.baris, u.nilai) == ("peringatan", 4, '"tidak_ada"')


def test_unsupported_format(tmp_path):
    folder = copy_valid(tmp_path)
    (folder / "respons_lama.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    m = one(validate_folder(folder, now=NOW), "format_tidak_didukung")
    assert m.berkas == "respons_lama.xls" and ".xlsx" in m.pesan


def test_blank_service_type_is_a_warning(tmp_path):
    folder = copy_valid(tmp_path)
    set_cell(folder, "respons_2024.csv", 4, "jenis_layanan", " ")
    m = one(validate_folder(folder, now=NOW), "jenis_layanan_kosong")
    assert (m.tingkat, m.baris, m.kolom) == ("peringatan", 4, "jenis_layanan")
    r = load_dataset(folder, now=NOW).respons
    assert pd.isna(r.loc[2, "jenis_layanan"]) and pd.isna(r.loc[2, "dikecualikan"])


def test_read_table_xlsx_keeps_sheet_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Judul laporan"])
    ws.append([])
    ws.append(["kode_satker", "nilai"])
    ws.append(["A", 1.0])
    ws.append([None, None])
    ws.append(["B", 2.5])
    wb.save(tmp_path / "t.xlsx")
    frame = read_table(tmp_path / "t.xlsx", header_hint=["kode_satker"])
    assert frame.columns.tolist() == ["kode_satker", "nilai", "_baris", "_berkas"]
    assert frame["_baris"].tolist() == [4, 6]
    assert frame["nilai"].tolist() == ["1", "2.5"]


def test_read_table_corrupt_xlsx(tmp_path):
    path = tmp_path / "respons.xlsx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(DataError) as err:
        read_table(path)
    assert err.value.masalah[0].kode == "berkas_tidak_terbaca"
