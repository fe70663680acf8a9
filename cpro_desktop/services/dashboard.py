"""Module 2, "Tableaux de bord de l'apprenti": the read snapshots of the two views.

`competence_snapshot()` reads what the "Vue par compétences" shows for one apprentice (the
framework's units, competences and criteria, his rating grids and their ratings, his
validated interim reviews); `activities_snapshot()` what the "Vue par activités" shows (the
framework's activity areas and tasks, the weeks with an activity sheet or a task log, the
tasks done). Each runs a fixed number of statements, whatever the number of grids, weeks or
apprentices, and returns frozen dataclasses.

The display filters (units, kind of rating, school year or whole cycle, date range) never
query: `competence_layout()` and `activities_layout()` turn a loaded snapshot and a
`DashboardFilters` into the rows and columns a table shows, in memory. The Qt models and the
PDF / CSV exports are both built from these layouts.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from types import MappingProxyType

from sqlalchemy import (
    Date,
    Integer,
    Row,
    String,
    bindparam,
    cast,
    literal_column,
    null,
    select,
    true,
    type_coerce,
    union_all,
)

from cpro_desktop import models as m
from cpro_desktop.models.enums import CompetenceLevel, GridKind, Origin, RatingResult, ReviewStatus
from cpro_desktop.models.people import person_name
from cpro_desktop.services.access import authorize
from cpro_desktop.services.activities.labels import iso_weeks
from cpro_desktop.services.activities.union import TaggedUnion, nulls_last
from cpro_desktop.services.permissions import Action, Actor, can
from cpro_desktop.store import NotFound, Store

#: "AS MATERIALIZED" in a CTE needs SQLite 3.35; PostgreSQL (12+) decides well by itself.
_SQLITE_MATERIALIZES = sqlite3.sqlite_version_info >= (3, 35)

__all__ = [
    "ActivitiesLayout",
    "ActivitiesSnapshot",
    "ActivityRow",
    "ApprenticeHeader",
    "AreaInfo",
    "CompetenceColumn",
    "CompetenceInfo",
    "CompetenceLayout",
    "CompetenceRow",
    "CompetenceSnapshot",
    "CriterionInfo",
    "DashboardFilters",
    "GridInfo",
    "RatingKind",
    "ReviewInfo",
    "RowKind",
    "SchoolYearInfo",
    "TaskInfo",
    "WeekColumn",
    "activities_layout",
    "activities_snapshot",
    "competence_layout",
    "competence_snapshot",
    "format_date",
    "person_name",
]


def format_date(day: date | None) -> str:
    """DD/MM/YYYY, as every screen and document of CPRO shows a date ("" for None)."""
    return day.strftime("%d/%m/%Y") if day is not None else ""


class RatingKind(enum.StrEnum):
    """The dashboard's "kind of rating" filter: where and why a grid was made."""

    CENTRE_FORMATIVE = "centre_formative"
    CENTRE_CERTIFYING = "centre_certifying"
    COMPANY = "company"

    @classmethod
    def of(cls, origin: Origin, kind: GridKind) -> RatingKind:
        if origin == Origin.COMPANY:
            return cls.COMPANY
        return cls.CENTRE_CERTIFYING if kind == GridKind.CERTIFYING else cls.CENTRE_FORMATIVE


RATING_KIND_LABELS = {
    RatingKind.CENTRE_FORMATIVE: "Centre — formatif",
    RatingKind.CENTRE_CERTIFYING: "Centre — certificatif",
    RatingKind.COMPANY: "Entreprise",
}

#: The SPEC's colours of the five results (dark green, light green, orange, blue, grey),
#: shared by the screen's painters and the exported documents.
RESULT_COLOURS: dict[RatingResult, str] = {
    RatingResult.SUCCESS_AUTONOMOUS: "#1f7a3a",
    RatingResult.SUCCESS_ASSISTED: "#8fd37e",
    RatingResult.PARTIAL: "#f39323",
    RatingResult.NOT_ASSESSABLE: "#2e7dd1",
    RatingResult.ABSENT: "#9a9a9a",
}
#: The colour of each result's mark on its fill (white on the dark ones).
MARK_COLOURS: dict[RatingResult, str] = {
    RatingResult.SUCCESS_AUTONOMOUS: "#ffffff",
    RatingResult.SUCCESS_ASSISTED: "#17492a",
    RatingResult.PARTIAL: "#8a4a00",
    RatingResult.NOT_ASSESSABLE: "#ffffff",
    RatingResult.ABSENT: "#ffffff",
}

ORIGIN_LABELS = {Origin.CENTRE: "Centre de formation", Origin.COMPANY: "Entreprise"}

ALL_KINDS = frozenset(RatingKind)


# --- Snapshots -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApprenticeHeader:
    """Whose dashboard this is."""

    id: int
    display_name: str
    class_name: str
    level_label: str
    diploma_name: str
    #: The centre's name, printed on the exported documents.
    centre_name: str = ""
    school_class_id: int | None = None


