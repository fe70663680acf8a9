"""`cpro-desktop bench [--db URL] [--json]`: how fast the apprentice's dashboard opens.

For the apprentice with the most data (ratings and weekly tasks) it measures, for the
"Vue par compétences" and the "Vue par activités":

- snapshot: the service call (permission check and every query, on a pooled connection);
- model: laying the snapshot out with the default filters and resetting the Qt model;
- paint: rendering the whole table (header, frozen column, visible cells) into a 1280×800
  image, offscreen;
- raw SQL: the very statements the service ran (captured from the engine), replayed with the
  bare driver connection (`engine.raw_connection()`, sqlite3 or psycopg), fetching every
  row, in one transaction rolled back as the service's is;

and prints the medians of `--runs` runs after a warm-up, with the ratio snapshot / raw SQL,
or one JSON object with `--json`. Without `--db` it builds a temporary SQLite store: the
demo world and a generated centre of 1,500 apprentices (it says so on stderr).

`--screens [--latency MS]` measures instead what a person waits for on six screens, click to
painted, with their statements and round trips (see `bench_screens`); `--print` the printing
(`bench_print`); `--as LOGIN` the cost of row-level security (`bench_server`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, literal, select, union_all

from cpro_desktop import models as m
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import CproError, Store

#: The goals of issue 5, printed beside the figures.
GOAL_OPEN_MS = 150.0
GOAL_RATIO = 2.0
VIEWPORT = (1280, 800)
DEFAULT_SCALE = 1500


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `bench` sub-command's options."""
    parser.add_argument(
        "--db",
        dest="bench_db",
        metavar="URL",
        help="base à mesurer ; sans elle, une base SQLite temporaire est générée "
        "(monde de démonstration + 1 500 apprentis)",
    )
    parser.add_argument("--json", action="store_true", help="sortie JSON (un seul objet)")
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        metavar="N",
        help="essais mesurés par étape (15 ; 7 avec --screens ; 5 livrets et 3 lots avec --print)",
    )
    parser.add_argument(
        "--screens",
        action="store_true",
        help="mesurer six écrans du clic à l'affichage (fenêtre principale, apprenti suivant, "
        "tableau de bord, fiche, grille hebdomadaire, dossier) : durée, requêtes et "
        "allers-retours, avec leurs planchers",
    )
    parser.add_argument(
        "--latency",
        type=float,
        metavar="MS",
        help="avec --screens, sur PostgreSQL : passer par un relais local qui ajoute MS "
        "millisecondes d'aller-retour (MS/2 dans chaque sens) et compte les allers-retours",
    )
    parser.add_argument("--scale", type=int, default=DEFAULT_SCALE, help=argparse.SUPPRESS)
    parser.add_argument(
        "--print",
        dest="print_bench",
        action="store_true",
        help="mesurer l'impression : le livret de l'apprenti le plus fourni et un lot de 30 "
        "livrets, chacun comparé à ReportLab seul (plancher)",
    )
    parser.add_argument(
        "--workers", type=int, default=2, metavar="N", help="processus du lot (--print ; 2)"
    )
    parser.add_argument(
        "--as",
        dest="bench_login",
        metavar="IDENTIFIANT",
        help="sur un serveur préparé par « server init » (--db : l'adresse d'un "
        "superutilisateur) : ce que coûte la sécurité par ligne aux lectures de ce compte, "
        "contre le même appel sans elle (mot de passe : $CPRO_PASSWORD, sinon demandé)",
    )
    parser.add_argument(
        "--start",
        action="store_true",
        help="mesurer le démarrage jusqu'à la fenêtre de connexion et la mémoire avec un "
        "tableau de bord affiché, contre une fenêtre PySide6 nue (médianes de 5 essais, "
        "--runs)",
    )


def _run_print(args: argparse.Namespace, url: str | None) -> int:
    """`bench --print`: the printing benchmark (`bench_print`), as JSON or French text."""
    from cpro_desktop.bench_print import run_print_bench

    scale = int(getattr(args, "scale", DEFAULT_SCALE))
    if not url:
        print(
            f"Aucune base indiquée (--db) : génération d'une base SQLite temporaire "
            f"(monde de démonstration + {scale} apprentis)…",
            file=sys.stderr,
        )
    try:
        result = run_print_bench(
            argparse.Namespace(
                db=url,
                scale=scale,
                workers=max(1, int(args.workers)),
                runs=getattr(args, "runs", None),
            )
        )
    except CproError as exc:
        print(f"cpro-desktop : {exc}", file=sys.stderr)
        return 2
    if getattr(args, "json", False):
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(print_report_text(result))
    return 0


