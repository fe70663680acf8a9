"""The level badge of a competence in the review form: a blue rounded "NE" rectangle (the
seed's) that, hovered with the mouse or focused with the keyboard, opens in place into the
selector of the five levels (++ + - --- NE).

One widget, one tab stop per competence. Keys while focused: Left / Right move along the
selector, "+" raises and "-" lowers the level, N / Delete / Backspace reset it to NE, Up / Down
go to the previous / next competence, and so does Enter (next). The widget reserves the
selector's width so that opening it never moves the rest of the form. The painting lives in
`BadgePainter`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cpro_desktop.models.enums import COMPETENCE_LEVEL_LABELS, CompetenceLevel
from cpro_desktop.reports.colours import LEVEL_HEX

#: The selector's order, as the seed lists the levels.
SELECTOR_ORDER: tuple[CompetenceLevel, ...] = (
    CompetenceLevel.ACQUIRED,
    CompetenceLevel.PARTIALLY_ACQUIRED,
    CompetenceLevel.IN_PROGRESS,
    CompetenceLevel.NOT_ACQUIRED,
    CompetenceLevel.NOT_ASSESSED,
)
#: From lowest to highest, for the "+" and "-" keys (NE is outside the scale).
SCALE: tuple[CompetenceLevel, ...] = (
    CompetenceLevel.NOT_ACQUIRED,
    CompetenceLevel.IN_PROGRESS,
    CompetenceLevel.PARTIALLY_ACQUIRED,
    CompetenceLevel.ACQUIRED,
)
SEGMENT_WIDTH = 40
SEGMENT_GAP = 3
HEIGHT = 24


def level_colour(level: CompetenceLevel) -> QColor:
    return QColor(LEVEL_HEX[level])


def raised(level: CompetenceLevel) -> CompetenceLevel:
    """The next level up ("+" key): NE → +, - → +, + → ++, ++ stays."""
    if level == CompetenceLevel.NOT_ASSESSED:
        return CompetenceLevel.PARTIALLY_ACQUIRED
    return SCALE[min(SCALE.index(level) + 1, len(SCALE) - 1)]


def lowered(level: CompetenceLevel) -> CompetenceLevel:
    """The next level down ("-" key): NE → -, + → -, - → ---, --- stays."""
    if level == CompetenceLevel.NOT_ASSESSED:
        return CompetenceLevel.IN_PROGRESS
    return SCALE[max(SCALE.index(level) - 1, 0)]


class BadgePainter:
    """Paints the collapsed badge or the open selector into a rectangle."""

    @staticmethod
    def segment_rect(index: int, top: int = 0) -> QRect:
        return QRect(index * (SEGMENT_WIDTH + SEGMENT_GAP), top, SEGMENT_WIDTH, HEIGHT)

    @staticmethod
    def paint(
        painter: QPainter,
        palette: QPalette,
        level: CompetenceLevel,
        *,
        open_: bool,
        hovered_index: int | None,
        focused: bool,
        enabled: bool,
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        if not open_:
            BadgePainter._segment(painter, BadgePainter.segment_rect(0), level, True, False)
        else:
            for index, choice in enumerate(SELECTOR_ORDER):
                BadgePainter._segment(
                    painter,
                    BadgePainter.segment_rect(index),
                    choice,
                    choice == level,
                    index == hovered_index,
                )
        if focused:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            width = (len(SELECTOR_ORDER) if open_ else 1) * (SEGMENT_WIDTH + SEGMENT_GAP)
            painter.drawRoundedRect(QRectF(0.75, 0.75, width - SEGMENT_GAP - 1.5, HEIGHT - 1.5), 5,
                                    5)  # fmt: skip
        if not enabled:
            painter.fillRect(QRect(0, 0, SEGMENT_WIDTH, HEIGHT), QColor(255, 255, 255, 60))
        painter.restore()

    @staticmethod
    def _segment(
        painter: QPainter, rect: QRect, level: CompetenceLevel, chosen: bool, hovered: bool
    ) -> None:
        colour = level_colour(level)
        box = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if chosen:
            painter.setPen(QPen(colour.darker(120), 1))
            painter.setBrush(colour)
            text = QColor("white")
        else:
            fill = QColor(colour)
            fill.setAlpha(70 if hovered else 18)
            painter.setPen(QPen(colour, 1))
            painter.setBrush(fill)
            text = colour.darker(115)
        painter.drawRoundedRect(box, 5, 5)
        painter.setPen(text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, level.value)


class LevelBadge(QWidget):
    """A competence's level: a badge that opens into the level selector on hover or focus."""

    level_changed = Signal(object)  # CompetenceLevel
    #: The badge was hovered or focused: the form shows what helps judge this competence.
    activated = Signal()

    def __init__(
        self,
        level: CompetenceLevel = CompetenceLevel.NOT_ASSESSED,
        parent: QWidget | None = None,
        *,
        competence_title: str = "",
    ) -> None:
        super().__init__(parent)
        self._level = CompetenceLevel(level)
        self._hovered = False
        self._hovered_index: int | None = None
        self._read_only = False
        self.competence_title = competence_title
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._describe()

    # -- state --------------------------------------------------------------------------
    def level(self) -> CompetenceLevel:
        return self._level

    def set_level(self, level: CompetenceLevel, *, notify: bool = False) -> None:
        level = CompetenceLevel(level)
        if level == self._level:
            return
        self._level = level
        self._describe()
        self.update()
        if notify:
            self.level_changed.emit(level)

    def set_read_only(self, read_only: bool) -> None:
        """A validated review: the badge shows its level and never opens."""
        self._read_only = read_only
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if read_only else Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else
                       Qt.CursorShape.PointingHandCursor)  # fmt: skip
        self._describe()
        self.update()

    def is_read_only(self) -> bool:
        return self._read_only

    def is_open(self) -> bool:
        """Whether the selector shows (hovered or focused, and editable)."""
        return not self._read_only and self.isEnabled() and (self._hovered or self.hasFocus())

    def segment_rect(self, level: CompetenceLevel) -> QRect:
        """Where a level's choice is drawn while the selector is open."""
        return BadgePainter.segment_rect(SELECTOR_ORDER.index(CompetenceLevel(level)),
                                         self._top())  # fmt: skip

    def _describe(self) -> None:
        meaning = COMPETENCE_LEVEL_LABELS[self._level]
        self.setAccessibleName(
            self.tr("Level of %1").replace("%1", self.competence_title)
            if self.competence_title
            else self.tr("Level")
        )
        self.setAccessibleDescription(f"{self._level.value} : {meaning}")
        hint = (
            ""
            if self._read_only
            else "\n"
            + self.tr(
                "Hover or focus (Tab) to choose: click a level, or use the left and right "
                "arrows, + and -; Enter goes on to the next competence."
            )
        )
        self.setToolTip(f"{self._level.value} : {meaning}{hint}")

    # -- geometry and painting ---------------------------------------------------------
    def sizeHint(self) -> QSize:
        width = len(SELECTOR_ORDER) * (SEGMENT_WIDTH + SEGMENT_GAP) - SEGMENT_GAP
        return QSize(width, HEIGHT + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _top(self) -> int:
        return max(0, (self.height() - HEIGHT) // 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.translate(0, self._top())
        BadgePainter.paint(
            painter,
            self.palette(),
            self._level,
            open_=self.is_open(),
            hovered_index=self._hovered_index,
            focused=self.hasFocus() and not self._read_only,
            enabled=self.isEnabled(),
        )
        painter.end()

    def _index_at(self, pos: QPoint) -> int | None:
        for index in range(len(SELECTOR_ORDER)):
            if BadgePainter.segment_rect(index, self._top()).contains(pos):
                return index
        return None

    # -- mouse -------------------------------------------------------------------------
    def enterEvent(self, event: QEnterEvent) -> None:
        self._hovered = True
        self._hovered_index = self._index_at(event.position().toPoint())
        self.activated.emit()
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = False
        self._hovered_index = None
        self.update()
        super().leaveEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._hovered:  # a move without an enter (e.g. after a popup closed)
            self._hovered = True
            self.activated.emit()
        index = self._index_at(event.position().toPoint())
        if index != self._hovered_index:
            self._hovered_index = index
            self.update()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._read_only or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        was_open = self.is_open()
        self._hovered = True
        index = self._index_at(event.position().toPoint())
        if was_open and index is not None:
            self.set_level(SELECTOR_ORDER[index], notify=True)
        self.update()
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.is_open():
            index = self._index_at(event.pos())  # type: ignore[attr-defined]
            if index is not None:
                level = SELECTOR_ORDER[index]
                QToolTip.showText(
                    event.globalPos(),  # type: ignore[attr-defined]
                    f"{level.value} : {COMPETENCE_LEVEL_LABELS[level]}",
                    self,
                )
                return True
        return super().event(event)

    # -- keyboard ----------------------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:
        self.activated.emit()
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._read_only:
            super().keyPressEvent(event)
            return
        key = event.key()
        index = SELECTOR_ORDER.index(self._level)
        choice: CompetenceLevel | None = None
        if key == Qt.Key.Key_Right:
            choice = SELECTOR_ORDER[min(index + 1, len(SELECTOR_ORDER) - 1)]
        elif key == Qt.Key.Key_Left:
            choice = SELECTOR_ORDER[max(index - 1, 0)]
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            # Up and down walk the list of competences, as in any list.
            (self.focusPreviousChild if key == Qt.Key.Key_Up else self.focusNextChild)()
            event.accept()
            return
        elif key == Qt.Key.Key_Plus or event.text() == "+":
            choice = raised(self._level)
        elif key == Qt.Key.Key_Minus or event.text() == "-":
            choice = lowered(self._level)
        elif key in (Qt.Key.Key_N, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            choice = CompetenceLevel.NOT_ASSESSED
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            event.accept()
            return
        else:
            super().keyPressEvent(event)
            return
        self.set_level(choice, notify=True)
        event.accept()
