"""Report charts (matplotlib, Agg), labelled in Indonesian, rendered to deterministic PNG bytes.

Charts are returned as ``matplotlib.figure.Figure`` objects; :func:`png_bytes`
turns one into PNG bytes without the variable ``Software`` metadata, so the
same data always gives the same bytes (and the same report).
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from spakanalysis.core.enums import TARGET_INSTRUMENTS, Instrument  # noqa: E402
from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal  # noqa: E402
from spakanalysis.present.status_style import STATUS_COLOURS  # noqa: E402

__all__ = ["png_bytes", "chart_cumulative", "chart_daily", "chart_attainment", "chart_items", "COLOURS"]

#: line and bar colours: one per instrument, the target path, and grey for what has no colour of its own
COLOURS = {Instrument.SPKP: "#1f5f8b", Instrument.SPAK: "#2a9d8f", "target": "#c0392b", "grey": "#7f8c8d"}
DPI = 120
#: deprecated names
WARNA, WARNA_STATUS = COLOURS, STATUS_COLOURS


def _fig(width: float = 7.2, height: float = 3.2, left: float = 0.085) -> Figure:
    # fixed margins: constrained layout doubles the drawing time of every chart
    fig = Figure(figsize=(width, height), dpi=DPI)
    fig.subplots_adjust(left=left, right=0.98, top=1 - 0.32 / height, bottom=0.55 / height)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """Render a figure to PNG with fixed metadata (reproducible bytes)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return buf.getvalue()


def _date_axis(ax) -> None:
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=8))
    ax.xaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda v, _p: format_tanggal(mdates.num2date(v).date(), "d MMM"))
    )
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(axis_formatter())
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def chart_cumulative(harian: pd.DataFrame, progres: pd.DataFrame,
                     instrumen: str | tuple[str, ...] = TARGET_INSTRUMENTS) -> Figure:
    """Cumulative valid responses per month against the target path, one panel per instrument.

    The solid line is the running total of valid responses (reset every
    month, since the minimum is monthly); the dashed line is the even path
    from 0 to the month's minimum; the dotted line is the minimum itself.
    """
    names = (instrumen,) if isinstance(instrumen, str) else tuple(instrumen)
    height = 2.6 * len(names) + 0.3
    fig = _fig(height=height)
    axes = fig.subplots(len(names), 1, sharex=True, squeeze=False)[:, 0]
    fig.subplots_adjust(hspace=0.35)
    for ax, ins in zip(axes, names):
        rows = progres[progres["instrumen"] == ins]
        for _, r in rows.iterrows():
            start, end = pd.Timestamp(r["mulai"]), pd.Timestamp(r["akhir"])
            if r.get("target_berlaku", True):  # no target path before the target start
                ax.plot([start, end], [0, r["minimum"]], ls="--", color=COLOURS["target"], lw=1, alpha=0.8)
                ax.hlines(r["minimum"], start, end, colors=COLOURS["target"], lw=1.2, linestyles=":")
            part = harian.loc[(harian.index >= start) & (harian.index <= end), f"{ins}_kumulatif"]
            if len(part):
                ax.plot(part.index, part.to_numpy(), color=COLOURS.get(ins, "#333"), lw=2)
        ax.plot([], [], color=COLOURS.get(ins, "#333"), lw=2, label=f"Respons sah {ins} (kumulatif bulanan)")
        ax.plot([], [], ls="--", color=COLOURS["target"], lw=1, label="Lintasan target")
        ax.plot([], [], ls=":", color=COLOURS["target"], lw=1.2, label="Minimum bulanan")
        ax.set_ylabel("Jumlah respons")
        peak = max([float(rows["minimum"].max()) if len(rows) else 1.0]
                   + [float(harian[f"{ins}_kumulatif"].max()) if len(harian) else 0.0])
        ax.set_ylim(0, max(peak, 1.0) * 1.35)  # head room for the legend
        _date_axis(ax)
        ax.legend(loc="upper left", fontsize=7, frameon=True, framealpha=0.9, edgecolor="none", ncols=3)
        ax.set_title(f"Kumulatif respons {ins} terhadap target", fontsize=10, loc="left", y=1.0)  # fixed y: no title auto-placement pass
    return fig


