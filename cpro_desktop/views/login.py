"""Signing in: the login dialog, and the first-run dialog that creates the administrator."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services import auth
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import CproError, Store

ERROR_STYLE = "color: #b00020;"


class LoginDialog(QDialog):
    """Login and password; a wrong pair says so without telling which was wrong.

    On an opened store the application checks the pair. On a shared server whose address
    names no user (`server_url`), signing in opens the connection with the person's own
    database login: `store` is then the store opened for him.
    """

    def __init__(
        self,
        store: Store | None,
        parent: QWidget | None = None,
        *,
        server_url: str | None = None,
        location: str = "",
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.server_url = server_url
        self.actor: Actor | None = None
        self.wants_settings = False
        self.setWindowTitle(self.tr("CPRO Desktop — Sign in"))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<h3>Sign in to CPRO Desktop</h3>"), self)
        shown = store.location if store is not None else location
        where = QLabel(self.tr("Database: %1").replace("%1", shown), self)
        where.setWordWrap(True)
        form = QFormLayout()
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Login:"), self.login_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.message = QLabel("", self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.settings_button = QPushButton(self.tr("Settings…"), self)
        self.buttons.addButton(self.settings_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        self.settings_button.clicked.connect(self._open_settings)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._unlock_timer = QTimer(self)
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(lambda: self.sign_in_button.setEnabled(True))
        self.login_edit.setFocus()

    def try_sign_in(self) -> None:
        """Check the pair through the service; accept the dialog on success."""
        try:
            if self.server_url is not None:
                self.store, self.actor = auth.open_and_sign_in(
                    self.server_url, self.login_edit.text(), self.password_edit.text()
                )
            else:
                assert self.store is not None
                self.actor = auth.sign_in_here(
                    self.store, self.login_edit.text(), self.password_edit.text()
                )
        except auth.TooManyAttempts as exc:
            self._fail(str(exc))
            self.sign_in_button.setEnabled(False)
            self._unlock_timer.start(int(exc.retry_after.total_seconds() * 1000) + 100)
            return
        except CproError as exc:
            self._fail(str(exc))
            return
        self.accept()

    def _fail(self, message: str) -> None:
        self.message.setText(message)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _open_settings(self) -> None:
        self.wants_settings = True
        self.done(QDialog.DialogCode.Rejected)


class FirstRunDialog(QDialog):
    """The store has no account yet: create the centre's administrator."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("CPRO Desktop — First start"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This database has no account yet. Create the administrator's account: "
                "he will then create the other accounts, the school year and the classes."
            ),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.last_name_edit = QLineEdit(self)
        self.first_name_edit = QLineEdit(self)
        self.login_edit = QLineEdit("admin", self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Last name:"), self.last_name_edit)
        form.addRow(self.tr("First name:"), self.first_name_edit)
        form.addRow(self.tr("Login:"), self.login_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Password again:"), self.confirm_edit)
        self.message = QLabel("", self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create the administrator"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def create(self) -> None:
        if self.password_edit.text() != self.confirm_edit.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        try:
            self.actor = auth.create_first_admin(
                self.store,
                self.login_edit.text(),
                self.password_edit.text(),
                self.last_name_edit.text(),
                self.first_name_edit.text(),
            )
        except CproError as exc:
            self.message.setText(str(exc))
            return
        self.accept()
