"""Turn schema failures and row checks into :class:`~spakanalysis.core.errors.Masalah`.

This module caps the number of messages per (file, column, code) and detects
duplicate submissions; the wording of the cell-level problems is in
:mod:`spakanalysis.data.messages` (:func:`pesan_masalah`, re-exported here). :mod:`spakanalysis.data.validation`
holds :func:`~spakanalysis.data.validation.validate_folder`, the entry point of ``spakanalysis validasi``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from spakanalysis.core.errors import Masalah, format_nilai
from spakanalysis.data import schemas as sc
from spakanalysis.data.messages import CONTOH_WAKTU, pesan_masalah
from spakanalysis.data.rules import FRAME_CHECK_COLUMN

__all__ = [
    "MAKS_PESAN",
    "ProblemLog",
    "Pencatat",
    "schema_failures",
    "pesan_masalah",
    "CONTOH_WAKTU",
    "urutkan_masalah",
    "find_duplicates",
]

#: at most this many messages per (file, column, code); the rest are summarised
MAKS_PESAN = 50
_RINGKASAN = "... dan "



# ------------------------------------------------------------------ collector


def _sort_key(m: Masalah) -> tuple:
    if m.baris is not None:
        row = float(m.baris)
    elif m.pesan.startswith(_RINGKASAN):
        row = math.inf
    else:
        row = -1.0
    return (m.berkas, row, m.kolom or "", m.kode, m.pesan)


def urutkan_masalah(masalah: Iterable[Masalah]) -> list[Masalah]:
    """Sort problems by file, then row (file-level problems first, summaries last)."""
    return sorted(masalah, key=_sort_key)


class ProblemLog:
    """Collects problems; caps row-level ones per (file, column, code).

    Attributes
    ----------
    masalah : list of Masalah
    ringkasan : dict
        Summary ``Masalah`` ("... dan N baris lain") → number of hidden rows
        per ``kode_satker`` (``None`` for rows without a known satker).
    """

    def __init__(self, maks: int = MAKS_PESAN) -> None:
        self.maks = maks
        self.masalah: list[Masalah] = []
        self.ringkasan: dict[Masalah, dict[str | None, int]] = {}

    def add(
        self,
        berkas: str,
        pesan: str,
        *,
        kode: str,
        baris: int | None = None,
        kolom: str | None = None,
        nilai: str | None = None,
        kode_satker: str | None = None,
        tingkat: str | None = None,
    ) -> Masalah:
        problem = Masalah(
            berkas=berkas,
            pesan=pesan,
            baris=baris,
            kolom=kolom,
            nilai=nilai,
            tingkat=tingkat or sc.TINGKAT.get(kode, "galat"),  # type: ignore[arg-type]
            kode=kode,
            kode_satker=kode_satker,
        )
        self.masalah.append(problem)
        return problem

    def extend(self, masalah: Iterable[Masalah]) -> None:
        self.masalah.extend(masalah)

    def add_rows(self, rows: pd.DataFrame, message: Callable[[Mapping[str, Any]], str]) -> None:
        """Add one problem per row of ``rows``, capped per (file, column, code).

        ``rows`` has columns ``berkas``, ``baris``, ``kolom`` (as in the file),
        ``kode``, ``nilai`` (raw value; leave the column out when no value
        applies), ``kode_satker`` and any context ``message`` needs; ``message`` is
        called only for the rows shown.
        """
        if rows.empty:
            return
        rows = rows.sort_values(["berkas", "baris"], kind="stable").reset_index(drop=True)
        keys = ["berkas", "kolom", "kode"]
        rank = rows.groupby(keys, sort=False, dropna=False).cumcount().to_numpy()
        shown = rows.loc[rank < self.maks]
        for rec in shown.to_dict("records"):
            self.add(
                rec["berkas"],
                message(rec),
                kode=rec["kode"],
                baris=int(rec["baris"]),
                kolom=rec["kolom"],
                nilai=format_nilai(rec["nilai"]) if "nilai" in rec else None,
                kode_satker=_opt_str(rec.get("kode_satker")),
            )
        hidden = rows.loc[rank >= self.maks]
        if hidden.empty:
            return
        for (berkas, kolom, kode), group in hidden.groupby(keys, sort=False, dropna=False):
            satker = group["kode_satker"].astype(object).where(group["kode_satker"].notna(), None)
            counts: dict[str | None, int] = {}
            for key, n in satker.value_counts(dropna=False).items():
                counts[_opt_str(key)] = int(n)
            only = next(iter(counts)) if len(counts) == 1 else None
            summary = self.add(
                berkas,
                f"{_RINGKASAN}{len(group)} baris lain dengan masalah yang sama ({kode})",
                kode=kode,
                kolom=None if pd.isna(kolom) else kolom,
                kode_satker=only,
            )
            self.ringkasan[summary] = counts

    def hasil(self) -> list[Masalah]:
        """Every problem added, sorted (see :func:`urutkan_masalah`)."""
        return urutkan_masalah(self.masalah)

    #: deprecated Indonesian names (issue 16)
    tambah = add
    dari_baris = add_rows


#: deprecated name of :class:`ProblemLog` (issue 16)
Pencatat = ProblemLog


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value)
    return text if text.strip() else None


# ------------------------------------------------------------------ pandera


def schema_failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate lazily and return the failing cells.

    Returns
    -------
    pandas.DataFrame
        Columns ``pos`` (row position in ``frame``), ``kolom`` (standard
        column), ``kode`` (check name = problem code) and ``konteks``
        (``"Column"`` or ``"DataFrameSchema"`` for frame-wide checks). One row
        per failing cell; empty if the frame is valid.
    """
    empty = pd.DataFrame({"pos": pd.Series(dtype="int64"), "kolom": [], "kode": [], "konteks": []})
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    else:
        return empty
    cases = cases.loc[cases["index"].notna()].copy()
    if cases.empty:
        return empty
    cases["kode"] = cases["check"].astype(str)
    frame_wide = cases["schema_context"].astype(str) == "DataFrameSchema"
    if frame_wide.any():
        wanted = cases.loc[frame_wide, "kode"].map(FRAME_CHECK_COLUMN)
        keep = ~frame_wide.copy()
        keep[frame_wide] = cases.loc[frame_wide, "column"].astype(str) == wanted
        cases = cases.loc[keep]
    positions = frame.index.get_indexer(cases["index"].astype(frame.index.dtype))
    out = pd.DataFrame(
        {
            "pos": positions.astype("int64"),
            "kolom": cases["column"].astype(str).to_numpy(),
            "kode": cases["kode"].to_numpy(),
            "konteks": cases["schema_context"].astype(str).to_numpy(),
        }
    )
    return out.drop_duplicates(["pos", "kolom", "kode"]).reset_index(drop=True)


