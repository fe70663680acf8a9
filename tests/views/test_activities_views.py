"""Module 1's screens as each user meets them on the demo store: the period and apprentice
views with the seed's labels, the per-reader read state, the activity sheet (who writes
what, conflicts, attachments), the logbook wizard page by page, and the period editor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QWizard
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.config import Settings
from cpro_desktop.models.enums import MAX_ATTACHMENT_BYTES, RatingResult
from cpro_desktop.services import activities as act
from cpro_desktop.services import audit
from cpro_desktop.services.activities import SheetTexts
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store
from cpro_desktop.views.activities import ActivitiesPage, ask
from cpro_desktop.views.activities.attachments import UrlDialog
from cpro_desktop.views.activities.common import (
    READ_COLOUR,
    RETIRED_COLOUR,
    UNREAD_COLOUR,
    EntryRole,
)
from cpro_desktop.views.activities.conflict import ConflictDialog
from cpro_desktop.views.activities.logbook_wizard import LogbookPage, LogbookWizard
from cpro_desktop.views.activities.page import PortfolioBrowser
from cpro_desktop.views.activities.sheet_dialog import ActivitySheetDialog, SheetTab
from cpro_desktop.views.context import AppContext, ApprenticeSelection

LEFT = Qt.MouseButton.LeftButton
CHECK = Qt.ItemDataRole.CheckStateRole
SEED_PERIODS = [
    "PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022] [2 fiches]",
    "Test VP 22/09 [du 26/09/2022 au 15/10/2022] [3 fiches]",
    "Test annexe 1MELEC [du 03/07/2023 au 23/07/2023] [3 fiches]",
]


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list]]:
    """Every message of the module recorded instead of shown; questions answered by the
    test (`asked["confirm_answers"]`, `asked["unsaved_answers"]`)."""
    keys = ("errors", "infos", "unsaved", "confirms", "confirm_answers", "unsaved_answers", "urls")
    record: dict[str, list] = {key: [] for key in keys}
    monkeypatch.setattr(ask, "show_error", lambda p, t, msg: record["errors"].append(msg))
    monkeypatch.setattr(ask, "show_info", lambda p, t, msg: record["infos"].append(msg))

    def confirm(parent, title, question):
        record["confirms"].append(question)
        return record["confirm_answers"].pop(0) if record["confirm_answers"] else False

    def unsaved(parent, title, question):
        record["unsaved"].append(title)
        answers = record["unsaved_answers"]
        return answers.pop(0) if answers else ask.UnsavedChoice.CANCEL

    monkeypatch.setattr(ask, "confirm", confirm)
    monkeypatch.setattr(ask, "unsaved_changes", unsaved)
    monkeypatch.setattr(ask, "open_url", lambda url: record["urls"].append(url) or True)
    yield record


def make_page(qtbot, store: Store, login: str) -> ActivitiesPage:
    """The module page as `login` sees it (no tile server: the map never reaches out)."""
    actor = authenticate(store, login, "cpro-demo")
    context = AppContext(store, actor, Settings(tile_server_url=""), ApprenticeSelection())
    page = ActivitiesPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def mina_id(store: Store) -> int:
    with store.read() as s:
        return s.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def show_mina(page: ActivitiesPage) -> PortfolioBrowser:
    """The apprentice view of AZZOUG Mina, every folder open."""
    page.context.selection.set(mina_id(page.context.store))
    page.tabs.setCurrentWidget(page.apprentices_tab)
    browser = page.apprentices_tab.browser
    browser.expand_all()
    return browser


def folder_labels(browser: PortfolioBrowser) -> list[str]:
    model = browser.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def sheet_index(browser: PortfolioBrowser, period_name: str, week: int):
    portfolio = next(p for p in browser.model.portfolios() if p.period_name == period_name)
    sheet = next(s for s in browser.model.sheets_of(portfolio.id) if s.iso_week == week)
    return browser.model.sheet_index(sheet.id)


def open_sheet(qtbot, browser: PortfolioBrowser, period: str, week: int) -> ActivitySheetDialog:
    """Select the sheet in the tree and click "Voir cette fiche", as a user does."""
    browser.tree.setCurrentIndex(sheet_index(browser, period, week))
    qtbot.mouseClick(browser.view_sheet_button, LEFT)
    dialog = browser.sheet_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def open_logbook(qtbot, browser: PortfolioBrowser, period: str, review: bool = False):
    portfolio = next(p for p in browser.model.portfolios() if p.period_name == period)
    browser.tree.setCurrentIndex(browser.model.portfolio_index(portfolio.id))
    button = browser.review_button if review else browser.logbook_button
    qtbot.mouseClick(button, LEFT)
    wizard = browser.wizard
    assert wizard is not None and wizard.isVisible()
    return wizard


# -- the lists ------------------------------------------------------------------------------


def test_period_view_lists_the_seed_periods_of_1melec(qtbot, qtmodeltester, demo_store) -> None:
    """The trainer picks 1MELEC: its periods carry the seed's labels; PFMP1 opens one folder
    per apprentice with the completed sheet counts; the models pass the model tester."""
    page = make_page(qtbot, demo_store, "formateur")
    tab = page.periods_tab
    assert page.tabs.tabText(0) == "Vue par périodes"
    assert page.tabs.tabText(1) == "Vue par apprenants"
    assert tab.select_class("1MELEC")
    labels = [tab.periods_model.index(r).data() for r in range(tab.periods_model.rowCount())]
    assert labels == SEED_PERIODS
    assert tab.new_period_button.isVisible() and tab.edit_period_button.isVisible()
    assert tab.new_period_button.text() == "Nouvelle période…"

    assert tab.select_period("PFMP1 - 1er BCP")
    folders = folder_labels(tab.browser)
    assert folders[0] == "AZZOUG Mina (1MELEC) [2 fiches complétées]"
    assert "BERNARD Lucas (1MELEC) [1 fiche complétée]" in folders
    tab.browser.expand_all()
    mina = tab.browser.model.index(0, 0)
    assert [tab.browser.model.index(r, 0, mina).data() for r in range(2)] == [
        "Fiche activité : semaine 36 [2022] [dernière modification le : 09/09/2022]",
        "Fiche activité : semaine 37 [2022] [dernière modification le : 16/09/2022]",
    ]
    assert tab.browser.logbook_button.text() == "Éditer le journal de bord"
    assert tab.browser.review_button.text() == "Éditer le bilan entreprise"
    assert tab.browser.view_sheet_button.text() == "Voir cette fiche"
    qtmodeltester.check(tab.periods_model)
    qtmodeltester.check(tab.browser.model)
    QApplication.processEvents()
    page.grab().save("/tmp/act_period_view.png")


def test_tutor_sees_mina_with_her_three_periods_and_their_sheets(qtbot, demo_store) -> None:
    """As "tuteur", the apprentice view follows the selector: "[3 pfmps]", her three periods
    as the seed prints them, and under each its weekly sheets."""
    page = make_page(qtbot, demo_store, "tuteur")
    browser = show_mina(page)
    assert "AZZOUG Mina (1MELEC) [3 pfmps]" in page.apprentices_tab.heading.text()
    assert folder_labels(browser) == SEED_PERIODS
    weeks = {
        p.period_name: [s.iso_week for s in browser.model.sheets_of(p.id)]
        for p in browser.model.portfolios()
    }
    assert weeks == {"PFMP1 - 1er BCP": [36, 37], "Test VP 22/09": [39, 40, 41],
                     "Test annexe 1MELEC": [27, 28, 29]}  # fmt: skip
    last = browser.model.index(2, 0)
    assert [browser.model.index(r, 0, last).data() for r in range(3)] == [
        f"Fiche activité : semaine {w} [2023] [dernière modification le : 04/07/2023]"
        for w in (27, 28, 29)
    ]
    page.context.selection.set(None)
    assert browser.model.rowCount() == 0


def test_reading_a_sheet_turns_it_black_for_that_reader_only(qtbot, demo_store, asked) -> None:
    """Week 28 is green for the tutor until he opens it, then black; for the trainer, who
    has not read it, it stays green."""
    tutor_page = make_page(qtbot, demo_store, "tuteur")
    browser = show_mina(tutor_page)
    index = sheet_index(browser, "Test annexe 1MELEC", 28)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == UNREAD_COLOUR
    unread_before = tutor_page.unread
    dialog = open_sheet(qtbot, browser, "Test annexe 1MELEC", 28)
    index = sheet_index(browser, "Test annexe 1MELEC", 28)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == READ_COLOUR
    assert tutor_page.unread == unread_before - 1
    dialog.reject()

    trainer_page = make_page(qtbot, demo_store, "formateur")
    trainer_browser = show_mina(trainer_page)
    index = sheet_index(trainer_browser, "Test annexe 1MELEC", 28)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == UNREAD_COLOUR


def _data_statements(counter) -> list[str]:
    """The statements that read or write data (not SQLite's BEGIN / COMMIT)."""
    return [s for s in counter.statements if s.split()[0].upper() not in ("BEGIN", "COMMIT")]


def test_opening_reads_only_what_is_shown(qtbot, demo_store, asked, count_statements) -> None:
    """A sheet opens with two statements (the permission check, then all it shows) and a
    third only to mark it read, nothing else read again: its title turns black, its
    folder's, its apprentice's and the page's counts go down in memory. A folder opens
    with two; the logbook opened on its weekly page reads that page only, two as well."""
    page = make_page(qtbot, demo_store, "tuteur")
    browser = show_mina(page)
    portfolio = next(p for p in browser.model.portfolios() if p.period_name == "Test annexe 1MELEC")
    folder_unread = portfolio.unread_count
    heading_before = page.apprentices_tab.heading.text()
    unread_before = page.unread_count()
    browser.tree.setCurrentIndex(sheet_index(browser, "Test annexe 1MELEC", 28))
    with count_statements(demo_store) as counter:
        qtbot.mouseClick(browser.view_sheet_button, LEFT)
    written = _data_statements(counter)
    assert len(written) == 3 and written[-1].lstrip().upper().startswith("INSERT")
    assert (
        sheet_index(browser, "Test annexe 1MELEC", 28).data(Qt.ItemDataRole.ForegroundRole)
        == READ_COLOUR
    )
    after = browser.model.portfolios()[browser.model.row_of_portfolio(portfolio.id)]
    assert after.unread_count == folder_unread - 1
    assert page.unread_count() == unread_before - 1
    assert page.apprentices_tab.heading.text() != heading_before
    browser.sheet_dialog.reject()
    with count_statements(demo_store) as counter:  # read already: nothing to mark
        qtbot.mouseClick(browser.view_sheet_button, LEFT)
    assert len(_data_statements(counter)) == 2
    browser.sheet_dialog.reject()
    assert asked["errors"] == []

    browser.set_portfolios(browser.model.portfolios())
    with count_statements(demo_store) as counter:
        browser.tree.expand(browser.model.portfolio_index(portfolio.id))
    assert len(_data_statements(counter)) == 2
    with count_statements(demo_store) as counter:
        wizard = browser.open_logbook(portfolio.id, LogbookPage.WEEKLY)
    assert wizard is not None and wizard.currentId() == LogbookPage.WEEKLY
    assert len(_data_statements(counter)) == 2
    assert wizard.snapshot.plan is None and wizard.snapshot.review is None
    assert wizard.page_of(LogbookPage.WEEKLY).sheets_model.rowCount() == 3
    QApplication.processEvents()
    wizard.grab().save("/tmp/act_weekly_grid_opened.png")
    with count_statements(demo_store) as counter:  # back to a page never shown: it reads
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), LEFT)
    assert wizard.currentId() == LogbookPage.MAP and len(_data_statements(counter)) == 0
    with count_statements(demo_store) as counter:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), LEFT)
    assert wizard.currentId() == LogbookPage.OBJECTIVES and len(_data_statements(counter)) == 2
    assert "Participer au dépannage" in wizard.page_of(LogbookPage.OBJECTIVES).browser.toPlainText()
    wizard.reject()


