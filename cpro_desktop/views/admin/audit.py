"""The "Journal d'audit" tab: who exported, erased or printed whose data, and who changed
which account or its rights, newest first, filtered by days, action and text.

The rows come from `services.audit.list_events()` (the administrator's read); the table
model only adapts that snapshot. The trail is read-only: there is nothing to edit here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from cpro_desktop.services import audit as service
from cpro_desktop.services.audit import AuditAction, AuditFilters, AuditRow
from cpro_desktop.views.admin.common import (
    AdminTab,
    SnapshotTableModel,
    date_edit,
    date_value,
)
from cpro_desktop.views.context import AppContext


def action_label(code: str) -> str:
    """An action in the user's language; a code from a newer version shows as it is."""
    labels = {
        AuditAction.RECORD_EXPORT: QCoreApplication.translate("AuditActions", "Record export"),
        AuditAction.ERASURE: QCoreApplication.translate("AuditActions", "Erasure"),
        AuditAction.PRINT_BOOKLET: QCoreApplication.translate("AuditActions", "Booklet printed"),
        AuditAction.PRINT_REVIEWS: QCoreApplication.translate("AuditActions", "Reviews printed"),
        AuditAction.PRINT_LOGBOOK: QCoreApplication.translate("AuditActions", "Logbook printed"),
        AuditAction.PRINT_DASHBOARD: QCoreApplication.translate(
            "AuditActions", "Dashboard printed or exported"
        ),
        AuditAction.ACCOUNT_CREATE: QCoreApplication.translate("AuditActions", "Account created"),
        AuditAction.ACCOUNT_UPDATE: QCoreApplication.translate("AuditActions", "Account changed"),
        AuditAction.ACCOUNT_ROLE_CHANGE: QCoreApplication.translate("AuditActions", "Role changed"),
        AuditAction.ACCOUNT_DEACTIVATE: QCoreApplication.translate(
            "AuditActions", "Account deactivated"
        ),
        AuditAction.ACCOUNT_REACTIVATE: QCoreApplication.translate(
            "AuditActions", "Account reactivated"
        ),
        AuditAction.PASSWORD_RESET: QCoreApplication.translate("AuditActions", "Password reset"),
        AuditAction.PASSWORD_CHANGE: QCoreApplication.translate("AuditActions", "Password changed"),
        AuditAction.RIGHTS_CHANGE: QCoreApplication.translate("AuditActions", "Rights changed"),
    }
    return labels.get(code, code)  # type: ignore[call-overload]


def format_instant(value: datetime) -> str:
    """An instant in the workstation's time zone, as French users read it."""
    return value.astimezone().strftime("%d/%m/%Y %H:%M:%S")


class AuditTableModel(SnapshotTableModel):
    """The trail: when, who, what, about whom, detail."""

    WHEN, ACTOR, ACTION, SUBJECT, DETAIL = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("About"),
                self.tr("Detail"),
            ],
            parent,
        )

    def display(self, row: AuditRow, column: int) -> str:
        if column == self.WHEN:
            return format_instant(row.occurred_at)
        if column == self.ACTOR:
            return row.actor_label
        if column == self.ACTION:
            return action_label(row.action)
        if column == self.SUBJECT:
            return row.subject
        if column == self.DETAIL:
            return row.detail
        return ""

    def sort_key(self, row: AuditRow, column: int) -> Any:
        if column == self.WHEN:
            # Instants of one second keep their order of writing.
            return f"{row.occurred_at.astimezone(UTC).isoformat()}#{row.id:012d}"
        return self.display(row, column).lower()

    def tooltip(self, row: AuditRow, column: int) -> str:
        if column == self.WHEN:
            return self.tr("%1 (UTC)").replace(
                "%1", row.occurred_at.astimezone(UTC).strftime("%d/%m/%Y %H:%M:%S")
            )
        return self.display(row, column)


class AuditTab(AdminTab):
    """The audit trail with its filters; at most `service.DEFAULT_LIMIT` rows, the newest."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, AuditTableModel(), parent)
        # The trail is filtered by the service (it may be long), not in memory.
        self.search.hide()
        self.start_edit = date_edit(self, optional=True)
        self.start_edit.setObjectName("audit_start")
        self.end_edit = date_edit(self, optional=True)
        self.end_edit.setObjectName("audit_end")
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("audit_action")
        self.action_combo.addItem(self.tr("All actions"), None)
        for action in AuditAction:
            self.action_combo.addItem(action_label(action), action.value)
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("audit_text")
        self.text_edit.setPlaceholderText(self.tr("Person, subject or detail…"))
        self.text_edit.setClearButtonEnabled(True)
        self.filter_button = QPushButton(self.tr("Filter"), self)
        self.filter_button.setObjectName("audit_filter")
        self.limit_label = QLabel("", self)
        self.limit_label.setObjectName("audit_limit")

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("From:"), self))
        filters.addWidget(self.start_edit)
        filters.addWidget(QLabel(self.tr("To:"), self))
        filters.addWidget(self.end_edit)
        filters.addWidget(self.action_combo)
        filters.addWidget(self.text_edit, 1)
        filters.addWidget(self.filter_button)
        layout = self.layout()
        layout.insertLayout(0, filters)  # type: ignore[attr-defined]
        layout.insertWidget(3, self.limit_label)  # type: ignore[attr-defined]

        self.start_edit.dateChanged.connect(lambda _date: self.refresh())
        self.end_edit.dateChanged.connect(lambda _date: self.refresh())
        self.action_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.text_edit.returnPressed.connect(self.refresh)
        self.filter_button.clicked.connect(lambda _checked=False: self.refresh())
        self.finish_buttons()
        self.set_column_widths([140, 200, 190, 220, None])

    def filters(self) -> AuditFilters:
        """What the filter row asks for."""
        return AuditFilters(
            start=date_value(self.start_edit),
            end=date_value(self.end_edit),
            action=self.action_combo.currentData(),
            text=self.text_edit.text(),
        )

    def load(self) -> tuple[AuditRow, ...]:
        return service.list_events(self.context.store, self.context.actor, self.filters())

    def refresh(self) -> bool:
        loaded = super().refresh()
        full = loaded and self.model.rowCount() >= service.DEFAULT_LIMIT
        self.limit_label.setText(
            self.tr(
                "Only the %1 most recent rows are shown: narrow the filters to see older ones."
            ).replace("%1", str(service.DEFAULT_LIMIT))
            if full
            else ""
        )
        return loaded
