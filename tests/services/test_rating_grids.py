"""Rating grids (`services.rating_grids`): trainers rate in the centre for one apprentice or a
whole class, tutors in the company; a grid stays its author's to change until a validated
interim review takes it into account."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from cpro_desktop import models as m
from cpro_desktop.models.enums import GridKind, Origin, RatingResult
from cpro_desktop.services.dashboard import competence_snapshot
from cpro_desktop.services.permissions import Actor
from cpro_desktop.services.rating_grids import (
    class_grid_form,
    create_class_grids,
    create_grid,
    delete_grid,
    edit_grid_form,
    grid_form,
    update_grid,
)
from cpro_desktop.store import ConflictError, PermissionDenied, Store, ValidationError

OK, AIDED, PART = (
    RatingResult.SUCCESS_AUTONOMOUS,
    RatingResult.SUCCESS_ASSISTED,
    RatingResult.PARTIAL,
)
TODAY = date(2024, 6, 1)


def actor(store: Store, login: str) -> Actor:
    with store.read() as session:
        account = session.scalars(select(m.Account).where(m.Account.login == login)).one()
        return Actor(account.id, account.role, account.login, account.display_name)


def apprentice(store: Store, last_name: str) -> m.Apprentice:
    with store.read() as session:
        return session.scalars(
            select(m.Apprentice).where(m.Apprentice.last_name == last_name)
        ).one()


def criteria(store: Store, *codes: str) -> list[int]:
    """Criterion ids of Bac Pro MELEC by code ("C1.1")."""
    with store.read() as session:
        rows = session.execute(
            select(m.Criterion.code, m.Criterion.id)
            .join(m.Competence)
            .join(m.Framework)
            .join(m.Diploma)
            .where(m.Diploma.code == "BACPRO-MELEC", m.Criterion.code.in_(codes))
        ).all()
    found = dict(rows)
    return [found[c] for c in codes]


def grid_on(store: Store, apprentice_id: int, day: date) -> m.RatingGrid:
    with store.read() as session:
        return session.scalars(
            select(m.RatingGrid).where(
                m.RatingGrid.apprentice_id == apprentice_id, m.RatingGrid.rated_on == day
            )
        ).one()


def test_a_trainer_saves_a_grid_that_the_dashboard_shows(demo_store: Store) -> None:
    """A centre grid saved by Mina's trainer appears right of the black line, editable."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice(demo_store, "AZZOUG")
    c11, c12 = criteria(demo_store, "C1.1", "C1.2")
    form = grid_form(demo_store, trainer, mina.id)
    assert [c.code for c in form.competences][:2] == ["C1", "C2"] and len(form.criteria) == 30
    grid_id = create_grid(
        demo_store, trainer, mina.id, origin=Origin.CENTRE, kind=GridKind.FORMATIVE,
        rated_on=date(2023, 5, 2), title="  TP   mise en service ", results={c11: OK, c12: PART},
        today=TODAY,
    )  # fmt: skip
    snapshot = competence_snapshot(demo_store, trainer, mina.id)
    grid = next(g for g in snapshot.grids if g.id == grid_id)
    assert grid.title == "TP mise en service" and grid.author_name == "DURAND Sophie"
    assert grid.editable and not grid.taken_into_account
    assert snapshot.ratings[(grid_id, c11)] == OK and snapshot.ratings[(grid_id, c12)] == PART


def test_a_grid_cannot_be_dated_into_the_reviewed_past_or_the_future(demo_store: Store):
    """On or before the latest validated review (25/01/2023), or after today: refused."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice(demo_store, "AZZOUG")
    (c11,) = criteria(demo_store, "C1.1")
    for day in (date(2023, 1, 25), TODAY + timedelta(days=1)):
        with pytest.raises(ValidationError) as caught:
            create_grid(
                demo_store, trainer, mina.id, origin=Origin.CENTRE, kind=GridKind.FORMATIVE,
                rated_on=day, title="", results={c11: OK}, today=TODAY,
            )  # fmt: skip
        assert caught.value.field == "rated_on"
    assert "25/01/2023" in _message(demo_store, trainer, mina.id, date(2023, 1, 25), c11)


def _message(store: Store, trainer: Actor, apprentice_id: int, day: date, criterion: int) -> str:
    try:
        create_grid(
            store, trainer, apprentice_id, origin=Origin.CENTRE, kind=GridKind.FORMATIVE,
            rated_on=day, title="", results={criterion: OK}, today=TODAY,
        )  # fmt: skip
    except ValidationError as exc:
        return str(exc)
    return ""


def test_results_must_exist_and_belong_to_the_diploma(demo_store: Store) -> None:
    """No result at all, or a criterion of another diploma (BTS), is refused in French."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice(demo_store, "AZZOUG")
    with demo_store.read() as session:
        bts = session.scalar(
            select(m.Criterion.id).where(m.Criterion.label == "Le plan est appliqué")
        )
    for results, words in (({}, "au moins un"), ({bts: OK}, "référentiel")):
        with pytest.raises(ValidationError, match=words):
            create_grid(
                demo_store, trainer, mina.id, origin=Origin.CENTRE, kind=GridKind.FORMATIVE,
                rated_on=date(2023, 5, 2), title="", results=results, today=TODAY,
            )  # fmt: skip


