"""Reporting periods: parse ``2024-07``, ``2024-Q3``, ``2024-S2``, ``2024`` or explicit ranges.

The ministry's minimum number of respondents is set **per month**, so a period
is always split into calendar months (:meth:`Periode.bulan`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spakanalysis.core.errors import ParameterError

__all__ = ["Periode", "parse_periode", "previous_periode", "month_equivalents", "month_populations", "period_population"]

_NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

_RE_BULAN = re.compile(r"^(\d{4})-(\d{2})$")
_RE_TRIWULAN = re.compile(r"^(\d{4})-[QqTt]([1-4])$")
_RE_SEMESTER = re.compile(r"^(\d{4})-[Ss]([12])$")
_RE_TAHUN = re.compile(r"^(\d{4})$")
_RE_RENTANG = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|/|s\.?d\.?|sd)\s*(\d{4}-\d{2}-\d{2})$")

CONTOH_PERIODE = "2024-07, 2024-Q3, 2024-S2, 2024, atau 2024-07-01..2024-09-30"


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Periode:
    """A closed date interval ``[mulai, akhir]`` with a canonical code and an Indonesian label.

    Examples
    --------
    >>> p = parse_periode("2024-Q3")
    >>> p.mulai, p.akhir, p.label
    (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30), 'Triwulan III 2024')
    >>> [b.kode for b in p.bulan()]
    ['2024-07', '2024-08', '2024-09']
    """

    kode: str
    mulai: date
    akhir: date
    label: str

    @property
    def jumlah_hari(self) -> int:
        return (self.akhir - self.mulai).days + 1

    def bulan(self) -> list[Periode]:
        """The calendar months this period touches, each clipped to the period."""
        out: list[Periode] = []
        y, m = self.mulai.year, self.mulai.month
        while date(y, m, 1) <= self.akhir:
            start = max(date(y, m, 1), self.mulai)
            end = min(_last_day(y, m), self.akhir)
            full = start.day == 1 and end == _last_day(y, m)
            label = f"{_NAMA_BULAN[m - 1]} {y}"
            kode = f"{y}-{m:02d}"
            if not full:
                label = f"{label} ({start.day}–{end.day})"
                kode = f"{start.isoformat()}..{end.isoformat()}"
            out.append(Periode(kode=kode, mulai=start, akhir=end, label=label))
            m += 1
            if m == 13:
                y, m = y + 1, 1
        return out

    def __contains__(self, day: date) -> bool:
        return self.mulai <= day <= self.akhir


def parse_periode(text: str | Periode, *, mulai: date | None = None, akhir: date | None = None) -> Periode:
    """Parse a period code.

    Parameters
    ----------
    text : str
        ``YYYY-MM`` (month), ``YYYY-Qn`` or ``YYYY-Tn`` (quarter, *triwulan*),
        ``YYYY-Sn`` (half-year, *semester*), ``YYYY`` (year) or an explicit
        range ``YYYY-MM-DD..YYYY-MM-DD``. Ignored when both ``mulai`` and
        ``akhir`` are given.
    mulai, akhir : date, optional
        Explicit start and end (inclusive).

    Raises
    ------
    ParameterError
        With an Indonesian message naming the malformed value.

    Examples
    --------
    >>> parse_periode("2024-07").label
    'Juli 2024'
    >>> parse_periode("2024-S2").kode
    '2024-S2'
    """
    if isinstance(text, Periode):
        return text
    if mulai is not None and akhir is not None:
        return _rentang(mulai, akhir)
    raw = "" if text is None else str(text).strip()
    try:
        return _parse(raw)
    except ValueError as exc:  # e.g. year 0
        if isinstance(exc, ParameterError):
            raise
        raise ParameterError(f'Periode "{raw}" tidak valid: tanggalnya di luar kalender. Contoh yang benar: {CONTOH_PERIODE}.') from None


def _parse(raw: str) -> Periode:
    if m := _RE_BULAN.match(raw):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise ParameterError(f'Periode "{raw}" tidak valid: bulan {mo} tidak ada (01–12).')
        return Periode(raw, date(y, mo, 1), _last_day(y, mo), f"{_NAMA_BULAN[mo - 1]} {y}")
    if m := _RE_TRIWULAN.match(raw):
        y, q = int(m[1]), int(m[2])
        return Periode(f"{y}-Q{q}", date(y, 3 * q - 2, 1), _last_day(y, 3 * q), f"Triwulan {_ROMAWI[q]} {y}")
    if m := _RE_SEMESTER.match(raw):
        y, s = int(m[1]), int(m[2])
        return Periode(f"{y}-S{s}", date(y, 6 * s - 5, 1), _last_day(y, 6 * s), f"Semester {_ROMAWI[s]} {y}")
    if m := _RE_TAHUN.match(raw):
        y = int(m[1])
        return Periode(raw, date(y, 1, 1), date(y, 12, 31), f"Tahun {y}")
    if m := _RE_RENTANG.match(raw):
        try:
            a, b = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        except ValueError:
            raise ParameterError(f'Periode "{raw}" tidak valid: tanggal tidak ada di kalender.') from None
        return _rentang(a, b)
    raise ParameterError(f'Periode "{raw}" tidak dikenali. Contoh yang benar: {CONTOH_PERIODE}.')


def previous_periode(periode: Periode | str) -> Periode:
    """The comparable period just before ``periode``.

    The month before a month, the quarter before a quarter, the semester before a
    semester, the year before a year; an explicit range gets the range of the same
    number of days that ends the day before it starts.

    Examples
    --------
    >>> previous_periode("2024-Q3").kode, previous_periode("2024-01").kode, previous_periode("2024-S1").kode
    ('2024-Q2', '2023-12', '2023-S2')
    >>> previous_periode("2024-07-15..2024-07-24").kode
    '2024-07-05..2024-07-14'
    """
    p = parse_periode(periode)
    y = p.mulai.year
    if _RE_BULAN.match(p.kode):
        m = p.mulai.month
        return _parse(f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}")
    if m := _RE_TRIWULAN.match(p.kode):
        q = int(m[2])
        return _parse(f"{y - 1}-Q4" if q == 1 else f"{y}-Q{q - 1}")
    if m := _RE_SEMESTER.match(p.kode):
        return _parse(f"{y - 1}-S2" if m[2] == "1" else f"{y}-S1")
    if _RE_TAHUN.match(p.kode):
        return _parse(str(y - 1))
    end = p.mulai - timedelta(days=1)
    return _rentang(end - timedelta(days=p.jumlah_hari - 1), end)


def _rentang(a: date, b: date) -> Periode:
    if b < a:
        raise ParameterError(f"Periode tidak valid: tanggal akhir {b.isoformat()} sebelum tanggal mulai {a.isoformat()}.")
    from spakanalysis.core.formatting import format_tanggal

    return Periode(f"{a.isoformat()}..{b.isoformat()}", a, b, f"{format_tanggal(a, 'd MMMM y')} – {format_tanggal(b, 'd MMMM y')}")


def hari_dalam(mulai: date, akhir: date) -> list[date]:
    """Every date from ``mulai`` to ``akhir`` inclusive."""
    return [mulai + timedelta(days=i) for i in range((akhir - mulai).days + 1)]


def _month_slices(mulai: date, akhir: date):
    """``(first, last, days_in_month)`` of each calendar month's part of ``mulai`` … ``akhir``."""
    d = mulai
    while d <= akhir:
        month_end = _last_day(d.year, d.month)
        end = min(month_end, akhir)
        yield d, end, month_end.day
        d = end + timedelta(days=1)


