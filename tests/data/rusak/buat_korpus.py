"""Regenerate the bad-input corpus in ``tests/data/rusak/`` (deterministic).

Run from the project root::

    python tests/data/rusak/buat_korpus.py

Writes ``_dasar/`` (a small valid data folder: 6 satkers x 18 responses) and one
folder per case holding only the files that *override* the base (see README.md
for the convention). The output is committed; this script only documents how it
was made and lets it be rebuilt byte for byte.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DASAR = ROOT / "_dasar"

SATKER_KOLOM = [
    "kode_satker", "nama_satker", "jenis_satker", "kanwil", "kota",
    "jumlah_pengguna_layanan", "periode_acuan", "zona_waktu", "hari_layanan",
]
SATKER = [
    ["KWNTT", "Kantor Wilayah Kemenkumham NTT", "Kanwil", "Kanwil Kemenkumham NTT", "Kupang", "120", "2024-Q1", "Asia/Makassar", "senin-jumat"],
    ["LPKUPANG", "Lapas Kelas IIA Kupang", "Lapas", "Kanwil Kemenkumham NTT", "Kupang", "48", "2024-Q1", "", ""],
    ["KIMKUPANG", "Kantor Imigrasi Kelas I TPI Kupang", "Kantor Imigrasi", "Kanwil Kemenkumham NTT", "Kupang", "300", "2024-Q1", "Asia/Makassar", "senin-jumat"],
    ["RTKUPANG", "Rutan Kelas IIB Kupang", "Rutan", "Kanwil Kemenkumham NTT", "Kupang", "90", "2024-Q1", "", "kalender"],
    ["BPKUPANG", "Bapas Kelas II Kupang", "Bapas", "Kanwil Kemenkumham NTT", "Kupang", "60", "2024-Q1", "", ""],
    ["LPPKUPANG", "LPP Kelas III Kupang", "LPP", "Kanwil Kemenkumham NTT", "Kupang", "75", "2024-Q1", "", ""],
]
SPKP = ["spkp_prosedur", "spkp_persyaratan", "spkp_biaya", "spkp_waktu", "spkp_respon", "spkp_performa", "spkp_sarana", "spkp_pengaduan"]
SPAK = ["spak_diskriminasi", "spak_kecurangan", "spak_imbalan", "spak_pungli", "spak_percaloan"]
RESPONS_KOLOM = [
    "id_respons", "waktu_isi", "kode_satker", "jenis_layanan", "jenis_responden",
    "jenis_kelamin", "kelompok_usia", "pendidikan", "pekerjaan", *SPKP, *SPAK,
    "saran", "nama", "no_hp", "email", "nik", "alamat",
]
LAYANAN = {
    "KWNTT": "Layanan Informasi", "LPKUPANG": "Layanan Kunjungan", "KIMKUPANG": "Paspor",
    "RTKUPANG": "Layanan Kunjungan", "BPKUPANG": "Litmas", "LPPKUPANG": "Layanan Kunjungan",
}
SARAN = ["Pelayanan cepat", "Ruang tunggu perlu kipas", "Terima kasih", "Antrean tertib", ""]
NAMA = ["Maria Sesa", "Yohanes Bria", "Agus Lede", "Ani Tefa", "Yakob Nenu", "Sisilia Bana"]
INSTRUMEN = """instrumen,kode_butir,unsur,pertanyaan,skala_min,skala_maks,terbalik,bobot
SPKP,spkp_prosedur,Prosedur,Prosedur pelayanan mudah dipahami,1,4,tidak,
SPKP,spkp_persyaratan,Persyaratan,Persyaratan pelayanan jelas dan sesuai,1,4,tidak,
SPKP,spkp_biaya,Biaya/tarif,Biaya pelayanan sesuai ketentuan,1,4,tidak,
SPKP,spkp_waktu,Waktu penyelesaian,Waktu penyelesaian sesuai standar,1,4,tidak,
SPKP,spkp_respon,Respon petugas,Petugas sopan dan responsif,1,4,tidak,
SPKP,spkp_performa,Performa/kompetensi,Petugas kompeten,1,4,tidak,
SPKP,spkp_sarana,Sarana prasarana,Sarana prasarana memadai,1,4,tidak,
SPKP,spkp_pengaduan,Pengaduan,Pengaduan ditangani dengan baik,1,4,tidak,
SPAK,spak_diskriminasi,Diskriminasi,Tidak ada diskriminasi pelayanan,1,4,tidak,
SPAK,spak_kecurangan,Kecurangan,Tidak ada pelayanan di luar prosedur,1,4,tidak,
SPAK,spak_imbalan,Imbalan,Tidak ada permintaan imbalan,1,4,tidak,
SPAK,spak_pungli,Pungutan liar,Tidak ada pungutan liar,1,4,tidak,
SPAK,spak_percaloan,Percaloan,Tidak ada percaloan,1,4,tidak,
"""


def base_responses() -> list[list[str]]:
    """6 responses per satker per month (Jul, Aug, Sep 1-17 2024), WITA, deterministic."""
    rng = random.Random(20240918)
    rows = []
    n = 0
    for kode, *_ in SATKER:
        for month in (7, 8, 9):
            for k in range(6):
                n += 1
                day = 2 + k * 2 + (1 if month == 9 else 0)
                t = datetime(2024, month, day, 8, 0) + timedelta(minutes=rng.randrange(0, 8 * 60))
                answers = [str(rng.choice([3, 3, 4, 4, 4, 2])) for _ in SPKP + SPAK]
                nama = rng.choice(NAMA)
                rows.append([
                    f"R{n:04d}", t.strftime("%Y-%m-%d %H:%M:%S+08:00"), kode, LAYANAN[kode], "eksternal",
                    rng.choice(["Perempuan", "Laki-laki"]), rng.choice(["18-24", "25-34", "35-44", "45-54"]),
                    rng.choice(["SMA", "S1", "SMP"]), rng.choice(["Swasta", "Petani", "PNS"]),
                    *answers, rng.choice(SARAN), nama, f"0812345{n:05d}",
                    f"{nama.split()[0].lower()}{n}@example.com", f"53710101{n:08d}", f"Jl. Contoh {n}, Kupang",
                ])
    return rows


def to_csv(header: list[str], rows: list[list[str]], sep: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write(case: str, name: str, content: str | bytes) -> None:
    folder = ROOT / case
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))


def col(name: str) -> int:
    return RESPONS_KOLOM.index(name)


def row_of(rows: list[list[str]], kode: str, k: int = 0) -> int:
    """Index (0-based, in data rows) of the k-th response of a satker."""
    return [i for i, r in enumerate(rows) if r[col("kode_satker")] == kode][k]


def registry_with(kode: str, column: str, value: str) -> str:
    rows = [list(r) for r in SATKER]
    for r in rows:
        if r[0] == kode:
            r[SATKER_KOLOM.index(column)] = value
    return to_csv(SATKER_KOLOM, rows)


def responses_with(changes: dict[tuple[int, str], str]) -> str:
    rows = [list(r) for r in base_responses()]
    for (i, name), value in changes.items():
        rows[i][col(name)] = value
    return to_csv(RESPONS_KOLOM, rows)


def main() -> None:
    for p in ROOT.iterdir():
        if p.is_dir():
            shutil.rmtree(p)
    base = base_responses()
    respons_csv = to_csv(RESPONS_KOLOM, base)
    write("_dasar", "satker.csv", to_csv(SATKER_KOLOM, SATKER))
    write("_dasar", "instrumen.csv", INSTRUMEN)
    write("_dasar", "respons_2024.csv", respons_csv)
    lines = respons_csv.splitlines(keepends=True)

    # --- whole-file problems
    write("berkas_kosong", "respons_2024.csv", "")
    write("hanya_header", "respons_2024.csv", lines[0])
    write("pemisah_tab", "respons_2024.csv", to_csv(RESPONS_KOLOM, base, sep="\t"))
    write("pemisah_garis_tegak", "respons_2024.csv", to_csv(RESPONS_KOLOM, base, sep="|"))
    i = row_of(base, "KIMKUPANG", 2)
    latin = responses_with({(i, "saran"): "Petugas José sangat ramah"})
    write("enkode_latin1", "respons_2024.csv", latin.encode("latin-1"))
    # a quoted two-line comment in row 6: the byte 0xE9 is in spreadsheet row 21 but on text line 22
    latin = responses_with({(4, "saran"): "Pelayanan baik\nterima kasih", (19, "saran"): "Petugas José ramah"})
    write("enkode_latin1_saran_dua_baris", "respons_2024.csv", latin.encode("latin-1"))
    last = lines[-1]
    write("berkas_terpotong", "respons_2024.csv", "".join(lines[:-1]) + last[: len(last) // 3])
    unterminated = responses_with({})
    body = unterminated.splitlines(keepends=True)
    fields = body[-1].rstrip("\n").split(",")
    fields[col("saran")] = '"Pelayanan baik, tetapi'
    write("kutip_tidak_ditutup", "respons_2024.csv", "".join(body[:-1]) + ",".join(fields[: col("saran") + 1]))
    i = row_of(base, "RTKUPANG", 1)
    wide = respons_csv.splitlines(keepends=True)
    f = wide[i + 1].rstrip("\n").split(",")
    f[col("saran")] = "Pelayanan baik, cepat"  # unquoted comma: one field too many
    wide[i + 1] = ",".join(f) + "\n"
    write("jumlah_kolom_berlebih", "respons_2024.csv", "".join(wide))
    drop = col("jenis_responden")
    write("kolom_wajib_hilang", "respons_2024.csv",
          to_csv([c for k, c in enumerate(RESPONS_KOLOM) if k != drop], [[v for k, v in enumerate(r) if k != drop] for r in base]))
    dropr = SATKER_KOLOM.index("jumlah_pengguna_layanan")
    write("registri_kolom_hilang", "satker.csv",
          to_csv([c for k, c in enumerate(SATKER_KOLOM) if k != dropr], [[v for k, v in enumerate(r) if k != dropr] for r in SATKER]))
    write("instrumen_tidak_ada", "_hapus.txt", "instrumen.csv\n")
    write("xlsx_rusak", "respons_2024.xlsx", "ini bukan berkas xlsx, hanya teks biasa\n")
    write("xlsx_rusak", "_hapus.txt", "respons_2024.csv\n")

    # --- accepted
    write("bom_utf8", "respons_2024.csv", b"\xef\xbb\xbf" + to_csv(RESPONS_KOLOM, base, sep=";").encode("utf-8"))
    title = to_csv(["Ekspor Survei SPKP & SPAK — Kanwil Kemenkumham NTT"], [[""]]) + respons_csv
    write("xlsx_baris_judul", "respons_2024.xlsx.csv", title)
    write("xlsx_baris_judul", "_hapus.txt", "respons_2024.csv\n")
    extra = ["Catatan Petugas", "versi_aplikasi"]
    write("kolom_tambahan", "respons_2024.csv", to_csv(RESPONS_KOLOM + extra, [r + ["diinput ulang", "3.2.1"] for r in base]))
    write("zona_waktu_utc", "respons_2024.csv", responses_with({
        (row_of(base, "LPKUPANG", 5), "waktu_isi"): "2024-07-31T17:30:00Z",       # 1 Aug 01:30 WITA
        (row_of(base, "LPKUPANG", 4), "waktu_isi"): "2024-07-31 23:30:00",        # naive = WITA: 31 Jul
        (row_of(base, "LPKUPANG", 3), "waktu_isi"): "2024-07-31T23:30:00+07:00",  # WIB: 1 Aug 00:30 WITA
        (row_of(base, "LPKUPANG", 2), "waktu_isi"): "2024-07-31T15:59:59+00:00",  # 31 Jul 23:59:59 WITA
    }))

    # --- row problems in respons_2024.csv
    dup = [list(r) for r in base]
    a, b = row_of(base, "KIMKUPANG", 0), row_of(base, "KIMKUPANG", 4)
    dup[b][col("id_respons")] = dup[a][col("id_respons")]
    write("kiriman_ganda_id", "respons_2024.csv", to_csv(RESPONS_KOLOM, dup))
    dup = [list(r) for r in base]
    for r in dup:
        r[col("id_respons")] = ""
    a = row_of(base, "RTKUPANG", 2)
    dup.insert(a + 1, list(dup[a]))
    write("kiriman_ganda_tanpa_id", "respons_2024.csv", to_csv(RESPONS_KOLOM, dup))
    # an analyst re-exports August into a second file, without the id column
    august = [[v for k, v in enumerate(r) if k != col("id_respons")] for r in base if r[col("waktu_isi")][:7] == "2024-08"]
    write("kiriman_ganda_antar_berkas", "respons_2024_agustus.csv", to_csv(RESPONS_KOLOM[1:], august))
    # NUL, an ANSI escape and a right-to-left override pasted into text cells; the registry name holds a BEL
    write("karakter_kendali", "respons_2024.csv", responses_with({
        (row_of(base, "LPKUPANG", 2), "saran"): "Antrean\x00 lama\x1b[31m sekali",
        (row_of(base, "KIMKUPANG", 1), "jenis_layanan"): "Paspor\u202e",
    }))
    write("karakter_kendali", "satker.csv", registry_with("BPKUPANG", "nama_satker", "Bapas Kelas II\x07 Kupang"))
    write("skala_0", "respons_2024.csv", responses_with({(row_of(base, "KIMKUPANG", 3), "spkp_biaya"): "0"}))
    write("skala_7", "respons_2024.csv", responses_with({(row_of(base, "LPKUPANG", 3), "spkp_waktu"): "7"}))
    write("skala_teks", "respons_2024.csv", responses_with({(row_of(base, "KIMKUPANG", 5), "spak_pungli"): "baik"}))
    write("skala_desimal", "respons_2024.csv", responses_with({(row_of(base, "BPKUPANG", 1), "spkp_sarana"): "3,5"}))
    write("tanggal_ddmmyyyy", "respons_2024.csv", responses_with({(row_of(base, "RTKUPANG", 4), "waktu_isi"): "15/07/2024 09:15"}))
    write("waktu_masa_depan", "respons_2024.csv", responses_with({(row_of(base, "KWNTT", 2), "waktu_isi"): "2099-07-01 09:00:00+08:00"}))
    write("waktu_kosong", "respons_2024.csv", responses_with({(row_of(base, "LPPKUPANG", 2), "waktu_isi"): ""}))
    write("satker_tidak_dikenal", "respons_2024.csv", responses_with({(row_of(base, "KWNTT", 7), "kode_satker"): "LPXYZ"}))
    write("jenis_responden_salah", "respons_2024.csv", responses_with({(row_of(base, "BPKUPANG", 6), "jenis_responden"): "umum"}))

    # --- registry problems in satker.csv
    write("populasi_nol", "satker.csv", registry_with("KWNTT", "jumlah_pengguna_layanan", "0"))
    write("populasi_negatif", "satker.csv", registry_with("RTKUPANG", "jumlah_pengguna_layanan", "-5"))
    write("populasi_teks", "satker.csv", registry_with("BPKUPANG", "jumlah_pengguna_layanan", "enam puluh"))
    write("respons_melebihi_populasi", "satker.csv", registry_with("LPKUPANG", "jumlah_pengguna_layanan", "4"))
    write("populasi_ribuan", "satker.csv", registry_with("KIMKUPANG", "jumlah_pengguna_layanan", "1.300"))
    write("populasi_desimal", "satker.csv", registry_with("LPKUPANG", "jumlah_pengguna_layanan", "12,5"))
    unsafe = [list(r) for r in SATKER]
    for code in ("./../../x", "LP/KPG", "..", "a b"):
        unsafe.append([code, f"Satker {code}", "Lapas", "Kanwil Kemenkumham NTT", "Kupang", "50", "2024-Q1", "", ""])
    write("kode_satker_tidak_aman", "satker.csv", to_csv(SATKER_KOLOM, unsafe))
    write("kode_satker_tidak_aman", "respons_2024.csv", responses_with({(row_of(base, "KWNTT", 7), "kode_satker"): "LP/KPG"}))
    write("zona_waktu_registri_salah", "satker.csv", registry_with("KIMKUPANG", "zona_waktu", "WITA"))
    rows = [list(r) for r in SATKER]
    k = [r[0] for r in rows].index("LPPKUPANG")
    twin = list(rows[k])
    twin[1] = "LPP Kupang (baris ganda)"
    rows.insert(k + 1, twin)
    write("kode_satker_ganda", "satker.csv", to_csv(SATKER_KOLOM, rows))


if __name__ == "__main__":
    main()
