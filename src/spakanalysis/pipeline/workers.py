"""The workers of a batch: one warm Jupyter kernel per worker process, and the tasks that run on it.

A batch worker (a process of the batch's own pool, or any other executor's
worker) imports papermill, nbconvert and WeasyPrint once, keeps one kernel with
the package and the dataset already loaded, and renders report after report on
it (:func:`worker_task`, :func:`recap_task`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from spakanalysis.core.paths import remove, temp_folder
from spakanalysis.pipeline.runner import (
    KERNEL_ARGS,
    NOTEBOOK_SATKER,
    SUCCEEDED,
    SatkerResult,
    notebook_path,
    run_satker_report,
)

__all__ = ["WarmKernel", "skip_unused_slow_imports", "worker_init", "worker_task", "recap_task", "discard_kernel"]

_PRELOAD = (
    "import spakanalysis, spakanalysis.present.display, spakanalysis.report.satker_report, spakanalysis.stats.survey_results, "
    "spakanalysis.present.charts as _c; _c.png_bytes(_c._fig()); del _c"
)


class WarmKernel:
    """One Jupyter kernel per worker, and one client connected to it, reused from report to report.

    Started in the background when the worker starts, with the package (pandas,
    matplotlib ...) already imported. Each report's notebook starts with a
    hidden cell that empties the namespace (see :func:`spakanalysis.pipeline.runner.run_satker_report`),
    so no variable leaks from one satker to the next; after a failed report the
    kernel is replaced. This removes the kernel start and the imports (about
    2 s of CPU) from every report but the first, and keeping the client open
    removes the client's start-up wait (0.2 s) as well.
    """

    def __init__(self, cwd: str, data: str | None = None, env: dict[str, str] | None = None) -> None:
        self.cwd = cwd
        self.env = dict(env or {})  # set in the kernel's environment (the batch's dataset cache)
        self.code = _PRELOAD
        if data:  # the batch's dataset, memoised in the kernel before the first report asks for it
            self.code += (
                "\ntry:\n    spakanalysis.load_dataset_cached(spakanalysis.resolve_data_folder("
                f"{data!r}))\nexcept Exception:\n    pass"
            )
        self.km = None
        self.kc = None
        self._folder: str | None = None
        self._thread: threading.Thread | None = None

    def _start(self) -> None:
        from jupyter_client.manager import KernelManager

        from spakanalysis.pipeline.render import kernel_environment

        km = kc = None
        try:
            # IPC sockets in a private folder: no TCP port that another kernel starting at the
            # same moment can take ("Address already in use"), and no network listener at all
            self._folder = str(temp_folder("kernel"))
            km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(self._folder, "kernel"))
            # the kernel's own log (e.g. a closed socket while Ctrl-C stops the batch) is not the
            # analyst's business: cell errors reach the runner through the kernel's messages
            km.start_kernel(cwd=self.cwd, extra_arguments=KERNEL_ARGS, env=kernel_environment(**self.env),
                            stderr=subprocess.DEVNULL)
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=60)
            kc.allow_stdin = False
            kc.execute_interactive(self.code, timeout=120, store_history=False)
            self.km, self.kc = km, kc
        except Exception:  # noqa: BLE001 - papermill will start its own kernel instead
            self.km, self.kc = km, kc
            self.discard()

    def start_in_background(self) -> None:
        self._thread = threading.Thread(target=self._start, daemon=True)
        self._thread.start()

    def acquire(self):
        """The warm kernel manager and its client, or (None, None): papermill then starts a kernel."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self.km is None or not self.km.is_alive():
            self.discard()
            self._start()
        return self.km, self.kc

    def discard(self) -> None:
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # noqa: BLE001
                pass
        if self.km is not None:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001
                pass
        if self._folder is not None:
            remove(tempfile.gettempdir(), self._folder)
        self.km = self.kc = self._folder = None


#: The warm kernels of this process, one per thread that renders (a pool worker has one thread; a Dask
#: worker with several threads gets one kernel per thread, so two reports never share a kernel client).
_kernels: dict[int, WarmKernel] = {}
_kernels_lock = threading.Lock()


def _own_kernel() -> WarmKernel | None:
    return _kernels.get(threading.get_ident())


def _discard_all() -> None:
    with _kernels_lock:
        kernels = list(_kernels.values())
        _kernels.clear()
    for kernel in kernels:
        kernel.discard()


