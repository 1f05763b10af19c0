"""Trust: bad inputs, privacy, HTML safety, reproducibility and nothing lost.

Every check runs the real command line (``python -m spakanalysis.cli``) in a
subprocess on small data folders composed from the corpus in
``tests/data/rusak/`` (see its README.md):

* every corpus case gives a message in Bahasa Indonesia naming the file, the
  row and the column (where they apply), the right exit code and no traceback;
* a problem that concerns one satker only stops that satker's report, not the
  batch;
* personal data (columns and personal data typed into ``saran``) never reaches
  any output file;
* feedback text is shown as text (no live HTML, no Markdown, no LaTeX);
* rendering twice gives the same bytes; raw files are never modified; a batch
  killed with SIGKILL leaves no half-written report and a re-run completes.

Full renders are grouped into a few module-scoped batch runs to keep the
module under a few minutes on a 2-core machine.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html as html_mod
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

KORPUS = Path(__file__).resolve().parents[1] / "data" / "rusak"
DASAR = KORPUS / "_dasar"
PERIODE = "2024-Q3"
TANGGAL_DATA = "2024-09-18"
#: fixed print date for reproducible renders (2024-09-18T00:00:00Z)
EPOCH = "1726617600"


# =========================================================================== the corpus


@dataclass(frozen=True)
class Harapan:
    """What ``spakanalysis validasi`` must say about one corpus case."""

    kode_keluar: int
    berkas: str | None = None  # file named in the message
    baris: int | None = None  # row (spreadsheet numbering) named in the message
    kolom: str | None = None  # column named in the message
    frasa: str = ""  # Indonesian phrase the message must contain
    tingkat: str = "galat"
    fatal: bool = False  # the folder cannot be loaded: ``laporan`` refuses before rendering
    satker: str | None = None  # the one satker the problem breaks (batch test)
    catatan: int = 0  # number of notes ("catatan") of an accepted input
    bug: str | None = None  # known product bug: the case's tests are strict xfails with this reason


R = "respons_2024.csv"
S = "satker.csv"
#: one entry per folder of tests/data/rusak (except _dasar); rows follow the spreadsheet (header = row 1)
KASUS: dict[str, Harapan] = {
    # --- whole file unusable
    "berkas_kosong": Harapan(1, R, None, None, "berkas kosong", fatal=True),
    "hanya_header": Harapan(1, R, None, None, "hanya berisi baris header", fatal=True),
    "pemisah_tab": Harapan(1, R, 1, None, "pemisah tab", fatal=True),
    "pemisah_garis_tegak": Harapan(1, R, 1, None, "garis tegak (|)", fatal=True),
    "enkode_latin1": Harapan(1, R, 40, None, "UTF-8", fatal=True),
    "enkode_latin1_saran_dua_baris": Harapan(1, R, 21, None, "UTF-8", fatal=True),
    "berkas_terpotong": Harapan(1, R, 109, None, "terpotong", fatal=True),
    "kutip_tidak_ditutup": Harapan(1, R, 109, None, "tanda kutip", fatal=True),
    "jumlah_kolom_berlebih": Harapan(1, R, 57, None, "berisi 29 kolom, padahal header berisi 28 kolom", fatal=True),
    "instrumen_tidak_ada": Harapan(1, "instrumen.csv", None, None, "tidak ada di folder data", fatal=True),
    "xlsx_rusak": Harapan(1, "respons_2024.xlsx", None, None, "rusak atau bukan XLSX", fatal=True),
    "kolom_wajib_hilang": Harapan(1, R, None, "jenis_responden", "kolom wajib"),
    "registri_kolom_hilang": Harapan(1, S, None, "jumlah_pengguna_layanan", "kolom wajib"),
    # --- accepted (valid) inputs
    "bom_utf8": Harapan(0),
    "xlsx_baris_judul": Harapan(0),
    "kolom_tambahan": Harapan(0, catatan=2),
    "zona_waktu_utc": Harapan(0),
    "populasi_ribuan": Harapan(0),
    # --- row problems in the responses
    "kiriman_ganda_id": Harapan(1, R, 42, "id_respons", "kiriman ganda", tingkat="peringatan"),
    "kiriman_ganda_tanpa_id": Harapan(1, R, 59, None, "kiriman ganda", tingkat="peringatan"),
    "kiriman_ganda_antar_berkas": Harapan(1, "respons_2024_agustus.csv", 2, None, "kiriman ganda", tingkat="peringatan"),
    "karakter_kendali": Harapan(1, R, 22, "saran", "karakter kendali", tingkat="peringatan"),
    "skala_0": Harapan(1, R, 41, "spkp_biaya", "diharapkan bilangan bulat 1–4"),
    "skala_7": Harapan(1, R, 23, "spkp_waktu", "diharapkan bilangan bulat 1–4", satker="LPKUPANG"),
    "skala_teks": Harapan(1, R, 43, "spak_pungli", "diharapkan bilangan bulat 1–4"),
    "skala_desimal": Harapan(1, R, 75, "spkp_sarana", "diharapkan bilangan bulat 1–4"),
    "tanggal_ddmmyyyy": Harapan(1, R, 60, "waktu_isi", "DD/MM/YYYY ditolak"),
    "waktu_masa_depan": Harapan(1, R, 4, "waktu_isi", "melewati tanggal data", tingkat="peringatan"),
    "waktu_kosong": Harapan(1, R, 94, "waktu_isi", "waktu pengisian kosong"),
    "satker_tidak_dikenal": Harapan(1, R, 9, "kode_satker", "tidak terdaftar"),
    "jenis_responden_salah": Harapan(1, R, 80, "jenis_responden", '"eksternal" atau "internal"'),
    # --- registry problems
    "populasi_nol": Harapan(1, S, 2, "jumlah_pengguna_layanan", "lebih dari 0", satker="KWNTT"),
    "populasi_negatif": Harapan(1, S, 5, "jumlah_pengguna_layanan", "lebih dari 0", satker="RTKUPANG"),
    "populasi_teks": Harapan(1, S, 6, "jumlah_pengguna_layanan", "bilangan bulat", satker="BPKUPANG"),
    "kode_satker_ganda": Harapan(1, S, 8, "kode_satker", "sudah dipakai di baris 7", satker="LPPKUPANG"),
    "populasi_desimal": Harapan(1, S, 3, "jumlah_pengguna_layanan", "tanpa desimal", satker="LPKUPANG"),
    "kode_satker_tidak_aman": Harapan(1, S, 8, "kode_satker", "nama folder laporan"),
    "zona_waktu_registri_salah": Harapan(1, S, 4, "zona_waktu", "zona waktu IANA"),
    "respons_melebihi_populasi": Harapan(1, R, None, "kode_satker", "melebihi jumlah_pengguna_layanan", tingkat="peringatan"),
}
#: the satker left healthy in the batch of single-satker problems
SEHAT = "KIMKUPANG"


def _hash_folder(folder: Path) -> dict[str, str]:
    """Every entry of a data folder (files with their SHA-256, folders too): any change shows."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def cases(predicate=lambda h: True) -> list:
    """Corpus cases as pytest params; a case with a known bug is a strict xfail."""
    return [pytest.param(c, marks=pytest.mark.xfail(reason=h.bug, strict=True)) if h.bug else c
            for c, h in KASUS.items() if predicate(h)]


