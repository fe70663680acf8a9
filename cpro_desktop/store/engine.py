"""Engines and sessions from a database URL, on SQLite or PostgreSQL.

SQLite gets, on every connection, `foreign_keys=ON`, WAL and a busy timeout, and
SQLAlchemy's documented recipe for pysqlite transactions (the driver's own handling is
disabled, we emit BEGIN ourselves, `BEGIN IMMEDIATE` for write sessions so that two
writers queue instead of failing with "database is locked" half-way). Read sessions run
without a transaction on both backends (`read_options`): a read costs its statements only.

PostgreSQL connections are not pinged before each use (a round trip per unit of work, 20 ms
on a centre's network). A server that went away is noticed otherwise: a pooled connection
whose socket the server closed (restart, administrator, idle timeout) is dropped when it is
taken from the pool, by a local check of the socket; a connection that breaks while in use
makes SQLAlchemy invalidate the whole pool, so that the next unit of work connects afresh;
and the `StoreUnavailable` of a unit that failed on a connection left over from before the
break, with nothing committed, says it may be run again at once (`retry_safe`).
"""

from __future__ import annotations

import contextlib
import select
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    DisconnectionError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from . import ahead
from .errors import ConflictError, StoreUnavailable, ValidationError
from .tls import with_default_sslmode

SQLITE_BUSY_TIMEOUT_MS = 15_000
_WRITE_OPTION = "cpro_write"
#: Set on the connection of a read unit (`read_session`): no writing, and (by default) no
#: transaction.
_READ_OPTION = "cpro_read"
_AUTOCOMMIT, _TRANSACTION = "autocommit", "transaction"
#: How many units of work a pooled connection has served (in its `info`, cleared with it).
_UNITS = "cpro_units"
#: What each PostgreSQL connection sets first (see `create_store_engine`).
_SESSION_SETTINGS = "SET TIME ZONE 'UTC'; SET jit = off; SET random_page_cost = 1.1"
#: TCP keepalives: a connection whose server vanished from the network (cable, Wi-Fi,
#: crash) is noticed within about a minute while idle, instead of at its next use.
_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


def normalise_url(url: str | URL) -> URL:
    """Parse a database URL, choosing psycopg 3 for PostgreSQL; French error if unusable.

    A remote PostgreSQL server without `sslmode` gets `sslmode=verify-full` (see `tls`).
    """
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError as exc:
        raise StoreUnavailable(
            f"Adresse de base de données invalide : « {url} ». Exemples : "
            "sqlite:///chemin/cpro.sqlite3 ou postgresql://utilisateur@serveur/cpro"
        ) from exc
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        # psycopg 3 is the only PostgreSQL driver we ship, whatever driver the URL names.
        parsed = with_default_sslmode(parsed.set(drivername="postgresql+psycopg"))
    elif backend == "sqlite":
        parsed = parsed.set(drivername="sqlite+pysqlite")
    else:
        raise StoreUnavailable(
            f"Type de base de données non pris en charge : « {parsed.drivername} ». "
            "Utilisez SQLite (sqlite:///…) ou PostgreSQL (postgresql://…)."
        )
    return parsed


