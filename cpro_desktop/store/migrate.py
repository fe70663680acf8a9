"""Alembic migrations shipped inside the package, run on an open connection.

Opening a store only reads its revision and compares it with the packaged ones, which are
read from the version files' `revision = …` / `down_revision = …` lines: Alembic itself
(and its loading of every migration module) is imported only when a migration runs.
"""

from __future__ import annotations

import ast
import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from .errors import SchemaTooNew, StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
#: A version file's module-level `revision` or `down_revision` assignment (annotated or not).
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def revision_graph() -> dict[str, tuple[str, ...]]:
    """Each packaged revision and the revisions it follows (its `down_revision`)."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        revision = ast.literal_eval(found["revision"])
        down = ast.literal_eval(found.get("down_revision", "None"))
        graph[revision] = () if down is None else (down,) if isinstance(down, str) else tuple(down)
    return graph


def head_revision() -> str:
    """The newest revision this version of the application knows."""
    graph = revision_graph()
    followed = {down for downs in graph.values() for down in downs}
    heads = [revision for revision in graph if revision not in followed]
    assert len(heads) == 1, f"packaged migrations must have one head, not {heads}"
    return heads[0]


def current_revision(connection: Connection) -> str | None:
    """The revision the store is at, or None for an empty store."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def known_revisions() -> set[str]:
    """Every revision this version of the application knows."""
    return set(revision_graph())


def check_not_newer(connection: Connection) -> str | None:
    """Refuse a store migrated by a newer application; returns its revision."""
    revision = current_revision(connection)
    if revision is None:
        return None
    if revision not in known_revisions():
        raise SchemaTooNew(
            f"Cette base a été créée par une version plus récente de CPRO Desktop "
            f"(révision {revision}). Mettez l'application à jour avant de l'ouvrir."
        )
    return revision


@contextlib.contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction to migrate in.

    On SQLite, foreign keys are off while it lasts and checked before it commits: SQLite
    changes a table's constraints by rebuilding it (copy, drop, rename), and with foreign
    keys on, dropping the old table would cascade into every table referencing it. This is
    SQLite's own procedure (https://www.sqlite.org/lang_altertable.html#otheralter); the
    pragmas are set outside the transaction, where SQLite honours them, and set back after.
    `legacy_alter_table` keeps the rename from checking the triggers of other tables, which
    name the table while it is briefly gone.
    """
    with engine.connect() as connection:
        raw = connection.connection.driver_connection if engine.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
            raw.execute("PRAGMA legacy_alter_table = ON")
        try:
            with connection.begin():
                yield connection
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreError(
                            "La mise à jour de la base a été annulée : elle laisserait des "
                            f"liens vers des lignes absentes ({broken[0][0]}). Rien n'a changé."
                        )
        finally:
            if raw is not None:
                raw.execute("PRAGMA legacy_alter_table = OFF")
                raw.execute("PRAGMA foreign_keys = ON")


def upgrade(engine: Engine, target: str = "head") -> None:
    """Migrate the store up to `target` in one transaction (nothing to do, and Alembic not
    even imported, when it is already at the newest revision)."""
    if target == "head":
        with engine.connect() as connection:
            current = current_revision(connection)
            connection.rollback()
        if current is not None and current == head_revision():
            return
    with _migrating(engine) as connection:
        check_not_newer(connection)
        upgrade_on(connection, target)


def upgrade_on(connection: Connection, target: str = "head") -> None:
    """Migrate on a connection the caller holds (in its transaction, as its role)."""
    from alembic import command

    command.upgrade(alembic_config(connection), target)


def is_behind(connection: Connection) -> bool:
    """Whether the store's schema is older than this application's."""
    return current_revision(connection) != head_revision()


def downgrade(engine: Engine, target: str) -> None:
    """Migrate the store down to `target` (tests and emergencies only)."""
    from alembic import command

    with _migrating(engine) as connection:
        command.downgrade(alembic_config(connection), target)
