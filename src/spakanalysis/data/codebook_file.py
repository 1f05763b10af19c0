"""Read and validate the codebook file (``instrumen.csv``) into ``Dataset.instrumen`` and a :class:`Codebook`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.data import schemas as sc
from spakanalysis.data.codebook import Codebook, parse_codebook, parse_flag
from spakanalysis.data.loadrun import LoadRun
from spakanalysis.data.problems import schema_failures
from spakanalysis.data.readers import ROW_COLUMN
from spakanalysis.data.rules import codebook_schema
from spakanalysis.data.vectors import strip_text

__all__ = ["load_codebook"]

#: codebook problems that make a row unusable
_FATAL_CODES = frozenset(
    {"instrumen_tidak_dikenal", "nilai_wajib_kosong", "kode_butir_tidak_valid", "kode_butir_ganda", "skala_tidak_valid"}
)


def _standard_items(run: LoadRun) -> None:
    """Without a usable codebook, keep validating the responses against the standard items."""
    run.fatal = True
    for instrument, items in sc.STANDARD_ITEMS.items():
        run.instruments[instrument] = list(items)
        for item in items:
            run.scales[item] = sc.DEFAULT_SCALE
    run.all_items = set(run.scales)


def _validate(run: LoadRun, clean: pd.DataFrame, headers: dict[str, str], file_name: str) -> pd.DataFrame:
    """Report the schema failures of the cleaned codebook; return them."""
    columns = [c for c in sc.CODEBOOK_COLUMNS if c in clean]
    failures = schema_failures(codebook_schema(columns), clean[columns])
    first_row = clean.groupby(clean["kode_butir"].str.lower())[ROW_COLUMN].transform("first")
    lo, hi = _column(clean, "skala_min"), _column(clean, "skala_maks")

    def context(rec: Mapping[str, Any]) -> dict[str, Any]:
        p = rec["pos"]
        return {
            "baris_pertama": int(first_row.iloc[p]),
            "urutan": rec["konteks"] == "DataFrameSchema",
            "lo": lo.iloc[p] or sc.DEFAULT_SCALE[0],
            "hi": hi.iloc[p] or sc.DEFAULT_SCALE[1],
        }

    run.report(failures, clean, {file_name: headers}, None, context)
    return failures


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series("", index=frame.index)


def _typed(valid: pd.DataFrame) -> pd.DataFrame:
    """The valid rows as ``Dataset.instrumen``: typed columns, blanks replaced by their defaults."""
    out = pd.DataFrame(
        {
            "instrumen": valid["instrumen"].str.upper(),
            "kode_butir": valid["kode_butir"].str.lower(),
            "unsur": valid["unsur"] if "unsur" in valid else "",
            "pertanyaan": valid["pertanyaan"] if "pertanyaan" in valid else "",
            "skala_min": _column(valid, "skala_min").map(lambda t: sc.parse_whole(t) if t else sc.DEFAULT_SCALE[0]),
            "skala_maks": _column(valid, "skala_maks").map(lambda t: sc.parse_whole(t) if t else sc.DEFAULT_SCALE[1]),
            "terbalik": _column(valid, "terbalik").map(lambda t: parse_flag(t) is True),
            "bobot": _column(valid, "bobot").map(lambda t: sc.parse_number(t) if t else np.nan),
        }
    ).reset_index(drop=True)
    out["skala_min"] = out["skala_min"].astype("int64")
    out["skala_maks"] = out["skala_maks"].astype("int64")
    out["terbalik"] = out["terbalik"].astype(bool)
    out["bobot"] = pd.to_numeric(out["bobot"], errors="coerce").astype("float64")
    for col in ("instrumen", "kode_butir", "unsur", "pertanyaan"):
        out[col] = out[col].astype("str")
    return out


def _register(run: LoadRun, out: pd.DataFrame, codebook: Codebook, file_name: str) -> None:
    """Record the instruments' items and the item scales for the response checks."""
    for instrument in sc.INSTRUMENTS:
        found = codebook.instruments.get(instrument)
        if found is not None and not isinstance(found, str) and found.codes:
            run.instruments[instrument] = list(found.codes)
        elif instrument in sc.REQUIRED_INSTRUMENTS:
            run.log.add(
                file_name,
                f"instrumen {instrument} tidak punya satu pun butir yang sah; diharapkan butir seperti "
                + ", ".join(sc.STANDARD_ITEMS[instrument][:3])
                + " ...",
                kode="instrumen_tanpa_butir",
                kolom="instrumen",
            )
    run.scales = {
        item: (int(a), int(b)) for item, a, b in out[["kode_butir", "skala_min", "skala_maks"]].itertuples(index=False)
    }


def load_codebook(run: LoadRun, path: Path | None) -> tuple[pd.DataFrame, Codebook] | None:
    """Read, validate and convert the codebook; ``None`` (and a fatal run) when it cannot be used.

    Parameters
    ----------
    run : LoadRun
        The loading run: receives the problems, the instruments' items and the item scales.
    path : Path or None
        The codebook file found (``None``: missing, already reported).

    Returns
    -------
    (pandas.DataFrame, Codebook) or None
        ``Dataset.instrumen`` (valid rows only) and the same codebook parsed by
        :func:`~spakanalysis.data.codebook.parse_codebook`.
    """
    read = None
    if path is not None:
        rules = run.rules(sc.CODEBOOK_COLUMNS, sc.REQUIRED_CODEBOOK_COLUMNS)
        read = run.read(path, sc.CODEBOOK_COLUMNS, rules)
    if read is None or not {"instrumen", "kode_butir"} <= set(read[0].columns):
        _standard_items(run)
        return None
    std, headers = read
    clean = std.copy()
    for col in sc.CODEBOOK_COLUMNS:
        if col in clean:
            clean[col] = clean[col].map(strip_text)
    run.all_items = {c.lower() for c in clean["kode_butir"] if c}
    failures = _validate(run, clean, headers, path.name)
    bad = np.zeros(len(clean), dtype=bool)
    bad[failures.loc[failures["kode"].isin(_FATAL_CODES), "pos"].to_numpy()] = True
    out = _typed(clean.loc[~bad])
    codebook = parse_codebook(out)
    _register(run, out, codebook, path.name)
    return out, codebook
