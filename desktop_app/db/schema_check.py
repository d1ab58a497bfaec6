"""Is this SQLite file's schema exactly the one our migrations make? And do its rows obey it?

A header and a revision number prove little: a file with an extra trigger, a missing
table or rows that break a CHECK constraint (SQLite never re-checks old rows) carries
both. So a file's tables, columns, indexes, triggers and views are compared with a
reference database the app builds itself with its own migrations to the same revision,
and the rows are re-checked: `PRAGMA foreign_key_check` and every CHECK constraint of
the reference, evaluated on the file's rows.

Building a reference takes about a second (Alembic), so its normalised schema is kept
in memory and in a small cache file keyed by the migration scripts' own digest: a
changed script can never be compared against a stale reference.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.i18n import register, t

register(
    {
        "an extra {kind} “{name}”": "多出{kind}“{name}”",
        "the {kind} “{name}” is missing": "缺少{kind}“{name}”",
        "the {kind} “{name}” differs from the one this version makes": "{kind}“{name}”与本版本建立的不同",  # noqa: E501
        "table": "数据表",
        "index": "索引",
        "trigger": "触发器",
        "view": "视图",
        "a row of “{table}” points to a missing row of “{parent}”": "数据表“{table}”中有一行引用了“{parent}”中不存在的行",  # noqa: E501
        "a row of “{table}” breaks the rule “{rule}”": "数据表“{table}”中有一行违反规则“{rule}”",
    }
)

#: Set to a folder to keep the reference schemas there (tests share one across runs).
CACHE_ENV = "KEY_PROJECTS_CACHE_DIR"
#: Bumped when `normalise_sql` changes, so references cached by an older rule are rebuilt.
#: (A constant, not this file's bytes: the frozen bundle ships no source.)
NORMALISATION = "2-constraints-sorted"

#: (type, name) → (table it belongs to, normalised SQL)
Schema = dict[tuple[str, str], tuple[str, str]]

_MEMORY: dict[tuple[str, str], Schema] = {}
_INTERNAL_TABLES = frozenset(
    {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}
)
_KIND_ORDER = {"table": 0, "view": 1, "trigger": 2, "index": 3}


@dataclass(frozen=True)
class CheckRule:
    """One CHECK constraint of a reference table: re-evaluated on a file's rows."""

    table: str
    name: str
    expression: str


def normalise_sql(sql: str | None) -> str:
    """Whitespace, quoting and case removed, so only a real difference differs."""
    if not sql:
        return ""
    text = re.sub(r"[\"`\[\]]", "", sql).lower()
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*([(),=<>])\s*", r"\1", text)
    return _constraints_sorted(text)


def _constraints_sorted(text: str) -> str:
    """A CREATE TABLE with its table constraints in one order.

    Alembic's batch mode rebuilds a table from a set of constraints, so the order they are
    written in differs from one process to the next; columns keep their order."""
    if not text.startswith("create table") or "(" not in text:
        return text
    start = text.index("(")
    body = _balanced(text, start)
    items, depth, begin = [], 0, 0
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(body[begin:i])
            begin = i + 1
    items.append(body[begin:])
    starts = ("constraint", "primary key", "unique", "check", "foreign key")
    columns = [x for x in items if not x.startswith(starts)]
    constraints = sorted(x for x in items if x.startswith(starts))
    rest = text[start + 1 + len(body) + 1 :]
    return f"{text[:start]}({','.join(columns + constraints)}){rest}"


def read_schema(conn: sqlite3.Connection) -> Schema:
    """Every object a user could have added or changed; SQLite's own internals left out."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    return {
        (kind, name): (table, normalise_sql(sql))
        for kind, name, table, sql in rows
        if not is_internal(kind, name)
    }


def is_internal(kind: str, name: str) -> bool:
    """SQLite's own objects, by exact name: its automatic indexes and statistics tables.

    Compared in Python, not with `LIKE 'sqlite_%'`, where `_` matches any character and a
    trigger named `sqlitex_evil` would pass unseen; and only the names SQLite itself makes,
    so a trigger or view planted as `sqlite_…` is still reported as extra."""
    if kind == "index":
        return name.startswith("sqlite_autoindex_")
    return kind == "table" and name in _INTERNAL_TABLES


def _migrations_digest() -> str:
    from desktop_app.db.migrate import MIGRATIONS_DIR

    digest = hashlib.sha256()
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        digest.update(script.name.encode())
        digest.update(script.read_bytes())
    digest.update(NORMALISATION.encode())  # a new normalisation makes old caches stale
    return digest.hexdigest()[:16]


def _cache_file(revision: str, digest: str) -> Path:
    folder = os.environ.get(CACHE_ENV)
    if folder:
        base = Path(folder)
    else:
        from desktop_app.paths import data_dir

        base = data_dir() / "cache"
    return base / f"schema-{revision}-{digest}.json"


def _build(revision: str) -> Schema:
    """A new database migrated to `revision` by the app's own scripts, read back."""
    from desktop_app.db import migrate
    from desktop_app.db.engine import make_engine, to_url

    with tempfile.TemporaryDirectory(prefix="key-projects-ref-") as folder:
        path = Path(folder) / "reference.sqlite"
        engine = make_engine(to_url(path))
        try:
            migrate.upgrade(engine, revision)
        finally:
            engine.dispose()
        conn = sqlite3.connect(path)
        try:
            return read_schema(conn)
        finally:
            conn.close()


