"""Atomic publishing, the one path by which the package puts a finished file or folder in place.

Every writer of an output goes through here: a fsynced temporary file (or a
complete temporary folder) next to its destination, then ``os.replace``. A
reader therefore sees the old version or the new one, never a half-written file.

* :func:`write_atomic` — one file;
* :func:`write_outputs_atomic` — several files, all written before any is moved;
* :func:`publish_folder` — a complete report folder, replacing an older one;
* :func:`move_into_place` — an already complete file (e.g. a failed report's notebook).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from spakanalysis.core.paths import ensure_inside, remove, safe_child

__all__ = ["write_atomic", "write_outputs_atomic", "publish_folder", "move_into_place"]


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o644


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _write_temporary(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to a fsynced temporary file next to ``path``."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    elif not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data harus bytes atau str, bukan {type(data).__name__}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temporary, _mode_for(path))
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    return temporary


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` atomically.

    Parameters
    ----------
    path : path-like
        Destination file; its folder is created when missing.
    data : bytes or str
        Content (a str is written as UTF-8).

    Returns
    -------
    Path
        ``path``. On any exception the temporary file is removed and an
        existing ``path`` is left untouched.
    """
    return write_outputs_atomic({path: data})[0]


def write_outputs_atomic(mapping: Mapping[str | os.PathLike[str], bytes | str]) -> list[Path]:
    """Write several report files, each atomically.

    All temporary files are written and fsynced first; only when every one
    succeeded are they moved into place, so a failure while writing leaves all
    old files untouched. (The final renames are individually atomic, not as a
    group.)

    Parameters
    ----------
    mapping : mapping of path-like to bytes or str
        Destination files and their contents.

    Returns
    -------
    list of Path
        The destinations, in the order given.
    """
    ready: list[tuple[Path, Path]] = []
    try:
        for path, data in mapping.items():
            target = Path(path)
            ready.append((_write_temporary(target, data), target))
        for temporary, target in ready:
            os.replace(temporary, target)
    except BaseException:
        for temporary, _ in ready:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        raise
    for folder in {target.parent for _, target in ready}:
        _fsync_folder(folder)
    return [target for _, target in ready]


def publish_folder(work: Path, final: Path) -> None:
    """Move a complete folder ``work`` into place as ``final`` (replacing an older one) with renames only.

    Parameters
    ----------
    work : Path
        The finished folder, a sibling of ``final`` (every file in it is fsynced first).
    final : Path
        Destination; an existing folder there is first renamed to ``.<name>.lama``
        and deleted once the new one is in place.
    """
    root = final.parent
    for p in work.iterdir():
        _fsync_file(p)
    old = None
    if final.exists():
        old = safe_child(root, f".{final.name}.lama")
        remove(root, old)
        os.replace(ensure_inside(root, final, follow=False), old)
    os.chmod(work, 0o755)
    os.replace(ensure_inside(root, work), final)
    _fsync_folder(root)
    if old is not None:
        remove(root, old)


def move_into_place(source: Path, target: Path) -> Path:
    """Move an already complete file to ``target`` atomically (same file system), fsyncing it first.

    Parameters
    ----------
    source, target : Path
        The finished file and its destination.

    Returns
    -------
    Path
        ``target``.
    """
    _fsync_file(source)
    os.replace(source, target)
    _fsync_folder(target.parent)
    return target
