"""The application shell, as each user meets it: sign-in, modules per role, the shared
selector, the status bar, settings, and the controller's sign-in / sign-out loop."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from cpro_desktop.config import Settings
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store
from cpro_desktop.views.app import AppController
from cpro_desktop.views.context import AppContext, ApprenticeSelection
from cpro_desktop.views.login import FirstRunDialog, LoginDialog
from cpro_desktop.views.main_window import MainWindow
from cpro_desktop.views.settings_dialog import SettingsDialog


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


SEED_MODULES = [
    "Suivi des activités en entreprise",
    "Tableaux de bord de l'apprenti",
    "Bilans des activités en entreprise",
    "Bilans de compétences",
    "Livret d'apprentissage",
]
EXPECTED_MODULES = {
    "apprenti": [SEED_MODULES[i] for i in (0, 1, 3, 4)],
    "tuteur": SEED_MODULES,
    "formateur": [SEED_MODULES[i] for i in (0, 1, 3, 4)],
    "parent": [SEED_MODULES[i] for i in (1, 3, 4)],
    "admin": ["Administration"],
}
ROLE_LABELS = {
    "apprenti": "Apprenti",
    "tuteur": "Maître d'apprentissage",
    "formateur": "Formateur",
    "parent": "Représentant légal",
    "admin": "Administrateur",
}


def sign_in(qtbot, store: Store, login: str, password: str = "cpro-demo") -> LoginDialog:
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login_edit, login)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def open_window(qtbot, store: Store, login: str, settings: Settings | None = None) -> MainWindow:
    actor = authenticate(store, login, "cpro-demo")
    window = MainWindow(AppContext(store, actor, settings or Settings(), ApprenticeSelection()))
    qtbot.addWidget(window)
    return window


def module_names(window: MainWindow) -> list[str]:
    return [window.module_list.item(i).text() for i in range(window.module_list.count())]


@pytest.mark.parametrize("login", list(EXPECTED_MODULES))
def test_each_role_signs_in_and_sees_its_modules(qtbot, demo_store: Store, login: str) -> None:
    """Each demo role signs in through the dialog and sees exactly its modules, in French."""
    dialog = sign_in(qtbot, demo_store, login)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.login == login
    window = MainWindow(AppContext(demo_store, dialog.actor, Settings(), ApprenticeSelection()))
    qtbot.addWidget(window)
    assert module_names(window) == EXPECTED_MODULES[login]
    status = window.status_label.text()
    assert ROLE_LABELS[login] in status and demo_store.location in status
    assert dialog.actor.display_name in status


def test_wrong_password_says_so_without_telling_which(qtbot, demo_store: Store) -> None:
    """A wrong password keeps the dialog open with a generic French message."""
    dialog = sign_in(qtbot, demo_store, "tuteur", "mauvais")
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.actor is None
    assert dialog.message.text() == "Identifiant ou mot de passe incorrect."
    assert dialog.password_edit.text() == ""


def test_repeated_failures_disable_the_button(qtbot, demo_store: Store) -> None:
    """After repeated failures the dialog says to wait and disables the sign-in button."""
    dialog = LoginDialog(demo_store)
    qtbot.addWidget(dialog)
    for _ in range(4):
        dialog.login_edit.setText("tuteur")
        dialog.password_edit.setText("mauvais")
        if dialog.sign_in_button.isEnabled():
            qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "réessayez dans" in dialog.message.text()
    assert not dialog.sign_in_button.isEnabled()


def test_first_run_creates_the_administrator(qtbot, store: Store) -> None:
    """On an empty store the first-run dialog creates the admin, who sees Administration."""
    dialog = FirstRunDialog(store)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.last_name_edit, "MOREAU")
    qtbot.keyClicks(dialog.first_name_edit, "Catherine")
    qtbot.keyClicks(dialog.password_edit, "secret-du-centre")
    qtbot.keyClicks(dialog.confirm_edit, "secret-different")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Les deux mots de passe sont différents."
    dialog.confirm_edit.setText("secret-du-centre")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    window = MainWindow(AppContext(store, dialog.actor, Settings(), ApprenticeSelection()))
    qtbot.addWidget(window)
    assert module_names(window) == ["Administration"]
    assert authenticate(store, "admin", "secret-du-centre").login == "admin"


def test_selector_lists_only_allowed_apprentices(qtbot, demo_store: Store) -> None:
    """The tutor's selector holds his apprentices only; the arrows walk them in order."""
    window = open_window(qtbot, demo_store, "tuteur")
    selector = window.selector
    seen = []
    for class_index in range(selector.class_combo.count()):
        selector.class_combo.setCurrentIndex(class_index)
        combo = selector.apprentice_combo
        seen += [combo.itemText(i) for i in range(combo.count())]
    assert seen == ["AZZOUG Mina", "BERNARD Lucas", "DIALLO Moussa", "GARCIA Hugo"]
    selector.class_combo.setCurrentIndex(0)
    assert selector.apprentice_combo.currentText() == "AZZOUG Mina"
    assert not selector.previous_button.isEnabled()
    with qtbot.waitSignal(window.context.selection.changed) as changed:
        window.actions_by_name["next"].trigger()
    assert selector.apprentice_combo.currentText() == "BERNARD Lucas"
    assert changed.args == [window.context.selection.apprentice_id]
    for _ in range(3):
        qtbot.mouseClick(selector.next_button, Qt.MouseButton.LeftButton)
    assert selector.apprentice_combo.currentText() == "GARCIA Hugo"
    assert selector.class_combo.currentText().startswith("Terminale Bac Pro")
    assert not selector.next_button.isEnabled()


