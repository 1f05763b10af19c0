"""The Office outputs of a batch: ``rekap.xlsx`` and ``paparan.pptx`` of the period, ``laporan.xlsx`` per satker.

Built from the JSON documents the batch already wrote (``rekap.json``, ``<kode>/ringkasan.json``),
and for a satker's workbook from its :class:`~spakanalysis.report.satker_report.LaporanSatker`
(daily plan, item means) and every masked comment. Files are written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from spakanalysis.core.atomic import write_atomic, write_outputs_atomic
from spakanalysis.core.paths import safe_child
from spakanalysis.present.deck import meeting_deck
from spakanalysis.present.follow_up_workbook import USULAN_XLSX, proposal_workbook_bytes
from spakanalysis.present.workbooks import recap_workbook, satker_workbook, workbook_bytes
from spakanalysis.report.feedback import masked_feedback

__all__ = ["read_batch_json", "write_recap_outputs", "write_satker_workbook", "write_satker_workbook_from_data",
           "write_satker_files", "USULAN_XLSX",
           "REKAP_XLSX", "PAPARAN_PPTX",
           "LAPORAN_XLSX"]

REKAP_XLSX, PAPARAN_PPTX, LAPORAN_XLSX = "rekap.xlsx", "paparan.pptx", "laporan.xlsx"


def read_batch_json(period_dir: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """``rekap.json`` of a period folder and the ``ringkasan.json`` of each satker of its table that has one."""
    rekap = json.loads(safe_child(period_dir, "rekap.json").read_text(encoding="utf-8"))
    ringkasan = {}
    for row in rekap["tabel"]:
        path = Path(period_dir) / row["kode_satker"] / "ringkasan.json"
        if path.is_file():
            ringkasan[row["kode_satker"]] = json.loads(path.read_text(encoding="utf-8"))
    return rekap, ringkasan


def write_recap_outputs(period_dir: Path, rekap: Mapping[str, Any] | None = None,
                        ringkasan: Mapping[str, Mapping[str, Any]] | None = None,
                        charts: Mapping[str, bytes] | None = None, *,
                        tanggal_rapat: date | str | None = None) -> list[Path]:
    """Write ``rekap.xlsx`` and ``paparan.pptx`` into ``period_dir``; returns their paths.

    Without ``rekap``/``ringkasan`` they are read from the folder (:func:`read_batch_json`).
    """
    if rekap is None or ringkasan is None:
        rekap, ringkasan = read_batch_json(period_dir)
    files = {
        safe_child(period_dir, REKAP_XLSX): workbook_bytes(recap_workbook(rekap, ringkasan)),
        safe_child(period_dir, PAPARAN_PPTX): meeting_deck(rekap, ringkasan, charts, tanggal_rapat=tanggal_rapat),
    }
    return write_outputs_atomic(files)


def write_satker_workbook(satker_dir: Path, laporan, respons) -> Path:
    """Write ``laporan.xlsx`` of one satker into ``satker_dir``.

    ``laporan`` is the satker's ``LaporanSatker``; ``respons`` its rows of the dataset (for every
    masked comment, :func:`~spakanalysis.report.feedback.masked_feedback`; with their themes and kind
    when the report has ``tema_saran``).
    """
    themes = getattr(laporan, "tema_saran", None)
    saran = masked_feedback(respons, laporan.periode, laporan.tanggal_data) if themes is None else themes.comments
    survey = laporan.indeks
    butir = {r.instrument.value: r.items for r in (survey.spkp, survey.spak)} if survey is not None else None
    wb = satker_workbook(laporan.ringkasan(), rencana=laporan.rencana, butir=butir, saran=saran)
    return write_atomic(safe_child(satker_dir, LAPORAN_XLSX), workbook_bytes(wb))


def write_satker_workbook_from_data(satker_dir: Path, dataset, kode_satker: str, periode: str,
                                    parameter: Mapping[str, Any]) -> Path:
    """Build the satker's report again from ``dataset`` with the batch's ``parameter`` and write ``laporan.xlsx``.

    For a batch worker, which holds the (cached) dataset but not the notebook's report object.
    """
    from spakanalysis.report.satker_report import build_satker_report

    keys = ("mulai", "akhir", "tanggal_data", "aturan", "galat", "lantai", "tanggal_rapat", "tanggal_cetak", "kecualikan_tanda",
            "target_mulai")
    lap = build_satker_report(dataset, kode_satker, periode, **{k: parameter[k] for k in keys if k in parameter})
    return write_satker_workbook(satker_dir, lap, dataset.respons[dataset.respons["kode_satker"] == lap.identitas["kode_satker"]])


def write_satker_files(berkas_ringkasan: str | Path, laporan, dataset) -> list[Path]:
    """Write ``laporan.xlsx`` (every masked comment with its themes) and ``usulan_tindak_lanjut.xlsx`` of one satker.

    Called by the report notebook with the path of its ``ringkasan.json``: both go into that
    folder, so the batch publishes and lists them with the report's other files. They are
    written atomically, together.
    """
    folder = Path(berkas_ringkasan).parent
    code = laporan.identitas["kode_satker"]
    summary = laporan.ringkasan()
    respons = dataset.respons[dataset.respons["kode_satker"] == code]
    themes = getattr(laporan, "tema_saran", None)
    saran = masked_feedback(respons, laporan.periode, laporan.tanggal_data) if themes is None else themes.comments
    survey = laporan.indeks
    butir = {r.instrument.value: r.items for r in (survey.spkp, survey.spak)} if survey is not None else None
    wb = satker_workbook(summary, rencana=laporan.rencana, butir=butir, saran=saran)
    files = {safe_child(folder, LAPORAN_XLSX): workbook_bytes(wb),
             safe_child(folder, USULAN_XLSX): proposal_workbook_bytes(summary)}
    return write_outputs_atomic(files)
