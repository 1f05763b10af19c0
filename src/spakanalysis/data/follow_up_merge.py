"""Append the rows of a returned ``usulan_tindak_lanjut.xlsx`` to a follow-up register (``tindak_lanjut.csv``).

The returned rows are validated like the register (:mod:`spakanalysis.data.follow_up`); when
one has a ``galat`` nothing is written. Rows the satker left unfilled (no ``rencana_aksi``,
``penanggung_jawab`` or ``target_tanggal``) are skipped, and so are rows already in the register
(same satker, period, unsur/theme and action), so merging the same file twice adds nothing.
The register is written whole, atomically, to the folder the user names; the raw-data folder is
written only when the user asks for it explicitly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.errors import DataError, Masalah, ParameterError
from spakanalysis.data.follow_up import REGISTER_COLUMNS, REGISTER_STEM, find_register, read_follow_up
from spakanalysis.data.readers import ROW_COLUMN, normalize_header, read_table

__all__ = ["MergeResult", "merge_returned"]

_TO_FILL = ("rencana_aksi", "penanggung_jawab", "target_tanggal")


@dataclass(frozen=True)
class MergeResult:
    """What :func:`merge_returned` did: the register written, rows added, unfilled and duplicate rows skipped."""

    register: Path
    added: int
    unfilled: int
    duplicates: int
    notes: tuple[Masalah, ...] = ()


def _satker_codes(data_dir: Path) -> list[str]:
    for suffix in (".csv", ".xlsx"):
        path = data_dir / f"satker{suffix}"
        if path.is_file():
            frame = read_table(path, header_hint=("kode_satker",))
            column = next((c for c in frame.columns if normalize_header(c) == "kode_satker"), None)
            if column is not None:
                return [c.strip() for c in frame[column] if c.strip()]
    raise DataError([Masalah(str(data_dir), "registri satker (satker.csv) tidak ditemukan atau tanpa kolom kode_satker",
                             kode="berkas_tidak_ada")], judul="Register tindak lanjut tidak dapat digabung")


def _unfilled_rows(path: Path) -> set[int]:
    raw = read_table(path, header_hint=REGISTER_COLUMNS)
    names = {normalize_header(c): c for c in raw.columns}
    cols = [names[c] for c in _TO_FILL if c in names]
    if len(cols) < len(_TO_FILL):
        return set()
    empty = raw[cols].apply(lambda col: col.str.strip() == "").all(axis=1)
    return set(raw.loc[empty, ROW_COLUMN].astype(int))


def _text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _key(row) -> tuple[str, ...]:
    return tuple(" ".join(_text(row[c]).casefold().split())
                 for c in ("kode_satker", "periode_monev", "unsur_atau_tema", "rencana_aksi"))


def _target(data_dir: Path, folder: Path, allow_raw: bool) -> Path:
    folder = Path(folder)
    if folder.resolve() == data_dir.resolve() and not allow_raw:
        raise ParameterError(f"Folder {folder} adalah folder data mentah, yang hanya dibaca. Pilih folder lain dengan --ke, "
                             "atau tambahkan --tulis-data-mentah bila memang ingin memperbarui register di folder data.")
    if not folder.is_dir():
        raise ParameterError(f"Folder tujuan {folder} tidak ada.")
    return folder / f"{REGISTER_STEM}.csv"


def merge_returned(returned: str | Path, data_dir: str | Path, folder: str | Path, *,
                   allow_raw: bool = False) -> MergeResult:
    """Append the filled rows of ``returned`` to ``<folder>/tindak_lanjut.csv``.

    Parameters
    ----------
    returned : str or Path
        The returned ``usulan_tindak_lanjut.xlsx`` (or any file with the register's columns).
    data_dir : str or Path
        The data folder: its ``satker.csv`` gives the known satker codes, and its register is the
        starting point when ``folder`` holds none yet.
    folder : str or Path
        Where the merged register is written. The data folder itself only with ``allow_raw=True``.

    Raises
    ------
    DataError
        A filled row of ``returned`` has a problem (file, row, column, expected value named).
    ParameterError
        ``folder`` is the data folder without ``allow_raw``, or does not exist.
    """
    returned, data_dir = Path(returned), Path(data_dir)
    target = _target(data_dir, Path(folder), allow_raw)
    codes = _satker_codes(data_dir)
    unfilled = _unfilled_rows(returned)
    new = read_follow_up(returned, codes)
    problems = [m for m in new.masalah if m.baris not in unfilled]
    if any(m.tingkat == "galat" for m in problems):
        raise DataError([m for m in problems if m.tingkat == "galat"],
                        judul=f"{returned.name} tidak digabung: perbaiki baris berikut lalu ulangi")
    base_path = target if target.is_file() else find_register(data_dir)
    base = read_follow_up(base_path, codes).rows if base_path is not None else new.rows.iloc[:0]
    seen = {_key(r) for _, r in base.iterrows()}
    if base_path is not None:
        old = read_table(base_path, header_hint=REGISTER_COLUMNS)
        names = {normalize_header(c): c for c in old.columns}
        old_rows = [[str(r[names[c]]) if c in names else "" for c in REGISTER_COLUMNS] for _, r in old.iterrows()]
    else:
        old_rows = []
    fresh = new.rows[~new.rows["baris"].isin(unfilled)]
    added, duplicates = [], 0
    for _, r in fresh.iterrows():
        if _key(r) in seen:
            duplicates += 1
            continue
        seen.add(_key(r))
        added.append([_text(r[c]) for c in REGISTER_COLUMNS])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(REGISTER_COLUMNS)
    writer.writerows([*old_rows, *added])
    write_atomic(target, buf.getvalue())
    return MergeResult(target, len(added), len(unfilled), duplicates, tuple(problems))
