"""Normalisation of comment text, Indonesian word forms and keyword matching."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import lru_cache

MASK = "[data pribadi disamarkan]"


_BREAK = "|"
_CLAUSE_WORDS = frozenset(["tapi", "namun", "tetapi", "padahal", "cuma", "sedangkan"])
_FREE_NEGATORS = frozenset(["tidak", "belum"])
_CUE_WINDOW = 3
_CORRUPTION_WINDOW = 4
_PARTICLES = ("nya", "lah", "kah", "pun", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_PREFIXES = ("di", "ke", "ter", "ber", "be", "per", "pe", "me", "ng", "nge")
# Nasal prefixes: (prefix, letter restored before a vowel-initial rest).
_NASALS = (("meng", "k"), ("meny", "s"), ("mem", "p"), ("men", "t"),
           ("peng", "k"), ("peny", "s"), ("pem", "p"), ("pen", "t"))
_MIN_STEM = 3



# ---------------------------------------------------------------------------------------------
# Normalisation and word forms
# ---------------------------------------------------------------------------------------------

_INWORD_PUNCT = re.compile(r"(?<=\w)[.\-/'’_](?=\w)")
_CLAUSE_PUNCT = re.compile(r"[.,!?;:()\[\]\n\r]+")
_OTHER = re.compile(r"[^a-z0-9| ]+")
_REDUP = re.compile(r"\b([a-z]{2,})2([a-z]*)\b")
_ELONGATED = re.compile(r"([a-z])\1{2,}")


def _tokens(text: str, spelling: Mapping[str, str], replacements: Mapping[str, str]) -> list[str]:
    text = unicodedata.normalize("NFKC", str(text)).lower().replace(MASK, " ")
    text = _INWORD_PUNCT.sub(" ", text)
    text = _CLAUSE_PUNCT.sub(f" {_BREAK} ", text)
    text = _OTHER.sub(" ", text)
    text = _ELONGATED.sub(r"\1", _REDUP.sub(r"\1\2", text))
    out: list[str] = []
    for raw in text.split():
        for word in spelling.get(raw, raw).split():
            for old, new in replacements.items():
                word = word.replace(old, new)
            if word == "nya" and out and out[-1] != _BREAK:
                out[-1] += "nya"
                continue
            if word in _CLAUSE_WORDS or word == _BREAK:
                if out and out[-1] != _BREAK:
                    out.append(_BREAK)
                if word == _BREAK:
                    continue
            out.append(word)
    while out and out[-1] == _BREAK:
        out.pop()
    return out


def _strip_prefixes(word: str, depth: int) -> set[str]:
    found: set[str] = set()
    if depth == 0:
        return found
    for prefix, restored in _NASALS:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= _MIN_STEM - 1:
            stems = {rest} | ({restored + rest} if rest[0] in "aeiou" else set())
            for stem in stems:
                if len(stem) >= _MIN_STEM:
                    found |= {stem} | _strip_prefixes(stem, depth - 1)
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= _MIN_STEM:
            found |= {rest} | _strip_prefixes(rest, depth - 1)
    return found


@lru_cache(maxsize=65536)
def word_forms(word: str) -> frozenset[str]:
    """The word and its forms without Indonesian affixes (up to two prefixes).

    Examples
    --------
    >>> sorted(w for w in word_forms("mengantre") if w.startswith("antre"))
    ['antre']
    >>> {"tunggu", "ramah", "periksa", "tawar"} <= (
    ...     word_forms("menunggu") | word_forms("keramahan") | word_forms("pemeriksaan")
    ...     | word_forms("menawarkan"))
    True
    """
    forms = {word}
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= _MIN_STEM:
            forms.add(word[: -len(particle)])
    for form in list(forms):
        for suffix in _SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_STEM:
                forms.add(form[: -len(suffix)])
    for form in list(forms):
        forms |= _strip_prefixes(form, 2)
    return frozenset(forms)


@lru_cache(maxsize=65536)
def _cue_forms(word: str) -> frozenset[str]:
    forms = {word}
    for particle in _PARTICLES[:4]:
        if word.endswith(particle) and len(word) - len(particle) >= _MIN_STEM:
            forms.add(word[: -len(particle)])
    return frozenset(forms)


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------


def _word_matches(spec: str, token: str, forms_of) -> bool:
    """``word`` (affix-tolerant via ``forms_of``), ``=word`` (as written) or ``word*`` (prefix)."""
    if token == _BREAK:
        return False
    if spec.startswith("="):
        return spec[1:] in _cue_forms(token)
    if spec.endswith("*"):
        return any(f.startswith(spec[:-1]) for f in forms_of(token))
    return spec in forms_of(token)


@lru_cache(maxsize=1024)
def _first_word_index(phrases: tuple[tuple[str, ...], ...]) -> tuple[dict, dict, tuple]:
    """Phrases by their first word: plain words, ``=exact`` words, and ``prefix*`` words."""
    plain: dict[str, list[int]] = {}
    exact: dict[str, list[int]] = {}
    prefixed = []
    for p_index, phrase in enumerate(phrases):
        first = phrase[0]
        if first.startswith("="):
            exact.setdefault(first[1:], []).append(p_index)
        elif first.endswith("*"):
            prefixed.append((first[:-1], p_index))
        else:
            plain.setdefault(first, []).append(p_index)
    return plain, exact, tuple(prefixed)


def _phrase_spans(tokens: list[str], phrases: tuple[tuple[str, ...], ...], forms_of) -> list[tuple[int, int, int]]:
    """(start, end, phrase index) of every phrase occurrence in the tokens."""
    plain, exact, prefixed = _first_word_index(phrases)
    spans = []
    for start, token in enumerate(tokens):
        if token == _BREAK:
            continue
        forms = forms_of(token)
        found = {i for f in forms for i in plain.get(f, ())}
        found.update(i for f in _cue_forms(token) for i in exact.get(f, ()))
        found.update(i for pre, i in prefixed if any(f.startswith(pre) for f in forms))
        for p_index in sorted(found):
            phrase = phrases[p_index]
            end = start + len(phrase)
            if end <= len(tokens) and all(
                _word_matches(w, tokens[start + k], forms_of) for k, w in enumerate(phrase[1:], 1)
            ):
                spans.append((start, end, p_index))
    return spans


def _pattern_spans(tokens: list[str], patterns: Iterable[tuple[re.Pattern[str], int]]) -> list[tuple[int, int, int]]:
    """(first token, end token, owner) of every pattern match in the tokens joined by spaces."""
    text = " ".join(tokens)
    starts, offset = [], 0
    for token in tokens:
        starts.append(offset)
        offset += len(token) + 1
    spans = []
    for pattern, owner in patterns:
        for m in pattern.finditer(text):
            first = bisect_right(starts, m.start()) - 1
            last = bisect_right(starts, max(m.end() - 1, m.start())) - 1
            spans.append((max(first, 0), last + 1, owner))
    return spans


def _select(spans: list[tuple[int, int, int]], priority) -> list[tuple[int, int, int]]:
    """Greedy non-overlapping choice; equal-priority spans may share words."""
    owner: dict[int, tuple] = {}
    chosen = []
    for span in sorted(set(spans), key=lambda s: (priority(s), s)):
        start, end, _ = span
        key = priority(span)
        if all(owner.get(k, key) == key for k in range(start, end)):
            chosen.append(span)
            for k in range(start, end):
                owner[k] = key
    return chosen


def _negator_before(tokens: list[str], start: int, negators: frozenset[str], window: int) -> int | None:
    """Index of the nearest negator up to ``window`` words before ``start`` in the same clause."""
    for k in range(start - 1, max(start - window, 0) - 1, -1):
        if tokens[k] == _BREAK:
            return None
        if tokens[k] in negators:
            return k
    return None


