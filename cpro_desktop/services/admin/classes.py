"""Classes: a diploma prepared in a school year, with the trainers who teach it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.audit import AuditAction
from cpro_desktop.services import audit
from cpro_desktop.services.admin.base import (
    TEACHING_ROLES,
    _accounts_by_id,
    _exists,
    _load_versioned,
    _replace_links,
    _touch,
    admin_read,
    admin_write,
    clean_text,
    display_name,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ValidationError


@dataclass(frozen=True)
class ClassRow:
    """One class with its diploma, school year, trainers and number of apprentices."""

    id: int
    name: str
    level_label: str
    training_year: int
    diploma_id: int
    diploma_code: str
    diploma_name: str
    school_year_id: int
    school_year_label: str
    trainer_ids: tuple[int, ...]
    trainer_names: tuple[str, ...]
    apprentice_count: int
    version: int


@dataclass(frozen=True)
class ClassInput:
    name: str
    level_label: str
    training_year: int
    diploma_id: int | None
    school_year_id: int | None
    trainer_ids: tuple[int, ...] = ()


def _class_rows(session: Session, class_id: int | None = None) -> list[ClassRow]:
    count = (
        select(func.count(m.Apprentice.id))
        .where(m.Apprentice.school_class_id == m.SchoolClass.id)
        .correlate(m.SchoolClass)
        .scalar_subquery()
    )
    stmt = (
        select(
            m.SchoolClass.id,
            m.SchoolClass.name,
            m.SchoolClass.level_label,
            m.SchoolClass.training_year,
            m.SchoolClass.diploma_id,
            m.Diploma.code.label("diploma_code"),
            m.Diploma.name.label("diploma_name"),
            m.SchoolClass.school_year_id,
            m.SchoolYear.label.label("year_label"),
            m.SchoolClass.version,
            count.label("apprentice_count"),
        )
        .join(m.Diploma, m.Diploma.id == m.SchoolClass.diploma_id)
        .join(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
        .order_by(m.SchoolYear.start_date.desc(), m.SchoolClass.name, m.SchoolClass.id)
    )
    trainers_stmt = (
        select(
            m.class_trainers.c.school_class_id,
            m.Account.id,
            m.Account.last_name,
            m.Account.first_name,
        )
        .join(m.Account, m.Account.id == m.class_trainers.c.trainer_id)
        .order_by(func.lower(m.Account.last_name), m.Account.first_name)
    )
    if class_id is not None:
        stmt = stmt.where(m.SchoolClass.id == class_id)
        trainers_stmt = trainers_stmt.where(m.class_trainers.c.school_class_id == class_id)
    trainers: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in session.execute(trainers_stmt):
        trainers[row.school_class_id].append((row.id, display_name(row.last_name, row.first_name)))
    return [
        ClassRow(
            id=row.id,
            name=row.name,
            level_label=row.level_label,
            training_year=row.training_year,
            diploma_id=row.diploma_id,
            diploma_code=row.diploma_code,
            diploma_name=row.diploma_name,
            school_year_id=row.school_year_id,
            school_year_label=row.year_label,
            trainer_ids=tuple(t[0] for t in trainers.get(row.id, ())),
            trainer_names=tuple(t[1] for t in trainers.get(row.id, ())),
            apprentice_count=row.apprentice_count,
            version=row.version,
        )
        for row in session.execute(stmt)
    ]


def list_classes(store: Store, actor: Actor) -> tuple[ClassRow, ...]:
    """Classes of every school year, newest year first (two queries)."""
    with admin_read(store, actor) as session:
        return tuple(_class_rows(session))


def _clean_class(session: Session, data: ClassInput, class_id: int | None) -> dict:
    name = clean_text(data.name, "name", "Nom de la classe", m.SchoolClass.name, required=True)
    if not isinstance(data.training_year, int) or not 1 <= data.training_year <= 3:
        raise ValidationError("training_year", "L'année de formation va de 1 à 3.")
    if not _exists(session, m.Diploma, data.diploma_id):
        raise ValidationError("diploma_id", "Choisissez le diplôme préparé par la classe.")
    if not _exists(session, m.SchoolYear, data.school_year_id):
        raise ValidationError("school_year_id", "Choisissez l'année scolaire de la classe.")
    taken = session.scalar(
        select(m.SchoolClass.id).where(
            m.SchoolClass.name == name,
            m.SchoolClass.school_year_id == data.school_year_id,
            m.SchoolClass.id != (class_id or 0),
        )
    )
    if taken is not None:
        raise ValidationError(
            "name", f"Une classe s'appelle déjà « {name} » pour cette année scolaire."
        )
    return {
        "name": name,
        "level_label": clean_text(
            data.level_label, "level_label", "Niveau", m.SchoolClass.level_label
        ),
        "training_year": data.training_year,
        "diploma_id": data.diploma_id,
        "school_year_id": data.school_year_id,
    }


def _check_teachers(
    session: Session, ids: Sequence[int], field: str, already: Iterable[int] = ()
) -> None:
    """Each id is an account that may teach; a deactivated one only if it was already there."""
    accounts = _accounts_by_id(session, ids)
    kept = set(already)
    for account_id in ids:
        row = accounts.get(account_id)
        if row is None:
            raise ValidationError(field, "Un des formateurs choisis n'existe plus.")
        name = display_name(row.last_name, row.first_name)
        if row.role not in TEACHING_ROLES:
            raise ValidationError(
                field,
                f"« {name} » n'est ni formateur ni administrateur : il ne peut pas enseigner.",
            )
        if not row.is_active and account_id not in kept:
            raise ValidationError(field, f"Le compte de « {name} » est désactivé.")


def create_class(store: Store, actor: Actor, data: ClassInput) -> ClassRow:
    """Create a class of a diploma for a school year, with its trainers."""
    with admin_write(store, actor) as session:
        values = _clean_class(session, data, None)
        trainer_ids = tuple(dict.fromkeys(data.trainer_ids))
        _check_teachers(session, trainer_ids, "trainer_ids")
        school_class = m.SchoolClass(**values)
        session.add(school_class)
        session.flush()
        _replace_links(
            session, m.class_trainers, "school_class_id", school_class.id, "trainer_id", trainer_ids
        )
        _audit_trainers(session, actor, school_class, (), trainer_ids)
        return _class_rows(session, school_class.id)[0]


def update_class(
    store: Store, actor: Actor, class_id: int, version: int, data: ClassInput
) -> ClassRow:
    """Change a class (name, level, training year, diploma, school year, trainers)."""
    with admin_write(store, actor) as session:
        school_class = _load_versioned(session, m.SchoolClass, class_id, version, "Cette classe")
        values = _clean_class(session, data, class_id)
        for key, value in values.items():
            if getattr(school_class, key) != value:
                setattr(school_class, key, value)
        _set_trainers(session, actor, school_class, data.trainer_ids)
        session.flush()
        return _class_rows(session, class_id)[0]


def _set_trainers(
    session: Session, actor: Actor, school_class: m.SchoolClass, ids: Sequence[int]
) -> None:
    trainer_ids = tuple(dict.fromkeys(ids))
    already = session.scalars(
        select(m.class_trainers.c.trainer_id).where(
            m.class_trainers.c.school_class_id == school_class.id
        )
    ).all()
    _check_teachers(session, trainer_ids, "trainer_ids", already)
    if _replace_links(
        session, m.class_trainers, "school_class_id", school_class.id, "trainer_id", trainer_ids
    ):
        _touch(school_class)
        _audit_trainers(session, actor, school_class, already, trainer_ids)


def _audit_trainers(
    session: Session,
    actor: Actor,
    school_class: m.SchoolClass,
    before: Iterable[int],
    after: Iterable[int],
) -> None:
    """One audit row when the class's trainers change: they gain or lose access to its
    apprentices (two statements: the people's names and the school year)."""
    old, new = set(before), set(after)
    added, removed = sorted(new - old), sorted(old - new)
    if not added and not removed:
        return
    people = _accounts_by_id(session, [*added, *removed])

    def names(ids: list[int]) -> str:
        return ", ".join(
            display_name(people[i].last_name, people[i].first_name) if i in people else f"n° {i}"
            for i in ids
        )

    parts = []
    if added:
        parts.append(f"Formateurs ajoutés : {names(added)}")
    if removed:
        parts.append(f"Formateurs retirés : {names(removed)}")
    year = session.scalar(
        select(m.SchoolYear.label).where(m.SchoolYear.id == school_class.school_year_id)
    )
    subject = f"Classe {school_class.name}" + (f" ({year})" if year else "")
    audit.record_event(
        session, actor, AuditAction.RIGHTS_CHANGE, subject=subject, detail=" ; ".join(parts)
    )


def set_class_trainers(
    store: Store, actor: Actor, class_id: int, version: int, trainer_ids: Sequence[int]
) -> ClassRow:
    """Assign exactly these trainers (or administrators who teach) to the class."""
    with admin_write(store, actor) as session:
        school_class = _load_versioned(session, m.SchoolClass, class_id, version, "Cette classe")
        _set_trainers(session, actor, school_class, trainer_ids)
        session.flush()
        return _class_rows(session, class_id)[0]
