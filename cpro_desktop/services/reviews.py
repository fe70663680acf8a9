"""Competence reviews: the tutor's company reviews ("Bilans des activités en entreprise"),
the trainers' interim reviews in the centre, and the archive with its comparison table
("Bilans de compétences").

A review is a draft that only its author sees, saves and resumes; "Valider le bilan
définitivement" needs the word CONFIRMATION typed exactly, "Constats" and "Conseils"
filled, and then the review never changes again (the store's triggers refuse it too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import CompetenceLevel, Origin, ReviewStatus
from cpro_desktop.models.reviews import ONE_DRAFT_INDEX
from cpro_desktop.services.access import authorize, fresh_actor, load_scope
from cpro_desktop.services.permissions import Action, Actor, can, visible_apprentices_clause
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, PermissionDenied, ValidationError

CONFIRMATION_WORD = "CONFIRMATION"
WRITE_ACTION = {
    Origin.COMPANY: Action.WRITE_COMPANY_REVIEW,
    Origin.CENTRE: Action.WRITE_CENTRE_REVIEW,
}
FIELD_LABELS = {"findings": "Constats", "advice": "Conseils"}


@dataclass(frozen=True)
class ReviewLine:
    """One competence's level in a review."""

    competence_id: int
    code: str
    label: str
    level: CompetenceLevel

    @property
    def title(self) -> str:
        return f"{self.code} - {self.label}"


@dataclass(frozen=True)
class ReviewSnapshot:
    """A competence review as the form and the archive show it."""

    id: int
    apprentice_id: int
    origin: Origin
    author_id: int | None
    author_name: str
    reviewed_on: date
    findings: str
    advice: str
    proposed_mark: Decimal | None
    status: ReviewStatus
    validated_at: datetime | None
    validated_by_name: str
    version: int
    lines: tuple[ReviewLine, ...]
    #: The apprentice's class and diploma: as validated for a validated review.
    class_name: str = ""
    diploma_name: str = ""

    @property
    def is_draft(self) -> bool:
        return self.status == ReviewStatus.DRAFT


