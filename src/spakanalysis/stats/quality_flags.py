"""Data-quality flags: responses that look filled in by staff rather than by service users.

Every flag is computed from what the export holds (answers, submission time,
free text, optionally the filling duration), never from personal data. Each
flag function returns one boolean per submission (aligned to the frame's
index); :func:`flag_table` combines them and :func:`summary` aggregates them
per satker and month (count, share, sorted list of submission IDs).

Flags (thresholds and their rationale in ``config/kualitas_data.toml``):

* ``garis_lurus`` — straight-lining: every answered item has the same value
  (at least ``min_butir`` answered).
* ``maksimum`` — an all-maximum answer vector at a satker-month whose
  all-maximum share exceeds the Kanwil's share in that month (the other
  satkers of the Kanwil pooled, leave-one-out) by ``selisih_min`` and a
  one-sided binomial test at level ``alfa``.
* ``beruntun`` — a burst: at least ``min_kiriman`` submissions at one satker
  inside one span of ``jendela_menit`` minutes whose answer vectors are all
  within Hamming distance ``jarak_hamming_maks`` of the flagged one's.
* ``luar_jam`` — submitted outside the satker's service days (weekday mode +
  holidays) or outside service hours, in the satker's local time.
* ``teks_berulang`` — the same normalised free text ``min_ulang`` times at one
  satker within ``jendela_jam`` hours (short and common texts ignored).
* ``waktu_singkat`` — filling time below ``detik_min`` seconds, only when the
  export has ``durasi_detik`` or ``waktu_mulai``/``waktu_selesai``.

``ditandai`` = at least one strong flag or ``min_lemah`` weak flags. Flags
never exclude anything by themselves; :func:`exclude_flagged` gives the frame
without flagged submissions so attainment and indices can be recomputed side
by side.

This module imports only the standard library, numpy, pandas and scipy: the
caller resolves registry information (service-day modes, holidays, time zones,
Kanwil) and passes it in.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "FLAGS",
    "KonfigurasiKualitasError",
    "load_quality_config",
    "threshold",
    "answer_matrix",
    "month_key",
    "local_times",
    "straight_lining",
    "all_maximum_vectors",
    "all_maximum_months",
    "all_maximum",
    "bursts",
    "outside_service",
    "normalise_text",
    "repeated_text",
    "short_duration",
    "flag_table",
    "summary",
    "exclude_flagged",
]

#: Flag columns of :func:`flag_table`, in report order.
FLAGS = ("garis_lurus", "maksimum", "beruntun", "luar_jam", "teks_berulang", "waktu_singkat")

DEFAULT_TIMEZONE = "Asia/Makassar"
_WEEKMASK = {"kalender": "1111111", "senin-jumat": "1111100", "senin-sabtu": "1111110"}
CONFIG_NAME = "kualitas_data.toml"
SUPPORTED_VERSION = 1


class KonfigurasiKualitasError(ValueError):
    """An invalid data-quality configuration (message in Indonesian, naming the file and key)."""


# =========================================================================== configuration


def load_quality_config(path: str | Path | None = None) -> dict[str, Any]:
    """Read the data-quality configuration: the packaged one, or the TOML file at ``path``.

    Checks ``versi`` and that every threshold table has ``nilai`` and a non-empty ``alasan``.
    """
    if path is None:
        name = f"spakanalysis/core/config/{CONFIG_NAME}"
        text = resources.files("spakanalysis.core.config").joinpath(CONFIG_NAME).read_text(encoding="utf-8")
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KonfigurasiKualitasError(f"Berkas konfigurasi kualitas data {name} tidak dapat dibaca ({exc.strerror}).") from None
    try:
        cfg = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KonfigurasiKualitasError(f"Berkas konfigurasi kualitas data {name} bukan TOML yang sah: {exc}.") from None
    _check_config(cfg, name)
    return cfg


def _check_config(cfg: Mapping[str, Any], name: str) -> None:
    if cfg.get("versi") != SUPPORTED_VERSION:
        raise KonfigurasiKualitasError(
            f"{name}: versi = {cfg.get('versi')!r} tidak didukung; versi yang didukung: {SUPPORTED_VERSION}."
        )
    for section, body in cfg.items():
        if section in ("versi", "riwayat", "penjelasan") or not isinstance(body, Mapping):
            continue
        for key, entry in body.items():
            if not isinstance(entry, Mapping) or "nilai" not in entry:
                raise KonfigurasiKualitasError(f"{name}: [{section}.{key}] harus berisi `nilai` dan `alasan`.")
            if not str(entry.get("alasan", "")).strip():
                raise KonfigurasiKualitasError(f"{name}: [{section}.{key}] tidak punya `alasan`.")
    missing = [f for f in (*FLAGS, "ditandai") if not str(cfg.get("penjelasan", {}).get(f, "")).strip()]
    if missing:
        raise KonfigurasiKualitasError(f"{name}: [penjelasan] tidak memuat penjelasan untuk: {', '.join(missing)}.")


def threshold(cfg: Mapping[str, Any], section: str, key: str) -> Any:
    """The ``nilai`` of threshold ``[section.key]``."""
    try:
        return cfg[section][key]["nilai"]
    except KeyError:
        raise KonfigurasiKualitasError(f"Konfigurasi kualitas data tidak memuat ambang [{section}.{key}].") from None


def _cfg(cfg: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return load_quality_config() if cfg is None else cfg


# =========================================================================== shared helpers


def answer_matrix(respons: pd.DataFrame, items: Sequence[str]) -> np.ndarray:
    """The answers as a float matrix (rows = submissions, NaN = no value)."""
    missing = [c for c in items if c not in respons.columns]
    if missing:
        raise KeyError(f"Kolom butir tidak ada di respons: {', '.join(missing)}.")
    return respons[list(items)].to_numpy(dtype=float, na_value=np.nan)


def month_key(respons: pd.DataFrame) -> pd.Series:
    """``YYYY-MM`` of each submission's local date (``tanggal_lokal``); NA when it has none."""
    dates = pd.to_datetime(respons["tanggal_lokal"], errors="coerce")
    return dates.dt.strftime("%Y-%m").astype(object).where(dates.notna(), None)


