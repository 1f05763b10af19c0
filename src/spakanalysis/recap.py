"""Kanwil-wide recap: the consolidated table, the public infographic and the batch's index page."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .progress import INSTRUMEN_TARGET, STATUS_KELAS, STATUS_URUTAN, AturanSampel, capped_attainment, current_month_rows, progress_table

__all__ = ["recap_table", "status_counts", "kanwil_totals", "infographic", "index_page", "build_recap_outputs"]


def recap_table(satker: pd.DataFrame, respons: pd.DataFrame, periode, tanggal_data: date,
                aturan: AturanSampel = AturanSampel(), gagal: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per satker: service users, rule, minimum, SPKP/SPAK this month, status, daily target.

    Rows are ordered by attainment (the lower of SPKP and SPAK this month, lowest first),
    so the satkers that need attention come first. Satkers in ``gagal`` (data errors)
    are kept, flagged, at the top.
    """
    prog = progress_table(satker, respons, periode, tanggal_data, aturan=aturan)
    now = current_month_rows(prog, tanggal_data)
    period_pct = {k: capped_attainment(g["respons_sah"], g["minimum"])
                  for k, g in prog.groupby(["kode_satker", "instrumen"], sort=False)}
    wide = []
    for kode, part in now.groupby("kode_satker", sort=False):
        row: dict[str, Any] = {"kode_satker": kode}
        first = part.iloc[0]
        row.update(populasi=int(first["populasi"]), metode=first["metode"], minimum=int(first["minimum"]),
                   bulan=first["bulan_label"])
        for ins in INSTRUMEN_TARGET:
            r = part[part["instrumen"] == ins]
            if r.empty:
                continue
            r = r.iloc[0]
            row[f"{ins}_sah"] = int(r["respons_sah"])
            row[f"{ins}_persen"] = float(r["capaian_persen"])
            row[f"{ins}_status"] = r["status"]
            row[f"{ins}_target_harian"] = r["target_harian"]
            row[f"{ins}_periode_persen"] = period_pct[(kode, ins)]
        statuses = [row.get(f"{i}_status") for i in INSTRUMEN_TARGET]
        row["status"] = max([s for s in statuses if s], key=STATUS_URUTAN.index)
        row["capaian_persen"] = min(row.get(f"{i}_persen", np.inf) for i in INSTRUMEN_TARGET)
        targets = [t for t in (row.get(f"{i}_target_harian") for i in INSTRUMEN_TARGET) if t is not None and not pd.isna(t)]
        row["target_harian"] = max(targets) if targets else np.nan  # no day left: no target, not 0
        wide.append(row)
    out = pd.DataFrame(wide)
    out = satker[["kode_satker", "nama_satker", "jenis_satker"]].merge(out, on="kode_satker", how="left")
    out["data_bermasalah"] = out["kode_satker"].isin(list((gagal or {}).keys()))
    out = out.sort_values(["data_bermasalah", "capaian_persen", "kode_satker"], ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True)


def status_counts(tabel: pd.DataFrame) -> pd.Series:
    """Number of satkers per status, in the order of :data:`STATUS_URUTAN`."""
    order = [*STATUS_URUTAN, "Data bermasalah", "Gagal dibuat"]
    return tabel["status"].value_counts().reindex(order).dropna().astype("int64")


def kanwil_totals(tabel: pd.DataFrame) -> dict[str, Any]:
    """Kanwil totals of the current month: satkers, service users, minimum, valid responses, attainment."""
    ok = tabel[~tabel["data_bermasalah"]]
    tot: dict[str, Any] = {
        "jumlah_satker": int(len(tabel)),
        "satker_tercapai": int((ok["status"] == "Tercapai").sum()),
        "satker_perlu_percepatan": int(ok["status"].isin(["Perlu percepatan", "Kritis", "Hari layanan habis", "Tidak tercapai"]).sum()),
        "satker_data_bermasalah": int(tabel["data_bermasalah"].sum()),
        "pengguna_layanan": int(ok["populasi"].sum()),
        "minimum": int(ok["minimum"].sum()),
    }
    for ins in INSTRUMEN_TARGET:
        sah = ok[f"{ins}_sah"].clip(upper=ok["minimum"]).sum()
        tot[f"{ins}_sah"] = int(ok[f"{ins}_sah"].sum())
        # attainment without letting one satker's surplus hide another's shortfall
        tot[f"{ins}_persen"] = float(sah / tot["minimum"] * 100) if tot["minimum"] else float("nan")
    return tot


