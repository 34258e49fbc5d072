"""The core must not depend on the web layer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "planner" / "pathways"


def test_importing_the_core_does_not_import_flask():
    code = "import sys, planner.pathways; print('flask' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_core_modules_import_only_stdlib_networkx_and_the_core():
    allowed_roots = set(sys.stdlib_module_names) | {"networkx", "__future__"}
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.startswith("planner.pathways") or name.split(".")[0] in allowed_roots, (
                    f"{path.name} imports {name}"
                )
