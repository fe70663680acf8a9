"""Create or change a period of a class and its plan (fiche pédagogique): name, dates,
training objectives, planned activities and the framework's tasks planned.

Saving generates the portfolios and the weekly sheets; the dialog then says what was
generated, deleted (empty sheets of dropped weeks), retired (dropped weeks holding content,
kept and flagged) or restored.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services.activities import (
    MAX_PERIOD_WEEKS,
    AreaTasks,
    GenerationReport,
    PeriodDetail,
    PeriodDraft,
    PeriodSaved,
    class_framework,
    create_period,
    iso_weeks,
    period_detail,
    update_period,
)
from cpro_desktop.store.errors import CproError, ValidationError
from cpro_desktop.views.context import AppContext

from . import ask
from .check_tree import CheckTreeModel, task_nodes
from .common import from_qdate, to_qdate

DATE_FORMAT = "dd/MM/yyyy"


class PeriodEditorDialog(QDialog):
    """A new period of a class (`period_id` None) or an existing one; `result_saved` holds
    what the service returned once saved."""

    def __init__(
        self,
        context: AppContext,
        school_class_id: int,
        period_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("period_editor")
        self.context = context
        self.school_class_id = school_class_id
        self.period_id = period_id
        self.detail: PeriodDetail | None = None
        self.result_saved: PeriodSaved | None = None
        self.resize(760, 720)

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("period_name")
        self.start_edit = self._date_edit()
        self.start_edit.setObjectName("start_date")
        self.end_edit = self._date_edit()
        self.end_edit.setObjectName("end_date")
        self.weeks_label = QLabel(self)
        self.weeks_label.setObjectName("weeks_label")
        self.objectives_edit = QPlainTextEdit(self)
        self.objectives_edit.setObjectName("objectives")
        self.activities_edit = QPlainTextEdit(self)
        self.activities_edit.setObjectName("planned_activities")
        self.tasks_model = CheckTreeModel({"task"}, self)
        self.tasks_view = QTreeView(self)
        self.tasks_view.setObjectName("planned_tasks")
        self.tasks_view.setModel(self.tasks_model)
        self.tasks_view.setHeaderHidden(True)
        self.tasks_view.setUniformRowHeights(True)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #555;")

        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("from"), self))
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.end_edit)
        dates.addWidget(self.weeks_label, 1)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Dates:"), dates)
        form.addRow(self.tr("Training objectives:"), self.objectives_edit)
        form.addRow(self.tr("Planned activities:"), self.activities_edit)
        form.addRow(self.tr("Planned tasks:"), self.tasks_view)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_period")
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.start_edit.dateChanged.connect(self._dates_changed)
        self.end_edit.dateChanged.connect(self._dates_changed)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(to_qdate(date(2000, 1, 1)))
        edit.setMaximumDate(to_qdate(date(2199, 12, 31)))
        return edit

    def load(self) -> bool:
        """Read the period (or the class's framework for a new one); False if refused."""
        title = self.tr("Period")
        try:
            if self.period_id is None:
                areas = class_framework(
                    self.context.store, self.context.actor, self.school_class_id
                )
                self._fill_new(areas)
            else:
                self.detail = period_detail(self.context.store, self.context.actor, self.period_id)
                self._fill(self.detail)
        except CproError as exc:
            ask.show_error(self.parentWidget(), title, str(exc))
            return False
        return True

    def _fill_new(self, areas: tuple[AreaTasks, ...]) -> None:
        self.setWindowTitle(self.tr("New period"))
        today = date.today()
        monday = today + timedelta(days=(7 - today.weekday()) % 7)
        self.start_edit.setDate(to_qdate(monday))
        self.end_edit.setDate(to_qdate(monday + timedelta(days=13)))
        self.tasks_model.set_tree(task_nodes(areas), {"task": ()})
        self.tasks_model.set_editable(True)
        self.tasks_view.expandAll()
        self.notice.setText(
            self.tr(
                "Saving creates a portfolio for each apprentice of the class, with one "
                "activity sheet per week of the period."
            )
        )
        self._dates_changed()

    def _fill(self, detail: PeriodDetail) -> None:
        self.setWindowTitle(self.tr("Change the period — %1").replace("%1", detail.class_name))
        self.name_edit.setText(detail.name)
        self.start_edit.setDate(to_qdate(detail.start_date))
        self.end_edit.setDate(to_qdate(detail.end_date))
        self.objectives_edit.setPlainText(detail.plan.objectives)
        self.activities_edit.setPlainText(detail.plan.planned_activities)
        self.tasks_model.set_tree(task_nodes(detail.framework), {"task": detail.planned_task_ids})
        self.tasks_model.set_editable(True)
        self.tasks_view.expandAll()
        notice = self.tr(
            "%1 portfolio(s). Changing the dates adds the new weeks' sheets; a dropped week's "
            "sheet is deleted when empty, otherwise kept with its content and flagged."
        ).replace("%1", str(detail.portfolio_count))
        if detail.retired_sheet_count:
            notice += " " + self.tr("%1 retired sheet(s) kept.").replace(
                "%1", str(detail.retired_sheet_count)
            )
        self.notice.setText(notice)
        self._dates_changed()

    def _dates_changed(self, *_: object) -> None:
        start, end = from_qdate(self.start_edit.date()), from_qdate(self.end_edit.date())
        if end < start:
            self.weeks_label.setText(self.tr("The end precedes the start."))
            self.weeks_label.setStyleSheet("color: #b00020;")
            return
        weeks = iso_weeks(start, end)
        self.weeks_label.setStyleSheet("color: #b00020;" if len(weeks) > MAX_PERIOD_WEEKS else "")
        self.weeks_label.setText(
            self.tr("%1 week(s): %2 to %3")
            .replace("%1", str(len(weeks)))
            .replace("%2", f"S{weeks[0].week:02d} [{weeks[0].year}]")
            .replace("%3", f"S{weeks[-1].week:02d} [{weeks[-1].year}]")
        )

    def draft(self) -> PeriodDraft:
        return PeriodDraft(
            name=self.name_edit.text(),
            start_date=from_qdate(self.start_edit.date()),
            end_date=from_qdate(self.end_edit.date()),
            objectives=self.objectives_edit.toPlainText(),
            planned_activities=self.activities_edit.toPlainText(),
            planned_task_ids=self.tasks_model.checked("task"),
        )

    def save(self) -> None:
        title = self.tr("Save the period")
        try:
            if self.detail is None:
                saved = create_period(
                    self.context.store, self.context.actor, self.school_class_id, self.draft()
                )
            else:
                saved = update_period(
                    self.context.store,
                    self.context.actor,
                    self.detail.id,
                    self.draft(),
                    version=self.detail.version,
                    plan_version=self.detail.plan_version,
                )
        except ValidationError as exc:
            ask.show_error(self, title, str(exc))
            focus = {"name": self.name_edit, "start_date": self.start_edit,
                     "end_date": self.end_edit, "objectives": self.objectives_edit,
                     "planned_activities": self.activities_edit}.get(exc.field)  # fmt: skip
            if focus is not None:
                focus.setFocus()
            return
        except CproError as exc:
            ask.show_error(self, title, str(exc))
            return
        self.result_saved = saved
        ask.show_info(self, title, self.report_text(saved.generation))
        self.accept()

    def report_text(self, report: GenerationReport) -> str:
        """What the save did, in the user's words."""
        lines = [self.tr("The period is saved.")]
        counts = (
            (report.portfolios_created, self.tr("portfolio(s) created")),
            (report.sheets_created, self.tr("activity sheet(s) created")),
            (report.sheets_deleted, self.tr("empty sheet(s) of dropped weeks deleted")),
            (
                report.sheets_retired,
                self.tr("sheet(s) of dropped weeks retired: kept with their content, flagged"),
            ),
            (report.sheets_restored, self.tr("retired sheet(s) back in the period")),
        )
        lines += [f"• {count} {text}" for count, text in counts if count]
        if len(lines) == 1:
            lines.append(self.tr("No sheet was added or removed."))
        return "\n".join(lines)
