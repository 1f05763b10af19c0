"""Display the feedback themes, the appendix of every comment and the follow-up ("Tindak lanjut") of a satker report.

The section shows the themes and at most :data:`~spakanalysis.report.themes.MAX_PDF_QUOTES`
quotes; the appendix with every comment is shown in the HTML only (CSS class ``hanya-layar``),
while the PDF says where it is (class ``hanya-cetak``). Comments are text, always escaped.
"""

from __future__ import annotations

import pandas as pd

from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal_panjang
from spakanalysis.present.display import fragment
from spakanalysis.present.notebook_style import ScopedHTML as HTML
from spakanalysis.report.follow_up import STATE_LABELS
from spakanalysis.report.themes import MAX_PDF_QUOTES, NO_THEME

__all__ = ["themes", "feedback_appendix", "follow_up", "selected_quotes"]

_TEMPLATE = "umpan_balik.html.j2"
_KINDS = {"keluhan": "Keluhan", "usulan": "Usulan", "pujian": "Pujian", None: "–"}
_STATE_CLASS = {"selesai": "status status-tercapai", "berjalan": "status status-sesuai",
                "direncanakan": "status status-netral", "terlambat": "status status-kritis",
                "batal": "status status-netral"}
WHERE_ALL = "Lampiran D laporan HTML dan lembar Saran pada laporan.xlsx"


def selected_quotes(table: pd.DataFrame, limit: int = MAX_PDF_QUOTES, others: list[str] | None = None) -> list[dict]:
    """Per theme (in table order) its quotes, then up to two comments without a theme (``others``, under
    :data:`~spakanalysis.report.themes.NO_THEME`); each text once over all, at most ``limit`` in all."""
    out, seen = [], set()
    groups = [(r.label, (r.kutipan_1, r.kutipan_2)) for r in table[table["jumlah"] > 0].itertuples(index=False)]
    if others:
        groups.append((NO_THEME, tuple(others[:2])))
    for label, texts in groups:
        quotes = []
        for q in texts:
            if q is not None and q not in seen and len(seen) < limit:
                seen.add(q)
                quotes.append(q)
        if quotes:
            out.append({"label": label, "kutipan": quotes})
    return out


def _change(row) -> str:
    if pd.isna(row.perubahan):
        return "–"
    points = 100 * row.perubahan
    sign = "+" if points > 0.05 else ""
    return f"{sign}{format_angka(points, 1)} poin"


def _theme_rows(sec) -> list[dict]:
    rows, table = [], sec.themes
    for r in table.itertuples(index=False):
        marks = [m for m, on in (("keluhan korupsi", r.korupsi), ("unsur terlemah", r.menyentuh_unsur_terlemah)) if on]
        kinds = ", ".join(f"{format_angka(n)} {k}" for k, n in (("keluhan", r.jumlah_keluhan), ("usulan", r.jumlah_usulan),
                                                                ("pujian", r.jumlah_pujian)) if n)
        rows.append({"label": r.label, "unsur": sec.unsur_text(r.unsur), "jumlah": format_angka(r.jumlah),
                     "pangsa": format_persen(100 * r.pangsa), "perubahan": _change(r), "jenis": kinds or "–",
                     "tanda": "; ".join(marks) or "–",
                     "kelas": "tema-korupsi" if r.korupsi else ("tema-terlemah" if r.menyentuh_unsur_terlemah else "")})
    return rows