# -- the activity sheet ---------------------------------------------------------------------


def test_tutor_reads_the_text_but_links_competences_and_comments(
    qtbot, qtmodeltester, demo_store, asked
) -> None:
    """The tutor's sheet: the apprentice's text is read-only; he ticks a competence and a
    task, saves, and adds a comment — all stored; the four tabs are grabbed."""
    page = make_page(qtbot, demo_store, "tuteur")
    browser = show_mina(page)
    dialog = open_sheet(qtbot, browser, "Test annexe 1MELEC", 28)
    tabs = [dialog.tabs.tabText(i) for i in range(4)]
    assert tabs == ["Contexte", "Description de l'activité", "Liaison avec le référentiel",
                    "Annexes associées"]  # fmt: skip
    assert dialog.attachment_counter.text() == "(2)"
    for name, tab in (("contexte", 0), ("description", 1), ("liaison", 2), ("annexes", 3)):
        dialog.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        dialog.grab().save(f"/tmp/act_sheet_{name}.png")
    assert dialog.title_edit.isReadOnly()
    assert dialog.description_edit.isReadOnly() and dialog.analysis_edit.isReadOnly()
    assert not dialog.area_combo.isEnabled()
    assert not any(b.isEnabled() for b in dialog.autonomy_buttons.values())
    assert not dialog.attachments.add_file_button.isVisible()

    sheet_id = dialog.sheet_id
    snapshot = dialog.snapshot
    c1 = next(c for c in snapshot.competences if c.code == "C1")
    t31 = next(t for a in snapshot.framework for t in a.tasks if t.code == "T3.1")
    competences = dialog.competences_model
    assert competences.setData(competences.index_of("competence", c1.id), Qt.CheckState.Checked)
    assert dialog.tasks_model.setData(dialog.tasks_model.index_of("task", t31.id), 2, CHECK)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert asked["errors"] == []
    stored = act.open_sheet(demo_store, page.context.actor, sheet_id)
    assert c1.id in stored.links.competence_ids and t31.id in stored.links.task_ids
    assert stored.texts == snapshot.texts

    qtbot.keyClicks(dialog.comments.editor, "Bon diagnostic, pense au schema.")
    qtbot.mouseClick(dialog.comments.add_button, LEFT)
    bodies = [c.body for c in act.open_sheet(demo_store, page.context.actor, sheet_id).comments]
    assert bodies[-1] == "Bon diagnostic, pense au schema."
    assert "Bon diagnostic" in dialog.comments.model.index(1).data()
    qtmodeltester.check(dialog.tasks_model)
    qtmodeltester.check(dialog.competences_model)
    qtmodeltester.check(dialog.attachments.model)
    qtmodeltester.check(dialog.comments.model)


