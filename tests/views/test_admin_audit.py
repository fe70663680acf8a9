"""The "Journal d'audit" tab: its table model (qtmodeltester, French cells in the user's time
zone) and the tab listing what the services wrote, narrowed by its filters."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from cpro_desktop.config import Settings
from cpro_desktop.models.enums import Role
from cpro_desktop.services import admin, audit, printing
from cpro_desktop.services.admin import AccountInput
from cpro_desktop.services.audit import AuditRow
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store
from cpro_desktop.views.admin import AdministrationPage
from cpro_desktop.views.admin.audit import AuditTableModel
from cpro_desktop.views.admin.common import SORT_ROLE
from cpro_desktop.views.context import AppContext, ApprenticeSelection

PASSWORD = "cpro-demo"


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the service under them is tested on both backends."""
    return "sqlite"


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The workstation is in France (UTC+1 in winter)."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def row(row_id: int, action: str, hour: int, **fields) -> AuditRow:
    values = {
        "actor_account_id": 1,
        "actor_login": "admin",
        "actor_name": "MOREAU Catherine",
        "apprentice_id": None,
        "account_id": 9,
        "subject": "LEGRAND Julie (jlegrand)",
        "detail": "",
    }
    values.update(fields)
    return AuditRow(row_id, datetime(2026, 3, 1, hour, 30, 5, tzinfo=UTC), action, **values)


def test_model_cells_in_french_and_local_time(qtbot, qtmodeltester, paris) -> None:
    """When (local time), who (name and login), the action in French (an unknown code as it
    is), about whom, the detail; the instant sorts by its UTC value."""
    model = AuditTableModel()
    qtmodeltester.check(model)
    model.set_rows(
        [
            row(2, "account_role_change", 9, detail="Rôle : Formateur → Administrateur"),
            row(1, "some_future_action", 23, actor_name="", actor_login="robot"),
        ]
    )
    qtmodeltester.check(model)
    cells = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert cells == [
        ["01/03/2026 10:30:05", "MOREAU Catherine (admin)", "Changement de rôle",
         "LEGRAND Julie (jlegrand)", "Rôle : Formateur → Administrateur"],
        ["02/03/2026 00:30:05", "robot", "some_future_action", "LEGRAND Julie (jlegrand)", ""],
    ]  # fmt: skip
    assert model.index(0, model.WHEN).data(Qt.ItemDataRole.ToolTipRole) == (
        "01/03/2026 09:30:05 (temps universel)"
    )
    assert model.index(0, model.WHEN).data(SORT_ROLE) < model.index(1, model.WHEN).data(SORT_ROLE)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Date et heure"


def open_audit_tab(qtbot, store: Store) -> AdministrationPage:
    boss = authenticate(store, "admin", PASSWORD)
    page = AdministrationPage(AppContext(store, boss, Settings(), ApprenticeSelection()))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.tab_widget.setCurrentWidget(page.audit)
    return page


def test_the_tab_lists_the_trail_and_filters_it(qtbot, qtmodeltester, demo_store: Store) -> None:
    """After an account is created and its password reset, and Mina's booklet printed, the
    tab lists the three rows newest first; the action list, the text (with Enter) and the
    days narrow them."""
    boss = authenticate(demo_store, "admin", PASSWORD)
    julie = admin.create_account(
        demo_store, boss, AccountInput("jlegrand", "Legrand", "Julie", Role.TRAINER), "secret-123"
    )
    admin.reset_account_password(demo_store, boss, julie.id, "nouveau-secret")
    mina = next(a for a in admin.list_apprentices(demo_store, boss) if a.last_name == "AZZOUG")
    printing.booklet_document(demo_store, authenticate(demo_store, "parent", PASSWORD), mina.id)

    page = open_audit_tab(qtbot, demo_store)
    tab = page.audit
    assert page.tab_widget.tabText(page.tab_widget.indexOf(tab)) == "Journal d'audit"
    model = tab.model
    qtmodeltester.check(model)

    def shown(column: int) -> list[str]:
        return [tab.proxy.index(r, column).data() for r in range(tab.proxy.rowCount())]

    assert shown(AuditTableModel.ACTION) == [
        "Impression du livret",
        "Réinitialisation du mot de passe",
        "Création de compte",
    ]
    assert shown(AuditTableModel.ACTOR) == [
        "AZZOUG Karim (parent)",
        "MOREAU Catherine (admin)",
        "MOREAU Catherine (admin)",
    ]
    assert shown(AuditTableModel.SUBJECT)[0] == "AZZOUG Mina (1MELEC)"
    assert tab.count_label.text() == "3 ligne(s)"

    tab.action_combo.setCurrentIndex(tab.action_combo.findData("password_reset"))
    assert shown(AuditTableModel.SUBJECT) == ["LEGRAND Julie (jlegrand)"]

    tab.action_combo.setCurrentIndex(0)
    tab.text_edit.setText("azzoug")
    qtbot.keyClick(tab.text_edit, Qt.Key.Key_Return)
    assert shown(AuditTableModel.ACTION) == ["Impression du livret"]

    tab.text_edit.clear()
    yesterday = date.today() - timedelta(days=1)
    tab.end_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    assert shown(AuditTableModel.ACTION) == []
    tab.end_edit.setDate(QDate(1900, 1, 1))  # "—": no last day
    today = date.today()
    tab.start_edit.setDate(QDate(today.year, today.month, today.day))
    assert len(shown(AuditTableModel.ACTION)) == 3
    assert tab.message.text() == "" and tab.limit_label.text() == ""


def test_a_deactivated_administrator_sees_the_refusal(qtbot, demo_store: Store) -> None:
    """The service's refusal shows in the tab's message, with no row."""
    page = open_audit_tab(qtbot, demo_store)
    admin.create_account(
        demo_store, page.context.actor, AccountInput("admin2", "Blanc", "Paul", Role.ADMIN),
        "secret-123",
    )  # fmt: skip
    other = authenticate(demo_store, "admin2", "secret-123")
    me = next(a for a in admin.list_accounts(demo_store, other) if a.login == "admin")
    admin.deactivate_account(demo_store, other, me.id, me.version)
    assert not page.audit.refresh()
    assert "désactivé" in page.audit.message.text()
    assert [r.action for r in audit.list_events(demo_store, other)] == [
        "account_deactivate",
        "account_create",
    ]
