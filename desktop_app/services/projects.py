"""Listing, reading and saving projects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop_app.db.database import Database
from desktop_app.db.models import Domain, Project, Zone
from desktop_app.domain.projects import validate_project_fields
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.conflicts import check_version, stale_guard
from desktop_app.services.project_list import read_project
from desktop_app.snapshots.project import ProjectDetail, ProjectEdit, RefItem

register(
    {
        "Project {id} no longer exists.": "项目 {id} 已不存在。",
        "project “{name}”": "项目“{name}”",
        "Unknown zone.": "未知片区。",
        "Unknown key domain.": "未知重点领域。",
    }
)


def _ref(row: Zone | Domain | None) -> RefItem | None:
    if row is None:
        return None
    return RefItem(id=row.id, code=row.code, name_zh=row.name_zh, name_en=row.name_en)


#: ProjectEdit field → the key `ConflictError.fields` uses for it (names, not ids).
CONFLICT_KEYS = {"zone_id": "zone", "domain_ids": "domains"}


def edit_of(d: ProjectDetail) -> ProjectEdit:
    """The detail as the form's edit (what a form loaded, or the fresh values to rebase on)."""
    return ProjectEdit(
        name_zh=d.name_zh,
        name_en=d.name_en,
        zone_id=d.zone.id if d.zone else None,
        domain_ids=tuple(x.id for x in d.domains),
        status=d.status,
        lead_org=d.lead_org,
        start_date=d.start_date,
        end_date=d.end_date,
        summary_zh=d.summary_zh,
        notes=d.notes,
    )


def _theirs(p: Project) -> dict[str, Any]:
    """The editable fields as the conflict dialog shows them (names, not ids)."""
    return {
        "name_zh": p.name_zh,
        "name_en": p.name_en,
        "zone": p.zone.name_zh if p.zone else None,
        "domains": "、".join(d.name_zh for d in sorted(p.domains, key=lambda d: d.id)),
        "status": p.status,
        "lead_org": p.lead_org,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "summary_zh": p.summary_zh,
        "notes": p.notes,
    }


def _yours(edit: ProjectEdit, zone: Zone | None, chosen: list[Domain]) -> dict[str, Any]:
    return {
        "name_zh": edit.name_zh.strip(),
        "name_en": edit.name_en.strip(),
        "zone": zone.name_zh if zone else None,
        "domains": "、".join(d.name_zh for d in sorted(chosen, key=lambda d: d.id)),
        "status": edit.status,
        "lead_org": edit.lead_org.strip(),
        "start_date": edit.start_date,
        "end_date": edit.end_date,
        "summary_zh": edit.summary_zh,
        "notes": edit.notes,
    }


def save_project(db: Database, project_id: int, edit: ProjectEdit, version: int) -> ProjectDetail:
    """Validate and save in one transaction.

    `version` is the one the form loaded; if someone saved the project since, nothing is
    written and `ConflictError` carries their values and yours (call again with
    `exc.current_version` to re-apply).
    """
    yours: dict[str, Any] = {}
    what = t("project “{name}”", name=edit.name_zh.strip())

    def read_theirs(s: Session) -> tuple[dict[str, Any], int] | None:
        p = s.get(Project, project_id)
        return (_theirs(p), p.version) if p is not None else None

    with stale_guard(db, read_theirs, yours, what=what), db.session() as s:
        project = s.get(Project, project_id)
        if project is None:
            raise UserError(t("Project {id} no longer exists.", id=project_id))
        zone = s.get(Zone, edit.zone_id) if edit.zone_id is not None else None
        chosen = list(s.scalars(select(Domain).where(Domain.id.in_(edit.domain_ids))))
        yours.update(_yours(edit, zone, chosen))
        theirs = _theirs(project)
        check_version(project.version, version, theirs, yours, what=what)
        others = set(s.scalars(select(Project.name_zh).where(Project.id != project_id)).all())
        errors = validate_project_fields(
            name_zh=edit.name_zh,
            status=edit.status,
            start_date=edit.start_date,
            end_date=edit.end_date,
            other_names=others,
            texts={
                "name_en": edit.name_en.strip(),
                "lead_org": edit.lead_org.strip(),
                "summary_zh": edit.summary_zh,
                "notes": edit.notes,
            },
        )
        if edit.zone_id is not None and zone is None:
            errors["zone_id"] = t("Unknown zone.")
        if len(chosen) != len(set(edit.domain_ids)):
            errors["domain_ids"] = t("Unknown key domain.")
        if errors:
            raise ValidationError(errors)
        if theirs != yours:
            project.name_zh = yours["name_zh"]
            project.name_en = yours["name_en"]
            project.zone = zone
            project.domains = sorted(chosen, key=lambda d: d.id)
            project.status = edit.status
            project.lead_org = yours["lead_org"]
            project.start_date = edit.start_date
            project.end_date = edit.end_date
            project.summary_zh = edit.summary_zh
            project.notes = edit.notes
            flag_modified(project, "notes")  # a domains-only edit must still move the version
    return read_project(db, project_id)
