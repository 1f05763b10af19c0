"""Speed of the feedback theme classifier (spakanalysis.stats.feedback_themes).

Measures, with ``time.perf_counter`` (best of ``--ulang`` runs after one warm-up):
  1. ``classify_series`` and ``summarise_themes`` on the comments of a generated data set with
     ``--satker`` satkers (``scripts/buat_data_contoh.py``, written to a temporary folder);
     that generator draws comments from a pool of about 50 texts, so this mostly measures the
     per-row overhead;
  2. ``classify_series`` on ``--berbeda`` distinct comments (labelled comments with a running
     number appended), the worst case in which no two comments normalise to the same text.

Usage::

    .venv/bin/python benchmarks/bench_tema_saran.py [--satker 200] [--berbeda 15000] [--ulang 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from spakanalysis.stats.feedback_themes import classify_series, load_codebook, summarise_themes

ROOT = Path(__file__).resolve().parents[1]


def best_of(repeat: int, func) -> float:
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def generated_comments(n_satker: int, folder: Path) -> pd.DataFrame:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "buat_data_contoh.py"), "--keluaran", str(folder),
         "--satker", str(n_satker), "--diam"],
        check=True,
    )
    raw = pd.read_csv(folder / "respons_2024.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    raw = raw[raw["Saran dan Masukan"].str.strip() != ""]
    return pd.DataFrame({"kode_satker": raw["Kode Satker"], "saran": raw["Saran dan Masukan"]})


def main() -> None:
    parser = argparse.ArgumentParser(description="Kecepatan pengelompokan tema saran.")
    parser.add_argument("--satker", type=int, default=200, help="jumlah satker data bangkitan (bawaan 200)")
    parser.add_argument("--berbeda", type=int, default=15000, help="jumlah saran berbeda (bawaan 15000)")
    parser.add_argument("--ulang", type=int, default=3, help="jumlah ulangan (bawaan 3)")
    args = parser.parse_args()
    book = load_codebook()
    with tempfile.TemporaryDirectory() as tmp:
        comments = generated_comments(args.satker, Path(tmp))
    t_series = best_of(args.ulang, lambda: classify_series(comments["saran"], book))
    t_summary = best_of(args.ulang, lambda: summarise_themes(comments, comments, None, book))
    print(f"{args.satker} satker: {len(comments)} saran ({comments['saran'].nunique()} berbeda): "
          f"classify_series {t_series:.3f} s, summarise_themes (dengan periode sebelumnya) {t_summary:.3f} s")
    labelled = pd.read_csv(ROOT / "tests" / "data" / "tema_saran_berlabel.csv", keep_default_na=False)["saran"]
    distinct = pd.Series([f"{labelled[i % len(labelled)]} ({i})" for i in range(args.berbeda)])
    t_distinct = best_of(1, lambda: classify_series(distinct, load_codebook()))
    print(f"{args.berbeda} saran berbeda: classify_series {t_distinct:.2f} s "
          f"({t_distinct / args.berbeda * 1e3:.2f} ms per saran)")


if __name__ == "__main__":
    main()