@dataclass(frozen=True)
class SchoolYearInfo:
    """A school year ("2022-2023") with its dates, and the apprentice's class in it if known."""

    id: int
    label: str
    start: date
    end: date
    #: The apprentice's training-year label that year ("Première année de BTS"), if known.
    class_label: str = ""

    @property
    def group_label(self) -> str:
        """How columns of that year are grouped: the training year, else the school year."""
        return self.class_label or self.label

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class CriterionInfo:
    """A criterion of a competence ("C1.1")."""

    id: int
    code: str
    label: str


@dataclass(frozen=True)
class CompetenceInfo:
    """A competence of the framework, with its criteria in order."""

    id: int
    code: str
    label: str
    criteria: tuple[CriterionInfo, ...]

    @property
    def title(self) -> str:
        """ "C1 - Analyser les conditions de l'opération et son contexte"."""
        return f"{self.code} - {self.label}"


@dataclass(frozen=True)
class UnitInfo:
    """A unit of the diploma (U2, U31 …) and the competences it assesses."""

    id: int
    code: str
    label: str
    competence_ids: tuple[int, ...]

    @property
    def title(self) -> str:
        return f"{self.code} - {self.label}"


@dataclass(frozen=True)
class GridInfo:
    """One rating grid of the apprentice (a column of the competence view)."""

    id: int
    origin: Origin
    kind: GridKind
    rated_on: date
    title: str
    author_id: int | None
    author_name: str
    version: int
    #: Dated on or before the latest validated interim review: left of the black line.
    taken_into_account: bool
    #: Whether the reader may still change it (its author, before it is taken into account).
    editable: bool
    #: Saved by a period review (module 1): changed from there, not from the dashboard.
    from_period_review: bool = False

    @property
    def rating_kind(self) -> RatingKind:
        return RatingKind.of(self.origin, self.kind)

    @property
    def kind_label(self) -> str:
        return RATING_KIND_LABELS[self.rating_kind]


@dataclass(frozen=True)
class ReviewInfo:
    """A validated interim review: its date, origin and level per competence."""

    id: int
    origin: Origin
    reviewed_on: date
    author_name: str
    levels: Mapping[int, CompetenceLevel] = field(hash=False)

    def level(self, competence_id: int) -> CompetenceLevel:
        return self.levels.get(competence_id, CompetenceLevel.NOT_ASSESSED)


@dataclass(frozen=True)
class CompetenceSnapshot:
    """Everything the "Vue par compétences" shows for one apprentice, read at once."""

    apprentice: ApprenticeHeader
    units: tuple[UnitInfo, ...]
    competences: tuple[CompetenceInfo, ...]
    #: In chronological order (date, then creation).
    grids: tuple[GridInfo, ...]
    #: (grid id, criterion id) → result.
    ratings: Mapping[tuple[int, int], RatingResult] = field(hash=False)
    #: (grid id, criterion id) → the rater's remark, for the ratings that have one.
    remarks: Mapping[tuple[int, int], str] = field(hash=False, default_factory=dict)
    #: Validated interim reviews, centre and company, in chronological order.
    reviews: tuple[ReviewInfo, ...] = ()
    school_years: tuple[SchoolYearInfo, ...] = ()
    latest_validated_review_on: date | None = None
    can_rate_in_centre: bool = False
    can_rate_in_company: bool = False

    def school_year_of(self, day: date) -> SchoolYearInfo | None:
        return _year_of(self.school_years, day)

    def used_school_years(self) -> tuple[SchoolYearInfo, ...]:
        """The school years in which the apprentice has a grid or a review."""
        days = [g.rated_on for g in self.grids] + [r.reviewed_on for r in self.reviews]
        ids = {y.id for d in days if (y := self.school_year_of(d)) is not None}
        return tuple(y for y in self.school_years if y.id in ids)


@dataclass(frozen=True)
class TaskInfo:
    """A professional task of an area ("T1.1 Diagnostiquer les pannes")."""

    id: int
    code: str
    label: str

    @property
    def title(self) -> str:
        return f"{self.code} {self.label}"


@dataclass(frozen=True)
class AreaInfo:
    """An activity area ("MAINTENANCE CORRECTIVE") and its tasks."""

    id: int
    code: str
    label: str
    tasks: tuple[TaskInfo, ...]


@dataclass(frozen=True)
class WeekColumn:
    """One week of the activities view, in the company or in the centre."""

    iso_year: int
    iso_week: int
    #: Company (0) before centre (1) for the same week, as the seed's S38 / S38.
    origin_rank: int
    origin: Origin
    group_label: str = ""
    school_year_id: int | None = None

    @property
    def label(self) -> str:
        """The column title: "S05", "S38"."""
        return f"S{self.iso_week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.iso_year, self.iso_week, 1)

    @property
    def sunday(self) -> date:
        return date.fromisocalendar(self.iso_year, self.iso_week, 7)

    @property
    def key(self) -> tuple[int, int, Origin]:
        return (self.iso_year, self.iso_week, self.origin)