def local_times(respons: pd.DataFrame, timezones: Mapping[str, str] | None = None) -> pd.Series:
    """Each submission's local wall-clock time (naive), from ``waktu_isi`` (UTC) and the satker's zone."""
    tz = _lookup(respons["kode_satker"], timezones, DEFAULT_TIMEZONE)
    utc = pd.to_datetime(respons["waktu_isi"], utc=True)
    out = pd.Series(pd.NaT, index=respons.index, dtype="datetime64[us]")
    for zone in pd.unique(tz):
        sel = (tz == zone).to_numpy()
        out.loc[sel] = utc[sel].dt.tz_convert(zone).dt.tz_localize(None).astype("datetime64[us]")
    return out


def _uniform_rows(x: np.ndarray, min_items: int) -> tuple[np.ndarray, np.ndarray]:
    """(every answered item equal with >= min_items answered, that common value or NaN)."""
    answered = ~np.isnan(x)
    n = answered.sum(axis=1)
    hi = np.where(answered, x, -np.inf).max(axis=1, initial=-np.inf)
    lo = np.where(answered, x, np.inf).min(axis=1, initial=np.inf)
    same = (n >= min_items) & (hi == lo)
    return same, np.where(same, hi, np.nan)


def _lookup(codes: pd.Series, mapping: Mapping[str, Any] | None, default: Any) -> pd.Series:
    """``mapping[code]`` per row (``default`` when absent), as an object Series."""
    m = dict(mapping or {})
    return pd.Series([m.get(k, default) for k in codes], index=codes.index, dtype=object)


def _series(values: np.ndarray, index: pd.Index, name: str) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=bool), index=index, name=name)


# =========================================================================== answer-pattern flags


def straight_lining(respons: pd.DataFrame, items: Sequence[str], *, min_items: int = 5) -> pd.Series:
    """True where every answered item has the same value and at least ``min_items`` are answered."""
    same, _ = _uniform_rows(answer_matrix(respons, items), min_items)
    return _series(same, respons.index, "garis_lurus")


def all_maximum_vectors(
    respons: pd.DataFrame, items: Sequence[str], max_values: Mapping[str, float] | float, *, min_items: int = 5
) -> pd.Series:
    """True where every answered item is at its scale maximum (at least ``min_items`` answered)."""
    x = answer_matrix(respons, items)
    top = np.array([max_values[c] if isinstance(max_values, Mapping) else max_values for c in items], dtype=float)
    answered = ~np.isnan(x)
    ok = (answered.sum(axis=1) >= min_items) & np.all(~answered | (x == top[None, :]), axis=1)
    return _series(ok, respons.index, "vektor_maksimum")


