"""The brief as a PDF: what a reader sees (text, pages, fonts), reproducibility, rendering."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from brief_sample import EPOCH, MARKUP_NAME, add_sample
from platform_marks import needs_poppler
from sqlalchemy import func, select

from desktop_app.db.database import open_database
from desktop_app.db.models import Disbursement, Project
from desktop_app.domain.money import format_wan
from desktop_app.reports.brief import write_brief
from desktop_app.services.brief_data import build_brief_data

PAGES = 1 + 1 + 1 + 13 + 1  # cover, summary, portfolio, one per project, appendix


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    """The sample database and its 2026Q3 brief in Chinese (built once for this module)."""
    folder = tmp_path_factory.mktemp("brief")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        db = open_database(folder / "sample.sqlite")
        add_sample(db)
        pdf = folder / "brief.pdf"
        pages = write_brief(build_brief_data(db, "2026Q3"), pdf)
        yield db, pdf, pages
        db.dispose()


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_texts(pdf: Path) -> list[str]:
    return pdftotext(pdf).split("\f")[:-1]


@needs_poppler
def test_all_thirteen_names_and_the_markup_literally(brief):
    db, pdf, _ = brief
    text = pdftotext(pdf)
    with db.reader() as s:
        names = list(s.scalars(select(Project.name_zh)))
    assert len(names) == 13
    flat = text.replace("\n", "")
    for name in names:
        assert name in flat, name
    assert MARKUP_NAME in flat  # `<b>R&D</b>` printed, not interpreted


@needs_poppler
def test_summary_totals_match_the_database(brief):
    db, pdf, _ = brief
    with db.reader() as s:
        paid = s.scalar(
            select(func.sum(Disbursement.amount_fen)).where(
                Disbursement.paid_on.between(date(2026, 1, 1), date(2026, 9, 30))
            )
        )
    summary_page = page_texts(pdf)[1]
    assert format_wan(paid) in summary_page
    assert format_wan(paid) == "270.00"
    assert "400.00" in summary_page  # 240 + 60 (project 1) + 100 (project 2)
    # progress counts only start-up and fixed support payable this year: 270 of 340, not
    # 270 of 400 (the reward cap of 60 is paid after next year's evaluation)
    assert "340.00" in summary_page and "79.4%" in summary_page
    assert "67.5%" not in summary_page
    assert "15.0%" in summary_page  # reward cap 60 of 400, its own name and footnote
    assert "奖励计划占比" in summary_page and "60.00 ÷ 400.00" in summary_page
    assert "88.0" in summary_page  # average and lowest projected score, one decimal


@needs_poppler
def test_page_count_and_no_empty_page(brief):
    _, pdf, pages = brief
    texts = page_texts(pdf)
    assert pages == len(texts) == PAGES
    for n, page in enumerate(texts, start=1):
        assert f"第 {n} 页 / 共 {PAGES} 页" in page
        assert len(page.split()) > 8, f"page {n} is nearly empty"


@needs_poppler
def test_empty_projects_say_so(brief):
    _, pdf, _ = brief
    page = page_texts(pdf)[5]  # project 3: no milestones, plan or indicators
    assert "2026 年无里程碑" in page
    assert "未录入经费计划" in page
    assert "2026 年未设绩效指标" in page


@needs_poppler
def test_every_font_is_embedded(brief):
    _, pdf, _ = brief
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        assert "TrueType" in cols and cols[-5] == "yes", row  # emb column
        assert "WenQuanYi" in cols[0]


def test_same_epoch_gives_identical_bytes(brief, tmp_path, monkeypatch):
    db, pdf, _ = brief
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = tmp_path / "again.pdf"
    write_brief(build_brief_data(db, "2026Q3"), again)
    assert again.read_bytes() == pdf.read_bytes()


@needs_poppler
def test_a_page_renders(brief, tmp_path):
    _, pdf, _ = brief
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "4", "-l", "4", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    assert png.stat().st_size > 5000


def test_failed_render_leaves_no_file(brief, tmp_path, monkeypatch):
    db, _, _ = brief
    data = build_brief_data(db, "2026Q3")
    import desktop_app.reports.brief as module

    def broken(*_args, **_kw):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(module, "story", broken)
    with pytest.raises(RuntimeError):
        write_brief(data, tmp_path / "x.pdf")
    assert os.listdir(tmp_path) == []


def test_reports_import_neither_qt_nor_reportlab_up_front():
    code = (
        "import sys, desktop_app.reports.brief, desktop_app.reports.sections, "
        "desktop_app.services.brief_data, desktop_app.commands.report;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
