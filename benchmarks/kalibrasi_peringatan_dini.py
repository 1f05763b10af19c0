"""Calibration of the early warning (issue 19, point 4): predicted probability vs outcome.

Two backtests, each printed as a calibration table (probability bin → n, mean predicted
probability, observed share of satker-months that reached their minimum):

1. **Generated data**: the synthetic Kanwil set of ``scripts/buat_data_contoh.py`` (bawaan 200
   satker, Juli–September 2024), SPKP and SPAK valid responses per satker and day, monthly
   minimum from :func:`spakanalysis.stats.progress.progress_table`, service days from the registry
   (:mod:`spakanalysis.core.calendars`). A prediction after each service day of each month except the
   last; cut-offs where the minimum is already reached are left out (their probability is 1 by
   definition). July has no earlier month in the data, so its early cut-offs use little history
   (and the Poisson fallback for the dispersion below 14 service days).
2. **Simulated months**: daily counts drawn from a negative binomial with known weekday effects
   and dispersion (alpha 0, 0.1 or 0.3) on Monday–Friday service days of 2024, the minimum set to
   0.85–1.15 × the month's expected total; every month from March on is backtested.

Seeded: the same command prints the same tables.

    python benchmarks/kalibrasi_peringatan_dini.py                     # 200 satker -> /tmp/d200
    python benchmarks/kalibrasi_peringatan_dini.py --satker 21 --data /tmp/d21 --simulasi 30
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from spakanalysis import load_dataset
from spakanalysis.core.calendars import hari_layanan, mode_hari_layanan
from spakanalysis.stats.early_warning import backtest, calibration_table
from spakanalysis.stats.progress import progress_table, valid_mask

ROOT = Path(__file__).resolve().parent.parent


def generated_inputs(folder: Path) -> tuple[pd.DataFrame, dict, dict]:
    """Daily valid counts, service days and minimum per (satker|instrument, month) of a data folder."""
    d = load_dataset(folder)
    r, reg = d.respons, d.satker
    prog = progress_table(reg, r, "2024-Q3", dt.date(2024, 9, 30))
    daily, minimum, days = [], {}, {}
    for ins in ("SPKP", "SPAK"):
        ok = r[valid_mask(r, ins)]
        c = ok.groupby(["kode_satker", "tanggal_lokal"]).size().rename("jumlah").reset_index()
        c["kode_satker"] = c["kode_satker"] + "|" + ins
        daily.append(c.rename(columns={"tanggal_lokal": "tanggal"}))
        p = prog[prog["instrumen"] == ins]
        minimum.update({(f"{k}|{ins}", b): int(m) for k, b, m in zip(p["kode_satker"], p["bulan"].astype(str), p["minimum"])})
    for k, j, h in zip(reg["kode_satker"], reg["jenis_satker"], reg["hari_layanan"]):
        mode = mode_hari_layanan(j, None if pd.isna(h) else h)
        for ins in ("SPKP", "SPAK"):
            days[f"{k}|{ins}"] = hari_layanan(dt.date(2024, 7, 1), dt.date(2024, 9, 30), mode)
    return pd.concat(daily, ignore_index=True), days, minimum


def simulated_inputs(satkers: int, seed: int = 20241) -> tuple[pd.DataFrame, dict, dict]:
    """NB daily counts with known parameters on Monday–Friday of 2024 (no holidays)."""
    rng = np.random.default_rng(seed)
    all_days = [dt.date(2024, 1, 1) + dt.timedelta(i) for i in range(366)]
    days = [d for d in all_days if d.weekday() < 5]
    effect = np.array([1.2, 1.05, 1.0, 1.0, 0.8])
    wd = np.array([d.weekday() for d in days])
    month = np.array([d.month for d in days])
    rows, minimum, service = [], {}, {}
    for s in range(satkers):
        code = f"SIM{s:03d}"
        mu = rng.uniform(3, 20) * effect[wd]
        alpha = float(rng.choice([0.0, 0.1, 0.3]))
        lam = rng.gamma(1 / alpha, alpha * mu) if alpha > 0 else mu
        y = rng.poisson(lam)
        rows.append(pd.DataFrame({"kode_satker": code, "tanggal": days, "jumlah": y}))
        service[code] = days
        for m in range(3, 13):
            minimum[(code, f"2024-{m:02d}")] = int(round(mu[month == m].sum() * rng.uniform(0.85, 1.15)))
    return pd.concat(rows, ignore_index=True), service, minimum


def show(title: str, bt: pd.DataFrame, seconds: float) -> None:
    print(f"\n## {title}\n")
    print(f"{len(bt)} prediksi ({bt[['kode_satker', 'bulan']].drop_duplicates().shape[0]} satker-bulan), {seconds:.1f} s")
    print(f"sumber dispersi: {bt['sumber_dispersi'].value_counts().to_dict()}")
    brier = float(((bt["probabilitas"] - bt["tercapai"].astype(float)) ** 2).mean())
    print(f"skor Brier: {brier:.4f}\n")
    print(calibration_table(bt).round(3).to_string(index=False))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/tmp/d200"), help="folder data (dibuat bila belum ada)")
    ap.add_argument("--satker", type=int, default=200)
    ap.add_argument("--simulasi", type=int, default=60, help="jumlah satker simulasi")
    args = ap.parse_args(argv)
    if not (args.data / "satker.csv").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "buat_data_contoh.py"), "--keluaran", str(args.data),
                        "--satker", str(args.satker), "--diam"], check=True)
    t0 = time.perf_counter()
    daily, days, minimum = generated_inputs(args.data)
    t1 = time.perf_counter()
    bt = backtest(daily, days, minimum)
    show(f"Data contoh ({args.data}), SPKP dan SPAK; masukan dibaca dalam {t1 - t0:.1f} s", bt, time.perf_counter() - t1)
    t1 = time.perf_counter()
    daily, days, minimum = simulated_inputs(args.simulasi)
    bt = backtest(daily, days, minimum)
    show(f"Bulan simulasi ({args.simulasi} satker, Maret–Desember 2024)", bt, time.perf_counter() - t1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
