"""The loader's public face: :func:`load_dataset` and what it returns (:class:`Dataset`, :class:`SourceFile`).

The loader itself is split by job: :mod:`~spakanalysis.data.loader` drives the steps,
:mod:`~spakanalysis.data.model` holds the result types.
"""

from __future__ import annotations

from spakanalysis.data.loader import load_dataset
from spakanalysis.data.model import Dataset, SourceFile, SumberBerkas

__all__ = ["SourceFile", "SumberBerkas", "Dataset", "load_dataset"]
