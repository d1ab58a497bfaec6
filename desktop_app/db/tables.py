"""The schema as SQLAlchemy Core sees it: every table's columns and types, no ORM.

Read paths that run where the ORM would cost more than the work itself (the window's first
paint, the quarterly brief) query these. `db/models.py` stays the schema's source (the
migrations, constraints and relationships); `tests/test_core_tables.py` checks that every
table and column here matches it, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy import column as _column
from sqlalchemy import table as _table
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import TypeEngine

from desktop_app.db.types import ScaledDecimal


def _t(name: str, *columns: tuple[str, TypeEngine[Any]]) -> TableClause:
    return _table(name, *(_column(c, ty) for c, ty in columns))


zone = _t(
    "zone",
    ("id", Integer()),
    ("code", String()),
    ("name_zh", String()),
    ("name_en", String()),
    ("role_zh", String()),
)

domain = _t(
    "domain",
    ("id", Integer()),
    ("code", String()),
    ("name_zh", String()),
    ("name_en", String()),
)

project_domain = _t(
    "project_domain",
    ("project_id", Integer()),
    ("domain_id", Integer()),
)

project = _t(
    "project",
    ("id", Integer()),
    ("no", Integer()),
    ("name_zh", String()),
    ("name_en", String()),
    ("summary_zh", Text()),
    ("zone_id", Integer()),
    ("status", String()),
    ("lead_org", String()),
    ("start_date", Date()),
    ("end_date", Date()),
    ("notes", Text()),
    ("is_sample", Boolean()),
    ("version", Integer()),
)

milestone = _t(
    "milestone",
    ("id", Integer()),
    ("project_id", Integer()),
    ("code", String()),
    ("title", String()),
    ("deliverable", Text()),
    ("owner", String()),
    ("planned_start", Date()),
    ("planned_end", Date()),
    ("baseline_start", Date()),
    ("baseline_end", Date()),
    ("actual_start", Date()),
    ("actual_end", Date()),
    ("percent_complete", Integer()),
    ("status", String()),
    ("cancel_reason", Text()),
    ("notes", Text()),
    ("sort_order", Integer()),
    ("is_sample", Boolean()),
    ("version", Integer()),
)

baseline = _t(
    "baseline",
    ("id", Integer()),
    ("project_id", Integer()),
    ("set_on", Date()),
    ("reason", Text()),
    ("created_at", DateTime()),
)

baseline_item = _t(
    "baseline_item",
    ("id", Integer()),
    ("baseline_id", Integer()),
    ("milestone_id", Integer()),
    ("planned_start", Date()),
    ("planned_end", Date()),
)

funding_plan = _t(
    "funding_plan",
    ("id", Integer()),
    ("project_id", Integer()),
    ("startup_grant_fen", BigInteger()),
    ("startup_year", Integer()),
    ("taper_mode", String()),
    ("first_year", Integer()),
    ("years", Integer()),
    ("first_amount_fen", BigInteger()),
    ("step_fen", BigInteger()),
    ("rate", ScaledDecimal(6)),
    ("floor_fen", BigInteger()),
    ("notes", Text()),
    ("is_sample", Boolean()),
    ("version", Integer()),
)

funding_year = _t(
    "funding_year",
    ("id", Integer()),
    ("plan_id", Integer()),
    ("year", Integer()),
    ("manual_fixed_fen", BigInteger()),
    ("reward_cap_fen", BigInteger()),
)

startup_tranche = _t(
    "startup_tranche",
    ("id", Integer()),
    ("plan_id", Integer()),
    ("seq", Integer()),
    ("year", Integer()),
    ("amount_fen", BigInteger()),
    ("milestone_id", Integer()),
    ("note", Text()),
)

disbursement = _t(
    "disbursement",
    ("id", Integer()),
    ("project_id", Integer()),
    ("paid_on", Date()),
    ("amount_fen", BigInteger()),
    ("kind", String()),
    ("for_year", Integer()),
    ("doc_no", String()),
    ("note", Text()),
    ("is_sample", Boolean()),
    ("version", Integer()),
)

indicator = _t(
    "indicator",
    ("id", Integer()),
    ("project_id", Integer()),
    ("year", Integer()),
    ("code", String()),
    ("name", String()),
    ("unit", String()),
    ("weight", ScaledDecimal(4)),
    ("target", ScaledDecimal(4)),
    ("direction", String()),
    ("allow_negative", Boolean()),
    ("sort_order", Integer()),
    ("is_sample", Boolean()),
    ("version", Integer()),
)

indicator_actual = _t(
    "indicator_actual",
    ("id", Integer()),
    ("indicator_id", Integer()),
    ("quarter", Integer()),
    ("ytd_value", ScaledDecimal(4)),
    ("note", Text()),
    ("version", Integer()),
)

evaluation = _t(
    "evaluation",
    ("id", Integer()),
    ("project_id", Integer()),
    ("year", Integer()),
    ("total", ScaledDecimal(1)),
    ("computed_grade", String()),
    ("grade", String()),
    ("override_reason", Text()),
    ("evaluated_on", Date()),
    ("notes", Text()),
    ("is_sample", Boolean()),
    ("version", Integer()),
)

evaluation_item = _t(
    "evaluation_item",
    ("id", Integer()),
    ("evaluation_id", Integer()),
    ("indicator_id", Integer()),
    ("actual", ScaledDecimal(4)),
    ("score", ScaledDecimal(4)),
)

plan_period = _t(
    "plan_period",
    ("id", Integer()),
    ("code", String()),
    ("name_zh", String()),
    ("start_year", Integer()),
    ("end_year", Integer()),
)

district_indicator = _t(
    "district_indicator",
    ("id", Integer()),
    ("no", Integer()),
    ("name_zh", String()),
    ("name_en", String()),
    ("unit", String()),
    ("kind", String()),
    ("version", Integer()),
)

district_target = _t(
    "district_target",
    ("id", Integer()),
    ("indicator_id", Integer()),
    ("period_id", Integer()),
    ("base_year", Integer()),
    ("base_value", ScaledDecimal(4)),
    ("target_value", ScaledDecimal(4)),
)

district_value = _t(
    "district_value",
    ("id", Integer()),
    ("indicator_id", Integer()),
    ("year", Integer()),
    ("value", ScaledDecimal(4)),
    ("is_sample", Boolean()),
    ("version", Integer()),
)

audit_entry = _t(
    "audit_entry",
    ("id", Integer()),
    ("at", DateTime()),
    ("os_user", String()),
    ("officer", String()),
    ("action", String()),
    ("table_name", String()),
    ("row_key", String()),
    ("project_id", Integer()),
    ("field", String()),
    ("before", Text()),
    ("after", Text()),
    ("reason", Text()),
)

setting = _t(
    "setting",
    ("key", String()),
    ("value", Text()),
)

quarter_close = _t(
    "quarter_close",
    ("id", Integer()),
    ("quarter", String()),
    ("as_of", Date()),
    ("closed_at", DateTime()),
    ("closed_by", String()),
    ("lang", String()),
    ("figures", Text()),
    ("pdf", LargeBinary()),
    ("sha256", String()),
    ("pdf_en", LargeBinary()),
    ("sha256_en", String()),
    ("reopened_at", DateTime()),
    ("reopened_by", String()),
    ("reopen_reason", Text()),
)

evidence_blob = _t(
    "evidence_blob",
    ("sha256", String()),
    ("size_bytes", BigInteger()),
    ("data", LargeBinary()),
    ("stored_at", DateTime()),
)

evidence_link = _t(
    "evidence_link",
    ("id", Integer()),
    ("project_id", Integer()),
    ("milestone_id", Integer()),
    ("disbursement_id", Integer()),
    ("evaluation_id", Integer()),
    ("sha256", String()),
    ("file_name", String()),
    ("note", Text()),
    ("added_at", DateTime()),
    ("added_by", String()),
    ("removed", Boolean()),
    ("version", Integer()),
)

quarterly_return = _t(
    "quarterly_return",
    ("id", Integer()),
    ("project_id", Integer()),
    ("quarter", String()),
    ("received_at", DateTime()),
    ("file_name", String()),
    ("file_sha256", String()),
    ("unit", String()),
    ("contact_name", String()),
    ("contact_phone", String()),
    ("narrative", Text()),
    ("reported", Text()),
    ("changes", Text()),
    ("officer", String()),
)

return_sent = _t(
    "return_sent",
    ("id", Integer()),
    ("token", String()),
    ("project_id", Integer()),
    ("quarter", String()),
    ("made_at", DateTime()),
    ("made_by", String()),
    ("file_name", String()),
    ("sent", Text()),
)

#: Every table, by name.
ALL: dict[str, TableClause] = {
    t.name: t
    for t in (
        zone,
        domain,
        project_domain,
        project,
        milestone,
        baseline,
        baseline_item,
        funding_plan,
        funding_year,
        startup_tranche,
        disbursement,
        indicator,
        indicator_actual,
        evaluation,
        evaluation_item,
        plan_period,
        district_indicator,
        district_target,
        district_value,
        audit_entry,
        setting,
        quarter_close,
        evidence_blob,
        evidence_link,
        quarterly_return,
        return_sent,
    )
}
