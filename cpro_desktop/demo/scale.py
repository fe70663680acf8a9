"""A whole training centre of N apprentices, generated fast, for performance work.

`generate_scale(store, 1500)` adds to a migrated store (empty, or holding the small demo
world) three-year cycles of a centre: school years, classes, trainers, companies, tutors and
apprentices, with everything they write and receive over their cycle: portfolios, logbooks,
one activity sheet per ISO week of each period, weekly task logs, rating grids in the centre
and in the company, period reviews, competence reviews, comments, read marks and booklets.

Speed comes before the unit of work here: primary keys are allocated in Python from each
table's current maximum, rows are buffered and inserted with Core `executemany`, parents
before children, all in one transaction; on PostgreSQL the sequences are then moved past the
new ids so that the application's own inserts go on working. The same seed on the same
store gives the same rows.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import string
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select, text, update

from cpro_desktop.models import (
    Account,
    ActivityArea,
    Apprentice,
    Autonomy,
    Base,
    BookletSectionKind,
    Centre,
    Company,
    Competence,
    CompetenceLevel,
    Criterion,
    Diploma,
    Framework,
    GridKind,
    Origin,
    RatingResult,
    ReviewStatus,
    Role,
    SchoolClass,
    SchoolYear,
    Task,
)
from cpro_desktop.models.portfolio import NEVER_CHANGED
from cpro_desktop.security import hash_password
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ValidationError

__all__ = ["ScaleReport", "generate_scale"]

#: Rows buffered (all tables together) before they are written.
FLUSH_EVERY = 50_000
#: Rows per `executemany` call.
CHUNK = 10_000
#: The school years of the generated cycles, oldest first; the last one is the current one.
SCHOOL_YEAR_STARTS = (2021, 2022, 2023, 2024)
#: Apprentices per class, as in a real centre.
CLASS_SIZE = 27

Row = dict[str, Any]


@dataclass(frozen=True)
class ScaleReport:
    """What `generate_scale` added: rows per table, and how long it took."""

    counts: Mapping[str, int] = field(hash=False)
    seconds: float

    @property
    def apprentices(self) -> int:
        return self.counts.get("apprentices", 0)

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """One line per table, then the total, as the command line prints it."""
        width = max((len(name) for name in self.counts), default=0)
        lines = [f"{name:<{width}}  {count:>9}" for name, count in sorted(self.counts.items())]
        lines.append(f"{self.total_rows} lignes en {self.seconds:.1f} s")
        return "\n".join(lines)


def generate_scale(
    store: Store,
    apprentices: int,
    *,
    seed: int = 1500,
    progress: Callable[[str], None] | None = None,
) -> ScaleReport:
    """Add a whole centre of `apprentices` apprentices to `store`, in one transaction.

    The store must be migrated; it may be empty or hold other data (the demo world, an
    earlier run), which is reused (diplomas with a framework, school years by label) and
    never changed. Every generated account signs in with the password "demo". `progress`
    receives a short French message at each stage. Raises `ValidationError` when fewer than
    one apprentice is asked for; on any error nothing is written.
    """
    if apprentices < 1:
        raise ValidationError(
            "apprentices", "Le nombre d'apprentis à générer doit être au moins 1."
        )
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    # One hash for every account: argon2 is slow on purpose, and outside the transaction.
    password_hash = hash_password("demo")
    with store.write() as session:
        writer = _Writer(session.connection())
        _Generator(writer, random.Random(seed), say, password_hash).run(apprentices)
        writer.flush()
        writer.reset_sequences()
    # Fresh statistics, so that the planner sees the generated centre at once (PostgreSQL's
    # autovacuum would only get there later; SQLite's planner has none to refresh here).
    if store.backend == "postgresql":
        with store.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
    seconds = time.perf_counter() - started
    say(f"Terminé : {sum(writer.counts.values())} lignes en {seconds:.1f} s")
    return ScaleReport(MappingProxyType(dict(sorted(writer.counts.items()))), seconds)


class _Writer:
    """Buffers rows per table and inserts them with `executemany`, parents first.

    Rows may be added in any order between two flushes: a flush walks the tables in the
    metadata's dependency order, so a row's parents are always written before it.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._tables: list[Table] = list(Base.metadata.sorted_tables)
        self._buffers: dict[str, list[Row]] = {table.name: [] for table in self._tables}
        self._pending = 0
        self._next_ids: dict[str, int] = {}
        self._checked: set[str] = set()
        self._validations: list[Row] = []
        self.counts: Counter[str] = Counter()

    def new_id(self, table: str) -> int:
        """The next primary key of `table` (its maximum when first asked, plus one)."""
        next_id = self._next_ids.get(table)
        if next_id is None:
            column = Base.metadata.tables[table].c.id
            next_id = (self.connection.scalar(select(func.max(column))) or 0) + 1
        self._next_ids[table] = next_id + 1
        return next_id

    def add(self, table: str, row: Row) -> None:
        self._buffers[table].append(row)
        self._pending += 1

    def defer_validation(self, review_id: int, validated_at: datetime, by: int) -> None:
        """Validate a review once its lines are written (at the end of the next flush)."""
        self._validations.append({"rid": review_id, "at": validated_at, "by": by})

    def maybe_flush(self) -> None:
        """Write the buffers if they hold enough rows (call it between two whole units)."""
        if self._pending >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        for table in self._tables:
            if table.name == "competence_reviews":
                self._write_reviews()
            else:
                self._write(table)
        if self._validations:
            self._validate(self._validations)
            self._validations = []
        self._pending = 0

    def _write(self, table: Table) -> None:
        rows = self._buffers[table.name]
        if not rows:
            return
        if table.name not in self._checked:
            self._check(table, rows[0])
        statement = insert(table)
        for start in range(0, len(rows), CHUNK):
            self.connection.execute(statement, rows[start : start + CHUNK])
        self.counts[table.name] += len(rows)
        self._buffers[table.name] = []

    def _write_reviews(self) -> None:
        """Reviews in rounds: the store holds one draft per apprentice, author and origin,
        and a review's lines go in while it is a draft. Each round writes at most one
        review per (apprentice, author, origin), its lines, then validates those due."""
        reviews = self._buffers["competence_reviews"]
        if not reviews:
            return
        tables = Base.metadata.tables
        self._write(tables["competences"])  # the lines' other parent
        lines: dict[int, list[Row]] = {}
        for line in self._buffers["competence_review_lines"]:
            lines.setdefault(line["competence_review_id"], []).append(line)
        due = {v["rid"]: v for v in self._validations}
        rounds: list[list[Row]] = []
        seen: Counter[tuple[Any, ...]] = Counter()
        for review in reviews:
            key = (review["apprentice_id"], review["author_id"], review["origin"])
            if seen[key] == len(rounds):
                rounds.append([])
            rounds[seen[key]].append(review)
            seen[key] += 1
        for batch in rounds:
            self._buffers["competence_reviews"] = batch
            self._write(tables["competence_reviews"])
            self._buffers["competence_review_lines"] = [
                line for review in batch for line in lines.pop(review["id"], [])
            ]
            self._write(tables["competence_review_lines"])
            self._validate([due.pop(r["id"]) for r in batch if r["id"] in due])
        self._buffers["competence_review_lines"] = [x for rows in lines.values() for x in rows]
        self._validations = list(due.values())

    def _validate(self, validations: list[dict[str, Any]]) -> None:
        if not validations:
            return
        reviews = Base.metadata.tables["competence_reviews"]
        self.connection.execute(
            update(reviews)
            .where(reviews.c.id == bindparam("rid"))
            .values(
                status=ReviewStatus.VALIDATED,
                validated_at=bindparam("at"),
                validated_by_id=bindparam("by"),
                version=2,
            ),
            validations,
        )

    def _check(self, table: Table, row: Row) -> None:
        # Every NOT NULL column is given explicitly, even those with a server default: the
        # server's CURRENT_TIMESTAMP is not UTC everywhere, and we want no surprises.
        missing = {c.name for c in table.columns if not c.nullable} - row.keys()
        if missing:
            raise ValueError(f"{table.name}: missing columns {sorted(missing)}")
        self._checked.add(table.name)

    def reset_sequences(self) -> None:
        """On PostgreSQL, move each touched table's id sequence past the ids we gave."""
        if self.connection.dialect.name != "postgresql":
            return
        quote = self.connection.dialect.identifier_preparer.quote
        for table in sorted(self._next_ids):
            self.connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                    f"(SELECT MAX(id) FROM {quote(table)}))"
                ),
                {"table": table},
            )


