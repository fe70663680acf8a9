"""Module 2's screens as users meet them: the page following the selector, the two table
models, the painted rectangles and pills, the frozen label column, the filters, the rating
grid entry by keyboard, and the exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.bench import keep_none_alive
from cpro_desktop.config import Settings
from cpro_desktop.models.enums import Origin, RatingResult
from cpro_desktop.services import audit
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.dashboard import (
    DashboardFilters,
    RatingKind,
    activities_layout,
    activities_snapshot,
    competence_layout,
    competence_snapshot,
)
from cpro_desktop.services.rating_grids import class_grid_form, grid_form
from cpro_desktop.store import Store
from cpro_desktop.views import ask
from cpro_desktop.views.context import AppContext, ApprenticeSelection
from cpro_desktop.views.dashboard import DashboardPage
from cpro_desktop.views.dashboard.grid_dialog import RatingEntryModel, RatingGridDialog
from cpro_desktop.views.dashboard.models import (
    ActivitiesTableModel,
    CompetenceTableModel,
    GroupRole,
    OriginRole,
    ShapeRole,
    ValueRole,
)
from cpro_desktop.views.dashboard.page import CompetenceView
from cpro_desktop.views.dashboard.painters import RESULT_COLORS, Shape, shape_rect


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


@pytest.fixture(autouse=True)
def none_guard() -> None:
    """PySide6 6.12.0 on CPython 3.11 drops a reference to None at every void call: painting
    tables would end in "none_dealloc" (see `cpro_desktop.bench.keep_none_alive`)."""
    keep_none_alive()


def context(store: Store, login: str) -> AppContext:
    return AppContext(
        store, authenticate(store, login, "cpro-demo"), Settings(), ApprenticeSelection()
    )


def apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalars(
            select(m.Apprentice.id).where(m.Apprentice.last_name == last_name)
        ).one()


def open_page(qtbot, store: Store, login: str, last_name: str | None) -> DashboardPage:
    ctx = context(store, login)
    page = DashboardPage(ctx, None)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    if last_name:
        ctx.selection.set(apprentice_id(store, last_name))
    return page


def grid_cells(model) -> list[list[str]]:
    """The table's DisplayRole text, row by row ("" for empty cells)."""
    return [
        [model.index(r, c).data() or "" for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_models_pass_the_model_tester(qtmodeltester, demo_store: Store) -> None:
    """Both dashboard models, empty and full, and the entry model pass qtmodeltester."""
    ctx = context(demo_store, "formateur")
    mina = apprentice_id(demo_store, "AZZOUG")
    competences = CompetenceTableModel()
    qtmodeltester.check(competences)
    competences.set_layout(competence_layout(competence_snapshot(demo_store, ctx.actor, mina)))
    qtmodeltester.check(competences)
    activities = ActivitiesTableModel()
    qtmodeltester.check(activities)
    nathan_reader = context(demo_store, "formateur2").actor
    snapshot = activities_snapshot(demo_store, nathan_reader, apprentice_id(demo_store, "PETIT"))
    activities.set_layout(activities_layout(snapshot))
    qtmodeltester.check(activities)
    single = RatingEntryModel(grid_form(demo_store, ctx.actor, mina))
    qtmodeltester.check(single)
    klass = RatingEntryModel(class_grid_form(demo_store, ctx.actor, 1))
    qtmodeltester.check(klass)


def test_activities_table_is_the_seed_cell_for_cell(qtbot, demo_store: Store) -> None:
    """Nathan's "Vue par activités" on screen is the seed's table: the training year over
    the weeks, the first S38 in the company and the second in the centre, X where done."""
    page = open_page(qtbot, demo_store, "formateur2", "PETIT")
    page.tabs.setCurrentIndex(DashboardPage.ACTIVITIES)
    model = page.activities_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == ["Activités et tâches", "S22", "S26", "S37", "S38", "S38", "S39", "S05"]
    groups = {model.headerData(c, Qt.Orientation.Horizontal, GroupRole) for c in range(1, 8)}
    assert groups == {"Première année de BTS"}
    origins = [model.headerData(c, Qt.Orientation.Horizontal, OriginRole) for c in range(1, 8)]
    assert origins[3] == Origin.COMPANY and origins[4] == Origin.CENTRE
    assert grid_cells(model) == [
        ["Activités et tâches professionnelles définies par le référentiel"] + [""] * 7,
        ["MAINTENANCE CORRECTIVE"] + [""] * 7,
        ["T1.1 Diagnostiquer les pannes", "X", "X", "", "X", "", "X", "X"],
        ["T1.2 Préparer les interventions", "X", "", "", "", "", "X", ""],
        ["T1.3 Effectuer les actions correctives", "", "X", "", "", "", "X", ""],
        ["T1.4 Remettre en service", "", "", "", "", "", "X", ""],
        ["MAINTENANCE PRÉVENTIVE"] + [""] * 7,
        ["T2.1 Mettre en œuvre le plan de maintenance préventive", "X", "", "", "", "X", "", ""],
        ["T2.2 Exploiter les informations recueillies", "", "", "", "", "X", "", ""],
    ]
    company = model.index(2, 4).data(Qt.ItemDataRole.BackgroundRole)
    centre = model.index(2, 5).data(Qt.ItemDataRole.BackgroundRole)
    assert company != centre  # company and centre weeks are told apart


def _column(model: CompetenceTableModel, day: date, origin: Origin) -> int:
    return next(
        c
        for c in range(1, model.columnCount())
        if (info := model.column_at(c)).grid and info.day == day and info.origin == origin
    )


def _row(model: CompetenceTableModel, code: str) -> int:
    return next(
        r
        for r in range(model.rowCount())
        if (line := model.layout.rows[r]).criterion and line.criterion.code == code
    )


def _near(color: QColor, expected: QColor) -> bool:
    return all(
        abs(a - b) <= 12 for a, b in zip(color.getRgb()[:3], expected.getRgb()[:3], strict=True)
    )


def test_grab_shows_rectangles_and_pills_in_the_results_colours(qtbot, demo_store: Store):
    """A centre rating is a rectangle (its corner coloured), a company rating a pill (its
    corner left to the background, its body coloured), each in its result's colour."""
    trainer = context(demo_store, "formateur").actor
    layout = competence_layout(
        competence_snapshot(demo_store, trainer, apprentice_id(demo_store, "AZZOUG"))
    )
    model = CompetenceTableModel()
    view = CompetenceView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_layout(layout)
    view.apply_sizes(model)
    view.resize(1200, 900)
    view.show()
    qtbot.waitExposed(view)
    centre = model.index(_row(model, "C1.2"), _column(model, date(2022, 1, 20), Origin.CENTRE))
    company = model.index(_row(model, "C4.1"), _column(model, date(2022, 3, 10), Origin.COMPANY))
    assert centre.data(ShapeRole) == Shape.RECTANGLE
    assert centre.data(ValueRole) == RatingResult.SUCCESS_ASSISTED
    assert company.data(ShapeRole) == Shape.PILL
    assert company.data(ValueRole) == RatingResult.SUCCESS_AUTONOMOUS
    image = view.viewport().grab().toImage()

    cell = view.visualRect(centre)
    box = shape_rect(cell)
    light_green = RESULT_COLORS[RatingResult.SUCCESS_ASSISTED]
    corner = QPoint(int(box.left()) + 1, int(box.top()) + 1)
    assert _near(image.pixelColor(corner), light_green)
    assert not _near(image.pixelColor(cell.topLeft() + QPoint(1, 1)), light_green)

    cell = view.visualRect(company)
    box = shape_rect(cell)
    dark_green = RESULT_COLORS[RatingResult.SUCCESS_AUTONOMOUS]
    corner = QPoint(int(box.left()) + 1, int(box.top()) + 1)
    body = QPoint(int(box.center().x()) - 7, int(box.center().y()))
    assert not _near(image.pixelColor(corner), dark_green)
    assert _near(image.pixelColor(body), dark_green)


def test_the_label_column_stays_while_the_grids_scroll(qtbot, demo_store: Store) -> None:
    """The frozen copy shows only the labels, as wide as column 0, and follows the rows."""
    page = open_page(qtbot, demo_store, "formateur", "AZZOUG")
    page.show()
    qtbot.waitExposed(page)
    view = page.competence_view
    frozen = view.frozen
    columns = page.competence_model.columnCount()
    assert not frozen.isColumnHidden(0)
    assert all(frozen.isColumnHidden(c) for c in range(1, columns))
    assert frozen.columnWidth(0) == view.columnWidth(0) == frozen.width()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert frozen.isVisible() and frozen.geometry().left() <= view.frameWidth()
    view.verticalScrollBar().setValue(200)
    assert frozen.verticalScrollBar().value() == 200
    assert frozen.rowHeight(0) == view.rowHeight(0) == 30  # a competence heading


def test_the_page_follows_the_selection_and_filters_in_memory(
    qtbot, demo_store: Store, count_statements
) -> None:
    """Choosing an apprentice loads his dashboard; changing the filters re-lays it out
    without a single query."""
    page = open_page(qtbot, demo_store, "formateur", None)
    assert page.message.text() == "Choisissez un apprenti pour afficher son tableau de bord."
    page.context.selection.set(apprentice_id(demo_store, "AZZOUG"))
    assert page.title_label.text() == "AZZOUG Mina — 1MELEC — Bac Pro MELEC"
    model = page.competence_model
    before = model.columnCount()
    assert model.index(1, 0).data() == (
        "C1.1 Les informations nécessaires à l'opération sont recueillies"
    )
    with count_statements(demo_store) as counter:
        page.filters_bar.kind_boxes[RatingKind.COMPANY].setChecked(False)
        unit = page.filters_bar.unit_combo.findText("U33 - Dépannage d'une installation")
        page.filters_bar.unit_combo.setCurrentIndex(unit)
    assert counter.count == 0
    assert model.columnCount() < before
    assert all(model.column_at(c).origin == Origin.CENTRE for c in range(1, model.columnCount()))
    headings = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert headings[0].startswith("C8 - ") and "C1.1" not in " ".join(headings)
    assert page.competence_model.filters == DashboardFilters(
        unit_ids=page.competence_model.filters.unit_ids,
        kinds=frozenset({RatingKind.CENTRE_FORMATIVE, RatingKind.CENTRE_CERTIFYING}),
    )
    page.filters_bar.reset()
    assert model.columnCount() == before


def test_a_tutor_sees_only_his_apprentices_dashboards(qtbot, demo_store: Store) -> None:
    """Mina's tutor reads her dashboard; choosing Nathan (not his) shows the refusal."""
    page = open_page(qtbot, demo_store, "tuteur", "AZZOUG")
    assert page.competence_model.rowCount() > 0 and page.message.isHidden()
    assert page.new_grid_button.isVisibleTo(page) and page.class_grid_button.isHidden()
    page.context.selection.set(apprentice_id(demo_store, "PETIT"))
    assert not page.message.isHidden()
    assert "accès" in page.message.text()
    assert page.competence_model.rowCount() == 0


def test_a_trainer_enters_a_class_grid_with_the_keyboard(
    qtbot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From Mina's dashboard, "Grille de la classe": digits and letters give the results and
    move on; the saved grids show on the dashboard."""
    errors: list[str] = []
    monkeypatch.setattr(ask, "show_error", lambda parent, title, message: errors.append(message))
    page = open_page(qtbot, demo_store, "formateur", "AZZOUG")
    assert page.class_grid_button.isVisibleTo(page)
    page.class_grid_button.click()
    dialog = page.grid_dialog
    assert isinstance(dialog, RatingGridDialog) and dialog.form.is_class_grid
    qtbot.keyClicks(dialog.title_edit, "TP cablage")  # QTest types ASCII only
    dialog.kind_combo.setCurrentIndex(1)  # certificative
    table = dialog.table
    assert table.currentIndex() == dialog.model.index(0, 1)  # Mina, C1.1
    qtbot.keyClicks(table, "1p2")  # Mina: C1.1, C1.2, C1.3 (then on to the next row)
    qtbot.keyClicks(table, "x")  # the second apprentice's C1.1: absent
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # his C1.2: nothing
    qtbot.keyClicks(table, "N")  # his C1.3
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert errors == [] and dialog.saved

    mina = apprentice_id(demo_store, "AZZOUG")
    snapshot = competence_snapshot(demo_store, page.context.actor, mina)
    grid = next(g for g in snapshot.grids if g.title == "TP cablage")
    assert grid.rated_on == date.today() and grid.kind.value == "certifying"
    results = {c: r for (g, c), r in snapshot.ratings.items() if g == grid.id}
    codes = {c.id: c.code for comp in snapshot.competences for c in comp.criteria}
    assert {codes[c]: r for c, r in results.items()} == {
        "C1.1": RatingResult.SUCCESS_AUTONOMOUS,
        "C1.2": RatingResult.PARTIAL,
        "C1.3": RatingResult.SUCCESS_ASSISTED,
    }
    second = dialog.form.apprentices[1].id
    other = competence_snapshot(demo_store, page.context.actor, second)
    grid = next(g for g in other.grids if g.title == "TP cablage")
    assert sorted(r for (g, _), r in other.ratings.items() if g == grid.id) == [
        RatingResult.ABSENT,
        RatingResult.NOT_ASSESSABLE,
    ]
    # The page reloaded: the new grid is a column of Mina's dashboard, right of the line.
    model = page.competence_model
    last = model.column_at(model.columnCount() - 1)
    assert last.grid.title == "TP cablage" and model.boundary_column < model.columnCount() - 1


def test_a_reviewed_grid_is_not_editable_from_the_page(
    qtbot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change button only wakes up on the author's grid not yet reviewed; forcing an
    edit of a reviewed grid shows the service's French refusal."""
    errors: list[str] = []
    monkeypatch.setattr(ask, "show_error", lambda parent, title, message: errors.append(message))
    page = open_page(qtbot, demo_store, "formateur", "AZZOUG")
    model = page.competence_model
    reviewed = _column(model, date(2023, 1, 10), Origin.CENTRE)
    fresh = _column(model, date(2023, 3, 14), Origin.CENTRE)
    page.competence_view.setCurrentIndex(model.index(1, reviewed))
    assert not page.edit_grid_button.isEnabled()
    page.competence_view.setCurrentIndex(model.index(1, fresh))
    assert page.edit_grid_button.isEnabled()
    page.edit_grid(model.column_at(reviewed).grid.id)
    assert len(errors) == 1 and "prise en compte par le bilan intermédiaire validé" in errors[0]
    page.edit_grid_button.click()
    dialog = page.grid_dialog
    assert dialog.form.grid is not None and dialog.form.grid.rated_on == date(2023, 3, 14)
    assert dialog.date_edit.date() == QDate(2023, 3, 14)
    dialog.reject()


def test_exports_write_the_view_as_shown(
    qtbot, demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ "Exporter en PDF / CSV" write the current view: a landscape PDF with its legend, a
    ";" CSV in UTF-8 with a BOM; each is logged in the audit trail."""
    page = open_page(qtbot, demo_store, "formateur", "AZZOUG")
    targets = iter([tmp_path / "vue.pdf", tmp_path / "vue.csv"])
    monkeypatch.setattr(ask, "save_file", lambda *args: str(next(targets)))
    page.pdf_button.click()
    page.csv_button.click()
    reader = PdfReader(tmp_path / "vue.pdf")
    page_box = reader.pages[0].mediabox
    assert page_box.width > page_box.height
    text = " ".join(p.extract_text() for p in reader.pages)
    for words in ("Vue par compétences", "AZZOUG Mina", "Légende", "Réussite partielle",
                  "Bilans intermédiaires de la compétence", "15/11/2021"):  # fmt: skip
        assert words in text
    raw = (tmp_path / "vue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Apprenti;AZZOUG Mina"
    assert lines[3].startswith("Date;15/11/2021;20/01/2022;01/02/2022")
    assert any(line.startswith("Bilans intermédiaires de la compétence;") for line in lines)
    rows = audit.list_events(demo_store, authenticate(demo_store, "admin", "cpro-demo"))
    assert [(r.action, r.actor_login, r.subject, r.detail) for r in rows] == [
        ("print_dashboard", "formateur", "AZZOUG Mina (1MELEC)",
         "Tableau de bord, vue par compétences (CSV)"),
        ("print_dashboard", "formateur", "AZZOUG Mina (1MELEC)",
         "Tableau de bord, vue par compétences (PDF)"),
    ]  # fmt: skip


def test_the_header_names_each_grid(qtbot, demo_store: Store) -> None:
    """A grid column's header gives its date, its tooltip the kind, title and author."""
    page = open_page(qtbot, demo_store, "formateur", "AZZOUG")
    model = page.competence_model
    column = _column(model, date(2022, 5, 12), Origin.CENTRE)
    assert model.headerData(column, Qt.Orientation.Horizontal) == "12/05/2022"
    tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[:4] == [
        "Grille de positionnement du 12/05/2022",
        "Centre — certificatif",
        "CCF U31 — situation 1",
        "Auteur : DURAND Sophie",
    ]
    cell = model.index(_row(model, "C4.1"), column)
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("Réussite totale en autonomie\n")
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is not None
    assert not QModelIndex().isValid()


def test_trainer_starts_an_interim_review_from_the_dashboard(qtbot, demo_store) -> None:
    """The trainer's dashboard opens the centre review form for the selected apprentice;
    a tutor's dashboard offers no such button."""
    from cpro_desktop.views.reviews import CentreReviewDialog

    page = open_page(qtbot, demo_store, "formateur", "AZZOUG")
    page.open_interim_review()
    assert isinstance(page.review_dialog, CentreReviewDialog)
    page.review_dialog.close()
    tutor_page = open_page(qtbot, demo_store, "tuteur", "AZZOUG")
    assert tutor_page.review_button.isHidden()
