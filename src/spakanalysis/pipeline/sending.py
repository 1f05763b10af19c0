"""``spakanalysis kirim``: each satker's letter and report to its leadership, as ``.eml`` files or over SMTP.

Without a server one ``<periode>/kirim/<kode>.eml`` per satker is written (to check, or to send
from one's own mail client). With ``smtp`` the messages go out over one connection (STARTTLS when
the server offers it; login when a user is given, the password only from
``SPAKANALYSIS_SMTP_SANDI``). Every message delivered is recorded in ``<periode>/kirim/terkirim.json``
(satker, recipients, Message-ID, SHA-256 of each attachment, time): a satker whose entry matches
the files now in the folder is not sent again unless ``ulang``. One satker failing does not stop
the others; the run then ends with exit code 1.
"""

from __future__ import annotations

import json
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spakanalysis.core import settings
from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.errors import InputError
from spakanalysis.core.paths import safe_child
from spakanalysis.pipeline.mail_messages import Outgoing, build_message, file_hashes, outgoing_for

__all__ = ["SendError", "SendOptions", "send_letters", "read_sent_log", "parse_server", "KIRIM_DIR", "SENT_LOG"]

KIRIM_DIR, SENT_LOG = "kirim", "terkirim.json"


class SendError(InputError):
    """The server cannot be used at all (refused, unknown host, login failed): nothing was sent."""


@dataclass(frozen=True)
class SendOptions:
    """How to send: ``smtp`` = ``(host, port)`` or ``None`` (``.eml`` files)."""

    smtp: tuple[str, int] | None = None
    pengguna: str | None = None
    pengirim: str | None = None
    ulang: bool = False
    kering: bool = False
    timeout: float = 30.0


@dataclass
class _Tally:
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def parse_server(text: str) -> tuple[str, int]:
    """``"smtp.example.go.id:587"`` → ``("smtp.example.go.id", 587)``; without a port, 587 (submission)."""
    host, sep, port = text.strip().rpartition(":") if ":" in text else (text.strip(), "", "587")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(f'--smtp "{text}" tidak valid: diharapkan HOST atau HOST:PORT, mis. smtp.kantor.go.id:587.')
    return host, int(port)


def _check_folder(period_dir: Path) -> None:
    if not (Path(period_dir) / "manifest.json").is_file():
        raise InputError(f"Folder {period_dir} bukan folder periode keluaran batch (manifest.json tidak ada). "
                         "Berikan folder periode, mis. --keluaran keluaran/2024-Q3.")


def _codes(period_dir: Path, requested: list[str] | None) -> list[str]:
    if requested:
        return list(dict.fromkeys(requested))
    return sorted(p.parent.name for p in Path(period_dir).glob("*/surat_pengantar.json"))


def read_sent_log(period_dir: Path) -> list[dict[str, Any]]:
    """The entries of ``kirim/terkirim.json`` (empty when nothing was sent yet)."""
    path = Path(period_dir) / KIRIM_DIR / SENT_LOG
    return json.loads(path.read_text(encoding="utf-8"))["terkirim"] if path.is_file() else []


def _already_sent(log: list[dict[str, Any]], out: Outgoing) -> bool:
    hashes = file_hashes(out)
    return any(e["kode_satker"] == out.kode_satker and e["berkas"] == hashes for e in log)


def _reason(exc: BaseException) -> str:
    """A connection failure in Indonesian (the system's own text in brackets)."""
    if isinstance(exc, ConnectionRefusedError):
        return "koneksi ditolak (tidak ada server SMTP di port itu)"
    if isinstance(exc, socket.gaierror):
        return f"nama server tidak dikenal ({exc})"
    if isinstance(exc, TimeoutError):
        return "waktu tunggu habis, server tidak menjawab"
    if isinstance(exc, ssl.SSLError):
        return f"STARTTLS gagal ({exc})"
    return f"{type(exc).__name__}: {exc}"


def _connect(opts: SendOptions) -> smtplib.SMTP:
    host, port = opts.smtp
    try:
        smtp = smtplib.SMTP(host, port, timeout=opts.timeout)
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
    except (OSError, smtplib.SMTPException) as exc:
        raise SendError(f"Tidak dapat terhubung ke server SMTP {host}:{port}: {_reason(exc)}. Periksa nama server, "
                        "port dan jaringan.") from exc
    if opts.pengguna:
        password = settings.smtp_password()
        if password is None:
            smtp.close()
            raise SendError("Sandi SMTP belum diberikan: isi variabel lingkungan SPAKANALYSIS_SMTP_SANDI "
                            "(sandi tidak pernah diberikan lewat baris perintah).")
        try:
            smtp.login(opts.pengguna, password)
        except smtplib.SMTPException as exc:
            smtp.close()
            raise SendError(f"Login ke server SMTP {host}:{port} sebagai {opts.pengguna} gagal: periksa nama "
                            f"pengguna dan SPAKANALYSIS_SMTP_SANDI ({exc}).") from exc
    return smtp