def test_apprentice_edits_his_sheet_text_and_saves(qtbot, demo_store, asked) -> None:
    """The apprentice rewrites his description and saves it; the sheet turns green again
    for his tutor."""
    page = make_page(qtbot, demo_store, "apprenti")
    assert page.tabs.currentWidget() is page.apprentices_tab
    browser = show_mina(page)
    dialog = open_sheet(qtbot, browser, "Test annexe 1MELEC", 27)
    assert not dialog.description_edit.isReadOnly()
    assert not dialog.competences_model.flags(dialog.competences_model.index(0, 0)) & (
        Qt.ItemFlag.ItemIsUserCheckable
    )
    dialog.tabs.setCurrentIndex(SheetTab.DESCRIPTION)
    dialog.description_edit.clear()
    qtbot.keyClicks(dialog.description_edit, "Controle de l'alimentation puis de la resistance.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert asked["errors"] == []
    tutor = authenticate(demo_store, "tuteur", "cpro-demo")
    stored = act.open_sheet(demo_store, tutor, dialog.sheet_id)
    assert stored.texts.description == "Controle de l'alimentation puis de la resistance."
    assert not dialog.save_button.isEnabled()


def test_conflict_shows_both_texts_and_keeping_mine_keeps_theirs_visible(
    qtbot, demo_store, asked, monkeypatch
) -> None:
    """Another save lands while the apprentice edits: both texts are shown side by side;
    keeping his saves his, and theirs stays visible in the sheet."""
    page = make_page(qtbot, demo_store, "apprenti")
    browser = show_mina(page)
    dialog = open_sheet(qtbot, browser, "Test annexe 1MELEC", 28)
    read = dialog.snapshot
    act.save_sheet(demo_store, page.context.actor, read.id,
                   SheetTexts(**{**vars(read.texts), "description": "Leur texte, ailleurs."}),
                   version=read.version)  # fmt: skip
    dialog.description_edit.setPlainText("Mon texte, ici.")
    shown: dict[str, str] = {}

    def decide(conflict: QDialog) -> int:
        assert isinstance(conflict, ConflictDialog)
        shown["theirs"] = conflict.theirs_view.toPlainText()
        shown["mine"] = conflict.mine_view.toPlainText()
        qtbot.mouseClick(conflict.keep_mine_button, LEFT)
        return conflict.result()

    monkeypatch.setattr(ask, "run_dialog", decide)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert "Leur texte, ailleurs." in shown["theirs"] and "Mon texte, ici." in shown["mine"]
    stored = act.open_sheet(demo_store, page.context.actor, read.id)
    assert stored.texts.description == "Mon texte, ici."
    assert dialog.description_edit.toPlainText() == "Mon texte, ici."
    assert dialog.other_version.isVisibleTo(dialog)
    assert "Leur texte, ailleurs." in dialog.other_version.text()
    assert asked["errors"] == []


def test_taking_their_version_keeps_mine_visible(qtbot, demo_store, asked, monkeypatch) -> None:
    """Taking their version shows it in the form (saving nothing of mine), and my text stays
    visible beside the sheet, to copy from."""
    page = make_page(qtbot, demo_store, "apprenti")
    dialog = open_sheet(qtbot, show_mina(page), "Test annexe 1MELEC", 29)
    read = dialog.snapshot
    theirs = SheetTexts(**{**vars(read.texts), "reflective_analysis": "Analyse d'ailleurs."})
    act.save_sheet(demo_store, page.context.actor, read.id, theirs, version=read.version)
    dialog.analysis_edit.setPlainText("Mon analyse.")

    def take_theirs(conflict: QDialog) -> int:
        qtbot.mouseClick(conflict.take_theirs_button, LEFT)
        return conflict.result()

    monkeypatch.setattr(ask, "run_dialog", take_theirs)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.analysis_edit.toPlainText() == "Analyse d'ailleurs."
    assert "Mon analyse." in dialog.other_version.text()
    assert not dialog.is_dirty()
    stored = act.open_sheet(demo_store, page.context.actor, read.id)
    assert stored.texts.reflective_analysis == "Analyse d'ailleurs."


def test_attachments_size_limit_round_trip_and_urls(
    qtbot, demo_store, asked, monkeypatch, tmp_path: Path
) -> None:
    """A file over the limit is refused in French; a file round-trips byte-identical through
    "save to disk"; a javascript: address is refused; a link opens in the browser; a file
    is deleted after a confirmation."""
    page = make_page(qtbot, demo_store, "apprenti")
    browser = show_mina(page)
    dialog = open_sheet(qtbot, browser, "Test annexe 1MELEC", 28)
    dialog.tabs.setCurrentIndex(SheetTab.ATTACHMENTS)
    panel = dialog.attachments
    assert panel.add_file_button.isVisible()

    big = tmp_path / "vidéo.mp4"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    monkeypatch.setattr(ask, "open_file", lambda parent, title: str(big))
    qtbot.mouseClick(panel.add_file_button, LEFT)
    assert len(asked["errors"]) == 1
    assert "trop volumineux" in asked["errors"][0] and "10 Mo" in asked["errors"][0]
    assert panel.model.rowCount() == 2 and dialog.attachment_counter.text() == "(2)"

    content = bytes(range(256)) * 40 + "é\x00".encode()
    small = tmp_path / "relevé de mesures.bin"
    small.write_bytes(content)
    monkeypatch.setattr(ask, "open_file", lambda parent, title: str(small))
    qtbot.mouseClick(panel.add_file_button, LEFT)
    assert panel.model.rowCount() == 3 and dialog.attachment_counter.text() == "(3)"
    panel.select_row(2)
    copy = tmp_path / "copie.bin"
    monkeypatch.setattr(ask, "save_file", lambda parent, title, suggested: str(copy))
    qtbot.mouseClick(panel.save_button, LEFT)
    assert copy.read_bytes() == content

    def fill(url_dialog: QDialog) -> int:
        assert isinstance(url_dialog, UrlDialog)
        url_dialog.url_edit.setText("javascript:alert(1)")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ask, "run_dialog", fill)
    qtbot.mouseClick(panel.add_url_button, LEFT)
    assert "javascript" in asked["errors"][-1] and "https://" in asked["errors"][-1]
    assert panel.model.rowCount() == 3

    link_row = next(r for r in range(3) if not panel.model.entry(r).is_file)
    panel.select_row(link_row)
    qtbot.mouseClick(panel.open_button, LEFT)
    assert asked["urls"] == [panel.model.entry(link_row).url]

    panel.select_row(2)
    asked["confirm_answers"].append(True)
    qtbot.mouseClick(panel.delete_button, LEFT)
    assert "relevé de mesures.bin" in asked["confirms"][-1]
    assert panel.model.rowCount() == 2 and dialog.attachment_counter.text() == "(2)"
    stored = act.open_sheet(demo_store, page.context.actor, dialog.sheet_id).attachments
    assert [a.name for a in stored] == [panel.model.entry(r).name for r in range(2)]


