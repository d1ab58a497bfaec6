"""File-menu actions contributed by features. Each module has `install(ctx, window, menu)`."""

FILE_ACTIONS: tuple[str, ...] = (
    "desktop_app.ui.brief_action",
    "desktop_app.ui.quarter_close_action",
    "desktop_app.ui.plan_report_action",
    "desktop_app.ui.restore_dialog",
    "desktop_app.ui.io_actions",
    "desktop_app.ui.returns_actions",
)
