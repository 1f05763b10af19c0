"""Feedback themes and the follow-up ("Tindak lanjut") of the satker report, on the sample data and by hand."""

import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from spakanalysis.core.errors import DataError
from spakanalysis.core.periods import parse_periode
from spakanalysis.data.dataset import load_dataset
from spakanalysis.present import feedback_display as umpan
from spakanalysis.report.follow_up import action_states
from spakanalysis.report.satker_report import build_satker_report
from spakanalysis.report.themes import MAX_PDF_QUOTES, NO_THEME, previous_period

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
VALID = ROOT / "tests" / "data" / "valid_min"
CUT = "2024-09-18"


@pytest.fixture(scope="module")
def lpatambua(sample):
    return build_satker_report(sample, "LPATAMBUA", "2024-Q3", tanggal_data=CUT)


def test_previous_comparable_period():
    assert previous_period(parse_periode("2024-Q3")).kode == "2024-Q2"
    assert previous_period(parse_periode("2024-Q1")).kode == "2023-Q4"
    assert previous_period(parse_periode("2024-07")).kode == "2024-06"
    assert previous_period(parse_periode("2024-01")).kode == "2023-12"
    assert previous_period(parse_periode("2024-S1")).kode == "2023-S2"
    assert previous_period(parse_periode("2024")).kode == "2023"
    assert previous_period(parse_periode("2024-07-01..2024-07-15")) is None


def test_overdue_days_by_hand():
    rows = pd.DataFrame({
        "status": ["berjalan", "direncanakan", "selesai", "selesai", "batal", "berjalan"],
        "target_tanggal": [date(2024, 8, 15), date(2024, 8, 31), date(2024, 7, 31), date(2024, 7, 31),
                           date(2024, 8, 30), date(2024, 9, 18)],
        "tanggal_selesai": [None, None, date(2024, 7, 26), date(2024, 8, 5), None, None],
    })
    out = action_states(rows, date(2024, 9, 18))
    # 15 Aug → 18 Sep: 16 days left in August + 18 in September = 34; 31 Aug → 18 Sep = 18
    assert out["keadaan"].tolist() == ["terlambat", "terlambat", "selesai", "selesai", "batal", "berjalan"]
    assert out["hari_terlambat"].tolist() == [34, 18, 0, 5, 0, 0]  # due on the data date: not late yet


def test_appendix_holds_every_comment_of_lpatambua(lpatambua):
    sec = lpatambua.tema_saran
    assert len(sec.comments) == 88 == lpatambua.jumlah_saran
    groups = sec.by_theme()
    listed = pd.concat([rows for _, rows in groups])
    assert set(listed.index) == set(sec.comments.index)  # every comment at least once
    assert [rows["saran"].tolist() for label, rows in groups if label == NO_THEME] == [["-", "-"]]  # no content
    html = umpan.feedback_appendix(lpatambua).data
    appendix = html[html.index('<div class="lampiran-saran hanya-layar">'):]
    cells = re.findall(r'<td class="teks-saran">(.*?)</td>', appendix, flags=re.S)
    from markupsafe import escape
    assert {str(escape(t)) for t in sec.comments["saran"]} == set(cells)


def test_theme_summary_in_ringkasan(lpatambua):
    block = lpatambua.ringkasan()["tema_saran"]
    assert block["periode_sebelumnya"] == "2024-Q2"
    assert (block["jumlah_komentar"], block["jumlah_bertema"]) == (88, 86)
    assert block["jumlah_per_jenis"] == {"keluhan": 27, "usulan": 31, "pujian": 28}
    first = block["tema"][0]
    assert (first["tema"], first["jumlah"], first["pangsa"]) == ("waktu_layanan", 17, round(17 / 86, 4))
    # 2024-Q2 (sample data since January): 20 of LPATAMBUA's 101 comments with content were on waiting time
    assert first["pangsa_sebelumnya"] == round(20 / 101, 4)
    assert first["perubahan"] == pytest.approx(17 / 86 - 20 / 101, abs=1e-4)
    assert all(len(t["kutipan"]) <= 2 for t in block["tema"])
    flagged = {t["tema"] for t in block["tema"] if t["menyentuh_unsur_terlemah"]}
    assert flagged == {"waktu_layanan", "antrean", "jumlah_petugas", "pungli"}  # SPKP waktu and SPAK pungli weakest


