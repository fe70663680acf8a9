"""Every modal question, message, file chooser and browser hand-off of module 1 goes through
here, so that tests replace them (`monkeypatch.setattr(ask, "confirm", ...)`)."""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from cpro_desktop.views import ask as common_ask


class UnsavedChoice(enum.Enum):
    """The answer to "leave with unsaved changes?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking warning (a refused action, a conflict, a file too large)."""
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking information message (what a save did)."""
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question; True for yes (No is the default button)."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def unsaved_changes(parent: QWidget | None, title: str, question: str) -> UnsavedChoice:
    """ "Enregistrer / Ignorer / Annuler" before leaving a page or a dialog with changes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    save = box.addButton(
        QCoreApplication.translate("ActivitiesAsk", "Save"), QMessageBox.ButtonRole.AcceptRole
    )
    discard = box.addButton(
        QCoreApplication.translate("ActivitiesAsk", "Ignore"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    cancel = box.addButton(
        QCoreApplication.translate("ActivitiesAsk", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return UnsavedChoice.SAVE
    if clicked is discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def open_file(parent: QWidget | None, title: str) -> str:
    """A file to attach ("" if cancelled)."""
    path, _ = QFileDialog.getOpenFileName(parent, title)
    return path


def save_file(parent: QWidget | None, title: str, suggested: str) -> str:
    """Where to write a file ("" if cancelled)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested)
    return path


def pdf_target(parent: QWidget | None, title: str, suggested: str) -> str:
    """Where to write a PDF ("" if cancelled); the dialog adds ".pdf" to a bare name before
    asking whether to replace an existing file."""
    return common_ask.save_file(parent, title, suggested, "PDF (*.pdf)", "pdf")


def open_url(url: str) -> bool:
    """Hand an http(s) address to the user's browser; False if none took it."""
    return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))


def run_dialog(dialog: QDialog) -> int:
    """Run a modal dialog of ours (conflict, web link) and return its result code."""
    return dialog.exec()
