"""Indonesian formatting of numbers, percentages and dates (Babel, locale ``id_ID``).

Every number and date shown in a report goes through these helpers, chart
axes included, so a report reads "85,3%" and "Rabu, 19 Juni 2024".
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

__all__ = [
    "LOCALE",
    "format_angka",
    "format_persen",
    "format_tanggal",
    "format_tanggal_panjang",
    "format_waktu",
]

LOCALE = "id_ID"
KOSONG = "–"


@lru_cache(maxsize=1)
def _locale() -> Locale:
    return Locale.parse(LOCALE)


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def format_angka(x, desimal: int = 0) -> str:
    """Format a number the Indonesian way.

    Examples
    --------
    >>> format_angka(1234567)
    '1.234.567'
    >>> format_angka(3.14159, 2)
    '3,14'
    """
    if _missing(x):
        return KOSONG
    if isinstance(x, float) and math.isinf(x):
        return "∞"
    pattern = "#,##0" + ("." + "0" * desimal if desimal > 0 else "")
    # Round half up (as people do by hand), not Babel's default half-even.
    q = Decimal(repr(float(x)) if not isinstance(x, int) else x).quantize(
        Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP
    )
    if q == 0:
        q = abs(q)
    return format_decimal(q, format=pattern, locale=_locale(), decimal_quantization=True)


def format_persen(x, desimal: int = 1) -> str:
    """Format a percentage given in percent points (``85.3`` → ``"85,3%"``).

    Examples
    --------
    >>> format_persen(85.25)
    '85,3%'
    """
    if _missing(x):
        return KOSONG
    return f"{format_angka(x, desimal)}%"


def format_tanggal(d: date | datetime, pola: str = "EEEE, d MMMM y") -> str:
    """Format a date with a Babel pattern, Indonesian names.

    Examples
    --------
    >>> format_tanggal(date(2024, 6, 19))
    'Rabu, 19 Juni 2024'
    """
    if d is None:
        return KOSONG
    if isinstance(d, datetime):
        d = d.date()
    return format_date(d, format=pola, locale=_locale())


def format_tanggal_panjang(d: date) -> str:
    """``19 Juni 2024`` (without the weekday)."""
    return format_tanggal(d, "d MMMM y")


def format_waktu(dt: datetime, zona: str = "WITA") -> str:
    """``19 Juni 2024 14.05 WITA`` for a timezone-aware or local datetime."""
    return f"{format_datetime(dt, 'd MMMM y HH.mm', locale=_locale())} {zona}".strip()
