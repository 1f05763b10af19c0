"""Load the raw-data folder (``data/raw``) into a validated :class:`Dataset`.

Steps: find the files, read them (:func:`spakanalysis.data.readers.read_table`),
map source headers to standard names (``pemetaan_kolom.csv``), drop personal
columns at once, validate with the pandera schemas of
:mod:`spakanalysis.data.schemas`, convert types and flag the rows that cannot be
counted. Files are opened read-only; nothing in the folder is written.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.core.errors import DataError, Masalah, format_nilai
from spakanalysis.data import schemas as sc
from spakanalysis.data.privacy import mask_personal_text
from spakanalysis.data.problems import Pencatat, find_duplicates, pesan_masalah, schema_failures
from spakanalysis.data.readers import (
    CONTROL_ATTR,
    FILE_COLUMN,
    ROW_COLUMN,
    SUPPORTED_SUFFIXES,
    normalize_header,
    read_table,
)

__all__ = ["SumberBerkas", "Dataset", "load_dataset"]

REGISTRY_NAMES = ("satker",)
CODEBOOK_NAMES = ("instrumen",)
MAPPING_NAMES = ("pemetaan_kolom",)
RESPONSE_PREFIX = "respons"


@dataclass(frozen=True)
class SumberBerkas:
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
    masalah : tuple of Masalah
        Every problem found, sorted by file and row.
    berkas : tuple of SumberBerkas
        Files read, with their hashes.
    ringkasan : mapping
        For each summary problem ("... dan N baris lain"), the hidden rows
        per satker; used by :meth:`galat_untuk`.
    """

    folder: Path
    satker: pd.DataFrame
    respons: pd.DataFrame
    instrumen: pd.DataFrame
    masalah: tuple[Masalah, ...]
    berkas: tuple[SumberBerkas, ...]
    ringkasan: Mapping[Masalah, Mapping[str | None, int]] = field(default_factory=dict, repr=False)

    def items(self, instrumen: str) -> list[str]:
        """Item codes (standard column names) of an instrument, in codebook order."""
        mask = self.instrumen["instrumen"] == str(instrumen).strip().upper()
        return self.instrumen.loc[mask, "kode_butir"].tolist()

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

    def _needs(self, kode_satker: str, berkas: str) -> bool:
        per_file = self._satker_per_berkas
        return berkas not in per_file or kode_satker in per_file[berkas]

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
                    pesan = f"... dan {n} baris lain dengan masalah yang sama ({m.kode})"
                    out.append(Masalah(m.berkas, pesan, None, m.kolom, None, m.tingkat, m.kode, kode_satker))
                continue
            if m.kode_satker == kode_satker or (m.kode_satker is None and self._needs(kode_satker, m.berkas)):
                out.append(m)
        return out


# =========================================================================== loading


def _as_now(now: Any) -> pd.Timestamp:
    """The data date as a UTC timestamp (a date = end of that day in WITA)."""
    if now is None:
        return pd.Timestamp.now(tz="UTC")
    if isinstance(now, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", now):
        now = _dt.date.fromisoformat(now.strip())
    if isinstance(now, _dt.date) and not isinstance(now, _dt.datetime):
        start = pd.Timestamp(now).tz_localize(sc.DEFAULT_TIMEZONE)
        return (start + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)).tz_convert("UTC")
    ts = pd.Timestamp(now)
    if ts.tzinfo is None:
        ts = ts.tz_localize(sc.DEFAULT_TIMEZONE)
    return ts.tz_convert("UTC")


def load_dataset(folder: str | Path, *, now: Any = None) -> Dataset:
    """Read, validate and convert a raw-data folder.

    Parameters
    ----------
    folder : str or Path
        Folder with ``satker.csv``/``.xlsx``, ``respons*.csv``/``.xlsx``,
        ``instrumen.csv`` and optionally ``pemetaan_kolom.csv``.
    now : datetime, date, str or pandas.Timestamp, optional
        Data date; fill-in times after it are excluded as "in the future". A
        date means the end of that day in WITA, a naive time is WITA.
        Default: the current time.

    Returns
    -------
    Dataset
        Row-level problems are in ``masalah``; such rows are kept with a reason
        in ``respons["dikecualikan"]``.

    Raises
    ------
    DataError
        Nothing usable can be built: the folder, registry or codebook is
        missing or unreadable, or no response file can be read. It holds every
        problem found, not only the fatal one.
    """
    return _Pemuat(Path(folder), _as_now(now)).run()