def _xlsx_from_csv(src: Path, dest: Path) -> None:
    """Write the rows of a CSV (title rows included) to the first sheet of an XLSX."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in csv.reader(io.StringIO(src.read_text(encoding="utf-8"), newline="")):
        ws.append(row)
    wb.save(dest)


def compose(case: str, dest: Path) -> Path:
    """Data folder of a case: ``_dasar`` plus the case's override files (see README.md)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(DASAR, dest)
    if case == "_dasar":
        return dest
    src = KORPUS / case
    hapus = src / "_hapus.txt"
    if hapus.exists():
        for name in hapus.read_text(encoding="utf-8").split():
            (dest / name).unlink()
    for f in sorted(src.iterdir()):
        if f.name.startswith("_"):
            continue
        if f.name.endswith(".xlsx.csv"):
            _xlsx_from_csv(f, dest / f.name[: -len(".csv")])
        else:
            shutil.copyfile(f, dest / f.name)
    return dest


def _read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _rows_of(rows: list[list[str]], kode: str) -> list[list[str]]:
    k = rows[0].index("kode_satker")
    return [r for r in rows[1:] if r[k] == kode]


def _keep_satker(data: Path, keep: set[str]) -> None:
    """Reduce a data folder to some satkers (registry rows and their responses)."""
    for name in ("satker.csv", "respons_2024.csv"):
        rows = _read_csv(data / name)
        k = rows[0].index("kode_satker")
        _write_csv(data / name, [rows[0]] + [r for r in rows[1:] if r[k] in keep])


def _replace_rows(rows: list[list[str]], kode: str, new: list[list[str]]) -> list[list[str]]:
    """Replace the rows of satker ``kode`` (kept at the place of its first row)."""
    k = rows[0].index("kode_satker")
    out, done = [rows[0]], False
    for r in rows[1:]:
        if r[k] == kode:
            if not done:
                out += new
                done = True
            continue
        out.append(r)
    return out


# =========================================================================== subprocess helpers


@dataclass
class Hasil:
    kode: int
    stdout: str
    stderr: str

    @property
    def semua(self) -> str:
        return self.stdout + "\n" + self.stderr


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SPAKANALYSIS_DEBUG", "SOURCE_DATE_EPOCH")}
    env.update(CI="true", PYTHONIOENCODING="utf-8", **extra)
    return env


