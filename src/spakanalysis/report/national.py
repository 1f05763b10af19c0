"""The national recap as content: every Kanwil of the registry ranked (:func:`build_national_recap`).

Per Kanwil the figures are those of its own recap (:func:`spakanalysis.report.recap.recap_core` on the
Kanwil's part of the dataset); the national IPKP/IPAK are stratified over every satker of the nation
(``kanwil_aggregate(method="berstrata")``: satker indices weighted by their share of the service users).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.periods import Periode
from spakanalysis.data.kanwil_set import kanwil_names, kanwil_subset
from spakanalysis.report.parameters import as_date, default_print_date
from spakanalysis.report.recap import recap_core, recap_inputs
from spakanalysis.stats.national import national_totals, rank_kanwils
from spakanalysis.stats.progress import AturanSampel
from spakanalysis.stats.survey_results import KANWIL_METODE, stratified_indices

__all__ = ["LaporanNasional", "build_national_recap", "kanwil_folders", "kanwil_slug", "KANWIL_FOLDER"]

#: the folder of the period folder that holds one folder per Kanwil
KANWIL_FOLDER = "kanwil"


def kanwil_slug(name: str) -> str:
    """A folder name from a Kanwil's name: ASCII lower case, words joined by ``-``.

    >>> kanwil_slug("Kanwil Kemenkumham DI Yogyakarta")
    'kanwil-kemenkumham-di-yogyakarta'
    >>> kanwil_slug("  Kanwil Kemenkumham Papua Barat / Daya ")
    'kanwil-kemenkumham-papua-barat-daya'
    """
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "kanwil"


def kanwil_folders(names: list[str]) -> dict[str, str]:
    """Each Kanwil's folder name (:func:`kanwil_slug`), made unique with ``-2``, ``-3`` … in registry order."""
    out: dict[str, str] = {}
    for name in names:
        slug, n = kanwil_slug(name), 1
        while (slug if n == 1 else f"{slug}-{n}") in out.values():
            n += 1
        out[name] = slug if n == 1 else f"{slug}-{n}"
    return out


@dataclass
class LaporanNasional:
    """The national recap: one ranked row per Kanwil, the national totals and stratified indices."""

    periode: Periode
    tanggal_data: date
    tanggal_cetak: date
    aturan: AturanSampel
    peringkat: pd.DataFrame  # rank_kanwils, with ``folder`` per Kanwil
    total: dict[str, Any]
    indeks_nasional: dict[str, float | None]
    tanggal_rapat: date | None = None

    def ringkasan(self) -> dict[str, Any]:
        """JSON-serialisable figures (written as ``rekap_nasional.json``)."""
        rows = self.peringkat.replace({np.nan: None})
        return {
            "periode": self.periode.kode, "periode_label": self.periode.label,
            "tanggal_data": self.tanggal_data.isoformat(), "tanggal_cetak": self.tanggal_cetak.isoformat(),
            "tanggal_rapat": None if self.tanggal_rapat is None else self.tanggal_rapat.isoformat(),
            "aturan": self.aturan.aturan, "total": self.total, "indeks_nasional": self.indeks_nasional,
            "metode_indeks": KANWIL_METODE.replace("indeks Kanwil", "indeks Kanwil dan nasional"),
            "kanwil": json.loads(rows.to_json(orient="records", force_ascii=False)),
        }


def _kanwil_row(name: str, folder: str, core) -> dict[str, Any]:
    t = core.total
    return {"kanwil": name, "folder": folder, **{k: t[k] for k in ("jumlah_satker", "satker_tercapai",
            "satker_perlu_percepatan", "satker_data_bermasalah", "pengguna_layanan", "minimum", "SPKP_sah",
            "SPAK_sah", "SPKP_persen", "SPAK_persen")}, "IPKP": core.indeks_kanwil.get("IPKP"),
            "IPAK": core.indeks_kanwil.get("IPAK")}


def build_national_recap(dataset, periode, *, mulai=None, akhir=None, tanggal_data=None, aturan: str = "ntt-2024",
                         galat: float = 0.05, lantai=None, satker_gagal: dict[str, str] | str | None = None,
                         tanggal_cetak=None, tanggal_rapat=None) -> LaporanNasional:
    """Rank every Kanwil of the registry; parameters as :func:`spakanalysis.report.recap.build_recap`."""
    period, cut, rule, failed = recap_inputs(dataset, periode, mulai=mulai, akhir=akhir, tanggal_data=tanggal_data,
                                             aturan=aturan, galat=galat, lantai=lantai, satker_gagal=satker_gagal)
    names = kanwil_names(dataset)
    folders = kanwil_folders(names)
    rows, computed = [], []
    for name in names:
        part = kanwil_subset(dataset, name)
        mine = {k: v for k, v in failed.items() if k in set(part.satker["kode_satker"])}
        core = recap_core(part, period, cut, rule, mine)
        rows.append(_kanwil_row(name, folders[name], core))
        computed.append(core.registry)
    ranked = rank_kanwils(pd.DataFrame(rows))
    # stratified over every satker of the nation that its Kanwil's recap computed
    nation = stratified_indices(dataset, pd.concat(computed, ignore_index=True), period, cut)
    totals = {**national_totals(ranked), **{k: int(ranked[k].sum()) for k in ("pengguna_layanan", "minimum")}}
    return LaporanNasional(periode=period, tanggal_data=cut, aturan=rule, peringkat=ranked, total=totals,
                           indeks_nasional=nation,
                           tanggal_cetak=as_date(tanggal_cetak, "tanggal_cetak") or default_print_date(),
                           tanggal_rapat=as_date(tanggal_rapat, "tanggal_rapat"))
