"""Where the package may write: one owner for the rule "inside the output folder".

Every path the runtime writes, replaces or deletes (reports, the recap, the
index page, the manifest, temporary work folders, the dataset cache) is made
with :func:`safe_child` or checked with :func:`ensure_inside` against the root
it belongs to, and deleted only through :func:`remove`. A satker code such as
``./../../x`` or ``LP/KPG`` (which becomes a folder name) therefore cannot
make the package write or delete anything outside ``--keluaran``, whatever
the data layer let through. Errors are :class:`PathError` with an Indonesian
message naming the folder.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

from spakanalysis.core.errors import SpakError

__all__ = ["PathError", "safe_child", "ensure_inside", "remove", "prepare_output_folder", "os_error_text",
           "temp_folder", "sweep_stale_temp_folders"]

#: Characters a single file or folder name may not hold (path separators, NUL).
_FORBIDDEN = re.compile(r"[/\\\x00]")


class PathError(SpakError):
    """A path would leave the output folder, or the output folder cannot be written."""


def _check_name(part: str, root: Path) -> None:
    if part in ("", ".", "..") or _FORBIDDEN.search(part):
        raise PathError(
            f'"{part}" tidak dapat dipakai sebagai nama berkas atau folder di folder keluaran {root}: '
            'diharapkan satu nama tanpa "/", "\\", ".." atau karakter kosong (NUL).'
        )


def ensure_inside(root: str | os.PathLike, path: str | os.PathLike, *, follow: bool = True) -> Path:
    """Return ``path`` resolved, after checking it lies inside ``root`` (or is ``root``).

    With ``follow=False`` the last component is not resolved (a symbolic link
    is checked where it is, not where it points: that is what deleting it touches).
    """
    base = Path(root).resolve()
    p = Path(path)
    target = p.resolve() if follow else p.parent.resolve() / p.name
    if target != base and base not in target.parents:
        raise PathError(f"Jalur {p} berada di luar folder keluaran {base}: tidak ditulis dan tidak dihapus.")
    return target


def safe_child(root: str | os.PathLike, *parts: str) -> Path:
    """``root / part / ...`` resolved, where each part must be one plain name and the result inside ``root``."""
    base = Path(root).resolve()
    for part in parts:
        _check_name(str(part), base)
    return ensure_inside(base, base.joinpath(*map(str, parts)))


def remove(root: str | os.PathLike, path: str | os.PathLike) -> None:
    """Delete a file, a symbolic link or a folder tree, only when it lies inside ``root``; missing is fine."""
    target = ensure_inside(root, path, follow=False)
    if target.is_symlink() or not target.is_dir():
        target.unlink(missing_ok=True)
    else:
        shutil.rmtree(target, ignore_errors=True)


def os_error_text(exc: OSError, folder: str | os.PathLike | None = None) -> str:
    """An Indonesian message for a write failure, naming the folder."""
    where = folder if folder is not None else (Path(exc.filename).parent if exc.filename else "(tidak diketahui)")
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return f"Disk penuh: tidak ada ruang tersisa untuk menulis di folder {where}. Kosongkan ruang lalu jalankan lagi."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Folder keluaran {where} tidak dapat ditulis (izin ditolak atau hanya-baca). Pilih folder lain dengan --keluaran."
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"Folder keluaran {where} tidak dapat dibuat: jalur itu (atau salah satu induknya) adalah berkas, bukan folder."
    return f"Gagal menulis di folder {where}: {exc.strerror or exc}."


def prepare_output_folder(root: str | os.PathLike, *parts: str) -> Path:
    """Create ``root/parts`` and prove it is writable (a probe file), before any kernel starts.

    Raises :class:`PathError` naming the folder when it is a file, read-only or full.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise PathError(f"Folder keluaran {root} adalah berkas, bukan folder. Pilih folder lain dengan --keluaran.")
    folder = safe_child(root, *parts) if parts else root.resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".tulis-uji.", suffix=".tmp", dir=folder)
        try:
            os.write(fd, b"0" * 4096)
            os.fsync(fd)
        finally:
            os.close(fd)
            Path(probe).unlink(missing_ok=True)
    except OSError as exc:
        raise PathError(os_error_text(exc, folder)) from exc
    return folder


# ------------------------------------------------------------------ temporary folders of a run

_TEMP_NAME = re.compile(r"^spakanalysis-(?:cache|kernel)-(\d+)-")


def temp_folder(kind: str) -> Path:
    """A private temporary folder ``spakanalysis-<kind>-<pid>-*`` in the system temporary folder."""
    return Path(tempfile.mkdtemp(prefix=f"spakanalysis-{kind}-{os.getpid()}-"))


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() if Path("/proc/self").exists() else _signal_alive(pid)


def _signal_alive(pid: int) -> bool:  # pragma: no cover - systems without /proc
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_temp_folders() -> list[Path]:
    """Delete the temporary caches and kernel folders of runs whose process is dead (e.g. after ``kill -9``)."""
    base = Path(tempfile.gettempdir())
    swept = []
    for p in base.iterdir() if base.is_dir() else []:
        m = _TEMP_NAME.match(p.name)
        if m and p.is_dir() and not p.is_symlink() and not _alive(int(m.group(1))):
            remove(base, p)
            swept.append(p)
    return swept
