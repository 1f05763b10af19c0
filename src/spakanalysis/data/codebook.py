"""The codebook (``instrumen.csv``) as a typed object, parsed by one parser.

:func:`parse_codebook` turns a codebook table — the loader's validated
``Dataset.instrumen`` or a table a caller built — into a frozen
:class:`Codebook`: per instrument its item codes, unsur, questions, scale
bounds, reverse flags and raw weights. The loader builds it once per data
folder (``Dataset.codebook``); :mod:`spakanalysis.stats.indices` uses it
instead of reading the table itself. The words meaning yes/no in the
``terbalik`` column live here and nowhere else.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from spakanalysis.core.errors import InputError

__all__ = [
    "YES_WORDS",
    "NO_WORDS",
    "CODEBOOK_NEEDED",
    "parse_flag",
    "InstrumentItems",
    "Codebook",
    "parse_codebook",
]

#: values of ``terbalik`` meaning "yes, reverse-coded" (compared after trimming, case-insensitively)
YES_WORDS: frozenset[str] = frozenset({"ya", "y", "true", "1"})
#: values of ``terbalik`` meaning "no" (blank = no)
NO_WORDS: frozenset[str] = frozenset({"tidak", "t", "false", "0", ""})
#: columns a codebook table must have
CODEBOOK_NEEDED: tuple[str, ...] = ("instrumen", "kode_butir", "unsur", "skala_min", "skala_maks")


def _norm(value: object) -> str:
    return " ".join(str(value).split()).casefold()


def parse_flag(value: object) -> bool | None:
    """A ``terbalik`` cell as a bool: ``True`` for a yes word, ``False`` for a no word or an empty cell.

    Parameters
    ----------
    value : object
        The cell (text, bool, number, ``None``/NaN/NA).

    Returns
    -------
    bool or None
        ``None`` when the value is neither a yes word nor a no word.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    text = _norm(value)
    if text in YES_WORDS:
        return True
    return False if text in NO_WORDS else None


@dataclass(frozen=True)
class InstrumentItems:
    """The items of one instrument, in codebook order.

    Attributes
    ----------
    instrument : str
        ``SPKP``, ``SPAK`` or ``SKM`` (upper case).
    codes : tuple of str
        Item codes (``kode_butir``), the standard column names of the answers.
    unsur, questions : tuple of str
        ``unsur`` and ``pertanyaan`` of each item ("" when absent).
    lo, hi : tuple of float
        Scale bounds of each item (NaN when not a number).
    reverse : tuple of bool
        Whether each item is reverse-coded (``terbalik``).
    weights : tuple of float
        Raw ``bobot`` of each item (NaN = not given).
    """

    instrument: str
    codes: tuple[str, ...]
    unsur: tuple[str, ...]
    questions: tuple[str, ...]
    lo: tuple[float, ...]
    hi: tuple[float, ...]
    reverse: tuple[bool, ...]
    weights: tuple[float, ...]


@dataclass(frozen=True)
class Codebook:
    """Every instrument of a codebook (see :func:`parse_codebook`).

    Attributes
    ----------
    instruments : mapping
        Instrument name → its :class:`InstrumentItems`, or the message of the error that
        instrument's rows raise (raised by :meth:`items` as :class:`InputError`, so one bad
        instrument does not stop the others).
    """

    instruments: Mapping[str, InstrumentItems | str]

    def names(self) -> list[str]:
        """Instrument names in the codebook, sorted."""
        return sorted(self.instruments)

    def items(self, instrument: str) -> InstrumentItems:
        """The items of ``instrument`` (case and spaces ignored).

        Raises
        ------
        InputError
            The instrument is not in the codebook or its rows are invalid.
        """
        key = str(instrument).strip().upper()
        found = self.instruments.get(key)
        if found is None:
            raise InputError(
                f'Instrumen "{instrument}" tidak ada di kodebook (instrumen.csv). Yang ada: {", ".join(self.names())}.'
            )
        if isinstance(found, str):
            raise InputError(found)
        return found


def _to_float(col: pd.Series) -> pd.Series:
    if col.dtype == object or pd.api.types.is_string_dtype(col):
        col = col.astype("string").str.strip().str.replace(",", ".", regex=False).replace("", pd.NA)
    return pd.to_numeric(col, errors="coerce").astype("float64")


def _reverse_flags(rows: pd.DataFrame, codes: tuple[str, ...], key: str) -> tuple[bool, ...]:
    if "terbalik" not in rows.columns:
        return (False,) * len(codes)
    col = rows["terbalik"]
    if pd.api.types.is_bool_dtype(col):
        return tuple(bool(v) for v in col)
    out = []
    for kode, value in zip(codes, col):
        flag = parse_flag(value)
        if flag is None:
            raise InputError(
                f'Kodebook instrumen {key}, butir "{kode}": kolom terbalik bernilai "{str(value).strip().lower()}"; '
                'yang diharapkan "ya" atau "tidak".'
            )
        out.append(flag)
    return tuple(out)


def _text(rows: pd.DataFrame, column: str) -> tuple[str, ...]:
    if column not in rows.columns:
        return ("",) * len(rows)
    return tuple(str(u) for u in rows[column].astype("string").fillna(""))


def _instrument(rows: pd.DataFrame, key: str) -> InstrumentItems:
    codes = rows["kode_butir"].astype("string").str.strip()
    if codes.isna().any():
        raise InputError(f"Kodebook instrumen {key}: ada butir tanpa kode_butir.")
    dup = codes[codes.duplicated()].unique()
    if len(dup):
        raise InputError(f"Kodebook instrumen {key}: kode_butir ganda: {', '.join(dup)}.")
    codes_t = tuple(str(c) for c in codes)
    weights = _to_float(rows["bobot"]) if "bobot" in rows.columns else pd.Series(np.nan, index=rows.index)
    return InstrumentItems(
        instrument=key,
        codes=codes_t,
        unsur=_text(rows, "unsur"),
        questions=_text(rows, "pertanyaan"),
        lo=tuple(float(x) for x in _to_float(rows["skala_min"])),
        hi=tuple(float(x) for x in _to_float(rows["skala_maks"])),
        reverse=_reverse_flags(rows, codes_t, key),
        weights=tuple(float(x) for x in weights),
    )


def parse_codebook(frame: pd.DataFrame) -> Codebook:
    """Parse a codebook table into a :class:`Codebook`.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``instrumen``, ``kode_butir``, ``unsur``, ``skala_min``, ``skala_maks`` and
        optionally ``pertanyaan``, ``terbalik``, ``bobot``; text or typed cells.

    Returns
    -------
    Codebook
        Rows without an instrument name are left out.

    Raises
    ------
    InputError
        A needed column is missing (errors within an instrument are raised by
        :meth:`Codebook.items`).
    """
    missing = [c for c in CODEBOOK_NEEDED if c not in frame.columns]
    if missing:
        raise InputError(f"Kodebook instrumen tidak memiliki kolom: {', '.join(missing)}.")
    names = frame["instrumen"].astype("string").str.strip().str.upper()
    found: dict[str, InstrumentItems | str] = {}
    for key in sorted(names.dropna().unique()):
        rows = frame[(names == key).fillna(False).to_numpy(bool)]
        try:
            found[str(key)] = _instrument(rows, str(key))
        except InputError as err:
            found[str(key)] = str(err)
    return Codebook(found)
