"""The public figures of one satker or of the Kanwil, taken from ``ringkasan.json`` / ``rekap.json`` (not recomputed).

Everything on an infographic or on the public page comes from :class:`PublicFigures`, and every
figure in it belongs to ONE stated period: the indices, the respondents behind them and the
per-unsur scores are the period's (``ringkasan["indeks"]``), never the running month's counts.
Internal figures (daily targets, shortfalls, status, data-quality flags) are not carried.

Optional inputs (connected by the caller when the summary has them)
------------------------------------------------------------------
``tema_saran`` : list of dict
    Feedback themes, most mentioned first: ``{"tema": str, "jumlah": int}``. The top three are shown.
``tindak_lanjut`` : list of dict
    Follow-up actions: ``{"tindakan": str, "status": str}``; only ``status == "selesai"`` is
    shown to the public.
``url_survei`` : str
    The satker's survey address (registry column ``url_survei``, an http(s) URL); drawn as a QR code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spakanalysis.stats.ikm import ikm_grade

__all__ = ["PublicFigures", "IndexFigure", "from_ringkasan", "from_rekap", "NAMA_INDEKS_PUBLIK"]

#: the two indices in plain words
NAMA_INDEKS_PUBLIK = {"IPKP": "Indeks Persepsi Kualitas Pelayanan", "IPAK": "Indeks Persepsi Anti Korupsi"}
TOP_THEMES = 3
TOP_ACTIONS = 3


@dataclass(frozen=True)
class IndexFigure:
    """One index on 0–100 with its mutu (grade) and kinerja (performance words); ``nilai`` None = no value.

    ``nilai_tampil`` is the value as graded and shown: two decimals rounded half up (:func:`ikm_grade`).
    """

    nama: str
    nilai: float | None
    mutu: str | None
    kinerja: str | None
    responden: int | None
    nilai_tampil: float | None = None


@dataclass(frozen=True)
class PublicFigures:
    """What the public sees of one unit (a satker or the Kanwil) for one period."""

    judul: str
    kanwil: str
    periode_label: str
    tanggal_data: date
    indeks: tuple[IndexFigure, ...]
    unsur: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    tema: tuple[tuple[str, int], ...] = ()
    tindakan: tuple[str, ...] = ()
    url_survei: str | None = None
    catatan: str = ""


def _index_figure(name: str, value_100, responden) -> IndexFigure:
    if value_100 is None or (isinstance(value_100, float) and math.isnan(value_100)):
        return IndexFigure(name, None, None, None, None if responden is None else int(responden))
    grade = ikm_grade(float(value_100))
    return IndexFigure(name, float(value_100), grade.mutu, grade.kinerja, None if responden is None else int(responden),
                       grade.ikm_dibulatkan)


def _themes(tema_saran) -> tuple[tuple[str, int], ...]:
    rows = [(str(t["tema"]), int(t["jumlah"])) for t in tema_saran or []
            if isinstance(t, dict) and t.get("tema") and int(t.get("jumlah") or 0) > 0]
    return tuple(rows[:TOP_THEMES])


def _actions(tindak_lanjut) -> tuple[str, ...]:
    done = [str(a["tindakan"]) for a in tindak_lanjut or [] if isinstance(a, dict) and a.get("tindakan")
            and str(a.get("status", "")).strip().lower() == "selesai"]
    return tuple(done[:TOP_ACTIONS])


def _unsur(indeks: dict[str, Any]) -> dict[str, list[tuple[str, float]]]:
    out = {}
    for name, entry in indeks.items():
        rows = [(str(u["unsur"]), float(u["nrr"])) for u in entry.get("unsur") or [] if u.get("nrr") is not None]
        if rows:
            out[name] = rows
    return out


def from_ringkasan(ringkasan: dict[str, Any], *, tema_saran=None, tindak_lanjut=None,
                   url_survei: str | None = None) -> PublicFigures:
    """Public figures of a satker from its ``ringkasan.json`` (the period's indices and respondents).

    ``ringkasan["indeks"][name]`` gives ``nilai_100`` and ``n_respons``; its optional ``unsur``
    list (``{"unsur": str, "nrr": float}``, scale 1–4) feeds the per-unsur chart.
    """
    indeks = ringkasan.get("indeks") or {}
    figures = tuple(_index_figure(n, (indeks.get(n) or {}).get("nilai_100"), (indeks.get(n) or {}).get("n_respons"))
                    for n in NAMA_INDEKS_PUBLIK)
    return PublicFigures(
        judul=ringkasan["nama_satker"], kanwil=ringkasan["kanwil"], periode_label=ringkasan["periode_label"],
        tanggal_data=date.fromisoformat(ringkasan["tanggal_data"]), indeks=figures, unsur=_unsur(indeks),
        tema=_themes(tema_saran), tindakan=_actions(tindak_lanjut), url_survei=url_survei,
    )


def from_rekap(rekap: dict[str, Any], responden: dict[str, int] | None = None, *, tema_saran=None, tindak_lanjut=None,
               url_survei: str | None = None) -> PublicFigures:
    """Public figures of the Kanwil from ``rekap.json`` (``indeks_kanwil`` is on the 1–4 scale).

    ``responden``: the period's respondents behind each Kanwil index (``{"IPKP": n, "IPAK": n}``,
    the sum of the satkers' ``indeks[name]["n_respons"]``); None leaves them out.
    The 0–100 value is the SKM conversion used by every satker index: value / 4 × 100.
    """
    kanwil_idx = rekap.get("indeks_kanwil") or {}
    responden = responden or {}
    figures = tuple(_index_figure(n, None if kanwil_idx.get(n) is None else float(kanwil_idx[n]) / 4 * 100,
                                  responden.get(n)) for n in NAMA_INDEKS_PUBLIK)
    return PublicFigures(
        judul=rekap["kanwil"], kanwil=rekap["kanwil"], periode_label=rekap["periode_label"],
        tanggal_data=date.fromisoformat(rekap["tanggal_data"]), indeks=figures,
        tema=_themes(tema_saran), tindakan=_actions(tindak_lanjut), url_survei=url_survei,
        catatan=f"{int(rekap['total']['jumlah_satker'])} satuan kerja · indeks Kanwil: rata-rata indeks satker "
                "dibobot menurut jumlah pengguna layanannya",
    )
