"""Column names, value rules and pandera schemas of the raw data contract.

The contract is ``data/raw/README.md``. This module holds

* the standard column names of each file and the personal columns that are
  dropped on reading;
* small vectorised parsers shared by the schema checks and the type
  conversion (so that "valid" means the same thing in both places);
* the level of every problem code (:data:`TINGKAT`).

The :mod:`pandera` schemas built on these rules are in :mod:`spakanalysis.data.rules`.

"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from spakanalysis.core.config import standard_items
from spakanalysis.data.codebook import NO_WORDS, YES_WORDS

__all__ = [
    "REGISTRY_COLUMNS",
    "REQUIRED_REGISTRY_COLUMNS",
    "RESPONSE_COLUMNS",
    "REQUIRED_RESPONSE_COLUMNS",
    "DEMOGRAPHIC_COLUMNS",
    "PERSONAL_COLUMNS",
    "PERSONAL_ALIASES",
    "CODEBOOK_COLUMNS",
    "REQUIRED_CODEBOOK_COLUMNS",
    "MAPPING_COLUMNS",
    "INSTRUMENTS",
    "REQUIRED_INSTRUMENTS",
    "STANDARD_ITEMS",
    "JENIS_SATKER",
    "HARI_LAYANAN",
    "RESPONDENT_TYPES",
    "TIDAK_MENJAWAB",
    "DEFAULT_TIMEZONE",
    "DEFAULT_SCALE",
    "ALASAN",
    "TINGKAT",
    "SATKER_CODE_PATTERN",
    "is_safe_satker_code",
    "header_key",
    "is_personal_column",
    "normalize_text",
    "valid_timezone",
    "parse_number",
    "parse_whole",
    "INTEGER_PATTERN",
    "classify_scale",
    "category_values",
]

# ------------------------------------------------------------------ column names

REQUIRED_REGISTRY_COLUMNS: tuple[str, ...] = (
    "kode_satker",
    "nama_satker",
    "jenis_satker",
    "kanwil",
    "jumlah_pengguna_layanan",
    "periode_acuan",
)
OPTIONAL_REGISTRY_COLUMNS: tuple[str, ...] = ("kota", "zona_waktu", "hari_layanan", "email_pimpinan", "url_survei")
#: columns of ``Dataset.satker``, in order
REGISTRY_COLUMNS: tuple[str, ...] = (
    "kode_satker",
    "nama_satker",
    "jenis_satker",
    "kanwil",
    "kota",
    "jumlah_pengguna_layanan",
    "periode_acuan",
    "zona_waktu",
    "hari_layanan",
    "email_pimpinan",
    "url_survei",
)

DEMOGRAPHIC_COLUMNS: tuple[str, ...] = ("jenis_kelamin", "kelompok_usia", "pendidikan", "pekerjaan")
REQUIRED_RESPONSE_COLUMNS: tuple[str, ...] = ("waktu_isi", "kode_satker", "jenis_layanan", "jenis_responden")
OPTIONAL_RESPONSE_COLUMNS: tuple[str, ...] = ("id_respons", *DEMOGRAPHIC_COLUMNS, "saran")
#: every non-item standard column of a response file
RESPONSE_COLUMNS: tuple[str, ...] = (
    "id_respons",
    "waktu_isi",
    "kode_satker",
    "jenis_layanan",
    "jenis_responden",
    *DEMOGRAPHIC_COLUMNS,
    "saran",
)

#: personal columns of the contract: read only to be dropped
PERSONAL_COLUMNS: tuple[str, ...] = ("nama", "no_hp", "email", "nik", "alamat")
#: header keys (see :func:`header_key`) also treated as personal columns
PERSONAL_ALIASES: frozenset[str] = frozenset(
    {
        *PERSONAL_COLUMNS,
        "nama_lengkap",
        "nama_responden",
        "nama_pengguna",
        "nama_pengguna_layanan",
        "nama_pengunjung",
        "nama_pemohon",
        "no_telp",
        "no_tlp",
        "no_telepon",
        "nomor_telepon",
        "telepon",
        "telp",
        "hp",
        "nomor_hp",
        "no_handphone",
        "handphone",
        "ponsel",
        "no_wa",
        "nomor_wa",
        "whatsapp",
        "no_whatsapp",
        "e_mail",
        "alamat_email",
        "alamat_e_mail",
        "surel",
        "nomor_induk_kependudukan",
        "no_nik",
        "nomor_nik",
        "no_ktp",
        "nomor_ktp",
        "ktp",
        "alamat_lengkap",
        "alamat_rumah",
        "domisili",
    }
)
#: words that mark an unknown header as personal (dropped, with a ``catatan``)
PERSONAL_WORDS: frozenset[str] = frozenset(
    {"nama", "hp", "telp", "tlp", "telepon", "handphone", "ponsel", "wa", "whatsapp", "email", "mail",
     "surel", "nik", "ktp", "alamat", "domisili"}
)
#: words that mark a header as *not* about the respondent (e.g. ``nama_satker``)
NON_PERSONAL_WORDS: frozenset[str] = frozenset({"satker", "kanwil", "unit", "instansi", "layanan", "kantor"})

REQUIRED_CODEBOOK_COLUMNS: tuple[str, ...] = ("instrumen", "kode_butir", "skala_min", "skala_maks")
CODEBOOK_COLUMNS: tuple[str, ...] = (
    "instrumen",
    "kode_butir",
    "unsur",
    "pertanyaan",
    "skala_min",
    "skala_maks",
    "terbalik",
    "bobot",
)
MAPPING_COLUMNS: tuple[str, ...] = ("kolom_sumber", "kolom_baku")

INSTRUMENTS: tuple[str, ...] = ("SPKP", "SPAK", "SKM")
#: instruments whose items must be present in every response file
REQUIRED_INSTRUMENTS: tuple[str, ...] = ("SPKP", "SPAK")
#: instrument → item codes of the packaged standard codebook (core/config/instrumen_standar.csv)
STANDARD_ITEMS: Mapping[str, tuple[str, ...]] = standard_items()
DEFAULT_SCALE: tuple[int, int] = (1, 4)

JENIS_SATKER: tuple[str, ...] = (
    "Kanwil",
    "Lapas",
    "Rutan",
    "Bapas",
    "Kantor Imigrasi",
    "Rupbasan",
    "LPKA",
    "LPP",
    "Lainnya",
)
HARI_LAYANAN: tuple[str, ...] = ("kalender", "senin-jumat", "senin-sabtu")
RESPONDENT_TYPES: tuple[str, ...] = ("eksternal", "internal")
#: answers meaning "deliberately not answered" (compared case-insensitively)
TIDAK_MENJAWAB: frozenset[str] = frozenset({"tidak menjawab", "tm"})
DEFAULT_TIMEZONE = "Asia/Makassar"
#: the yes/no words of ``terbalik`` (owned by :mod:`spakanalysis.data.codebook`)
TERBALIK_YA = YES_WORDS
TERBALIK_TIDAK = NO_WORDS

#: values of ``respons["dikecualikan"]``, by precedence (first applicable wins)
ALASAN: Mapping[str, str] = {
    "satker_tidak_dikenal": "satker tidak dikenal",
    "waktu_tidak_terbaca": "waktu tidak terbaca",
    "waktu_masa_depan": "waktu di masa depan",
    "nilai_tidak_valid": "nilai tidak valid",
    "kiriman_ganda": "kiriman ganda",
}

#: level of every problem code
TINGKAT: Mapping[str, str] = {
    # files
    "berkas_tidak_ada": "galat",
    "berkas_tidak_terbaca": "galat",
    "format_tidak_didukung": "galat",
    "bukan_utf8": "galat",
    "berkas_kosong": "galat",
    "hanya_header": "galat",
    "berkas_terpotong": "galat",
    "jumlah_kolom_salah": "galat",
    "pemisah_salah": "galat",
    "berkas_diabaikan": "catatan",
    # columns
    "kolom_hilang": "galat",
    "kolom_ganda": "galat",
    "kolom_tidak_dikenal": "catatan",
    "kolom_pribadi_dibuang": "catatan",
    "karakter_kendali": "peringatan",
    # registry
    "nilai_wajib_kosong": "galat",
    "kode_satker_ganda": "galat",
    "kode_satker_tidak_aman": "galat",
    "populasi_tidak_valid": "galat",
    "jenis_satker_tidak_dikenal": "peringatan",
    "zona_waktu_tidak_valid": "galat",
    "hari_layanan_tidak_valid": "galat",
    "email_pimpinan_tidak_valid": "galat",
    "url_survei_tidak_valid": "galat",
    # codebook
    "instrumen_tidak_dikenal": "galat",
    "kode_butir_tidak_valid": "galat",
    "kode_butir_ganda": "galat",
    "skala_tidak_valid": "galat",
    "terbalik_tidak_valid": "galat",
    "bobot_tidak_valid": "galat",
    "instrumen_tanpa_butir": "galat",
    "instrumen_tanpa_berkas": "galat",
    "pengaturan_tidak_valid": "galat",
    "lembar_tidak_ada": "galat",
    # mapping
    "pemetaan_ganda": "galat",
    "kolom_baku_tidak_dikenal": "peringatan",
    "pemetaan_kosong": "catatan",
    "baris_contoh": "peringatan",
    # responses
    "waktu_tidak_terbaca": "galat",
    "waktu_masa_depan": "peringatan",
    "nilai_di_luar_skala": "galat",
    "jenis_responden_tidak_valid": "galat",
    "jenis_layanan_kosong": "peringatan",
    "satker_tidak_dikenal": "galat",
    "kiriman_ganda": "peringatan",
    "kiriman_ganda_antar_berkas": "peringatan",
    "respons_melebihi_populasi": "peringatan",
}


#: a satker code becomes a folder name: ASCII letters/digits, then letters, digits, "_" or "-", 1-32 characters
SATKER_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")


def is_safe_satker_code(code: object) -> bool:
    """Whether a (stripped) ``kode_satker`` matches :data:`SATKER_CODE_PATTERN`, case-insensitively.

    Such a code is safe as one path component: no separator, no ``.``/``..``,
    no space or control character, not empty, at most 32 characters.
    """
    text = "" if code is None else str(code)
    return text.isascii() and SATKER_CODE_PATTERN.fullmatch(text.upper()) is not None


def header_key(name: object) -> str:
    """Identifier-like key of a header: ``"No. HP"`` → ``"no_hp"``."""
    text = str(name or "").replace("\ufeff", "").casefold()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


def is_personal_column(name: object) -> tuple[bool, bool]:
    """Tell whether a header names a personal column.

    Returns
    -------
    (bool, bool)
        ``(personal, by_word)``: ``personal`` is true when the column must be
        dropped; ``by_word`` is true when it was recognised only from a word in
        the header (e.g. ``"Nama Pengunjung Lapas"``), not from the contract
        name or a known alias.
    """
    key = header_key(name)
    if key in PERSONAL_ALIASES:
        return True, False
    words = set(key.split("_"))
    if words & PERSONAL_WORDS and not words & NON_PERSONAL_WORDS:
        return True, True
    return False, False


# ------------------------------------------------------------------ value parsers

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def parse_number(text: object) -> float | None:
    """Parse a plain number written with a decimal comma or point.

    ``"3"``, ``"3,0"``, ``"3.0"`` → 3.0. Thousands separators, exponents and
    words are refused (``None``): ``"1.234,5"`` is ambiguous, so is rejected.
    """
    if text is None:
        return None
    s = str(text).strip()
    if "," in s:
        if "." in s or s.count(",") > 1:
            return None
        s = s.replace(",", ".")
    if not _NUMBER.match(s):
        return None
    return float(s)


#: a non-negative integer: plain digits, or Indonesian thousands (a point before every group of three)
INTEGER_PATTERN = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+)$")


def parse_whole(text: object) -> int | None:
    """Parse a non-negative integer strictly, the Indonesian way.

    ``"48"`` → 48, ``"1.000"`` → 1000, ``"12.500"`` → 12500. Anything else is
    refused (``None``) because it is fractional or ambiguous: a decimal comma
    or point (``"1,5"``, ``"1.5"``, ``"48,0"``, ``"1.00"``, ``"12.50"``), a
    misplaced thousands point (``"1.0000"``), an exponent (``"1e3"``), a sign
    (``"-5"``, ``"+5"``) or words. An XLSX cell holding an integral float is
    already the text ``"48"`` (see :mod:`spakanalysis.data.readers`).
    """
    if text is None:
        return None
    s = str(text).strip()
    if not s.isascii() or not INTEGER_PATTERN.fullmatch(s):
        return None
    return int(s.replace(".", ""))


#: kinds returned by :func:`classify_scale`
KOSONG, NILAI, TM, TIDAK_VALID = 0, 1, 2, 3


def classify_scale(values: Iterable[object], lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Classify scale answers (applied to the distinct values of a column).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``value`` (float64, NaN unless a valid scale value) and ``kind``
        (int8: 0 blank, 1 scale value, 2 "tidak menjawab"/"TM", 3 invalid).
    """
    vals: list[float] = []
    kinds: list[int] = []
    for raw in values:
        s = "" if raw is None or (isinstance(raw, float) and np.isnan(raw)) else str(raw).strip()
        if s == "":
            vals.append(np.nan)
            kinds.append(KOSONG)
            continue
        if " ".join(s.split()).casefold() in TIDAK_MENJAWAB:
            vals.append(np.nan)
            kinds.append(TM)
            continue
        number = parse_whole(s)
        if number is not None and lo <= number <= hi:
            vals.append(float(number))
            kinds.append(NILAI)
        else:
            vals.append(np.nan)
            kinds.append(TIDAK_VALID)
    return np.asarray(vals, dtype=np.float64), np.asarray(kinds, dtype=np.int8)


def category_values(series: pd.Series, func: Callable[[pd.Index], np.ndarray], missing: object) -> np.ndarray:
    """Apply ``func`` to the categories of a categorical series, then spread to rows.

    ``missing`` is the result for rows without a category (NaN).
    """
    categorical = series.array
    codes = np.asarray(categorical.codes)
    per_category = np.asarray(func(categorical.categories))
    out = np.empty(codes.size, dtype=np.result_type(per_category.dtype, np.asarray([missing]).dtype))
    if per_category.size:
        out[:] = per_category[np.where(codes < 0, 0, codes)]
    out[codes < 0] = missing
    return out


def normalize_text(value: object) -> str:
    """Inner spaces collapsed, outer ones removed, case folded (how names and words are compared)."""
    return " ".join(str(value).split()).casefold()


@lru_cache(maxsize=256)
def valid_timezone(name: str) -> bool:
    """Whether ``name`` is an IANA time-zone name known to this system."""
    if not name or name != name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
