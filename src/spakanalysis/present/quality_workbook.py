"""The INTERNAL data-quality workbook of the Kanwil analyst (``<periode>/_internal/kualitas_data.xlsx``).

Unlike every public output it lists submission IDs: per satker the flagged
submissions and which flags they carry, and the back-check sample ("uji
petik") with empty columns for the verification result. Nothing is computed
here: the caller passes the report layer's tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from openpyxl import Workbook

from spakanalysis.present.workbooks import Kolom, _key_value_sheet, _new_workbook, _sheet

__all__ = ["quality_workbook", "INTERNAL_NOTE"]

INTERNAL_NOTE = ("INTERNAL Kanwil — jangan dibagikan ke satker atau dilampirkan pada laporan: berkas ini memuat "
                 "ID kiriman. Tanda adalah alasan untuk memeriksa, bukan bukti kecurangan.")

_FLAG_COLUMNS = ("garis_lurus", "maksimum", "beruntun", "luar_jam", "teks_berulang", "waktu_singkat")


def _about_rows(periode: str, tanggal_data: str, versi: int, labels: Mapping[str, str],
                explanations: Mapping[str, str]) -> list[list[str | None]]:
    rows = [["Catatan", INTERNAL_NOTE], ["Periode", periode], ["Data per tanggal", tanggal_data],
            ["Versi konfigurasi kualitas data", str(versi)]]
    rows += [[labels[f], explanations[f]] for f in (*_FLAG_COLUMNS, "ditandai")]
    rows.append(["Uji petik", "Periksa setiap ID di aplikasi survei (responden nyata? layanan tercatat?) lalu isi "
                              "kolom Hasil verifikasi (sah / tidak sah / tidak dapat diperiksa) dan Catatan."])
    return [[*r, None] for r in rows]


def quality_workbook(flagged: pd.DataFrame, samples: Sequence, *, periode: str, tanggal_data: str, versi: int,
                     labels: Mapping[str, str], explanations: Mapping[str, str]) -> Workbook:
    """Sheets "Tentang", "Kiriman bertanda" (one row per flagged submission, ``Ya`` per flag it carries)
    and "Uji petik" (one row per sampled submission, the verification columns left empty)."""
    wb = _new_workbook(tanggal_data, f"Kualitas data {periode} (INTERNAL)")
    _key_value_sheet(wb, "Tentang", _about_rows(periode, tanggal_data, versi, labels, explanations))
    cols = [Kolom("Kode satker"), Kolom("Bulan"), Kolom("ID respons"), *(Kolom(labels[f], lebar_maks=24) for f in _FLAG_COLUMNS)]
    rows = ([r["kode_satker"], r["bulan"], r["id_respons"], *("Ya" if r[f] else "" for f in _FLAG_COLUMNS)]
            for _, r in flagged.iterrows())
    _sheet(wb, "Kiriman bertanda", cols, rows)
    cols = [Kolom("Kode satker"), Kolom("Periode"), Kolom("ID respons"), Kolom("Bertanda"),
            Kolom("Seed"), Kolom("Hasil verifikasi", lebar_maks=30), Kolom("Catatan", lebar_maks=40)]
    rows = ([s.kode_satker, s.periode, i, "Ya" if i in s.bertanda else "", str(s.seed), "", ""]
            for s in samples for i in s.id_respons)
    _sheet(wb, "Uji petik", cols, rows)
    return wb
