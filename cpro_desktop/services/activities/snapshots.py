"""The frozen snapshots module 1's services return (no ORM object ever leaves a service).

Instants are timezone-aware UTC; dates are calendar dates. Every `label` property gives the
French text the seed prints. `can_*` flags say what the permission policy allows the reader
on that apprentice, so that a view only hides what a service would refuse anyway.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property
from types import MappingProxyType

from cpro_desktop.models.enums import (
    AUTONOMY_LABELS,
    RATING_RESULT_LABELS,
    AttachmentKind,
    Autonomy,
    RatingResult,
)

from .labels import (
    IsoWeek,
    apprentice_label,
    period_dates_label,
    period_label,
    portfolio_label,
    sheet_label,
    size_label,
)

# -- the framework ----------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRef:
    """A professional task of the framework ("T1.1 Diagnostiquer les pannes")."""

    id: int
    code: str
    label: str
    area_id: int

    @property
    def title(self) -> str:
        return f"{self.code} {self.label}"


@dataclass(frozen=True)
class AreaTasks:
    """An activity area and its tasks, in framework order."""

    id: int
    code: str
    label: str
    tasks: tuple[TaskRef, ...]


@dataclass(frozen=True)
class CriterionRef:
    """An observable criterion of a competence."""

    id: int
    code: str
    label: str
    competence_id: int


@dataclass(frozen=True)
class CompetenceRef:
    """A competence of the framework with its criteria, in framework order."""

    id: int
    code: str
    label: str
    criteria: tuple[CriterionRef, ...]

    @property
    def title(self) -> str:
        """ "C1 - Analyser les conditions de l'opération et son contexte"."""
        return f"{self.code} - {self.label}"


# -- people and places --------------------------------------------------------------------


@dataclass(frozen=True)
class CompanyInfo:
    """The host company (entreprise d'accueil), with its location for the map."""

    id: int
    name: str
    address: str
    postcode: str
    city: str
    phone: str
    email: str
    latitude: float | None
    longitude: float | None

    @property
    def full_address(self) -> str:
        """ "8 avenue Pasteur, 93100 Montreuil"."""
        town = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (self.address.strip(), town) if p)

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class PersonInfo:
    """A tutor or a trainer as the logbook shows him."""

    id: int
    name: str
    job_title: str
    phone: str
    email: str


# -- periods --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodDraft:
    """What a trainer types to create or change a period and its plan (fiche pédagogique)."""

    name: str
    start_date: date
    end_date: date
    objectives: str = ""
    planned_activities: str = ""
    planned_task_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PlanInfo:
    """The period plan, read-only outside period management."""

    objectives: str
    planned_activities: str
    planned_tasks: tuple[TaskRef, ...]


@dataclass(frozen=True)
class PeriodDetail:
    """A period as its edit form shows it: dates, plan, the class's framework tasks.

    Pass `version` and `plan_version` back to `update_period()`.
    """

    id: int
    school_class_id: int
    class_name: str
    name: str
    start_date: date
    end_date: date
    version: int
    plan_version: int | None
    plan: PlanInfo
    framework: tuple[AreaTasks, ...]
    weeks: tuple[IsoWeek, ...]
    portfolio_count: int
    retired_sheet_count: int

    @property
    def planned_task_ids(self) -> frozenset[int]:
        return frozenset(t.id for t in self.plan.planned_tasks)

    @property
    def label(self) -> str:
        return period_label(self.name, self.start_date, self.end_date, len(self.weeks))


@dataclass(frozen=True)
class GenerationReport:
    """What saving a period (or `ensure_portfolios()`) did to portfolios and sheets."""

    portfolios_created: int = 0
    sheets_created: int = 0
    sheets_deleted: int = 0
    sheets_retired: int = 0
    sheets_restored: int = 0

    def __add__(self, other: GenerationReport) -> GenerationReport:
        return GenerationReport(
            self.portfolios_created + other.portfolios_created,
            self.sheets_created + other.sheets_created,
            self.sheets_deleted + other.sheets_deleted,
            self.sheets_retired + other.sheets_retired,
            self.sheets_restored + other.sheets_restored,
        )


@dataclass(frozen=True)
class PeriodSaved:
    """The result of `create_period()` / `update_period()`."""

    period: PeriodDetail
    generation: GenerationReport


# -- "Vue par périodes" / "Vue par apprenants" ----------------------------------------------


@dataclass(frozen=True)
class ActivityClass:
    """A class in the "Vue par périodes" picker."""

    id: int
    name: str
    level_label: str
    school_year: str
    is_current_year: bool
    can_manage_periods: bool


