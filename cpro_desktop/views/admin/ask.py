"""The administration's modal questions, messages and file choosers, in one place so that
tests replace them (a modal box would block a test)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question; True for yes."""
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking error message (a file that cannot be read, a refused export)."""
    QMessageBox.warning(parent, title, message)


def inform(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking information message (what an import or an export wrote)."""
    QMessageBox.information(parent, title, message)


def open_file(parent: QWidget | None, title: str, pattern: str = "") -> str:
    """A file to read ("" if cancelled); `pattern` is a Qt filter such as
    "CSV (*.csv);;Tous les fichiers (*)"."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", pattern)
    return path


def save_file(parent: QWidget | None, title: str, suggested: str, pattern: str = "") -> str:
    """A file to write ("" if cancelled); the system dialog asks before overwriting."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return path
