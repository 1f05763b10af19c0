"""Read one raw table (CSV or XLSX) into a frame of strings.

The readers never modify the file and never guess: a file that is not UTF-8,
has no data, is cut off or uses an unsupported delimiter raises
:class:`~spakanalysis.core.errors.DataError` whose :class:`~spakanalysis.core.errors.Masalah`
explains the problem in Bahasa Indonesia. Cell values are returned exactly as
strings (no number or date parsing, no NA guessing); conversion is done later.

Every returned frame carries two bookkeeping columns:

``_baris``
    the row number a spreadsheet shows for that row (header = row 1 for a CSV;
    for an XLSX the real sheet row, so title rows above the header count);
``_berkas``
    the file name.

Source headers are kept as written (outer whitespace removed), possibly
duplicated; they come first, in file order, before the two bookkeeping columns.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from spakanalysis.core.errors import DataError, Masalah

__all__ = [
    "read_table",
    "read_header",
    "normalize_header",
    "strip_control_characters",
    "Selector",
    "ROW_COLUMN",
    "FILE_COLUMN",
    "SUPPORTED_SUFFIXES",
    "CONTROL_ATTR",
]

ROW_COLUMN = "_baris"
FILE_COLUMN = "_berkas"
SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".xlsm")

#: how many rows of an XLSX sheet are searched for the header row
HEADER_SEARCH_ROWS = 10
#: bytes decoded to sniff the delimiter
_SNIFF_BYTES = 256 * 1024
_SNIFF_ROWS = 50
_BOM = b"\xef\xbb\xbf"
#: C0 controls except tab, line feed and carriage return; DEL; C1 controls; the Unicode bidirectional
#: embedding/override/isolate controls (text that displays in another order than it is stored)
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: ``frame.attrs`` key: source header → row numbers (``_baris``) of the cells that held control characters
CONTROL_ATTR = "karakter_kendali"
_SAVE_AS_UTF8 = 'simpan ulang sebagai "CSV UTF-8" (Excel: Simpan Sebagai → CSV UTF-8)'


def normalize_header(name: object) -> str:
    """Return the matching key of a column header.

    Matching is case-insensitive and ignores whitespace at the edges (and runs
    of inner whitespace), as the data contract specifies for
    ``pemetaan_kolom.csv``.
    """
    if name is None:
        return ""
    return " ".join(str(name).replace("\ufeff", "").split()).casefold()


def _fail(path: Path, kode: str, pesan: str, baris: int | None = None) -> DataError:
    problem = Masalah(berkas=path.name, pesan=pesan, baris=baris, tingkat="galat", kode=kode)
    return DataError([problem], judul=f"Berkas {path.name} tidak dapat dibaca")


def _read_bytes(path: Path, suffix: str) -> bytes:
    """The bytes of a file of a supported format; a clear :class:`DataError` otherwise."""
    if suffix not in SUPPORTED_SUFFIXES:
        raise _fail(
            path,
            "format_tidak_didukung",
            f'format berkas "{suffix or "(tanpa akhiran)"}" tidak didukung; gunakan .csv (UTF-8) atau .xlsx',
        )
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "berkas_tidak_ada", "berkas tidak ditemukan") from None
    except IsADirectoryError:
        raise _fail(path, "berkas_tidak_terbaca", "ini sebuah folder, bukan berkas") from None
    except OSError as exc:
        raise _fail(path, "berkas_tidak_terbaca", f"berkas tidak dapat dibuka ({exc.strerror or exc})") from None


#: chooses, from the source headers, the positions of the columns to keep
Selector = Callable[[Sequence[str]], Sequence[int]]


def read_table(
    path: str | Path,
    *,
    header_hint: Collection[str] = (),
    select: Selector | None = None,
    sheet: str | None = None,
) -> pd.DataFrame:
    """Read a CSV or XLSX table as strings.

    Parameters
    ----------
    path : str or Path
        The file. Opened read-only.
    header_hint : collection of str, optional
        Column names expected in the header (compared with
        :func:`normalize_header`). For XLSX the header is the row among the
        first 10 that contains most of them, so title rows above it are
        skipped. Ignored for CSV, whose header is always the first line.
    select : callable, optional
        Called with the list of source headers; returns the positions of the
        columns to keep (in that order). Other columns are never converted to
        values (used to drop personal columns before they are read). Default:
        keep all.
    sheet : str, optional
        The XLSX sheet to read (default: the first); ignored for CSV.

    Returns
    -------
    pandas.DataFrame
        One column per kept source column (object dtype holding ``str``; an
        empty cell is ``""``), then ``_baris`` (int64) and ``_berkas`` (str).
        Rows empty in every kept column are dropped (their numbers are
        skipped in ``_baris``).
        ``frame.attrs["sha256"]`` holds the hex digest of the file bytes.
        Control characters (NUL and the others in :data:`CONTROL_CHARACTERS`)
        are removed from every kept cell and header;
        ``frame.attrs["karakter_kendali"]`` maps each source header that held
        some to the row numbers of those cells.

    Raises
    ------
    DataError
        The file is missing, unreadable, not UTF-8, empty, has only a header,
        is truncated, has rows with the wrong number of fields, or does not use
        a comma or semicolon delimiter.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    raw = _read_bytes(path, suffix)
    digest = hashlib.sha256(raw).hexdigest()
    if suffix == ".csv":
        frame = _read_csv(path, raw, select)
    else:
        del raw
        frame = _read_xlsx(path, header_hint, select, sheet)
    frame.attrs[CONTROL_ATTR] = strip_control_characters(frame)
    frame.attrs["sha256"] = digest
    return frame


