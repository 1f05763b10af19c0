"""Issue 19 wiring: the data-quality section, ringkasan/rekap blocks, --kecualikan-tanda, internal workbook, manifest.

The tiny fixture is ``tests/data/mini`` with five planted submissions at LPKUPANG (a burst of identical
all-4 answer vectors, one a minute, in service hours) — hand-checkable figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from _tanda import PLANTED, mini_with_burst
from spakanalysis.core.calendars import libur_nasional
from spakanalysis.core.periods import parse_periode
from spakanalysis.data.dataset import load_dataset
from spakanalysis.pipeline.quality_outputs import ids_hash, write_quality_outputs
from spakanalysis.present.early_warning_display import early_warning_table
from spakanalysis.present.quality_display import quality_section, recap_quality, recap_risk
from spakanalysis.report.early_warning_report import satker_early_warning
from spakanalysis.report.quality import backcheck_samples, dataset_flags
from spakanalysis.report.recap import build_recap
from spakanalysis.report.satker_report import build_satker_report
from spakanalysis.stats import quality_flags as q
from spakanalysis.stats.backcheck import backcheck_seed, draw_backcheck
from spakanalysis.stats.early_warning import early_warning

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw"
GENERATOR = ROOT / "scripts" / "buat_data_contoh.py"
CUT = "2024-08-20"


@pytest.fixture(scope="module")
def mini_burst(tmp_path_factory):
    return load_dataset(mini_with_burst(tmp_path_factory.mktemp("mini_tanda") / "data"))


def test_the_burst_is_flagged_and_nothing_else(mini_burst):
    table = dataset_flags(mini_burst, parse_periode("2024-Q3"), date(2024, 8, 20))
    assert sorted(table.loc[table["ditandai"], "id_respons"]) == PLANTED
    assert table.loc[table["ditandai"], "beruntun"].all()


def test_kecualikan_tanda_changes_the_numbers_as_computed_by_hand(mini_burst):
    plain = build_satker_report(mini_burst, "LPKUPANG", "2024-Q3", tanggal_data=CUT)
    lap = build_satker_report(mini_burst, "LPKUPANG", "2024-Q3", tanggal_data=CUT, kecualikan_tanda=True)
    assert plain.pembanding_tanda is None and not plain.kecualikan_tanda
    # July: 3 genuine; August: 4 genuine + 5 planted
    assert plain.progres.set_index(["instrumen", "bulan"]).loc[("SPKP", "2024-08"), "respons_sah"] == 9
    assert lap.progres.set_index(["instrumen", "bulan"]).loc[("SPKP", "2024-08"), "respons_sah"] == 4
    t = lap.pembanding_tanda.set_index(["ukuran", "instrumen"])
    assert (t.loc[("respons_sah", "SPKP"), "semua"], t.loc[("respons_sah", "SPKP"), "tanpa_tanda"]) == (12, 7)
    m = int(lap.progres["minimum"].iloc[0])  # the same minimum each month (N = 40), larger than 9
    months = int((lap.progres["instrumen"] == "SPKP").sum())  # July, August, September (0 so far)
    assert m > 9 and months == 3
    assert t.loc[("capaian_persen", "SPKP"), "semua"] == pytest.approx(12 / (months * m) * 100)
    assert t.loc[("capaian_persen", "SPKP"), "tanpa_tanda"] == pytest.approx(7 / (months * m) * 100)
    # genuine answers 3,3,2,3,3,3,2,3 -> 22/8; planted all 4: (7 * 2.75 + 5 * 4) / 12
    assert t.loc[("indeks", "SPKP"), "tanpa_tanda"] == pytest.approx(2.75)
    assert t.loc[("indeks", "SPKP"), "semua"] == pytest.approx((7 * 2.75 + 5 * 4) / 12)
    assert t.loc[("indeks", "SPAK"), "tanpa_tanda"] == pytest.approx((3 + 4 + 4 + 3 + 3) / 5)
    assert lap.indeks.spkp.result.nilai == pytest.approx(2.75)  # the report itself counts without them
    block = lap.ringkasan()["kualitas_data"]
    assert block["kecualikan_tanda"] is True
    assert {(r["ukuran"], r["instrumen"]): r["tanpa_tanda"] for r in block["pembanding"]}[("respons_sah", "SPAK")] == 7


def test_ringkasan_block_equals_the_stats_function(mini_burst):
    lap = build_satker_report(mini_burst, "LPKUPANG", "2024-Q3", tanggal_data=CUT)
    block = json.loads(json.dumps(lap.ringkasan()["kualitas_data"]))
    r = mini_burst.respons
    mine = r[(r["kode_satker"] == "LPKUPANG") & r["dikecualikan"].isna()]
    mine = mine[pd.to_datetime(mine["tanggal_lokal"]) <= pd.Timestamp(CUT)]
    table, _ = q.flag_table(mine, mini_burst.items("spkp") + mini_burst.items("spak"), 4,
                            service_modes={"LPKUPANG": "senin-sabtu"}, holidays=set(libur_nasional(2024)),
                            timezones={"LPKUPANG": "Asia/Makassar"})
    assert block["respons_diperiksa"] == len(table) == 12
    assert block["jumlah"] == {f: int(table[f].sum()) for f in (*q.FLAGS, "ditandai")}
    assert block["jumlah"]["ditandai"] == block["jumlah"]["beruntun"] == 5
    assert block["proporsi_ditandai"] == round(5 / 12, 4)
    assert [m["bulan"] for m in block["bulanan"]] == ["2024-07", "2024-08"]
    assert [m["ditandai"] for m in block["bulanan"]] == [0, 5]
    assert block["versi_konfigurasi"] == 1


def test_ids_never_in_public_outputs(mini_burst):
    lap = build_satker_report(mini_burst, "LPKUPANG", "2024-Q3", tanggal_data=CUT, kecualikan_tanda=True)
    rk = build_recap(mini_burst, "2024-Q3", tanggal_data=CUT)
    public = [json.dumps(lap.ringkasan(), default=str), json.dumps(rk.ringkasan(), default=str),
              quality_section(lap).data, early_warning_table(lap).data, recap_quality(rk).data, recap_risk(rk).data]
    for text in public:
        assert not any(i in text for i in PLANTED)
    assert "5 (41,7%) bertanda" in quality_section(lap).data
    assert rk.ringkasan()["kualitas_data"][0] == {"kode_satker": "LPKUPANG", "respons_diperiksa": 12,
                                                 "jumlah_ditandai": 5, "proporsi_ditandai": 0.4167,
                                                 "nama_satker": "Lapas Uji Mini Kupang"}


def test_internal_workbook_and_manifest_record_repeat_the_draw(mini_burst, tmp_path):
    period, cut = parse_periode("2024-Q3"), date(2024, 8, 20)
    block = write_quality_outputs(tmp_path, mini_burst, period, cut)
    assert block["berkas_internal"] == "_internal/kualitas_data.xlsx"
    wb = load_workbook(tmp_path / "_internal" / "kualitas_data.xlsx")
    flagged = [r[2] for r in wb["Kiriman bertanda"].iter_rows(min_row=2, values_only=True)]
    assert flagged == PLANTED
    sheet = list(wb["Uji petik"].iter_rows(min_row=2, values_only=True))
    assert all(r[5] is None and r[6] is None for r in sheet)  # verification columns left empty
    for rec in block["uji_petik"]:
        ids = [r[2] for r in sheet if r[0] == rec["kode_satker"]]
        assert rec["seed"] == backcheck_seed(rec["kode_satker"], "2024-Q3")
        assert ids_hash(ids) == rec["sha256_id"] and len(ids) == rec["jumlah_terpilih"]
        # repeat the draw from the record alone
        pool = dataset_flags(mini_burst, period, cut)
        pool = pool[pool["kode_satker"] == rec["kode_satker"]]
        again = draw_backcheck(pool["id_respons"], pool.loc[pool["ditandai"], "id_respons"],
                               kode_satker=rec["kode_satker"], periode=rec["periode"], size=rec["ukuran"],
                               oversample=rec["faktor_lebih"])
        assert ids_hash(again.id_respons) == rec["sha256_id"]
    lp = next(r for r in block["uji_petik"] if r["kode_satker"] == "LPKUPANG")
    assert (lp["jumlah_kiriman"], lp["jumlah_bertanda"], lp["jumlah_terpilih"]) == (12, 5, 10)
    assert [s.id_respons for s in backcheck_samples(mini_burst, period, cut)] == \
        [s.id_respons for s in backcheck_samples(mini_burst, period, cut)]


def test_early_warning_in_report_matches_the_stats_function():
    d = load_dataset(SAMPLE)
    lap = build_satker_report(d, "KIMMAUMERE", "2024-Q3", tanggal_data="2024-09-18")
    w = lap.peringatan_dini["SPKP"]
    now = lap.progres.set_index(["instrumen", "bulan"]).loc[("SPKP", "2024-09")]
    assert (w["respons_sah"], w["minimum"], w["target_harian"]) == (now["respons_sah"], now["minimum"],
                                                                    now["target_harian"])
    mine = d.respons[d.respons["kode_satker"] == "KIMMAUMERE"]
    again = satker_early_warning(mine, lap.progres, date(2024, 9, 18), lap.mode_hari)["SPKP"]
    assert again == w
    assert 0 <= w["probabilitas"] < 0.5  # "Kritis" in the sample: well behind its minimum
    assert lap.ringkasan()["peringatan_dini"]["SPKP"]["probabilitas"] == round(w["probabilitas"], 4)
    assert early_warning({}, [], date(2024, 9, 18), 10).probabilitas == 0.0


def test_sample_data_has_the_planted_patterns_and_they_are_detected(tmp_path):
    ids_file = tmp_path / "id.txt"
    subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(tmp_path / "raw"), "--daftar-tanam",
                    str(ids_file), "--diam"], check=True)
    assert (tmp_path / "raw" / "respons_2024.csv").read_bytes() == (SAMPLE / "respons_2024.csv").read_bytes()
    planted = set(ids_file.read_text(encoding="utf-8").split())
    assert len(planted) == 192
    d = load_dataset(SAMPLE)
    table = dataset_flags(d, parse_periode("2024-Q3"), date(2024, 9, 30))
    is_planted = table["id_respons"].isin(planted)
    assert is_planted.sum() == 192
    assert table.loc[is_planted, "ditandai"].mean() >= 0.90
    assert table.loc[~is_planted, "ditandai"].mean() <= 0.02
    # the figures README quotes (whole quarter): 190 of 192 planted, 29 of 12,982 genuine
    assert (int(table.loc[is_planted, "ditandai"].sum()), int(table.loc[~is_planted, "ditandai"].sum()),
            int((~is_planted).sum())) == (190, 29, 12982)
    assert set(table.loc[table["ditandai"] & is_planted, "kode_satker"]) == {"LPMAUMERE", "KIMKUPANG"}
