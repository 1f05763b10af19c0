"""Explanations of the minimum number of respondents in Bahasa Indonesia: formula, substitution, rounding."""

from __future__ import annotations

from typing import Any

import numpy as np

from spakanalysis.core.errors import InputError
from spakanalysis.stats.sample_formulas import (
    _METHOD_LABELS,
    NTT_2024_SLOVIN_BELOW,
    _check_rule_args,
    _cochran_n0,
    _cochran_raw,
    _final,
    _km_raw,
    _methods,
    _round_half_up,
    _round_up,
    _slovin_raw,
    _table,
    _table_lookup,
)
from spakanalysis.stats.sample_inputs import _coerce, _is_series

__all__ = ["explain", "explain_dict"]


# ---------------------------------------------------------------------------
# Public API: explanations
# ---------------------------------------------------------------------------


def _fmt(value: float, pattern: str = "#,##0.######") -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale="id_ID")


def _fmt2(value: float) -> str:
    return _fmt(value, "#,##0.00")


_Parts = tuple[str, str, list[str], float, int, list[str]]


def _explain_parts(n: int, method: str, e: float) -> _Parts:
    """Return (metode, rumus, substitusi lines, raw, result, catatan) for one method."""
    explain_method = {"krejcie-morgan": _explain_km, "slovin": _explain_slovin, "cochran": _explain_cochran}
    rumus, sub, raw, res, notes = explain_method.get(method, _explain_table)(n, e)
    return _METHOD_LABELS[method], rumus, sub, raw, res, notes


def _explain_km(n: int, e: float) -> tuple[str, list[str], float, int, list[str]]:
    N, E = _fmt(n), _fmt(e)
    chi2, pq = 3.841, 0.25
    num = chi2 * n * pq
    den = e * e * (n - 1) + chi2 * pq
    raw = float(_km_raw(np.asarray([float(n)]), chi2, 0.5, e)[0])
    res = int(_round_half_up(np.asarray([raw]))[0])
    rumus = "S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))"
    sub = [
        f"= {_fmt(chi2)} × {N} × 0,5 × 0,5 / ({E}² × {_fmt(n - 1)} + {_fmt(chi2)} × 0,5 × 0,5)",
        f"= {_fmt(num)} / {_fmt(den, '#,##0.000000')} = {_fmt2(raw)} → dibulatkan ke terdekat = {_fmt(res)}",
    ]
    return rumus, sub, raw, res, []


def _explain_slovin(n: int, e: float) -> tuple[str, list[str], float, int, list[str]]:
    N, E = _fmt(n), _fmt(e)
    den = 1.0 + n * e * e
    raw = float(_slovin_raw(np.asarray([float(n)]), e)[0])
    res = int(_round_up(np.asarray([raw]))[0])
    rumus = "n = N / (1 + N·e²)"
    sub = [
        f"= {N} / (1 + {N} × {E}²)",
        f"= {N} / {_fmt(den)} = {_fmt2(raw)} → dibulatkan ke atas = {_fmt(res)}",
    ]
    return rumus, sub, raw, res, []


def _explain_cochran(n: int, e: float) -> tuple[str, list[str], float, int, list[str]]:
    N, E = _fmt(n), _fmt(e)
    z = 1.96
    n0 = _cochran_n0(z, 0.5, e)
    den = 1.0 + (n0 - 1.0) / n
    raw = float(_cochran_raw(np.asarray([float(n)]), z, 0.5, e)[0])
    res = int(_round_up(np.asarray([raw]))[0])
    rumus = "n₀ = z²·p(1−p) / e²;  n = n₀ / (1 + (n₀ − 1)/N)"
    sub = [
        f"n₀ = {_fmt(z)}² × 0,5 × 0,5 / {E}² = {_fmt(n0)}",
        f"n = {_fmt(n0)} / (1 + ({_fmt(n0)} − 1) / {N})",
        f"  = {_fmt(n0)} / {_fmt(den)} = {_fmt2(raw)} → dibulatkan ke atas = {_fmt(res)}",
    ]
    return rumus, sub, raw, res, []


def _explain_table(n: int, e: float) -> tuple[str, list[str], float, int, list[str]]:
    """The published table's row for ``n`` (``between="next"``); ``e`` is always 0.05 here."""
    N = _fmt(n)
    notes: list[str] = []
    populations, samples = _table()
    res = int(_table_lookup(np.asarray([float(n)]), "next")[0])
    rumus = "S = nilai tabel Krejcie & Morgan untuk N (bila N di antara dua baris: baris berikutnya ke atas)"
    first, last = int(populations[0]), int(populations[-1])
    if n < first:
        sub = [f"N = {N} di bawah baris pertama tabel ({_fmt(first)}) → sensus: S = N = {_fmt(res)}"]
        return rumus, sub, float(n), res, notes
    if n > last:
        sub = [f"N = {N} di atas baris terakhir tabel ({_fmt(last)}) → S = {_fmt(int(samples[-1]))}"]
        return rumus, sub, float(samples[-1]), res, notes
    i = int(np.searchsorted(populations, n, side="left"))
    row_n, row_s = int(populations[i]), int(samples[i])
    if row_n == n:
        return rumus, [f"N = {N} ada di tabel → S = {_fmt(row_s)}"], float(row_s), res, notes
    below = int(populations[i - 1])
    sub = [
        f"N = {N} di antara baris {_fmt(below)} dan {_fmt(row_n)} "
        f"→ baris berikutnya N = {_fmt(row_n)}: S = {_fmt(row_s)}"
    ]
    if res < row_s:
        notes.append(f"Nilai tabel {_fmt(row_s)} melebihi populasi; dibatasi jumlah populasi ({N})")
    return rumus, sub, float(row_s), res, notes