def skip_unused_slow_imports() -> None:
    """In a process of ours, keep jsonschema from importing ``rfc3987-syntax``.

    papermill and nbconvert import nbformat, which imports jsonschema, whose
    optional format checkers import ``rfc3987-syntax`` when it is installed
    (JupyterLab brings it in). That module builds a grammar at import time:
    1.3-1.7 s of CPU in every worker, for IRI format checks that nbformat never
    runs. Called only in the CLI and in batch worker processes, never in a
    user's own Python session; without effect once jsonschema is imported.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: "import" raises ImportError


def _die_with_parent(parent_pid: int | None) -> None:
    """Linux: have the kernel SIGKILL this process when its parent dies (``prctl(PR_SET_PDEATHSIG)``).

    A pool worker then never outlives a main process killed with ``kill -9``;
    its Jupyter kernels follow within a second (ipykernel watches its parent,
    ``JPY_PARENT_PID``, which jupyter_client sets).
    """
    if not sys.platform.startswith("linux"):  # pragma: no cover
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover
        return
    if parent_pid is not None and os.getppid() != parent_pid:  # the parent died before prctl
        os._exit(1)


def _terminate_worker(signum, frame) -> None:  # noqa: ARG001 - signal handler
    """SIGTERM in a pool worker (the main process was interrupted): stop the kernel, then exit at once."""
    _discard_all()
    os._exit(128 + signum)


def _guard_worker() -> None:
    """In a pool worker: die with the main process, leave Ctrl-C to it, stop the kernel on SIGTERM."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    _die_with_parent(parent.pid if parent is not None and multiprocessing.get_start_method() == "fork" else None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminate_worker)


def worker_init(env: dict[str, str], data: str | None = None, own_pool: bool = False) -> None:
    """Import the heavy modules once per worker and start this thread's kernel in the background.

    ``own_pool``: a worker of the batch's own process pool (not, e.g., a Dask worker), which
    must die with the main process and leave Ctrl-C to it (see :func:`_guard_worker`).
    Called again in another thread of the same process (a Dask worker with several
    threads), it starts that thread's own kernel.
    """
    if _own_kernel() is not None:
        return
    import multiprocessing

    if multiprocessing.parent_process() is not None:  # a pool worker: our own process
        skip_unused_slow_imports()
        if own_pool:
            _guard_worker()
    from multiprocessing.util import Finalize

    import papermill  # noqa: F401

    from spakanalysis.pipeline import render

    kernel = WarmKernel(str(notebook_path(NOTEBOOK_SATKER).parent), data, env)
    with _kernels_lock:
        first = not _kernels
        _kernels[threading.get_ident()] = kernel
    kernel.start_in_background()
    render.warm_up()
    if first:
        Finalize(None, _discard_all, exitpriority=10)


def _acquire(env: dict[str, str] | None, data: str | None) -> WarmKernel:
    """This thread's warm kernel, started here when no initializer ran (e.g. a Dask worker's thread)."""
    if _own_kernel() is None:
        worker_init(env or {}, data)
    return _own_kernel()


def worker_task(code: str, periode: str, keluaran: str, parameter: dict[str, Any], pdf: bool,
                 env: dict[str, str] | None = None, data: str | None = None) -> SatkerResult:
    kernel = _acquire(env, data)
    km, kc = kernel.acquire()
    result = run_satker_report(code, periode, keluaran, parameter=parameter, pdf=pdf, kernel_manager=km, kernel_client=kc)
    if result.status != SUCCEEDED:
        kernel.discard()
    return result


def recap_task(period, out_dir: str, results: list[SatkerResult] | None, parameter: dict[str, Any], pdf: bool,
                env: dict[str, str] | None = None, *, index: bool = True, data: str | None = None) -> dict[str, Any]:
    """The recap(s) and infographic(s) (and, with ``index``, the index pages when ``results`` are known).

    One Kanwil's recap, or each Kanwil's and the national one (:mod:`spakanalysis.pipeline.national_outputs`).
    """
    from spakanalysis.pipeline.national_outputs import build_outputs

    kernel = _acquire(env, data)
    km, kc = kernel.acquire()
    info = build_outputs(period, Path(out_dir), results, parameter=parameter, pdf=pdf, kernel_manager=km,
                         kernel_client=kc, index=index)
    if info.get("gagal"):
        kernel.discard()
    return info


def discard_kernel() -> None:
    """Stop this process's warm kernels, if any (after Ctrl-C, or between tests)."""
    _discard_all()