def test_apprentice_sees_only_himself(qtbot, demo_store: Store) -> None:
    """The apprentice's selector holds him alone."""
    window = open_window(qtbot, demo_store, "apprenti")
    assert window.selector.apprentice_combo.count() == 1
    assert window.selector.apprentice_combo.currentText() == "AZZOUG Mina"


def test_shortcuts_switch_modules(qtbot, demo_store: Store) -> None:
    """Ctrl+2 opens the second module; the selector hides on Administration."""
    window = open_window(qtbot, demo_store, "tuteur")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.module_list.setFocus()
    qtbot.keyClick(window.module_list, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.module_list.currentItem().text() == "Tableaux de bord de l'apprenti"
    assert window.selector.isVisible()


def test_geometry_module_and_selection_are_remembered(qtbot, demo_store: Store) -> None:
    """Closing saves the geometry, module and apprentice; the next window restores them."""
    settings = Settings()
    window = open_window(qtbot, demo_store, "formateur", settings)
    window.show()
    qtbot.waitExposed(window)
    window.open_module(window.modules[2])
    window.selector.select_apprentice(window.directory.classes[1].apprentices[1].id)
    chosen = window.selector.current_apprentice_id()
    window.resize(window.minimumSizeHint())
    closed_geometry = window.geometry()
    window.close()
    saved = json.loads(Settings.path().read_text(encoding="utf-8"))
    assert saved["window_geometry"]
    again = open_window(qtbot, demo_store, "formateur", Settings.load())
    again.show()
    qtbot.waitExposed(again)
    assert again.selector.current_apprentice_id() == chosen
    assert again.current_module() == window.modules[2]
    assert again.size() == closed_geometry.size()  # not the default 1200 wide


def test_settings_dialog_validates_tests_and_saves(qtbot, monkeypatch) -> None:
    """The settings refuse a non-PostgreSQL URL, test the embedded store, and save."""
    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.server_radio.setChecked(True)
    dialog.url_edit.setText("mysql://root@localhost/cpro")
    dialog.accept()
    assert "non pris en charge" in dialog.message.text()
    dialog.url_edit.setText("postgresql://cpro@127.0.0.1:1/cpro")
    dialog.sslmode_combo.setCurrentIndex(dialog.sslmode_combo.findData("verify-full"))
    dialog.accept()
    assert "certificat" in dialog.message.text()
    dialog.ca_edit.setText("/etc/cpro/ca.pem")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert "Impossible de joindre" in dialog.test_result.text()
    dialog.embedded_radio.setChecked(True)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.test_result.text().startswith("Connexion réussie")
    dialog.server_radio.setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.store_changed
    saved = Settings.load()
    assert saved.database_url == (
        "postgresql://cpro@127.0.0.1:1/cpro?sslmode=verify-full&sslrootcert=%2Fetc%2Fcpro%2Fca.pem"
    )


def test_controller_signs_in_out_and_quits(qtbot, qapp, demo_url: str, monkeypatch) -> None:
    """The controller shows the login, then the window; signing out and cancelling quits."""
    answers = iter([("tuteur", True), (None, False)])
    quits: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))

    def runner(dialog: QDialog) -> int:
        login, accept = next(answers)
        if accept and isinstance(dialog, LoginDialog):
            dialog.login_edit.setText(login)
            dialog.password_edit.setText("cpro-demo")
            dialog.try_sign_in()
            return dialog.result()
        return QDialog.DialogCode.Rejected

    controller = AppController(qapp, demo_url, runner=runner)
    assert controller.start()
    window = controller.window
    qtbot.addWidget(window)
    assert window.context.actor.login == "tuteur" and window.isVisible()
    window.actions_by_name["logout"].trigger()
    assert quits == [True]
    controller.store.close()


def test_controller_reports_a_bad_store(qapp, monkeypatch, capsys) -> None:
    """An unreachable store: a French error, the settings offered, exit code 2 if cancelled."""
    from cpro_desktop.views import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(app_module.ask, "show_error", lambda _p, _t, text: shown.append(text))
    controller = AppController(
        qapp, "postgresql://nobody@127.0.0.1:1/cpro", runner=lambda d: QDialog.DialogCode.Rejected
    )
    assert not controller.start()
    assert controller.exit_code == 2
    assert "Impossible de joindre le serveur PostgreSQL" in shown[0]
    assert "Impossible de joindre" in capsys.readouterr().err
