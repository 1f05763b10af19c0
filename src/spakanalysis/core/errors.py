"""Exceptions and data problems.

Every error a user can meet carries a message in Bahasa Indonesia that names
the file, row, column and value involved and what was expected. The CLI prints
those messages; it never shows a traceback for them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Tingkat = Literal["galat", "peringatan", "catatan"]

__all__ = ["Masalah", "SpakError", "InputError", "DataError", "ParameterError", "format_nilai"]


def format_nilai(value: Any) -> str:
    """Render an offending value for a message (short, quoted, visible blanks)."""
    if value is None:
        return "(kosong)"
    try:
        import pandas as pd

        if pd.isna(value):
            return "(kosong)"
    except (TypeError, ValueError):
        pass
    text = str(value)
    if text.strip() == "":
        return "(kosong)"
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"'


@dataclass(frozen=True)
class Masalah:
    """One problem found in the input data.

    Parameters
    ----------
    berkas : str
        File name (relative to the data folder) the problem was found in.
    pesan : str
        What is wrong and what was expected, in Bahasa Indonesia.
    baris : int, optional
        Row number as a spreadsheet shows it (the header is row 1, the first
        data row is row 2). ``None`` for a problem of the whole file.
    kolom : str, optional
        Column name as it appears in the file.
    nilai : str, optional
        The offending value, already rendered with :func:`format_nilai`.
    tingkat : {"galat", "peringatan", "catatan"}
        ``galat``: the data cannot be used; ``peringatan``: rows are excluded
        and counted; ``catatan``: information only.
    kode : str
        Machine-readable problem code (e.g. ``"kolom_hilang"``).
    kode_satker : str, optional
        The satker the problem belongs to, when it can be attributed.
    """

    berkas: str
    pesan: str
    baris: int | None = None
    kolom: str | None = None
    nilai: str | None = None
    tingkat: Tingkat = "galat"
    kode: str = "lainnya"
    kode_satker: str | None = None

    def __str__(self) -> str:
        where = [self.berkas]
        if self.baris is not None:
            where.append(f"baris {self.baris}")
        if self.kolom is not None:
            where.append(f'kolom "{self.kolom}"')
        head = ", ".join(where)
        nilai = f": nilai {self.nilai}" if self.nilai is not None else ""
        return f"[{self.tingkat}] {head}{nilai} — {self.pesan}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class SpakError(Exception):
    """Base class for errors shown to the user (message in Bahasa Indonesia)."""


class InputError(SpakError, ValueError):
    """A function argument is invalid (e.g. population 0)."""


class ParameterError(SpakError, ValueError):
    """A report parameter (satker code, period, rule ...) is invalid."""


class DataError(SpakError):
    """The input data cannot be used; holds every problem found."""

    def __init__(self, masalah: list[Masalah], judul: str = "Data masukan tidak valid") -> None:
        self.masalah = list(masalah)
        lines = [f"{judul} ({len(self.masalah)} masalah):"]
        lines += [f"  - {m}" for m in self.masalah]
        super().__init__("\n".join(lines))