@dataclass(frozen=True)
class ComparisonTable:
    """Competences as rows, validated reviews as columns (by date), and the proposed marks."""

    reviews: tuple[ReviewSnapshot, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (competence title, level per review)
    marks: tuple[str, ...]  # "13.5/20" or ""

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(r.reviewed_on.strftime("%d/%m/%Y") for r in self.reviews)


def validation_problems(findings: str, advice: str) -> list[str]:
    """Why a review cannot be validated yet (French, one line per missing field); [] if it can."""
    problems = []
    for field, value in (("findings", findings), ("advice", advice)):
        if not value.strip():
            problems.append(f"Le champ « {FIELD_LABELS[field]} » est obligatoire.")
    return problems


def format_mark(mark: Decimal | None) -> str:
    """The mark as the seed prints it ("13.5/20", "12/20"), or ""."""
    if mark is None:
        return ""
    return f"{mark.normalize():f}/20"


def parse_mark(value: str | Decimal | float | None) -> Decimal | None:
    """A proposed mark out of 20 with half points, or None; ValidationError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        mark = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation as exc:
        raise ValidationError("proposed_mark", "La note proposée doit être un nombre.") from exc
    if not (0 <= mark <= 20) or (mark * 2) % 1 != 0:
        raise ValidationError(
            "proposed_mark",
            "La note proposée va de 0 à 20, par demi-points (par exemple 13,5).",
        )
    return mark


# -- reading ------------------------------------------------------------------------------


def _frozen_lines(frozen: dict[str, Any]) -> tuple[ReviewLine, ...]:
    return tuple(
        ReviewLine(int(line["id"]), line["code"], line["label"], CompetenceLevel(line["level"]))
        for line in frozen.get("lines", ())
    )


def _snapshots(session: Session, reviews: list[m.CompetenceReview]) -> list[ReviewSnapshot]:
    """Snapshots of `reviews` with their lines and names (a few queries for any number).

    A validated review shows what it froze at validation (its `frozen` column); a draft, or
    a validated review that froze nothing (written before migration 0006 could backfill it,
    or by the bulk generator), follows the apprentice's current framework and class."""
    if not reviews:
        return []
    live = [r for r in reviews if r.status != ReviewStatus.VALIDATED or not r.frozen]
    ids = [r.id for r in live]
    apprentice_ids = {r.apprentice_id for r in live}
    competences: dict[int, list[m.Competence]] = {}
    levels: dict[tuple[int, int], CompetenceLevel] = {}
    classes: dict[int, tuple[str, str]] = {}
    if live:
        framework_lines = session.execute(
            select(m.Apprentice.id, m.Competence)
            .join(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
            .join(m.Framework, m.Framework.diploma_id == m.SchoolClass.diploma_id)
            .join(m.Competence, m.Competence.framework_id == m.Framework.id)
            .where(m.Apprentice.id.in_(apprentice_ids))
            .order_by(m.Competence.position, m.Competence.id)
        ).all()
        for apprentice_id, competence in framework_lines:
            competences.setdefault(apprentice_id, []).append(competence)
        levels = {
            (row.competence_review_id, row.competence_id): row.level
            for row in session.execute(
                select(
                    m.CompetenceReviewLine.competence_review_id,
                    m.CompetenceReviewLine.competence_id,
                    m.CompetenceReviewLine.level,
                ).where(m.CompetenceReviewLine.competence_review_id.in_(ids))
            )
        }
        classes = {
            row.id: (row.class_name or "", row.diploma_name or "")
            for row in session.execute(
                select(
                    m.Apprentice.id,
                    m.SchoolClass.name.label("class_name"),
                    m.Diploma.name.label("diploma_name"),
                )
                .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
                .outerjoin(m.Diploma, m.Diploma.id == m.SchoolClass.diploma_id)
                .where(m.Apprentice.id.in_(apprentice_ids))
            )
        }
    people = {
        row.id: f"{row.last_name.upper()} {row.first_name}".strip()
        for row in session.execute(
            select(m.Account.id, m.Account.last_name, m.Account.first_name).where(
                m.Account.id.in_({r.author_id for r in live} | {r.validated_by_id for r in live})
            )
        )
    }
    result = []
    for review in reviews:
        frozen = review.frozen if review.status == ReviewStatus.VALIDATED else None
        if frozen:
            lines = _frozen_lines(frozen)
            author_name = frozen.get("author_name", "")
            validated_by_name = frozen.get("validated_by_name", "")
            class_name = frozen.get("class_name", "")
            diploma_name = frozen.get("diploma_name", "")
        else:
            lines = tuple(
                ReviewLine(
                    c.id,
                    c.code,
                    c.label,
                    levels.get((review.id, c.id), CompetenceLevel.NOT_ASSESSED),
                )
                for c in competences.get(review.apprentice_id, [])
            )
            author_name = people.get(review.author_id or -1, "")
            validated_by_name = people.get(review.validated_by_id or -1, "")
            class_name, diploma_name = classes.get(review.apprentice_id, ("", ""))
        result.append(
            ReviewSnapshot(
                id=review.id,
                apprentice_id=review.apprentice_id,
                origin=review.origin,
                author_id=review.author_id,
                author_name=author_name,
                reviewed_on=review.reviewed_on,
                findings=review.findings,
                advice=review.advice,
                proposed_mark=review.proposed_mark,
                status=review.status,
                validated_at=review.validated_at,
                validated_by_name=validated_by_name,
                version=review.version,
                lines=lines,
                class_name=class_name,
                diploma_name=diploma_name,
            )
        )
    return result


def freeze(session: Session, review: m.CompetenceReview, validated_by_id: int) -> dict[str, Any]:
    """What the draft `review` shows now, to keep in its `frozen` column at validation: its
    competences (codes, labels, order, levels), class, diploma, author, validator and mark."""
    snapshot = _snapshots(session, [review])[0]
    validator = session.execute(
        select(m.Account.last_name, m.Account.first_name).where(m.Account.id == validated_by_id)
    ).one_or_none()
    return {
        "class_name": snapshot.class_name,
        "diploma_name": snapshot.diploma_name,
        "author_name": snapshot.author_name,
        "validated_by_name": (
            f"{validator.last_name.upper()} {validator.first_name}".strip() if validator else ""
        ),
        "mark": None if review.proposed_mark is None else str(review.proposed_mark),
        "lines": [
            {
                "id": line.competence_id,
                "code": line.code,
                "label": line.label,
                "level": line.level.value,
            }
            for line in snapshot.lines
        ],
    }


def list_reviews(store: Store, actor: Actor, apprentice_id: int) -> list[ReviewSnapshot]:
    """The apprentice's validated reviews, and the actor's own drafts, sorted by date."""
    with store.read() as session:
        authorize(session, actor, Action.READ_REVIEWS, apprentice_id)
        reviews = session.scalars(
            select(m.CompetenceReview)
            .where(
                m.CompetenceReview.apprentice_id == apprentice_id,
                or_(
                    m.CompetenceReview.status == ReviewStatus.VALIDATED,
                    m.CompetenceReview.author_id == actor.account_id,
                ),
            )
            .order_by(m.CompetenceReview.reviewed_on, m.CompetenceReview.id)
        ).all()
        return _snapshots(session, list(reviews))


def get_review(
    store: Store, actor: Actor, review_id: int, *, mark_read: bool = True
) -> ReviewSnapshot:
    """One review: a draft for its author only; opening a validated one marks it read."""
    with store.write() as session:
        review = session.get(m.CompetenceReview, review_id)
        if review is None:
            raise NotFound("Ce bilan n'existe pas (ou plus).")
        authorize(session, actor, Action.READ_REVIEWS, review.apprentice_id)
        if review.status == ReviewStatus.DRAFT and review.author_id != actor.account_id:
            raise PermissionDenied("Ce bilan est un brouillon : seul son auteur peut l'ouvrir.")
        if mark_read and review.status == ReviewStatus.VALIDATED:
            _mark_read(session, actor.account_id, review.id)
        return _snapshots(session, [review])[0]


def comparison_table(store: Store, actor: Actor, apprentice_id: int) -> ComparisonTable:
    """The seed's last table: competences × validated review dates, levels, proposed marks."""
    validated = [r for r in list_reviews(store, actor, apprentice_id) if not r.is_draft]
    # Each review shows the competences it froze: the rows are those of the latest review,
    # in its order, then those only earlier reviews show (another class, a removed
    # competence); a review that did not show a competence has an empty cell.
    titles: dict[int, str] = {}
    for review in reversed(validated):
        for line in review.lines:
            titles.setdefault(line.competence_id, line.title)
    levels = [{line.competence_id: line.level.value for line in r.lines} for r in validated]
    rows = [
        (title, tuple(given.get(competence_id, "") for given in levels))
        for competence_id, title in titles.items()
    ]
    return ComparisonTable(
        tuple(validated), tuple(rows), tuple(format_mark(r.proposed_mark) for r in validated)
    )


def _unread_reviews_where(current: Actor) -> tuple[ColumnElement[bool], ...]:
    """Validated company reviews `current` may read, did not write and has not opened yet;
    for a statement that selects from `CompetenceReview` joined to `Apprentice`."""
    return (
        m.CompetenceReview.status == ReviewStatus.VALIDATED,
        m.CompetenceReview.origin == Origin.COMPANY,
        m.CompetenceReview.author_id != current.account_id,
        ~exists().where(
            m.ReadMark.competence_review_id == m.CompetenceReview.id,
            m.ReadMark.reader_id == current.account_id,
        ),
        visible_apprentices_clause(current, Action.READ_REVIEWS),
    )


def unread_review_ids(store: Store, actor: Actor) -> list[int]:
    """Validated company reviews the actor may read and has not opened yet (notifications)."""
    with store.read() as session:
        current = fresh_actor(session, actor)
        return list(
            session.scalars(
                select(m.CompetenceReview.id)
                .join(m.Apprentice, m.Apprentice.id == m.CompetenceReview.apprentice_id)
                .where(*_unread_reviews_where(current))
                .order_by(m.CompetenceReview.validated_at)
            )
        )


def unread_review_count_query(current: Actor) -> Select:
    """The statement counting `unread_review_ids` for the (fresh) actor: the counter of the
    "Bilans de compétences" module entry (also read by `services.start` at sign-in)."""
    return (
        select(func.count(m.CompetenceReview.id))
        .join(m.Apprentice, m.Apprentice.id == m.CompetenceReview.apprentice_id)
        .where(*_unread_reviews_where(current))
    )


def unread_review_count(store: Store, actor: Actor) -> int:
    """How many of `unread_review_ids` there are, over every apprentice the actor may read
    (the counter of the "Bilans de compétences" module entry): one counting statement."""
    with store.read() as session:
        current = fresh_actor(session, actor)
        return session.scalar(unread_review_count_query(current)) or 0


def _mark_read(session: Session, reader_id: int, review_id: int) -> None:
    mark = session.scalars(
        select(m.ReadMark).where(
            m.ReadMark.reader_id == reader_id, m.ReadMark.competence_review_id == review_id
        )
    ).one_or_none()
    if mark is None:
        session.add(m.ReadMark(reader_id=reader_id, competence_review_id=review_id))
    else:
        mark.read_at = utcnow()


# -- writing ------------------------------------------------------------------------------


def start_review(
    store: Store, actor: Actor, apprentice_id: int, origin: Origin, reviewed_on: date | None = None
) -> ReviewSnapshot:
    """Resume the actor's draft for this apprentice and origin, or start one (all NE)."""
    with store.write() as session:
        authorize(session, actor, WRITE_ACTION[origin], apprentice_id)
        if session.get_bind().dialect.name == "postgresql":
            # Two windows starting the same draft at once must find one draft, not make two
            # (SQLite's writers already queue): the second waits for the first's commit.
            session.execute(
                text("SELECT pg_advisory_xact_lock(:apprentice, :author)"),
                {"apprentice": apprentice_id, "author": actor.account_id},
            )
        draft = _own_draft(session, actor, apprentice_id, origin)
        if draft is None:
            draft = m.CompetenceReview(
                apprentice_id=apprentice_id,
                origin=origin,
                author_id=actor.account_id,
                reviewed_on=reviewed_on or date.today(),
                status=ReviewStatus.DRAFT,
            )
            try:
                with session.begin_nested():
                    session.add(draft)
                    session.flush()
            except IntegrityError as exc:
                # The store allows one draft per apprentice, author and origin (a partial
                # unique index): another session made it in the meantime. Resume that one.
                if not any(marker in str(exc.orig) for marker in _ONE_DRAFT_MARKERS):
                    raise
                draft = _own_draft(session, actor, apprentice_id, origin)
                if draft is None:
                    raise ConflictError(
                        "Un brouillon de ce bilan vient d'être commencé ailleurs (une autre "
                        "fenêtre ou un autre poste) : rouvrez le bilan pour le reprendre."
                    ) from exc
        return _snapshots(session, [draft])[0]


#: How each backend names the one-draft index when it refuses a second draft.
_ONE_DRAFT_MARKERS = (ONE_DRAFT_INDEX, "competence_reviews.apprentice_id")


def _own_draft(
    session: Session, actor: Actor, apprentice_id: int, origin: Origin
) -> m.CompetenceReview | None:
    """The actor's draft for this apprentice and origin (the store holds one at most)."""
    return session.scalars(
        select(m.CompetenceReview).where(
            m.CompetenceReview.apprentice_id == apprentice_id,
            m.CompetenceReview.origin == origin,
            m.CompetenceReview.author_id == actor.account_id,
            m.CompetenceReview.status == ReviewStatus.DRAFT,
        )
    ).one_or_none()


def _load_own_draft(
    session: Session, actor: Actor, review_id: int, version: int
) -> m.CompetenceReview:
    review = session.get(m.CompetenceReview, review_id, with_for_update=True)
    if review is None:
        raise NotFound("Ce bilan n'existe pas (ou plus).")
    authorize(session, actor, WRITE_ACTION[review.origin], review.apprentice_id)
    if review.author_id != actor.account_id:
        raise PermissionDenied("Seul l'auteur d'un bilan peut le modifier.")
    if review.status != ReviewStatus.DRAFT:
        raise ConflictError("Ce bilan a déjà été validé définitivement : il ne peut plus changer.")
    if review.version != version:
        raise ConflictError(
            "Ce bilan a été enregistré ailleurs entre-temps (une autre fenêtre ou un autre "
            "poste) : rechargez-le avant de continuer."
        )
    return review


def save_draft(
    store: Store,
    actor: Actor,
    review_id: int,
    version: int,
    *,
    findings: str,
    advice: str,
    levels: dict[int, CompetenceLevel],
    proposed_mark: str | Decimal | None = None,
    reviewed_on: date | None = None,
) -> ReviewSnapshot:
    """Save the draft as it stands (no field is mandatory for a draft; each text is bounded:
    a validated review is kept forever and printed in every booklet)."""
    check_text(m.CompetenceReview.findings, findings, FIELD_LABELS["findings"])
    check_text(m.CompetenceReview.advice, advice, FIELD_LABELS["advice"])
    with store.write() as session:
        review = _load_own_draft(session, actor, review_id, version)
        mark = parse_mark(proposed_mark)
        if mark is not None and review.origin == Origin.COMPANY:
            raise ValidationError(
                "proposed_mark", "Seuls les bilans du centre de formation proposent une note."
            )
        review.findings = findings
        review.advice = advice
        review.proposed_mark = mark
        if reviewed_on is not None:
            review.reviewed_on = reviewed_on
        existing = {
            line.competence_id: line
            for line in session.scalars(
                select(m.CompetenceReviewLine).where(
                    m.CompetenceReviewLine.competence_review_id == review.id
                )
            )
        }
        allowed = _framework_competence_ids(session, review.apprentice_id)
        for competence_id, level in levels.items():
            if competence_id not in allowed:
                raise ValidationError("levels", "Cette compétence n'est pas celle du diplôme.")
            line = existing.get(competence_id)
            if line is None:
                session.add(
                    m.CompetenceReviewLine(
                        competence_review_id=review.id,
                        competence_id=competence_id,
                        level=CompetenceLevel(level),
                    )
                )
            else:
                line.level = CompetenceLevel(level)
        review.updated_at = utcnow()
        session.flush()
        return _snapshots(session, [review])[0]


def _framework_competence_ids(session: Session, apprentice_id: int) -> set[int]:
    return set(
        session.scalars(
            select(m.Competence.id)
            .join(m.Framework, m.Framework.id == m.Competence.framework_id)
            .join(m.SchoolClass, m.SchoolClass.diploma_id == m.Framework.diploma_id)
            .join(m.Apprentice, m.Apprentice.school_class_id == m.SchoolClass.id)
            .where(m.Apprentice.id == apprentice_id)
        )
    )


def validate_review(
    store: Store, actor: Actor, review_id: int, version: int, confirmation: str | None
) -> ReviewSnapshot:
    """Validate definitively: only with CONFIRMATION typed exactly, Constats and Conseils
    filled, by the author, from the version he read. Records who and when."""
    if confirmation != CONFIRMATION_WORD:
        raise ValidationError(
            "confirmation",
            "Validation annulée : saisissez CONFIRMATION en lettres majuscules pour valider "
            "le bilan définitivement.",
        )
    with store.write() as session:
        review = _load_own_draft(session, actor, review_id, version)
        problems = validation_problems(review.findings, review.advice)
        if problems:
            field = "findings" if not review.findings.strip() else "advice"
            raise ValidationError(field, " ".join(problems))
        # One guarded UPDATE: of two sessions validating the same draft, one changes the row.
        result = session.execute(
            update(m.CompetenceReview)
            .where(
                m.CompetenceReview.id == review.id,
                m.CompetenceReview.status == ReviewStatus.DRAFT,
                m.CompetenceReview.version == version,
            )
            .values(
                status=ReviewStatus.VALIDATED,
                frozen=freeze(session, review, actor.account_id),
                validated_at=utcnow(),
                validated_by_id=actor.account_id,
                version=version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise ConflictError(
                "Ce bilan vient d'être validé par ailleurs : il ne peut plus changer."
            )
        session.expire(review)
        return _snapshots(session, [session.get(m.CompetenceReview, review.id)])[0]


def delete_draft(store: Store, actor: Actor, review_id: int, version: int) -> None:
    """The author abandons his draft."""
    with store.write() as session:
        review = _load_own_draft(session, actor, review_id, version)
        session.delete(review)


def can_write(store: Store, actor: Actor, apprentice_id: int, origin: Origin) -> bool:
    """Whether the actor may write a review of this origin for the apprentice (for views)."""
    with store.read() as session:
        return can(
            fresh_actor(session, actor), WRITE_ACTION[origin], load_scope(session, apprentice_id)
        )