def infographic(totals: dict[str, Any], counts: pd.Series, *, kanwil: str, periode_label: str, tanggal_data: date,
                indeks: dict[str, Any] | None = None):
    """A one-page public infographic (matplotlib Figure, A4 portrait) in plain Indonesian."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch, Rectangle

    from .formatting import format_angka, format_persen, format_tanggal_panjang

    fig = Figure(figsize=(8.27, 11.69), dpi=100)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    navy, teal = "#15365c", "#2a9d8f"
    ax.add_patch(Rectangle((0, 0.86), 1, 0.14, color=navy))
    ax.text(0.06, 0.95, "Survei Pelayanan & Anti Korupsi", color="white", fontsize=22, weight="bold", va="center")
    ax.text(0.06, 0.905, f"{kanwil} · {periode_label}", color="white", fontsize=13, va="center", parse_math=False)
    ax.text(0.06, 0.875, f"Data per {format_tanggal_panjang(tanggal_data)}", color="#cfe3f5", fontsize=10, va="center")
    cards = [
        (format_angka(totals["jumlah_satker"]), "satuan kerja dipantau"),
        (format_angka(totals["SPKP_sah"]), "tanggapan SPKP bulan ini"),
        (format_angka(totals["SPAK_sah"]), "tanggapan SPAK bulan ini"),
        (format_persen(totals["SPKP_persen"]), "capaian target SPKP"),
        (format_persen(totals["SPAK_persen"]), "capaian target SPAK"),
        (format_angka(totals["satker_tercapai"]), "satker sudah mencapai target"),
    ]
    for i, (big, small) in enumerate(cards):
        x, y = 0.06 + (i % 2) * 0.46, 0.74 - (i // 2) * 0.13
        ax.add_patch(FancyBboxPatch(
            (x, y - 0.04), 0.42, 0.105, boxstyle="round,pad=0.005,rounding_size=0.015", color="#eef4f8"))
        ax.text(x + 0.03, y + 0.025, big, fontsize=26, weight="bold", color=navy, va="center")
        ax.text(x + 0.03, y - 0.02, small, fontsize=11, color="#333", va="center")
    y0 = 0.36
    if indeks:
        ax.text(0.06, y0 + 0.02, "Hasil survei (skala 1–4)", fontsize=14, weight="bold", color=navy)
        ax.text(0.06, y0 - 0.115, "Indeks Kanwil: rata-rata indeks satker dibobot menurut jumlah pengguna layanannya.",
                fontsize=9, color="#555")
        for j, (name, val) in enumerate(indeks.items()):
            ax.text(0.06 + j * 0.46, y0 - 0.04, name, fontsize=12, color="#333")
            ax.text(0.06 + j * 0.46, y0 - 0.09, "–" if val is None or pd.isna(val) else format_angka(val, 2),
                    fontsize=30, weight="bold", color=teal)
        y0 -= 0.16
    ax.text(0.06, y0 + 0.02, "Status satker bulan ini", fontsize=14, weight="bold", color=navy)
    for k, (st, n) in enumerate(counts.items()):
        ax.text(0.08, y0 - 0.035 - k * 0.035, f"{st}: {format_angka(int(n))} satker", fontsize=12, color="#333")
    ax.text(0.06, 0.04, "Terima kasih atas penilaian Anda. Setiap tanggapan membantu kami memperbaiki layanan\n"
            "dan menjaga pelayanan yang bersih dari korupsi. Isi survei melalui kode QR di setiap titik layanan.",
            fontsize=10, color="#555", va="bottom")
    return fig


def _save_infographic(fig, png_path: Path, pdf_path: Path) -> None:
    import io

    from .render import write_atomic

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, metadata={"Software": None})
    write_atomic(png_path, buf.getvalue())
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", metadata={"Creator": None, "Producer": None, "CreationDate": None})
    write_atomic(pdf_path, buf.getvalue())


def _run_label(run: dict[str, Any]) -> str:
    from .formatting import format_tanggal

    cut = run.get("parameter", {}).get("tanggal_data")
    when = str(run.get("dibuat_pada") or "")[:16].replace("T", " ")
    return f"jalan {run['nomor']} ({when} UTC, data per {format_tanggal(date.fromisoformat(cut)) if cut else '–'})"


def _runs_section(manifest: dict[str, Any] | None) -> tuple[list[str], dict[str, str]]:
    """Which run made what: one line per run, and a note for every satker not made by the recap's run."""
    runs = (manifest or {}).get("jalan") or []
    if len(runs) < 2:
        return [], {}
    by_number = {r["nomor"]: r for r in runs}
    recap_run = (manifest.get("rekap") or {}).get("jalan")
    lines = []
    for r in runs:
        made = (["rekap Kanwil dan infografis"] if r.get("rekap") else []) + \
               ([f"{len(r['satker'])} laporan satker ({', '.join(r['satker'])})"] if r.get("satker") else [])
        label = _run_label(r)
        lines.append(f"{label[0].upper()}{label[1:]}: {'; '.join(made) or 'tidak ada keluaran'}.")
    notes = {}
    for e in manifest.get("satker", []):
        n = e.get("jalan")
        if n != recap_run and n in by_number:
            notes[e["kode_satker"]] = (f"Laporan dibuat ulang oleh {_run_label(by_number[n])}; angka di baris ini dan "
                                       f"rekap Kanwil berasal dari {_run_label(by_number[recap_run]) if recap_run in by_number else 'jalan lain'}.")
    return lines, notes


