"""`key-projects returns make|collect|status`: quarterly fill-in workbooks for the lead
organisations, their checked return, and who has returned.

collect prints one line per refused file on stderr (a file with conflicts also lists them
on stdout) and exits 2 when any was refused; without `--each` nothing is then written.
`--theirs`/`--ours` resolve the conflicts, as for the workbook import.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.commands import number_arg, open_from_args, stored_arg
from desktop_app.domain.parsing import ParseError, check_year_range
from desktop_app.domain.periods import local_stamp
from desktop_app.errors import UserError
from desktop_app.i18n import register as register_text
from desktop_app.i18n import t

if TYPE_CHECKING:
    from desktop_app.domain.periods import Quarter
    from desktop_app.io.returns_collect import CollectResult

OUTSIDE = "not a quarter from 2000Q1 to 2100Q4: {text}"

register_text(
    {
        OUTSIDE: "不是 2000Q1 至 2100Q4 之间的季度:{text}",
        "  {text} — kept the database's": "  {text}——保留数据库的值",
        "  {text} — took the return's": "  {text}——采用报送表的值",
        "{n} workbook(s) written to {folder}": "已生成 {n} 份报送表,位于 {folder}",
        "not a quarter: {text} (expected e.g. 2026Q3)": "不是季度:{text}(应如 2026Q3)",
        "not a date: {text} (expected e.g. 2026-10-15)": "不是日期:{text}(应如 2026-10-15)",
        "project {no} {name} ({unit}) — {file}": "项目 {no} {name}({unit})— {file}",
        "  no change": "  无修改",
        "  differs from the return of {when} ({file}):": "  与 {when} 收到的报送({file})不同之处:",
        "  warning: {text}": "  提示:{text}",
        "note: {text}": "说明:{text}",
        "dry run: nothing was written": "试运行:未写入任何数据",
        "nothing was written: {n} file(s) refused (use --each to apply the good ones)": "未写入任何数据:{n} 个文件被拒收(使用 --each 可只写入合格的报送)",  # noqa: E501
        "{n} return(s) recorded for {quarter}": "已记录 {quarter} 的 {n} 份报送",
        "returned": "已报送",
        "missing": "未报送",
        "{returned} of {total} units have returned for {quarter}": "{quarter}:{total} 个单位中已有 {returned} 个报送",  # noqa: E501
    }
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "returns", help="quarterly fill-in workbooks for the lead organisations"
    )
    rs = p.add_subparsers(dest="returns_command", metavar="make|collect|status", required=True)
    mk = rs.add_parser("make", help="one fill-in workbook per project")
    mk.add_argument("--quarter", required=True, help="e.g. 2026Q3")
    mk.add_argument("-o", "--output", required=True, metavar="FOLDER")
    mk.add_argument("--due", help="due date (default: 15 days after the quarter ends)")
    mk.add_argument("--contact", default="", help="the office's contact shown on the cover")
    mk.add_argument("--project", type=int, action="append", help="only this project number")
    mk.add_argument(
        "--force", action="store_true", help="replace the returns already in FOLDER for the quarter"
    )
    co = rs.add_parser("collect", help="check and record the returned workbooks of a folder")
    co.add_argument("folder", metavar="FOLDER")
    co.add_argument("--quarter", help="refuse files of any other quarter")
    co.add_argument("--dry-run", action="store_true", help="check and show, write nothing")
    co.add_argument(
        "--each", action="store_true", help="apply the good returns even if some are refused"
    )
    co.add_argument("--officer", default="", help="name recorded in the audit trail")
    side = co.add_mutually_exclusive_group()
    side.add_argument(
        "--theirs",
        action="store_const",
        const="theirs",
        dest="resolve",
        help="a cell changed both in the database since sending and in the return: take the "
        "return's value",
    )
    side.add_argument(
        "--ours",
        action="store_const",
        const="ours",
        dest="resolve",
        help="such a cell: keep the database's value",
    )
    co.add_argument(
        "--two-way",
        action="store_true",
        help="workbooks made before returns remembered what they sent: take every value "
        "that differs",
    )
    st = rs.add_parser("status", help="who has returned for a quarter")
    st.add_argument("--quarter", required=True)
    for sp in (mk, co, st):  # the global options also after the sub-sub-command
        sp.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS)
        sp.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS)
    return p


def _quarter(text: str) -> Quarter:
    from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
    from desktop_app.domain.periods import Quarter

    try:
        quarter = Quarter.parse(text)
    except ValueError as exc:
        raise UserError(t("not a quarter: {text} (expected e.g. 2026Q3)", text=text)) from exc
    if not MIN_YEAR <= quarter.year <= MAX_YEAR:
        raise UserError(t(OUTSIDE, text=text))
    return quarter


def _make(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop_app.io.returns_make import MakeOptions, make_returns

    due = None
    if args.due:
        try:
            due = check_year_range(date.fromisoformat(args.due))  # 2000–2100, as everywhere
        except ParseError as exc:
            raise UserError(f"--due: {exc}") from None
        except ValueError as exc:
            raise UserError(
                t("not a date: {text} (expected e.g. 2026-10-15)", text=args.due)
            ) from exc
    stored_arg("--contact", args.contact, "quarterly_return", "contact_name")
    for no in args.project or ():
        number_arg("--project", no, "project_no")
    opts = MakeOptions(
        _quarter(args.quarter),
        Path(args.output),
        getattr(args, "lang", None) or "zh",
        due,
        args.contact,
        force=args.force,
    )
    db = open_from_args(args, create=False, write=True)
    try:
        result = make_returns(db, opts, args.project)
    finally:
        db.dispose()
    for path in result.files:
        print(path.name)
    print(t("{n} workbook(s) written to {folder}", n=len(result.files), folder=result.folder))
    return 0


def _print_returns(result: CollectResult) -> None:
    from desktop_app.io.returns_collect import conflict_line

    for pr in result.returns:
        print(
            t(
                "project {no} {name} ({unit}) — {file}",
                no=pr.project_no,
                name=pr.project_name,
                unit=pr.unit,
                file=pr.file,
            )
        )
        for c in pr.changes:
            print(f"  {c.key} {c.field}: {c.before or '—'} → {c.after or '—'}")
        if not pr.changes:
            print(t("  no change"))
        if pr.previous is not None and pr.since_previous:
            when = local_stamp(pr.previous.received_at)
            print(
                t(
                    "  differs from the return of {when} ({file}):",
                    when=when,
                    file=pr.previous.file_name,
                )
            )
            for c in pr.since_previous:
                print(f"    {c.key} {c.field}: {c.before or '—'} → {c.after or '—'}")
        for w in pr.warnings:
            print(t("  warning: {text}", text=w))
        for k in pr.conflicts:
            took = k.choice == "theirs"
            key = "  {text} — took the return's" if took else "  {text} — kept the database's"
            print(t(key, text=conflict_line(k)))


def _collect(args: argparse.Namespace) -> int:
    from desktop_app.io.returns_collect import apply_collect, preview_collect

    stored_arg("--officer", args.officer, "quarterly_return", "officer")
    quarter = _quarter(args.quarter) if args.quarter else None
    db = open_from_args(args, create=False, write=True)
    try:
        result = preview_collect(
            db, args.folder, quarter, resolve=args.resolve, two_way=args.two_way
        )
        _print_returns(result)
        for note in result.notes:
            print(t("note: {text}", text=note))
        apply_collect(db, result, each=args.each, officer=args.officer, dry_run=args.dry_run)
    finally:
        db.dispose()
    for refusal in result.refused:
        print(f"key-projects: {refusal.line}", file=sys.stderr)
        if refusal.conflicts:  # every conflict, as the import lists them
            for line in refusal.problems:
                print(f"  {line}")
    if args.dry_run:
        print(t("dry run: nothing was written"))
    elif result.refused and not args.each:
        print(
            t(
                "nothing was written: {n} file(s) refused (use --each to apply the good ones)",
                n=len(result.refused),
            )
        )
    else:
        n = sum(1 for r in result.returns if r.applied)
        print(t("{n} return(s) recorded for {quarter}", n=n, quarter=result.quarter))
    return 2 if result.refused else 0


def _status(args: argparse.Namespace) -> int:
    from desktop_app.services.return_status import read_return_status

    quarter = _quarter(args.quarter)
    db = open_from_args(args, create=False)
    try:
        rows = read_return_status(db, quarter)
    finally:
        db.dispose()
    for r in rows:
        when = local_stamp(r.received_at) if r.received_at else ""
        state = t("returned") if r.returned else t("missing")
        print(
            f"{r.project_no:02d}\t{r.project_name}\t{r.unit}\t{state}\t{when}\t{r.contact}\t{r.changes}"
        )
    done = sum(1 for r in rows if r.returned)
    print(
        t(
            "{returned} of {total} units have returned for {quarter}",
            returned=done,
            total=len(rows),
            quarter=quarter,
        )
    )
    return 0


def run(args: argparse.Namespace) -> int:
    return {"make": _make, "collect": _collect, "status": _status}[args.returns_command](args)
