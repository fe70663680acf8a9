"""`cpro-desktop bench --db ADMIN_URL --as LOGIN`: what the server's wall costs a person.

On a per-user PostgreSQL store (prepared by `server init`), the screens' reads run on the
person's own connection, where row-level security filters every table. For the apprentice
with the most data that LOGIN may read, this measures the medians of the reads a person
makes most (the dashboard's two views, the booklet, the reviews, the module list's counters
and classes) on his own connection, against the very same calls on ADMIN_URL's connection (a
superuser: no row-level security, the floor), in the same run, and prints their ratios.
The password comes from CPRO_PASSWORD, else a prompt.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select, union_all

from cpro_desktop import models as m
from cpro_desktop.bench import _median_ms
from cpro_desktop.services.permissions import Action, Actor, visible_apprentices_clause
from cpro_desktop.store import CproError, Store


def _subject(store: Store, actor: Actor) -> tuple[int, str]:
    """The apprentice with the most ratings and weekly tasks among those `actor` reads."""
    with store.read() as session:
        visible = select(m.Apprentice.id).where(
            visible_apprentices_clause(actor, Action.READ_DASHBOARD)
        )
        per_rating = (
            select(m.RatingGrid.apprentice_id.label("a"))
            .join(m.Rating, m.Rating.rating_grid_id == m.RatingGrid.id)
            .where(m.RatingGrid.apprentice_id.in_(visible))
        )
        per_task = select(m.TaskLog.apprentice_id.label("a")).where(
            m.TaskLog.apprentice_id.in_(visible)
        )
        data = union_all(per_rating, per_task).subquery()
        best = session.execute(
            select(data.c.a, func.count()).group_by(data.c.a).order_by(func.count().desc()).limit(1)
        ).first()
        if best is None:
            raise CproError("Ce compte ne lit aucun apprenti qui ait des données à mesurer.")
        apprentice = session.get(m.Apprentice, best[0])
        assert apprentice is not None
        return apprentice.id, apprentice.display_name


def measure_server(admin_url: str, login: str, password: str, runs: int = 15) -> dict[str, Any]:
    """Medians (ms) of the person's reads on his own connection and on the floor's."""
    from cpro_desktop.services.activities.views import activity_classes, unread_total
    from cpro_desktop.services.auth import open_and_sign_in
    from cpro_desktop.services.booklet import booklet_snapshot
    from cpro_desktop.services.dashboard import activities_snapshot, competence_snapshot
    from cpro_desktop.services.reviews import list_reviews

    floor = Store.open(admin_url, upgrade=False)
    if not floor.per_user:
        floor.close()
        raise CproError(
            "Cette base n'a pas été préparée par « server init » : rien à mesurer (--as)."
        )
    server_url = floor.url._replace(username=None, password=None).render_as_string(False)
    own, actor = open_and_sign_in(server_url, login, password)
    try:
        apprentice_id, name = _subject(floor, actor)
        reads: dict[str, Callable[[Store], Any]] = {
            "competence_snapshot": lambda s: competence_snapshot(s, actor, apprentice_id),
            "activities_snapshot": lambda s: activities_snapshot(s, actor, apprentice_id),
            "booklet_snapshot": lambda s: booklet_snapshot(s, actor, apprentice_id),
            "list_reviews": lambda s: list_reviews(s, actor, apprentice_id),
            "activity_classes": lambda s: activity_classes(s, actor),
            "unread_total": lambda s: unread_total(s, actor),
        }
        results = {}
        for label, read in reads.items():
            if read(own) != read(floor):
                raise CproError(f"{label} : le serveur ne rend pas la même chose aux deux.")
            mine = _median_ms(lambda read=read: read(own), runs)
            bare = _median_ms(lambda read=read: read(floor), runs)
            results[label] = {"own_ms": mine, "floor_ms": bare, "ratio": mine / bare}
    finally:
        own.close()
        floor.close()
    ratios = [r["ratio"] for r in results.values()]
    return {
        "login": login,
        "apprentice": name,
        "runs": runs,
        "reads": results,
        "median_ratio": statistics.median(ratios),
    }


def report_text(result: dict[str, Any]) -> str:
    """The figures in French."""

    def ms(value: float) -> str:
        return f"{value:.1f} ms".replace(".", ",")

    lines = [
        f"Lectures de « {result['login']} » sur sa propre connexion (sécurité par ligne) "
        f"contre le plancher (superutilisateur, sans elle), apprenti : {result['apprentice']}, "
        f"médianes de {result['runs']} essais",
    ]
    for label, figures in result["reads"].items():
        lines.append(
            f"  {label:<22} {ms(figures['own_ms']):>10}  plancher {ms(figures['floor_ms']):>10}"
            f"  rapport {figures['ratio']:.2f}".replace(".", ",")
        )
    lines.append(f"Rapport médian : {result['median_ratio']:.2f}".replace(".", ","))
    return "\n".join(lines)


def run_server_bench(admin_url: str, login: str, password: str, runs: int, as_json: bool) -> str:
    result = measure_server(admin_url, login, password, runs)
    return json.dumps(result, ensure_ascii=False, indent=2) if as_json else report_text(result)
