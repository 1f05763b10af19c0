"""The e-mail of one satker's letter: recipients, Indonesian subject and body, the PDFs (and workbook) attached.

Built from the batch's output only: ``<kode>/surat_pengantar.json`` (the envelope written with the
letter), ``surat_pengantar.pdf``, ``laporan.pdf`` and ``laporan.xlsx`` when present. Without a send
time (an ``.eml`` to check) the message is byte-for-byte reproducible: its ``Date`` is the letter's
date, its ``Message-ID`` and MIME boundary are derived from its content.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from spakanalysis.core.errors import InputError
from spakanalysis.core.formatting import format_tanggal
from spakanalysis.core.paths import safe_child
from spakanalysis.data.emails import valid_email

__all__ = ["Outgoing", "ATTACHMENTS", "outgoing_for", "build_message", "file_hashes"]

#: the files attached, in this order, when present (the letter must be)
ATTACHMENTS = (("surat_pengantar.pdf", "application", "pdf"), ("laporan.pdf", "application", "pdf"),
               ("laporan.xlsx", "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
_WITA = timezone(timedelta(hours=8), "WITA")


@dataclass(frozen=True)
class Outgoing:
    """One satker's mail before it is built: its envelope and the files to attach (name → path)."""

    kode_satker: str
    amplop: dict[str, Any]
    berkas: dict[str, Path]

    @property
    def penerima(self) -> list[str]:
        return list(self.amplop.get("penerima") or [])


def file_hashes(out: Outgoing) -> dict[str, str]:
    """SHA-256 of every attachment, by file name (what the sent log records)."""
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in out.berkas.items()}


def outgoing_for(period_dir: Path, code: str) -> Outgoing:
    """The satker's mail as the batch left it in ``period_dir`` (raises :class:`InputError` when its letter is missing)."""
    folder = safe_child(period_dir, code)
    envelope = folder / "surat_pengantar.json"
    if not envelope.is_file() or not (folder / "surat_pengantar.pdf").is_file():
        raise InputError(f"Satker {code}: surat pengantar tidak ada di {folder} (surat_pengantar.pdf/.json). "
                         "Buat dulu dengan `spakanalysis laporan` dan kanwil.toml di folder data.")
    files = {name: folder / name for name, _, _ in ATTACHMENTS if (folder / name).is_file()}
    return Outgoing(code, json.loads(envelope.read_text(encoding="utf-8")), files)


def _body(env: dict[str, Any], names: list[str]) -> str:
    tanggal = format_tanggal(datetime.fromisoformat(env["tanggal"]), "d MMMM y")
    listed = "\n".join(f"  - {n}" for n in names)
    return (f"Yth. {env['kepada']},\n\n"
            f"Bersama surel ini kami sampaikan surat pengantar nomor {env['nomor']} tanggal {tanggal} "
            f"perihal {env['perihal']}, beserta laporan monitoring Survei SPKP dan SPAK {env.get('periode_label', '')} "
            f"{env.get('nama_satker', '')}.\n\nLampiran:\n{listed}\n\n"
            "Mohon hasil ini ditindaklanjuti sebagaimana diminta dalam surat. Atas perhatian Saudara, "
            f"kami ucapkan terima kasih.\n\nHormat kami,\n{env.get('penandatangan', '')}\n{env.get('kanwil', '')}\n\n"
            "Surel ini dibuat oleh spakanalysis; tidak memuat data pribadi responden.\n")


def build_message(out: Outgoing, pengirim: str, *, waktu: datetime | None = None) -> EmailMessage:
    """The message: From ``pengirim``, To the satker's leadership, Indonesian subject and body, the files attached.

    ``waktu`` is the send time (``Date`` header and part of the ``Message-ID``); without it the letter's
    date at 08:00 WITA is used, so the same batch output gives the same bytes.
    """
    if not valid_email(pengirim):
        raise InputError(f'Alamat pengirim "{pengirim}" bukan alamat e-mail yang sah (diharapkan nama@domain).')
    env = out.amplop
    when = waktu or datetime.combine(datetime.fromisoformat(env["tanggal"]).date(), time(8), _WITA)
    hashes = file_hashes(out)
    seed = json.dumps([out.kode_satker, out.penerima, hashes, when.astimezone(UTC).isoformat()], sort_keys=True)
    digest = hashlib.sha256(seed.encode()).hexdigest()
    msg = EmailMessage()
    msg["From"] = pengirim
    msg["To"] = ", ".join(out.penerima)
    msg["Subject"] = f"{env['perihal']} — {env.get('nama_satker', out.kode_satker)}"
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{digest[:32]}.{out.kode_satker.lower()}@{pengirim.rsplit('@', 1)[1]}>"
    msg.set_content(_body(env, list(out.berkas)))
    types = {name: (main, sub) for name, main, sub in ATTACHMENTS}
    for name, path in out.berkas.items():
        main, sub = types[name]
        msg.add_attachment(path.read_bytes(), maintype=main, subtype=sub, filename=name)
    msg.set_boundary(f"=_spakanalysis_{digest[32:56]}")
    return msg