@dataclass(frozen=True)
class ActivitiesSnapshot:
    """Everything the "Vue par activités" shows for one apprentice, read at once."""

    apprentice: ApprenticeHeader
    areas: tuple[AreaInfo, ...]
    #: Weeks with an activity sheet (company) or a task log, in order.
    weeks: tuple[WeekColumn, ...]
    #: (task id, ISO year, ISO week, origin) of every task done.
    done: frozenset[tuple[int, int, int, Origin]]
    school_years: tuple[SchoolYearInfo, ...] = ()

    def used_school_years(self) -> tuple[SchoolYearInfo, ...]:
        ids = {w.school_year_id for w in self.weeks}
        return tuple(y for y in self.school_years if y.id in ids)


# --- Filters and layouts (in memory) ---------------------------------------------------------


@dataclass(frozen=True)
class DashboardFilters:
    """The display filters; the default shows everything over the whole cycle."""

    #: Units to show; None is "tout afficher".
    unit_ids: frozenset[int] | None = None
    kinds: frozenset[RatingKind] = ALL_KINDS
    #: A school year, or None for the whole training cycle.
    school_year_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def day_allowed(self, day: date, years: tuple[SchoolYearInfo, ...]) -> bool:
        if self.date_from is not None and day < self.date_from:
            return False
        if self.date_to is not None and day > self.date_to:
            return False
        if self.school_year_id is not None:
            year = _year_of(years, day)
            return year is not None and year.id == self.school_year_id
        return True

    def shows_origin(self, origin: Origin) -> bool:
        if origin == Origin.COMPANY:
            return RatingKind.COMPANY in self.kinds
        return bool(self.kinds & {RatingKind.CENTRE_FORMATIVE, RatingKind.CENTRE_CERTIFYING})


class RowKind(enum.StrEnum):
    """What a row of a dashboard table is."""

    TITLE = "title"  # the activities view's first row
    COMPETENCE = "competence"  # a competence block's heading
    CRITERION = "criterion"
    REVIEWS = "reviews"  # "Bilans intermédiaires de la compétence"
    AREA = "area"
    TASK = "task"


REVIEWS_ROW_LABEL = "Bilans intermédiaires de la compétence"
ACTIVITIES_TITLE = "Activités et tâches professionnelles définies par le référentiel"


@dataclass(frozen=True)
class CompetenceColumn:
    """A column of the competence view: a rating grid, or a validated interim review."""

    grid: GridInfo | None = None
    review: ReviewInfo | None = None
    group_label: str = ""

    @property
    def day(self) -> date:
        if self.grid is not None:
            return self.grid.rated_on
        assert self.review is not None
        return self.review.reviewed_on

    @property
    def origin(self) -> Origin:
        if self.grid is not None:
            return self.grid.origin
        assert self.review is not None
        return self.review.origin

    @property
    def label(self) -> str:
        """The column title: the grid's or the review's date."""
        return format_date(self.day)


@dataclass(frozen=True)
class CompetenceRow:
    """A row of the competence view."""

    kind: RowKind
    competence: CompetenceInfo
    criterion: CriterionInfo | None = None

    @property
    def label(self) -> str:
        if self.kind == RowKind.COMPETENCE:
            return self.competence.title
        if self.kind == RowKind.REVIEWS:
            return REVIEWS_ROW_LABEL
        assert self.criterion is not None
        return f"{self.criterion.code} {self.criterion.label}"


@dataclass(frozen=True)
class CompetenceLayout:
    """The competence view after the filters: rows, columns and the black line."""

    snapshot: CompetenceSnapshot
    filters: DashboardFilters
    rows: tuple[CompetenceRow, ...]
    columns: tuple[CompetenceColumn, ...]
    #: Index (in `columns`) after which the thick black line is drawn; -1 draws it before
    #: the first column; None when no validated review exists.
    boundary: int | None

    def rating(self, row: int, column: int) -> RatingResult | None:
        """The result in a criterion row and a grid column, if any."""
        line, col = self.rows[row], self.columns[column]
        if line.criterion is None or col.grid is None:
            return None
        return self.snapshot.ratings.get((col.grid.id, line.criterion.id))

    def remark(self, row: int, column: int) -> str:
        """The rater's remark on that rating ("" if none)."""
        line, col = self.rows[row], self.columns[column]
        if line.criterion is None or col.grid is None:
            return ""
        return self.snapshot.remarks.get((col.grid.id, line.criterion.id), "")

    def level(self, row: int, column: int) -> CompetenceLevel | None:
        """The level in a reviews row and a review column, if any."""
        line, col = self.rows[row], self.columns[column]
        if line.kind != RowKind.REVIEWS or col.review is None:
            return None
        return col.review.level(line.competence.id)


