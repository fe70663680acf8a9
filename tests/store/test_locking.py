"""Optimistic locking: a save based on a stale read is a conflict, never an overwrite.

Two users are two `Store`s opened on the same URL (two desktops). Each reads the row in
its own session, which then closes: its objects keep their loaded values, `version`
included, the way an open form keeps what it showed. Each user then saves in a write
transaction. The second save's UPDATE names the version it read, finds no such row and
`Store.write()` turns SQLAlchemy's `StaleDataError` into `ConflictError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.store import ConflictError, Store

from . import factories as f


@dataclass(frozen=True)
class Editable:
    """A versioned model, how to build one row of it, and a text field users edit."""

    model: type[m.Base]
    make: Callable[[Session], Any]
    field: str


EDITABLES = [
    pytest.param(Editable(m.ActivitySheet, f.activity_sheet, "description"), id="sheet"),
    pytest.param(Editable(m.CompetenceReview, f.competence_review, "findings"), id="review"),
]


@pytest.fixture
def other_store(store_url: str, store: Store) -> Iterator[Store]:
    """A second desktop: another `Store` (own engine and pool) on the same database."""
    opened = Store.open(store_url)
    yield opened
    opened.close()


def load(store: Store, model: type[m.Base], row_id: int) -> Any:
    """Read a row in a session that then closes, keeping the values it showed."""
    with store.sessions() as session:
        row = session.get(model, row_id)
        assert row is not None
        return row


def save(store: Store, row: Any, field: str, value: str) -> None:
    """Save a change to a row read earlier, in one write transaction."""
    with store.write() as session:
        session.add(row)
        setattr(row, field, value)


@pytest.mark.parametrize("editable", EDITABLES)
def test_stale_save_raises_conflict_and_keeps_first_save(
    store: Store, other_store: Store, editable: Editable
) -> None:
    """When two users save the same row, the later save conflicts; the first text stays."""
    with store.write() as session:
        row_id = editable.make(session).id

    mine = load(store, editable.model, row_id)
    theirs = load(other_store, editable.model, row_id)
    assert mine.version == theirs.version == 1

    save(other_store, theirs, editable.field, "Leur version, enregistrée en premier.")
    with pytest.raises(ConflictError, match="Quelqu'un d'autre a enregistré"):
        save(store, mine, editable.field, "Ma version, enregistrée trop tard.")

    for reader in (store, other_store):
        with reader.read() as session:
            stored = session.get(editable.model, row_id)
            assert stored is not None
            assert getattr(stored, editable.field) == "Leur version, enregistrée en premier."
            assert stored.version == 2


@pytest.mark.parametrize("editable", EDITABLES)
def test_save_after_rereading_succeeds_and_bumps_version(
    store: Store, other_store: Store, editable: Editable
) -> None:
    """After a conflict, saving from a fresh read goes through and bumps the version again."""
    with store.write() as session:
        row_id = editable.make(session).id
    save(other_store, load(other_store, editable.model, row_id), editable.field, "Leur version")

    fresh = load(store, editable.model, row_id)
    assert fresh.version == 2
    save(store, fresh, editable.field, "Ma version, sur la leur")

    with other_store.read() as session:
        stored = session.get(editable.model, row_id)
        assert stored is not None
        assert getattr(stored, editable.field) == "Ma version, sur la leur"
        assert stored.version == 3


def test_conflict_rolls_back_the_whole_transaction(store: Store, other_store: Store) -> None:
    """A conflicting save writes nothing, not even the other rows of its transaction."""
    with store.write() as session:
        sheet_id = f.activity_sheet(session).id
    mine = load(store, m.ActivitySheet, sheet_id)
    save(other_store, load(other_store, m.ActivitySheet, sheet_id), "title", "Leur titre")

    with pytest.raises(ConflictError), store.write() as session:
        f.diploma(session)
        session.add(mine)
        mine.title = "Mon titre"

    with store.read() as session:
        diplomas = session.scalar(select(func.count()).select_from(m.Diploma))
        assert diplomas == 1  # the activity sheet's own diploma, not the one added after
        stored = session.get(m.ActivitySheet, sheet_id)
        assert stored is not None
        assert stored.title == "Leur titre"
