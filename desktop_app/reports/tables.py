"""One look for every table in the brief: a tinted header that repeats, thin grid, zebra rows.

Every text cell is laid out to its column's width (reports.fit) so long names wrap inside
their column instead of running over the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.reports.styles import GRID, HEAD_BG, ZEBRA, Styles, text

#: A reportlab TableStyle command: ("NAME", (col, row), (col, row), *values).
StyleCommand = tuple[Any, ...]


def cell(value: object, style: Any, *, markup: bool = False) -> Any:
    """A wrapped cell; database text is escaped unless `markup` is our own."""
    from reportlab.platypus import Paragraph

    return Paragraph(str(value) if markup else text(value), style)


def _cell(value: Any, style: Any, align: str, width: float) -> Any:
    """Numbers, dates and grades (right/centre columns) that fit are drawn as plain
    strings, other text that fits as its one line; the rest is fitted to its column
    without breaking a word, number or date (reports.fit). No Paragraph: parsing each
    cell as markup and wrapping it again cost a third of the brief's layout."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop_app.reports.fit import fitted
    from desktop_app.reports.lines import FittedLines

    if hasattr(value, "wrapOn"):
        return value
    value = "" if value is None else str(value)
    one_line = "\n" not in value
    if one_line and stringWidth(value, style.fontName, style.fontSize) <= width - 7:
        if align in "rc":
            return value
        return FittedLines(value, (value,), style, style.fontSize, style.leading)
    return fitted(value, width, style)


def grid_table(
    styles: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    align: str = "",
    extra: Sequence[StyleCommand] = (),
) -> Any:
    """A table with `header` repeated on every page it spans.

    `rows` hold plain values (escaped into Paragraphs) or ready flowables. `align` gives
    one letter per column: l(eft), r(ight) or c(enter), default left.
    """
    from reportlab.platypus import LongTable, TableStyle

    aligns = align.ljust(len(widths), "l")
    by_align = {"l": styles.cell, "r": styles.cell_right, "c": styles.cell_center}
    col_styles = [by_align.get(a, styles.cell) for a in aligns]
    from desktop_app.reports.fit import fitted

    data = [[fitted(h, widths[i], styles.head) for i, h in enumerate(header)]]
    for row in rows:
        data.append([_cell(v, col_styles[i], aligns[i], widths[i]) for i, v in enumerate(row)])
    names = {"l": "LEFT", "r": "RIGHT", "c": "CENTER"}
    commands: list[StyleCommand] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("FONTSIZE", (0, 0), (-1, -1), styles.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), styles.cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), styles.cell.textColor),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, "#1F3A5F"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(data), 2)]
    commands += [("ALIGN", (i, 1), (i, -1), names[a]) for i, a in enumerate(aligns) if a != "l"]
    commands += list(extra)
    # LongTable stops measuring rows once a page is full, so a 2,000-row table splits in
    # linear time (a plain Table re-measures everything left at every page break).
    table = LongTable(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def key_value_table(
    styles: Styles, pairs: Sequence[tuple[str, Any]], widths: Sequence[float], *, columns: int = 2
) -> Any:
    """Label/value pairs laid out `columns` pairs to a row (project facts, cover facts)."""
    from reportlab.platypus import Table, TableStyle

    from desktop_app.reports.fit import fitted

    data: list[list[Any]] = []
    for i in range(0, len(pairs), columns):
        row: list[Any] = []
        for key, value in pairs[i : i + columns]:
            col = len(row)
            row.append(fitted(str(key), widths[col], styles.small))
            row.append(
                value
                if hasattr(value, "wrapOn")
                else fitted(str(value), widths[col + 1], styles.cell)
            )
        row += [""] * (2 * columns - len(row))
        data.append(row)
    table = Table(data, colWidths=list(widths), hAlign="LEFT")
    commands: list[StyleCommand] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("BACKGROUND", (c, 0), (c, -1), ZEBRA) for c in range(0, 2 * columns, 2)]
    table.setStyle(TableStyle(commands))
    return table
