"""The centre's printing: what the booklet and reviews PDFs need, as snapshots, and the batch
that prints a whole class.

`booklet_document()` gathers everything the printed booklet shows (the booklet itself, the
competence record from the dashboard, the validated reviews with their comparison table, the
period reviews) in a bounded number of statements, after checking `PRINT_BOOKLET`; the PDF
code (`reports.booklet`) only lays it out.

`print_booklets()` prints a class (or a list of apprentices) into one PDF per apprentice or
one merged PDF. Rendering is CPU-bound Python, so the batch runs in `workers` processes
("spawn": safe beside Qt and on every platform), each opening its own `Store` from the URL;
one apprentice that fails is reported and the others are printed. `progress` is called after
each apprentice, `cancel` is polled: a cancelled batch stops starting new booklets.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import aliased

from cpro_desktop import models as m
from cpro_desktop.files import atomic_write, remove_stale_temp_dirs, write_failure
from cpro_desktop.models.audit import AuditAction
from cpro_desktop.models.enums import CompetenceLevel, Origin, RatingResult
from cpro_desktop.services import audit
from cpro_desktop.services.access import authorize, fresh_actor
from cpro_desktop.services.activities.printing import normalise_name
from cpro_desktop.services.booklet import (
    BookletSnapshot,
    booklet_snapshot,
    format_date,
    person_name,
)
from cpro_desktop.services.dashboard import RATING_KIND_LABELS, competence_snapshot
from cpro_desktop.services.names import NamedApprentice, close_names, match_apprentices
from cpro_desktop.services.permissions import Action, Actor, visible_apprentices_clause
from cpro_desktop.services.reviews import ComparisonTable, comparison_table
from cpro_desktop.store import CproError, NotFound, Store, ValidationError

#: Processes of a batch: the machines of the centre have two cores or more.
DEFAULT_WORKERS = 2
#: How often (seconds) a running batch checks `cancel`.
POLL_SECONDS = 0.05
#: The system temporary folders of merged batch prints (stale ones removed at the next batch).
BATCH_TEMP_PREFIX = "cpro-livrets-"


# --- What the PDFs need ----------------------------------------------------------------------


@dataclass(frozen=True)
class RecordMark:
    """One rating of a criterion, in the chronological history of the competence record."""

    day: date
    origin: Origin
    result: RatingResult
    #: Left of the dashboard's black line: taken into account by an earlier interim review.
    taken_into_account: bool


@dataclass(frozen=True)
class RecordCriterion:
    """A criterion and its ratings, oldest first."""

    code: str
    label: str
    marks: tuple[RecordMark, ...]

    @property
    def last(self) -> RecordMark | None:
        return self.marks[-1] if self.marks else None


@dataclass(frozen=True)
class RecordLevel:
    """The level of a competence in one validated interim review."""

    day: date
    origin: Origin
    level: CompetenceLevel


@dataclass(frozen=True)
class RecordCompetence:
    """A competence block of the record: its criteria and its interim review levels."""

    code: str
    label: str
    criteria: tuple[RecordCriterion, ...]
    levels: tuple[RecordLevel, ...]

    @property
    def title(self) -> str:
        return f"{self.code} - {self.label}"


@dataclass(frozen=True)
class RecordGrid:
    """A rating grid, as the record's list of grids shows it."""

    day: date
    origin: Origin
    kind_label: str
    title: str
    author: str


@dataclass(frozen=True)
class CompetenceRecord:
    """The apprentice's competence record ("livret de compétences"), compact for paper."""

    grids: tuple[RecordGrid, ...]
    competences: tuple[RecordCompetence, ...]
    latest_review_on: date | None


@dataclass(frozen=True)
class PeriodReviewLine:
    """The tutor's review of one period (bilan de la période)."""

    period_name: str
    start: date
    end: date
    reviewed_on: date | None
    author: str
    appreciation: str

    @property
    def period_label(self) -> str:
        return f"{self.period_name} [du {format_date(self.start)} au {format_date(self.end)}]"


