"""Read an export's header against a data folder's codebook, and write the proposed ``pemetaan_kolom.csv``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.config import standard_codebook_text
from spakanalysis.core.errors import DataError, Masalah, SpakError
from spakanalysis.data import schemas as sc
from spakanalysis.data.mapping_proposal import MappingProposal, propose_mapping
from spakanalysis.data.problems import ProblemLog
from spakanalysis.data.readers import read_header
from spakanalysis.data.settings_file import read_settings

__all__ = ["MAPPING_FILE", "propose_for_export", "write_proposal"]

MAPPING_FILE = "pemetaan_kolom.csv"


def _codebook(folder: Path) -> tuple[list[dict[str, str]], str]:
    """The rows of the folder's ``instrumen.csv``, else of the standard codebook; and which one."""
    path = folder / "instrumen.csv"
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise SpakError(f"{path} tidak dapat dibaca ({exc}).") from None
        rows = list(csv.DictReader(io.StringIO(text)))
        if rows and {"instrumen", "kode_butir"} <= set(rows[0]):
            return rows, str(path)
        raise SpakError(f"{path} bukan kodebook: kolom instrumen dan kode_butir tidak ada.")
    return list(csv.DictReader(io.StringIO(standard_codebook_text()))), "kodebook standar spakanalysis"


def propose_for_export(export: Path, folder: Path) -> tuple[MappingProposal, str]:
    """The mapping proposal for ``export`` with ``folder``'s codebook (and XLSX sheet setting).

    Raises
    ------
    DataError
        The export cannot be read (the reader's message names the file).
    SpakError
        The folder's codebook cannot be read.
    """
    rows, name = _codebook(folder)
    settings = read_settings(folder, ProblemLog())
    hint = [*sc.RESPONSE_COLUMNS, *(r["kode_butir"] for r in rows)]
    headers = [h for h in read_header(export, header_hint=hint, sheet=settings.lembar) if h.strip()]
    if not headers:
        problem = Masalah(berkas=export.name, pesan="baris header kosong; tidak ada judul kolom yang dapat dipetakan",
                          baris=1, tingkat="galat", kode="berkas_kosong")
        raise DataError([problem], judul="Ekspor tidak dapat dipetakan")
    return propose_mapping(headers, rows), name


def write_proposal(proposal: MappingProposal, folder: Path, *, overwrite: bool = False) -> Path:
    """Write the placed columns as ``folder/pemetaan_kolom.csv`` (refused when it exists, unless ``overwrite``).

    A mapping that holds only its header (as ``spakanalysis siapkan`` writes it) is not a mapping yet
    and is replaced without ``overwrite``.
    """
    target = folder / MAPPING_FILE
    if target.exists() and not overwrite and _has_rows(target):
        raise SpakError(f"{target} sudah ada dan tidak ditimpa; periksa isinya, atau jalankan lagi dengan --timpa.")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(sc.MAPPING_COLUMNS)
    for c in proposal.placed:
        writer.writerow([c.kolom_sumber, c.kolom_baku])
    return write_atomic(target, out.getvalue())


def _has_rows(path: Path) -> bool:
    try:
        lines = [line for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return True
    return len(lines) > 1
