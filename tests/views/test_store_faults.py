"""A store fault during a user action (issue 13): the server drops, the store is locked,
read-only or full. The user gets a French dialog with *Réessayer* and *Annuler*; what he
typed stays in the editor whatever he answers; *Réessayer* once the store is back saves it.

The server's drop is injected under the engine (the driver raises what psycopg raises when
the server has gone), so the store's own fault handling runs; the real PostgreSQL restart
is in tests/store/test_server_restart.py.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from sqlalchemy import event, select

from cpro_desktop import models as m
from cpro_desktop.config import Settings
from cpro_desktop.models.enums import ReviewStatus
from cpro_desktop.services import activities as act
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store, StoreUnavailable
from cpro_desktop.views import ask, faults
from cpro_desktop.views.activities import ActivitiesPage
from cpro_desktop.views.activities import ask as activities_ask
from cpro_desktop.views.activities.sheet_dialog import SheetTab
from cpro_desktop.views.booklet import BookletPage
from cpro_desktop.views.booklet import ask as booklet_ask
from cpro_desktop.views.context import AppContext, ApprenticeSelection
from cpro_desktop.views.reviews import CompanyReviewPage
from cpro_desktop.views.reviews import ask as review_ask
from tests.store.test_faults import damage, read_only_url, store_file

LEFT = Qt.MouseButton.LeftButton
FINDINGS = "Constat tapé pendant la coupure du serveur."
ADVICE = "Conseil tapé pendant la coupure."


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the fault handling under them runs on both backends."""
    return "sqlite"


class Outage:
    """The store's server, as the application sees it: while `down`, every statement fails
    with the driver's "server closed the connection unexpectedly"."""

    def __init__(self, store: Store) -> None:
        self.down = False
        event.listen(store.engine, "before_cursor_execute", self._statement)

    def _statement(self, *_: object) -> None:
        if self.down:
            raise sqlite3.OperationalError(
                "server closed the connection unexpectedly\n"
                "\tThis probably means the server terminated abnormally"
            )


@pytest.fixture
def outage(demo_store: Store) -> Outage:
    return Outage(demo_store)


class Dialogs:
    """The *Réessayer / Annuler* dialog replaced: records each message, answers with
    `answers` (a callable run when asked, returning True for *Réessayer*)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.answers: list[Callable[[], bool]] = []

    def __call__(self, _parent: object, title: str, message: str) -> bool:
        self.messages.append((title, message))
        return self.answers.pop(0)() if self.answers else False


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dialogs]:
    recorded = Dialogs()
    monkeypatch.setattr(ask, "store_unavailable", recorded)
    monkeypatch.setattr(review_ask, "show_error", lambda *a: pytest.fail(f"error box {a}"))
    monkeypatch.setattr(activities_ask, "show_error", lambda *a: pytest.fail(f"error box {a}"))
    yield recorded


def mina_id(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def company_page(qtbot, store: Store) -> CompanyReviewPage:
    """The tutor's company review page on Mina (his resumed demo draft in `page.form`)."""
    context = AppContext(
        store, authenticate(store, "tuteur", "cpro-demo"), Settings(), ApprenticeSelection()
    )
    page = CompanyReviewPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    context.selection.set(mina_id(store))
    return page


def stored_draft_texts(store: Store) -> list[tuple[str, str]]:
    with store.read() as session:
        return [
            (r.findings, r.advice)
            for r in session.scalars(
                select(m.CompetenceReview).where(
                    m.CompetenceReview.apprentice_id == mina_id(store),
                    m.CompetenceReview.status == ReviewStatus.DRAFT,
                )
            )
        ]


