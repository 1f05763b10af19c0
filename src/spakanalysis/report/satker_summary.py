"""The JSON summary of a satker report (``ringkasan.json``): same keys, same order, same values in every release."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from spakanalysis.core.enums import TARGET_INSTRUMENTS
from spakanalysis.core.formatting import format_tanggal_panjang
from spakanalysis.core.version import __version__
from spakanalysis.report.early_warning_report import warning_summary
from spakanalysis.stats.progress import capped_attainment, current_month_rows

__all__ = ["summary", "monthly_rows", "instrument_summary", "quality_summary"]


def _num(x, digits: int):
    return None if x is None or pd.isna(x) else round(float(x), digits)


def monthly_rows(progress: pd.DataFrame) -> list[dict[str, Any]]:
    """One record per instrument and month of the progress table."""
    return [
        {
            "instrumen": r.instrumen,
            "bulan": r.bulan,
            "minimum": int(r.minimum),
            "respons_sah": int(r.respons_sah),
            "capaian_persen": _num(r.capaian_persen, 2),
            "kekurangan": int(r.kekurangan),
            "hari_total": int(r.hari_total),
            "hari_berjalan": int(r.hari_berjalan),
            "hari_sisa": int(r.hari_sisa),
            "laju_per_hari": _num(r.laju_per_hari, 4),
            "target_harian": None if pd.isna(r.target_harian) else int(r.target_harian),
            "proyeksi": _num(r.proyeksi, 2),
            "status": r.status,
        }
        for r in progress.itertuples(index=False)
    ]


def instrument_summary(rows: pd.DataFrame, cut: date) -> dict[str, Any]:
    """Period and running-month figures of one instrument's progress rows (each month capped at its minimum)."""
    now = current_month_rows(rows, cut)
    ended = rows[rows["fase"] == "selesai"]
    running = None if now.empty else now.iloc[0]
    return {
        "minimum_periode": int(rows["minimum"].sum()),
        "respons_sah_periode": int(rows["respons_sah"].sum()),
        # each month capped at its minimum, as in the recap
        "capaian_persen_periode": _num(capped_attainment(rows["respons_sah"], rows["minimum"]), 2),
        "capaian_persen_bulan_selesai": _num(capped_attainment(ended["respons_sah"], ended["minimum"]), 2),
        "bulan_selesai": ended["bulan"].tolist(),
        "capaian_persen_bulan_berjalan": None if running is None or running["fase"] != "berjalan"
        else _num(capped_attainment(now["respons_sah"], now["minimum"]), 2),
        "bulan_berjalan": None if running is None else running["bulan"],
        "status_bulan_berjalan": None if running is None else running["status"],
        "target_harian_bulan_berjalan": None if running is None or pd.isna(running["target_harian"])
        else int(running["target_harian"]),
    }


def _identity(report) -> dict[str, Any]:
    ident, period = report.identitas, report.periode
    return {
        "spakanalysis": __version__,
        "kode_satker": ident["kode_satker"],
        "nama_satker": ident["nama_satker"],
        "jenis_satker": ident["jenis_satker"],
        "kanwil": ident["kanwil"],
        "periode": period.kode,
        "periode_label": period.label,
        "periode_mulai": period.mulai.isoformat(),
        "periode_akhir": period.akhir.isoformat(),
        "tanggal_data": report.tanggal_data.isoformat(),
        "tanggal_data_teks": format_tanggal_panjang(report.tanggal_data),
        "tanggal_cetak": ident["tanggal_cetak"].isoformat(),
        "populasi": int(ident["jumlah_pengguna_layanan"]),
    }


def quality_summary(report) -> dict[str, Any]:
    """The ``kualitas_data`` block: flag counts and shares (never submission IDs) and, with
    ``--kecualikan-tanda``, the figures with and without the flagged submissions."""
    kualitas = getattr(report, "kualitas", None)
    if kualitas is None:
        return {}
    block = {**kualitas.summary, "kecualikan_tanda": bool(getattr(report, "kecualikan_tanda", False))}
    compared = getattr(report, "pembanding_tanda", None)
    if compared is not None:
        block["pembanding"] = [{"ukuran": r.ukuran, "instrumen": r.instrumen, "semua": _num(r.semua, 4),
                                "tanpa_tanda": _num(r.tanpa_tanda, 4), "selisih": _num(r.selisih, 4)}
                               for r in compared.itertuples(index=False)]
    return block


def summary(report) -> dict[str, Any]:
    """JSON-serialisable figures of a :class:`~spakanalysis.report.satker_report.LaporanSatker`."""
    progress = report.progres
    per_instrument = {str(ins): instrument_summary(progress[progress["instrumen"] == ins], report.tanggal_data)
                      for ins in TARGET_INSTRUMENTS}
    return {
        **_identity(report),
        "aturan": report.aturan.aturan,
        "galat": report.aturan.galat,
        "lantai": report.aturan.lantai,
        "metode": report.metodologi["metode"],
        "minimum_bulanan": int(report.metodologi["hasil"]),
        "mode_hari": report.mode_hari,
        "status": report.status,
        "instrumen": per_instrument,
        "bulanan": monthly_rows(progress),
        "pengecualian": report.pengecualian.to_dict(orient="records"),
        "jumlah_saran": int(report.jumlah_saran),
        "rekomendasi": list(report.rekomendasi),
        "indeks": {} if report.indeks is None else report.indeks.summary,
        "kualitas_data": quality_summary(report),
        "peringatan_dini": warning_summary(getattr(report, "peringatan_dini", None) or {}),
        "url_survei": report.identitas.get("url_survei"),
        "tema_saran": None if getattr(report, "tema_saran", None) is None else report.tema_saran.summary(),
        "tindak_lanjut": None if getattr(report, "tindak_lanjut", None) is None else report.tindak_lanjut.summary(),
        "pembanding": None if getattr(report, "pembanding", None) is None else report.pembanding.summary(),
    }
