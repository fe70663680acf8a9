"""What the screens of module 1 share: item roles, the read-state colours, date conversions,
and how a service error reaches the user."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from cpro_desktop.store.errors import CproError
from cpro_desktop.views.badges import BADGE_GREEN as BADGE_GREEN
from cpro_desktop.views.badges import UnreadCountRole as UnreadCountRole

from .. import faults
from . import ask

T = TypeVar("T")

#: The snapshot object of a row (a PortfolioEntry, a SheetEntry, an AttachmentEntry…).
EntryRole = Qt.ItemDataRole.UserRole + 1
#: What a row of a mixed model is ("portfolio", "sheet", "area", "task"…).
KindRole = Qt.ItemDataRole.UserRole + 3

#: A sheet's title while the apprentice changed it since the reader last read it (seed: vert).
UNREAD_COLOUR = QColor(0, 128, 0)
#: A sheet's title once read (seed: noir).
READ_COLOUR = QColor(0, 0, 0)
#: A retired sheet (its week left the period; kept because it holds content).
RETIRED_COLOUR = QColor(120, 120, 120)
#: The blue of the attachments counter and of links.
COUNTER_BLUE = QColor(21, 101, 192)
READ_ONLY_BASE = QColor(241, 241, 241)


def set_read_only(edit: QLineEdit | QPlainTextEdit | QDateEdit, read_only: bool) -> None:
    """Read-only, and looking it (greyed, the text still selectable for copying)."""
    edit.setReadOnly(read_only)
    palette = edit.palette()
    base = READ_ONLY_BASE if read_only else QApplication.palette().color(QPalette.ColorRole.Base)
    palette.setColor(QPalette.ColorRole.Base, base)
    edit.setPalette(palette)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def html_text(text: str) -> str:
    """User text as HTML: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br>")


def run_service(parent: QWidget | None, title: str, call: Callable[[], T]) -> T | None:
    """Run a service call; a refused or failed one is told to the user (its French message)
    and gives None; a store fault offers to run it again (`faults.retry_wanted`)."""
    while True:
        try:
            return call()
        except CproError as exc:
            if not faults.retry_wanted(parent, title, exc, ask.show_error):
                return None
