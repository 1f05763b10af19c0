"""The pandera schemas of the raw data contract, built on the rules of :mod:`spakanalysis.data.schemas`.

Every check is named with the problem code (``Masalah.kode``) it reports;
:data:`spakanalysis.data.schemas.TINGKAT` gives its level. Schemas validate
*cleaned* frames: strings stripped of outer whitespace, empty cells as ``""``
(registry, codebook) or, for the response frame, categorical columns (raw values
as categories, blank as missing) and the parsed ``waktu_isi``. Checks operate on
the categories, so a million rows cost little.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa

from spakanalysis.data.emails import split_emails
from spakanalysis.data.schemas import (
    DEFAULT_SCALE,
    HARI_LAYANAN,
    INSTRUMENTS,
    JENIS_SATKER,
    MAPPING_COLUMNS,
    RESPONDENT_TYPES,
    TERBALIK_TIDAK,
    TERBALIK_YA,
    TIDAK_VALID,
    category_values,
    classify_scale,
    is_safe_satker_code,
    normalize_text,
    parse_number,
    parse_whole,
    valid_timezone,
)
from spakanalysis.data.survey_url import is_valid_or_blank

__all__ = ["registry_schema", "codebook_schema", "mapping_schema", "response_schema", "scale_ok",
           "FRAME_CHECK_COLUMN"]


# ---------------------------------------------------------- element-wise rules


def _map_series(series: pd.Series, rule: Callable[[str], bool]) -> pd.Series:
    """Apply a string rule to each *distinct* value of an object series."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    ok_unique = np.fromiter((rule("" if u is None else str(u)) for u in uniques), dtype=bool, count=len(uniques))
    ok = np.where(codes < 0, rule(""), ok_unique[np.where(codes < 0, 0, codes)] if len(uniques) else False)
    return pd.Series(ok, index=series.index)


def _nonblank(text: str) -> bool:
    return text.strip() != ""


def _check(rule: Callable[[str], bool], kode: str) -> pa.Check:
    return pa.Check(lambda s: _map_series(s, rule), name=kode, ignore_na=False)


def _not_duplicated(series: pd.Series) -> pd.Series:
    key = series.map(lambda v: normalize_text(v) if isinstance(v, str) else "")
    return ~(key.duplicated(keep="first") & (key != ""))


def registry_schema(columns: Collection[str]) -> pa.DataFrameSchema:
    """Schema of the cleaned registry (``satker.csv``), for the columns present."""
    jenis = {normalize_text(j) for j in JENIS_SATKER}
    rules: dict[str, list[pa.Check]] = {
        "kode_satker": [
            _check(_nonblank, "nilai_wajib_kosong"),
            _check(lambda t: t.strip() == "" or is_safe_satker_code(t.strip()), "kode_satker_tidak_aman"),
            pa.Check(_not_duplicated, name="kode_satker_ganda"),
        ],
        "nama_satker": [_check(_nonblank, "nilai_wajib_kosong")],
        "jenis_satker": [
            _check(_nonblank, "nilai_wajib_kosong"),
            _check(lambda t: t.strip() == "" or normalize_text(t) in jenis, "jenis_satker_tidak_dikenal"),
        ],
        "kanwil": [_check(_nonblank, "nilai_wajib_kosong")],
        "jumlah_pengguna_layanan": [_check(lambda t: (parse_whole(t) or 0) > 0, "populasi_tidak_valid")],
        "periode_acuan": [_check(_nonblank, "nilai_wajib_kosong")],
        "zona_waktu": [_check(lambda t: t.strip() == "" or valid_timezone(t.strip()), "zona_waktu_tidak_valid")],
        "hari_layanan": [
            _check(lambda t: t.strip() == "" or normalize_text(t) in HARI_LAYANAN, "hari_layanan_tidak_valid")
        ],
        "email_pimpinan": [_check(lambda t: split_emails(t) is not None, "email_pimpinan_tidak_valid")],
        "url_survei": [_check(is_valid_or_blank, "url_survei_tidak_valid")],
    }
    return pa.DataFrameSchema(
        {c: pa.Column(None, checks, nullable=True) for c, checks in rules.items() if c in columns},
        strict=False,
        name="satker",
    )


_ITEM_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def _scale_bound(text: str) -> bool:
    return text.strip() == "" or parse_whole(text) is not None


def _scale_order(frame: pd.DataFrame) -> pd.Series:
    lo = frame["skala_min"].map(lambda t: parse_whole(t) if str(t).strip() else DEFAULT_SCALE[0])
    hi = frame["skala_maks"].map(lambda t: parse_whole(t) if str(t).strip() else DEFAULT_SCALE[1])
    known = lo.notna() & hi.notna()
    ok = pd.Series(True, index=frame.index)
    ok[known] = lo[known].astype(float) < hi[known].astype(float)
    return ok


def _weight(text: str) -> bool:
    if text.strip() == "":
        return True
    value = parse_number(text)
    return value is not None and value >= 0


def codebook_schema(columns: Collection[str]) -> pa.DataFrameSchema:
    """Schema of the cleaned codebook (``instrumen.csv``), for the columns present."""
    rules: dict[str, list[pa.Check]] = {
        "instrumen": [_check(lambda t: t.strip().upper() in INSTRUMENTS, "instrumen_tidak_dikenal")],
        "kode_butir": [
            _check(_nonblank, "nilai_wajib_kosong"),
            _check(lambda t: t.strip() == "" or bool(_ITEM_CODE.match(t.strip().lower())), "kode_butir_tidak_valid"),
            pa.Check(_not_duplicated, name="kode_butir_ganda"),
        ],
        "skala_min": [_check(_scale_bound, "skala_tidak_valid")],
        "skala_maks": [_check(_scale_bound, "skala_tidak_valid")],
        "terbalik": [_check(lambda t: normalize_text(t) in TERBALIK_YA | TERBALIK_TIDAK, "terbalik_tidak_valid")],
        "bobot": [_check(_weight, "bobot_tidak_valid")],
    }
    checks = []
    if {"skala_min", "skala_maks"} <= set(columns):
        checks.append(pa.Check(_scale_order, name="skala_tidak_valid"))
    return pa.DataFrameSchema(
        {c: pa.Column(None, cs, nullable=True) for c, cs in rules.items() if c in columns},
        checks=checks,
        strict=False,
        name="instrumen",
    )


