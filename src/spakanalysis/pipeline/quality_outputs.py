"""The batch's INTERNAL data-quality outputs: ``<periode>/_internal/kualitas_data.xlsx`` and the manifest record.

The workbook lists submission IDs (flagged submissions, the back-check sample), so it lives in the
``_internal`` sub-folder (like ``_gagal``, never taken for a satker report folder), is not linked from the index page and is not listed with the recap's files.
The manifest records each satker's back-check draw (rule, seed, size, over-sampling factor, counts and
the SHA-256 of its sorted IDs, not the IDs) so that the draw can be repeated and checked.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.paths import safe_child
from spakanalysis.present.quality_workbook import quality_workbook
from spakanalysis.present.workbooks import workbook_bytes
from spakanalysis.report.quality import FLAG_LABELS, backcheck_samples, flagged_ids
from spakanalysis.stats.quality_flags import load_quality_config

__all__ = ["INTERNAL_FOLDER", "QUALITY_XLSX", "ids_hash", "backcheck_record", "write_quality_outputs"]

INTERNAL_FOLDER, QUALITY_XLSX = "_internal", "kualitas_data.xlsx"  # "_": never taken for a report folder


def ids_hash(ids) -> str:
    """SHA-256 of the sorted IDs, one per line (each followed by a newline)."""
    return hashlib.sha256("".join(f"{i}\n" for i in sorted(ids)).encode("utf-8")).hexdigest()


def backcheck_record(sample) -> dict[str, Any]:
    """The manifest entry of one back-check draw: what repeats it, and the hash of the IDs drawn."""
    entry = {k: v for k, v in sample.manifest.items() if k != "id_respons"}
    return {**entry, "jumlah_terpilih": len(sample.id_respons), "sha256_id": ids_hash(sample.id_respons)}


def write_quality_outputs(period_dir: Path, dataset, period, cut) -> dict[str, Any]:
    """Write the internal workbook; return the manifest block ``kualitas_data``."""
    cfg = load_quality_config()
    samples = backcheck_samples(dataset, period, cut, cfg)
    wb = quality_workbook(flagged_ids(dataset, period, cut), samples, periode=period.kode,
                          tanggal_data=cut.isoformat(), versi=int(cfg["versi"]), labels=FLAG_LABELS,
                          explanations=cfg["penjelasan"])
    path = safe_child(period_dir, INTERNAL_FOLDER, QUALITY_XLSX)
    write_atomic(path, workbook_bytes(wb))
    return {"versi_konfigurasi": int(cfg["versi"]), "berkas_internal": f"{INTERNAL_FOLDER}/{QUALITY_XLSX}",
            "uji_petik": [backcheck_record(s) for s in samples]}


def batch_quality_outputs(period_dir: Path, data: Path, period, tanggal_data: str) -> dict[str, Any]:
    """:func:`write_quality_outputs` for a batch: the data folder loaded through the in-process memo."""
    from datetime import date

    from spakanalysis.data.cache import load_dataset_cached

    return write_quality_outputs(period_dir, load_dataset_cached(data), period, date.fromisoformat(tanggal_data))
