"""The Kanwil's one-page public infographic (matplotlib, A4 portrait), saved as PNG and PDF."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal_panjang

__all__ = ["infographic", "save_infographic"]


def infographic(totals: dict[str, Any], counts: pd.Series, *, kanwil: str, periode_label: str, tanggal_data: date,
                indeks: dict[str, Any] | None = None):
    """A one-page public infographic (matplotlib Figure, A4 portrait) in plain Indonesian."""
    fig = Figure(figsize=(8.27, 11.69), dpi=100)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    navy, teal = "#15365c", "#2a9d8f"
    ax.add_patch(Rectangle((0, 0.86), 1, 0.14, color=navy))
    ax.text(0.06, 0.95, "Survei Pelayanan & Anti Korupsi", color="white", fontsize=22, weight="bold", va="center")
    ax.text(0.06, 0.905, f"{kanwil} · {periode_label}", color="white", fontsize=13, va="center", parse_math=False)
    ax.text(0.06, 0.875, f"Data per {format_tanggal_panjang(tanggal_data)}", color="#cfe3f5", fontsize=10, va="center")
    cards = [
        (format_angka(totals["jumlah_satker"]), "satuan kerja dipantau"),
        (format_angka(totals["SPKP_sah"]), "tanggapan SPKP bulan ini"),
        (format_angka(totals["SPAK_sah"]), "tanggapan SPAK bulan ini"),
        (format_persen(totals["SPKP_persen"]), "capaian target SPKP"),
        (format_persen(totals["SPAK_persen"]), "capaian target SPAK"),
        (format_angka(totals["satker_tercapai"]), "satker sudah mencapai target"),
    ]
    for i, (big, small) in enumerate(cards):
        x, y = 0.06 + (i % 2) * 0.46, 0.74 - (i // 2) * 0.13
        ax.add_patch(FancyBboxPatch(
            (x, y - 0.04), 0.42, 0.105, boxstyle="round,pad=0.005,rounding_size=0.015", color="#eef4f8"))
        ax.text(x + 0.03, y + 0.025, big, fontsize=26, weight="bold", color=navy, va="center")
        ax.text(x + 0.03, y - 0.02, small, fontsize=11, color="#333", va="center")
    y0 = 0.36
    if indeks:
        ax.text(0.06, y0 + 0.02, "Hasil survei (skala 1–4)", fontsize=14, weight="bold", color=navy)
        ax.text(0.06, y0 - 0.115, "Indeks Kanwil: rata-rata indeks satker dibobot menurut jumlah pengguna layanannya.",
                fontsize=9, color="#555")
        for j, (name, val) in enumerate(indeks.items()):
            ax.text(0.06 + j * 0.46, y0 - 0.04, name, fontsize=12, color="#333")
            ax.text(0.06 + j * 0.46, y0 - 0.09, "–" if val is None or pd.isna(val) else format_angka(val, 2),
                    fontsize=30, weight="bold", color=teal)
        y0 -= 0.16
    ax.text(0.06, y0 + 0.02, "Status satker bulan ini", fontsize=14, weight="bold", color=navy)
    for k, (st, n) in enumerate(counts.items()):
        ax.text(0.08, y0 - 0.035 - k * 0.035, f"{st}: {format_angka(int(n))} satker", fontsize=12, color="#333")
    ax.text(0.06, 0.04, "Terima kasih atas penilaian Anda. Setiap tanggapan membantu kami memperbaiki layanan\n"
            "dan menjaga pelayanan yang bersih dari korupsi. Isi survei melalui kode QR di setiap titik layanan.",
            fontsize=10, color="#555", va="bottom")
    return fig


def save_infographic(fig, png_path: Path, pdf_path: Path) -> None:
    """Save the infographic as PNG (150 dpi) and PDF, without software or date metadata (reproducible bytes)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, metadata={"Software": None})
    write_atomic(png_path, buf.getvalue())
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", metadata={"Creator": None, "Producer": None, "CreationDate": None})
    write_atomic(pdf_path, buf.getvalue())
