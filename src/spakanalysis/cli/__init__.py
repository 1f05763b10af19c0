"""Command-line interface: ``spakanalysis`` (Typer app in :mod:`spakanalysis.cli.app`, texts in :mod:`spakanalysis.cli.text`)."""

from spakanalysis.cli.app import app, main

__all__ = ["app", "main"]
