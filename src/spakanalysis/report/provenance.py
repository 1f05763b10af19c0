"""The "Sumber data" appendix of a satker report: what of each input file the report read.

For a response file: the satker's own rows in it and a SHA-256 of those rows;
for the registry: the satker's row; for every other file (codebook, column
mapping): the whole file. So a satker's report changes only when its own data
(or a file every report reads) changes, and a batch can reuse the reports of
satkers whose inputs did not change (:mod:`spakanalysis.pipeline.reuse`).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.hashing import digest_parts as _digest
from spakanalysis.data.readers import FILE_COLUMN

__all__ = ["frame_digest", "group_digests", "row_hashes", "satker_sources", "source_digests", "registry_files", "response_files"]




def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per row of ``frame`` over its values (not its index), as in :func:`frame_digest`.

    A row's hash depends on that row alone, so the hashes of a whole table, taken once, give the
    digest of any of its slices (:func:`group_digests`).
    """
    return pd.util.hash_pandas_object(frame, index=False).to_numpy(dtype="uint64")


def _frame_header(frame: pd.DataFrame) -> tuple[str, str]:
    return json.dumps([str(c) for c in frame.columns]), json.dumps([str(t) for t in frame.dtypes])


def frame_digest(frame: pd.DataFrame) -> str:
    """SHA-256 of a table's columns, dtypes and values (independent of its index), as hex."""
    return _digest(*_frame_header(frame), row_hashes(frame).tobytes())


def group_digests(frame: pd.DataFrame, by: str | list[str]) -> tuple[dict[Any, str], str]:
    """``({key: frame_digest(rows of key)}, frame_digest(no rows))`` for every group of ``by``, in one pass.

    The same digests as :func:`frame_digest` of each group's rows in their order, without
    converting each group again: a national batch digests a thousand satkers' rows this way.
    """
    header = _frame_header(frame)
    hashes = row_hashes(frame)
    groups = frame.groupby(by, sort=False, observed=True, dropna=True).indices
    return {k: _digest(*header, hashes[pos].tobytes()) for k, pos in groups.items()}, _digest(*header, b"")


def _is_registry(dataset, name: str, rows: int) -> bool:
    return "satker" in name.lower() and rows == len(dataset.satker)


def registry_files(dataset) -> set[str]:
    """The names of the input files read as the satker registry."""
    return {b.nama for b in dataset.berkas if _is_registry(dataset, b.nama, b.baris)}


def response_files(dataset) -> set[str]:
    """The names of the input files that hold responses."""
    return {str(x) for x in dataset.respons[FILE_COLUMN].dropna().unique()}


def _digests_of(respons: pd.DataFrame, registry: pd.DataFrame) -> dict[str, Any]:
    by_file, empty = group_digests(respons, ["kode_satker", FILE_COLUMN])
    by_code, empty_reg = group_digests(registry, "kode_satker")
    rows = respons.groupby(["kode_satker", FILE_COLUMN], sort=False, observed=True).size().to_dict()
    return {"respons": by_file, "kosong": empty, "baris": rows, "registri": by_code, "registri_kosong": empty_reg,
            "baris_registri": registry["kode_satker"].value_counts().to_dict()}


def source_digests(dataset) -> dict[str, Any]:
    """Every satker's digests and row counts for :func:`satker_sources`, in one pass over the responses and the registry."""
    return _digests_of(dataset.respons, dataset.satker)


def satker_sources(dataset, code: str, *, responses: set[str] | None = None,
                   digests: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """One entry per input file — ``berkas``, ``baris`` (rows of this satker, or of the file) and ``sha256``.

    A response file's or the registry's ``sha256`` is :func:`frame_digest` of this satker's rows
    in it. ``responses``, ``digests``: :func:`response_files` and :func:`source_digests` of
    ``dataset``, when the caller asks for many satkers (a batch's plan hashes every response
    once, not once per satker). The entries are the same with or without them.
    """
    own_files = response_files(dataset) if responses is None else responses
    if digests is None:
        registry = dataset.satker
        digests = _digests_of(dataset.respons_satker(code), registry[registry["kode_satker"] == code])
    out = []
    for b in dataset.berkas:
        if b.nama in own_files:
            key = (code, b.nama)
            out.append({"berkas": b.nama, "baris": int(digests["baris"].get(key, 0)),
                        "sha256": digests["respons"].get(key, digests["kosong"])})
        elif _is_registry(dataset, b.nama, b.baris):
            out.append({"berkas": b.nama, "baris": int(digests["baris_registri"].get(code, 0)),
                        "sha256": digests["registri"].get(code, digests["registri_kosong"])})
        else:
            out.append({"berkas": b.nama, "baris": int(b.baris), "sha256": b.sha256})
    return out