def test_review_form_keeps_the_text_and_retry_saves_it_when_the_server_is_back(
    qtbot, demo_store: Store, outage: Outage, dialogs: Dialogs
) -> None:
    """Server down, the tutor saves: « Le serveur est injoignable… » with Réessayer and
    Annuler. Annuler: his text is still in the form, unsaved. Saved again, the server comes
    back while the dialog is open: Réessayer saves exactly what he typed."""
    page = company_page(qtbot, demo_store)
    form = page.form
    form.findings_edit.setPlainText(FINDINGS)
    form.advice_edit.setPlainText(ADVICE)
    before = stored_draft_texts(demo_store)

    outage.down = True
    qtbot.mouseClick(form.save_button, LEFT)
    assert len(dialogs.messages) == 1
    title, message = dialogs.messages[0]
    assert title == "Enregistrement du bilan"
    assert message.startswith("Le serveur est injoignable")
    assert "Rien n'a été enregistré" in message
    assert (form.findings_edit.toPlainText(), form.advice_edit.toPlainText()) == (FINDINGS, ADVICE)
    assert form.dirty

    def server_back() -> bool:
        outage.down = False
        return True

    outage.down = True
    dialogs.answers.append(server_back)
    qtbot.mouseClick(form.save_button, LEFT)
    assert len(dialogs.messages) == 2
    assert (FINDINGS, ADVICE) in stored_draft_texts(demo_store)
    assert stored_draft_texts(demo_store) != before
    assert (form.findings_edit.toPlainText(), form.advice_edit.toPlainText()) == (FINDINGS, ADVICE)
    assert not form.dirty


def test_sheet_editor_keeps_the_text_through_a_dropped_server(
    qtbot, demo_store: Store, outage: Outage, dialogs: Dialogs
) -> None:
    """The apprentice's activity sheet: the server drops at save, he cancels, the text stays
    in the sheet; he saves again and retries once it is back: stored."""
    actor = authenticate(demo_store, "apprenti", "cpro-demo")
    context = AppContext(demo_store, actor, Settings(tile_server_url=""), ApprenticeSelection())
    page = ActivitiesPage(context)
    qtbot.addWidget(page)
    page.show()
    context.selection.set(mina_id(demo_store))
    page.tabs.setCurrentWidget(page.apprentices_tab)
    browser = page.apprentices_tab.browser
    browser.expand_all()
    portfolio = next(p for p in browser.model.portfolios() if p.period_name == "Test annexe 1MELEC")
    sheet = next(s for s in browser.model.sheets_of(portfolio.id) if s.iso_week == 27)
    browser.tree.setCurrentIndex(browser.model.sheet_index(sheet.id))
    qtbot.mouseClick(browser.view_sheet_button, LEFT)
    dialog = browser.sheet_dialog
    assert dialog is not None
    dialog.tabs.setCurrentIndex(SheetTab.DESCRIPTION)
    text = "Description écrite pendant que le serveur redémarrait."
    dialog.description_edit.setPlainText(text)

    outage.down = True
    assert dialog.save() is False
    assert dialogs.messages[0][1].startswith("Le serveur est injoignable")
    assert dialog.description_edit.toPlainText() == text and dialog.is_dirty()

    dialogs.answers.append(lambda: not setattr(outage, "down", False))
    assert dialog.save() is True
    tutor = authenticate(demo_store, "tuteur", "cpro-demo")
    assert act.open_sheet(demo_store, tutor, dialog.sheet_id).texts.description == text


def test_a_call_that_failed_on_a_connection_from_before_a_restart_runs_again_unasked(
    qtbot, demo_store: Store, dialogs: Dialogs
) -> None:
    """A `retry_safe` fault (a pooled connection from before a server restart, nothing
    committed) is retried at once, without a dialog; the next fault is asked about."""
    page = company_page(qtbot, demo_store)
    form = page.form
    stale = StoreUnavailable("Le serveur est injoignable.", connection_lost=True, retry_safe=True)
    assert faults.retry_wanted(form, "Enregistrement", stale) is True
    assert dialogs.messages == []
    fresh = StoreUnavailable("Le serveur est injoignable.", connection_lost=True)
    assert faults.retry_wanted(form, "Enregistrement", fresh) is False
    assert dialogs.messages == [("Enregistrement", "Le serveur est injoignable.")]


def test_a_save_cut_while_committing_is_told_not_retried(qtbot, monkeypatch) -> None:
    """A connection lost while committing may have saved: the message says to reload and
    check, and no Réessayer is offered (a comment is never saved twice)."""
    shown: list[str] = []
    monkeypatch.setattr(ask, "store_unavailable", lambda *a: pytest.fail("Réessayer offered"))
    uncertain = StoreUnavailable("… il a pu aboutir ou non …", outcome_unknown=True)
    assert not faults.retry_wanted(None, "Commentaire", uncertain, lambda p, t, m: shown.append(m))
    assert shown == ["… il a pu aboutir ou non …"]


