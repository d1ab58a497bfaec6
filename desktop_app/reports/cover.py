"""The brief's cover: title, quarter, what a reader needs at a glance, and the contents.

A manager reads the cover first; it carries the headline figures (health, this year's
money on both named bases, scores, warnings) instead of white space, and names the data
source by its file or database name only — never a full path on a printed page.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from desktop_app.domain.periods import local_stamp
from desktop_app.i18n import register, t
from desktop_app.reports.money import wan
from desktop_app.reports.styles import FRAME_W, MM, NAVY, RULE_RED, Styles, text
from desktop_app.reports.tables import key_value_table
from desktop_app.snapshots.brief import BriefData

register(
    {
        "At a glance": "本期要点",
        "Projects": "项目数量",
        "Health status": "健康状况",
        "{red} red · {amber} amber · {green} green": "红 {red} · 黄 {amber} · 绿 {green}",
        " · {none} no data": " · 无数据 {none}",
        "Start-up and fixed support {year}: paid / plan": "{year} 年启动及固定扶持 已拨/计划",
        "Reward in the {year} plan (paid after evaluation)": (
            "{year} 年计划中的绩效奖励(评价后拨付)"
        ),
        "Plan {year} (10k yuan)": "{year} 年计划(万元)",
        "Paid against the {year} plan (plan-year basis)": "拨付 {year} 年计划(计划年度口径)",
        "Paid in {year} (cash basis)": "{year} 年内实际拨付(现金口径)",
        "Average projected score": "平均预计得分",
        "Policy warnings": "政策提示",
        "{n} ({red} red)": "{n} 条(红色 {red} 条)",
        "Compared with": "比较基准",
        "{q} (closed)": "{q}(已关账)",
        "{q} not closed": "{q} 未关账",
        "Contents": "目录",
        "1. Overview": "一、总体情况",
        "2. Portfolio": "二、项目一览",
        "3. Projects": "三、项目详情",
        "Appendix": "附录",
        "As of": "截至日期",
        "Generated": "生成时间",
        "Data source": "数据来源",
        "Schema version": "数据库版本",
        "This brief contains sample data (marked 【示例】); it does not describe real "
        "projects.": "本简报含示例数据(标有【示例】),不代表真实项目情况。",
    }
)


def source_name(database: str) -> str:
    """`/home/x/data/portfolio.sqlite` → `portfolio.sqlite`; a server URL → its database."""
    if "://" in database:
        return database.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    return PurePath(database.replace("\\", "/")).name


def cover(data: BriefData, st: Styles, quarter_label: str) -> list[Any]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import HRFlowable, Paragraph, Spacer

    c, s = data.cover, data.summary
    counts = dict(s.health_counts)
    centre = ParagraphStyle("cover_as_of", parent=st.body, alignment=1, textColor=NAVY)
    out: list[Any] = [
        Spacer(1, 30 * MM),
        Paragraph(text(t("Siming District Key Support Projects")), st.subtitle),
        Spacer(1, 3 * MM),
        Paragraph(text(t("Quarterly Brief")), st.title),
        HRFlowable(width="100%", thickness=1.2, color=RULE_RED, spaceBefore=4, spaceAfter=8),
        Paragraph(text(quarter_label), st.subtitle),
        Paragraph(text(f"{t('As of')} {c.as_of.isoformat()}"), centre),
    ]
    if data.has_sample:
        warn = ParagraphStyle(
            "cover_sample", parent=st.body, alignment=1, textColor=RULE_RED, borderPadding=4
        )
        out += [
            Spacer(1, 4 * MM),
            Paragraph(
                text(
                    t(
                        "This brief contains sample data (marked 【示例】); it does not "
                        "describe real projects."
                    )
                ),
                warn,
            ),
        ]
    b = s.bases
    red_warnings = sum(1 for w in s.warnings if w.level == "red")
    changes = data.changes
    compared = "—"
    if changes is not None:
        compared = (
            t("{q} (closed)", q=changes.previous)
            if changes.closed
            else t("{q} not closed", q=changes.previous)
        )
    glance = [
        (t("Projects"), str(c.project_count)),
        (
            t("Health status"),
            t(
                "{red} red · {amber} amber · {green} green",
                red=counts.get("red", 0),
                amber=counts.get("amber", 0),
                green=counts.get("green", 0),
            )
            + (t(" · {none} no data", none=counts["none"]) if counts.get("none") else ""),
        ),
        (t("Plan {year} (10k yuan)", year=s.year), wan(s.planned_fen)),
        (t("Paid in {year} (cash basis)", year=s.year), wan(b.cash_fen if b else None)),
        (
            t("Start-up and fixed support {year}: paid / plan", year=s.year),
            f"{wan(s.fixed_paid_fen)} / {wan(s.fixed_planned_fen)}",
        ),
        (
            t("Reward in the {year} plan (paid after evaluation)", year=s.year),
            wan(s.reward_planned_fen),
        ),
        (
            t("Average projected score"),
            "—" if s.average_score is None else f"{s.average_score:.1f}",
        ),
        (t("Policy warnings"), t("{n} ({red} red)", n=len(s.warnings), red=red_warnings)),
        (t("Compared with"), compared),
    ]
    from desktop_app.reports.sections import _health_strip

    out += [
        Spacer(1, 10 * MM),
        Paragraph(text(t("At a glance")), st.h2),
        _health_strip(st, counts),
        Spacer(1, 3 * MM),
        key_value_table(st, glance, [FRAME_W * 0.32, FRAME_W * 0.18] * 2),
        Spacer(1, 8 * MM),
        Paragraph(text(t("Contents")), st.h2),
    ]
    for name in ("1. Overview", "2. Portfolio", "3. Projects", "Appendix"):
        out.append(Paragraph(text(t(name)), st.body))
    facts = [
        (t("Generated"), local_stamp(c.generated_at, zone=True)),
        (t("Data source"), source_name(c.database)),
        (t("Schema version"), c.schema),
    ]
    out += [
        Spacer(1, 12 * MM),
        key_value_table(
            st,
            facts,
            [FRAME_W * f for f in (0.12, 0.18, 0.12, 0.16, 0.14, 0.28)],
            columns=3,
        ),
    ]
    return out
