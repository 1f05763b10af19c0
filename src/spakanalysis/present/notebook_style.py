"""Scoped style for the HTML the display functions return, so a notebook in JupyterLab looks like the report.

Every HTML output of :mod:`spakanalysis.present.display` is wrapped in ``<div class="spak-keluaran">``
with one ``<style class="spak-gaya">`` block whose rules all start with ``.spak-keluaran`` (they
style nothing else on the JupyterLab page). The rendered report has its own stylesheet
(``templates/monev``), so :func:`strip_notebook_style` removes these blocks before nbconvert.
"""

from __future__ import annotations

from IPython.display import HTML

__all__ = ["SCOPE", "SCOPED_CSS", "scoped_html", "strip_notebook_style", "ScopedHTML"]

SCOPE = "spak-keluaran"
_S = f".{SCOPE}"
SCOPED_CSS = f"""
{_S}{{font-family:"DejaVu Sans","Segoe UI",Arial,sans-serif;color:#1d2733;font-size:13px;line-height:1.4;
max-width:100%;overflow-x:auto}}
{_S} table{{border-collapse:collapse;margin:0 0 10px;font-size:12px;background:#fff;color:#1d2733}}
{_S} th,{_S} td{{border:none;border-bottom:1px solid #d5dde5;padding:4px 6px;text-align:left;vertical-align:top}}
{_S} thead th{{background:#1f3b5c;color:#fff;font-weight:bold}}
{_S} tbody tr:nth-child(even){{background:#f3f6f9}}
{_S} td.angka,{_S} th.angka{{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}}
{_S} .kartu-ringkas{{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:0 0 14px}}
{_S} .kartu{{border:1px solid #d5dde5;border-top:5px solid #1f3b5c;background:#fff;padding:8px 10px}}
{_S} .kartu .label{{font-size:11px;color:#5b6773;text-transform:uppercase;letter-spacing:.04em;margin:0 0 3px}}
{_S} .kartu .nilai{{font-size:22px;font-weight:bold;color:#1f3b5c;line-height:1.15;margin:0 0 3px}}
{_S} .kartu .ket{{font-size:11px;color:#5b6773;margin:0}}
{_S} .status-tercapai{{color:#1e6b34;background:#e2f3e6}}
{_S} .status-sesuai{{color:#1d5594;background:#e3edf9}}
{_S} .status-percepatan{{color:#7a4d00;background:#fcefd3}}
{_S} .status-kritis{{color:#a3221a;background:#fbe5e3}}
{_S} .status-netral{{color:#4a5562;background:#edf0f3}}
{_S} span[class*="status-"]{{display:inline-block;padding:1px 8px;border-radius:8px;font-size:11px;font-weight:bold;
white-space:nowrap}}
{_S} td[class*="status-"]{{font-weight:bold}}
{_S} .kartu.status-tercapai{{border-top-color:#2e8b48;background:#f3faf5}}
{_S} .kartu.status-sesuai{{border-top-color:#2a6fba;background:#f4f8fd}}
{_S} .kartu.status-percepatan{{border-top-color:#d08a0c;background:#fef9ee}}
{_S} .kartu.status-kritis{{border-top-color:#c0392b;background:#fdf3f2}}
{_S} .kartu.status-netral{{border-top-color:#8795a3;background:#f7f8fa}}
{_S} .kartu[class*="status-"] .nilai{{color:inherit}}
{_S} .catatan-kecil{{font-size:11px;color:#5b6773;margin:3px 0 10px}}
{_S} ol.rekomendasi,{_S} ul.rekomendasi{{list-style:none;padding:0;margin:0 0 10px}}
{_S} ol.rekomendasi>li,{_S} ul.rekomendasi>li{{padding:6px 10px;margin:0 0 6px;background:#f1f7f7;
border-left:4px solid #2a9d8f}}
{_S} h2,{_S} h3{{color:#1f3b5c}}
{_S} img,{_S} svg{{max-width:100%;height:auto}}
"""
_BLOCK = f'<style class="spak-gaya">{SCOPED_CSS}</style>'
_OPEN = f'<div class="{SCOPE}">{_BLOCK}'
_CLOSE = "</div>"


def scoped_html(body: str) -> str:
    """``body`` inside the scoped wrapper with its style block (once; wrapping twice changes nothing)."""
    return body if body.startswith(_OPEN) else f"{_OPEN}{body}{_CLOSE}"


def strip_notebook_style(html: str) -> str:
    """The body again, without the wrapper and style block that :func:`scoped_html` added (other HTML unchanged)."""
    if html.startswith(_OPEN) and html.endswith(_CLOSE):
        return html[len(_OPEN):-len(_CLOSE)]
    return html




class ScopedHTML(HTML):
    """An IPython ``HTML`` output that carries its own scoped style (see the module docstring)."""

    def _repr_html_(self):
        return scoped_html(self.data or "")