# --- What the generator knows of the store and of the centre it builds ---------------------


@dataclass(frozen=True)
class _TaskRef:
    id: int
    area_id: int
    label: str


@dataclass(frozen=True)
class _Framework:
    """A diploma's framework, reduced to the ids and labels the generator draws from."""

    diploma_id: int
    short: str
    is_bts: bool
    competences: tuple[int, ...]
    criteria: Mapping[int, tuple[int, ...]]
    tasks: tuple[_TaskRef, ...]

    @property
    def years(self) -> int:
        return 2 if self.is_bts else 3

    @cached_property
    def rated_competences(self) -> tuple[int, ...]:
        """The competences that have criteria to rate."""
        return tuple(c for c in self.competences if self.criteria.get(c))

    def class_name(self, training_year: int, section: str) -> str:
        if self.is_bts:
            return f"BTS{training_year}-{self.short}-{section}"
        return f"{'21T'[training_year - 1]}{self.short}-{section}"

    def level_label(self, training_year: int) -> str:
        if self.is_bts:
            return ("Première année de BTS", "Deuxième année de BTS")[training_year - 1]
        return ("Seconde Bac Pro", "Première Bac Pro", "Terminale Bac Pro")[training_year - 1]


@dataclass(frozen=True)
class _Year:
    id: int
    label: str
    start: date
    end: date


@dataclass(frozen=True)
class _Period:
    id: int
    name: str
    start: date
    end: date
    weeks: tuple[tuple[int, int], ...]


@dataclass
class _Class:
    id: int
    name: str
    training_year: int
    year: _Year
    trainers: tuple[int, ...]
    periods: list[_Period] = field(default_factory=list)
    centre_weeks: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Chain:
    """One cohort of a diploma: its classes, from its first training year to the current."""

    framework: _Framework
    classes: list[_Class]
    size: int

    @property
    def current(self) -> _Class:
        return self.classes[-1]


@dataclass(frozen=True)
class _Apprentice:
    id: int
    account_id: int
    booklet_id: int
    name: str
    chain: _Chain
    company_id: int
    tutor_id: int
    referent_id: int


def iso_weeks(start: date, end: date) -> tuple[tuple[int, int], ...]:
    """The (ISO year, ISO week) pairs that the days from `start` to `end` touch, in order."""
    weeks = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        iso = monday.isocalendar()
        weeks.append((iso.year, iso.week))
        monday += timedelta(weeks=1)
    return tuple(weeks)


