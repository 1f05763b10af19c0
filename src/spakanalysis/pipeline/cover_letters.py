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

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spakanalysis.core.atomic import write_outputs_atomic
from spakanalysis.core.paths import safe_child
from spakanalysis.data.kanwil_config import KANWIL_TOML, KanwilConfig, letter_number, read_kanwil_config
from spakanalysis.pipeline.runner import SUCCEEDED
from spakanalysis.present.cover_letter import LetterHeader, cover_letter_html

__all__ = ["SURAT_PDF", "SURAT_JSON", "LetterRun", "letter_date", "write_cover_letters", "letter_files", "batch_letters"]

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


def _one_letter(period_dir: Path, ringkasan: dict[str, Any], kanwil: KanwilConfig, reg: dict[str, Any],
                tanggal: date) -> dict[Path, bytes | str]:
    from spakanalysis.pipeline.render import html_to_pdf

    header = LetterHeader(nomor=letter_number(kanwil.pola_nomor, reg["nomor"]), tanggal=tanggal,
                          perihal=kanwil.perihal.format(periode=ringkasan.get("periode_label", "")),
                          kepada=f"Kepala {ringkasan['nama_satker']}", kota_satker=reg["kota"])
    folder = safe_child(period_dir, ringkasan["kode_satker"])
    return {safe_child(folder, SURAT_PDF): html_to_pdf(cover_letter_html(ringkasan, kanwil, header)),
            safe_child(folder, SURAT_JSON): _envelope(ringkasan, header, reg, kanwil)}


def write_cover_letters(period_dir: Path, data: Path, *, tanggal: date, kode_satker: Iterable[str]) -> LetterRun:
    """Write the letter (PDF) and its envelope (JSON) of each satker in ``kode_satker`` that has a ``ringkasan.json``.

    Raises :class:`~spakanalysis.core.errors.DataError` when ``kanwil.toml`` is present but invalid.
    """
    kanwil = read_kanwil_config(data)
    if kanwil is None:
        return LetterRun(catatan=f"Surat pengantar tidak dibuat: {KANWIL_TOML} tidak ada di folder data {data} "
                                 "(lihat data/raw/README.md).")
    registry = _registry_rows(data)
    files: dict[Path, bytes | str] = {}
    for code in kode_satker:
        path = Path(period_dir) / code / "ringkasan.json"
        if path.is_file() and code in registry:
            ringkasan = json.loads(path.read_text(encoding="utf-8"))
            files.update(_one_letter(Path(period_dir), ringkasan, kanwil, registry[code], tanggal))
    written = write_outputs_atomic(files)
    return LetterRun(berkas=[p for p in written if p.name == SURAT_PDF])


def letter_files(period_dir: Path) -> list[str]:
    """Every letter in the period folder, as ``<kode>/surat_pengantar.pdf``, sorted (for the manifest)."""
    return sorted(f"{p.parent.name}/{p.name}" for p in Path(period_dir).glob(f"*/{SURAT_PDF}"))


def batch_letters(period_dir: Path, data: Path, parameter: dict[str, Any], results: Iterable, echo) -> dict[str, Any]:
    """The batch's letters for every satker made (``results`` with status ``berhasil``); the manifest's ``surat``.

    Without ``kanwil.toml`` nothing is written and ``echo`` says so once.
    """
    made = [h.kode_satker for h in results if h.status == SUCCEEDED]
    run = write_cover_letters(period_dir, data, tanggal=letter_date(parameter), kode_satker=made)
    if run.catatan:
        echo(run.catatan)
    return {"berkas": letter_files(period_dir), **({"catatan": run.catatan} if run.catatan else {})}
