"""Report parameters (dates, the sample rule, the print date) and the feedback a report shows."""

from datetime import date, datetime

import pandas as pd
import pytest

from spakanalysis.core.errors import ParameterError
from spakanalysis.core.periods import parse_periode
from spakanalysis.report.feedback import LATEST_FEEDBACK, counted_responses, latest_feedback
from spakanalysis.report.parameters import as_date, default_print_date, sample_rule
from spakanalysis.report.satker_report import tanggal_cetak_bawaan
from spakanalysis.stats.progress import AturanSampel


def test_as_date_accepts_dates_text_and_blanks():
    assert as_date(" 2024-09-18 ", "tanggal_data") == date(2024, 9, 18)
    assert as_date(datetime(2024, 9, 18, 23, 59), "tanggal_data") == date(2024, 9, 18)
    assert as_date(date(2024, 7, 1), "mulai") == date(2024, 7, 1)
    assert as_date(None, "mulai") is None and as_date("  ", "mulai") is None


def test_as_date_names_the_parameter_and_the_format():
    with pytest.raises(ParameterError, match=r'Parameter tanggal_rapat "2024-09-31" tidak valid: gunakan format '
                                             r"tanggal YYYY-MM-DD, mis\. 2024-09-30\."):
        as_date("2024-09-31", "tanggal_rapat")


def test_print_date_follows_source_date_epoch_in_wita(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1726677000")  # 2024-09-18T16:30Z = 19 Sept 00:30 WITA
    assert default_print_date() == date(2024, 9, 19)
    assert tanggal_cetak_bawaan is default_print_date  # deprecated name kept


@pytest.mark.parametrize("value", ["", "abc", "-5"])
def test_print_date_without_a_usable_epoch_is_today_in_wita(monkeypatch, value):
    from spakanalysis.stats.progress import hari_ini_wita

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert default_print_date() == hari_ini_wita()


def test_sample_rule_converts_the_parameters():
    assert sample_rule("slovin", "0.1", "30") == AturanSampel(aturan="slovin", galat=0.1, lantai=30)
    assert sample_rule("ntt-2024", 0.05, 0) == AturanSampel(lantai=None)


@pytest.mark.parametrize("args, message", [
    (("acak", 0.05, None), 'Aturan "acak" tidak dikenal; pilih salah satu: '),
    (("slovin", "x", None), 'Galat "x" harus bilangan antara 0 dan 1, mis. 0.05.'),
    (("slovin", 1.5, None), 'Galat "1.5" harus bilangan antara 0 dan 1, mis. 0.05.'),
    (("slovin", 0.05, "tiga"), 'Lantai "tiga" harus bilangan bulat, mis. 30.'),
    (("slovin", 0.05, -3), 'Lantai "-3" harus bilangan bulat ≥ 0, mis. 30.'),
])
def test_sample_rule_rejects_bad_parameters_in_indonesian(args, message):
    with pytest.raises(ParameterError) as err:
        sample_rule(*args)
    assert str(err.value).startswith(message)


def _responses() -> pd.DataFrame:
    rows = [  # respondent, excluded, complete SPKP, complete SPAK, local date, comment
        ("eksternal", None, True, True, "2024-07-05", "Bagus"),          # counted
        ("internal", None, True, True, "2024-07-06", "Pegawai"),         # internal
        ("eksternal", None, True, True, "2024-06-30", "Juni"),           # before the period
        ("eksternal", "duplikat", True, True, "2024-07-07", "Ganda"),    # excluded by validation
        ("eksternal", None, False, True, "2024-07-10", "   "),           # counted (SPAK), blank comment
        ("eksternal", None, True, True, "2024-09-20", "Sesudah"),        # after the cut-off
        ("eksternal", None, True, False, "2024-08-01", "Antrian lama"),  # counted (SPKP)
        ("Eksternal", None, False, False, "2024-08-02", "Tidak lengkap"),  # complete for neither
    ]
    frame = pd.DataFrame(rows, columns=["jenis_responden", "dikecualikan", "lengkap_spkp", "lengkap_spak",
                                        "tanggal_lokal", "saran"])
    frame["waktu_isi"] = pd.to_datetime(frame["tanggal_lokal"]) + pd.Timedelta(hours=9)
    frame["jenis_layanan"] = "Paspor"
    return frame


def test_counted_responses_are_valid_for_an_instrument_inside_the_window():
    counted = counted_responses(_responses(), parse_periode("2024-Q3"), date(2024, 9, 18))
    assert counted.tolist() == [True, False, False, False, True, False, True, False]


def test_feedback_is_the_counted_comments_newest_first():
    frame = _responses()
    feedback = latest_feedback(frame, counted_responses(frame, parse_periode("2024-Q3"), date(2024, 9, 18)))
    assert feedback.count == 2
    assert feedback.latest["saran"].tolist() == ["Antrian lama", "Bagus"]
    assert list(feedback.latest.columns) == ["tanggal_lokal", "jenis_layanan", "saran"]


def test_feedback_shows_only_the_latest_ten():
    frame = pd.DataFrame({"waktu_isi": pd.date_range("2024-07-01", periods=12, freq="D"),
                          "tanggal_lokal": pd.date_range("2024-07-01", periods=12, freq="D").date,
                          "jenis_layanan": "Visa", "saran": [f"saran {i}" for i in range(12)]})
    feedback = latest_feedback(frame, pd.Series(True, index=frame.index))
    assert LATEST_FEEDBACK == 10
    assert feedback.count == 12 and len(feedback.latest) == 10
    assert feedback.latest["saran"].iloc[0] == "saran 11" and feedback.latest["saran"].iloc[-1] == "saran 2"
