"""The brief's flowables, section by section: cover, summary, portfolio, projects, appendix.

Pure layout over a `BriefData`: every value is already computed; this module decides
only wording, order and geometry. Text from the database goes through `styles.text`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop_app.domain.policy import grade_word
from desktop_app.i18n import register, t
from desktop_app.reports.charts import funding_chart, timeline_chart
from desktop_app.reports.money import ROUNDING, funding_summary, rounding_differs, wan
from desktop_app.reports.styles import FRAME_W, HEALTH_COLOURS, RULE_RED, Styles, text
from desktop_app.reports.tables import cell, grid_table, key_value_table
from desktop_app.reports.units import unit_label
from desktop_app.reports.warnings import name_cell, warnings_table
from desktop_app.snapshots.brief import BriefData, DueItem, ProjectSection

register(
    {
        "Evidence on record": "佐证材料",
        "Backs": "对应事项",
        "File": "文件",
        "Added": "登记日期",
        "Key Support Projects — Quarterly Brief": "重点支撑项目季度简报",
        "Siming District Key Support Projects": "思明区重点支撑项目",
        "Quarterly Brief": "季度简报",
        "Q{q} {year}": "{year}年第{qzh}季度",
        "As of": "截至日期",
        "Generated": "生成时间",
        "Database": "数据来源",
        "Schema version": "数据库版本",
        "Projects": "项目数量",
        "1. Overview": "一、总体情况",
        "2. Portfolio": "二、项目一览",
        "3. Projects": "三、项目详情",
        "Appendix": "附录",
        "Project health": "项目健康状况",
        "Red": "红",
        "Amber": "黄",
        "Green": "绿",
        "{n} projects: {red} red, {amber} amber, {green} green.": (
            "共 {n} 个项目:红色 {red} 个,黄色 {amber} 个,绿色 {green} 个。"
        ),
        " {none} with no data yet (grey, not counted as green).": (
            "另有 {none} 个尚无数据(灰色,不计为绿色)。"
        ),
        "Funding {year} (10k yuan)": "{year} 年经费(万元)",
        "Planned": "年度计划",
        "Disbursed to date": "已拨付",
        "Disbursed share": "拨付进度",
        "Reward earned": "已获绩效奖励",
        "Performance-based share": "绩效奖励占比",
        "Scores": "绩效得分",
        "Average projected score {avg}; lowest {low} ({name}).": (
            "平均预计得分 {avg};最低 {low}({name})。"
        ),
        "No projected scores yet.": "尚无预计得分。",
        "Red and amber projects": "红色与黄色项目",
        "Reasons": "原因",
        "Total": "合计",
        "Paid / planned\n{year}": "{year} 年\n已拨付/计划",
        "Latest\ngrade": "最近\n评级",
        "Warning": "提示",
        "Amounts in 10k yuan, plan-year basis: paid by {as_of} against the {year} plan (the "
        "same figure as each project page). Grades are the latest closed evaluation; its "
        "year is in brackets.": "金额单位:万元,计划年度口径:截至 {as_of} 已拨付 {year} 年计划的金额"
        "(与各项目页一致)。评级为最近一次已完成的年度绩效评价,括号内为评价年度。",
        "Plan-year basis: “Disbursed” is what was paid by {as_of} for each plan year (a reward "
        "under its evaluation year, an advance under the year it is for).": "计划年度口径:"
        "“已拨付”为截至 {as_of} 计入各计划年度的拨付(奖励计入评价年度,预拨计入所属年度)。",
        "No red or amber projects.": "无红色或黄色项目。",
        "No.": "序号",
        "Project": "项目",
        "Health status": "健康状况",
        "Reason": "原因",
        "Zone": "片区",
        "Health": "状态",
        "Main reason": "主要原因",
        "Next milestone": "下一里程碑",
        "% done": "完成",
        "YTD disbursed / plan": "年内拨付/计划",
        "Grade": "评级",
        "Key domains": "重点领域",
        "Lead organisation": "承担单位",
        "Period": "起止时间",
        "Status": "项目状态",
        "Summary": "项目简介",
        "Milestones {year}": "{year} 年里程碑",
        "No milestones in {year}.": "{year} 年无里程碑。",
        "Funding plan and disbursements (10k yuan)": "经费计划与拨付(万元)",
        "No funding plan recorded.": "未录入经费计划。",
        "Year": "年度",
        "Plan total": "计划合计",
        "Indicators {year}": "{year} 年绩效指标",
        "No indicators for {year}.": "{year} 年未设绩效指标。",
        "Indicator": "指标",
        "Unit": "单位",
        "Weight": "权重",
        "Target": "目标",
        "Year to date": "年内累计",
        "Score": "预计得分",
        "Projected total {score} (grade {grade})": "预计总分 {score}(预计等级 {grade})",
        "Latest grade": "最近评级",
        "Paid to date (cash basis, 10k yuan)": "累计拨付(现金口径,万元)",
        "as of {d}": "截至 {d}",
        "Risks and notes": "风险与备注",
        "No risks.": "无风险提示。",
        "Notes": "备注",
        "A. Milestones due in {q}": "附表一 {q} 到期里程碑",
        "B. Overdue milestones": "附表二 逾期里程碑",
        "C. District indicators against targets ({period})": "附表三 区级指标与规划目标({period})",
        "None.": "无。",
        "Milestone": "里程碑",
        "Due": "到期日",
        "Days overdue": "逾期天数",
        "Base": "基期值",
        "Current": "当前值",
        "Progress": "进度",
        "Met": "已达标",
        "On track": "进度正常",
        "Behind": "进度滞后",
        "No data": "暂无数据",
        "Missed": "未达标",
        "Achieved": "已完成",
        "Partly achieved": "部分完成",
        "Not achieved": "未完成",
        "Planned (not started)": "计划中",
        "Active": "实施中",
        "Completed": "已完成",
        "Suspended": "已暂停",
    }
)

_QZH = {1: "一", 2: "二", 3: "三", 4: "四"}
_STATUS = {
    "planned": "Planned (not started)",
    "active": "Active",
    "completed": "Completed",
    "suspended": "Suspended",
}
HEALTH_NAMES = {"red": "Red", "amber": "Amber", "green": "Green", "none": "No data"}


def strip_levels(counts: dict[str, int]) -> tuple[str, ...]:
    """Red, amber, green, and grey "no data" when any project has nothing recorded yet."""
    return ("red", "amber", "green") + (("none",) if counts.get("none") else ())


def health_sentence(counts: dict[str, int]) -> str:
    """ "13 projects: 5 red, 4 amber, 4 green" (+ ", 2 with no data yet" when any)."""
    line = t(
        "{n} projects: {red} red, {amber} amber, {green} green.",
        n=sum(counts.values()),
        red=counts.get("red", 0),
        amber=counts.get("amber", 0),
        green=counts.get("green", 0),
    )
    if counts.get("none"):
        line += t(" {none} with no data yet (grey, not counted as green).", none=counts["none"])
    return line


def quarter_label(quarter: str) -> str:
    year, q = int(quarter[:4]), int(quarter[-1])
    return t("Q{q} {year}", q=q, year=year, qzh=_QZH[q])


def _d(day: date | None) -> str:
    return day.isoformat() if day else "—"


def _num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}".rstrip("0")


def column(values: list[Decimal | None], places: int | None = None) -> list[str]:
    """One precision for a whole column (the most places any value needs, at most 2 unless
    given), with thousands separators: 25 beside 28.84 prints as 25.00."""
    if places is None:
        need = [
            max(0, -v.normalize().as_tuple().exponent)  # type: ignore[operator]
            for v in values
            if v is not None and v.is_finite()
        ]
        places = min(max(need, default=0), 2)
    q = Decimal(1).scaleb(-places)
    return [
        "—" if v is None else f"{v.quantize(q, rounding=ROUND_HALF_UP):,.{places}f}" for v in values
    ]


def _one(value: Decimal | None) -> str:
    """A total score: always one decimal (84.0, never 84)."""
    return "—" if value is None else f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


def _score(value: Decimal | None) -> str:
    """Indicator scores to two places (the total is to one, as the rules say)."""
    if value is None:
        return "—"
    return _num(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _pct(part: int, whole: int | None) -> str:
    if not whole:
        return "—"
    return f"{Decimal(part * 100) / Decimal(whole):.1f}%"


def _health_cell(styles: Styles, level: str) -> Any:
    colour = HEALTH_COLOURS.get(level, "#555555")
    return cell(
        f'<font color="{colour}">●</font> {text(t(HEALTH_NAMES.get(level, level)))}',
        styles.cell,
        markup=True,
    )


def _rule(colour: str = RULE_RED, width: float = 1.2) -> Any:
    from reportlab.platypus import HRFlowable

    return HRFlowable(width="100%", thickness=width, color=colour, spaceBefore=4, spaceAfter=8)


def cover(data: BriefData, st: Styles) -> list[Any]:
    from desktop_app.reports.cover import cover as make_cover

    return make_cover(data, st, quarter_label(data.cover.quarter))


def _health_strip(st: Styles, counts: dict[str, int]) -> Any:
    """Three coloured boxes: the level's name over its count."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    levels = strip_levels(counts)
    label = ParagraphStyle("strip", parent=st.cell_center, textColor="#FFFFFF", fontSize=9)
    big = ParagraphStyle("strip_n", parent=label, fontSize=18, leading=22)
    row = [
        [Paragraph(text(t(HEALTH_NAMES[lv])), label), Paragraph(str(counts.get(lv, 0)), big)]
        for lv in levels
    ]
    n = len(levels)
    table = Table([row], colWidths=[FRAME_W / n] * n, rowHeights=[44])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.font),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEAFTER", (0, 0), (n - 2, 0), 3, "#FFFFFF"),
            ]
            + [("BACKGROUND", (i, 0), (i, 0), HEALTH_COLOURS[lv]) for i, lv in enumerate(levels)]
        )
    )
    return table


