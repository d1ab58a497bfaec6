"""The same rules the dialogs apply, run over the workbook merged with the database.

Row rules come from the domain (`validate_project_fields`, `validate_milestone`,
`payment_problems`, `closed_year_problem`, `actual_quarter_problem`,
`FundingPlanSpec.validate`, the scoring checks) and run in `check_changes` on every row
the import writes, as it will be written — never on a row it leaves alone, so an
untouched row is never refused. Set rules (unique keys, references to projects and
indicators, weights of a project-year summing to 100) look at the database as it would be
after the import, before the diff (`check_rules`) and again after it (`_sets_after`).

A new rule is added once, in the domain, and called from here and from the service the
dialog uses.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_app.domain.funding import (
    FundingPlanSpec,
    Tranche,
    default_for_year,
    payment_problems,
)
from desktop_app.domain.milestones import MilestoneEdit, validate_milestone
from desktop_app.domain.money import fen_to_wan
from desktop_app.domain.periods import today
from desktop_app.domain.projects import validate_project_fields
from desktop_app.domain.scoring import (
    GRADES,
    ScoringError,
    actual_quarter_problem,
    check_actual,
    check_grade,
    check_target,
    check_weight,
    check_weight_set,
    closed_year_problem,
)
from desktop_app.i18n import register, t
from desktop_app.io import extra_sheets
from desktop_app.io import sheets as S
from desktop_app.io.preview import show_value
from desktop_app.io.store import Change, Current, Key
from desktop_app.io.validate import ParsedSheet, Problem

register(
    {
        "the same key as row {other}": "与第 {other} 行的键相同",
        "no project {no}": "不存在项目 {no}",
        "no indicator {code} for project {no} in {year}": "项目 {no} 的 {year} 年无指标 {code}",
        "no district indicator {no}": "不存在区级指标 {no}",
        "project {no} has no funding plan": "项目 {no} 无经费计划",
        "year {year} is outside the plan ({lo}–{hi})": "年度 {year} 不在计划期({lo}–{hi})内",
        "Must be more than zero.": "须大于零。",
        "as it would be after the merge, with the database's newer {cells}": "合并后的行,含数据库中较新的 {cells}",  # noqa: E501
    }
)

HUNDRED = Decimal(100)


class Checker:
    """Collects problems; `where(sheet, i, field)` names the Excel place of a row's cell."""

    def __init__(
        self, parsed: Mapping[str, ParsedSheet], cur: Current, problems: list[Problem]
    ) -> None:
        self.parsed = parsed
        self.cur = cur
        self.problems = problems

    def add(self, ps: ParsedSheet, i: int, field: str, reason: str) -> None:
        header = ps.headers.get(field) or ps.sheet.column(field).zh
        self.problems.append(Problem(ps.title, ps.row_numbers[i], header, reason))

    def merged(self, name: str) -> dict[Key, dict[str, Any]]:
        """key → row after the import (database rows overlaid by the file's)."""
        out = {k: r.row for k, r in self.cur.tables[name].items()}
        ps = self.parsed.get(name)
        if ps is not None:
            for row in ps.rows:
                out[tuple(row[f] for f in ps.sheet.key)] = row
        return out


def _unique_keys(ck: Checker) -> None:
    for ps in ck.parsed.values():
        seen: dict[Key, int] = {}
        for i, row in enumerate(ps.rows):
            key = tuple(row[f] for f in ps.sheet.key)
            if None in key:
                continue
            if key in seen:
                ck.add(
                    ps,
                    i,
                    ps.sheet.key[-1],
                    t("the same key as row {other}", other=ps.row_numbers[seen[key]]),
                )
            else:
                seen[key] = i


def _projects(ck: Checker) -> set[int]:
    """Names unique across the portfolio after the import (a set rule); each written
    row's own rules run in `check_changes`, on the row as it will be."""
    ps = ck.parsed["projects"]
    merged = ck.merged("projects")
    names = Counter(r["name_zh"].strip() for r in merged.values())
    for i, row in enumerate(ps.rows):
        name = (row["name_zh"] or "").strip()
        if names[name] > 1:
            reason = project_problems(row, {name}).get("name_zh")
            if reason is not None:
                ck.add(ps, i, "name_zh", reason)
    return {k[0] for k in merged}


