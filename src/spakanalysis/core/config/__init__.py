"""Versioned configuration shipped with the package (TOML, read with :mod:`tomllib`; the standard codebook, CSV)."""

from __future__ import annotations

import csv
import io
import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_config", "STANDARD_CODEBOOK", "standard_codebook_text", "standard_items"]

#: the codebook of the standard instruments (``instrumen.csv`` format; question texts provisional)
STANDARD_CODEBOOK = "instrumen_standar.csv"


@cache
def load_config(name: str) -> dict[str, Any]:
    """Load ``config/<name>.toml`` from the installed package."""
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def standard_codebook_text() -> str:
    """The packaged standard codebook, as the text of an ``instrumen.csv``."""
    return resources.files(__package__).joinpath(STANDARD_CODEBOOK).read_text(encoding="utf-8")


@cache
def standard_items() -> dict[str, tuple[str, ...]]:
    """Instrument → its item codes in the standard codebook (data, not code: edit the CSV).

    Examples
    --------
    >>> standard_items()["SPAK"][:2]
    ('spak_diskriminasi', 'spak_kecurangan')
    """
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(standard_codebook_text())):
        out.setdefault(row["instrumen"], []).append(row["kode_butir"])
    return {k: tuple(v) for k, v in out.items()}
