"""Data-quality flags (spakanalysis.stats.quality_flags) and back-check samples (spakanalysis.stats.backcheck)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spakanalysis import load_dataset
from spakanalysis.core.calendars import libur_nasional, mode_hari_layanan
from spakanalysis.stats import quality_flags as q
from spakanalysis.stats.backcheck import backcheck_seed, draw_backcheck

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "scripts" / "buat_data_contoh.py"
ITEMS = ["b1", "b2", "b3", "b4", "b5"]
CFG = q.load_quality_config()


def frame(rows, *, satker="A", start="2024-07-01 09:00", step_min=2.0, saran=None, tz="+08:00"):
    """Responses with answers ``rows`` at one satker, ``step_min`` minutes apart from ``start`` (local WITA)."""
    t0 = pd.Timestamp(start + tz)
    times = [t0 + pd.Timedelta(minutes=step_min * i) for i in range(len(rows))]
    df = pd.DataFrame(rows, columns=ITEMS, dtype=float)
    df.insert(0, "id_respons", [f"{satker}-{i:03d}" for i in range(len(rows))])
    df.insert(1, "kode_satker", satker)
    df.insert(2, "waktu_isi", pd.to_datetime(times, utc=True))
    df.insert(3, "tanggal_lokal", [t.tz_convert("Asia/Makassar").date() for t in times])
    df["saran"] = saran if saran is not None else ""
    return df


# ============================================================================ configuration


def test_packaged_config_has_version_rationale_and_explanations():
    assert CFG["versi"] == 1
    for section, body in CFG.items():
        if isinstance(body, dict) and section != "penjelasan":
            for key, entry in body.items():
                assert entry["alasan"].strip(), f"{section}.{key}"
    for flag in (*q.FLAGS, "ditandai"):
        text = CFG["penjelasan"][flag]
        assert "tidak membuktikan" in text or "bukan bukti" in text, flag
    assert q.threshold(CFG, "beruntun", "min_kiriman") == 5
    assert q.threshold(CFG, "jam_layanan", "selesai") == "16:00"


def test_config_override_by_path_and_clear_errors(tmp_path):
    text = (ROOT / "src/spakanalysis/core/config/kualitas_data.toml").read_text(encoding="utf-8")
    good = tmp_path / "kualitas.toml"
    good.write_text(text.replace("[beruntun.min_kiriman]\nnilai = 5", "[beruntun.min_kiriman]\nnilai = 8"), encoding="utf-8")
    assert q.threshold(q.load_quality_config(good), "beruntun", "min_kiriman") == 8

    bad_version = tmp_path / "v2.toml"
    bad_version.write_text(text.replace("versi = 1", "versi = 2"), encoding="utf-8")
    with pytest.raises(q.KonfigurasiKualitasError, match=r"v2\.toml: versi = 2 tidak didukung"):
        q.load_quality_config(bad_version)

    no_reason = tmp_path / "alasan.toml"
    no_reason.write_text(text.replace('[garis_lurus.min_butir]\nnilai = 5\nalasan = "', '[garis_lurus.min_butir]\nnilai = 5\nx = "'),
                         encoding="utf-8")
    with pytest.raises(q.KonfigurasiKualitasError, match=r"\[garis_lurus\.min_butir\] tidak punya `alasan`"):
        q.load_quality_config(no_reason)
    with pytest.raises(q.KonfigurasiKualitasError, match="tidak dapat dibaca"):
        q.load_quality_config(tmp_path / "tidak_ada.toml")


# ============================================================================ answer patterns


def test_straight_lining_needs_every_answered_item_equal_and_enough_items():
    nan = np.nan
    df = frame([[4, 4, 4, 4, 4], [2, 2, 2, 2, 2], [4, 4, 4, 4, 3], [3, 3, 3, 3, nan], [4, 4, 4, 4, 4]])
    assert q.straight_lining(df, ITEMS).tolist() == [True, True, False, False, True]
    assert q.straight_lining(df, ITEMS, min_items=4).tolist() == [True, True, False, True, True]
    assert q.all_maximum_vectors(df, ITEMS, 4).tolist() == [True, False, False, False, True]
    # per-item maxima: b5 on a 1-6 scale
    assert q.all_maximum_vectors(df, ITEMS, {"b1": 4, "b2": 4, "b3": 4, "b4": 4, "b5": 6}).tolist() == [False] * 5


def _max_block(satker, n, n_max):
    return frame([[4] * 5] * n_max + [[3, 4, 4, 4, 4]] * (n - n_max), satker=satker, step_min=30)


def test_all_maximum_share_against_the_kanwil_without_the_satker():
    df = pd.concat([_max_block("A", 40, 20), _max_block("B", 100, 5), _max_block("C", 100, 5)], ignore_index=True)
    is_max = q.all_maximum_vectors(df, ITEMS, 4)
    months = q.all_maximum_months(is_max, df["kode_satker"], q.month_key(df)).set_index("kode_satker")
    assert months.loc["A", "proporsi_maksimum"] == 0.5
    assert months.loc["A", "proporsi_kanwil"] == pytest.approx(10 / 200)  # B and C pooled
    assert months.loc["B", "proporsi_kanwil"] == pytest.approx(25 / 140)  # A and C pooled
    assert months["ditandai"].to_dict() == {"A": True, "B": False, "C": False}
    flag, _ = q.all_maximum(df, ITEMS, 4, cfg=CFG)
    assert flag.sum() == 20 and flag[df["kode_satker"] == "A"].iloc[:20].all()
    # too few responses at A: never flagged, however high its share
    small = pd.concat([_max_block("A", 20, 20), _max_block("B", 100, 5)], ignore_index=True)
    m = q.all_maximum_months(q.all_maximum_vectors(small, ITEMS, 4), small["kode_satker"], q.month_key(small))
    assert not m["ditandai"].any()
    # a 15-point excess (share 0.2 vs 0.05) is below the 20-point threshold even though significant
    mild = pd.concat([_max_block("A", 200, 40), _max_block("B", 200, 10)], ignore_index=True)
    m = q.all_maximum_months(q.all_maximum_vectors(mild, ITEMS, 4), mild["kode_satker"], q.month_key(mild))
    assert m.set_index("kode_satker").loc["A", "p_nilai"] < 1e-6 and not m["ditandai"].any()


def test_all_maximum_compares_within_each_kanwil_only():
    df = pd.concat([_max_block("A", 50, 25), _max_block("B", 50, 25), _max_block("C", 100, 0)], ignore_index=True)
    kanwil = {"A": "K1", "B": "K1", "C": "K2"}
    m = q.all_maximum_months(q.all_maximum_vectors(df, ITEMS, 4), df["kode_satker"], q.month_key(df), kanwil)
    m = m.set_index("kode_satker")
    assert m.loc["A", "proporsi_kanwil"] == 0.5 and not m.loc["A", "ditandai"]
    assert np.isnan(m.loc["C", "proporsi_kanwil"]) and not m.loc["C", "ditandai"]


# ============================================================================ bursts


BASE = [4, 3, 4, 4, 3]


def test_burst_of_five_identical_vectors_within_ten_minutes():
    assert q.bursts(frame([BASE] * 5, step_min=2), ITEMS).all()  # span 8 minutes
    assert not q.bursts(frame([BASE] * 4, step_min=2), ITEMS).any()  # only four
    assert not q.bursts(frame([BASE] * 5, step_min=3), ITEMS).any()  # span 12 minutes: no 10-minute span holds five


def test_burst_near_identical_within_hamming_one_only():
    one_off = [4, 4, 4, 4, 3]  # differs from BASE in one item
    two_off = [3, 4, 4, 4, 4]  # differs from BASE in two items
    f = q.bursts(frame([BASE, BASE, one_off, BASE, BASE]), ITEMS)
    assert f.all()
    f = q.bursts(frame([BASE, BASE, two_off, BASE, BASE]), ITEMS)
    assert f.tolist() == [False] * 5  # four similar ones are not enough
    # missing answers are equal to missing answers
    nan = np.nan
    assert q.bursts(frame([[4, 4, nan, 4, 3]] * 5), ITEMS).all()


def test_burst_counts_one_satker_at_a_time_and_ignores_row_order():
    a = frame([BASE] * 3, satker="A")
    b = frame([BASE] * 3, satker="B")
    assert not q.bursts(pd.concat([a, b], ignore_index=True), ITEMS).any()
    df = frame([BASE] * 6, step_min=1.5).iloc[[3, 0, 5, 1, 4, 2]]
    assert q.bursts(df, ITEMS).all()


def test_burst_of_many_satkers_at_once_equals_each_satker_alone():
    # interleaved satkers (and a row without a code): flags as if each satker were judged alone
    a = frame([BASE] * 5 + [[1, 1, 1, 1, 1]], satker="A", step_min=1.0)
    b = frame([BASE] * 4, satker="B", step_min=1.0)
    c = frame([BASE] * 6, satker="C", step_min=2.0)
    none = frame([BASE] * 5, satker="A", step_min=1.0).assign(kode_satker=None)
    mixed = pd.concat([a, b, c, none], ignore_index=True).sample(frac=1, random_state=3)
    got = q.bursts(mixed, ITEMS)
    for part in (a, b, c):
        code = part["kode_satker"].iloc[0]
        alone = q.bursts(mixed[mixed["kode_satker"] == code], ITEMS)
        assert got[alone.index].tolist() == alone.tolist()
    got = got.sort_index()  # back to the order of the concatenation: A 0-5, B 6-9, C 10-15, no code 16-20
    assert got.loc[0:4].tolist() == [True] * 5 and not got.loc[5]  # A's five identical vectors, not its odd one
    assert not got.loc[6:9].any() and got.loc[10:15].all()  # B has four only; C six, two minutes apart
    assert not got.loc[16:].any()  # no satker, no burst


# ============================================================================ time of submission


def _at(*local_times, satker="A"):
    return frame([BASE] * len(local_times), satker=satker).assign(
        waktu_isi=pd.to_datetime([pd.Timestamp(t + "+08:00") for t in local_times], utc=True),
        tanggal_lokal=[pd.Timestamp(t).date() for t in local_times])


def test_outside_service_hours_boundaries():
    df = _at("2024-07-01 07:29:59", "2024-07-01 07:30", "2024-07-01 15:59:59", "2024-07-01 16:00", "2024-07-01 21:10")
    assert q.outside_service(df).tolist() == [True, False, False, True, True]
    assert q.outside_service(df, start="07:00", end="17:00").tolist() == [False, False, False, False, True]


def test_outside_service_days_by_mode_and_holidays():
    # Sat 6 Jul, Sun 7 Jul (Islamic new year), Mon 16 Sep (Maulid Nabi), Tue 17 Sep
    df = _at("2024-07-06 10:00", "2024-07-07 10:00", "2024-09-16 10:00", "2024-09-17 10:00")
    hol = set(libur_nasional(2024))
    assert q.outside_service(df, {"A": "senin-jumat"}, hol).tolist() == [True, True, True, False]
    assert q.outside_service(df, {"A": "senin-sabtu"}, hol).tolist() == [False, True, True, False]
    assert q.outside_service(df, {"A": "kalender"}, hol).tolist() == [False, False, False, False]
    with pytest.raises(q.KonfigurasiKualitasError, match="tidak dikenal"):
        q.outside_service(df, {"A": "setiap-hari"})


def test_outside_service_uses_the_satker_time_zone():
    df = _at("2024-07-01 07:10")  # 07:10 WITA = 08:10 WIT (Jayapura)
    assert q.outside_service(df).tolist() == [True]
    assert q.outside_service(df, timezones={"A": "Asia/Jayapura"}).tolist() == [False]


# ============================================================================ free text


def test_normalise_text():
    assert q.normalise_text("  Pelayanan   SANGAT baik!! ") == "pelayanan sangat baik"
    assert q.normalise_text(None) == "" and q.normalise_text(np.nan) == ""


def test_repeated_text_within_window_ignoring_short_and_common_texts():
    text = ["Petugas ramah dan cepat sekali!", "petugas ramah, dan cepat sekali", "PETUGAS RAMAH DAN CEPAT SEKALI", ""]
    df = frame([BASE] * 4, step_min=30, saran=text)
    kw = dict(min_repeats=3, window_hours=2, min_chars=15, common=["baik"])
    assert q.repeated_text(df, **kw).tolist() == [True, True, True, False]
    assert not q.repeated_text(df.iloc[:2], **kw).any()  # two copies only
    spread = frame([BASE] * 3, step_min=24 * 60, saran=text[:3])  # one a day
    assert not q.repeated_text(spread, **kw).any()
    short = frame([BASE] * 5, saran=["Baik"] * 5)
    assert not q.repeated_text(short, **kw).any()
    common = frame([BASE] * 5, saran=["Tidak ada saran untuk saat ini"] * 5)
    assert q.repeated_text(common, **kw).all()
    assert not q.repeated_text(common, **{**kw, "common": ["tidak ada saran untuk saat ini!"]}).any()


# ============================================================================ filling time


def test_short_duration_only_when_the_export_has_it():
    df = frame([BASE] * 3)
    flag, available = q.short_duration(df)
    assert not available and not flag.any()
    flag, available = q.short_duration(df.assign(durasi_detik=[30, 90, np.nan]), min_seconds=60)
    assert available and flag.tolist() == [True, False, False]
    start = pd.to_datetime(["2024-07-01 09:00:00+08:00"] * 3, utc=True)
    end = start + pd.to_timedelta([59, 60, 300], unit="s")
    flag, available = q.short_duration(df.assign(waktu_mulai=start, waktu_selesai=end), min_seconds=60)
    assert available and flag.tolist() == [True, False, False]


# ============================================================================ combined table and summary


def test_flag_table_combines_strong_and_weak_flags_and_summary_counts_them():
    # A: a burst of 5 (strong) at 09:00; one straight-liner at 20:00 (two weak); one at 10:00 (one weak)
    burst = frame([BASE] * 5, satker="A")
    night = _at("2024-07-01 20:00", satker="A").assign(**{c: 2.0 for c in ITEMS}, id_respons="A-night")
    day = _at("2024-07-01 10:30", satker="A").assign(**{c: 2.0 for c in ITEMS}, id_respons="A-day")
    august = _at("2024-08-01 10:00", satker="A").assign(id_respons="A-aug")
    df = pd.concat([burst, night, day, august], ignore_index=True)
    table, months = q.flag_table(df, ITEMS, 4, service_modes={"A": "senin-jumat"}, cfg=CFG)
    assert table.loc[table["id_respons"] == "A-night", ["garis_lurus", "luar_jam", "jumlah_tanda_lemah", "ditandai"]].iloc[0].tolist() == [True, True, 2, True]
    assert table.loc[table["id_respons"] == "A-day", ["garis_lurus", "luar_jam", "ditandai"]].iloc[0].tolist() == [True, False, False]
    assert table["beruntun"].sum() == 5 and table.attrs["waktu_singkat_tersedia"] is False
    s = q.summary(table, months).set_index("bulan")
    assert s.loc["2024-07", "n"] == 7 and s.loc["2024-08", "n"] == 1
    assert s.loc["2024-07", "jumlah_ditandai"] == 6
    assert s.loc["2024-07", "proporsi_ditandai"] == pytest.approx(6 / 7)
    assert s.loc["2024-07", "id_ditandai"] == ("A-000", "A-001", "A-002", "A-003", "A-004", "A-night")
    assert s.loc["2024-07", "id_garis_lurus"] == ("A-day", "A-night")
    assert s.loc["2024-08", "jumlah_ditandai"] == 0 and s.loc["2024-08", "id_ditandai"] == ()
    kept = q.exclude_flagged(df, table)
    assert kept["id_respons"].tolist() == ["A-day", "A-aug"]
    assert len(df) == 8  # the input is not modified
    with pytest.raises(KeyError):
        q.exclude_flagged(df, table, "tidak_ada")


# ============================================================================ planted patterns in the generator


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    out = tmp_path_factory.mktemp("tanam")
    ids = out / "id.txt"
    subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(out / "raw"), "--tanam-pola",
                    "--daftar-tanam", str(ids), "--diam"], check=True)
    return load_dataset(out / "raw"), set(ids.read_text(encoding="utf-8").split())


def _flags_for(d):
    r = d.respons[d.respons["dikecualikan"].isna()]
    reg = d.satker
    modes = {k: mode_hari_layanan(j, None if pd.isna(h) else h)
             for k, j, h in zip(reg["kode_satker"], reg["jenis_satker"], reg["hari_layanan"])}
    maxima = dict(zip(d.instrumen["kode_butir"], d.instrumen["skala_maks"]))
    return q.flag_table(r, d.items("spkp") + d.items("spak"), maxima, service_modes=modes,
                        holidays=set(libur_nasional(2024)), timezones=dict(zip(reg["kode_satker"], reg["zona_waktu"])),
                        kanwil=dict(zip(reg["kode_satker"], reg["kanwil"])), cfg=CFG)


def test_planted_patterns_are_flagged_and_genuine_ones_rarely(planted):
    d, ids = planted
    assert len(ids) == 192  # 120 all-maximum + 72 in eight bursts
    table, months = _flags_for(d)
    is_planted = table["id_respons"].isin(ids)
    assert is_planted.sum() == len(ids)
    detected = table.loc[is_planted, "ditandai"].mean()
    false = table.loc[~is_planted, "ditandai"].mean()
    print(f"\nterdeteksi {detected:.1%} dari {is_planted.sum()} baris karangan; "
          f"tanda palsu {false:.2%} dari {(~is_planted).sum()} baris asli")
    assert detected >= 0.90
    assert false <= 0.02
    hot = months.loc[months["ditandai"], ["kode_satker", "bulan"]].to_numpy().tolist()
    assert hot == [["KIMKUPANG", "2024-09"]]
    assert set(table.loc[is_planted & table["beruntun"], "kode_satker"]) == {"LPMAUMERE"}


def test_generator_default_is_the_planted_sample_and_tanpa_pola_drops_only_the_planted_rows(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(tmp_path / "a"), "--diam"], check=True)
    for name in ("satker.csv", "instrumen.csv", "pemetaan_kolom.csv", "respons_2024.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (ROOT / "data" / "raw" / name).read_bytes(), name
    subprocess.run([sys.executable, str(GENERATOR), "--keluaran", str(tmp_path / "b"), "--tanpa-pola", "--diam"],
                   check=True)
    with_rows = (tmp_path / "a" / "respons_2024.csv").read_text(encoding="utf-8-sig").splitlines()
    without = (tmp_path / "b" / "respons_2024.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(with_rows) - len(without) == 192
    strip_id = lambda rows: sorted(r.split(";", 1)[1] for r in rows[1:])  # noqa: E731 - IDs shift with extra rows
    assert set(strip_id(without)) <= set(strip_id(with_rows))


# ============================================================================ back-check sample


POOL = [f"ID-{i:03d}" for i in range(100)]
FLAGGED = set(POOL[:10])


def test_backcheck_seed_is_a_stable_sha256_of_satker_and_period():
    expected = int.from_bytes(hashlib.sha256(b"uji-petik/1|LPKUPANG|2024-07").digest()[:8], "big")
    assert backcheck_seed("LPKUPANG", "2024-07") == expected
    assert backcheck_seed("LPKUPANG", "2024-08") != expected


def test_backcheck_is_reproducible_and_independent_of_input_order():
    a = draw_backcheck(POOL, FLAGGED, kode_satker="LPKUPANG", periode="2024-07", size=10, oversample=3)
    b = draw_backcheck(list(reversed(POOL)) + POOL[:5], list(FLAGGED) + ["BUKAN-ANGGOTA"], kode_satker="LPKUPANG",
                       periode="2024-07", size=10, oversample=3)
    assert a == b
    assert len(a.id_respons) == 10 and list(a.id_respons) == sorted(a.id_respons)
    assert set(a.bertanda) == set(a.id_respons) & FLAGGED
    assert a.manifest["seed"] == backcheck_seed("LPKUPANG", "2024-07") and a.manifest["id_respons"] == list(a.id_respons)
    assert a.jumlah_kiriman == 100 and a.jumlah_bertanda == 10
    other = draw_backcheck(POOL, FLAGGED, kode_satker="LPKUPANG", periode="2024-08", size=10, oversample=3)
    assert other.id_respons != a.id_respons


def test_backcheck_small_pool_and_bad_parameters():
    s = draw_backcheck(POOL[:4], [], kode_satker="X", periode="2024-07", size=10, oversample=3)
    assert s.id_respons == tuple(POOL[:4])
    assert draw_backcheck([], [], kode_satker="X", periode="2024-07", size=10, oversample=3).id_respons == ()
    with pytest.raises(ValueError, match="Faktor lebih"):
        draw_backcheck(POOL, [], kode_satker="X", periode="2024-07", size=10, oversample=0.5)
    with pytest.raises(ValueError, match="Ukuran uji petik"):
        draw_backcheck(POOL, [], kode_satker="X", periode="2024-07", size=-1, oversample=3)


def test_backcheck_oversamples_flagged_submissions():
    def share(factor):
        got = [len(draw_backcheck(POOL, FLAGGED, kode_satker="S", periode=f"P{i}", size=10, oversample=factor).bertanda)
               for i in range(1500)]
        return np.mean(got) / 10

    # factor 1: simple random sample, expected share 10/100; factor 3: the first pick alone is flagged
    # with probability 30/120 = 0.25, later picks slightly less (flagged ones leave the pool)
    assert share(1.0) == pytest.approx(0.10, abs=0.01)
    assert 0.22 <= share(3.0) <= 0.26


def test_submission_ids_fall_back_to_file_and_row():
    df = frame([BASE] * 5).assign(_berkas="respons.csv", _baris=range(2, 7))
    df.loc[1, "id_respons"] = None
    table, _ = q.flag_table(df, ITEMS, 4, cfg=CFG)
    assert table["id_respons"].tolist() == ["A-000", "respons.csv:3", "A-002", "A-003", "A-004"]
    table, _ = q.flag_table(df.drop(columns="id_respons"), ITEMS, 4, cfg=CFG)
    assert table["id_respons"].tolist() == [f"respons.csv:{i}" for i in range(2, 7)]
    assert set(table.columns) == {"id_respons", "kode_satker", "bulan", *q.FLAGS, "jumlah_tanda_lemah", "ditandai"}