def print_report_text(result: dict[str, Any]) -> str:
    """The printing benchmark's figures in French."""

    def seconds(value: float) -> str:
        return f"{value:.2f} s".replace(".", ",")

    one, one_floor = result["booklet"], result["booklet_floor"]
    batch, batch_floor = result["batch"], result["batch_floor"]
    ratio = f"{result['booklet_ratio_to_floor']:.2f}".replace(".", ",")
    batch_ratio = f"{result['batch_ratio_to_floor']:.2f}".replace(".", ",")
    runs = result.get("runs", {})
    return "\n".join(
        [
            f"Impression des livrets — médianes de {runs.get('booklet', 1)} essais (livret) "
            f"et {runs.get('batch', 1)} essais (lot)",
            f"Un livret ({one['apprentice']}) : {seconds(one['seconds'])}, {one['pages']} pages "
            f"— ReportLab seul : {seconds(one_floor['seconds'])} — rapport {ratio}",
            f"Lot de {batch['booklets']} livrets ({batch['classes']}, {batch['workers']} "
            f"processus) : {seconds(batch['seconds'])}, {batch['pages']} pages — ReportLab "
            f"seul : {seconds(batch_floor['seconds'])} — rapport {batch_ratio}",
            "",
            "Objectifs : un livret en moins d'1 s ; livret et lot à moins de 2 fois ReportLab "
            "seul.",
        ]
    )


@dataclass(frozen=True)
class Subject:
    """The apprentice measured, and the account that opens his dashboard."""

    apprentice_id: int
    name: str
    grids: int
    ratings: int
    task_logs: int
    actor: Actor


def run(args: argparse.Namespace) -> int:
    """Run the benchmark; 0 on success, 2 with a French message when it cannot."""
    runs = max(1, int(getattr(args, "runs", None) or 15))
    # `cpro-desktop bench --db URL`, or the global `cpro-desktop --db URL bench`.
    url = getattr(args, "bench_db", None) or getattr(args, "db", None)
    if getattr(args, "print_bench", False):
        return _run_print(args, url)
    if getattr(args, "start", False):
        from cpro_desktop.bench_start import run as run_start

        return run_start(args)
    if getattr(args, "screens", False):
        return _run_screens(args, url)
    if getattr(args, "latency", None) is not None:
        print("cpro-desktop : --latency va avec --screens.", file=sys.stderr)
        return 2
    if getattr(args, "bench_login", None):
        from cpro_desktop.bench_server import run_server_bench
        from cpro_desktop.cli_identity import password_for

        if not url:
            print(
                "cpro-desktop : --as demande --db (l'adresse d'un superutilisateur).",
                file=sys.stderr,
            )
            return 2
        try:
            login = args.bench_login
            print(run_server_bench(url, login, password_for(login), runs, args.json))
        except CproError as exc:
            print(f"cpro-desktop : {exc}", file=sys.stderr)
            return 2
        return 0
    workdir: Path | None = None
    try:
        if not url:
            workdir = Path(tempfile.mkdtemp(prefix="cpro-bench-"))
            url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            scale = int(getattr(args, "scale", DEFAULT_SCALE))
            print(
                f"Aucune base indiquée (--db) : génération d'une base SQLite temporaire "
                f"(monde de démonstration + {scale} apprentis) dans {workdir}…",
                file=sys.stderr,
            )
            _generate(url, scale)
        with Store.open(url) as store:
            result = measure(store, runs)
    except CproError as exc:
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


def _run_screens(args: argparse.Namespace, url: str | None) -> int:
    """`bench --screens`: the six screens of issue 14 (`bench_screens`), JSON or French."""
    from cpro_desktop.bench_screens import report_text as screens_text
    from cpro_desktop.bench_screens import run_screens_bench

    runs = max(1, int(getattr(args, "runs", None) or 7))
    latency = getattr(args, "latency", None)
    if latency is not None and latency < 0:
        print(
            "cpro-desktop : --latency attend un nombre de millisecondes positif.", file=sys.stderr
        )
        return 2
    login = getattr(args, "bench_login", None)
    if login and not url:
        print(
            "cpro-desktop : --as demande --db (l'adresse d'un superutilisateur).", file=sys.stderr
        )
        return 2
    workdir: Path | None = None
    try:
        if not url:
            if latency is not None:
                raise CproError(
                    "--latency demande une base PostgreSQL (--db postgresql://…) : une base "
                    "SQLite est un fichier local, sans réseau à traverser."
                )
            workdir = Path(tempfile.mkdtemp(prefix="cpro-bench-"))
            url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            scale = int(getattr(args, "scale", DEFAULT_SCALE))
            print(
                f"Aucune base indiquée (--db) : génération d'une base SQLite temporaire "
                f"(monde de démonstration + {scale} apprentis) dans {workdir}…",
                file=sys.stderr,
            )
            _generate(url, scale)
        from cpro_desktop.cli_identity import password_for

        result = run_screens_bench(
            url, runs=runs, latency_ms=latency, login=login, password=password_for
        )
    except CproError as exc:
        print(f"cpro-desktop : {exc}", file=sys.stderr)
        return 2
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    if getattr(args, "json", False):
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(screens_text(result))
    return 0