def summary(data: BriefData, st: Styles) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = data.summary
    counts = dict(s.health_counts)
    out: list[Any] = [Paragraph(text(t("1. Overview")), st.h1), _rule("#1F3A5F", 0.6)]
    if data.differences:  # --live of a closed quarter: what moved since the archive
        out.append(Paragraph(text(data.banner), st.h3))
        out += [Paragraph(text(f"· {line}"), st.body) for line in data.differences]
    out.append(Paragraph(text(t("Project health")), st.h3))
    out.append(
        Paragraph(
            text(health_sentence(counts)),
            st.body,
        )
    )
    out.append(_health_strip(st, counts))
    out += funding_summary(s, data.cover.as_of.isoformat(), st)
    out.append(Paragraph(text(t("Scores")), st.h3))
    if s.average_score is None:
        out.append(Paragraph(text(t("No projected scores yet.")), st.body))
    else:
        out.append(
            Paragraph(
                text(
                    t(
                        "Average projected score {avg}; lowest {low} ({name}).",
                        avg=_one(s.average_score),
                        low=_one(s.lowest_score),
                        name=s.lowest_project,
                    )
                ),
                st.body,
            )
        )
    out.append(Paragraph(text(t("Red and amber projects")), st.h3))
    if not s.top_risks:
        out.append(Paragraph(text(t("No red or amber projects.")), st.body))
    else:
        rows = [
            [
                str(r.project_no),
                name_cell(r.project_name, 126, st),
                _health_cell(st, r.level),
                "\n".join(f"· {x}" for x in r.reasons or (r.reason,)),
            ]
            for r in s.top_risks
        ]
        out.append(
            grid_table(
                st,
                [t("No."), t("Project"), t("Health status"), t("Reasons")],
                rows,
                [24, 126, 40, FRAME_W - 190],
                align="c",
            )
        )
    out += warnings_table(s.warnings, st)
    return out


