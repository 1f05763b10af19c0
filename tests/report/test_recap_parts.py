"""The recap's parts on a hand-made table: status counts, Kanwil totals, recommendations."""

import numpy as np
import pandas as pd
import pytest

from spakanalysis.core.enums import Outcome, Status
from spakanalysis.report.recap_advice import recap_recommendations
from spakanalysis.report.recap_table import STATUS_ORDER, kanwil_totals, status_counts


def _table() -> pd.DataFrame:
    return pd.DataFrame({
        "kode_satker": ["C", "A", "B"],
        "nama_satker": ["Satker C", "Satker A", "Satker B"],
        "status": ["Data bermasalah", "Tercapai", "Kritis"],
        "data_bermasalah": [True, False, False],
        "populasi": [np.nan, 48, 100],
        "minimum": [np.nan, 43, 80],
        "SPKP_sah": [np.nan, 50, 40],
        "SPAK_sah": [np.nan, 10, 80],
    })


def test_status_counts_keep_the_order_best_first_then_outcomes():
    t = pd.DataFrame({"status": ["Kritis", "Tercapai", "Gagal dibuat", "Kritis", "Data bermasalah"]})
    counts = status_counts(t)
    assert counts.to_dict() == {"Tercapai": 1, "Kritis": 2, "Data bermasalah": 1, "Gagal dibuat": 1}
    assert list(counts.index) == ["Tercapai", "Kritis", "Data bermasalah", "Gagal dibuat"]
    assert STATUS_ORDER[-2:] == (Outcome.DATA_PROBLEM, Outcome.NOT_MADE) and STATUS_ORDER[:2] == (Status.TARGET_NOT_YET, Status.ACHIEVED)


def test_kanwil_totals_cap_each_satker_at_its_minimum():
    tot = kanwil_totals(_table())
    assert {k: tot[k] for k in ("jumlah_satker", "satker_tercapai", "satker_perlu_percepatan", "satker_data_bermasalah",
                                "pengguna_layanan", "minimum", "SPKP_sah", "SPAK_sah")} == {
        "jumlah_satker": 3, "satker_tercapai": 1, "satker_perlu_percepatan": 1, "satker_data_bermasalah": 1,
        "pengguna_layanan": 148, "minimum": 123, "SPKP_sah": 90, "SPAK_sah": 90}
    assert tot["SPKP_persen"] == pytest.approx((43 + 40) / 123 * 100)  # A's surplus of 7 does not count
    assert tot["SPAK_persen"] == pytest.approx((10 + 80) / 123 * 100)
    assert list(tot) == ["jumlah_satker", "satker_tercapai", "satker_perlu_percepatan", "satker_data_bermasalah",
                         "pengguna_layanan", "minimum", "SPKP_sah", "SPKP_persen", "SPAK_sah", "SPAK_persen"]


def test_recap_recommendations_name_the_satkers_behind_and_the_failed():
    table = _table()
    advice = recap_recommendations(table, {"C": "kolom hilang"}, kanwil_totals(table))
    assert advice == [
        "1 satker perlu percepatan: Satker B. Minta setiap satker tersebut menetapkan target harian sesuai laporan "
        "masing-masing dan melaporkan progres mingguan.",
        "1 satker belum mendapat laporan karena data bermasalah atau gagal dibuat (lihat lampiran): perbaiki lalu "
        "jalankan ulang sebelum laporan dikirim.",
        "Kirim laporan per satker kepada pimpinan masing-masing dan umumkan infografis capaian (SPKP 67,5%, SPAK 73,2% "
        "dari target Kanwil).",
    ]


def test_recap_recommendations_call_the_satkers_without_responses():
    table = _table().assign(SPKP_sah=[np.nan, 50, 0], status=["Data bermasalah", "Tercapai", "Tercapai"])
    advice = recap_recommendations(table, {}, kanwil_totals(table))
    assert advice[0] == ("Belum ada respons sama sekali bulan ini di: Satker B. Kanwil perlu menghubungi satker "
                         "tersebut minggu ini.")
    assert len(advice) == 2
