"""`cpro-desktop bench --screens`: what a person waits for, screen by screen (issue 14).

Six screens, each driven through the real Qt widgets, offscreen, for the apprentice with the
most data and the account that reads him (his referent trainer, or the `--as` login):

- `main_window`: the main window after sign-in, built and shown (its modules, the selector
  on the apprentice the reader last chose);
- `next_apprentice`: in that window, on the dashboard module, a click on the selector's
  "next" arrow (then "previous", in turn, so that it goes back and forth);
- `dashboard`: the competence dashboard of the apprentice, opened (the page built, shown);
- `sheet`: in module 1's "by apprentice" view, "See this sheet" on a weekly sheet of his
  fullest folder;
- `weekly_grid`: the logbook of that folder opened on its page 4, the weekly activity grid;
- `folder`: a click on that folder, closed, which opens it with its sheets.

Each is timed from the click to the screen painted (the events processed, then the whole
window rendered with `grab()`), and counted: SQL statements (the engine's
`before_cursor_execute`), and round trips to the database. Through `--latency MS` the store
is reached through `bench_latency.LatencyProxy` (MS of round-trip time), which counts the
round trips on the wire; without it they are counted from the engine's events (see
`bench_latency`). Medians of `runs` runs after `warmup` runs.

Beside each screen, its floors in the same run: a bare `QTableView` of as many cells as the
screen's item views show, painted at the same size; and the rows the screen read, fetched
by the bare driver in one query (on PostgreSQL every SELECT the screen ran, with its
parameters inlined, sent as one multi-statement query on an autocommit connection: one round
trip, through the same proxy; on SQLite, replayed one by one with sqlite3, which has no
network to cross).
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.bench_latency import LatencyProxy, RoundTripCounter
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import CproError, Store, describe_location

#: The screens, in the order of issue 14, with their French titles.
SCREENS: dict[str, str] = {
    "main_window": "Fenêtre principale après connexion",
    "next_apprentice": "Apprenti suivant (◀ ▶)",
    "dashboard": "Tableau de bord par compétences",
    "sheet": "Ouvrir une fiche hebdomadaire",
    "weekly_grid": "Grille hebdomadaire (journal, page 4)",
    "folder": "Déplier un dossier",
}
#: Issue 14's ceilings of round trips per screen.
CEILINGS: dict[str, int] = {name: 3 for name in SCREENS} | {"main_window": 6}
#: Issue 14's goals at 20 ms of round trip (ms, click to painted).
GOAL_MS: dict[str, float] = {name: 300.0 for name in SCREENS} | {"main_window": 1000.0}
#: How long a modal message may stay open before the bench closes it (ms).
MODAL_POLL_MS = 50


@dataclass(frozen=True)
class ScreenSubject:
    """Whom the screens show, and who looks: the apprentice, his fullest folder (the one
    with the most sheets, the latest among equals) and a sheet of it (the first with
    content, else the first)."""

    apprentice_id: int
    name: str
    portfolio_id: int
    sheets_in_folder: int
    sheet_id: int
    actor: Actor


def screen_subject(store: Store, apprentice_id: int, name: str, actor: Actor) -> ScreenSubject:
    """The folder and sheet of `apprentice_id` that the screens open, read as `actor`."""
    from cpro_desktop.services.activities import apprentice_portfolios, portfolio_sheets

    view = apprentice_portfolios(store, actor, apprentice_id)
    if not view.portfolios:
        raise CproError(f"{name} n'a aucun dossier de période : rien à ouvrir.")
    folder = max(view.portfolios, key=lambda p: (p.sheet_count, p.start_date, p.id))
    sheets = portfolio_sheets(store, actor, folder.id).sheets
    if not sheets:
        raise CproError(f"Le dossier le plus fourni de {name} n'a aucune fiche.")
    sheet = next((s for s in sheets if s.has_content), sheets[0])
    return ScreenSubject(apprentice_id, name, folder.id, len(sheets), sheet.id, actor)


def richest_subject(store: Store) -> ScreenSubject:
    """The apprentice with the most ratings and weekly tasks, seen by his referent (or tutor)."""
    from cpro_desktop.bench import pick_subject

    subject = pick_subject(store)
    return screen_subject(store, subject.apprentice_id, subject.name, subject.actor)


# -- the widgets ------------------------------------------------------------------------------


class _World:
    """What every screen needs: the application, the store, the reader, the subject."""

    def __init__(self, store: Store, subject: ScreenSubject) -> None:
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication(["cpro-desktop-bench"])
        self.store = store
        self.subject = subject
        self.actor = subject.actor

    def context(self, *, remembered: bool = False):
        """A fresh context on the subject, as the main window gives its pages. No tile server:
        the logbook's map never reaches out during a measure."""
        from cpro_desktop.config import Settings
        from cpro_desktop.views.context import AppContext, ApprenticeSelection

        settings = Settings(tile_server_url="")
        if remembered:  # the reader comes back to the apprentice he last chose
            key = f"{self.store.location}|{self.actor.login}"
            settings.last_selection[key] = self.subject.apprentice_id
        selection = ApprenticeSelection()
        if not remembered:
            selection.set(self.subject.apprentice_id)
        return AppContext(self.store, self.actor, settings, selection)

    def settle(self) -> None:
        """Process what is pending, deferred deletions included."""
        from PySide6.QtCore import QCoreApplication, QEvent

        self.app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()

    def discard(self, widget: Any) -> None:
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        self.settle()


