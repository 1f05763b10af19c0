"""The Kanwil recap's figures: one row per satker, the number of satkers per status, the Kanwil totals."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.enums import BEHIND, TARGET_INSTRUMENTS, Outcome, Status
from spakanalysis.stats.progress import AturanSampel, capped_attainment, current_month_rows, progress_table

__all__ = ["recap_table", "status_counts", "kanwil_totals", "STATUS_ORDER"]

#: every status a recap row can have, best first: progress statuses, then the batch outcomes
STATUS_ORDER = (*Status, *Outcome)


def _satker_row(code: str, part: pd.DataFrame, period_pct: dict) -> dict[str, Any]:
    """The recap row of one satker from its running-month progress rows."""
    first = part.iloc[0]
    row: dict[str, Any] = {"kode_satker": code, "populasi": int(first["populasi"]), "metode": first["metode"],
                           "minimum": int(first["minimum"]), "bulan": first["bulan_label"]}
    for ins in TARGET_INSTRUMENTS:
        r = part[part["instrumen"] == ins]
        if r.empty:
            continue
        r = r.iloc[0]
        row[f"{ins}_sah"] = int(r["respons_sah"])
        row[f"{ins}_persen"] = float(r["capaian_persen"])
        row[f"{ins}_status"] = r["status"]
        row[f"{ins}_target_harian"] = r["target_harian"]
        row[f"{ins}_periode_persen"] = period_pct[(code, ins)]
    row["status"] = Status.worst(row.get(f"{i}_status") for i in TARGET_INSTRUMENTS).value
    row["capaian_persen"] = min(row.get(f"{i}_persen", np.inf) for i in TARGET_INSTRUMENTS)
    targets = [t for t in (row.get(f"{i}_target_harian") for i in TARGET_INSTRUMENTS) if t is not None and not pd.isna(t)]
    row["target_harian"] = max(targets) if targets else np.nan  # no day left: no target, not 0
    return row


def recap_table(satker: pd.DataFrame, respons: pd.DataFrame, periode, tanggal_data: date,
                aturan: AturanSampel = AturanSampel(), gagal: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per satker: service users, rule, minimum, SPKP/SPAK this month, status, daily target.

    Rows are ordered by attainment (the lower of SPKP and SPAK this month, lowest first),
    so the satkers that need attention come first. Satkers in ``gagal`` (data errors)
    are kept, flagged, at the top.
    """
    progress = progress_table(satker, respons, periode, tanggal_data, aturan=aturan)
    now = current_month_rows(progress, tanggal_data)
    period_pct = {k: capped_attainment(g["respons_sah"], g["minimum"])
                  for k, g in progress.groupby(["kode_satker", "instrumen"], sort=False)}
    rows = [_satker_row(code, part, period_pct) for code, part in now.groupby("kode_satker", sort=False)]
    out = satker[["kode_satker", "nama_satker", "jenis_satker"]].merge(pd.DataFrame(rows), on="kode_satker", how="left")
    out["data_bermasalah"] = out["kode_satker"].isin(list((gagal or {}).keys()))
    out = out.sort_values(["data_bermasalah", "capaian_persen", "kode_satker"], ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True)


def status_counts(tabel: pd.DataFrame) -> pd.Series:
    """Number of satkers per status, in the order of :data:`STATUS_ORDER`."""
    order = [s.value for s in STATUS_ORDER]
    return tabel["status"].value_counts().reindex(order).dropna().astype("int64")


def kanwil_totals(tabel: pd.DataFrame) -> dict[str, Any]:
    """Kanwil totals of the current month: satkers, service users, minimum, valid responses, attainment."""
    ok = tabel[~tabel["data_bermasalah"]]
    totals: dict[str, Any] = {
        "jumlah_satker": int(len(tabel)),
        "satker_tercapai": int((ok["status"] == Status.ACHIEVED).sum()),
        "satker_perlu_percepatan": int(ok["status"].isin([s.value for s in BEHIND]).sum()),
        "satker_data_bermasalah": int(tabel["data_bermasalah"].sum()),
        "pengguna_layanan": int(ok["populasi"].sum()),
        "minimum": int(ok["minimum"].sum()),
    }
    for ins in TARGET_INSTRUMENTS:
        capped = ok[f"{ins}_sah"].clip(upper=ok["minimum"]).sum()
        totals[f"{ins}_sah"] = int(ok[f"{ins}_sah"].sum())
        # attainment without letting one satker's surplus hide another's shortfall
        totals[f"{ins}_persen"] = float(capped / totals["minimum"] * 100) if totals["minimum"] else float("nan")
    return totals
