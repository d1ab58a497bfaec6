"""The portfolio's thresholds (`Policy`), read from the `policy` setting.

A missing or partial setting falls back to the defaults of docs/rules.md field by field.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from desktop_app.db.database import Database
from desktop_app.db.models import Setting
from desktop_app.domain.policy import DEFAULT_POLICY, Policy

KEY = "policy"


def policy_in(session: Session) -> Policy:
    row = session.get(Setting, KEY)
    if row is None:
        return DEFAULT_POLICY
    return Policy.from_json(json.loads(row.value))


def load_policy(db: Database) -> Policy:
    with db.reader() as s:
        return policy_in(s)


def save_policy(db: Database, policy: Policy) -> None:
    with db.session() as s:
        value = json.dumps(policy.to_json(), ensure_ascii=False, sort_keys=True)
        row = s.get(Setting, KEY)
        if row is None:
            s.add(Setting(key=KEY, value=value))
        else:
            row.value = value
