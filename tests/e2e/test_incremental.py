"""Incremental batches (issue 18 point 1) end to end on the mini data: what a re-run renders again, and why.

One chain of CLI runs into one output folder (``--tanggal-data`` given, so new
rows of one satker do not move the cut-off of the others):

1. first run: all three satkers and the recap are made;
2. the same run again: nothing is rendered, every satker is reused and the recap too;
3. one LPKUPANG score changed: only LPKUPANG and the recap are made again;
4. ``--paksa`` into a second folder: every reused file of the first folder is byte-identical;
5. KWNTT's PDF deleted: only KWNTT is made again ("berkas keluaran hilang");
6. another ``--tanggal-rapat``: all three are made again ("masukan berubah: parameter");
7. ``--paksa``: all three again ("--paksa").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from _perintah import spakanalysis_cmd

pytest.importorskip("papermill")

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
CODES = ["KWNTT", "LPKUPANG", "RBKUPANG"]
EPOCH = "1725580800"  # 2024-09-06: the print date of every run


def _run(data: Path, out: Path, env: dict, *extra: str) -> subprocess.CompletedProcess:
    args = ["laporan", "--semua", "--periode", "2024-Q3", "--tanggal-data", "2024-09-05", "--tanggal-rapat",
            "2024-09-06", "--data", str(data), "--keluaran", str(out), "--pekerja", "1", *extra]
    proc = subprocess.run([*spakanalysis_cmd(), *args], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    return proc


def _made(out: Path) -> dict[str, tuple[str, str]]:
    manifest = json.loads((out / "2024-Q3" / "manifest.json").read_text(encoding="utf-8"))
    return {e["kode_satker"]: (e["dibuat"], e["alasan"]) for e in manifest["satker"]}


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _change_one_lpkupang_score(data: Path) -> None:
    path = data / "respons.csv"
    text = path.read_text(encoding="utf-8")
    old = "MINI-0026,2024-07-03 09:00:00+08:00,LPKUPANG,Layanan Kunjungan,eksternal,Laki-laki,30–39,SMA,Wiraswasta,3,"
    assert text.count(old) == 1
    path.write_text(text.replace(old, old[:-2] + "4,"), encoding="utf-8")


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    work = tmp_path_factory.mktemp("ulang")
    data, out, fresh = work / "data", work / "keluaran", work / "segar"
    shutil.copytree(MINI, data)
    for name in ("kanwil.toml", "logo_kanwil.svg"):  # so the batch writes cover letters too
        shutil.copy(ROOT / "data" / "raw" / name, data / name)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "SPAKANALYSIS_CACHE": str(work / "cache")}
    env.pop("SPAKANALYSIS_DEBUG", None)
    steps = {"pertama": _run(data, out, env)}
    steps["pertama_made"], steps["pertama_bytes"] = _made(out), _bytes(out / "2024-Q3")
    steps["ulang"] = _run(data, out, env)
    steps["ulang_made"], steps["ulang_bytes"] = _made(out), _bytes(out / "2024-Q3")
    _change_one_lpkupang_score(data)
    steps["satu"] = _run(data, out, env)
    steps["satu_made"], steps["satu_bytes"] = _made(out), _bytes(out / "2024-Q3")
    _run(data, fresh, env, "--paksa")
    steps["segar_bytes"] = _bytes(fresh / "2024-Q3")
    (out / "2024-Q3" / "KWNTT" / "laporan.pdf").unlink()
    _run(data, out, env)
    steps["hilang_made"] = _made(out)
    steps["hilang_pdf"] = (out / "2024-Q3" / "KWNTT" / "laporan.pdf").read_bytes()
    steps["parameter"] = _run(data, out, env, "--tanggal-rapat", "2024-09-07")
    steps["parameter_made"] = _made(out)
    steps["paksa"] = _run(data, out, env, "--paksa")
    steps["paksa_made"] = _made(out)
    return steps


def test_first_run_makes_everything(chain):
    assert chain["pertama_made"] == {k: ("baru", "belum pernah dibuat") for k in CODES}
    assert "3 laporan dibuat baru, 0 dipakai ulang" in chain["pertama"].stdout


def test_unchanged_rerun_renders_nothing(chain):
    reused = ("dipakai ulang", "masukan dan berkas keluaran tidak berubah")
    assert chain["ulang_made"] == {k: reused for k in CODES}
    out = chain["ulang"].stdout
    assert "0 laporan dibuat baru, 3 dipakai ulang" in out
    assert "Rekap Kanwil, halaman indeks, rekap.xlsx, paparan.pptx dan surat dipakai ulang" in out
    before, after = chain["pertama_bytes"], chain["ulang_bytes"]
    assert set(before) == set(after)
    # every report file and every recap file is left as it was (the manifest and the index page name the run)
    changed = sorted(n for n in before if before[n] != after[n])
    assert changed == ["index.html", "manifest.json"] or changed == ["manifest.json"]


def test_one_satker_changed_only_it_and_the_recap(chain):
    made = chain["satu_made"]
    assert made["LPKUPANG"] == ("baru", "masukan berubah: respons, berkas sumber")
    assert made["KWNTT"][0] == made["RBKUPANG"][0] == "dipakai ulang"
    assert "1 laporan dibuat baru, 2 dipakai ulang" in chain["satu"].stdout
    assert "dipakai ulang: tidak ada satker yang berubah" not in chain["satu"].stdout
    before, after = chain["ulang_bytes"], chain["satu_bytes"]
    assert before["KWNTT/laporan.pdf"] == after["KWNTT/laporan.pdf"]
    assert before["LPKUPANG/ringkasan.json"] != after["LPKUPANG/ringkasan.json"]
    assert before["rekap.json"] != after["rekap.json"]  # the recap was made again with the new figures


@pytest.mark.parametrize("name", ["laporan.html", "laporan.pdf", "ringkasan.json", "laporan.xlsx",
                                  "surat_pengantar.pdf"])
@pytest.mark.parametrize("code", ["KWNTT", "RBKUPANG"])
def test_reused_outputs_are_byte_identical_to_a_fresh_render(chain, code, name):
    reused, fresh = chain["satu_bytes"], chain["segar_bytes"]
    assert chain["satu_made"][code][0] == "dipakai ulang"
    assert reused[f"{code}/{name}"] == fresh[f"{code}/{name}"]


def test_every_reused_report_file_matches_a_fresh_render(chain):
    reused, fresh = chain["satu_bytes"], chain["segar_bytes"]
    for code in ("KWNTT", "RBKUPANG"):
        names = [n for n in reused if n.startswith(f"{code}/")]
        assert names and set(names) == {n for n in fresh if n.startswith(f"{code}/")}
        # the executed notebook records where it was made (the output folder, papermill's cell ids and clock):
        # every other file is byte-identical
        assert [n for n in names if reused[n] != fresh[n] and not n.endswith(".ipynb")] == []


def test_deleted_output_file_is_rendered_again(chain):
    made = chain["hilang_made"]
    assert made["KWNTT"] == ("baru", "berkas keluaran hilang")
    assert made["LPKUPANG"][0] == made["RBKUPANG"][0] == "dipakai ulang"
    assert chain["hilang_pdf"] == chain["segar_bytes"]["KWNTT/laporan.pdf"]


def test_changed_parameter_renders_everything(chain):
    assert chain["parameter_made"] == {k: ("baru", "masukan berubah: parameter") for k in CODES}
    assert "3 laporan dibuat baru, 0 dipakai ulang" in chain["parameter"].stdout


def test_paksa_renders_everything(chain):
    assert chain["paksa_made"] == {k: ("baru", "--paksa") for k in CODES}
    assert "baru (--paksa)" in chain["paksa"].stdout
