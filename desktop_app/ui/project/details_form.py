"""The project's own fields: edit, validate (field marked with its reason), save in one go."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.parsing import ParseError
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.services import project_list
from desktop_app.services import projects as project_service
from desktop_app.services.conflicts import ConflictError, my_changes, rebased
from desktop_app.snapshots.project import ProjectDetail, ProjectEdit
from desktop_app.ui import conflict_dialog, dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.labels import PROJECT_STATUS_CODES, project_status_label
from desktop_app.ui.project.tab_base import ProjectTab
from desktop_app.ui.widgets.date_field import INVALID_STYLE, DateField


class ProjectDetailsForm(ProjectTab):
    sig_saved = Signal(int)
    """A project was saved (its id)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._detail: ProjectDetail | None = None
        self._loading = False
        self._dirty = False
        self.form_scroll: QScrollArea | None = None
        self.refusal = ""
        """Why the last save was refused (Ctrl+S shows it in the status bar)."""

        self.no_label = QLabel()
        self.name_zh = QLineEdit()
        self.name_en = QLineEdit()
        self.zone = QComboBox()
        self.status = QComboBox()
        for code in PROJECT_STATUS_CODES:
            self.status.addItem(project_status_label(code), code)
        self.domains = QListWidget()
        self.domains.setMaximumHeight(110)
        self.lead_org = QLineEdit()
        self.start_date = DateField()
        self.end_date = DateField()
        self.summary = QPlainTextEdit()
        self.summary.setMinimumHeight(80)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.revert_button = QPushButton(self.tr("Revert"))
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("No."), self.no_label)
        form.addRow(self.tr("Name (Chinese)"), self.name_zh)
        form.addRow(self.tr("Name (English)"), self.name_en)
        form.addRow(self.tr("Zone"), self.zone)
        form.addRow(self.tr("Key domains"), self.domains)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Lead organisation"), self.lead_org)
        dates = QHBoxLayout()
        dates.addWidget(self.start_date)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.end_date)
        form.addRow(self.tr("Period"), dates)
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("Notes"), self.notes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        # The form scrolls and the buttons stay: the window fits a 1366×768 screen.
        fields = QWidget()
        fields.setLayout(form)
        scroll = self.form_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        for w in (self.name_zh, self.name_en, self.lead_org):
            w.textChanged.connect(self._changed)
        for f in (self.start_date, self.end_date):
            f.sig_changed.connect(self._changed)
        self.summary.textChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self.zone.currentIndexChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.domains.itemChanged.connect(self._changed)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.discard)
        self._loading = True
        self._load_choices()
        self._loading = False
        self.setEnabled(False)

    def tab_title(self) -> str:
        return self.tr("Details")

    def _load_choices(self) -> None:
        self.zone.clear()
        self.zone.addItem(self.tr("(none)"), None)
        for z in project_list.read_zones(self.ctx.db):
            self.zone.addItem(z.name(self.ctx.lang), z.id)
        self.domains.clear()
        for d in project_list.read_domains(self.ctx.db):
            item = QListWidgetItem(d.name(self.ctx.lang))
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.domains.addItem(item)

    # --- loading -------------------------------------------------------------------
    def load_project(self, project_id: int | None) -> None:
        super().load_project(project_id)
        self._detail = project_list.read_project(self.ctx.db, project_id) if project_id else None
        self._fill(self._detail)

    def _fill(self, d: ProjectDetail | None) -> None:
        self._loading = True
        try:
            self.clear_errors()
            self.setEnabled(d is not None and not self.ctx.readonly)
            self.no_label.setText(str(d.no) if d else "")
            self.name_zh.setText(d.name_zh if d else "")
            self.name_en.setText(d.name_en if d else "")
            self.zone.setCurrentIndex(
                max(0, self.zone.findData(d.zone.id if d and d.zone else None))
            )
            self.status.setCurrentIndex(max(0, self.status.findData(d.status if d else "active")))
            chosen = {x.id for x in d.domains} if d else set()
            for i in range(self.domains.count()):
                item = self.domains.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.lead_org.setText(d.lead_org if d else "")
            self.start_date.set_value(d.start_date if d else None)
            self.end_date.set_value(d.end_date if d else None)
            self.summary.setPlainText(d.summary_zh if d else "")
            self.notes.setPlainText(d.notes if d else "")
        finally:
            self._loading = False
        self._set_dirty(False)

    # --- editing -------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def clear_errors(self) -> None:
        self.error_label.clear()
        for w in (self.name_zh, self.zone, self.status, self.domains):
            w.setStyleSheet("")
            w.setToolTip("")
        self.start_date.set_error(None)
        self.end_date.set_error(None)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Mark each bad field, name it with its reason, and bring the first into view with
        the focus on it (Ctrl+S says the same in the status bar)."""
        widgets: dict[str, QWidget] = {
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "zone_id": self.zone,
            "status": self.status,
            "domain_ids": self.domains,
            "lead_org": self.lead_org,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "summary_zh": self.summary,
            "notes": self.notes,
        }
        labels = self._field_labels()
        labels.update(zone_id=labels["zone"], domain_ids=labels["domains"])
        for field, reason in errors.items():
            if field in ("start_date", "end_date"):
                getattr(self, field).set_error(reason)
            elif field in widgets:
                widgets[field].setStyleSheet(INVALID_STYLE)
                widgets[field].setToolTip(reason)
        named = [f"{labels.get(f, f)}: {why}" for f, why in errors.items()]
        self.error_label.setText("\n".join(named))
        self.refusal = self.tr("Not saved: {why}").format(why=named[0]) if named else ""
        first = next((widgets[f] for f in widgets if f in errors), None)
        if first is not None:
            if self.form_scroll is not None:
                self.form_scroll.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_edit(self) -> ProjectEdit:
        """The form as an edit; raises ValidationError for dates that cannot be read."""
        errors: dict[str, str] = {}
        dates = {}
        for field in ("start_date", "end_date"):
            try:
                dates[field] = getattr(self, field).value()
            except ParseError:
                errors[field] = self.tr("Not a valid date (use 2026-03-31).")
        if errors:
            raise ValidationError(errors)
        domain_ids = tuple(
            self.domains.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.domains.count())
            if self.domains.item(i).checkState() == Qt.CheckState.Checked
        )
        return ProjectEdit(
            name_zh=self.name_zh.text(),
            name_en=self.name_en.text(),
            zone_id=self.zone.currentData(),
            domain_ids=domain_ids,
            status=self.status.currentData(),
            lead_org=self.lead_org.text(),
            start_date=dates["start_date"],
            end_date=dates["end_date"],
            summary_zh=self.summary.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> bool:
        if self._detail is None:
            return True
        self.clear_errors()
        try:
            edit = self.current_edit()
            saved = self._save_resolving_conflicts(self._detail, edit)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except UserError as exc:
            dialogs.show_error(self, str(exc))
            return False
        if saved is None:
            return False
        self._detail = saved
        self._fill(saved)
        self.sig_saved.emit(saved.id)
        self.ctx.bus.sig_data_changed.emit()
        self.ctx.bus.sig_status.emit(self.tr("Project {no} saved.").format(no=saved.no))
        return True

    def _save_resolving_conflicts(
        self, loaded: ProjectDetail, edit: ProjectEdit
    ) -> ProjectDetail | None:
        """Save; if someone saved first, let the officer Reload or Re-apply (None: not saved).

        Re-apply puts only the fields this officer changed on top of what is saved now,
        so the other officer's edits to other fields survive.
        """
        mine = my_changes(project_service.edit_of(loaded), edit)
        keys = {project_service.CONFLICT_KEYS.get(f, f) for f in mine}
        version = loaded.version
        while True:
            try:
                return project_service.save_project(self.ctx.db, loaded.id, edit, version)
            except ConflictError as exc:
                choice = conflict_dialog.resolve_conflict(
                    self, exc.only(keys), self._field_labels()
                )
                if choice == conflict_dialog.REAPPLY:
                    current = project_list.read_project(self.ctx.db, loaded.id)
                    edit = rebased(project_service.edit_of(current), mine)
                    version = current.version
                    continue
                if choice == conflict_dialog.RELOAD:
                    self.load_project(loaded.id)
                return None

    def _field_labels(self) -> dict[str, str]:
        return {
            "name_zh": self.tr("Name (Chinese)"),
            "name_en": self.tr("Name (English)"),
            "zone": self.tr("Zone"),
            "domains": self.tr("Key domains"),
            "status": self.tr("Status"),
            "lead_org": self.tr("Lead organisation"),
            "start_date": self.tr("Start"),
            "end_date": self.tr("End"),
            "summary_zh": self.tr("Summary"),
            "notes": self.tr("Notes"),
        }

    def discard(self) -> None:
        self._fill(self._detail)
