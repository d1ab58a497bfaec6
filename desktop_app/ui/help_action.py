"""Help → User guide: the bundled guide (Markdown with screenshots), shown offline in-app.

The guides live in `docs/` beside the package (from source) or in the bundle's `docs/`
(build.spec copies them). A QTextBrowser renders the Markdown and finds the screenshots
relative to the file, so nothing needs a browser or the network.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.resources import docs_root
from desktop_app.ui import dialogs
from desktop_app.ui.widgets.screen_fit import fit_to_screen


def guide_path(lang: str) -> Path:
    """The guide in the interface language, else the other one."""
    order = ("zh", "en") if lang != "en" else ("en", "zh")
    for code in order:
        path = docs_root() / f"user-guide.{code}.md"
        if path.is_file():
            return path
    return docs_root() / f"user-guide.{order[0]}.md"


# Screenshots are 1280 px wide; shown at this width they fit the dialog without scrolling.
IMAGE_WIDTH = 900


def fit_images(document: QTextDocument, width: int = IMAGE_WIDTH) -> int:
    """Give every image a display width (height follows the aspect ratio); returns how many."""
    fitted = 0
    cursor = QTextCursor(document)
    for pos, char in enumerate(document.toRawText()):
        if char != "\ufffc":  # the object replacement character that stands for an image
            continue
        cursor.setPosition(pos)
        cursor.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
        fmt = cursor.charFormat()
        if fmt.isImageFormat():
            image = fmt.toImageFormat()
            image.setWidth(width)
            cursor.setCharFormat(image)
            fitted += 1
    return fitted


class GuideDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        fit_to_screen(self, 980, 760)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        fit_images(self.browser.document())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)


def open_user_guide(lang: str, parent: QWidget | None = None) -> GuideDialog | None:
    path = guide_path(lang)
    if not path.is_file():
        text = QCoreApplication.translate("GuideDialog", "The user guide is missing: {path}")
        dialogs.show_error(parent, text.format(path=path))
        return None
    dialog = GuideDialog(path, parent)
    dialog.show()  # not modal: officers keep it open beside the window
    return dialog


def install(window: QMainWindow, menu: QMenu, lang: str) -> QAction:
    """Add Help → User guide (F1) to `menu`."""
    action = QAction(QCoreApplication.translate("MainWindow", "&User guide"), window)
    action.setShortcut(QKeySequence.StandardKey.HelpContents)
    action.triggered.connect(lambda: open_user_guide(lang, window))
    menu.addAction(action)
    return action
