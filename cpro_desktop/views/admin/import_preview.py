"""The preview of an import, shared by the framework and the students imports: what the file
would create or update, what is wrong in it, and the Import button that writes it.

The dialog holds one `ImportPreview` (computed by the service before the dialog opens) and
asks the service again whenever an option changes (levels mapping, target diploma, class
diploma, school year). The tables adapt the preview's tuples in memory; nothing here reads
the store per row. Base-class strings translate under the fixed context
"ImportPreviewDialog" (`self.tr()` would use the subclass's name).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services import admin as admin_service
from cpro_desktop.services.interop import (
    ACTION_LABELS,
    Action,
    Change,
    ImportPreview,
    ImportResult,
    Problem,
    moodle,
    students,
)
from cpro_desktop.store.errors import CproError
from cpro_desktop.views import ask
from cpro_desktop.views.admin.common import ERROR_STYLE, ROW_ROLE, Index, ReadOnlyTableModel
from cpro_desktop.views.busy import busy
from cpro_desktop.views.context import AppContext

#: Row backgrounds of the changes table, one per action (soft, so the text stays readable).
ACTION_COLOURS = {
    Action.CREATE: QColor("#e3f4e1"),
    Action.UPDATE: QColor("#fff3cd"),
    Action.UNCHANGED: QColor("#f4f4f4"),
}
UNCHANGED_TEXT = QColor("#6b6b6b")
ERROR_COLOUR = QColor("#b00020")
WARNING_COLOUR = QColor("#8a5a00")
ROW_HEIGHT = 22


def _plain_table(parent: QWidget, model: QAbstractTableModel, widths: Sequence[int]) -> QTableView:
    """A read-only table with fixed row heights and fixed starting widths: nothing measures
    the contents, so two thousand rows open at once."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


# -- table models -------------------------------------------------------------------------


class ChangeTableModel(ReadOnlyTableModel):
    """The rows an import creates, updates or leaves alone; the unchanged ones are hidden
    unless asked for (a re-import is mostly unchanged rows)."""

    ACTION, KIND, KEY, LABEL, DETAILS = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        # tr() needs the Qt object: before it exists, translate in the class's own context.
        translate = QCoreApplication.translate
        super().__init__(
            (
                translate("ChangeTableModel", "Action"),
                translate("ChangeTableModel", "Kind"),
                translate("ChangeTableModel", "Identifier"),
                translate("ChangeTableModel", "Label"),
                translate("ChangeTableModel", "What changes"),
            ),
            parent,
        )
        self._all: tuple[Change, ...] = ()
        self._rows: list[Change] = []
        self._show_unchanged = False

    def set_changes(self, changes: Sequence[Change]) -> None:
        self.beginResetModel()
        self._all = tuple(changes)
        self._filter()
        self.endResetModel()

    def set_show_unchanged(self, show: bool) -> None:
        if show != self._show_unchanged:
            self.beginResetModel()
            self._show_unchanged = show
            self._filter()
            self.endResetModel()

    def _filter(self) -> None:
        self._rows = [c for c in self._all if self._show_unchanged or c.action != Action.UNCHANGED]

    def change_at(self, row: int) -> Change | None:
        return self.row_at(row)

    def _text(self, change: Change, column: int) -> str:
        if column == self.ACTION:
            return ACTION_LABELS.get(change.action, str(change.action)).capitalize()
        if column == self.KIND:
            return change.kind
        if column == self.KEY:
            return change.key
        if column == self.LABEL:
            return change.label
        if column == self.DETAILS:
            return change.details
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(change, index.column()) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return ACTION_COLOURS.get(change.action)
        if role == Qt.ItemDataRole.ForegroundRole and change.action == Action.UNCHANGED:
            return UNCHANGED_TEXT
        if role == ROW_ROLE:
            return change
        return None


class ProblemTableModel(ReadOnlyTableModel):
    """What is wrong in the file: errors first, then warnings, each in file order."""

    SEVERITY, WHERE, REASON = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        super().__init__(
            (
                translate("ProblemTableModel", "Severity"),
                translate("ProblemTableModel", "Where"),
                translate("ProblemTableModel", "Problem"),
            ),
            parent,
        )
        self._error = self.tr("Error")
        self._warning = self.tr("Warning")
        self._rows: list[Problem] = []

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.beginResetModel()
        # sorted() is stable: file order is kept inside each severity.
        self._rows = sorted(problems, key=lambda p: p.warning)
        self.endResetModel()

    def problem_at(self, row: int) -> Problem | None:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        problem = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.SEVERITY:
                return self._warning if problem.warning else self._error
            if column == self.WHERE:
                return problem.where
            if column == self.REASON:
                return problem.reason
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return WARNING_COLOUR if problem.warning else ERROR_COLOUR
        if role == ROW_ROLE:
            return problem
        return None


