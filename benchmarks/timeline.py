"""Issue 3's benchmark: the portfolio view and the portfolio timeline on 2,000 × 25 milestones.

    python benchmarks/timeline.py [--runs 5] [--smoke] [--keep-db PATH]

Each subject is a fresh process on the scale database (`scale_data.build_scale_db`):
- `portfolio`: the app's window built as `run_gui` builds it (main window, portfolio page
  refreshed, shown and painted), timed from spawn to that moment;
- `timeline`: the same, then the Timeline page opened and painted (labels + first screens);
  both report the moment to the parent and exit at once, not waiting for background loads
  (health, the remaining bars) that the user does not wait for either;
- `scroll` (in-process, one child): after every bar has loaded, 60 scroll steps of three
  rows each, each repainted synchronously; the median and 95th percentile in ms.
Floor: `floors.py startup` on the 13-project demo database (issue 2's floor), alternating
in the same run. Aims: opening ≤ 3× the floor, a scroll repaint < 16 ms median.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import (
    BENCH_DIR,
    ROOT,
    Run,
    Summary,
    TempDir,
    base_env,
    make_demo_db,
    metric_line,
    parser,
    result_line,
    timed_run,
)

SOURCE_DATE_EPOCH = "1789430400"  # 2026-09-15, the data's "today"
SCROLL_STEPS = 60


def _child(mode: str, db: str) -> int:
    """Run inside a benchmark child: open the window as `run_gui` does (the data layer
    imported before PySide6, the portfolio's Core rows, the first paint); for
    `timeline`/`scroll`, then open the Timeline tab as a click would (only that page is
    built)."""
    sys.path.insert(0, str(ROOT))
    import importlib

    from desktop_app.ui.app import BEFORE_QT

    for name in BEFORE_QT:
        importlib.import_module(name)
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from desktop_app.db.database import open_database
    from desktop_app.i18n import set_language
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.fonts import apply_app_font
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.pages import PAGES
    from desktop_app.ui.translation import install_translators

    app = QApplication(sys.argv[:1])
    apply_app_font(app)
    install_translators(app, "zh")
    set_language("zh")
    ctx = AppContext(db=open_database(db))
    window = MainWindow(ctx)
    window.portfolio_page().refresh()
    window.show()
    painted: list[bool] = []
    window.startup.add(lambda: painted.append(True), first=True)  # the turn after the paint
    while not painted:
        app.processEvents()
        time.sleep(0.001)
    if mode == "portfolio":
        _shown_and_exit()
    from desktop_app.ui.widgets.timeline import ROW_H

    index = next(i for i, spec in enumerate(PAGES) if spec.module.endswith("timeline_page"))
    loaded = []
    started = time.perf_counter()
    page = window.tabs.ensure(index)  # built as a click builds it
    page.sig_loaded.connect(lambda: loaded.append(time.perf_counter()))
    window.tabs.setCurrentIndex(index)  # shown and refreshed: labels + first screens
    page.timeline.viewport().repaint()
    app.processEvents()
    if mode == "timeline":
        _shown_and_exit()
    while not loaded:
        app.processEvents()
        time.sleep(0.002)
    all_loaded = loaded[0] - started
    QThreadPool.globalInstance().waitForDone()  # health too: measure painting, not the GIL
    app.processEvents()
    view = page.timeline
    bar = view.verticalScrollBar()
    times = []
    for _ in range(SCROLL_STEPS):
        t0 = time.perf_counter()
        bar.setValue(bar.value() + 3 * ROW_H)
        view.viewport().repaint()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(
        json.dumps(
            {
                "all_bars_loaded_s": all_loaded,
                "rows": view.row_count(),
                "median_ms": statistics.median(times),
                "p95_ms": times[int(len(times) * 0.95) - 1],
            }
        ),
        flush=True,
    )
    os._exit(0)


def _shown_and_exit() -> None:
    """Tell the parent when the window was on screen, then quit without waiting for the
    background loads (health, timeline bars) that a user would not wait for either."""
    print(json.dumps({"shown_at": time.time()}), flush=True)
    os._exit(0)


def _timed_child(cmd: list[str], env: dict[str, str]) -> Run:
    """Seconds from spawn to the child's 'shown' report, and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        spawned = time.time()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out_f, stderr=err_f)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read().decode(), err_f.read().decode(errors="replace")
    if code != 0:
        raise RuntimeError(f"exit {code}: {' '.join(cmd)}\n{err[-3000:]}")
    shown = json.loads(out.strip().splitlines()[-1])["shown_at"]
    return Run(shown - spawned, usage.ru_maxrss / 1024.0)


def _env(tmp: Path) -> dict[str, str]:
    return base_env(
        KEY_PROJECTS_EXIT_AFTER_SHOW="1",
        KEY_PROJECTS_DATA_DIR=str(tmp / "data"),
        KEY_PROJECTS_CONFIG_DIR=str(tmp / "config"),
        SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
    )


def main() -> int:
    p = parser(__doc__.splitlines()[0], default_runs=5)
    p.add_argument("--keep-db", type=Path, help="reuse (or create and keep) this scale database")
    p.add_argument("--child", nargs=2, metavar=("MODE", "DB"), help=argparse_hidden())
    args = p.parse_args()
    if args.child:
        return _child(*args.child)
    runs = 1 if args.smoke else max(args.runs, 5)
    size = (60, 25) if args.smoke else (2000, 25)
    with TempDir() as tmp:
        sys.path.insert(0, str(BENCH_DIR))
        from scale_data import build_scale_db

        scale = args.keep_db or tmp / "scale.sqlite"
        if not scale.exists():
            started = time.perf_counter()
            build_scale_db(scale, *size)
            print(
                f"scale data: {size[0]} projects × {size[1]} milestones, "
                f"built in {time.perf_counter() - started:.1f} s"
            )
        demo = make_demo_db(tmp)
        env = _env(tmp)
        me = [sys.executable, str(Path(__file__).resolve())]
        portfolio_cmd = [*me, "--child", "portfolio", str(scale)]
        timeline_cmd = [*me, "--child", "timeline", str(scale)]
        floor_cmd = [sys.executable, str(BENCH_DIR / "floors.py"), "startup", str(demo)]
        if not args.smoke:  # warm the page cache (and the app's daily backup) for everyone
            _timed_child(portfolio_cmd, env)
            _timed_child(timeline_cmd, env)
            timed_run(floor_cmd, env=env, cwd=ROOT)
        samples: dict[str, list[Run]] = {"portfolio": [], "timeline": [], "floor": []}
        for _ in range(runs):
            samples["portfolio"].append(_timed_child(portfolio_cmd, env))
            samples["timeline"].append(_timed_child(timeline_cmd, env))
            samples["floor"].append(timed_run(floor_cmd, env=env, cwd=ROOT))
        scroll = [
            json.loads(
                subprocess.run(
                    [*me, "--child", "scroll", str(scale)],
                    env={**env, "KEY_PROJECTS_EXIT_AFTER_SHOW": ""},
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            for _ in range(1 if args.smoke else 3)
        ]
    summary = {name: Summary.of(rs) for name, rs in samples.items()}
    scroll_ms = statistics.median(s["median_ms"] for s in scroll)
    p95_ms = statistics.median(s["p95_ms"] for s in scroll)
    loaded_s = statistics.median(s["all_bars_loaded_s"] for s in scroll)
    print(
        f"runs: {runs} each, alternating, median; scroll: {len(scroll)} children × "
        f"{SCROLL_STEPS} steps of 3 rows on {scroll[0]['rows']} rows"
    )
    print(result_line("portfolio view", summary["portfolio"], summary["floor"]))
    print(f"all timeline bars loaded (background) after {loaded_s:.3f} s")
    print(f"scroll repaint: median {scroll_ms:.2f} ms, p95 {p95_ms:.2f} ms")
    print(metric_line("timeline scroll repaint (median)", scroll_ms, "ms", 16))
    print(
        result_line("timeline", summary["timeline"], summary["floor"])
        + f"; scroll repaint {scroll_ms:.2f} ms median"
    )
    return 0


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