def themes(lap) -> HTML:
    """Section 6: the themes with count, share, change against the previous period, and quotes (≤ 30)."""
    sec = lap.tema_saran
    total, table = len(sec.comments), sec.themes
    prev = "periode sebelumnya" if sec.previous is None else sec.previous.label
    intro = (f"Jumlah saran/masukan tertulis dari responden sah: {format_angka(total)}; "
             f"{format_angka(int((sec.comments['tema'].map(len) > 0).sum()))} di antaranya memuat sedikitnya satu tema. "
             f"Pangsa = persen komentar yang memuat tema (satu komentar dapat memuat beberapa tema); perubahan "
             f"dibandingkan {prev}. Keluhan korupsi (pungli, imbalan, calo, suap) selalu ditampilkan paling atas. "
             "Data pribadi yang terketik di dalam teks disamarkan.")
    if table["pangsa_sebelumnya"].isna().all() and len(table):
        intro += f" Tidak ada komentar pada {prev}, sehingga perubahan tidak dapat dihitung."
    c = sec.comments
    # comments that fit no theme may name a new problem: the two latest are quoted too
    loose = c[c["berisi"] & (c["tema"].map(len) == 0)]["saran"].astype(str).str.strip().drop_duplicates()
    quotes = selected_quotes(table, others=loose.tolist())
    shown = sum(len(q["kutipan"]) for q in quotes)
    print_note = (f"Ditampilkan {format_angka(shown)} kutipan dari {format_angka(total)} komentar; semua komentar, "
                  f"dikelompokkan per tema, ada di {WHERE_ALL}.") if total else ""
    screen_note = f"Semua {format_angka(total)} komentar, dikelompokkan per tema, ada di Lampiran D." if total else ""
    columns = ["Tema", "Unsur terkait", "Jumlah", "Pangsa", "Perubahan", "Jenis", "Catatan"]
    return HTML(fragment("tema", intro, columns, _theme_rows(sec), quotes, print_note, screen_note, berkas=_TEMPLATE))


def feedback_appendix(lap) -> HTML:
    """Appendix D (HTML only): every comment of the period, masked, grouped by theme."""
    sec = lap.tema_saran
    groups = []
    for label, rows in sec.by_theme():
        body = [{"tanggal": format_tanggal_panjang(pd.Timestamp(t).date()) if pd.notna(t) else "–", "layanan": svc,
                 "jenis": _KINDS.get(kind, "–"), "saran": text}
                for t, svc, text, kind in rows[["tanggal_lokal", "jenis_layanan", "saran", "jenis"]].itertuples(index=False)]
        groups.append({"label": label, "jumlah": format_angka(len(body)), "baris": body})
    intro = (f"Semua {format_angka(len(sec.comments))} komentar periode ini, terbaru lebih dulu, dikelompokkan per tema; "
             "komentar dengan beberapa tema muncul di setiap temanya. Data pribadi disamarkan.")
    print_note = f"Daftar lengkap {format_angka(len(sec.comments))} komentar ada di {WHERE_ALL}."
    return HTML(fragment("lampiran", intro, groups, print_note, berkas=_TEMPLATE))


def _action_rows(frame: pd.DataFrame, name=str) -> list[list]:
    rows = []
    for r in frame.itertuples(index=False):
        state = STATE_LABELS[r.keadaan]
        if r.keadaan == "terlambat":
            state = f"Terlambat {format_angka(r.hari_terlambat)} hari"
        elif r.keadaan == "selesai":
            state = f"Selesai {format_tanggal_panjang(r.tanggal_selesai)}"
            if r.hari_terlambat:
                state += f" ({format_angka(r.hari_terlambat)} hari setelah target)"
        rows.append([name(r.unsur_atau_tema), r.masalah, r.rencana_aksi, r.penanggung_jawab,
                     format_tanggal_panjang(r.target_tanggal), {"teks": state, "kelas": _STATE_CLASS[r.keadaan]},
                     r.bukti or "–"])
    return rows


def follow_up(lap) -> HTML:
    """Section "Tindak lanjut": actions answering the previous period, actions of this one, priorities without one."""
    fu = lap.tindak_lanjut
    if not fu.has_register:
        text = ("Register tindak lanjut (tindak_lanjut.csv) belum ada di folder data. Prioritas di bawah ini dapat "
                "dijadikan rencana tindak lanjut melalui usulan_tindak_lanjut.xlsx.")
    else:
        text = f"Keadaan per tanggal data {format_tanggal_panjang(lap.tanggal_data)} dari register tindak lanjut."
    columns = ["Unsur/tema", "Masalah", "Rencana aksi", "Penanggung jawab", "Target", "Keadaan", "Bukti"]
    prev = "periode sebelumnya" if fu.previous is None else fu.previous.label
    parts = [
        {"judul": f"Hasil tindak lanjut {prev}", "kolom": columns, "baris": _action_rows(fu.answering_previous, lap.tema_saran.target_label),
         "kosong": f"Tidak ada aksi di register yang menjawab {prev}.", "catatan": text},
        {"judul": f"Rencana tindak lanjut {lap.periode.label}", "kolom": columns, "baris": _action_rows(fu.planned, lap.tema_saran.target_label),
         "kosong": f"Belum ada aksi di register untuk {lap.periode.label}.", "catatan": ""},
        {"judul": "Prioritas yang belum memiliki rencana tindak lanjut", "kolom": ["Prioritas", "Alasan"],
         "baris": [[g["label"], g["alasan"]] for g in fu.gaps],
         "kosong": "Setiap prioritas sudah memiliki rencana tindak lanjut.",
         "catatan": "Usulan per prioritas ada di usulan_tindak_lanjut.xlsx di folder laporan satker ini." if fu.gaps else ""},
    ]
    if fu.register_problems:
        parts[0]["catatan"] += (f" {format_angka(fu.register_problems)} baris register satker ini tidak dipakai karena "
                                "bermasalah (lihat spakanalysis validasi).")
    return HTML(fragment("tindak_lanjut", parts, berkas=_TEMPLATE))


