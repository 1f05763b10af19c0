"""Bring your own export: separate SPKP/SPAK files, pengaturan.toml, DD/MM/YYYY times, XLSX dates.

Each variant is built from a copy of the sample data (its July–September export) and must give
the same monthly counts of valid responses, per satker and instrument, as the clean export.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from spakanalysis.core.errors import DataError
from spakanalysis.data.dataset import load_dataset
from spakanalysis.data.problems import ProblemLog
from spakanalysis.data.settings_file import ResponseSettings, read_settings
from spakanalysis.data.validation import validate_folder
from spakanalysis.stats.progress import valid_mask

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw"
EXPORT = "respons_2024.csv"
NOW = dt.date(2024, 9, 30)
DMY = "%d/%m/%Y %H:%M:%S"


def _copy(tmp_path: Path, name: str) -> Path:
    """The sample folder without its exports (the registry, codebook, mapping and settings files)."""
    folder = tmp_path / name
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("respons*", "README.md"))
    return folder


def _rows(limit: int | None = None) -> tuple[list[str], list[list[str]]]:
    with (SAMPLE / EXPORT).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    return rows[0], rows[1 : None if limit is None else limit + 1]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)


def _monthly(folder: Path) -> dict[str, dict]:
    """Valid responses per (satker, month), per instrument; and the number of rows and of feedback texts."""
    data = load_dataset(folder, now=NOW)
    r = data.respons
    out: dict[str, dict] = {}
    for instrument in ("SPKP", "SPAK"):
        mask = valid_mask(r, instrument)
        month = pd.to_datetime(r.loc[mask, "tanggal_lokal"]).dt.strftime("%Y-%m")
        out[instrument] = r.loc[mask].groupby([r.loc[mask, "kode_satker"], month]).size().to_dict()
    out["saran"] = sorted(s for s in r["saran"] if s.strip())
    out["baris"] = len(r)
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, dict]:
    folder = _copy(tmp_path_factory.mktemp("bersih"), "raw")
    shutil.copy(SAMPLE / EXPORT, folder / EXPORT)
    return _monthly(folder)


def _split_columns(header: list[str]) -> tuple[list[int], list[int], list[int]]:
    spkp = [i for i, h in enumerate(header) if h.startswith("SPKP - ")]
    spak = [i for i, h in enumerate(header) if h.startswith("SPAK - ")]
    common = [i for i in range(len(header)) if i not in spkp and i not in spak]
    return common, spkp, spak


def _split(tmp_path: Path, *, only_spak_saran: bool = False) -> Path:
    folder = _copy(tmp_path, "pisah")
    header, rows = _rows()
    common, spkp, spak = _split_columns(header)
    saran = header.index("Saran dan Masukan")
    spkp_cols = [i for i in common if not (only_spak_saran and i == saran)] + spkp
    spak_cols = common + spak
    _write(folder / "respons_spkp.csv", [header[i] for i in spkp_cols], [[r[i] for i in spkp_cols] for r in rows])
    _write(folder / "respons_spak.csv", [header[i] for i in spak_cols], [[r[i] for i in spak_cols] for r in rows])
    return folder


def test_split_exports_give_the_same_monthly_counts(tmp_path, clean):
    """(a) SPKP-only and SPAK-only exports with the same submission ids: same counts, one row per
    submission, each feedback text once."""
    got = _monthly(_split(tmp_path))
    assert got["SPKP"] == clean["SPKP"] and got["SPAK"] == clean["SPAK"]
    assert got["baris"] == clean["baris"] == 13955
    assert got["saran"] == clean["saran"]
    assert sum(clean["SPKP"].values()) > 10_000  # the comparison is not vacuous


def test_split_exports_without_shared_ids_count_each_instrument_from_its_own_file(tmp_path, clean):
    """Different ids per file (no join): each instrument still counts the rows that carry it."""
    folder = _split(tmp_path, only_spak_saran=True)
    spkp = folder / "respons_spkp.csv"
    text = spkp.read_text(encoding="utf-8").replace("3AS-2024-", "SPKP-2024-")
    spkp.write_text(text, encoding="utf-8")
    got = _monthly(folder)
    assert got["SPKP"] == clean["SPKP"] and got["SPAK"] == clean["SPAK"]
    assert got["baris"] == 2 * clean["baris"]  # a respondent of one survey is a row of its own
    assert got["saran"] == clean["saran"]  # the SPKP file has no feedback column here


def test_a_file_with_part_of_an_instrument_names_the_missing_items(tmp_path):
    folder = _split(tmp_path)
    header, rows = _rows(50)
    _common, _spkp, spak = _split_columns(header)
    keep = [i for i in range(len(header)) if i != spak[-1]]
    (folder / "respons_spak.csv").unlink()
    _write(folder / "respons_spak.csv", [header[i] for i in keep], [[r[i] for i in keep] for r in rows])
    problems = validate_folder(folder, now=NOW)
    missing = [m for m in problems if m.kode == "kolom_hilang"]
    assert [(m.berkas, m.kolom) for m in missing] == [("respons_spak.csv", "spak_percaloan")]
    assert "menurut pemetaan_kolom.csv" in missing[0].pesan


def test_a_folder_without_any_spak_export_says_so(tmp_path):
    folder = _split(tmp_path)
    (folder / "respons_spak.csv").unlink()
    problems = validate_folder(folder, now=NOW)
    found = [m for m in problems if m.kode == "instrumen_tanpa_berkas"]
    assert len(found) == 1 and found[0].tingkat == "galat"
    assert found[0].pesan.startswith("tidak ada berkas respons yang memuat butir SPAK")


# ----------------------------------------------------------------------------- DD/MM/YYYY and pengaturan.toml


def _dmy(tmp_path: Path, settings: str | None) -> Path:
    folder = _copy(tmp_path, "dmy")
    header, rows = _rows()
    col = header.index("Waktu Pengisian")
    for r in rows:
        local = dt.datetime.fromisoformat(r[col]).astimezone(dt.timezone(dt.timedelta(hours=8)))
        r[col] = local.strftime(DMY)
    _write(folder / EXPORT, header, rows)
    if settings is not None:
        (folder / "pengaturan.toml").write_text(settings, encoding="utf-8")
    return folder


def test_ddmmyyyy_with_the_declared_format_gives_the_same_monthly_counts(tmp_path, clean):
    """(b) DD/MM/YYYY times without offset, read with format_waktu in the export's zone."""
    settings = f'[respons]\nformat_waktu = "{DMY}"\nzona_waktu = "Asia/Makassar"\n'
    got = _monthly(_dmy(tmp_path, settings))
    assert got["SPKP"] == clean["SPKP"] and got["SPAK"] == clean["SPAK"]