def _at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def _weekday(day: date) -> date:
    """The day itself, or the Friday before it if it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _ascii(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def _sections() -> Iterator[str]:
    """Section letters of the classes: A … Z, then AA, AB …"""
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_uppercase, repeat=size):
            yield "".join(letters)


def _progress(framework: _Framework, training_year: int, fraction: float) -> float:
    """How far along the cycle an apprentice is, from 0 (entry) to 1 (exam)."""
    return min(1.0, (training_year - 1 + fraction) / framework.years)


def _result_weights(progress: float) -> tuple[float, ...]:
    # Same order as RatingResult: autonomous, assisted, partial, not assessable, absent.
    return (0.1 + 0.55 * progress, 0.3, 0.45 - 0.3 * progress, 0.07, 0.04)


def _level_weights(progress: float) -> tuple[float, ...]:
    # Same order as CompetenceLevel: ++, +, -, ---, NE.
    return (
        0.05 + 0.45 * progress,
        0.25 + 0.05 * progress,
        0.35 - 0.25 * progress,
        0.18 - 0.16 * progress,
        0.1,
    )


_RESULTS = tuple(RatingResult)
_LEVELS = tuple(CompetenceLevel)


class _Generator:
    """Builds the centre stage by stage into a `_Writer`, drawing from one `Random`."""

    def __init__(
        self,
        writer: _Writer,
        rng: random.Random,
        say: Callable[[str], None],
        password_hash: str,
    ) -> None:
        self.writer = writer
        self.connection = writer.connection
        self.rng = rng
        self.say = say
        self.password_hash = password_hash
        self.frameworks: list[_Framework] = []
        self.years: list[_Year] = []
        self.chains: list[_Chain] = []
        self.trainers: list[int] = []
        self.tutors: list[tuple[int, int]] = []  # (tutor account, company)
        self.names: dict[int, str] = {}  # account id -> "NOM Prénom"
        self.logins: set[str] = set(self.connection.scalars(select(Account.login)))
        self.birth = _at(date(2021, 8, 16))

    def run(self, apprentices: int) -> None:
        self._frameworks()
        self._centre()
        self._school_years()
        self._classes(apprentices)
        people = self._people()
        self.writer.flush()
        self.say(f"Apprentis : {len(people)}, entreprises : {self.writer.counts['companies']}")
        step = max(1, len(people) // 10)
        for done, apprentice in enumerate(people, start=1):
            self._history(apprentice)
            self.writer.maybe_flush()
            if done % step == 0 or done == len(people):
                self.say(f"Parcours : {done}/{len(people)} apprentis")

    # --- Frameworks, centre, school years ------------------------------------------------

    def _frameworks(self) -> None:
        connection = self.connection
        rows = connection.execute(
            select(Diploma.id, Diploma.code, Diploma.name)
            .join(Framework, Framework.diploma_id == Diploma.id)
            .order_by(Diploma.id)
        ).all()
        for diploma_id, code, name in rows:
            framework = self._load_framework(diploma_id, code, name)
            if framework.rated_competences and framework.tasks:
                self.frameworks.append(framework)
        if not self.frameworks:
            taken = set(connection.scalars(select(Diploma.code)))
            for spec in _OWN_FRAMEWORKS:
                self.frameworks.append(self._create_framework(spec, taken))
        self.say(f"Référentiels : {len(self.frameworks)} diplômes")

    def _load_framework(self, diploma_id: int, code: str, name: str) -> _Framework:
        connection = self.connection
        framework_id = select(Framework.id).where(Framework.diploma_id == diploma_id)
        competences = tuple(
            connection.scalars(
                select(Competence.id)
                .where(Competence.framework_id == framework_id.scalar_subquery())
                .order_by(Competence.position, Competence.id)
            )
        )
        criteria: dict[int, list[int]] = {}
        for criterion_id, competence_id in connection.execute(
            select(Criterion.id, Criterion.competence_id)
            .join(Competence, Competence.id == Criterion.competence_id)
            .where(Competence.framework_id == framework_id.scalar_subquery())
            .order_by(Criterion.position, Criterion.id)
        ):
            criteria.setdefault(competence_id, []).append(criterion_id)
        tasks = tuple(
            _TaskRef(task_id, area_id, label)
            for task_id, area_id, label in connection.execute(
                select(Task.id, Task.activity_area_id, Task.label)
                .join(ActivityArea, ActivityArea.id == Task.activity_area_id)
                .where(ActivityArea.framework_id == framework_id.scalar_subquery())
                .order_by(ActivityArea.position, Task.position, Task.id)
            )
        )
        is_bts = "BTS" in code.upper() or name.upper().startswith("BTS")
        return _Framework(
            diploma_id=diploma_id,
            short=_short_name(code, diploma_id),
            is_bts=is_bts,
            competences=competences,
            criteria={key: tuple(value) for key, value in criteria.items()},
            tasks=tasks,
        )

    def _create_framework(self, spec: _FrameworkSpec, taken: set[str]) -> _Framework:
        w = self.writer
        code = spec.code
        for suffix in itertools.count(2):
            if code not in taken:
                break
            code = f"{spec.code}-{suffix}"
        taken.add(code)
        stamp = self.birth
        diploma_id = w.new_id("diplomas")
        w.add(
            "diplomas",
            {
                "id": diploma_id,
                "code": code,
                "name": spec.name,
                "level": spec.level,
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
            },
        )
        framework_id = w.new_id("frameworks")
        w.add(
            "frameworks",
            {
                "id": framework_id,
                "diploma_id": diploma_id,
                "name": f"Référentiel {spec.name}",
                "id_number": None,
                "description": "Référentiel généré pour les essais de performance.",
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
            },
        )
        competences: list[int] = []
        criteria: dict[int, tuple[int, ...]] = {}
        for position, label in enumerate(spec.competences, start=1):
            competence_id = w.new_id("competences")
            competences.append(competence_id)
            w.add(
                "competences",
                {
                    "id": competence_id,
                    "framework_id": framework_id,
                    "code": f"C{position}",
                    "label": label,
                    "description": "",
                    "position": position,
                    "version": 1,
                },
            )
            ids = []
            for index, criterion in enumerate(_CRITERIA, start=1):
                criterion_id = w.new_id("criteria")
                ids.append(criterion_id)
                w.add(
                    "criteria",
                    {
                        "id": criterion_id,
                        "competence_id": competence_id,
                        "code": f"C{position}.{index}",
                        "label": criterion,
                        "description": "",
                        "position": index,
                        "version": 1,
                    },
                )
            criteria[competence_id] = tuple(ids)
        bounds = (0, 3, 7, 10, len(competences))
        for position, (unit_code, label) in enumerate(spec.units):
            unit_id = w.new_id("units")
            w.add(
                "units",
                {
                    "id": unit_id,
                    "framework_id": framework_id,
                    "code": unit_code,
                    "label": label,
                    "description": "",
                    "position": position,
                    "version": 1,
                },
            )
            for competence_id in competences[bounds[position] : bounds[position + 1]]:
                w.add("unit_competences", {"unit_id": unit_id, "competence_id": competence_id})
        tasks: list[_TaskRef] = []
        for area_position, (area_label, task_labels) in enumerate(spec.areas, start=1):
            area_id = w.new_id("activity_areas")
            w.add(
                "activity_areas",
                {
                    "id": area_id,
                    "framework_id": framework_id,
                    "code": f"A{area_position}",
                    "label": area_label,
                    "position": area_position,
                    "version": 1,
                },
            )
            for task_position, label in enumerate(task_labels, start=1):
                task_id = w.new_id("tasks")
                tasks.append(_TaskRef(task_id, area_id, label))
                w.add(
                    "tasks",
                    {
                        "id": task_id,
                        "activity_area_id": area_id,
                        "code": f"T{area_position}.{task_position}",
                        "label": label,
                        "position": task_position,
                        "version": 1,
                    },
                )
        return _Framework(
            diploma_id=diploma_id,
            short=_short_name(code, diploma_id),
            is_bts=spec.is_bts,
            competences=tuple(competences),
            criteria=criteria,
            tasks=tuple(tasks),
        )

    def _centre(self) -> None:
        if self.connection.scalar(select(Centre.id).limit(1)) is not None:
            return
        self.writer.add(
            "centres",
            {
                "id": self.writer.new_id("centres"),
                "name": "CFA des métiers de l'industrie (données d'essai)",
                "uai_code": None,
                "address": "2 avenue de l'Industrie",
                "postcode": "69007",
                "city": "Lyon",
                "phone": "04 72 00 00 00",
                "email": "contact@cfa-essai.example.fr",
                "logo": None,
                "created_at": self.birth,
                "updated_at": self.birth,
                "version": 1,
            },
        )

    def _school_years(self) -> None:
        existing = {
            label: _Year(year_id, label, start, end)
            for year_id, label, start, end in self.connection.execute(
                select(SchoolYear.id, SchoolYear.label, SchoolYear.start_date, SchoolYear.end_date)
            )
        }
        for first in SCHOOL_YEAR_STARTS:
            label = f"{first}-{first + 1}"
            year = existing.get(label)
            if year is None:
                year = _Year(
                    self.writer.new_id("school_years"),
                    label,
                    date(first, 9, 1),
                    date(first + 1, 8, 31),
                )
                self.writer.add(
                    "school_years",
                    {
                        "id": year.id,
                        "label": label,
                        "start_date": year.start,
                        "end_date": year.end,
                    },
                )
            self.years.append(year)

    # --- Classes, trainers, periods ------------------------------------------------------

    def _classes(self, apprentices: int) -> None:
        rng = self.rng
        slots = [(fw, year) for fw in self.frameworks for year in range(1, fw.years + 1)]
        base, extra = divmod(apprentices, len(slots))
        taken = {
            (name, year_id)
            for name, year_id in self.connection.execute(
                select(SchoolClass.name, SchoolClass.school_year_id)
            )
        }
        cohorts: list[tuple[_Framework, int, int]] = []  # (framework, training year, size)
        for index, (fw, training_year) in enumerate(slots):
            count = base + (1 if index < extra else 0)
            if count == 0:
                continue
            class_count = max(1, round(count / CLASS_SIZE))
            share, rest = divmod(count, class_count)
            cohorts.extend(
                (fw, training_year, share + (1 if k < rest else 0)) for k in range(class_count)
            )
        self.trainers = [
            self._account(Role.TRAINER, "formateur", company_id=None, job_title="Formateur")
            for _ in range(max(1, math.ceil(len(cohorts) / 2)))
        ]
        # Each slot names its classes from A, skipping the names already taken: a cohort
        # keeps its letter from year to year (2MELEC-A, then 1MELEC-A, then TMELEC-A).
        sections: dict[tuple[int, int], Iterator[str]] = {}
        for index, (fw, training_year, size) in enumerate(cohorts):
            years = self.years[len(self.years) - training_year :]
            while True:
                section = next(sections.setdefault((fw.diploma_id, training_year), _sections()))
                names = [fw.class_name(ty, section) for ty in range(1, training_year + 1)]
                if all((n, y.id) not in taken for n, y in zip(names, years, strict=True)):
                    break
            main = self.trainers[index // 2 % len(self.trainers)]
            others = [t for t in self.trainers if t != main]
            trainers = (main, rng.choice(others)) if others else (main,)
            classes = []
            for ty, (name, year) in enumerate(zip(names, years, strict=True), start=1):
                taken.add((name, year.id))
                classes.append(self._school_class(fw, ty, name, year, trainers))
            self.chains.append(_Chain(fw, classes, size))
        self.say(
            f"Classes : {sum(len(c.classes) for c in self.chains)} "
            f"(dont {len(self.chains)} cette année), formateurs : {len(self.trainers)}"
        )

    def _school_class(
        self,
        fw: _Framework,
        training_year: int,
        name: str,
        year: _Year,
        trainers: tuple[int, ...],
    ) -> _Class:
        w = self.writer
        stamp = _at(year.start - timedelta(days=15))
        school_class = _Class(w.new_id("school_classes"), name, training_year, year, trainers)
        w.add(
            "school_classes",
            {
                "id": school_class.id,
                "name": name,
                "level_label": fw.level_label(training_year),
                "training_year": training_year,
                "diploma_id": fw.diploma_id,
                "school_year_id": year.id,
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
            },
        )
        for trainer_id in trainers:
            w.add("class_trainers", {"school_class_id": school_class.id, "trainer_id": trainer_id})
        self._periods(fw, school_class)
        return school_class

    def _periods(self, fw: _Framework, school_class: _Class) -> None:
        rng = self.rng
        w = self.writer
        year = school_class.year
        first_monday = year.start + timedelta(days=(7 - year.start.weekday()) % 7)
        anchors = (5, 14, 24, 33) if rng.random() < 0.5 else (6, 19, 31)
        company_weeks: set[tuple[int, int]] = set()
        prefix = "PFE" if fw.is_bts else "PFMP"
        for number, anchor in enumerate(anchors, start=1):
            monday = first_monday + timedelta(weeks=anchor + rng.randint(-1, 1))
            start = monday + timedelta(days=2) if rng.random() < 0.15 else monday
            length = rng.randint(2, 4)
            end = monday + timedelta(weeks=length, days=-3 if rng.random() < 0.7 else -1)
            if end > year.end:
                break
            weeks = iso_weeks(start, end)
            company_weeks.update(weeks)
            period = _Period(
                w.new_id("periods"), f"{prefix}{number} - {school_class.name}", start, end, weeks
            )
            school_class.periods.append(period)
            stamp = _at(first_monday - timedelta(days=3), 10)
            w.add(
                "periods",
                {
                    "id": period.id,
                    "school_class_id": school_class.id,
                    "name": period.name,
                    "start_date": start,
                    "end_date": end,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                },
            )
            planned = rng.sample(fw.tasks, min(len(fw.tasks), rng.randint(3, 5)))
            plan_id = w.new_id("period_plans")
            w.add(
                "period_plans",
                {
                    "id": plan_id,
                    "period_id": period.id,
                    "objectives": rng.choice(_OBJECTIVES),
                    "planned_activities": "\n".join(f"- {task.label}" for task in planned),
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                },
            )
            for task in planned:
                w.add("period_plan_tasks", {"period_plan_id": plan_id, "task_id": task.id})
        # Centre weeks: the school weeks (September to June) outside the company periods
        # and the Christmas holidays.
        for offset in range(42):
            iso = (first_monday + timedelta(weeks=offset)).isocalendar()
            week = (iso.year, iso.week)
            if week not in company_weeks and iso.week not in (52, 53, 1):
                school_class.centre_weeks.append(week)

    # --- People: companies, tutors, apprentices ------------------------------------------

    def _account(
        self,
        role: Role,
        prefix: str,
        *,
        company_id: int | None,
        job_title: str = "",
        names: tuple[str, str] | None = None,
        domain: str = "cfa-essai.example.fr",
    ) -> int:
        rng = self.rng
        account_id = self.writer.new_id("accounts")
        last, first = names or (rng.choice(_LAST_NAMES), rng.choice(_ADULT_FIRST_NAMES))
        login = f"{prefix}.s{account_id}"
        while login in self.logins:
            login += "x"
        self.logins.add(login)
        self.names[account_id] = f"{last.upper()} {first}"
        self.writer.add(
            "accounts",
            {
                "id": account_id,
                "login": login,
                "password_hash": self.password_hash,
                "role": role,
                "last_name": last,
                "first_name": first,
                "email": f"{_ascii(first)}.{_ascii(last)}.{account_id}@{domain}",
                "phone": _phone(rng, mobile=role is not Role.TRAINER),
                "company_id": company_id,
                "job_title": job_title,
                "is_active": True,
                "last_login_at": None,
                "created_at": self.birth,
                "updated_at": self.birth,
                "version": 1,
            },
        )
        return account_id

    def _people(self) -> list[_Apprentice]:
        rng = self.rng
        connection = self.connection
        national_ids = set(
            connection.scalars(
                select(Apprentice.national_id).where(Apprentice.national_id.is_not(None))
            )
        )
        sirets = set(connection.scalars(select(Company.siret).where(Company.siret.is_not(None))))
        slots = [(chain, k) for chain in self.chains for k in range(chain.size)]
        # Tutors are handed out in a shuffled order, so that classmates work in different
        # companies and a tutor's apprentices may be in different classes.
        order = list(range(len(slots)))
        rng.shuffle(order)
        placement: dict[int, tuple[int, int]] = {}
        company_id, domain, tutor_id = 0, "", 0
        company_tutors = tutor_places = 0  # what the current company and tutor still take
        for slot in order:
            if tutor_places == 0:
                if company_tutors == 0:
                    company_id, domain = self._company(sirets)
                    company_tutors = rng.randint(1, 3)
                tutor_id = self._account(
                    Role.TUTOR,
                    "tuteur",
                    company_id=company_id,
                    job_title=rng.choice(_JOB_TITLES),
                    domain=domain,
                )
                self.tutors.append((tutor_id, company_id))
                company_tutors -= 1
                tutor_places = rng.randint(1, 3)
            placement[slot] = (tutor_id, company_id)
            tutor_places -= 1
        people = [
            self._apprentice(chain, *placement[index], national_ids)
            for index, (chain, _k) in enumerate(slots)
        ]
        return people

    def _company(self, sirets: set[str]) -> tuple[int, str]:
        rng = self.rng
        company_id = self.writer.new_id("companies")
        city, postcode, latitude, longitude = rng.choice(_CITIES)
        name = rng.choice(_COMPANY_PATTERNS).format(
            last=rng.choice(_LAST_NAMES), city=city, word=rng.choice(_COMPANY_WORDS)
        )
        siret = str(rng.randrange(10**13, 10**14))
        while siret in sirets:
            siret = str(rng.randrange(10**13, 10**14))
        sirets.add(siret)
        domain = f"{_ascii(name)[:30].strip('-')}.example.fr"
        self.writer.add(
            "companies",
            {
                "id": company_id,
                "name": name,
                "siret": siret,
                "address": f"{rng.randint(1, 180)} {rng.choice(_STREETS)}",
                "postcode": postcode,
                "city": city,
                "phone": _phone(rng, mobile=False),
                "email": f"contact@{domain}",
                "latitude": round(latitude + rng.uniform(-0.06, 0.06), 6),
                "longitude": round(longitude + rng.uniform(-0.08, 0.08), 6),
                "created_at": self.birth,
                "updated_at": self.birth,
                "version": 1,
            },
        )
        return company_id, domain

    def _apprentice(
        self, chain: _Chain, tutor_id: int, company_id: int, national_ids: set[str]
    ) -> _Apprentice:
        rng = self.rng
        w = self.writer
        fw = chain.framework
        current = chain.current
        last, first = rng.choice(_LAST_NAMES), rng.choice(_FIRST_NAMES)
        account_id = self._account(
            Role.APPRENTICE,
            "apprenti",
            company_id=None,
            names=(last, first),
            domain="apprentis.cfa-essai.example.fr",
        )
        apprentice_id = w.new_id("apprentices")
        national_id = _national_id(rng)
        while national_id in national_ids:
            national_id = _national_id(rng)
        national_ids.add(national_id)
        age = (17 if fw.is_bts else 14) + current.training_year + (rng.random() < 0.3)
        birth = date(current.year.start.year - age, 1, 1) + timedelta(days=rng.randint(0, 364))
        referent_id = current.trainers[0] if rng.random() < 0.7 else current.trainers[-1]
        created = _at(chain.classes[0].year.start - timedelta(days=rng.randint(5, 40)), 9)
        w.add(
            "apprentices",
            {
                "id": apprentice_id,
                "account_id": account_id,
                "national_id": national_id,
                "last_name": last,
                "first_name": first,
                "birth_date": birth,
                "email": f"{_ascii(first)}.{_ascii(last)}.{apprentice_id}@mail.example.fr",
                "phone": _phone(rng, mobile=True),
                "address": f"{rng.randint(1, 120)} {rng.choice(_STREETS)}, "
                f"{' '.join(reversed(rng.choice(_CITIES)[:2]))}",
                "school_class_id": current.id,
                "company_id": company_id,
                "tutor_id": tutor_id,
                "referent_trainer_id": referent_id,
                "created_at": created,
                "updated_at": created,
                "version": 1,
            },
        )
        minor = (current.year.start - birth).days < 18 * 365.25
        if minor and rng.random() < 0.5:
            guardian_id = self._account(
                Role.GUARDIAN,
                "parent",
                company_id=None,
                names=(last, rng.choice(_ADULT_FIRST_NAMES)),
                domain="mail.example.fr",
            )
            w.add(
                "apprentice_guardians", {"apprentice_id": apprentice_id, "guardian_id": guardian_id}
            )
        booklet_id = w.new_id("booklets")
        w.add(
            "booklets",
            {
                "id": booklet_id,
                "apprentice_id": apprentice_id,
                "created_at": created,
                "updated_at": created,
            },
        )
        sections = [BookletSectionKind.ENTRY_POSITIONING, BookletSectionKind.TEAM_OPINION]
        if current.training_year == fw.years and rng.random() < 0.5:
            sections.append(BookletSectionKind.ORIENTATION_PROJECT)
        for kind in sections:
            written = created + timedelta(days=rng.randint(20, 60))
            w.add(
                "booklet_sections",
                {
                    "id": w.new_id("booklet_sections"),
                    "booklet_id": booklet_id,
                    "kind": kind,
                    "body": rng.choice(_BOOKLET_TEXTS[kind]),
                    "updated_by_id": referent_id,
                    "created_at": written,
                    "updated_at": written,
                    "version": 1,
                },
            )
        return _Apprentice(
            id=apprentice_id,
            account_id=account_id,
            booklet_id=booklet_id,
            name=f"{last.upper()} {first}",
            chain=chain,
            company_id=company_id,
            tutor_id=tutor_id,
            referent_id=referent_id,
        )

    # --- One apprentice's cycle ----------------------------------------------------------

    def _history(self, apprentice: _Apprentice) -> None:
        fw = apprentice.chain.framework
        for school_class in apprentice.chain.classes:
            current = school_class is apprentice.chain.current
            periods = school_class.periods
            for index, period in enumerate(periods):
                progress = _progress(fw, school_class.training_year, (index + 0.5) / len(periods))
                self._portfolio(apprentice, period, progress, current=current)
            self._centre_year(apprentice, school_class)
            self._reviews(apprentice, school_class, current=current)
            self._booklet_year(apprentice, school_class)

    def _portfolio(
        self, apprentice: _Apprentice, period: _Period, progress: float, *, current: bool
    ) -> None:
        rng = self.rng
        w = self.writer
        tutor_id, company_id = apprentice.tutor_id, apprentice.company_id
        if not current and rng.random() < 0.2:
            tutor_id, company_id = rng.choice(self.tutors)
        opened = _at(period.start - timedelta(days=rng.randint(3, 10)), 7, rng.randint(0, 59))
        portfolio_id = w.new_id("portfolios")
        w.add(
            "portfolios",
            {
                "id": portfolio_id,
                "apprentice_id": apprentice.id,
                "period_id": period.id,
                "company_id": company_id,
                "tutor_id": tutor_id,
                "created_at": opened,
                "updated_at": opened,
            },
        )
        written = rng.random() < 0.85
        logbook_changed = opened + timedelta(days=rng.randint(3, 12), hours=rng.randint(1, 9))
        w.add(
            "logbooks",
            {
                "id": w.new_id("logbooks"),
                "portfolio_id": portfolio_id,
                "place_of_work": rng.choice(_PLACES) if written else "",
                "contacts": f"{self.names[tutor_id]} (maître d'apprentissage)" if written else "",
                "presentation": rng.choice(_PRESENTATIONS) if written else "",
                "updated_by_id": apprentice.account_id if written else None,
                "created_at": opened,
                "updated_at": logbook_changed if written else opened,
                "version": 1,
            },
        )
        selected: list[int] = []
        for iso_year, iso_week in period.weeks:
            self._sheet(
                apprentice, portfolio_id, tutor_id, iso_year, iso_week, opened, progress, selected
            )
        if rng.random() < 0.8:
            reviewed_on = _weekday(period.end)
            grid_id = self._grid(
                apprentice,
                Origin.COMPANY,
                GridKind.FORMATIVE,
                reviewed_on,
                f"Bilan de la période {period.name}",
                tutor_id,
                progress,
                preferred=selected,
            )
            stamp = _at(reviewed_on, 17, rng.randint(0, 59))
            w.add(
                "period_reviews",
                {
                    "id": w.new_id("period_reviews"),
                    "portfolio_id": portfolio_id,
                    "appreciation": rng.choice(_APPRECIATIONS),
                    "reviewed_on": reviewed_on,
                    "author_id": tutor_id,
                    "rating_grid_id": grid_id,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                },
            )

    def _sheet(
        self,
        apprentice: _Apprentice,
        portfolio_id: int,
        tutor_id: int,
        iso_year: int,
        iso_week: int,
        opened: datetime,
        progress: float,
        selected: list[int],
    ) -> None:
        rng = self.rng
        w = self.writer
        fw = apprentice.chain.framework
        sheet_id = w.new_id("activity_sheets")
        monday = date.fromisocalendar(iso_year, iso_week, 1)
        filled = rng.random() < 0.85
        task = rng.choice(fw.tasks)
        if filled:
            changed = _at(monday + timedelta(days=rng.randint(3, 6)), rng.randint(8, 21))
            changed += timedelta(minutes=rng.randint(0, 59))
            title = (task.label + rng.choice(_TITLE_PLACES))[:300]
            context = rng.choice(_CONTEXTS)
            description = _paragraph(rng, _DESCRIPTION_STARTS, _STEPS, task.label, 2, 4)
            analysis = " ".join(rng.sample(_ANALYSES, rng.randint(1, 3)))
            autonomous = rng.random() < 0.2 + 0.6 * progress
            autonomy: Autonomy | None = Autonomy.AUTONOMOUS if autonomous else Autonomy.ACCOMPANIED
        else:
            changed = opened
            title = context = description = analysis = ""
            autonomy = None
        w.add(
            "activity_sheets",
            {
                "id": sheet_id,
                "portfolio_id": portfolio_id,
                "iso_year": iso_year,
                "iso_week": iso_week,
                "title": title,
                "autonomy": autonomy,
                "activity_area_id": task.area_id if filled else None,
                "context": context,
                "description": description,
                "reflective_analysis": analysis,
                "retired": False,
                # A sheet nobody wrote is never shown unread.
                "apprentice_changed_at": changed if filled else NEVER_CHANGED,
                "created_at": opened,
                "updated_at": changed,
                "version": 1,
            },
        )
        # Tasks ticked on the sheet, and the weekly task log of the company week.
        tasks = {task.id}
        if filled:
            tasks.update(t.id for t in rng.sample(fw.tasks, min(len(fw.tasks), rng.randint(0, 2))))
            for task_id in sorted(tasks):
                w.add("sheet_tasks", {"activity_sheet_id": sheet_id, "task_id": task_id})
        if filled or rng.random() < 0.4:
            recorder = tutor_id if rng.random() < 0.25 else apprentice.account_id
            for task_id in sorted(tasks):
                self._task_log(apprentice, task_id, iso_year, iso_week, Origin.COMPANY, recorder)
        if not filled:
            return
        # Competences (and some criteria) the tutor links to the activity.
        if rng.random() < 0.6:
            rated = fw.rated_competences
            for competence_id in rng.sample(rated, min(len(rated), rng.randint(1, 3))):
                w.add(
                    "sheet_competences",
                    {"activity_sheet_id": sheet_id, "competence_id": competence_id},
                )
                if rng.random() < 0.5:
                    criteria = fw.criteria[competence_id]
                    for criterion_id in rng.sample(criteria, min(len(criteria), rng.randint(1, 2))):
                        w.add(
                            "sheet_criteria",
                            {"activity_sheet_id": sheet_id, "criterion_id": criterion_id},
                        )
                        selected.append(criterion_id)
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 2)):
                author = tutor_id if rng.random() < 0.6 else apprentice.referent_id
                said = changed + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
                w.add(
                    "comments",
                    {
                        "id": w.new_id("comments"),
                        "activity_sheet_id": sheet_id,
                        "author_id": author,
                        "body": rng.choice(_COMMENTS),
                        "created_at": said,
                        "updated_at": said,
                        "version": 1,
                    },
                )
        for reader, chance in ((tutor_id, 0.65), (apprentice.referent_id, 0.5)):
            if rng.random() < chance:
                if rng.random() < 0.85:
                    read_at = changed + timedelta(days=rng.randint(0, 8), hours=rng.randint(1, 9))
                else:  # read an earlier version: the sheet shows as changed for this reader
                    read_at = changed - timedelta(hours=rng.randint(2, 20))
                self._read_mark(reader, read_at, sheet_id=sheet_id)

    def _task_log(
        self,
        apprentice: _Apprentice,
        task_id: int,
        iso_year: int,
        iso_week: int,
        origin: Origin,
        recorder: int,
    ) -> None:
        self.writer.add(
            "task_logs",
            {
                "id": self.writer.new_id("task_logs"),
                "apprentice_id": apprentice.id,
                "task_id": task_id,
                "iso_year": iso_year,
                "iso_week": iso_week,
                "origin": origin,
                "recorded_by_id": recorder,
            },
        )

    def _read_mark(
        self,
        reader: int,
        read_at: datetime,
        *,
        sheet_id: int | None = None,
        review_id: int | None = None,
    ) -> None:
        self.writer.add(
            "read_marks",
            {
                "id": self.writer.new_id("read_marks"),
                "reader_id": reader,
                "activity_sheet_id": sheet_id,
                "competence_review_id": review_id,
                "read_at": read_at,
            },
        )

    def _grid(
        self,
        apprentice: _Apprentice,
        origin: Origin,
        kind: GridKind,
        rated_on: date,
        title: str,
        author_id: int,
        progress: float,
        *,
        preferred: Sequence[int] = (),
    ) -> int:
        """A rating grid of 4 to 12 criteria: `preferred` first, then whole competences."""
        rng = self.rng
        w = self.writer
        fw = apprentice.chain.framework
        grid_id = w.new_id("rating_grids")
        stamp = _at(rated_on, rng.randint(9, 17), rng.randint(0, 59))
        w.add(
            "rating_grids",
            {
                "id": grid_id,
                "apprentice_id": apprentice.id,
                "origin": origin,
                "kind": kind,
                "rated_on": rated_on,
                "title": title,
                "author_id": author_id,
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
            },
        )
        wanted = rng.randint(4, 12)
        criteria = list(dict.fromkeys(preferred))[:12]
        if len(criteria) < wanted:
            chosen = set(criteria)
            rated = fw.rated_competences
            for competence_id in rng.sample(rated, len(rated)):
                for criterion_id in fw.criteria[competence_id]:
                    if criterion_id not in chosen:
                        chosen.add(criterion_id)
                        criteria.append(criterion_id)
                if len(criteria) >= wanted:
                    break
            criteria = criteria[:wanted]
        results = rng.choices(_RESULTS, weights=_result_weights(progress), k=len(criteria))
        for criterion_id, result in zip(criteria, results, strict=True):
            w.add(
                "ratings",
                {
                    "id": w.new_id("ratings"),
                    "rating_grid_id": grid_id,
                    "criterion_id": criterion_id,
                    "result": result,
                    "remark": rng.choice(_REMARKS) if rng.random() < 0.05 else "",
                    "version": 1,
                },
            )
        return grid_id

    def _centre_year(self, apprentice: _Apprentice, school_class: _Class) -> None:
        """Centre weeks: tasks practised in the workshop and the centre's rating grids."""
        rng = self.rng
        fw = apprentice.chain.framework
        weeks = school_class.centre_weeks
        for iso_year, iso_week in weeks:
            if rng.random() < 0.4:
                for task in rng.sample(fw.tasks, min(len(fw.tasks), rng.randint(1, 3))):
                    self._task_log(
                        apprentice,
                        task.id,
                        iso_year,
                        iso_week,
                        Origin.CENTRE,
                        apprentice.referent_id,
                    )
        final = school_class.training_year == fw.years
        for index in range(rng.randrange(5), len(weeks), 5):
            iso_year, iso_week = weeks[index]
            rated_on = date.fromisocalendar(iso_year, iso_week, rng.randint(1, 5))
            certifying = rng.random() < (0.35 if final else 0.1)
            kind = GridKind.CERTIFYING if certifying else GridKind.FORMATIVE
            label = "certificative" if certifying else "formative"
            self._grid(
                apprentice,
                Origin.CENTRE,
                kind,
                rated_on,
                f"Évaluation {label} – semaine {iso_week}",
                rng.choice(school_class.trainers),
                _progress(fw, school_class.training_year, index / len(weeks)),
            )

    def _reviews(self, apprentice: _Apprentice, school_class: _Class, *, current: bool) -> None:
        """Two validated centre reviews a year; a company review now and then."""
        rng = self.rng
        fw = apprentice.chain.framework
        start = school_class.year.start
        for days, fraction in ((140, 0.45), (280, 0.95)):
            reviewed_on = _weekday(start + timedelta(days=days + rng.randint(-5, 5)))
            self._review(
                apprentice,
                Origin.CENTRE,
                apprentice.referent_id,
                reviewed_on,
                _progress(fw, school_class.training_year, fraction),
                validated=True,
                marked=rng.random() < 0.6,
            )
        if school_class.periods and rng.random() < 0.5:
            last = school_class.periods[-1]
            self._review(
                apprentice,
                Origin.COMPANY,
                apprentice.tutor_id,
                _weekday(last.end + timedelta(days=3)),
                _progress(fw, school_class.training_year, 0.9),
                validated=not (current and rng.random() < 0.3),
                marked=False,
            )

    def _review(
        self,
        apprentice: _Apprentice,
        origin: Origin,
        author_id: int,
        reviewed_on: date,
        progress: float,
        *,
        validated: bool,
        marked: bool,
    ) -> None:
        rng = self.rng
        w = self.writer
        review_id = w.new_id("competence_reviews")
        written = _at(reviewed_on, rng.randint(9, 16), rng.randint(0, 59))
        validated_at = written + timedelta(days=rng.randint(0, 3), hours=1) if validated else None
        mark = None
        if marked:
            halves = round(2 * min(20.0, max(0.0, rng.gauss(8 + 8 * progress, 2.5))))
            mark = Decimal(halves * 5).scaleb(-1)
        w.add(
            "competence_reviews",
            {
                "id": review_id,
                "apprentice_id": apprentice.id,
                "origin": origin,
                "author_id": author_id,
                "reviewed_on": reviewed_on,
                "findings": rng.choice(_FINDINGS),
                "advice": rng.choice(_ADVICE),
                "proposed_mark": mark,
                # Written as a draft: the store refuses lines added to a validated review,
                # so validation comes after the lines (`defer_validation`).
                "status": ReviewStatus.DRAFT,
                "validated_at": None,
                "validated_by_id": None,
                "created_at": written,
                "updated_at": validated_at or written,
                "version": 1,
            },
        )
        if validated_at is not None:
            w.defer_validation(review_id, validated_at, author_id)
        competences = apprentice.chain.framework.competences
        levels = rng.choices(_LEVELS, weights=_level_weights(progress), k=len(competences))
        for competence_id, level in zip(competences, levels, strict=True):
            w.add(
                "competence_review_lines",
                {
                    "id": w.new_id("competence_review_lines"),
                    "competence_review_id": review_id,
                    "competence_id": competence_id,
                    "level": level,
                },
            )
        if validated_at is not None and rng.random() < 0.6:
            self._read_mark(
                apprentice.account_id,
                validated_at + timedelta(days=rng.randint(0, 10), hours=2),
                review_id=review_id,
            )

    def _booklet_year(self, apprentice: _Apprentice, school_class: _Class) -> None:
        """The year's traces in the booklet: a company visit, an interview, two syntheses."""
        rng = self.rng
        w = self.writer
        year = school_class.year
        referent = apprentice.referent_id
        if school_class.periods:
            period = rng.choice(school_class.periods)
            planned = _weekday(period.start + timedelta(days=rng.randint(3, 9)))
            stamp = _at(planned - timedelta(days=14), 11)
            w.add(
                "visits",
                {
                    "id": w.new_id("visits"),
                    "booklet_id": apprentice.booklet_id,
                    "planned_on": planned,
                    "held_on": planned,
                    "participants": f"{apprentice.name}, {self.names[apprentice.tutor_id]}, "
                    f"{self.names[referent]}",
                    "report": rng.choice(_VISIT_REPORTS),
                    "author_id": referent,
                    "created_at": stamp,
                    "updated_at": _at(planned, 18),
                    "version": 2,
                },
            )
        if school_class.centre_weeks:
            iso_year, iso_week = rng.choice(school_class.centre_weeks)
            held = date.fromisocalendar(iso_year, iso_week, rng.randint(1, 5))
            w.add(
                "interviews",
                {
                    "id": w.new_id("interviews"),
                    "booklet_id": apprentice.booklet_id,
                    "held_on": held,
                    "participants": f"{apprentice.name}, {self.names[referent]}",
                    "summary": rng.choice(_INTERVIEWS),
                    "author_id": referent,
                    "created_at": _at(held, 16),
                    "updated_at": _at(held, 16),
                    "version": 1,
                },
            )
        written_on = _weekday(year.start + timedelta(days=290))
        syntheses = [(Origin.CENTRE, None, referent, f"Synthèse en centre {year.label}")]
        if school_class.periods:
            last = school_class.periods[-1]
            syntheses.append(
                (
                    Origin.COMPANY,
                    last.id,
                    apprentice.tutor_id,
                    f"Synthèse en entreprise {last.name}",
                )
            )
        for origin, period_id, author, title in syntheses:
            w.add(
                "phase_syntheses",
                {
                    "id": w.new_id("phase_syntheses"),
                    "booklet_id": apprentice.booklet_id,
                    "origin": origin,
                    "period_id": period_id,
                    "title": title[:200],
                    "body": rng.choice(_SYNTHESES),
                    "written_on": written_on,
                    "author_id": author,
                    "created_at": _at(written_on, 15),
                    "updated_at": _at(written_on, 15),
                    "version": 1,
                },
            )


