"""Privacy helpers: personal columns and personal data typed into free text.

Personal columns are dropped when the data is loaded (see
:mod:`spakanalysis.data.dataset`). Respondents sometimes type personal data into
the feedback box itself; :func:`mask_personal_text` masks it once, when the
data is loaded, so no report, cache or notebook ever holds it.

What is masked (each span is replaced by :data:`SAMARAN`):

* phone numbers in every Indonesian format (``+62 (813) 5566-7788``,
  ``0380-82345``, ``(0380) 821234``, ``62812...``, ``hp081299990000``),
  recognised by the ``phonenumbers`` library (region ID);
* e-mail addresses (also ``budi [at] contoh [dot] id``);
* NIK (16 digits, also glued to a word or grouped with spaces/dots) and any
  other run of 10 or more digits (account, KK, BPJS numbers);
* street addresses (``Jl.``/``Jln.``/``Jalan``/``Gg.``/``Gang`` up to the
  house number, ``RT 02/RW 03``);
* person names after an honorific (``Pak``, ``Bu``, ``Sdr.`` ...) or an
  introduction (``nama saya``, ``atas nama``): the honorific stays. Lowercase
  names too: up to three words after an introduction, one after ``pak``/``bu``
  and the like (``pak budi``), never after ``mas``/``kak``/``om`` (``mas kawin``).

What is evidence and kept exactly as written: amounts (``Rp 50.000``,
``50 ribu``), times (``09.00–11.00``, ``jam 8.30``), dates, years, counter,
room and queue numbers (``loket 2``), durations (``2 jam``) and percentages.
"""

from __future__ import annotations

import re

import pandas as pd
import phonenumbers

__all__ = ["SAMARAN", "mask_personal_text"]

SAMARAN = "[data pribadi disamarkan]"

# ----------------------------------------------------------------------------- evidence that stays
_GUARD_START = r"(?<![\d.,:])(?<!\d[ .\-/])"  # not the tail of a longer (separated) number
_GUARD_END = r"(?!\d)(?![ .,\-/:]\d)"  # not the head of one
_TIME = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
_EVIDENCE = re.compile(
    "|".join(
        [
            r"\bRp\.?\s*\d[\d.,]*(?:,-|\.-)?",  # Rp 50.000 / Rp50.000,- / Rp 1.500.000
            r"(?<![\w.,])\d[\d.,]*\s*(?:ribu|rb|juta|jt|rupiah)\b",  # 50 ribu
            rf"(?:\b(?:jam|pukul|pkl\.?)\s*)?{_GUARD_START}{_TIME}"
            rf"(?:\s*(?:[-–—]|s/d|sd|sampai|hingga)\s*{_TIME})?{_GUARD_END}",  # 09.00–11.00, jam 8.30
            r"\b(?:jam|pukul|pkl\.?)\s*\d{1,2}(?![.:])(?![ .,\-/:]?\d)",  # jam 8
            rf"{_GUARD_START}(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}){_GUARD_END}",
            r"\b(?:loket|ruang(?:an)?|meja|kamar|pintu|lantai|lt\.|gedung|pos|gerbang|jalur|kursi|blok|sel|tiket"
            r"|karcis|(?:no\.?\s*|nomor\s+)?(?:antre?an|antrian|urut))\s*(?:no\.?|nomor|nmr\.?|ke-?)?\s*"
            rf"[A-Z]?-?\d{{1,4}}[A-Z]?{_GUARD_END}",  # loket 2, ruang 3, antrean ke-45, nomor antrian A-023
            rf"{_GUARD_START}\d+(?:[.,]\d+)?\s*(?:%|persen\b|jam\b|menit\b|mnt\b|detik\b|hari\b|minggu\b|bulan\b"
            rf"|bln\b|tahun\b|thn\b|orang\b|org\b|kali\b|x\b|lembar\b|berkas\b)",  # 2 jam, 30 menit, 85%
            rf"{_GUARD_START}\b(?:19|20)\d{{2}}{_GUARD_END}",  # years
        ]
    ),
    re.IGNORECASE,
)

