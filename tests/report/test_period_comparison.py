"""Against the previous period, the monthly trend and the weekly table on the sample data (January–September 2024)."""

from datetime import date
from pathlib import Path

import pytest

from spakanalysis.report.recap import build_recap
from spakanalysis.report.satker_report import build_satker_report

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture(scope="module")
def atambua(sample):
    return build_satker_report(sample, "LPATAMBUA", "2024-Q3", tanggal_data="2024-09-18")


@pytest.mark.parametrize("periode", ["2024-Q2", "2024-S1", "2024"])
def test_no_failure_before_the_target_start(sample, periode):
    lap = build_satker_report(sample, "LPATAMBUA", periode, tanggal_data="2024-09-30")
    early = lap.progres[lap.progres["akhir"] < date(2024, 7, 1)]
    assert len(early) and set(early["status"]) == {"Target belum berlaku"}
    assert (early["minimum"] == 0).all() and early["capaian_persen"].isna().all()
    if periode == "2024":  # Jul-Sep keep their own statuses (September fell short)
        assert set(lap.progres[lap.progres["bulan"] == "2024-09"]["status"]) == {"Tidak tercapai"}
        assert lap.ringkasan()["instrumen"]["SPKP"]["minimum_periode"] == 3 * 237 + 3 * 237  # Jul-Sep + Oct-Dec


def test_period_attainment_against_a_previous_period_before_the_target(atambua):
    c = atambua.pembanding.capaian["SPKP"]
    # each month capped at 237: (237 + 237 + 68) / 711
    assert c.sekarang == pytest.approx(542 / 711 * 100)
    assert c.keterangan == "Target belum berlaku pada periode sebelumnya" and not c.ada_sebelum


def test_indices_against_the_previous_quarter(atambua, sample):
    p = atambua.pembanding
    assert (p.periode.kode, p.ada_data) == ("2024-Q2", True)
    q2 = build_satker_report(sample, "LPATAMBUA", "2024-Q2", tanggal_data="2024-06-30")
    for inst in atambua.indeks.instruments:
        c, before = p.indeks[inst.index_name], q2.indeks.of(str(inst.instrument)).result
        assert c.sebelum == pytest.approx(before.nilai) and c.selisih == pytest.approx(inst.result.nilai - before.nilai)
        overlap = inst.result.ci_bawah <= before.ci_atas and before.ci_bawah <= inst.result.ci_atas
        assert c.keterangan == ("tidak berbeda bermakna" if overlap else ("naik bermakna" if c.selisih > 0 else "turun bermakna"))
    block = atambua.ringkasan()["pembanding"]
    assert block["periode"] == "2024-Q2" and block["indeks"]["IPKP"]["keterangan"] == p.indeks["IPKP"].keterangan
    assert [r["kode_butir"] for r in block["unsur"]["SPAK"]][:2] == ["spak_diskriminasi", "spak_kecurangan"]


def test_no_previous_data(sample):
    lap = build_satker_report(sample, "LPATAMBUA", "2024-Q1", tanggal_data="2024-03-31")
    assert lap.pembanding.periode.kode == "2023-Q4" and not lap.pembanding.ada_data
    assert lap.pembanding.indeks["IPKP"].keterangan == "Tidak ada data periode sebelumnya"
    assert lap.ringkasan()["pembanding"]["keterangan"] == "Tidak ada data periode sebelumnya"


def test_monthly_trend_covers_every_month_in_the_data(atambua):
    t = atambua.tren
    assert list(t["bulan"]) == [f"2024-{m:02d}" for m in range(1, 10)]
    assert list(t["target_berlaku"]) == [False] * 6 + [True] * 3
    assert t["capaian_SPKP"][:6].isna().all()
    assert t["capaian_SPKP"].iloc[6] == pytest.approx(291 / 237 * 100)
    assert list(t["berjalan"]) == [False] * 8 + [True]
    sep = atambua.indeks.spkp.by_month.set_index("bulan").loc["2024-09"]
    assert t["IPKP_n"].iloc[8] == sep["n"] == 68 and t["IPKP_nilai"].iloc[8] == pytest.approx(sep["nilai"])


def test_weekly_share_of_the_minimum_in_the_running_month(atambua):
    w = atambua.mingguan
    # September 2024, Monday-Saturday without 16 Sep: 24 service days; 237 x 6 / 24 = 59.25
    assert list(w["hari_layanan"]) == [0, 6, 6, 5, 6, 1]
    assert list(w["target_SPKP"]) == pytest.approx([0, 59.25, 59.25, 49.375, 59.25, 9.875])
    assert w["target_SPKP"].sum() == pytest.approx(237)
    assert list(w["fase"]) == ["selesai", "selesai", "selesai", "berjalan", "belum", "belum"]
    assert w["SPKP"].sum() == 68  # every valid September response up to the cut-off, in its week


def test_recap_compares_each_satker_with_the_previous_period(sample):
    rk = build_recap(sample, "2024-Q3", tanggal_data="2024-09-18")
    block = rk.ringkasan()["pembanding"]
    assert block["periode"] == "2024-Q2"
    rows = {r["kode_satker"]: r for r in block["satker"]}
    assert rows["RBKUPANG"]["IPKP"]["keterangan"] == "Tidak ada data periode sebelumnya"
    lap = build_satker_report(sample, "LPATAMBUA", "2024-Q3", tanggal_data="2024-09-18")
    assert rows["LPATAMBUA"]["IPKP"]["sebelum"] == pytest.approx(lap.pembanding.indeks["IPKP"].sebelum, abs=1e-4)
    assert rows["LPATAMBUA"]["IPKP"]["keterangan"] == lap.pembanding.indeks["IPKP"].keterangan
