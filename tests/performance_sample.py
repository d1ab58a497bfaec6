"""Shared performance-test data: the worked indicator set of docs/rules.md and a date."""

from __future__ import annotations

from decimal import Decimal as D

from desktop_app.snapshots.performance import IndicatorEdit

#: 2026-09-15 as SOURCE_DATE_EPOCH: Q1–Q3 of 2026 have begun, Q4 has not.
SEPT_15 = "1789430400"

#: Three indicators whose weights make 100.
WORKED = (
    IndicatorEdit(None, "专利申请", "件", D(40), D(100)),
    IndicatorEdit(None, "研发投入", "万元", D(30), D(20)),
    IndicatorEdit(None, "人才引进", "人", D(30), D(5)),
)
