"""Import preview rows named as an officer knows them: "row 3: 2. 数字供应链…" rather than
the bare key "2" (a project number), for every sheet whose rows are keyed by project."""

from __future__ import annotations

from desktop_app.db.database import Database
from desktop_app.io.sheets import sheet_named

#: Sheets whose row label starts with a project's number besides those keyed by
#: `project_no`: the projects themselves, and payments (labelled project/date/amount).
_LED_BY_PROJECT = ("projects", "disbursements")


def project_names(db: Database, lang: str) -> dict[str, str]:
    """Project number (as the key shows it) → "no. name"."""
    from desktop_app.services.project_list import read_project_rows

    return {str(p.no): f"{p.no}. {p.name(lang)}" for p in read_project_rows(db)}


def readable_key(sheet: str, key: str, names: dict[str, str]) -> str:
    """`key` with its leading project number replaced by the project's name."""
    try:
        found = sheet_named(sheet)
    except KeyError:
        return key
    if found.name in _LED_BY_PROJECT or found.key[:1] == ("project_no",):
        head, sep, rest = key.partition("/")
        name = names.get(head.strip())
        if name:
            return name + (sep + rest if rest else "")
    return key
