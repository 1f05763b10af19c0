"""Hostile and messy input at the data layer (issue 11): safe satker codes, duplicates across
files, strict integers, control characters, and the generator's own large sets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from _perintah import spakanalysis_cmd

ROOT = Path(__file__).resolve().parent.parent
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
