"""Back-check samples ("uji petik"): which submissions the Kanwil verifies in the survey application.

Per satker and period a reproducible random sample of submission IDs:

* the seed is a stable hash of ``(kode_satker, periode)`` — the first 8 bytes of
  ``SHA-256("uji-petik/1|<kode_satker>|<periode>")`` as an unsigned integer —
  never Python's :func:`hash` (salted per process), so the same satker and
  period always give the same draw, on any machine;
* the draw is weighted sampling without replacement (Efraimidis–Spirakis:
  each ID gets the key ``log(u) / w`` with ``u`` uniform from
  ``numpy.random.default_rng(seed)``, the ``size`` largest keys are taken).
  A flagged submission has weight ``oversample``, an unflagged one weight 1:
  at every step of the draw a flagged submission is ``oversample`` times as
  likely to be picked as an unflagged one still in the pool;
* IDs are first sorted, so the input order does not matter, and the sample is
  returned sorted by ID.

Record :attr:`UjiPetik.manifest` in the batch manifest; calling
:func:`draw_backcheck` again with the same IDs, satker, period, size and
factor redraws exactly the same sample.

Imports only the standard library and numpy (the caller passes the sizes from
``config/kualitas_data.toml``, ``[uji_petik]``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["SEED_SALT", "UjiPetik", "backcheck_seed", "draw_backcheck"]

#: Prefix of the hashed text; change it (and say so) only if the draw rule changes.
SEED_SALT = "uji-petik/1"


@dataclass(frozen=True)
class UjiPetik:
    """A drawn back-check sample."""

    kode_satker: str
    periode: str
    seed: int
    ukuran: int
    faktor_lebih: float
    id_respons: tuple[str, ...]
    bertanda: tuple[str, ...]
    jumlah_kiriman: int
    jumlah_bertanda: int

    @property
    def manifest(self) -> dict[str, Any]:
        """What the manifest records so the draw can be repeated (no personal data: IDs only)."""
        return {
            "kode_satker": self.kode_satker,
            "periode": self.periode,
            "aturan": f"{SEED_SALT}: SHA-256, Efraimidis-Spirakis, numpy default_rng",
            "seed": self.seed,
            "ukuran": self.ukuran,
            "faktor_lebih": self.faktor_lebih,
            "jumlah_kiriman": self.jumlah_kiriman,
            "jumlah_bertanda": self.jumlah_bertanda,
            "id_respons": list(self.id_respons),
        }


def backcheck_seed(kode_satker: str, periode: str) -> int:
    """The seed of a satker's draw for a period (stable across runs, machines and Python versions).

    >>> backcheck_seed("LPKUPANG", "2024-07") == backcheck_seed("LPKUPANG", "2024-07")
    True
    """
    text = f"{SEED_SALT}|{str(kode_satker).strip()}|{str(periode).strip()}"
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def draw_backcheck(
    ids: Iterable[str],
    flagged: Collection[str],
    *,
    kode_satker: str,
    periode: str,
    size: int,
    oversample: float,
) -> UjiPetik:
    """Draw ``size`` submission IDs (all of them when fewer), flagged ones over-sampled.

    ``ids`` are the satker's submissions in the period (duplicates ignored); ``flagged`` the
    flagged ones among them (IDs not in ``ids`` are ignored). ``oversample`` >= 1.
    """
    if int(size) != size or size < 0:
        raise ValueError(f"Ukuran uji petik harus bilangan bulat >= 0, bukan {size!r}.")
    if not np.isfinite(oversample) or oversample < 1:
        raise ValueError(f"Faktor lebih uji petik harus >= 1, bukan {oversample!r}.")
    pool = sorted({str(i) for i in ids})
    marked = {str(i) for i in flagged} & set(pool)
    seed = backcheck_seed(kode_satker, periode)
    weights = np.array([float(oversample) if i in marked else 1.0 for i in pool])
    u = np.random.default_rng(seed).random(len(pool))
    keys = np.log1p(-u) / weights  # log(1 - u): u in [0, 1) never gives log(0)
    take = np.argsort(-keys, kind="stable")[: int(size)]
    chosen = tuple(sorted(pool[i] for i in take))
    return UjiPetik(
        kode_satker=str(kode_satker),
        periode=str(periode),
        seed=seed,
        ukuran=int(size),
        faktor_lebih=float(oversample),
        id_respons=chosen,
        bertanda=tuple(i for i in chosen if i in marked),
        jumlah_kiriman=len(pool),
        jumlah_bertanda=len(marked),
    )
