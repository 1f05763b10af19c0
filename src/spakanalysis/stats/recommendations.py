"""Follow-up recommendations derived from a satker's figures (rules, not free text).

Each rule reads the progress of the current month, the months already closed,
the feedback received and, when available, the weakest unsur of the indices.
The wording is Bahasa Indonesia and names the numbers, so the satker head
knows what to do and how much.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from spakanalysis.core.enums import Status
from spakanalysis.core.formatting import format_angka, format_tanggal_panjang

__all__ = ["recommend"]


def recommend(
    progres: pd.DataFrame,
    tanggal_data: date,
    *,
    jumlah_saran: int = 0,
    prioritas: dict[str, pd.DataFrame] | None = None,
    melebihi_populasi: bool = False,
    tindak_lanjut: list[str] | None = None,
) -> list[str]:
    """Recommendations for one satker, most urgent first.

    Parameters
    ----------
    progres : DataFrame
        This satker's rows of :func:`spakanalysis.stats.progress.progress_table`.
    tanggal_data : date
        Data cut-off.
    jumlah_saran : int
        Number of feedback comments received in the period.
    prioritas : dict, optional
        Per instrument, the ranked weakest unsur (``unsur``, ``nrr``).
    melebihi_populasi : bool
        Whether valid responses in a month exceeded the registered service users.
    tindak_lanjut : list of str, optional
        Where a follow-up register exists: the advice naming its gaps (overdue actions,
        priorities without an action); it replaces the generic advice on priorities and comments.
    """
    from spakanalysis.stats.progress import current_month_rows

    if progres.empty:
        return []
    now = current_month_rows(progres, tanggal_data)
    total = int(progres["respons_sah"].sum())
    if (progres["status"] == Status.NOT_STARTED.value).all() and tanggal_data < progres["mulai"].min():
        return [_before_start(now, tanggal_data)]
    out: list[str] = []
    if total == 0:
        out.append(
            "Belum ada satu pun respons sah pada periode ini: pastikan tautan dan kode QR survei aktif, "
            "petugas layanan memahami mekanisme survei, dan laporkan kendala kepada Kanwil paling lambat minggu ini."
        )
    out.extend(text for _, r in now.iterrows() if (text := _month_advice(r)))
    out.extend(_acceleration_advice(now, total))
    closed = progres[progres["status"] == Status.MISSED.value]
    if len(closed):
        closed = closed.sort_values(["mulai", "instrumen"], ascending=[True, False])
        months = ", ".join(f"{r.instrumen} {r.bulan_label}" for r in closed.itertuples())
        out.append(f"Minimum tidak tercapai pada {months}: jelaskan kendalanya dalam rapat evaluasi.")
    if tindak_lanjut is not None:
        out.extend(tindak_lanjut)
        prioritas, jumlah_saran = None, 0
    out.extend(_follow_up_advice(prioritas, jumlah_saran, melebihi_populasi))
    if all(now["status"] == Status.ACHIEVED.value) and total > 0 and not len(closed):
        out.append("Tetap pantau progres secara berkala dan pertahankan kualitas layanan.")
    return out


def _before_start(now: pd.DataFrame, tanggal_data: date) -> str:
    first = now.sort_values("instrumen", ascending=False)
    targets = ", ".join(f"{r.instrumen} {format_angka(r.target_harian)}" for r in first.itertuples())
    return (
        f"Periode belum dimulai (data per {format_tanggal_panjang(tanggal_data)}). Siapkan kode QR survei di setiap "
        f"titik layanan dan mulai dengan target harian awal: {targets} respons per hari layanan."
    )


def _month_advice(r: pd.Series) -> str | None:
    """The advice for one instrument's running month, by its status (``None`` when there is none)."""
    ins, st = r["instrumen"], r["status"]
    akhir = format_tanggal_panjang(r["akhir"])
    if st == Status.NO_SERVICE_DAYS_LEFT:
        return (
            f"{ins} {r['bulan_label']}: tidak ada lagi hari layanan sampai {akhir}, padahal masih kurang "
            f"{format_angka(r['kekurangan'])} dari minimum {format_angka(r['minimum'])}. Minimum bulan ini hanya "
            "tercapai bila pengguna layanan mengisi survei di luar hari layanan; bila tidak, jelaskan "
            "kekurangannya dalam rapat evaluasi dan mulai lebih awal bulan depan."
        )
    if st in (Status.NEEDS_ACCELERATION, Status.CRITICAL) or (st == Status.NOT_STARTED and r["kekurangan"] > 0):
        laju = "belum ada" if pd.isna(r["laju_per_hari"]) else f"{format_angka(r['laju_per_hari'], 1)} per hari"
        return (
            f"{ins} {r['bulan_label']}: naikkan target harian menjadi {format_angka(r['target_harian'])} respons "
            f"per hari layanan sampai {akhir} (laju saat ini {laju}; kekurangan {format_angka(r['kekurangan'])} "
            f"dari minimum {format_angka(r['minimum'])})."
        )
    if st == Status.ON_TRACK:
        return (
            f"{ins} {r['bulan_label']}: laju sudah sesuai target; pertahankan sedikitnya "
            f"{format_angka(r['target_harian'])} respons per hari layanan dan pantau setiap hari sampai {akhir}."
        )
    if st == Status.ACHIEVED:
        return (
            f"{ins} {r['bulan_label']}: minimum {format_angka(r['minimum'])} responden sudah tercapai; tetap ajak "
            "pengguna layanan mengisi survei karena lebih banyak respons memperkecil margin galat indeks."
        )
    return None


def _acceleration_advice(now: pd.DataFrame, total: int) -> list[str]:
    out: list[str] = []
    behind = [Status.NEEDS_ACCELERATION.value, Status.CRITICAL.value, Status.NO_SERVICE_DAYS_LEFT.value]
    if now["status"].isin(behind).any() or total == 0:
        out.append(
            "Pasang kode QR survei di setiap titik layanan (loket, ruang tunggu, ruang kunjungan) dan pada "
            "tanda terima layanan."
        )
        out.append(
            "Tugaskan duta/garda layanan untuk mengajak setiap pengguna layanan eksternal yang selesai dilayani "
            "mengisi SPKP dan SPAK sebelum meninggalkan lokasi."
        )
    if (now["status"] == Status.CRITICAL.value).any():
        out.append("Laporkan progres harian kepada pimpinan satker dan evaluasi mingguan bersama Kanwil sampai target tercapai.")
    return out


def _follow_up_advice(prioritas: dict[str, pd.DataFrame] | None, jumlah_saran: int, melebihi_populasi: bool) -> list[str]:
    out: list[str] = []
    for ins, tab in (prioritas or {}).items():
        if tab is not None and len(tab):
            names = ", ".join(f"{u} ({format_angka(v, 2)})" for u, v in zip(tab["unsur"], tab["nrr"]))
            out.append(f"Prioritas perbaikan {ins}: {names}. Bahas rencana tindak lanjut per unsur dengan penanggung jawab layanan.")
    if jumlah_saran:
        out.append(
            f"Tindak lanjuti {format_angka(jumlah_saran)} saran/masukan pengguna layanan dan umumkan tindak lanjutnya "
            "(papan informasi atau media sosial satker)."
        )
    if melebihi_populasi:
        out.append(
            "Respons sah melebihi jumlah pengguna layanan yang terdaftar: perbarui jumlah pengguna layanan pada registri "
            "satker agar target minimum sesuai keadaan."
        )
    return out
