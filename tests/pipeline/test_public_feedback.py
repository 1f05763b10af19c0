"""The infographics take what users said and what was done from the report's own blocks."""

from spakanalysis.pipeline.public_outputs import _kanwil_optional, _optional


def _action(text, status):
    return {"rencana_aksi": text, "status": status, "unsur_atau_tema": "antrean"}


RINGKASAN = {
    "tema_saran": {"tema": [
        {"tema": "pungli", "label": "Pungutan/imbalan", "jumlah": 2},  # corruption first in the report
        {"tema": "antrean", "label": "Antrean dan waktu", "jumlah": 9},
        {"tema": "sarana", "label": "Ruang tunggu dan sarana", "jumlah": 9},
        {"tema": "informasi", "label": "Informasi", "jumlah": 0},
    ]},
    "tindak_lanjut": {
        "menjawab_periode_sebelumnya": [_action("Tambah loket pada jam sibuk", "selesai"),
                                        _action("Pasang papan alur layanan", "berjalan"),
                                        _action("Pindah ruang tunggu", "batal")],
        "rencana_periode_ini": [_action("Kursi tambahan ruang tunggu", "selesai"), _action("Survei ulang", "direncanakan")],
    },
}


def test_satker_blocks_become_top_themes_by_count_and_only_completed_actions():
    got = _optional(RINGKASAN)
    assert got["tema_saran"] == [{"tema": "Antrean dan waktu", "jumlah": 9},
                                 {"tema": "Ruang tunggu dan sarana", "jumlah": 9},
                                 {"tema": "Pungutan/imbalan", "jumlah": 2}]  # zero-count themes dropped
    assert got["tindak_lanjut"] == [{"tindakan": "Tambah loket pada jam sibuk", "status": "selesai"},
                                    {"tindakan": "Kursi tambahan ruang tunggu", "status": "selesai"}]


def test_summary_without_blocks_gives_nothing():
    assert _optional({"tema_saran": None, "tindak_lanjut": None}) == {"tema_saran": [], "tindak_lanjut": []}


def test_kanwil_names_each_satker_action():
    class Fig:
        judul = "Lapas Kelas IIB Atambua"

    rekap = {"tema_saran": {"kanwil": [{"tema": "antrean", "label": "Antrean dan waktu", "jumlah": 30},
                                       {"tema": "sarana", "label": "Ruang tunggu dan sarana", "jumlah": 41}]}}
    got = _kanwil_optional(rekap, [("LPATAMBUA", RINGKASAN, Fig())])
    assert got["tema_saran"][0] == {"tema": "Ruang tunggu dan sarana", "jumlah": 41}
    assert got["tindak_lanjut"][0]["tindakan"] == "Lapas Kelas IIB Atambua: Tambah loket pada jam sibuk"