def _install_sqlite_recipe(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Disable pysqlite's implicit transactions; we emit BEGIN in the "begin" hook.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if engine.url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        options = connection.get_execution_options()
        if options.get(_WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif options.get(_READ_OPTION) != _AUTOCOMMIT:
            connection.exec_driver_sql("BEGIN")
        # A read unit runs in SQLite's autocommit: each statement is its own transaction.


NUL_MESSAGE = (
    "Un texte contient un caractère nul invisible (souvent collé depuis un autre logiciel) : "
    "retirez-le, puis enregistrez à nouveau. Rien n'a été enregistré."
)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    return False


class WriteInReadUnit(RuntimeError):
    """A bug: a read unit (`Store.read()`, in autocommit) tried to write."""


def _refuse_nul(engine: Engine) -> None:
    """One rule on both backends: PostgreSQL refuses NUL in text, SQLite would keep it; a
    text with NUL is refused before it reaches either, with a French message.

    And a read unit, which runs without a transaction, never writes: each of its
    statements would be committed at once, where a write unit would roll back on failure.
    """

    @event.listens_for(engine, "before_cursor_execute")
    def _check(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, *_: Any
    ) -> None:
        if parameters and _has_nul(parameters):
            raise ValidationError("text", NUL_MESSAGE)
        if (
            context is not None
            and (context.isinsert or context.isupdate or context.isdelete)
            and conn.get_execution_options().get(_READ_OPTION)
        ):
            raise WriteInReadUnit(f"a read unit may not write: {statement[:80]}")


def create_store_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for the URL with our per-backend settings."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(parsed, **kwargs)
        _install_sqlite_recipe(engine)
        _refuse_nul(engine)
        return engine
    connect_args = kwargs.setdefault("connect_args", {})
    connect_args.setdefault("connect_timeout", 5)
    connect_args.setdefault("application_name", "cpro-desktop")
    for name, value in _KEEPALIVES.items():
        connect_args.setdefault(name, value)
    engine = create_engine(parsed, **kwargs)
    _drop_hung_up_connections(engine)

    @event.listens_for(engine, "connect")
    def _utc_session(dbapi_connection: Any, _record: Any) -> None:
        # Instants are stored as naive UTC: make the server's CURRENT_TIMESTAMP defaults UTC
        # too, whatever its TimeZone (a French server usually runs in Europe/Paris). In
        # autocommit, so that the pool's reset rollback does not undo it.
        # And plans for what this application does, whatever the server's defaults: no JIT
        # compilation (a screen's statements run in milliseconds; a plan whose estimated
        # cost passes `jit_above_cost`, a listing with subqueries on a large centre, would
        # spend 50 ms compiling them), and index reads costed as on a server whose data is
        # in memory or on SSD (a centre's store is small): the default random_page_cost of
        # 4 makes the planner read every portfolio of the centre rather than look up the
        # few hundred of one trainer (`permissions.visible_portfolio_ids`). In one round
        # trip (no parameters: psycopg sends the statements as one simple query).
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute(_SESSION_SETTINGS)
        finally:
            dbapi_connection.autocommit = autocommit

    _refuse_nul(engine)
    ahead.install(engine)
    return engine


def _server_hung_up(dbapi_connection: Any) -> bool:
    """Whether the server has closed this idle psycopg connection. An idle connection gets
    nothing from the server; a readable socket means its last words (a restart's "terminating
    connection", a reset) or the end of the stream. A local check, no round trip: a rare
    notice read as a hang-up only costs a new connection."""
    if dbapi_connection.closed or getattr(dbapi_connection, "broken", False):
        return True
    try:
        readable, _, _ = select.select([dbapi_connection.pgconn.socket], [], [], 0)
    except Exception:  # the socket is gone already (closed, bad descriptor)
        return True
    return bool(readable)


def _drop_hung_up_connections(engine: Engine) -> None:
    @event.listens_for(engine, "checkout")
    def _check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if _server_hung_up(dbapi_connection):
            # The pool discards it and connects afresh (or raises why it cannot).
            raise DisconnectionError("the server closed this pooled connection")
        record.info[_UNITS] = record.info.get(_UNITS, 0) + 1

    @event.listens_for(engine, "handle_error")
    def _mark_stale(context: ExceptionContext) -> None:
        # Before SQLAlchemy invalidates the connection (and with it the pool's older ones).
        connection = context.connection
        if not context.is_disconnect or connection is None or connection.invalidated:
            return
        if connection.connection.info.get(_UNITS, 0) > 1 and context.sqlalchemy_exception:
            context.sqlalchemy_exception.cpro_stale = True  # type: ignore[attr-defined]


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (snapshots are built from them)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextlib.contextmanager
def write_transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One write transaction: commit on success, roll back on error.

    On SQLite it starts with BEGIN IMMEDIATE; a stale versioned row becomes `ConflictError`;
    a fault of the environment (server gone, store locked, read-only, full, damaged) becomes
    a French `StoreUnavailable`, nothing having been written (or, for a connection lost
    while committing, saying that the save may or may not have been made).
    """
    with factory() as session:
        committing = False
        try:
            session.connection(execution_options={_WRITE_OPTION: True})
            yield session
            committing = True
            session.commit()
        except StaleDataError as exc:
            _quiet_rollback(session)
            raise ConflictError() from exc
        except DBAPIError as exc:
            _quiet_rollback(session)
            fault = store_fault(exc, writing=True, committing=committing)
            if fault is None:
                raise
            raise fault from exc
        except BaseException:
            _quiet_rollback(session)
            raise


def read_options(engine: Engine) -> dict[str, Any]:
    """The execution options of a read unit's connection: autocommit.

    A read costs exactly its statements: no BEGIN before them, no ROLLBACK after, each a
    round trip to a server. Nothing is lost: under PostgreSQL's READ COMMITTED each
    statement takes its own snapshot inside a transaction as well, and SQLite in
    autocommit reads like that too (a statement sees what was committed when it started).
    On PostgreSQL the driver's autocommit is set for the unit and restored when the
    connection returns to the pool (SQLAlchemy's per-connection isolation level, no round
    trip); on SQLite, whose driver's own transactions are off (see the module), our "begin"
    hook simply emits no BEGIN.
    """
    if engine.dialect.name == "postgresql":
        return {"isolation_level": "AUTOCOMMIT", _READ_OPTION: _AUTOCOMMIT}
    return {_READ_OPTION: _AUTOCOMMIT}


@contextlib.contextmanager
def read_session(factory: sessionmaker[Session], *, transaction: bool = False) -> Iterator[Session]:
    """A unit of work for reading, in autocommit (`read_options`), closed at the end.

    `transaction=True` runs it in a transaction (rolled back at the end), for what needs
    one: a server-side cursor streaming rows (`yield_per`) on PostgreSQL.

    Closing keeps the loaded values of the objects read, now detached, so that callers
    may build snapshots after the block. A read unit never writes (`WriteInReadUnit`).
    """
    with factory() as session:
        try:
            if transaction:
                options = {_READ_OPTION: _TRANSACTION}  # SQLite: a deferred BEGIN
            else:
                options = read_options(session.get_bind())
            session.connection(execution_options=options)
            yield session
        except DBAPIError as exc:
            fault = store_fault(exc, writing=False)
            if fault is None:
                raise
            raise fault from exc


def _quiet_rollback(session: Session) -> None:
    """Roll back; on a connection already lost, the original error is the one to tell."""
    with contextlib.suppress(DBAPIError):
        session.rollback()


_LOST = (
    "server closed the connection", "terminating connection", "connection refused",
    "could not connect", "connection failed", "the database system is shutting down",
    "the database system is starting up", "consuming input failed", "connection is closed",
    "connection is lost", "ssl syscall", "timeout expired", "connection timed out",
    "no route to host", "network is unreachable", "connection reset",
)  # fmt: skip
_LOST_MESSAGE = (
    "Le serveur est injoignable (réseau coupé ou serveur arrêté) ; la connexion sera "
    "rétablie dès qu'il répondra"
)
_DAMAGED_MESSAGE = (
    "Le fichier de la base est endommagé : restaurez une sauvegarde (cpro-desktop db "
    "restore) ou adressez-vous à l'administrateur"
)

#: What the drivers say (English, or French for a French PostgreSQL), and what we tell.
_FAULTS = (
    (("database is locked", "database table is locked"),
     "La base est occupée par un autre poste depuis trop longtemps"),
    (("readonly database", "read-only", "lecture seule"),
     "La base est en lecture seule (droits du fichier ou du dossier, support protégé)"),
    (("database or disk is full", "no space left", "disk full", "plus d'espace"),
     "Le disque est plein"),
    (("malformed", "not a database", "file is encrypted", "corrupt"), _DAMAGED_MESSAGE),
    (("disk i/o error", "unable to open database file"),
     "Le fichier de la base ne peut plus être lu ni écrit (support retiré, partage "
     "réseau coupé, droits)"),
    (_LOST, _LOST_MESSAGE),
)  # fmt: skip


def _detail(exc: DBAPIError) -> str:
    return str(exc.orig if exc.orig is not None else exc).strip()


def _said(exc: DBAPIError) -> str | None:
    """Our French words for the fault the driver reports, if it is one we know."""
    lowered = _detail(exc).lower()
    return next((said for needles, said in _FAULTS if any(n in lowered for n in needles)), None)


def explain_fault(exc: DBAPIError, *, writing: bool) -> str:
    """A fault of the environment in French, saying that nothing was written."""
    detail = _detail(exc)
    message = (
        _said(exc)
        or (_LOST_MESSAGE if exc.connection_invalidated else None)
        or f"La base ne répond pas comme prévu ({detail.splitlines()[0][:200] if detail else ''})"
    )
    if writing:
        return f"{message}. Rien n'a été enregistré : réessayez dans un instant."
    return f"{message}. Réessayez dans un instant."


def store_fault(
    exc: DBAPIError, *, writing: bool, committing: bool = False
) -> StoreUnavailable | None:
    """The French `StoreUnavailable` for a fault of the environment; None for a database
    error that is a bug or a rule (integrity, syntax), to be raised as it is.

    `connection_lost` tells a server gone from a local store's fault; `retry_safe` tells a
    unit that failed on a connection left over from before the break, nothing committed:
    run again, it gets a fresh connection. A connection lost while committing leaves the
    save uncertain (the server may have committed before the line broke): never retried.
    """
    said = _said(exc)
    operational = isinstance(exc, OperationalError)
    lost = bool(exc.connection_invalidated) or (operational and said == _LOST_MESSAGE)
    # Only an operational error is the environment's as a rule; of the others (integrity,
    # syntax, whose text may quote the user's values) only a lost connection or SQLite's
    # own words for a damaged file are.
    damaged = any(
        words in _detail(exc).lower()
        for words in ("database disk image is malformed", "file is not a database")
    )
    if not (operational or lost or damaged):
        return None
    if lost and committing:
        return StoreUnavailable(
            f"{_LOST_MESSAGE}. La connexion a été coupée pendant l'enregistrement : il a pu "
            "aboutir ou non. Une fois la connexion rétablie, rechargez pour vérifier avant "
            "de recommencer.",
            connection_lost=True,
            outcome_unknown=True,
        )
    return StoreUnavailable(
        explain_fault(exc, writing=writing),
        connection_lost=lost,
        retry_safe=lost and getattr(exc, "cpro_stale", False),
    )
