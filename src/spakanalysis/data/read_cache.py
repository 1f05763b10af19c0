"""What reading one large input file produced, kept between runs: a changed folder re-reads its changed files only.

The dataset cache (:mod:`spakanalysis.data.cache`) keeps a whole folder; once any file of it
changes (a new month's export, a corrected registry row), the folder is loaded again. Parsing
the response exports is about half of that work at national scale, so each large file's read is
kept too: the kept columns (personal columns were never read), the file's record and the
problems its reading logged, keyed on the file's bytes and on everything that decides how it is
read (the column rules and mapping, the sheet, the package's code). Checks that look at the
rows of every file together (duplicates across files, the registry, the codebook) run again on
every load. Files smaller than :data:`MIN_BYTES` are simply read again, and so is a folder with only one
large response file (:func:`worth_keeping`).

Entries live next to the dataset entries (``berkas-*.pkl``, at most :data:`MAX_ENTRIES`, the least
recently used deleted first). Values are stored column by column as codes and distinct values,
which is far smaller than the strings themselves.
"""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core import settings
from spakanalysis.core.hashing import code_fingerprint, digest_parts, file_sha256

__all__ = ["MIN_BYTES", "MAX_ENTRIES", "CachedRead", "worth_keeping", "read_key", "lookup", "store"]

#: files smaller than this are read again (their parsing costs less than the cache)
MIN_BYTES = 1 << 20
#: file entries kept (a year of monthly exports from a few folders)
MAX_ENTRIES = 24
_VERSION = 1


@dataclass
class CachedRead:
    """One file's read: the standard frame, its source headers, its record and the problems logged."""

    frame: pd.DataFrame
    source: dict[str, str]
    record: Any  # SourceFile
    problems: list  # Masalah added while reading
    summaries: dict  # summary Masalah -> hidden rows per satker


def worth_keeping(paths) -> bool:
    """Whether to keep the reads of these response files: two or more of at least :data:`MIN_BYTES`.

    A folder with one large export gains nothing (a change to it is a change to the only file)
    and would pay for storing its read.
    """
    large = 0
    for path in paths:
        try:
            large += Path(path).stat().st_size >= MIN_BYTES
        except OSError:
            pass
    return large >= 2


def _rules_text(rules) -> str:
    return json.dumps({
        "known": sorted(map(str, rules.known)), "required": list(map(str, rules.required)),
        "mapping": sorted((rules.mapping or {}).items()), "personal": bool(rules.personal),
        "mapping_name": rules.mapping_name, "mapping_source": sorted((rules.mapping_source or {}).items()),
    }, ensure_ascii=False)


def read_key(path: Path, hint, rules, sheet: str | None) -> str | None:
    """The entry key of reading ``path`` this way, or None when the file is small or unreadable."""
    try:
        if path.stat().st_size < MIN_BYTES:
            return None
        content = file_sha256(path)
    except OSError:
        return None
    return digest_parts(str(_VERSION), code_fingerprint(), content, path.name, sheet or "",
                        json.dumps(sorted(map(str, hint)), ensure_ascii=False), _rules_text(rules))


def _entry(key: str) -> Path:
    from spakanalysis.core.paths import safe_child

    return safe_child(settings.cache_dir(), f"berkas-{key[:32]}.pkl")


def _encode(frame: pd.DataFrame) -> dict[str, Any]:
    columns = []
    for name in frame.columns:
        s = frame[name]
        if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
            codes, uniques = pd.factorize(s, use_na_sentinel=False)
            columns.append((name, "kode", codes.astype(np.int32), uniques))
        else:
            columns.append((name, "nilai", s.to_numpy(), None))
    return {"columns": columns, "index": frame.index, "dtypes": [str(t) for t in frame.dtypes]}


def _decode(data: dict[str, Any]) -> pd.DataFrame:
    cols = {}
    for name, kind, values, uniques in data["columns"]:
        cols[name] = uniques.take(values) if kind == "kode" else values
    frame = pd.DataFrame(cols, index=data["index"], copy=False)
    frame.columns = [c for c, *_ in data["columns"]]
    return frame


def lookup(key: str | None) -> CachedRead | None:
    """The kept read for ``key``, or None (absent, broken or written by another layout)."""
    if key is None:
        return None
    path = _entry(key)
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        read = CachedRead(_decode(data["frame"]), data["source"], data["record"], data["problems"], data["summaries"])
        os.utime(path)  # recently used: kept by the pruning
    except Exception:  # noqa: BLE001 - no entry, or a broken one: the file is read again
        return None
    return read


def store(key: str | None, read: CachedRead) -> None:
    """Keep ``read`` under ``key`` (nothing when the cache folder cannot be written)."""
    if key is None or read.frame.columns.duplicated().any():
        return
    from spakanalysis.core.atomic import write_atomic

    data = {"frame": _encode(read.frame), "source": read.source, "record": read.record, "problems": read.problems,
            "summaries": read.summaries}
    try:
        folder = settings.cache_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(_entry(key), pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("berkas-*.pkl"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        try:
            old.unlink()
        except OSError:
            pass