def _generate(url: str, apprentices: int) -> None:
    from cpro_desktop.demo.scale import generate_scale
    from cpro_desktop.demo.world import build_demo_world

    started = time.perf_counter()
    with Store.open(url) as store:
        build_demo_world(store)
        generate_scale(store, apprentices)
    print(f"  … base générée en {time.perf_counter() - started:.1f} s", file=sys.stderr)


def pick_subject(store: Store) -> Subject:
    """The apprentice with the most ratings and weekly tasks, and his referent (or tutor)."""
    with store.read() as session:
        per_rating = (
            select(m.RatingGrid.apprentice_id.label("apprentice_id"), literal(1).label("w"))
            .join(m.Rating, m.Rating.rating_grid_id == m.RatingGrid.id)
        )  # fmt: skip
        per_task = select(m.TaskLog.apprentice_id.label("apprentice_id"), literal(1).label("w"))
        data = union_all(per_rating, per_task).subquery()
        best = session.execute(
            select(data.c.apprentice_id, func.count())
            .group_by(data.c.apprentice_id)
            .order_by(func.count().desc(), data.c.apprentice_id)
            .limit(1)
        ).first()
        if best is None:
            raise CproError("La base ne contient aucun positionnement ni aucune tâche à mesurer.")
        apprentice = session.get(m.Apprentice, best[0])
        assert apprentice is not None
        account_id = apprentice.referent_trainer_id or apprentice.tutor_id
        if account_id is None:
            raise CproError(f"{apprentice.display_name} n'a ni formateur référent ni tuteur.")
        account = session.get(m.Account, account_id)
        assert account is not None
        grids = session.scalar(
            select(func.count()).where(m.RatingGrid.apprentice_id == apprentice.id)
        )
        ratings = session.scalar(
            select(func.count())
            .select_from(m.Rating)
            .join(m.RatingGrid, m.RatingGrid.id == m.Rating.rating_grid_id)
            .where(m.RatingGrid.apprentice_id == apprentice.id)
        )
        tasks = session.scalar(select(func.count()).where(m.TaskLog.apprentice_id == apprentice.id))
        actor = Actor(account.id, account.role, account.login, account.display_name)
        return Subject(apprentice.id, apprentice.display_name, grids or 0, ratings or 0,
                       tasks or 0, actor)  # fmt: skip


