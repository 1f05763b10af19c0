"""Progress against the monthly minimum: hand-checked cases."""

from datetime import date

import pandas as pd
import pytest

from spakanalysis.core.calendars import jumlah_hari_layanan, mode_hari_layanan
from spakanalysis.core.errors import ParameterError
from spakanalysis.core.periods import parse_periode
from spakanalysis.stats.progress import (
    AmbangStatus,
    AturanSampel,
    daily_counts,
    daily_plan,
    exclusion_summary,
    overall_status,
    progress_table,
)

KANWIL = pd.DataFrame(
    {"kode_satker": ["KW"], "jenis_satker": ["Kanwil"], "jumlah_pengguna_layanan": [48], "hari_layanan": [pd.NA]}
)


def responses(days, kode="KW", jenis="eksternal", **extra):
    n = len(days)
    return pd.DataFrame(
        {
            "kode_satker": [kode] * n,
            "tanggal_lokal": list(days),
            "jenis_responden": [jenis] * n,
            "dikecualikan": pd.Series([pd.NA] * n, dtype="string"),
            "lengkap_spkp": [True] * n,
            "lengkap_spak": [True] * n,
            **extra,
        }
    )


def row(table, ins="SPKP", bulan="2024-08"):
    return table[(table["instrumen"] == ins) & (table["bulan"] == bulan)].iloc[0]


def test_on_pace_month_hand_checked():
    # 20 valid responses by Wed 14 Aug 2024: 10 service days elapsed (1-14 Aug Mon-Fri), 12 left
    # (17 Aug is a Saturday). Minimum for N=48 is 43. Pace 2/day -> projection 20 + 2*12 = 44 >= 43.
    days = [date(2024, 8, 1 + (i % 10)) for i in range(20)]
    t = progress_table(KANWIL, responses(days), "2024-08", date(2024, 8, 14))
    r = row(t)
    assert (r["minimum"], r["respons_sah"], r["hari_total"], r["hari_berjalan"], r["hari_sisa"]) == (43, 20, 22, 10, 12)
    assert r["laju_per_hari"] == pytest.approx(2.0)
    assert r["target_harian"] == 2  # ceil(23 / 12)
    assert r["proyeksi"] == pytest.approx(44.0)
    assert r["capaian_persen"] == pytest.approx(20 / 43 * 100)
    assert r["status"] == "Sesuai target"


def test_zero_responses_is_critical_with_full_daily_target():
    t = progress_table(KANWIL, responses([]), "2024-08", date(2024, 8, 14))
    r = row(t)
    assert r["respons_sah"] == 0 and r["status"] == "Kritis"
    assert r["target_harian"] == 4  # ceil(43 / 12)


def test_already_over_target():
    t = progress_table(KANWIL, responses([date(2024, 8, 5)] * 50), "2024-08", date(2024, 8, 14))
    r = row(t)
    assert r["status"] == "Tercapai" and r["kekurangan"] == 0 and r["target_harian"] == 0
    assert r["capaian_persen"] == pytest.approx(50 / 43 * 100)


def test_period_not_started_yet():
    t = progress_table(KANWIL, responses([]), "2024-09", date(2024, 8, 20))
    r = row(t, bulan="2024-09")
    assert r["status"] == "Belum dimulai"
    assert r["hari_berjalan"] == 0 and r["hari_sisa"] == 20  # Sep 2024: 21 weekdays minus 16 Sep (Maulid)
    assert r["target_harian"] == 3  # ceil(43 / 20)


def test_cutoff_on_last_day_closes_the_month():
    t = progress_table(KANWIL, responses([date(2024, 8, 30)] * 30), "2024-08", date(2024, 8, 31))
    r = row(t)
    assert r["hari_sisa"] == 0 and r["status"] == "Tidak tercapai"
    assert pd.isna(r["target_harian"])


def test_holiday_inside_period_is_not_a_service_day():
    # 16 Sep 2024 (Maulid Nabi) is a Monday: 21 weekdays in September, 20 service days
    assert jumlah_hari_layanan(date(2024, 9, 1), date(2024, 9, 30), "senin-jumat") == 20
    assert jumlah_hari_layanan(date(2024, 9, 1), date(2024, 9, 30), "kalender") == 30
    # cut-off the day before the holiday: 16 Sep is not counted among the days left
    t = progress_table(KANWIL, responses([]), "2024-09", date(2024, 9, 15))
    assert row(t, bulan="2024-09")["hari_sisa"] == 10  # 17-20, 23-27, 30


