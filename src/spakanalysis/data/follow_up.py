"""The follow-up register (*rencana tindak lanjut*, RTL): ``tindak_lanjut.csv`` or ``.xlsx`` in the data folder.

An optional data-contract file: one row per action a satker plans or took in answer to a monev
period. Each row is checked on its own; a row with a problem is left out of the register and its
problem (file, row, column, value, what was expected, in Bahasa Indonesia) is returned, so
``spakanalysis validasi`` lists it. The file is opened read-only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from spakanalysis.core.errors import DataError, Masalah, ParameterError, format_nilai
from spakanalysis.core.periods import parse_periode
from spakanalysis.data.privacy import mask_personal_text
from spakanalysis.data.readers import ROW_COLUMN, normalize_header, read_table

__all__ = [
    "REGISTER_STEM",
    "REGISTER_COLUMNS",
    "REQUIRED_REGISTER_COLUMNS",
    "STATUSES",
    "FollowUpRegister",
    "find_register",
    "load_follow_up",
    "read_follow_up",
    "position_problem",
]

REGISTER_STEM = "tindak_lanjut"
REGISTER_COLUMNS = (
    "kode_satker", "periode_monev", "unsur_atau_tema", "masalah", "rencana_aksi", "penanggung_jawab",
    "target_tanggal", "status", "tanggal_selesai", "bukti",
)
REQUIRED_REGISTER_COLUMNS = REGISTER_COLUMNS[:8]
#: the statuses of an action, in the order of its life
STATUSES = ("direncanakan", "berjalan", "selesai", "batal")

#: words that make ``penanggung_jawab`` a position (jabatan), compared case-insensitively
POSITION_WORDS = frozenset(
    """kepala kalapas karutan kakanwil kadiv kabid kabag kasubag kasubbag kasubsi kasi kaur kaurlog
    kasie kasubbid kepala_seksi seksi subseksi subsi bagian subbagian bidang subbidang divisi unit tim
    koordinator ketua sekretaris bendahara petugas pejabat pengelola analis staf pelaksana pranata
    fungsional urusan layanan pelayanan humas registrasi kunjungan keamanan kplp satuan regu
    pembimbing pemasyarakatan pengaman operator administrator admin""".split()
)
#: honorifics and academic degrees: a person's name, never a position
_NAME_MARKERS = re.compile(
    r"(^|\s)(bapak|bpk|ibu|pak|bu|sdr|sdri|saudara|saudari|tn|ny|nn)\.?(\s|$)"
    r"|\b(s\.\s?h|s\.\s?kom|s\.\s?e|s\.\s?sos|s\.\s?ip|s\.\s?pd|m\.\s?h|m\.\s?si|a\.\s?md|s\.\s?t|m\.\s?m|dr|ir|drs)\.",
    re.IGNORECASE,
)
#: ISO date; an XLSX date cell reads as "2024-08-31 00:00:00"
#: free-text columns masked like respondents' comments (names, phones, e-mails, ID numbers)
_FREE_TEXT = ("masalah", "rencana_aksi", "bukti")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( 00:00(:00)?)?$")


@dataclass(frozen=True)
class FollowUpRegister:
    """The valid rows of the register and the problems of the others.

    Attributes
    ----------
    berkas : str or None
        File name in the data folder; ``None`` when the folder has no register.
    rows : DataFrame
        One row per valid action: :data:`REGISTER_COLUMNS` (``kode_satker`` as in ``satker.csv``,
        ``periode_monev`` canonical, e.g. ``"2024-Q2"``, ``status`` lower case,
        ``target_tanggal`` and ``tanggal_selesai`` as ``datetime.date`` or ``None``) and ``baris``
        (the row number a spreadsheet shows). Personal data typed into ``masalah``, ``rencana_aksi``
        or ``bukti`` is masked (:func:`~spakanalysis.data.privacy.mask_personal_text`).
    masalah : tuple of Masalah
        One per problem; a row with a ``galat`` is not in ``rows``.
    """

    berkas: str | None
    rows: pd.DataFrame
    masalah: tuple[Masalah, ...] = field(default=())

    @property
    def exists(self) -> bool:
        """Whether the data folder holds a register file."""
        return self.berkas is not None

    def for_satker(self, kode_satker: str) -> pd.DataFrame:
        """The valid rows of one satker, in file order."""
        return self.rows[self.rows["kode_satker"] == kode_satker].reset_index(drop=True)


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in (*REGISTER_COLUMNS, "baris")})


def find_register(folder: str | Path) -> Path | None:
    """``tindak_lanjut.csv`` (preferred) or ``tindak_lanjut.xlsx`` in ``folder``, else ``None``."""
    for suffix in (".csv", ".xlsx"):
        path = Path(folder) / f"{REGISTER_STEM}{suffix}"
        if path.is_file():
            return path
    return None


def position_problem(text: str) -> str | None:
    """Why ``penanggung_jawab`` is not a position (jabatan), or ``None`` when it is one.

    Examples
    --------
    >>> position_problem("Kepala Seksi Pelayanan") is None
    True
    >>> position_problem("Bapak Yohanes Bria, S.H.")
    'tampak seperti nama orang (sapaan atau gelar); tulis jabatan, mis. "Kasubsi Registrasi"'
    >>> position_problem("Yohanes Bria")
    'tidak memuat kata jabatan (mis. Kepala, Kasubsi, Seksi, Petugas, Tim, Koordinator); tulis jabatan, bukan nama orang'
    """
    if _NAME_MARKERS.search(text):
        return 'tampak seperti nama orang (sapaan atau gelar); tulis jabatan, mis. "Kasubsi Registrasi"'
    words = {w for w in re.split(r"[^a-z]+", text.casefold()) if w}
    if not words & POSITION_WORDS:
        return ("tidak memuat kata jabatan (mis. Kepala, Kasubsi, Seksi, Petugas, Tim, Koordinator); "
                "tulis jabatan, bukan nama orang")
    return None


def _parse_date(text: str) -> date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


class _RowCheck:
    """Checks one register row; collects its problems."""

    def __init__(self, berkas: str, baris: int, values: dict[str, str], satker: dict[str, str]):
        self.berkas, self.baris, self.values, self.satker = berkas, baris, values, satker
        self.problems: list[Masalah] = []
        self.kode_satker: str | None = None

    def add(self, kolom: str, pesan: str, kode: str, tingkat: str = "galat") -> None:
        self.problems.append(Masalah(self.berkas, pesan, self.baris, kolom, format_nilai(self.values.get(kolom, "")),
                                     tingkat, kode, self.kode_satker))  # type: ignore[arg-type]

    def required(self, kolom: str) -> str:
        text = self.values.get(kolom, "")
        if not text:
            self.add(kolom, "wajib diisi", "nilai_kosong")
        return text

    def satker_code(self) -> str | None:
        text = self.required("kode_satker")
        if text and text.upper() not in self.satker:
            self.add("kode_satker", "kode satker tidak ada di satker.csv", "satker_tidak_dikenal")
            return None
        self.kode_satker = self.satker.get(text.upper()) if text else None
        return self.kode_satker

    def period(self) -> str | None:
        text = self.required("periode_monev")
        if not text:
            return None
        try:
            return parse_periode(text).kode
        except ParameterError:
            self.add("periode_monev", "periode monev tidak dikenali; contoh: 2024-Q2 (triwulan) atau 2024-06 (bulan)",
                     "periode_tidak_valid")
            return None

    def a_date(self, kolom: str, required: bool) -> date | None:
        text = self.required(kolom) if required else self.values.get(kolom, "")
        if not text:
            return None
        day = _parse_date(text)
        if day is None:
            self.add(kolom, "tanggal tidak valid; tulis sebagai TTTT-BB-HH, mis. 2024-08-31", "tanggal_tidak_valid")
        return day

    def status(self) -> str | None:
        text = self.required("status").casefold()
        if text and text not in STATUSES:
            self.add("status", f"status tidak dikenal; pilih salah satu: {', '.join(STATUSES)}", "status_tidak_valid")
            return None
        return text or None

    def position(self) -> str:
        text = self.required("penanggung_jawab")
        why = position_problem(text) if text else None
        if why:
            self.add("penanggung_jawab", why, "bukan_jabatan")
        return text


def _check_row(check: _RowCheck) -> dict | None:
    """The typed row, or ``None`` when it has a galat (problems are in ``check.problems``)."""
    v = check.values
    out = {"kode_satker": check.satker_code(), "periode_monev": check.period()}
    for kolom in ("unsur_atau_tema", "masalah", "rencana_aksi"):
        out[kolom] = check.required(kolom)
    out["penanggung_jawab"] = check.position()
    out["target_tanggal"] = check.a_date("target_tanggal", True)
    out["status"] = check.status()
    out["tanggal_selesai"] = check.a_date("tanggal_selesai", out["status"] == "selesai")
    if out["status"] == "selesai" and not v.get("bukti", ""):
        check.add("bukti", "aksi selesai sebaiknya disertai bukti (tautan atau nomor dokumen)", "bukti_kosong", "catatan")
    if out["tanggal_selesai"] and out["status"] in ("direncanakan", "batal"):
        check.add("tanggal_selesai", f"tanggal selesai diisi padahal status {out['status']}", "tanggal_selesai_tak_terduga",
                  "peringatan")
    out["bukti"] = v.get("bukti", "")
    out["baris"] = check.baris
    if any(m.tingkat == "galat" for m in check.problems):
        return None
    return out


def read_follow_up(path: str | Path, satker_codes: Iterable[str]) -> FollowUpRegister:
    """Read and validate one register file (see :func:`load_follow_up`)."""
    path = Path(path)
    try:
        raw = read_table(path, header_hint=REGISTER_COLUMNS)
    except DataError as err:
        return FollowUpRegister(path.name, _empty_rows(), tuple(err.masalah))
    headers = {normalize_header(c): c for c in raw.columns if c not in (ROW_COLUMN, "_berkas")}
    missing = [c for c in REQUIRED_REGISTER_COLUMNS if c not in headers]
    if missing:
        problems = tuple(Masalah(path.name, f"kolom wajib {c} tidak ada (kolom register: {', '.join(REGISTER_COLUMNS)})",
                                 None, c, None, "galat", "kolom_hilang") for c in missing)
        return FollowUpRegister(path.name, _empty_rows(), problems)
    satker = {str(c).upper(): str(c) for c in satker_codes}
    rows, problems = [], []
    for record in raw.to_dict(orient="records"):
        values = {c: str(record[headers[c]]).strip() for c in REGISTER_COLUMNS if c in headers}
        check = _RowCheck(path.name, int(record[ROW_COLUMN]), values, satker)
        row = _check_row(check)
        problems.extend(check.problems)
        if row is not None:
            rows.append(row)
    frame = pd.DataFrame(rows, columns=[*REGISTER_COLUMNS, "baris"]) if rows else _empty_rows()
    for column in _FREE_TEXT:  # typed by staff, shown in reports: personal data is masked as in comments
        frame[column] = mask_personal_text(frame[column].astype("string")).astype(object)
    return FollowUpRegister(path.name, frame.astype(object), tuple(problems))


def load_follow_up(folder: str | Path, satker_codes: Iterable[str]) -> FollowUpRegister:
    """The follow-up register of a data folder (empty, ``berkas=None``, when it has none).

    Parameters
    ----------
    folder : str or Path
        The data folder; ``tindak_lanjut.csv`` is read before ``tindak_lanjut.xlsx``.
    satker_codes : iterable of str
        The codes of ``satker.csv``; a row of another satker is a problem (matched case-insensitively).

    Returns
    -------
    FollowUpRegister
        Rows with a ``galat`` (empty required cell, unknown satker, unknown period or status,
        malformed date, a person's name instead of a position) are left out and named in ``masalah``.

    Examples
    --------
    >>> reg = load_follow_up("/nonexistent", ["A"])
    >>> reg.exists, len(reg.rows)
    (False, 0)
    """
    path = find_register(folder)
    if path is None:
        return FollowUpRegister(None, _empty_rows(), ())
    return read_follow_up(path, satker_codes)
