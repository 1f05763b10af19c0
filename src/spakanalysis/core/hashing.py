"""SHA-256 helpers: of a file (read in chunks) and of a sequence of parts (length-prefixed, so parts never run together)."""

from __future__ import annotations

import hashlib
import os

__all__ = ["file_sha256", "digest_parts"]


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
