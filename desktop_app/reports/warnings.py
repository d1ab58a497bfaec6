"""The brief's policy-warnings table, and names that wrap only between words.

Chinese has no spaces, so reportlab's CJK wrapping breaks a name anywhere — 创新中/心.
`name_cell` breaks a long name before a word from a short list of the words project and
place names are made of (中心, 平台, 技术…), or after punctuation, and shrinks the type a
little before it would break inside a word. Latin names wrap at spaces as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.i18n import register, t
from desktop_app.reports.fit import WORDS
from desktop_app.reports.styles import FRAME_W, HEALTH_COLOURS, Styles, text
from desktop_app.reports.tables import cell, grid_table
from desktop_app.snapshots.brief import WarningItem

register(
    {
        "Policy warnings": "政策提示",
        "No policy warnings.": "无政策提示。",
        "No.": "序号",
        "Project": "项目",
        "Severity": "严重程度",
        "Warning": "提示",
        "Figure": "数据",
        "Red": "红",
        "Amber": "黄",
    }
)

# the known Chinese words a name breaks between: the tables' own list (reports/fit.py)
BREAK_AFTER = set("、,,()()·/-—:: ")
MIN_SIZE = 6.5


def _boundaries(name: str) -> set[int]:
    """Indices where a line may break: before a known word, after punctuation or a Latin run."""
    cuts: set[int] = set()
    for word in WORDS:
        start = name.find(word)
        while start != -1:
            cuts.add(start)
            cuts.add(start + len(word))
            start = name.find(word, start + 1)
    for i, ch in enumerate(name):
        if ch in BREAK_AFTER:
            cuts.add(i + 1)
        if i and ch.isascii() != name[i - 1].isascii():
            cuts.add(i)
    return {c for c in cuts if 0 < c < len(name)}


def _lines(name: str, width: float, font: str, size: float) -> list[str] | None:
    """Greedy lines broken only at boundaries; None when a piece is wider than `width`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    cuts = sorted(_boundaries(name)) + [len(name)]
    lines: list[str] = []
    start = 0
    while start < len(name):
        best = None
        for c in cuts:
            if c <= start:
                continue
            if stringWidth(name[start:c], font, size) <= width:
                best = c
            else:
                break
        if best is None:
            return None
        lines.append(name[start:best])
        start = best
    return lines


def name_cell(name: str, width: float, st: Styles, *, padding: float = 6) -> Any:
    """A Paragraph of `name` fitted to a column `width` points wide without splitting words."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    inner = width - padding
    base = st.cell
    if any(ch.isspace() for ch in name.strip()) and name.isascii():
        return Paragraph(text(name), ParagraphStyle("name_en", parent=base, wordWrap=None))
    size = float(base.fontSize)
    while size >= MIN_SIZE:
        lines = _lines(name, inner, st.font, size)
        if lines is not None and len(lines) <= 3:
            style = ParagraphStyle(
                f"name_{size}", parent=base, fontSize=size, leading=size * 1.3, wordWrap=None
            )
            return Paragraph("<br/>".join(text(x) for x in lines), style)
        size -= 0.5
    return cell(name, base)  # no boundary fits at all: let reportlab break it


def warnings_table(items: Sequence[WarningItem], st: Styles) -> list[Any]:
    from reportlab.platypus import Paragraph

    out: list[Any] = [Paragraph(text(t("Policy warnings")), st.h3)]
    if not items:
        return [*out, Paragraph(text(t("No policy warnings.")), st.body)]
    names = {"red": t("Red"), "amber": t("Amber")}
    rows = [
        [
            str(w.project_no),
            name_cell(w.project_name, 120, st),
            cell(
                f'<font color="{HEALTH_COLOURS.get(w.level, "#555555")}">▲</font> '
                f"{text(names.get(w.level, w.level))}",
                st.cell,
                markup=True,
            ),
            w.reason,
            w.figure,
        ]
        for w in items
    ]
    out.append(
        grid_table(
            st,
            [t("No."), t("Project"), t("Severity"), t("Warning"), t("Figure")],
            rows,
            [24, 120, 44, FRAME_W - 278, 90],
            align="clllr",
        )
    )
    return out


__all__ = ["name_cell", "warnings_table"]
