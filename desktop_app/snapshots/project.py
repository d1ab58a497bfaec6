"""What the portfolio table and the project form show about a project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RefItem:
    """A zone or a key domain, as a choice in a list."""

    id: int
    code: str
    name_zh: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


@dataclass(frozen=True)
class ProjectRow:
    id: int
    no: int
    name_zh: str
    name_en: str
    zone: RefItem | None
    domains: tuple[RefItem, ...]
    status: str
    lead_org: str
    start_date: date | None
    end_date: date | None
    is_sample: bool
    version: int

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


@dataclass(frozen=True)
class ProjectDetail(ProjectRow):
    summary_zh: str
    notes: str


@dataclass(frozen=True)
class ProjectEdit:
    """The editable fields as the form holds them (already parsed, not yet validated)."""

    name_zh: str
    name_en: str
    zone_id: int | None
    domain_ids: tuple[int, ...]
    status: str
    lead_org: str
    start_date: date | None
    end_date: date | None
    summary_zh: str
    notes: str
