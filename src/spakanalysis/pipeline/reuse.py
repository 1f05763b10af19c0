"""Incremental batches: a satker whose inputs are unchanged is not rendered again.

Like a build cache keyed on content. Each satker's report gets a key made of
named parts (:data:`KEY_PARTS`); the manifest records the parts and the SHA-256
of every output file. On the next run a satker is reused when every part is
equal and every recorded file of its folder is on disk with the same SHA-256;
otherwise it is rendered, and the manifest says why ("masukan berubah:
respons", "berkas keluaran hilang", "--paksa" ...).

What a satker report reads, and therefore its key:

- ``respons``: its own response rows, every period (the comparison with the
  previous period and the monthly trend read earlier months), every column
  including the source file and row number;
- ``registri``: its registry row, and the list of registry codes (the
  follow-up register is checked against it); the registry file as a whole is
  not part of the key, so correcting one satker's row re-renders that satker only;
- ``kualitas``: its rows of the data-quality flag table, which is computed over
  the whole dataset (cross-satker checks), and the satker's data errors;
- ``sumber``: the report's "Sumber data" table (:mod:`spakanalysis.report.provenance`):
  the satker's rows of each response file and of the registry, and the SHA-256
  of every other file it read;
- ``pengaturan``: every other file of the data folder (codebook, mapping,
  ``kanwil.toml``, ``tindak_lanjut.csv``, logos, any ``*.toml``), byte for byte;
- ``parameter``: the report parameters (the batch's cut-off ``tanggal_data``,
  the effective ``tanggal_cetak``, ``aturan``, ``galat``, ``lantai``,
  ``kecualikan_tanda``, PDF or not) and the ``SPAKANALYSIS_*`` settings;
- ``kode``: the package version and the bytes of every package file
  (templates, configuration) and of the report notebooks.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from spakanalysis.core import settings
from spakanalysis.core.hashing import digest_parts as _digest
from spakanalysis.core.hashing import file_sha256 as _sha256
from spakanalysis.report.provenance import (
    group_digests,
    registry_files,
    response_files,
    satker_sources,
    source_digests,
)

__all__ = ["KEY_PARTS", "satker_keys", "recap_key", "reuse_reason", "file_hashes", "REASON_LABELS"]

KEY_PARTS = ("respons", "registri", "kualitas", "sumber", "pengaturan", "parameter", "kode")

#: Indonesian names of the key parts in the manifest's reasons.
REASON_LABELS = {"respons": "respons", "registri": "registri satker", "kualitas": "tanda kualitas data",
                 "sumber": "berkas sumber", "pengaturan": "berkas pengaturan", "parameter": "parameter",
                 "kode": "versi program"}

_IGNORED_ENV = ("SPAKANALYSIS_CACHE", "SPAKANALYSIS_DEBUG", "SPAKANALYSIS_SMTP_SANDI")






@lru_cache(maxsize=1)
def _code_digest(notebooks: tuple[str, ...]) -> str:
    from spakanalysis.core.version import __version__

    root = Path(__file__).resolve().parents[1]
    parts: list[bytes | str] = [__version__]
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc"):
            parts += [p.relative_to(root).as_posix(), p.read_bytes()]
    for nb in notebooks:
        parts += [Path(nb).name, Path(nb).read_bytes()]
    return _digest(*parts)


def code_digest() -> str:
    """SHA-256 of the package version, every package file and the two report notebooks."""
    from spakanalysis.pipeline.runner import NOTEBOOK_REKAP, NOTEBOOK_SATKER, notebook_path

    return _code_digest(tuple(str(notebook_path(n)) for n in (NOTEBOOK_SATKER, NOTEBOOK_REKAP)))


def _settings_digest(data: Path, response_files: set[str]) -> str:
    """Every file of the data folder except the response files, the registry and its README, byte for byte."""
    parts: list[bytes | str] = []
    for p in sorted(Path(data).rglob("*")):
        rel = p.relative_to(data)
        if (p.is_file() and not any(s.startswith(".") for s in rel.parts) and rel.as_posix() != "README.md"
                and rel.as_posix() not in response_files):
            parts += [rel.as_posix(), _sha256(p)]
    return _digest(*parts)


def _parameter_digest(params: dict[str, Any], pdf: bool) -> str:
    from spakanalysis.report.parameters import as_date, default_print_date

    shown = {k: v for k, v in params.items() if k != "_periode_kode"}
    shown["tanggal_cetak"] = str(as_date(params.get("tanggal_cetak"), "tanggal_cetak") or default_print_date())
    env = settings.package_variables(_IGNORED_ENV)
    return _digest(json.dumps({"parameter": shown, "pdf": pdf, "env": env}, sort_keys=True, default=str))


def satker_keys(dataset, data: Path, codes: list[str], params: dict[str, Any], pdf: bool, period) -> dict[str, dict]:
    """The key parts (:data:`KEY_PARTS`) of each satker's report, each a SHA-256 hex digest."""
    from datetime import date

    from spakanalysis.report.quality import dataset_flags

    r = dataset.respons
    responses = response_files(dataset)
    common = {
        "pengaturan": _settings_digest(Path(data), responses | registry_files(dataset)),
        "parameter": _parameter_digest(params, pdf),
        "kode": code_digest(),
    }
    cut = date.fromisoformat(params["tanggal_data"])
    flags = dataset_flags(dataset, period, cut)
    # each table hashed once, then digested per satker (a national batch has a thousand satkers)
    by_code, empty_r = group_digests(r, "kode_satker")
    flags_by_code, empty_f = group_digests(flags, "kode_satker")
    sources = source_digests(dataset)
    registry_codes = json.dumps(sorted(str(k) for k in dataset.satker["kode_satker"]))
    keys = {}
    for code in codes:
        errors = json.dumps([str(m) for m in dataset.galat_untuk(code)])
        keys[code] = {
            "respons": by_code.get(code, empty_r),
            "registri": _digest(sources["registri"].get(code, sources["registri_kosong"]), registry_codes),
            "sumber": _digest(json.dumps(satker_sources(dataset, code, responses=responses, digests=sources))),
            "kualitas": _digest(flags_by_code.get(code, empty_f), errors,
                                str(bool(flags.attrs.get("waktu_singkat_tersedia", False)))),
            **common,
        }
    return keys


