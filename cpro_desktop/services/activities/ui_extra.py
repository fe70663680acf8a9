"""Reads the module 1 screens need beyond the main services.

`sheet_version()`: deleting a retired sheet on purpose (`delete_retired_sheet()`) is guarded
by the sheet's version, which the sheet lists (`SheetEntry`) do not carry; reading it here
does not mark the sheet read, as opening it would.
"""

from __future__ import annotations

from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.services.access import authorize_portfolio
from cpro_desktop.services.permissions import Action, Actor
from cpro_desktop.store import Store
from cpro_desktop.store.errors import NotFound


def sheet_version(store: Store, actor: Actor, sheet_id: int) -> int:
    """The current version of a sheet the reader may read (one statement plus the check)."""
    with store.read() as session:
        row = session.execute(
            select(m.ActivitySheet.version, m.ActivitySheet.portfolio_id).where(
                m.ActivitySheet.id == sheet_id
            )
        ).one_or_none()
        if row is None:
            raise NotFound("Cette fiche activité n'existe pas (ou plus).")
        authorize_portfolio(session, actor, Action.READ_WORK, row.portfolio_id)
        return row.version


__all__ = ["sheet_version"]
