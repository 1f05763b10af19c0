"""Data-quality flags on a generated set with planted patterns (issue 19, points 1 and 5): speed and rates.

Generates (unless present) ``--satker`` satkers with ``scripts/buat_data_contoh.py --tanam-pola``,
computes :func:`spakanalysis.stats.quality_flags.flag_table` and :func:`~spakanalysis.stats.quality_flags.summary`
on the rows not excluded by validation, and prints the time taken, the share of planted submissions
flagged (goal >= 90%), the share of genuine ones flagged (goal <= 2%), each flag's rate among
genuine submissions and the flagged satker-months. Deterministic apart from the timings.

    python benchmarks/kualitas_data.py                          # 200 satker -> /tmp/d200_tanam
    python benchmarks/kualitas_data.py --satker 21 --data /tmp/d21_tanam
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from spakanalysis import load_dataset
from spakanalysis.core.calendars import libur_nasional, mode_hari_layanan
from spakanalysis.stats import quality_flags as q
from spakanalysis.stats.backcheck import draw_backcheck

ROOT = Path(__file__).resolve().parent.parent


def registry_inputs(d) -> dict:
    """What flag_table needs from the registry and codebook, resolved with the package's own rules."""
    reg = d.satker
    return {
        "max_values": dict(zip(d.instrumen["kode_butir"], d.instrumen["skala_maks"])),
        "service_modes": {k: mode_hari_layanan(j, None if pd.isna(h) else h)
                          for k, j, h in zip(reg["kode_satker"], reg["jenis_satker"], reg["hari_layanan"])},
        "holidays": set(libur_nasional(2024)),
        "timezones": dict(zip(reg["kode_satker"], reg["zona_waktu"])),
        "kanwil": dict(zip(reg["kode_satker"], reg["kanwil"])),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/tmp/d200_tanam"))
    ap.add_argument("--satker", type=int, default=200)
    args = ap.parse_args(argv)
    ids_file = args.data / "id_tanam.txt"
    if not ids_file.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "buat_data_contoh.py"), "--keluaran", str(args.data / "raw"),
                        "--satker", str(args.satker), "--tanam-pola", "--daftar-tanam", str(ids_file), "--diam"], check=True)
    planted = set(ids_file.read_text(encoding="utf-8").split())
    t0 = time.perf_counter()
    d = load_dataset(args.data / "raw")
    t1 = time.perf_counter()
    r = d.respons[d.respons["dikecualikan"].isna()]
    items = d.items("spkp") + d.items("spak")
    table, months = q.flag_table(r, items, **registry_inputs(d))
    t2 = time.perf_counter()
    summ = q.summary(table, months)
    t3 = time.perf_counter()
    cfg = q.load_quality_config()
    size, factor = q.threshold(cfg, "uji_petik", "ukuran"), q.threshold(cfg, "uji_petik", "faktor_lebih")
    samples = [draw_backcheck(g["id_respons"], g.loc[g["ditandai"], "id_respons"], kode_satker=k, periode=b,
                              size=size, oversample=factor)
               for (k, b), g in table.groupby(["kode_satker", "bulan"])]
    t4 = time.perf_counter()

    is_planted = table["id_respons"].isin(planted)
    print(f"{d.satker.shape[0]} satker, {len(r)} respons ({is_planted.sum()} karangan)")
    print(f"memuat data {t1 - t0:.2f} s; flag_table {t2 - t1:.2f} s; summary {t3 - t2:.2f} s; "
          f"uji petik {len(samples)} satker-bulan {t4 - t3:.2f} s")
    print(f"terdeteksi (ditandai) {table.loc[is_planted, 'ditandai'].mean():.1%} dari baris karangan; "
          f"tanda palsu {table.loc[~is_planted, 'ditandai'].mean():.2%} dari baris asli")
    print("\nproporsi per tanda pada baris asli / karangan:")
    rates = pd.DataFrame({"asli": table.loc[~is_planted, [*q.FLAGS, "ditandai"]].mean(),
                          "karangan": table.loc[is_planted, [*q.FLAGS, "ditandai"]].mean()})
    print(rates.round(4).to_string())
    print("\nsatker-bulan dengan proporsi semua-maksimum ditandai:")
    print(months[months["ditandai"]].round(4).to_string(index=False))
    top = summ.sort_values("proporsi_ditandai", ascending=False).head(5)
    print("\nlima satker-bulan dengan proporsi ditandai tertinggi:")
    print(top[["kode_satker", "bulan", "n", "jumlah_ditandai", "proporsi_ditandai"]].round(4).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
