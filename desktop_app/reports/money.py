"""The brief's money on named bases: the funding table, the reconciliation, the rounding note.

Every amount is printed in 万元 with two decimals and thousands separators, and every table
that holds one names its basis (计划年度口径 or 现金口径). Rows are rounded one by one, so a
column may not add up to its rounded total by a cent; where it does not, the standard note
says so (分项数据因四舍五入,合计可能略有差异).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop_app.domain.money import FEN_PER_WAN, format_wan
from desktop_app.i18n import register, t
from desktop_app.reports.styles import FRAME_W, Styles, text
from desktop_app.reports.tables import grid_table
from desktop_app.snapshots.brief import MoneyBases, Summary

PLAN_BASIS = "Plan-year basis"
CASH_BASIS = "Cash basis"
ROUNDING = "Figures may not add up due to rounding."
PLAN_NOTE = (
    "Plan-year basis: payments counted for the plan year they settle (a reward for its "
    "evaluation year, an advance for the year it is for), paid by {as_of}."
)
PROGRESS_NOTE = (
    "Progress compares only the start-up and fixed support payable this year: the {reward} "
    "10k yuan of reward in the {year} plan is paid after the evaluation early in {next}, by "
    "grade, and is not counted in it."
)
SHARE_NOTE = (
    "¹ Reward share of plan = the reward in the {year} plan (earned once evaluated, else the "
    "cap) ÷ the whole {year} plan = {reward} ÷ {total} = {share}. It describes the plan, not "
    "what was paid."
)
register(
    {
        PLAN_BASIS: "计划年度口径",
        CASH_BASIS: "现金口径",
        ROUNDING: "分项数据因四舍五入,合计可能略有差异。",
        "Funding {year} (10k yuan)": "{year} 年经费(万元)",
        "Planned for {year}": "{year} 年计划",
        "Paid against the {year} plan": "已拨付 {year} 年计划",
        "Plan total {year}": "{year} 年计划合计",
        "Start-up + fixed": "启动及固定扶持",
        "of which paid": "其中已拨付",
        "Fixed support progress": "固定扶持拨付进度",
        "Reward (paid next year)": "奖励(次年拨付)",
        "Reward share of plan ¹": "奖励计划占比¹",
        PROGRESS_NOTE: (
            "拨付进度只比较本年应拨的启动建设经费和固定扶持:{year} 年计划中的绩效奖励 {reward} 万元"
            "须待 {next} 年初评价后按等级拨付,不计入进度。"
        ),
        SHARE_NOTE: (
            "¹ 奖励计划占比 = {year} 年计划中的绩效奖励(已评价取应得奖励,未评价取奖励上限)"
            "÷ {year} 年计划合计 = {reward} ÷ {total} = {share}。它是计划的构成,不是已拨付的比例。"
        ),
        PLAN_NOTE: (
            "计划年度口径:拨付计入其所属计划年度(奖励计入评价年度,预拨计入所属年度),"
            "统计至 {as_of}。"
        ),
        "From plan-year to cash basis, {year} (10k yuan)": "计划年度口径与现金口径衔接({year} 年,万元)",  # noqa: E501
        "Item": "项目",
        "Amount": "金额",
        "Paid against the {year} plan (plan-year basis)": "拨付 {year} 年计划(计划年度口径)",
        "less: paid for {year} in other years (advances made earlier)": (
            "减:以前年度已预拨 {year} 年款项"
        ),
        "plus: earlier years' rewards paid in {year}": "加:{year} 年内拨付的以前年度绩效奖励",
        "plus: other earlier years' payments made in {year}": "加:{year} 年内拨付的以前年度其他款项",  # noqa: E501
        "plus: advances paid in {year} for later years' fixed support": (
            "加:{year} 年内预拨以后年度固定扶持"
        ),
        "Paid in {year} (cash basis)": "{year} 年内实际拨付(现金口径)",
    }
)


def wan(fen: int | None) -> str:
    """One precision for every amount: 万元, two decimals, thousands separators."""
    return "—" if fen is None else format_wan(fen)


def _rounded(fen: int) -> Decimal:
    return (Decimal(fen) / FEN_PER_WAN).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rounding_differs(parts: Iterable[int], total: int, signs: Iterable[int] | None = None) -> bool:
    """True when the printed parts (rounded to 0.01 万元) do not add to the printed total."""
    parts = list(parts)
    sign = list(signs) if signs is not None else [1] * len(parts)
    return sum((s * _rounded(p) for s, p in zip(sign, parts, strict=True)), Decimal(0)) != (
        _rounded(total)
    )


def _pct(part: int, whole: int | None) -> str:
    if not whole:
        return "—"
    return f"{Decimal(part * 100) / Decimal(whole):.1f}%"


def funding_summary(s: Summary, as_of: str, st: Styles) -> list[Any]:
    """This year's plan and payments (plan-year basis), then the bridge to the cash basis."""
    from reportlab.platypus import Paragraph

    b = s.bases
    share = "—" if s.performance_share is None else f"{s.performance_share:.1f}%"
    out: list[Any] = [
        Paragraph(text(t("Funding {year} (10k yuan)", year=s.year)), st.h3),
        grid_table(
            st,
            [
                t("Plan total {year}", year=s.year),
                t("Start-up + fixed"),
                t("of which paid"),
                t("Fixed support progress"),
                t("Reward (paid next year)"),
                t("Reward share of plan ¹"),
            ],
            [
                [
                    wan(s.planned_fen),
                    wan(s.fixed_planned_fen),
                    wan(s.fixed_paid_fen),
                    _pct(s.fixed_paid_fen, s.fixed_planned_fen),
                    wan(s.reward_planned_fen),
                    share,
                ]
            ],
            [FRAME_W / 6] * 6,
            align="rrrrrr",
        ),
        Paragraph(
            text(
                t(
                    PROGRESS_NOTE,
                    year=s.year,
                    next=s.year + 1,
                    reward=wan(s.reward_planned_fen),
                )
            ),
            st.small,
        ),
        Paragraph(
            text(
                t(
                    SHARE_NOTE,
                    year=s.year,
                    reward=wan(s.reward_planned_fen),
                    total=wan(s.planned_fen),
                    share=share,
                )
            ),
            st.small,
        ),
        Paragraph(text(t(PLAN_NOTE, as_of=as_of)), st.small),
    ]
    if b is not None:
        out += reconciliation(b, s.year, st)
    return out


