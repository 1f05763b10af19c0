#!/usr/bin/env python
"""Benchmark of the report batch against the naive per-satker loop, plus the computation alone.

Measured in one run (see ``benchmarks/README.md``):

1. ``spakanalysis laporan --semua --paksa --pekerja 2`` (HTML + PDF + recap + index) on the bundled
   sample data (``data/raw``, 21 satkers) and on a generated set of ``--satker`` satkers
   (``scripts/buat_data_contoh.py``), wall-clock time; then the same command again without
   ``--paksa`` on the unchanged inputs (every output reused), as a share of the first run;
2. the naive loop, one satker after the other, with the public CLIs: ``papermill``, then
   ``jupyter nbconvert --to html --no-input``, then ``weasyprint``; run on ``--naif-sampel``
   satkers of each data set and extrapolated (mean cost per satker x number of satkers);
3. the peak memory of the batch: the sum of the resident set size (RSS) of the whole
   process tree (CLI, worker processes, Jupyter kernels), sampled every 0.2 s with psutil
   (``/proc`` when psutil is missing); the sum of PSS (proportional set size, shared pages
   counted once), sampled every 5 s because it is expensive to read, is reported next to it, and ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` (the
   largest *single* process) as a cross-check;
4. the computation alone: ``minimum_respondents`` and ``progress_table`` for 1,000 satkers
   and 1,000,000 responses built in memory in the loaded-dataset shape;
5. where one report's time goes on the batch's own path (a warm kernel, as in a batch worker):
   the notebook's cells by kind (setup = loading and ``build_satker_report``, charts, the
   report's workbooks, the other displays), the kernel round trips, HTML (nbconvert) and PDF
   (WeasyPrint), measured in this process on ``--rincian-satker`` reports after one warm-up.

Results are printed as a table and written to ``benchmarks/results/`` (git-ignored).

Usage::

    python benchmarks/bench_batch.py                                # full: 200 satkers, naive on 5 per set
    python benchmarks/bench_batch.py --satker 40 --naif-sampel 3    # quick (~7 min on 2 cores)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = NOTEBOOKS / "laporan_satker.ipynb"
SAMPLE_DATA = ROOT / "data" / "raw"
GENERATOR = ROOT / "scripts" / "buat_data_contoh.py"
RESULTS = Path(__file__).resolve().parent / "results"
GIB = 1024**3

TARGET = {
    "speedup_min": 12.0,  # batch >= 12x faster than the naive loop (issue #18)
    "amortised_s_max": 0.45,  # seconds per satker, HTML + PDF + recap, --paksa (issue #18)
    "rerun_share_max": 0.10,  # an unchanged re-run takes <= 10% of the first run (issue #18)
    "peak_memory_bytes_max": 1.5 * GIB,  # with 2 workers (issue #18)
    "compute_s_max": 2.0,  # minimums + progress, 1,000 satkers x 1,000,000 responses
}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def tool(name: str) -> str:
    """A console script of this environment (next to the interpreter), else from PATH."""
    exe = Path(sys.executable).with_name(name)
    if exe.is_file():
        return str(exe)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"perintah '{name}' tidak ditemukan (pasang paket dengan: pip install -e '.[test]')")
    return found


# --------------------------------------------------------------------------- memory of a process tree


def _tree_psutil(pid: int, with_pss: bool = True) -> tuple[int, int | None, int]:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, None, 0
    rss, pss, ok_pss = 0, 0, with_pss
    for p in procs:
        try:
            if ok_pss:
                try:
                    full = p.memory_full_info()
                    rss += full.rss
                    pss += full.pss
                    continue
                except (psutil.AccessDenied, AttributeError):
                    ok_pss = False
            rss += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return rss, (pss if ok_pss else None), len(procs)


def _tree_proc(pid: int, with_pss: bool = True) -> tuple[int, int | None, int]:
    """Fallback without psutil: parent links from /proc/*/stat, VmRSS and smaps_rollup Pss."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    todo, procs = [pid], []
    while todo:
        p = todo.pop()
        procs.append(p)
        todo.extend(children.get(p, []))
    rss, pss, ok_pss = 0, 0, with_pss
    for p in procs:
        try:
            with open(f"/proc/{p}/status", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1]) * 1024
            if ok_pss:
                with open(f"/proc/{p}/smaps_rollup", encoding="ascii", errors="replace") as fh:
                    for line in fh:
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1]) * 1024
                            break
        except FileNotFoundError:
            continue
        except OSError:
            ok_pss = False
    return rss, (pss if ok_pss else None), len(procs)


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped; keeps the peaks.

    RSS (cheap: ``/proc/<pid>/statm``) every ``interval`` seconds; PSS only every
    ``pss_every``-th sample, because reading it walks every page table of every
    process (about 0.07 s per sample for a 200-satker batch: sampled every 0.2 s it
    took an eighth of the two cores away from the batch it measures). The
    sampler's own CPU time is recorded (``cpu_s``).
    """

    def __init__(self, pid: int, interval: float = 0.2, pss_every: int = 25) -> None:
        super().__init__(daemon=True)
        try:
            import psutil  # noqa: F401

            self.sampler, self.method = _tree_psutil, "psutil"
        except ImportError:
            self.sampler, self.method = _tree_proc, "/proc"
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.cpu_s = 0.0
        self.peak_rss = 0
        self.peak_pss: int | None = 0
        self.peak_procs = 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            with_pss = self.samples % self.pss_every == 0 and self.peak_pss is not None
            rss, pss, n = self.sampler(self.pid, with_pss)
            self.samples += 1
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_procs = max(self.peak_procs, n)
            if with_pss:
                self.peak_pss = None if pss is None else max(self.peak_pss or 0, pss)
            self.cpu_s = time.thread_time()
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# getrusage(RUSAGE_CHILDREN) is cumulative for this process, so each batch runs under a
# tiny wrapper process whose own RUSAGE_CHILDREN covers that batch only.
_WRAPPER = (
    "import json, resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(json.dumps({'rc': rc, 'maxrss_kib': ru.ru_maxrss, 'cpu_s': ru.ru_utime + ru.ru_stime}))\n"
    "sys.exit(rc)\n"
)


def run_measured(cmd: list[str], *, cwd: Path, env: dict[str, str], log_file: Path) -> dict[str, Any]:
    """Run ``cmd``; return wall time, exit code, peak tree memory and the wrapper's rusage."""
    ru_file = log_file.with_suffix(".rusage.json")
    with open(log_file, "w", encoding="utf-8") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, str(ru_file), *cmd], cwd=cwd, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
        mon = TreeMemory(proc.pid)
        mon.start()
        rc = proc.wait()
        wall = time.perf_counter() - t0
        mon.stop()
    ru = json.loads(ru_file.read_text()) if ru_file.is_file() else {}
    return {
        "rc": rc,
        "wall_s": wall,
        "peak_rss_tree_bytes": mon.peak_rss,
        "peak_pss_tree_bytes": mon.peak_pss,
        "peak_processes": mon.peak_procs,
        "memory_method": mon.method,
        "memory_samples": mon.samples,
        "memory_sampler_cpu_s": round(mon.cpu_s, 2),
        "maxrss_single_process_bytes": ru.get("maxrss_kib", 0) * 1024,
        "cpu_s_children": ru.get("cpu_s"),
        "log": str(log_file),
    }


# --------------------------------------------------------------------------- batch and naive loop


def registry_codes(data: Path) -> list[str]:
    import csv

    path = data / "satker.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [r["kode_satker"].strip() for r in csv.DictReader(fh) if r.get("kode_satker", "").strip()]


def spread(codes: list[str], k: int) -> list[str]:
    """``k`` codes spread evenly over the registry (different types and sizes)."""
    if k >= len(codes):
        return list(codes)
    step = len(codes) / k
    return [codes[int(i * step)] for i in range(k)]


def slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name).strip("_")


def bench_batch(name: str, data: Path, work: Path, args) -> dict[str, Any]:
    out = work / f"reports_{slug(name)}"
    env = dict(os.environ, CI="true")
    env.pop("SPAKANALYSIS_DEBUG", None)
    cmd = [tool("spakanalysis"), "laporan", "--semua", "--paksa", "--pekerja", str(args.pekerja), "--periode",
           args.periode, "--data", str(data), "--keluaran", str(out)]
    n = len(registry_codes(data))
    log(f"batch {name}: {n} satker, --pekerja {args.pekerja} ...")
    res = run_measured(cmd, cwd=work, env=env, log_file=work / f"batch_{slug(name)}.log")
    res.update(name=name, data=str(data), satker=n, command=" ".join(cmd[1:]))
    manifests = list(out.glob("*/manifest.json"))
    if manifests:
        man = json.loads(manifests[0].read_text(encoding="utf-8"))
        per = [s["durasi_detik"] for s in man["satker"]]
        res["berhasil"] = sum(s["status"] == "berhasil" for s in man["satker"])
        res["manifest_durasi_s"] = man["durasi_detik"]
        res["per_satker_task_s"] = {"mean": statistics.mean(per), "median": statistics.median(per), "max": max(per)} if per else None
        pdfs = list(manifests[0].parent.glob("*/laporan.pdf"))
        res["pdf"] = len(pdfs)
    res["amortised_s_per_satker"] = res["wall_s"] / n if n else None
    # CPU seconds of the whole tree per satker: unlike wall time, barely affected by other load on the machine
    res["cpu_s_per_satker"] = res["cpu_s_children"] / n if n and res.get("cpu_s_children") is not None else None
    log(f"batch {name}: {res['wall_s']:.1f} s, rc={res['rc']}, puncak RSS pohon {res['peak_rss_tree_bytes'] / GIB:.2f} GiB")
    if res["rc"] != 0:
        log(f"  PERINGATAN: kode keluar {res['rc']}, lihat {res['log']}")
    res["ulang"] = bench_rerun(name, [c for c in cmd if c != "--paksa"], work, env, res["wall_s"])
    if not args.simpan:
        shutil.rmtree(out, ignore_errors=True)
    return res


