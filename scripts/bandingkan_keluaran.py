"""Byte-identity check: render the sample batch for a base git ref and for the current tree, compare SHA-256 sums.

    python scripts/bandingkan_keluaran.py            # base ref: main
    python scripts/bandingkan_keluaran.py --dasar HEAD~1 --simpan /tmp/keluaran

The base ref is checked out into a temporary ``git worktree`` and run with ``PYTHONPATH=<worktree>/src``
(the subprocess prints ``spakanalysis.__file__``, which must lie inside that worktree). Both runs use this
interpreter, a fresh dataset cache and the same parameters. Every output file is compared by SHA-256 of its
bytes, except two that are not byte-deterministic even between two runs of the same tree:

* ``manifest.json``: compared with its timing fields (``dibuat_pada``, ``durasi*``) removed;
* executed notebooks (``*.ipynb``): compared on each cell's type, execution count and outputs, and the
  markdown cells' text. Papermill stamps times and random cell ids into the metadata, and code-cell sources
  are left out because a restructuring may change the notebooks' import lines (their outputs must not change).

Exits 1 on any difference, 2 when a run fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH_ARGS = ["laporan", "--semua", "--periode", "2024-Q3", "--tanggal-data", "2024-09-18",
              "--tanggal-rapat", "2024-09-19", "--data", "data/raw"]
CLI = "import sys; from spakanalysis.cli import main; main(sys.argv[1:])"
WHERE = "import spakanalysis; print(spakanalysis.__file__)"
TIMING_KEYS = ("dibuat_pada", "durasi")


def _env(tree: Path, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SPAKANALYSIS_NOTEBOOKS", "PYTHONPATH")}
    env.update(PYTHONPATH=str(tree / "src"), SPAKANALYSIS_CACHE=str(cache), CI="true")
    return env


def _strip_timing(value):
    if isinstance(value, dict):
        return {k: _strip_timing(v) for k, v in value.items() if not k.startswith(TIMING_KEYS)}
    if isinstance(value, list):
        return [_strip_timing(v) for v in value]
    return value


def _notebook_content(nb: dict) -> list:
    """What an executed notebook shows: per cell its type, execution count, outputs; markdown text."""
    return [[c["cell_type"], c.get("execution_count"), c.get("outputs"),
             c["source"] if c["cell_type"] == "markdown" else None] for c in nb["cells"]]


def _digest(path: Path) -> str:
    if path.name == "manifest.json":
        data = json.dumps(_strip_timing(json.loads(path.read_text(encoding="utf-8"))), sort_keys=True).encode()
    elif path.suffix == ".ipynb":
        data = json.dumps(_notebook_content(json.loads(path.read_text(encoding="utf-8"))), sort_keys=True).encode()
    else:
        data = path.read_bytes()
    return hashlib.sha256(data).hexdigest()


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (manifest without timings), keyed by relative path."""
    return {p.relative_to(folder).as_posix(): _digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def render(tree: Path, out: Path, python: str) -> None:
    """Render the sample batch with the package of ``tree`` into ``out``; exit 2 if it fails or imports elsewhere."""
    with tempfile.TemporaryDirectory(prefix="spak-cache-") as cache:
        env = _env(tree, Path(cache))
        where = subprocess.run([python, "-c", WHERE], env=env, cwd=tree, capture_output=True, text=True, check=False)
        location = Path(where.stdout.strip() or "?").resolve()
        if where.returncode != 0 or not location.is_relative_to((tree / "src").resolve()):
            sys.exit(f"Paket yang diimpor bukan milik {tree}: {location}\n{where.stderr}")
        print(f"Merender dengan {location}", flush=True)
        run = subprocess.run([python, "-c", CLI, *BATCH_ARGS, "--keluaran", str(out)], env=env, cwd=tree,
                             capture_output=True, text=True, check=False)
    if run.returncode != 0:
        print(run.stdout, run.stderr, sep="\n", file=sys.stderr)
        sys.exit(f"Render gagal untuk {tree} (kode keluar {run.returncode}).")


def compare(base: dict[str, str], current: dict[str, str]) -> list[str]:
    """Lines describing every file that is missing on one side or differs."""
    lines = []
    for name in sorted(base.keys() | current.keys()):
        if name not in current:
            lines.append(f"hilang di pohon kini: {name}")
        elif name not in base:
            lines.append(f"baru di pohon kini:   {name}")
        elif base[name] != current[name]:
            lines.append(f"berbeda:              {name}")
    return lines


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Bandingkan keluaran batch contoh (SHA-256) antara ref dasar dan pohon kini.")
    parser.add_argument("--dasar", default="main", help="ref git pembanding (bawaan: main)")
    parser.add_argument("--kini", default=None, help="ref git kedua; bawaan: pohon kerja saat ini")
    parser.add_argument("--python", default=sys.executable, help="interpreter untuk kedua render (bawaan: yang ini)")
    parser.add_argument("--simpan", type=Path, default=None, help="folder untuk menyimpan kedua keluaran")
    return parser.parse_args(argv)


def _render_ref(ref: str, out: Path, python: str, scratch: Path) -> None:
    tree = scratch / f"wt-{hashlib.sha256(ref.encode()).hexdigest()[:8]}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), ref], check=True)
    try:
        render(tree, out, python)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="spak-banding-") as tmp:
        scratch = Path(tmp)
        keep = args.simpan or scratch
        base_out, current_out = keep / "dasar", keep / "kini"
        for folder in (base_out, current_out):
            shutil.rmtree(folder, ignore_errors=True)
        _render_ref(args.dasar, base_out, args.python, scratch)
        if args.kini:
            _render_ref(args.kini, current_out, args.python, scratch)
        else:
            render(ROOT, current_out, args.python)
        base, current = digests(base_out), digests(current_out)
        diff = compare(base, current)
    label = args.kini or "pohon kini"
    for line in diff:
        print(line)
    if diff:
        print(f"{len(diff)} berkas berbeda antara {args.dasar} dan {label}.")
        return 1
    print(f"Identik: {len(base)} berkas sama byte-per-byte antara {args.dasar} dan {label} "
          "(manifest.json tanpa dibuat_pada/durasi*; .ipynb: keluaran sel dan markdown).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