def test_the_dialog_speaks_french_and_retry_means_true(qtbot) -> None:
    """The real dialog: the message, « Ce que vous avez saisi est conservé », and the
    buttons Réessayer / Annuler; Réessayer gives True, Annuler False."""
    seen: list[tuple[str, str, list[str]]] = []

    def click(label: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        buttons = [b.text() for b in box.findChildren(QPushButton)]
        seen.append((box.text(), box.informativeText(), buttons))
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(0, lambda: click("Réessayer"))
    assert ask.store_unavailable(None, "Enregistrement", "Le serveur est injoignable.") is True
    QTimer.singleShot(0, lambda: click("Annuler"))
    assert ask.store_unavailable(None, "Enregistrement", "Le serveur est injoignable.") is False
    text, informative, buttons = seen[0]
    assert text == "Le serveur est injoignable."
    assert informative.startswith("Ce que vous avez saisi est conservé")
    assert set(buttons) == {"Réessayer", "Annuler"}


def test_a_read_only_store_keeps_the_typed_text(qtbot, demo_url: str, dialogs: Dialogs) -> None:
    """The store file turned read-only under the tutor: saving tells him so in French, with
    Réessayer / Annuler, and his text stays in the form."""
    path = store_file(demo_url)
    with Store.open(demo_url) as writable:
        actor = authenticate(writable, "tuteur", "cpro-demo")  # signing in writes
    try:
        with Store.open(read_only_url(path)) as store:
            context = AppContext(store, actor, Settings(), ApprenticeSelection())
            page = CompanyReviewPage(context)
            qtbot.addWidget(page)
            page.show()
            context.selection.set(mina_id(store))
            form = page.form
            form.findings_edit.setPlainText(FINDINGS)
            assert form.save() is False
            ((_title, message),) = dialogs.messages
            assert message.startswith("La base est en lecture seule")
            assert form.findings_edit.toPlainText() == FINDINGS and form.dirty
            form.dirty = False  # leaving the page would try to save again
            page.close()
    finally:
        path.chmod(0o600)


def test_a_full_disk_during_a_booklet_print_is_told_in_french(
    qtbot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Save as PDF…" on a full disk: a French message, no PDF and no `.part` file."""
    from cpro_desktop.reports import booklet as report

    def render(document: object, target: Path) -> int:
        Path(target).write_bytes(b"%PDF-1.4 moitie")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(report, "render_booklet", render)
    errors: list[str] = []
    monkeypatch.setattr(booklet_ask, "show_error", lambda _parent, message: errors.append(message))
    target = tmp_path / "sortie" / "livret.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(booklet_ask, "choose_pdf_file", lambda parent, name: str(target))
    actor = authenticate(demo_store, "apprenti", "cpro-demo")
    selection = ApprenticeSelection()
    page = BookletPage(AppContext(demo_store, actor, Settings(), selection))
    qtbot.addWidget(page)
    selection.set(mina_id(demo_store))
    qtbot.mouseClick(page.save_pdf_button, LEFT)
    assert errors == [
        f"Impossible d'écrire « {target} » : le disque est plein. Rien n'a été écrit."
    ]
    assert list(target.parent.iterdir()) == []


def test_a_damaged_store_is_refused_at_start_in_french(
    qapp, demo_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The application started on a store damaged in the middle: a French message (and on
    stderr), the settings offered, exit code 2 when they are cancelled."""
    from PySide6.QtWidgets import QDialog

    from cpro_desktop.views import app as app_module
    from cpro_desktop.views.app import AppController

    damage(store_file(demo_url))
    shown: list[str] = []
    monkeypatch.setattr(app_module.ask, "show_error", lambda _p, _t, text: shown.append(text))
    controller = AppController(qapp, demo_url, runner=lambda d: QDialog.DialogCode.Rejected)
    assert not controller.start()
    assert controller.exit_code == 2
    assert "est endommagé" in shown[0] and "sauvegarde" in shown[0]
    assert "est endommagé" in capsys.readouterr().err
