"""Render executed notebooks to a self-contained HTML report and an A4 PDF.

The HTML comes from the package's nbconvert template ``templates/monev``: one
file, no code, no prompts, no stdout/stderr, no scripts and no resources from the
network (CSS embedded, PNG as ``data:`` URIs, SVG inline). The PDF comes from
WeasyPrint with the same HTML, prepared for print by
:func:`spakanalysis.present.print_html.for_print` (same PDF bytes, less styling work).

Costs in a long-lived worker
----------------------------
``nbconvert`` and ``weasyprint`` are imported lazily: importing this module is
cheap. The first call of :func:`html_exporter` / :func:`html_to_pdf` pays for the
import and the set-up (template loading, Fontconfig scan); both are cached for the
life of the process, so later reports pay only for the conversion itself.
Conversions are serialised with locks because neither library documents thread
safety. For more throughput, use processes.

Reproducibility
---------------
The same notebook gives byte-identical HTML, and the same HTML gives
byte-identical PDF bytes:

* WeasyPrint 70 writes ``/CreationDate`` and ``/ModDate`` only when the HTML has
  ``<meta name="dcterms.created">`` / ``dcterms.modified``. The template writes them
  only when the caller gives ``tanggal`` (a fixed ISO date), so there is never a
  clock time in the PDF.
* The PDF ``/ID`` is WeasyPrint's ``pdf_identifier=True``: the MD5 of the PDF
  objects, so it depends only on the content.
* Font subsets are named from a hash of the glyphs used, not at random.
* Without the system library libharfbuzz-subset (Debian: ``libharfbuzz-subset0``)
  WeasyPrint subsets fonts with fontTools, which stamps the current time into
  each embedded font's ``head.modified``; :func:`html_to_pdf` pins
  ``SOURCE_DATE_EPOCH`` (honoured by fontTools) while rendering. With
  HarfBuzz-Subset installed the PDF is also reproducible and about 0.5 s faster
  per report, but its bytes differ from the fontTools path: keep one
  environment when comparing PDFs across machines.
* Figures must be deterministic too. For PNG, use
  ``fig.savefig(..., metadata={"Software": None})`` or, for inline figures,
  ``%config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight",
  "metadata": {"Software": None}}`` (PNG inline format only). For SVG, set
  ``matplotlib.rcParams["svg.hashsalt"] = "spakanalysis"`` (otherwise element ids
  are random) and use ``metadata={"Date": None, "Creator": None}`` (SVG does not
  accept ``"Software"``). The output cleaner below also removes the ``<metadata>``
  block and the XML prolog from inline SVG.

Security note: ``text/plain`` outputs are HTML-escaped by nbconvert;
``text/html`` outputs are inserted as they are (trusted package HTML). Code that
builds HTML from data must escape it first (``html.escape``).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import threading
from collections.abc import Mapping
from datetime import date, datetime
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spakanalysis.core import settings
from spakanalysis.core.atomic import write_outputs_atomic
from spakanalysis.present.notebook_style import strip_notebook_style

if TYPE_CHECKING:  # pragma: no cover
    from nbconvert import HTMLExporter
    from nbformat import NotebookNode

__all__ = [
    "TEMPLATE_NAME",
    "HTML_NAME",
    "PDF_NAME",
    "clean_outputs",
    "template_dir",
    "html_exporter",
    "notebook_to_html",
    "html_to_pdf",
    "kernel_environment",
    "environ_without_font_epoch",
    "render_notebook_files",
]

TEMPLATE_NAME = "monev"
HTML_NAME = "laporan.html"
PDF_NAME = "laporan.pdf"

#: ``SOURCE_DATE_EPOCH`` used while writing PDFs when the environment has none
#: (1980-01-01T00:00:00Z, the usual reproducible-builds epoch).
EPOCH_FONT = "315532800"

#: Cell tags that drop the whole cell / all its outputs from the report.
REMOVE_CELL_TAGS = frozenset({"hapus", "remove_cell", "remove-cell", "parameters", "injected-parameters"})
REMOVE_OUTPUT_TAGS = frozenset({"hapus-keluaran", "remove_output", "remove-output"})

#: Display priority: first available type wins. No JavaScript, widgets, mermaid.
DISPLAY_PRIORITY = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/latex",
    "text/plain",
]
_DROPPED_TYPES = (
    "application/javascript",
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
    "text/vnd.mermaid",
)

# text/plain-only results that are noise in a report (and carry memory
# addresses, which would make the HTML non-reproducible).
_NOISY_REPRS = (
    re.compile(r"<[^<>\n]* at 0x[0-9A-Fa-f]+>"),
    re.compile(r"^<Figure size \d+(?:\.\d+)?x\d+(?:\.\d+)? with \d+ Axes>$"),
    re.compile(r"^Text\(-?[\d.e+-]+, -?[\d.e+-]+, '.*'\)$", re.S),
)
_SVG_PROLOG = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.I)
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_SVG_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)

_HTML_LOCK = threading.Lock()
_PDF_LOCK = threading.Lock()
_RESOURCE_STACK = contextlib.ExitStack()


# --------------------------------------------------------------------------- HTML


@functools.lru_cache(maxsize=1)
def template_dir() -> Path:
    """Folder holding the package's nbconvert templates (``.../templates``)."""
    ref = importlib_resources.files("spakanalysis.present") / "templates"
    if isinstance(ref, os.PathLike):
        return Path(ref)
    # Zipped install: extract for the life of the process (Python >= 3.12).
    return Path(_RESOURCE_STACK.enter_context(importlib_resources.as_file(ref)))


