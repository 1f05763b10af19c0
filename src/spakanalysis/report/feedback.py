"""Which responses a satker report counts, and the feedback (free text) it shows from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from spakanalysis.core.enums import TARGET_INSTRUMENTS
from spakanalysis.core.periods import Periode
from spakanalysis.stats.progress import valid_mask

__all__ = ["LATEST_FEEDBACK", "Feedback", "counted_responses", "latest_feedback", "masked_feedback"]

#: how many of the latest comments a report shows
LATEST_FEEDBACK = 10


@dataclass(frozen=True)
class Feedback:
    """Comments of a satker's counted responses.

    Attributes
    ----------
    count : int
        Counted responses with a comment.
    latest : DataFrame
        The latest :data:`LATEST_FEEDBACK` of them, newest first: ``tanggal_lokal``,
        ``jenis_layanan``, ``saran`` (personal data already masked by the loader).
    """

    count: int
    latest: pd.DataFrame


def counted_responses(responses: pd.DataFrame, period: Periode, cut: date) -> pd.Series:
    """Rows valid for SPKP or SPAK (:func:`~spakanalysis.stats.progress.valid_mask`) inside the period, up to ``cut``."""
    days = pd.to_datetime(responses["tanggal_lokal"], errors="coerce")
    in_window = (days >= pd.Timestamp(period.mulai)) & (days <= pd.Timestamp(min(period.akhir, cut)))
    valid = pd.Series(False, index=responses.index)
    for instrument in TARGET_INSTRUMENTS:
        valid = valid | valid_mask(responses, instrument)
    return in_window & valid


def latest_feedback(responses: pd.DataFrame, counted: pd.Series) -> Feedback:
    """The comments of the ``counted`` rows, newest first (stable for equal times)."""
    rows = _comments(responses, counted)
    latest = rows.head(LATEST_FEEDBACK)[["tanggal_lokal", "jenis_layanan", "saran"]].reset_index(drop=True)
    return Feedback(count=len(rows), latest=latest)


def _comments(responses: pd.DataFrame, counted: pd.Series) -> pd.DataFrame:
    """The non-empty comments of the ``counted`` rows, newest first (stable for equal times)."""
    text = responses.get("saran", pd.Series("", index=responses.index)).astype("string").fillna("").str.strip()
    keep = counted & text.ne("")
    rows = responses.loc[keep, ["waktu_isi", "tanggal_lokal", "jenis_layanan"]].assign(saran=text[keep])
    return rows.sort_values("waktu_isi", ascending=False, kind="stable")


def masked_feedback(respons: pd.DataFrame, periode: Periode, tanggal_data: date) -> pd.DataFrame:
    """Every comment of one satker's rows counted in ``periode`` up to ``tanggal_data`` (the report shows the latest).

    Returns columns ``tanggal_lokal``, ``jenis_layanan``, ``saran`` (as masked by the loader),
    newest first (ties keep the file order).
    """
    rows = _comments(respons, counted_responses(respons, periode, tanggal_data))
    return rows[["tanggal_lokal", "jenis_layanan", "saran"]].reset_index(drop=True)
