"""services/access.py `checking()`: the permission check sent with the service's first
data statement decides exactly as `authorize()` does, and both cost one round trip on
PostgreSQL (counted through `LatencyProxy`)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from cpro_desktop import models as m
from cpro_desktop.bench_latency import LatencyProxy, RoundTripCounter
from cpro_desktop.services.access import authorize, authorize_portfolio, checking
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.permissions import Action
from cpro_desktop.store import CproError, NotFound, PermissionDenied, Store

LOGINS = ("apprenti", "tuteur", "tuteur2", "formateur", "formateur2", "admin")


def _outcome(call, *args):
    try:
        return call(*args)
    except CproError as exc:
        return type(exc)


def _checked(session, actor, action, target, key):
    with checking(session, actor, action, **{key: target}) as check:
        session.execute(select(m.Account.id).limit(1)).all()
    return check.scope


def test_checking_decides_as_authorize(demo_store: Store) -> None:
    """Every demo account × apprentice (and portfolio) × a few actions: same scope, same
    refusal; the data read in the block comes out when allowed."""
    actors = [authenticate(demo_store, login, "cpro-demo") for login in LOGINS]
    with demo_store.read() as session:
        apprentices = [*session.scalars(select(m.Apprentice.id)), 99_999]
        portfolios = [*session.scalars(select(m.Portfolio.id)), 99_999]
    actions = (Action.READ_WORK, Action.READ_DASHBOARD, Action.RATE_IN_CENTRE)
    cases = [
        (action, target, key, old)
        for action in actions
        for target, key, old in (
            *((a, "apprentice_id", authorize) for a in apprentices),
            *((p, "portfolio_id", authorize_portfolio) for p in portfolios),
        )
    ]
    cases.append((Action.ADMINISTER, None, "apprentice_id", authorize))
    compared = 0
    for actor in actors:
        for action, target, key, old in cases:
            with demo_store.read() as session:
                expected = _outcome(old, session, actor, action, target)
            with demo_store.read() as session:
                found = _outcome(_checked, session, actor, action, target, key)
            assert found == expected, (actor.login, action, key, target)
            compared += 1
    assert compared > 100


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
def test_checking_costs_no_round_trip_of_its_own(demo_url: str, backend: str) -> None:
    """A reading service that checks, then reads in one statement: one round trip, allowed
    or refused; a refusal is raised, what was read is dropped."""
    parsed = make_url(demo_url)
    with (
        LatencyProxy(parsed.host or "127.0.0.1", parsed.port or 5432, 0) as proxy,
        Store.open(proxy.route(parsed)) as store,
    ):
        trainer = authenticate(store, "formateur", "cpro-demo")
        tutor2 = authenticate(store, "tuteur2", "cpro-demo")
        with store.read() as session:
            mina = session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))
        for _ in range(3):
            with RoundTripCounter(store.engine, proxy) as counter, store.read() as session:
                with checking(session, trainer, Action.READ_WORK, apprentice_id=mina) as check:
                    names = session.scalars(
                        select(m.Apprentice.last_name).where(m.Apprentice.id == mina)
                    ).all()
                assert names == ["AZZOUG"] and check.scope is not None
            assert counter.round_trips == 1
            with RoundTripCounter(store.engine, proxy) as counter:
                with pytest.raises(PermissionDenied), store.read() as session:
                    with checking(session, tutor2, Action.READ_WORK, apprentice_id=mina):
                        session.scalars(select(m.Apprentice.last_name)).all()
            assert counter.round_trips == 1
            with pytest.raises(NotFound), store.read() as session:
                with checking(session, trainer, Action.READ_WORK, portfolio_id=99_999):
                    pass
