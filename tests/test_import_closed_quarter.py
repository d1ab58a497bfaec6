"""An import that corrects a closed quarter says so first (as the payment dialog does):
the preview lists each row, the command line warns on stderr and goes on, the window
lists them before Confirm. The rule is the brief's: what the warning names is what the
next brief lists as a correction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from brief_sample import EPOCH, add_sample
from io_books import fingerprint
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Disbursement, Project
from desktop_app.i18n import set_language
from desktop_app.io.closed_quarters import closed_line
from desktop_app.io.export import export_workbook
from desktop_app.io.importer import import_workbook, preview_import
from desktop_app.io.preview import ClosedTouch
from desktop_app.reports import quarter_close as RQ
from desktop_app.services import quarter_brief as B
from desktop_app.services import quarters as Q
from desktop_app.ui.context import AppContext
from desktop_app.ui.io_actions import ImportDialog

AMOUNT = "金额（万元）"  # the header as exported
CLOSED = "2026Q2 is closed: its brief is frozen; this change will be listed as a correction"


@pytest.fixture
def sample(db, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # 2026-11-20: Q3 has ended
    set_language("en")
    add_sample(db)
    RQ.close_quarter(db, "2026Q2")  # as of 2026-06-30
    return db


def _payment_id(db: Database, no: int, day: date) -> int:
    with db.reader() as s:
        q = (
            select(Disbursement.id)
            .join(Project, Disbursement.project_id == Project.id)
            .where(Project.no == no, Disbursement.paid_on == day)
        )
        return int(s.scalars(q).one())


def _edit(book: Path, sheet: str, match: dict[str, object], header: str, value) -> int:
    """Change one cell as an officer would; returns its Excel row."""
    wb = load_workbook(book)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if all(row[headers.index(h)].value == v for h, v in match.items()):
            row[headers.index(header)].value = value
            wb.save(book)
            return row[0].row
    raise AssertionError(f"no row {match} in {sheet}")


def _add_payment(book: Path, no: int, day: str, amount: str) -> int:
    wb = load_workbook(book)
    ws = wb["拨付"]
    headers = [c.value for c in ws[1]]
    values = {"项目编号": no, "拨付日期": day, AMOUNT: amount, "类别": "固定扶持经费"}
    ws.append([values.get(h) for h in headers])
    wb.save(book)
    return ws.max_row


def _corrections(db: Database) -> tuple[str, ...]:
    changes = B.brief_for(db, "2026Q3", "en").changes
    assert changes is not None and changes.closed
    return dict(changes.lines)["Corrections to closed 2026Q2"]


def test_a_closed_quarter_payment_warns_on_dry_run_and_import(sample, tmp_path, run_cli):
    book = export_workbook(sample, tmp_path / "a.xlsx")
    pid = _payment_id(sample, 1, date(2026, 3, 10))
    row = _edit(book, "拨付", {"拨付编号": pid}, AMOUNT, "125")
    preview = preview_import(sample, book)
    assert preview.closed_touched() == (ClosedTouch("拨付", row, AMOUNT, "2026Q2"),)
    before = fingerprint(sample)
    sample.dispose()  # the command line takes the writer's lock
    env = {"SOURCE_DATE_EPOCH": EPOCH}

    dry = run_cli("import", str(book), "--db", str(sample.path), "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    line = f"key-projects: 拨付, row {row}, {AMOUNT}: {CLOSED} in the next brief"
    assert line in dry.stderr.splitlines()
    assert "dry run: nothing was written" in dry.stdout
    assert fingerprint(sample) == before

    done = run_cli("import", str(book), "--db", str(sample.path), env=env)
    assert done.returncode == 0, done.stderr  # a correction: warned, then imported
    assert line in done.stderr.splitlines()
    assert "imported: 0 added, 1 changed" in done.stdout
    (fix,) = _corrections(sample)  # the brief agrees: the next one lists it
    assert "2026-03-10" in fix and "125.00" in fix


def test_the_warning_speaks_the_command_language(sample, tmp_path, run_cli):
    book = export_workbook(sample, tmp_path / "a.xlsx")
    I01 = {"项目编号": 1, "年度": 2026, "指标编号": "I01", "季度": 2}
    row = _edit(book, "指标完成值", I01, "年度累计值", 9)
    sample.dispose()
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    done = run_cli("--lang", "zh", "import", str(book), "--db", str(sample.path), env=env)
    assert done.returncode == 0, done.stderr
    assert (
        f"key-projects: 指标完成值,第 {row} 行,年度累计值:2026Q2 已关账,其简报已冻结;"
        "此修改将作为更正列入下一期简报" in done.stderr.splitlines()
    )


def test_new_moved_and_actual_rows_are_listed(sample, tmp_path):
    book = export_workbook(sample, tmp_path / "a.xlsx")
    moved = _payment_id(sample, 1, date(2026, 7, 1))  # open Q3 → closed Q2
    moved_row = _edit(book, "拨付", {"拨付编号": moved}, "拨付日期", "2026-06-15")
    new_row = _add_payment(book, 2, "2026-05-20", "12.5")
    I02 = {"项目编号": 1, "年度": 2026, "指标编号": "I02", "季度": 2}
    actual_row = _edit(book, "指标完成值", I02, "年度累计值", 650)
    preview = preview_import(sample, book)
    assert set(preview.closed_touched()) == {
        ClosedTouch("拨付", moved_row, "拨付日期", "2026Q2"),
        ClosedTouch("拨付", new_row, "", "2026Q2"),
        ClosedTouch("指标完成值", actual_row, "年度累计值", "2026Q2"),
    }
    new = next(c for c in preview.closed if c.row == new_row)
    assert closed_line(new) == f"拨付, row {new_row} (new row): {CLOSED} in the next brief"
    import_workbook(sample, book)
    fixes = _corrections(sample)
    assert len(fixes) == 3 and any("I02" in f for f in fixes)


def test_open_quarters_and_notes_do_not_warn(sample, tmp_path, run_cli):
    book = export_workbook(sample, tmp_path / "a.xlsx")
    open_pid = _payment_id(sample, 1, date(2026, 7, 1))
    closed_pid = _payment_id(sample, 1, date(2026, 3, 10))
    _edit(book, "拨付", {"拨付编号": open_pid}, AMOUNT, "130")
    _edit(book, "拨付", {"拨付编号": closed_pid}, "备注", "凭证已补")  # not a frozen figure
    _add_payment(book, 2, "2026-10-01", "5")
    assert preview_import(sample, book).closed == ()
    sample.dispose()
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    done = run_cli("import", str(book), "--db", str(sample.path), env=env)
    assert done.returncode == 0, done.stderr
    assert "is closed" not in done.stderr
    assert _corrections(sample) == ()  # the brief agrees: nothing to correct


def test_a_reopened_quarter_does_not_warn(sample, tmp_path):
    Q.reopen_quarter(sample, "2026Q2", "typo in a payment")
    book = export_workbook(sample, tmp_path / "a.xlsx")
    pid = _payment_id(sample, 1, date(2026, 3, 10))
    _edit(book, "拨付", {"拨付编号": pid}, AMOUNT, "125")
    assert preview_import(sample, book).closed == ()


def test_a_conflict_warns_only_once_the_workbook_is_taken(sample, tmp_path, run_cli):
    book = export_workbook(sample, tmp_path / "a.xlsx")
    pid = _payment_id(sample, 1, date(2026, 3, 10))
    row = _edit(book, "拨付", {"拨付编号": pid}, AMOUNT, "125")
    with sample.session() as s:  # someone corrects the same amount meanwhile
        s.get(Disbursement, pid).amount_fen = 121 * 1_000_000
    preview = preview_import(sample, book)
    (conflict,) = preview.conflicts
    assert preview.closed_touched() == ()
    taken = preview.closed_touched({conflict.ident: "theirs"})
    assert taken == (ClosedTouch("拨付", row, AMOUNT, "2026Q2", conflict.ident),)
    assert preview.closed_touched({conflict.ident: "ours"}) == ()
    sample.dispose()
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    kept = run_cli("import", str(book), "--db", str(sample.path), "--ours", env=env)
    assert kept.returncode == 0 and "is closed" not in kept.stderr
    theirs = run_cli("import", str(book), "--db", str(sample.path), "--theirs", env=env)
    assert theirs.returncode == 0, theirs.stderr
    assert f"拨付, row {row}, {AMOUNT}: {CLOSED}" in theirs.stderr


def _texts(dialog: ImportDialog) -> list[str]:
    out: list[str] = []

    def walk(item) -> None:
        if item.isHidden():
            return
        out.extend(item.text(c) for c in range(4) if item.text(c))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(dialog.tree.topLevelItemCount()):
        walk(dialog.tree.topLevelItem(i))
    return out


def test_the_window_lists_them_before_confirm_and_cancel_changes_nothing(qtbot, sample, tmp_path):
    book = export_workbook(sample, tmp_path / "a.xlsx")
    pid = _payment_id(sample, 1, date(2026, 3, 10))
    row = _edit(book, "拨付", {"拨付编号": pid}, AMOUNT, "125")
    dialog = ImportDialog(AppContext(db=sample), book)
    qtbot.addWidget(dialog)
    before = fingerprint(sample)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    texts = _texts(dialog)
    assert texts[:4] == [
        "Closed quarters (1)",
        f"拨付 row {row}",
        AMOUNT,
        "2026Q2 is closed: listed as a correction",
    ]
    assert dialog.closed_note.isVisibleTo(dialog)
    assert "2026Q2" in dialog.closed_note.text() and "Cancel" in dialog.closed_note.text()
    assert dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.LeftButton)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert fingerprint(sample) == before
    with sample.reader() as s:
        assert s.get(Disbursement, pid).amount_fen == 120 * 1_000_000


def test_the_window_follows_the_conflict_choice(qtbot, sample, tmp_path):
    book = export_workbook(sample, tmp_path / "a.xlsx")
    pid = _payment_id(sample, 1, date(2026, 3, 10))
    _edit(book, "拨付", {"拨付编号": pid}, AMOUNT, "125")
    with sample.session() as s:
        s.get(Disbursement, pid).amount_fen = 121 * 1_000_000
    dialog = ImportDialog(AppContext(db=sample), book)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    assert "Closed quarters (1)" not in _texts(dialog)
    assert not dialog.closed_note.isVisibleTo(dialog)
    dialog._choose_all("theirs")
    assert "Closed quarters (1)" in _texts(dialog)
    assert dialog.closed_note.isVisibleTo(dialog)
    dialog._choose_all("ours")
    assert "Closed quarters (1)" not in _texts(dialog)
    with sample.reader() as s:
        assert s.get(Disbursement, pid).amount_fen == 121 * 1_000_000


@pytest.mark.parametrize(
    ("old_day", "new_day"),
    [
        (date(2026, 3, 10), "2026-03-10"),  # an amount corrected inside the closed quarter
        (date(2026, 7, 1), "2026-06-30"),  # moved into it, onto its last day
        (date(2026, 3, 10), "2026-07-02"),  # moved out of it
        (date(2026, 7, 1), "2026-07-03"),  # never in it
    ],
)
def test_the_payment_dialog_and_the_import_flag_the_same_payments(
    sample, tmp_path, old_day, new_day
):
    """One closed-quarter rule: what the dialog's service says of an edit from `old_day`
    to `new_day` is what the import's preview says of the same edit in a workbook."""
    book = export_workbook(sample, tmp_path / "a.xlsx")
    pid = _payment_id(sample, 1, old_day)
    _edit(book, "拨付", {"拨付编号": pid}, AMOUNT, "131")
    _edit(book, "拨付", {"拨付编号": pid}, "拨付日期", new_day)
    flagged = {touch.quarter for touch in preview_import(sample, book).closed}
    dialog = Q.closed_quarter_touched(sample, date.fromisoformat(new_day), old_day)
    assert flagged == ({dialog} if dialog else set())


def test_the_payment_dialog_asks_the_core_rule(sample, monkeypatch):
    """The dialog's question is read with Core, through the rule the import uses (no ORM
    copy of the rule to drift from it)."""

    def no_orm(*_args, **_kwargs):
        raise AssertionError("the closed-quarter rule read through the ORM")

    monkeypatch.setattr(Database, "reader", no_orm)
    assert Q.closed_quarter_touched(sample, date(2026, 6, 30)) == "2026Q2"
    assert Q.closed_quarter_touched(sample, date(2026, 7, 1), None) is None
