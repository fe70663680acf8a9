"""Alembic environment: migrates the connection the application hands over.

Run through `cpro_desktop.store.migrate` (never the `alembic` command line): the caller
puts an open connection in `config.attributes["connection"]`.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from cpro_desktop.models import Base
from cpro_desktop.models.base import UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render our UTC column type as a plain DateTime: migrations stay free of app imports."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=False,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("CPRO migrations run online only (cpro-desktop db upgrade).")
run_migrations_online()
