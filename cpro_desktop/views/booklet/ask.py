"""Every modal question of the booklet module goes through here, so tests replace them:
file and folder choices, the item dialogs, the class printing dialog, messages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from cpro_desktop.services.printing import ClassTarget
from cpro_desktop.views import ask as common_ask
from cpro_desktop.views import ask as shell_ask
from cpro_desktop.views import faults
from cpro_desktop.views.booklet.dialogs import (
    ClassPrintChoice,
    ClassPrintDialog,
    InterviewDialog,
    InterviewInput,
    PeriodChoice,
    SynthesisDialog,
    SynthesisInput,
    VisitDialog,
    VisitInput,
)


def show_error(parent: QWidget | None, message: str) -> None:
    """A blocking error message."""
    shell_ask.show_error(
        parent, QCoreApplication.translate("BookletAsk", "Apprenticeship booklet"), message
    )


def retry_wanted(parent: QWidget | None, exc: BaseException) -> bool:
    """Tell a failed action's error (`faults.retry_wanted`): True to run it again."""
    return faults.retry_wanted(
        parent,
        QCoreApplication.translate("BookletAsk", "Apprenticeship booklet"),
        exc,
        lambda widget, _title, message: show_error(widget, message),
    )


def show_message(parent: QWidget | None, title: str, message: str) -> None:
    """A blocking information message (what was written)."""
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, question: str) -> bool:
    """A yes/no question; True for yes."""
    return shell_ask.confirm(
        parent, QCoreApplication.translate("BookletAsk", "Apprenticeship booklet"), question
    )


def choose_pdf_file(parent: QWidget | None, suggested: str) -> str:
    """Where to save a PDF ("" if cancelled); the dialog adds ".pdf" to a bare name before
    asking whether to replace an existing file."""
    return common_ask.save_file(
        parent,
        QCoreApplication.translate("BookletAsk", "Save as PDF"),
        suggested,
        QCoreApplication.translate("BookletAsk", "PDF documents (*.pdf)"),
        "pdf",
    )


def choose_folder(parent: QWidget | None) -> str:
    """A folder to print into ("" if cancelled)."""
    return QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("BookletAsk", "Choose a folder")
    )


def choose_reference_file(parent: QWidget | None) -> str:
    """A file to add as a reference document ("" if cancelled)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("BookletAsk", "Add a reference document")
    )
    return path


def choose_save_path(parent: QWidget | None, suggested: str) -> str:
    """Where to save a reference document ("" if cancelled)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("BookletAsk", "Save the document"), suggested
    )
    return path


def open_document(path: str) -> bool:
    """Open a file in the system's viewer (to read or print it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def edit_interview(parent: QWidget | None, initial: InterviewInput) -> InterviewInput | None:
    """The interview dialog; None if cancelled."""
    dialog = InterviewDialog(initial, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_visit(parent: QWidget | None, initial: VisitInput, report: bool) -> VisitInput | None:
    """The visit dialog (planning, or reporting when `report`); None if cancelled."""
    dialog = VisitDialog(initial, report, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_synthesis(
    parent: QWidget | None, initial: SynthesisInput, periods: list[PeriodChoice]
) -> SynthesisInput | None:
    """The phase synthesis dialog; None if cancelled."""
    dialog = SynthesisDialog(initial, periods, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_class_print(
    parent: QWidget | None, classes: tuple[ClassTarget, ...], current_class_id: int | None
) -> ClassPrintChoice | None:
    """Which class to print, and where (a folder, or one merged file); None if cancelled."""
    dialog = ClassPrintDialog(classes, current_class_id, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