@dataclass(frozen=True)
class BookletDocument:
    """Everything the printed booklet shows."""

    booklet: BookletSnapshot
    record: CompetenceRecord
    comparison: ComparisonTable
    period_reviews: tuple[PeriodReviewLine, ...]
    printed_on: date
    printed_by: str

    @property
    def apprentice_name(self) -> str:
        return self.booklet.apprentice_name

    @property
    def centre_name(self) -> str:
        return self.booklet.welcome.centre.name


@dataclass(frozen=True)
class ReviewsDocument:
    """The validated competence reviews of one apprentice and their comparison table."""

    apprentice_name: str
    class_name: str
    centre_name: str
    comparison: ComparisonTable
    printed_on: date


def booklet_document(store: Store, actor: Actor, apprentice_id: int) -> BookletDocument:
    """What the booklet PDF shows for one apprentice (PRINT_BOOKLET), read at once.

    Its last transaction writes the print into the audit trail: a booklet that cannot be
    read (refused, gone) leaves no row."""
    booklet = booklet_snapshot(store, actor, apprentice_id)
    record = competence_record(store, actor, apprentice_id)
    comparison = comparison_table(store, actor, apprentice_id)
    with store.write() as session:
        authorize(session, actor, Action.PRINT_BOOKLET, apprentice_id)
        period_reviews = _period_reviews(session, apprentice_id)
        audit.record_print(
            session,
            actor,
            AuditAction.PRINT_BOOKLET,
            apprentice_id,
            audit.apprentice_label(booklet.apprentice_name, booklet.class_name),
        )
    return BookletDocument(
        booklet=booklet,
        record=record,
        comparison=comparison,
        period_reviews=period_reviews,
        printed_on=date.today(),
        printed_by=actor.display_name,
    )


def reviews_document(store: Store, actor: Actor, apprentice_id: int) -> ReviewsDocument:
    """The validated reviews and their comparison table (READ_REVIEWS)."""
    comparison = comparison_table(store, actor, apprentice_id)
    with store.write() as session:
        row = session.execute(
            select(m.Apprentice.last_name, m.Apprentice.first_name, m.SchoolClass.name)
            .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
            .where(m.Apprentice.id == apprentice_id)
        ).one()
        centre = session.scalar(select(m.Centre.name).order_by(m.Centre.id).limit(1)) or ""
        name = person_name(row.last_name, row.first_name)
        audit.record_print(
            session,
            actor,
            AuditAction.PRINT_REVIEWS,
            apprentice_id,
            audit.apprentice_label(name, row.name),
            f"{len(comparison.reviews)} bilan(s) validé(s)",
        )
    # The class the latest validated review was made in: a later move changes nothing.
    class_name = comparison.reviews[-1].class_name if comparison.reviews else row.name or ""
    return ReviewsDocument(name, class_name, centre, comparison, date.today())


def competence_record(store: Store, actor: Actor, apprentice_id: int) -> CompetenceRecord:
    """The dashboard's "Vue par compétences" (READ_DASHBOARD), compact: per criterion its
    ratings in chronological order, per competence the levels of the interim reviews."""
    snapshot = competence_snapshot(store, actor, apprentice_id)
    grids = snapshot.grids
    competences = []
    for competence in snapshot.competences:
        criteria = tuple(
            RecordCriterion(
                criterion.code,
                criterion.label,
                tuple(
                    RecordMark(g.rated_on, g.origin, result, g.taken_into_account)
                    for g in grids
                    if (result := snapshot.ratings.get((g.id, criterion.id))) is not None
                ),
            )
            for criterion in competence.criteria
        )
        levels = tuple(
            RecordLevel(r.reviewed_on, r.origin, r.level(competence.id)) for r in snapshot.reviews
        )
        competences.append(RecordCompetence(competence.code, competence.label, criteria, levels))
    return CompetenceRecord(
        grids=tuple(
            RecordGrid(
                g.rated_on, g.origin, RATING_KIND_LABELS[g.rating_kind], g.title, g.author_name
            )
            for g in grids
        ),
        competences=tuple(competences),
        latest_review_on=snapshot.latest_validated_review_on,
    )


