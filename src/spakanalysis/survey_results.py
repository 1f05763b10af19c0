"""Survey results for the reports: IPKP (SPKP) and IPAK (SPAK) with intervals, priorities and ZI readiness.

Glue between :mod:`spakanalysis.indices` (the computations) and the report
builders: it selects the valid responses of each instrument and packages the
results with a JSON-serialisable summary.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd

from .indices import breakdown, compute_index, index_by, item_scores, kanwil_aggregate, priorities, zi_readiness
from .progress import valid_mask

__all__ = ["NAMA_INDEKS", "satker_indices", "kanwil_indices"]

#: Index name of each instrument.
NAMA_INDEKS = {"SPKP": "IPKP", "SPAK": "IPAK"}


def _json(x):
    if isinstance(x, (float, np.floating)):
        return None if not np.isfinite(x) else round(float(x), 6)
    if isinstance(x, (np.integer,)):
        return int(x)
    return x


def satker_indices(dataset, respons: pd.DataFrame, populasi: int | None) -> dict[str, Any]:
    """IPKP and IPAK of one satker from its valid responses in the period.

    Returns a dict with ``hasil`` (IndexResult per instrument), ``butir``
    (per-item NRR table), ``prioritas`` (weakest unsur), ``kesiapan`` (WBK and
    WBBM readiness), ``layanan`` (per service type) and ``ringkasan`` (JSON).
    """
    out: dict[str, Any] = {"hasil": {}, "butir": {}, "prioritas": {}, "kesiapan": {}, "layanan": {}, "demografi": {}, "ringkasan": {}}
    for ins, name in NAMA_INDEKS.items():
        sub = respons[valid_mask(respons, ins)] if len(respons) else respons
        res = compute_index(sub, dataset.instrumen, ins, population=populasi)
        items = item_scores(sub, dataset.instrumen, ins)
        out["hasil"][ins] = res
        out["butir"][ins] = items
        out["prioritas"][ins] = priorities(items) if res.n_respons else items.iloc[0:0]
        out["kesiapan"][ins] = [zi_readiness(res, predikat=p) for p in ("WBK", "WBBM")]
        out["layanan"][ins] = index_by(sub, dataset.instrumen, ins, "jenis_layanan", population=None) if len(sub) else None
        if "jenis_kelamin" in sub:
            out["demografi"][ins] = breakdown(sub, dataset.instrumen, ins, "jenis_kelamin") if len(sub) else None
        out["ringkasan"][name] = {
            **{k: _json(v) for k, v in asdict(res).items()},
            "kesiapan": {k.predikat: k.status for k in out["kesiapan"][ins]},
            "prioritas": [] if not res.n_respons else out["prioritas"][ins]["unsur"].tolist(),
        }
    return out


def kanwil_indices(dataset, satker: pd.DataFrame, periode, tanggal_data) -> tuple[dict[str, float | None], pd.DataFrame]:
    """Per-satker IPKP/IPAK with intervals and readiness, and the Kanwil's pooled indices."""
    r = dataset.respons
    days = pd.to_datetime(r["tanggal_lokal"], errors="coerce")
    in_p = (days >= pd.Timestamp(periode.mulai)) & (days <= pd.Timestamp(min(periode.akhir, tanggal_data)))
    r = r[in_p & r["kode_satker"].isin(list(satker["kode_satker"]))]
    pops = satker.set_index("kode_satker")["jumlah_pengguna_layanan"]
    frames, kanwil = [], {}
    for ins, name in NAMA_INDEKS.items():
        sub = r[valid_mask(r, ins)]
        t = index_by(sub, dataset.instrumen, ins, "kode_satker", population=pops) if len(sub) else pd.DataFrame(columns=["kode_satker"])
        t = t.add_prefix(f"{name}_").rename(columns={f"{name}_kode_satker": "kode_satker"})
        frames.append(t)
        agg = kanwil_aggregate(sub, dataset.instrumen, ins, method="gabungan") if len(sub) else None
        kanwil[name] = None if agg is None or not np.isfinite(agg.nilai_skala4) else round(float(agg.nilai_skala4), 4)
    table = satker[["kode_satker", "nama_satker"]].copy()
    for f in frames:
        if "kode_satker" in f:
            table = table.merge(f, on="kode_satker", how="left")
    return kanwil, table
