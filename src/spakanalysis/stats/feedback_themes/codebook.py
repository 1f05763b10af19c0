"""The theme codebook: its data classes, the package default and validated overrides."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spakanalysis.core.config import standard_items

from .text import _BREAK, _tokens

KINDS = ("pujian", "keluhan", "usulan")
CODEBOOK_FILE = "tema_saran.toml"

#: Item codes (kode_butir) of the standard SPKP, SPAK and SKM codebook (core/config/instrumen_standar.csv).
DEFAULT_UNSUR = frozenset(code for items in standard_items().values() for code in items)


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
    return resources.files("spakanalysis.core.config").joinpath(CODEBOOK_FILE).read_text(encoding="utf-8")


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


