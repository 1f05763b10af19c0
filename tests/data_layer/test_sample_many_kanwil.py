"""``scripts/buat_data_contoh.py --kanwil N``: a national sample set, several Kanwils in one registry."""

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "scripts" / "buat_data_contoh.py"
RAW = ROOT / "data" / "raw"


def _generate(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(out), "--diam", "--tanpa-jan-jun", *args],
                          capture_output=True, text=True)


def _registry(folder: Path) -> list[dict[str, str]]:
    with open(folder / "satker.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiga_kanwil")
    assert _generate(out, "--satker", "60", "--kanwil", "3").returncode == 0
    return out


def test_kanwil_one_is_the_committed_sample(tmp_path):
    assert _generate(tmp_path, "--kanwil", "1").returncode == 0
    for name in ("satker.csv", "respons_2024.csv"):
        assert (tmp_path / name).read_bytes() == (RAW / name).read_bytes(), name


def test_satkers_are_spread_over_the_kanwils_each_with_its_office(three):
    rows = _registry(three)
    assert Counter(r["kanwil"] for r in rows) == {"Kanwil Kemenkumham NTT": 20, "Kanwil Kemenkumham Aceh": 20,
                                                  "Kanwil Kemenkumham Sumatera Utara": 20}
    offices = [r for r in rows if r["jenis_satker"] == "Kanwil"]
    assert [(r["kode_satker"], r["nama_satker"], r["jumlah_pengguna_layanan"]) for r in offices] == [
        ("KWNTT", "Kantor Wilayah Kementerian Hukum dan HAM NTT", "48"),
        ("KWACEH", "Kantor Wilayah Kementerian Hukum dan HAM Aceh", "48"),
        ("KWSUMUT", "Kantor Wilayah Kementerian Hukum dan HAM Sumatera Utara", "48"),
    ]
    assert [rows.index(r) for r in offices] == [0, 20, 40]  # each Kanwil's block starts with its office
    assert len({r["kode_satker"] for r in rows}) == 60  # unique nationwide
    assert rows[21]["kode_satker"] == "RT0022" and rows[21]["kota"] == "Banda Aceh"
    assert {r["zona_waktu"] for r in rows[20:]} == {"Asia/Jakarta"}


def test_ntt_keeps_its_satkers_and_the_others_answer_in_their_own_time_zone(three):
    committed = (RAW / "satker.csv").read_text(encoding="utf-8").splitlines()
    assert (three / "satker.csv").read_text(encoding="utf-8").splitlines()[:21] == committed[:21]  # header + 20 NTT
    with open(three / "respons_2024.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))[1:]
    zone = {r["kode_satker"]: r["zona_waktu"] for r in _registry(three)}
    offsets = Counter((zone[r[2]], r[1][-6:]) for r in rows)
    assert set(offsets) == {("Asia/Makassar", "+08:00"), ("Asia/Jakarta", "+07:00")}
    assert {r[2] for r in rows} <= set(zone)  # every response belongs to a registry satker


@pytest.mark.parametrize(("args", "message"), [
    (("--kanwil", "0"), "--kanwil harus antara 1 dan 33"),
    (("--kanwil", "34"), "--kanwil harus antara 1 dan 33"),
    (("--satker", "2", "--kanwil", "3"), "--satker harus paling sedikit sama dengan --kanwil"),
])
def test_bad_kanwil_counts_are_refused(tmp_path, args, message):
    done = _generate(tmp_path, *args)
    assert done.returncode == 2 and message in done.stderr
    assert not (tmp_path / "satker.csv").exists()
