"""Periods and their plan: generation of portfolios and weekly sheets, date changes that
never lose written content, and who may manage periods — on every backend."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.services import activities as act
from cpro_desktop.services.activities import PeriodDraft, SheetTexts
from cpro_desktop.store import ConflictError, PermissionDenied, Store, ValidationError
from tests.services.activities_helpers import (
    add_apprentice,
    build_class,
    demo_actor,
    portfolio_id,
    seed_dates,
    sheet_weeks,
)


def _draft(name: str, start: date, end: date, **extra) -> PeriodDraft:
    return PeriodDraft(name=name, start_date=start, end_date=end, **extra)


@pytest.mark.parametrize(("name", "start", "end", "weeks"), seed_dates())
def test_seed_periods_generate_one_sheet_per_iso_week(
    store: Store, name: str, start: date, end: date, weeks: list[tuple[int, int]]
) -> None:
    """Saving a seed period gives each apprentice a portfolio, a logbook and its ISO weeks."""
    world = build_class(store, 3)
    saved = act.create_period(store, world.trainer, world.class_id, _draft(name, start, end))

    assert [(w.year, w.week) for w in saved.period.weeks] == weeks
    assert saved.generation.portfolios_created == 3
    assert saved.generation.sheets_created == 3 * len(weeks)
    assert saved.period.label.startswith(f"{name} [du {start:%d/%m/%Y} au {end:%d/%m/%Y}]")
    for pupil in world.apprentices:
        portfolio = portfolio_id(store, pupil.id, saved.period.id)
        assert sheet_weeks(store, portfolio) == [(y, w, False) for y, w in weeks]
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Logbook)) == 3


@pytest.mark.parametrize(
    ("start", "end", "weeks"),
    [
        (date(2022, 12, 26), date(2023, 1, 8), [(2022, 52), (2023, 1)]),
        (date(2020, 12, 28), date(2021, 1, 3), [(2020, 53)]),
        (date(2020, 12, 23), date(2021, 1, 6), [(2020, 52), (2020, 53), (2021, 1)]),
    ],
)
def test_period_across_a_year_end_uses_iso_years(
    store: Store, start: date, end: date, weeks: list[tuple[int, int]]
) -> None:
    """Weeks across New Year carry their ISO year: week 52/53 is followed by week 1."""
    world = build_class(store, 1)
    saved = act.create_period(store, world.trainer, world.class_id, _draft("PFMP", start, end))
    portfolio = portfolio_id(store, world.apprentices[0].id, saved.period.id)
    assert sheet_weeks(store, portfolio) == [(y, w, False) for y, w in weeks]
    sheets = act.portfolio_sheets(store, world.trainer, portfolio).sheets
    assert [s.label.split(" [dernière")[0] for s in sheets] == [
        f"Fiche activité : semaine {w} [{y}]" for y, w in weeks
    ]


def test_demo_periods_are_already_in_line(demo_store: Store) -> None:
    """Re-saving the seed's periods of 1MELEC with their own dates changes nothing."""
    trainer = demo_actor(demo_store, "formateur")
    with demo_store.read() as s:
        class_id = s.scalar(select(m.SchoolClass.id).where(m.SchoolClass.name == "1MELEC"))
    assert act.ensure_portfolios(demo_store, trainer, class_id) == act.GenerationReport()
    periods = act.class_periods(demo_store, trainer, class_id)
    assert [(p.label) for p in periods] == [
        "PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022] [2 fiches]",
        "Test VP 22/09 [du 26/09/2022 au 15/10/2022] [3 fiches]",
        "Test annexe 1MELEC [du 03/07/2023 au 23/07/2023] [3 fiches]",
    ]
    detail = act.period_detail(demo_store, trainer, periods[0].id)
    saved = act.update_period(
        demo_store,
        trainer,
        detail.id,
        _draft(detail.name, detail.start_date, detail.end_date,
               objectives=detail.plan.objectives,
               planned_activities=detail.plan.planned_activities,
               planned_task_ids=detail.planned_task_ids),
        version=detail.version,
        plan_version=detail.plan_version,
    )  # fmt: skip
    assert saved.generation == act.GenerationReport()
    assert [t.code for t in saved.period.plan.planned_tasks] == ["T1.1", "T1.2", "T2.1"]