# -- the logbook wizard ---------------------------------------------------------------------


def test_wizard_walked_page_by_page_saves_and_reloads_the_appreciation(
    qtbot, qtmodeltester, demo_store, asked
) -> None:
    """The tutor walks the six pages with "Suivant", selects a task entrusted (saved when he
    leaves the page), writes the period review with a result, finishes; reopened from
    "Éditer le bilan entreprise", the review is as he saved it, with its rating grid."""
    page = make_page(qtbot, demo_store, "tuteur")
    browser = show_mina(page)
    wizard = open_logbook(qtbot, browser, "Test annexe 1MELEC")
    titles = []
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    for step in LogbookPage:
        assert wizard.currentId() == step
        titles.append(wizard.currentPage().title())
        QApplication.processEvents()  # let the page lay itself out before the grab
        wizard.grab().save(f"/tmp/act_wizard_{step + 1}.png")
        if step == LogbookPage.OBJECTIVES:
            assert "Participer au dépannage" in wizard.page_of(step).browser.toPlainText()
        if step == LogbookPage.MAP:  # no tile server here: the address, never an error
            fallback = wizard.page_of(step).map.findChild(QLabel, "map_fallback")
            assert "Électricité Générale Dupont" in fallback.text()
        if step == LogbookPage.WEEKLY:
            weekly = wizard.page_of(step)
            assert weekly.sheets_model.rowCount() == 3
            grid = weekly.grid_model
            qtmodeltester.check(grid)
            qtmodeltester.check(weekly.sheets_model)
            row = grid.row_of_task(next(t.id for a in wizard.snapshot.task_grid.areas
                                        for t in a.tasks if t.code == "T1.1"))  # fmt: skip
            assert grid.setData(grid.index(row, 1), Qt.CheckState.Checked, CHECK)
            asked["unsaved_answers"].append(ask.UnsavedChoice.SAVE)
        if step == LogbookPage.ATTACHMENTS:
            assert wizard.page_of(step).panel.model.rowCount() == 1
        if step != LogbookPage.REVIEW:
            qtbot.mouseClick(next_button, LEFT)
    assert titles == ["Entreprise d'accueil", "Objectifs de la période",
                      "Géolocalisation de l'entreprise",
                      "Présentation des activités hebdomadaires", "Annexes associées",
                      "Éditer le bilan de la période"]  # fmt: skip
    assert asked["unsaved"] == ["Présentation des activités hebdomadaires"]
    grid = act.logbook_snapshot(demo_store, page.context.actor, wizard.portfolio_id).task_grid
    entrusted = [c for c in grid.entries if not c.by_apprentice]
    assert [(c.week.week, c.recorded_by_name) for c in entrusted] == [(28, "LEFEBVRE Thomas")]

    review = wizard.page_of(LogbookPage.REVIEW)
    qtmodeltester.check(review.criteria_model)
    qtbot.keyClicks(review.appreciation_edit, "Mina progresse : diagnostic methodique.")
    review.date_edit.setDate(QDate(2023, 7, 21))
    row = review.criteria_model.criterion_rows()[0]
    combo = review.criteria_view.indexWidget(review.criteria_model.index(row, 1))
    assert isinstance(combo, QComboBox) and combo.count() == 6
    combo.setCurrentIndex(combo.findData(RatingResult.SUCCESS_ASSISTED.value))
    asked["unsaved_answers"].append(ask.UnsavedChoice.SAVE)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)
    assert not wizard.isVisible() and asked["errors"] == []

    wizard = open_logbook(qtbot, browser, "Test annexe 1MELEC", review=True)
    assert wizard.currentId() == LogbookPage.REVIEW
    review = wizard.page_of(LogbookPage.REVIEW)
    assert review.appreciation_edit.toPlainText() == "Mina progresse : diagnostic methodique."
    assert review.date_edit.text() == "21/07/2023"
    assert review.criteria_model.index(row, 1).data() == "Réussite totale avec aide"
    assert review.form.rating_grid_id is not None
    assert not review.is_dirty()