def strip_control_characters(frame: pd.DataFrame) -> dict[str, list[int]]:
    r"""Remove control characters from the text columns of a :func:`read_table` frame, in place.

    Returns, per source header, the row numbers (``_baris``) of the cells that
    held any; headers with none are left out.

    Examples
    --------
    >>> f = pd.DataFrame({"saran": ["ok", "a\x00b"], "_baris": [2, 3], "_berkas": ["r.csv", "r.csv"]})
    >>> strip_control_characters(f), f["saran"].tolist()
    ({'saran': [3]}, ['ok', 'ab'])
    """
    found: dict[str, list[int]] = {}
    names = [str(c) for c in frame.columns]
    frame.columns = [CONTROL_CHARACTERS.sub("", c) for c in names]
    for j, name in enumerate(frame.columns):
        if name in (ROW_COLUMN, FILE_COLUMN):
            continue
        column = frame.iloc[:, j]
        if not CONTROL_CHARACTERS.search("".join(column.to_numpy(dtype=object))):
            continue  # one scan of the joined column: the common case costs almost nothing
        hit = column.str.contains(CONTROL_CHARACTERS, regex=True).to_numpy(dtype=bool, na_value=False)
        if hit.any():
            frame.iloc[:, j] = column.str.replace(CONTROL_CHARACTERS, "", regex=True)
            found.setdefault(name, []).extend(frame[ROW_COLUMN].to_numpy()[hit].tolist())
    return found


# --------------------------------------------------------------------------- CSV


def _record_number(prefix_bytes: bytes) -> int:
    """Spreadsheet row of the record that continues after ``prefix_bytes`` (quoted line breaks count once)."""
    prefix = prefix_bytes.decode("utf-8-sig", errors="replace")
    first = prefix.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    records = 0
    try:
        for _ in csv.reader(io.StringIO(prefix, newline=""), delimiter=sep):
            records += 1
    except csv.Error:
        pass
    if prefix == "" or prefix.endswith(("\n", "\r")) and prefix.count('"') % 2 == 0:
        records += 1  # the offending byte starts a new record
    return max(records, 1)