def all_maximum_months(
    is_max: pd.Series,
    kode_satker: pd.Series,
    bulan: pd.Series,
    kanwil: Mapping[str, str] | None = None,
    *,
    min_responses: int = 30,
    min_excess: float = 0.20,
    alpha: float = 0.001,
) -> pd.DataFrame:
    """Per satker-month: all-maximum count and share against the Kanwil's, and whether it is flagged.

    The Kanwil share leaves the satker out (its other satkers pooled in that month). Flagged when
    ``n >= min_responses``, ``share - share_kanwil >= min_excess`` and the one-sided binomial test
    ``P(X >= count | n, share_kanwil) < alpha``. Columns: ``kode_satker``, ``bulan``, ``n``,
    ``jumlah_maksimum``, ``proporsi_maksimum``, ``proporsi_kanwil``, ``p_nilai``, ``ditandai``.
    """
    kw = _lookup(kode_satker, kanwil, "")
    df = pd.DataFrame({"kode_satker": kode_satker, "bulan": bulan, "kanwil": kw, "m": is_max.astype(int)})
    g = df.dropna(subset=["bulan"]).groupby(["kanwil", "kode_satker", "bulan"], sort=True)["m"].agg(["size", "sum"])
    g = g.rename(columns={"size": "n", "sum": "jumlah_maksimum"}).reset_index()
    tot = g.groupby(["kanwil", "bulan"])[["n", "jumlah_maksimum"]].transform("sum")
    rest_n, rest_k = tot["n"] - g["n"], tot["jumlah_maksimum"] - g["jumlah_maksimum"]
    g["proporsi_maksimum"] = g["jumlah_maksimum"] / g["n"]
    g["proporsi_kanwil"] = np.where(rest_n > 0, rest_k / rest_n.where(rest_n > 0, 1), np.nan)
    p0 = g["proporsi_kanwil"].to_numpy()
    with np.errstate(invalid="ignore"):
        pval = stats.binom.sf(g["jumlah_maksimum"] - 1, g["n"], np.clip(np.nan_to_num(p0, nan=1.0), 1e-12, 1.0))
    g["p_nilai"] = np.where(np.isnan(p0), np.nan, pval)
    g["ditandai"] = (
        (g["n"] >= min_responses)
        & ((g["proporsi_maksimum"] - g["proporsi_kanwil"]) >= min_excess - 1e-12)
        & (g["p_nilai"] < alpha)
    ).fillna(False).astype(bool)
    return g.drop(columns="kanwil")[["kode_satker", "bulan", "n", "jumlah_maksimum", "proporsi_maksimum",
                                     "proporsi_kanwil", "p_nilai", "ditandai"]]


def all_maximum(
    respons: pd.DataFrame,
    items: Sequence[str],
    max_values: Mapping[str, float] | float,
    kanwil: Mapping[str, str] | None = None,
    cfg: Mapping[str, Any] | None = None,
) -> tuple[pd.Series, pd.DataFrame]:
    """Per-submission ``maksimum`` flag (all-maximum vector at a flagged satker-month) and the month table."""
    c = _cfg(cfg)
    vec = all_maximum_vectors(respons, items, max_values, min_items=int(threshold(c, "maksimum", "min_butir")))
    bulan = month_key(respons)
    months = all_maximum_months(
        vec, respons["kode_satker"], bulan, kanwil,
        min_responses=int(threshold(c, "maksimum", "min_respons")),
        min_excess=float(threshold(c, "maksimum", "selisih_min")),
        alpha=float(threshold(c, "maksimum", "alfa")),
    )
    hot = set(map(tuple, months.loc[months["ditandai"], ["kode_satker", "bulan"]].to_numpy().tolist()))
    at_hot = [(k, b) in hot for k, b in zip(respons["kode_satker"], bulan)]
    return _series(vec.to_numpy() & np.array(at_hot, dtype=bool), respons.index, "maksimum"), months


# =========================================================================== bursts


