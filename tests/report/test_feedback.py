"""Every masked comment of a satker (``report/feedback.py``), on ``tests/data/mini``.

respons.csv holds two comments, both KWNTT, both external and valid: MINI-0010 (8 Aug,
"Antrean rapi & petugas ramah, terima kasih") and MINI-0021 (20 Aug 15:55, "Mohon info jadwal
lewat 081234567890 ya", a phone number to mask).
"""

from __future__ import annotations

from datetime import date

from _bahan import batch_documents
from spakanalysis.core.periods import parse_periode
from spakanalysis.report.feedback import masked_feedback


def test_every_comment_masked_newest_first_as_the_report_shows_them():
    ds, _rekap, _ringkasan, laporan = batch_documents()
    rows = ds.respons[ds.respons["kode_satker"] == "KWNTT"]
    fb = masked_feedback(rows, parse_periode("2024-Q3"), date(2024, 8, 20))
    assert fb.to_dict(orient="records") == [
        {"tanggal_lokal": date(2024, 8, 20), "jenis_layanan": "Layanan Informasi",
         "saran": "Mohon info jadwal lewat [data pribadi disamarkan] ya"},
        {"tanggal_lokal": date(2024, 8, 8), "jenis_layanan": "Layanan Informasi",
         "saran": "Antrean rapi & petugas ramah, terima kasih"},
    ]
    assert fb.head(10).equals(laporan["KWNTT"].saran) and len(fb) == laporan["KWNTT"].jumlah_saran
    # a data date before the newest comment leaves it out; another satker has none
    assert list(masked_feedback(rows, parse_periode("2024-Q3"), date(2024, 8, 19))["tanggal_lokal"]) == [date(2024, 8, 8)]
    assert masked_feedback(ds.respons[ds.respons["kode_satker"] == "LPKUPANG"], parse_periode("2024-Q3"),
                           date(2024, 8, 20)).empty
