"""What the main window opens on, read at sign-in in one call (issue 14: a person at the end
of a slow line waits for round trips, not for rows).

`start_snapshot()` reads, in one session:

- one statement: the account as the store knows it now (its role, whether it is still
  active), whether it teaches a class (an administrator who does gets the trainer's
  modules), the counters of the module entries (module 1: the sheets changed since the
  reader last read them; "Bilans de compétences": the validated company reviews he has not
  opened) and the selector's directory, one row per apprentice he may open (the account's
  columns repeated beside each; computed once, as the counters are uncorrelated);
- then, when the window opens on module 1's period view, that view as it opens (three
  statements: `activities.read_periods_overview()`).

The clauses are those of the services that own them (`directory_query()`,
`activities.unread_total_query()`, `reviews.unread_review_count_query()`), so the counts and
the listing are exactly theirs. Nothing is read per apprentice or per module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, event, select, true

from cpro_desktop import models as m
from cpro_desktop.models.enums import Role
from cpro_desktop.services.access import fresh_actor
from cpro_desktop.services.activities.snapshots import PeriodsOverview
from cpro_desktop.services.activities.views import read_periods_overview, unread_total_query
from cpro_desktop.services.directory import (
    Directory,
    build_directory,
    directory_order,
    directory_query,
    teaches_query,
)
from cpro_desktop.services.permissions import Actor, Module, modules_for
from cpro_desktop.services.reviews import unread_review_count_query
from cpro_desktop.store import Store

_accounts = m.Account.__table__


@dataclass(frozen=True)
class StartSnapshot:
    """The main window's content at sign-in."""

    #: The account as the store knows it now (role and state).
    actor: Actor
    directory: Directory
    modules: tuple[Module, ...]
    #: The module entries' counters (green badges), for the modules that count.
    unread: Mapping[Module, int] = field(default_factory=dict)
    #: The module the window opens on (None: no module at all).
    module: Module | None = None
    #: Module 1's period view as it opens, when the window opens on it (else None).
    periods: PeriodsOverview | None = None


def _start_statement(actor: Actor) -> Any:
    """The account, its counters and the directory in one statement (see the module)."""
    me = replace(actor, is_active=True)  # its state is read from the row, with the rest
    head = (
        select(
            _accounts.c.role,
            _accounts.c.is_active,
            select(teaches_query(me.account_id)).scalar_subquery().label("teaches"),
            unread_total_query(me).scalar_subquery().label("unread_sheets"),
            unread_review_count_query(me).scalar_subquery().label("unread_reviews"),
        )
        .where(_accounts.c.id == me.account_id)
        .subquery("head")
    )
    listed = directory_query(me).subquery("listed")
    return (
        select(head, listed)
        .select_from(head.outerjoin(listed, true()))
        .order_by(*directory_order(listed))
    )


def start_snapshot(
    store: Store, actor: Actor, module: Module | None = None, today: date | None = None
) -> StartSnapshot:
    """The main window's content for `actor`, opening on `module` (the one he last used) if
    he still has it, else on his first. A deactivated (or deleted) account is refused
    (`PermissionDenied`), as every service refuses it."""
    with store.read() as session:
        rows = session.execute(_start_statement(actor)).all()
        head = rows[0] if rows else None
        if head is None or not head.is_active:
            fresh_actor(session, actor)  # raises the services' own refusal
            raise AssertionError("unreachable: the account is gone or deactivated")
        current = replace(actor, role=Role(head.role), is_active=True)
        teaches = bool(head.teaches)
        modules = modules_for(current, teaches)
        opening = module if module in modules else (modules[0] if modules else None)
        periods = None
        # Module 1 opens on its period view, but for an apprentice (on his own folders).
        if opening == Module.ACTIVITIES and current.role != Role.APPRENTICE:
            periods = read_periods_overview(session, current, today)
    unread = {
        Module.ACTIVITIES: int(head.unread_sheets or 0),
        Module.COMPETENCE_REVIEWS: int(head.unread_reviews or 0),
    }
    return StartSnapshot(
        actor=current,
        directory=build_directory(rows, teaches),
        modules=modules,
        unread={k: v for k, v in unread.items() if k in modules},
        module=opening,
        periods=periods,
    )


# -- what changed since a page read it ----------------------------------------------------------


class _Commits:
    """A counter of the write transactions committed through one engine."""

    def __init__(self) -> None:
        self.count = 0

    def bump(self, _connection: object) -> None:
        self.count += 1


_COMMITS: WeakKeyDictionary[Engine, _Commits] = WeakKeyDictionary()


def committed_writes(store: Store) -> int:
    """How many write transactions this application has committed to `store` since it first
    asked (a page that read its data at a lower count may show stale data: the main window
    reads it again when it shows it). Rolled-back reads do not count; what other people
    save on a shared server is not seen here (the pages' "Refresh")."""
    engine = store.engine
    counter = _COMMITS.get(engine)
    if counter is None:
        counter = _Commits()
        event.listen(engine, "commit", counter.bump)
        _COMMITS[engine] = counter
    return counter.count
