"""Find the files of a data folder by role: registry, codebook, column mapping and responses."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from spakanalysis.core.errors import DataError, Masalah
from spakanalysis.data.problems import ProblemLog
from spakanalysis.data.readers import SUPPORTED_SUFFIXES
from spakanalysis.data.settings_file import DEFAULT_GLOB, SETTINGS_NAME

__all__ = ["REGISTRY_NAMES", "CODEBOOK_NAMES", "MAPPING_NAMES", "RESPONSE_PREFIX", "FolderFiles", "discover"]

REGISTRY_NAMES = ("satker",)
CODEBOOK_NAMES = ("instrumen",)
MAPPING_NAMES = ("pemetaan_kolom",)
RESPONSE_PREFIX = "respons"
_UNSUPPORTED = (".xls", ".ods", ".txt", ".tsv")
_CONFIG_SUFFIXES = (".toml", ".md", ".svg", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class FolderFiles:
    """The files found, by role (``None`` when absent), and whether a required one is missing."""

    registry: Path | None
    codebook: Path | None
    mapping: Path | None
    responses: list[Path]
    missing_required: bool


def _candidates(folder: Path) -> list[Path]:
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.startswith(("~$", ".", "#"))),
        key=lambda p: p.name,
    )


def _roles(files: list[Path], log: ProblemLog, pattern: str) -> dict[str, list[Path]]:
    """Files per role; response files in an unsupported format are reported."""
    roles: dict[str, list[Path]] = {"satker": [], "instrumen": [], "pemetaan": [], "respons": []}
    named = {*REGISTRY_NAMES, *CODEBOOK_NAMES, *MAPPING_NAMES}
    for path in files:
        stem, suffix = path.stem.lower(), path.suffix.lower()
        if stem not in named and suffix not in _CONFIG_SUFFIXES and fnmatch.fnmatchcase(path.name.lower(), pattern.lower()):
            if suffix in SUPPORTED_SUFFIXES:
                roles["respons"].append(path)
            elif suffix in _UNSUPPORTED:
                log.add(
                    path.name,
                    f'format "{suffix}" tidak didukung; simpan sebagai .csv (UTF-8) atau .xlsx',
                    kode="format_tidak_didukung",
                )
            continue
        if suffix not in SUPPORTED_SUFFIXES:
            continue
        if stem in REGISTRY_NAMES:
            roles["satker"].append(path)
        elif stem in CODEBOOK_NAMES:
            roles["instrumen"].append(path)
        elif stem in MAPPING_NAMES:
            roles["pemetaan"].append(path)
    return roles


def _pick(found: list[Path], default: str, required: bool, log: ProblemLog) -> Path | None:
    """The file of one role (``.csv`` first); the others are reported as ignored."""
    found = sorted(found, key=lambda p: (p.suffix.lower() != ".csv", p.name))
    if not found:
        if required:
            log.add(default, f"berkas wajib {default} (atau .xlsx) tidak ada di folder data", kode="berkas_tidak_ada")
        return None
    for extra in found[1:]:
        log.add(extra.name, f"diabaikan karena {found[0].name} juga ada; hapus salah satunya", kode="berkas_diabaikan")
    return found[0]


def discover(folder: Path, log: ProblemLog, pattern: str = DEFAULT_GLOB) -> FolderFiles:
    """Find the files of ``folder`` by role (problems go to ``log``).

    Parameters
    ----------
    folder : Path
        The data folder.
    log : ProblemLog
        Receives missing, ignored and unsupported files.
    pattern : str
        Glob of the response files (``[respons] berkas`` of ``pengaturan.toml``).

    Returns
    -------
    FolderFiles

    Raises
    ------
    DataError
        The folder does not exist.
    """
    if not folder.is_dir():
        problem = Masalah(berkas=str(folder), pesan="folder data tidak ditemukan", tingkat="galat",
                          kode="berkas_tidak_ada")
        raise DataError([problem], judul="Folder data tidak ditemukan")
    roles = _roles(_candidates(folder), log, pattern)
    registry = _pick(roles["satker"], "satker.csv", True, log)
    codebook = _pick(roles["instrumen"], "instrumen.csv", True, log)
    mapping = _pick(roles["pemetaan"], "pemetaan_kolom.csv", False, log)
    if not roles["respons"]:
        where = "" if pattern == DEFAULT_GLOB else f' (pola "{pattern}" dari [respons] berkas di {SETTINGS_NAME})'
        log.add(
            f"{pattern}.csv" if pattern == DEFAULT_GLOB else pattern,
            f"tidak ada berkas respons (.csv atau .xlsx) yang cocok dengan {pattern}{where} di folder data",
            kode="berkas_tidak_ada",
        )
    missing = registry is None or codebook is None or not roles["respons"]
    return FolderFiles(registry, codebook, mapping, roles["respons"], missing)
