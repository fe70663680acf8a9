"""`cpro-desktop bench --start [--db URL] [--json]`: how fast the application starts and how
much memory it holds, each against a bare PySide6 window measured in the same run.

- cold start: from launching a fresh Python process to the sign-in window painted
  (offscreen), through the real entry point (`cpro-desktop --db URL`), against a fresh
  process that shows a bare `QDialog`; medians of `--runs` runs (5), the two kinds taken in
  turn after a warm-up of each, and their ratio;
- memory: the resident set (RSS) of a fresh process showing the main window on the
  dashboard of the apprentice with the most data (the sign-in is skipped: his referent
  trainer is signed in directly), against the bare window's.

Every figure comes from a child process (`python -m cpro_desktop.bench_start --child …`),
so that nothing the benchmark itself imported counts. Without `--db` it builds a temporary
SQLite store: the demo world and a generated centre of 1,500 apprentices. RSS is read from
/proc (Linux), else from psutil when it is installed; otherwise it is reported as missing.

This module imports only the standard library at its top: the children start from it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

#: The goals of issue 14, printed beside the figures.
GOAL_START_RATIO = 3.0
GOAL_RSS_MIB = 150.0
DEFAULT_RUNS = 5
#: A child that shows nothing in this time is stopped (seconds).
CHILD_TIMEOUT = 120.0
#: How long the dashboard child lets its event loop run once the window is painted, so
#: that anything deferred (timers, lazy pages) has happened before RSS is read (ms).
SETTLE_MS = 500
#: Modules the sign-in window must not need (their presence at that point is reported).
HEAVY_MODULES = ("reportlab", "alembic", "argon2", "pypdf", "psycopg", "PySide6.QtNetwork")


# -- measured in the child -------------------------------------------------------------------
def rss_kib() -> int | None:
    """This process's resident set size in KiB, or None where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import psutil  # type: ignore[import-not-found]
    except ImportError:
        return None
    return int(psutil.Process().memory_info().rss // 1024)


def _emit(payload: dict[str, Any], *, final: bool = True) -> None:
    """One JSON line for the parent (which times its arrival); the last one ends the
    process at once (no teardown in the timing)."""
    import json

    payload["rss_kib"] = rss_kib()
    payload["loaded"] = sorted(name for name in HEAVY_MODULES if name in sys.modules)
    payload["final"] = final
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()
    if final:
        os._exit(0)


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["cpro-desktop"])


