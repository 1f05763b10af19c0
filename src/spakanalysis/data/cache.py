"""Locate the data folder and load it once per batch.

A batch of hundreds of reports must not parse the same CSV files hundreds of
times. :func:`load_dataset_cached` keeps the validated :class:`Dataset` in a
pickle keyed by the SHA-256 of every input file and of the package's own code (and the
day: "in the future" checks depend on it), in the folder of
:func:`spakanalysis.core.settings.cache_dir` (``$SPAKANALYSIS_CACHE``, else the user's cache
folder ``~/.cache/spakanalysis``, created readable by the user only). The cache outlives a batch,
so the next run (the same data, the same day) skips reading and validating the folder. It holds
only what the loader made of the files: no personal column, feedback already masked. At most
:data:`MAX_ENTRIES` entries are kept (the least recently used are deleted); a broken entry is
read again from the folder. Delete the folder to clear it. The raw folder itself is never written to.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from datetime import date
from pathlib import Path

from spakanalysis.core import settings
from spakanalysis.core.errors import SpakError
from spakanalysis.core.hashing import code_fingerprint

__all__ = ["MAX_ENTRIES", "resolve_data_folder", "folder_fingerprint", "load_dataset_cached", "prune_cache"]

#: dataset cache entries kept (about one per data folder and day; a million responses is ~250 MB)
MAX_ENTRIES = 6


def resolve_data_folder(folder: str | os.PathLike) -> Path:
    """Find the data folder: as given, else relative to a parent of the working folder.

    Lets the notebook's default ``../data/raw`` work whether it is run from
    ``notebooks/`` (JupyterLab, papermill) or from the project root (nbval).
    """
    p = Path(folder).expanduser()
    if p.is_dir():
        return p.resolve()
    if not p.is_absolute():
        parts = [x for x in p.parts if x not in ("..", ".")]
        for base in [Path.cwd(), *Path.cwd().parents]:
            cand = base.joinpath(*parts)
            if cand.is_dir():
                return cand.resolve()
    raise SpakError(f'Folder data "{folder}" tidak ditemukan.')


def folder_fingerprint(folder: Path) -> str:
    """SHA-256 over the names and contents of the files in a data folder, and the package's code."""
    h = hashlib.sha256(code_fingerprint().encode())
    for f in sorted(p for p in Path(folder).iterdir() if p.is_file()):
        h.update(f.name.encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


# Datasets already loaded in this process (a batch worker's kernel makes many reports from one
# folder), keyed by the folder and the names, sizes and modification times of its files.
_MEMO: dict[tuple, object] = {}


def _signature(folder: Path) -> tuple:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    return (str(folder.resolve()), date.today().isoformat(),
            tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files))


def load_dataset_cached(folder: str | os.PathLike, *, now=None):
    """Load a data folder through an in-process memo and a content-addressed pickle cache (see module docs)."""
    folder = Path(folder)
    if now is None:
        sig = _signature(folder)
        if sig in _MEMO:
            return _MEMO[sig]
        _MEMO.clear()
        _MEMO[sig] = ds = _load_through_pickle(folder)
        return ds
    from spakanalysis.data.dataset import load_dataset

    return load_dataset(folder, now=now)


def _read_entry(path: Path):
    """The cached Dataset at ``path``, or ``None`` when absent or unusable (then it is rebuilt)."""
    from spakanalysis.data.model import Dataset

    if not path.is_file():
        return None
    try:
        with open(path, "rb") as fh:
            ds = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a broken cache entry is rebuilt
        return None
    if not isinstance(ds, Dataset):
        return None
    try:
        os.utime(path)  # recently used: kept by prune_cache
    except OSError:
        pass
    return ds


def prune_cache(folder: Path, keep: int = MAX_ENTRIES) -> list[Path]:
    """Delete all but the ``keep`` most recently used dataset entries in ``folder``; the deleted paths."""
    entries = sorted(Path(folder).glob("dataset-*.pkl"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    removed = []
    for old in entries[keep:]:
        try:
            old.unlink()
            removed.append(old)
        except OSError:
            pass
    return removed


def _load_through_pickle(folder: Path):
    # the day is part of the key: "in the future" checks depend on it
    key = folder_fingerprint(folder) + date.today().isoformat()
    from spakanalysis.core.paths import safe_child

    cache = settings.cache_dir()
    path = safe_child(cache, f"dataset-{hashlib.sha256(key.encode()).hexdigest()[:32]}.pkl")
    ds = _read_entry(path)
    if ds is not None:  # the same content may have been cached from another folder (a copy, since moved)
        return ds if ds.folder == folder else dataclasses.replace(ds, folder=folder)
    from spakanalysis.data.dataset import load_dataset

    ds = load_dataset(folder)
    try:
        cache.mkdir(mode=0o700, parents=True, exist_ok=True)
        from spakanalysis.core.atomic import write_atomic

        write_atomic(path, pickle.dumps(ds, protocol=pickle.HIGHEST_PROTOCOL))
        prune_cache(cache)
    except OSError:  # no cache: the next run loads the folder again
        pass
    return ds
