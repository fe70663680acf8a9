"""The page "Annexes associées" of a sheet or a logbook: the attached files and web links.

The apprentice adds files (bounded in size: the service's French message says the limit)
and http(s) links, and deletes them; every reader saves a file to disk or opens a link in
his browser. Each action goes to the service at once (an attachment has no draft).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.files import write_bytes
from cpro_desktop.models.enums import MAX_ATTACHMENT_BYTES
from cpro_desktop.services.activities import (
    AttachmentEntry,
    add_file_from_path,
    add_url,
    check_url,
    delete_attachment,
    fetch_attachment,
)
from cpro_desktop.services.activities.labels import megabytes_label
from cpro_desktop.store.errors import CproError
from cpro_desktop.views import faults
from cpro_desktop.views.context import AppContext

from . import ask
from .models import AttachmentTableModel
from .signals import emit


class UrlDialog(QDialog):
    """A web link to attach: its address and an optional label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a web link"))
        self.setMinimumWidth(520)
        layout = QFormLayout(self)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://…")
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("optional: the address is shown otherwise"))
        layout.addRow(self.tr("Address:"), self.url_edit)
        layout.addRow(self.tr("Label:"), self.name_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.url_edit.text(), self.name_edit.text()


class AttachmentsPanel(QWidget):
    """The attachments table and its actions, for one sheet or one logbook."""

    count_changed = Signal(int)
    #: An attachment was added or deleted (the sheet is changed for its readers).
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.sheet_id: int | None = None
        self.logbook_id: int | None = None
        self.can_add = False
        self.model = AttachmentTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("attachments_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AttachmentTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (AttachmentTableModel.KIND, 90),
            (AttachmentTableModel.SIZE, 80),
            (AttachmentTableModel.ADDED_BY, 150),
            (AttachmentTableModel.ADDED_ON, 95),
        ):
            header.resizeSection(column, width)

        self.add_file_button = QPushButton(self.tr("Add a &file…"), self)
        self.add_url_button = QPushButton(self.tr("Add a &web link…"), self)
        self.save_button = QPushButton(self.tr("&Save to disk…"), self)
        self.open_button = QPushButton(self.tr("&Open the link"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.limit_label = QLabel(
            self.tr("Files of at most %1.").replace("%1", megabytes_label(MAX_ATTACHMENT_BYTES)),
            self,
        )
        self.limit_label.setStyleSheet("color: #555;")
        self.empty_label = QLabel(self.tr("No attachment."), self)
        self.empty_label.setStyleSheet("color: #555; font-style: italic;")

        buttons = QHBoxLayout()
        for button in (self.add_file_button, self.add_url_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.save_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addWidget(self.limit_label)

        self.add_file_button.clicked.connect(self.add_file)
        self.add_url_button.clicked.connect(self.add_link)
        self.save_button.clicked.connect(self.save_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- filling --------------------------------------------------------------------------
    def set_owner(
        self,
        entries: tuple[AttachmentEntry, ...],
        *,
        can_add: bool,
        sheet_id: int | None = None,
        logbook_id: int | None = None,
    ) -> None:
        self.sheet_id, self.logbook_id = sheet_id, logbook_id
        self.can_add = can_add and (sheet_id is not None or logbook_id is not None)
        self.model.set_rows(entries)
        self._after_change(notify=False)
        emit(self.count_changed, self.model.rowCount())

    def selected(self) -> AttachmentEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self, *_: object) -> None:
        entry = self.selected()
        self.add_file_button.setVisible(self.can_add)
        self.add_url_button.setVisible(self.can_add)
        self.limit_label.setVisible(self.can_add)
        self.delete_button.setVisible(self.can_add)
        self.delete_button.setEnabled(entry is not None)
        self.save_button.setEnabled(entry is not None and entry.is_file)
        self.open_button.setEnabled(entry is not None and not entry.is_file)

    def _after_change(self, notify: bool = True) -> None:
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._update_buttons()
        if notify:
            emit(self.count_changed, self.model.rowCount())
            emit(self.changed)

    def _owner(self) -> dict[str, int | None]:
        return {"sheet_id": self.sheet_id, "logbook_id": self.logbook_id}

    # -- actions --------------------------------------------------------------------------
    def add_file(self) -> None:
        path = ask.open_file(self, self.tr("Attach a file"))
        if not path:
            return
        try:
            entry = add_file_from_path(
                self.context.store, self.context.actor, path, **self._owner()
            )
        except CproError as exc:
            ask.show_error(self, self.tr("Attach a file"), str(exc))
            return
        self.model.append(entry)
        self._after_change()

    def add_link(self) -> None:
        dialog = UrlDialog(self)
        if ask.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        url, name = dialog.values()
        try:
            entry = add_url(self.context.store, self.context.actor, url, name=name, **self._owner())
        except CproError as exc:
            ask.show_error(self, self.tr("Add a web link"), str(exc))
            return
        self.model.append(entry)
        self._after_change()

    def save_selected(self) -> None:
        entry = self.selected()
        if entry is None or not entry.is_file:
            return
        title = self.tr("Save the attachment")
        target = ask.save_file(self, title, entry.name)
        if not target:
            return
        while True:
            try:
                attachment = fetch_attachment(self.context.store, self.context.actor, entry.id)
                write_bytes(target, attachment.data)
                return
            except (CproError, OSError) as exc:
                if not faults.retry_wanted(self, title, exc, ask.show_error):
                    return

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.url is None:
            return
        title = self.tr("Open the link")
        try:
            url = check_url(entry.url)
        except CproError as exc:
            ask.show_error(self, title, str(exc))
            return
        if not ask.open_url(url):
            ask.show_error(
                self, title, self.tr("No web browser opened the address %1.").replace("%1", url)
            )

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None or not self.can_add:
            return
        title = self.tr("Delete the attachment")
        if not ask.confirm(self, title, self.tr("Delete « %1 »?").replace("%1", entry.name)):
            return
        try:
            delete_attachment(self.context.store, self.context.actor, entry.id)
        except CproError as exc:
            ask.show_error(self, title, str(exc))
            return
        self.model.remove(entry.id)
        self._after_change()

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is None:
            return
        self.table.selectRow(index.row())
        if entry.is_file:
            self.save_selected()
        else:
            self.open_selected()
