"""Private local files (issue 13): the data folder 0700, the store and its WAL/SHM 0600, the
settings 0600 in a 0700 folder with no password in them; wider modes of an existing store,
folder or settings fixed at start."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from cpro_desktop import config
from cpro_desktop.files import secure_sqlite_file
from cpro_desktop.services.store_settings import PASSWORD_NOT_SAVED, url_to_save
from cpro_desktop.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The usual desktop umask (files 0644 by default), whatever the test runner's."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def write_something(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS scratch (x INTEGER)"))
        connection.execute(text("INSERT INTO scratch VALUES (1)"))


def test_first_start_makes_private_files() -> None:
    """A first start: data folder 0700, store, -wal and -shm 0600, settings 0600 in 0700."""
    url = config.resolve_database_url()
    path = config.embedded_store_path()
    store = Store.open(url)
    try:
        write_something(store)
        assert mode(config.data_dir()) == 0o700
        assert mode(path) == 0o600
        wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
        assert wal.exists() and mode(wal) == 0o600
        assert shm.exists() and mode(shm) == 0o600
    finally:
        store.close()
    config.Settings(language="fr").save()
    assert mode(config.Settings.path()) == 0o600
    assert mode(config.config_dir()) == 0o700


def test_modes_of_an_existing_store_and_settings_are_fixed_at_start() -> None:
    """A store made 0644 in a 0755 folder (an older version), settings 0644: fixed at start."""
    path = config.embedded_store_path()
    path.parent.mkdir(parents=True)
    Store.open(f"sqlite:///{path}").close()
    config.Settings().save()
    os.chmod(path.parent, 0o755)
    os.chmod(path, 0o644)
    os.chmod(config.config_dir(), 0o755)
    os.chmod(config.Settings.path(), 0o644)
    store = Store.open(config.resolve_database_url())
    try:
        write_something(store)
        assert mode(path.parent) == 0o700 and mode(path) == 0o600
        assert mode(path.with_name(path.name + "-wal")) == 0o600
    finally:
        store.close()
    assert mode(config.Settings.path()) == 0o600 and mode(config.config_dir()) == 0o700


def test_any_sqlite_store_opened_is_made_private(tmp_path: Path) -> None:
    """A store chosen with --db elsewhere: its file and its leftover -wal are made 0600,
    a read-only store stays read-only (only the group's and others' rights go)."""
    path = tmp_path / "ailleurs.sqlite3"
    Store.open(f"sqlite:///{path}").close()
    os.chmod(path, 0o664)
    wal = path.with_name(path.name + "-wal")
    wal.touch(0o644)
    secure_sqlite_file(path)
    assert mode(path) == 0o600 and mode(wal) == 0o600
    os.chmod(path, 0o444)
    secure_sqlite_file(path)
    assert mode(path) == 0o400


def test_a_database_url_is_saved_without_its_password() -> None:
    """The settings file never holds the password; the user is told so, in French."""
    typed = "postgresql://cpro:s3cr3t-pw@db.centre.example:5433/cpro?sslmode=verify-full"
    kept, notice = url_to_save(typed)
    assert kept == "postgresql://cpro@db.centre.example:5433/cpro?sslmode=verify-full"
    assert notice == PASSWORD_NOT_SAVED and "mot de passe" in notice
    assert url_to_save(kept) == (kept, None)
    config.Settings(database_url=typed).save()
    raw = config.Settings.path().read_text(encoding="utf-8")
    assert "s3cr3t" not in raw
    assert json.loads(raw)["database_url"] == kept
    assert config.Settings.load().database_url == kept
    assert not list(config.config_dir().glob("*.part"))
