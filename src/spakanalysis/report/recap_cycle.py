"""Feedback themes and follow-up across the Kanwil, for the recap (``rekap.json`` blocks ``tema_saran``, ``tindak_lanjut``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from spakanalysis.core.periods import Periode
from spakanalysis.data.follow_up import load_follow_up
from spakanalysis.report.feedback import masked_feedback
from spakanalysis.report.follow_up import action_states
from spakanalysis.report.themes import previous_period, report_codebook
from spakanalysis.stats.feedback_themes import DEFAULT_UNSUR, classify_series, summarise_themes

__all__ = ["TOP_THEMES", "RecapCycle", "recap_cycle"]

#: themes named per satker and for the Kanwil
TOP_THEMES = 3


@dataclass(frozen=True)
class RecapCycle:
    """Themes and follow-up of every satker of the recap.

    Attributes
    ----------
    themes : DataFrame
        Per satker: ``kode_satker``, ``nama_satker``, ``jumlah_komentar``, ``tema_utama`` (labels of
        its :data:`TOP_THEMES` most frequent themes, corruption complaints first), ``keluhan_korupsi``.
    kanwil_themes : DataFrame
        Over all satkers: ``tema``, ``label``, ``jumlah``, ``pangsa`` (of all comments with content),
        ``jumlah_satker`` (satkers where it appears), ``jumlah_korupsi``; most frequent first.
    actions : DataFrame
        Per satker with a register row answering the previous or this period: ``kode_satker``,
        ``nama_satker``, ``jumlah_aksi``, ``selesai``, ``berjalan``, ``direncanakan``, ``terlambat``,
        ``batal``, ``persen_selesai`` (selesai / actions not cancelled), ``terlambat_hari_maks``.
    has_register : bool
    previous : Periode or None
    """

    themes: pd.DataFrame
    kanwil_themes: pd.DataFrame
    actions: pd.DataFrame
    has_register: bool
    previous: Periode | None

    def totals(self) -> dict[str, Any]:
        """Kanwil totals of the follow-up."""
        a = self.actions
        n, done, cancelled = int(a["jumlah_aksi"].sum()), int(a["selesai"].sum()), int(a["batal"].sum())
        return {"jumlah_aksi": n, "selesai": done, "terlambat": int(a["terlambat"].sum()), "batal": cancelled,
                "persen_selesai": round(100 * done / (n - cancelled), 2) if n - cancelled else None,
                "satker_dengan_aksi": int(len(a)), "satker_terlambat": self.overdue_satkers()}

    def overdue_satkers(self) -> list[str]:
        """Codes of the satkers with an overdue action, most overdue days first."""
        late = self.actions[self.actions["terlambat"] > 0].sort_values(["terlambat_hari_maks", "kode_satker"],
                                                                        ascending=[False, True])
        return late["kode_satker"].tolist()

    def summary(self) -> dict[str, Any]:
        """The ``tema_saran`` and ``tindak_lanjut`` blocks of ``rekap.json``."""
        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in r.items()}
                    for r in frame.to_dict(orient="records")]

        return {
            "tema_saran": {"periode_sebelumnya": None if self.previous is None else self.previous.kode,
                           "kanwil": records(self.kanwil_themes.head(TOP_THEMES * 2)), "satker": records(self.themes)},
            "tindak_lanjut": {"ada_register": self.has_register, **self.totals(), "satker": records(self.actions)},
        }


def _comments(dataset, registry: pd.DataFrame, period: Periode, cut: date) -> pd.DataFrame:
    frames = []
    for code in registry["kode_satker"]:
        rows = masked_feedback(dataset.respons_satker(code), period, cut)
        frames.append(rows.assign(kode_satker=code))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["kode_satker", "saran"])


def _satker_themes(table: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    names = dict(zip(registry["kode_satker"], registry["nama_satker"]))
    rows = []
    for code, t in table[table["jumlah"] > 0].groupby("kode_satker", sort=False):
        rows.append({"kode_satker": code, "nama_satker": names.get(code, code),
                     "jumlah_komentar": int(t["jumlah_komentar"].iloc[0]),
                     "tema_utama": t["label"].head(TOP_THEMES).tolist(),
                     "keluhan_korupsi": int(t["jumlah_korupsi"].sum())})
    return pd.DataFrame(rows, columns=["kode_satker", "nama_satker", "jumlah_komentar", "tema_utama", "keluhan_korupsi"])


def _kanwil_themes(comments: pd.DataFrame, table: pd.DataFrame, book) -> pd.DataFrame:
    found = classify_series(comments["saran"], book)
    total = int(found["berisi"].sum())
    present = table[table["jumlah"] > 0]
    agg = present.groupby(["tema", "label"], sort=False).agg(
        jumlah=("jumlah", "sum"), jumlah_satker=("kode_satker", "nunique"), jumlah_korupsi=("jumlah_korupsi", "sum"))
    agg = agg.reset_index()
    agg["pangsa"] = (agg["jumlah"] / total).round(4) if total else None
    agg = agg.sort_values(["jumlah_korupsi", "jumlah", "tema"], ascending=[False, False, True], kind="stable")
    agg = agg.astype({"jumlah": int, "jumlah_satker": int, "jumlah_korupsi": int})
    return agg[["tema", "label", "jumlah", "pangsa", "jumlah_satker", "jumlah_korupsi"]].reset_index(drop=True)


def _actions(register, registry: pd.DataFrame, period: Periode, previous: Periode | None, cut: date) -> pd.DataFrame:
    wanted = {period.kode, *([previous.kode] if previous else [])}
    rows = register.rows[register.rows["periode_monev"].isin(wanted) & register.rows["kode_satker"].isin(registry["kode_satker"])]
    rows = action_states(rows.reset_index(drop=True), cut)
    names = dict(zip(registry["kode_satker"], registry["nama_satker"]))
    out = []
    for code in [c for c in registry["kode_satker"] if c in set(rows["kode_satker"])]:
        mine = rows[rows["kode_satker"] == code]
        counts = {k: int((mine["keadaan"] == k).sum()) for k in ("selesai", "berjalan", "direncanakan", "terlambat", "batal")}
        active = len(mine) - counts["batal"]
        late = mine.loc[mine["keadaan"] == "terlambat", "hari_terlambat"]
        out.append({"kode_satker": code, "nama_satker": names[code], "jumlah_aksi": int(len(mine)), **counts,
                    "persen_selesai": round(100 * counts["selesai"] / active, 2) if active else None,
                    "terlambat_hari_maks": int(late.max()) if len(late) else 0})
    columns = ["kode_satker", "nama_satker", "jumlah_aksi", "selesai", "berjalan", "direncanakan", "terlambat", "batal",
               "persen_selesai", "terlambat_hari_maks"]
    return pd.DataFrame(out, columns=columns)


def recap_cycle(dataset, registry: pd.DataFrame, period: Periode, cut: date) -> RecapCycle:
    """Themes (this period against the previous comparable one) and follow-up of the satkers of ``registry``."""
    book = report_codebook(dataset.folder, DEFAULT_UNSUR.union(dataset.instrumen["kode_butir"]))
    previous = previous_period(period)
    now = _comments(dataset, registry, period, cut)
    before = None if previous is None else _comments(dataset, registry, previous, min(previous.akhir, cut))
    table = summarise_themes(now, before, None, book) if len(now) else pd.DataFrame(
        columns=["kode_satker", "tema", "label", "jumlah", "jumlah_komentar", "jumlah_korupsi"])
    register = load_follow_up(dataset.folder, dataset.satker["kode_satker"])
    return RecapCycle(_satker_themes(table, registry), _kanwil_themes(now, table, book),
                      _actions(register, registry, period, previous, cut), register.exists, previous)
