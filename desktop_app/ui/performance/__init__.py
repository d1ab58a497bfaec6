"""Performance: the project tab's parts, the portfolio scores page and the district page."""
