"""Modules 3 and 4 as their users meet them: the tutor writes, saves, resumes and validates a
company review through the widgets; the trainer's interim review with its proposed mark; the
archive's band of dates, unread marks, drafts, review tabs and the comparison table."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.config import Settings
from cpro_desktop.models.enums import CompetenceLevel, Origin, ReviewStatus
from cpro_desktop.services import audit, reviews
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store
from cpro_desktop.views.context import AppContext, ApprenticeSelection
from cpro_desktop.views.reviews import (
    CentreReviewDialog,
    CompanyReviewPage,
    CompetenceReviewsPage,
)
from cpro_desktop.views.reviews import ask as review_ask
from cpro_desktop.views.reviews.level_badge import LevelBadge
from cpro_desktop.views.reviews.models import LEVEL_ROLE, ComparisonModel, ReviewLinesModel
from tests.demo.test_world import SEED_TABLE

PLUS = CompetenceLevel.PARTIALLY_ACQUIRED
DEMO_FINDINGS = "Mina est à l'aise en dépannage simple."


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


def context_for(store: Store, login: str) -> AppContext:
    return AppContext(
        store, authenticate(store, login, "cpro-demo"), Settings(), ApprenticeSelection()
    )


def mina_id(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())
    return widget


def company_page(qtbot, store: Store, login: str = "tuteur") -> CompanyReviewPage:
    context = context_for(store, login)
    page = shown(qtbot, CompanyReviewPage(context))
    context.selection.set(mina_id(store))
    return page


def hover(qtbot, badge: LevelBadge) -> None:
    """The mouse pointer comes over the badge."""
    qtbot.mouseMove(badge, badge.segment_rect(CompetenceLevel.NOT_ASSESSED).center())


def choose(qtbot, badge: LevelBadge, level: CompetenceLevel) -> None:
    """Hover the badge, then click a level in the selector that opened."""
    hover(qtbot, badge)
    assert badge.is_open()
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton, pos=badge.segment_rect(level).center())


def type_text(edit, text: str) -> None:
    """Type at the cursor, as the user does (QTest's key clicks know ASCII only)."""
    edit.setFocus()
    edit.insertPlainText(text)


def answer(monkeypatch, typed: str | None) -> list[str]:
    """Replace the CONFIRMATION box: it answers `typed` (None = cancelled)."""
    asked: list[str] = []

    def fake(_parent, _title, prompt):
        asked.append(prompt)
        return typed

    monkeypatch.setattr(review_ask, "type_confirmation", fake)
    return asked


def no_error_box(monkeypatch) -> list[str]:
    errors: list[str] = []
    monkeypatch.setattr(review_ask, "show_error", lambda _p, _t, text: errors.append(text))
    return errors


def filled_form(qtbot, store: Store, monkeypatch):
    """The tutor's resumed demo draft with Conseils filled, saved."""
    page = company_page(qtbot, store)
    form = page.form
    type_text(form.advice_edit, "Préparer seule ses interventions.")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    return page, form


# -- module 3: the tutor's company review ----------------------------------------------------


def test_tutor_rates_through_the_badge_by_hover_and_by_keyboard(qtbot, demo_store: Store):
    """A badge shows NE; hovered it opens the selector and a click on "+" rates; Tab reaches
    the next badge, which opens on focus, and the "+" key rates it."""
    page = company_page(qtbot, demo_store)
    form = page.form
    c1, c2 = form.badge("C1"), form.badge("C2")
    assert c1.level() == CompetenceLevel.NOT_ASSESSED and not c1.is_open()
    hover(qtbot, c1)
    assert c1.is_open()
    qtbot.mouseClick(c1, Qt.MouseButton.LeftButton, pos=c1.segment_rect(PLUS).center())
    assert c1.level() == PLUS and c1.hasFocus()
    qtbot.keyClick(c1, Qt.Key.Key_Tab)
    assert c2.hasFocus() and c2.is_open()
    qtbot.keyClick(c2, Qt.Key.Key_Plus)
    assert c2.level() == PLUS
    assert form.levels()[form.competences[1].id] == PLUS
    assert form.dirty and form.status_label.text() == "Modifications non enregistrées."
    assert (
        "C2 - Organiser l'opération dans son contexte" in form.panel.competence_view.toPlainText()
    )


def test_badge_keyboard_walks_the_levels(qtbot):
    """Right / Left walk the selector, + and - raise and lower, N resets to NE, Enter moves on;
    a read-only badge ignores keys."""
    host = QWidget()
    qtbot.addWidget(host)
    badge, following = LevelBadge(parent=host), LevelBadge(parent=host)
    following.move(0, 40)
    shown(qtbot, host)
    badge.setFocus()
    qtbot.waitUntil(badge.hasFocus)
    changes: list[CompetenceLevel] = []
    badge.level_changed.connect(changes.append)
    K = Qt.Key
    for key in [K.Key_Plus, K.Key_Plus, K.Key_Plus, K.Key_Minus, K.Key_Minus, K.Key_Minus,
                K.Key_Minus, K.Key_Left, K.Key_Right, K.Key_Right, K.Key_Right, K.Key_Plus,
                K.Key_N]:  # fmt: skip
        qtbot.keyClick(badge, key)
    assert [c.value for c in changes] == ["+", "++", "+", "-", "---", "-", "---", "NE", "+", "NE"]
    assert badge.is_open()
    qtbot.keyClick(badge, Qt.Key.Key_Return)
    assert following.hasFocus()
    following.set_read_only(True)
    qtbot.keyClick(following, Qt.Key.Key_Plus)
    assert following.level() == CompetenceLevel.NOT_ASSESSED and not following.is_open()


def test_validate_is_disabled_naming_the_missing_field(qtbot, demo_store: Store):
    """Without Conseils (or Constats) the validate button is disabled; its tooltip and a
    visible label name the field; filling it enables the button."""
    page = company_page(qtbot, demo_store)
    form = page.form
    assert form.findings_edit.toPlainText() == DEMO_FINDINGS  # the demo draft, resumed
    assert not form.validate_button.isEnabled()
    assert "« Conseils » est obligatoire" in form.validate_button.toolTip()
    assert "« Conseils » est obligatoire" in form.problems_label.text()
    assert form.problems_label.isVisible()
    qtbot.keyClicks(form.advice_edit, "Soigner les comptes rendus.")
    assert form.validate_button.isEnabled() and form.problems_label.text() == ""
    form.findings_edit.clear()
    assert not form.validate_button.isEnabled()
    assert "« Constats » est obligatoire" in form.validate_button.toolTip()
    assert "Conseils" not in form.problems_label.text()


def test_draft_saves_closes_and_resumes_with_the_same_content(qtbot, demo_store: Store):
    """Saved, closed and reopened, the form resumes the same draft: texts and levels."""
    page = company_page(qtbot, demo_store)
    form = page.form
    choose(qtbot, form.badge("C1"), PLUS)
    form.badge("C5").setFocus()
    qtbot.keyClick(form.badge("C5"), Qt.Key.Key_Plus)
    qtbot.keyClick(form.badge("C5"), Qt.Key.Key_Plus)
    type_text(form.advice_edit, "Préparer seule ses interventions.")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.dirty and form.notice_label.text().startswith("Brouillon enregistré à")
    draft_id = form.snapshot.id
    page.close()

    reopened = company_page(qtbot, demo_store)
    again = reopened.form
    assert again.snapshot.id == draft_id and again.snapshot.is_draft
    assert again.findings_edit.toPlainText() == DEMO_FINDINGS
    assert again.advice_edit.toPlainText() == "Préparer seule ses interventions."
    levels = {code: again.badge(code).level().value for code in ("C1", "C5", "C8", "C9", "C2")}
    assert levels == {"C1": "+", "C5": "++", "C8": "+", "C9": "+", "C2": "NE"}
    assert again.status_label.text().startswith("Brouillon, visible de vous seul")


def test_changing_apprentice_saves_the_draft_first(qtbot, demo_store: Store):
    """Picking another apprentice in the selector keeps what was typed for the first one."""
    page = company_page(qtbot, demo_store)
    type_text(page.form.advice_edit, "À relire.")
    with demo_store.read() as session:
        lucas = session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "BERNARD"))
    page.context.selection.set(lucas)
    assert page.form.heading.text().count("BERNARD Lucas") == 1
    assert page.form.snapshot is None  # nothing stored for Lucas until the tutor saves
    tutor = page.context.actor
    drafts = [r for r in reviews.list_reviews(demo_store, tutor, mina_id(demo_store)) if r.is_draft]
    assert [d.advice for d in drafts] == ["À relire."]
    assert reviews.list_reviews(demo_store, tutor, lucas) == []


