"""The parameters of a report, checked before anything is computed: satker, period, dates, sample rule."""

from __future__ import annotations

from datetime import date, datetime

from spakanalysis.core import settings
from spakanalysis.core.errors import ParameterError
from spakanalysis.core.periods import parse_periode
from spakanalysis.stats.progress import AturanSampel, hari_ini_wita, tanggal_data_bawaan

__all__ = ["as_date", "default_print_date", "check_parameters", "sample_rule"]


def default_print_date() -> date:
    """Print date in WITA: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    from zoneinfo import ZoneInfo

    epoch = settings.source_date_epoch()
    if epoch is not None and epoch >= 0:
        return datetime.fromtimestamp(epoch, tz=ZoneInfo("Asia/Makassar")).date()
    return hari_ini_wita()


def as_date(value, name: str) -> date | None:
    """``value`` (``None``, ``""``, a date, a datetime or ``YYYY-MM-DD``) as a date; ``name`` is the parameter.

    Raises
    ------
    ParameterError
        The text is not a date, with an example of the format (Indonesian).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ParameterError(f'Parameter {name} "{value}" tidak valid: gunakan format tanggal YYYY-MM-DD, mis. 2024-09-30.') from None


def sample_rule(aturan: str, galat, lantai) -> AturanSampel:
    """The sample-size rule from the parameters, checked (known rule, 0 < galat < 1, lantai ≥ 0)."""
    from spakanalysis.stats.sample_size import RULES

    if aturan not in RULES:
        raise ParameterError(f'Aturan "{aturan}" tidak dikenal; pilih salah satu: {", ".join(RULES)}.')
    try:
        error = float(galat)
    except (TypeError, ValueError):
        raise ParameterError(f'Galat "{galat}" harus bilangan antara 0 dan 1, mis. 0.05.') from None
    if not 0 < error < 1:
        raise ParameterError(f'Galat "{galat}" harus bilangan antara 0 dan 1, mis. 0.05.')
    floor = None
    if lantai not in (None, "", 0):
        try:
            floor = int(lantai)
        except (TypeError, ValueError):
            raise ParameterError(f'Lantai "{lantai}" harus bilangan bulat, mis. 30.') from None
    if floor is not None and floor < 0:
        raise ParameterError(f'Lantai "{lantai}" harus bilangan bulat ≥ 0, mis. 30.')
    return AturanSampel(aturan=aturan, galat=error, lantai=floor)


def check_parameters(dataset, kode_satker: str, periode, mulai=None, akhir=None, tanggal_data=None, aturan: str = "ntt-2024",
                     galat: float = 0.05, lantai=None, tanggal_rapat=None, tanggal_cetak=None):
    """Validate report parameters before anything is executed.

    Returns
    -------
    tuple
        ``(registry row, Periode, data cut-off date, AturanSampel)``.

    Raises
    ------
    ParameterError
        Unknown satker or rule, bad margin or floor, malformed period or date (Indonesian).
    """
    code = str(kode_satker).strip()
    registry = dataset.satker
    if code not in set(registry["kode_satker"]):
        known = ", ".join(registry["kode_satker"].astype(str).head(30))
        raise ParameterError(f'Kode satker "{code}" tidak ada di registri satker. Kode yang dikenal: {known}.')
    rule = sample_rule(aturan, galat, lantai)
    period = parse_periode(periode, mulai=as_date(mulai, "mulai"), akhir=as_date(akhir, "akhir"))
    cut = as_date(tanggal_data, "tanggal_data") or tanggal_data_bawaan(dataset.respons, period)
    as_date(tanggal_rapat, "tanggal_rapat")
    as_date(tanggal_cetak, "tanggal_cetak")
    row = registry[registry["kode_satker"] == code].iloc[0]
    return row, period, cut, rule
