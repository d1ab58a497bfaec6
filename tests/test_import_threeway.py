"""Imports lose no update (issue 20): a stale workbook or a concurrent import never
overwrites newer work without saying so first.

The workbook carries what it was exported from (hidden sheets); the import compares each
cell with its exported value and the database now, and writes compare-and-swap.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from io_books import fingerprint, plan, write_book
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop_app.db.database import Database, open_database
from desktop_app.db.models import AuditEntry, Disbursement, Project
from desktop_app.errors import UserError
from desktop_app.io import importer
from desktop_app.io.export import export_workbook
from desktop_app.io.importer import ImportConflicts, import_workbook, preview_import
from desktop_app.io.preview import THREE_WAY, TWO_WAY
from desktop_app.services import project_list, projects


def _set_notes(db: Database, no: int, notes: str) -> None:
    """Another officer saves a project through the form."""
    loaded = project_list.read_project(db, no)
    projects.save_project(db, no, replace(projects.edit_of(loaded), notes=notes), loaded.version)


def _edit_cell(book: Path, sheet: str, key_col: int, key: object, header: str, value) -> Path:
    """Change one cell as an officer would, and re-save the workbook through openpyxl."""
    wb = load_workbook(book)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    col = headers.index(header) + 1
    for row in ws.iter_rows(min_row=2):
        if row[key_col].value == key:
            ws.cell(row=row[0].row, column=col, value=value)
            break
    else:
        raise AssertionError(f"no row {key} in {sheet}")
    wb.save(book)
    return book


def _notes(db: Database, no: int) -> str:
    with db.reader() as s:
        return s.scalars(select(Project.notes).where(Project.no == no)).one()


def test_openpyxl_resave_keeps_the_versions(db, tmp_path: Path) -> None:
    book = export_workbook(db, tmp_path / "a.xlsx")
    wb = load_workbook(book)
    hidden = {ws.title: ws.sheet_state for ws in wb.worksheets if ws.title.startswith("_kp_")}
    assert hidden["_kp_export"] == "veryHidden" and hidden["_kp_projects"] == "veryHidden"
    assert wb["_kp_projects"].protection.sheet
    wb.save(book)  # a plain re-save, as a spreadsheet program does
    preview = preview_import(db, book)
    assert preview.mode == THREE_WAY and preview.exported_at
    assert (preview.added, preview.changed, preview.conflicts) == (0, 0, ())


def test_stale_workbook_changes_its_row_and_leaves_the_newer_one(db, tmp_path, run_cli) -> None:
    book = export_workbook(db, tmp_path / "a.xlsx")  # officer A exports
    _set_notes(db, 1, "B 的新备注")  # officer B changes project 1 meanwhile
    _edit_cell(book, "项目", 0, 3, "备注", "A 改了项目 3")  # A changes only project 3
    preview = preview_import(db, book)
    assert preview.mode == THREE_WAY
    assert preview.changed == 1 and preview.kept == 1 and not preview.conflicts
    db.dispose()  # the command line takes the writer's lock
    done = run_cli("import", str(book), "--db", str(db.path))
    assert done.returncode == 0, done.stderr
    assert "compared three-way with its export of" in done.stdout
    assert "1 cell(s) changed in the database since the export are kept" in done.stdout
    assert _notes(db, 3) == "A 改了项目 3"
    assert _notes(db, 1) == "B 的新备注"  # the newer value was not reverted


def test_same_cell_changed_on_both_sides_is_refused_then_chosen(db, tmp_path, run_cli) -> None:
    book = export_workbook(db, tmp_path / "a.xlsx")
    _set_notes(db, 2, "数据库里的新值")
    _edit_cell(book, "项目", 0, 2, "备注", "工作簿里的新值")
    before = fingerprint(db)
    db.dispose()  # the command line takes the writer's lock
    refused = run_cli("import", str(book), "--db", str(db.path))
    assert refused.returncode == 2
    first = refused.stderr.splitlines()[0]
    assert str(book) in first and "1 conflict(s)" in first and "--theirs" in first
    assert (
        "项目, row 3, 备注: exported “” → database now “数据库里的新值” → workbook “工作簿里的新值”"
        in (refused.stderr)
    )
    assert "Traceback" not in refused.stderr
    assert fingerprint(db) == before  # nothing written

    kept = run_cli("import", str(book), "--db", str(db.path), "--ours")
    assert kept.returncode == 0, kept.stderr
    assert _notes(db, 2) == "数据库里的新值"
    taken = run_cli("import", str(book), "--db", str(db.path), "--theirs")
    assert taken.returncode == 0, taken.stderr
    assert _notes(db, 2) == "工作簿里的新值"


def test_a_choice_per_conflict_from_the_window(db, tmp_path: Path) -> None:
    book = export_workbook(db, tmp_path / "a.xlsx")
    _set_notes(db, 2, "库 2")
    _set_notes(db, 4, "库 4")
    _edit_cell(book, "项目", 0, 2, "备注", "表 2")
    _edit_cell(book, "项目", 0, 4, "备注", "表 4")
    preview = preview_import(db, book)
    assert len(preview.unresolved) == 2
    with pytest.raises(ImportConflicts):
        import_workbook(db, book)
    by_row = {c.key: c.ident for c in preview.conflicts}
    choices = {by_row["2"]: "theirs", by_row["4"]: "ours"}
    assert import_workbook(db, book, choices=choices).written
    assert (_notes(db, 2), _notes(db, 4)) == ("表 2", "库 4")


def test_hand_made_workbook_is_two_way_and_says_so(db, tmp_path: Path, run_cli) -> None:
    book = write_book(tmp_path / "a.xlsx", {})
    assert preview_import(db, book).mode == TWO_WAY
    db.dispose()
    done = run_cli("import", str(book), "--db", str(db.path), "--dry-run")
    assert done.returncode == 0 and "carries no export versions" in done.stdout


# ------------------------------------------------------------------ payments (issue 14)


def _paid(db: Database) -> tuple[int, int]:
    with db.reader() as s:
        count, total = s.execute(
            select(func.count(Disbursement.id), func.sum(Disbursement.amount_fen))
        ).one()
    return count, total


def test_amount_correction_changes_exactly_one_payment(demo_db, tmp_path: Path) -> None:
    """Regression: the amount was part of the match key, so a correction added a payment."""
    count, total = _paid(demo_db)
    with demo_db.reader() as s:
        pay = s.scalars(select(Disbursement).order_by(Disbursement.id)).first()
        assert pay is not None
        pid, old = pay.id, pay.amount_fen
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    new_wan = Decimal(old + 10_000) / 1_000_000  # 100 元 more, in 万元
    _edit_cell(book, "拨付", 0, pid, "金额（万元）", float(new_wan))
    preview = preview_import(demo_db, book)
    assert (preview.added, preview.changed) == (0, 1)
    pays = next(s for s in preview.sheets if s.name == "disbursements")
    (change,) = pays.changed[0].fields
    assert change.column == "金额（万元）" and change.old != change.new
    audits = _count_audit(demo_db)
    import_workbook(demo_db, book)
    assert _paid(demo_db) == (count, total + 10_000)
    with demo_db.reader() as s:
        assert s.get(Disbursement, pid).amount_fen == old + 10_000
        new = s.scalars(select(AuditEntry).where(AuditEntry.id > audits)).all()
    assert [(a.table_name, a.row_key, a.field) for a in new] == [
        ("disbursement", str(pid), "amount_fen")
    ]


def _count_audit(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0


def test_payment_without_id_matches_by_its_values_and_unknown_id_is_refused(
    db, tmp_path: Path
) -> None:
    row = {
        "project_no": 1,
        "paid_on": "2026-03-02",
        "amount": 12.5,
        "kind": "固定扶持经费",
        "doc_no": "思科〔2026〕9号",
    }
    book = write_book(tmp_path / "a.xlsx", {"disbursements": [row], "funding_plans": [plan(1)]})
    assert import_workbook(db, book).added == 2
    again = preview_import(db, book)  # the same hand-made row: not a second payment
    assert (again.added, again.changed) == (0, 0)
    bad = write_book(
        tmp_path / "b.xlsx", {"disbursements": [{**row, "id": 999_999}], "funding_plans": [plan(1)]}
    )
    with pytest.raises(importer.ImportRefused) as info:
        import_workbook(db, bad)
    assert "拨付,第 2 行,拨付编号" in str(info.value) and "999999" in str(info.value)


# ------------------------------------------------------------------ concurrent imports


def _six_concurrent_imports(target: str, tmp_path: Path, monkeypatch) -> None:
    first = open_database(target, lock=False)
    try:
        original = _notes(first, 5)
        book = export_workbook(first, tmp_path / "export.xlsx")
    finally:
        first.dispose()
    books = []
    for i in range(6):
        copy = tmp_path / f"officer{i}.xlsx"
        copy.write_bytes(book.read_bytes())
        books.append(_edit_cell(copy, "项目", 0, 5, "备注", f"官员 {i} 的备注"))
    # Every import is prepared from the same database state before any of them writes:
    # the race the issue reproduced, every time.
    barrier = threading.Barrier(6, timeout=60)
    monkeypatch.setattr(importer, "_backup", lambda db: barrier.wait() and None)
    outcome: dict[int, str] = {}

    def officer(i: int) -> None:
        db = open_database(target, lock=False)
        try:
            import_workbook(db, books[i])
            outcome[i] = "applied"
        except UserError as exc:
            outcome[i] = str(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=officer, args=(i,)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    winners = [i for i, o in outcome.items() if o == "applied"]
    assert len(winners) == 1, outcome
    refused = [o for o in outcome.values() if o != "applied"]
    assert len(refused) == 5
    for text in refused:  # the refusal names file, sheet and row
        assert "officer" in text and "项目,第 6 行" in text and "未导入任何数据" in text, text
    check = open_database(target, lock=False)
    try:
        assert _notes(check, 5) == f"官员 {winners[0]} 的备注"
        with check.reader() as s:
            pid = s.scalars(select(Project.id).where(Project.no == 5)).one()
            chain = s.execute(
                select(AuditEntry.before, AuditEntry.after)
                .where(
                    AuditEntry.table_name == "project",
                    AuditEntry.row_key == str(pid),
                    AuditEntry.field == "notes",
                )
                .order_by(AuditEntry.id)
            ).all()
    finally:
        check.dispose()
    # No gaps: each entry's before is the previous entry's after, ending at the winner.
    for prev, nxt in zip(chain, chain[1:], strict=False):
        assert (nxt.before or "") == (prev.after or "")
    assert chain[-1].after == f"官员 {winners[0]} 的备注"
    assert (chain[-1].before or "") == original
    assert sum(1 for c in chain if c.after and c.after.startswith("官员")) == 1


def test_six_concurrent_imports_sqlite(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "shared.sqlite"
    open_database(target).dispose()
    _six_concurrent_imports(str(target), tmp_path, monkeypatch)


@pytest.mark.postgres
def test_six_concurrent_imports_postgres(pg_seeded_url, tmp_path: Path, monkeypatch) -> None:
    from pg_support import url_text

    _six_concurrent_imports(url_text(pg_seeded_url), tmp_path, monkeypatch)
