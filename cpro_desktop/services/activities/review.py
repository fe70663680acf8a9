"""The period review (bilan de la période, bilan entreprise) of one portfolio.

Which criteria the form gathers (`gathered_criteria`), on the period's sheets that are still
in the period (retired sheets are left out):

- every criterion linked directly on a sheet;
- every criterion of every competence linked on a sheet (linking a competence means "assess
  this competence": all its criteria are offered);
- every criterion already rated in the review's grid, so that unlinking never hides a
  rating that was made.

They come in framework order (competence position, then criterion position). The tutor and
the trainer (`Action.WRITE_PERIOD_REVIEW`) rate some of them with one of the five results
and write the appreciation; saving records the review and its company rating grid (origin
company, kind formative, dated on the review date, authored by whoever saved) which the
dashboard shows. A review without any rating has no grid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from cpro_desktop import models as m
from cpro_desktop.models.enums import GridKind, Origin, RatingResult
from cpro_desktop.services.access import authorize_portfolio
from cpro_desktop.services.permissions import Action, Actor, ApprenticeScope, can
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, ValidationError

from .queries import (
    PortfolioContext,
    company_info,
    competence_order,
    competences_from,
    competences_select,
    display_name,
    person_info,
    portfolio_context,
)
from .snapshots import (
    CompanyInfo,
    PeriodReviewForm,
    PersonInfo,
    RatedCriterion,
    ReviewCompetence,
)
from .union import TaggedUnion

GRID_TITLE = "Bilan de la période"


class PeriodReviewConflict(ConflictError):
    """The review was saved by someone else since the user read it; nothing was written.

    `theirs` is the review as stored now; `mine_appreciation` and `mine_ratings` what the
    user tried to save. Save again with `force_over_version=theirs.version` to keep his.
    """

    def __init__(
        self,
        theirs: PeriodReviewForm,
        mine_appreciation: str,
        mine_ratings: Mapping[int, RatingResult | None],
    ) -> None:
        who = f" par {theirs.author_name}" if theirs.author_name else ""
        super().__init__(
            f"Le bilan de la période a été enregistré{who} pendant que vous le modifiiez. "
            "Comparez les deux versions : vous pouvez garder la vôtre ou reprendre l'autre."
        )
        self.theirs = theirs
        self.mine_appreciation = mine_appreciation
        self.mine_ratings = dict(mine_ratings)


def gathered_criteria(session: Session, portfolio_id: int) -> tuple[frozenset[int], frozenset[int]]:
    """(competences linked, criteria linked directly) on the portfolio's non-retired sheets
    (one statement)."""
    parts = review_parts(portfolio_id, None)
    union = TaggedUnion({k: parts[k] for k in ("linked_competences", "linked_criteria")})
    rows = union.split(session.execute(union.statement))
    return (
        frozenset(r.id for r in rows["linked_competences"]),
        frozenset(r.id for r in rows["linked_criteria"]),
    )


def review_parts(portfolio_id: Any, framework_id: Any) -> dict[str, Select[Any]]:
    """What the review form reads, as parts of a `TaggedUnion` (see `review_from()`): the
    review with the results of its grid, the competences and criteria linked on the
    period's current sheets, and the framework's competences (`framework_id`: a value or a
    scalar sub-query)."""
    s = m.ActivitySheet
    c, k = m.sheet_competences.c, m.sheet_criteria.c
    in_period = (s.portfolio_id == portfolio_id, s.retired.is_(False))
    author = m.Account
    review = m.PeriodReview
    return {
        "review": select(
            review.id.label("review_id"),
            review.version.label("review_version"),
            review.appreciation,
            review.reviewed_on,
            review.rating_grid_id,
            author.last_name.label("author_last_name"),
            author.first_name.label("author_first_name"),
            m.Rating.criterion_id.label("rated_criterion_id"),
            m.Rating.result,
        )
        .select_from(review)
        .outerjoin(author, author.id == review.author_id)
        .outerjoin(m.Rating, m.Rating.rating_grid_id == review.rating_grid_id)
        .where(review.portfolio_id == portfolio_id),
        "linked_competences": select(c.competence_id.label("id"))
        .join(s, s.id == c.activity_sheet_id)
        .where(*in_period),
        "linked_criteria": select(k.criterion_id.label("id"))
        .join(s, s.id == k.activity_sheet_id)
        .where(*in_period),
        "competences": competences_select(framework_id),
    }


#: The order of `review_parts()` rows that matters.
REVIEW_ORDER = {"competences": competence_order}


@dataclass(frozen=True)
class ReviewPeople:
    """Who and what a period review is about, as its form shows them."""

    portfolio_id: int
    apprentice_id: int
    apprentice_name: str
    class_name: str
    diploma_name: str
    period_name: str
    start_date: date
    end_date: date
    company: CompanyInfo | None
    tutor: PersonInfo | None
    trainer: PersonInfo | None


def review_from(
    rows: Mapping[str, list[Any]], people: ReviewPeople, can_write: bool
) -> PeriodReviewForm:
    """The review form from the rows of `review_parts()`."""
    found = rows["review"]
    review = found[0] if found else None
    results = {r.rated_criterion_id: r.result for r in found if r.rated_criterion_id is not None}
    linked_competences = frozenset(r.id for r in rows["linked_competences"])
    linked_criteria = frozenset(r.id for r in rows["linked_criteria"])
    competences = []
    for competence in competences_from(rows["competences"]):
        whole = competence.id in linked_competences
        criteria = tuple(
            RatedCriterion(
                id=c.id,
                code=c.code,
                label=c.label,
                competence_id=competence.id,
                linked_directly=c.id in linked_criteria,
                result=results.get(c.id),
            )
            for c in competence.criteria
            if whole or c.id in linked_criteria or c.id in results
        )
        if criteria or whole:
            competences.append(
                ReviewCompetence(competence.id, competence.code, competence.label, whole, criteria)
            )
    return PeriodReviewForm(
        portfolio_id=people.portfolio_id,
        apprentice_id=people.apprentice_id,
        apprentice_name=people.apprentice_name,
        class_name=people.class_name,
        diploma_name=people.diploma_name,
        period_name=people.period_name,
        start_date=people.start_date,
        end_date=people.end_date,
        company=people.company,
        tutor=people.tutor,
        trainer=people.trainer,
        review_id=review.review_id if review else None,
        version=review.review_version if review else None,
        appreciation=review.appreciation if review else "",
        reviewed_on=review.reviewed_on if review else None,
        author_name=(
            display_name(review.author_last_name, review.author_first_name) if review else ""
        ),
        rating_grid_id=review.rating_grid_id if review else None,
        competences=tuple(competences),
        can_write=can_write,
    )


@cache
def _review_union() -> TaggedUnion:
    return TaggedUnion(
        review_parts(
            bindparam("portfolio_id", type_=Integer), bindparam("framework_id", type_=Integer)
        ),
        order=REVIEW_ORDER,
    )


def review_form(
    session: Session, actor: Actor, scope: ApprenticeScope, ctx: PortfolioContext
) -> PeriodReviewForm:
    """The review form of a loaded portfolio, as stored now (one statement)."""
    session.flush()
    union = _review_union()
    rows = union.split(
        session.execute(
            union.statement, {"portfolio_id": ctx.portfolio_id, "framework_id": ctx.framework_id}
        )
    )
    people = ReviewPeople(
        portfolio_id=ctx.portfolio_id,
        apprentice_id=ctx.apprentice_id,
        apprentice_name=ctx.apprentice_name,
        class_name=ctx.class_name,
        diploma_name=ctx.diploma_name,
        period_name=ctx.period_name,
        start_date=ctx.start_date,
        end_date=ctx.end_date,
        company=company_info(ctx.company),
        tutor=person_info(ctx.tutor),
        trainer=person_info(ctx.referent),
    )
    return review_from(rows, people, can(actor, Action.WRITE_PERIOD_REVIEW, scope))


def period_review_form(store: Store, actor: Actor, portfolio_id: int) -> PeriodReviewForm:
    """The period review form: the gathered criteria with their results, the appreciation,
    and the people of the period. Also the data of "print the blank form". Readable by
    whoever reads the period's work; `can_write` says whether he may save it."""
    with store.read() as session:
        scope = authorize_portfolio(session, actor, Action.READ_WORK, portfolio_id)
        return review_form(session, actor, scope, portfolio_context(session, portfolio_id))


