"""The administration's modal questions and messages, in one place so that tests replace
them (a modal box would block a test)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question; True for yes."""
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes
