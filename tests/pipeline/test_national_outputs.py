"""pipeline/national_outputs.py without kernels: which folder is national, and a Kanwil recap that fails.

The Kanwil recaps (a notebook each) are replaced by a stand-in; the national recap is the real one.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spakanalysis.core.periods import parse_periode
from spakanalysis.pipeline import national_outputs
from spakanalysis.pipeline.national_outputs import build_outputs, is_national

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("data_tiga")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "buat_data_contoh.py"), "--keluaran", str(out), "--diam",
                    "--tanpa-jan-jun", "--satker", "9", "--kanwil", "3"], check=True)
    return out


def _stand_in(calls: list, fail: str | None = None):
    def build(period, out_dir, results, *, parameter, pdf, satker_dir=None, **_kernel):
        calls.append((parameter.get("kanwil"), Path(out_dir).relative_to(satker_dir).as_posix()))
        if parameter.get("kanwil") == fail:
            return {"gagal": True, "pesan": "kernel mati", "manifest": {"rekap": {"status": "gagal"}}}
        return {"gagal": False, "manifest": {"rekap": {"status": "berhasil", "berkas": ["rekap.html", "rekap.json"]}}}
    return build


def _params(data: Path) -> dict:
    return {"folder_data": str(data), "tanggal_data": "2024-09-18", "tanggal_cetak": "2024-09-19"}


def test_each_kanwil_gets_its_own_folder_and_the_national_recap_is_written(data, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(national_outputs, "build_recap_outputs", _stand_in(calls))
    (tmp_path / "rekap.json").write_text("{}", encoding="utf-8")  # a single-Kanwil recap of an earlier run
    info = build_outputs(parse_periode("2024-Q3"), tmp_path, None, parameter=_params(data), pdf=False)
    assert calls == [("Kanwil Kemenkumham NTT", "kanwil/kanwil-kemenkumham-ntt"),
                     ("Kanwil Kemenkumham Aceh", "kanwil/kanwil-kemenkumham-aceh"),
                     ("Kanwil Kemenkumham Sumatera Utara", "kanwil/kanwil-kemenkumham-sumatera-utara")]
    assert info["gagal"] is False
    assert info["manifest"]["rekap"]["berkas"] == [
        "kanwil/kanwil-kemenkumham-aceh/rekap.html", "kanwil/kanwil-kemenkumham-aceh/rekap.json",
        "kanwil/kanwil-kemenkumham-ntt/rekap.html", "kanwil/kanwil-kemenkumham-ntt/rekap.json",
        "kanwil/kanwil-kemenkumham-sumatera-utara/rekap.html", "kanwil/kanwil-kemenkumham-sumatera-utara/rekap.json",
        "rekap_nasional.html", "rekap_nasional.json"]
    assert not (tmp_path / "rekap.json").exists() and not (tmp_path / "rekap_nasional.pdf").exists()
    assert is_national(tmp_path)
    summary = json.loads((tmp_path / "rekap_nasional.json").read_text(encoding="utf-8"))
    assert [r["kanwil"] for r in summary["kanwil"]] == ["Kanwil Kemenkumham NTT", "Kanwil Kemenkumham Aceh",
                                                       "Kanwil Kemenkumham Sumatera Utara"]


def test_a_failed_kanwil_recap_fails_the_recap_and_names_the_kanwil(data, tmp_path, monkeypatch):
    monkeypatch.setattr(national_outputs, "build_recap_outputs", _stand_in([], fail="Kanwil Kemenkumham Aceh"))
    info = build_outputs(parse_periode("2024-Q3"), tmp_path, None, parameter=_params(data), pdf=False)
    assert info == {"gagal": True, "pesan": "Kanwil Kemenkumham Aceh: kernel mati",
                    "manifest": {"rekap": {"status": "gagal", "pesan": "Kanwil Kemenkumham Aceh: kernel mati"}}}


def test_one_kanwil_is_the_single_recap(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(national_outputs, "build_recap_outputs",
                        lambda *a, **k: calls.append(k.get("satker_dir")) or {"gagal": False})
    params = {"folder_data": str(ROOT / "tests" / "data" / "mini")}
    assert build_outputs(parse_periode("2024-Q3"), tmp_path, None, parameter=params) == {"gagal": False}
    assert calls == [None] and not is_national(tmp_path) and not list(tmp_path.iterdir())


def test_a_folder_is_national_only_with_a_national_recap_and_no_single_one(tmp_path):
    assert not is_national(tmp_path)
    (tmp_path / "rekap_nasional.json").write_text("{}", encoding="utf-8")
    assert is_national(tmp_path)
    (tmp_path / "rekap.json").write_text("{}", encoding="utf-8")  # a later single-Kanwil run into the same folder
    assert not is_national(tmp_path)
