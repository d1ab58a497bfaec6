"""The final evaluation report's flowables: cover, district indicators, projects, money,
the taper-off, what carries into the next period, and the evidence on record.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from desktop_app.domain import plan_period as rules
from desktop_app.domain.district import KIND_AVERAGE, KIND_CUMULATIVE
from desktop_app.domain.money import format_wan
from desktop_app.domain.periods import local_stamp
from desktop_app.domain.policy import grade_word
from desktop_app.i18n import register, t
from desktop_app.reports.cover import source_name
from desktop_app.reports.money import rounding_differs
from desktop_app.reports.plan_charts import indicator_chart
from desktop_app.reports.styles import FRAME_W, MM, RULE_RED, Styles, text
from desktop_app.reports.tables import cell, grid_table, key_value_table
from desktop_app.reports.units import unit_label
from desktop_app.snapshots.plan_period import FinalReportData, OpenMilestone, ProjectResult

PAID_SHARE_NOTE = (
    "¹ Reward share of support paid = reward paid ÷ (fixed support paid + reward paid), "
    "plan-year basis (a reward counts for its evaluation year)."
)
PLANNED_SHARE_NOTE = (
    "² Reward share of support planned = the reward cap ÷ (planned fixed support + reward "
    "cap): the taper as designed, every year graded A. Neither share counts the start-up grant."
)
RISE = (
    "Portfolio-wide the reward share of support paid rose every year, from {a} in {y0} to "
    "{b} in {y1} ({p} planned for {y1}): the taper-off went as planned."
)
RISE_BELOW = (
    "Portfolio-wide the reward share of support paid rose every year, from {a} in {y0} to "
    "{b} in {y1}, but stayed below the {p} planned for {y1}: rewards earned fell short of "
    "the caps."
)
NOT_RISE = (
    "Portfolio-wide the reward share of support paid went from {a} in {y0} to {b} in {y1} "
    "({p} planned for {y1}); it did not rise every year (it fell in {years})."
)
FELL = "Projects whose reward share of support paid fell from one year to the next: {names}."

register(
    {
        "Siming District 14th Five-Year Sci-Tech Plan": "思明区“十四五”科技创新发展专项规划",
        "Final Evaluation of Key Support Projects": "重点支撑项目终期评估报告",
        "Plan period {start}–{end}": "规划期 {start}–{end} 年",
        "Generated": "生成时间",
        "Data source": "数据来源",
        "Schema version": "数据库版本",
        "Key projects": "重点支撑项目",
        "This report is built from sample data (init --demo): not real figures.": (
            "本报告基于示例数据(init --demo)生成,并非真实数字。"
        ),
        "1. District indicators (table 1)": "一、区级发展目标(表1)完成情况",
        "Indicator": "指标",
        "Unit": "单位",
        "Method": "计算方法",
        "{y} base": "{y}年基数",
        "{y} target": "{y}年目标",
        "{y} actual": "{y}年实际",
        "Of target": "完成度",
        "Result": "结论",
        "Level": "期末水平",
        "Cumulative": "五年累计",
        "Annual average": "五年年均",
        "Achieved": "已完成",
        "Partly achieved": "部分完成",
        "Not achieved": "未完成",
        "No figure": "无数据",
        "{a} achieved, {p} partly, {n} not achieved, {x} without a {y} figure.": (
            "已完成 {a} 项,部分完成 {p} 项,未完成 {n} 项,缺少 {y} 年数据 {x} 项。"
        ),
        "Methods. Level: the {y} value against the target, as the share of the way from the "
        "base to the target. Cumulative: the period's yearly values summed, over the target. "
        "Annual average: the mean of the period's yearly values, over the target. Achieved at "
        "100 %; partly achieved from {partly} %.": (
            "计算方法。期末水平:{y} 年数值相对目标的完成度,按从基数到目标的进度计;五年累计:"
            "规划期各年数值之和与目标之比;五年年均:规划期各年数值的平均值与目标之比。"
            "达到 100% 为已完成;达到 {partly}% 为部分完成。"
        ),
        "Yearly values": "历年数值",
        "2. Key projects at the end of {y}": "二、重点支撑项目期末情况({y}年末)",
        "Project": "项目",
        "Period": "建设期",
        "Status end of {y}": "{y}年末状态",
        "On time": "按期",
        "Paid to {y} (cash, 10k yuan)": "累计拨付至{y}年末(现金,万元)",
        "Late": "延期",
        "Open": "未完成",
        "Milestones due by the end of {y}: delivered on time, late, or still open.": (
            "截至 {y} 年末到期的里程碑:按期完成、延期完成、仍未完成。"
        ),
        "Columns {a}–{b}: the grade of each year's evaluation (— not evaluated).": (
            "{a}–{b} 各列为当年绩效评价等级(优/良/中/差,— 表示未评价)。"
        ),
        "{code} {title} (due {due}, done {done})": "{code} {title}(计划 {due},{done} 完成)",
        "Under way": "建设中",
        "Completed": "已完成",
        "Suspended": "已暂停",
        "Not started": "未开始",
        "3. Money over the period (10k yuan)": "三、规划期经费(万元)",
        "Plan-year basis": "计划年度口径",
        "Cash basis": "现金口径",
        "Start-up": "启动经费",
        "Fixed": "固定扶持",
        "Reward": "绩效奖励",
        "Total": "合计",
        "Portfolio": "全部项目",
        "Rows are rounded; totals may differ slightly from the sum of the rows.": (
            "分项数据因四舍五入,合计可能略有差异。"
        ),
        "4. Did the taper-off work? Reward share of support, planned and paid": (
            "四、退坡机制成效:计划与已拨的奖励占比"
        ),
        PAID_SHARE_NOTE: (
            "¹ 已拨奖励占比 = 已拨付绩效奖励 ÷(已拨付固定扶持 + 已拨付绩效奖励),计划年度口径"
            "(奖励计入其评价年度)。"
        ),
        PLANNED_SHARE_NOTE: (
            "² 计划奖励占比 = 奖励上限 ÷(计划固定扶持 + 奖励上限),"
            "即按规划设计、各年均评为优时的比例。两者均不含启动建设经费。"
        ),
        "Reward share of support paid ¹": "已拨奖励占比 ¹",
        "Reward share of support planned ²": "计划奖励占比 ²",
        "Planned": "计划",
        "No.": "序号",
        "Paid": "已拨",
        "Basis": "口径",
        RISE: (
            "全部项目合计,已拨奖励占比由 {y0} 年的 {a} 逐年上升至 {y1} 年的 {b}"
            "({y1} 年计划为 {p}):退坡按规划推进。"
        ),
        RISE_BELOW: (
            "全部项目合计,已拨奖励占比由 {y0} 年的 {a} 逐年上升至 {y1} 年的 {b},"
            "但低于 {y1} 年计划的 {p}:实际获得的奖励少于奖励上限。"
        ),
        NOT_RISE: (
            "全部项目合计,已拨奖励占比由 {y0} 年的 {a} 变为 {y1} 年的 {b}"
            "({y1} 年计划为 {p}),并非逐年上升(下降的年度:{years})。"
        ),
        FELL: "已拨奖励占比出现下降的项目:{names}。",
        "No fixed support or reward was paid in the period.": "规划期内未拨付固定扶持或绩效奖励。",
        "5. Carried into {start}–{end}": "五、结转至 {start}–{end} 年",
        "{n} projects run past {y}. Targets for the next period are entered by officers "
        "(District indicators page); none are set here.": (
            "{n} 个项目延续至 {y} 年以后。下一规划期的目标由专员在“区级指标”页面录入;"
            "本报告不代为设定。"
        ),
        "Ends": "结束日期",
        "Planned after {y}": "{y}年后计划经费",
        "Unfinished and cancelled milestones": "未完成及已取消的里程碑",
        "{code} {title} (due {due}, cancelled)": "{code} {title}(计划 {due},已取消)",
        "{code} {title} (due {due}, {pct}%)": "{code} {title}(计划 {due},{pct}%)",
        "None": "无",
        "No project runs past {y}.": "没有项目延续至 {y} 年以后。",
        "6. Evidence on record": "六、佐证材料",
        "Belongs to": "所属",
        "File": "文件",
        "Added": "添加日期",
        "SHA-256": "SHA-256",
        "No evidence files on record.": "尚无佐证材料。",
    }
)

VERDICTS = {
    rules.ACHIEVED: ("Achieved", "#2E8B57"),
    rules.PARTLY: ("Partly achieved", "#D68910"),
    rules.NOT_ACHIEVED: ("Not achieved", "#C0392B"),
    rules.NO_DATA: ("No figure", "#555555"),
}
METHODS = {KIND_CUMULATIVE: "Cumulative", KIND_AVERAGE: "Annual average"}
STATUS = {
    "in_progress": "Under way",
    "completed": "Completed",
    "suspended": "Suspended",
    "not_started": "Not started",
}


def _num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    value = value.quantize(Decimal("0.01")).normalize()
    return f"{value:f}"


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:f}%"


def _wan(fen: int) -> str:
    return format_wan(fen)


def _rule() -> Any:
    from reportlab.platypus import HRFlowable

    return HRFlowable(width="100%", thickness=1.2, color=RULE_RED, spaceBefore=4, spaceAfter=8)


def _p(value: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(text(value), style)


def cover(data: FinalReportData, st: Styles) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    facts = [
        (t("Generated"), local_stamp(data.generated_at, zone=True)),
        (t("Data source"), source_name(data.database)),  # a file name, never a path
        (t("Schema version"), data.schema),
        (t("Key projects"), str(len(data.projects))),
    ]
    table = key_value_table(st, facts, [38 * MM, 100 * MM], columns=1)
    table.hAlign = "CENTER"
    flow = [
        Spacer(1, 50 * MM),
        _p(t("Siming District 14th Five-Year Sci-Tech Plan"), st.subtitle),
        Spacer(1, 4 * MM),
        _p(t("Final Evaluation of Key Support Projects"), st.title),
        _rule(),
        _p(t("Plan period {start}–{end}", start=data.start_year, end=data.end_year), st.subtitle),
        Spacer(1, 25 * MM),
        table,
    ]
    if data.has_sample:
        note = t("This report is built from sample data (init --demo): not real figures.")
        flow += [
            Spacer(1, 10 * MM),
            Paragraph(f'<font color="{RULE_RED}">{text(note)}</font>', st.subtitle),
        ]
    return flow


def _verdict_cell(st: Styles, verdict: str) -> Any:
    label, colour = VERDICTS[verdict]
    return cell(f'<font color="{colour}">●</font> {text(t(label))}', st.cell, markup=True)


def indicators(data: FinalReportData, st: Styles) -> list[Any]:
    from reportlab.platypus import Spacer, Table, TableStyle

    y0 = data.start_year - 1
    y1 = data.end_year
    rows = []
    for r in data.indicators:
        rows.append(
            [
                str(r.no),
                r.name,
                unit_label(r.unit),
                t(METHODS.get(r.kind, "Level")),
                _num(r.base_value),
                _num(r.target_value),
                _num(r.actual),
                _pct(r.percent),
                _verdict_cell(st, r.verdict),
            ]
        )
    widths = [22, 140, 32, 50, 44, 44, 44, 45, 76]
    header = [
        t("No."),
        t("Indicator"),
        t("Unit"),
        t("Method"),
        t("{y} base", y=y0),
        t("{y} target", y=y1),
        t("{y} actual", y=y1),
        t("Of target"),
        t("Result"),
    ]
    count = {v: sum(1 for r in data.indicators if r.verdict == v) for v in VERDICTS}
    flow: list[Any] = [
        _p(t("1. District indicators (table 1)"), st.h1),
        _p(
            t(
                "{a} achieved, {p} partly, {n} not achieved, {x} without a {y} figure.",
                a=count[rules.ACHIEVED],
                p=count[rules.PARTLY],
                n=count[rules.NOT_ACHIEVED],
                x=count[rules.NO_DATA],
                y=y1,
            ),
            st.body,
        ),
        Spacer(1, 2 * MM),
        grid_table(st, header, rows, _fit(widths), align="llcl" + "rrrrl"),
        Spacer(1, 2 * MM),
        _p(
            t(
                "Methods. Level: the {y} value against the target, as the share of the way "
                "from the base to the target. Cumulative: the period's yearly values summed, "
                "over the target. Annual average: the mean of the period's yearly values, over "
                "the target. Achieved at 100 %; partly achieved from {partly} %.",
                y=y1,
                partly=rules.PARTLY_FROM,
            ),
            st.small,
        ),
        _p(t("Yearly values"), st.h2),
    ]
    per_row = 3
    w = FRAME_W / per_row
    charts = [
        indicator_chart(
            f"{r.no}. {r.name} ({unit_label(r.unit)})",
            r.values,
            r.target_value,
            r.kind,
            w - 6,
            st.font,
        )
        for r in data.indicators
    ]
    grid = [charts[i : i + per_row] for i in range(0, len(charts), per_row)]
    grid[-1] += [""] * (per_row - len(grid[-1]))
    table = Table(grid, colWidths=[w] * per_row, hAlign="LEFT")
    table.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("FONTNAME", (0, 0), (-1, -1), st.font)])
    )
    flow.append(table)
    return flow


def _fit(widths: Sequence[float]) -> list[float]:
    """Scale column widths to exactly the frame's width."""
    total = sum(widths)
    return [w * FRAME_W / total for w in widths]