def portfolio(data: BriefData, st: Styles) -> list[Any]:
    """One line per project; names and dates never break inside a word (see `name_cell`)."""
    from reportlab.platypus import Paragraph

    widths = [24, 118, 56, 46, 112, 32, 72, 33]
    rows = []
    for r in data.portfolio:
        nxt = f"{r.next_milestone}\n{_d(r.next_due)}" if r.next_milestone else "—"
        pct = "—" if r.percent_complete is None else f"{r.percent_complete}%"
        ytd = f"{wan(r.ytd_disbursed_fen)}\n/ {wan(r.ytd_planned_fen)}"
        grade = grade_word(r.latest_grade, r.grade_year) if r.latest_grade else "—"
        rows.append(
            [
                str(r.no),
                name_cell(r.name, widths[1], st),
                name_cell(r.zone or "—", widths[2], st),
                _health_cell(st, r.health),
                nxt,
                pct,
                ytd,
                grade,
            ]
        )
    paid = sum(r.ytd_disbursed_fen for r in data.portfolio)
    planned = sum(r.ytd_planned_fen or 0 for r in data.portfolio)
    rows.append(["", t("Total"), "", "", "", "", f"{wan(paid)}\n/ {wan(planned)}", ""])
    header = [
        t("No."),
        t("Project"),
        t("Zone"),
        t("Health"),
        t("Next milestone"),
        t("% done"),
        t("Paid / planned\n{year}", year=data.year),
        t("Latest\ngrade"),
    ]
    n = len(rows)
    out = [
        Paragraph(text(t("2. Portfolio")), st.h1),
        _rule("#1F3A5F", 0.6),
        grid_table(
            st,
            header,
            rows,
            widths,
            align="cllllcrc",
            extra=[("LINEABOVE", (0, n), (-1, n), 0.8, "#1F3A5F")],
        ),
        Paragraph(
            text(
                t(
                    "Amounts in 10k yuan, plan-year basis: paid by {as_of} against the {year} "
                    "plan (the same figure as each project page). Grades are the latest "
                    "closed evaluation; its year is in brackets.",
                    as_of=data.cover.as_of.isoformat(),
                    year=data.year,
                )
            ),
            st.small,
        ),
    ]
    parts = [r.ytd_disbursed_fen for r in data.portfolio]
    plans = [r.ytd_planned_fen or 0 for r in data.portfolio]
    if rounding_differs(parts, paid) or rounding_differs(plans, planned):
        out.append(Paragraph(text(t(ROUNDING)), st.small))
    return out


