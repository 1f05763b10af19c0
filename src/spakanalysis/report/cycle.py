"""The monev cycle of a satker report: feedback themes → priorities → follow-up, and the advice on its gaps."""

from __future__ import annotations

from datetime import date

import pandas as pd

from spakanalysis.core.enums import TARGET_INSTRUMENTS
from spakanalysis.core.formatting import format_angka, format_tanggal_panjang
from spakanalysis.core.periods import Periode
from spakanalysis.data.follow_up import load_follow_up
from spakanalysis.report.follow_up import FollowUpSection, follow_up_section, priority_rows
from spakanalysis.report.themes import ThemeSection, report_codebook, theme_section
from spakanalysis.stats.feedback_themes import DEFAULT_UNSUR

__all__ = ["weakest_unsur", "monev_cycle", "follow_up_advice"]


def weakest_unsur(survey) -> pd.DataFrame:
    """The weakest unsur of each instrument (priority 1): ``instrumen``, ``kode_butir``, ``unsur``, ``nrr``."""
    frames = []
    for res in [] if survey is None else survey.instruments:
        tab = res.priorities
        if tab is not None and len(tab):
            frames.append(tab[tab["prioritas"] == 1].assign(instrumen=str(res.instrument)))
    if not frames:
        return pd.DataFrame(columns=["instrumen", "kode_butir", "unsur", "nrr"])
    return pd.concat(frames, ignore_index=True)[["instrumen", "kode_butir", "unsur", "nrr"]]


def monev_cycle(dataset, responses: pd.DataFrame, period: Periode, cut: date, survey) -> tuple[ThemeSection, FollowUpSection]:
    """Themes of the satker's comments and its follow-up (register in the data folder, optional).

    Raises
    ------
    DataError
        The data folder's ``tema_saran.toml`` is invalid (message names the file and key).
    """
    # the package default names every SPKP/SPAK/SKM item; a folder's instrumen.csv may add its own
    book = report_codebook(dataset.folder, DEFAULT_UNSUR.union(dataset.instrumen["kode_butir"]))
    weak = weakest_unsur(survey)
    items = dataset.instrumen[dataset.instrumen["instrumen"].isin([str(i) for i in TARGET_INSTRUMENTS])]
    names = {k: f"{i}: {u}" for i, k, u in items[["instrumen", "kode_butir", "unsur"]].itertuples(index=False)}
    themes = theme_section(responses, period, cut, frozenset(weak["kode_butir"]), book, names)
    register = load_follow_up(dataset.folder, dataset.satker["kode_satker"])
    code = str(responses["kode_satker"].iloc[0]) if len(responses) else ""
    linked: dict[str, list[str]] = {}
    for theme in book.themes:
        for unsur in theme.unsur:
            linked.setdefault(unsur, []).append(theme.code)
    priorities = priority_rows(weak, themes.themes, linked)
    follow = follow_up_section(register, code, period, themes.previous, cut, priorities)
    return themes, follow


def follow_up_advice(follow: FollowUpSection) -> list[str] | None:
    """Recommendations naming the follow-up gaps (``None`` without a register: the generic advice stays)."""
    if not follow.has_register:
        return None
    out = []
    late = pd.concat([follow.answering_previous, follow.planned])
    late = late[late["keadaan"] == "terlambat"].sort_values(["hari_terlambat", "baris"], ascending=[False, True])
    if len(late):
        items = "; ".join(f"{r.rencana_aksi} (target {format_tanggal_panjang(r.target_tanggal)}, terlambat "
                          f"{format_angka(r.hari_terlambat)} hari, {r.penanggung_jawab})" for r in late.itertuples())
        out.append(f"{format_angka(len(late))} aksi tindak lanjut melewati target: {items}. Selesaikan atau "
                   "tetapkan target baru dan perbarui statusnya di register tindak lanjut.")
    if follow.gaps:
        items = "; ".join(f"{g['label']} ({g['alasan']})" for g in follow.gaps)
        out.append(f"Belum ada rencana tindak lanjut untuk prioritas berikut: {items}. Lengkapi "
                   "usulan_tindak_lanjut.xlsx (rencana aksi, penanggung jawab, target tanggal) dan kembalikan ke Kanwil.")
    if not out:
        out.append("Setiap prioritas sudah memiliki rencana tindak lanjut dan tidak ada aksi yang terlambat; "
                   "laporkan hasilnya beserta buktinya pada monev berikutnya.")
    return out