def _median_ms(action: Callable[[], Any], runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def _capture(store: Store, action: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The statements (and parameters) the engine runs during `action`."""
    captured: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if not executemany:
            captured.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return captured


def _raw_replay(store: Store, statements: list[tuple[str, Any]], runs: int) -> tuple[float, int]:
    """Median time to run `statements` with the bare driver, and the rows they return."""
    raw = store.engine.raw_connection()
    rows = 0
    try:

        def replay() -> None:
            nonlocal rows
            cursor = raw.cursor()
            count = 0
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                if cursor.description is not None:
                    count += len(cursor.fetchall())
            cursor.close()
            raw.rollback()
            rows = count

        median = _median_ms(replay, runs)
    finally:
        raw.close()
    return median, rows


def keep_none_alive() -> bool:
    """Work around PySide6 6.12.0 on CPython < 3.12: every call of a C++ method returning
    void takes a reference to None away, so None is freed ("Fatal Python error:
    none_dealloc") after some tens of thousands of calls, i.e. after a few full paints.

    CPython 3.12 made None immortal; PySide6 6.11.3 does not have the bug. Until the
    project pins one of them, give None enough references for any run. True if applied.
    """
    import ctypes

    import PySide6

    if sys.version_info >= (3, 12) or not PySide6.__version__.startswith("6.12."):
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    return True


def measure(store: Store, runs: int = 15) -> dict[str, Any]:
    """Measure both views for the subject; the figures as a JSON-ready dict."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keep_none_alive()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from cpro_desktop.services.dashboard import (
        activities_layout,
        activities_snapshot,
        competence_layout,
        competence_snapshot,
    )
    from cpro_desktop.views.dashboard.models import ActivitiesTableModel, CompetenceTableModel
    from cpro_desktop.views.dashboard.page import ActivitiesView, CompetenceView

    app = QApplication.instance() or QApplication(["cpro-desktop-bench"])
    subject = pick_subject(store)
    views: dict[str, Any] = {}
    kinds = (
        ("competences", competence_snapshot, competence_layout, CompetenceTableModel,
         CompetenceView),
        ("activities", activities_snapshot, activities_layout, ActivitiesTableModel,
         ActivitiesView),
    )  # fmt: skip
    for name, read, lay_out, model_class, view_class in kinds:
        view = view_class()
        model = model_class(view)
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        view.setModel(model)
        view.resize(*VIEWPORT)
        view.show()

        def snapshot(read=read) -> Any:
            return read(store, subject.actor, subject.apprentice_id)

        loaded = snapshot()

        def build(model=model, view=view, lay_out=lay_out, loaded=loaded) -> None:
            model.set_layout(lay_out(loaded))
            view.apply_sizes(model)

        build()
        image = QImage(VIEWPORT[0], VIEWPORT[1], QImage.Format.Format_ARGB32_Premultiplied)

        def paint(view=view, image=image) -> None:
            view.render(image)

        app.processEvents()
        snapshot_ms = _median_ms(snapshot, runs)
        model_ms = _median_ms(build, runs)
        paint_ms = _median_ms(paint, runs)
        statements = _capture(store, snapshot)
        raw_ms, rows = _raw_replay(store, statements, runs)
        views[name] = {
            "snapshot_ms": round(snapshot_ms, 3),
            "model_ms": round(model_ms, 3),
            "paint_ms": round(paint_ms, 3),
            "open_ms": round(snapshot_ms + model_ms + paint_ms, 3),
            "raw_sql_ms": round(raw_ms, 3),
            "ratio_app_raw": round(snapshot_ms / raw_ms, 2) if raw_ms > 0 else None,
            "statements": len(statements),
            "rows": rows,
            "table": {"rows": model.rowCount(), "columns": model.columnCount()},
        }
        view.hide()
        view.deleteLater()
    app.processEvents()
    return {
        "backend": store.backend,
        "location": store.location,
        "runs": runs,
        "viewport": list(VIEWPORT),
        "apprentice": {
            "id": subject.apprentice_id,
            "name": subject.name,
            "grids": subject.grids,
            "ratings": subject.ratings,
            "task_logs": subject.task_logs,
            "reader": subject.actor.login,
        },
        "views": views,
        "goals": {"open_ms": GOAL_OPEN_MS, "ratio_app_raw": GOAL_RATIO},
    }


def report_text(result: dict[str, Any]) -> str:
    """The figures as the command prints them (French)."""
    who = result["apprentice"]
    backend = "SQLite" if result["backend"] == "sqlite" else "PostgreSQL"
    lines = [
        f"Tableau de bord de l'apprenti — médianes sur {result['runs']} essais",
        f"Base : {backend} {result['location']}",
        f"Apprenti : {who['name']} (id {who['id']}, ouvert par {who['reader']}) : "
        f"{who['grids']} grilles, {who['ratings']} positionnements, {who['task_logs']} tâches",
        "",
        f"{'':<22}{'instantané':>11}{'modèle':>9}{'affichage':>11}{'total':>9}"
        f"{'SQL brut':>10}{'app/brut':>10}{'requêtes':>10}",
    ]
    titles = {"competences": "Vue par compétences", "activities": "Vue par activités"}
    for key, title in titles.items():
        v = result["views"][key]
        lines.append(
            f"{title:<22}{v['snapshot_ms']:>8.2f} ms{v['model_ms']:>6.2f} ms"
            f"{v['paint_ms']:>8.2f} ms{v['open_ms']:>6.1f} ms{v['raw_sql_ms']:>7.2f} ms"
            f"{v['ratio_app_raw']:>10.2f}{v['statements']:>10}"
        )
    goals = result["goals"]
    lines += [
        "",
        f"Objectifs : ouverture (instantané + modèle + affichage {result['viewport'][0]}×"
        f"{result['viewport'][1]}) < {goals['open_ms']:.0f} ms ; "
        f"rapport instantané / SQL brut < {goals['ratio_app_raw']:.0f}.",
    ]
    return "\n".join(lines)
