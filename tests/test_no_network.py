"""The app never touches the network: no sockets, no update checks, no telemetry.

A guard replaces every way Python opens a connection or resolves a name; the demo
build, the command-line runs and the whole window (every page refreshed, every File
action installed) must then work without tripping it. A scan of the source keeps
network libraries out (the PostgreSQL driver, which a user configures, is the one
exception and lives in `db/server.py`).
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from desktop_app import cli

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"
NETWORK_MODULES = re.compile(
    r"^\s*(?:from|import)\s+(QtNetwork|PySide6\.QtNetwork|urllib\.request|urllib3|http\.client|"
    r"requests|httpx|aiohttp|smtplib|ftplib|telnetlib|xmlrpc|socketserver|ssl)\b",
    re.M,
)


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str):
        def _refuse(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkUsed(f"network access: {name}")

        return _refuse

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_guard_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))
    assert no_network


def test_cli_flows_open_no_socket(tmp_path: Path, no_network: list[str], capsys) -> None:
    path = str(tmp_path / "net.sqlite")
    assert cli.main(["init", "--demo", "--db", path]) == 0
    assert cli.main(["check", "--db", path]) == 0
    copy = str(tmp_path / "copy.sqlite")
    assert cli.main(["backup", "--db", path, "-o", copy]) == 0
    assert cli.main(["restore", "--db", path, copy]) == 0
    book = str(tmp_path / "book.xlsx")
    assert cli.main(["export", "--db", path, "-o", book]) == 0
    assert cli.main(["import", "--db", path, book]) == 0
    assert no_network == []


def test_window_opens_no_socket(tmp_path: Path, no_network: list[str], qtbot) -> None:
    from desktop_app.db.database import open_database
    from desktop_app.db.demo import build_demo
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    db = open_database(tmp_path / "gui.sqlite")
    build_demo(db)
    window = MainWindow(AppContext(db=db))
    qtbot.addWidget(window)
    for page in window.pages:
        page.refresh()
    window.close()
    db.dispose()
    assert no_network == []


def test_no_network_library_in_the_source() -> None:
    offenders = []
    for file in PACKAGE.rglob("*.py"):
        if file.name == "server.py":
            continue
        for m in NETWORK_MODULES.finditer(file.read_text(encoding="utf-8")):
            offenders.append(f"{file.relative_to(PACKAGE)}: {m.group(0).strip()}")
    assert offenders == []
