"""Help → User guide opens the bundled guide offline, with its screenshots; the
`--selftest` that CI runs inside the bundle also passes from source."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from desktop_app.ui import help_action

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guide_names_only_screenshots_that_exist(lang: str) -> None:
    text = (DOCS / f"user-guide.{lang}.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) == 12  # Home + 7 pages + 4 project tabs
    assert all(name.startswith(f"images/{lang}-") for name in images)
    assert [name for name in images if not (DOCS / name).is_file()] == []


def test_help_menu_opens_the_guide_in_the_interface_language(qtbot, db) -> None:
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(AppContext(db=db, lang="zh", readonly=False))
    qtbot.addWidget(window)
    window.finish_startup()  # the Help menu arrives after the first paint
    texts = [a.text() for a in window.help_menu.actions()]
    action = window.help_menu.actions()[0]
    assert len(texts) == 2  # User guide, About
    action.trigger()
    dialogs = window.findChildren(help_action.GuideDialog)
    assert len(dialogs) == 1
    browser = dialogs[0].browser
    assert browser.source().toLocalFile().endswith("user-guide.zh.md")
    assert "项目总览" in browser.toPlainText()
    # Every screenshot was given the display width (found and fitted, not a broken icon).
    assert help_action.fit_images(browser.document()) == 12


def test_missing_guide_is_named_in_one_dialog(qtbot, monkeypatch, tmp_path: Path) -> None:
    from desktop_app.ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(help_action, "docs_root", lambda: tmp_path)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text, *a: shown.append(text))
    assert help_action.open_user_guide("en") is None
    assert shown == [f"The user guide is missing: {tmp_path / 'user-guide.en.md'}"]


@pytest.fixture
def undo_translators(qapp):
    """The self-test installs the Chinese translators on the shared QApplication; later
    tests expect the English source strings, so take them off again."""
    from PySide6.QtCore import QLocale

    from desktop_app.ui import translation

    saved = QLocale()
    yield
    for translator in translation._installed:
        qapp.removeTranslator(translator)
    translation._installed.clear()
    QLocale.setDefault(saved)


def test_selftest_passes_from_source(qtbot, capsys, undo_translators) -> None:
    from desktop_app.selftest import run_selftest

    assert run_selftest() == 0
    out = capsys.readouterr().out
    for step in ("resources", "demo database", "main window", "workbook export", "quarterly brief"):
        assert f"ok   {step}:" in out
    assert "13 projects" in out
    # Every sub-command, end to end, each on its own line (issue 27: the bundle could not
    # make returns and the self-test never tried).
    for step in SUBCOMMAND_STEPS:
        assert f"ok   {step}:" in out, out
    assert "13 return(s) recorded" in out and "FAIL" not in out
    assert out.strip().endswith("self-test passed")


SUBCOMMAND_STEPS = (
    "init",
    "check",
    "export",
    "import",
    "CSV export",
    "report (brief)",
    "final report",
    "close-quarter",
    "quarters",
    "reopen-quarter",
    "evidence add",
    "evidence list",
    "evidence get",
    "returns make",
    "returns collect",
    "returns status",
    "backup",
    "restore",
    "copy to SQLite",
)


def test_selftest_names_the_failing_command(qtbot, capsys, monkeypatch, undo_translators) -> None:
    """A command the bundle cannot run (here: xlsxwriter missing, as build.spec once made it)
    fails the self-test on its own line, with the reason."""
    import builtins

    from desktop_app.selftest import run_selftest

    real_import = builtins.__import__

    def no_xlsxwriter(name, *args, **kwargs):
        if name == "xlsxwriter" or name.startswith("xlsxwriter."):
            raise ModuleNotFoundError("No module named 'xlsxwriter'", name="xlsxwriter")
        return real_import(name, *args, **kwargs)

    for name in [m for m in sys.modules if m == "xlsxwriter" or m.startswith("xlsxwriter.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(builtins, "__import__", no_xlsxwriter)
    assert run_selftest() == 1
    out = capsys.readouterr().out
    assert "FAIL returns make: " in out and "ModuleNotFoundError" in out
    assert "ok   evidence get:" in out and "self-test passed" not in out
