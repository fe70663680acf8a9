"""The permission policy as a full matrix (role × action × own/other), through the service
path that loads the apprentice's scope from the store, on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from cpro_desktop import models as m
from cpro_desktop.services.access import authorize, load_scope
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.permissions import (
    Action,
    Actor,
    Module,
    can,
    exporting_record,
    modules_for,
    visible_apprentices_clause,
)
from cpro_desktop.store import PermissionDenied, Store

A = Action
#: Written out by hand from the SPEC's "Who uses it" table (not derived from the policy):
#: what each demo account may do on AZZOUG Mina, whom each of them relates to.
EXPECTED_ON_OWN: dict[str, set[Action]] = {
    "apprenti": {
        A.READ_WORK, A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET, A.PRINT_BOOKLET,
        A.WRITE_OWN_WORK, A.WRITE_BOOKLET_APPRENTICE,
    },
    "tuteur": {
        A.READ_WORK, A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET, A.PRINT_BOOKLET,
        A.ANNOTATE_WORK, A.WRITE_PERIOD_REVIEW, A.RATE_IN_COMPANY, A.WRITE_COMPANY_REVIEW,
        A.WRITE_BOOKLET_COMPANY,
    },
    "formateur": {
        A.READ_WORK, A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET, A.PRINT_BOOKLET,
        A.ANNOTATE_WORK, A.WRITE_PERIOD_REVIEW, A.RATE_IN_CENTRE, A.WRITE_CENTRE_REVIEW,
        A.WRITE_BOOKLET_CENTRE,
    },
    "parent": {A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET, A.PRINT_BOOKLET},
    "admin": set(),
}  # fmt: skip
SETUP_ACTIONS = {A.ADMINISTER, A.EXPORT_RECORD, A.ERASE_APPRENTICE}
APPRENTICE_ACTIONS = [a for a in Action if a not in SETUP_ACTIONS and a != A.MANAGE_PERIODS]


def _actor(store: Store, login: str) -> Actor:
    return authenticate(store, login, "cpro-demo")


def _apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == last_name))


def _allowed(store: Store, actor: Actor, action: Action, apprentice_id: int | None) -> bool:
    with store.read() as session:
        try:
            authorize(session, actor, action, apprentice_id)
        except PermissionDenied:
            return False
    return True


def test_full_matrix_own_and_other(demo_store: Store) -> None:
    """Every role × every action on its own apprentice and on another's matches the table."""
    mina = _apprentice_id(demo_store, "AZZOUG")
    nathan = _apprentice_id(demo_store, "PETIT")  # nobody of these five relates to him
    failures = []
    for login, expected in EXPECTED_ON_OWN.items():
        actor = _actor(demo_store, login)
        for action in APPRENTICE_ACTIONS:
            if _allowed(demo_store, actor, action, mina) != (action in expected):
                failures.append((login, action.value, "own"))
            if _allowed(demo_store, actor, action, nathan):
                failures.append((login, action.value, "other"))
        for action in SETUP_ACTIONS:
            if _allowed(demo_store, actor, action, None) != (login == "admin"):
                failures.append((login, action.value, "setup"))
    assert failures == []


def test_second_tutor_and_trainer_reach_only_their_own(demo_store: Store) -> None:
    """tuteur2 and formateur2 reach PETIT Nathan (theirs), not AZZOUG Mina."""
    mina = _apprentice_id(demo_store, "AZZOUG")
    nathan = _apprentice_id(demo_store, "PETIT")
    tutor2, trainer2 = _actor(demo_store, "tuteur2"), _actor(demo_store, "formateur2")
    assert _allowed(demo_store, tutor2, A.WRITE_COMPANY_REVIEW, nathan)
    assert not _allowed(demo_store, tutor2, A.READ_WORK, mina)
    assert _allowed(demo_store, trainer2, A.RATE_IN_CENTRE, nathan)
    assert not _allowed(demo_store, trainer2, A.READ_DASHBOARD, mina)


