"""Excel workbooks of the recap (``rekap.xlsx``) and of one satker (``laporan.xlsx``), built with openpyxl.

Every number comes from the batch's JSON documents (``rekap.json``, ``ringkasan.json``) or, for
what those do not hold (the daily plan, the item means, all masked feedback), from the report
layer's :class:`~spakanalysis.report.satker_report.LaporanSatker` passed in by the caller; nothing
is computed here. Cells hold real numbers and dates with number formats (Excel shows them with the
reader's separators; the workbook language is Indonesian), headers are frozen and filtered, column
widths follow the content, statuses are coloured as in the HTML report. Free text is written as a
string cell, never as a formula. :func:`workbook_bytes` saves reproducibly.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from spakanalysis.present.ooxml import (
    REPORT_COLOURS,
    STATUS_COLOURS,
    package_datetime,
    plain_text,
    reproducible_package,
)
from spakanalysis.present.status_style import STATUS_CSS_CLASS as STATUS_KELAS

__all__ = ["Kolom", "recap_workbook", "satker_workbook", "workbook_bytes", "FORMAT"]

#: Number formats (stored in Excel's neutral notation; Excel and LibreOffice show "." for thousands
#: and "," for decimals in an Indonesian locale).
FORMAT = {
    "bulat": "#,##0",
    "desimal1": "#,##0.0",
    "desimal2": "0.00",
    "desimal4": "0.0000",
    "persen": "0.0%",
    "tanggal": "dd/mm/yyyy",
    "bulan": "[$-421]mmmm yyyy",
}
BAHASA = "id-ID"
_KESIAPAN_KELAS = {"memenuhi": "status-tercapai", "belum memenuhi": "status-kritis"}
_LEBAR_MIN, _LEBAR_MAKS = 6, 60
_TINGGI_BARIS = 15  # points per line of 11-point text
_HURUF = "Calibri"  # openpyxl's default font: styled cells keep it


@dataclass(frozen=True)
class Kolom:
    """One column of a sheet: Indonesian header, number format, and whether its cells are a status."""

    judul: str
    format: str | None = None
    status: bool = False
    lebar_maks: int = _LEBAR_MAKS


def _pct(x) -> float | None:
    """Percent points of the JSON (``64.85``) as the fraction a ``0.0%`` cell holds (empty when not a number)."""
    f = _finite(x)
    return None if f is None else f / 100


def _day(x) -> date | None:
    if x is None or isinstance(x, date):
        return x
    return date.fromisoformat(str(x)[:10])


def _month(x) -> date | None:
    """``"2024-07"`` as the first day of that month (a real date cell shown as "Juli 2024")."""
    return None if x is None else date.fromisoformat(f"{str(x)[:7]}-01")


def _status_class(value: str | None) -> str:
    if value in _KESIAPAN_KELAS:
        return _KESIAPAN_KELAS[value]
    return STATUS_KELAS.get(value, "status-netral")


def _display_length(value: Any, fmt: str | None) -> int:
    """Characters a cell shows, to size its column."""
    if value is None:
        return 1
    if isinstance(value, (date, datetime)):
        return 14 if fmt == FORMAT["bulan"] else 10
    if isinstance(value, float):
        return len(f"{value * 100:,.1f}%") if fmt and "%" in fmt else len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=1)


def _put(ws, row: int, col: int, value: Any, kolom: Kolom):
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) or (value is not None and not isinstance(value, (int, float, date, datetime))):
        cell.value = plain_text(value)
        cell.data_type = "s"  # text from data starting with "=" stays text, never a formula
    else:
        cell.value = value
    cell.alignment = Alignment(vertical="top")  # rows with wrapped text read from the top
    if kolom.format:
        cell.number_format = kolom.format
    if kolom.status and value:
        fg, bg = STATUS_COLOURS[_status_class(value)]
        cell.fill = PatternFill("solid", fgColor=bg)
        cell.font = Font(name=_HURUF, size=11, color=fg, bold=True)
    return cell


def _sheet(wb: Workbook, title: str, columns: Sequence[Kolom], rows: Iterable[Sequence[Any]]):
    """A table sheet: styled frozen header, autofilter over the table, widths from the content."""
    ws = wb.create_sheet(title)
    header = Font(name=_HURUF, size=11, bold=True, color=REPORT_COLOURS["putih"])
    fill = PatternFill("solid", fgColor=REPORT_COLOURS["biru_tua"])
    widths = [len(k.judul) for k in columns]
    for j, k in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j, value=k.judul)
        cell.font, cell.fill = header, fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    n = 1
    for n, row in enumerate(rows, start=2):
        for j, (k, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = _put(ws, n, j, value, k)
            if isinstance(value, str) and len(value) > k.lebar_maks:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                # readers do not grow a row for wrapped text by themselves: room for every line
                lines = -(-len(value) // max(k.lebar_maks - 8, 10))  # proportional type: fewer per line
                ws.row_dimensions[n].height = max(ws.row_dimensions[n].height or 0, _TINGGI_BARIS * lines)
            widths[j - 1] = max(widths[j - 1], _display_length(value, k.format))
    for j, (k, w) in enumerate(zip(columns, widths), start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(_LEBAR_MIN, min(w, k.lebar_maks)) + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n}"
    _print_setup(ws, landscape=len(columns) > 4)
    return ws


def _print_setup(ws, landscape: bool) -> None:
    """Printed on A4, as wide as one page, the header repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"


