"""Execute the report notebooks with papermill and render them, one satker or a whole batch.

A report is built in a hidden temporary folder next to its destination and
moved into place only when every file (executed notebook, HTML, PDF,
``ringkasan.json``) is complete, so a failed or killed run never leaves a
half-written report. A batch runs on any :class:`concurrent.futures.Executor`:
by default a pool of long-lived worker processes that import the exporters
once, or a Dask cluster (:mod:`spakanalysis.pipeline.dask_run`).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spakanalysis.core import settings
from spakanalysis.core.atomic import move_into_place, publish_folder
from spakanalysis.core.errors import DataError, ParameterError, SpakError
from spakanalysis.core.paths import ensure_inside, os_error_text, remove, safe_child

__all__ = ["NOTEBOOK_SATKER", "NOTEBOOK_REKAP", "SatkerResult", "HasilSatker", "execute_notebook", "run_satker_report",
           "satker_output_dir", "notebook_path", "notebook_folders"]

#: Kernel arguments: keep the kernel's own start-up warnings out of the analyst's terminal.
# CRITICAL: the kernel's own ERROR log lines (a KeyboardInterrupt when Ctrl-C stops the batch, a socket
# closed under it) are not the analyst's business; cell errors come back as messages, not as log lines
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]

#: ``SatkerResult.status`` of a report that was made / that failed (printed in the summary and the manifest).
SUCCEEDED = "berhasil"
FAILED = "gagal"

NOTEBOOK_SATKER = "laporan_satker.ipynb"
NOTEBOOK_REKAP = "rekap_kanwil.ipynb"


def notebook_folders() -> list[Path]:
    """Where the report notebooks are looked for, in order.

    1. ``SPAKANALYSIS_NOTEBOOKS`` (see :mod:`spakanalysis.core.settings`);
    2. the package data ``spakanalysis/notebooks/`` (found with :mod:`importlib.resources`): an installed
       wheel carries copies of the checkout's ``notebooks/`` made at build time (see ``setup.py``);
    3. the checkout's ``notebooks/`` (an editable install): the files analysts open in JupyterLab.

    Returns
    -------
    list of Path
        The candidate folders (they need not exist).
    """
    from importlib import resources

    chosen = settings.notebooks_dir()
    candidates = [chosen] if chosen is not None else []
    packaged = resources.files("spakanalysis") / "notebooks"
    if isinstance(packaged, os.PathLike):
        candidates.append(Path(packaged))
    candidates.append(Path(__file__).resolve().parents[3] / "notebooks")
    return candidates


def notebook_path(name: str) -> Path:
    """The report notebook ``name`` (see :func:`notebook_folders`); raises :class:`SpakError` when none holds it."""
    candidates = notebook_folders()
    for folder in candidates:
        if (folder / name).is_file():
            return folder / name
    raise SpakError(f"Notebook {name} tidak ditemukan (dicari di: {', '.join(str(c) for c in candidates)}).")


def period_folder_name(periode_kode: str) -> str:
    """The folder name of a period (``2024-07-01..2024-09-30`` becomes ``2024-07-01_sd_2024-09-30``)."""
    return periode_kode.replace("..", "_sd_").replace("/", "-")


def satker_output_dir(keluaran: Path, periode_kode: str, kode_satker: str) -> Path:
    """``<keluaran>/<periode>/<kode>``, checked to lie inside ``keluaran`` (raises :class:`~spakanalysis.core.paths.PathError`)."""
    return safe_child(keluaran, period_folder_name(periode_kode), kode_satker)


@dataclass
class SatkerResult:
    """Outcome of one satker's report (what the batch summary prints)."""

    kode_satker: str
    status: str  # SUCCEEDED | FAILED
    durasi_detik: float
    folder: str | None = None
    status_progres: str | None = None
    pesan: str | None = None
    notebook_parsial: str | None = None
    berkas: dict[str, str] = field(default_factory=dict)
    dibuat: str = "baru"  # "baru" (rendered by this run) | "dipakai ulang" (reused, see pipeline/incremental.py)
    alasan: str | None = None  # why it was rendered or reused (Indonesian)
    kunci: dict[str, str] | None = None  # the key parts of its inputs (pipeline/reuse.py)
    sha256: dict[str, str] | None = None  # SHA-256 of each file of its folder, when the manifest is written

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: Deprecated alias of :class:`SatkerResult` (the name before issue 16).
HasilSatker = SatkerResult


