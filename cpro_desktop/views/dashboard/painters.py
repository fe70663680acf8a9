"""The small painter objects of the dashboard (after Qt's star-delegate example): a delegate
only picks one by the cell's `Shape` and hands it the rectangle to paint.

A rating made in the centre paints a coloured rectangle, one made in the company a coloured
pill (the seed's "gélule"); the colour is the result (the SPEC's five colours). For readers
who do not tell the colours apart, each result also carries its own mark: a check for a
total success in autonomy, a check with a dot for a success with help, diagonal stripes for
a partial success, a ring for "non évaluable", a cross for an absent apprentice. A review's
level is a neutral badge with its symbol (++ + - --- NE), rectangle or pill likewise.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen

from cpro_desktop.models.enums import CompetenceLevel, RatingResult
from cpro_desktop.services.dashboard import MARK_COLOURS, RESULT_COLOURS


class Shape(enum.IntEnum):
    """Which painter a cell asks for (the model's `ShapeRole`)."""

    RECTANGLE = 1  # a rating in the centre
    PILL = 2  # a rating in the company
    LEVEL_RECTANGLE = 3  # a centre review's level
    LEVEL_PILL = 4  # a company review's level
    DONE = 5  # the activities view's X: a task done that week


#: The SPEC's colours: dark green, light green, orange, blue, grey.
RESULT_COLORS: dict[RatingResult, QColor] = {r: QColor(c) for r, c in RESULT_COLOURS.items()}
#: The mark's colour on each fill (white on the dark ones).
MARK_COLORS: dict[RatingResult, QColor] = {r: QColor(c) for r, c in MARK_COLOURS.items()}

#: Keyboard entry: a digit or a letter per result (the legend shows them).
RESULT_KEYS: dict[RatingResult, tuple[str, str]] = {
    RatingResult.SUCCESS_AUTONOMOUS: ("1", "A"),
    RatingResult.SUCCESS_ASSISTED: ("2", "I"),
    RatingResult.PARTIAL: ("3", "P"),
    RatingResult.NOT_ASSESSABLE: ("4", "N"),
    RatingResult.ABSENT: ("5", "X"),
}

LEVEL_TEXT_COLORS: dict[CompetenceLevel, QColor] = {
    CompetenceLevel.ACQUIRED: QColor("#145c2c"),
    CompetenceLevel.PARTIALLY_ACQUIRED: QColor("#2f6f1f"),
    CompetenceLevel.IN_PROGRESS: QColor("#8a4a00"),
    CompetenceLevel.NOT_ACQUIRED: QColor("#a31515"),
    CompetenceLevel.NOT_ASSESSED: QColor("#2e5f99"),
}
LEVEL_FILL = QColor("#eef3fa")
LEVEL_BORDER = QColor("#5b6b7f")
#: The thick black line after the grids already taken into account.
BOUNDARY_PEN_WIDTH = 3


def shape_rect(rect: QRect | QRectF, *, width: float = 22.0, height: float = 14.0) -> QRectF:
    """The shape's box, centred in the cell, never larger than the cell minus a margin."""
    outer = QRectF(rect)
    w = min(width, outer.width() - 4)
    h = min(height, outer.height() - 6)
    return QRectF(outer.center().x() - w / 2, outer.center().y() - h / 2, w, h)


class ResultMark:
    """Draws the colour-blind mark of a result inside a shape's box."""

    def paint(self, painter: QPainter, box: QRectF, result: RatingResult) -> None:
        color = MARK_COLORS[result]
        size = min(box.height() - 4, 10.0)
        c = box.center()
        half = size / 2
        pen = QPen(color, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if result in (RatingResult.SUCCESS_AUTONOMOUS, RatingResult.SUCCESS_ASSISTED):
            dx = -2.0 if result == RatingResult.SUCCESS_ASSISTED else 0.0
            path = QPainterPath(QPointF(c.x() - half * 0.8 + dx, c.y()))
            path.lineTo(QPointF(c.x() - half * 0.2 + dx, c.y() + half * 0.6))
            path.lineTo(QPointF(c.x() + half * 0.8 + dx, c.y() - half * 0.6))
            painter.drawPath(path)
            if result == RatingResult.SUCCESS_ASSISTED:
                painter.setBrush(color)
                painter.drawEllipse(QPointF(c.x() + half + 1.5, c.y() + half * 0.55), 1.2, 1.2)
        elif result == RatingResult.PARTIAL:
            painter.save()
            clip = QPainterPath()
            clip.addRect(box.adjusted(1, 1, -1, -1))
            painter.setClipPath(clip, Qt.ClipOperation.IntersectClip)
            painter.setPen(QPen(color, 1.3))
            step = 4.0
            x = box.left() - box.height()
            while x < box.right():
                painter.drawLine(QPointF(x, box.bottom()), QPointF(x + box.height(), box.top()))
                x += step
            painter.restore()
        elif result == RatingResult.NOT_ASSESSABLE:
            painter.drawEllipse(c, half * 0.6, half * 0.6)
        else:
            painter.drawLine(
                QPointF(c.x() - half * 0.55, c.y() - half * 0.55),
                QPointF(c.x() + half * 0.55, c.y() + half * 0.55),
            )
            painter.drawLine(
                QPointF(c.x() - half * 0.55, c.y() + half * 0.55),
                QPointF(c.x() + half * 0.55, c.y() - half * 0.55),
            )


_MARK = ResultMark()


class RectanglePainter:
    """A rating made in the centre: a coloured rectangle with the result's mark."""

    radius = 0.0

    def paint(self, painter: QPainter, rect: QRect | QRectF, palette: QPalette, value: str) -> None:
        # Through a QVariant a StrEnum comes back as its plain value.
        result = RatingResult(value)
        box = shape_rect(rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.radius > 0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(RESULT_COLORS[result])
        if self.radius:
            radius = min(self.radius, box.height() / 2)
            painter.drawRoundedRect(box, radius, radius)
        else:
            painter.drawRect(box)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        _MARK.paint(painter, box, result)
        painter.restore()


class PillPainter(RectanglePainter):
    """A rating made in the company: a coloured pill (gélule) with the result's mark."""

    radius = 7.0


class LevelPainter:
    """A review's level: a neutral badge with its symbol; a pill for a company review."""

    def __init__(self, pill: bool) -> None:
        self.pill = pill

    def paint(self, painter: QPainter, rect: QRect | QRectF, palette: QPalette, value: str) -> None:
        level = CompetenceLevel(value)
        box = shape_rect(rect, width=26.0, height=16.0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(LEVEL_BORDER, 1))
        painter.setBrush(LEVEL_FILL)
        if self.pill:
            painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        else:
            painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
        font = QFont(painter.font())
        font.setBold(True)
        font.setPointSizeF(max(6.5, font.pointSizeF() - 1))
        painter.setFont(font)
        painter.setPen(LEVEL_TEXT_COLORS[level])
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, level.value)
        painter.restore()


class DonePainter:
    """The activities view's X, bold and centred."""

    def paint(self, painter: QPainter, rect: QRect | QRectF, palette: QPalette, value: object):
        painter.save()
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1c2733"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "X")
        painter.restore()


#: The delegate's dispatch table.
PAINTERS: dict[Shape, RectanglePainter | LevelPainter | DonePainter] = {
    Shape.RECTANGLE: RectanglePainter(),
    Shape.PILL: PillPainter(),
    Shape.LEVEL_RECTANGLE: LevelPainter(pill=False),
    Shape.LEVEL_PILL: LevelPainter(pill=True),
    Shape.DONE: DonePainter(),
}
