"""``Dataset.respons_satker``: one satker's responses without a scan of every response per report."""

from __future__ import annotations

import pandas as pd

from spakanalysis.report.early_warning_report import risk_table


def test_respons_satker_is_the_boolean_selection_for_every_satker(sample):
    r = sample.respons
    for code in sample.satker["kode_satker"]:
        pd.testing.assert_frame_equal(sample.respons_satker(code), r[r["kode_satker"] == code])
    assert len(sample.respons_satker("KWNTT")) == int((r["kode_satker"] == "KWNTT").sum()) > 0


def test_an_unknown_satker_has_no_rows_but_every_column(sample):
    rows = sample.respons_satker("TIDAKADA")
    assert rows.empty and list(rows.columns) == list(sample.respons.columns)


def test_risk_table_groups_once_and_agrees_with_a_per_satker_selection(sample, monkeypatch):
    from datetime import date

    from spakanalysis.core.periods import parse_periode
    from spakanalysis.report import early_warning_report as ewr
    from spakanalysis.report.parameters import sample_rule

    period, cut, rule = parse_periode("2024-Q3"), date(2024, 9, 18), sample_rule("ntt-2024", 0.05, None)
    seen = {}
    original = ewr.satker_early_warning

    def spy(mine, rows_of, cut_, mode):
        code = rows_of["kode_satker"].iloc[0]
        r = sample.respons
        seen[code] = mine.equals(r[r["kode_satker"] == code])
        return original(mine, rows_of, cut_, mode)

    monkeypatch.setattr(ewr, "satker_early_warning", spy)
    table = risk_table(sample.satker, sample.respons, period, cut, rule)
    assert len(seen) == 21 and all(seen.values())
    assert table["probabilitas_terendah"].is_monotonic_increasing