class Screen:
    """One screen: `act()` is the click (timed, with the painting of what it returns);
    `before()` and `after()` put things in place around each run, untimed."""

    name: ClassVar[str]

    def __init__(self, world: _World) -> None:
        self.world = world

    def available(self) -> bool:
        return True

    def before(self) -> None:
        return None

    def act(self) -> Any:
        raise NotImplementedError

    def after(self, shown: Any) -> None:
        return None

    def close(self) -> None:
        return None


class MainWindowScreen(Screen):
    name = "main_window"

    def act(self) -> Any:
        from cpro_desktop.views.main_window import MainWindow

        window = MainWindow(self.world.context(remembered=True))
        window.show()
        return window

    def after(self, shown: Any) -> None:
        self.world.discard(shown)  # never close(): that would save the user's settings


class NextApprenticeScreen(Screen):
    name = "next_apprentice"

    def __init__(self, world: _World) -> None:
        from cpro_desktop.services.permissions import Module
        from cpro_desktop.views.main_window import MainWindow

        super().__init__(world)
        self.window = MainWindow(world.context(remembered=True))
        self.window.open_module(Module.DASHBOARD)
        self.window.show()
        world.settle()
        self.forward = True

    def available(self) -> bool:
        selector = self.window.selector
        return len(selector.directory.apprentice_ids()) > 1

    def act(self) -> Any:
        selector = self.window.selector
        # Back and forth between the subject and a neighbour, whichever way there is one.
        if self.forward and not selector.next_button.isEnabled():
            self.forward = False
        elif not self.forward and not selector.previous_button.isEnabled():
            self.forward = True
        (selector.next_button if self.forward else selector.previous_button).click()
        self.forward = not self.forward
        return self.window

    def close(self) -> None:
        self.world.discard(self.window)


class DashboardScreen(Screen):
    name = "dashboard"

    def act(self) -> Any:
        from cpro_desktop.views.dashboard import DashboardPage

        page = DashboardPage(self.world.context())
        page.resize(1200, 700)
        page.show()
        return page

    def after(self, shown: Any) -> None:
        self.world.discard(shown)


class _ActivitiesScreen(Screen):
    """Module 1's page on the subject, in its "by apprentice" view."""

    def __init__(self, world: _World) -> None:
        from cpro_desktop.views.activities import ActivitiesPage

        super().__init__(world)
        self.page = ActivitiesPage(world.context())
        self.page.tabs.setCurrentWidget(self.page.apprentices_tab)
        self.page.resize(1100, 700)
        self.page.show()
        self.browser = self.page.apprentices_tab.browser
        self.folder = world.subject.portfolio_id
        world.settle()

    def close(self) -> None:
        self.world.discard(self.page)


