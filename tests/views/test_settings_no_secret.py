"""The settings dialog saves a server address without its password and says so."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from cpro_desktop.config import Settings
from cpro_desktop.views import ask
from cpro_desktop.views.settings_dialog import SettingsDialog


def test_a_typed_password_is_not_saved(qtbot, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(ask, "inform", lambda _parent, _title, message: told.append(message))
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.server_radio.setChecked(True)
    dialog.url_edit.setText("postgresql://cpro:motdepasse@serveur.example/cpro")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Settings.load().database_url == "postgresql://cpro@serveur.example/cpro"
    assert "motdepasse" not in Settings.path().read_text(encoding="utf-8")
    assert len(told) == 1 and "Le mot de passe n'est pas enregistré" in told[0]
