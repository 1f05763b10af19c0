"""``manifest.json``: what each run in an output folder was made from and how each satker went.

The manifest's keys are Indonesian (users and their tools read them); the code is English.
``dibuat_pada`` (run timestamps) and the ``durasi*`` fields are the only values that
change between two runs on the same inputs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.hashing import file_sha256 as _sha256
from spakanalysis.core.version import __version__

__all__ = ["write_manifest", "read_manifest", "input_files"]




def read_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest at ``path`` as a dict, or ``None`` when it is missing or not a JSON object."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return old if isinstance(old, dict) else None


def input_files(data: Path) -> list[dict[str, Any]]:
    """Name, SHA-256 and size of every input file of the data folder (its README aside), sorted by name."""
    return [{"berkas": f.name, "sha256": _sha256(f), "ukuran": f.stat().st_size}
            for f in sorted(Path(data).iterdir()) if f.is_file() and f.name != "README.md"]


def _legacy_run(old: dict[str, Any]) -> dict[str, Any]:
    """The one run described by a manifest written before runs were recorded."""
    return {"nomor": 1, "dibuat_pada": old.get("dibuat_pada"), "durasi_detik": old.get("durasi_detik"),
            "parameter": old.get("parameter", {}), "masukan": old.get("masukan", []),
            "satker": [e.get("kode_satker") for e in old.get("satker", [])], "rekap": "rekap" in old}


def _satker_entries(old: dict[str, Any], results: list, number: int) -> list[dict[str, Any]]:
    """The earlier runs' satker entries, those of this run's satkers replaced, sorted by code."""
    entries = {e["kode_satker"]: {**e, "jalan": e.get("jalan", 1)} for e in old.get("satker", [])}
    entries.update({h.kode_satker: {"kode_satker": h.kode_satker, "status": h.status, "status_progres": h.status_progres,
                                    "durasi_detik": round(h.durasi_detik, 2), "pesan": h.pesan, "jalan": number,
                                    "berkas": sorted(getattr(h, "berkas", None) or {}),
                                    "dibuat": getattr(h, "dibuat", "baru"), "alasan": getattr(h, "alasan", None),
                                    "kunci": getattr(h, "kunci", None), "sha256": getattr(h, "sha256", None)}
                    for h in results})
    return [entries[k] for k in sorted(entries)]


def write_manifest(path: Path, *, data: Path, period, parameters: dict[str, Any], results: Iterable,
                   started_at: str, duration: float, extra: dict[str, Any] | None = None,
                   merge: bool = False) -> dict[str, Any]:
    """Write ``manifest.json`` atomically and return it.

    Parameters
    ----------
    path : Path
        The manifest file.
    data : Path
        The data folder (its files are listed with their SHA-256).
    period : Periode
        The batch's period.
    parameters : dict
        The report parameters recorded for this run.
    results : iterable of SatkerResult
        How each satker of this run went.
    started_at : str
        ISO time the run started; ``duration``: its seconds.
    extra : dict, optional
        More top-level entries (the recap's ``{"rekap": ...}``).
    merge : bool
        ``False`` (a whole batch) starts the manifest afresh with one run. ``True``
        (a partial run, e.g. ``--satker KWNTT``) merges into the manifest of the same
        period: the run is appended to ``jalan``, the entries of its satkers are
        replaced, every other satker and the recap keep theirs; each entry names the
        run that made it (``"jalan": n``). The top-level ``parameter`` and
        ``masukan`` are those of the latest run.
    """
    inputs = input_files(data)
    period_entry = {"kode": period.kode, "mulai": period.mulai.isoformat(), "akhir": period.akhir.isoformat()}
    old = read_manifest(path) if merge else None
    if old is None or old.get("periode") != period_entry:
        old = {}
    runs = list(old.get("jalan") or ([] if not old else [_legacy_run(old)]))
    number = len(runs) + 1
    results = sorted(results, key=lambda h: h.kode_satker)
    extra = dict(extra or {})
    if "rekap" in extra:
        extra["rekap"] = {**extra["rekap"], "jalan": number}
    runs.append({"nomor": number, "dibuat_pada": started_at, "durasi_detik": round(duration, 2),
                 "parameter": parameters, "masukan": inputs, "satker": [h.kode_satker for h in results],
                 "rekap": "rekap" in extra})
    manifest = {
        "spakanalysis": __version__,
        "python": sys.version.split()[0],
        "dibuat_pada": started_at,
        "durasi_detik": round(duration, 2),
        "periode": period_entry,
        "parameter": parameters,
        "masukan": inputs,
        "jalan": runs,
        "satker": _satker_entries(old, results, number),
        **({"rekap": {**old["rekap"], "jalan": old["rekap"].get("jalan", 1)}} if "rekap" in old else {}),
        # what only a whole batch writes stays recorded after a partial run (its files stay too)
        **{k: old[k] for k in ("publik", "kualitas_data") if k in old},
        **extra,
    }
    write_atomic(path, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest
