"""Display a :class:`~spakanalysis.report.satker_report.LaporanSatker` in a notebook, section by section.

Each function returns an IPython display object (HTML built from autoescaped
Jinja2 fragments, or a PNG image). Free text from respondents is always
escaped, so ``<script>`` in a comment is shown as text, never run.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import SVG
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from spakanalysis.core.enums import TARGET_INSTRUMENTS, Outcome, Status
from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal, format_tanggal_panjang
from spakanalysis.present.change_text import attainment_cards, index_note, previous_month_note
from spakanalysis.present.chart_output import chart_output
from spakanalysis.present.charts import chart_cumulative, chart_daily
from spakanalysis.present.notebook_style import ScopedHTML as HTML
from spakanalysis.present.status_style import NEUTRAL_CSS_CLASS, STATUS_CSS_CLASS, css_class
from spakanalysis.stats.progress import current_month_rows

__all__ = [
    "cover",
    "summary_cards",
    "target_table",
    "cumulative_chart",
    "daily_chart",
    "daily_plan_table",
    "feedback",
    "recommendations",
    "methodology",
    "exclusions",
    "data_sources",
    "fragment",
]

_METHOD_ABBREVIATIONS = {"krejcie-morgan": "KM", "krejcie-morgan-tabel": "KM-tabel", "slovin": "S", "cochran": "C"}
_DAY_MODES = {"kalender": "hari kalender", "senin-jumat": "hari layanan Senin–Jumat", "senin-sabtu": "hari layanan Senin–Sabtu"}


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("spakanalysis.present", "templates/fragmen"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def fragment(name: str, *args: Any, berkas: str = "satker.html.j2", **kwargs: Any) -> str:
    """Render one macro of a fragment template to an HTML string."""
    return str(getattr(_env().get_template(berkas).module, name)(*args, **kwargs))


def _status(status: str) -> dict[str, str]:
    """A status badge for the fragment templates (its text and CSS classes)."""
    return {"teks": status, "kelas": f"status {css_class(status)}"}


def _int(x) -> str:
    return format_angka(None if pd.isna(x) else int(x))


def cover(lap) -> HTML:
    """Cover and identity block (Kanwil, satker, period, data cut-off, print and meeting date)."""
    ident = dict(lap.identitas)
    ident["tanggal_data_teks"] = format_tanggal(ident["tanggal_data"])
    ident["tanggal_cetak_teks"] = format_tanggal(ident["tanggal_cetak"])
    ident["tanggal_rapat_teks"] = format_tanggal(ident["tanggal_rapat"]) if ident.get("tanggal_rapat") else ""
    ident["kota"] = ident.get("kota") if isinstance(ident.get("kota"), str) else ""
    return HTML(fragment("sampul", ident))


def summary_cards(lap) -> HTML:
    """Figures at a glance: minimum, valid responses, attainment, daily target, status."""
    now = current_month_rows(lap.progres, lap.tanggal_data)
    items = [
        {"label": "Pengguna layanan (N)", "nilai": format_angka(lap.identitas["jumlah_pengguna_layanan"]),
         "ket": f"periode acuan {lap.identitas.get('periode_acuan') or '–'}"},
        {"label": "Minimum responden per bulan", "nilai": format_angka(lap.metodologi["hasil"]), "ket": lap.metodologi["metode"]},
    ]
    for ins in TARGET_INSTRUMENTS:
        r = now[now["instrumen"] == ins]
        if r.empty:
            continue
        r = r.iloc[0]
        items.append({
            "label": f"{ins} {r['bulan_label']}",
            "nilai": f"{_int(r['respons_sah'])} / {_int(r['minimum'])}" if r.get("target_berlaku", True) else f"{_int(r['respons_sah'])} sah",
            "ket": " · ".join(filter(None, [
                f"capaian {format_persen(r['capaian_persen'])}" if r.get("target_berlaku", True) else r["status"],
                previous_month_note(getattr(lap, "tren", None), r["bulan"], str(ins))])),
            "kelas": css_class(r["status"], ""),
        })
        target = "–" if pd.isna(r["target_harian"]) or not r.get("target_berlaku", True) else _int(r["target_harian"])
        items.append({
            "label": f"Target harian {ins}",
            "nilai": target,
            "ket": f"{r['status']} · sisa {_int(r['hari_sisa'])} {_DAY_MODES[lap.mode_hari]}",
            "kelas": css_class(r["status"], ""),
        })
    items.append({"label": "Status satker", "nilai": lap.status, "kelas": css_class(lap.status, ""),
                  "ket": f"data per {format_tanggal_panjang(lap.tanggal_data)}"})
    items += attainment_cards(getattr(lap, "pembanding", None))
    return HTML(fragment("kartu", items))


def target_table(lap) -> HTML:
    """SPKP and SPAK target versus realisation, per month."""
    rows = []
    for r in lap.progres.itertuples(index=False):
        rows.append([
            r.instrumen, r.bulan_label, _int(r.minimum) if getattr(r, "target_berlaku", True) else "–", _int(r.respons_sah),
            format_persen(r.capaian_persen),
            f"{_int(r.hari_berjalan)} / {_int(r.hari_total)}",
            "–" if pd.isna(r.laju_per_hari) else format_angka(r.laju_per_hari, 1),
            "–" if pd.isna(r.target_harian) or not getattr(r, "target_berlaku", True) else _int(r.target_harian),
            "–" if pd.isna(r.proyeksi) else format_angka(r.proyeksi, 0),
            _status(r.status),
        ])
    cols = ["Instrumen", "Bulan", "Minimum", "Respons sah", "Capaian", "Hari berjalan",
            "Laju/hari", "Target/hari", "Proyeksi", "Status"]
    note = (f"Hari dihitung sebagai {_DAY_MODES[lap.mode_hari]}; libur nasional dan cuti bersama tidak dihitung"
            if lap.mode_hari != "kalender" else "Hari dihitung sebagai hari kalender")
    note += ". Proyeksi = respons sah + laju × hari sisa. Target harian = kekurangan ÷ hari sisa, dibulatkan ke atas; rencana harian membagi kekurangan ke setiap hari sisa sedekat mungkin rata (selisih antarhari paling banyak 1)."
    if "target_berlaku" in lap.progres and not lap.progres["target_berlaku"].all():
        note += (f" Minimum responden berlaku mulai {format_tanggal_panjang(lap.aturan.berlaku_mulai)}; bulan sebelumnya "
                 "berstatus \"Target belum berlaku\", tanpa minimum, dan tidak dihitung dalam capaian.")
    return HTML(fragment("tabel", cols, rows, angka=(2, 3, 4, 5, 6, 7, 8), kelas="target", catatan=note))


def cumulative_chart(lap, instrumen: str | tuple[str, ...] = TARGET_INSTRUMENTS) -> SVG:
    """Cumulative valid responses against the target path, one panel per instrument (PNG)."""
    fig = chart_cumulative(lap.harian, lap.progres, instrumen)
    return chart_output(fig)


def daily_chart(lap) -> SVG:
    """Valid responses per day (SVG)."""
    return chart_output(chart_daily(lap.harian))


def daily_plan_table(lap) -> HTML:
    """The plan for the remaining days of the current month, per instrument."""
    parts = []
    for ins, plan in lap.rencana.items():
        if plan.empty:
            now = current_month_rows(lap.progres[lap.progres["instrumen"] == ins], lap.tanggal_data)
            if len(now) and now.iloc[0]["status"] == Status.NO_SERVICE_DAYS_LEFT:
                r = now.iloc[0]
                text = (f"{ins}: tidak ada lagi hari layanan sampai akhir bulan, padahal masih kurang "
                        f"{_int(r['kekurangan'])} respons; tidak ada target harian yang dapat dibagi.")
            else:
                text = f"{ins}: tidak ada target harian tersisa (minimum bulan ini sudah tercapai atau bulan sudah berakhir)."
            parts.append(fragment("paragraf", text))
            continue
        rows = [[format_tanggal(d), _int(t), _int(k)] for d, t, k in plan.itertuples(index=False)]
        parts.append(fragment("paragraf", f"Rencana harian {ins}: {format_angka(int(plan['target'].sum()))} respons lagi dalam {len(plan)} {_DAY_MODES[lap.mode_hari]}.", kelas="subjudul-tabel"))
        parts.append(fragment("tabel", ["Tanggal", f"Target {ins}", "Kumulatif rencana"], rows, angka=(1, 2), kelas="rencana"))
    return HTML("\n".join(parts))


def feedback(lap) -> HTML:
    """Feedback counts and the latest comments (escaped, personal data masked)."""
    rows = [{"tanggal": format_tanggal_panjang(pd.Timestamp(t).date()) if pd.notna(t) else "–", "layanan": svc, "saran": s}
            for t, svc, s in lap.saran.itertuples(index=False)]
    return HTML(fragment("saran", rows, format_angka(lap.jumlah_saran), format_angka(len(rows))))


def recommendations(lap) -> HTML:
    """Follow-up recommendations derived from the figures."""
    return HTML(fragment("daftar", lap.rekomendasi))


def methodology(lap) -> HTML:
    """The sample-size formula with this satker's numbers substituted."""
    m = lap.metodologi
    text = "\n".join([m["rumus"], m["substitusi"], f"Jumlah responden minimum per bulan: {format_angka(m['hasil'])}"])
    html = fragment("rumus", {"metode_label": m["metode"], "teks": text, "catatan": m.get("catatan", [])})
    return HTML(html + "\n".join(fragment("paragraf", p) for p in _index_method(lap)))


