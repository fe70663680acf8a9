"""The store: a SQLite file or a PostgreSQL server, opened, checked and migrated.

`Store.open(url)` is the one way in: it refuses clearly (French `StoreError`s) a bad URL,
an unreachable server, a file that is not a database, or a schema newer than ours, before
writing anything; then it migrates to the newest schema.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, inspect, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from cpro_desktop.files import secure_sqlite_file

from . import logins, migrate
from .engine import create_store_engine, make_session_factory, normalise_url, store_fault
from .engine import read_session as _read_session
from .engine import write_transaction as _write_transaction
from .errors import (
    WRONG_CREDENTIALS,
    ConflictError,
    CproError,
    NotADatabase,
    NotFound,
    PermissionDenied,
    SchemaTooNew,
    SchemaTooOld,
    SignInRefused,
    StoreError,
    StoreUnavailable,
    ValidationError,
)
from .tls import explain_tls_failure, tls_status

__all__ = [
    "ConflictError",
    "CproError",
    "NotADatabase",
    "NotFound",
    "PermissionDenied",
    "SchemaTooNew",
    "SchemaTooOld",
    "SignInRefused",
    "Store",
    "StoreError",
    "StoreInfo",
    "StoreUnavailable",
    "ValidationError",
]

_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class StoreInfo:
    """What `cpro-desktop db info` prints."""

    backend: str
    location: str
    revision: str | None
    head: str
    counts: dict[str, int]


def describe_location(url: URL) -> str:
    """The store as a user recognises it: a file path, or server/database (no password)."""
    if url.get_backend_name() == "sqlite":
        return str(Path(url.database or ":memory:").resolve()) if url.database else ":memory:"
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def _check_sqlite_file(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.is_dir():
        raise NotADatabase(f"« {path} » est un dossier, pas un fichier de base de données.")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != _SQLITE_HEADER:
                raise NotADatabase(f"Le fichier « {path} » n'est pas une base de données CPRO.")
        _check_sqlite_ours(path)
    elif not path.parent.exists():
        raise StoreUnavailable(f"Le dossier « {path.parent} » n'existe pas.")


def _check_sqlite_ours(path: Path) -> None:
    """Read-only, before any connection of ours changes a byte (WAL mode rewrites the
    header): a SQLite file of another program, or one a newer version migrated, is refused
    as it is."""
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
            # Pages damaged in the middle of the file (a disk, a copy or a network share
            # gone wrong) are told now, not at some later save. One pass over the file:
            # about 0.1 s for a centre of 1,500 apprentices.
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):
            raise _damaged(path) from exc
        raise NotADatabase(
            f"Le fichier « {path} » n'est pas une base de données CPRO ({exc})."
        ) from exc
    if problems != ["ok"]:
        raise _damaged(path)
    if tables and "alembic_version" not in tables:
        raise NotADatabase(
            f"La base « {path.resolve()} » contient d'autres tables : ce n'est pas une base "
            "CPRO Desktop."
        )
    if revision is not None and revision not in migrate.known_revisions():
        raise SchemaTooNew(
            f"Cette base a été créée par une version plus récente de CPRO Desktop "
            f"(révision {revision}). Mettez l'application à jour avant de l'ouvrir."
        )


def _damaged(path: Path) -> NotADatabase:
    return NotADatabase(
        f"Le fichier de la base « {path} » est endommagé : rien n'y a été écrit. "
        "Restaurez la dernière sauvegarde (cpro-desktop db restore) ou adressez-vous à "
        "l'administrateur."
    )


def _sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite store (None for memory, URIs and servers)."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return None if database.startswith("file:") else Path(database)


class Store:
    """An opened store: its engine and session factory. A SQLite store's file and its
    -wal/-shm are made private (0600) when opened, created so before SQLite writes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = make_session_factory(engine)
        #: Prepared by `server init`: people connect with their own login (`open_as`).
        self.per_user = False
        #: The login this store was opened with (`open_as`), if any.
        self.login: str | None = None

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def location(self) -> str:
        return describe_location(self.engine.url)

    @property
    def tls_warning(self) -> str | None:
        """French warning when a remote server is reached without verifying it (`sslmode`)."""
        return tls_status(self.engine.url)

    @classmethod
    def open(cls, url: str | URL, *, upgrade: bool = True) -> Store:
        """Open, check and (by default) migrate the store at `url`.

        A per-user PostgreSQL store (prepared by `server init`) is never migrated from
        here: only its administrator may (`db upgrade`); an older schema is refused.
        """
        parsed = normalise_url(url)
        private = _sqlite_file(parsed)
        if parsed.get_backend_name() == "sqlite":
            _check_sqlite_file(parsed)
        if private is not None:
            secure_sqlite_file(private)
        store = cls._checked(create_store_engine(parsed), upgrade, _unavailable)
        if private is not None:
            secure_sqlite_file(private)  # the -wal and -shm files SQLite has just made
        return store

    @classmethod
    def open_as(cls, url: str | URL, login: str, password: str) -> Store:
        """Open a per-user PostgreSQL store with a person's own credentials.

        Wrong credentials and unknown logins get the same message; a disabled account is
        told so only to whoever gave its right password (the server checks the password
        first). The schema must be current: people never migrate a shared store.
        """
        parsed = normalise_url(url)
        if not logins.is_per_user_url(parsed):
            raise StoreUnavailable(
                "Cette adresse de serveur contient déjà un utilisateur : pour vous connecter "
                "avec votre propre identifiant, retirez-le de l'adresse (réglages)."
            )
        role = logins.login_role(parsed.database or "", login)
        engine = create_store_engine(parsed.set(username=role, password=password))
        store = cls._checked(engine, True, _explain_sign_in)
        store.login = login.strip()
        return store

    @classmethod
    def _checked(
        cls,
        engine: Engine,
        upgrade: bool,
        explain: Callable[[URL, OperationalError], StoreError],
    ) -> Store:
        url = engine.url
        per_user = False
        try:
            with engine.connect() as connection:
                existing = set(inspect(connection).get_table_names())
                if existing and "alembic_version" not in existing:
                    raise NotADatabase(
                        f"La base « {describe_location(url)} » contient d'autres tables : "
                        "ce n'est pas une base CPRO Desktop."
                    )
                migrate.check_not_newer(connection)
                per_user = logins.is_per_user(connection)
                behind = per_user and migrate.is_behind(connection)
                connection.rollback()
            if upgrade and behind:
                raise SchemaTooOld(
                    "Le schéma de la base partagée est plus ancien que cette version de "
                    "CPRO Desktop : demandez à l'administrateur du serveur de lancer "
                    "« cpro-desktop db upgrade »."
                )
            if upgrade and not per_user:
                migrate.upgrade(engine)
        except StoreError:
            engine.dispose()
            raise
        except OperationalError as exc:
            engine.dispose()
            raise explain(url, exc) from exc
        except DatabaseError as exc:
            engine.dispose()
            raise NotADatabase(
                f"« {describe_location(url)} » n'est pas une base de données CPRO ({exc.orig})."
            ) from exc
        store = cls(engine)
        store.per_user = per_user
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        """A plain connection (schema, sizes), its faults told in French as a read's."""
        try:
            with self.engine.connect() as connection:
                yield connection
        except DBAPIError as exc:
            fault = store_fault(exc, writing=False)
            if fault is None:
                raise
            raise fault from exc

    @contextlib.contextmanager
    def read(self, *, transaction: bool = False) -> Iterator[Session]:
        """A session for reading, without a transaction: a read costs its statements, no
        BEGIN nor ROLLBACK (`engine.read_options`). `transaction=True` for a unit that
        needs one (a server-side cursor streaming rows on PostgreSQL)."""
        with _read_session(self.sessions, transaction=transaction) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one write transaction; stale versions raise `ConflictError`."""
        with _write_transaction(self.sessions) as session:
            yield session

    def info(self) -> StoreInfo:
        """Backend, location, schema revision and row counts of the main tables."""
        from cpro_desktop import models as m

        counted = {
            "comptes": m.Account,
            "apprentis": m.Apprentice,
            "classes": m.SchoolClass,
            "entreprises": m.Company,
            "périodes": m.Period,
            "portfolios": m.Portfolio,
            "fiches activité": m.ActivitySheet,
            "grilles de positionnement": m.RatingGrid,
            "positionnements": m.Rating,
            "bilans de compétences": m.CompetenceReview,
            "annexes": m.Attachment,
        }
        with self.connect() as connection:
            revision = migrate.current_revision(connection)
        with self.read() as session:
            counts = {
                label: session.scalar(select(func.count()).select_from(model)) or 0
                for label, model in counted.items()
            }
        return StoreInfo(self.backend, self.location, revision, migrate.head_revision(), counts)

    def is_empty(self) -> bool:
        """Whether the store holds no account and no apprentice yet."""
        from cpro_desktop import models as m

        with self.read() as session:
            return not (
                session.scalar(select(m.Account.id).limit(1))
                or session.scalar(select(m.Apprentice.id).limit(1))
            )


def _explain_operational(url: URL, exc: OperationalError) -> str:
    where = describe_location(url)
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    if url.get_backend_name() == "postgresql":
        tls_failure = explain_tls_failure(detail, where)
        if tls_failure:
            return tls_failure
        return (
            f"Impossible de joindre le serveur PostgreSQL « {where} » : {detail}. "
            "Vérifiez l'adresse, le port, l'utilisateur et que le serveur est démarré."
        )
    return f"Impossible d'ouvrir la base « {where} » : {detail}."


def _explain_sign_in(url: URL, exc: OperationalError) -> StoreError:
    """A failed connection with a person's credentials, in French, telling nothing more
    than the server told (an unknown login and a wrong password look the same)."""
    detail = str(exc.orig or exc)
    # A server that checks no password for unknown roles (trust, peer) says the role does
    # not exist: the same message still, the login's existence is not ours to tell.
    refused = ("password authentication failed", "authentification par mot de passe")
    if any(text in detail for text in refused) or ("does not exist" in detail and "role" in detail):
        return SignInRefused(
            WRONG_CREDENTIALS
            + " Si votre mot de passe a expiré, demandez-en un nouveau à l'administrateur."
        )
    if "not permitted to log in" in detail:
        return SignInRefused(
            "Ce compte est désactivé : adressez-vous à l'administrateur du centre."
        )
    if "too many connections for role" in detail:
        return SignInRefused(
            "Ce compte est verrouillé sur le serveur (trop de connexions ouvertes ou compte "
            "bloqué) : adressez-vous à l'administrateur du centre."
        )
    if "no pg_hba.conf entry" in detail:
        return StoreUnavailable(
            f"Le serveur « {describe_location(url)} » n'accepte pas les connexions de ce poste "
            "(pg_hba.conf) : adressez-vous à l'administrateur du serveur."
        )
    return _unavailable(url, exc)


def _unavailable(url: URL, exc: OperationalError) -> StoreError:
    return StoreUnavailable(_explain_operational(url, exc))
