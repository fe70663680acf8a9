"""Entering a rating grid: for one apprentice (one row per criterion) or for a whole class
(one row per apprentice, one column per criterion of the competences chosen).

Quick keyboard entry: on a result cell, a digit 1-5 or a letter (A, I, P, N, X) gives the
result and moves on to the next cell; 0, Delete, Backspace or Space clears it; a double
click opens a list. The painters of the dashboard draw the cells, so a grid looks here as it
will on the dashboard (rectangle in the centre, pill in the company).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.models.enums import GridKind, Origin, RatingResult
from cpro_desktop.services.dashboard import CompetenceInfo, CriterionInfo
from cpro_desktop.services.rating_grids import (
    GridForm,
    create_class_grids,
    create_grid,
    delete_grid,
    update_grid,
)
from cpro_desktop.store import CproError
from cpro_desktop.views import ask
from cpro_desktop.views.context import AppContext
from cpro_desktop.views.dashboard.delegate import DashboardDelegate
from cpro_desktop.views.dashboard.filters import DATE_FORMAT, from_qdate, to_qdate
from cpro_desktop.views.dashboard.labels import result_label
from cpro_desktop.views.dashboard.models import CELL, COMPETENCE_BACKGROUND, ShapeRole, ValueRole
from cpro_desktop.views.dashboard.painters import RESULT_KEYS, Shape

Index = QModelIndex | QPersistentModelIndex

#: Key text → result (digits and letters, upper or lower case).
KEY_RESULTS: dict[str, RatingResult] = {
    key.upper(): result for result, keys in RESULT_KEYS.items() for key in keys
}
CLEAR_KEYS = {Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Space}


class RatingEntryModel(QAbstractTableModel):
    """The results being entered, as a table.

    One apprentice: rows are the competences (headings) and their criteria; column 1 is the
    result, column 2 its label. A class: rows are the apprentices, columns the criteria.
    """

    LABEL, RESULT, RESULT_TEXT = 0, 1, 2

    def __init__(self, form: GridForm, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.shape = Shape.RECTANGLE if form.origin == Origin.CENTRE else Shape.PILL
        self.results: dict[tuple[int, int], RatingResult] = {}
        if form.grid is not None:
            apprentice = form.grid.apprentice_id
            self.results = {(apprentice, c): r for c, r in form.grid.results.items()}
        self._bold = QFont()
        self._bold.setBold(True)
        self._rows: list[CompetenceInfo | CriterionInfo] = []
        self._criteria: tuple[CriterionInfo, ...] = ()
        if form.is_class_grid:
            self._criteria = form.competences[0].criteria if form.competences else ()
        else:
            for competence in form.competences:
                self._rows.append(competence)
                self._rows.extend(competence.criteria)

    # -- shape of the table -------------------------------------------------------------------
    def set_class_criteria(self, criteria: tuple[CriterionInfo, ...]) -> None:
        """A class grid: the criteria shown as columns (entered results are kept)."""
        self.beginResetModel()
        self._criteria = criteria
        self.endResetModel()

    @property
    def criteria(self) -> tuple[CriterionInfo, ...]:
        return self._criteria

    def is_result_cell(self, index: Index) -> bool:
        if not index.isValid():
            return False
        if self.form.is_class_grid:
            return index.column() >= 1
        return index.column() == self.RESULT and isinstance(self._rows[index.row()], CriterionInfo)

    def key(self, index: Index) -> tuple[int, int] | None:
        """(apprentice id, criterion id) of a result cell."""
        if not self.is_result_cell(index):
            return None
        if self.form.is_class_grid:
            return (
                self.form.apprentices[index.row()].id,
                self._criteria[index.column() - 1].id,
            )
        criterion = self._rows[index.row()]
        assert isinstance(criterion, CriterionInfo)
        return (self.form.apprentices[0].id, criterion.id)

    def results_by_apprentice(self) -> dict[int, dict[int, RatingResult]]:
        """The results entered, apprentice by apprentice."""
        found: dict[int, dict[int, RatingResult]] = {a.id: {} for a in self.form.apprentices}
        for (apprentice, criterion), result in self.results.items():
            found.setdefault(apprentice, {})[criterion] = result
        return found

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.form.apprentices) if self.form.is_class_grid else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return 1 + len(self._criteria) if self.form.is_class_grid else 3

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_result_cell(index):
            return (
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable
            )
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if self.is_result_cell(index):
            key = self.key(index)
            result = self.results.get(key) if key else None
            if role == CELL:
                return (self.shape, result, None, False) if result is not None else None
            if role == ShapeRole:
                return self.shape if result is not None else None
            if role in (ValueRole, Qt.ItemDataRole.EditRole):
                return result
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return result_label(result) if result is not None else self.tr("No result")
            return None
        if self.form.is_class_grid:
            if col == 0 and role == Qt.ItemDataRole.DisplayRole:
                return self.form.apprentices[row].display_name
            return None
        item = self._rows[row]
        if isinstance(item, CompetenceInfo):
            if role == Qt.ItemDataRole.DisplayRole and col == self.LABEL:
                return item.title
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole:
                return COMPETENCE_BACKGROUND
            return None
        if col == self.LABEL and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return f"{item.code} {item.label}"
        if col == self.RESULT_TEXT and role == Qt.ItemDataRole.DisplayRole:
            result = self.results.get((self.form.apprentices[0].id, item.id))
            return result_label(result) if result is not None else ""
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self.key(index)
        if key is None or role != Qt.ItemDataRole.EditRole:
            return False
        if value is None or value == "":
            self.results.pop(key, None)
        else:
            self.results[key] = RatingResult(value)
        last = self.RESULT_TEXT if not self.form.is_class_grid else index.column()
        self.dataChanged.emit(index, self.index(index.row(), last))
        return True

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if self.form.is_class_grid:
            if section == 0:
                return self.tr("Apprentice") if role == Qt.ItemDataRole.DisplayRole else None
            if not 1 <= section <= len(self._criteria):
                return None
            criterion = self._criteria[section - 1]
            if role == Qt.ItemDataRole.DisplayRole:
                return criterion.code
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{criterion.code} {criterion.label}"
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.LABEL: self.tr("Criterion"),
            self.RESULT: self.tr("Result"),
            self.RESULT_TEXT: "",
        }.get(section)


class RatingEntryDelegate(DashboardDelegate):
    """The dashboard's painters, and a list of the five results on double click."""

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            super().paint(painter, option, index)
        else:
            QStyledItemDelegate.paint(self, painter, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index):
        combo = QComboBox(parent)
        combo.addItem(self.tr("(no result)"), None)
        for result in RatingResult:
            digit, letter = RESULT_KEYS[result]
            combo.addItem(f"{digit} / {letter} — {result_label(result)}", result.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(value.value if value else None)))

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index):
        editor.setGeometry(option.rect.adjusted(0, 0, 260, 0))


