"""Grab the user guides' screenshots from the real app, offscreen, on the demo database.

    python scripts/grab_screenshots.py [--out docs/images] [--lang zh en]

One PNG per main-window page (`<lang>-page-<n>.png`, Home being page 0) and per
project tab of project No. 1, with the project list shown (`…-project-<n>.png`) and hidden
(`…-full-<n>.png`), the funding tab's panes as `…-<n>-<pane>.png`; as of the demo's "today"
(SOURCE_DATE_EPOCH), so the pictures are the same run after run, at 1366×697 (a maximised
window on the officers' 1366×768 laptops); with `--all` also at 1920×1009 (`<lang>-1920x1009-…`)
and with the list hidden, on a 1920×1080 offscreen screen.
Prints the file names with each view's title; with `--all`, `<lang>-tables.json` lists every
table on screen with its rows in view and the columns past its right edge
(tests/test_laptop_layout).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


SIZES = ((1366, 697), (1920, 1009))
"""A maximised window on the officers' 1366×768 laptops, and on a 1920×1080 screen."""
SCREEN = {
    "screens": [
        {
            "name": "grab",
            "x": 0,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}


def _rows_in_view(view) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(rows wholly in view, rows the viewport has room for at the default row height)."""
    model = view.model()
    height = view.viewport().height()
    shown = 0
    for row in range(model.rowCount() if model is not None else 0):
        top = view.rowViewportPosition(row)
        if top >= 0 and top + view.rowHeight(row) <= height:
            shown += 1
    return shown, height // max(1, view.verticalHeader().defaultSectionSize())


def _past_right(view) -> list[str]:  # type: ignore[no-untyped-def]
    """Headers of columns that end past the viewport's right edge (scrolled to the left)."""
    from PySide6.QtCore import Qt

    header, model = view.horizontalHeader(), view.model()
    view.horizontalScrollBar().setValue(0)
    right = view.viewport().width()
    out = []
    for col in range(header.count()):
        if header.isSectionHidden(col):
            continue
        if header.sectionViewportPosition(col) + header.sectionSize(col) > right + 1:
            out.append(str(model.headerData(col, Qt.Orientation.Horizontal) or col))
    return out


def measure(root, where: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Each table on screen: its name, rows in view, room and columns past the right edge."""
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    out: list[dict[str, object]] = []
    for view in root.findChildren(QTableView):
        if not view.isVisible() or view.visibleRegion().isEmpty() or view.model() is None:
            continue
        shown, room = _rows_in_view(view)
        readonly = view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        out.append(
            {
                "where": where,
                "table": view.property("workspaceKey") or view.objectName() or type(view).__name__,
                "rows": view.model().rowCount(),
                "shown": shown,
                "room": room,
                "readonly": readonly,
                "past_right": _past_right(view) if readonly else [],
            }
        )
    return out


def grab(lang: str, db_path: Path, out: Path, every: bool = False) -> list[tuple[str, str]]:
    from PySide6.QtWidgets import QApplication, QTabWidget

    from desktop_app.db.database import open_database
    from desktop_app.i18n import set_language
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.fonts import apply_app_font
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.translation import install_translators

    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_app_font(app)
    install_translators(app, lang)
    set_language(lang)
    db = open_database(db_path)
    window = MainWindow(AppContext(db=db, lang=lang, readonly=db.readonly))
    window.show()
    shots: list[tuple[str, str]] = []
    found: list[dict[str, object]] = []

    def settle() -> None:
        for _ in range(30):  # let background loads (health, timeline bars) land
            app.processEvents()
            QApplication.instance().thread().msleep(20)

    def shoot(name: str, title: str) -> None:
        settle()
        window.grab().save(str(out / name))
        shots.append((name, title))
        found.extend(measure(window, f"{name} {title}"))

    def each_tab(tabs, kind: str, first: int, size: str) -> None:  # type: ignore[no-untyped-def]
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            settle()
            shoot(f"{lang}{size}-{kind}-{i + first}.png", tabs.tabText(i))
            home = getattr(tabs.currentWidget(), "inner", None)
            if every and kind == "page" and hasattr(home, "show_detail"):
                home.show_detail("red")  # the red projects and why: the longest texts
                shoot(f"{lang}{size}-{kind}-{i + first}-red.png", "red")
            inner = getattr(tabs.currentWidget(), "inner", None)
            panes = getattr(inner, "panes", None)
            if isinstance(panes, QTabWidget):  # the funding tab's own panes
                for j in range(1, panes.count()):
                    panes.setCurrentIndex(j)
                    shoot(f"{lang}{size}-{kind}-{i + first}-{j}.png", panes.tabText(j))
                panes.setCurrentIndex(0)

    for width, height in SIZES if every else SIZES[:1]:
        # the guide's pictures (1366×697) keep their plain names
        size = "" if (width, height) == SIZES[0] else f"-{width}x{height}"
        window.resize(width, height)
        page = window.portfolio_page()
        page.refresh()
        settle()
        each_tab(window.tabs, "page", 0, size)
        window.show_page(page)
        page.table.selectRow(0)
        for listed in (True, False) if every else (True,):
            page.set_list_visible(listed)
            settle()
            each_tab(page.project_view.tabs, "project" if listed else "full", 1, size)
        page.set_list_visible(True)
    window.close()
    db.dispose()
    if every:  # the table report is for the layout test, not for the guide's folder
        (out / f"{lang}-tables.json").write_text(json.dumps(found, ensure_ascii=False, indent=1))
    return shots


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    p.add_argument("--lang", nargs="+", default=["zh", "en"], choices=["zh", "en"])
    p.add_argument("--all", action="store_true", help="1920×1009 too, and the list hidden")
    p.add_argument("--child", nargs=2, metavar=("LANG", "DB"), help=argparse.SUPPRESS)
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:  # one language per process: translators are installed once
        for name, title in grab(args.child[0], Path(args.child[1]), args.out, args.all):
            print(f"{name}\t{title}")
        return 0
    demo_day = int(datetime(2026, 9, 15, 10, tzinfo=UTC).timestamp())
    with tempfile.TemporaryDirectory() as tmp:
        screen = Path(tmp) / "screen.json"  # a 1920×1080 screen: both sizes fit on it
        screen.write_text(json.dumps(SCREEN))
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
            "SOURCE_DATE_EPOCH": str(demo_day),
        }
        env["KEY_PROJECTS_DATA_DIR"] = str(Path(tmp) / "data")
        env["KEY_PROJECTS_CONFIG_DIR"] = str(Path(tmp) / "config")
        # A fixed path: the status bar shows it in every picture.
        folder = Path(tempfile.gettempdir()) / "key-projects-guide"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        db = folder / "示例数据-demo.sqlite"
        subprocess.run(
            [sys.executable, "-m", "desktop_app", "init", "--demo", "--db", str(db)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        for lang in args.lang:
            subprocess.run(
                [sys.executable, __file__, "--out", str(args.out), "--child", lang, str(db)]
                + (["--all"] if args.all else []),
                check=True,
                env=env,
                cwd=ROOT,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
