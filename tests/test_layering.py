"""The one-way data flow, checked on the source (db → services → domain → ui, reports, io)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "desktop_app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((PKG / folder).rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in forbidden or any(name.startswith(f) for f in forbidden):
                out.append(f"{path.relative_to(PKG)} imports {name}")
    return out


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("domain", ("PySide6", "sqlalchemy", "alembic", "desktop_app.db", "desktop_app.ui")),
        ("snapshots", ("PySide6", "sqlalchemy", "desktop_app.db", "desktop_app.ui")),
        ("db", ("PySide6", "desktop_app.ui", "desktop_app.services")),
        ("services", ("PySide6", "desktop_app.ui")),
        ("reports", ("PySide6", "desktop_app.ui")),
        ("io", ("PySide6", "desktop_app.ui")),
    ],
)
def test_layer_does_not_import(folder, forbidden):
    if not (PKG / folder).is_dir():
        pytest.fail(f"desktop_app/{folder} is missing")
    assert _offenders(folder, forbidden) == []


def test_widgets_never_open_sessions():
    bad = []
    for path in sorted((PKG / "ui").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for needle in (".session(", ".reader(", "sessionmaker", "from sqlalchemy"):
            if needle in source:
                bad.append(f"{path.relative_to(PKG)}: {needle}")
    assert bad == []


STARTUP_PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop_app.db.database import open_database
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
db = open_database(sys.argv[1])
window = MainWindow(AppContext(db=db))
window.portfolio_page().refresh()
window.show()
app.processEvents()
heavy = {"pandas", "reportlab", "alembic", "openpyxl", "numpy", "python_calamine"}
print(sorted({m.split(".")[0] for m in sys.modules} & heavy))
"""


def test_window_start_does_not_import_pandas_reportlab_or_alembic(tmp_path):
    """Start-up speed: the heavy libraries load only when a feature needs them."""
    from desktop_app.db.database import open_database

    path = tmp_path / "a.sqlite"
    open_database(path).dispose()  # created and migrated here; the probe only opens it
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
