"""Data text in charts is drawn literally: a ``$...$`` pair never starts matplotlib mathtext."""

import pandas as pd

from spakanalysis.charts import chart_attainment, chart_items, png_bytes

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