# Like ``%reset -f`` but without its full garbage collection (0.25 s per report).
_RESET = (
    "for _nama in [n for n in list(globals()) if not n.startswith('_') and n not in "
    "('In', 'Out', 'get_ipython', 'exit', 'quit')]:\n"
    "    del globals()[_nama]"
)


@lru_cache(maxsize=4)
def _read_notebook(path: Path):
    import nbformat

    return nbformat.read(path, as_version=4)


def _notebook_with_reset(path: Path):
    """The report notebook with a first cell that empties a reused kernel's namespace.

    The cell is tagged ``hapus``, so it never shows in a report.
    """
    import copy

    import nbformat

    nb = copy.deepcopy(_read_notebook(path))
    cell = nbformat.v4.new_code_cell(_RESET, metadata={"tags": ["hapus"]})
    nb.cells.insert(0, cell)
    return nb


#: Name of the papermill engine that reuses an open kernel client (see :func:`_register_engine`).
WARM_CLIENT_ENGINE = "spakanalysis-klien-hangat"


@lru_cache(maxsize=1)
def _register_engine() -> str:
    """Register a papermill engine that executes on an already connected kernel client.

    papermill's own ``nbclient`` engine opens a new client for every notebook,
    and ``wait_for_ready`` then waits at least 0.2 s for the IOPub channel to
    fall silent. A batch worker keeps one client per kernel (see
    :class:`spakanalysis.pipeline.workers.WarmKernel`) and passes it as ``kc=``; the
    client stays open after the notebook because the kernel manager is not
    owned by the notebook client. Messages left from an earlier notebook are
    ignored by nbclient, which only reads replies to its own requests.
    """
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class WarmClientEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                     start_timeout=60, execution_timeout=None, **kwargs):
            kc = kwargs.pop("kc")
            timeout = execution_timeout or kwargs.pop("timeout", None)
            for unused in ("input_path", "startup_timeout"):
                kwargs.pop(unused, None)
            client = PapermillNotebookClient(
                nb_man, kernel_name=kernel_name, log=logger, log_output=log_output, stdout_file=stdout_file,
                stderr_file=stderr_file, startup_timeout=start_timeout, timeout=timeout, **kwargs,
            )
            client.kc = kc
            return client.execute()

    papermill_engines.register(WARM_CLIENT_ENGINE, WarmClientEngine)
    return WARM_CLIENT_ENGINE