def test_ddmmyyyy_without_the_format_is_an_error_naming_the_fix(tmp_path):
    problems = validate_folder(_dmy(tmp_path, None), now=NOW)
    times = [m for m in problems if m.kode == "waktu_tidak_terbaca"]
    assert times and times[0].kolom == "Waktu Pengisian" and times[0].baris == 2
    assert "DD/MM/YYYY ditolak" in times[0].pesan
    assert '[respons] format_waktu = "%d/%m/%Y %H:%M:%S"' in times[0].pesan


def test_a_time_not_in_the_declared_format_names_it(tmp_path):
    folder = _dmy(tmp_path, f'[respons]\nformat_waktu = "{DMY}"\n')
    text = (folder / EXPORT).read_text(encoding="utf-8").replace("01/07/2024 00:05:40", "1 Juli 2024", 1)
    (folder / EXPORT).write_text(text, encoding="utf-8")
    problems = validate_folder(folder, now=NOW)
    bad = [m for m in problems if m.kode == "waktu_tidak_terbaca"]
    assert len(bad) == 1 and bad[0].baris == 2 and bad[0].nilai == '"1 Juli 2024"'
    assert 'tidak sesuai format_waktu "%d/%m/%Y %H:%M:%S" di pengaturan.toml' in bad[0].pesan


def test_zona_waktu_reads_naive_times_in_the_exports_zone():
    """An export written in WIB (the application's server): 23:30 WIB on 31 July is 00:30 WITA on 1 August."""
    import numpy as np

    from spakanalysis.data.times import local_dates, parse_times

    text = np.asarray(["31/07/2024 23:30:00"], dtype=object)
    zones = pd.Index(["Asia/Makassar"])
    waktu = parse_times(text, np.zeros(1, dtype=np.int64), zones, fmt=DMY, naive_zone="Asia/Jakarta")
    assert waktu[0] == pd.Timestamp("2024-07-31 16:30:00", tz="UTC")
    assert local_dates(waktu, np.zeros(1, dtype=np.int64), zones)[1][0] == "2024-08"
    same = parse_times(text, np.zeros(1, dtype=np.int64), zones, fmt=DMY)  # default: the satker's zone
    assert same[0] == pd.Timestamp("2024-07-31 15:30:00", tz="UTC")


@pytest.mark.parametrize(
    ("toml", "key", "fragment"),
    [
        ('[respons]\nformat_waktu = "%H:%M"\n', "respons.format_waktu", "hari (%d), bulan (%m) dan tahun (%Y)"),
        ('[respons]\nzona_waktu = "WITA"\n', "respons.zona_waktu", "nama zona waktu IANA"),
        ('[respons]\nberkas = "../lain/*.csv"\n', "respons.berkas", "di dalam folder data"),
        ('[respons]\nlembar = 3\n', "respons.lembar", "harus teks"),
        ('[respons]\nformat = "%d/%m/%Y"\n', "respons.format", "kunci tidak dikenal; yang dikenal: berkas"),
        ('[ekspor]\nberkas = "x*"\n', "ekspor", "tabel tidak dikenal"),
        ("[respons\n", None, "bukan TOML yang sah"),
    ],
)
def test_bad_settings_name_the_key(tmp_path, toml, key, fragment):
    (tmp_path / "pengaturan.toml").write_text(toml, encoding="utf-8")
    log = ProblemLog()
    assert read_settings(tmp_path, log) == ResponseSettings()
    (problem,) = log.masalah
    assert problem.berkas == "pengaturan.toml" and problem.kolom == key and problem.tingkat == "galat"
    assert fragment in problem.pesan


