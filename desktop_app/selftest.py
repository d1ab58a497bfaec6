"""`key-projects --selftest`: prove a built bundle does everything the source does.

Runs the real code paths end to end in a temp folder, offscreen: a demo database (Alembic
migrations + seed data + sample data), the main window with the 13 projects (Qt plugins,
the CJK font, the translations), a workbook export read back (openpyxl/calamine) and the
quarterly brief (reportlab + the embedded font); then every sub-command through the same
`cli.main` the console runs (init, check, export, import, CSV, report, final report,
close-quarter, evidence, returns make and collect, backup, restore, copy), so a module the
bundle left out fails here and not in an officer's hands. Exit 0 only if every step
passed; each step prints one line, so CI shows which resource or command is missing.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sqlite3
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


def _logged(line: str) -> str:
    """The logged exception's last line (the log lives in the temp folder, gone after)."""
    found = re.search(r"details in (.+)$", line)
    if not found or not Path(found.group(1)).is_file():
        return ""
    lines = [ln for ln in Path(found.group(1)).read_text(encoding="utf-8").splitlines() if ln]
    causes = [ln for ln in lines if re.match(r"^\w+(\.\w+)*(Error|Exception)\b", ln)]
    return "; logged: " + " <- ".join(causes[-2:]) if causes else ""


class CommandSteps:
    """The sub-commands, each run in-process by `cli.main` on the self-test's demo file
    (closed by then, so restore may replace it) and checked by its exit status and files."""

    def __init__(self, folder: Path, database: Path) -> None:
        self.folder = folder
        self.db = database
        self.evidence_id = ""

    def run(self, *argv: str, db: bool = True) -> str:
        """`key-projects ARGV --db DB`, output captured; its last line, or the failure."""
        from desktop_app.cli import main

        args = [*argv, *(["--db", str(self.db)] if db else [])]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(args)
        lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
        if status != 0:
            reason = err.getvalue().strip().splitlines() or ["(nothing on stderr)"]
            raise RuntimeError(
                f"`{shlex.join(args)}` exited {status}: {reason[-1]}{_logged(reason[-1])}"
            )
        return lines[-1] if lines else "(no output)"

    def file(self, name: str) -> Path:
        return self.folder / name

    def made(self, name: str, *, at_least: int = 1) -> Path:
        path = self.file(name)
        if not path.is_file() or path.stat().st_size < at_least:
            raise RuntimeError(f"{name} was not written")
        return path

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        f = self.file
        return [
            ("init", lambda: self.run("init", "--db", str(f("fresh.sqlite")), db=False)),
            ("check", lambda: self.run("check")),
            ("export", lambda: self.export()),
            ("import", lambda: self.run("import", str(f("cli.xlsx")))),
            ("CSV export", lambda: self.csv()),
            ("report (brief)", lambda: self.pdf("report", "--quarter", DEMO_QUARTER)),
            ("final report", lambda: self.pdf("report", "--plan-period", "2021-2025")),
            ("close-quarter", lambda: self.run("close-quarter", "2026Q2")),
            ("quarters", lambda: self.run("quarters")),
            ("reopen-quarter", lambda: self.reopen()),
            ("evidence add", lambda: self.evidence_add()),
            ("evidence list", lambda: self.run("evidence", "list")),
            ("evidence get", lambda: self.evidence_get()),
            ("returns make", lambda: self.returns_make()),
            ("returns collect", lambda: self.run("returns", "collect", str(f("returns")))),
            ("returns status", lambda: self.run("returns", "status", "--quarter", DEMO_QUARTER)),
            ("backup", lambda: self.backup()),
            ("restore", lambda: self.run("restore", str(f("backup.sqlite")))),
            ("copy to SQLite", lambda: self.copy()),
        ]

    def export(self) -> str:
        self.run("export", "-o", str(self.file("cli.xlsx")))
        return f"cli.xlsx, {self.made('cli.xlsx').stat().st_size} bytes"

    def csv(self) -> str:
        self.run("export", "--csv", "--table", "milestones", "-o", str(self.file("m.csv")))
        rows = self.made("m.csv").read_text(encoding="utf-8-sig").count("\n")
        return f"m.csv, {rows} lines"

    def pdf(self, *argv: str) -> str:
        name = f"cli-{len(list(self.folder.glob('cli-*.pdf')))}.pdf"
        line = self.run(*argv, "-o", str(self.file(name)))
        if not self.made(name).read_bytes().startswith(b"%PDF"):
            raise RuntimeError(f"{name} is not a PDF")
        return line

    def reopen(self) -> str:
        line = self.run("reopen-quarter", "2026Q2", "--reason", "self-test")
        self.run("close-quarter", "2026Q2")  # closed again: the brief reprints its archive
        return line

    def evidence_add(self) -> str:
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            (code,) = conn.execute(
                "SELECT m.code FROM milestone m JOIN project p ON p.id = m.project_id"
                " WHERE p.no = 1 ORDER BY m.id LIMIT 1"
            ).fetchone()
        source = self.file("验收报告.txt")
        source.write_text("self-test evidence 自检\n", encoding="utf-8")
        line = self.run("evidence", "add", "--project", "1", "--milestone", code, str(source))
        found = re.search(r"\b(\d+)\b", line)
        if found is None:
            raise RuntimeError(f"no evidence id in: {line}")
        self.evidence_id = found.group(1)
        return line

    def evidence_get(self) -> str:
        out = self.file("evidence-out.txt")
        self.run("evidence", "get", self.evidence_id, "-o", str(out))
        if out.read_bytes() != self.file("验收报告.txt").read_bytes():
            raise RuntimeError("the evidence file came back changed")
        return f"{out.name}, same bytes"

    def returns_make(self) -> str:
        line = self.run(
            "returns", "make", "--quarter", DEMO_QUARTER, "-o", str(self.file("returns"))
        )
        made = sorted(self.file("returns").glob("*.xlsx"))
        if len(made) != EXPECTED_PROJECTS:
            raise RuntimeError(f"{len(made)} return workbooks, not {EXPECTED_PROJECTS}")
        return line

    def backup(self) -> str:
        line = self.run("backup", "-o", str(self.file("backup.sqlite")))
        self.made("backup.sqlite", at_least=4096)
        return line

    def copy(self) -> str:
        target = self.file("copy.sqlite")
        self.run("copy", "--from", str(self.db), "--to", str(target), db=False)
        self.db = target
        return self.run("check")


def _after(before: Callable[[], None], step: Callable[[], str]) -> Callable[[], str]:
    def run() -> str:
        before()
        return step()

    return run


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
        commands = CommandSteps(folder, folder / "selftest.sqlite")

        def close_demo() -> None:
            nonlocal db
            if db is not None:
                db.dispose()  # the commands open the file themselves (and restore replaces it)
                db = None

        steps += [(name, _after(close_demo, step)) for name, step in commands.steps()]
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
