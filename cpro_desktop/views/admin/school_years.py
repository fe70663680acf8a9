"""The "Années scolaires" tab: school years with their first and last days."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from cpro_desktop.services import admin as service
from cpro_desktop.services.admin import SchoolYearInput, SchoolYearRow
from cpro_desktop.views.admin.common import AdminTab, FormDialog, date_edit, date_value, set_date
from cpro_desktop.views.admin.models import SchoolYearTableModel
from cpro_desktop.views.context import AppContext


def next_school_year(today: date | None = None) -> SchoolYearInput:
    """The school year an administrator most likely sets up now: from June on, the next."""
    today = today or date.today()
    first = today.year if today.month >= 6 else today.year - 1
    return SchoolYearInput(f"{first}-{first + 1}", date(first, 9, 1), date(first + 1, 8, 31))


class SchoolYearDialog(FormDialog):
    """Create or edit a school year ("2024-2025", du 02/09/2024 au 04/07/2025)."""

    def __init__(
        self, context: AppContext, row: SchoolYearRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.row = row
        self.setWindowTitle(
            self.tr("New school year") if row is None else self.tr("Edit school year")
        )
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText("2024-2025")
        self.start_edit = date_edit(self)
        self.end_edit = date_edit(self)
        self.add_row(self.tr("School year:"), self.label_edit, "label")
        self.add_row(self.tr("First day:"), self.start_edit, "start_date")
        self.add_row(self.tr("Last day:"), self.end_edit, "end_date")
        initial = row or next_school_year()
        self.label_edit.setText(initial.label)
        set_date(self.start_edit, initial.start_date)
        set_date(self.end_edit, initial.end_date)

    def values(self) -> SchoolYearInput:
        return SchoolYearInput(
            self.label_edit.text(), date_value(self.start_edit), date_value(self.end_edit)
        )

    def submit(self) -> SchoolYearRow:
        store, actor = self.context.store, self.context.actor
        if self.row is None:
            return service.create_school_year(store, actor, self.values())
        return service.update_school_year(
            store, actor, self.row.id, self.row.version, self.values()
        )


class SchoolYearsTab(AdminTab):
    """School years, the newest first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, SchoolYearTableModel(), parent)
        self.new_button = self.add_button(self.tr("New…"), self.create, False, "new")
        self.edit_button = self.add_button(self.tr("Edit…"), self.edit_selected, True, "edit")
        self.finish_buttons()
        self.set_column_widths([160, 130, 130, 90])

    def load(self) -> tuple[SchoolYearRow, ...]:
        return service.list_school_years(self.context.store, self.context.actor)

    def create(self) -> None:
        self.open_dialog(SchoolYearDialog(self.context, None, self))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(SchoolYearDialog(self.context, row, self))