def _in_dense_span(ts: np.ndarray, k: int, w: float) -> np.ndarray:
    """For sorted times: True where some span ``[a, a + w]`` holding the time holds >= k times."""
    n = len(ts)
    if n < k:
        return np.zeros(n, dtype=bool)
    end = np.searchsorted(ts, ts + w, side="right")  # span starting at ts[j] covers j..end[j]-1
    good = (end - np.arange(n)) >= k
    cover = np.zeros(n + 1, dtype=int)
    np.add.at(cover, np.flatnonzero(good), 1)
    np.add.at(cover, end[good], -1)
    return np.cumsum(cover)[:n] > 0


def _near(x: np.ndarray, i: int, rows: np.ndarray, max_distance: int) -> np.ndarray:
    """Rows whose answer vector is within Hamming distance of row i's (NaN equals NaN)."""
    a, b = x[i][None, :], x[rows]
    differ = ~((a == b) | (np.isnan(a) & np.isnan(b)))
    return differ.sum(axis=1) <= max_distance


def _burst_one_satker(t: np.ndarray, x: np.ndarray, k: int, w: float, d: int) -> np.ndarray:
    """Burst flags of one satker's submissions sorted by time ``t`` (seconds)."""
    n = len(t)
    out = np.zeros(n, dtype=bool)
    lo = np.searchsorted(t, t - w, side="left")
    hi = np.searchsorted(t, t + w, side="right")
    for i in np.flatnonzero(hi - lo >= k):
        rows = np.arange(lo[i], hi[i])
        sim = rows[_near(x, i, rows, d)]  # sorted positions, includes i
        if len(sim) >= k:
            out[i] = bool(_in_dense_span(t[sim], k, w)[np.searchsorted(sim, i)])
    return out


def bursts(
    respons: pd.DataFrame,
    items: Sequence[str],
    *,
    min_submissions: int = 5,
    window_minutes: float = 10,
    max_distance: int = 1,
) -> pd.Series:
    """True for submissions in a burst of near-identical answer vectors at one satker.

    A submission is flagged when some span of ``window_minutes`` containing it holds at least
    ``min_submissions`` submissions of the same satker (itself included) whose answer vectors are
    within Hamming distance ``max_distance`` of its own (a missing answer equals a missing answer).
    """
    x = answer_matrix(respons, items)
    secs = pd.to_datetime(respons["waktu_isi"], utc=True).astype("int64").to_numpy() / 1e6
    out = np.zeros(len(respons), dtype=bool)
    # each satker's rows by time (ties in row order), found in one sort rather than one scan per satker
    group, uniques = pd.factorize(respons["kode_satker"], sort=False)
    order = np.lexsort((secs, group))
    bounds = np.searchsorted(group[order], np.arange(len(uniques) + 1))
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        pos = order[lo:hi]
        out[pos] = _burst_one_satker(secs[pos], x[pos], int(min_submissions), float(window_minutes) * 60, int(max_distance))
    return _series(out, respons.index, "beruntun")


# =========================================================================== time of submission


def _clock(value: str) -> float:
    m = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", str(value))
    if not m or int(m.group(1)) > 24 or int(m.group(2)) > 59:
        raise KonfigurasiKualitasError(f'Jam "{value}" tidak sah; tulis seperti "07:30".')
    return int(m.group(1)) + int(m.group(2)) / 60


def outside_service(
    respons: pd.DataFrame,
    service_modes: Mapping[str, str] | None = None,
    holidays: Collection[_dt.date] = (),
    *,
    timezones: Mapping[str, str] | None = None,
    start: str = "07:30",
    end: str = "16:00",
) -> pd.Series:
    """True for submissions outside the satker's service days or outside ``[start, end)`` local time.

    ``service_modes`` maps ``kode_satker`` to ``kalender``/``senin-jumat``/``senin-sabtu`` (already
    resolved from the registry's ``hari_layanan`` and the satker-type default; missing =
    ``senin-jumat``). ``holidays`` are not service days except in ``kalender`` mode.
    """
    local = local_times(respons, timezones)
    hours = (local.dt.hour + local.dt.minute / 60 + local.dt.second / 3600).to_numpy()
    off_hours = (hours < _clock(start)) | (hours >= _clock(end))
    days = local.dt.floor("D").to_numpy().astype("datetime64[D]")
    modes = _lookup(respons["kode_satker"], service_modes, "senin-jumat").to_numpy(dtype=object)
    hol = np.array(sorted(holidays), dtype="datetime64[D]")
    off_day = np.zeros(len(respons), dtype=bool)
    for mode in pd.unique(modes):
        if mode not in _WEEKMASK:
            raise KonfigurasiKualitasError(f'Mode hari layanan "{mode}" tidak dikenal; pilih: {", ".join(_WEEKMASK)}.')
        sel = modes == mode
        if mode != "kalender":
            off_day[sel] = ~np.is_busday(days[sel], weekmask=_WEEKMASK[mode], holidays=hol)
    valid = local.notna().to_numpy()
    return _series((off_hours | off_day) & valid, respons.index, "luar_jam")


