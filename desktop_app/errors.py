"""Errors a user can cause, kept apart from bugs.

A `UserError` is bad input: the command line prints its one-line message and exits 2,
the window shows it in a dialog. Anything else is a bug: exit 1 with a log file.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input or an unusable file; the message names the place and the reason."""


class DatabaseRefused(UserError):
    """A database file we will not open (foreign, damaged, newer, unreadable)."""
