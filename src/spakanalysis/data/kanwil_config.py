"""Read and validate ``kanwil.toml``: the Kanwil's letterhead, signing official and letter numbering.

The file is optional: without it the batch makes no cover letters. Every problem
names the file and the key (as :class:`~spakanalysis.core.errors.Masalah` with
``kolom`` = the key), in Bahasa Indonesia. Keys (all text)::

    nama_kanwil, alamat, kota_surat, telepon, email, situs, logo,
    jabatan_penandatangan, nama_penandatangan, nip_penandatangan (opsional),
    pola_nomor, perihal, tembusan (opsional, daftar), pengirim_email (opsional)

``pola_nomor`` holds ``{nomor}`` (with an optional format such as ``{nomor:03d}``), the
satker's 1-based position in the registry (``satker.csv``, file order), so the same
registry gives the same numbers. ``perihal`` may hold ``{periode}`` (the period's label).
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

from spakanalysis.core.errors import Masalah, format_nilai
from spakanalysis.data.emails import valid_email

__all__ = ["KANWIL_TOML", "KanwilConfig", "read_kanwil_config", "kanwil_problems", "letter_number"]

KANWIL_TOML = "kanwil.toml"
_REQUIRED = ("nama_kanwil", "alamat", "kota_surat", "telepon", "email", "situs", "logo",
             "jabatan_penandatangan", "nama_penandatangan", "pola_nomor", "perihal")
_OPTIONAL = ("nip_penandatangan", "pengirim_email")
_LOGO_TYPES = (".png", ".svg", ".jpg", ".jpeg")


@dataclass(frozen=True)
class KanwilConfig:
    """The validated contents of ``kanwil.toml`` (``logo`` resolved to an absolute path)."""

    nama_kanwil: str
    alamat: str
    kota_surat: str
    telepon: str
    email: str
    situs: str
    logo: Path
    jabatan_penandatangan: str
    nama_penandatangan: str
    pola_nomor: str
    perihal: str
    nip_penandatangan: str | None = None
    pengirim_email: str | None = None
    tembusan: tuple[str, ...] = ()


def letter_number(pola: str, nomor: int) -> str:
    """The letter number from the pattern: ``letter_number("W23.PP.04.03-{nomor:03d}", 7)`` is ``"W23.PP.04.03-007"``."""
    return pola.format(nomor=nomor)


def _pattern_problem(pola: str) -> str | None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pola) if f is not None]
    except ValueError:
        return "kurung kurawal tidak seimbang"
    if fields != ["nomor"]:
        return "harus memuat {nomor} tepat satu kali dan tidak ada isian {...} lain, mis. W23.PP.04.03-{nomor:03d}"
    try:
        letter_number(pola, 1)
    except (ValueError, KeyError, IndexError):
        return "format {nomor} tidak valid; contoh: {nomor} atau {nomor:03d}"
    return None


def _perihal_problem(perihal: str) -> str | None:
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(perihal) if f is not None}
        perihal.format(periode="x")
    except (ValueError, KeyError, IndexError):
        return "hanya boleh memuat {periode} (nama periode), mis. Hasil Monitoring SPKP/SPAK {periode}"
    return None if fields <= {"periode"} else "hanya boleh memuat {periode} (nama periode)"


def _check_values(raw: dict, folder: Path, name: str) -> list[Masalah]:
    def bad(key: str, pesan: str, nilai: object = None) -> Masalah:
        return Masalah(name, f"kunci {key}: {pesan}", kolom=key, nilai=None if nilai is None else format_nilai(nilai),
                       kode="kanwil_tidak_valid")

    out = []
    for key in _REQUIRED:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            out.append(bad(key, "kunci wajib diisi dengan teks", raw.get(key)))
    for key in _OPTIONAL:
        if key in raw and not isinstance(raw[key], str):
            out.append(bad(key, "diharapkan teks", raw[key]))
    cc = raw.get("tembusan", [])
    if not isinstance(cc, list) or not all(isinstance(c, str) and c.strip() for c in cc):
        out.append(bad("tembusan", 'diharapkan daftar teks, mis. tembusan = ["Kepala Divisi Pemasyarakatan"]', cc))
    for key in ("email", "pengirim_email"):
        if isinstance(raw.get(key), str) and raw[key].strip() and not valid_email(raw[key].strip()):
            out.append(bad(key, "bukan alamat e-mail yang sah (diharapkan nama@domain, mis. humas@kemenkumham.go.id)",
                           raw[key]))
    if isinstance(raw.get("pola_nomor"), str) and (why := _pattern_problem(raw["pola_nomor"])):
        out.append(bad("pola_nomor", why, raw["pola_nomor"]))
    if isinstance(raw.get("perihal"), str) and (why := _perihal_problem(raw["perihal"])):
        out.append(bad("perihal", why, raw["perihal"]))
    logo = raw.get("logo")
    if isinstance(logo, str) and logo.strip():
        path = (folder / logo.strip()).resolve()
        if Path(logo.strip()).is_absolute() or not path.is_relative_to(folder.resolve()):
            out.append(bad("logo", "harus jalur relatif di dalam folder data, mis. logo_kanwil.png", logo))
        elif path.suffix.lower() not in _LOGO_TYPES:
            out.append(bad("logo", "diharapkan berkas gambar .png, .svg atau .jpg", logo))
        elif not path.is_file():
            out.append(bad("logo", "berkas logo tidak ditemukan di folder data", logo))
    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL) - {"tembusan"})
    out += [bad(k, "kunci tidak dikenal (salah ketik?); kunci yang dikenal tercantum di data/raw/README.md")
            for k in unknown]
    return out


def _read(folder: Path) -> tuple[dict | None, list[Masalah]]:
    path = Path(folder) / KANWIL_TOML
    if not path.is_file():
        return None, []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [Masalah(KANWIL_TOML, "berkas harus teks UTF-8", kode="kanwil_tidak_valid")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Masalah(KANWIL_TOML, f"bukan TOML yang sah ({exc})", kode="kanwil_tidak_valid")]
    return raw, _check_values(raw, Path(folder), KANWIL_TOML)


def kanwil_problems(folder: str | Path) -> list[Masalah]:
    """Every problem of ``kanwil.toml`` in ``folder`` (none when the file is absent: it is optional)."""
    return _read(Path(folder))[1]


def read_kanwil_config(folder: str | Path) -> KanwilConfig | None:
    """The validated ``kanwil.toml`` of ``folder``; ``None`` when it is absent.

    Raises
    ------
    DataError
        When the file exists but breaks the contract (every problem listed).
    """
    from spakanalysis.core.errors import DataError

    raw, problems = _read(Path(folder))
    if problems:
        raise DataError(problems, judul=f"{KANWIL_TOML} tidak valid")
    if raw is None:
        return None
    text = {k: raw[k].strip() for k in (*_REQUIRED, *_OPTIONAL) if isinstance(raw.get(k), str) and raw[k].strip()}
    text["logo"] = (Path(folder) / text["logo"]).resolve()
    return KanwilConfig(**text, tembusan=tuple(c.strip() for c in raw.get("tembusan", [])))
