"""The public outputs of a period: infographics per satker and for the Kanwil, and ``publik/index.html``.

Written after every report of the batch is done (they read each satker's ``ringkasan.json`` and
the recap's ``rekap.json``; no figure is recomputed):

- ``<kode>/infografis.png`` (A4 portrait, 150 dpi), ``<kode>/infografis.pdf`` (vector) and
  ``<kode>/infografis_kotak.png`` (1080×1080);
- ``infografis.png``, ``infografis.pdf`` and ``infografis_kotak.png`` of the Kanwil in the period folder;
- ``publik/``: ``index.html`` plus copies of those files (``publik/<kode>_infografis.png`` …,
  ``publik/kanwil_infografis.png`` …), so the folder can be published on its own.

Drawing an infographic's three files costs about 0,8 s. A unit whose figures (and the package's code)
are those of the files already on disk is not drawn again: ``infografis_kunci.json`` in the Kanwil's
folder (not hidden: a batch leaves no hidden file behind) records, per unit, the SHA-256 of what they were drawn from and of each file's bytes. An
unchanged re-run of the batch, which rewrites the index and public pages, then takes seconds, not a
second per satker.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spakanalysis.core.atomic import write_atomic
from spakanalysis.core.hashing import code_fingerprint
from spakanalysis.core.paths import safe_child
from spakanalysis.present.public_figures import NAMA_INDEKS_PUBLIK, PublicFigures, from_rekap, from_ringkasan
from spakanalysis.present.public_infographic import infographic_a4, infographic_square, pdf_bytes, png_bytes
from spakanalysis.present.public_page import public_page

__all__ = ["write_public_outputs", "infographic_files", "drawing_key", "satker_figure", "PUBLIC_DIR", "PUBLIC_FILES"]

PUBLIC_DIR = "publik"
#: what the recap's manifest entry lists of the public outputs (the Kanwil's files in the period folder)
PUBLIC_FILES = ("infografis.pdf", "infografis.png", "infografis_kotak.png")
#: (key on the public page, file name)
_FILES = (("png", "infografis.png"), ("pdf", "infografis.pdf"), ("kotak", "infografis_kotak.png"))


def infographic_files(f: PublicFigures) -> dict[str, bytes]:
    """The three infographic files of one unit: name → bytes."""
    a4, square = infographic_a4(f), infographic_square(f)
    return {"infografis.png": png_bytes(a4), "infografis.pdf": pdf_bytes(a4), "infografis_kotak.png": png_bytes(square)}


KEYS_FILE = "infografis_kunci.json"


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def drawing_key(fig: PublicFigures) -> str:
    """What an infographic is drawn from: SHA-256 of the package's code, matplotlib's version and ``fig``."""
    import matplotlib

    return _sha(f"{code_fingerprint()}|{matplotlib.__version__}|{fig!r}".encode())


#: how a unit's files are drawn: ``draw(key, fig)`` (see :mod:`spakanalysis.pipeline.precompute`)
Draw = Callable[[str, PublicFigures], dict[str, bytes]]


def _draw_here(key: str, fig: PublicFigures) -> dict[str, bytes]:  # noqa: ARG001 - the key is for drawings made ahead
    return infographic_files(fig)


class _Drawn:
    """The infographic files of each unit, drawn again only when its figures or the code changed."""

    def __init__(self, folder: Path, draw: Draw = _draw_here) -> None:
        self.path = safe_child(folder, KEYS_FILE)
        self.draw = draw
        try:
            self.old = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.old = {}
        self.new: dict[str, dict[str, Any]] = {}

    def files(self, unit: str, fig: PublicFigures, folder: Path) -> dict[str, bytes]:
        """``unit``'s three files: those in ``folder`` when they are what ``fig`` gives, else drawn."""
        key, old = drawing_key(fig), self.old.get(unit) or {}
        files = self._on_disk(folder, old) if old.get("kunci") == key else None
        files = files or self.draw(key, fig)
        self.new[unit] = {"kunci": key, "berkas": {n: _sha(b) for n, b in files.items()}}
        return files

    @staticmethod
    def _on_disk(folder: Path, old: dict[str, Any]) -> dict[str, bytes] | None:
        try:
            files = {n: safe_child(folder, n).read_bytes() for _, n in _FILES}
        except OSError:
            return None
        return files if all(_sha(b) == (old.get("berkas") or {}).get(n) for n, b in files.items()) else None

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.new, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def _done_actions(block: Any) -> list[dict[str, str]]:
    """The completed actions of a ``tindak_lanjut`` block of ``ringkasan.json``, in register order."""
    if not isinstance(block, dict):
        return []
    rows = [*block.get("menjawab_periode_sebelumnya", []), *block.get("rencana_periode_ini", [])]
    return [{"tindakan": a["rencana_aksi"], "status": a["status"]} for a in rows if a.get("status") == "selesai"]


