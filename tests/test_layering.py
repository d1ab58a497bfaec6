"""The one-way data flow, checked on the source: entry points (cli, commands, ui) → io,
reports → services → db → snapshots, domain (docs/architecture.md)."""

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
        (
            "db",
            (
                "PySide6",
                "desktop_app.ui",
                "desktop_app.services",
                "desktop_app.io",
                "desktop_app.reports",
                "desktop_app.commands",
            ),
        ),
        # services read and write; rendering is above them (reports/quarter_close.py)
        (
            "services",
            ("PySide6", "desktop_app.ui", "desktop_app.reports", "desktop_app.commands"),
        ),
        ("reports", ("PySide6", "desktop_app.ui", "desktop_app.commands")),
        # io reads with Core (db/tables.py) and writes through the door (db/door.table,
        # services for ORM writes): it names no ORM model
        ("io", ("PySide6", "desktop_app.ui", "desktop_app.db.models")),
    ],
)
def test_layer_does_not_import(folder, forbidden):
    if not (PKG / folder).is_dir():
        pytest.fail(f"desktop_app/{folder} is missing")
    assert _offenders(folder, forbidden) == []


#: The read modules (docs/architecture.md, "Reads"): Core only, so a screen and the brief
#: share them without loading the ORM. Services that write (and read what the form edits)
#: may use the ORM; these may not.
READ_MODULES = (
    "brief_data",
    "district_overview",
    "evidence_rows",
    "figures_cache",
    "funding_status",
    "health",
    "history",
    "home",
    "performance_status",
    "plan_period",
    "project_list",
    "return_status",
    "timeline",
    "warnings",
)


@pytest.mark.parametrize("name", READ_MODULES)
def test_read_modules_use_no_orm(name):
    path = PKG / "services" / f"{name}.py"
    assert path.is_file(), f"services/{name}.py is missing"
    bad = [n for n in _imports(path) if n.startswith(("sqlalchemy.orm", "desktop_app.db.models"))]
    assert bad == []


def test_widgets_never_open_sessions():
    bad = []
    for path in sorted((PKG / "ui").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for needle in (".session(", ".reader(", "sessionmaker", "from sqlalchemy"):
            if needle in source:
                bad.append(f"{path.relative_to(PKG)}: {needle}")
    assert bad == []


def test_first_paint_needs_neither_the_orm_nor_pandas_reportlab_or_alembic(tmp_path):
    """Start-up speed: the window's first frame, with the 13 projects, is painted from Core
    reads; the ORM and its models load just after it, the heavy libraries when a feature
    needs them. The real start-up (`python -m desktop_app`) reports what it had loaded at
    its first frame (`KEY_PROJECTS_EXIT_AFTER_SHOW=modules`, see ui/app.py)."""
    import os

    from desktop_app.db.database import open_database
    from desktop_app.db.demo import build_demo

    path = tmp_path / "a.sqlite"
    db = open_database(path)  # created, migrated and filled here; the window only opens it
    build_demo(db)
    db.dispose()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KEY_PROJECTS_EXIT_AFTER_SHOW": "modules",
        "KEY_PROJECTS_DATA_DIR": str(tmp_path / "data"),
        "KEY_PROJECTS_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("KEY_PROJECTS_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(
        line.split(" ", 1) for line in result.stdout.splitlines() if line.startswith("KEY_")
    )
    assert lines["KEY_PROJECTS_SHOWN_ROWS"] == "13"
    assert lines["KEY_PROJECTS_SHOWN_MODULES"] == "-"


BRIEF_NEEDS_NONE_OF = (
    "sqlalchemy.orm",
    "desktop_app.db.models",
    "PySide6",
    "pandas",
    "numpy",
    "alembic",
    "openpyxl",
)


def test_quarterly_brief_process_reads_with_core_only(tmp_path):
    """Brief speed: `key-projects report` reads every figure with SQLAlchemy Core and
    imports no ORM, no models, no Qt and no pandas (each costs a share of a one-second
    command); the child runs the command's own entry point and then lists what it loaded."""
    import os

    from desktop_app.db.database import open_database
    from desktop_app.db.demo import build_demo

    path = tmp_path / "a.sqlite"
    db = open_database(path)
    build_demo(db)
    db.dispose()
    out = tmp_path / "brief.pdf"
    probe = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        f"args = ['report', '--quarter', '2026Q3', '--db', {str(path)!r}, '-o', {str(out)!r}]\n"
        "code = main(args)\n"
        f"loaded = [m for m in {BRIEF_NEEDS_NONE_OF!r} if m in sys.modules]\n"
        "print('LOADED', ' '.join(loaded) or '-')\n"
        "sys.exit(code)\n"
    )
    env = {
        **os.environ,
        "KEY_PROJECTS_DATA_DIR": str(tmp_path / "data"),
        "KEY_PROJECTS_CONFIG_DIR": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=180, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "pages" in result.stdout and out.stat().st_size > 10_000
    assert "LOADED -" in result.stdout.splitlines()