def _text(value: Any) -> str:
    if isinstance(value, list):  # nbformat may keep multi-line strings as lists
        return "".join(value)
    return value if isinstance(value, str) else str(value)


def _tidy_svg(svg: str) -> str:
    svg = _SVG_PROLOG.sub("", svg, count=1)
    svg = _SVG_METADATA.sub("", svg)
    return _SVG_COMMENT.sub("", svg).strip()


def _keep_output(output: Any) -> bool:
    """Clean one output in place; return False when it must be dropped."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return False  # stream (stdout/stderr) and error: never in a report
    data = output.get("data") or {}
    for kind in _DROPPED_TYPES:
        data.pop(kind, None)
    if "image/svg+xml" in data:
        data["image/svg+xml"] = _tidy_svg(_text(data["image/svg+xml"]))
    if "text/html" in data:  # the report has its own stylesheet: drop the notebook's scoped style
        data["text/html"] = strip_notebook_style(_text(data["text/html"]))
    if not any(kind in data for kind in DISPLAY_PRIORITY):
        return False
    if set(data) == {"text/plain"}:
        text = _text(data["text/plain"]).strip()
        if not text or any(pattern.search(text) for pattern in _NOISY_REPRS):
            return False
    return True


def clean_outputs(nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
    """nbconvert preprocessor: keep only the rich outputs a report may show.

    Drops stream and error outputs, JavaScript/widget/mermaid data, empty
    outputs and ``text/plain``-only object reprs (``<... at 0x7f...>``,
    ``<Figure size ...>``, ``Text(...)``); strips the XML prolog, DOCTYPE,
    comments and ``<metadata>`` from SVG so it can be inlined; drops the
    notebook's widget state.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = [o for o in cell.get("outputs", []) if _keep_output(o)]
    return nb, resources


