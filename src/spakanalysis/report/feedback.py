"""Every masked feedback comment of one satker in a period (the report shows only the latest ones).

The selection is the report's (:func:`~spakanalysis.report.satker_report.build_satker_report`):
valid external responses of the period up to the data date, with non-empty ``saran``, newest
first. The loader (:func:`~spakanalysis.data.dataset.load_dataset`) has already masked personal
data in ``saran`` (:func:`~spakanalysis.data.privacy.mask_personal_text`), so no second pass here.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from spakanalysis.core.periods import Periode
from spakanalysis.stats.progress import valid_mask

__all__ = ["masked_feedback"]


def masked_feedback(respons: pd.DataFrame, periode: Periode, tanggal_data: date) -> pd.DataFrame:
    """All comments of ``respons`` (one satker's rows of a loaded dataset) counted in ``periode`` up to ``tanggal_data``.

    Returns columns ``tanggal_lokal``, ``jenis_layanan``, ``saran`` (as masked by the loader),
    newest first (ties keep the file order).
    """
    days = pd.to_datetime(respons["tanggal_lokal"], errors="coerce")
    in_period = (days >= pd.Timestamp(periode.mulai)) & (days <= pd.Timestamp(min(periode.akhir, tanggal_data)))
    counted = in_period & (valid_mask(respons, "SPKP") | valid_mask(respons, "SPAK"))
    text = respons.get("saran", pd.Series("", index=respons.index)).astype("string").fillna("").str.strip()
    keep = counted & text.ne("")
    fb = respons.loc[keep, ["waktu_isi", "tanggal_lokal", "jenis_layanan"]].assign(saran=text[keep])
    fb = fb.sort_values("waktu_isi", ascending=False, kind="stable")
    return fb[["tanggal_lokal", "jenis_layanan", "saran"]].reset_index(drop=True)
