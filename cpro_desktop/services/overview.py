"""What the placeholder main window shows: the centre and the size of the store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.store import Store


@dataclass(frozen=True)
class StoreOverview:
    """A snapshot of the store for the main window's home page."""

    centre_name: str
    backend: str
    location: str
    counts: dict[str, int]


def store_overview(store: Store) -> StoreOverview:
    """The centre's name and the main row counts (a bounded number of queries)."""
    info = store.info()
    with store.read() as session:
        name = session.scalar(select(m.Centre.name).order_by(m.Centre.id).limit(1))
    return StoreOverview(name or "Centre non configuré", info.backend, info.location, info.counts)