def _check_utf8(path: Path, raw: bytes) -> str:
    """Decode the first bytes for sniffing after checking the whole file is UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        pos = exc.start
        line = _record_number(raw[:pos])
        byte = raw[pos]
        raise _fail(
            path,
            "bukan_utf8",
            f"berkas harus berenkode UTF-8, tetapi byte 0x{byte:02X} pada baris {line} (posisi byte {pos}) "
            f"bukan UTF-8 (kemungkinan Latin-1/Windows-1252); {_SAVE_AS_UTF8}",
            baris=line,
        ) from None
    head = raw[:_SNIFF_BYTES]
    return head.decode("utf-8-sig", errors="ignore")


def _sniff_delimiter(path: Path, head: str, truncated: bool) -> str:
    """Choose ``,`` or ``;`` from the first records (quote-aware)."""
    best: tuple[tuple[bool, float, int], str] | None = None
    for sep in (",", ";"):
        rows = []
        for row in csv.reader(io.StringIO(head, newline=""), delimiter=sep):
            rows.append(row)
            if len(rows) > _SNIFF_ROWS:
                break
        if truncated and len(rows) > 1:
            rows = rows[:-1]
        widths = [len(r) for r in rows if any(cell.strip() for cell in r)]
        if not widths:
            continue
        width = widths[0]
        consistent = sum(w == width for w in widths) / len(widths)
        score = (width > 1, consistent, width)
        if best is None or score > best[0]:
            best = (score, sep)
    if best is None or best[0][2] <= 1:
        first_line = head.splitlines()[0] if head.splitlines() else ""
        if "\t" in first_line:
            found = "tab"
        elif "|" in first_line:
            found = "garis tegak (|)"
        else:
            found = None
        detail = f"berkas tampaknya memakai pemisah {found}" if found else "hanya terbaca satu kolom"
        raise _fail(
            path,
            "pemisah_salah",
            f"pemisah kolom tidak dikenali: {detail}; pemisah harus koma (,) atau titik koma (;)",
            baris=1,
        )
    return best[1]


def _field_counts(raw: bytes, sep: str, start: int) -> np.ndarray:
    """Number of fields in each record (quote-aware, vectorised).

    Quotes are assumed to enclose whole fields (RFC 4180): delimiters and line
    breaks between an opening and a closing quote do not count. The caller
    checks the record count against the parser's and falls back otherwise.
    """
    b = np.frombuffer(raw, dtype=np.uint8)[start:]
    newline = np.flatnonzero(b == 10)
    if b.size and b[-1] != 10:
        newline = np.append(newline, b.size)
    seps = np.flatnonzero(b == ord(sep))
    quotes = np.flatnonzero(b == 34)
    if quotes.size:
        if quotes.size % 2:
            quotes = np.append(quotes, b.size)
        inside = np.searchsorted(quotes, newline, side="right") % 2 == 1
        newline = newline[~inside]
    total = np.diff(np.searchsorted(seps, newline), prepend=0)
    if quotes.size:
        opens, closes = quotes[0::2], quotes[1::2]
        quoted = np.searchsorted(seps, closes) - np.searchsorted(seps, opens)
        record = np.searchsorted(newline, opens)
        keep = record < newline.size
        total = total - np.bincount(record[keep], weights=quoted[keep], minlength=newline.size).astype(np.int64)
    return total + 1


def _field_counts_slow(raw: bytes, sep: str) -> np.ndarray:
    text = raw.decode("utf-8-sig")
    return np.fromiter((len(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep)), dtype=np.int64)


_EOF_IN_STRING = re.compile(r"EOF inside string starting at row (\d+)")
_EXPECTED_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _positions(select: Selector | None, header: list[str]) -> list[int]:
    if select is None:
        return list(range(len(header)))
    return [int(i) for i in select(list(header))]


def _read_csv(path: Path, raw: bytes, select: Selector | None) -> pd.DataFrame:
    start = len(_BOM) if raw.startswith(_BOM) else 0
    if len(raw) - start < 65536 and not raw[start:].strip():
        raise _fail(path, "berkas_kosong", "berkas kosong (tidak ada header maupun data)")
    head = _check_utf8(path, raw)
    sep = _sniff_delimiter(path, head, truncated=len(raw) > _SNIFF_BYTES)
    header = next(csv.reader(io.StringIO(head, newline=""), delimiter=sep))
    header = [h.replace("\ufeff", "").strip() for h in header]
    width = len(header)
    if not any(header):
        raise _fail(path, "berkas_kosong", "baris pertama (header) kosong; header harus berada di baris 1", baris=1)
    positions = _positions(select, header)
    usecols = positions or [0]
    try:
        frame = pd.read_csv(
            io.BytesIO(raw),
            sep=sep,
            header=0,
            names=list(range(width)),
            usecols=usecols if len(usecols) < width else None,
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            encoding="utf-8-sig",
            quotechar='"',
            index_col=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        raise _parser_error(path, exc) from None
    except (pd.errors.EmptyDataError, ValueError) as exc:
        raise _fail(path, "berkas_tidak_terbaca", f"berkas CSV tidak dapat dibaca ({exc})") from None

    n = len(frame)
    counts = _field_counts(raw, sep, start)
    if counts.size != n + 1:
        counts = _field_counts_slow(raw, sep)
    del raw
    frame = frame[positions] if positions else frame.iloc[:, :0]
    frame.columns = [header[i] for i in positions]
    rows = np.arange(2, n + 2, dtype=np.int64)
    blank = _blank_rows(frame)
    if counts.size == n + 1:
        wrong = (counts[1:] != width) & ~(blank & (counts[1:] == 1))
        if wrong.any():
            raise _wrong_width(path, rows[wrong], counts[1:][wrong], width, last=int(rows[-1]))
    keep = ~blank
    if not keep.any():
        raise _fail(path, "hanya_header", "berkas hanya berisi baris header, tanpa baris data")
    if not keep.all():
        frame = frame.loc[keep].reset_index(drop=True)
        rows = rows[keep]
    frame[ROW_COLUMN] = rows
    frame[FILE_COLUMN] = path.name
    return frame


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every (kept) field is empty: blank lines, lines of delimiters only."""
    if frame.shape[1] == 0:
        return np.zeros(len(frame), dtype=bool)
    blank = np.zeros(len(frame), dtype=bool)
    candidate = np.flatnonzero(frame.iloc[:, 0].to_numpy(dtype=object) == "")
    for j in range(1, frame.shape[1]):
        if candidate.size == 0:
            break
        values = frame.iloc[candidate, j].to_numpy(dtype=object)
        candidate = candidate[values == ""]
    blank[candidate] = True
    return blank