def test_leaving_a_page_with_changes_asks_first(qtbot, demo_store, asked) -> None:
    """With the appreciation typed, "Précédent" asks: Annuler stays on the page, Ignorer
    leaves and drops the text; "Fermer" with changes asks too."""
    page = make_page(qtbot, demo_store, "tuteur")
    browser = show_mina(page)
    wizard = open_logbook(qtbot, browser, "Test annexe 1MELEC", review=True)
    review = wizard.page_of(LogbookPage.REVIEW)
    qtbot.keyClicks(review.appreciation_edit, "Brouillon")
    back = wizard.button(QWizard.WizardButton.CustomButton1)
    asked["unsaved_answers"].append(ask.UnsavedChoice.CANCEL)
    qtbot.mouseClick(back, LEFT)
    assert wizard.currentId() == LogbookPage.REVIEW and len(asked["unsaved"]) == 1
    asked["unsaved_answers"].append(ask.UnsavedChoice.DISCARD)
    qtbot.mouseClick(back, LEFT)
    assert wizard.currentId() == LogbookPage.ATTACHMENTS
    assert review.appreciation_edit.toPlainText() == "" and not review.is_dirty()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    qtbot.keyClicks(review.appreciation_edit, "Encore")
    asked["unsaved_answers"].append(ask.UnsavedChoice.CANCEL)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), LEFT)
    assert wizard.isVisible() and len(asked["unsaved"]) == 3
    form = act.period_review_form(demo_store, page.context.actor, wizard.portfolio_id)
    assert form.review_id is None


