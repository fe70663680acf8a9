"""The booklet page's table models: contacts, alternance calendar, reference documents,
phase syntheses, interviews and visits. Each adapts a tuple of service snapshots (one
`set_rows()` between beginResetModel / endResetModel); `data()` reads memory only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from cpro_desktop.services.activities.labels import size_label
from cpro_desktop.services.booklet import (
    CalendarEntry,
    Contact,
    InterviewSnapshot,
    ReferenceDocument,
    SynthesisSnapshot,
    VisitSnapshot,
    format_date,
)

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class _RowsModel(QAbstractTableModel):
    """A read-only table of snapshots; subclasses name their columns and cells."""

    COLUMN_COUNT: ClassVar[int] = 0
    #: Suggested column widths in pixels (the last column stretches).
    WIDTHS: ClassVar[tuple[int, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Any, ...] = ()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.COLUMN_COUNT:
            return self.headers()[section]
        return None

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(row, index.column())
        return None

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError


class ContactsModel(_RowsModel):
    """The apprentice's contacts."""

    ROLE, NAME, DETAIL, ADDRESS, PHONE, EMAIL = range(6)
    COLUMN_COUNT = 6
    WIDTHS = (170, 170, 240, 240, 120)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Contact"),
            self.tr("Name"),
            self.tr("Position, organisation"),
            self.tr("Address"),
            self.tr("Phone"),
            self.tr("Email"),
        )

    def cell(self, row: Contact, column: int) -> str:
        return (row.role, row.name, row.detail, row.address, row.phone, row.email)[column]


class CalendarModel(_RowsModel):
    """The alternance calendar: the company periods with their dates."""

    CLASS, PERIOD, START, END, WEEKS = range(5)
    COLUMN_COUNT = 5
    WIDTHS = (170, 260, 100, 100)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Class"),
            self.tr("Company period"),
            self.tr("From"),
            self.tr("To"),
            self.tr("Weeks"),
        )

    def cell(self, row: CalendarEntry, column: int) -> str:
        values = (
            f"{row.class_name} ({row.school_year})",
            row.name,
            format_date(row.start),
            format_date(row.end),
            str(row.weeks),
        )
        return values[column]


class DocumentsModel(_RowsModel):
    """The reference documents."""

    NAME, SIZE, ADDED_BY, ADDED_ON = range(4)
    COLUMN_COUNT = 4
    WIDTHS = (320, 90, 180)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Document"),
            self.tr("Size"),
            self.tr("Added by"),
            self.tr("On"),
        )

    def cell(self, row: ReferenceDocument, column: int) -> str:
        size = row.url if row.url else size_label(row.size_bytes)
        return (row.name, size, row.added_by, format_date(row.added_at))[column]


class SynthesesModel(_RowsModel):
    """The phase syntheses, company and centre."""

    DATE, ORIGIN, PERIOD, TITLE, AUTHOR = range(5)
    COLUMN_COUNT = 5
    WIDTHS = (95, 150, 180, 260)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Date"),
            self.tr("Where"),
            self.tr("Period"),
            self.tr("Title"),
            self.tr("Last changed by"),
        )

    def cell(self, row: SynthesisSnapshot, column: int) -> str:
        values = (format_date(row.written_on), row.origin_label, row.period_name, row.title,
                  row.author)  # fmt: skip
        return values[column]


class InterviewsModel(_RowsModel):
    """The individual interviews."""

    DATE, PARTICIPANTS, SUMMARY, AUTHOR = range(4)
    COLUMN_COUNT = 4
    WIDTHS = (95, 260, 420)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Date"),
            self.tr("Participants"),
            self.tr("What was said"),
            self.tr("Last changed by"),
        )

    def cell(self, row: InterviewSnapshot, column: int) -> str:
        summary = " ".join(row.summary.split())
        values = (format_date(row.held_on), row.participants, summary, row.author)
        return values[column]


class VisitsModel(_RowsModel):
    """The company visits: planned, then reported."""

    STATUS, PARTICIPANTS, REPORT, AUTHOR = range(4)
    COLUMN_COUNT = 4
    WIDTHS = (170, 260, 380)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Visit"),
            self.tr("Participants"),
            self.tr("Report"),
            self.tr("Last changed by"),
        )

    def cell(self, row: VisitSnapshot, column: int) -> str:
        if row.reported:
            status = self.tr("Held on {date}").format(date=format_date(row.held_on))
        else:
            status = self.tr("Planned on {date}").format(date=format_date(row.planned_on))
        report = " ".join(row.report.split())
        return (status, row.participants, report, row.author)[column]
