"""Follow-up status and feedback themes in ``rekap.xlsx`` and ``paparan.pptx``, from a hand-made ``rekap.json``.

The figures are invented and checked by hand: 12 actions, 5 done, 1 cancelled → 5 / 11 = 45,45 % done.
"""

from __future__ import annotations

import copy
import io

import openpyxl
import pytest
from pptx import Presentation

from _bahan import batch_documents
from spakanalysis.present.deck import meeting_deck
from spakanalysis.present.workbooks import recap_workbook, workbook_bytes

TINDAK_LANJUT = {
    "ada_register": True, "jumlah_aksi": 12, "selesai": 5, "terlambat": 4, "batal": 1, "persen_selesai": 45.45,
    "satker_dengan_aksi": 2, "satker_terlambat": ["LPKUPANG"],
    "satker": [
        {"kode_satker": "LPKUPANG", "nama_satker": "Lapas Kelas IIA Kupang", "jumlah_aksi": 8, "selesai": 2,
         "berjalan": 1, "direncanakan": 0, "terlambat": 4, "batal": 1, "persen_selesai": 28.57,
         "terlambat_hari_maks": 34},
        {"kode_satker": "KWNTT", "nama_satker": "Kanwil NTT", "jumlah_aksi": 4, "selesai": 3, "berjalan": 0,
         "direncanakan": 1, "terlambat": 0, "batal": 0, "persen_selesai": 75.0, "terlambat_hari_maks": 0},
    ],
}
TEMA = {"periode_sebelumnya": "2024-Q2", "satker": [], "kanwil": [
    {"tema": "calo", "label": "Percaloan", "jumlah": 3, "pangsa": 0.0125, "jumlah_satker": 2, "jumlah_korupsi": 3},
    {"tema": "antrean", "label": "Antrean", "jumlah": 60, "pangsa": 0.25, "jumlah_satker": 9, "jumlah_korupsi": 0},
]}


@pytest.fixture(scope="module")
def docs():
    _ds, rekap, ringkasan, _lap = batch_documents()
    rekap = copy.deepcopy(rekap)
    rekap["tindak_lanjut"], rekap["tema_saran"] = TINDAK_LANJUT, TEMA
    return rekap, ringkasan


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_recap_workbook_has_follow_up_and_theme_sheets(docs):
    rekap, ringkasan = docs
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(recap_workbook(rekap, ringkasan))))
    assert wb.sheetnames.index("Tindak lanjut") < wb.sheetnames.index("Tema saran") < wb.sheetnames.index("Rekomendasi")
    rows = _rows(wb["Tindak lanjut"])
    assert rows[0][:3] == ["Kode satker", "Nama satker", "Aksi"]
    assert rows[1] == ["LPKUPANG", "Lapas Kelas IIA Kupang", 8, 2, 1, 0, 4, 1, pytest.approx(0.2857), 34]
    assert wb["Tindak lanjut"]["I2"].number_format == "0.0%"
    assert _rows(wb["Tema saran"])[1:] == [["Percaloan", 3, 0.0125, 2, 3], ["Antrean", 60, 0.25, 9, 0]]


def test_recap_workbook_without_register_or_themes_has_neither_sheet(docs):
    rekap, ringkasan = copy.deepcopy(docs[0]), docs[1]
    rekap["tindak_lanjut"] = {"ada_register": False, "satker": []}
    rekap["tema_saran"] = {"kanwil": []}
    names = recap_workbook(rekap, ringkasan).sheetnames
    assert "Tindak lanjut" not in names and "Tema saran" not in names


def test_deck_has_follow_up_and_theme_slides(docs):
    rekap, ringkasan = docs
    slides = list(Presentation(io.BytesIO(meeting_deck(rekap, ringkasan, None))).slides)
    by_title = {s.shapes[0].text_frame.text: s for s in slides if s.shapes and s.shapes[0].has_text_frame}
    follow = by_title["Status tindak lanjut"]
    table = next(s for s in follow.shapes if s.has_table).table
    assert [c.text for c in table.rows[1].cells] == ["Lapas Kelas IIA Kupang", "8", "2", "1", "0", "4", "1"]
    texts = " ".join(s.text_frame.text for s in follow.shapes if s.has_text_frame)
    assert "12 aksi, 45,5% selesai" in texts and "terlambat: LPKUPANG" in texts
    themes = next(s for s in by_title["Tema saran/masukan pengguna layanan"].shapes if s.has_table).table
    assert [c.text for c in themes.rows[1].cells] == ["Percaloan", "3", "1,3%", "2", "3"]
    assert [c.text for c in themes.rows[2].cells][:3] == ["Antrean", "60", "25,0%"]
