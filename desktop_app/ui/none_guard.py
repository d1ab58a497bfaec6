"""Work around PySide6 6.12 on CPython 3.11: Qt's void methods give None back one short.

Each call from Python to a Qt method that returns void lowers None's reference count by
one (shiboken hands back Py_None without taking a reference; see
tests/test_timeline_ui.py::test_none_survives_many_void_qt_calls). CPython 3.12+ makes
None immortal, so nothing happens there; on 3.11 a process that makes enough such calls
(one Gantt repaint makes thousands) frees None and aborts with "none_dealloc". Adding a
huge count once makes None immortal in effect, as 3.12 does. Idempotent, and a no-op
where not needed.
"""

from __future__ import annotations

import ctypes
import sys

_state = {"done": False}
_HEADROOM = 1 << 40


def protect_none() -> None:
    if _state["done"] or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    _state["done"] = True
