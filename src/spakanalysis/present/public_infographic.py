"""Public infographics of a satker or the Kanwil (matplotlib): A4 portrait PNG/PDF and a 1080×1080 square PNG.

Drawn from :class:`~spakanalysis.present.public_figures.PublicFigures` only (one period, no
personal data). Text is never parsed as mathtext (``parse_math=False``), the font is the
DejaVu Sans bundled with matplotlib and metadata are fixed, so the same figures give the same bytes.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

import segno  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyBboxPatch, Rectangle  # noqa: E402

from spakanalysis.core.formatting import format_angka, format_tanggal_panjang  # noqa: E402
from spakanalysis.present.public_figures import NAMA_INDEKS_PUBLIK, IndexFigure, PublicFigures  # noqa: E402

__all__ = ["infographic_a4", "infographic_square", "png_bytes", "pdf_bytes", "qr_matrix", "A4_DPI", "SQUARE_PX"]

A4_DPI = 150
SQUARE_PX = 1080
NAVY, TEAL, GREY, LIGHT = "#15365c", "#2a9d8f", "#444444", "#eef4f8"
SLOGAN = "Anda bicara, kami bertindak"
_RC = {"font.family": "DejaVu Sans", "svg.hashsalt": "spakanalysis", "path.simplify": True}


def _t(ax, x, y, s, **kw):
    """Text that is always literal (no mathtext for ``$`` in names or feedback)."""
    return ax.text(x, y, s, parse_math=False, **kw)


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR code of ``url`` (error correction M, 2-module quiet zone) as rows of dark/light modules."""
    qr = segno.make(url, error="m", micro=False, boost_error=False)
    return [[bool(v) for v in row] for row in qr.matrix_iter(scale=1, border=2)]


def _qr(fig: Figure, url: str, rect: tuple[float, float, float, float]) -> None:
    ax = fig.add_axes(rect)
    ax.imshow([[0 if v else 1 for v in row] for row in qr_matrix(url)], cmap="gray", vmin=0, vmax=1,
              interpolation="nearest")
    ax.set_axis_off()


def _value(ix: IndexFigure) -> str:
    return "–" if ix.nilai is None else format_angka(ix.nilai_tampil, 2)


def _grade(ix: IndexFigure) -> str:
    return "belum ada nilai" if ix.nilai is None else f"Mutu {ix.mutu} · {ix.kinerja}"


def _header(ax, f: PublicFigures, top: float, size: float) -> None:
    ax.add_patch(Rectangle((0, top), 1, 1 - top, color=NAVY))
    h = 1 - top
    _t(ax, 0.06, top + h * 0.72, "Hasil Survei Pelayanan & Anti Korupsi", color="white", fontsize=size,
       weight="bold", va="center")
    _t(ax, 0.06, top + h * 0.44, textwrap.shorten(f.judul, 60, placeholder="…"), color="white", fontsize=size * 0.7,
       va="center")
    _t(ax, 0.06, top + h * 0.18, f"Periode {f.periode_label} · data per {format_tanggal_panjang(f.tanggal_data)}",
       color="#cfe3f5", fontsize=size * 0.5, va="center")


def _index_cards(ax, f: PublicFigures, y: float, height: float, size: float) -> None:
    for i, ix in enumerate(f.indeks):
        x = 0.05 + i * 0.46
        ax.add_patch(FancyBboxPatch((x, y), 0.43, height, boxstyle="round,pad=0.004,rounding_size=0.015", color=LIGHT))
        _t(ax, x + 0.025, y + height * 0.84, ix.nama, fontsize=size * 0.55, weight="bold", color=NAVY, va="center")
        _t(ax, x + 0.025, y + height * 0.70, NAMA_INDEKS_PUBLIK[ix.nama], fontsize=size * 0.33, color=GREY,
           va="center")
        _t(ax, x + 0.025, y + height * 0.45, _value(ix), fontsize=size * 1.5, weight="bold", color=TEAL, va="center")
        _t(ax, x + 0.30, y + height * 0.40, "dari 100", fontsize=size * 0.38, color=GREY, va="center")
        _t(ax, x + 0.025, y + height * 0.19, _grade(ix), fontsize=size * 0.45, color=NAVY, va="center")
        who = "–" if ix.responden is None else f"{format_angka(ix.responden)} responden"
        _t(ax, x + 0.025, y + height * 0.07, who, fontsize=size * 0.38, color=GREY, va="center")


