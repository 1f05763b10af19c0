"""Early warning (spakanalysis.stats.early_warning): hand-checked cases and calibration on simulated months."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from spakanalysis.stats import early_warning as ew


def weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(i) for i in range((end - start).days + 1) if (start + dt.timedelta(i)).weekday() < 5]


JULY = weekdays(dt.date(2024, 7, 1), dt.date(2024, 7, 31))  # 23 weekdays


def test_already_at_the_minimum_is_certain_even_without_history():
    w = ew.reach_probability(None, JULY[10:], respons_sah=50, minimum=50)
    assert (w.probabilitas, w.harapan_akhir_bulan, w.harapan_sisa) == (1.0, 50.0, 0.0)
    model = ew.fit_daily_model(JULY[:10], [0] * 10)
    assert ew.reach_probability(model, JULY[10:], 60, 50).probabilitas == 1.0


def test_no_history_cannot_be_estimated_unless_the_month_is_over():
    w = ew.reach_probability(None, JULY[10:], respons_sah=10, minimum=50)
    assert np.isnan(w.probabilitas) and np.isnan(w.harapan_akhir_bulan) and w.sumber_dispersi == "tidak ada"
    w = ew.reach_probability(None, [], respons_sah=10, minimum=50)
    assert w.probabilitas == 0.0 and w.harapan_akhir_bulan == 10.0
    assert ew.fit_daily_model([], []) is None


def test_zero_pace_gives_zero_probability():
    model = ew.fit_daily_model(JULY[:10], [0] * 10)
    assert model.dispersion_source == "poisson" and model.alpha == 0.0
    w = ew.reach_probability(model, JULY[10:], respons_sah=3, minimum=50)
    assert w.probabilitas == 0.0 and w.harapan_akhir_bulan == 3.0 and w.hari_sisa == 13


def test_weekday_means_are_shrunk_towards_the_overall_mean():
    days = JULY[:10]  # two Monday-Friday weeks
    model = ew.fit_daily_model(days, [10, 5, 5, 5, 5] * 2, min_days_dispersion=5)
    # overall mean 6; Monday (20 + 2*6) / (2 + 2) = 8; other days (10 + 12) / 4 = 5.5; weekend: 6
    assert model.mean_by_weekday == (8.0, 5.5, 5.5, 5.5, 5.5, 6.0, 6.0)
    assert model.days_by_weekday == (2, 2, 2, 2, 2, 0, 0)
    # sum((y - mu)^2 - mu) = 2*(4 - 8) + 8*(0.25 - 5.5) = -50 < 0 -> Poisson
    assert (model.alpha, model.dispersion_source) == (0.0, "poisson")


def test_probability_from_the_moment_matched_negative_binomial():
    days = JULY[:20]  # four weeks, 5 responses every day: no extra-Poisson variation
    model = ew.fit_daily_model(days, [5] * 20)
    rest = JULY[20:]  # Mon 29, Tue 30, Wed 31 July
    w = ew.reach_probability(model, rest, respons_sah=100, minimum=115)
    # mean 15; variance 15 (Poisson days) + 3 * 5 / (4 + 2) = 17.5 (estimated pace); r = 15^2 / 2.5 = 90
    assert w.harapan_sisa == 15.0 and w.harapan_akhir_bulan == 115.0
    r = 15.0**2 / 2.5
    assert w.probabilitas == pytest.approx(stats.nbinom.sf(14, r, r / (r + 15.0)), rel=1e-12)
    assert 0.5 < w.probabilitas < 0.6
    assert ew.reach_probability(model, rest, 100, 150).probabilitas < 1e-6


def test_dispersion_fallbacks():
    y = [0, 12, 1, 9, 0, 14, 2, 0]
    few = ew.fit_daily_model(JULY[:8], y)  # fewer than 14 days
    assert few.dispersion_source == "poisson" and few.alpha == 0.0
    pooled = ew.fit_daily_model(JULY[:8], y, pooled_alpha=0.25)
    assert pooled.dispersion_source == "kanwil" and pooled.alpha == 0.25
    own = ew.fit_daily_model(JULY[:8], y, min_days_dispersion=5)
    assert own.dispersion_source == "satker" and own.alpha > 0.5


def test_dispersion_estimate_recovers_a_known_alpha():
    rng = np.random.default_rng(7)
    days = weekdays(dt.date(2010, 1, 1), dt.date(2023, 12, 31))  # 3,652 days, 730 Mondays
    mu = np.array([12.0 if d.weekday() == 0 else 8.0 for d in days])
    y = rng.poisson(rng.gamma(1 / 0.3, 0.3 * mu))
    model = ew.fit_daily_model(days, y)
    assert model.dispersion_source == "satker"
    assert model.alpha == pytest.approx(0.3, abs=0.05)
    assert model.mean_by_weekday[0] == pytest.approx(12.0, abs=0.8)  # standard error 0.27
    assert ew.pooled_dispersion([(days, y), (days[:10], [8] * 10)]) == pytest.approx(0.3, abs=0.05)
    assert ew.pooled_dispersion([]) == 0.0


def test_early_warning_uses_the_history_window_and_only_service_days():
    days = weekdays(dt.date(2024, 5, 1), dt.date(2024, 7, 31))
    daily = {d: 4 for d in days}
    daily.update({d: 40 for d in days if d < dt.date(2024, 5, 15)})  # outside the 56-day window of 12 July
    daily[dt.date(2024, 7, 6)] = 7  # a Saturday: counted so far, not a service day
    w = ew.early_warning(daily, days, dt.date(2024, 7, 12), minimum=92)
    # so far: 1-12 July = 10 weekdays x 4 + 7 = 47; remaining: 15-31 July = 13 weekdays x 4 = 52
    assert w.respons_sah == 47 and w.hari_sisa == 13
    assert w.harapan_sisa == pytest.approx(52.0)
    assert w.sumber_dispersi == "poisson"
    assert ew.early_warning(daily, days, dt.date(2024, 7, 12), minimum=47).probabilitas == 1.0


def test_calibration_table_bins():
    pred = pd.DataFrame({"probabilitas": [0.05, 0.08, 0.95, 1.0, 0.55, 0.5], "tercapai": [False, True, True, True, True, False]})
    t = ew.calibration_table(pred, bins=10).set_index("bin")
    assert t.loc["0.0–0.1", "n"] == 2 and t.loc["0.0–0.1", "rata_prediksi"] == pytest.approx(0.065)
    assert t.loc["0.0–0.1", "proporsi_tercapai"] == 0.5
    assert t.loc["0.9–1.0", "n"] == 2 and t.loc["0.9–1.0", "proporsi_tercapai"] == 1.0  # 1.0 falls in the last bin
    assert t.loc["0.5–0.6", "n"] == 2 and t.loc["0.1–0.2", "n"] == 0 and np.isnan(t.loc["0.1–0.2", "rata_prediksi"])
    assert t["n"].sum() == 6


def simulate(satkers: int, seed: int) -> tuple[pd.DataFrame, dict, dict]:
    """NB daily counts with known weekday effects and dispersion, minimum 0.85-1.15 x the month's mean."""
    rng = np.random.default_rng(seed)
    days = weekdays(dt.date(2024, 1, 1), dt.date(2024, 8, 31))
    wd = np.array([d.weekday() for d in days])
    month = np.array([d.month for d in days])
    frames, minimum = [], {}
    for s in range(satkers):
        mu = rng.uniform(3, 20) * np.array([1.2, 1.05, 1.0, 1.0, 0.8])[wd]
        alpha = float(rng.choice([0.0, 0.1, 0.3]))
        y = rng.poisson(rng.gamma(1 / alpha, alpha * mu) if alpha else mu)
        frames.append(pd.DataFrame({"kode_satker": f"S{s}", "tanggal": days, "jumlah": y}))
        for m in range(3, 9):
            minimum[(f"S{s}", f"2024-{m:02d}")] = int(round(mu[month == m].sum() * rng.uniform(0.85, 1.15)))
    return pd.concat(frames, ignore_index=True), {f"S{s}": days for s in range(satkers)}, minimum


def test_calibration_on_simulated_months():
    daily, days, minimum = simulate(60, seed=1)
    bt = ew.backtest(daily, days, minimum)
    table = ew.calibration_table(bt)
    big = table[table["n"] >= 150]
    gap = (big["proporsi_tercapai"] - big["rata_prediksi"]).abs()
    mean_gap = float(np.average(gap, weights=big["n"]))
    print(f"\n{table.round(3).to_string(index=False)}\nselisih rata-rata (berbobot n): {mean_gap:.3f}")
    assert len(bt) > 5000 and set(bt["sumber_dispersi"]) <= {"satker", "poisson"}
    assert len(big) >= 8
    # the ~20 cut-offs of one satker-month share one outcome, so a bin's observed rate is noisy
    # (seeds 1-6: largest bin gap 0.05-0.18, n-weighted mean gap 0.018-0.040)
    assert mean_gap <= 0.05, table
    assert gap.max() <= 0.12, table
    # and the probabilities carry information: the lowest bin mostly misses, the highest mostly reaches
    assert table.iloc[0]["proporsi_tercapai"] < 0.1 and table.iloc[-1]["proporsi_tercapai"] > 0.9
