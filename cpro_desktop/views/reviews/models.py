"""The Qt table models of the archive ("Bilans de compétences"): the competence table of one
review, and the comparison of all validated reviews (competences × review dates, with the
"Note proposée" row). Both read a service snapshot kept in memory."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from cpro_desktop.models.enums import COMPETENCE_LEVEL_LABELS, CompetenceLevel, Origin
from cpro_desktop.reports.colours import LEVEL_HEX
from cpro_desktop.services.reviews import ComparisonTable, ReviewSnapshot

Index = QModelIndex | QPersistentModelIndex
#: The level of a cell, as a `CompetenceLevel` (None outside level cells).
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1
#: The review a column shows (a `ReviewSnapshot`), on the comparison's header.
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 2

#: The invalid index: the table's root.
ROOT = QModelIndex()

_icons: dict[Origin, QIcon] = {}


def origin_label(origin: Origin) -> str:
    """ "Centre" or "Entreprise" (translated from the English source)."""
    if origin == Origin.CENTRE:
        return QCoreApplication.translate("ReviewLabels", "Centre")
    return QCoreApplication.translate("ReviewLabels", "Company")


def origin_icon(origin: Origin) -> QIcon:
    """As on the dashboard: a rectangle for the centre, a pill for the company."""
    if origin not in _icons:
        pixmap = QPixmap(18, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        if origin == Origin.CENTRE:
            painter.setBrush(QColor("#1f4e79"))
            painter.drawRect(1, 1, 16, 10)
        else:
            painter.setBrush(QColor("#7a4fb0"))
            painter.drawRoundedRect(1, 1, 16, 10, 5, 5)
        painter.end()
        _icons[origin] = QIcon(pixmap)
    return _icons[origin]


def level_tooltip(level: CompetenceLevel) -> str:
    return f"{level.value} : {COMPETENCE_LEVEL_LABELS[level]}"


def _level_data(level: CompetenceLevel, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return level.value
    if role == Qt.ItemDataRole.ToolTipRole:
        return level_tooltip(level)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignCenter)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(LEVEL_HEX[level]))
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    if role == LEVEL_ROLE:
        return level
    return None


class ReviewLinesModel(QAbstractTableModel):
    """One review's competence table: the competence, its level (the meaning as tooltip)."""

    COMPETENCE, LEVEL = range(2)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._snapshot: ReviewSnapshot | None = None

    def set_snapshot(self, snapshot: ReviewSnapshot | None) -> None:
        self.beginResetModel()
        self._snapshot = snapshot
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or self._snapshot is None:
            return 0
        return len(self._snapshot.lines)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.COMPETENCE:
            return self.tr("Competence")
        if section == self.LEVEL:
            return self.tr("Level")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._snapshot is None:
            return None
        line = self._snapshot.lines[index.row()]
        if index.column() == self.COMPETENCE:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return line.title
            return None
        return _level_data(line.level, role)


class ComparisonModel(QAbstractTableModel):
    """The seed's last table: competences as rows, review dates as columns, levels in the
    cells, and a last "Note proposée" row."""

    COMPETENCE = 0  # then one column per validated review, by date

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = ComparisonTable((), (), ())

    def set_table(self, table: ComparisonTable) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def table(self) -> ComparisonTable:
        return self._table

    @property
    def mark_row(self) -> int:
        return len(self._table.rows)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or not self._table.reviews:
            return 0
        return len(self._table.rows) + 1

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 1 + len(self._table.reviews)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if section == self.COMPETENCE:
            return self.tr("Competences") if role == Qt.ItemDataRole.DisplayRole else None
        review = self._table.reviews[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._table.dates[section - 1]
        if role == Qt.ItemDataRole.DecorationRole:
            return origin_icon(review.origin)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{origin_label(review.origin)} — {review.author_name}"
        if role == REVIEW_ROLE:
            return review
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row == self.mark_row:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("Proposed mark") if column == 0 else self._table.marks[column - 1]
            if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        title, levels = self._table.rows[row]
        if column == self.COMPETENCE:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return title
            return None
        if not levels[column - 1]:
            return None  # this review did not show this competence (another framework)
        level = CompetenceLevel(levels[column - 1])
        if role == Qt.ItemDataRole.ToolTipRole:
            review = self._table.reviews[column - 1]
            return (
                f"{level_tooltip(level)}\n{self._table.dates[column - 1]} · "
                f"{origin_label(review.origin)}"
            )
        return _level_data(level, role)
