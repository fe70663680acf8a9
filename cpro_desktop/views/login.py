"""Signing in: the login dialog, and the first-run dialog that creates the administrator.

The login dialog is the application's first window: this module imports only Qt at its
top (the store, the services and argon2 come when they are used), and the dialog can be
shown before the store is opened (`opening`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
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

from cpro_desktop.views.busy import busy

if TYPE_CHECKING:
    from cpro_desktop.services.permissions import Actor
    from cpro_desktop.store import Store

ERROR_STYLE = "color: #b00020;"


def location_hint(url: str) -> str:
    """Where the store at `url` is, for the sign-in window while the store is not open yet
    (read without the database code; never a password). `Store.location` replaces it."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.startswith("sqlite"):
            return unquote(url.strip().split(":///", 1)[-1]) or ":memory:"
        return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
    except ValueError:
        return ""


class LoginDialog(QDialog):
    """Login and password; a wrong pair says so without telling which was wrong.

    On an opened store the application checks the pair. On a shared server whose address
    names no user (`server_url`), signing in opens the connection with the person's own
    database login: `store` is then the store opened for him.

    With `opening` (and neither a store nor a server), the window shows first and calls
    `opening(self)` once it has been painted: that opens the store and hands it over with
    `set_store()` (or `set_server()`), or closes the dialog. "Sign in" waits for it, and
    `ready` is emitted when it may be used.
    """

    ready = Signal()

    def __init__(
        self,
        store: Store | None,
        parent: QWidget | None = None,
        *,
        server_url: str | None = None,
        location: str = "",
        opening: Callable[[LoginDialog], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.server_url = server_url
        self.actor: Actor | None = None
        self.wants_settings = False
        self._opening = opening if store is None and server_url is None else None
        self._open_scheduled = False
        self.setWindowTitle(self.tr("CPRO Desktop — Sign in"))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<h3>Sign in to CPRO Desktop</h3>"), self)
        shown = store.location if store is not None else location
        self.where = where = QLabel(self.tr("Database: %1").replace("%1", shown), self)
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
        if self._opening is not None:
            self.sign_in_button.setEnabled(False)
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Opening the database…"))

    # -- the store opened behind the window ---------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._opening is not None and not self._open_scheduled:
            # Once painted: the person sees the window (and may type) while it opens.
            self._open_scheduled = True
            QTimer.singleShot(0, self, self.open_now)

    def open_now(self) -> bool:
        """Run `opening` if it has not run yet; whether the dialog can now sign in."""
        opening, self._opening = self._opening, None
        if opening is not None:
            with busy():
                opening(self)
            if self.store is not None or self.server_url is not None:
                self.message.setText("")
                self.message.setStyleSheet(ERROR_STYLE)
                self.sign_in_button.setEnabled(True)
                self.ready.emit()
        return self.store is not None or self.server_url is not None

    def set_store(self, store: Store) -> None:
        """The store `opening` opened: signing in checks the pair in it."""
        self.store = store
        self.where.setText(self.tr("Database: %1").replace("%1", store.location))

    def set_server(self, server_url: str, location: str) -> None:
        """`opening` found a shared server: signing in connects with the person's login."""
        self.server_url = server_url
        self.where.setText(self.tr("Database: %1").replace("%1", location))

    def try_sign_in(self) -> None:
        """Check the pair through the service; accept the dialog on success."""
        from cpro_desktop.services import auth
        from cpro_desktop.store import CproError

        if not self.open_now():
            return
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
        from cpro_desktop.services import auth
        from cpro_desktop.store import CproError

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
