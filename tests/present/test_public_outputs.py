"""Public infographics and the public page, from hand-made summaries (figures checked by hand below)."""

from __future__ import annotations

import hashlib
import json
import struct
from datetime import date

import pytest

from spakanalysis.core.paths import PathError
from spakanalysis.pipeline.public_outputs import write_public_outputs
from spakanalysis.present.public_figures import from_rekap, from_ringkasan
from spakanalysis.present.public_infographic import (
    infographic_a4,
    infographic_square,
    pdf_bytes,
    png_bytes,
    qr_matrix,
)
from spakanalysis.present.public_page import public_page

URL = "https://survei.kemenkumham.example/lpkupang"


def _ringkasan(**extra):
    return {
        "kode_satker": "LPKUPANG", "nama_satker": "Lapas <b>Uji</b> $x^2$ Kupang", "jenis_satker": "Lapas",
        "kanwil": "Kanwil Uji", "periode_label": "Triwulan III 2024", "tanggal_data": "2024-09-18",
        "status": "Kritis",
        "instrumen": {"SPKP": {"target_harian_bulan_berjalan": 987, "capaian_persen_periode": 12.34}},
        "indeks": {
            # 83.486906 → 83.49 → B (≥ 76.61); 88.305 rounds half up to 88.31 → A
            "IPKP": {"nilai_100": 83.486906, "n_respons": 1455,
                     "unsur": [{"unsur": "Prosedur", "n": 1455, "nrr": 3.22}, {"unsur": "Sarana", "n": 1450, "nrr": 3.05}]},
            "IPAK": {"nilai_100": 88.305, "n_respons": 1445},
        },
        **extra,
    }


THEMES = [{"tema": "Ruang tunggu sempit", "jumlah": 41}, {"tema": "Antrian lama", "jumlah": 22},
          {"tema": "Parkir", "jumlah": 5}, {"tema": "Toilet", "jumlah": 3}, {"tema": "Kosong", "jumlah": 0}]
ACTIONS = [{"tindakan": "Menambah 40 kursi di ruang tunggu", "status": "selesai"},
           {"tindakan": "Membangun loket baru", "status": "proses"},
           {"tindakan": "Papan informasi alur layanan <script>", "status": "Selesai"}]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_figures_from_ringkasan_are_taken_not_recomputed():
    f = from_ringkasan(_ringkasan(), tema_saran=THEMES, tindak_lanjut=ACTIONS, url_survei=URL)
    ipkp, ipak = f.indeks
    assert (ipkp.nama, ipkp.nilai, ipkp.mutu, ipkp.kinerja, ipkp.responden) == ("IPKP", 83.486906, "B", "Baik", 1455)
    assert (ipak.nilai, ipak.mutu, ipak.kinerja, ipak.responden) == (88.305, "A", "Sangat baik", 1445)
    assert f.unsur == {"IPKP": [("Prosedur", 3.22), ("Sarana", 3.05)]}
    assert f.tema == (("Ruang tunggu sempit", 41), ("Antrian lama", 22), ("Parkir", 5))  # top three
    assert f.tindakan == ("Menambah 40 kursi di ruang tunggu", "Papan informasi alur layanan <script>")  # done only
    assert f.tanggal_data == date(2024, 9, 18) and f.url_survei == URL


def test_no_index_value_and_malformed_optional_blocks():
    r = _ringkasan()
    r["indeks"] = {"IPKP": {"nilai_100": None, "n_respons": 0}}
    f = from_ringkasan(r, tema_saran=[{"label": "x"}, "teks"], tindak_lanjut=[{"status": "selesai"}])
    assert [(i.nilai, i.mutu, i.responden) for i in f.indeks] == [(None, None, 0), (None, None, None)]
    assert f.tema == () and f.tindakan == () and f.unsur == {}


