"""The audit trail records before and after for each kind of change, with who did it."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop_app.db.database import open_database
from desktop_app.db.models import (
    AuditEntry,
    Base,
    Disbursement,
    Domain,
    FundingPlan,
    FundingYear,
    Indicator,
    IndicatorActual,
    Milestone,
    Project,
)
from desktop_app.preferences import Preferences


def entries(db, **where) -> list[AuditEntry]:
    with db.reader() as s:
        q = select(AuditEntry).order_by(AuditEntry.id)
        for key, value in where.items():
            q = q.where(getattr(AuditEntry, key) == value)
        return list(s.scalars(q))


def test_insert_update_delete_with_before_after_and_who(tmp_path: Path) -> None:
    prefs = Preferences(officer="林专员")
    prefs.save()
    db = open_database(tmp_path / "a.sqlite")  # officer from the preferences
    with db.session() as s:
        p = s.scalars(select(Project).where(Project.no == 1)).one()
        s.add(
            Disbursement(
                project_id=p.id,
                paid_on=date(2026, 3, 2),
                amount_fen=12_345_600,
                kind="fixed",
                doc_no="思科〔2026〕1号",
            )
        )
        pid = p.id
    ins = entries(db, table_name="disbursement", action="insert")
    amount = next(e for e in ins if e.field == "amount_fen")
    assert (amount.before, amount.after, amount.project_id) == (None, "12345600", pid)
    assert amount.officer == "林专员" and amount.os_user == getpass.getuser()
    assert {e.field for e in ins} >= {"paid_on", "amount_fen", "kind", "doc_no", "project_id"}

    db.set_officer("王科长")
    with db.session() as s:
        d = s.scalars(select(Disbursement)).one()
        d.amount_fen = 12_000_000
        d.note = "更正"
    upd = entries(db, table_name="disbursement", action="update")
    assert [(e.field, e.before, e.after) for e in upd] == [
        ("amount_fen", "12345600", "12000000"),
        ("note", "", "更正"),
    ]
    assert {e.officer for e in upd} == {"王科长"}

    with db.session() as s:
        s.delete(s.scalars(select(Disbursement)).one())
    gone = {e.field: e for e in entries(db, table_name="disbursement", action="delete")}
    assert (gone["amount_fen"].before, gone["amount_fen"].after) == ("12000000", None)
    assert gone["doc_no"].before == "思科〔2026〕1号"
    db.dispose()


def test_key_domain_links_are_recorded(db) -> None:
    with db.session() as s:
        p = s.scalars(select(Project).where(Project.no == 2)).one()
        before = ",".join(sorted(d.code for d in p.domains))
        extra = s.scalars(select(Domain).where(Domain.code.not_in([d.code for d in p.domains])))
        added = extra.first()
        added_code = added.code
        p.domains.append(added)
    (e,) = entries(db, table_name="project", field="domains", action="update")
    assert e.action == "update" and e.before == before
    assert e.after == ",".join(sorted([*before.split(","), added_code] if before else [added_code]))


def test_deleting_a_project_records_every_row_it_takes_with_it(db) -> None:
    with db.session() as s:
        p = s.scalars(select(Project).where(Project.no == 3)).one()
        pid = p.id
        s.add(Disbursement(project_id=pid, paid_on=date(2026, 1, 5), amount_fen=100, kind="fixed"))
        s.add(Milestone(project_id=pid, code="M1", title="示例", planned_end=date(2026, 6, 30)))
        ind = Indicator(project_id=pid, year=2026, code="I1", name="专利", weight=100, target=5)
        ind.actuals.append(IndicatorActual(quarter=1, ytd_value=3))
        s.add(ind)
        plan = FundingPlan(  # a valid plan: the write door refuses one without amounts
            project_id=pid, first_year=2026, years=3, first_amount_fen=3_000_000, step_fen=100
        )
        plan.year_rows.append(FundingYear(year=2026, reward_cap_fen=10))
        s.add(plan)
    with db.session() as s:
        s.delete(s.get(Project, pid))
    deleted = {(e.table_name, e.field) for e in entries(db, action="delete")}
    for table in (
        "project",
        "disbursement",
        "milestone",
        "indicator",
        "indicator_actual",
        "funding_plan",
        "funding_year",
    ):
        assert (table, "id") not in deleted  # ids are the row key, not a field
        assert any(t == table for t, _ in deleted), table
    with db.reader() as s:
        assert s.scalars(select(Disbursement).where(Disbursement.project_id == pid)).all() == []


def test_every_domain_table_is_audited() -> None:
    """The hook has no list of tables to forget: only the trail itself is left out."""
    from desktop_app.db import audit

    source = Path(audit.__file__).read_text(encoding="utf-8")
    tables = {m.class_.__tablename__ for m in Base.registry.mappers}
    assert "audit_entry" in tables and len(tables) > 15
    # new, dirty, deleted, and the befores read ahead of a flush
    assert source.count("isinstance(obj, AuditEntry)") == 4


def test_notes_edit_in_the_project_form_records_its_before(db) -> None:
    """Regression (issue 20): `flag_modified(notes)` in the form's save left "before" empty."""
    from dataclasses import replace

    from desktop_app.services import project_list, projects

    for text in ("第一次备注", "第二次备注"):
        loaded = project_list.read_project(db, 1)
        projects.save_project(db, 1, replace(projects.edit_of(loaded), notes=text), loaded.version)
    notes = [
        (e.before, e.after)
        for e in entries(db, table_name="project", field="notes", action="update")
    ]
    assert notes == [("", "第一次备注"), ("第一次备注", "第二次备注")]
    # A key-domain-only edit moves the version (flag_modified) but records no notes change.
    loaded = project_list.read_project(db, 1)
    others = (1,) if tuple(d.id for d in loaded.domains) != (1,) else (2,)
    projects.save_project(
        db, 1, replace(projects.edit_of(loaded), domain_ids=others), loaded.version
    )
    assert len(entries(db, table_name="project", field="notes", action="update")) == 2


