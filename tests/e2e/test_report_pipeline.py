"""End-to-end report pipeline on the hand-made data folder ``tests/data/mini``.

The notebook is executed with papermill (as the README documents), the CLI is run as
a subprocess, and every figure asserted below was computed BY HAND from the fixture
files (not by calling the package), as follows.

Fixture (``tests/data/mini``; period 2024-Q3 = July, August, September 2024)
---------------------------------------------------------------------------------
=========  ==========  ===  ==========================================================
kode       jenis        N   respons.csv rows
=========  ==========  ===  ==========================================================
KWNTT      Kanwil       26  July: 4 valid (MINI-0001..0004).
                            1-20 Aug: 17 external rows complete for SPKP
                            (MINI-0005..0021); MINI-0014 has an empty SPAK block
                            (SPAK incomplete) so 16 are complete for SPAK; MINI-0008
                            has one "tidak menjawab" cell (still complete).
                            Excluded: MINI-0022 internal (14 Aug); second MINI-0007
                            (15 Aug) = duplicate id_respons.
                            After the cut-off: MINI-0024 2024-08-31T23:50:00+08:00
                            (local date 31 Aug) and MINI-0025 2024-08-31T16:10:00Z
                            (= 1 Sep 00:10 WITA, local date 1 Sep).
LPKUPANG   Lapas        40  July: 3 valid; 1-20 Aug: 4 valid (MINI-0026..0032).
RBKUPANG   Rupbasan     18  no rows at all.
=========  ==========  ===  ==========================================================

Minimum per month (rule ntt-2024: Slovin e = 0.05 rounded UP when N < 30, else
Krejcie-Morgan chi2 = 3.841, P = 0.5, d = 0.05, rounded to NEAREST)
    KWNTT    N = 26 < 30  -> Slovin  26 / (1 + 26 x 0.0025) = 26 / 1.065 = 24.41 -> ceil = 25
             (rounding to nearest would give 24: this pins the Slovin rounding)
    LPKUPANG N = 40 >= 30 -> K&M     3.841 x 40 x 0.25 / (0.0025 x 39 + 3.841 x 0.25)
                                     = 38.41 / (0.0975 + 0.96025) = 38.41 / 1.05775
                                     = 36.31 -> nearest = 36 (Slovin would be 40/1.1 = 36.36 -> 37)
    RBKUPANG N = 18 < 30  -> Slovin  18 / 1.045 = 17.22 -> ceil = 18

Service days (holidays Jul-Sep 2024: Sun 7 Jul, Sat 17 Aug, Mon 16 Sep; 1 Aug 2024 is a
Thursday). Day mode from config: Kanwil and Rupbasan senin-jumat, Lapas senin-sabtu.
    senin-jumat  July 23 days; August 22 (17 Aug is a Saturday); September 21 - 1 (16 Sep) = 20.
                 1-20 Aug: 1,2 | 5-9 | 12-16 | 19,20 = 2+5+5+2 = 14 elapsed, 22-14 = 8 left.
    senin-sabtu  July 27 (31 - 4 Sundays); August 31 - 4 Sundays - 17 Aug = 26;
                 September 30 - 5 Sundays - 16 Sep = 24.
                 1-20 Aug: 20 - 3 Sundays (4, 11, 18) - 17 Aug = 16 elapsed, 26-16 = 10 left.

Tanggal data 2024-08-20: July is over, August running, September not started.
    rate = valid / elapsed days; projection = valid + rate x days left;
    daily target = ceil(shortfall / days left); status of a running month from
    projection/minimum (>= 1.0 Sesuai target, >= 0.75 Perlu percepatan, else Kritis).

    KWNTT SPKP  Jul 4/25 -> Tidak tercapai (rate 4/23 = 0.1739, no daily target: no days left)
                Aug 17/25 = 68 %, shortfall 8, rate 17/14 = 1.2143,
                    projection 17 + 1.2143 x 8 = 26.71 -> 26.71/25 = 1.07 -> Sesuai target,
                    daily target ceil(8/8) = 1
                Sep 0/25, 0 of 20 days elapsed -> Belum dimulai, daily target ceil(25/20) = 2
          SPAK  Jul 4/25 Tidak tercapai
                Aug 16/25 = 64 %, shortfall 9, rate 16/14 = 1.1429,
                    projection 16 + 1.1429 x 8 = 25.14 -> 1.006 -> Sesuai target,
                    daily target ceil(9/8) = 2
                Sep as SPKP
          period: SPKP 21 of 75 (28 %), SPAK 20 of 75 (26.67 %); satker status Sesuai target
          exclusions: duplicate 1/1, after cut-off 2/2 (MINI-0024, MINI-0025), internal 1/1,
                      SPAK incomplete 0/1, counted 21/20.
    LPKUPANG    Jul 3/36 = 8.33 %, rate 3/27 = 0.1111 -> Tidak tercapai
                Aug 4/36 = 11.11 %, rate 4/16 = 0.25, projection 4 + 0.25 x 10 = 6.5
                    -> 0.18 -> Kritis, daily target ceil(32/10) = 4
                Sep Belum dimulai, daily target ceil(36/24) = 2 ; status Kritis
    RBKUPANG    Jul 0/18 Tidak tercapai; Aug 0/18 -> projection 0 -> Kritis,
                daily target ceil(18/8) = 3; Sep ceil(18/20) = 1 ; status Kritis

Default tanggal data (CLI without --tanggal-data): the local date of the last usable
response. MINI-0025 (16:10Z on 31 Aug) is 1 Sep 00:10 WITA, so the default is 2024-09-01
(it would be 2024-08-31 if UTC dates were used).
    KWNTT SPKP  Aug 17 + MINI-0024 = 18 (23:50 WITA stays in August), 22/22 days -> Tidak tercapai
                Sep 1 (MINI-0025). 1 Sep 2024 is a Sunday: 0 of 20 senin-jumat days elapsed,
                so status Belum dimulai (no pace yet), daily target ceil(24/20) = 2.
          SPAK  Aug 16 + 1 = 17, Sep 1.
          exclusions: duplicate 1/1, internal 1/1, SPAK incomplete 0/1, counted 23/22.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from _perintah import spakanalysis_cmd

pytest.importorskip("papermill")
pypdf = pytest.importorskip("pypdf")

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = NOTEBOOKS / "laporan_satker.ipynb"
TANGGAL_DATA = "2024-08-20"

NAMA = {
    "KWNTT": "Kantor Wilayah Uji Mini NTT",
    "LPKUPANG": "Lapas Uji Mini Kupang",
    "RBKUPANG": "Rupbasan Uji Mini Kupang",
}

# Values of the respondent rows that must never reach a notebook or report: every
# id_respons and the personal columns (nama, no_hp) of respons.csv.
def _respondent_values() -> list[str]:
    import csv

    with open(MINI / "respons.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    vals = {r["id_respons"] for r in rows} | {r["nama"] for r in rows} | {r["no_hp"] for r in rows}
    return sorted(v for v in vals if v)


SECTIONS = (
    "Ringkasan",
    "Target dan realisasi",
    "Hasil survei",
    "Perkembangan respons",
    "Rencana target harian",
    "Umpan balik",
    "Tindak lanjut",
    "Rekomendasi",
    "Lampiran A",
    "Lampiran B",
    "Lampiran C",
    "Lampiran D",
)


def _m(bulan, minimum, sah, capaian, kurang, total, berjalan, sisa, laju, target, proyeksi, status):
    return {
        "bulan": bulan, "minimum": minimum, "respons_sah": sah, "capaian_persen": capaian, "kekurangan": kurang,
        "hari_total": total, "hari_berjalan": berjalan, "hari_sisa": sisa, "laju_per_hari": laju,
        "target_harian": target, "proyeksi": proyeksi, "status": status,
    }


# Hand-computed expectations at tanggal_data 2024-08-20 (see the module docstring).
HARAPAN = {
    "KWNTT": {
        "populasi": 26, "minimum_bulanan": 25, "metode": "Slovin", "mode_hari": "senin-jumat",
        "status": "Sesuai target",
        "bulanan": {
            "SPKP": [
                _m("2024-07", 25, 4, 16.0, 21, 23, 23, 0, 0.1739, None, 4.0, "Tidak tercapai"),
                _m("2024-08", 25, 17, 68.0, 8, 22, 14, 8, 1.2143, 1, 26.71, "Sesuai target"),
                _m("2024-09", 25, 0, 0.0, 25, 20, 0, 20, None, 2, None, "Belum dimulai"),
            ],
            "SPAK": [
                _m("2024-07", 25, 4, 16.0, 21, 23, 23, 0, 0.1739, None, 4.0, "Tidak tercapai"),
                _m("2024-08", 25, 16, 64.0, 9, 22, 14, 8, 1.1429, 2, 25.14, "Sesuai target"),
                _m("2024-09", 25, 0, 0.0, 25, 20, 0, 20, None, 2, None, "Belum dimulai"),
            ],
        },
        "instrumen": {
            "SPKP": {"minimum_periode": 75, "respons_sah_periode": 21, "capaian_persen_periode": 28.0,
                     "bulan_berjalan": "2024-08", "status_bulan_berjalan": "Sesuai target",
                     "target_harian_bulan_berjalan": 1},
            "SPAK": {"minimum_periode": 75, "respons_sah_periode": 20, "capaian_persen_periode": 26.67,
                     "bulan_berjalan": "2024-08", "status_bulan_berjalan": "Sesuai target",
                     "target_harian_bulan_berjalan": 2},
        },
        "pengecualian": {
            "Validasi: kiriman ganda": (1, 1),
            "Setelah tanggal data": (2, 2),
            "Responden internal (tidak dihitung)": (1, 1),
            "Isian SPAK tidak lengkap": (0, 1),
            "Dihitung (respons sah)": (21, 20),
        },
    },
    "LPKUPANG": {
        "populasi": 40, "minimum_bulanan": 36, "metode": "Krejcie & Morgan (1970)", "mode_hari": "senin-sabtu",
        "status": "Kritis",
        "bulanan": {
            ins: [
                _m("2024-07", 36, 3, 8.33, 33, 27, 27, 0, 0.1111, None, 3.0, "Tidak tercapai"),
                _m("2024-08", 36, 4, 11.11, 32, 26, 16, 10, 0.25, 4, 6.5, "Kritis"),
                _m("2024-09", 36, 0, 0.0, 36, 24, 0, 24, None, 2, None, "Belum dimulai"),
            ]
            for ins in ("SPKP", "SPAK")
        },
        "instrumen": {
            ins: {"minimum_periode": 108, "respons_sah_periode": 7, "capaian_persen_periode": 6.48,
                  "bulan_berjalan": "2024-08", "status_bulan_berjalan": "Kritis", "target_harian_bulan_berjalan": 4}
            for ins in ("SPKP", "SPAK")
        },
        "pengecualian": {"Dihitung (respons sah)": (7, 7)},
    },
    "RBKUPANG": {
        "populasi": 18, "minimum_bulanan": 18, "metode": "Slovin", "mode_hari": "senin-jumat",
        "status": "Kritis",
        "bulanan": {
            ins: [
                _m("2024-07", 18, 0, 0.0, 18, 23, 23, 0, 0.0, None, 0.0, "Tidak tercapai"),
                _m("2024-08", 18, 0, 0.0, 18, 22, 14, 8, 0.0, 3, 0.0, "Kritis"),
                _m("2024-09", 18, 0, 0.0, 18, 20, 0, 20, None, 1, None, "Belum dimulai"),
            ]
            for ins in ("SPKP", "SPAK")
        },
        "instrumen": {
            ins: {"minimum_periode": 54, "respons_sah_periode": 0, "capaian_persen_periode": 0.0,
                  "bulan_berjalan": "2024-08", "status_bulan_berjalan": "Kritis", "target_harian_bulan_berjalan": 3}
            for ins in ("SPKP", "SPAK")
        },
        "pengecualian": {"Dihitung (respons sah)": (0, 0)},  # no rows at all: the counted row still closes the table
    },
}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def env_modul(tmp_path_factory):
    """A private dataset cache for this module (kernels and CLI subprocesses inherit it)."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPAKANALYSIS_CACHE", str(cache))
        mp.delenv("SPAKANALYSIS_DEBUG", raising=False)
        yield dict(os.environ)


