"""`spakanalysis kirim` against a real SMTP server on localhost (aiosmtpd), and its .eml and dry-run modes."""

from __future__ import annotations

import email
import hashlib
import json
import socket
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from spakanalysis.cli import main
from spakanalysis.core.errors import InputError
from spakanalysis.pipeline.sending import SendError, SendOptions, parse_server, read_sent_log, send_letters

SATKER = {  # code: recipients (RBKUPANG has none)
    "LPKUPANG": ["kepala.lpkupang@kemenkumham.example", "tu.lpkupang@kemenkumham.example"],
    "RTSOE": ["kepala.rtsoe@kemenkumham.example"],
    "RBKUPANG": [],
}


class Recorder:
    """An SMTP handler that keeps every message and refuses the addresses in ``reject``."""

    def __init__(self, reject: tuple[str, ...] = ()) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.reject = set(reject)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ARG002
        if address in self.reject:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ARG002
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server():
    started = []

    def start(handler: Recorder, **kwargs) -> tuple[str, int]:
        ctl = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
        ctl.start()
        started.append(ctl)
        return ctl.hostname, ctl.port

    yield start
    for ctl in started:
        ctl.stop()


@pytest.fixture
def period(tmp_path) -> Path:
    """A period folder as a batch leaves it: manifest, recap, and per satker its letter, envelope, report."""
    folder = tmp_path / "keluaran" / "2024-Q3"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    (folder / "rekap.json").write_text("{}", encoding="utf-8")
    for i, (code, to) in enumerate(SATKER.items(), start=1):
        d = folder / code
        d.mkdir()
        envelope = {"kode_satker": code, "nama_satker": f"Satker {code}", "periode_label": "Triwulan III 2024",
                    "nomor": f"W23.PP.04.03-{i:03d}", "tanggal": "2024-09-19", "perihal": "Hasil Monitoring Triwulan III 2024",
                    "kepada": f"Kepala Satker {code}", "penerima": to, "pengirim": "p3ham@kemenkumham.example",
                    "kanwil": "Kanwil Uji", "penandatangan": "Kepala Divisi"}
        (d / "surat_pengantar.json").write_text(json.dumps(envelope), encoding="utf-8")
        (d / "surat_pengantar.pdf").write_bytes(b"%PDF-surat-" + code.encode())
        (d / "laporan.pdf").write_bytes(b"%PDF-laporan-" + code.encode())
    (folder / "LPKUPANG" / "laporan.xlsx").write_bytes(b"PK-xlsx-LPKUPANG")
    return folder


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def attachments(msg) -> dict[str, bytes]:
    return {p.get_filename(): p.get_content() for p in msg.iter_attachments()}


def test_smtp_delivers_once_then_nothing_then_ulang_resends(server, period):
    handler = Recorder()
    host, port = server(handler)
    said: list[str] = []
    assert send_letters(period, None, SendOptions(smtp=(host, port)), said.append) == 0
    assert sorted(to for _, to, _ in handler.messages) == [SATKER["LPKUPANG"], SATKER["RTSOE"]]
    assert any("Tanpa alamat email_pimpinan" in s and "RBKUPANG" in s for s in said)
    msg = parsed(next(raw for _, to, raw in handler.messages if to == SATKER["LPKUPANG"]))
    assert msg["Subject"] == "Hasil Monitoring Triwulan III 2024 — Satker LPKUPANG"
    assert msg["From"] == "p3ham@kemenkumham.example"
    assert attachments(msg) == {"surat_pengantar.pdf": b"%PDF-surat-LPKUPANG", "laporan.pdf": b"%PDF-laporan-LPKUPANG",
                                "laporan.xlsx": b"PK-xlsx-LPKUPANG"}
    assert "nomor W23.PP.04.03-001 tanggal 19 September 2024" in msg.get_body(("plain",)).get_content()
    assert attachments(parsed(next(raw for _, to, raw in handler.messages if to == SATKER["RTSOE"]))).keys() == {
        "surat_pengantar.pdf", "laporan.pdf"}

    log = {e["kode_satker"]: e for e in read_sent_log(period)}
    assert sorted(log) == ["LPKUPANG", "RTSOE"]
    assert log["LPKUPANG"]["penerima"] == SATKER["LPKUPANG"]
    assert log["LPKUPANG"]["message_id"] == msg["Message-ID"]
    assert log["LPKUPANG"]["berkas"]["surat_pengantar.pdf"] == hashlib.sha256(b"%PDF-surat-LPKUPANG").hexdigest()

    said.clear()
    assert send_letters(period, None, SendOptions(smtp=(host, port)), said.append) == 0
    assert len(handler.messages) == 2  # nothing new
    assert any("dilewati" in s and "LPKUPANG, RTSOE" in s for s in said)

    assert send_letters(period, ["RTSOE"], SendOptions(smtp=(host, port), ulang=True), said.append) == 0
    assert len(handler.messages) == 3 and handler.messages[-1][1] == SATKER["RTSOE"]
    assert len(read_sent_log(period)) == 3


def test_changed_letter_is_sent_again(server, period):
    handler = Recorder()
    host, port = server(handler)
    send_letters(period, None, SendOptions(smtp=(host, port)), print)
    (period / "RTSOE" / "surat_pengantar.pdf").write_bytes(b"%PDF-surat-baru")
    send_letters(period, None, SendOptions(smtp=(host, port)), print)
    assert [to for _, to, _ in handler.messages[2:]] == [SATKER["RTSOE"]]


