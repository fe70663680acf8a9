"""Starts the Qt application: opens the store, signs the user in, shows the main window.

`AppController` owns the sequence (store → first run or sign-in → main window) and its
loops: signing out comes back to the sign-in; changing the database in the settings
re-opens the store and the sign-in.

The application starts on its sign-in window: `run_gui` shows it before the store is
opened (`sign_in_first`), and this module imports only what that window needs; the store
(SQLAlchemy, the migrations), the services and the main window are imported when used.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog

from cpro_desktop.config import Settings, resolve_database_url
from cpro_desktop.files import clean_leftovers
from cpro_desktop.views import ask
from cpro_desktop.views.i18n import install_translators
from cpro_desktop.views.login import FirstRunDialog, LoginDialog, location_hint

if TYPE_CHECKING:
    from cpro_desktop.services.permissions import Actor
    from cpro_desktop.store import CproError, Store
    from cpro_desktop.views.main_window import MainWindow

EXIT_USER_ERROR = 2


def run_dialog(dialog: QDialog) -> int:
    """Run a modal dialog (tests replace this)."""
    return dialog.exec()


class AppController(QObject):
    """The application's top-level flow."""

    def __init__(
        self,
        app: QApplication,
        explicit_url: str | None = None,
        *,
        demo: bool = False,
        runner: Callable[[QDialog], int] = run_dialog,
        sign_in_first: bool = False,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.explicit_url = explicit_url
        self.demo = demo
        self.run = runner
        #: Show the sign-in window at once and open the store behind it, once it is painted.
        self.sign_in_first = sign_in_first
        #: The store to open behind the next sign-in window (`sign_in_first`).
        self.pending_url: str | None = None
        self._open_failure: CproError | None = None
        self._first_run_due = False
        self.settings = Settings.load()
        self.store: Store | None = None
        self.window: MainWindow | None = None
        self.exit_code = 0

    # -- the sequence -----------------------------------------------------------------
    def start(self) -> bool:
        """Open a store and sign in; False if the user gave up (see `exit_code`)."""
        while True:
            url = self.explicit_url or resolve_database_url()
            self._open_failure = None
            if self.sign_in_first:
                self._close_store()
                self.pending_url = url
            else:
                from cpro_desktop.store import CproError

                try:
                    self._open_store(url)
                except CproError as exc:
                    self._open_failure = exc
            actor = self.sign_in() if self._open_failure is None else None
            failure = self._open_failure
            if failure is not None:
                print(f"cpro-desktop : {failure}", file=sys.stderr)
                ask.show_error(None, "CPRO Desktop", str(failure))
                if self._edit_settings(None) and self._store_setting_changed:
                    self.explicit_url = None
                    continue
                self.exit_code = EXIT_USER_ERROR
                return False
            if actor is None:
                if self._store_setting_changed:
                    continue
                return False
            self.show_main_window(actor)
            return True

    def _close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        self.server_url = None
        self.server_location = None

    def _open_store(self, url: str) -> None:
        from cpro_desktop.services.auth import server_location
        from cpro_desktop.services.store_settings import daily_backup
        from cpro_desktop.store import Store

        self._close_store()
        self.server_location = server_location(url)
        if self.server_location is not None:
            # A shared server: the connection opens at sign-in, with the person's login.
            self.server_url = url
            return
        store = Store.open(url)
        warning = daily_backup(url)
        if warning:
            print(f"cpro-desktop : {warning}", file=sys.stderr)
        if self.demo:
            from cpro_desktop.demo.world import build_demo_world

            build_demo_world(store)
        self.store = store

    def sign_in(self) -> Actor | None:
        """First-run dialog on an empty store, otherwise the login (with its settings)."""
        self._store_setting_changed = False
        if self.pending_url is not None:
            return self._sign_in_while_opening(self.pending_url)
        if self.server_url is not None:
            return self._sign_in_on_server()
        from cpro_desktop.services.auth import needs_first_run

        assert self.store is not None
        while True:
            if needs_first_run(self.store):
                first = FirstRunDialog(self.store)
                if self.run(first) == QDialog.DialogCode.Accepted and first.actor:
                    return first.actor
                return None
            login = LoginDialog(self.store)
            if self.run(login) == QDialog.DialogCode.Accepted and login.actor:
                return login.actor
            if not login.wants_settings:
                return None
            if self._edit_settings(None) and self._store_setting_changed:
                self.explicit_url = None
                return None

    def _sign_in_while_opening(self, url: str) -> Actor | None:
        """The sign-in window shown at once, the store opened behind it once it is painted
        (a person sees the window without waiting for the database code to load); then as
        `sign_in`: the first-run dialog on an empty store, a per-user server's sign-in."""
        login = LoginDialog(None, location=location_hint(url), opening=self._open_behind)
        accepted = self.run(login) == QDialog.DialogCode.Accepted
        if self._open_failure is not None:
            return None  # `start` tells it
        if accepted and login.actor:
            if login.store is not None and login.store is not self.store:
                if self.store is not None:
                    self.store.close()
                self.store = login.store  # opened with the person's own login
            return login.actor
        if self._first_run_due:
            self._first_run_due = False
            return self.sign_in()
        if not login.wants_settings:
            return None
        if self.server_url is not None:
            self._edit_settings(None)  # as `_sign_in_on_server`
            return None
        if self._edit_settings(None) and self._store_setting_changed:
            self.explicit_url = None
            return None
        return self.sign_in()

    def _open_behind(self, login: LoginDialog) -> None:
        """`opening` of the sign-in window: open the pending store and hand it over, or
        close the window (the store refused: `start` tells why; empty: the first run)."""
        from cpro_desktop.services.auth import needs_first_run
        from cpro_desktop.store import CproError

        url, self.pending_url = self.pending_url, None
        assert url is not None
        try:
            self._open_store(url)
            if self.store is not None and needs_first_run(self.store):
                self._first_run_due = True
        except CproError as exc:
            self._open_failure = exc
        if self._open_failure is not None or self._first_run_due:
            login.done(QDialog.DialogCode.Rejected)
        elif self.store is not None:
            login.set_store(self.store)
        else:
            login.set_server(url, self.server_location or "")

    def _sign_in_on_server(self) -> Actor | None:
        """The login dialog on a shared server: each person connects as himself, so the
        previous person's connection is closed once someone else has signed in."""
        assert self.server_url is not None
        login = LoginDialog(None, server_url=self.server_url, location=self.server_location or "")
        if self.run(login) == QDialog.DialogCode.Accepted and login.actor and login.store:
            if self.store is not None and self.store is not login.store:
                self.store.close()
            self.store = login.store
            return login.actor
        if login.wants_settings:
            self._edit_settings(None)
        return None

    #: A per-user server's address (the connection opens at sign-in), and where it is.
    server_url: str | None = None
    server_location: str | None = None

    def show_main_window(self, actor: Actor) -> MainWindow:
        from PySide6.QtNetwork import QNetworkProxyFactory

        from cpro_desktop.views.context import AppContext, ApprenticeSelection
        from cpro_desktop.views.main_window import MainWindow

        assert self.store is not None
        # A centre's network often goes through a proxy: the map tiles follow the system's.
        QNetworkProxyFactory.setUseSystemConfiguration(True)
        context = AppContext(self.store, actor, self.settings, ApprenticeSelection(self))
        window = MainWindow(context)
        window.logout_requested.connect(self.sign_out)
        window.settings_requested.connect(self.open_settings)
        old, self.window = self.window, window
        window.show()
        if old is not None:
            old.remember()
            old.close()
            old.deleteLater()
        return window

    # -- from the main window -----------------------------------------------------------
    def sign_out(self) -> None:
        """Back to the sign-in on the same store; quit if it is cancelled."""
        if self.window is not None:
            self.window.remember()
            self.window.hide()
        actor = self.sign_in()
        if actor is not None:
            self.show_main_window(actor)
        elif self._store_setting_changed and self.start_again():
            return
        else:
            self._quit()

    def open_settings(self) -> None:
        """The settings dialog; a new database re-opens the sign-in, a new language the
        window."""
        if not self._edit_settings(self.window):
            return
        if self._store_setting_changed:
            self.explicit_url = None
            if self.window is not None:
                self.window.remember()
                self.window.hide()
            if not self.start_again():
                self._quit()
        elif self._language_changed and self.window is not None:
            self.show_main_window(self.window.context.actor)

    def start_again(self) -> bool:
        return self.start()

    def _edit_settings(self, parent: QObject | None) -> bool:
        from cpro_desktop.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, parent)  # type: ignore[arg-type]
        accepted = self.run(dialog) == QDialog.DialogCode.Accepted
        self._store_setting_changed = accepted and dialog.store_changed
        self._language_changed = accepted and dialog.language_changed
        if self._language_changed:
            install_translators(self.app, self.settings.language)
        return accepted

    _store_setting_changed = False
    _language_changed = False

    def _quit(self) -> None:
        if self.window is not None:
            self.window.close()
        self.app.quit()


def run_gui(url: str | None, *, demo: bool = False) -> int:
    """The application: returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("CPRO Desktop")
    app.setOrganizationName("CPRO")
    install_translators(app, Settings.load().language)
    clean_leftovers()  # what a killed print or export left (files.clean_leftovers)
    controller = AppController(app, url, demo=demo, sign_in_first=True)
    if not controller.start():
        return controller.exit_code
    code = app.exec()
    if controller.store is not None:
        controller.store.close()
    return int(code)
