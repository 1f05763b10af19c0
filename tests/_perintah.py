"""Shared test helper: how to call the ``spakanalysis`` CLI as a user would."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def spakanalysis_cmd() -> list[str]:
    """The installed console script next to this Python, else on PATH, else ``python -m spakanalysis.cli``."""
    exe = Path(sys.executable).with_name("spakanalysis")
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("spakanalysis")
    return [found] if found else [sys.executable, "-m", "spakanalysis.cli"]
