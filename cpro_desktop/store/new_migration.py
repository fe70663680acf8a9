"""Developer tool: autogenerate the next Alembic migration from the models.

    python -m cpro_desktop.store.new_migration "what changed"

It migrates a throw-away SQLite store to head, compares it with the models and writes the
difference as a new revision in `cpro_desktop/store/migrations/versions/`. Review it (and
run the test suite, which checks both backends) before committing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from cpro_desktop import models  # noqa: F401  (registers every table)
from cpro_desktop.store import migrate
from cpro_desktop.store.engine import create_store_engine


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].strip():
        print('usage : python -m cpro_desktop.store.new_migration "message"', file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        engine = create_store_engine(f"sqlite:///{Path(folder) / 'schema.sqlite3'}")
        migrate.upgrade(engine)
        number = len(list(migrate.MIGRATIONS_DIR.glob("versions/[0-9]*.py"))) + 1
        with engine.begin() as connection:
            command.revision(
                migrate.alembic_config(connection),
                message=argv[0],
                autogenerate=True,
                rev_id=f"{number:04d}",
            )
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
