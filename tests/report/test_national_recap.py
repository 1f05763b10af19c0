"""The national recap (report/national.py) and one Kanwil's recap of a registry with several Kanwils."""

import doctest
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from _bahan import MINI, TANGGAL_DATA
from spakanalysis.core.errors import ParameterError
from spakanalysis.data.dataset import load_dataset
from spakanalysis.data.kanwil_set import kanwil_names, kanwil_subset
from spakanalysis.report import national
from spakanalysis.report.national import build_national_recap, kanwil_folders, kanwil_slug
from spakanalysis.report.recap import build_recap
from spakanalysis.stats import national as stats_national

ROOT = Path(__file__).resolve().parents[2]
CUT = "2024-09-18"
NAMES = ["Kanwil Kemenkumham NTT", "Kanwil Kemenkumham Aceh", "Kanwil Kemenkumham Sumatera Utara"]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    out = tmp_path_factory.mktemp("nasional")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "buat_data_contoh.py"), "--keluaran", str(out), "--diam",
                    "--tanpa-jan-jun", "--satker", "9", "--kanwil", "3"], check=True)
    return load_dataset(out)


@pytest.fixture(scope="module")
def nasional(dataset):
    return build_national_recap(dataset, "2024-Q3", tanggal_data=CUT, tanggal_cetak="2024-09-19")


def test_doctests_of_the_national_modules():
    for module in (national, stats_national):
        assert doctest.testmod(module).failed == 0


def test_kanwil_names_and_subset(dataset):
    assert kanwil_names(dataset) == NAMES
    aceh = kanwil_subset(dataset, "Kanwil Kemenkumham Aceh")
    assert aceh.satker["kode_satker"].tolist() == ["KWACEH", "RT0005", "LP0006"]
    assert set(aceh.respons["kode_satker"]) == {"KWACEH", "RT0005", "LP0006"}
    with pytest.raises(ParameterError, match='Kanwil "Kanwil Kemenkumham Bali" tidak ada di registri'):
        kanwil_subset(dataset, "Kanwil Kemenkumham Bali")


def test_folders_are_safe_and_unique():
    assert kanwil_folders(["Kanwil Kemenkumham NTT", "Kanwil  Kemenkumham NTT", "../Kanwil é"]) == {
        "Kanwil Kemenkumham NTT": "kanwil-kemenkumham-ntt", "Kanwil  Kemenkumham NTT": "kanwil-kemenkumham-ntt-2",
        "../Kanwil é": "kanwil-e"}
    assert kanwil_slug("///") == "kanwil"


def test_each_kanwil_row_is_what_its_own_recap_says(dataset, nasional):
    rows = nasional.ringkasan()["kanwil"]
    assert [r["kanwil"] for r in rows] == ["Kanwil Kemenkumham NTT", "Kanwil Kemenkumham Aceh",
                                           "Kanwil Kemenkumham Sumatera Utara"]
    for row in rows:
        rk = build_recap(dataset, "2024-Q3", tanggal_data=CUT, kanwil=row["kanwil"])
        assert rk.kanwil == row["kanwil"] and len(rk.tabel) == row["jumlah_satker"] == 3
        for key in ("satker_tercapai", "satker_perlu_percepatan", "SPKP_persen", "SPAK_persen"):
            assert row[key] == pytest.approx(rk.total[key]), (row["kanwil"], key)
        assert (row["IPKP"], row["IPAK"]) == (rk.indeks_kanwil["IPKP"], rk.indeks_kanwil["IPAK"])
    # on 18 September only LPKUPANG (NTT) has reached its minimum; Aceh and Sumatera Utara have two satkers behind
    assert [(r["peringkat"], r["satker_tercapai"], r["satker_perlu_percepatan"]) for r in rows] == [
        (1, 1, 0), (2, 0, 2), (3, 0, 2)]
    # the tie broken by attainment, capped per satker: Aceh SPAK (58 + 24 + 208) / (244 + 43 + 264),
    # Sumatera Utara SPAK = SPKP (44 + 25 + 153) / (173 + 43 + 207)
    assert rows[1]["capaian_persen"] == pytest.approx(290 / 551 * 100)
    assert rows[2]["capaian_persen"] == pytest.approx(222 / 423 * 100)


def test_the_national_index_is_the_stratified_mean_of_the_kanwils(nasional):
    doc = nasional.ringkasan()
    rows = doc["kanwil"]
    weights = np.array([r["pengguna_layanan"] for r in rows], dtype=float)
    for name in ("IPKP", "IPAK"):
        # every satker has responses: the stratified national mean is the Kanwils' means weighted by their users
        combined = float(np.sum(weights * np.array([r[name] for r in rows])) / weights.sum())
        assert doc["indeks_nasional"][name] == pytest.approx(combined, abs=2e-4)
    assert doc["total"] == {"jumlah_satker": 9, "satker_tercapai": 1, "satker_perlu_percepatan": 4,
                            "satker_data_bermasalah": 0, "jumlah_kanwil": 3,
                            "persen_satker_tercapai": pytest.approx(100 / 9),
                            "pengguna_layanan": int(weights.sum()), "minimum": sum(r["minimum"] for r in rows)}


def test_a_failed_satker_counts_against_its_own_kanwil_only(dataset):
    doc = build_national_recap(dataset, "2024-Q3", tanggal_data=CUT, tanggal_cetak="2024-09-19",
                               satker_gagal={"KWNTT": "kernel mati"}).ringkasan()
    by_name = {r["kanwil"]: r for r in doc["kanwil"]}
    assert by_name["Kanwil Kemenkumham NTT"]["satker_data_bermasalah"] == 1
    assert by_name["Kanwil Kemenkumham NTT"]["satker_tercapai"] == 1  # LPKUPANG
    # attainment without KWNTT: (105 + 304) / (136 + 304)
    assert by_name["Kanwil Kemenkumham NTT"]["SPAK_persen"] == pytest.approx(409 / 440 * 100)
    assert by_name["Kanwil Kemenkumham Aceh"]["satker_data_bermasalah"] == 0
    rk = build_recap(dataset, "2024-Q3", tanggal_data=CUT, kanwil="Kanwil Kemenkumham Aceh",
                     satker_gagal={"KWNTT": "kernel mati"})
    assert rk.gagal == {}  # another Kanwil's failure is not this recap's


def test_a_single_kanwil_registry_ranks_one_kanwil():
    mini = load_dataset(MINI)
    doc = build_national_recap(mini, "2024-Q3", tanggal_data=TANGGAL_DATA, tanggal_cetak="2024-08-21").ringkasan()
    rk = build_recap(mini, "2024-Q3", tanggal_data=TANGGAL_DATA)
    assert [(r["kanwil"], r["peringkat"], r["folder"], r["jumlah_satker"]) for r in doc["kanwil"]] == [
        ("Kanwil Kemenkumham NTT", 1, "kanwil-kemenkumham-ntt", 3)]
    assert doc["indeks_nasional"] == rk.indeks_kanwil
