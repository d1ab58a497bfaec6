from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.money import fen_to_wan, format_wan, round_wan, wan_to_fen, yuan_to_fen
from desktop_app.domain.parsing import ParseError, parse_date, parse_decimal, parse_percent
from desktop_app.domain.periods import Quarter, today


def test_wan_fen_round_trip_is_exact():
    assert wan_to_fen(Decimal("153.6")) == 153_600_000
    assert fen_to_wan(122_880_000) == Decimal("122.880000")
    assert wan_to_fen(Decimal("0.0000005")) == 1  # half a fen rounds up
    assert wan_to_fen(Decimal("0.00000049")) == 0
    assert yuan_to_fen(Decimal("1234.565")) == 123457
    assert round_wan(Decimal("1.2345675")) == Decimal("1.234568")


def test_format_wan_two_places_with_grouping():
    assert format_wan(1_234_565_000) == "1,234.57"
    assert format_wan(None) == ""
    assert format_wan(5_000) == "0.01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,234.5", "1234.5"), ("１２３.５", "123.5"), (" 42 ", "42"), ("-3", "-3")],
)
def test_parse_decimal_understands_officers(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "12,34", "abc", "1.2.3", "1e5"])
def test_parse_decimal_refuses(text):
    with pytest.raises(ParseError):
        parse_decimal(text)


def test_parse_percent():
    assert parse_percent("45%") == Decimal(45)
    assert parse_percent("４５％") == Decimal(45)


@pytest.mark.parametrize("text", ["2026-03-31", "2026/3/31", "2026年3月31日", "２０２６/３/３１"])
def test_parse_date_forms(text):
    assert parse_date(text) == date(2026, 3, 31)


@pytest.mark.parametrize("text", ["2026-02-30", "1999-12-31", "2101-01-01", "31/3/2026", "x"])
def test_parse_date_refuses(text):
    with pytest.raises(ParseError):
        parse_date(text)


def test_quarter_parse_and_bounds():
    q = Quarter.parse("2026Q3")
    assert (q.first_day, q.last_day) == (date(2026, 7, 1), date(2026, 9, 30))
    assert str(q.next()) == "2026Q4" and str(Quarter(2026, 4).next()) == "2027Q1"
    for bad in ("2026Q5", "26Q1", "2026-Q1", ""):
        with pytest.raises(ValueError):
            Quarter.parse(bad)


def test_as_of_is_last_day_or_today():
    q = Quarter(2026, 3)
    assert q.as_of(date(2026, 11, 25)) == date(2026, 9, 30)
    assert q.as_of(date(2026, 8, 10)) == date(2026, 8, 10)


def test_today_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21
    assert today() == date(2026, 9, 21)
