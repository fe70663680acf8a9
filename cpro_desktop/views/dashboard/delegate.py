"""The dashboard's delegate: it paints in QStyle order and hands shaped cells to a painter.

Which painter is chosen by the shape the model gives the cell (`CellRole`, the same as
`ShapeRole`), never by a column number; the painters live in `painters.py`. The labels of
column 0 go through the standard painting. The thick black vertical line is drawn last, on
the right edge of the cells that carry it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from cpro_desktop.views.dashboard.models import CELL
from cpro_desktop.views.dashboard.painters import BOUNDARY_PEN_WIDTH, PAINTERS

Index = QModelIndex | QPersistentModelIndex

SELECTED = QStyle.StateFlag.State_Selected


class DashboardDelegate(QStyledItemDelegate):
    """Paints rectangles, pills, level badges and X through the painters, and the black line."""

    def __init__(self, parent=None, *, cell_size: QSize | None = None) -> None:
        super().__init__(parent)
        self.cell_size = cell_size or QSize(28, 24)
        #: A view whose column 0 lies under a frozen copy: not painted there twice.
        self.covered_view: QWidget | None = None
        self._boundary_pen = QPen(QColor("#000000"), BOUNDARY_PEN_WIDTH)
        self._boundary_pen.setCapStyle(Qt.PenCapStyle.FlatCap)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        cell = index.data(CELL)
        if cell is None:
            if index.column() == 0 and option.widget is not self.covered_view:
                super().paint(painter, option, index)
            return
        shape, value, background, boundary = cell
        rect = option.rect
        if option.state & SELECTED:
            painter.fillRect(rect, option.palette.highlight().color().lighter(160))
        elif background is not None:
            painter.fillRect(rect, background)
        if shape:
            PAINTERS[shape].paint(painter, rect, option.palette, value)
        if boundary:
            painter.save()
            painter.setPen(self._boundary_pen)
            x = rect.right() - BOUNDARY_PEN_WIDTH // 2 + 1
            painter.drawLine(x, rect.top(), x, rect.bottom() + 1)
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.column() == 0:
            return super().sizeHint(option, index)
        return self.cell_size
