"""Module 2's read side (`services.dashboard`): the seed's tables from the demo store, the
black line, the reviews row, the filters (in memory), permissions, and a constant number of
statements whatever the size of the store."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, literal, select, union_all

from cpro_desktop import models as m
from cpro_desktop.demo.scale import generate_scale
from cpro_desktop.demo.world import SEED_REVIEW_DATES, SEED_REVIEW_LEVELS
from cpro_desktop.models.enums import (
    CompetenceLevel,
    GridKind,
    Origin,
    RatingResult,
    ReviewStatus,
    Role,
)
from cpro_desktop.services.dashboard import (
    DashboardFilters,
    RatingKind,
    RowKind,
    activities_layout,
    activities_snapshot,
    competence_layout,
    competence_snapshot,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import PermissionDenied, Store

SEED_ACTIVITIES = [
    ("Activités et tâches professionnelles définies par le référentiel", "......."),
    ("MAINTENANCE CORRECTIVE", "......."),
    ("T1.1 Diagnostiquer les pannes", "XX.X.XX"),
    ("T1.2 Préparer les interventions", "X....X."),
    ("T1.3 Effectuer les actions correctives", ".X...X."),
    ("T1.4 Remettre en service", ".....X."),
    ("MAINTENANCE PRÉVENTIVE", "......."),
    ("T2.1 Mettre en œuvre le plan de maintenance préventive", "X...X.."),
    ("T2.2 Exploiter les informations recueillies", "....X.."),
]


def actor(store: Store, login: str) -> Actor:
    with store.read() as session:
        account = session.scalars(select(m.Account).where(m.Account.login == login)).one()
        return Actor(account.id, account.role, account.login, account.display_name)


def apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalars(
            select(m.Apprentice.id).where(m.Apprentice.last_name == last_name)
        ).one()


def test_activities_view_is_the_seed_table(demo_store: Store) -> None:
    """PETIT Nathan's "Vue par activités" is the seed's: S22 … S05 under "Première année de
    BTS", the first S38 in the company and the second in the centre, an X where done."""
    snapshot = activities_snapshot(
        demo_store, actor(demo_store, "formateur2"), apprentice_id(demo_store, "PETIT")
    )
    layout = activities_layout(snapshot)
    assert [c.label for c in layout.columns] == ["S22", "S26", "S37", "S38", "S38", "S39", "S05"]
    assert [c.origin for c in layout.columns] == [Origin.COMPANY] * 4 + [Origin.CENTRE] + [
        Origin.COMPANY
    ] * 2
    assert layout.groups() == [("Première année de BTS", 0, 6)]
    table = [
        (row.label, "".join("X" if layout.done(r, c) else "." for c in range(7)))
        for r, row in enumerate(layout.rows)
    ]
    assert table == SEED_ACTIVITIES


def test_black_line_follows_the_latest_validated_review(demo_store: Store) -> None:
    """The line sits after the last grid dated on or before the latest validated review
    (25/01/2023); a draft review does not move it; a newly validated one does."""
    mina = apprentice_id(demo_store, "AZZOUG")
    trainer = actor(demo_store, "formateur")
    layout = competence_layout(competence_snapshot(demo_store, trainer, mina))
    assert layout.boundary is not None
    left = layout.columns[: layout.boundary + 1]
    right = layout.columns[layout.boundary + 1 :]
    assert [c.grid.rated_on for c in left if c.grid][-1] == date(2023, 1, 10)
    assert all(c.day <= date(2023, 1, 25) for c in left)
    assert left[-1].review is not None and left[-1].day == date(2023, 1, 25)
    assert [c.grid.rated_on for c in right if c.grid] == [date(2023, 3, 14)]
    assert all(c.grid.taken_into_account for c in left if c.grid)
    assert not any(c.grid.taken_into_account for c in right if c.grid)

    with demo_store.write() as session:
        review = m.CompetenceReview(
            apprentice_id=mina,
            origin=Origin.CENTRE,
            author_id=trainer.account_id,
            reviewed_on=date(2023, 3, 20),
            findings="Constats",
            advice="Conseils",
            status=ReviewStatus.DRAFT,
        )
        session.add(review)
        session.flush()  # created as a draft (the store refuses a validated INSERT)
        review.status = ReviewStatus.VALIDATED
        review.validated_at = datetime(2023, 3, 20, 17, tzinfo=UTC)
    layout = competence_layout(competence_snapshot(demo_store, trainer, mina))
    assert layout.columns[layout.boundary].day == date(2023, 3, 20)
    assert all(c.grid.taken_into_account for c in layout.columns if c.grid)


