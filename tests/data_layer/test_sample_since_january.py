"""The sample data reaches back to January 2024 without touching July–September."""

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "scripts" / "buat_data_contoh.py"
RAW = ROOT / "data" / "raw"


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))[1:]


def test_generator_writes_the_committed_files_and_keeps_july_to_september_apart(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(tmp_path), "--diam"], check=True)
    for name in ("respons_2024.csv", "respons_2024_jan-jun.csv"):
        assert (tmp_path / name).read_bytes() == (RAW / name).read_bytes(), name
    early, late = _rows(RAW / "respons_2024_jan-jun.csv"), _rows(RAW / "respons_2024.csv")
    assert (len(early), len(late)) == (22_638, 13_955)  # July–September holds 192 planted rows
    assert not {r[0] for r in early} & {r[0] for r in late}  # the two ID sequences never collide
    assert early[0][0] == "3AS-2024-A000001" and late[0][0] == "3AS-2024-000001"
    days = sorted(r[1][:10] for r in early)
    assert (days[0][:7], days[-1][:7]) == ("2024-01", "2024-06")
    assert min(r[1][:10] for r in late) >= "2024-07-01"


def test_skipping_january_to_june_writes_july_to_september_only(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(tmp_path), "--diam", "--tanpa-jan-jun"], check=True)
    assert not (tmp_path / "respons_2024_jan-jun.csv").exists()
    assert (tmp_path / "respons_2024.csv").read_bytes() == (RAW / "respons_2024.csv").read_bytes()
