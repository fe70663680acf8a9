"""A wait cursor while the GUI thread does something long (an import, an export, a PDF)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """Show the wait cursor for the duration of the block; restored however it ends, so a
    message box shown after it gets the normal cursor."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
