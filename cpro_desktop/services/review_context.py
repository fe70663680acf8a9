"""What surrounds a competence review: the names its documents print, and what helps the
tutor (or the trainer) judge the apprentice's competences while writing one.

`review_header()` reads the apprentice's display name, class, diploma, company, tutor and the
centre's name (for the review screens and PDFs). `judgement_context()` reads the diploma's
competences, the apprentice's most recent activity sheets (with the competences linked to
them), his period reviews (the tutor's appreciations) and the ratings of each competence's
criteria. Each runs a fixed number of statements, whatever the amount of data, and returns
frozen snapshots.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from cpro_desktop import models as m
from cpro_desktop.models.enums import GridKind, Origin, RatingResult
from cpro_desktop.models.people import person_name
from cpro_desktop.services.access import authorize
from cpro_desktop.services.activities.union import TaggedUnion
from cpro_desktop.services.permissions import Action, Actor, require, visible_portfolios_clause
from cpro_desktop.store import Store

#: How many activity sheets the side panel shows, most recent first.
RECENT_SHEETS = 8
#: How many period reviews it shows, most recent first.
RECENT_PERIOD_REVIEWS = 6


def format_date(day: date | datetime | None) -> str:
    """DD/MM/YYYY ("" for None); an instant is shown on the local calendar."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.astimezone().date() if day.tzinfo else day.date()
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class ReviewHeader:
    """Who a review is about, and the centre that prints it."""

    apprentice_id: int
    apprentice_name: str
    class_name: str
    diploma_name: str
    company_name: str
    tutor_name: str
    referent_name: str
    centre_name: str


@dataclass(frozen=True)
class CompetenceInfo:
    """A competence of the apprentice's diploma."""

    id: int
    code: str
    label: str

    @property
    def title(self) -> str:
        return f"{self.code} - {self.label}"


@dataclass(frozen=True)
class SheetSummary:
    """One of the apprentice's recent activity sheets."""

    id: int
    period_name: str
    iso_year: int
    iso_week: int
    title: str
    description: str
    updated_on: date
    competence_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        """ "Fiche activité : semaine 29 [2023]", as module 1 names it."""
        return f"Fiche activité : semaine {self.iso_week} [{self.iso_year}]"


@dataclass(frozen=True)
class PeriodReviewSummary:
    """The tutor's appreciation of one period."""

    period_name: str
    start_date: date
    end_date: date
    reviewed_on: date | None
    author_name: str
    appreciation: str


@dataclass(frozen=True)
class CriterionRating:
    """The result of one criterion of a competence in one rating grid."""

    competence_id: int
    criterion_code: str
    criterion_label: str
    rated_on: date
    origin: Origin
    kind: GridKind
    grid_title: str
    result: RatingResult


@dataclass(frozen=True)
class JudgementContext:
    """Everything the review form shows beside the competences."""

    apprentice_id: int
    competences: tuple[CompetenceInfo, ...]
    sheets: tuple[SheetSummary, ...]
    period_reviews: tuple[PeriodReviewSummary, ...]
    ratings: tuple[CriterionRating, ...]  # chronological

    def ratings_of(self, competence_id: int) -> tuple[CriterionRating, ...]:
        return tuple(r for r in self.ratings if r.competence_id == competence_id)

    def sheets_of(self, competence_id: int) -> tuple[SheetSummary, ...]:
        return tuple(s for s in self.sheets if competence_id in s.competence_ids)


