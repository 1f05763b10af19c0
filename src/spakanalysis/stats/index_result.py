"""The result of an index computation: :class:`IndexResult`."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from spakanalysis.core.enums import INDEX_NAMES

__all__ = ["IndexResult"]


@dataclass(frozen=True)
class IndexResult:
    """An index with its uncertainty and conversions (all values exact, unrounded).

    Attributes
    ----------
    instrumen : str
        ``"SPKP"``, ``"SPAK"`` or ``"SKM"``; :attr:`indeks` gives IPKP, IPAK or IKM.
    n_respons : int
        Respondents with at least one valid answer.
    nilai : float
        Index on the instrument's own scale (weighted mean of item NRRs); NaN without responses.
    skala_min, skala_maks : float
        The instrument's scale.
    nilai_skala4 : float
        ``nilai`` on 1-4: ``1 + 3(x - min)/(max - min)``; identical to ``nilai`` on a 1-4 scale.
    nilai_100 : float
        ``nilai`` on 0-100 with the conversion named in ``metode_konversi``.
    metode_konversi : str
        Conversion name and formula (Bahasa Indonesia).
    ci_bawah, ci_atas : float
        95% confidence interval on the native scale, cut to ``[skala_min, skala_maks]``;
        NaN when it cannot be computed (n < 2 without a complete census).
    margin : float
        Half-width ``z * se`` (before cutting to the scale).
    se : float
        Standard error (linearisation, finite-population correction when ``populasi`` is known).
    cukup : bool
        ``n_respons >= min_andal``.
    keterangan : str
        Notes in Bahasa Indonesia ("tidak ada respons", "n kecil (12 < 30): ..."); "" when none.
    populasi : float or None
        Population ``N`` used for the finite-population correction.
    min_andal : int
        Minimum number of responses for a reliable result.
    metode_agregasi : str or None
        For Kanwil aggregates: how satker results were combined.
    sensus : bool
        ``n_respons`` reached ``populasi``: noted, and the interval is computed without the
        finite-population correction (never a zero-width interval).
    ci_bawah_100, ci_atas_100, margin_100 : float
        The interval and margin in the unit of ``nilai_100`` (0-100), by the same linear
        conversion as ``nilai_100``: shown next to a 0-100 value, an interval is always on 0-100.
    """

    instrumen: str
    n_respons: int
    nilai: float
    skala_min: float
    skala_maks: float
    nilai_skala4: float
    nilai_100: float
    metode_konversi: str
    ci_bawah: float
    ci_atas: float
    margin: float
    se: float
    cukup: bool
    keterangan: str
    populasi: float | None = None
    min_andal: int = 30
    metode_agregasi: str | None = None
    ci_bawah_100: float = math.nan
    ci_atas_100: float = math.nan
    margin_100: float = math.nan
    sensus: bool = False

    @property
    def indeks(self) -> str:
        """Name of the index: IPAK (SPAK), IPKP (SPKP) or IKM (SKM)."""
        return INDEX_NAMES.get(self.instrumen, self.instrumen)

    def to_dict(self) -> dict[str, Any]:
        """Fields as a plain dict (plus ``indeks``)."""
        return {"indeks": self.indeks, **asdict(self)}
