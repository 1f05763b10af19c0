"""Shared test helper: ``tests/data/mini`` with a planted burst of five identical all-4 submissions at LPKUPANG."""

from __future__ import annotations

import shutil
from pathlib import Path

MINI = Path(__file__).resolve().parent / "data" / "mini"
PLANTED = [f"MINI-09{i}" for i in range(5)]


def mini_with_burst(folder: Path) -> Path:
    """Copy the mini data to ``folder`` and append the burst (14 August 2024, 10:00–10:04 WITA, one a minute)."""
    shutil.copytree(MINI, folder)
    lines = (folder / "respons.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    template = dict(zip(header, next(line for line in lines if line.startswith("MINI-0031")).split(",")))
    for i, rid in enumerate(PLANTED):
        row = {**template, "id_respons": rid, "waktu_isi": f"2024-08-14 10:0{i}:00+08:00", "nama": "", "no_hp": ""}
        row.update({c: "4" for c in header if c.startswith(("spkp_", "spak_"))})
        lines.append(",".join(row[c] for c in header))
    (folder / "respons.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
