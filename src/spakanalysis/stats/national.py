"""The national ranking of the Kanwils: attainment, stratified IPKP/IPAK and satkers behind target.

The figures per Kanwil come from its recap (:func:`spakanalysis.report.recap_table.kanwil_totals` and the
stratified Kanwil indices of :func:`spakanalysis.stats.survey_results.kanwil_indices`); this module only
derives the shares and the ranks, so the national recap says what every Kanwil's recap says.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["RANK_COLUMNS", "rank_kanwils", "national_totals"]

#: the columns :func:`rank_kanwils` needs, one row per Kanwil
RANK_COLUMNS = ("kanwil", "jumlah_satker", "satker_tercapai", "satker_perlu_percepatan", "satker_data_bermasalah",
                "SPKP_persen", "SPAK_persen", "IPKP", "IPAK")


def _share(part, whole) -> float:
    """``part / whole × 100``; NaN when ``whole`` is 0."""
    return float(part) / float(whole) * 100 if whole else math.nan


def rank_kanwils(rows: pd.DataFrame) -> pd.DataFrame:
    """The Kanwils ranked, best first, with their ranks.

    * ``persen_satker_tercapai``: satkers that reached the monthly minimum (status *Tercapai*) among
      all satkers of the Kanwil (a satker with data problems has not shown that it did);
    * ``capaian_persen``: the lower of the capped SPKP and SPAK response attainment of the Kanwil;
    * ``peringkat``: by ``persen_satker_tercapai`` (higher first), then fewer ``satker_perlu_percepatan``,
      then higher ``capaian_persen``, then the name: 1, 2, 3 … without ties;
    * ``peringkat_IPKP`` / ``peringkat_IPAK``: by the stratified index (higher first), equal values share
      the better rank (1, 2, 2, 4); a Kanwil without an index has no rank (``NaN``).

    Examples
    --------
    >>> rows = pd.DataFrame({"kanwil": ["A", "B"], "jumlah_satker": [4, 5], "satker_tercapai": [2, 4],
    ...     "satker_perlu_percepatan": [1, 0], "satker_data_bermasalah": [0, 0], "SPKP_persen": [80.0, 90.0],
    ...     "SPAK_persen": [70.0, 95.0], "IPKP": [3.5, 3.4], "IPAK": [3.7, None]})
    >>> rank_kanwils(rows)[["kanwil", "peringkat", "persen_satker_tercapai", "peringkat_IPKP"]].values.tolist()
    [['B', 1, 80.0, 2.0], ['A', 2, 50.0, 1.0]]
    """
    missing = [c for c in RANK_COLUMNS if c not in rows.columns]
    if missing:
        raise KeyError(f"kolom tidak ada: {', '.join(missing)}")
    out = rows.copy()
    out["persen_satker_tercapai"] = [_share(a, n) for a, n in zip(out["satker_tercapai"], out["jumlah_satker"])]
    out["capaian_persen"] = out[["SPKP_persen", "SPAK_persen"]].astype(float).min(axis=1, skipna=False)
    for name in ("IPKP", "IPAK"):
        out[name] = pd.to_numeric(out[name], errors="coerce")
        out[f"peringkat_{name}"] = out[name].rank(method="min", ascending=False)
    key = pd.DataFrame({"a": -out["persen_satker_tercapai"].fillna(-1.0), "b": out["satker_perlu_percepatan"],
                        "c": -out["capaian_persen"].fillna(-1.0), "d": out["kanwil"].astype(str).str.casefold()})
    order = key.sort_values(["a", "b", "c", "d"], kind="stable").index
    out = out.loc[order].reset_index(drop=True)
    out.insert(0, "peringkat", np.arange(1, len(out) + 1))
    return out


def national_totals(ranked: pd.DataFrame) -> dict[str, float | int]:
    """The nation's satker counts and the share of satkers that reached the minimum (as :func:`rank_kanwils`)."""
    totals = {k: int(ranked[k].sum()) for k in ("jumlah_satker", "satker_tercapai", "satker_perlu_percepatan",
                                                 "satker_data_bermasalah")}
    totals["jumlah_kanwil"] = int(len(ranked))
    totals["persen_satker_tercapai"] = _share(totals["satker_tercapai"], totals["jumlah_satker"])
    return totals