def index_page(tabel: pd.DataFrame, results: dict[str, Any], *, kanwil: str, periode_label: str, tanggal_data: date,
               ada_rekap: bool, ada_pdf: bool = True, manifest: dict[str, Any] | None = None,
               out_dir: Path | None = None) -> str:
    """The self-contained ``index.html`` linking every report with its status.

    With the folder's ``manifest`` of several runs, the page lists which run
    made what and notes each report made by another run than the recap. With
    ``out_dir``, a PDF link is given only where the PDF exists.
    """
    from .display import fragment
    from .formatting import format_persen, format_tanggal

    runs, notes = _runs_section(manifest)
    rows = []
    for r in tabel.itertuples(index=False):
        h = results.get(r.kode_satker)
        ok = h is not None and h.status == "berhasil"
        if ok and out_dir is not None:
            ada_pdf = (out_dir / str(r.kode_satker) / "laporan.pdf").is_file()
        rows.append({
            "kode": r.kode_satker, "nama": r.nama_satker, "jenis": r.jenis_satker,
            "status": r.status if ok else "Gagal dibuat",
            "kelas": STATUS_KELAS.get(r.status, "status-netral") if ok else "status-kritis",
            "spkp": format_persen(getattr(r, "SPKP_persen", np.nan)), "spak": format_persen(getattr(r, "SPAK_persen", np.nan)),
            "html": f"{r.kode_satker}/laporan.html" if ok else None,
            "pdf": f"{r.kode_satker}/laporan.pdf" if ok and ada_pdf else None,
            "pesan": None if ok else (h.pesan if h else "tidak dijalankan"),
            "catatan": notes.get(r.kode_satker),
        })
    rekap_pdf = ada_pdf if out_dir is None else (out_dir / "rekap.pdf").is_file()
    return fragment("halaman_indeks", rows=rows, kanwil=kanwil, periode=periode_label,
                    tanggal_data=format_tanggal(tanggal_data), ada_rekap=ada_rekap, ada_pdf=rekap_pdf, jalan=runs,
                    berkas="indeks.html.j2")