def competence_layout(
    snapshot: CompetenceSnapshot, filters: DashboardFilters | None = None
) -> CompetenceLayout:
    """Rows and columns of the competence view for `filters`, computed in memory.

    Rows: per competence of the chosen units, its heading, its criteria and the reviews row.
    Columns: the grids of the chosen kinds and dates that rate a shown criterion, and the
    validated reviews of the shown origins and dates, interleaved by date (a grid dated on a
    review's day comes before it: the review took it into account).
    """
    filters = filters or DashboardFilters()
    competences = snapshot.competences
    if filters.unit_ids is not None:
        chosen = {c for u in snapshot.units if u.id in filters.unit_ids for c in u.competence_ids}
        competences = tuple(c for c in competences if c.id in chosen)
    rows: list[CompetenceRow] = []
    shown_criteria: set[int] = set()
    for competence in competences:
        rows.append(CompetenceRow(RowKind.COMPETENCE, competence))
        for criterion in competence.criteria:
            rows.append(CompetenceRow(RowKind.CRITERION, competence, criterion))
            shown_criteria.add(criterion.id)
        rows.append(CompetenceRow(RowKind.REVIEWS, competence))
    rated = {g for (g, criterion) in snapshot.ratings if criterion in shown_criteria}
    years = snapshot.school_years
    keyed: list[tuple[tuple[date, int, int], CompetenceColumn]] = []
    for grid in snapshot.grids:
        if (
            grid.id in rated
            and grid.rating_kind in filters.kinds
            and filters.day_allowed(grid.rated_on, years)
        ):
            year = _year_of(years, grid.rated_on)
            keyed.append(((grid.rated_on, 0, grid.id), CompetenceColumn(grid, None, _group(year))))
    for review in snapshot.reviews:
        if filters.shows_origin(review.origin) and filters.day_allowed(review.reviewed_on, years):
            year = _year_of(years, review.reviewed_on)
            keyed.append(
                ((review.reviewed_on, 1, review.id), CompetenceColumn(None, review, _group(year)))
            )
    keyed.sort(key=lambda pair: pair[0])
    columns = tuple(column for _key, column in keyed)
    boundary: int | None = None
    latest = snapshot.latest_validated_review_on
    if latest is not None:
        boundary = -1
        for index, (key, _column) in enumerate(keyed):
            if key[0] <= latest:
                boundary = index
    return CompetenceLayout(snapshot, filters, tuple(rows), columns, boundary)


@dataclass(frozen=True)
class ActivityRow:
    """A row of the activities view: the title row, an area heading, or a task."""

    kind: RowKind
    area: AreaInfo | None = None
    task: TaskInfo | None = None

    @property
    def label(self) -> str:
        if self.kind == RowKind.TITLE:
            return ACTIVITIES_TITLE
        if self.kind == RowKind.AREA:
            assert self.area is not None
            return self.area.label
        assert self.task is not None
        return self.task.title


@dataclass(frozen=True)
class ActivitiesLayout:
    """The activities view after the filters."""

    snapshot: ActivitiesSnapshot
    filters: DashboardFilters
    rows: tuple[ActivityRow, ...]
    columns: tuple[WeekColumn, ...]

    def done(self, row: int, column: int) -> bool:
        line = self.rows[row]
        if line.kind != RowKind.TASK or line.task is None:
            return False
        week = self.columns[column]
        return (line.task.id, week.iso_year, week.iso_week, week.origin) in self.snapshot.done

    def groups(self) -> list[tuple[str, int, int]]:
        """(label, first column, last column) of each run of columns of one training year."""
        return column_groups([c.group_label for c in self.columns])


def column_groups(labels: list[str]) -> list[tuple[str, int, int]]:
    """Runs of equal consecutive labels: (label, first index, last index)."""
    groups: list[tuple[str, int, int]] = []
    for index, label in enumerate(labels):
        if groups and groups[-1][0] == label:
            groups[-1] = (label, groups[-1][1], index)
        else:
            groups.append((label, index, index))
    return groups


def activities_layout(
    snapshot: ActivitiesSnapshot, filters: DashboardFilters | None = None
) -> ActivitiesLayout:
    """Rows and columns of the activities view for `filters`, computed in memory.

    A week is kept when its origin is shown (company weeks with the "company" kind, centre
    weeks with a centre kind), it belongs to the chosen school year (that of the training
    year it is grouped under) and it overlaps the date range.
    """
    filters = filters or DashboardFilters()
    rows: list[ActivityRow] = [ActivityRow(RowKind.TITLE)]
    for area in snapshot.areas:
        rows.append(ActivityRow(RowKind.AREA, area))
        rows.extend(ActivityRow(RowKind.TASK, area, task) for task in area.tasks)
    columns = tuple(
        week
        for week in snapshot.weeks
        if filters.shows_origin(week.origin)
        and (filters.school_year_id is None or week.school_year_id == filters.school_year_id)
        and (filters.date_from is None or week.sunday >= filters.date_from)
        and (filters.date_to is None or week.monday <= filters.date_to)
    )
    return ActivitiesLayout(snapshot, filters, tuple(rows), columns)


