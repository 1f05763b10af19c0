"""Recaps of a registry with several Kanwils (the ``kanwil`` column): one recap per Kanwil and a national recap.

With one Kanwil in the registry every function here does exactly what
:mod:`spakanalysis.pipeline.recap_outputs` does (same files, same places). With more:

- ``kanwil/<folder>/`` per Kanwil (folder from its name, :func:`~spakanalysis.report.national.kanwil_folders`):
  its recap (``rekap.html``/``.pdf``/``.json``/``.ipynb``), infographic, ``index.html``, ``publik/``,
  ``rekap.xlsx`` and ``paparan.pptx``; its satkers stay in ``<periode>/<kode>/`` and are linked from there;
- in the period folder: ``rekap_nasional.html``/``.pdf``/``.json`` ranking the Kanwils
  (:func:`~spakanalysis.report.national.build_national_recap`) and ``index.html`` linking each Kanwil's page.

The batch calls :func:`build_outputs`, :func:`add_index_pages`, :func:`write_office_outputs` and
:func:`refresh_index_pages` in place of their single-Kanwil counterparts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.paths import os_error_text, remove, safe_child
from spakanalysis.pipeline.office_outputs import write_recap_outputs
from spakanalysis.pipeline.public_outputs import PUBLIC_FILES, Draw
from spakanalysis.pipeline.recap_outputs import build_recap_outputs, refresh_index_page, write_index_page
from spakanalysis.pipeline.render import html_to_pdf
from spakanalysis.pipeline.runner import FAILED, SUCCEEDED, SatkerResult, _error_text
from spakanalysis.present.national_page import national_index_page, national_recap_page
from spakanalysis.report.national import KANWIL_FOLDER, build_national_recap, kanwil_folders

__all__ = ["NATIONAL_JSON", "NATIONAL_FILES", "is_national", "build_outputs", "add_index_pages", "drop_single_recap",
           "write_office_outputs", "refresh_index_pages"]

NATIONAL_JSON = "rekap_nasional.json"
#: the national recap's files in the period folder (the PDF only with PDFs)
NATIONAL_FILES = ("rekap_nasional.html", NATIONAL_JSON, "rekap_nasional.pdf")
#: a single-Kanwil recap's files in the period folder, removed when the folder becomes national
_SINGLE_FILES = ("rekap.html", "rekap.pdf", "rekap.json", "rekap.ipynb")
_RECAP_KEYS = ("periode", "tanggal_data", "aturan", "galat", "lantai", "tanggal_cetak", "tanggal_rapat")


def is_national(out_dir: Path) -> bool:
    """Whether the period folder holds a national set (a national recap and no single-Kanwil recap)."""
    return (Path(out_dir) / NATIONAL_JSON).is_file() and not (Path(out_dir) / "rekap.json").is_file()


def _dataset(parameter: dict[str, Any]):
    from spakanalysis.data.cache import load_dataset_cached, resolve_data_folder

    return load_dataset_cached(resolve_data_folder(parameter["folder_data"]))


def build_outputs(period, out_dir: Path, results: list[SatkerResult] | None, *, parameter: dict[str, Any],
                  pdf: bool = True, kernel_manager=None, kernel_client=None, index: bool = True) -> dict[str, Any]:
    """:func:`~spakanalysis.pipeline.recap_outputs.build_recap_outputs`, per Kanwil and national when there are several.

    ``index=False``: no index page and no public output, also when ``results`` are known (see
    :func:`add_index_pages`; a Dask worker has no report folders to link).
    """
    from spakanalysis.data.kanwil_set import kanwil_names

    kernel = {"kernel_manager": kernel_manager, "kernel_client": kernel_client}
    try:
        dataset = _dataset(parameter)
    except Exception:  # noqa: BLE001 - the recap itself reports why the data cannot be read
        dataset = None
    names = [] if dataset is None else kanwil_names(dataset)
    if len(names) <= 1:
        return build_recap_outputs(period, out_dir, results, parameter=parameter, pdf=pdf, index=index, **kernel)
    return _build_national(dataset, names, period, Path(out_dir), results, parameter, pdf, {**kernel, "index": index})


def _codes_by_kanwil(dataset, names: list[str]) -> dict[str, set[str]]:
    reg = dataset.satker
    kanwil = reg["kanwil"].astype(str).str.strip()
    return {n: set(reg.loc[kanwil == n, "kode_satker"]) for n in names}


def _sweep(folder: Path) -> None:
    """Temporary recap folders a killed batch left in a Kanwil folder (hidden, never a report)."""
    if folder.is_dir():
        for p in folder.iterdir():
            if p.name.startswith(".rekap."):
                remove(folder, p)


def _build_national(dataset, names, period, out_dir: Path, results, parameter, pdf: bool, kernel) -> dict[str, Any]:
    """Every Kanwil's recap into ``kanwil/<folder>/``, then the national recap (and the index pages with ``results``)."""
    folders, codes = kanwil_folders(names), _codes_by_kanwil(dataset, names)
    made, public, problems = [], [], []
    for name in names:
        kdir = safe_child(out_dir, KANWIL_FOLDER, folders[name])
        _sweep(kdir)
        mine = None if results is None else [h for h in results if h.kode_satker in codes[name]]
        info = build_recap_outputs(period, kdir, mine, parameter={**parameter, "kanwil": name}, pdf=pdf,
                                   satker_dir=out_dir, **kernel)
        if info.get("gagal"):
            problems.append(f"{name}: {info.get('pesan')}")
            continue
        made += [f"{KANWIL_FOLDER}/{folders[name]}/{f}" for f in info["manifest"]["rekap"]["berkas"]]
        if results is not None and kernel.get("index", True):  # its index page and public outputs: rewritten by every run
            public += [*info["manifest"].get("publik", {}).get("berkas", []),
                       f"{KANWIL_FOLDER}/{folders[name]}/index.html"]
    try:
        made += _write_national(dataset, period, out_dir, results, parameter, pdf)
        if results is not None and not problems and kernel.get("index", True):
            files, pages = write_national_index(out_dir, results, pdf=pdf, kanwil_pages=False)
            made, public = made + files, public + pages
    except Exception as exc:  # noqa: BLE001 - reported like a failed recap
        problems.append(os_error_text(exc, out_dir) if isinstance(exc, OSError) else _error_text(exc))
    if problems:
        msg = "; ".join(problems)
        return {"gagal": True, "pesan": msg, "manifest": {"rekap": {"status": FAILED, "pesan": msg}}}
    return {"gagal": False, "manifest": {"rekap": {"status": SUCCEEDED, "berkas": sorted(set(made))},
                                         **({"publik": {"berkas": sorted(set(public))}} if public else {})}}


