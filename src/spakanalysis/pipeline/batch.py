"""Batch of reports before the *rapat evaluasi*: every satker, the recap, the index page, the manifest.

The runner is written against :class:`concurrent.futures.Executor`, so any
executor can run a batch. The default is a pool of long-lived worker
processes: each imports papermill, nbconvert and WeasyPrint once and keeps one
Jupyter kernel (with the package and the dataset already loaded) and one client
connected to it for all its reports. When every satker is done, the recap runs
as one more task, so it too finds warm exporters and a warm kernel. To run on a
cluster, pass a Dask scheduler address (or ``"lokal"``, or a ``distributed.Client``); the
workers need no shared file system (:mod:`spakanalysis.pipeline.dask_run`)::

    run_batch(..., dask="tcp://scheduler:8786")

One satker that fails never stops the others: its error and the path of its
partial executed notebook are listed in the summary, and the batch exits 1.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spakanalysis.core import settings
from spakanalysis.core.errors import ParameterError, SpakError
from spakanalysis.core.paths import prepare_output_folder, remove, safe_child, sweep_stale_temp_folders
from spakanalysis.pipeline import incremental, interrupt, workers
from spakanalysis.pipeline.manifest import write_manifest
from spakanalysis.pipeline.precompute import Precomputed, start_batch_extras
from spakanalysis.pipeline.runner import (
    FAILED,
    SUCCEEDED,
    SatkerResult,
    period_folder_name,
    satker_output_dir,
)

__all__ = ["run_batch", "write_manifest"]

def _stop_pool(ex: ProcessPoolExecutor) -> None:
    """After Ctrl-C: cancel the queue and end every worker (each stops its kernel first)."""
    procs = list((getattr(ex, "_processes", None) or {}).values())
    ex.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.join(10)
        if proc.is_alive():  # pragma: no cover - stuck in C code
            proc.kill()
            proc.join(5)


@contextlib.contextmanager
def _no_interrupt():
    """Ignore a second Ctrl-C while cleaning up after the first (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _finish_recap(ex: Executor, ahead, period, out_dir: Path, results: list[SatkerResult], params: dict[str, Any],
                  pdf: bool, env: dict[str, str], draw=None) -> dict[str, Any]:
    """Use the recap made ahead of time if every report succeeded, else make it again; then write the index."""
    from spakanalysis.pipeline.national_outputs import add_index_pages, build_outputs  # one Kanwil or several

    try:
        info = ahead.result()  # always waited for: a second recap must not race with it
        if any(h.status != SUCCEEDED for h in results):  # the recap names the failed reports
            info = ex.submit(workers.recap_task, period, str(out_dir), results, params, pdf, env).result()
            return info
    except Exception:  # noqa: BLE001 - pool broken (a worker died): recap here, with its own kernel
        return build_outputs(period, out_dir, results, parameter=params, pdf=pdf)
    if not info.get("gagal"):
        add_index_pages(out_dir, results, pdf, info, draw=draw)
    return info


def _remove_leftovers(out_dir: Path, *, failed: bool = True) -> None:
    """Delete temporary folders and files a killed or interrupted batch may have left (all hidden, never a report).

    With ``failed`` also the notebooks of an earlier run's failed satkers (``_gagal``).
    """
    if not out_dir.is_dir():
        return
    for p in out_dir.iterdir():
        if p.name.startswith(".") and (p.name.endswith((".tmp", ".lama")) or p.name.startswith(".rekap.")):
            remove(out_dir, p)
        elif p.is_file() and p.name.startswith(".") and ".tmp" in p.name:
            remove(out_dir, p)
    if failed:
        remove(out_dir, safe_child(out_dir, "_gagal"))


def _refuse_unsafe_codes(codes: list[str], keluaran: Path, periode_kode: str) -> dict[str, SatkerResult]:
    """Satker codes that cannot be a folder inside the output folder: failed results, never rendered."""
    refused = {}
    for code in codes:
        try:
            satker_output_dir(keluaran, periode_kode, code)
        except SpakError as exc:
            refused[code] = SatkerResult(code, FAILED, 0.0, pesan=f"Kode satker tidak dapat dipakai sebagai nama folder: {exc}")
    return refused


@dataclass
class _Batch:
    """Everything a batch decided before any kernel starts."""

    data: Path
    keluaran: Path
    periode: str
    period: Any  # the Periode of every report
    out_dir: Path
    codes: list[str]  # the satkers to render, in registry (or requested) order
    order: dict[str, int]
    sizes: Any  # responses per satker (largest first in the queue)
    params: dict[str, Any]
    env: dict[str, str]  # for the kernels: the batch's own dataset cache
    pdf: bool
    recap: bool
    results: list[SatkerResult]
    registry: list[str] = field(default_factory=list)  # every registry code, in order (the recap's key)
    keys: dict[str, dict] = field(default_factory=dict)  # each satker's input key (pipeline/reuse.py)
    previous: dict[str, Any] = field(default_factory=dict)  # the manifest of the previous run
    reasons: dict[str, str] = field(default_factory=dict)  # why each satker to render is rendered
    extras: Precomputed = field(default_factory=Precomputed)  # infographics and letters made ahead on the workers


def _plan(data: Path, keluaran: Path, periode: str, kode_satker: list[str] | None, parameter: dict[str, Any],
          pdf: bool, rekap: bool, cache: str, paksa: bool = False) -> _Batch:
    """Load the dataset, check every parameter and prepare the output folder (raises :class:`ParameterError`)."""
    from spakanalysis.data.cache import load_dataset_cached
    from spakanalysis.data.kanwil_config import read_kanwil_config
    from spakanalysis.report.satker_report import check_parameters

    dataset = load_dataset_cached(data)
    read_kanwil_config(data)  # an invalid kanwil.toml stops the batch before any kernel starts (DataError)
    codes = list(dataset.satker["kode_satker"]) if kode_satker is None else list(dict.fromkeys(kode_satker))
    period = cut = None
    for code in codes:  # every parameter is checked before any kernel starts
        # the default cut-off (the last response) is the same for every satker: found once, not once per satker
        _row, period, cut, _rule = check_parameters(dataset, code, periode, None, None, cut or parameter.get("tanggal_data"),
                                                 parameter.get("aturan", "ntt-2024"), parameter.get("galat", 0.05),
                                                 parameter.get("lantai"), parameter.get("tanggal_rapat"),
                                                 parameter.get("tanggal_cetak"))
    if period is None:
        raise ParameterError("Registri satker kosong: tidak ada laporan yang dapat dibuat.")
    out_dir = prepare_output_folder(keluaran, period_folder_name(period.kode))  # before any kernel starts
    order = {k: i for i, k in enumerate(codes)}
    refused = _refuse_unsafe_codes(codes, keluaran, period.kode)
    _remove_leftovers(out_dir)
    # one cut-off for the whole batch (by default the last response), so every report agrees
    parameter = {**parameter, "tanggal_data": cut.isoformat()}
    params = {k: (str(v) if v is not None and k.startswith("tanggal") else v) for k, v in parameter.items()}
    params.update(folder_data=str(data), _periode_kode=period.kode)
    batch = _Batch(data, keluaran, periode, period, out_dir, [k for k in codes if k not in refused], order,
                   dataset.respons["kode_satker"].value_counts(), params, {"SPAKANALYSIS_CACHE": cache}, pdf, rekap,
                   list(refused.values()), list(dataset.satker["kode_satker"]))
    batch.reasons = incremental.plan_reuse(batch, dataset, paksa)  # unchanged satkers are not rendered again
    return batch


def _run_serial(batch: _Batch, bar) -> dict[str, Any]:
    """Every report in this process, on one warm kernel, then the recap; returns the recap's manifest part."""
    workers.worker_init(batch.env, str(batch.data))
    for code in batch.codes:
        interrupt.raise_if_requested()
        batch.results.append(workers.worker_task(code, batch.periode, str(batch.keluaran), batch.params, batch.pdf, batch.env))
        bar.set_postfix_str(code)
        bar.update()
    batch.results.sort(key=lambda h: batch.order[h.kode_satker])
    if not batch.recap:
        return {}
    return workers.recap_task(batch.period, str(batch.out_dir), batch.results, batch.params, batch.pdf, batch.env)


def _run_submitted(ex: Executor, batch: _Batch, bar) -> dict[str, Any]:
    """Queue every report (largest satkers first) and the recap ahead of time; collect as they finish."""
    # largest satkers first, so the batch does not end waiting on one long report
    queue = sorted(batch.codes, key=lambda k: -int(batch.sizes.get(k, 0)))
    args = (batch.periode, str(batch.keluaran), batch.params, batch.pdf, batch.env)
    futures = {ex.submit(workers.worker_task, k, *args): k for k in queue}
    # the recap ahead of time, as if every report succeeds: queued last, it overlaps the
    # last reports instead of following them (made again in _finish_recap if one failed)
    ahead = (ex.submit(workers.recap_task, batch.period, str(batch.out_dir), None, batch.params, batch.pdf, batch.env)
             if batch.recap else None)
    for fut in as_completed(futures):
        interrupt.raise_if_requested()
        code = futures[fut]
        try:
            batch.results.append(fut.result())
        except Exception as exc:  # noqa: BLE001 - a dead worker is a failed satker
            batch.results.append(SatkerResult(code, FAILED, 0.0, pesan=f"Proses pekerja gagal: {exc}"))
        bar.set_postfix_str(code)
        bar.update()
    batch.results.sort(key=lambda h: batch.order[h.kode_satker])
    batch.extras = start_batch_extras(ex.submit, batch)  # next to the recap, not after it in this process
    try:
        if ahead is None:
            return {}
        bar.set_postfix_str("rekap Kanwil")  # on a worker: its exporters and its kernel are already warm
        return _finish_recap(ex, ahead, batch.period, batch.out_dir, batch.results, batch.params, batch.pdf, batch.env,
                             draw=batch.extras.infographic)
    except BaseException:
        batch.extras.cancel()  # Ctrl-C or a failure: nothing more is waited for
        raise
    finally:
        batch.extras.settle()  # the letters' PDFs, before the pool closes (nothing left after cancel)


def _run_on_executor(batch: _Batch, executor: Executor | None, n_workers: int, bar) -> dict[str, Any]:
    """The reports on ``executor``, or on a pool of our own that Ctrl-C stops with its kernels."""
    own = executor is None
    ex = executor or ProcessPoolExecutor(max_workers=n_workers, initializer=workers.worker_init,
                                         initargs=(batch.env, str(batch.data), True))
    try:
        return _run_submitted(ex, batch, bar)
    except KeyboardInterrupt:
        if own:
            with _no_interrupt():
                _stop_pool(ex)
        raise
    finally:
        if own:
            ex.shutdown(wait=True, cancel_futures=True)


def _quiet_dead_kernel(loop, context) -> None:
    """Loop exception handler after Ctrl-C: the kernel was stopped on purpose, its "Kernel died" is no news."""
    if type(context.get("exception")).__name__ == "DeadKernelError":
        return
    loop.default_exception_handler(context)


def _cancel_leftover_tasks() -> None:
    """After Ctrl-C in this thread: end the notebook client's tasks that the interrupt left pending.

    Ctrl-C raises KeyboardInterrupt out of the event loop that papermill's client
    runs on, while that client's tasks (waiting for the cell's reply, polling
    whether the kernel lives) are still pending on the loop. Stopping the kernel
    afterwards runs the same loop again (jupyter_client's synchronous API), so
    the poller would wake, find the kernel gone and fail the reply task with
    ``DeadKernelError("Kernel died")``, which asyncio then prints with its
    traceback ("Task exception was never retrieved"). Cancelled and awaited
    here first, those tasks end silently.
    """
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if loop.is_running() or loop.is_closed():  # pragma: no cover - not ours to stop
        return
    loop.set_exception_handler(_quiet_dead_kernel)  # a reply task that fails as the kernel stops, later
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


def _render_all(batch: _Batch, pekerja: int | None, executor: Executor | None, paksa: bool = False,
                dask: Any = None) -> dict[str, Any]:
    """Every report and the recap; after Ctrl-C no kernel and no partial file is left behind."""
    reused = incremental.reused_recap(batch, batch.registry, paksa)
    if reused is not None or not batch.codes:  # nothing to render (the recap: reused, or made by a whole batch)
        if reused is not None:
            return reused
        batch.results.sort(key=lambda h: batch.order[h.kode_satker])
        return workers.recap_task(batch.period, str(batch.out_dir), batch.results, batch.params, batch.pdf,
                                  batch.env) if batch.recap else {}
    n_workers = max(1, min(pekerja or os.cpu_count() or 1, len(batch.codes)))
    bar = _progress_bar(len(batch.codes))
    try:
        if dask is not None:
            from spakanalysis.pipeline.dask_run import run_on_dask

            recap = run_on_dask(batch, dask, n_workers, bar)
        elif executor is None and n_workers == 1:
            recap = _run_serial(batch, bar)
        else:
            recap = _run_on_executor(batch, executor, n_workers, bar)
        interrupt.raise_if_requested()  # a Ctrl-C that Python swallowed in a callback still stops the batch
        return recap
    except KeyboardInterrupt:
        with _no_interrupt():
            _cancel_leftover_tasks()
            workers.discard_kernel()
            _remove_leftovers(batch.out_dir, failed=False)
        raise
    finally:
        bar.close()


def _office_outputs(batch: _Batch, extra: dict[str, Any]) -> None:
    """``rekap.xlsx`` and ``paparan.pptx`` from the recap's and the reports' JSON, listed with the recap's files."""
    from spakanalysis.pipeline.national_outputs import write_office_outputs  # per Kanwil when several

    written = write_office_outputs(batch.out_dir, tanggal_rapat=batch.params.get("tanggal_rapat"))
    recap = extra.setdefault("manifest", {}).setdefault("rekap", {})
    recap["berkas"] = sorted([*recap.get("berkas", []), *(p.relative_to(batch.out_dir).as_posix() for p in written)])


def _conclude(batch: _Batch, extra: dict[str, Any], started: str, elapsed: float, echo) -> int:
    """Write the manifest (and refresh the index page after a partial run), print the summary; the exit code."""
    if extra.get("gagal"):
        echo(f"GAGAL rekap Kanwil: {extra.get('pesan')}")
    elif extra.get("dipakai_ulang"):
        echo("Rekap Kanwil, halaman indeks, rekap.xlsx, paparan.pptx dan surat dipakai ulang: tidak ada satker yang berubah.")
    elif batch.recap:
        _office_outputs(batch, extra)
        from spakanalysis.pipeline.quality_outputs import batch_quality_outputs  # internal: IDs, not linked

        extra["manifest"]["kualitas_data"] = batch_quality_outputs(batch.out_dir, batch.data, batch.period,
                                                                   batch.params["tanggal_data"])
    from spakanalysis.pipeline.cover_letters import batch_letters

    if not extra.get("dipakai_ulang"):
        extra.setdefault("manifest", {})["surat"] = batch_letters(batch.out_dir, batch.data, batch.params, batch.results,
                                                                  echo, pdf_of=batch.extras.letter_pdf)
    for h in batch.results:
        if h.dibuat != incremental.REUSED:
            h.alasan = h.alasan or batch.reasons.get(h.kode_satker)
    incremental.record_hashes(batch, extra, batch.registry)
    manifest = write_manifest(
        safe_child(batch.out_dir, "manifest.json"), data=batch.data, period=batch.period,
        parameters={k: v for k, v in batch.params.items() if not k.startswith("_") and k != "folder_data"},
        results=batch.results, started_at=started, duration=elapsed, extra=extra.get("manifest"),
        merge=not batch.recap)
    # the index page links the files on disk (workbooks, deck, letters; after a partial run: which run made what)
    from spakanalysis.pipeline.national_outputs import refresh_index_pages

    refresh_index_pages(batch.out_dir, manifest)
    _print_summary(batch.results, echo, elapsed, batch.out_dir)
    return 0 if all(h.status == SUCCEEDED for h in batch.results) and not extra.get("gagal") else 1


def run_batch(
    *,
    data: Path,
    keluaran: Path,
    periode: str,
    kode_satker: list[str] | None = None,
    parameter: dict[str, Any] | None = None,
    pekerja: int | None = None,
    pdf: bool = True,
    rekap: bool = True,
    executor: Executor | None = None,
    echo: Callable[[str], None] = print,
    paksa: bool = False,
    dask: Any = None,
) -> int:
    """Render the reports of several satkers (all when ``kode_satker`` is None).

    Parameters
    ----------
    data, keluaran : Path
        The raw data folder and the output folder.
    periode : str
        The period (``2024-Q3``, ``2024-07-01..2024-09-30`` ...).
    kode_satker : list of str, optional
        The satkers; ``None``: every satker of the registry.
    parameter : dict, optional
        Report parameters (``aturan``, ``galat``, ``lantai``, ``tanggal_*``).
    pekerja : int, optional
        Worker processes (default: the number of CPUs).
    pdf, rekap : bool
        Also the PDFs; also the Kanwil recap and the index page.
    executor : Executor, optional
        Where the reports run (default: a pool of our own); its workers must share ``keluaran``.
    dask : str or distributed.Client, optional
        A Dask cluster instead: ``tcp://host:8786``, ``"lokal"`` or a client; needs no shared
        file system (see :mod:`spakanalysis.pipeline.dask_run`).
    echo : callable
        Prints the summary lines.
    paksa : bool
        Render every satker and the recap, even those whose inputs and outputs are
        unchanged since the previous run (see :mod:`spakanalysis.pipeline.incremental`).

    Returns
    -------
    int
        The exit code: 0 when every report was made, 1 otherwise. Raises
        :class:`ParameterError` before anything runs when a parameter is wrong.
    """
    from spakanalysis.data.cache import resolve_data_folder

    _check_engine(dask)
    t0 = time.perf_counter()
    started = datetime.now(UTC).replace(microsecond=0).isoformat()
    sweep_stale_temp_folders()  # caches and kernel folders of runs killed earlier
    # the dataset cache (data.cache), for the kernels; it outlives the batch (the next run skips loading)
    cache = str(settings.cache_dir())
    batch = _plan(resolve_data_folder(data), Path(keluaran).resolve(), periode, kode_satker, dict(parameter or {}),
                  pdf, rekap, cache, paksa)
    extra = _render_all(batch, pekerja, executor, paksa, dask)
    return _conclude(batch, extra, started, time.perf_counter() - t0, echo)


def _check_engine(dask: Any) -> None:
    """A wrong Dask address stops the batch before anything is loaded (ParameterError)."""
    if isinstance(dask, str):
        from spakanalysis.pipeline.dask_run import check_address

        check_address(dask)


def _progress_bar(total: int):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="Laporan satker", unit="satker", disable=settings.on_ci() and not sys.stderr.isatty(), file=sys.stderr)


