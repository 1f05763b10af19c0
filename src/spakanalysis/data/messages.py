"""The wording of every cell-level problem (Bahasa Indonesia): what is wrong, what was expected.

:func:`pesan_masalah` looks the problem code up in :data:`MESSAGES`: a fixed text, a template
filled from the context (``{kolom}``, ``{baris_pertama}``, ``{lo}``/``{hi}`` ...), or a
function for messages that depend on the value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from spakanalysis.data import schemas as sc

__all__ = ["CONTOH_WAKTU", "MESSAGES", "pesan_masalah"]

CONTOH_WAKTU = "2024-07-01 09:15:00+08:00"
_DMY = re.compile(r"^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")


class _Context(dict):
    """Message context; a missing key reads as ``None`` (as ``dict.get``)."""

    def __missing__(self, key: str) -> None:
        return None


def _population(text: str, ctx: Mapping[str, Any]) -> str:
    if not text:
        return (
            "jumlah_pengguna_layanan kosong; diharapkan bilangan bulat lebih dari 0 "
            "(jumlah pengguna layanan pada periode acuan)"
        )
    return (
        "jumlah_pengguna_layanan harus bilangan bulat lebih dari 0, tanpa desimal; pemisah ribuan hanya "
        "titik di depan setiap tiga angka (mis. 48, 1.000 atau 12.500)"
    )


def _scale(text: str, ctx: Mapping[str, Any]) -> str:
    if ctx["urutan"]:
        return (
            f"skala_min ({ctx['lo']}) harus lebih kecil dari skala_maks ({ctx['hi']}), "
            "mis. 1 dan 4 atau 1 dan 6"
        )
    return f"{ctx['kolom']} harus bilangan bulat tanpa desimal, mis. 1 dan 4 (atau 1 dan 6); kosong = skala 1–4"


def _time(text: str, ctx: Mapping[str, Any]) -> str:
    if not text:
        return (
            "waktu pengisian kosong; diharapkan format ISO 8601 dengan zona waktu, "
            f"mis. {CONTOH_WAKTU}; baris dikecualikan"
        )
    if ctx.get("format_waktu"):
        return (
            f'waktu pengisian tidak sesuai format_waktu "{ctx["format_waktu"]}" di pengaturan.toml '
            f"dan bukan ISO 8601 (mis. {CONTOH_WAKTU}); baris dikecualikan"
        )
    if _DMY.match(text):
        return (
            "format tanggal DD/MM/YYYY ditolak karena ambigu (hari dan bulan dapat tertukar); "
            "gunakan format ISO 8601 TTTT-BB-HH JJ:MM:DD dengan zona waktu, "
            f"mis. {CONTOH_WAKTU}, atau nyatakan formatnya di pengaturan.toml: "
            '[respons] format_waktu = "%d/%m/%Y %H:%M:%S"; baris dikecualikan'
        )
    return (
        "waktu pengisian tidak terbaca; diharapkan format ISO 8601 TTTT-BB-HH JJ:MM:DD dengan zona waktu, "
        f"mis. {CONTOH_WAKTU}; baris dikecualikan"
    )


def _satker(text: str, ctx: Mapping[str, Any]) -> str:
    if not text:
        return "kode satker kosong; baris dikecualikan"
    registry = ctx.get("registri", "satker.csv")
    return f"kode satker tidak terdaftar di {registry}; baris dikecualikan"


#: problem code → message: a template (``str.format`` on the context) or ``f(value_text, context)``
MESSAGES: Mapping[str, str | Callable[[str, Mapping[str, Any]], str]] = {
    "nilai_wajib_kosong": "kolom {kolom} wajib diisi",
    "kode_satker_ganda": "kode satker ini sudah dipakai di baris {baris_pertama}; setiap kode_satker harus unik",
    "kode_satker_tidak_aman": (
        "kode_satker hanya boleh huruf A–Z, angka 0–9, garis bawah (_) dan tanda hubung (-), diawali huruf "
        "atau angka, paling panjang 32 karakter (mis. LPKUPANG); kode ini dipakai sebagai nama folder laporan. "
        "Satker ini dilewati"
    ),
    "populasi_tidak_valid": _population,
    "jenis_satker_tidak_dikenal": lambda text, ctx: "diharapkan salah satu dari: " + ", ".join(sc.JENIS_SATKER),
    "zona_waktu_tidak_valid": (
        "diharapkan nama zona waktu IANA, mis. Asia/Makassar (WITA), Asia/Jakarta (WIB) atau "
        "Asia/Jayapura (WIT); kosong = Asia/Makassar"
    ),
    "hari_layanan_tidak_valid": (
        'diharapkan "kalender", "senin-jumat" atau "senin-sabtu" (kosong = bawaan menurut jenis satker)'
    ),
    "email_pimpinan_tidak_valid": (
        "diharapkan satu atau beberapa alamat e-mail dinas dipisah ; atau , (mis. kalapas@kemenkumham.go.id; "
        "sekretariat@kemenkumham.go.id); kosong = satker ini tidak dikirimi surel"
    ),
    "url_survei_tidak_valid": (
        "diharapkan alamat survei daring lengkap yang diawali http:// atau https:// (mis. "
        "https://survei.example.org/lapas-kupang); kosong = tanpa kode QR di infografis"
    ),
    "instrumen_tidak_dikenal": 'diharapkan "SPKP", "SPAK" atau "SKM"',
    "kode_butir_tidak_valid": "kode_butir harus nama kolom baku: huruf kecil, angka dan garis bawah, mis. spkp_prosedur",
    "kode_butir_ganda": "kode_butir ini sudah dipakai di baris {baris_pertama}; setiap butir hanya boleh sekali",
    "skala_tidak_valid": _scale,
    "terbalik_tidak_valid": 'diharapkan "ya" atau "tidak" (kosong = tidak)',
    "bobot_tidak_valid": "diharapkan angka tidak negatif (kosong = bobot sama)",
    "pemetaan_ganda": (
        'judul kolom ini sudah dipetakan ke "{target_pertama}" di baris '
        "{baris_pertama}; satu judul hanya boleh punya satu kolom_baku (pemetaan ini diabaikan)"
    ),
    "kolom_baku_tidak_dikenal": (
        "bukan nama kolom baku yang dikenal (lihat data/raw/README.md dan instrumen.csv); pemetaan ini diabaikan"
    ),
    "waktu_tidak_terbaca": _time,
    "waktu_masa_depan": "waktu pengisian melewati tanggal data ({sekarang}); baris dikecualikan",
    "nilai_di_luar_skala": 'diharapkan bilangan bulat {lo}–{hi} atau "tidak menjawab"',
    "jenis_responden_tidak_valid": 'diharapkan "eksternal" atau "internal"; baris dikecualikan',
    "jenis_layanan_kosong": "jenis_layanan kosong; isi jenis layanan yang diterima responden",
    "satker_tidak_dikenal": _satker,
}


def pesan_masalah(kode: str, kolom: str, nilai: object, **ctx: Any) -> str:
    """Return the message of a problem (what is wrong, what was expected).

    Parameters
    ----------
    kode : str
        Problem code (see :data:`spakanalysis.data.schemas.TINGKAT`).
    kolom : str
        Standard name of the column concerned.
    nilai : object
        Raw value (stripped); blank for an empty cell.
    **ctx
        Extra context some messages need (``lo``/``hi`` scale bounds,
        ``baris_pertama``, ``registri``, ``sekarang`` ...).

    Returns
    -------
    str
        The message; ``"nilai tidak valid (<kode>)"`` for a code without one.
    """
    blank = nilai is None or (isinstance(nilai, float) and math.isnan(nilai)) or str(nilai).strip() == ""
    text = "" if blank else str(nilai).strip()
    message = MESSAGES.get(kode)
    if message is None:
        return f"nilai tidak valid ({kode})"
    context = _Context(ctx, kolom=kolom)
    if callable(message):
        return message(text, context)
    return message.format_map(context)
