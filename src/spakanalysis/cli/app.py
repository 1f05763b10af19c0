"""Command line: ``spakanalysis sampel | validasi | laporan | kirim``.

A thin layer over the public API: it parses options, calls the package and
prints in Bahasa Indonesia. Errors the user can fix are printed as messages,
never as tracebacks (set ``SPAKANALYSIS_DEBUG=1`` to see one).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from spakanalysis.cli.text import IndonesianCommand, IndonesianGroup, install, usage_error_text
from spakanalysis.core import settings
from spakanalysis.core.errors import DataError, SpakError

install()
app = typer.Typer(
    cls=IndonesianGroup,
    name="spakanalysis",
    help="Monitoring dan laporan monev Survei SPKP & SPAK per satker.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

DEFAULT_DATA = Path("data/raw")
DEFAULT_OUTPUT = Path("reports")


def _show_version(value: bool) -> None:
    if value:
        from spakanalysis.core.version import __version__

        typer.echo(f"spakanalysis {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", "-V", callback=_show_version, is_eager=True,
                                 help="Tampilkan versi spakanalysis lalu keluar."),
) -> None:
    """Monitoring dan laporan monev Survei SPKP & SPAK per satker."""


def _err(msg: str) -> None:
    typer.secho(msg, fg=typer.colors.RED, err=True)


def _add_follow_up() -> None:
    from spakanalysis.cli.follow_up import follow_up_app

    app.add_typer(follow_up_app, name="tindak-lanjut")


_add_follow_up()


def _add_own_data() -> None:
    from spakanalysis.cli.own_data import register

    register(app)


_add_own_data()


@app.command("sampel", cls=IndonesianCommand)
def sampel(
    populasi: int | None = typer.Option(None, "--populasi", "-n", help="Jumlah pengguna layanan (N)."),
    metode: str = typer.Option("ntt-2024", "--metode", "-m", help="ntt-2024, krejcie-morgan, krejcie-morgan-tabel, slovin, cochran."),
    galat: float = typer.Option(0.05, "--galat", "-e", help="Margin of error (e/d), mis. 0.05."),
    lantai: int | None = typer.Option(None, "--lantai", help="Batas bawah responden per bulan, mis. 30."),
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="Folder data (dipakai bila --populasi tidak diberikan)."),
) -> None:
    """Jumlah responden minimum: untuk satu populasi (dengan rumusnya) atau untuk setiap satker di registri."""
    from spakanalysis.stats.sample_size import explain, minimum_respondents, rule_for

    if populasi is not None:
        typer.echo(explain(populasi, metode, e=galat, floor=lantai))
        return
    from spakanalysis.core.formatting import format_angka
    from spakanalysis.data.dataset import load_dataset

    reg = load_dataset(data).satker
    n = reg["jumlah_pengguna_layanan"]
    minimum = minimum_respondents(n, metode, e=galat, floor=lantai)
    used = rule_for(n, metode)
    width = max(len(str(x)) for x in reg["nama_satker"]) if len(reg) else 10
    typer.echo(f"Jumlah responden minimum per bulan — aturan {metode}, galat {format_angka(galat, 2)}"
               + (f", lantai {lantai}" if lantai else ""))
    typer.echo(f"{'Kode':<12} {'Satker':<{width}} {'N':>7} {'Metode':<16} {'Minimum':>8}")
    typer.echo("-" * (12 + width + 7 + 16 + 8 + 4))
    for code, name, pop, met, mn in zip(reg["kode_satker"], reg["nama_satker"], n, used, minimum):
        typer.echo(f"{code:<12} {name:<{width}} {format_angka(int(pop)):>7} {met:<16} {format_angka(int(mn)):>8}")
    typer.echo("-" * (12 + width + 7 + 16 + 8 + 4))
    typer.echo(f"{'Jumlah':<12} {len(reg)} satker{'':<{max(width - len(str(len(reg))) - 7, 0)}} "
               f"{format_angka(int(n.sum())):>7} {'':<16} {format_angka(int(minimum.sum())):>8}")


@app.command("validasi", cls=IndonesianCommand)
def validasi(
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="Folder data mentah yang diperiksa."),
) -> None:
    """Periksa semua berkas data mentah dan tampilkan setiap masalah sekaligus."""
    from spakanalysis.data.validation import validate_folder
    from spakanalysis.report.themes import codebook_problems

    problems = validate_folder(data) + codebook_problems(data)
    if _print_problems(problems, data, levels=("galat", "peringatan", "catatan")):
        raise typer.Exit(1)


def _print_problems(problems, data: Path, *, levels: tuple[str, ...]) -> bool:
    """Print the problems of the given levels and the one-line summary; True when there is a galat or peringatan."""
    counts = {t: sum(1 for m in problems if m.tingkat == t) for t in ("galat", "peringatan", "catatan")}
    for m in problems:
        if m.tingkat in levels:
            color = {"galat": typer.colors.RED, "peringatan": typer.colors.YELLOW}.get(m.tingkat)
            typer.secho(str(m), fg=color)
    if counts["galat"] or counts["peringatan"]:
        _err(f"Data di {data} bermasalah: {counts['galat']} galat, {counts['peringatan']} peringatan, "
             f"{counts['catatan']} catatan.")
        return True
    typer.secho(f"Data di {data} bersih: tidak ada galat atau peringatan ({counts['catatan']} catatan).",
                fg=typer.colors.GREEN)
    return False


def _check_workers(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} bukan jumlah pekerja yang sah: diharapkan bilangan bulat 1 atau lebih "
                                 "(tanpa opsi ini: jumlah inti CPU).")
    return value


def _affected(problems, codes: list[str]) -> list[str]:
    """The rendered satkers a data error (galat) concerns; "semua satker" for an error of the whole folder."""
    hit = set()
    for m in problems:
        if m.tingkat == "galat":
            if m.kode_satker is None:
                hit.add("semua satker")
            elif m.kode_satker in codes:
                hit.add(m.kode_satker)
    return sorted(hit)


@app.command("laporan", cls=IndonesianCommand)
def laporan(
    satker: list[str] = typer.Option([], "--satker", "-s", help="Kode satker (boleh diulang)."),
    semua: bool = typer.Option(False, "--semua", help="Semua satker di registri, ditambah rekap Kanwil dan halaman indeks."),
    periode: str = typer.Option("2024-Q3", "--periode", "-p", help="2024-07, 2024-Q3, 2024-S2, 2024, atau 2024-07-01..2024-09-30."),
    tanggal_data: str | None = typer.Option(None, "--tanggal-data", help="Data per tanggal (YYYY-MM-DD); bawaan: respons terakhir."),
    aturan: str = typer.Option("ntt-2024", "--aturan", help="Aturan jumlah sampel."),
    galat: float = typer.Option(0.05, "--galat", help="Margin of error."),
    lantai: int | None = typer.Option(None, "--lantai", help="Batas bawah responden per bulan, mis. 30."),
    tanggal_rapat: str | None = typer.Option(None, "--tanggal-rapat", help="Tanggal rapat evaluasi (YYYY-MM-DD) untuk sampul."),
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="Folder data mentah."),
    keluaran: Path = typer.Option(DEFAULT_OUTPUT, "--keluaran", "-o", help="Folder keluaran."),
    pekerja: int | None = typer.Option(None, "--pekerja", "-j", callback=_check_workers,
                                          help="Jumlah proses pekerja, 1 atau lebih (bawaan: jumlah inti CPU)."),
    tanpa_pdf: bool = typer.Option(False, "--tanpa-pdf", help="Hanya HTML (lebih cepat)."),
    kecualikan_tanda: bool = typer.Option(False, "--kecualikan-tanda", help="Jangan hitung kiriman bertanda kualitas "
                                          "data; laporan menampilkan angka dengan dan tanpa kiriman itu berdampingan."),
    paksa: bool = typer.Option(False, "--paksa", help="Buat ulang semua laporan dan rekap, juga yang masukan dan "
                               "berkasnya tidak berubah sejak jalan sebelumnya."),
    dask: str | None = typer.Option(None, "--dask", metavar="ALAMAT", help="Jalankan di klaster Dask: alamat penjadwal "
                                    "(tcp://host:8786) atau 'lokal' (klaster di mesin ini, --pekerja proses). Pekerja tidak "
                                    "perlu berbagi folder. Perlu spakanalysis[dask]."),
) -> None:
    """Buat laporan monev (HTML, PDF, notebook, ringkasan.json) per satker, atau semuanya sekaligus."""
    from spakanalysis.data.cache import load_dataset_cached, resolve_data_folder
    from spakanalysis.pipeline.batch import run_batch

    if not satker and not semua:
        _err("Sebutkan --satker KODE atau --semua.")
        raise typer.Exit(2)
    # the validation summary first (the dataset is memoised: the batch does not load it again)
    dataset = load_dataset_cached(resolve_data_folder(data))
    problems = list(dataset.masalah)
    _print_problems(problems, data, levels=("galat", "peringatan"))
    codes = None if semua else satker
    params = {"aturan": aturan, "galat": galat, "lantai": lantai, "tanggal_data": tanggal_data, "tanggal_rapat": tanggal_rapat}
    params["kecualikan_tanda"] = kecualikan_tanda
    code = run_batch(
        data=data, keluaran=keluaran, periode=periode, kode_satker=codes,
        parameter=params, pekerja=pekerja, pdf=not tanpa_pdf, rekap=semua, echo=typer.echo, paksa=paksa, dask=dask,
    )
    requested = satker
    if semua:  # every registry row, including those skipped because their code cannot name a folder
        requested = [*dataset.satker["kode_satker"], *(m.kode_satker for m in problems if m.kode == "kode_satker_tidak_aman")]
    affected = _affected(problems, requested)
    if affected:
        _err(f"Data bermasalah untuk {', '.join(affected)} (lihat galat di atas; periksa dengan: "
             f"spakanalysis validasi --data {data}): laporannya tidak dapat dipercaya sebelum data diperbaiki.")
        code = max(code, 1)
    raise typer.Exit(code)


@app.command("kirim", cls=IndonesianCommand)
def kirim(
    keluaran: Path = typer.Option(..., "--keluaran", "-o", help="Folder periode keluaran batch, mis. keluaran/2024-Q3."),
    satker: list[str] = typer.Option([], "--satker", "-s", help="Kode satker (boleh diulang); bawaan: semua yang punya surat."),
    smtp: str | None = typer.Option(None, "--smtp", help="Server SMTP HOST[:PORT] (bawaan port 587); tanpa ini: berkas .eml."),
    pengguna: str | None = typer.Option(None, "--pengguna", help="Nama pengguna SMTP; sandi dari SPAKANALYSIS_SMTP_SANDI."),
    pengirim: str | None = typer.Option(None, "--pengirim", help="Alamat pengirim (bawaan: pengirim_email di kanwil.toml)."),
    ulang: bool = typer.Option(False, "--ulang", help="Kirim lagi walaupun sudah tercatat terkirim."),
    kering: bool = typer.Option(False, "--kering", help="Hanya tampilkan apa yang akan dikirim; tidak mengirim atau menulis apa pun."),
) -> None:
    """Kirim surat pengantar, laporan PDF (dan laporan.xlsx) ke pimpinan tiap satker, atau tulis sebagai .eml."""
    from spakanalysis.pipeline.sending import SendError, SendOptions, parse_server, send_letters

    opts = SendOptions(smtp=parse_server(smtp) if smtp else None, pengguna=pengguna, pengirim=pengirim, ulang=ulang,
                       kering=kering)
    try:
        code = send_letters(keluaran, satker or None, opts, echo=typer.echo)
    except SendError as exc:  # the server: not a wrong argument, exit 1
        _err(str(exc))
        raise typer.Exit(1) from None
    raise typer.Exit(code)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: user errors become messages and exit code 2."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
    from typer.exceptions import Abort

    from spakanalysis.core.paths import os_error_text
    from spakanalysis.pipeline import interrupt
    from spakanalysis.pipeline.workers import skip_unused_slow_imports

    skip_unused_slow_imports()
    interrupt.install()
    try:
        code = app(args=argv, prog_name="spakanalysis", standalone_mode=False)
        if code == 130 or interrupt.requested():  # Typer turns Ctrl-C into exit code 130
            raise KeyboardInterrupt
        sys.exit(code if isinstance(code, int) else 0)
    except NoArgsIsHelpError as exc:  # the help was printed
        sys.exit(exc.exit_code)
    except UsageError as exc:
        _err(usage_error_text(exc))
        sys.exit(exc.exit_code)
    except ClickException as exc:  # pragma: no cover - other click errors (e.g. a file that cannot be read)
        _err(f"Galat: {exc.format_message()}")
        sys.exit(exc.exit_code)
    except Abort:
        _err("Dibatalkan oleh pengguna.")
        sys.exit(130)
    except DataError as exc:  # the data needs fixing: exit 1, as validasi does
        _err(str(exc))
        sys.exit(1)
    except SpakError as exc:  # a wrong parameter or argument
        _err(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        _err("Dibatalkan oleh pengguna.")
        sys.exit(130)
    except OSError as exc:  # e.g. the disk filled up while writing the manifest
        _err(os_error_text(exc))
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - never show a traceback to an analyst
        if settings.debug():
            raise
        _err(f"Kesalahan tak terduga: {type(exc).__name__}: {exc}\n"
             "Jalankan lagi dengan SPAKANALYSIS_DEBUG=1 untuk rinciannya dan laporkan masalah ini (lihat README).")
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
