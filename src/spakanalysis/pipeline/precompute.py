"""Costly pure calls of a batch's last steps, started on its workers while the recap is being made.

After the last report, the batch process draws every satker's infographic (about 1 s each) and
renders every cover letter's PDF (about 0,5 s each). Done there one after another, that tail kept
both workers idle for about 40 s on the 21-satker sample and would take about 25 minutes for 1.000
satkers. Both depend only on each satker's ``ringkasan.json`` (and ``kanwil.toml``), so the batch
starts them on its workers as soon as the reports are done (:func:`start_batch_extras`), next to
the recap; the steps that write the files then take each result from a :class:`Precomputed`,
keyed on the content it was made from.

Nothing changes in what is written: the same functions make the same bytes on a worker as in the
batch process, and a call whose worker failed, or that was never started (a serial batch, a
satker whose infographic is reused), is made in the batch process as before.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["Precomputed", "locked_call", "start_batch_extras"]

_LOCK = threading.Lock()


def locked_call(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)``, one at a time per process (a Dask worker may run several threads; matplotlib is not thread-safe)."""
    with _LOCK:
        return fn(*args)


class Precomputed:
    """Results of pure calls started ahead on an executor, taken by content key; computed here when missing.

    ``submit`` is an executor's ``submit(fn, *args)`` returning a future (``concurrent.futures``
    or ``distributed``); ``None`` starts nothing (every :meth:`get` computes in this process).

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(1) as ex:
    ...     pre = Precomputed(ex.submit)
    ...     pre.start("k", pow, 2, 10)
    ...     pre.get("k", pow, 2, 10), pre.get("other", pow, 3, 2)
    (1024, 9)
    """

    def __init__(self, submit: Callable[..., Any] | None = None) -> None:
        self._submit = submit
        self._futures: dict[str, Any] = {}
        self._done: dict[str, Any] = {}
        self._late: set[str] = set()  # asked for after the executor closes: waited for by settle()

    def start(self, key: str, fn: Callable[..., Any], *args: Any, late: bool = False) -> None:
        """Start ``fn(*args)`` on the executor, unless nothing can be started or ``key`` already was.

        ``late``: the result is asked for after the executor closes, so :meth:`settle` waits for it.
        """
        if self._submit is None or key in self._futures or key in self._done:
            return
        try:
            self._futures[key] = self._submit(locked_call, fn, *args)
        except Exception:  # noqa: BLE001 - executor closed or broken: computed here when asked
            return
        if late:
            self._late.add(key)

    def get(self, key: str, fn: Callable[..., Any], *args: Any) -> Any:
        """The result started under ``key``; ``fn(*args)`` here when none was started or its worker failed."""
        if key in self._done:
            return self._done.pop(key)
        fut = self._futures.pop(key, None)
        if fut is not None:
            try:
                return fut.result()
            except Exception:  # noqa: BLE001 - a dead worker, a cancelled task: the same call here
                pass
        return fn(*args)

    def settle(self, keep: Callable[[str], bool] | None = None) -> None:
        """Before the executor closes: wait for the calls started ``late`` (or that ``keep`` accepts), cancel the others."""
        keep = keep or self._late.__contains__
        for key, fut in list(self._futures.items()):
            if not keep(key):
                with contextlib.suppress(Exception):
                    fut.cancel()
                del self._futures[key]
                continue
            with contextlib.suppress(Exception):
                self._done[key] = fut.result()
            del self._futures[key]

    def cancel(self) -> None:
        """Drop every call not yet taken (after a failure or Ctrl-C)."""
        self.settle(keep=lambda key: False)
        self._done.clear()

    def infographic(self, key: str, fig) -> dict[str, bytes]:
        """A unit's infographic files (the ``draw`` of :func:`~spakanalysis.pipeline.public_outputs.write_public_outputs`)."""
        from spakanalysis.pipeline.public_outputs import infographic_files

        return self.get(key, infographic_files, fig)

    def letter_pdf(self, key: str, html: str) -> bytes:
        """A cover letter's PDF (the ``pdf_of`` of :func:`~spakanalysis.pipeline.cover_letters.batch_letters`)."""
        from spakanalysis.pipeline.render import html_to_pdf

        return self.get(key, html_to_pdf, html)


def start_batch_extras(submit: Callable[..., Any] | None, batch: Any) -> Precomputed:
    """Start, on ``submit``'s workers, what a batch's last steps need of its successful satkers.

    The infographics of the satkers rendered in this run (when the batch makes a recap; a reused
    satker's files are reused too), then the PDF of every successful satker's cover letter.
    ``batch`` is the batch's plan (``results``, ``recap``, ``out_dir``, ``data``, ``params``).
    """
    from spakanalysis.pipeline.cover_letters import letter_htmls, pdf_key
    from spakanalysis.pipeline.incremental import REUSED
    from spakanalysis.pipeline.public_outputs import drawing_key, infographic_files, satker_figure
    from spakanalysis.pipeline.render import html_to_pdf
    from spakanalysis.pipeline.runner import SUCCEEDED

    pre = Precomputed(submit)
    ok = [h for h in batch.results if h.status == SUCCEEDED]
    for h in ok if batch.recap else []:  # infographics first: taken first (index pages), the letters last
        fig = satker_figure(batch.out_dir, h.kode_satker) if h.dibuat != REUSED else None
        if fig is not None:
            pre.start(drawing_key(fig), infographic_files, fig)
    with contextlib.suppress(Exception):  # an invalid kanwil.toml was refused before the batch began
        for html in letter_htmls(batch.out_dir, batch.data, batch.params, [h.kode_satker for h in ok]):
            pre.start(pdf_key(html), html_to_pdf, html, late=True)
    return pre