def test_reviews_row_shows_the_seed_levels(demo_store: Store) -> None:
    """Under each of C1 … C13, "Bilans intermédiaires de la compétence" gives the levels of
    the seed's three reviews, in chronological order, as centre reviews."""
    layout = competence_layout(
        competence_snapshot(
            demo_store, actor(demo_store, "formateur"), apprentice_id(demo_store, "AZZOUG")
        )
    )
    review_columns = [i for i, c in enumerate(layout.columns) if c.review is not None]
    assert [layout.columns[i].day for i in review_columns] == SEED_REVIEW_DATES
    assert {layout.columns[i].origin for i in review_columns} == {Origin.CENTRE}
    found = {}
    for r, row in enumerate(layout.rows):
        if row.kind == RowKind.REVIEWS:
            assert row.label == "Bilans intermédiaires de la compétence"
            found[row.competence.code] = tuple(layout.level(r, i).value for i in review_columns)
            assert all(layout.rating(r, i) is None for i in range(len(layout.columns)))
    assert found == SEED_REVIEW_LEVELS


def test_competence_blocks_and_ratings(demo_store: Store) -> None:
    """One block per competence (heading, criteria, reviews row); a rating sits in its
    criterion row and grid column; a grid saved by a period review is not editable."""
    snapshot = competence_snapshot(
        demo_store, actor(demo_store, "formateur"), apprentice_id(demo_store, "AZZOUG")
    )
    layout = competence_layout(snapshot)
    kinds = [row.kind for row in layout.rows[:5]]
    assert kinds == [RowKind.COMPETENCE, *[RowKind.CRITERION] * 3, RowKind.REVIEWS]
    assert layout.rows[0].label == "C1 - Analyser les conditions de l'opération et son contexte"
    column = next(
        i for i, c in enumerate(layout.columns) if c.grid and c.grid.rated_on == date(2022, 3, 10)
    )
    row = next(i for i, r in enumerate(layout.rows) if r.criterion and r.criterion.code == "C4.1")
    assert layout.columns[column].origin == Origin.COMPANY
    assert layout.rating(row, column) == RatingResult.SUCCESS_AUTONOMOUS
    from_review = [g for g in snapshot.grids if g.from_period_review]
    assert [g.rated_on for g in from_review] == [date(2022, 9, 16), date(2022, 10, 14)]
    assert [g.rated_on for g in snapshot.grids if g.editable] == [date(2023, 3, 14)]
    assert snapshot.can_rate_in_centre and not snapshot.can_rate_in_company


def test_filters_work_in_memory(demo_store: Store, count_statements) -> None:
    """Units, kinds, school year and dates filter the loaded snapshot without a query."""
    snapshot = competence_snapshot(
        demo_store, actor(demo_store, "formateur"), apprentice_id(demo_store, "AZZOUG")
    )
    u2 = next(u for u in snapshot.units if u.code == "U2")
    years = {y.label: y.id for y in snapshot.school_years}
    with count_statements(demo_store) as counter:
        by_unit = competence_layout(snapshot, DashboardFilters(unit_ids=frozenset({u2.id})))
        company = competence_layout(
            snapshot, DashboardFilters(kinds=frozenset({RatingKind.COMPANY}))
        )
        certifying = competence_layout(
            snapshot, DashboardFilters(kinds=frozenset({RatingKind.CENTRE_CERTIFYING}))
        )
        first_year = competence_layout(
            snapshot, DashboardFilters(school_year_id=years["2021-2022"])
        )
        dated = competence_layout(
            snapshot, DashboardFilters(date_from=date(2022, 9, 1), date_to=date(2022, 12, 31))
        )
    assert counter.count == 0
    assert [r.competence.code for r in by_unit.rows if r.kind == RowKind.COMPETENCE] == [
        "C1",
        "C2",
        "C3",
    ]
    # The U2 blocks only keep the grids that rate one of their criteria.
    assert date(2022, 3, 10) not in [c.grid.rated_on for c in by_unit.columns if c.grid]
    assert {c.origin for c in company.columns} == {Origin.COMPANY}
    assert all(c.grid for c in company.columns)  # the seed's reviews are centre reviews
    assert [c.grid.kind for c in certifying.columns if c.grid] == [GridKind.CERTIFYING] * 2
    assert all(c.review for c in certifying.columns if not c.grid)
    assert {c.group_label for c in first_year.columns} == {"2021-2022"}
    assert [c.day for c in dated.columns] == [
        date(2022, 9, 16),
        date(2022, 10, 14),
        date(2022, 11, 22),
    ]
    assert dated.boundary == 2  # all three are before the latest review

    nathan = activities_snapshot(
        demo_store, actor(demo_store, "formateur2"), apprentice_id(demo_store, "PETIT")
    )
    with count_statements(demo_store) as counter:
        centre = activities_layout(
            nathan,
            DashboardFilters(
                kinds=frozenset({RatingKind.CENTRE_FORMATIVE, RatingKind.CENTRE_CERTIFYING})
            ),
        )
        september = activities_layout(
            nathan, DashboardFilters(date_from=date(2023, 9, 15), date_to=date(2023, 9, 30))
        )
    assert counter.count == 0
    assert [(c.label, c.origin) for c in centre.columns] == [("S38", Origin.CENTRE)]
    assert [c.label for c in september.columns] == ["S37", "S38", "S38", "S39"]


