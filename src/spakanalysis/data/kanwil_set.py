"""Several Kanwils in one registry (the ``kanwil`` column): their names and one Kanwil's part of a dataset."""

from __future__ import annotations

from dataclasses import replace

from spakanalysis.core.errors import ParameterError
from spakanalysis.data.model import Dataset

__all__ = ["kanwil_names", "kanwil_subset"]


def kanwil_names(dataset: Dataset) -> list[str]:
    """The distinct Kanwil names of the registry, in registry order (blank names left out)."""
    names = dataset.satker["kanwil"].dropna().astype(str).str.strip() if "kanwil" in dataset.satker else []
    return list(dict.fromkeys(n for n in names if n))


def kanwil_subset(dataset: Dataset, kanwil: str) -> Dataset:
    """The dataset of one Kanwil: its registry rows and the responses of its satkers (problems kept).

    Raises :class:`ParameterError` (in Bahasa Indonesia) when no satker of the registry belongs to ``kanwil``.
    """
    reg = dataset.satker
    mine = reg[reg["kanwil"].astype(str).str.strip() == str(kanwil).strip()]
    if mine.empty:
        known = ", ".join(kanwil_names(dataset)) or "–"
        raise ParameterError(f'Kanwil "{kanwil}" tidak ada di registri satker (kolom kanwil). Kanwil yang ada: {known}.')
    codes = set(mine["kode_satker"])
    respons = dataset.respons[dataset.respons["kode_satker"].isin(codes)]
    return replace(dataset, satker=mine.reset_index(drop=True), respons=respons)
