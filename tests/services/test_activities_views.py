"""The "Vue par périodes" and "Vue par apprenants" lists, their seed labels, the per-reader
read state, and the bounded number of statements of each list — on every backend."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.services import activities as act
from cpro_desktop.services.activities import PeriodDraft, SheetTexts
from cpro_desktop.store import PermissionDenied, Store
from tests.services.activities_helpers import build_class, demo_actor, portfolio_id


def _mina(store: Store) -> int:
    with store.read() as s:
        return s.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def test_labels_follow_the_seed() -> None:
    """Labels are exactly the seed's strings, with a singular for one sheet."""
    assert (
        act.period_label("PFMP1 - 1er BCP", date(2022, 9, 5), date(2022, 9, 18), 2)
        == "PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022] [2 fiches]"
    )
    assert act.sheets_count_label(1) == "[1 fiche]"
    assert (
        act.sheet_label(2023, 29, date(2023, 7, 4))
        == "Fiche activité : semaine 29 [2023] [dernière modification le : 04/07/2023]"
    )
    assert act.apprentice_label("AZZOUG Mina", "1MELEC", 3) == "AZZOUG Mina (1MELEC) [3 pfmps]"
    assert act.portfolio_label("AZZOUG Mina", "1MELEC", 1) == (
        "AZZOUG Mina (1MELEC) [1 fiche complétée]"
    )


def test_apprentice_view_of_the_demo_prints_the_seed(demo_store: Store) -> None:
    """Mina's tutor sees her three periods and the last period's sheets as the seed does."""
    tutor = demo_actor(demo_store, "tuteur")
    view = act.apprentice_portfolios(demo_store, tutor, _mina(demo_store))
    assert view.label == "AZZOUG Mina (1MELEC) [3 pfmps]"
    assert [p.period_label for p in view.portfolios] == [
        "PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022] [2 fiches]",
        "Test VP 22/09 [du 26/09/2022 au 15/10/2022] [3 fiches]",
        "Test annexe 1MELEC [du 03/07/2023 au 23/07/2023] [3 fiches]",
    ]
    sheets = act.portfolio_sheets(demo_store, tutor, view.portfolios[-1].id).sheets
    assert [s.label for s in sheets] == [
        f"Fiche activité : semaine {w} [2023] [dernière modification le : 04/07/2023]"
        for w in (27, 28, 29)
    ]
    # The demo's read marks: the tutor read week 27 only; week 28 holds two attachments.
    assert [s.unread for s in sheets] == [False, True, True]
    assert [s.attachment_count for s in sheets] == [0, 2, 0]
    assert view.unread_count == 2


def test_period_view_lists_the_readers_portfolios_with_counts(demo_store: Store) -> None:
    """The period view shows one folder per apprentice the reader may read, with the class
    and the completed sheets; the trainer sees the whole class, the tutor his apprentices."""
    tutor, trainer = demo_actor(demo_store, "tuteur"), demo_actor(demo_store, "formateur")
    classes = act.activity_classes(demo_store, tutor)
    melec = next(c for c in classes if c.name == "1MELEC")
    assert not melec.can_manage_periods
    pfmp1 = act.class_periods(demo_store, tutor, melec.id)[0]
    folders = act.period_portfolios(demo_store, tutor, pfmp1.id).portfolios
    assert folders[0].label == "AZZOUG Mina (1MELEC) [2 fiches complétées]"
    assert {f.apprentice_name for f in folders} == {"AZZOUG Mina", "BERNARD Lucas", "DIALLO Moussa"}
    whole_class = act.period_portfolios(demo_store, trainer, pfmp1.id)
    assert len(whole_class.portfolios) == 5
    assert whole_class.can_manage_periods


def test_classes_of_the_current_school_year_come_first(demo_store: Store) -> None:
    """The class picker puts the current school year's classes first, then the newest."""
    admin = demo_actor(demo_store, "admin")
    during_2022 = act.activity_classes(demo_store, admin, today=date(2023, 1, 10))
    assert [(c.name, c.is_current_year) for c in during_2022] == [
        ("1MELEC", True), ("Terminale Bac Pro", True), ("Première année de BTS", False),
    ]  # fmt: skip
    assert all(c.can_manage_periods for c in during_2022)
    during_2023 = act.activity_classes(demo_store, admin, today=date(2023, 10, 2))
    assert during_2023[0].name == "Première année de BTS"
    mina = act.activity_classes(demo_store, demo_actor(demo_store, "apprenti"))
    assert [(c.name, c.can_manage_periods) for c in mina] == [("1MELEC", False)]