@dataclass(frozen=True)
class PeriodEntry:
    """A period of a class: "PFMP1 - 1er BCP [du 05/09/2022 au 18/09/2022] [2 fiches]".

    `week_count` is the number of ISO weeks the period touches (= sheets per portfolio);
    `portfolio_count` and `unread_count` only count the portfolios the reader may read.
    """

    id: int
    school_class_id: int
    class_name: str
    name: str
    start_date: date
    end_date: date
    week_count: int
    portfolio_count: int
    unread_count: int

    @property
    def label(self) -> str:
        return period_label(self.name, self.start_date, self.end_date, self.week_count)


@dataclass(frozen=True)
class PortfolioEntry:
    """One apprentice × one period, with its counts (non-retired sheets only).

    `label` is the folder of the period view ("AZZOUG Mina (1MELEC) [2 fiches complétées]"),
    `period_label` the line of the apprentice view ("PFMP1 - 1er BCP [du … au …] [2 fiches]").
    A sheet is completed when the apprentice wrote something on it (`has_content`).
    """

    id: int
    apprentice_id: int
    apprentice_name: str
    class_name: str
    period_id: int
    period_name: str
    start_date: date
    end_date: date
    sheet_count: int
    completed_count: int
    unread_count: int
    retired_count: int

    @property
    def label(self) -> str:
        return portfolio_label(self.apprentice_name, self.class_name, self.completed_count)

    @property
    def period_label(self) -> str:
        return period_label(self.period_name, self.start_date, self.end_date, self.sheet_count)


@dataclass(frozen=True)
class PeriodPortfolios:
    """The right-hand side of the period view: one folder per apprentice the reader may read."""

    period: PeriodEntry
    portfolios: tuple[PortfolioEntry, ...]
    can_manage_periods: bool


@dataclass(frozen=True)
class PeriodsOverview:
    """The period view as it opens: the classes of its picker, the periods of the first one,
    and the folders of the period it opens on (None: no class, or a class without periods)."""

    classes: tuple[ActivityClass, ...]
    periods: tuple[PeriodEntry, ...]
    opened: PeriodPortfolios | None


@dataclass(frozen=True)
class ApprenticePortfolios:
    """The apprentice view: "AZZOUG Mina (1MELEC) [3 pfmps]" and his portfolios by date."""

    apprentice_id: int
    apprentice_name: str
    class_name: str
    portfolios: tuple[PortfolioEntry, ...]

    @property
    def unread_count(self) -> int:
        return sum(p.unread_count for p in self.portfolios)

    @property
    def label(self) -> str:
        return apprentice_label(self.apprentice_name, self.class_name, len(self.portfolios))


@dataclass(frozen=True)
class SheetEntry:
    """A sheet in a portfolio's list, with the reader's read state.

    `unread` (green title): the apprentice created or changed it since this reader last
    opened it; never for the apprentice himself. `retired`: its week left the period but it
    holds content (shown flagged; only `delete_retired_sheet()` removes it).
    """

    id: int
    iso_year: int
    iso_week: int
    title: str
    last_change: datetime
    unread: bool
    retired: bool
    has_content: bool
    attachment_count: int
    comment_count: int

    @property
    def week(self) -> IsoWeek:
        return IsoWeek(self.iso_year, self.iso_week)

    @property
    def label(self) -> str:
        return sheet_label(self.iso_year, self.iso_week, self.last_change)


@dataclass(frozen=True)
class PortfolioSheets:
    """A portfolio opened in either view: its sheets in week order (retired ones included)."""

    portfolio: PortfolioEntry
    sheets: tuple[SheetEntry, ...]
    can_write: bool
    can_annotate: bool
    can_review: bool
    can_manage_periods: bool


# -- one sheet ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetTexts:
    """What the apprentice writes on a sheet (pages Contexte and Description)."""

    title: str = ""
    autonomy: Autonomy | None = None
    activity_area_id: int | None = None
    context: str = ""
    description: str = ""
    reflective_analysis: str = ""

    @property
    def autonomy_label(self) -> str:
        return AUTONOMY_LABELS[self.autonomy] if self.autonomy else ""


@dataclass(frozen=True)
class SheetLinks:
    """The page "Liaison avec le référentiel": tasks ticked, competences and criteria linked."""

    task_ids: frozenset[int] = frozenset()
    competence_ids: frozenset[int] = frozenset()
    criterion_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CommentEntry:
    """A tutor's or trainer's comment; `is_mine` if the reader wrote it (he may edit it)."""

    id: int
    author_id: int | None
    author_name: str
    body: str
    created_at: datetime
    updated_at: datetime
    version: int
    is_mine: bool


