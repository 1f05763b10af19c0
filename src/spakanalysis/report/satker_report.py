"""Everything one satker's monev report shows, computed in one place.

:func:`build_satker_report` turns a loaded :class:`~spakanalysis.data.dataset.Dataset`
and the report parameters into a :class:`LaporanSatker`: tables, charts'
data, recommendations and the JSON summary (``ringkasan.json``). The notebook
only displays it, so every number in a report comes from tested code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

from spakanalysis.core.calendars import mode_hari_layanan
from spakanalysis.core.enums import TARGET_INSTRUMENTS, Status
from spakanalysis.core.errors import DataError
from spakanalysis.core.periods import Periode
from spakanalysis.report.cycle import follow_up_advice, monev_cycle
from spakanalysis.report.early_warning_report import satker_early_warning
from spakanalysis.report.feedback import LATEST_FEEDBACK, Feedback, counted_responses, latest_feedback
from spakanalysis.report.follow_up import FollowUpSection
from spakanalysis.report.parameters import as_date, check_parameters, default_print_date
from spakanalysis.report.period_comparison import Pembanding, compare_with_previous
from spakanalysis.report.provenance import satker_sources
from spakanalysis.report.quality import KualitasSatker, satker_quality
from spakanalysis.report.quality_exclusion import comparison_table, drop_flagged
from spakanalysis.report.satker_summary import summary
from spakanalysis.report.survey import SurveyResults, survey_results
from spakanalysis.report.themes import ThemeSection
from spakanalysis.report.trend import monthly_trend, weekly_progress
from spakanalysis.stats.progress import (
    AmbangStatus,
    AturanSampel,
    current_month_rows,
    daily_counts,
    daily_plan,
    exclusion_summary,
    overall_status,
    progress_table,
)
from spakanalysis.stats.recommendations import recommend
from spakanalysis.stats.sample_size import explain_dict

__all__ = ["LaporanSatker", "build_satker_report", "check_parameters", "tanggal_cetak_bawaan", "JUMLAH_SARAN_TERBARU"]

#: deprecated names (kept for callers of the first releases)
JUMLAH_SARAN_TERBARU = LATEST_FEEDBACK
tanggal_cetak_bawaan = default_print_date
_as_date = as_date


@dataclass
class LaporanSatker:
    """The content of one satker's monev report (see :func:`build_satker_report`).

    The field names are the report's vocabulary (they match ``ringkasan.json``);
    ``indeks`` holds the typed survey results (``lap.indeks.spkp.result.ci_bawah``
    is the lower bound of the IPKP interval), ``None`` when not computed.
    """

    identitas: dict[str, Any]
    periode: Periode
    tanggal_data: date
    aturan: AturanSampel
    mode_hari: str
    progres: pd.DataFrame
    harian: pd.DataFrame
    rencana: dict[str, pd.DataFrame]
    pengecualian: pd.DataFrame
    saran: pd.DataFrame
    jumlah_saran: int
    metodologi: dict[str, Any]
    rekomendasi: list[str]
    status: str
    sumber: list[dict[str, Any]]
    indeks: SurveyResults | None = None
    kualitas: KualitasSatker | None = None
    kecualikan_tanda: bool = False
    pembanding_tanda: pd.DataFrame | None = None
    peringatan_dini: dict[str, dict[str, Any]] | None = None
    tema_saran: ThemeSection | None = None
    tindak_lanjut: FollowUpSection | None = None
    #: against the previous comparable period (report.period_comparison); trend over all months and
    #: the running month per week (report.trend)
    pembanding: Pembanding | None = None
    tren: pd.DataFrame | None = None
    mingguan: pd.DataFrame | None = None

    def ringkasan(self) -> dict[str, Any]:
        """JSON-serialisable figures of the report (written as ``ringkasan.json``)."""
        return summary(self)


def _identity(row: pd.Series, period: Periode, cut: date, tanggal_cetak, tanggal_rapat) -> dict[str, Any]:
    """The satker and the dates shown on the cover."""
    return {
        "kanwil": row["kanwil"],
        "kode_satker": row["kode_satker"],
        "nama_satker": row["nama_satker"],
        "jenis_satker": row["jenis_satker"],
        "kota": row.get("kota", ""),
        "jumlah_pengguna_layanan": int(row["jumlah_pengguna_layanan"]),
        "periode_acuan": row.get("periode_acuan", ""),
        "periode_label": period.label,
        "tanggal_data": cut,
        "tanggal_cetak": as_date(tanggal_cetak, "tanggal_cetak") or default_print_date(),
        "tanggal_rapat": as_date(tanggal_rapat, "tanggal_rapat"),
        "url_survei": row.get("url_survei") if isinstance(row.get("url_survei"), str) else None,
    }


def _daily_plans(now: pd.DataFrame, cut: date, mode: str) -> dict[str, pd.DataFrame]:
    """The plan for the rest of the running month, per instrument that has one."""
    return {str(ins): daily_plan(now[now["instrumen"] == ins].iloc[0], cut, mode)
            for ins in TARGET_INSTRUMENTS if (now["instrumen"] == ins).any()}


def _advice(progress: pd.DataFrame, cut: date, feedback: Feedback, survey: SurveyResults | None,
            follow: FollowUpSection | None = None) -> list[str]:
    """The recommendations from the figures (the weakest unsur when the indices were computed, the follow-up gaps)."""
    exceeds = bool((progress["respons_sah"] > progress["populasi"]).any())
    weakest = None if survey is None else {str(r.instrument): r.priorities for r in survey.instruments}
    return recommend(progress, cut, jumlah_saran=feedback.count, prioritas=weakest, melebihi_populasi=exceeds,
                     tindak_lanjut=None if follow is None else follow_up_advice(follow))


def _with_target_start(rule: AturanSampel, target_mulai) -> AturanSampel:
    """``target_mulai`` (a date or ``YYYY-MM-DD``) overrides ``[target] berlaku_mulai`` of ``config/progres.toml``."""
    if target_mulai in (None, ""):
        return rule
    return replace(rule, berlaku_mulai=as_date(target_mulai, "target_mulai"))


def _over_time(dataset, responses, registry, period: Periode, cut: date, rule: AturanSampel, progress: pd.DataFrame,
               survey: SurveyResults | None, mode: str) -> dict[str, Any]:
    """The report's fields over time: daily counts, the previous period, the monthly trend, the running month's weeks."""
    daily = daily_counts(responses, period, cut)
    return {
        "harian": daily,
        "pembanding": compare_with_previous(dataset, responses, registry, period, cut, rule, progress, survey),
        "tren": monthly_trend(dataset, responses, registry, cut, rule),
        "mingguan": weekly_progress(progress, daily, cut, mode),
    }


def _check_data(dataset, code: str) -> None:
    """No report is made from data known to be wrong: raise the satker's own data errors."""
    errors = dataset.galat_untuk(code)
    if errors:
        raise DataError(errors, judul=f"Laporan {code} tidak dibuat: data satker ini bermasalah")