class RatingEntryTable(QTableView):
    """The entry table: a key gives the current cell its result and moves to the next one."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        index = self.currentIndex()
        if isinstance(model, RatingEntryModel) and model.is_result_cell(index):
            text = event.text().strip().upper()
            if text in KEY_RESULTS:
                model.setData(index, KEY_RESULTS[text])
                self._advance(model, index)
                return
            if event.key() in CLEAR_KEYS:
                model.setData(index, None)
                self._advance(model, index)
                return
        super().keyPressEvent(event)

    def _advance(self, model: RatingEntryModel, index: QModelIndex) -> None:
        """To the next result cell: right then down for a class, down for one apprentice."""
        row, col = index.row(), index.column()
        rows, cols = model.rowCount(), model.columnCount()
        while True:
            if model.form.is_class_grid:
                col += 1
                if col >= cols:
                    col, row = 1, row + 1
            else:
                row += 1
            if row >= rows:
                return
            candidate = model.index(row, col)
            if model.is_result_cell(candidate):
                self.setCurrentIndex(candidate)
                return


class RatingGridDialog(QDialog):
    """Enter, change or delete a rating grid; `saved` says whether the store changed."""

    def __init__(self, context: AppContext, form: GridForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.form = form
        self.saved = False
        self.setObjectName("rating_grid_dialog")
        self.setWindowTitle(self._title())
        self.resize(900 if form.is_class_grid else 760, 620)

        self.date_edit = QDateEdit(self)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(self.tr("Formative"), GridKind.FORMATIVE.value)
        self.kind_combo.addItem(self.tr("Certifying"), GridKind.CERTIFYING.value)
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("e.g. Practical work: wiring a switchboard"))
        if form.grid is not None:
            self.date_edit.setDate(to_qdate(form.grid.rated_on))
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(form.grid.kind.value))
            self.title_edit.setText(form.grid.title)
        else:
            self.date_edit.setDate(QDate.currentDate())

        header = QFormLayout()
        header.addRow(self.tr("&Date:"), self.date_edit)
        header.addRow(self.tr("&Kind:"), self.kind_combo)
        header.addRow(self.tr("&Title:"), self.title_edit)
        intro = QLabel(self._intro(), self)
        intro.setWordWrap(True)

        self.model = RatingEntryModel(form, self)
        self.table = RatingEntryTable(self)
        self.table.setObjectName("rating_entry_table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(RatingEntryDelegate(self.table, cell_size=QSize(44, 26)))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)

        keys = "   ".join(
            f"{digit} / {letter} : {result_label(result)}"
            for result, (digit, letter) in RESULT_KEYS.items()
        )
        self.keys_label = QLabel(
            self.tr("Keyboard: %1   —   0 or Delete: clear").replace("%1", keys), self
        )
        self.keys_label.setWordWrap(True)
        self.keys_label.setObjectName("keys_label")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.delete_button: QPushButton | None = None
        if form.grid is not None:
            self.delete_button = self.buttons.addButton(
                self.tr("&Delete the grid"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self.delete)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(header)
        body = QHBoxLayout()
        self.competence_list: QListWidget | None = None
        if form.is_class_grid:
            self.competence_list = QListWidget(self)
            self.competence_list.setObjectName("competence_list")
            self.competence_list.setFixedWidth(300)
            self.competence_list.setTextElideMode(Qt.TextElideMode.ElideRight)
            self.competence_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            for position, competence in enumerate(form.competences):
                item = QListWidgetItem(competence.title, self.competence_list)
                item.setToolTip(competence.title)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if position == 0 else Qt.CheckState.Unchecked
                )
            self.competence_list.itemChanged.connect(self._competences_changed)
            chooser = QVBoxLayout()
            chooser.addWidget(QLabel(self.tr("Competences to rate:"), self))
            chooser.addWidget(self.competence_list)
            body.addLayout(chooser)
        body.addWidget(self.table, 1)
        layout.addLayout(body, 1)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.buttons)
        self._size_columns()
        first = next(
            (
                self.model.index(r, c)
                for r in range(self.model.rowCount())
                for c in range(self.model.columnCount())
                if self.model.is_result_cell(self.model.index(r, c))
            ),
            None,
        )
        if first is not None:
            self.table.setCurrentIndex(first)
        self.table.setFocus()

    # -- texts --------------------------------------------------------------------------------
    def _title(self) -> str:
        if self.form.grid is not None:
            return self.tr("Change a rating grid")
        if self.form.origin == Origin.COMPANY:
            return self.tr("New rating grid in the company")
        return self.tr("New rating grid in the centre")

    def _intro(self) -> str:
        if self.form.is_class_grid:
            return (
                self.tr("Class %1: one grid per apprentice rated (%2 apprentices).")
                .replace("%1", self.form.class_name)
                .replace("%2", str(len(self.form.apprentices)))
            )
        return self.tr("Apprentice: %1").replace("%1", self.form.apprentices[0].display_name)

    # -- class grid: which criteria are columns ------------------------------------------------
    def _competences_changed(self, _item: QListWidgetItem) -> None:
        assert self.competence_list is not None
        criteria = tuple(
            criterion
            for row, competence in enumerate(self.form.competences)
            if self.competence_list.item(row).checkState() == Qt.CheckState.Checked
            for criterion in competence.criteria
        )
        self.model.set_class_criteria(criteria)
        self._size_columns()

    def _size_columns(self) -> None:
        if self.form.is_class_grid:
            self.table.setColumnWidth(0, 220)
            for column in range(1, self.model.columnCount()):
                self.table.setColumnWidth(column, 52)
        else:
            self.table.setColumnWidth(RatingEntryModel.LABEL, 440)
            self.table.setColumnWidth(RatingEntryModel.RESULT, 64)
            self.table.setColumnWidth(RatingEntryModel.RESULT_TEXT, 190)
            for row in range(self.model.rowCount()):
                if not self.model.is_result_cell(self.model.index(row, RatingEntryModel.RESULT)):
                    self.table.setSpan(row, 0, 1, 3)

    # -- saving -------------------------------------------------------------------------------
    def values(self) -> tuple[GridKind, date, str]:
        return (
            GridKind(self.kind_combo.currentData()),
            from_qdate(self.date_edit.date()),
            self.title_edit.text(),
        )

    def save(self) -> None:
        """Save through the service; a refusal is shown and the dialog stays open."""
        kind, rated_on, title = self.values()
        store, actor = self.context.store, self.context.actor
        by_apprentice = self.model.results_by_apprentice()
        try:
            if self.form.grid is not None:
                grid = self.form.grid
                update_grid(
                    store, actor, grid.id, grid.version, kind=kind, rated_on=rated_on,
                    title=title, results=by_apprentice.get(grid.apprentice_id, {}),
                )  # fmt: skip
            elif self.form.is_class_grid:
                assert self.form.school_class_id is not None
                create_class_grids(
                    store, actor, self.form.school_class_id, kind=kind, rated_on=rated_on,
                    title=title, results=by_apprentice,
                )  # fmt: skip
            else:
                apprentice = self.form.apprentices[0].id
                create_grid(
                    store, actor, apprentice, origin=self.form.origin, kind=kind,
                    rated_on=rated_on, title=title, results=by_apprentice.get(apprentice, {}),
                )  # fmt: skip
        except CproError as exc:
            ask.show_error(self, self.tr("The grid was not saved"), str(exc))
            return
        self.saved = True
        self.accept()

    def delete(self) -> None:
        """Delete the grid being changed, after confirmation."""
        grid = self.form.grid
        if grid is None:
            return
        if not ask.confirm(
            self, self.tr("Delete the grid"), self.tr("Delete this rating grid and its results?")
        ):
            return
        try:
            delete_grid(self.context.store, self.context.actor, grid.id, grid.version)
        except CproError as exc:
            ask.show_error(self, self.tr("The grid was not deleted"), str(exc))
            return
        self.saved = True
        self.accept()