@pytest.mark.parametrize("typed", ["confirmation", " CONFIRMATION", "", None])
def test_anything_but_confirmation_leaves_a_draft(qtbot, demo_store, monkeypatch, typed):
    """Lower case, a leading space, nothing or Cancel: the review stays a draft, and says so."""
    page, form = filled_form(qtbot, demo_store, monkeypatch)
    asked = answer(monkeypatch, typed)
    qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
    assert asked and "CONFIRMATION" in asked[0]
    assert form.snapshot.is_draft and not form.is_read_only()
    assert "CONFIRMATION" in form.notice_label.text()
    assert "Le bilan reste un brouillon" in form.notice_label.text()
    stored = reviews.get_review(demo_store, page.context.actor, form.snapshot.id)
    assert stored.status == ReviewStatus.DRAFT
    assert stored.advice == "Préparer seule ses interventions."
    assert form.validate_button.isVisible() and form.badge("C1").is_read_only() is False


def test_confirmation_validates_and_the_form_turns_read_only(qtbot, demo_store, monkeypatch):
    """CONFIRMATION validates: read only, who and when shown; a new review can be started."""
    _page, form = filled_form(qtbot, demo_store, monkeypatch)
    answer(monkeypatch, "CONFIRMATION")
    with qtbot.waitSignal(form.validated) as validated:
        qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
    snapshot = validated.args[0]
    assert snapshot.status == ReviewStatus.VALIDATED
    assert form.is_read_only()
    assert form.findings_edit.isReadOnly() and form.advice_edit.isReadOnly()
    assert all(badge.is_read_only() for badge in form.badges.values())
    assert not form.save_button.isVisible() and not form.validate_button.isVisible()
    status = form.status_label.text()
    assert status.startswith("Validé définitivement le ") and "par LEFEBVRE Thomas" in status
    assert "ne peut plus être modifié" in status
    badge = form.badge("C3")
    hover(qtbot, badge)
    qtbot.keyClick(badge, Qt.Key.Key_Plus)
    assert not badge.is_open() and badge.level() == CompetenceLevel.NOT_ASSESSED
    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    assert form.snapshot is None and not form.is_read_only()
    assert form.findings_edit.toPlainText() == ""


