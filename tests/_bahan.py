"""The batch's JSON documents of ``tests/data/mini`` (data date 2024-08-20), built through the report layer.

``rekap`` and ``ringkasan`` are exactly what the batch writes as ``rekap.json`` and
``<kode>/ringkasan.json`` (the same ``ringkasan()`` methods, through a JSON round trip).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MINI = Path(__file__).resolve().parent / "data" / "mini"
TANGGAL_DATA = "2024-08-20"
KODE = ("KWNTT", "LPKUPANG", "RBKUPANG")


def _json(doc):
    return json.loads(json.dumps(doc, ensure_ascii=False, default=str))


def batch_documents():
    """``(dataset, rekap, ringkasan, laporan)`` of the mini data; ``laporan`` maps codes to ``LaporanSatker``."""
    from spakanalysis.data.dataset import load_dataset
    from spakanalysis.report.recap import build_recap
    from spakanalysis.report.satker_report import build_satker_report

    ds = load_dataset(MINI)
    rekap = _json(build_recap(ds, "2024-Q3", tanggal_data=TANGGAL_DATA, tanggal_cetak="2024-08-21").ringkasan())
    laporan = {k: build_satker_report(ds, k, "2024-Q3", tanggal_data=TANGGAL_DATA, tanggal_cetak="2024-08-21")
               for k in KODE}
    return ds, rekap, {k: _json(lap.ringkasan()) for k, lap in laporan.items()}, laporan


def chromium_path() -> str | None:
    """Debian's Chromium (or one on PATH), None when absent: the browser tests skip then."""
    for cand in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None
