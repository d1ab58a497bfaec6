"""The portfolio's tables, as SQLAlchemy 2 typed declarative models.

Money is integer fen (`*_fen`); other exact quantities use `ScaledDecimal`. Every table
a user edits carries a `version` counter (optimistic concurrency) and an `is_sample`
flag so demo rows are never mistaken for real ones. Stable keys (project `no`,
milestone `code`, indicator `code`) are what imports match on.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop_app.db.types import ScaledDecimal

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Zone(Base):
    __tablename__ = "zone"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    role_zh: Mapped[str] = mapped_column(String(200), default="")


class Domain(Base):
    __tablename__ = "domain"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")


project_domain = Table(
    "project_domain",
    Base.metadata,
    Column("project_id", ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
    Column("domain_id", ForeignKey("domain.id", ondelete="RESTRICT"), primary_key=True),
)

PROJECT_STATUSES = ("planned", "active", "completed", "suspended")


class Project(Base):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("no > 0", name="no_positive"),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="dates_ordered",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    no: Mapped[int] = mapped_column(Integer, unique=True)
    name_zh: Mapped[str] = mapped_column(String(200), unique=True)
    name_en: Mapped[str] = mapped_column(String(300), default="")
    summary_zh: Mapped[str] = mapped_column(Text, default="")
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zone.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    lead_org: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    zone: Mapped[Zone | None] = relationship()
    domains: Mapped[list[Domain]] = relationship(secondary=project_domain, order_by=Domain.id)
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Milestone.sort_order"
    )
    __mapper_args__ = {"version_id_col": version}


MILESTONE_STATUSES = ("not_started", "in_progress", "done", "cancelled")


class Milestone(Base):
    __tablename__ = "milestone"
    __table_args__ = (
        UniqueConstraint("project_id", "code"),
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    deliverable: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(100), default="")
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_end: Mapped[date] = mapped_column(Date)
    baseline_start: Mapped[date | None] = mapped_column(Date)
    baseline_end: Mapped[date | None] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    actual_end: Mapped[date | None] = mapped_column(Date)
    percent_complete: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    project: Mapped[Project] = relationship(back_populates="milestones")
    __mapper_args__ = {"version_id_col": version}


class Baseline(Base):
    """A frozen copy of a project's planned dates; re-baselining adds another."""

    __tablename__ = "baseline"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    set_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    items: Mapped[list[BaselineItem]] = relationship(cascade="all, delete-orphan")


