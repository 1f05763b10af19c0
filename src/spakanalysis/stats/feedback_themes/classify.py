"""Classification of one comment and of a Series of comments."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from .codebook import KindCues, Theme, ThemeCodebook, _default_codebook
from .text import (
    _BREAK,
    _CORRUPTION_WINDOW,
    _CUE_WINDOW,
    _FREE_NEGATORS,
    _cue_forms,
    _negator_before,
    _pattern_spans,
    _phrase_spans,
    _select,
    _tokens,
    word_forms,
)

# ---------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------



@lru_cache(maxsize=64)
def _theme_index(themes: tuple[Theme, ...]) -> tuple[tuple, tuple, tuple]:
    """All keywords of the themes in one tuple, their theme index, and (pattern, theme index)."""
    phrases, owners, patterns = [], [], []
    for t_index, theme in enumerate(themes):
        phrases += theme.keywords
        owners += [t_index] * len(theme.keywords)
        patterns += [(p, t_index) for p in theme.patterns]
    return tuple(phrases), tuple(owners), tuple(patterns)



def _theme_spans(tokens: list[str], themes: tuple[Theme, ...]) -> list[tuple[int, int, int]]:
    phrases, owners, patterns = _theme_index(themes)
    spans = [(s, e, owners[p]) for s, e, p in _phrase_spans(tokens, phrases, word_forms)]
    return spans + _pattern_spans(tokens, patterns)



@dataclass(frozen=True)
class Classification:
    """Result for one comment.

    ``themes``: theme codes in codebook order; ``kind``: ``"pujian"``, ``"keluhan"``,
    ``"usulan"`` or ``None``; ``corruption``: an undenied mention of pungli, imbalan, suap, calo
    or kecurangan; ``has_content``: ``False`` for empty or content-free comments ("-", "nihil").
    """

    themes: tuple[str, ...]
    kind: str | None
    corruption: bool
    has_content: bool = True


_EMPTY = Classification((), None, False, False)


def _match_themes(tokens: list[str], book: ThemeCodebook):
    """Chosen theme spans (specific themes, else fallback themes)."""
    specific = tuple(t for t in book.themes if not t.fallback)
    fallback = tuple(t for t in book.themes if t.fallback)

    def priority(themes):
        return lambda s: (not themes[s[2]].corruption, -(s[1] - s[0]))

    chosen = _select(_theme_spans(tokens, specific), priority(specific))
    if chosen:
        return specific, chosen
    return fallback, _select(_theme_spans(tokens, fallback), priority(fallback))


def _corruption(tokens: list[str], themes, spans, negators) -> tuple[list[bool], set[int]]:
    """Per corruption span: denied or not; and the words these spans and their negators use."""
    denied, used = [], set()
    for start, end, t_index in spans:
        if not themes[t_index].corruption:
            continue
        neg = _negator_before(tokens, start, negators, _CORRUPTION_WINDOW)
        denied.append(neg is not None)
        used |= set(range(start, end)) | ({neg} if neg is not None else set())
    return denied, used


def _cue_spans(tokens: list[str], cues: KindCues, used: set[int]) -> list[tuple[int, int, str]]:
    groups = (("netral", cues.neutral), ("keluhan", cues.complaint), ("pujian", cues.praise),
              ("usulan", cues.request))
    spans = []
    for name, phrases in groups:
        spans += [(s, e, name) for s, e, _ in _phrase_spans(tokens, phrases, _cue_forms)
                  if not used.intersection(range(s, e))]
    chosen = _select([(s, e, i) for i, (s, e, _) in enumerate(spans)], lambda s: -(s[1] - s[0]))
    return sorted((spans[i][0], spans[i][1], spans[i][2]) for _, _, i in chosen)


def _kind(tokens: list[str], cues: KindCues, denied: list[bool], used: set[int]) -> str | None:
    """Kind from cues, negation and corruption spans (precedence in the module docstring)."""
    score = {"pujian": sum(denied), "keluhan": len(denied) - sum(denied), "usulan": 0}
    used = set(used)
    first_request = math.inf
    for start, end, name in _cue_spans(tokens, cues, used):
        used |= set(range(start, end))
        if name == "netral":
            continue
        neg = _negator_before(tokens, start, cues.negators, _CUE_WINDOW)
        if neg is not None:
            used.add(neg)
        if name == "usulan":
            if neg is None:
                score["usulan"] += 1
                first_request = min(first_request, start)
        elif neg is None:
            score[name] += 1
        else:
            score["keluhan" if name == "pujian" else "pujian"] += 1
    for i, word in enumerate(tokens[:-1]):
        if word in _FREE_NEGATORS and i not in used and tokens[i + 1] != _BREAK and i < first_request:
            score["keluhan"] += 1
    for name in ("keluhan", "usulan", "pujian"):
        if score[name]:
            return name
    return None


def _classify_normalised(normalised: str, book: ThemeCodebook) -> Classification:
    tokens = normalised.split()
    words = " ".join(t for t in tokens if t != _BREAK)
    if not words or words in book.cues.no_content:
        return _EMPTY
    themes, spans = _match_themes(tokens, book)
    denied, used = _corruption(tokens, themes, spans, book.cues.corruption_negators)
    found = {themes[t].code for _, _, t in spans}
    return Classification(
        themes=tuple(code for code in book.codes if code in found),
        kind=_kind(tokens, book.cues, denied, used),
        corruption=not all(denied),
    )


def normalise(text: str, codebook: ThemeCodebook | None = None) -> str:
    """The normalised form of a comment that classification works on.

    Examples
    --------
    >>> normalise("Antriannya lamaaa bgt, gak ada kursi!")
    'antreannya lama banget | tidak ada kursi'
    >>> normalise("Petugas nya judes2, tp cepat")
    'petugasnya judes | tapi cepat'
    """
    book = codebook or _default_codebook()
    return " ".join(_tokens(text, book.spelling, book.replacements))



def classify(text: Any, codebook: ThemeCodebook | None = None) -> Classification:
    """Themes, kind and corruption flag of one comment.

    Parameters
    ----------
    text
        The comment (masked). ``None``, NaN and blank text give an empty result.
    codebook
        Default: the package codebook.

    Examples
    --------
    >>> classify("Antrian lama bgt, mohon tambah loket")
    Classification(themes=('antrean', 'waktu_layanan', 'jumlah_petugas'), kind='keluhan', corruption=False, has_content=True)
    >>> c = classify("Pelayanan baik. Tidak ada pungli.")
    >>> c.themes, c.kind, c.corruption
    (('pungli',), 'pujian', False)
    >>> c = classify("Masih ada oknum yg minta uang rokok")
    >>> c.themes, c.kind, c.corruption
    (('pungli',), 'keluhan', True)
    >>> classify("-").has_content
    False
    """
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return _EMPTY
    book = codebook or _default_codebook()
    return _classify_normalised(" ".join(_tokens(str(text), book.spelling, book.replacements)), book)


def classify_series(texts: pd.Series, codebook: ThemeCodebook | None = None) -> pd.DataFrame:
    """Classify a Series of comments; each distinct normalised text is classified once.

    Returns a frame with the Series' index and columns ``tema`` (tuple of codes), ``jenis``
    (kind or ``None``), ``korupsi`` (bool) and ``berisi`` (has content, bool).

    Examples
    --------
    >>> out = classify_series(pd.Series(["Toilet kotor", "toilet KOTOR!!", None]))
    >>> out["tema"].tolist(), out["jenis"].tolist(), out["berisi"].tolist()
    ([('kebersihan',), ('kebersihan',), ()], ['keluhan', 'keluhan', None], [True, True, False])
    """
    book = codebook or _default_codebook()
    raw = texts.astype(object).where(texts.notna(), None)
    distinct_raw = pd.unique(raw.to_numpy(dtype=object))
    to_norm = {r: (None if r is None else " ".join(_tokens(str(r), book.spelling, book.replacements)))
               for r in distinct_raw}
    results = {n: (_EMPTY if n is None else _classify_normalised(n, book)) for n in set(to_norm.values())}
    per_row = [results[to_norm[r]] for r in raw.to_numpy(dtype=object)]
    return pd.DataFrame(
        {
            "tema": pd.Series([c.themes for c in per_row], index=texts.index, dtype=object),
            "jenis": pd.Series([c.kind for c in per_row], index=texts.index, dtype=object),
            "korupsi": pd.Series([c.corruption for c in per_row], index=texts.index, dtype=bool),
            "berisi": pd.Series([c.has_content for c in per_row], index=texts.index, dtype=bool),
        },
        index=texts.index,
    )


