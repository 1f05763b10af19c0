"""Names users read in every output: progress statuses, batch outcomes and survey instruments.

The members' values are the Indonesian labels shown in reports and written to
``ringkasan.json``; :class:`enum.StrEnum` members compare equal to those strings,
so frames and JSON documents keep holding plain text.

Examples
--------
>>> Status.worst([Status.ON_TRACK, "Kritis"])
<Status.CRITICAL: 'Kritis'>
>>> Instrument.SPAK.index_name
'IPAK'
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = ["Status", "Outcome", "Instrument", "BEHIND", "TARGET_INSTRUMENTS", "INDEX_NAMES"]


class Status(StrEnum):
    """Progress status of a satker-month, best first (the order ranks them).

    :attr:`TARGET_NOT_YET` marks a month before the minimums apply (``[target] berlaku_mulai``
    in ``config/progres.toml``); it ranks first so that it never hides a real status.
    """

    TARGET_NOT_YET = "Target belum berlaku"
    ACHIEVED = "Tercapai"
    ON_TRACK = "Sesuai target"
    NOT_STARTED = "Belum dimulai"
    NEEDS_ACCELERATION = "Perlu percepatan"
    CRITICAL = "Kritis"
    NO_SERVICE_DAYS_LEFT = "Hari layanan habis"
    MISSED = "Tidak tercapai"

    @property
    def rank(self) -> int:
        """0 for the best status; higher is worse."""
        return list(Status).index(self)

    @classmethod
    def worst(cls, statuses: Iterable[str]) -> Status:
        """The worst of several statuses; :attr:`NOT_STARTED` when there are none."""
        found = [cls(s) for s in statuses if s]
        return max(found, key=lambda s: s.rank) if found else cls.NOT_STARTED


class Outcome(StrEnum):
    """What a batch shows for a satker that has no progress status of its own."""

    DATA_PROBLEM = "Data bermasalah"
    NOT_MADE = "Gagal dibuat"


#: statuses of a satker that is behind its minimum and needs the meeting's attention
BEHIND = frozenset({Status.NEEDS_ACCELERATION, Status.CRITICAL, Status.NO_SERVICE_DAYS_LEFT, Status.MISSED})


class Instrument(StrEnum):
    """Survey instruments; :attr:`index_name` is the index each one yields."""

    SPKP = "SPKP"
    SPAK = "SPAK"
    SKM = "SKM"

    @property
    def index_name(self) -> str:
        return INDEX_NAMES[self]


#: the index each instrument yields (IPKP from SPKP, IPAK from SPAK, IKM from SKM)
INDEX_NAMES: dict[str, str] = {"SPKP": "IPKP", "SPAK": "IPAK", "SKM": "IKM"}

#: the instruments that carry a minimum number of respondents, in report order
TARGET_INSTRUMENTS = (Instrument.SPKP, Instrument.SPAK)
