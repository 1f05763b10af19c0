"""The recap's outputs: the rendered recap notebook (HTML, PDF, JSON), ``index.html`` and the public outputs.

The infographics and ``publik/`` are written with ``index.html``, once every report is done
(:mod:`spakanalysis.pipeline.public_outputs`).
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.formatting import format_tanggal_panjang
from spakanalysis.core.paths import ensure_inside, os_error_text, remove, safe_child
from spakanalysis.pipeline.public_outputs import PUBLIC_FILES, Draw, write_public_outputs
from spakanalysis.pipeline.render import html_to_pdf, notebook_to_html
from spakanalysis.pipeline.runner import FAILED, NOTEBOOK_REKAP, SUCCEEDED, SatkerResult, _error_text, execute_notebook
from spakanalysis.present.index_page import index_page

__all__ = ["build_recap_outputs", "write_index_page", "refresh_index_page"]


def build_recap_outputs(period, out_dir: Path, results, *, parameter: dict[str, Any], pdf: bool = True,
                        kernel_manager=None, kernel_client=None, satker_dir: Path | None = None,
                        index: bool = True) -> dict[str, Any]:
    """Render the recap notebook, the infographic and ``index.html`` into ``out_dir``.

    ``results`` are the batch's :class:`~spakanalysis.pipeline.runner.SatkerResult` (the
    recap flags the satkers whose report failed). ``results=None`` makes the
    recap ahead of time, as if every report succeeds, and leaves ``index.html``
    to :func:`write_index_page` (a batch overlaps the recap with its last
    reports this way). Returns what the manifest records; on failure
    ``{"gagal": True, "pesan": ...}`` instead of raising.
    ``kernel_manager`` and ``kernel_client``: see :func:`spakanalysis.pipeline.runner.execute_notebook`
    (a batch runs the recap on a worker's warm kernel). ``satker_dir``: where the satker folders are
    when not in ``out_dir`` (one Kanwil of a national batch, :mod:`spakanalysis.pipeline.national_outputs`).
    ``index=False`` leaves ``index.html`` and the public outputs to :func:`write_index_page` also when
    ``results`` are known (a Dask worker has no report folders to link).
    """
    failed = {h.kode_satker: h.pesan for h in results or [] if h.status != SUCCEEDED}
    info: dict[str, Any] = {"gagal": False}
    work = None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = ensure_inside(out_dir, tempfile.mkdtemp(prefix=".rekap.", dir=out_dir))
        # the recap counts every submission (it has no kecualikan_tanda parameter: papermill would warn once per recap)
        params = {k: v for k, v in parameter.items() if not k.startswith("_") and k != "kecualikan_tanda"}
        params.update(periode=period.kode, satker_gagal=json.dumps(failed, ensure_ascii=False),
                      berkas_ringkasan=str(work / "rekap.json"))
        if period.kode.count("..") == 1:
            params.update(periode="", mulai=period.mulai.isoformat(), akhir=period.akhir.isoformat())
        nb = execute_notebook(NOTEBOOK_REKAP, work / "rekap.ipynb", params, kernel_manager=kernel_manager,
                              kernel_client=kernel_client)
        summary = json.loads((work / "rekap.json").read_text(encoding="utf-8"))
        html = notebook_to_html(nb, judul="Rekapitulasi Monev SPKP & SPAK", nama_satker=summary["kanwil"],
                                subjudul=f"{summary['periode_label']} · data per {format_tanggal_panjang(date.fromisoformat(summary['tanggal_data']))}",
                                tanggal=summary.get("tanggal_cetak"))
        files = {"rekap.html": html, "rekap.ipynb": (work / "rekap.ipynb").read_text(encoding="utf-8"),
                 "rekap.json": (work / "rekap.json").read_text(encoding="utf-8")}
        if pdf:
            files["rekap.pdf"] = html_to_pdf(html)
        for name, content in files.items():
            write_atomic(safe_child(out_dir, name), content)
        written, public = list(files), []
        if results is not None and index:
            public = write_index_page(out_dir, results, pdf=pdf, summary=summary, satker_dir=satker_dir)
            written += ["index.html", *PUBLIC_FILES]
        info["manifest"] = {"rekap": {"status": SUCCEEDED, "berkas": sorted(written)},
                            **({"publik": {"berkas": public}} if public else {})}
    except Exception as exc:  # noqa: BLE001
        msg = os_error_text(exc, out_dir) if isinstance(exc, OSError) else _error_text(exc)
        info.update(gagal=True, pesan=msg, manifest={"rekap": {"status": FAILED, "pesan": msg}})
    finally:
        if work is not None:
            remove(out_dir, work)
    return info


def write_index_page(out_dir: Path, results, *, pdf: bool = True, summary: dict[str, Any] | None = None,
                     manifest: dict[str, Any] | None = None, satker_dir: Path | None = None,
                     draw: Draw | None = None) -> list[str]:
    """Write ``index.html`` from the recap's ``rekap.json`` (or ``summary``) and the batch's results,
    then the public outputs; returns those (paths relative to ``out_dir``) for the manifest.

    With ``manifest`` (a later partial run), links and notes follow the files on disk and the runs recorded.
    With ``satker_dir`` (the satker folders are not in ``out_dir``) the satkers are linked relative to it,
    and the public outputs' paths returned are relative to ``satker_dir``. ``draw``: see
    :func:`~spakanalysis.pipeline.public_outputs.write_public_outputs`.
    """
    if summary is None:
        summary = json.loads(safe_child(out_dir, "rekap.json").read_text(encoding="utf-8"))
    prefix = "" if satker_dir is None else "../" * len(Path(out_dir).resolve().relative_to(Path(satker_dir).resolve()).parts)
    page = index_page(pd.DataFrame(summary["tabel"]), {h.kode_satker: h for h in results}, kanwil=summary["kanwil"],
                      periode_label=summary["periode_label"], tanggal_data=date.fromisoformat(summary["tanggal_data"]),
                      ada_rekap=True, ada_pdf=pdf, manifest=manifest, out_dir=out_dir if manifest else None,
                      satker_dir=satker_dir, satker_prefix=prefix)
    write_atomic(safe_child(out_dir, "index.html"), page)
    return write_public_outputs(out_dir, summary, codes={h.kode_satker for h in results if h.status == SUCCEEDED},
                                satker_dir=satker_dir, draw=draw)


def refresh_index_page(out_dir: Path, manifest: dict[str, Any]) -> bool:
    """After a partial run into a folder that holds a batch: write its ``index.html`` again from the merged manifest.

    Returns False (and writes nothing) when the folder has no recap or no index page.
    """
    if not ((out_dir / "rekap.json").is_file() and (out_dir / "index.html").is_file() and "rekap" in manifest):
        return False
    results = [SatkerResult(e["kode_satker"], e["status"], 0.0, pesan=e.get("pesan")) for e in manifest.get("satker", [])]
    write_index_page(out_dir, results, manifest=manifest)
    return True