def cli(*args: str | Path, timeout: float = 600, **env: str) -> Hasil:
    cmd = [sys.executable, "-m", "spakanalysis.cli", *map(str, args)]
    p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=_env(**env))
    return Hasil(p.returncode, p.stdout, p.stderr)


def laporan_args(data: Path, keluaran: Path, *extra: str) -> list[str]:
    return ["laporan", "--periode", PERIODE, "--tanggal-data", TANGGAL_DATA, "--data", str(data),
            "--keluaran", str(keluaran), *extra]


def assert_no_traceback(h: Hasil) -> None:
    assert "Traceback" not in h.semua, h.semua[-3000:]
    assert "Kesalahan tak terduga" not in h.semua, h.semua[-3000:]


REPORT_FILES = {"laporan.html", "laporan.ipynb", "ringkasan.json", "laporan.xlsx", "usulan_tindak_lanjut.xlsx"}


def report_problems(folder: Path, pdf: bool) -> list[str]:
    """What is missing or incomplete in a published report folder (empty when complete)."""
    names = {p.name for p in folder.iterdir()}
    expected = REPORT_FILES | ({"laporan.pdf"} if pdf else set())
    # the public infographics are written together, after every report of the batch (so all or none)
    public = {"infografis.png", "infografis.pdf", "infografis_kotak.png"}
    if names & public:
        expected |= public
    problems = [f"{folder.name}: files {sorted(names)} != {sorted(expected)}"] if names != expected else []
    for name in sorted(names & public - {"infografis.pdf"}):
        if not (folder / name).read_bytes().endswith(b"IEND\xaeB`\x82"):
            problems.append(f"{folder.name}/{name} is cut off")
    try:
        if not (folder / "laporan.html").read_text(encoding="utf-8").rstrip().endswith("</html>"):
            problems.append(f"{folder.name}/laporan.html is cut off")
        json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
        json.loads((folder / "laporan.ipynb").read_text(encoding="utf-8"))
        if pdf and not (folder / "laporan.pdf").read_bytes().rstrip().endswith(b"%%EOF"):
            problems.append(f"{folder.name}/laporan.pdf is cut off")
    except (OSError, ValueError) as exc:
        problems.append(f"{folder.name}: {exc}")
    return problems


def assert_report_complete(folder: Path, pdf: bool) -> None:
    """A published report folder holds every file, each complete."""
    assert not report_problems(folder, pdf)


def report_dirs(period_dir: Path) -> dict[str, Path]:
    """Published report folders (visible folders other than ``_gagal``, the public page's and the mail folder)."""
    if not period_dir.is_dir():
        return {}
    return {p.name: p for p in period_dir.iterdir()
            if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in ("publik", "kirim")}


# =========================================================================== 1-2. corpus: validasi


def test_corpus_is_complete_and_documented():
    folders = {p.name for p in KORPUS.iterdir() if p.is_dir() and p.name != "_dasar"}
    assert folders == set(KASUS), "every corpus folder needs an expectation in KASUS and vice versa"
    assert len(KASUS) >= 25
    readme = (KORPUS / "README.md").read_text(encoding="utf-8")
    for case in KASUS:
        assert re.search(rf"^\|\s*`{case}`", readme, re.M), f"{case} is not described in README.md"


@pytest.mark.parametrize("case", cases(lambda h: h.satker))
def test_single_satker_cases_only_touch_that_satker(case):
    """The override files of a single-satker case differ from the base only in that satker's rows."""
    kode = KASUS[case].satker
    for f in (KORPUS / case).glob("*.csv"):
        base, bad = _read_csv(DASAR / f.name), _read_csv(f)
        assert bad[0] == base[0]
        assert _replace_rows(bad, kode, _rows_of(base, kode)) == base
        assert _rows_of(bad, kode) != _rows_of(base, kode)


@pytest.fixture(scope="module")
def korpus_hasil(tmp_path_factory):
    """Run ``validasi`` on every case (and ``laporan`` on fatal ones), in parallel.

    Returns ``{case: (validasi, laporan or None, hashes before, hashes after, output folder)}``.
    """
    root = tmp_path_factory.mktemp("korpus")

    def run(case: str):
        data = compose(case, root / case / "data")
        out = root / case / "keluaran"
        before = _hash_folder(data)
        v = cli("validasi", "--data", data)
        lap = None
        if case in KASUS and KASUS[case].fatal:
            lap = cli(*laporan_args(data, out, "--semua", "--tanpa-pdf"))
        return case, (v, lap, before, _hash_folder(data), out)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as ex:
        return dict(ex.map(run, ["_dasar", *KASUS]))


def test_base_folder_is_clean(korpus_hasil):
    v = korpus_hasil["_dasar"][0]
    assert v.kode == 0, v.semua
    assert "bersih" in v.stdout


