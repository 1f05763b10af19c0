"""Issue 10, points 1, 5 and 6: interval units, the even daily plan, one attainment rule."""

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from test_progress import KANWIL, responses, row

from spakanalysis.stats.indices import compute_index
from spakanalysis.stats.progress import (
    STATUS_HARI_HABIS,
    capped_attainment,
    daily_plan,
    even_split,
    progress_table,
)
from spakanalysis.stats.recommendations import recommend


# ----------------------------------------------------------------------------- daily plan (point 5)
@pytest.mark.parametrize(
    "total, days, expected",
    [(18, 8, [3, 3, 2, 2, 2, 2, 2, 2]), (18, 6, [3] * 6), (3, 5, [1, 1, 1, 0, 0]), (0, 4, [0] * 4), (7, 1, [7])],
)
def test_even_split_hand_checked(total, days, expected):
    assert even_split(total, days) == expected


def test_even_split_properties():
    for total in range(0, 60):
        for days in range(1, 25):
            parts = even_split(total, days)
            assert len(parts) == days and sum(parts) == total and max(parts) - min(parts) <= 1


def test_plan_uses_every_remaining_day():
    # RBKUPANG's case: 18 short with 8 days left must not become "18 in 6 days" (ceil(18/8) = 3 × 6).
    r = {"mulai": date(2024, 9, 1), "akhir": date(2024, 9, 30), "respons_sah": 25, "minimum": 43}
    plan = daily_plan(r, date(2024, 9, 22), "kalender")
    assert plan["tanggal"].tolist() == [date(2024, 9, d) for d in range(23, 31)]
    assert plan["target"].tolist() == [3, 3, 2, 2, 2, 2, 2, 2]
    assert plan["kumulatif_rencana"].iloc[-1] == 43


def test_headline_target_is_the_largest_plan_day():
    # 25 valid by Fri 20 Sep 2024 (Kanwil, Mon-Fri): 6 service days left (23-27 and 30 Sep), 18 short.
    days = [date(2024, 9, 2 + (i % 5)) for i in range(25)]
    t = progress_table(KANWIL, responses(days), "2024-09", date(2024, 9, 20))
    r = row(t, bulan="2024-09")
    plan = daily_plan(r, date(2024, 9, 20), "senin-jumat")
    assert r["hari_sisa"] == 6 and r["kekurangan"] == 18
    assert plan["target"].sum() == 18 and plan["target"].max() == r["target_harian"] == 3


def test_running_month_without_service_day_left():
    # Fri 30 Aug 2024: the 31st is a Saturday, so a Mon-Fri Kanwil has no service day left, yet August is not over.
    days = [date(2024, 8, 1 + (i % 20)) for i in range(10)]
    t = progress_table(KANWIL, responses(days), "2024-08", date(2024, 8, 30))
    r = row(t)
    assert (r["hari_sisa"], r["kekurangan"], r["status"]) == (0, 33, STATUS_HARI_HABIS)
    assert pd.isna(r["target_harian"])
    assert daily_plan(r, date(2024, 8, 30), "senin-jumat").empty
    text = " ".join(recommend(t[t["instrumen"] == "SPKP"], date(2024, 8, 30)))
    assert "tidak ada lagi hari layanan" in text and "kurang 33" in text
    assert "naikkan target harian menjadi" not in text


def test_month_that_reached_its_minimum_stays_reached_without_days_left():
    days = [date(2024, 8, 1 + (i % 20)) for i in range(43)]
    t = progress_table(KANWIL, responses(days), "2024-08", date(2024, 8, 30))
    assert row(t)["status"] == "Tercapai"


# ----------------------------------------------------------------------------- attainment (point 6)
def test_capped_attainment_hand_checked():
    assert capped_attainment([50, 10], [40, 40]) == pytest.approx(62.5)  # uncapped would say 75
    assert capped_attainment([0, 0], [43, 43]) == 0.0
    assert np.isnan(capped_attainment([], []))


