"""The main window's pages, in tab order. Each module has `create(ctx, parent) -> Page`.

The first page (Home: placeholders, figures from a background job) is built at start-up;
the others when first shown (`LazyTabWidget`), so each entry names its title's translation
context and English source.
"""

from desktop_app.ui.widgets.lazy_tabs import TabSpec

PAGES: tuple[TabSpec, ...] = (
    TabSpec("desktop_app.ui.home.page", "HomePage", "Home"),
    TabSpec("desktop_app.ui.portfolio.page", "PortfolioPage", "Portfolio"),
    TabSpec("desktop_app.ui.milestones.attention_page", "AttentionPage", "Attention"),
    TabSpec("desktop_app.ui.milestones.timeline_page", "PortfolioTimelinePage", "Timeline"),
    TabSpec("desktop_app.ui.performance.scores_page", "ScoresPage", "Performance"),
    TabSpec("desktop_app.ui.performance.district_page", "DistrictPage", "District indicators"),
    TabSpec("desktop_app.ui.funding.page", "FundingPage", "Funding"),
    TabSpec("desktop_app.ui.history.page", "HistoryPage", "History"),
)

PORTFOLIO_PAGE = next(i for i, spec in enumerate(PAGES) if spec.context == "PortfolioPage")
"""The tab index of the portfolio page (projects open there)."""
