"""The "Tindak lanjut" section of a satker report, from the follow-up register (``tindak_lanjut.csv``).

Actions answering the previous comparable period (done, in progress, overdue with days late),
actions planned for this period, and the priorities (weakest unsur, flagged themes) that no
action of this period names yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from spakanalysis.core.formatting import format_angka
from spakanalysis.core.periods import Periode
from spakanalysis.data.follow_up import FollowUpRegister

__all__ = ["STATE_LABELS", "FollowUpSection", "action_states", "follow_up_section", "priority_rows"]

#: the state of an action on the data date → its label in the report
STATE_LABELS = {
    "selesai": "Selesai", "berjalan": "Berjalan", "direncanakan": "Direncanakan", "terlambat": "Terlambat",
    "batal": "Batal",
}
_OPEN = ("direncanakan", "berjalan")


def action_states(rows: pd.DataFrame, cut: date) -> pd.DataFrame:
    """Add ``keadaan`` and ``hari_terlambat`` to register rows, on the data date ``cut``.

    An open action (direncanakan, berjalan) whose ``target_tanggal`` is before ``cut`` is
    ``terlambat`` by ``(cut - target_tanggal).days`` days; other actions keep their status and
    ``hari_terlambat`` is 0, except a ``selesai`` action finished after its target:
    ``(tanggal_selesai - target_tanggal).days``.

    Examples
    --------
    >>> rows = pd.DataFrame({"status": ["berjalan", "selesai", "direncanakan"],
    ...     "target_tanggal": [date(2024, 8, 15), date(2024, 7, 31), date(2024, 9, 30)],
    ...     "tanggal_selesai": [None, date(2024, 8, 5), None]})
    >>> action_states(rows, date(2024, 9, 18))[["keadaan", "hari_terlambat"]].values.tolist()
    [['terlambat', 34], ['selesai', 5], ['direncanakan', 0]]
    """
    states, late = [], []
    for status, target, done in zip(rows["status"], rows["target_tanggal"], rows["tanggal_selesai"]):
        if status in _OPEN and target < cut:
            states.append("terlambat")
            late.append((cut - target).days)
        else:
            states.append(status)
            late.append(max((done - target).days, 0) if status == "selesai" and done else 0)
    return rows.assign(keadaan=pd.Series(states, index=rows.index, dtype=object),
                       hari_terlambat=pd.Series(late, index=rows.index, dtype="int64"))


def _names(text: str) -> str:
    return " ".join(str(text).casefold().split())


def priority_rows(weakest: pd.DataFrame, themes: pd.DataFrame,
                  unsur_themes: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """The priorities of a satker: its weakest unsur, then its flagged themes.

    A theme is flagged when it holds a corruption complaint, or when it meets a weakest unsur
    and holds a complaint or a request (praise such as "tidak ada pungli" is no priority).
    ``weakest`` has ``instrumen``, ``kode_butir``, ``unsur``, ``nrr``; ``themes`` are rows of
    :func:`~spakanalysis.stats.feedback_themes.summarise_themes`; ``unsur_themes`` maps a
    kode_butir to the codes of the themes concerning it. Each priority: ``jenis`` ("unsur" or
    "tema"), ``kode``, ``label``, ``alasan`` and ``kunci`` (the names an action may give in
    ``unsur_atau_tema`` to answer it, compared case-insensitively: the code, the label, and the
    themes of an unsur or the unsur of a theme).
    """
    out: list[dict[str, Any]] = []
    for r in weakest.itertuples(index=False):
        linked = (unsur_themes or {}).get(r.kode_butir, [])
        out.append({"jenis": "unsur", "kode": r.kode_butir, "label": f"{r.instrumen}: {r.unsur}",
                    "alasan": f"unsur terlemah {r.instrumen}, NRR {format_angka(r.nrr, 2)}",
                    "kunci": {_names(r.kode_butir), _names(r.unsur), *(_names(t) for t in linked)}})
    asks = themes["jumlah_keluhan"] + themes["jumlah_usulan"] > 0
    flagged = themes[(themes["jumlah"] > 0) & (themes["korupsi"] | (themes["menyentuh_unsur_terlemah"] & asks))]
    for r in flagged.itertuples(index=False):
        why = "keluhan korupsi" if r.korupsi else "menyentuh unsur terlemah"
        out.append({"jenis": "tema", "kode": r.tema, "label": r.label,
                    "alasan": f"tema saran {why}, {format_angka(r.jumlah)} komentar",
                    "kunci": {_names(r.tema), _names(r.label), *(_names(u) for u in r.unsur.split("; ") if u)}})
    return out


@dataclass(frozen=True)
class FollowUpSection:
    """The follow-up of one satker (see :func:`follow_up_section`).

    Attributes
    ----------
    has_register : bool
        Whether the data folder holds a register (without one the section says so).
    previous : Periode or None
    answering_previous, planned : DataFrame
        Register rows (with ``keadaan``, ``hari_terlambat``) answering the previous period / this period.
    gaps : list of dict
        The priorities no action of this period names (see :func:`priority_rows`; ``kunci`` dropped).
    register_problems : int
        Register rows of this satker left out because of a problem.
    """

    has_register: bool
    previous: Periode | None
    answering_previous: pd.DataFrame
    planned: pd.DataFrame
    gaps: list[dict[str, Any]]
    register_problems: int = 0

    def counts(self) -> dict[str, int]:
        """Number of actions of both periods by state, and in total."""
        both = pd.concat([self.answering_previous["keadaan"], self.planned["keadaan"]])
        out = {k: int((both == k).sum()) for k in STATE_LABELS}
        return {"jumlah_aksi": int(len(both)), **out}

    def summary(self) -> dict[str, Any]:
        """The ``tindak_lanjut`` block of ``ringkasan.json``."""
        def actions(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{"unsur_atau_tema": r.unsur_atau_tema, "masalah": r.masalah, "rencana_aksi": r.rencana_aksi,
                     "penanggung_jawab": r.penanggung_jawab, "target_tanggal": r.target_tanggal.isoformat(),
                     "status": r.status, "keadaan": r.keadaan, "hari_terlambat": int(r.hari_terlambat),
                     "tanggal_selesai": None if r.tanggal_selesai is None else r.tanggal_selesai.isoformat(),
                     "bukti": r.bukti} for r in frame.itertuples(index=False)]

        prev = self.answering_previous
        done = int((prev["keadaan"] == "selesai").sum())
        active = int((prev["keadaan"] != "batal").sum())
        return {
            "ada_register": self.has_register,
            "periode_sebelumnya": None if self.previous is None else self.previous.kode,
            **self.counts(),
            "persen_selesai_periode_sebelumnya": round(100 * done / active, 2) if active else None,
            "menjawab_periode_sebelumnya": actions(prev),
            "rencana_periode_ini": actions(self.planned),
            "prioritas_tanpa_aksi": [dict(g) for g in self.gaps],
            "baris_register_bermasalah": self.register_problems,
        }


def follow_up_section(register: FollowUpRegister, code: str, period: Periode, previous: Periode | None, cut: date,
                      priorities: list[dict[str, Any]]) -> FollowUpSection:
    """The follow-up of satker ``code`` in ``period`` on the data date ``cut``.

    ``priorities`` come from :func:`priority_rows`; one is a gap when no register row of this
    satker answering ``period`` names it (by code, label or, for a theme, one of its unsur).
    """
    rows = action_states(register.for_satker(code), cut)
    planned = rows[rows["periode_monev"] == period.kode].reset_index(drop=True)
    answering = rows[rows["periode_monev"] == (previous.kode if previous else None)].reset_index(drop=True)
    named = {_names(t) for t in planned["unsur_atau_tema"]}
    gaps = [{k: v for k, v in p.items() if k != "kunci"} for p in priorities if not p["kunci"] & named]
    problems = len({m.baris for m in register.masalah if m.kode_satker == code and m.tingkat == "galat"})
    return FollowUpSection(register.exists, previous, answering, planned, gaps, problems)