class SheetScreen(_ActivitiesScreen):
    name = "sheet"

    def __init__(self, world: _World) -> None:
        super().__init__(world)
        self.browser.expand(self.folder)
        world.settle()

    def before(self) -> None:
        if not self.browser.select_sheet(self.world.subject.sheet_id):
            self.browser.expand(self.folder)
            self.browser.select_sheet(self.world.subject.sheet_id)

    def act(self) -> Any:
        self.browser.view_sheet_button.click()
        return self.browser.sheet_dialog

    def after(self, shown: Any) -> None:
        if shown is not None:
            shown.reject()
        self.browser.sheet_dialog = None
        self.world.discard(shown)


class WeeklyGridScreen(_ActivitiesScreen):
    name = "weekly_grid"

    def before(self) -> None:
        self.browser.select_portfolio(self.folder)

    def act(self) -> Any:
        from cpro_desktop.views.activities.logbook_wizard import LogbookPage

        return self.browser.open_logbook(self.folder, LogbookPage.WEEKLY)

    def after(self, shown: Any) -> None:
        if shown is not None:
            shown.reject()
        self.browser.wizard = None
        self.world.discard(shown)


class FolderScreen(_ActivitiesScreen):
    name = "folder"

    def before(self) -> None:
        # Closed and forgotten, as when the reader comes to it: set again from memory.
        self.browser.set_portfolios(self.browser.model.portfolios())
        self.world.settle()

    def act(self) -> Any:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        tree = self.browser.tree
        index = self.browser.model.portfolio_index(self.folder)
        rect = tree.visualRect(index)
        if rect.isValid():
            QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        else:  # scrolled out of sight: what the click does
            tree.setExpanded(index, True)
        return self.page


SCREEN_CLASSES: tuple[type[Screen], ...] = (
    MainWindowScreen,
    NextApprenticeScreen,
    DashboardScreen,
    SheetScreen,
    WeeklyGridScreen,
    FolderScreen,
)


# -- measuring --------------------------------------------------------------------------------


@dataclass
class _Samples:
    ms: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    round_trips: list[int] = field(default_factory=list)
    connects: list[int] = field(default_factory=list)
    captured: list[tuple[str, Any]] = field(default_factory=list)
    cells: tuple[int, int] = (0, 1)
    size: tuple[int, int] = (0, 0)


