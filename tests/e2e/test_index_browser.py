"""The batch's ``index.html`` and every linked ``laporan.html`` in a real browser (headless Chromium).

Renders ``spakanalysis laporan --semua --tanpa-pdf`` on ``tests/data/mini`` (tanggal data
2024-08-20, figures hand-computed in ``tests/test_report_pipeline.py``), then loads the
pages with Debian's ``/usr/bin/chromium``: a screenshot of each page must be a PNG of the
window size that is not blank, and the DOM of the index must list every satker with its
status. ``.ci/run`` installs Chromium; without it the browser tests are skipped.
"""

from __future__ import annotations

import os
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from _bahan import chromium_path
from _perintah import spakanalysis_cmd

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
LEBAR, TINGGI = 1280, 2000

# Status of the current month (August) at tanggal data 2024-08-20, and the index order
# (lowest attainment first: RBKUPANG 0 %, LPKUPANG 11.1 %, KWNTT min(68, 64) = 64 %).
STATUS = {"RBKUPANG": "Kritis", "LPKUPANG": "Kritis", "KWNTT": "Sesuai target"}
NAMA = {"KWNTT": "Kantor Wilayah Uji Mini NTT", "LPKUPANG": "Lapas Uji Mini Kupang", "RBKUPANG": "Rupbasan Uji Mini Kupang"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """``laporan --semua --tanpa-pdf`` once for the module; returns the period folder."""
    work = tmp_path_factory.mktemp("batch")
    env = dict(os.environ, SPAKANALYSIS_CACHE=str(work / "cache"))
    env.pop("SPAKANALYSIS_DEBUG", None)
    out = work / "reports"
    proc = subprocess.run(
        [*spakanalysis_cmd(), "laporan", "--semua", "--tanpa-pdf", "--periode", "2024-Q3", "--tanggal-data", "2024-08-20",
         "--pekerja", "2", "--data", str(MINI), "--keluaran", str(out)],
        cwd=work, env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    folder = out / "2024-Q3"
    assert (folder / "index.html").is_file()
    return folder


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    exe = chromium_path()
    if exe is None:
        pytest.skip("Chromium tidak terpasang (/usr/bin/chromium; Debian: apt-get install chromium); .ci/run memasangnya")
    profile = tmp_path_factory.mktemp("chromium-profil")

    def run(url: str, *extra: str) -> subprocess.CompletedProcess:
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", *extra, url]
        return subprocess.run(args, capture_output=True, timeout=180)

    return run


class _IndexRows(HTMLParser):
    """Rows of the index table: cell texts, status-badge text and link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.links: list[str] = []
        self._row: dict | None = None
        self._cell: list[str] | None = None
        self._in_status = False
        self._in_tbody = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tbody":
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody:
            self._row = {"cells": [], "status": "", "links": []}
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif tag == "span" and "status" in (a.get("class") or "").split():
            self._in_status = True
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if self._row is not None:
                self._row["links"].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_tbody = False
        elif tag == "td" and self._row is not None and self._cell is not None:
            self._row["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "span":
            self._in_status = False
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_status and self._row is not None:
            self._row["status"] += data.strip()


def _parse_index(html: str) -> _IndexRows:
    p = _IndexRows()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def index_dom(batch, chromium):
    proc = chromium((batch / "index.html").as_uri(), "--dump-dom")
    dom = proc.stdout.decode("utf-8", "replace")
    assert proc.returncode == 0 and "<table" in dom, proc.stderr.decode("utf-8", "replace")[-2000:]
    return dom


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    assert head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def _not_blank(path: Path) -> None:
    """More than 1 % of the pixels differ from the page background (the most common colour)."""
    try:
        from PIL import Image
    except ImportError:  # file-size heuristic: a blank 1280x2000 PNG is a few kB
        assert path.stat().st_size > 20_000, f"{path.name} looks blank ({path.stat().st_size} bytes)"
        return
    with Image.open(path) as im:
        im = im.convert("RGB")
        small = im.resize((LEBAR // 4, TINGGI // 4))
        colours = small.getcolors(maxcolors=small.width * small.height)
    total = small.width * small.height
    background = max(colours)[1]
    differing = sum(n for n, c in colours if max(abs(a - b) for a, b in zip(c, background)) > 16)
    assert differing / total > 0.01, f"{path.name}: only {differing / total:.2%} of the pixels differ from the background"


# --------------------------------------------------------------------------- tests


def test_index_dom_lists_every_satker_with_status(index_dom):
    p = _parse_index(index_dom)
    by_code = {r["cells"][0]: r for r in p.rows if r["cells"]}
    assert set(by_code) == set(STATUS), [r["cells"] for r in p.rows]
    assert [r["cells"][0] for r in p.rows] == list(STATUS), "index must list the lowest attainment first"
    for kode, status in STATUS.items():
        row = by_code[kode]
        assert row["cells"][1] == NAMA[kode]
        assert row["status"] == status, (kode, row)
        assert f"{kode}/laporan.html" in row["links"]
    assert "rekap.html" in p.links


@pytest.mark.parametrize("halaman", ["index", *STATUS])
def test_screenshot_not_blank(batch, chromium, index_dom, tmp_path, halaman):
    if halaman == "index":
        page = batch / "index.html"
    else:
        link = f"{halaman}/laporan.html"
        assert link in _parse_index(index_dom).links, f"{link} is not linked from index.html"
        page = batch / link
    assert page.is_file(), page
    png = tmp_path / f"{halaman}.png"
    proc = chromium(page.as_uri(), f"--screenshot={png}", f"--window-size={LEBAR},{TINGGI}", "--hide-scrollbars")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    assert png.is_file() and png.stat().st_size > 0
    assert _png_size(png) == (LEBAR, TINGGI)
    _not_blank(png)


def test_index_links_resolve(batch):
    """With --tanpa-pdf the index must not link laporan.pdf / rekap.pdf (regression, fixed in 24bcd23)."""
    p = _parse_index((batch / "index.html").read_text(encoding="utf-8"))
    broken = [h for h in p.links if "://" not in h and not (batch / h).is_file()]
    assert not broken, f"index.html links to missing files: {broken}"
