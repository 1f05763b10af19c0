"""Build hook: the wheel carries copies of the checkout's report notebooks as package data.

The notebooks analysts open in JupyterLab stay in ``notebooks/`` (the one source,
also run by nbval). At build time they are copied into the wheel as
``spakanalysis/notebooks/*.ipynb``, where :func:`spakanalysis.pipeline.runner.notebook_path`
finds them through :mod:`importlib.resources`. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS = ("laporan_satker.ipynb", "rekap_kanwil.ipynb")


class BuildPyWithNotebooks(build_py):
    """``build_py`` that also copies the report notebooks into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads notebooks/ itself
            return
        target = Path(self.build_lib, "spakanalysis", "notebooks")
        target.mkdir(parents=True, exist_ok=True)
        for name in NOTEBOOKS:
            shutil.copyfile(Path("notebooks", name), target / name)


setup(cmdclass={"build_py": BuildPyWithNotebooks})
