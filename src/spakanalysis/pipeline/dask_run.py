"""Run a batch's reports on a Dask cluster (``spakanalysis laporan --semua --dask ALAMAT``).

The workers need no shared file system. The raw data folder travels to every
worker once, as bytes scattered before the first task (:func:`data_bundle`);
a worker writes it to a private local folder, loads it on its warm kernels and
renders into a private local output folder. Each report's files come back to
the client as bytes, and the client writes them into the output folder, each
satker's folder atomically, exactly as the process pool does. The recap is
rendered on a worker the same way; the index page, the workbooks, the deck and
the letters are written by the client (they read the report folders).

Each thread of a worker keeps its own warm kernel (:mod:`spakanalysis.pipeline.workers`), so a
worker with several threads renders several reports at once and never mixes
two reports on one kernel. A satker that fails stays a failed satker; a worker
that dies has its tasks run again elsewhere by the scheduler (a local cluster is
set to do that once: ``distributed.scheduler.allowed-failures = 1``). Needs the
optional extra: ``pip install "spakanalysis[dask]"``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any

from spakanalysis.core.atomic import publish_folder, write_atomic
from spakanalysis.core.errors import ParameterError
from spakanalysis.core.hashing import digest_parts
from spakanalysis.core.paths import ensure_inside, remove, safe_child, temp_folder
from spakanalysis.core.version import __version__
from spakanalysis.pipeline import interrupt, workers
from spakanalysis.pipeline.precompute import start_batch_extras
from spakanalysis.pipeline.runner import FAILED, SUCCEEDED, SatkerResult

__all__ = ["LOCAL", "check_address", "connect", "data_bundle", "render_remote", "recap_remote", "run_on_dask"]

#: ``--dask lokal``: a ``distributed.LocalCluster`` on this machine (one single-threaded worker per core).
LOCAL = "lokal"

_INSTALL_HINT = 'pasang dengan: pip install "spakanalysis[dask]"'
_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise ParameterError(f"--dask memerlukan paket distributed (Dask), yang belum terpasang; {_INSTALL_HINT}.") from exc
    return distributed


def connect(alamat: str, n_workers: int | None = None):
    """A ``distributed.Client`` for ``alamat``, and the local cluster it started (or None).

    Parameters
    ----------
    alamat : str
        A scheduler address (``tcp://host:8786``), or :data:`LOCAL` (``"lokal"``) for a
        ``LocalCluster`` of ``n_workers`` single-threaded worker processes (default: one per core).
    n_workers : int, optional
        Workers of the local cluster (``--pekerja``); ignored for a scheduler address.

    Raises
    ------
    ParameterError
        When distributed is not installed, the address is not one, or no scheduler answers there.
    """
    check_address(alamat)
    distributed = _distributed()
    if alamat == LOCAL:
        import dask

        with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
            cluster = distributed.LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                               processes=True, dashboard_address=None)
        client = distributed.Client(cluster)
        client.wait_for_workers(len(cluster.workers), timeout=120)  # every worker gets the scattered data
        return client, cluster
    try:
        return distributed.Client(alamat, timeout="10s"), None
    except (OSError, TimeoutError) as exc:
        raise ParameterError(f"Penjadwal Dask di {alamat} tidak dapat dihubungi: {exc}") from exc


def check_address(alamat: str) -> None:
    """Refuse what cannot be a scheduler address (ParameterError), before anything is loaded."""
    if alamat != LOCAL and not (alamat.startswith(_SCHEMES) and len(alamat) > alamat.index("//") + 2):
        raise ParameterError(f'"{alamat}" bukan alamat penjadwal Dask: diharapkan misalnya tcp://host:8786, atau "{LOCAL}".')


def check_workers(client) -> None:
    """Refuse a cluster without workers, or whose workers lack this version of spakanalysis (ParameterError)."""
    versions = client.run(_worker_version)
    if not versions:
        raise ParameterError("Klaster Dask tidak punya pekerja: jalankan dulu dask worker yang terhubung ke penjadwal.")
    wrong = sorted(f"{addr} ({v or 'tidak terpasang'})" for addr, v in versions.items() if v != __version__)
    if wrong:
        raise ParameterError(f"Pekerja Dask harus memakai spakanalysis {__version__} seperti klien ini; berbeda di: "
                             + ", ".join(wrong) + ".")


def _worker_version() -> str | None:
    try:
        from spakanalysis.core.version import __version__ as version
    except ImportError:  # pragma: no cover - runs on a worker without the package
        return None
    return version


def data_bundle(folder: Path) -> dict[str, Any]:
    """Every file of the data folder as bytes, with the digest that names it on the workers.

    Hidden files and folders are left out (a ``.git`` or an editor's backup is no input).
    """
    files = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts):
            files[rel.as_posix()] = p.read_bytes()
    digest = digest_parts(*(x for name, content in files.items() for x in (name, content)))
    return {"digest": digest, "files": files}


_materialized: dict[str, Path] = {}
_materialize_lock = threading.Lock()


def _materialize(bundle: dict[str, Any]) -> Path:
    """On a worker: the bundle written once to a private local folder (kept for the worker's life)."""
    with _materialize_lock:
        folder = _materialized.get(bundle["digest"])
        if folder is not None and folder.is_dir():
            return folder
        root = temp_folder("data")
        folder = root / "data"
        for name, content in bundle["files"].items():
            target = ensure_inside(root, folder / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        _materialized[bundle["digest"]] = folder
        return folder


def _read_folder(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path (a national recap has a folder per Kanwil)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def render_remote(code: str, periode: str, parameter: dict[str, Any], pdf: bool, env: dict[str, str],
                  bundle: dict[str, Any]) -> tuple[SatkerResult, dict[str, bytes], bytes | None]:
    """On a worker: one satker's report, rendered locally; its result, its files and any partial notebook."""
    data = _materialize(bundle)
    out = temp_folder("dask-out")
    try:
        params = {**parameter, "folder_data": str(data)}
        result = workers.worker_task(code, periode, str(out), params, pdf, env, str(data))
        files = _read_folder(Path(result.folder)) if result.status == SUCCEEDED else {}
        partial = Path(result.notebook_parsial).read_bytes() if result.notebook_parsial else None
        return result, files, partial
    finally:
        remove(tempfile.gettempdir(), out)


def recap_remote(period, results: list[SatkerResult] | None, parameter: dict[str, Any], pdf: bool,
                 env: dict[str, str], bundle: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """On a worker: the recap(s) and infographic(s), rendered locally; the manifest part and the files."""
    data = _materialize(bundle)
    out = temp_folder("dask-out")
    try:
        params = {**parameter, "folder_data": str(data)}
        info = workers.recap_task(period, str(out), results, params, pdf, env, index=False, data=str(data))
        return info, ({} if info.get("gagal") else _read_folder(out))
    finally:
        remove(tempfile.gettempdir(), out)


def _write_report(out_dir: Path, result: SatkerResult, files: dict[str, bytes], partial: bytes | None) -> SatkerResult:
    """Write one satker's files into ``out_dir/<kode>`` atomically (or keep its partial notebook)."""
    code = result.kode_satker
    if result.status != SUCCEEDED:
        result.folder, result.berkas = None, {}
        result.notebook_parsial = None
        if partial is not None:
            failed = safe_child(out_dir, "_gagal")
            failed.mkdir(exist_ok=True)
            result.notebook_parsial = str(write_atomic(safe_child(failed, f"{code}.ipynb"), partial))
        return result
    final = safe_child(out_dir, code)
    work = ensure_inside(out_dir, tempfile.mkdtemp(prefix=f".{code}.", suffix=".tmp", dir=out_dir))
    try:
        for name, content in files.items():
            safe_child(work, name).write_bytes(content)
        publish_folder(work, final)
    finally:
        remove(out_dir, work)
    result.folder = str(final)
    result.berkas = {name: str(final / name) for name in sorted(files)}
    return result


def _failed(code: str, exc: BaseException) -> SatkerResult:
    return SatkerResult(code, FAILED, 0.0, pesan=f"Pekerja Dask gagal: {type(exc).__name__}: {exc}")


class _Cluster:
    """One batch's work on a client: the scattered data, and every task submitted again once when it is lost.

    A task is lost (cancelled) when the only worker holding the scattered data dies before another
    has copied it; the data are then scattered again from this process and the task resubmitted.
    A task whose worker died twice ends as ``KilledWorker`` (see ``allowed-failures``): a failed satker.
    """

    def __init__(self, client, batch) -> None:
        self.client, self.batch = client, batch
        self.data = data_bundle(batch.data)
        self.bundle = None
        self.futures: dict = {}

    def _bundle(self):
        if self.bundle is None or self.bundle.status != "finished":  # one object, on every worker
            [self.bundle] = self.client.scatter([self.data], broadcast=True, hash=False)
        return self.bundle

    def report(self, code: str):
        b = self.batch
        fut = self.client.submit(render_remote, code, b.periode, b.params, b.pdf, {}, self._bundle(),
                                 key=f"laporan-{code}-{uuid.uuid4().hex}", pure=False)
        self.futures[fut] = code
        return fut

    def recap(self, results):
        b = self.batch
        return self.client.submit(recap_remote, b.period, results, b.params, b.pdf, {}, self._bundle(), pure=False)

    def recap_result(self, fut, results):
        """The recap's result, submitted again once when it was lost."""
        try:
            return fut.result()
        except Exception as exc:  # noqa: BLE001
            if not _lost(exc):
                raise
            return self.recap(results).result()


def _lost(exc: BaseException) -> bool:
    from concurrent.futures import CancelledError

    return isinstance(exc, CancelledError) or type(exc).__name__ == "FutureCancelledError"


def _collect(run: _Cluster, submitted: list, bar) -> None:
    """The reports' results, each written here as it arrives (a lost one submitted again, once)."""
    from distributed import as_completed

    batch = run.batch
    pending = as_completed(submitted)
    retried: set[str] = set()
    for fut in pending:
        interrupt.raise_if_requested()
        code = run.futures[fut]
        try:
            result, files, partial = fut.result()
            batch.results.append(_write_report(batch.out_dir, result, files, partial))
        except Exception as exc:  # noqa: BLE001 - a worker lost twice (KilledWorker) is a failed satker
            if _lost(exc) and code not in retried:
                retried.add(code)
                pending.add(run.report(code))
                continue
            batch.results.append(_failed(code, exc))
        bar.set_postfix_str(code)
        bar.update()
    batch.results.sort(key=lambda h: batch.order[h.kode_satker])


def _finish_recap(run: _Cluster, ahead) -> dict[str, Any]:
    """The recap's files from a worker, written here; then the index page(s), which link the report folders."""
    from spakanalysis.pipeline.national_outputs import NATIONAL_JSON, add_index_pages, drop_single_recap

    batch = run.batch
    try:
        info, files = run.recap_result(ahead, None)
        if any(h.status != SUCCEEDED for h in batch.results):  # the recap names the failed reports
            info, files = run.recap_result(run.recap(batch.results), batch.results)
    except Exception as exc:  # noqa: BLE001
        msg = f"Pekerja Dask gagal: {type(exc).__name__}: {exc}"
        return {"gagal": True, "pesan": msg, "manifest": {"rekap": {"status": FAILED, "pesan": msg}}}
    if info.get("gagal"):
        return info
    for name, content in files.items():
        target = safe_child(batch.out_dir, *name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, content)
    if NATIONAL_JSON in files:
        drop_single_recap(batch.out_dir)
    add_index_pages(batch.out_dir, batch.results, batch.pdf, info, draw=batch.extras.infographic)
    return info


def run_on_dask(batch, dask, n_workers: int | None, bar) -> dict[str, Any]:
    """Every report and the recap of ``batch`` on a Dask cluster; returns the recap's manifest part.

    ``dask`` is a scheduler address, :data:`LOCAL`, or an open ``distributed.Client``.
    """
    own = isinstance(dask, str)
    client, cluster = connect(dask, n_workers) if own else (dask, None)
    run = None
    try:
        check_workers(client)
        run = _Cluster(client, batch)
        submitted = [run.report(k) for k in sorted(batch.codes, key=lambda k: -int(batch.sizes.get(k, 0)))]
        # the recap ahead of time, as if every report succeeds (made again in _finish_recap if one failed)
        ahead = run.recap(None) if batch.recap else None
        _collect(run, submitted, bar)
        # infographics and letters on the workers, next to the recap (settled before the client closes)
        batch.extras = start_batch_extras(lambda fn, *args: client.submit(fn, *args, pure=False), batch)
        if ahead is None:
            return {}
        bar.set_postfix_str("rekap Kanwil")
        return _finish_recap(run, ahead)
    except BaseException:
        with contextlib.suppress(Exception):
            batch.extras.cancel()  # Ctrl-C or a failure: nothing more is waited for
        raise
    finally:
        with contextlib.suppress(Exception):
            batch.extras.settle()
        with contextlib.suppress(Exception):
            client.cancel(list(run.futures) if run else [])
        if own:
            with contextlib.suppress(Exception):
                client.close()
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close()