def _two_windows_in_conflict(qtbot, demo_store, monkeypatch, choice):
    """Two windows on the same draft: the first saves, then the second saves its own text;
    the person answers the side-by-side dialog with `choice`."""
    from cpro_desktop.views.activities import ask as activities_ask
    from cpro_desktop.views.activities.conflict import ConflictDialog

    shown_dialogs: list[ConflictDialog] = []

    def run(dialog):
        shown_dialogs.append(dialog)
        dialog.choice = choice
        return 1

    monkeypatch.setattr(activities_ask, "run_dialog", run)
    errors = no_error_box(monkeypatch)
    first_page, second_page = company_page(qtbot, demo_store), company_page(qtbot, demo_store)
    first, second = first_page.form, second_page.form
    type_text(first.advice_edit, "Version de la première fenêtre.")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    type_text(second.advice_edit, "Version de la seconde fenêtre.")
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    assert errors == [] and len(shown_dialogs) == 1
    dialog = shown_dialogs[0]
    assert "enregistré ailleurs" in dialog.findChild(QLabel).text()
    assert "Version de la première fenêtre." in dialog.theirs_view.toPlainText()
    assert "Version de la seconde fenêtre." in dialog.mine_view.toPlainText()
    return first_page, second_page


def test_a_conflict_keeps_what_was_typed_when_one_keeps_his_version(qtbot, demo_store, monkeypatch):
    """Keep mine: the second window's text is saved over the first's, which stays shown
    below the form to copy from; nothing typed is lost."""
    from cpro_desktop.views.activities.conflict import ConflictChoice

    pages = _two_windows_in_conflict(qtbot, demo_store, monkeypatch, ConflictChoice.KEEP_MINE)
    second = pages[1].form
    assert "Version de la seconde fenêtre." in second.advice_edit.toPlainText()
    assert not second.dirty
    assert "Version de la première fenêtre." in second.other_version.text()
    stored = reviews.get_review(demo_store, second.context.actor, second.snapshot.id)
    assert "Version de la seconde fenêtre." in stored.advice


