"""Issue 7's benchmark: Excel export and import of the 2,000-project scale data.

    python benchmarks/excel.py [--runs 3] [--smoke]

Data: `scale_data.build_scale_db` (2,000 projects × 25 = 50,000 milestones, with plans,
payments, indicators and actuals). Each subject is the real command line in a fresh
process, alternating with its floor, median of `--runs`:
- export: `key-projects export -o data.xlsx`, vs pandas reading the same tables from
  SQLite and writing them with `DataFrame.to_excel` (no formats, no checks);
- import: `key-projects import data.xlsx` of that export (everything read, validated and
  diffed; zero changes), vs `pandas.read_excel(sheet_name=None, engine="calamine")` of
  the same file (no validation);
- import into a new database: the same workbook into a freshly seeded database, so all
  146,000 rows are added in one transaction with their audit entries (reported, no floor).
Last line: `excel: import <s> vs floor <s> = ratio <r> …`. Aim: import ≤ 2× the floor.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from harness import ROOT, Run, Summary, TempDir, base_env, parser, result_line, timed_run

TABLES = (
    "project",
    "milestone",
    "funding_plan",
    "funding_year",
    "disbursement",
    "indicator",
    "indicator_actual",
    "evaluation",
    "district_indicator",
    "district_value",
    "audit_entry",
)
TIMEOUT = 900


def floor_write(db: str, out: str) -> int:
    """The same tables read with pandas and written with `to_excel`: nothing else."""
    import sqlite3

    import pandas as pd

    conn = sqlite3.connect(db)
    frames = {t: pd.read_sql_query(f"SELECT * FROM {t}", conn) for t in TABLES}
    conn.close()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return 0


def floor_read(path: str) -> int:
    import pandas as pd

    frames = pd.read_excel(path, sheet_name=None, engine="calamine")
    return 0 if frames else 1


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", *args]


def _me(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def _pairs(subject: list[str], floor: list[str], runs: int, env: dict) -> tuple[Summary, Summary]:
    a: list[Run] = []
    b: list[Run] = []
    for _ in range(runs):
        a.append(timed_run(subject, env=env, cwd=ROOT, timeout=TIMEOUT))
        b.append(timed_run(floor, env=env, cwd=ROOT, timeout=TIMEOUT))
    return Summary.of(a), Summary.of(b)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--floor-write"]:
        return floor_write(argv[1], argv[2])
    if argv[:1] == ["--floor-read"]:
        return floor_read(argv[1])
    args = parser(__doc__.splitlines()[0], default_runs=3).parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from scale_data import build_scale_db

    from desktop_app.db.database import open_database

    runs = 1 if args.smoke else args.runs
    projects, per = (50, 4) if args.smoke else (2000, 25)
    env = base_env()
    with TempDir() as tmp:
        env["KEY_PROJECTS_DATA_DIR"] = str(tmp / "data")
        env["KEY_PROJECTS_CONFIG_DIR"] = str(tmp / "config")
        db = str(build_scale_db(tmp / "scale.sqlite", projects, per))
        fresh = tmp / "fresh.sqlite"
        open_database(fresh).dispose()
        book, floor_book = str(tmp / "data.xlsx"), str(tmp / "floor.xlsx")
        # The first open of a day takes the daily backup: do it before anything is timed.
        timed_run(_cli("check", "--db", db), env=env, cwd=ROOT, timeout=TIMEOUT)

        export, export_floor = _pairs(
            _cli("export", "--db", db, "-o", book),
            _me("--floor-write", db, floor_book),
            runs,
            env,
        )
        print(result_line("excel export", export, export_floor), flush=True)

        timed_run(_cli("import", "--db", db, book), env=env, cwd=ROOT, timeout=TIMEOUT)
        imp, imp_floor = _pairs(
            _cli("import", "--db", db, book), _me("--floor-read", book), runs, env
        )

        adds: list[Run] = []
        for i in range(runs):
            target = tmp / f"new{i}.sqlite"
            shutil.copyfile(fresh, target)
            adds.append(
                timed_run(
                    # another database made the workbook: imported as hand-made (issue 24)
                    _cli("import", "--db", str(target), book, "--foreign"),
                    env=env,
                    cwd=ROOT,
                    timeout=TIMEOUT,
                )
            )
        new = Summary.of(adds)
        print(
            f"excel import into a new database (all rows added, one transaction): "
            f"{new.seconds:.3f} s median of {runs} "
            f"(runs {', '.join(f'{r.seconds:.1f}' for r in adds)}; peak RSS "
            f"{new.peak_rss_mb:.0f} MB)"
        )
        print(result_line("excel import", imp, imp_floor))  # the row run_all.py parses
        ratio = imp.seconds / imp_floor.seconds if imp_floor.seconds else float("nan")
        print(
            f"excel: import {imp.seconds:.3f} vs floor {imp_floor.seconds:.3f} = ratio {ratio:.2f}"
            f" (peak RSS {imp.peak_rss_mb:.0f} MB, floor {imp_floor.peak_rss_mb:.0f} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
