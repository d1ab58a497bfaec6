"""The same rule, the same refusal, whichever door the value comes through.

A rule × door matrix: each rule the write door owns (`domain.rules`, installed by
`db.door`) is tried through every door this suite can reach — the service a dialog
calls, the command line (`cli.main`, or a process where a hang or a pipe is the point),
the ORM session directly (any writer that forgets a service), and `door.check_values`
(the Core writers: the import's store, evidence blobs). Each case asserts the refusal
(exit 2 or the error), the message's parts, and that no table changed (a digest of
every table, read with sqlite3 apart from the app).
"""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app import cli
from desktop_app.db import door
from desktop_app.db.database import Database
from desktop_app.db.models import (
    Disbursement,
    DistrictIndicator,
    DistrictValue,
    EvidenceLink,
    FundingPlan,
    Milestone,
    Project,
    QuarterClose,
)
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import language, set_language
from desktop_app.services import district
from desktop_app.services import evidence as ev
from desktop_app.services import milestones as ms_service
from desktop_app.services.conflicts import ConflictError
from desktop_app.services.disbursements import add_disbursement
from desktop_app.services.district_overview import read_district_overview
from desktop_app.snapshots.funding import DisbursementDraft


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    before = language()
    set_language("en")
    yield
    set_language(before)


def digest(path: Path) -> str:
    """Every row of every table, hashed: equal digests, an unchanged database."""
    h = hashlib.sha256()
    with sqlite3.connect(path) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for name in names:
            h.update(name.encode())
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                h.update(repr(row).encode())
    return h.hexdigest()


def unchanged(db: Database, action: Callable[[], object], error: type[Exception]) -> str:
    """Run `action`, which must raise `error`; the database must be as it was. The message."""
    assert db.path is not None
    before = digest(db.path)
    with pytest.raises(error) as caught:
        action()
    assert digest(db.path) == before
    return str(caught.value)