def test_service_day_mode_from_registry_and_type():
    assert mode_hari_layanan("Lapas") == "senin-sabtu"
    assert mode_hari_layanan("Kantor Imigrasi") == "senin-jumat"
    assert mode_hari_layanan("Lapas", "kalender") == "kalender"
    with pytest.raises(ParameterError, match="tidak dikenal"):
        mode_hari_layanan("Lapas", "setiap-hari")


def test_only_valid_rows_count():
    days = [date(2024, 8, 5)] * 6
    r = responses(days)
    r.loc[0, "jenis_responden"] = "internal"
    r.loc[1, "dikecualikan"] = "kiriman ganda"
    r.loc[2, "lengkap_spkp"] = False
    r.loc[3, "tanggal_lokal"] = date(2024, 7, 31)  # outside the period
    t = progress_table(KANWIL, r, "2024-08", date(2024, 8, 14))
    assert row(t)["respons_sah"] == 2
    assert row(t, "SPAK")["respons_sah"] == 3
    ex = exclusion_summary(r, parse_periode("2024-08"), date(2024, 8, 14)).set_index("alasan")
    assert ex.loc["Responden internal (tidak dihitung)", "SPKP"] == 1
    assert ex.loc["Validasi: kiriman ganda", "SPKP"] == 1
    assert ex.loc["Isian SPKP tidak lengkap", "SPKP"] == 1
    assert ex.loc["Di luar periode laporan", "SPKP"] == 1
    assert ex.loc["Dihitung (respons sah)", "SPKP"] == 2
    assert ex["SPKP"].sum() == 6


def test_daily_counts_and_cumulative_reset_each_month():
    days = [date(2024, 7, 31), date(2024, 7, 31), date(2024, 8, 1)]
    h = daily_counts(responses(days), parse_periode("2024-Q3"), date(2024, 8, 2))
    assert h.loc["2024-07-31", "SPKP"] == 2
    assert h.loc["2024-07-31", "SPKP_kumulatif"] == 2
    assert h.loc["2024-08-01", "SPKP_kumulatif"] == 1  # new month, new minimum
    assert h.index.max() == pd.Timestamp("2024-08-02")


def test_daily_plan_reaches_the_minimum_on_service_days():
    t = progress_table(KANWIL, responses([date(2024, 8, 5)] * 20), "2024-08", date(2024, 8, 14))
    plan = daily_plan(row(t), date(2024, 8, 14), "senin-jumat")
    assert plan["tanggal"].iloc[0] == date(2024, 8, 15)
    assert date(2024, 8, 17) not in set(plan["tanggal"])  # Saturday + Independence Day
    assert plan["target"].sum() == 23 and plan["kumulatif_rencana"].iloc[-1] == 43


def test_thresholds_are_configurable():
    days = [date(2024, 8, 1 + (i % 10)) for i in range(14)]  # pace 1.4 -> projection 30.8 (72% of 43)
    default = row(progress_table(KANWIL, responses(days), "2024-08", date(2024, 8, 14)))
    assert default["status"] == "Kritis"
    loose = AmbangStatus(sesuai_target=1.0, perlu_percepatan=0.7)
    assert row(progress_table(KANWIL, responses(days), "2024-08", date(2024, 8, 14), ambang=loose))["status"] == "Perlu percepatan"
    with pytest.raises(ParameterError):
        AmbangStatus(sesuai_target=0.5, perlu_percepatan=0.8)


def test_floor_and_rule():
    small = KANWIL.assign(jumlah_pengguna_layanan=[20])
    t = progress_table(small, responses([]), "2024-08", date(2024, 8, 14), aturan=AturanSampel(lantai=30))
    assert row(t)["minimum"] == 20  # never more than the population
    t = progress_table(small, responses([]), "2024-08", date(2024, 8, 14), aturan=AturanSampel(aturan="slovin"))
    assert row(t)["minimum"] == 20 and row(t)["metode"] == "slovin"


def test_overall_status_is_the_worst():
    assert overall_status(["Tercapai", "Perlu percepatan"]) == "Perlu percepatan"
    assert overall_status(["Sesuai target", "Kritis", "Tercapai"]) == "Kritis"


