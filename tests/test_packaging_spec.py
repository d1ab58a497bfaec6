"""build.spec leaves nothing out that the app imports (issue 27: `xlsxwriter` was excluded,
so `returns make` failed in the bundle), and builds the windowed program and its console
twin from one Analysis into one folder."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"


def app_imports() -> dict[str, str]:
    """Every absolute import in desktop_app/, also those inside functions: module -> file."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "desktop_app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
                names += [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def spec_excludes() -> set[str]:
    """Every string the spec puts in `excludes` (assigned, added or conditional)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(SPEC.read_text(encoding="utf-8"))):
        target = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AugAssign):
            target, value = node.target, node.value
        if isinstance(target, ast.Name) and target.id == "excludes":
            out |= {
                n.value
                for n in ast.walk(value)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            }
    return out


def excluded_by(module: str, excludes: set[str]) -> str | None:
    """The exclude that drops `module`: itself or one of its parent packages."""
    parts = module.split(".")
    for i in range(1, len(parts) + 1):
        if ".".join(parts[:i]) in excludes:
            return ".".join(parts[:i])
    return None


def test_the_walk_sees_imports_inside_functions() -> None:
    imports = app_imports()
    assert "xlsxwriter" in imports  # imported inside io/xlsx_writer.py's functions
    assert "desktop_app.selftest" in imports  # cli.main imports it when asked
    assert len(spec_excludes()) > 50


def test_no_module_the_app_imports_is_excluded() -> None:
    excludes = spec_excludes()
    dropped = {
        f"{module} ({where}) by {excluded_by(module, excludes)!r}"
        for module, where in app_imports().items()
        if excluded_by(module, excludes)
    }
    assert sorted(dropped) == []


def test_every_third_party_import_is_installed() -> None:
    """PyInstaller collects what it can find: a third-party import must be installed where
    the bundle is built (a missing one would be left out without an error)."""
    tops = {m.split(".")[0] for m in app_imports()} - set(sys.stdlib_module_names)
    tops.discard("desktop_app")
    missing = sorted(t for t in tops if importlib.util.find_spec(t) is None)
    assert missing == []
    assert {"xlsxwriter", "pandas", "reportlab", "PySide6"} <= tops


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name
    ]


def test_one_analysis_two_programs_one_folder() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    assert len(_calls(tree, "Analysis")) == 1 and len(_calls(tree, "COLLECT")) == 1
    twins = {
        ast.unparse(call.args[0]): ast.unparse(
            next(k.value for k in call.keywords if k.arg == "console")
        )
        for call in _calls(tree, "_exe")
    }
    assert twins == {"NAME": "False", "f'{NAME}-cli'": "True"}
    (collect,) = _calls(tree, "COLLECT")
    assert [ast.unparse(a) for a in collect.args[:2]] == ["exe", "exe_cli"]
