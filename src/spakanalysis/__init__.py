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

from spakanalysis.core.version import __version__ as __version__

_EXPORTS = {
    "minimum_respondents": "stats.sample_size",
    "krejcie_morgan": "stats.sample_size",
    "krejcie_morgan_table": "stats.sample_size",
    "slovin": "stats.sample_size",
    "cochran": "stats.sample_size",
    "achieved_margin": "stats.sample_size",
    "explain": "stats.sample_size",
    "RULES": "stats.sample_size",
    "load_dataset": "data.dataset",
    "Dataset": "data.dataset",
    "validate_folder": "data.validation",
    "load_dataset_cached": "data.cache",
    "resolve_data_folder": "data.cache",
    "parse_periode": "core.periods",
    "Periode": "core.periods",
    "progress_table": "stats.progress",
    "AturanSampel": "stats.progress",
    "build_satker_report": "report.satker_report",
    "LaporanSatker": "report.satker_report",
    "run_satker_report": "pipeline.runner",
    "run_batch": "pipeline.batch",
    "Masalah": "core.errors",
    "SpakError": "core.errors",
    "DataError": "core.errors",
    "ParameterError": "core.errors",
    "InputError": "core.errors",
}

__all__ = sorted([*_EXPORTS, "write_summary", "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'spakanalysis' has no attribute {name!r}")


def write_summary(laporan, path) -> None:
    """Write a report's figures (``LaporanSatker.ringkasan()``) as JSON, atomically."""
    from spakanalysis.core.atomic import write_atomic

    text = json.dumps(laporan.ringkasan(), ensure_ascii=False, indent=2, default=str) + "\n"
    write_atomic(path, text)
