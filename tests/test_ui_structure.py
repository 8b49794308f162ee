"""The shape of ui/: small files, no import circles, no late imports to get around one."""

from __future__ import annotations

import ast
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

UI = Path(__file__).resolve().parents[1] / "playground_game" / "ui"
MAX_LINES = 560  # "about 500": a file past this does more than one job


def _modules() -> dict[str, Path]:
    found = {}
    for path in UI.rglob("*.py"):
        parts = path.relative_to(UI.parents[1]).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path) -> set[str]:
    """Modules of playground_game imported at module level (not under TYPE_CHECKING)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("playground_game"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_ui_file_is_long() -> None:
    long = {p.name: n for p in UI.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long


def test_ui_modules_import_each_other_without_a_circle() -> None:
    modules = _modules()
    graph = {name: {d for d in _imports(path) if d in modules} for name, path in modules.items()}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        for dep in graph[name]:
            assert dep not in path, " -> ".join([*path[path.index(dep):], dep])
            if dep not in done:
                visit(dep, [*path, dep])
        done.add(name)

    for name in graph:
        visit(name, [name])


def test_no_late_imports_in_ui() -> None:
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = [n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
                assert not inner, f"{path.name}: an import inside {node.name}()"


def test_every_package_ships_in_the_wheel() -> None:
    """pyproject lists packages by hand: a new folder under playground_game must be added."""
    root = UI.parents[1]
    listed = set(tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root).parts) for p in
             (root / "playground_game").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
