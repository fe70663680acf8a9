"""The extra reads of module 1's screens (`ui_extra`) — on every backend."""

from __future__ import annotations

from datetime import date

import pytest

from cpro_desktop.services import activities as act
from cpro_desktop.services.activities import PeriodDraft, SheetTexts
from cpro_desktop.services.activities.ui_extra import sheet_version
from cpro_desktop.store import NotFound, PermissionDenied, Store
from tests.services.activities_helpers import build_class, portfolio_id


def test_sheet_version_follows_saves_and_opens_nothing(store: Store) -> None:
    """The version read is the one `delete_retired_sheet()` needs, and reading it marks
    nothing read; strangers are refused and a missing sheet is NotFound."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    saved = act.create_period(
        store,
        world.trainer,
        world.class_id,
        PeriodDraft("PFMP", date(2023, 7, 3), date(2023, 7, 16)),
    )
    portfolio = portfolio_id(store, pupil.id, saved.period.id)
    first = act.portfolio_sheets(store, pupil.actor, portfolio).sheets[1]
    before = sheet_version(store, world.trainer, first.id)
    act.save_sheet(store, pupil.actor, first.id, SheetTexts(title="Écrit"), version=before)
    assert sheet_version(store, world.trainer, first.id) == before + 1
    assert act.portfolio_sheets(store, world.trainer, portfolio).sheets[1].unread

    shorter = PeriodDraft("PFMP", date(2023, 7, 3), date(2023, 7, 9))
    detail = act.period_detail(store, world.trainer, saved.period.id)
    act.update_period(store, world.trainer, saved.period.id, shorter, version=detail.version,
                      plan_version=detail.plan_version)  # fmt: skip
    version = sheet_version(store, world.trainer, first.id)
    act.delete_retired_sheet(store, world.trainer, first.id, version=version)

    with pytest.raises(NotFound):
        sheet_version(store, world.trainer, first.id)
    other = act.portfolio_sheets(store, pupil.actor, portfolio).sheets[0]
    with pytest.raises(PermissionDenied):
        sheet_version(store, world.other_tutor, other.id)
