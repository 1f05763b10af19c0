"""Early warning: will a satker reach its monthly minimum by month end at its own pace?

Model (per satker and instrument, from its recent history of daily valid responses):

* **Days.** Only service days count: the history is the satker's service days
  in the last ``history_days`` (56 = 8 weeks) calendar days up to and including
  the cut-off date; the forecast covers the service days after the cut-off up to
  month end. Non-service days contribute 0 (responses that still arrive on them
  are counted in the outcome, which makes the forecast slightly conservative).
* **Mean per day of week.** ``mu_d = (S_d + k * m) / (n_d + k)``: the mean on
  weekday ``d`` shrunk towards the overall daily mean ``m`` with ``k = shrink``
  pseudo-days (``S_d`` = responses on the ``n_d`` history days that fall on
  weekday ``d``). A weekday absent from the history gets ``m``.
* **Dispersion** (negative binomial NB2, ``Var = mu + alpha mu^2``), method of
  moments: ``alpha = (n/(n-p) sum((y - mu)^2) - sum(mu)) / sum(mu^2)`` over the
  ``n`` history days (``p`` = number of weekdays in the history, the fitted means).
  Fallbacks: ``alpha <= 0`` (no extra-Poisson variation, e.g. zero variance)
  → Poisson (``alpha = 0``); fewer than ``min_days_dispersion`` history days →
  the Kanwil's pooled dispersion (:func:`pooled_dispersion`) when given, else
  Poisson. The source is reported (``satker``/``kanwil``/``poisson``).
* **Forecast.** The remaining total ``T`` has mean ``M = sum mu_d`` and
  variance ``sum(mu_d + alpha mu_d^2) + sum_w c_w^2 (mu_w + alpha mu_w^2) / (n_w + k)``
  — the second sum is the uncertainty of the estimated weekday means (``c_w``
  remaining days and ``n_w`` history days on weekday ``w``). ``T`` is taken as negative binomial with that mean and variance
  (Poisson when the variance does not exceed the mean), and
  ``P(reach) = P(T >= minimum - so far)``.
* **Edge cases.** Already at the minimum → probability 1. Minimum not reached,
  and no remaining service day or a pace of 0 → probability 0. No history day
  at all → probability NaN ("belum dapat diperkirakan").

:func:`backtest` predicts from each service day of each past month and
:func:`calibration_table` compares predicted probabilities with outcomes.

Imports only the standard library, numpy, pandas and scipy: the caller passes
service days (from :mod:`spakanalysis.core.calendars`) and daily counts (from
:func:`spakanalysis.stats.progress.daily_counts` or equivalent).
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "HISTORY_DAYS",
    "DailyModel",
    "EarlyWarning",
    "fit_daily_model",
    "pooled_dispersion",
    "reach_probability",
    "early_warning",
    "backtest",
    "calibration_table",
]

HISTORY_DAYS = 56
MIN_DAYS_DISPERSION = 14
SHRINK = 2.0


@dataclass(frozen=True)
class DailyModel:
    """Fitted daily model: mean per weekday (0 = Monday), NB2 dispersion and where it came from."""

    mean_by_weekday: tuple[float, ...]
    days_by_weekday: tuple[int, ...]
    alpha: float
    dispersion_source: str  # "satker", "kanwil" or "poisson"
    n_days: int
    total: int
    shrink: float = SHRINK

    def mean_on(self, day: _dt.date) -> float:
        return self.mean_by_weekday[day.weekday()]


@dataclass(frozen=True)
class EarlyWarning:
    """Result for one satker-month at a cut-off date."""

    probabilitas: float  # P(reach the minimum by month end); NaN = cannot be estimated
    harapan_akhir_bulan: float  # expected valid responses at month end (so far + expected remaining)
    harapan_sisa: float
    respons_sah: int
    minimum: int
    hari_sisa: int
    alpha: float
    sumber_dispersi: str


def _moments(y: np.ndarray, wd: np.ndarray, shrink: float) -> np.ndarray:
    """Fitted mean of each history day (weekday means shrunk towards the overall mean)."""
    m = y.mean()
    mu_wd = np.full(7, m)
    for d in range(7):
        sel = wd == d
        if sel.any():
            mu_wd[d] = (y[sel].sum() + shrink * m) / (sel.sum() + shrink)
    return mu_wd


def _alpha_terms(y: np.ndarray, mu: np.ndarray, n_params: int) -> tuple[float, float]:
    """Numerator and denominator of the moment estimate of alpha.

    The squared residuals are scaled by ``n / (n - p)`` (``p`` = weekday means estimated), as
    fitted means make them smaller than the true variance.
    """
    n = len(y)
    scale = n / (n - n_params) if n > n_params else 1.0
    return float(scale * ((y - mu) ** 2).sum() - mu.sum()), float((mu**2).sum())


def fit_daily_model(
    days: Sequence[_dt.date],
    counts: Sequence[int],
    *,
    pooled_alpha: float | None = None,
    min_days_dispersion: int = MIN_DAYS_DISPERSION,
    shrink: float = SHRINK,
) -> DailyModel | None:
    """Fit the model to the history: ``counts[i]`` valid responses on service day ``days[i]``.

    Returns None when the history has no day.
    """
    y = np.asarray(counts, dtype=float)
    if len(y) == 0:
        return None
    wd = np.array([d.weekday() for d in days])
    mu_wd = _moments(y, wd, shrink)
    num, den = _alpha_terms(y, mu_wd[wd], len(set(wd.tolist())))
    if len(y) < min_days_dispersion:
        alpha, source = (float(pooled_alpha), "kanwil") if pooled_alpha is not None and pooled_alpha > 0 else (0.0, "poisson")
    elif den > 0 and num > 0:
        alpha, source = num / den, "satker"
    else:
        alpha, source = 0.0, "poisson"
    n_wd = tuple(int((wd == d).sum()) for d in range(7))
    return DailyModel(tuple(float(v) for v in mu_wd), n_wd, float(alpha), source, len(y), int(y.sum()), float(shrink))


def pooled_dispersion(histories: Iterable[tuple[Sequence[_dt.date], Sequence[int]]], *, shrink: float = SHRINK) -> float:
    """The Kanwil's dispersion: moment estimate pooled over its satkers' histories (0 when none)."""
    num = den = 0.0
    for days, counts in histories:
        y = np.asarray(counts, dtype=float)
        if len(y) == 0:
            continue
        wd = np.array([d.weekday() for d in days])
        n, d = _alpha_terms(y, _moments(y, wd, shrink)[wd], len(set(wd.tolist())))
        num, den = num + n, den + d
    return max(num / den, 0.0) if den > 0 else 0.0


def _sf_at_least(need: int, mean: float, var: float) -> float:
    """P(T >= need) for T with the given mean and variance (NB by moments, Poisson if var <= mean)."""
    if need <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    if var <= mean * (1 + 1e-9):
        return float(stats.poisson.sf(need - 1, mean))
    r = mean * mean / (var - mean)
    return float(stats.nbinom.sf(need - 1, r, r / (r + mean)))


def _pace_variance(model: DailyModel, remaining_days: Sequence[_dt.date]) -> float:
    """Variance of the forecast mean from estimating the weekday means (sum over weekdays of
    ``c_d^2 (mu_d + alpha mu_d^2) / (n_d + shrink)``, ``c_d`` = remaining days on weekday ``d``)."""
    c = np.bincount([d.weekday() for d in remaining_days], minlength=7).astype(float)
    mu = np.array(model.mean_by_weekday)
    n = np.array(model.days_by_weekday, dtype=float) + model.shrink
    return float((c**2 * (mu + model.alpha * mu**2) / n).sum())


def reach_probability(
    model: DailyModel | None, remaining_days: Sequence[_dt.date], respons_sah: int, minimum: int
) -> EarlyWarning:
    """Probability of reaching ``minimum`` by month end given ``respons_sah`` so far."""
    need = int(minimum) - int(respons_sah)
    if model is None:
        known = need <= 0 or not remaining_days
        p = 1.0 if need <= 0 else (0.0 if known else float("nan"))
        expected, rest = (float(respons_sah), 0.0) if known else (float("nan"), float("nan"))
        return EarlyWarning(p, expected, rest, int(respons_sah), int(minimum), len(remaining_days), float("nan"),
                            "tidak ada")
    mu = np.array([model.mean_on(d) for d in remaining_days], dtype=float)
    mean = float(mu.sum())
    var = float((mu + model.alpha * mu**2).sum())
    var += _pace_variance(model, remaining_days)
    p = _sf_at_least(need, mean, var)
    return EarlyWarning(p, respons_sah + mean, mean, int(respons_sah), int(minimum), len(remaining_days),
                        model.alpha, model.dispersion_source)


def early_warning(
    daily: Mapping[_dt.date, int],
    service_days: Sequence[_dt.date],
    cutoff: _dt.date,
    minimum: int,
    *,
    history_days: int = HISTORY_DAYS,
    pooled_alpha: float | None = None,
    min_days_dispersion: int = MIN_DAYS_DISPERSION,
) -> EarlyWarning:
    """Early warning for the month of ``cutoff``.

    ``daily`` maps a local date to its valid responses (missing = 0, any day, also before the
    month); ``service_days`` lists the satker's service days covering the history window and the
    month. Counted so far = every response in the month up to ``cutoff`` (service day or not).
    """
    first = cutoff.replace(day=1)
    last = cutoff.replace(day=calendar.monthrange(cutoff.year, cutoff.month)[1])
    start = cutoff - _dt.timedelta(days=history_days - 1)
    hist = [d for d in service_days if start <= d <= cutoff]
    remaining = [d for d in service_days if cutoff < d <= last]
    so_far = sum(int(v) for d, v in daily.items() if first <= d <= cutoff)
    model = fit_daily_model(hist, [int(daily.get(d, 0)) for d in hist], pooled_alpha=pooled_alpha,
                            min_days_dispersion=min_days_dispersion)
    return reach_probability(model, remaining, so_far, minimum)


def backtest(
    daily: pd.DataFrame,
    service_days: Callable[[str], Sequence[_dt.date]] | Mapping[str, Sequence[_dt.date]],
    minimum: Mapping[tuple[str, str], int],
    *,
    history_days: int = HISTORY_DAYS,
    include_reached: bool = False,
    pooled_alpha: float | None = None,
) -> pd.DataFrame:
    """Predict from each service day of each past month and record the outcome.

    ``daily``: columns ``kode_satker``, ``tanggal`` (date), ``jumlah`` (valid responses that day).
    ``minimum``: ``(kode_satker, "YYYY-MM") -> minimum``; only these months are backtested.
    A prediction is made after each service day of the month except the last (cut-offs where the
    minimum is already reached are left out unless ``include_reached``). Columns:
    ``kode_satker``, ``bulan``, ``tanggal_data``, ``probabilitas``, ``harapan_akhir_bulan``,
    ``tercapai`` (the month's final count >= minimum), ``sumber_dispersi``.
    """
    rows = []
    by_satker = {k: dict(zip(g["tanggal"], g["jumlah"].astype(int))) for k, g in daily.groupby("kode_satker")}
    for (code, month), mn in sorted(minimum.items()):
        days = service_days(code) if callable(service_days) else service_days[code]
        counts = by_satker.get(code, {})
        y, m = int(month[:4]), int(month[5:7])
        month_days = [d for d in days if d.year == y and d.month == m]
        final = sum(v for d, v in counts.items() if d.year == y and d.month == m)
        for cut in month_days[:-1]:
            w = early_warning(counts, days, cut, mn, history_days=history_days, pooled_alpha=pooled_alpha)
            if (w.respons_sah >= mn and not include_reached) or np.isnan(w.probabilitas):
                continue
            rows.append((code, month, cut, w.probabilitas, w.harapan_akhir_bulan, final >= mn, w.sumber_dispersi))
    cols = ["kode_satker", "bulan", "tanggal_data", "probabilitas", "harapan_akhir_bulan", "tercapai", "sumber_dispersi"]
    return pd.DataFrame(rows, columns=cols)


def calibration_table(predictions: pd.DataFrame, bins: int = 10) -> pd.DataFrame:
    """Probability bins → mean predicted probability vs observed rate.

    ``predictions`` needs ``probabilitas`` and ``tercapai``. Bins are ``[0, 1/bins)``, …,
    ``[1 - 1/bins, 1]``. Columns: ``bin`` (text, e.g. ``"0.1–0.2"``), ``n``,
    ``rata_prediksi``, ``proporsi_tercapai``; empty bins are kept with n = 0.
    """
    p = predictions["probabilitas"].to_numpy(dtype=float)
    hit = predictions["tercapai"].to_numpy(dtype=float)
    idx = np.minimum((p * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        sel = idx == b
        n = int(sel.sum())
        out.append((f"{b / bins:.1f}–{(b + 1) / bins:.1f}", n, float(p[sel].mean()) if n else float("nan"),
                    float(hit[sel].mean()) if n else float("nan")))
    return pd.DataFrame(out, columns=["bin", "n", "rata_prediksi", "proporsi_tercapai"])