def save_period_review(
    store: Store,
    actor: Actor,
    portfolio_id: int,
    *,
    appreciation: str,
    reviewed_on: date,
    ratings: Mapping[int, RatingResult | None],
    version: int | None,
    force_over_version: int | None = None,
) -> PeriodReviewForm:
    """Save the period review as read at `version` (None: there was none yet).

    `ratings` maps gathered criteria to a result, None (or absent) leaving it unrated; a
    criterion outside the form is refused. The company rating grid is created, updated
    (date, author, results) or, when nothing is rated any more, deleted. A stale version
    raises `PeriodReviewConflict` unless `force_over_version` is the stored version.
    """
    appreciation = appreciation.strip()
    check_text(m.PeriodReview.appreciation, appreciation, "Appréciation")
    if not isinstance(reviewed_on, date):
        raise ValidationError("reviewed_on", "La date du bilan est obligatoire.")
    wanted = {cid: RatingResult(r) for cid, r in ratings.items() if r is not None}
    try:
        return _save_period_review(
            store, actor, portfolio_id, appreciation, reviewed_on, ratings, wanted, version,
            force_over_version,
        )  # fmt: skip
    except IntegrityError:
        if version is not None:
            raise
        # Two first saves at once: the other's row arrived between our look and our insert
        # (nothing to lock before it exists). Read again: the ordinary conflict follows,
        # showing the other's text and keeping ours.
        return _save_period_review(
            store, actor, portfolio_id, appreciation, reviewed_on, ratings, wanted, version,
            force_over_version,
        )  # fmt: skip


