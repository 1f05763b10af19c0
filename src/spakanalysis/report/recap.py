"""Kanwil-wide recap: the consolidated table, the status counts, the Kanwil totals and the recap content."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.stats.progress import (
    INSTRUMEN_TARGET,
    STATUS_URUTAN,
    AturanSampel,
    capped_attainment,
    current_month_rows,
    progress_table,
)

__all__ = ["recap_table", "status_counts", "kanwil_totals", "LaporanRekap", "build_recap"]


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
    from spakanalysis.core.formatting import format_angka
    from spakanalysis.core.periods import parse_periode
    from spakanalysis.report.satker_report import _as_date, tanggal_cetak_bawaan
    from spakanalysis.stats.progress import tanggal_data_bawaan

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
        from spakanalysis.stats.survey_results import kanwil_indices

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