def _new_workbook(tanggal_data: str, judul: str) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    when = package_datetime(tanggal_data)
    props = wb.properties
    props.creator = props.lastModifiedBy = "spakanalysis"
    props.created = props.modified = when
    props.language = BAHASA
    props.title = plain_text(judul)
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as ``.xlsx`` bytes, dated from its ``created`` property (same inputs, same bytes)."""
    buf = io.BytesIO()
    wb.save(buf)
    return reproducible_package(buf.getvalue(), wb.properties.created)


# ----------------------------------------------------------------------------- recap


_KOLOM_CAPAIAN = (
    Kolom("Kode satker"), Kolom("Nama satker", lebar_maks=45), Kolom("Jenis satker"),
    Kolom("Pengguna layanan", FORMAT["bulat"]), Kolom("Metode minimum"), Kolom("Minimum per bulan", FORMAT["bulat"]),
    Kolom("Bulan berjalan"),
    Kolom("SPKP sah", FORMAT["bulat"]), Kolom("SPKP capaian bulan ini", FORMAT["persen"]),
    Kolom("SPKP status", status=True), Kolom("SPKP target per hari", FORMAT["bulat"]),
    Kolom("SPKP capaian periode", FORMAT["persen"]),
    Kolom("SPAK sah", FORMAT["bulat"]), Kolom("SPAK capaian bulan ini", FORMAT["persen"]),
    Kolom("SPAK status", status=True), Kolom("SPAK target per hari", FORMAT["bulat"]),
    Kolom("SPAK capaian periode", FORMAT["persen"]),
    Kolom("Capaian terendah", FORMAT["persen"]), Kolom("Status", status=True), Kolom("Target harian", FORMAT["bulat"]),
    Kolom("Data bermasalah"),
)


def _int_or_none(x) -> int | None:
    return None if x is None else int(x)


def _attainment_rows(tabel: Sequence[Mapping[str, Any]]) -> Iterable[list[Any]]:
    for r in tabel:
        per_ins = []
        for ins in ("SPKP", "SPAK"):
            per_ins += [_int_or_none(r.get(f"{ins}_sah")), _pct(r.get(f"{ins}_persen")), r.get(f"{ins}_status"),
                        _int_or_none(r.get(f"{ins}_target_harian")), _pct(r.get(f"{ins}_periode_persen"))]
        yield [r["kode_satker"], r["nama_satker"], r.get("jenis_satker"), _int_or_none(r.get("populasi")),
               r.get("metode"), _int_or_none(r.get("minimum")), r.get("bulan"), *per_ins,
               _pct(r.get("capaian_persen")), r.get("status"), _int_or_none(r.get("target_harian")),
               "Ya" if r.get("data_bermasalah") else "Tidak"]


def _recap_summary_rows(rekap: Mapping[str, Any]) -> list[list[Any]]:
    t, ik = rekap["total"], rekap.get("indeks_kanwil") or {}
    rows: list[list[Any]] = [
        ["Kanwil", rekap["kanwil"], None], ["Periode", rekap["periode_label"], None],
        ["Tanggal data", _day(rekap["tanggal_data"]), FORMAT["tanggal"]],
        ["Jumlah satker", t["jumlah_satker"], FORMAT["bulat"]],
        ["Satker tercapai", t["satker_tercapai"], FORMAT["bulat"]],
        ["Satker perlu percepatan", t["satker_perlu_percepatan"], FORMAT["bulat"]],
        ["Satker dengan data bermasalah", t["satker_data_bermasalah"], FORMAT["bulat"]],
        ["Pengguna layanan", t["pengguna_layanan"], FORMAT["bulat"]],
        ["Minimum responden bulan ini", t["minimum"], FORMAT["bulat"]],
    ]
    for ins in ("SPKP", "SPAK"):
        rows += [[f"Respons sah {ins}", t[f"{ins}_sah"], FORMAT["bulat"]],
                 [f"Capaian {ins} Kanwil", _pct(t[f"{ins}_persen"]), FORMAT["persen"]]]
    rows += [[f"{k} Kanwil (skala 1–4)", _finite(v), FORMAT["desimal2"]] for k, v in ik.items()]
    rows += [[f"Jumlah satker: {s}", int(n), FORMAT["bulat"]] for s, n in rekap["jumlah_per_status"].items()]
    return rows


def _key_value_sheet(wb: Workbook, title: str, rows: Sequence[Sequence[Any]]):
    """A two-column sheet (Uraian, Nilai) whose value cells each carry their own number format."""
    ws = _sheet(wb, title, (Kolom("Uraian"), Kolom("Nilai")), ([r[0], r[1]] for r in rows))
    for i, r in enumerate(rows, start=2):
        if r[2]:
            ws.cell(row=i, column=2).number_format = r[2]
        ws.cell(row=i, column=2).alignment = Alignment(horizontal="left")
    return ws


_KOLOM_INDEKS = (
    Kolom("Kode satker"), Kolom("Nama satker", lebar_maks=45), Kolom("Indeks"), Kolom("Jumlah respons", FORMAT["bulat"]),
    Kolom("Nilai (1–4)", FORMAT["desimal2"]), Kolom("IK 95% bawah (1–4)", FORMAT["desimal2"]),
    Kolom("IK 95% atas (1–4)", FORMAT["desimal2"]), Kolom("Nilai (0–100)", FORMAT["desimal1"]),
    Kolom("IK 95% bawah (0–100)", FORMAT["desimal1"]), Kolom("IK 95% atas (0–100)", FORMAT["desimal1"]),
    Kolom("Cukup andal"), Kolom("Kesiapan WBK", status=True), Kolom("Kesiapan WBBM", status=True),
    Kolom("Keterangan", lebar_maks=50),
)


def _index_rows(kode: str, nama: str, indeks: Mapping[str, Any]) -> Iterable[list[Any]]:
    for key in ("IPKP", "IPAK"):
        ind = indeks.get(key)
        if not ind:
            continue
        kes = ind.get("kesiapan") or {}
        values = [_finite(ind.get(k)) for k in ("nilai_skala4", "ci_bawah", "ci_atas", "nilai_100", "ci_bawah_100",
                                                "ci_atas_100")]
        yield [kode, nama, key, _int_or_none(ind.get("n_respons")), *values,
               "Ya" if ind.get("cukup") else "Tidak", kes.get("WBK"), kes.get("WBBM"), ind.get("keterangan") or None]


def recap_workbook(rekap: Mapping[str, Any], ringkasan: Mapping[str, Mapping[str, Any]]) -> Workbook:
    """``rekap.xlsx``: Kanwil summary, attainment per satker, indices with intervals, recommendations.

    ``rekap`` is ``rekap.json``; ``ringkasan`` maps a satker code to its ``ringkasan.json`` (satkers
    without one, e.g. failed reports, have no index rows). Satkers keep the recap's order (lowest
    attainment first). "Tindak lanjut" (per satker) and "Tema saran" (the Kanwil's themes, complaints
    touching corruption first) are there when ``rekap.json`` holds them.
    """
    wb = _new_workbook(rekap["tanggal_data"], f"Rekapitulasi Monev SPKP & SPAK {rekap['periode_label']}")
    _key_value_sheet(wb, "Ringkasan", _recap_summary_rows(rekap))
    _sheet(wb, "Capaian", _KOLOM_CAPAIAN, _attainment_rows(rekap["tabel"]))
    rows = [row for r in rekap["tabel"] if r["kode_satker"] in ringkasan
            for row in _index_rows(r["kode_satker"], r["nama_satker"], ringkasan[r["kode_satker"]].get("indeks") or {})]
    _sheet(wb, "Indeks", _KOLOM_INDEKS, rows)
    _recap_quality_sheets(wb, rekap)
    _recap_cycle_sheets(wb, rekap)
    _sheet(wb, "Rekomendasi", (Kolom("No.", FORMAT["bulat"]), Kolom("Rekomendasi", lebar_maks=100)),
           ([i, t] for i, t in enumerate(rekap.get("rekomendasi") or [], start=1)))
    return wb


_KOLOM_KUALITAS = (Kolom("Kode satker"), Kolom("Nama satker", lebar_maks=45), Kolom("Kiriman sah", FORMAT["bulat"]),
                   Kolom("Kiriman bertanda", FORMAT["bulat"]), Kolom("Proporsi bertanda", FORMAT["persen"]))
_KOLOM_PERINGATAN = (Kolom("Kode satker"), Kolom("Nama satker", lebar_maks=45), Kolom("Peluang SPKP", FORMAT["persen"]),
                     Kolom("Peluang SPAK", FORMAT["persen"]), Kolom("Peluang terendah", FORMAT["persen"]))


def _recap_quality_sheets(wb: Workbook, rekap: Mapping[str, Any]) -> None:
    """Satkers by flagged share ("Kualitas data") and by risk of missing the month ("Peringatan dini"), when present."""
    if rekap.get("peringatan_dini"):
        _sheet(wb, "Peringatan dini", _KOLOM_PERINGATAN,
               ([r["kode_satker"], r.get("nama_satker"), r["probabilitas_spkp"], r["probabilitas_spak"],
                 r["probabilitas_terendah"]] for r in rekap["peringatan_dini"]))
    if rekap.get("kualitas_data"):
        _sheet(wb, "Kualitas data", _KOLOM_KUALITAS,
               ([r["kode_satker"], r.get("nama_satker"), r["respons_diperiksa"], r["jumlah_ditandai"],
                 r["proporsi_ditandai"]] for r in rekap["kualitas_data"]))


_KOLOM_TINDAK_LANJUT = (Kolom("Kode satker"), Kolom("Nama satker", lebar_maks=45), Kolom("Aksi", FORMAT["bulat"]),
                        Kolom("Selesai", FORMAT["bulat"]), Kolom("Berjalan", FORMAT["bulat"]),
                        Kolom("Direncanakan", FORMAT["bulat"]), Kolom("Terlambat", FORMAT["bulat"]),
                        Kolom("Batal", FORMAT["bulat"]), Kolom("Selesai (tanpa batal)", FORMAT["persen"]),
                        Kolom("Terlambat paling lama (hari)", FORMAT["bulat"]))
_KOLOM_TEMA = (Kolom("Tema", lebar_maks=45), Kolom("Komentar", FORMAT["bulat"]), Kolom("Pangsa", FORMAT["persen"]),
               Kolom("Satker", FORMAT["bulat"]), Kolom("Keluhan korupsi", FORMAT["bulat"]))


def _recap_cycle_sheets(wb: Workbook, rekap: Mapping[str, Any]) -> None:
    """Follow-up per satker ("Tindak lanjut") and the Kanwil's feedback themes ("Tema saran"), when present."""
    tl = rekap.get("tindak_lanjut") or {}
    if tl.get("ada_register"):
        _sheet(wb, "Tindak lanjut", _KOLOM_TINDAK_LANJUT,
               ([r["kode_satker"], r["nama_satker"], r["jumlah_aksi"], r["selesai"], r["berjalan"], r["direncanakan"],
                 r["terlambat"], r["batal"], _pct(r.get("persen_selesai")), r["terlambat_hari_maks"]]
                for r in tl.get("satker") or []))
    themes = (rekap.get("tema_saran") or {}).get("kanwil") or []
    if themes:
        _sheet(wb, "Tema saran", _KOLOM_TEMA,
               ([t["label"], t["jumlah"], t.get("pangsa"), t["jumlah_satker"], t["jumlah_korupsi"]] for t in themes))