def _lines_for(h: Hasil, harapan: Harapan) -> list[str]:
    return [ln for ln in h.stdout.splitlines() if ln.startswith(f"[{harapan.tingkat}] {harapan.berkas}")]


@pytest.mark.parametrize("case", cases())
def test_validasi_names_file_row_column(korpus_hasil, case):
    harapan = KASUS[case]
    v, _lap, before, after, _out = korpus_hasil[case]
    assert_no_traceback(v)
    assert before == after, "validasi must not modify the raw files"
    assert v.kode == harapan.kode_keluar, v.semua
    if harapan.kode_keluar == 0:
        # accepted as is: e.g. a BOM must not turn "id_respons" into an unknown column
        assert "bersih" in v.stdout and f"({harapan.catatan} catatan)" in v.stdout, v.stdout
        return
    assert "bermasalah" in v.stderr  # summary line (Indonesian)
    lines = _lines_for(v, harapan)
    assert lines, f"no [{harapan.tingkat}] message for {harapan.berkas}:\n{v.stdout}"
    wanted = [ln for ln in lines if harapan.frasa in ln]
    assert wanted, f"no message containing {harapan.frasa!r}:\n{v.stdout}"
    line = wanted[0]
    if harapan.baris is not None:
        assert f"{harapan.berkas}, baris {harapan.baris}" in line, line
    if harapan.kolom is not None:
        assert f'kolom "{harapan.kolom}"' in line, line


def test_extra_columns_are_noted(korpus_hasil):
    v = korpus_hasil["kolom_tambahan"][0]
    for kolom in ("Catatan Petugas", "versi_aplikasi"):
        assert any(ln.startswith("[catatan]") and f'kolom "{kolom}"' in ln and "tidak dikenal" in ln
                   for ln in v.stdout.splitlines()), v.stdout


def test_future_time_message_names_the_value(korpus_hasil):
    v = korpus_hasil["waktu_masa_depan"][0]
    assert 'nilai "2099-07-01 09:00:00+08:00"' in v.stdout


def test_over_population_names_satker_and_month(korpus_hasil):
    v = korpus_hasil["respons_melebihi_populasi"][0]
    assert re.search(r'nilai "LPKUPANG" — 6 respons sah eksternal pada bulan 2024-07 melebihi', v.stdout), v.stdout


@pytest.mark.parametrize("case", cases(lambda h: h.fatal))
def test_laporan_refuses_unusable_folder(korpus_hasil, case):
    """A folder that cannot be loaded: clear message naming the file, non-zero exit, nothing written."""
    harapan = KASUS[case]
    _v, lap, before, after, out = korpus_hasil[case]
    assert before == after
    assert_no_traceback(lap)
    assert lap.kode != 0
    assert "tidak dapat dipakai" in lap.stderr, lap.semua
    assert harapan.berkas in lap.stderr and harapan.frasa in lap.stderr, lap.semua
    if harapan.baris is not None:
        assert f"baris {harapan.baris}" in lap.stderr
    assert not report_dirs(out / PERIODE)


def test_laporan_unusable_folder_exits_1_as_documented(korpus_hasil):
    _v, lap, *_ = korpus_hasil["enkode_latin1"]
    assert lap.kode == 1


def _responses(data: Path):
    from spakanalysis import load_dataset

    ds = load_dataset(data, now=TANGGAL_DATA)
    cols = ["id_respons", "waktu_isi", "kode_satker", "jenis_responden", "saran", *ds.items("SPKP"), *ds.items("SPAK")]
    return ds, ds.respons[cols].reset_index(drop=True)


@pytest.mark.parametrize("case", [c for c, h in KASUS.items() if h.kode_keluar == 0 and c != "zona_waktu_utc"])
def test_accepted_inputs_load_the_same_responses(tmp_path, case):
    """BOM + semicolons, an XLSX with a title row, extra columns: the same data as the base CSV."""
    _, base = _responses(compose("_dasar", tmp_path / "dasar"))
    ds, got = _responses(compose(case, tmp_path / case))
    assert len(got) == 108
    assert got.equals(base)
    assert ds.respons["dikecualikan"].isna().all()


def test_utc_and_offset_times_count_on_local_date(tmp_path):
    """2024-07-31T17:30:00Z is 1 Aug 01:30 WITA: it counts on 1 Aug (and in August's target)."""
    from spakanalysis import build_satker_report, load_dataset

    ds = load_dataset(compose("zona_waktu_utc", tmp_path / "d"), now=TANGGAL_DATA)
    resp = ds.respons.set_index("id_respons")
    lp = resp[resp["kode_satker"] == "LPKUPANG"]
    assert lp.loc["R0024", "tanggal_lokal"] == date(2024, 8, 1)  # ...T17:30:00Z
    assert lp.loc["R0022", "tanggal_lokal"] == date(2024, 8, 1)  # ...T23:30:00+07:00 (WIB)
    assert lp.loc["R0023", "tanggal_lokal"] == date(2024, 7, 31)  # naive = WITA
    assert lp.loc["R0021", "tanggal_lokal"] == date(2024, 7, 31)  # 15:59:59Z = 23:59:59 WITA
    lap = build_satker_report(ds, "LPKUPANG", PERIODE, tanggal_data=TANGGAL_DATA, with_indices=False)
    spkp = lap.progres[lap.progres["instrumen"] == "SPKP"].set_index("bulan")["respons_sah"]
    assert spkp.to_dict() == {"2024-07": 4, "2024-08": 8, "2024-09": 6}