def _write_national(dataset, period, out_dir: Path, results, parameter: dict[str, Any], pdf: bool) -> list[str]:
    """``rekap_nasional.html``/``.json`` (and ``.pdf``); a single-Kanwil recap left in the folder is removed."""
    failed = {h.kode_satker: h.pesan for h in results or [] if h.status != SUCCEEDED}
    args = {k: parameter[k] for k in _RECAP_KEYS if k in parameter}
    args["periode"] = period.kode
    if period.kode.count("..") == 1:
        args.update(periode="", mulai=period.mulai.isoformat(), akhir=period.akhir.isoformat())
    summary = build_national_recap(dataset, satker_gagal=failed, **args).ringkasan()
    html = national_recap_page(summary)
    files: dict[str, str | bytes] = {"rekap_nasional.html": html,
                                     NATIONAL_JSON: json.dumps(summary, ensure_ascii=False, indent=2) + "\n"}
    if pdf:
        files["rekap_nasional.pdf"] = html_to_pdf(html)
    for name, content in files.items():
        write_atomic(safe_child(out_dir, name), content)
    drop_single_recap(out_dir)
    return list(files)


def drop_single_recap(out_dir: Path) -> None:
    """Remove a single-Kanwil recap an earlier run left in a folder that now holds a national set."""
    for name in _SINGLE_FILES:
        remove(out_dir, safe_child(out_dir, name))


def _results_from_manifest(manifest: dict[str, Any]) -> list[SatkerResult]:
    return [SatkerResult(e["kode_satker"], e["status"], 0.0, pesan=e.get("pesan")) for e in manifest.get("satker", [])]


