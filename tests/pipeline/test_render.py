"""Rendering of executed notebooks to self-contained HTML and A4 PDF."""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbconvert")
pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # noqa: E402

from spakanalysis.core import atomic  # noqa: E402
from spakanalysis.pipeline import render  # noqa: E402

SATKER = "Kantor Pelayanan Uji Coba Jakarta Selatan"
JUDUL = "Laporan Monev Survei SPKP dan SPAK Triwulan III 2025"
SUBJUDUL = "Periode 1 Juli – 30 September 2025"
KODE_RAHASIA = "hitung_rahasia_internal(df_mentah)"
TEKS_STDOUT = "pesan stdout yang tidak boleh tampil"
TEKS_STDERR = "peringatan stderr yang tidak boleh tampil"


def _png_matplotlib() -> str:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.0, 3.0), dpi=80)
    ax.bar(["Jul", "Agu", "Sep"], [120, 340, 515], color="#1b7a7a")
    ax.set_title("Responden per bulan")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _svg_matplotlib() -> str:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"svg.hashsalt": "spakanalysis-uji"}):
        fig, ax = plt.subplots(figsize=(5.0, 2.5))
        ax.plot([1, 2, 3], [3, 1, 2], marker="o")
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(fig)
    return buffer.getvalue()


def _tabel_html(jumlah: int = 60) -> str:
    baris = "".join(
        f'<tr><td>{i}</td><td>Unit layanan {i}</td><td class="angka">{i * 37}</td>'
        f'<td><span class="status-sesuai">Sesuai</span></td></tr>'
        for i in range(1, jumlah + 1)
    )
    return (
        '<table class="tabel"><caption>Tabel 1. Rincian per unit</caption>'
        '<thead><tr><th>No</th><th>Unit</th><th class="angka">Sampel</th><th>Status</th></tr></thead>'
        f"<tbody>{baris}</tbody></table>"
    )


@pytest.fixture(scope="module")
def notebook():
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    nb.cells = [
        new_markdown_cell("# Ringkasan\n\nLaporan ini menyajikan **progres** survei."),
        new_code_cell(
            f"print('x')\n{KODE_RAHASIA}",
            execution_count=1,
            outputs=[
                new_output("stream", name="stdout", text=TEKS_STDOUT + "\n"),
                new_output("stream", name="stderr", text=TEKS_STDERR + "\n"),
                new_output(
                    "display_data",
                    data={"text/html": _tabel_html(), "text/plain": "<IPython.core.display.HTML object>"},
                ),
            ],
        ),
        new_markdown_cell("## Grafik"),
        new_code_cell(
            "plot()",
            execution_count=2,
            outputs=[
                new_output(
                    "display_data",
                    data={"image/png": _png_matplotlib(), "text/plain": "<Figure size 480x240 with 1 Axes>"},
                ),
                new_output("display_data", data={"image/svg+xml": _svg_matplotlib(), "text/plain": "<Figure>"}),
                new_output(
                    "execute_result",
                    execution_count=2,
                    data={"text/plain": "<matplotlib.axes._axes.Axes at 0x7f3a2b1c0d90>"},
                ),
                new_output("display_data", data={"text/plain": "catatan <script>alert('x')</script> selesai"}),
            ],
        ),
        new_code_cell(
            "df",
            execution_count=3,
            outputs=[
                new_output(
                    "execute_result",
                    execution_count=3,
                    data={
                        "text/html": '<table class="dataframe"><tbody><tr><td>HASIL_EKSEKUSI</td></tr></tbody></table>',
                        "text/plain": "HASIL_EKSEKUSI",
                    },
                )
            ],
        ),
        new_code_cell(
            "bantu()",
            execution_count=4,
            metadata={"tags": ["hapus"]},
            outputs=[new_output("display_data", data={"text/html": "<p>SEL_TERHAPUS_TAG</p>"})],
        ),
    ]
    nbformat.validate(nb)
    return nb


@pytest.fixture(scope="module")
def html(notebook):
    return render.notebook_to_html(notebook, judul=JUDUL, nama_satker=SATKER, subjudul=SUBJUDUL)


@pytest.fixture(scope="module")
def pdf(html):
    return render.html_to_pdf(html)


@pytest.fixture(scope="module")
def halaman(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]


# ------------------------------------------------------------------ HTML


def test_html_tanpa_sumber_eksternal(html):
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert "@import" not in html
    assert "@font-face" not in html
    # Any http(s) URL left is an XML namespace of inline SVG, never a resource.
    for cocok in re.finditer(r"https?://", html):
        sebelum = html[max(0, cocok.start() - 20) : cocok.start()]
        assert re.search(r'xmlns(?::\w+)?="$', sebelum), html[cocok.start() - 60 : cocok.start() + 60]
    assert not re.search(r'(?:src|href)="(?!data:|#)', html)