def test_date_change_keeps_written_sheets_retired_then_restores_them(store: Store) -> None:
    """Shortening a period deletes only empty sheets; written ones are retired with their
    content, and lengthening it again brings them back intact."""
    world = build_class(store, 2)
    pupil = world.apprentices[0]
    saved = act.create_period(
        store, world.trainer, world.class_id, _draft("PFMP", date(2023, 3, 6), date(2023, 3, 26))
    )  # weeks 10, 11, 12
    period = saved.period
    portfolio = portfolio_id(store, pupil.id, period.id)
    sheets = act.portfolio_sheets(store, pupil.actor, portfolio).sheets
    written = act.open_sheet(store, pupil.actor, sheets[1].id)
    act.save_sheet(
        store, pupil.actor, written.id, SheetTexts(title="Câblage", description="J'ai câblé."),
        version=written.version,
    )  # fmt: skip
    act.add_comment(store, world.tutor, sheets[2].id, "Pense à la fiche.")

    shorter = act.update_period(
        store, world.trainer, period.id, _draft("PFMP", date(2023, 3, 6), date(2023, 3, 12)),
        version=period.version, plan_version=period.plan_version,
    )  # fmt: skip

    # The other apprentice's empty weeks 11 and 12 go; this one's written week 11 and
    # commented week 12 stay, retired.
    assert shorter.generation.sheets_deleted == 2
    assert shorter.generation.sheets_retired == 2
    assert sheet_weeks(store, portfolio) == [(2023, 10, False), (2023, 11, True), (2023, 12, True)]
    other = portfolio_id(store, world.apprentices[1].id, period.id)
    assert sheet_weeks(store, other) == [(2023, 10, False)]
    listing = act.portfolio_sheets(store, world.trainer, portfolio)
    assert listing.portfolio.sheet_count == 1
    assert listing.portfolio.retired_count == 2
    assert [s.retired for s in listing.sheets] == [False, True, True]
    kept = act.open_sheet(store, world.trainer, sheets[1].id)
    assert (kept.texts.title, kept.texts.description, kept.retired) == (
        "Câblage", "J'ai câblé.", True,
    )  # fmt: skip

    again = act.update_period(
        store, world.trainer, period.id, _draft("PFMP", date(2023, 3, 6), date(2023, 3, 26)),
        version=shorter.period.version, plan_version=shorter.period.plan_version,
    )  # fmt: skip
    assert again.generation.sheets_restored == 2
    assert again.generation.sheets_created == 2  # the other apprentice's empty weeks
    assert sheet_weeks(store, portfolio) == [(2023, 10, False), (2023, 11, False),
                                             (2023, 12, False)]  # fmt: skip
    restored = act.open_sheet(store, world.trainer, sheets[1].id)
    assert restored.texts.description == "J'ai câblé."
    assert [c.body for c in act.open_sheet(store, world.trainer, sheets[2].id).comments] == [
        "Pense à la fiche."
    ]


