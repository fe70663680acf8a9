"""Signing in on a shared PostgreSQL server with one's own credentials, through the
application's own sign-in dialog, and every module of each role opening on that
connection (row-level security in force)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from cpro_desktop.services.permissions import modules_for
from cpro_desktop.views.app import AppController
from cpro_desktop.views.login import LoginDialog
from cpro_desktop.views.main_window import MainWindow
from tests.conftest import ServerStore

pytestmark = pytest.mark.pg


def _runner(answers: list[tuple[str, str]], seen: list[LoginDialog]):
    """Plays the person at the sign-in dialog: types each (login, password) in turn."""
    queue = iter(answers)

    def run(dialog: QDialog) -> int:
        if not isinstance(dialog, LoginDialog):
            return QDialog.DialogCode.Rejected
        seen.append(dialog)
        try:
            login, password = next(queue)
        except StopIteration:
            return QDialog.DialogCode.Rejected
        dialog.login_edit.setText(login)
        dialog.password_edit.setText(password)
        dialog.try_sign_in()
        if dialog.result() != QDialog.DialogCode.Accepted:
            return run(dialog)  # the dialog stays open: the next answer is typed
        return dialog.result()

    return run


@pytest.mark.parametrize("login", ["apprenti", "tuteur", "formateur", "parent", "admin"])
def test_each_role_signs_in_with_his_own_login_and_opens_every_module(
    qtbot, qapp, shared_server_demo: ServerStore, login: str
) -> None:
    """The settings name the server only; the dialog opens the connection as the person,
    the window shows his modules, and each module opens and paints on that connection."""
    seen: list[LoginDialog] = []
    controller = AppController(
        qapp, shared_server_demo.url, runner=_runner([(login, "cpro-demo")], seen)
    )
    assert controller.start()
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    store = controller.store
    assert store is not None and store.per_user and store.login == login
    assert store.engine.url.username == f"{shared_server_demo.name}.{login}"
    actor = window.context.actor
    assert actor.login == login
    window.resize(1366, 700)
    modules = modules_for(actor, teaches_a_class=False)
    assert modules, "each role has modules"
    for module in modules:
        assert window.open_module(module)
        qapp.processEvents()
        image = window.grab()
        assert not image.isNull()
    store.close()


def test_a_wrong_password_keeps_the_dialog_open_with_the_same_message_as_an_unknown_login(
    qtbot, qapp, shared_server_demo: ServerStore
) -> None:
    """Wrong password, then unknown login: the same French message, no window; then the
    right pair signs in."""
    seen: list[LoginDialog] = []
    messages: list[str] = []
    answers = [("tuteur", "mauvais"), ("inconnu", "mauvais"), ("tuteur", "cpro-demo")]
    queue = iter(answers)

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, LoginDialog)
        seen.append(dialog)
        for login, password in queue:
            dialog.login_edit.setText(login)
            dialog.password_edit.setText(password)
            dialog.try_sign_in()
            if dialog.result() == QDialog.DialogCode.Accepted:
                return dialog.result()
            messages.append(dialog.message.text())
        return QDialog.DialogCode.Rejected

    controller = AppController(qapp, shared_server_demo.url, runner=run)
    assert controller.start()
    qtbot.addWidget(controller.window)
    assert len(messages) == 2 and messages[0] == messages[1]
    assert messages[0].startswith("Identifiant ou mot de passe incorrect.")
    assert "Traceback" not in messages[0]
    assert controller.window.context.actor.login == "tuteur"
    controller.store.close()


def test_signing_out_and_in_as_someone_else_reconnects_as_him(
    qtbot, qapp, shared_server_demo: ServerStore, monkeypatch
) -> None:
    """The tutor signs out, the trainer signs in at the same workstation: the tutor's
    connection is closed and the trainer's own opens."""
    seen: list[LoginDialog] = []
    run = _runner([("tuteur", "cpro-demo"), ("formateur", "cpro-demo")], seen)
    monkeypatch.setattr(qapp, "quit", lambda: None)
    controller = AppController(qapp, shared_server_demo.url, runner=run)
    assert controller.start()
    first_store = controller.store
    qtbot.addWidget(controller.window)
    controller.window.actions_by_name["logout"].trigger()
    qtbot.addWidget(controller.window)
    assert controller.window.context.actor.login == "formateur"
    assert controller.store is not first_store
    assert controller.store.engine.url.username == f"{shared_server_demo.name}.formateur"
    assert first_store.engine.pool.checkedout() == 0
    controller.store.close()