@contextmanager
def _modal_guard(messages: list[str]) -> Iterator[None]:
    """A message box opened during a measure (an error) would wait for a click forever:
    close it, keep its text, and let the caller fail with it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def close_boxes() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            messages.append(box.text())
            box.reject()

    timer = QTimer()
    timer.setInterval(MODAL_POLL_MS)
    timer.timeout.connect(close_boxes)
    timer.start()
    try:
        yield
    finally:
        timer.stop()


def _cells(widget: Any) -> tuple[int, int]:
    """(cells, columns of the widest view) the visible item views of `widget` show."""
    from PySide6.QtCore import QAbstractListModel, QModelIndex
    from PySide6.QtWidgets import QAbstractItemView, QTreeView

    total, widest = 0, 1
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisibleTo(widget):
            continue
        # A list model's columnCount() is private in Qt: one column.
        listed = isinstance(model, QAbstractListModel)
        columns = 1 if listed else max(1, model.columnCount(QModelIndex()))
        widest = max(widest, columns)

        def rows(parent: QModelIndex, view=view, model=model) -> int:
            count = model.rowCount(parent)
            if isinstance(view, QTreeView):
                for row in range(count):
                    child = model.index(row, 0, parent)
                    if view.isExpanded(child):
                        count += rows(child)
            return count

        total += rows(QModelIndex()) * columns
    return total, widest


def _paint(app: Any, widget: Any) -> None:
    """Until painted: pending events processed, then the whole window rendered."""
    app.processEvents()
    widget.window().grab()


def run_screen(
    screen: Screen,
    store: Store,
    runs: int,
    warmup: int,
    proxy: LatencyProxy | None,
) -> _Samples:
    """Time and count `runs` clicks on `screen` after `warmup` unrecorded ones."""
    world = screen.world
    samples = _Samples()
    messages: list[str] = []
    with _modal_guard(messages):
        for run in range(warmup + runs):
            screen.before()
            world.app.processEvents()
            with RoundTripCounter(store.engine, proxy) as counter:
                started = time.perf_counter()
                shown = screen.act()
                if shown is None:
                    break
                _paint(world.app, shown)
                elapsed = time.perf_counter() - started
            if run >= warmup:
                samples.ms.append(elapsed * 1000)
                samples.statements.append(len(counter.statements))
                samples.round_trips.append(counter.round_trips)
                samples.connects.append(counter.connects)
                samples.captured = list(counter.statements)
                samples.cells = _cells(shown.window())
                size = shown.window().size()
                samples.size = (size.width(), size.height())
            screen.after(shown)
    if messages:
        raise CproError(f"{SCREENS[screen.name]} : {' ; '.join(messages)}")
    if not samples.ms:
        raise CproError(f"{SCREENS[screen.name]} : l'écran ne s'est pas ouvert.")
    return samples


def table_floor_ms(app: Any, cells: int, columns: int, size: tuple[int, int], runs: int) -> float:
    """A bare QTableView of `cells` plain cells in `columns` columns, filled and painted at
    `size`: the median ms."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    rows = math.ceil(cells / columns) if cells else 0

    class Bare(QAbstractTableModel):
        def __init__(self) -> None:
            super().__init__()
            self.shape = (0, columns)

        def fill(self) -> None:
            self.beginResetModel()
            self.shape = (rows, columns)
            self.endResetModel()

        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else self.shape[0]

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else self.shape[1]

        def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{index.row()}·{index.column()}"
            return None

    samples = []
    for run in range(2 + runs):
        view = QTableView()
        model = Bare()
        view.setModel(model)
        view.resize(*size)
        started = time.perf_counter()
        model.fill()
        view.show()
        _paint(app, view)
        if run >= 2:
            samples.append(time.perf_counter() - started)
        view.hide()
        view.deleteLater()
        app.processEvents()
    return statistics.median(samples) * 1000