def reference_schema(revision: str) -> Schema:
    """What the migrations make at `revision` (memory, then cache file, then built)."""
    digest = _migrations_digest()
    key = (revision, digest)
    if key in _MEMORY:
        return _MEMORY[key]
    cache = _cache_file(revision, digest)
    schema: Schema | None = None
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        schema = {(k, n): (tb, sql) for k, n, tb, sql in stored}
    except (OSError, ValueError, TypeError):
        schema = None
    if schema is None:
        schema = _build(revision)
        _store(cache, schema)
    _MEMORY[key] = schema
    return schema


def _store(cache: Path, schema: Schema) -> None:
    try:
        from desktop_app.paths import make_private_dir

        make_private_dir(cache.parent)
        tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        rows = [[k, n, tb, sql] for (k, n), (tb, sql) in sorted(schema.items())]
        tmp.write_text(json.dumps(rows), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # no cache: built again next time, never wrong


def remember_schema(revision: str, conn: sqlite3.Connection) -> None:
    """A database the app has just made with its own migrations is the reference for
    `revision` (the window's first run then never needs to build one)."""
    digest = _migrations_digest()
    schema = _MEMORY.setdefault((revision, digest), read_schema(conn))
    cache = _cache_file(revision, digest)
    if not cache.exists():
        _store(cache, schema)


def schema_differences(actual: Schema, reference: Schema) -> list[str]:
    """What differs, worst first, in the user's language (empty list: identical)."""
    out: list[tuple[int, int, str]] = []
    for kind, name in actual.keys() - reference.keys():
        out.append(
            (0, _KIND_ORDER.get(kind, 9), t("an extra {kind} “{name}”", kind=t(kind), name=name))
        )
    for kind, name in reference.keys() - actual.keys():
        out.append(
            (
                1,
                _KIND_ORDER.get(kind, 9),
                t("the {kind} “{name}” is missing", kind=t(kind), name=name),
            )
        )
    for key in actual.keys() & reference.keys():
        if actual[key] != reference[key]:
            kind, name = key
            out.append(
                (
                    2,
                    _KIND_ORDER.get(kind, 9),
                    t(
                        "the {kind} “{name}” differs from the one this version makes",
                        kind=t(kind),
                        name=name,
                    ),
                )
            )
    return [text for *_order, text in sorted(out)]


def _balanced(text: str, start: int) -> str:
    """The text inside the parenthesis opening at `start`."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i]
    return text[start + 1 :]


def check_rules(reference: Schema) -> list[CheckRule]:
    """The CHECK constraints of the reference's tables (named by our naming convention)."""
    rules = []
    for (kind, name), (_table, sql) in sorted(reference.items()):
        if kind != "table":
            continue
        for match in re.finditer(r"constraint (\w+) check\s*\(", sql):
            rules.append(CheckRule(name, match.group(1), _balanced(sql, match.end() - 1)))
    return rules


def row_problems(conn: sqlite3.Connection, reference: Schema) -> list[str]:
    """Rows the schema forbids: dangling references, broken CHECK constraints."""
    problems = []
    for row in conn.execute("PRAGMA foreign_key_check").fetchmany(1):
        problems.append(
            t(
                "a row of “{table}” points to a missing row of “{parent}”",
                table=row[0],
                parent=row[2],
            )
        )
    for rule in check_rules(reference):
        bad = conn.execute(
            f'SELECT 1 FROM "{rule.table}" WHERE NOT ({rule.expression}) LIMIT 1'
        ).fetchone()
        if bad is not None:
            problems.append(
                t("a row of “{table}” breaks the rule “{rule}”", table=rule.table, rule=rule.name)
            )
    return problems


def verify(conn: sqlite3.Connection, revision: str) -> list[str]:
    """Every way the open file differs from what `revision` makes (empty list: sound).

    Rows are re-checked only when the schema itself matches: the reference's rules are
    only meaningful on the reference's tables.
    """
    reference = reference_schema(revision)
    differences = schema_differences(read_schema(conn), reference)
    if differences:
        return differences
    return row_problems(conn, reference)
