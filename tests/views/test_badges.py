"""The unread badge's delegate on module 1's period list, in the main window as a tutor
opens it: each period's title, wrapped beside its badge, gets the height it needs in the
width it is painted in (no last line elided into "[…")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QListView, QStyle, QStyleOptionViewItem

from cpro_desktop.config import Settings
from cpro_desktop.services.auth import authenticate
from cpro_desktop.views.badges import UnreadCountRole
from cpro_desktop.views.context import AppContext, ApprenticeSelection
from cpro_desktop.views.main_window import MainWindow


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.mark.parametrize("size", [(1200, 760), (1000, 700), (1400, 900)])
def test_period_titles_beside_their_badge_are_never_cut(qtbot, demo_store, size) -> None:
    actor = authenticate(demo_store, "tuteur", "cpro-demo")
    window = MainWindow(
        AppContext(demo_store, actor, Settings(tile_server_url=""), ApprenticeSelection())
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.wait(50)
    view = window.findChild(QListView, "periods_view")
    delegate = view.itemDelegate()
    model = view.model()
    assert model.rowCount() >= 3
    assert any(model.index(r, 0).data(UnreadCountRole) for r in range(model.rowCount()))
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        rect = view.visualRect(index)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        delegate.initStyleOption(option, index)
        reserved = delegate.reserved(option, index.data(UnreadCountRole) or 0)
        # Painted across the list's width less its spacing on both sides (whatever width
        # the item's size hint claimed), then less the badge.
        painted = view.viewport().width() - 2 * view.spacing() - reserved - 2 * margin
        needed = option.fontMetrics.boundingRect(
            QRect(0, 0, painted, 10_000), int(Qt.TextFlag.TextWordWrap), option.text
        ).height()
        assert rect.height() >= needed, (size, option.text, rect.height(), needed)
