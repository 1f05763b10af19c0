"""The survey results of one satker report, typed: IPKP and IPAK with their intervals and tables.

:class:`SurveyResults` holds one :class:`InstrumentResults` per instrument with a
minimum (SPKP, then SPAK). From a notebook's ``lap`` (a
:class:`~spakanalysis.report.satker_report.LaporanSatker`) the IPKP interval is
``lap.indeks.spkp.result.ci_bawah`` / ``.ci_atas``: three types away
(``LaporanSatker`` → ``SurveyResults`` → ``InstrumentResults`` → ``IndexResult``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from spakanalysis.core.enums import Instrument
from spakanalysis.stats.indices import IndexResult
from spakanalysis.stats.zona_integritas import Kesiapan

__all__ = ["InstrumentResults", "SurveyResults", "survey_results"]

#: the keys of the dict that ``LaporanSatker.indeks`` was before it was typed → the field they hold
_LEGACY_KEYS = {"hasil": "result", "butir": "items", "prioritas": "priorities", "kesiapan": "readiness",
                "layanan": "by_service", "bulanan": "by_month", "demografi": "demography"}


@dataclass(frozen=True)
class InstrumentResults:
    """One instrument's results in a satker report.

    Attributes
    ----------
    instrument : Instrument
        SPKP or SPAK.
    result : IndexResult
        The index with its 95% interval (``ci_bawah``, ``ci_atas``; ``ci_bawah_100``,
        ``ci_atas_100`` on 0-100), population, census flag and notes.
    items : DataFrame
        Mean score (NRR) per item and unsur (:func:`spakanalysis.stats.indices.item_scores`).
    priorities : DataFrame
        The weakest unsur, ranked (empty without responses).
    readiness : tuple of Kesiapan
        Zona Integritas readiness, WBK then WBBM.
    by_service, by_month : DataFrame or None
        The index per service type and per month (``None`` without responses).
    demography : dict of str to DataFrame
        The index per demographic column (small cells suppressed).
    """

    instrument: Instrument
    result: IndexResult
    items: pd.DataFrame
    priorities: pd.DataFrame
    readiness: tuple[Kesiapan, ...]
    by_service: pd.DataFrame | None = None
    by_month: pd.DataFrame | None = None
    demography: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def index_name(self) -> str:
        """IPKP for SPKP, IPAK for SPAK."""
        return self.instrument.index_name


@dataclass(frozen=True)
class SurveyResults:
    """IPKP and IPAK of one satker report and their JSON summary (``ringkasan.json["indeks"]``).

    Attributes
    ----------
    spkp, spak : InstrumentResults
        The results of each instrument.
    summary : dict
        JSON-serialisable figures keyed by index name (IPKP, IPAK), as written to ``ringkasan.json``.
    """

    spkp: InstrumentResults
    spak: InstrumentResults
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def instruments(self) -> tuple[InstrumentResults, InstrumentResults]:
        """The instruments in report order (SPKP, SPAK)."""
        return (self.spkp, self.spak)

    def of(self, instrument: str) -> InstrumentResults:
        """The results of ``instrument`` (``"SPKP"`` or ``"SPAK"``)."""
        return {Instrument.SPKP: self.spkp, Instrument.SPAK: self.spak}[Instrument(instrument)]

    def __getitem__(self, key: str) -> dict[str, Any]:
        """Deprecated dict access (``indeks["hasil"]["SPKP"]``): use the attributes instead."""
        if key == "ringkasan":
            name = "summary"
            value: Any = self.summary
        elif key in _LEGACY_KEYS:
            name = _LEGACY_KEYS[key]
            value = {str(r.instrument): getattr(r, name) for r in self.instruments}
        else:
            raise KeyError(key)
        warnings.warn(f'indeks["{key}"] is deprecated: use the typed attribute .{name}', DeprecationWarning,
                      stacklevel=2)
        return value


def _instrument(instrument: Instrument, raw: dict[str, Any]) -> InstrumentResults:
    key = str(instrument)
    return InstrumentResults(
        instrument=instrument, result=raw["hasil"][key], items=raw["butir"][key], priorities=raw["prioritas"][key],
        readiness=tuple(raw["kesiapan"][key]), by_service=raw["layanan"][key], by_month=raw["bulanan"][key],
        demography=dict(raw["demografi"][key]),
    )


def survey_results(dataset, responses: pd.DataFrame, population: int | None, start=None, end=None) -> SurveyResults:
    """IPKP and IPAK of one satker from its counted responses in the window ``start`` … ``end``.

    Parameters
    ----------
    dataset : Dataset
        The loaded data (its codebook scores the answers).
    responses : DataFrame
        The satker's responses in the window (each instrument keeps its own valid ones).
    population : int or None
        The satker's service users per month.
    start, end : date, optional
        The window (the period up to the data date), for the period's population.

    Returns
    -------
    SurveyResults
    """
    from spakanalysis.stats.survey_results import satker_indices

    raw = satker_indices(dataset, responses, population, start, end)
    return SurveyResults(spkp=_instrument(Instrument.SPKP, raw), spak=_instrument(Instrument.SPAK, raw),
                         summary=raw["ringkasan"])
