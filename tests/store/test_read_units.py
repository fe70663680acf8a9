"""Read units cost their statements only (no BEGIN, no ROLLBACK) and never write; a
statement sent ahead (`store.ahead`) shares the round trip of the next one on PostgreSQL.

Round trips are counted on the wire through `LatencyProxy` (no delay) on PostgreSQL, and
from the engine's events on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Integer, bindparam, insert, literal_column, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from cpro_desktop import models as m
from cpro_desktop.bench_latency import LatencyProxy, RoundTripCounter
from cpro_desktop.models.enums import Role
from cpro_desktop.store import Store
from cpro_desktop.store.ahead import send_ahead
from cpro_desktop.store.engine import WriteInReadUnit

from . import factories as f

_accounts = m.Account.__table__
_ACCOUNT = select(_accounts.c.role, _accounts.c.is_active, _accounts.c.login).where(
    _accounts.c.id == bindparam("account_id", type_=Integer)
)
_BROKEN = select(_accounts.c.id, literal_column("1 / 0").label("boom")).where(
    _accounts.c.id == bindparam("account_id", type_=Integer)
)


@pytest.fixture
def routed(store_url: str, backend: str) -> Iterator[tuple[Store, LatencyProxy | None]]:
    """The store, through a proxy counting round trips on PostgreSQL. The line is slow
    (40 ms round trip) as the count assumes: on an instant line a busy machine can get the
    server's answer to a pipelined statement back before it sends the next one, which the
    wire would then count as two round trips."""
    if backend == "sqlite":
        with Store.open(store_url) as store:
            yield store, None
        return
    parsed = make_url(store_url)
    with (
        LatencyProxy(parsed.host or "127.0.0.1", parsed.port or 5432, 40) as proxy,
        Store.open(proxy.route(parsed)) as store,
    ):
        yield store, proxy


def _trainer(store: Store) -> int:
    with store.write() as session:
        return f.account(session, role=Role.TRAINER).id


def _warm(store: Store) -> None:
    """A pooled connection, so that no handshake is counted."""
    with store.read() as session:
        session.execute(select(1)).all()


def test_a_read_unit_sends_its_statements_only(routed) -> None:
    """Two statements, two round trips: no BEGIN before them, no ROLLBACK after."""
    store, proxy = routed
    _warm(store)
    with RoundTripCounter(store.engine, proxy) as counter:
        with store.read() as session:
            session.execute(select(m.Account.id)).all()
            session.execute(select(m.Apprentice.id)).all()
    assert counter.round_trips == 2
    # The next write unit still runs in its transaction.
    with RoundTripCounter(store.engine, proxy) as counter, store.write() as session:
        session.execute(select(m.Account.id)).all()
    assert counter.round_trips == 3


def test_a_read_unit_refuses_to_write(store: Store) -> None:
    """A read unit has no transaction to roll back: an insert in it is a bug, refused
    before it reaches the database."""
    with pytest.raises(WriteInReadUnit), store.read() as session:
        session.execute(insert(m.Diploma).values(code="X", name="X", level="4"))
    with store.read() as session:
        assert session.scalars(select(m.Diploma.code)).all() == []


def test_a_read_unit_in_a_transaction_streams_rows(store: Store) -> None:
    """`read(transaction=True)`: a server-side cursor (`yield_per`) works on PostgreSQL."""
    trainer = _trainer(store)
    with store.read(transaction=True) as session:
        result = session.execute(
            select(m.Account.id).where(m.Account.id == trainer).execution_options(yield_per=1)
        )
        assert [row.id for row in result] == [trainer]


def test_a_statement_ahead_shares_the_next_one_s_round_trip(routed) -> None:
    """The statement ahead and the next one: one round trip on PostgreSQL; its rows come
    back as SQLAlchemy gives them (the role as a `Role`). Alone, it costs one trip."""
    store, proxy = routed
    trainer = _trainer(store)
    _warm(store)
    for _ in range(6):  # psycopg prepares a statement at its fifth run: in the same trip
        with RoundTripCounter(store.engine, proxy) as counter:
            with store.read() as session:
                with send_ahead(session.connection(), _ACCOUNT, {"account_id": trainer}) as a:
                    ids = session.scalars(select(m.Account.id)).all()
                (row,) = a.rows()
        assert ids == [trainer]
        assert (row.role, row.is_active) == (Role.TRAINER, True)
        assert counter.round_trips == (2 if proxy is None else 1)
    with RoundTripCounter(store.engine, proxy) as counter:
        with store.read() as session:
            with send_ahead(session.connection(), _ACCOUNT, {"account_id": trainer}) as a:
                pass
            assert [r.role for r in a.rows()] == [Role.TRAINER]
    assert counter.round_trips == 1


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
def test_errors_ahead_are_told_and_the_connection_goes_on(store: Store, backend: str) -> None:
    """An error of the statement ahead, of the next one, or of the block: raised as
    SQLAlchemy's (or as it is), the pipeline closed, the pool's connection usable."""
    trainer = _trainer(store)

    def ahead_fails(session) -> None:
        with send_ahead(session.connection(), _BROKEN, {"account_id": trainer}):
            session.execute(text("SELECT 7")).all()

    def ahead_fails_alone(session) -> None:
        with send_ahead(session.connection(), _BROKEN, {"account_id": trainer}):
            pass

    def next_fails(session) -> None:
        with send_ahead(session.connection(), _ACCOUNT, {"account_id": trainer}):
            session.execute(text("SELECT 1 / 0")).all()

    def block_fails(session) -> None:
        with send_ahead(session.connection(), _ACCOUNT, {"account_id": trainer}):
            raise KeyError("the block's own")

    for failing, error in (
        (ahead_fails, DBAPIError),
        (ahead_fails_alone, DBAPIError),
        (next_fails, DBAPIError),
        (block_fails, KeyError),
    ):
        with pytest.raises(error), store.read() as session:
            failing(session)
        with store.read() as session:
            assert session.execute(text("SELECT 42")).scalar() == 42
        assert store.engine.pool.checkedout() == 0, failing.__name__
