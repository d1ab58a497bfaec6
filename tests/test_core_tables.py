"""The Core view of the schema (`db/tables.py`) matches the ORM models column for column."""

from __future__ import annotations

from desktop_app.db import tables
from desktop_app.db.models import Base
from desktop_app.db.types import ScaledDecimal


def _shape(columns) -> dict[str, tuple[str, int | None]]:
    return {
        c.name: (type(c.type).__name__, c.type.scale if isinstance(c.type, ScaledDecimal) else None)
        for c in columns
    }


def test_every_table_and_column_matches_the_models():
    assert set(tables.ALL) == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        assert _shape(tables.ALL[name].columns) == _shape(table.columns), name


def test_a_drifted_column_would_be_seen():
    """The comparison notices a type change (so the test above can fail)."""
    model = Base.metadata.tables["indicator"].columns
    drifted = {**_shape(model), "weight": ("ScaledDecimal", 2)}
    assert drifted != _shape(tables.indicator.columns)