def explain_dict(population: Any, rule: str = "ntt-2024", *, e: float = 0.05, floor: int | None = None) -> dict[str, Any]:
    """Structured explanation of :func:`minimum_respondents` for one population.

    Parameters
    ----------
    population : int
        Population size N (whole number ≥ 1); a single value, not a Series.
    rule : str, default "ntt-2024"
        One of :data:`RULES`.
    e : float, default 0.05
        Margin of error (d for Krejcie–Morgan), strictly between 0 and 1.
    floor : int, optional
        Minimum number of respondents regardless of the formula.

    Returns
    -------
    dict
        ``metode`` (str, method name), ``rumus`` (str, the formula),
        ``substitusi`` (str, one or more lines with this population's numbers
        substituted, each starting with ``=`` or a symbol), ``hasil_mentah``
        (float, unrounded formula value; the table value for the table rule),
        ``hasil`` (int, the final minimum, equal to :func:`minimum_respondents`)
        and ``catatan`` (list of str: the rule applied, the floor, the
        population cap). Numbers use the Indonesian format (decimal comma).

    Raises
    ------
    InputError
        Invalid population (or a Series), ``e`` or ``floor``, or unknown rule.

    Examples
    --------
    >>> d = explain_dict(48, "slovin")
    >>> d["hasil"], round(d["hasil_mentah"], 2)
    (43, 42.86)
    >>> d["substitusi"].splitlines()[-1]
    '= 48 / 1,12 = 42,86 → dibulatkan ke atas = 43'
    """
    rule, e, floor = _check_rule_args(rule, e, floor)
    if _is_series(population):
        raise InputError(
            "Penjelasan hanya dapat dibuat untuk satu nilai populasi, bukan sebuah Series; "
            "panggil untuk tiap satker"
        )
    values = _coerce(population, "population")
    n = int(values.array[0])
    method = str(_methods(values.array, rule)[0])
    metode, rumus, sub, raw, res, notes = _explain_parts(n, method, e)
    final = int(_final(values.array, np.asarray([float(res)]), floor)[0])
    catatan = _rule_notes(n, rule, method) + notes + _floor_notes(n, res, floor)
    return {
        "metode": metode,
        "rumus": rumus,
        "substitusi": "\n".join(sub),
        "hasil_mentah": float(raw),
        "hasil": final,
        "catatan": catatan,
    }


def explain(population: Any, rule: str = "ntt-2024", *, e: float = 0.05, floor: int | None = None) -> str:
    """Explain, in Bahasa Indonesia, how the minimum number of respondents was found.

    The text names the method, gives the formula, substitutes this
    population's numbers, shows the rounding and the result, and notes the
    rule choice, the floor and the population cap when they apply.

    Parameters
    ----------
    population : int
        Population size N (whole number ≥ 1); a single value, not a Series.
    rule : str, default "ntt-2024"
        One of :data:`RULES`.
    e : float, default 0.05
        Margin of error (d for Krejcie–Morgan), strictly between 0 and 1.
    floor : int, optional
        Minimum number of respondents regardless of the formula.

    Returns
    -------
    str
        Multi-line text; see :func:`explain_dict` for the structured variant.

    Raises
    ------
    InputError
        Invalid population (or a Series), ``e`` or ``floor``, or unknown rule.

    Examples
    --------
    >>> print(explain(48, "krejcie-morgan"))
    Metode: Krejcie & Morgan (1970)
    S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))
      = 3,841 × 48 × 0,5 × 0,5 / (0,05² × 47 + 3,841 × 0,5 × 0,5)
      = 46,092 / 1,077750 = 42,77 → dibulatkan ke terdekat = 43
    Jumlah responden minimum: 43
    """
    d = explain_dict(population, rule, e=e, floor=floor)
    lines = [f"Metode: {d['metode']}", d["rumus"]]
    lines += [f"  {line}" for line in d["substitusi"].splitlines()]
    lines += [f"Catatan: {note}" for note in d["catatan"]]
    lines.append(f"Jumlah responden minimum: {d['hasil']}")
    return "\n".join(lines)


def _rule_notes(n: int, rule: str, method: str) -> list[str]:
    """Which formula the ``ntt-2024`` rule chose for ``n``."""
    if rule != "ntt-2024":
        return []
    if method == "slovin":
        return [f"Aturan ntt-2024: populasi {_fmt(n)} < {NTT_2024_SLOVIN_BELOW} → rumus Slovin"]
    return [f"Aturan ntt-2024: populasi {_fmt(n)} ≥ {NTT_2024_SLOVIN_BELOW} → rumus Krejcie & Morgan"]


def _floor_notes(n: int, res: int, floor: int | None) -> list[str]:
    """How the floor changed the formula's result ``res``, if it did."""
    if floor is None or res >= floor:
        return []
    if floor <= n:
        return [f"Dinaikkan ke batas minimum {_fmt(floor)} responden (hasil rumus {_fmt(res)})"]
    return [f"Batas minimum {_fmt(floor)} responden melebihi populasi; dibatasi jumlah populasi ({_fmt(n)})"]
