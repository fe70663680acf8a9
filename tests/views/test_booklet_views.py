"""The booklet page as each user meets it: parts read-only or editable per role, a section
saved with "modifié par", visits planned then reported, printing one booklet, and printing
a class with a progress dialog that can be cancelled."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.config import Settings
from cpro_desktop.models.enums import BookletSectionKind
from cpro_desktop.services import printing
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import PermissionDenied, Store
from cpro_desktop.views.booklet import BookletPage, ask
from cpro_desktop.views.booklet.dialogs import ClassPrintChoice, VisitInput
from cpro_desktop.views.booklet.models import (
    CalendarModel,
    ContactsModel,
    DocumentsModel,
    InterviewsModel,
    SynthesesModel,
    VisitsModel,
)
from cpro_desktop.views.context import AppContext, ApprenticeSelection

K = BookletSectionKind


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


def apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == last_name))


def open_page(qtbot, store: Store, login: str, last_name: str = "AZZOUG") -> BookletPage:
    actor = authenticate(store, login, "cpro-demo")
    selection = ApprenticeSelection()
    page = BookletPage(AppContext(store, actor, Settings(), selection))
    qtbot.addWidget(page)
    selection.set(apprentice_id(store, last_name))
    return page


@pytest.mark.parametrize(
    ("login", "editable"),
    [
        ("formateur", {K.ENTRY_POSITIONING, K.TEAM_OPINION, K.PROGRESSION_CENTRE}),
        ("tuteur", {K.PROGRESSION_COMPANY}),
        ("apprenti", {K.TRAINING_REVIEW, K.ORIENTATION_PROJECT}),
        ("parent", set()),
    ],
)
def test_parts_are_read_only_except_ones_own(qtbot, demo_store: Store, login, editable) -> None:
    """Each role edits only its own sections; interviews and visits are the trainer's."""
    page = open_page(qtbot, demo_store, login)
    for kind, editor in page.section_editors.items():
        assert editor.editor.isReadOnly() == (kind not in editable), kind
        assert (not editor.save_button.isHidden()) == (kind in editable), kind
    trainer = login == "formateur"
    assert (not page.plan_visit_button.isHidden()) == trainer
    assert (not page.add_interview_button.isHidden()) == trainer
    assert (not page.add_document_button.isHidden()) == trainer
    assert (not page.add_company_synthesis_button.isHidden()) == (login == "tuteur")
    assert page.section_editors[K.ENTRY_POSITIONING].changed_label.text() == (
        "modifié par DURAND Sophie le 20/09/2021"
    )
    assert page.tabs.tabText(0) == "Livret d'accueil"
    assert page.tabs.tabText(1) == "Livret de suivi"