def test_admin_who_also_teaches_reaches_the_class(demo_store: Store) -> None:
    """An administrator assigned to 1MELEC as a trainer reads its apprentices' writing."""
    admin = _actor(demo_store, "admin")
    mina = _apprentice_id(demo_store, "AZZOUG")
    assert not _allowed(demo_store, admin, A.READ_WORK, mina)
    with demo_store.write() as session:
        class_id = session.scalar(select(m.SchoolClass.id).where(m.SchoolClass.name == "1MELEC"))
        session.execute(
            insert(m.class_trainers).values(school_class_id=class_id, trainer_id=admin.account_id)
        )
    assert _allowed(demo_store, admin, A.READ_WORK, mina)
    assert _allowed(demo_store, admin, A.ADMINISTER, None)
    assert Module.DASHBOARD in modules_for(admin, teaches_a_class=True)
    assert modules_for(admin) == (Module.ADMINISTRATION,)


def test_deactivated_account_loses_every_right(demo_store: Store) -> None:
    """A tutor deactivated after signing in is refused at his next service call."""
    tutor = _actor(demo_store, "tuteur")
    mina = _apprentice_id(demo_store, "AZZOUG")
    with demo_store.write() as session:
        session.get(m.Account, tutor.account_id).is_active = False
    with pytest.raises(PermissionDenied, match="désactivé"), demo_store.read() as session:
        authorize(session, tutor, A.READ_WORK, mina)


def test_exporting_a_record_reads_that_apprentice_only(demo_store: Store) -> None:
    """An administrator exporting Mina's record may read and print her documents, and
    nothing else on her or on anyone else; the same wrapper grants nothing to a tutor."""
    mina, nathan = _apprentice_id(demo_store, "AZZOUG"), _apprentice_id(demo_store, "PETIT")
    exporting = exporting_record(_actor(demo_store, "admin"), mina)
    reads = {A.READ_WORK, A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET, A.PRINT_BOOKLET}
    for action in APPRENTICE_ACTIONS:
        assert _allowed(demo_store, exporting, action, mina) is (action in reads), action
        assert not _allowed(demo_store, exporting, action, nathan), action
    tutor2 = exporting_record(_actor(demo_store, "tuteur2"), mina)
    assert not any(_allowed(demo_store, tutor2, action, mina) for action in reads)


def test_listing_clause_agrees_with_the_policy(demo_store: Store) -> None:
    """For every account and action, the SQL listing keeps exactly who `can()` allows."""
    with demo_store.read() as session:
        accounts = session.scalars(select(m.Account)).all()
        apprentice_ids = session.scalars(select(m.Apprentice.id)).all()
        scopes = {i: load_scope(session, i) for i in apprentice_ids}
        for account in accounts:
            actor = Actor(account.id, account.role, account.login)
            for action in APPRENTICE_ACTIONS:
                listed = set(
                    session.scalars(
                        select(m.Apprentice.id).where(visible_apprentices_clause(actor, action))
                    )
                )
                allowed = {i for i, scope in scopes.items() if can(actor, action, scope)}
                assert listed == allowed, (account.login, action)


def test_modules_per_role() -> None:
    """Each role sees its modules; only the administrator sees Administration."""
    roles = {
        "apprentice": [Module.ACTIVITIES, Module.DASHBOARD, Module.COMPETENCE_REVIEWS,
                       Module.BOOKLET],
        "tutor": [Module.ACTIVITIES, Module.DASHBOARD, Module.COMPANY_REVIEWS,
                  Module.COMPETENCE_REVIEWS, Module.BOOKLET],
        "trainer": [Module.ACTIVITIES, Module.DASHBOARD, Module.COMPETENCE_REVIEWS,
                    Module.BOOKLET],
        "guardian": [Module.DASHBOARD, Module.COMPETENCE_REVIEWS, Module.BOOKLET],
        "admin": [Module.ADMINISTRATION],
    }  # fmt: skip
    for role, expected in roles.items():
        assert list(modules_for(Actor(1, role))) == expected