@dataclass(frozen=True)
class AttachmentEntry:
    """An attachment without its bytes (those come from `fetch_attachment()`)."""

    id: int
    kind: AttachmentKind
    name: str
    media_type: str
    size_bytes: int
    url: str | None
    added_by_name: str
    created_at: datetime

    @property
    def is_file(self) -> bool:
        return self.kind == AttachmentKind.FILE

    @property
    def size_label(self) -> str:
        return size_label(self.size_bytes) if self.is_file else ""


@dataclass(frozen=True)
class AttachmentFile:
    """A file attachment's bytes, checked against its SHA-256."""

    id: int
    name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class SheetSnapshot:
    """Everything the four pages of a sheet and its comments show.

    `version` goes back to `save_sheet()`; `links` back to `link_sheet()` as `links_read`
    (and `links.task_ids` to `save_sheet()` as `task_ids_read`). `framework` and
    `competences` are the choices of the link page, in framework order.
    """

    id: int
    portfolio_id: int
    apprentice_id: int
    apprentice_name: str
    class_name: str
    period_id: int
    period_name: str
    iso_year: int
    iso_week: int
    version: int
    texts: SheetTexts
    activity_area_label: str
    links: SheetLinks
    retired: bool
    created_at: datetime
    last_change: datetime
    company: CompanyInfo | None
    comments: tuple[CommentEntry, ...]
    attachments: tuple[AttachmentEntry, ...]
    framework: tuple[AreaTasks, ...]
    competences: tuple[CompetenceRef, ...]
    can_write: bool
    can_annotate: bool
    #: This opening marked the sheet read for the reader: it was unread (green) for him.
    #: The lists showing it turn it black and lower their counts without reading again.
    marked_read: bool = False

    @property
    def label(self) -> str:
        return sheet_label(self.iso_year, self.iso_week, self.last_change)

    @property
    def attachment_count(self) -> int:
        """The blue counter of the page "Annexes associées"."""
        return len(self.attachments)


# -- logbook --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogbookTexts:
    """Page 1 of the logbook as the apprentice writes it."""

    place_of_work: str = ""
    contacts: str = ""
    presentation: str = ""


@dataclass(frozen=True)
class TaskCell:
    """A ticked cell of the weekly task grid (a company TaskLog entry)."""

    task_id: int
    week: IsoWeek
    recorded_by_id: int | None
    recorded_by_name: str
    by_apprentice: bool


@dataclass(frozen=True)
class TaskGrid:
    """Rows = framework tasks by area; columns = the period's weeks; cells = company TaskLogs.

    Give `cells` back to `save_task_grid()` as `cells_read`.
    """

    areas: tuple[AreaTasks, ...]
    weeks: tuple[IsoWeek, ...]
    entries: tuple[TaskCell, ...]

    @cached_property
    def cells(self) -> frozenset[tuple[int, IsoWeek]]:
        """The ticked (task id, week) pairs."""
        return frozenset(self._by_cell)

    @cached_property
    def _by_cell(self) -> dict[tuple[int, IsoWeek], TaskCell]:
        return {(c.task_id, c.week): c for c in self.entries}

    def cell(self, task_id: int, week: IsoWeek) -> TaskCell | None:
        """The tick of a cell, if any (a look-up: the grid's model asks at each paint)."""
        return self._by_cell.get((task_id, week))


@dataclass(frozen=True)
class RatedCriterion:
    """A criterion of the period review form, with its current result (None = not rated)."""

    id: int
    code: str
    label: str
    competence_id: int
    linked_directly: bool
    result: RatingResult | None

    @property
    def result_label(self) -> str:
        return RATING_RESULT_LABELS[self.result] if self.result else ""


@dataclass(frozen=True)
class ReviewCompetence:
    """A competence of the review form: linked on a sheet (`linked`) or through a criterion."""

    id: int
    code: str
    label: str
    linked: bool
    criteria: tuple[RatedCriterion, ...]

    @property
    def title(self) -> str:
        return f"{self.code} - {self.label}"


