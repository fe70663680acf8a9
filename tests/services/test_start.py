"""What the main window opens on (`services.start`): the same directory, modules, counters
and module 1 period view as the services that own them give one by one, for every demo
role, in a few statements that do not depend on the reader; a deactivated account is
refused; the store's committed writes are counted (what tells a page its data is stale)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from cpro_desktop import models as m
from cpro_desktop.services import activities as act
from cpro_desktop.services import reviews
from cpro_desktop.services.directory import visible_directory
from cpro_desktop.services.permissions import Module, modules_for
from cpro_desktop.services.start import committed_writes, start_snapshot
from cpro_desktop.store import PermissionDenied, Store
from tests.services.activities_helpers import demo_actor

LOGINS = ("apprenti", "tuteur", "tuteur2", "tuteur.orsted", "formateur", "formateur2", "parent")


@pytest.mark.parametrize("login", LOGINS)
def test_the_start_is_what_each_service_gives(demo_store: Store, login: str) -> None:
    """Directory, modules, counters and, opening on module 1, its period view as it opens
    (the first class, the latest period started and its folders): each as its own service
    reads it."""
    actor = demo_actor(demo_store, login)
    start = start_snapshot(demo_store, actor, Module.ACTIVITIES)
    directory = visible_directory(demo_store, actor)
    assert start.directory == directory
    assert start.modules == modules_for(actor, directory.teaches_a_class)
    expected = {}
    if Module.ACTIVITIES in start.modules:
        expected[Module.ACTIVITIES] = act.unread_total(demo_store, actor)
    if Module.COMPETENCE_REVIEWS in start.modules:
        expected[Module.COMPETENCE_REVIEWS] = reviews.unread_review_count(demo_store, actor)
    assert dict(start.unread) == expected
    if Module.ACTIVITIES not in start.modules:
        assert start.module == start.modules[0] and start.periods is None
        return
    assert start.module == Module.ACTIVITIES
    if login == "apprenti":  # he opens on his own folders, read by the page
        assert start.periods is None
        return
    assert start.periods is not None
    classes = act.activity_classes(demo_store, actor)
    assert start.periods.classes == classes
    periods = act.class_periods(demo_store, actor, classes[0].id)
    assert start.periods.periods == periods
    opened = act.period_portfolios(demo_store, actor, act.default_period(periods))
    assert start.periods.opened == opened


def test_the_start_opens_on_the_module_last_used_if_he_has_it(demo_store: Store) -> None:
    """The dashboard if asked; module 1's view is then left to its page. A module he does
    not have (the administration, for a tutor) opens his first."""
    tutor = demo_actor(demo_store, "tuteur")
    start = start_snapshot(demo_store, tutor, Module.DASHBOARD)
    assert (start.module, start.periods) == (Module.DASHBOARD, None)
    start = start_snapshot(demo_store, tutor, Module.ADMINISTRATION)
    assert start.module == Module.ACTIVITIES and start.periods is not None
    admin = start_snapshot(demo_store, demo_actor(demo_store, "admin"))
    assert admin.modules == (Module.ADMINISTRATION,) and admin.unread == {}


def test_the_start_takes_four_statements_whoever_reads(demo_store: Store, count_statements):
    """One for the account, its counters and its directory, three for module 1's view:
    the same for the trainer of a whole class as for a tutor of one apprentice."""
    counts = []
    for login in ("tuteur2", "formateur"):
        actor = demo_actor(demo_store, login)
        with count_statements(demo_store) as counter:
            start_snapshot(demo_store, actor, Module.ACTIVITIES)
        counts.append([s for s in counter.statements if not s.lstrip().upper().startswith("BEGIN")])
    assert [len(c) for c in counts] == [4, 4]


def test_a_deactivated_account_is_refused(demo_store: Store) -> None:
    tutor = demo_actor(demo_store, "tuteur")
    with demo_store.write() as session:
        session.execute(
            update(m.Account).where(m.Account.login == "tuteur").values(is_active=False)
        )
    with pytest.raises(PermissionDenied, match="désactivé"):
        start_snapshot(demo_store, tutor)


def test_committed_writes_count_the_saves_not_the_reads(demo_store: Store) -> None:
    before = committed_writes(demo_store)
    with demo_store.read() as session:
        session.scalar(select(m.Account.id).limit(1))
    assert committed_writes(demo_store) == before
    with demo_store.write() as session:
        session.execute(update(m.Account).where(m.Account.login == "parent").values(phone="01"))
    assert committed_writes(demo_store) == before + 1
