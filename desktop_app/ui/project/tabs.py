"""Tabs of the project view after "Details". Each module has `create(ctx, parent) -> ProjectTab`.

Built when first shown; each entry names its title's translation context and source.
"""

from desktop_app.ui.widgets.lazy_tabs import TabSpec

PROJECT_TABS: tuple[TabSpec, ...] = (
    TabSpec("desktop_app.ui.project.milestones_tab", "MilestonesTab", "Milestones"),
    TabSpec("desktop_app.ui.project.performance_tab", "PerformanceTab", "Performance"),
    TabSpec("desktop_app.ui.project.funding_tab", "FundingTab", "Funding"),
)
