"""The recap's data-quality and early-warning tables: satkers ranked by flagged share and by risk."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from spakanalysis.core.periods import Periode
from spakanalysis.report.early_warning_report import risk_table
from spakanalysis.report.quality import flagged_share_table

__all__ = ["recap_quality_tables", "records"]


def recap_quality_tables(dataset, registry: pd.DataFrame, period: Periode, cut: date, rule) -> dict[str, pd.DataFrame]:
    """``kualitas_data``: the registry's satkers by flagged share (highest first); ``peringatan_dini``: by the
    lowest probability of reaching the running month's minimum (lowest first). Both carry ``nama_satker``."""
    names = registry[["kode_satker", "nama_satker"]]
    codes = set(registry["kode_satker"])
    flagged = flagged_share_table(dataset, period, cut)
    flagged = flagged[flagged["kode_satker"].isin(codes)].merge(names, on="kode_satker", how="left")
    risk = risk_table(registry, dataset.respons[dataset.respons["kode_satker"].isin(codes)], period, cut, rule)
    risk = risk.merge(names, on="kode_satker", how="left")
    return {"kualitas_data": flagged.reset_index(drop=True), "peringatan_dini": risk.reset_index(drop=True)}


def records(table: pd.DataFrame | None, digits: int = 4) -> list[dict[str, Any]]:
    """JSON records of a recap table, floats rounded, NaN as None."""
    if table is None:
        return []
    out = []
    for row in table.to_dict(orient="records"):
        out.append({k: (None if isinstance(v, float) and pd.isna(v) else round(v, digits) if isinstance(v, float)
                        else int(v) if hasattr(v, "item") and not isinstance(v, str) else v) for k, v in row.items()})
    return out
