"""The review screens' modal questions, in one place so that tests replace them: typing
CONFIRMATION, choosing where a PDF goes, and telling about an error."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from cpro_desktop.views import ask as common_ask


def type_confirmation(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """What the user typed in the confirmation box, exactly; None if he cancelled."""
    typed, accepted = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Normal, "")
    return typed if accepted else None


def pdf_target(parent: QWidget | None, title: str, suggested: str) -> str:
    """Where to write a PDF ("" if cancelled); the dialog adds ".pdf" to a bare name before
    asking whether to replace an existing file."""
    return common_ask.save_file(parent, title, suggested, "PDF (*.pdf)", "pdf")


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking error message (a conflict, a refused action)."""
    QMessageBox.warning(parent, title, message)
