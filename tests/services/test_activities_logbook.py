"""The logbook wizard's data: its six pages, the apprentice's page 1 with optimistic locking,
and the weekly task grid shared by the apprentice and the tutor — on every backend."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.enums import Origin
from cpro_desktop.services import activities as act
from cpro_desktop.services.activities import IsoWeek, LogbookConflict, LogbookTexts, PeriodDraft
from cpro_desktop.store import PermissionDenied, Store, ValidationError
from tests.services.activities_helpers import build_class, demo_actor, portfolio_id


def _mina_portfolios(store: Store) -> list[int]:
    with store.read() as s:
        return list(
            s.scalars(
                select(m.Portfolio.id)
                .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
                .join(m.Period, m.Period.id == m.Portfolio.period_id)
                .where(m.Apprentice.last_name == "AZZOUG")
                .order_by(m.Period.start_date)
            )
        )


def test_logbook_pages_of_the_demo(demo_store: Store) -> None:
    """Mina's first logbook shows the company and tutor, the plan, the map location, her
    sheets, the weekly grid and the period review."""
    tutor = demo_actor(demo_store, "tuteur")
    pages = act.logbook_snapshot(demo_store, tutor, _mina_portfolios(demo_store)[0])
    assert pages.company is not None
    assert pages.company.full_address == "8 avenue Pasteur, 93100 Montreuil"
    assert (pages.company.latitude, pages.company.longitude) == (48.8638, 2.4485)
    assert pages.tutor is not None and pages.tutor.name == "LEFEBVRE Thomas"
    assert pages.referent is not None and pages.referent.name == "DURAND Sophie"
    assert pages.texts.place_of_work.startswith("Chantiers de l'entreprise")
    assert [t.code for t in pages.plan.planned_tasks] == ["T1.1", "T1.2", "T2.1"]
    assert pages.plan.objectives.startswith("Découvrir l'entreprise")
    assert [s.iso_week for s in pages.sheets] == [36, 37]
    grid = pages.task_grid
    assert [str(w) for w in grid.weeks] == ["2022-W36", "2022-W37"]
    codes = {t.id: t.code for a in grid.areas for t in a.tasks}
    assert sorted((codes[t], w.week) for t, w in grid.cells) == [
        ("T1.1", 36), ("T1.2", 36), ("T2.1", 37),
    ]  # fmt: skip
    assert all(c.by_apprentice for c in grid.entries)
    assert pages.review.appreciation.startswith("Mina s'est bien intégrée")
    assert (pages.can_write, pages.can_annotate, pages.can_review) == (False, True, True)


def test_apprentice_saves_page_one_with_a_version(store: Store) -> None:
    """Page 1 is saved by the apprentice only; a stale save raises LogbookConflict with
    both texts, and forcing over the seen version keeps his."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    period = act.create_period(
        store,
        world.trainer,
        world.class_id,
        PeriodDraft("PFMP", date(2023, 3, 6), date(2023, 3, 12)),
    ).period
    portfolio = portfolio_id(store, pupil.id, period.id)
    read = act.logbook_snapshot(store, pupil.actor, portfolio)
    texts = LogbookTexts("Atelier de Montreuil", "M. Tuteur 06 00 00 00 00", "PME de 12 salariés")
    saved = act.save_logbook(store, pupil.actor, portfolio, texts, version=read.logbook_version)
    assert saved.texts == texts
    assert act.logbook_snapshot(store, world.tutor, portfolio).texts == texts
    with pytest.raises(PermissionDenied):
        act.save_logbook(store, world.tutor, portfolio, texts, version=saved.logbook_version)
    mine = LogbookTexts("Autre lieu", "", "")
    with pytest.raises(LogbookConflict) as conflict:
        act.save_logbook(store, pupil.actor, portfolio, mine, version=read.logbook_version)
    assert conflict.value.theirs == texts and conflict.value.mine == mine
    forced = act.save_logbook(store, pupil.actor, portfolio, mine, version=read.logbook_version,
                              force_over_version=conflict.value.theirs_version)  # fmt: skip
    assert forced.texts == mine