def _need_project(ck: Checker, name: str, projects: set[int]) -> None:
    ps = ck.parsed[name]
    for i, row in enumerate(ps.rows):
        no = row.get("project_no")
        if no is not None and no not in projects:
            ck.add(ps, i, "project_no", t("no project {no}", no=no))


def milestone_problems(row: Mapping[str, Any], day: date) -> dict[str, str]:
    """The milestone dialog's rules (domain `validate_milestone`) on a sheet row."""
    edit = MilestoneEdit(
        title=row["title"] or "",
        planned_end=row["planned_end"],
        planned_start=row["planned_start"],
        actual_start=row["actual_start"],
        actual_end=row["actual_end"],
        percent_complete=int(row["percent_complete"] or 0),
        status=row["status"] or "not_started",
        cancel_reason=row["cancel_reason"] or "",
        deliverable=row["deliverable"] or "",
        owner=row["owner"] or "",
        notes=row["notes"] or "",
    )
    return validate_milestone(edit, today=day)


def project_problems(row: Mapping[str, Any], other_names: set[str]) -> dict[str, str]:
    """The project form's rules (domain `validate_project_fields`) on a sheet row."""
    return validate_project_fields(
        name_zh=row["name_zh"] or "",
        status=row["status"] or "active",
        start_date=row["start_date"],
        end_date=row["end_date"],
        other_names=other_names,
    )


def evaluation_problems(row: Mapping[str, Any]) -> dict[str, str]:
    """The evaluation's own rule (domain `check_grade`, as closing the year); the
    total's range is a field limit (limits.DECIMAL_RANGES), refused when read."""
    grade = row["grade"] or ""
    if not grade:  # no grade yet: nothing to override
        return {}
    try:
        check_grade(grade, row["computed_grade"] or "", row["override_reason"] or "")
    except ScoringError as exc:
        return {"grade" if grade not in GRADES else "override_reason": str(exc)}
    return {}


def funding_spec(
    plan: Mapping[str, Any],
    years: Sequence[Mapping[str, Any]],
    tranches: Sequence[tuple[int, int]],
) -> FundingPlanSpec:
    """The domain plan of a funding-plan row, its year rows (by year) and stored tranches."""
    caps = tuple(fen_to_wan(r["reward_cap"] or 0) for r in years)
    return FundingPlanSpec(
        first_year=plan["first_year"],
        years=plan["years"],
        mode=plan["taper_mode"],
        first_amount=fen_to_wan(plan["first_amount"] or 0),
        step=fen_to_wan(plan["step"]) if plan["step"] is not None else None,
        rate=plan["rate"] / HUNDRED if plan["rate"] is not None else None,
        floor=fen_to_wan(plan["floor"] or 0),
        manual=tuple(fen_to_wan(r["manual_fixed"] or 0) for r in years)
        if plan["taper_mode"] == "manual"
        else None,
        reward_caps=caps if any(caps) else (),
        startup_grant=fen_to_wan(plan["startup_grant"] or 0),
        startup_year=plan["startup_year"],
        tranches=tuple(Tranche(y, fen_to_wan(f)) for y, f in tranches),
    )


_PLAN_FIELD = {"mode": "taper_mode", "tranches": "startup_grant"}