def test_xlsx_title_row_rows_are_sheet_rows(tmp_path):
    """In an XLSX with a title row the header is sheet row 3: messages use sheet rows."""
    data = compose("xlsx_baris_judul", tmp_path / "d")
    import openpyxl

    wb = openpyxl.load_workbook(data / "respons_2024.xlsx")
    ws = wb.active
    assert ws.cell(3, 1).value == "id_respons"
    col = [c.value for c in ws[3]].index("spkp_waktu") + 1
    ws.cell(10, col).value = 7
    wb.save(data / "respons_2024.xlsx")
    v = cli("validasi", "--data", data)
    assert_no_traceback(v)
    assert v.kode == 1
    assert '[galat] respons_2024.xlsx, baris 10, kolom "spkp_waktu": nilai "7"' in v.stdout, v.stdout


# =========================================================================== 2. one bad satker does not stop the batch


@pytest.fixture(scope="module")
def batch_satu_satker(tmp_path_factory):
    """One batch on the base with every single-satker case applied to its own satker."""
    root = tmp_path_factory.mktemp("satu_satker")
    data = compose("_dasar", root / "data")
    for case, harapan in KASUS.items():
        if not harapan.satker:
            continue
        for f in (KORPUS / case).glob("*.csv"):
            rows = _read_csv(data / f.name)
            _write_csv(data / f.name, _replace_rows(rows, harapan.satker, _rows_of(_read_csv(f), harapan.satker)))
    out = root / "keluaran"
    before = _hash_folder(data)
    h = cli(*laporan_args(data, out, "--semua", "--tanpa-pdf"))
    return h, out / PERIODE, before, _hash_folder(data)


def test_batch_with_bad_satkers_exits_1_and_renders_the_rest(batch_satu_satker):
    h, period, before, after = batch_satu_satker
    assert_no_traceback(h)
    assert h.kode == 1, h.semua
    assert before == after
    assert set(report_dirs(period)) == {SEHAT}
    assert_report_complete(period / SEHAT, pdf=False)
    for name in ("index.html", "rekap.html", "manifest.json"):
        assert (period / name).is_file()
    manifest = json.loads((period / "manifest.json").read_text(encoding="utf-8"))
    status = {s["kode_satker"]: s["status"] for s in manifest["satker"]}
    assert status[SEHAT] == "berhasil"


@pytest.mark.parametrize("case", cases(lambda h: h.satker))
def test_batch_names_the_bad_satker(batch_satu_satker, case):
    harapan = KASUS[case]
    h, period, *_ = batch_satu_satker
    kode = harapan.satker
    assert kode not in report_dirs(period)
    gagal = [ln for ln in h.stdout.splitlines() if ln.startswith(f"GAGAL {kode}:")]
    assert gagal, h.stdout
    # the summary says why, with the file, row and column of the problem
    block = h.stdout[h.stdout.index(f"GAGAL {kode}:"):].split("GAGAL ", 2)[1]
    assert harapan.berkas in block and f"baris {harapan.baris}" in block and f'kolom "{harapan.kolom}"' in block, block
    assert re.search(rf"^{kode}\s+gagal\b", h.stdout, re.M), h.stdout
    index = (period / "index.html").read_text(encoding="utf-8")
    assert kode in index and f"{kode}/laporan.html" not in index


# =========================================================================== 3-5. privacy, HTML safety, reproducibility

SATKER_PRIVASI = "KIMKUPANG"
PRIBADI = {
    "nama": "Zqxname Uniquely",
    "no_hp": "081299887766",
    "email": "planted.secret@example.org",
    "nik": "5371999988887777",
    "alamat": "Jl. Rahasia 99",
}
#: an unusual personal header, recognised by the word "WA"
KOLOM_WA, NILAI_WA = "Nomor WA Pengunjung", "081377776666"
#: personal data typed into the feedback box
SARAN_PRIBADI = [
    "Hubungi saya di 0813-5555-4444 atau bocor.saran@example.net",
    "NIK saya 5371222233334444, tolong dibantu",
    "WA +62 812 9988 7766 kalau sudah selesai",
]
BERBAHAYA = [
    "<script>alert(1)</script> antrean lama",
    "<img src=x onerror=alert(1)> foto ruang tunggu",
    "**bold** pelayanan",
    "# heading",
    "biaya $x^2$ rupiah",
]
#: markup in other text fields shown in the reports (registry name, service type)
NAMA_BERBAHAYA = 'Kantor Imigrasi <script>alert(2)</script> "Kupang" & **TPI**'
LAYANAN_BERBAHAYA = "<b>Paspor</b> <img src=y onerror=alert(3)>"
#: strings that must never appear in any output file
RAHASIA = [*PRIBADI.values(), NILAI_WA, "0813-5555-4444", "bocor.saran@example.net", "5371222233334444",
           "812 9988 7766", "Zqxname"]


@pytest.fixture(scope="module")
def data_privasi(tmp_path_factory):
    """One satker; personal values planted in every row; tricky feedback in its latest responses."""
    root = tmp_path_factory.mktemp("privasi")
    data = compose("_dasar", root / "data")
    _keep_satker(data, {SATKER_PRIVASI})
    registry = _read_csv(data / "satker.csv")
    registry[1][registry[0].index("nama_satker")] = NAMA_BERBAHAYA
    _write_csv(data / "satker.csv", registry)
    rows = _read_csv(data / "respons_2024.csv")
    head = rows[0] + [KOLOM_WA]
    body = [r + [NILAI_WA] for r in rows[1:]]
    for n, r in enumerate(body):
        for kolom, nilai in PRIBADI.items():
            r[head.index(kolom)] = nilai
        if n % 2:
            r[head.index("jenis_layanan")] = LAYANAN_BERBAHAYA
    # the 8 latest responses (a report shows the 10 latest comments)
    t, s = head.index("waktu_isi"), head.index("saran")
    latest = sorted(body, key=lambda r: r[t], reverse=True)
    for r, teks in zip(latest, [*BERBAHAYA, *SARAN_PRIBADI]):
        r[s] = teks
    _write_csv(data / "respons_2024.csv", [head, *body])
    return data


def test_personal_columns_never_loaded(data_privasi):
    """Personal columns are dropped while reading: not in the dataset, not in its pickle (the batch cache)."""
    import pickle

    from spakanalysis import load_dataset

    ds = load_dataset(data_privasi, now=TANGGAL_DATA)
    assert not set(PRIBADI) & set(ds.respons.columns)
    blob = pickle.dumps(ds).decode("latin-1")
    assert not [v for v in [*PRIBADI.values(), NILAI_WA] if v in blob]
    dropped = [m for m in ds.masalah if m.kode == "kolom_pribadi_dibuang"]
    assert [m.kolom for m in dropped] == [KOLOM_WA] and dropped[0].tingkat == "catatan"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def batch_pdf(data_privasi, tmp_path_factory):
    """The same batch (with PDF) rendered twice into the same output folder."""
    out = tmp_path_factory.mktemp("keluaran_pdf")
    raw_before = _hash_folder(data_privasi)
    first = cli(*laporan_args(data_privasi, out, "--semua"), SOURCE_DATE_EPOCH=EPOCH)
    snap1 = _snapshot(out)
    second = cli(*laporan_args(data_privasi, out, "--semua", "--paksa"), SOURCE_DATE_EPOCH=EPOCH)  # render again
    snap2 = _snapshot(out)
    return {"out": out, "period": out / PERIODE, "first": first, "second": second, "snap1": snap1, "snap2": snap2,
            "raw_before": raw_before, "raw_after": _hash_folder(data_privasi)}


def test_privacy_batch_renders(batch_pdf, data_privasi):
    for h in (batch_pdf["first"], batch_pdf["second"]):
        assert_no_traceback(h)
        assert h.kode == 0, h.semua
    period = batch_pdf["period"]
    assert set(report_dirs(period)) == {SATKER_PRIVASI}
    assert_report_complete(period / SATKER_PRIVASI, pdf=True)
    for name in ("index.html", "rekap.html", "rekap.pdf", "infografis.png", "infografis.pdf", "manifest.json"):
        assert (period / name).is_file(), name
    # the planted values really were in the input (the test is not vacuous)
    raw = (data_privasi / "respons_2024.csv").read_text(encoding="utf-8")
    assert all(v in raw for v in RAHASIA)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]
    return "\n".join(parts)


def _png_text(data: bytes) -> str:
    from PIL import Image

    img = Image.open(io.BytesIO(data))
    meta = {**img.info, **getattr(img, "text", {})}
    return "\n".join(f"{k}={v}" for k, v in meta.items())


_DATA_URI = re.compile(rb"data:([\w/+.-]+);base64,([A-Za-z0-9+/=\s]+)")


