"""The feedback themes of a satker report: themes this period against the previous one, every comment with its themes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from spakanalysis.core.errors import DataError, Masalah
from spakanalysis.core.periods import Periode, parse_periode
from spakanalysis.report.feedback import masked_feedback
from spakanalysis.stats.feedback_themes import (
    DEFAULT_UNSUR,
    ThemeCodebook,
    ThemeCodebookError,
    classify_series,
    codebook_for_data_folder,
    summarise_themes,
)

__all__ = ["MAX_PDF_QUOTES", "NO_THEME", "ThemeSection", "codebook_problems", "previous_period", "report_codebook", "theme_section"]

#: at most this many quotes in the printed (PDF) report; the rest are in the HTML appendix and laporan.xlsx
MAX_PDF_QUOTES = 30
#: the appendix group (and the quotes) of comments without a theme
NO_THEME = "Tanpa tema"


def previous_period(period: Periode) -> Periode | None:
    """The previous comparable period: the month before a month, the quarter before a quarter, and so on.

    Semesters and years go back one semester or year; an explicit range has none (``None``).

    Examples
    --------
    >>> previous_period(parse_periode("2024-Q3")).kode, previous_period(parse_periode("2024-01")).kode
    ('2024-Q2', '2023-12')
    >>> previous_period(parse_periode("2024-Q1")).kode, previous_period(parse_periode("2024-S1")).kode
    ('2023-Q4', '2023-S2')
    >>> previous_period(parse_periode("2024-07-01..2024-07-10")) is None
    True
    """
    kode, before = period.kode, period.mulai - timedelta(days=1)
    if len(kode) == 7 and kode[4] == "-" and kode[5:].isdigit():
        return parse_periode(f"{before.year}-{before.month:02d}")
    if len(kode) == 7 and kode[5] in "QS":
        size = 3 if kode[5] == "Q" else 6
        return parse_periode(f"{before.year}-{kode[5]}{(before.month - 1) // size + 1}")
    if len(kode) == 4:
        return parse_periode(str(before.year))
    return None


def report_codebook(folder: str | Path, known_unsur) -> ThemeCodebook:
    """The data folder's theme codebook; an invalid override becomes a :class:`DataError` naming file and key."""
    try:
        return codebook_for_data_folder(folder, known_unsur=known_unsur)
    except ThemeCodebookError as err:
        where = f"tema '{err.tema}': " if err.tema else ""
        problem = Masalah(Path(err.berkas).name, f"{where}{err.pesan}", None, err.kunci, None, "galat", "kamus_tema_tidak_valid")
        raise DataError([problem], judul="Kamus tema saran (tema_saran.toml) tidak valid") from None


def codebook_problems(folder: str | Path, known_unsur=None) -> list[Masalah]:
    """The problem of the data folder's ``tema_saran.toml`` (for ``validasi``): empty when it is valid or absent."""
    known = DEFAULT_UNSUR.union(known_unsur or ())
    try:
        report_codebook(folder, known)
    except DataError as err:
        return list(err.masalah)
    return []


