"""The runtime layer through the CLI: paths stay inside --keluaran, Indonesian option errors,
the validation summary of ``laporan``, and one manifest per folder that never contradicts the index page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_trust import PERIODE, TANGGAL_DATA, _keep_satker, _read_csv, _write_csv, cli, compose, laporan_args

from spakanalysis.core.paths import PathError, ensure_inside, remove, safe_child
from spakanalysis.pipeline.batch import _remove_leftovers
from spakanalysis.pipeline.runner import run_satker_report


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): ("dir" if p.is_dir() else p.read_text(errors="replace"))
            for p in sorted(root.rglob("*"))}


# =========================================================================== 1. nothing outside --keluaran


@pytest.fixture
def nest(tmp_path):
    """``tmp/a/b/keluaran`` with a neighbour folder ``tmp/a/b/x`` holding a file that must survive."""
    out = tmp_path / "a" / "b" / "keluaran"
    out.mkdir(parents=True)
    (tmp_path / "a" / "b" / "x").mkdir()
    (tmp_path / "a" / "b" / "x" / "jangan_dihapus.txt").write_text("tetap\n", encoding="utf-8")
    return tmp_path, out


@pytest.mark.parametrize("kode", ["./../../x", "../x", "LP/KPG", "..", "a\\b", "x\x00y", ""])
def test_api_unsafe_code_writes_and_deletes_nothing(nest, kode):
    """Straight to the API (no registry validation): the report fails with a message; the tree is unchanged."""
    root, out = nest
    before = _tree(root)
    h = run_satker_report(kode, PERIODE, out, parameter={"tanggal_data": TANGGAL_DATA}, pdf=False)
    assert h.status == "gagal"
    assert "tidak dapat dipakai sebagai nama" in h.pesan, h.pesan
    assert _tree(root) == before


def test_safe_child_and_remove_refuse_to_leave_the_root(tmp_path):
    root = tmp_path / "keluaran"
    root.mkdir()
    outside = tmp_path / "luar"
    outside.mkdir()
    (outside / "berkas.txt").write_text("x", encoding="utf-8")
    assert safe_child(root, "2024-Q3", "KWNTT") == root.resolve() / "2024-Q3" / "KWNTT"
    with pytest.raises(PathError, match="tidak dapat dipakai"):
        safe_child(root, "2024-Q3", "../../luar")
    with pytest.raises(PathError, match="di luar folder keluaran"):
        remove(root, root / ".." / "luar")
    link = root / ".tautan.tmp"  # a hidden leftover that is a link to a folder outside
    link.symlink_to(outside, target_is_directory=True)
    with pytest.raises(PathError):
        ensure_inside(root, link)  # where it points is outside
    _remove_leftovers(root)  # deletes the link itself, never what it points to
    assert not link.is_symlink() and (outside / "berkas.txt").is_file()


def _rename_satker(data: Path, old: str, new: str) -> None:
    for name in ("satker.csv", "respons_2024.csv"):
        rows = _read_csv(data / name)
        k = rows[0].index("kode_satker")
        for r in rows[1:]:
            if r[k] == old:
                r[k] = new
        _write_csv(data / name, rows)


@pytest.mark.parametrize("kode", ["LP/KPG", "./../../x"])
def test_cli_registry_code_that_is_no_folder_name(tmp_path, kode):
    """A registry code that is not one plain folder name never escapes --keluaran and gives an Indonesian message."""
    data = compose("_dasar", tmp_path / "data")
    _keep_satker(data, {"KWNTT", "LPKUPANG"})
    _rename_satker(data, "LPKUPANG", kode)
    out = tmp_path / "a" / "b" / "keluaran"
    out.mkdir(parents=True)
    (tmp_path / "a" / "b" / "x").mkdir()
    (tmp_path / "a" / "b" / "x" / "jangan_dihapus.txt").write_text("tetap\n", encoding="utf-8")
    outside_before = {k: v for k, v in _tree(tmp_path).items() if not k.startswith(("a/b/keluaran", "data"))}
    h = cli(*laporan_args(data, out, "--semua", "--tanpa-pdf", "--pekerja", "1"))
    assert h.kode == 1, h.semua
    assert "Traceback" not in h.semua and "Kesalahan tak terduga" not in h.semua, h.semua[-3000:]
    assert kode in h.semua
    after = {k: v for k, v in _tree(tmp_path).items() if not k.startswith(("a/b/keluaran", "data"))}
    assert after == outside_before
    period = out / PERIODE
    assert (period / "KWNTT" / "laporan.html").is_file()  # the good satker is still rendered
    assert not (period / "LP").exists()


def test_cli_unknown_unsafe_code_is_a_parameter_error(tmp_path):
    data = compose("_dasar", tmp_path / "data")
    h = cli(*laporan_args(data, tmp_path / "keluaran", "--satker", "./../../x", "--tanpa-pdf"))
    assert h.kode == 2, h.semua
    assert "Traceback" not in h.semua and "Kesalahan tak terduga" not in h.semua
    assert not (tmp_path / "x").exists()


# =========================================================================== 7. Indonesian option errors

ENGLISH = ("Usage:", "Invalid value", "No such option", "Missing option", "Show this message", "Try ", "Error",
           "Options", "Commands", "[default", "requires an argument", "Possible options", "Got unexpected",
           "Input should", "No such command", "Aborted")


@pytest.mark.parametrize("args, phrase", [
    (["laporan", "--pekerja", "-1", "--satker", "KWNTT"], "'--pekerja' / '-j': -1 bukan jumlah pekerja yang sah"),
    (["laporan", "--pekerja", "0", "--satker", "KWNTT"], "0 bukan jumlah pekerja yang sah"),
    (["laporan", "--pekerja", "dua"], "'dua', diharapkan bilangan bulat"),
    (["sampel", "--populasi", "48", "--galat", "lima"], "Nilai tidak sah untuk '--galat' / '-e': 'lima', diharapkan bilangan dengan titik desimal"),
    (["laporan", "--galat"], "Opsi '--galat' memerlukan nilai."),
    (["laporan", "--semu"], "Opsi tidak dikenal: --semu. Mungkin maksud Anda: --semua."),
    (["validasi", "--bogus"], "Opsi tidak dikenal: --bogus."),
    (["laporkan"], "Perintah tidak dikenal: laporkan."),
    (["laporan", "lebih"], "Argumen tidak dikenal: lebih."),
])
def test_option_errors_are_indonesian(args, phrase):
    h = cli(*args)
    assert h.kode == 2, h.semua
    assert phrase in h.stderr, h.stderr
    assert "Galat: " in h.stderr
    for english in ENGLISH:
        assert english not in h.semua, (english, h.semua)


@pytest.mark.parametrize("args", [["--help"], ["sampel", "--help"], ["validasi", "--help"], ["laporan", "--help"]])
def test_help_is_indonesian(args):
    h = cli(*args)
    assert h.kode == 0, h.semua
    assert "Penggunaan: spakanalysis" in h.stdout
    assert "Tampilkan bantuan ini lalu keluar." in h.stdout
    assert "Opsi" in h.stdout
    for english in ENGLISH:
        assert english not in h.semua, (english, h.semua)


def test_no_arguments_prints_the_indonesian_help_only():
    h = cli()
    assert h.kode == 2, h.semua
    assert "Penggunaan: spakanalysis [OPSI] PERINTAH [ARGUMEN]..." in h.stdout
    assert "Galat" not in h.semua
    for english in ENGLISH:
        assert english not in h.semua, (english, h.semua)


def test_usage_line_of_a_bad_value_names_the_command():
    h = cli("laporan", "--pekerja", "-1")
    assert h.stderr.splitlines()[:2] == ["Penggunaan: spakanalysis laporan [OPSI]",
                                         "Coba 'spakanalysis laporan --help' untuk bantuan."], h.stderr


# =========================================================================== 8. laporan says what validasi says


def _laporan(tmp_path, case: str, kode: str):
    data = compose(case, tmp_path / "data")
    return cli(*laporan_args(data, tmp_path / "keluaran", "--satker", kode, "--tanpa-pdf", "--pekerja", "1"))


def test_laporan_on_a_rendered_satker_with_data_error_prints_summary_and_exits_1(tmp_path):
    h = _laporan(tmp_path, "skala_0", "KIMKUPANG")  # a score 0 in row 41 of KIMKUPANG
    assert h.kode == 1, h.semua
    lines = h.stdout.splitlines()
    first = next(i for i, ln in enumerate(lines) if ln.startswith("[galat] respons_2024.csv, baris 41"))
    assert first < next(i for i, ln in enumerate(lines) if ln.startswith("Satker  "))  # before the batch table
    assert "1 galat" in h.stderr
    assert "Data bermasalah untuk KIMKUPANG" in h.stderr


def test_laporan_on_another_satker_prints_summary_and_exits_0(tmp_path):
    h = _laporan(tmp_path, "skala_0", "KWNTT")
    assert h.kode == 0, h.semua
    assert "[galat] respons_2024.csv, baris 41" in h.stdout and "1 galat" in h.stderr
    assert "Data bermasalah untuk" not in h.stderr


def test_laporan_on_warnings_only_prints_them_and_exits_0(tmp_path):
    h = _laporan(tmp_path, "waktu_masa_depan", "KWNTT")
    assert h.kode == 0, h.semua
    assert "[peringatan] respons_2024.csv, baris 4" in h.stdout
    assert "0 galat, 1 peringatan" in h.stderr


def test_laporan_on_clean_data_says_so(tmp_path):
    h = _laporan(tmp_path, "_dasar", "KWNTT")
    assert h.kode == 0, h.semua
    assert h.stdout.splitlines()[0].startswith("Data di ") and "bersih" in h.stdout.splitlines()[0]


# =========================================================================== 9. one folder, one story


@pytest.fixture(scope="module")
def batch_lalu_satu(tmp_path_factory):
    """``--semua`` on two satkers, then ``--satker KWNTT`` with another data date into the same folder."""
    root = tmp_path_factory.mktemp("gabung")
    data = compose("_dasar", root / "data")
    _keep_satker(data, {"KWNTT", "LPKUPANG"})
    out = root / "keluaran"
    period = out / PERIODE
    h1 = cli(*laporan_args(data, out, "--semua", "--tanpa-pdf", "--pekerja", "1"))
    snap = {n: (period / n).read_bytes() for n in ("rekap.json", "rekap.html", "manifest.json", "index.html")}
    h2 = cli("laporan", "--satker", "KWNTT", "--periode", PERIODE, "--tanggal-data", "2024-09-10", "--data", data,
             "--keluaran", out, "--tanpa-pdf", "--pekerja", "1")
    manifest = json.loads((period / "manifest.json").read_text(encoding="utf-8"))
    index = (period / "index.html").read_text(encoding="utf-8")
    h3 = cli(*laporan_args(data, out, "--semua", "--tanpa-pdf", "--pekerja", "1"))
    return {"h": (h1, h2, h3), "snap": snap, "manifest": manifest, "index": index, "period": period}


def test_partial_run_merges_into_the_manifest(batch_lalu_satu):
    assert [h.kode for h in batch_lalu_satu["h"]] == [0, 0, 0], [h.semua[-2000:] for h in batch_lalu_satu["h"]]
    m = batch_lalu_satu["manifest"]
    assert {e["kode_satker"]: e["jalan"] for e in m["satker"]} == {"KWNTT": 2, "LPKUPANG": 1}
    assert [(r["nomor"], r["parameter"]["tanggal_data"], r["satker"], r["rekap"]) for r in m["jalan"]] == [
        (1, TANGGAL_DATA, ["KWNTT", "LPKUPANG"], True), (2, "2024-09-10", ["KWNTT"], False)]
    assert m["rekap"]["status"] == "berhasil" and m["rekap"]["jalan"] == 1
    assert {"rekap.xlsx", "paparan.pptx"} <= set(m["rekap"]["berkas"])
    period = batch_lalu_satu["period"]
    # the public outputs are listed too: every satker's infographics and the public page with its copies
    public = m["publik"]["berkas"]
    assert {"publik/index.html", "KWNTT/infografis.png", "LPKUPANG/infografis_kotak.png",
            "publik/kanwil_infografis.pdf"} <= set(public)
    assert all((period / name).is_file() for name in public)
    assert (period / "rekap.xlsx").read_bytes()[:2] == b"PK" and (period / "paparan.pptx").read_bytes()[:2] == b"PK"
    assert m["periode"]["kode"] == PERIODE


def test_partial_run_leaves_recap_and_says_so_on_the_index(batch_lalu_satu):
    snap = batch_lalu_satu["snap"]
    rekap = json.loads(snap["rekap.json"])
    assert rekap["tanggal_data"] == TANGGAL_DATA  # the recap still describes run 1, and the index says so
    index = batch_lalu_satu["index"]
    assert "Keluaran folder ini dibuat oleh 2 jalan" in index
    assert re.search(r"<li>Jalan 1 \([^)]*data per Rabu, 18 September 2024\): rekap Kanwil dan infografis; "
                     r"2 laporan satker \(KWNTT, LPKUPANG\)\.</li>", index), index
    assert re.search(r"<li>Jalan 2 \([^)]*data per Selasa, 10 September 2024\): 1 laporan satker \(KWNTT\)\.</li>", index)
    notes = re.findall(r'<span class="catatan-jalan">([^<]*)</span>', index)
    assert len(notes) == 1 and notes[0].startswith("Laporan dibuat ulang oleh jalan 2"), notes
    assert 'href="KWNTT/laporan.html"' in index and 'href="LPKUPANG/laporan.html"' in index
    assert "laporan.pdf" not in index  # --tanpa-pdf: no PDF link to a file that does not exist


def test_a_whole_batch_starts_the_manifest_again(batch_lalu_satu):
    period = batch_lalu_satu["period"]
    m = json.loads((period / "manifest.json").read_text(encoding="utf-8"))
    assert [r["nomor"] for r in m["jalan"]] == [1]
    assert {e["jalan"] for e in m["satker"]} == {1}
    index = (period / "index.html").read_text(encoding="utf-8")
    assert "class=\"catatan-jalan\"" not in index and "dibuat oleh 2 jalan" not in index


def test_partial_run_into_an_empty_folder_writes_no_index(tmp_path):
    data = compose("_dasar", tmp_path / "data")
    out = tmp_path / "keluaran"
    h = cli(*laporan_args(data, out, "--satker", "KWNTT", "--tanpa-pdf", "--pekerja", "1"))
    assert h.kode == 0, h.semua
    m = json.loads((out / PERIODE / "manifest.json").read_text(encoding="utf-8"))
    assert [e["kode_satker"] for e in m["satker"]] == ["KWNTT"] and "rekap" not in m
    assert not (out / PERIODE / "index.html").exists()
