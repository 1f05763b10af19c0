"""``write_recap_outputs`` and ``write_satker_workbook_from_data`` on a period folder made from the mini data."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook
from pptx import Presentation

from _bahan import TANGGAL_DATA, batch_documents
from spakanalysis.pipeline.office_outputs import read_batch_json, write_recap_outputs, write_satker_workbook_from_data


def test_writes_the_workbook_and_the_deck_from_the_folder_json(tmp_path):
    ds, rekap, ringkasan, _lap = batch_documents()
    (tmp_path / "rekap.json").write_text(json.dumps(rekap, ensure_ascii=False), encoding="utf-8")
    for kode, doc in ringkasan.items():
        if kode != "RBKUPANG":  # a satker whose report failed has no ringkasan.json
            (tmp_path / kode).mkdir()
            (tmp_path / kode / "ringkasan.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    _rekap, found = read_batch_json(tmp_path)
    assert sorted(found) == ["KWNTT", "LPKUPANG"]
    paths = write_recap_outputs(tmp_path, tanggal_rapat="2024-08-22")
    assert [p.name for p in paths] == ["rekap.xlsx", "paparan.pptx"]
    first = [p.read_bytes() for p in paths]
    wb = load_workbook(tmp_path / "rekap.xlsx")
    assert [r[0] for r in wb["Indeks"].iter_rows(min_row=2, values_only=True)] == ["LPKUPANG"] * 2 + ["KWNTT"] * 2
    assert len(Presentation(io.BytesIO(first[1])).slides) == 7  # with the themes slide (the mini data has no follow-up register)
    write_recap_outputs(tmp_path, tanggal_rapat="2024-08-22")
    assert [p.read_bytes() for p in paths] == first  # a re-run writes the same bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["KWNTT", "LPKUPANG", "paparan.pptx", "rekap.json", "rekap.xlsx"]

    out = write_satker_workbook_from_data(tmp_path / "KWNTT", ds, "KWNTT", "2024-Q3",
                                          {"tanggal_data": TANGGAL_DATA, "tanggal_cetak": "2024-08-21", "aturan": "ntt-2024",
                                           "pdf": True})
    assert out == (tmp_path / "KWNTT" / "laporan.xlsx").resolve()
    sheet = load_workbook(out)["Saran"]
    assert sheet.max_row == 3  # both comments of KWNTT