def test_trainer_saves_a_section_and_sees_who_changed_it(qtbot, demo_store: Store) -> None:
    """Typing then Save records the text and shows "modifié par DURAND Sophie le …"."""
    from datetime import date

    page = open_page(qtbot, demo_store, "formateur")
    editor = page.section_editors[K.TEAM_OPINION]
    editor.editor.setPlainText("Avis mis à jour après le conseil de classe.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    today = date.today().strftime("%d/%m/%Y")
    assert editor.changed_label.text() == f"modifié par DURAND Sophie le {today}"
    again = open_page(qtbot, demo_store, "tuteur")
    section = again.section_editors[K.TEAM_OPINION]
    assert section.editor.toPlainText() == "Avis mis à jour après le conseil de classe."
    assert section.changed_label.text() == f"modifié par DURAND Sophie le {today}"


def test_trainer_plans_then_reports_a_visit(qtbot, demo_store: Store, monkeypatch) -> None:
    """Plan a visit, select it, report it: the table shows it held, with its report."""
    from datetime import date

    page = open_page(qtbot, demo_store, "formateur")
    answers = iter(
        [
            VisitInput(date(2024, 5, 14), None, "Sophie DURAND, Thomas LEFEBVRE"),
            VisitInput(date(2024, 5, 14), date(2024, 5, 15), "Sophie DURAND", "Bon travail."),
        ]
    )
    monkeypatch.setattr(ask, "edit_visit", lambda parent, initial, report: next(answers))
    before = page.visits_model.rowCount()
    qtbot.mouseClick(page.plan_visit_button, Qt.MouseButton.LeftButton)
    assert page.visits_model.rowCount() == before + 1
    row = next(
        r
        for r in range(page.visits_model.rowCount())
        if page.visits_model.row_at(r).planned_on == date(2024, 5, 14)
    )
    assert page.visits_model.index(row, VisitsModel.STATUS).data() == "Prévue le 14/05/2024"
    page.visits_box.view.selectRow(row)
    assert page.report_visit_button.isEnabled()
    qtbot.mouseClick(page.report_visit_button, Qt.MouseButton.LeftButton)
    row = next(
        r
        for r in range(page.visits_model.rowCount())
        if page.visits_model.row_at(r).planned_on == date(2024, 5, 14)
    )
    assert page.visits_model.index(row, VisitsModel.STATUS).data() == "Réalisée le 15/05/2024"
    assert page.visits_model.index(row, VisitsModel.REPORT).data() == "Bon travail."


def test_models_pass_the_model_tester(qtbot, qtmodeltester, demo_store: Store) -> None:
    """Every table model of the page is a well-behaved Qt model, filled from the demo."""
    page = open_page(qtbot, demo_store, "formateur")
    for model in (
        page.contacts_model,
        page.calendar_model,
        page.documents_model,
        page.syntheses_model,
        page.interviews_model,
        page.visits_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    assert page.contacts_model.index(1, ContactsModel.NAME).data() == "LEFEBVRE Thomas"
    assert page.calendar_model.index(0, CalendarModel.START).data() == "05/09/2022"
    assert page.documents_model.headerData(DocumentsModel.NAME, Qt.Orientation.Horizontal)
    assert page.syntheses_model.index(0, SynthesesModel.AUTHOR).data() == "LEFEBVRE Thomas"
    assert page.interviews_model.index(0, InterviewsModel.DATE).data() == "29/11/2022"


def test_save_booklet_as_pdf(qtbot, demo_store: Store, tmp_path, monkeypatch) -> None:
    """ "Save as PDF…" writes the current apprentice's booklet where the user chose."""
    page = open_page(qtbot, demo_store, "apprenti")
    target = tmp_path / "mon livret"
    suggested: list[str] = []
    # The save dialog adds ".pdf" to the bare name the user typed.
    monkeypatch.setattr(
        ask, "choose_pdf_file", lambda parent, name: suggested.append(name) or f"{target}.pdf"
    )
    messages: list[str] = []
    monkeypatch.setattr(ask, "show_message", lambda parent, title, text: messages.append(text))
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    assert suggested == ["Livret d'apprentissage - 1MELEC - AZZOUG Mina.pdf"]
    assert Path(f"{target}.pdf").stat().st_size > 10_000
    assert "pages" in messages[0]
    assert page.class_button.isHidden()  # an apprentice prints only his own


def test_tutor_is_offered_only_his_apprentices(qtbot, demo_store: Store, monkeypatch) -> None:
    """The tutor's class printing lists only the apprentices he tutors; the service refuses
    another tutor's apprentice anyway, and his booklet does not even open."""
    page = open_page(qtbot, demo_store, "tuteur")
    offered: list[tuple] = []
    monkeypatch.setattr(
        ask, "choose_class_print", lambda parent, classes, current: offered.append(classes)
    )
    qtbot.mouseClick(page.class_button, Qt.MouseButton.LeftButton)
    (classes,) = offered
    names = {a.name for c in classes for a in c.apprentices}
    assert names == {"AZZOUG Mina", "BERNARD Lucas", "DIALLO Moussa", "GARCIA Hugo"}
    ines = apprentice_id(demo_store, "CHEVALIER")
    with pytest.raises(PermissionDenied):
        printing.print_booklet(demo_store, page.context.actor, ines, "/tmp/never.pdf")
    errors: list[str] = []
    monkeypatch.setattr(ask, "show_error", lambda parent, message: errors.append(message))
    page.context.selection.set(ines)
    assert errors and "accès" in errors[0]
    assert not page.save_pdf_button.isEnabled()


def start_class_print(qtbot, page: BookletPage, monkeypatch, folder: Path) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(ask, "show_message", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(
        ask,
        "choose_class_print",
        lambda parent, classes, current: ClassPrintChoice(current, folder, None),
    )
    qtbot.mouseClick(page.class_button, Qt.MouseButton.LeftButton)
    assert page.progress is not None and page.progress.isVisible()
    return messages


def test_trainer_prints_the_class_with_progress(qtbot, demo_store, tmp_path, monkeypatch):
    """A trainer prints 1MELEC from the GUI (two processes): a progress dialog, then the
    summary of the five booklets written."""
    page = open_page(qtbot, demo_store, "formateur")
    out = tmp_path / "livrets"
    out.mkdir()
    messages = start_class_print(qtbot, page, monkeypatch, out)
    qtbot.waitUntil(lambda: page.last_summary is not None, timeout=60_000)
    summary = page.last_summary
    assert summary.ok and len(summary.written) == 5
    assert sorted(p.name for p in out.iterdir()) == sorted(w.path.name for w in summary.written)
    assert messages and messages[0].startswith("5 livrets imprimés")
    assert page.progress is None


def test_cancel_stops_the_class_printing(qtbot, demo_store, tmp_path, monkeypatch) -> None:
    """Cancel in the progress dialog: the booklet being printed finishes, no other starts,
    and the summary says what was written and what was not."""
    page = open_page(qtbot, demo_store, "formateur")
    page.batch_workers = 1  # in this process, so that the renderer below can be held
    real = printing.render_booklet_file
    gate = threading.Event()
    calls: list[int] = []

    def held(store, actor, apprentice, path):
        calls.append(apprentice)
        if len(calls) == 2:
            assert gate.wait(30)
        return real(store, actor, apprentice, path)

    monkeypatch.setattr(printing, "render_booklet_file", held)
    out = tmp_path / "livrets"
    out.mkdir()
    messages = start_class_print(qtbot, page, monkeypatch, out)
    qtbot.waitUntil(lambda: page.progress is not None and page.progress.value() == 1)
    cancel = page.progress.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert page.batch is not None and page.batch._cancelled.is_set()
    gate.set()
    qtbot.waitUntil(lambda: page.last_summary is not None, timeout=30_000)
    summary = page.last_summary
    assert summary.cancelled and len(calls) == 2
    assert len(summary.written) == 2 and len(summary.not_printed) == 3
    assert len(list(out.iterdir())) == 2
    assert "Impression annulée : 3 livret(s) non imprimé(s)." in messages[0]
