"""The Kanwil recap as content: :class:`LaporanRekap`, built by :func:`build_recap` (no rendering)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.enums import Outcome
from spakanalysis.core.periods import Periode, parse_periode
from spakanalysis.data.kanwil_set import kanwil_subset
from spakanalysis.report.parameters import as_date, default_print_date
from spakanalysis.report.recap_advice import recap_recommendations
from spakanalysis.report.recap_comparison import previous_indices, recap_comparison
from spakanalysis.report.recap_cycle import RecapCycle, recap_cycle
from spakanalysis.report.recap_quality import recap_quality_tables, records
from spakanalysis.report.recap_table import kanwil_totals, recap_table, status_counts
from spakanalysis.stats.progress import AturanSampel, tanggal_data_bawaan

__all__ = ["recap_table", "status_counts", "kanwil_totals", "LaporanRekap", "build_recap", "RecapCore", "recap_core",
           "recap_inputs"]


@dataclass
class LaporanRekap:
    """The content of the Kanwil recap (see :func:`build_recap`).

    Attributes
    ----------
    kanwil : str
        The Kanwil's name.
    periode : Periode
    tanggal_data, tanggal_cetak : date
        Data cut-off and print date; ``tanggal_rapat`` the meeting date, if any.
    aturan : AturanSampel
        The sample-size rule.
    tabel : DataFrame
        One row per satker (:func:`~spakanalysis.report.recap_table.recap_table`), failed satkers first.
    jumlah_status : Series
        Satkers per status, best first.
    total : dict
        :func:`~spakanalysis.report.recap_table.kanwil_totals` (keys as in ``rekap.json``).
    rekomendasi : list of str
    gagal : dict
        Satkers without a report and why.
    indeks_kanwil : dict
        The Kanwil's stratified IPKP and IPAK (1-4), ``None`` when not computable.
    indeks_tabel : DataFrame or None
        Per-satker IPKP/IPAK with intervals and Zona Integritas readiness.
    siklus : RecapCycle or None
        Feedback themes and follow-up per satker and for the Kanwil
        (:func:`~spakanalysis.report.recap_cycle.recap_cycle`).
    """

    kanwil: str
    periode: Periode
    tanggal_data: date
    aturan: AturanSampel
    tabel: pd.DataFrame
    jumlah_status: pd.Series
    total: dict[str, Any]
    rekomendasi: list[str]
    gagal: dict[str, str]
    indeks_kanwil: dict[str, float | None]
    indeks_tabel: pd.DataFrame | None
    tanggal_cetak: date
    tanggal_rapat: date | None = None
    kualitas: dict[str, pd.DataFrame] | None = None  # recap_quality_tables: by flagged share, by risk
    siklus: RecapCycle | None = None
    #: IPKP/IPAK per satker against the previous comparable period (report.recap_comparison)
    pembanding: dict[str, Any] | None = None

    def ringkasan(self) -> dict[str, Any]:
        """JSON-serialisable figures of the recap (written as ``rekap.json``)."""
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
            "kualitas_data": records((self.kualitas or {}).get("kualitas_data")),
            "peringatan_dini": records((self.kualitas or {}).get("peringatan_dini")),
            **({} if self.siklus is None else self.siklus.summary()),
            "pembanding": self.pembanding,
        }


def _failed_satkers(dataset, satker_gagal: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """Satkers without a report (given by the batch, or with data errors of their own) and the data-error ones."""
    failed = dict(satker_gagal)
    data_errors = set()
    for code in dataset.satker["kode_satker"]:
        if dataset.galat_untuk(code):
            data_errors.add(code)
            failed.setdefault(code, "; ".join(str(m) for m in dataset.galat_untuk(code)[:3]))
    return failed, data_errors


def _with_failed(dataset, tabel: pd.DataFrame, failed: dict[str, str], data_errors: set[str]) -> pd.DataFrame:
    """The recap table with the failed satkers on top, flagged with their outcome."""
    if failed:
        registry = dataset.satker
        extra = registry[registry["kode_satker"].isin(list(failed))][["kode_satker", "nama_satker", "jenis_satker"]].copy()
        extra["data_bermasalah"] = True
        extra["status"] = np.where(extra["kode_satker"].isin(list(data_errors)), Outcome.DATA_PROBLEM.value,
                                   Outcome.NOT_MADE.value)
        tabel = pd.concat([extra, tabel], ignore_index=True)
    tabel["data_bermasalah"] = tabel["data_bermasalah"].fillna(False).astype(bool)
    return tabel


def _kanwil_indices(dataset, registry: pd.DataFrame, period: Periode, cut: date):
    try:
        from spakanalysis.stats.survey_results import kanwil_indices
    except ImportError:
        return {}, None
    return kanwil_indices(dataset, registry, period, cut)


@dataclass
class RecapCore:
    """What a recap and the national recap share for one set of satkers (:func:`recap_core`)."""

    gagal: dict[str, str]  # satkers without a report and why
    registry: pd.DataFrame  # the satkers computed (no failure, a population)
    tabel: pd.DataFrame
    total: dict[str, Any]
    indeks_kanwil: dict[str, float | None]
    indeks_tabel: pd.DataFrame | None


def recap_core(dataset, period: Periode, cut: date, rule: AturanSampel, satker_gagal: dict[str, str]) -> RecapCore:
    """The recap table, the totals and the stratified indices of every satker of ``dataset``'s registry."""
    failed, data_errors = _failed_satkers(dataset, satker_gagal)
    registry = dataset.satker[~dataset.satker["kode_satker"].isin(list(failed))]
    registry = registry[pd.to_numeric(registry["jumlah_pengguna_layanan"], errors="coerce") > 0]
    tabel = _with_failed(dataset, recap_table(registry, dataset.respons, period, cut, rule), failed, data_errors)
    kanwil_index, index_table = _kanwil_indices(dataset, registry, period, cut)
    return RecapCore(failed, registry, tabel, kanwil_totals(tabel), kanwil_index, index_table)


