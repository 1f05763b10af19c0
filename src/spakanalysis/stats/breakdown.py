"""Index per demographic group with small groups suppressed (disclosure control): :func:`breakdown`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from spakanalysis.stats.groups import display_labels, group_codes, group_keys, grouped
from spakanalysis.stats.index_config import check_min_cell
from spakanalysis.stats.index_result import IndexResult
from spakanalysis.stats.indices import compute_index

__all__ = ["LABEL_TOTAL", "breakdown"]

#: label of the last row, over all groups
LABEL_TOTAL = "Total"
_COLUMNS = ["n", "nilai", "ci_bawah", "ci_atas", "nilai_100", "cukup", "keterangan"]


def breakdown(
    respons: pd.DataFrame, instrumen: pd.DataFrame, instrument: str, by: str | Sequence[str], *,
    min_cell: int | None = None, population: float | None = None,
    weights: Mapping[str, float] | Sequence[float] | None = None, conversion: str = "max",
    min_reliable: int | None = None,
) -> pd.DataFrame:
    """Index per demographic group, with small groups suppressed.

    With ``population`` (the period's population behind all of ``respons``), each group's
    interval uses the period's sampling fraction: its population is ``population × n_g / n``.

    Suppression (disclosure control):

    * **primary**: a group with ``n < min_cell`` (configuration ``min_sel``, 5) shows ``n`` as
      the text ``"<5"`` and NaN scores;
    * **secondary**: when exactly one group is suppressed, the next smallest group is also
      suppressed (``n`` shown as ``"ditekan"``), so that the small group's n and score cannot be
      recovered by subtracting the other groups from the total (which is also published in the
      per-satker tables). The ``Total`` row is kept, unless its own n < ``min_cell``
      (without any response it shows ``n = 0`` and "tidak ada respons").

    Protection is not absolute: with two suppressed groups their combined n is known, and an
    extreme combination (e.g. a combined n of 2 means 1 + 1) still reveals them.

    Parameters
    ----------
    by : str or list of str
        Demographic column(s), e.g. ``"jenis_kelamin"``; missing values form the group
        ``"(tidak diisi)"`` so that the groups add up to the total.
    min_cell : int, optional
        Smallest group shown; default from configuration.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``n`` (int, ``"<5"`` or ``"ditekan"``, object dtype), ``nilai``,
        ``ci_bawah``, ``ci_atas``, ``nilai_100``, ``cukup``, ``ditekan`` (bool) and
        ``keterangan``; the last row is ``Total``.

    Examples
    --------
    >>> cb = pd.DataFrame({"instrumen": ["SPAK"], "kode_butir": ["a"], "unsur": ["A"],
    ...     "skala_min": [1], "skala_maks": [4], "terbalik": ["tidak"], "bobot": [np.nan]})
    >>> r = pd.DataFrame({"jenis_kelamin": ["L"] * 7 + ["P"] * 6 + ["X"] * 2, "a": [4.0] * 15})
    >>> breakdown(r, cb, "SPAK", "jenis_kelamin")[["jenis_kelamin", "n", "nilai"]]
      jenis_kelamin        n  nilai
    0             L        7    4.0
    1             P  ditekan    NaN
    2             X       <5    NaN
    3         Total       15    4.0
    """
    cell = check_min_cell(min_cell)
    options = {"weights": weights, "conversion": conversion, "min_reliable": min_reliable}
    labels, rows, _, _ = grouped(respons, instrumen, instrument, by,
                                 population=_group_populations(respons, by, population), **options)
    total = compute_index(respons, instrumen, instrument, population=population, **options)
    body = _suppressed(pd.concat([rows[_COLUMNS], _total_row(total)], ignore_index=True), cell)
    lab = display_labels(labels)
    total_label = pd.DataFrame({c: [LABEL_TOTAL if i == 0 else ""] for i, c in enumerate(lab.columns)})
    return pd.concat([pd.concat([lab, total_label], ignore_index=True).astype(object), body], axis=1)


def _group_populations(respons: pd.DataFrame, by: str | Sequence[str], population: float | None) -> pd.Series | None:
    """Each group's population under the period's sampling fraction: ``population × n_g / n``."""
    if population is None:
        return None
    keys = group_keys(respons, by)
    code, labels0 = group_codes(keys)
    counts = np.bincount(code, minlength=len(labels0)).astype(float)
    idx = pd.MultiIndex.from_frame(labels0) if labels0.shape[1] > 1 else pd.Index(labels0.iloc[:, 0])
    group_pop = pd.Series(counts / counts.sum() * float(population), index=idx)
    if labels0.shape[1] == 1:
        group_pop.index.name = labels0.columns[0]
    return group_pop


def _total_row(total: IndexResult) -> pd.DataFrame:
    """The ``Total`` row's figures from the index over all responses."""
    return pd.DataFrame(
        {
            "n": [total.n_respons],
            "nilai": [total.nilai],
            "ci_bawah": [total.ci_bawah],
            "ci_atas": [total.ci_atas],
            "nilai_100": [total.nilai_100],
            "cukup": [total.cukup],
            "keterangan": [total.keterangan],
        }
    )


def _suppressed(body: pd.DataFrame, cell: int) -> pd.DataFrame:
    """The group rows and the total row (last) with primary and secondary suppression applied."""
    n = body["n"].to_numpy()
    groups_n = n[:-1]
    primary = (groups_n > 0) & (groups_n < cell)
    secondary = np.zeros_like(primary)
    if primary.sum() == 1 and len(groups_n) >= 2:
        others = np.where(~primary)[0]
        secondary[others[np.argmin(groups_n[others])]] = True
    prim = np.concatenate([primary, [0 < n[-1] < cell]])
    sec = np.concatenate([secondary, [False]])
    sup = prim | sec
    n_shown = body["n"].astype(object)
    n_shown[prim] = f"<{cell}"
    n_shown[sec] = "ditekan"
    body["n"] = n_shown
    for c in ("nilai", "ci_bawah", "ci_atas", "nilai_100"):
        body.loc[sup, c] = np.nan
    body["cukup"] = body["cukup"].astype(bool) & ~sup
    ket = body["keterangan"].astype(object)
    ket[prim] = f"ditekan: kelompok kurang dari {cell} responden"
    ket[sec] = "ditekan (penekanan sekunder): agar kelompok kecil tidak dapat dihitung dari total"
    body["keterangan"] = ket
    body.insert(len(_COLUMNS) - 1, "ditekan", sup)
    return body
