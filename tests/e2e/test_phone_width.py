"""Every HTML output fits a 390 px phone and a desktop window without sideways page scroll (headless Chromium).

Renders ``laporan --semua --tanpa-pdf`` on ``tests/data/mini`` and loads the index, a satker
report, the recap and the public page, each in an iframe of the given width inside a wrapper
page whose script writes ``documentElement.scrollWidth`` and ``innerWidth`` of the page into the
DOM (read back with ``--dump-dom``). Wide tables may scroll inside their own box; the page may not.
Skipped when Chromium is absent (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from _bahan import chromium_path
from _perintah import spakanalysis_cmd

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
PAGES = ("index.html", "rekap.html", "LPKUPANG/laporan.html", "publik/index.html")
WRAPPER = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" width="{w}" height="900" style="border:0"></iframe>
<script>document.getElementById("f").addEventListener("load", () => {{
  const i = document.getElementById("f"); let s;
  try {{ s = "LEBAR " + i.contentDocument.documentElement.scrollWidth + " " + i.contentWindow.innerWidth; }}
  catch (e) {{ s = "GALAT " + e; }}
  const p = document.createElement("pre"); p.id = "hasil"; p.textContent = s; document.body.appendChild(p);
}});</script></body></html>"""


@pytest.fixture(scope="module")
def chromium():
    exe = chromium_path()
    if exe is None:
        pytest.skip("Chromium tidak terpasang (/usr/bin/chromium; Debian: apt-get install chromium); .ci/run memasangnya")
    return exe


@pytest.fixture(scope="module")
def folder(tmp_path_factory, chromium):
    work = tmp_path_factory.mktemp("lebar")
    env = dict(os.environ, SPAKANALYSIS_CACHE=str(work / "cache"))
    env.pop("SPAKANALYSIS_DEBUG", None)
    proc = subprocess.run(
        [*spakanalysis_cmd(), "laporan", "--semua", "--tanpa-pdf", "--periode", "2024-Q3", "--tanggal-data", "2024-08-20",
         "--pekerja", "2", "--data", str(MINI), "--keluaran", str(work / "out")],
        cwd=work, env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    return work / "out" / "2024-Q3"


def _widths(exe: str, page: Path, width: int, profile: Path) -> tuple[int, int]:
    wrapper = page.parent / f".lebar_{width}.html"
    wrapper.write_text(WRAPPER.format(src=page.name, w=width), encoding="utf-8")
    try:
        proc = subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--allow-file-access-from-files", "--disable-background-networking", f"--user-data-dir={profile}",
             "--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom", wrapper.as_uri()],
            capture_output=True, text=True, timeout=180,
        )
    finally:
        wrapper.unlink()
    found = re.search(r'<pre id="hasil">LEBAR (\d+) (\d+)</pre>', proc.stdout)
    assert found, proc.stdout[-2000:] + proc.stderr[-2000:]
    return int(found[1]), int(found[2])


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_sideways_scroll(folder, chromium, tmp_path, name, width):
    page = folder / name
    assert page.is_file()
    scroll, inner = _widths(chromium, page, width, tmp_path / "profil")
    assert inner == width
    assert scroll <= inner, f"{name} pada {width} px: lebar halaman {scroll} px"


def test_public_folder_stands_alone(folder):
    """Every link and image of the public page is a file inside ``publik/``; nothing internal is linked."""
    page = (folder / "publik" / "index.html").read_text(encoding="utf-8")
    targets = re.findall(r'(?:href|src)="([^"]+)"', page)
    assert targets and all("/" not in t and (folder / "publik" / t).is_file() for t in targets)
    for code in ("KWNTT", "LPKUPANG", "RBKUPANG"):
        for name in ("infografis.png", "infografis.pdf", "infografis_kotak.png"):
            assert (folder / code / name).is_file()
    assert not re.search(r"laporan\.html|\.xlsx|Kritis|Sesuai target|target harian", page)
