"""The legends under the two views: each sample is drawn by the same painters as the cells."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from cpro_desktop.models.enums import CompetenceLevel, RatingResult
from cpro_desktop.views.dashboard.labels import level_label, result_label
from cpro_desktop.views.dashboard.models import CENTRE_WEEK_BACKGROUND, COMPANY_WEEK_BACKGROUND
from cpro_desktop.views.dashboard.painters import (
    BOUNDARY_PEN_WIDTH,
    PAINTERS,
    RESULT_KEYS,
    Shape,
)

Draw = Callable[[QPainter, QRect], None]


class Swatch(QWidget):
    """A small sample cell painted by a function."""

    def __init__(self, draw: Draw, parent: QWidget | None = None, width: int = 30) -> None:
        super().__init__(parent)
        self.draw = draw
        self.setFixedSize(QSize(width, 22))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.draw(painter, self.rect())
        painter.end()


def _shape(shape: Shape, value: object) -> Draw:
    return lambda painter, rect: PAINTERS[shape].paint(painter, rect, None, value)  # type: ignore[arg-type]


def _line(painter: QPainter, rect: QRect) -> None:
    painter.setPen(QPen(QColor("#000000"), BOUNDARY_PEN_WIDTH))
    painter.drawLine(rect.center().x(), rect.top() + 1, rect.center().x(), rect.bottom() - 1)


def _fill(color: QColor) -> Draw:
    def draw(painter: QPainter, rect: QRect) -> None:
        painter.fillRect(rect.adjusted(2, 2, -2, -2), color)
        painter.setPen(QColor("#a9b4c2"))
        painter.drawRect(rect.adjusted(2, 2, -3, -3))

    return draw


def _text(text: str) -> Draw:
    def draw(painter: QPainter, rect: QRect) -> None:
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    return draw


class _Legend(QWidget):
    """Samples and their meaning: one line per kind of sample, up to five per line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(4, 2, 4, 2)
        self.grid.setHorizontalSpacing(4)
        self.grid.setVerticalSpacing(2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._row = 0
        for column in range(5):
            self.grid.setColumnStretch(column * 2 + 1, 1)

    def add_line(self, items: list[tuple[Draw, str]], *, width: int = 30) -> None:
        """One line of samples."""
        for column, (draw, text) in enumerate(items):
            self.grid.addWidget(Swatch(draw, self, width), self._row, column * 2)
            label = QLabel(text, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            font = label.font()
            font.setPointSizeF(font.pointSizeF() - 0.5)
            label.setFont(font)
            self.grid.addWidget(label, self._row, column * 2 + 1)
        self._row += 1


class CompetenceLegend(_Legend):
    """Results (colour and mark), rectangle / pill, the black line, the review levels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        results = []
        for result in RatingResult:
            digit, letter = RESULT_KEYS[result]
            results.append(
                (_shape(Shape.RECTANGLE, result), f"{result_label(result)} ({digit} / {letter})")
            )
        self.add_line(results)
        ok = RatingResult.SUCCESS_AUTONOMOUS
        self.add_line(
            [
                (_shape(Shape.RECTANGLE, ok), self.tr("Rectangle: rated in the training centre")),
                (_shape(Shape.PILL, ok), self.tr("Pill: rated in the company")),
                (_line, self.tr("Black line: grids on its left already taken into account")),
                (_shape(Shape.LEVEL_RECTANGLE, CompetenceLevel.PARTIALLY_ACQUIRED),
                 self.tr("Interim review in the centre")),
                (_shape(Shape.LEVEL_PILL, CompetenceLevel.PARTIALLY_ACQUIRED),
                 self.tr("Interim review in the company")),
            ]
        )  # fmt: skip
        self.add_line(
            [
                (_shape(Shape.LEVEL_RECTANGLE, level), level_label(level))
                for level in CompetenceLevel
            ]
        )


class ActivitiesLegend(_Legend):
    """Company and centre weeks, and the X of a task done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_line(
            [
                (_fill(COMPANY_WEEK_BACKGROUND), self.tr("Week in the company")),
                (_fill(CENTRE_WEEK_BACKGROUND), self.tr("Week in the training centre")),
                (_text("X"), self.tr("Task done that week")),
            ]
        )
