"""The "Apprentis" tab: apprentices with their class, company, tutor, referent trainer,
own account and legal guardians. Moving one to another class keeps all his history."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from cpro_desktop.services import admin as service
from cpro_desktop.services.admin import ApprenticeInput, ApprenticeRow, FormChoices
from cpro_desktop.views.admin.common import (
    AdminTab,
    CheckList,
    FormDialog,
    combo_id,
    date_edit,
    date_value,
    fill_combo,
    set_date,
)
from cpro_desktop.views.admin.models import ApprenticeTableModel
from cpro_desktop.views.context import AppContext


class ApprenticeDialog(FormDialog):
    """Create or edit an apprentice; the tutor list follows the chosen company."""

    def __init__(
        self,
        context: AppContext,
        choices: FormChoices,
        row: ApprenticeRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.choices = choices
        self.row = row
        self.setWindowTitle(
            self.tr("New apprentice") if row is None else self.tr("Edit apprentice")
        )
        self.setMinimumWidth(540)
        self.last_name_edit = QLineEdit(self)
        self.first_name_edit = QLineEdit(self)
        self.birth_date_edit = date_edit(self, optional=True)
        self.national_id_edit = QLineEdit(self)
        self.national_id_edit.setPlaceholderText(self.tr("11 characters, e.g. 070123456AB"))
        self.email_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.address_edit = QLineEdit(self)
        self.class_combo = QComboBox(self)
        fill_combo(
            self.class_combo,
            choices.classes,
            row.school_class_id if row else None,
            self.tr("(no class)"),
        )
        self.company_combo = QComboBox(self)
        fill_combo(
            self.company_combo,
            choices.companies,
            row.company_id if row else None,
            self.tr("(no company)"),
        )
        self.tutor_combo = QComboBox(self)
        self.referent_combo = QComboBox(self)
        fill_combo(
            self.referent_combo,
            choices.teachers,
            row.referent_trainer_id if row else None,
            self.tr("(no referent)"),
        )
        self.account_combo = QComboBox(self)
        own_id = row.id if row else None
        fill_combo(
            self.account_combo,
            choices.apprentice_accounts,
            row.account_id if row else None,
            self.tr("(no account)"),
            keep=lambda choice: choice.parent_id in (None, own_id),
        )
        self.guardians_list = CheckList(self)
        self.guardians_list.setMaximumHeight(80)
        self.guardians_list.set_choices(choices.guardians, row.guardian_ids if row else ())
        self.add_row(self.tr("Last name:"), self.last_name_edit, "last_name")
        self.add_row(self.tr("First name:"), self.first_name_edit, "first_name")
        self.add_row(self.tr("Birth date:"), self.birth_date_edit, "birth_date")
        self.add_row(self.tr("INE (national id):"), self.national_id_edit, "national_id")
        self.add_row(self.tr("Email:"), self.email_edit, "email")
        self.add_row(self.tr("Phone:"), self.phone_edit, "phone")
        self.add_row(self.tr("Address:"), self.address_edit, "address")
        self.add_row(self.tr("Class:"), self.class_combo, "school_class_id")
        self.add_row(self.tr("Company:"), self.company_combo, "company_id")
        self.add_row(self.tr("Company tutor:"), self.tutor_combo, "tutor_id")
        self.add_row(self.tr("Referent trainer:"), self.referent_combo, "referent_trainer_id")
        self.add_row(self.tr("Own account:"), self.account_combo, "account_id")
        self.add_row(self.tr("Legal guardians:"), self.guardians_list, "guardian_ids")
        if row is not None:
            self.last_name_edit.setText(row.last_name)
            self.first_name_edit.setText(row.first_name)
            set_date(self.birth_date_edit, row.birth_date)
            self.national_id_edit.setText(row.national_id)
            self.email_edit.setText(row.email)
            self.phone_edit.setText(row.phone)
            self.address_edit.setText(row.address)
        self._fill_tutors(row.tutor_id if row else None)
        self.company_combo.currentIndexChanged.connect(lambda _i: self._company_changed())
        self.tutor_combo.currentIndexChanged.connect(lambda _i: self._tutor_changed())

    def _fill_tutors(self, current: int | None) -> None:
        """The tutors of the chosen company (every tutor while no company is chosen)."""
        company = combo_id(self.company_combo)
        fill_combo(
            self.tutor_combo,
            self.choices.tutors,
            current,
            self.tr("(no tutor)"),
            keep=lambda choice: company is None or choice.parent_id == company,
        )

    def _company_changed(self) -> None:
        company = combo_id(self.company_combo)
        current = combo_id(self.tutor_combo)
        tutor = next((t for t in self.choices.tutors if t.id == current), None)
        keep = tutor is not None and (company is None or tutor.parent_id == company)
        self._fill_tutors(current if keep else None)

    def _tutor_changed(self) -> None:
        """Choosing a tutor with no company chosen picks his company."""
        current = combo_id(self.tutor_combo)
        tutor = next((t for t in self.choices.tutors if t.id == current), None)
        if tutor is None or tutor.parent_id is None or combo_id(self.company_combo) is not None:
            return
        index = self.company_combo.findData(tutor.parent_id)
        if index >= 0:
            self.company_combo.blockSignals(True)
            self.company_combo.setCurrentIndex(index)
            self.company_combo.blockSignals(False)
            self._fill_tutors(current)

    def values(self) -> ApprenticeInput:
        return ApprenticeInput(
            last_name=self.last_name_edit.text(),
            first_name=self.first_name_edit.text(),
            birth_date=date_value(self.birth_date_edit),
            national_id=self.national_id_edit.text(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            address=self.address_edit.text(),
            school_class_id=combo_id(self.class_combo),
            company_id=combo_id(self.company_combo),
            tutor_id=combo_id(self.tutor_combo),
            referent_trainer_id=combo_id(self.referent_combo),
            account_id=combo_id(self.account_combo),
            guardian_ids=self.guardians_list.checked_ids(),
        )

    def submit(self) -> ApprenticeRow:
        store, actor = self.context.store, self.context.actor
        if self.row is None:
            return service.create_apprentice(store, actor, self.values())
        return service.update_apprentice(store, actor, self.row.id, self.row.version, self.values())


class ApprenticesTab(AdminTab):
    """Every apprentice, by name."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ApprenticeTableModel(), parent)
        self.new_button = self.add_button(self.tr("New…"), self.create, False, "new")
        self.edit_button = self.add_button(self.tr("Edit…"), self.edit_selected, True, "edit")
        self.finish_buttons()
        self.set_column_widths([140, 120, 160, 145, 115, 80, None])

    def load(self) -> tuple[ApprenticeRow, ...]:
        return service.list_apprentices(self.context.store, self.context.actor)

    def create(self) -> None:
        choices = self.form_choices()
        if choices is not None:
            self.open_dialog(ApprenticeDialog(self.context, choices, None, self))

    def edit_selected(self) -> None:
        row = self.selected()
        choices = self.form_choices() if row is not None else None
        if row is not None and choices is not None:
            self.open_dialog(ApprenticeDialog(self.context, choices, row, self))