# ----------------------------------------------------------------------------- personal data
_EMAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w.+-]+\s*(?:\(at\)|\[at\]|\sat\s)\s*[\w-]+(?:(?:\s*(?:\(dot\)|\[dot\])\s*|\s+dot\s+)[\w-]+)+",
    re.IGNORECASE,
)
_NIK = re.compile(r"(?<!\d)(?<!\d[ .-])\d(?:[ .-]?\d){15}(?!\d)(?![ .-]\d)")
_LONG_NUMBER = re.compile(r"(?<!\d)\d{10,}(?!\d)")
_PHONE_CANDIDATE = re.compile(r"(?<!\d)\+?\(?\+?\d(?:[ .\-()]{0,3}\d){6,15}")
_MOBILE = re.compile(r"(?:62|0)8\d{7,11}")
_RT_RW = re.compile(r"(?<!\w)RT\.?\s*:?\s*\d{1,3}\s*/?\s*RW\.?\s*:?\s*\d{1,3}(?!\d)", re.IGNORECASE)

_STREET_KEY = re.compile(r"(?<!\w)(?:(?i:jln?|gg)\.|(?:Jln?|JLN?|Jalan|JALAN|Gang|GANG)\b)")
_WORD = r"[^\W_][\w'’-]*\.?"
_CAP_WORD = r"(?:[A-Z0-9][\w'’-]*\.?)"
_HOUSE_NUMBER = r",?[ ]*(?i:no|nomor|nmr)\.?[ ]*:?[ ]*\d+[A-Za-z]?(?:/\d+)?"
_STREET_WITH_NUMBER = re.compile(rf"[ ]*{_WORD}(?:[ ]+{_WORD}){{0,4}}?{_HOUSE_NUMBER}")
_STREET_WITH_NUMBER_CAP = re.compile(rf"[ ]*{_CAP_WORD}(?:[ ]+{_WORD}){{0,4}}?{_HOUSE_NUMBER}")
_STREET_NAME_ONLY = re.compile(rf"[ ]*{_CAP_WORD}(?:[ ]+{_CAP_WORD}){{0,3}}")
_RT_RW_TAIL = re.compile(rf",?[ ]*{_RT_RW.pattern}", re.IGNORECASE)