def _by_count(themes: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """Themes as the infographic takes them (``tema``, ``jumlah``), the most frequent first."""
    rows = [{"tema": t[name], "jumlah": int(t["jumlah"])} for t in themes if int(t.get("jumlah") or 0) > 0]
    return sorted(rows, key=lambda t: (-t["jumlah"], t["tema"]))


def _optional(summary: dict[str, Any]) -> dict[str, Any]:
    """What users said and what was done, from the ``tema_saran``/``tindak_lanjut`` blocks of a ``ringkasan.json``."""
    themes = summary.get("tema_saran")
    return {"tema_saran": _by_count(themes.get("tema", []), "label") if isinstance(themes, dict) else [],
            "tindak_lanjut": _done_actions(summary.get("tindak_lanjut"))}


def _kanwil_optional(rekap: dict[str, Any], satker: list[tuple[str, dict, PublicFigures]]) -> dict[str, Any]:
    """The Kanwil's top themes (``rekap.json``) and every satker's completed actions, named by satker."""
    themes = rekap.get("tema_saran")
    done = [{"tindakan": f"{fig.judul}: {a['tindakan']}", "status": a["status"]}
            for _, r, fig in satker for a in _optional(r)["tindak_lanjut"]]
    return {"tema_saran": _by_count(themes.get("kanwil", []), "label") if isinstance(themes, dict) else [],
            "tindak_lanjut": done}


def _figure(ringkasan: dict[str, Any]) -> PublicFigures:
    return from_ringkasan(ringkasan, url_survei=ringkasan.get("url_survei"), **_optional(ringkasan))


def satker_figure(out_dir: Path, code: str) -> PublicFigures | None:
    """The public figures of satker ``code`` from its ``ringkasan.json`` in ``out_dir`` (None: no such file)."""
    path = safe_child(out_dir, code, "ringkasan.json")
    return _figure(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None


def _satker_figures(out_dir: Path, rekap: dict[str, Any], codes: set[str] | None) -> list[tuple[str, dict, PublicFigures]]:
    rows = []
    for row in rekap["tabel"]:
        code = row["kode_satker"]
        path = out_dir / code / "ringkasan.json"
        if (codes is not None and code not in codes) or not path.is_file():
            continue
        ringkasan = json.loads(safe_child(out_dir, code, "ringkasan.json").read_text(encoding="utf-8"))
        rows.append((code, ringkasan, _figure(ringkasan)))
    return sorted(rows, key=lambda r: (r[2].judul.casefold(), r[0]))


def _kanwil_respondents(rekap: dict[str, Any], satker: list[tuple[str, dict, PublicFigures]]) -> dict[str, int] | None:
    """The period's respondents behind the Kanwil indices: the satkers' sum, only when every satker is there."""
    if len(satker) != len(rekap["tabel"]):
        return None
    return {name: sum(int((r.get("indeks") or {}).get(name, {}).get("n_respons") or 0) for _, r, _ in satker)
            for name in NAMA_INDEKS_PUBLIK}


def write_public_outputs(out_dir: Path, rekap: dict[str, Any] | None = None, *, codes: set[str] | None = None,
                         satker_dir: Path | None = None, draw: Draw | None = None) -> list[str]:
    """Write every infographic and ``publik/index.html``; returns the written paths relative to ``out_dir``, sorted.

    ``codes``: the satkers whose report succeeded (None = every satker with a ``ringkasan.json``).
    ``satker_dir``: the folder of the satker folders when it is not ``out_dir`` (a Kanwil of a national
    batch, ``out_dir`` inside it); the paths returned are then relative to ``satker_dir``.
    ``draw``: how a unit whose files cannot be reused is drawn, ``draw(drawing_key(fig), fig)``
    (default: here, :func:`infographic_files`; a batch takes the drawings its workers made ahead).
    """
    if rekap is None:
        rekap = json.loads(safe_child(out_dir, "rekap.json").read_text(encoding="utf-8"))
    root = out_dir if satker_dir is None else Path(satker_dir)
    own = "" if satker_dir is None else Path(out_dir).resolve().relative_to(root.resolve()).as_posix() + "/"
    satker = _satker_figures(root, rekap, codes)
    kanwil_row = next((r for _, r, _ in satker if r.get("jenis_satker") == "Kanwil"), {})
    kanwil = from_rekap(rekap, _kanwil_respondents(rekap, satker), url_survei=kanwil_row.get("url_survei"),
                        **_kanwil_optional(rekap, satker))
    written: dict[str, bytes | str] = {}
    public_links = []
    unit_dir = safe_child(root, *own.strip("/").split("/")) if own else root  # the Kanwil's files
    drawn = _Drawn(unit_dir, draw or _draw_here)
    for code, _, fig in satker:
        files = drawn.files(code, fig, safe_child(root, code))
        for name, content in files.items():
            written[f"{code}/{name}"] = content
            written[f"{own}{PUBLIC_DIR}/{code}_{name}"] = content
        public_links.append((fig, {key: f"{code}_{name}" for key, name in _FILES}))
    for name, content in drawn.files("kanwil", kanwil, unit_dir).items():
        written[f"{own}{name}"] = content
        written[f"{own}{PUBLIC_DIR}/kanwil_{name}"] = content
    written[f"{own}{PUBLIC_DIR}/index.html"] = public_page(kanwil, public_links, {k: f"kanwil_{n}" for k, n in _FILES})
    safe_child(root, *f"{own}{PUBLIC_DIR}".split("/")).mkdir(exist_ok=True)
    for rel, content in written.items():
        write_atomic(safe_child(root, *rel.split("/")), content)
    drawn.save()
    return sorted(written)