# =========================================================================== free text


def normalise_text(text: Any) -> str:
    """Lower case, NFKC, punctuation dropped, spaces collapsed (``"  Baik!! "`` → ``"baik"``)."""
    if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def repeated_text(
    respons: pd.DataFrame,
    *,
    min_repeats: int = 3,
    window_hours: float = 2,
    min_chars: int = 15,
    common: Collection[str] = (),
    column: str = "saran",
) -> pd.Series:
    """True where the same normalised text occurs ``min_repeats`` times at one satker within ``window_hours``.

    Texts shorter than ``min_chars`` (after normalising) or in ``common`` (normalised) are ignored.
    """
    if column not in respons.columns:
        return _series(np.zeros(len(respons), dtype=bool), respons.index, "teks_berulang")
    norm = respons[column].map(normalise_text)
    skip = {normalise_text(c) for c in common}
    keep = (norm.str.len() >= min_chars) & ~norm.isin(skip)
    secs = pd.to_datetime(respons["waktu_isi"], utc=True).astype("int64") / 1e6
    df = pd.DataFrame({"k": respons["kode_satker"], "t": norm, "s": secs, "pos": np.arange(len(respons))})[keep.to_numpy()]
    out = np.zeros(len(respons), dtype=bool)
    for _, g in df.groupby(["k", "t"], sort=False):
        if len(g) >= min_repeats:
            order = np.argsort(g["s"].to_numpy(), kind="stable")
            dense = _in_dense_span(g["s"].to_numpy()[order], int(min_repeats), float(window_hours) * 3600)
            out[g["pos"].to_numpy()[order][dense]] = True
    return _series(out, respons.index, "teks_berulang")


# =========================================================================== filling time


def short_duration(respons: pd.DataFrame, *, min_seconds: float = 60) -> tuple[pd.Series, bool]:
    """(filling time < ``min_seconds``, whether the export has a duration at all).

    Uses ``durasi_detik`` when present, else ``waktu_selesai - waktu_mulai``. Unknown durations
    are not flagged.
    """
    if "durasi_detik" in respons.columns:
        dur = pd.to_numeric(respons["durasi_detik"], errors="coerce")
    elif {"waktu_mulai", "waktu_selesai"} <= set(respons.columns):
        a = pd.to_datetime(respons["waktu_mulai"], utc=True, errors="coerce")
        b = pd.to_datetime(respons["waktu_selesai"], utc=True, errors="coerce")
        dur = (b - a).dt.total_seconds()
    else:
        return _series(np.zeros(len(respons), dtype=bool), respons.index, "waktu_singkat"), False
    return _series((dur < min_seconds).fillna(False).to_numpy(), respons.index, "waktu_singkat"), True


# =========================================================================== combined


