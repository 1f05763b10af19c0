"""laporan.xlsx with every comment and its themes, usulan_tindak_lanjut.xlsx, and merging a returned one."""

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from spakanalysis.core.errors import DataError, ParameterError
from spakanalysis.data.dataset import load_dataset
from spakanalysis.data.follow_up import REGISTER_COLUMNS, load_follow_up
from spakanalysis.data.follow_up_merge import merge_returned
from spakanalysis.pipeline.office_outputs import write_satker_files
from spakanalysis.report.satker_report import build_satker_report

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("LPATAMBUA")
    ds = load_dataset(RAW)
    lap = build_satker_report(ds, "LPATAMBUA", "2024-Q3", tanggal_data="2024-09-18")
    summary_path = out / "ringkasan.json"
    summary_path.write_text(json.dumps(lap.ringkasan(), ensure_ascii=False, default=str), encoding="utf-8")
    paths = write_satker_files(summary_path, lap, ds)
    return out, json.loads(summary_path.read_text(encoding="utf-8")), paths


def _table(path: Path, sheet: str) -> list[dict]:
    ws = load_workbook(path, read_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_workbook_holds_every_comment_with_its_themes(written):
    out, summary, paths = written
    assert sorted(p.name for p in paths) == ["laporan.xlsx", "usulan_tindak_lanjut.xlsx"]
    rows = _table(out / "laporan.xlsx", "Saran")
    block = summary["tema_saran"]
    assert len(rows) == 88 == block["jumlah_komentar"]
    assert sum(1 for r in rows if r["Tema"]) == block["jumlah_bertema"]
    kinds = [r["Jenis saran"] for r in rows]
    assert {k: kinds.count(k) for k in ("keluhan", "usulan", "pujian")} == block["jumlah_per_jenis"]
    for theme in block["tema"]:  # each theme's count in ringkasan.json = rows of the sheet carrying it
        assert sum(1 for r in rows if r["Tema"] and theme["label"] in r["Tema"].split("; ")) == theme["jumlah"]


def test_proposal_has_one_prefilled_row_per_priority(written):
    out, summary, _ = written
    rows = _table(out / "usulan_tindak_lanjut.xlsx", "tindak_lanjut")
    gaps = summary["tindak_lanjut"]["prioritas_tanpa_aksi"]
    assert len(rows) == len(gaps) == 5
    assert list(rows[0]) == list(REGISTER_COLUMNS)
    assert [r["unsur_atau_tema"] for r in rows] == [g["kode"] for g in gaps]
    assert all(r["kode_satker"] == "LPATAMBUA" and r["periode_monev"] == "2024-Q3" and r["status"] == "direncanakan"
               for r in rows)
    assert all(r["rencana_aksi"] is None and r["penanggung_jawab"] is None and r["target_tanggal"] is None for r in rows)


def _fill(src: Path, dst: Path, filled: dict[int, tuple]) -> Path:
    wb = load_workbook(src)
    ws = wb["tindak_lanjut"]
    head = [c.value for c in ws[1]]
    for row, (aksi, pj, target, status) in filled.items():
        ws.cell(row=row, column=head.index("rencana_aksi") + 1, value=aksi)
        ws.cell(row=row, column=head.index("penanggung_jawab") + 1, value=pj)
        ws.cell(row=row, column=head.index("target_tanggal") + 1, value=target)
        ws.cell(row=row, column=head.index("status") + 1, value=status)
    wb.save(dst)
    return dst


def test_returned_proposal_is_merged_once(written, tmp_path):
    from datetime import datetime

    out, _, _ = written
    returned = _fill(out / "usulan_tindak_lanjut.xlsx", tmp_path / "kembali.xlsx", {
        2: ("Menambah petugas loket pada jam kunjungan", "Kepala Seksi Bimbingan Kemasyarakatan", datetime(2024, 10, 31),
            "direncanakan"),
        3: ("Sosialisasi layanan tanpa biaya", "Kepala Subbagian Tata Usaha", "2024-10-15", "berjalan"),
    })
    target = tmp_path / "register"
    target.mkdir()
    first = merge_returned(returned, RAW, target)
    assert (first.added, first.unfilled, first.duplicates) == (2, 3, 0)
    merged = load_follow_up(target, load_dataset(RAW).satker["kode_satker"])
    assert merged.masalah == () and len(merged.rows) == 12 + 2  # the data folder's 12 rows, then the new ones
    new = merged.rows.iloc[-2:]
    assert list(new["unsur_atau_tema"]) == ["spkp_waktu", "spak_pungli"]
    assert [d.isoformat() for d in new["target_tanggal"]] == ["2024-10-31", "2024-10-15"]
    again = merge_returned(returned, RAW, target)
    assert (again.added, again.duplicates) == (0, 2)
    assert len(load_follow_up(target, ["LPATAMBUA"]).rows) >= 5  # still readable


def test_a_bad_returned_row_writes_nothing(written, tmp_path):
    out, _, _ = written
    returned = _fill(out / "usulan_tindak_lanjut.xlsx", tmp_path / "kembali.xlsx", {
        2: ("Menambah petugas", "Bapak Yohanes", "2024-10-31", "direncanakan"),
        3: ("Sosialisasi", "Kepala Subbagian Tata Usaha", "2024-10-15", "segera"),
    })
    target = tmp_path / "register"
    target.mkdir()
    with pytest.raises(DataError) as err:
        merge_returned(returned, RAW, target)
    assert [(m.baris, m.kolom) for m in err.value.masalah] == [(2, "penanggung_jawab"), (3, "status")]
    assert list(target.iterdir()) == []


def test_raw_data_stays_read_only(written, tmp_path):
    out, _, _ = written
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder, ignore=shutil.ignore_patterns("respons*"))
    before = (folder / "tindak_lanjut.csv").read_bytes()
    returned = _fill(out / "usulan_tindak_lanjut.xlsx", tmp_path / "kembali.xlsx", {
        2: ("Menambah petugas", "Kepala Seksi Registrasi", "2024-10-31", "direncanakan")})
    with pytest.raises(ParameterError, match="hanya dibaca"):
        merge_returned(returned, folder, folder)
    assert (folder / "tindak_lanjut.csv").read_bytes() == before
    done = merge_returned(returned, folder, folder, allow_raw=True)
    assert done.added == 1 and (folder / "tindak_lanjut.csv").read_bytes().startswith(before.rstrip(b"\n"))


