"""Faults through the command line: kill -9, Ctrl-C, an unwritable or full output folder.

Every check runs ``spakanalysis laporan`` in a subprocess. Processes are
followed through ``/proc`` (no psutil): the whole tree below the CLI (pool
workers and the Jupyter kernels they start, which run in sessions of their
own) is recorded while the batch runs, and must be gone afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_trust import (
    PERIODE,
    _env,
    _hidden_or_tmp,
    _keep_satker,
    cli,
    compose,
    laporan_args,
    report_dirs,
    report_problems,
)

LINUX = Path("/proc/self/stat").exists()
pytestmark = pytest.mark.skipif(not LINUX, reason="follows processes through /proc (Linux)")


# ------------------------------------------------------------------ /proc helpers


def _stat(pid: int) -> tuple[int, str, int] | None:
    """(parent pid, state, start time) of a live process, None when it is gone (a zombie is gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    state, ppid, start = fields[0], int(fields[1]), int(fields[19])
    return None if state in ("Z", "X") else (ppid, state, start)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def descendants(root: int) -> dict[int, tuple[int, str]]:
    """Every live process below ``root``: pid -> (start time, command line)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            st = _stat(int(entry.name))
            if st:
                children.setdefault(st[0], []).append(int(entry.name))
    found, todo = {}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            st = _stat(child)
            if st:
                found[child] = (st[2], _cmdline(child))
                todo.append(child)
    return found


def survivors(recorded: dict[int, tuple[int, str]]) -> dict[int, tuple[int, str]]:
    """The recorded processes still alive (same pid and start time)."""
    return {pid: (start, cmd) for pid, (start, cmd) in recorded.items() if (_stat(pid) or (0, "", -1))[2] == start}


def _kernels(procs: dict[int, tuple[int, str]]) -> list[int]:
    return [pid for pid, (_s, cmd) in procs.items() if "ipykernel" in cmd]


def start_batch(data: Path, out: Path, tmp: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "spakanalysis.cli", *laporan_args(data, out, "--semua", "--tanpa-pdf", *extra)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(TMPDIR=str(tmp)), start_new_session=True)


def wait_for_kernels(proc: subprocess.Popen, n: int, timeout: float = 180) -> dict[int, tuple[int, str]]:
    """Wait until ``n`` kernels run below ``proc`` and a report is being made; return the process tree."""
    deadline = time.monotonic() + timeout
    seen: dict[int, tuple[int, str]] = {}
    while time.monotonic() < deadline and proc.poll() is None:
        seen.update(descendants(proc.pid))
        if len(_kernels(survivors(seen))) >= n:
            return seen
        time.sleep(0.1)
    pytest.fail(f"{n} kernels never ran (exit {proc.poll()}): {seen}")


def wait_gone(recorded: dict[int, tuple[int, str]], timeout: float) -> dict[int, tuple[int, str]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and survivors(recorded):
        time.sleep(0.1)
    return survivors(recorded)


@pytest.fixture
def data3(tmp_path):
    data = compose("_dasar", tmp_path / "data")
    _keep_satker(data, {"KWNTT", "LPKUPANG", "KIMKUPANG"})
    return data


# ------------------------------------------------------------------ kill -9


def test_kill_9_leaves_no_worker_or_kernel_and_next_run_sweeps_temp(data3, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "keluaran"
    proc = start_batch(data3, out, tmp, "--pekerja", "2")
    try:
        tree = wait_for_kernels(proc, 2)
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
        proc.communicate(timeout=30)
    assert len(tree) >= 4, tree  # two workers and their two kernels at least
    left = wait_gone(tree, timeout=10)
    assert not left, f"still running 10 s after kill -9: {left}"
    # the dead run's own kernel folders (if its workers made any) and one of a run dead long ago
    (tmp / "spakanalysis-kernel-999999999-lama").mkdir()
    h = cli(*laporan_args(data3, out, "--satker", "KWNTT", "--tanpa-pdf", "--pekerja", "1"), TMPDIR=str(tmp))
    assert h.kode == 0, h.semua
    left = [p.name for p in tmp.iterdir() if p.name.startswith("spakanalysis-")]
    assert "spakanalysis-kernel-999999999-lama" not in left
    # what is left belongs to a process that still exists (a worker not yet reaped by init)
    assert all(Path(f"/proc/{n.split('-')[2]}").exists() for n in left), left


# ------------------------------------------------------------------ Ctrl-C


@pytest.mark.parametrize("pekerja", ["1", "2"])
def test_ctrl_c_exits_130_without_traceback_kernel_or_partial_file(data3, tmp_path, pekerja):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "keluaran"
    proc = start_batch(data3, out, tmp, "--pekerja", pekerja)
    tree = wait_for_kernels(proc, int(pekerja))
    time.sleep(1.0)  # a report is being executed
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stdout + stderr
    assert "Dibatalkan oleh pengguna." in stderr
    assert "Traceback" not in stdout + stderr and "KeyboardInterrupt" not in stdout + stderr, stderr
    assert not survivors(tree), f"left running after Ctrl-C: {survivors(tree)}"
    assert _hidden_or_tmp(out) == []
    period = out / PERIODE
    assert [m for d in report_dirs(period).values() for m in report_problems(d, pdf=False)] == []
    assert [p.name for p in tmp.iterdir() if p.name.startswith("spakanalysis-")] == []


# ------------------------------------------------------------------ unwritable output folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_output_path_that_is_a_file(data3, tmp_path):
    target = tmp_path / "laporan.txt"
    target.write_text("bukan folder\n", encoding="utf-8")
    h = cli(*laporan_args(data3, target, "--satker", "KWNTT", "--tanpa-pdf"))
    assert h.kode == 2, h.semua
    assert f"Folder keluaran {target} adalah berkas, bukan folder" in h.stderr
    assert "Traceback" not in h.semua and "Kesalahan tak terduga" not in h.semua
    assert "Laporan satker" not in h.stderr  # refused before any kernel started
    assert target.read_text(encoding="utf-8") == "bukan folder\n"


def _mount_tmpfs(folder: Path, options: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")


@pytest.fixture
def mounted(tmp_path):
    mounts: list[Path] = []

    def mount(name: str, options: str) -> Path:
        folder = tmp_path / name
        _mount_tmpfs(folder, options)
        mounts.append(folder)
        return folder

    yield mount
    for folder in mounts:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_read_only_output_folder(data3, tmp_path, mounted):
    out = mounted("hanya_baca", "ro,size=1m")
    h = cli(*laporan_args(data3, out, "--satker", "KWNTT", "--tanpa-pdf"))
    assert h.kode == 2, h.semua
    assert f"Folder keluaran {out / PERIODE} tidak dapat ditulis" in h.stderr, h.stderr
    assert "Traceback" not in h.semua and "Kesalahan tak terduga" not in h.semua
    assert "Laporan satker" not in h.stderr  # refused before any kernel started
    assert list(out.iterdir()) == []


def test_full_disk_names_the_folder_and_leaves_no_empty_or_cut_file(data3, tmp_path, mounted):
    out = mounted("penuh", "size=96k")  # room for the probe, not for a report notebook
    h = cli(*laporan_args(data3, out, "--semua", "--tanpa-pdf", "--pekerja", "1"))
    assert h.kode == 1, h.semua
    assert "Disk penuh" in h.semua and str(out / PERIODE) in h.semua, h.semua
    assert "Traceback" not in h.semua and "Kesalahan tak terduga" not in h.semua
    for name, content in _files(out).items():
        assert content, f"{name} is empty"
        if name.endswith((".json", ".ipynb")):
            json.loads(content)  # complete, not cut off
        if name.endswith(".html"):
            assert content.rstrip().endswith(b"</html>"), name
    assert _hidden_or_tmp(out) == []
