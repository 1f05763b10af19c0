"""Survey results for the reports: IPKP (SPKP) and IPAK (SPAK) with intervals, priorities and ZI readiness.

Glue between :mod:`spakanalysis.stats.indices` (the computations) and the report
builders: it selects the valid responses of each instrument and packages the
results with a JSON-serialisable summary.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.enums import INDEX_NAMES, TARGET_INSTRUMENTS
from spakanalysis.core.periods import month_populations, period_population
from spakanalysis.stats.breakdown import breakdown
from spakanalysis.stats.groups import index_by
from spakanalysis.stats.indices import compute_index, item_scores
from spakanalysis.stats.kanwil import kanwil_aggregate
from spakanalysis.stats.priorities import priorities
from spakanalysis.stats.progress import valid_mask, window_mask
from spakanalysis.stats.zona_integritas import PREDICATES, zi_readiness

__all__ = ["NAMA_INDEKS", "KANWIL_METODE", "satker_indices", "kanwil_indices", "stratified_indices"]

#: How the Kanwil index is computed, in the words of the recap and the infographic.
KANWIL_METODE = ("indeks Kanwil berstrata: rata-rata indeks satker dibobot menurut jumlah pengguna layanannya "
                 "(bukan semua responden digabung)")

#: Demographic columns broken down in the satker report (small cells suppressed).
KELOMPOK_DEMOGRAFI = ("jenis_kelamin", "kelompok_usia")

#: Index name of each instrument with a target, in report order (SPKP, SPAK).
NAMA_INDEKS = {str(ins): INDEX_NAMES[ins] for ins in TARGET_INSTRUMENTS}


def _json(x):
    if isinstance(x, (float, np.floating)):
        return None if not np.isfinite(x) else round(float(x), 6)
    if isinstance(x, (np.integer,)):
        return int(x)
    return x


def unsur_scores(items: pd.DataFrame) -> list[dict[str, Any]]:
    """Per-item NRR (scale 1–4, codebook order) for ``ringkasan.json``: ``{"unsur", "n", "nrr"}``, answered items only.

    Examples
    --------
    >>> unsur_scores(pd.DataFrame({"unsur": ["A", "B"], "n": [3, 0], "nrr": [3.456789, np.nan]}))
    [{'unsur': 'A', 'n': 3, 'nrr': 3.456789}]
    """
    return [{"unsur": str(r.unsur), "n": int(r.n), "nrr": _json(r.nrr)}
            for r in items.itertuples(index=False) if r.n and pd.notna(r.nrr)]


def _share_populations(sub: pd.DataFrame, col: str, populasi: float | None) -> pd.Series | None:
    """Population of each group's rows under the period's sampling fraction: ``N_period × n_g / n``."""
    if populasi is None or not len(sub):
        return None
    counts = sub[col].value_counts(dropna=False)
    return counts / counts.sum() * populasi


def satker_indices(dataset, respons: pd.DataFrame, populasi: int | None, mulai=None, akhir=None) -> dict[str, Any]:
    """IPKP and IPAK of one satker from its valid responses in the period.

    ``populasi`` is the satker's average number of service users per month. With the window
    ``mulai`` … ``akhir`` (the period up to the data date) the population behind the period's
    index is ``populasi`` times the months the window covers (:func:`period_population`); a
    month's own rows use that month's share, and per-service rows the period's sampling fraction.

    Returns a dict with ``hasil`` (IndexResult per instrument), ``butir``
    (per-item NRR table), ``prioritas`` (weakest unsur), ``kesiapan`` (WBK and
    WBBM readiness), ``layanan`` (per service type), ``bulanan`` (per month),
    ``demografi`` (per demographic group, small cells suppressed) and ``ringkasan`` (JSON).
    """
    out: dict[str, Any] = {"hasil": {}, "butir": {}, "prioritas": {}, "kesiapan": {}, "layanan": {}, "bulanan": {},
                           "demografi": {}, "ringkasan": {}}
    pop_period = months = None
    if populasi is not None and mulai is not None and akhir is not None:
        pop_period = period_population(populasi, mulai, akhir)
        months = month_populations(populasi, mulai, akhir)
    elif populasi is not None:
        pop_period = float(populasi)
    for ins, name in NAMA_INDEKS.items():
        sub = respons[valid_mask(respons, ins)] if len(respons) else respons
        res = compute_index(sub, dataset.instrumen, ins, population=pop_period)
        items = item_scores(sub, dataset.instrumen, ins)
        out["hasil"][ins] = res
        out["butir"][ins] = items
        out["prioritas"][ins] = priorities(items) if res.n_respons else items.iloc[0:0]
        out["kesiapan"][ins] = [zi_readiness(res, predikat=p) for p in PREDICATES]
        out["layanan"][ins] = index_by(sub, dataset.instrumen, ins, "jenis_layanan",
                                       population=_share_populations(sub, "jenis_layanan", pop_period)) if len(sub) else None
        out["bulanan"][ins] = index_by(sub, dataset.instrumen, ins, "bulan",
                                       population=None if months is None else pd.Series(months)) if len(sub) else None
        out["demografi"][ins] = {
            col: breakdown(sub, dataset.instrumen, ins, col, population=pop_period)
            for col in KELOMPOK_DEMOGRAFI if col in sub and len(sub)
        }
        out["ringkasan"][name] = {
            **{k: _json(v) for k, v in asdict(res).items()},
            "kesiapan": {k.predikat: k.status for k in out["kesiapan"][ins]},
            "prioritas": [] if not res.n_respons else out["prioritas"][ins]["unsur"].tolist(),
            "unsur": unsur_scores(items),
        }
    return out


def kanwil_indices(dataset, satker: pd.DataFrame, periode, tanggal_data) -> tuple[dict[str, float | None], pd.DataFrame]:
    """Per-satker IPKP/IPAK with intervals and WBK/WBBM readiness, and the Kanwil's pooled indices.

    The Kanwil index is stratified (``kanwil_aggregate(method="berstrata")``): satker indices
    weighted by their share of the Kanwil's service users, so a satker that over-collects does
    not weigh more; the table has one row per satker.
    """
    r, pops = _window(dataset, satker, periode, tanggal_data)
    groups = {ins: dict(tuple(r[valid_mask(r, ins)].groupby("kode_satker", sort=False))) for ins in NAMA_INDEKS}
    empty = r.iloc[0:0]
    rows = []
    for kode, nama in zip(satker["kode_satker"], satker["nama_satker"]):
        row: dict[str, Any] = {"kode_satker": kode, "nama_satker": nama}
        for ins, name in NAMA_INDEKS.items():
            res = compute_index(groups[ins].get(kode, empty), dataset.instrumen, ins, population=pops.get(kode))
            # values on the 1-4 scale, as the Zona Integritas thresholds
            row.update({f"{name}_n": res.n_respons, f"{name}_nilai": res.nilai_skala4, f"{name}_cukup": res.cukup})
            for k in (zi_readiness(res, predikat=p) for p in PREDICATES):
                row[f"{name}_{k.predikat}"] = k.status
                row[f"{name}_ci_bawah"], row[f"{name}_ci_atas"] = k.ci_bawah_skala4, k.ci_atas_skala4
        rows.append(row)
    return _stratified(dataset, satker, r, pops), pd.DataFrame(rows)


def _window(dataset, satker: pd.DataFrame, periode, tanggal_data) -> tuple[pd.DataFrame, dict[str, float]]:
    """The satkers' responses in the period up to the data date, and each satker's population behind them."""
    r = dataset.respons
    window_end = min(periode.akhir, tanggal_data)
    r = r[window_mask(r, periode.mulai, window_end) & r["kode_satker"].isin(list(satker["kode_satker"]))]
    pops = {k: period_population(v, periode.mulai, window_end)
            for k, v in zip(satker["kode_satker"], satker["jumlah_pengguna_layanan"])}
    return r, pops


def _stratified(dataset, satker: pd.DataFrame, r: pd.DataFrame, pops: dict[str, float]) -> dict[str, float | None]:
    kanwil: dict[str, float | None] = {}
    for ins, name in NAMA_INDEKS.items():
        sub = r[valid_mask(r, ins)]
        agg = kanwil_aggregate(sub, dataset.instrumen, ins, method="berstrata", population=pops,
                               satker=list(satker["kode_satker"])) if len(sub) else None
        kanwil[name] = None if agg is None or not np.isfinite(agg.nilai_skala4) else round(float(agg.nilai_skala4), 4)
    return kanwil


def stratified_indices(dataset, satker: pd.DataFrame, periode, tanggal_data) -> dict[str, float | None]:
    """The stratified IPKP/IPAK (1-4) over ``satker`` alone, as :func:`kanwil_indices` computes them (e.g. the nation)."""
    r, pops = _window(dataset, satker, periode, tanggal_data)
    return _stratified(dataset, satker, r, pops)