def test_bad_settings_stop_the_load(tmp_path):
    folder = _copy(tmp_path, "raw")
    shutil.copy(SAMPLE / EXPORT, folder / EXPORT)
    (folder / "pengaturan.toml").write_text('[respons]\nzona_waktu = "WITA"\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(folder, now=NOW)
    assert any(m.kolom == "respons.zona_waktu" for m in err.value.masalah)


def test_response_glob_from_settings(tmp_path, clean):
    folder = _copy(tmp_path, "glob")
    shutil.copy(SAMPLE / EXPORT, folder / "ekspor_3as_juli-september.csv")
    assert any(m.kode == "berkas_tidak_ada" for m in validate_folder(folder, now=NOW))
    (folder / "pengaturan.toml").write_text('[respons]\nberkas = "ekspor_3as_*"\n', encoding="utf-8")
    got = _monthly(folder)
    assert got["SPKP"] == clean["SPKP"]
    (folder / "pengaturan.toml").write_text('[respons]\nberkas = "unduhan*"\n', encoding="utf-8")
    missing = [m for m in validate_folder(folder, now=NOW) if m.kode == "berkas_tidak_ada"]
    assert missing[0].pesan == ('tidak ada berkas respons (.csv atau .xlsx) yang cocok dengan unduhan* '
                                '(pola "unduhan*" dari [respons] berkas di pengaturan.toml) di folder data')


# ----------------------------------------------------------------------------- XLSX: date cells, serial numbers, sheet

N_XLSX = 1500


def _xlsx(folder: Path, kind: str, sheet: str | None = None) -> None:
    header, rows = _rows(N_XLSX)
    col = header.index("Waktu Pengisian")
    wb = openpyxl.Workbook()
    ws = wb.active
    if sheet:
        wb.create_sheet("Petunjuk", 0).append(["Ekspor aplikasi survei"])
        ws.title = sheet
    ws.append(header)
    for r in rows:
        local = dt.datetime.fromisoformat(r[col]).astimezone(dt.timezone(dt.timedelta(hours=8))).replace(tzinfo=None)
        cells: list[object] = list(r)
        cells[col] = local if kind == "tanggal" else (local - dt.datetime(1899, 12, 30)).total_seconds() / 86400
        ws.append(cells)
    wb.save(folder / "respons_2024.xlsx")


@pytest.fixture(scope="module")
def clean_head(tmp_path_factory) -> dict[str, dict]:
    folder = _copy(tmp_path_factory.mktemp("kepala"), "raw")
    header, rows = _rows(N_XLSX)
    _write(folder / EXPORT, header, rows)
    return _monthly(folder)


@pytest.mark.parametrize("kind", ["tanggal", "serial"])
def test_xlsx_date_cells_and_excel_serial_numbers_are_dates(tmp_path, clean_head, kind):
    """(c) An XLSX export whose times are real date cells, or plain numbers (Excel serials)."""
    folder = _copy(tmp_path, kind)
    _xlsx(folder, kind)
    got = _monthly(folder)
    assert got["SPKP"] == clean_head["SPKP"] and got["SPAK"] == clean_head["SPAK"]
    assert not [m for m in load_dataset(folder, now=NOW).masalah if m.kode == "waktu_tidak_terbaca"]


def test_xlsx_sheet_from_settings(tmp_path, clean_head):
    folder = _copy(tmp_path, "lembar")
    _xlsx(folder, "tanggal", sheet="Respons")
    (folder / "pengaturan.toml").write_text('[respons]\nlembar = "Respons"\n', encoding="utf-8")
    assert _monthly(folder)["SPKP"] == clean_head["SPKP"]
    (folder / "pengaturan.toml").write_text('[respons]\nlembar = "Data"\n', encoding="utf-8")
    problems = [m for m in validate_folder(folder, now=NOW) if m.kode == "lembar_tidak_ada"]
    assert problems[0].berkas == "respons_2024.xlsx"
    assert problems[0].pesan == ('lembar "Data" (dari [respons] lembar di pengaturan.toml) tidak ada; '
                                 'lembar yang ada: "Petunjuk", "Respons"')


def test_excel_serial_numbers():
    import numpy as np

    from spakanalysis.data.times import excel_serial_times

    got = excel_serial_times(np.asarray(["45474.25", "45474", "12", "2024-07-01", ""], dtype=object))
    assert got[0] == pd.Timestamp("2024-07-01 06:00:00") and got[1] == pd.Timestamp("2024-07-01")
    assert got[2:].isna().all()
