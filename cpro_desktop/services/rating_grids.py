"""Rating grids (grilles de positionnement): entered, changed and deleted by their author.

A trainer rates criteria in the centre (RATE_IN_CENTRE) for one apprentice or for a whole
class at once (one grid per apprentice rated, same date, kind and title); a tutor rates in
the company (RATE_IN_COMPANY). A grid is dated, formative or certifying, and gives one of
the five results to each criterion it rates.

A grid stays editable by its author until it is *taken into account*: dated on or before
the apprentice's latest validated interim review. For the same reason a new grid cannot be
dated on or before that review (it would be counted as already reviewed), nor in the
future. Company grids saved by a period review (module 1) are changed from that review.

Every function runs a bounded number of statements, a whole class included.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from sqlalchemy import exists, func, insert, select
from sqlalchemy.orm import Session, selectinload

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import GridKind, Origin, RatingResult, ReviewStatus
from cpro_desktop.services.access import authorize, fresh_actor
from cpro_desktop.services.dashboard import (
    CompetenceInfo,
    CriterionInfo,
    format_date,
    person_name,
)
from cpro_desktop.services.permissions import (
    Action,
    Actor,
    ApprenticeScope,
    require,
    visible_apprentices_clause,
)
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, PermissionDenied, ValidationError

__all__ = [
    "GridApprentice",
    "GridDraft",
    "GridForm",
    "class_grid_form",
    "create_class_grids",
    "create_grid",
    "delete_grid",
    "edit_grid_form",
    "grid_form",
    "update_grid",
]

ACTION_FOR_ORIGIN = {Origin.CENTRE: Action.RATE_IN_CENTRE, Origin.COMPANY: Action.RATE_IN_COMPANY}


@dataclass(frozen=True)
class GridApprentice:
    """An apprentice the grid is for, and the date before which he can no longer be rated."""

    id: int
    display_name: str
    latest_validated_review_on: date | None


@dataclass(frozen=True)
class GridDraft:
    """An existing grid, as the entry dialog edits it."""

    id: int
    apprentice_id: int
    version: int
    origin: Origin
    kind: GridKind
    rated_on: date
    title: str
    results: Mapping[int, RatingResult] = field(hash=False)  # criterion id → result


@dataclass(frozen=True)
class GridForm:
    """What the entry dialog needs: the criteria to rate and whom the grid is for."""

    origin: Origin
    competences: tuple[CompetenceInfo, ...]
    apprentices: tuple[GridApprentice, ...]
    #: Set for a whole-class grid.
    school_class_id: int | None = None
    class_name: str = ""
    #: Set when editing an existing grid.
    grid: GridDraft | None = None

    @property
    def is_class_grid(self) -> bool:
        return self.school_class_id is not None

    @property
    def criteria(self) -> tuple[CriterionInfo, ...]:
        return tuple(c for competence in self.competences for c in competence.criteria)


# --- Forms -----------------------------------------------------------------------------------


def grid_form(
    store: Store, actor: Actor, apprentice_id: int, origin: Origin = Origin.CENTRE
) -> GridForm:
    """A blank grid for one apprentice, in the centre (trainer) or the company (tutor)."""
    with store.read() as session:
        authorize(session, actor, ACTION_FOR_ORIGIN[origin], apprentice_id)
        apprentices = _grid_apprentices(session, [apprentice_id])
        competences = _framework_competences(session, _framework_of_apprentice(apprentice_id))
    return GridForm(origin, competences, apprentices)


def class_grid_form(store: Store, actor: Actor, school_class_id: int) -> GridForm:
    """A blank centre grid for every apprentice of a class the trainer may rate."""
    with store.read() as session:
        current = fresh_actor(session, actor)
        name = session.scalar(select(m.SchoolClass.name).where(m.SchoolClass.id == school_class_id))
        if name is None:
            raise NotFound("Cette classe n'existe pas (ou plus).")
        ids = list(
            session.scalars(
                select(m.Apprentice.id)
                .where(
                    m.Apprentice.school_class_id == school_class_id,
                    visible_apprentices_clause(current, Action.RATE_IN_CENTRE),
                )
                .order_by(m.Apprentice.last_name, m.Apprentice.first_name, m.Apprentice.id)
            )
        )
        if not ids:
            raise PermissionDenied("Vous n'avez pas accès à cette classe.")
        apprentices = _grid_apprentices(session, ids)
        competences = _framework_competences(session, _framework_of_class(school_class_id))
    return GridForm(Origin.CENTRE, competences, apprentices, school_class_id, name)


def edit_grid_form(store: Store, actor: Actor, grid_id: int) -> GridForm:
    """An existing grid, for its author to change (refused once it is taken into account)."""
    with store.read() as session:
        grid = _load_grid(session, grid_id)
        authorize(session, actor, ACTION_FOR_ORIGIN[grid.origin], grid.apprentice_id)
        apprentices = _grid_apprentices(session, [grid.apprentice_id])
        _check_editable(session, actor, grid, apprentices[0])
        competences = _framework_competences(session, _framework_of_apprentice(grid.apprentice_id))
    draft = GridDraft(
        grid.id,
        grid.apprentice_id,
        grid.version,
        grid.origin,
        grid.kind,
        grid.rated_on,
        grid.title,
        MappingProxyType({r.criterion_id: r.result for r in grid.ratings}),
    )
    return GridForm(grid.origin, competences, apprentices, grid=draft)


# --- Writes ----------------------------------------------------------------------------------


def create_grid(
    store: Store,
    actor: Actor,
    apprentice_id: int,
    *,
    origin: Origin,
    kind: GridKind,
    rated_on: date,
    title: str,
    results: Mapping[int, RatingResult],
    today: date | None = None,
) -> int:
    """Save a new grid for one apprentice; returns its id."""
    title = _check_header(title, rated_on, today)
    with store.write() as session:
        authorize(session, actor, ACTION_FOR_ORIGIN[origin], apprentice_id)
        apprentice = _grid_apprentices(session, [apprentice_id])[0]
        allowed = _criterion_ids(session, _framework_of_apprentice(apprentice_id))
        _check_results(results, allowed)
        _check_after_review(apprentice, rated_on)
        grid = _new_grid(actor, apprentice_id, origin, kind, rated_on, title, results)
        session.add(grid)
        session.flush()
        return grid.id


def create_class_grids(
    store: Store,
    actor: Actor,
    school_class_id: int,
    *,
    kind: GridKind,
    rated_on: date,
    title: str,
    results: Mapping[int, Mapping[int, RatingResult]],
    today: date | None = None,
) -> tuple[int, ...]:
    """Save a centre grid for each apprentice of the class with at least one result.

    `results` maps apprentice id → (criterion id → result). Every apprentice must be in the
    class and the trainer must be allowed to rate each; all grids are saved, or none.
    """
    title = _check_header(title, rated_on, today)
    rated = {a: r for a, r in results.items() if r}
    if not rated:
        raise ValidationError(
            "results", "Saisissez au moins un positionnement avant d'enregistrer la grille."
        )
    with store.write() as session:
        current = fresh_actor(session, actor)
        scopes = _scopes(session, list(rated))
        for apprentice_id in rated:
            scope = scopes.get(apprentice_id)
            if scope is None or scope.school_class_id != school_class_id:
                raise ValidationError(
                    "results", "Un apprenti de la grille n'appartient pas (ou plus) à la classe."
                )
            require(current, Action.RATE_IN_CENTRE, scope)
        apprentices = {a.id: a for a in _grid_apprentices(session, list(rated))}
        allowed = _criterion_ids(session, _framework_of_class(school_class_id))
        late = []
        for apprentice_id, ratings in rated.items():
            _check_results(ratings, allowed)
            try:
                _check_after_review(apprentices[apprentice_id], rated_on)
            except ValidationError:
                late.append(apprentices[apprentice_id].display_name)
        if late:
            raise ValidationError(
                "rated_on",
                f"La grille doit être datée après le dernier bilan intermédiaire validé de : "
                f"{', '.join(late)}. Une grille plus ancienne serait considérée comme déjà "
                "prise en compte.",
            )
        # Bulk inserts: two statements for the whole class. The ids come back in no set order
        # (asking for the parameters' order makes SQLite insert row by row): each apprentice
        # has one grid in the batch, so his id finds it.
        now = utcnow()
        returned = session.execute(
            insert(m.RatingGrid).returning(m.RatingGrid.apprentice_id, m.RatingGrid.id),
            [
                {
                    "apprentice_id": apprentice_id,
                    "origin": Origin.CENTRE,
                    "kind": kind,
                    "rated_on": rated_on,
                    "title": title,
                    "author_id": actor.account_id,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for apprentice_id in rated
            ],
        ).all()
        grid_of = {apprentice_id: grid_id for apprentice_id, grid_id in returned}
        ids = [grid_of[apprentice_id] for apprentice_id in rated]
        session.execute(
            insert(m.Rating),
            [
                {"rating_grid_id": grid_id, "criterion_id": c, "result": r, "version": 1}
                for grid_id, ratings in zip(ids, rated.values(), strict=True)
                for c, r in ratings.items()
            ],
        )
        return tuple(ids)


def update_grid(
    store: Store,
    actor: Actor,
    grid_id: int,
    version: int,
    *,
    kind: GridKind,
    rated_on: date,
    title: str,
    results: Mapping[int, RatingResult],
    today: date | None = None,
) -> None:
    """Change a grid: only its author, only before it is taken into account."""
    title = _check_header(title, rated_on, today)
    with store.write() as session:
        grid = _load_grid(session, grid_id)
        authorize(session, actor, ACTION_FOR_ORIGIN[grid.origin], grid.apprentice_id)
        apprentice = _grid_apprentices(session, [grid.apprentice_id])[0]
        _check_editable(session, actor, grid, apprentice)
        _check_version(grid, version)
        allowed = _criterion_ids(session, _framework_of_apprentice(grid.apprentice_id))
        _check_results(results, allowed)
        _check_after_review(apprentice, rated_on)
        grid.kind = kind
        grid.rated_on = rated_on
        grid.title = title
        # Touching the grid bumps its version even when only its ratings change.
        grid.updated_at = utcnow()
        existing = {r.criterion_id: r for r in grid.ratings}
        for criterion_id, rating in existing.items():
            if criterion_id not in results:
                grid.ratings.remove(rating)
            elif rating.result != results[criterion_id]:
                rating.result = results[criterion_id]
        for criterion_id, result in results.items():
            if criterion_id not in existing:
                grid.ratings.append(m.Rating(criterion_id=criterion_id, result=result))


def delete_grid(store: Store, actor: Actor, grid_id: int, version: int) -> None:
    """Delete a grid: only its author, only before it is taken into account."""
    with store.write() as session:
        grid = _load_grid(session, grid_id)
        authorize(session, actor, ACTION_FOR_ORIGIN[grid.origin], grid.apprentice_id)
        apprentice = _grid_apprentices(session, [grid.apprentice_id])[0]
        _check_editable(session, actor, grid, apprentice)
        _check_version(grid, version)
        session.delete(grid)


# --- Rules -----------------------------------------------------------------------------------


def _check_header(title: str, rated_on: date | None, today: date | None) -> str:
    title = check_text(m.RatingGrid.title, " ".join((title or "").split()), "Titre de la grille")
    if rated_on is None:
        raise ValidationError("rated_on", "Indiquez la date de la grille.")
    if rated_on > (today or date.today()):
        raise ValidationError(
            "rated_on", "La date de la grille ne peut pas être postérieure à aujourd'hui."
        )
    return title


def _check_results(results: Mapping[int, RatingResult], allowed: frozenset[int]) -> None:
    if not results:
        raise ValidationError(
            "results", "Saisissez au moins un positionnement avant d'enregistrer la grille."
        )
    if not set(results) <= allowed:
        raise ValidationError(
            "results",
            "Un critère de la grille n'appartient pas au référentiel du diplôme de l'apprenti.",
        )
    if not all(isinstance(r, RatingResult) for r in results.values()):
        raise ValidationError("results", "Un résultat de la grille est inconnu.")


def _check_after_review(apprentice: GridApprentice, rated_on: date) -> None:
    latest = apprentice.latest_validated_review_on
    if latest is not None and rated_on <= latest:
        raise ValidationError(
            "rated_on",
            f"La grille doit être datée après le dernier bilan intermédiaire validé de "
            f"{apprentice.display_name} (du {format_date(latest)}) : une grille plus ancienne "
            "serait considérée comme déjà prise en compte.",
        )


def _check_editable(
    session: Session, actor: Actor, grid: m.RatingGrid, apprentice: GridApprentice
) -> None:
    if grid.author_id is None or grid.author_id != actor.account_id:
        raise PermissionDenied("Seul l'auteur de cette grille peut la modifier ou la supprimer.")
    latest = apprentice.latest_validated_review_on
    if latest is not None and grid.rated_on <= latest:
        raise ValidationError(
            "rated_on",
            f"Cette grille a été prise en compte par le bilan intermédiaire validé du "
            f"{format_date(latest)} : elle ne peut plus être modifiée ni supprimée.",
        )
    if session.scalar(
        select(exists().where(m.PeriodReview.rating_grid_id == grid.id))
    ):  # fmt: skip
        raise ValidationError(
            "results",
            "Cette grille a été enregistrée par un bilan de la période : modifiez-la depuis ce "
            "bilan (module « Suivi des activités en entreprise »).",
        )


def _check_version(grid: m.RatingGrid, version: int) -> None:
    if grid.version != version:
        raise ConflictError(
            "Quelqu'un a modifié cette grille entre-temps : vos modifications n'ont pas été "
            "enregistrées. Rouvrez-la pour voir sa version."
        )


def _new_grid(
    actor: Actor,
    apprentice_id: int,
    origin: Origin,
    kind: GridKind,
    rated_on: date,
    title: str,
    results: Mapping[int, RatingResult],
) -> m.RatingGrid:
    grid = m.RatingGrid(
        apprentice_id=apprentice_id,
        origin=origin,
        kind=kind,
        rated_on=rated_on,
        title=title,
        author_id=actor.account_id,
    )
    grid.ratings = [m.Rating(criterion_id=c, result=r) for c, r in results.items()]
    return grid


# --- Reads -----------------------------------------------------------------------------------


def _load_grid(session: Session, grid_id: int) -> m.RatingGrid:
    grid = session.scalars(
        select(m.RatingGrid)
        .options(selectinload(m.RatingGrid.ratings))
        .where(m.RatingGrid.id == grid_id)
    ).one_or_none()
    if grid is None:
        raise NotFound("Cette grille n'existe pas (ou plus).")
    return grid


def _grid_apprentices(session: Session, ids: list[int]) -> tuple[GridApprentice, ...]:
    """The apprentices, in the order given, with their latest validated review's date."""
    latest = (
        select(func.max(m.CompetenceReview.reviewed_on))
        .where(
            m.CompetenceReview.apprentice_id == m.Apprentice.id,
            m.CompetenceReview.status == ReviewStatus.VALIDATED,
        )
        .correlate(m.Apprentice)
        .scalar_subquery()
    )
    rows = session.execute(
        select(m.Apprentice.id, m.Apprentice.last_name, m.Apprentice.first_name, latest).where(
            m.Apprentice.id.in_(ids)
        )
    ).all()
    found = {row[0]: GridApprentice(row[0], person_name(row[1], row[2]), row[3]) for row in rows}
    if len(found) != len(set(ids)):
        raise NotFound("Cet apprenti n'existe pas (ou plus).")
    return tuple(found[i] for i in ids)