def test_a_conflict_keeps_what_was_typed_when_one_takes_theirs(qtbot, demo_store, monkeypatch):
    """Take theirs: the form shows the stored text, and what this person typed stays shown
    below it to copy from."""
    from cpro_desktop.views.activities.conflict import ConflictChoice

    pages = _two_windows_in_conflict(qtbot, demo_store, monkeypatch, ConflictChoice.TAKE_THEIRS)
    second = pages[1].form
    assert "Version de la première fenêtre." in second.advice_edit.toPlainText()
    assert "Version de la seconde fenêtre." in second.other_version.text()
    assert not second.dirty


def test_a_conflict_then_back_to_editing_keeps_the_text_in_the_form(qtbot, demo_store, monkeypatch):
    """Back to editing: his text stays in the form, unsaved, and the next save replaces
    the stored version without another conflict."""
    from cpro_desktop.views.activities.conflict import ConflictChoice

    pages = _two_windows_in_conflict(qtbot, demo_store, monkeypatch, ConflictChoice.CANCEL)
    second = pages[1].form
    assert "Version de la seconde fenêtre." in second.advice_edit.toPlainText()
    assert second.dirty
    assert second.save()
    stored = reviews.get_review(demo_store, second.context.actor, second.snapshot.id)
    assert "Version de la seconde fenêtre." in stored.advice


def test_hidden_pages_read_only_when_shown(qtbot, demo_store, count_statements):
    """Module pages that are not shown run no query when the selection changes; they read
    when they show."""
    context = context_for(demo_store, "tuteur")
    mina = mina_id(demo_store)
    page, archive = CompanyReviewPage(context), CompetenceReviewsPage(context)
    qtbot.addWidget(page)
    qtbot.addWidget(archive)
    with count_statements(demo_store) as counter:
        context.selection.set(mina)
    assert counter.count == 0
    shown(qtbot, page)
    assert page.form.findings_edit.toPlainText() == DEMO_FINDINGS
    shown(qtbot, archive)
    assert archive.tab_texts()[:2] == ["Comparaison", "01/02/2022 · Centre"]


def test_module_three_is_refused_to_another_tutor(qtbot, demo_store):
    """A tutor who does not tutor the apprentice gets a message, not a form."""
    page = company_page(qtbot, demo_store, "tuteur2")
    form = page.form
    assert form.stack.currentIndex() == form.PAGE_MESSAGE
    assert "maître d'apprentissage" in form.message.text()


# -- the trainer's interim review in the centre ----------------------------------------------


def test_centre_review_with_a_half_point_mark(qtbot, demo_store, monkeypatch):
    """The trainer's dialog takes an optional mark out of 20 in half points: 12,25 blocks
    saving with the service's reason; 13,5 is validated and appears in the comparison."""
    context = context_for(demo_store, "formateur")
    mina = mina_id(demo_store)
    dialog = shown(qtbot, CentreReviewDialog(context, mina))
    form = dialog.form
    assert form.mark_edit is not None and form.snapshot is None
    choose(qtbot, form.badge("C8"), CompetenceLevel.ACQUIRED)
    type_text(form.findings_edit, "Diagnostic méthodique acquis.")
    type_text(form.advice_edit, "Passer au dépannage de moteurs.")
    qtbot.keyClicks(form.mark_edit, "12,25")
    assert not form.save_button.isEnabled() and not form.validate_button.isEnabled()
    assert "demi-points" in form.problems_label.text()
    form.mark_edit.setText("13,5")
    assert form.validate_button.isEnabled()
    answer(monkeypatch, "CONFIRMATION")
    with qtbot.waitSignal(dialog.review_validated):
        qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
    table = reviews.comparison_table(demo_store, context.actor, mina)
    assert table.marks[-1] == "13.5/20" and table.reviews[-1].origin == Origin.CENTRE
    assert table.rows[7][1][-1] == "++"  # C8


