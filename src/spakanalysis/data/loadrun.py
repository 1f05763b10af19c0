"""One loading run: the problems found so far, the files read and what later steps need.

:class:`LoadRun` is the state the loader's steps (:mod:`~spakanalysis.data.discovery`,
:mod:`~spakanalysis.data.codebook_file`, :mod:`~spakanalysis.data.mapping`,
:mod:`~spakanalysis.data.registry`, :mod:`~spakanalysis.data.responses`) share; it reads
one file through its header plan and turns schema failures into capped problems.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.errors import DataError
from spakanalysis.data import read_cache
from spakanalysis.data.columns import ColumnRules, plan_columns
from spakanalysis.data.model import SourceFile
from spakanalysis.data.privacy import mask_personal_text
from spakanalysis.data.problems import ProblemLog, pesan_masalah
from spakanalysis.data.readers import CONTROL_ATTR, FILE_COLUMN, ROW_COLUMN, read_table
from spakanalysis.data.settings_file import ResponseSettings
from spakanalysis.data.vectors import factorize_text

__all__ = ["LoadRun"]


def masked_feedback(raw: pd.Series) -> pd.Series:
    """The ``saran`` cells stripped and with personal data masked (:func:`~spakanalysis.data.privacy.mask_personal_text`).

    The one place feedback is masked: before the loader builds anything from it, before any cache.
    """
    codes, uniques = factorize_text(raw)
    masked = mask_personal_text(pd.Series(uniques, dtype=object)).to_numpy(dtype=object) if uniques else np.array([], dtype=object)
    out = np.empty(codes.size, dtype=object)
    out[:] = masked[np.where(codes < 0, 0, codes)] if masked.size else ""
    out[codes < 0] = ""
    return pd.Series(out, index=raw.index, name=raw.name, dtype=object)


class LoadRun:
    """The state of one loading run (see the module docs)."""

    def __init__(self, folder: Path, now: pd.Timestamp) -> None:
        self.folder = folder
        self.now = now
        self.log = ProblemLog()
        self.sources: list[SourceFile] = []
        self.fatal = False
        self.registry_name = "satker.csv"
        self.codebook_name = "instrumen.csv"
        self.mapping_name: str | None = None
        self.mapping: dict[str, str] = {}
        self.mapping_source: dict[str, str] = {}
        self.scales: dict[str, tuple[int, int]] = {}
        self.instruments: dict[str, list[str]] = {}
        self.all_items: set[str] = set()
        self.registry: pd.DataFrame | None = None
        self.settings = ResponseSettings()
        self.keep_reads = False  # use the per-file read cache (several large response files, see read_cache)

    def rules(
        self, known: Collection[str], required: Sequence[str], *, mapped: bool = False, personal: bool = False
    ) -> ColumnRules:
        """Column rules for a file; ``mapped``: the column mapping applies to it."""
        return ColumnRules(
            known=known,
            required=required,
            mapping=self.mapping if mapped else None,
            personal=personal,
            mapping_name=self.mapping_name,
            mapping_source=self.mapping_source,
        )

    def read(
        self, path: Path, hint: Collection[str], rules: ColumnRules, sheet: str | None = None
    ) -> tuple[pd.DataFrame, dict[str, str]] | None:
        """Read one file keeping only its known columns, under their standard names.

        Personal and unknown columns are left out while reading, so their
        values never enter memory as cells. Returns the standard frame (plus
        ``_baris``/``_berkas``) and, for each standard column, its header in the
        file; ``None`` when the file cannot be read (problems are logged).
        """
        key = read_cache.read_key(path, hint, rules, sheet) if self.keep_reads else None
        kept = read_cache.lookup(key)
        if kept is not None:  # read by an earlier run: its problems again, without parsing the file
            self.log.masalah.extend(kept.problems)
            self.log.ringkasan.update(kept.summaries)
            self.sources.append(kept.record)
            return kept.frame, kept.source
        first = len(self.log.masalah)
        plans = []

        def select(headers: Sequence[str]) -> list[int]:
            plans.append(plan_columns(headers, path.name, rules, self.log))
            return plans[-1].positions

        try:
            frame = read_table(path, header_hint=hint, select=select, sheet=sheet)
        except DataError as err:
            self.log.extend(err.masalah)
            return None
        self.sources.append(SourceFile(path.name, frame.attrs.get("sha256", ""), len(frame)))
        self._report_control_characters(path.name, frame.attrs.get(CONTROL_ATTR, {}))
        frame.columns = [*plans[-1].targets, ROW_COLUMN, FILE_COLUMN]
        frame.attrs = {}
        if "saran" in frame.columns:  # personal data typed into the feedback box never leaves the reading
            frame["saran"] = masked_feedback(frame["saran"])
        added = self.log.masalah[first:]
        read_cache.store(key, read_cache.CachedRead(frame, plans[-1].source, self.sources[-1], added,
                                                    {m: self.log.ringkasan[m] for m in added if m in self.log.ringkasan}))
        return frame, plans[-1].source

    def _report_control_characters(self, file_name: str, found: Mapping[str, Sequence[int]]) -> None:
        """One warning per cell whose control characters the reader removed (capped per column)."""
        rows = pd.DataFrame(
            [(file_name, int(b), column) for column, lines in found.items() for b in lines],
            columns=["berkas", "baris", "kolom"],
        )
        if rows.empty:
            return
        rows["kode"] = "karakter_kendali"
        rows["kode_satker"] = None
        self.log.add_rows(
            rows, lambda rec: "karakter kendali (mis. NUL) dibuang dari teks sel ini; periksa ekspornya"
        )

    def report(
        self,
        failures: pd.DataFrame,
        clean: pd.DataFrame,
        headers: Mapping[str, Mapping[str, str]],
        satker: np.ndarray | None,
        context: Any = None,
    ) -> None:
        """Turn schema failures on ``clean`` into capped problems.

        ``headers`` gives, per file, the source header of each standard column; ``satker`` the satker
        of each row of ``clean`` (or ``None``); ``context(rec)`` extra message context per failure.
        """
        if failures.empty:
            return
        pos = failures["pos"].to_numpy()
        kolom_baku = failures["kolom"].to_numpy(dtype=object)
        values = np.empty(pos.size, dtype=object)
        for col in pd.unique(kolom_baku):
            sel = kolom_baku == col
            col_values = clean[col]
            if isinstance(col_values.dtype, pd.CategoricalDtype):
                col_values = col_values.astype(object)
            values[sel] = col_values.to_numpy(dtype=object)[pos[sel]]
        files = clean[FILE_COLUMN].to_numpy(dtype=object)[pos]
        rows = pd.DataFrame(
            {
                "pos": pos,
                "berkas": files,
                "baris": clean[ROW_COLUMN].to_numpy()[pos],
                "kolom_baku": kolom_baku,
                "kolom": [headers.get(b, {}).get(k, k) for b, k in zip(files, kolom_baku)],
                "kode": failures["kode"].to_numpy(),
                "konteks": failures["konteks"].to_numpy(),
                "nilai": values,
                "kode_satker": satker[pos] if satker is not None else None,
            }
        )

        def message(rec: Mapping[str, Any]) -> str:
            ctx = context(rec) if context else {}
            return pesan_masalah(rec["kode"], rec["kolom_baku"], rec["nilai"], **ctx)

        self.log.add_rows(rows, message)