def _texts_of(name: str, data: bytes) -> list[str]:
    """Every text view of an output file to search: raw bytes, unescaped, decoded, extracted."""
    texts = [data.decode("utf-8", errors="replace"), data.decode("latin-1")]
    if name.endswith((".html", ".ipynb", ".json")):
        texts.append(html_mod.unescape(texts[0]))
        if name.endswith((".ipynb", ".json")):
            texts.append(json.dumps(json.loads(data), ensure_ascii=False))
        for mime, payload in _DATA_URI.findall(data):
            blob = base64.b64decode(re.sub(rb"\s", b"", payload))
            texts.append(blob.decode("latin-1"))
            if mime == b"image/png":
                texts.append(_png_text(blob))
        # base64-encoded outputs inside notebooks
        if name.endswith(".ipynb"):
            for cell in json.loads(data).get("cells", []):
                for o in cell.get("outputs", []):
                    png = o.get("data", {}).get("image/png")
                    if png:
                        texts.append(_png_text(base64.b64decode("".join(png))))
    if name.endswith(".pdf"):
        texts.append(_pdf_text(data))
    if name.endswith(".png"):
        texts.append(_png_text(data))
    return texts


def _squash(text: str) -> str:
    return re.sub(r"[\s\-.+()]", "", text).casefold()


def test_no_personal_data_in_any_output(batch_pdf):
    snap = batch_pdf["snap2"]
    assert any(n.endswith(".pdf") for n in snap) and any(n.endswith(".png") for n in snap)
    found = []
    for name, data in snap.items():
        for text in _texts_of(name, data):
            squashed = _squash(text)
            for secret in RAHASIA:
                if secret in text or _squash(secret) in squashed:
                    found.append((name, secret))
    assert not found, sorted(set(found))


def test_personal_data_in_feedback_is_masked(batch_pdf):
    html = (batch_pdf["period"] / SATKER_PRIVASI / "laporan.html").read_text(encoding="utf-8")
    assert html.count("[data pribadi disamarkan]") >= 4
    assert "tolong dibantu" in html  # the rest of the comment is still shown


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_feedback_is_plain_text_in_html(batch_pdf):
    html = (batch_pdf["period"] / SATKER_PRIVASI / "laporan.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    tags = parser.tags
    assert not [t for t, _ in tags if t == "script"]
    assert not [(t, a) for t, a in tags if any(k.startswith("on") for k in a)]
    assert not [a for t, a in tags if t == "img" and a.get("src") == "x"]
    assert not re.search(r"<(strong|b|em|i)>\s*\*?bold", html)
    assert not re.search(r"<h[1-6][^>]*>\s*heading\s*</h[1-6]>", html)
    assert "mathjax" not in html.casefold() and "katex" not in html.casefold()
    text = "".join(parser.text)
    for teks in BERBAHAYA:
        assert teks in text, f"{teks!r} not shown literally"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_feedback_is_plain_text_in_pdf(batch_pdf):
    text = _pdf_text((batch_pdf["period"] / SATKER_PRIVASI / "laporan.pdf").read_bytes())
    squashed = re.sub(r"\s", "", text)
    for teks in BERBAHAYA:
        assert re.sub(r"\s", "", teks) in squashed, f"{teks!r} not in the PDF text"


@pytest.mark.parametrize("name", [f"{SATKER_PRIVASI}/laporan.html", "rekap.html", "index.html"])
def test_no_live_markup_from_data_in_any_html(batch_pdf, name):
    """Satker name and service type are data too: escaped in every HTML page (and never a script)."""
    html = (batch_pdf["period"] / name).read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    assert not [t for t, _ in parser.tags if t == "script"]
    assert not [(t, a) for t, a in parser.tags if any(k.startswith("on") for k in a)]
    assert not [a for t, a in parser.tags if t == "img" and a.get("src") in ("x", "y")]
    assert NAMA_BERBAHAYA in "".join(parser.text)
    if name.endswith("laporan.html"):
        assert LAYANAN_BERBAHAYA in "".join(parser.text)


def _manifest_stable(data: bytes) -> dict:
    def clean(obj):
        if isinstance(obj, dict):
            # the executed notebooks' hashes too: a notebook records papermill's cell ids and its folder
            return {k: clean(v) for k, v in obj.items() if k not in ("dibuat_pada", "alasan")
                    and not k.startswith("durasi") and not k.endswith(".ipynb")}
        if isinstance(obj, list):
            return [clean(v) for v in obj]
        return obj

    return clean(json.loads(data))


def test_rendering_twice_is_byte_identical(batch_pdf):
    s1, s2 = batch_pdf["snap1"], batch_pdf["snap2"]
    for name in ("laporan.html", "ringkasan.json", "laporan.pdf"):
        key = f"{PERIODE}/{SATKER_PRIVASI}/{name}"
        assert s1[key] == s2[key], f"{key} differs between two renders"
    key = f"{PERIODE}/manifest.json"
    assert _manifest_stable(s1[key]) == _manifest_stable(s2[key])
    assert json.loads(s1[key])["dibuat_pada"]  # the fields that may differ exist


def test_rerun_does_not_duplicate_and_raw_untouched(batch_pdf):
    assert set(batch_pdf["snap1"]) == set(batch_pdf["snap2"])
    assert not [n for n in batch_pdf["snap2"] if n.endswith(".tmp") or "/." in f"/{n}"]
    assert batch_pdf["raw_before"] == batch_pdf["raw_after"]


# =========================================================================== 6. nothing lost: a killed batch


def _hidden_or_tmp(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.startswith(".") or p.name.endswith((".tmp", ".lama")))


@pytest.fixture(scope="module")
def batch_dibunuh(tmp_path_factory):
    """Start ``laporan --semua``, SIGKILL its process group once the first report is published, re-run."""
    root = tmp_path_factory.mktemp("dibunuh")
    data = compose("_dasar", root / "data")
    _keep_satker(data, {"KWNTT", "LPKUPANG"})
    out = root / "keluaran"
    period = out / PERIODE
    before = _hash_folder(data)
    log = open(root / "log.txt", "w+", encoding="utf-8")
    cmd = [sys.executable, "-m", "spakanalysis.cli", *laporan_args(data, out, "--semua", "--tanpa-pdf", "--pekerja", "1")]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=_env(), start_new_session=True)
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if report_dirs(period):
                break
            time.sleep(0.05)
        finished_early = proc.poll() is not None
        if not finished_early:
            time.sleep(1.0)  # let the next report get going
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    time.sleep(0.5)
    after_kill = {
        "reports": sorted(report_dirs(period)),
        "problems": [m for d in report_dirs(period).values() for m in report_problems(d, pdf=False)],
        "files": sorted(str(p.relative_to(out)) for p in out.rglob("*")),
        "visible_dirs": sorted(p.name for p in period.iterdir() if p.is_dir() and not p.name.startswith(".")),
        "hidden": _hidden_or_tmp(out),
    }
    rerun = cli(*laporan_args(data, out, "--semua", "--tanpa-pdf"))
    log.close()
    return {"finished_early": finished_early, "after_kill": after_kill, "rerun": rerun,
            "period": period, "out": out, "raw": (before, _hash_folder(data))}


