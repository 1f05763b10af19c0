"""CLI commands on the bundled sample data (the recap and report content: tests/report/)."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from spakanalysis.stats.recommendations import recommend

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "spakanalysis.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_sampel_prints_formula_and_43_for_48():
    r = cli("sampel", "--populasi", "48")
    assert r.returncode == 0
    assert "Krejcie & Morgan" in r.stdout and "3,841 × 48" in r.stdout
    assert r.stdout.strip().endswith("Jumlah responden minimum: 43")
    r = cli("sampel", "--populasi", "48", "--metode", "slovin")
    assert "48 / (1 + 48 × 0,05²)" in r.stdout and r.stdout.strip().endswith("43")


@pytest.mark.parametrize("args, needle", [
    (["--populasi", "0"], "0"),
    (["--populasi", "48", "--galat", "1.5"], "1.5"),
    (["--populasi", "48", "--metode", "acak"], "acak"),
])
def test_sampel_bad_input_is_a_message_not_a_traceback(args, needle):
    r = cli("sampel", *args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr + r.stdout
    assert needle in r.stderr


def test_sampel_table_for_every_satker():
    r = cli("sampel", "--data", str(RAW))
    assert r.returncode == 0
    lines = {line.split()[0]: line.split() for line in r.stdout.splitlines() if line[:1].isupper() and len(line.split()) > 3}
    assert lines["KWNTT"][-1] == "43"  # N = 48
    assert lines["RBKUPANG"][-1] == "18" and lines["RBKUPANG"][-2] == "slovin"  # N = 18 < 30


def test_validasi_sample_is_clean():
    r = cli("validasi", "--data", str(RAW))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "bersih" in r.stdout


def test_laporan_rejects_unknown_satker_before_running(tmp_path):
    r = cli("laporan", "--satker", "TIDAKADA", "--data", str(RAW), "--keluaran", str(tmp_path))
    assert r.returncode == 2
    assert 'Kode satker "TIDAKADA" tidak ada' in r.stderr
    assert "Traceback" not in r.stderr
    assert not any(tmp_path.rglob("*.html"))


def test_recommendations_on_track_month():
    prog = pd.DataFrame([{
        "instrumen": "SPKP", "bulan": "2024-09", "bulan_label": "September 2024", "mulai": date(2024, 9, 1),
        "akhir": date(2024, 9, 30), "minimum": 43, "respons_sah": 30, "kekurangan": 13, "laju_per_hari": 2.5,
        "target_harian": 2.0, "hari_sisa": 8, "status": "Sesuai target", "populasi": 48,
    }])
    out = recommend(prog, date(2024, 9, 18))
    assert out[0].startswith("SPKP September 2024: laju sudah sesuai target")
    assert not any("kode QR" in r for r in out)


def test_our_processes_skip_the_slow_optional_import_and_still_validate_notebooks():
    """CLI and batch workers keep jsonschema from importing rfc3987-syntax (1.3 s per process);
    nbformat still validates, and reports still render (the batch tests run in such processes)."""
    code = (
        "import sys\n"
        "from spakanalysis.pipeline.workers import skip_unused_slow_imports\n"
        "skip_unused_slow_imports()\n"
        "import nbformat, papermill, nbconvert\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1 + 1')])\n"
        "nbformat.validate(nb)\n"
        "bad = nbformat.from_dict({'cells': [{'cell_type': 'code', 'id': 'a1', 'metadata': {}, 'source': '',\n"
        "    'outputs': [], 'execution_count': 'satu'}], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5})\n"
        "try:\n"
        "    nbformat.validate(bad)\n"
        "except nbformat.ValidationError:\n"
        "    print('invalid rejected')\n"
        "print('rfc3987_syntax loaded:', sys.modules.get('rfc3987_syntax') is not None)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "invalid rejected" in proc.stdout
    assert "rfc3987_syntax loaded: False" in proc.stdout
