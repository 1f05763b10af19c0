#!/usr/bin/env python
"""Scaling benchmark: the national batch at growing sizes, on the process pool and on a local Dask cluster.

For each size (bawaan 100, 200, 500 and 1,000 satkers) a national set is generated with
``scripts/buat_data_contoh.py --satker N`` (and ``--kanwil K`` when the generator knows the option),
then ``spakanalysis laporan --semua --pekerja P`` runs on it once with the process pool and once
with ``--dask lokal`` (a ``distributed.LocalCluster`` of ``P`` single-threaded workers). Measured per
run: wall time, seconds per satker (wall / satkers), CPU seconds of the process tree per satker, and
the peak memory of the whole process tree (RSS sum, and PSS sum, sampled as in ``bench_batch.py``).
The PSS column is the memory the batch really takes: the pool's workers are forked from the batch
process and share its pages, which the RSS sum counts once per worker.

The cost per satker should stay flat as the batch grows. Results are printed as a Markdown table and
written, after every run, to ``benchmarks/results/bench_skala-<UTC time>.json`` (git-ignored).

Usage::

    python benchmarks/bench_skala.py                              # 100, 200, 500, 1000; pool and dask
    python benchmarks/bench_skala.py --ukuran 100,200 --mode pool  # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import GENERATOR, GIB, RESULTS, ROOT, log, registry_codes, run_measured, tool  # noqa: E402

MODES = ("pool", "dask")


def generator_knows_kanwil() -> bool:
    out = subprocess.run([sys.executable, str(GENERATOR), "--help"], capture_output=True, text=True, check=False)
    return "--kanwil" in out.stdout


def generate(folder: Path, n: int, kanwil: int | None) -> float:
    cmd = [sys.executable, str(GENERATOR), "--keluaran", str(folder), "--satker", str(n), "--diam"]
    if kanwil:
        cmd += ["--kanwil", str(kanwil)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def run_one(mode: str, data: Path, work: Path, args) -> dict[str, Any]:
    out = work / f"keluaran_{mode}"
    env = dict(os.environ, CI="true")
    env.pop("SPAKANALYSIS_DEBUG", None)
    cmd = [tool("spakanalysis"), "laporan", "--semua", "--pekerja", str(args.pekerja), "--periode", args.periode,
           "--data", str(data), "--keluaran", str(out), "--paksa"]
    if mode == "dask":
        cmd += ["--dask", "lokal"]
    if args.tanpa_pdf:
        cmd.append("--tanpa-pdf")
    n = len(registry_codes(data))
    load = os.getloadavg()[0]
    log(f"{mode}: {n} satker ...")
    res = run_measured(cmd, cwd=work, env=env, log_file=work / f"{mode}_{n}.log")
    res.update(mode=mode, satker=n, load_awal=round(load, 2), load_akhir=round(os.getloadavg()[0], 2))
    res["s_per_satker"] = res["wall_s"] / n
    res["cpu_s_per_satker"] = res["cpu_s_children"] / n if res.get("cpu_s_children") is not None else None
    manifests = list(out.glob("*/manifest.json"))
    if manifests:
        man = json.loads(manifests[0].read_text(encoding="utf-8"))
        res["berhasil"] = sum(s["status"] == "berhasil" for s in man["satker"])
        res["rekap_nasional"] = (manifests[0].parent / "rekap_nasional.html").is_file()
    log(f"{mode}: {res['wall_s']:.1f} s ({res['s_per_satker']:.2f} s/satker), rc={res['rc']}, "
        f"puncak RSS {res['peak_rss_tree_bytes'] / GIB:.2f} GiB, PSS {pss(res)} GiB")
    if not args.simpan:
        shutil.rmtree(out, ignore_errors=True)
    return res


def pss(r: dict[str, Any]) -> str:
    """Peak PSS of the tree: each shared page (a forked pool worker's copy of the batch's memory) counted once."""
    return f"{r['peak_pss_tree_bytes'] / GIB:.2f}" if r.get("peak_pss_tree_bytes") else "–"


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| satker | mode | detik | s/satker | CPU s/satker | puncak PSS (GiB) | puncak RSS (GiB) | berhasil "
             "| load awal→akhir |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        cpu = f"{r['cpu_s_per_satker']:.2f}" if r.get("cpu_s_per_satker") is not None else "–"
        lines.append(f"| {r['satker']} | {r['mode']} | {r['wall_s']:.1f} | {r['s_per_satker']:.2f} | {cpu} | "
                     f"{pss(r)} | {r['peak_rss_tree_bytes'] / GIB:.2f} | {r.get('berhasil', '–')} | {r['load_awal']}→{r['load_akhir']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ukuran", default="100,200,500,1000", help="jumlah satker per set, dipisah koma")
    ap.add_argument("--kanwil", type=int, default=33, help="jumlah Kanwil (bila generator mengenal --kanwil)")
    ap.add_argument("--mode", default="pool,dask", help="pool, dask, atau keduanya")
    ap.add_argument("--pekerja", type=int, default=2)
    ap.add_argument("--periode", default="2024-Q3")
    ap.add_argument("--tanpa-pdf", action="store_true", help="hanya HTML (laporan, rekap): set besar dalam waktu wajar")
    ap.add_argument("--simpan", action="store_true", help="folder kerja tidak dihapus")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.ukuran.split(",")]
    modes = [m for m in args.mode.split(",") if m in MODES]
    kanwil = args.kanwil if generator_knows_kanwil() else None
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    result_file = RESULTS / f"bench_skala-{stamp}.json"
    report: dict[str, Any] = {"dibuat": stamp, "mesin": {"cpu": os.cpu_count(), "python": platform.python_version()},
                              "kanwil": kanwil, "pekerja": args.pekerja, "pdf": not args.tanpa_pdf, "jalan": []}
    work_root = Path(tempfile.mkdtemp(prefix="bench-skala-"))
    try:
        for n in sizes:
            data = work_root / f"data_{n}"
            gen_s = generate(data, n, kanwil)
            log(f"set {n} satker{f', {kanwil} Kanwil' if kanwil else ''} dibangkitkan dalam {gen_s:.1f} s")
            for mode in modes:
                report["jalan"].append({**run_one(mode, data, work_root, args), "bangkit_s": gen_s})
                result_file.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
            shutil.rmtree(data, ignore_errors=True)
    finally:
        if not args.simpan:
            shutil.rmtree(work_root, ignore_errors=True)
    print(table(report["jalan"]))
    print(f"\nHasil lengkap: {result_file}")
    return 0 if all(r["rc"] == 0 for r in report["jalan"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