# -- the dialog ---------------------------------------------------------------------------


class ImportPreviewDialog(QDialog):
    """The preview of one file: summary, options (in subclasses), changes, problems, and
    Import / Cancel. Import is refused while the file has errors, unless the user ticks
    "import only the valid part". `imported` carries the `ImportResult`."""

    imported = Signal(object)

    def __init__(
        self,
        context: AppContext,
        path: Path,
        preview: ImportPreview | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.path = path
        self.preview: ImportPreview | None = preview
        self.result_: ImportResult | None = None
        self.resize(1040, 760)

        self.file_label = QLabel(self)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setText(
            QCoreApplication.translate("ImportPreviewDialog", "File: %1").replace("%1", str(path))
        )
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary")
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.summary_label.setWordWrap(True)
        self.options_box = QWidget(self)
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.options_error = QLabel("", self)
        self.options_error.setObjectName("options_error")
        self.options_error.setStyleSheet(ERROR_STYLE)
        self.options_error.setWordWrap(True)
        self.options_error.hide()

        self.changes_model = ChangeTableModel(self)
        self.changes_table = _plain_table(self, self.changes_model, [105, 105, 150, 330])
        self.changes_table.setObjectName("changes")
        self.show_unchanged = QCheckBox(
            QCoreApplication.translate("ImportPreviewDialog", "Show unchanged rows"), self
        )
        self.show_unchanged.toggled.connect(self.changes_model.set_show_unchanged)
        self.changes_title = QLabel(self)
        self.problems_model = ProblemTableModel(self)
        self.problems_table = _plain_table(self, self.problems_model, [90, 300])
        self.problems_table.setObjectName("problems")
        self.problems_title = QLabel(self)
        self.problem_detail = QLabel(self)
        self.problem_detail.setObjectName("problem_detail")
        self.problem_detail.setWordWrap(True)
        self.problem_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_problem(current.row())
        )

        changes_box = QWidget(self)
        changes_layout = QVBoxLayout(changes_box)
        changes_layout.setContentsMargins(0, 0, 0, 0)
        top = QGridLayout()
        top.addWidget(self.changes_title, 0, 0)
        top.addWidget(self.show_unchanged, 0, 1, Qt.AlignmentFlag.AlignRight)
        changes_layout.addLayout(top)
        changes_layout.addWidget(self.changes_table, 1)
        self.problems_box = QWidget(self)
        problems_layout = QVBoxLayout(self.problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems_table, 1)
        problems_layout.addWidget(self.problem_detail)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(changes_box)
        self.splitter.addWidget(self.problems_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([320, 240])

        self.partial_check = QCheckBox(self)
        self.partial_check.setObjectName("partial")
        self.partial_check.toggled.connect(lambda _on: self.update_buttons())
        self.error_label = QLabel("", self)
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(
            QCoreApplication.translate("ImportPreviewDialog", "Import"), self
        )
        self.import_button.setObjectName("import")
        self.import_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(QCoreApplication.translate("ImportPreviewDialog", "Cancel"))
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.options_box)
        layout.addWidget(self.options_error)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.partial_check)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    # -- subclasses ---------------------------------------------------------------------
    def compute_preview(self) -> ImportPreview:
        """Ask the service for the preview with the options as they are now."""
        raise NotImplementedError

    def apply(self, preview: ImportPreview, accept_partial: bool) -> ImportResult:
        raise NotImplementedError

    # -- state --------------------------------------------------------------------------
    def show_preview(self, preview: ImportPreview | None) -> None:
        """Fill the summary and both tables from `preview` (None: the options are refused;
        the tables are emptied and Import disabled)."""
        self.preview = preview
        changes = preview.changes if preview else ()
        problems = preview.problems if preview else ()
        errors = preview.errors if preview else ()
        self.summary_label.setText(preview.summary() if preview else "")
        self.changes_model.set_changes(changes)
        self.problems_model.set_problems(problems)
        self.changes_title.setText(
            QCoreApplication.translate(
                "ImportPreviewDialog", "What the import does (%1 rows):"
            ).replace("%1", str(len(changes)))
        )
        self.problems_title.setText(
            QCoreApplication.translate(
                "ImportPreviewDialog", "Problems found in the file (%1 errors, %2 warnings):"
            )
            .replace("%1", str(len(errors)))
            .replace("%2", str(len(problems) - len(errors)))
        )
        self.problems_box.setVisible(bool(problems))
        self._show_problem(0)
        left_out = preview.left_out if preview is not None else 0
        self.partial_check.setText(
            QCoreApplication.translate(
                "ImportPreviewDialog", "Import only the valid part (%1 lines left out)"
            ).replace("%1", str(left_out))
            if errors
            else QCoreApplication.translate("ImportPreviewDialog", "Import only the valid part")
        )
        self.partial_check.setEnabled(bool(errors))
        if not errors:
            self.partial_check.setChecked(False)
        self.update_buttons()

    def _show_problem(self, row: int) -> None:
        """The whole text of one problem (the table cuts long reasons)."""
        problem = self.problems_model.problem_at(row)
        self.problem_detail.setText(str(problem) if problem else "")

    def update_buttons(self) -> None:
        preview = self.preview
        ready = (
            preview is not None
            and bool(preview.changes)
            and (not preview.errors or self.partial_check.isChecked())
        )
        self.import_button.setEnabled(ready)

    def recompute(self) -> None:
        """Options changed: ask the service again; a refusal shows under the options."""
        self.error_label.clear()
        try:
            with busy():
                preview = self.compute_preview()
        except CproError as exc:
            self.show_preview(None)
            self.show_options_error(str(exc))
            return
        self.show_options_error("")
        self.show_preview(preview)

    def show_options_error(self, message: str) -> None:
        """The service refused the options (shown under them; empty: no refusal)."""
        self.options_error.setText(message)
        self.options_error.setVisible(bool(message))

    def accept(self) -> None:
        if not self.import_button.isEnabled() or self.preview is None:
            return
        self.error_label.clear()
        try:
            with busy():
                result = self.apply(self.preview, self.partial_check.isChecked())
        except CproError as exc:
            self.error_label.setText(str(exc))
            return
        self.result_ = result
        self.imported.emit(result)
        ask.inform(
            self,
            QCoreApplication.translate("ImportPreviewDialog", "Import done"),
            result.summary(),
        )
        super().accept()