def recap_key(keys: dict[str, dict], registry_order: list[str]) -> str:
    """The key of the Kanwil-wide outputs: every satker's key, in registry order."""
    return _digest(json.dumps([[k, keys.get(k)] for k in registry_order], sort_keys=True))


def file_hashes(folder: Path, names: list[str]) -> dict[str, str]:
    """SHA-256 of the files ``names`` of ``folder`` that exist."""
    return {n: _sha256(folder / n) for n in sorted(names) if (folder / n).is_file()}


def files_intact(folder: Path, recorded: dict[str, str] | None) -> str | None:
    """``None`` when every recorded file is on disk with its SHA-256, else the Indonesian reason."""
    if not recorded:
        return "berkas keluaran belum tercatat"
    for name, digest in recorded.items():
        p = folder / name
        if not p.is_file():
            return "berkas keluaran hilang"
        if _sha256(p) != digest:
            return "berkas keluaran berubah"
    return None


def reuse_reason(old: dict[str, Any] | None, key: dict[str, str], folder: Path, paksa: bool) -> str | None:
    """Why a satker must be rendered (an Indonesian reason), or ``None`` when its outputs can be reused.

    ``old``: the satker's entry of the previous manifest (``kunci``, ``sha256``, ``status``).
    """
    if paksa:
        return "--paksa"
    if not old or not old.get("kunci"):
        return "belum pernah dibuat"
    if old.get("status") != "berhasil":
        return "gagal pada jalan sebelumnya"
    changed = [REASON_LABELS[p] for p in KEY_PARTS if old["kunci"].get(p) != key.get(p)]
    if changed:
        return "masukan berubah: " + ", ".join(changed)
    return files_intact(folder, old.get("sha256"))
