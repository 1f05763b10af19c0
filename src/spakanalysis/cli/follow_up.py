"""``spakanalysis tindak-lanjut gabung``: append a returned usulan_tindak_lanjut.xlsx to the follow-up register."""

from __future__ import annotations

from pathlib import Path

import typer

from spakanalysis.cli.text import IndonesianCommand, IndonesianGroup

__all__ = ["follow_up_app"]

follow_up_app = typer.Typer(
    cls=IndonesianGroup,
    help="Register tindak lanjut (tindak_lanjut.csv): menggabungkan usulan yang dikembalikan satker.",
    no_args_is_help=True,
    add_completion=False,
)


@follow_up_app.command("gabung", cls=IndonesianCommand)
def gabung(
    berkas: Path = typer.Argument(..., help="usulan_tindak_lanjut.xlsx yang sudah dilengkapi satker."),
    data: Path = typer.Option(Path("data/raw"), "--data", help="Folder data (registri satker dan register saat ini)."),
    ke: Path = typer.Option(..., "--ke", help="Folder tujuan tindak_lanjut.csv hasil penggabungan."),
    tulis_data_mentah: bool = typer.Option(False, "--tulis-data-mentah",
                                           help="Izinkan --ke menunjuk folder data mentah itu sendiri."),
) -> None:
    """Tambahkan baris usulan yang sudah diisi ke tindak_lanjut.csv (setelah diperiksa; folder data tetap hanya-baca)."""
    from spakanalysis.core.formatting import format_angka
    from spakanalysis.data.follow_up_merge import merge_returned

    result = merge_returned(berkas, data, ke, allow_raw=tulis_data_mentah)
    for m in result.notes:
        typer.secho(str(m), fg=typer.colors.YELLOW if m.tingkat == "peringatan" else None)
    typer.secho(f"{format_angka(result.added)} baris ditambahkan ke {result.register} "
                f"({format_angka(result.unfilled)} baris belum diisi dan {format_angka(result.duplicates)} baris yang "
                "sudah ada dilewati).", fg=typer.colors.GREEN)