def test_kanwil_figures_from_rekap():
    rekap = {"kanwil": "Kanwil Uji", "periode_label": "Triwulan III 2024", "tanggal_data": "2024-09-18",
             "indeks_kanwil": {"IPKP": 3.3833, "IPAK": 3.686}, "total": {"jumlah_satker": 21}}
    f = from_rekap(rekap, {"IPKP": 11221, "IPAK": 11177})
    # 3.3833 / 4 × 100 = 84.5825 → B; 3.686 / 4 × 100 = 92.15 → A
    assert [(round(i.nilai, 4), i.mutu, i.responden) for i in f.indeks] == [(84.5825, "B", 11221), (92.15, "A", 11177)]
    assert f.catatan.startswith("21 satuan kerja")


def test_infographic_sizes_and_reproducible_bytes():
    f = from_ringkasan(_ringkasan(), tema_saran=THEMES, tindak_lanjut=ACTIONS, url_survei=URL)
    a4 = png_bytes(infographic_a4(f))
    assert _png_size(a4) == (1240, 1753)  # A4 at 150 dpi
    assert _png_size(png_bytes(infographic_square(f))) == (1080, 1080)
    assert hashlib.sha256(a4).digest() == hashlib.sha256(png_bytes(infographic_a4(f))).digest()
    pdf = pdf_bytes(infographic_a4(f))
    assert pdf.startswith(b"%PDF") and pdf == pdf_bytes(infographic_a4(f))
    assert b"CreationDate" not in pdf and b"Producer" not in pdf


def test_qr_code_only_with_a_url():
    with_qr = infographic_a4(from_ringkasan(_ringkasan(), url_survei=URL))
    without = infographic_a4(from_ringkasan(_ringkasan()))
    assert len(with_qr.axes) == len(without.axes) + 1
    m = qr_matrix(URL)
    size = len(m)
    assert all(len(row) == size for row in m) and (size - 4 - 17) % 4 == 0  # 2-module border, version 1 + 4k
    # the top-left finder pattern: a 7×7 dark ring around a light ring around a 3×3 dark core
    assert all(m[2][2 + k] and m[8][2 + k] and m[2 + k][2] for k in range(7))
    assert not any(m[3][3 + k] for k in range(5)) and all(m[4 + i][4 + j] for i in range(3) for j in range(3))


def test_public_page_has_only_public_figures_and_escapes_text():
    f = from_ringkasan(_ringkasan(), tema_saran=THEMES, tindak_lanjut=ACTIONS)
    k = from_rekap({"kanwil": "Kanwil Uji", "periode_label": "Triwulan III 2024", "tanggal_data": "2024-09-18",
                    "indeks_kanwil": {"IPKP": 3.3833, "IPAK": None}, "total": {"jumlah_satker": 1}})
    files = {"png": "LPKUPANG_infografis.png", "pdf": "LPKUPANG_infografis.pdf", "kotak": "LPKUPANG_infografis_kotak.png"}
    page = public_page(k, [(f, files)], {})
    for shown in ("83,49", "Mutu B · Baik", "88,31", "Mutu A · Sangat baik", "84,58",
                  "1.455 responden", "Ruang tunggu sempit (41 saran)", "Menambah 40 kursi di ruang tunggu",
                  'href="LPKUPANG_infografis.pdf"', "18 September 2024",
                  '<meta name="viewport"'):
        assert shown in page, shown
    assert "Lapas &lt;b&gt;Uji&lt;/b&gt; $x^2$ Kupang" in page and "&lt;script&gt;" in page and "<script" not in page
    for internal in ("Kritis", "987", "12,34", "target", "kekurangan", "Membangun loket baru", "laporan.html",
                     ".xlsx", "bermasalah"):
        assert internal not in page, internal


