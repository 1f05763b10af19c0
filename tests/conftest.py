"""The one conftest of the suite.

Layout: test modules live in one folder per package layer (``core/``, ``data_layer/``, ``stats/``,
``pipeline/``, ``cli/``), end-to-end tests that run the command line or the whole batch in ``e2e/``
(marked ``e2e`` here, so ``pytest -m "not e2e"`` runs the fast part), and the architecture checks in
``test_architecture.py``. ``tests/data/`` holds test data only. This folder is on ``sys.path`` (pytest
inserts a conftest's folder), so ``from _perintah import spakanalysis_cmd`` works from every subfolder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parent / "e2e"
SAMPLE_DATA = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="session", autouse=True)
def _private_dataset_cache(tmp_path_factory):
    """The suite's dataset cache lives in a temporary folder, never in the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPAKANALYSIS_CACHE", str(tmp_path_factory.mktemp("cache-dataset")))
        yield


@pytest.fixture(scope="session")
def sample():
    """The bundled sample data (``data/raw``), loaded once for the whole run (read only)."""
    from spakanalysis.data.dataset import load_dataset

    return load_dataset(SAMPLE_DATA)


def pytest_collection_modifyitems(config, items):  # noqa: ARG001 - pytest hook signature
    for item in items:
        if E2E in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