def _scopes(session: Session, ids: list[int]) -> dict[int, ApprenticeScope]:
    """The permission scopes of several apprentices at once (three statements)."""
    rows = session.execute(
        select(
            m.Apprentice.id,
            m.Apprentice.school_class_id,
            m.Apprentice.account_id,
            m.Apprentice.tutor_id,
            m.Apprentice.referent_trainer_id,
        ).where(m.Apprentice.id.in_(ids))
    ).all()
    class_ids = {row.school_class_id for row in rows if row.school_class_id is not None}
    trainers: dict[int, set[int]] = {}
    for class_id, trainer_id in session.execute(
        select(m.class_trainers.c.school_class_id, m.class_trainers.c.trainer_id).where(
            m.class_trainers.c.school_class_id.in_(class_ids)
        )
    ):
        trainers.setdefault(class_id, set()).add(trainer_id)
    guardians: dict[int, set[int]] = {}
    for apprentice_id, guardian_id in session.execute(
        select(m.apprentice_guardians.c.apprentice_id, m.apprentice_guardians.c.guardian_id).where(
            m.apprentice_guardians.c.apprentice_id.in_(ids)
        )
    ):
        guardians.setdefault(apprentice_id, set()).add(guardian_id)
    return {
        row.id: ApprenticeScope(
            apprentice_id=row.id,
            school_class_id=row.school_class_id,
            account_id=row.account_id,
            tutor_id=row.tutor_id,
            referent_trainer_id=row.referent_trainer_id,
            class_trainer_ids=frozenset(trainers.get(row.school_class_id, ())),
            guardian_ids=frozenset(guardians.get(row.id, ())),
        )
        for row in rows
    }


