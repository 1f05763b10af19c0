"""``spakanalysis siapkan`` and ``spakanalysis petakan``: from a new Kanwil's own files to a data folder."""

from __future__ import annotations

from pathlib import Path

import typer

from spakanalysis.cli.text import IndonesianCommand

__all__ = ["register"]


def siapkan(
    folder: Path = typer.Argument(..., help="Folder data baru (atau kosong) untuk Kanwil Anda."),
) -> None:
    """Buat kerangka folder data: registri, kodebook standar, pemetaan kolom kosong, pengaturan, README."""
    from spakanalysis.data.skeleton import create_skeleton

    written = create_skeleton(folder)
    typer.secho(f"Folder data disiapkan di {folder}:", fg=typer.colors.GREEN)
    for path in written:
        typer.echo(f"  {path.name}")
    typer.echo(f"Langkah berikutnya: baca {folder / 'README.md'}, lalu "
               f"spakanalysis validasi --data {folder}")


def petakan(
    ekspor: Path = typer.Argument(..., help="Berkas ekspor aplikasi survei (.csv atau .xlsx)."),
    data: Path | None = typer.Option(None, "--data", help="Folder data (kodebook dan tujuan pemetaan_kolom.csv); "
                                     "bawaan: folder berkas ekspor."),
    timpa: bool = typer.Option(False, "--timpa", help="Timpa pemetaan_kolom.csv yang sudah ada."),
) -> None:
    """Usulkan pemetaan judul kolom ekspor ke nama baku dan butir kodebook, lalu tulis pemetaan_kolom.csv."""
    from spakanalysis.data.mapping_file import propose_for_export, write_proposal

    folder = data if data is not None else ekspor.parent
    proposal, codebook_name = propose_for_export(ekspor, folder)
    typer.echo(f"Usulan pemetaan untuk {ekspor.name} (kodebook: {codebook_name}):")
    typer.echo(_table(proposal))
    target = write_proposal(proposal, folder, overwrite=timpa)
    typer.secho(f"{len(proposal.placed)} kolom terpetakan (termasuk kolom pribadi, yang dibuang saat memuat); ditulis ke {target}. Periksa sebelum menjalankan "
                "spakanalysis validasi.", fg=typer.colors.GREEN)
    if proposal.unplaced:
        typer.secho(f"{len(proposal.unplaced)} kolom tidak terpetakan (diabaikan saat memuat): "
                    + "; ".join(f'"{c.kolom_sumber}"' for c in proposal.unplaced), fg=typer.colors.YELLOW)
    if proposal.unclaimed:
        typer.secho("Nama baku/butir wajib tanpa kolom: " + ", ".join(proposal.unclaimed), fg=typer.colors.YELLOW)


_HOW = {"persis": "nama baku", "sama": "sama (huruf/spasi diabaikan)", "mirip": "mirip", "pribadi": "data pribadi",
        "kalah": "tidak dipakai", "tidak cocok": "tidak cocok"}


def _table(proposal) -> str:
    """The proposal as a plain-text table: header, standard name, confidence, how."""
    from spakanalysis.core.formatting import format_persen

    rows = [(c.kolom_sumber, c.kolom_baku or "–", format_persen(100 * c.keyakinan, 0) if c.kolom_baku else "–",
             _HOW[c.cara] + (f": {c.keterangan}" if c.keterangan and c.cara != "pribadi" else "")) for c in proposal.columns]
    width = min(60, max(len("Kolom ekspor"), *(len(r[0]) for r in rows)))
    std = max(len("Nama baku"), *(len(r[1]) for r in rows))
    lines = [f"{'Kolom ekspor':<{width}}  {'Nama baku':<{std}}  {'Keyakinan':>9}  Cara"]
    lines.append("-" * (width + std + 9 + 10))
    for header, name, conf, how in rows:
        shown = header if len(header) <= width else header[: width - 1] + "…"
        lines.append(f"{shown:<{width}}  {name:<{std}}  {conf:>9}  {how}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    app.command("siapkan", cls=IndonesianCommand)(siapkan)
    app.command("petakan", cls=IndonesianCommand)(petakan)