def review_header(store: Store, actor: Actor, apprentice_id: int) -> ReviewHeader:
    """The names a review screen or PDF prints for this apprentice (two statements: the
    permission check, then the names with the centre's)."""
    tutor = aliased(m.Account)
    referent = aliased(m.Account)
    centre = select(m.Centre.name).order_by(m.Centre.id).limit(1).scalar_subquery()
    with store.read() as session:
        authorize(session, actor, Action.READ_DASHBOARD, apprentice_id)
        row = session.execute(
            select(
                m.Apprentice.last_name,
                m.Apprentice.first_name,
                m.SchoolClass.name.label("class_name"),
                m.Diploma.name.label("diploma_name"),
                m.Company.name.label("company_name"),
                tutor.last_name.label("tutor_last"),
                tutor.first_name.label("tutor_first"),
                referent.last_name.label("referent_last"),
                referent.first_name.label("referent_first"),
                centre.label("centre_name"),
            )
            .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
            .outerjoin(m.Diploma, m.Diploma.id == m.SchoolClass.diploma_id)
            .outerjoin(m.Company, m.Company.id == m.Apprentice.company_id)
            .outerjoin(tutor, tutor.id == m.Apprentice.tutor_id)
            .outerjoin(referent, referent.id == m.Apprentice.referent_trainer_id)
            .where(m.Apprentice.id == apprentice_id)
        ).one()
    return ReviewHeader(
        apprentice_id=apprentice_id,
        apprentice_name=person_name(row.last_name, row.first_name),
        class_name=row.class_name or "",
        diploma_name=row.diploma_name or "",
        company_name=row.company_name or "",
        tutor_name=person_name(row.tutor_last, row.tutor_first),
        referent_name=person_name(row.referent_last, row.referent_first),
        centre_name=row.centre_name or "",
    )


def judgement_context(
    store: Store,
    actor: Actor,
    apprentice_id: int,
    origins: Iterable[Origin] = (Origin.COMPANY,),
    *,
    sheet_limit: int = RECENT_SHEETS,
    period_review_limit: int = RECENT_PERIOD_REVIEWS,
) -> JudgementContext:
    """What helps judge the apprentice's competences: the diploma's competences, his recent
    activity sheets, his period reviews and the ratings (of `origins`) of each competence's
    criteria. Two statements (the permission checks, then all of it), whatever the number
    of sheets, periods or grids.

    The sheets are those of the periods the reader may read (a tutor: the periods he
    tutors, not another employer's); the ratings and period reviews are apprentice-wide, as
    on the dashboard, so the reader needs both READ_WORK and READ_DASHBOARD (a former tutor
    has only the first)."""
    union = _judgement_union(actor, apprentice_id, tuple(origins), sheet_limit,
                             period_review_limit)  # fmt: skip
    with store.read() as session:
        scope = authorize(session, actor, Action.READ_WORK, apprentice_id)
        require(actor, Action.READ_DASHBOARD, scope)
        rows = union.split(session.execute(union.statement))
    competences = tuple(CompetenceInfo(r.id, r.code, r.label) for r in rows["competences"])
    sheet_rows, review_rows, rating_rows = rows["sheets"], rows["reviews"], rows["ratings"]
    links: dict[int, list[int]] = {}
    for link in rows["links"]:
        links.setdefault(link.activity_sheet_id, []).append(link.competence_id)
    sheets = tuple(
        SheetSummary(
            id=row.id,
            period_name=row.period_name,
            iso_year=row.iso_year,
            iso_week=row.iso_week,
            title=row.title,
            description=row.description,
            updated_on=row.updated_at.astimezone().date(),
            competence_ids=tuple(sorted(links.get(row.id, ()))),
        )
        for row in sheet_rows
    )
    period_reviews = tuple(
        PeriodReviewSummary(
            period_name=row.period_name,
            start_date=row.start_date,
            end_date=row.end_date,
            reviewed_on=row.reviewed_on,
            author_name=person_name(row.last_name, row.first_name),
            appreciation=row.appreciation,
        )
        for row in review_rows
    )
    ratings = tuple(
        CriterionRating(
            competence_id=row.competence_id,
            criterion_code=row.criterion_code,
            criterion_label=row.criterion_label,
            rated_on=row.rated_on,
            origin=row.origin,
            kind=row.kind,
            grid_title=row.grid_title,
            result=row.result,
        )
        for row in rating_rows
    )
    return JudgementContext(apprentice_id, competences, sheets, period_reviews, ratings)


