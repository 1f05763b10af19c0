"""Tests for spakanalysis.stats.feedback_themes: scores on hand-labelled comments, coverage of the
sample data, negation and affix rules, codebook override and validation, per-satker summary.

Labelled sets (``tests/data``), columns saran, tema (``;``-separated codes), jenis, korupsi:
  * ``tema_saran_berlabel.csv`` (159 comments), labelled before the rules were written;
  * ``tema_saran_uji.csv`` (45 comments), written and labelled after the rules were first tuned,
    as an out-of-sample check. Its first measurement, before any further change, was micro-F1
    0.88, kind accuracy 0.87, corruption recall 0.80 (one miss: "minta dibelikan rokok"); the
    rules were then extended, so both sets are now in-sample.
Labelling convention: a theme applies when the comment says something specific about that aspect;
``pelayanan_umum`` only when no specific theme applies; jenis ``keluhan`` when the comment reports
a shortcoming (even with a request), else ``usulan`` for a request/hope, else ``pujian``; korupsi
``ya`` when the comment reports pungli, imbalan, suap, calo or kecurangan, ``tidak`` when it denies
them. Run ``pytest -rA tests/test_feedback_themes.py`` to see the score tables.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spakanalysis.stats.feedback_themes import (
    DEFAULT_UNSUR,
    SUMMARY_COLUMNS,
    ThemeCodebookError,
    classify,
    classify_series,
    codebook_for_data_folder,
    load_codebook,
    normalise,
    summarise_themes,
)

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "data" / "tema_saran_berlabel.csv"
HELD_OUT = ROOT / "tests" / "data" / "tema_saran_uji.csv"
SAMPLE = ROOT / "data" / "raw"


def read_labelled(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame["gold"] = frame["tema"].map(lambda s: frozenset(t for t in s.split(";") if t))
    return frame


def scores(frame: pd.DataFrame, codes) -> tuple[pd.DataFrame, dict]:
    """Per-theme precision/recall table and overall figures of the classifier on a labelled set."""
    out = classify_series(frame["saran"])
    pred = out["tema"].map(frozenset)
    rows = []
    for code in codes:
        tp = sum(code in g and code in p for g, p in zip(frame["gold"], pred))
        fp = sum(code not in g and code in p for g, p in zip(frame["gold"], pred))
        fn = sum(code in g and code not in p for g, p in zip(frame["gold"], pred))
        rows.append({"tema": code, "n": tp + fn, "tp": tp, "fp": fp, "fn": fn,
                     "presisi": tp / (tp + fp) if tp + fp else math.nan,
                     "recall": tp / (tp + fn) if tp + fn else math.nan})
    table = pd.DataFrame(rows)
    tp, fp, fn = table["tp"].sum(), table["fp"].sum(), table["fn"].sum()
    gold_c = frame["korupsi"].eq("ya").to_numpy()
    pred_c = out["korupsi"].to_numpy()
    gold_kind = [s or None for s in frame["jenis"]]
    overall = {
        "micro_f1": 2 * tp / (2 * tp + fp + fn),
        "jenis_akurasi": float(np.mean([g == p for g, p in zip(gold_kind, out["jenis"])])),
        "korupsi_presisi": (gold_c & pred_c).sum() / max(pred_c.sum(), 1),
        "korupsi_recall": (gold_c & pred_c).sum() / gold_c.sum(),
    }
    return table, overall


def print_scores(title: str, table: pd.DataFrame, overall: dict) -> None:
    print(f"\n{title}")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    print(", ".join(f"{k} = {v:.3f}" for k, v in overall.items()))


# ---------------------------------------------------------------------------------------------
# The labelled sets
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [LABELLED, HELD_OUT], ids=["berlabel", "uji"])
def test_labelled_set_is_well_formed(path):
    frame = read_labelled(path)
    codes = set(load_codebook().codes)
    assert set().union(*frame["gold"]) <= codes
    assert set(frame["jenis"]) <= {"pujian", "keluhan", "usulan", ""}
    assert set(frame["korupsi"]) <= {"ya", "tidak"}
    assert frame["saran"].is_unique
    if path == LABELLED:
        corruption_related = frame["gold"].map(lambda g: bool(g & {"pungli", "calo", "kecurangan"}))
        assert len(frame) >= 100
        assert corruption_related.sum() >= 10
        assert frame["korupsi"].eq("ya").sum() >= 10 and (corruption_related & frame["korupsi"].eq("tidak")).sum() >= 10
        assert frame["gold"].map(len).ge(2).sum() >= 20  # several themes
        assert frame["gold"].map(len).eq(0).sum() >= 3  # no theme


@pytest.mark.parametrize("path", [LABELLED, HELD_OUT], ids=["berlabel", "uji"])
def test_scores_on_labelled_set(path, record_property):
    frame = read_labelled(path)
    table, overall = scores(frame, load_codebook().codes)
    print_scores(f"Skor pengelompokan tema pada {path.name} ({len(frame)} saran)", table, overall)
    for key, value in overall.items():
        record_property(key, round(float(value), 4))
    assert overall["micro_f1"] >= 0.85
    assert overall["jenis_akurasi"] >= 0.85
    assert overall["korupsi_recall"] == 1.0
    assert overall["korupsi_presisi"] >= 0.9
    present = table[table["n"] > 0]
    if path == LABELLED:
        assert len(present) == len(table)  # every theme has labelled examples
        assert (present["recall"] >= 0.7).all(), present[present["recall"] < 0.7]
    else:  # a handful of examples per theme: only the overall floors and no theme missed entirely
        assert (present["recall"] > 0).all(), present[present["recall"] == 0]


def read_sample_comments() -> pd.DataFrame:
    """Comments of the sample response files, columns mapped as pemetaan_kolom.csv says."""
    mapping = pd.read_csv(SAMPLE / "pemetaan_kolom.csv", dtype=str)
    to_std = dict(zip(mapping["kolom_sumber"].str.strip().str.lower(), mapping["kolom_baku"]))
    frames = []
    for path in sorted(SAMPLE.glob("respons*.csv")):
        raw = pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        frames.append(raw.rename(columns=lambda c: to_std.get(c.strip().lower(), c)))
    data = pd.concat(frames, ignore_index=True)
    return data.loc[data["saran"].str.strip() != "", ["kode_satker", "saran"]].reset_index(drop=True)


def test_sample_comments_coverage(record_property):
    comments = read_sample_comments()
    out = classify_series(comments["saran"])
    themed = out["tema"].map(len) > 0
    coverage = themed.mean()
    coverage_content = themed[out["berisi"]].mean()
    print(f"\nData contoh: {len(comments)} saran tidak kosong ({comments['saran'].nunique()} berbeda); "
          f"bertema {themed.sum()} = {coverage:.1%}; dari {out['berisi'].sum()} saran berisi: {coverage_content:.1%}")
    print("Tanpa tema:", comments.loc[~themed, "saran"].value_counts().to_dict())
    record_property("cakupan_tema", round(float(coverage), 4))
    assert len(comments) == 5428  # January–September 2024: 2049 of them July–September (37 planted copies)
    assert coverage >= 0.90
    # The only comment without a theme in the sample is the content-free "-".
    assert set(comments.loc[~themed, "saran"]) == {"-"}


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["antre", "antri", "antrean", "antrian", "mengantre", "mengantri", "ngantri", "antriannya", "Antriiian"],
)
def test_queue_spelling_variants(text):
    assert "antrean" in classify(f"{text} di loket").themes


@pytest.mark.parametrize("text", ["lama", "kelamaan", "lamban", "lambat", "lamaaa", "lamanya"])
def test_slowness_variants_are_complaints(text):
    c = classify(f"prosesnya {text}")
    assert c.themes == ("waktu_layanan",) and c.kind == "keluhan"


@pytest.mark.parametrize("text", ["ramah", "keramahan petugas", "ramahnya", "petugas sopan"])
def test_friendliness_variants(text):
    c = classify(text)
    assert c.themes == ("sikap_petugas",) and c.kind == "pujian"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Petugas tidak ramah", "keluhan"),
        ("ptgs gak ramah", "keluhan"),
        ("petugas nggak sopan bgt", "keluhan"),
        ("Toilet kurang bersih", "keluhan"),
        ("prosesnya tidak lama", "pujian"),
        ("tidak ribet, cepat", "pujian"),
        ("Mohon tambah kursi supaya tidak antre lama", "usulan"),
        ("Sudah bagus, tapi papan informasi perlu diperbarui", "usulan"),
        ("Pendaftaran online membantu, tidak perlu ngantri", "pujian"),
        ("Mohon petugas tidak main hp saat melayani", "usulan"),
        ("Wifi tidak bisa dipakai", "keluhan"),
        ("Semoga segera meraih predikat WBK", "usulan"),
        ("Biasa saja", None),
    ],
)
def test_kind_negation_and_precedence(text, kind):
    assert classify(text).kind == kind


@pytest.mark.parametrize(
    ("text", "themes", "corruption", "kind"),
    [
        ("Tidak ada pungli", ("pungli",), False, "pujian"),
        ("Bebas pungli, bebas calo", ("pungli", "calo"), False, "pujian"),
        ("Tanpa calo, urus sendiri gampang", ("calo", "prosedur"), False, "pujian"),
        ("gak ada yg minta duit", ("pungli",), False, "pujian"),
        ("Petugas minta uang terima kasih setelah selesai", ("pungli", "waktu_layanan"), True, "keluhan"),
        ("Masih ada calo di depan kantor", ("calo",), True, "keluhan"),
        ("disuruh bayar 50rb biar cepat", ("pungli", "waktu_layanan"), True, "keluhan"),
        ("Ada jalur belakang lewat orang dalam", ("kecurangan",), True, "keluhan"),
        ("diminta uang kebersihan oleh juru parkir", ("pungli", "parkir"), True, "keluhan"),
        ("Terima kasih, pelayanan cepat dan tidak dipungut biaya", ("waktu_layanan", "biaya"), False, "pujian"),
        ("Harus keluar uang untuk bisa masuk", ("pungli",), True, "keluhan"),
        ("tidak keluar uang sepeser pun", ("pungli", "biaya"), False, "pujian"),
        ("Petugas menolak waktu saya kasih uang terima kasih", ("pungli",), False, "pujian"),
    ],
)
def test_corruption_and_its_denial(text, themes, corruption, kind):
    c = classify(text)
    assert (c.themes, c.corruption, c.kind) == (themes, corruption, kind)


def test_longer_and_corruption_matches_take_precedence():
    # "ruang tunggu" is sarana, not waktu; "uang kebersihan" is pungli, not kebersihan.
    assert classify("Ruang tunggu sempit").themes == ("sarana",)
    assert "kebersihan" not in classify("ada uang kebersihan").themes


def test_fallback_theme_only_without_specific_theme():
    assert classify("Pelayanan sudah baik, pertahankan").themes == ("pelayanan_umum",)
    assert classify("Pelayanan baik, toilet kotor").themes == ("kebersihan",)


@pytest.mark.parametrize("text", [None, np.nan, pd.NA, "", "   ", "-", "...", "tidak ada", "Nihil", "tdk ada"])
def test_empty_and_content_free_comments(text):
    c = classify(text)
    assert (c.themes, c.kind, c.corruption, c.has_content) == ((), None, False, False)


def test_masked_personal_data_is_no_content():
    assert normalise("Hubungi [data pribadi disamarkan] ya") == "hubungi ya"
    assert classify("Tolong hubungi saya di [data pribadi disamarkan]").themes == ()


def test_normalisation_of_informal_spelling():
    assert normalise("Antriannya lamaaa bgt, gak ada kursi!") == "antreannya lama banget | tidak ada kursi"
    assert normalise("yg sdh udh krn plyn tdk") == "yang sudah sudah karena pelayanan tidak"
    assert normalise("M-Paspor & lapor.go.id <3") == "m paspor lapor go id 3"


def test_classify_series_matches_classify_and_keeps_index():
    texts = pd.Series(["Toilet kotor", None, "toilet KOTOR!!", "Ada calo", "Mantap"], index=[10, 11, 12, 13, 14])
    out = classify_series(texts)
    assert list(out.index) == [10, 11, 12, 13, 14]
    assert list(out.columns) == ["tema", "jenis", "korupsi", "berisi"]
    for i, text in texts.items():
        c = classify(text)
        assert out.loc[i].tolist() == [c.themes, c.kind, c.corruption, c.has_content]
    assert out["korupsi"].tolist() == [False, False, False, True, False]


# ---------------------------------------------------------------------------------------------
# Codebook: override and validation
# ---------------------------------------------------------------------------------------------

OVERRIDE = """
versi_berkas = "uji"