def _funding(ck: Checker) -> None:
    plans_ps, years_ps = ck.parsed["funding_plans"], ck.parsed["funding_years"]
    plans = ck.merged("funding_plans")
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for (no, _year), row in sorted(ck.merged("funding_years").items()):
        years[no].append(row)
    plan_row = {row["project_no"]: i for i, row in enumerate(plans_ps.rows)}
    year_row: dict[Key, int] = {}
    file_years: dict[Any, list[int]] = defaultdict(list)
    for i, row in enumerate(years_ps.rows):
        year_row.setdefault((row["project_no"],), i)
        file_years[row["project_no"]].append(i)
        if (row["project_no"],) not in plans:
            ck.add(
                years_ps,
                i,
                "project_no",
                t("project {no} has no funding plan", no=row["project_no"]),
            )
    touched = set(plan_row) | {k[0] for k in year_row if k in plans}
    tranches = extra_sheets.merged_tranches(ck)
    for no in sorted(touched, key=str):
        plan = plans[(no,)]
        if plan["first_year"] is None or plan["years"] is None or plan["taper_mode"] is None:
            continue
        lo, hi = plan["first_year"], plan["first_year"] + plan["years"] - 1
        rows = years[no]
        for i in file_years.get(no, ()):
            row = years_ps.rows[i]
            if row["year"] is not None and not lo <= row["year"] <= hi:
                ck.add(
                    years_ps,
                    i,
                    "year",
                    t(
                        "year {year} is outside the plan ({lo}–{hi})",
                        year=row["year"],
                        lo=lo,
                        hi=hi,
                    ),
                )
        spec = funding_spec(plan, rows, tranches.get(no, []))
        for field, reason in spec.validate().items():
            if field in ("manual", "reward_caps") and (no,) in year_row:
                ck.add(
                    years_ps,
                    year_row[(no,)],
                    "manual_fixed" if field == "manual" else "reward_cap",
                    reason,
                )
            elif no in plan_row:
                ck.add(plans_ps, plan_row[no], _PLAN_FIELD.get(field, field), reason)
            elif (no,) in year_row:
                ck.add(years_ps, year_row[(no,)], "year", reason)


def _disbursements(ck: Checker) -> None:
    """A blank plan year takes the rule's; the payment rules run on the rows written
    (`check_changes`), against the plan as it will be."""
    ps = ck.parsed["disbursements"]
    for row in ps.rows:
        if row.get("for_year") is None and row["paid_on"] is not None and row["kind"]:
            row["for_year"] = default_for_year(row["kind"], row["paid_on"].year)


def _indicators(ck: Checker) -> dict[Key, dict[str, Any]]:
    ps = ck.parsed["indicators"]
    merged = ck.merged("indicators")
    for i, row in enumerate(ps.rows):
        try:
            if row["weight"] is not None:
                check_weight(row["weight"])
        except ScoringError as exc:
            ck.add(ps, i, "weight", str(exc))
        try:
            if row["direction"] is not None:
                check_target(row["target"], row["direction"])
        except ScoringError as exc:
            ck.add(ps, i, "target", str(exc))
    sets: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for (no, year, _code), row in merged.items():
        if row["weight"] is not None:
            sets[(no, year)].append(row["weight"])
    first: dict[tuple[int, int], int] = {}
    for i, row in enumerate(ps.rows):
        first.setdefault((row["project_no"], row["year"]), i)
    names = {k[0]: r.row["name_zh"] for k, r in ck.cur.tables["projects"].items()}
    names.update({r["no"]: r["name_zh"] for r in ck.parsed["projects"].rows})
    for (no, year), i in first.items():
        if (no, year) not in sets:
            continue
        try:
            check_weight_set(sets[(no, year)], project=names.get(no, str(no)), year=year)
        except ScoringError as exc:
            ck.add(ps, i, "weight", str(exc))
    return merged


def _actuals(ck: Checker, indicators: dict[Key, dict[str, Any]]) -> None:
    ps = ck.parsed["actuals"]
    for i, row in enumerate(ps.rows):
        key = (row["project_no"], row["year"], row["code"])
        ind = indicators.get(key)
        if ind is None:
            if None not in key:
                ck.add(
                    ps,
                    i,
                    "code",
                    t(
                        "no indicator {code} for project {no} in {year}",
                        code=key[2],
                        no=key[0],
                        year=key[1],
                    ),
                )
            continue
        if row["ytd_value"] is None or ind["weight"] is None or ind["direction"] is None:
            continue
        try:
            check_actual(
                row["ytd_value"],
                weight=ind["weight"],
                direction=ind["direction"],
                allow_negative=bool(ind["allow_negative"]),
            )
        except ScoringError as exc:
            ck.add(ps, i, "ytd_value", str(exc))


