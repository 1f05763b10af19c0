"""Read and validate the satker registry (``satker.csv``) into ``Dataset.satker``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from spakanalysis.data import schemas as sc
from spakanalysis.data.emails import split_emails
from spakanalysis.data.loadrun import LoadRun
from spakanalysis.data.problems import schema_failures
from spakanalysis.data.readers import ROW_COLUMN
from spakanalysis.data.rules import registry_schema
from spakanalysis.data.skeleton import EXAMPLE_CODE
from spakanalysis.data.survey_url import clean_survey_url
from spakanalysis.data.vectors import str_column, strip_text

__all__ = ["load_registry"]


def _validate(run: LoadRun, std: pd.DataFrame, headers: dict[str, str], file_name: str) -> pd.DataFrame:
    """The cleaned registry (text columns stripped, absent ones blank); its failures are reported."""
    clean = std.copy()
    for col in sc.REGISTRY_COLUMNS:
        clean[col] = clean[col].map(strip_text) if col in clean else ""
    present = [c for c in sc.REGISTRY_COLUMNS if c in std]
    failures = schema_failures(registry_schema(present), clean[present])
    code = clean["kode_satker"]
    first_row = clean.groupby(code.str.upper())[ROW_COLUMN].transform("first")

    def context(rec: Mapping[str, Any]) -> dict[str, Any]:
        return {"baris_pertama": int(first_row.iloc[rec["pos"]])}

    attribution = code.where(code != "", None).to_numpy(dtype=object)
    run.report(failures, clean, {file_name: headers}, attribution, context)
    return clean


def _typed(reg: pd.DataFrame) -> pd.DataFrame:
    """The kept registry rows as ``Dataset.satker`` (typed columns, defaults filled in)."""
    jenis = {" ".join(j.split()).casefold(): j for j in sc.JENIS_SATKER}
    population = reg["jumlah_pengguna_layanan"].map(sc.parse_whole)
    population = population.where(population.notna() & (population.astype(float) > 0))

    def text(col: str) -> pd.Series:
        return str_column(reg[col].where(reg[col] != "", None).to_numpy(dtype=object))

    def satker_type(j: str) -> str | None:
        return jenis.get(" ".join(j.split()).casefold(), j or None)

    zones = reg["zona_waktu"].map(lambda z: z if z and sc.valid_timezone(z) else sc.DEFAULT_TIMEZONE)
    days = reg["hari_layanan"].map(lambda d: " ".join(d.split()).casefold() if d else None)
    days = days.where(days.isin(sc.HARI_LAYANAN), None)
    emails = reg["email_pimpinan"].map(lambda t: "; ".join(split_emails(t) or []) or None)
    return pd.DataFrame(
        {
            "kode_satker": text("kode_satker"),
            "nama_satker": text("nama_satker"),
            "jenis_satker": str_column(reg["jenis_satker"].map(satker_type).to_numpy(dtype=object)),
            "kanwil": text("kanwil"),
            "kota": text("kota"),
            "jumlah_pengguna_layanan": pd.array(population.to_numpy(dtype=object), dtype="Int64"),
            "periode_acuan": text("periode_acuan"),
            "zona_waktu": str_column(zones.to_numpy(dtype=object)),
            "hari_layanan": str_column(days.to_numpy(dtype=object)),
            "email_pimpinan": str_column(emails.to_numpy(dtype=object)),
            "url_survei": str_column(reg["url_survei"].map(clean_survey_url).to_numpy(dtype=object)),
        }
    )


def load_registry(run: LoadRun, path: Path | None) -> pd.DataFrame | None:
    """Read, validate and convert the registry; ``None`` (and a fatal run) when it cannot be used.

    Parameters
    ----------
    run : LoadRun
        The loading run (after the mapping, which applies to the registry); ``run.registry`` is set.
    path : Path or None
        The registry file found (``None``: missing, already reported).

    Returns
    -------
    pandas.DataFrame or None
        One row per satker code, in file order; rows with an empty, repeated or unsafe code are left out.
    """
    read = None
    if path is not None:
        rules = run.rules(sc.REGISTRY_COLUMNS, sc.REQUIRED_REGISTRY_COLUMNS, mapped=True)
        read = run.read(path, sc.REGISTRY_COLUMNS, rules)
    if read is None or "kode_satker" not in read[0]:
        run.fatal = True
        return None
    clean = _validate(run, *read, path.name)
    code = clean["kode_satker"]
    # an unsafe code never becomes a satker (it would be a folder name); its rows are reported above
    keep = (code != "") & ~code.str.upper().duplicated(keep="first") & code.map(sc.is_safe_satker_code)
    run.registry = _typed(clean.loc[keep].reset_index(drop=True))
    _note_example_row(run, clean, path.name)
    return run.registry


def _note_example_row(run: LoadRun, clean: pd.DataFrame, file_name: str) -> None:
    """The example row of ``spakanalysis siapkan`` still in the registry: a warning to replace it."""
    for row in clean.loc[clean["kode_satker"].str.upper() == EXAMPLE_CODE, ROW_COLUMN]:
        run.log.add(file_name, f"baris contoh dari spakanalysis siapkan (kode_satker {EXAMPLE_CODE}); ganti dengan "
                    "satker Anda atau hapus baris ini", kode="baris_contoh", baris=int(row), kolom="kode_satker",
                    nilai=EXAMPLE_CODE)