def recap_themes(rk) -> HTML:
    """Recap: the Kanwil's most frequent themes (corruption complaints first) and each satker's top themes."""
    cyc = rk.siklus
    kanwil = [[r.label, format_angka(r.jumlah), format_persen(100 * r.pangsa) if pd.notna(r.pangsa) else "–",
               format_angka(r.jumlah_satker), format_angka(r.jumlah_korupsi) if r.jumlah_korupsi else "–"]
              for r in cyc.kanwil_themes.head(6).itertuples(index=False)]
    satker = [[r.nama_satker, format_angka(r.jumlah_komentar), "; ".join(r.tema_utama),
               format_angka(r.keluhan_korupsi) if r.keluhan_korupsi else "–"]
              for r in cyc.themes.itertuples(index=False)]
    parts = [fragment("paragraf", "Tema yang paling sering muncul dalam saran/masukan di seluruh satker; keluhan "
                                  "korupsi (pungli, imbalan, calo, suap) selalu di atas.", berkas="satker.html.j2"),
             fragment("tabel", ["Tema", "Komentar", "Pangsa", "Satker", "Keluhan korupsi"], kanwil, angka=(1, 2, 3, 4)),
             fragment("paragraf", "Tema utama per satker:", kelas="subjudul-tabel"),
             fragment("tabel", ["Satker", "Komentar", "Tema utama", "Keluhan korupsi"], satker, angka=(1, 3))]
    return HTML("\n".join(parts))


def recap_follow_up(rk) -> HTML:
    """Recap: per satker the number of actions, % done and overdue; Kanwil totals; satkers with overdue actions."""
    cyc = rk.siklus
    if not cyc.has_register:
        return HTML(fragment("paragraf", "Register tindak lanjut (tindak_lanjut.csv) belum ada di folder data."))
    tot = cyc.totals()
    rows = [[r.nama_satker, format_angka(r.jumlah_aksi), format_angka(r.selesai),
             format_persen(r.persen_selesai) if r.persen_selesai is not None else "–",
             {"teks": f"{format_angka(r.terlambat)} (maks. {format_angka(r.terlambat_hari_maks)} hari)",
              "kelas": "angka status status-kritis"} if r.terlambat else "–"]
            for r in cyc.actions.itertuples(index=False)]
    names = dict(zip(cyc.actions["kode_satker"], cyc.actions["nama_satker"]))
    late = ", ".join(names[c] for c in tot["satker_terlambat"]) or "tidak ada"
    prev = "periode sebelumnya" if cyc.previous is None else cyc.previous.label
    text = (f"Aksi yang menjawab {prev} dan yang direncanakan untuk {rk.periode.label}: {format_angka(tot['jumlah_aksi'])} "
            f"aksi di {format_angka(tot['satker_dengan_aksi'])} satker, {format_angka(tot['selesai'])} selesai "
            f"({format_persen(tot['persen_selesai'])} dari aksi yang tidak dibatalkan), {format_angka(tot['terlambat'])} "
            f"melewati target per {format_tanggal_panjang(rk.tanggal_data)}. Satker dengan aksi terlambat: {late}.")
    parts = [fragment("paragraf", text),
             fragment("tabel", ["Satker", "Aksi", "Selesai", "% selesai", "Terlambat"], rows, angka=(1, 2, 3))]
    return HTML("\n".join(parts))
