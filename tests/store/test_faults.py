"""Faults of a SQLite store's environment (issue 13), each told in French with nothing lost:
a store file made read-only, a file damaged in the middle, a write lock held by another
program longer than the busy timeout.

A PostgreSQL server stopped and restarted under a running session is in
`test_server_restart.py`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from cpro_desktop import models as m
from cpro_desktop.services.activities import sheets
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import NotADatabase, Store, StoreUnavailable
from cpro_desktop.store import engine as store_engine

DAMAGED = "est endommagé"
NOTHING_WRITTEN = "Rien n'a été enregistré"


@pytest.fixture
def backend() -> str:
    """These faults are a local file's: SQLite only."""
    return "sqlite"


def store_file(url: str) -> Path:
    database = make_url(url).database
    assert database
    return Path(database)


def damage(path: Path) -> None:
    """Overwrite pages in the middle of the file (a disk, a copy or a network share gone
    wrong): data pages only, the header and the schema readable as before."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in (size * 2 // 3, size * 9 // 10):
            handle.seek(offset // 4096 * 4096)
            handle.write(bytes(range(256)) * 16 * 2)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()
    connection.close()


def read_only_url(path: Path) -> str:
    """The store's URL once its file is read-only. Root ignores file modes: for root, SQLite
    is told to open it read-only, as it does by itself for anyone else."""
    path.chmod(0o444)
    if os.geteuid() == 0:
        return f"sqlite:///file:{path}?mode=ro&uri=true"
    return f"sqlite:///{path}"


def a_sheet_of_the_tutor(store: Store, tutor_id: int) -> int:
    with store.read() as session:
        return session.scalar(
            select(m.ActivitySheet.id)
            .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
            .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
            .where(m.Apprentice.tutor_id == tutor_id)
            .limit(1)
        )


def comments(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(m.Comment)) or 0


def test_a_read_only_store_file_refuses_a_save_in_french(demo_url: str) -> None:
    """The store file made read-only: it still opens and reads; a save is refused with a
    French message saying nothing was written."""
    path = store_file(demo_url)
    with Store.open(demo_url) as store:  # signed in before (signing in writes)
        tutor = authenticate(store, "tuteur", "cpro-demo")
    try:
        with Store.open(read_only_url(path)) as store:
            sheet_id = a_sheet_of_the_tutor(store, tutor.account_id)
            before = comments(store)
            with pytest.raises(StoreUnavailable, match="lecture seule") as caught:
                sheets.add_comment(store, tutor, sheet_id, "Très bon travail.")
            assert NOTHING_WRITTEN in str(caught.value)
            assert not caught.value.connection_lost
            assert comments(store) == before
    finally:
        path.chmod(0o600)


def test_a_store_damaged_in_the_middle_is_refused_at_open_in_french(demo_url: str) -> None:
    """Pages overwritten in the middle of the file (header intact): refused when opened,
    with a French message naming the file and the way out, the file left as it is."""
    path = store_file(demo_url)
    damage(path)
    content = path.read_bytes()
    with pytest.raises(NotADatabase, match=DAMAGED) as caught:
        Store.open(demo_url)
    assert str(path) in str(caught.value) and "sauvegarde" in str(caught.value)
    assert path.read_bytes() == content


def test_a_store_damaged_while_open_is_told_in_french(demo_store: Store) -> None:
    """The file damaged under a running application: the next read gives a French
    `StoreUnavailable`, never a raw driver error."""
    tutor = authenticate(demo_store, "tuteur", "cpro-demo")
    sheet_id = a_sheet_of_the_tutor(demo_store, tutor.account_id)
    demo_store.engine.dispose()  # what the damaged file gives to the next connection
    path = store_file(str(demo_store.url))
    with path.open("r+b") as handle:  # every page but the first (the schema)
        handle.seek(4096)
        handle.write(b"\xa5" * (path.stat().st_size - 4096))
    with pytest.raises(StoreUnavailable, match=DAMAGED):
        sheets.open_sheet(demo_store, tutor, sheet_id)


def test_a_write_lock_held_past_the_busy_timeout_is_told_in_french(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the write lock longer than the busy timeout (here 0.2 s): the
    save is refused in French, nothing written; once the lock is released it goes through."""
    monkeypatch.setattr(store_engine, "SQLITE_BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(store_file(demo_url), isolation_level=None)
    with Store.open(demo_url) as store:
        tutor = authenticate(store, "tuteur", "cpro-demo")
        sheet_id = a_sheet_of_the_tutor(store, tutor.account_id)
        before = comments(store)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreUnavailable, match="occupée par un autre poste") as caught:
                sheets.add_comment(store, tutor, sheet_id, "Très bon travail.")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert NOTHING_WRITTEN in str(caught.value)
        assert comments(store) == before
        sheets.add_comment(store, tutor, sheet_id, "Très bon travail.")
        assert comments(store) == before + 1
