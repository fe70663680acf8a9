"""services/access.py: each permission check is one statement and loads the same facts as
before (the account's state, the apprentice's related accounts), on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from cpro_desktop import models as m
from cpro_desktop.services.access import authorize, authorize_class, fresh_actor, load_scope
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.permissions import Action, Actor
from cpro_desktop.store import NotFound, PermissionDenied, Store


def _actor(store: Store, login: str) -> Actor:
    return authenticate(store, login, "cpro-demo")


def _mina(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def _queries(counter) -> int:
    """Statements other than the transaction's BEGIN."""
    return sum(1 for s in counter.statements if not s.strip().upper().startswith("BEGIN"))


def test_authorize_is_one_statement(demo_store: Store, count_statements) -> None:
    """Checking an action on an apprentice, on a class or a set-up action each runs one
    statement, allowed or refused."""
    trainer, tutor2 = _actor(demo_store, "formateur"), _actor(demo_store, "tuteur2")
    admin = _actor(demo_store, "admin")
    mina = _mina(demo_store)
    with demo_store.read() as session:
        class_id = session.scalar(
            select(m.Apprentice.school_class_id).where(m.Apprentice.id == mina)
        )
        checks = [
            (lambda: authorize(session, trainer, Action.RATE_IN_CENTRE, mina), True),
            (lambda: authorize(session, tutor2, Action.READ_WORK, mina), False),
            (lambda: authorize(session, admin, Action.ADMINISTER), True),
            (lambda: authorize(session, trainer, Action.ADMINISTER), False),
            (lambda: authorize_class(session, trainer, Action.MANAGE_PERIODS, class_id), True),
            (lambda: authorize_class(session, tutor2, Action.MANAGE_PERIODS, class_id), False),
        ]
        for check, allowed in checks:
            with count_statements(demo_store) as counter:
                try:
                    check()
                    refused = False
                except PermissionDenied:
                    refused = True
            assert refused is not allowed
            assert _queries(counter) == 1


def test_scope_lists_every_related_account(demo_store: Store) -> None:
    """The scope from `authorize()` and from `load_scope()` holds the apprentice's own
    account, tutor, referent, every trainer of his class and every guardian."""
    mina = _mina(demo_store)
    extra_trainer = _actor(demo_store, "formateur2").account_id
    with demo_store.write() as session:
        apprentice = session.get(m.Apprentice, mina)
        class_id = apprentice.school_class_id
        session.execute(
            insert(m.class_trainers).values(school_class_id=class_id, trainer_id=extra_trainer)
        )
    with demo_store.read() as session:
        apprentice = session.get(m.Apprentice, mina)
        trainers = set(
            session.scalars(
                select(m.class_trainers.c.trainer_id).where(
                    m.class_trainers.c.school_class_id == class_id
                )
            )
        )
        guardians = set(
            session.scalars(
                select(m.apprentice_guardians.c.guardian_id).where(
                    m.apprentice_guardians.c.apprentice_id == mina
                )
            )
        )
        assert len(trainers) >= 2 and extra_trainer in trainers and guardians
        scope = authorize(session, _actor(demo_store, "apprenti"), Action.READ_WORK, mina)
        assert scope == load_scope(session, mina)
        assert scope.apprentice_id == mina and scope.school_class_id == class_id
        assert (scope.account_id, scope.tutor_id, scope.referent_trainer_id) == (
            apprentice.account_id,
            apprentice.tutor_id,
            apprentice.referent_trainer_id,
        )
        assert scope.class_trainer_ids == trainers and scope.guardian_ids == guardians


def test_missing_apprentice_and_deactivated_account(demo_store: Store) -> None:
    """An apprentice that does not exist is NotFound; a deactivated account is refused
    first, whatever the apprentice; an account that no longer exists too."""
    tutor = _actor(demo_store, "tuteur")
    mina = _mina(demo_store)
    with demo_store.read() as session:
        with pytest.raises(NotFound, match="n'existe pas"):
            authorize(session, tutor, Action.READ_WORK, mina + 10_000)
        with pytest.raises(NotFound, match="n'existe pas"):
            load_scope(session, mina + 10_000)
        with pytest.raises(PermissionDenied, match="désactivé"):
            authorize(session, Actor(10_000, tutor.role), Action.READ_WORK, mina)
    with demo_store.write() as session:
        session.get(m.Account, tutor.account_id).is_active = False
    with demo_store.read() as session:
        for apprentice_id in (mina, mina + 10_000):
            with pytest.raises(PermissionDenied, match="désactivé"):
                authorize(session, tutor, Action.READ_WORK, apprentice_id)
        with pytest.raises(PermissionDenied, match="désactivé"):
            fresh_actor(session, tutor)


def test_a_pending_change_is_seen(demo_store: Store) -> None:
    """In a write session, a check made after an unflushed change sees it (the ORM would
    have flushed before its query): the new tutor may rate in the company at once."""
    tutor2 = _actor(demo_store, "tuteur2")
    mina = _mina(demo_store)
    with demo_store.write() as session:
        with pytest.raises(PermissionDenied):
            authorize(session, tutor2, Action.RATE_IN_COMPANY, mina)
        session.get(m.Apprentice, mina).tutor_id = tutor2.account_id
        scope = authorize(session, tutor2, Action.RATE_IN_COMPANY, mina)
        assert scope is not None and scope.tutor_id == tutor2.account_id