# --- Small helpers ---------------------------------------------------------------------------

_GENERIC_TOKENS = {"BAC", "PRO", "BACPRO", "BTS", "CAP", "BP", "MC", "DIPLOME", "SCALE"}


def _short_name(code: str, diploma_id: int) -> str:
    """The diploma's part of a class name: "MELEC" for "BACPRO-MELEC", "MS" for "BTS-MS"."""
    tokens = [
        token
        for token in re.split(r"[^A-Z0-9]+", _ascii(code).upper())
        if token and token not in _GENERIC_TOKENS
    ]
    return tokens[-1][:10] if tokens else f"D{diploma_id}"


def _phone(rng: random.Random, *, mobile: bool) -> str:
    first = rng.choice(("06", "07")) if mobile else rng.choice(("01", "02", "03", "04", "05"))
    return " ".join([first, *(f"{rng.randint(0, 99):02d}" for _ in range(4))])


def _national_id(rng: random.Random) -> str:
    """An INE-like identifier: "0", nine digits and a letter."""
    return f"0{rng.randrange(10**9):09d}{rng.choice(string.ascii_uppercase)}"


def _paragraph(
    rng: random.Random,
    starts: Sequence[str],
    steps: Sequence[str],
    task: str,
    least: int,
    most: int,
) -> str:
    opening = rng.choice(starts).format(task=task[:1].lower() + task[1:])
    return " ".join([opening, *rng.sample(steps, rng.randint(least, most))])


