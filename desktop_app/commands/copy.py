"""`key-projects copy --from SRC --to DST`: move a portfolio between a file and a server.

Either side is a SQLite path/URL or a `postgresql+psycopg://user@host/db` URL. All rows
move in one transaction and are checked (rows and money per table) on both sides;
the target must be empty. See docs/postgresql.md, "Moving from SQLite".
"""

from __future__ import annotations

import argparse

from desktop_app.domain.money import format_wan
from desktop_app.i18n import register as register_text
from desktop_app.i18n import t

register_text(
    {
        "copied {source} → {target}": "已复制 {source} → {target}",
        "checked on both sides: {tables} tables, {rows} rows, money {wan} 万元": (
            "两边核对一致:{tables} 张表,{rows} 行,金额合计 {wan} 万元"
        ),
    }
)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "copy", help="copy every row from one database into an empty one (SQLite ⇄ PostgreSQL)"
    )
    p.add_argument("--from", dest="source", required=True, metavar="PATH|URL", help="source")
    p.add_argument("--to", dest="target", required=True, metavar="PATH|URL", help="empty target")
    return p


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands import ask_password_in_terminal, regular_file
    from desktop_app.db.copy import copy_database

    for flag, where in (("--from", args.source), ("--to", args.target)):
        if "://" not in where:
            regular_file(where, f"{flag} {where}")  # a FIFO would block the open forever
    report = copy_database(args.source, args.target, ask_password=ask_password_in_terminal)
    print(t("copied {source} → {target}", source=report.source, target=report.target))
    for name, tally in report.tallies.items():
        money = "".join(f", {col} {format_wan(v)} 万元" for col, v in tally.money)
        print(f"  {name}: {tally.rows}{money}")
    print(
        t(
            "checked on both sides: {tables} tables, {rows} rows, money {wan} 万元",
            tables=len(report.tallies),
            rows=report.rows,
            wan=format_wan(report.money_fen),
        )
    )
    return 0