def _wrong_width(path: Path, rows: np.ndarray, counts: np.ndarray, width: int, last: int) -> DataError:
    masalah = []
    for row, count in zip(rows[:50].tolist(), counts[:50].tolist()):
        if row == last and count < width:
            kode = "berkas_terpotong"
            pesan = (
                f"baris terakhir hanya berisi {count} dari {width} kolom; berkas tampaknya terpotong "
                "(ekspor atau salinan tidak selesai) — ekspor ulang berkas"
            )
        else:
            kode = "jumlah_kolom_salah"
            pesan = (
                f"baris ini berisi {count} kolom, padahal header berisi {width} kolom "
                "(periksa pemisah atau tanda kutip di dalam isian)"
            )
        masalah.append(Masalah(berkas=path.name, pesan=pesan, baris=row, tingkat="galat", kode=kode))
    if rows.size > 50:
        masalah.append(
            Masalah(
                berkas=path.name,
                pesan=f"... dan {rows.size - 50} baris lain yang jumlah kolomnya tidak sama dengan header ({width})",
                tingkat="galat",
                kode="jumlah_kolom_salah",
            )
        )
    return DataError(masalah, judul=f"Berkas {path.name} tidak dapat dibaca")


def _parser_error(path: Path, exc: Exception) -> DataError:
    text = str(exc)
    match = _EOF_IN_STRING.search(text)
    if match:
        row = int(match.group(1)) + 1
        return _fail(
            path,
            "berkas_terpotong",
            "tanda kutip (\") dibuka tetapi tidak pernah ditutup sampai akhir berkas; "
            "berkas tampaknya terpotong — ekspor ulang berkas",
            baris=row,
        )
    match = _EXPECTED_FIELDS.search(text)
    if match:
        expected, row, saw = (int(g) for g in match.groups())
        return _fail(
            path,
            "jumlah_kolom_salah",
            f"baris ini berisi {saw} kolom, padahal header berisi {expected} kolom "
            "(periksa pemisah atau tanda kutip di dalam isian)",
            baris=row,
        )
    return _fail(path, "berkas_tidak_terbaca", f"berkas CSV tidak dapat dibaca ({text})")


