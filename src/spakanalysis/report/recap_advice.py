"""The Kanwil recap's recommendations, in plain Indonesian, from its table and totals."""

from __future__ import annotations

from typing import Any

import pandas as pd

from spakanalysis.core.enums import BEHIND
from spakanalysis.core.formatting import format_angka

__all__ = ["recap_recommendations"]


def recap_recommendations(tabel: pd.DataFrame, failed: dict[str, str], totals: dict[str, Any]) -> list[str]:
    """What the Kanwil should do: satkers behind, reports not made, satkers without responses, what to send.

    Parameters
    ----------
    tabel : DataFrame
        The recap table (:func:`~spakanalysis.report.recap_table.recap_table` plus the failed satkers).
    failed : dict
        Satkers without a report (data errors or a failed render) and why.
    totals : dict
        :func:`~spakanalysis.report.recap_table.kanwil_totals` of the table.
    """
    advice = []
    behind = tabel[tabel["status"].isin([s.value for s in BEHIND])]
    if len(behind):
        advice.append(f"{len(behind)} satker perlu percepatan: " + ", ".join(behind["nama_satker"].astype(str))
                      + ". Minta setiap satker tersebut menetapkan target harian sesuai laporan masing-masing dan melaporkan progres mingguan.")
    if failed:
        advice.append(f"{len(failed)} satker belum mendapat laporan karena data bermasalah atau gagal dibuat (lihat lampiran): "
                      "perbaiki lalu jalankan ulang sebelum laporan dikirim.")
    zero = tabel[(tabel.get("SPKP_sah", pd.Series(dtype=float)).fillna(0) == 0) & ~tabel["data_bermasalah"]]
    if len(zero):
        advice.append("Belum ada respons sama sekali bulan ini di: " + ", ".join(zero["nama_satker"].astype(str))
                      + ". Kanwil perlu menghubungi satker tersebut minggu ini.")
    advice.append(f"Kirim laporan per satker kepada pimpinan masing-masing dan umumkan infografis capaian "
                  f"(SPKP {format_angka(totals['SPKP_persen'], 1)}%, SPAK {format_angka(totals['SPAK_persen'], 1)}% dari target Kanwil).")
    return advice
