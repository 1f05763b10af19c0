"""The slide deck of the rapat evaluasi (``paparan.pptx``), built with python-pptx from the batch's JSON.

Slides: title, Kanwil summary, attainment ranking (chart as an image), satkers that need
acceleration with their daily targets, indices with Zona Integritas readiness, recommendations.
Text boxes and tables are real PowerPoint objects the presenter can edit; text from the data is
set as plain runs (never parsed). 16:9, the report's palette. :func:`meeting_deck` returns
reproducible bytes (package dates from the data date).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from spakanalysis.core.formatting import format_angka, format_persen, format_tanggal, format_tanggal_panjang
from spakanalysis.present.ooxml import (
    REPORT_COLOURS,
    STATUS_COLOURS,
    package_datetime,
    plain_text,
    reproducible_package,
)
from spakanalysis.present.status_style import STATUS_CSS_CLASS as STATUS_KELAS

__all__ = ["meeting_deck", "attainment_chart_png", "PERLU_PERCEPATAN", "SLIDE_WIDTH", "SLIDE_HEIGHT"]

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13,333 × 7,5 in (16:9)
#: Statuses of the satkers the meeting must act on (as counted in the recap's totals).
PERLU_PERCEPATAN = ("Perlu percepatan", "Kritis", "Hari layanan habis", "Tidak tercapai")
_MARGIN = Inches(0.6)
_BODY_TOP = Inches(1.45)
_ROWS_PER_SLIDE = 10
_CARD_SIZE = (Inches(2.3), Inches(1.85))
_INDEX_ROWS_PER_SLIDE = 8  # readiness labels may wrap to two lines
_CHARS_PER_SLIDE = 900
_KESIAPAN_KELAS = {"memenuhi": "status-tercapai", "belum memenuhi": "status-kritis"}


def _rgb(key_or_hex: str) -> RGBColor:
    return RGBColor.from_string(REPORT_COLOURS.get(key_or_hex, key_or_hex))


def _int(x) -> str:
    return "–" if x is None else format_angka(int(x))


def _text(frame, lines: Sequence[str], *, size: int = 16, colour: str = "teks", bold: bool = False,
          align=None, bullets: bool = False) -> None:
    """Fill a text frame with one paragraph per line, as plain runs."""
    frame.word_wrap = True
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = ("• " if bullets else "") + plain_text(line)
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(colour)
        if bullets:
            p.space_after = Pt(10)
        if align is not None:
            p.alignment = align


def _box(slide, left, top, width, height, lines: Sequence[str], **kw):
    shape = slide.shapes.add_textbox(left, top, width, height)
    _text(shape.text_frame, lines, **kw)
    return shape


def _slide(prs, title: str, footer: str):
    """A blank slide with the title, a teal rule under it and the footer line."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _box(slide, _MARGIN, Inches(0.35), SLIDE_WIDTH - 2 * _MARGIN, Inches(0.8), [title], size=28, colour="biru_tua",
         bold=True)
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _MARGIN, Inches(1.15), Inches(1.6), Inches(0.07))
    rule.fill.solid()
    rule.fill.fore_color.rgb = _rgb("toska")
    rule.line.fill.background()
    _box(slide, _MARGIN, SLIDE_HEIGHT - Inches(0.5), SLIDE_WIDTH - 2 * _MARGIN, Inches(0.35), [footer], size=10,
         colour="abu")
    return slide


def _fill(cell, hex_bg: str) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(hex_bg)


def _table(slide, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], *,
           status_cols: Sequence[int] = (), top=_BODY_TOP, size: int = 13):
    """An editable table; ``widths`` in inches; cells of ``status_cols`` coloured like the report's statuses."""
    shape = slide.shapes.add_table(len(rows) + 1, len(header), _MARGIN, top, Inches(sum(widths)),
                                   Inches(0.42) * (len(rows) + 1))
    table = shape.table
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for j, h in enumerate(header):
        cell = table.cell(0, j)
        _fill(cell, "biru_tua")
        _text(cell.text_frame, [h], size=size, colour="putih", bold=True)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            fg, bg = STATUS_COLOURS[_status_class(value)] if j in status_cols else ("1D2733", "FFFFFF" if i % 2 else "F3F6F9")
            _fill(cell, bg)
            _text(cell.text_frame, [value], size=size, colour=fg, bold=j in status_cols,
                  align=PP_ALIGN.RIGHT if j and value[:1].isdigit() else None)
    return shape