def _judgement_union(
    actor: Actor,
    apprentice_id: int,
    origins: tuple[Origin, ...],
    sheet_limit: int,
    period_review_limit: int,
) -> TaggedUnion:
    """The parts of `judgement_context()` as one statement."""
    sheet = m.ActivitySheet
    sheets = (
        select(
            sheet.id,
            m.Period.name.label("period_name"),
            sheet.iso_year,
            sheet.iso_week,
            sheet.title,
            sheet.description,
            sheet.updated_at,
        )
        .join(m.Portfolio, m.Portfolio.id == sheet.portfolio_id)
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .join(m.Period, m.Period.id == m.Portfolio.period_id)
        .where(
            m.Portfolio.apprentice_id == apprentice_id,
            visible_portfolios_clause(actor, Action.READ_WORK),
            or_(sheet.title != "", sheet.description != "", sheet.reflective_analysis != ""),
        )
        .order_by(sheet.iso_year.desc(), sheet.iso_week.desc(), sheet.id.desc())
        .limit(sheet_limit)
    )
    shown = sheets.subquery("shown_sheets")
    links = m.sheet_competences.c
    return TaggedUnion(
        {
            "competences": select(
                m.Competence.id, m.Competence.code, m.Competence.label, m.Competence.position
            )
            .join(m.Framework, m.Framework.id == m.Competence.framework_id)
            .join(m.SchoolClass, m.SchoolClass.diploma_id == m.Framework.diploma_id)
            .join(m.Apprentice, m.Apprentice.school_class_id == m.SchoolClass.id)
            .where(m.Apprentice.id == apprentice_id),
            "sheets": sheets,
            "links": select(links.activity_sheet_id, links.competence_id).where(
                links.activity_sheet_id.in_(select(shown.c.id))
            ),
            "reviews": select(
                m.PeriodReview.id.label("review_id"),
                m.Period.name.label("period_name"),
                m.Period.start_date,
                m.Period.end_date,
                m.PeriodReview.reviewed_on,
                m.PeriodReview.appreciation,
                m.Account.last_name,
                m.Account.first_name,
            )
            .join(m.Portfolio, m.Portfolio.id == m.PeriodReview.portfolio_id)
            .join(m.Period, m.Period.id == m.Portfolio.period_id)
            .outerjoin(m.Account, m.Account.id == m.PeriodReview.author_id)
            .where(m.Portfolio.apprentice_id == apprentice_id)
            .order_by(m.Period.start_date.desc(), m.PeriodReview.id.desc())
            .limit(period_review_limit),
            "ratings": select(
                m.Criterion.competence_id,
                m.Criterion.code.label("criterion_code"),
                m.Criterion.label.label("criterion_label"),
                m.Criterion.position.label("criterion_position"),
                m.RatingGrid.id.label("grid_id"),
                m.RatingGrid.rated_on,
                m.RatingGrid.origin,
                m.RatingGrid.kind,
                m.RatingGrid.title.label("grid_title"),
                m.Rating.result,
            )
            .join(m.RatingGrid, m.RatingGrid.id == m.Rating.rating_grid_id)
            .join(m.Criterion, m.Criterion.id == m.Rating.criterion_id)
            .where(m.RatingGrid.apprentice_id == apprentice_id, m.RatingGrid.origin.in_(origins))
            .order_by(m.RatingGrid.rated_on, m.RatingGrid.id, m.Criterion.position),
        },
        order={
            "competences": lambda r: (r.position, r.id),
            "sheets": lambda r: (-r.iso_year, -r.iso_week, -r.id),
            "reviews": lambda r: (-r.start_date.toordinal(), -r.review_id),
            "ratings": lambda r: (r.rated_on, r.grid_id, r.criterion_position),
        },
    )
