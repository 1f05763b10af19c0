"""Calls started ahead on a batch's workers (pipeline/precompute.py): taken by key, made here when missing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from spakanalysis.pipeline.precompute import Precomputed


def _boom(x):
    raise RuntimeError(f"worker died on {x}")


def test_a_started_call_is_taken_once_then_made_here():
    calls = []

    def here(x):
        calls.append(x)
        return x * 10

    with ThreadPoolExecutor(1) as ex:
        pre = Precomputed(ex.submit)
        pre.start("a", pow, 2, 5)
        assert pre.get("a", here, 1) == 32  # the worker's result, not here(1)
        assert pre.get("a", here, 3) == 30  # taken already: made here
    assert calls == [3]


def test_a_failed_worker_call_is_made_here():
    with ThreadPoolExecutor(1) as ex:
        pre = Precomputed(ex.submit)
        pre.start("k", _boom, 1)
        assert pre.get("k", pow, 3, 2) == 9


def test_without_an_executor_everything_is_made_here():
    pre = Precomputed(None)
    pre.start("k", _boom, 1)  # nothing started
    assert pre.get("k", pow, 2, 3) == 8


def test_settle_keeps_late_results_and_drops_the_others():
    with ThreadPoolExecutor(1) as ex:
        pre = Precomputed(ex.submit)
        pre.start("late", pow, 2, 4, late=True)
        pre.start("early", pow, 2, 6)
        pre.settle()
    assert pre.get("late", _boom, 0) == 16  # kept after the executor closed
    with pytest.raises(RuntimeError):
        pre.get("early", _boom, 0)  # dropped: made here, and here it fails


def test_cancel_drops_everything():
    with ThreadPoolExecutor(1) as ex:
        pre = Precomputed(ex.submit)
        pre.start("late", pow, 2, 4, late=True)
        pre.cancel()
    assert pre.get("late", pow, 3, 3) == 27