class FrameworkImportDialog(ImportPreviewDialog):
    """A Moodle (or CSV) competency framework: how the tree's levels map onto units,
    competences and criteria, and which diploma receives it."""

    def __init__(
        self,
        context: AppContext,
        path: Path,
        preview: ImportPreview,
        diplomas: Sequence[admin_service.DiplomaRow] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, path, preview, parent)
        self.setWindowTitle(self.tr("Import a competency framework"))
        self.level_combos: list[QComboBox] = []
        self.levels_box = QGroupBox(self.tr("Levels of the tree"), self)
        self.levels_grid = QGridLayout(self.levels_box)
        self.levels_grid.setColumnStretch(3, 1)
        self.diploma_combo = QComboBox(self)
        self.diploma_combo.setObjectName("diploma")
        self.diploma_combo.setEditable(True)
        self.diploma_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.diploma_combo.setMinimumWidth(360)
        self.diploma_combo.addItem("", None)
        for diploma in diplomas:
            self.diploma_combo.addItem(diploma.name, diploma.name)
        self.diploma_combo.setCurrentIndex(0)
        self.diploma_combo.lineEdit().setPlaceholderText(
            self.tr("(the framework's name in the file)")
        )
        self.diploma_combo.activated.connect(lambda _i: self.recompute())
        self.diploma_combo.lineEdit().editingFinished.connect(self._diploma_edited)
        self._diploma_used = ""
        form = QFormLayout()
        form.addRow(self.tr("Target diploma:"), self.diploma_combo)
        self.options_layout.addLayout(form)
        self.options_layout.addWidget(self.levels_box)
        self._fill_levels(preview)
        self.show_preview(preview)

    def _fill_levels(self, preview: ImportPreview) -> None:
        """One row per depth of the tree: its taxonomy term, how many items, an example,
        and what it becomes."""
        while self.levels_grid.count():
            item = self.levels_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.level_combos = []
        headers = (
            self.tr("Depth"),
            self.tr("Taxonomy"),
            self.tr("Items"),
            self.tr("Example"),
            self.tr("Imported as"),
        )
        for column, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>", self.levels_box)
            self.levels_grid.addWidget(label, 0, column)
        for row, level in enumerate(moodle.framework_levels(preview), start=1):
            sample = QLabel(self.levels_box)
            sample.setTextFormat(Qt.TextFormat.PlainText)
            sample.setText(level.sample)
            sample.setToolTip(level.sample)
            sample.setMinimumWidth(200)
            combo = QComboBox(self.levels_box)
            combo.setObjectName(f"level_{level.depth}")
            for kind in moodle.LevelKind:
                combo.addItem(moodle.LEVEL_LABELS[kind], kind)
            combo.setCurrentIndex(max(0, combo.findData(level.kind)))
            combo.currentIndexChanged.connect(lambda _i: self.recompute())
            self.levels_grid.addWidget(QLabel(str(level.depth), self.levels_box), row, 0)
            taxonomy = QLabel(self.levels_box)
            taxonomy.setTextFormat(Qt.TextFormat.PlainText)
            taxonomy.setText(level.taxonomy or "—")
            self.levels_grid.addWidget(taxonomy, row, 1)
            self.levels_grid.addWidget(QLabel(str(level.count), self.levels_box), row, 2)
            self.levels_grid.addWidget(sample, row, 3)
            self.levels_grid.addWidget(combo, row, 4)
            self.level_combos.append(combo)
        self.levels_box.setVisible(bool(self.level_combos))

    def mapping(self) -> tuple[moodle.LevelKind, ...]:
        return tuple(combo.currentData() for combo in self.level_combos)

    def diploma(self) -> str | None:
        return self.diploma_combo.currentText().strip() or None

    def _diploma_edited(self) -> None:
        if (self.diploma() or "") != self._diploma_used:
            self.recompute()

    def compute_preview(self) -> ImportPreview:
        self._diploma_used = self.diploma() or ""
        return moodle.preview_framework_import(
            self.context.store,
            self.context.actor,
            self.path,
            diploma=self.diploma(),
            mapping=self.mapping() or None,
        )

    def apply(self, preview: ImportPreview, accept_partial: bool) -> ImportResult:
        return moodle.apply_framework_import(
            self.context.store, self.context.actor, preview, accept_partial=accept_partial
        )


