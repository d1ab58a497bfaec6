"""Use cases: each opens its own session, does one unit of work, returns snapshots."""