_NAME_LEAD = re.compile(
    r"(?P<honorific>(?i:(?<![\w-])(?:bapak|bpk\.?|pak|ibu|bu|sdri\.?|sdr\.?|saudara|saudari|mas|mbak|kak|om|tante)"
    r"(?![\w-])))"
    r"|(?P<intro>(?i:\b(?:nama\s+saya(?:\s+adalah)?|saya\s+bernama|atas\s+nama(?:\s+saya)?|a\.\s?n\.|nama(?:\s+lengkap)?\s*:)))"
)
#: one word of a name: an initial (``Y.``) or a word of letters, apostrophes and hyphens
_NAME_WORD = re.compile(r"[ ]+([^\W\d_]\.(?![^\W\d_])|[^\W\d_][\w'’-]*)")
#: honorifics after which a lowercase word is taken for a name (``pak budi``); ``mas``, ``om`` and
#: ``kak`` are common words too (``mas kawin``), so only a capitalised word follows them as a name
_LOWERCASE_HONORIFICS = frozenset("bapak bpk pak ibu bu sdr sdri saudara saudari mbak tante".split())
#: words after an honorific or an introduction that are roles or common words, not names
_NOT_NAMES = frozenset(
    """
    bapak bpk pak ibu bu sdr sdri saudara saudari mas mbak kak om tante
    petugas petugasnya pegawai staf staff sipir penjaga satpam security sekuriti polisi dokter perawat bidan
    kepala kalapas karutan kakanim kakanwil kasi kasubsi kabid kasubag direktur ketua camat lurah guru
    lapas rutan lpka bapas rupbasan imigrasi kanwil kantor loket bagian layanan pelayanan
    hamil menyusui lansia disabilitas tua muda ramah baik sopan galak judes cepat lambat sangat kurang
    yang dan di ke dari untuk dengan tidak sudah belum mohon tolong terima kasih semua kami saya kalian
    semoga selamat salam pagi siang sore malam swastiastu sehat
    nik kk no nomor hp wa telp ktp
    """.split()
)
#: common words that are not a lowercase name (``pak tolong``, ``nama saya mau ganti``)
_COMMON_WORDS = _NOT_NAMES | frozenset(
    """
    ini itu nya pun juga lagi saja aja sih dong deh kok ya yg tdk gak nggak enggak blm sdh udah jg
    sekali banget amat paling lebih agak cukup selalu sering jarang pernah masih sedang akan mau ingin
    bisa dapat harus perlu boleh tak bukan ada adalah atau tapi tetapi namun karena krn kalau jika bila
    agar supaya sehingga maka lalu kemudian setelah sebelum saat waktu ketika sampai hingga oleh pada
    dalam luar atas bawah depan belakang samping sini situ sana tadi nanti besok kemarin sekarang
    datang pulang pergi masuk keluar tiba duduk berdiri tunggu menunggu antre antri antrean antrian
    melayani dilayani membantu dibantu bantu minta meminta bilang kata tanya bertanya jawab menjawab
    marah senyum tersenyum tegas jutek cuek lama lamban terlambat telat tepat lancar mudah sulit susah
    jelas bingung puas kecewa senang suka bagus buruk jelek mantap hebat luar biasa pintar sabar
    informasi info berkas surat paspor kunjungan besuk titipan barang makanan uang biaya bayar gratis
    pungli calo suap imbalan tip parkir kamar mandi wc toilet ruang tunggu kursi air minum
    """.split()
)


def _evidence_blanked(text: str) -> str:
    """The text with every evidence span replaced by NUL characters (same length, so spans stay aligned)."""
    return _EVIDENCE.sub(lambda m: "\0" * (m.end() - m.start()), text)


def _phone_spans(work: str) -> list[tuple[int, int]]:
    """Indonesian phone numbers: digit-bearing candidates, validated by ``phonenumbers`` (region ID)."""
    spans = []
    for cand in _PHONE_CANDIDATE.finditer(work):
        digits = re.sub(r"\D", "", cand.group())
        if len(digits) < 8 or not digits.startswith(("0", "62")):
            continue  # personal numbers are written from 0 or 62; 1500-numbers, amounts and counts are not
        found = [(cand.start() + m.start, cand.start() + m.end) for m in
                 phonenumbers.PhoneNumberMatcher(cand.group(), "ID", leniency=phonenumbers.Leniency.VALID)]
        if not found and _MOBILE.fullmatch(digits):
            found = [cand.span()]  # a well-formed mobile number phonenumbers cannot place (62812...)
        spans.extend(found)
    return spans


def _address_spans(text: str) -> list[tuple[int, int]]:
    """Street addresses from the street keyword up to the house number (or the end of the street name)."""
    spans = [m.span() for m in _RT_RW.finditer(text)]
    for key in _STREET_KEY.finditer(text):
        abbreviated = key.group().endswith(".")
        candidates = (_STREET_WITH_NUMBER if abbreviated else _STREET_WITH_NUMBER_CAP, _STREET_NAME_ONLY)
        street = next((m for m in (p.match(text, key.end()) for p in candidates) if m), None)
        if street is None:
            continue
        end = street.end()
        tail = _RT_RW_TAIL.match(text, end)
        spans.append((key.start(), tail.end() if tail else end))
    return spans