def _period(p: ProjectResult, st: Styles) -> Any:
    start = p.start.isoformat() if p.start else "—"
    end = p.end.isoformat() if p.end else "—"
    return cell(f"{start} –<br/>{end}", st.cell_center, markup=True)


def projects(data: FinalReportData, st: Styles) -> list[Any]:
    from reportlab.platypus import Spacer

    years = list(range(data.start_year, data.end_year + 1))
    y1 = data.end_year
    rows = []
    for p in data.projects:
        grades = dict(p.grades)
        rows.append(
            [
                str(p.no),
                p.name,
                _period(p, st),
                t(STATUS.get(p.status, p.status)),
                str(p.on_time),
                str(p.late),
                str(p.open),
                _wan(p.paid_to_date_fen),
                *[grade_word(grades[y]) if y in grades else "—" for y in years],
            ]
        )
    header = [
        t("No."),
        t("Project"),
        t("Period"),
        t("Status end of {y}", y=y1),
        t("On time"),
        t("Late"),
        t("Open"),
        t("Paid to {y} (cash, 10k yuan)", y=y1),
        *[str(y) for y in years],
    ]
    widths = [22, 118, 60, 44, 26, 26, 26, 54, *[22] * len(years)]
    return [
        _p(t("2. Key projects at the end of {y}", y=y1), st.h1),
        _p(
            t("Milestones due by the end of {y}: delivered on time, late, or still open.", y=y1),
            st.small,
        ),
        Spacer(1, 2 * MM),
        grid_table(st, header, rows, _fit(widths), align="llcccccr" + "c" * len(years)),
        Spacer(1, 1 * MM),
        _p(
            t(
                "Columns {a}–{b}: the grade of each year's evaluation (— not evaluated).",
                a=years[0],
                b=years[-1],
            ),
            st.small,
        ),
    ]


