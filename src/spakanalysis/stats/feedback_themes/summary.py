"""Per-satker theme summary with shares, change and quotes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .classify import classify_series
from .codebook import ThemeCodebook, _default_codebook

# ---------------------------------------------------------------------------------------------
# Per-satker summary
# ---------------------------------------------------------------------------------------------

N_QUOTES = 2
SUMMARY_COLUMNS = [
    "kode_satker", "tema", "label", "unsur", "jumlah", "jumlah_komentar", "pangsa",
    "pangsa_sebelumnya", "perubahan", "jumlah_keluhan", "jumlah_usulan", "jumlah_pujian",
    "jumlah_korupsi", "korupsi", "menyentuh_unsur_terlemah",
    *(f"kutipan_{i + 1}" for i in range(N_QUOTES)),
]


def _labelled(comments: pd.DataFrame, book: ThemeCodebook, what: str) -> pd.DataFrame:
    """One row per (comment with content, theme), with kind, corruption flag and text."""
    missing = [c for c in ("kode_satker", "saran") if c not in comments.columns]
    if missing:
        raise ValueError(f"Tabel {what} tidak memiliki kolom {', '.join(missing)}.")
    frame = pd.DataFrame({"kode_satker": comments["kode_satker"].astype(str).to_numpy(),
                          "saran": comments["saran"].to_numpy(dtype=object)})
    frame = frame.join(classify_series(frame["saran"], book))
    frame = frame[frame["berisi"]]
    totals = frame.groupby("kode_satker").size().rename("jumlah_komentar")
    rows = frame.explode("tema").dropna(subset=["tema"])
    return rows.reset_index(drop=True), totals


def _quotes(rows: pd.DataFrame) -> pd.DataFrame:
    """Per (satker, theme) up to N_QUOTES distinct texts: corruption complaints first, then
    the longest, ties A-Z (so the choice does not depend on row order)."""
    texts = rows.assign(teks=rows["saran"].astype(str).str.strip())
    texts = texts.assign(panjang=-texts["teks"].str.len(), bukan_korupsi=~texts["korupsi"])
    texts = texts.sort_values(["kode_satker", "tema", "bukan_korupsi", "panjang", "teks"])
    texts = texts.drop_duplicates(["kode_satker", "tema", "teks"])
    texts = texts.groupby(["kode_satker", "tema"], sort=False).head(N_QUOTES)
    texts = texts.assign(nomor=texts.groupby(["kode_satker", "tema"], sort=False).cumcount() + 1)
    wide = texts.pivot(index=["kode_satker", "tema"], columns="nomor", values="teks")
    wide = wide.reindex(columns=range(1, N_QUOTES + 1))
    wide.columns = [f"kutipan_{i}" for i in wide.columns]
    return wide.astype(object).where(wide.notna(), None)


def _weak_set(weakest_unsur: Mapping[str, Any] | None, satker: str) -> frozenset[str]:
    value = (weakest_unsur or {}).get(satker)
    if value is None:
        return frozenset()
    return frozenset([value]) if isinstance(value, str) else frozenset(value)


def _theme_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per (satker, theme): jumlah, kinds and corruption complaints."""
    keys = ["kode_satker", "tema"]
    counts = rows.groupby(keys).size().rename("jumlah").to_frame()
    kinds = pd.crosstab([rows["kode_satker"], rows["tema"]], rows["jenis"])
    for kind in ("keluhan", "usulan", "pujian"):
        counts[f"jumlah_{kind}"] = kinds[kind] if kind in kinds.columns else 0
    counts["jumlah_korupsi"] = rows.groupby(keys)["korupsi"].sum()
    return counts.fillna(0).astype(int)


