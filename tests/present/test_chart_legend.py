"""The attainment chart's legend shows each status in its own colour."""

import pandas as pd
from matplotlib.colors import to_hex

from spakanalysis.present.charts import chart_attainment
from spakanalysis.present.status_style import STATUS_COLOURS


def test_attainment_legend_uses_the_status_colours():
    tabel = pd.DataFrame({"nama_satker": ["A", "B", "C"], "capaian_persen": [120.0, 60.0, 20.0],
                          "status": ["Tercapai", "Sesuai target", "Kritis"]})
    legend = chart_attainment(tabel).axes[0].get_legend()
    got = {t.get_text(): to_hex(h.get_facecolor()) for t, h in zip(legend.get_texts(), legend.legend_handles)}
    assert got == {s: to_hex(STATUS_COLOURS[s]) for s in ("Tercapai", "Sesuai target", "Kritis")}
    assert len(set(got.values())) == 3