def test_html_tanpa_kode_prompt_dan_stream(html):
    assert KODE_RAHASIA not in html
    assert "print('x')" not in html
    assert TEKS_STDOUT not in html
    assert TEKS_STDERR not in html
    assert "In&nbsp;[" not in html and "Out[" not in html
    assert "jp-" not in html  # no JupyterLab markup/CSS
    assert "¶" not in html  # no anchor links


def test_html_isi_laporan(html):
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="id">' in html
    assert "<title>" in html and JUDUL in html and SATKER in html and SUBJUDUL in html
    assert 'class="judul-berjalan"' in html
    assert '<table class="tabel">' in html
    assert "Unit layanan 60" in html
    assert html.count("<tr>") >= 61
    assert '<td class="angka">2220</td>' in html
    assert "data:image/png;base64," in html
    assert "<h1" in html and "Ringkasan" in html
    # execute_result uses the same display priority as display_data
    assert "<td>HASIL_EKSEKUSI</td>" in html


def test_html_svg_ditanam_bersih(html):
    assert "<svg" in html
    assert "<?xml" not in html
    assert "<!DOCTYPE svg" not in html
    assert "<metadata>" not in html


def test_html_svg_keeps_the_case_of_its_names(html):
    # nbconvert's own closing BeautifulSoup pass would write viewbox/clippath: wrong in a standalone SVG
    assert 'viewBox="' in html and "viewbox=" not in html
    assert "<clippath" not in html


def test_pdf_of_charts_as_images_is_the_inline_pdf(html, monkeypatch):
    from spakanalysis.present import print_html

    assert print_html.SVG_IMAGE_CLASS in print_html.for_print(html) and "<svg" not in print_html.for_print(html)
    as_images = render.html_to_pdf(html)
    monkeypatch.setattr(print_html, "svg_as_images", lambda text: text)
    assert render.html_to_pdf(html) == as_images  # same bytes, the chart drawn from the same SVG


def test_html_teks_polos_di_escape(html):
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert" not in html


def test_html_buang_repr_objek_dan_sel_bertag(html):
    assert " at 0x" not in html
    assert "<Figure size" not in html and "&lt;Figure size" not in html
    assert "SEL_TERHAPUS_TAG" not in html


def test_html_tidak_mengubah_notebook(notebook):
    sebelum = nbformat.writes(notebook)
    render.notebook_to_html(notebook, judul=JUDUL, nama_satker=SATKER)
    assert nbformat.writes(notebook) == sebelum


def test_html_escape_judul():
    nb = new_notebook()
    keluaran = render.notebook_to_html(nb, judul="A <b>&</b>", nama_satker="Satker <x>")
    assert "A &lt;b&gt;&amp;&lt;/b&gt;" in keluaran
    assert "Satker &lt;x&gt;" in keluaran
    assert "<x>" not in keluaran


def test_exporter_di_cache():
    assert render.html_exporter() is render.html_exporter()


# ------------------------------------------------------------------- PDF


def test_pdf_beberapa_halaman_dengan_kepala_dan_kaki(pdf, halaman):
    assert pdf.startswith(b"%PDF-")
    assert len(halaman) >= 2
    total = len(halaman)
    for nomor, teks in enumerate(halaman, start=1):
        datar = " ".join(teks.split())
        assert SATKER in datar, f"nama satker tidak ada di halaman {nomor}"
        assert f"Halaman {nomor} dari {total}" in datar
    assert "Halaman 1 dari" in " ".join(halaman[0].split())
    # The running header repeats the satker on pages where only the table is.
    assert "Unit layanan 60" in " ".join(" ".join(halaman[1:]).split())


