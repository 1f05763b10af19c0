"""``usulan_tindak_lanjut.xlsx``: the suggested follow-up register of one satker, one pre-filled row per priority.

The sheet ``tindak_lanjut`` has the register's columns (:data:`~spakanalysis.data.follow_up.REGISTER_COLUMNS`),
so the satker completes ``rencana_aksi``, ``penanggung_jawab`` (a position) and ``target_tanggal``,
returns the file, and ``spakanalysis tindak-lanjut gabung`` appends its rows to the register.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.styles import PatternFill

from spakanalysis.data.follow_up import REGISTER_COLUMNS
from spakanalysis.present.workbooks import FORMAT, Kolom, _key_value_sheet, _new_workbook, _sheet, workbook_bytes

__all__ = ["SHEET", "USULAN_XLSX", "proposal_rows", "proposal_workbook_bytes"]

USULAN_XLSX = "usulan_tindak_lanjut.xlsx"
SHEET = "tindak_lanjut"
_TO_FILL = ("rencana_aksi", "penanggung_jawab", "target_tanggal")
_WIDTH = {"masalah": 70, "rencana_aksi": 60, "penanggung_jawab": 35, "bukti": 40}


def proposal_rows(ringkasan: Mapping[str, Any]) -> list[list[Any]]:
    """One row per priority without an action (``ringkasan["tindak_lanjut"]["prioritas_tanpa_aksi"]``), register columns.

    ``kode_satker``, ``periode_monev`` (this report's period), ``unsur_atau_tema`` (the code) and
    ``masalah`` are filled in, ``status`` is ``direncanakan``; the other columns are left empty.
    """
    gaps = ((ringkasan.get("tindak_lanjut") or {}).get("prioritas_tanpa_aksi")) or []
    rows = []
    for g in gaps:
        values = dict.fromkeys(REGISTER_COLUMNS)
        values.update(kode_satker=ringkasan["kode_satker"], periode_monev=ringkasan["periode"],
                      unsur_atau_tema=g["kode"], masalah=f"{g['label']}: {g['alasan']}", status="direncanakan")
        rows.append([values[c] for c in REGISTER_COLUMNS])
    return rows


def _guide(ringkasan: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
    return [
        ["Satker", f"{ringkasan['nama_satker']} ({ringkasan['kode_satker']})", None],
        ["Periode monev", ringkasan["periode_label"], None],
        ["Cara mengisi", "Lengkapi kolom rencana_aksi, penanggung_jawab (jabatan, bukan nama orang) dan target_tanggal "
                         "(TTTT-BB-HH) di lembar tindak_lanjut; hapus baris yang tidak ditindaklanjuti.", None],
        ["Status", "direncanakan, berjalan, selesai (isi tanggal_selesai dan bukti) atau batal", None],
        ["Mengembalikan", "Kirim berkas ini ke Kanwil; Kanwil menggabungkannya dengan "
                          "'spakanalysis tindak-lanjut gabung BERKAS.xlsx'.", None],
    ]


def proposal_workbook_bytes(ringkasan: Mapping[str, Any]) -> bytes:
    """The ``.xlsx`` bytes of the satker's suggested register (same ``ringkasan``, same bytes)."""
    wb = _new_workbook(ringkasan["tanggal_data"], f"Usulan rencana tindak lanjut {ringkasan['nama_satker']} "
                                                  f"{ringkasan['periode_label']}")
    columns = [Kolom(c, FORMAT["tanggal"] if c.startswith(("target", "tanggal")) else None, lebar_maks=_WIDTH.get(c, 30))
               for c in REGISTER_COLUMNS]
    ws = _sheet(wb, SHEET, columns, proposal_rows(ringkasan))
    fill = PatternFill("solid", fgColor="FFF4CC")
    for j, c in enumerate(REGISTER_COLUMNS, start=1):
        if c in _TO_FILL:
            for i in range(2, ws.max_row + 1):
                ws.cell(row=i, column=j).fill = fill
    _key_value_sheet(wb, "Petunjuk", _guide(ringkasan))
    return workbook_bytes(wb)
