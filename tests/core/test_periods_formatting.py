from datetime import date

import pytest

from spakanalysis.core.errors import ParameterError
from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal
from spakanalysis.core.periods import parse_periode
from spakanalysis.data.privacy import SAMARAN, mask_personal_text


@pytest.mark.parametrize(
    "text, start, end, label",
    [
        ("2024-07", date(2024, 7, 1), date(2024, 7, 31), "Juli 2024"),
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30), "Triwulan III 2024"),
        ("2024-S2", date(2024, 7, 1), date(2024, 12, 31), "Semester II 2024"),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "Tahun 2024"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "Februari 2024"),
    ],
)
def test_parse_periode(text, start, end, label):
    p = parse_periode(text)
    assert (p.mulai, p.akhir, p.label) == (start, end, label)


def test_explicit_range_splits_into_clipped_months():
    p = parse_periode("2024-07-15..2024-08-10")
    assert [(b.mulai, b.akhir) for b in p.bulan()] == [(date(2024, 7, 15), date(2024, 7, 31)), (date(2024, 8, 1), date(2024, 8, 10))]


@pytest.mark.parametrize("bad", ["2024-13", "Q3-2024", "", "2024-09-31..2024-10-01", "2024-10-01..2024-09-01"])
def test_malformed_period_names_the_value(bad):
    with pytest.raises(ParameterError) as e:
        parse_periode(bad)
    assert "Periode" in str(e.value)


def test_indonesian_formats():
    assert format_tanggal(date(2024, 6, 19)) == "Rabu, 19 Juni 2024"
    assert format_persen(85.25) == "85,3%"  # half up, not half even
    assert format_angka(1234567) == "1.234.567"
    assert format_angka(3.14159, 2) == "3,14"
    assert format_angka(float("nan")) == "–"


def test_personal_data_in_free_text_is_masked():
    s = "Hubungi 0812-3456-7890 / +62 813 1111 2222, budi@contoh.id, NIK 5371012345678901. Antri 2 jam."
    out = mask_personal_text(s)
    for secret in ("0812", "813 1111", "budi@", "5371012345678901"):
        assert secret not in out
    assert out.count(SAMARAN) == 4 and "Antri 2 jam." in out


def test_year_zero_is_a_parameter_error():
    with pytest.raises(ParameterError, match="di luar kalender"):
        parse_periode("0000-Q1")


def test_bracketed_phone_numbers_are_masked():
    out = mask_personal_text("hubungi (0812) 3456 7890 atau (0380) 821234, antri 2 jam tahun 2024")
    assert "3456" not in out and "821234" not in out and "antri 2 jam tahun 2024" in out
