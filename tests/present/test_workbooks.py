"""``rekap.xlsx`` and ``laporan.xlsx`` read back with openpyxl and compared with the batch's JSON.

Data: ``tests/data/mini`` at data date 2024-08-20 (see tests/e2e/test_report_pipeline.py for the
hand computation). August is the running month: KWNTT SPKP 17/25 = 68 % (daily target 1), SPAK
16/25 = 64 % (target 2), Sesuai target; LPKUPANG 4/36 = 11,1 % (target ceil(32/10) = 4), Kritis;
RBKUPANG 0/18 (target ceil(18/8) = 3), Kritis. Kanwil: minimum 25 + 36 + 18 = 79, SPKP 21 valid,
21/79 = 26,58 %. KWNTT answers every SPKP item 4,3,4,3,4,4,3,4 (mean 29/8 = 3,625, no spread) and
every SPAK item 4.
"""

from __future__ import annotations

import copy
import hashlib
import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook

from _bahan import MINI, batch_documents
from spakanalysis.present.workbooks import recap_workbook, satker_workbook, workbook_bytes
from spakanalysis.report.feedback import masked_feedback


@pytest.fixture(scope="module")
def docs():
    return batch_documents()


def _read(wb):
    return load_workbook(io.BytesIO(workbook_bytes(wb)))


def _rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def _satker_wb(docs, kode="KWNTT"):
    ds, _rekap, ringkasan, laporan = docs
    lap = laporan[kode]
    saran = masked_feedback(ds.respons[ds.respons["kode_satker"] == kode], lap.periode, lap.tanggal_data)
    return satker_workbook(ringkasan[kode], rencana=lap.rencana, butir=lap.indeks["butir"], saran=saran)


def test_recap_attainment_sheet_matches_the_recap(docs):
    _ds, rekap, ringkasan, _lap = docs
    wb = _read(recap_workbook(rekap, ringkasan))
    assert wb.sheetnames == ["Ringkasan", "Capaian", "Indeks", "Peringatan dini", "Kualitas data", "Tema saran",
                             "Rekomendasi"]  # no follow-up register in the mini data
    ws = wb["Capaian"]
    _header, rows = _rows(ws)
    assert [r["Kode satker"] for r in rows] == ["RBKUPANG", "LPKUPANG", "KWNTT"]  # lowest attainment first
    kw = rows[2]
    assert (kw["Minimum per bulan"], kw["SPKP sah"], kw["SPKP target per hari"], kw["SPAK sah"],
            kw["SPAK target per hari"], kw["Target harian"]) == (25, 17, 1, 16, 2, 2)
    assert kw["SPKP capaian bulan ini"] == pytest.approx(0.68) and kw["SPAK capaian bulan ini"] == pytest.approx(0.64)
    assert kw["SPAK capaian periode"] == pytest.approx(20 / 75)
    assert kw["Status"] == "Sesuai target" and kw["Bulan berjalan"] == "Agustus 2024"
    lp, rb = rows[1], rows[0]
    assert (lp["SPKP sah"], lp["SPKP target per hari"], lp["Status"]) == (4, 4, "Kritis")
    assert lp["SPKP capaian bulan ini"] == pytest.approx(4 / 36)
    assert (rb["SPKP sah"], rb["Target harian"], rb["Status"], rb["Data bermasalah"]) == (0, 3, "Kritis", "Tidak")
    for got, want in zip(rows, rekap["tabel"]):  # every satker against the JSON
        assert got["SPKP capaian bulan ini"] == pytest.approx(want["SPKP_persen"] / 100)
        assert got["SPAK sah"] == want["SPAK_sah"] and got["Status"] == want["status"]