@pytest.mark.parametrize(
    ("login", "allowed"),
    [
        ("tuteur", {"AZZOUG"}),
        ("tuteur2", {"PETIT"}),
        ("formateur", {"AZZOUG"}),
        ("formateur2", {"PETIT"}),
        ("apprenti", {"AZZOUG"}),
        ("apprenti.bts", {"PETIT"}),
        ("parent", {"AZZOUG"}),
        ("admin", set()),
    ],
)
def test_only_ones_own_apprentices_dashboards(demo_store: Store, login: str, allowed) -> None:
    """A tutor sees only his apprentices' dashboards (and likewise each role): another's
    raises PermissionDenied with a French message, for both views."""
    reader = actor(demo_store, login)
    for last_name in ("AZZOUG", "PETIT"):
        target = apprentice_id(demo_store, last_name)
        for read in (competence_snapshot, activities_snapshot):
            if last_name in allowed:
                assert read(demo_store, reader, target).apprentice.id == target
            else:
                with pytest.raises(PermissionDenied, match="accès"):
                    read(demo_store, reader, target)


def test_a_tutor_reads_but_rates_only_in_the_company(demo_store: Store) -> None:
    """Mina's tutor may add company grids, not centre grids."""
    snapshot = competence_snapshot(
        demo_store, actor(demo_store, "tuteur"), apprentice_id(demo_store, "AZZOUG")
    )
    assert snapshot.can_rate_in_company and not snapshot.can_rate_in_centre
    assert not any(g.editable for g in snapshot.grids)  # his grids are all reviewed


def _busiest(store: Store) -> int:
    with store.read() as session:
        ratings = select(m.RatingGrid.apprentice_id.label("a"), literal(1).label("w")).join(
            m.Rating, m.Rating.rating_grid_id == m.RatingGrid.id
        )
        tasks = select(m.TaskLog.apprentice_id.label("a"), literal(1).label("w"))
        data = union_all(ratings, tasks).subquery()
        return session.execute(
            select(data.c.a).group_by(data.c.a).order_by(func.count().desc()).limit(1)
        ).scalar_one()


def test_statements_per_view_do_not_grow_with_the_data(demo_store: Store, count_statements):
    """Opening either view runs the same number of statements for the small demo and once a
    generated centre (more apprentices, grids and weeks) is added, for its busiest apprentice
    too."""

    def count(read, reader: Actor, target: int) -> int:
        with count_statements(demo_store) as counter:
            read(demo_store, reader, target)
        return counter.count

    def both(reader: Actor, target: int, reader2: Actor, target2: int) -> tuple[int, int]:
        return count(competence_snapshot, reader, target), count(
            activities_snapshot, reader2, target2
        )

    mina, nathan = apprentice_id(demo_store, "AZZOUG"), apprentice_id(demo_store, "PETIT")
    trainer, trainer2 = actor(demo_store, "formateur"), actor(demo_store, "formateur2")
    before = (
        count(competence_snapshot, trainer, mina),
        count(activities_snapshot, trainer2, nathan),
    )

    generate_scale(demo_store, 30, seed=7)
    busiest = _busiest(demo_store)
    with demo_store.read() as session:
        referent = session.get(m.Apprentice, busiest).referent_trainer_id
    reader = Actor(referent, Role.TRAINER)
    snapshot = competence_snapshot(demo_store, reader, busiest)
    assert len(snapshot.grids) > 10 and len(snapshot.ratings) > 50
    assert len(activities_snapshot(demo_store, reader, busiest).weeks) > 20
    after = (
        count(competence_snapshot, trainer, mina),
        count(activities_snapshot, trainer2, nathan),
    )
    busy = (
        count(competence_snapshot, reader, busiest),
        count(activities_snapshot, reader, busiest),
    )
    assert before == after == busy
    # The permission check and one statement for the whole view (SQLite's BEGIN included).
    assert before[0] <= 3 and before[1] <= 3


def test_review_levels_default_to_not_assessed(demo_store: Store) -> None:
    """A competence missing from a review's lines shows NE."""
    snapshot = competence_snapshot(
        demo_store, actor(demo_store, "formateur"), apprentice_id(demo_store, "AZZOUG")
    )
    review = snapshot.reviews[0]
    assert review.level(-1) == CompetenceLevel.NOT_ASSESSED