# ----------------------------------------------------------------------------- one satker


_KOLOM_BULANAN = (
    Kolom("Instrumen"), Kolom("Bulan", FORMAT["bulan"]), Kolom("Minimum", FORMAT["bulat"]),
    Kolom("Respons sah", FORMAT["bulat"]), Kolom("Capaian", FORMAT["persen"]), Kolom("Kekurangan", FORMAT["bulat"]),
    Kolom("Hari layanan", FORMAT["bulat"]), Kolom("Hari berjalan", FORMAT["bulat"]), Kolom("Hari sisa", FORMAT["bulat"]),
    Kolom("Laju per hari", FORMAT["desimal2"]), Kolom("Target harian", FORMAT["bulat"]),
    Kolom("Proyeksi akhir bulan", FORMAT["desimal1"]), Kolom("Status", status=True),
)
_KOLOM_RENCANA = (Kolom("Instrumen"), Kolom("Tanggal", FORMAT["tanggal"]), Kolom("Target hari ini", FORMAT["bulat"]),
                  Kolom("Kumulatif rencana", FORMAT["bulat"]))
_KOLOM_BUTIR = (Kolom("Instrumen"), Kolom("Kode butir"), Kolom("Unsur", lebar_maks=45), Kolom("Jumlah jawaban", FORMAT["bulat"]),
                Kolom("Nilai rata-rata (NRR)", FORMAT["desimal2"]), Kolom("Simpangan baku", FORMAT["desimal2"]),
                Kolom("Bobot", FORMAT["persen"]))