def test_a_saved_page_shows_what_was_saved_when_visited_again(qtbot, demo_store, asked) -> None:
    """ "Enregistrer cette page" saves the review; going back and forth shows the saved
    text, and the weekly page opens a sheet which turns black in its list once read."""
    page = make_page(qtbot, demo_store, "tuteur")
    browser = show_mina(page)
    wizard = open_logbook(qtbot, browser, "Test annexe 1MELEC", review=True)
    review = wizard.page_of(LogbookPage.REVIEW)
    save = wizard.button(QWizard.WizardButton.CustomButton2)
    assert not save.isEnabled()
    qtbot.keyClicks(review.appreciation_edit, "Bonne periode.")
    assert save.isEnabled()
    qtbot.mouseClick(save, LEFT)
    assert not save.isEnabled() and asked["unsaved"] == []
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), LEFT)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), LEFT)
    assert wizard.currentId() == LogbookPage.WEEKLY
    weekly = wizard.page_of(LogbookPage.WEEKLY)
    first = weekly.sheets_model.index(1)
    assert first.data(Qt.ItemDataRole.ForegroundRole) == UNREAD_COLOUR
    weekly.sheets_view.setCurrentIndex(first)
    qtbot.mouseClick(weekly.view_sheet_button, LEFT)
    assert wizard.sheet_dialog is not None and wizard.sheet_dialog.isVisible()
    assert weekly.sheets_model.index(1).data(Qt.ItemDataRole.ForegroundRole) == READ_COLOUR
    wizard.sheet_dialog.reject()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    assert review.appreciation_edit.toPlainText() == "Bonne periode."


