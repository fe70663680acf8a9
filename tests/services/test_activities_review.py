"""The period review: it gathers exactly the criteria selected on the period's sheets, and
saving it records the company rating grid the dashboard shows — on every backend."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.enums import GridKind, Origin, RatingResult
from cpro_desktop.services import activities as act
from cpro_desktop.services.activities import PeriodDraft, PeriodReviewConflict, SheetLinks
from cpro_desktop.store import PermissionDenied, Store, ValidationError
from tests.services.activities_helpers import build_class, portfolio_id

OK, AIDED, PART = (
    RatingResult.SUCCESS_AUTONOMOUS,
    RatingResult.SUCCESS_ASSISTED,
    RatingResult.PARTIAL,
)


def _linked_portfolio(store: Store):
    """A 3-week portfolio whose sheets link: C1 as a competence (week 1), one criterion of
    C2 (week 2); week 3 links C3 but is then retired."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    period = act.create_period(
        store,
        world.trainer,
        world.class_id,
        PeriodDraft("PFMP", date(2023, 3, 6), date(2023, 3, 26)),
    ).period
    portfolio = portfolio_id(store, pupil.id, period.id)
    sheets = act.portfolio_sheets(store, world.tutor, portfolio).sheets
    c1, c2, c3 = world.competence_ids
    for sheet, links in zip(
        sheets,
        (
            SheetLinks(competence_ids=frozenset({c1})),
            SheetLinks(criterion_ids=frozenset({world.criterion_ids[c2][1]})),
            SheetLinks(competence_ids=frozenset({c3})),
        ),
        strict=True,
    ):
        act.link_sheet(store, world.tutor, sheet.id, links, links_read=SheetLinks())
    act.update_period(
        store, world.trainer, period.id, PeriodDraft("PFMP", date(2023, 3, 6), date(2023, 3, 19)),
        version=period.version, plan_version=period.plan_version,
    )  # fmt: skip
    return world, pupil, portfolio


def test_review_gathers_exactly_the_criteria_selected_on_the_sheets(store: Store) -> None:
    """All criteria of a linked competence, a directly linked criterion, nothing from a
    retired week or from unlinked competences, in framework order."""
    world, _, portfolio = _linked_portfolio(store)
    c1, c2, _ = world.competence_ids
    form = act.period_review_form(store, world.tutor, portfolio)
    assert [(c.code, c.linked, [k.code for k in c.criteria]) for c in form.competences] == [
        ("C1", True, ["C1.1", "C1.2"]),
        ("C2", False, ["C2.2"]),
    ]
    assert form.criterion_ids == {*world.criterion_ids[c1], world.criterion_ids[c2][1]}
    assert form.review_id is None and form.version is None and form.can_write
    assert form.company is not None and form.tutor is not None and form.trainer is not None


def test_saving_the_review_records_the_company_rating_grid(store: Store) -> None:
    """Saving creates the review and a company formative grid dated on the review, authored
    by the saver; an update changes results; clearing every rating removes the grid."""
    world, pupil, portfolio = _linked_portfolio(store)
    c1, c2, _ = world.competence_ids
    a, b = world.criterion_ids[c1]
    direct = world.criterion_ids[c2][1]
    form = act.save_period_review(
        store, world.tutor, portfolio, appreciation="  Bonne période. ",
        reviewed_on=date(2023, 3, 17), ratings={a: OK, b: None, direct: PART}, version=None,
    )  # fmt: skip
    assert form.appreciation == "Bonne période."
    assert form.ratings == {a: OK, direct: PART}
    with store.read() as s:
        grid = s.scalars(select(m.RatingGrid).where(m.RatingGrid.apprentice_id == pupil.id)).one()
        results = dict(
            s.execute(
                select(m.Rating.criterion_id, m.Rating.result).where(
                    m.Rating.rating_grid_id == grid.id
                )
            ).all()
        )
    assert (grid.origin, grid.kind, grid.rated_on, grid.author_id) == (
        Origin.COMPANY, GridKind.FORMATIVE, date(2023, 3, 17), world.tutor.account_id,
    )  # fmt: skip
    assert results == {a: OK, direct: PART}
    assert form.rating_grid_id == grid.id

    updated = act.save_period_review(
        store, world.trainer, portfolio, appreciation="Bonne période, vue avec le formateur.",
        reviewed_on=date(2023, 3, 18), ratings={a: AIDED, b: OK}, version=form.version,
    )  # fmt: skip
    assert updated.ratings == {a: AIDED, b: OK}
    assert updated.author_name == world.trainer.display_name
    reread = act.logbook_snapshot(store, pupil.actor, portfolio).review
    assert reread.appreciation == "Bonne période, vue avec le formateur."
    assert reread.reviewed_on == date(2023, 3, 18)

    cleared = act.save_period_review(
        store, world.tutor, portfolio, appreciation="", reviewed_on=date(2023, 3, 18),
        ratings={}, version=updated.version,
    )  # fmt: skip
    assert cleared.rating_grid_id is None
    with store.read() as s:
        assert s.scalars(select(m.RatingGrid.id)).all() == []


