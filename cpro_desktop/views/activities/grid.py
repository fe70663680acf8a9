"""The weekly task grid of a logbook (page "Présentation des activités hebdomadaires"):
rows are the framework's tasks under their activity areas, columns the period's ISO weeks,
a ticked cell a task done in the company that week.

The apprentice ticks what he did; the tutor or the trainer selects the tasks entrusted. The
model keeps the cells as read (`cells_read`) beside the user's (`cells`), so that the
service saves only the difference, and colours who ticked what.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from cpro_desktop.services.activities import AreaTasks, IsoWeek, TaskGrid, TaskRef, format_date

from .common import KindRole
from .signals import emit

Index = QModelIndex | QPersistentModelIndex
CHECK = Qt.ItemDataRole.CheckStateRole

AREA_BACKGROUND = QColor(236, 239, 241)
BY_APPRENTICE = QColor(200, 230, 201)  # light green: ticked by the apprentice
BY_TRAINER_OR_TUTOR = QColor(187, 222, 251)  # light blue: entrusted by the tutor / trainer
NOT_SAVED = QColor(255, 243, 176)  # light yellow: changed, not saved yet

Cell = tuple[int, IsoWeek]


class TaskGridModel(QAbstractTableModel):
    """Tasks by area × weeks, checkable cells (when the reader may tick)."""

    cells_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._grid = TaskGrid((), (), ())
        self._rows: list[AreaTasks | TaskRef] = []
        self._cells: set[Cell] = set()
        self._editable = False

    def set_grid(self, grid: TaskGrid, editable: bool) -> None:
        self.beginResetModel()
        self._grid = grid
        self._rows = []
        for area in grid.areas:
            self._rows.append(area)
            self._rows.extend(area.tasks)
        self._cells = set(grid.cells)
        self._editable = editable
        self.endResetModel()

    def cells(self) -> frozenset[Cell]:
        return frozenset(self._cells)

    def cells_read(self) -> frozenset[Cell]:
        return self._grid.cells

    def is_dirty(self) -> bool:
        return self._cells != set(self._grid.cells)

    def weeks(self) -> tuple[IsoWeek, ...]:
        return self._grid.weeks

    def row_of_task(self, task_id: int) -> int:
        return next(
            (i for i, r in enumerate(self._rows) if isinstance(r, TaskRef) and r.id == task_id), -1
        )

    def is_area_row(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], AreaTasks)

    def _cell(self, index: Index) -> Cell | None:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if not isinstance(row, TaskRef):
            return None
        return (row.id, self._grid.weeks[index.column()])

    # -- the model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.weeks)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._grid.weeks):
                return None
            week = self._grid.weeks[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return week.short_label
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    self.tr("Week %1 [%2]: from %3 to %4")
                    .replace("%1", str(week.week))
                    .replace("%2", str(week.year))
                    .replace("%3", format_date(week.monday))
                    .replace("%4", format_date(week.sunday))
                )
            return None
        if not 0 <= section < len(self._rows):
            return None
        row = self._rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label if isinstance(row, AreaTasks) else row.title
        if role == Qt.ItemDataRole.FontRole and isinstance(row, AreaTasks):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(row, TaskRef):
            return row.title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == KindRole:
            return "area" if isinstance(row, AreaTasks) else "task"
        if isinstance(row, AreaTasks):
            if role == Qt.ItemDataRole.BackgroundRole:
                return AREA_BACKGROUND
            return None
        cell = self._cell(index)
        assert cell is not None
        ticked = cell in self._cells
        if role == CHECK:
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        stored = self._grid.cell(*cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            if ticked != (stored is not None):
                return NOT_SAVED
            if stored is not None:
                return BY_APPRENTICE if stored.by_apprentice else BY_TRAINER_OR_TUTOR
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if ticked != (stored is not None):
                return self.tr("Changed, not saved yet")
            if stored is None:
                return None
            if stored.by_apprentice:
                return self.tr("Ticked by the apprentice (%1)").replace(
                    "%1", stored.recorded_by_name
                )
            return self.tr("Entrusted by %1").replace(
                "%1", stored.recorded_by_name or self.tr("(former account)")
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_area_row(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = CHECK) -> bool:
        cell = self._cell(index)
        if cell is None or role != CHECK or not self._editable:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        if state == Qt.CheckState.Checked:
            self._cells.add(cell)
        else:
            self._cells.discard(cell)
        emit(self.dataChanged, index, index, [CHECK, Qt.ItemDataRole.BackgroundRole])
        emit(self.cells_changed)
        return True