def test_pdf_a4_dan_metadata(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    kotak = reader.pages[0].mediabox
    assert abs(float(kotak.width) - 595.28) < 1 and abs(float(kotak.height) - 841.89) < 1
    assert reader.metadata.title.startswith(JUDUL)
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf
    assert reader.trailer["/ID"][0] == reader.trailer["/ID"][1]


def test_pdf_tanggal_tetap_bila_diberikan(notebook):
    teks = render.notebook_to_html(notebook, judul=JUDUL, nama_satker=SATKER, tanggal="2025-09-30")
    assert '<meta name="dcterms.created" content="2025-09-30">' in teks
    reader = pypdf.PdfReader(io.BytesIO(render.html_to_pdf(teks)))
    assert reader.metadata["/CreationDate"].startswith("D:20250930")


def test_tanggal_salah_ditolak():
    from spakanalysis.core.errors import InputError

    with pytest.raises(InputError):
        render.notebook_to_html(new_notebook(), judul="x", nama_satker="y", tanggal="30/09/2025")


def test_render_deterministik(notebook, html, pdf):
    env_sebelum = os.environ.get("SOURCE_DATE_EPOCH")
    html_lagi = render.notebook_to_html(notebook, judul=JUDUL, nama_satker=SATKER, subjudul=SUBJUDUL)
    assert html_lagi == html
    assert render.html_to_pdf(html_lagi) == pdf
    assert os.environ.get("SOURCE_DATE_EPOCH") == env_sebelum  # pinned only while rendering


def test_pin_epoch_font_tidak_diwarisi_proses_lain(monkeypatch):
    """While a PDF is rendered (epoch pinned for fontTools), a kernel started from another thread
    gets the environment without the pin; a value set by the caller is passed on."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("SPAKANALYSIS_CACHE", raising=False)
    with render._pinned_font_epoch():
        assert os.environ["SOURCE_DATE_EPOCH"] == render.EPOCH_FONT
        assert "SOURCE_DATE_EPOCH" not in render.kernel_environment()
        assert render.kernel_environment()["PATH"] == os.environ["PATH"]
        env = render.kernel_environment(SPAKANALYSIS_CACHE="/tmp/c")
        assert env["SPAKANALYSIS_CACHE"] == "/tmp/c" and "SOURCE_DATE_EPOCH" not in env
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert "SPAKANALYSIS_CACHE" not in os.environ  # the override went to the copy only
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718755200")
    with render._pinned_font_epoch():
        assert render.kernel_environment()["SOURCE_DATE_EPOCH"] == "1718755200"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1718755200"


def test_pdf_tidak_mengambil_dari_jaringan():
    teks = '<html><body><img src="http://192.0.2.1/x.png"><p>isi</p></body></html>'
    assert render.html_to_pdf(teks).startswith(b"%PDF-")


# --------------------------------------------------------------- writing


def _sisa_sementara(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_write_atomic_menulis_bytes_dan_str(tmp_path):
    target = tmp_path / "sub" / "laporan.html"
    atomic.write_atomic(target, "halo ✓")
    assert target.read_text(encoding="utf-8") == "halo ✓"
    atomic.write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert _sisa_sementara(target.parent) == []


def test_write_atomic_gagal_tidak_merusak_target(tmp_path, monkeypatch):
    target = tmp_path / "laporan.pdf"
    target.write_bytes(b"versi lama")

    def gagal(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(atomic.os, "fsync", gagal)
    with pytest.raises(OSError, match="disk penuh"):
        atomic.write_atomic(target, b"versi baru")
    assert target.read_bytes() == b"versi lama"
    assert _sisa_sementara(tmp_path) == []

    monkeypatch.undo()
    monkeypatch.setattr(atomic.os, "replace", gagal)
    with pytest.raises(OSError, match="disk penuh"):
        atomic.write_atomic(target, b"versi baru")
    assert target.read_bytes() == b"versi lama"
    assert _sisa_sementara(tmp_path) == []


def test_write_atomic_tipe_salah(tmp_path):
    with pytest.raises(TypeError):
        atomic.write_atomic(tmp_path / "x.bin", 123)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_write_outputs_atomic_semua_atau_tidak_ada(tmp_path, monkeypatch):
    html_lama, pdf_lama = tmp_path / "laporan.html", tmp_path / "laporan.pdf"
    html_lama.write_text("lama")
    pdf_lama.write_bytes(b"lama")
    asli = atomic._write_temporary
    panggilan = []

    def gagal_kedua(path, data):
        panggilan.append(path)
        if len(panggilan) == 2:
            raise OSError("gagal menulis")
        return asli(path, data)

    monkeypatch.setattr(atomic, "_write_temporary", gagal_kedua)
    with pytest.raises(OSError):
        atomic.write_outputs_atomic({html_lama: "baru", pdf_lama: b"baru"})
    assert html_lama.read_text() == "lama" and pdf_lama.read_bytes() == b"lama"
    assert _sisa_sementara(tmp_path) == []

    monkeypatch.undo()
    hasil = atomic.write_outputs_atomic({html_lama: "baru", pdf_lama: b"baru"})
    assert hasil == [html_lama, pdf_lama]
    assert html_lama.read_text() == "baru" and pdf_lama.read_bytes() == b"baru"


def test_render_notebook_files(tmp_path, notebook, html, pdf):
    hasil = render.render_notebook_files(notebook, tmp_path / "keluar", judul=JUDUL, nama_satker=SATKER, subjudul=SUBJUDUL)
    assert hasil == {"html": tmp_path / "keluar" / "laporan.html", "pdf": tmp_path / "keluar" / "laporan.pdf"}
    assert hasil["html"].read_text(encoding="utf-8") == html
    assert hasil["pdf"].read_bytes() == pdf
    assert _sisa_sementara(tmp_path / "keluar") == []

    hanya_html = render.render_notebook_files(notebook, tmp_path / "h", judul=JUDUL, nama_satker=SATKER, pdf=False)
    assert set(hanya_html) == {"html"}
    assert not (tmp_path / "h" / "laporan.pdf").exists()