def _deliver(smtp: smtplib.SMTP, out: Outgoing, sender: str) -> tuple[dict[str, Any], list[str]]:
    """Send one message; its log entry and the recipients the server refused (raises when it refused all)."""
    now = datetime.now(UTC).replace(microsecond=0)
    msg = build_message(out, sender, waktu=now)
    refused = smtp.send_message(msg, from_addr=sender, to_addrs=out.penerima)
    accepted = [a for a in out.penerima if a not in refused]
    entry = {"kode_satker": out.kode_satker, "penerima": accepted, "message_id": msg["Message-ID"],
             "berkas": file_hashes(out), "waktu": now.isoformat()}
    return entry, sorted(refused)


def _write_log(period_dir: Path, log: list[dict[str, Any]]) -> None:
    doc = {"terkirim": sorted(log, key=lambda e: (e["kode_satker"], e["waktu"]))}
    write_atomic(safe_child(period_dir, KIRIM_DIR, SENT_LOG), json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _sender(opts: SendOptions, outs: Iterable[Outgoing]) -> str:
    sender = opts.pengirim or next((o.amplop.get("pengirim") for o in outs if o.amplop.get("pengirim")), None)
    if not sender:
        raise InputError("Alamat pengirim tidak ada: berikan --pengirim atau isi pengirim_email di kanwil.toml.")
    return sender


def _plan(period_dir: Path, codes: list[str], echo) -> tuple[list[Outgoing], dict[str, str]]:
    outs, failed = [], {}
    for code in codes:
        try:
            outs.append(outgoing_for(period_dir, code))
        except InputError as exc:
            failed[code] = str(exc)
    missing = [o.kode_satker for o in outs if not o.penerima]
    if missing:
        echo(f"Tanpa alamat email_pimpinan di registri (tidak dikirimi): {', '.join(missing)}.")
    return [o for o in outs if o.penerima], failed


def _send_smtp(period_dir: Path, outs: list[Outgoing], opts: SendOptions, sender: str, tally: _Tally, echo) -> None:
    log = read_sent_log(period_dir)
    todo = [o for o in outs if opts.ulang or not _already_sent(log, o)]
    tally.skipped = [o.kode_satker for o in outs if o not in todo]
    if not todo:
        return
    smtp = _connect(opts)
    try:
        for out in todo:
            try:
                entry, refused = _deliver(smtp, out, sender)
            except (smtplib.SMTPException, OSError) as exc:
                tally.failed[out.kode_satker] = f"gagal dikirim ({exc})"
                if isinstance(exc, smtplib.SMTPServerDisconnected) or not isinstance(exc, smtplib.SMTPException):
                    smtp = _connect(opts)  # the connection is gone: the next satkers get a new one
                continue
            log.append(entry)
            _write_log(period_dir, log)  # after each message: a crash never forgets what went out
            tally.sent.append(out.kode_satker)
            echo(f"{out.kode_satker}: terkirim ke {', '.join(entry['penerima'])}.")
            if refused:
                tally.failed[out.kode_satker] = f"alamat ditolak server: {', '.join(refused)}"
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _write_eml(period_dir: Path, outs: list[Outgoing], sender: str, tally: _Tally, echo) -> None:
    for out in outs:
        path = write_atomic(safe_child(period_dir, KIRIM_DIR, f"{out.kode_satker}.eml"),
                            build_message(out, sender).as_bytes())
        tally.sent.append(out.kode_satker)
        echo(f"{out.kode_satker}: {path.name} untuk {', '.join(out.penerima)}.")


def _dry_run(period_dir: Path, outs: list[Outgoing], opts: SendOptions, echo) -> None:
    log = read_sent_log(period_dir) if opts.smtp else []
    for out in outs:
        done = opts.smtp is not None and not opts.ulang and _already_sent(log, out)
        echo(f"{out.kode_satker}: {'sudah terkirim, dilewati' if done else 'akan dikirim'} → {', '.join(out.penerima)}; "
             f"lampiran: {', '.join(out.berkas)}")


def send_letters(period_dir: Path, kode_satker: list[str] | None, opts: SendOptions,
                 echo: Callable[[str], None] = print) -> int:
    """Send (or write as ``.eml``, or with ``kering`` only list) each satker's mail; the exit code (0 or 1).

    Raises :class:`InputError` when the folder is not a batch's period folder or no sender is known,
    :class:`SendError` when the server cannot be reached or the login fails.
    """
    period_dir = Path(period_dir)
    _check_folder(period_dir)
    outs, failed = _plan(period_dir, _codes(period_dir, kode_satker), echo)
    tally = _Tally(failed=failed)
    if opts.kering:
        _dry_run(period_dir, outs, opts, echo)
        echo("Mode kering: tidak ada surel yang dikirim atau ditulis.")
        return 1 if failed else 0
    sender = _sender(opts, outs) if outs else ""
    if opts.smtp:
        _send_smtp(period_dir, outs, opts, sender, tally, echo)
    else:
        _write_eml(period_dir, outs, sender, tally, echo)
    for code, why in tally.failed.items():
        echo(f"GAGAL {code}: {why}")
    if tally.skipped:
        echo(f"Sudah terkirim sebelumnya, dilewati (pakai --ulang untuk mengirim lagi): {', '.join(tally.skipped)}.")
    where = "terkirim" if opts.smtp else f"ditulis ke {period_dir / KIRIM_DIR}"
    echo(f"{len(tally.sent)} surel {where}; {len(tally.skipped)} dilewati; {len(tally.failed)} gagal.")
    return 1 if tally.failed else 0
