"""The History page: the audit trail, filterable by project, field and date."""
