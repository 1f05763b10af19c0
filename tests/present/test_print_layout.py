"""Long unbroken text (evidence URLs, pasted links in comments) wraps inside its column in the PDF.

WeasyPrint lays the page out; every box must end inside the page's content area. A table whose
cell holds an unbroken 100-character URL otherwise runs past the right margin (and is cut off
in print), which the follow-up table did before ``table.tindak-lanjut`` wrapped its cells.
"""

from __future__ import annotations

import pytest

pytest.importorskip("nbconvert")
weasyprint = pytest.importorskip("weasyprint")

from nbformat.v4 import new_code_cell, new_notebook, new_output  # noqa: E402

from spakanalysis.pipeline import render  # noqa: E402
from spakanalysis.present.display import fragment  # noqa: E402
from spakanalysis.present.print_html import for_print  # noqa: E402

URL = ("https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijk"
       "?usp=sharing&resourcekey=0-AbCdEfGhIjKlMnOp")
KOLOM = ["Unsur/tema", "Masalah", "Rencana aksi", "Penanggung jawab", "Target", "Keadaan", "Bukti"]
BARIS = ["Kecepatan pelayanan", "Antrean panjang di loket kunjungan pada hari Senin",
         "Menambah petugas loket dan nomor antrean daring", "Kepala Seksi Pelayanan", "Rabu, 18 September 2024",
         {"teks": "Selesai Rabu, 18 September 2024", "kelas": "status status-tercapai"}, URL]


def _follow_up() -> str:
    part = {"judul": "Hasil tindak lanjut Triwulan II 2024", "kolom": KOLOM, "baris": [BARIS], "kosong": "", "catatan": ""}
    return fragment("tindak_lanjut", [part], berkas="umpan_balik.html.j2")


def _comments() -> str:
    row = {"tanggal": "Rabu, 18 September 2024", "layanan": "Kunjungan", "saran": f"Bukti antrean ada di {URL} mohon dicek"}
    return fragment("saran", [row], 1, 1)


def _quotes() -> str:
    quotes = [{"label": "Kecepatan pelayanan", "kutipan": [f"Lihat {URL}"]}]
    return fragment("tema", "Tema saran.", [], [], quotes, "", "", berkas="umpan_balik.html.j2")


def _pages(fragment_html: str):
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [new_code_cell("x", outputs=[new_output("display_data", data={"text/html": fragment_html, "text/plain": "x"})])]
    html = for_print(render.notebook_to_html(nb, judul="Uji tata letak", nama_satker="Satker Uji"))
    return weasyprint.HTML(string=html, media_type="print").render(presentational_hints=True).pages


@pytest.mark.parametrize("build", [_follow_up, _comments, _quotes], ids=["tindak_lanjut", "saran", "kutipan"])
def test_long_urls_stay_inside_the_margins(build):
    html = build()
    assert URL in html.replace("&amp;", "&")
    for page in _pages(html):
        root = page._page_box.children[0]
        right = root.content_box_x() + root.width
        widest = max(b.position_x + b.margin_width() for b in root.descendants() if hasattr(b, "margin_width"))
        assert widest <= right + 0.5, f"a box ends {widest - right:.0f} px past the right margin"


def test_follow_up_words_are_not_split():
    """Only the evidence column may break inside a word: "Kecepatan" and the dates keep whole words."""
    texts = [b.text for page in _pages(_follow_up()) for b in page._page_box.descendants() if hasattr(b, "text")]
    for word in ("Kecepatan", "pelayanan", "September", "Penanggung", "Menambah", "kunjungan"):
        assert any(word in t for t in texts), f"{word!r} is split across lines"