def _funding_table(p: ProjectSection, st: Styles) -> Any:
    years = [str(r.year) for r in p.funding]
    label_w = 78.0
    w = (FRAME_W - label_w) / max(len(years), 1)
    lines = [
        (t("Start-up grant"), [r.startup_fen for r in p.funding]),
        (t("Fixed support"), [r.fixed_fen for r in p.funding]),
        (t("Performance reward"), [r.reward_fen for r in p.funding]),
        (t("Plan total"), [r.startup_fen + r.fixed_fen + r.reward_fen for r in p.funding]),
        (t("Disbursed"), [r.disbursed_fen for r in p.funding]),
    ]
    rows = [[label, *(wan(v) for v in values)] for label, values in lines]
    return grid_table(
        st, [t("Year"), *years], rows, [label_w] + [w] * len(years), align="l" + "r" * len(years)
    )


def _funding_note(p: ProjectSection, data: BriefData, st: Styles) -> list[Any]:
    from reportlab.platypus import Paragraph

    out = [
        Paragraph(
            text(
                t(
                    "Plan-year basis: “Disbursed” is what was paid by {as_of} for each plan "
                    "year (a reward under its evaluation year, an advance under the year it "
                    "is for).",
                    as_of=data.cover.as_of.isoformat(),
                )
            ),
            st.small,
        )
    ]
    sums = [
        ([r.startup_fen, r.fixed_fen, r.reward_fen], r.startup_fen + r.fixed_fen + r.reward_fen)
        for r in p.funding
    ]
    if any(rounding_differs(parts, total) for parts, total in sums):
        out.append(Paragraph(text(t(ROUNDING)), st.small))
    return out