# -- periods --------------------------------------------------------------------------------


def test_period_editor_changes_dates_and_nothing_written_is_lost(qtbot, demo_store, asked) -> None:
    """The trainer shortens PFMP1 by a week: the report says sheets were retired; Mina's
    written week 37 stays in her folder, flagged, its text intact, and goes only on purpose."""
    page = make_page(qtbot, demo_store, "formateur")
    tab = page.periods_tab
    tab.select_class("1MELEC")
    tab.select_period("PFMP1 - 1er BCP")
    qtbot.mouseClick(tab.edit_period_button, LEFT)
    editor = tab.editor
    assert editor is not None and editor.isVisible()
    assert editor.start_edit.text() == "05/09/2022" and editor.end_edit.text() == "18/09/2022"
    assert editor.tasks_model.checked("task")
    editor.end_edit.setDate(QDate(2022, 9, 11))
    assert editor.weeks_label.text().startswith("1 semaine")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert asked["errors"] == []
    assert "retirée" in asked["infos"][0] and "conservée" in asked["infos"][0]
    assert tab.current_period().label == "PFMP1 - 1er BCP [du 05/09/2022 au 11/09/2022] [1 fiche]"

    browser = tab.browser
    browser.expand_all()
    week37 = sheet_index(browser, "PFMP1 - 1er BCP", 37)
    assert week37.data(Qt.ItemDataRole.ForegroundRole) == RETIRED_COLOUR
    assert "[semaine retirée de la période]" in week37.data()
    sheet = week37.data(EntryRole)
    stored = act.open_sheet(demo_store, page.context.actor, sheet.id)
    assert stored.retired and stored.texts.title == "Pose des goulottes et tirage des câbles"

    browser.tree.setCurrentIndex(sheet_index(browser, "PFMP1 - 1er BCP", 37))
    assert browser.delete_retired_button.isVisible()
    assert browser.delete_retired_button.isEnabled()
    qtbot.mouseClick(browser.delete_retired_button, LEFT)
    assert len(asked["confirms"]) == 1 and sheet_index(browser, "PFMP1 - 1er BCP", 37).isValid()
    asked["confirm_answers"].append(True)
    qtbot.mouseClick(browser.delete_retired_button, LEFT)
    assert not sheet_index_exists(browser, "PFMP1 - 1er BCP", 37)


def sheet_index_exists(browser: PortfolioBrowser, period: str, week: int) -> bool:
    portfolio = next(p for p in browser.model.portfolios() if p.period_name == period)
    return any(s.iso_week == week for s in browser.model.sheets_of(portfolio.id))


def test_new_period_generates_the_portfolios(qtbot, demo_store, asked) -> None:
    """ "Nouvelle période…": a name, dates typed as dd/MM/yyyy and planned tasks; saving
    reports the generated portfolios and sheets and lists the new period."""
    page = make_page(qtbot, demo_store, "formateur")
    tab = page.periods_tab
    tab.select_class("1MELEC")
    qtbot.mouseClick(tab.new_period_button, LEFT)
    editor = tab.editor
    qtbot.keyClicks(editor.name_edit, "PFMP2 - decembre")
    editor.start_edit.setDate(QDate(2022, 12, 26))
    editor.end_edit.setDate(QDate(2023, 1, 8))
    assert editor.weeks_label.text() == "2 semaine(s) : S52 [2022] à S01 [2023]"
    area = editor.tasks_model.index(0, 0)
    editor.tasks_model.setData(area, Qt.CheckState.Checked, CHECK)
    qtbot.mouseClick(editor.save_button, LEFT)
    assert asked["errors"] == []
    assert "5 portfolio(s) créé(s)" in asked["infos"][0]
    assert "10 fiche(s) activité créée(s)" in asked["infos"][0]
    assert tab.current_period().name == "PFMP2 - decembre"
    detail = act.period_detail(demo_store, page.context.actor, tab.current_period().id)
    assert detail.start_date == date(2022, 12, 26) and len(detail.plan.planned_tasks) == 2