def _money_rows_add_up(data: FinalReportData, basis: str) -> bool:
    """Whether every printed row and column of a money table adds to its printed total."""
    totals = dict.fromkeys(("startup", "fixed", "reward"), 0)
    for p in data.projects:
        by = dict(p.money.plan if basis == "plan" else p.money.cash)
        if rounding_differs(list(by.values()), sum(by.values())):
            return False
        for k in totals:
            totals[k] += by[k]
    for k, total in totals.items():
        parts = [dict(p.money.plan if basis == "plan" else p.money.cash)[k] for p in data.projects]
        if rounding_differs(parts, total):
            return False
    return not rounding_differs(list(totals.values()), sum(totals.values()))


def _money_table(data: FinalReportData, st: Styles, basis: str) -> Any:
    rows = []
    totals = dict.fromkeys(("startup", "fixed", "reward"), 0)
    for p in data.projects:
        by = dict(p.money.plan if basis == "plan" else p.money.cash)
        for k in totals:
            totals[k] += by[k]
        rows.append(
            [
                str(p.no),
                p.name,
                _wan(by["startup"]),
                _wan(by["fixed"]),
                _wan(by["reward"]),
                _wan(sum(by.values())),
            ]
        )
    rows.append(
        [
            "",
            t("Portfolio"),
            _wan(totals["startup"]),
            _wan(totals["fixed"]),
            _wan(totals["reward"]),
            _wan(sum(totals.values())),
        ]
    )
    header = [t("No."), t("Project"), t("Start-up"), t("Fixed"), t("Reward"), t("Total")]
    bold = [("LINEABOVE", (0, -1), (-1, -1), 0.8, "#1F3A5F")]
    return grid_table(st, header, rows, _fit([22, 190, 60, 60, 60, 64]), align="llrrrr", extra=bold)