def test_refused_recipient_others_still_delivered(server, period):
    handler = Recorder(reject=("kepala.rtsoe@kemenkumham.example", "tu.lpkupang@kemenkumham.example"))
    host, port = server(handler)
    said: list[str] = []
    assert send_letters(period, None, SendOptions(smtp=(host, port)), said.append) == 1
    assert [to for _, to, _ in handler.messages] == [["kepala.lpkupang@kemenkumham.example"]]
    assert [e["kode_satker"] for e in read_sent_log(period)] == ["LPKUPANG"]  # RTSOE: nothing went out
    assert read_sent_log(period)[0]["penerima"] == ["kepala.lpkupang@kemenkumham.example"]
    assert any(s.startswith("GAGAL RTSOE") for s in said)
    assert any(s.startswith("GAGAL LPKUPANG") and "tu.lpkupang@kemenkumham.example" in s for s in said)


def test_login_failure_and_missing_password(server, period, monkeypatch):
    def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ARG001
        return AuthResult(success=auth_data.password == b"benar", handled=False)

    handler = Recorder()
    host, port = server(handler, authenticator=authenticator, auth_require_tls=False)
    monkeypatch.delenv("SPAKANALYSIS_SMTP_SANDI", raising=False)
    with pytest.raises(SendError, match="SPAKANALYSIS_SMTP_SANDI"):
        send_letters(period, None, SendOptions(smtp=(host, port), pengguna="p3ham"), print)
    monkeypatch.setenv("SPAKANALYSIS_SMTP_SANDI", "salah")
    with pytest.raises(SendError, match="Login ke server SMTP .* gagal"):
        send_letters(period, None, SendOptions(smtp=(host, port), pengguna="p3ham"), print)
    monkeypatch.setenv("SPAKANALYSIS_SMTP_SANDI", "benar")
    assert send_letters(period, None, SendOptions(smtp=(host, port), pengguna="p3ham"), print) == 0
    assert len(handler.messages) == 2 and read_sent_log(period)


def test_connection_refused_is_clear(period):
    with pytest.raises(SendError, match="koneksi ditolak"):
        send_letters(period, None, SendOptions(smtp=("127.0.0.1", free_port())), print)
    assert read_sent_log(period) == []


def test_eml_default_reproducible_and_dry_run_writes_nothing(period):
    said: list[str] = []
    assert send_letters(period, ["RTSOE"], SendOptions(kering=True), said.append) == 0
    assert not (period / "kirim").exists()
    assert any("RTSOE: akan dikirim → kepala.rtsoe@kemenkumham.example" in s for s in said)

    assert send_letters(period, None, SendOptions(), print) == 0
    emls = sorted(p.name for p in (period / "kirim").iterdir())
    assert emls == ["LPKUPANG.eml", "RTSOE.eml"]  # no sent log: nothing was sent
    first = (period / "kirim" / "LPKUPANG.eml").read_bytes()
    msg = parsed(first)
    assert msg["To"] == ", ".join(SATKER["LPKUPANG"]) and msg["Date"] == "Thu, 19 Sep 2024 08:00:00 +0800"
    assert attachments(msg)["laporan.xlsx"] == b"PK-xlsx-LPKUPANG"
    send_letters(period, None, SendOptions(), print)
    assert (period / "kirim" / "LPKUPANG.eml").read_bytes() == first


def test_bad_folder_unknown_satker_and_server_text(tmp_path, period):
    with pytest.raises(InputError, match="bukan folder periode keluaran batch"):
        send_letters(tmp_path, None, SendOptions(), print)
    said: list[str] = []
    assert send_letters(period, ["TIDAKADA"], SendOptions(), said.append) == 1
    assert any(s.startswith("GAGAL TIDAKADA") and "surat pengantar tidak ada" in s for s in said)
    assert parse_server("smtp.kantor.example") == ("smtp.kantor.example", 587)
    assert parse_server("127.0.0.1:2525") == ("127.0.0.1", 2525)
    with pytest.raises(InputError, match="HOST:PORT"):
        parse_server("smtp:abc")


def test_cli_kirim_smtp(server, period, capsys):
    handler = Recorder()
    host, port = server(handler)
    with pytest.raises(SystemExit) as ex:
        main(["kirim", "--keluaran", str(period), "--smtp", f"{host}:{port}", "--pengirim", "monev@kemenkumham.example"])
    assert ex.value.code == 0
    assert {frm for frm, _, _ in handler.messages} == {"monev@kemenkumham.example"}
    assert "2 surel terkirim; 0 dilewati; 0 gagal." in capsys.readouterr().out
    with pytest.raises(SystemExit) as ex:
        main(["kirim", "--keluaran", str(period), "--smtp", f"127.0.0.1:{free_port()}", "--ulang"])
    assert ex.value.code == 1
    assert "koneksi ditolak" in capsys.readouterr().err


@pytest.fixture
def tls_cert(tmp_path):
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl tidak terpasang")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def test_starttls_used_when_offered(server, period, tls_cert, monkeypatch):
    import ssl

    cert, key = tls_cert
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Recorder()
    host, port = server(handler, tls_context=context, require_starttls=True)
    with pytest.raises(SendError, match="STARTTLS gagal"):  # an untrusted certificate: nothing goes out
        send_letters(period, None, SendOptions(smtp=(host, port)), print)
    assert handler.messages == [] and read_sent_log(period) == []
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted: the server refuses mail without STARTTLS
    assert send_letters(period, None, SendOptions(smtp=(host, port)), print) == 0
    assert len(handler.messages) == 2
