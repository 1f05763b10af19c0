"""Everything one satker's monev report shows, computed in one place.

:func:`build_satker_report` turns a loaded :class:`~spakanalysis.data.dataset.Dataset`
and the report parameters into a :class:`LaporanSatker`: tables, charts'
data, recommendations and the JSON summary (``ringkasan.json``). The notebook
only displays it, so every number in a report comes from tested code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from spakanalysis.core.calendars import mode_hari_layanan
from spakanalysis.core.errors import DataError, ParameterError
from spakanalysis.core.formatting import format_tanggal_panjang
from spakanalysis.core.periods import Periode, parse_periode
from spakanalysis.core.version import __version__
from spakanalysis.stats.progress import (
    INSTRUMEN_TARGET,
    AmbangStatus,
    AturanSampel,
    capped_attainment,
    current_month_rows,
    daily_counts,
    daily_plan,
    exclusion_summary,
    hari_ini_wita,
    overall_status,
    progress_table,
    tanggal_data_bawaan,
    valid_mask,
)
from spakanalysis.stats.recommendations import recommend
from spakanalysis.stats.sample_size import explain_dict

__all__ = ["LaporanSatker", "build_satker_report", "check_parameters", "tanggal_cetak_bawaan", "JUMLAH_SARAN_TERBARU"]

JUMLAH_SARAN_TERBARU = 10


def tanggal_cetak_bawaan() -> date:
    """Print date in WITA: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    from zoneinfo import ZoneInfo

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=ZoneInfo("Asia/Makassar")).date()
    return hari_ini_wita()


def _as_date(value, name: str) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ParameterError(f'Parameter {name} "{value}" tidak valid: gunakan format tanggal YYYY-MM-DD, mis. 2024-09-30.') from None


@dataclass
class LaporanSatker:
    """The content of one satker's monev report (see :func:`build_satker_report`)."""

    identitas: dict[str, Any]
    periode: Periode
    tanggal_data: date
    aturan: AturanSampel
    mode_hari: str
    progres: pd.DataFrame
    harian: pd.DataFrame
    rencana: dict[str, pd.DataFrame]
    pengecualian: pd.DataFrame
    saran: pd.DataFrame
    jumlah_saran: int
    metodologi: dict[str, Any]
    rekomendasi: list[str]
    status: str
    sumber: list[dict[str, Any]]
    indeks: dict[str, Any] = field(default_factory=dict)

    def ringkasan(self) -> dict[str, Any]:
        """JSON-serialisable figures of the report (written as ``ringkasan.json``)."""
        bulanan = []
        for r in self.progres.itertuples(index=False):
            bulanan.append(
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
            )
        per_ins = {}
        for ins in INSTRUMEN_TARGET:
            rows = self.progres[self.progres["instrumen"] == ins]
            now = current_month_rows(rows, self.tanggal_data)
            ended = rows[rows["fase"] == "selesai"]
            per_ins[ins] = {
                "minimum_periode": int(rows["minimum"].sum()),
                "respons_sah_periode": int(rows["respons_sah"].sum()),
                # each month capped at its minimum, as in the recap
                "capaian_persen_periode": _num(capped_attainment(rows["respons_sah"], rows["minimum"]), 2),
                "capaian_persen_bulan_selesai": _num(capped_attainment(ended["respons_sah"], ended["minimum"]), 2),
                "bulan_selesai": ended["bulan"].tolist(),
                "capaian_persen_bulan_berjalan": None if now.empty or now.iloc[0]["fase"] != "berjalan"
                else _num(capped_attainment(now["respons_sah"], now["minimum"]), 2),
                "bulan_berjalan": None if now.empty else now.iloc[0]["bulan"],
                "status_bulan_berjalan": None if now.empty else now.iloc[0]["status"],
                "target_harian_bulan_berjalan": None
                if now.empty or pd.isna(now.iloc[0]["target_harian"])
                else int(now.iloc[0]["target_harian"]),
            }
        return {
            "spakanalysis": __version__,
            "kode_satker": self.identitas["kode_satker"],
            "nama_satker": self.identitas["nama_satker"],
            "jenis_satker": self.identitas["jenis_satker"],
            "kanwil": self.identitas["kanwil"],
            "periode": self.periode.kode,
            "periode_label": self.periode.label,
            "periode_mulai": self.periode.mulai.isoformat(),
            "periode_akhir": self.periode.akhir.isoformat(),
            "tanggal_data": self.tanggal_data.isoformat(),
            "tanggal_data_teks": format_tanggal_panjang(self.tanggal_data),
            "tanggal_cetak": self.identitas["tanggal_cetak"].isoformat(),
            "populasi": int(self.identitas["jumlah_pengguna_layanan"]),
            "aturan": self.aturan.aturan,
            "galat": self.aturan.galat,
            "lantai": self.aturan.lantai,
            "metode": self.metodologi["metode"],
            "minimum_bulanan": int(self.metodologi["hasil"]),
            "mode_hari": self.mode_hari,
            "status": self.status,
            "instrumen": per_ins,
            "bulanan": bulanan,
            "pengecualian": self.pengecualian.to_dict(orient="records"),
            "jumlah_saran": int(self.jumlah_saran),
            "rekomendasi": list(self.rekomendasi),
            "indeks": self.indeks.get("ringkasan", {}),
        }


