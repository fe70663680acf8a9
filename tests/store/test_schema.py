"""The migrations and `Store.open()`'s refusals, on SQLite and PostgreSQL.

The first four tests are pytest-alembic's checks written by hand: a single head, upgrade
from empty, the migrated schema equals the models, and down/up consistency. The others
check that `Store.open()` refuses, with a French `StoreError` and without writing
anything, what is not a CPRO store of a version it knows.
"""

from __future__ import annotations

import contextlib
import pprint
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, Connection, Engine, create_engine, inspect, text
from sqlalchemy.schema import AddConstraint

from cpro_desktop.models import Base
from cpro_desktop.store import NotADatabase, SchemaTooNew, Store, StoreUnavailable, migrate
from cpro_desktop.store.engine import normalise_url

MODEL_TABLES = frozenset(Base.metadata.tables)
ALEMBIC_TABLE = "alembic_version"


def table_names(engine: Engine) -> set[str]:
    """The tables of the store's default schema."""
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def revision(engine: Engine) -> str | None:
    """The revision stamped in the store, or None."""
    with engine.connect() as connection:
        return migrate.current_revision(connection)


def schema_differences(connection: Connection) -> list[object]:
    """What autogenerate would write to bring the store to the models (empty when equal)."""
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


@contextlib.contextmanager
def plain_engine(url: str) -> Iterator[Engine]:
    """An engine without the store's settings, for acting as another program would."""
    engine = create_engine(normalise_url(url))
    try:
        yield engine
    finally:
        engine.dispose()


def test_migrations_have_a_single_head() -> None:
    """The script directory has exactly one head, the one the application migrates to."""
    script = ScriptDirectory.from_config(migrate.alembic_config())
    heads = script.get_heads()
    assert len(heads) == 1, f"several heads, merge them: {heads}"
    assert heads[0] == migrate.head_revision()


def test_upgrade_from_empty_creates_every_table_and_stamps_head(empty_url: str) -> None:
    """Opening an empty database creates every model table and stamps the head revision."""
    with plain_engine(empty_url) as engine:
        assert table_names(engine) == set()

    with Store.open(empty_url) as store:
        assert table_names(store.engine) == MODEL_TABLES | {ALEMBIC_TABLE}
        assert revision(store.engine) == migrate.head_revision()


def test_migrated_schema_matches_the_models(store: Store) -> None:
    """Autogenerate finds no difference (types included) between the migrated store and models."""
    with store.engine.connect() as connection:
        differences = schema_differences(connection)
    assert differences == [], "migrations and models differ:\n" + pprint.pformat(differences)


def model_checks(engine: Engine) -> dict[tuple[str, str], str]:
    """The models' CHECK constraints, (table, name) -> condition as the dialect writes it."""
    checks = {}
    for table in Base.metadata.sorted_tables:
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                ddl = str(AddConstraint(constraint).compile(dialect=engine.dialect))
                checks[(table.name, str(constraint.name))] = ddl.split(" CHECK ", 1)[1]
    return checks


def store_checks(engine: Engine) -> dict[tuple[str, str], str]:
    """The store's CHECK constraints, (table, name) -> condition as the database reports it."""
    with engine.connect() as connection:
        inspector = inspect(connection)
        return {
            (table, check["name"]): check["sqltext"]
            for table in inspector.get_table_names()
            for check in inspector.get_check_constraints(table)
        }


def squeeze(condition: str) -> str:
    """A condition without blanks or outer parentheses, for comparing two spellings."""
    condition = "".join(condition.split())
    while condition.startswith("(") and condition.endswith(")"):
        condition = condition[1:-1]
    return condition


def test_check_constraints_match_the_models(store: Store) -> None:
    """Every CHECK of the models is in the store under its name (and, on SQLite, which
    keeps the text as written, with the same condition); autogenerate does not compare them."""
    expected = model_checks(store.engine)
    actual = store_checks(store.engine)

    assert sorted(actual) == sorted(expected)
    if store.backend == "sqlite":
        differing = {
            key: (expected[key], actual[key])
            for key in expected
            if squeeze(expected[key]) != squeeze(actual[key])
        }
        assert differing == {}, pprint.pformat(differing)


def test_downgrade_to_base_then_upgrade_restores_the_same_schema(store: Store) -> None:
    """Down to base drops every model table; back up to head rebuilds the same schema."""
    before = table_names(store.engine)

    migrate.downgrade(store.engine, "base")
    assert table_names(store.engine) <= {ALEMBIC_TABLE}
    assert revision(store.engine) is None

    migrate.upgrade(store.engine)
    assert table_names(store.engine) == before == MODEL_TABLES | {ALEMBIC_TABLE}
    assert revision(store.engine) == migrate.head_revision()
    with store.engine.connect() as connection:
        differences = schema_differences(connection)
    assert differences == [], pprint.pformat(differences)


