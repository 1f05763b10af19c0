"""One satker's report against the previous comparable period: :class:`Pembanding`.

The previous period is :func:`~spakanalysis.core.periods.previous_periode` (the month before
a month, the quarter before a quarter, …), counted exactly like the report's own period
(same rule, same target start, same validity) up to its end. Every figure is compared by
:mod:`spakanalysis.stats.comparison`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from spakanalysis.core.enums import TARGET_INSTRUMENTS
from spakanalysis.core.periods import Periode, previous_periode
from spakanalysis.report.feedback import counted_responses
from spakanalysis.report.survey import survey_results
from spakanalysis.stats.comparison import (
    TANPA_DATA_SEBELUMNYA,
    Perubahan,
    compare_index,
    compare_unsur,
    compare_value,
    unsur_intervals,
)
from spakanalysis.stats.progress import AturanSampel, capped_attainment, progress_table

__all__ = ["Pembanding", "TARGET_BELUM_BERLAKU_SEBELUMNYA", "compare_with_previous"]

#: the reading of an attainment whose previous period was entirely before the target start
TARGET_BELUM_BERLAKU_SEBELUMNYA = "Target belum berlaku pada periode sebelumnya"


@dataclass(frozen=True)
class Pembanding:
    """The report's headline figures against the previous comparable period.

    Attributes
    ----------
    periode : Periode
        The previous period.
    ada_data : bool
        Whether the previous period has any counted response of this satker.
    capaian : dict of str to Perubahan
        Period attainment (percent, each month capped at its minimum) per instrument.
    indeks : dict of str to Perubahan
        IPKP and IPAK (1–4 scale).
    unsur : dict of str to DataFrame
        Each unsur per instrument (:func:`~spakanalysis.stats.comparison.compare_unsur`).
    """

    periode: Periode
    ada_data: bool
    capaian: dict[str, Perubahan] = field(default_factory=dict)
    indeks: dict[str, Perubahan] = field(default_factory=dict)
    unsur: dict[str, pd.DataFrame] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The ``pembanding`` block of ``ringkasan.json``."""
        unsur = {ins: [{**r, "nrr": _num(r["nrr"]), "nrr_sebelum": _num(r["nrr_sebelum"]), "selisih": _num(r["selisih"]),
                        "bermakna": None if pd.isna(r["bermakna"]) else bool(r["bermakna"])}
                       for r in t.to_dict(orient="records")] for ins, t in self.unsur.items()}
        return {
            "periode": self.periode.kode,
            "periode_label": self.periode.label,
            "periode_mulai": self.periode.mulai.isoformat(),
            "periode_akhir": self.periode.akhir.isoformat(),
            "ada_data": self.ada_data,
            "keterangan": None if self.ada_data else TANPA_DATA_SEBELUMNYA,
            "capaian_persen_periode": {k: v.to_dict(2) for k, v in self.capaian.items()},
            "indeks": {k: v.to_dict(4) for k, v in self.indeks.items()},
            "unsur": unsur,
        }


def _num(x, digits: int = 4):
    return None if x is None or pd.isna(x) else round(float(x), digits)


def _attainment(now: pd.DataFrame, before: pd.DataFrame, ada_data: bool) -> dict[str, Perubahan]:
    out = {}
    for ins in TARGET_INSTRUMENTS:
        a, b = now[now["instrumen"] == ins], before[before["instrumen"] == ins]
        note = TANPA_DATA_SEBELUMNYA if not ada_data else (
            TARGET_BELUM_BERLAKU_SEBELUMNYA if len(b) and not b["target_berlaku"].any() else TANPA_DATA_SEBELUMNYA)
        out[str(ins)] = compare_value(capped_attainment(a["respons_sah"], a["minimum"]),
                                      capped_attainment(b["respons_sah"], b["minimum"]) if ada_data else None,
                                      tanpa_sebelum=note)
    return out


def _unsur(inst, before) -> pd.DataFrame:
    res = inst.result
    now = unsur_intervals(inst.items, res.skala_min, res.skala_maks, res.populasi)
    prev = None
    if before is not None and before.result.n_respons:
        prev = unsur_intervals(before.items, before.result.skala_min, before.result.skala_maks, before.result.populasi)
    return compare_unsur(now, prev)


def compare_with_previous(dataset, responses: pd.DataFrame, registry: pd.DataFrame, period: Periode, cut: date,
                          rule: AturanSampel, progress: pd.DataFrame, survey) -> Pembanding:
    """Compare one satker's period with the previous comparable period.

    Parameters
    ----------
    dataset : Dataset
        The loaded data.
    responses : DataFrame
        This satker's responses (all dates).
    registry : DataFrame
        This satker's registry row.
    period, cut : Periode, date
        The report's period and data cut-off.
    rule : AturanSampel
        The sample-size rule (with its target start).
    progress : DataFrame
        The report's progress table.
    survey : SurveyResults or None
        The report's indices (``None``: indices were not computed, only attainment is compared).
    """
    prev = previous_periode(period)
    prev_cut = min(prev.akhir, cut)
    counted = counted_responses(responses, prev, prev_cut)
    ada = bool(counted.any())
    before = progress_table(registry, responses, prev, prev_cut, aturan=rule)
    out = Pembanding(periode=prev, ada_data=ada, capaian=_attainment(progress, before, ada))
    if survey is None:
        return out
    population = int(registry["jumlah_pengguna_layanan"].iloc[0])
    prev_survey = survey_results(dataset, responses[counted], population, prev.mulai, prev_cut) if ada else None
    for inst in survey.instruments:
        before_inst = None if prev_survey is None else prev_survey.of(str(inst.instrument))
        out.indeks[inst.index_name] = compare_index(inst.result, None if before_inst is None else before_inst.result)
        out.unsur[str(inst.instrument)] = _unsur(inst, before_inst)
    return out