def _num(x, digits: int):
    return None if x is None or pd.isna(x) else round(float(x), digits)


def check_parameters(dataset, kode_satker: str, periode, mulai=None, akhir=None, tanggal_data=None, aturan: str = "ntt-2024",
                     galat: float = 0.05, lantai=None, tanggal_rapat=None, tanggal_cetak=None):
    """Validate report parameters before anything is executed.

    Returns ``(row, periode, tanggal_data, AturanSampel)``; raises
    :class:`~spakanalysis.core.errors.ParameterError` in Indonesian otherwise.
    """
    from spakanalysis.stats.sample_size import RULES

    kode = str(kode_satker).strip()
    reg = dataset.satker
    if kode not in set(reg["kode_satker"]):
        known = ", ".join(reg["kode_satker"].astype(str).head(30))
        raise ParameterError(f'Kode satker "{kode}" tidak ada di registri satker. Kode yang dikenal: {known}.')
    if aturan not in RULES:
        raise ParameterError(f'Aturan "{aturan}" tidak dikenal; pilih salah satu: {", ".join(RULES)}.')
    try:
        galat_f = float(galat)
    except (TypeError, ValueError):
        raise ParameterError(f'Galat "{galat}" harus bilangan antara 0 dan 1, mis. 0.05.') from None
    if not 0 < galat_f < 1:
        raise ParameterError(f'Galat "{galat}" harus bilangan antara 0 dan 1, mis. 0.05.')
    lantai_i = None
    if lantai not in (None, "", 0):
        try:
            lantai_i = int(lantai)
        except (TypeError, ValueError):
            raise ParameterError(f'Lantai "{lantai}" harus bilangan bulat, mis. 30.') from None
    if lantai_i is not None and lantai_i < 0:
        raise ParameterError(f'Lantai "{lantai}" harus bilangan bulat ≥ 0, mis. 30.')
    per = parse_periode(periode, mulai=_as_date(mulai, "mulai"), akhir=_as_date(akhir, "akhir"))
    cut = _as_date(tanggal_data, "tanggal_data") or tanggal_data_bawaan(dataset.respons, per)
    _as_date(tanggal_rapat, "tanggal_rapat")
    _as_date(tanggal_cetak, "tanggal_cetak")
    row = reg[reg["kode_satker"] == kode].iloc[0]
    return row, per, cut, AturanSampel(aturan=aturan, galat=galat_f, lantai=lantai_i)


