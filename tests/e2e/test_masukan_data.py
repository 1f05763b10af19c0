"""Hostile and messy input at the data layer (issue 11): safe satker codes, duplicates across
files, strict integers, control characters, and the generator's own large sets."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from _perintah import spakanalysis_cmd

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "scripts" / "buat_data_contoh.py"


def run_cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([*spakanalysis_cmd(), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          timeout=600)


# ----------------------------------------------------------------- point 10: the generator's 60-satker set


def test_generated_60_satker_set_validates(tmp_path):
    """More satkers than an int8 categorical code times the months: the population check key overflowed."""
    out = tmp_path / "d60"
    gen = subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(out), "--satker", "60", "--diam"],
                         capture_output=True, text=True, timeout=600)
    assert gen.returncode == 0, gen.stderr
    h = run_cli("validasi", "--data", out)
    assert "Traceback" not in h.stdout + h.stderr and "Kesalahan tak terduga" not in h.stdout + h.stderr, h.stderr
    assert h.returncode == 0, h.stdout + h.stderr
    assert "bersih" in h.stdout


# ----------------------------------------------------------------- point 3: strict integers

from spakanalysis.data.schemas import classify_scale, parse_whole  # noqa: E402


@pytest.mark.parametrize("text, value", [("48", 48), (" 48 ", 48), ("1.000", 1000), ("12.500", 12500),
                                         ("1.234.567", 1234567), ("0", 0)])
def test_parse_whole_accepts_plain_and_indonesian_thousands(text, value):
    assert parse_whole(text) == value


@pytest.mark.parametrize("text", ["1,5", "1.5", "1.00", "12.50", "1.0000", "1e3", "-5", "+5", "48,0", "1.000,5",
                                  "1 000", ".500", "1.", "", "enam puluh", "٤٨"])
def test_parse_whole_refuses_fractional_or_ambiguous(text):
    assert parse_whole(text) is None


def test_scale_answers_are_strict_integers():
    """``1.000`` is a thousand (out of scale), not 1; ``3,0`` is no longer read as 3."""
    value, kind = classify_scale(["3", "1.000", "3,0", "4.0"], 1, 4)
    assert value[0] == 3.0 and kind.tolist() == [1, 3, 3, 3]


def test_thousands_point_in_registry_is_read_as_thousands(tmp_path):
    from test_trust import TANGGAL_DATA, compose

    from spakanalysis import load_dataset

    ds = load_dataset(compose("populasi_ribuan", tmp_path / "d"), now=TANGGAL_DATA)
    n = ds.satker.set_index("kode_satker")["jumlah_pengguna_layanan"]
    assert n["KIMKUPANG"] == 1300 and n["LPKUPANG"] == 48
    assert not [m for m in ds.masalah if m.tingkat != "catatan"]


def test_xlsx_integral_float_population_is_fine(tmp_path):
    import openpyxl
    from test_trust import DASAR, TANGGAL_DATA, compose

    from spakanalysis import load_dataset

    data = compose("_dasar", tmp_path / "d")
    rows = list(csv.reader((DASAR / "satker.csv").open(encoding="utf-8")))
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append([float(v) if i == 5 and v.isdigit() else v for i, v in enumerate(r)])
    wb.save(data / "satker.xlsx")
    (data / "satker.csv").unlink()
    ds = load_dataset(data, now=TANGGAL_DATA)
    assert ds.satker["jumlah_pengguna_layanan"].tolist() == [120, 48, 300, 90, 60, 75]
    assert not [m for m in ds.masalah if m.tingkat != "catatan"]


# ----------------------------------------------------------------- point 1: safe satker codes

from spakanalysis.data.schemas import is_safe_satker_code  # noqa: E402


@pytest.mark.parametrize("code", ["KWNTT", "LPKUPANG", "LP0022", "KIM0037", "RB_01", "lp-kpg", "A" * 32])
def test_safe_codes(code):
    assert is_safe_satker_code(code)


@pytest.mark.parametrize("code", ["./../../x", "LP/KPG", "..", ".", "a b", "", "LP\\KPG", "_LP", "-x", "A" * 33,
                                  "LP\x00", "LPÄ", "KW.NTT"])
def test_unsafe_codes(code):
    assert not is_safe_satker_code(code)


def test_validasi_names_every_unsafe_code_and_drops_it(tmp_path):
    from test_trust import TANGGAL_DATA, compose

    from spakanalysis import load_dataset

    data = compose("kode_satker_tidak_aman", tmp_path / "d")
    h = run_cli("validasi", "--data", data)
    assert h.returncode == 1 and "Traceback" not in h.stdout + h.stderr
    for row, code in zip(range(8, 12), ("./../../x", "LP/KPG", "..", "a b")):
        assert f'[galat] satker.csv, baris {row}, kolom "kode_satker": nilai "{code}"' in h.stdout, h.stdout
    ds = load_dataset(data, now=TANGGAL_DATA)
    assert ds.satker["kode_satker"].tolist() == ["KWNTT", "LPKUPANG", "KIMKUPANG", "RTKUPANG", "BPKUPANG", "LPPKUPANG"]
    assert ds.galat_untuk("KIMKUPANG") == []
    bad = ds.respons[ds.respons["kode_satker"] == "LP/KPG"]
    assert bad["dikecualikan"].tolist() == ["satker tidak dikenal"]


# ----------------------------------------------------------------- point 2: duplicates across files


def test_overlapping_export_without_id_counts_once(tmp_path):
    from test_trust import TANGGAL_DATA, compose

    from spakanalysis import load_dataset

    base = load_dataset(compose("_dasar", tmp_path / "a"), now=TANGGAL_DATA)
    data = compose("kiriman_ganda_antar_berkas", tmp_path / "b")
    ds = load_dataset(data, now=TANGGAL_DATA)
    extra = ds.respons[ds.respons["_berkas"] == "respons_2024_agustus.csv"]
    assert len(extra) == 36 and (extra["dikecualikan"] == "kiriman ganda").all()
    kept = ds.respons[ds.respons["dikecualikan"].isna()]
    assert len(kept) == 108 == base.respons["dikecualikan"].isna().sum()
    h = run_cli("validasi", "--data", data)
    dup = [ln for ln in h.stdout.splitlines() if ln.startswith("[peringatan] respons_2024_agustus.csv") and "kiriman ganda" in ln]
    assert len(dup) == 36 and "di respons_2024.csv" in dup[0], h.stdout
    assert "[peringatan] respons_2024_agustus.csv — 36 baris di berkas ini adalah kiriman yang sudah ada di respons_2024.csv" in h.stdout


# ----------------------------------------------------------------- point 4: control characters


def test_control_characters_are_stripped_and_counted(tmp_path):
    from test_trust import TANGGAL_DATA, compose

    from spakanalysis import load_dataset

    data = compose("karakter_kendali", tmp_path / "d")
    ds = load_dataset(data, now=TANGGAL_DATA)
    r = ds.respons
    row22 = r.loc[(r["_berkas"] == "respons_2024.csv") & (r["_baris"] == 22)].iloc[0]
    row39 = r.loc[(r["_berkas"] == "respons_2024.csv") & (r["_baris"] == 39)].iloc[0]
    assert row22["saran"] == "Antrean lama[31m sekali"  # the ESC is gone; what it introduced stays as text
    assert row39["jenis_layanan"] == "Paspor"  # same service as the other Paspor rows, not a new one
    assert sorted(r.loc[r["kode_satker"] == "KIMKUPANG", "jenis_layanan"].unique()) == ["Paspor"]
    nama = ds.satker.set_index("kode_satker").loc["BPKUPANG", "nama_satker"]
    assert nama == "Bapas Kelas II Kupang"
    kendali = [m for m in ds.masalah if m.kode == "karakter_kendali"]
    assert sorted((m.berkas, m.baris, m.kolom) for m in kendali) == [
        ("respons_2024.csv", 22, "saran"), ("respons_2024.csv", 39, "jenis_layanan"), ("satker.csv", 6, "nama_satker"),
    ]
    h = run_cli("validasi", "--data", data)
    assert h.returncode == 1, h.stdout + h.stderr
    assert '[peringatan] respons_2024.csv, baris 22, kolom "saran" — karakter kendali' in h.stdout
    assert "0 galat, 3 peringatan" in h.stderr
    assert "\x00" not in h.stdout and "\x1b" not in h.stdout


def test_control_characters_in_many_cells_are_capped_but_counted():
    import pandas as pd

    from spakanalysis.data.readers import strip_control_characters

    f = pd.DataFrame({"saran": ["a\x00"] * 30 + ["ok"], "kode": ["X\u202e"] * 31, "_baris": range(2, 33), "_berkas": "r.csv"})
    found = strip_control_characters(f)
    assert found == {"saran": list(range(2, 32)), "kode": list(range(2, 33))}
    assert set(f["saran"]) == {"a", "ok"} and set(f["kode"]) == {"X"}
    assert strip_control_characters(f) == {}  # idempotent: nothing left to strip
