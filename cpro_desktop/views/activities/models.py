"""The Qt item models of module 1's lists: a class's periods, the portfolio folders with their
sheets, a portfolio's weekly sheets, attachments and comments.

Each adapts service snapshots kept in memory (`data()` never reaches the store); a whole
list is replaced in one `beginResetModel()/endResetModel()`, the sheets of one folder with
the insert/remove pairs so that the tree keeps its expanded folders.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from cpro_desktop.services.activities import (
    AttachmentEntry,
    CommentEntry,
    PeriodEntry,
    PortfolioEntry,
    PortfolioSheets,
    SheetEntry,
    format_date,
)

from .common import (
    COUNTER_BLUE,
    READ_COLOUR,
    RETIRED_COLOUR,
    UNREAD_COLOUR,
    EntryRole,
    KindRole,
    UnreadCountRole,
)
from .signals import emit

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


def _icon(pixmap: QStyle.StandardPixmap):
    return QApplication.style().standardIcon(pixmap)


def sheet_foreground(entry: SheetEntry):
    """Green while unread by this reader, black once read, grey when retired."""
    if entry.retired:
        return RETIRED_COLOUR
    return UNREAD_COLOUR if entry.unread else READ_COLOUR


class PeriodListModel(QAbstractListModel):
    """The periods of a class: "PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022] [2 fiches]"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[PeriodEntry, ...] = ()

    def set_rows(self, rows: Iterable[PeriodEntry]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[PeriodEntry, ...]:
        return self._rows

    def row_of_id(self, period_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == period_id), -1)

    def one_read(self, period_id: int) -> None:
        """The reader has just read one of the period's unread sheets: its count goes down
        (no reading again)."""
        row = self.row_of_id(period_id)
        if row >= 0 and self._rows[row].unread_count > 0:
            entry = self._rows[row]
            self._rows = (
                *self._rows[:row],
                replace(entry, unread_count=entry.unread_count - 1),
                *self._rows[row + 1 :],
            )
            emit(self.dataChanged, self.index(row), self.index(row))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == DISPLAY:
            return entry.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("%1 portfolio(s); %2 sheet(s) you have not read")
                .replace("%1", str(entry.portfolio_count))
                .replace("%2", str(entry.unread_count))
            )
        if role == UnreadCountRole:
            return entry.unread_count
        if role == EntryRole:
            return entry
        return None


