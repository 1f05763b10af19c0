"""Conversions of an index between its own scale, 1-4 and 0-100."""

from __future__ import annotations

from spakanalysis.core.errors import InputError
from spakanalysis.stats.index_config import fmt

__all__ = ["KONVERSI", "check_conversion", "to_scale4", "to_100", "margin_100", "conversion_text"]

#: the conversions to 0-100: ``x/max*100`` (SKM style) or ``(x-min)/(max-min)*100``
KONVERSI = ("max", "rentang")


def check_conversion(conversion: str) -> str:
    """``conversion`` if it is one of :data:`KONVERSI`, else an :class:`InputError`."""
    if conversion not in KONVERSI:
        raise InputError(f'Konversi "{conversion}" tidak dikenal; pilih salah satu: {", ".join(KONVERSI)}.')
    return conversion


def to_scale4(x, lo: float, hi: float):
    """``x`` on 1-4: ``1 + 3(x - lo)/(hi - lo)`` (identity on a 1-4 scale)."""
    if lo == 1 and hi == 4:
        return x
    return 1 + 3 * (x - lo) / (hi - lo)


def to_100(x, lo: float, hi: float, conversion: str):
    """``x`` on 0-100 by ``conversion``."""
    if conversion == "max":
        return x / hi * 100
    return (x - lo) / (hi - lo) * 100


def margin_100(margin, lo: float, hi: float, conversion: str):
    """A half-width on the native scale in 0-100 units (the conversion is linear)."""
    return margin * 100 / (hi if conversion == "max" else hi - lo)


def conversion_text(lo: float, hi: float, conversion: str) -> str:
    """The conversion's name and formula as the reports state it (Bahasa Indonesia)."""
    if conversion == "max":
        bawah = lo / hi * 100
        teks = fmt(bawah, 0 if bawah == int(bawah) else 2)
        return f"maks: nilai / {hi:g} × 100 (cara SKM; skala {lo:g}–{hi:g} menjadi {teks}–100)"
    return f"rentang: (nilai − {lo:g}) / ({hi:g} − {lo:g}) × 100 (skala {lo:g}–{hi:g} menjadi 0–100)"