_KOLOM_SARAN = (Kolom("Tanggal", FORMAT["tanggal"]), Kolom("Jenis layanan", lebar_maks=40),
                Kolom("Saran/masukan (data pribadi disamarkan)", lebar_maks=90))
#: the Saran sheet when the comments carry their themes (``label_tema``, ``jenis``)
_KOLOM_SARAN_TEMA = (*_KOLOM_SARAN, Kolom("Tema", lebar_maks=60), Kolom("Jenis saran"))


def _satker_summary_rows(rs: Mapping[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["Kode satker", rs["kode_satker"], None], ["Nama satker", rs["nama_satker"], None],
        ["Jenis satker", rs["jenis_satker"], None], ["Kanwil", rs["kanwil"], None],
        ["Periode", rs["periode_label"], None], ["Tanggal data", _day(rs["tanggal_data"]), FORMAT["tanggal"]],
        ["Pengguna layanan", rs["populasi"], FORMAT["bulat"]], ["Metode minimum", rs["metode"], None],
        ["Minimum per bulan", rs["minimum_bulanan"], FORMAT["bulat"]], ["Hari layanan", rs["mode_hari"], None],
        ["Status", rs["status"], None],
    ]
    for ins, v in rs["instrumen"].items():
        rows += [[f"{ins} minimum periode", v["minimum_periode"], FORMAT["bulat"]],
                 [f"{ins} respons sah periode", v["respons_sah_periode"], FORMAT["bulat"]],
                 [f"{ins} capaian periode", _pct(v["capaian_persen_periode"]), FORMAT["persen"]],
                 [f"{ins} target harian bulan berjalan", v.get("target_harian_bulan_berjalan"), FORMAT["bulat"]]]
    rows.append(["Jumlah saran/masukan", rs["jumlah_saran"], FORMAT["bulat"]])
    return rows


def _records(frame) -> list[dict[str, Any]]:
    """Rows of a DataFrame (or a list of dicts) as plain dicts."""
    return frame.to_dict(orient="records") if hasattr(frame, "to_dict") else list(frame)


def satker_workbook(ringkasan: Mapping[str, Any], *, rencana: Mapping[str, Any] | None = None,
                    butir: Mapping[str, Any] | None = None, saran=None) -> Workbook:
    """``laporan.xlsx`` of one satker from its ``ringkasan.json`` and the report's tables.

    ``rencana`` (``LaporanSatker.rencana``: instrument → daily plan with ``tanggal``, ``target``,
    ``kumulatif_rencana``), ``butir`` (``LaporanSatker.indeks["butir"]``: instrument → item means
    with ``kode_butir``, ``unsur``, ``n``, ``nrr``, ``sd``, ``bobot``) and ``saran`` (every masked
    comment, columns ``tanggal_lokal``, ``jenis_layanan``, ``saran`` and optionally ``label_tema``
    and ``jenis`` (its themes and kind, two more columns); see
    :func:`spakanalysis.report.feedback.masked_feedback`) are DataFrames or lists of dicts; a sheet
    whose table is not given is left out. Comments must already be masked: they are written as is.
    """
    rs = ringkasan
    wb = _new_workbook(rs["tanggal_data"], f"Laporan Monev SPKP & SPAK {rs['nama_satker']} {rs['periode_label']}")
    _key_value_sheet(wb, "Ringkasan", _satker_summary_rows(rs))
    _sheet(wb, "Target bulanan", _KOLOM_BULANAN, (
        [b["instrumen"], _month(b["bulan"]), b["minimum"], b["respons_sah"], _pct(b["capaian_persen"]), b["kekurangan"],
         b["hari_total"], b["hari_berjalan"], b["hari_sisa"], b["laju_per_hari"], b["target_harian"], b["proyeksi"],
         b["status"]] for b in rs["bulanan"]))
    if rencana is not None:
        _sheet(wb, "Rencana harian", _KOLOM_RENCANA, (
            [ins, _day(r["tanggal"]), int(r["target"]), int(r["kumulatif_rencana"])]
            for ins, t in rencana.items() for r in _records(t)))
    if butir is not None:
        _sheet(wb, "Nilai unsur", _KOLOM_BUTIR, (
            [ins, r["kode_butir"], r["unsur"], _int_or_none(r["n"]), _finite(r["nrr"]), _finite(r["sd"]),
             _finite(r["bobot"])] for ins, t in butir.items() for r in _records(t)))
    _sheet(wb, "Indeks", _KOLOM_INDEKS, _index_rows(rs["kode_satker"], rs["nama_satker"], rs.get("indeks") or {}))
    if saran is not None:
        records = _records(saran)
        if records and "label_tema" in records[0]:
            _sheet(wb, "Saran", _KOLOM_SARAN_TEMA, ([_day(r["tanggal_lokal"]), r["jenis_layanan"], r["saran"],
                                                     r["label_tema"] or None, r["jenis"]] for r in records))
        else:
            _sheet(wb, "Saran", _KOLOM_SARAN, ([_day(r["tanggal_lokal"]), r["jenis_layanan"], r["saran"]]
                                                for r in records))
    _sheet(wb, "Rekomendasi", (Kolom("No.", FORMAT["bulat"]), Kolom("Rekomendasi", lebar_maks=100)),
           ([i, t] for i, t in enumerate(rs.get("rekomendasi") or [], start=1)))
    return wb


def _finite(x) -> float | None:
    """A float cell value, empty for a missing or non-finite number (NaN cannot be written)."""
    if x is None:
        return None
    f = float(x)
    return f if f == f and f not in (float("inf"), float("-inf")) else None