[[tema]]
kode = "wifi"
label = "Wifi"
unsur = ["spkp_sarana"]
kata_kunci = ["wifi", "hotspot"]

[[tema]]
kode = "kantin"
label = "Kantin"
unsur = []
kata_kunci = ["kantin", "jajan*"]
"""


def test_default_codebook_links_real_unsur_codes():
    book = load_codebook()
    instrument = pd.read_csv(SAMPLE / "instrumen.csv", dtype=str)
    assert set(instrument["kode_butir"]) == DEFAULT_UNSUR
    used = {u for t in book.themes for u in t.unsur}
    assert used <= set(instrument["kode_butir"])
    assert book.theme("calo").unsur == ("spak_percaloan",)
    assert book.theme("pungli").unsur == ("spak_pungli", "spak_imbalan")
    assert book.theme("sikap_petugas").unsur == ("spkp_respon", "skm_u7")


def test_codebook_override_from_data_folder(tmp_path):
    assert codebook_for_data_folder(tmp_path).codes == load_codebook().codes
    (tmp_path / "tema_saran.toml").write_text(OVERRIDE, encoding="utf-8")
    book = codebook_for_data_folder(tmp_path)
    assert book.codes == ("wifi", "kantin")
    assert book.source == str(tmp_path / "tema_saran.toml")
    c = classify("Wifi lemot, tp kantin murah. Jajanan enak", book)
    # Kind cues and spelling come from the package default when the override has none.
    assert (c.themes, c.kind) == (("wifi", "kantin"), "keluhan")
    assert classify("antrean lama", book).themes == ()


def test_codebook_override_with_own_kind_cues(tmp_path):
    text = OVERRIDE + '\n[jenis]\npujian = ["josss"]\nkeluhan = []\nusulan = []\nnetral = []\n' \
        'tanpa_isi = []\npenyangkal = ["tidak"]\npenyangkal_korupsi = []\n'
    path = tmp_path / "tema_saran.toml"
    path.write_text(text, encoding="utf-8")
    book = load_codebook(path)
    assert classify("wifi josss", book).kind == "pujian"
    assert classify("wifi tidak josss", book).kind == "keluhan"
    assert classify("wifi lemot", book).kind is None


def test_known_unsur_can_be_given(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(OVERRIDE.replace('["spkp_sarana"]', '["ikm_x1"]'), encoding="utf-8")
    with pytest.raises(ThemeCodebookError):
        load_codebook(path)
    assert load_codebook(path, known_unsur=["ikm_x1"]).theme("wifi").unsur == ("ikm_x1",)


@pytest.mark.parametrize(
    ("edit", "tema", "kunci", "pesan"),
    [
        (lambda s: s.replace('kata_kunci = ["wifi", "hotspot"]\n', ""), "wifi", "kata_kunci", "kunci wajib tidak ada"),
        (lambda s: s.replace('["wifi", "hotspot"]', "[]"), "wifi", "kata_kunci", "daftar kosong"),
        (lambda s: s.replace('["wifi", "hotspot"]', '["wifi", " "]'), "wifi", "kata_kunci", "teks kosong"),
        (lambda s: s.replace('["wifi", "hotspot"]', '"wifi"'), "wifi", "kata_kunci", "daftar teks"),
        (lambda s: s.replace('["spkp_sarana"]', '["spkp_sarana", "spkp_kantin"]'), "wifi", "unsur",
         "kode unsur tidak dikenal: 'spkp_kantin'"),
        (lambda s: s.replace('label = "Wifi"\n', ""), "wifi", "label", "kunci wajib tidak ada"),
        (lambda s: s.replace('kode = "kantin"', 'kode = "wifi"'), "wifi", "kode", "lebih dari sekali"),
        (lambda s: s.replace('kode = "kantin"', 'kode = "Kantin Baru"'), "Kantin Baru", "kode", "huruf kecil"),
        (lambda s: s.replace('label = "Wifi"', 'label = "Wifi"\nkatakunci = ["x"]'), "wifi", "katakunci",
         "kunci tidak dikenal"),
        (lambda s: s.replace('label = "Wifi"', 'label = "Wifi"\npola = ["(wifi"]'), "wifi", "pola", "tidak sah"),
        (lambda s: s.replace('label = "Wifi"', 'label = "Wifi"\nkorupsi = "ya"'), "wifi", "korupsi", "true atau false"),
        (lambda s: s.split("[[tema]]")[0], None, "tema", "tidak ada [[tema]]"),
        (lambda s: s + '\n[jenis]\npujian = ["a"]\n', None, "jenis.keluhan", "kunci wajib tidak ada"),
        (lambda s: s.replace('kata_kunci = ["wifi", "hotspot"]', 'kata_kunci = ["wifi", "hotspot"'), None, None,
         "bukan TOML yang sah"),
    ],
    ids=["tanpa-kata-kunci", "kata-kunci-kosong", "kata-kunci-spasi", "bukan-daftar", "unsur-tidak-dikenal",
         "tanpa-label", "kode-ganda", "kode-tidak-sah", "kunci-salah-ketik", "pola-rusak", "bukan-boolean",
         "tanpa-tema", "jenis-tidak-lengkap", "toml-rusak"],
)
def test_codebook_validation_errors(tmp_path, edit, tema, kunci, pesan):
    path = tmp_path / "tema_saran.toml"
    path.write_text(edit(OVERRIDE), encoding="utf-8")
    with pytest.raises(ThemeCodebookError) as info:
        load_codebook(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.berkas, err.tema, err.kunci) == (str(path), tema, kunci)
    assert pesan in err.pesan
    assert str(err).startswith(f"{path}: ") and pesan in str(err)
    if tema is not None:
        assert f"tema '{tema}'" in str(err)


def test_unreadable_codebook_file(tmp_path):
    path = tmp_path / "tema_saran.toml"
    path.write_bytes(b"\xff\xfe\x00kode")
    with pytest.raises(ThemeCodebookError, match="tidak dapat dibaca"):
        load_codebook(path)
    with pytest.raises(ThemeCodebookError, match="tidak dapat dibaca"):
        load_codebook(tmp_path / "tidak_ada.toml")


# ---------------------------------------------------------------------------------------------
# Per-satker summary
# ---------------------------------------------------------------------------------------------

NOW = pd.DataFrame(
    {
        "kode_satker": ["LPA", "LPA", "LPA", "LPA", "LPA", "LPA", "RTB", "RTB"],
        "periode": ["2024-09"] * 8,
        "saran": [
            "Antrean panjang sekali",  # antrean
            "Antre lama, mohon tambah loket",  # antrean, waktu_layanan, jumlah_petugas
            "Ada calo di depan",  # calo (corruption complaint)
            "Ruang tunggu panas",  # sarana
            "-",  # no content: not counted
            "Antrean panjang sekali",  # antrean (same text again)
            "Toilet kotor",  # kebersihan
            "Tidak ada pungli",  # pungli, no complaint
        ],
    }
)
BEFORE = pd.DataFrame(
    {
        "kode_satker": ["LPA", "LPA", "LPA", "LPA"],
        "saran": ["Antrean tertib", "Ruang tunggu nyaman", "Kursi kurang", "Mantap"],
    }
)


def test_summary_counts_shares_and_changes():
    out = summarise_themes(NOW, BEFORE, {"LPA": ["spkp_sarana", "spak_pungli"], "RTB": "spak_pungli"})
    assert list(out.columns) == SUMMARY_COLUMNS
    lpa = out[out["kode_satker"] == "LPA"].set_index("tema")
    # LPA now: 5 comments with content ("-" excluded); before: 4.
    # calo first (corruption complaint), then antrean (3), then by count, ties in codebook order;
    # pelayanan_umum had 1 of 4 before and none now.
    assert list(lpa.index) == ["calo", "antrean", "waktu_layanan", "jumlah_petugas", "sarana", "pelayanan_umum"]
    assert lpa["jumlah"].tolist() == [1, 3, 1, 1, 1, 0]
    assert (lpa["jumlah_komentar"] == 5).all()
    assert lpa.loc["antrean", "pangsa"] == pytest.approx(3 / 5)
    assert lpa.loc["antrean", "pangsa_sebelumnya"] == pytest.approx(1 / 4)
    assert lpa.loc["antrean", "perubahan"] == pytest.approx(3 / 5 - 1 / 4)  # +0.35
    # sarana: now 1 of 5; before "Ruang tunggu nyaman" and "Kursi kurang" = 2 of 4.
    assert lpa.loc["sarana", "perubahan"] == pytest.approx(1 / 5 - 2 / 4)  # -0.30
    assert lpa.loc["calo", "pangsa_sebelumnya"] == 0.0
    assert lpa.loc["pelayanan_umum", "perubahan"] == pytest.approx(-1 / 4)
    assert lpa.loc["antrean", "jumlah_keluhan"] == 3 and lpa.loc["antrean", "jumlah_usulan"] == 0
    assert lpa.loc["calo", "jumlah_korupsi"] == 1 and lpa.loc["calo", "korupsi"]
    assert lpa.loc["calo", "unsur"] == "spak_percaloan"
    assert lpa["menyentuh_unsur_terlemah"].to_dict() == {
        "calo": False, "antrean": False, "sarana": True, "waktu_layanan": False, "jumlah_petugas": False,
        "pelayanan_umum": False,
    }
    # Two distinct quotes, the longest first; the repeated text appears once.
    assert lpa.loc["antrean", ["kutipan_1", "kutipan_2"]].tolist() == [
        "Antre lama, mohon tambah loket", "Antrean panjang sekali"]
    assert lpa.loc["calo", ["kutipan_1", "kutipan_2"]].tolist() == ["Ada calo di depan", None]
    assert lpa.loc["pelayanan_umum", ["kutipan_1", "kutipan_2"]].tolist() == [None, None]
    rtb = out[out["kode_satker"] == "RTB"].set_index("tema")
    # RTB had no comment before: no previous share. "Tidak ada pungli" is no corruption complaint,
    # but its theme meets RTB's weakest unsur.
    assert list(rtb.index) == ["pungli", "kebersihan"]
    assert rtb["pangsa"].tolist() == [0.5, 0.5]
    assert rtb["pangsa_sebelumnya"].isna().all() and rtb["perubahan"].isna().all()
    assert not rtb.loc["pungli", "korupsi"] and rtb.loc["pungli", "jumlah_pujian"] == 1
    assert rtb.loc["pungli", "menyentuh_unsur_terlemah"]


def test_summary_without_previous_period():
    out = summarise_themes(NOW)
    assert out["pangsa_sebelumnya"].isna().all() and out["perubahan"].isna().all()
    assert not out["menyentuh_unsur_terlemah"].any()
    assert out.loc[out["tema"] == "antrean", "pangsa"].item() == pytest.approx(0.6)


def test_corruption_complaints_surface_first_and_are_quoted_first():
    comments = pd.DataFrame({
        "kode_satker": ["X"] * 7,
        "saran": ["Antrean lama sekali hari ini", "Antrean panjang", "Antrean tertib", "Antre sebentar",
                  "Pelayanan cepat tanpa pungli sama sekali, terima kasih banyak", "Ada pungli", "Antre ok"],
    })
    out = summarise_themes(comments)
    assert out["tema"].iloc[0] == "pungli"  # 2 mentions vs antrean 5, but one is a complaint
    first = out.iloc[0]
    # The corruption complaint is quoted before the longer comment that denies corruption.
    assert [first["kutipan_1"], first["kutipan_2"]] == [
        "Ada pungli", "Pelayanan cepat tanpa pungli sama sekali, terima kasih banyak"]


def test_summary_is_deterministic_whatever_the_row_order():
    comments = pd.concat([NOW] * 3, ignore_index=True)
    comments.loc[comments.index[::3], "saran"] = "Antrean ramai, loket sedikit"
    base = summarise_themes(comments, BEFORE)
    for seed in range(5):
        shuffled = comments.sample(frac=1.0, random_state=seed)
        pd.testing.assert_frame_equal(summarise_themes(shuffled, BEFORE.sample(frac=1.0, random_state=seed)), base)


def test_summary_missing_column_is_a_clear_error():
    with pytest.raises(ValueError, match="Tabel saran periode ini tidak memiliki kolom saran"):
        summarise_themes(NOW.drop(columns="saran"))
    with pytest.raises(ValueError, match="periode sebelumnya tidak memiliki kolom kode_satker"):
        summarise_themes(NOW, BEFORE.drop(columns="kode_satker"))


def test_summary_of_sample_data_is_fast_and_complete():
    comments = read_sample_comments()
    out = summarise_themes(comments)
    # Every satker with a comment with content has rows; shares are between 0 and 1.
    with_content = comments.loc[classify_series(comments["saran"])["berisi"], "kode_satker"].unique()
    assert set(out["kode_satker"]) == set(with_content)
    assert out["pangsa"].between(0, 1).all()
    # Corruption complaints in the sample ("jasa 'bantu urus'") come first within each satker.
    for _, group in out.groupby("kode_satker"):
        flags = group["korupsi"].tolist()
        assert flags == sorted(flags, reverse=True)
    assert out["korupsi"].any()


def test_docstring_examples():
    import doctest
    import importlib

    attempted = 0
    for name in ("codebook", "text", "classify", "summary"):
        module = importlib.import_module(f"spakanalysis.stats.feedback_themes.{name}")
        result = doctest.testmod(module)
        assert result.failed == 0, name
        attempted += result.attempted
    assert attempted >= 15