def cli_refused(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """`key-projects ARGS --db DB` exits 2 with one line and changes nothing; that line."""
    assert db.path is not None
    before = digest(db.path)
    capsys.readouterr()
    status = cli.main([*args, "--db", str(db.path)])
    err = capsys.readouterr().err
    assert status == 2, err
    assert digest(db.path) == before
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("key-projects: "), err
    return lines[0]


def _milestone(db: Database, project_no: int = 1) -> Milestone:
    with db.reader() as s:
        m = s.scalars(
            select(Milestone)
            .join(Project, Project.id == Milestone.project_id)
            .where(Project.no == project_no)
            .order_by(Milestone.sort_order)
        ).first()
        assert m is not None
        return m


def _orm_edit(db: Database, model: type, row_id: object, **values: object) -> Callable[[], None]:
    def edit() -> None:
        with db.session() as s:
            row = s.get(model, row_id)
            for key, value in values.items():
                setattr(row, key, value)

    return edit


# ------------------------------------------------------------ end not before start


def test_end_before_start_service(demo_db: Database) -> None:
    m = _milestone(demo_db)
    row = ms_service.read_milestone(demo_db, m.id)
    edit = dataclasses.replace(
        row.to_edit(), actual_start=date(2024, 3, 1), actual_end=date(2024, 2, 1)
    )
    message = unchanged(
        demo_db,
        lambda: ms_service.update_milestone(demo_db, m.id, edit, row.version),
        ValidationError,
    )
    assert "actual_end" in message and "before the start date" in message


@pytest.mark.parametrize(
    "start, end", [("planned_start", "planned_end"), ("actual_start", "actual_end")]
)
def test_end_before_start_orm_guard(demo_db: Database, start: str, end: str) -> None:
    m = _milestone(demo_db)
    action = _orm_edit(demo_db, Milestone, m.id, **{start: date(2024, 3, 1), end: date(2024, 2, 1)})
    message = unchanged(demo_db, action, door.RuleRefused)
    assert f"milestone {m.code}" in message and end in message
    assert "before the start date" in message


def test_end_before_start_core_writer(demo_db: Database) -> None:
    m = _milestone(demo_db)
    with demo_db.reader() as s:
        row = {c.name: getattr(m, c.key) for c in Milestone.__table__.columns}
        row.update(actual_start=date(2024, 3, 1), actual_end=date(2024, 2, 1))
        with pytest.raises(door.RuleRefused) as caught:
            door.check_values(s, "milestone", row)
    assert "actual_end" in str(caught.value) and f"milestone {m.code}" in str(caught.value)


# ------------------------------------------------------------ a done milestone is 100 %


def _done_at_55(edit):
    return dataclasses.replace(
        edit,
        status="done",
        percent_complete=55,
        actual_start=date(2024, 1, 2),
        actual_end=date(2024, 2, 1),
    )


def test_done_at_55_service(demo_db: Database) -> None:
    m = _milestone(demo_db)
    row = ms_service.read_milestone(demo_db, m.id)
    edit = _done_at_55(row.to_edit())
    message = unchanged(
        demo_db,
        lambda: ms_service.update_milestone(demo_db, m.id, edit, row.version),
        ValidationError,
    )
    assert "percent_complete" in message and "100 %" in message and "55" in message


def test_done_at_55_orm_guard(demo_db: Database) -> None:
    m = _milestone(demo_db)
    action = _orm_edit(
        demo_db,
        Milestone,
        m.id,
        status="done",
        percent_complete=55,
        actual_start=date(2024, 1, 2),
        actual_end=date(2024, 2, 1),
    )
    message = unchanged(demo_db, action, door.RuleRefused)
    assert f"milestone {m.code}, percent_complete" in message and "55" in message


def test_done_at_55_core_writer(demo_db: Database) -> None:
    m = _milestone(demo_db)
    with demo_db.reader() as s:
        row = {c.name: getattr(m, c.key) for c in Milestone.__table__.columns}
        row.update(status="done", percent_complete=55, actual_end=date(2024, 2, 1))
        row.update(actual_start=date(2024, 1, 2))
        with pytest.raises(door.RuleRefused, match="percent_complete"):
            door.check_values(s, "milestone", row)


def test_a_stored_row_that_already_broke_a_rule_can_still_be_edited_elsewhere(
    demo_db: Database,
) -> None:
    """Only problems a change brings are refused: old data does not lock its row."""
    m = _milestone(demo_db)
    with demo_db.engine.begin() as conn:  # written around the door, as an old version did
        conn.execute(
            Milestone.__table__.update()
            .where(Milestone.__table__.c.id == m.id)
            .values(status="done", percent_complete=55, actual_end=date(2024, 2, 1))
        )
    _orm_edit(demo_db, Milestone, m.id, notes="checked")()
    assert ms_service.read_milestone(demo_db, m.id).notes == "checked"


# ------------------------------------------------------------ years 2000–2100


def test_year_service(demo_db: Database) -> None:
    with demo_db.reader() as s:
        ind = s.scalars(select(DistrictIndicator)).first()
    message = unchanged(
        demo_db, lambda: district.set_district_value(demo_db, ind.id, 1999, Decimal(1)), UserError
    )
    assert "2000" in message and "2100" in message


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (DistrictValue, "year", 1999),
        (Disbursement, "for_year", 10**15),
        (FundingPlan, "first_year", 1999),
        (Milestone, "planned_end", date(1999, 12, 31)),
    ],
)
def test_year_orm_guard(demo_db: Database, model: type, field: str, value: object) -> None:
    with demo_db.reader() as s:
        row_id = s.scalars(select(model.id).order_by(model.id)).first()
    message = unchanged(
        demo_db, _orm_edit(demo_db, model, row_id, **{field: value}), door.RuleRefused
    )
    assert f", {field}: " in message and "2000" in message and "2100" in message