@dataclass(frozen=True)
class _FrameworkSpec:
    code: str
    name: str
    level: str
    is_bts: bool
    competences: tuple[str, ...]
    units: tuple[tuple[str, str], ...]
    areas: tuple[tuple[str, tuple[str, ...]], ...]


_CRITERIA = (
    "Les informations nécessaires sont recherchées et exploitées",
    "Les règles de santé et de sécurité sont respectées",
    "La démarche mise en œuvre est méthodique et argumentée",
    "Le résultat obtenu est conforme aux attentes",
)

_OWN_FRAMEWORKS = (
    _FrameworkSpec(
        code="BACPRO-MSPC",
        name="Bac Pro Maintenance des systèmes de production connectés",
        level="Niveau 4",
        is_bts=False,
        competences=(
            "Analyser le fonctionnement d'un système de production",
            "Préparer une intervention de maintenance",
            "Organiser son intervention en toute sécurité",
            "Réaliser une intervention de maintenance préventive",
            "Diagnostiquer une défaillance",
            "Réaliser une intervention de maintenance corrective",
            "Remettre en service un bien",
            "Mettre en œuvre une amélioration",
            "Exploiter les données d'un système connecté",
            "Communiquer avec les différents interlocuteurs",
            "Rendre compte de son intervention",
            "Respecter les règles environnementales",
            "Proposer une action d'amélioration",
        ),
        units=(
            ("U2", "Analyse et préparation d'une activité de maintenance"),
            ("U31", "Réalisation d'interventions de maintenance"),
            ("U32", "Amélioration et remise en service"),
            ("U33", "Communication et traçabilité"),
        ),
        areas=(
            (
                "MAINTENANCE CORRECTIVE",
                (
                    "Diagnostiquer les pannes",
                    "Remplacer un composant défectueux",
                    "Dépanner une installation automatisée",
                    "Remettre en état de fonctionnement",
                ),
            ),
            (
                "MAINTENANCE PRÉVENTIVE",
                (
                    "Réaliser une visite préventive",
                    "Effectuer les contrôles réglementaires",
                    "Relever des grandeurs physiques",
                ),
            ),
            (
                "AMÉLIORATION ET MISE EN SERVICE",
                (
                    "Installer un nouvel équipement",
                    "Modifier une installation",
                    "Mettre en service un équipement",
                ),
            ),
        ),
    ),
    _FrameworkSpec(
        code="BTS-CRSA",
        name="BTS Conception et réalisation de systèmes automatiques",
        level="Niveau 5",
        is_bts=True,
        competences=(
            "Analyser un cahier des charges",
            "Concevoir une solution technique",
            "Dimensionner les composants d'un système",
            "Choisir les constituants d'une chaîne d'énergie",
            "Programmer un automate",
            "Réaliser le câblage d'une armoire",
            "Intégrer un robot dans une cellule",
            "Valider le fonctionnement d'un système",
            "Conduire un projet",
            "Gérer les coûts et les délais",
            "Rédiger un dossier technique",
            "Présenter une solution à un client",
            "Travailler en équipe",
        ),
        units=(
            ("U4", "Conception préliminaire d'un système automatique"),
            ("U51", "Conception détaillée"),
            ("U52", "Réalisation et mise en service"),
            ("U6", "Projet industriel"),
        ),
        areas=(
            (
                "CONCEPTION",
                (
                    "Analyser le besoin du client",
                    "Dessiner une pièce en CAO",
                    "Établir un schéma électrique",
                    "Chiffrer une solution",
                ),
            ),
            (
                "RÉALISATION ET MISE EN SERVICE",
                (
                    "Câbler une armoire électrique",
                    "Programmer un automate",
                    "Régler un variateur de vitesse",
                    "Réceptionner une installation avec le client",
                ),
            ),
        ),
    ),
)