def _exporter_class() -> type[HTMLExporter]:
    """:class:`nbconvert.HTMLExporter` without its last pass through BeautifulSoup.

    nbconvert 7 re-parses every page with ``html.parser`` only to add a placeholder ``alt`` to
    images without one and ``tabindex`` to JupyterLab cells. The ``monev`` template writes its own
    ``alt`` and has no JupyterLab cells, and that pass lowercases the SVG names HTML keeps
    case-sensitive only for inline SVG (``viewBox`` → ``viewbox``, ``clipPath`` → ``clippath``),
    which would break a chart taken out of the page as an SVG file (as
    :func:`spakanalysis.present.print_html.for_print` does). Skipping it keeps the SVG as
    matplotlib wrote it and saves the second parse.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class MonevHTMLExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[no-untyped-def]
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", Highlight2HTML(parent=self))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return MonevHTMLExporter


@functools.lru_cache(maxsize=1)
def html_exporter() -> HTMLExporter:
    """Return the process-wide configured :class:`nbconvert.HTMLExporter`.

    Uses the package template ``monev`` (no inputs, no prompts, no
    stream/error outputs, no anchor links, no lab CSS, no CDN scripts).
    """
    from traitlets.config import Config

    c = Config()
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.TemplateExporter.exclude_output_stdin = True
    c.HTMLExporter.exclude_anchor_links = True
    c.HTMLExporter.embed_images = True  # markdown images become data: URIs
    c.HTMLExporter.skip_svg_encoding = True
    c.HTMLExporter.sanitize_html = False  # package HTML is trusted (escaped at source)
    c.HTMLExporter.language_code = "id"
    c.NbConvertBase.display_data_priority = list(DISPLAY_PRIORITY)
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    c.TagRemovePreprocessor.remove_all_outputs_tags = set(REMOVE_OUTPUT_TAGS)
    c.HighlightMagicsPreprocessor.enabled = False  # inputs are never shown

    exporter = _exporter_class()(
        config=c,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(template_dir())],
    )
    exporter.register_preprocessor(clean_outputs, enabled=True)
    return exporter


def _format_date(tanggal: date | datetime | str | None) -> str:
    if tanggal is None:
        return ""
    if isinstance(tanggal, datetime):
        return tanggal.date().isoformat()
    if isinstance(tanggal, date):
        return tanggal.isoformat()
    text = str(tanggal).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        from spakanalysis.core.errors import InputError

        raise InputError(f'tanggal laporan harus berformat TTTT-BB-HH, bukan "{text}"')
    return text


def notebook_to_html(
    nb: NotebookNode | Mapping[str, Any],
    *,
    judul: str,
    nama_satker: str,
    subjudul: str = "",
    tanggal: date | datetime | str | None = None,
    tanggal_tampil: str = "",
) -> str:
    """Convert an executed notebook to one self-contained HTML report.

    Parameters
    ----------
    nb : NotebookNode or dict
        Executed notebook (nbformat v4). It is not modified.
    judul, nama_satker, subjudul : str
        Cover block and running header/footer texts (escaped by the template).
    tanggal : date or "YYYY-MM-DD", optional
        Report date written as ``dcterms.created``/``modified`` (the PDF's
        CreationDate/ModDate). Leave empty for no dates at all.
    tanggal_tampil : str, optional
        Date text shown on the cover (e.g. "30 September 2025").
    """
    import nbformat

    if not isinstance(nb, nbformat.NotebookNode):
        nb = nbformat.from_dict(dict(nb))
    resources = {
        "metadata": {"name": judul},
        "spak": {
            "judul": judul,
            "nama_satker": nama_satker,
            "subjudul": subjudul,
            "tanggal": _format_date(tanggal),
            "tanggal_tampil": tanggal_tampil,
        },
    }
    exporter = html_exporter()
    with _HTML_LOCK:
        html, _ = exporter.from_notebook_node(nb, resources=resources)
    return html


# --------------------------------------------------------------------------- PDF


# Properties WeasyPrint's HTML cascade does not know but that are expected in
# our output: SVG presentation properties in the ``style`` attributes of inline
# matplotlib SVG (WeasyPrint's SVG renderer reads them itself) and the
# browser-only ``print-color-adjust``. Their warnings are noise in worker logs.
_IGNORED_PROPERTIES = frozenset({
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "stroke-opacity", "clip-rule", "stop-color", "stop-opacity", "paint-order",
    "text-anchor", "dominant-baseline", "shape-rendering", "vector-effect",
    "marker-start", "marker-mid", "marker-end", "print-color-adjust", "color-adjust",
})


class _SvgWarningFilter(logging.Filter):
    """Drop WeasyPrint's "Ignored `fill: ...`, unknown property" warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING or not str(record.msg).startswith("Ignored `"):
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) >= 5 and str(args[-1]).startswith("unknown property"):
            return str(args[0]).strip().lower() not in _IGNORED_PROPERTIES
        return True


@functools.lru_cache(maxsize=1)
def _weasyprint() -> tuple[Any, Any]:
    """Import WeasyPrint once and build one Fontconfig configuration."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    logging.getLogger("weasyprint").addFilter(_SvgWarningFilter())
    return weasyprint, FontConfiguration()


def warm_up() -> None:
    """Import nbconvert and WeasyPrint and render a tiny page once (for long-lived workers).

    The first PDF of a process pays the imports and font set-up (2-4 s); a
    batch worker calls this while its kernel starts, so no report pays it.
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Pemanasan")]
    html_to_pdf(notebook_to_html(nb, judul="Pemanasan", nama_satker="Pemanasan"))


