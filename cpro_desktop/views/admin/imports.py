"""The "Imports" tab: bring a competency framework (Moodle export, CSV) and class lists
(SIECLE XML/ZIP, spreadsheet CSV) into the store through a preview, and send a framework
back to Moodle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services import admin as admin_service
from cpro_desktop.services.admin import DiplomaRow
from cpro_desktop.services.interop import ImportPreview, moodle, students
from cpro_desktop.store.errors import CproError, ValidationError
from cpro_desktop.views import ask
from cpro_desktop.views.admin.common import ERROR_STYLE
from cpro_desktop.views.admin.import_preview import (
    FrameworkImportDialog,
    ImportPreviewDialog,
    StudentsImportDialog,
)
from cpro_desktop.views.busy import busy
from cpro_desktop.views.context import AppContext

#: The fields of a students preview's refusals that its dialog's options can fix.
_STUDENT_OPTIONS = frozenset({"school_year_id", "diploma_id"})


class ImportsTab(QWidget):
    """Three sections: import a framework, import students, export a framework. Each
    import opens its preview; `imported` fires once an import has written something."""

    imported = Signal(object)  # ImportResult

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: QDialog | None = None
        self.diplomas: tuple[DiplomaRow, ...] = ()

        framework_box = QGroupBox(self.tr("Competency framework"), self)
        self.framework_button = QPushButton(
            self.tr("Import a framework (Moodle, CSV)…"), framework_box
        )
        self.framework_button.setObjectName("import_framework")
        self.framework_button.clicked.connect(lambda _c=False: self.import_framework())
        self._section(
            framework_box,
            self.tr(
                "The CSV file written by Moodle's competency framework export (Site "
                "administration › Competencies › Export competency framework), with English "
                "or French headers, or none; commas or semicolons; UTF-8. The preview shows "
                "how the tree's levels become units, competences and criteria, and lets you "
                "change it. Importing again updates the framework (matched on the ID numbers) "
                "and never deletes anything."
            ),
            self.framework_button,
        )

        students_box = QGroupBox(self.tr("Students"), self)
        self.students_button = QPushButton(
            self.tr("Import students (SIECLE XML/ZIP or CSV)…"), students_box
        )
        self.students_button.setObjectName("import_students")
        self.students_button.clicked.connect(lambda _c=False: self.import_students())
        self._section(
            students_box,
            self.tr(
                "The SIECLE export of the school (ElevesSansAdresses.xml or "
                "ElevesAvecAdresses.xml, zipped or not), or a spreadsheet saved as CSV "
                "(semicolons; columns such as INE, Nom, Prénom, Date de naissance, Classe). "
                "Apprentices are matched on their INE, else on their name and birth date: "
                "importing again updates them, never duplicates nor deletes. Missing classes "
                "are created for the school year you choose."
            ),
            self.students_button,
        )

        export_box = QGroupBox(self.tr("Export to Moodle"), self)
        self.export_combo = QComboBox(export_box)
        self.export_combo.setObjectName("export_diploma")
        self.export_combo.setMinimumWidth(320)
        self.export_button = QPushButton(self.tr("Export a framework to Moodle…"), export_box)
        self.export_button.setObjectName("export_framework")
        self.export_button.clicked.connect(lambda _c=False: self.export_framework())
        export_row = QHBoxLayout()
        export_row.addWidget(QLabel(self.tr("Diploma:"), export_box))
        export_row.addWidget(self.export_combo)
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        export_hint = QLabel(
            self.tr(
                "Writes the diploma's framework as a CSV file that Moodle's competency "
                "framework import reads (Site administration › Competencies › Import "
                "competency framework); ID numbers, names and parents are kept."
            ),
            export_box,
        )
        export_hint.setWordWrap(True)
        export_layout = QVBoxLayout(export_box)
        export_layout.addWidget(export_hint)
        export_layout.addLayout(export_row)

        self.message = QLabel("", self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(framework_box)
        layout.addWidget(students_box)
        layout.addWidget(export_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.update_buttons()

    @staticmethod
    def _section(box: QGroupBox, text: str, button: QPushButton) -> None:
        hint = QLabel(text, box)
        hint.setWordWrap(True)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(hint)
        layout.addLayout(row)

    # -- state --------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Reload the diplomas offered for export, keeping the chosen one."""
        try:
            diplomas = admin_service.list_diplomas(self.context.store, self.context.actor)
        except CproError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        current = self.export_combo.currentData()
        self.diplomas = diplomas
        self.export_combo.clear()
        for diploma in diplomas:
            self.export_combo.addItem(f"{diploma.name} ({diploma.code})", diploma.id)
        self.export_combo.setCurrentIndex(max(0, self.export_combo.findData(current)))
        self.update_buttons()
        return True

    def update_buttons(self) -> None:
        self.export_button.setEnabled(self.export_combo.count() > 0)

    def _open(self, dialog: ImportPreviewDialog) -> None:
        """Show a preview (window-modal, without blocking)."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.imported.connect(self._imported)
        dialog.open()

    def _imported(self, result: object) -> None:
        self.refresh()
        self.imported.emit(result)

    # -- actions ------------------------------------------------------------------------
    def import_framework(self) -> None:
        title = self.tr("Import a competency framework")
        path = ask.open_file(self, title, self.tr("Moodle CSV (*.csv *.txt);;All files (*)"))
        if not path:
            return
        store, actor = self.context.store, self.context.actor
        try:
            diplomas = admin_service.list_diplomas(store, actor)
            with busy():
                preview = moodle.preview_framework_import(store, actor, Path(path))
        except CproError as exc:
            ask.show_error(self, title, str(exc))
            return
        self._open(FrameworkImportDialog(self.context, Path(path), preview, diplomas, self))

    def import_students(self) -> None:
        title = self.tr("Import students")
        path = ask.open_file(
            self,
            title,
            self.tr("SIECLE or CSV (*.xml *.zip *.csv *.txt);;All files (*)"),
        )
        if not path:
            return
        store, actor = self.context.store, self.context.actor
        error = ""
        try:
            diplomas = admin_service.list_diplomas(store, actor)
            years = admin_service.list_school_years(store, actor)
            # The only diploma is the obvious one for new classes; with several, the
            # admin chooses (the preview says which classes need one).
            diploma_id = diplomas[0].id if len(diplomas) == 1 else None
            try:
                with busy():
                    preview: ImportPreview | None = students.preview_students_import(
                        store, actor, Path(path), diploma_id=diploma_id
                    )
            except ValidationError as exc:
                if exc.field not in _STUDENT_OPTIONS:
                    raise
                # The dialog's options can fix this one (the file's school year is
                # missing): open it with the refusal instead of a dead end.
                preview, error = None, str(exc)
        except CproError as exc:
            ask.show_error(self, title, str(exc))
            return
        self._open(
            StudentsImportDialog(
                self.context, Path(path), preview, diplomas, years, diploma_id, None, error, self
            )
        )

    def export_framework(self) -> None:
        title = self.tr("Export a framework to Moodle")
        diploma = next((d for d in self.diplomas if d.id == self.export_combo.currentData()), None)
        if diploma is None:
            return
        path = ask.save_file(
            self, title, f"{_file_stem(diploma.code)}.csv", self.tr("CSV (*.csv)"), "csv"
        )
        if not path:
            return
        try:
            with busy():
                count = moodle.export_framework(
                    self.context.store, self.context.actor, diploma.code, Path(path)
                )
        except CproError as exc:
            ask.show_error(self, title, str(exc))
            return
        ask.inform(
            self,
            title,
            self.tr("The framework (%1 items) was written to %2.")
            .replace("%1", str(count))
            .replace("%2", path),
        )


def _file_stem(text: str) -> str:
    """A file name from a diploma code: letters, digits, dashes."""
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-")
    return stem or "referentiel"
