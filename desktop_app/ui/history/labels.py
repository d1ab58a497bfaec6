"""History in the officer's words: table and field names as labels, money in 万元, codes
as their display names — never `amount_fen`, `disbursement` or `is_sample` on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def table_label(name: str) -> str:
    names = {
        "project": QCoreApplication.translate("HistoryLabels", "Project"),
        "project_domain": QCoreApplication.translate("HistoryLabels", "Project domains"),
        "milestone": QCoreApplication.translate("HistoryLabels", "Milestone"),
        "baseline": QCoreApplication.translate("HistoryLabels", "Baseline"),
        "baseline_item": QCoreApplication.translate("HistoryLabels", "Baseline milestone"),
        "disbursement": QCoreApplication.translate("HistoryLabels", "Payment"),
        "funding_plan": QCoreApplication.translate("HistoryLabels", "Funding plan"),
        "funding_year": QCoreApplication.translate("HistoryLabels", "Funding plan year"),
        "startup_tranche": QCoreApplication.translate("HistoryLabels", "Start-up tranche"),
        "indicator": QCoreApplication.translate("HistoryLabels", "Indicator"),
        "indicator_actual": QCoreApplication.translate("HistoryLabels", "Indicator actual"),
        "evaluation": QCoreApplication.translate("HistoryLabels", "Evaluation"),
        "evaluation_item": QCoreApplication.translate("HistoryLabels", "Evaluation score"),
        "district_indicator": QCoreApplication.translate("HistoryLabels", "District indicator"),
        "district_target": QCoreApplication.translate("HistoryLabels", "District target"),
        "district_value": QCoreApplication.translate("HistoryLabels", "District value"),
        "domain": QCoreApplication.translate("HistoryLabels", "Key domain"),
        "zone": QCoreApplication.translate("HistoryLabels", "Zone"),
        "plan_period": QCoreApplication.translate("HistoryLabels", "Plan period"),
        "setting": QCoreApplication.translate("HistoryLabels", "Setting"),
        "evidence_link": QCoreApplication.translate("HistoryLabels", "Evidence file"),
        "evidence_blob": QCoreApplication.translate("HistoryLabels", "Evidence file content"),
        "quarter_close": QCoreApplication.translate("HistoryLabels", "Quarter close"),
        "quarterly_return": QCoreApplication.translate("HistoryLabels", "Quarterly return"),
    }
    return names.get(name, QCoreApplication.translate("HistoryLabels", "Other record"))


def field_label(name: str) -> str:
    names = {
        "no": QCoreApplication.translate("HistoryLabels", "No."),
        "code": QCoreApplication.translate("HistoryLabels", "Code"),
        "name": QCoreApplication.translate("HistoryLabels", "Name"),
        "name_zh": QCoreApplication.translate("HistoryLabels", "Chinese name"),
        "name_en": QCoreApplication.translate("HistoryLabels", "English name"),
        "summary_zh": QCoreApplication.translate("HistoryLabels", "Summary"),
        "zone_id": QCoreApplication.translate("HistoryLabels", "Zone"),
        "domain_id": QCoreApplication.translate("HistoryLabels", "Key domain"),
        "status": QCoreApplication.translate("HistoryLabels", "Status"),
        "lead_org": QCoreApplication.translate("HistoryLabels", "Lead organisation"),
        "start_date": QCoreApplication.translate("HistoryLabels", "Start date"),
        "end_date": QCoreApplication.translate("HistoryLabels", "End date"),
        "notes": QCoreApplication.translate("HistoryLabels", "Notes"),
        "note": QCoreApplication.translate("HistoryLabels", "Note"),
        "is_sample": QCoreApplication.translate("HistoryLabels", "Sample data"),
        "version": QCoreApplication.translate("HistoryLabels", "Revision"),
        "project_id": QCoreApplication.translate("HistoryLabels", "Project"),
        "title": QCoreApplication.translate("HistoryLabels", "Milestone name"),
        "deliverable": QCoreApplication.translate("HistoryLabels", "Deliverable"),
        "owner": QCoreApplication.translate("HistoryLabels", "Owner"),
        "planned_start": QCoreApplication.translate("HistoryLabels", "Planned start"),
        "planned_end": QCoreApplication.translate("HistoryLabels", "Planned finish"),
        "baseline_start": QCoreApplication.translate("HistoryLabels", "Baseline start"),
        "baseline_end": QCoreApplication.translate("HistoryLabels", "Baseline finish"),
        "actual_start": QCoreApplication.translate("HistoryLabels", "Actual start"),
        "actual_end": QCoreApplication.translate("HistoryLabels", "Actual finish"),
        "percent_complete": QCoreApplication.translate("HistoryLabels", "Complete %"),
        "cancel_reason": QCoreApplication.translate("HistoryLabels", "Reason for cancelling"),
        "sort_order": QCoreApplication.translate("HistoryLabels", "Position"),
        "set_on": QCoreApplication.translate("HistoryLabels", "Set on"),
        "reason": QCoreApplication.translate("HistoryLabels", "Reason"),
        "created_at": QCoreApplication.translate("HistoryLabels", "Recorded at"),
        "baseline_id": QCoreApplication.translate("HistoryLabels", "Baseline"),
        "milestone_id": QCoreApplication.translate("HistoryLabels", "Milestone"),
        "paid_on": QCoreApplication.translate("HistoryLabels", "Paid on"),
        "amount_fen": QCoreApplication.translate("HistoryLabels", "Amount (10k yuan)"),
        "kind": QCoreApplication.translate("HistoryLabels", "Kind"),
        "doc_no": QCoreApplication.translate("HistoryLabels", "Document no."),
        "year": QCoreApplication.translate("HistoryLabels", "Year"),
        "total": QCoreApplication.translate("HistoryLabels", "Total score"),
        "computed_grade": QCoreApplication.translate("HistoryLabels", "Computed grade"),
        "grade": QCoreApplication.translate("HistoryLabels", "Grade"),
        "override_reason": QCoreApplication.translate("HistoryLabels", "Reason for the grade"),
        "evaluated_on": QCoreApplication.translate("HistoryLabels", "Evaluated on"),
        "startup_grant_fen": QCoreApplication.translate(
            "HistoryLabels", "Start-up grant (10k yuan)"
        ),
        "startup_year": QCoreApplication.translate("HistoryLabels", "Start-up year"),
        "taper_mode": QCoreApplication.translate("HistoryLabels", "Taper mode"),
        "first_year": QCoreApplication.translate("HistoryLabels", "First year of fixed support"),
        "years": QCoreApplication.translate("HistoryLabels", "Years of fixed support"),
        "first_amount_fen": QCoreApplication.translate(
            "HistoryLabels", "First-year amount (10k yuan)"
        ),
        "step_fen": QCoreApplication.translate("HistoryLabels", "Yearly step (10k yuan)"),
        "rate": QCoreApplication.translate("HistoryLabels", "Yearly rate"),
        "floor_fen": QCoreApplication.translate("HistoryLabels", "Floor (10k yuan)"),
        "plan_id": QCoreApplication.translate("HistoryLabels", "Funding plan"),
        "manual_fixed_fen": QCoreApplication.translate(
            "HistoryLabels", "Fixed support of the year (10k yuan)"
        ),
        "reward_cap_fen": QCoreApplication.translate("HistoryLabels", "Reward cap (10k yuan)"),
        "seq": QCoreApplication.translate("HistoryLabels", "Tranche"),
        "unit": QCoreApplication.translate("HistoryLabels", "Unit"),
        "weight": QCoreApplication.translate("HistoryLabels", "Weight"),
        "target": QCoreApplication.translate("HistoryLabels", "Target"),
        "direction": QCoreApplication.translate("HistoryLabels", "Direction"),
        "allow_negative": QCoreApplication.translate("HistoryLabels", "Negative values allowed"),
        "indicator_id": QCoreApplication.translate("HistoryLabels", "Indicator"),
        "quarter": QCoreApplication.translate("HistoryLabels", "Quarter"),
        "ytd_value": QCoreApplication.translate("HistoryLabels", "Year-to-date value"),
        "evaluation_id": QCoreApplication.translate("HistoryLabels", "Evaluation"),
        "actual": QCoreApplication.translate("HistoryLabels", "Actual"),
        "score": QCoreApplication.translate("HistoryLabels", "Score"),
        "period_id": QCoreApplication.translate("HistoryLabels", "Plan period"),
        "base_year": QCoreApplication.translate("HistoryLabels", "Base year"),
        "base_value": QCoreApplication.translate("HistoryLabels", "Base value"),
        "target_value": QCoreApplication.translate("HistoryLabels", "Target value"),
        "value": QCoreApplication.translate("HistoryLabels", "Value"),
        "role_zh": QCoreApplication.translate("HistoryLabels", "Role"),
        "start_year": QCoreApplication.translate("HistoryLabels", "First year"),
        "end_year": QCoreApplication.translate("HistoryLabels", "Last year"),
        "key": QCoreApplication.translate("HistoryLabels", "Setting"),
        "for_year": QCoreApplication.translate("HistoryLabels", "Plan year (plan-year basis)"),
        "domains": QCoreApplication.translate("HistoryLabels", "Key domains"),
        "disbursement_id": QCoreApplication.translate("HistoryLabels", "Payment"),
        "sha256": QCoreApplication.translate("HistoryLabels", "File SHA-256"),
        "file_name": QCoreApplication.translate("HistoryLabels", "File name"),
        "added_at": QCoreApplication.translate("HistoryLabels", "Added at"),
        "added_by": QCoreApplication.translate("HistoryLabels", "Added by"),
        "removed": QCoreApplication.translate("HistoryLabels", "Removed"),
        "size_bytes": QCoreApplication.translate("HistoryLabels", "File size (bytes)"),
        "data": QCoreApplication.translate("HistoryLabels", "File content"),
        "stored_at": QCoreApplication.translate("HistoryLabels", "Stored at"),
        "as_of": QCoreApplication.translate("HistoryLabels", "Figures as of"),
        "closed_at": QCoreApplication.translate("HistoryLabels", "Closed at"),
        "closed_by": QCoreApplication.translate("HistoryLabels", "Closed by"),
        "lang": QCoreApplication.translate("HistoryLabels", "Language"),
        "figures": QCoreApplication.translate("HistoryLabels", "Frozen figures"),
        "pdf": QCoreApplication.translate("HistoryLabels", "Signed brief (PDF)"),
        "reopened_at": QCoreApplication.translate("HistoryLabels", "Reopened at"),
        "reopened_by": QCoreApplication.translate("HistoryLabels", "Reopened by"),
        "reopen_reason": QCoreApplication.translate("HistoryLabels", "Reason for reopening"),
        "received_at": QCoreApplication.translate("HistoryLabels", "Received at"),
        "file_sha256": QCoreApplication.translate("HistoryLabels", "File SHA-256"),
        "contact_name": QCoreApplication.translate("HistoryLabels", "Contact"),
        "contact_phone": QCoreApplication.translate("HistoryLabels", "Contact phone"),
        "narrative": QCoreApplication.translate("HistoryLabels", "Progress narrative"),
        "reported": QCoreApplication.translate("HistoryLabels", "Values reported"),
        "changes": QCoreApplication.translate("HistoryLabels", "Changes taken"),
        "officer": QCoreApplication.translate("HistoryLabels", "Officer"),
        # the workbook import records some rows by their sheet key
        "project_no": QCoreApplication.translate("HistoryLabels", "Project"),
        "domain_code": QCoreApplication.translate("HistoryLabels", "Key domain"),
        "indicator_no": QCoreApplication.translate("HistoryLabels", "District indicator"),
        "period_code": QCoreApplication.translate("HistoryLabels", "Plan period"),
        "indicator_code": QCoreApplication.translate("HistoryLabels", "Indicator"),
        "milestone_code": QCoreApplication.translate("HistoryLabels", "Milestone"),
        "amount": QCoreApplication.translate("HistoryLabels", "Amount (10k yuan)"),
    }
    return names.get(name, QCoreApplication.translate("HistoryLabels", "Other field"))


def value_text(field: str, value: str | None) -> str:
    """A stored value as the officer reads it (money in 万元, codes by name, yes/no)."""
    if value is None or value == "":
        return ""
    if field.endswith("_fen") or field == "amount":  # `amount`: a tranche, imported
        from desktop_app.domain.money import format_wan

        try:
            return format_wan(int(value))
        except ValueError:
            return value
    if field in ("is_sample", "allow_negative", "removed"):
        return (
            QCoreApplication.translate("HistoryLabels", "yes")
            if value in ("1", "True", "true")
            else QCoreApplication.translate("HistoryLabels", "no")
        )
    if field == "kind":
        from desktop_app.ui.funding.formatting import kind_label

        return kind_label(value)
    if field == "taper_mode":
        from desktop_app.ui.funding.formatting import mode_label

        return mode_label(value)
    if field == "direction":
        from desktop_app.ui.performance.formatting import direction_label

        return direction_label(value)
    if field in ("grade", "computed_grade"):
        from desktop_app.ui.performance.formatting import grade_label

        return grade_label(value)
    if field == "status":
        from desktop_app.ui.labels import project_status_label
        from desktop_app.ui.project.milestones_model import status_label

        shown = status_label(value)
        return shown if shown != value else project_status_label(value)
    return value
