"""Every modal message box goes through these functions, so that tests can replace them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking error message."""
    QMessageBox.critical(parent, title, message)