def test_reopening_a_store_at_head_changes_nothing(store_url: str) -> None:
    """Opening a store that is already at head keeps its revision and its tables."""
    with Store.open(store_url) as first:
        tables = table_names(first.engine)
    with Store.open(store_url) as again:
        assert table_names(again.engine) == tables
        assert revision(again.engine) == migrate.head_revision()


def test_store_from_a_newer_application_is_refused_untouched(store_url: str) -> None:
    """A store stamped with an unknown revision raises SchemaTooNew and is left as it was."""
    with plain_engine(store_url) as engine:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        tables_before = table_names(engine)

        with pytest.raises(SchemaTooNew, match="9999_future") as caught:
            Store.open(store_url)

        assert "version plus récente" in str(caught.value)
        assert table_names(engine) == tables_before
        assert revision(engine) == "9999_future"


def test_text_file_is_refused_as_not_a_database_and_left_intact(tmp_path: Path) -> None:
    """Opening a text file raises NotADatabase; the file and its folder stay byte-identical."""
    path = tmp_path / "notes.sqlite3"
    content = "Ceci n'est pas une base de données.\nÀ rendre lundi.\n".encode()
    path.write_bytes(content)

    with pytest.raises(NotADatabase, match="n'est pas une base de données"):
        Store.open(f"sqlite:///{path}")

    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_corrupt_sqlite_file_is_refused_as_not_a_database_and_left_intact(
    tmp_path: Path,
) -> None:
    """A file with SQLite's header but garbage after it raises NotADatabase, unchanged."""
    path = tmp_path / "broken.sqlite3"
    content = b"SQLite format 3\x00" + b"\x00garbage" * 512
    path.write_bytes(content)

    with pytest.raises(NotADatabase):
        Store.open(f"sqlite:///{path}")

    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.sqlite3"]


def test_folder_is_refused_as_not_a_database(tmp_path: Path) -> None:
    """Giving a folder instead of a file raises NotADatabase naming the folder."""
    with pytest.raises(NotADatabase, match="dossier"):
        Store.open(f"sqlite:///{tmp_path}")


def test_file_in_a_missing_folder_is_unavailable_and_not_created(tmp_path: Path) -> None:
    """A path in a folder that does not exist raises StoreUnavailable and creates nothing."""
    missing = tmp_path / "absent"
    with pytest.raises(StoreUnavailable, match="n'existe pas"):
        Store.open(f"sqlite:///{missing / 'cpro.sqlite3'}")
    assert not missing.exists()


def test_database_of_another_application_is_refused_untouched(empty_url: str) -> None:
    """A database with tables but no alembic_version raises NotADatabase and is not migrated."""
    with plain_engine(empty_url) as engine:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE clients (id INTEGER PRIMARY KEY, nom TEXT)"))
            connection.execute(text("INSERT INTO clients (id, nom) VALUES (1, 'Dupont')"))

        with pytest.raises(NotADatabase, match="d'autres tables"):
            Store.open(empty_url)

        assert table_names(engine) == {"clients"}
        with engine.connect() as connection:
            names = connection.execute(text("SELECT nom FROM clients")).scalars().all()
        assert names == ["Dupont"]


def test_unreachable_postgresql_server_is_unavailable_in_french() -> None:
    """A PostgreSQL server that does not answer raises StoreUnavailable with a French message."""
    with pytest.raises(StoreUnavailable) as caught:
        Store.open("postgresql://nobody@127.0.0.1:1/x")

    message = str(caught.value)
    assert message.startswith("Impossible de joindre le serveur PostgreSQL « 127.0.0.1:1/x »")
    assert "Vérifiez l'adresse" in message


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("pas une url", "Adresse de base de données invalide", id="not-a-url"),
        pytest.param("mysql://x/y", "Type de base de données non pris en charge", id="mysql"),
        pytest.param("", "Adresse de base de données invalide", id="empty"),
    ],
)
def test_malformed_or_unsupported_url_is_unavailable_in_french(url: str, expected: str) -> None:
    """A URL that is not one, or names another database, raises StoreUnavailable in French."""
    with pytest.raises(StoreUnavailable, match=expected):
        Store.open(url)


def test_url_naming_a_driver_we_do_not_ship_is_not_an_import_error() -> None:
    """A PostgreSQL URL naming another driver (pg8000) fails as a StoreError, never as an
    ImportError the user cannot act on."""
    with pytest.raises(StoreUnavailable):
        Store.open("postgresql+pg8000://nobody@127.0.0.1:1/x")
