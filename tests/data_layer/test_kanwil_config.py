"""kanwil.toml (letterhead, signing official, letter numbers) and the registry's email_pimpinan column."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from spakanalysis.core.errors import DataError
from spakanalysis.data.dataset import load_dataset
from spakanalysis.data.emails import split_emails, valid_email
from spakanalysis.data.kanwil_config import kanwil_problems, letter_number, read_kanwil_config
from spakanalysis.data.validation import validate_folder

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw"
VALID = ROOT / "tests" / "data" / "valid_min"
NOW = dt.date(2024, 12, 31)

GOOD = """
nama_kanwil = "Kantor Wilayah Uji"
alamat = "Jl. Uji No. 1"
kota_surat = "Kupang"
telepon = "(0380) 1"
email = "uji@kemenkumham.example"
situs = "uji.example"
logo = "logo.svg"
jabatan_penandatangan = "Kepala Divisi"
nama_penandatangan = "Pejabat Uji"
pola_nomor = "W23.PP.04.03-{nomor:03d}"
perihal = "Hasil Monitoring {periode}"
"""


def folder_with(tmp_path: Path, text: str, *, logo: bool = True) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    (folder / "kanwil.toml").write_text(text, encoding="utf-8")
    if logo:
        (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    return folder


def by_key(folder: Path) -> dict[str, str]:
    return {m.kolom: m.pesan for m in kanwil_problems(folder)}


def test_sample_kanwil_toml_is_valid_and_fictional():
    cfg = read_kanwil_config(SAMPLE)
    assert cfg.kota_surat == "Kupang"
    assert cfg.logo == (SAMPLE / "logo_kanwil.svg").resolve() and cfg.logo.is_file()
    assert cfg.nama_penandatangan == "Nama Pejabat Fiktif, S.H., M.H."
    assert cfg.email.endswith("@kemenkumham.example")  # RFC 2606 reserved domain
    assert "CONTOH FIKTIF" in (SAMPLE / "kanwil.toml").read_text(encoding="utf-8")
    assert letter_number(cfg.pola_nomor, 7) == "W23.PP.04.03-007"
    assert letter_number(cfg.pola_nomor, 123) == "W23.PP.04.03-123"


def test_missing_file_is_fine(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    assert read_kanwil_config(folder) is None and kanwil_problems(folder) == []


def test_good_minimal_file_defaults(tmp_path):
    cfg = read_kanwil_config(folder_with(tmp_path, GOOD))
    assert cfg.nip_penandatangan is None and cfg.tembusan == () and cfg.pengirim_email is None


@pytest.mark.parametrize(("change", "key", "expected"), [
    (('kota_surat = "Kupang"', ""), "kota_surat", "kunci wajib diisi"),
    (('"W23.PP.04.03-{nomor:03d}"', '"W23/{urut}"'), "pola_nomor", "harus memuat {nomor}"),
    (('"W23.PP.04.03-{nomor:03d}"', '"W23-{nomor:xyz}"'), "pola_nomor", "format {nomor} tidak valid"),
    (('"W23.PP.04.03-{nomor:03d}"', '"W23-{nomor"'), "pola_nomor", "kurung kurawal"),
    (('"Hasil Monitoring {periode}"', '"Hasil {satker}"'), "perihal", "{periode}"),
    (('"uji@kemenkumham.example"', '"uji at kemenkumham"'), "email", "bukan alamat e-mail"),
    (('"logo.svg"', '"../luar.svg"'), "logo", "di dalam folder data"),
    (('"logo.svg"', '"logo.gif"'), "logo", ".png, .svg atau .jpg"),
    (('"logo.svg"', '"tidak_ada.png"'), "logo", "tidak ditemukan"),
    (('perihal =', 'tembusan = "Arsip"\nperihal ='), "tembusan", "daftar teks"),
    (('perihal =', 'jabatan = "x"\nperihal ='), "jabatan", "kunci tidak dikenal"),
])
def test_each_broken_key_is_named(tmp_path, change, key, expected):
    folder = folder_with(tmp_path, GOOD.replace(*change))
    problems = by_key(folder)
    assert list(problems) == [key]
    assert expected in problems[key]
    with pytest.raises(DataError) as err:
        read_kanwil_config(folder)
    assert "kanwil.toml" in str(err.value) and key in str(err.value)


def test_not_toml_and_validasi_reports_it(tmp_path):
    folder = folder_with(tmp_path, "nama_kanwil = \n")
    problems = [m for m in validate_folder(folder, now=NOW) if m.berkas == "kanwil.toml"]
    assert len(problems) == 1 and "bukan TOML yang sah" in problems[0].pesan and problems[0].tingkat == "galat"


def test_emails_strict():
    assert valid_email("kepala.lpkupang@kemenkumham.example")
    for bad in ("kepala@kemenkumham", "a b@x.example", "a..b@x.example", "Kepala <k@x.example>", "@x.example", "k@-x.example"):
        assert not valid_email(bad), bad
    assert split_emails(" a@x.example ;b@x.example, c@x.example ") == ["a@x.example", "b@x.example", "c@x.example"]
    assert split_emails("a@x.example; bukan-alamat") is None


def _set_registry(folder: Path, values: list[str]) -> None:
    path = folder / "satker.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows[0].append("email_pimpinan")
    for row, value in zip(rows[1:], values):
        row.append(value)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_registry_email_pimpinan_parsed_and_validated(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    _set_registry(folder, ["a@kemenkumham.example, b@kemenkumham.example", "", "c@kemenkumham.example"])
    ds = load_dataset(folder, now=NOW)
    assert ds.satker["email_pimpinan"].tolist()[0] == "a@kemenkumham.example; b@kemenkumham.example"
    assert ds.satker["email_pimpinan"].isna().tolist() == [False, True, False]

    shutil.rmtree(folder)
    shutil.copytree(VALID, folder)
    _set_registry(folder, ["a@kemenkumham.example", "kalapas(at)kemenkumham", ""])
    bad = [m for m in validate_folder(folder, now=NOW) if m.kode == "email_pimpinan_tidak_valid"]
    assert len(bad) == 1
    assert (bad[0].berkas, bad[0].baris, bad[0].kolom) == ("satker.csv", 3, "email_pimpinan")
    assert "alamat e-mail" in bad[0].pesan


def test_sample_registry_addresses_use_reserved_domain():
    ds = load_dataset(SAMPLE, now=dt.date(2024, 9, 18))
    emails = ds.satker.set_index("kode_satker")["email_pimpinan"]
    assert emails["LPKUPANG"] == "kepala.lpkupang@kemenkumham.example; tu.lpkupang@kemenkumham.example"
    assert emails["RTRUTENG"] == "kepala.rtruteng@kemenkumham.example"
    assert emails.isna().sum() == 1 and emails.isna()["RBKUPANG"]
    assert all(a.endswith("@kemenkumham.example") for v in emails.dropna() for a in v.split("; "))