def money(data: FinalReportData, st: Styles) -> list[Any]:
    from reportlab.platypus import Spacer

    flow = [
        _p(t("3. Money over the period (10k yuan)"), st.h1),
        _p(t("Plan-year basis"), st.h2),
        _p(data.plan_basis_note, st.small),
        _money_table(data, st, "plan"),
        Spacer(1, 3 * MM),
        _p(t("Cash basis"), st.h2),
        _money_table(data, st, "cash"),
    ]
    if not (_money_rows_add_up(data, "plan") and _money_rows_add_up(data, "cash")):
        flow += [
            Spacer(1, 1 * MM),
            _p(
                t("Rows are rounded; totals may differ slightly from the sum of the rows."),
                st.small,
            ),
        ]
    return flow


def taper_sentences(data: FinalReportData) -> list[str]:
    """The section's conclusions, computed from the shares (the same in both languages):
    "rose every year" only when it did, with the years it fell and the projects that fell."""
    known = [(y, v) for y, v in data.portfolio_share if v is not None]
    if not known:
        return [t("No fixed support or reward was paid in the period.")]
    planned = dict(data.portfolio_planned_share)
    (y0, a), (y1, b) = known[0], known[-1]
    falls = [y for (_, v0), (y, v) in zip(known, known[1:], strict=False) if v <= v0]
    values = {"a": _pct(a), "y0": y0, "b": _pct(b), "y1": y1, "p": _pct(planned.get(y1))}
    if falls or len(known) < 2:
        sep = "、" if data.lang == "zh" else ", "
        out = [t(NOT_RISE, years=sep.join(map(str, falls)) or "—", **values)]
    elif planned.get(y1) is not None and b < (planned[y1] or 0):
        out = [t(RISE_BELOW, **values)]
    else:
        out = [t(RISE, **values)]
    fell = []
    for p in data.projects:
        mine = [(y, v) for y, v in p.reward_share if v is not None]
        drops = [
            f"{y}: {_pct(v0)} → {_pct(v)}"
            for (_, v0), (y, v) in zip(mine, mine[1:], strict=False)
            if v < v0
        ]
        if drops:
            fell.append(f"{p.no}. {p.name} ({', '.join(drops)})")
    if fell:
        sep = "; " if data.lang == "en" else ";"
        out.append(t(FELL, names=sep.join(fell)))
    return out


