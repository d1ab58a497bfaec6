"""Floors: the least a program doing the same job could cost, run as `floors.py NAME ARGS`.

Each floor is a bare script measured in the same run as the app (see `harness.alternate`),
so a ratio compares like with like on this machine. Add a floor as one function in
`FLOORS`; it runs in a fresh process and must exit 0.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def startup_floor(db_path: str) -> int:
    """Issue 2's floor: import PySide6 + SQLAlchemy, read the 13 projects with SQLAlchemy,
    show them in a QMainWindow with a QTableView, quit once the first frame is painted."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
    from sqlalchemy import create_engine, text

    def shown() -> None:
        print(f"KEY_PROJECTS_SHOWN_AT {time.time():.6f}", flush=True)
        app.quit()

    engine = create_engine(f"sqlite+pysqlite:///{db_path}")
    with engine.connect() as conn:
        rows = [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT p.no, p.name_zh, z.name_zh, p.status, p.lead_org, p.start_date,"
                    " p.end_date FROM project p LEFT JOIN zone z ON z.id = p.zone_id"
                    " ORDER BY p.no"
                )
            )
        ]
    engine.dispose()

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008
            return len(rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: B008
            return 7

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                value = rows[index.row()][index.column()]
                return "" if value is None else str(value)
            return None

    class Window(QMainWindow):
        painted = False

        def paintEvent(self, event):
            super().paintEvent(event)
            if not self.painted:  # report on the turn after the first frame, as the app does
                self.painted = True
                QTimer.singleShot(0, shown)

    app = QApplication(sys.argv[:1])
    window = Window()
    view = QTableView()
    model = Model()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1200, 800)
    window.show()
    app.exec()
    if model.rowCount() != 13:
        print(f"expected 13 projects, read {model.rowCount()}", file=sys.stderr)
        return 1
    return 0


def startup_floor_sqlalchemy_first(db_path: str) -> int:
    """The same floor importing SQLAlchemy before PySide6, as the app does: PySide6's
    import hook reads the source of every module imported after it. Not the issue-2
    floor; `startup.py --sa-first-floor` prints it beside the ratio, for honesty."""
    import sqlalchemy  # noqa: F401 - before PySide6

    return startup_floor(db_path)


FLOORS: dict[str, Callable[..., int]] = {
    "startup": startup_floor,
    "startup-sa-first": startup_floor_sqlalchemy_first,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in FLOORS:
        print(f"usage: floors.py {{{','.join(FLOORS)}}} ARGS...", file=sys.stderr)
        return 2
    return FLOORS[argv[0]](*argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