def build_recap_outputs(per, out_dir: Path, results, *, parameter: dict[str, Any], pdf: bool = True,
                        kernel_manager=None, kernel_client=None) -> dict[str, Any]:
    """Render the recap notebook, the infographic and ``index.html`` into ``out_dir``.

    ``results`` are the batch's :class:`~spakanalysis.runner.HasilSatker` (the
    recap flags the satkers whose report failed). ``results=None`` makes the
    recap ahead of time, as if every report succeeds, and leaves ``index.html``
    to :func:`write_index_page` (a batch overlaps the recap with its last
    reports this way). Returns what the manifest records; on failure
    ``{"gagal": True, "pesan": ...}`` instead of raising.
    ``kernel_manager`` and ``kernel_client``: see :func:`spakanalysis.runner.execute_notebook`
    (a batch runs the recap on a worker's warm kernel).
    """
    from .formatting import format_tanggal_panjang
    from .render import html_to_pdf, notebook_to_html, write_atomic
    from .runner import NOTEBOOK_REKAP, _error_text, execute_notebook

    from .paths import ensure_inside, os_error_text, remove, safe_child

    gagal = {h.kode_satker: h.pesan for h in results or [] if h.status != "berhasil"}
    info: dict[str, Any] = {"gagal": False}
    work = None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = ensure_inside(out_dir, tempfile.mkdtemp(prefix=".rekap.", dir=out_dir))
        params = {k: v for k, v in parameter.items() if not k.startswith("_")}
        params.update(periode=per.kode, satker_gagal=json.dumps(gagal, ensure_ascii=False),
                      berkas_ringkasan=str(work / "rekap.json"))
        if per.kode.count("..") == 1:
            params.update(periode="", mulai=per.mulai.isoformat(), akhir=per.akhir.isoformat())
        nb = execute_notebook(NOTEBOOK_REKAP, work / "rekap.ipynb", params, kernel_manager=kernel_manager,
                              kernel_client=kernel_client)
        summary = json.loads((work / "rekap.json").read_text(encoding="utf-8"))
        html = notebook_to_html(nb, judul="Rekapitulasi Monev SPKP & SPAK", nama_satker=summary["kanwil"],
                                subjudul=f"{summary['periode_label']} · data per {format_tanggal_panjang(date.fromisoformat(summary['tanggal_data']))}",
                                tanggal=summary.get("tanggal_cetak"))
        files = {"rekap.html": html, "rekap.ipynb": (work / "rekap.ipynb").read_text(encoding="utf-8"),
                 "rekap.json": (work / "rekap.json").read_text(encoding="utf-8")}
        if pdf:
            files["rekap.pdf"] = html_to_pdf(html)
        for name, content in files.items():
            write_atomic(safe_child(out_dir, name), content)
        counts = pd.Series(summary["jumlah_per_status"], dtype="int64")
        fig = infographic(summary["total"], counts, kanwil=summary["kanwil"], periode_label=summary["periode_label"],
                          tanggal_data=date.fromisoformat(summary["tanggal_data"]), indeks=summary.get("indeks_kanwil"))
        _save_infographic(fig, safe_child(out_dir, "infografis.png"), safe_child(out_dir, "infografis.pdf"))
        written = [*files, "infografis.png", "infografis.pdf"]
        if results is not None:
            write_index_page(out_dir, results, pdf=pdf, summary=summary)
            written.append("index.html")
        info["manifest"] = {"rekap": {"status": "berhasil", "berkas": sorted(written)}}
    except Exception as exc:  # noqa: BLE001
        msg = os_error_text(exc, out_dir) if isinstance(exc, OSError) else _error_text(exc)
        info.update(gagal=True, pesan=msg, manifest={"rekap": {"status": "gagal", "pesan": msg}})
    finally:
        if work is not None:
            remove(out_dir, work)
    return info


def write_index_page(out_dir: Path, results, *, pdf: bool = True, summary: dict[str, Any] | None = None,
                     manifest: dict[str, Any] | None = None) -> None:
    """Write ``index.html`` from the recap's ``rekap.json`` (or ``summary``) and the batch's results.

    With ``manifest`` (a later partial run), links and notes follow the files on disk and the runs recorded.
    """
    from .paths import safe_child
    from .render import write_atomic

    if summary is None:
        summary = json.loads(safe_child(out_dir, "rekap.json").read_text(encoding="utf-8"))
    page = index_page(pd.DataFrame(summary["tabel"]), {h.kode_satker: h for h in results}, kanwil=summary["kanwil"],
                      periode_label=summary["periode_label"], tanggal_data=date.fromisoformat(summary["tanggal_data"]),
                      ada_rekap=True, ada_pdf=pdf, manifest=manifest, out_dir=out_dir if manifest else None)
    write_atomic(safe_child(out_dir, "index.html"), page)


def refresh_index_page(out_dir: Path, manifest: dict[str, Any]) -> bool:
    """After a partial run into a folder that holds a batch: write its ``index.html`` again from the merged manifest.

    Returns False (and writes nothing) when the folder has no recap or no index page.
    """
    from .runner import HasilSatker

    if not ((out_dir / "rekap.json").is_file() and (out_dir / "index.html").is_file() and "rekap" in manifest):
        return False
    results = [HasilSatker(e["kode_satker"], e["status"], 0.0, pesan=e.get("pesan")) for e in manifest.get("satker", [])]
    write_index_page(out_dir, results, manifest=manifest)
    return True


class LaporanRekap:
    """The content of the Kanwil recap (see :func:`build_recap`)."""

    def __init__(self, **kw: Any) -> None:
        self.__dict__.update(kw)

    def ringkasan(self) -> dict[str, Any]:
        tabel = self.tabel.replace({np.nan: None})
        return {
            "kanwil": self.kanwil,
            "periode": self.periode.kode,
            "periode_label": self.periode.label,
            "tanggal_data": self.tanggal_data.isoformat(),
            "tanggal_cetak": self.tanggal_cetak.isoformat(),
            "aturan": self.aturan.aturan,
            "total": self.total,
            "jumlah_per_status": {k: int(v) for k, v in self.jumlah_status.items()},
            "tabel": json.loads(tabel.to_json(orient="records", force_ascii=False)),
            "indeks_kanwil": self.indeks_kanwil,
            "rekomendasi": self.rekomendasi,
        }


