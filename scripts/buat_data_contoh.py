#!/usr/bin/env python
"""Buat data contoh SINTETIS untuk spakanalysis (Kanwil Kemenkumham NTT, Januari–September 2024).

Berkas yang ditulis (mengikuti kontrak data di ``data/raw/README.md``):

* ``satker.csv``          registri satker (koma, UTF-8)
* ``instrumen.csv``       kodebook SPKP (8 butir), SPAK (5 butir), SKM (9 unsur) (koma, UTF-8)
* ``pemetaan_kolom.csv``  judul kolom ekspor aplikasi -> nama kolom baku (koma, UTF-8)
* ``respons_2024.csv``    respons survei Juli–September gaya ekspor aplikasi (titik koma, UTF-8 dengan BOM)
* ``respons_2024_jan-jun.csv``  respons Januari–Juni, format sama, ID ``3AS-2024-A…`` (lewati: ``--tanpa-jan-jun``);
  aliran acak sendiri ``default_rng([seed, nomor_satker, 1])`` sehingga berkas Juli–September tidak berubah

Set nasional (``--kanwil N``, 1–33): N Kanwil Kemenkumham per provinsi (yang pertama tetap NTT, jadi
``--kanwil 1`` sama dengan bawaan), satker dibagi rata, setiap Kanwil dengan satker kantor wilayahnya
(N = 48, minimum 43), ``kode_satker`` unik secara nasional, kolom ``kanwil`` terisi dan zona waktu serta
waktu pengisian mengikuti provinsinya (WIB/WITA/WIT).

Semua nama, nomor telepon, NIK, e-mail, alamat, jumlah pengguna layanan, respons dan saran adalah
karangan. Keluaran deterministik: seed tetap (``numpy.random.default_rng``), setiap satker memakai
aliran acak sendiri ``default_rng([seed, nomor_satker])`` sehingga data satker ke-k sama berapa pun
jumlah satker yang dibuat; tidak bergantung pada tanggal hari ini.

Pemakaian::

    python scripts/buat_data_contoh.py                          # data contoh -> data/raw
    python scripts/buat_data_contoh.py --keluaran /tmp/besar --satker 1000   # set besar untuk benchmark
    python scripts/buat_data_contoh.py --keluaran /tmp/x --satker 200 --skala-respons 2
    python scripts/buat_data_contoh.py --keluaran /tmp/nas --satker 1000 --kanwil 33   # set nasional, 33 Kanwil
    python scripts/buat_data_contoh.py --keluaran /tmp/t --daftar-tanam /tmp/t_id.txt   # ID baris karangan
    python scripts/buat_data_contoh.py --keluaran /tmp/asli --tanpa-pola                 # tanpa pola karangan

Pola karangan (``--tanam-pola``, bawaan AKTIF; ``--tanpa-pola`` mematikannya dan memberi keluaran tanpa
baris karangan). Untuk menguji tanda kualitas data dan agar laporan contoh menampilkan bagian "Kualitas
data" dengan isi nyata, dua satker diberi isian yang SENGAJA dikarang seperti diisi petugas
(aliran acak sendiri ``default_rng([seed, 777_777])``; baris lain tidak berubah isinya, hanya nomor ID
yang bergeser karena baris tambahan):

* ``LPMAUMERE`` — 8 "rentetan" pada hari kerja Agustus–September (4 per bulan), masing-masing 7–12
  kiriman dalam jam layanan 09.00–14.00 berselang 30–90 detik, dengan vektor jawaban sama (sebagian
  berbeda satu butir), sebagian dengan teks saran yang sama persis;
* ``KIMKUPANG`` — 120 kiriman September dengan nilai maksimum (4) pada semua butir SPKP dan SPAK,
  diisi di luar jam layanan (18.00–22.30 hari kerja dan Minggu).

Semua baris karangan eksternal dan lengkap (jadi ikut dihitung sebagai respons sah, seperti isian
palsu sungguhan). ``--daftar-tanam FILE`` menulis ID baris karangan (satu per baris) untuk tes.

Skrip ini sengaja tidak mengimpor ``spakanalysis``: jumlah sampel minimum dihitung sendiri
(Krejcie–Morgan dibulatkan ke terdekat untuk N >= 30, Slovin e = 0,05 dibulatkan ke atas untuk N < 30).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import numpy as np

SEED = 20240701
KANWIL = "Kanwil Kemenkumham NTT"
PERIODE_ACUAN = "2024-Q1"
ZONA_WAKTU = "Asia/Makassar"
TAHUN = 2024
BULAN = (7, 8, 9)
MULAI = date(2024, 7, 1)
AKHIR = date(2024, 9, 30)
# Libur nasional 2024 dalam periode (sama dengan paket `holidays`, negara ID; tidak ada cuti bersama
# Juli–September 2024). Ditulis tetap di sini agar keluaran tidak bergantung pada versi paket.
LIBUR = {date(2024, 7, 7), date(2024, 8, 17), date(2024, 9, 16)}
# Januari–Juni 2024 (berkas terpisah ``respons_2024_jan-jun.csv``): libur nasional dan cuti bersama menurut
# paket `holidays` (negara ID, kategori public + government), juga ditulis tetap.
MULAI_AWAL = date(2024, 1, 1)
AKHIR_AWAL = date(2024, 6, 30)
BULAN_AWAL = (1, 2, 3, 4, 5, 6)
LIBUR_AWAL = {
    date(2024, 1, 1), date(2024, 2, 8), date(2024, 2, 9), date(2024, 2, 10), date(2024, 2, 14),
    date(2024, 3, 11), date(2024, 3, 12), date(2024, 3, 29), date(2024, 3, 31), date(2024, 4, 8),
    date(2024, 4, 9), date(2024, 4, 10), date(2024, 4, 11), date(2024, 4, 12), date(2024, 4, 15),
    date(2024, 5, 1), date(2024, 5, 9), date(2024, 5, 10), date(2024, 5, 23), date(2024, 5, 24),
    date(2024, 6, 1), date(2024, 6, 17), date(2024, 6, 18),
}
BERKAS_AWAL = "respons_2024_jan-jun.csv"
PREFIKS_ID_AWAL = "3AS-2024-A"  # ID Januari–Juni: urutan sendiri, tidak bertabrakan dengan 3AS-2024-000001…

# ---------------------------------------------------------------------------------------------------
# Jumlah sampel minimum (dihitung sendiri, eksak dengan Fraction)
# ---------------------------------------------------------------------------------------------------


def krejcie_morgan(n_pop: int) -> int:
    """Krejcie & Morgan (1970), chi² = 3,841, P = 0,5, d = 0,05, dibulatkan ke terdekat."""
    chi2 = Fraction("3.841")
    pq = Fraction(1, 4)
    d2 = Fraction(1, 400)
    s = chi2 * n_pop * pq / (d2 * (n_pop - 1) + chi2 * pq)
    return math.floor(s + Fraction(1, 2))


def slovin(n_pop: int, e: Fraction = Fraction(1, 20)) -> int:
    """Slovin n = N / (1 + N e²), dibulatkan ke atas."""
    return math.ceil(Fraction(n_pop) / (1 + n_pop * e * e))


def minimum_bulanan(n_pop: int) -> tuple[str, int]:
    """Aturan Kanwil NTT: Slovin bila N < 30, selain itu Krejcie–Morgan."""
    if n_pop < 30:
        return "Slovin (e = 0,05, ke atas)", slovin(n_pop)
    return "Krejcie–Morgan (terdekat)", krejcie_morgan(n_pop)


# ---------------------------------------------------------------------------------------------------
# Instrumen
# ---------------------------------------------------------------------------------------------------

# (instrumen, kode_butir, unsur, pertanyaan). Teks pertanyaan PROVISIONAL (teks resmi tidak tersedia),
# dirumuskan agar nilai tinggi = lebih baik/lebih bersih. Tanpa koma/titik koma agar judul kolom ekspor
# tetap sederhana.
BUTIR_SPKP = [  # unsur aplikasi survei 3AS Kemenkumham menurut uraian publik Kanwil (lihat data/raw/README.md)
    ("spkp_prosedur", "Prosedur/Alur Pelayanan", "Prosedur dan alur pelayanan mudah dipahami dan diikuti"),
    ("spkp_persyaratan", "Persyaratan Pelayanan", "Persyaratan pelayanan jelas dan sesuai dengan jenis layanan"),
    ("spkp_biaya", "Biaya/Tarif", "Biaya/tarif pelayanan sesuai dengan ketentuan yang ditetapkan"),
    ("spkp_waktu", "Jangka Waktu Penyelesaian", "Jangka waktu penyelesaian pelayanan sesuai dengan standar yang ditetapkan"),
    ("spkp_respon", "Respons Petugas", "Petugas bersikap sopan dan ramah serta tanggap terhadap kebutuhan pengguna layanan"),
    ("spkp_informasi", "Informasi Pelayanan", "Informasi pelayanan tersedia lengkap dan mudah diperoleh"),
    ("spkp_sarana", "Sarana Prasarana", "Sarana dan prasarana pelayanan nyaman dan memadai"),
    ("spkp_pengaduan", "Layanan Konsultasi dan Pengaduan", "Layanan konsultasi dan pengaduan tersedia dan ditindaklanjuti dengan baik"),
]
BUTIR_SPAK = [
    ("spak_diskriminasi", "Diskriminasi Pelayanan", "Petugas memberikan pelayanan yang sama kepada semua pengguna layanan tanpa diskriminasi"),
    ("spak_kecurangan", "Kecurangan Pelayanan", "Pelayanan diberikan sesuai prosedur tanpa kecurangan atau pelayanan di luar prosedur"),
    ("spak_imbalan", "Imbalan/Gratifikasi", "Petugas tidak meminta atau menerima imbalan/gratifikasi di luar ketentuan"),
    ("spak_pungli", "Pungutan Liar", "Tidak ada pungutan liar dalam pelayanan"),
    ("spak_percaloan", "Percaloan", "Tidak ada praktik percaloan dalam pelayanan"),
]
# SKM, sembilan unsur PermenPANRB 14/2017 (tidak dipakai di respons contoh; kolom SKM opsional).
BUTIR_SKM = [
    ("skm_u1", "Persyaratan", "Kesesuaian persyaratan pelayanan dengan jenis pelayanannya"),
    ("skm_u2", "Sistem, Mekanisme dan Prosedur", "Kemudahan prosedur pelayanan di unit ini"),
    ("skm_u3", "Waktu Penyelesaian", "Kecepatan waktu dalam memberikan pelayanan"),
    ("skm_u4", "Biaya/Tarif", "Kewajaran biaya/tarif dalam pelayanan"),
    ("skm_u5", "Produk Spesifikasi Jenis Pelayanan", "Kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan"),
    ("skm_u6", "Kompetensi Pelaksana", "Kompetensi/kemampuan petugas dalam pelayanan"),
    ("skm_u7", "Perilaku Pelaksana", "Perilaku petugas dalam pelayanan terkait kesopanan dan keramahan"),
    ("skm_u8", "Penanganan Pengaduan, Saran dan Masukan", "Kualitas penanganan pengaduan pengguna layanan"),
    ("skm_u9", "Sarana dan Prasarana", "Kualitas sarana dan prasarana"),
]
BUTIR = BUTIR_SPKP + BUTIR_SPAK  # urutan kolom butir di respons
N_SPKP = len(BUTIR_SPKP)
TIDAK_MENJAWAB = "tidak menjawab"

# ---------------------------------------------------------------------------------------------------
# Satker
# ---------------------------------------------------------------------------------------------------

# Profil laju: faktor respons sah (eksternal, lengkap) per bulan terhadap minimum bulanan (Jul, Agu, Sep).
PROFIL_LAJU: dict[str, tuple[tuple[float, float, float], str]] = {
    "lebih": ((1.80, 1.90, 1.75), "di atas target"),
    "sesuai": ((1.30, 1.35, 1.28), "sesuai target"),
    "tipis": ((1.04, 1.06, 1.03), "sesuai target (tipis)"),
    "akhir": ((1.12, 1.10, 1.12), "sesuai target, menumpuk di akhir bulan"),
    "tertinggal": ((0.62, 0.55, 0.66), "tertinggal"),
    "sangat": ((0.42, 0.46, 0.40), "sangat tertinggal"),
    "turun_sep": ((1.22, 1.18, 0.50), "sesuai target Juli–Agustus, tertinggal September"),
    "nol": ((0.0, 0.0, 0.0), "tanpa respons"),
}


@dataclass(frozen=True)
class Satker:
    kode: str
    nama: str
    jenis: str
    kota: str
    n_pop: int
    hari_layanan: str = ""
    laju: str = "sesuai"
    lemah: dict[str, float] = field(default_factory=dict)  # kode_butir -> rata-rata target
    kanwil: str = KANWIL
    zona: str = ZONA_WAKTU
    wilayah: str = "5371"  # kode wilayah NIK bila kota tidak ada di KODE_WILAYAH


# Nama satker mengikuti satker Kanwil Kemenkumham NTT; angka N karangan.
SATKER_DASAR: list[Satker] = [
    Satker("KWNTT", "Kantor Wilayah Kementerian Hukum dan HAM NTT", "Kanwil", "Kupang", 48),
    Satker("LPKUPANG", "Lapas Kelas IIA Kupang", "Lapas", "Kupang", 1450, laju="lebih"),
    Satker("LPPKUPANG", "Lapas Perempuan Kelas III Kupang", "LPP", "Kupang", 210),
    Satker("LPKAKUPANG", "LPKA Kelas I Kupang", "LPKA", "Kupang", 160, laju="tertinggal"),
    Satker("RTKUPANG", "Rutan Kelas IIA Kupang", "Rutan", "Kupang", 980, hari_layanan="kalender"),
    Satker("LPATAMBUA", "Lapas Kelas IIB Atambua", "Lapas", "Atambua", 620, laju="turun_sep"),
    Satker("LPENDE", "Lapas Kelas IIB Ende", "Lapas", "Ende", 540, laju="tipis"),
    Satker("LPWAINGAPU", "Lapas Kelas IIA Waingapu", "Lapas", "Waingapu", 430, laju="sangat", lemah={"spkp_sarana": 2.55}),
    Satker("LPMAUMERE", "Lapas Kelas IIB Maumere", "Lapas", "Maumere", 480),
    Satker("RTSOE", "Rutan Kelas IIB Soe", "Rutan", "Soe", 310, lemah={"spkp_waktu": 2.65}),
    Satker("RTKEFA", "Rutan Kelas IIB Kefamenanu", "Rutan", "Kefamenanu", 260, laju="tertinggal"),
    Satker("RTKALABAHI", "Rutan Kelas IIB Kalabahi", "Rutan", "Kalabahi", 190, laju="lebih"),
    Satker("RTRUTENG", "Rutan Kelas IIB Ruteng", "Rutan", "Ruteng", 240),
    Satker("RTBAA", "Rutan Kelas IIB Ba'a", "Rutan", "Ba'a", 30),
    Satker("BPKUPANG", "Bapas Kelas I Kupang", "Bapas", "Kupang", 140),
    Satker("BPATAMBUA", "Bapas Kelas II Atambua", "Bapas", "Atambua", 25),
    Satker("KIMKUPANG", "Kantor Imigrasi Kelas I TPI Kupang", "Kantor Imigrasi", "Kupang", 2400),
    Satker("KIMATAMBUA", "Kantor Imigrasi Kelas II TPI Atambua", "Kantor Imigrasi", "Atambua", 900, laju="akhir"),
    Satker("KIMMAUMERE", "Kantor Imigrasi Kelas II TPI Maumere", "Kantor Imigrasi", "Maumere", 650, laju="tertinggal", lemah={"spak_percaloan": 3.15}),
    Satker("KIMLBJ", "Kantor Imigrasi Kelas II TPI Labuan Bajo", "Kantor Imigrasi", "Labuan Bajo", 1100, hari_layanan="senin-sabtu", laju="lebih"),
    Satker("RBKUPANG", "Rupbasan Kelas I Kupang", "Rupbasan", "Kupang", 18, laju="nol"),
]

# Untuk mode besar: satker tambahan dibuat dengan memutar jenis-jenis ini (tanpa Kanwil).
_PREFIKS = {"Lapas": "LP", "LPP": "LPP", "LPKA": "LPKA", "Rutan": "RT", "Bapas": "BP", "Kantor Imigrasi": "KIM", "Rupbasan": "RB"}
_NAMA_JENIS = {
    "Lapas": "Lapas Kelas IIB",
    "LPP": "Lapas Perempuan Kelas III",
    "LPKA": "LPKA Kelas II",
    "Rutan": "Rutan Kelas IIB",
    "Bapas": "Bapas Kelas II",
    "Kantor Imigrasi": "Kantor Imigrasi Kelas II TPI",
    "Rupbasan": "Rupbasan Kelas II",
}

LAYANAN = {
    "Kanwil": (
        ["Layanan Hukum", "Layanan HAM", "Layanan Kekayaan Intelektual", "Layanan Administrasi Hukum Umum"],
        [0.30, 0.15, 0.30, 0.25],
    ),
    "Lapas": (["Layanan Kunjungan", "Layanan Integrasi (PB/CB/CMB)", "Layanan Informasi"], [0.75, 0.12, 0.13]),
    "Kantor Imigrasi": (["Penerbitan Paspor", "Izin Tinggal", "Layanan Pengaduan"], [0.75, 0.18, 0.07]),
    "Bapas": (["Penelitian Kemasyarakatan (Litmas)", "Pembimbingan Klien"], [0.55, 0.45]),
    "Rupbasan": (["Penitipan Basan/Baran"], [1.0]),
}
for _j in ("Rutan", "LPKA", "LPP"):
    LAYANAN[_j] = LAYANAN["Lapas"]

PEMASYARAKATAN = {"Lapas", "Rutan", "LPKA", "LPP"}

# ---------------------------------------------------------------------------------------------------
# Demografi dan data pribadi karangan
# ---------------------------------------------------------------------------------------------------

JENIS_KELAMIN = ["Laki-laki", "Perempuan"]
USIA = ["<20", "20–29", "30–39", "40–49", "≥50"]
USIA_P = [0.05, 0.27, 0.30, 0.22, 0.16]
USIA_RENTANG = [(17, 19), (20, 29), (30, 39), (40, 49), (50, 70)]
PENDIDIKAN = ["SD", "SMP", "SMA/SMK", "D3", "S1", "S2/S3"]
PENDIDIKAN_P = [0.10, 0.14, 0.40, 0.08, 0.24, 0.04]
PENDIDIKAN_P_IMIGRASI = [0.04, 0.08, 0.38, 0.10, 0.32, 0.08]
PEKERJAAN = ["PNS/TNI/Polri", "Pegawai Swasta", "Wiraswasta", "Pelajar/Mahasiswa", "Petani/Nelayan", "Lainnya"]
PEKERJAAN_P = [0.12, 0.20, 0.25, 0.10, 0.18, 0.15]
PEKERJAAN_P_INTERNAL = [0.85, 0.05, 0.02, 0.02, 0.01, 0.05]

NAMA_DEPAN_L = [
    "Yohanes", "Agustinus", "Yosef", "Petrus", "Paulus", "Antonius", "Dominggus", "Yakobus", "Marthen", "Kornelis",
    "Ferdinand", "Imanuel", "Obed", "Novianus", "Bernadus", "Fransiskus", "Aloysius", "Stefanus", "Gabriel", "Mikhael",
    "Daniel", "Yeremias", "Simon", "Melkianus", "Ahmad", "Muhammad", "Abdul", "Rahmat", "Umbu", "Frederik",
]
NAMA_DEPAN_P = [
    "Maria", "Fransiska", "Theresia", "Elisabeth", "Veronika", "Welhelmina", "Yuliana", "Adriana", "Selfina",
    "Margaretha", "Kristina", "Agnes", "Yosefina", "Anastasia", "Magdalena", "Ursula", "Getrudis", "Imelda",
    "Novita", "Santi", "Siti", "Nurhayati", "Aisyah", "Rambu", "Dewi", "Yanti", "Marlin", "Ester", "Debora", "Lidia",
]
NAMA_BELAKANG = [
    "Lado", "Bria", "Tefa", "Nope", "Manafe", "Ndun", "Pah", "Fanggidae", "Kana", "Bessie", "Tallo", "Taolin",
    "Seran", "Nahak", "Atok", "Bere", "Mau", "Kiik", "Lamak", "Wadu", "Rohi", "Riwu", "Dethan", "Tode", "Pello",
    "Benu", "Sinlae", "Dapa Loka", "Wula", "Rato", "Nggeolima", "Wolo", "Gadi", "Djawa", "Sareng", "Parera",
    "da Costa", "da Silva", "Fernandez", "Hurint", "Gobang", "Making", "Sogen", "Amaral", "Lewar", "Mandaru",
    "Sabon", "Ratu", "Lay", "Mbura", "Kolo", "Boimau", "Nenobais", "Neonbasu", "Lake", "Ga'a", "Ulu", "Babo",
]
DOMAIN_SUREL = ["gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com", "ymail.com"]
PREFIKS_HP = ["0811", "0812", "0813", "0821", "0822", "0823", "0851", "0852", "0853", "0877", "0878", "0813", "0895", "0896"]
JALAN = [
    "Jl. El Tari", "Jl. Soekarno", "Jl. Ahmad Yani", "Jl. Jend. Sudirman", "Jl. Diponegoro", "Jl. Timor Raya",
    "Jl. Frans Seda", "Jl. Gajah Mada", "Jl. Veteran", "Jl. Cak Doko", "Jl. W.J. Lalamentik", "Jl. Adisucipto",
    "Jl. Perintis Kemerdekaan", "Jl. Eltari II", "Jl. Moh. Hatta", "Jl. Kartini", "Jl. Pattimura", "Jl. Cendana",
]
# Kode wilayah NIK (53 = NTT) menurut kota satker; kota lain memakai Kota Kupang.
KODE_WILAYAH = {
    "Kupang": ["5371", "5301"], "Atambua": ["5306"], "Ende": ["5311"], "Waingapu": ["5302"], "Maumere": ["5310"],
    "Soe": ["5304"], "Kefamenanu": ["5305"], "Kalabahi": ["5307"], "Ruteng": ["5312"], "Ba'a": ["5314"],
    "Labuan Bajo": ["5315"],
}
KOTA_TAMBAHAN = ["Kupang", "Atambua", "Ende", "Waingapu", "Maumere", "Soe", "Kefamenanu", "Kalabahi", "Ruteng", "Ba'a", "Labuan Bajo"]

SARAN_UMUM = [
    "Pelayanan sudah baik, pertahankan.",
    "Petugas ramah & sigap. Terima kasih.",
    "Antrean terlalu panjang pada hari Senin, mohon tambah loket.",
    "Ruang tunggu panas, mohon ditambah kipas angin atau AC.",
    "Tempat parkir sempit, kendaraan banyak parkir di pinggir jalan.",
    'Petugas di pintu depan hanya bilang "tunggu saja", tidak ada penjelasan berapa lama.',
    "Waktu tunggu < 30 menit, sangat memuaskan.",
    "Toilet untuk pengguna layanan perlu dibersihkan lebih sering.",
    "Informasi persyaratan di website belum lengkap.",
    "Terima kasih, pelayanan cepat dan tidak dipungut biaya.",
    "Sudah bagus, tapi papan informasi perlu diperbarui.",
    "Petugas sangat membantu orang tua & lansia.",
    "Jaringan internet di ruang tunggu lemah.",
    "Mohon sediakan ruang laktasi dan tempat bermain anak.",
    "Kursi di ruang tunggu kurang, banyak yang berdiri.",
    "Mantap, lanjutkan!",
    "Tolong nomor WhatsApp pengaduan dibalas lebih cepat.",
    "Penjelasan petugas jelas dan mudah dimengerti.",
    "Air minum untuk pengguna layanan sering habis.",
    "Perlu penunjuk arah yang lebih jelas dari jalan raya ke kantor.",
    "Saya puas dengan layanan hari ini <3",
    'Label "GRATIS" di loket sangat membantu, jadi tidak ragu.',
    "Mohon tambah petugas pada jam sibuk 09.00-11.00.",
    "Pelayanan baik. Tidak ada pungli.",
    "Terima kasih atas pelayanan yang ramah & profesional.",
    "Mohon jadwal layanan diumumkan lewat media sosial.",
    "Semoga segera meraih predikat WBK/WBBM.",
    "Baik",
    "ok",
    "-",
]
# Data pribadi yang diketik responden di kotak saran (jarang; harus disamarkan di laporan).
SARAN_PRIBADI = [
    "Mohon pengaduan saya ditindaklanjuti, hubungi WA 0813-3845-2210.",
    "Tolong kirim info jadwal ke email saya: contoh.pengguna@gmail.com",
    "Berkas atas nama saya NIK 5371014507880003 belum selesai, mohon dicek.",
]
SARAN_JENIS = {
    "pemasyarakatan": [
        "Mohon disediakan pendaftaran kunjungan secara online supaya tidak antre lama.",
        "Mohon jam layanan kunjungan diperpanjang sampai sore.",
        "Pemeriksaan barang bawaan terlalu lama, mohon ditambah petugas.",
        "Antrean kunjungan tertib, tapi ruang kunjungan terlalu sempit.",
        "Informasi syarat PB/CB sudah jelas, terima kasih.",
        "Kunjungan video call sangat membantu keluarga yang jauh.",
        "Penitipan makanan untuk WBP sebaiknya dibuat loket tersendiri.",
    ],
    "Kantor Imigrasi": [
        "Pelayanan paspor cepat, selesai dalam 3 hari kerja.",
        "Kuota antrean M-Paspor cepat habis, mohon ditambah.",
        "Masih ada orang yang menawarkan jasa 'bantu urus' di luar kantor.",
        "Foto dan wawancara cepat, petugas ramah.",
        "Mohon layanan paspor simpatik di kabupaten lebih sering.",
    ],
    "Bapas": [
        "Proses litmas cepat, pembimbing kemasyarakatan sangat komunikatif.",
        "Jadwal wajib lapor mohon bisa lewat WhatsApp.",
    ],
    "Kanwil": [
        "Layanan konsultasi merek sangat membantu UMKM.",
        "Mohon sosialisasi kekayaan intelektual sampai ke desa.",
        "Biaya fotokopi berkas sebaiknya disediakan di dalam kantor.",
    ],
    "Rupbasan": ["Penyerahan barang bukti lancar."],
}

# ---------------------------------------------------------------------------------------------------
# Judul kolom ekspor aplikasi dan pemetaan
# ---------------------------------------------------------------------------------------------------

KOLOM_DEPAN = [
    ("ID Respons", "id_respons"),
    ("Waktu Pengisian", "waktu_isi"),
    ("Kode Satker", "kode_satker"),
    ("Jenis Layanan", "jenis_layanan"),
    ("Jenis Responden", "jenis_responden"),
    ("Jenis Kelamin", "jenis_kelamin"),
    ("Usia", "kelompok_usia"),
    ("Pendidikan", "pendidikan"),
    ("Pekerjaan", "pekerjaan"),
]
KOLOM_BUTIR = [(f"SPKP - {p}", k) for k, _, p in BUTIR_SPKP] + [(f"SPAK - {p}", k) for k, _, p in BUTIR_SPAK]
KOLOM_BELAKANG = [
    ("Saran dan Masukan", "saran"),
    ("Nama Responden", "nama"),
    ("No. HP", "no_hp"),
    ("Email", "email"),
    ("NIK", "nik"),
    ("Alamat", "alamat"),
]
PEMETAAN = KOLOM_DEPAN + KOLOM_BUTIR + KOLOM_BELAKANG

# ---------------------------------------------------------------------------------------------------
# Daftar satker
# ---------------------------------------------------------------------------------------------------


def daftar_satker(jumlah: int, seed: int) -> list[Satker]:
    """Satker dasar (Kanwil NTT); bila ``jumlah`` lebih besar, tambahan dengan kode bernomor."""
    if jumlah <= len(SATKER_DASAR):
        return SATKER_DASAR[:jumlah]
    out = list(SATKER_DASAR)
    templat = [s for s in SATKER_DASAR if s.jenis != "Kanwil"]
    rng = np.random.default_rng([seed, 999_999])
    for i in range(len(SATKER_DASAR), jumlah):
        t = templat[(i - len(SATKER_DASAR)) % len(templat)]
        nomor = i + 1
        n_pop = max(10, int(round(t.n_pop * float(rng.lognormal(0.0, 0.35)))))
        kota = KOTA_TAMBAHAN[int(rng.integers(len(KOTA_TAMBAHAN)))]
        out.append(
            Satker(
                kode=f"{_PREFIKS[t.jenis]}{nomor:04d}",
                nama=f"{_NAMA_JENIS[t.jenis]} Sintetis {nomor:04d}",
                jenis=t.jenis,
                kota=kota,
                n_pop=n_pop,
                hari_layanan=t.hari_layanan,
                laju=t.laju,
                lemah=dict(t.lemah),
            )
        )
    return out


# Kanwil Kemenkumham per provinsi (2024), untuk ``--kanwil N``: (nama di kolom ``kanwil``, provinsi, kode
# singkat, ibu kota, kode provinsi NIK, zona waktu). Yang pertama tetap NTT, sehingga ``--kanwil 1``
# (bawaan) memberi data yang sama dengan tanpa opsi ini. Kalimantan Utara dilayani Kanwil Kalimantan Timur.
DAFTAR_KANWIL: list[tuple[str, str, str, str, str, str]] = [
    (KANWIL, "Nusa Tenggara Timur", "NTT", "Kupang", "53", ZONA_WAKTU),
    *((f"Kanwil Kemenkumham {prov}", prov, kode, kota, nik, zona) for prov, kode, kota, nik, zona in (
        ("Aceh", "ACEH", "Banda Aceh", "11", "Asia/Jakarta"),
        ("Sumatera Utara", "SUMUT", "Medan", "12", "Asia/Jakarta"),
        ("Sumatera Barat", "SUMBAR", "Padang", "13", "Asia/Jakarta"),
        ("Riau", "RIAU", "Pekanbaru", "14", "Asia/Jakarta"),
        ("Jambi", "JAMBI", "Jambi", "15", "Asia/Jakarta"),
        ("Sumatera Selatan", "SUMSEL", "Palembang", "16", "Asia/Jakarta"),
        ("Bengkulu", "BENGKULU", "Bengkulu", "17", "Asia/Jakarta"),
        ("Lampung", "LAMPUNG", "Bandar Lampung", "18", "Asia/Jakarta"),
        ("Kepulauan Bangka Belitung", "BABEL", "Pangkalpinang", "19", "Asia/Jakarta"),
        ("Kepulauan Riau", "KEPRI", "Tanjungpinang", "21", "Asia/Jakarta"),
        ("DKI Jakarta", "DKI", "Jakarta", "31", "Asia/Jakarta"),
        ("Jawa Barat", "JABAR", "Bandung", "32", "Asia/Jakarta"),
        ("Jawa Tengah", "JATENG", "Semarang", "33", "Asia/Jakarta"),
        ("DI Yogyakarta", "DIY", "Yogyakarta", "34", "Asia/Jakarta"),
        ("Jawa Timur", "JATIM", "Surabaya", "35", "Asia/Jakarta"),
        ("Banten", "BANTEN", "Serang", "36", "Asia/Jakarta"),
        ("Bali", "BALI", "Denpasar", "51", "Asia/Makassar"),
        ("Nusa Tenggara Barat", "NTB", "Mataram", "52", "Asia/Makassar"),
        ("Kalimantan Barat", "KALBAR", "Pontianak", "61", "Asia/Jakarta"),
        ("Kalimantan Tengah", "KALTENG", "Palangka Raya", "62", "Asia/Jakarta"),
        ("Kalimantan Selatan", "KALSEL", "Banjarmasin", "63", "Asia/Makassar"),
        ("Kalimantan Timur", "KALTIM", "Samarinda", "64", "Asia/Makassar"),
        ("Sulawesi Utara", "SULUT", "Manado", "71", "Asia/Makassar"),
        ("Sulawesi Tengah", "SULTENG", "Palu", "72", "Asia/Makassar"),
        ("Sulawesi Selatan", "SULSEL", "Makassar", "73", "Asia/Makassar"),
        ("Sulawesi Tenggara", "SULTRA", "Kendari", "74", "Asia/Makassar"),
        ("Gorontalo", "GORONTALO", "Gorontalo", "75", "Asia/Makassar"),
        ("Sulawesi Barat", "SULBAR", "Mamuju", "76", "Asia/Makassar"),
        ("Maluku", "MALUKU", "Ambon", "81", "Asia/Jayapura"),
        ("Maluku Utara", "MALUT", "Ternate", "82", "Asia/Jayapura"),
        ("Papua", "PAPUA", "Jayapura", "91", "Asia/Jayapura"),
        ("Papua Barat", "PABAR", "Manokwari", "92", "Asia/Jayapura"),
    )),
]
#: selisih waktu setempat terhadap UTC per zona (untuk kolom waktu pengisian)
OFFSET_ZONA = {"Asia/Jakarta": "+07:00", "Asia/Makassar": "+08:00", "Asia/Jayapura": "+09:00"}


def _bagi(jumlah: int, bagian: int) -> list[int]:
    """``jumlah`` dibagi rata ke ``bagian`` (sisa ke bagian pertama): 10, 3 -> [4, 3, 3]."""
    return [jumlah // bagian + (1 if k < jumlah % bagian else 0) for k in range(bagian)]


def daftar_satker_nasional(jumlah: int, n_kanwil: int, seed: int) -> list[Satker]:
    """Satker ``n_kanwil`` Kanwil (NTT dulu), dibagi rata; setiap Kanwil punya satker kantor wilayahnya.

    NTT memakai satker dasar (lalu satker tambahan bernomor); Kanwil lain: kantor wilayah (N = 48,
    minimum 43 seperti Kanwil NTT) lalu satker tambahan bernomor yang memutar jenis dan profil laju
    satker dasar mulai dari posisi yang berbeda per Kanwil. Nomor satker tambahan = urutan di registri,
    jadi ``kode_satker`` unik secara nasional.
    """
    if n_kanwil == 1:
        return daftar_satker(jumlah, seed)
    out: list[Satker] = []
    templat = [s for s in SATKER_DASAR if s.jenis != "Kanwil"]
    for k, (jumlah_k, (kanwil, prov, kode, ibu_kota, nik, zona)) in enumerate(zip(_bagi(jumlah, n_kanwil), DAFTAR_KANWIL)):
        rng = np.random.default_rng([seed, 999_999, k])
        if k == 0:
            bagian = list(SATKER_DASAR[:jumlah_k])
        else:
            bagian = [Satker(f"KW{kode}", f"Kantor Wilayah Kementerian Hukum dan HAM {prov}", "Kanwil", ibu_kota, 48,
                             kanwil=kanwil, zona=zona, wilayah=f"{nik}71")]
        while len(bagian) < jumlah_k:
            t = templat[(len(bagian) - 1 + 3 * k) % len(templat)]
            nomor = len(out) + len(bagian) + 1
            n_pop = max(10, int(round(t.n_pop * float(rng.lognormal(0.0, 0.35)))))
            kota = KOTA_TAMBAHAN[int(rng.integers(len(KOTA_TAMBAHAN)))] if k == 0 else ibu_kota
            bagian.append(Satker(kode=f"{_PREFIKS[t.jenis]}{nomor:04d}", nama=f"{_NAMA_JENIS[t.jenis]} Sintetis {nomor:04d}",
                                 jenis=t.jenis, kota=kota, n_pop=n_pop, hari_layanan=t.hari_layanan, laju=t.laju,
                                 lemah=dict(t.lemah), kanwil=kanwil, zona=zona, wilayah=f"{nik}71"))
        out += bagian
    return out


# ---------------------------------------------------------------------------------------------------
# Pembangkit respons
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rentang:
    """Hari-hari satu rentang data (Juli–September, atau Januari–Juni) dan liburnya."""

    hari: list[date]
    bulan: tuple[int, ...]
    libur: frozenset[date]

    @property
    def epoch(self) -> np.ndarray:
        return np.array([(d - date(1970, 1, 1)).days * 86400 for d in self.hari], dtype=np.int64)

    @property
    def bulan_hari(self) -> np.ndarray:
        return np.array([d.month for d in self.hari])


def _rentang(mulai: date, akhir: date, bulan: tuple[int, ...], libur: set[date]) -> Rentang:
    return Rentang([mulai + timedelta(days=i) for i in range((akhir - mulai).days + 1)], bulan, frozenset(libur))


RENTANG_Q3 = _rentang(MULAI, AKHIR, BULAN, LIBUR)
RENTANG_AWAL = _rentang(MULAI_AWAL, AKHIR_AWAL, BULAN_AWAL, LIBUR_AWAL)
HARI = RENTANG_Q3.hari
HARI_EPOCH = RENTANG_Q3.epoch
HARI_BULAN = RENTANG_Q3.bulan_hari
HARI_TGL = np.array([d.day for d in HARI])


def bobot_harian(s: Satker, r: Rentang = RENTANG_Q3) -> np.ndarray:
    """Bobot relatif tiap hari kalender dalam rentang (pola hari kerja/akhir pekan/libur)."""
    mode = s.hari_layanan or ("senin-sabtu" if s.jenis in PEMASYARAKATAN else "senin-jumat")
    w = np.empty(len(r.hari))
    for i, d in enumerate(r.hari):
        wd = d.weekday()  # 0 = Senin
        libur = d in r.libur
        if s.jenis in PEMASYARAKATAN:
            # kunjungan terutama hari kerja
            base = [1.0, 1.0, 1.0, 0.95, 0.8, 0.55, 0.03][wd]
            if mode == "kalender":
                base = [1.0, 1.0, 1.0, 0.95, 0.85, 0.8, 0.6][wd]
            w[i] = base * (0.15 if libur else 1.0)
        else:
            if mode == "senin-sabtu":
                base = [1.2, 1.05, 1.0, 1.0, 0.8, 0.55, 0.01][wd]
            else:
                base = [1.2, 1.05, 1.0, 1.0, 0.8, 0.02, 0.01][wd]
            w[i] = 0.0 if libur else base
    if s.laju == "akhir":
        # respons menumpuk pada sepuluh hari terakhir tiap bulan
        akhir_bulan = np.array([(d + timedelta(days=10)).month != d.month for d in r.hari])
        w = w * np.where(akhir_bulan, 3.5, 0.6)
    return w


_JAM_P = np.array([0.10, 0.18, 0.20, 0.17, 0.08, 0.12, 0.10, 0.05])  # 08.00 … 15.59


def detik_dalam_hari(rng: np.random.Generator, n: int) -> np.ndarray:
    """Detik sejak tengah malam: sebagian besar jam kantor, sedikit sore/malam, ~0,3% sekitar tengah malam."""
    jam = 8 + rng.choice(len(_JAM_P), size=n, p=_JAM_P)
    detik = jam * 3600 + rng.integers(0, 3600, size=n)
    u = rng.random(n)
    sore = u < 0.03
    detik[sore] = rng.integers(16 * 3600, 22 * 3600, size=int(sore.sum()))
    malam = u > 0.997
    k = int(malam.sum())
    # setengah 23.30–23.59, setengah 00.00–00.29 (tetap pada tanggal lokal yang sama)
    sebelum = rng.random(k) < 0.5
    detik[malam] = np.where(sebelum, rng.integers(23 * 3600 + 1800, 86400, size=k), rng.integers(0, 1800, size=k))
    return detik


def theta_untuk_rata(target: np.ndarray) -> np.ndarray:
    """Parameter kemiringan θ sehingga P(k) ∝ exp(θ k), k = 1..4, berrata-rata ``target`` (bisection, vektor)."""
    target = np.asarray(target, dtype=float)
    k = np.arange(1, 5)
    lo = np.full(target.shape, -10.0)
    hi = np.full(target.shape, 10.0)
    for _ in range(80):
        mid = (lo + hi) / 2
        p = np.exp(mid[..., None] * (k - 4))
        m = (p * k).sum(axis=-1) / p.sum(axis=-1)
        naik = m < target
        lo = np.where(naik, mid, lo)
        hi = np.where(naik, hi, mid)
    return (lo + hi) / 2


def rata_butir(s: Satker, rng: np.random.Generator) -> np.ndarray:
    """Rata-rata target per butir untuk satu satker (mutu khas satker)."""
    spkp = rng.uniform(3.25, 3.75) + rng.normal(0, 0.08, size=N_SPKP)
    spak = rng.uniform(3.55, 3.90) + rng.normal(0, 0.05, size=len(BUTIR_SPAK))
    m = np.concatenate([np.clip(spkp, 3.05, 3.88), np.clip(spak, 3.40, 3.96)])
    for kode, nilai in s.lemah.items():
        m[[b[0] for b in BUTIR].index(kode)] = nilai
    return m


@dataclass
class BlokSatker:
    """Respons satu satker dalam bentuk kolom (sebelum diurutkan dan diberi ID)."""

    waktu: np.ndarray  # detik epoch (waktu setempat "naif")
    baris: list[list[str]]  # kolom setelah ID & waktu
    tanam: set[int] = field(default_factory=set)  # indeks baris pola karangan (--tanam-pola)


def _pilih(rng: np.random.Generator, nilai: list[str], p: list[float] | None, n: int) -> list[str]:
    idx = rng.choice(len(nilai), size=n, p=p)
    return [nilai[i] for i in idx]


def bangkitkan_satker(indeks: int, s: Satker, seed: int, skala: float) -> tuple[BlokSatker, dict]:
    """Respons Juli–September satu satker (aliran acak ``default_rng([seed, indeks])``)."""
    rng = np.random.default_rng([seed, indeks])
    faktor, _ = PROFIL_LAJU[s.laju]
    return _bangkitkan(rng, s, skala, RENTANG_Q3, faktor, lambda: rata_butir(s, rng))


def bangkitkan_awal(indeks: int, s: Satker, seed: int, skala: float, rata_q3: np.ndarray) -> tuple[BlokSatker, dict]:
    """Respons Januari–Juni satu satker, dari aliran acak tersendiri ``default_rng([seed, indeks, 1])``.

    Volume sedikit lebih rendah (70–95% laju rata-rata Juli–September per bulan) dan rata-rata butir
    bergeser sedikit dari Juli–September (geser satker ~ N(-0,01; 0,025), per butir ~ N(0; 0,015)), sehingga
    Q2 vs Q3 memperlihatkan perubahan kecil: sebagian naik, sebagian turun, kebanyakan tidak bermakna.
    Aliran Juli–September tidak tersentuh.
    """
    rng = np.random.default_rng([seed, indeks, 1])
    dasar = float(np.mean(PROFIL_LAJU[s.laju][0]))
    faktor = tuple((dasar * rng.uniform(0.70, 0.95, size=len(BULAN_AWAL))).tolist())
    geser = rng.normal(-0.01, 0.025) + rng.normal(0.0, 0.015, size=len(rata_q3))
    rata = np.clip(rata_q3 + geser, 1.6, 3.97)
    return _bangkitkan(rng, s, skala, RENTANG_AWAL, faktor, lambda: rata)


def _bangkitkan(rng: np.random.Generator, s: Satker, skala: float, r: Rentang, faktor, rata) -> tuple[BlokSatker, dict]:
    _, minimum = minimum_bulanan(s.n_pop)
    w = bobot_harian(s, r)
    hari_bulan, hari_epoch = r.bulan_hari, r.epoch

    # Jumlah baris per bulan: V sah (eksternal & lengkap) + internal (~5%) + tidak lengkap (~1%).
    hari_idx_parts = []
    jenis_resp_parts = []
    lengkap_parts = []
    info = {"minimum": minimum, "sah": [], "dibatasi": False}
    for b, f in zip(r.bulan, faktor):
        v = math.ceil(f * minimum * skala) if f > 0 else 0
        n_int = int(rng.binomial(v, 0.05 / 0.95)) if v else 0
        n_inc = int(rng.binomial(v, 0.01)) if v else 0
        if v + n_int + n_inc > s.n_pop:
            # satker kecil: jumlah baris sebulan tidak melebihi jumlah pengguna layanan (N);
            # minimum tetap tercapai, baris internal/tidak lengkap yang dikurangi lebih dulu
            v = min(v, max(minimum, s.n_pop - n_int - n_inc))
            info["dibatasi"] = True
            n_int = min(n_int, s.n_pop - v)
            n_inc = min(n_inc, s.n_pop - v - n_int)
        n = v + n_int + n_inc
        info["sah"].append(v)
        if n == 0:
            continue
        mask = hari_bulan == b
        wb = np.where(mask, w, 0.0)
        per_hari = rng.multinomial(n, wb / wb.sum())
        hari_idx = np.repeat(np.arange(len(r.hari)), per_hari)
        # peran baris diacak agar internal/tidak lengkap tersebar di seluruh bulan
        peran = np.array([0] * v + [1] * n_int + [2] * n_inc)
        rng.shuffle(peran)
        hari_idx_parts.append(hari_idx)
        jenis_resp_parts.append(peran == 1)
        lengkap_parts.append(peran != 2)
    if not hari_idx_parts:
        return BlokSatker(np.empty(0, dtype=np.int64), []), info

    hari_idx = np.concatenate(hari_idx_parts)
    internal = np.concatenate(jenis_resp_parts)
    lengkap = np.concatenate(lengkap_parts)
    n = len(hari_idx)
    waktu = hari_epoch[hari_idx] + detik_dalam_hari(rng, n)

    # Butir: kategori 1..4 dengan kemiringan θ_j + δ_i (δ = efek responden).
    info["rata"] = rata()
    theta = theta_untuk_rata(info["rata"])
    delta = rng.normal(0.0, 0.45, size=n)
    k = np.arange(1, 5)
    t = theta[None, :] + delta[:, None]  # n × butir
    logit = t[:, :, None] * (k[None, None, :] - 4)
    p = np.exp(logit)
    cdf = np.cumsum(p, axis=2) / p.sum(axis=2, keepdims=True)
    u = rng.random((n, len(BUTIR), 1))
    skor = (u > cdf).sum(axis=2) + 1
    skor = np.minimum(skor, 4)
    sel = skor.astype(str).astype(object)
    # "tidak menjawab" eksplisit: ~0,6% sel SPKP, ~1,4% sel SPAK (≈1% keseluruhan)
    p_tm = np.array([0.006] * N_SPKP + [0.014] * len(BUTIR_SPAK))
    tm = rng.random((n, len(BUTIR))) < p_tm[None, :]
    # jangan sampai satu instrumen berisi "tidak menjawab" semua
    tm[:, :N_SPKP][tm[:, :N_SPKP].all(axis=1)] = False
    tm[:, N_SPKP:][tm[:, N_SPKP:].all(axis=1)] = False
    sel[tm] = TIDAK_MENJAWAB
    # isian tidak lengkap: blok kosong di ujung (butir ke-m sampai terakhir)
    tidak_lengkap = np.flatnonzero(~lengkap)
    mulai_kosong = rng.integers(1, len(BUTIR), size=len(tidak_lengkap))
    for r, m in zip(tidak_lengkap, mulai_kosong):
        sel[r, m:] = ""

    layanan, layanan_p = LAYANAN[s.jenis]
    if s.kode == "KIMLBJ" or (s.jenis == "Kantor Imigrasi" and s.kota == "Labuan Bajo"):
        layanan_p = [0.55, 0.38, 0.07]  # banyak WNA di daerah wisata
    jl = _pilih(rng, layanan, layanan_p, n)
    p_perempuan = 0.62 if s.jenis in PEMASYARAKATAN else 0.45
    if s.jenis == "LPP":
        p_perempuan = 0.55
    perempuan = rng.random(n) < p_perempuan
    usia_idx = rng.choice(len(USIA), size=n, p=USIA_P)
    pend = _pilih(rng, PENDIDIKAN, PENDIDIKAN_P_IMIGRASI if s.jenis == "Kantor Imigrasi" else PENDIDIKAN_P, n)
    pek_eks = rng.choice(len(PEKERJAAN), size=n, p=PEKERJAAN_P)
    pek_int = rng.choice(len(PEKERJAAN), size=n, p=PEKERJAAN_P_INTERNAL)
    pek = [PEKERJAAN[i] for i in np.where(internal, pek_int, pek_eks)]
    demo_kosong = rng.random((n, 4)) < 0.01  # demografi opsional kadang tidak diisi

    # Saran ~15% (tidak untuk isian yang terputus)
    saran_pool = SARAN_UMUM + SARAN_JENIS.get("pemasyarakatan" if s.jenis in PEMASYARAKATAN else s.jenis, []) * 2
    ada_saran = (rng.random(n) < 0.15) & lengkap
    saran_idx = rng.integers(0, len(saran_pool), size=n)
    pribadi = rng.random(n) < 0.02  # ~2% saran berisi data pribadi
    saran_idx = np.where(pribadi, len(saran_pool) + rng.integers(0, len(SARAN_PRIBADI), size=n), saran_idx)
    saran_pool = saran_pool + SARAN_PRIBADI

    # Data pribadi karangan (sering kosong: tidak wajib di aplikasi)
    isi = rng.random((n, 5)) < np.array([0.65, 0.50, 0.30, 0.25, 0.40])
    depan_l = rng.integers(0, len(NAMA_DEPAN_L), size=n)
    depan_p = rng.integers(0, len(NAMA_DEPAN_P), size=n)
    belakang = rng.integers(0, len(NAMA_BELAKANG), size=n)
    hp_pref = rng.integers(0, len(PREFIKS_HP), size=n)
    hp_no = rng.integers(10_000_000, 99_999_999, size=n)
    surel_dom = rng.integers(0, len(DOMAIN_SUREL), size=n)
    surel_no = rng.integers(1, 999, size=n)
    wilayah = KODE_WILAYAH.get(s.kota, [s.wilayah])
    nik_wil = rng.integers(0, len(wilayah), size=n)
    nik_kec = rng.integers(1, 30, size=n)
    nik_tgl = rng.integers(1, 29, size=n)
    nik_bln = rng.integers(1, 13, size=n)
    lo = np.array([r[0] for r in USIA_RENTANG])[usia_idx]
    hi = np.array([r[1] for r in USIA_RENTANG])[usia_idx]
    umur = lo + (rng.random(n) * (hi - lo + 1)).astype(int)
    nik_urut = rng.integers(1, 9999, size=n)
    jalan = rng.integers(0, len(JALAN), size=n)
    no_rumah = rng.integers(1, 120, size=n)
    rt = rng.integers(1, 30, size=n)
    rw = rng.integers(1, 12, size=n)

    # ke list Python dulu: pengindeksan skalar numpy di dalam loop lambat
    perempuan_l, usia_l, demo_l = perempuan.tolist(), usia_idx.tolist(), demo_kosong.tolist()
    internal_l, ada_saran_l, saran_idx_l, isi_l = internal.tolist(), ada_saran.tolist(), saran_idx.tolist(), isi.tolist()
    depan_l, depan_p, belakang = depan_l.tolist(), depan_p.tolist(), belakang.tolist()
    hp_pref, hp_no, surel_dom, surel_no = hp_pref.tolist(), hp_no.tolist(), surel_dom.tolist(), surel_no.tolist()
    nik_wil, nik_kec, nik_tgl, nik_bln = nik_wil.tolist(), nik_kec.tolist(), nik_tgl.tolist(), nik_bln.tolist()
    umur, nik_urut, jalan, no_rumah, rt, rw = umur.tolist(), nik_urut.tolist(), jalan.tolist(), no_rumah.tolist(), rt.tolist(), rw.tolist()
    sel_l = sel.tolist()

    baris = []
    for i in range(n):
        pr = perempuan_l[i]
        dk = demo_l[i]
        ada = isi_l[i]
        nm_depan = NAMA_DEPAN_P[depan_p[i]] if pr else NAMA_DEPAN_L[depan_l[i]]
        nm_bel = NAMA_BELAKANG[belakang[i]]
        nama = f"{nm_depan} {nm_bel}"
        lokal = (nm_depan + "." + nm_bel).lower().replace(" ", "").replace("'", "")
        tgl = nik_tgl[i] + (40 if pr else 0)
        thn = (TAHUN - umur[i]) % 100
        nik = f"{wilayah[nik_wil[i]]}{nik_kec[i]:02d}{tgl:02d}{nik_bln[i]:02d}{thn:02d}{nik_urut[i]:04d}"
        row = [
            s.kode,
            jl[i],
            "internal" if internal_l[i] else "eksternal",
            "" if dk[0] else JENIS_KELAMIN[int(pr)],
            "" if dk[1] else USIA[usia_l[i]],
            "" if dk[2] else pend[i],
            "" if dk[3] else pek[i],
            *sel_l[i],
            saran_pool[saran_idx_l[i]] if ada_saran_l[i] else "",
            nama if ada[0] else "",
            f"{PREFIKS_HP[hp_pref[i]]}{hp_no[i]}" if ada[1] else "",
            f"{lokal}{surel_no[i]}@{DOMAIN_SUREL[surel_dom[i]]}" if ada[2] else "",
            nik if ada[3] else "",
            f"{JALAN[jalan[i]]} No. {no_rumah[i]}, RT {rt[i]:03d}/RW {rw[i]:03d}, {s.kota}" if ada[4] else "",
        ]
        baris.append(row)
    return BlokSatker(waktu, baris), info


# ---------------------------------------------------------------------------------------------------
# Pola karangan (--tanam-pola)
# ---------------------------------------------------------------------------------------------------

SATKER_RENTETAN = "LPMAUMERE"
SATKER_MAKSIMUM = "KIMKUPANG"
SARAN_SALINAN = "Pelayanan sangat memuaskan, petugas ramah dan profesional, pertahankan."


def _baris_karangan(rng: np.random.Generator, s: Satker, sel: list[str], saran: str) -> list[str]:
    """Satu baris eksternal lengkap tanpa data pribadi (pengisi palsu tidak mengisi kolom pribadi)."""
    layanan, _ = LAYANAN[s.jenis]
    usia = USIA[int(rng.integers(len(USIA)))]
    return [s.kode, layanan[0], "eksternal", JENIS_KELAMIN[int(rng.integers(2))], usia,
            PENDIDIKAN[int(rng.integers(len(PENDIDIKAN)))], PEKERJAAN[int(rng.integers(len(PEKERJAAN)))],
            *sel, saran, "", "", "", "", ""]


def _hari_kerja(bulan: int) -> np.ndarray:
    """Indeks HARI: Senin–Jumat bukan libur dalam satu bulan."""
    return np.array([i for i, d in enumerate(HARI) if d.month == bulan and d.weekday() < 5 and d not in LIBUR])


def tanam_rentetan(rng: np.random.Generator, s: Satker, b: BlokSatker) -> None:
    """Delapan rentetan kiriman dengan jawaban (hampir) sama dalam jam layanan."""
    for bulan in (8, 9):
        for hari in np.sort(rng.choice(_hari_kerja(bulan), size=4, replace=False)):
            dasar = np.full(len(BUTIR), 4)
            dasar[rng.choice(len(BUTIR), size=3, replace=False)] = 3
            t = HARI_EPOCH[hari] + int(rng.integers(9 * 3600, 14 * 3600))
            for _ in range(int(rng.integers(7, 13))):
                v = dasar.copy()
                if rng.random() < 0.2:
                    j = int(rng.integers(len(BUTIR)))
                    v[j] = 3 if v[j] == 4 else 4
                saran = SARAN_SALINAN if rng.random() < 0.4 else ""
                b.tanam.add(len(b.baris))
                b.baris.append(_baris_karangan(rng, s, [str(x) for x in v], saran))
                b.waktu = np.append(b.waktu, t)
                t += int(rng.integers(30, 91))


def tanam_maksimum(rng: np.random.Generator, s: Satker, b: BlokSatker, jumlah: int = 120) -> None:
    """Kiriman bernilai maksimum semua di luar jam layanan (malam hari kerja dan Minggu), September."""
    hari_sep = [i for i, d in enumerate(HARI) if d.month == 9 and (d.weekday() < 5 or d.weekday() == 6)]
    hari = rng.choice(hari_sep, size=jumlah)
    detik = rng.integers(18 * 3600, 22 * 3600 + 1800, size=jumlah)
    for h, dt in zip(hari.tolist(), detik.tolist()):
        b.tanam.add(len(b.baris))
        b.baris.append(_baris_karangan(rng, s, ["4"] * len(BUTIR), ""))
        b.waktu = np.append(b.waktu, HARI_EPOCH[h] + dt)


def tanam_pola(satker: list[Satker], blok: list[BlokSatker], seed: int) -> list[str]:
    """Tanam kedua pola pada satker yang ada; kembalikan kode satker yang ditanami."""
    rng = np.random.default_rng([seed, 777_777])
    kode = [s.kode for s in satker]
    out = []
    for target, fungsi in ((SATKER_RENTETAN, tanam_rentetan), (SATKER_MAKSIMUM, tanam_maksimum)):
        if target in kode:
            i = kode.index(target)
            fungsi(rng, satker[i], blok[i])
            out.append(target)
    return out


# ---------------------------------------------------------------------------------------------------
# Penulisan berkas
# ---------------------------------------------------------------------------------------------------


def _tulis_csv(path: Path, header: list[str], rows, *, delimiter: str = ",", bom: bool = False) -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


# Alamat surel pimpinan: domain contoh yang dicadangkan (RFC 2606), bukan alamat sungguhan. Rupbasan
# sengaja tanpa alamat (contoh satker yang tidak dikirimi surel); Lapas dan Kanwil punya dua alamat.
DOMAIN_PIMPINAN = "kemenkumham.example"


def email_pimpinan(s: Satker) -> str:
    if s.jenis == "Rupbasan":
        return ""
    utama = f"kepala.{s.kode.lower()}@{DOMAIN_PIMPINAN}"
    return f"{utama}; tu.{s.kode.lower()}@{DOMAIN_PIMPINAN}" if s.jenis in ("Lapas", "Kanwil") else utama


# Alamat survei daring (kode QR di infografis): domain contoh yang dicadangkan (RFC 2606). Rupbasan
# sengaja tanpa alamat (contoh infografis tanpa kode QR).
DOMAIN_SURVEI = "https://survei.kemenkumham.example"


def url_survei(s: Satker) -> str:
    return "" if s.jenis == "Rupbasan" else f"{DOMAIN_SURVEI}/{s.kode.lower()}"


def tulis_satker(folder: Path, satker: list[Satker]) -> None:
    header = ["kode_satker", "nama_satker", "jenis_satker", "kanwil", "kota", "jumlah_pengguna_layanan",
              "periode_acuan", "zona_waktu", "hari_layanan", "email_pimpinan", "url_survei"]
    rows = [[s.kode, s.nama, s.jenis, s.kanwil, s.kota, s.n_pop, PERIODE_ACUAN, s.zona, s.hari_layanan,
             email_pimpinan(s), url_survei(s)] for s in satker]
    _tulis_csv(folder / "satker.csv", header, rows)


def tulis_instrumen(folder: Path) -> None:
    header = ["instrumen", "kode_butir", "unsur", "pertanyaan", "skala_min", "skala_maks", "terbalik", "bobot"]
    rows = []
    for nama, butir in (("SPKP", BUTIR_SPKP), ("SPAK", BUTIR_SPAK), ("SKM", BUTIR_SKM)):
        rows += [[nama, k, u, p, 1, 4, "tidak", ""] for k, u, p in butir]
    _tulis_csv(folder / "instrumen.csv", header, rows)


def tulis_pemetaan(folder: Path) -> None:
    _tulis_csv(folder / "pemetaan_kolom.csv", ["kolom_sumber", "kolom_baku"], [list(x) for x in PEMETAAN])


def tulis_respons(folder: Path, blok: list[BlokSatker], nama_berkas: str = "respons_2024.csv",
                  id_tanam: list[str] | None = None, prefiks_id: str = f"3AS-{TAHUN}-",
                  offset: list[str] | None = None) -> int:
    """Tulis satu berkas respons; ``offset``: selisih UTC waktu setempat tiap blok (bawaan +08:00, WITA)."""
    waktu = np.concatenate([b.waktu for b in blok]) if blok else np.empty(0, dtype=np.int64)
    satker_idx = np.concatenate([np.full(len(b.waktu), i) for i, b in enumerate(blok)]) if blok else np.empty(0, int)
    urut_dlm = np.concatenate([np.arange(len(b.waktu)) for b in blok]) if blok else np.empty(0, int)
    # urutan stabil: waktu, lalu urutan satker, lalu urutan dalam satker
    order = np.lexsort((urut_dlm, satker_idx, waktu))
    teks_waktu = np.datetime_as_string(waktu.astype("datetime64[s]"), unit="s")
    n = len(order)
    lebar = max(6, len(str(n)))
    header = [h for h, _ in PEMETAAN]
    zona = offset or ["+08:00"] * len(blok)

    def rows():
        for nomor, j in enumerate(order, start=1):
            b = blok[satker_idx[j]]
            if id_tanam is not None and urut_dlm[j] in b.tanam:
                id_tanam.append(f"{prefiks_id}{nomor:0{lebar}d}")
            yield [f"{prefiks_id}{nomor:0{lebar}d}", teks_waktu[j].replace("T", " ") + zona[satker_idx[j]],
                   *b.baris[urut_dlm[j]]]

    _tulis_csv(folder / nama_berkas, header, rows(), delimiter=";", bom=True)
    return n


# ---------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Buat data contoh SINTETIS SPKP/SPAK (Kanwil Kemenkumham NTT, Jul–Sep 2024).")
    ap.add_argument("--keluaran", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "raw",
                    help="folder keluaran (bawaan: data/raw)")
    ap.add_argument("--satker", type=int, default=len(SATKER_DASAR),
                    help=f"jumlah satker (bawaan {len(SATKER_DASAR)}; lebih besar = satker tambahan bernomor untuk benchmark)")
    ap.add_argument("--kanwil", type=int, default=1,
                    help=f"jumlah Kanwil (1–{len(DAFTAR_KANWIL)}, bawaan 1 = Kanwil NTT saja); satker dibagi rata, "
                         "setiap Kanwil dengan satker kantor wilayahnya")
    ap.add_argument("--skala-respons", "--respons-per-hari-skala", dest="skala", type=float, default=1.0,
                    help="pengali jumlah respons per bulan (bawaan 1,0)")
    ap.add_argument("--seed", type=int, default=SEED, help=f"seed acak (bawaan {SEED})")
    ap.add_argument("--tanam-pola", dest="tanam_pola", action="store_true", default=True,
                    help=f"tanam pola isian karangan (SENGAJA dibuat-buat, untuk menguji tanda kualitas data) di "
                         f"{SATKER_RENTETAN} (rentetan) dan {SATKER_MAKSIMUM} (maksimum di luar jam); bawaan: aktif")
    ap.add_argument("--tanpa-pola", dest="tanam_pola", action="store_false",
                    help="jangan tanam pola karangan (keluaran seperti sebelum versi dengan pola)")
    ap.add_argument("--daftar-tanam", type=Path, default=None,
                    help="tulis ID baris karangan ke berkas ini (satu per baris; hanya dengan --tanam-pola)")
    ap.add_argument("--tanpa-jan-jun", action="store_true",
                    help=f"jangan tulis {BERKAS_AWAL} (respons 1 Januari – 30 Juni 2024)")
    ap.add_argument("--diam", action="store_true", help="jangan cetak ringkasan")
    args = ap.parse_args(argv)
    if args.satker < 1:
        ap.error("--satker harus >= 1")
    if not 1 <= args.kanwil <= len(DAFTAR_KANWIL):
        ap.error(f"--kanwil harus antara 1 dan {len(DAFTAR_KANWIL)}")
    if args.satker < args.kanwil:
        ap.error("--satker harus paling sedikit sama dengan --kanwil (setiap Kanwil punya satker kantor wilayah)")
    if args.skala <= 0:
        ap.error("--skala-respons harus > 0")

    t0 = time.perf_counter()
    folder: Path = args.keluaran
    folder.mkdir(parents=True, exist_ok=True)
    satker = daftar_satker_nasional(args.satker, args.kanwil, args.seed)
    offset = [OFFSET_ZONA[s.zona] for s in satker]
    blok, info = [], []
    for i, s in enumerate(satker):
        b, inf = bangkitkan_satker(i, s, args.seed, args.skala)
        blok.append(b)
        info.append(inf)
    ditanam = tanam_pola(satker, blok, args.seed) if args.tanam_pola else []
    awal = [] if args.tanpa_jan_jun else [
        bangkitkan_awal(i, s, args.seed, args.skala, inf.get("rata", np.zeros(len(BUTIR))))
        for i, (s, inf) in enumerate(zip(satker, info))]
    tulis_satker(folder, satker)
    tulis_instrumen(folder)
    tulis_pemetaan(folder)
    id_tanam: list[str] = []
    n = tulis_respons(folder, blok, id_tanam=id_tanam, offset=offset)
    if awal:
        n += tulis_respons(folder, [b for b, _ in awal], BERKAS_AWAL, prefiks_id=PREFIKS_ID_AWAL, offset=offset)
    if args.daftar_tanam is not None:
        args.daftar_tanam.write_text("".join(f"{i}\n" for i in id_tanam), encoding="utf-8")
    dt = time.perf_counter() - t0

    if not args.diam:
        if len(satker) <= 40:
            print("| kode_satker | jenis | N | aturan | minimum/bulan | laju yang dimaksud | sah Jul | sah Agu | sah Sep "
                  "| sah Jan–Jun |")
            print("|---|---|---:|---|---:|---|---:|---:|---:|---:|")
            for k, (s, inf) in enumerate(zip(satker, info)):
                aturan, _ = minimum_bulanan(s.n_pop)
                lemah = f" (unsur lemah: {', '.join(s.lemah)})" if s.lemah else ""
                if inf["dibatasi"]:
                    lemah += ", dibatasi N per bulan"
                print(f"| {s.kode} | {s.jenis} | {s.n_pop} | {aturan} | {inf['minimum']} | "
                      f"{PROFIL_LAJU[s.laju][1]}{lemah} | " + " | ".join(str(v) for v in inf["sah"])
                      + f" | {sum(awal[k][1]['sah']) if awal else '–'} |")
        if ditanam:
            print(f"pola karangan: {len(id_tanam)} baris di {', '.join(ditanam)}", file=sys.stderr)
        kanwil = f" di {args.kanwil} Kanwil" if args.kanwil > 1 else ""
        print(f"{len(satker)} satker{kanwil}, {n} baris respons -> {folder} ({dt:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
