"""The History page names what an id points at (milestone, zone, payment...) and labels
every audited field in plain words, in Chinese and English, never `12 → 15` or `zone_id`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.db.models import (
    Base,
    Disbursement,
    FundingPlan,
    Milestone,
    Project,
    StartupTranche,
    Zone,
)
from desktop_app.i18n import using_language
from desktop_app.services.evidence import EvidenceTarget, add_evidence_bytes
from desktop_app.services.history import read_history
from desktop_app.snapshots.safety import HistoryFilter
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.labels import field_label, table_label
from desktop_app.ui.history.model import (
    COL_AFTER,
    COL_BEFORE,
    COL_FIELD,
    COL_TABLE,
    HistoryModel,
)
from desktop_app.ui.history.page import HistoryPage
from desktop_app.ui.translation import install_translators

UNKNOWN = "no such field"


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    install_translators(qapp, request.param)
    yield request.param
    install_translators(qapp, "en")  # later tests see the source strings again


def _tranche_with_two_milestones(db) -> tuple[int, Milestone, Milestone]:
    """A start-up tranche (paid when a milestone is met) of a project with milestones."""
    with db.session() as s:
        tr = s.scalars(select(StartupTranche).order_by(StartupTranche.id)).first()
        assert tr is not None
        pid = s.get(FundingPlan, tr.plan_id).project_id
        ms = s.scalars(
            select(Milestone).where(Milestone.project_id == pid).order_by(Milestone.sort_order)
        ).all()
        first, second = ms[0], ms[1]
        tr.milestone_id = first.id
        s.flush()
        tr.milestone_id = second.id
        s.expunge(first)
        s.expunge(second)
        return pid, first, second


def _page(db, lang: str, qtbot, *, project_id: int | None, field: str) -> HistoryPage:
    page = HistoryPage(AppContext(db=db, lang=lang))
    qtbot.addWidget(page)
    page.refresh()
    page.project.setCurrentIndex(page.project.findData(project_id))
    page.field.setCurrentIndex(page.field.findData(field))
    page.load()
    return page


def _cells(page: HistoryPage, col: int) -> list[str]:
    return [page.model.data(page.model.index(r, col)) for r in range(page.model.rowCount())]


def test_a_tranche_milestone_change_shows_codes_and_titles(demo_db, qtbot, lang) -> None:
    _pid, first, second = _tranche_with_two_milestones(demo_db)
    # the trail keeps no project on a tranche (it hangs off the plan): filter by field only
    page = _page(demo_db, lang, qtbot, project_id=None, field="milestone_id")
    befores, afters = _cells(page, COL_BEFORE), _cells(page, COL_AFTER)
    assert afters[0] == f"{second.code} {second.title}", afters[0]
    assert befores[0] == f"{first.code} {first.title}" == afters[1]
    assert _cells(page, COL_FIELD)[0] == ("里程碑" if lang == "zh" else "Milestone")
    tranche = "启动经费分期" if lang == "zh" else "Start-up tranche"
    assert _cells(page, COL_TABLE)[0].startswith(tranche)
    assert _cells(page, COL_TABLE)[0] != tranche  # which tranche, not only the kind
    page.resize(1366, 697)
    page.grab().save(f"/tmp/h5-history-milestone-{lang}.png")


def test_a_project_zone_change_shows_the_zone_name(demo_db, qtbot, lang) -> None:
    with demo_db.session() as s:
        p = s.scalars(select(Project).where(Project.zone_id.is_not(None))).first()
        old = s.get(Zone, p.zone_id)
        new = s.scalars(select(Zone).where(Zone.id != old.id)).first()
        p.zone_id = new.id
        pid, old_names, new_names = p.id, (old.name_zh, old.name_en), (new.name_zh, new.name_en)
    page = _page(demo_db, lang, qtbot, project_id=pid, field="zone_id")
    pick = 0 if lang == "zh" else 1
    assert _cells(page, COL_BEFORE)[0] == old_names[pick]
    assert _cells(page, COL_AFTER)[0] == new_names[pick]
    assert _cells(page, COL_FIELD)[0] == ("片区" if lang == "zh" else "Zone")


def test_a_deleted_target_says_so(demo_db, qtbot, lang) -> None:
    _pid, first, second = _tranche_with_two_milestones(demo_db)
    with demo_db.session() as s:
        s.delete(s.get(Milestone, second.id))  # the tranche's milestone goes (set null)
    page = _page(demo_db, lang, qtbot, project_id=None, field="milestone_id")
    # words only, never a database id: a deleted row is named from its own delete
    gone = "{}(已删除)" if lang == "zh" else "{} (deleted)"
    assert _cells(page, COL_BEFORE)[0] == f"{first.code} {first.title}"
    assert _cells(page, COL_AFTER)[0] == gone.format(f"{second.code} {second.title}")

    with demo_db.session() as s:
        pid = s.scalar(select(Project.id).where(Project.no == 1))
        pay = Disbursement(
            project_id=pid, paid_on=date(2026, 3, 15), amount_fen=123_450_000, kind="fixed"
        )
        s.add(pay)
        s.flush()
        pay_id = pay.id
    add_evidence_bytes(demo_db, 1, EvidenceTarget("disbursement", pay_id), "凭证.pdf", b"%PDF")
    flt = HistoryFilter(project_id=pid, field="disbursement_id")
    paid = (
        "拨付 2026-03-15,123.45 万元" if lang == "zh" else "payment 2026-03-15, 123.45 (10k yuan)"
    )
    with using_language(lang):
        assert read_history(demo_db, flt)[0].after == paid
    with demo_db.session() as s:
        s.delete(s.get(Disbursement, pay_id))  # its evidence link goes with it
    with using_language(lang):
        assert read_history(demo_db, flt)[0].after == gone.format(paid)
        rows = read_history(demo_db, HistoryFilter(field="title"))
    deleted = next(r for r in rows if r.table_name == "milestone" and r.action == "delete")
    assert deleted.record == gone.format(f"{second.code} {second.title}")  # a row that is gone
    assert not any(str(pay_id) in (r.after or "") or "编号" in (r.after or "") for r in rows)


def _audited_fields() -> set[str]:
    """Every field name the trail can hold: each column of each audited table, the
    many-to-many links, and the sheet keys the workbook import records rows by."""
    from desktop_app.io import sheets as S
    from desktop_app.io.extra_sheets import TABLES

    fields = {
        c.name
        for t in Base.metadata.sorted_tables
        if t.name != "audit_entry"
        for c in t.columns
        if c.name not in ("id", "version")
    }
    fields.add("domains")
    for name in dir(S):
        sheet = getattr(S, name)
        if isinstance(sheet, S.Sheet) and sheet.name in TABLES:
            fields |= {c.field for c in sheet.import_columns}
    return fields


def test_every_audited_field_and_table_has_a_plain_name(lang) -> None:
    other = field_label(UNKNOWN)
    unnamed = sorted(f for f in _audited_fields() if field_label(f) == other)
    assert not unnamed
    tables = {t.name for t in Base.metadata.sorted_tables} - {"audit_entry", "project_domain"}
    assert not sorted(t for t in tables if table_label(t) == table_label("no such table"))


def test_no_id_or_fen_reaches_the_page_for_any_change(demo_db, qtbot, lang) -> None:
    """Changes across the demo database, then every row the page can show."""
    _tranche_with_two_milestones(demo_db)
    with demo_db.session() as s:
        p = s.scalars(select(Project).where(Project.no == 2)).one()
        p.zone_id = s.scalars(select(Zone).where(Zone.id != p.zone_id)).first().id
        pay = s.scalars(select(Disbursement).where(Disbursement.project_id == p.id)).first()
        pay.amount_fen += 100
        pay_id = pay.id
        s.delete(s.scalars(select(Milestone).where(Milestone.project_id == p.id)).first())
    add_evidence_bytes(demo_db, 2, EvidenceTarget("disbursement", pay_id), "付款凭证.pdf", b"%PDF")
    with using_language(lang):
        rows = read_history(demo_db, HistoryFilter(limit=10**6))
    assert {"startup_tranche", "evidence_link", "project", "disbursement"} <= {
        r.table_name for r in rows
    }
    model = HistoryModel()
    model.set_rows(rows)
    other = field_label(UNKNOWN)
    for i, r in enumerate(rows):
        field = model.data(model.index(i, COL_FIELD))
        assert field != other and not field.endswith(("_id", "_fen")), (r.table_name, r.field)
        if r.field.endswith("_id") or r.field == "project_no":
            for col in (COL_BEFORE, COL_AFTER):
                shown = model.data(model.index(i, col))
                assert not shown.isdigit(), (r.table_name, r.field, shown)
    page = HistoryPage(AppContext(db=demo_db, lang=lang))
    qtbot.addWidget(page)
    page.resize(1366, 697)
    page.refresh()
    page.grab().save(f"/tmp/h5-history-{lang}.png")
