"""The comments below a sheet: the tutor's and the trainer's remarks, for the apprentice and
the trainer. They add comments, and edit or delete their own; the apprentice reads them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services.activities import (
    CommentEntry,
    add_comment,
    delete_comment,
    edit_comment,
)
from cpro_desktop.store.errors import CproError
from cpro_desktop.views import faults
from cpro_desktop.views.context import AppContext

from . import ask
from .models import CommentListModel
from .signals import emit


class CommentsPanel(QWidget):
    """The list of comments, and the box to write one (for those who may)."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.sheet_id: int | None = None
        self.can_comment = False
        self._editing: CommentEntry | None = None
        self.model = CommentListModel(self)
        self.heading = QLabel(self)
        self.list_view = QListView(self)
        self.list_view.setObjectName("comments_list")
        self.list_view.setModel(self.model)
        self.list_view.setWordWrap(True)
        self.list_view.setSpacing(3)
        self.list_view.setAlternatingRowColors(False)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("comment_editor")
        self.editor.setPlaceholderText(
            self.tr("Your comment, for the apprentice and his referent trainer…")
        )
        self.editor.setMaximumHeight(70)
        self.add_button = QPushButton(self.tr("Add the &comment"), self)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.cancel_edit_button = QPushButton(self.tr("Cancel the edit"), self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.editor, 1)
        column = QVBoxLayout()
        for button in (self.add_button, self.cancel_edit_button):
            column.addWidget(button)
        column.addStretch(1)
        row.addLayout(column)
        layout.addLayout(row)
        own = QHBoxLayout()
        own.addStretch(1)
        own.addWidget(self.edit_button)
        own.addWidget(self.delete_button)
        layout.addLayout(own)

        self.add_button.clicked.connect(self.submit)
        self.edit_button.clicked.connect(self.start_edit)
        self.delete_button.clicked.connect(self.delete_selected)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.editor.textChanged.connect(self._update_buttons)
        self.list_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_sheet(
        self, sheet_id: int, comments: tuple[CommentEntry, ...], can_comment: bool
    ) -> None:
        self.sheet_id = sheet_id
        self.can_comment = can_comment
        self.model.set_rows(comments)
        self._editing = None
        self.editor.clear()
        self._update_heading()
        for widget in (self.editor, self.add_button):
            widget.setVisible(can_comment)
        self._update_buttons()

    def _update_heading(self) -> None:
        count = self.model.rowCount()
        self.heading.setText(
            "<b>" + self.tr("Comments (%1)").replace("%1", str(count)) + "</b>"
            if count
            else "<b>" + self.tr("Comments") + "</b> — " + self.tr("none yet")
        )

    def selected(self) -> CommentEntry | None:
        rows = self.list_view.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.list_view.setCurrentIndex(self.model.index(row))

    def has_draft(self) -> bool:
        """Typed and not added yet."""
        return bool(self.editor.toPlainText().strip())

    def _update_buttons(self, *_: object) -> None:
        entry = self.selected()
        mine = self.can_comment and entry is not None and entry.is_mine
        self.edit_button.setVisible(self.can_comment)
        self.delete_button.setVisible(self.can_comment)
        self.edit_button.setEnabled(mine and self._editing is None)
        self.delete_button.setEnabled(mine and self._editing is None)
        self.add_button.setEnabled(self.has_draft())
        self.add_button.setText(
            self.tr("Save the &change") if self._editing else self.tr("Add the &comment")
        )
        self.cancel_edit_button.setVisible(self._editing is not None)

    # -- actions --------------------------------------------------------------------------
    def submit(self) -> None:
        if self.sheet_id is None or not self.has_draft():
            return
        body = self.editor.toPlainText()
        title = self.tr("Comment")
        try:
            if self._editing is None:
                entry = add_comment(self.context.store, self.context.actor, self.sheet_id, body)
                self.model.append(entry)
            else:
                entry = edit_comment(
                    self.context.store,
                    self.context.actor,
                    self._editing.id,
                    body,
                    version=self._editing.version,
                )
                self.model.replace(entry)
        except CproError as exc:
            if faults.retry_wanted(self, title, exc, ask.show_error):
                self.submit()
            return
        self._editing = None
        self.editor.clear()
        self._update_heading()
        self._update_buttons()
        emit(self.changed)

    def start_edit(self) -> None:
        entry = self.selected()
        if entry is None or not entry.is_mine:
            return
        self._editing = entry
        self.editor.setPlainText(entry.body)
        self.editor.setFocus()
        self._update_buttons()

    def cancel_edit(self) -> None:
        self._editing = None
        self.editor.clear()
        self._update_buttons()

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None or not entry.is_mine:
            return
        title = self.tr("Delete the comment")
        if not ask.confirm(self, title, self.tr("Delete your comment?")):
            return
        try:
            delete_comment(self.context.store, self.context.actor, entry.id, version=entry.version)
        except CproError as exc:
            ask.show_error(self, title, str(exc))
            return
        self.model.remove(entry.id)
        self._update_heading()
        self._update_buttons()
        emit(self.changed)