def _index_method(lap) -> list[str]:
    """The index method in plain Indonesian with this report's numbers (interval, population rule, Kanwil)."""
    from spakanalysis.core.periods import month_equivalents, period_population

    per_month = lap.identitas["jumlah_pengguna_layanan"]
    end = min(lap.periode.akhir, lap.tanggal_data)
    months = month_equivalents(lap.periode.mulai, end)
    population = period_population(per_month, lap.periode.mulai, end)
    return [
        "Metode indeks. IPKP dan IPAK adalah rata-rata nilai per unsur. Galat baku dihitung dari keragaman jawaban "
        "responden dan dikoreksi untuk populasi terhingga (ragam dikali (populasi − n) / populasi). Interval "
        "kepercayaan 95% memakai kuantil t dengan derajat bebas n − 1 (bukan 1,96) pada skala logit, lalu dikembalikan "
        "ke skala asli, sehingga selalu berada di dalam rentang skala dan lebih lebar ke arah nilai rendah bila "
        "jawaban menumpuk di nilai tertinggi. Dalam simulasi (benchmarks/simulasi_cakupan.py) interval ini memuat "
        "nilai sebenarnya pada 94–96% sampel untuk n = 30, 100 dan 300. Pada kartu skala 0–100 intervalnya juga "
        "pada skala 0–100.",
        f"Populasi. Jumlah pengguna layanan di registri ({format_angka(per_month)}) adalah rata-rata per bulan. Indeks "
        f"periode ini mencakup {format_tanggal_panjang(lap.periode.mulai)} sampai {format_tanggal_panjang(end)}, "
        f"yaitu {format_angka(months, 2)} bulan (bulan yang hanya sebagian dihitung menurut jumlah harinya), sehingga "
        f"populasinya {format_angka(per_month)} × {format_angka(months, 2)} = {format_angka(population, 1)} pengguna layanan. "
        "Indeks per bulan memakai populasi bulan itu; indeks per jenis layanan dan per kelompok memakai bagian populasi yang sebanding "
        "dengan jumlah responnya. Bila jumlah respons mencapai populasi, laporan menyebutnya \"sensus\" dan "
        "intervalnya dihitung tanpa koreksi populasi terhingga (responden mengisi survei atas kemauan sendiri).",
        "Indeks Kanwil (di rekap Kanwil) adalah indeks berstrata: indeks setiap satker dibobot menurut jumlah pengguna "
        "layanannya, bukan semua responden digabung, sehingga satker yang mengumpulkan lebih banyak respons tidak "
        "menjadi lebih berat.",
    ]


