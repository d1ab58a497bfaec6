"""Every test that uses something Windows does not have (SIGKILL, os.fork, poppler, /proc)
carries the marker that skips it there, with its reason (issue 27: the Windows workflow
would have failed on them before building anything)."""

from __future__ import annotations

import ast
from pathlib import Path

from platform_marks import NEEDS

TESTS = Path(__file__).resolve().parent


def _uses(source: str) -> set[str]:
    return {marker for word, marker in NEEDS.items() if word in source}


def missing_marks(path: Path) -> list[str]:
    """`test_x needs needs_sigkill` for each test using a POSIX-only thing without the
    marker on itself (decorator or parameter) or on the module (`pytestmark`)."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    functions = {
        n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    direct = {name: _uses(ast.get_source_segment(text, f) or "") for name, f in functions.items()}

    def used(name: str, seen: set[str]) -> set[str]:
        """What `name` uses itself or through the module's helpers and fixtures it names."""
        found = set(direct[name])
        node = functions[name]
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        names |= {a.arg for a in node.args.args}
        for other in names & functions.keys() - seen - {name}:
            found |= used(other, seen | {name})
        return found

    module_marks = "".join(
        ast.get_source_segment(text, n) or ""
        for n in tree.body
        if isinstance(n, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in n.targets)
    )
    out = []
    for name, node in functions.items():
        if not name.startswith("test"):
            continue
        marks = module_marks + "".join(
            ast.get_source_segment(text, d) or "" for d in node.decorator_list
        )
        out += [
            f"{path.name}::{name} needs {m}" for m in sorted(used(name, set())) if m not in marks
        ]
    return out


def test_posix_only_tests_skip_on_windows() -> None:
    paths = sorted(set(TESTS.glob("test_*.py")) - {Path(__file__).resolve()})
    missing = [line for path in paths for line in missing_marks(path)]
    assert missing == []


def test_the_check_finds_an_unmarked_test(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "import os, signal, subprocess\n"
        "def _kill(p):\n    os.kill(p, signal.SIGKILL)\n"
        "def test_kill():\n    _kill(1)\n"
        "@needs_poppler\ndef test_text():\n    subprocess.run(['pdftotext'])\n"
        "def test_proc():\n    open('/proc/self/status')\n",
        encoding="utf-8",
    )
    assert missing_marks(sample) == [
        "test_sample.py::test_kill needs needs_sigkill",
        "test_sample.py::test_proc needs needs_proc",
    ]
