"""The cover letter (*surat pengantar*) to a satker's head: HTML from its ``ringkasan.json`` and ``kanwil.toml``.

Every figure comes from the satker's ``ringkasan.json`` as the batch wrote it (nothing is
recomputed); :func:`letter_facts` picks and formats them, :func:`cover_letter_html` renders
the autoescaped template ``templates/surat/surat_pengantar.html.j2`` (the PDF is made in
the pipeline layer).
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal
from spakanalysis.data.kanwil_config import KanwilConfig

__all__ = ["LetterHeader", "letter_facts", "cover_letter_html", "logo_data_uri"]

_INDICES = (("IPKP", "SPKP"), ("IPAK", "SPAK"))
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")


@dataclass(frozen=True)
class LetterHeader:
    """What the letter says about itself: its number, date, subject and addressee."""

    nomor: str
    tanggal: date
    perihal: str
    kepada: str  # "Kepala <nama satker>"
    kota_satker: str | None = None


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("spakanalysis.present", "templates/surat"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _month_label(month: str | None) -> str:
    """``"2024-09"`` → ``"September 2024"``."""
    if not month:
        return ""
    year, m = month.split("-")
    return f"{_MONTHS[int(m) - 1]} {year}"


def _attainment(ringkasan: Mapping[str, Any]) -> list[dict[str, str]]:
    rows = []
    for name, ins in (ringkasan.get("instrumen") or {}).items():
        running = ins.get("bulan_berjalan")
        target = ins.get("target_harian_bulan_berjalan")
        rows.append({
            "instrumen": name,
            "respons": f"{format_angka(ins.get('respons_sah_periode'))} dari minimum {format_angka(ins.get('minimum_periode'))}",
            "capaian_periode": format_persen(ins.get("capaian_persen_periode")),
            "bulan": _month_label(running) or "–",
            "capaian_bulan": format_persen(ins.get("capaian_persen_bulan_berjalan")) if running else "–",
            "status_bulan": ins.get("status_bulan_berjalan") or "–",
            "target_harian": format_angka(target) if running and target is not None else "–",
        })
    return rows


def _indices(ringkasan: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for name, ins in _INDICES:
        res = (ringkasan.get("indeks") or {}).get(name)
        if not res or res.get("nilai") is None:
            rows.append({"indeks": name, "instrumen": ins, "nilai": "–", "nilai_100": "–",
                         "predikat": "belum dapat dihitung", "prioritas": []})
            continue
        ready = res.get("kesiapan") or {}
        rows.append({
            "indeks": name, "instrumen": ins,
            "nilai": format_angka(res["nilai"], 2), "nilai_100": format_angka(res.get("nilai_100"), 2),
            "predikat": "; ".join(f"{p}: {s}" for p, s in ready.items()) or "–",
            "prioritas": list(res.get("prioritas") or []),
        })
    return rows


def letter_facts(ringkasan: Mapping[str, Any]) -> dict[str, Any]:
    """The satker's headline results and requested actions for the letter, formatted, from ``ringkasan.json``.

    Returns
    -------
    dict
        ``capaian`` (per instrument: valid responses, period attainment, running month, its status and
        daily target), ``indeks`` (IPKP/IPAK on the 1–4 scale and 0–100, ZI readiness as predikat,
        priority unsur), ``status`` (the satker's status), ``rekomendasi`` (the report's list, as is).
    """
    return {
        "status": ringkasan.get("status") or "–",
        "capaian": _attainment(ringkasan),
        "indeks": _indices(ringkasan),
        "rekomendasi": list(ringkasan.get("rekomendasi") or []),
        "periode_label": ringkasan.get("periode_label", ""),
        "tanggal_data": format_tanggal(date.fromisoformat(ringkasan["tanggal_data"]), "d MMMM y"),
        "nama_satker": ringkasan.get("nama_satker", ""),
    }


def logo_data_uri(kanwil: KanwilConfig) -> str:
    """The logo file as a ``data:`` URI (the letter is self-contained and its bytes reproducible)."""
    kind = "image/svg+xml" if kanwil.logo.suffix.lower() == ".svg" else mimetypes.guess_type(kanwil.logo.name)[0]
    return f"data:{kind};base64,{base64.b64encode(kanwil.logo.read_bytes()).decode('ascii')}"


def cover_letter_html(ringkasan: Mapping[str, Any], kanwil: KanwilConfig, header: LetterHeader) -> str:
    """The cover letter of one satker as a complete HTML document (A4, for WeasyPrint).

    The place and date line is ``<kota_surat>, <header.tanggal>`` (e.g. "Kupang, 19 September 2024").
    """
    template = _env().get_template("surat_pengantar.html.j2")
    return template.render(
        k=kanwil, h=header, f=letter_facts(ringkasan), logo=logo_data_uri(kanwil),
        tanggal=format_tanggal(header.tanggal, "d MMMM y"),
    )