def _ringkasan(progres, cut):
    from spakanalysis.core.periods import parse_periode
    from spakanalysis.report.satker_report import LaporanSatker
    from spakanalysis.stats.progress import AturanSampel

    ident = {"kode_satker": "KW", "nama_satker": "Kanwil", "jenis_satker": "Kanwil", "kanwil": "NTT",
             "tanggal_cetak": cut, "jumlah_pengguna_layanan": 48}
    lap = LaporanSatker(identitas=ident, periode=parse_periode("2024-Q3"), tanggal_data=cut, aturan=AturanSampel(),
                        mode_hari="senin-jumat", progres=progres, harian=pd.DataFrame(), rencana={},
                        pengecualian=pd.DataFrame(), saran=pd.DataFrame(), jumlah_saran=0,
                        metodologi={"metode": "Krejcie & Morgan (1970)", "hasil": 43}, rekomendasi=[], status="",
                        sumber=[])
    return lap.ringkasan()["instrumen"]["SPKP"]


def test_ringkasan_period_attainment_is_capped_and_running_month_separate():
    # July: 50 of 43 (surplus 7), August: 10 of 43 (running, cut-off Wed 14 Aug), September: 0 of 43.
    days = [date(2024, 7, 1 + (i % 25)) for i in range(50)] + [date(2024, 8, 1 + (i % 10)) for i in range(10)]
    cut = date(2024, 8, 14)
    s = _ringkasan(progress_table(KANWIL, responses(days), "2024-Q3", cut), cut)
    assert s["respons_sah_periode"] == 60 and s["minimum_periode"] == 129
    assert s["capaian_persen_periode"] == 41.09  # (43 + 10 + 0) / 129; uncapped 60 / 129 would be 46.51
    assert s["bulan_selesai"] == ["2024-07"] and s["capaian_persen_bulan_selesai"] == 100.0
    assert s["bulan_berjalan"] == "2024-08" and s["capaian_persen_bulan_berjalan"] == 23.26  # 10 / 43


# ----------------------------------------------------------------------------- units (point 1)
CB = pd.DataFrame({"instrumen": ["SPAK"] * 2, "kode_butir": ["a", "b"], "unsur": ["A", "B"], "skala_min": [1, 1],
                   "skala_maks": [4, 4], "terbalik": ["tidak"] * 2, "bobot": [np.nan, np.nan]})


@pytest.mark.parametrize("conversion, factor", [("max", 25.0), ("rentang", 100 / 3)])
def test_interval_on_0_100_is_the_converted_interval(conversion, factor):
    rng = np.random.default_rng(3)
    r = pd.DataFrame({"a": rng.integers(2, 5, 40).astype(float), "b": rng.integers(2, 5, 40).astype(float)})
    res = compute_index(r, CB, "SPAK", conversion=conversion)
    off = 0.0 if conversion == "max" else -1.0
    assert res.margin_100 == pytest.approx(res.margin * factor)
    assert res.ci_bawah_100 == pytest.approx((res.ci_bawah + off) * factor)
    assert res.ci_atas_100 == pytest.approx((res.ci_atas + off) * factor)
    assert res.ci_bawah_100 < res.nilai_100 < res.ci_atas_100


def test_every_index_card_shows_the_interval_of_its_own_unit():
    """Render the cards of a sample report and check each against the API (point 1)."""
    import re
    from pathlib import Path

    from spakanalysis.core.formatting import format_angka
    from spakanalysis.data.dataset import load_dataset
    from spakanalysis.present.display import index_cards
    from spakanalysis.report.satker_report import build_satker_report

    raw = Path(__file__).resolve().parents[2] / "data" / "raw"
    lap = build_satker_report(load_dataset(raw), "LPKUPANG", "2024-Q3", tanggal_data="2024-09-18")
    html = index_cards(lap).data
    for ins, name in (("SPKP", "IPKP"), ("SPAK", "IPAK")):
        res = lap.indeks["hasil"][ins]
        for label, value, lo, hi in ((f"{name} (skala 1–4)", res.nilai, res.ci_bawah, res.ci_atas),
                                     (f"{name} skala 0–100", res.nilai_100, res.ci_bawah_100, res.ci_atas_100)):
            card = html[html.index(label):][:400]
            assert format_angka(value, 2) in card
            assert f"IK 95%: {format_angka(lo, 2)}–{format_angka(hi, 2)}" in card, card
        # the 0-100 card never carries the 1-4 margin
        assert "margin galat" not in html
        assert res.ci_atas_100 - res.ci_bawah_100 == pytest.approx((res.ci_atas - res.ci_bawah) * 25)
    assert re.search(r"IK 95%: \d{2},\d{2}–\d{2},\d{2}", html)