def test_themes_section_shows_at_most_30_quotes():
    table = pd.DataFrame({"jumlah": [3] * 20, "label": [f"T{i}" for i in range(20)],
                          "kutipan_1": [f"a{i}" for i in range(20)], "kutipan_2": [f"b{i}" for i in range(20)]})
    chosen = umpan.selected_quotes(table)
    assert sum(len(q["kutipan"]) for q in chosen) == MAX_PDF_QUOTES == 30
    assert chosen[0] == {"label": "T0", "kutipan": ["a0", "b0"]} and len(chosen) == 15
    table.loc[1, "kutipan_1"] = "a0"  # the same text under two themes is quoted once
    assert umpan.selected_quotes(table)[1]["kutipan"] == ["b1"]


def test_lpatambua_themes_html(lpatambua):
    html = umpan.themes(lpatambua).data
    quotes = re.findall(r'<li class="teks-saran">', html)
    assert 0 < len(quotes) <= 30
    assert "Kecepatan dan waktu penyelesaian" in html and "SPKP: Jangka Waktu Penyelesaian" in html
    assert 'class="catatan-kecil hanya-cetak">Ditampilkan ' in html and "laporan.xlsx" in html


def test_lpatambua_follow_up(lpatambua):
    fu = lpatambua.ringkasan()["tindak_lanjut"]
    assert fu["ada_register"] and fu["periode_sebelumnya"] == "2024-Q2"
    assert (fu["jumlah_aksi"], fu["selesai"], fu["berjalan"], fu["terlambat"]) == (4, 1, 1, 2)
    assert fu["persen_selesai_periode_sebelumnya"] == 33.33  # 1 of 3 actions answering 2024-Q2
    late = {a["unsur_atau_tema"]: a["hari_terlambat"] for a in fu["menjawab_periode_sebelumnya"] if a["keadaan"] == "terlambat"}
    assert late == {"kebersihan": 34, "spkp_sarana": 18}
    gaps = [g["kode"] for g in fu["prioritas_tanpa_aksi"]]
    assert gaps == ["spkp_waktu", "spak_pungli", "waktu_layanan", "antrean", "jumlah_petugas"]
    # "pungli" meets a weak unsur but holds only praise ("tidak ada pungli"): no priority
    advice = " ".join(lpatambua.rekomendasi)
    assert "terlambat 34 hari" in advice and "Belum ada rencana tindak lanjut untuk prioritas berikut: SPKP: Jangka Waktu" in advice
    assert "Bahas rencana tindak lanjut per unsur" not in advice  # the generic advice is replaced


def test_an_action_on_a_theme_answers_its_unsur(sample):
    lap = build_satker_report(sample, "KIMKUPANG", "2024-Q3", tanggal_data=CUT)
    fu = lap.ringkasan()["tindak_lanjut"]
    assert fu["rencana_periode_ini"][0]["unsur_atau_tema"] == "parkir"
    assert fu["rencana_periode_ini"][0]["hari_terlambat"] == 3  # target 15 Sep, data 18 Sep
    assert "spkp_sarana" not in [g["kode"] for g in fu["prioritas_tanpa_aksi"]]  # parkir concerns spkp_sarana


def test_without_register_the_generic_advice_stays(tmp_path):
    ds = load_dataset(VALID)
    lap = build_satker_report(ds, "LPKUPANG", "2024-07", tanggal_data="2024-07-31")
    assert lap.tindak_lanjut.has_register is False
    assert lap.ringkasan()["tindak_lanjut"]["jumlah_aksi"] == 0
    assert "belum ada di folder data" in umpan.follow_up(lap).data


