"""The booklet's small dialogs: an interview, a visit (plan it, then report it), a phase
synthesis, and the choice of a class to print. Each returns a plain value; the page hands it
to the services, which validate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.models.enums import Origin
from cpro_desktop.services.printing import ClassTarget

DATE_FORMAT = "dd/MM/yyyy"


@dataclass(frozen=True)
class InterviewInput:
    """What the interview dialog edits."""

    held_on: date
    participants: str = ""
    summary: str = ""


@dataclass(frozen=True)
class VisitInput:
    """What the visit dialog edits."""

    planned_on: date | None
    held_on: date | None = None
    participants: str = ""
    report: str = ""


@dataclass(frozen=True)
class PeriodChoice:
    """A period a synthesis may refer to."""

    id: int
    label: str


@dataclass(frozen=True)
class SynthesisInput:
    """What the synthesis dialog edits."""

    origin: Origin
    title: str = ""
    body: str = ""
    written_on: date | None = None
    period_id: int | None = None


@dataclass(frozen=True)
class ClassPrintChoice:
    """A class to print, into a folder (one PDF per apprentice) or one merged file."""

    school_class_id: int
    out_dir: Path | None
    merged_file: Path | None


def _date_edit(parent: QWidget, day: date | None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    shown = day or date.today()
    edit.setDate(QDate(shown.year, shown.month, shown.day))
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class InterviewDialog(QDialog):
    """An individual interview: its date, who took part, what was said."""

    def __init__(self, initial: InterviewInput, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Individual interview"))
        form = QFormLayout(self)
        self.held_edit = _date_edit(self, initial.held_on)
        self.participants_edit = QLineEdit(initial.participants, self)
        self.summary_edit = QPlainTextEdit(initial.summary, self)
        form.addRow(self.tr("Date:"), self.held_edit)
        form.addRow(self.tr("Participants:"), self.participants_edit)
        form.addRow(self.tr("What was said:"), self.summary_edit)
        form.addRow(_buttons(self))
        self.resize(560, 380)

    def value(self) -> InterviewInput:
        return InterviewInput(
            _day(self.held_edit), self.participants_edit.text(), self.summary_edit.toPlainText()
        )


class VisitDialog(QDialog):
    """A company visit: planned (its date, who will come), then reported (when it took
    place, who took part, what was said)."""

    def __init__(self, initial: VisitInput, report: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report_mode = report
        self.setWindowTitle(self.tr("Report a company visit") if report else
                            self.tr("Plan a company visit"))  # fmt: skip
        form = QFormLayout(self)
        self.planned_edit = _date_edit(self, initial.planned_on or initial.held_on)
        self.participants_edit = QLineEdit(initial.participants, self)
        form.addRow(self.tr("Planned on:"), self.planned_edit)
        self.held_edit = _date_edit(self, initial.held_on or initial.planned_on)
        self.report_edit = QPlainTextEdit(initial.report, self)
        if report:
            form.addRow(self.tr("Held on:"), self.held_edit)
        form.addRow(self.tr("Participants:"), self.participants_edit)
        if report:
            form.addRow(self.tr("Report:"), self.report_edit)
        else:
            self.held_edit.hide()
            self.report_edit.hide()
        form.addRow(_buttons(self))
        self.resize(560, 400 if report else 160)

    def value(self) -> VisitInput:
        return VisitInput(
            _day(self.planned_edit),
            _day(self.held_edit) if self.report_mode else None,
            self.participants_edit.text(),
            self.report_edit.toPlainText() if self.report_mode else "",
        )


class SynthesisDialog(QDialog):
    """The synthesis of a phase, in the company or in the centre."""

    def __init__(
        self, initial: SynthesisInput, periods: list[PeriodChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.origin = initial.origin
        self.setWindowTitle(
            self.tr("Synthesis of a phase in the company")
            if initial.origin == Origin.COMPANY
            else self.tr("Synthesis of a phase in the centre")
        )
        form = QFormLayout(self)
        self.title_edit = QLineEdit(initial.title, self)
        self.title_edit.setMaxLength(200)
        self.period_combo = QComboBox(self)
        self.period_combo.addItem(self.tr("(no period)"), None)
        for period in periods:
            self.period_combo.addItem(period.label, period.id)
        index = self.period_combo.findData(initial.period_id)
        self.period_combo.setCurrentIndex(max(index, 0))
        self.written_edit = _date_edit(self, initial.written_on)
        self.body_edit = QPlainTextEdit(initial.body, self)
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("Period:"), self.period_combo)
        form.addRow(self.tr("Written on:"), self.written_edit)
        form.addRow(self.tr("Synthesis:"), self.body_edit)
        form.addRow(_buttons(self))
        self.resize(560, 420)

    def value(self) -> SynthesisInput:
        return SynthesisInput(
            self.origin,
            self.title_edit.text(),
            self.body_edit.toPlainText(),
            _day(self.written_edit),
            self.period_combo.currentData(),
        )


class ClassPrintDialog(QDialog):
    """Print a class: one PDF per apprentice into a folder, or one merged PDF."""

    def __init__(
        self,
        classes: tuple[ClassTarget, ...],
        current_class_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print the booklets of a class"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.class_combo = QComboBox(self)
        for target in classes:
            count = len(target.apprentices)
            self.class_combo.addItem(
                self.tr("{label} — {count} apprentice(s)").format(label=target.label, count=count),
                target.id,
            )
        index = self.class_combo.findData(current_class_id)
        self.class_combo.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("Class:"), self.class_combo)
        layout.addLayout(form)
        self.folder_radio = QRadioButton(self.tr("One PDF per apprentice, into a folder"), self)
        self.merged_radio = QRadioButton(self.tr("One PDF for the whole class"), self)
        self.folder_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.folder_radio)
        group.addButton(self.merged_radio)
        layout.addWidget(self.folder_radio)
        layout.addWidget(self.merged_radio)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(self.tr("Folder or file"))
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.button_box = _buttons(self)
        layout.addWidget(self.button_box)
        self.folder_radio.toggled.connect(self._mode_changed)
        self.path_edit.textChanged.connect(self._check)
        self._check()
        self.resize(520, 220)

    def _mode_changed(self) -> None:
        self.path_edit.clear()
        self._check()

    def _browse(self) -> None:
        from cpro_desktop.views.booklet import ask

        if self.folder_radio.isChecked():
            chosen = ask.choose_folder(self)
        else:
            name = self.class_combo.currentText().split(" — ")[0]
            chosen = ask.choose_pdf_file(self, f"Livrets - {name}.pdf")
        if chosen:
            self.path_edit.setText(chosen)

    def _check(self) -> None:
        ok = bool(self.path_edit.text().strip()) and self.class_combo.count() > 0
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def value(self) -> ClassPrintChoice:
        path = Path(self.path_edit.text().strip())
        if self.folder_radio.isChecked():
            return ClassPrintChoice(self.class_combo.currentData(), path, None)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return ClassPrintChoice(self.class_combo.currentData(), None, path)
