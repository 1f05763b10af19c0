"""The satker report and the Kanwil recap on the bundled sample data, and the typed report model."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from spakanalysis.report.recap import LaporanRekap, build_recap, kanwil_totals, recap_table, status_counts
from spakanalysis.report.satker_report import build_satker_report
from spakanalysis.report.survey import InstrumentResults, SurveyResults
from spakanalysis.stats.indices import IndexResult, compute_index
from spakanalysis.stats.progress import valid_mask

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
CUT = "2024-09-18"


@pytest.fixture(scope="module")
def rtbaa(sample):
    return build_satker_report(sample, "RTBAA", "2024-Q3", tanggal_data=CUT)


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
    rk = build_recap(sample, "2024-Q3", tanggal_data=CUT, satker_gagal='{"LPENDE": "notebook gagal"}')
    assert isinstance(rk, LaporanRekap)
    row = rk.tabel[rk.tabel["kode_satker"] == "LPENDE"].iloc[0]
    assert row["status"] == "Gagal dibuat" and rk.total["satker_data_bermasalah"] == 1
    assert rk.tabel.iloc[0]["kode_satker"] == "LPENDE"
    assert rk.gagal == {"LPENDE": "notebook gagal"}
    assert any("data bermasalah" in r for r in rk.rekomendasi)
    assert set(rk.indeks_kanwil) == {"IPKP", "IPAK"} and 1 <= rk.indeks_kanwil["IPAK"] <= 4
    assert rk.ringkasan()["jumlah_per_status"]["Gagal dibuat"] == 1
    assert list(rk.ringkasan()) == ["kanwil", "periode", "periode_label", "tanggal_data", "tanggal_cetak", "aturan",
                                    "total", "jumlah_per_status", "tabel", "indeks_kanwil", "rekomendasi",
                                    "kualitas_data", "peringatan_dini", "tema_saran", "tindak_lanjut", "pembanding"]


def test_satker_report_figures_agree_with_each_other(sample):
    lap = build_satker_report(sample, "KIMMAUMERE", "2024-Q3", tanggal_data=CUT)
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


def test_summary_keeps_its_keys_in_order(rtbaa):
    s = rtbaa.ringkasan()
    assert list(s) == ["spakanalysis", "kode_satker", "nama_satker", "jenis_satker", "kanwil", "periode",
                       "periode_label", "periode_mulai", "periode_akhir", "tanggal_data", "tanggal_data_teks",
                       "tanggal_cetak", "populasi", "aturan", "galat", "lantai", "metode", "minimum_bulanan",
                       "mode_hari", "status", "instrumen", "bulanan", "pengecualian", "jumlah_saran", "rekomendasi",
                       "indeks", "kualitas_data", "peringatan_dini", "url_survei", "tema_saran", "tindak_lanjut", "pembanding"]
    assert list(s["instrumen"]) == ["SPKP", "SPAK"] and list(s["indeks"]) == ["IPKP", "IPAK"]
    assert list(s["instrumen"]["SPAK"]) == ["minimum_periode", "respons_sah_periode", "capaian_persen_periode",
                                            "capaian_persen_bulan_selesai", "bulan_selesai",
                                            "capaian_persen_bulan_berjalan", "bulan_berjalan", "status_bulan_berjalan",
                                            "target_harian_bulan_berjalan"]
    assert s["instrumen"]["SPKP"]["bulan_selesai"] == ["2024-07", "2024-08"]
    assert s["instrumen"]["SPKP"]["bulan_berjalan"] == "2024-09"


def test_summary_carries_survey_url_and_per_item_scores(rtbaa):
    s = rtbaa.ringkasan()
    assert s["url_survei"] == "https://survei.kemenkumham.example/rtbaa"  # sample registry, reserved domain
    items = rtbaa.indeks.spkp.items
    got = s["indeks"]["IPKP"]["unsur"]
    assert [u["unsur"] for u in got] == items["unsur"].tolist()  # codebook order, every answered item
    assert [u["nrr"] for u in got] == [round(float(v), 6) for v in items["nrr"]]
    assert [u["n"] for u in got] == items["n"].astype(int).tolist() and all(u["n"] > 0 for u in got)


def test_report_for_satker_without_responses(sample):
    lap = build_satker_report(sample, "RBKUPANG", "2024-Q3", tanggal_data=CUT)
    s = lap.ringkasan()
    assert s["instrumen"]["SPKP"]["respons_sah_periode"] == 0
    assert s["indeks"]["IPKP"]["n_respons"] == 0 and s["indeks"]["IPKP"]["nilai"] is None
    assert s["indeks"]["IPKP"]["unsur"] == [] and s["url_survei"] is None  # Rupbasan: no survey URL in the sample
    assert "Belum ada satu pun respons" in s["rekomendasi"][0]
    assert lap.indeks.spkp.priorities.empty and lap.indeks.spkp.by_month is None


def test_survey_results_are_typed_down_to_the_interval(sample, rtbaa):
    survey = rtbaa.indeks
    assert isinstance(survey, SurveyResults) and isinstance(survey.spkp, InstrumentResults)
    assert isinstance(survey.spkp.result, IndexResult) and survey.spkp.index_name == "IPKP"
    assert survey.of("SPAK") is survey.spak and survey.instruments == (survey.spkp, survey.spak)
    # the IPKP interval is the one of the satker's valid SPKP responses in the window, with the period's population
    days = pd.to_datetime(sample.respons["tanggal_lokal"])
    win = sample.respons[(sample.respons["kode_satker"] == "RTBAA") & (days >= "2024-07-01") & (days <= CUT)]
    n = rtbaa.identitas["jumlah_pengguna_layanan"]
    own = compute_index(win[valid_mask(win, "SPKP")], sample.instrumen, "SPKP", population=n * 2.6)
    assert (survey.spkp.result.ci_bawah, survey.spkp.result.ci_atas) == pytest.approx((own.ci_bawah, own.ci_atas))
    assert [k.predikat for k in survey.spkp.readiness] == ["WBK", "WBBM"]
    assert survey.summary["IPKP"]["ci_bawah"] == round(own.ci_bawah, 6)


def test_old_dict_access_still_works_but_warns(rtbaa):
    with pytest.warns(DeprecationWarning, match=r'indeks\["hasil"\] is deprecated'):
        assert rtbaa.indeks["hasil"]["SPKP"] is rtbaa.indeks.spkp.result
    with pytest.warns(DeprecationWarning):
        assert rtbaa.indeks["bulanan"]["SPAK"] is rtbaa.indeks.spak.by_month
    with pytest.raises(KeyError):
        rtbaa.indeks["tidak-ada"]


def test_report_without_indices_has_none_and_an_empty_summary(sample):
    lap = build_satker_report(sample, "LPKUPANG", "2024-Q3", tanggal_data=CUT, with_indices=False)
    assert lap.indeks is None and lap.ringkasan()["indeks"] == {}


def test_survey_results_breakdowns_agree(sample, rtbaa):
    ind = rtbaa.indeks
    for inst in ind.instruments:
        total = inst.result.n_respons
        assert inst.by_month["n"].sum() == total
        assert inst.by_service["n"].sum() == total
        assert list(inst.by_month["bulan"]) == ["2024-07", "2024-08", "2024-09"]
        # no demographic group shown with fewer than 5 respondents
        for tab in inst.demography.values():
            shown = [n for n in tab["n"] if not isinstance(n, str)]
            assert all(n >= 5 or n == 0 for n in shown)
    # the recap shows the same IPKP for this satker as its own report (1-4 scale)
    rk = build_recap(sample, "2024-Q3", tanggal_data=CUT)
    row = rk.indeks_tabel.set_index("kode_satker").loc["RTBAA"]
    assert row["IPKP_nilai"] == pytest.approx(ind.spkp.result.nilai_skala4)
    assert row["IPKP_WBK"] == ind.spkp.readiness[0].status