def _error_text(exc: BaseException) -> str:
    """An Indonesian one-paragraph message for an exception raised while running a notebook."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, SpakError):
        return str(exc)
    if isinstance(exc, PapermillExecutionError):
        # the notebook raised: keep its own (Indonesian) message, not the traceback
        if exc.ename in {"ParameterError", "DataError", "InputError", "SpakError"}:
            return exc.evalue
        return f"Notebook gagal di sel {exc.exec_count}: {exc.ename}: {exc.evalue}"
    return f"Kesalahan tak terduga: {type(exc).__name__}: {exc}"


def execute_notebook(name: str, output: str | os.PathLike, parameters: dict[str, Any], *, kernel_manager=None,
                     kernel_client=None):
    """Execute one of the project's notebooks (``name`` in ``notebooks/``) with papermill.

    With ``kernel_manager`` (and optionally ``kernel_client``, connected to it)
    the notebook runs on that existing kernel after a hidden first cell has
    emptied its namespace; a batch worker reuses one kernel this way. Without
    them papermill starts and stops a kernel of its own. The executed notebook
    is written to ``output`` once at the end (also on error) and returned;
    errors are papermill's (see :func:`_error_text`).
    """
    import papermill as pm

    nb_src = notebook_path(name)
    extra: dict[str, Any] = {"km": kernel_manager} if kernel_manager is not None else {"extra_arguments": KERNEL_ARGS}
    if kernel_manager is not None and kernel_client is not None:
        extra.update(kc=kernel_client, engine_name=_register_engine())
    source = _notebook_with_reset(nb_src) if kernel_manager is not None else str(nb_src)
    return pm.execute_notebook(
        source, str(output), parameters=parameters, progress_bar=False, log_output=False,
        # save once at the end (and on error), not after every cell: ~0.3 s per report
        request_save_on_cell_execute=False,
        cwd=str(nb_src.parent), kernel_name="python3", **extra,
    )


def run_satker_report(
    kode_satker: str,
    periode: str,
    keluaran: str | os.PathLike,
    *,
    parameter: dict[str, Any] | None = None,
    pdf: bool = True,
    kernel_manager=None,
    kernel_client=None,
) -> SatkerResult:
    """Execute ``laporan_satker.ipynb`` for one satker and write its report folder.

    Writes ``<keluaran>/<periode>/<kode>/`` with ``laporan.html``,
    ``laporan.pdf``, ``laporan.ipynb`` (executed) and ``ringkasan.json``. On
    failure nothing is written there; the partial executed notebook is kept in
    ``<keluaran>/<periode>/_gagal/<kode>.ipynb`` and the error is returned (not
    raised), so a batch can go on.

    ``kernel_manager`` and ``kernel_client``: see :func:`execute_notebook`.
    """
    from spakanalysis.pipeline.render import html_to_pdf, notebook_to_html

    t0 = time.perf_counter()
    params = dict(parameter or {})
    params.update(kode_satker=kode_satker, periode=periode)
    periode_kode = params.pop("_periode_kode", periode)
    try:
        final = satker_output_dir(Path(keluaran), periode_kode, kode_satker)
        final.parent.mkdir(parents=True, exist_ok=True)
        work = ensure_inside(final.parent, tempfile.mkdtemp(prefix=f".{kode_satker}.", suffix=".tmp", dir=final.parent))
    except OSError as exc:
        return SatkerResult(kode_satker, FAILED, time.perf_counter() - t0, pesan=os_error_text(exc, Path(keluaran)))
    except SpakError as exc:
        return SatkerResult(kode_satker, FAILED, time.perf_counter() - t0, pesan=str(exc))
    nb_out = work / "laporan.ipynb"
    params["berkas_ringkasan"] = str(work / "ringkasan.json")
    try:
        nb = execute_notebook(NOTEBOOK_SATKER, nb_out, params, kernel_manager=kernel_manager, kernel_client=kernel_client)
        summary = json.loads((work / "ringkasan.json").read_text(encoding="utf-8"))
        html = notebook_to_html(nb, judul="Laporan Monitoring dan Evaluasi SPKP & SPAK", nama_satker=summary["nama_satker"],
                                subjudul=f"{summary['periode_label']} · data per {summary['tanggal_data_teks']}",
                                tanggal=summary["tanggal_cetak"])
        (work / "laporan.html").write_text(html, encoding="utf-8")
        if pdf:
            (work / "laporan.pdf").write_bytes(html_to_pdf(html))
        publish_folder(work, final)
        files = {p.name: str(final / p.name) for p in sorted(final.iterdir())}
        return SatkerResult(kode_satker, SUCCEEDED, time.perf_counter() - t0, str(final), summary.get("status"), berkas=files)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message in the summary
        partial = _keep_partial_notebook(nb_out, final.parent, kode_satker)
        msg = os_error_text(exc, final.parent) if isinstance(exc, OSError) else _error_text(exc)
        if not isinstance(exc, (SpakError, DataError, ParameterError)) and settings.debug():
            msg += "\n" + traceback.format_exc()
        return SatkerResult(kode_satker, FAILED, time.perf_counter() - t0, None, None, msg, str(partial) if partial else None)
    finally:
        remove(final.parent, work)


def _keep_partial_notebook(nb_out: Path, period_dir: Path, kode_satker: str) -> str | None:
    """Move a failed report's executed notebook to ``_gagal/<kode>.ipynb``, only when it is complete JSON.

    An empty or cut-off notebook (disk full, killed kernel) is not kept.
    """
    try:
        json.loads(nb_out.read_text(encoding="utf-8"))
        failed = safe_child(period_dir, "_gagal")
        failed.mkdir(exist_ok=True)
        partial = safe_child(failed, f"{kode_satker}.ipynb")
        move_into_place(nb_out, partial)
    except (OSError, ValueError, SpakError):
        return None
    return str(partial)