def _status_class(value: str) -> str:
    return _KESIAPAN_KELAS.get(value) or STATUS_KELAS.get(value, "status-netral")


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("grafik harus berupa PNG")
    return struct.unpack(">II", png[16:24])


# ----------------------------------------------------------------------------- slides


def _title_slide(prs, rekap: Mapping[str, Any], tanggal_rapat: date | None) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_WIDTH, SLIDE_HEIGHT)
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb("biru_tua")
    band.line.fill.background()
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(5.2), SLIDE_WIDTH, Inches(0.12))
    rule.fill.solid()
    rule.fill.fore_color.rgb = _rgb("toska")
    rule.line.fill.background()
    width = SLIDE_WIDTH - 2 * Inches(0.9)
    _box(slide, Inches(0.9), Inches(1.3), width, Inches(0.6), ["Rapat Evaluasi Monev Survei SPKP & SPAK"], size=20,
         colour="BCD3E6")
    _box(slide, Inches(0.9), Inches(2.0), width, Inches(1.9), [rekap["kanwil"]], size=40, colour="putih", bold=True)
    _box(slide, Inches(0.9), Inches(3.9), width, Inches(0.7), [rekap["periode_label"]], size=24, colour="E3EDF9")
    lines = [f"Data per {format_tanggal_panjang(date.fromisoformat(rekap['tanggal_data']))}"]
    if tanggal_rapat is not None:
        lines.insert(0, f"Rapat: {format_tanggal(tanggal_rapat)}")
    _box(slide, Inches(0.9), Inches(5.55), width, Inches(1.0), lines, size=16, colour="BCD3E6")


def _card(slide, left, top, label: str, value: str, note: str) -> None:
    width, height = _CARD_SIZE
    card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    card.fill.solid()
    card.fill.fore_color.rgb = _rgb("latar_muda")
    card.line.color.rgb = _rgb("garis")
    inner = Inches(0.15)
    _box(slide, left + inner, top + Inches(0.1), width - 2 * inner, Inches(0.4), [label], size=13, colour="abu")
    _box(slide, left + inner, top + Inches(0.5), width - 2 * inner, Inches(0.7), [value], size=30, colour="biru_tua",
         bold=True)
    _box(slide, left + inner, top + Inches(1.2), width - 2 * inner, Inches(0.6), [note], size=11, colour="abu")


def _summary_slide(prs, rekap: Mapping[str, Any], footer: str) -> None:
    slide = _slide(prs, "Ringkasan Kanwil", footer)
    t, ik = rekap["total"], rekap.get("indeks_kanwil") or {}
    step = Inches(2.45)
    cards = [
        ("Satker dipantau", _int(t["jumlah_satker"]),
         f"{_int(t['satker_tercapai'])} tercapai · {_int(t['satker_perlu_percepatan'])} perlu percepatan"),
        ("Capaian SPKP", format_persen(t["SPKP_persen"]), f"{_int(t['SPKP_sah'])} respons sah; minimum {_int(t['minimum'])}"),
        ("Capaian SPAK", format_persen(t["SPAK_persen"]), f"{_int(t['SPAK_sah'])} respons sah; minimum {_int(t['minimum'])}"),
        *[(f"{k} Kanwil", format_angka(ik.get(k), 2), "skala 1–4") for k in ("IPKP", "IPAK")],
    ]
    for i, (label, value, note) in enumerate(cards):
        _card(slide, _MARGIN + i * step, _BODY_TOP + Inches(0.1), label, value, note)
    rows = [[s, _int(n)] for s, n in rekap["jumlah_per_status"].items()]
    _table(slide, ["Status bulan berjalan", "Jumlah satker"], rows, [4.2, 2.2], status_cols=(0,), top=Inches(3.75))
    if t.get("satker_data_bermasalah"):
        _box(slide, Inches(7.6), Inches(3.75), Inches(5.1), Inches(1.0),
             [f"{_int(t['satker_data_bermasalah'])} satker dengan data bermasalah tidak dihitung."], size=14)


