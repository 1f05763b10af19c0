"""Packaging: ranges in pyproject.toml, exact pins in constraints.txt, the same pins in environment.yml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
#: conda-forge names of the packages whose PyPI name differs
CONDA_NAMES = {"matplotlib": "matplotlib-base"}


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def _conda_pins() -> dict[str, str]:
    found = re.findall(r"^\s*-\s*([A-Za-z0-9_.-]+)=([0-9][^\s#]*)\s*$",
                       (ROOT / "environment.yml").read_text(encoding="utf-8"), re.M)
    return {name.lower(): version for name, version in found}


def _requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]


def test_environment_yml_mirrors_constraints():
    pins, conda = _constraints(), _conda_pins()
    both = {name: CONDA_NAMES.get(name, name) for name in pins if CONDA_NAMES.get(name, name) in conda}
    assert len(both) == len(pins) == 28  # every pinned package is in both files
    assert {n: pins[n] for n in both} == {n: conda[c] for n, c in both.items()}


def test_pyproject_has_ranges_that_admit_the_pins():
    from packaging.requirements import Requirement

    pins = _constraints()
    reqs = [Requirement(r) for r in _requirements()]
    assert sorted(r.name.lower() for r in reqs) == sorted(pins)  # one pin per requirement, nothing more
    for req in reqs:
        assert not any(s.operator == "==" for s in req.specifier), f"{req} is an exact pin: put it in constraints.txt"
        assert {s.operator for s in req.specifier} == {">=", "<"}, req
        assert req.specifier.contains(pins[req.name.lower()]), f"{req} excludes the pinned {pins[req.name.lower()]}"
    pandas = next(r for r in reqs if r.name == "pandas")
    assert str(pandas.specifier) == "<4,>=3.1"


def test_version_option_prints_the_package_version():
    from spakanalysis import __version__
    from spakanalysis.cli.app import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"spakanalysis {__version__}\n"
    assert "Tampilkan versi spakanalysis lalu keluar." in CliRunner().invoke(app, ["--help"]).output