def test_roles_rate_where_they_may(demo_store: Store) -> None:
    """A trainer rates in the centre, a tutor in the company, and neither the other way; a
    trainer who does not teach the apprentice rates nothing."""
    mina = apprentice(demo_store, "AZZOUG")
    (c11,) = criteria(demo_store, "C1.1")
    tutor_grid = create_grid(
        demo_store, actor(demo_store, "tuteur"), mina.id, origin=Origin.COMPANY,
        kind=GridKind.FORMATIVE, rated_on=date(2023, 7, 10), title="Chantier", results={c11: OK},
        today=TODAY,
    )  # fmt: skip
    snapshot = competence_snapshot(demo_store, actor(demo_store, "tuteur"), mina.id)
    assert next(g for g in snapshot.grids if g.id == tutor_grid).origin == Origin.COMPANY
    for login, origin in (("tuteur", Origin.CENTRE), ("formateur", Origin.COMPANY),
                          ("formateur2", Origin.CENTRE), ("apprenti", Origin.CENTRE)):  # fmt: skip
        with pytest.raises(PermissionDenied):
            create_grid(
                demo_store, actor(demo_store, login), mina.id, origin=origin,
                kind=GridKind.FORMATIVE, rated_on=date(2023, 7, 10), title="", results={c11: OK},
                today=TODAY,
            )  # fmt: skip
        with pytest.raises(PermissionDenied):
            grid_form(demo_store, actor(demo_store, login), mina.id, origin)


