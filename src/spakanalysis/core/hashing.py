"""SHA-256 helpers: of a file (read in chunks) and of a sequence of parts (length-prefixed, so parts never run together)."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from pathlib import Path

__all__ = ["file_sha256", "digest_parts", "code_fingerprint"]


def file_sha256(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def digest_parts(*parts: bytes | str) -> str:
    """Hex SHA-256 over ``parts`` (str as UTF-8), each prefixed with its length.

    Examples
    --------
    >>> digest_parts("ab", "c") == digest_parts("a", "bc")
    False
    """
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 over the package's source and configuration files (computed once per process).

    A cached :class:`Dataset` holds what the loader made of the raw files, so a
    pickle written by an older version of the code (e.g. weaker masking of
    personal data in ``saran``) must never be reused: the code is part of the key.
    """
    spec = importlib.util.find_spec("spakanalysis")
    root = Path(next(iter(spec.submodule_search_locations)))
    from spakanalysis.core.version import __version__

    h = hashlib.sha256(__version__.encode())
    for f in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".toml", ".csv") and "__pycache__" not in p.parts):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()
