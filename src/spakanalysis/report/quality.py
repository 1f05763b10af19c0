"""Data-quality flags of a report's responses (issue 19): what the satker report, recap and internal workbook show.

The flags are computed once per dataset, period and cut-off on the rows the
reports count (:func:`~spakanalysis.report.feedback.counted_responses` for every
satker, so the all-maximum comparison with the Kanwil uses the same rows) and
memoised on the dataset object. :func:`satker_quality` gives the public figures
of one satker (counts and shares, never submission IDs); :func:`flagged_ids`
and :func:`backcheck_samples` give the IDs, for the internal workbook only.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from spakanalysis.core.calendars import libur_nasional, mode_hari_layanan
from spakanalysis.core.periods import Periode
from spakanalysis.report.feedback import counted_responses
from spakanalysis.stats import quality_flags as q
from spakanalysis.stats.backcheck import UjiPetik, draw_backcheck

__all__ = ["FLAG_LABELS", "KualitasSatker", "dataset_flags", "satker_quality", "flagged_ids", "backcheck_samples",
           "flagged_share_table"]

#: Indonesian names of the flags, in report order.
FLAG_LABELS = {
    "garis_lurus": "Jawaban sama semua (garis lurus)",
    "maksimum": "Semua butir bernilai maksimum, jauh di atas Kanwil",
    "beruntun": "Kiriman beruntun dengan jawaban (hampir) sama",
    "luar_jam": "Di luar hari/jam layanan",
    "teks_berulang": "Teks saran berulang",
    "waktu_singkat": "Waktu pengisian terlalu singkat",
    "ditandai": "Bertanda (sedikitnya satu tanda kuat atau dua tanda lemah)",
}

_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _registry_inputs(dataset, years: set[int]) -> dict[str, Any]:
    """What :func:`~spakanalysis.stats.quality_flags.flag_table` needs from the registry and codebook."""
    reg = dataset.satker
    holidays: set[date] = set()
    for y in sorted(years):
        holidays |= set(libur_nasional(y))
    return {
        "max_values": dict(zip(dataset.instrumen["kode_butir"], dataset.instrumen["skala_maks"])),
        "service_modes": {k: mode_hari_layanan(j, None if pd.isna(h) else h)
                          for k, j, h in zip(reg["kode_satker"], reg["jenis_satker"], reg["hari_layanan"])},
        "holidays": holidays,
        "timezones": dict(zip(reg["kode_satker"], reg["zona_waktu"])),
        "kanwil": dict(zip(reg["kode_satker"], reg["kanwil"])),
    }


def dataset_flags(dataset, period: Periode, cut: date) -> pd.DataFrame:
    """The flag table (:func:`~spakanalysis.stats.quality_flags.flag_table`) of every counted row of the dataset.

    Counted = valid for SPKP or SPAK, inside ``period`` up to ``cut``. Memoised per dataset object.
    """
    key = (period.mulai, period.akhir, cut)
    memo = _MEMO.setdefault(dataset, {})
    if key not in memo:
        r = dataset.respons
        rows = r[counted_responses(r, period, cut)]
        items = dataset.items("spkp") + dataset.items("spak")
        years = {period.mulai.year, min(period.akhir, cut).year}
        table, _ = q.flag_table(rows, items, **_registry_inputs(dataset, years))
        memo[key] = table
    return memo[key]


@dataclass(frozen=True)
class KualitasSatker:
    """One satker's data-quality figures for the report (no submission IDs).

    ``per_tanda``: one row per flag and ``ditandai`` — ``tanda``, ``label``, ``jumlah``,
    ``proporsi`` (of ``n``), ``penjelasan``. ``per_bulan``: ``bulan``, ``n`` and ``jumlah_<tanda>``.
    """

    n: int
    per_tanda: pd.DataFrame
    per_bulan: pd.DataFrame
    versi_konfigurasi: int
    waktu_singkat_tersedia: bool

    @property
    def summary(self) -> dict[str, Any]:
        """The ``kualitas_data`` block of ``ringkasan.json``."""
        t = self.per_tanda.set_index("tanda")
        return {
            "versi_konfigurasi": self.versi_konfigurasi,
            "respons_diperiksa": self.n,
            "waktu_singkat_tersedia": self.waktu_singkat_tersedia,
            "jumlah": {f: int(t.loc[f, "jumlah"]) for f in t.index},
            "proporsi": {f: _share(t.loc[f, "proporsi"]) for f in t.index},
            "proporsi_ditandai": _share(t.loc["ditandai", "proporsi"]),
            "bulanan": [{"bulan": r["bulan"], "respons_diperiksa": int(r["n"]),
                         **{f: int(r[f"jumlah_{f}"]) for f in t.index}} for _, r in self.per_bulan.iterrows()],
        }


def _share(x) -> float | None:
    return None if pd.isna(x) else round(float(x), 4)


def satker_quality(dataset, code: str, period: Periode, cut: date, cfg: dict | None = None) -> KualitasSatker:
    """The data-quality figures of satker ``code`` in ``period`` up to ``cut``."""
    cfg = q.load_quality_config() if cfg is None else cfg
    table = dataset_flags(dataset, period, cut)
    mine = table[table["kode_satker"] == code]
    cols = [*q.FLAGS, "ditandai"]
    n = len(mine)
    per_tanda = pd.DataFrame({
        "tanda": cols,
        "label": [FLAG_LABELS[f] for f in cols],
        "jumlah": [int(mine[f].sum()) for f in cols],
        "proporsi": [mine[f].mean() if n else float("nan") for f in cols],
        "penjelasan": [cfg["penjelasan"][f] for f in cols],
    })
    per_bulan = mine.groupby("bulan", sort=True)[cols].sum().astype("int64").add_prefix("jumlah_")
    per_bulan.insert(0, "n", mine.groupby("bulan", sort=True).size())
    return KualitasSatker(n, per_tanda, per_bulan.reset_index(), int(cfg["versi"]),
                          bool(table.attrs.get("waktu_singkat_tersedia", False)))


def flagged_ids(dataset, period: Periode, cut: date) -> pd.DataFrame:
    """INTERNAL: one row per flagged submission — ``kode_satker``, ``bulan``, ``id_respons`` and the flags."""
    table = dataset_flags(dataset, period, cut)
    out = table.loc[table["ditandai"], ["kode_satker", "bulan", "id_respons", *q.FLAGS]]
    return out.sort_values(["kode_satker", "id_respons"], kind="stable").reset_index(drop=True)


def backcheck_samples(dataset, period: Periode, cut: date, cfg: dict | None = None) -> list[UjiPetik]:
    """INTERNAL: the back-check sample of every satker with counted rows, seeded by satker and period code."""
    cfg = q.load_quality_config() if cfg is None else cfg
    size, factor = q.threshold(cfg, "uji_petik", "ukuran"), q.threshold(cfg, "uji_petik", "faktor_lebih")
    table = dataset_flags(dataset, period, cut)
    return [draw_backcheck(g["id_respons"], g.loc[g["ditandai"], "id_respons"], kode_satker=str(k),
                           periode=period.kode, size=int(size), oversample=float(factor))
            for k, g in table.groupby("kode_satker", sort=True)]


def flagged_share_table(dataset, period: Periode, cut: date) -> pd.DataFrame:
    """Satkers ranked by flagged share: ``kode_satker``, ``respons_diperiksa``, ``jumlah_ditandai``,
    ``proporsi_ditandai`` (highest first, ties by code)."""
    table = dataset_flags(dataset, period, cut)
    g = table.groupby("kode_satker", sort=True)["ditandai"].agg(["size", "sum"])
    out = pd.DataFrame({"kode_satker": g.index, "respons_diperiksa": g["size"].astype(int).to_numpy(),
                        "jumlah_ditandai": g["sum"].astype(int).to_numpy()})
    out["proporsi_ditandai"] = out["jumlah_ditandai"] / out["respons_diperiksa"]
    return out.sort_values(["proporsi_ditandai", "kode_satker"], ascending=[False, True], kind="stable").reset_index(drop=True)