def _save_period_review(
    store: Store,
    actor: Actor,
    portfolio_id: int,
    appreciation: str,
    reviewed_on: date,
    ratings: Mapping[int, RatingResult | None],
    wanted: dict[int, RatingResult],
    version: int | None,
    force_over_version: int | None,
) -> PeriodReviewForm:
    with store.write() as session:
        scope = authorize_portfolio(session, actor, Action.WRITE_PERIOD_REVIEW, portfolio_id)
        review = session.scalars(
            select(m.PeriodReview)
            .where(m.PeriodReview.portfolio_id == portfolio_id)
            .with_for_update()
        ).one_or_none()
        ctx = portfolio_context(session, portfolio_id)
        stored_version = review.version if review else None
        if stored_version != version and (
            force_over_version is None or force_over_version != stored_version
        ):
            raise PeriodReviewConflict(
                review_form(session, actor, scope, ctx), appreciation, ratings
            )
        form = review_form(session, actor, scope, ctx)
        outside = set(wanted) - form.criterion_ids
        if outside:
            raise ValidationError(
                "ratings",
                "Certains critères notés ne font pas partie de ce bilan (ils ne sont liés à "
                "aucune fiche de la période).",
            )
        if review is None:
            review = m.PeriodReview(portfolio_id=portfolio_id)
            session.add(review)
        review.appreciation = appreciation
        review.reviewed_on = reviewed_on
        review.author_id = actor.account_id
        _save_grid(session, actor, review, ctx, reviewed_on, wanted)
        session.flush()
        return review_form(session, actor, scope, ctx)


def _save_grid(
    session: Session,
    actor: Actor,
    review: m.PeriodReview,
    ctx: PortfolioContext,
    reviewed_on: date,
    wanted: dict[int, RatingResult],
) -> None:
    grid = None
    if review.rating_grid_id is not None:
        grid = session.scalars(
            select(m.RatingGrid)
            .where(m.RatingGrid.id == review.rating_grid_id)
            .options(selectinload(m.RatingGrid.ratings))
        ).one_or_none()
    if not wanted:
        if grid is not None:
            review.rating_grid_id = None
            session.flush()
            session.delete(grid)
        return
    if grid is None:
        grid = m.RatingGrid(apprentice_id=ctx.apprentice_id, origin=Origin.COMPANY)
        grid.ratings = []
        session.add(grid)
    grid.kind = GridKind.FORMATIVE
    grid.rated_on = reviewed_on
    grid.author_id = actor.account_id
    grid.title = f"{GRID_TITLE} « {ctx.period_name} »"[:200]
    existing = {r.criterion_id: r for r in grid.ratings}
    for criterion_id, rating in existing.items():
        if criterion_id not in wanted:
            grid.ratings.remove(rating)
        elif rating.result != wanted[criterion_id]:
            rating.result = wanted[criterion_id]
    for criterion_id, result in sorted(wanted.items()):
        if criterion_id not in existing:
            grid.ratings.append(m.Rating(criterion_id=criterion_id, result=result))
    session.flush()
    review.rating_grid_id = grid.id