def build_satker_report(
    dataset,
    kode_satker: str,
    periode: str | Periode = "2024-Q3",
    *,
    mulai=None,
    akhir=None,
    tanggal_data=None,
    aturan: str = "ntt-2024",
    galat: float = 0.05,
    lantai: int | None = None,
    tanggal_rapat=None,
    tanggal_cetak=None,
    ambang: AmbangStatus | None = None,
    with_indices: bool = True,
) -> LaporanSatker:
    """Compute the content of one satker's monev report.

    Raises
    ------
    ParameterError
        Unknown satker, malformed period or date, unknown rule.
    DataError
        The data has errors (level ``galat``) that concern this satker: no
        report is made from data known to be wrong.
    """
    row, per, cut, rule = check_parameters(dataset, kode_satker, periode, mulai, akhir, tanggal_data, aturan, galat, lantai,
                                           tanggal_rapat, tanggal_cetak)
    kode = row["kode_satker"]
    errors = dataset.galat_untuk(kode)
    if errors:
        raise DataError(errors, judul=f"Laporan {kode} tidak dibuat: data satker ini bermasalah")
    resp = dataset.respons[dataset.respons["kode_satker"] == kode]
    reg_row = dataset.satker[dataset.satker["kode_satker"] == kode]
    progres = progress_table(reg_row, resp, per, cut, aturan=rule, ambang=ambang)
    mode = progres["mode_hari"].iloc[0] if len(progres) else mode_hari_layanan(row["jenis_satker"], row.get("hari_layanan"))
    harian = daily_counts(resp, per, cut)
    now = current_month_rows(progres, cut)
    rencana = {ins: daily_plan(now[now["instrumen"] == ins].iloc[0], cut, mode) for ins in INSTRUMEN_TARGET if (now["instrumen"] == ins).any()}
    pengecualian = exclusion_summary(resp, per, cut)

    # feedback: valid external responses in the period with text (personal data was masked by the loader)
    days = pd.to_datetime(resp["tanggal_lokal"], errors="coerce")
    in_period = (days >= pd.Timestamp(per.mulai)) & (days <= pd.Timestamp(min(per.akhir, cut)))
    counted = in_period & (valid_mask(resp, "SPKP") | valid_mask(resp, "SPAK"))
    text = resp.get("saran", pd.Series("", index=resp.index)).astype("string").fillna("").str.strip()
    fb = resp.loc[counted & text.ne(""), ["waktu_isi", "tanggal_lokal", "jenis_layanan"]].assign(saran=text[counted & text.ne("")])
    fb = fb.sort_values("waktu_isi", ascending=False, kind="stable")
    jumlah_saran = len(fb)
    saran = fb.head(JUMLAH_SARAN_TERBARU)[["tanggal_lokal", "jenis_layanan", "saran"]].reset_index(drop=True)

    metodologi = explain_dict(int(row["jumlah_pengguna_layanan"]), rule.aturan, e=rule.galat, floor=rule.lantai)
    indeks: dict[str, Any] = {}
    prioritas = None
    if with_indices:
        from spakanalysis.stats.survey_results import satker_indices

        indeks = satker_indices(dataset, resp[counted], int(row["jumlah_pengguna_layanan"]), per.mulai, min(per.akhir, cut))
        prioritas = indeks.get("prioritas")
    melebihi = bool((progres["respons_sah"] > progres["populasi"]).any())
    rekom = recommend(progres, cut, jumlah_saran=jumlah_saran, prioritas=prioritas, melebihi_populasi=melebihi)
    status = overall_status(now["status"]) if len(now) else "Belum dimulai"

    identitas = {
        "kanwil": row["kanwil"],
        "kode_satker": kode,
        "nama_satker": row["nama_satker"],
        "jenis_satker": row["jenis_satker"],
        "kota": row.get("kota", ""),
        "jumlah_pengguna_layanan": int(row["jumlah_pengguna_layanan"]),
        "periode_acuan": row.get("periode_acuan", ""),
        "periode_label": per.label,
        "tanggal_data": cut,
        "tanggal_cetak": _as_date(tanggal_cetak, "tanggal_cetak") or tanggal_cetak_bawaan(),
        "tanggal_rapat": _as_date(tanggal_rapat, "tanggal_rapat"),
    }
    sumber = [{"berkas": b.nama, "sha256": b.sha256, "baris": b.baris} for b in dataset.berkas]
    return LaporanSatker(
        identitas=identitas,
        periode=per,
        tanggal_data=cut,
        aturan=rule,
        mode_hari=mode,
        progres=progres,
        harian=harian,
        rencana=rencana,
        pengecualian=pengecualian,
        saran=saran,
        jumlah_saran=jumlah_saran,
        metodologi=metodologi,
        rekomendasi=rekom,
        status=status,
        sumber=sumber,
        indeks=indeks,
    )
