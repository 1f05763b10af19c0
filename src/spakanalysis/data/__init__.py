"""Data layer: the data contract (schemas, rules), readers, privacy masking, problem collection, the loader and its cache.

The loader's public names are available here (imported on first use): :func:`load_dataset`,
:class:`Dataset`, :class:`SourceFile`, and the typed codebook :class:`Codebook` with
:func:`parse_codebook`.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "load_dataset": "loader",
    "Dataset": "model",
    "SourceFile": "model",
    "Codebook": "codebook",
    "InstrumentItems": "codebook",
    "parse_codebook": "codebook",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'spakanalysis.data' has no attribute {name!r}")