def _year_of(years: tuple[SchoolYearInfo, ...], day: date) -> SchoolYearInfo | None:
    for year in years:
        if year.contains(day):
            return year
    return None


def _group(year: SchoolYearInfo | None) -> str:
    return year.group_label if year is not None else ""


# --- Reading (two statements) ----------------------------------------------------------------
#
# The statements are built once, on Core tables with a bound parameter, and run on the
# session's connection: the views reopen a dashboard at every change of apprentice. Each
# statement costs more in SQLAlchemy's execution than in the database (tens of microseconds
# on SQLite; a round trip on PostgreSQL, 20 ms from a company), so each view reads all it
# shows in one statement after the permission check: its parts (the header with the school
# years, the competences with the units, the grids, ratings and reviews; or the areas and
# tasks, the company weeks with the task logs) run as one UNION ALL (`TaggedUnion`).


class _Queries:
    """The dashboard's statements, all parameterised by `:apprentice_id`."""

    def __init__(self) -> None:
        apprentice_id = bindparam("apprentice_id", type_=Integer)
        ap = m.Apprentice.__table__
        sc = m.SchoolClass.__table__
        dp = m.Diploma.__table__
        fw = m.Framework.__table__
        sy = m.SchoolYear.__table__
        pe = m.Period.__table__
        pf = m.Portfolio.__table__
        co = m.Competence.__table__
        cr = m.Criterion.__table__
        un = m.Unit.__table__
        uc = m.unit_competences
        rg = m.RatingGrid.__table__
        pr = m.PeriodReview.__table__
        ra = m.Rating.__table__
        ac = m.Account.__table__
        rv = m.CompetenceReview.__table__
        rl = m.CompetenceReviewLine.__table__
        aa = m.ActivityArea.__table__
        ta = m.Task.__table__
        tl = m.TaskLog.__table__
        ce = m.Centre.__table__

        framework = (
            select(fw.c.id)
            .join(sc, sc.c.diploma_id == fw.c.diploma_id)
            .join(ap, ap.c.school_class_id == sc.c.id)
            .where(ap.c.id == apprentice_id)
            .scalar_subquery()
        )
        # The header, beside every school year with the apprentice's class that year: his
        # current class, or the class of a period he has a portfolio in. These few classes
        # are looked up first, by primary key (MATERIALIZED: else SQLite builds an index of
        # every class on their school year at each call, to join them to the years).
        centre = select(ce.c.name).order_by(ce.c.id).limit(1).scalar_subquery()
        his_class_ids = union_all(
            select(ap.c.school_class_id).where(ap.c.id == apprentice_id),
            select(pe.c.school_class_id)
            .join(pf, pf.c.period_id == pe.c.id)
            .where(pf.c.apprentice_id == apprentice_id),
        )
        his_classes = (
            select(sc.c.id, sc.c.name, sc.c.level_label, sc.c.school_year_id)
            .where(sc.c.id.in_(his_class_ids))
            .cte("his_classes")
        )
        if _SQLITE_MATERIALIZES:
            # Else SQLite builds a temporary index over every class on each call.
            his_classes = his_classes.prefix_with("MATERIALIZED", dialect="sqlite")
        years = (
            select(
                sy.c.id.label("year_id"),
                sy.c.label.label("year_label"),
                sy.c.start_date,
                sy.c.end_date,
                his_classes.c.id.label("class_id"),
                his_classes.c.name.label("class_name"),
                his_classes.c.level_label.label("class_level"),
            )
            .select_from(sy)
            .outerjoin(his_classes, his_classes.c.school_year_id == sy.c.id)
            .subquery("years")
        )
        current = sc.alias("current_class")
        self.context = (
            select(
                ap.c.last_name,
                ap.c.first_name,
                current.c.name.label("current_class_name"),
                current.c.level_label.label("current_level_label"),
                dp.c.name.label("diploma_name"),
                centre.label("centre_name"),
                ap.c.school_class_id,
                years.c.year_id,
                years.c.year_label,
                years.c.start_date,
                years.c.end_date,
                years.c.class_id,
                years.c.class_name,
                years.c.class_level,
            )
            .select_from(ap)
            .outerjoin(current, current.c.id == ap.c.school_class_id)
            .outerjoin(dp, dp.c.id == current.c.diploma_id)
            .outerjoin(years, true())
            .where(ap.c.id == apprentice_id)
            .order_by(years.c.start_date, years.c.year_id, years.c.class_id)
        )
        # The framework's competences with their criteria (kind 0) and its units with their
        # competences (kind 1), in order.
        no_int, no_text = cast(null(), Integer), cast(null(), String)
        unit_co = co.alias("unit_competences_order")
        parts = union_all(
            select(
                literal_column("0", Integer).label("kind"),
                co.c.position.label("position"),
                co.c.id.label("id"),
                co.c.code.label("code"),
                co.c.label.label("label"),
                cr.c.position.label("sub_position"),
                cr.c.id.label("sub_id"),
                cr.c.code.label("sub_code"),
                cr.c.label.label("sub_label"),
            )
            .select_from(co)
            .outerjoin(cr, cr.c.competence_id == co.c.id)
            .where(co.c.framework_id == framework),
            select(
                literal_column("1", Integer),
                un.c.position,
                un.c.id,
                un.c.code,
                un.c.label,
                unit_co.c.position,
                uc.c.competence_id,
                no_text,
                no_text,
            )
            .select_from(un)
            .outerjoin(uc, uc.c.unit_id == un.c.id)
            .outerjoin(unit_co, unit_co.c.id == uc.c.competence_id)
            .where(un.c.framework_id == framework),
        ).subquery("parts")
        self.framework = select(
            parts.c.kind, parts.c.id, parts.c.code, parts.c.label,
            parts.c.sub_id, parts.c.sub_code, parts.c.sub_label,
            parts.c.position, parts.c.sub_position,
        ).order_by(
            parts.c.kind, parts.c.position, parts.c.id, parts.c.sub_position, parts.c.sub_id
        )  # fmt: skip
        # The enumerations come back as plain strings, mapped by `_ORIGINS`, `_KINDS`,
        # `_RESULTS` and `_LEVELS`: hundreds of rows through the Enum type's result processor
        # cost more than the query.
        self.grids = (
            select(
                rg.c.id.label("grid_id"),
                type_coerce(rg.c.origin, String).label("grid_origin"),
                type_coerce(rg.c.kind, String).label("grid_kind"),
                rg.c.rated_on,
                rg.c.title,
                rg.c.author_id,
                rg.c.version,
                ac.c.last_name.label("author_last_name"),
                ac.c.first_name.label("author_first_name"),
                pr.c.id.label("period_review_id"),
            )
            .select_from(rg)
            .outerjoin(ac, ac.c.id == rg.c.author_id)
            .outerjoin(pr, pr.c.rating_grid_id == rg.c.id)
            .where(rg.c.apprentice_id == apprentice_id)
            .order_by(rg.c.rated_on, rg.c.id)
        )
        self.ratings = (
            select(
                ra.c.rating_grid_id,
                ra.c.criterion_id,
                type_coerce(ra.c.result, String).label("result"),
                ra.c.remark,
            )
            .join(rg, rg.c.id == ra.c.rating_grid_id)
            .where(rg.c.apprentice_id == apprentice_id)
        )
        self.reviews = (
            select(
                rv.c.id.label("review_id"),
                type_coerce(rv.c.origin, String).label("review_origin"),
                rv.c.reviewed_on,
                ac.c.last_name.label("reviewer_last_name"),
                ac.c.first_name.label("reviewer_first_name"),
                rl.c.competence_id.label("level_competence_id"),
                type_coerce(rl.c.level, String).label("level"),
            )
            .select_from(rv)
            .outerjoin(rl, rl.c.competence_review_id == rv.c.id)
            .outerjoin(ac, ac.c.id == rv.c.author_id)
            .where(rv.c.apprentice_id == apprentice_id, rv.c.status == ReviewStatus.VALIDATED)
            .order_by(rv.c.reviewed_on, rv.c.id)
        )
        self.areas = (
            select(
                aa.c.id.label("area_id"),
                aa.c.code.label("area_code"),
                aa.c.label.label("area_label"),
                ta.c.id.label("task_id"),
                ta.c.code.label("task_code"),
                ta.c.label.label("task_label"),
                aa.c.position.label("area_position"),
                ta.c.position.label("task_position"),
            )
            .select_from(aa)
            .outerjoin(ta, ta.c.activity_area_id == aa.c.id)
            .where(aa.c.framework_id == framework)
            .order_by(aa.c.position, aa.c.id, ta.c.position, ta.c.id)
        )
        # The weeks: the company weeks of his periods (no task: the period's dates, whose
        # ISO weeks are those of its sheets still in the period, and its school year), and
        # every task log (a task and an origin). The periods come from the portfolios, not
        # the sheets: the dashboard is apprentice-wide, while a period's sheets are read by
        # its tutor only (a new tutor's server login does not see the previous employer's).
        no_date = cast(null(), Date)
        self.weeks = union_all(
            select(
                no_int.label("task_id"),
                no_int.label("iso_year"),
                no_int.label("iso_week"),
                sc.c.school_year_id,
                no_text.label("origin"),
                pe.c.start_date,
                pe.c.end_date,
            )
            .select_from(pf)
            .join(pe, pe.c.id == pf.c.period_id)
            .join(sc, sc.c.id == pe.c.school_class_id)
            .where(pf.c.apprentice_id == apprentice_id),
            select(
                tl.c.task_id,
                tl.c.iso_year,
                tl.c.iso_week,
                no_int,
                type_coerce(tl.c.origin, String),
                no_date,
                no_date,
            ).where(tl.c.apprentice_id == apprentice_id),
        )
        # Each view's parts as one statement.
        self.competence_view = TaggedUnion(
            {
                "context": self.context,
                "framework": self.framework,
                "grids": self.grids,
                "ratings": self.ratings,
                "reviews": self.reviews,
            },
            order={
                "context": _context_order,
                "framework": lambda r: nulls_last(
                    r.kind, r.position, r.id, r.sub_position, r.sub_id
                ),
                "grids": lambda r: (r.rated_on, r.grid_id),
                "reviews": lambda r: (r.reviewed_on, r.review_id),
            },
        )
        self.activities_view = TaggedUnion(
            {"context": self.context, "areas": self.areas, "weeks": self.weeks},
            order={
                "context": _context_order,
                "areas": lambda r: nulls_last(
                    r.area_position, r.area_id, r.task_position, r.task_id
                ),
            },
        )