def test_retired_sheet_is_deleted_only_on_purpose(store: Store) -> None:
    """A retired sheet is deleted only by `delete_retired_sheet`, and only while retired."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    period = act.create_period(
        store, world.trainer, world.class_id, _draft("PFMP", date(2023, 3, 6), date(2023, 3, 19))
    ).period
    portfolio = portfolio_id(store, pupil.id, period.id)
    first, second = act.portfolio_sheets(store, pupil.actor, portfolio).sheets
    snapshot = act.open_sheet(store, pupil.actor, second.id)
    act.save_sheet(store, pupil.actor, second.id, SheetTexts(title="Écrit"),
                   version=snapshot.version)  # fmt: skip
    with pytest.raises(ValidationError):
        act.delete_retired_sheet(store, world.trainer, first.id, version=1)
    act.update_period(
        store, world.trainer, period.id, _draft("PFMP", date(2023, 3, 6), date(2023, 3, 12)),
        version=period.version, plan_version=period.plan_version,
    )  # fmt: skip
    retired = act.open_sheet(store, world.trainer, second.id)
    assert retired.retired
    with pytest.raises(PermissionDenied):
        act.delete_retired_sheet(store, world.tutor, second.id, version=retired.version)
    with pytest.raises(ConflictError):
        act.delete_retired_sheet(store, world.trainer, second.id, version=retired.version - 1)
    act.delete_retired_sheet(store, world.trainer, second.id, version=retired.version)
    assert sheet_weeks(store, portfolio) == [(2023, 10, False)]


def test_new_apprentice_gets_portfolios_on_demand(store: Store) -> None:
    """An apprentice who joins the class gets his portfolios from `ensure_portfolios`."""
    world = build_class(store, 2)
    act.create_period(
        store, world.trainer, world.class_id, _draft("PFMP1", date(2023, 3, 6), date(2023, 3, 19))
    )
    act.create_period(
        store, world.trainer, world.class_id, _draft("PFMP2", date(2023, 5, 1), date(2023, 5, 5))
    )
    newcomer = add_apprentice(store, world)
    report = act.ensure_portfolios(store, world.trainer, world.class_id)
    assert (report.portfolios_created, report.sheets_created) == (2, 3)
    assert len(act.apprentice_portfolios(store, world.trainer, newcomer.id).portfolios) == 2
    assert act.ensure_portfolios(store, world.trainer, world.class_id) == act.GenerationReport()


def test_plan_is_saved_with_tasks_of_the_class_framework(store: Store) -> None:
    """The plan keeps its objectives and planned tasks; tasks of another framework are refused."""
    world = build_class(store, 1)
    other = build_class(store, 1)
    framework = act.class_framework(store, world.trainer, world.class_id)
    assert [t.code for t in framework[0].tasks] == ["T1.1", "T1.2", "T1.3"]
    draft = _draft(
        "PFMP",
        date(2023, 3, 6),
        date(2023, 3, 19),
        objectives="Découvrir.",
        planned_activities="Câbler.",
        planned_task_ids=frozenset(world.task_ids[:2]),
    )
    detail = act.create_period(store, world.trainer, world.class_id, draft).period
    assert detail.plan.objectives == "Découvrir."
    assert detail.planned_task_ids == frozenset(world.task_ids[:2])
    with pytest.raises(ValidationError) as refused:
        act.update_period(
            store, world.trainer, detail.id,
            _draft("PFMP", date(2023, 3, 6), date(2023, 3, 19),
                   planned_task_ids=frozenset({other.task_ids[0]})),
            version=detail.version, plan_version=detail.plan_version,
        )  # fmt: skip
    assert refused.value.field == "planned_task_ids"


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (PeriodDraft("  ", date(2023, 3, 6), date(2023, 3, 19)), "name"),
        (PeriodDraft("P", date(2023, 3, 19), date(2023, 3, 6)), "end_date"),
        (PeriodDraft("P", date(2023, 1, 2), date(2024, 6, 30)), "end_date"),
    ],
)
def test_invalid_periods_are_refused(store: Store, draft: PeriodDraft, field: str) -> None:
    """No name, dates in the wrong order or a period over a year are refused by field."""
    world = build_class(store, 1)
    with pytest.raises(ValidationError) as refused:
        act.create_period(store, world.trainer, world.class_id, draft)
    assert refused.value.field == field
    assert str(refused.value)


def test_period_names_are_unique_in_a_class(store: Store) -> None:
    """A second period with the same name (any case) in the class is refused in French."""
    world = build_class(store, 1)
    act.create_period(store, world.trainer, world.class_id,
                      _draft("PFMP1", date(2023, 3, 6), date(2023, 3, 19)))  # fmt: skip
    with pytest.raises(ValidationError, match="déjà une période nommée « pfmp1 »"):
        act.create_period(store, world.trainer, world.class_id,
                          _draft("pfmp1", date(2023, 5, 1), date(2023, 5, 5)))  # fmt: skip


def test_stale_period_version_is_a_conflict(store: Store) -> None:
    """Saving a period read before someone else's save raises ConflictError, changing nothing."""
    world = build_class(store, 1)
    first = act.create_period(
        store, world.trainer, world.class_id, _draft("PFMP", date(2023, 3, 6), date(2023, 3, 19))
    ).period
    act.update_period(store, world.admin, first.id,
                      _draft("PFMP bis", first.start_date, first.end_date),
                      version=first.version, plan_version=first.plan_version)  # fmt: skip
    with pytest.raises(ConflictError):
        act.update_period(store, world.trainer, first.id,
                          _draft("PFMP ter", first.start_date, date(2023, 3, 26)),
                          version=first.version, plan_version=first.plan_version)  # fmt: skip
    assert act.period_detail(store, world.trainer, first.id).name == "PFMP bis"


def test_only_the_class_trainers_and_the_admin_manage_periods(store: Store) -> None:
    """Tutors, apprentices and another class's trainer may not create a period."""
    world = build_class(store, 1)
    other = build_class(store, 1)
    draft = _draft("PFMP", date(2023, 3, 6), date(2023, 3, 19))
    for actor in (world.tutor, world.apprentices[0].actor, other.trainer, world.guardian):
        with pytest.raises(PermissionDenied):
            act.create_period(store, actor, world.class_id, draft)
    assert act.create_period(store, world.admin, world.class_id, draft).period.portfolio_count == 1
