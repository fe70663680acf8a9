"""The printing benchmark: one booklet of the apprentice with the most data in a centre of
`--scale` apprentices (1500 by default), and a batch of 30 booklets (a trainer's largest
class, topped up from his other classes) in `--workers` processes; beside each, in the same
run, its floor: bare ReportLab documents of the same number of pages of similar tables
(Paragraph cells in the same font, a repeated header row), rendered the same way (one
process for the booklet, the same process pool for the batch). Goals: within 2× of the
floor, one booklet under 1 s. Every figure is the median of several runs (`args.runs`,
else 5 for the booklet, after a warm-up, and 3 for the batch), the floor's as many.

`run_print_bench(args)` reads `args.db` (a store URL; without it a temporary SQLite store is
generated: the demo world and `generate_scale(store, args.scale)`), `args.scale`,
`args.workers` and `args.runs`, and returns the figures as a dict. Also runnable alone:

    cpro-desktop bench --print [--db URL] [--workers 2] [--json]
    python -m cpro_desktop.bench_print [--db URL] [--scale 1500] [--workers 2]
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store.errors import CproError

BATCH_SIZE = 30
ROWS_PER_FLOOR_PAGE = 26
#: Runs whose median is printed, without `args.runs`.
BOOKLET_RUNS = 5
BATCH_RUNS = 3


def bare_document(pages: int, target: Any) -> int:
    """The floor: `pages` A4 pages, each one table of Paragraph cells with a header row, in
    the documents' font; returns the page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from cpro_desktop.reports.base import MARGIN, frame_width, table

    doc = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    width = frame_width()
    story: list[Any] = []
    for page in range(pages):
        rows = [
            [
                f"C{row % 13 + 1}.{row % 3 + 1} L'installation est conforme au dossier",
                f"{row % 28 + 1:02d}/0{row % 9 + 1}/2023",
                "Réussite totale avec aide",
                f"DURAND Sophie — page {page + 1}",
            ]
            for row in range(ROWS_PER_FLOOR_PAGE)
        ]
        story.append(
            table(
                ["Critère", "Date", "Résultat", "Auteur"],
                rows,
                [0.42, 0.14, 0.22, 0.22],
                frame_width=width,
            )
        )
        if page < pages - 1:
            story.append(PageBreak())
    doc.build(story)
    return doc.page


def _floor_job(pages: int, path: str) -> int:
    return bare_document(pages, path)


def _richest_apprentice(store: Any) -> tuple[int, str]:
    """The apprentice with the most data: ratings, reviews, visits, period reviews…"""
    with store.read() as session:
        ratings = (
            select(m.RatingGrid.apprentice_id.label("a"), func.count(m.Rating.id).label("n"))
            .join(m.Rating, m.Rating.rating_grid_id == m.RatingGrid.id)
            .group_by(m.RatingGrid.apprentice_id)
            .subquery()
        )
        reviews = (
            select(m.CompetenceReview.apprentice_id.label("a"), func.count().label("n"))
            .group_by(m.CompetenceReview.apprentice_id)
            .subquery()
        )
        row = session.execute(
            select(m.Apprentice.id, m.Apprentice.last_name, m.Apprentice.first_name)
            .outerjoin(ratings, ratings.c.a == m.Apprentice.id)
            .outerjoin(reviews, reviews.c.a == m.Apprentice.id)
            .order_by(
                (func.coalesce(ratings.c.n, 0) + 20 * func.coalesce(reviews.c.n, 0)).desc(),
                m.Apprentice.id,
            )
            .limit(1)
        ).one_or_none()
    if row is None:
        raise CproError("La base ne contient aucun apprenti dont imprimer le livret.")
    return row.id, f"{row.last_name.upper()} {row.first_name}"


def _trainer_of(store: Any, apprentice_id: int) -> Actor:
    with store.read() as session:
        row = session.execute(
            select(m.Account.id, m.Account.role, m.Account.login, m.Account.last_name)
            .join(m.Apprentice, m.Apprentice.referent_trainer_id == m.Account.id)
            .where(m.Apprentice.id == apprentice_id)
        ).one_or_none()
    if row is None:
        raise CproError("L'apprenti le plus fourni n'a pas de formateur référent pour imprimer.")
    return Actor(row.id, row.role, row.login, row.last_name)


def _batch_targets(store: Any, actor: Actor) -> tuple[list[int], str]:
    """30 apprentices of the trainer: his largest class first, then his other classes."""
    from cpro_desktop.services.printing import printable_classes

    classes = sorted(printable_classes(store, actor), key=lambda c: -len(c.apprentices))
    ids: list[int] = []
    for target in classes:
        ids += [a.id for a in target.apprentices]
    used = [c.label for c in classes if any(a.id in ids[:BATCH_SIZE] for a in c.apprentices)]
    return ids[:BATCH_SIZE], " + ".join(used)