def _context_order(row: Row) -> tuple:
    return nulls_last(row.start_date, row.year_id, row.class_id)


_RESULTS = {result.value: result for result in RatingResult}
_LEVELS = {level.value: level for level in CompetenceLevel}
_ORIGINS = {origin.value: origin for origin in Origin}
_KINDS = {kind.value: kind for kind in GridKind}


@cache
def _queries() -> _Queries:
    return _Queries()


def competence_snapshot(store: Store, actor: Actor, apprentice_id: int) -> CompetenceSnapshot:
    """The competence view's data for one apprentice (READ_DASHBOARD; 2 statements: the
    permission check, and everything the view shows)."""
    union = _queries().competence_view
    with store.read() as session:
        scope = authorize(session, actor, Action.READ_DASHBOARD, apprentice_id)
        assert scope is not None
        rows = union.split(
            session.connection().execute(union.statement, {"apprentice_id": apprentice_id})
        )
    header, years = _context(rows["context"], apprentice_id)
    units, competences = _framework(rows["framework"])
    grid_rows, rating_rows, review_rows = rows["grids"], rows["ratings"], rows["reviews"]

    reviews: list[ReviewInfo] = []
    levels: dict[int, dict[int, CompetenceLevel]] = {}
    for review_id, origin, reviewed_on, last, first, competence_id, level in review_rows:
        if review_id not in levels:
            levels[review_id] = {}
            reviews.append(
                ReviewInfo(
                    review_id,
                    _ORIGINS[origin],
                    reviewed_on,
                    person_name(last, first),
                    MappingProxyType(levels[review_id]),
                )
            )
        if competence_id is not None:
            levels[review_id][competence_id] = _LEVELS[level]
    latest = max((r.reviewed_on for r in reviews), default=None)
    # Keyed by the origins' values, as the grid rows give them.
    may_rate = {
        Origin.CENTRE.value: can(actor, Action.RATE_IN_CENTRE, scope),
        Origin.COMPANY.value: can(actor, Action.RATE_IN_COMPANY, scope),
    }
    me = actor.account_id
    grids = []
    for row in grid_rows:
        grid_id, origin, kind, rated_on, title, author_id, version, last, first, review = row
        taken = latest is not None and rated_on <= latest
        grids.append(
            GridInfo(
                grid_id,
                _ORIGINS[origin],
                _KINDS[kind],
                rated_on,
                title or "",
                author_id,
                person_name(last, first),
                version,
                taken,
                not taken and author_id == me and may_rate[origin] and review is None,
                review is not None,
            )
        )
    ratings: dict[tuple[int, int], RatingResult] = {}
    remarks: dict[tuple[int, int], str] = {}
    for grid_id, criterion_id, result, remark in rating_rows:
        ratings[grid_id, criterion_id] = _RESULTS[result]
        if remark:
            remarks[grid_id, criterion_id] = remark
    return CompetenceSnapshot(
        apprentice=header,
        units=units,
        competences=competences,
        grids=tuple(grids),
        ratings=MappingProxyType(ratings),
        remarks=MappingProxyType(remarks),
        reviews=tuple(reviews),
        school_years=years,
        latest_validated_review_on=latest,
        can_rate_in_centre=may_rate[Origin.CENTRE.value],
        can_rate_in_company=may_rate[Origin.COMPANY.value],
    )


