"""The registry's optional ``url_survei``: the address of a satker's online survey (drawn as a QR code)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["clean_survey_url", "is_valid_or_blank", "MAX_URL_LENGTH"]

MAX_URL_LENGTH = 300
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def clean_survey_url(text: str | None) -> str | None:
    """The URL when ``text`` is an absolute http(s) address with a domain name, else None.

    Blank input gives None too (no QR code); use :func:`is_valid_or_blank` for the registry check.

    Examples
    --------
    >>> clean_survey_url(" https://survei.example.org/lapas-kupang ")
    'https://survei.example.org/lapas-kupang'
    >>> clean_survey_url("javascript:alert(1)") is None, clean_survey_url("survei.example.org") is None
    (True, True)
    """
    t = (text or "").strip()
    if not t or len(t) > MAX_URL_LENGTH or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in t):
        return None
    try:
        parts = urlsplit(t)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or parts.username or parts.password or not _HOST.match(host):
        return None
    return t


def is_valid_or_blank(text: str | None) -> bool:
    """True for a blank cell or a valid :func:`clean_survey_url` address."""
    return not (text or "").strip() or clean_survey_url(text) is not None
