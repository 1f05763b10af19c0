"""spakanalysis: monitoring and monev reports for the SPKP and SPAK surveys.

The public surface, in the order of the work:

* sample sizes — :func:`minimum_respondents`, :func:`krejcie_morgan`,
  :func:`krejcie_morgan_table`, :func:`slovin`, :func:`cochran`,
  :func:`achieved_margin`, :func:`explain`;
* data — :func:`load_dataset`, :func:`validate_folder`, :func:`load_dataset_cached`;
* progress — :func:`parse_periode`, :func:`progress_table`;
* reports — :func:`build_satker_report`, :func:`run_satker_report`, :func:`run_batch`.

Heavy modules (pandas, nbconvert, WeasyPrint) are imported on first use.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "minimum_respondents": "sample_size",
    "krejcie_morgan": "sample_size",
    "krejcie_morgan_table": "sample_size",
    "slovin": "sample_size",
    "cochran": "sample_size",
    "achieved_margin": "sample_size",
    "explain": "sample_size",
    "RULES": "sample_size",
    "load_dataset": "dataset",
    "Dataset": "dataset",
    "validate_folder": "validation",
    "load_dataset_cached": "cache",
    "resolve_data_folder": "cache",
    "parse_periode": "periods",
    "Periode": "periods",
    "progress_table": "progress",
    "AturanSampel": "progress",
    "build_satker_report": "satker_report",
    "LaporanSatker": "satker_report",
    "run_satker_report": "runner",
    "run_batch": "batch",
    "Masalah": "errors",
    "SpakError": "errors",
    "DataError": "errors",
    "ParameterError": "errors",
    "InputError": "errors",
}

__all__ = sorted([*_EXPORTS, "write_summary", "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'spakanalysis' has no attribute {name!r}")


def write_summary(laporan, path) -> None:
    """Write a report's figures (``LaporanSatker.ringkasan()``) as JSON, atomically."""
    from .render import write_atomic

    text = json.dumps(laporan.ringkasan(), ensure_ascii=False, indent=2, default=str) + "\n"
    write_atomic(path, text)
