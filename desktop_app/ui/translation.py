"""Installing the Qt translators: ours (`key_projects_zh_CN.qm`) and Qt's own dialogs'."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.resources import resource_path

QM_BASENAME = "key_projects"
_installed: list[QTranslator] = []


def install_translators(app: QApplication, lang: str) -> bool:
    """English is the source language; Chinese loads the .qm. Returns False if it is missing."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    ok = ours.load(str(resource_path("translations", f"{QM_BASENAME}_zh_CN.qm")))
    if ok:
        app.installTranslator(ours)
        _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    base = QTranslator(app)
    if base.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(base)
        _installed.append(base)
    return ok
