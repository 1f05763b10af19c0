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

import pandas as pd

from spakanalysis.core.hashing import digest_parts as _digest

__all__ = ["frame_digest", "satker_sources", "registry_files", "response_files"]




def frame_digest(frame: pd.DataFrame) -> str:
    """SHA-256 of a table's columns, dtypes and values (independent of its index), as hex."""
    frame = frame.reset_index(drop=True)
    values = pd.util.hash_pandas_object(frame.astype("string"), index=False).to_numpy().tobytes()
    return _digest(json.dumps([str(c) for c in frame.columns]), json.dumps([str(t) for t in frame.dtypes]), values)


def _is_registry(dataset, name: str, rows: int) -> bool:
    return "satker" in name.lower() and rows == len(dataset.satker)


def registry_files(dataset) -> set[str]:
    """The names of the input files read as the satker registry."""
    return {b.nama for b in dataset.berkas if _is_registry(dataset, b.nama, b.baris)}


def response_files(dataset) -> set[str]:
    """The names of the input files that hold responses."""
    return {str(x) for x in dataset.respons["_berkas"].dropna().unique()}


def satker_sources(dataset, code: str, *, responses: set[str] | None = None) -> list[dict[str, Any]]:
    """One entry per input file — ``berkas``, ``baris`` (rows of this satker, or of the file) and ``sha256``.

    ``responses``: :func:`response_files` of ``dataset``, when the caller asks for many satkers (it
    scans every response; a batch's plan would otherwise scan them once per satker).
    """
    own_files = response_files(dataset) if responses is None else responses
    own = dataset.respons_satker(code)
    out = []
    for b in dataset.berkas:
        if b.nama in own_files:
            mine = own[own["_berkas"] == b.nama]
            out.append({"berkas": b.nama, "baris": len(mine), "sha256": frame_digest(mine)})
        elif _is_registry(dataset, b.nama, b.baris):
            row = dataset.satker[dataset.satker["kode_satker"] == code]
            out.append({"berkas": b.nama, "baris": len(row), "sha256": frame_digest(row)})
        else:
            out.append({"berkas": b.nama, "baris": int(b.baris), "sha256": b.sha256})
    return out
