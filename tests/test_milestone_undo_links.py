"""Undo of a milestone delete puts back everything the delete took (issue 24): its baseline
rows, its evidence links (deleted with it by cascade) and the start-up tranches tied to it
(unlinked by the delete)."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.db.models import EvidenceLink, FundingPlan, Milestone, Project, StartupTranche
from desktop_app.services.evidence import EvidenceTarget, add_evidence_bytes
from desktop_app.services.milestones import delete_milestone, restore_milestone


def test_undo_of_a_delete_restores_evidence_and_tranche_links(demo_db):
    with demo_db.session() as s:
        tranche = s.scalars(select(StartupTranche).order_by(StartupTranche.id)).first()
        assert tranche is not None
        plan = s.get(FundingPlan, tranche.plan_id)
        assert plan is not None
        project = s.get(Project, plan.project_id)
        assert project is not None
        m = s.scalars(
            select(Milestone).where(Milestone.project_id == project.id).order_by(Milestone.id)
        ).first()
        assert m is not None
        tranche.milestone_id = m.id
        ids = (m.id, m.code, project.no, tranche.id)
    milestone_id, code, project_no, tranche_id = ids
    add_evidence_bytes(
        demo_db, project_no, EvidenceTarget("milestone", code), "验收报告.pdf", b"%PDF-1.4 x"
    )
    with demo_db.reader() as s:
        version = s.get(Milestone, milestone_id).version  # type: ignore[union-attr]

    deleted = delete_milestone(demo_db, milestone_id, version)
    with demo_db.reader() as s:
        assert s.get(StartupTranche, tranche_id).milestone_id is None  # type: ignore[union-attr]
    restored = restore_milestone(demo_db, deleted)

    with demo_db.reader() as s:
        links = s.scalars(
            select(EvidenceLink).where(EvidenceLink.milestone_id == restored.id)
        ).all()
        assert [link.file_name for link in links if not link.removed] == ["验收报告.pdf"]
        assert s.get(StartupTranche, tranche_id).milestone_id == restored.id  # type: ignore[union-attr]