def chart_daily(harian: pd.DataFrame, instrumen: tuple[str, ...] = TARGET_INSTRUMENTS) -> Figure:
    """Valid responses per day, one bar series per instrument."""
    fig = _fig(height=2.8)
    ax = fig.add_subplot()
    n = len(instrumen)
    width = 0.8 / max(n, 1)
    x = mdates.date2num(harian.index.to_pydatetime()) if len(harian) else np.array([])
    for i, ins in enumerate(instrumen):
        # vertical lines instead of bar patches: one collection, drawn in a fraction of the time
        ax.vlines(x + (i - (n - 1) / 2) * width, 0, harian[ins].to_numpy() if len(harian) else [],
                  color=COLOURS.get(ins, "#333"), lw=2.0, label=ins)
    ax.set_ylabel("Respons per hari")
    top = max([int(harian[i].max()) for i in instrumen if len(harian)] + [1])
    ax.set_ylim(0, top * 1.1)
    if len(harian):
        _date_axis(ax)
        ax.xaxis_date()
    else:
        ax.text(0.5, 0.5, "Belum ada respons", ha="center", va="center", transform=ax.transAxes, color=COLOURS["grey"])
        ax.set_xticks([])
    ax.legend(loc="upper left", fontsize=7, frameon=False)
    ax.set_title("Respons sah per hari", fontsize=10, loc="left", y=1.0)  # fixed y: no title auto-placement pass
    return fig


def chart_attainment(tabel: pd.DataFrame, kolom_nama: str = "nama_satker", kolom_nilai: str = "capaian_persen") -> Figure:
    """Horizontal bars of this month's attainment (%) by satker, coloured by status, with a 100% line."""
    t = tabel.sort_values(kolom_nilai, ascending=True)
    fig = _fig(width=7.2, height=max(2.5, 0.26 * len(t) + 1), left=0.4)
    ax = fig.add_subplot()
    values = t[kolom_nilai].fillna(0).to_numpy()
    status = t["status"] if "status" in t else pd.Series("", index=t.index)
    colours = [STATUS_COLOURS.get(s, COLOURS["grey"]) for s in status]
    ax.barh(_literal(t[kolom_nama]), values, color=colours)
    ax.axvline(100, color="#333", lw=1, ls="--")
    ax.xaxis.set_major_formatter(axis_formatter(persen=True))
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("Capaian bulan berjalan terhadap minimum (%)")
    # legend from patches of the status colours (empty bars would all take the default colour)
    handles = [Patch(color=STATUS_COLOURS.get(st, COLOURS["grey"]), label=st) for st in dict.fromkeys(status)]
    ax.legend(handles=handles, loc="lower right", fontsize=7, frameon=False)
    return fig


def chart_items(butir: pd.DataFrame, instrumen: str, skala_maks: float = 4) -> Figure:
    """Mean score (NRR) per unsur with the interval when available."""
    t = butir.iloc[::-1]
    fig = _fig(height=max(2.2, 0.35 * len(t) + 0.8), left=0.28)
    ax = fig.add_subplot()
    ax.barh(_literal(t["unsur"]), t["nrr"].to_numpy(), color=COLOURS.get(instrumen, "#333"))
    for y, v in enumerate(t["nrr"].to_numpy()):
        if np.isfinite(v):
            ax.text(v + 0.03, y, _fmt2(v), va="center", fontsize=7)
    ax.set_xlim(0, skala_maks + 0.4)
    ax.xaxis.set_major_formatter(axis_formatter(desimal=1))
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(f"Nilai rata-rata (skala 1–{int(skala_maks)})")
    ax.set_title(f"Nilai per unsur {instrumen}", fontsize=10, loc="left", y=1.0)  # fixed y: no title auto-placement pass
    return fig


def _literal(labels: pd.Series) -> np.ndarray:
    """Category labels from data, with ``$`` escaped so matplotlib never parses them as mathtext.

    Tick labels of a categorical axis cannot take ``parse_math=False``; an
    escaped ``\\$`` is drawn as a literal ``$`` and never starts mathtext.
    """
    return labels.astype(str).str.replace("$", r"\$", regex=False).to_numpy()


def _fmt2(v: float) -> str:
    from spakanalysis.core.formatting import format_angka

    return format_angka(v, 2)


def axis_formatter(desimal: int = 0, persen: bool = False):
    """A matplotlib ``FuncFormatter`` that labels axes with Indonesian numbers."""
    if persen:
        return FuncFormatter(lambda v, _pos: format_persen(v, desimal))
    return FuncFormatter(lambda v, _pos: format_angka(v, desimal))
