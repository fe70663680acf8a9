"""Loading what the permission policy needs, inside the service's own session."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.services.permissions import (
    Action,
    Actor,
    ApprenticeScope,
    require,
    require_on_class,
)
from cpro_desktop.store.errors import NotFound, PermissionDenied


def load_scope(session: Session, apprentice_id: int) -> ApprenticeScope:
    """The accounts related to one apprentice (two queries)."""
    row = session.execute(
        select(
            m.Apprentice.id,
            m.Apprentice.school_class_id,
            m.Apprentice.account_id,
            m.Apprentice.tutor_id,
            m.Apprentice.referent_trainer_id,
        ).where(m.Apprentice.id == apprentice_id)
    ).one_or_none()
    if row is None:
        raise NotFound("Cet apprenti n'existe pas (ou plus).")
    related = session.execute(
        select(m.class_trainers.c.trainer_id, None)
        .where(m.class_trainers.c.school_class_id == row.school_class_id)
        .union_all(
            select(None, m.apprentice_guardians.c.guardian_id).where(
                m.apprentice_guardians.c.apprentice_id == apprentice_id
            )
        )
    ).all()
    return ApprenticeScope(
        apprentice_id=row.id,
        school_class_id=row.school_class_id,
        account_id=row.account_id,
        tutor_id=row.tutor_id,
        referent_trainer_id=row.referent_trainer_id,
        class_trainer_ids=frozenset(r[0] for r in related if r[0] is not None),
        guardian_ids=frozenset(r[1] for r in related if r[1] is not None),
    )


def fresh_actor(session: Session, actor: Actor) -> Actor:
    """The actor as the store knows him now: a deactivated account loses every right."""
    row = session.execute(
        select(m.Account.role, m.Account.is_active).where(m.Account.id == actor.account_id)
    ).one_or_none()
    if row is None or not row.is_active:
        raise PermissionDenied("Ce compte est désactivé : reconnectez-vous avec un compte actif.")
    return replace(actor, role=row.role, is_active=True)


def authorize(
    session: Session, actor: Actor, action: Action, apprentice_id: int | None = None
) -> ApprenticeScope | None:
    """Check `action` for `actor` (on `apprentice_id` if the action concerns one)."""
    current = fresh_actor(session, actor)
    scope = load_scope(session, apprentice_id) if apprentice_id is not None else None
    require(current, action, scope)
    return scope


def authorize_class(session: Session, actor: Actor, action: Action, school_class_id: int) -> None:
    """Check a class-level action (e.g. managing its periods)."""
    current = fresh_actor(session, actor)
    trainers = frozenset(
        session.scalars(
            select(m.class_trainers.c.trainer_id).where(
                m.class_trainers.c.school_class_id == school_class_id
            )
        )
    )
    require_on_class(current, action, trainers)