def test_a_reviewed_grid_can_no_longer_be_changed(demo_store: Store) -> None:
    """The 10/01/2023 grid, taken into account by the 25/01/2023 review, is frozen for its
    own author: changing or deleting it is refused with a French message."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice(demo_store, "AZZOUG")
    grid = grid_on(demo_store, mina.id, date(2023, 1, 10))
    (c11,) = criteria(demo_store, "C1.1")
    with pytest.raises(ValidationError, match="prise en compte par le bilan intermédiaire validé"):
        update_grid(
            demo_store, trainer, grid.id, grid.version, kind=GridKind.FORMATIVE,
            rated_on=date(2023, 2, 1), title="", results={c11: OK}, today=TODAY,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="ne peut plus"):
        delete_grid(demo_store, trainer, grid.id, grid.version)
    with pytest.raises(ValidationError):
        edit_grid_form(demo_store, trainer, grid.id)


def test_only_its_author_changes_a_grid(demo_store: Store) -> None:
    """Another trainer of the class may rate Mina but not change Sophie Durand's grid."""
    mina = apprentice(demo_store, "AZZOUG")
    other = actor(demo_store, "formateur2")
    with demo_store.write() as session:
        session.execute(
            insert(m.class_trainers).values(
                school_class_id=mina.school_class_id, trainer_id=other.account_id
            )
        )
    grid = grid_on(demo_store, mina.id, date(2023, 3, 14))
    (c11,) = criteria(demo_store, "C1.1")
    with pytest.raises(PermissionDenied, match="Seul l'auteur"):
        update_grid(
            demo_store, other, grid.id, grid.version, kind=GridKind.FORMATIVE,
            rated_on=grid.rated_on, title="", results={c11: OK}, today=TODAY,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        delete_grid(demo_store, other, grid.id, grid.version)
    snapshot = competence_snapshot(demo_store, other, mina.id)
    assert not next(g for g in snapshot.grids if g.id == grid.id).editable


def test_its_author_changes_then_deletes_a_grid(demo_store: Store) -> None:
    """The author changes the 14/03/2023 grid (results replaced, version bumped), a stale
    save is a conflict, then he deletes it."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice(demo_store, "AZZOUG")
    grid = grid_on(demo_store, mina.id, date(2023, 3, 14))
    form = edit_grid_form(demo_store, trainer, grid.id)
    assert form.grid is not None and len(form.grid.results) == 4
    c11, c81 = criteria(demo_store, "C1.1", "C8.1")
    update_grid(
        demo_store, trainer, grid.id, grid.version, kind=GridKind.CERTIFYING,
        rated_on=date(2023, 3, 15), title="CCF U33", results={c11: AIDED, c81: OK}, today=TODAY,
    )  # fmt: skip
    snapshot = competence_snapshot(demo_store, trainer, mina.id)
    info = next(g for g in snapshot.grids if g.id == grid.id)
    assert (info.kind, info.rated_on, info.title) == (
        GridKind.CERTIFYING,
        date(2023, 3, 15),
        "CCF U33",
    )
    assert {c for (g, c) in snapshot.ratings if g == grid.id} == {c11, c81}
    assert snapshot.ratings[(grid.id, c81)] == OK
    assert info.version > grid.version
    with pytest.raises(ConflictError):
        update_grid(
            demo_store, trainer, grid.id, grid.version, kind=GridKind.FORMATIVE,
            rated_on=date(2023, 3, 15), title="", results={c11: OK}, today=TODAY,
        )  # fmt: skip
    delete_grid(demo_store, trainer, grid.id, info.version)
    assert grid.id not in {g.id for g in competence_snapshot(demo_store, trainer, mina.id).grids}


def test_a_period_review_grid_is_changed_from_its_review(demo_store: Store) -> None:
    """The company grid saved by a period review is not changed from the dashboard."""
    with demo_store.write() as session:
        review = session.scalars(select(m.PeriodReview).order_by(m.PeriodReview.id)).first()
        grid = session.get(m.RatingGrid, review.rating_grid_id)
        # Pretend no interim review took it into account yet.
        grid.rated_on = date(2023, 6, 1)
    with pytest.raises(ValidationError, match="bilan de la période"):
        edit_grid_form(demo_store, actor(demo_store, "tuteur"), grid.id)


def test_a_trainer_rates_a_whole_class(demo_store: Store, count_statements) -> None:
    """One grid per apprentice rated, same date, kind and title; the statements to save do not
    grow with the number of apprentices."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice(demo_store, "AZZOUG")
    form = class_grid_form(demo_store, trainer, mina.school_class_id)
    assert form.is_class_grid and form.class_name == "1MELEC"
    names = [a.display_name for a in form.apprentices]
    assert names[0] == "AZZOUG Mina" and len(names) == 5
    c11, c12 = criteria(demo_store, "C1.1", "C1.2")

    def save(apprentices, title: str) -> tuple[int, ...]:
        with count_statements(demo_store) as counter:
            ids = create_class_grids(
                demo_store, trainer, mina.school_class_id, kind=GridKind.FORMATIVE,
                rated_on=date(2023, 5, 5), title=title,
                results={a.id: {c11: OK, c12: PART} for a in apprentices}, today=TODAY,
            )  # fmt: skip
        save.counts.append(counter.count)
        return ids

    save.counts = []
    assert len(save(form.apprentices[:2], "TP 1")) == 2
    assert len(save(form.apprentices, "TP 2")) == 5
    assert save.counts[0] == save.counts[1]
    for entry in form.apprentices:
        snapshot = competence_snapshot(demo_store, trainer, entry.id)
        titles = [g.title for g in snapshot.grids if g.rated_on == date(2023, 5, 5)]
        assert "TP 2" in titles


def test_a_class_grid_is_all_or_nothing(demo_store: Store) -> None:
    """An apprentice of another class, or one reviewed after the date, refuses the whole
    class grid: nothing is saved."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice(demo_store, "AZZOUG")
    hugo = apprentice(demo_store, "GARCIA")
    (c11,) = criteria(demo_store, "C1.1")
    form = class_grid_form(demo_store, trainer, mina.school_class_id)
    others = [a.id for a in form.apprentices if a.id != mina.id]
    with pytest.raises(ValidationError, match="classe"):
        create_class_grids(
            demo_store, trainer, mina.school_class_id, kind=GridKind.FORMATIVE,
            rated_on=date(2023, 5, 5), title="",
            results={others[0]: {c11: OK}, hugo.id: {c11: OK}},
            today=TODAY,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="AZZOUG Mina"):
        create_class_grids(
            demo_store, trainer, mina.school_class_id, kind=GridKind.FORMATIVE,
            rated_on=date(2022, 12, 1), title="",
            results={others[0]: {c11: OK}, mina.id: {c11: OK}},
            today=TODAY,
        )  # fmt: skip
    with demo_store.read() as session:
        assert not session.scalar(
            select(m.RatingGrid.id).where(
                m.RatingGrid.rated_on.in_([date(2023, 5, 5), date(2022, 12, 1)])
            )
        )


def test_a_trainer_of_another_class_cannot_rate_it(demo_store: Store) -> None:
    """formateur2 does not teach 1MELEC: its class grid is refused."""
    mina = apprentice(demo_store, "AZZOUG")
    (c11,) = criteria(demo_store, "C1.1")
    other = actor(demo_store, "formateur2")
    with pytest.raises(PermissionDenied):
        class_grid_form(demo_store, other, mina.school_class_id)
    with pytest.raises(PermissionDenied):
        create_class_grids(
            demo_store, other, mina.school_class_id, kind=GridKind.FORMATIVE,
            rated_on=date(2023, 5, 5), title="", results={mina.id: {c11: OK}}, today=TODAY,
        )  # fmt: skip
