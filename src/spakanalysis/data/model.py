"""What the loader returns: :class:`Dataset` (everything read from a data folder) and :class:`SourceFile`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from spakanalysis.core.errors import Masalah
from spakanalysis.data.codebook import Codebook
from spakanalysis.data.readers import FILE_COLUMN

__all__ = ["SourceFile", "SumberBerkas", "Dataset"]


@dataclass(frozen=True)
class SourceFile:
    """One file read: its name in the data folder, SHA-256 and number of data rows."""

    nama: str
    sha256: str
    baris: int


@dataclass(frozen=True, eq=False)
class Dataset:
    """Everything read from a data folder, validated.

    Attributes
    ----------
    folder : Path
    satker : pandas.DataFrame
        The registry: ``kode_satker``, ``nama_satker``, ``jenis_satker``,
        ``kanwil``, ``kota``, ``jumlah_pengguna_layanan`` (Int64, NA when
        invalid), ``periode_acuan``, ``zona_waktu`` (default
        ``Asia/Makassar``), ``hari_layanan`` (NA = default of the satker
        type); rows in file order, one per code (rows with an empty or
        repeated code are left out).
    respons : pandas.DataFrame
        One row per response: ``_berkas``, ``_baris``, ``id_respons``,
        ``waktu_isi`` (UTC), ``tanggal_lokal`` (``datetime.date`` in the
        satker's time zone), ``kode_satker``, ``jenis_layanan``,
        ``jenis_responden`` (``eksternal``/``internal``/NA), the demographic
        columns present, every codebook item as float64 (raw values, NaN =
        no value), ``lengkap_<instrumen>`` (bool), ``saran`` and
        ``dikecualikan`` (reason or NA). No personal column.
    instrumen : pandas.DataFrame
        Valid codebook rows: ``instrumen``, ``kode_butir``, ``unsur``,
        ``pertanyaan``, ``skala_min``, ``skala_maks`` (int64), ``terbalik``
        (bool), ``bobot`` (float64, NaN = equal weights).
    codebook : Codebook
        The same codebook as a typed object (:func:`spakanalysis.data.codebook.parse_codebook`).
    masalah : tuple of Masalah
        Every problem found, sorted by file and row.
    berkas : tuple of SourceFile
        Files read, with their hashes.
    ringkasan : mapping
        For each summary problem ("... dan N baris lain"), the hidden rows
        per satker; used by :meth:`galat_untuk`.
    """

    folder: Path
    satker: pd.DataFrame
    respons: pd.DataFrame
    instrumen: pd.DataFrame
    codebook: Codebook
    masalah: tuple[Masalah, ...]
    berkas: tuple[SourceFile, ...]
    ringkasan: Mapping[Masalah, Mapping[str | None, int]] = field(default_factory=dict, repr=False)

    def items(self, instrumen: str) -> list[str]:
        """Item codes (standard column names) of an instrument, in codebook order."""
        mask = self.instrumen["instrumen"] == str(instrumen).strip().upper()
        return self.instrumen.loc[mask, "kode_butir"].tolist()

    @cached_property
    def _rows_per_satker(self) -> Mapping[str, object]:
        """Positions of each satker's rows in ``respons`` (in file order), found once per dataset."""
        codes = self.respons["kode_satker"]
        return codes.groupby(codes, sort=False, observed=True, dropna=True).indices

    def respons_satker(self, kode_satker: str) -> pd.DataFrame:
        """The responses of one satker: the same rows, order and index as ``respons[respons.kode_satker == kode]``.

        Without scanning every response: at national scale (a million responses) a batch asks
        this once per report, so a full comparison per report would grow with the batch.
        """
        pos = self._rows_per_satker.get(kode_satker)
        return self.respons.iloc[pos] if pos is not None else self.respons.iloc[0:0]

    @cached_property
    def _satker_per_berkas(self) -> dict[str, frozenset[str]]:
        resp = self.respons
        if resp.empty:
            return {}
        pairs = resp[[FILE_COLUMN, "kode_satker"]].dropna().drop_duplicates()
        out: dict[str, set[str]] = {name: set() for name in resp[FILE_COLUMN].unique()}
        for name, code in pairs.itertuples(index=False):
            out[name].add(code)
        return {k: frozenset(v) for k, v in out.items()}

    def _needs(self, kode_satker: str, file_name: str) -> bool:
        per_file = self._satker_per_berkas
        return file_name not in per_file or kode_satker in per_file[file_name]

    def galat_untuk(self, kode_satker: str) -> list[Masalah]:
        """Errors (``galat``) that affect one satker.

        Those attributed to it, plus those attributed to no satker in a file
        it needs: the registry, the codebook, the column mapping, response
        files holding its rows and response files that could not be loaded.
        """
        out: list[Masalah] = []
        for m in self.masalah:
            if m.tingkat != "galat":
                continue
            if m in self.ringkasan:
                counts = self.ringkasan[m]
                n = counts.get(kode_satker, 0)
                if None in counts and self._needs(kode_satker, m.berkas):
                    n += counts[None]
                if n:
                    message = f"... dan {n} baris lain dengan masalah yang sama ({m.kode})"
                    out.append(Masalah(m.berkas, message, None, m.kolom, None, m.tingkat, m.kode, kode_satker))
                continue
            if m.kode_satker == kode_satker or (m.kode_satker is None and self._needs(kode_satker, m.berkas)):
                out.append(m)
        return out


#: deprecated name of :class:`SourceFile` (issue 16)
SumberBerkas = SourceFile
