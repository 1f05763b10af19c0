"""The batch's self-contained ``index.html``: every report with its status, and which run made what."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.enums import Outcome
from spakanalysis.core.formatting import format_persen, format_tanggal
from spakanalysis.present.display import fragment
from spakanalysis.present.status_style import css_class

__all__ = ["index_page"]


def _run_label(run: dict[str, Any]) -> str:
    cut = run.get("parameter", {}).get("tanggal_data")
    when = str(run.get("dibuat_pada") or "")[:16].replace("T", " ")
    return f"jalan {run['nomor']} ({when} UTC, data per {format_tanggal(date.fromisoformat(cut)) if cut else '–'})"


def _runs_section(manifest: dict[str, Any] | None) -> tuple[list[str], dict[str, str]]:
    """Which run made what: one line per run, and a note for every satker not made by the recap's run."""
    runs = (manifest or {}).get("jalan") or []
    if len(runs) < 2:
        return [], {}
    by_number = {r["nomor"]: r for r in runs}
    recap_run = (manifest.get("rekap") or {}).get("jalan")
    lines = []
    for r in runs:
        made = (["rekap Kanwil dan infografis"] if r.get("rekap") else []) + \
               ([f"{len(r['satker'])} laporan satker ({', '.join(r['satker'])})"] if r.get("satker") else [])
        label = _run_label(r)
        lines.append(f"{label[0].upper()}{label[1:]}: {'; '.join(made) or 'tidak ada keluaran'}.")
    notes = {}
    for e in manifest.get("satker", []):
        n = e.get("jalan")
        if n != recap_run and n in by_number:
            notes[e["kode_satker"]] = (f"Laporan dibuat ulang oleh {_run_label(by_number[n])}; angka di baris ini dan "
                                       f"rekap Kanwil berasal dari {_run_label(by_number[recap_run]) if recap_run in by_number else 'jalan lain'}.")
    return lines, notes


#: files of the period folder the page links when they exist: (name, link text)
_PERIOD_FILES = (("rekap.xlsx", "Rekap (Excel)"), ("paparan.pptx", "Paparan rapat (PowerPoint)"))


def _satker_files(out_dir: Path | None, code: str, ok: bool, prefix: str = "") -> dict[str, str | None]:
    """Links to a satker's cover letter and workbook, each only when the file exists (never without ``out_dir``)."""
    def link(name: str) -> str | None:
        return f"{prefix}{code}/{name}" if ok and out_dir is not None and (out_dir / code / name).is_file() else None

    return {"surat": link("surat_pengantar.pdf"), "xlsx": link("laporan.xlsx")}


def _period_files(out_dir: Path | None) -> list[tuple[str, str]]:
    return [(name, text) for name, text in _PERIOD_FILES if out_dir is not None and (out_dir / name).is_file()]


def index_page(tabel: pd.DataFrame, results: dict[str, Any], *, kanwil: str, periode_label: str, tanggal_data: date,
               ada_rekap: bool, ada_pdf: bool = True, manifest: dict[str, Any] | None = None,
               out_dir: Path | None = None, satker_dir: Path | None = None, satker_prefix: str = "") -> str:
    """The self-contained ``index.html`` linking every report with its status.

    With the folder's ``manifest`` of several runs, the page lists which run
    made what and notes each report made by another run than the recap. With
    ``out_dir``, a PDF link is given only where the PDF exists. A Kanwil's page
    of a national batch lives in ``kanwil/<folder>/``: its satker folders are in
    ``satker_dir`` (default ``out_dir``), linked as ``satker_prefix`` + code (e.g. ``../../``).
    """
    runs, notes = _runs_section(manifest)
    root = out_dir if satker_dir is None or out_dir is None else satker_dir
    rows = []
    for r in tabel.itertuples(index=False):
        h = results.get(r.kode_satker)
        ok = h is not None and h.status == "berhasil"
        if ok and root is not None:
            ada_pdf = (root / str(r.kode_satker) / "laporan.pdf").is_file()
        rows.append({
            "kode": r.kode_satker, "nama": r.nama_satker, "jenis": r.jenis_satker,
            "status": r.status if ok else Outcome.NOT_MADE,
            "kelas": css_class(r.status if ok else Outcome.NOT_MADE),
            "spkp": format_persen(getattr(r, "SPKP_persen", np.nan)), "spak": format_persen(getattr(r, "SPAK_persen", np.nan)),
            "html": f"{satker_prefix}{r.kode_satker}/laporan.html" if ok else None,
            "pdf": f"{satker_prefix}{r.kode_satker}/laporan.pdf" if ok and ada_pdf else None,
            **_satker_files(root, str(r.kode_satker), ok, satker_prefix),
            "pesan": None if ok else (h.pesan if h else "tidak dijalankan"),
            "catatan": notes.get(r.kode_satker),
        })
    rekap_pdf = ada_pdf if out_dir is None else (out_dir / "rekap.pdf").is_file()
    return fragment("halaman_indeks", rows=rows, kanwil=kanwil, periode=periode_label,
                    tanggal_data=format_tanggal(tanggal_data), ada_rekap=ada_rekap, ada_pdf=rekap_pdf, jalan=runs,
                    berkas_kanwil=_period_files(out_dir),
                    berkas="indeks.html.j2")
