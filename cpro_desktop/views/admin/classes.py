"""The "Classes" tab: classes of a diploma for a school year, with their trainers."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from cpro_desktop.services import admin as service
from cpro_desktop.services.admin import ClassInput, ClassRow, FormChoices
from cpro_desktop.views.admin.common import AdminTab, CheckList, FormDialog, combo_id, fill_combo
from cpro_desktop.views.admin.models import ClassTableModel
from cpro_desktop.views.context import AppContext


class ClassDialog(FormDialog):
    """Create or edit a class: name, level, training year, diploma, school year, trainers."""

    def __init__(
        self,
        context: AppContext,
        choices: FormChoices,
        row: ClassRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.row = row
        self.setWindowTitle(self.tr("New class") if row is None else self.tr("Edit class"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("1MELEC")
        self.level_edit = QLineEdit(self)
        self.level_edit.setPlaceholderText(self.tr("e.g. Première Bac Pro MELEC"))
        self.training_year_spin = QSpinBox(self)
        self.training_year_spin.setRange(1, 3)
        self.diploma_combo = QComboBox(self)
        fill_combo(
            self.diploma_combo,
            choices.diplomas,
            row.diploma_id if row else None,
            self.tr("(choose a diploma)"),
        )
        self.school_year_combo = QComboBox(self)
        fill_combo(
            self.school_year_combo,
            choices.school_years,
            row.school_year_id if row else None,
            self.tr("(choose a school year)"),
        )
        if row is None and len(choices.school_years) >= 1:
            self.school_year_combo.setCurrentIndex(1)  # the newest year
        self.trainers_list = CheckList(self)
        self.trainers_list.setMinimumHeight(110)
        self.trainers_list.set_choices(choices.teachers, row.trainer_ids if row else ())
        self.add_row(self.tr("Class name:"), self.name_edit, "name")
        self.add_row(self.tr("Level:"), self.level_edit, "level_label")
        self.add_row(self.tr("Training year (1 to 3):"), self.training_year_spin, "training_year")
        self.add_row(self.tr("Diploma:"), self.diploma_combo, "diploma_id")
        self.add_row(self.tr("School year:"), self.school_year_combo, "school_year_id")
        self.add_row(self.tr("Trainers:"), self.trainers_list, "trainer_ids")
        if row is not None:
            self.name_edit.setText(row.name)
            self.level_edit.setText(row.level_label)
            self.training_year_spin.setValue(row.training_year)

    def values(self) -> ClassInput:
        return ClassInput(
            name=self.name_edit.text(),
            level_label=self.level_edit.text(),
            training_year=self.training_year_spin.value(),
            diploma_id=combo_id(self.diploma_combo),
            school_year_id=combo_id(self.school_year_combo),
            trainer_ids=self.trainers_list.checked_ids(),
        )

    def submit(self) -> ClassRow:
        store, actor = self.context.store, self.context.actor
        if self.row is None:
            return service.create_class(store, actor, self.values())
        return service.update_class(store, actor, self.row.id, self.row.version, self.values())


class ClassesTab(AdminTab):
    """Classes of every school year, the newest year first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ClassTableModel(), parent)
        self.new_button = self.add_button(self.tr("New…"), self.create, False, "new")
        self.edit_button = self.add_button(self.tr("Edit…"), self.edit_selected, True, "edit")
        self.finish_buttons()
        self.set_column_widths([145, 160, 45, 175, 85, None, 95])

    def load(self) -> tuple[ClassRow, ...]:
        return service.list_classes(self.context.store, self.context.actor)

    def create(self) -> None:
        choices = self.form_choices()
        if choices is not None:
            self.open_dialog(ClassDialog(self.context, choices, None, self))

    def edit_selected(self) -> None:
        row = self.selected()
        choices = self.form_choices() if row is not None else None
        if row is not None and choices is not None:
            self.open_dialog(ClassDialog(self.context, choices, row, self))
