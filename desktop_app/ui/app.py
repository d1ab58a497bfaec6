"""Starting the window: Qt, font, translations, database — in that order, and fast.

pandas, reportlab and Alembic are not imported here; features import them when used.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from desktop_app.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: Modules the first paint must not need (`KEY_PROJECTS_EXIT_AFTER_SHOW=modules` lists the
#: ones loaded by then; tests/test_layering.py checks it is none).
HEAVY_MODULES = (
    "pandas",
    "numpy",
    "reportlab",
    "alembic",
    "openpyxl",
    "python_calamine",
    "sqlalchemy.orm",
    "desktop_app.db.models",
)


def report_shown(window: QWidget | None = None, rows: int | None = None) -> None:
    """Print the wall-clock moment the window was shown (benchmark hook) and, given the
    window, what showed it: CI checks this line to know a real display opened the window."""
    import time

    if sys.stdout is None:
        return
    print(f"KEY_PROJECTS_SHOWN_AT {time.time():.6f}", flush=True)
    if window is not None:
        from PySide6.QtGui import QGuiApplication

        print(
            f"KEY_PROJECTS_WINDOW platform={QGuiApplication.platformName()}"
            f" visible={int(window.isVisible())}"
            f" size={window.width()}x{window.height()}",
            flush=True,
        )
    if os.environ.get("KEY_PROJECTS_EXIT_AFTER_SHOW") == "modules":
        loaded = [m for m in HEAVY_MODULES if m in sys.modules]
        print(f"KEY_PROJECTS_SHOWN_ROWS {rows}", flush=True)
        print(f"KEY_PROJECTS_SHOWN_MODULES {','.join(loaded) or '-'}", flush=True)


#: SQLAlchemy Core and the first paint's data modules (see `_import_before_qt`).
BEFORE_QT = (
    "desktop_app.db.database",
    "desktop_app.domain.health",
    "desktop_app.services.project_list",
    "desktop_app.snapshots.home",
)


def _import_before_qt() -> None:
    """Import the pure-Python modules of the first paint before PySide6.

    Once PySide6 is imported, its import hook (shibokensupport `feature_imported`) reads
    the source of every module imported after it, looking for "PySide6": importing
    SQLAlchemy and our data layer first saves about 0.08 s of CPU at every start.
    """
    import importlib

    for name in BEFORE_QT:
        importlib.import_module(name)


def run_gui(db_target: str | None, lang: str | None = None) -> int:
    _import_before_qt()
    from PySide6.QtWidgets import QApplication

    from desktop_app.i18n import set_language
    from desktop_app.paths import default_database
    from desktop_app.preferences import Preferences
    from desktop_app.ui.fonts import apply_app_font
    from desktop_app.ui.translation import install_translators

    prefs = Preferences.load()
    lang = lang or prefs.language
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("key-projects")
    app.setOrganizationName("SimingSciTech")
    apply_app_font(app)
    install_translators(app, lang)
    set_language(lang)

    from desktop_app.db.database import open_database

    target = db_target or default_database()
    # Only the first run on the data-folder default creates a database; a path typed
    # with --db or KEY_PROJECTS_DB must exist (a typo never becomes a new portfolio).
    create = not db_target and not os.environ.get("KEY_PROJECTS_DB")
    try:
        from desktop_app.ui.password_prompt import ask_password_in_window

        db = open_database(
            target, create=create, officer=prefs.officer, ask_password=ask_password_in_window
        )
    except UserError as exc:
        from desktop_app.ui import dialogs  # QMessageBox: only when there is something to say
        from desktop_app.ui.restore_dialog import offer_backup_for_damaged

        restored = offer_backup_for_damaged(exc)  # None: not a damaged database
        if restored is None:
            dialogs.show_error(None, str(exc))
        if not restored:
            return 2
        try:
            db = open_database(target, create=create, officer=prefs.officer)
        except UserError as again:
            dialogs.show_error(None, str(again))
            return 2

    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    ctx = AppContext(db=db, lang=lang, readonly=db.readonly)
    window = MainWindow(ctx)
    first = window.portfolio_page()
    first.refresh()  # Core reads only: the ORM loads after the first paint (window.startup)
    window.show()
    if os.environ.get("KEY_PROJECTS_EXIT_AFTER_SHOW"):
        # Benchmarks: quit once the first frame has been painted, and say when
        # (benchmarks/harness.py times spawn -> shown, not the teardown after it).
        model = getattr(first, "model", None)

        def shown_then_quit() -> None:
            report_shown(window, model.rowCount() if model is not None else None)
            app.quit()

        window.startup.add(shown_then_quit, first=True)
    elif not db.readonly:
        window.startup.add(window.officer.ask_once)  # first use: whose edits are these
    from desktop_app.ui.evidence import viewer_copies

    viewer_copies.remove_earlier_copies()  # evidence copies opened in earlier sessions
    code = app.exec()
    ctx.close()  # settles the jobs, then closes the database in use (a restore swaps it)
    viewer_copies.remove_session_copies()
    return code
