"""Feedback themes: classify free-text comments (``saran``) by theme and kind.

A theme codebook (``config/tema_saran.toml``, overridable by ``tema_saran.toml`` in the data
folder) links each theme to Indonesian keywords and patterns and to the SPKP/SPAK/SKM unsur it
concerns. Each comment gets zero or more themes, a kind (``"pujian"``, ``"keluhan"``,
``"usulan"`` or ``None``) and a corruption flag.

Normalisation
    Lower case; the masking placeholder ``[data pribadi disamarkan]`` is removed; punctuation
    inside a word (``m-paspor``, ``sms/wa``, ``lapor.go.id``) becomes a space, sentence
    punctuation a clause break; ``2`` reduplication (``anak2``) and letters repeated three or more
    times (``lamaaa``) are collapsed; informal spellings are replaced word by word
    (``[normalisasi.ejaan]``: gak/nggak/tdk -> tidak, yg -> yang, bgt -> banget, ...) and parts of
    words (``[normalisasi.ganti]``: antri -> antre). A separated ``nya`` is joined to the word
    before it; a clause break is put before tapi/namun/tetapi/padahal/cuma.

Themes
    A keyword word matches a comment word equal to it or to the word without affixes (see
    :func:`word_forms`). Spans of themes with ``korupsi = true`` are taken first, then longer spans
    before shorter ones: a span overlapping one taken earlier (from another theme, or longer) is
    dropped. Fallback themes (``cadangan = true``) are given only when no other theme matched.

Corruption
    A comment is flagged when a corruption-theme span is *not* denied: no word of
    ``penyangkal_korupsi`` (tidak, tanpa, bebas, anti, jangan, menolak, ...) among the four
    words before it in the same clause. "Tidak ada pungli", "bebas pungli", "tanpa calo" keep the
    theme but are no complaint.

Kind, with this precedence
    1. ``keluhan`` if anything negative is found: an undenied corruption span; a complaint cue
       (lama, kotor, kasar, ...) not negated; a praise cue negated ("tidak ramah", "kurang
       bersih"); or a free ``tidak``/``belum`` followed by a word ("tidak bisa dipakai", "tidak
       ada kursi") outside a request;
    2. else ``usulan`` if a request cue is found (mohon, sebaiknya, tolong, harap, perlu,
       semoga, agar, ...) and not negated ("tidak perlu" is no request);
    3. else ``pujian`` if a praise cue, a negated complaint cue ("tidak lama") or a denied
       corruption span is found;
    4. else ``None``.

    A cue is negated by a word of ``penyangkal`` among the three words before it in the same
    clause. Cues match a word as written or without a particle (-nya, -lah, -kah, -pun); phrases
    in ``netral`` ("kurang dari", "tidak ada saran", "tidak perlu") are removed first. A comment
    equal to a ``tanpa_isi`` phrase ("tidak ada", "nihil", "-") has no content: no theme, no kind.

Only the standard library, numpy and pandas are used. Texts are data, never markup: nothing here
escapes or formats them; quotes are returned as given (mask personal data before calling).
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Classification",
    "Theme",
    "ThemeCodebook",
    "ThemeCodebookError",
    "DEFAULT_UNSUR",
    "KINDS",
    "N_QUOTES",
    "SUMMARY_COLUMNS",
    "classify",
    "classify_series",
    "codebook_for_data_folder",
    "load_codebook",
    "normalise",
    "summarise_themes",
    "word_forms",
]

KINDS = ("pujian", "keluhan", "usulan")
CODEBOOK_FILE = "tema_saran.toml"
MASK = "[data pribadi disamarkan]"

#: Item codes (kode_butir) of the SPKP, SPAK and SKM instruments in ``instrumen.csv``.
DEFAULT_UNSUR = frozenset(
    [
        "spkp_prosedur", "spkp_persyaratan", "spkp_biaya", "spkp_waktu", "spkp_respon",
        "spkp_performa", "spkp_sarana", "spkp_pengaduan",
        "spak_diskriminasi", "spak_kecurangan", "spak_imbalan", "spak_pungli", "spak_percaloan",
        *(f"skm_u{i}" for i in range(1, 10)),
    ]
)

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
# Codebook
# ---------------------------------------------------------------------------------------------


class ThemeCodebookError(ValueError):
    """An invalid theme codebook file, with an Indonesian message.

    Attributes ``berkas`` (file name), ``tema`` (theme code or ``None``), ``kunci`` (key or
    ``None``) and ``pesan`` (what is wrong) name the place of the error.

    Examples
    --------
    >>> str(ThemeCodebookError("tema_saran.toml", "antrean", "kata_kunci", "daftar kosong"))
    "tema_saran.toml: tema 'antrean', kunci 'kata_kunci': daftar kosong"
    """

    def __init__(self, berkas: str, tema: str | None, kunci: str | None, pesan: str):
        self.berkas, self.tema, self.kunci, self.pesan = berkas, tema, kunci, pesan
        where = []
        if tema is not None:
            where.append(f"tema '{tema}'")
        if kunci is not None:
            where.append(f"kunci '{kunci}'")
        super().__init__(": ".join([berkas, *([", ".join(where)] if where else []), pesan]))


@dataclass(frozen=True)
class Theme:
    """One theme of the codebook (see ``config/tema_saran.toml`` for the keys)."""

    code: str
    label: str
    unsur: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]
    patterns: tuple[re.Pattern[str], ...] = ()
    description: str = ""
    corruption: bool = False
    fallback: bool = False


@dataclass(frozen=True)
class KindCues:
    """Cue phrases (tuples of words) for the kind of a comment, and negators."""

    praise: tuple[tuple[str, ...], ...]
    complaint: tuple[tuple[str, ...], ...]
    request: tuple[tuple[str, ...], ...]
    neutral: tuple[tuple[str, ...], ...]
    no_content: frozenset[str]
    negators: frozenset[str]
    corruption_negators: frozenset[str]


@dataclass(frozen=True)
class ThemeCodebook:
    """A validated codebook: themes, kind cues and spelling normalisation."""

    themes: tuple[Theme, ...]
    cues: KindCues
    spelling: Mapping[str, str]
    replacements: Mapping[str, str]
    source: str = field(default="tema_saran.toml (bawaan paket)")

    def theme(self, code: str) -> Theme:
        """The theme with this code (``KeyError`` if none)."""
        for theme in self.themes:
            if theme.code == code:
                return theme
        raise KeyError(code)

    @property
    def codes(self) -> tuple[str, ...]:
        """Theme codes in codebook order."""
        return tuple(t.code for t in self.themes)


_THEME_KEYS = {"kode", "label", "keterangan", "unsur", "korupsi", "cadangan", "kata_kunci", "pola"}
_THEME_REQUIRED = ("kode", "label", "unsur", "kata_kunci")
_KIND_KEYS = ("pujian", "keluhan", "usulan", "netral", "tanpa_isi", "penyangkal", "penyangkal_korupsi")
_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _default_text() -> str:
    return resources.files("spakanalysis.config").joinpath(CODEBOOK_FILE).read_text(encoding="utf-8")


def _parse_toml(text: str, berkas: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeCodebookError(berkas, None, None, f"bukan TOML yang sah ({exc})") from None


def _str_list(value: Any, berkas: str, tema: str | None, kunci: str, *, empty_ok: bool) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ThemeCodebookError(berkas, tema, kunci, "harus berupa daftar teks, mis. [\"a\", \"b\"]")
    items = [v.strip() for v in value]
    if any(not v for v in items):
        raise ThemeCodebookError(berkas, tema, kunci, "daftar memuat teks kosong")
    if not items and not empty_ok:
        raise ThemeCodebookError(berkas, tema, kunci, "daftar kosong: isi sedikitnya satu kata kunci")
    return items


def _phrase(text: str, spelling: Mapping[str, str], replacements: Mapping[str, str]) -> tuple[str, ...]:
    """A keyword or cue normalised like comment text (``*`` kept as a prefix marker)."""
    words = []
    for raw in text.split():
        exact, star = raw.startswith("="), raw.endswith("*")
        for i, w in enumerate(t for t in _tokens(raw.strip("=*"), spelling, replacements) if t != _BREAK):
            words.append(("=" if exact and i == 0 else "") + w)
        if star and words:
            words[-1] += "*"
    return tuple(words)


def _check_bool(raw: Mapping[str, Any], key: str, berkas: str, code: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise ThemeCodebookError(berkas, code, key, "harus true atau false")
    return value


def _parse_theme(raw: Any, index: int, ctx: dict[str, Any]) -> Theme:
    berkas = ctx["berkas"]
    if not isinstance(raw, dict):
        raise ThemeCodebookError(berkas, f"#{index + 1}", None, "setiap [[tema]] harus berupa tabel")
    code = raw.get("kode")
    name = code if isinstance(code, str) and code else f"#{index + 1}"
    for key in _THEME_REQUIRED:
        if key not in raw:
            raise ThemeCodebookError(berkas, name, key, "kunci wajib tidak ada")
    unknown = sorted(set(raw) - _THEME_KEYS)
    if unknown:
        raise ThemeCodebookError(berkas, name, unknown[0], "kunci tidak dikenal (salah ketik?)")
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise ThemeCodebookError(berkas, name, "kode", "harus huruf kecil, angka atau _, diawali huruf")
    if code in ctx["seen"]:
        raise ThemeCodebookError(berkas, code, "kode", "kode tema dipakai lebih dari sekali")
    ctx["seen"].add(code)
    label = raw["label"]
    if not isinstance(label, str) or not label.strip():
        raise ThemeCodebookError(berkas, code, "label", "label harus teks yang tidak kosong")
    unsur = _str_list(raw["unsur"], berkas, code, "unsur", empty_ok=True)
    unknown_unsur = [u for u in unsur if u not in ctx["known"]]
    if unknown_unsur:
        raise ThemeCodebookError(
            berkas, code, "unsur", f"kode unsur tidak dikenal: {unknown_unsur[0]!r} (lihat kode_butir di instrumen.csv)"
        )
    words = _str_list(raw["kata_kunci"], berkas, code, "kata_kunci", empty_ok=False)
    keywords = tuple(p for p in (_phrase(w, ctx["spelling"], ctx["replacements"]) for w in words) if p)
    if not keywords:
        raise ThemeCodebookError(berkas, code, "kata_kunci", "tidak ada kata kunci yang berisi huruf atau angka")
    return Theme(
        code=code, label=label.strip(), unsur=tuple(unsur), keywords=keywords,
        patterns=_compile_patterns(raw.get("pola", []), berkas, code),
        description=str(raw.get("keterangan", "")).strip(),
        corruption=_check_bool(raw, "korupsi", berkas, code),
        fallback=_check_bool(raw, "cadangan", berkas, code),
    )


def _compile_patterns(value: Any, berkas: str, code: str) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for text in _str_list(value, berkas, code, "pola", empty_ok=True):
        try:
            patterns.append(re.compile(text))
        except re.error as exc:
            raise ThemeCodebookError(berkas, code, "pola", f"pola {text!r} tidak sah ({exc})") from None
    return tuple(patterns)


def _parse_spelling(data: Mapping[str, Any], default: Mapping[str, Any], berkas: str) -> tuple[dict, dict]:
    section = data.get("normalisasi", default.get("normalisasi", {}))
    if not isinstance(section, dict):
        raise ThemeCodebookError(berkas, None, "normalisasi", "harus berupa tabel")
    maps = []
    for key in ("ejaan", "ganti"):
        table = section.get(key, {})
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k.strip() for k, v in table.items()
        ):
            raise ThemeCodebookError(berkas, None, f"normalisasi.{key}", "harus berupa tabel teks = teks")
        maps.append({k.strip().lower(): v.strip().lower() for k, v in table.items()})
    return maps[0], maps[1]


def _parse_cues(data: Mapping[str, Any], default: Mapping[str, Any], ctx: dict[str, Any]) -> KindCues:
    berkas = ctx["berkas"]
    section = data.get("jenis", default.get("jenis"))
    if not isinstance(section, dict):
        raise ThemeCodebookError(berkas, None, "jenis", "harus berupa tabel")
    lists = {}
    for key in _KIND_KEYS:
        if key not in section:
            raise ThemeCodebookError(berkas, None, f"jenis.{key}", "kunci wajib tidak ada")
        lists[key] = _str_list(section[key], berkas, None, f"jenis.{key}", empty_ok=True)

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(p for p in (_phrase(w, ctx["spelling"], ctx["replacements"]) for w in lists[key]) if p)

    return KindCues(
        praise=phrases("pujian"), complaint=phrases("keluhan"), request=phrases("usulan"),
        neutral=phrases("netral"), no_content=frozenset(" ".join(p) for p in phrases("tanpa_isi")),
        negators=frozenset(w for p in phrases("penyangkal") for w in p),
        corruption_negators=frozenset(w for p in phrases("penyangkal_korupsi") for w in p),
    )


def load_codebook(path: str | Path | None = None, *, known_unsur: Iterable[str] | None = None) -> ThemeCodebook:
    """Load and validate a theme codebook.

    Parameters
    ----------
    path
        A ``tema_saran.toml`` file of the same shape as the package default; ``None`` loads the
        package default (``spakanalysis/config/tema_saran.toml``). Its ``[normalisasi]`` and
        ``[jenis]`` sections are optional: when absent, the package default's are used.
    known_unsur
        Item codes an ``unsur`` entry may name (e.g. ``kode_butir`` of the data folder's
        ``instrumen.csv``); default :data:`DEFAULT_UNSUR`.

    Raises
    ------
    ThemeCodebookError
        With an Indonesian message naming the file, the theme and the key.

    Examples
    --------
    >>> book = load_codebook()
    >>> book.theme("antrean").unsur
    ('spkp_waktu', 'skm_u3')
    >>> [t.code for t in book.themes if t.corruption]
    ['pungli', 'calo', 'kecurangan']
    """
    default = _parse_toml(_default_text(), "tema_saran.toml (bawaan paket)")
    if path is None:
        data, berkas = default, "tema_saran.toml (bawaan paket)"
    else:
        path = Path(path)
        berkas = str(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ThemeCodebookError(berkas, None, None, f"berkas tidak dapat dibaca ({exc})") from None
        data = _parse_toml(text, berkas)
    spelling, replacements = _parse_spelling(data, default, berkas)
    ctx = {"berkas": berkas, "seen": set(), "spelling": spelling, "replacements": replacements,
           "known": frozenset(DEFAULT_UNSUR if known_unsur is None else known_unsur)}
    raw_themes = data.get("tema")
    if not isinstance(raw_themes, list) or not raw_themes:
        raise ThemeCodebookError(berkas, None, "tema", "tidak ada [[tema]]: isi sedikitnya satu tema")
    themes = tuple(_parse_theme(raw, i, ctx) for i, raw in enumerate(raw_themes))
    cues = _parse_cues(data, default, ctx)
    return ThemeCodebook(themes, cues, spelling, replacements, berkas)


def codebook_for_data_folder(folder: str | Path, *, known_unsur: Iterable[str] | None = None) -> ThemeCodebook:
    """The data folder's ``tema_saran.toml`` if it exists, else the package default.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     codebook_for_data_folder(d).source
    'tema_saran.toml (bawaan paket)'
    """
    candidate = Path(folder) / CODEBOOK_FILE
    return load_codebook(candidate if candidate.is_file() else None, known_unsur=known_unsur)


@lru_cache(maxsize=1)
def _default_codebook() -> ThemeCodebook:
    return load_codebook()


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


# ---------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Per-satker summary
# ---------------------------------------------------------------------------------------------

N_QUOTES = 2
SUMMARY_COLUMNS = [
    "kode_satker", "tema", "label", "unsur", "jumlah", "jumlah_komentar", "pangsa",
    "pangsa_sebelumnya", "perubahan", "jumlah_keluhan", "jumlah_usulan", "jumlah_pujian",
    "jumlah_korupsi", "korupsi", "menyentuh_unsur_terlemah",
    *(f"kutipan_{i + 1}" for i in range(N_QUOTES)),
]


def _labelled(comments: pd.DataFrame, book: ThemeCodebook, what: str) -> pd.DataFrame:
    """One row per (comment with content, theme), with kind, corruption flag and text."""
    missing = [c for c in ("kode_satker", "saran") if c not in comments.columns]
    if missing:
        raise ValueError(f"Tabel {what} tidak memiliki kolom {', '.join(missing)}.")
    frame = pd.DataFrame({"kode_satker": comments["kode_satker"].astype(str).to_numpy(),
                          "saran": comments["saran"].to_numpy(dtype=object)})
    frame = frame.join(classify_series(frame["saran"], book))
    frame = frame[frame["berisi"]]
    totals = frame.groupby("kode_satker").size().rename("jumlah_komentar")
    rows = frame.explode("tema").dropna(subset=["tema"])
    return rows.reset_index(drop=True), totals


def _quotes(rows: pd.DataFrame) -> pd.DataFrame:
    """Per (satker, theme) up to N_QUOTES distinct texts: corruption complaints first, then
    the longest, ties A-Z (so the choice does not depend on row order)."""
    texts = rows.assign(teks=rows["saran"].astype(str).str.strip())
    texts = texts.assign(panjang=-texts["teks"].str.len(), bukan_korupsi=~texts["korupsi"])
    texts = texts.sort_values(["kode_satker", "tema", "bukan_korupsi", "panjang", "teks"])
    texts = texts.drop_duplicates(["kode_satker", "tema", "teks"])
    texts = texts.groupby(["kode_satker", "tema"], sort=False).head(N_QUOTES)
    texts = texts.assign(nomor=texts.groupby(["kode_satker", "tema"], sort=False).cumcount() + 1)
    wide = texts.pivot(index=["kode_satker", "tema"], columns="nomor", values="teks")
    wide = wide.reindex(columns=range(1, N_QUOTES + 1))
    wide.columns = [f"kutipan_{i}" for i in wide.columns]
    return wide.astype(object).where(wide.notna(), None)


def _weak_set(weakest_unsur: Mapping[str, Any] | None, satker: str) -> frozenset[str]:
    value = (weakest_unsur or {}).get(satker)
    if value is None:
        return frozenset()
    return frozenset([value]) if isinstance(value, str) else frozenset(value)


def _theme_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per (satker, theme): jumlah, kinds and corruption complaints."""
    keys = ["kode_satker", "tema"]
    counts = rows.groupby(keys).size().rename("jumlah").to_frame()
    kinds = pd.crosstab([rows["kode_satker"], rows["tema"]], rows["jenis"])
    for kind in ("keluhan", "usulan", "pujian"):
        counts[f"jumlah_{kind}"] = kinds[kind] if kind in kinds.columns else 0
    counts["jumlah_korupsi"] = rows.groupby(keys)["korupsi"].sum()
    return counts.fillna(0).astype(int)


