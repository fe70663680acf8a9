"""What the administration tabs share: the read-only and snapshot table models, the tab
with its list and buttons, the form dialog that shows a service's French error without
closing, and small widget helpers (drop-down lists from `Choice`s, checkable lists, dates
shown DD/MM/YYYY).

Base classes translate under the fixed context "AdminCommon": `self.tr()` would look
strings up under the subclass's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services import admin as admin_service
from cpro_desktop.services.admin import Choice, CproError, FormChoices, ValidationError
from cpro_desktop.views import faults
from cpro_desktop.views.context import AppContext

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
INACTIVE_COLOUR = QColor("#8a8a8a")
#: The snapshot row behind a table row (custom role).
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: A value that sorts right (dates as ISO text, numbers as numbers).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The first day a QDateEdit can show; on an optional date it means "no date".
NO_DATE = QDate(1900, 1, 1)

Index = QModelIndex | QPersistentModelIndex


def format_date(value: date | None) -> str:
    """A date as French users read it: DD/MM/YYYY."""
    return value.strftime("%d/%m/%Y") if value else ""


# -- table model --------------------------------------------------------------------------


class ReadOnlyTableModel(QAbstractTableModel):
    """Rows held in memory under fixed column headers, selectable and read-only: the Qt
    side every table of the administration shares. Subclasses fill `_rows` and say what a
    cell shows (`data()`)."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: Sequence[Any] = ()

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class SnapshotTableModel(ReadOnlyTableModel):
    """Rows of one service snapshot; subclasses name their columns and cells.

    `data()` reads only the rows in memory; `set_rows()` replaces them all at once.
    """

    #: Columns holding numbers: centred.
    NUMERIC_COLUMNS: frozenset[int] = frozenset()

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(headers, parent)
        self._rows: tuple[Any, ...] = ()

    # subclasses
    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, row: Any, column: int) -> Any:
        return self.display(row, column).lower()

    def tooltip(self, row: Any, column: int) -> str:
        return self.display(row, column)

    def is_inactive(self, row: Any) -> bool:
        return False

    # API
    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def row_of_id(self, row_id: int) -> int:
        for position, row in enumerate(self._rows):
            if row.id == row_id:
                return position
        return -1

    # Qt
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column()) or None
        if role == SORT_ROLE:
            return self.sort_key(row, index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and self.is_inactive(row):
            return INACTIVE_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


# -- the tab ------------------------------------------------------------------------------


class AdminTab(QWidget):
    """A searchable, sortable list of one kind of row, with buttons under it."""

    def __init__(
        self, context: AppContext, model: SnapshotTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.model = model
        self.model.setParent(self)
        self.dialog: QDialog | None = None
        self._selection_buttons: list[QPushButton] = []

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(QCoreApplication.translate("AdminCommon", "Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.message = QLabel("", self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.button_row = QHBoxLayout()

        top = QHBoxLayout()
        top.addWidget(self.search)
        top.addStretch(1)
        self.count_label = QLabel("", self)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row)

    # subclasses
    def load(self) -> Sequence[Any]:
        """The rows, from the service."""
        raise NotImplementedError

    def edit_selected(self) -> None:
        """Open the form on the selected row (double-click, "Edit…")."""

    def update_buttons(self) -> None:
        has = self.selected() is not None
        for button in self._selection_buttons:
            button.setEnabled(has)

    # helpers
    def add_button(
        self, text: str, slot: Callable[[], None], needs_selection: bool = True, name: str = ""
    ) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        self.button_row.addWidget(button)
        if needs_selection:
            self._selection_buttons.append(button)
        return button

    def finish_buttons(self) -> None:
        self.button_row.addStretch(1)
        self.update_buttons()

    def set_column_widths(self, widths: Sequence[int | None]) -> None:
        """Fixed starting widths (no measuring of the contents); the column given None takes
        the remaining room, and none does if no None is given."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate(widths):
            if width is None:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                self.table.setColumnWidth(column, width)

    def refresh(self) -> bool:
        """Reload the rows, keeping the selected one; False (and a message) on error."""
        current = self.selected()
        try:
            rows = self.load()
        except CproError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        self.model.set_rows(rows)
        self.count_label.setText(
            QCoreApplication.translate("AdminCommon", "%1 row(s)").replace("%1", str(len(rows)))
        )
        if current is not None:
            self.select_id(current.id)
        self.update_buttons()
        return True

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def select_id(self, row_id: int) -> bool:
        position = self.model.row_of_id(row_id)
        if position < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(position, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def show_error(self, exc: CproError) -> None:
        self.message.setText(str(exc))

    def form_choices(self) -> FormChoices | None:
        """The forms' drop-down lists; None (and a message) if they cannot be read."""
        try:
            return admin_service.form_choices(self.context.store, self.context.actor)
        except CproError as exc:
            self.show_error(exc)
            return None

    def open_dialog(self, dialog: FormDialog) -> None:
        """Show a form (window-modal, without blocking); reload when it saves."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, row: Any) -> None:
        self.refresh()
        if row is not None and hasattr(row, "id"):
            self.select_id(row.id)


# -- the form dialog ----------------------------------------------------------------------


class FormDialog(QDialog):
    """A form whose OK calls the service: a refusal shows its French message in the dialog,
    which stays open with what the user typed; success emits `saved` and closes."""

    saved = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_label = QLabel("", self)
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {}
        self.saved_row: Any = None

    def add_row(self, label: str, widget: QWidget | QHBoxLayout, field: str = "") -> None:
        self.form.addRow(label, widget)
        if field and isinstance(widget, QWidget):
            self.fields[field] = widget

    def submit(self) -> Any:
        """Call the service with the form's values; return its snapshot."""
        raise NotImplementedError

    def accept(self) -> None:
        self.error_label.clear()
        try:
            row = self.submit()
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except CproError as exc:
            # A store fault offers Réessayer; the form keeps what was typed either way.
            title = self.windowTitle()
            if faults.retry_wanted(
                self, title, exc, lambda _w, _t, message: self.show_error(message)
            ):
                self.accept()
            return
        self.saved_row = row
        self.saved.emit(row)
        super().accept()

    def show_error(self, message: str, field: str = "") -> None:
        self.error_label.setText(message)
        widget = self.fields.get(field)
        if widget is not None:
            widget.setFocus()


# -- widget helpers -----------------------------------------------------------------------


def fill_combo(
    combo: QComboBox,
    choices: Iterable[Choice],
    current: int | None = None,
    none_text: str | None = None,
    keep: Callable[[Choice], bool] = lambda _choice: True,
) -> None:
    """Fill a drop-down list: optional "none" entry (data None), then the active choices
    that `keep` accepts, and the current one even if deactivated or filtered out."""
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    inactive = QCoreApplication.translate("AdminCommon", " (deactivated)")
    for choice in choices:
        if choice.id == current or (choice.active and keep(choice)):
            combo.addItem(choice.label + ("" if choice.active else inactive), choice.id)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)


def combo_id(combo: QComboBox) -> int | None:
    value = combo.currentData()
    return int(value) if value is not None else None


class CheckList(QListWidget):
    """A list of checkable choices (trainers of a class, guardians, units)."""

    def set_choices(self, choices: Iterable[Choice], checked: Iterable[int] = ()) -> None:
        wanted = set(checked)
        self.clear()
        inactive = QCoreApplication.translate("AdminCommon", " (deactivated)")
        for choice in choices:
            if not choice.active and choice.id not in wanted:
                continue
            item = QListWidgetItem(choice.label + ("" if choice.active else inactive), self)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if choice.id in wanted else Qt.CheckState.Unchecked
            )

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, choice_id: int, checked: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == choice_id:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                self.item(i).setCheckState(state)


def date_edit(parent: QWidget, optional: bool = False) -> QDateEdit:
    """A date field shown DD/MM/YYYY with a calendar; an optional one shows "—" for none."""
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate(2200, 12, 31))
    if optional:
        edit.setSpecialValueText("—")
        edit.setDate(NO_DATE)
    return edit


def set_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


def date_value(edit: QDateEdit) -> date | None:
    """The chosen date; None for an optional field left on "—"."""
    chosen = edit.date()
    if edit.specialValueText() and chosen == NO_DATE:
        return None
    return date(chosen.year(), chosen.month(), chosen.day())
