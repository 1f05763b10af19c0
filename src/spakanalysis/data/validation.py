"""``validate_folder``: the entry point of ``spakanalysis validasi`` (load a data folder, return its problems)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spakanalysis.core.errors import DataError, Masalah
from spakanalysis.data.dataset import load_dataset
from spakanalysis.data.follow_up import load_follow_up
from spakanalysis.data.problems import urutkan_masalah

__all__ = ["validate_folder"]


def validate_folder(folder: str | Path, *, now: Any = None) -> list[Masalah]:
    """Check a raw-data folder and return every problem found, sorted.

    Parameters
    ----------
    folder : str or Path
        The data folder (e.g. ``data/raw``). Nothing in it is modified.
    now : datetime, date, str or pandas.Timestamp, optional
        The data date: fill-in times after it are "in the future". A date means
        the end of that day in WITA; a naive time is read as WITA. Default: now.

    Returns
    -------
    list of Masalah
        Sorted by file and row. Empty when the folder fully meets the contract. The optional
        follow-up register (``tindak_lanjut.csv``) is checked against the satker registry when
        the folder can be loaded.

    Notes
    -----
    Without ``now`` the folder goes through the dataset cache (:func:`~spakanalysis.data.cache.load_dataset_cached`):
    a folder whose files are byte for byte those of an earlier check today (same package
    version) is not read again, and any changed file makes the whole folder be checked again.
    """
    from spakanalysis.data.cache import load_dataset_cached
    from spakanalysis.data.kanwil_config import kanwil_problems

    try:
        cached = now is None and Path(folder).is_dir()
        dataset = load_dataset_cached(folder) if cached else load_dataset(folder, now=now)
    except DataError as err:
        return [*urutkan_masalah(err.masalah), *kanwil_problems(folder)]
    register = load_follow_up(folder, dataset.satker["kode_satker"])
    return [*urutkan_masalah([*dataset.masalah, *register.masalah]), *kanwil_problems(folder)]