def test_cli_gabung(written, tmp_path):
    import subprocess
    import sys

    out, _, _ = written
    returned = _fill(out / "usulan_tindak_lanjut.xlsx", tmp_path / "kembali.xlsx", {
        2: ("Menambah petugas", "Kepala Seksi Registrasi", "2024-10-31", "sudah")})
    cmd = [sys.executable, "-m", "spakanalysis.cli", "tindak-lanjut", "gabung", str(returned), "--data", str(RAW),
           "--ke", str(tmp_path)]
    bad = subprocess.run(cmd, capture_output=True, text=True)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert 'baris 2, kolom "status": nilai "sudah"' in bad.stderr + bad.stdout
    _fill(returned, returned, {2: ("Menambah petugas", "Kepala Seksi Registrasi", "2024-10-31", "direncanakan")})
    ok = subprocess.run(cmd, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "1 baris ditambahkan" in ok.stdout


def test_same_report_same_workbook_bytes(written, tmp_path):
    out, _, _ = written
    ds = load_dataset(RAW)
    lap = build_satker_report(ds, "LPATAMBUA", "2024-Q3", tanggal_data="2024-09-18")
    again = tmp_path / "ringkasan.json"
    again.write_text("{}", encoding="utf-8")
    write_satker_files(again, lap, ds)
    for name in ("laporan.xlsx", "usulan_tindak_lanjut.xlsx"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()