def _period_reviews(session, apprentice_id: int) -> tuple[PeriodReviewLine, ...]:
    author = aliased(m.Account)
    return tuple(
        PeriodReviewLine(
            r.name,
            r.start_date,
            r.end_date,
            r.reviewed_on,
            person_name(r.last_name, r.first_name),
            r.appreciation,
        )
        for r in session.execute(
            select(
                m.Period.name,
                m.Period.start_date,
                m.Period.end_date,
                m.PeriodReview.reviewed_on,
                m.PeriodReview.appreciation,
                author.last_name,
                author.first_name,
            )
            .join(m.Portfolio, m.Portfolio.id == m.PeriodReview.portfolio_id)
            .join(m.Period, m.Period.id == m.Portfolio.period_id)
            .outerjoin(author, author.id == m.PeriodReview.author_id)
            .where(m.Portfolio.apprentice_id == apprentice_id)
            .order_by(m.Period.start_date, m.Period.id)
        )
    )


# --- One document ----------------------------------------------------------------------------


def _write_atomically(path: Path, render: Callable[[Path], int]) -> int:
    """Render into a private (0600) neighbour file created exclusively, then move it in
    place: never a half-written PDF, never a planted link followed."""
    path = Path(path)
    try:
        with atomic_write(path, track=True) as partial:
            return render(partial)
    except OSError as exc:
        raise CproError(write_failure(path, exc)) from exc


def render_booklet_file(store: Store, actor: Actor, apprentice_id: int, path: Path) -> int:
    """Print one apprentice's booklet to `path`; returns the page count."""
    from cpro_desktop.reports.booklet import render_booklet

    document = booklet_document(store, actor, apprentice_id)
    return _write_atomically(path, lambda target: render_booklet(document, target))


def print_booklet(store: Store, actor: Actor, apprentice_id: int, path: str | Path) -> int:
    """Print one apprentice's booklet (PRINT_BOOKLET) to `path`; returns the page count."""
    return render_booklet_file(store, actor, apprentice_id, Path(path))


def print_reviews(store: Store, actor: Actor, apprentice_id: int, path: str | Path) -> int:
    """Print the apprentice's validated reviews and comparison table; returns the pages."""
    from cpro_desktop.reports.booklet import render_reviews

    document = reviews_document(store, actor, apprentice_id)
    return _write_atomically(Path(path), lambda target: render_reviews(document, target))


# --- Finding whom to print -------------------------------------------------------------------


@dataclass(frozen=True)
class PrintTarget:
    """An apprentice to print."""

    id: int
    name: str
    class_name: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.class_name})" if self.class_name else self.name


@dataclass(frozen=True)
class ClassTarget:
    """A class and those of its apprentices the user may print."""

    id: int
    name: str
    school_year: str
    apprentices: tuple[PrintTarget, ...]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.school_year})" if self.school_year else self.name