def attainment_chart_png(rekap: Mapping[str, Any]) -> bytes:
    """The recap's attainment ranking (``charts.chart_attainment``) of the satkers with usable data, as PNG."""
    import pandas as pd

    from spakanalysis.present.charts import chart_attainment, png_bytes

    t = pd.DataFrame([r for r in rekap["tabel"] if not r.get("data_bermasalah")])
    fig = chart_attainment(t)
    # a slide is wider and read from afar: the report's chart, widened, with larger labels
    fig.set_size_inches(12, max(3.5, 0.2 * len(t) + 1.0))
    fig.subplots_adjust(left=0.34, right=0.98, top=0.97, bottom=0.8 / fig.get_size_inches()[1])
    ax = fig.axes[0]
    ax.tick_params(axis="both", labelsize=11)
    ax.xaxis.label.set_fontsize(12)
    for text in ax.get_legend().get_texts():  # the chart's own legend (status colours), read from afar
        text.set_fontsize(11)
    return png_bytes(fig)


def _chart_slide(prs, png: bytes, footer: str) -> None:
    slide = _slide(prs, "Peringkat capaian bulan berjalan", footer)
    w, h = _png_size(png)
    box_w, box_h = SLIDE_WIDTH - 2 * _MARGIN, SLIDE_HEIGHT - _BODY_TOP - Inches(0.6)
    scale = min(box_w / w, box_h / h)
    width, height = Emu(int(w * scale)), Emu(int(h * scale))
    slide.shapes.add_picture(io.BytesIO(png), int((SLIDE_WIDTH - width) / 2), _BODY_TOP, width, height)


def _acceleration_rows(rekap: Mapping[str, Any]) -> list[list[str]]:
    rows = []
    for r in rekap["tabel"]:
        if r.get("data_bermasalah") or r.get("status") not in PERLU_PERCEPATAN:
            continue
        rows.append([r["nama_satker"], r["status"], _int(r.get("minimum")),
                     _int(r.get("SPKP_sah")), format_persen(r.get("SPKP_persen")), _int(r.get("SPKP_target_harian")),
                     _int(r.get("SPAK_sah")), format_persen(r.get("SPAK_persen")), _int(r.get("SPAK_target_harian"))])
    return rows


def _acceleration_slides(prs, rekap: Mapping[str, Any], footer: str) -> None:
    rows = _acceleration_rows(rekap)
    header = ["Satker", "Status", "Minimum", "SPKP sah", "SPKP %", "SPKP/hari", "SPAK sah", "SPAK %", "SPAK/hari"]
    for k, part in enumerate(_chunks(rows, _ROWS_PER_SLIDE)):
        title = "Satker yang perlu percepatan" + (" (lanjutan)" if k else "")
        slide = _slide(prs, title, footer)
        if not part:
            _box(slide, _MARGIN, _BODY_TOP, Inches(10), Inches(1), ["Tidak ada satker yang perlu percepatan."], size=20)
            continue
        _table(slide, header, part, [3.5, 1.45, 1.15, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], status_cols=(1,), size=12)
        _box(slide, _MARGIN, SLIDE_HEIGHT - Inches(0.95), SLIDE_WIDTH - 2 * _MARGIN, Inches(0.4),
             [f"Bulan {rekap['tabel'][0].get('bulan') or ''}: respons sah, capaian terhadap minimum, dan target harian "
              "(respons sah per hari layanan yang masih diperlukan)."], size=11, colour="abu")


def _both(a, b) -> str:
    """Readiness for a predicate that needs IPKP and IPAK (the rule of the recap's index table)."""
    if a == b == "memenuhi":
        return "memenuhi"
    if "belum memenuhi" in (a, b):
        return "belum memenuhi"
    return "belum dapat disimpulkan"