class PortfolioTreeModel(QAbstractItemModel):
    """Portfolio folders (top level) and their weekly sheets (children, loaded per folder).

    `folder_label` chooses the folder's text: "apprentice" for the period view ("AZZOUG Mina
    (1MELEC) [2 fiches complétées]"), "period" for the apprentice view ("PFMP1 - 1er BCP
    [du … au …] [2 fiches]"). Sheet titles are green while unread by this reader.
    """

    def __init__(self, folder_label: str = "apprentice", parent=None) -> None:
        super().__init__(parent)
        assert folder_label in ("apprentice", "period")
        self._folder_label = folder_label
        self._portfolios: list[PortfolioEntry] = []
        self._sheets: dict[int, tuple[SheetEntry, ...]] = {}

    # -- filling --------------------------------------------------------------------------
    def set_portfolios(self, rows: Iterable[PortfolioEntry]) -> None:
        """Replace every folder (their sheets are loaded again on demand)."""
        self.beginResetModel()
        self._portfolios = list(rows)
        self._sheets = {}
        self.endResetModel()

    def set_sheets(self, loaded: PortfolioSheets) -> None:
        """The sheets of one folder, and its refreshed counts."""
        row = self.row_of_portfolio(loaded.portfolio.id)
        if row < 0:
            return
        parent = self.index(row, 0)
        old = self._sheets.get(loaded.portfolio.id, ())
        new = tuple(loaded.sheets)
        self._portfolios[row] = loaded.portfolio
        emit(self.dataChanged, parent, parent)
        if len(old) == len(new) and loaded.portfolio.id in self._sheets:
            self._sheets[loaded.portfolio.id] = new
            if new:
                first, last = self.index(0, 0, parent), self.index(len(new) - 1, 0, parent)
                emit(self.dataChanged, first, last)
            return
        if old:
            self.beginRemoveRows(parent, 0, len(old) - 1)
            self._sheets[loaded.portfolio.id] = ()
            self.endRemoveRows()
        if new:
            self.beginInsertRows(parent, 0, len(new) - 1)
            self._sheets[loaded.portfolio.id] = new
            self.endInsertRows()
        else:
            self._sheets[loaded.portfolio.id] = new

    def mark_read(self, portfolio_id: int, sheet_id: int, counted: bool) -> bool:
        """The reader has just read one of a folder's sheets (it was unread): its title turns
        black and, if `counted` (not retired), the folder's unread count goes down, without
        reading the folder again. False if the folder is not in the list."""
        row = self.row_of_portfolio(portfolio_id)
        if row < 0:
            return False
        parent = self.index(row, 0)
        sheets = self._sheets.get(portfolio_id)
        if sheets is not None:
            child = next((i for i, s in enumerate(sheets) if s.id == sheet_id), -1)
            if child >= 0 and sheets[child].unread:
                self._sheets[portfolio_id] = (
                    *sheets[:child],
                    replace(sheets[child], unread=False),
                    *sheets[child + 1 :],
                )
                index = self.index(child, 0, parent)
                emit(self.dataChanged, index, index)
        entry = self._portfolios[row]
        if counted and entry.unread_count > 0:
            self._portfolios[row] = replace(entry, unread_count=entry.unread_count - 1)
            emit(self.dataChanged, parent, parent)
        return True

    # -- reading --------------------------------------------------------------------------
    def portfolios(self) -> tuple[PortfolioEntry, ...]:
        return tuple(self._portfolios)

    def row_of_portfolio(self, portfolio_id: int) -> int:
        return next((i for i, p in enumerate(self._portfolios) if p.id == portfolio_id), -1)

    def portfolio_index(self, portfolio_id: int) -> QModelIndex:
        row = self.row_of_portfolio(portfolio_id)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    def sheets_loaded(self, portfolio_id: int) -> bool:
        return portfolio_id in self._sheets

    def sheets_of(self, portfolio_id: int) -> tuple[SheetEntry, ...]:
        return self._sheets.get(portfolio_id, ())

    def sheet_index(self, sheet_id: int) -> QModelIndex:
        for row, portfolio in enumerate(self._portfolios):
            for child, sheet in enumerate(self._sheets.get(portfolio.id, ())):
                if sheet.id == sheet_id:
                    return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    def portfolio_of(self, index: Index) -> PortfolioEntry | None:
        """The folder of an index (itself, or the folder of a sheet)."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._portfolios[row] if 0 <= row < len(self._portfolios) else None

    def sheet_of(self, index: Index) -> SheetEntry | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        portfolio = self._portfolios[index.internalId() - 1]
        sheets = self._sheets.get(portfolio.id, ())
        return sheets[index.row()] if 0 <= index.row() < len(sheets) else None

    # -- the model ------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._portfolios) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        portfolio = self._portfolios[parent.row()]
        if row >= len(self._sheets.get(portfolio.id, ())):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._portfolios)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._sheets.get(self._portfolios[parent.row()].id, ()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._portfolios)
        if parent.internalId() != 0 or parent.column() != 0:
            return False
        portfolio = self._portfolios[parent.row()]
        if portfolio.id in self._sheets:
            return bool(self._sheets[portfolio.id])
        return portfolio.sheet_count + portfolio.retired_count > 0

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._folder_data(self._portfolios[index.row()], role)
        sheet = self.sheet_of(index)
        return self._sheet_data(sheet, role) if sheet is not None else None

    def _folder_data(self, entry: PortfolioEntry, role: int) -> Any:
        if role == DISPLAY:
            return entry.label if self._folder_label == "apprentice" else entry.period_label
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(QStyle.StandardPixmap.SP_DirIcon)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = (
                self.tr("Portfolio: %1 sheet(s), %2 completed, %3 not read by you")
                .replace("%1", str(entry.sheet_count))
                .replace("%2", str(entry.completed_count))
                .replace("%3", str(entry.unread_count))
            )
            if entry.retired_count:
                text += "\n" + self.tr("%1 retired sheet(s) kept with their content").replace(
                    "%1", str(entry.retired_count)
                )
            return text
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == UnreadCountRole:
            return entry.unread_count
        if role == KindRole:
            return "portfolio"
        if role == EntryRole:
            return entry
        return None

    def _sheet_data(self, entry: SheetEntry, role: int) -> Any:
        if role == DISPLAY:
            if entry.retired:
                return entry.label + " " + self.tr("[week retired from the period]")
            return entry.label
        if role == Qt.ItemDataRole.ForegroundRole:
            return sheet_foreground(entry)
        if role == Qt.ItemDataRole.FontRole and entry.retired:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxWarning
                if entry.retired
                else QStyle.StandardPixmap.SP_FileIcon
            )
            return _icon(pixmap)
        if role == Qt.ItemDataRole.ToolTipRole:
            return sheet_tooltip(entry)
        if role == KindRole:
            return "sheet"
        if role == EntryRole:
            return entry
        return None


def sheet_tooltip(entry: SheetEntry) -> str:
    """The sheet's title, its counts and its state, for a tooltip."""
    lines = [entry.title or QCoreApplication.translate("SheetTooltip", "(no title yet)")]
    lines.append(
        QCoreApplication.translate("SheetTooltip", "%1 attachment(s), %2 comment(s)")
        .replace("%1", str(entry.attachment_count))
        .replace("%2", str(entry.comment_count))
    )
    if entry.retired:
        lines.append(
            QCoreApplication.translate(
                "SheetTooltip", "Its week left the period: kept because it holds content."
            )
        )
    elif entry.unread:
        lines.append(
            QCoreApplication.translate(
                "SheetTooltip", "Created or changed by the apprentice since you last read it."
            )
        )
    return "\n".join(lines)


