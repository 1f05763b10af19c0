"""Load the raw-data folder (``data/raw``) into a validated :class:`~spakanalysis.data.model.Dataset`.

Steps, each in its own module: find the files by role (:mod:`~spakanalysis.data.discovery`),
read the codebook (:mod:`~spakanalysis.data.codebook_file`), the column mapping
(:mod:`~spakanalysis.data.mapping`), the registry (:mod:`~spakanalysis.data.registry`) and
the responses (:mod:`~spakanalysis.data.responses`). Each file is read through its header
plan (:mod:`~spakanalysis.data.columns`), so personal columns are dropped at once; the
pandera schemas of :mod:`spakanalysis.data.schemas` validate, and the rows that cannot be
counted are flagged. Files are opened read-only; nothing in the folder is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spakanalysis.core.errors import DataError
from spakanalysis.data.codebook_file import load_codebook
from spakanalysis.data.discovery import discover
from spakanalysis.data.loadrun import LoadRun
from spakanalysis.data.mapping import load_mapping
from spakanalysis.data.model import Dataset
from spakanalysis.data.registry import load_registry
from spakanalysis.data.responses import load_responses
from spakanalysis.data.settings_file import read_settings
from spakanalysis.data.times import as_now

__all__ = ["load_dataset"]


def load_dataset(folder: str | Path, *, now: Any = None) -> Dataset:
    """Read, validate and convert a raw-data folder.

    Parameters
    ----------
    folder : str or Path
        Folder with ``satker.csv``/``.xlsx``, ``respons*.csv``/``.xlsx``,
        ``instrumen.csv`` and optionally ``pemetaan_kolom.csv``.
    now : datetime, date, str or pandas.Timestamp, optional
        Data date; fill-in times after it are excluded as "in the future". A
        date means the end of that day in WITA, a naive time is WITA.
        Default: the current time.

    Returns
    -------
    Dataset
        Row-level problems are in ``masalah``; such rows are kept with a reason
        in ``respons["dikecualikan"]``.

    Raises
    ------
    DataError
        Nothing usable can be built: the folder, registry or codebook is
        missing or unreadable, or no response file can be read. It holds every
        problem found, not only the fatal one.
    """
    return _Loader(Path(folder), as_now(now)).run()


class _Loader(LoadRun):
    """One loading run, driven step by step."""

    def run(self) -> Dataset:
        before = len(self.log.masalah)
        self.settings = read_settings(self.folder, self.log)
        settings_bad = len(self.log.masalah) > before
        files = discover(self.folder, self.log, self.settings.berkas)
        self.fatal = files.missing_required or settings_bad
        if files.registry is not None:
            self.registry_name = files.registry.name
        if files.codebook is not None:
            self.codebook_name = files.codebook.name
        codebook = load_codebook(self, files.codebook)
        if files.mapping is not None:
            load_mapping(self, files.mapping)
        satker = load_registry(self, files.registry)
        respons = load_responses(self, files.responses)
        masalah = tuple(self.log.hasil())
        if self.fatal or codebook is None or satker is None or respons is None:
            raise DataError(list(masalah), judul=f"Data di {self.folder} tidak dapat dipakai")
        return Dataset(
            folder=self.folder,
            satker=satker,
            respons=respons,
            instrumen=codebook[0],
            codebook=codebook[1],
            masalah=masalah,
            berkas=tuple(self.sources),
            ringkasan=dict(self.log.ringkasan),
        )
