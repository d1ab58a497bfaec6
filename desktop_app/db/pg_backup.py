"""Backups of a PostgreSQL database with the server's own tools: `pg_dump -Fc`, `pg_restore`.

A server database is not a file we can copy, so `key-projects backup` and `restore`
hand it to pg_dump / pg_restore when they are on PATH, and otherwise say plainly what
to install or ask IT for. The password goes to them through `PGPASSWORD` in their
environment only (never on a command line other users can see), and `-w` stops them
from prompting. A restore runs in one transaction (`--single-transaction`): all or
nothing, and only from a dump that holds our tables at a schema revision we know.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL

from desktop_app.db import migrate
from desktop_app.db.server import PasswordPrompt, masked, scrub
from desktop_app.errors import DatabaseRefused, UserError
from desktop_app.fileio import replace_file
from desktop_app.i18n import register, t
from desktop_app.paths import data_dir, make_private_dir

register(
    {
        "{tool} is not on PATH, so {server} cannot be backed up from here. Install the "
        "PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client; Windows: "
        "the PostgreSQL installer's Command Line Tools), or ask IT to run: {command}": (
            "找不到 {tool},无法在本机备份 {server}。请安装 PostgreSQL 客户端工具"
            "(Debian/Ubuntu:apt install postgresql-client;Windows:PostgreSQL 安装程序中的"
            "“Command Line Tools”),或请信息科执行:{command}"
        ),
        "{server}: {tool} failed: {reason}": "{server}:{tool} 失败:{reason}",
        "{path}: not a pg_dump custom-format file of a key-projects database": (
            "{path}:不是本程序数据库的 pg_dump 自定义格式备份"
        ),
        "{path}: made by a newer version of key-projects (schema {revision})": (
            "{path}:由更新版本的程序生成(数据结构 {revision})"
        ),
        "{path}: no such file": "{path}:文件不存在",
    }
)

#: Tables a dump must hold to be ours.
REQUIRED_TABLES = ("alembic_version", "project", "audit_entry")


def _conninfo(url: URL) -> str:
    """A libpq connection string without the password (that goes in the environment)."""
    parts = {
        "host": url.host,
        "port": str(url.port) if url.port else None,
        "user": url.username,
        "dbname": url.database,
    }
    for key, value in url.query.items():
        parts[key] = value if isinstance(value, str) else value[-1]

    def quote(value: str) -> str:
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"

    return " ".join(f"{k}={quote(v)}" for k, v in parts.items() if v)


def _env(url: URL) -> dict[str, str]:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return env


def _tool(name: str, url: URL, command: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise UserError(
            t(
                "{tool} is not on PATH, so {server} cannot be backed up from here. Install the "
                "PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client; Windows: "
                "the PostgreSQL installer's Command Line Tools), or ask IT to run: {command}",
                tool=name,
                server=masked(url),
                command=command,
            )
        )
    return found


def _run(args: list[str], url: URL, tool: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, env=_env(url), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        reason = scrub(lines[-1] if lines else f"exit status {done.returncode}", url)
        reason = reason.removeprefix(f"{tool}: ").removeprefix("error: ")
        raise UserError(
            t("{server}: {tool} failed: {reason}", server=masked(url), tool=tool, reason=reason)
        )
    return done


def default_dump_path(url: URL, label: str = "manual", when: datetime | None = None) -> Path:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return data_dir() / "backups" / f"{url.database or 'postgres'}-{label}-{stamp}.dump"


def dump(url: URL, dest: Path | None = None) -> Path:
    """`pg_dump -Fc` of the database to `dest` (temp file renamed into place when complete)."""
    dest = dest or default_dump_path(url)
    if dest.is_dir():
        dest = dest / default_dump_path(url).name
    exe = _tool("pg_dump", url, f"pg_dump -Fc -f {dest.name} {url.database}")
    make_private_dir(dest.parent)
    tmp = dest.with_name(f".{dest.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        _run(
            [exe, "-Fc", "-w", "--no-owner", "-f", str(tmp), "--dbname", _conninfo(url)],
            url,
            "pg_dump",
        )
        os.chmod(tmp, 0o600)
        replace_file(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def dump_revision(url: URL, src: Path) -> str:
    """The schema revision inside a dump; refuses a file that is not one of ours."""
    if not src.is_file():
        raise DatabaseRefused(t("{path}: no such file", path=src))
    exe = _tool("pg_restore", url, f"pg_restore --single-transaction -d {url.database} {src.name}")
    not_ours = DatabaseRefused(
        t("{path}: not a pg_dump custom-format file of a key-projects database", path=src)
    )
    listing = subprocess.run([exe, "-l", str(src)], capture_output=True, text=True, check=False)
    if listing.returncode != 0:
        raise not_ours
    tables = set(re.findall(r" TABLE (?:DATA )?\S+ (\w+) ", listing.stdout))
    if not set(REQUIRED_TABLES) <= tables:
        raise not_ours
    data = subprocess.run(
        [exe, "-f", "-", "--data-only", "-t", "alembic_version", str(src)],
        capture_output=True,
        text=True,
        check=False,
    )
    m = re.search(r"^COPY [^\n]*alembic_version[^\n]*\n([^\n\\]+)\n", data.stdout, re.M)
    if not m:
        raise not_ours
    revision = m.group(1).strip()
    if not migrate.is_known(revision):
        raise DatabaseRefused(
            t(
                "{path}: made by a newer version of key-projects (schema {revision})",
                path=src,
                revision=revision,
            )
        )
    return revision


def restore(url: URL, src: Path) -> str:
    """Replace the database's contents with the dump, in one transaction; returns its revision."""
    revision = dump_revision(url, src)
    exe = _tool("pg_restore", url, f"pg_restore --single-transaction -d {url.database} {src.name}")
    _run(
        [
            exe,
            "-w",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            _conninfo(url),
            str(src),
        ],
        url,
        "pg_restore",
    )
    return revision


@dataclass(frozen=True)
class RestoredServer:
    database: str
    previous: Path


def restore_into(
    target: str, src: Path, ask_password: PasswordPrompt | None = None
) -> RestoredServer:
    """`key-projects restore` on a server: check the dump, save the current data, restore.

    The current contents are dumped first (`<db>-pre-restore-…dump`), so a restore can
    itself be undone; afterwards the database is opened once, which migrates a dump
    from an older version.
    """
    from desktop_app.db.database import open_database

    db = open_database(target, create=False, seed=False, lock=False, ask_password=ask_password)
    try:
        db.require_writable()
        url = db.url
        dump_revision(url, src)
        previous = dump(url, default_dump_path(url, "pre-restore"))
    finally:
        db.dispose()
    restore(url, src)
    open_database(url.render_as_string(hide_password=False), create=False, lock=False).dispose()
    return RestoredServer(database=masked(url), previous=previous)