def html_to_pdf(html: str, *, base_url: str | os.PathLike[str] | None = None) -> bytes:
    """Render report HTML to A4 PDF bytes with WeasyPrint.

    Only ``data:`` and ``file:`` URLs are fetched (never the network). The same
    HTML gives byte-identical bytes (see the module docstring). Screen-only blocks are cut
    out first and inline charts become ``<img>`` of the same SVG
    (:func:`spakanalysis.present.print_html.for_print`; the PDF's bytes are the same either way).
    """
    from spakanalysis.present.print_html import for_print

    html = for_print(html)  # screen-only blocks out, charts as images: the same PDF, cheaper to style
    weasyprint, font_config = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data", "file"}, timeout=5)
    with _PDF_LOCK, _pinned_font_epoch():
        document = weasyprint.HTML(
            string=html,
            base_url=os.fspath(base_url) if base_url is not None else None,
            url_fetcher=fetcher,
            media_type="print",
        )
        return document.write_pdf(
            font_config=font_config,
            pdf_identifier=True,  # MD5 of the content: present and reproducible
            presentational_hints=True,  # honour <img width=...> of retina figures
        )


_EPOCH_LOCK = threading.Lock()
_epoch_pinned = False  # True while os.environ holds our pinned value (not the caller's)


@contextlib.contextmanager
def _pinned_font_epoch():
    """Pin ``SOURCE_DATE_EPOCH`` in ``os.environ`` while WeasyPrint writes the PDF.

    A library interface, not a channel of ours: without libharfbuzz-subset,
    WeasyPrint subsets fonts with fontTools, which stamps the current time into
    each embedded font's ``head.modified`` (so two renders of the same HTML would
    differ) unless ``SOURCE_DATE_EPOCH`` is set, and fontTools reads it only from
    the environment. A value already set by the caller is kept. A process
    started meanwhile from another thread must not inherit the pin (a kernel
    would print 1 January 1980 as the report date): start it with
    :func:`kernel_environment`.
    """
    global _epoch_pinned
    with _EPOCH_LOCK:
        pinned = settings.source_date_epoch() is None
        if pinned:
            os.environ["SOURCE_DATE_EPOCH"] = EPOCH_FONT
            _epoch_pinned = True
    try:
        yield
    finally:
        if pinned:
            with _EPOCH_LOCK:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
                _epoch_pinned = False


def kernel_environment(**overrides: str | None) -> dict[str, str]:
    """The environment for a kernel: ``os.environ`` with ``overrides``, without our font-epoch pin.

    Parameters
    ----------
    **overrides : str or None
        Variables to set (``None``: to remove), e.g. ``SPAKANALYSIS_CACHE``.

    Returns
    -------
    dict
        A copy (see :func:`spakanalysis.core.settings.child_environment`); ``SOURCE_DATE_EPOCH`` is
        left out while :func:`html_to_pdf` pins it in another thread, and kept when the caller set it.
    """
    with _EPOCH_LOCK:
        env = settings.child_environment(**overrides)
        if _epoch_pinned:
            env.pop("SOURCE_DATE_EPOCH", None)
    return env


def environ_without_font_epoch() -> dict[str, str]:
    """Deprecated: :func:`kernel_environment` without overrides."""
    return kernel_environment()


# ----------------------------------------------------------------------- writing


def render_notebook_files(
    nb: NotebookNode | Mapping[str, Any],
    out_dir: str | os.PathLike[str],
    *,
    judul: str,
    nama_satker: str,
    subjudul: str = "",
    pdf: bool = True,
    tanggal: date | datetime | str | None = None,
    tanggal_tampil: str = "",
) -> dict[str, Path]:
    """Render ``laporan.html`` (and ``laporan.pdf``) into ``out_dir`` atomically.

    Returns ``{"html": path, "pdf": path}`` (``"pdf"`` only when ``pdf=True``).
    """
    folder = Path(out_dir)
    html = notebook_to_html(
        nb,
        judul=judul,
        nama_satker=nama_satker,
        subjudul=subjudul,
        tanggal=tanggal,
        tanggal_tampil=tanggal_tampil,
    )
    files: dict[Path, bytes | str] = {folder / HTML_NAME: html}
    result = {"html": folder / HTML_NAME}
    if pdf:
        files[folder / PDF_NAME] = html_to_pdf(html)
        result["pdf"] = folder / PDF_NAME
    write_outputs_atomic(files)
    return result


# Deprecated aliases: the names before issue 16.
NAMA_TEMPLATE, NAMA_HTML, NAMA_PDF = TEMPLATE_NAME, HTML_NAME, PDF_NAME
bersihkan_keluaran = clean_outputs