def test_wizard_type_is_a_qwizard_with_page_ids_in_order(qtbot, demo_store) -> None:
    """The logbook is a QWizard whose page ids are the six pages of the seed, in order."""
    page = make_page(qtbot, demo_store, "formateur")
    browser = show_mina(page)
    wizard = open_logbook(qtbot, browser, "PFMP1 - 1er BCP")
    assert isinstance(wizard, LogbookWizard)
    assert wizard.pageIds() == [int(p) for p in LogbookPage]


def test_logbook_and_blank_review_print_as_pdf(
    qtbot, demo_store, asked, monkeypatch, tmp_path: Path
) -> None:
    """ "Imprimer le journal de bord" and "Imprimer le formulaire vierge" write PDFs where
    the user chose, say so, and are logged in the audit trail."""
    page = make_page(qtbot, demo_store, "tuteur")
    browser = show_mina(page)
    wizard = open_logbook(qtbot, browser, "Test annexe 1MELEC")
    targets = iter([tmp_path / "journal.pdf", tmp_path / "bilan_vierge.pdf"])
    suggested: list[str] = []

    def choose(parent, title, name):
        suggested.append(name)
        return str(next(targets))

    monkeypatch.setattr(ask, "pdf_target", choose)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton3), LEFT)
    assert asked["errors"] == []
    assert (tmp_path / "journal.pdf").read_bytes().startswith(b"%PDF")
    assert suggested[0] == "journal_de_bord_AZZOUG_Mina_Test_annexe_1MELEC.pdf"
    assert "PDF enregistré" in asked["infos"][0]
    wizard.go_to(LogbookPage.REVIEW)
    qtbot.mouseClick(wizard.page_of(LogbookPage.REVIEW).print_blank_button, LEFT)
    assert asked["errors"] == []
    assert (tmp_path / "bilan_vierge.pdf").read_bytes().startswith(b"%PDF")
    rows = audit.list_events(demo_store, authenticate(demo_store, "admin", "cpro-demo"))
    assert [(r.action, r.actor_login, r.detail) for r in rows] == [
        ("print_reviews", "tuteur",
         "Bilan de la période « Test annexe 1MELEC », formulaire vierge"),
        ("print_logbook", "tuteur", "Période « Test annexe 1MELEC », 3 fiche(s)"),
    ]  # fmt: skip


def test_comments_are_added_edited_and_deleted_by_their_author_only(
    qtbot, demo_store, asked
) -> None:
    """The trainer comments, edits and deletes his own comment; the tutor's comment offers
    him neither; the apprentice reads comments without a box to write one."""
    page = make_page(qtbot, demo_store, "formateur")
    browser = show_mina(page)
    dialog = open_sheet(qtbot, browser, "Test annexe 1MELEC", 28)
    panel = dialog.comments
    panel.select_row(0)  # the tutor's
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    qtbot.keyClicks(panel.editor, "A relier au schema du tableau.")
    qtbot.mouseClick(panel.add_button, LEFT)
    panel.select_row(1)
    assert panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, LEFT)
    panel.editor.setPlainText("À relier au schéma du tableau, page 2.")
    qtbot.mouseClick(panel.add_button, LEFT)
    stored = act.open_sheet(demo_store, page.context.actor, dialog.sheet_id).comments
    assert [c.body for c in stored][-1] == "À relier au schéma du tableau, page 2."
    panel.select_row(1)
    asked["confirm_answers"].append(True)
    qtbot.mouseClick(panel.delete_button, LEFT)
    stored = act.open_sheet(demo_store, page.context.actor, dialog.sheet_id).comments
    assert [c.author_name for c in stored] == ["LEFEBVRE Thomas"]
    assert panel.model.rowCount() == 1 and asked["errors"] == []

    apprentice_page = make_page(qtbot, demo_store, "apprenti")
    own = open_sheet(qtbot, show_mina(apprentice_page), "Test annexe 1MELEC", 28)
    assert own.comments.model.rowCount() == 1
    assert not own.comments.editor.isVisible() and not own.comments.add_button.isVisible()


def test_emits_leave_the_reference_count_of_true_as_it_was(qapp) -> None:
    """Emitting through the package's `emit()` does not drop references to True (PySide6
    6.12's `SignalInstance.emit()` does, which aborts the interpreter at exit)."""
    import sys

    from PySide6.QtCore import QObject, Signal

    from cpro_desktop.views.activities.signals import emit

    class Source(QObject):
        ping = Signal(int)

    source = Source()
    received: list[int] = []
    source.ping.connect(received.append)
    before = sys.getrefcount(True)
    for value in range(200):
        emit(source.ping, value)
    assert received == list(range(200))
    assert sys.getrefcount(True) >= before - 5