class BaselineItem(Base):
    __tablename__ = "baseline_item"
    __table_args__ = (UniqueConstraint("baseline_id", "milestone_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_id: Mapped[int] = mapped_column(ForeignKey("baseline.id", ondelete="CASCADE"))
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"))
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_end: Mapped[date] = mapped_column(Date)


TAPER_MODES = ("linear", "geometric", "manual")


class FundingPlan(Base):
    """One per project: start-up grant, then fixed support tapering off, plus reward caps."""

    __tablename__ = "funding_plan"
    __table_args__ = (
        CheckConstraint("years BETWEEN 1 AND 15", name="years_range"),
        CheckConstraint("startup_grant_fen >= 0", name="startup_nonneg"),
        CheckConstraint("first_amount_fen >= 0", name="first_nonneg"),
        CheckConstraint("floor_fen >= 0", name="floor_nonneg"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), unique=True
    )
    startup_grant_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    startup_year: Mapped[int | None] = mapped_column(Integer)
    taper_mode: Mapped[str] = mapped_column(String(16), default="linear")
    first_year: Mapped[int] = mapped_column(Integer)
    years: Mapped[int] = mapped_column(Integer)
    first_amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    step_fen: Mapped[int | None] = mapped_column(BigInteger)
    rate: Mapped[Decimal | None] = mapped_column(ScaledDecimal(6))
    floor_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    year_rows: Mapped[list[FundingYear]] = relationship(
        cascade="all, delete-orphan", order_by="FundingYear.year"
    )
    tranches: Mapped[list[StartupTranche]] = relationship(
        cascade="all, delete-orphan", order_by="StartupTranche.seq"
    )
    __mapper_args__ = {"version_id_col": version}


class FundingYear(Base):
    """Per plan year: the reward cap, and the fixed amount when the mode is manual."""

    __tablename__ = "funding_year"
    __table_args__ = (UniqueConstraint("plan_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("funding_plan.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    manual_fixed_fen: Mapped[int | None] = mapped_column(BigInteger)
    reward_cap_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class StartupTranche(Base):
    """Part of the start-up grant, optionally released when a milestone is met."""

    __tablename__ = "startup_tranche"
    __table_args__ = (UniqueConstraint("plan_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("funding_plan.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestone.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")


DISBURSEMENT_KINDS = ("startup", "fixed", "reward")


def _default_for_year(context: Any) -> int:
    """A row written without `for_year` (an old import path, a test) gets the rule's year:
    a reward settles the year before it was paid, anything else its own year."""
    params = context.get_current_parameters()
    paid_on: date = params["paid_on"]
    return paid_on.year - 1 if params.get("kind") == "reward" else paid_on.year


class Disbursement(Base):
    __tablename__ = "disbursement"
    __table_args__ = (CheckConstraint("amount_fen > 0", name="amount_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    paid_on: Mapped[date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    for_year: Mapped[int] = mapped_column(Integer, default=_default_for_year)
    """The plan year this payment settles (计划年度口径); see `domain.funding.default_for_year`."""
    doc_no: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


INDICATOR_DIRECTIONS = ("higher", "lower", "qualitative")


class Indicator(Base):
    """A project-year performance indicator; weights of a project-year sum to 100."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("project_id", "year", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(32), default="")
    weight: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    target: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4))
    direction: Mapped[str] = mapped_column(String(16), default="higher")
    allow_negative: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    actuals: Mapped[list[IndicatorActual]] = relationship(
        cascade="all, delete-orphan", order_by="IndicatorActual.quarter"
    )
    __mapper_args__ = {"version_id_col": version}


class IndicatorActual(Base):
    """The year-to-date figure reported at the end of a quarter (or an officer's score)."""

    __tablename__ = "indicator_actual"
    __table_args__ = (
        UniqueConstraint("indicator_id", "quarter"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    quarter: Mapped[int] = mapped_column(Integer)
    ytd_value: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


GRADES = ("A", "B", "C", "D")


class Evaluation(Base):
    """The closed year: total score and grade (an override needs a written reason)."""

    __tablename__ = "evaluation"
    __table_args__ = (UniqueConstraint("project_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    total: Mapped[Decimal] = mapped_column(ScaledDecimal(1))
    computed_grade: Mapped[str] = mapped_column(String(1))
    grade: Mapped[str] = mapped_column(String(1))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    evaluated_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    items: Mapped[list[EvaluationItem]] = relationship(cascade="all, delete-orphan")
    __mapper_args__ = {"version_id_col": version}


class EvaluationItem(Base):
    __tablename__ = "evaluation_item"
    __table_args__ = (UniqueConstraint("evaluation_id", "indicator_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    actual: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4))
    score: Mapped[Decimal] = mapped_column(ScaledDecimal(4))


class PlanPeriodRow(Base):
    __tablename__ = "plan_period"
    __table_args__ = (CheckConstraint("end_year >= start_year", name="years_ordered"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200), default="")
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)


class DistrictIndicator(Base):
    __tablename__ = "district_indicator"
    id: Mapped[int] = mapped_column(primary_key=True)
    no: Mapped[int] = mapped_column(Integer, unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(32), default="")
    kind: Mapped[str] = mapped_column(String(64), default="level")
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class DistrictTarget(Base):
    __tablename__ = "district_target"
    __table_args__ = (UniqueConstraint("indicator_id", "period_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("district_indicator.id", ondelete="CASCADE")
    )
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_period.id", ondelete="CASCADE"))
    base_year: Mapped[int | None] = mapped_column(Integer)
    base_value: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4))
    target_value: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4))


class DistrictValue(Base):
    __tablename__ = "district_value"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("district_indicator.id", ondelete="CASCADE")
    )
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class AuditEntry(Base):
    """One changed field of one row: who, when, before and after (written by db.audit)."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    os_user: Mapped[str] = mapped_column(String(100), default="")
    officer: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(8))
    table_name: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[str] = mapped_column(String(100))
    project_id: Mapped[int | None] = mapped_column(Integer, index=True)
    field: Mapped[str] = mapped_column(String(64), default="")
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """Portfolio-wide settings (JSON text), e.g. the `policy` thresholds."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class QuarterClose(Base):
    """A closed quarter (季度关账): its figures and brief frozen, with who closed it and when.

    A reopened close keeps its row (with the reason) so the record of what was signed stays;
    a quarter is closed while it has a row with `reopened_at` empty.
    """

    __tablename__ = "quarter_close"
    id: Mapped[int] = mapped_column(primary_key=True)
    quarter: Mapped[str] = mapped_column(String(8), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_by: Mapped[str] = mapped_column(String(100))
    lang: Mapped[str] = mapped_column(String(8))
    figures: Mapped[str] = mapped_column(Text)
    """JSON of every figure the quarter's brief shows (see services.quarter_brief)."""
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    pdf_en: Mapped[bytes | None] = mapped_column(LargeBinary)
    """The English brief archived at the same close (none for closes before 0007)."""
    sha256_en: Mapped[str | None] = mapped_column(String(64))
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime)
    reopened_by: Mapped[str] = mapped_column(String(100), default="")
    reopen_reason: Mapped[str] = mapped_column(Text, default="")


EVIDENCE_LIMIT_BYTES = 50 * 1024 * 1024


class EvidenceBlob(Base):
    """A file's bytes, stored once per SHA-256 however many records it backs.

    In the database itself (bytea on PostgreSQL) so backup, restore, copy and the writer
    lock cover evidence with no second store to drift. Written with core inserts, so the
    audit trail records the link (name, size, hash), never the bytes.
    """

    __tablename__ = "evidence_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    stored_at: Mapped[datetime] = mapped_column(DateTime)


class EvidenceLink(Base):
    """One file on record for exactly one milestone, disbursement or evaluation.

    Removing sets `removed` (audited) rather than deleting, so a removal can be undone.
    """

    __tablename__ = "evidence_link"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN milestone_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN disbursement_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN evaluation_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestone.id", ondelete="CASCADE"), index=True
    )
    disbursement_id: Mapped[int | None] = mapped_column(
        ForeignKey("disbursement.id", ondelete="CASCADE"), index=True
    )
    evaluation_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(
        ForeignKey("evidence_blob.sha256", ondelete="RESTRICT"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(100), default="")
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class QuarterlyReturn(Base):
    """One quarterly return received from a project's lead organisation (returns collect).

    Kept as a log, never edited: a second return for the same quarter adds a row, and the
    latest one is what the status table shows. `reported` holds the values the unit sent
    (JSON) so the next return can say what differs; `changes` what the database took.
    """

    __tablename__ = "quarterly_return"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    quarter: Mapped[str] = mapped_column(String(8), index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    file_name: Mapped[str] = mapped_column(String(260), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(100), default="")
    narrative: Mapped[str] = mapped_column(Text, default="")
    reported: Mapped[str] = mapped_column(Text, default="{}")
    changes: Mapped[str] = mapped_column(Text, default="[]")
    officer: Mapped[str] = mapped_column(String(100), default="")


class ReturnSent(Base):
    """What one workbook carried when `returns make` wrote it (the base of a three-way collect).

    The workbook holds `token`; collect finds this row by it, so a cell the unit left as sent
    keeps the database's value and a cell both sides changed is a conflict.
    """

    __tablename__ = "return_sent"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(36), unique=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    quarter: Mapped[str] = mapped_column(String(8), index=True)
    made_at: Mapped[datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(100), default="")
    file_name: Mapped[str] = mapped_column(String(260), default="")
    sent: Mapped[str] = mapped_column(Text, default="{}")
    """JSON of every value the workbook carried, keyed as collect reads them."""
