"""``chidao.resolution`` sits below both ``chidao.extract`` and ``chidao.graph``: it imports neither,
and the extract stage reaches resolution without importing the graph package."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import chidao.resolution

PACKAGE = Path(chidao.resolution.__file__).parent
ABOVE = ("chidao.extract", "chidao.graph")


def _loaded_after(module: str) -> list[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_resolution_imports_neither_extract_nor_graph() -> None:
    loaded = _loaded_after("chidao.resolution")
    assert [m for m in loaded if m.startswith(ABOVE)] == []


def test_extract_record_does_not_import_graph() -> None:
    loaded = _loaded_after("chidao.extract.record")
    assert [m for m in loaded if m.startswith("chidao.graph")] == []


def test_no_import_statement_reaches_up() -> None:
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or "", *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            found += [f"{path.name}: {n}" for n in names if n.startswith(ABOVE)]
    assert found == []
