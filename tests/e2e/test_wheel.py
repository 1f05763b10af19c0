"""The wheel makes a report outside the checkout (issue 16, point 5).

Builds the wheel (``pip wheel --no-deps``), installs it into a fresh virtual
environment in a temporary folder with ``pip install <wheel> -c constraints.txt``
and runs ``spakanalysis laporan`` there from a working folder outside the checkout.
To save time the new environment sees the dependencies of the one running the
tests (a ``.pth`` file naming its site-packages, whose own ``.pth`` files, such as
an editable install of the checkout, are not processed); the package itself comes
only from the wheel, which the test checks through ``spakanalysis.__file__``. The dependencies'
data files (nbconvert's templates) are found through ``JUPYTER_PATH``, as they would be in
their own prefix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd}\n{done.stdout}\n{done.stderr}"
    return done


def _clean_env(tmp: Path) -> dict[str, str]:
    """The environment without anything that points back into the checkout."""
    drop = {"SPAKANALYSIS_NOTEBOOKS", "PYTHONPATH", "VIRTUAL_ENV", "SPAKANALYSIS_DEBUG", "SOURCE_DATE_EPOCH"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, "SPAKANALYSIS_CACHE": str(tmp / "cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)], ROOT, _clean_env(out))
    (found,) = out.glob("spakanalysis-*.whl")
    return found


def test_wheel_carries_notebooks_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"spakanalysis/notebooks/laporan_satker.ipynb", "spakanalysis/notebooks/rekap_kanwil.ipynb",
            "spakanalysis/present/templates/monev/index.html.j2", "spakanalysis/core/config/progres.toml",
            "spakanalysis/stats/krejcie_morgan_1970.csv"} <= names
    for name in ("laporan_satker.ipynb", "rekap_kanwil.ipynb"):  # the copies are the checkout's notebooks
        assert zipfile.ZipFile(wheel).read(f"spakanalysis/notebooks/{name}") == (ROOT / "notebooks" / name).read_bytes()


def test_installed_wheel_makes_a_report_outside_the_checkout(wheel, tmp_path):
    env = _clean_env(tmp_path)
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    py = venv / "bin" / "python"
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path,
                     env).stdout.strip())
    (site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    # the dependencies' data files (nbconvert's base templates) are in the prefix of the environment they come from
    env = {**env, "VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
           "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
    _run([str(py), "-m", "pip", "install", "-q", str(wheel), "-c", str(ROOT / "constraints.txt")], tmp_path, env)
    where = _run([str(py), "-c", "import spakanalysis; print(spakanalysis.__file__)"], tmp_path, env).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    version = _run([str(venv / "bin" / "spakanalysis"), "--version"], tmp_path, env).stdout
    assert version.startswith("spakanalysis 0.")
    data = shutil.copytree(MINI, tmp_path / "data")
    work = tmp_path / "kerja"  # the working folder: outside the checkout, no notebooks/ anywhere near
    work.mkdir()
    done = _run([str(venv / "bin" / "spakanalysis"), "laporan", "--satker", "KWNTT", "--tanpa-pdf", "--data",
                 str(data), "--keluaran", str(tmp_path / "keluaran"), "--pekerja", "1"], work, env)
    html = tmp_path / "keluaran" / "2024-Q3" / "KWNTT" / "laporan.html"
    assert html.is_file(), done.stdout + done.stderr
    text = html.read_text(encoding="utf-8")
    assert "Kantor Wilayah Uji Mini NTT" in text and "IPKP" in text
    assert "1 dari 1 laporan satker berhasil" in done.stdout
