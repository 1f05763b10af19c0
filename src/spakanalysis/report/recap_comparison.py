"""The Kanwil recap against the previous comparable period: each satker's IPKP and IPAK then and now.

The previous period's indices are computed exactly like the recap's own
(:func:`~spakanalysis.stats.survey_results.kanwil_indices`, 1–4 scale, stratified Kanwil index)
and each change is read by :func:`~spakanalysis.stats.comparison.compare_value` on the two 95%
intervals ("tidak berbeda bermakna" when they overlap).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from spakanalysis.core.periods import Periode, previous_periode
from spakanalysis.stats.comparison import TANPA_DATA_SEBELUMNYA, compare_value

__all__ = ["INDICES", "previous_indices", "recap_comparison"]

INDICES = ("IPKP", "IPAK")


def previous_indices(dataset, registry: pd.DataFrame, period: Periode, cut: date):
    """The previous comparable period and its ``kanwil_indices`` (Kanwil dict, per-satker table)."""
    from spakanalysis.stats.survey_results import kanwil_indices

    prev = previous_periode(period)
    kanwil, table = kanwil_indices(dataset, registry, prev, min(prev.akhir, cut))
    return prev, kanwil, table


def _row(now: dict[str, Any], before: dict[str, Any] | None, name: str) -> dict[str, Any]:
    has = before is not None and before.get(f"{name}_n", 0) > 0
    c = compare_value(now.get(f"{name}_nilai"), before.get(f"{name}_nilai") if has else None,
                      (now.get(f"{name}_ci_bawah"), now.get(f"{name}_ci_atas")),
                      (before.get(f"{name}_ci_bawah"), before.get(f"{name}_ci_atas")) if has else None)
    return c.to_dict(4)


def recap_comparison(index_table: pd.DataFrame | None, kanwil_now: dict[str, Any], prev: Periode,
                     kanwil_prev: dict[str, Any], prev_table: pd.DataFrame | None) -> dict[str, Any]:
    """The ``pembanding`` block of ``rekap.json``: per satker and for the Kanwil, IPKP and IPAK then and now.

    Returns
    -------
    dict
        ``periode``, ``periode_label``, ``kanwil`` (``{IPKP: {sekarang, sebelum, selisih, ...}}``; the
        Kanwil's stratified index has no interval here, so its change carries a direction only) and
        ``satker``: one record per satker of ``index_table`` with ``kode_satker``, ``nama_satker``
        and per index ``sekarang``, ``sebelum``, ``selisih``, ``bermakna``, ``keterangan``.
    """
    before = {} if prev_table is None or prev_table.empty else {
        r["kode_satker"]: r for r in prev_table.to_dict(orient="records")}
    rows = []
    for r in ([] if index_table is None else index_table.to_dict(orient="records")):
        rows.append({"kode_satker": r["kode_satker"], "nama_satker": r["nama_satker"],
                     **{name: _row(r, before.get(r["kode_satker"]), name) for name in INDICES}})
    return {
        "periode": prev.kode,
        "periode_label": prev.label,
        "kanwil": {name: compare_value((kanwil_now or {}).get(name), (kanwil_prev or {}).get(name)).to_dict(4)
                   for name in INDICES},
        "satker": rows,
        "keterangan": None if before else TANPA_DATA_SEBELUMNYA,
    }
