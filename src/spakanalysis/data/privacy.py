"""Privacy helpers: personal columns and personal data typed into free text.

Personal columns are dropped when the data is loaded (see
:mod:`spakanalysis.data.dataset`). Respondents sometimes type a phone number, an
e-mail address or an ID number into the feedback box itself; those are masked
before any feedback text reaches a report.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["SAMARAN", "mask_personal_text"]

SAMARAN = "[data pribadi disamarkan]"

_POLA = re.compile(
    r"""
    [\w.+-]+@[\w-]+(?:\.[\w-]+)+          # e-mail
    | (?:\+?62[\s-]?|\b0)8[\d\s.-]{7,14}\d  # Indonesian mobile number
    | \(\s*(?:\+?62|0)\d{1,4}\s*\)[\d\s.-]{5,14}\d  # number with a bracketed area/operator code
    | \b\d{16}\b                          # NIK (16 digits)
    | \b\d[\d\s.-]{9,}\d\b                # any other long number
    """,
    re.VERBOSE,
)


def mask_personal_text(text):
    """Replace e-mail addresses, phone numbers and ID-like numbers in free text.

    Accepts a string or a pandas Series of strings.

    Examples
    --------
    >>> mask_personal_text("Hubungi saya di 0812-3456-7890 atau budi@contoh.id")
    'Hubungi saya di [data pribadi disamarkan] atau [data pribadi disamarkan]'
    """
    if isinstance(text, pd.Series):
        return text.astype("string").str.replace(_POLA, SAMARAN, regex=True)
    if text is None:
        return text
    return _POLA.sub(SAMARAN, str(text))