# ----------------------------------------------------------------------------- Kanwil index (point 4)
def test_kanwil_index_is_stratified_by_population_share():
    from spakanalysis.stats.kanwil import kanwil_aggregate

    cb = CB.iloc[[0]]
    r = pd.DataFrame({"kode_satker": ["A"] * 4 + ["B"] * 2, "a": [4.0, 4.0, 3.0, 3.0, 2.0, 4.0]})
    pops = {"A": 100, "B": 300, "C": 50}  # C has no responses: left out, weights renormalised
    k = kanwil_aggregate(r, cb, "SPAK", method="berstrata", population=pops)
    # W = 100/400, 300/400: 0.25 × 3.5 + 0.75 × 3 = 3.125 (pooled respondents would give 20/6 = 3.333)
    assert k.nilai == pytest.approx(3.125)
    assert kanwil_aggregate(r, cb, "SPAK", method="gabungan").nilai == pytest.approx(20 / 6)
    # se_A² = (1/3)/4 × 96/100 = 0.08; se_B² = 2/2 × 298/300; SE² = 0.25² × 0.08 + 0.75² × 0.99333…
    assert k.se == pytest.approx(math.sqrt(0.0625 * 0.08 + 0.5625 * 298 / 300))
    assert "berstrata" in k.metode_agregasi and "satker tanpa respons: C" in k.keterangan
    with pytest.raises(Exception, match="population"):
        kanwil_aggregate(r, cb, "SPAK", method="berstrata")


def test_recap_kanwil_index_is_the_stratified_one():
    from pathlib import Path

    from spakanalysis.core.periods import parse_periode, period_population
    from spakanalysis.data.dataset import load_dataset
    from spakanalysis.stats.kanwil import kanwil_aggregate
    from spakanalysis.stats.progress import valid_mask
    from spakanalysis.stats.survey_results import kanwil_indices

    ds = load_dataset(Path(__file__).resolve().parents[2] / "data" / "raw")
    per, cut = parse_periode("2024-Q3"), date(2024, 9, 18)
    kanwil, table = kanwil_indices(ds, ds.satker, per, cut)
    days = pd.to_datetime(ds.respons["tanggal_lokal"])
    r = ds.respons[(days >= "2024-07-01") & (days <= "2024-09-18")]
    r = r[valid_mask(r, "SPAK")]
    # weights are shares of the monthly averages: the 2.6-month factor cancels
    ipak = table.set_index("kode_satker")["IPAK_nilai"].dropna()
    n = ds.satker.set_index("kode_satker")["jumlah_pengguna_layanan"].astype(float).reindex(ipak.index)
    assert kanwil["IPAK"] == pytest.approx(round(float((ipak * n).sum() / n.sum()), 4), abs=1e-4)
    pooled = kanwil_aggregate(r, ds.instrumen, "SPAK", method="gabungan").nilai
    assert abs(kanwil["IPAK"] - pooled) > 1e-4  # the sample over-collects somewhere: pooling differs
    assert period_population(48, per.mulai, cut) == pytest.approx(48 * 2.6)


# ----------------------------------------------------------------------------- population of a period (point 2)
def test_month_equivalents_and_period_population_hand_checked():
    from spakanalysis.core.periods import month_equivalents, period_population

    assert month_equivalents(date(2024, 7, 1), date(2024, 9, 30)) == 3.0
    assert month_equivalents(date(2024, 7, 1), date(2024, 9, 18)) == pytest.approx(2.6)  # 2 + 18/30
    assert month_equivalents(date(2024, 7, 15), date(2024, 7, 31)) == pytest.approx(17 / 31)
    assert month_equivalents(date(2024, 2, 1), date(2024, 2, 29)) == 1.0
    assert period_population(150, date(2024, 7, 1), date(2024, 9, 30)) == 450.0


