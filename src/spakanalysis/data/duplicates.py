"""Duplicate submissions: the content key of each response row and the problems for the repeats."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.data import schemas as sc
from spakanalysis.data.problems import ProblemLog
from spakanalysis.data.readers import FILE_COLUMN, ROW_COLUMN

__all__ = ["duplicate_key", "report_duplicates"]


def duplicate_key(
    kode_codes: np.ndarray,
    waktu: pd.Series,
    text: np.ndarray,
    item_values: Mapping[str, np.ndarray],
    item_kinds: Mapping[str, np.ndarray],
) -> pd.DataFrame:
    """Numeric per-row key of a submission's content (satker, moment, answers).

    Parameters
    ----------
    kode_codes : numpy.ndarray
        Categorical code of each row's satker.
    waktu : pandas.Series
        Parsed fill-in time (NaT when unreadable: the raw ``text`` is hashed instead).
    text : numpy.ndarray
        Raw fill-in time text of each row.
    item_values, item_kinds : mapping
        Per item, the raw value and answer kind of each row.

    Returns
    -------
    pandas.DataFrame
        Columns ``kode_satker``, ``waktu_kunci`` and one per item, as
        :func:`spakanalysis.data.problems.find_duplicates` expects.
    """
    key = pd.DataFrame({"kode_satker": kode_codes})
    moment = waktu.to_numpy(dtype="datetime64[us]").view("int64").copy()
    unreadable = waktu.isna().to_numpy()
    if unreadable.any():
        moment[unreadable] = pd.util.hash_array(text[unreadable]).view("int64")
    key["waktu_kunci"] = moment
    for item, kind in item_kinds.items():
        key[item] = np.where(kind == sc.NILAI, item_values[item], -kind.astype(np.float64))
    return key


def _message(rec: Mapping[str, Any]) -> str:
    where = f"baris {rec['baris_pertama']}"
    if rec["berkas_pertama"] != rec["berkas"]:
        where += f" di {rec['berkas_pertama']}"
    basis = "id_respons sama" if rec["by_id"] else "kode_satker, waktu_isi dan semua jawaban sama"
    return f"kiriman ganda ({basis}) dengan {where}; baris ini dikecualikan, baris pertama dipertahankan"


def _table(
    found: tuple[np.ndarray, np.ndarray, np.ndarray],
    check: pd.DataFrame,
    attribution: np.ndarray,
    ids: pd.Series | None,
    headers: Mapping[str, Mapping[str, str]],
) -> pd.DataFrame:
    duplicate, first, by_id = found
    pos = np.flatnonzero(duplicate)
    files = check[FILE_COLUMN].to_numpy(dtype=object)
    rows = check[ROW_COLUMN].to_numpy()
    table = pd.DataFrame(
        {
            "berkas": files[pos],
            "baris": rows[pos],
            "kode": "kiriman_ganda",
            "kode_satker": attribution[pos],
            "baris_pertama": rows[first[pos]],
            "berkas_pertama": files[first[pos]],
            "by_id": by_id[pos],
        }
    )
    table["kolom"] = [
        headers.get(f, {}).get("id_respons", "id_respons") if b else None
        for f, b in zip(table["berkas"], table["by_id"])
    ]
    if ids is not None:
        table["nilai"] = ids.to_numpy(dtype=object)[pos]
    return table


def report_duplicates(
    log: ProblemLog,
    found: tuple[np.ndarray, np.ndarray, np.ndarray],
    check: pd.DataFrame,
    attribution: np.ndarray,
    ids: pd.Series | None,
    headers: Mapping[str, Mapping[str, str]],
) -> None:
    """One problem per repeated row, and one per file repeating rows of another file.

    Parameters
    ----------
    log : ProblemLog
        Receives the problems.
    found : (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        ``duplicate``, ``first`` and ``by_id`` of :func:`spakanalysis.data.problems.find_duplicates`.
    check : pandas.DataFrame
        The response rows (``_berkas``, ``_baris``).
    attribution : numpy.ndarray
        Satker of each row (or ``None``).
    ids : pandas.Series or None
        ``id_respons`` of each row, when the files have one.
    headers : mapping
        Per file, the source header of each standard column.
    """
    table = _table(found, check, attribution, ids, headers)
    with_id = table.loc[table["by_id"]]
    without = table.loc[~table["by_id"]].drop(columns=["nilai"], errors="ignore")
    log.add_rows(with_id, _message)
    log.add_rows(without, _message)
    across = table.loc[table["berkas"] != table["berkas_pertama"]]
    for (file_name, first_file), n in across.groupby(["berkas", "berkas_pertama"]).size().items():
        log.add(
            file_name,
            f"{n} baris di berkas ini adalah kiriman yang sudah ada di {first_file} (ekspor tumpang tindih?); "
            "semuanya dikecualikan sehingga setiap kiriman dihitung sekali",
            kode="kiriman_ganda_antar_berkas",
        )