def test_others_cannot_open_a_class_they_have_nothing_in(demo_store: Store) -> None:
    """A tutor without apprentices in a class cannot list its periods."""
    other_tutor = demo_actor(demo_store, "tuteur2")
    with demo_store.read() as s:
        class_id = s.scalar(select(m.SchoolClass.id).where(m.SchoolClass.name == "1MELEC"))
    with pytest.raises(PermissionDenied):
        act.class_periods(demo_store, other_tutor, class_id)


def test_read_state_is_per_reader(store: Store) -> None:
    """The tutor reading a sheet does not mark it read for the trainer; the apprentice's next
    edit turns it unread again for both; the apprentice never sees his own as unread."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    period = act.create_period(
        store, world.trainer, world.class_id,
        PeriodDraft("PFMP", date(2023, 3, 6), date(2023, 3, 12)),
    ).period  # fmt: skip
    portfolio = portfolio_id(store, pupil.id, period.id)

    def unread(actor) -> bool:
        (sheet,) = act.portfolio_sheets(store, actor, portfolio).sheets
        return sheet.unread

    (sheet,) = act.portfolio_sheets(store, pupil.actor, portfolio).sheets
    assert not unread(world.tutor), "a generated sheet the apprentice never touched is not new"
    snapshot = act.open_sheet(store, pupil.actor, sheet.id)
    act.save_sheet(store, pupil.actor, sheet.id, SheetTexts(title="Première semaine"),
                   version=snapshot.version)  # fmt: skip
    assert unread(world.tutor) and unread(world.trainer)
    assert not unread(pupil.actor)
    assert act.unread_total(store, world.tutor) == 1

    act.open_sheet(store, world.tutor, sheet.id)
    assert not unread(world.tutor)
    assert unread(world.trainer)
    assert act.unread_total(store, world.tutor) == 0
    assert act.unread_total(store, world.trainer) == 1
    assert act.unread_total(store, pupil.actor) == 0

    act.open_sheet(store, world.trainer, sheet.id)
    latest = act.open_sheet(store, pupil.actor, sheet.id)
    act.save_sheet(store, pupil.actor, sheet.id, SheetTexts(title="Première semaine, suite"),
                   version=latest.version)  # fmt: skip
    assert unread(world.tutor) and unread(world.trainer)
    (entry,) = act.class_periods(store, world.trainer, world.class_id)
    assert entry.unread_count == 1


def test_annotations_do_not_change_the_read_state(store: Store) -> None:
    """A tutor's comment or link leaves the sheet read for the trainer who read it."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    period = act.create_period(
        store, world.trainer, world.class_id,
        PeriodDraft("PFMP", date(2023, 3, 6), date(2023, 3, 12)),
    ).period  # fmt: skip
    (sheet,) = act.portfolio_sheets(store, pupil.actor,
                                    portfolio_id(store, pupil.id, period.id)).sheets  # fmt: skip
    snapshot = act.open_sheet(store, pupil.actor, sheet.id)
    act.save_sheet(store, pupil.actor, sheet.id, SheetTexts(title="T"), version=snapshot.version)
    read = act.open_sheet(store, world.trainer, sheet.id)
    act.add_comment(store, world.tutor, sheet.id, "Bien.")
    act.link_sheet(store, world.tutor, sheet.id,
                   act.SheetLinks(competence_ids=frozenset(world.competence_ids[:1])),
                   links_read=read.links)  # fmt: skip
    assert act.unread_total(store, world.trainer) == 0


def _class_with_period(store: Store, apprentices: int, weeks: int) -> tuple:
    world = build_class(store, apprentices)
    start = date(2023, 1, 2)
    end = date.fromordinal(start.toordinal() + 7 * weeks - 1)
    period = act.create_period(
        store, world.trainer, world.class_id, PeriodDraft("PFMP", start, end)
    ).period
    for pupil in world.apprentices[:3]:
        sheets = act.portfolio_sheets(
            store, pupil.actor, portfolio_id(store, pupil.id, period.id)
        ).sheets
        for sheet in sheets[:2]:
            snap = act.open_sheet(store, pupil.actor, sheet.id)
            act.save_sheet(store, pupil.actor, sheet.id, SheetTexts(title="Écrit"),
                           version=snap.version)  # fmt: skip
        act.add_comment(store, world.tutor, sheets[0].id, "Vu.")
    return world, period


