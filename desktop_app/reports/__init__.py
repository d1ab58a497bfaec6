"""Printed output (the quarterly brief). Imports reportlab lazily and never Qt."""
