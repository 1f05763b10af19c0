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

from .classify import Classification, classify, classify_series, normalise
from .codebook import (
    DEFAULT_UNSUR,
    KINDS,
    Theme,
    ThemeCodebook,
    ThemeCodebookError,
    codebook_for_data_folder,
    load_codebook,
)
from .summary import N_QUOTES, SUMMARY_COLUMNS, summarise_themes
from .text import word_forms

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
