"""Chinese first: every interface string has its Chinese, and the shipped .qm is current."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import i18n as i18n_script  # noqa: E402


def test_every_qt_string_is_translated(tmp_path):
    ts = tmp_path / "check.ts"
    shutil.copyfile(i18n_script.TS, ts)
    i18n_script.update(ts)  # collect the strings the code has now
    missing = i18n_script.unfinished(ts)
    assert missing == [], f"{len(missing)} untranslated, e.g. {missing[:10]}"


def test_shipped_qm_matches_the_ts(tmp_path):
    qm = tmp_path / "fresh.qm"
    i18n_script.compile_qm(i18n_script.TS, qm)
    assert qm.read_bytes() == i18n_script.QM.read_bytes(), "run: python scripts/i18n.py compile"


def test_every_t_message_has_chinese():
    """Literal `t("…")` calls outside Qt must have a registered Chinese text (the second
    half of `python scripts/i18n.py missing`)."""
    assert i18n_script.catalogue_missing() == []


def test_window_speaks_chinese_by_default(qtbot, qapp, db):
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.translation import install_translators

    assert install_translators(qapp, "zh")
    try:
        w = MainWindow(AppContext(db=db, lang="zh"))
        qtbot.addWidget(w)
        titles = [w.tabs.tabText(i) for i in range(w.tabs.count())]
        assert titles[:2] == ["首页", "项目总览"]
        assert w.file_menu.title() == "文件(&F)"
    finally:
        install_translators(qapp, "en")
    w2 = MainWindow(AppContext(db=db, lang="en"))
    qtbot.addWidget(w2)
    assert [w2.tabs.tabText(i) for i in (0, 1)] == ["Home", "Portfolio"]


def test_default_ui_language_is_chinese():
    from desktop_app.preferences import Preferences

    assert Preferences.load().language == "zh"