@dataclass(frozen=True)
class ThemeSection:
    """Feedback themes of one satker.

    Attributes
    ----------
    previous : Periode or None
        The previous comparable period (:func:`previous_period`).
    themes : DataFrame
        This satker's rows of :func:`~spakanalysis.stats.feedback_themes.summarise_themes`
        (corruption complaints first, then by count).
    comments : DataFrame
        Every comment of the period (masked), newest first: ``tanggal_lokal``, ``jenis_layanan``,
        ``saran``, ``tema`` (tuple of codes), ``label_tema`` (labels joined by "; "), ``jenis``
        (pujian/keluhan/usulan or ``None``), ``korupsi``, ``berisi`` (has content: not "-", "nihil", ...).
    labels : dict
        Theme code → label.
    unsur_labels : dict
        SPKP/SPAK item code (kode_butir) → "SPKP: <unsur>" (the unsur a reader knows by name).
    """

    previous: Periode | None
    themes: pd.DataFrame
    comments: pd.DataFrame
    labels: dict[str, str]
    unsur_labels: dict[str, str] = field(default_factory=dict)

    def unsur_text(self, codes: str) -> str:
        """The SPKP/SPAK unsur names of a summary row's ``unsur`` ("a; b"), others left out; "–" for none."""
        names = [self.unsur_labels[c] for c in codes.split("; ") if c in self.unsur_labels]
        return ", ".join(names) or "–"

    def target_label(self, text: str) -> str:
        """A register's ``unsur_atau_tema`` as a reader knows it: a theme's label, an unsur's name, else as written."""
        key = str(text).strip()
        return self.labels.get(key.casefold(), self.unsur_labels.get(key.casefold(), key))

    def by_theme(self) -> list[tuple[str, pd.DataFrame]]:
        """The appendix: (theme label, its comments) in the order of :attr:`themes`, then the comments without a theme.

        A comment with several themes is listed under each; every comment is listed at least once.
        """
        out = []
        for code in self.themes.loc[self.themes["jumlah"] > 0, "tema"]:
            mask = self.comments["tema"].map(lambda t, c=code: c in t)
            out.append((self.labels[code], self.comments[mask]))
        none = self.comments[self.comments["tema"].map(len) == 0]
        if len(none):
            out.append((NO_THEME, none))
        return out

    def summary(self) -> dict[str, Any]:
        """The ``tema_saran`` block of ``ringkasan.json`` (quotes are masked)."""
        def num(x):
            return None if pd.isna(x) else round(float(x), 4)

        themes = [
            {"tema": r.tema, "label": r.label, "unsur": [u for u in r.unsur.split("; ") if u],
             "jumlah": int(r.jumlah), "pangsa": num(r.pangsa), "pangsa_sebelumnya": num(r.pangsa_sebelumnya),
             "perubahan": num(r.perubahan), "jumlah_keluhan": int(r.jumlah_keluhan),
             "jumlah_usulan": int(r.jumlah_usulan), "jumlah_pujian": int(r.jumlah_pujian),
             "jumlah_korupsi": int(r.jumlah_korupsi), "menyentuh_unsur_terlemah": bool(r.menyentuh_unsur_terlemah),
             "kutipan": [q for q in (r.kutipan_1, r.kutipan_2) if q is not None]}
            for r in self.themes.itertuples(index=False)
        ]
        kinds = self.comments["jenis"].value_counts()
        return {
            "periode_sebelumnya": None if self.previous is None else self.previous.kode,
            "jumlah_komentar": int(len(self.comments)),
            "jumlah_bertema": int((self.comments["tema"].map(len) > 0).sum()),
            "jumlah_per_jenis": {k: int(kinds.get(k, 0)) for k in ("keluhan", "usulan", "pujian")},
            "jumlah_keluhan_korupsi": int(self.comments["korupsi"].sum()),
            "tema": themes,
        }


def _classified(comments: pd.DataFrame, book: ThemeCodebook) -> pd.DataFrame:
    labels = {t.code: t.label for t in book.themes}
    found = classify_series(comments["saran"], book)
    return comments.assign(
        tema=found["tema"], label_tema=found["tema"].map(lambda t: "; ".join(labels[c] for c in t)),
        jenis=found["jenis"], korupsi=found["korupsi"], berisi=found["berisi"],
    )


def theme_section(responses: pd.DataFrame, period: Periode, cut: date, weakest: frozenset[str],
                  book: ThemeCodebook, unsur_labels: dict[str, str] | None = None) -> ThemeSection:
    """The themes of one satker's comments in ``period`` up to ``cut``, against the previous comparable period.

    ``responses`` are the satker's rows; ``weakest`` the kode_butir of its weakest unsur (flagged themes).
    The previous period is counted up to its end (it is closed).
    """
    code = str(responses["kode_satker"].iloc[0]) if len(responses) else ""
    now = masked_feedback(responses, period, cut)
    prev_period = previous_period(period)
    before = None if prev_period is None else masked_feedback(responses, prev_period, min(prev_period.akhir, cut))
    table = summarise_themes(
        now.assign(kode_satker=code),
        None if before is None else before.assign(kode_satker=code),
        {code: weakest}, book,
    )
    labels = {t.code: t.label for t in book.themes}
    return ThemeSection(prev_period, table, _classified(now, book), labels, dict(unsur_labels or {}))
