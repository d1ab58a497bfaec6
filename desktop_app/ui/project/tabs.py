"""Tabs of the project view after "Details". Each module has `create(ctx, parent) -> ProjectTab`."""

PROJECT_TABS: tuple[str, ...] = (
    "desktop_app.ui.project.milestones_tab",
    "desktop_app.ui.project.performance_tab",
    "desktop_app.ui.project.funding_tab",
)