def recap_inputs(dataset, periode, *, mulai=None, akhir=None, tanggal_data=None, aturan: str = "ntt-2024",
                 galat: float = 0.05, lantai=None, satker_gagal: dict[str, str] | str | None = None):
    """The period, cut-off, rule and failed satkers (a dict) of a recap from its parameters."""
    if isinstance(satker_gagal, str):
        satker_gagal = json.loads(satker_gagal or "{}")
    period = parse_periode(periode, mulai=as_date(mulai, "mulai"), akhir=as_date(akhir, "akhir"))
    cut = as_date(tanggal_data, "tanggal_data") or tanggal_data_bawaan(dataset.respons, period)
    rule = AturanSampel(aturan=aturan, galat=float(galat), lantai=int(lantai) if lantai else None)
    return period, cut, rule, dict(satker_gagal or {})


def build_recap(dataset, periode, *, mulai=None, akhir=None, tanggal_data=None, aturan: str = "ntt-2024",
                galat: float = 0.05, lantai=None, satker_gagal: dict[str, str] | str | None = None,
                tanggal_cetak=None, tanggal_rapat=None, kanwil: str | None = None) -> LaporanRekap:
    """Compute the Kanwil recap for every satker of the registry (with ``kanwil``: of that Kanwil only).

    ``satker_gagal`` (a dict or its JSON, from the batch) names satkers whose report failed;
    satkers with data errors of their own are reported as such, not computed. The cut-off
    (``tanggal_data``) defaults to the last response of the whole registry, as in a batch.
    """
    period, cut, rule, satker_gagal = recap_inputs(dataset, periode, mulai=mulai, akhir=akhir, tanggal_data=tanggal_data,
                                                   aturan=aturan, galat=galat, lantai=lantai, satker_gagal=satker_gagal)
    if kanwil:
        dataset = kanwil_subset(dataset, kanwil)
        satker_gagal = {k: v for k, v in satker_gagal.items() if k in set(dataset.satker["kode_satker"])}
    core = recap_core(dataset, period, cut, rule, satker_gagal)
    failed, registry, tabel, totals = core.gagal, core.registry, core.tabel, core.total
    kanwil_index, index_table = core.indeks_kanwil, core.indeks_tabel
    prev, prev_kanwil, prev_table = previous_indices(dataset, registry, period, cut)
    return LaporanRekap(
        kanwil=str(dataset.satker.iloc[0]["kanwil"]), periode=period, tanggal_data=cut, aturan=rule, tabel=tabel,
        jumlah_status=status_counts(tabel), total=totals, rekomendasi=recap_recommendations(tabel, failed, totals),
        gagal=failed, indeks_kanwil=kanwil_index, indeks_tabel=index_table,
        tanggal_cetak=as_date(tanggal_cetak, "tanggal_cetak") or default_print_date(),
        tanggal_rapat=as_date(tanggal_rapat, "tanggal_rapat"),
        kualitas=recap_quality_tables(dataset, registry, period, cut, rule),
        siklus=recap_cycle(dataset, registry, period, cut),
        pembanding=recap_comparison(index_table, kanwil_index, prev, prev_kanwil, prev_table),
    )
