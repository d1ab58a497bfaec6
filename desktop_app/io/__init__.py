"""Excel and CSV: export, template, and validated all-or-nothing import (no Qt here)."""