def _papermill(out: Path, **params):
    import papermill as pm

    return pm.execute_notebook(
        str(NOTEBOOK), str(out), parameters=params, progress_bar=False, log_output=False,
        cwd=str(NOTEBOOKS), kernel_name="python3",
    )


@pytest.fixture(scope="module")
def hasil_papermill(env_modul, tmp_path_factory):
    """Execute the report notebook once per satker at tanggal_data 2024-08-20 (shared by the tests)."""
    out = {}
    for kode in HARAPAN:
        folder = tmp_path_factory.mktemp(f"pm_{kode}")
        _papermill(folder / "out.ipynb", kode_satker=kode, folder_data=str(MINI), tanggal_data=TANGGAL_DATA,
                   berkas_ringkasan=str(folder / "ringkasan.json"))
        out[kode] = {
            "ringkasan": json.loads((folder / "ringkasan.json").read_text(encoding="utf-8")),
            "notebook": (folder / "out.ipynb").read_text(encoding="utf-8"),
        }
    return out


def _run_cli(args: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*spakanalysis_cmd(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def laporan_cli(env_modul, tmp_path_factory):
    """``spakanalysis laporan --satker KWNTT`` (HTML + PDF, default tanggal data) on the mini data."""
    work = tmp_path_factory.mktemp("cli")
    out = work / "reports"
    proc = _run_cli(["laporan", "--satker", "KWNTT", "--periode", "2024-Q3", "--data", str(MINI), "--keluaran", str(out)],
                    env_modul, work)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    return {"proc": proc, "keluaran": out, "folder": out / "2024-Q3" / "KWNTT"}


# --------------------------------------------------------------------------- minimums (cheap)


def test_minimum_hand_computed():
    from spakanalysis.stats.sample_size import minimum_respondents

    assert minimum_respondents(26, "ntt-2024") == 25  # Slovin 24.41 rounded up
    assert minimum_respondents(40, "ntt-2024") == 36  # K&M 36.31 rounded to nearest
    assert minimum_respondents(40, "slovin") == 37  # 36.36 rounded up: the rule matters at N = 40
    assert minimum_respondents(18, "ntt-2024") == 18  # Slovin 17.22 rounded up


# --------------------------------------------------------------------------- papermill


@pytest.mark.parametrize("kode", list(HARAPAN))
def test_papermill_ringkasan_hand_figures(hasil_papermill, kode):
    got = hasil_papermill[kode]["ringkasan"]
    exp = HARAPAN[kode]
    assert got["kode_satker"] == kode
    assert got["nama_satker"] == NAMA[kode]
    assert got["periode"] == "2024-Q3"
    assert (got["periode_mulai"], got["periode_akhir"]) == ("2024-07-01", "2024-09-30")
    assert got["tanggal_data"] == TANGGAL_DATA
    assert got["aturan"] == "ntt-2024" and got["galat"] == 0.05 and got["lantai"] is None
    for key in ("populasi", "minimum_bulanan", "metode", "mode_hari", "status"):
        assert got[key] == exp[key], key
    for ins in ("SPKP", "SPAK"):
        rows = [r for r in got["bulanan"] if r["instrumen"] == ins]
        assert [r["bulan"] for r in rows] == ["2024-07", "2024-08", "2024-09"]
        for row, want in zip(rows, exp["bulanan"][ins]):
            for key, val in want.items():
                if isinstance(val, float):
                    assert row[key] == pytest.approx(val, abs=0.006), (ins, row["bulan"], key)
                else:
                    assert row[key] == val, (ins, row["bulan"], key)
        inst = got["instrumen"][ins]
        for key, val in exp["instrumen"][ins].items():
            assert inst[key] == (pytest.approx(val, abs=0.006) if isinstance(val, float) else val), (ins, key)
    excl = {r["alasan"]: (r["SPKP"], r["SPAK"]) for r in got["pengecualian"]}
    assert excl == exp["pengecualian"]


def test_papermill_notebook_has_no_respondent_rows(hasil_papermill):
    for kode, res in hasil_papermill.items():
        leaked = [v for v in _respondent_values() if v in res["notebook"]]
        assert not leaked, f"{kode}: respondent values in the executed notebook: {leaked[:5]}"


def test_papermill_unknown_satker_parameter_error(env_modul, tmp_path):
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as info:
        _papermill(tmp_path / "out.ipynb", kode_satker="TIDAKADA", folder_data=str(MINI),
                   berkas_ringkasan=str(tmp_path / "ringkasan.json"))
    assert info.value.ename == "ParameterError"
    assert 'Kode satker "TIDAKADA" tidak ada di registri satker' in info.value.evalue
    assert "KWNTT" in info.value.evalue  # the known codes are listed
    assert not (tmp_path / "ringkasan.json").exists()


def test_reused_kernel_and_client_give_the_standalone_figures(hasil_papermill, tmp_path, monkeypatch):
    """One worker, one warm kernel and one open client for every satker (in order):
    each report equals the one papermill makes with a fresh kernel, so nothing
    leaks from one satker to the next and no stale message is read as output."""
    from spakanalysis.pipeline import batch, workers
    from spakanalysis.pipeline.runner import satker_output_dir

    used = []
    real = workers.run_satker_report

    def spy(*args, **kwargs):
        used.append((kwargs.get("kernel_manager"), kwargs.get("kernel_client")))
        return real(*args, **kwargs)

    monkeypatch.setattr(workers, "run_satker_report", spy)
    out = tmp_path / "reports"
    try:
        rc = batch.run_batch(data=MINI, keluaran=out, periode="2024-Q3", kode_satker=list(HARAPAN),
                             parameter={"tanggal_data": TANGGAL_DATA}, pekerja=1, pdf=False, rekap=False,
                             echo=lambda _s: None)
    finally:
        workers.discard_kernel()
    assert rc == 0
    assert len(used) == len(HARAPAN)
    kms, kcs = {id(km) for km, _ in used}, {id(kc) for _, kc in used}
    assert len(kms) == 1 and len(kcs) == 1 and all(km is not None and kc is not None for km, kc in used)
    for kode in HARAPAN:
        got = json.loads((satker_output_dir(out, "2024-Q3", kode) / "ringkasan.json").read_text(encoding="utf-8"))
        assert got == hasil_papermill[kode]["ringkasan"], kode


@pytest.mark.parametrize("pekerja", [1, 2])
def test_failed_recap_is_reported_and_the_reports_stay(env_modul, tmp_path, monkeypatch, pekerja):
    """The recap runs on a worker (pekerja=2: the pool; 1: in this process); when it fails the
    batch still publishes every satker report, names the failure and exits 1."""
    from spakanalysis.pipeline import batch, recap_outputs, workers

    monkeypatch.setattr(recap_outputs, "NOTEBOOK_REKAP", "tidak_ada.ipynb")  # forked workers inherit it
    lines: list[str] = []
    out = tmp_path / "reports"
    try:
        rc = batch.run_batch(data=MINI, keluaran=out, periode="2024-Q3", parameter={"tanggal_data": TANGGAL_DATA},
                             pekerja=pekerja, pdf=False, echo=lines.append)
    finally:
        workers.discard_kernel()
    assert rc == 1
    assert any(line.startswith("GAGAL rekap Kanwil: Notebook tidak_ada.ipynb tidak ditemukan") for line in lines), lines
    folder = out / "2024-Q3"
    assert all((folder / kode / "laporan.html").is_file() for kode in HARAPAN)
    assert not (folder / "rekap.html").exists() and not list(folder.glob(".rekap.*"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rekap"]["status"] == "gagal" and "tidak_ada.ipynb" in manifest["rekap"]["pesan"]
    assert {s["status"] for s in manifest["satker"]} == {"berhasil"}


def test_dead_worker_fails_its_satkers_and_the_recap_is_still_made(env_modul, tmp_path, monkeypatch):
    """A worker process that dies (OOM killer, segfault) breaks the pool: its satkers are named as
    failed, and the recap is made in the main process instead."""
    from spakanalysis.pipeline import batch, workers

    real = workers.run_satker_report

    def dies_on_rbkupang(kode, *args, **kwargs):
        if kode == "RBKUPANG":
            os._exit(9)
        return real(kode, *args, **kwargs)

    monkeypatch.setattr(workers, "run_satker_report", dies_on_rbkupang)  # forked workers inherit it
    lines: list[str] = []
    out = tmp_path / "reports"
    rc = batch.run_batch(data=MINI, keluaran=out, periode="2024-Q3", parameter={"tanggal_data": TANGGAL_DATA},
                         pekerja=2, pdf=False, echo=lines.append)
    assert rc == 1
    folder = out / "2024-Q3"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    status = {s["kode_satker"]: s for s in manifest["satker"]}
    assert status["RBKUPANG"]["status"] == "gagal" and "Proses pekerja gagal" in status["RBKUPANG"]["pesan"]
    assert manifest["rekap"]["status"] == "berhasil"
    assert (folder / "rekap.html").is_file() and (folder / "index.html").is_file()
    assert any(line.startswith("GAGAL RBKUPANG: Proses pekerja gagal") for line in lines), lines


# --------------------------------------------------------------------------- CLI


def test_cli_report_folder_files(laporan_cli):
    folder = laporan_cli["folder"]
    names = {p.name for p in folder.iterdir()}
    assert {"laporan.html", "laporan.pdf", "laporan.ipynb", "ringkasan.json", "laporan.xlsx",
            "usulan_tindak_lanjut.xlsx"} <= names
    assert all((folder / n).stat().st_size > 0 for n in names)
    # nothing half-written or failed next to it
    siblings = {p.name for p in folder.parent.iterdir()}
    assert "_gagal" not in siblings
    assert not [s for s in siblings if s.startswith(".")], siblings
    assert "1 dari 1 laporan satker berhasil" in laporan_cli["proc"].stdout


def test_cli_default_tanggal_data_uses_local_date(laporan_cli):
    """16:10Z on 31 Aug is 1 Sep 00:10 WITA: default cut-off 1 Sep, and the 23:50 WITA reply stays in August."""
    got = json.loads((laporan_cli["folder"] / "ringkasan.json").read_text(encoding="utf-8"))
    assert got["tanggal_data"] == "2024-09-01"
    by = {(r["instrumen"], r["bulan"]): r for r in got["bulanan"]}
    assert [by[("SPKP", b)]["respons_sah"] for b in ("2024-07", "2024-08", "2024-09")] == [4, 18, 1]
    assert [by[("SPAK", b)]["respons_sah"] for b in ("2024-07", "2024-08", "2024-09")] == [4, 17, 1]
    aug, sep = by[("SPKP", "2024-08")], by[("SPKP", "2024-09")]
    assert (aug["hari_berjalan"], aug["hari_sisa"], aug["status"], aug["target_harian"]) == (22, 0, "Tidak tercapai", None)
    # 1 Sep 2024 is a Sunday: no senin-jumat day has elapsed yet, so no pace can be measured:
    # the month has not started (one early reply does not make it "on track")
    assert (sep["hari_total"], sep["hari_berjalan"], sep["hari_sisa"]) == (20, 0, 20)
    assert (sep["status"], sep["target_harian"], sep["kekurangan"]) == ("Belum dimulai", 2, 24)
    assert got["status"] == "Belum dimulai"
    excl = {r["alasan"]: (r["SPKP"], r["SPAK"]) for r in got["pengecualian"]}
    assert excl == {
        "Validasi: kiriman ganda": (1, 1),
        "Responden internal (tidak dihitung)": (1, 1),
        "Isian SPAK tidak lengkap": (0, 1),
        "Dihitung (respons sah)": (23, 22),
    }


def test_cli_html_sections_and_no_script(laporan_cli):
    html = (laporan_cli["folder"] / "laporan.html").read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, flags=re.S)]
    for section in SECTIONS:
        assert any(section in h for h in headings), f"section {section!r} missing; headings: {headings}"
    assert "<script" not in html.lower()
    assert NAMA["KWNTT"] in html
    # personal data typed in a suggestion is masked
    assert "081234567890" not in html and "[data pribadi disamarkan]" in html


def test_cli_pdf_pages_and_text(laporan_cli):
    reader = pypdf.PdfReader(str(laporan_cli["folder"] / "laporan.pdf"))
    assert len(reader.pages) >= 2
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert NAMA["KWNTT"] in text
    assert "Jumlah responden minimum per bulan: 25" in text
    assert "26 / 1,065 = 24,41" in text  # the formula with this satker's numbers


def test_cli_outputs_have_no_respondent_rows(laporan_cli):
    folder = laporan_cli["folder"]
    for name in ("laporan.ipynb", "laporan.html", "ringkasan.json"):
        text = (folder / name).read_text(encoding="utf-8")
        leaked = [v for v in _respondent_values() if v in text]
        assert not leaked, f"{name}: respondent values {leaked[:5]}"
    nb = json.loads((folder / "laporan.ipynb").read_text(encoding="utf-8"))
    assert nb["cells"] and all(c["cell_type"] in ("code", "markdown") for c in nb["cells"])


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        (["--satker", "TIDAKADA"], 'Kode satker "TIDAKADA" tidak ada di registri satker'),
        (["--satker", "KWNTT", "--periode", "2024-Q5"], 'Periode "2024-Q5" tidak dikenali'),
    ],
    ids=["satker-tidak-dikenal", "periode-salah"],
)
def test_cli_parameter_errors(env_modul, tmp_path, args, pesan):
    out = tmp_path / "reports"
    proc = _run_cli(["laporan", *args, "--data", str(MINI), "--keluaran", str(out)], env_modul, tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert pesan in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not out.exists()
