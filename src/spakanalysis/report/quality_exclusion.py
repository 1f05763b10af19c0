"""``--kecualikan-tanda``: a satker report without its flagged submissions, compared with the full count.

By default nothing is excluded. With the option the report counts only the
submissions without a data-quality flag (``ditandai``) and shows, side by side,
the period's valid responses, attainment and indices with and without them.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from spakanalysis.core.enums import TARGET_INSTRUMENTS
from spakanalysis.core.periods import Periode
from spakanalysis.report.quality import dataset_flags
from spakanalysis.stats.progress import capped_attainment

__all__ = ["drop_flagged", "comparison_table"]

_INDEX_NAME = {"SPKP": "IPKP", "SPAK": "IPAK"}


def drop_flagged(dataset, responses: pd.DataFrame, period: Periode, cut: date) -> pd.DataFrame:
    """``responses`` without the rows flagged (``ditandai``) in ``period`` up to ``cut``; a new frame."""
    table = dataset_flags(dataset, period, cut)
    flagged = table.index[table["ditandai"].to_numpy()]
    return responses.loc[~responses.index.isin(flagged)].copy()


def _index_value(survey, instrument: str) -> float:
    if survey is None:
        return float("nan")
    return float(survey.of(instrument).result.nilai)


def comparison_table(progress_all: pd.DataFrame, progress_kept: pd.DataFrame, survey_all, survey_kept) -> pd.DataFrame:
    """Side by side per instrument: valid responses and attainment of the period (each month capped at its
    minimum, as in the recap) and the index, with all submissions (``semua``) and without the flagged ones
    (``tanpa_tanda``). Columns ``ukuran``, ``instrumen``, ``semua``, ``tanpa_tanda``, ``selisih``."""
    rows = []
    for ins in TARGET_INSTRUMENTS:
        a = progress_all[progress_all["instrumen"] == ins]
        k = progress_kept[progress_kept["instrumen"] == ins]
        if a.empty:
            continue
        pairs = (
            ("respons_sah", float(a["respons_sah"].sum()), float(k["respons_sah"].sum())),
            ("capaian_persen", capped_attainment(a["respons_sah"], a["minimum"]),
             capped_attainment(k["respons_sah"], k["minimum"])),
            ("indeks", _index_value(survey_all, ins), _index_value(survey_kept, ins)),
        )
        for name, x, y in pairs:
            rows.append({"ukuran": name, "instrumen": str(ins), "semua": x, "tanpa_tanda": y, "selisih": y - x})
    return pd.DataFrame(rows, columns=["ukuran", "instrumen", "semua", "tanpa_tanda", "selisih"])


def label(row) -> str:
    """Indonesian name of a comparison row (e.g. "Capaian SPKP periode", "IPKP")."""
    if row["ukuran"] == "indeks":
        return _INDEX_NAME.get(row["instrumen"], row["instrumen"])
    return {"respons_sah": f"Respons sah {row['instrumen']} periode",
            "capaian_persen": f"Capaian {row['instrumen']} periode"}[row["ukuran"]]