def _statements(count_statements, store: Store, call) -> int:
    with count_statements(store) as counter:
        call()
    return counter.count


def test_period_view_statements_do_not_grow_with_the_class(store: Store, count_statements) -> None:
    """Opening the period view of a 30-apprentice class takes as many statements as of 3."""
    small, small_period = _class_with_period(store, 3, 2)
    large, large_period = _class_with_period(store, 30, 2)
    counts = []
    for world, period in ((small, small_period), (large, large_period)):
        counts.append(
            _statements(
                count_statements, store,
                lambda w=world, p=period: (
                    act.class_periods(store, w.trainer, w.class_id),
                    act.period_portfolios(store, w.trainer, p.id),
                ),
            )
        )  # fmt: skip
    assert counts[0] == counts[1] <= 12
    assert len(act.period_portfolios(store, large.trainer, large_period.id).portfolios) == 30


def test_portfolio_statements_do_not_grow_with_its_sheets(store: Store, count_statements) -> None:
    """Opening a portfolio of 20 sheets takes as many statements as one of 3, and so does its
    logbook and its printing."""
    counts = []
    for weeks in (3, 20):
        world, period = _class_with_period(store, 1, weeks)
        pupil = world.apprentices[0]
        portfolio = portfolio_id(store, pupil.id, period.id)
        counts.append(
            tuple(
                _statements(count_statements, store,
                            lambda read=read, arg=arg, who=world.tutor: read(store, who, arg))
                for read, arg in (
                    (act.portfolio_sheets, portfolio),
                    (act.apprentice_portfolios, pupil.id),
                    (act.logbook_snapshot, portfolio),
                    (act.logbook_print_snapshot, portfolio),
                )
            )
        )  # fmt: skip
        assert len(act.portfolio_sheets(store, world.tutor, portfolio).sheets) == weeks
    assert counts[0] == counts[1]
    # The permission check and one statement each (SQLite's BEGIN included).
    assert counts[0][0] <= 3 and counts[0][2] <= 3


def test_unread_total_covers_every_apprentice_of_the_reader(demo_store: Store) -> None:
    """The module entry's counter: each reader counts the unread sheets of all the
    apprentices he may read (the sum of his classes' period counters), the apprentice none;
    opening a sheet lowers the count of that reader only."""
    readers = {
        login: demo_actor(demo_store, login)
        for login in ("tuteur", "tuteur.orsted", "formateur", "formateur2", "apprenti")
    }
    counts = {login: act.unread_total(demo_store, a) for login, a in readers.items()}
    for login, reader in readers.items():
        per_class = sum(
            period.unread_count
            for school_class in act.activity_classes(demo_store, reader)
            for period in act.class_periods(demo_store, reader, school_class.id)
        )
        assert counts[login] == per_class, login
    assert counts["apprenti"] == 0
    assert counts["formateur"] > counts["tuteur"] > 0, "the trainer reads the whole class"
    view = act.apprentice_portfolios(demo_store, readers["tuteur"], _mina(demo_store))
    unread = next(
        s
        for p in view.portfolios
        for s in act.portfolio_sheets(demo_store, readers["tuteur"], p.id).sheets
        if s.unread
    )
    act.open_sheet(demo_store, readers["tuteur"], unread.id)
    assert act.unread_total(demo_store, readers["tuteur"]) == counts["tuteur"] - 1
    assert act.unread_total(demo_store, readers["formateur"]) == counts["formateur"]


def test_unread_total_statements_do_not_grow_with_the_class(store: Store, count_statements) -> None:
    """Counting the unread sheets of a 30-apprentice class (33 unread) takes as many
    statements as of a 3-apprentice class (6 unread)."""
    small, _ = _class_with_period(store, 3, 2)
    large, large_period = _class_with_period(store, 30, 2)
    for pupil in large.apprentices[3:]:
        portfolio = portfolio_id(store, pupil.id, large_period.id)
        sheet = act.portfolio_sheets(store, pupil.actor, portfolio).sheets[0]
        act.save_sheet(store, pupil.actor, sheet.id, SheetTexts(title="Écrit"),
                       version=act.open_sheet(store, pupil.actor, sheet.id).version)  # fmt: skip
    assert act.unread_total(store, small.trainer) == 6
    assert act.unread_total(store, large.trainer) == 6 + 27
    counts = [
        _statements(count_statements, store, lambda w=world: act.unread_total(store, w.trainer))
        for world in (small, large)
    ]
    assert counts[0] == counts[1] <= 4
