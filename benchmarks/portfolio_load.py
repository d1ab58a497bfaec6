"""Issue 10's benchmark: the portfolio load on the scale data, on SQLite and on PostgreSQL.

    python benchmarks/portfolio_load.py [--runs 5] [--smoke] [--pg ADMIN_URL] [--keep-db PATH]

The scale database (`scale_data.build_scale_db`, 2,000 projects × 25 milestones) is
copied onto a new database of the PostgreSQL server with `key-projects copy` (so both
hold the very same rows). `--pg` (default `$KEY_PROJECTS_TEST_PG`) is an admin URL
that may create and drop a database; without one only the SQLite line is printed.

Subject, in a fresh child per run: what the portfolio page loads when it opens or is
refreshed (F5): `read_project_rows` (the table) and `read_health` (the health column),
timed from after `open_database` to the last row. Floor, in a fresh child on the same
database: plain SQLAlchemy Core `SELECT *` of every table that load reads, no ORM, no
computing — the least any program showing the same data must spend. Subject and floor
alternate; medians. One line per engine:

    portfolio_load[sqlite|postgres]: <s> vs floor <s> = ratio <r> (peak RSS …)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from harness import BENCH_DIR, ROOT, Run, Summary, TempDir, base_env, parser, result_line

AS_OF = date(2026, 9, 15)  # the scale data's "today"
#: The tables the portfolio load reads (the floor reads them whole).
FLOOR_TABLES = (
    "project",
    "zone",
    "domain",
    "project_domain",
    "milestone",
    "funding_plan",
    "funding_year",
    "startup_tranche",
    "disbursement",
    "indicator",
    "indicator_actual",
    "evaluation",
    "setting",
)


def _child(mode: str, target: str) -> int:
    """Inside a child: open the database, then time the subject or the floor only."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import text

    from desktop_app.db.database import open_database

    db = open_database(target, lock=False, seed=False)
    try:
        if mode == "subject":
            from desktop_app.services.health import read_health
            from desktop_app.services.project_list import read_project_rows

            started = time.perf_counter()
            rows = read_project_rows(db)
            health = read_health(db, AS_OF)
            elapsed = time.perf_counter() - started
            count = len(rows)
            assert len(health) == count, (len(health), count)
        else:
            started = time.perf_counter()
            with db.engine.connect() as conn:
                count = 0
                for table in FLOOR_TABLES:
                    count += len(conn.execute(text(f"SELECT * FROM {table}")).all())
            elapsed = time.perf_counter() - started
    finally:
        db.dispose()
    print(json.dumps({"seconds": elapsed, "rows": count}), flush=True)
    return 0


def _timed_child(cmd: list[str], env: dict[str, str]) -> tuple[Run, int]:
    """The load time the child measured itself, and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        import subprocess

        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out_f, stderr=err_f)
        _pid, status, usage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read().decode(), err_f.read().decode(errors="replace")
    if code != 0:
        raise RuntimeError(f"exit {code}: {' '.join(cmd[:4])} …\n{err[-3000:]}")
    report = json.loads(out.strip().splitlines()[-1])
    return Run(report["seconds"], usage.ru_maxrss / 1024.0), report["rows"]


def _server_copy(scale: Path, admin_url: str) -> tuple[str, str]:
    """A new database on the server holding the scale data; (its URL, its name)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from desktop_app.db.copy import copy_database

    name = f"kp_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name)
    if url.password:  # children get it from PGPASSWORD, never on a command line (ps shows those)
        os.environ["PGPASSWORD"] = str(url.password)
        url = url._replace(password=None)
    started = time.perf_counter()
    report = copy_database(scale, url.render_as_string(hide_password=False))
    print(f"copied {report.rows} rows to PostgreSQL in {time.perf_counter() - started:.1f} s")
    return url.render_as_string(hide_password=False), name


def _drop(admin_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> int:
    p = parser(__doc__.splitlines()[0], default_runs=5)
    p.add_argument("--pg", default=os.environ.get("KEY_PROJECTS_TEST_PG"), help="admin URL")
    p.add_argument("--keep-db", type=Path, help="reuse (or create and keep) this scale database")
    p.add_argument("--child", nargs=2, metavar=("MODE", "TARGET"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        return _child(*args.child)
    sys.path.insert(0, str(ROOT))
    runs = 1 if args.smoke else max(args.runs, 3)
    size = (60, 25) if args.smoke else (2000, 25)
    with TempDir() as tmp:
        env = base_env(
            KEY_PROJECTS_DATA_DIR=str(tmp / "data"),
            KEY_PROJECTS_CONFIG_DIR=str(tmp / "config"),
        )
        os.environ.update(KEY_PROJECTS_DATA_DIR=env["KEY_PROJECTS_DATA_DIR"])
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
        targets = {"sqlite": str(scale)}
        server_name = None
        if args.pg:
            targets["postgres"], server_name = _server_copy(scale, args.pg)
            env["PGPASSWORD"] = os.environ.get("PGPASSWORD", "")
        else:
            print("no PostgreSQL server (--pg or KEY_PROJECTS_TEST_PG): SQLite only")
        try:
            me = [sys.executable, str(Path(__file__).resolve()), "--child"]
            samples: dict[str, dict[str, list[Run]]] = {
                k: {"subject": [], "floor": []} for k in targets
            }
            rows: dict[str, int] = {}
            for i in range(runs + (0 if args.smoke else 1)):  # first round: warm-up
                for engine, target in targets.items():
                    for mode in ("subject", "floor"):
                        run, count = _timed_child([*me, mode, target], env)
                        if i > 0 or args.smoke:
                            samples[engine][mode].append(run)
                        if mode == "subject":
                            rows[engine] = count
        finally:
            if server_name and args.pg:
                _drop(args.pg, server_name)
    print(f"runs: {runs} each, alternating, median; load time measured inside each child")
    for engine, s in samples.items():
        subject, floor = Summary.of(s["subject"]), Summary.of(s["floor"])
        print(
            result_line(f"portfolio_load[{engine}]", subject, floor) + f"; {rows[engine]} projects"
        )
    if "postgres" in samples:
        pg = Summary.of(samples["postgres"]["subject"]).seconds
        lite = Summary.of(samples["sqlite"]["subject"]).seconds
        print(f"postgres / sqlite portfolio load: {pg / lite:.2f}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
