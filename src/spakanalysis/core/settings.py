"""Settings from the environment: the only module of the package that reads ``os.environ``.

============================  ==========================================================
``SPAKANALYSIS_CACHE``        folder of the validated-dataset cache (default:
                              ``$XDG_CACHE_HOME/spakanalysis`` or ``~/.cache/spakanalysis``)
``SPAKANALYSIS_DEBUG``        any non-empty value: unexpected errors show their traceback
``SPAKANALYSIS_NOTEBOOKS``    folder holding the report notebooks (default: the package's own)
``SPAKANALYSIS_SMTP_SANDI``   password for ``spakanalysis kirim --smtp ... --pengguna ...``
``SOURCE_DATE_EPOCH``         fixed "printed on" time for reproducible builds (seconds)
``CI``                        ``true`` on a CI runner (progress bars off when not on a terminal)
============================  ==========================================================

Values are read at each call (cheap), so a test or a caller that changes the
environment is seen at once.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["package_variables", "cache_dir", "debug", "notebooks_dir", "smtp_password", "source_date_epoch", "on_ci", "child_environment"]


def cache_dir() -> Path:
    """Folder of the dataset cache."""
    env = os.environ.get("SPAKANALYSIS_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "spakanalysis"


def debug() -> bool:
    """Whether unexpected errors should show their traceback."""
    return bool(os.environ.get("SPAKANALYSIS_DEBUG"))


def notebooks_dir() -> Path | None:
    """The notebooks folder set by the user, or ``None`` for the package's own."""
    env = os.environ.get("SPAKANALYSIS_NOTEBOOKS")
    return Path(env) if env else None


def smtp_password() -> str | None:
    """The SMTP password (``SPAKANALYSIS_SMTP_SANDI``), or ``None`` when unset; never taken from the command line."""
    return os.environ.get("SPAKANALYSIS_SMTP_SANDI") or None


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as an integer, or ``None`` when unset or not a number."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(raw) if raw.lstrip("-").isdigit() else None


def on_ci() -> bool:
    return os.environ.get("CI") == "true"


def package_variables(ignore: tuple[str, ...] = ()) -> dict[str, str]:
    """The ``SPAKANALYSIS_*`` variables that are set, except ``ignore`` (part of a report's reuse key)."""
    return {k: v for k, v in os.environ.items() if k.startswith("SPAKANALYSIS_") and k not in ignore}


def child_environment(**overrides: str | None) -> dict[str, str]:
    """A copy of the environment for a child process (a kernel), with ``overrides`` set or (``None``) removed."""
    env = dict(os.environ)
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env
