"""The shared names (statuses, instruments) and the settings read from the environment."""

from __future__ import annotations

import json
from pathlib import Path

from spakanalysis.core import settings
from spakanalysis.core.enums import BEHIND, INDEX_NAMES, TARGET_INSTRUMENTS, Instrument, Outcome, Status


def test_statuses_rank_best_first_and_keep_their_labels():
    assert [s.value for s in Status] == ["Target belum berlaku", "Tercapai", "Sesuai target", "Belum dimulai", "Perlu percepatan", "Kritis",
                                         "Hari layanan habis", "Tidak tercapai"]
    assert Status.worst(["Tercapai", Status.CRITICAL, "", None]) is Status.CRITICAL
    assert Status.worst([]) is Status.NOT_STARTED
    # a month before the target start never hides a real status
    assert Status.worst(["Target belum berlaku", "Tidak tercapai"]) is Status.MISSED
    assert Status.worst(["Target belum berlaku", "Tercapai"]) is Status.ACHIEVED
    assert Status.ACHIEVED == "Tercapai" and json.dumps({"s": Status.MISSED}) == '{"s": "Tidak tercapai"}'
    assert Outcome.NOT_MADE == "Gagal dibuat"
    assert BEHIND == {"Perlu percepatan", "Kritis", "Hari layanan habis", "Tidak tercapai"}


def test_instruments_and_their_index_names():
    assert [i.index_name for i in Instrument] == ["IPKP", "IPAK", "IKM"]
    assert TARGET_INSTRUMENTS == ("SPKP", "SPAK") and INDEX_NAMES["SPAK"] == "IPAK"


def test_settings_are_read_at_each_call(monkeypatch, tmp_path):
    monkeypatch.setenv("SPAKANALYSIS_CACHE", str(tmp_path / "c"))
    assert settings.cache_dir() == tmp_path / "c"
    monkeypatch.delenv("SPAKANALYSIS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert settings.cache_dir() == tmp_path / "x" / "spakanalysis"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718755200")
    assert settings.source_date_epoch() == 1718755200
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "kemarin")
    assert settings.source_date_epoch() is None
    monkeypatch.delenv("SPAKANALYSIS_DEBUG", raising=False)
    assert not settings.debug()
    monkeypatch.setenv("SPAKANALYSIS_NOTEBOOKS", str(tmp_path))
    assert settings.notebooks_dir() == Path(tmp_path)
    env = settings.child_environment(SOURCE_DATE_EPOCH=None, EXTRA="1")
    assert "SOURCE_DATE_EPOCH" not in env and env["EXTRA"] == "1"
