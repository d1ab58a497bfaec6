"""Pure rules of the portfolio: no Qt, no SQLAlchemy, only the standard library."""
