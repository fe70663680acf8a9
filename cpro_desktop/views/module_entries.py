"""The main window's module entries: the module's title and, at its right, the green badge of
what is new for the reader there (the item's `UnreadCountRole`; 0 draws none)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from cpro_desktop.views.badges import UnreadBadge, UnreadCountRole, wrapped_hint

Index = QModelIndex | QPersistentModelIndex

#: Left padding of every entry (pixels).
TEXT_LEFT = 4
#: Right padding of every entry (pixels), where the badge goes: a three-digit badge and its
#: margins. Every title wraps before it, so an entry looks the same with or without a badge
#: and the standard painting (selection, hover, wrapping, the style sheet) is kept whole.
BADGE_ROOM = 44

#: The module list's style sheet.
MODULE_LIST_STYLE = (
    "QListWidget { font-size: 10pt; } "
    f"QListWidget::item {{ padding: 7px {BADGE_ROOM}px 7px {TEXT_LEFT}px; }}"
)


class ModuleEntryDelegate(QStyledItemDelegate):
    """The standard entry, then the badge in its right padding when the count is not 0."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # No focus frame: it outlines the text only, up to the badge room, like an input
        # field; the current entry is the selected one, and the selection's colour already
        # says whether the list has the focus.
        opt = QStyleOptionViewItem(option)
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, opt, index)
        count = int(index.data(UnreadCountRole) or 0)
        if count > 0:
            UnreadBadge.paint(painter, option, count)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # Wrapped in the width it is painted in (the style sheet takes its padding off it).
        return wrapped_hint(self, option, index, 0)