def _combine(current, previous, book: ThemeCodebook, weakest_unsur) -> pd.DataFrame:
    """Join this period's and the previous period's counts into summary rows."""
    (rows, totals), prev = current, previous
    counts = _theme_counts(rows)
    index = counts.index
    if prev is not None:
        prev_counts = _theme_counts(prev[0])["jumlah"]
        extra = prev_counts.index[prev_counts.index.get_level_values(0).isin(totals.index)]
        index = index.union(extra)
        counts = counts.reindex(index, fill_value=0)
    frame = counts.join(_quotes(rows)).reset_index()
    quote_columns = [f"kutipan_{i + 1}" for i in range(N_QUOTES)]
    frame[quote_columns] = frame[quote_columns].astype(object).where(frame[quote_columns].notna(), None)
    frame["jumlah_komentar"] = frame["kode_satker"].map(totals).astype(int)
    frame["pangsa"] = frame["jumlah"] / frame["jumlah_komentar"]
    if prev is None:
        frame["pangsa_sebelumnya"] = np.nan
    else:
        prev_n = prev_counts.reindex(pd.MultiIndex.from_frame(frame[["kode_satker", "tema"]]), fill_value=0)
        prev_total = frame["kode_satker"].map(prev[1]).astype(float)
        frame["pangsa_sebelumnya"] = prev_n.to_numpy() / prev_total.where(prev_total > 0)
    frame["perubahan"] = frame["pangsa"] - frame["pangsa_sebelumnya"]
    themes = {t.code: t for t in book.themes}
    frame["label"] = frame["tema"].map(lambda c: themes[c].label)
    frame["unsur"] = frame["tema"].map(lambda c: "; ".join(themes[c].unsur))
    frame["korupsi"] = frame["jumlah_korupsi"] > 0
    frame["menyentuh_unsur_terlemah"] = [
        bool(_weak_set(weakest_unsur, s).intersection(themes[c].unsur))
        for s, c in zip(frame["kode_satker"], frame["tema"])
    ]
    return frame


def summarise_themes(
    comments: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    weakest_unsur: Mapping[str, str | Iterable[str]] | None = None,
    codebook: ThemeCodebook | None = None,
) -> pd.DataFrame:
    """Themes per satker for one period, compared with the previous period.

    Parameters
    ----------
    comments
        This period's comments: columns ``kode_satker`` and ``saran`` (already masked); other
        columns (``periode``, ``waktu_isi``, ...) are ignored. Select one period before calling.
    previous
        The previous comparable period's comments, same columns, or ``None``.
    weakest_unsur
        Per ``kode_satker``, the weakest unsur code(s) (``kode_butir``, e.g. ``"spkp_sarana"``)
        of that satker; a theme concerning one of them is flagged ``menyentuh_unsur_terlemah``.
    codebook
        Default: the package codebook.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`, one row per satker and theme found this period or the
        previous one (``jumlah`` 0 for a theme that disappeared). ``jumlah_komentar`` counts the
        satker's comments with content ("-", "nihil" and blanks excluded) and is the denominator
        of ``pangsa``; a comment may have several themes, so shares add up to more than 1.
        ``pangsa_sebelumnya`` is NaN without a previous frame or when the satker had no comment
        with content then; ``perubahan`` = ``pangsa - pangsa_sebelumnya``. ``kutipan_1`` and
        ``kutipan_2``: distinct texts, corruption complaints first, then the longest (ties A-Z),
        so the choice does not depend on row order. Rows per satker (satkers in code order):
        themes with a corruption complaint first (more such complaints first), then by
        ``jumlah`` descending, then codebook order. Satkers without a comment with content in
        ``comments`` have no rows.

    Examples
    --------
    >>> now = pd.DataFrame({"kode_satker": ["A", "A", "A", "A"],
    ...     "saran": ["Antrean lama", "Toilet kotor", "Ada calo di depan", "-"]})
    >>> before = pd.DataFrame({"kode_satker": ["A", "A"], "saran": ["Antrean panjang", "Mantap"]})
    >>> out = summarise_themes(now, before, {"A": "spkp_sarana"})
    >>> out[["tema", "jumlah", "pangsa", "perubahan"]].round(3)
                 tema  jumlah  pangsa  perubahan
    0            calo       1   0.333      0.333
    1         antrean       1   0.333     -0.167
    2   waktu_layanan       1   0.333      0.333
    3      kebersihan       1   0.333      0.333
    4  pelayanan_umum       0   0.000     -0.500
    >>> out.loc[out["korupsi"], "kutipan_1"].tolist(), out.loc[out["menyentuh_unsur_terlemah"], "tema"].tolist()
    (['Ada calo di depan'], ['kebersihan'])
    """
    book = codebook or _default_codebook()
    current = _labelled(comments, book, "saran periode ini")
    prev = None if previous is None else _labelled(previous, book, "saran periode sebelumnya")
    frame = _combine(current, prev, book, weakest_unsur)
    order = {code: i for i, code in enumerate(book.codes)}
    frame = frame.assign(_urut=frame["tema"].map(order), _korupsi=-frame["jumlah_korupsi"], _n=-frame["jumlah"])
    frame = frame.sort_values(["kode_satker", "_korupsi", "_n", "_urut"], kind="stable")
    return frame[SUMMARY_COLUMNS].reset_index(drop=True)
