"""Issue 6's benchmark: the quarterly brief of the 13-project demo against a bare reportlab
floor, and the time per project on the scale data (100, 500 and 2,000 projects).

Subject: `python -m desktop_app report --quarter 2026Q3 --db <demo> -o brief.pdf` in a new
process (database open, snapshot, layout, PDF). Floor: `_brief_floor.py` — a bare reportlab
document with as many pages as the brief, each with one table the size of the portfolio
table and one chart, same embedded font, same run, alternating. Target: ratio <= 1.5.
The per-project lines must stay flat as the portfolio grows. The last line is the ratio.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from harness import (
    BENCH_DIR,
    ROOT,
    TempDir,
    alternate,
    base_env,
    make_demo_db,
    parser,
    result_line,
    timed_run,
)

#: The demo's "today" (DEMO_TODAY): 2026Q3 is the running quarter, as a manager would see it.
EPOCH = str(int(datetime(2026, 9, 15, tzinfo=UTC).timestamp()))
PORTFOLIO_COLUMNS = 9
SCALE_SIZES = (100, 500, 2000)


def report_command(db: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "desktop_app",
        "report",
        "--quarter",
        "2026Q3",
        "--db",
        str(db),
        "-o",
        str(out),
    ]


def pages_of(db: Path, out: Path, env: dict[str, str]) -> int:
    done = subprocess.run(
        report_command(db, out), env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(re.search(r"(\d+) pages", done.stdout).group(1))


def scale(tmp: Path, sizes: tuple[int, ...], env: dict[str, str]) -> list[str]:
    """One brief per portfolio size: seconds, pages, ms per project, peak RSS."""
    sys.path.insert(0, str(BENCH_DIR))
    from scale_data import build_scale_db

    lines = []
    previous: tuple[int, float] | None = None
    for n in sizes:
        db = build_scale_db(tmp / f"scale-{n}.sqlite", n)
        out = tmp / f"scale-{n}.pdf"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = timed_run(report_command(db, out), env=env, cwd=ROOT, timeout=3600)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU seconds of that one child: flat per project even when the machine is shared.
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        pages = int(
            subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
            .stdout.split("Pages:")[1]
            .split()[0]
        )
        marginal = ""
        if previous:
            slope = (run.seconds - previous[1]) / (n - previous[0]) * 1000
            marginal = f", marginal {slope:.1f} ms per added project"
        lines.append(
            f"scale {n}: {run.seconds:.2f} s, {pages} pages, "
            f"{run.seconds / n * 1000:.1f} ms per project{marginal}, "
            f"CPU {cpu / n * 1000:.1f} ms per project "
            f"(peak RSS {run.peak_rss_mb:.0f} MB)"
        )
        print(lines[-1], flush=True)
        previous = (n, run.seconds)
    return lines


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--no-scale", action="store_true", help="skip the 100/500/2,000 runs")
    args = p.parse_args()
    runs = 1 if args.smoke else max(args.runs, 5)
    with TempDir() as tmp:
        env = base_env(
            SOURCE_DATE_EPOCH=EPOCH,
            KEY_PROJECTS_DATA_DIR=str(tmp / "data"),
            KEY_PROJECTS_CONFIG_DIR=str(tmp / "config"),
        )
        db = make_demo_db(tmp)
        pages = pages_of(db, tmp / "brief.pdf", env)
        floor = [
            sys.executable,
            str(BENCH_DIR / "_brief_floor.py"),
            str(pages),
            "14",
            str(PORTFOLIO_COLUMNS),
            str(tmp / "floor.pdf"),
        ]
        brief, bare = alternate(
            report_command(db, tmp / "brief.pdf"), floor, runs=runs, env=env, warmup=not args.smoke
        )
        if not args.no_scale:
            scale(tmp, (20,) if args.smoke else SCALE_SIZES, env)
    print(f"demo brief: {pages} pages; runs: {runs} each, alternating, median")
    print(result_line("brief", brief, bare))
    return 0


if __name__ == "__main__":
    sys.exit(main())
