"""Settings of the index computations, read from ``config/zona_integritas.toml``.

One reader for the confidence level, the reliability and disclosure limits and the number
format of the notes, shared by :mod:`~spakanalysis.stats.indices` and the modules built on it.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

from spakanalysis.core.config import load_config
from spakanalysis.core.errors import InputError
from spakanalysis.core.formatting import format_angka

__all__ = ["CONFIG_NAME", "TOLERANCE", "index_config", "level", "level_percent", "check_min_reliable",
           "check_min_cell", "fmt"]

CONFIG_NAME = "zona_integritas"
#: tolerance when checking that a value lies on a scale (floating-point noise)
TOLERANCE = 1e-9


def index_config() -> dict[str, Any]:
    """The whole index configuration (cached by :func:`~spakanalysis.core.config.load_config`)."""
    return load_config(CONFIG_NAME)


def level() -> float:
    """Confidence level of the intervals (0.95)."""
    return float(index_config()["selang_kepercayaan"]["tingkat"])


def level_percent() -> str:
    """Confidence level as shown in the notes (``"95"``)."""
    return format_angka(level() * 100)


def check_min_reliable(value: int | None) -> int:
    """``value`` checked as a minimum number of responses, or the configured default (30)."""
    if value is None:
        return int(index_config()["keandalan"]["min_respons_andal"])
    if isinstance(value, bool) or not isinstance(value, Real) or value < 0 or value != int(value):
        raise InputError(f"min_reliable harus bilangan bulat ≥ 0, bukan {value!r}.")
    return int(value)


def check_min_cell(value: int | None) -> int:
    """``value`` checked as the smallest group shown, or the configured default (5)."""
    if value is None:
        return int(index_config()["keandalan"]["min_sel"])
    if isinstance(value, bool) or not isinstance(value, Real) or value < 1 or value != int(value):
        raise InputError(f"min_cell harus bilangan bulat ≥ 1, bukan {value!r}.")
    return int(value)


def fmt(x: float, desimal: int = 2) -> str:
    """A number in the notes' Indonesian format (two decimals by default)."""
    return format_angka(x, desimal)
