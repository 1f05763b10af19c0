"""Propose a column mapping for a survey-application export: each header → a standard name or codebook item.

Matching, per header, in order of confidence: the standard name itself (``waktu_isi``, 100%);
the same text ignoring case, spaces and punctuation, against the standard names, their usual
export titles (``Waktu Pengisian``) and the codebook's items (code, ``unsur``, question, and
``"SPKP - question"``; 95%); then fuzzy similarity with those texts (:mod:`difflib`), kept when at
least :data:`MIN_SCORE`. A header that begins with an instrument's name (``SPAK - ...``) is
only compared with that instrument's items. Each standard name goes to one header, the best;
the others are listed as unplaced with the reason. Personal columns (name, phone, ...) are
mapped to their personal standard name (``no_hp`` ...), which the loader drops unread.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spakanalysis.data import schemas as sc

__all__ = ["MIN_SCORE", "STANDARD_TITLES", "ColumnMatch", "MappingProposal", "propose_mapping"]

#: the lowest fuzzy similarity (0-1) kept as a proposal
MIN_SCORE = 0.7
#: usual export titles of the standard response columns
STANDARD_TITLES: Mapping[str, tuple[str, ...]] = {
    "id_respons": ("ID Respons", "ID", "Nomor Respons", "ID Kiriman", "Kode Respons"),
    "waktu_isi": ("Waktu Pengisian", "Waktu Isi", "Tanggal Pengisian", "Timestamp", "Tanggal"),
    "kode_satker": ("Kode Satker", "Kode Unit", "Satker"),
    "jenis_layanan": ("Jenis Layanan", "Layanan"),
    "jenis_responden": ("Jenis Responden", "Responden"),
    "jenis_kelamin": ("Jenis Kelamin",),
    "kelompok_usia": ("Usia", "Kelompok Usia", "Umur"),
    "pendidikan": ("Pendidikan", "Pendidikan Terakhir"),
    "pekerjaan": ("Pekerjaan",),
    "saran": ("Saran dan Masukan", "Saran", "Masukan", "Kritik dan Saran"),
}


@dataclass(frozen=True)
class ColumnMatch:
    """One header of the export and what it was matched to (``kolom_baku`` None: not placed)."""

    kolom_sumber: str
    kolom_baku: str | None
    keyakinan: float  # 0-1
    cara: str  # "persis", "sama", "mirip", "pribadi", "tidak cocok", "kalah"
    keterangan: str = ""


@dataclass
class MappingProposal:
    """The proposal for one export."""

    columns: list[ColumnMatch] = field(default_factory=list)
    unclaimed: list[str] = field(default_factory=list)  # required standard names and items no header took

    @property
    def placed(self) -> list[ColumnMatch]:
        """Every header with a standard name (personal columns too: the mapping names them, the loader drops them)."""
        return [c for c in self.columns if c.kolom_baku is not None]

    @property
    def unplaced(self) -> list[ColumnMatch]:
        return [c for c in self.columns if c.kolom_baku is None and c.cara != "pribadi"]


def _norm(text: object) -> str:
    """Case, accents of spacing and punctuation removed: ``"SPKP – Prosedur  pelayanan!"`` → ``"spkp prosedur pelayanan"``."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).casefold()).split())


def _targets(codebook: Sequence[Mapping[str, str]]) -> dict[str, tuple[str | None, list[str]]]:
    """Standard name → (its instrument or None, the texts that name it)."""
    out: dict[str, tuple[str | None, list[str]]] = {
        name: (None, [name, *STANDARD_TITLES.get(name, ())]) for name in sc.RESPONSE_COLUMNS
    }
    for row in codebook:
        code, instrument = row["kode_butir"], row["instrumen"]
        texts = [code, row.get("unsur", ""), row.get("pertanyaan", "")]
        texts += [f"{instrument} - {row.get('pertanyaan', '')}", f"{instrument} - {row.get('unsur', '')}"]
        out[code] = (instrument, [t for t in texts if t.strip()])
    return out


def _prefix(header: str, instruments: Iterable[str]) -> str | None:
    words = _norm(header).split()
    return next((i for i in instruments if words and words[0] == i.casefold()), None)