def project_page(p: ProjectSection, data: BriefData, st: Styles) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph

    year = data.year
    head = f"{p.no}. {text(p.name)}"
    if p.other_name:
        head += f' <font size="9" color="#555555">{text(p.other_name)}</font>'
    period = f"{_d(p.start)} – {_d(p.end)}" if p.start or p.end else "—"
    facts = [
        (t("Zone"), p.zone or "—"),
        (t("Key domains"), p.domains or "—"),
        (t("Lead organisation"), p.lead_org or "—"),
        (t("Period"), period),
        (t("Status"), t(_STATUS.get(p.status, p.status))),
        (t("Health"), _health_cell(st, p.health)),
        (t("Latest grade"), grade_word(p.latest_grade, p.grade_year) or "—"),
        (
            t("Paid to date (cash basis, 10k yuan)"),
            f"{wan(p.paid_to_date_fen)} ({t('as of {d}', d=data.cover.as_of.isoformat())})",
        ),
    ]
    out: list[Any] = [
        Paragraph(head, st.h2),
        key_value_table(st, facts, [62, FRAME_W / 2 - 62] * 2),
    ]
    if p.summary:
        out.append(Paragraph(text(t("Summary")), st.h3))
        out.append(Paragraph(text(p.summary), st.body))
    title = Paragraph(text(t("Milestones {year}", year=year)), st.h3)
    if p.milestones:
        out.append(
            KeepTogether(
                [title, timeline_chart(p.milestones, year, data.cover.as_of, FRAME_W, st.font)]
            )
        )
    else:
        out += [title, Paragraph(text(t("No milestones in {year}.", year=year)), st.body)]
    title = Paragraph(text(t("Funding plan and disbursements (10k yuan)")), st.h3)
    if p.funding:
        chart = funding_chart(p.funding, year, FRAME_W, st.font, height=128)
        out.append(KeepTogether([title, chart, _funding_table(p, st), *_funding_note(p, data, st)]))
    else:
        out += [title, Paragraph(text(t("No funding plan recorded.")), st.body)]
    out.append(Paragraph(text(t("Indicators {year}", year=year)), st.h3))
    if p.indicators:
        weights = column([i.weight for i in p.indicators])
        targets = column([i.target for i in p.indicators])
        ytds = column([i.ytd for i in p.indicators])
        scores = column(
            [
                None if i.score is None else i.score.quantize(Decimal("0.01"), ROUND_HALF_UP)
                for i in p.indicators
            ],
            places=2,
        )
        rows = [
            [i.code, i.name, unit_label(i.unit) or "—", weights[n], targets[n], ytds[n], scores[n]]
            for n, i in enumerate(p.indicators)
        ]
        out.append(
            grid_table(
                st,
                [
                    "#",
                    t("Indicator"),
                    t("Unit"),
                    t("Weight"),
                    t("Target"),
                    t("Year to date"),
                    t("Score"),
                ],
                rows,
                [30, FRAME_W - 290, 40, 40, 60, 60, 60],
                align="lllrrrr",
            )
        )
        if p.projected_score is not None:
            out.append(
                Paragraph(
                    text(
                        t(
                            "Projected total {score} (grade {grade})",
                            score=_one(p.projected_score),
                            grade=grade_word(p.projected_grade) or "—",
                        )
                    ),
                    st.small,
                )
            )
    else:
        out.append(Paragraph(text(t("No indicators for {year}.", year=year)), st.body))
    out.append(Paragraph(text(t("Risks and notes")), st.h3))
    if p.reasons or p.warnings:
        colour = HEALTH_COLOURS.get(p.health, "#555555")
        warned = {w.reason for w in p.warnings}  # health lists them too: print each once, ▲
        out += [
            Paragraph(f'<font color="{colour}">●</font> {text(r)}', st.body)
            for r in p.reasons
            if r not in warned
        ]
        out += [
            Paragraph(
                f'<font color="{HEALTH_COLOURS.get(w.level, "#555555")}">▲</font> '
                f"{text(t('Warning'))}: {text(w.reason)}",
                st.body,
            )
            for w in p.warnings
        ]
    else:
        out.append(Paragraph(text(t("No risks.")), st.body))
    if p.notes:
        out.append(Paragraph(f"{text(t('Notes'))}: {text(p.notes)}", st.body))
    if p.evidence:
        out.append(Paragraph(text(t("Evidence on record")), st.h3))
        rows = [[what, name, added] for what, name, added in p.evidence]
        out.append(
            grid_table(
                st,
                [t("Backs"), t("File"), t("Added")],
                rows,
                [150, FRAME_W - 220, 70],
                align="lll",
            )
        )
    return out


