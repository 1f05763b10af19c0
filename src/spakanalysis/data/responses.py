"""Read the response files (``respons*.csv``/``.xlsx``) into ``Dataset.respons``.

The rows of all files are concatenated (rows of separate SPKP and SPAK exports joined per
submission, see :mod:`~spakanalysis.data.export_join`), cleaned into categoricals, checked with
the response schema (problems and exclusion reasons), searched for duplicate
submissions and converted: fill-in times to UTC with the satker's local date,
items to float, completeness per instrument. Personal data typed into
``saran`` was masked while each file was read (:func:`spakanalysis.data.loadrun.masked_feedback`),
before anything is cached.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from spakanalysis.data import read_cache
from spakanalysis.data import schemas as sc
from spakanalysis.data.columns import report_missing_columns
from spakanalysis.data.duplicates import duplicate_key, report_duplicates
from spakanalysis.data.export_join import carried_instruments, join_instrument_exports
from spakanalysis.data.loadrun import LoadRun
from spakanalysis.data.population import check_population
from spakanalysis.data.problems import find_duplicates, schema_failures
from spakanalysis.data.readers import FILE_COLUMN, ROW_COLUMN
from spakanalysis.data.rules import response_schema
from spakanalysis.data.times import local_dates, parse_times, row_zones, time_text
from spakanalysis.data.vectors import category_values, factorize_text, recode, str_column, stripped_or_none

__all__ = ["load_responses", "classify_items", "completeness", "exclusion_reasons"]


def classify_items(
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
    return recode(np.asarray(raw.codes), [v if v in sc.RESPONDENT_TYPES else None for v in norm])


def exclusion_reasons(masks: Mapping[str, np.ndarray]) -> np.ndarray:
    """The first applicable reason (in the order of :data:`schemas.ALASAN`) per row, or ``None``."""
    n = len(next(iter(masks.values())))
    out = np.full(n, None, dtype=object)
    for code in reversed(list(sc.ALASAN)):
        if code in masks:
            out[masks[code]] = sc.ALASAN[code]
    return out


def completeness(
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


def load_responses(run: LoadRun, paths: list[Path]) -> pd.DataFrame | None:
    """Read every response file and build ``Dataset.respons``; ``None`` (and a fatal run) when none is usable.

    Parameters
    ----------
    run : LoadRun
        The loading run, after the codebook, the mapping and the registry.
    paths : list of Path
        The response files found.
    """
    items_known = set(run.all_items) | set(run.scales)
    known = set(sc.RESPONSE_COLUMNS) | items_known
    hint = known | set(run.mapping)
    rules = run.rules(known, list(sc.REQUIRED_RESPONSE_COLUMNS), mapped=True, personal=True)
    frames: list[pd.DataFrame] = []
    carried: list[frozenset[str]] = []
    headers: dict[str, dict[str, str]] = {}
    run.keep_reads = read_cache.worth_keeping(paths)  # several large exports: a change re-reads only its file
    for path in paths:
        read = run.read(path, hint, rules, sheet=run.settings.lembar if path.suffix.lower() == ".xlsx" else None)
        if read is None:
            continue
        std, names = read
        carried.append(_check_items(run, path.name, std.columns, rules))
        if "kode_satker" not in std or "waktu_isi" not in std:
            carried.pop()
            continue
        # codebook rows that are invalid are known but not loaded
        std = std.drop(columns=[c for c in std.columns if c in items_known and c not in run.scales])
        frames.append(std)
        headers[path.name] = names
    if not frames:  # each file's own problem says why
        run.fatal = True
        return None
    _check_instruments_present(run, carried)
    raw = join_instrument_exports(frames, carried, run.instruments) if len(frames) > 1 else frames[0]
    del frames
    return _ResponseBuild(run, raw, headers).build()


def _required_items(run: LoadRun) -> dict[str, list[str]]:
    return {name: run.instruments.get(name, []) for name in sc.REQUIRED_INSTRUMENTS if run.instruments.get(name)}


def _check_items(run: LoadRun, file_name: str, columns, rules) -> frozenset[str]:
    """The instruments a file carries; the missing items of each (of all, when it carries none) are reported."""
    required = _required_items(run)
    carried = carried_instruments(list(columns), required)
    missing = [i for name, items in required.items() if name in carried or not carried for i in items
               if i not in columns]
    report_missing_columns(missing, file_name, rules, run.log)
    return carried


def _check_instruments_present(run: LoadRun, carried: list[frozenset[str]]) -> None:
    """Each required instrument is carried by at least one response file (else one problem names it)."""
    found = frozenset().union(*carried)
    for name, items in _required_items(run).items():
        if found and name not in found:
            run.log.add(
                "respons",
                f"tidak ada berkas respons yang memuat butir {name} (mis. {items[0]}); "
                f"tambahkan ekspor {name} ke folder data atau periksa pemetaan_kolom.csv",
                kode="instrumen_tanpa_berkas",
            )


class _ResponseBuild:
    """Clean, validate and convert the concatenated response rows of one run."""

    def __init__(self, run: LoadRun, raw: pd.DataFrame, headers: dict[str, dict[str, str]]) -> None:
        self.run = run
        self.raw = raw
        self.headers = headers
        self.n = len(raw)
        registry = run.registry
        self.canonical = {c.upper(): c for c in registry["kode_satker"].dropna()} if registry is not None else {}
        self.zone_of = dict(zip(registry["kode_satker"], registry["zona_waktu"])) if registry is not None else {}
        self.items = list(run.scales)

    def column(self, name: str) -> pd.Series:
        return self.raw[name] if name in self.raw else pd.Series(np.full(self.n, None, dtype=object))

    def _categoricals(self) -> dict[str, pd.Categorical]:
        """Cleaned, categorical versions of the satker code, the short text columns and the items."""
        codes, values = factorize_text(self.column("kode_satker"))
        kode = recode(codes, [self.canonical.get(v.upper(), v) for v in values])
        cats: dict[str, pd.Categorical] = {"kode_satker": kode}
        for name in ("jenis_layanan", "jenis_responden", *sc.DEMOGRAPHIC_COLUMNS, *self.run.scales):
            cats[name] = recode(*factorize_text(self.column(name)))
        return cats

    def _times(self, kode: pd.Categorical) -> None:
        self.text = time_text(self.column("waktu_isi"))
        row_zone, zone_names = row_zones(kode, self.zone_of)
        settings = self.run.settings
        self.waktu = parse_times(self.text, row_zone, zone_names, fmt=settings.format_waktu,
                                 naive_zone=settings.zona_waktu)
        self.tanggal, self.bulan = local_dates(self.waktu, row_zone, zone_names)

    def _check(self, cats: Mapping[str, pd.Categorical]) -> pd.DataFrame:
        """Run the response schema; report its failures and return them (they give the exclusion reasons)."""
        run = self.run
        check = pd.DataFrame({"waktu_isi": self.waktu, **{k: pd.Series(v) for k, v in cats.items()}})
        check[ROW_COLUMN] = self.raw[ROW_COLUMN].to_numpy()
        check[FILE_COLUMN] = self.raw[FILE_COLUMN].to_numpy()
        self.check = check
        failures = self._failures(check, set(self.canonical.values()))
        now_local = run.now.tz_convert(sc.DEFAULT_TIMEZONE).isoformat(sep=" ", timespec="seconds")

        def context(rec: Mapping[str, Any]) -> dict[str, Any]:
            lo, hi = run.scales.get(rec["kolom_baku"], sc.DEFAULT_SCALE)
            return {"lo": lo, "hi": hi, "sekarang": now_local, "registri": run.registry_name,
                    "format_waktu": run.settings.format_waktu}

        run.report(failures, check.assign(waktu_isi=self.text), self.headers, self.satker_of_row, context)
        return failures

    def _failures(self, check: pd.DataFrame, satker_codes: set[str]) -> pd.DataFrame:
        """Failures of the response schema, kept only for columns the row's file has."""
        run = self.run
        present = ["waktu_isi", "jenis_layanan", "jenis_responden", *self.items]
        if run.registry is not None:
            present.insert(0, "kode_satker")
        schema = response_schema({i: run.scales[i] for i in self.items}, satker_codes, run.now, present)
        failures = schema_failures(schema, check[present])
        if failures.empty:
            return failures
        files = check[FILE_COLUMN].to_numpy(dtype=object)[failures["pos"].to_numpy()]
        in_file = np.fromiter(
            (k in self.headers.get(f, ()) for f, k in zip(files, failures["kolom"])), dtype=bool, count=len(failures)
        )
        return failures.loc[in_file].reset_index(drop=True)

    def _duplicates(self, kode: pd.Categorical, item_values, item_kinds, ids: pd.Series | None) -> np.ndarray:
        key = duplicate_key(np.asarray(kode.codes), self.waktu, self.text, item_values, item_kinds)
        if ids is not None:
            key["id_respons"] = ids
        found = find_duplicates(key, self.items)
        if found[0].any():
            report_duplicates(self.run.log, found, self.check, self.satker_of_row, ids, self.headers)
        return found[0]

    def _exclusions(self, failures: pd.DataFrame, duplicate: np.ndarray) -> np.ndarray:
        def failed(*kodes: str) -> np.ndarray:
            mask = np.zeros(self.n, dtype=bool)
            mask[failures.loc[failures["kode"].isin(kodes), "pos"].to_numpy()] = True
            return mask

        return exclusion_reasons(
            {
                "satker_tidak_dikenal": failed("satker_tidak_dikenal"),
                "waktu_tidak_terbaca": failed("waktu_tidak_terbaca"),
                "waktu_masa_depan": failed("waktu_masa_depan"),
                "nilai_tidak_valid": failed("nilai_di_luar_skala", "jenis_responden_tidak_valid"),
                "kiriman_ganda": duplicate,
            }
        )

    def build(self) -> pd.DataFrame:
        cats = self._categoricals()
        kode = cats["kode_satker"]
        self._times(kode)
        self.satker_of_row = category_values(kode)
        failures = self._check(cats)
        item_values, item_kinds = classify_items(cats, self.run.scales)
        jenis_responden = _respondent_types(cats["jenis_responden"])
        ids = str_column(stripped_or_none(self.raw["id_respons"])) if "id_respons" in self.raw else None
        duplicate = self._duplicates(kode, item_values, item_kinds, ids)
        dikecualikan = self._exclusions(failures, duplicate)
        lengkap = completeness(item_kinds, self.run.instruments, self.n)
        out = self._frame(cats, jenis_responden, ids, item_values, lengkap, dikecualikan)
        if self.run.registry is not None:
            external = str_column(jenis_responden).to_numpy(dtype=object, na_value=None) == "eksternal"
            rows = {
                "kode": np.asarray(kode.codes),
                "kode_cats": np.asarray(kode.categories, dtype=object),
                "bulan": self.bulan,
                "usable": external & pd.isna(dikecualikan),
                "files": out[FILE_COLUMN].to_numpy(dtype=object),
            }
            check_population(self.run.log, self.run.registry, self.run.registry_name, rows, lengkap)
        return out

    def _frame(self, cats, jenis_responden, ids, item_values, lengkap, dikecualikan) -> pd.DataFrame:
        """``Dataset.respons``: one row per response, no personal column."""
        raw, n = self.raw, self.n
        out: dict[str, Any] = {
            FILE_COLUMN: str_column(raw[FILE_COLUMN].to_numpy(dtype=object)),
            ROW_COLUMN: raw[ROW_COLUMN].to_numpy(dtype=np.int64),
            "id_respons": ids if ids is not None else str_column(np.full(n, None, dtype=object)),
            "waktu_isi": self.waktu.reset_index(drop=True),
            "tanggal_lokal": pd.Series(self.tanggal, dtype=object),
            "kode_satker": str_column(cats["kode_satker"]),
            "jenis_layanan": str_column(cats["jenis_layanan"]),
            "jenis_responden": str_column(jenis_responden),
        }
        for name in sc.DEMOGRAPHIC_COLUMNS:
            if name in raw:
                out[name] = str_column(cats[name])
        for item in self.items:
            out[item] = item_values[item]
        for instrument, mask in lengkap.items():
            out[f"lengkap_{instrument.lower()}"] = mask
        # masked while reading (loadrun.masked_feedback), before any cache
        out["saran"] = str_column(recode(*factorize_text(self.column("saran"))), fill="").astype(str)
        out["dikecualikan"] = str_column(dikecualikan)
        return pd.DataFrame(out)
