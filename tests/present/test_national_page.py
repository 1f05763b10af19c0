"""The national pages (present/national_page.py) from a hand-made ``rekap_nasional.json``."""

import re

from spakanalysis.present.national_page import national_index_page, national_recap_page

SUMMARY = {
    "periode": "2024-Q3", "periode_label": "Triwulan III 2024", "tanggal_data": "2024-09-18",
    "tanggal_cetak": "2024-09-19", "metode_indeks": "indeks berstrata",
    "total": {"jumlah_kanwil": 2, "jumlah_satker": 9, "satker_tercapai": 7, "satker_perlu_percepatan": 2,
              "satker_data_bermasalah": 0, "persen_satker_tercapai": 700 / 9},
    "indeks_nasional": {"IPKP": 3.38456, "IPAK": None},
    "kanwil": [
        {"peringkat": 1, "kanwil": "Kanwil <A>", "folder": "kanwil-a", "jumlah_satker": 4, "satker_tercapai": 4,
         "persen_satker_tercapai": 100.0, "satker_perlu_percepatan": 0, "satker_data_bermasalah": 0,
         "SPKP_persen": 100.0, "SPAK_persen": 98.25, "IPKP": 3.5, "peringkat_IPKP": 1.0, "IPAK": None,
         "peringkat_IPAK": None},
        {"peringkat": 2, "kanwil": "Kanwil B", "folder": "kanwil-b", "jumlah_satker": 5, "satker_tercapai": 3,
         "persen_satker_tercapai": 60.0, "satker_perlu_percepatan": 2, "satker_data_bermasalah": 1,
         "SPKP_persen": 70.0, "SPAK_persen": 71.0, "IPKP": 3.2, "peringkat_IPKP": 2.0, "IPAK": 3.61,
         "peringkat_IPAK": 1.0},
    ],
}


def _text(page: str) -> str:
    page = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_recap_page_lists_the_kanwils_in_rank_order_with_indonesian_numbers():
    page = national_recap_page(SUMMARY)
    text = _text(page)
    assert "Kanwil &lt;A&gt;" in page and "<A>" not in page  # names are escaped
    assert text.index("Kanwil &lt;A&gt;") < text.index("Kanwil B")
    assert "7 (77,8%)" in text and "IPKP nasional 3,38" in text and "IPAK nasional –" in text
    assert "3 (60,0%)" in text and "98,3%" in text  # 98,25 rounded half up
    assert "3,50 (1)" in text and "3,61 (1)" in text and "3,20 (2)" in text
    assert "Rabu, 18 September 2024" in text


def test_index_page_links_each_kanwil_and_says_which_recap_is_missing():
    page = national_index_page(SUMMARY, {"Kanwil <A>": ("kanwil/kanwil-a/index.html", "kanwil/kanwil-a/rekap.html"),
                                         "Kanwil B": None}, ada_pdf=False)
    links = re.findall(r'href="([^"]+)"', page)
    assert links == ["rekap_nasional.html", "kanwil/kanwil-a/index.html", "kanwil/kanwil-a/rekap.html"]
    assert "rekap Kanwil tidak dibuat" in page
    with_pdf = national_index_page(SUMMARY, {}, ada_pdf=True)
    assert re.findall(r'href="([^"]+)"', with_pdf) == ["rekap_nasional.html", "rekap_nasional.pdf"]