def projects(data: BriefData, st: Styles) -> Iterator[list[Any]]:
    """One list of flowables per project page (the caller puts page breaks between)."""
    from reportlab.platypus import Paragraph

    for i, p in enumerate(data.projects):
        page = project_page(p, data, st)
        if i == 0:
            page = [Paragraph(text(t("3. Projects")), st.h1), _rule("#1F3A5F", 0.6), *page]
        yield page


def _due_table(items: tuple[DueItem, ...], st: Styles, *, overdue: bool) -> Any:
    last = t("Days overdue") if overdue else t("% done")
    rows = [
        [
            f"{i.project_no}. {i.project_name}",
            f"{i.code} {i.title}".strip(),
            _d(i.due),
            str(i.overdue_days) if overdue else f"{i.percent}%",
        ]
        for i in items
    ]
    return grid_table(
        st,
        [t("Project"), t("Milestone"), t("Due"), last],
        rows,
        [170, FRAME_W - 290, 65, 55],
        align="llcr",
    )


_PROGRESS = {
    "met": "Met",
    "on_track": "On track",
    "behind": "Behind",
    "missed": "Missed",
    "no_data": "No data",
    # a period that has ended: the final evaluation's verdicts, worded as it words them
    "achieved": "Achieved",
    "partly": "Partly achieved",
    "not_achieved": "Not achieved",
}


def _progress(percent: Decimal | None, status: str) -> str:
    word = t(_PROGRESS.get(status, status))
    if percent is None:
        return word
    one = percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{one}% {word}"  # as the final report prints it: "97.0% 部分完成"


def appendix(data: BriefData, st: Styles) -> list[Any]:
    from reportlab.platypus import Paragraph

    out: list[Any] = [Paragraph(text(t("Appendix")), st.h1), _rule("#1F3A5F", 0.6)]
    out.append(
        Paragraph(text(t("A. Milestones due in {q}", q=quarter_label(data.next_quarter))), st.h3)
    )
    out.append(
        _due_table(data.due_next, st, overdue=False)
        if data.due_next
        else Paragraph(text(t("None.")), st.body)
    )
    out.append(Paragraph(text(t("B. Overdue milestones")), st.h3))
    out.append(
        _due_table(data.overdue, st, overdue=True)
        if data.overdue
        else Paragraph(text(t("None.")), st.body)
    )
    out.append(
        Paragraph(
            text(
                t("C. District indicators against targets ({period})", period=data.district_period)
            ),
            st.h3,
        )
    )
    rows = [
        [
            str(r.no),
            r.name,
            unit_label(r.unit) or "—",
            _num(r.base_value),
            _num(r.target_value),
            _num(r.current),
            _progress(r.percent, r.status),
        ]
        for r in data.district
    ]
    if rows:
        header = [
            t("No."),
            t("Indicator"),
            t("Unit"),
            t("Base"),
            t("Target"),
            t("Current"),
            t("Progress"),
        ]
        widths = [24, FRAME_W - 306, 36, 52, 52, 62, 80]
        out.append(grid_table(st, header, rows, widths, align="cllrrrl"))
    else:
        out.append(Paragraph(text(t("None.")), st.body))
    if data.returns:
        from desktop_app.reports.returns_appendix import returns_section

        names = {p.no: p.name for p in data.projects}
        out += returns_section(data.returns, data.cover.quarter, st, names=names)
    return out