def _district(ck: Checker) -> None:
    ps = ck.parsed["district_values"]
    known = {k[0] for k in ck.merged("district_indicators")}
    for i, row in enumerate(ps.rows):
        if row["indicator_no"] is not None and row["indicator_no"] not in known:
            ck.add(ps, i, "indicator_no", t("no district indicator {no}", no=row["indicator_no"]))


def check_rules(parsed: Mapping[str, ParsedSheet], cur: Current, problems: list[Problem]) -> None:
    """Append every rule the merged workbook and database would break."""
    ck = Checker(parsed, cur, problems)
    _unique_keys(ck)
    projects = _projects(ck)
    for name in (
        "milestones",
        "funding_plans",
        "funding_years",
        "disbursements",
        "indicators",
        "actuals",
        "evaluations",
    ):
        _need_project(ck, name, projects)
    _funding(ck)
    _disbursements(ck)
    _actuals(ck, _indicators(ck))
    _district(ck)
    extra_sheets.check(ck, projects, cur.refs)


# ---------------------------------------------------------------- rows as written


def _after(
    name: str, cur: Current, plan: Sequence[tuple[S.Sheet, list[Change]]]
) -> dict[Key, dict[str, Any]]:
    """A table as the import leaves it: the database's rows with every written row over them."""
    out = {k: r.row for k, r in cur.tables[name].items()}
    for sheet, changes in plan:
        if sheet.name == name:
            for c in changes:
                out[cur.key_of(sheet, c.row)] = c.row
    return out


class _Written:
    """The rules a written row must keep that look beyond the row: its plan, closed years."""

    def __init__(
        self,
        plan: Sequence[tuple[S.Sheet, list[Change]]],
        parsed: Mapping[str, ParsedSheet],
        cur: Current,
    ) -> None:
        self.plans = _after("funding_plans", cur, plan)
        self.years: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for (no, _year), row in sorted(_after("funding_years", cur, plan).items()):
            self.years[no].append(row)
        self.tranches = extra_sheets.merged_tranches(Checker(parsed, cur, []))
        #: project no → the years closed by an evaluation before this import.
        self.closed: dict[int, set[int]] = defaultdict(set)
        for no, year in cur.tables["evaluations"]:
            self.closed[no].add(year)
        self.specs: dict[int, FundingPlanSpec | None] = {}
        self.day = today()

    def spec(self, no: int) -> FundingPlanSpec | None:
        if no not in self.specs:
            plan = self.plans.get((no,))
            ok = plan is not None and None not in (
                plan["first_year"],
                plan["years"],
                plan["taper_mode"],
            )
            self.specs[no] = (
                funding_spec(plan, self.years[no], self.tranches.get(no, []))
                if plan is not None and ok
                else None
            )
        return self.specs[no]

    def problems(self, name: str, c: Change) -> dict[str, str]:
        row = c.row
        if name == "projects":
            return project_problems(row, set())
        if name == "milestones":
            return milestone_problems(row, self.day)
        if name == "evaluations":
            return evaluation_problems(row)
        if name == "disbursements":
            paid_on, kind, for_year = row["paid_on"], row["kind"], row.get("for_year")
            ruled = default_for_year(kind, paid_on.year) if paid_on and kind else None
            return payment_problems(
                self.spec(row["project_no"]),
                paid_year=paid_on.year if paid_on is not None else None,
                kind=kind,
                for_year=for_year,
                for_year_typed=for_year != ruled,
                amount_fen=row["amount"],
            )
        if name in ("actuals", "indicators"):
            reason = closed_year_problem(row["year"], self.closed.get(row["project_no"], set()))
            if reason is not None:
                blamed = "ytd_value" if name == "actuals" else "year"
                field = c.fields[0] if c.fields else blamed
                return {field: reason}
            if name == "actuals" and (c.record is None or "ytd_value" in c.fields):
                reason = actual_quarter_problem(row["year"], row["quarter"], self.day)
                if reason is not None:
                    return {"quarter": reason}
        return {}


