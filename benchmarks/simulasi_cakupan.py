"""Coverage of the index interval by simulation (issue 10, point 3).

Draws repeated samples **without replacement** from a finite population of correlated,
skewed 1-4 answers (five items, about two thirds of the answers at 4: the usual shape of
SPAK/SPKP data), computes the index and its 95% interval with the package's own rule
(:func:`spakanalysis.stats.intervals.bounded_interval`: t quantile with n - 1 df on the logit scale, bounded
to 1-4), and prints how often the interval holds the population's index, at n = 30, 100
and 300, with and without the finite-population correction, next to the plain z (Wald)
interval for comparison. Seeded: the same command prints the same table.

    python benchmarks/simulasi_cakupan.py            # 10,000 samples per row
    python benchmarks/simulasi_cakupan.py --ulangan 2000
"""

from __future__ import annotations

import argparse

import numpy as np

from spakanalysis.stats.intervals import bounded_interval as _interval

CUTS = np.array([-1.9, -1.2, -0.45])  # latent thresholds: about 67% of the answers at 4


def population(rng: np.random.Generator, size: int, items: int = 5) -> np.ndarray:
    """Answers 1-4 from a shared latent trait per respondent (inter-item correlation about 0.6)."""
    latent = rng.standard_normal((size, 1)) * 0.8 + rng.standard_normal((size, items)) * 0.6
    return (1 + (latent[..., None] > CUTS).sum(-1)).astype(float)


def coverage(rng, pop: np.ndarray, n: int, reps: int, corrected: bool) -> tuple[float, float]:
    """Coverage (%) of the package's interval and of the z-Wald interval."""
    size = len(pop)
    true = pop.mean(axis=1).mean()
    means = np.empty(reps)
    ses = np.empty(reps)
    fpc = (size - n) / size if corrected else 1.0
    for r in range(reps):
        y = pop[rng.choice(size, n, replace=False)].mean(axis=1)  # respondents' means (equal weights)
        means[r], ses[r] = y.mean(), y.std(ddof=1) / np.sqrt(n) * np.sqrt(fpc)
    lo, hi, _ = _interval(means, ses, np.full(reps, n - 1), 1.0, 4.0)
    ours = np.mean((lo <= true) & (true <= hi)) * 100
    wald = np.mean(np.abs(means - true) <= 1.96 * ses) * 100
    return float(ours), float(wald)


def table(reps: int = 10_000, seed: int = 2024) -> list[dict]:
    """One row per (n, setting): a large population without correction, a finite one (N = 3n) with it."""
    rng = np.random.default_rng(seed)
    big = population(rng, 200_000)
    rows = []
    for n in (30, 100, 300):
        small = population(rng, 3 * n)
        for label, pop, corrected in (("populasi besar, tanpa koreksi", big, False),
                                      (f"populasi {3 * n} (n/N = 1/3), dengan koreksi", small, True),
                                      (f"populasi {3 * n} (n/N = 1/3), tanpa koreksi", small, False)):
            ours, wald = coverage(rng, pop, n, reps, corrected)
            rows.append({"n": n, "populasi": label, "cakupan": ours, "wald_z": wald, "dikoreksi": corrected,
                         "porsi_4": float((pop == 4).mean())})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ulangan", type=int, default=10_000, help="sampel per baris (bawaan 10.000)")
    ap.add_argument("--seed", type=int, default=2024)
    a = ap.parse_args()
    print(f"{'n':>4}  {'populasi':<44} {'porsi 4':>7} {'IK paket':>9} {'Wald z':>8}")
    for r in table(a.ulangan, a.seed):
        print(f"{r['n']:>4}  {r['populasi']:<44} {r['porsi_4']:>7.1%} {r['cakupan']:>8.2f}% {r['wald_z']:>7.2f}%")


if __name__ == "__main__":
    main()
