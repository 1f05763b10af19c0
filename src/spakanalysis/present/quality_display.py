"""The "Kualitas data" section of the satker report (HTML for the notebook cell).

Counts and shares of each data-quality flag for the period and per month, the plain sentence of
what the flag means and what it does not prove, and, with ``--kecualikan-tanda``, the figures with
and without the flagged submissions side by side. Never a submission ID.
"""

from __future__ import annotations

import pandas as pd

from spakanalysis.core.formatting import format_angka, format_persen
from spakanalysis.present.display import fragment
from spakanalysis.present.early_warning_display import month_label
from spakanalysis.present.notebook_style import ScopedHTML as HTML
from spakanalysis.report.quality_exclusion import label as comparison_label

__all__ = ["quality_section"]

_SHORT = {"garis_lurus": "Garis lurus", "maksimum": "Maksimum", "beruntun": "Beruntun", "luar_jam": "Luar jam",
          "teks_berulang": "Teks berulang", "waktu_singkat": "Waktu singkat", "ditandai": "Bertanda"}


def _pct(x) -> str:
    return "–" if x is None or pd.isna(x) else format_persen(100 * float(x))


def _intro(k, excluded: bool) -> str:
    share = k.per_tanda.set_index("tanda").loc["ditandai"]
    text = (f"Dari {format_angka(k.n)} kiriman sah periode ini, {format_angka(int(share['jumlah']))} "
            f"({_pct(share['proporsi'])}) bertanda. Tanda adalah alasan bagi Kanwil untuk memeriksa (uji petik), "
            "bukan bukti kecurangan; daftar kiriman bertanda hanya ada di berkas internal Kanwil.")
    if excluded:
        return text + " Laporan ini dibuat dengan --kecualikan-tanda: kiriman bertanda TIDAK dihitung."
    return text + " Kiriman bertanda tetap dihitung dalam laporan ini."


def _flag_rows(k) -> list[list]:
    rows = []
    for r in k.per_tanda.itertuples(index=False):
        if r.tanda == "waktu_singkat" and not k.waktu_singkat_tersedia:
            rows.append([r.label, "–", "–", "Ekspor tidak memuat waktu pengisian; tanda ini tidak dihitung."])
            continue
        rows.append([r.label, format_angka(int(r.jumlah)), _pct(r.proporsi), r.penjelasan])
    return rows


def _month_rows(k) -> tuple[list[str], list[list]]:
    flags = [f for f in _SHORT if f != "waktu_singkat" or k.waktu_singkat_tersedia]
    cols = ["Bulan", "Kiriman", *(_SHORT[f] for f in flags)]
    rows = [[month_label(r["bulan"]), format_angka(int(r["n"])), *(format_angka(int(r[f"jumlah_{f}"])) for f in flags)]
            for _, r in k.per_bulan.iterrows()]
    return cols, rows


def _value(row, x) -> str:
    if row["ukuran"] == "respons_sah":
        return format_angka(int(x)) if pd.notna(x) else "–"
    if row["ukuran"] == "capaian_persen":
        return "–" if pd.isna(x) else format_persen(x)
    return "–" if pd.isna(x) else format_angka(x, 2)


def _comparison(table: pd.DataFrame) -> str:
    rows = [[comparison_label(r), _value(r, r["semua"]), _value(r, r["tanpa_tanda"]), _value(r, r["selisih"])]
            for _, r in table.iterrows()]
    note = ("Capaian periode: setiap bulan dibatasi pada minimumnya, seperti rekap. Indeks pada skala 1–4. "
            "Angka di bagian lain laporan ini memakai kolom \"Tanpa kiriman bertanda\".")
    return fragment("tabel", ["Ukuran", "Semua kiriman", "Tanpa kiriman bertanda", "Selisih"], rows,
                    angka=(1, 2, 3), kelas="pembanding-tanda", catatan=note)


def quality_section(lap) -> HTML:
    """The section's HTML: introduction, flags table, per-month counts, and the comparison when excluded."""
    k = lap.kualitas
    if k is None:
        return HTML(fragment("paragraf", "Pemeriksaan kualitas data tidak dijalankan untuk laporan ini."))
    parts = [fragment("paragraf", _intro(k, lap.kecualikan_tanda))]
    parts.append(fragment("tabel", ["Tanda", "Jumlah", "Proporsi", "Artinya (dan yang tidak dibuktikannya)"],
                          _flag_rows(k), angka=(1, 2), kelas="kualitas-data",
                          catatan=f"Ambang dan alasannya: konfigurasi kualitas data versi {k.versi_konfigurasi}."))
    if len(k.per_bulan):
        cols, rows = _month_rows(k)
        parts.append(fragment("paragraf", "Jumlah kiriman bertanda per bulan:", kelas="subjudul-tabel"))
        parts.append(fragment("tabel", cols, rows, angka=tuple(range(1, len(cols))), kelas="kualitas-bulanan"))
    if lap.pembanding_tanda is not None and len(lap.pembanding_tanda):
        parts.append(fragment("paragraf", "Dengan dan tanpa kiriman bertanda:", kelas="subjudul-tabel"))
        parts.append(_comparison(lap.pembanding_tanda))
    return HTML("\n".join(parts))


def recap_quality(rk) -> HTML:
    """Recap: satkers ranked by flagged share (highest first), with the flagged count."""
    table = (rk.kualitas or {}).get("kualitas_data")
    if table is None or table.empty:
        return HTML(fragment("paragraf", "Tidak ada kiriman sah yang diperiksa."))
    rows = [[r.kode_satker, r.nama_satker, format_angka(int(r.respons_diperiksa)), format_angka(int(r.jumlah_ditandai)),
             _pct(r.proporsi_ditandai)] for r in table.itertuples(index=False)]
    note = ("Diurutkan dari proporsi kiriman bertanda tertinggi. Tanda adalah alasan untuk memeriksa (uji petik), "
            "bukan bukti kecurangan; arti setiap tanda ada di laporan satker, bagian Kualitas data.")
    return HTML(fragment("tabel", ["Kode", "Satker", "Kiriman sah", "Bertanda", "Proporsi bertanda"], rows,
                         angka=(2, 3, 4), kelas="rekap-kualitas", catatan=note))


def recap_risk(rk) -> HTML:
    """Recap: satkers ranked by the probability of reaching the running month's minimum (lowest first)."""
    from spakanalysis.present.early_warning_display import probability_text

    table = (rk.kualitas or {}).get("peringatan_dini")
    if table is None or table.empty:
        return HTML(fragment("paragraf", "Tidak ada bulan yang sedang berjalan pada tanggal data."))
    rows = [[r.kode_satker, r.nama_satker, probability_text(r.probabilitas_spkp), probability_text(r.probabilitas_spak)]
            for r in table.itertuples(index=False)]
    note = ("Peluang mencapai minimum bulan berjalan pada akhir bulan dengan laju respons sah satker sendiri "
            "(8 minggu terakhir); diurutkan dari peluang terendah (SPKP atau SPAK).")
    return HTML(fragment("tabel", ["Kode", "Satker", "Peluang SPKP", "Peluang SPAK"], rows, angka=(2, 3),
                         kelas="rekap-peringatan", catatan=note))
