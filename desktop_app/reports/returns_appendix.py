"""The return status table (回收情况) as a section of the quarterly brief's appendix.

Kept apart from sections.py so the brief can add it with two lines: the brief's data
gathers `services.return_status.read_return_status(database, quarter)`, and `appendix()` appends
`returns_section(rows, quarter, styles)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.domain.periods import local_stamp
from desktop_app.i18n import register, t
from desktop_app.reports.styles import FRAME_W, Styles, text
from desktop_app.reports.tables import grid_table
from desktop_app.snapshots.returns import ReturnStatusRow

register(
    {
        "{letter}. Quarterly returns from the lead organisations ({quarter})": (
            "附表{zh} 承担单位季度报送回收情况({quarter})"
        ),
        "{done} of {total} units have returned; missing: {missing}.": "{total} 个单位中已有 {done} 个报送;未报送:{missing}。",  # noqa: E501
        "All {total} units have returned.": "{total} 个单位均已报送。",
        "Lead organisation": "承担单位",
        "Received": "报送时间",
        "Changed": "修改内容",
        "not returned": "未报送",
        "no change": "无修改",
        "Project": "项目",
        "No.": "序号",
    }
)


ZH_NUMBERS = {"A": "一", "B": "二", "C": "三", "D": "四", "E": "五"}


def returns_section(
    rows: Sequence[ReturnStatusRow],
    quarter: str,
    st: Styles,
    *,
    letter: str = "D",
    names: dict[int, str] | None = None,
) -> list[Any]:
    """Heading, a one-line summary (who is missing) and the table, one row per project."""
    from reportlab.platypus import Paragraph

    out: list[Any] = [
        Paragraph(
            text(
                t(
                    "{letter}. Quarterly returns from the lead organisations ({quarter})",
                    letter=letter,
                    zh=ZH_NUMBERS.get(letter, letter),
                    quarter=quarter,
                )
            ),
            st.h3,
        )
    ]
    done = sum(1 for r in rows if r.returned)
    missing = [f"{r.project_no:02d}" for r in rows if not r.returned]
    summary = (
        t(
            "{done} of {total} units have returned; missing: {missing}.",
            done=done,
            total=len(rows),
            missing=", ".join(missing),
        )
        if missing
        else t("All {total} units have returned.", total=len(rows))
    )
    out.append(Paragraph(text(summary), st.body))
    body = [
        [
            f"{r.project_no:02d}",
            (names or {}).get(r.project_no, r.project_name),  # in the brief's language
            r.unit,
            local_stamp(r.received_at, "%Y-%m-%d") if r.received_at else t("not returned"),
            r.changes if r.changed else (t("no change") if r.returned else ""),
        ]
        for r in rows
    ]
    header = [t("No."), t("Project"), t("Lead organisation"), t("Received"), t("Changed")]
    widths = [28, 150, 110, 62, FRAME_W - 350]
    out.append(grid_table(st, header, body, widths, align="c"))
    return out