def write_national_index(out_dir: Path, results: Iterable[SatkerResult], *, pdf: bool = True,
                         manifest: dict[str, Any] | None = None, kanwil_pages: bool = True,
                         draw: Draw | None = None) -> tuple[list[str], list[str]]:
    """Each Kanwil's ``index.html`` and public outputs (unless ``kanwil_pages`` is False), then the national ``index.html``.

    Returns (the index pages and the Kanwils' infographics, for the recap's entry; the public outputs),
    paths relative to ``out_dir``. With ``manifest`` (a later run), as :func:`write_index_page` does.
    """
    summary = json.loads(safe_child(out_dir, NATIONAL_JSON).read_text(encoding="utf-8"))
    results = list(results)
    files, public, links = ["index.html"], [], {}
    for row in summary["kanwil"]:
        kdir = safe_child(out_dir, KANWIL_FOLDER, row["folder"])
        if not (kdir / "rekap.json").is_file():
            links[row["kanwil"]] = None
            continue
        rel = f"{KANWIL_FOLDER}/{row['folder']}"
        links[row["kanwil"]] = (f"{rel}/index.html", f"{rel}/rekap.html")
        if not kanwil_pages:
            continue
        rekap = json.loads((kdir / "rekap.json").read_text(encoding="utf-8"))
        mine = {r["kode_satker"] for r in rekap["tabel"]}
        public += write_index_page(kdir, [h for h in results if h.kode_satker in mine], pdf=pdf, manifest=manifest,
                                   satker_dir=out_dir, draw=draw)
        files += [f"{rel}/index.html", *(f"{rel}/{f}" for f in PUBLIC_FILES)]
    ada_pdf = (out_dir / "rekap_nasional.pdf").is_file()
    write_atomic(safe_child(out_dir, "index.html"), national_index_page(summary, links, ada_pdf=ada_pdf))
    return files, [*public, *(f for f in files if f.endswith("index.html") and f != "index.html")]


def add_index_pages(out_dir: Path, results: list[SatkerResult], pdf: bool, info: dict[str, Any],
                    draw: Draw | None = None) -> None:
    """After a recap made ahead of time: the index page(s) and public outputs, added to ``info``'s manifest.

    ``draw``: how an infographic is drawn (the batch's: the drawings its workers made ahead).
    """
    if not is_national(out_dir):
        info["manifest"]["publik"] = {"berkas": write_index_page(out_dir, results, pdf=pdf, draw=draw)}
        info["manifest"]["rekap"]["berkas"] = sorted([*info["manifest"]["rekap"]["berkas"], "index.html", *PUBLIC_FILES])
        return
    files, public = write_national_index(out_dir, results, pdf=pdf, draw=draw)
    info["manifest"]["publik"] = {"berkas": sorted(set(public))}
    info["manifest"]["rekap"]["berkas"] = sorted({*info["manifest"]["rekap"]["berkas"], *files})


def write_office_outputs(out_dir: Path, *, tanggal_rapat=None) -> list[Path]:
    """``rekap.xlsx`` and ``paparan.pptx``: of the period folder, or of every Kanwil folder of a national set."""
    if not is_national(out_dir):
        return write_recap_outputs(out_dir, tanggal_rapat=tanggal_rapat)
    summary = json.loads(safe_child(out_dir, NATIONAL_JSON).read_text(encoding="utf-8"))
    written = []
    for row in summary["kanwil"]:
        kdir = safe_child(out_dir, KANWIL_FOLDER, row["folder"])
        if not (kdir / "rekap.json").is_file():
            continue
        rekap = json.loads((kdir / "rekap.json").read_text(encoding="utf-8"))
        ringkasan = {}
        for r in rekap["tabel"]:
            path = out_dir / r["kode_satker"] / "ringkasan.json"
            if path.is_file():
                ringkasan[r["kode_satker"]] = json.loads(safe_child(out_dir, r["kode_satker"], "ringkasan.json")
                                                         .read_text(encoding="utf-8"))
        written += write_recap_outputs(kdir, rekap, ringkasan, tanggal_rapat=tanggal_rapat)
    return written


def refresh_index_pages(out_dir: Path, manifest: dict[str, Any]) -> bool:
    """:func:`~spakanalysis.pipeline.recap_outputs.refresh_index_page`, or every index page of a national set."""
    if not is_national(out_dir):
        return refresh_index_page(out_dir, manifest)
    if not ((out_dir / "index.html").is_file() and "rekap" in manifest):
        return False
    write_national_index(out_dir, _results_from_manifest(manifest), manifest=manifest)
    return True