def test_closing_the_centre_dialog_keeps_the_draft(qtbot, demo_store):
    """Closing the dialog with typed text saves it as a draft, resumed next time."""
    context = context_for(demo_store, "formateur")
    dialog = shown(qtbot, CentreReviewDialog(context, mina_id(demo_store)))
    type_text(dialog.form.findings_edit, "Écrit avant de fermer.")
    dialog.reject()
    again = shown(qtbot, CentreReviewDialog(context, mina_id(demo_store)))
    assert again.form.findings_edit.toPlainText() == "Écrit avant de fermer."


# -- module 4: the archive -------------------------------------------------------------------


def archive_page(qtbot, store: Store, login: str) -> CompetenceReviewsPage:
    context = context_for(store, login)
    page = shown(qtbot, CompetenceReviewsPage(context))
    context.selection.set(mina_id(store))
    return page


def validated_company_review(store: Store) -> int:
    tutor = authenticate(store, "tuteur", "cpro-demo")
    draft = reviews.start_review(store, tutor, mina_id(store), Origin.COMPANY)
    draft = reviews.save_draft(store, tutor, draft.id, draft.version, findings="Sérieuse.",
                               advice="Oser demander.", levels={})  # fmt: skip
    return reviews.validate_review(store, tutor, draft.id, draft.version, "CONFIRMATION").id


def test_band_of_dates_sorted_with_origins(qtbot, demo_store):
    """The apprentice's band: the comparison, then one tab per validated review by date."""
    page = archive_page(qtbot, demo_store, "apprenti")
    assert page.tab_texts() == [
        "Comparaison",
        "01/02/2022 · Centre",
        "04/07/2022 · Centre",
        "25/01/2023 · Centre",
    ]
    assert page.tabs.currentWidget() is page.comparison
    assert page.print_comparison_button.isEnabled() and not page.print_review_button.isEnabled()


def test_drafts_show_to_their_author_only(qtbot, demo_store):
    """The tutor sees his draft, marked Brouillon; the apprentice, the trainer and the
    guardian do not."""
    tutor_tabs = archive_page(qtbot, demo_store, "tuteur").tab_texts()
    assert tutor_tabs[-1] == "21/07/2023 · Entreprise · Brouillon"
    for login in ("apprenti", "formateur", "parent"):
        tabs = archive_page(qtbot, demo_store, login).tab_texts()
        assert len(tabs) == 4 and not any("Brouillon" in t or "Entreprise" in t for t in tabs)


def test_new_company_review_is_unread_until_opened(qtbot, demo_store):
    """A new validated company review carries the unread marker for the apprentice until he
    clicks its date; then it is read, also after a reload."""
    review_id = validated_company_review(demo_store)
    page = archive_page(qtbot, demo_store, "apprenti")
    texts = page.tab_texts()
    assert texts[-1].startswith("● ") and texts[-1].endswith("· Entreprise")
    assert [t for t in texts if t.startswith("● ")] == [texts[-1]]
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(len(texts) - 1).center())
    tab = page.current_review_tab()
    assert tab is not None and tab.summary.id == review_id
    assert not page.tab_texts()[-1].startswith("● ")
    assert reviews.unread_review_ids(demo_store, page.context.actor) == []
    page.reload()
    assert not page.tab_texts()[-1].startswith("● ")
    trainer = authenticate(demo_store, "formateur", "cpro-demo")
    assert reviews.unread_review_ids(demo_store, trainer) == [review_id]