# -------------------------------------------------------------------------- XLSX


def read_header(path: str | Path, *, header_hint: Collection[str] = (), sheet: str | None = None) -> list[str]:
    """The column headers of a CSV or XLSX table (a file with a header and no rows is fine).

    Raises
    ------
    DataError
        The file cannot be read (see :func:`read_table`).
    """
    captured: list[str] = []

    def select(headers: Sequence[str]) -> list[int]:
        captured[:] = [str(h) for h in headers]
        return []

    try:
        read_table(path, header_hint=header_hint, select=select, sheet=sheet)
    except DataError as err:
        if captured and all(m.kode == "hanya_header" for m in err.masalah):
            return captured
        raise
    return captured


def _cell_text(value: object) -> str:
    """Render one XLSX cell value as the string a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _pick_sheet(path: Path, workbook, sheet: str | None):
    if not workbook.worksheets:
        raise _fail(path, "berkas_kosong", "berkas XLSX tidak berisi lembar kerja")
    if sheet is None:
        return workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        raise _fail(path, "lembar_tidak_ada", f'lembar "{sheet}" (dari [respons] lembar di pengaturan.toml) tidak ada; '
                    "lembar yang ada: " + ", ".join(f'"{n}"' for n in workbook.sheetnames))
    return workbook[sheet]


def _read_xlsx(path: Path, header_hint: Collection[str], select: Selector | None, sheet_name: str | None = None) -> pd.DataFrame:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML or openpyxl errors: all mean "not a readable XLSX"
        raise _fail(
            path,
            "berkas_tidak_terbaca",
            f"berkas XLSX rusak atau bukan XLSX ({type(exc).__name__}); simpan ulang dari Excel sebagai .xlsx",
        ) from None
    try:
        sheet = _pick_sheet(path, workbook, sheet_name)
        try:
            sheet.reset_dimensions()
        except AttributeError:  # not a read-only sheet
            pass
        try:
            rows = [tuple(_cell_text(v) for v in row) for row in sheet.iter_rows(values_only=True)]
        except Exception as exc:
            raise _fail(
                path, "berkas_tidak_terbaca", f"lembar pertama berkas XLSX tidak dapat dibaca ({type(exc).__name__})"
            ) from None
    finally:
        workbook.close()

    nonblank = [i for i, row in enumerate(rows) if any(c.strip() for c in row)]
    if not nonblank:
        raise _fail(path, "berkas_kosong", "lembar pertama berkas XLSX kosong")
    header_index = _find_header(rows, nonblank, header_hint)
    header = [c.replace("\ufeff", "").strip() for c in rows[header_index]]
    while header and header[-1] == "":
        header.pop()
    width = len(header)
    if width == 0:
        raise _fail(path, "berkas_kosong", "baris header di lembar pertama kosong", baris=header_index + 1)
    positions = _positions(select, header)
    data = []
    numbers = []
    for i in range(header_index + 1, len(rows)):
        row = rows[i]
        row = row[:width] + ("",) * (width - len(row))
        kept = tuple(row[p] for p in positions)
        if not any(c.strip() for c in kept):
            continue
        data.append(kept)
        numbers.append(i + 1)
    del rows
    if not data:
        raise _fail(path, "hanya_header", "lembar pertama hanya berisi baris header, tanpa baris data")
    frame = pd.DataFrame(data, columns=list(range(len(positions))), dtype=object)
    frame.columns = [header[p] for p in positions]
    frame[ROW_COLUMN] = np.asarray(numbers, dtype=np.int64)
    frame[FILE_COLUMN] = path.name
    return frame


def _find_header(rows: list[tuple[str, ...]], nonblank: list[int], header_hint: Collection[str]) -> int:
    """Index of the header row: most matches with the hint within the first rows."""
    first = nonblank[0]
    hint = {normalize_header(h) for h in header_hint}
    hint.discard("")
    if not hint:
        return first
    best, best_hits = first, 0
    for i in range(min(len(rows), HEADER_SEARCH_ROWS)):
        hits = len({normalize_header(c) for c in rows[i]} & hint)
        if hits > best_hits:
            best, best_hits = i, hits
    return best