def test_recap_attainment_sheet_layout(docs):
    _ds, rekap, ringkasan, _lap = docs
    ws = _read(recap_workbook(rekap, ringkasan))["Capaian"]
    header = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:U4"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    status = ws.cell(row=2, column=col["Status"])  # RBKUPANG, Kritis
    assert status.fill.fgColor.rgb == "00FBE5E3" and status.font.color.rgb == "00A3221A" and status.font.b
    kw_status = ws.cell(row=4, column=col["Status"])  # KWNTT, Sesuai target
    assert kw_status.fill.fgColor.rgb == "00E3EDF9" and kw_status.font.color.rgb == "001D5594"
    assert ws.cell(row=4, column=col["SPKP capaian bulan ini"]).number_format == "0.0%"
    assert ws.cell(row=4, column=col["SPKP sah"]).number_format == "#,##0"
    assert isinstance(ws.cell(row=4, column=col["SPKP capaian bulan ini"]).value, float)  # a number, not text
    # widths from the content: the longest name, "Kantor Wilayah Uji Mini NTT" (27), plus 2
    assert ws.column_dimensions["B"].width == 29
    assert ws.column_dimensions["A"].width == len("Kode satker") + 2


def test_recap_summary_and_indices(docs):
    _ds, rekap, ringkasan, _lap = docs
    wb = _read(recap_workbook(rekap, ringkasan))
    ws = wb["Ringkasan"]
    kv = {r[0]: (r[1], ws.cell(row=i, column=2).number_format) for i, r in enumerate(ws.iter_rows(values_only=True), 1)}
    assert kv["Tanggal data"] == (datetime(2024, 8, 20), "dd/mm/yyyy")
    assert kv["Minimum responden bulan ini"][0] == 79 and kv["Respons sah SPKP"][0] == 21
    assert kv["Capaian SPKP Kanwil"][0] == pytest.approx(21 / 79) and kv["Capaian SPKP Kanwil"][1] == "0.0%"
    assert kv["Jumlah satker: Kritis"][0] == 2 and kv["Jumlah satker: Sesuai target"][0] == 1
    assert kv["IPKP Kanwil (skala 1–4)"][0] == rekap["indeks_kanwil"]["IPKP"]
    _h, rows = _rows(wb["Indeks"])
    assert [(r["Kode satker"], r["Indeks"]) for r in rows] == [
        ("RBKUPANG", "IPKP"), ("RBKUPANG", "IPAK"), ("LPKUPANG", "IPKP"), ("LPKUPANG", "IPAK"),
        ("KWNTT", "IPKP"), ("KWNTT", "IPAK")]
    kp = rows[4]
    assert (kp["Jumlah respons"], kp["Nilai (1–4)"], kp["IK 95% bawah (1–4)"], kp["IK 95% atas (1–4)"]) == (21, 3.625, 3.625, 3.625)
    assert (kp["Nilai (0–100)"], kp["IK 95% bawah (0–100)"], kp["IK 95% atas (0–100)"]) == (90.625, 90.625, 90.625)
    assert kp["Cukup andal"] == "Tidak" and kp["Kesiapan WBK"] == "belum dapat disimpulkan"
    assert rows[5]["Nilai (1–4)"] == 4.0 and rows[5]["Jumlah respons"] == 20
    for r in rows:
        want = ringkasan[r["Kode satker"]]["indeks"][r["Indeks"]]
        assert r["Nilai (1–4)"] == want["nilai_skala4"] and r["IK 95% atas (0–100)"] == want["ci_atas_100"]
    assert rows[0]["Nilai (1–4)"] is None and rows[0]["Keterangan"] == "tidak ada respons"  # RBKUPANG: no answers
    assert wb["Indeks"]["E2"].number_format == "0.00"
    _h, rek = _rows(wb["Rekomendasi"])
    assert [r["Rekomendasi"] for r in rek] == rekap["rekomendasi"]