def build_recap(dataset, periode, *, mulai=None, akhir=None, tanggal_data=None, aturan: str = "ntt-2024",
                galat: float = 0.05, lantai=None, satker_gagal: dict[str, str] | str | None = None,
                tanggal_cetak=None, tanggal_rapat=None) -> LaporanRekap:
    """Compute the Kanwil recap for every satker of the registry."""
    from .periods import parse_periode
    from .satker_report import _as_date, tanggal_cetak_bawaan
    from .progress import tanggal_data_bawaan
    from .formatting import format_angka

    if isinstance(satker_gagal, str):
        satker_gagal = json.loads(satker_gagal or "{}")
    per = parse_periode(periode, mulai=_as_date(mulai, "mulai"), akhir=_as_date(akhir, "akhir"))
    cut = _as_date(tanggal_data, "tanggal_data") or tanggal_data_bawaan(dataset.respons, per)
    rule = AturanSampel(aturan=aturan, galat=float(galat), lantai=int(lantai) if lantai else None)
    # satkers whose own data has errors are reported as such, not computed
    bad = dict(satker_gagal or {})
    data_errors = set()
    for kode in dataset.satker["kode_satker"]:
        if dataset.galat_untuk(kode):
            data_errors.add(kode)
            bad.setdefault(kode, "; ".join(str(m) for m in dataset.galat_untuk(kode)[:3]))
    reg_ok = dataset.satker[~dataset.satker["kode_satker"].isin(list(bad))]
    reg_ok = reg_ok[pd.to_numeric(reg_ok["jumlah_pengguna_layanan"], errors="coerce") > 0]
    tabel = recap_table(reg_ok, dataset.respons, per, cut, rule)
    if bad:
        extra = dataset.satker[dataset.satker["kode_satker"].isin(list(bad))][["kode_satker", "nama_satker", "jenis_satker"]].copy()
        extra["data_bermasalah"] = True
        extra["status"] = np.where(extra["kode_satker"].isin(list(data_errors)), "Data bermasalah", "Gagal dibuat")
        tabel = pd.concat([extra, tabel], ignore_index=True)
    tabel["data_bermasalah"] = tabel["data_bermasalah"].fillna(False).astype(bool)
    counts = status_counts(tabel)
    total = kanwil_totals(tabel)
    rekom = []
    need = tabel[tabel["status"].isin(["Perlu percepatan", "Kritis", "Hari layanan habis", "Tidak tercapai"])]
    if len(need):
        rekom.append(f"{len(need)} satker perlu percepatan: " + ", ".join(need["nama_satker"].astype(str))
                     + ". Minta setiap satker tersebut menetapkan target harian sesuai laporan masing-masing dan melaporkan progres mingguan.")
    if bad:
        rekom.append(f"{len(bad)} satker belum mendapat laporan karena data bermasalah atau gagal dibuat (lihat lampiran): "
                     "perbaiki lalu jalankan ulang sebelum laporan dikirim.")
    zero = tabel[(tabel.get("SPKP_sah", pd.Series(dtype=float)).fillna(0) == 0) & ~tabel["data_bermasalah"]]
    if len(zero):
        rekom.append("Belum ada respons sama sekali bulan ini di: " + ", ".join(zero["nama_satker"].astype(str))
                     + ". Kanwil perlu menghubungi satker tersebut minggu ini.")
    rekom.append(f"Kirim laporan per satker kepada pimpinan masing-masing dan umumkan infografis capaian "
                 f"(SPKP {format_angka(total['SPKP_persen'], 1)}%, SPAK {format_angka(total['SPAK_persen'], 1)}% dari target Kanwil).")
    indeks_kanwil, indeks_tabel = {}, None
    try:
        from .survey_results import kanwil_indices

        indeks_kanwil, indeks_tabel = kanwil_indices(dataset, reg_ok, per, cut)
    except ImportError:
        pass
    row0 = dataset.satker.iloc[0]
    return LaporanRekap(
        kanwil=str(row0["kanwil"]), periode=per, tanggal_data=cut, aturan=rule, tabel=tabel, jumlah_status=counts,
        total=total, rekomendasi=rekom, gagal=bad, indeks_kanwil=indeks_kanwil, indeks_tabel=indeks_tabel,
        tanggal_cetak=_as_date(tanggal_cetak, "tanggal_cetak") or tanggal_cetak_bawaan(),
        tanggal_rapat=_as_date(tanggal_rapat, "tanggal_rapat"),
    )
