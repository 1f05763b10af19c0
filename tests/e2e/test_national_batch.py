"""A batch on a registry with three Kanwils (issue 17 point 3), end to end through the CLI.

Nine satkers, three per Kanwil, from ``scripts/buat_data_contoh.py --kanwil 3``, rendered without PDFs on two
workers; then the same run again, which renders nothing and rewrites only the index pages.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from _perintah import spakanalysis_cmd

pytest.importorskip("papermill")

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["Kanwil Kemenkumham NTT", "Kanwil Kemenkumham Aceh", "Kanwil Kemenkumham Sumatera Utara"]
CODES = {"Kanwil Kemenkumham NTT": {"KWNTT", "LPKUPANG", "LPPKUPANG"},
         "Kanwil Kemenkumham Aceh": {"KWACEH", "RT0005", "LP0006"},
         "Kanwil Kemenkumham Sumatera Utara": {"KWSUMUT", "LP0008", "LP0009"}}


def _run(data: Path, out: Path) -> subprocess.CompletedProcess:
    args = ["laporan", "--semua", "--periode", "2024-Q3", "--tanggal-data", "2024-09-18", "--tanggal-rapat",
            "2024-09-19", "--data", str(data), "--keluaran", str(out), "--pekerja", "2", "--tanpa-pdf"]
    proc = subprocess.run([*spakanalysis_cmd(), *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def period(tmp_path_factory) -> Path:
    data, out = tmp_path_factory.mktemp("data_nasional"), tmp_path_factory.mktemp("keluaran_nasional")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "buat_data_contoh.py"), "--keluaran", str(data), "--diam",
                    "--tanpa-jan-jun", "--satker", "9", "--kanwil", "3"], check=True)
    _run(data, out)
    folder = out / "2024-Q3"
    first = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"}
    again = _run(data, out)
    assert "Rekap Kanwil, halaman indeks" in again.stdout and "dipakai ulang" in again.stdout
    later = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert later.keys() == first.keys()
    assert all(later[p] == first[p] for p in first if p.name != "index.html")  # only the index pages are rewritten
    return folder


def _national(period: Path) -> dict:
    return json.loads((period / "rekap_nasional.json").read_text(encoding="utf-8"))


def _links(page: Path) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8"))]


def test_every_kanwil_has_its_recap_infographic_and_index_page(period):
    national = _national(period)
    assert sorted(r["kanwil"] for r in national["kanwil"]) == sorted(NAMES)
    for row in national["kanwil"]:
        folder = period / "kanwil" / row["folder"]
        for name in ("rekap.html", "rekap.json", "rekap.ipynb", "index.html", "infografis.png", "infografis.pdf",
                     "rekap.xlsx", "paparan.pptx", "publik/index.html", "publik/kanwil_infografis.png"):
            assert (folder / name).is_file(), f"{row['folder']}/{name}"
        rekap = json.loads((folder / "rekap.json").read_text(encoding="utf-8"))
        assert rekap["kanwil"] == row["kanwil"]
        assert {r["kode_satker"] for r in rekap["tabel"]} == CODES[row["kanwil"]]
        for code in CODES[row["kanwil"]]:
            assert (folder / "publik" / f"{code}_infografis.png").is_file()
    assert not (period / "rekap.json").exists() and not (period / "infografis.png").exists()
    manifest = json.loads((period / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rekap"]["status"] == "berhasil"
    assert all((period / f).is_file() for f in manifest["rekap"]["berkas"] + manifest["publik"]["berkas"])


def test_the_national_recap_ranks_the_kanwils_as_their_recaps_say(period):
    national = _national(period)
    rows = national["kanwil"]
    assert [r["peringkat"] for r in rows] == [1, 2, 3]
    for row in rows:
        rekap = json.loads((period / "kanwil" / row["folder"] / "rekap.json").read_text(encoding="utf-8"))
        for key in ("jumlah_satker", "satker_tercapai", "satker_perlu_percepatan", "satker_data_bermasalah"):
            assert row[key] == rekap["total"][key], (row["kanwil"], key)
        assert (row["IPKP"], row["IPAK"]) == (rekap["indeks_kanwil"]["IPKP"], rekap["indeks_kanwil"]["IPAK"])
    # ranked by share of satkers at the minimum, then fewer behind, then attainment
    keys = [(-r["persen_satker_tercapai"], r["satker_perlu_percepatan"], -r["capaian_persen"]) for r in rows]
    assert keys == sorted(keys)
    assert national["total"]["jumlah_satker"] == 9 and national["total"]["jumlah_kanwil"] == 3
    page = (period / "rekap_nasional.html").read_text(encoding="utf-8")
    positions = [page.index(r["kanwil"]) for r in rows]
    assert positions == sorted(positions)  # the page shows the JSON's order


def test_national_and_kanwil_index_links_resolve(period):
    national_links = _links(period / "index.html")
    assert "rekap_nasional.html" in national_links
    for row in _national(period)["kanwil"]:
        assert f"kanwil/{row['folder']}/index.html" in national_links
    for link in national_links:
        assert (period / link).is_file(), link
    for row in _national(period)["kanwil"]:
        page = period / "kanwil" / row["folder"] / "index.html"
        links = _links(page)
        for code in CODES[row["kanwil"]]:
            assert f"../../{code}/laporan.html" in links
        for link in links:
            assert (page.parent / link).resolve().is_file(), f"{row['folder']}: {link}"
