"""Atomic file writes: a fsynced temporary file in the same folder, then ``os.replace``."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["write_atomic", "write_outputs_atomic"]


def _mode_untuk(path: Path) -> int:
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


def _tulis_sementara(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to a fsynced temporary file next to ``path``."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    elif not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data harus bytes atau str, bukan {type(data).__name__}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, nama = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    sementara = Path(nama)
    try:
        with os.fdopen(fd, "wb") as berkas:
            berkas.write(data)
            berkas.flush()
            os.fsync(berkas.fileno())
        os.chmod(sementara, _mode_untuk(path))
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            sementara.unlink()
        raise
    return sementara


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` atomically.

    Writes a temporary file in the same folder, fsyncs it, then ``os.replace``
    it over ``path``. On any exception the temporary file is removed and an
    existing ``path`` is left untouched.
    """
    target = Path(path)
    sementara = _tulis_sementara(target, data)
    try:
        os.replace(sementara, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            sementara.unlink()
        raise
    _fsync_folder(target.parent)
    return target


def write_outputs_atomic(mapping: Mapping[str | os.PathLike[str], bytes | str]) -> list[Path]:
    """Write several report files, each atomically.

    All temporary files are written and fsynced first; only when every one
    succeeded are they moved into place, so a failure while writing leaves all
    old files untouched. (The final renames are individually atomic, not as a
    group.)
    """
    siap: list[tuple[Path, Path]] = []
    try:
        for path, data in mapping.items():
            target = Path(path)
            siap.append((_tulis_sementara(target, data), target))
        for sementara, target in siap:
            os.replace(sementara, target)
    except BaseException:
        for sementara, _ in siap:
            with contextlib.suppress(FileNotFoundError):
                sementara.unlink()
        raise
    for folder in {target.parent for _, target in siap}:
        _fsync_folder(folder)
    return [target for _, target in siap]