def _on_dialog_painted(app, then) -> None:
    """Call `then(dialog)` each time a new top-level dialog has been painted (after the
    paint: the window is on screen)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QDialog

    class Watcher(QObject):
        def __init__(self, parent) -> None:
            super().__init__(parent)
            self.seen: set[int] = set()

        def eventFilter(self, watched, event):
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QDialog)
                and watched.isWindow()
                and id(watched) not in self.seen
            ):
                self.seen.add(id(watched))
                QTimer.singleShot(0, lambda: then(watched))
            return False

    app.installEventFilter(Watcher(app))


def _child_bare() -> None:
    """The floor: a bare QDialog with one label, shown."""
    app = _app()
    from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

    _on_dialog_painted(app, lambda dialog: _emit({"shown": type(dialog).__name__}))
    dialog = QDialog()
    QVBoxLayout(dialog).addWidget(QLabel("CPRO Desktop", dialog))
    dialog.show()
    app.exec()


def _child_login(url: str) -> None:
    """The application's own start (`cpro-desktop --db URL`): its first window painted,
    then (a second line) ready to sign in, the store opened behind it."""
    app = _app()

    def painted(dialog) -> None:
        name = type(dialog).__name__
        ready = getattr(dialog, "ready", None)
        if name != "LoginDialog" or ready is None or dialog.store is not None:
            _emit({"shown": name})  # already usable (or not the sign-in: the parent says so)
            return
        ready.connect(lambda: _emit({"shown": name, "ready": True}))
        _emit({"shown": name}, final=False)

    _on_dialog_painted(app, painted)
    from cpro_desktop.cli import main

    main(["--db", url])
    _emit({"shown": None})


def _child_dashboard(url: str, apprentice_id: int, reader: dict[str, Any]) -> None:
    """The main window on the dashboard of `apprentice_id`, as `reader` left it."""
    app = _app()
    from cpro_desktop import views

    views.lean_feature_check()  # done on import: the application imports its views first
    from PySide6.QtCore import QTimer

    from cpro_desktop.config import Settings
    from cpro_desktop.models.enums import Role
    from cpro_desktop.services.permissions import Actor, Module
    from cpro_desktop.store import Store
    from cpro_desktop.views.app import AppController
    from cpro_desktop.views.i18n import install_translators

    install_translators(app, "fr")
    controller = AppController(app, url)
    controller.settings = Settings()  # nothing of the user's, nothing saved
    controller.store = Store.open(url)
    actor = Actor(reader["id"], Role(reader["role"]), reader["login"], reader["name"])
    controller.settings.last_module[actor.login] = Module.DASHBOARD.value
    key = f"{controller.store.location}|{actor.login}"
    controller.settings.last_selection[key] = apprentice_id
    window = controller.show_main_window(actor)

    def measured() -> None:
        page = window.pages.currentWidget()
        model = getattr(page, "competence_model", None)
        _emit(
            {
                "shown": type(page).__name__,
                "apprentice_id": window.context.selection.apprentice_id,
                "rows": model.rowCount() if model is not None else None,
                "columns": model.columnCount() if model is not None else None,
            }
        )

    QTimer.singleShot(SETTLE_MS, measured)
    app.exec()


def child(argv: list[str]) -> None:
    """Entry point of the measured processes."""
    import json

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = argv[0]
    if mode == "bare":
        _child_bare()
    elif mode == "login":
        _child_login(argv[1])
    elif mode == "dashboard":
        _child_dashboard(argv[1], int(argv[2]), json.loads(argv[3]))
    raise SystemExit(f"mode inconnu : {mode}")


# -- the parent ------------------------------------------------------------------------------
def _spawn(args: list[str], pycache: Path) -> list[tuple[float, dict[str, Any]]]:
    """Run one child; its reports, each with the seconds from the launch to its arrival.

    The children compile to bytecode once, into `pycache` (the warm-up does it), and read
    it from there: an installed application starts from compiled bytecode too, even where
    the environment says not to write it beside the sources (PYTHONDONTWRITEBYTECODE)."""
    import json
    import subprocess
    import time

    command = [sys.executable, "-m", "cpro_desktop.bench_start", "--child", *args]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    reports: list[tuple[float, dict[str, Any]]] = []
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            reports.append((time.perf_counter() - started, json.loads(line)))
            if reports[-1][1].get("final"):
                break
        _, err = process.communicate(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise RuntimeError(f"le processus mesuré ({args[0]}) ne répond pas") from None
    if not reports or not reports[-1][1].get("final"):
        detail = (err or "").strip().splitlines()[-1:] or ["aucune sortie"]
        raise RuntimeError(f"le processus mesuré ({args[0]}) a échoué : {detail[0]}")
    return reports


def _mib(kib: int | None) -> float | None:
    return round(kib / 1024, 1) if kib is not None else None


def _login_run(url: str, pycache: Path) -> tuple[float, float | None, dict, dict]:
    """One start: seconds to the sign-in window painted, to it ready (None when it was
    ready when painted), and the two reports."""
    reports = _spawn(["login", url], pycache)
    shown_at, shown = reports[0]
    ready_at, ready = reports[-1]
    if shown.get("shown") not in ("LoginDialog", "FirstRunDialog") or (
        len(reports) > 1 and not ready.get("ready")
    ):
        what = ready.get("shown") or shown.get("shown")
        raise RuntimeError(f"la fenêtre de connexion ne s'est pas affichée ({what})")
    return shown_at, ready_at if len(reports) > 1 else None, shown, ready


def measure(url: str, runs: int = DEFAULT_RUNS) -> dict[str, Any]:
    """Cold start and memory on the store at `url` (migrated, with data to show)."""
    import json
    import statistics
    import tempfile

    from cpro_desktop.bench import pick_subject
    from cpro_desktop.store import Store

    with Store.open(url) as store:
        subject = pick_subject(store)
        location = store.location
        backend = store.backend
    reader = {
        "id": subject.actor.account_id,
        "role": subject.actor.role.value,
        "login": subject.actor.login,
        "name": subject.actor.display_name,
    }
    dashboard_args = ["dashboard", url, str(subject.apprentice_id), json.dumps(reader)]
    bare_times: list[float] = []
    shown_times: list[float] = []
    ready_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="cpro-bench-pycache-") as folder:
        pycache = Path(folder)
        # Warm-up (bytecode, the file cache), then both kinds in turn.
        _spawn(["bare"], pycache)
        _login_run(url, pycache)
        for _ in range(runs):
            elapsed, bare = _spawn(["bare"], pycache)[-1]
            bare_times.append(elapsed)
            shown_at, ready_at, shown, ready = _login_run(url, pycache)
            shown_times.append(shown_at)
            ready_times.append(ready_at if ready_at is not None else shown_at)
        _spawn(dashboard_args, pycache)  # its warm-up: the dashboard's modules compiled
        _, dashboard = _spawn(dashboard_args, pycache)[-1]
    if dashboard.get("apprentice_id") != subject.apprentice_id or not dashboard.get("rows"):
        raise RuntimeError("le tableau de bord de l'apprenti mesuré ne s'est pas affiché")
    bare_ms = statistics.median(bare_times) * 1000
    shown_ms = statistics.median(shown_times) * 1000
    ready_ms = statistics.median(ready_times) * 1000
    bare_rss = _mib(bare.get("rss_kib"))
    dashboard_rss = _mib(dashboard.get("rss_kib"))
    return {
        "backend": backend,
        "location": location,
        "runs": runs,
        "start": {
            "bare_window_ms": round(bare_ms, 1),
            "login_window_ms": round(shown_ms, 1),
            "ratio": round(shown_ms / bare_ms, 2) if bare_ms > 0 else None,
            "login_ready_ms": round(ready_ms, 1),
            "login_window": shown.get("shown"),
            "loaded_at_login_window": shown.get("loaded", []),
        },
        "memory": {
            "bare_window_mib": bare_rss,
            "login_window_mib": _mib(shown.get("rss_kib")),
            "login_ready_mib": _mib(ready.get("rss_kib")),
            "dashboard_mib": dashboard_rss,
            "ratio": round(dashboard_rss / bare_rss, 2) if bare_rss and dashboard_rss else None,
            "apprentice": {"id": subject.apprentice_id, "name": subject.name},
            "reader": subject.actor.login,
            "table": {"rows": dashboard.get("rows"), "columns": dashboard.get("columns")},
        },
        "goals": {"start_ratio": GOAL_START_RATIO, "dashboard_mib": GOAL_RSS_MIB},
    }


def report_text(result: dict[str, Any]) -> str:
    """The figures in French."""

    def number(value: float | None, digits: int = 0) -> str:
        if value is None:
            return "—"
        return f"{value:.{digits}f}".replace(".", ",")

    start, memory = result["start"], result["memory"]
    lines = [
        f"Démarrage et mémoire — base {result['location']} ({result['backend']}), "
        f"médianes de {result['runs']} essais",
        f"Fenêtre de connexion affichée : {number(start['login_window_ms'])} ms — fenêtre "
        f"PySide6 nue : {number(start['bare_window_ms'])} ms — rapport "
        f"{number(start['ratio'], 2)}",
        f"Base ouverte derrière elle, connexion possible : {number(start['login_ready_ms'])} ms",
        f"Mémoire résidente, tableau de bord de {memory['apprentice']['name']} affiché "
        f"({memory['reader']}) : {number(memory['dashboard_mib'], 1)} Mio — fenêtre nue : "
        f"{number(memory['bare_window_mib'], 1)} Mio — fenêtre de connexion : "
        f"{number(memory['login_window_mib'], 1)} Mio",
    ]
    if memory["dashboard_mib"] is None:
        lines.append(
            "La mémoire n'a pas pu être lue sur ce système (Linux, ou le paquet psutil "
            "installé, sont nécessaires)."
        )
    if start["loaded_at_login_window"]:
        lines.append(
            "Déjà chargés à la fenêtre de connexion : " + ", ".join(start["loaded_at_login_window"])
        )
    lines += [
        "",
        f"Objectifs : démarrage à moins de {number(GOAL_START_RATIO)} fois la fenêtre nue ; "
        f"au plus {number(GOAL_RSS_MIB)} Mio avec un tableau de bord affiché.",
    ]
    return "\n".join(lines)


def run(args: Any) -> int:
    """`bench --start`: 0 on success, 2 with a French message when it cannot measure."""
    import json
    import shutil
    import tempfile

    from cpro_desktop.store import CproError

    runs = max(1, int(getattr(args, "runs", None) or DEFAULT_RUNS))
    url = getattr(args, "bench_db", None) or getattr(args, "db", None)
    workdir: Path | None = None
    try:
        if not url:
            from cpro_desktop.bench import DEFAULT_SCALE, _generate

            scale = int(getattr(args, "scale", None) or DEFAULT_SCALE)
            workdir = Path(tempfile.mkdtemp(prefix="cpro-bench-start-"))
            url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            print(
                f"Aucune base indiquée (--db) : génération d'une base SQLite temporaire "
                f"(monde de démonstration + {scale} apprentis) dans {workdir}…",
                file=sys.stderr,
            )
            _generate(url, scale)
        result = measure(url, runs)
    except (CproError, RuntimeError) as exc:
        print(f"cpro-desktop : {exc}", file=sys.stderr)
        return 2
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    if getattr(args, "json", False):
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(report_text(result))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
    else:
        raise SystemExit("usage : cpro-desktop bench --start [--db URL] [--json]")
