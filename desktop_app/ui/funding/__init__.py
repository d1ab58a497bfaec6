"""Funding views: the plan form, year table, charts, payment register and portfolio page."""