def build_satker_report(
    dataset,
    kode_satker: str,
    periode: str | Periode = "2024-Q3",
    *,
    mulai=None,
    akhir=None,
    tanggal_data=None,
    aturan: str = "ntt-2024",
    galat: float = 0.05,
    lantai: int | None = None,
    tanggal_rapat=None,
    tanggal_cetak=None,
    ambang: AmbangStatus | None = None,
    with_indices: bool = True,
    kecualikan_tanda: bool = False,
    target_mulai=None,
) -> LaporanSatker:
    """Compute the content of one satker's monev report.

    Raises
    ------
    ParameterError
        Unknown satker, malformed period or date, unknown rule.
    DataError
        The data has errors (level ``galat``) of this satker: no report is made from data known to be wrong.
    """
    row, period, cut, rule = check_parameters(dataset, kode_satker, periode, mulai, akhir, tanggal_data, aturan, galat,
                                              lantai, tanggal_rapat, tanggal_cetak)
    code, rule = row["kode_satker"], _with_target_start(rule, target_mulai)
    _check_data(dataset, code)
    responses = _satker_responses(dataset, code, period, cut, kecualikan_tanda)
    registry = dataset.satker[dataset.satker["kode_satker"] == code]
    progress = _progress(dataset, code, responses, period, cut, rule, ambang)
    mode = progress["mode_hari"].iloc[0] if len(progress) else mode_hari_layanan(row["jenis_satker"], row.get("hari_layanan"))
    now = current_month_rows(progress, cut)
    population = int(row["jumlah_pengguna_layanan"])
    feedback, survey = _feedback_and_survey(dataset, responses, population, period, cut, with_indices)
    themes, follow = monev_cycle(dataset, responses, period, cut, survey)
    return LaporanSatker(
        identitas=_identity(row, period, cut, tanggal_cetak, tanggal_rapat),
        periode=period,
        tanggal_data=cut,
        aturan=rule,
        mode_hari=mode,
        progres=progress,
        rencana=_daily_plans(now, cut, mode),
        pengecualian=exclusion_summary(responses, period, cut),
        saran=feedback.latest,
        jumlah_saran=feedback.count,
        metodologi=explain_dict(population, rule.aturan, e=rule.galat, floor=rule.lantai),
        rekomendasi=_advice(progress, cut, feedback, survey, follow),
        status=overall_status(now["status"]) if len(now) else Status.NOT_STARTED,
        sumber=satker_sources(dataset, code),  # this satker's rows of each file (see report/provenance.py)
        indeks=survey,
        **_quality(dataset, row, period, cut, rule, ambang, kecualikan_tanda, (responses, progress, survey, with_indices, mode)),
        tema_saran=themes, tindak_lanjut=follow,
        **_over_time(dataset, responses, registry, period, cut, rule, progress, survey, mode),
    )


