"""`key-projects --selftest`: prove a built bundle carries everything the app needs.

Runs the real code paths end to end in a temp folder, offscreen: a demo database (Alembic
migrations + seed data + sample data), the main window with the 13 projects (Qt plugins,
the CJK font, the translations), a workbook export read back (openpyxl/calamine) and the
quarterly brief (reportlab + the embedded font). Exit 0 only if every step passed; each
step prints one line, so CI shows which resource is missing.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from desktop_app.db.database import Database

EXPECTED_PROJECTS = 13
DEMO_QUARTER = "2026Q3"  # the demo portfolio's "today" is 2026-09-15


def _say(line: str) -> None:
    # A windowed Windows bundle has no stdout; the exit status still tells.
    if sys.stdout is not None:
        print(line, flush=True)


def check_resources() -> str:
    from desktop_app.resources import cjk_font_path, docs_root, resource_path

    needed = [
        cjk_font_path(),
        resource_path("translations", "key_projects_zh_CN.qm"),
        resource_path("seed", "key_projects.json"),
        docs_root() / "user-guide.zh.md",
        docs_root() / "rules.md",
    ]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        raise RuntimeError("missing resources: " + ", ".join(missing))
    return f"{len(needed)} resource files under {needed[0].parent.parent}"


def make_demo(folder: Path) -> Database:
    from desktop_app.db.database import open_database
    from desktop_app.db.demo import build_demo

    db = open_database(folder / "selftest.sqlite")
    build_demo(db)
    return db


def open_window(db: Database) -> str:
    """The main window as `run_gui` builds it, shown offscreen, with the 13 projects."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.i18n import set_language
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.fonts import apply_app_font
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.translation import install_translators

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication([sys.argv[0]])
    apply_app_font(app)
    if not install_translators(app, "zh"):
        raise RuntimeError("the Chinese translation (.qm) did not load")
    set_language("zh")
    window = MainWindow(AppContext(db=db, lang="zh", readonly=db.readonly))
    try:
        page = window.portfolio_page()
        page.refresh()
        window.show()
        app.processEvents()
        window.finish_startup()  # the ORM, the project view, the File menu's features
        rows = page.model.rowCount()
        if rows != EXPECTED_PROJECTS:
            raise RuntimeError(f"the portfolio shows {rows} projects, not {EXPECTED_PROJECTS}")
        pages = window.tabs.count()
        image = window.grab()
        if image.isNull() or image.width() < 100:
            raise RuntimeError("the window did not paint")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return f"{rows} projects, {pages} pages, painted {image.width()}x{image.height()}"


def export_workbook(db: Database, folder: Path) -> str:
    from desktop_app.io import sheets
    from desktop_app.io.export import export_workbook as export
    from desktop_app.io.readers import inspect_workbook, read_sheets

    path = export(db, folder / "selftest.xlsx", lang="zh")
    expected = [sheet.title("zh") for sheet in sheets.SHEETS]
    info = inspect_workbook(path)
    missing = [title for title in expected if title not in info.sheets]
    if missing:
        raise RuntimeError(f"{path.name}: sheets missing: {', '.join(missing)}")
    cells = read_sheets(path, expected[:1])[expected[0]]
    data_rows = [row for row in cells[1:] if any(v not in (None, "") for v in row)]
    if len(data_rows) < EXPECTED_PROJECTS:
        raise RuntimeError(f"{path.name}: sheet {expected[0]} has {len(data_rows)} rows")
    return f"{path.stat().st_size} bytes, {len(expected)} sheets, {len(data_rows)} projects"


def build_brief(db: Database, folder: Path) -> str:
    from desktop_app.reports.brief import write_brief
    from desktop_app.services.brief_data import build_brief_data

    path = folder / "selftest.pdf"
    pages = write_brief(build_brief_data(db, DEMO_QUARTER, "zh"), path)
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise RuntimeError(f"{path.name} is not a PDF")
    page_objects = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    if pages < 1 or page_objects < 1:
        raise RuntimeError(f"{path.name} has no pages")
    if b"/FontFile2" not in data:
        raise RuntimeError(f"{path.name}: the CJK font is not embedded")
    return f"{len(data)} bytes, {page_objects} pages"


def run_selftest() -> int:
    """Each step in order; stop at the first failure (later steps need earlier ones)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "source"
    _say(f"key-projects self-test ({frozen})")
    with tempfile.TemporaryDirectory(prefix="kp-selftest-") as tmp:
        folder = Path(tmp)
        # Backups, logs and preferences of the test go to the temp folder, not the user's.
        from desktop_app.paths import CONFIG_DIR_ENV, DATA_DIR_ENV

        os.environ[DATA_DIR_ENV] = str(folder / "data")
        os.environ[CONFIG_DIR_ENV] = str(folder / "config")
        db: Database | None = None

        def demo() -> str:
            nonlocal db
            db = make_demo(folder)
            return f"{db.display_name}, schema {db.schema_revision()}"

        def made() -> Database:
            if db is None:
                raise RuntimeError("the demo database was not made")
            return db

        steps: list[tuple[str, Callable[[], str]]] = [
            ("resources", check_resources),
            ("demo database", demo),
            ("main window", lambda: open_window(made())),
            ("workbook export", lambda: export_workbook(made(), folder)),
            ("quarterly brief", lambda: build_brief(made(), folder)),
        ]
        try:
            for name, step in steps:
                try:
                    detail = step()
                except Exception as exc:
                    _say(f"FAIL {name}: {type(exc).__name__}: {exc}")
                    if sys.stderr is not None:
                        traceback.print_exc()
                    return 1
                _say(f"ok   {name}: {detail}")
        finally:
            if db is not None:
                db.dispose()
    _say("self-test passed")
    return 0
