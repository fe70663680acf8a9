"""A table whose first column (the labels) stays put while the other columns scroll.

Qt's "Frozen Column" example: a second QTableView over the same model and selection model,
showing only column 0, laid over the main view's left edge and kept in step with it
(vertical scrolling, column width, row heights, model resets). Every section has a fixed
size: `ResizeToContents` would measure every row of a big table.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

from cpro_desktop.views.dashboard.header import GroupedHeaderView

Index = QModelIndex | QPersistentModelIndex
ENSURE_VISIBLE = QAbstractItemView.ScrollHint.EnsureVisible


class FrozenColumnTableView(QTableView):
    """The main view; `frozen` is the label column laid over it."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        rotated_header: bool,
        label_width: int = 380,
        cell_width: int = 28,
        row_height: int = 24,
    ) -> None:
        super().__init__(parent)
        self.cell_width = cell_width
        self.label_width = label_width
        self.setHorizontalHeader(GroupedHeaderView(self, rotated=rotated_header))
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozen_column")
        frozen_header = GroupedHeaderView(self.frozen, rotated=rotated_header, group_height=22)
        frozen_header.draw_groups = False
        self.frozen.setHorizontalHeader(frozen_header)
        for view in (self, self.frozen):
            view.verticalHeader().hide()
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            view.verticalHeader().setDefaultSectionSize(row_height)
            view.horizontalHeader().setMinimumSectionSize(8)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setWordWrap(False)
            view.setShowGrid(True)
            view.setGridStyle(Qt.PenStyle.SolidLine)
        self.setStyleSheet("QTableView { gridline-color: #d5dbe3; }")
        self.frozen.setStyleSheet(
            "QTableView { border: none; border-right: 1px solid #8a96a6; gridline-color: #d5dbe3; }"
        )
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(cell_width)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._section_width_changed)
        self.verticalHeader().sectionResized.connect(self._section_height_changed)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.show()

    # -- model and delegate on both views ----------------------------------------------------
    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.modelReset.disconnect(self._model_reset)
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            model.modelReset.connect(self._model_reset)
        self._model_reset()

    def setItemDelegate(self, delegate) -> None:
        super().setItemDelegate(delegate)
        self.frozen.setItemDelegate(delegate)
        if hasattr(delegate, "covered_view"):
            # Column 0 of this view lies under the frozen copy: no need to paint it twice.
            delegate.covered_view = self

    def set_row_heights(self, heights: Sequence[int]) -> None:
        """Give each row its height (both views; fixed sizes, nothing is measured)."""
        for row, height in enumerate(heights):
            if height != self.verticalHeader().defaultSectionSize():
                self.setRowHeight(row, height)
                self.frozen.setRowHeight(row, height)

    def _model_reset(self) -> None:
        model = self.model()
        if model is None:
            return
        columns = model.columnCount()
        self.setColumnWidth(0, self.label_width)
        self.frozen.setColumnWidth(0, self.label_width)
        for column in range(1, columns):
            self.frozen.setColumnHidden(column, True)
        self._update_geometry()

    # -- keeping in step ---------------------------------------------------------------------
    def _section_width_changed(self, logical_index: int, _old: int, new: int) -> None:
        if logical_index == 0:
            self.label_width = new
            self.frozen.setColumnWidth(0, new)
            self._update_geometry()

    def _section_height_changed(self, logical_index: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(logical_index, new)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_geometry()

    def moveCursor(
        self, cursor_action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = super().moveCursor(cursor_action, modifiers)
        # Keep the cell reached by the keyboard out from under the frozen column.
        if (
            cursor_action == QAbstractItemView.CursorAction.MoveLeft
            and current.column() > 0
            and self.visualRect(current).topLeft().x() < self.frozen.columnWidth(0)
        ):
            value = (
                self.horizontalScrollBar().value()
                + self.visualRect(current).topLeft().x()
                - self.frozen.columnWidth(0)
            )
            self.horizontalScrollBar().setValue(value)
        return current

    def scrollTo(self, index: Index, hint: QAbstractItemView.ScrollHint = ENSURE_VISIBLE) -> None:
        if index.column() > 0:
            super().scrollTo(index, hint)

    def _update_geometry(self) -> None:
        frame = self.frameWidth()
        self.frozen.setGeometry(
            frame,
            frame,
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