def test_partial_month_of_an_explicit_range_gets_a_share_of_the_minimum():
    # 15-31 July is 17 of 31 days: ceil(43 * 17 / 31) = ceil(23.58) = 24; 1-10 Sep: ceil(43 * 10 / 30) = 15
    t = progress_table(KANWIL, responses([date(2024, 7, 20)] * 24), "2024-07-15..2024-09-10", date(2024, 9, 18))
    jul, sep = t[t["instrumen"] == "SPKP"].iloc[0], t[t["instrumen"] == "SPKP"].iloc[2]
    assert (jul["minimum"], jul["minimum_bulan_penuh"], jul["status"]) == (24, 43, "Tercapai")
    assert (sep["minimum"], sep["status"]) == (15, "Tidak tercapai")


def test_default_cutoff_without_any_response_is_not_the_period_end():
    t = progress_table(KANWIL, responses([]), "2099-Q1")
    assert t.attrs["tanggal_data"] < date(2099, 1, 1)
    assert set(t["status"]) == {"Belum dimulai"}


def test_no_service_day_left_gives_no_fake_daily_target():
    from spakanalysis.stats.recommendations import recommend

    # Fri 30 Aug 2024; 31 Aug is a Saturday: no Monday-Friday day left in August
    t = progress_table(KANWIL, responses([date(2024, 8, 5)] * 10), "2024-08", date(2024, 8, 30))
    r = row(t)
    assert r["hari_sisa"] == 0 and pd.isna(r["target_harian"]) and r["status"] == "Hari layanan habis"
    text = " ".join(recommend(t[t["bulan"] == "2024-08"], date(2024, 8, 30)))
    assert "tidak ada lagi hari layanan" in text and "menjadi –" not in text


def test_period_not_started_gets_one_neutral_recommendation():
    from spakanalysis.stats.recommendations import recommend

    t = progress_table(KANWIL, responses([]), "2024-10", date(2024, 9, 18))
    out = recommend(t, date(2024, 9, 18))
    assert len(out) == 1 and out[0].startswith("Periode belum dimulai")
    assert "SPKP 2" in out[0]  # ceil(43 / 23 service days in October 2024)


def test_months_before_the_target_start_have_no_minimum_and_no_failure():
    # Q2 2024 is over by 30 Sep, but the minimums apply from 1 July (config/progres.toml): with 5
    # valid responses in May no month is "Tidak tercapai", and none counts in attainment.
    from spakanalysis.stats.progress import capped_attainment, target_start

    assert target_start() == date(2024, 7, 1)
    t = progress_table(KANWIL, responses([date(2024, 5, 6)] * 5), "2024-Q2", date(2024, 9, 30))
    assert set(t["status"]) == {"Target belum berlaku"}
    may = row(t, bulan="2024-05")
    assert (may["minimum"], may["minimum_bulan_penuh"], may["respons_sah"], may["kekurangan"]) == (0, 43, 5, 0)
    assert pd.isna(may["capaian_persen"]) and may["target_harian"] == 0
    assert pd.isna(capped_attainment(t["respons_sah"], t["minimum"]))


def test_a_year_mixes_months_before_and_after_the_target_start():
    t = progress_table(KANWIL, responses([date(2024, 6, 3)] * 50 + [date(2024, 7, 1)] * 43), "2024", date(2024, 7, 31))
    spkp = t[t["instrumen"] == "SPKP"].set_index("bulan")["status"]
    assert list(spkp[:7]) == ["Target belum berlaku"] * 6 + ["Tercapai"]
    assert overall_status(t["status"]) == "Belum dimulai"  # August onwards has not started
    assert overall_status(spkp[:7]) == "Tercapai"  # "belum berlaku" never hides a real status


def test_target_start_is_a_parameter_of_the_rule():
    days = [date(2024, 5, 6)] * 5
    always = progress_table(KANWIL, responses(days), "2024-05", date(2024, 9, 30), aturan=AturanSampel(berlaku_mulai=None))
    assert (row(always, bulan="2024-05")["minimum"], row(always, bulan="2024-05")["status"]) == (43, "Tidak tercapai")
    later = progress_table(KANWIL, responses([]), "2024-Q3", date(2024, 9, 30), aturan=AturanSampel(berlaku_mulai=date(2024, 8, 1)))
    assert list(later[later["instrumen"] == "SPAK"]["status"]) == ["Target belum berlaku", "Tidak tercapai", "Tidak tercapai"]
