"""The quarterly brief's floor: a bare reportlab document of the same shape, nothing else.

    python benchmarks/_brief_floor.py PAGES ROWS COLS OUT.pdf

Each page holds one table of ROWS × COLS wrapped Chinese cells (the size of the brief's
portfolio table) and one stacked bar chart, set in the same embedded TrueType font with
reportlab's C speed-ups: what any brief of that many pages must cost at least. No
database, no app code, no page x of y.
"""

from __future__ import annotations

import sys
from pathlib import Path

FONT_FILE = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"
TEXT = ("数字供应链创新中心", "软件园二期", "绿", "2026-09-30", "240.00")


def chart(width: float):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing

    d = Drawing(width, 150)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 40, 20, width - 50, 120
    bars.data = [(500, 0, 0, 0, 0), (300, 240, 180, 120, 60), (50, 60, 80, 100, 120)]
    bars.categoryAxis.style = "stacked"
    bars.categoryAxis.categoryNames = ["2025", "2026", "2027", "2028", "2029"]
    bars.categoryAxis.labels.fontName = bars.valueAxis.labels.fontName = "WQY"
    d.add(bars)
    return d


def main(argv: list[str]) -> int:
    pages, rows, cols, out = int(argv[0]), int(argv[1]), int(argv[2]), argv[3]
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(TTFont("WQY", str(FONT_FILE), subfontIndex=0))
    rl_config.defaultGraphicsFontName = "WQY"
    style = ParagraphStyle("cell", fontName="WQY", fontSize=8, leading=10.5, wordWrap="CJK")
    doc = SimpleDocTemplate(out, pagesize=A4, initialFontName="WQY", invariant=1)
    width = doc.width
    story = []
    for page in range(pages):
        data = [
            [Paragraph(TEXT[(r + c) % len(TEXT)], style) for c in range(cols)] for r in range(rows)
        ]
        story += [Table(data, colWidths=[width / cols] * cols), chart(width)]
        if page < pages - 1:
            story.append(PageBreak())
    doc.build(story)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
