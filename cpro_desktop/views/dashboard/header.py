"""A two-band horizontal header: the training year spanning its columns on top, and each
column's own title below (a grid's date written upwards, a week's "S38" across).

Under a grid's date a small outline tells where it was made (a rectangle: centre, a pill:
company; filled: certifying); a review column says "Bilan". The black line of the grids
taken into account runs through the lower band too.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from cpro_desktop.models.enums import Origin
from cpro_desktop.views.dashboard.models import (
    BoundaryRole,
    ColumnKindRole,
    GroupRole,
    OriginRole,
)
from cpro_desktop.views.dashboard.painters import BOUNDARY_PEN_WIDTH

HEADER_BACKGROUND = QColor("#eef2f7")
GROUP_BACKGROUND = QColor("#c8d6e8")
COMPANY_BACKGROUND = QColor("#fde9cc")
CENTRE_BACKGROUND = QColor("#dbe8fa")
REVIEW_BACKGROUND = QColor("#e6e0f0")
LINE = QColor("#a9b4c2")
TEXT = QColor("#1c2733")


class GroupedHeaderView(QHeaderView):
    """The dashboard tables' horizontal header (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None, *, rotated: bool, group_height: int = 22):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.rotated = rotated
        self.group_height = group_height
        self.label_height = 92 if rotated else 26
        #: The frozen column's copy shows no group band.
        self.draw_groups = True
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(self.group_height + self.label_height)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.group_height + self.label_height)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        model = self.model()
        if model is None or not rect.isValid():
            return
        painter.save()
        title = model.headerData(logical_index, self.orientation()) or ""
        if logical_index == 0:
            painter.fillRect(rect, HEADER_BACKGROUND)
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(TEXT)
            painter.drawText(
                rect.adjusted(6, 0, -4, -4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                str(title),
            )
        else:
            band = rect.adjusted(0, self.group_height, 0, 0)
            kind = model.headerData(logical_index, self.orientation(), ColumnKindRole)
            origin = model.headerData(logical_index, self.orientation(), OriginRole)
            if kind == "review":
                background = REVIEW_BACKGROUND
            elif origin == Origin.COMPANY:
                background = COMPANY_BACKGROUND
            else:
                background = CENTRE_BACKGROUND
            painter.fillRect(band, background)
            painter.setPen(TEXT)
            if self.rotated:
                self._rotated_title(painter, band, str(title), kind, origin)
            else:
                painter.drawText(band, Qt.AlignmentFlag.AlignCenter, str(title))
        painter.setPen(QPen(LINE, 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if model.headerData(logical_index, self.orientation(), BoundaryRole):
            painter.setPen(QPen(QColor("#000000"), BOUNDARY_PEN_WIDTH))
            x = rect.right() - BOUNDARY_PEN_WIDTH // 2 + 1
            painter.drawLine(x, rect.top() + self.group_height, x, rect.bottom() + 1)
        painter.restore()

    def _rotated_title(
        self, painter: QPainter, band: QRect, title: str, kind: str | None, origin: object
    ) -> None:
        icon_height = 14
        text_rect = band.adjusted(0, 3, 0, -icon_height - 4)
        painter.save()
        painter.translate(text_rect.center())
        painter.rotate(-90)
        box = QRect(-text_rect.height() // 2, -text_rect.width() // 2, text_rect.height(),
                    text_rect.width())  # fmt: skip
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, title)
        painter.restore()
        icon = QRectF(band.center().x() - 7, band.bottom() - icon_height, 14, 9)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(TEXT, 1.2))
        if kind == "review":
            font = painter.font()
            font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(
                QRectF(band.left(), band.bottom() - icon_height - 2, band.width(), icon_height),
                Qt.AlignmentFlag.AlignCenter,
                "B",
            )
        else:
            painter.setBrush(TEXT if kind == "grid-certifying" else Qt.BrushStyle.NoBrush)
            if origin == Origin.COMPANY:
                painter.drawRoundedRect(icon, 4.5, 4.5)
            else:
                painter.drawRect(icon)
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or self.count() <= 1 or not self.draw_groups:
            return
        painter = QPainter(self.viewport())
        metrics = QFontMetrics(painter.font())
        first = max(1, self.logicalIndexAt(0))
        last = self.logicalIndexAt(self.viewport().width() - 1)
        if last < 0:
            last = self.count() - 1
        section = first
        while section <= last:
            label = model.headerData(section, self.orientation(), GroupRole) or ""
            end = section
            while (
                end + 1 < self.count()
                and (model.headerData(end + 1, self.orientation(), GroupRole) or "") == label
            ):
                end += 1
            # The whole run, even its columns scrolled out of sight, so the label stays put.
            start = section
            while (
                start - 1 >= 1
                and (model.headerData(start - 1, self.orientation(), GroupRole) or "") == label
            ):
                start -= 1
            left = self.sectionViewportPosition(start)
            right = self.sectionViewportPosition(end) + self.sectionSize(end)
            band = QRect(left, 0, right - left, self.group_height)
            painter.fillRect(band, GROUP_BACKGROUND)
            painter.setPen(QPen(LINE, 1))
            painter.drawLine(band.topRight(), band.bottomRight())
            painter.drawLine(band.bottomLeft(), band.bottomRight())
            painter.setPen(TEXT)
            visible = band.intersected(QRect(0, 0, self.viewport().width(), self.group_height))
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, visible.width() - 8)
            painter.drawText(visible.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignCenter, text)
            section = end + 1
        painter.end()
