"""The dashboard's display filters: units of the diploma, kind of rating, school year or
whole cycle, date range. Changing one emits `changed` with a `DashboardFilters`; the page
re-lays the loaded snapshot out in memory (no query)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services.dashboard import (
    DashboardFilters,
    RatingKind,
    SchoolYearInfo,
    UnitInfo,
)
from cpro_desktop.views.dashboard.labels import kind_label

DATE_FORMAT = "dd/MM/yyyy"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class FiltersBar(QWidget):
    """One row of filters above the dashboard's views."""

    changed = Signal(object)  # DashboardFilters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._updating = False
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("unit_combo")
        self.unit_combo.setMinimumContentsLength(14)
        self.unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        unit_label = QLabel(self.tr("&Units:"), self)
        unit_label.setBuddy(self.unit_combo)
        self.kind_boxes: dict[RatingKind, QCheckBox] = {}
        for kind in RatingKind:
            box = QCheckBox(kind_label(kind), self)
            box.setObjectName(f"kind_{kind.value}")
            box.setChecked(True)
            self.kind_boxes[kind] = box
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("year_combo")
        year_label = QLabel(self.tr("&Year:"), self)
        year_label.setBuddy(self.year_combo)
        self.range_box = QCheckBox(self.tr("&From"), self)
        self.range_box.setObjectName("range_box")
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00/00/00000") + 36)
        self.from_edit.setDate(QDate(QDate.currentDate().year() - 3, 9, 1))
        self.to_edit.setDate(QDate.currentDate())
        self.reset_button = QPushButton(self.tr("Show &everything"), self)
        self.year_combo.setMinimumContentsLength(14)
        self.year_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(unit_label)
        first.addWidget(self.unit_combo, 2)
        first.addSpacing(12)
        first.addWidget(year_label)
        first.addWidget(self.year_combo, 1)
        second.addWidget(QLabel(self.tr("Ratings:"), self))
        for box in self.kind_boxes.values():
            second.addWidget(box)
        second.addSpacing(12)
        second.addWidget(self.range_box)
        second.addWidget(self.from_edit)
        second.addWidget(QLabel(self.tr("to"), self))
        second.addWidget(self.to_edit)
        second.addStretch(1)
        second.addWidget(self.reset_button)
        layout.addLayout(first)
        layout.addLayout(second)
        self.set_choices((), ())

        self.unit_combo.currentIndexChanged.connect(self._emit)
        self.year_combo.currentIndexChanged.connect(self._emit)
        for box in self.kind_boxes.values():
            box.toggled.connect(self._emit)
        self.range_box.toggled.connect(self._range_toggled)
        self.from_edit.dateChanged.connect(self._emit)
        self.to_edit.dateChanged.connect(self._emit)
        self.reset_button.clicked.connect(self.reset)

    def set_choices(self, units: tuple[UnitInfo, ...], years: tuple[SchoolYearInfo, ...]) -> None:
        """The units and school years to offer; keeps the current choice when still offered."""
        unit = self.unit_combo.currentData()
        year = self.year_combo.currentData()
        self._updating = True
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("Show all"), None)
        for info in units:
            self.unit_combo.addItem(info.title, info.id)
            self.unit_combo.setItemData(
                self.unit_combo.count() - 1, info.title, Qt.ItemDataRole.ToolTipRole
            )
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("Whole cycle"), None)
        for info in years:
            text = f"{info.label} — {info.class_label}" if info.class_label else info.label
            self.year_combo.addItem(text, info.id)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(unit)))
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(year)))
        self._updating = False

    def set_units_enabled(self, enabled: bool) -> None:
        """The activities view has no units: their filter is greyed out there."""
        self.unit_combo.setEnabled(enabled)

    def filters(self) -> DashboardFilters:
        """The filters as chosen."""
        unit = self.unit_combo.currentData()
        ranged = self.range_box.isChecked()
        return DashboardFilters(
            unit_ids=frozenset({unit}) if unit is not None else None,
            kinds=frozenset(k for k, box in self.kind_boxes.items() if box.isChecked()),
            school_year_id=self.year_combo.currentData(),
            date_from=from_qdate(self.from_edit.date()) if ranged else None,
            date_to=from_qdate(self.to_edit.date()) if ranged else None,
        )

    def reset(self) -> None:
        """Back to everything over the whole cycle."""
        self._updating = True
        self.unit_combo.setCurrentIndex(0)
        self.year_combo.setCurrentIndex(0)
        for box in self.kind_boxes.values():
            box.setChecked(True)
        self.range_box.setChecked(False)
        self._updating = False
        self._emit()

    def _range_toggled(self, on: bool) -> None:
        self.from_edit.setEnabled(on)
        self.to_edit.setEnabled(on)
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._updating:
            self.changed.emit(self.filters())