def test_review_refuses_criteria_outside_the_form_and_stale_versions(store: Store) -> None:
    """A criterion selected on no sheet is refused; a stale version is a conflict showing
    the other's appreciation; forcing after seeing it keeps one's own."""
    world, _, portfolio = _linked_portfolio(store)
    c1, _, c3 = world.competence_ids
    with pytest.raises(ValidationError):
        act.save_period_review(store, world.tutor, portfolio, appreciation="",
                               reviewed_on=date(2023, 3, 17),
                               ratings={world.criterion_ids[c3][0]: OK}, version=None)  # fmt: skip
    first = act.save_period_review(
        store,
        world.tutor,
        portfolio,
        appreciation="Tuteur",
        reviewed_on=date(2023, 3, 17),
        ratings={},
        version=None,
    )
    with pytest.raises(PeriodReviewConflict) as conflict:
        act.save_period_review(
            store,
            world.trainer,
            portfolio,
            appreciation="Formateur",
            reviewed_on=date(2023, 3, 17),
            ratings={},
            version=None,
        )
    assert conflict.value.theirs.appreciation == "Tuteur"
    assert conflict.value.mine_appreciation == "Formateur"
    kept = act.save_period_review(
        store, world.trainer, portfolio, appreciation="Tuteur + formateur",
        reviewed_on=date(2023, 3, 17), ratings={world.criterion_ids[c1][0]: OK}, version=None,
        force_over_version=first.version,
    )  # fmt: skip
    assert kept.appreciation == "Tuteur + formateur"


def test_only_tutor_and_trainer_write_the_review(store: Store) -> None:
    """The apprentice reads the review but may not write it; strangers may not read it."""
    world, pupil, portfolio = _linked_portfolio(store)
    assert not act.period_review_form(store, pupil.actor, portfolio).can_write
    for actor in (pupil.actor, world.other_tutor, world.guardian, world.admin):
        with pytest.raises(PermissionDenied):
            act.save_period_review(
                store,
                actor,
                portfolio,
                appreciation="x",
                reviewed_on=date(2023, 3, 17),
                ratings={},
                version=None,
            )
    with pytest.raises(PermissionDenied):
        act.period_review_form(store, world.other_tutor, portfolio)


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
def test_two_first_saves_at_once_give_the_ordinary_conflict(store: Store) -> None:
    """The tutor's first save is in flight (inserted, not committed) when the trainer's
    first save arrives: the trainer waits, then gets the conflict showing the tutor's text
    and keeping his own — never a raw IntegrityError, nothing lost. (On SQLite writers
    queue before they read, so the race cannot happen there.)"""
    import threading

    world, _, portfolio = _linked_portfolio(store)
    theirs = store.sessions()
    theirs.add(m.PeriodReview(portfolio_id=portfolio, appreciation="Texte du tuteur"))
    theirs.flush()  # the row is inserted; its transaction stays open
    committer = threading.Timer(0.5, theirs.commit)
    committer.start()
    try:
        with pytest.raises(PeriodReviewConflict) as conflict:
            act.save_period_review(
                store, world.trainer, portfolio, appreciation="Texte du formateur",
                reviewed_on=date(2023, 3, 17), ratings={}, version=None,
            )  # fmt: skip
    finally:
        committer.join()
        theirs.close()
    assert conflict.value.theirs.appreciation == "Texte du tuteur"
    assert conflict.value.mine_appreciation == "Texte du formateur"
