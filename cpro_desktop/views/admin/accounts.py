"""The "Comptes" tab: every account, its form, deactivation and password reset."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from cpro_desktop.models.enums import Role
from cpro_desktop.services import admin as service
from cpro_desktop.services.admin import (
    AccountInput,
    AccountRow,
    CproError,
    FormChoices,
    ValidationError,
)
from cpro_desktop.views import ask
from cpro_desktop.views.admin.common import AdminTab, FormDialog, combo_id, fill_combo
from cpro_desktop.views.admin.models import AccountTableModel
from cpro_desktop.views.context import AppContext
from cpro_desktop.views.main_window import role_label

#: The order of the role list: the most created first.
ROLE_ORDER = (Role.APPRENTICE, Role.TUTOR, Role.TRAINER, Role.GUARDIAN, Role.ADMIN)


class AccountDialog(FormDialog):
    """Create or edit an account; a new one gets its initial password here."""

    def __init__(
        self,
        context: AppContext,
        choices: FormChoices,
        row: AccountRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.row = row
        self.setWindowTitle(self.tr("New account") if row is None else self.tr("Edit account"))
        self.login_edit = QLineEdit(self)
        self.last_name_edit = QLineEdit(self)
        self.first_name_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)
        for role in ROLE_ORDER:
            self.role_combo.addItem(role_label(role), role.value)
        self.company_combo = QComboBox(self)
        fill_combo(
            self.company_combo,
            choices.companies,
            row.company_id if row else None,
            self.tr("(no company)"),
        )
        self.job_title_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.add_row(self.tr("Login:"), self.login_edit, "login")
        self.add_row(self.tr("Last name:"), self.last_name_edit, "last_name")
        self.add_row(self.tr("First name:"), self.first_name_edit, "first_name")
        self.add_row(self.tr("Role:"), self.role_combo, "role")
        self.add_row(self.tr("Company (tutors):"), self.company_combo, "company_id")
        self.add_row(self.tr("Job title:"), self.job_title_edit, "job_title")
        self.add_row(self.tr("Email:"), self.email_edit, "email")
        self.add_row(self.tr("Phone:"), self.phone_edit, "phone")
        self.password_edit = QLineEdit(self)
        self.confirm_edit = QLineEdit(self)
        for edit in (self.password_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        if row is None:
            self.add_row(self.tr("Initial password:"), self.password_edit, "password")
            self.add_row(self.tr("Password again:"), self.confirm_edit)
        else:
            self.password_edit.hide()
            self.confirm_edit.hide()
            self.login_edit.setText(row.login)
            self.last_name_edit.setText(row.last_name)
            self.first_name_edit.setText(row.first_name)
            self.role_combo.setCurrentIndex(self.role_combo.findData(row.role.value))
            self.job_title_edit.setText(row.job_title)
            self.email_edit.setText(row.email)
            self.phone_edit.setText(row.phone)
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    def _role_changed(self) -> None:
        self.company_combo.setEnabled(self.role() == Role.TUTOR)

    def values(self) -> AccountInput:
        return AccountInput(
            login=self.login_edit.text(),
            last_name=self.last_name_edit.text(),
            first_name=self.first_name_edit.text(),
            role=self.role(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            job_title=self.job_title_edit.text(),
            company_id=combo_id(self.company_combo),
        )

    def submit(self) -> AccountRow:
        store, actor = self.context.store, self.context.actor
        if self.row is None:
            if self.password_edit.text() != self.confirm_edit.text():
                raise ValidationError("password", self.tr("The two passwords differ."))
            return service.create_account(store, actor, self.values(), self.password_edit.text())
        return service.update_account(store, actor, self.row.id, self.row.version, self.values())


class PasswordDialog(FormDialog):
    """The administrator gives an account a new password (and lifts its throttling)."""

    def __init__(self, context: AppContext, row: AccountRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.row = row
        self.setWindowTitle(self.tr("New password for %1").replace("%1", row.display_name))
        self.password_edit = QLineEdit(self)
        self.confirm_edit = QLineEdit(self)
        for edit in (self.password_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_row(self.tr("New password:"), self.password_edit, "password")
        self.add_row(self.tr("Password again:"), self.confirm_edit)

    def submit(self) -> AccountRow:
        if self.password_edit.text() != self.confirm_edit.text():
            raise ValidationError("password", self.tr("The two passwords differ."))
        service.reset_account_password(
            self.context.store, self.context.actor, self.row.id, self.password_edit.text()
        )
        return self.row


class AccountsTab(AdminTab):
    """Every account, active or not; accounts are deactivated, never deleted."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, AccountTableModel(), parent)
        self.new_button = self.add_button(self.tr("New…"), self.create, False, "new")
        self.edit_button = self.add_button(self.tr("Edit…"), self.edit_selected, True, "edit")
        self.active_button = self.add_button(
            self.tr("Deactivate"), self.toggle_active, True, "toggle_active"
        )
        self.password_button = self.add_button(
            self.tr("Reset password…"), self.reset_password, True, "password"
        )
        self.finish_buttons()
        self.set_column_widths([105, 155, 160, 75, 230, None])

    def load(self) -> tuple[AccountRow, ...]:
        return service.list_accounts(self.context.store, self.context.actor)

    def update_buttons(self) -> None:
        super().update_buttons()
        row = self.selected()
        inactive = row is not None and not row.is_active
        self.active_button.setText(self.tr("Reactivate") if inactive else self.tr("Deactivate"))

    def create(self) -> None:
        choices = self.form_choices()
        if choices is not None:
            self.open_dialog(AccountDialog(self.context, choices, None, self))

    def edit_selected(self) -> None:
        row = self.selected()
        choices = self.form_choices() if row is not None else None
        if row is not None and choices is not None:
            self.open_dialog(AccountDialog(self.context, choices, row, self))

    def reset_password(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(PasswordDialog(self.context, row, self))

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        store, actor = self.context.store, self.context.actor
        if row.is_active:
            question = self.tr(
                "Deactivate the account of %1? It will no longer sign in; what it wrote keeps "
                "its author."
            ).replace("%1", row.display_name)
            if not ask.confirm(self, self.tr("Deactivate an account"), question):
                return
        try:
            if row.is_active:
                service.deactivate_account(store, actor, row.id, row.version)
            else:
                service.reactivate_account(store, actor, row.id, row.version)
        except CproError as exc:
            self.show_error(exc)
            return
        self.refresh()