# --- Vocabulary ----------------------------------------------------------------------------

_LAST_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand",
    "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
    "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin",
    "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas",
    "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc",
    "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Azzoug", "Benali", "Nguyen",
    "Diallo", "Traoré", "Haddad", "Ferreira", "Da Silva", "Kaya", "Le Gall", "Le Goff",
)  # fmt: skip

_FIRST_NAMES = (
    "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Adam", "Raphaël", "Léo", "Nathan",
    "Tom", "Théo", "Noah", "Ethan", "Mathis", "Enzo", "Maël", "Sacha", "Timéo", "Nolan",
    "Mathéo", "Axel", "Evan", "Kylian", "Mohamed", "Yanis", "Rayan", "Ilyes", "Bilal", "Quentin",
    "Maxime", "Clément", "Baptiste", "Romain", "Antoine", "Alexandre", "Thomas", "Kevin",
    "Dylan", "Florian", "Valentin", "Corentin", "Jérémy", "Anthony", "Loïc", "Killian",
    "Emma", "Jade", "Louise", "Alice", "Chloé", "Lina", "Léa", "Manon", "Inès", "Camille",
    "Sarah", "Zoé", "Lola", "Mina", "Clara", "Anaïs", "Océane", "Laura", "Julie", "Mélissa",
    "Yasmine", "Nour", "Elsa", "Margaux", "Justine", "Pauline", "Marine", "Lucie",
)  # fmt: skip

