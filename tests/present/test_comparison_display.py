"""What the report shows of the previous period, the monthly trend and the weekly table."""

import math
from pathlib import Path

import pandas as pd
import pytest

from spakanalysis.present import comparison_display as shown
from spakanalysis.present import display
from spakanalysis.present.change_text import change_note, previous_month_note, signed
from spakanalysis.present.charts import png_bytes
from spakanalysis.present.trend_chart import chart_trend
from spakanalysis.report.recap import build_recap
from spakanalysis.report.satker_report import build_satker_report
from spakanalysis.stats.comparison import compare_value

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture(scope="module")
def atambua(sample):
    return build_satker_report(sample, "LPATAMBUA", "2024-Q3", tanggal_data="2024-09-18")


def test_signed_changes_and_notes():
    assert (signed(0.051), signed(-0.12), signed(0.004), signed(math.nan)) == ("+0,05", "−0,12", "0,00", "–")
    c = compare_value(3.40, 3.30, (3.35, 3.45), (3.24, 3.36))
    assert change_note(c, "Triwulan II 2024") == "Triwulan II 2024: 3,30 · +0,10 (tidak berbeda bermakna)"
    assert change_note(compare_value(76.2, 80.0), "Juni 2024", percent=True) == "Juni 2024: 80,0% · −3,8 poin (turun)"
    assert change_note(compare_value(3.4, None), "Triwulan I 2024") == "Triwulan I 2024: Tidak ada data periode sebelumnya"


def test_cards_carry_the_previous_period(atambua):
    cards = display.summary_cards(atambua).data
    assert "Agustus 2024: 118,1%" in cards  # the month before the running month
    assert "Capaian SPKP periode ini" in cards and "76,2%" in cards
    assert "Triwulan II 2024: Target belum berlaku pada periode sebelumnya" in cards
    ipkp = atambua.pembanding.indeks["IPKP"]
    assert f"Triwulan II 2024: {ipkp.sebelum:.2f}".replace(".", ",") in display.index_cards(atambua).data


def test_unsur_table_and_weekly_table(atambua):
    html = shown.unsur_comparison(atambua).data
    assert html.count("<tr>") == 1 + 8 + 1 + 5  # header + SPKP unsur, header + SPAK unsur
    assert "Unsur SPKP dibandingkan dengan Triwulan II 2024" in html
    weekly = shown.weekly_table(atambua).data
    assert "Respons sah per minggu, September 2024" in weekly
    assert "<td>2–8 Sep</td>" in weekly and "23 / 59,3" in weekly and "– / 9,9" in weekly


def test_months_before_the_target_show_no_minimum(sample):
    lap = build_satker_report(sample, "LPATAMBUA", "2024-Q2", tanggal_data="2024-06-30")
    table = display.target_table(lap).data
    assert "Tidak tercapai" not in table and table.count("Target belum berlaku") >= 6
    assert "Minimum responden berlaku mulai 1 Juli 2024" in table
    cards = display.summary_cards(lap).data
    assert "200 sah" in cards and "/ 0" not in cards  # June: valid responses without a minimum
    assert "Capaian SPKP periode ini" not in cards  # no attainment now nor before: no card
    assert shown.weekly_table(lap).data.count("/ –") == 2 * 5  # June 2024 has 5 weeks, no share of a minimum


def test_trend_chart_draws_attainment_only_where_the_target_applies(atambua):
    fig = chart_trend(atambua.tren)
    top, bottom = fig.axes
    assert len(bottom.patches) == 2 * 3 + 6  # SPKP and SPAK bars for Jul-Sep, one shaded span per month before July
    assert [t.get_text() for t in bottom.get_xticklabels()][0] == "Jan\n2024"
    assert png_bytes(chart_trend(atambua.tren)) == png_bytes(chart_trend(atambua.tren))  # same data, same bytes
    assert previous_month_note(atambua.tren, "2024-07", "SPKP") == "Juni 2024: target belum berlaku"


def test_empty_trend_is_said_in_words():
    class Lap:
        tren = pd.DataFrame()
        mingguan = None

    assert "Belum ada data bulanan" in shown.trend_chart(Lap()).data
    assert shown.weekly_table(Lap()).data == ""


def test_recap_comparison_table(sample):
    rk = build_recap(sample, "2024-Q3", tanggal_data="2024-09-18")
    html = shown.recap_comparison_table(rk).data
    assert "Dibandingkan dengan Triwulan II 2024" in html and "→" in html
    assert html.count("<tr>") == 1 + len(rk.pembanding["satker"])
    assert "Tidak ada data periode sebelumnya" in html  # RBKUPANG has no response at all