def exclusions(lap) -> HTML:
    """How many rows were excluded and why."""
    cols = ["Alasan"] + [c for c in lap.pengecualian.columns if c != "alasan"]
    rows = [[r[0]] + [_int(v) for v in r[1:]] for r in lap.pengecualian[["alasan"] + cols[1:]].itertuples(index=False)]
    return HTML(fragment("tabel", cols, rows, angka=tuple(range(1, len(cols))), kelas="pengecualian"))


def data_sources(lap) -> HTML:
    """Input files with the rows this report read of each (the satker's own rows of a response file or of the
    registry) and the SHA-256 of those rows (first 12 characters): see :mod:`spakanalysis.report.provenance`."""
    rows = [[s["berkas"], _int(s["baris"]), s["sha256"][:12]] for s in lap.sumber]
    return HTML(fragment("tabel", ["Berkas", "Baris yang dibaca", "SHA-256 baris itu (awal)"], rows, angka=(1,),
                         kelas="sumber"))


# ----------------------------------------------------------------------------- Kanwil recap


def recap_cover(rk) -> HTML:
    """Cover of the Kanwil recap."""
    ident = {"kanwil": rk.kanwil, "nama_satker": rk.kanwil, "kode_satker": "Semua satker", "jenis_satker": "Rekapitulasi",
         "kota": "", "periode_label": rk.periode.label, "tanggal_data_teks": format_tanggal(rk.tanggal_data),
         "tanggal_cetak_teks": format_tanggal(rk.tanggal_cetak),
         "tanggal_rapat_teks": format_tanggal(rk.tanggal_rapat) if rk.tanggal_rapat else ""}
    return HTML(fragment("sampul", ident))