#: First names of the grown-ups: trainers, tutors, guardians.
_ADULT_FIRST_NAMES = (
    "Jean-Marc", "Philippe", "Stéphane", "Christophe", "Nathalie", "Sandrine", "Isabelle",
    "Frédéric", "Laurent", "Pascal", "Valérie", "Sébastien", "Olivier", "Karine", "Thierry",
    "Patrick", "Sylvie", "Catherine", "Éric", "David", "Nicolas", "Céline", "Véronique",
    "Franck", "Didier", "Hélène", "Rachid", "Samira", "Jérôme", "Corinne", "Fabrice", "Agnès",
)  # fmt: skip

_CITIES = (
    ("Lyon", "69003", 45.760, 4.850),
    ("Villeurbanne", "69100", 45.771, 4.890),
    ("Vénissieux", "69200", 45.697, 4.886),
    ("Saint-Étienne", "42000", 45.440, 4.387),
    ("Grenoble", "38000", 45.188, 5.724),
    ("Bourg-en-Bresse", "01000", 46.205, 5.225),
    ("Villefranche-sur-Saône", "69400", 45.990, 4.718),
    ("Vienne", "38200", 45.525, 4.874),
    ("Annecy", "74000", 45.899, 6.129),
    ("Chambéry", "73000", 45.564, 5.917),
    ("Valence", "26000", 44.933, 4.892),
    ("Mâcon", "71000", 46.307, 4.828),
    ("Roanne", "42300", 46.036, 4.068),
    ("Clermont-Ferrand", "63000", 45.778, 3.087),
    ("Dijon", "21000", 47.322, 5.041),
    ("Paris", "75012", 48.841, 2.388),
    ("Marseille", "13010", 43.278, 5.425),
    ("Toulouse", "31200", 43.620, 1.444),
    ("Nantes", "44300", 47.247, -1.522),
    ("Lille", "59000", 50.629, 3.057),
    ("Rennes", "35000", 48.111, -1.680),
    ("Bordeaux", "33300", 44.860, -0.560),
    ("Strasbourg", "67100", 48.560, 7.760),
    ("Montpellier", "34070", 43.593, 3.860),
    ("Rouen", "76000", 49.443, 1.099),
    ("Tours", "37000", 47.394, 0.684),
    ("Orléans", "45000", 47.903, 1.909),
    ("Limoges", "87000", 45.833, 1.262),
    ("Metz", "57000", 49.119, 6.176),
    ("Besançon", "25000", 47.238, 6.024),
    ("Brest", "29200", 48.390, -4.486),
    ("Pau", "64000", 43.295, -0.370),
    ("Angers", "49000", 47.478, -0.563),
    ("Le Mans", "72000", 48.006, 0.199),
    ("Amiens", "80000", 49.894, 2.296),
    ("Nancy", "54000", 48.692, 6.184),
)

_STREETS = (
    "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Pasteur",
    "rue de l'Industrie", "chemin des Prés", "rue Gambetta", "avenue de la Gare",
    "zone artisanale des Platières", "rue des Artisans", "allée des Tilleuls", "rue du Moulin",
    "route de Lyon", "impasse des Lilas", "rue Pierre Curie", "avenue du Général de Gaulle",
    "rue de la Paix", "parc d'activités du Rhône", "rue Ampère", "quai des Usines",
)  # fmt: skip

