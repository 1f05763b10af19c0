"""``spakanalysis laporan --kecualikan-tanda`` as a user runs it, on the mini data with a planted burst."""

from __future__ import annotations

import json
import subprocess

from _perintah import spakanalysis_cmd
from _tanda import PLANTED, mini_with_burst


def test_cli_kecualikan_tanda_counts_without_the_burst_and_shows_both(tmp_path):
    data = mini_with_burst(tmp_path / "data")
    out = tmp_path / "keluaran"
    proc = subprocess.run([*spakanalysis_cmd(), "laporan", "--satker", "LPKUPANG", "--periode", "2024-Q3",
                           "--tanggal-data", "2024-08-20", "--data", str(data), "--keluaran", str(out), "--tanpa-pdf",
                           "--pekerja", "1", "--kecualikan-tanda"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = out / "2024-Q3" / "LPKUPANG"
    summary = json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
    assert summary["kualitas_data"]["kecualikan_tanda"] is True
    assert summary["instrumen"]["SPKP"]["respons_sah_periode"] == 7  # 12 counted, 5 flagged
    html = (folder / "laporan.html").read_text(encoding="utf-8")
    assert "Tanpa kiriman bertanda" in html and "3. Kualitas data" in html
    for text in (html, (folder / "ringkasan.json").read_text(encoding="utf-8")):
        assert not any(i in text for i in PLANTED)
    manifest = json.loads((out / "2024-Q3" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameter"]["kecualikan_tanda"] is True
