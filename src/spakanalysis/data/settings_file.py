"""Read and validate ``pengaturan.toml``: how the survey application's exports are to be read.

The file is optional; without it every default applies. Keys (all text, all optional)::

    [respons]
    berkas = "respons*"                 # glob of the response files, inside the data folder
    format_waktu = "%d/%m/%Y %H:%M:%S"  # strftime pattern of waktu_isi (default: ISO 8601)
    zona_waktu = "Asia/Jakarta"         # zone of times without an offset (default: the satker's)
    lembar = "Respons"                  # sheet of an XLSX export (default: the first)

Every problem names the file and the key (``kolom``), in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from spakanalysis.data import schemas as sc
from spakanalysis.data.problems import ProblemLog

__all__ = ["SETTINGS_NAME", "DEFAULT_GLOB", "ResponseSettings", "read_settings"]

SETTINGS_NAME = "pengaturan.toml"
DEFAULT_GLOB = "respons*"
_KEYS = ("berkas", "format_waktu", "zona_waktu", "lembar")
_SAMPLE_TIME = _dt.datetime(2024, 7, 31, 13, 45, 30)


@dataclass(frozen=True)
class ResponseSettings:
    """The ``[respons]`` table of ``pengaturan.toml`` (defaults when absent)."""

    berkas: str = DEFAULT_GLOB
    format_waktu: str | None = None
    zona_waktu: str | None = None
    lembar: str | None = None

    @property
    def is_default(self) -> bool:
        return self == ResponseSettings()


def _glob_problem(value: str) -> str | None:
    if "/" in value or "\\" in value or ".." in value or value.startswith("."):
        return "harus pola nama berkas di dalam folder data (tanpa / atau ..), mis. respons* atau ekspor_*.xlsx"
    return None


def _format_problem(value: str) -> str | None:
    """A strftime pattern must name the day, the month and the year, and read back what it writes."""
    if not ("%d" in value and ("%m" in value or "%b" in value or "%B" in value) and ("%Y" in value or "%y" in value)):
        return 'harus memuat hari (%d), bulan (%m) dan tahun (%Y), mis. "%d/%m/%Y %H:%M:%S"'
    try:
        text = _SAMPLE_TIME.strftime(value)
        back = _dt.datetime.strptime(text, value)
    except ValueError as exc:
        return f"bukan pola strftime yang sah ({exc})"
    if back.date() != _SAMPLE_TIME.date():
        return "pola ini tidak dapat dibaca kembali menjadi tanggal yang sama"
    return None


def _check(key: str, value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "harus teks yang tidak kosong (dalam tanda kutip)"
    if key == "berkas":
        return _glob_problem(value)
    if key == "format_waktu":
        return _format_problem(value)
    if key == "zona_waktu" and not sc.valid_timezone(value):
        return 'harus nama zona waktu IANA, mis. "Asia/Makassar" (WITA), "Asia/Jakarta" (WIB), "Asia/Jayapura" (WIT)'
    return None


def _parse(path: Path, log: ProblemLog) -> dict | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        log.add(path.name, "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8", kode="pengaturan_tidak_valid")
    except tomllib.TOMLDecodeError as exc:
        log.add(path.name, f"bukan TOML yang sah: {exc}", kode="pengaturan_tidak_valid")
    except OSError as exc:
        log.add(path.name, f"berkas tidak dapat dibaca ({exc.strerror or exc})", kode="pengaturan_tidak_valid")
    return None


def read_settings(folder: Path, log: ProblemLog) -> ResponseSettings:
    """The settings of a data folder; problems go to ``log`` (an invalid key keeps its default).

    Examples
    --------
    >>> from pathlib import Path
    >>> read_settings(Path("/tidak/ada"), ProblemLog())
    ResponseSettings(berkas='respons*', format_waktu=None, zona_waktu=None, lembar=None)
    """
    path = Path(folder) / SETTINGS_NAME
    if not path.is_file():
        return ResponseSettings()
    doc = _parse(path, log)
    if doc is None:
        return ResponseSettings()
    for table in doc:
        if table != "respons":
            log.add(path.name, "tabel tidak dikenal; yang ada hanya [respons]", kode="pengaturan_tidak_valid",
                    kolom=table)
    section = doc.get("respons", {})
    if not isinstance(section, dict):
        log.add(path.name, "harus tabel [respons]", kode="pengaturan_tidak_valid", kolom="respons")
        return ResponseSettings()
    values: dict[str, str] = {}
    for key, value in section.items():
        name = f"respons.{key}"
        if key not in _KEYS:
            log.add(path.name, "kunci tidak dikenal; yang dikenal: " + ", ".join(_KEYS), kode="pengaturan_tidak_valid",
                    kolom=name)
            continue
        problem = _check(key, value)
        if problem:
            log.add(path.name, problem, kode="pengaturan_tidak_valid", kolom=name, nilai=str(value))
            continue
        values[key] = value.strip() if key != "format_waktu" else value
    return ResponseSettings(**values)
