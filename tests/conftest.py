"""Shared fixtures: every store test runs on SQLite, and on PostgreSQL when
`CPRO_TEST_PG_URL` points at a server (a fresh database per test, copied from a template).
"""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from cpro_desktop.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL = os.environ.get("CPRO_TEST_PG_URL", "").strip()
PG_SKIP_REASON = "CPRO_TEST_PG_URL is not set: PostgreSQL variant skipped"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="pg", marks=pytest.mark.pg),
]

_counter = itertools.count()


@pytest.fixture(autouse=True)
def isolated_user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read or write the real user's data, settings, or database variable."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("CPRO_DATABASE_URL", raising=False)


def _pg_admin_engine():
    url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


class PgDatabases:
    """Creates and drops throw-away PostgreSQL databases, optionally from a template."""

    def __init__(self) -> None:
        self.engine = _pg_admin_engine()
        self.prefix = f"cpro_t{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.created: list[str] = []
        #: Databases prepared by `server init`: their roles go when they go.
        self.server_roles: list[str] = []

    def url_for(self, name: str) -> str:
        base = make_url(PG_URL).set(drivername="postgresql+psycopg", database=name)
        return base.render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"{self.prefix}_{next(_counter)}"
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        with self.engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def drop_all(self) -> None:
        for name in self.created:
            self.drop(name)
        if self.server_roles:
            from cpro_desktop.services.server import drop_server_roles

            for name in self.server_roles:
                drop_server_roles(PG_URL, name)
        self.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def french_ui(request: pytest.FixtureRequest) -> None:
    """The UI speaks French in tests as for users (the application's and Qt's catalogues)."""
    if not any(item.get_closest_marker("qt_ui") or "qtbot" in getattr(item, "fixturenames", ())
               for item in request.session.items):  # fmt: skip
        return
    qapp = request.getfixturevalue("qapp")
    from cpro_desktop.views.i18n import install_translators

    assert install_translators(qapp, "fr"), "the French catalogue (cpro_fr.qm) did not load"


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[PgDatabases]:
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    databases = PgDatabases()
    yield databases
    databases.drop_all()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend under test: "sqlite" or "postgresql"."""
    return request.param


@pytest.fixture
def empty_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a brand-new, empty database (no schema) on the backend under test."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    return databases.url_for(databases.create())


def _template_factory(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Callable[[str, str, Callable[[Store], None]], str]:
    """Build a store once per session and hand out copies: a file copy or a PG template."""
    cache: dict[tuple[str, str], str] = {}

    def get(backend: str, key: str, build: Callable[[Store], None]) -> str:
        if (backend, key) not in cache:
            if backend == "sqlite":
                path = tmp_path_factory.mktemp(f"tpl-{key}") / "template.sqlite3"
                store = Store.open(f"sqlite:///{path}")
                build(store)
                with store.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                store.close()
                cache[(backend, key)] = str(path)
            else:
                databases: PgDatabases = request.getfixturevalue("pg_databases")
                name = databases.create()
                store = Store.open(databases.url_for(name))
                build(store)
                store.close()
                cache[(backend, key)] = name
        return cache[(backend, key)]

    return get


@pytest.fixture(scope="session")
def store_templates(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Callable[[str, str, Callable[[Store], None]], str]:
    return _template_factory(tmp_path_factory, request)


def _copy_store(backend: str, template: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        target = tmp_path / f"store{next(_counter)}.sqlite3"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    return databases.url_for(databases.create(template=template))


@pytest.fixture
def store_url(backend: str, store_templates, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The URL of a fresh, migrated, empty store on the backend under test."""
    template = store_templates(backend, "empty", lambda store: None)
    return _copy_store(backend, template, tmp_path, request)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh, migrated, empty store on the backend under test."""
    opened = Store.open(store_url)
    yield opened
    opened.close()


def _build_demo(store: Store) -> None:
    from cpro_desktop.demo.world import build_demo_world

    build_demo_world(store)


@pytest.fixture
def demo_url(backend: str, store_templates, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The URL of a fresh copy of the demo world on the backend under test."""
    template = store_templates(backend, "demo", _build_demo)
    return _copy_store(backend, template, tmp_path, request)