def _merged_note(ps: ParsedSheet, c: Change, lang: str) -> str:
    """The database's cells a written row keeps where the workbook differs: the refusal
    names them, since the officer's sheet does not show them."""
    if c.record is None or c.row_number not in ps.row_numbers:
        return ""
    mine = ps.rows[ps.row_numbers.index(c.row_number)]
    kept = [
        col
        for col in ps.sheet.import_columns
        if col.field not in c.fields
        and col.field in mine
        and mine[col.field] != c.row.get(col.field)
        and not (mine[col.field] in (None, "") and c.row.get(col.field) in (None, ""))
    ]
    if not kept:
        return ""
    cells = "; ".join(
        f"{ps.headers.get(col.field) or col.header(lang)} "
        + show_value(col, c.row.get(col.field), lang)
        for col in kept
    )
    return t("as it would be after the merge, with the database's newer {cells}", cells=cells)


def check_changes(
    plan: Sequence[tuple[S.Sheet, list[Change]]],
    parsed: Mapping[str, ParsedSheet],
    cur: Current,
    problems: list[Problem],
    lang: str,
) -> None:
    """Row rules on every row as the import would write it — the workbook's changed cells
    over the database's row now (three-way) — not only on the workbook's row: two sides
    each valid (an actual start moved in the window, an actual end in a stale workbook)
    may together make a row that ends before it starts. Also the rules that need the
    row's neighbours: a payment inside its plan's years (domain `payment_problems`, as
    the payment dialog), no indicator or actual changed in a year its evaluation closed
    (domain `closed_year_problem`, as `services.performance`)."""
    written = _Written(plan, parsed, cur)
    for sheet, changes in plan:
        ps = parsed.get(sheet.name)
        if ps is None:
            continue
        for c in changes:
            errors = written.problems(sheet.name, c)
            if not errors:
                continue
            note = _merged_note(ps, c, lang)
            for field, reason in errors.items():
                col = next((x for x in sheet.columns if x.field == field), None)
                header = ps.headers.get(field) or (col.header(lang) if col else field)
                text = f"{reason} ({note})" if note else reason
                problems.append(Problem(c.sheet_title, c.row_number, header, text))
    _sets_after(plan, parsed, cur, written, problems, lang)


def _sets_after(
    plan: Sequence[tuple[S.Sheet, list[Change]]],
    parsed: Mapping[str, ParsedSheet],
    cur: Current,
    written: _Written,
    problems: list[Problem],
    lang: str,
) -> None:
    """The rules over several rows, on the tables as the import leaves them: a conflict
    resolved cell by cell can leave a project-year's weights off 100, or a plan whose
    workbook step no longer fits the years changed in the window."""
    first: dict[str, dict[Any, Change]] = defaultdict(dict)
    for sheet, changes in plan:
        for c in changes:
            if sheet.name == "indicators":
                first["indicators"].setdefault((c.row["project_no"], c.row["year"]), c)
            elif sheet.name in ("funding_plans", "funding_years"):
                first["plans"].setdefault(c.row["project_no"], c)

    def add(c: Change, sheet: str, field: str, reason: str) -> None:
        ps = parsed[sheet]
        header = ps.headers.get(field) or ps.sheet.column(field).header(lang)
        problems.append(Problem(c.sheet_title, c.row_number, header, reason))

    if first["indicators"]:
        weights: dict[Any, list[Decimal]] = defaultdict(list)
        for (no, year, _code), row in _after("indicators", cur, plan).items():
            if (no, year) in first["indicators"] and row["weight"] is not None:
                weights[(no, year)].append(row["weight"])
        names = {k[0]: r["name_zh"] for k, r in _after("projects", cur, plan).items()}
        for (no, year), c in first["indicators"].items():
            try:
                check_weight_set(weights[(no, year)], project=names.get(no, str(no)), year=year)
            except ScoringError as exc:
                add(c, "indicators", "weight", str(exc))
    for no, c in first["plans"].items():
        spec = written.spec(no)
        if spec is None:
            continue
        for field, reason in spec.validate().items():
            name = "funding_plans" if "first_year" in c.row else "funding_years"
            target = _PLAN_FIELD.get(field, field)
            if target not in parsed[name].sheet.import_columns_by_field:
                target = "year" if name == "funding_years" else "taper_mode"
            add(c, name, target, reason)
