"""The index page links the letters, the satker workbooks, rekap.xlsx and paparan.pptx only where they exist."""

from datetime import date
from types import SimpleNamespace

import pandas as pd

from spakanalysis.present.index_page import index_page


def _page(out_dir):
    table = pd.DataFrame({"kode_satker": ["A", "B"], "nama_satker": ["Satker A", "Satker B"], "jenis_satker": "Rutan",
                          "status": ["Sesuai target", "Tercapai"], "SPKP_persen": [80.0, 100.0], "SPAK_persen": [70.0, 100.0]})
    results = {"A": SimpleNamespace(status="berhasil", pesan=None), "B": SimpleNamespace(status="berhasil", pesan=None)}
    return index_page(table, results, kanwil="Kanwil NTT", periode_label="Triwulan III 2024",
                      tanggal_data=date(2024, 9, 18), ada_rekap=True, out_dir=out_dir)


def test_links_follow_the_files_on_disk(tmp_path):
    for name in ("A/laporan.pdf", "A/surat_pengantar.pdf", "A/laporan.xlsx", "B/laporan.pdf", "rekap.xlsx"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    html = _page(tmp_path)
    assert '<a href="A/surat_pengantar.pdf">Surat pengantar</a>' in html
    assert '<a href="A/laporan.xlsx">Excel</a>' in html
    assert "B/surat_pengantar.pdf" not in html and "B/laporan.xlsx" not in html
    assert '<a href="rekap.xlsx">Rekap (Excel)</a>' in html and "paparan.pptx" not in html
    (tmp_path / "paparan.pptx").write_bytes(b"x")
    assert '<a href="paparan.pptx">Paparan rapat (PowerPoint)</a>' in _page(tmp_path)


def test_without_the_folder_no_office_or_letter_links():
    html = _page(None)
    assert "surat_pengantar" not in html and ".xlsx" not in html and ".pptx" not in html