def _consistent_mapping(frame: pd.DataFrame) -> pd.Series:
    source = frame["kolom_sumber"].map(normalize_text)
    target = frame["kolom_baku"].map(lambda t: str(t).strip().lower())
    first_target = target.groupby(source).transform("first")
    return (source == "") | (target == first_target)


def mapping_schema(columns: Collection[str], known: Collection[str]) -> pa.DataFrameSchema:
    """Schema of the cleaned ``pemetaan_kolom.csv``.

    ``known`` holds every standard column name (items and personal columns
    included) a header may be mapped to.
    """
    known = {k.lower() for k in known}
    rules: dict[str, list[pa.Check]] = {
        "kolom_sumber": [_check(_nonblank, "nilai_wajib_kosong")],
        "kolom_baku": [
            _check(_nonblank, "nilai_wajib_kosong"),
            _check(lambda t: t.strip() == "" or t.strip().lower() in known, "kolom_baku_tidak_dikenal"),
        ],
    }
    checks = []
    if set(MAPPING_COLUMNS) <= set(columns):
        checks.append(pa.Check(_consistent_mapping, name="pemetaan_ganda"))
    return pa.DataFrameSchema(
        {c: pa.Column(None, cs, nullable=True) for c, cs in rules.items() if c in columns},
        checks=checks,
        strict=False,
        name="pemetaan_kolom",
    )


#: the column a frame-wide check reports its failures under
FRAME_CHECK_COLUMN: Mapping[str, str] = {"skala_tidak_valid": "skala_maks", "pemetaan_ganda": "kolom_baku"}


# ------------------------------------------------------------------ responses


def _category_check(rule: Callable[[pd.Index], np.ndarray], missing_ok: bool) -> Callable[[pd.Series], pd.Series]:
    def check(series: pd.Series) -> pd.Series:
        return pd.Series(category_values(series, rule, missing_ok).astype(bool), index=series.index)

    return check


def scale_ok(lo: int, hi: int) -> Callable[[pd.Index], np.ndarray]:
    """Rule on categories: blank, "tidak menjawab" or a whole value in ``[lo, hi]``."""

    def rule(categories: pd.Index) -> np.ndarray:
        return classify_scale(categories, lo, hi)[1] != TIDAK_VALID

    return rule


def _respondent_ok(categories: pd.Index) -> np.ndarray:
    return np.fromiter((normalize_text(c) in RESPONDENT_TYPES for c in categories), dtype=bool, count=len(categories))


def _nonblank_categories(categories: pd.Index) -> np.ndarray:
    return np.fromiter((str(c).strip() != "" for c in categories), dtype=bool, count=len(categories))


def _fixed_columns(codes: frozenset[str], now: pd.Timestamp) -> dict[str, pa.Column]:
    """Columns of the response schema other than the items."""

    def known_satker(categories: pd.Index) -> np.ndarray:
        return np.fromiter((c in codes for c in categories), dtype=bool, count=len(categories))

    return {
        "kode_satker": pa.Column(
            None,
            pa.Check(_category_check(known_satker, False), name="satker_tidak_dikenal", ignore_na=False),
            nullable=True,
        ),
        "waktu_isi": pa.Column(
            None,
            [
                pa.Check(lambda s: s.notna(), name="waktu_tidak_terbaca", ignore_na=False),
                pa.Check(lambda s: s <= now, name="waktu_masa_depan"),
            ],
            nullable=True,
        ),
        "jenis_responden": pa.Column(
            None,
            pa.Check(_category_check(_respondent_ok, False), name="jenis_responden_tidak_valid", ignore_na=False),
            nullable=True,
        ),
        "jenis_layanan": pa.Column(
            None,
            pa.Check(_category_check(_nonblank_categories, False), name="jenis_layanan_kosong", ignore_na=False),
            nullable=True,
        ),
    }


def response_schema(
    items: Mapping[str, tuple[int, int]],
    satker_codes: Collection[str],
    now: pd.Timestamp,
    columns: Collection[str],
) -> pa.DataFrameSchema:
    """Schema of the cleaned response frame.

    Parameters
    ----------
    items : mapping
        Item code → ``(skala_min, skala_maks)`` from the codebook.
    satker_codes : collection of str
        Codes of the registry (responses are canonicalised to them before).
    now : pandas.Timestamp
        tz-aware moment after which a ``waktu_isi`` lies in the future.
    columns : collection of str
        Columns present in the frame.

    Notes
    -----
    ``kode_satker``, ``jenis_responden``, ``jenis_layanan`` and the items are
    categorical (raw values as categories); ``waktu_isi`` is the parsed UTC
    timestamp (NaT when unreadable).
    """
    spec = _fixed_columns(frozenset(satker_codes), now)
    for item, (lo, hi) in items.items():
        spec[item] = pa.Column(
            None,
            pa.Check(_category_check(scale_ok(lo, hi), True), name="nilai_di_luar_skala", ignore_na=False),
            nullable=True,
        )
    return pa.DataFrameSchema(
        {c: col for c, col in spec.items() if c in columns},
        strict=False,
        name="respons",
    )
