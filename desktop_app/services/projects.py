"""Listing, reading and saving projects."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.db.database import Database
from desktop_app.db.models import Domain, Project, Zone
from desktop_app.domain.projects import validate_project_fields
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.snapshots.project import ProjectDetail, ProjectEdit, ProjectRow, RefItem

register(
    {
        "Project {id} no longer exists.": "项目 {id} 已不存在。",
        "Someone else saved this project first; reload it and apply your change again.":
            "其他人已先保存了此项目;请重新载入后再修改。",
        "Unknown zone.": "未知片区。",
        "Unknown key domain.": "未知重点领域。",
    }
)


def _ref(row: Zone | Domain | None) -> RefItem | None:
    if row is None:
        return None
    return RefItem(id=row.id, code=row.code, name_zh=row.name_zh, name_en=row.name_en)


def _row_fields(p: Project) -> dict:
    return {
        "id": p.id,
        "no": p.no,
        "name_zh": p.name_zh,
        "name_en": p.name_en,
        "zone": _ref(p.zone),
        "domains": tuple(_ref(d) for d in p.domains),
        "status": p.status,
        "lead_org": p.lead_org,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "is_sample": p.is_sample,
        "version": p.version,
    }


def list_projects(db: Database) -> list[ProjectRow]:
    """Every project, by number, with zone and domains (two queries, any portfolio size)."""
    with db.reader() as s:
        query = (
            select(Project)
            .options(selectinload(Project.zone), selectinload(Project.domains))
            .order_by(Project.no)
        )
        return [ProjectRow(**_row_fields(p)) for p in s.scalars(query)]


def get_project(db: Database, project_id: int) -> ProjectDetail:
    with db.reader() as s:
        p = s.get(Project, project_id)
        if p is None:
            raise UserError(t("Project {id} no longer exists.", id=project_id))
        return ProjectDetail(**_row_fields(p), summary_zh=p.summary_zh, notes=p.notes)


def zones(db: Database) -> list[RefItem]:
    with db.reader() as s:
        return [_ref(z) for z in s.scalars(select(Zone).order_by(Zone.id))]  # type: ignore[misc]


def domains(db: Database) -> list[RefItem]:
    with db.reader() as s:
        return [_ref(d) for d in s.scalars(select(Domain).order_by(Domain.id))]  # type: ignore[misc]


def project_count(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count(Project.id))) or 0


def save_project(db: Database, project_id: int, edit: ProjectEdit, version: int) -> ProjectDetail:
    """Validate and save in one transaction; refuse if someone saved a newer version."""
    try:
        with db.session() as s:
            project = s.get(Project, project_id)
            if project is None:
                raise UserError(t("Project {id} no longer exists.", id=project_id))
            others = set(
                s.scalars(select(Project.name_zh).where(Project.id != project_id)).all()
            )
            errors = validate_project_fields(
                name_zh=edit.name_zh,
                status=edit.status,
                start_date=edit.start_date,
                end_date=edit.end_date,
                other_names=others,
            )
            zone = s.get(Zone, edit.zone_id) if edit.zone_id is not None else None
            if edit.zone_id is not None and zone is None:
                errors["zone_id"] = t("Unknown zone.")
            chosen = list(s.scalars(select(Domain).where(Domain.id.in_(edit.domain_ids))))
            if len(chosen) != len(set(edit.domain_ids)):
                errors["domain_ids"] = t("Unknown key domain.")
            if errors:
                raise ValidationError(errors)
            if project.version != version:
                raise StaleDataError()
            project.name_zh = edit.name_zh.strip()
            project.name_en = edit.name_en.strip()
            project.zone = zone
            project.domains = sorted(chosen, key=lambda d: d.id)
            project.status = edit.status
            project.lead_org = edit.lead_org.strip()
            project.start_date = edit.start_date
            project.end_date = edit.end_date
            project.summary_zh = edit.summary_zh
            project.notes = edit.notes
    except StaleDataError as exc:
        raise UserError(
            t("Someone else saved this project first; reload it and apply your change again.")
        ) from exc
    return get_project(db, project_id)
