"""Alembic migrations shipped inside the package, run on an open connection."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from .errors import SchemaTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this version of the application knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the store is at, or None for an empty store."""
    return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    """Every revision this version of the application knows."""
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_not_newer(connection: Connection) -> str | None:
    """Refuse a store migrated by a newer application; returns its revision."""
    revision = current_revision(connection)
    if revision is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise SchemaTooNew(
            f"Cette base a été créée par une version plus récente de CPRO Desktop "
            f"(révision {revision}). Mettez l'application à jour avant de l'ouvrir."
        )
    return revision


def upgrade(engine: Engine, target: str = "head") -> None:
    """Migrate the store up to `target` in one transaction."""
    with engine.begin() as connection:
        check_not_newer(connection)
        upgrade_on(connection, target)


def upgrade_on(connection: Connection, target: str = "head") -> None:
    """Migrate on a connection the caller holds (in its transaction, as its role)."""
    command.upgrade(alembic_config(connection), target)


def is_behind(connection: Connection) -> bool:
    """Whether the store's schema is older than this application's."""
    return current_revision(connection) != head_revision()


def downgrade(engine: Engine, target: str) -> None:
    """Migrate the store down to `target` (tests and emergencies only)."""
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), target)
