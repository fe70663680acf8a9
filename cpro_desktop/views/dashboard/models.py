"""The Qt table models of the two dashboard views, each adapting one layout in memory.

`CompetenceTableModel` shows a `CompetenceLayout` (column 0: competences, criteria and the
"Bilans intermédiaires de la compétence" rows; then one column per grid or review, in
chronological order); `ActivitiesTableModel` an `ActivitiesLayout` (column 0: areas and
tasks; then one column per week). `set_layout()` swaps the whole content between
`beginResetModel()` and `endResetModel()`; `data()` only reads dictionaries built there.
Cells that a painter draws say which with `ShapeRole` and hand it `ValueRole`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from cpro_desktop.models.enums import CompetenceLevel, Origin, RatingResult
from cpro_desktop.services.dashboard import (
    ActivitiesLayout,
    CompetenceColumn,
    CompetenceLayout,
    DashboardFilters,
    RowKind,
    WeekColumn,
    format_date,
)
from cpro_desktop.views.dashboard.labels import kind_label, level_label, origin_label, result_label
from cpro_desktop.views.dashboard.painters import Shape

Index = QModelIndex | QPersistentModelIndex

#: Which painter draws the cell (a `Shape`), or None.
ShapeRole = Qt.ItemDataRole.UserRole + 1
#: What the painter draws: a `RatingResult` or a `CompetenceLevel`.
ValueRole = Qt.ItemDataRole.UserRole + 2
#: True on the cells (and header section) after which the thick black line runs.
BoundaryRole = Qt.ItemDataRole.UserRole + 3
#: The row's `RowKind`.
RowKindRole = Qt.ItemDataRole.UserRole + 4
#: Header: the training year a column is grouped under.
GroupRole = Qt.ItemDataRole.UserRole + 5
#: Header: the column's `Origin`.
OriginRole = Qt.ItemDataRole.UserRole + 6
#: Header: "grid", "grid-certifying", "review" or "week" (the header's small icon).
ColumnKindRole = Qt.ItemDataRole.UserRole + 7
#: Everything the delegate paints in one call: (shape or 0, value, background or None,
#: boundary), or None for a cell with nothing to paint. One role instead of four: a
#: delegate's every `index.data()` is a round trip through C++.
CellRole = Qt.ItemDataRole.UserRole + 8

# Plain ints: comparing them costs nothing, unlike Qt's enum members.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
FONT = int(Qt.ItemDataRole.FontRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
SHAPE, VALUE, BOUNDARY, ROW_KIND, CELL = (
    int(ShapeRole),
    int(ValueRole),
    int(BoundaryRole),
    int(RowKindRole),
    int(CellRole),
)
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
CENTRED = int(Qt.AlignmentFlag.AlignCenter)

LABEL_COLUMN = 0

COMPETENCE_BACKGROUND = QColor("#dce6f2")
REVIEWS_BACKGROUND = QColor("#f1f4f8")
REVIEW_COLUMN_BACKGROUND = QColor("#f6f4fa")
TITLE_BACKGROUND = QColor("#c8d6e8")
AREA_BACKGROUND = QColor("#dce6f2")
COMPANY_WEEK_BACKGROUND = QColor("#fff3e0")
CENTRE_WEEK_BACKGROUND = QColor("#e8f1fc")


class _DashboardTableModel(QAbstractTableModel):
    """What the two dashboard tables share: a label column, then one column per grid, review
    or week, whose header says its label, group, origin and kind."""

    def column_at(self, column: int) -> Any:
        raise NotImplementedError

    def label_header(self) -> str:
        raise NotImplementedError

    def column_tooltip(self, column: Any) -> str:
        raise NotImplementedError

    def column_kind(self, column: Any) -> str:
        raise NotImplementedError

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if section == LABEL_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.label_header()
            return None
        column = self.column_at(section)
        if column is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.column_tooltip(column)
        if role == GroupRole:
            return column.group_label
        if role == OriginRole:
            return column.origin
        if role == ColumnKindRole:
            return self.column_kind(column)
        return self.other_header(section, role)

    def other_header(self, section: int, role: int) -> Any:
        return None


class CompetenceTableModel(_DashboardTableModel):
    """The "Vue par compétences": one block per competence, one column per grid or review."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layout: CompetenceLayout | None = None
        self._rows: tuple = ()
        self._columns: tuple[CompetenceColumn, ...] = ()
        self._cells: dict[tuple[int, int], tuple[Shape, RatingResult | CompetenceLevel]] = {}
        self._row_backgrounds: list[QColor | None] = []
        self._column_backgrounds: list[QColor | None] = []
        self._boundary_column = -1
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_layout(self, layout: CompetenceLayout | None) -> None:
        """Show `layout` (None empties the table)."""
        self.beginResetModel()
        self.layout = layout
        self._rows = layout.rows if layout else ()
        self._columns = layout.columns if layout else ()
        self._cells = {}
        self._boundary_column = -1
        if layout is not None:
            ratings = layout.snapshot.ratings
            for col, column in enumerate(self._columns, start=1):
                if column.grid is not None:
                    grid_id = column.grid.id
                    shape = Shape.RECTANGLE if column.origin == Origin.CENTRE else Shape.PILL
                    for row, line in enumerate(self._rows):
                        if line.criterion is not None:
                            result = ratings.get((grid_id, line.criterion.id))
                            if result is not None:
                                self._cells[(row, col)] = (shape, result)
                else:
                    assert column.review is not None
                    shape = (
                        Shape.LEVEL_RECTANGLE
                        if column.origin == Origin.CENTRE
                        else Shape.LEVEL_PILL
                    )
                    for row, line in enumerate(self._rows):
                        if line.kind == RowKind.REVIEWS:
                            self._cells[(row, col)] = (
                                shape,
                                column.review.level(line.competence.id),
                            )
            if layout.boundary is not None:
                self._boundary_column = layout.boundary + 1
        row_colours = {
            RowKind.COMPETENCE: COMPETENCE_BACKGROUND,
            RowKind.REVIEWS: REVIEWS_BACKGROUND,
        }
        self._row_backgrounds = [row_colours.get(line.kind) for line in self._rows]
        self._column_backgrounds = [None] + [
            REVIEW_COLUMN_BACKGROUND if c.review is not None else None for c in self._columns
        ]
        self.endResetModel()

    # -- what the view and the page ask -------------------------------------------------------
    def column_at(self, column: int) -> CompetenceColumn | None:
        """The grid or review shown in a view column (None for the label column)."""
        return self._columns[column - 1] if 1 <= column <= len(self._columns) else None

    def row_kind(self, row: int) -> RowKind:
        return self._rows[row].kind

    @property
    def boundary_column(self) -> int | None:
        """The view column after which the black line runs (0: before every grid)."""
        return self._boundary_column if self._boundary_column >= 0 else None

    @property
    def filters(self) -> DashboardFilters | None:
        return self.layout.filters if self.layout else None

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return SELECTABLE

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if col == LABEL_COLUMN:
            return self._label_data(self._rows[row], role)
        if role == CELL:
            cell = self._cells.get((row, col))
            background = self._row_backgrounds[row] or self._column_backgrounds[col]
            boundary = col == self._boundary_column
            if cell is None:
                return (
                    (0, None, background, True)
                    if boundary
                    else ((0, None, background, False) if background is not None else None)
                )
            return (cell[0], cell[1], background, boundary)
        if role == SHAPE:
            cell = self._cells.get((row, col))
            return cell[0] if cell else None
        if role == VALUE:
            cell = self._cells.get((row, col))
            return cell[1] if cell else None
        if role == BOUNDARY:
            return col == self._boundary_column
        if role == BACKGROUND:
            return self._row_backgrounds[row] or self._column_backgrounds[col]
        if role == DISPLAY:
            cell = self._cells.get((row, col))
            if cell and isinstance(cell[1], CompetenceLevel):
                return cell[1].value
            return None
        if role == ROW_KIND:
            return self._rows[row].kind
        if role in (TOOLTIP, ACCESSIBLE):
            cell = self._cells.get((row, col))
            return self._cell_tooltip(row, col, cell[1]) if cell else None
        return None

    def label_header(self) -> str:
        return self.tr("Competences and criteria")

    def column_tooltip(self, column: CompetenceColumn) -> str:
        return self._column_tooltip(column)

    def column_kind(self, column: CompetenceColumn) -> str:
        if column.grid is None:
            return "review"
        return "grid-certifying" if column.grid.kind.value == "certifying" else "grid"

    def other_header(self, section: int, role: int) -> Any:
        if role == BoundaryRole:
            return section == self._boundary_column
        return None

    # -- texts --------------------------------------------------------------------------------
    def _label_data(self, line: Any, role: int) -> Any:
        if role == CELL:
            return None
        if role == DISPLAY:
            if line.kind == RowKind.REVIEWS:
                return self.tr("Interim reviews of the competence")
            return line.label
        if role == TOOLTIP:
            if line.kind == RowKind.CRITERION:
                return f"{line.competence.title}\n{line.label}"
            if line.kind == RowKind.REVIEWS:
                return self.tr("Levels given to %1 by the successive interim reviews").replace(
                    "%1", line.competence.code
                )
            return line.label
        if role == FONT:
            if line.kind == RowKind.COMPETENCE:
                return self._bold
            if line.kind == RowKind.REVIEWS:
                return self._italic
            return None
        if role == BACKGROUND:
            if line.kind == RowKind.COMPETENCE:
                return COMPETENCE_BACKGROUND
            if line.kind == RowKind.REVIEWS:
                return REVIEWS_BACKGROUND
            return None
        if role == ROW_KIND:
            return line.kind
        if role == BOUNDARY:
            return self._boundary_column == 0
        return None

    def _column_tooltip(self, column: CompetenceColumn) -> str:
        if column.grid is not None:
            grid = column.grid
            lines = [
                self.tr("Rating grid of %1").replace("%1", format_date(grid.rated_on)),
                kind_label(grid.rating_kind),
            ]
            if grid.title:
                lines.append(grid.title)
            if grid.author_name:
                lines.append(self.tr("Author: %1").replace("%1", grid.author_name))
            if grid.taken_into_account:
                lines.append(self.tr("Taken into account by an interim review"))
            elif grid.editable:
                lines.append(self.tr("Not reviewed yet — double-click to change it"))
            else:
                lines.append(self.tr("Not reviewed yet"))
            return "\n".join(lines)
        assert column.review is not None
        review = column.review
        lines = [
            self.tr("Interim review of %1").replace("%1", format_date(review.reviewed_on)),
            origin_label(review.origin),
        ]
        if review.author_name:
            lines.append(self.tr("Author: %1").replace("%1", review.author_name))
        return "\n".join(lines)

    def _cell_tooltip(self, row: int, col: int, value: RatingResult | CompetenceLevel) -> str:
        column = self._columns[col - 1]
        line = self._rows[row]
        if isinstance(value, CompetenceLevel):
            assert column.review is not None
            head = f"{line.competence.code} — {level_label(value)} ({value.value})"
            return f"{head}\n{self._column_tooltip(column)}"
        assert column.grid is not None and self.layout is not None
        head = f"{result_label(value)}\n{line.label}"
        remark = self.layout.remark(row, col - 1)
        text = f"{head}\n{self._column_tooltip(column)}"
        if remark:
            text += "\n" + self.tr("Remark: %1").replace("%1", remark)
        return text