def _framework_of_apprentice(apprentice_id: int):
    return (
        select(m.Framework.id)
        .join(m.SchoolClass, m.SchoolClass.diploma_id == m.Framework.diploma_id)
        .join(m.Apprentice, m.Apprentice.school_class_id == m.SchoolClass.id)
        .where(m.Apprentice.id == apprentice_id)
        .scalar_subquery()
    )


def _framework_of_class(school_class_id: int):
    return (
        select(m.Framework.id)
        .join(m.SchoolClass, m.SchoolClass.diploma_id == m.Framework.diploma_id)
        .where(m.SchoolClass.id == school_class_id)
        .scalar_subquery()
    )


def _framework_competences(session: Session, framework) -> tuple[CompetenceInfo, ...]:
    rows = session.execute(
        select(
            m.Competence.id,
            m.Competence.code,
            m.Competence.label,
            m.Criterion.id,
            m.Criterion.code,
            m.Criterion.label,
        )
        .join(m.Criterion, m.Criterion.competence_id == m.Competence.id)
        .where(m.Competence.framework_id == framework)
        .order_by(m.Competence.position, m.Competence.id, m.Criterion.position, m.Criterion.id)
    ).all()
    ordered: dict[int, tuple[str, str, list[CriterionInfo]]] = {}
    for cid, code, label, criterion_id, criterion_code, criterion_label in rows:
        entry = ordered.setdefault(cid, (code, label, []))
        entry[2].append(CriterionInfo(criterion_id, criterion_code, criterion_label))
    return tuple(
        CompetenceInfo(cid, code, label, tuple(criteria))
        for cid, (code, label, criteria) in ordered.items()
    )


def _criterion_ids(session: Session, framework) -> frozenset[int]:
    return frozenset(
        session.scalars(
            select(m.Criterion.id)
            .join(m.Competence, m.Competence.id == m.Criterion.competence_id)
            .where(m.Competence.framework_id == framework)
        )
    )
