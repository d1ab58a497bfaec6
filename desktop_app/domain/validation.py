"""Validation errors that name the field, so a form can mark it and say why."""

from __future__ import annotations

from collections.abc import Mapping


class ValidationError(ValueError):
    """One or more fields refused; `errors` maps field name → reason (user language)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))