def _printable(store: Store, actor: Actor) -> list:
    with store.read() as session:
        current = fresh_actor(session, actor)
        return list(
            session.execute(
                select(
                    m.Apprentice.id,
                    m.Apprentice.last_name,
                    m.Apprentice.first_name,
                    m.SchoolClass.id.label("class_id"),
                    m.SchoolClass.name.label("class_name"),
                    m.SchoolYear.label.label("school_year"),
                    m.SchoolYear.start_date,
                )
                .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
                .outerjoin(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
                .where(visible_apprentices_clause(current, Action.PRINT_BOOKLET))
                .order_by(
                    m.SchoolYear.start_date.desc(),
                    m.SchoolClass.name,
                    m.Apprentice.last_name,
                    m.Apprentice.first_name,
                    m.Apprentice.id,
                )
            )
        )


def printable_classes(store: Store, actor: Actor) -> tuple[ClassTarget, ...]:
    """The classes with apprentices the user may print, each with those apprentices only
    (one query): newest school year first."""
    classes: dict[int, ClassTarget] = {}
    for r in _printable(store, actor):
        if r.class_id is None:
            continue
        target = PrintTarget(r.id, person_name(r.last_name, r.first_name), r.class_name)
        found = classes.get(r.class_id)
        classes[r.class_id] = ClassTarget(
            r.class_id,
            r.class_name,
            r.school_year or "",
            (*(found.apprentices if found else ()), target),
        )
    return tuple(classes.values())


def find_apprentice(store: Store, actor: Actor, wanted: str) -> PrintTarget:
    """The apprentice named `wanted` ("NOM Prénom", "Prénom NOM", or "NOM Prénom (CLASSE)")
    among those the user may print; case and accents ignored. `NotFound` lists close names."""
    candidates: list[NamedApprentice[PrintTarget]] = []
    for r in _printable(store, actor):
        target = PrintTarget(r.id, person_name(r.last_name, r.first_name), r.class_name or "")
        candidates.append(NamedApprentice(target, r.last_name, r.first_name, target.label))
    matches, close = match_apprentices(wanted, candidates)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFound(
            f"Plusieurs apprentis s'appellent « {wanted} » : précisez la classe, par exemple "
            f"« {matches[0].label} ». Candidats : {', '.join(t.label for t in matches)}."
        )
    hint = f" Noms proches : {', '.join(close)}." if close else ""
    raise NotFound(
        f"Apprenti introuvable parmi ceux que vous pouvez imprimer : « {wanted} ».{hint}"
    )


def find_class(store: Store, actor: Actor, wanted: str) -> ClassTarget:
    """The class named `wanted` ("1MELEC" or "1MELEC (2022-2023)") with the apprentices the
    user may print; a name used in several school years means the newest. `NotFound` lists
    close names."""
    classes = printable_classes(store, actor)
    key = normalise_name(wanted)
    for target in classes:  # newest school year first
        if key in (normalise_name(target.name), normalise_name(target.label)):
            return target
    names = {normalise_name(c.name): c.name for c in reversed(classes)}
    close = close_names(wanted, names)
    hint = f" Classes proches : {', '.join(close)}." if close else ""
    raise NotFound(
        f"Classe introuvable parmi celles que vous pouvez imprimer : « {wanted} ».{hint}"
    )


# --- The batch -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedBooklet:
    """A booklet written by a batch (`path` is None when it went into the merged file)."""

    apprentice: PrintTarget
    path: Path | None
    pages: int


@dataclass(frozen=True)
class FailedBooklet:
    """A booklet the batch could not print, and why (French)."""

    apprentice: PrintTarget
    message: str


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch stands, after one more apprentice."""

    done: int
    total: int
    apprentice: PrintTarget
    ok: bool


@dataclass(frozen=True)
class BatchSummary:
    """What a batch wrote, what failed, and what a cancel left out."""

    written: tuple[PrintedBooklet, ...]
    failed: tuple[FailedBooklet, ...]
    not_printed: tuple[PrintTarget, ...]
    merged_file: Path | None
    cancelled: bool
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    @property
    def pages(self) -> int:
        return sum(b.pages for b in self.written)

    def lines(self) -> list[str]:
        """The summary in French, one line per fact, as the CLI and the GUI show it."""
        count = len(self.written)
        out = [
            f"{count} livret{'s' if count > 1 else ''} imprimé{'s' if count > 1 else ''} "
            f"({self.pages} pages) en {self.seconds:.1f} s."
        ]
        if self.merged_file is not None:
            out.append(f"Fichier unique : {self.merged_file}")
        else:
            out += [f"  {b.path}" for b in self.written]
        if self.failed:
            out.append(f"Échec pour {len(self.failed)} apprenti(s) :")
            out += [f"  {f.apprentice.label} : {f.message}" for f in self.failed]
        if self.cancelled:
            out.append(f"Impression annulée : {len(self.not_printed)} livret(s) non imprimé(s).")
            if self.merged_file is None and not self.written:
                out.append("Aucun fichier écrit.")
        return out


def booklet_filename(target: PrintTarget) -> str:
    """ "Livret d'apprentissage - 1MELEC - AZZOUG Mina.pdf", safe on every file system."""
    parts = ["Livret d'apprentissage", target.class_name, target.name]
    name = " - ".join(p for p in parts if p)
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .")
    return f"{name[:150]}.pdf"


def _failure(exc: BaseException) -> str:
    if isinstance(exc, CproError):
        return str(exc)
    return f"erreur inattendue ({type(exc).__name__} : {exc})"


_worker_store: Store | None = None


def _init_worker(url: str) -> None:
    """Each batch process opens its own store (a connection cannot cross processes)."""
    global _worker_store
    _worker_store = Store.open(url, upgrade=False)


def _render_job(actor: Actor, apprentice_id: int, path: str) -> tuple[bool, int, str]:
    """Run in a batch process: (ok, pages, failure message)."""
    assert _worker_store is not None
    try:
        return True, render_booklet_file(_worker_store, actor, apprentice_id, Path(path)), ""
    except Exception as exc:
        return False, 0, _failure(exc)


def _shareable_url(store: Store) -> str | None:
    """The store's URL if another process can open it (not an in-memory SQLite)."""
    url = store.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


def _targets(
    store: Store,
    actor: Actor,
    class_name: str | None,
    school_class_id: int | None,
    apprentice_ids: Sequence[int] | None,
) -> list[PrintTarget]:
    given = sum(x is not None for x in (class_name, school_class_id, apprentice_ids))
    if given != 1:
        raise TypeError("give exactly one of class_name, school_class_id, apprentice_ids")
    if class_name is not None:
        return list(find_class(store, actor, class_name).apprentices)
    if school_class_id is not None:
        for target in printable_classes(store, actor):
            if target.id == school_class_id:
                return list(target.apprentices)
        raise NotFound("Vous ne pouvez imprimer aucun livret de cette classe.")
    known = {
        r.id: PrintTarget(r.id, person_name(r.last_name, r.first_name), r.class_name or "")
        for r in _printable(store, actor)
    }
    return [known.get(i) or PrintTarget(i, f"apprenti n° {i}", "") for i in apprentice_ids or ()]


def print_booklets(
    store: Store,
    actor: Actor,
    *,
    class_name: str | None = None,
    school_class_id: int | None = None,
    apprentice_ids: Sequence[int] | None = None,
    out_dir: str | Path | None = None,
    merged_file: str | Path | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int = DEFAULT_WORKERS,
) -> BatchSummary:
    """Print the booklets of a class (by name or id) or of a list of apprentices, into one
    PDF per apprentice in `out_dir` or into one `merged_file`. Continues past a failing
    apprentice; returns what was written, what failed and what a cancel left out."""
    if (out_dir is None) == (merged_file is None):
        raise TypeError("give exactly one of out_dir and merged_file")
    started = time.perf_counter()
    targets = _targets(store, actor, class_name, school_class_id, apprentice_ids)
    if not targets:
        raise NotFound("Aucun livret à imprimer : la classe n'a pas d'apprenti que vous suivez.")
    with contextlib.ExitStack() as stack:
        if merged_file is not None:
            remove_stale_temp_dirs(BATCH_TEMP_PREFIX)
            folder = Path(
                stack.enter_context(
                    tempfile.TemporaryDirectory(
                        prefix=BATCH_TEMP_PREFIX, ignore_cleanup_errors=True
                    )
                )
            )
        else:
            folder = Path(out_dir)  # type: ignore[arg-type]
            if not folder.is_dir():
                raise ValidationError("out_dir", f"Le dossier « {folder} » n'existe pas.")
        jobs = _jobs(targets, folder)
        results, not_printed, cancelled = _run(store, actor, jobs, progress, cancel, workers)
        written: list[PrintedBooklet] = []
        failed: list[FailedBooklet] = []
        for target, path in jobs:
            result = results.get(target.id)
            if result is None:
                continue
            ok, pages, message = result
            if ok:
                written.append(PrintedBooklet(target, path if merged_file is None else None, pages))
            else:
                failed.append(FailedBooklet(target, message))
        merged: Path | None = None
        if merged_file is not None and written and not cancelled:
            merged = Path(merged_file)
            paths = dict(jobs)
            _merge([(b.apprentice.label, paths[b.apprentice]) for b in written], merged)
        elif merged_file is not None:
            written = []
    return BatchSummary(
        tuple(written),
        tuple(failed),
        tuple(not_printed),
        merged,
        cancelled,
        time.perf_counter() - started,
    )


def _jobs(targets: list[PrintTarget], folder: Path) -> list[tuple[PrintTarget, Path]]:
    jobs: list[tuple[PrintTarget, Path]] = []
    used: set[str] = set()
    for target in dict.fromkeys(targets):
        name = booklet_filename(target)
        if name.casefold() in used:
            name = f"{name[:-4]} ({target.id}).pdf"
        used.add(name.casefold())
        jobs.append((target, folder / name))
    return jobs


Result = tuple[bool, int, str]


def _run(
    store: Store,
    actor: Actor,
    jobs: list[tuple[PrintTarget, Path]],
    progress: Callable[[BatchProgress], None] | None,
    cancel: Callable[[], bool] | None,
    workers: int,
) -> tuple[dict[int, Result], list[PrintTarget], bool]:
    """Render every job; (results by apprentice id, not printed, cancelled)."""
    results: dict[int, Result] = {}
    total = len(jobs)

    def record(target: PrintTarget, result: Result) -> None:
        results[target.id] = result
        if progress is not None:
            progress(BatchProgress(len(results), total, target, result[0]))

    url = _shareable_url(store)
    workers = max(1, min(workers, os.cpu_count() or 1, total))
    if workers == 1 or url is None:
        for index, (target, path) in enumerate(jobs):
            if cancel is not None and cancel():
                return results, [t for t, _ in jobs[index:]], True
            try:
                record(target, (True, render_booklet_file(store, actor, target.id, path), ""))
            except Exception as exc:
                record(target, (False, 0, _failure(exc)))
        return results, [], False
    cancelled = False
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(url,)
    ) as pool:
        futures: dict[Future[Result], PrintTarget] = {
            pool.submit(_render_job, actor, target.id, str(path)): target for target, path in jobs
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                if future.cancelled():
                    continue
                try:
                    record(futures[future], future.result())
                except Exception as exc:  # a batch process died
                    record(futures[future], (False, 0, _failure(exc)))
            if not cancelled and cancel is not None and cancel():
                cancelled = True
                for future in pending:
                    future.cancel()
    not_printed = [t for t, _ in jobs if t.id not in results]
    return results, not_printed, cancelled


def _merge(parts: list[tuple[str, Path]], target: Path) -> None:
    """One PDF of the booklets in order, with one bookmark per apprentice."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for label, path in parts:
        writer.append(str(path), outline_item=label)
    writer.add_metadata({"/Title": "Livrets d'apprentissage", "/Creator": "CPRO Desktop"})

    def render(partial: Path) -> int:
        with partial.open("wb") as handle:
            writer.write(handle)
        return len(writer.pages)

    _write_atomically(target, render)


__all__ = [
    "BatchProgress",
    "BatchSummary",
    "BookletDocument",
    "ClassTarget",
    "CompetenceRecord",
    "FailedBooklet",
    "PeriodReviewLine",
    "PrintTarget",
    "PrintedBooklet",
    "RecordCompetence",
    "RecordCriterion",
    "RecordGrid",
    "RecordLevel",
    "RecordMark",
    "ReviewsDocument",
    "booklet_document",
    "booklet_filename",
    "competence_record",
    "find_apprentice",
    "find_class",
    "print_booklet",
    "print_booklets",
    "print_reviews",
    "printable_classes",
    "render_booklet_file",
    "reviews_document",
]
