"""The package version (one place; the root package and the outputs read it here)."""

__version__ = "0.1.0"