@dataclass(frozen=True)
class PeriodReviewForm:
    """The period review (bilan de la période / bilan entreprise) of one portfolio.

    `competences` holds the criteria gathered from the period's (non-retired) sheets, see
    `gathered_criteria()`, in framework order, with their current results. The same
    snapshot feeds "print the blank form" (ignore `appreciation` and the results there).
    `review_id` is None until the first save; pass `version` (None then) back to
    `save_period_review()`.
    """

    portfolio_id: int
    apprentice_id: int
    apprentice_name: str
    class_name: str
    diploma_name: str
    period_name: str
    start_date: date
    end_date: date
    company: CompanyInfo | None
    tutor: PersonInfo | None
    trainer: PersonInfo | None
    review_id: int | None
    version: int | None
    appreciation: str
    reviewed_on: date | None
    author_name: str
    rating_grid_id: int | None
    competences: tuple[ReviewCompetence, ...]
    can_write: bool

    @property
    def criterion_ids(self) -> frozenset[int]:
        return frozenset(c.id for comp in self.competences for c in comp.criteria)

    @property
    def ratings(self) -> Mapping[int, RatingResult]:
        return MappingProxyType(
            {c.id: c.result for comp in self.competences for c in comp.criteria if c.result}
        )

    @property
    def period_label(self) -> str:
        return period_dates_label(self.period_name, self.start_date, self.end_date)


class LogbookPart(enum.StrEnum):
    """What a page of the logbook wizard reads beyond the logbook's header (the portfolio,
    its company and people, page 1's texts, the reader's rights), read when it is shown."""

    PLAN = "plan"  # page 2
    WEEKLY = "weekly"  # page 4
    ATTACHMENTS = "attachments"  # page 5
    REVIEW = "review"  # page 6


@dataclass(frozen=True)
class LogbookSnapshot:
    """The six pages of the logbook wizard of one portfolio, or the part of them read
    (`logbook_parts()`: a part not read is None).

    1 Entreprise d'accueil: `company`, `tutor`, `texts` (+ `logbook_version` for saving);
    2 Objectifs de la période: `plan` (read-only);
    3 Géolocalisation: `company` (address, latitude, longitude);
    4 Activités hebdomadaires: `sheets` and `task_grid`;
    5 Annexes associées: `attachments` (of the logbook);
    6 Bilan de la période: `review`.
    """

    portfolio: PortfolioEntry
    logbook_id: int | None
    logbook_version: int | None
    texts: LogbookTexts
    company: CompanyInfo | None
    tutor: PersonInfo | None
    referent: PersonInfo | None
    plan: PlanInfo | None
    sheets: tuple[SheetEntry, ...] | None
    task_grid: TaskGrid | None
    attachments: tuple[AttachmentEntry, ...] | None
    review: PeriodReviewForm | None
    can_write: bool
    can_annotate: bool
    can_review: bool

    def has(self, part: LogbookPart) -> bool:
        """Whether `part` was read."""
        return {
            LogbookPart.PLAN: self.plan,
            LogbookPart.WEEKLY: self.task_grid,
            LogbookPart.ATTACHMENTS: self.attachments,
            LogbookPart.REVIEW: self.review,
        }[part] is not None

    def merged(self, newer: LogbookSnapshot) -> LogbookSnapshot:
        """`newer` (read later), with the parts it did not read taken from this one."""
        return replace(
            newer,
            plan=self.plan if newer.plan is None else newer.plan,
            sheets=self.sheets if newer.sheets is None else newer.sheets,
            task_grid=self.task_grid if newer.task_grid is None else newer.task_grid,
            attachments=self.attachments if newer.attachments is None else newer.attachments,
            review=self.review if newer.review is None else newer.review,
        )


# -- printing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedSheet:
    """A sheet as the printed logbook shows it."""

    id: int
    iso_year: int
    iso_week: int
    label: str
    retired: bool
    texts: SheetTexts
    activity_area_label: str
    tasks: tuple[TaskRef, ...]
    competences: tuple[CompetenceRef, ...]
    criteria: tuple[CriterionRef, ...]
    comments: tuple[CommentEntry, ...]
    attachments: tuple[AttachmentEntry, ...]


@dataclass(frozen=True)
class LogbookPrint:
    """Everything the printed logbook of one portfolio needs (see `logbook_print_snapshot`)."""

    centre_name: str
    apprentice_name: str
    class_name: str
    diploma_name: str
    period_name: str
    start_date: date
    end_date: date
    company: CompanyInfo | None
    tutor: PersonInfo | None
    referent: PersonInfo | None
    plan: PlanInfo
    logbook: LogbookTexts
    logbook_attachments: tuple[AttachmentEntry, ...]
    sheets: tuple[PrintedSheet, ...]
    task_grid: TaskGrid
    review: PeriodReviewForm
    printed_at: datetime

    @property
    def period_label(self) -> str:
        return period_dates_label(self.period_name, self.start_date, self.end_date)
