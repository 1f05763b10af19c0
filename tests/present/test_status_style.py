"""How statuses look: badge classes and chart colours keyed by core.enums, used by display and index page."""

import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from spakanalysis.core.enums import Outcome, Status
from spakanalysis.present import display
from spakanalysis.present.charts import COLOURS, WARNA_STATUS
from spakanalysis.present.index_page import index_page
from spakanalysis.present.status_style import NEUTRAL_CSS_CLASS, STATUS_COLOURS, STATUS_CSS_CLASS, css_class

TEMPLATES = Path(display.__file__).parent / "templates"


def _css_classes(path: Path) -> set[str]:
    return set(re.findall(r"\.(status-[a-z]+)", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("sheet", ["monev/gaya_monev.css", "fragmen/indeks.html.j2"])
def test_every_status_and_outcome_has_a_class_the_style_sheet_defines(sheet):
    assert set(STATUS_CSS_CLASS) == {*Status, *Outcome}
    assert set(STATUS_CSS_CLASS.values()) | {NEUTRAL_CSS_CLASS} <= _css_classes(TEMPLATES / sheet)


def test_class_lookup_by_label_enum_or_unknown():
    assert css_class("Perlu percepatan") == css_class(Status.NEEDS_ACCELERATION) == "status-percepatan"
    assert css_class(Outcome.NOT_MADE) == "status-kritis" and css_class("Tercapai") == "status-tercapai"
    assert css_class("?") == "status-netral" and css_class("", "") == ""


def test_every_progress_status_has_a_chart_colour():
    assert set(STATUS_COLOURS) == set(Status) and WARNA_STATUS is STATUS_COLOURS
    assert STATUS_COLOURS["Tidak tercapai"] == "#8e1f14" and COLOURS["SPKP"] == "#1f5f8b"


def test_recap_status_counts_show_each_badge_with_its_class():
    rk = SimpleNamespace(jumlah_status=pd.Series({"Tercapai": 3, "Gagal dibuat": 1}))
    html = display.recap_status_counts(rk).data
    assert '<td class="status status-tercapai">Tercapai</td><td class="angka">3</td>' in html
    assert '<td class="status status-kritis">Gagal dibuat</td><td class="angka">1</td>' in html


def test_index_page_marks_a_report_not_made_as_such():
    table = pd.DataFrame({"kode_satker": ["A", "B"], "nama_satker": ["Satker A", "Satker B"], "jenis_satker": "Rutan",
                          "status": ["Sesuai target", "Tercapai"], "SPKP_persen": [80.0, 100.0],
                          "SPAK_persen": [70.0, 100.0]})
    results = {"A": SimpleNamespace(status="berhasil", pesan=None), "B": SimpleNamespace(status="gagal", pesan="rusak")}
    html = index_page(table, results, kanwil="Kanwil NTT", periode_label="Triwulan III 2024",
                      tanggal_data=date(2024, 9, 18), ada_rekap=True)
    assert '<span class="status status-sesuai">Sesuai target</span>' in html
    assert '<span class="status status-kritis">Gagal dibuat</span>' in html and "Tercapai" not in html
    assert "rusak" in html


def test_survey_sections_of_a_report_without_indices():
    lap = SimpleNamespace(indeks=None)
    assert "Indeks tidak dihitung untuk laporan ini." in display.index_cards(lap).data
    assert display.priorities(lap).data == display.demography_table(lap).data == display.service_table(lap).data == ""
    assert display.item_charts(lap) is None