def _selects(captured: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [
        (statement, parameters)
        for statement, parameters in captured
        if statement.lstrip().upper().startswith(("SELECT", "WITH"))
    ]


def driver_floor(
    store: Store, captured: list[tuple[str, Any]], runs: int, proxy: LatencyProxy | None
) -> dict[str, Any]:
    """The rows the screen read, fetched by the bare driver in one query (see the module):
    median ms, rows, and the round trips the proxy saw (1) when there is one."""
    selects = _selects(captured)
    if not selects:
        return {"ms": 0.0, "rows": 0, "round_trips": 0}
    raw = store.engine.raw_connection()
    try:
        if store.backend == "postgresql":
            import psycopg

            driver = raw.driver_connection
            assert isinstance(driver, psycopg.Connection)
            driver.rollback()
            driver.autocommit = True
            mogrifier = psycopg.ClientCursor(driver)
            batch = ";\n".join(mogrifier.mogrify(s, p) for s, p in selects)

            def fetch() -> int:
                count = 0
                with psycopg.ClientCursor(driver) as cursor:
                    cursor.execute(batch)
                    while True:
                        if cursor.description is not None:
                            count += len(cursor.fetchall())
                        if not cursor.nextset():
                            break
                return count
        else:

            def fetch() -> int:
                count = 0
                cursor = raw.cursor()
                for statement, parameters in selects:
                    cursor.execute(statement, parameters)
                    count += len(cursor.fetchall())
                cursor.close()
                return count

        rows = fetch()
        samples, trips = [], []
        for _ in range(runs):
            before = proxy.round_trips if proxy is not None else 0
            started = time.perf_counter()
            fetch()
            samples.append(time.perf_counter() - started)
            trips.append((proxy.round_trips - before) if proxy is not None else 1)
    finally:
        if store.backend == "postgresql":
            raw.driver_connection.autocommit = False
        raw.close()
    round_trips = statistics.median(trips) if store.backend == "postgresql" else len(selects)
    return {
        "ms": round(statistics.median(samples) * 1000, 2),
        "rows": rows,
        "round_trips": round_trips,
    }


def _median(values: list[int]) -> float | int:
    value = statistics.median(values)
    return int(value) if float(value).is_integer() else value


def measure_screens(
    store: Store,
    subject: ScreenSubject,
    *,
    runs: int = 7,
    warmup: int = 2,
    proxy: LatencyProxy | None = None,
    floors: bool = True,
    only: tuple[str, ...] | None = None,
) -> dict[str, dict[str, Any]]:
    """Each screen's medians (and floors): {name: figures}. A screen the reader cannot use
    (one apprentice only: no "next") is left out."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from cpro_desktop.bench import keep_none_alive

    keep_none_alive()
    world = _World(store, subject)
    results: dict[str, dict[str, Any]] = {}
    for screen_class in SCREEN_CLASSES:
        if only is not None and screen_class.name not in only:
            continue
        screen = screen_class(world)
        try:
            if not screen.available():
                continue
            samples = run_screen(screen, store, runs, warmup, proxy)
        finally:
            screen.close()
        figures: dict[str, Any] = {
            "title": SCREENS[screen.name],
            "ms": round(statistics.median(samples.ms), 2),
            "statements": _median(samples.statements),
            "round_trips": _median(samples.round_trips),
            "round_trips_runs": samples.round_trips,
            "connects": max(samples.connects),
            "ceiling": CEILINGS[screen.name],
        }
        if floors:
            cells, columns = samples.cells
            figures["floor_table"] = {
                "ms": round(table_floor_ms(world.app, cells, columns, samples.size, runs), 2),
                "cells": cells,
            }
            figures["floor_driver"] = driver_floor(store, samples.captured, runs, proxy)
        results[screen.name] = figures
    world.settle()
    return results


def subject_figures(subject: ScreenSubject) -> dict[str, Any]:
    with_reader = {
        "id": subject.apprentice_id,
        "name": subject.name,
        "reader": subject.actor.login,
        "folder_sheets": subject.sheets_in_folder,
    }
    return with_reader


def store_size(store: Store) -> dict[str, int]:
    """Apprentices and activity sheets in the store (what the screens must not grow with)."""
    with store.read() as session:
        return {
            "apprentices": session.scalar(select(func.count()).select_from(m.Apprentice)) or 0,
            "sheets": session.scalar(select(func.count()).select_from(m.ActivitySheet)) or 0,
        }


# -- the report -------------------------------------------------------------------------------


def report_text(result: dict[str, Any]) -> str:
    """The screens' figures as the command prints them (French)."""

    def ms(value: float) -> str:
        return f"{value:,.1f} ms".replace(",", " ").replace(".", ",")

    def number(value: float | int) -> str:
        return f"{value:g}".replace(".", ",")

    backend = "SQLite" if result["backend"] == "sqlite" else "PostgreSQL"
    latency = result.get("latency_ms")
    line = (
        f"aller-retour réseau {number(latency)} ms (mandataire sur 127.0.0.1), allers-retours "
        "comptés sur le fil"
        if latency is not None
        else "sans latence ajoutée, allers-retours comptés par les événements du moteur"
    )
    who = result["apprentice"]
    lines = [
        f"Écrans — médianes sur {result['runs']} essais ; {line}",
        f"Base : {backend} {result['location']} ({result['store']['apprentices']} apprentis, "
        f"{result['store']['sheets']} fiches)",
        f"Apprenti : {who['name']} (id {who['id']}), lu par {who['reader']} ; son dossier le "
        f"plus fourni : {who['folder_sheets']} fiches",
        "",
        f"{'':<40}{'clic→affiché':>14}{'requêtes':>10}{'allers-ret.':>12}{'objectif':>10}"
        f"{'tableau nu':>13}{'cellules':>10}{'pilote seul':>13}{'lignes':>8}",
    ]
    for v in result["screens"].values():
        table = v.get("floor_table", {})
        driver = v.get("floor_driver", {})
        lines.append(
            f"{v['title']:<40}{ms(v['ms']):>14}{number(v['statements']):>10}"
            f"{number(v['round_trips']):>12}{'≤ ' + str(v['ceiling']):>10}"
            f"{ms(table.get('ms', 0.0)):>13}{table.get('cells', 0):>10}"
            f"{ms(driver.get('ms', 0.0)):>13}{driver.get('rows', 0):>8}"
        )
    lines += [
        "",
        "Tableau nu : un QTableView d'autant de cellules, rempli et affiché à la même taille. "
        "Pilote seul : les mêmes lignes lues par le pilote en une seule requête"
        + (" (un aller-retour)." if result["backend"] == "postgresql" else "."),
        "Objectifs (ticket 14) : au plus 3 allers-retours par écran (6 pour la fenêtre "
        "principale) ; à 20 ms d'aller-retour, moins de 300 ms par écran (1 s pour la "
        "fenêtre principale).",
    ]
    return "\n".join(lines)


def run_screens_bench(
    url: str,
    *,
    runs: int,
    latency_ms: float | None,
    login: str | None = None,
    password: Callable[[str], str] | None = None,
    warmup: int = 2,
) -> dict[str, Any]:
    """Open the store (through the delay proxy with `latency_ms`; as `login` on a per-user
    server, `url` then being a superuser's), choose the subject, measure every screen."""
    from cpro_desktop.store.engine import normalise_url

    parsed = normalise_url(url)
    proxy: LatencyProxy | None = None
    if latency_ms is not None:
        if parsed.get_backend_name() != "postgresql":
            raise CproError(
                "--latency demande une base PostgreSQL : une base SQLite est un fichier local, "
                "sans réseau à traverser."
            )
        if not parsed.host:
            raise CproError(
                "--latency demande l'adresse réseau du serveur (hôte), pas un socket local."
            )
        proxy = LatencyProxy(parsed.host, parsed.port or 5432, latency_ms).start()
    try:
        routed = proxy.route(parsed) if proxy is not None else parsed
        if login:
            store, subject = _sign_in(parsed, routed, login, password)
        else:
            store = Store.open(routed)
            subject = richest_subject(store)
        try:
            with _quiet_offscreen():
                screens = measure_screens(store, subject, runs=runs, warmup=warmup, proxy=proxy)
            size = store_size(store)
        finally:
            store.close()
    finally:
        if proxy is not None:
            proxy.stop()
    return {
        "backend": parsed.get_backend_name(),
        "location": describe_location(parsed),
        "latency_ms": latency_ms,
        "round_trips_source": "proxy" if proxy is not None else "events",
        "runs": runs,
        "warmup": warmup,
        "store": size,
        "apprentice": subject_figures(subject),
        "screens": screens,
        "goals": {"round_trips": CEILINGS, "ms_at_20ms_rtt": GOAL_MS},
    }


@contextmanager
def _quiet_offscreen() -> Iterator[None]:
    """Qt's offscreen platform says at every window shown that it "does not support
    propagateSizeHints()": not a word of the benchmark's; other messages go to stderr."""
    import sys

    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind: Any, _context: Any, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _sign_in(
    admin: Any, routed: Any, login: str, password: Callable[[str], str] | None
) -> tuple[Store, ScreenSubject]:
    """The person's own connection through the proxy; the subject chosen on the superuser's
    (the apprentice with the most data among those the person reads)."""
    from cpro_desktop.bench_server import _subject
    from cpro_desktop.services.auth import open_and_sign_in

    floor = Store.open(admin, upgrade=False)
    try:
        if not floor.per_user:
            raise CproError(
                "Cette base n'a pas été préparée par « server init » : --as n'a pas de sens ici."
            )
        server_url = routed._replace(username=None, password=None).render_as_string(False)
        store, actor = open_and_sign_in(server_url, login, (password or _no_password)(login))
        try:
            apprentice_id, name = _subject(floor, actor)
            subject = screen_subject(store, apprentice_id, name, actor)
        except BaseException:
            store.close()
            raise
    finally:
        floor.close()
    return store, subject


def _no_password(login: str) -> str:
    raise CproError(f"Mot de passe de {login} manquant.")
