"""Separate exports per instrument: which instruments a response file carries, and one row per submission.

The survey application may export SPKP and SPAK to separate files, each with its
own submission id, time, satker, service and respondent columns and only its own
items. A file *carries* an instrument when it holds at least one of its items.
Rows of files that carry different instruments and share a submission
(the same ``kode_satker`` and ``id_respons``) become one row: the first file's row
(in file-name order) keeps its columns and gains the other file's items; the
feedback (``saran``) is kept once (both texts, one per line, when they differ).
Rows without an id, or whose id is not in the other file, stay rows of their own
and count only for the instruments they carry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["carried_instruments", "join_instrument_exports"]


def carried_instruments(columns: Sequence[str], instruments: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The instruments of which ``columns`` hold at least one item.

    Examples
    --------
    >>> carried_instruments(["waktu_isi", "spak_pungli"], {"SPKP": ["spkp_biaya"], "SPAK": ["spak_pungli"]})
    frozenset({'SPAK'})
    """
    present = set(columns)
    return frozenset(name for name, items in instruments.items() if present.intersection(items))


def _keys(frame: pd.DataFrame) -> pd.Series:
    """``KODE|id`` per row (``None`` without an id or a satker code)."""
    kode = frame["kode_satker"].astype(object).map(lambda v: v.strip().upper() if isinstance(v, str) else "")
    ids = frame["id_respons"].astype(object).map(lambda v: v.strip() if isinstance(v, str) else "")
    key = kode + "|" + ids
    return key.where((kode != "") & (ids != ""), None)


def _merge_feedback(first: pd.Series, second: pd.Series) -> pd.Series:
    a = first.fillna("").astype(str)
    b = second.fillna("").astype(str)
    same = (a.str.strip() == b.str.strip()) | (b.str.strip() == "")
    return a.where(same, np.where(a.str.strip() == "", b, a + "\n" + b))


def _fold(base: pd.DataFrame, other: pd.DataFrame, items: list[str]) -> pd.DataFrame:
    """Fold the rows of ``other`` whose submission is in ``base`` into it; the rest are appended."""
    if "id_respons" not in base or "id_respons" not in other or not items:
        return pd.concat([base, other], ignore_index=True, sort=False)
    base_key, other_key = _keys(base), _keys(other)
    first_base = base_key.notna() & ~base_key.duplicated()
    first_other = other_key.notna() & ~other_key.duplicated()
    position = pd.Series(np.flatnonzero(first_base.to_numpy()), index=base_key[first_base].to_numpy())
    matched = first_other & other_key.isin(position.index)
    target = position.loc[other_key[matched].to_numpy()].to_numpy()
    source = other.loc[matched]
    base = base.copy()
    for item in items:
        if item not in base:
            base[item] = pd.Series("", index=base.index, dtype=object)
        base.iloc[target, base.columns.get_loc(item)] = source[item].to_numpy(dtype=object)
    if "saran" in source:
        if "saran" not in base:
            base["saran"] = ""
        col = base.columns.get_loc("saran")
        merged = _merge_feedback(base.iloc[target, col].reset_index(drop=True), source["saran"].reset_index(drop=True))
        base.iloc[target, col] = merged.to_numpy(dtype=object)
    return pd.concat([base, other.loc[~matched]], ignore_index=True, sort=False)


def join_instrument_exports(
    frames: Sequence[pd.DataFrame], carried: Sequence[frozenset[str]], instruments: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """Concatenate the response files' frames, one row per submission across instrument-specific files.

    Parameters
    ----------
    frames : sequence of DataFrame
        The standard frames of the response files, in file-name order.
    carried : sequence of frozenset
        The instruments each frame carries (:func:`carried_instruments`).
    instruments : mapping
        Instrument → its item codes (the codebook).

    Returns
    -------
    DataFrame
        A frame whose rows keep ``_berkas``/``_baris`` of the file they came from first.
    """
    groups: dict[frozenset[str], list[pd.DataFrame]] = {}
    for frame, these in zip(frames, carried):
        groups.setdefault(these, []).append(frame)  # dicts keep the order of first appearance
    joined = [(these, pd.concat(parts, ignore_index=True, sort=False) if len(parts) > 1 else parts[0])
              for these, parts in groups.items()]
    seen, out = joined[0]
    seen = set(seen)
    for these, frame in joined[1:]:
        if these and not these & seen:
            items = [i for name in sorted(these) for i in instruments[name] if i in frame]
            out = _fold(out, frame, items)
        else:
            out = pd.concat([out, frame], ignore_index=True, sort=False)
        seen |= these
    return out
