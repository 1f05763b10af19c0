"""``paparan.pptx`` opened with python-pptx and checked against the recap of ``tests/data/mini`` (2024-08-20).

Hand-checked figures (see tests/present/test_workbooks.py): RBKUPANG 0/18, daily target 3, and
LPKUPANG 4/36 = 11,1 %, daily target 4, are Kritis (they need acceleration); KWNTT is Sesuai
target. Kanwil SPKP 21/79 = 26,6 %, SPAK 20/79 = 25,3 %. 2024-08-22 is a Thursday.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from _bahan import batch_documents
from spakanalysis.present.deck import attainment_chart_png, meeting_deck

RAPAT = "2024-08-22"


@pytest.fixture(scope="module")
def docs():
    _ds, rekap, ringkasan, _lap = batch_documents()
    return rekap, ringkasan


@pytest.fixture(scope="module")
def deck(docs):
    rekap, ringkasan = docs
    return meeting_deck(rekap, ringkasan, None, tanggal_rapat=RAPAT)


def _slides(data: bytes):
    return list(Presentation(io.BytesIO(data)).slides)


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]


def _table(slide) -> list[list[str]]:
    frame = next(s for s in slide.shapes if s.has_table)
    return [[c.text for c in row.cells] for row in frame.table.rows]


def test_deck_is_16_9_with_the_expected_slides(deck):
    prs = Presentation(io.BytesIO(deck))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))  # 13,333 × 7,5 in
    titles = [_texts(s)[0] for s in prs.slides]
    assert titles == ["Rapat Evaluasi Monev Survei SPKP & SPAK", "Ringkasan Kanwil", "Peringkat capaian bulan berjalan",
                      "Satker yang perlu percepatan", "Indeks dan kesiapan Zona Integritas",
                      "Tema saran/masukan pengguna layanan", "Rekomendasi"]  # no follow-up register in the mini data


def test_title_and_summary_slides(deck, docs):
    rekap, _ = docs
    first, summary = _slides(deck)[:2]
    assert _texts(first)[1:] == ["Kanwil Kemenkumham NTT", "Triwulan III 2024",
                                 "Rapat: Kamis, 22 Agustus 2024\nData per 20 Agustus 2024"]
    text = "\n".join(_texts(summary))
    for expected in ("26,6%", "25,3%", "21 respons sah; minimum 79", "20 respons sah; minimum 79",
                     "0 tercapai · 2 perlu percepatan"):
        assert expected in text
    assert _table(summary) == [["Status bulan berjalan", "Jumlah satker"], ["Sesuai target", "1"], ["Kritis", "2"]]
    assert f"{rekap['indeks_kanwil']['IPKP']:.2f}".replace(".", ",") in text


def test_acceleration_table_lists_the_satkers_and_their_daily_targets(deck):
    table = _table(_slides(deck)[3])
    assert table == [
        ["Satker", "Status", "Minimum", "SPKP sah", "SPKP %", "SPKP/hari", "SPAK sah", "SPAK %", "SPAK/hari"],
        ["Rupbasan Uji Mini Kupang", "Kritis", "18", "0", "0,0%", "3", "0", "0,0%", "3"],
        ["Lapas Uji Mini Kupang", "Kritis", "36", "4", "11,1%", "4", "4", "11,1%", "4"],
    ]


def test_index_table_and_recommendations(deck, docs):
    rekap, _ = docs
    slides = _slides(deck)
    table = _table(slides[4])
    assert table[0] == ["Satker", "IPKP (IK 95%)", "IPAK (IK 95%)", "Kesiapan WBK", "Kesiapan WBBM"]
    assert table[3] == ["Kantor Wilayah Uji Mini NTT", "3,63 (3,63–3,63)", "4,00 (4,00–4,00)",
                        "belum dapat disimpulkan", "belum dapat disimpulkan"]
    assert table[1][:3] == ["Rupbasan Uji Mini Kupang", "–", "–"]  # no answers, no index
    body = next(t for t in _texts(slides[-1]) if t.startswith("•"))
    assert body.split("\n") == [f"• {r}" for r in rekap["rekomendasi"]]


def test_chart_is_an_image_and_a_given_chart_is_used(deck, docs):
    rekap, ringkasan = docs
    pictures = [s for s in _slides(deck)[2].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1 and pictures[0].image.blob == attainment_chart_png(rekap)
    given = attainment_chart_png({"tabel": rekap["tabel"][:1]})
    other = meeting_deck(rekap, ringkasan, {"capaian": given})
    pic = next(s for s in _slides(other)[2].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert pic.image.blob == given
    assert _texts(_slides(other)[0])[-1] == "Data per 20 Agustus 2024"  # no meeting date given: no meeting line


def test_markup_from_data_stays_literal_and_many_rows_continue(docs):
    rekap, ringkasan = copy.deepcopy(docs[0]), docs[1]
    rekap["tabel"][0]["nama_satker"] = "$x$ <b>tebal</b> {{ nama }}"
    rekap["kanwil"] = "Kanwil <i>Uji</i> & {% raw %}"
    rekap["tabel"] += [dict(rekap["tabel"][1], kode_satker=f"X{i}", nama_satker=f"Satker {i}") for i in range(10)]
    slides = _slides(meeting_deck(rekap, ringkasan, None))
    assert _texts(slides[0])[1] == "Kanwil <i>Uji</i> & {% raw %}"
    first, second = _table(slides[3]), _table(slides[4])
    assert first[1][0] == "$x$ <b>tebal</b> {{ nama }}"
    assert len(first) == 11 and len(second) == 3  # 12 satkers: 10 on the first slide, 2 on the next
    assert _texts(slides[4])[0] == "Satker yang perlu percepatan (lanjutan)"


def test_long_recommendations_continue_on_a_second_slide(docs):
    rekap, ringkasan = copy.deepcopy(docs[0]), docs[1]
    rekap["rekomendasi"] = ["a" * 500, "b" * 500, "c"]  # 900 characters at most per slide
    slides = _slides(meeting_deck(rekap, ringkasan, None))
    assert [_texts(s)[0] for s in slides[-2:]] == ["Rekomendasi", "Rekomendasi (lanjutan)"]
    assert [t for t in _texts(slides[-2]) if t.startswith("•")] == ["• " + "a" * 500]
    assert [t for t in _texts(slides[-1]) if t.startswith("•")] == ["• " + "b" * 500 + "\n• c"]


def test_same_inputs_same_bytes(deck, docs):
    rekap, ringkasan = docs
    assert meeting_deck(copy.deepcopy(rekap), copy.deepcopy(ringkasan), None, tanggal_rapat=RAPAT) == deck
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 8, 20, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2024-08-20T00:00:00Z") == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_libreoffice_renders_every_slide(deck, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    src = tmp_path / "paparan.pptx"
    src.write_bytes(deck)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=240)
    reader = pypdf.PdfReader(tmp_path / "paparan.pdf")
    assert len(reader.pages) == 7
    page = reader.pages[3].extract_text()
    assert "Rupbasan Uji Mini Kupang" in page and "Lapas Uji Mini Kupang" in page
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert width / height == pytest.approx(16 / 9, rel=1e-3)