def test_same_inputs_same_bytes(docs):
    _ds, rekap, ringkasan, _lap = docs
    first = workbook_bytes(recap_workbook(rekap, ringkasan))
    second = workbook_bytes(recap_workbook(copy.deepcopy(rekap), copy.deepcopy(ringkasan)))
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 8, 20, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2024-08-20T00:00:00Z") == 2 and ">id-ID</dc:language>" in core
    assert workbook_bytes(_satker_wb(docs)) == workbook_bytes(_satker_wb(docs))


def test_satker_workbook_sheets_and_values(docs):
    _ds, _rekap, ringkasan, laporan = docs
    wb = _read(_satker_wb(docs))
    assert wb.sheetnames == ["Ringkasan", "Target bulanan", "Rencana harian", "Nilai unsur", "Indeks", "Saran",
                             "Rekomendasi"]
    ws = wb["Target bulanan"]
    _h, rows = _rows(ws)
    aug = next(r for r in rows if r["Instrumen"] == "SPKP" and r["Bulan"] == datetime(2024, 8, 1))
    assert (aug["Minimum"], aug["Respons sah"], aug["Kekurangan"], aug["Hari layanan"], aug["Hari berjalan"],
            aug["Hari sisa"], aug["Target harian"], aug["Status"]) == (25, 17, 8, 22, 14, 8, 1, "Sesuai target")
    assert aug["Capaian"] == pytest.approx(0.68)
    assert ws["B2"].number_format == "[$-421]mmmm yyyy" and ws["E2"].number_format == "0.0%"
    assert len(rows) == len(ringkasan["KWNTT"]["bulanan"]) == 6
    _h, plan = _rows(wb["Rencana harian"])
    spkp = [r for r in plan if r["Instrumen"] == "SPKP"]
    # the 8 service days left in August (21-23, 26-30), one response a day from 17 to 25
    assert [r["Tanggal"].day for r in spkp] == [21, 22, 23, 26, 27, 28, 29, 30]
    assert all(isinstance(r["Tanggal"], datetime) for r in spkp) and wb["Rencana harian"]["B2"].number_format == "dd/mm/yyyy"
    assert (spkp[0]["Target hari ini"], spkp[0]["Kumulatif rencana"], spkp[-1]["Kumulatif rencana"]) == (1, 18, 25)
    _h, items = _rows(wb["Nilai unsur"])
    spkp_items = {r["Unsur"]: r["Nilai rata-rata (NRR)"] for r in items if r["Instrumen"] == "SPKP"}
    assert spkp_items["Prosedur"] == 4.0 and spkp_items["Persyaratan"] == 3.0 and len(spkp_items) == 8
    assert sum(spkp_items.values()) / 8 == pytest.approx(3.625)
    _h, ind = _rows(wb["Indeks"])
    assert [r["Nilai (1–4)"] for r in ind] == [3.625, 4.0]
    assert laporan["KWNTT"].jumlah_saran == 2


