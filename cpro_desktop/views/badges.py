"""The unread badge, shared by module 1's lists and the main window's module list: a green
pill with the number of things the reader has not seen, drawn at the right of an item (the
item's `UnreadCountRole`; 0 draws none), and the measure of a wrapped item beside it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

Index = QModelIndex | QPersistentModelIndex

#: How many things of an item the reader has not seen (sheets, reviews): the green badge.
UnreadCountRole = Qt.ItemDataRole.UserRole + 2
BADGE_GREEN = QColor(46, 125, 50)


class UnreadBadge:
    """Paints the pill; kept apart from the delegates (the star-rating example's split)."""

    MARGIN = 6

    @staticmethod
    def size(option: QStyleOptionViewItem, count: int) -> QSize:
        metrics = option.fontMetrics
        width = max(metrics.horizontalAdvance(str(count)) + 12, metrics.height() + 4)
        return QSize(width, metrics.height() + 2)

    @classmethod
    def paint(cls, painter: QPainter, option: QStyleOptionViewItem, count: int) -> None:
        size = cls.size(option, count)
        rect = QRect(
            option.rect.right() - size.width() - cls.MARGIN,
            option.rect.center().y() - size.height() // 2,
            size.width(),
            size.height(),
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE_GREEN)
        painter.drawRoundedRect(rect, size.height() / 2, size.height() / 2)
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.restore()


def wrapped_hint(
    delegate: QStyledItemDelegate, option: QStyleOptionViewItem, index: Index, reserved: int
) -> QSize:
    """The standard size of the item with its text wrapped in the width it is painted in:
    the view's width less `reserved` pixels (the badge). A list view otherwise measures a
    wrapped item in another width than it paints it in, and elides its last line."""
    opt = QStyleOptionViewItem(option)
    view = option.widget
    if isinstance(view, QAbstractItemView) and view.wordWrap():
        # The style wraps the text in the option's rectangle when it is a valid one; a list
        # view's items are narrower than its viewport by their spacing on both sides.
        spacing = view.spacing() if isinstance(view, QListView) else 0
        width = view.viewport().width() - 2 * spacing - reserved
        opt.rect = QRect(0, 0, max(width, 1), 1)
    else:
        opt.rect = opt.rect.adjusted(0, 0, -reserved, 0)
    return QStyledItemDelegate.sizeHint(delegate, opt, index)


class UnreadBadgeDelegate(QStyledItemDelegate):
    """The standard item, then the badge when the reader has unread things there."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        count = index.data(UnreadCountRole) or 0
        if not count:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        # The row's background (selection, hover) across the whole width, badge included…
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        # …then the item itself in what the badge leaves.
        narrowed = QStyleOptionViewItem(option)
        narrowed.rect = option.rect.adjusted(0, 0, -self.reserved(opt, count), 0)
        super().paint(painter, narrowed, index)
        UnreadBadge.paint(painter, option, count)

    @staticmethod
    def reserved(option: QStyleOptionViewItem, count: int) -> int:
        return UnreadBadge.size(option, count).width() + 2 * UnreadBadge.MARGIN if count else 0

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        reserved = self.reserved(option, index.data(UnreadCountRole) or 0)
        hint = wrapped_hint(self, option, index, reserved)
        return QSize(hint.width() + reserved, hint.height())
