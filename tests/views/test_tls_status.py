"""The main window keeps a warning in its status bar while the server is not authenticated."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy.engine import make_url

from cpro_desktop.store import Store
from cpro_desktop.store.engine import normalise_url
from cpro_desktop.store.tls import tls_status

from .test_shell import open_window


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; what is warned about comes from the store's URL."""
    return "sqlite"


def test_an_unverified_server_is_shown_in_the_status_bar(
    qtbot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGSSLMODE", raising=False)
    warning = tls_status(
        normalise_url(make_url("postgresql://cpro@db.centre.example/cpro?sslmode=require"))
    )
    assert warning
    monkeypatch.setattr(Store, "tls_warning", property(lambda self: warning))
    window = open_window(qtbot, demo_store, "tuteur")
    window.show()
    label = window.statusBar().findChild(QLabel, "tls_warning")
    assert label is window.tls_label
    assert label is not None and label.isVisible()
    assert label.text() == warning
    assert "sslmode=require" in label.text()
    assert label.toolTip().startswith(warning)
    assert "sslmode=verify-full" in label.toolTip()
    assert "certificat de l'autorité du centre" in label.toolTip()
    # Showing a message in the status bar does not hide the warning (a permanent widget).
    window.statusBar().showMessage("Enregistré.")
    assert label.isVisible()


def test_a_verified_or_local_store_shows_no_warning(qtbot, demo_store: Store) -> None:
    assert demo_store.tls_warning is None
    window = open_window(qtbot, demo_store, "tuteur")
    assert window.tls_label is None
    assert window.statusBar().findChild(QLabel, "tls_warning") is None
