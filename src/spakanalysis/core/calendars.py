"""Service-day calendars: which days count when spreading a target over time.

Indonesian public holidays and *cuti bersama* come from the maintained
`holidays <https://python-holidays.readthedocs.io>`_ package (country ``ID``).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from spakanalysis.core.config import load_config
from spakanalysis.core.errors import ParameterError

__all__ = ["MODE_HARI", "mode_hari_layanan", "hari_layanan", "jumlah_hari_layanan", "libur_nasional"]

MODE_HARI = ("kalender", "senin-jumat", "senin-sabtu")
_WEEKMASK = {"kalender": "1111111", "senin-jumat": "1111100", "senin-sabtu": "1111110"}


@lru_cache(maxsize=64)
def libur_nasional(tahun: int) -> dict[date, str]:
    """Indonesian public holidays and collective leave of a year, names in Indonesian."""
    import holidays

    cfg = load_config("progres")["libur"]
    h = holidays.country_holidays(cfg["negara"], years=tahun, categories=tuple(cfg["kategori"]), language="id")
    return dict(sorted(h.items()))


def _holidays_between(mulai: date, akhir: date) -> list[date]:
    out: list[date] = []
    for y in range(mulai.year, akhir.year + 1):
        out += [d for d in libur_nasional(y) if mulai <= d <= akhir]
    return out


def mode_hari_layanan(jenis_satker: str | None, hari_layanan: str | None = None) -> str:
    """The day mode for a satker: its registry value, else the default for its type.

    Examples
    --------
    >>> mode_hari_layanan("Kantor Imigrasi")
    'senin-jumat'
    >>> mode_hari_layanan("Lapas", "kalender")
    'kalender'
    """
    if hari_layanan is not None and str(hari_layanan).strip() not in ("", "nan", "<NA>"):
        mode = str(hari_layanan).strip().lower()
        if mode not in MODE_HARI:
            raise ParameterError(f'hari_layanan "{hari_layanan}" tidak dikenal; pilih salah satu: {", ".join(MODE_HARI)}.')
        return mode
    cfg = load_config("progres")["hari_layanan"]
    return cfg.get(str(jenis_satker), cfg["bawaan"])


def _check_mode(mode: str) -> str:
    if mode not in MODE_HARI:
        raise ParameterError(f'Mode hari "{mode}" tidak dikenal; pilih salah satu: {", ".join(MODE_HARI)}.')
    return mode


def jumlah_hari_layanan(mulai: date, akhir: date, mode: str) -> int:
    """Number of counted days in ``[mulai, akhir]`` (0 when ``akhir < mulai``).

    Examples
    --------
    >>> jumlah_hari_layanan(date(2024, 8, 1), date(2024, 8, 31), "senin-jumat")  # 17 Aug is a Saturday
    22
    >>> jumlah_hari_layanan(date(2024, 9, 1), date(2024, 9, 30), "senin-jumat")  # 16 Sep: Maulid Nabi
    20
    """
    _check_mode(mode)
    if akhir < mulai:
        return 0
    if mode == "kalender":
        return (akhir - mulai).days + 1
    return int(
        np.busday_count(mulai, akhir + timedelta(days=1), weekmask=_WEEKMASK[mode], holidays=_holidays_between(mulai, akhir))
    )


def hari_layanan(mulai: date, akhir: date, mode: str) -> list[date]:
    """The counted days in ``[mulai, akhir]``, in order."""
    _check_mode(mode)
    if akhir < mulai:
        return []
    days = np.arange(np.datetime64(mulai), np.datetime64(akhir + timedelta(days=1)))
    if mode != "kalender":
        mask = np.is_busday(days, weekmask=_WEEKMASK[mode], holidays=_holidays_between(mulai, akhir))
        days = days[mask]
    return [d.astype(object) for d in days]