def test_task_grid_is_shared_by_apprentice_and_tutor(store: Store) -> None:
    """The apprentice ticks, the tutor selects tasks entrusted, each save applies only its
    own changes; weeks outside the period and strangers are refused."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    period = act.create_period(
        store,
        world.trainer,
        world.class_id,
        PeriodDraft("PFMP", date(2023, 3, 6), date(2023, 3, 19)),
    ).period
    portfolio = portfolio_id(store, pupil.id, period.id)
    w10, w11 = IsoWeek(2023, 10), IsoWeek(2023, 11)
    t1, t2, t3 = world.task_ids[:3]
    seen_by_pupil = act.logbook_snapshot(store, pupil.actor, portfolio).task_grid
    seen_by_tutor = act.logbook_snapshot(store, world.tutor, portfolio).task_grid
    assert seen_by_pupil.weeks == (w10, w11) and not seen_by_pupil.cells

    act.save_task_grid(store, pupil.actor, portfolio, {(t1, w10), (t2, w10)},
                       cells_read=seen_by_pupil.cells)  # fmt: skip
    grid = act.save_task_grid(store, world.tutor, portfolio, {(t3, w11)},
                              cells_read=seen_by_tutor.cells)  # fmt: skip
    assert grid.cells == {(t1, w10), (t2, w10), (t3, w11)}
    assert grid.cell(t3, w11).by_apprentice is False
    assert grid.cell(t1, w10).by_apprentice is True

    grid = act.save_task_grid(store, world.tutor, portfolio, grid.cells - {(t2, w10)},
                              cells_read=grid.cells)  # fmt: skip
    assert grid.cells == {(t1, w10), (t3, w11)}
    with pytest.raises(ValidationError):
        act.save_task_grid(store, pupil.actor, portfolio, {(t1, IsoWeek(2023, 12))},
                           cells_read=set())  # fmt: skip
    for stranger in (world.other_tutor, world.guardian):
        with pytest.raises(PermissionDenied):
            act.save_task_grid(store, stranger, portfolio, set(), cells_read=set())


def test_week_bounds_hold_every_iso_week_on_both_backends(store: Store) -> None:
    """The SQL bounds of the weeks the logbook's grid reads hold the ISO week of any day,
    around every new year (where ISO and calendar years part), a few weeks wide at most."""
    from datetime import timedelta

    from sqlalchemy import Date, literal

    from cpro_desktop.services.activities.logbook import week_key_bounds

    days = [date(2015, 6, 15), date(2024, 2, 29), date(2024, 3, 1)]
    for year in range(2015, 2030):
        days += [date(year, 12, 24) + timedelta(days=n) for n in range(15)]
    with store.read() as session:
        for day in days:
            given = literal(day, Date)
            low, high = session.execute(select(*week_key_bounds(given, given))).one()
            iso = day.isocalendar()
            key = iso.year * 100 + iso.week
            assert low <= key <= high, (day, low, key, high)
            assert high - low <= 2 or (low % 100 >= 52 and high % 100 <= 2), (day, low, high)


def test_a_logbook_page_reads_only_what_it_shows(store: Store, count_statements) -> None:
    """The weekly page reads the logbook's header, its sheets and its grid, nothing of the
    other pages, in as many statements for a period of 20 weeks as of 3; the grid keeps
    only the period's weeks of the apprentice's log."""
    counts = []
    for weeks in (3, 20):
        world = build_class(store, 1)
        pupil = world.apprentices[0]
        start = date(2023, 12, 25)  # across a new year
        end = date.fromordinal(start.toordinal() + 7 * weeks - 1)
        period = act.create_period(
            store, world.trainer, world.class_id, PeriodDraft("PFMP", start, end)
        ).period
        portfolio = portfolio_id(store, pupil.id, period.id)
        first, last = IsoWeek(2023, 52), act.iso_weeks(start, end)[-1]
        before = IsoWeek(2023, 51)
        task = world.task_ids[0]
        with store.write() as s:
            for week in (before, first, last):
                s.add(m.TaskLog(apprentice_id=pupil.id, task_id=task, iso_year=week.year,
                                iso_week=week.week, origin=Origin.COMPANY))  # fmt: skip
        with count_statements(store) as counter:
            part = act.logbook_parts(store, world.tutor, portfolio, {act.LogbookPart.WEEKLY})
        counts.append(counter.count)
        assert part.plan is None and part.attachments is None and part.review is None
        assert part.task_grid is not None and part.sheets is not None
        assert len(part.sheets) == weeks and part.task_grid.weeks[0] == first
        assert part.task_grid.cells == {(task, first), (task, last)}
        assert part.portfolio.sheet_count == weeks
        whole = act.logbook_snapshot(store, world.tutor, portfolio)
        assert whole.task_grid == part.task_grid and whole.sheets == part.sheets
    assert counts[0] == counts[1] <= 3  # SQLite's BEGIN included