def _strip(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def _factor(series: pd.Series, transform=_strip) -> tuple[np.ndarray, list]:
    """Codes per row and transformed distinct values (row NaN → code -1)."""
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    return codes, [transform(u) for u in uniques]


def _recode(codes: np.ndarray, values: Sequence[object]) -> pd.Categorical:
    """Categorical from per-row codes into ``values``; blank/None values become NA."""
    arr = np.asarray(list(values), dtype=object)
    if arr.size:
        blank = np.fromiter((v is None or v == "" for v in arr), dtype=bool, count=arr.size)
        arr = np.where(blank, None, arr)
        vcodes, cats = pd.factorize(arr, use_na_sentinel=True)
        new = np.where(codes < 0, -1, vcodes[np.where(codes < 0, 0, codes)])
    else:
        cats = np.asarray([], dtype=object)
        new = np.full(codes.size, -1)
    return pd.Categorical.from_codes(new.astype(np.int64), categories=pd.Index(cats, dtype=object))


def _str_column(values: pd.Categorical | np.ndarray, fill: object = None) -> pd.Series:
    """Object values / categorical → pandas ``str`` column (NA or ``fill`` for missing)."""
    if isinstance(values, pd.Categorical):
        cats = np.asarray(values.categories, dtype=object)
        codes = np.asarray(values.codes)
        arr = np.empty(codes.size, dtype=object)
        if cats.size:
            arr[:] = cats[np.where(codes < 0, 0, codes)]
        arr[codes < 0] = fill
    else:
        arr = np.asarray(values, dtype=object)
    return pd.Series(pd.array(arr, dtype="str"))


def _has_offset(text: np.ndarray) -> np.ndarray:
    """Whether each (stripped) ISO time string ends with a UTC offset or ``Z``.

    Decided on the distinct last six characters, so it is cheap for many rows.
    """
    long_enough = np.fromiter(map(len, text), dtype=np.int64, count=len(text)) > 10
    codes, tails = pd.factorize(pd.Series([t[-6:] for t in text], dtype=object))

    def offset(t: str) -> bool:
        return len(t) >= 3 and (
            t[-1] in "Zz"
            or (len(t) >= 6 and t[-6] in "+-" and t[-3] == ":" and t[-2:].isdigit())
            or (len(t) >= 5 and t[-5] in "+-" and t[-4:].isdigit())
            or (t[-3] in "+-" and t[-2:].isdigit())
        )

    flags = np.fromiter((offset(t) for t in tails), dtype=bool, count=len(tails))
    return long_enough & flags[codes] if len(tails) else long_enough


def _stripped(series: pd.Series) -> np.ndarray:
    """Stripped strings of an object column; blank or missing → ``None``."""
    out = [t.strip() if t.__class__ is str else None for t in series.to_numpy(dtype=object)]
    return np.asarray([t if t else None for t in out], dtype=object)


def _category_values(values: pd.Categorical) -> np.ndarray:
    """Per-row category value (object), ``None`` where missing."""
    cats = np.asarray(values.categories, dtype=object)
    codes = np.asarray(values.codes)
    out = np.full(codes.size, None, dtype=object)
    if cats.size:
        out[codes >= 0] = cats[codes[codes >= 0]]
    return out


def _time_text(series: pd.Series) -> np.ndarray:
    """Stripped ``waktu_isi`` strings ("" when missing)."""
    return np.asarray([t.strip() if t.__class__ is str else "" for t in series.to_numpy(dtype=object)], dtype=object)


def _row_zones(kode: pd.Categorical, zone_of: Mapping[str, str]) -> tuple[np.ndarray, pd.Index]:
    """Time-zone code per row (the satker's zone; unknown satker → WITA) and the zone names."""
    cats = list(kode.categories)
    names = [zone_of.get(c, sc.DEFAULT_TIMEZONE) for c in cats] + [sc.DEFAULT_TIMEZONE]
    zone_codes, zone_names = pd.factorize(pd.Series(names, dtype=object))
    codes = np.asarray(kode.codes)
    per_row = np.full(codes.size, zone_codes[-1], dtype=np.int64)
    per_row[codes >= 0] = zone_codes[codes[codes >= 0]]
    return per_row, pd.Index(zone_names)


def _parse_times(text: np.ndarray, row_zone: np.ndarray, zone_names: pd.Index) -> pd.Series:
    """Parse ISO 8601 fill-in times to UTC; times without offset are local to the row's zone."""
    waktu = pd.to_datetime(pd.Series(text, dtype=object), format="ISO8601", utc=True, errors="coerce")
    naive = ~_has_offset(text) & waktu.notna().to_numpy()
    if naive.any():
        for z in np.unique(row_zone[naive]):
            mask = naive & (row_zone == z)
            local = waktu[mask].dt.tz_localize(None).dt.tz_localize(zone_names[z], ambiguous="NaT", nonexistent="NaT")
            waktu[mask] = local.dt.tz_convert("UTC")
    return waktu


def _local_dates(waktu: pd.Series, row_zone: np.ndarray, zone_names: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Local calendar date (``datetime.date`` or ``None``) and month ``"YYYY-MM"`` of each row."""
    n = len(waktu)
    tanggal = np.full(n, None, dtype=object)
    bulan = np.full(n, "", dtype=object)
    valid = waktu.notna().to_numpy()
    if valid.any():
        for z in np.unique(row_zone[valid]):
            mask = valid & (row_zone == z)
            day = waktu[mask].dt.tz_convert(zone_names[z]).dt.tz_localize(None).dt.normalize()
            codes, days = pd.factorize(day)
            tanggal[mask] = np.asarray([d.date() for d in days], dtype=object)[codes]
            bulan[mask] = np.asarray([d.strftime("%Y-%m") for d in days], dtype=object)[codes]
    return tanggal, bulan


def _classify_items(
    cats: Mapping[str, pd.Categorical], scales: Mapping[str, tuple[int, int]]
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Raw float value and answer kind (see :func:`schemas.classify_scale`) of every item cell."""
    values: dict[str, np.ndarray] = {}
    kinds: dict[str, np.ndarray] = {}
    for item, (lo, hi) in scales.items():
        cat = cats[item]
        value, kind = sc.classify_scale(cat.categories, lo, hi)
        codes = np.asarray(cat.codes)
        present = codes >= 0
        values[item] = np.full(codes.size, np.nan, dtype=np.float64)
        kinds[item] = np.full(codes.size, sc.KOSONG, dtype=np.int8)
        values[item][present] = value[codes[present]]
        kinds[item][present] = kind[codes[present]]
    return values, kinds


def _respondent_types(raw: pd.Categorical) -> pd.Categorical:
    """``eksternal``/``internal`` (case and spaces ignored); anything else → NA."""
    norm = [" ".join(str(v).split()).casefold() for v in raw.categories]
    return _recode(np.asarray(raw.codes), [v if v in sc.RESPONDENT_TYPES else None for v in norm])


def _duplicate_key(
    kode_codes: np.ndarray,
    waktu: pd.Series,
    text: np.ndarray,
    item_values: Mapping[str, np.ndarray],
    item_kinds: Mapping[str, np.ndarray],
) -> pd.DataFrame:
    """Numeric per-row key of a submission's content (satker, moment, answers)."""
    key = pd.DataFrame({"kode_satker": kode_codes})
    moment = waktu.to_numpy(dtype="datetime64[us]").view("int64").copy()
    unreadable = waktu.isna().to_numpy()
    if unreadable.any():
        moment[unreadable] = pd.util.hash_array(text[unreadable]).view("int64")
    key["waktu_kunci"] = moment
    for item, kind in item_kinds.items():
        key[item] = np.where(kind == sc.NILAI, item_values[item], -kind.astype(np.float64))
    return key


def _exclusion_reasons(masks: Mapping[str, np.ndarray]) -> np.ndarray:
    """The first applicable reason (in the order of :data:`schemas.ALASAN`) per row, or ``None``."""
    n = len(next(iter(masks.values())))
    out = np.full(n, None, dtype=object)
    for code in reversed(list(sc.ALASAN)):
        if code in masks:
            out[masks[code]] = sc.ALASAN[code]
    return out


def _completeness(
    item_kinds: Mapping[str, np.ndarray], instruments: Mapping[str, list[str]], n: int
) -> dict[str, np.ndarray]:
    """Per instrument: every item has a scale value or "tidak menjawab", and at least one scale value."""
    out: dict[str, np.ndarray] = {}
    for instrument, items in instruments.items():
        items = [i for i in items if i in item_kinds]
        if not items:
            out[instrument] = np.zeros(n, dtype=bool)
            continue
        kinds = np.column_stack([item_kinds[i] for i in items])
        answered = (kinds == sc.NILAI) | (kinds == sc.TM)
        out[instrument] = answered.all(axis=1) & (kinds == sc.NILAI).any(axis=1)
    return out


class _Pemuat:
    """One loading run: holds the problems found and the intermediate results."""

    def __init__(self, folder: Path, now: pd.Timestamp) -> None:
        self.folder = folder
        self.now = now
        self.log = Pencatat()
        self.sources: list[SumberBerkas] = []
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

    # ------------------------------------------------------------------ driver

    def run(self) -> Dataset:
        registry, codebook, mapping, responses = self._discover()
        instrumen = self._load_codebook(codebook)
        if mapping is not None:
            self._load_mapping(mapping)
        satker = self._load_registry(registry)
        respons = self._load_responses(responses)
        masalah = tuple(self.log.hasil())
        if self.fatal or instrumen is None or satker is None or respons is None:
            raise DataError(list(masalah), judul=f"Data di {self.folder} tidak dapat dipakai")
        return Dataset(
            folder=self.folder,
            satker=satker,
            respons=respons,
            instrumen=instrumen,
            masalah=masalah,
            berkas=tuple(self.sources),
            ringkasan=dict(self.log.ringkasan),
        )

    def _discover(self) -> tuple[Path | None, Path | None, Path | None, list[Path]]:
        if not self.folder.is_dir():
            m = Masalah(
                berkas=str(self.folder),
                pesan="folder data tidak ditemukan",
                tingkat="galat",
                kode="berkas_tidak_ada",
            )
            raise DataError([m], judul="Folder data tidak ditemukan")
        files = sorted(
            (p for p in self.folder.iterdir() if p.is_file() and not p.name.startswith(("~$", ".", "#"))),
            key=lambda p: p.name,
        )
        roles: dict[str, list[Path]] = {"satker": [], "instrumen": [], "pemetaan": [], "respons": []}
        for path in files:
            stem, suffix = path.stem.lower(), path.suffix.lower()
            if stem.startswith(RESPONSE_PREFIX):
                if suffix in SUPPORTED_SUFFIXES:
                    roles["respons"].append(path)
                elif suffix in (".xls", ".ods", ".txt", ".tsv"):
                    self.log.tambah(
                        path.name,
                        f'format "{suffix}" tidak didukung; simpan sebagai .csv (UTF-8) atau .xlsx',
                        kode="format_tidak_didukung",
                    )
                continue
            if suffix not in SUPPORTED_SUFFIXES:
                continue
            if stem in REGISTRY_NAMES:
                roles["satker"].append(path)
            elif stem in CODEBOOK_NAMES:
                roles["instrumen"].append(path)
            elif stem in MAPPING_NAMES:
                roles["pemetaan"].append(path)

        def pick(role: str, default: str, required: bool) -> Path | None:
            found = sorted(roles[role], key=lambda p: (p.suffix.lower() != ".csv", p.name))
            if not found:
                if required:
                    pesan = f"berkas wajib {default} (atau .xlsx) tidak ada di folder data"
                    self.log.tambah(default, pesan, kode="berkas_tidak_ada")
                    self.fatal = True
                return None
            for extra in found[1:]:
                self.log.tambah(
                    extra.name,
                    f"diabaikan karena {found[0].name} juga ada; hapus salah satunya",
                    kode="berkas_diabaikan",
                )
            return found[0]

        registry = pick("satker", "satker.csv", True)
        codebook = pick("instrumen", "instrumen.csv", True)
        mapping = pick("pemetaan", "pemetaan_kolom.csv", False)
        if registry is not None:
            self.registry_name = registry.name
        if codebook is not None:
            self.codebook_name = codebook.name
        if not roles["respons"]:
            self.log.tambah(
                "respons*.csv",
                "tidak ada berkas respons (respons*.csv atau respons*.xlsx) di folder data",
                kode="berkas_tidak_ada",
            )
            self.fatal = True
        return registry, codebook, mapping, roles["respons"]

    # ------------------------------------------------------------------ reading

    def _read(
        self,
        path: Path,
        hint: Collection[str],
        *,
        known: Collection[str],
        required: Sequence[str],
        mapping: Mapping[str, str] | None,
        personal: bool,
    ) -> tuple[pd.DataFrame, dict[str, str]] | None:
        """Read one file keeping only its known columns, under their standard names.

        Personal and unknown columns are left out while reading, so their
        values never enter memory as cells. Returns the standard frame (plus
        ``_baris``/``_berkas``) and, for each standard column, its header in the
        file; ``None`` when the file cannot be read (problems are logged).
        """
        plan: dict[str, Any] = {}

        def select(headers: Sequence[str]) -> list[int]:
            positions, targets, sumber = self._plan(
                headers, path.name, known=known, required=required, mapping=mapping, personal=personal
            )
            plan.update(targets=targets, sumber=sumber)
            return positions

        try:
            frame = read_table(path, header_hint=hint, select=select)
        except DataError as err:
            self.log.extend(err.masalah)
            return None
        self.sources.append(SumberBerkas(path.name, frame.attrs.get("sha256", ""), len(frame)))
        self._report_control_characters(path.name, frame.attrs.get(CONTROL_ATTR, {}))
        frame.columns = [*plan["targets"], ROW_COLUMN, FILE_COLUMN]
        frame.attrs = {}
        return frame, plan["sumber"]

    def _report_control_characters(self, berkas: str, found: Mapping[str, Sequence[int]]) -> None:
        """One warning per cell whose control characters the reader removed (capped per column)."""
        rows = pd.DataFrame(
            [(berkas, int(b), kolom) for kolom, baris in found.items() for b in baris],
            columns=["berkas", "baris", "kolom"],
        )
        if rows.empty:
            return
        rows["kode"] = "karakter_kendali"
        rows["kode_satker"] = None
        self.log.dari_baris(
            rows, lambda rec: "karakter kendali (mis. NUL) dibuang dari teks sel ini; periksa ekspornya"
        )

    def _plan(
        self,
        headers: Sequence[str],
        berkas: str,
        *,
        known: Collection[str],
        required: Sequence[str],
        mapping: Mapping[str, str] | None,
        personal: bool,
    ) -> tuple[list[int], list[str], dict[str, str]]:
        """Decide which source columns to keep and their standard names.

        Matching order: ``pemetaan_kolom.csv`` (case-insensitive), then the
        standard name itself (``"Kode Satker"`` → ``kode_satker``). Personal
        columns are dropped; unknown ones are noted and ignored.
        """
        known = set(known)
        positions: list[int] = []
        targets: list[str] = []
        sumber: dict[str, str] = {}
        for pos, header in enumerate(headers):
            header = str(header)
            if header.strip() == "":
                continue  # untitled (usually empty trailing) columns
            target = None
            if mapping and normalize_header(header) in mapping:
                target = mapping[normalize_header(header)]
            elif sc.header_key(header) in known:
                target = sc.header_key(header)
            if target is None or target not in known:
                if personal:
                    mapped_personal = target is not None and sc.is_personal_column(target)[0]
                    is_personal, by_word = sc.is_personal_column(header)
                    if mapped_personal or is_personal:
                        if by_word and not mapped_personal:
                            self.log.tambah(
                                berkas,
                                "kolom dianggap berisi data pribadi responden dan dibuang tanpa dibaca",
                                kode="kolom_pribadi_dibuang",
                                kolom=header,
                            )
                        continue
                self.log.tambah(berkas, "kolom tidak dikenal; diabaikan", kode="kolom_tidak_dikenal", kolom=header)
                continue
            if target in sumber:
                self.log.tambah(
                    berkas,
                    f'kolom ini dan kolom "{sumber[target]}" sama-sama berarti {target}; '
                    "hanya kolom pertama yang dipakai",
                    kode="kolom_ganda",
                    kolom=header,
                )
                continue
            positions.append(pos)
            targets.append(target)
            sumber[target] = header
        for name in required:
            if name not in sumber:
                hint = self.mapping_source.get(name) if mapping else None
                extra = f' (menurut {self.mapping_name} judulnya "{hint}")' if hint else ""
                self.log.tambah(
                    berkas, f'kolom wajib "{name}" tidak ditemukan{extra}', kode="kolom_hilang", kolom=name
                )
        return positions, targets, sumber

    def _report(
        self,
        failures: pd.DataFrame,
        clean: pd.DataFrame,
        sumber: Mapping[str, Mapping[str, str]],
        satker: np.ndarray | None,
        context: Any = None,
    ) -> None:
        """Turn schema failures on ``clean`` into capped problems."""
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
        berkas = clean[FILE_COLUMN].to_numpy(dtype=object)[pos]
        rows = pd.DataFrame(
            {
                "pos": pos,
                "berkas": berkas,
                "baris": clean[ROW_COLUMN].to_numpy()[pos],
                "kolom_baku": kolom_baku,
                "kolom": [sumber.get(b, {}).get(k, k) for b, k in zip(berkas, kolom_baku)],
                "kode": failures["kode"].to_numpy(),
                "konteks": failures["konteks"].to_numpy(),
                "nilai": values,
                "kode_satker": satker[pos] if satker is not None else None,
            }
        )

        def pesan(rec: Mapping[str, Any]) -> str:
            ctx = context(rec) if context else {}
            return pesan_masalah(rec["kode"], rec["kolom_baku"], rec["nilai"], **ctx)

        self.log.dari_baris(rows, pesan)

    # ------------------------------------------------------------------ codebook

    def _load_codebook(self, path: Path | None) -> pd.DataFrame | None:
        read = None
        if path is not None:
            read = self._read(
                path,
                sc.CODEBOOK_COLUMNS,
                known=sc.CODEBOOK_COLUMNS,
                required=sc.REQUIRED_CODEBOOK_COLUMNS,
                mapping=None,
                personal=False,
            )
        std = None
        if read is not None:
            std, sumber = read
            if not {"instrumen", "kode_butir"} <= set(std.columns):
                std = None
        if std is None:
            self.fatal = True
            # keep validating the responses against the standard items
            for instrument, items in sc.STANDARD_ITEMS.items():
                self.instruments[instrument] = list(items)
                for item in items:
                    self.scales[item] = sc.DEFAULT_SCALE
            self.all_items = set(self.scales)
            return None

        clean = std.copy()
        for col in sc.CODEBOOK_COLUMNS:
            if col in clean:
                clean[col] = clean[col].map(_strip)
        columns = [c for c in sc.CODEBOOK_COLUMNS if c in clean]
        failures = schema_failures(sc.codebook_schema(columns), clean[columns])
        self.all_items = {c.lower() for c in clean["kode_butir"] if c}

        key = clean["kode_butir"].str.lower()
        first_row = clean.groupby(key)[ROW_COLUMN].transform("first")
        lo = clean["skala_min"] if "skala_min" in clean else pd.Series("", index=clean.index)
        hi = clean["skala_maks"] if "skala_maks" in clean else pd.Series("", index=clean.index)

        def context(rec: Mapping[str, Any]) -> dict[str, Any]:
            p = rec["pos"]
            return {
                "baris_pertama": int(first_row.iloc[p]),
                "urutan": rec["konteks"] == "DataFrameSchema",
                "lo": lo.iloc[p] or sc.DEFAULT_SCALE[0],
                "hi": hi.iloc[p] or sc.DEFAULT_SCALE[1],
            }

        self._report(failures, clean, {path.name: sumber}, None, context)

        fatal_codes = {
            "instrumen_tidak_dikenal",
            "nilai_wajib_kosong",
            "kode_butir_tidak_valid",
            "kode_butir_ganda",
            "skala_tidak_valid",
        }
        bad = np.zeros(len(clean), dtype=bool)
        bad_pos = failures.loc[failures["kode"].isin(fatal_codes), "pos"].to_numpy()
        bad[bad_pos] = True
        valid = clean.loc[~bad]
        terbalik = valid["terbalik"] if "terbalik" in valid else pd.Series("", index=valid.index)
        bobot = valid["bobot"] if "bobot" in valid else pd.Series("", index=valid.index)
        out = pd.DataFrame(
            {
                "instrumen": valid["instrumen"].str.upper(),
                "kode_butir": valid["kode_butir"].str.lower(),
                "unsur": valid["unsur"] if "unsur" in valid else "",
                "pertanyaan": valid["pertanyaan"] if "pertanyaan" in valid else "",
                "skala_min": lo.loc[valid.index].map(lambda t: sc.parse_whole(t) if t else sc.DEFAULT_SCALE[0]),
                "skala_maks": hi.loc[valid.index].map(lambda t: sc.parse_whole(t) if t else sc.DEFAULT_SCALE[1]),
                "terbalik": terbalik.map(lambda t: " ".join(t.split()).casefold() in sc.TERBALIK_YA),
                "bobot": bobot.map(lambda t: sc.parse_number(t) if t else np.nan),
            }
        ).reset_index(drop=True)
        out["skala_min"] = out["skala_min"].astype("int64")
        out["skala_maks"] = out["skala_maks"].astype("int64")
        out["terbalik"] = out["terbalik"].astype(bool)
        out["bobot"] = pd.to_numeric(out["bobot"], errors="coerce").astype("float64")
        for col in ("instrumen", "kode_butir", "unsur", "pertanyaan"):
            out[col] = out[col].astype("str")

        for instrument in sc.INSTRUMENTS:
            items = out.loc[out["instrumen"] == instrument, "kode_butir"].tolist()
            if items:
                self.instruments[instrument] = items
            elif instrument in sc.REQUIRED_INSTRUMENTS:
                self.log.tambah(
                    path.name,
                    f"instrumen {instrument} tidak punya satu pun butir yang sah; diharapkan butir seperti "
                    + ", ".join(sc.STANDARD_ITEMS[instrument][:3])
                    + " ...",
                    kode="instrumen_tanpa_butir",
                    kolom="instrumen",
                )
        self.scales = {
            item: (int(a), int(b))
            for item, a, b in out[["kode_butir", "skala_min", "skala_maks"]].itertuples(index=False)
        }
        return out

    # ------------------------------------------------------------------ mapping

    def _known_names(self) -> set[str]:
        return {
            *sc.REGISTRY_COLUMNS,
            *sc.RESPONSE_COLUMNS,
            *self.all_items,
            *sc.PERSONAL_ALIASES,
        }

    def _load_mapping(self, path: Path) -> None:
        self.mapping_name = path.name
        read = self._read(
            path,
            sc.MAPPING_COLUMNS,
            known=sc.MAPPING_COLUMNS,
            required=sc.MAPPING_COLUMNS,
            mapping=None,
            personal=False,
        )
        if read is None:
            return
        std, sumber = read
        if not set(sc.MAPPING_COLUMNS) <= set(std.columns):
            return
        clean = std.copy()
        for col in sc.MAPPING_COLUMNS:
            clean[col] = clean[col].map(_strip)
        known = self._known_names()
        failures = schema_failures(sc.mapping_schema(sc.MAPPING_COLUMNS, known), clean[list(sc.MAPPING_COLUMNS)])
        source_key = clean["kolom_sumber"].map(normalize_header)
        target = clean["kolom_baku"].str.lower()
        first_row = clean.groupby(source_key)[ROW_COLUMN].transform("first")
        first_target = target.groupby(source_key).transform("first")

        def context(rec: Mapping[str, Any]) -> dict[str, Any]:
            p = rec["pos"]
            return {"baris_pertama": int(first_row.iloc[p]), "target_pertama": first_target.iloc[p]}

        self._report(failures, clean, {path.name: sumber}, None, context)
        bad = np.zeros(len(clean), dtype=bool)
        bad[failures["pos"].to_numpy()] = True
        for key, tgt, ok in zip(source_key, target, ~bad):
            if ok and key and key not in self.mapping:
                self.mapping[key] = tgt
                self.mapping_source.setdefault(tgt, clean.loc[source_key == key, "kolom_sumber"].iloc[0])

    # ------------------------------------------------------------------ registry

    def _load_registry(self, path: Path | None) -> pd.DataFrame | None:
        read = None
        if path is not None:
            read = self._read(
                path,
                sc.REGISTRY_COLUMNS,
                known=sc.REGISTRY_COLUMNS,
                required=sc.REQUIRED_REGISTRY_COLUMNS,
                mapping=self.mapping,
                personal=False,
            )
        if read is None:
            self.fatal = True
            return None
        std, sumber = read
        if "kode_satker" not in std:
            self.fatal = True
            return None
        clean = std.copy()
        for col in sc.REGISTRY_COLUMNS:
            clean[col] = clean[col].map(_strip) if col in clean else ""
        present = [c for c in sc.REGISTRY_COLUMNS if c in std]
        failures = schema_failures(sc.registry_schema(present), clean[present])
        code = clean["kode_satker"]
        key = code.str.upper()
        first_row = clean.groupby(key)[ROW_COLUMN].transform("first")

        def context(rec: Mapping[str, Any]) -> dict[str, Any]:
            return {"baris_pertama": int(first_row.iloc[rec["pos"]])}

        attribution = code.where(code != "", None).to_numpy(dtype=object)
        self._report(failures, clean, {path.name: sumber}, attribution, context)

        # an unsafe code never becomes a satker (it would be a folder name); its rows are reported above
        keep = (code != "") & ~key.duplicated(keep="first") & code.map(sc.is_safe_satker_code)
        reg = clean.loc[keep].reset_index(drop=True)
        jenis = {" ".join(j.split()).casefold(): j for j in sc.JENIS_SATKER}
        population = reg["jumlah_pengguna_layanan"].map(sc.parse_whole)
        population = population.where(population.notna() & (population.astype(float) > 0))

        def text(col: str) -> pd.Series:
            return _str_column(reg[col].where(reg[col] != "", None).to_numpy(dtype=object))

        zones = reg["zona_waktu"].map(lambda z: z if z and sc.valid_timezone(z) else sc.DEFAULT_TIMEZONE)
        days = reg["hari_layanan"].map(lambda d: " ".join(d.split()).casefold() if d else None)
        days = days.where(days.isin(sc.HARI_LAYANAN), None)
        out = pd.DataFrame(
            {
                "kode_satker": text("kode_satker"),
                "nama_satker": text("nama_satker"),
                "jenis_satker": _str_column(
                    reg["jenis_satker"].map(lambda j: jenis.get(" ".join(j.split()).casefold(), j or None)).to_numpy(
                        dtype=object
                    )
                ),
                "kanwil": text("kanwil"),
                "kota": text("kota"),
                "jumlah_pengguna_layanan": pd.array(population.to_numpy(dtype=object), dtype="Int64"),
                "periode_acuan": text("periode_acuan"),
                "zona_waktu": _str_column(zones.to_numpy(dtype=object)),
                "hari_layanan": _str_column(days.to_numpy(dtype=object)),
            }
        )
        self.registry = out
        return out

    # ------------------------------------------------------------------ responses

    def _load_responses(self, paths: list[Path]) -> pd.DataFrame | None:
        items_known = set(self.all_items) | set(self.scales)
        known = set(sc.RESPONSE_COLUMNS) | items_known
        required = list(sc.REQUIRED_RESPONSE_COLUMNS)
        for instrument in sc.REQUIRED_INSTRUMENTS:
            required += self.instruments.get(instrument, [])
        hint = known | set(self.mapping)
        frames: list[pd.DataFrame] = []
        sumber: dict[str, dict[str, str]] = {}
        for path in paths:
            read = self._read(path, hint, known=known, required=required, mapping=self.mapping, personal=True)
            if read is None:
                continue
            std, names = read
            if "kode_satker" not in std or "waktu_isi" not in std:
                continue
            # codebook rows that are invalid are known but not loaded
            std = std.drop(columns=[c for c in std.columns if c in items_known and c not in self.scales])
            frames.append(std)
            sumber[path.name] = names
        if not frames:  # each file's own problem says why
            self.fatal = True
            return None
        raw = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
        del frames
        return self._build_responses(raw, sumber)

    def _build_responses(self, raw: pd.DataFrame, sumber: dict[str, dict[str, str]]) -> pd.DataFrame:
        """Clean, validate and convert the concatenated response rows."""
        n = len(raw)
        registry = self.registry
        canonical = {c.upper(): c for c in registry["kode_satker"].dropna()} if registry is not None else {}
        zone_of = dict(zip(registry["kode_satker"], registry["zona_waktu"])) if registry is not None else {}

        def column(name: str) -> pd.Series:
            return raw[name] if name in raw else pd.Series(np.full(n, None, dtype=object))

        # cleaned, categorical versions of the short text columns and the items
        codes, values = _factor(column("kode_satker"))
        kode = _recode(codes, [canonical.get(v.upper(), v) for v in values])
        cats: dict[str, pd.Categorical] = {"kode_satker": kode}
        for name in ("jenis_layanan", "jenis_responden", *sc.DEMOGRAPHIC_COLUMNS, *self.scales):
            cats[name] = _recode(*_factor(column(name)))
        items = list(self.scales)

        text = _time_text(column("waktu_isi"))
        row_zone, zone_names = _row_zones(kode, zone_of)
        waktu = _parse_times(text, row_zone, zone_names)
        tanggal, bulan = _local_dates(waktu, row_zone, zone_names)
        satker_of_row = _category_values(kode)

        # pandera checks → problems; failing rows give the exclusion reasons
        check = pd.DataFrame({"waktu_isi": waktu, **{k: pd.Series(v) for k, v in cats.items()}})
        check[ROW_COLUMN] = raw[ROW_COLUMN].to_numpy()
        check[FILE_COLUMN] = raw[FILE_COLUMN].to_numpy()
        failures = self._response_failures(check, items, set(canonical.values()), sumber)
        now_local = self.now.tz_convert(sc.DEFAULT_TIMEZONE).isoformat(sep=" ", timespec="seconds")

        def context(rec: Mapping[str, Any]) -> dict[str, Any]:
            lo, hi = self.scales.get(rec["kolom_baku"], sc.DEFAULT_SCALE)
            return {"lo": lo, "hi": hi, "sekarang": now_local, "registri": self.registry_name}

        self._report(failures, check.assign(waktu_isi=text), sumber, satker_of_row, context)

        item_values, item_kinds = _classify_items(cats, self.scales)
        jenis_responden = _respondent_types(cats["jenis_responden"])
        ids = _str_column(_stripped(raw["id_respons"])) if "id_respons" in raw else None

        key = _duplicate_key(np.asarray(kode.codes), waktu, text, item_values, item_kinds)
        if ids is not None:
            key["id_respons"] = ids
        duplicate, first, by_id = find_duplicates(key, items)
        if duplicate.any():
            self._report_duplicates(duplicate, first, by_id, check, satker_of_row, ids, sumber)

        def failed(*kodes: str) -> np.ndarray:
            mask = np.zeros(n, dtype=bool)
            mask[failures.loc[failures["kode"].isin(kodes), "pos"].to_numpy()] = True
            return mask

        dikecualikan = _exclusion_reasons(
            {
                "satker_tidak_dikenal": failed("satker_tidak_dikenal"),
                "waktu_tidak_terbaca": failed("waktu_tidak_terbaca"),
                "waktu_masa_depan": failed("waktu_masa_depan"),
                "nilai_tidak_valid": failed("nilai_di_luar_skala", "jenis_responden_tidak_valid"),
                "kiriman_ganda": duplicate,
            }
        )
        lengkap = _completeness(item_kinds, self.instruments, n)

        out: dict[str, Any] = {
            FILE_COLUMN: _str_column(raw[FILE_COLUMN].to_numpy(dtype=object)),
            ROW_COLUMN: raw[ROW_COLUMN].to_numpy(dtype=np.int64),
            "id_respons": ids if ids is not None else _str_column(np.full(n, None, dtype=object)),
            "waktu_isi": waktu.reset_index(drop=True),
            "tanggal_lokal": pd.Series(tanggal, dtype=object),
            "kode_satker": _str_column(kode),
            "jenis_layanan": _str_column(cats["jenis_layanan"]),
            "jenis_responden": _str_column(jenis_responden),
        }
        for name in sc.DEMOGRAPHIC_COLUMNS:
            if name in raw:
                out[name] = _str_column(cats[name])
        for item in items:
            out[item] = item_values[item]
        for instrument, mask in lengkap.items():
            out[f"lengkap_{instrument.lower()}"] = mask
        # personal data typed into the feedback box never leaves the loader (nor reaches a cache)
        out["saran"] = mask_personal_text(_str_column(_recode(*_factor(column("saran"))), fill="")).astype(str)
        out["dikecualikan"] = _str_column(dikecualikan)
        respons = pd.DataFrame(out)

        external = _str_column(jenis_responden).to_numpy(dtype=object, na_value=None) == "eksternal"
        usable = external & pd.isna(dikecualikan)
        self._check_population(
            np.asarray(kode.codes),
            np.asarray(kode.categories, dtype=object),
            bulan,
            usable,
            lengkap,
            out[FILE_COLUMN].to_numpy(dtype=object),
        )
        return respons

    def _response_failures(
        self,
        check: pd.DataFrame,
        items: list[str],
        satker_codes: set[str],
        sumber: Mapping[str, Mapping[str, str]],
    ) -> pd.DataFrame:
        """Run the response schema; keep failures of columns the row's file has."""
        present = ["waktu_isi", "jenis_layanan", "jenis_responden", *items]
        if self.registry is not None:
            present.insert(0, "kode_satker")
        schema = sc.response_schema({i: self.scales[i] for i in items}, satker_codes, self.now, present)
        failures = schema_failures(schema, check[present])
        if failures.empty:
            return failures
        files = check[FILE_COLUMN].to_numpy(dtype=object)[failures["pos"].to_numpy()]
        in_file = np.fromiter(
            (k in sumber.get(f, ()) for f, k in zip(files, failures["kolom"])), dtype=bool, count=len(failures)
        )
        return failures.loc[in_file].reset_index(drop=True)

    def _report_duplicates(
        self,
        duplicate: np.ndarray,
        first: np.ndarray,
        by_id: np.ndarray,
        check: pd.DataFrame,
        attribution: np.ndarray,
        ids: pd.Series | None,
        sumber: Mapping[str, Mapping[str, str]],
    ) -> None:
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
            sumber.get(f, {}).get("id_respons", "id_respons") if b else None
            for f, b in zip(table["berkas"], table["by_id"])
        ]
        if ids is not None:
            table["nilai"] = ids.to_numpy(dtype=object)[pos]

        def pesan(rec: Mapping[str, Any]) -> str:
            where = f"baris {rec['baris_pertama']}"
            if rec["berkas_pertama"] != rec["berkas"]:
                where += f" di {rec['berkas_pertama']}"
            basis = "id_respons sama" if rec["by_id"] else "kode_satker, waktu_isi dan semua jawaban sama"
            return f"kiriman ganda ({basis}) dengan {where}; baris ini dikecualikan, baris pertama dipertahankan"

        with_id = table.loc[table["by_id"]]
        without = table.loc[~table["by_id"]].drop(columns=["nilai"], errors="ignore")
        self.log.dari_baris(with_id, pesan)
        self.log.dari_baris(without, pesan)
        across = table.loc[table["berkas"] != table["berkas_pertama"]]
        for (berkas, pertama), n in across.groupby(["berkas", "berkas_pertama"]).size().items():
            self.log.tambah(
                berkas,
                f"{n} baris di berkas ini adalah kiriman yang sudah ada di {pertama} (ekspor tumpang tindih?); "
                "semuanya dikecualikan sehingga setiap kiriman dihitung sekali",
                kode="kiriman_ganda_antar_berkas",
            )

    def _check_population(
        self,
        kcodes: np.ndarray,
        kode_cats: np.ndarray,
        bulan: np.ndarray,
        usable: np.ndarray,
        lengkap: Mapping[str, np.ndarray],
        files: np.ndarray,
    ) -> None:
        """Warn when a month has more valid external responses than service users.

        A response is valid for an instrument when it is external, not
        excluded and complete for it; the larger count of SPKP and SPAK is
        compared with ``jumlah_pengguna_layanan``.
        """
        if self.registry is None or not usable.any():
            return
        population = dict(zip(self.registry["kode_satker"], self.registry["jumlah_pengguna_layanan"]))
        period = dict(zip(self.registry["kode_satker"], self.registry["periode_acuan"]))
        # categorical codes are int8 up to 127 satkers: widen before multiplying, or the key overflows
        kcodes = np.asarray(kcodes, dtype=np.int64)
        mcodes, months = pd.factorize(pd.Series(bulan, dtype=object))
        mcodes = np.asarray(mcodes, dtype=np.int64)
        n_months = max(len(months), 1)
        base = usable & (kcodes >= 0) & (mcodes >= 0)
        key = np.where(base, kcodes * n_months + mcodes, 0)
        size = max(len(kode_cats), 1) * n_months
        counts = np.zeros(size, dtype=np.int64)
        for instrument in sc.REQUIRED_INSTRUMENTS:
            if instrument in lengkap:
                mask = base & lengkap[instrument]
                counts = np.maximum(counts, np.bincount(key[mask], minlength=size))
        limit = np.array(
            [
                int(population[c]) if c in population and not pd.isna(population[c]) else np.iinfo(np.int64).max
                for c in kode_cats
            ]
            or [np.iinfo(np.int64).max],
            dtype=np.int64,
        )
        over = np.flatnonzero(counts > np.repeat(limit, n_months)[: counts.size])
        if over.size == 0:
            return
        rows = base & np.isin(key, over)
        pairs = pd.DataFrame({"key": key[rows], "berkas": files[rows]}).drop_duplicates()
        files_of = pairs.groupby("key")["berkas"].agg(lambda f: ", ".join(sorted(f)))
        for k in over.tolist():
            kode, month = kode_cats[k // n_months], months[k % n_months]
            self.log.tambah(
                files_of.get(k, "respons*"),
                f"{int(counts[k])} respons sah eksternal pada bulan {month} melebihi jumlah_pengguna_layanan satker "
                f"({int(population[kode])}, periode acuan {period.get(kode)}); periksa jumlah pengguna layanan di "
                f"{self.registry_name} atau kemungkinan kiriman ganda",
                kode="respons_melebihi_populasi",
                kolom="kode_satker",
                nilai=format_nilai(kode),
                kode_satker=kode,
            )