def month_equivalents(mulai: date, akhir: date) -> float:
    """How many months the days ``mulai`` … ``akhir`` cover, partial months pro rata by days.

    Examples
    --------
    >>> month_equivalents(date(2024, 7, 1), date(2024, 9, 30))
    3.0
    >>> round(month_equivalents(date(2024, 7, 1), date(2024, 9, 18)), 4)  # 2 + 18/30
    2.6
    """
    return float(sum(((end - d).days + 1) / days for d, end, days in _month_slices(mulai, akhir)))


def month_populations(monthly: float, mulai: date, akhir: date) -> dict[str, float]:
    """Population behind each month's own rows (``"YYYY-MM"``): ``N``, or its share for a partial month.

    Examples
    --------
    >>> month_populations(30, date(2024, 9, 1), date(2024, 10, 15))
    {'2024-09': 30.0, '2024-10': 14.516129032258064}
    """
    return {f"{d.year:04d}-{d.month:02d}": float(monthly) * ((end - d).days + 1) / days
            for d, end, days in _month_slices(mulai, akhir)}


def period_population(monthly: float, mulai: date, akhir: date) -> float:
    """Service users behind an estimate for ``mulai`` … ``akhir``.

    ``jumlah_pengguna_layanan`` is the average number of service users **per month**, so the
    population of a window is that number times the months it covers (partial months pro
    rata by days): a whole month is ``N``, a quarter ``3N``, 1 July – 18 September ``2.6N``.

    Examples
    --------
    >>> period_population(150, date(2024, 7, 1), date(2024, 9, 30))
    450.0
    """
    return float(monthly) * month_equivalents(mulai, akhir)
