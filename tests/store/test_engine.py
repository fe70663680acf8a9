"""Engines and sessions: SQLite's per-connection settings and write locking, UTC
timestamps on both backends, and the choice of driver from a URL.

The SQLite-only tests pin the shared `backend` fixture to "sqlite" rather than skipping
a PostgreSQL variant: those settings do not exist on a server.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, StatementError

from cpro_desktop import models as m
from cpro_desktop.store import Store
from cpro_desktop.store.engine import (
    SQLITE_BUSY_TIMEOUT_MS,
    create_store_engine,
    explain_fault,
    normalise_url,
)

from . import factories as f

sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])


def sqlite_settings(connection: Connection) -> tuple[int, str, int]:
    """(foreign_keys, journal_mode, busy_timeout) of a SQLite connection."""
    return (
        connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one(),
        connection.exec_driver_sql("PRAGMA journal_mode").scalar_one(),
        connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one(),
    )


@pytest.fixture
def second_writer(store: Store) -> Iterator[sqlite3.Connection]:
    """Another program's connection to the same SQLite file, giving up on a lock in 0.1 s."""
    assert store.url.database
    connection = sqlite3.connect(store.url.database, timeout=0.1, isolation_level=None)
    yield connection
    connection.close()


def can_begin_immediate(connection: sqlite3.Connection) -> bool:
    """Whether `connection` gets SQLite's write lock right now (released at once)."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "database is locked" in str(exc)
        return False
    connection.execute("ROLLBACK")
    return True


@sqlite_only
def test_every_sqlite_connection_has_foreign_keys_wal_and_busy_timeout(store: Store) -> None:
    """Two distinct pooled connections both have foreign_keys=1, WAL and a 15 s busy timeout."""
    with store.engine.connect() as first, store.engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        expected = (1, "wal", SQLITE_BUSY_TIMEOUT_MS)
        assert sqlite_settings(first) == expected
        assert sqlite_settings(second) == expected
    assert SQLITE_BUSY_TIMEOUT_MS == 15_000


@sqlite_only
def test_sqlite_connections_made_after_a_pool_reset_keep_the_settings(store: Store) -> None:
    """Connections opened after the pool is emptied get the settings again."""
    store.engine.dispose()
    with store.engine.connect() as connection:
        assert sqlite_settings(connection) == (1, "wal", SQLITE_BUSY_TIMEOUT_MS)


@sqlite_only
def test_sqlite_write_session_takes_the_write_lock_at_once(
    store: Store, second_writer: sqlite3.Connection
) -> None:
    """A write session starts with BEGIN IMMEDIATE: another writer is locked out before any
    statement runs, and gets the lock back once the session ends."""
    assert can_begin_immediate(second_writer)

    with store.write():
        assert not can_begin_immediate(second_writer)

    assert can_begin_immediate(second_writer)


@sqlite_only
def test_sqlite_read_session_leaves_the_write_lock_free(
    store: Store, second_writer: sqlite3.Connection
) -> None:
    """A read session takes no lock (it runs without a transaction): another writer can
    still write."""
    with store.read() as session:
        assert session.execute(select(m.Diploma)).all() == []
        assert can_begin_immediate(second_writer)


@sqlite_only
def test_sqlite_write_session_is_committed_for_other_connections(
    store: Store, second_writer: sqlite3.Connection
) -> None:
    """What a write session commits is visible to another connection afterwards."""
    with store.write() as session:
        code = f.diploma(session).code

    rows = second_writer.execute("SELECT code FROM diplomas").fetchall()
    assert rows == [(code,)]


def test_timestamps_come_back_timezone_aware_in_utc(store: Store) -> None:
    """An instant given in any time zone is read back as the same instant, in UTC."""
    paris_summer = timezone(timedelta(hours=2))
    written = datetime(2022, 9, 5, 8, 30, tzinfo=paris_summer)
    with store.write() as session:
        reviewer = f.account(session)
        reviewer.last_login_at = written

    with store.read() as session:
        account = session.get(m.Account, reviewer.id)
        assert account is not None
        read_back = account.last_login_at
        created_at = account.created_at

    assert read_back == written
    assert read_back is not None and read_back.tzinfo is UTC
    assert read_back.hour == 6
    assert created_at.tzinfo is UTC
    assert abs(datetime.now(UTC) - created_at) < timedelta(minutes=5)


def test_naive_datetime_is_refused(store: Store) -> None:
    """A naive datetime (no time zone) is refused rather than stored as a guess."""
    with pytest.raises(StatementError, match="naive datetime"), store.write() as session:
        account = f.account(session)
        account.last_login_at = datetime(2022, 9, 5, 8, 30)
        session.flush()


def test_server_default_timestamps_are_utc_whatever_the_server_time_zone(
    backend: str, store_url: str
) -> None:
    """A row inserted without timestamps (raw SQL) gets the current instant in UTC, even
    when the PostgreSQL server runs in Europe/Paris time."""
    if backend == "postgresql":
        database = make_url(store_url).database
        admin = create_engine(normalise_url(store_url), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(
                f"ALTER DATABASE \"{database}\" SET timezone TO 'Europe/Paris'"
            )
        admin.dispose()

    with Store.open(store_url) as store:
        with store.write() as session:
            session.execute(
                text("INSERT INTO diplomas (code, name, level, version) VALUES ('D', 'D', '', 1)")
            )
        with store.read() as session:
            diploma = session.scalars(select(m.Diploma)).one()
            created_at, updated_at = diploma.created_at, diploma.updated_at

    now = datetime.now(UTC)
    assert created_at.tzinfo is UTC
    assert abs(now - created_at) < timedelta(minutes=5), f"{created_at} is not now ({now})"
    assert abs(now - updated_at) < timedelta(minutes=5), f"{updated_at} is not now ({now})"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u@h/db",
        "postgresql+psycopg2://u@h/db",
        "postgresql+pg8000://u@h/db",
        "postgres://u@h/db",
    ],
)
def test_normalise_url_uses_psycopg_for_postgresql(url: str) -> None:
    """Every PostgreSQL URL is served by psycopg 3, the driver the application ships."""
    parsed = normalise_url(url)
    assert parsed.drivername == "postgresql+psycopg"
    assert (parsed.username, parsed.host, parsed.database) == ("u", "h", "db")


def test_normalise_url_uses_pysqlite_for_sqlite() -> None:
    """A SQLite URL keeps its path and uses the standard library's driver."""
    parsed = normalise_url("sqlite:////srv/cpro/cpro.sqlite3")
    assert parsed.drivername == "sqlite+pysqlite"
    assert parsed.database == "/srv/cpro/cpro.sqlite3"