def _feedback_and_survey(dataset, responses, population: int, period: Periode, cut: date, with_indices: bool):
    """The feedback of the counted responses and, unless ``with_indices`` is false, the survey results."""
    counted = counted_responses(responses, period, cut)
    survey = survey_results(dataset, responses[counted], population, period.mulai, min(period.akhir, cut)) \
        if with_indices else None
    return latest_feedback(responses, counted), survey


def _satker_responses(dataset, code: str, period: Periode, cut: date, without_flagged: bool) -> pd.DataFrame:
    """The satker's responses; without the flagged submissions when ``--kecualikan-tanda`` is given."""
    responses = dataset.respons_satker(code)
    return drop_flagged(dataset, responses, period, cut) if without_flagged else responses


def _progress(dataset, code: str, responses, period: Periode, cut: date, rule, ambang) -> pd.DataFrame:
    return progress_table(dataset.satker[dataset.satker["kode_satker"] == code], responses, period, cut,
                          aturan=rule, ambang=ambang)


def _quality(dataset, row, period, cut, rule, ambang, excluded: bool, report) -> dict[str, Any]:
    """The report's data-quality and early-warning fields. ``report`` = (responses, progress, indices,
    with_indices, day mode) of the report; with ``--kecualikan-tanda`` (``excluded``) its figures are compared
    with those of every submission."""
    responses, progress, survey, with_indices, mode = report
    fields = {"kualitas": satker_quality(dataset, row["kode_satker"], period, cut), "kecualikan_tanda": bool(excluded),
              "peringatan_dini": satker_early_warning(responses, progress, cut, mode)}
    if excluded:
        fields["pembanding_tanda"] = _with_flagged(dataset, row, period, cut, rule, ambang, progress, survey, with_indices)
    return fields


def _with_flagged(dataset, row, period, cut, rule, ambang, progress_kept, survey_kept, with_indices):
    """Progress and indices with every submission, side by side with the report's (flagged ones excluded)."""
    code = row["kode_satker"]
    responses = _satker_responses(dataset, code, period, cut, False)
    progress = _progress(dataset, code, responses, period, cut, rule, ambang)
    counted = counted_responses(responses, period, cut)
    survey = survey_results(dataset, responses[counted], int(row["jumlah_pengguna_layanan"]), period.mulai,
                            min(period.akhir, cut)) if with_indices else None
    return comparison_table(progress, progress_kept, survey, survey_kept)