class StudentsImportDialog(ImportPreviewDialog):
    """A class list (SIECLE or spreadsheet): which diploma the classes it creates prepare,
    and which school year they belong to. It also opens with no preview and the service's
    refusal (`error`) when only these options can fix it (the file's school year does not
    exist, no diploma chosen)."""

    def __init__(
        self,
        context: AppContext,
        path: Path,
        preview: ImportPreview | None,
        diplomas: Sequence[admin_service.DiplomaRow] = (),
        school_years: Sequence[admin_service.SchoolYearRow] = (),
        diploma_id: int | None = None,
        school_year_id: int | None = None,
        error: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, path, preview, parent)
        self.setWindowTitle(self.tr("Import students"))
        self.diploma_combo = QComboBox(self)
        self.diploma_combo.setObjectName("diploma")
        self.diploma_combo.addItem(self.tr("(choose a diploma)"), None)
        for diploma in diplomas:
            self.diploma_combo.addItem(f"{diploma.name} ({diploma.code})", diploma.id)
        self.diploma_combo.setCurrentIndex(max(0, self.diploma_combo.findData(diploma_id)))
        self.school_year_combo = QComboBox(self)
        self.school_year_combo.setObjectName("school_year")
        self.school_year_combo.addItem(self.tr("(the file's, else the current one)"), None)
        for year in school_years:
            self.school_year_combo.addItem(year.label, year.id)
        self.school_year_combo.setCurrentIndex(
            max(0, self.school_year_combo.findData(school_year_id))
        )
        for combo in (self.diploma_combo, self.school_year_combo):
            combo.setMinimumWidth(320)
            combo.currentIndexChanged.connect(lambda _i: self.recompute())
        # The file's classes, all ticked: a SIECLE export holds the whole establishment.
        self.class_list = QListWidget(self)
        self.class_list.setObjectName("classes")
        self.class_list.setFlow(QListWidget.Flow.LeftToRight)
        self.class_list.setWrapping(True)
        self.class_list.setFixedHeight(64)
        self.class_list.itemChanged.connect(lambda _item: self.recompute())
        form = QFormLayout()
        form.addRow(self.tr("Diploma of the new classes:"), self.diploma_combo)
        form.addRow(self.tr("School year:"), self.school_year_combo)
        form.addRow(self.tr("Classes to import:"), self.class_list)
        self.options_layout.addLayout(form)
        self.show_preview(preview)
        self.show_options_error(error)

    def show_preview(self, preview: ImportPreview | None) -> None:
        if preview is not None and self.class_list.count() == 0:
            self.class_list.blockSignals(True)
            for name, count in students.file_classes(preview):
                item = QListWidgetItem(f"{name} ({count})", self.class_list)
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            self.class_list.blockSignals(False)
        super().show_preview(preview)

    def chosen_classes(self) -> list[str] | None:
        """The ticked classes; None when all are (every pupil of the file, those without
        a class included)."""
        items = [self.class_list.item(row) for row in range(self.class_list.count())]
        ticked = [i for i in items if i.checkState() == Qt.CheckState.Checked]
        if len(ticked) == len(items):
            return None
        return [i.data(Qt.ItemDataRole.UserRole) for i in ticked]

    def compute_preview(self) -> ImportPreview:
        return students.preview_students_import(
            self.context.store,
            self.context.actor,
            self.path,
            diploma_id=self.diploma_combo.currentData(),
            school_year_id=self.school_year_combo.currentData(),
            classes=self.chosen_classes(),
        )

    def apply(self, preview: ImportPreview, accept_partial: bool) -> ImportResult:
        return students.apply_students_import(
            self.context.store, self.context.actor, preview, accept_partial=accept_partial
        )