def test_a_bad_codebook_override_is_a_data_error(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    (folder / "tema_saran.toml").write_text('[[tema]]\nkode = "antrean"\nlabel = "Antrean"\nunsur = ["spkp_tidak_ada"]\n'
                                            'kata_kunci = ["antre"]\n', encoding="utf-8")
    ds = load_dataset(folder)
    with pytest.raises(DataError) as err:
        build_satker_report(ds, "LPKUPANG", "2024-07", tanggal_data="2024-07-31")
    (m,) = err.value.masalah
    assert m.berkas == "tema_saran.toml" and m.kolom == "unsur" and "antrean" in m.pesan
    assert "Traceback" not in str(err.value)


def test_recap_themes_and_follow_up(sample):
    from spakanalysis.report.recap import build_recap

    rk = build_recap(sample, "2024-Q3", tanggal_data=CUT)
    doc = rk.ringkasan()
    fu = doc["tindak_lanjut"]
    # 12 register rows, all answering 2024-Q2 or planned for 2024-Q3: 5 done, 1 cancelled → 5 / 11
    assert (fu["jumlah_aksi"], fu["selesai"], fu["batal"], fu["terlambat"]) == (12, 5, 1, 4)
    assert fu["persen_selesai"] == round(100 * 5 / 11, 2) == 45.45
    assert fu["satker_terlambat"] == ["LPATAMBUA", "RTKUPANG", "KIMKUPANG"]  # 34, 18 and 3 days
    per = {r["kode_satker"]: r for r in fu["satker"]}
    assert (per["LPATAMBUA"]["jumlah_aksi"], per["LPATAMBUA"]["terlambat_hari_maks"]) == (4, 34)
    assert per["LPKUPANG"]["persen_selesai"] == 50.0  # 1 done of 2 not cancelled
    themes = doc["tema_saran"]
    assert themes["kanwil"][0]["tema"] == "calo" and themes["kanwil"][0]["jumlah_korupsi"] > 0  # corruption first
    satker = {r["kode_satker"]: r for r in themes["satker"]}
    lap = build_satker_report(sample, "LPATAMBUA", "2024-Q3", tanggal_data=CUT).ringkasan()["tema_saran"]
    assert satker["LPATAMBUA"]["tema_utama"] == [t["label"] for t in lap["tema"][:3]]
    assert satker["LPATAMBUA"]["jumlah_komentar"] == 86  # 88 comments, two of them "-" (no content)


def test_pdf_shows_at_most_30_quotes_and_no_appendix(lpatambua):
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    import io

    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    from spakanalysis.pipeline import render

    def cell(obj):
        return new_code_cell("x", execution_count=1, outputs=[new_output(
            "display_data", data={"text/html": obj.data, "text/plain": "<HTML>"})])

    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                                "language_info": {"name": "python"}})
    nb.cells = [new_markdown_cell("## 6. Umpan balik"), cell(umpan.themes(lpatambua)),
                new_markdown_cell("## Lampiran D"), cell(umpan.feedback_appendix(lpatambua))]
    html = render.notebook_to_html(nb, judul="Uji", nama_satker="Lapas Kelas IIB Atambua")
    assert html.count('<td class="teks-saran">') == 138  # the HTML holds the appendix (a comment under each theme)
    pdf = render.html_to_pdf(html)
    from spakanalysis.present.print_html import SCREEN_ONLY_END, SCREEN_ONLY_START

    unmarked = html.replace(SCREEN_ONLY_START, "").replace(SCREEN_ONLY_END, "")
    assert unmarked != html and render.html_to_pdf(unmarked) == pdf  # cutting the appendix out changes no byte
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    quotes = [t for t in lpatambua.tema_saran.comments["saran"].unique() if f"“{t[:25]}" in text]
    assert 0 < len(quotes) <= 30
    assert "Daftar lengkap 88 komentar ada di Lampiran D laporan HTML" in " ".join(text.split())
    assert "Semua 88 komentar periode ini" not in text  # the appendix itself is HTML only


def test_comments_without_a_theme_are_quoted_last():
    table = pd.DataFrame({"jumlah": [2], "label": ["Antrean"], "kutipan_1": ["antre lama"], "kutipan_2": [None]})
    chosen = umpan.selected_quotes(table, others=["# heading baru", "lain lagi", "ketiga"])
    assert chosen == [{"label": "Antrean", "kutipan": ["antre lama"]},
                      {"label": NO_THEME, "kutipan": ["# heading baru", "lain lagi"]}]
    assert sum(len(q["kutipan"]) for q in umpan.selected_quotes(table, limit=2, others=["x", "y"])) == 2


def test_validasi_names_a_bad_codebook_override(tmp_path):
    import subprocess
    import sys

    from spakanalysis.report.themes import codebook_problems

    assert codebook_problems(RAW) == []
    (tmp_path / "tema_saran.toml").write_text("[[tema]]\nkode = 1\n", encoding="utf-8")
    (m,) = codebook_problems(tmp_path)
    assert m.berkas == "tema_saran.toml" and m.tingkat == "galat"
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    shutil.copy(tmp_path / "tema_saran.toml", folder)
    run = subprocess.run([sys.executable, "-m", "spakanalysis.cli", "validasi", "--data", str(folder)],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "[galat] tema_saran.toml" in run.stdout and "Traceback" not in run.stderr
