"""A Ctrl-C whose exception Python swallows (in a callback) is still seen by the batch."""

from __future__ import annotations

import os
import signal
import sys
import weakref

import pytest

from spakanalysis.pipeline import interrupt


@pytest.fixture
def installed():
    previous_handler, previous_hook = signal.getsignal(signal.SIGINT), sys.unraisablehook
    interrupt.install()
    yield
    signal.signal(signal.SIGINT, previous_handler)
    sys.unraisablehook = previous_hook


def test_interrupt_inside_a_weakref_callback_is_remembered_and_quiet(installed, capsys):
    class Thing:
        pass

    def callback(_ref):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives while Python runs a callback
        for _ in range(1000):  # the handler runs between bytecodes
            pass

    thing = Thing()
    ref = weakref.ref(thing, callback)  # noqa: F841 - kept alive so its callback runs
    del thing  # the KeyboardInterrupt raised in the callback is "ignored" by Python
    assert interrupt.requested()
    assert "KeyboardInterrupt" not in capsys.readouterr().err
    with pytest.raises(KeyboardInterrupt):
        interrupt.raise_if_requested()


def test_no_request_no_interrupt(installed):
    assert not interrupt.requested()
    interrupt.raise_if_requested()  # nothing happens
