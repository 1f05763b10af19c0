"""Read and validate the column mapping (``pemetaan_kolom.csv``): source headers → standard names."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from spakanalysis.core.errors import DataError
from spakanalysis.data import schemas as sc
from spakanalysis.data.loadrun import LoadRun
from spakanalysis.data.problems import schema_failures
from spakanalysis.data.readers import ROW_COLUMN, normalize_header, read_table
from spakanalysis.data.rules import mapping_schema
from spakanalysis.data.vectors import strip_text

__all__ = ["known_names", "load_mapping"]


def known_names(run: LoadRun) -> set[str]:
    """Standard names a mapping may point to: registry and response columns, items, personal aliases."""
    return {*sc.REGISTRY_COLUMNS, *sc.RESPONSE_COLUMNS, *run.all_items, *sc.PERSONAL_ALIASES}


def _header_only(path: Path) -> bool:
    try:
        read_table(path)
    except DataError as err:
        return [m.kode for m in err.masalah] == ["hanya_header"]
    return False


def load_mapping(run: LoadRun, path: Path) -> None:
    """Read the mapping into ``run.mapping`` (normalised header → standard name); bad rows are reported.

    Parameters
    ----------
    run : LoadRun
        The loading run (after the codebook: its items are valid targets).
    path : Path
        The mapping file.
    """
    run.mapping_name = path.name
    if _header_only(path):
        run.log.add(path.name, "pemetaan kolom masih kosong (hanya header): judul kolom ekspor harus sudah nama baku; "
                    "usulan pemetaan dibuat dengan: spakanalysis petakan BERKAS_EKSPOR", kode="pemetaan_kosong")
        return
    rules = run.rules(sc.MAPPING_COLUMNS, sc.MAPPING_COLUMNS)
    read = run.read(path, sc.MAPPING_COLUMNS, rules)
    if read is None:
        return
    std, headers = read
    if not set(sc.MAPPING_COLUMNS) <= set(std.columns):
        return
    clean = std.copy()
    for col in sc.MAPPING_COLUMNS:
        clean[col] = clean[col].map(strip_text)
    schema = mapping_schema(sc.MAPPING_COLUMNS, known_names(run))
    failures = schema_failures(schema, clean[list(sc.MAPPING_COLUMNS)])
    source_key = clean["kolom_sumber"].map(normalize_header)
    target = clean["kolom_baku"].str.lower()
    first_row = clean.groupby(source_key)[ROW_COLUMN].transform("first")
    first_target = target.groupby(source_key).transform("first")

    def context(rec: Mapping[str, Any]) -> dict[str, Any]:
        p = rec["pos"]
        return {"baris_pertama": int(first_row.iloc[p]), "target_pertama": first_target.iloc[p]}

    run.report(failures, clean, {path.name: headers}, None, context)
    bad = np.zeros(len(clean), dtype=bool)
    bad[failures["pos"].to_numpy()] = True
    for key, tgt, ok in zip(source_key, target, ~bad):
        if ok and key and key not in run.mapping:
            run.mapping[key] = tgt
            run.mapping_source.setdefault(tgt, clean.loc[source_key == key, "kolom_sumber"].iloc[0])