def _name_words(text: str, at: int, *, lowercase: int) -> list[re.Match[str]]:
    """The name words from ``at``: capitalised ones (up to 3), or up to ``lowercase`` lowercase ones.

    A name ends at a role or common word, at punctuation, or where capitalised words turn lowercase.
    """
    words: list[re.Match[str]] = []
    while len(words) < 3 and (word := _NAME_WORD.match(text, at)):
        token = word.group(1)
        if token.rstrip(".").lower() in (_COMMON_WORDS if not token[0].isupper() else _NOT_NAMES):
            break
        lower = not token[0].isupper()
        if lower and (len(words) >= lowercase or (words and words[0].group(1)[0].isupper())):
            break
        words.append(word)
        at = word.end()
    return words


def _name_spans(text: str) -> list[tuple[int, int]]:
    """Name words (1-3) after an honorific or an introduction, up to the first role or common word.

    Capitalised words are names after any honorific. Lowercase ones are names after an introduction
    (``nama saya budi santoso``: up to 3) or after one of :data:`_LOWERCASE_HONORIFICS` (``pak budi``:
    one word, so ``pak budi cekatan`` keeps ``cekatan``).
    """
    spans = []
    for lead in _NAME_LEAD.finditer(text):
        honorific = lead.group("honorific")
        if honorific is None:
            lowercase = 3
        else:
            lowercase = 1 if honorific.rstrip(".").lower() in _LOWERCASE_HONORIFICS else 0
        words = _name_words(text, lead.end(), lowercase=lowercase)
        if words:
            spans.append((words[0].start(1), words[-1].end()))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one span each, in order."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


#: cheap hints of what a comment may hold (d: digits, e: e-mail, n: name, a: address); no hint, no work
_HINTS = re.compile(
    r"(?P<d>\d)|(?P<e>@|\bat\b|\[at\]|\(at\))"
    r"|(?P<n>\b(?:pak|bu|bapak|bpk|ibu|sdri?|saudara|saudari|mas|mbak|kak|om|tante|nama|bernama|a\.\s?n)\b)"
    r"|(?P<a>\b(?:jln?|jalan|gg|gang)\b)",
    re.IGNORECASE,
)


def _mask_one(text: str) -> str:
    """Mask one comment (see the module docstring for what is masked and what is kept)."""
    hints = {m.lastgroup for m in _HINTS.finditer(text)}
    if not hints:
        return text
    spans = [m.span() for m in _EMAIL.finditer(text)] if "e" in hints else []
    spans += _name_spans(text) if "n" in hints else []
    spans += _address_spans(text) if hints & {"a", "d"} else []  # RT 02/RW 03 needs no street keyword
    if "d" in hints and _PHONE_CANDIDATE.search(text):  # 7+ digits close together: phone, NIK or long number
        work = _evidence_blanked(text)
        spans += [m.span() for m in _NIK.finditer(work)] + [m.span() for m in _LONG_NUMBER.finditer(work)]
        spans += _phone_spans(work)
    if not spans:
        return text
    parts, last = [], 0
    for start, end in _merged(spans):
        parts += [text[last:start], SAMARAN]
        last = end
    return "".join([*parts, text[last:]])


def mask_personal_text(text):
    """Replace phone numbers, e-mail addresses, ID numbers, street addresses and names in free text.

    Accepts a string or a pandas Series of strings (missing values stay missing;
    each distinct value is masked once).

    Examples
    --------
    >>> mask_personal_text("Hubungi Pak Yohanes di 0812-3456-7890, antre 2 jam di loket 3")
    'Hubungi Pak [data pribadi disamarkan] di [data pribadi disamarkan], antre 2 jam di loket 3'
    """
    if isinstance(text, pd.Series):
        values = text.astype("string")
        codes, uniques = pd.factorize(values)
        masked = pd.array([_mask_one(v) for v in uniques], dtype="string")
        out = pd.Series(masked.take(codes, allow_fill=True), index=text.index, dtype="string", name=text.name)
        return out
    if text is None:
        return text
    return _mask_one(str(text))