# ------------------------------------------------------------------ row checks


def find_duplicates(frame: pd.DataFrame, items: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Find duplicate submissions.

    Two rows are the same submission when they share a non-empty
    ``id_respons``; rows are also the same when ``kode_satker``,
    ``waktu_isi`` and every answer are identical, in any files, unless both
    carry an ``id_respons`` (then the ids, being different, win). The first
    row is kept.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``id_respons`` (str/NA, optional), ``kode_satker``,
        ``waktu_kunci`` (hashable per row: the parsed time or the raw text)
        and the item columns (any hashable representation of the answer).
    items : list of str
        Item columns.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        ``duplicate`` (bool per row), ``first`` (position of the row each row
        duplicates; itself when not a duplicate) and ``by_id`` (bool: the
        duplicate was found through ``id_respons``).
    """
    n = len(frame)
    positions = np.arange(n)
    duplicate = np.zeros(n, dtype=bool)
    first = positions.copy()
    by_id = np.zeros(n, dtype=bool)
    has_id = np.zeros(n, dtype=bool)
    if "id_respons" in frame:
        ids = frame["id_respons"]
        has_id = (ids.notna() & (ids != "")).to_numpy(dtype=bool, na_value=False)
        if has_id.any():
            codes, _ = pd.factorize(ids.where(has_id))
            _mark(codes, has_id, duplicate, first, by_id, flag=True)
    # identical content: a duplicate unless both rows carry (different) ids
    key_columns = ["kode_satker", "waktu_kunci", *items]
    codes, _ = pd.factorize(pd.util.hash_pandas_object(frame[key_columns], index=False).to_numpy())
    firsts = pd.Series(positions).groupby(codes).transform("first").to_numpy()
    same = (firsts != positions) & ~duplicate & (~has_id | ~has_id[firsts])
    duplicate[same] = True
    first[same] = firsts[same]
    return duplicate, first, by_id


def _mark(
    codes: np.ndarray, mask: np.ndarray, duplicate: np.ndarray, first: np.ndarray, by_id: np.ndarray, flag: bool
) -> None:
    """Mark, among the rows in ``mask``, those whose code appeared before (in place)."""
    pos = np.flatnonzero(mask)
    group = np.asarray(codes)[pos]
    series = pd.Series(pos)
    firsts = series.groupby(group).transform("first").to_numpy()
    dup = firsts != pos
    duplicate[pos[dup]] = True
    first[pos[dup]] = firsts[dup]
    by_id[pos[dup]] = flag