def test_satker_report_uses_the_population_of_its_period():
    from pathlib import Path

    from spakanalysis.core.formatting import format_angka
    from spakanalysis.data.dataset import load_dataset
    from spakanalysis.present.display import methodology
    from spakanalysis.report.satker_report import build_satker_report

    ds = load_dataset(Path(__file__).resolve().parents[2] / "data" / "raw")
    lap = build_satker_report(ds, "LPKUPANG", "2024-Q3", tanggal_data="2024-09-18")
    from spakanalysis.stats.groups import index_by
    from spakanalysis.stats.indices import compute_index
    from spakanalysis.stats.progress import valid_mask

    n = lap.identitas["jumlah_pengguna_layanan"]
    days = pd.to_datetime(ds.respons["tanggal_lokal"])
    win = ds.respons[(ds.respons["kode_satker"] == "LPKUPANG") & (days >= "2024-07-01") & (days <= "2024-09-18")]
    for ins in ("SPKP", "SPAK"):
        sub = win[valid_mask(win, ins)]
        res = lap.indeks["hasil"][ins]
        assert res.populasi == pytest.approx(n * 2.6) and not res.sensus
        plain = compute_index(sub, ds.instrumen, ins)
        assert res.se == pytest.approx(plain.se * math.sqrt((n * 2.6 - res.n_respons) / (n * 2.6)))
        # July and August are whole months (N); September up to the 18th is 18/30 of N
        months = lap.indeks["bulanan"][ins].set_index("bulan")
        raw = index_by(sub, ds.instrumen, ins, "bulan").set_index("bulan")
        for b, pop in {"2024-07": n, "2024-08": n, "2024-09": n * 0.6}.items():
            m = months.loc[b]
            assert m["se"] == pytest.approx(raw.loc[b, "se"] * math.sqrt((pop - m["n"]) / pop))
    text = methodology(lap).data
    assert f"{format_angka(n)} × 2,60 = {format_angka(n * 2.6, 1)}" in text and "berstrata" in text


def test_month_rows_population_matches_manual_correction():
    from spakanalysis.stats.groups import index_by

    cb = CB.iloc[[0]]
    r = pd.DataFrame({"bulan": ["2024-07"] * 4 + ["2024-08"] * 2, "a": [4.0, 4.0, 3.0, 3.0, 2.0, 4.0]})
    t = index_by(r, cb, "SPAK", "bulan", population=pd.Series({"2024-07": 10, "2024-08": 2}))
    # July: s² = 1/3, n = 4, N = 10: SE² = (1/3)/4 × 6/10; August: n = N = 2 -> sensus, uncorrected SE² = 2/2
    assert t.loc[0, "se"] == pytest.approx(math.sqrt(1 / 12 * 0.6))
    assert t.loc[1, "sensus"] and t.loc[1, "se"] == pytest.approx(1.0)


def test_group_rows_use_the_period_sampling_fraction():
    from spakanalysis.stats.breakdown import breakdown

    cb = CB.iloc[[0]]
    r = pd.DataFrame({"jenis_kelamin": ["L"] * 6 + ["P"] * 6, "a": [4.0, 4.0, 3.0, 3.0, 4.0, 3.0] + [4.0] * 5 + [2.0]})
    t = breakdown(r, cb, "SPAK", "jenis_kelamin", population=36)
    plain = breakdown(r, cb, "SPAK", "jenis_kelamin")
    # L: 6 of 12 respondents -> group population 18, correction (18 - 6) / 18 = 2/3 on the variance
    lo, hi = t.loc[0, "ci_bawah"], t.loc[0, "ci_atas"]
    assert lo > plain.loc[0, "ci_bawah"] and hi < plain.loc[0, "ci_atas"]
    from spakanalysis.stats.indices import compute_index

    direct = compute_index(r[r["jenis_kelamin"] == "L"], cb, "SPAK", population=18)
    assert (lo, hi) == pytest.approx((direct.ci_bawah, direct.ci_atas))
    total = compute_index(r, cb, "SPAK", population=36)
    assert t.iloc[-1]["ci_bawah"] == pytest.approx(total.ci_bawah)
