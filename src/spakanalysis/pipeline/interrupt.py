"""Ctrl-C that is never lost: remember the request even where Python swallows the exception.

Python's default SIGINT handler raises :class:`KeyboardInterrupt` wherever the
main thread happens to be. When that is inside a weakref callback or a
``__del__`` (e.g. ``WeakSet._remove`` while the notebook client tidies up), the
exception is "ignored": printed to stderr with its traceback and dropped, and
the batch runs on as if nothing happened. :func:`install` puts a handler that
also records the request, and an unraisable-exception hook that keeps such a
swallowed interrupt quiet; the batch asks :func:`requested` between steps and
stops as after any other Ctrl-C.
"""

from __future__ import annotations

import signal
import sys

__all__ = ["install", "requested", "raise_if_requested"]

_requested = False


def _on_sigint(signum, frame) -> None:  # noqa: ARG001 - signal handler
    global _requested
    _requested = True
    raise KeyboardInterrupt


def _quiet_interrupts(unraisable, _previous=sys.unraisablehook) -> None:
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        return  # recorded by the handler; the batch stops at its next check
    _previous(unraisable)


def install() -> None:
    """Handle SIGINT in this (main) process: raise and remember."""
    global _requested
    _requested = False
    signal.signal(signal.SIGINT, _on_sigint)
    sys.unraisablehook = _quiet_interrupts


def requested() -> bool:
    """Whether Ctrl-C was pressed since :func:`install`."""
    return _requested


def raise_if_requested() -> None:
    """Raise :class:`KeyboardInterrupt` when Ctrl-C was pressed but its exception got lost."""
    if _requested:
        raise KeyboardInterrupt
