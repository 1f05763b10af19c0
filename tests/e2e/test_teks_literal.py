"""Data text in charts is drawn literally: a ``$...$`` pair never starts matplotlib mathtext."""

import pandas as pd

from spakanalysis.present.charts import chart_attainment, chart_items, png_bytes

NAMA = r"$x^2$ {{ 7*7 }} <b>tebal</b> **tebal** \textbf{x}"


def _labels(fig):
    ax = fig.axes[0]
    fig.canvas.draw()
    return [t.get_text() for t in ax.get_yticklabels()]


def test_chart_attainment_draws_dollar_names_literally():
    tabel = pd.DataFrame({"nama_satker": [NAMA, "Lapas $A$"], "capaian_persen": [50.0, 80.0],
                          "status": ["Tercapai", "Tercapai"]})
    fig = chart_attainment(tabel)
    assert png_bytes(fig).startswith(b"\x89PNG")
    assert _labels(fig) == [NAMA.replace("$", r"\$"), r"Lapas \$A\$"]
    for t in fig.axes[0].get_yticklabels():
        assert t._preprocess_math(t.get_text()) in ((NAMA, False), ("Lapas $A$", False))


def test_chart_items_draws_dollar_unsur_literally():
    butir = pd.DataFrame({"unsur": ["U1 $a$", "U2"], "nrr": [3.25, 3.5]})
    fig = chart_items(butir, "SPKP")
    assert png_bytes(fig).startswith(b"\x89PNG")
    fig.canvas.draw()
    texts = [t._preprocess_math(t.get_text()) for t in fig.axes[0].get_yticklabels()]
    assert texts == [("U2", False), ("U1 $a$", False)]


LABEL = r"$\frac$ {{ 7*7 }} <b>tebal</b> **tebal** \textbf{x} $x^2$"


def test_markup_in_registry_names_is_printed_literally_in_every_output(tmp_path):
    """A satker and Kanwil name full of markup: recap, infographic and index page are all made, text literal."""
    from test_trust import PERIODE, _keep_satker, _read_csv, _write_csv, assert_no_traceback, cli, compose, laporan_args

    data = compose("_dasar", tmp_path / "data")
    _keep_satker(data, {"KWNTT", "LPKUPANG"})
    rows = _read_csv(data / "satker.csv")
    h = rows[0]
    for r in rows[1:]:
        r[h.index("kanwil")] = f"Kanwil {LABEL}"
        if r[h.index("kode_satker")] == "LPKUPANG":
            r[h.index("nama_satker")] = f"Lapas {LABEL}"
    _write_csv(data / "satker.csv", rows)
    out = tmp_path / "keluaran"
    res = cli(*laporan_args(data, out, "--semua", "--tanpa-pdf", "--pekerja", "1"))
    assert_no_traceback(res)
    assert res.kode == 0, res.semua[-2000:]
    period = out / PERIODE
    for name in ("rekap.html", "infografis.png", "infografis.pdf", "index.html", "LPKUPANG/laporan.html"):
        assert (period / name).stat().st_size > 0, name
    escaped = r"$\frac$ {{ 7*7 }} &lt;b&gt;tebal&lt;/b&gt; **tebal** \textbf{x} $x^2$"
    for name in ("rekap.html", "index.html", "LPKUPANG/laporan.html"):
        html = (period / name).read_text(encoding="utf-8")
        assert escaped in html, name
        assert "<b>tebal</b>" not in html and "<strong>tebal</strong>" not in html, name