class ActivitiesTableModel(_DashboardTableModel):
    """The "Vue par activités": areas and tasks as rows, weeks as columns, X where done."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layout: ActivitiesLayout | None = None
        self._rows: tuple = ()
        self._columns: tuple[WeekColumn, ...] = ()
        self._done: set[tuple[int, int]] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_layout(self, layout: ActivitiesLayout | None) -> None:
        """Show `layout` (None empties the table)."""
        self.beginResetModel()
        self.layout = layout
        self._rows = layout.rows if layout else ()
        self._columns = layout.columns if layout else ()
        self._done = set()
        if layout is not None:
            done = layout.snapshot.done
            for row, line in enumerate(self._rows):
                if line.task is None:
                    continue
                for col, week in enumerate(self._columns, start=1):
                    if (line.task.id, week.iso_year, week.iso_week, week.origin) in done:
                        self._done.add((row, col))
        self.endResetModel()

    def column_at(self, column: int) -> WeekColumn | None:
        return self._columns[column - 1] if 1 <= column <= len(self._columns) else None

    def row_kind(self, row: int) -> RowKind:
        return self._rows[row].kind

    @property
    def filters(self) -> DashboardFilters | None:
        return self.layout.filters if self.layout else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return SELECTABLE

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        line = self._rows[row]
        if col == LABEL_COLUMN:
            if role == CELL:
                return None
            if role == DISPLAY:
                if line.kind == RowKind.TITLE:
                    return self.tr("Professional activities and tasks defined by the framework")
                return line.label
            if role == TOOLTIP:
                return line.label if line.kind != RowKind.TITLE else None
            if role == FONT and line.kind != RowKind.TASK:
                return self._bold
            if role == BACKGROUND:
                return self._row_background(line.kind)
            if role == ROW_KIND:
                return line.kind
            return None
        done = (row, col) in self._done
        if role == CELL:
            background = self._cell_background(line.kind, col)
            return (Shape.DONE if done else 0, None, background, False)
        if role == DISPLAY:
            return "X" if done else None
        if role == SHAPE:
            return Shape.DONE if done else None
        if role == ALIGNMENT:
            return CENTRED
        if role == FONT:
            return self._bold if done else None
        if role == BACKGROUND:
            return self._cell_background(line.kind, col)
        if role == ROW_KIND:
            return line.kind
        if role in (TOOLTIP, ACCESSIBLE):
            if line.task is None:
                return None
            week = self._columns[col - 1]
            state = self.tr("done") if done else self.tr("not done")
            return f"{line.task.title}\n{self._week_text(week)}\n{state}"
        return None

    def label_header(self) -> str:
        return self.tr("Activities and tasks")

    def column_tooltip(self, column: WeekColumn) -> str:
        return self._week_text(column)

    def column_kind(self, column: WeekColumn) -> str:
        return "week"

    def _week_text(self, week: WeekColumn) -> str:
        where = self.tr("in the company") if week.origin == Origin.COMPANY else self.tr(
            "in the training centre"
        )  # fmt: skip
        return (
            self.tr("Week %1 of %2 (from %3 to %4), %5")
            .replace("%1", str(week.iso_week))
            .replace("%2", str(week.iso_year))
            .replace("%3", format_date(week.monday))
            .replace("%4", format_date(week.sunday))
            .replace("%5", where)
        )

    def _cell_background(self, kind: RowKind, col: int) -> QColor | None:
        if kind != RowKind.TASK:
            return self._row_background(kind)
        if self._columns[col - 1].origin == Origin.COMPANY:
            return COMPANY_WEEK_BACKGROUND
        return CENTRE_WEEK_BACKGROUND

    @staticmethod
    def _row_background(kind: RowKind) -> QColor | None:
        if kind == RowKind.TITLE:
            return TITLE_BACKGROUND
        if kind == RowKind.AREA:
            return AREA_BACKGROUND
        return None
