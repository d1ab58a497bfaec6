"""Issue 2's start-up benchmark: the app's cold start to its window shown with the 13 projects.

Subject: `python -m desktop_app --db <demo copy>` in a new process, with
`KEY_PROJECTS_EXIT_AFTER_SHOW=1` so the window quits once it has painted its first frame
with the projects (on the next turn of the event loop; the floor reports the same moment).
Floor: `floors.py startup` (PySide6 + SQLAlchemy, 13 rows in a QTableView), same database,
same run, alternating. Target: ratio <= 1.3. `--importtime` also prints what the app
imports at start-up, most expensive first.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from harness import BENCH_DIR, ROOT, TempDir, alternate, base_env, make_demo_db, parser, result_line

#: Imported at start-up they cost a second or more: they belong to reports / io only.
MUST_NOT_LOAD = ("pandas", "reportlab", "alembic", "openpyxl", "python_calamine")


def app_command(db: Path) -> list[str]:
    return [sys.executable, "-m", "desktop_app", "--db", str(db)]


def floor_command(db: Path) -> list[str]:
    return [sys.executable, str(BENCH_DIR / "floors.py"), "startup", str(db)]


def startup_env(tmp: Path) -> dict[str, str]:
    return base_env(
        KEY_PROJECTS_EXIT_AFTER_SHOW="1",
        KEY_PROJECTS_DATA_DIR=str(tmp / "data"),
        KEY_PROJECTS_CONFIG_DIR=str(tmp / "config"),
    )


def import_report(db: Path, env: dict[str, str], top: int = 20) -> str:
    """`python -X importtime` of one start-up: import time per top-level package (the sum of
    its modules' own times, so nothing is counted twice), and any `MUST_NOT_LOAD` imported."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *app_command(db)[1:]],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    per_root: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, _cum_us, name = line[len("import time:") :].split("|")
        root = name.strip().split(".")[0]
        per_root[root] = per_root.get(root, 0) + int(self_us)
    ranked = sorted(per_root.items(), key=lambda kv: kv[1], reverse=True)
    lines = [f"{us / 1e6:7.3f} s  {root}" for root, us in ranked[:top]]
    lines.append(f"{sum(per_root.values()) / 1e6:7.3f} s  all imports")
    bad = [m for m in MUST_NOT_LOAD if m in per_root]
    lines.append("must-not-load imported: " + (", ".join(bad) if bad else "none"))
    return "\n".join(lines)


PHASES_CHILD = r"""
import os, sys, time
t0 = time.perf_counter()
marks = []
mark = lambda name: marks.append((name, time.perf_counter()))
from desktop_app.ui.app import BEFORE_QT
import importlib
for name in BEFORE_QT:
    importlib.import_module(name)
mark("import SQLAlchemy Core + the data layer (before PySide6)")
from PySide6.QtWidgets import QApplication
mark("import PySide6.QtWidgets")
from desktop_app.db.database import open_database
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.fonts import apply_app_font
from desktop_app.ui.translation import install_translators
import desktop_app.ui.portfolio.page
mark("import main window + portfolio page (Qt enums)")
app = QApplication(sys.argv[:1])
apply_app_font(app)
install_translators(app, "zh")
mark("QApplication + CJK font + translators")
db = open_database(sys.argv[1])
mark("open_database")
window = MainWindow(AppContext(db=db, lang="zh", readonly=db.readonly))
mark("MainWindow(): the portfolio page, menus, empty tabs")
window.portfolio_page().refresh()
mark("portfolio refresh (Core)")
window.show()

def after_paint():
    mark("show + first paint  <- the window is on screen")
    window.startup.sig_finished.connect(finished)

def finished():
    mark("after the first paint: ORM, project view, health job, File menu")
    prev = t0
    for name, t in marks:
        print(f"{t - prev:7.3f} s  {name}")
        prev = t
    print(f"{prev - t0:7.3f} s  in-process total (interpreter start-up not included)")
    os._exit(0)

window.startup.add(after_paint, first=True)
app.exec()
"""


def phases(db: Path, env: dict[str, str]) -> str:
    """Where one start-up spends its time, step by step, in one process."""
    proc = subprocess.run(
        [sys.executable, "-c", PHASES_CHILD, str(db)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout.rstrip()


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--importtime", action="store_true", help="print the start-up imports")
    p.add_argument("--phases", action="store_true", help="print the start-up's steps")
    p.add_argument(
        "--sa-first-floor",
        action="store_true",
        help="also compare with a floor that imports SQLAlchemy before PySide6 (as the app)",
    )
    args = p.parse_args()
    runs = 1 if args.smoke else max(args.runs, 5)
    with TempDir() as tmp:
        db = make_demo_db(tmp)
        env = startup_env(tmp)
        app, floor = alternate(
            app_command(db), floor_command(db), runs=runs, env=env, warmup=not args.smoke
        )
        if args.sa_first_floor:
            cmd = [sys.executable, str(BENCH_DIR / "floors.py"), "startup-sa-first", str(db)]
            app2, fair = alternate(app_command(db), cmd, runs=runs, env=env, warmup=False)
            print("against a floor importing SQLAlchemy first (informative):")
            print("  " + result_line("startup-vs-sa-first-floor", app2, fair))
        if args.importtime:
            print(import_report(db, env))
        if args.phases:
            print(phases(db, env))
    print(f"runs: {runs} each, alternating, median")
    print(result_line("startup", app, floor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
