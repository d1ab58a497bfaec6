"""The brief and the final report read their data once, in one read transaction, then
render: a brief whose figures came from several transactions could mix two states of a
database another officer is writing to (and paid for each one)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from brief_sample import EPOCH
from sqlalchemy import event

from desktop_app.db.database import Database
from desktop_app.reports.quarter_close import close_quarter, write_quarter_brief


@contextmanager
def transactions(db: Database) -> Iterator[list[int]]:
    """Count the transactions begun on the database's engine meanwhile."""
    count = [0]

    def begun(_conn: object) -> None:
        count[0] += 1

    event.listen(db.engine, "begin", begun)
    try:
        yield count
    finally:
        event.remove(db.engine, "begin", begun)


def _opened(db: Database, action: Callable[[], object]) -> int:
    with transactions(db) as count:
        action()
    return count[0]


@pytest.fixture
def demo(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # Q3 has ended: it can be closed
    return demo_db


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_brief_opens_exactly_one_read_transaction(demo: Database, tmp_path: Path, lang):
    assert _opened(demo, lambda: write_quarter_brief(demo, "2026Q3", lang, tmp_path / "a.pdf")) == 1


def test_a_brief_compared_with_a_closed_quarter_still_reads_once(demo: Database, tmp_path: Path):
    # a close: its checks, one read for both languages and the figures, the write
    assert _opened(demo, lambda: close_quarter(demo, "2026Q2", "T")) == 3
    for lang in ("zh", "en"):
        out = tmp_path / f"q3-{lang}.pdf"
        brief = lambda lang=lang, out=out: write_quarter_brief(demo, "2026Q3", lang, out)  # noqa: E731
        assert _opened(demo, brief) == 1
    # the archive and the recomputed closed quarter alike
    out = tmp_path / "q2.pdf"
    assert _opened(demo, lambda: write_quarter_brief(demo, "2026Q2", "zh", out)) == 1
    assert _opened(demo, lambda: write_quarter_brief(demo, "2026Q2", "zh", out, live=True)) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_final_report_reads_in_one_transaction(demo: Database, tmp_path: Path, lang):
    from desktop_app.reports.final_report import write_final_report
    from desktop_app.services.plan_period import build_final_report

    def report() -> None:
        write_final_report(build_final_report(demo, "2021-2025", lang), tmp_path / "f.pdf")

    assert _opened(demo, report) == 1


def test_the_final_report_loads_no_orm():
    """Read with Core like the brief, `report --plan-period` imports no ORM (a fresh
    interpreter, as the command line starts)."""
    import subprocess
    import sys

    orm = ("sqlalchemy.orm", "desktop_app.db.models")
    code = (
        "import sys, desktop_app.services.plan_period, desktop_app.reports.final_report; "
        f"print([m for m in {orm!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
