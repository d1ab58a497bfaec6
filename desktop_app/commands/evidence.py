"""`key-projects evidence add|list|get`: files that back milestones, payments and evaluations.

`add --project N (--milestone CODE | --disbursement ID | --evaluation YEAR) FILE [--note TEXT]`
stores the file in the database (once per SHA-256); `list [--project N]` prints id, project,
what it belongs to, file name, size and SHA-256; `get ID -o FILE` writes the bytes back out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands import number_arg, open_from_args, regular_file, stored_arg
from desktop_app.errors import UserError
from desktop_app.i18n import register as register_text
from desktop_app.i18n import t

register_text(
    {
        "evidence file {id} stored: {name}, {size}, SHA-256 {sha}": (
            "佐证文件 {id} 已保存:{name},{size},SHA-256 {sha}"
        ),
        "{path}: cannot write the file ({reason})": "{path}:无法写入文件({reason})",
        "evidence file {id} written to {path}": "佐证文件 {id} 已写入 {path}",
        "no evidence files on record": "没有佐证文件",
    }
)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "evidence", help="evidence files: add, list, get"
    )
    actions = parser.add_subparsers(dest="evidence_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="store a file for a milestone, payment or evaluation")
    add.add_argument("--project", type=int, required=True, metavar="N", help="project number")
    target = add.add_mutually_exclusive_group(required=True)
    target.add_argument("--milestone", metavar="CODE", help="milestone code")
    target.add_argument("--disbursement", type=int, metavar="ID", help="payment id")
    target.add_argument("--evaluation", type=int, metavar="YEAR", help="evaluation year")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--note", default="", metavar="TEXT")
    lst = actions.add_parser("list", help="list the files on record")
    lst.add_argument("--project", type=int, metavar="N", help="only this project")
    get = actions.add_parser("get", help="write a stored file out")
    get.add_argument("id", type=int, metavar="ID")
    get.add_argument("-o", "--output", required=True, metavar="FILE")
    for action in (add, lst, get):  # `--db` and `--lang` also after the action's name
        action.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS)
        action.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS)
    return parser


def run(args: argparse.Namespace) -> int:
    from desktop_app.services import evidence

    number_arg("--project", getattr(args, "project", None), "project_no")
    number_arg("ID", getattr(args, "id", None))
    if args.evidence_action == "add":  # every stored argument: the door's rules, before opening
        number_arg("--disbursement", args.disbursement)
        number_arg("--evaluation", args.evaluation, "year")
        stored_arg("FILE", Path(args.file).name, "evidence_link", "file_name")
        stored_arg("--note", args.note, "evidence_link", "note")
        if args.milestone is not None:
            stored_arg("--milestone", args.milestone, "milestone", "code")
        regular_file(args.file, "FILE")  # a FIFO would block the read forever
    db = open_from_args(args, create=False)
    try:
        if args.evidence_action == "add":
            if args.milestone is not None:
                target = evidence.EvidenceTarget("milestone", args.milestone)
            elif args.disbursement is not None:
                target = evidence.EvidenceTarget("disbursement", args.disbursement)
            else:
                target = evidence.EvidenceTarget("evaluation", args.evaluation)
            row = evidence.add_evidence(db, args.project, target, args.file, note=args.note)
            print(
                t(
                    "evidence file {id} stored: {name}, {size}, SHA-256 {sha}",
                    id=row.id,
                    name=row.file_name,
                    size=evidence.size_text(row.size_bytes),
                    sha=row.sha256,
                )
            )
        elif args.evidence_action == "list":
            rows = evidence.list_evidence(db, project_no=args.project)
            if not rows:
                print(t("no evidence files on record"))
            for r in rows:
                print(
                    "\t".join(
                        [
                            str(r.id),
                            str(r.project_no),
                            r.target_label,
                            r.file_name,
                            str(r.size_bytes),
                            r.sha256,
                        ]
                    )
                )
        else:
            regular_file(args.output, "-o")  # writing into a FIFO would wait for a reader
            row, data = evidence.read_stored_evidence(db, args.id)
            out = Path(args.output).expanduser()
            try:
                if out.is_dir():
                    out = out / row.file_name
                out.write_bytes(data)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise UserError(
                    t("{path}: cannot write the file ({reason})", path=out, reason=reason)
                ) from None
            print(t("evidence file {id} written to {path}", id=row.id, path=out))
    finally:
        db.dispose()
    return 0
