"""``spakanalysis siapkan``: the data folder of a new Kanwil, ready to be filled in.

Writes the registry template (``satker.csv`` and ``satker.xlsx``, the documented columns and
one example row whose code is :data:`EXAMPLE_CODE`), the standard codebook, an empty column
mapping, a commented ``pengaturan.toml``, a ``kanwil.toml.contoh`` and a ``README.md`` of what
to fill in. Only into a new or empty folder; every file is written atomically.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from spakanalysis.core.atomic import write_outputs_atomic
from spakanalysis.core.config import standard_codebook_text
from spakanalysis.core.errors import SpakError
from spakanalysis.data import schemas as sc

__all__ = ["EXAMPLE_CODE", "SKELETON_FILES", "create_skeleton"]

#: the code of the registry's example row (``validasi`` warns while it is there)
EXAMPLE_CODE = "CONTOH"
_EXAMPLE_ROW = {
    "kode_satker": EXAMPLE_CODE,
    "nama_satker": "Lapas Kelas IIA Contoh (baris contoh: ganti atau hapus)",
    "jenis_satker": "Lapas",
    "kanwil": "Kanwil Kemenkumham Contoh",
    "kota": "Kota Contoh",
    "jumlah_pengguna_layanan": "1200",
    "periode_acuan": "2024-Q1",
    "zona_waktu": "Asia/Makassar",
    "hari_layanan": "",
    "email_pimpinan": "",
    "url_survei": "",
}

_SETTINGS = '''\
# Cara membaca ekspor aplikasi survei. Semua kunci opsional: hapus tanda # di depan kunci yang
# dipakai. Kontrak lengkap: data/raw/README.md, bagian "pengaturan.toml" (di repositori spakanalysis).

[respons]
# pola nama berkas respons di folder ini (bawaan "respons*")
# berkas = "ekspor_3as_*"

# pola strftime kolom waktu pengisian, bila ekspor memakai DD/MM/YYYY (bawaan: ISO 8601 saja)
# format_waktu = "%d/%m/%Y %H:%M:%S"

# zona waktu jam yang tertulis di ekspor bila tanpa zona (bawaan: zona satker di registri)
# zona_waktu = "Asia/Makassar"

# lembar berkas XLSX yang berisi respons (bawaan: lembar pertama)
# lembar = "Respons"
'''

_KANWIL = '''\
# Kop surat dan penandatangan surat pengantar. Lengkapi, simpan sebagai kanwil.toml, dan letakkan
# logo kantor (png/svg/jpg) di folder ini. Tanpa kanwil.toml laporan tetap dibuat, tanpa surat.
nama_kanwil = "Kantor Wilayah Kementerian Hukum dan HAM ..."
alamat = "Jl. ..."
telepon = "(0000) 000000"
email = "nama@instansi.go.id"
situs = "instansi.go.id"
logo = "logo_kanwil.png"
jabatan_penandatangan = "Kepala Divisi Pelayanan Hukum dan HAM"
nama_penandatangan = "..."
nip_penandatangan = "..."
# {nomor} = urutan satker di satker.csv
pola_nomor = "W00.PP.04.03-{nomor:03d}"
kota_surat = "..."
# {periode} = nama periode, mis. "Triwulan III 2024"
perihal = "Hasil Monitoring Survei SPKP dan SPAK {periode}"
tembusan = ["Arsip"]
'''

_README = '''\
# Folder data Kanwil (dibuat oleh `spakanalysis siapkan`)

Yang harus diisi, berurutan:

1. **Registri satker**: isi `satker.csv` *atau* `satker.xlsx` (hapus yang tidak dipakai), satu baris per
   satker. Kolom wajib: kode_satker, nama_satker, jenis_satker, kanwil, jumlah_pengguna_layanan (rata-rata
   pengguna layanan per bulan pada periode acuan), periode_acuan. Ganti atau hapus baris contoh `CONTOH`.
2. **Ekspor respons**: salin ekspor aplikasi survei (CSV atau XLSX) ke folder ini, dengan nama `respons...`
   (mis. `respons_2024_juli.csv`), atau nyatakan polanya di `pengaturan.toml` (`berkas`). Ekspor SPKP dan SPAK
   boleh terpisah.
3. **Pemetaan kolom**: jalankan `spakanalysis petakan respons_....csv --data .` lalu periksa
   `pemetaan_kolom.csv` yang diusulkan (kolom yang tidak terpetakan disebutkan).
4. **Pengaturan** (bila perlu): `pengaturan.toml`, mis. format tanggal DD/MM/YYYY.
5. **Kodebook**: `instrumen.csv` berisi butir SPKP, SPAK dan SKM standar (teks pertanyaan sementara); sesuaikan
   kode_butir dan teks pertanyaan dengan kuesioner aplikasi Anda.
6. **Surat pengantar** (opsional): lengkapi `kanwil.toml.contoh`, simpan sebagai `kanwil.toml`.

Lalu `spakanalysis validasi --data .` menyebutkan apa yang masih kurang, dan
`spakanalysis laporan --semua --periode 2024-Q3 --data . --keluaran laporan` membuat laporannya.
Folder ini hanya dibaca oleh spakanalysis; laporan ditulis ke folder keluaran.
'''

SKELETON_FILES = ("satker.csv", "satker.xlsx", "instrumen.csv", "pemetaan_kolom.csv", "pengaturan.toml",
                  "kanwil.toml.contoh", "README.md")


def _registry_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(sc.REGISTRY_COLUMNS)
    writer.writerow([_EXAMPLE_ROW[c] for c in sc.REGISTRY_COLUMNS])
    return out.getvalue()


def _registry_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "satker"
    ws.append(list(sc.REGISTRY_COLUMNS))
    ws.append([int(v) if c == "jumlah_pengguna_layanan" else (v or None) for c, v in _EXAMPLE_ROW.items()])
    for cell in ws[1]:
        cell.font = openpyxl.styles.Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = max(14, len(str(cell.value)) + 2)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def create_skeleton(folder: str | Path) -> list[Path]:
    """Write the data-folder skeleton into ``folder`` (created; must be new or empty).

    Returns
    -------
    list of Path
        The files written, in :data:`SKELETON_FILES` order.

    Raises
    ------
    SpakError
        ``folder`` is a file, or a folder that is not empty (nothing is written then).
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise SpakError(f"{folder} adalah berkas, bukan folder.")
    if folder.is_dir() and any(folder.iterdir()):
        raise SpakError(f"Folder {folder} tidak kosong; siapkan hanya mengisi folder baru atau kosong "
                        "(tidak ada berkas yang ditimpa).")
    contents: dict[str, str | bytes] = {
        "satker.csv": _registry_csv(),
        "satker.xlsx": _registry_xlsx(),
        "instrumen.csv": standard_codebook_text(),
        "pemetaan_kolom.csv": ",".join(sc.MAPPING_COLUMNS) + "\n",
        "pengaturan.toml": _SETTINGS,
        "kanwil.toml.contoh": _KANWIL,
        "README.md": _README,
    }
    return write_outputs_atomic({folder / name: contents[name] for name in SKELETON_FILES})
