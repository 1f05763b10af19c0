"""The national pages from ``rekap_nasional.json``: the national recap (``rekap_nasional.html``) and ``index.html``.

Both are self-contained HTML; figures are formatted here (Babel, Indonesian), never recomputed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal
from spakanalysis.present.display import fragment

__all__ = ["national_recap_page", "national_index_page"]

_TEMPLATE = "nasional.html.j2"


def _index(value: Any, rank: Any) -> str:
    """``3,39 (1)``: a stratified index (2 decimals) with its rank; ``–`` without an index."""
    if value is None:
        return "–"
    return f"{format_angka(value, 2)} ({format_angka(rank)})"


def _cards(summary: Mapping[str, Any]) -> dict[str, str]:
    t, ik = summary["total"], summary.get("indeks_nasional") or {}
    return {"kanwil": format_angka(t["jumlah_kanwil"]), "satker": format_angka(t["jumlah_satker"]),
            "tercapai": f"{format_angka(t['satker_tercapai'])} ({format_persen(t.get('persen_satker_tercapai'))})",
            "perlu": format_angka(t["satker_perlu_percepatan"]),
            "ipkp": format_angka(ik.get("IPKP"), 2), "ipak": format_angka(ik.get("IPAK"), 2)}


def _row(r: Mapping[str, Any]) -> dict[str, Any]:
    return {"peringkat": format_angka(r["peringkat"]), "kanwil": r["kanwil"], "satker": format_angka(r["jumlah_satker"]),
            "tercapai": f"{format_angka(r['satker_tercapai'])} ({format_persen(r.get('persen_satker_tercapai'))})",
            "perlu": format_angka(r["satker_perlu_percepatan"]), "bermasalah": format_angka(r["satker_data_bermasalah"]),
            "spkp": format_persen(r.get("SPKP_persen")), "spak": format_persen(r.get("SPAK_persen")),
            "ipkp": _index(r.get("IPKP"), r.get("peringkat_IPKP")), "ipak": _index(r.get("IPAK"), r.get("peringkat_IPAK"))}


def _dates(summary: Mapping[str, Any]) -> dict[str, str]:
    return {"periode": summary["periode_label"], "tanggal_data": format_tanggal(date.fromisoformat(summary["tanggal_data"]))}


def national_recap_page(summary: Mapping[str, Any]) -> str:
    """``rekap_nasional.html``: national cards and the Kanwils ranked, with how the ranks and indices are made."""
    notes = [
        "Peringkat menurut persentase satker yang mencapai jumlah responden minimum bulan berjalan (status Tercapai) "
        "dari semua satker Kanwil; bila sama, yang lebih sedikit satker perlu percepatan, lalu capaian responden "
        "(yang lebih rendah dari SPKP dan SPAK, surplus satu satker tidak menutup kekurangan satker lain) lebih tinggi.",
        "Capaian SPKP/SPAK: respons sah bulan berjalan terhadap jumlah minimum semua satker Kanwil.",
        f"IPKP dan IPAK pada skala 1–4: {summary.get('metode_indeks', '')}. Angka dalam kurung: peringkat Kanwil "
        "menurut indeks itu (nilai sama, peringkat sama).",
        "Satker perlu percepatan: status Perlu percepatan, Kritis, Hari layanan habis atau Tidak tercapai.",
    ]
    return fragment("rekap_nasional", [_row(r) for r in summary["kanwil"]], _cards(summary), **_dates(summary),
                    tanggal_cetak=format_tanggal(date.fromisoformat(summary["tanggal_cetak"])), catatan=notes,
                    berkas=_TEMPLATE)


def national_index_page(summary: Mapping[str, Any], links: Mapping[str, tuple[str, str] | None], *,
                        ada_pdf: bool = True) -> str:
    """The national ``index.html``: links to the national recap and to each Kanwil's index page and recap.

    ``links``: per Kanwil name, its (index page, recap) paths relative to the period folder, or None
    when that Kanwil's recap was not made.
    """
    rows = []
    for r in summary["kanwil"]:
        link = links.get(r["kanwil"])
        rows.append({**_row(r), "indeks": link[0] if link else None, "rekap": link[1] if link else None})
    return fragment("indeks_nasional", rows, _cards(summary), **_dates(summary), ada_pdf=ada_pdf, berkas=_TEMPLATE)