def test_a_nul_character_is_refused_the_same_on_both_backends(demo_store) -> None:
    """PostgreSQL refuses NUL in text where SQLite would keep it: one rule for both, a
    French message before the statement runs, nothing written."""
    from sqlalchemy import func, select

    from cpro_desktop import models as m
    from cpro_desktop.services.activities import sheets
    from cpro_desktop.services.auth import authenticate
    from cpro_desktop.store import ValidationError

    tutor = authenticate(demo_store, "tuteur", "cpro-demo")
    with demo_store.read() as session:
        sheet_id = session.scalar(
            select(m.ActivitySheet.id)
            .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
            .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
            .where(m.Apprentice.tutor_id == tutor.account_id)
            .limit(1)
        )
        before = session.scalar(select(func.count()).select_from(m.Comment))
    with pytest.raises(ValidationError, match="caractère nul"):
        sheets.add_comment(demo_store, tutor, sheet_id, "Très bien\x00 travaillé")
    with demo_store.read() as session:
        assert session.scalar(select(func.count()).select_from(m.Comment)) == before
    assert sheets.add_comment(demo_store, tutor, sheet_id, "Très bien travaillé").body


def test_faults_of_the_environment_become_french_messages(tmp_path) -> None:
    """A store that is read-only (here: opened so by SQLite itself), or whose server is gone:
    the service gets a French `StoreUnavailable` saying nothing was written, never a raw
    driver error; the reads say so too."""
    from cpro_desktop.store import StoreUnavailable

    path = tmp_path / "lecture-seule.sqlite3"
    Store.open(f"sqlite:///{path}").close()
    read_only = Store(create_store_engine(f"sqlite:///file:{path}?mode=ro&uri=true"))
    try:
        with pytest.raises(StoreUnavailable, match=r"lecture seule.*Rien n.a été enregistré"):
            with read_only.write() as session:
                session.add(m.SchoolYear(label="2030-2031", start_date=date(2030, 9, 1),
                                         end_date=date(2031, 8, 31)))  # fmt: skip
    finally:
        read_only.close()
    gone = OperationalError("SELECT 1", None, Exception("server closed the connection"))
    said = explain_fault(gone, writing=False)
    assert said.startswith("Le serveur est injoignable")
    full = OperationalError("INSERT", None, Exception("database or disk is full"))
    assert explain_fault(full, writing=True) == (
        "Le disque est plein. Rien n'a été enregistré : réessayez dans un instant."
    )


def test_a_foreign_or_newer_sqlite_file_is_refused_without_changing_a_byte(tmp_path) -> None:
    """Another program's SQLite file, or a store a newer version migrated: refused in
    French, and the file is byte for byte what it was (no WAL switch, no journal)."""
    import hashlib

    from cpro_desktop.store import NotADatabase, SchemaTooNew

    foreign = tmp_path / "autre.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE clients (nom TEXT)")
    connection.close()
    newer = tmp_path / "future.sqlite3"
    Store.open(f"sqlite:///{newer}").close()
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    for path, error in ((foreign, NotADatabase), (newer, SchemaTooNew)):
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        with pytest.raises(error):
            Store.open(f"sqlite:///{path}")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert not path.with_name(path.name + "-wal").exists()