@pytest.mark.parametrize(
    "args",
    [
        ("close-quarter", "0000Q1"),
        ("report", "--quarter", "0000Q1", "-o", "x.pdf"),
        ("returns", "make", "--quarter", "0000Q1", "-o", "out"),
        ("reopen-quarter", "0000Q1", "--reason", "typo"),
    ],
)
def test_year_command_line_quarter(
    demo_db: Database,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    line = cli_refused(demo_db, capsys, *args)
    assert "0000Q1" in line and "quarter" in line


def test_year_core_writer(demo_db: Database) -> None:
    with demo_db.reader() as s:
        with pytest.raises(door.RuleRefused, match="base_year"):
            door.check_values(s, "district_target", {"base_year": 10**15, "indicator_id": 1})
        with pytest.raises(door.RuleRefused, match="quarter"):
            door.check_values(s, "quarterly_return", {"quarter": "2026Q5", "project_id": 1})


# ------------------------------------------------------------ for_year consistent with kind


def _plan_of(db: Database, project_no: int = 1) -> tuple[int, object]:
    with db.reader() as s:
        pid = s.scalar(select(Project.id).where(Project.no == project_no))
        spec = door.plan_spec(s, pid)
    assert spec is not None
    return pid, spec


def test_for_year_service(demo_db: Database) -> None:
    pid, spec = _plan_of(demo_db)
    paid = date(spec.first_year + 1, 3, 1)
    draft = DisbursementDraft(
        paid_on=paid, amount="1", kind="reward", for_year=str(spec.last_year + 3)
    )
    message = unchanged(demo_db, lambda: add_disbursement(demo_db, pid, draft), ValidationError)
    assert "for_year" in message and str(spec.last_year + 3) in message


def test_for_year_orm_guard(demo_db: Database) -> None:
    pid, spec = _plan_of(demo_db)
    with demo_db.reader() as s:
        d = s.scalars(select(Disbursement).where(Disbursement.project_id == pid)).first()
    assert d is not None
    wrong = spec.last_year + 5
    message = unchanged(
        demo_db,
        _orm_edit(demo_db, Disbursement, d.id, for_year=wrong),
        door.RuleRefused,
    )
    assert f"payment of {d.paid_on.isoformat()}, for_year" in message and str(wrong) in message


def test_payment_outside_its_plan_orm_guard(demo_db: Database) -> None:
    pid, spec = _plan_of(demo_db)

    def add() -> None:
        with demo_db.session() as s:
            s.add(
                Disbursement(
                    project_id=pid,
                    paid_on=date(2040, 1, 5),
                    amount_fen=100,
                    kind="fixed",
                    for_year=2040,
                )
            )

    message = unchanged(demo_db, add, door.RuleRefused)
    assert "payment of 2040-01-05, paid_on" in message and "2040" in message


def test_for_year_core_writer(demo_db: Database) -> None:
    pid, spec = _plan_of(demo_db)
    row = {
        "project_id": pid,
        "paid_on": date(spec.first_year, 5, 1),
        "amount_fen": 100,
        "kind": "fixed",
        "for_year": spec.last_year + 5,
    }
    with demo_db.reader() as s, pytest.raises(door.RuleRefused, match="for_year"):
        door.check_values(s, "disbursement", row)


# ------------------------------------------------------------ text: length and control characters


@pytest.mark.parametrize(
    ("args", "flag", "why"),
    [
        (("--note", "a\x1bb"), "--note", "U+001B"),
        (("--note", "x" * 100_000), "--note", "32767"),
    ],
)
def test_text_command_line_evidence_note(
    demo_db: Database,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: tuple[str, ...],
    flag: str,
    why: str,
) -> None:
    f = tmp_path / "ok.pdf"
    f.write_bytes(b"%PDF-1.4 ok")
    m = _milestone(demo_db)
    line = cli_refused(
        demo_db, capsys, "evidence", "add", "--project", "1", "--milestone", m.code, str(f), *args
    )
    assert line.startswith(f"key-projects: {flag}: ") and why in line


@pytest.mark.parametrize(
    ("name", "why"), [("a\x1bb.pdf", "U+001B"), ("a\x07b.pdf", "U+0007"), ("a\nb.pdf", "U+000A")]
)
def test_text_command_line_evidence_file_name(
    demo_db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, why: str
) -> None:
    f = tmp_path / name
    f.write_bytes(b"%PDF-1.4 ok")
    line = cli_refused(
        demo_db, capsys, "evidence", "add", "--project", "1", "--milestone", "M01", str(f)
    )
    assert line.startswith("key-projects: FILE: ") and why in line
    assert "\x1b" not in line and "\x07" not in line


@pytest.mark.parametrize(
    ("args", "flag", "why"),
    [
        (("--reason", "a\x1bb"), "--reason", "U+001B"),
        (("--reason", "r" * 100_000), "--reason", "32767"),
        (("--reason", "ok", "--officer", "a\x1bb"), "--officer", "U+001B"),
        (("--reason", "ok", "--officer", "o" * 5_000), "--officer", "at most 100"),
    ],
)
def test_text_command_line_reopen_quarter(
    demo_db: Database,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    flag: str,
    why: str,
) -> None:
    line = cli_refused(demo_db, capsys, "reopen-quarter", "2026Q1", *args)
    assert line.startswith(f"key-projects: {flag}: ") and why in line


def test_text_command_line_close_quarter_officer(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    line = cli_refused(demo_db, capsys, "close-quarter", "2025Q1", "--officer", "o" * 5_000)
    assert line.startswith("key-projects: --officer: ") and "at most 100" in line


def test_text_service_evidence_note(demo_db: Database) -> None:
    m = _milestone(demo_db)
    target = ev.EvidenceTarget("milestone", m.code)
    message = unchanged(
        demo_db,
        lambda: ev.add_evidence_bytes(demo_db, 1, target, "ok.pdf", b"%PDF", note="a\x1bb"),
        UserError,
    )
    assert "evidence file ok.pdf, note" in message and "U+001B" in message


def test_text_orm_guard_officer_column_length(demo_db: Database) -> None:
    """The column's String(100) is the limit, read from the model: no list to keep."""

    def add() -> None:
        with demo_db.session() as s:
            s.add(
                QuarterClose(
                    quarter="2025Q1",
                    as_of=date(2025, 3, 31),
                    closed_at=date(2025, 4, 1),
                    closed_by="o" * 5_000,
                    lang="zh",
                    figures="{}",
                    pdf=b"%PDF",
                    sha256="0" * 64,
                )
            )

    message = unchanged(demo_db, add, door.RuleRefused)
    assert "quarter 2025Q1, closed_by: at most 100 characters" in message


def test_text_core_writer(demo_db: Database) -> None:
    with (
        demo_db.reader() as s,
        pytest.raises(door.RuleRefused, match=r"a\\x07b, file_name: .*U\+0007"),
    ):
        door.check_values(s, "evidence_link", {"file_name": "a\x07b", "note": ""})


# ------------------------------------------------------------ codes: one code however typed


@pytest.mark.parametrize("typed", ["m01", "Ｍ０１", " M01 "])
def test_code_command_line_evidence_milestone_is_normalised(
    demo_db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path, typed: str
) -> None:
    f = tmp_path / "report.pdf"
    f.write_bytes(b"%PDF-1.4 report")
    assert (
        cli.main(
            [
                "evidence",
                "add",
                "--project",
                "1",
                "--milestone",
                typed,
                str(f),
                "--db",
                str(demo_db.path),
            ]
        )
        == 0
    )
    with demo_db.reader() as s:
        link = s.scalars(select(EvidenceLink).order_by(EvidenceLink.id.desc())).first()
        assert link is not None and link.milestone_id is not None
        assert s.get(Milestone, link.milestone_id).code == "M01"


def test_code_orm_guard_stores_the_normal_form(demo_db: Database) -> None:
    m = _milestone(demo_db, project_no=2)
    _orm_edit(demo_db, Milestone, m.id, code="ｍ９９")()
    assert ms_service.read_milestone(demo_db, m.id).code == "M99"


def test_code_core_writer_gives_the_normal_form(demo_db: Database) -> None:
    with demo_db.reader() as s:
        row = door.check_values(
            s,
            "milestone",
            {"code": "m07", "title": "t", "planned_end": date(2026, 1, 1), "status": "not_started"},
        )
    assert row["code"] == "M07"


# ------------------------------------------------------------ inputs that hung or crashed


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX here")
def test_fifo_as_evidence_file_or_database_is_refused_at_once(
    demo_db: Database, run_cli, tmp_path: Path
) -> None:
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = digest(demo_db.path)
    got = run_cli(
        "evidence",
        "add",
        "--project",
        "1",
        "--milestone",
        "M01",
        str(fifo),
        "--db",
        str(demo_db.path),
        timeout=60,
    )
    assert got.returncode == 2 and "FILE: not a regular file" in got.stderr, got.stderr
    got = run_cli("evidence", "list", "--db", str(fifo), timeout=60)
    assert got.returncode == 2 and "not a regular file" in got.stderr, got.stderr
    assert digest(demo_db.path) == before


def test_a_closed_output_pipe_ends_quietly(demo_db: Database, tmp_path: Path) -> None:
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.4 a")
    ev.add_evidence(demo_db, 1, ev.EvidenceTarget("milestone", "M01"), f)
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "evidence", "list", "--db", str(demo_db.path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    err = proc.stderr.read().decode()
    status = proc.wait(timeout=120)
    assert status in (0, 141), err
    assert "BrokenPipe" not in err and "unexpected" not in err


# ------------------------------------------------------------ compare-and-swap


def test_a_stale_evidence_save_is_a_conflict(demo_db: Database, tmp_path: Path) -> None:
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.4 a")
    row = ev.add_evidence(demo_db, 1, ev.EvidenceTarget("milestone", "M01"), f)
    ev.remove_evidence(demo_db, row.id, row.version)  # another officer, first
    message = unchanged(
        demo_db, lambda: ev.restore_evidence(demo_db, row.id, row.version), ConflictError
    )
    assert "a.pdf" in message


def test_a_stale_district_value_save_is_a_conflict(demo_db: Database) -> None:
    view = read_district_overview(demo_db)
    row = next(r for r in view.rows if r.values)
    year = max(row.values)
    read = row.versions[year]
    district.set_district_value(demo_db, row.indicator_id, year, Decimal(1), read)  # first
    with pytest.raises(ConflictError) as caught:
        district.set_district_value(demo_db, row.indicator_id, year, Decimal(2), read)
    assert caught.value.fields["value"] == (Decimal(1), Decimal(2))
    fresh = read_district_overview(demo_db)
    again = next(r for r in fresh.rows if r.indicator_id == row.indicator_id)
    assert again.values[year] == Decimal(1)
    # a year nobody had filled: the caller read NO_ROW; a value saved since is theirs
    empty = 2099
    district.set_district_value(demo_db, row.indicator_id, empty, Decimal(3), district.NO_ROW)
    with pytest.raises(ConflictError):
        district.set_district_value(demo_db, row.indicator_id, empty, Decimal(4), district.NO_ROW)


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("evidence", "add", "--project", "1", "--evaluation", "9" * 20, "f.pdf"), "--evaluation"),
        (("evidence", "add", "--project", "9" * 23, "--milestone", "M01", "f.pdf"), "--project"),
        (
            ("evidence", "add", "--project", "1", "--disbursement", "9" * 20, "f.pdf"),
            "--disbursement",
        ),
        (("evidence", "get", "9" * 23, "-o", "x"), "ID"),
    ],
)
def test_a_number_past_64_bits_is_refused_not_an_overflow(
    demo_db: Database,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    flag: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.pdf").write_bytes(b"%PDF-1.4 f")
    line = cli_refused(demo_db, capsys, *args)
    assert line.startswith(f"key-projects: {flag}: must be between")


def test_a_merge_of_two_valid_sides_that_is_invalid_together_is_refused(demo_db: Database) -> None:
    """The window moved the actual start, a stale workbook the actual end: each alone is
    fine, the row they make is not (the Core writer's `check_update` checks it whole)."""
    m = _milestone(demo_db)
    _orm_edit(
        demo_db,
        Milestone,
        m.id,
        actual_start=date(2023, 11, 22),
        status="in_progress",
        actual_end=None,
        percent_complete=50,
    )()
    with demo_db.session() as s, pytest.raises(door.RuleRefused) as caught:
        door.check_update(s, "milestone", m.id, {"actual_end": date(2023, 2, 3)})
    assert f"milestone {m.code}, actual_end" in str(caught.value)
    with demo_db.reader() as s:
        assert door.check_update(s, "milestone", m.id, {"code": "m01"}) == {"code": "M01"}


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX here")
@pytest.mark.parametrize("side", ["--from", "--to"])
def test_fifo_as_either_side_of_copy_is_refused_at_once(
    demo_db: Database, run_cli, tmp_path: Path, side: str
) -> None:
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    other = str(demo_db.path) if side == "--to" else str(tmp_path / "new.sqlite")
    args = (
        ("--from", other, "--to", str(fifo))
        if side == "--to"
        else ("--from", str(fifo), "--to", other)
    )
    got = run_cli("copy", *args, timeout=60)
    assert got.returncode == 2 and f"{side} " in got.stderr and "not a regular file" in got.stderr


def test_a_due_date_outside_2000_2100_is_refused(
    demo_db: Database,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    line = cli_refused(
        demo_db, capsys, "returns", "make", "--quarter", "2026Q1", "--due", "0001-01-01", "-o", "o"
    )
    assert line.startswith("key-projects: --due: ") and "2000" in line
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_an_overridden_grade_without_a_reason_orm_guard(demo_db: Database) -> None:
    from desktop_app.db.models import Evaluation

    with demo_db.reader() as s:
        e = s.scalars(select(Evaluation).order_by(Evaluation.id)).first()
    assert e is not None
    other = "D" if e.computed_grade != "D" else "A"
    action = _orm_edit(demo_db, Evaluation, e.id, grade=other, override_reason="")
    message = unchanged(demo_db, action, door.RuleRefused)
    assert f"evaluation of {e.year}, grade" in message and e.computed_grade in message


def test_a_return_narrative_with_esc_orm_guard(demo_db: Database) -> None:
    """What `returns collect` logs goes through the session: the narrative is held too."""
    from datetime import datetime

    from desktop_app.db.models import QuarterlyReturn

    def add() -> None:
        with demo_db.session() as s:
            pid = s.scalar(select(Project.id).where(Project.no == 7))
            s.add(
                QuarterlyReturn(
                    project_id=pid,
                    quarter="2026Q1",
                    received_at=datetime(2026, 4, 2),
                    narrative="完成\x1b[2J",
                    contact_name="王芳",
                )
            )

    message = unchanged(demo_db, add, door.RuleRefused)
    assert "return for 2026Q1, narrative" in message and "U+001B" in message