def _combine(current, previous, book: ThemeCodebook, weakest_unsur) -> pd.DataFrame:
    """Join this period's and the previous period's counts into summary rows."""
    (rows, totals), prev = current, previous
    counts = _theme_counts(rows)
    index = counts.index
    if prev is not None:
        prev_counts = _theme_counts(prev[0])["jumlah"]
        extra = prev_counts.index[prev_counts.index.get_level_values(0).isin(totals.index)]
        index = index.union(extra)
        counts = counts.reindex(index, fill_value=0)
    frame = counts.join(_quotes(rows)).reset_index()
    quote_columns = [f"kutipan_{i + 1}" for i in range(N_QUOTES)]
    frame[quote_columns] = frame[quote_columns].astype(object).where(frame[quote_columns].notna(), None)
    frame["jumlah_komentar"] = frame["kode_satker"].map(totals).astype(int)
    frame["pangsa"] = frame["jumlah"] / frame["jumlah_komentar"]
    if prev is None:
        frame["pangsa_sebelumnya"] = np.nan
    else:
        prev_n = prev_counts.reindex(pd.MultiIndex.from_frame(frame[["kode_satker", "tema"]]), fill_value=0)
        prev_total = frame["kode_satker"].map(prev[1]).astype(float)
        frame["pangsa_sebelumnya"] = prev_n.to_numpy() / prev_total.where(prev_total > 0)
    frame["perubahan"] = frame["pangsa"] - frame["pangsa_sebelumnya"]
    themes = {t.code: t for t in book.themes}
    frame["label"] = frame["tema"].map(lambda c: themes[c].label)
    frame["unsur"] = frame["tema"].map(lambda c: "; ".join(themes[c].unsur))
    frame["korupsi"] = frame["jumlah_korupsi"] > 0
    frame["menyentuh_unsur_terlemah"] = [
        bool(_weak_set(weakest_unsur, s).intersection(themes[c].unsur))
        for s, c in zip(frame["kode_satker"], frame["tema"])
    ]
    return frame


