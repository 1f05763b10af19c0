"""The batch's side of incremental runs: which satkers to reuse, and what the manifest records for the next run.

The keys are made in :mod:`spakanalysis.pipeline.reuse`. A reused satker's
folder is left as it is (it was checked file by file against the manifest's
SHA-256); a satker to render goes to the workers as before. The Kanwil-wide
outputs (recap, index page, ``rekap.xlsx``, ``paparan.pptx``, letters, the
internal quality workbook) are rebuilt when any satker was rendered, and reused
as a whole when none was and their own key and files are unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spakanalysis.pipeline import reuse
from spakanalysis.pipeline.manifest import read_manifest
from spakanalysis.pipeline.runner import SUCCEEDED, SatkerResult

__all__ = ["REUSED", "NEW", "plan_reuse", "reused_recap", "record_hashes"]

REUSED = "dipakai ulang"
NEW = "baru"
_RECAP_PARTS = ("rekap", "publik", "kualitas_data", "surat")


def _reused_result(code: str, folder: Path, entry: dict[str, Any], key: dict[str, str]) -> SatkerResult:
    summary = json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
    files = {p.name: str(folder / p.name) for p in sorted(folder.iterdir()) if p.name in set(entry.get("berkas", []))}
    return SatkerResult(code, SUCCEEDED, 0.0, str(folder), summary.get("status"), berkas=files, dibuat=REUSED,
                        alasan="masukan dan berkas keluaran tidak berubah", kunci=key)


def plan_reuse(batch, dataset, paksa: bool) -> dict[str, str]:
    """Split ``batch.codes`` into satkers to render and reused ones (appended to ``batch.results``).

    Returns the Indonesian reason each satker left in ``batch.codes`` is rendered.
    Sets ``batch.keys`` and ``batch.previous`` (the old manifest).
    """
    from spakanalysis.pipeline.runner import satker_output_dir

    batch.keys = reuse.satker_keys(dataset, batch.data, batch.codes, batch.params, batch.pdf, batch.period)
    batch.previous = read_manifest(batch.out_dir / "manifest.json") or {}
    if batch.previous.get("periode", {}).get("kode") != batch.period.kode:
        batch.previous = {}
    old = {e.get("kode_satker"): e for e in batch.previous.get("satker", [])}
    reasons, todo = {}, []
    for code in batch.codes:
        folder = satker_output_dir(batch.keluaran, batch.period.kode, code)
        why = reuse.reuse_reason(old.get(code), batch.keys[code], folder, paksa)
        if why is None:
            try:
                batch.results.append(_reused_result(code, folder, old[code], batch.keys[code]))
                continue
            except (OSError, ValueError):
                why = "berkas keluaran tidak terbaca"
        reasons[code] = why
        todo.append(code)
    batch.codes = todo
    return reasons


def reused_recap(batch, registry_order: list[str], paksa: bool) -> dict[str, Any] | None:
    """The previous run's Kanwil-wide manifest parts when they can be reused as a whole, else ``None``."""
    old = batch.previous
    if paksa or batch.codes or not batch.recap or not old.get("rekap"):
        return None
    if any(h.status != SUCCEEDED or h.dibuat != REUSED for h in batch.results):
        return None
    if old.get("kunci_rekap") != reuse.recap_key(batch.keys, registry_order):
        return None
    if reuse.files_intact(batch.out_dir, old.get("sha256_rekap")) is not None:
        return None
    return {"manifest": {k: old[k] for k in _RECAP_PARTS if k in old}, "dipakai_ulang": True}


def record_hashes(batch, extra: dict[str, Any], registry_order: list[str]) -> None:
    """Before the manifest is written: each result's folder hashes, and the recap's key and file hashes."""
    satker_folders = set()
    for h in batch.results:
        h.kunci = h.kunci or batch.keys.get(h.kode_satker)
        if h.status == SUCCEEDED and h.folder:
            folder = Path(h.folder)
            satker_folders.add(folder.name)
            h.sha256 = reuse.file_hashes(folder, [p.name for p in folder.iterdir() if p.is_file()])
    if not batch.recap or extra.get("gagal"):
        return
    manifest = extra.setdefault("manifest", {})
    manifest["kunci_rekap"] = reuse.recap_key(batch.keys, registry_order)
    # the index page and the public files are written again from the manifest by every run (refresh_index_page)
    rewritten = {"index.html", *(str(n) for n in manifest.get("publik", {}).get("berkas", []))}
    skip = satker_folders | {"manifest.json", "_gagal"}
    names = []
    for p in sorted(batch.out_dir.rglob("*")):
        rel = p.relative_to(batch.out_dir)
        if (p.is_file() and rel.parts[0] not in skip and rel.as_posix() not in rewritten
                and not any(s.startswith(".") for s in rel.parts)):
            names.append(rel.as_posix())
    manifest["sha256_rekap"] = reuse.file_hashes(batch.out_dir, names)
