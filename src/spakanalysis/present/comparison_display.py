"""Display the comparison with the previous period, the monthly trend and the running month per week.

Notebook cells call :func:`unsur_comparison`, :func:`trend_chart` and
:func:`weekly_table`; :mod:`spakanalysis.present.change_text` gives the short lines the summary and index cards of
:mod:`spakanalysis.present.display` carry under a figure. All text goes through the autoescaped
fragment templates; every number through :mod:`spakanalysis.core.formatting`.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import SVG

from spakanalysis.core.enums import TARGET_INSTRUMENTS
from spakanalysis.core.formatting import format_angka, format_tanggal
from spakanalysis.present.change_text import READING_CLASS, signed, value_text
from spakanalysis.present.chart_output import chart_output
from spakanalysis.present.display import fragment
from spakanalysis.present.notebook_style import ScopedHTML as HTML
from spakanalysis.present.status_style import NEUTRAL_CSS_CLASS
from spakanalysis.present.trend_chart import chart_trend

__all__ = ["unsur_comparison", "trend_chart", "weekly_table"]



def unsur_comparison(lap) -> HTML:
    """Each unsur's mean score now and in the previous period, the change and its reading."""
    p = lap.pembanding
    if p is None or not p.unsur:
        return HTML("")
    parts = []
    for ins, table in p.unsur.items():
        rows = [[r["unsur"], value_text(r["nrr"], False), value_text(r["nrr_sebelum"], False), signed(r["selisih"]),
                 {"teks": r["keterangan"], "kelas": f"status {READING_CLASS.get(r['keterangan'], NEUTRAL_CSS_CLASS)}"}]
                for r in table.to_dict(orient="records")]
        parts.append(fragment("paragraf", f"Unsur {ins} dibandingkan dengan {p.periode.label}", kelas="subjudul-tabel"))
        parts.append(fragment("tabel", ["Unsur", "Nilai", p.periode.label, "Selisih", "Keterangan"], rows,
                              angka=(1, 2, 3), kelas="banding"))
    parts.append(fragment("paragraf", "Nilai rata-rata per unsur (skala 1–4). Interval 95% per unsur dihitung seperti "
                          "interval indeks (galat baku sd/√n dengan koreksi populasi terhingga, kuantil t, skala logit).",
                          kelas="catatan-kecil"))
    return HTML("\n".join(parts))


def trend_chart(lap) -> SVG | HTML:
    """Monthly IPKP, IPAK and attainment over every month in the data (PNG)."""
    if lap.tren is None or lap.tren.empty:
        return HTML(fragment("paragraf", "Belum ada data bulanan untuk grafik tren."))
    return chart_output(chart_trend(lap.tren))


def weekly_table(lap) -> HTML:
    """Valid responses per week of the running month against the week's share of the minimum."""
    w = lap.mingguan
    if w is None or w.empty:
        return HTML("")
    applies = bool(w.attrs.get("target_berlaku", True))
    phase = {"selesai": "selesai", "berjalan": "berjalan", "belum": "belum"}
    rows = []
    for r in w.to_dict(orient="records"):
        days = format_tanggal(r["mulai"], "d MMM") if r["mulai"] == r["akhir"] else \
            f"{format_tanggal(r['mulai'], 'd')}–{format_tanggal(r['akhir'], 'd MMM')}"
        row = [format_angka(r["minggu"]), days, format_angka(r["hari_layanan"])]
        for ins in TARGET_INSTRUMENTS:
            target = r[f"target_{ins}"]
            row.append(f"{format_angka(r[str(ins)]) if r['fase'] != 'belum' else '–'} / "
                       f"{'–' if pd.isna(target) else format_angka(target, 1)}")
        rows.append(row + [phase[r["fase"]]])
    cols = ["Minggu", "Tanggal", "Hari layanan", *(f"{ins} sah / bagian minimum" for ins in TARGET_INSTRUMENTS), "Keadaan"]
    note = ("Bagian minimum = minimum bulanan × hari layanan minggu itu ÷ hari layanan sebulan; minggu dihitung Senin–Minggu "
            "di dalam bulan. Minggu berjalan dihitung sampai tanggal data.")
    if not applies:
        note = "Target belum berlaku pada bulan ini, sehingga tidak ada bagian minimum per minggu."
    head = f"Respons sah per minggu, {w.attrs.get('bulan_label', '')}"
    return HTML(fragment("paragraf", head, kelas="subjudul-tabel")
                + fragment("tabel", cols, rows, angka=(0, 2, 3, 4), kelas="mingguan", catatan=note))


def recap_comparison_table(rk) -> HTML:
    """Each satker's IPKP and IPAK against the previous comparable period, with the change and its reading."""
    p = getattr(rk, "pembanding", None)
    if not p or not p["satker"]:
        return HTML(fragment("paragraf", "Tidak ada pembanding periode sebelumnya."))

    def cells(c):
        moved = "–" if c["sebelum"] is None else \
            f"{value_text(c['sebelum'], False)} → {value_text(c['sekarang'], False)} ({signed(c['selisih'])})"
        return [moved, {"teks": c["keterangan"], "kelas": f"status {READING_CLASS.get(c['keterangan'], NEUTRAL_CSS_CLASS)}"}]

    rows = [[r["nama_satker"], *cells(r["IPKP"]), *cells(r["IPAK"])] for r in p["satker"]]
    label = p["periode_label"]
    cols = ["Satker", f"IPKP {label} → kini", "Keterangan", f"IPAK {label} → kini", "Keterangan"]
    k = p["kanwil"]
    note = (f"Skala 1–4. \"Tidak berbeda bermakna\": interval kepercayaan 95% kedua periode bertumpang tindih. "
            f"Kanwil (berstrata): IPKP {value_text(k['IPKP']['sebelum'], False)} → {value_text(k['IPKP']['sekarang'], False)}, "
            f"IPAK {value_text(k['IPAK']['sebelum'], False)} → {value_text(k['IPAK']['sekarang'], False)}.")
    return HTML(fragment("paragraf", f"Dibandingkan dengan {label}", kelas="subjudul-tabel")
                + fragment("tabel", cols, rows, angka=(1, 3), kelas="rekap banding", catatan=note))