def test_an_inserted_row_is_recorded_with_its_new_key(tmp_path: Path) -> None:
    """History names a new row by its key: an insert's entries carry the id the row got."""
    db = open_database(tmp_path / "a.sqlite")
    with db.session() as s:
        p = s.scalars(select(Project).where(Project.no == 1)).one()
        d = Disbursement(project_id=p.id, paid_on=date(2026, 3, 2), amount_fen=100, kind="fixed")
        s.add(d)
        s.flush()
        new_id = d.id
    keys = {e.row_key for e in entries(db, table_name="disbursement", action="insert")}
    assert keys == {str(new_id)}


def test_rows_without_a_project_column_are_recorded_under_their_parents_project(
    tmp_path: Path,
) -> None:
    """A plan year, a tranche's plan or an indicator's actual belongs to the parent's
    project, so History's project column and filter find it (insert, update, delete)."""
    db = open_database(tmp_path / "a.sqlite")
    with db.session() as s:
        p = s.scalars(select(Project).where(Project.no == 2)).one()
        pid = p.id
        plan = FundingPlan(
            project_id=pid,
            taper_mode="linear",
            first_year=2025,
            years=2,
            first_amount_fen=100,
            step_fen=10,
        )
        plan.year_rows.extend(
            [FundingYear(year=2025, reward_cap_fen=0), FundingYear(year=2026, reward_cap_fen=0)]
        )
        ind = Indicator(project_id=pid, year=2026, code="K1", name="营收", weight=10, target=8)
        ind.actuals.append(IndicatorActual(quarter=1, ytd_value=5))
        s.add_all([plan, ind])
    with db.session() as s:
        year = s.scalars(select(FundingYear).where(FundingYear.year == 2026)).one()
        year.reward_cap_fen = 50
        actual = s.scalars(select(IndicatorActual)).one()
        s.delete(actual)
    for table in ("funding_year", "indicator_actual"):
        rows = entries(db, table_name=table)
        assert rows and {e.project_id for e in rows} == {pid}, table
        assert {e.action for e in rows} >= {"insert"}
