"""The module list's unread counters: a green badge on "Suivi des activités en entreprise"
(sheets changed since the reader last read them) and on "Bilans de compétences" (validated
company reviews not opened), over all the reader's apprentices, that drop as he reads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.config import Settings
from cpro_desktop.models.enums import Origin
from cpro_desktop.services import activities as act
from cpro_desktop.services import reviews
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.permissions import Module
from cpro_desktop.store import Store
from cpro_desktop.views.activities import ActivitiesPage, ask
from cpro_desktop.views.badges import BADGE_GREEN
from cpro_desktop.views.context import AppContext, ApprenticeSelection
from cpro_desktop.views.main_window import MainWindow
from cpro_desktop.views.reviews import CompetenceReviewsPage


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Module 1's error messages recorded instead of shown (a test expects none)."""
    shown: list[str] = []
    monkeypatch.setattr(ask, "show_error", lambda parent, title, message: shown.append(message))
    yield shown


def open_window(qtbot, store: Store, login: str) -> MainWindow:
    actor = authenticate(store, login, "cpro-demo")
    settings = Settings(tile_server_url="")
    window = MainWindow(AppContext(store, actor, settings, ApprenticeSelection()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def mina_id(store: Store) -> int:
    with store.read() as s:
        return s.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def validated_company_review(store: Store) -> int:
    tutor = authenticate(store, "tuteur", "cpro-demo")
    draft = reviews.start_review(store, tutor, mina_id(store), Origin.COMPANY)
    draft = reviews.save_draft(store, tutor, draft.id, draft.version, findings="Sérieuse.",
                               advice="Oser demander.", levels={})  # fmt: skip
    return reviews.validate_review(store, tutor, draft.id, draft.version, "CONFIRMATION").id


def entry(window: MainWindow, module: Module):
    return window.module_list.item(window.modules.index(module))


def green_pixels(window: MainWindow, module: Module) -> int:
    """How many pixels of the entry's painted row are the badge's green."""
    image = window.module_list.viewport().grab().toImage()
    rect = window.module_list.visualItemRect(entry(window, module))
    green = BADGE_GREEN.rgb()
    return sum(
        image.pixel(x, y) == green
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    )


def test_tutor_sees_his_unread_sheets_and_the_count_drops_as_he_reads(
    qtbot, demo_store, errors
) -> None:
    """The tutor's module 1 entry shows his unread sheets over all his apprentices (a green
    badge, said in the tooltip), the title unchanged; opening one lowers it by one."""
    window = open_window(qtbot, demo_store, "tuteur")
    expected = act.unread_total(demo_store, window.context.actor)
    assert expected > 1
    assert window.unread(Module.ACTIVITIES) == expected
    item = entry(window, Module.ACTIVITIES)
    assert item.text() == "Suivi des activités en entreprise"
    assert item.toolTip() == (
        f"{expected} fiches activité nouvelles ou modifiées depuis votre dernière lecture"
    )
    assert green_pixels(window, Module.ACTIVITIES) > 0
    for module in window.modules[1:]:
        assert window.unread(module) == 0 and green_pixels(window, module) == 0, module
        assert entry(window, module).toolTip() == ""

    window.open_module(Module.ACTIVITIES)
    page = window.pages.currentWidget()
    assert isinstance(page, ActivitiesPage)
    view = act.apprentice_portfolios(demo_store, window.context.actor, mina_id(demo_store))
    unread = next(
        s
        for p in view.portfolios
        for s in act.portfolio_sheets(demo_store, window.context.actor, p.id).sheets
        if s.unread
    )
    with qtbot.waitSignal(page.unread_changed) as changed:
        dialog = page.periods_tab.browser.open_sheet(unread.id)
    assert dialog is not None
    dialog.reject()
    assert changed.args == [expected - 1]
    assert window.unread(Module.ACTIVITIES) == expected - 1
    assert str(expected - 1) in entry(window, Module.ACTIVITIES).toolTip()
    assert errors == []


def test_trainer_sees_a_new_review_on_competence_reviews_until_he_opens_it(
    qtbot, demo_store
) -> None:
    """A review the tutor validated shows as "1" on the trainer's Bilans de compétences
    entry (and in its accessible text); opening its tab in the archive clears the badge."""
    review_id = validated_company_review(demo_store)
    window = open_window(qtbot, demo_store, "formateur")
    assert window.unread(Module.COMPETENCE_REVIEWS) == 1
    item = entry(window, Module.COMPETENCE_REVIEWS)
    assert item.toolTip() == "1 bilan entreprise validé pas encore lu"
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Bilans de compétences — 1 bilan entreprise validé pas encore lu"
    )
    assert green_pixels(window, Module.COMPETENCE_REVIEWS) > 0

    window.context.selection.set(mina_id(demo_store))
    window.open_module(Module.COMPETENCE_REVIEWS)
    page = window.pages.currentWidget()
    assert isinstance(page, CompetenceReviewsPage)
    with qtbot.waitSignal(page.unread_changed) as changed:
        page.open_review(review_id)
    assert changed.args == [0]
    assert window.unread(Module.COMPETENCE_REVIEWS) == 0
    assert item.toolTip() == "" and green_pixels(window, Module.COMPETENCE_REVIEWS) == 0
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Bilans de compétences"


def test_the_tutor_is_not_told_of_his_own_review_and_the_apprentice_has_no_badge(
    qtbot, demo_store
) -> None:
    """The review's author, and an apprentice (who reads nobody's sheets), see no counter;
    the apprentice does see his tutor's new review."""
    validated_company_review(demo_store)
    tutor = open_window(qtbot, demo_store, "tuteur")
    assert tutor.unread(Module.COMPANY_REVIEWS) == tutor.unread(Module.COMPETENCE_REVIEWS) == 0
    apprentice = open_window(qtbot, demo_store, "apprenti")
    assert [apprentice.unread(module) for module in apprentice.modules] == [0, 0, 1, 0]
    assert green_pixels(apprentice, Module.ACTIVITIES) == 0