def test_write_public_outputs(tmp_path):
    (tmp_path / "LPKUPANG").mkdir()
    (tmp_path / "LPKUPANG" / "ringkasan.json").write_text(json.dumps(_ringkasan(url_survei=URL)), encoding="utf-8")
    rekap = {"kanwil": "Kanwil Uji", "periode_label": "Triwulan III 2024", "tanggal_data": "2024-09-18",
             "indeks_kanwil": {"IPKP": 3.3833, "IPAK": 3.686}, "total": {"jumlah_satker": 2},
             "tabel": [{"kode_satker": "LPKUPANG"}, {"kode_satker": "RBGAGAL"}]}
    written = write_public_outputs(tmp_path, rekap)
    assert written == sorted([
        "LPKUPANG/infografis.pdf", "LPKUPANG/infografis.png", "LPKUPANG/infografis_kotak.png",
        "infografis.pdf", "infografis.png", "infografis_kotak.png", "publik/index.html",
        "publik/LPKUPANG_infografis.pdf", "publik/LPKUPANG_infografis.png", "publik/LPKUPANG_infografis_kotak.png",
        "publik/kanwil_infografis.pdf", "publik/kanwil_infografis.png", "publik/kanwil_infografis_kotak.png",
    ])
    page = (tmp_path / "publik" / "index.html").read_text(encoding="utf-8")
    assert "RBGAGAL" not in page and "responden" in page
    # one satker's report is missing: the Kanwil's respondents (a sum over satkers) are left out, not understated
    assert page.count(" responden</small>") == 2
    assert (tmp_path / "publik" / "LPKUPANG_infografis.png").read_bytes() == \
        (tmp_path / "LPKUPANG" / "infografis.png").read_bytes()
    # a code that would leave the output folder is refused, nothing is written outside it
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "ringkasan.json").write_text(json.dumps(_ringkasan()), encoding="utf-8")
    (tmp_path / "keluaran").mkdir()
    with pytest.raises(PathError, match="tidak dapat dipakai"):
        write_public_outputs(tmp_path / "keluaran", {**rekap, "tabel": [{"kode_satker": "../x"}]})
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["ringkasan.json"]


def test_unchanged_infographics_are_not_drawn_again(tmp_path, monkeypatch):
    from spakanalysis.pipeline import public_outputs

    (tmp_path / "LPKUPANG").mkdir()
    summary = tmp_path / "LPKUPANG" / "ringkasan.json"
    summary.write_text(json.dumps(_ringkasan(url_survei=URL)), encoding="utf-8")
    rekap = {"kanwil": "Kanwil Uji", "periode_label": "Triwulan III 2024", "tanggal_data": "2024-09-18",
             "indeks_kanwil": {"IPKP": 3.3833, "IPAK": 3.686}, "total": {"jumlah_satker": 1},
             "tabel": [{"kode_satker": "LPKUPANG"}]}
    first = write_public_outputs(tmp_path, rekap)
    before = {p: (tmp_path / p).read_bytes() for p in first}
    drawn = []
    real = public_outputs.infographic_files
    monkeypatch.setattr(public_outputs, "infographic_files", lambda f: drawn.append(f.judul) or real(f))
    assert write_public_outputs(tmp_path, rekap) == first and drawn == []  # nothing changed: nothing drawn
    assert {p: (tmp_path / p).read_bytes() for p in first} == before
    # a file changed on disk is drawn again from its figures
    (tmp_path / "LPKUPANG" / "infografis.png").write_bytes(b"rusak")
    write_public_outputs(tmp_path, rekap)
    assert len(drawn) == 1 and (tmp_path / "LPKUPANG" / "infografis.png").read_bytes() == before["LPKUPANG/infografis.png"]
    # new figures for the satker: its files are drawn again (the Kanwil's too: its figures include the satker's)
    drawn.clear()
    changed = _ringkasan(url_survei=URL)
    changed["indeks"]["IPKP"]["nilai_100"] = 70.0
    summary.write_text(json.dumps(changed), encoding="utf-8")
    write_public_outputs(tmp_path, rekap)
    assert "Lapas <b>Uji</b> $x^2$ Kupang" in drawn
    assert (tmp_path / "LPKUPANG" / "infografis.png").read_bytes() != before["LPKUPANG/infografis.png"]
    assert (tmp_path / public_outputs.KEYS_FILE).is_file() and not public_outputs.KEYS_FILE.startswith(".")