def _score(header: str, instrument: str | None, texts: list[str], prefix: str | None) -> tuple[float, str]:
    if prefix is not None and instrument != prefix:
        return 0.0, "tidak cocok"
    if header.strip() in texts[:1]:
        return 1.0, "persis"
    key = _norm(header)
    if any(key == _norm(t) for t in texts):
        return 0.95, "sama"
    body = _norm(re.sub(rf"^\s*{re.escape(prefix)}\W*", "", header, flags=re.I)) if prefix else key
    best = max(_similarity(body, _norm(t)) for t in texts)
    return round(best * 0.9, 3), "mirip"


def _similarity(a: str, b: str) -> float:
    """difflib's ratio of the texts, or of their sorted words (reordered words), whichever is higher."""
    plain = difflib.SequenceMatcher(None, a, b).ratio()
    words = difflib.SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split()))).ratio()
    return max(plain, words)


#: words that tell which personal column a header is (the loader drops these columns unread)
_PERSONAL_WORDS = (("hp", "no_hp"), ("telp", "no_hp"), ("tlp", "no_hp"), ("telepon", "no_hp"), ("wa", "no_hp"),
                   ("whatsapp", "no_hp"), ("email", "email"), ("surel", "email"), ("mail", "email"), ("nik", "nik"),
                   ("ktp", "nik"), ("alamat", "alamat"))


def _personal_name(header: str) -> str:
    key = sc.header_key(header)
    if key in sc.PERSONAL_COLUMNS:
        return key
    words = set(key.split("_"))
    return next((name for word, name in _PERSONAL_WORDS if word in words), "nama")


def _candidates(headers: Sequence[str], targets, instruments) -> list[tuple[float, int, str, str]]:
    found = []
    for pos, header in enumerate(headers):
        prefix = _prefix(header, instruments)
        for name, (instrument, texts) in targets.items():
            score, how = _score(header, instrument, texts, prefix)
            if score >= MIN_SCORE or how != "mirip" and score > 0:
                found.append((score, pos, name, how))
    return sorted(found, key=lambda c: (-c[0], c[1], c[2]))


def propose_mapping(headers: Sequence[str], codebook: Sequence[Mapping[str, str]]) -> MappingProposal:
    """Propose a standard name for each header of an export.

    Parameters
    ----------
    headers : sequence of str
        The export's headers, in order.
    codebook : sequence of mapping
        Rows of ``instrumen.csv`` (``instrumen``, ``kode_butir``, ``unsur``, ``pertanyaan``).

    Returns
    -------
    MappingProposal

    Examples
    --------
    >>> cb = [{"instrumen": "SPAK", "kode_butir": "spak_pungli", "unsur": "Pungutan Liar",
    ...        "pertanyaan": "Tidak ada pungutan liar dalam pelayanan"}]
    >>> p = propose_mapping(["Waktu Pengisian", "SPAK - Tidak ada pungli dalam pelayanan", "No. HP"], cb)
    >>> [(c.kolom_baku, c.cara) for c in p.columns]
    [('waktu_isi', 'sama'), ('spak_pungli', 'mirip'), ('no_hp', 'pribadi')]
    """
    targets = _targets(codebook)
    instruments = sorted({r["instrumen"] for r in codebook})
    personal = {pos for pos, h in enumerate(headers) if sc.is_personal_column(h)[0]}
    chosen: dict[int, tuple[str, float, str]] = {}
    taken: dict[str, int] = {}
    losers: dict[int, str] = {}
    for score, pos, name, how in _candidates(headers, targets, instruments):
        if pos in personal or pos in chosen:
            continue
        if name in taken:
            losers.setdefault(pos, f'paling mirip {name}, tetapi {name} sudah dipakai kolom "{headers[taken[name]]}"')
            continue
        chosen[pos], taken[name] = (name, score, how), pos
    columns = []
    for pos, header in enumerate(headers):
        if pos in personal:
            columns.append(ColumnMatch(header, _personal_name(header), 1.0, "pribadi",
                                       "data pribadi: dibuang tanpa dibaca"))
        elif pos in chosen:
            name, score, how = chosen[pos]
            columns.append(ColumnMatch(header, name, score, how))
        else:
            columns.append(ColumnMatch(header, None, 0.0, "kalah" if pos in losers else "tidak cocok",
                                       losers.get(pos, "tidak ada nama baku atau butir yang cukup mirip")))
    needed = [*sc.REQUIRED_RESPONSE_COLUMNS, *(r["kode_butir"] for r in codebook if r["instrumen"] in
                                                 sc.REQUIRED_INSTRUMENTS)]
    return MappingProposal(columns, [n for n in needed if n not in taken])
