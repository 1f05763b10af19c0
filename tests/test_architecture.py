"""Rules of the package's shape, kept by tools (issue 16): layers, no import cycles, sizes, ruff.

* ``lint-imports`` checks the contracts in ``pyproject.toml`` (``[tool.importlinter]``): the layers
  cli > pipeline > present > report > stats > data > core, and the heavy libraries kept in their layer.
* No module of the package reaches itself through imports (grimp, the graph import-linter builds).
* No module over 600 lines, no function over 60 lines, except the items of :data:`KNOWN_OVERSIZE`.
* ``ruff check`` passes on src, tests, scripts and benchmarks.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "spakanalysis"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60

#: Allowed exceptions to the size limits, with their sizes in lines (empty since issue 16). The test fails if a
#: listed item grows, if a new violation appears, and if a listed item already fits (the list can only shrink).
#: Modules: path under src/spakanalysis; functions: ``path:Qualified.name`` (from ``def`` to the body's last line).
KNOWN_OVERSIZE: dict[str, int] = {
}


def _tool(name: str) -> str:
    """The console script ``name`` next to this Python (the venv), else on PATH."""
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.is_file() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} tidak terpasang: pasang ekstra [test] (pip install -e '.[test]')")
    return found


def test_import_contracts_hold():
    run = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


def _cycles(graph) -> list[list[str]]:
    """Every module that reaches itself, with one path back to it."""
    found = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            path = graph.find_shortest_chain(importer=imported, imported=module)
            if path:
                found.append([module, *path])
                break
    return found


def test_no_import_cycle():
    graph = grimp.build_graph("spakanalysis", cache_dir=None)
    assert len(graph.modules) > 30  # the whole package was found, not an empty graph
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(name)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    assert _cycles(graph) == []
    graph.add_import(importer="p.c", imported="p.a")
    assert _cycles(graph)[0] == ["p.a", "p.b", "p.c", "p.a"]


def _functions(tree: ast.AST, prefix: str = ""):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = f"{prefix}{node.name}"
            if not isinstance(node, ast.ClassDef):
                yield name, node.end_lineno - node.lineno + 1
            yield from _functions(node, f"{name}.")


def sizes(package: Path = PACKAGE) -> dict[str, int]:
    """Every module over :data:`MAX_MODULE_LINES` and every function over :data:`MAX_FUNCTION_LINES`."""
    over = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        text = path.read_text(encoding="utf-8")
        if (n := len(text.splitlines())) > MAX_MODULE_LINES:
            over[rel] = n
        for name, n in _functions(ast.parse(text, filename=str(path))):
            if n > MAX_FUNCTION_LINES:
                over[f"{rel}:{name}"] = n
    return over


def test_sizes_only_shrink():
    found = sizes()
    new = {k: v for k, v in found.items() if k not in KNOWN_OVERSIZE}
    grown = {k: (KNOWN_OVERSIZE[k], v) for k, v in found.items() if k in KNOWN_OVERSIZE and v > KNOWN_OVERSIZE[k]}
    fixed = sorted(k for k in KNOWN_OVERSIZE if k not in found)
    assert not new, f"baru melebihi batas ({MAX_MODULE_LINES} baris/modul, {MAX_FUNCTION_LINES}/fungsi): {new}"
    assert not grown, f"bertambah panjang (terdaftar, sekarang): {grown}"
    assert not fixed, f"sudah dalam batas, hapus dari KNOWN_OVERSIZE: {fixed}"


def test_sizes_measures_modules_and_nested_functions(tmp_path):
    body = "\n".join(f"        x{i} = {i}" for i in range(60))
    (tmp_path / "m.py").write_text(f"class K:\n    def f(self):\n{body}\n\n\ndef g():\n    def h():\n{body}\n"
                                   "    return h\n" + "\n" * 480, encoding="utf-8")
    assert sizes(tmp_path) == {"m.py": 607, "m.py:K.f": 61, "m.py:g": 63, "m.py:g.h": 61}


def test_ruff_clean():
    run = subprocess.run([_tool("ruff"), "check", "--no-cache", "src", "tests", "scripts", "benchmarks"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