def recap_cards(rk) -> HTML:
    """Kanwil totals at a glance."""
    t = rk.total
    items = [
        {"label": "Satker dipantau", "nilai": format_angka(t["jumlah_satker"])},
        {"label": "Satker tercapai", "nilai": format_angka(t["satker_tercapai"]), "kelas": STATUS_CSS_CLASS[Status.ACHIEVED]},
        {"label": "Satker perlu percepatan", "nilai": format_angka(t["satker_perlu_percepatan"]), "kelas": STATUS_CSS_CLASS[Status.NEEDS_ACCELERATION]},
        {"label": "Minimum Kanwil (bulan ini)", "nilai": format_angka(t["minimum"])},
        {"label": "SPKP sah bulan ini", "nilai": format_angka(t["SPKP_sah"]), "ket": f"capaian {format_persen(t['SPKP_persen'])}"},
        {"label": "SPAK sah bulan ini", "nilai": format_angka(t["SPAK_sah"]), "ket": f"capaian {format_persen(t['SPAK_persen'])}"},
    ]
    if t.get("satker_data_bermasalah"):
        items.append({"label": "Satker dengan data bermasalah", "nilai": format_angka(t["satker_data_bermasalah"]),
                      "kelas": STATUS_CSS_CLASS[Outcome.DATA_PROBLEM]})
    return HTML(fragment("kartu", items))