def test_satker_workbook_holds_every_masked_comment_and_no_personal_data(docs):
    import csv

    wb = _read(_satker_wb(docs))
    _h, saran = _rows(wb["Saran"])
    assert [r["Tanggal"] for r in saran] == [datetime(2024, 8, 20), datetime(2024, 8, 8)]  # newest first
    assert saran[0]["Saran/masukan (data pribadi disamarkan)"] == "Mohon info jadwal lewat [data pribadi disamarkan] ya"
    assert saran[1]["Saran/masukan (data pribadi disamarkan)"] == "Antrean rapi & petugas ramah, terima kasih"
    with open(MINI / "respons.csv", encoding="utf-8", newline="") as fh:
        secrets = {v for r in csv.DictReader(fh) for v in (r["id_respons"], r["nama"], r["no_hp"]) if v}
    cells = [str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert secrets and not [s for s in secrets if any(s in c for c in cells)]


def test_text_from_data_is_never_a_formula_or_markup(docs):
    _ds, rekap, ringkasan, _lap = docs
    rekap = copy.deepcopy(rekap)
    rekap["tabel"][0]["nama_satker"] = "=HYPERLINK(\"http://contoh.invalid\",\"klik\")"
    rekap["tabel"][1]["nama_satker"] = "$x$ <b>tebal</b> {{ nama }}\x07"
    ws = _read(recap_workbook(rekap, ringkasan))["Capaian"]
    assert ws["B2"].value == "=HYPERLINK(\"http://contoh.invalid\",\"klik\")" and ws["B2"].data_type == "s"
    assert ws["B3"].value == "$x$ <b>tebal</b> {{ nama }}"  # the control character is dropped, nothing else
    rs = copy.deepcopy(ringkasan["KWNTT"])
    saran = [{"tanggal_lokal": "2024-08-19", "jenis_layanan": "Layanan Informasi", "saran": "=1+1"}]
    saran.append({"tanggal_lokal": "2024-08-18", "jenis_layanan": "Layanan Informasi", "saran": "panjang " * 40})
    ws = _read(satker_workbook(rs, saran=saran))["Saran"]
    assert (ws["C2"].value, ws["C2"].data_type) == ("=1+1", "s")
    # 320 characters in a column of at most 90: wrapped, the row high enough for ceil(320 / 82) = 4 lines
    assert ws["C3"].alignment.wrap_text and ws.row_dimensions[3].height == 60
    assert ws.column_dimensions["C"].width == 92 and ws.row_dimensions[2].height is None


def test_problem_satker_row_and_optional_sheets(docs):
    _ds, rekap, ringkasan, _lap = docs
    rekap = copy.deepcopy(rekap)
    rekap["tabel"].insert(0, {"kode_satker": "LPRUSAK", "nama_satker": "Lapas Data Rusak", "jenis_satker": "Lapas",
                              "data_bermasalah": True, "status": "Data bermasalah"})
    rekap["total"]["SPAK_persen"] = float("nan")  # no minimum at all: not a number (NaN in the JSON)
    wb = _read(recap_workbook(rekap, ringkasan))
    kv = {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(values_only=True)}
    assert kv["Capaian SPAK Kanwil"] is None and kv["Capaian SPKP Kanwil"] == pytest.approx(21 / 79)
    ws = wb["Capaian"]
    _h, rows = _rows(ws)
    assert rows[0]["Kode satker"] == "LPRUSAK" and rows[0]["SPKP sah"] is None and rows[0]["Data bermasalah"] == "Ya"
    assert ws["S2"].value == "Data bermasalah" and ws["S2"].fill.fgColor.rgb == "00FBE5E3"
    assert ws.auto_filter.ref == "A1:U5"
    wb = _read(satker_workbook(ringkasan["RBKUPANG"]))  # no report tables given: only the JSON's sheets
    assert wb.sheetnames == ["Ringkasan", "Target bulanan", "Indeks", "Rekomendasi"]


def test_recap_quality_and_risk_sheets_match_the_recap(docs):
    _ds, rekap, ringkasan, _lap = docs
    wb = _read(recap_workbook(rekap, ringkasan))
    _h, quality = _rows(wb["Kualitas data"])
    assert [(r["Kode satker"], r["Kiriman sah"], r["Kiriman bertanda"], r["Proporsi bertanda"]) for r in quality] == \
        [(r["kode_satker"], r["respons_diperiksa"], r["jumlah_ditandai"], r["proporsi_ditandai"])
         for r in rekap["kualitas_data"]]
    assert all(r["Kiriman bertanda"] == 0 for r in quality)  # the mini data has no suspicious pattern
    _h, risk = _rows(wb["Peringatan dini"])
    # RBKUPANG has no valid response in 8 weeks: pace 0, so it cannot reach its 18 (probability 0), ranked first
    assert risk[0]["Kode satker"] == "RBKUPANG" and risk[0]["Peluang terendah"] == 0
    assert [r["Kode satker"] for r in risk] == [r["kode_satker"] for r in rekap["peringatan_dini"]]