class SheetListModel(QAbstractListModel):
    """A portfolio's weekly sheets (page "Présentation des activités hebdomadaires")."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[SheetEntry, ...] = ()

    def set_rows(self, rows: Iterable[SheetEntry]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[SheetEntry, ...]:
        return self._rows

    def mark_read(self, sheet_id: int) -> None:
        """The reader has just read this sheet: its title turns black (no reading again)."""
        row = next((i for i, s in enumerate(self._rows) if s.id == sheet_id), -1)
        if row >= 0 and self._rows[row].unread:
            self._rows = (
                *self._rows[:row],
                replace(self._rows[row], unread=False),
                *self._rows[row + 1 :],
            )
            emit(self.dataChanged, self.index(row), self.index(row))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == DISPLAY:
            title = f" — {entry.title}" if entry.title else ""
            retired = " " + self.tr("[week retired from the period]") if entry.retired else ""
            return entry.label + title + retired
        if role == Qt.ItemDataRole.ForegroundRole:
            return sheet_foreground(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return sheet_tooltip(entry)
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(QStyle.StandardPixmap.SP_FileIcon)
        if role == EntryRole:
            return entry
        return None


class AttachmentTableModel(QAbstractTableModel):
    """The attachments of a sheet or a logbook: name, kind, size, who added it, when."""

    NAME, KIND, SIZE, ADDED_BY, ADDED_ON = range(5)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AttachmentEntry] = []

    def set_rows(self, rows: Iterable[AttachmentEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append(self, entry: AttachmentEntry) -> None:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(entry)
        self.endInsertRows()

    def remove(self, attachment_id: int) -> None:
        row = next((i for i, r in enumerate(self._rows) if r.id == attachment_id), -1)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rows(self) -> tuple[AttachmentEntry, ...]:
        return tuple(self._rows)

    def entry(self, row: int) -> AttachmentEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < 5:
            return (
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Size"),
                self.tr("Added by"),
                self.tr("Added on"),
            )[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            if column == self.NAME:
                return entry.name
            if column == self.KIND:
                return self.tr("File") if entry.is_file else self.tr("Web link")
            if column == self.SIZE:
                return entry.size_label
            if column == self.ADDED_BY:
                return entry.added_by_name
            if column == self.ADDED_ON:
                return format_date(entry.created_at)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return entry.url if entry.url else f"{entry.name} ({entry.media_type})"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.NAME and not entry.is_file:
            return COUNTER_BLUE
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return _icon(
                QStyle.StandardPixmap.SP_FileIcon
                if entry.is_file
                else QStyle.StandardPixmap.SP_DriveNetIcon
            )
        if role == EntryRole:
            return entry
        return None


class CommentListModel(QAbstractListModel):
    """The comments of a sheet, oldest first: "LEFEBVRE Thomas, le 13/07/2023" and the text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CommentEntry] = []

    def set_rows(self, rows: Sequence[CommentEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append(self, entry: CommentEntry) -> None:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(entry)
        self.endInsertRows()

    def replace(self, entry: CommentEntry) -> None:
        row = next((i for i, r in enumerate(self._rows) if r.id == entry.id), -1)
        if row >= 0:
            self._rows[row] = entry
            emit(self.dataChanged, self.index(row), self.index(row))

    def remove(self, comment_id: int) -> None:
        row = next((i for i, r in enumerate(self._rows) if r.id == comment_id), -1)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rows(self) -> tuple[CommentEntry, ...]:
        return tuple(self._rows)

    def entry(self, row: int) -> CommentEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == DISPLAY:
            heading = (
                self.tr("%1, on %2")
                .replace("%1", entry.author_name or self.tr("(former account)"))
                .replace("%2", format_date(entry.created_at))
            )
            if entry.updated_at > entry.created_at and entry.version > 1:
                heading += " " + self.tr("(edited on %1)").replace(
                    "%1", format_date(entry.updated_at)
                )
            return f"{heading}\n{entry.body}"
        if role == Qt.ItemDataRole.ToolTipRole and entry.is_mine:
            return self.tr("Your comment: you may edit or delete it.")
        if role == Qt.ItemDataRole.BackgroundRole and entry.is_mine:
            return QApplication.palette().alternateBase()
        if role == EntryRole:
            return entry
        return None
