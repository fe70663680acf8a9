"""Backups of a store and their restoration, on SQLite and PostgreSQL.

SQLite: SQLite's online backup API (a consistent copy while the application runs), into a
file created exclusively beside the target and renamed into place (0600: it holds every
minor's record). PostgreSQL: `pg_dump --format=custom` and `pg_restore`, the server's own
tools (a clear French message when they are missing). A restore goes only into an empty
store, and only from a file checked as a CPRO store of a schema this application knows.
The embedded store also keeps a rotating daily copy of itself (`rotate`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL

from . import Store, migrate
from .engine import normalise_url
from .errors import StoreError

KEEP_DAILY = 7
_SQLITE_HEADER = b"SQLite format 3\x00"
_PG_DUMP_MAGIC = b"PGDMP"


class BackupError(StoreError):
    """A backup or a restore that cannot be done as asked."""


@contextlib.contextmanager
def _exclusive_beside(target: Path) -> Iterator[Path]:
    """A new private file beside `target` (never an existing file or a planted link),
    renamed onto `target` on success and removed on any failure."""
    target = target.expanduser()
    if not target.parent.is_dir():
        raise BackupError(f"Le dossier « {target.parent} » n'existe pas.")
    stamp = f"{os.getpid()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    partial = target.with_name(f".{target.name}.{stamp}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(partial, flags, 0o600))
    except OSError as exc:
        raise BackupError(
            f"Impossible d'écrire dans « {target.parent} » : {exc.strerror}."
        ) from exc
    try:
        yield partial
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("Une base SQLite en mémoire ne se sauvegarde pas.")
    return Path(url.database)


def _pg_conninfo(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"« {name} » est introuvable : installez les outils clients de PostgreSQL "
            f"(paquet Debian postgresql-client, ou PostgreSQL pour Windows), de la même "
            f"version majeure que le serveur ou plus récente."
        )
    return found


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or exc.stdout or "").strip().splitlines()
        raise BackupError(
            f"{Path(command[0]).name} a échoué : {detail[-1] if detail else exc.returncode}"
        ) from exc


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup API: a consistent copy, the source opened read-only."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def backup(url: str, out: Path) -> int:
    """Copy the store at `url` into the file `out` (replaced atomically); its size."""
    parsed = normalise_url(url)
    with Store.open(parsed, upgrade=False):
        pass  # the store must be a CPRO store we can read, before anything is written
    with _exclusive_beside(out) as partial:
        if parsed.get_backend_name() == "sqlite":
            _sqlite_copy(_sqlite_path(parsed), partial)
        else:
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl",
                  f"--file={partial}", _pg_conninfo(parsed)])  # fmt: skip
    return out.stat().st_size


def check_backup(path: Path) -> str:
    """Which backend's backup `path` is ("sqlite" or "postgresql"); refuses anything else."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BackupError(f"Impossible de lire « {path} » : {exc.strerror}.") from exc
    if head.startswith(_SQLITE_HEADER):
        _check_sqlite_backup(path)
        return "sqlite"
    if head.startswith(_PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"« {path} » n'est pas une sauvegarde CPRO Desktop.")


def _check_sqlite_backup(path: Path) -> None:
    """A CPRO store of a schema this version knows, read without changing a byte."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"« {path} » n'est pas une sauvegarde CPRO Desktop.") from exc
    if revision is None:
        raise BackupError(f"« {path} » est une base CPRO Desktop vide : rien à restaurer.")
    if revision[0] not in migrate.known_revisions():
        raise BackupError(
            f"« {path} » vient d'une version plus récente de CPRO Desktop (révision "
            f"{revision[0]}) : mettez l'application à jour avant de la restaurer."
        )


def _must_be_empty(url: URL) -> None:
    with Store.open(url, upgrade=False) as store, store.engine.connect() as connection:
        tables = inspect(connection).get_table_names()
    if tables:
        raise BackupError(
            "La base de destination n'est pas vide : une restauration ne va que dans une "
            "base vide (rien n'y est écrasé)."
        )


def restore(path: Path, url: str) -> None:
    """Restore the backup `path` into the empty store at `url`, then check it opens."""
    kind = check_backup(path)
    parsed = normalise_url(url)
    if kind != parsed.get_backend_name():
        raise BackupError(
            f"Cette sauvegarde est une base {'SQLite' if kind == 'sqlite' else 'PostgreSQL'} : "
            "restaurez-la dans une base du même type."
        )
    if kind == "sqlite":
        target = _sqlite_path(parsed)
        if target.exists() and target.stat().st_size > 0:
            raise BackupError(
                f"« {target} » existe déjà : une restauration ne va que dans un fichier nouveau."
            )
        with _exclusive_beside(target) as partial:
            _sqlite_copy(path, partial)
    else:
        _must_be_empty(parsed)
        _run([_tool("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error",
              f"--dbname={_pg_conninfo(parsed)}", str(path)])  # fmt: skip
    with Store.open(parsed):
        pass  # migrated to this version, and proven to open


def rotate(store_path: Path, folder: Path, keep: int = KEEP_DAILY) -> Path | None:
    """Today's copy of the embedded store in `folder` (one a day), keeping the last `keep`."""
    if not store_path.exists() or store_path.stat().st_size == 0:
        return None
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    today = folder / f"{store_path.stem}-{datetime.now(UTC):%Y-%m-%d}.sqlite3"
    if not today.exists():
        backup(f"sqlite:///{store_path}", today)
    copies = sorted(folder.glob(f"{store_path.stem}-????-??-??.sqlite3"))
    for old in copies[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return today
