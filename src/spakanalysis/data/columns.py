"""The header plan: which source columns of a file to read, and under which standard names.

Matching order: ``pemetaan_kolom.csv`` (case-insensitive), then the standard name
itself (``"Kode Satker"`` → ``kode_satker``). Personal columns are dropped without
being read; unknown ones are noted and ignored.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from spakanalysis.data import schemas as sc
from spakanalysis.data.problems import ProblemLog
from spakanalysis.data.readers import normalize_header

__all__ = ["ColumnRules", "ColumnPlan", "plan_columns", "report_missing_columns"]


@dataclass(frozen=True)
class ColumnRules:
    """What one file may hold.

    Attributes
    ----------
    known : collection of str
        Standard names kept.
    required : sequence of str
        Standard names that must be present.
    mapping : mapping or None
        Normalised source header → standard name (``pemetaan_kolom.csv``).
    personal : bool
        Whether personal columns are to be recognised and dropped (response files).
    mapping_name : str or None
        File name of the mapping, for messages.
    mapping_source : mapping
        Standard name → its first source header in the mapping, for messages.
    """

    known: Collection[str]
    required: Sequence[str]
    mapping: Mapping[str, str] | None = None
    personal: bool = False
    mapping_name: str | None = None
    mapping_source: Mapping[str, str] = field(default_factory=dict)


@dataclass
class ColumnPlan:
    """Positions of the columns to read, their standard names and, per standard name, the file's header."""

    positions: list[int] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    source: dict[str, str] = field(default_factory=dict)


def _target(header: str, rules: ColumnRules, known: set[str]) -> str | None:
    if rules.mapping and normalize_header(header) in rules.mapping:
        return rules.mapping[normalize_header(header)]
    if sc.header_key(header) in known:
        return sc.header_key(header)
    return None


def _drop_unknown(header: str, target: str | None, file_name: str, rules: ColumnRules, log: ProblemLog) -> None:
    """Note an unknown column, or drop a personal one (with a warning when found by a word of its header)."""
    if rules.personal:
        mapped_personal = target is not None and sc.is_personal_column(target)[0]
        is_personal, by_word = sc.is_personal_column(header)
        if mapped_personal or is_personal:
            if by_word and not mapped_personal:
                log.add(
                    file_name,
                    "kolom dianggap berisi data pribadi responden dan dibuang tanpa dibaca",
                    kode="kolom_pribadi_dibuang",
                    kolom=header,
                )
            return
    log.add(file_name, "kolom tidak dikenal; diabaikan", kode="kolom_tidak_dikenal", kolom=header)


def _report_missing(plan: ColumnPlan, file_name: str, rules: ColumnRules, log: ProblemLog) -> None:
    report_missing_columns([n for n in rules.required if n not in plan.source], file_name, rules, log)


def report_missing_columns(missing: Sequence[str], file_name: str, rules: ColumnRules, log: ProblemLog) -> None:
    """One problem per required column the file lacks (naming its header in the mapping, if any)."""
    for name in missing:
        hint = rules.mapping_source.get(name) if rules.mapping else None
        extra = f' (menurut {rules.mapping_name} judulnya "{hint}")' if hint else ""
        log.add(file_name, f'kolom wajib "{name}" tidak ditemukan{extra}', kode="kolom_hilang", kolom=name)


def plan_columns(headers: Sequence[str], file_name: str, rules: ColumnRules, log: ProblemLog) -> ColumnPlan:
    """Decide which source columns to keep and their standard names (problems go to ``log``).

    Parameters
    ----------
    headers : sequence of str
        The file's headers, in order.
    file_name : str
        Name of the file, for the problems.
    rules : ColumnRules
        Known, required and personal columns, and the mapping.
    log : ProblemLog
        Receives unknown, personal, repeated and missing columns.

    Returns
    -------
    ColumnPlan
    """
    known = set(rules.known)
    plan = ColumnPlan()
    for pos, header in enumerate(headers):
        header = str(header)
        if header.strip() == "":
            continue  # untitled (usually empty trailing) columns
        target = _target(header, rules, known)
        if target is None or target not in known:
            _drop_unknown(header, target, file_name, rules, log)
            continue
        if target in plan.source:
            log.add(
                file_name,
                f'kolom ini dan kolom "{plan.source[target]}" sama-sama berarti {target}; '
                "hanya kolom pertama yang dipakai",
                kode="kolom_ganda",
                kolom=header,
            )
            continue
        plan.positions.append(pos)
        plan.targets.append(target)
        plan.source[target] = header
    _report_missing(plan, file_name, rules, log)
    return plan