def taper(data: FinalReportData, st: Styles) -> list[Any]:
    from reportlab.platypus import Spacer

    years = list(range(data.start_year, data.end_year + 1))
    rows: list[list[Any]] = []
    shaded = []
    lines: list[tuple[int | None, str, dict[int, Decimal | None], dict[int, Decimal | None]]] = [
        (p.no, p.name, dict(p.planned_share), dict(p.reward_share)) for p in data.projects
    ]
    lines.append(
        (None, t("Portfolio"), dict(data.portfolio_planned_share), dict(data.portfolio_share))
    )
    for no, name, planned, paid in lines:
        rows.append(
            [
                "" if no is None else str(no),
                name,
                f"{t('Planned')} ²",
                *[_pct(planned.get(y)) for y in years],
            ]
        )
        rows.append(["", "", f"{t('Paid')} ¹", *[_pct(paid.get(y)) for y in years]])
        shaded.append(len(rows))  # the paid row (1-based below the header)
    header = [t("No."), t("Project"), t("Basis"), *[str(y) for y in years]]
    widths = [22, 160, 40, *[46] * len(years)]
    extra: list[Any] = [("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.8, "#1F3A5F")]
    for r in range(1, len(rows) + 1, 2):  # each project's two rows share its number and name
        extra += [("SPAN", (0, r), (0, r + 1)), ("SPAN", (1, r), (1, r + 1))]
        extra += [("BACKGROUND", (0, r), (-1, r + 1), "#FFFFFF" if r % 4 == 1 else "#F6F8FA")]
    return [
        _p(t("4. Did the taper-off work? Reward share of support, planned and paid"), st.h1),
        *[_p(line, st.body) for line in taper_sentences(data)],
        Spacer(1, 2 * MM),
        grid_table(st, header, rows, _fit(widths), align="llc" + "r" * len(years), extra=extra),
        Spacer(1, 1 * MM),
        _p(t(PAID_SHARE_NOTE), st.small),
        _p(t(PLANNED_SHARE_NOTE), st.small),
    ]


def carry_over(data: FinalReportData, st: Styles) -> list[Any]:
    from reportlab.platypus import Spacer

    y1 = data.end_year
    flow: list[Any] = [_p(t("5. Carried into {start}–{end}", start=y1 + 1, end=y1 + 5), st.h1)]
    going = [p for p in data.projects if p.carries_over]
    if not going:
        return [*flow, _p(t("No project runs past {y}.", y=y1), st.body)]
    flow.append(
        _p(
            t(
                "{n} projects run past {y}. Targets for the next period are entered by "
                "officers (District indicators page); none are set here.",
                n=len(going),
                y=y1,
            ),
            st.body,
        )
    )
    rows = []
    for p in going:
        open_text = "<br/>".join(text(_open_line(m)) for m in p.remaining) or text(t("None"))
        rows.append(
            [
                str(p.no),
                p.name,
                p.end.isoformat() if p.end else "—",
                _wan(p.remaining_plan_fen),
                cell(open_text, st.cell, markup=True),
            ]
        )
    header = [
        t("No."),
        t("Project"),
        t("Ends"),
        t("Planned after {y}", y=y1),
        t("Unfinished and cancelled milestones"),
    ]
    flow += [
        Spacer(1, 2 * MM),
        grid_table(st, header, rows, _fit([22, 130, 56, 56, 232]), align="llcrl"),
    ]
    return flow


def _open_line(m: OpenMilestone) -> str:
    if m.cancelled:
        return t(
            "{code} {title} (due {due}, cancelled)",
            code=m.code,
            title=m.title,
            due=m.due.isoformat(),
        )
    if m.done_on is not None:
        return t(
            "{code} {title} (due {due}, done {done})",
            code=m.code,
            title=m.title,
            due=m.due.isoformat(),
            done=m.done_on.isoformat(),
        )
    return t(
        "{code} {title} (due {due}, {pct}%)",
        code=m.code,
        title=m.title,
        due=m.due.isoformat(),
        pct=m.percent_complete,
    )


def evidence(data: FinalReportData, st: Styles) -> list[Any]:
    from reportlab.platypus import Spacer

    flow: list[Any] = [_p(t("6. Evidence on record"), st.h1)]
    rows = [
        [str(p.no), p.name, e.target, e.file_name, e.added_on, e.sha12]
        for p in data.projects
        for e in p.evidence
    ]
    if not rows:
        return [*flow, _p(t("No evidence files on record."), st.body)]
    header = [t("No."), t("Project"), t("Belongs to"), t("File"), t("Added"), t("SHA-256")]
    flow += [
        Spacer(1, 2 * MM),
        grid_table(st, header, rows, _fit([22, 120, 100, 130, 52, 62]), align="llllcl"),
    ]
    return flow


def story(data: FinalReportData, st: Styles) -> list[Any]:
    """Cover, then one section after another (`document.flow_of`)."""
    from desktop_app.reports.document import flow_of

    return flow_of(
        [
            cover(data, st),
            indicators(data, st),
            projects(data, st),
            money(data, st),
            taper(data, st),
            carry_over(data, st),
            evidence(data, st),
        ]
    )