def recap_table(rk) -> HTML:
    """Every satker, ordered by attainment (lowest first)."""
    rows = []
    for r in rk.tabel.to_dict(orient="records"):
        if r.get("data_bermasalah"):
            rows.append([r["nama_satker"], "–", "–", "–", "–", "–", "–", _status(r["status"]), "–"])
            continue
        rows.append([
            r["nama_satker"], _int(r["populasi"]), f"{_int(r['minimum'])} ({_METHOD_ABBREVIATIONS.get(r['metode'], r['metode'])})",
            _int(r.get("SPKP_sah")), format_persen(r.get("SPKP_persen")), _int(r.get("SPAK_sah")), format_persen(r.get("SPAK_persen")),
            _status(r["status"]), "–" if pd.isna(r.get("target_harian")) else _int(r.get("target_harian")),
        ])
    cols = ["Satker", "Pengguna layanan", "Minimum/bulan", "SPKP sah", "SPKP %", "SPAK sah", "SPAK %", "Status", "Target/hari"]
    note = "Angka bulan berjalan. Metode minimum: KM = Krejcie & Morgan, S = Slovin, C = Cochran. Target harian: respons sah per hari layanan yang masih diperlukan (nilai terbesar dari SPKP dan SPAK)."
    return HTML(fragment("tabel", cols, rows, angka=(1, 2, 3, 4, 5, 6, 8), kelas="rekap", catatan=note))


def recap_attainment_chart(rk) -> SVG:
    """Attainment (lower of SPKP and SPAK, this month) by satker."""
    from spakanalysis.present.charts import chart_attainment

    t = rk.tabel[~rk.tabel["data_bermasalah"]]
    return chart_output(chart_attainment(t))


def recap_status_counts(rk) -> HTML:
    """Number of satkers per status."""
    rows = [[_status(s), format_angka(int(n))] for s, n in rk.jumlah_status.items()]
    return HTML(fragment("tabel", ["Status", "Jumlah satker"], rows, angka=(1,), kelas="status-hitung"))


def recap_recommendations(rk) -> HTML:
    """Kanwil-level recommendations."""
    return HTML(fragment("daftar", rk.rekomendasi))


def recap_failures(rk) -> HTML:
    """Satkers whose report could not be made, and why."""
    if not rk.gagal:
        return HTML(fragment("paragraf", "Semua satker memiliki data yang dapat diolah."))
    rows = [[k, v] for k, v in rk.gagal.items()]
    return HTML(fragment("tabel", ["Satker", "Masalah"], rows, kelas="gagal"))


# ----------------------------------------------------------------------------- survey results

_KESIAPAN_KELAS = {"memenuhi": "status-tercapai", "belum memenuhi": "status-kritis", "belum dapat disimpulkan": "status-netral"}


def _interval(res, skala: str = "asli") -> str:
    """The 95% interval of ``res`` in the unit of the value shown beside it (``"asli"`` or ``"100"``)."""
    if res.n_respons == 0 or not np.isfinite(res.nilai):
        return "–"
    lo, hi = (res.ci_bawah, res.ci_atas) if skala == "asli" else (res.ci_bawah_100, res.ci_atas_100)
    if not np.isfinite(lo):
        return "interval tidak tersedia"
    return f"IK 95%: {format_angka(lo, 2)}–{format_angka(hi, 2)}"


def index_cards(lap) -> HTML:
    """IPKP and IPAK with their 95% intervals, conversion to 0–100 and Zona Integritas readiness."""
    survey = lap.indeks
    if survey is None:
        return HTML(fragment("paragraf", "Indeks tidak dihitung untuk laporan ini."))
    items, rows = [], []
    for inst in survey.instruments:
        res, name = inst.result, inst.index_name
        value = "–" if not np.isfinite(res.nilai) else format_angka(res.nilai, 2)
        note = f"{_interval(res)} · n = {format_angka(res.n_respons)}" + (" · sensus" if res.sensus else "")
        note = " · ".join(filter(None, [note, index_note(getattr(lap, "pembanding", None), name)]))
        items.append({"label": f"{name} (skala {format_angka(res.skala_min)}–{format_angka(res.skala_maks)})", "nilai": value,
                      "ket": note, "kelas": "" if res.cukup else NEUTRAL_CSS_CLASS})
        items.append({"label": f"{name} skala 0–100", "nilai": "–" if not np.isfinite(res.nilai_100) else format_angka(res.nilai_100, 2),
                      "ket": f"{_interval(res, '100')} · n = {format_angka(res.n_respons)}"})
        for k in inst.readiness:
            rows.append([name, k.predikat, f"≥ {format_angka(k.ambang, 2)}", value, _interval(res),
                         {"teks": k.status, "kelas": f"status {_KESIAPAN_KELAS.get(k.status, NEUTRAL_CSS_CLASS)}"}])
    notes = [inst.result.keterangan for inst in survey.instruments if inst.result.keterangan]
    version = survey.spak.readiness[0]
    caption = (f"Ambang Zona Integritas: {version.versi} ({version.status_versi}). \"Belum dapat disimpulkan\" berarti interval "
               "kepercayaan 95% memuat ambang, atau respons terlalu sedikit. " + " ".join(notes))
    return HTML(fragment("kartu", items) + fragment("tabel", ["Indeks", "Predikat", "Ambang", "Nilai", "Interval", "Kesiapan"],
                                                    rows, angka=(3,), kelas="kesiapan", catatan=caption))


