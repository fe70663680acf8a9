"""The placeholder main window: the seed's five modules, the store in the status bar."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from cpro_desktop.services.overview import store_overview
from cpro_desktop.store import Store
from cpro_desktop.views import app as app_module
from cpro_desktop.views.main_window import MODULES, MainWindow


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_main_window_lists_the_five_modules(qtbot, demo_store: Store) -> None:
    """The module list names the seed's five modules; each is a page saying it is not built."""
    window = MainWindow(store_overview(demo_store))
    qtbot.addWidget(window)
    names = [window.module_list.item(i).text() for i in range(window.module_list.count())]
    assert names == ["Accueil", *MODULES]
    assert MODULES == [
        "Suivi des activités en entreprise",
        "Tableaux de bord de l'apprenti",
        "Bilans des activités en entreprise",
        "Bilans de compétences",
        "Livret d'apprentissage",
    ]
    window.module_list.setCurrentRow(2)
    texts = " ".join(label.text() for label in window.pages.currentWidget().findChildren(QLabel))
    assert "Tableaux de bord de l'apprenti" in texts and "pas encore construit" in texts
    assert demo_store.location in window.statusBar().currentMessage()
    assert "Jean Jaurès" in window.windowTitle()


def test_gui_refuses_a_bad_store_with_a_message(qtbot, monkeypatch, capsys) -> None:
    """Opening the GUI on an unreachable store shows a French error and returns 2."""
    shown: list[str] = []
    monkeypatch.setattr(app_module, "show_error", lambda parent, title, text: shown.append(text))
    code = app_module.run_gui("postgresql://nobody@127.0.0.1:1/cpro")
    assert code == 2
    assert shown and "Impossible de joindre le serveur PostgreSQL" in shown[0]
    assert "Impossible de joindre" in capsys.readouterr().err
