"""Every modal question, message and file chooser goes through here, so tests replace them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking error message."""
    QMessageBox.critical(parent, title, message)


def store_unavailable(parent: QWidget | None, title: str, message: str) -> bool:
    """The store failed during an action (server unreachable, store busy, disk full…):
    *Réessayer* (True) runs the action again, *Annuler* (False) gives up for now. What the
    user typed stays in the editors either way."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.setInformativeText(
        QCoreApplication.translate(
            "StoreFault", "What you typed is kept. Retry now, or cancel and save it later."
        )
    )
    retry = box.addButton(
        QCoreApplication.translate("StoreFault", "Retry"), QMessageBox.ButtonRole.AcceptRole
    )
    cancel = box.addButton(
        QCoreApplication.translate("StoreFault", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(retry)
    box.setEscapeButton(cancel)
    try:
        box.exec()
        return box.clickedButton() is retry
    finally:
        box.deleteLater()


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question; True for yes."""
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


def open_file(parent: QWidget | None, title: str, pattern: str = "") -> str:
    """A file to read ("" if cancelled)."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", pattern)
    return path


def save_file(
    parent: QWidget | None, title: str, suggested: str, pattern: str = "", suffix: str = ""
) -> str:
    """A file to write ("" if cancelled). `suffix` ("zip") is added to a name typed without
    it, before the dialog asks whether to replace an existing file."""
    dialog = QFileDialog(parent, title, "", pattern)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return ""
        return dialog.selectedFiles()[0]
    finally:
        dialog.deleteLater()


def inform(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking information message (what an import or an export wrote)."""
    QMessageBox.information(parent, title, message)