def test_killed_batch_leaves_no_partial_report(batch_dibunuh):
    assert not batch_dibunuh["finished_early"], "the batch finished before it could be killed"
    after = batch_dibunuh["after_kill"]
    assert after["reports"], "no report was published before the kill"
    assert not after["problems"], after["problems"]  # every published report folder is complete
    # the only visible folders are complete reports (and the failed-notebook folder)
    assert set(after["visible_dirs"]) <= {*after["reports"], "_gagal"}, after["files"]
    for f in map(Path, after["files"]):
        if any(part.startswith(".") for part in f.parts):
            continue  # hidden work folders of the killed run: removed by the next run (test below)
        assert not f.name.endswith((".tmp", ".lama", ".part")), f


def test_rerun_after_kill_completes(batch_dibunuh):
    h = batch_dibunuh["rerun"]
    assert_no_traceback(h)
    assert h.kode == 0, h.semua
    period = batch_dibunuh["period"]
    assert set(report_dirs(period)) == {"KWNTT", "LPKUPANG"}
    for d in report_dirs(period).values():
        assert_report_complete(d, pdf=False)
    for name in ("index.html", "rekap.html", "manifest.json", "infografis.png"):
        assert (period / name).is_file()
    assert batch_dibunuh["raw"][0] == batch_dibunuh["raw"][1]


def test_no_temp_leftovers_after_rerun(batch_dibunuh):
    """SIGKILL cannot clean up: the killed run may leave hidden work folders; the next run removes them."""
    assert _hidden_or_tmp(batch_dibunuh["out"]) == []


# =========================================================================== a period with no data


def test_period_without_data_renders_zero_report(tmp_path):
    """2023-Q1 has no responses: the report is still made (zero responses is a valid result)."""
    data = compose("_dasar", tmp_path / "data")
    out = tmp_path / "keluaran"
    h = cli("laporan", "--satker", "KWNTT", "--periode", "2023-Q1", "--tanggal-data", TANGGAL_DATA,
            "--data", data, "--keluaran", out, "--tanpa-pdf")
    assert_no_traceback(h)
    assert h.kode == 0, h.semua
    folder = out / "2023-Q1" / "KWNTT"
    assert_report_complete(folder, pdf=False)
    ringkasan = json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
    assert ringkasan["periode"] == "2023-Q1"
    assert ringkasan["bulanan"] and all(b["respons_sah"] == 0 for b in ringkasan["bulanan"])
    # the minimums apply from 1 July 2024 ([target] berlaku_mulai of config/progres.toml)
    assert ringkasan["status"] == "Target belum berlaku"
    assert all(b["minimum"] == 0 and b["status"] == "Target belum berlaku" for b in ringkasan["bulanan"])
