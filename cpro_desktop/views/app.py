"""Starts the Qt application on a store."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from cpro_desktop.store import CproError, Store
from cpro_desktop.views.dialogs import show_error

EXIT_USER_ERROR = 2


def run_gui(url: str, *, demo: bool = False) -> int:
    """Open the store (building the demo world into it if asked) and run the main window."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("CPRO Desktop")
    try:
        store = Store.open(url)
        if demo:
            from cpro_desktop.demo.world import build_demo_world

            build_demo_world(store)
        from cpro_desktop.services.overview import store_overview

        overview = store_overview(store)
    except CproError as exc:
        print(f"cpro-desktop : {exc}", file=sys.stderr)
        show_error(None, "CPRO Desktop", str(exc))
        return EXIT_USER_ERROR
    from cpro_desktop.views.main_window import MainWindow

    window = MainWindow(overview)
    window.show()
    code = app.exec()
    store.close()
    return int(code)
