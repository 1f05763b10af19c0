"""The batch's cover letters: ``<periode>/<kode>/surat_pengantar.pdf`` and its envelope ``surat_pengantar.json``.

A letter is made for every satker whose ``ringkasan.json`` is in the period folder, when the data
folder holds a ``kanwil.toml`` (without it: no letters, and one notice). Its number follows
``pola_nomor`` with ``{nomor}`` = the satker's 1-based position in the registry; its date is the
meeting date (``tanggal_rapat``), else the data date. The envelope records what
``spakanalysis kirim`` needs (number, subject, recipients from the registry's ``email_pimpinan``,
sender), so sending reads only the output folder. Files are written atomically; the same inputs
give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spakanalysis.core.atomic import write_outputs_atomic
from spakanalysis.core.paths import safe_child
from spakanalysis.data.kanwil_config import KANWIL_TOML, KanwilConfig, letter_number, read_kanwil_config
from spakanalysis.pipeline.runner import SUCCEEDED
from spakanalysis.present.cover_letter import LetterHeader, cover_letter_html

__all__ = ["SURAT_PDF", "SURAT_JSON", "LetterRun", "letter_date", "write_cover_letters", "letter_files", "batch_letters",
           "letter_htmls", "pdf_key"]

SURAT_PDF, SURAT_JSON = "surat_pengantar.pdf", "surat_pengantar.json"


@dataclass
class LetterRun:
    """What :func:`write_cover_letters` did: the files written and, when none could be, why."""

    berkas: list[Path] = field(default_factory=list)
    catatan: str | None = None


def letter_date(parameter: dict[str, Any]) -> date:
    """The letter's date: the meeting date when given, else the data date (both ISO text or dates)."""
    value = parameter.get("tanggal_rapat") or parameter["tanggal_data"]
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _registry_rows(data: Path) -> dict[str, dict[str, Any]]:
    """Per satker code: its 1-based registry position, its city and its leadership addresses."""
    from spakanalysis.data.cache import load_dataset_cached

    reg = load_dataset_cached(data).satker
    out = {}
    for i, row in enumerate(reg.itertuples(index=False), start=1):
        emails = row.email_pimpinan if isinstance(row.email_pimpinan, str) else ""
        out[row.kode_satker] = {"nomor": i, "kota": row.kota if isinstance(row.kota, str) else None,
                                "penerima": [e for e in emails.split("; ") if e]}
    return out


def _envelope(ringkasan: dict[str, Any], header: LetterHeader, reg: dict[str, Any], kanwil: KanwilConfig) -> str:
    doc = {"kode_satker": ringkasan["kode_satker"], "nama_satker": ringkasan.get("nama_satker"),
           "periode": ringkasan.get("periode"), "periode_label": ringkasan.get("periode_label"),
           "nomor": header.nomor, "tanggal": header.tanggal.isoformat(), "perihal": header.perihal,
           "kepada": header.kepada, "penerima": reg["penerima"], "pengirim": kanwil.pengirim_email,
           "kanwil": kanwil.nama_kanwil, "penandatangan": kanwil.jabatan_penandatangan}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _header(ringkasan: dict[str, Any], kanwil: KanwilConfig, reg: dict[str, Any], tanggal: date) -> LetterHeader:
    return LetterHeader(nomor=letter_number(kanwil.pola_nomor, reg["nomor"]), tanggal=tanggal,
                        perihal=kanwil.perihal.format(periode=ringkasan.get("periode_label", "")),
                        kepada=f"Kepala {ringkasan['nama_satker']}", kota_satker=reg["kota"])


def _summaries(period_dir: Path, registry: dict[str, Any], kode_satker: Iterable[str]):
    """(code, ringkasan) of each satker in ``kode_satker`` with a ``ringkasan.json`` and a registry row."""
    for code in kode_satker:
        path = Path(period_dir) / code / "ringkasan.json"
        if path.is_file() and code in registry:
            yield code, json.loads(path.read_text(encoding="utf-8"))


def pdf_key(html: str) -> str:
    """What a letter's PDF is made from: the SHA-256 of its HTML (see :mod:`spakanalysis.pipeline.precompute`)."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def _pdf_here(key: str, html: str) -> bytes:  # noqa: ARG001 - the key is for PDFs made ahead
    from spakanalysis.pipeline.render import html_to_pdf

    return html_to_pdf(html)


def letter_htmls(period_dir: Path, data: Path, parameter: dict[str, Any], kode_satker: Iterable[str]) -> list[str]:
    """The HTML of each letter :func:`batch_letters` would write for ``kode_satker`` (none without ``kanwil.toml``)."""
    kanwil = read_kanwil_config(data)
    if kanwil is None:
        return []
    registry, tanggal = _registry_rows(data), letter_date(parameter)
    return [cover_letter_html(r, kanwil, _header(r, kanwil, registry[code], tanggal))
            for code, r in _summaries(period_dir, registry, kode_satker)]


def write_cover_letters(period_dir: Path, data: Path, *, tanggal: date, kode_satker: Iterable[str],
                        pdf_of: Callable[[str, str], bytes] = _pdf_here) -> LetterRun:
    """Write the letter (PDF) and its envelope (JSON) of each satker in ``kode_satker`` that has a ``ringkasan.json``.

    ``pdf_of(pdf_key(html), html)`` makes a letter's PDF (default: WeasyPrint here; a batch takes
    the PDFs its workers made ahead). Raises :class:`~spakanalysis.core.errors.DataError` when
    ``kanwil.toml`` is present but invalid.
    """
    kanwil = read_kanwil_config(data)
    if kanwil is None:
        return LetterRun(catatan=f"Surat pengantar tidak dibuat: {KANWIL_TOML} tidak ada di folder data {data} "
                                 "(lihat data/raw/README.md).")
    registry = _registry_rows(data)
    files: dict[Path, bytes | str] = {}
    for code, ringkasan in _summaries(Path(period_dir), registry, kode_satker):
        header = _header(ringkasan, kanwil, registry[code], tanggal)
        html = cover_letter_html(ringkasan, kanwil, header)
        folder = safe_child(Path(period_dir), code)
        files[safe_child(folder, SURAT_PDF)] = pdf_of(pdf_key(html), html)
        files[safe_child(folder, SURAT_JSON)] = _envelope(ringkasan, header, registry[code], kanwil)
    written = write_outputs_atomic(files)
    return LetterRun(berkas=[p for p in written if p.name == SURAT_PDF])


def letter_files(period_dir: Path) -> list[str]:
    """Every letter in the period folder, as ``<kode>/surat_pengantar.pdf``, sorted (for the manifest)."""
    return sorted(f"{p.parent.name}/{p.name}" for p in Path(period_dir).glob(f"*/{SURAT_PDF}"))


def batch_letters(period_dir: Path, data: Path, parameter: dict[str, Any], results: Iterable, echo,
                  pdf_of: Callable[[str, str], bytes] = _pdf_here) -> dict[str, Any]:
    """The batch's letters for every satker made (``results`` with status ``berhasil``); the manifest's ``surat``.

    Without ``kanwil.toml`` nothing is written and ``echo`` says so once. ``pdf_of``: see
    :func:`write_cover_letters`.
    """
    made = [h.kode_satker for h in results if h.status == SUCCEEDED]
    run = write_cover_letters(period_dir, data, tanggal=letter_date(parameter), kode_satker=made, pdf_of=pdf_of)
    if run.catatan:
        echo(run.catatan)
    return {"berkas": letter_files(period_dir), **({"catatan": run.catatan} if run.catatan else {})}
