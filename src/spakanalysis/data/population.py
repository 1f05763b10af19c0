"""Warn when a satker's month has more valid external responses than it has service users."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from spakanalysis.core.errors import format_nilai
from spakanalysis.data import schemas as sc
from spakanalysis.data.problems import ProblemLog

__all__ = ["check_population"]

_NO_LIMIT = np.iinfo(np.int64).max


def _counts(
    key: np.ndarray, base: np.ndarray, lengkap: Mapping[str, np.ndarray], size: int
) -> np.ndarray:
    """Per (satker, month) key: the larger count of valid responses among the required instruments."""
    counts = np.zeros(size, dtype=np.int64)
    for instrument in sc.REQUIRED_INSTRUMENTS:
        if instrument in lengkap:
            mask = base & lengkap[instrument]
            counts = np.maximum(counts, np.bincount(key[mask], minlength=size))
    return counts


def _limits(kode_cats: np.ndarray, population: Mapping[str, object]) -> np.ndarray:
    """Service users of each satker category (no limit when unknown)."""
    values = [
        int(population[c]) if c in population and not pd.isna(population[c]) else _NO_LIMIT for c in kode_cats
    ]
    return np.array(values or [_NO_LIMIT], dtype=np.int64)


def check_population(
    log: ProblemLog,
    registry: pd.DataFrame,
    registry_name: str,
    rows: Mapping[str, np.ndarray],
    lengkap: Mapping[str, np.ndarray],
) -> None:
    """Warn when a month has more valid external responses than service users.

    A response is valid for an instrument when it is external, not excluded and complete
    for it; the larger count of SPKP and SPAK is compared with ``jumlah_pengguna_layanan``.

    Parameters
    ----------
    log : ProblemLog
        Receives one warning per (satker, month) over the limit.
    registry : pandas.DataFrame
        ``Dataset.satker``.
    registry_name : str
        Its file name, for the message.
    rows : mapping
        Per response row: ``kode`` (satker category codes), ``kode_cats`` (the categories),
        ``bulan`` (``"YYYY-MM"``), ``usable`` (external and not excluded) and ``files``.
    lengkap : mapping
        Per instrument, whether each row is complete for it.
    """
    usable = rows["usable"]
    if not usable.any():
        return
    population = dict(zip(registry["kode_satker"], registry["jumlah_pengguna_layanan"]))
    period = dict(zip(registry["kode_satker"], registry["periode_acuan"]))
    # categorical codes are int8 up to 127 satkers: widen before multiplying, or the key overflows
    kcodes = np.asarray(rows["kode"], dtype=np.int64)
    kode_cats = rows["kode_cats"]
    mcodes, months = pd.factorize(pd.Series(rows["bulan"], dtype=object))
    mcodes = np.asarray(mcodes, dtype=np.int64)
    n_months = max(len(months), 1)
    base = usable & (kcodes >= 0) & (mcodes >= 0)
    key = np.where(base, kcodes * n_months + mcodes, 0)
    counts = _counts(key, base, lengkap, max(len(kode_cats), 1) * n_months)
    over = np.flatnonzero(counts > np.repeat(_limits(kode_cats, population), n_months)[: counts.size])
    if over.size == 0:
        return
    chosen = base & np.isin(key, over)
    pairs = pd.DataFrame({"key": key[chosen], "berkas": rows["files"][chosen]}).drop_duplicates()
    files_of = pairs.groupby("key")["berkas"].agg(lambda f: ", ".join(sorted(f)))
    for k in over.tolist():
        kode, month = kode_cats[k // n_months], months[k % n_months]
        log.add(
            files_of.get(k, "respons*"),
            f"{int(counts[k])} respons sah eksternal pada bulan {month} melebihi jumlah_pengguna_layanan satker "
            f"({int(population[kode])}, periode acuan {period.get(kode)}); periksa jumlah pengguna layanan di "
            f"{registry_name} atau kemungkinan kiriman ganda",
            kode="respons_melebihi_populasi",
            kolom="kode_satker",
            nilai=format_nilai(kode),
            kode_satker=kode,
        )
