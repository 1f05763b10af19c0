"""The batch writes a cover letter per satker when kanwil.toml is there; `kirim` delivers them once over SMTP."""

from __future__ import annotations

import email
import json
import shutil
import socket
from email import policy
from pathlib import Path

import pypdf
import pytest
from aiosmtpd.controller import Controller
from test_trust import PERIODE, _keep_satker, _read_csv, _write_csv, cli, compose, laporan_args

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ARG002
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("surat")
    data = compose("_dasar", root / "data")
    _keep_satker(data, {"KWNTT", "LPKUPANG", "KIMKUPANG"})
    rows = _read_csv(data / "satker.csv")
    rows[0].append("email_pimpinan")
    for r in rows[1:]:
        r.append("" if r[0] == "KIMKUPANG" else f"kepala.{r[0].lower()}@kemenkumham.example")
    _write_csv(data / "satker.csv", rows)
    shutil.copy(ROOT / "data" / "raw" / "kanwil.toml", data)
    shutil.copy(ROOT / "data" / "raw" / "logo_kanwil.svg", data)
    out = root / "keluaran"
    h = cli(*laporan_args(data, out, "--semua", "--tanpa-pdf", "--pekerja", "1", "--tanggal-rapat", "2024-09-19"))
    return h, out / PERIODE


def test_batch_writes_letters_lists_and_links_them(batch):
    h, period = batch
    assert h.kode == 0, h.semua[-3000:]
    manifest = json.loads((period / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["surat"] == {"berkas": ["KIMKUPANG/surat_pengantar.pdf", "KWNTT/surat_pengantar.pdf",
                                            "LPKUPANG/surat_pengantar.pdf"]}
    text = "".join(p.extract_text() for p in pypdf.PdfReader(period / "LPKUPANG" / "surat_pengantar.pdf").pages)
    assert "Kupang, 19 September 2024" in text and "Yth. Kepala Lapas Kelas IIA Kupang" in text
    index = (period / "index.html").read_text(encoding="utf-8")
    for link in ("LPKUPANG/surat_pengantar.pdf", "rekap.xlsx", "paparan.pptx"):
        assert f'href="{link}"' in index


def test_kirim_smtp_delivers_once(batch):
    _h, period = batch
    handler = Recorder()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ctl = Controller(handler, hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        first = cli("kirim", "--keluaran", period, "--smtp", f"127.0.0.1:{port}")
        second = cli("kirim", "--keluaran", period, "--smtp", f"127.0.0.1:{port}")
    finally:
        ctl.stop()
    assert first.kode == 0 and second.kode == 0, first.semua + second.semua
    assert sorted(to for to, _ in handler.messages) == [["kepala.kwntt@kemenkumham.example"],
                                                        ["kepala.lpkupang@kemenkumham.example"]]
    assert "Tanpa alamat email_pimpinan di registri (tidak dikirimi): KIMKUPANG." in first.stdout
    assert "0 surel terkirim; 2 dilewati; 0 gagal." in second.stdout
    msg = email.message_from_bytes(handler.messages[0][1], policy=policy.default)
    names = [p.get_filename() for p in msg.iter_attachments()]
    assert names == ["surat_pengantar.pdf", "laporan.xlsx"]  # --tanpa-pdf: no report PDF to attach
    code = msg["Message-ID"].split(".")[1].split("@")[0].upper()
    assert next(msg.iter_attachments()).get_content() == (period / code / "surat_pengantar.pdf").read_bytes()