def activities_snapshot(store: Store, actor: Actor, apprentice_id: int) -> ActivitiesSnapshot:
    """The activities view's data for one apprentice (READ_DASHBOARD; 2 statements: the
    permission check, and everything the view shows)."""
    union = _queries().activities_view
    with store.read() as session:
        authorize(session, actor, Action.READ_DASHBOARD, apprentice_id)
        rows = union.split(
            session.connection().execute(union.statement, {"apprentice_id": apprentice_id})
        )
    header, years = _context(rows["context"], apprentice_id)
    areas = _areas(rows["areas"])
    week_rows = rows["weeks"]

    company_year: dict[tuple[int, int], int] = {}
    done: set[tuple[int, int, int, Origin]] = set()
    for task_id, iso_year, iso_week, school_year_id, origin, start, end in week_rows:
        if task_id is None:
            for week in iso_weeks(start, end):
                company_year.setdefault((week.year, week.week), school_year_id)
        else:
            done.add((task_id, iso_year, iso_week, _ORIGINS[origin]))
    keys = {(y, w, Origin.COMPANY) for (y, w) in company_year}
    keys.update([(y, w, origin) for _, y, w, origin in done])
    by_id = {y.id: y for y in years}
    weeks = []
    for iso_year, iso_week, origin in sorted(keys, key=_key_order):
        # A week belongs to the school year of the period it is part of; else to the one
        # holding its Thursday (the ISO rule for which year a week belongs to).
        year = by_id.get(company_year.get((iso_year, iso_week), -1)) or _year_of(
            years, date.fromisocalendar(iso_year, iso_week, 4)
        )
        weeks.append(
            WeekColumn(
                iso_year,
                iso_week,
                0 if origin is Origin.COMPANY else 1,
                origin,
                year.group_label if year is not None else "",
                year.id if year is not None else None,
            )
        )
    return ActivitiesSnapshot(
        apprentice=header,
        areas=areas,
        weeks=tuple(weeks),
        done=frozenset(done),
        school_years=years,
    )


