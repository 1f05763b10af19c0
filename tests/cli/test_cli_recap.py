"""CLI commands and the Kanwil recap on the bundled sample data."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from spakanalysis.data.dataset import load_dataset
from spakanalysis.report.recap import build_recap, kanwil_totals, recap_table, status_counts
from spakanalysis.report.satker_report import build_satker_report
from spakanalysis.stats.recommendations import recommend

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "spakanalysis.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def sample():
    return load_dataset(RAW)


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


def test_recap_orders_by_attainment_and_counts_statuses(sample):
    t = recap_table(sample.satker, sample.respons, "2024-Q3", date(2024, 9, 18))
    assert list(t["capaian_persen"]) == sorted(t["capaian_persen"])
    assert t.iloc[0]["kode_satker"] == "RBKUPANG"  # no responses at all
    assert t.loc[t["kode_satker"] == "KWNTT", "minimum"].item() == 43
    counts = status_counts(t)
    assert counts.sum() == len(sample.satker) == 21
    tot = kanwil_totals(t)
    assert tot["minimum"] == int(t["minimum"].sum())
    # attainment caps each satker at its minimum, so a surplus does not hide a shortfall
    capped = t["SPKP_sah"].clip(upper=t["minimum"]).sum()
    assert tot["SPKP_persen"] == pytest.approx(capped / t["minimum"].sum() * 100)


def test_recap_flags_satkers_whose_report_failed(sample):
    # the sample data is clean, so a failure passed in by the batch is a failed render, not bad data
    rk = build_recap(sample, "2024-Q3", tanggal_data="2024-09-18", satker_gagal={"LPENDE": "notebook gagal"})
    row = rk.tabel[rk.tabel["kode_satker"] == "LPENDE"].iloc[0]
    assert row["status"] == "Gagal dibuat" and rk.total["satker_data_bermasalah"] == 1
    assert rk.tabel.iloc[0]["kode_satker"] == "LPENDE"
    assert any("data bermasalah" in r for r in rk.rekomendasi)
    assert set(rk.indeks_kanwil) == {"IPKP", "IPAK"} and 1 <= rk.indeks_kanwil["IPAK"] <= 4


def test_satker_report_figures_agree_with_each_other(sample):
    lap = build_satker_report(sample, "KIMMAUMERE", "2024-Q3", tanggal_data="2024-09-18")
    s = lap.ringkasan()
    sep = [b for b in s["bulanan"] if b["instrumen"] == "SPKP" and b["bulan"] == "2024-09"][0]
    assert sep["minimum"] == 242  # N = 650, Krejcie & Morgan
    assert sep["kekurangan"] == sep["minimum"] - sep["respons_sah"]
    assert sep["target_harian"] == -(-sep["kekurangan"] // sep["hari_sisa"])
    assert s["status"] == "Kritis"
    assert any(f"menjadi {sep['target_harian']} respons" in r for r in s["rekomendasi"])
    # the exclusion table accounts for every response row of the satker
    rows = (sample.respons["kode_satker"] == "KIMMAUMERE").sum()
    assert sum(x["SPKP"] for x in s["pengecualian"]) == rows


def test_report_for_satker_without_responses(sample):
    lap = build_satker_report(sample, "RBKUPANG", "2024-Q3", tanggal_data="2024-09-18")
    s = lap.ringkasan()
    assert s["instrumen"]["SPKP"]["respons_sah_periode"] == 0
    assert s["indeks"]["IPKP"]["n_respons"] == 0 and s["indeks"]["IPKP"]["nilai"] is None
    assert "Belum ada satu pun respons" in s["rekomendasi"][0]


def test_recommendations_on_track_month():
    prog = pd.DataFrame([{
        "instrumen": "SPKP", "bulan": "2024-09", "bulan_label": "September 2024", "mulai": date(2024, 9, 1),
        "akhir": date(2024, 9, 30), "minimum": 43, "respons_sah": 30, "kekurangan": 13, "laju_per_hari": 2.5,
        "target_harian": 2.0, "hari_sisa": 8, "status": "Sesuai target", "populasi": 48,
    }])
    out = recommend(prog, date(2024, 9, 18))
    assert out[0].startswith("SPKP September 2024: laju sudah sesuai target")
    assert not any("kode QR" in r for r in out)


def test_survey_results_breakdowns_agree(sample):
    lap = build_satker_report(sample, "RTBAA", "2024-Q3", tanggal_data="2024-09-18")
    ind = lap.indeks
    for ins in ("SPKP", "SPAK"):
        total = ind["hasil"][ins].n_respons
        assert ind["bulanan"][ins]["n"].sum() == total
        assert ind["layanan"][ins]["n"].sum() == total
        assert list(ind["bulanan"][ins]["bulan"]) == ["2024-07", "2024-08", "2024-09"]
        # no demographic group shown with fewer than 5 respondents
        for tab in ind["demografi"][ins].values():
            shown = [n for n in tab["n"] if not isinstance(n, str)]
            assert all(n >= 5 or n == 0 for n in shown)
    # the recap shows the same IPKP for this satker as its own report (1-4 scale)
    rk = build_recap(sample, "2024-Q3", tanggal_data="2024-09-18")
    row = rk.indeks_tabel.set_index("kode_satker").loc["RTBAA"]
    assert row["IPKP_nilai"] == pytest.approx(ind["hasil"]["SPKP"].nilai_skala4)
    assert row["IPKP_WBK"] == ind["kesiapan"]["SPKP"][0].status


def test_our_processes_skip_the_slow_optional_import_and_still_validate_notebooks():
    """CLI and batch workers keep jsonschema from importing rfc3987-syntax (1.3 s per process);
    nbformat still validates, and reports still render (the batch tests run in such processes)."""
    code = (
        "import sys\n"
        "from spakanalysis.pipeline.batch import skip_unused_slow_imports\n"
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
