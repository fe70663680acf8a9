"""The unread badge: a green pill with the number of sheets the reader has not read, drawn
at the right of a period or a portfolio folder (the item's `UnreadCountRole`)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .common import BADGE_GREEN, UnreadCountRole

Index = QModelIndex | QPersistentModelIndex


class UnreadBadge:
    """Paints the pill; kept apart from the delegate (the star-rating example's split)."""

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


class UnreadBadgeDelegate(QStyledItemDelegate):
    """The standard item, then the badge when the reader has unread sheets there."""

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
        badge = UnreadBadge.size(opt, count)
        narrowed = QStyleOptionViewItem(option)
        narrowed.rect = option.rect.adjusted(0, 0, -(badge.width() + 2 * UnreadBadge.MARGIN), 0)
        super().paint(painter, narrowed, index)
        UnreadBadge.paint(painter, option, count)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        count = index.data(UnreadCountRole) or 0
        if not count:
            return super().sizeHint(option, index)
        # Measured as painted: the text wraps in what the badge leaves.
        opt = QStyleOptionViewItem(option)
        reserved = UnreadBadge.size(opt, count).width() + 2 * UnreadBadge.MARGIN
        opt.rect = opt.rect.adjusted(0, 0, -reserved, 0)
        hint = super().sizeHint(opt, index)
        hint.setWidth(hint.width() + reserved)
        return hint
