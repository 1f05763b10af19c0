"""Load the raw-data folder (``data/raw``) into a validated :class:`Dataset`.

Steps: find the files, read them (:func:`spakanalysis.readers.read_table`),
map source headers to standard names (``pemetaan_kolom.csv``), drop personal
columns at once, validate with the pandera schemas of
:mod:`spakanalysis.schemas`, convert types and flag the rows that cannot be
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

from . import schemas as sc
from .errors import DataError, Masalah, format_nilai
from .readers import FILE_COLUMN, ROW_COLUMN, SUPPORTED_SUFFIXES, normalize_header, read_table
from .validation import CONTOH_WAKTU, Pencatat, find_duplicates, pesan_masalah, schema_failures, urutkan_masalah

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


_TZ_TAIL = re.compile(r"[+-]\d\d(?::?\d\d)?$")


def _has_offset(text: str) -> bool:
    tail = text[10:]
    if not tail:
        return False
    if tail[-1] in "Zz":
        return True
    return ("+" in tail or "-" in tail) and _TZ_TAIL.search(tail) is not None


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
                    self.log.tambah(default, f"berkas wajib {default} (atau .xlsx) tidak ada di folder data", kode="berkas_tidak_ada")
                    self.fatal = True
                return None
            for extra in found[1:]:
                self.log.tambah(
                    extra.name, f"diabaikan karena {found[0].name} juga ada; hapus salah satunya", kode="berkas_diabaikan"
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

    def _read(self, path: Path, hint: Collection[str]) -> pd.DataFrame | None:
        try:
            frame = read_table(path, header_hint=hint)
        except DataError as err:
            self.log.extend(err.masalah)
            return None
        self.sources.append(SumberBerkas(path.name, frame.attrs.get("sha256", ""), len(frame)))
        return frame

    def _resolve(
        self,
        frame: pd.DataFrame,
        berkas: str,
        *,
        known: Collection[str],
        required: Sequence[str],
        mapping: Mapping[str, str] | None,
        personal: bool,
    ) -> tuple[pd.DataFrame, dict[str, str]]:
        """Select the known columns under their standard names; drop personal ones.

        Returns the standard frame (plus ``_baris``/``_berkas``) and, for each
        standard column, its header in the file.
        """
        known = set(known)
        headers = list(frame.columns[:-2])
        chosen: dict[str, int] = {}
        sumber: dict[str, str] = {}
        for pos, header in enumerate(headers):
            header = str(header)
            target = None
            if mapping and normalize_header(header) in mapping:
                target = mapping[normalize_header(header)]
            elif sc.header_key(header) in known:
                target = sc.header_key(header)
            if personal and target is not None and target not in known and sc.is_personal_column(target)[0]:
                continue
            if target is None or target not in known:
                if personal:
                    is_personal, by_word = sc.is_personal_column(header)
                    if is_personal:
                        if by_word:
                            self.log.tambah(
                                berkas,
                                "kolom dianggap berisi data pribadi responden dan dibuang tanpa dibaca",
                                kode="kolom_pribadi_dibuang",
                                kolom=header,
                            )
                        continue
                if header == "" and bool((frame.iloc[:, pos] == "").all()):
                    continue
                self.log.tambah(
                    berkas,
                    "kolom tidak dikenal; diabaikan",
                    kode="kolom_tidak_dikenal",
                    kolom=header or "(tanpa judul)",
                )
                continue
            if target in chosen:
                self.log.tambah(
                    berkas,
                    f'kolom ini dan kolom "{sumber[target]}" sama-sama berarti {target}; hanya kolom pertama yang dipakai',
                    kode="kolom_ganda",
                    kolom=header,
                )
                continue
            chosen[target] = pos
            sumber[target] = header
        for name in required:
            if name not in chosen:
                hint = self.mapping_source.get(name) if mapping else None
                extra = f' (menurut {self.mapping_name} judulnya "{hint}")' if hint else ""
                self.log.tambah(
                    berkas, f'kolom wajib "{name}" tidak ditemukan{extra}', kode="kolom_hilang", kolom=name
                )
        out = frame.iloc[:, list(chosen.values())].copy() if chosen else pd.DataFrame(index=frame.index)
        out.columns = list(chosen.keys())
        out[ROW_COLUMN] = frame[ROW_COLUMN].to_numpy()
        out[FILE_COLUMN] = berkas
        return out.reset_index(drop=True), sumber

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
        frame = self._read(path, sc.CODEBOOK_COLUMNS) if path is not None else None
        std = None
        if frame is not None:
            std, sumber = self._resolve(
                frame,
                path.name,
                known=sc.CODEBOOK_COLUMNS,
                required=sc.REQUIRED_CODEBOOK_COLUMNS,
                mapping=None,
                personal=False,
            )
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
            item: (int(a), int(b)) for item, a, b in out[["kode_butir", "skala_min", "skala_maks"]].itertuples(index=False)
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
        frame = self._read(path, sc.MAPPING_COLUMNS)
        if frame is None:
            return
        std, sumber = self._resolve(
            frame, path.name, known=sc.MAPPING_COLUMNS, required=sc.MAPPING_COLUMNS, mapping=None, personal=False
        )
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
        frame = self._read(path, sc.REGISTRY_COLUMNS) if path is not None else None
        if frame is None:
            self.fatal = True
            return None
        std, sumber = self._resolve(
            frame,
            path.name,
            known=sc.REGISTRY_COLUMNS,
            required=sc.REQUIRED_REGISTRY_COLUMNS,
            mapping=self.mapping,
            personal=False,
        )
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

        keep = (code != "") & ~key.duplicated(keep="first")
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
            frame = self._read(path, hint)
            if frame is None:
                continue
            std, names = self._resolve(
                frame, path.name, known=known, required=required, mapping=self.mapping, personal=True
            )
            del frame  # personal columns are gone from here on
            if "kode_satker" not in std or "waktu_isi" not in std:
                continue
            # codebook rows that are invalid are known but not loaded
            std = std.drop(columns=[c for c in std.columns if c in items_known and c not in self.scales])
            frames.append(std)
            sumber[path.name] = names
        if not frames:
            self.fatal = True
            if paths:
                self.log.tambah(
                    paths[0].name if len(paths) == 1 else "respons*",
                    "tidak ada berkas respons yang dapat dipakai",
                    kode="berkas_tidak_terbaca",
                )
            return None
        raw = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
        del frames
        return self._build_responses(raw, sumber)

    def _build_responses(self, raw: pd.DataFrame, sumber: dict[str, dict[str, str]]) -> pd.DataFrame:
        n = len(raw)
        registry_codes = (
            {c.upper(): c for c in self.registry["kode_satker"].dropna()} if self.registry is not None else {}
        )
        zone_of = (
            dict(zip(self.registry["kode_satker"], self.registry["zona_waktu"])) if self.registry is not None else {}
        )

        def column(name: str) -> pd.Series:
            return raw[name] if name in raw else pd.Series(np.full(n, None, dtype=object))

        # --- categorical, stripped versions of the short text columns
        codes, values = _factor(column("kode_satker"))
        kode = _recode(codes, [registry_codes.get(v.upper(), v) for v in values])
        cats: dict[str, pd.Categorical] = {"kode_satker": kode}
        for name in ("jenis_layanan", "jenis_responden", *sc.DEMOGRAPHIC_COLUMNS):
            cats[name] = _recode(*_factor(column(name)))
        items = list(self.scales)
        for item in items:
            cats[item] = _recode(*_factor(column(item)))

        # --- time: parse once; naive times are local to the satker
        text = column("waktu_isi").astype(object).map(_strip).to_numpy(dtype=object)
        waktu = pd.to_datetime(pd.Series(text, dtype=object), format="ISO8601", utc=True, errors="coerce")
        kode_cats = np.asarray(kode.categories, dtype=object)
        zone_per_cat = [zone_of.get(c, sc.DEFAULT_TIMEZONE) for c in kode_cats]
        zone_codes, zone_names = pd.factorize(pd.Series([*zone_per_cat, sc.DEFAULT_TIMEZONE], dtype=object))
        default_zone = zone_codes[-1]
        kcodes = np.asarray(kode.codes)
        row_zone = np.where(kcodes < 0, default_zone, zone_codes[:-1][np.where(kcodes < 0, 0, kcodes)] if len(kode_cats) else default_zone)
        naive = np.fromiter((not _has_offset(t) for t in text), dtype=bool, count=n) & waktu.notna().to_numpy()
        values_utc = waktu.copy()
        for z in np.unique(row_zone[naive]) if naive.any() else []:
            mask = naive & (row_zone == z)
            local = waktu[mask].dt.tz_localize(None).dt.tz_localize(zone_names[z], ambiguous="NaT", nonexistent="NaT")
            values_utc[mask] = local.dt.tz_convert("UTC")
        waktu = values_utc

        tanggal = np.full(n, None, dtype=object)
        bulan = np.full(n, "", dtype=object)
        valid_time = waktu.notna().to_numpy()
        for z in np.unique(row_zone[valid_time]) if valid_time.any() else []:
            mask = valid_time & (row_zone == z)
            local_day = waktu[mask].dt.tz_convert(zone_names[z]).dt.tz_localize(None).dt.normalize()
            dcodes, days = pd.factorize(local_day)
            tanggal[mask] = np.asarray([d.date() for d in days], dtype=object)[dcodes]
            bulan[mask] = np.asarray([d.strftime("%Y-%m") for d in days], dtype=object)[dcodes]

        # --- schema checks (pandera) on the cleaned frame
        check = pd.DataFrame({"waktu_isi": waktu, **{k: pd.Series(v) for k, v in cats.items()}})
        check[ROW_COLUMN] = raw[ROW_COLUMN].to_numpy()
        check[FILE_COLUMN] = raw[FILE_COLUMN].to_numpy()
        present = ["waktu_isi", "jenis_layanan", "jenis_responden", *items]
        if self.registry is not None:
            present.insert(0, "kode_satker")
        schema = sc.response_schema(
            {i: self.scales[i] for i in items}, set(registry_codes.values()), self.now, present
        )
        failures = schema_failures(schema, check[present])
        # "jenis_layanan" is only checked in files that have the column
        has_column = {b: set(names) for b, names in sumber.items()}
        if not failures.empty:
            files = check[FILE_COLUMN].to_numpy(dtype=object)[failures["pos"].to_numpy()]
            in_file = np.fromiter(
                (k in has_column.get(f, ()) for f, k in zip(files, failures["kolom"])), dtype=bool, count=len(failures)
            )
            failures = failures.loc[in_file].reset_index(drop=True)

        attribution = np.empty(n, dtype=object)
        attribution[:] = None
        if len(kode_cats):
            attribution[:] = np.where(kcodes < 0, None, kode_cats[np.where(kcodes < 0, 0, kcodes)])
        shown_check = check.copy()
        shown_check["waktu_isi"] = text
        now_local = self.now.tz_convert(sc.DEFAULT_TIMEZONE).isoformat(sep=" ", timespec="seconds")

        def context(rec: Mapping[str, Any]) -> dict[str, Any]:
            lo, hi = self.scales.get(rec["kolom_baku"], sc.DEFAULT_SCALE)
            return {"lo": lo, "hi": hi, "sekarang": now_local, "registri": self.registry_name}

        self._report(failures, shown_check, sumber, attribution, context)

        def failed(kode_: str, kolom: Collection[str] | None = None) -> np.ndarray:
            mask = np.zeros(n, dtype=bool)
            sel = failures["kode"] == kode_
            if kolom is not None:
                sel &= failures["kolom"].isin(list(kolom))
            mask[failures.loc[sel, "pos"].to_numpy()] = True
            return mask

        # --- typed values
        item_values: dict[str, np.ndarray] = {}
        item_kinds: dict[str, np.ndarray] = {}
        for item in items:
            lo, hi = self.scales[item]
            cat = cats[item]
            value, kind = sc.classify_scale(cat.categories, lo, hi)
            c = np.asarray(cat.codes)
            safe = np.where(c < 0, 0, c)
            item_values[item] = np.where(c < 0, np.nan, value[safe] if value.size else np.nan)
            item_kinds[item] = np.where(c < 0, sc.KOSONG, kind[safe] if kind.size else sc.KOSONG).astype(np.int8)

        jr = cats["jenis_responden"]
        jr_norm = [" ".join(str(v).split()).casefold() for v in jr.categories]
        jenis_responden = _recode(np.asarray(jr.codes), [v if v in sc.RESPONDENT_TYPES else None for v in jr_norm])

        # --- duplicates (first row kept)
        key = pd.DataFrame({"kode_satker": kcodes})
        time_key = waktu.to_numpy(dtype="datetime64[us]").view("int64").copy()
        nat = ~valid_time
        if nat.any():
            time_key[nat] = pd.util.hash_array(text[nat]).view("int64")
        key["waktu_kunci"] = time_key
        for item in items:
            key[item] = np.where(item_kinds[item] == sc.NILAI, item_values[item], -item_kinds[item].astype(float))
        ids = None
        if "id_respons" in raw:
            id_codes, id_values = _factor(raw["id_respons"])
            ids = _str_column(_recode(id_codes, id_values))
            key["id_respons"] = ids
        duplicate, first, by_id = find_duplicates(key, items)
        if duplicate.any():
            self._report_duplicates(duplicate, first, by_id, check, attribution, ids, sumber)

        # --- exclusion reason, by precedence
        reasons = {
            "satker_tidak_dikenal": failed("satker_tidak_dikenal"),
            "waktu_tidak_terbaca": failed("waktu_tidak_terbaca"),
            "waktu_masa_depan": failed("waktu_masa_depan"),
            "nilai_tidak_valid": failed("nilai_di_luar_skala") | failed("jenis_responden_tidak_valid"),
            "kiriman_ganda": duplicate,
        }
        dikecualikan = np.full(n, None, dtype=object)
        for code_, mask in reversed(list(reasons.items())):
            dikecualikan[mask] = sc.ALASAN[code_]

        # --- completeness per instrument
        lengkap: dict[str, np.ndarray] = {}
        for instrument, inst_items in self.instruments.items():
            inst_items = [i for i in inst_items if i in item_kinds]
            if not inst_items:
                lengkap[instrument] = np.zeros(n, dtype=bool)
                continue
            kinds = np.column_stack([item_kinds[i] for i in inst_items])
            lengkap[instrument] = ((kinds == sc.NILAI) | (kinds == sc.TM)).all(axis=1) & (kinds == sc.NILAI).any(axis=1)

        # --- assemble
        out: dict[str, Any] = {
            FILE_COLUMN: _str_column(raw[FILE_COLUMN].to_numpy(dtype=object)),
            ROW_COLUMN: raw[ROW_COLUMN].to_numpy(dtype=np.int64),
            "id_respons": ids if ids is not None else pd.Series(pd.array([None] * n, dtype="str")),
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
            out[item] = item_values[item].astype(np.float64)
        for instrument, mask in lengkap.items():
            out[f"lengkap_{instrument.lower()}"] = mask
        if "saran" in raw:
            s_codes, s_values = _factor(raw["saran"])
            out["saran"] = _str_column(_recode(s_codes, s_values), fill="")
        else:
            out["saran"] = pd.Series(pd.array([""] * n, dtype="str"))
        out["dikecualikan"] = _str_column(dikecualikan)
        respons = pd.DataFrame(out)

        self._check_population(respons, lengkap, bulan)
        return respons

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
        table["kolom"] = [sumber.get(f, {}).get("id_respons", "id_respons") if b else None for f, b in zip(table["berkas"], table["by_id"])]
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

    def _check_population(self, respons: pd.DataFrame, lengkap: Mapping[str, np.ndarray], bulan: np.ndarray) -> None:
        """Warn when a month has more valid external responses than service users."""
        if self.registry is None or respons.empty:
            return
        usable = respons["dikecualikan"].isna().to_numpy() & (respons["jenis_responden"] == "eksternal").to_numpy()
        counts = None
        for instrument in sc.REQUIRED_INSTRUMENTS:
            if instrument not in lengkap:
                continue
            frame = pd.DataFrame(
                {
                    "kode_satker": respons["kode_satker"],
                    "bulan": bulan,
                    "n": usable & lengkap[instrument],
                }
            )
            c = frame.loc[frame["n"]].groupby(["kode_satker", "bulan"]).size()
            counts = c if counts is None else pd.concat([counts, c], axis=1).max(axis=1)
        if counts is None or counts.empty:
            return
        population = self.registry.set_index("kode_satker")["jumlah_pengguna_layanan"]
        period = self.registry.set_index("kode_satker")["periode_acuan"]
        for (kode, month), count in counts.items():
            n_pop = population.get(kode)
            if n_pop is None or pd.isna(n_pop) or count <= int(n_pop):
                continue
            mask = (respons["kode_satker"] == kode).to_numpy() & (bulan == month) & usable
            files = sorted(set(respons.loc[mask, FILE_COLUMN]))
            self.log.tambah(
                ", ".join(files),
                f"{int(count)} respons sah eksternal pada bulan {month} melebihi jumlah_pengguna_layanan satker "
                f"({int(n_pop)}, periode acuan {period.get(kode)}); periksa jumlah pengguna layanan di "
                f"{self.registry_name} atau kemungkinan kiriman ganda",
                kode="respons_melebihi_populasi",
                kolom="kode_satker",
                nilai=format_nilai(kode),
                kode_satker=kode,
            )
