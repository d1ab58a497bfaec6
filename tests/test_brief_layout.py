"""No table cell of either report, in either language, breaks inside a word, a number or a
date: each cell is laid out at its column's width as reportlab lays it out, and every line
break must fall between two tokens of the cell's text (reports.fit.tokens: a Latin word,
number or date; a known Chinese word; else one Chinese character)."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from platform_marks import needs_poppler

from desktop_app.i18n import using_language
from desktop_app.reports.fit import tokens

TAG = re.compile(r"<[^>]+>")


def _plain(markup: str) -> str:
    return html.unescape(TAG.sub("", re.sub(r"<br\s*/?>", "\n", markup)))


def _line_texts(p: Any) -> list[str]:
    bl = p.blPara
    out = []
    for ln in bl.lines:
        if bl.kind == 0:
            out.append("".join(ln[1]))
        else:
            out.append("".join(getattr(w, "text", "") for w in ln.words))
    return out


def _bad_cuts(source: str, lines: list[str]) -> list[str]:
    """Line breaks (beyond the text's own) that fall inside a token of `source`."""
    compact: list[str] = []
    inside: set[int] = set()  # compact positions that are not a token boundary
    for para in source.split("\n"):
        start = len(compact)
        for tok in tokens(para):
            chars = [c for c in tok if not c.isspace()]
            for k in range(1, len(chars)):
                inside.add(len(compact) + k)
            compact += chars
        del start
    pos, bad = 0, []
    for line in lines[:-1]:
        pos += sum(1 for c in line if not c.isspace())
        if pos in inside:
            text = "".join(compact)
            bad.append(f"{text[max(0, pos - 8) : pos]}|{text[pos : pos + 8]}")
    return bad


def _tables(flow: list[Any]) -> list[Any]:
    from reportlab.platypus import KeepTogether, Table

    out = []
    for f in flow:
        if isinstance(f, Table):
            out.append(f)
            for row in f._cellvalues:
                for v in row:
                    if isinstance(v, list):
                        out += _tables(v)
        elif isinstance(f, KeepTogether):
            out += _tables(f._content)
    return out


def _broken_cells(flow: list[Any]) -> list[str]:
    """Cuts inside a token, and lines of our own layout (reports.lines) wider than their
    column: a Paragraph is wrapped as reportlab wraps it, a FittedLines is drawn as is."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    from desktop_app.reports.lines import FittedLines

    found = []
    for table in _tables(flow):
        widths = table._colWidths
        for row in table._cellvalues:
            for col, value in enumerate(row):
                if isinstance(value, Paragraph):
                    value.wrap(widths[col] - 6, 10_000)
                    found += _bad_cuts(_plain(value.text), _line_texts(value))
                elif isinstance(value, FittedLines):
                    found += _bad_cuts(value.source, list(value.lines))
                    found += [
                        f"too wide: {line}"
                        for line in value.lines
                        if stringWidth(line, value.font, value.size) > widths[col] - 6
                    ]
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from desktop_app.db.database import open_database
    from desktop_app.db.demo import build_demo

    path = tmp_path_factory.mktemp("layout") / "demo.sqlite"
    db = open_database(path)
    build_demo(db)
    yield db
    db.dispose()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_brief_table_cell_breaks_inside_a_word(demo, lang, monkeypatch) -> None:
    from desktop_app.reports.brief import story
    from desktop_app.reports.styles import make_styles
    from desktop_app.services.quarter_brief import brief_for

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    data = brief_for(demo, "2026Q3", lang)
    with using_language(lang):
        flow = story(data, make_styles(lang))
        assert _broken_cells(flow) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_final_report_table_cell_breaks_inside_a_word(demo, lang) -> None:
    from desktop_app.reports.final_sections import story
    from desktop_app.reports.styles import make_styles
    from desktop_app.services.plan_period import build_final_report

    data = build_final_report(demo, "2021-2025", lang)
    with using_language(lang):
        flow = story(data, make_styles(lang))
        assert _broken_cells(flow) == []


def test_the_check_catches_a_break_inside_a_number_and_a_word() -> None:
    assert _bad_cuts("已拨付 3,160.47 万元", ["已拨付 3,160.", "47 万元"]) != []
    assert _bad_cuts("2020年基数", ["2020年基", "数"]) != []
    assert _bad_cuts("2020年基数", ["2020年", "基数"]) == []
    assert _bad_cuts("Independent Big Data", ["Independent", "Big Data"]) == []


def test_the_check_catches_our_own_lines_cut_in_a_word_or_too_wide() -> None:
    from reportlab.platypus import Table

    from desktop_app.reports.lines import FittedLines
    from desktop_app.reports.styles import make_styles

    st = make_styles("zh")
    cut = FittedLines("2020年基数", ("2020年基", "数"), st.cell, 8, 10.5)
    wide = FittedLines("数字供应链创新中心", ("数字供应链创新中心",), st.cell, 8, 10.5)
    fine = FittedLines("2020年基数", ("2020年", "基数"), st.cell, 8, 10.5)
    assert len(_broken_cells([Table([[cut, fine]], colWidths=[60, 60])])) == 1
    assert _broken_cells([Table([[wide]], colWidths=[40])]) == ["too wide: 数字供应链创新中心"]


def _fills(pdf) -> list[float]:
    """Per page, how far down the body the lowest text reaches (0 = empty, 1 = full)."""
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    fills = []
    for page in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        body = [y for y in ys if 70 < y < height - 55]  # leave out header and footer
        fills.append((max(body) - 62) / (height - 117) if body else 0.0)
    return fills


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_but_the_last_is_almost_empty(demo, lang, tmp_path, monkeypatch) -> None:
    from desktop_app.reports.brief import write_brief
    from desktop_app.services.quarter_brief import brief_for

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    pdf = tmp_path / "brief.pdf"
    write_brief(brief_for(demo, "2026Q3", lang), pdf)
    fills = _fills(pdf)
    assert [i + 1 for i, f in enumerate(fills[:-1]) if f < 1 / 3] == []