def test_review_tab_shows_findings_advice_then_levels(qtbot, demo_store, qtmodeltester):
    """A review tab: who and when, Constats and Conseils, then its competence table with each
    level's meaning as tooltip."""
    page = archive_page(qtbot, demo_store, "apprenti")
    tab = page.open_review(page.review_tabs[1].summary.id)
    assert "04/07/2022" in tab.heading.text()
    assert "DURAND Sophie" in tab.facts.text() and "13.5/20" in tab.facts.text()
    assert tab.findings_view.toPlainText().startswith("Nette progression")
    assert tab.advice_view.toPlainText().startswith("Travailler la communication")
    model = tab.model
    qtmodeltester.check(model)
    c4 = model.index(3, ReviewLinesModel.LEVEL)
    assert (
        model.data(model.index(3, 0)) == "C4 - Réaliser une installation de manière éco-responsable"
    )
    assert model.data(c4) == "++"
    assert model.data(c4, Qt.ItemDataRole.ToolTipRole) == (
        "++ : Compétence totalement acquise et transférable"
    )
    assert model.data(c4, LEVEL_ROLE) == CompetenceLevel.ACQUIRED
    assert page.print_review_button.isEnabled()


def test_comparison_model_equals_the_seed(qtbot, demo_store, qtmodeltester):
    """The comparison tab for AZZOUG Mina is the seed's table, with the Note proposée row."""
    page = archive_page(qtbot, demo_store, "tuteur")
    model = page.comparison.model
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Compétences", "01/02/2022", "04/07/2022", "25/01/2023"]
    cells = [
        "\t".join(model.data(model.index(r, c)) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]
    assert "\n".join(cells[:-1]) == SEED_TABLE
    assert cells[-1] == "Note proposée\t\t13.5/20\t12/20"
    tooltip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("- : Compétence en cours d'acquisition") and "Centre" in tooltip


def test_empty_models_pass_the_tester(qtmodeltester):
    """Both models, empty, are valid item models."""
    qtmodeltester.check(ComparisonModel())
    qtmodeltester.check(ReviewLinesModel())


def test_print_buttons_write_the_pdfs(qtbot, demo_store, monkeypatch, tmp_path: Path):
    """The print buttons write the selected review and the comparison where the user chose,
    each logged in the audit trail."""
    page = archive_page(qtbot, demo_store, "parent")
    targets = iter([tmp_path / "comparaison.pdf", tmp_path / "bilan.pdf"])
    monkeypatch.setattr(review_ask, "pdf_target", lambda *_: str(next(targets)))
    qtbot.mouseClick(page.print_comparison_button, Qt.MouseButton.LeftButton)
    page.open_review(page.review_tabs[2].summary.id)
    qtbot.mouseClick(page.print_review_button, Qt.MouseButton.LeftButton)
    for name in ("comparaison.pdf", "bilan.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")
    assert page.notice_label.text() == f"PDF enregistré : {tmp_path / 'bilan.pdf'}"
    reviewed_on = page.review_tabs[2].summary.reviewed_on
    rows = audit.list_events(demo_store, authenticate(demo_store, "admin", "cpro-demo"))
    assert [(r.action, r.actor_login, r.subject, r.detail) for r in rows] == [
        ("print_reviews", "parent", "AZZOUG Mina (1MELEC)", f"Bilan du {reviewed_on:%d/%m/%Y}"),
        ("print_reviews", "parent", "AZZOUG Mina (1MELEC)", "Tableau comparatif des bilans"),
    ]


def test_a_validated_review_in_module_three_appears_in_module_four(qtbot, demo_store, monkeypatch):
    """Validated in module 3, the tutor's review shows in his archive as a company tab."""
    _page, form = filled_form(qtbot, demo_store, monkeypatch)
    answer(monkeypatch, "CONFIRMATION")
    qtbot.mouseClick(form.validate_button, Qt.MouseButton.LeftButton)
    archive = archive_page(qtbot, demo_store, "tuteur")
    assert archive.tab_texts()[-1].endswith("· Entreprise")
    assert "Brouillon" not in archive.tab_texts()[-1]
    assert archive.comparison.model.columnCount() == 5