def bench_rerun(name: str, cmd: list[str], work: Path, env: dict[str, str], first_s: float) -> dict[str, Any]:
    """The same batch again on unchanged inputs, without ``--paksa``: every report and the recap reused."""
    log(f"batch {name} diulang tanpa perubahan ...")
    res = run_measured(cmd, cwd=work, env=env, log_file=work / f"ulang_{slug(name)}.log")
    text = Path(res["log"]).read_text(encoding="utf-8", errors="replace")
    res["reused_line"] = next((ln for ln in text.splitlines() if "dipakai ulang" in ln), None)
    res["share_of_first"] = res["wall_s"] / first_s if first_s else None
    log(f"  ulang: {res['wall_s']:.1f} s = {res['share_of_first']:.1%} dari jalan pertama; {res['reused_line']}")
    return res


def bench_naive(name: str, data: Path, work: Path, args) -> dict[str, Any]:
    codes = registry_codes(data)
    sample = spread(codes, args.naif_sampel)
    folder = work / f"naif_{slug(name)}"
    folder.mkdir()
    env = dict(os.environ, SPAKANALYSIS_CACHE=str(folder / "cache"))
    env.pop("SPAKANALYSIS_DEBUG", None)
    # Warm the notebook's dataset cache first (not timed): a conservative baseline, as a
    # user's second run would find the cache in ~/.cache/spakanalysis too.
    subprocess.run([sys.executable, "-c", "import sys; from spakanalysis.data.cache import load_dataset_cached as f; f(sys.argv[1])",
                    str(data)], env=env, check=True)
    steps = []
    log(f"naif {name}: {len(sample)} satker ({', '.join(sample)}) ...")
    for kode in sample:
        nb, html, pdf = folder / f"{kode}.ipynb", folder / f"{kode}.html", folder / f"{kode}.pdf"
        cmds = [
            ("papermill", [tool("papermill"), str(NOTEBOOK), str(nb), "-p", "kode_satker", kode, "-p", "periode", args.periode,
                           "-p", "folder_data", str(data), "--cwd", str(NOTEBOOKS), "--no-progress-bar", "--kernel", "python3"]),
            ("nbconvert", [tool("jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb), "--output", str(html)]),
            ("weasyprint", [tool("weasyprint"), str(html), str(pdf)]),
        ]
        row: dict[str, Any] = {"kode_satker": kode}
        for label, cmd in cmds:
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True)
            row[label] = time.perf_counter() - t0
            if proc.returncode != 0:
                row["gagal"] = f"{label}: rc={proc.returncode}: {proc.stderr[-500:]}"
                break
        row["total"] = sum(row.get(k, 0.0) for k in ("papermill", "nbconvert", "weasyprint"))
        steps.append(row)
        log(f"  {kode}: {row['total']:.1f} s" + (f"  GAGAL {row['gagal']}" if "gagal" in row else ""))
    ok = [r for r in steps if "gagal" not in r]
    mean = {k: statistics.mean(r[k] for r in ok) for k in ("papermill", "nbconvert", "weasyprint", "total")} if ok else {}
    if not args.simpan:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "name": name, "satker": len(codes), "sampel": sample, "langkah": steps, "mean_per_satker_s": mean,
        "extrapolated_total_s": mean.get("total", float("nan")) * len(codes),
    }


# --------------------------------------------------------------------------- computation alone


def synthetic(n_satker: int, n_respons: int, seed: int = 20240701):
    """Registry and responses in the shape of ``load_dataset`` (only the columns the computation reads)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    codes = np.array([f"S{i:05d}" for i in range(n_satker)], dtype=object)
    jenis = rng.choice(np.array(["Kanwil", "Lapas", "Rutan", "Bapas", "Kantor Imigrasi", "Rupbasan", "LPKA", "LPP"], dtype=object), n_satker)
    hari = rng.choice(np.array([None, "kalender", "senin-sabtu", "senin-jumat"], dtype=object), n_satker, p=[0.7, 0.1, 0.1, 0.1])
    satker = pd.DataFrame({
        "kode_satker": pd.array(codes, dtype="str"),
        "nama_satker": pd.array([f"Satker {c}" for c in codes], dtype="str"),
        "jenis_satker": pd.array(jenis, dtype="str"),
        "jumlah_pengguna_layanan": pd.array(rng.integers(10, 5000, n_satker), dtype="Int64"),
        "hari_layanan": pd.array(hari, dtype="str"),
    })
    day0 = np.datetime64("2024-07-01")
    days = (day0 + rng.integers(0, 92, n_respons).astype("timedelta64[D]")).astype(object)  # datetime.date, as loaded
    respons = pd.DataFrame({
        "kode_satker": pd.array(codes[rng.integers(0, n_satker, n_respons)], dtype="str"),
        "tanggal_lokal": pd.Series(days, dtype=object),
        "jenis_responden": pd.array(np.where(rng.random(n_respons) < 0.05, "internal", "eksternal").astype(object), dtype="str"),
        "dikecualikan": pd.array(np.where(rng.random(n_respons) < 0.01, "kiriman ganda", None), dtype="str"),
        "lengkap_spkp": rng.random(n_respons) > 0.01,
        "lengkap_spak": rng.random(n_respons) > 0.015,
    })
    return satker, respons


def bench_compute(args) -> dict[str, Any]:
    import pandas as pd

    from spakanalysis.stats.progress import progress_table
    from spakanalysis.stats.sample_size import minimum_respondents

    log(f"komputasi: {args.komputasi_satker:,} satker, {args.komputasi_respons:,} respons ...")
    t0 = time.perf_counter()
    satker, respons = synthetic(args.komputasi_satker, args.komputasi_respons)
    build = time.perf_counter() - t0
    cut = date(2024, 8, 20)
    pop = satker["jumlah_pengguna_layanan"].astype("int64")

    def one():
        ta = time.perf_counter()
        mn = minimum_respondents(pop, "ntt-2024")
        tb = time.perf_counter()
        prog = progress_table(satker, respons, "2024-Q3", cut)
        tc = time.perf_counter()
        return tb - ta, tc - tb, mn, prog

    first = one()  # cold: holiday calendars, config, imports of lazily loaded modules
    runs = [one() for _ in range(args.ulang)]
    prog = runs[-1][3]
    expected_rows = len(satker) * 2 * 3
    total = [a + b for a, b, *_ in runs]
    res = {
        "satker": len(satker), "respons": len(respons), "build_s": build,
        "repeats": args.ulang,
        "cold_s": {"minimum": first[0], "progress": first[1]},
        "minimum_s": {"median": statistics.median(r[0] for r in runs), "min": min(r[0] for r in runs)},
        "progress_s": {"median": statistics.median(r[1] for r in runs), "min": min(r[1] for r in runs)},
        "total_s": {"median": statistics.median(total), "min": min(total)},
        "progress_rows": len(prog), "progress_rows_expected": expected_rows,
        "respons_sah_total": int(prog["respons_sah"].sum()),
        "pandas": pd.__version__,
    }
    log(f"komputasi: median {res['total_s']['median']:.3f} s (minimum {res['minimum_s']['median'] * 1000:.1f} ms, "
        f"progres {res['progress_s']['median']:.3f} s)")
    return res


# --------------------------------------------------------------------------- one report, phase by phase


def _cell_kind(source: str) -> str:
    if "build_satker_report" in source:
        return "setup"
    if "_chart" in source:
        return "charts"
    if "berkas_ringkasan" in source:
        return "workbooks"
    return "displays"


def bench_phases(data: Path, work: Path, args) -> dict[str, Any]:
    """The batch worker's own path in this process: warm kernel, notebook, HTML, PDF, per stage."""
    from spakanalysis.pipeline import workers
    from spakanalysis.pipeline.render import html_to_pdf, notebook_to_html
    from spakanalysis.pipeline.runner import NOTEBOOK_SATKER, execute_notebook

    codes = spread(registry_codes(data), args.rincian_satker + 1)
    os.environ["SPAKANALYSIS_CACHE"] = str(work / "cache_rincian")
    workers.worker_init({}, str(data))
    km, kc = workers._acquire({}, str(data)).acquire()  # the kernel a batch worker reuses
    log(f"rincian per tahap (kernel hangat): {', '.join(codes)} (yang pertama = pemanasan) ...")
    rows = []
    try:
        for i, kode in enumerate(codes):
            params = {"kode_satker": kode, "periode": args.periode, "folder_data": str(data),
                      "berkas_ringkasan": str(work / f"rincian_{kode}.json")}
            t0 = time.perf_counter()
            nb = execute_notebook(NOTEBOOK_SATKER, work / f"rincian_{kode}.ipynb", params, kernel_manager=km,
                                  kernel_client=kc)
            t1 = time.perf_counter()
            html = notebook_to_html(nb, judul="Laporan", nama_satker=kode)
            t2 = time.perf_counter()
            pdf = html_to_pdf(html)
            t3 = time.perf_counter()
            kinds: dict[str, float] = {}
            for c in nb.cells:
                meta = c.get("metadata", {}).get("papermill", {})
                if c.get("cell_type") == "code" and meta.get("duration") is not None:
                    kind = _cell_kind("".join(c.get("source", "")))
                    kinds[kind] = kinds.get(kind, 0.0) + float(meta["duration"])
            rows.append({"kode_satker": kode, "pemanasan": i == 0, "notebook_s": t1 - t0,
                         "cells_s": sum(kinds.values()), **{f"{k}_s": v for k, v in kinds.items()},
                         "html_s": t2 - t1, "pdf_s": t3 - t2, "html_bytes": len(html.encode()), "pdf_bytes": len(pdf)})
    finally:
        workers.discard_kernel()
    warm = [r for r in rows if not r["pemanasan"]] or rows
    keys = ("notebook_s", "cells_s", "setup_s", "charts_s", "workbooks_s", "displays_s", "html_s", "pdf_s")
    mean = {k: statistics.mean(r.get(k, 0.0) for r in warm) for k in keys}
    mean["round_trips_s"] = mean["notebook_s"] - mean["cells_s"]
    mean["total_s"] = mean["notebook_s"] + mean["html_s"] + mean["pdf_s"]
    return {"reports": rows, "mean_warm": mean}


# --------------------------------------------------------------------------- report


def fmt_b(n: int | None) -> str:
    return "–" if n is None else f"{n / GIB:.2f} GiB"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("OK" if ok else "TIDAK")


def print_report(r: dict[str, Any]) -> None:
    print()
    print(f"spakanalysis {r['env']['spakanalysis']} · Python {r['env']['python']} · {r['env']['cpus']} CPU · "
          f"{r['env']['mem_total_gib']} GiB RAM · {r['env']['platform']}")
    print()
    print(f"{'Ukuran':<34} {'satker':>6} {'batch (s)':>10} {'s/satker':>9} {'CPU s/satker':>13} {'naif/satker (s)':>16} "
          f"{'naif total* (s)':>16} {'percepatan':>11}")
    for b in r["batch"]:
        nv = r["naif"].get(b["name"]) or {}
        per = nv.get("mean_per_satker_s", {}).get("total")
        tot = nv.get("extrapolated_total_s")
        sp = (tot / b["wall_s"]) if tot and b["wall_s"] else None
        b["speedup"] = sp
        cpu = b.get("cpu_s_per_satker")
        print(f"{b['name']:<34} {b['satker']:>6} {b['wall_s']:>10.1f} {b['amortised_s_per_satker']:>9.2f} "
              f"{(f'{cpu:.2f}' if cpu else '–'):>13} {(f'{per:.1f}' if per else '–'):>16} {(f'{tot:.0f}' if tot else '–'):>16} {(f'{sp:.1f}x' if sp else '–'):>11}")
    print("  * naif total = rata-rata per satker (papermill + nbconvert + weasyprint CLI) x jumlah satker")
    print(f"  CPU s/satker = waktu CPU seluruh pohon proses batch / jumlah satker; beban mesin (loadavg 1 menit) "
          f"awal {r['env']['loadavg_awal']}, akhir {r['env'].get('loadavg_akhir')} pada {r['env']['cpus']} CPU")
    for b in r["batch"]:
        again = b.get("ulang") or {}
        if again.get("share_of_first") is not None:
            print(f"  ulang tanpa perubahan {b['name']}: {again['wall_s']:.1f} s = {again['share_of_first']:.1%} dari "
                  f"jalan pertama ({again.get('reused_line') or 'baris ringkasan tidak ditemukan'})")
    for name, nv in r["naif"].items():
        m = nv.get("mean_per_satker_s") or {}
        if m:
            print(f"  naif {name}: papermill {m['papermill']:.1f} s + nbconvert {m['nbconvert']:.1f} s + weasyprint "
                  f"{m['weasyprint']:.1f} s per satker (sampel {', '.join(nv['sampel'])})")
    print()
    print(f"{'Memori batch':<34} {'puncak RSS pohon':>17} {'puncak PSS pohon':>17} {'maks RSS 1 proses':>18} {'proses':>7}")
    for b in r["batch"]:
        print(f"{b['name']:<34} {fmt_b(b['peak_rss_tree_bytes']):>17} {fmt_b(b['peak_pss_tree_bytes']):>17} "
              f"{fmt_b(b['maxrss_single_process_bytes']):>18} {b['peak_processes']:>7}")
    print(f"  RSS/PSS: jumlah atas CLI + pekerja + kernel, RSS disampel tiap 0,2 s, PSS tiap 5 s ({r['batch'][0]['memory_method'] if r['batch'] else '–'}); "
          "maks RSS 1 proses: getrusage(RUSAGE_CHILDREN)")
    c = r.get("komputasi")
    if c:
        print()
        print(f"Komputasi saja ({c['satker']:,} satker, {c['respons']:,} respons, {c['repeats']} ulangan, median): "
              f"minimum {c['minimum_s']['median'] * 1000:.1f} ms + progress_table {c['progress_s']['median']:.3f} s "
              f"= {c['total_s']['median']:.3f} s (pertama/dingin {c['cold_s']['minimum'] + c['cold_s']['progress']:.3f} s)")
    p = r.get("rincian")
    if p:
        m = p["mean_warm"]
        print()
        n = sum(not x["pemanasan"] for x in p["reports"])
        print(f"Satu laporan per tahap (kernel hangat seperti pekerja batch, rata-rata {n} laporan, satu proses): "
              f"{m['total_s']:.2f} s")
        print(f"  notebook {m['notebook_s']:.2f} s = sel persiapan (muat + build_satker_report) {m['setup_s']:.2f} s"
              f" + grafik {m['charts_s']:.2f} s + buku kerja {m['workbooks_s']:.2f} s + tampilan lain "
              f"{m['displays_s']:.2f} s + bolak-balik kernel {m['round_trips_s']:.2f} s")
        print(f"  HTML (nbconvert) {m['html_s']:.2f} s, PDF (WeasyPrint) {m['pdf_s']:.2f} s")
    print()
    print("Target")
    for t in r["target"]:
        print(f"  {t['nama']:<52} {t['nilai']:>22}   {verdict(t['ok'])}")


def targets(r: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for b in r["batch"]:
        nv = r["naif"].get(b["name"]) or {}
        tot = nv.get("extrapolated_total_s")
        sp = tot / b["wall_s"] if tot else None
        out.append({"nama": f"percepatan batch vs naif ({b['name']}) >= 12x", "nilai": f"{sp:.1f}x" if sp else "–",
                    "ok": None if sp is None else sp >= TARGET["speedup_min"]})
        amort = b["amortised_s_per_satker"]
        out.append({"nama": f"s/satker diamortisasi ({b['name']}, --paksa) <= 0,45 s", "nilai": f"{amort:.2f} s",
                    "ok": amort <= TARGET["amortised_s_max"] and b["rc"] == 0})
        again = b.get("ulang") or {}
        share = again.get("share_of_first")
        out.append({"nama": f"ulang tanpa perubahan ({b['name']}) <= 10% jalan pertama",
                    "nilai": f"{share:.1%} ({again['wall_s']:.1f} s)" if share is not None else "–",
                    "ok": None if share is None else share <= TARGET["rerun_share_max"] and again.get("rc") == 0})
        out.append({"nama": f"puncak memori ({b['name']}, {r['args']['pekerja']} pekerja) < 1,5 GiB",
                    "nilai": f"RSS {b['peak_rss_tree_bytes'] / GIB:.2f} GiB", "ok": b["peak_rss_tree_bytes"] < TARGET["peak_memory_bytes_max"]})
    c = r.get("komputasi")
    if c:
        out.append({"nama": f"komputasi {c['satker']:,} satker x {c['respons']:,} respons < 2 s".replace(",", "."), "nilai": f"{c['total_s']['median']:.3f} s",
                    "ok": c["total_s"]["median"] < TARGET["compute_s_max"]})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--satker", type=int, default=200, help="jumlah satker set besar yang dibangkitkan (bawaan 200)")
    ap.add_argument("--naif-sampel", type=int, default=5, help="jumlah satker per set untuk loop naif (bawaan 5; 0 = lewati)")
    ap.add_argument("--pekerja", type=int, default=2, help="--pekerja batch (bawaan 2)")
    ap.add_argument("--periode", default="2024-Q3")
    ap.add_argument("--skala-respons", type=float, default=1.0, help="diteruskan ke buat_data_contoh.py")
    ap.add_argument("--tanpa-sampel", action="store_true", help="lewati data contoh 21 satker")
    ap.add_argument("--tanpa-besar", action="store_true", help="lewati set besar yang dibangkitkan")
    ap.add_argument("--tanpa-rincian", action="store_true", help="lewati rincian per tahap satu laporan")
    ap.add_argument("--rincian-satker", type=int, default=6, help="laporan yang dirinci per tahap (bawaan 6)")
    ap.add_argument("--komputasi-satker", type=int, default=1000)
    ap.add_argument("--komputasi-respons", type=int, default=1_000_000)
    ap.add_argument("--ulang", type=int, default=5, help="ulangan pengukuran komputasi (bawaan 5)")
    ap.add_argument("--hasil", type=Path, default=RESULTS, help="folder JSON hasil (bawaan benchmarks/results)")
    ap.add_argument("--simpan", action="store_true", help="simpan laporan yang dibuat (folder kerja tidak dihapus)")
    args = ap.parse_args(argv)

    started = datetime.now(UTC).replace(microsecond=0)
    work = Path(tempfile.mkdtemp(prefix="spak-bench-"))
    log(f"folder kerja: {work}")
    try:
        import spakanalysis

        mem_total = None
        try:
            with open("/proc/meminfo") as fh:
                mem_total = round(int(fh.readline().split()[1]) / 1024**2, 1)
        except OSError:
            pass
        result: dict[str, Any] = {
            "dibuat_pada": started.isoformat(),
            "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
            "env": {"spakanalysis": spakanalysis.__version__, "python": platform.python_version(),
                    "platform": platform.platform(), "cpus": os.cpu_count(), "mem_total_gib": mem_total,
                    "loadavg_awal": round(os.getloadavg()[0], 2)},
            "batch": [], "naif": {},
        }
        sets: list[tuple[str, Path]] = []
        if not args.tanpa_sampel:
            sets.append((f"data contoh ({len(registry_codes(SAMPLE_DATA))} satker)", SAMPLE_DATA))
        if not args.tanpa_besar:
            big = work / f"data_{args.satker}"
            log(f"membangkitkan {args.satker} satker -> {big} ...")
            subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(big), "--satker", str(args.satker),
                            "--skala-respons", str(args.skala_respons), "--diam"], check=True)
            sets.append((f"dibangkitkan ({args.satker} satker)", big))
        t_all = time.perf_counter()
        for name, data in sets:
            result["batch"].append(bench_batch(name, data, work, args))
            if args.naif_sampel > 0:
                result["naif"][name] = bench_naive(name, data, work, args)
        if args.komputasi_satker > 0:
            result["komputasi"] = bench_compute(args)
        if not args.tanpa_rincian:
            result["rincian"] = bench_phases(SAMPLE_DATA, work, args)
        result["durasi_benchmark_s"] = time.perf_counter() - t_all
        result["env"]["loadavg_akhir"] = round(os.getloadavg()[0], 2)
        result["target"] = targets(result)
        print_report(result)
        args.hasil.mkdir(parents=True, exist_ok=True)
        path = args.hasil / f"bench_batch-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"\nHasil JSON: {path}")
        return 0
    finally:
        if args.simpan:
            log(f"folder kerja disimpan: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