def summarise_themes(
    comments: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    weakest_unsur: Mapping[str, str | Iterable[str]] | None = None,
    codebook: ThemeCodebook | None = None,
) -> pd.DataFrame:
    """Themes per satker for one period, compared with the previous period.

    Parameters
    ----------
    comments
        This period's comments: columns ``kode_satker`` and ``saran`` (already masked); other
        columns (``periode``, ``waktu_isi``, ...) are ignored. Select one period before calling.
    previous
        The previous comparable period's comments, same columns, or ``None``.
    weakest_unsur
        Per ``kode_satker``, the weakest unsur code(s) (``kode_butir``, e.g. ``"spkp_sarana"``)
        of that satker; a theme concerning one of them is flagged ``menyentuh_unsur_terlemah``.
    codebook
        Default: the package codebook.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`, one row per satker and theme found this period or the
        previous one (``jumlah`` 0 for a theme that disappeared). ``jumlah_komentar`` counts the
        satker's comments with content ("-", "nihil" and blanks excluded) and is the denominator
        of ``pangsa``; a comment may have several themes, so shares add up to more than 1.
        ``pangsa_sebelumnya`` is NaN without a previous frame or when the satker had no comment
        with content then; ``perubahan`` = ``pangsa - pangsa_sebelumnya``. ``kutipan_1`` and
        ``kutipan_2``: distinct texts, corruption complaints first, then the longest (ties A-Z),
        so the choice does not depend on row order. Rows per satker (satkers in code order):
        themes with a corruption complaint first (more such complaints first), then by
        ``jumlah`` descending, then codebook order. Satkers without a comment with content in
        ``comments`` have no rows.

    Examples
    --------
    >>> now = pd.DataFrame({"kode_satker": ["A", "A", "A", "A"],
    ...     "saran": ["Antrean lama", "Toilet kotor", "Ada calo di depan", "-"]})
    >>> before = pd.DataFrame({"kode_satker": ["A", "A"], "saran": ["Antrean panjang", "Mantap"]})
    >>> out = summarise_themes(now, before, {"A": "spkp_sarana"})
    >>> out[["tema", "jumlah", "pangsa", "perubahan"]].round(3)
                 tema  jumlah  pangsa  perubahan
    0            calo       1   0.333      0.333
    1         antrean       1   0.333     -0.167
    2   waktu_layanan       1   0.333      0.333
    3      kebersihan       1   0.333      0.333
    4  pelayanan_umum       0   0.000     -0.500
    >>> out.loc[out["korupsi"], "kutipan_1"].tolist(), out.loc[out["menyentuh_unsur_terlemah"], "tema"].tolist()
    (['Ada calo di depan'], ['kebersihan'])
    """
    book = codebook or _default_codebook()
    current = _labelled(comments, book, "saran periode ini")
    prev = None if previous is None else _labelled(previous, book, "saran periode sebelumnya")
    frame = _combine(current, prev, book, weakest_unsur)
    order = {code: i for i, code in enumerate(book.codes)}
    frame = frame.assign(_urut=frame["tema"].map(order), _korupsi=-frame["jumlah_korupsi"], _n=-frame["jumlah"])
    frame = frame.sort_values(["kode_satker", "_korupsi", "_n", "_urut"], kind="stable")
    return frame[SUMMARY_COLUMNS].reset_index(drop=True)
