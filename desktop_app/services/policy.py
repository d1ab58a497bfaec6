"""The portfolio's thresholds (`Policy`), read from the `policy` setting.

A missing or partial setting falls back to the defaults of docs/rules.md field by field.
Read with Core, so the brief and the window's first figures never load the ORM.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from desktop_app.db import tables
from desktop_app.db.database import Database, Reader, reading
from desktop_app.domain.policy import DEFAULT_POLICY, Policy

KEY = "policy"


def read_policy(src: Reader) -> Policy:
    """The policy as `conn` sees it (an ORM session passes `session.connection()`)."""
    with reading(src) as conn:
        setting = tables.setting
        value = conn.scalar(select(setting.c.value).where(setting.c.key == KEY))
        if value is None:
            return DEFAULT_POLICY
        return Policy.from_json(json.loads(value))


def save_policy(db: Database, policy: Policy) -> None:
    # Written through the ORM so the audit trail records it; only writing needs the models.
    from desktop_app.db.models import Setting

    with db.session() as s:
        value = json.dumps(policy.to_json(), ensure_ascii=False, sort_keys=True)
        row = s.get(Setting, KEY)
        if row is None:
            s.add(Setting(key=KEY, value=value))
        else:
            row.value = value
