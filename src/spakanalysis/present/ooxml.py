"""Helpers shared by the Office outputs (workbooks and the deck): plain text and reproducible packages.

An Office Open XML file (``.xlsx``, ``.pptx``) is a zip of XML parts. openpyxl and python-pptx
stamp the save time into ``docProps/core.xml`` and every zip entry; :func:`reproducible_package`
rewrites both from a date taken from the data, so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

__all__ = ["plain_text", "reproducible_package", "package_datetime", "REPORT_COLOURS", "STATUS_COLOURS"]

#: The report palette (``templates/monev/gaya_monev.css``), as hex RGB without ``#``.
REPORT_COLOURS = {
    "biru_tua": "1F3A5F",
    "toska": "1B7A7A",
    "teks": "1D2733",
    "abu": "5B6877",
    "garis": "C9D3DD",
    "latar_muda": "EEF3F7",
    "putih": "FFFFFF",
}

#: Text and fill colours of the report's status classes (``.status-*`` in the CSS).
STATUS_COLOURS = {
    "status-tercapai": ("1E6B34", "E2F3E6"),
    "status-sesuai": ("1D5594", "E3EDF9"),
    "status-percepatan": ("7A4D00", "FCEFD3"),
    "status-kritis": ("A3221A", "FBE5E3"),
    "status-netral": ("4A5562", "EDF0F3"),
}

# characters XML 1.0 cannot hold (C0 controls other than tab, newline, carriage return)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CORE = "docProps/core.xml"
_STAMP = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def plain_text(value) -> str:
    """``value`` as text an XML part can hold: control characters removed, nothing else changed."""
    return _ILLEGAL.sub("", "" if value is None else str(value))


def package_datetime(day: date | str) -> datetime:
    """The timestamp written into a package: midnight of ``day`` (the data date)."""
    d = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime(d.year, d.month, d.day)


def reproducible_package(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip package with every entry dated ``when`` and the core properties' timestamps set to it.

    Entry order, names and contents are kept (``[Content_Types].xml`` stays first); only the
    ``created``/``modified`` values of ``docProps/core.xml`` and the zip dates change.
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == _CORE:
                body = _STAMP.sub(lambda m: f"{m.group(1)}{stamp}{m.group(2)}", body.decode("utf-8")).encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, body)
    return out.getvalue()