def _interval(ind: Mapping[str, Any] | None) -> str:
    if not ind or ind.get("nilai_skala4") is None or not ind.get("n_respons"):
        return "–"
    s = format_angka(ind["nilai_skala4"], 2)
    if ind.get("ci_bawah") is not None and ind.get("ci_atas") is not None:
        s += f" ({format_angka(ind['ci_bawah'], 2)}–{format_angka(ind['ci_atas'], 2)})"
    return s


def _index_rows(rekap: Mapping[str, Any], ringkasan: Mapping[str, Mapping[str, Any]]) -> list[list[str]]:
    rows = []
    for r in rekap["tabel"]:
        ind = (ringkasan.get(r["kode_satker"]) or {}).get("indeks") or {}
        if not ind:
            continue
        kp, ka = ind.get("IPKP") or {}, ind.get("IPAK") or {}
        kes = [_both((kp.get("kesiapan") or {}).get(z), (ka.get("kesiapan") or {}).get(z)) for z in ("WBK", "WBBM")]
        rows.append([r["nama_satker"], _interval(kp), _interval(ka), *kes])
    return rows


def _index_slides(prs, rekap: Mapping[str, Any], ringkasan: Mapping[str, Mapping[str, Any]], footer: str) -> None:
    rows = _index_rows(rekap, ringkasan)
    ik = rekap.get("indeks_kanwil") or {}
    note = (f"Skala 1–4, interval kepercayaan 95% dalam kurung. Kesiapan memenuhi bila IPKP dan IPAK keduanya "
            f"memenuhi. Kanwil: IPKP {format_angka(ik.get('IPKP'), 2)}, IPAK {format_angka(ik.get('IPAK'), 2)}.")
    for k, part in enumerate(_chunks(rows, _INDEX_ROWS_PER_SLIDE)):
        slide = _slide(prs, "Indeks dan kesiapan Zona Integritas" + (" (lanjutan)" if k else ""), footer)
        if not part:
            _box(slide, _MARGIN, _BODY_TOP, Inches(10), Inches(1), ["Indeks belum dapat dihitung."], size=20)
            continue
        _table(slide, ["Satker", "IPKP (IK 95%)", "IPAK (IK 95%)", "Kesiapan WBK", "Kesiapan WBBM"], part,
               [3.8, 2.25, 2.25, 1.9, 1.9], status_cols=(3, 4), size=11)
        _box(slide, _MARGIN, SLIDE_HEIGHT - Inches(0.95), SLIDE_WIDTH - 2 * _MARGIN, Inches(0.4), [note], size=11,
             colour="abu")


def _follow_up_slide(prs, rekap: Mapping[str, Any], footer: str) -> None:
    """Follow-up status per satker (only when the data folder holds a follow-up register)."""
    tl = rekap.get("tindak_lanjut") or {}
    if not tl.get("ada_register"):
        return
    done = "–" if tl.get("persen_selesai") is None else format_persen(tl["persen_selesai"])
    rows = [[r["nama_satker"], _int(r["jumlah_aksi"]), _int(r["selesai"]), _int(r["berjalan"]),
             _int(r["direncanakan"]), _int(r["terlambat"]), _int(r["batal"])] for r in tl.get("satker") or []]
    for k, part in enumerate(_chunks(rows, _ROWS_PER_SLIDE)):
        slide = _slide(prs, "Status tindak lanjut" + (" (lanjutan)" if k else ""), footer)
        _table(slide, ["Satker", "Aksi", "Selesai", "Berjalan", "Direncanakan", "Terlambat", "Batal"], part,
               [4.2, 1.0, 1.15, 1.25, 1.6, 1.3, 1.0], size=13)
        late = ", ".join(tl.get("satker_terlambat") or []) or "tidak ada"
        _box(slide, _MARGIN, SLIDE_HEIGHT - Inches(0.95), SLIDE_WIDTH - 2 * _MARGIN, Inches(0.4),
             [f"Kanwil: {_int(tl['jumlah_aksi'])} aksi, {done} selesai (tanpa yang batal), "
              f"{_int(tl['terlambat'])} terlambat. Satker dengan aksi terlambat: {late}."], size=12, colour="abu")


