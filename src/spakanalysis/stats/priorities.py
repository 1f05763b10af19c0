"""Improvement priorities: the weakest unsur of an instrument."""

from __future__ import annotations

import numpy as np
import pandas as pd

from spakanalysis.core.errors import InputError

__all__ = ["priorities"]


def priorities(item_table: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """Weakest unsur first, for "prioritas perbaikan".

    Parameters
    ----------
    item_table : DataFrame
        From :func:`item_scores` (needs ``nrr``; rows in codebook order).
    k : int
        Number of priorities.

    Returns
    -------
    DataFrame
        The ``k`` items with the lowest NRR (ties keep codebook order; items without answers
        are left out), with a first column ``prioritas`` = 1 … k.

    Examples
    --------
    >>> t = pd.DataFrame({"kode_butir": ["a", "b", "c"], "unsur": ["A", "B", "C"],
    ...     "nrr": [3.5, 3.1, 3.1]})
    >>> priorities(t, k=2)
       prioritas kode_butir unsur  nrr
    0          1          b     B  3.1
    1          2          c     C  3.1
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(f"k harus bilangan bulat ≥ 1, bukan {k!r}.")
    if "nrr" not in item_table.columns:
        raise InputError("Tabel butir harus memiliki kolom nrr (lihat item_scores()).")
    t = item_table.reset_index(drop=True)
    t = t[t["nrr"].notna()]
    order = np.lexsort((np.arange(len(t)), t["nrr"].to_numpy(dtype=float)))
    out = t.iloc[order[:k]].reset_index(drop=True)
    out.insert(0, "prioritas", np.arange(1, len(out) + 1))
    return out
