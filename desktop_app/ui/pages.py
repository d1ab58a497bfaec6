"""The main window's pages, in tab order. Each module has `create(ctx, parent) -> Page`."""

PAGES: tuple[str, ...] = (
    "desktop_app.ui.portfolio.page",
    "desktop_app.ui.milestones.attention_page",
    "desktop_app.ui.milestones.timeline_page",
    "desktop_app.ui.performance.scores_page",
    "desktop_app.ui.performance.district_page",
    "desktop_app.ui.funding.page",
    "desktop_app.ui.history.page",
)
