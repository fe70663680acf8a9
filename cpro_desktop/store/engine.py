"""Engines and sessions from a database URL, on SQLite or PostgreSQL.

SQLite gets, on every connection, `foreign_keys=ON`, WAL and a busy timeout, and
SQLAlchemy's documented recipe for pysqlite transactions (the driver's own handling is
disabled, we emit BEGIN ourselves, `BEGIN IMMEDIATE` for write sessions so that two
writers queue instead of failing with "database is locked" half-way).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from .errors import ConflictError, StoreUnavailable, ValidationError
from .tls import with_default_sslmode

SQLITE_BUSY_TIMEOUT_MS = 15_000
_WRITE_OPTION = "cpro_write"


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
        if connection.get_execution_options().get(_WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


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


def _refuse_nul(engine: Engine) -> None:
    """One rule on both backends: PostgreSQL refuses NUL in text, SQLite would keep it; a
    text with NUL is refused before it reaches either, with a French message."""

    @event.listens_for(engine, "before_cursor_execute")
    def _check(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if parameters and _has_nul(parameters):
            raise ValidationError("text", NUL_MESSAGE)


def create_store_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for the URL with our per-backend settings."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(parsed, **kwargs)
        _install_sqlite_recipe(engine)
        _refuse_nul(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    connect_args = kwargs.setdefault("connect_args", {})
    connect_args.setdefault("connect_timeout", 5)
    connect_args.setdefault("application_name", "cpro-desktop")
    engine = create_engine(parsed, **kwargs)

    @event.listens_for(engine, "connect")
    def _utc_session(dbapi_connection: Any, _record: Any) -> None:
        # Instants are stored as naive UTC: make the server's CURRENT_TIMESTAMP defaults UTC
        # too, whatever its TimeZone (a French server usually runs in Europe/Paris). In
        # autocommit, so that the pool's reset rollback does not undo it.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute("SET TIME ZONE 'UTC'")
        finally:
            dbapi_connection.autocommit = autocommit

    _refuse_nul(engine)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (snapshots are built from them)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextlib.contextmanager
def write_transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One write transaction: commit on success, roll back on error.

    On SQLite it starts with BEGIN IMMEDIATE; a stale versioned row becomes `ConflictError`;
    a fault of the environment (server gone, store locked, read-only, full, damaged) becomes
    a French `StoreUnavailable`, nothing having been written.
    """
    with factory() as session:
        try:
            session.connection(execution_options={_WRITE_OPTION: True})
            yield session
            session.commit()
        except StaleDataError as exc:
            _quiet_rollback(session)
            raise ConflictError() from exc
        except OperationalError as exc:
            _quiet_rollback(session)
            raise StoreUnavailable(explain_fault(exc, writing=True)) from exc
        except BaseException:
            _quiet_rollback(session)
            raise


@contextlib.contextmanager
def read_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work for reading: closed (its transaction rolled back) at the end.

    Closing rather than rolling back keeps the loaded values of the objects read, now
    detached, so that callers may build snapshots after the block.
    """
    with factory() as session:
        try:
            yield session
        except OperationalError as exc:
            raise StoreUnavailable(explain_fault(exc, writing=False)) from exc


def _quiet_rollback(session: Session) -> None:
    """Roll back; on a connection already lost, the original error is the one to tell."""
    with contextlib.suppress(DBAPIError):
        session.rollback()


#: What the drivers say (English, or French for a French PostgreSQL), and what we tell.
_FAULTS = (
    (("database is locked", "database table is locked"),
     "La base est occupée par un autre poste depuis trop longtemps"),
    (("readonly database", "read-only", "lecture seule"),
     "La base est en lecture seule (droits du fichier ou du dossier, support protégé)"),
    (("database or disk is full", "no space left", "disk full", "plus d'espace"),
     "Le disque est plein"),
    (("malformed", "not a database", "file is encrypted", "corrupt"),
     "Le fichier de la base est endommagé : restaurez une sauvegarde (cpro-desktop db "
     "restore) ou adressez-vous à l'administrateur"),
    (("server closed the connection", "terminating connection", "connection refused",
      "could not connect", "connection failed", "the database system is shutting down",
      "consuming input failed", "connection is closed", "ssl syscall", "timeout expired"),
     "La connexion au serveur de la base est perdue (réseau, serveur arrêté) ; elle sera "
     "rétablie dès qu'il répondra"),
)  # fmt: skip


def explain_fault(exc: OperationalError, *, writing: bool) -> str:
    """A fault of the environment in French, saying that nothing was written."""
    detail = str(exc.orig if exc.orig is not None else exc).strip()
    lowered = detail.lower()
    message = next(
        (said for needles, said in _FAULTS if any(n in lowered for n in needles)),
        f"La base ne répond pas comme prévu ({detail.splitlines()[0][:200] if detail else ''})",
    )
    if writing:
        return f"{message}. Rien n'a été enregistré : réessayez dans un instant."
    return f"{message}. Réessayez dans un instant."