def _print_summary(results: list[SatkerResult], echo, elapsed: float, out_dir: Path) -> None:
    from spakanalysis.core.formatting import format_angka

    ok = [h for h in results if h.status == SUCCEEDED]
    bad = [h for h in results if h.status != SUCCEEDED]
    width = max([len(h.kode_satker) for h in results] + [5])
    echo("")
    echo(f"{'Satker':<{width}}  {'Hasil':<8}  {'Status progres':<17}  {'Detik':>6}  Dibuat")
    for h in results:
        made = h.dibuat if h.dibuat == incremental.REUSED or not h.alasan else f"{h.dibuat} ({h.alasan})"
        echo(f"{h.kode_satker:<{width}}  {h.status:<8}  {(h.status_progres or '–'):<17}  {format_angka(h.durasi_detik, 1):>6}"
             f"  {made}")
    echo("")
    echo(f"{len(ok)} dari {len(results)} laporan satker berhasil dalam {format_angka(elapsed, 1)} detik. Keluaran: {out_dir}")
    reused = sum(1 for h in results if h.dibuat == incremental.REUSED)
    echo(f"{len(results) - reused} laporan dibuat baru, {reused} dipakai ulang (masukan dan berkas tidak berubah; "
         "--paksa membuat semuanya lagi).")
    for h in bad:
        echo(f"GAGAL {h.kode_satker}: {h.pesan}")
        if h.notebook_parsial:
            echo(f"  notebook parsial: {h.notebook_parsial}")
