"""The public page ``<periode>/publik/index.html``: indices, mutu, infographics and completed actions, nothing internal.

Self-contained: the CSS is inline and every link or image is relative inside ``publik/``. Built
from :class:`~spakanalysis.present.public_figures.PublicFigures` only, so daily targets,
shortfalls, statuses and data-quality flags cannot appear. All text is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from spakanalysis.core.formatting import format_angka, format_tanggal_panjang
from spakanalysis.present.public_figures import NAMA_INDEKS_PUBLIK, PublicFigures

__all__ = ["public_page", "PUBLIC_CSS"]

#: phone first: cards wrap, images never wider than the screen; prints on A4 without the links' colours
PUBLIC_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:"DejaVu Sans",Arial,sans-serif;color:#222;background:#f5f7fa;line-height:1.45}
header{background:#15365c;color:#fff;padding:20px 16px}
header h1{margin:0 0 4px;font-size:1.45rem}
header p{margin:2px 0;color:#cfe3f5}
main{max-width:1100px;margin:0 auto;padding:12px}
h2{color:#15365c;font-size:1.2rem;margin:18px 4px 8px}
.kartu{background:#fff;border-radius:10px;padding:14px;margin:10px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.kartu h3{margin:0 0 8px;color:#15365c;font-size:1.05rem;overflow-wrap:anywhere}
.indeks{display:flex;flex-wrap:wrap;gap:10px}
.indeks div{flex:1 1 140px;background:#eef4f8;border-radius:8px;padding:8px 10px}
.indeks b{display:block;font-size:1.8rem;color:#2a9d8f}
.indeks small{color:#444}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:12px}
img{max-width:100%;height:auto;display:block;border-radius:6px}
.kartu img{width:220px;margin:10px 0;border:1px solid #dde4ea}
ul{padding-left:20px}
a{color:#1f5f8b;overflow-wrap:anywhere}
footer{color:#555;font-size:.85rem;padding:16px}
@media print{body{background:#fff}.kartu{box-shadow:none;break-inside:avoid}a{color:#222}}
@page{size:A4;margin:15mm}
"""


def _index_boxes(f: PublicFigures) -> str:
    parts = []
    for ix in f.indeks:
        value = "–" if ix.nilai is None else format_angka(ix.nilai_tampil, 2)
        grade = "belum ada nilai" if ix.nilai is None else f"Mutu {ix.mutu} · {ix.kinerja}"
        who = "" if ix.responden is None else f"<br><small>{escape(format_angka(ix.responden))} responden</small>"
        parts.append(f'<div><small>{escape(ix.nama)} · {escape(NAMA_INDEKS_PUBLIK[ix.nama])}</small>'
                     f"<b>{escape(value)}</b><small>dari 100 · {escape(grade)}</small>{who}</div>")
    return f'<div class="indeks">{"".join(parts)}</div>'


def _voices(f: PublicFigures) -> str:
    out = []
    if f.tema:
        items = "".join(f"<li>{escape(t)} ({escape(format_angka(n))} saran)</li>" for t, n in f.tema)
        out.append(f"<p>Yang paling sering Anda sampaikan:</p><ul>{items}</ul>")
    if f.tindakan:
        out.append(f"<p>Yang sudah kami lakukan:</p><ul>{''.join(f'<li>{escape(a)}</li>' for a in f.tindakan)}</ul>")
    return "".join(out)


def _card(f: PublicFigures, files: dict[str, str]) -> str:
    img = files.get("kotak")
    links = " · ".join(f'<a href="{escape(href, quote=True)}">{escape(text)}</a>'
                       for text, href in (("Infografis (PNG)", files.get("png")), ("Infografis (PDF)", files.get("pdf")),
                                          ("Gambar media sosial", img)) if href)
    picture = (f'<a href="{escape(files["png"], quote=True)}"><img src="{escape(img, quote=True)}" loading="lazy" '
               f'alt="Infografis {escape(f.judul, quote=True)}" width="540" height="540"></a>') if img and files.get("png") else ""
    return (f'<section class="kartu"><h3>{escape(f.judul)}</h3>{_index_boxes(f)}{_voices(f)}'
            f"{picture}<p>{links}</p></section>")


def public_page(kanwil: PublicFigures, satker: list[tuple[PublicFigures, dict[str, str]]],
                kanwil_files: dict[str, str]) -> str:
    """The public HTML page: the Kanwil's card first, then one card per satker (in the order given).

    ``*_files`` map ``"png"``, ``"pdf"`` and ``"kotak"`` to paths relative to ``publik/``.
    """
    cards = "".join(_card(f, files) for f, files in satker)
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Hasil Survei Pelayanan &amp; Anti Korupsi · {escape(kanwil.judul)} · {escape(kanwil.periode_label)}"
        f"</title><style>{PUBLIC_CSS}</style></head><body>"
        f"<header><h1>Hasil Survei Pelayanan &amp; Anti Korupsi</h1><p>{escape(kanwil.judul)}</p>"
        f"<p>Periode {escape(kanwil.periode_label)} · data per {escape(format_tanggal_panjang(kanwil.tanggal_data))}"
        "</p></header><main>"
        f"<h2>Kantor Wilayah</h2>{_card(kanwil, kanwil_files)}"
        f'<h2>Satuan kerja</h2><div class="grid">{cards}</div></main>'
        "<footer>Nilai indeks pada skala 0–100 dari jawaban pengguna layanan pada periode di atas; mutu A (sangat "
        "baik) sampai D (tidak baik). Tidak ada data pribadi responden di halaman ini. Terima kasih atas penilaian Anda."
        "</footer></body></html>\n"
    )
