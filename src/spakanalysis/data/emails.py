"""E-mail addresses of the data contract: one strict address, or a list separated by ``;`` or ``,``."""

from __future__ import annotations

import re

__all__ = ["valid_email", "split_emails"]

#: a strict address: a local part of letters, digits and ._%+-, a dotted domain with a 2+ letter top level
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}")


def valid_email(text: str) -> bool:
    """Whether ``text`` is one plain address (``nama@domain.tld``: no display name, no spaces, no ``..``).

    >>> valid_email("kalapas.kupang@kemenkumham.example"), valid_email("kalapas@kemenkumham")
    (True, False)
    """
    return bool(_EMAIL.fullmatch(text)) and ".." not in text


def split_emails(text: str) -> list[str] | None:
    """The addresses of a cell (``;`` or ``,`` between them; blank: none), or ``None`` when one is not valid.

    >>> split_emails("a@x.example; b@x.example,"), split_emails(""), split_emails("a@x.example; b")
    (['a@x.example', 'b@x.example'], [], None)
    """
    parts = [p.strip() for p in re.split(r"[;,]", text or "")]
    parts = [p for p in parts if p]
    return parts if all(valid_email(p) for p in parts) else None
