"""spakanalysis: monitoring and monev reports for the SPKP and SPAK surveys."""

from __future__ import annotations

__version__ = "0.1.0"