def _key_order(key: tuple[int, int, Origin]) -> tuple[int, int, bool]:
    """Weeks in order, the company's before the centre's (as `WeekColumn.origin_rank`)."""
    return (key[0], key[1], key[2] is not Origin.COMPANY)


def _context(
    rows: Sequence[Row], apprentice_id: int
) -> tuple[ApprenticeHeader, tuple[SchoolYearInfo, ...]]:
    """The header (from the first row) and the school years (one or more rows each)."""
    if not rows:  # deleted between the permission check and this read
        raise NotFound("Cet apprenti n'existe pas (ou plus).")
    last, first, class_name, level_label, diploma, centre, class_id = rows[0][:7]
    header = ApprenticeHeader(
        apprentice_id,
        person_name(last, first),
        class_name or "",
        level_label or "",
        diploma or "",
        centre or "",
        class_id,
    )
    years: dict[int, SchoolYearInfo] = {}
    for row in rows:
        year_id, label, start, end, his_class_id, his_class_name, his_level_label = row[7:]
        if year_id is None:
            continue  # no school year at all
        if year_id not in years or (his_class_id is not None and not years[year_id].class_label):
            class_label = (
                (his_level_label or his_class_name or "") if his_class_id is not None else ""
            )
            years[year_id] = SchoolYearInfo(year_id, label, start, end, class_label)
    return header, tuple(years.values())


def _framework(rows: Sequence[Row]) -> tuple[tuple[UnitInfo, ...], tuple[CompetenceInfo, ...]]:
    """The units (kind 1 rows) and the competences with their criteria (kind 0 rows)."""
    competences: dict[int, tuple[str, str, list[CriterionInfo]]] = {}
    units: dict[int, tuple[str, str, list[int]]] = {}
    for kind, item_id, code, label, sub_id, sub_code, sub_label, *_position in rows:
        if kind == 0:
            competence = competences.setdefault(item_id, (code, label, []))
            if sub_id is not None:
                competence[2].append(CriterionInfo(sub_id, sub_code, sub_label))
        else:
            unit = units.setdefault(item_id, (code, label, []))
            if sub_id is not None:
                unit[2].append(sub_id)
    return (
        tuple(UnitInfo(i, code, label, tuple(ids)) for i, (code, label, ids) in units.items()),
        tuple(
            CompetenceInfo(i, code, label, tuple(criteria))
            for i, (code, label, criteria) in competences.items()
        ),
    )


def _areas(rows: Sequence[Row]) -> tuple[AreaInfo, ...]:
    ordered: dict[int, tuple[str, str, list[TaskInfo]]] = {}
    for aid, code, label, task_id, task_code, task_label, *_position in rows:
        entry = ordered.setdefault(aid, (code, label, []))
        if task_id is not None:
            entry[2].append(TaskInfo(task_id, task_code, task_label))
    return tuple(
        AreaInfo(aid, code, label, tuple(tasks)) for aid, (code, label, tasks) in ordered.items()
    )