def flag_table(
    respons: pd.DataFrame,
    items: Sequence[str],
    max_values: Mapping[str, float] | float,
    *,
    service_modes: Mapping[str, str] | None = None,
    holidays: Collection[_dt.date] = (),
    timezones: Mapping[str, str] | None = None,
    kanwil: Mapping[str, str] | None = None,
    cfg: Mapping[str, Any] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every flag per submission, and the all-maximum table per satker-month.

    Returns ``(table, months)``: ``table`` has the frame's index and columns ``id_respons``,
    ``kode_satker``, ``bulan``, one boolean per flag in :data:`FLAGS`, ``jumlah_tanda_lemah`` and
    ``ditandai``; ``table.attrs["waktu_singkat_tersedia"]`` says whether the export had a
    duration. ``months`` is :func:`all_maximum_months`. Pass the rows to be judged (usually the
    rows not excluded by validation); IDs default to ``_berkas:_baris`` when ``id_respons`` is absent.
    """
    c = _cfg(cfg)
    t = lambda s, k: threshold(c, s, k)  # noqa: E731
    maks, months = all_maximum(respons, items, max_values, kanwil, c)
    short, has_duration = short_duration(respons, min_seconds=float(t("waktu_singkat", "detik_min")))
    flags = {
        "garis_lurus": straight_lining(respons, items, min_items=int(t("garis_lurus", "min_butir"))),
        "maksimum": maks,
        "beruntun": bursts(respons, items, min_submissions=int(t("beruntun", "min_kiriman")),
                           window_minutes=float(t("beruntun", "jendela_menit")),
                           max_distance=int(t("beruntun", "jarak_hamming_maks"))),
        "luar_jam": outside_service(respons, service_modes, holidays, timezones=timezones,
                                    start=t("jam_layanan", "mulai"), end=t("jam_layanan", "selesai")),
        "teks_berulang": repeated_text(respons, min_repeats=int(t("teks_berulang", "min_ulang")),
                                       window_hours=float(t("teks_berulang", "jendela_jam")),
                                       min_chars=int(t("teks_berulang", "min_karakter")),
                                       common=t("teks_berulang", "teks_umum")),
        "waktu_singkat": short,
    }
    table = pd.DataFrame({"id_respons": _ids(respons), "kode_satker": respons["kode_satker"],
                          "bulan": month_key(respons), **flags}, index=respons.index)
    table["jumlah_tanda_lemah"] = table[list(t("gabungan", "lemah"))].sum(axis=1).astype("int64")
    strong = table[list(t("gabungan", "kuat"))].any(axis=1)
    table["ditandai"] = strong | (table["jumlah_tanda_lemah"] >= int(t("gabungan", "min_lemah")))
    table.attrs["waktu_singkat_tersedia"] = has_duration
    return table, months


def _ids(respons: pd.DataFrame) -> pd.Series:
    """``id_respons``; where it is missing, ``<_berkas>:<_baris>`` (file and spreadsheet row)."""
    berkas = respons["_berkas"].astype(str) if "_berkas" in respons.columns else pd.Series("", index=respons.index)
    baris = respons["_baris"].astype(str) if "_baris" in respons.columns else pd.Series(
        [str(i) for i in range(len(respons))], index=respons.index)
    fallback = berkas + ":" + baris
    if "id_respons" not in respons.columns:
        return fallback.astype(object)
    ids = respons["id_respons"].astype(object)
    return ids.where(ids.notna(), fallback).astype(str).astype(object)


def summary(table: pd.DataFrame, months: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per satker and month: ``n`` and, for every flag and ``ditandai``, ``jumlah_<f>``, ``proporsi_<f>``
    and ``id_<f>`` (sorted tuple of submission IDs). With ``months`` (from :func:`flag_table`),
    also ``proporsi_maksimum`` and ``proporsi_kanwil``. Rows sorted by satker, then month.
    """
    cols = [*FLAGS, "ditandai"]
    g = table.dropna(subset=["bulan"]).groupby(["kode_satker", "bulan"], sort=True)
    out = g.size().rename("n").to_frame()
    for f in cols:
        out[f"jumlah_{f}"] = g[f].sum().astype("int64")
        out[f"proporsi_{f}"] = out[f"jumlah_{f}"] / out["n"]
        out[f"id_{f}"] = g.apply(lambda d, f=f: tuple(sorted(d.loc[d[f], "id_respons"])), include_groups=False)
    out = out.reset_index()
    if months is not None:
        out = out.merge(months[["kode_satker", "bulan", "proporsi_maksimum", "proporsi_kanwil"]],
                        on=["kode_satker", "bulan"], how="left")
    return out


def exclude_flagged(respons: pd.DataFrame, table: pd.DataFrame, flag: str = "ditandai") -> pd.DataFrame:
    """The responses without the submissions carrying ``flag`` (aligned on the index); a new frame."""
    if flag not in table.columns:
        raise KeyError(f"Tanda {flag!r} tidak ada di tabel tanda.")
    hit = table[flag].reindex(respons.index, fill_value=False).astype(bool)
    return respons.loc[~hit.to_numpy()].copy()