def _figures(seconds: float, pages: int) -> dict[str, float | int]:
    return {
        "seconds": round(seconds, 3),
        "pages": pages,
        "pages_per_second": round(pages / seconds, 1) if seconds else 0.0,
    }


def run_print_bench(args: argparse.Namespace) -> dict[str, Any]:
    """Run the printing benchmark; returns its figures (see the module docstring)."""
    from cpro_desktop.reports.base import styles
    from cpro_desktop.reports.booklet import render_booklet
    from cpro_desktop.services.printing import booklet_document, print_booklets
    from cpro_desktop.store import Store

    scale = getattr(args, "scale", None) or 1500
    workers = getattr(args, "workers", None) or 2
    runs = getattr(args, "runs", None)
    booklet_runs = max(1, runs or BOOKLET_RUNS)
    batch_runs = max(1, runs or BATCH_RUNS)
    with tempfile.TemporaryDirectory(prefix="cpro-bench-print-") as folder:
        url = getattr(args, "db", None)
        generated = None
        if not url:
            from cpro_desktop.demo.scale import generate_scale
            from cpro_desktop.demo.world import build_demo_world

            url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            started = time.perf_counter()
            with Store.open(url) as store:
                build_demo_world(store)
                generate_scale(store, scale)
            generated = round(time.perf_counter() - started, 1)
        with Store.open(url) as store:
            apprentice_id, name = _richest_apprentice(store)
            actor = _trainer_of(store, apprentice_id)
            styles()
            bare_document(1, io.BytesIO())  # fonts and caches warm for both sides
            render_booklet(booklet_document(store, actor, apprentice_id), io.BytesIO())

            reads, booklets, floors = [], [], []
            for _ in range(booklet_runs):
                started = time.perf_counter()
                document = booklet_document(store, actor, apprentice_id)
                reads.append(time.perf_counter() - started)
                pages = render_booklet(document, Path(folder) / "booklet.pdf")
                booklets.append(time.perf_counter() - started)
                started = time.perf_counter()
                floor_pages = bare_document(pages, str(Path(folder) / "floor.pdf"))
                floors.append(time.perf_counter() - started)
            read = statistics.median(reads)
            booklet_seconds = statistics.median(booklets)
            floor_seconds = statistics.median(floors)

            ids, classes = _batch_targets(store, actor)
            batches = []
            for run in range(batch_runs):
                out = Path(folder) / f"batch-{run}"
                out.mkdir()
                summary = print_booklets(
                    store, actor, apprentice_ids=ids, out_dir=out, workers=workers
                )
                batches.append(summary.seconds)
            page_counts = [b.pages for b in summary.written]
        context = multiprocessing.get_context("spawn")
        floor_batches = []
        for run in range(batch_runs):
            started = time.perf_counter()
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                floor_batch_pages = sum(
                    pool.map(
                        _floor_job,
                        page_counts,
                        [
                            str(Path(folder) / f"floor-{run}-{i}.pdf")
                            for i in range(len(page_counts))
                        ],
                    )
                )
            floor_batches.append(time.perf_counter() - started)
        batch_seconds = statistics.median(batches)
        floor_batch_seconds = statistics.median(floor_batches)
    booklet = _figures(booklet_seconds, pages)
    booklet["read_seconds"] = round(read, 3)
    batch = _figures(batch_seconds, summary.pages)
    batch |= {
        "booklets": len(summary.written),
        "failed": len(summary.failed),
        "workers": workers,
        "classes": classes,
    }
    booklet_ratio = round(booklet_seconds / floor_seconds, 2)
    batch_ratio = round(batch_seconds / floor_batch_seconds, 2)
    return {
        "runs": {"booklet": booklet_runs, "batch": batch_runs},
        "store": "generated" if generated is not None else "given",
        "scale": scale if generated is not None else None,
        "generated_seconds": generated,
        "booklet": {"apprentice": name, **booklet},
        "booklet_floor": _figures(floor_seconds, floor_pages),
        "booklet_ratio_to_floor": booklet_ratio,
        "batch": batch,
        "batch_floor": _figures(floor_batch_seconds, floor_batch_pages),
        "batch_ratio_to_floor": batch_ratio,
        "goals": {
            "booklet_under_1s": booklet_seconds < 1.0,
            "booklet_within_2x_floor": booklet_ratio <= 2.0,
            "batch_within_2x_floor": batch_ratio <= 2.0,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cpro_desktop.bench_print")
    parser.add_argument("--db", metavar="URL", help="a store to measure (else one is generated)")
    parser.add_argument("--scale", type=int, default=1500, help="apprentices to generate")
    parser.add_argument("--workers", type=int, default=2, help="processes of the batch")
    parser.add_argument("--runs", type=int, default=None, help="runs per median (5 and 3)")
    print(json.dumps(run_print_bench(parser.parse_args(argv)), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
