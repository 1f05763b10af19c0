"""Versioned configuration shipped with the package (TOML, read with :mod:`tomllib`)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_config"]


@cache
def load_config(name: str) -> dict[str, Any]:
    """Load ``config/<name>.toml`` from the installed package."""
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