def _unsur_chart(fig: Figure, f: PublicFigures, rect: tuple[float, float, float, float]) -> bool:
    rows = [(f"{name} · {unsur}", nrr) for name in NAMA_INDEKS_PUBLIK for unsur, nrr in f.unsur.get(name, [])]
    if not rows:
        return False
    ax = fig.add_axes(rect)
    labels = [textwrap.shorten(label, 44, placeholder="…") for label, _ in rows][::-1]
    values = [v for _, v in rows][::-1]
    colours = [TEAL if label.startswith("IPAK") else NAVY for label, _ in rows][::-1]
    ax.barh(range(len(rows)), values, color=colours, height=0.65)
    ax.set_yticks(range(len(rows)), labels, fontsize=7.5)
    ax.set_xlim(1, 4)
    ax.set_xticks([1, 2, 3, 4], ["1", "2", "3", "4"], fontsize=8)
    for k, v in enumerate(values):
        _t(ax, v - 0.04, k, format_angka(v, 2), fontsize=7, color="white", va="center", ha="right")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title("Nilai per unsur (skala 1–4, makin tinggi makin baik)", fontsize=10, color=NAVY, loc="left")
    return True


def _voices(ax, f: PublicFigures, y: float) -> float:
    """'Anda bicara, kami bertindak': top themes and completed actions, when there are any; returns the next y."""
    if not (f.tema or f.tindakan):
        return y
    _t(ax, 0.06, y, SLOGAN, fontsize=15, weight="bold", color=NAVY, va="top")
    y -= 0.035
    if f.tema:
        _t(ax, 0.06, y, "Yang paling sering Anda sampaikan:", fontsize=10.5, color=GREY, va="top")
        for tema, n in f.tema:
            y -= 0.024
            _t(ax, 0.08, y, f"• {textwrap.shorten(tema, 70, placeholder='…')} ({format_angka(n)} saran)", fontsize=10,
               color="#222", va="top")
        y -= 0.03
    if f.tindakan:
        _t(ax, 0.06, y, "Yang sudah kami lakukan:", fontsize=10.5, color=GREY, va="top")
        for act in f.tindakan:
            for k, line in enumerate(textwrap.wrap(act, 80, max_lines=2, placeholder="…")):
                y -= 0.022
                _t(ax, 0.08, y, ("✓ " if k == 0 else "   ") + line, fontsize=10, color="#222", va="top")
        y -= 0.03
    return y


def _footer(fig: Figure, ax, f: PublicFigures, *, qr_size: float, text_size: float) -> None:
    words = "Terima kasih atas penilaian Anda.\nSetiap tanggapan membantu kami memperbaiki layanan."
    if f.url_survei:
        _qr(fig, f.url_survei, (0.79, 0.015, qr_size, qr_size * fig.get_figwidth() / fig.get_figheight()))
        words += "\nPindai kode QR untuk mengisi survei."
    if f.catatan:
        words = "\n".join(textwrap.wrap(f.catatan + ".", 64)) + "\n" + words
    _t(ax, 0.06, 0.025, words, fontsize=text_size, color=GREY, va="bottom", linespacing=1.5)


def _canvas(size: tuple[float, float]):
    """A white figure of ``size`` inches with one axes over all of it, in unit coordinates."""
    fig = Figure(figsize=size, dpi=A4_DPI)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return fig, ax


def infographic_a4(f: PublicFigures) -> Figure:
    """The A4 portrait infographic: indices with mutu, per-unsur chart, voices and actions, QR code, period."""
    with matplotlib.rc_context(_RC):
        fig, ax = _canvas((8.27, 11.69))
        _header(ax, f, 0.87, 21)
        _index_cards(ax, f, 0.64, 0.2, 24)
        y = 0.6
        if _unsur_chart(fig, f, (0.36, 0.36, 0.58, 0.2)):
            y = 0.31
        _voices(ax, f, y)
        _footer(fig, ax, f, qr_size=0.15, text_size=9.5)
    return fig


def infographic_square(f: PublicFigures) -> Figure:
    """The 1080×1080 social-media square: the two indices with mutu, respondents, period and QR code."""
    with matplotlib.rc_context(_RC):
        fig, ax = _canvas((SQUARE_PX / A4_DPI, SQUARE_PX / A4_DPI))
        _header(ax, f, 0.74, 17)
        _index_cards(ax, f, 0.3, 0.4, 20)
        if f.tindakan:
            _t(ax, 0.06, 0.25, f"{SLOGAN}: {format_angka(len(f.tindakan))} tindak lanjut selesai", fontsize=10,
               weight="bold", color=NAVY, va="center")
        _footer(fig, ax, f, qr_size=0.17, text_size=8)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """PNG at :data:`A4_DPI` without the ``Software`` metadata (same figure → same bytes)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=A4_DPI, metadata={"Software": None}, facecolor="white")
    return buf.getvalue()


def pdf_bytes(fig: Figure) -> bytes:
    """Vector PDF without creator, producer or date metadata (same figure → same bytes)."""
    buf = io.BytesIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buf, format="pdf", metadata={"Creator": None, "Producer": None, "CreationDate": None})
    return buf.getvalue()