def reconciliation(b: MoneyBases, year: int, st: Styles) -> list[Any]:
    from reportlab.platypus import Paragraph

    other_earlier = b.earlier_years_fen - b.earlier_rewards_fen
    lines: list[tuple[str, int, int]] = [
        (t("Paid against the {year} plan (plan-year basis)", year=year), b.plan_year_fen, 1)
    ]
    if b.paid_elsewhere_fen:
        lines.append(
            (
                t("less: paid for {year} in other years (advances made earlier)", year=year),
                b.paid_elsewhere_fen,
                -1,
            )
        )
    lines.append(
        (t("plus: earlier years' rewards paid in {year}", year=year), b.earlier_rewards_fen, 1)
    )
    if other_earlier:
        lines.append(
            (t("plus: other earlier years' payments made in {year}", year=year), other_earlier, 1)
        )
    lines.append(
        (
            t("plus: advances paid in {year} for later years' fixed support", year=year),
            b.advances_fen,
            1,
        )
    )
    # the label says "less": the amount is printed as it is, not as a second minus
    rows = [[label, wan(fen)] for label, fen, _sign in lines]
    rows.append([t("Paid in {year} (cash basis)", year=year), wan(b.cash_fen)])
    bold = ("FONTSIZE", (0, len(rows)), (-1, len(rows)), st.cell.fontSize)
    out: list[Any] = [
        Paragraph(text(t("From plan-year to cash basis, {year} (10k yuan)", year=year)), st.h3),
        grid_table(
            st,
            [t("Item"), t("Amount")],
            rows,
            [FRAME_W - 110, 110],
            align="lr",
            extra=[bold, ("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.8, "#1F3A5F")],
        ),
    ]
    if rounding_differs([f for _, f, _ in lines], b.cash_fen, [s for _, _, s in lines]):
        out.append(Paragraph(text(t(ROUNDING)), st.small))
    return out


__all__ = ["CASH_BASIS", "PLAN_BASIS", "ROUNDING", "funding_summary", "rounding_differs", "wan"]
