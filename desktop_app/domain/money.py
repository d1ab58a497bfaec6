"""Money: integer fen (分) at rest, Decimal in code, 万元 on screen and paper.

One rule for rounding: ROUND_HALF_UP to the fen, once, at the end of a computed amount.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN_PER_YUAN = 100
FEN_PER_WAN = 1_000_000  # 1 万元 = 10,000 元 = 1,000,000 分
FEN_IN_WAN = Decimal("0.000001")  # one fen expressed in 万元
FEN_IN_YUAN = Decimal("0.01")


def round_wan(amount: Decimal) -> Decimal:
    """Round an amount in 万元 to the fen (six decimals), half up."""
    return amount.quantize(FEN_IN_WAN, rounding=ROUND_HALF_UP)


def wan_to_fen(amount: Decimal) -> int:
    return int((Decimal(amount) * FEN_PER_WAN).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def yuan_to_fen(amount: Decimal) -> int:
    return int((Decimal(amount) * FEN_PER_YUAN).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fen_to_wan(fen: int) -> Decimal:
    """Exact: a fen count is always representable in 万元 with six decimals."""
    return (Decimal(fen) / FEN_PER_WAN).quantize(FEN_IN_WAN)


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / FEN_PER_YUAN).quantize(FEN_IN_YUAN)


def format_wan(fen: int | None, *, places: int = 2, grouping: bool = True) -> str:
    """`1234567800` fen → `1,234.57` (万元, half up to `places`)."""
    if fen is None:
        return ""
    value = fen_to_wan(fen).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{value:,.{places}f}" if grouping else f"{value:.{places}f}"


def format_yuan(fen: int | None) -> str:
    if fen is None:
        return ""
    return f"{fen_to_yuan(fen):,.2f}"