_COMPANY_PATTERNS = (
    "{last} Électricité",
    "SARL {last} et Fils",
    "{word} {city}",
    "Établissements {last}",
    "{last} {word}",
    "{word} Services",
    "SAS {word} Industrie",
)

_COMPANY_WORDS = (
    "Électro", "Thermelec", "Maintenance", "Automatismes", "Énergies", "Domotique",
    "Installations", "Process", "Technic", "Industrie", "Elec", "Froid et Climatisation",
)  # fmt: skip

_JOB_TITLES = (
    "Chef d'équipe",
    "Responsable maintenance",
    "Gérant",
    "Technicien de maintenance",
    "Chef de chantier",
    "Électricien confirmé",
    "Responsable d'atelier",
)

_OBJECTIVES = (
    "Découvrir l'entreprise et ses règles de sécurité ; participer aux interventions courantes.",
    "Réaliser en autonomie des interventions simples et rendre compte par écrit.",
    "Préparer une intervention complète : dossier, outillage, consignation, essais.",
    "Conduire une intervention de bout en bout et échanger avec le client.",
    "Participer à un projet de modification d'installation et à sa mise en service.",
)

_PLACES = (
    "Ateliers de l'entreprise",
    "Chantiers chez les clients du secteur",
    "Site industriel du client principal",
    "Dépôt et interventions en itinérance",
    "Bâtiment tertiaire en rénovation",
)

_PRESENTATIONS = (
    "Entreprise artisanale de huit salariés qui intervient chez des particuliers et des commerces.",
    "PME industrielle de quarante salariés : maintenance des lignes de production et travaux "
    "neufs.",
    "Agence d'un groupe national spécialisée dans les installations tertiaires.",
    "Entreprise familiale qui réalise l'installation et le dépannage d'équipements électriques.",
    "Service maintenance d'une usine agroalimentaire qui travaille en trois-huit.",
)

_TITLE_PLACES = (
    "",
    " chez un client",
    " sur un chantier de rénovation",
    " à l'atelier",
    " sur une ligne de production",
    " dans un local technique",
)

_CONTEXTS = (
    "Intervention chez un particulier.",
    "Chantier de rénovation d'un immeuble de bureaux.",
    "Atelier de l'entreprise, avec mon maître d'apprentissage.",
    "Maintenance sur le site d'un client industriel.",
    "Dépannage en urgence dans un commerce.",
    "Chantier neuf : logements collectifs.",
    "Ligne de production de l'usine, pendant l'arrêt technique.",
    "Établissement scolaire, pendant les vacances.",
)

_DESCRIPTION_STARTS = (
    "Cette semaine, mon activité principale a été de {task}.",
    "Lundi, mon tuteur m'a confié une intervention : {task}.",
    "Nous sommes intervenus à deux pour {task}.",
    "J'ai participé avec l'équipe à une intervention qui consistait à {task}.",
    "Le client nous a appelés et nous avons dû {task}.",
)

_STEPS = (
    "J'ai d'abord lu le bon d'intervention et consulté le dossier technique.",
    "Avant de commencer, j'ai consigné l'installation et vérifié l'absence de tension.",
    "J'ai préparé l'outillage et les pièces de rechange nécessaires.",
    "J'ai relevé les mesures et je les ai comparées aux valeurs attendues.",
    "Mon tuteur m'a montré comment lire le schéma de l'armoire.",
    "J'ai remplacé le composant défectueux puis réalisé les essais de fonctionnement.",
    "J'ai rangé le poste de travail et trié les déchets.",
    "J'ai complété le rapport d'intervention et l'ai fait signer par le client.",
    "Nous avons expliqué au client l'origine de la panne.",
    "J'ai vérifié le serrage des connexions et l'état des protections.",
    "J'ai effectué la remise en service en suivant la procédure.",
    "Le travail a pris plus de temps que prévu à cause d'une pièce manquante.",
    "J'ai noté les pièces utilisées pour la gestion du stock.",
    "Nous avons dû reprendre une partie du câblage qui n'était pas conforme.",
)

_ANALYSES = (
    "J'ai appris à organiser mon intervention avant de commencer.",
    "Je dois encore progresser dans la lecture des schémas.",
    "Je me suis senti plus autonome que lors de la période précédente.",
    "La consignation est une étape que je maîtrise maintenant.",
    "La prochaine fois, je préparerai mieux la liste du matériel.",
    "J'ai eu du mal à expliquer mon travail au client, je dois m'entraîner.",
    "Les mesures m'ont permis de comprendre le fonctionnement de l'installation.",
    "Mon tuteur m'a laissé finir seul, ce qui m'a motivé.",
    "J'ai compris l'importance de la traçabilité des interventions.",
    "Je dois être plus rigoureux dans le rangement de mon poste.",
)

_COMMENTS = (
    "Bon travail, continue comme ça.",
    "Pense à détailler les mesures que tu as relevées.",
    "Description claire ; l'analyse pourrait être plus développée.",
    "Attention à l'orthographe et à la présentation.",
    "Peux-tu préciser ce que tu as fait seul et ce qui a été fait avec ton tuteur ?",
    "Très bonne fiche, à présenter à l'oral en fin de période.",
    "N'oublie pas de joindre la photo de l'armoire avant et après.",
    "Il manque les règles de sécurité appliquées pendant l'intervention.",
)

_REMARKS = ("Observé en atelier.", "À revoir.", "Avec l'aide du formateur.", "Bonne maîtrise.")

_APPRECIATIONS = (
    "Période satisfaisante : apprenti ponctuel, motivé et soucieux de bien faire.",
    "Bonne intégration dans l'équipe. Doit gagner en autonomie sur les dépannages.",
    "Des progrès nets depuis la dernière période, en particulier sur la sécurité.",
    "Période en demi-teinte : retards à répétition, mais un travail soigné.",
    "Très bonne période : l'apprenti mène seul des interventions simples.",
)

_FINDINGS = (
    "Les compétences de préparation sont acquises ; le diagnostic reste fragile.",
    "Apprenti sérieux, en progrès constant depuis l'entrée en formation.",
    "Des difficultés à rendre compte par écrit ; la pratique est solide.",
    "Bonne maîtrise des règles de sécurité. La communication avec le client progresse.",
    "Résultats irréguliers ; l'investissement en centre doit être plus régulier.",
)

_ADVICE = (
    "Relire les schémas avant chaque intervention et s'entraîner au diagnostic.",
    "Soigner la rédaction des fiches activité et des comptes rendus.",
    "Demander davantage de responsabilités à son tuteur lors de la prochaine période.",
    "Revoir les cours de mesure et de métrologie.",
    "Préparer l'épreuve orale en présentant une activité significative.",
)

_VISIT_REPORTS = (
    "Visite en entreprise : l'apprenti est bien intégré ; le tuteur est satisfait.",
    "Visite sur chantier. Points à travailler : organisation et ponctualité.",
    "Échange avec le tuteur sur les activités confiées ; prochaines tâches définies.",
    "L'apprenti a présenté son poste et une intervention réalisée la semaine précédente.",
)

_INTERVIEWS = (
    "Point sur les résultats en centre et sur la période en entreprise.",
    "Entretien à la demande de l'apprenti : difficultés de transport résolues.",
    "Bilan de mi-année : objectifs fixés pour la prochaine période.",
    "Échange sur le projet d'orientation après le diplôme.",
)

_SYNTHESES = (
    "Phase globalement réussie ; les objectifs fixés sont atteints.",
    "Objectifs partiellement atteints : le diagnostic doit être consolidé.",
    "Bonne progression ; l'apprenti prend des initiatives.",
    "Phase difficile au début, puis une nette amélioration.",
)

_BOOKLET_TEXTS = {
    BookletSectionKind.ENTRY_POSITIONING: (
        "Bases solides en électricité ; remise à niveau en mathématiques conseillée.",
        "Première expérience en entreprise ; bonne motivation.",
        "Parcours antérieur en CAP ; acquis pratiques importants.",
    ),
    BookletSectionKind.TEAM_OPINION: (
        "Avis favorable de l'équipe pédagogique.",
        "Avis favorable ; un suivi renforcé en français est proposé.",
        "L'équipe note une grande motivation et un bon comportement.",
    ),
    BookletSectionKind.ORIENTATION_PROJECT: (
        "Poursuite d'études en BTS par apprentissage.",
        "Embauche envisagée dans l'entreprise d'accueil.",
        "Projet de mention complémentaire, puis d'installation à son compte.",
    ),
}
