"""The boundaries of the layout, checked on the import graph (not by eye).

* ``pathways/`` (the career core) and ``spent/`` rules import neither Flask nor any web module;
* ``catalogue/`` imports no feature package;
* no module imports a feature's web layer from the core;
* there is no import circle anywhere in ``planner/`` (feature packages keep their
  ``__init__`` free of imports, so importing one module never drags in the rest).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

PLANNER = Path(__file__).resolve().parent.parent / "planner"
FEATURES = ("explore", "advice", "plans", "spent", "help", "api", "web")
#: Modules of the spent package that hold the rules: pure, like the career core.
SPENT_WEB = {"planner.spent", "planner.spent.views", "planner.spent.form"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PLANNER.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Every module a file imports, at the top or inside a function.

    ``from package import module`` imports that module (and runs the package's
    ``__init__``, which is why feature packages keep theirs free of imports);
    ``from module import name`` imports the module.
    """
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                names.add(child if child in modules else node.module)
    return names


def _graph() -> nx.DiGraph:
    modules = {_module_name(p): p for p in PLANNER.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name, imports=_imports(path, set(modules)))
        for other in graph.nodes[name]["imports"]:
            if other in modules and other != name:
                graph.add_edge(name, other)
    return graph


GRAPH = _graph()


def _pure_modules() -> list[str]:
    return sorted(
        name
        for name in GRAPH
        if name.startswith("planner.pathways")
        or (name.startswith("planner.spent") and name not in SPENT_WEB)
    )


def test_there_are_pure_modules_to_check():
    assert len(_pure_modules()) >= 8


@pytest.mark.parametrize("module", _pure_modules())
def test_the_core_and_the_rules_import_no_web_code(module):
    allowed = set(sys.stdlib_module_names) | {"networkx", "__future__"}
    for name in GRAPH.nodes[module]["imports"]:
        root = name.split(".")[0]
        if root == "planner":
            assert name.startswith(("planner.pathways", "planner.spent")), (module, name)
            assert not any(name.startswith(web) for web in SPENT_WEB - {"planner.spent"}), (
                module,
                name,
            )
        else:
            assert root in allowed, f"{module} imports {name}"


@pytest.mark.parametrize("module", sorted(n for n in GRAPH if n.startswith("planner.catalogue")))
def test_the_catalogue_imports_no_feature(module):
    for name in GRAPH.nodes[module]["imports"]:
        assert not any(name.startswith(f"planner.{f}") for f in FEATURES), (module, name)


def test_there_is_no_import_circle():
    circles = list(nx.simple_cycles(GRAPH))
    assert not circles, f"import circles: {circles[:5]}"


def test_the_checker_sees_a_circle_when_there_is_one():
    graph = GRAPH.copy()
    graph.add_edge("planner.pathways.model", "planner.explore.views")
    assert list(nx.simple_cycles(graph))


@pytest.mark.parametrize("package", ["planner.pathways", "planner.spent.rules"])
def test_importing_the_pure_parts_does_not_import_flask(package):
    code = f"import sys, {package}; print('flask' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_only_the_factory_registers_blueprints():
    for path in PLANNER.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "register_blueprint(" in text:
            assert path == PLANNER / "__init__.py", path


@pytest.mark.parametrize(
    "package",
    ["explore", "advice", "plans", "spent", "help", "api", "catalogue", "pathways", "web"],
)
def test_feature_packages_init_imports_only_what_it_exports(package):
    """A package's ``__init__`` may re-export its own modules, never another feature's."""
    for name in GRAPH.nodes[f"planner.{package}"]["imports"]:
        if name.startswith("planner."):
            assert name.startswith(f"planner.{package}") or name == "planner.config", name