@pytest.fixture
def demo_store(demo_url: str) -> Iterator[Store]:
    """A fresh copy of the demo world on the backend under test."""
    opened = Store.open(demo_url)
    yield opened
    opened.close()


class StatementCounter:
    """Counts the SQL statements an engine runs inside a `with` block."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.statements: list[str] = []

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)

    def __enter__(self) -> StatementCounter:
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._record)


@pytest.fixture
def count_statements() -> Callable[[Store], StatementCounter]:
    """`with count_statements(store) as c: …` then `c.count` (SQLite's BEGIN included)."""
    return lambda store: StatementCounter(store.engine)


class ServerStore:
    """A per-user store on the test server: `server init`, then the demo world, as a centre
    gets it. Its logins check passwords with SCRAM (see scripts/pg-test-auth.sh)."""

    def __init__(self, databases: PgDatabases, name: str) -> None:
        self.name = name
        self.admin_url = databases.url_for(name)
        base = make_url(PG_URL).set(drivername="postgresql+psycopg", database=name)
        #: What a workstation's settings hold: the server, no user, no password.
        self.url = URL.create(
            "postgresql", host=base.host, port=base.port, database=name
        ).render_as_string()
        self._base = base

    def open_as(self, login: str, password: str = "cpro-demo") -> Store:
        return Store.open_as(self.url, login, password)

    def connect(self, login: str, password: str = "cpro-demo"):
        """A raw psycopg connection with the person's own credentials (as `psql` would)."""
        import psycopg

        from cpro_desktop.store.logins import login_role

        return psycopg.connect(
            host=self._base.host or "127.0.0.1",
            port=self._base.port or 5432,
            dbname=self.name,
            user=login_role(self.name, login),
            password=password,
            autocommit=True,
        )

    def superuser(self):
        import psycopg

        return psycopg.connect(
            make_url(self.admin_url).set(drivername="postgresql").render_as_string(False),
            autocommit=True,
        )


def make_server_store(databases: PgDatabases, *, demo: bool = True) -> ServerStore:
    from cpro_desktop.demo.world import build_demo_world
    from cpro_desktop.services.server import init_server

    name = databases.create()
    databases.server_roles.append(name)
    server = ServerStore(databases, name)
    init_server(server.admin_url, admin_login="admin", admin_password="cpro-demo")
    with databases.engine.connect() as conn:
        conn.execute(text(f'GRANT cpro_password_users TO "{name}$login"'))
    if demo:
        with Store.open(server.admin_url) as store:
            build_demo_world(store)
    return server


@pytest.fixture(scope="session")
def password_checking_server(pg_databases: PgDatabases) -> None:
    """The test server checks the per-user logins' passwords (else those tests would prove
    nothing): scripts/pg-test-auth.sh sets that up, and .ci/run runs it."""
    with pg_databases.engine.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = 'cpro_password_users'"))
        rules = conn.scalar(
            text(
                "SELECT count(*) FROM pg_hba_file_rules WHERE 'cpro_password_users' = ANY ("
                "SELECT ltrim(u, '+') FROM unnest(user_name) u) AND auth_method = 'scram-sha-256'"
            )
        )
    if not exists or not rules:
        pytest.fail(
            "The test server does not check the per-user stores' passwords: run "
            "scripts/pg-test-auth.sh (as root, or as the owner of pg_hba.conf) once."
        )


@pytest.fixture
def server_demo(pg_databases: PgDatabases, password_checking_server: None) -> ServerStore:
    """A fresh per-user store with the demo world (every demo password: cpro-demo)."""
    return make_server_store(pg_databases)


@pytest.fixture(scope="module")
def shared_server_demo(pg_databases: PgDatabases, password_checking_server: None) -> ServerStore:
    """One per-user demo store for a module's read-only tests."""
    return make_server_store(pg_databases)
