"""Grab the user guides' screenshots from the real app, offscreen, on the demo database.

    python scripts/grab_screenshots.py [--out docs/images] [--lang zh en]

One PNG per main-window page (`<lang>-page-<n>.png`, Home being page 0) and per project tab
of project No. 1 (`<lang>-project-<n>.png`), as of the demo's "today" (SOURCE_DATE_EPOCH), so
the pictures are the same run after run, at 1366×697 (a maximised window on the officers'
1366×768 laptops). Prints the file names with each view's title.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def grab(lang: str, db_path: Path, out: Path) -> list[tuple[str, str]]:
    from PySide6.QtWidgets import QApplication

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
    window.resize(1366, 697)
    window.show()
    shots: list[tuple[str, str]] = []

    def settle() -> None:
        for _ in range(30):  # let background loads (health, timeline bars) land
            app.processEvents()
            QApplication.instance().thread().msleep(20)

    def each_tab(tabs, kind: str, first: int) -> None:
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            settle()
            name = f"{lang}-{kind}-{i + first}.png"
            window.grab().save(str(out / name))
            shots.append((name, tabs.tabText(i)))

    page = window.portfolio_page()
    page.refresh()
    settle()
    each_tab(window.tabs, "page", 0)
    window.show_page(page)
    page.table.selectRow(0)
    settle()
    each_tab(page.project_view.tabs, "project", 1)
    window.close()
    db.dispose()
    return shots


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    p.add_argument("--lang", nargs="+", default=["zh", "en"], choices=["zh", "en"])
    p.add_argument("--child", nargs=2, metavar=("LANG", "DB"), help=argparse.SUPPRESS)
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:  # one language per process: translators are installed once
        for name, title in grab(args.child[0], Path(args.child[1]), args.out):
            print(f"{name}\t{title}")
        return 0
    demo_day = int(datetime(2026, 9, 15, 10, tzinfo=UTC).timestamp())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SOURCE_DATE_EPOCH": str(demo_day)}
    with tempfile.TemporaryDirectory() as tmp:
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
                [sys.executable, __file__, "--out", str(args.out), "--child", lang, str(db)],
                check=True,
                env=env,
                cwd=ROOT,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