def _themes_slide(prs, rekap: Mapping[str, Any], footer: str) -> None:
    """The Kanwil's feedback themes (complaints touching corruption first), when the recap has them."""
    themes = (rekap.get("tema_saran") or {}).get("kanwil") or []
    if not themes:
        return
    slide = _slide(prs, "Tema saran/masukan pengguna layanan", footer)
    rows = [[t["label"], _int(t["jumlah"]), "–" if t.get("pangsa") is None else format_persen(100 * t["pangsa"]),
             _int(t["jumlah_satker"]), _int(t["jumlah_korupsi"])] for t in themes[:_ROWS_PER_SLIDE]]
    _table(slide, ["Tema", "Komentar", "Pangsa", "Satker", "Keluhan korupsi"], rows, [5.6, 1.5, 1.4, 1.3, 2.0], size=13)
    _box(slide, _MARGIN, SLIDE_HEIGHT - Inches(0.95), SLIDE_WIDTH - 2 * _MARGIN, Inches(0.4),
         ["Keluhan yang menyangkut pungli, calo, imbalan atau suap selalu di atas, berapa pun jumlahnya."],
         size=12, colour="abu")


def _recommendation_slides(prs, rekap: Mapping[str, Any], footer: str) -> None:
    groups: list[list[str]] = [[]]
    for item in rekap.get("rekomendasi") or ["Tidak ada rekomendasi."]:
        if groups[-1] and sum(map(len, groups[-1])) + len(item) > _CHARS_PER_SLIDE:
            groups.append([])
        groups[-1].append(item)
    for k, group in enumerate(groups):
        slide = _slide(prs, "Rekomendasi" + (" (lanjutan)" if k else ""), footer)
        _box(slide, _MARGIN, _BODY_TOP, SLIDE_WIDTH - 2 * _MARGIN, SLIDE_HEIGHT - _BODY_TOP - Inches(0.7), group,
             size=17, bullets=True)


def meeting_deck(rekap: Mapping[str, Any], ringkasan: Mapping[str, Mapping[str, Any]],
                 charts: Mapping[str, bytes] | None = None, *, tanggal_rapat: date | str | None = None) -> bytes:
    """``paparan.pptx`` for the rapat evaluasi, as reproducible bytes.

    ``rekap`` is ``rekap.json``, ``ringkasan`` maps satker codes to their ``ringkasan.json``.
    ``charts`` may hold a ready ``"capaian"`` PNG (else :func:`attainment_chart_png` draws it).
    ``tanggal_rapat`` (the meeting date, not in ``rekap.json``) goes on the title slide when given.
    """
    if isinstance(tanggal_rapat, str):
        tanggal_rapat = date.fromisoformat(tanggal_rapat)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    when = package_datetime(rekap["tanggal_data"])
    props = prs.core_properties
    props.title = plain_text(f"Rapat Evaluasi Monev SPKP & SPAK {rekap['kanwil']} {rekap['periode_label']}")
    props.author = props.last_modified_by = "spakanalysis"
    props.created = props.modified = when
    props.revision = 1
    props.language = "id-ID"
    footer = (f"{rekap['kanwil']} · {rekap['periode_label']} · data per "
              f"{format_tanggal_panjang(date.fromisoformat(rekap['tanggal_data']))}")
    _title_slide(prs, rekap, tanggal_rapat)
    _summary_slide(prs, rekap, footer)
    _chart_slide(prs, (charts or {}).get("capaian") or attainment_chart_png(rekap), footer)
    _acceleration_slides(prs, rekap, footer)
    _index_slides(prs, rekap, ringkasan, footer)
    _follow_up_slide(prs, rekap, footer)
    _themes_slide(prs, rekap, footer)
    _recommendation_slides(prs, rekap, footer)
    buf = io.BytesIO()
    prs.save(buf)
    return reproducible_package(buf.getvalue(), when)