def item_charts(lap):
    """A chart of the mean score per unsur for each instrument (PNG images)."""
    from IPython.display import display

    from spakanalysis.present.charts import chart_items

    if lap.indeks is None:
        return None
    for inst in lap.indeks.instruments:
        ins = str(inst.instrument)
        if inst.result.n_respons == 0:
            display(HTML(fragment("paragraf", f"{ins}: belum ada respons sah, nilai per unsur tidak dapat dihitung.")))
            continue
        display(chart_output(chart_items(inst.items, ins, inst.result.skala_maks)))
    return None


_MONTH_NAMES = {f"{m:02d}": n for m, n in enumerate(
    ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"], 1)}


def _group_rows(table: pd.DataFrame, col: str) -> list[list[Any]]:
    """Rows of a per-group index table (``YYYY-MM`` months written out in Indonesian)."""
    rows = []
    for r in table.to_dict(orient="records"):
        group = r[col]
        if col == "bulan" and isinstance(group, str) and len(group) == 7:
            group = f"{_MONTH_NAMES.get(group[5:], group[5:])} {group[:4]}"
        rows.append([group, _int(r["n"]), format_angka(r["nilai"], 2),
                     "–" if pd.isna(r["ci_bawah"]) else f"{format_angka(r['ci_bawah'], 2)}–{format_angka(r['ci_atas'], 2)}",
                     r["keterangan"] or ""])
    return rows


def service_table(lap) -> HTML:
    """IPKP and IPAK per service type and per month (groups below 30 responses are flagged)."""
    parts = []
    for attr, col, label in (("by_service", "jenis_layanan", "Jenis layanan"), ("by_month", "bulan", "Bulan")):
        for inst in lap.indeks.instruments if lap.indeks is not None else ():
            table = getattr(inst, attr)
            if table is None or table.empty:
                continue
            name = inst.index_name
            parts.append(fragment("paragraf", f"{name} per {label.lower()}", kelas="subjudul-tabel"))
            parts.append(fragment("tabel", [label, "n", name, "IK 95%", "Keterangan"], _group_rows(table, col), angka=(1, 2),
                                  kelas="layanan"))
    return HTML("\n".join(parts))


def demography_table(lap) -> HTML:
    """IPKP and IPAK by demographic group; groups under 5 respondents are suppressed ("<5")."""
    if lap.indeks is None:
        return HTML("")
    label = {"jenis_kelamin": "Jenis kelamin", "kelompok_usia": "Kelompok usia"}
    parts = []
    for col in label:
        spkp, spak = lap.indeks.spkp.demography.get(col), lap.indeks.spak.demography.get(col)
        if spkp is None or spak is None:
            continue
        spkp, spak = spkp.set_index(col), spak.set_index(col)
        rows = []
        for g in spkp.index:
            a, b = spkp.loc[g], spak.loc[g] if g in spak.index else None
            rows.append([g, str(a["n"]), format_angka(a["nilai"], 2),
                         "–" if b is None else str(b["n"]), "–" if b is None else format_angka(b["nilai"], 2)])
        parts.append(fragment("paragraf", f"Menurut {label[col].lower()}", kelas="subjudul-tabel"))
        parts.append(fragment("tabel", [label[col], "n SPKP", "IPKP", "n SPAK", "IPAK"], rows, angka=(1, 2, 3, 4), kelas="demografi"))
    if parts:
        parts.append(fragment("paragraf", "Kelompok dengan kurang dari 5 responden ditampilkan sebagai \"<5\" tanpa nilai "
                              "(dan bila perlu satu kelompok lain ikut ditekan), agar tidak ada responden yang dapat dikenali.",
                              kelas="catatan-kecil"))
    return HTML("\n".join(parts))


def priorities(lap) -> HTML:
    """The weakest unsur per instrument, ranked, as improvement priorities."""
    if lap.indeks is None:
        return HTML("")
    rows = []
    for inst in lap.indeks.instruments:
        for r in inst.priorities.to_dict(orient="records"):
            rows.append([inst.index_name, _int(r["prioritas"]), r["unsur"], format_angka(r["nrr"], 2), _int(r["n"])])
    if not rows:
        return HTML(fragment("paragraf", "Prioritas perbaikan belum dapat ditentukan karena belum ada respons sah."))
    return HTML(fragment("paragraf", "Prioritas perbaikan (unsur dengan nilai terendah):", kelas="subjudul-tabel")
                + fragment("tabel", ["Indeks", "Prioritas", "Unsur", "Nilai rata-rata", "n"], rows, angka=(1, 3, 4), kelas="prioritas"))


def recap_indices(rk) -> HTML:
    """IPKP and IPAK by satker with intervals and Zona Integritas readiness, ranked by readiness."""
    from spakanalysis.stats.survey_results import KANWIL_METODE
    from spakanalysis.stats.zona_integritas import combined_readiness, readiness_rank, threshold_summary

    t = rk.indeks_tabel
    if t is None or t.empty:
        return HTML(fragment("paragraf", "Indeks belum dapat dihitung."))

    def iv(r, p):
        if pd.isna(r.get(f"{p}_nilai")):
            return "–"
        lo, hi = r.get(f"{p}_ci_bawah"), r.get(f"{p}_ci_atas")
        s = format_angka(r[f"{p}_nilai"], 2)
        return s + (f" ({format_angka(lo, 2)}–{format_angka(hi, 2)})" if pd.notna(lo) else "")

    def kes(v):
        return {"teks": v if isinstance(v, str) else "–", "kelas": f"status {_KESIAPAN_KELAS.get(v, 'status-netral')}"}

    t = t.assign(_r=t["IPAK_WBK"].map(readiness_rank) + t["IPKP_WBK"].map(readiness_rank))
    t = t.sort_values(["_r", "IPAK_nilai"], ascending=[True, False], na_position="last", kind="stable")
    rows = [[r["nama_satker"],
             f"{iv(r, 'IPKP')} · n {_int(r.get('IPKP_n'))}", f"{iv(r, 'IPAK')} · n {_int(r.get('IPAK_n'))}",
             kes(combined_readiness(r.get("IPKP_WBK"), r.get("IPAK_WBK"))),
             kes(combined_readiness(r.get("IPKP_WBBM"), r.get("IPAK_WBBM")))]
            for r in t.to_dict(orient="records")]
    k = rk.indeks_kanwil
    note = (f"Nilai pada skala 1–4 dengan interval kepercayaan 95%; kesiapan menurut ambang Zona Integritas provisional "
            f"({threshold_summary()}); kesiapan memenuhi bila IPKP dan IPAK keduanya memenuhi. "
            f"Diurutkan dari yang paling siap. "
            f"Kanwil: IPKP {format_angka(k.get('IPKP'), 2)}, IPAK {format_angka(k.get('IPAK'), 2)} ({KANWIL_METODE}).")
    return HTML(fragment("tabel", ["Satker", "IPKP (IK 95%)", "IPAK (IK 95%)", "Kesiapan WBK", "Kesiapan WBBM"],
                         rows, angka=(1, 2), kelas="rekap", catatan=note))
