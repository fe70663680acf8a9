"""SQL building blocks shared by module 1's services: content and read-state clauses, the
store's clock, the framework of a class, and the loaders that turn rows into snapshots.

Every loader here is one statement whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.portfolio import NEVER_CHANGED
from cpro_desktop.services.permissions import Action, Actor, ApprenticeScope, can
from cpro_desktop.store.errors import NotFound

from .snapshots import (
    AreaTasks,
    AttachmentEntry,
    CommentEntry,
    CompanyInfo,
    CompetenceRef,
    CriterionRef,
    PersonInfo,
    PlanInfo,
    PortfolioEntry,
    SheetEntry,
    SheetLinks,
    TaskRef,
)
from .union import nulls_last

# -- clauses --------------------------------------------------------------------------------


def sheet_has_text() -> ColumnElement[bool]:
    """SQL twin of `ActivitySheet.has_content`: the apprentice wrote something on it."""
    s = m.ActivitySheet
    return or_(
        s.title != "",
        s.context != "",
        s.description != "",
        s.reflective_analysis != "",
        s.autonomy.is_not(None),
        s.activity_area_id.is_not(None),
    )


def sheet_is_empty() -> ColumnElement[bool]:
    """Nothing on the sheet at all: no text, no comment, attachment, task or link.

    Only such a sheet may be deleted when its week leaves the period.
    """
    sid = m.ActivitySheet.id
    return and_(
        not_(sheet_has_text()),
        ~exists().where(m.Comment.activity_sheet_id == sid),
        ~exists().where(m.Attachment.activity_sheet_id == sid),
        ~exists().where(m.sheet_tasks.c.activity_sheet_id == sid),
        ~exists().where(m.sheet_competences.c.activity_sheet_id == sid),
        ~exists().where(m.sheet_criteria.c.activity_sheet_id == sid),
    )


def sheet_unread_by(reader_id: int) -> ColumnElement[bool]:
    """The apprentice changed the sheet after `reader_id` last read it (or he never did).

    A sheet the apprentice never touched (`NEVER_CHANGED`) is never unread. The caller
    excludes the apprentice's own sheets (see `not_own_apprentice`).
    """
    s = m.ActivitySheet
    return and_(
        s.apprentice_changed_at > NEVER_CHANGED,
        ~exists().where(
            m.ReadMark.reader_id == reader_id,
            m.ReadMark.activity_sheet_id == s.id,
            m.ReadMark.read_at >= s.apprentice_changed_at,
        ),
    )


def not_own_apprentice(reader_id: int) -> ColumnElement[bool]:
    """The apprentice row is not the reader himself (an apprentice never has unread sheets)."""
    return or_(m.Apprentice.account_id.is_(None), m.Apprentice.account_id != reader_id)


def store_now(session: Session) -> datetime:
    """The current instant by the store's clock when it is shared (PostgreSQL), so that the
    read state compares instants of one clock whatever each workstation's; on SQLite (one
    machine) the local clock."""
    if session.get_bind().dialect.name == "postgresql":
        value = session.scalar(select(func.clock_timestamp()))
        assert value is not None
        return value if value.tzinfo else value.replace(tzinfo=utcnow().tzinfo)
    return utcnow()


def permissions(actor: Actor, scope: ApprenticeScope | None) -> tuple[bool, bool, bool]:
    """(can write own work, can annotate, can write the period review) on the scope."""
    if scope is None:
        return False, False, False
    return (
        can(actor, Action.WRITE_OWN_WORK, scope),
        can(actor, Action.ANNOTATE_WORK, scope),
        can(actor, Action.WRITE_PERIOD_REVIEW, scope),
    )


# -- framework ------------------------------------------------------------------------------


def class_framework_id(session: Session, school_class_id: int) -> int | None:
    """The framework of the class's diploma (None if the diploma has none yet)."""
    return session.scalar(
        select(m.Framework.id)
        .join(m.SchoolClass, m.SchoolClass.diploma_id == m.Framework.diploma_id)
        .where(m.SchoolClass.id == school_class_id)
    )


def areas_select(framework_id: Any) -> Select[Any]:
    """The framework's activity areas beside each of their tasks (`framework_id`: a value
    or a scalar sub-query), in framework order; see `areas_from()`."""
    return (
        select(
            m.ActivityArea.id.label("area_id"),
            m.ActivityArea.code.label("area_code"),
            m.ActivityArea.label.label("area_label"),
            m.ActivityArea.position.label("area_position"),
            m.Task.id.label("task_id"),
            m.Task.code.label("task_code"),
            m.Task.label.label("task_label"),
            m.Task.position.label("task_position"),
        )
        .outerjoin(m.Task, m.Task.activity_area_id == m.ActivityArea.id)
        .where(m.ActivityArea.framework_id == framework_id)
        .order_by(m.ActivityArea.position, m.ActivityArea.id, m.Task.position, m.Task.id)
    )


def area_order(row: Any) -> tuple:
    """The framework order of `areas_select()` rows, for `TaggedUnion`."""
    return nulls_last(row.area_position, row.area_id, row.task_position, row.task_id)


def areas_from(rows: Iterable[Any]) -> tuple[AreaTasks, ...]:
    """The areas and their tasks from `areas_select()` rows in framework order."""
    areas: dict[int, tuple[str, str, list[TaskRef]]] = {}
    for row in rows:
        entry = areas.setdefault(row.area_id, (row.area_code, row.area_label, []))
        if row.task_id is not None:
            entry[2].append(TaskRef(row.task_id, row.task_code, row.task_label, row.area_id))
    return tuple(
        AreaTasks(area_id, code, label, tuple(tasks))
        for area_id, (code, label, tasks) in areas.items()
    )


def load_areas(session: Session, framework_id: int | None) -> tuple[AreaTasks, ...]:
    """The framework's activity areas and their tasks, in framework order (one query)."""
    if framework_id is None:
        return ()
    return areas_from(session.execute(areas_select(framework_id)).all())


def competences_select(framework_id: Any) -> Select[Any]:
    """The framework's competences beside each of their criteria (`framework_id`: a value
    or a scalar sub-query), in framework order; see `competences_from()`."""
    return (
        select(
            m.Competence.id.label("competence_id"),
            m.Competence.code.label("competence_code"),
            m.Competence.label.label("competence_label"),
            m.Competence.position.label("competence_position"),
            m.Criterion.id.label("criterion_id"),
            m.Criterion.code.label("criterion_code"),
            m.Criterion.label.label("criterion_label"),
            m.Criterion.position.label("criterion_position"),
        )
        .outerjoin(m.Criterion, m.Criterion.competence_id == m.Competence.id)
        .where(m.Competence.framework_id == framework_id)
        .order_by(m.Competence.position, m.Competence.id, m.Criterion.position, m.Criterion.id)
    )


def competence_order(row: Any) -> tuple:
    """The framework order of `competences_select()` rows, for `TaggedUnion`."""
    return nulls_last(
        row.competence_position, row.competence_id, row.criterion_position, row.criterion_id
    )


def competences_from(rows: Iterable[Any]) -> tuple[CompetenceRef, ...]:
    """The competences and their criteria from `competences_select()` rows in order."""
    competences: dict[int, tuple[str, str, list[CriterionRef]]] = {}
    for row in rows:
        entry = competences.setdefault(
            row.competence_id, (row.competence_code, row.competence_label, [])
        )
        if row.criterion_id is not None:
            entry[2].append(
                CriterionRef(
                    row.criterion_id, row.criterion_code, row.criterion_label, row.competence_id
                )
            )
    return tuple(
        CompetenceRef(cid, code, label, tuple(criteria))
        for cid, (code, label, criteria) in competences.items()
    )


def load_competences(session: Session, framework_id: int | None) -> tuple[CompetenceRef, ...]:
    """The framework's competences and their criteria, in framework order (one query)."""
    if framework_id is None:
        return ()
    return competences_from(session.execute(competences_select(framework_id)).all())


def plan_select(period_id: Any) -> Select[Any]:
    """The period's plan beside each of its planned tasks (`period_id`: a value or a scalar
    sub-query), in framework order; see `plan_from()`."""
    return (
        select(
            m.PeriodPlan.objectives,
            m.PeriodPlan.planned_activities,
            m.PeriodPlan.version.label("plan_version"),
            m.Task.id.label("planned_task_id"),
            m.Task.code.label("planned_task_code"),
            m.Task.label.label("planned_task_label"),
            m.Task.activity_area_id.label("planned_task_area_id"),
            m.ActivityArea.position.label("planned_area_position"),
            m.Task.position.label("planned_task_position"),
        )
        .select_from(m.PeriodPlan)
        .outerjoin(m.period_plan_tasks, m.period_plan_tasks.c.period_plan_id == m.PeriodPlan.id)
        .outerjoin(m.Task, m.Task.id == m.period_plan_tasks.c.task_id)
        .outerjoin(m.ActivityArea, m.ActivityArea.id == m.Task.activity_area_id)
        .where(m.PeriodPlan.period_id == period_id)
        .order_by(m.ActivityArea.position, m.Task.position, m.Task.id)
    )


def plan_order(row: Any) -> tuple:
    """The framework order of `plan_select()` rows, for `TaggedUnion`."""
    return nulls_last(row.planned_area_position, row.planned_task_position, row.planned_task_id)


def plan_from(rows: Sequence[Any]) -> tuple[PlanInfo, int | None]:
    """The plan and its version from `plan_select()` rows in order (none: no plan yet)."""
    if not rows:
        return PlanInfo("", "", ()), None
    tasks = tuple(
        TaskRef(
            r.planned_task_id, r.planned_task_code, r.planned_task_label, r.planned_task_area_id
        )
        for r in rows
        if r.planned_task_id is not None
    )
    return PlanInfo(rows[0].objectives, rows[0].planned_activities, tasks), rows[0].plan_version


def load_plan(session: Session, period_id: int) -> tuple[PlanInfo, int | None]:
    """The period's plan with its planned tasks in framework order, and the plan's version."""
    return plan_from(session.execute(plan_select(period_id)).all())


def framework_ids(
    session: Session, framework_id: int | None, *, tasks: Iterable[int] = (),
    competences: Iterable[int] = (), criteria: Iterable[int] = (), areas: Iterable[int] = (),
) -> dict[str, set[int]]:  # fmt: skip
    """Which of the given ids belong to the framework, by kind (one query)."""
    wanted = {
        "task": set(tasks),
        "competence": set(competences),
        "criterion": set(criteria),
        "area": set(areas),
    }
    found: dict[str, set[int]] = {kind: set() for kind in wanted}
    if framework_id is None or not any(wanted.values()):
        return found
    parts = []
    if wanted["task"]:
        parts.append(
            select(literal("task").label("kind"), m.Task.id)
            .join(m.ActivityArea, m.ActivityArea.id == m.Task.activity_area_id)
            .where(m.ActivityArea.framework_id == framework_id, m.Task.id.in_(wanted["task"]))
        )
    if wanted["competence"]:
        parts.append(
            select(literal("competence").label("kind"), m.Competence.id).where(
                m.Competence.framework_id == framework_id,
                m.Competence.id.in_(wanted["competence"]),
            )
        )
    if wanted["criterion"]:
        parts.append(
            select(literal("criterion").label("kind"), m.Criterion.id)
            .join(m.Competence, m.Competence.id == m.Criterion.competence_id)
            .where(
                m.Competence.framework_id == framework_id,
                m.Criterion.id.in_(wanted["criterion"]),
            )
        )
    if wanted["area"]:
        parts.append(
            select(literal("area").label("kind"), m.ActivityArea.id).where(
                m.ActivityArea.framework_id == framework_id,
                m.ActivityArea.id.in_(wanted["area"]),
            )
        )
    statement = parts[0] if len(parts) == 1 else union_all(*parts)
    for kind, row_id in session.execute(statement).all():
        found[kind].add(row_id)
    return found


# -- people and places --------------------------------------------------------------------


def company_info(company: m.Company | None) -> CompanyInfo | None:
    if company is None:
        return None
    return CompanyInfo(
        company.id,
        company.name,
        company.address,
        company.postcode,
        company.city,
        company.phone,
        company.email,
        company.latitude,
        company.longitude,
    )


def person_info(account: m.Account | None) -> PersonInfo | None:
    if account is None:
        return None
    return PersonInfo(
        account.id, account.display_name, account.job_title, account.phone, account.email
    )


def display_name(last_name: str | None, first_name: str | None) -> str:
    """ "NOM Prénom" as the seed prints people ("" when unknown)."""
    if last_name is None:
        return ""
    return f"{last_name.upper()} {first_name or ''}".strip()


# -- lists ----------------------------------------------------------------------------------


def sheet_count(*conditions: ColumnElement[bool]):
    """The number of sheets of `Portfolio` matching `conditions` (a correlated sub-query)."""
    return (
        select(func.count(m.ActivitySheet.id))
        .where(m.ActivitySheet.portfolio_id == m.Portfolio.id, *conditions)
        .correlate(m.Portfolio)
        .scalar_subquery()
    )


def portfolio_entries(
    session: Session, reader_id: int, *conditions: ColumnElement[bool], order_by_period: bool
) -> tuple[PortfolioEntry, ...]:
    """Portfolios matching `conditions` (on Portfolio, Apprentice, Period) with their counts.

    One statement: the counts are correlated sub-queries on the sheets' unique index.
    """
    period_class = aliased(m.SchoolClass)
    not_retired = m.ActivitySheet.retired.is_(False)
    unread = case(
        (not_own_apprentice(reader_id), sheet_count(not_retired, sheet_unread_by(reader_id))),
        else_=0,
    )
    rows = session.execute(
        select(
            m.Portfolio.id,
            m.Portfolio.apprentice_id,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            period_class.name.label("class_name"),
            m.Period.id.label("period_id"),
            m.Period.name.label("period_name"),
            m.Period.start_date,
            m.Period.end_date,
            sheet_count(not_retired).label("sheets"),
            sheet_count(not_retired, sheet_has_text()).label("completed"),
            unread.label("unread"),
            sheet_count(m.ActivitySheet.retired.is_(True)).label("retired"),
        )
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .join(m.Period, m.Period.id == m.Portfolio.period_id)
        .join(period_class, period_class.id == m.Period.school_class_id)
        .where(*conditions)
        .order_by(
            *(
                (m.Period.start_date, m.Period.id, m.Apprentice.last_name)
                if order_by_period
                else (m.Apprentice.last_name, m.Apprentice.first_name, m.Apprentice.id)
            ),
            m.Portfolio.id,
        )
    ).all()
    return tuple(
        PortfolioEntry(
            id=r.id,
            apprentice_id=r.apprentice_id,
            apprentice_name=display_name(r.last_name, r.first_name),
            class_name=r.class_name,
            period_id=r.period_id,
            period_name=r.period_name,
            start_date=r.start_date,
            end_date=r.end_date,
            sheet_count=r.sheets,
            completed_count=r.completed,
            unread_count=r.unread,
            retired_count=r.retired,
        )
        for r in rows
    )


def sheet_columns(unread: ColumnElement[bool]) -> tuple[ColumnElement, ...]:
    """The columns of a `SheetEntry` (see `sheet_entry()`), `unread` being the reader's
    read state of `ActivitySheet`: attachment and comment counts are correlated sub-queries
    on their indexes, so that a list stays one statement."""
    s = m.ActivitySheet
    attachments = (
        select(func.count(m.Attachment.id))
        .where(m.Attachment.activity_sheet_id == s.id)
        .correlate(s)
        .scalar_subquery()
    )
    comments = (
        select(func.count(m.Comment.id))
        .where(m.Comment.activity_sheet_id == s.id)
        .correlate(s)
        .scalar_subquery()
    )
    return (
        s.id.label("sheet_id"),
        s.iso_year.label("iso_year"),
        s.iso_week.label("iso_week"),
        s.title.label("sheet_title"),
        s.created_at.label("sheet_created_at"),
        s.apprentice_changed_at.label("apprentice_changed_at"),
        s.retired.label("retired"),
        case((unread, True), else_=False).label("unread"),
        case((sheet_has_text(), True), else_=False).label("has_text"),
        attachments.label("attachment_count"),
        comments.label("comment_count"),
    )


def unread_for(reader_id: int) -> ColumnElement[bool]:
    """The reader's read state of `ActivitySheet`, its portfolio's `Apprentice` joined: never
    unread for the apprentice himself."""
    return and_(not_own_apprentice(reader_id), sheet_unread_by(reader_id))


def sheet_entry(row: Any) -> SheetEntry:
    """A `SheetEntry` from a row holding `sheet_columns()`."""
    return SheetEntry(
        id=row.sheet_id,
        iso_year=row.iso_year,
        iso_week=row.iso_week,
        title=row.sheet_title,
        last_change=last_change(row.sheet_created_at, row.apprentice_changed_at),
        unread=bool(row.unread),
        retired=bool(row.retired),
        has_content=bool(row.has_text),
        attachment_count=row.attachment_count,
        comment_count=row.comment_count,
    )


def sheet_entries(
    session: Session, portfolio_id: int, reader_id: int, reader_is_apprentice: bool
) -> tuple[SheetEntry, ...]:
    """The portfolio's sheets in week order with the reader's read state (one statement)."""
    s = m.ActivitySheet
    unread = sheet_unread_by(reader_id) if not reader_is_apprentice else literal(False)
    rows = session.execute(
        select(*sheet_columns(unread))
        .where(s.portfolio_id == portfolio_id)
        .order_by(s.iso_year, s.iso_week)
    ).all()
    return tuple(sheet_entry(r) for r in rows)


def portfolio_entry(header: Any, sheets: Sequence[SheetEntry]) -> PortfolioEntry:
    """A folder's entry from its header (`Portfolio.id` as `portfolio_id`, the apprentice's
    names, the period's class, the period) and all its sheets: the counts of
    `portfolio_entries()`, counted in memory."""
    current = [s for s in sheets if not s.retired]
    return PortfolioEntry(
        id=header.portfolio_id,
        apprentice_id=header.apprentice_id,
        apprentice_name=display_name(header.last_name, header.first_name),
        class_name=header.class_name,
        period_id=header.period_id,
        period_name=header.period_name,
        start_date=header.start_date,
        end_date=header.end_date,
        sheet_count=len(current),
        completed_count=sum(s.has_content for s in current),
        unread_count=sum(s.unread for s in current),
        retired_count=len(sheets) - len(current),
    )


def last_change(created_at: datetime, apprentice_changed_at: datetime) -> datetime:
    """ "dernière modification": the apprentice's last change, or the sheet's creation."""
    return apprentice_changed_at if apprentice_changed_at > NEVER_CHANGED else created_at


def links_of(session: Session, sheet_ids: Iterable[int]) -> dict[int, SheetLinks]:
    """Tasks, competences and criteria linked on each sheet (one statement)."""
    ids = list(sheet_ids)
    result: dict[int, dict[str, set[int]]] = {
        sid: {"task": set(), "competence": set(), "criterion": set()} for sid in ids
    }
    if ids:
        t, c, k = m.sheet_tasks.c, m.sheet_competences.c, m.sheet_criteria.c
        statement = union_all(
            select(literal("task"), t.activity_sheet_id, t.task_id).where(
                t.activity_sheet_id.in_(ids)
            ),
            select(literal("competence"), c.activity_sheet_id, c.competence_id).where(
                c.activity_sheet_id.in_(ids)
            ),
            select(literal("criterion"), k.activity_sheet_id, k.criterion_id).where(
                k.activity_sheet_id.in_(ids)
            ),
        )
        for kind, sheet_id, target in session.execute(statement).all():
            result[sheet_id][kind].add(target)
    return {
        sid: SheetLinks(
            frozenset(sets["task"]), frozenset(sets["competence"]), frozenset(sets["criterion"])
        )
        for sid, sets in result.items()
    }


def comments_select(condition: ColumnElement[bool]) -> Select[Any]:
    """The comments matching `condition` with their authors' names, oldest first; see
    `comment_entry()`."""
    return (
        select(
            m.Comment.id.label("comment_id"),
            m.Comment.activity_sheet_id.label("comment_sheet_id"),
            m.Comment.author_id.label("author_id"),
            m.Comment.body.label("body"),
            m.Comment.created_at.label("comment_created_at"),
            m.Comment.updated_at.label("comment_updated_at"),
            m.Comment.version.label("comment_version"),
            m.Account.last_name.label("author_last_name"),
            m.Account.first_name.label("author_first_name"),
        )
        .outerjoin(m.Account, m.Account.id == m.Comment.author_id)
        .where(condition)
        .order_by(m.Comment.created_at, m.Comment.id)
    )


def comment_order(row: Any) -> tuple:
    """Oldest first, as `comments_select()`, for `TaggedUnion`."""
    return (row.comment_created_at, row.comment_id)


def comment_entry(row: Any, reader_id: int) -> CommentEntry:
    """A `CommentEntry` from a `comments_select()` row."""
    return CommentEntry(
        id=row.comment_id,
        author_id=row.author_id,
        author_name=display_name(row.author_last_name, row.author_first_name),
        body=row.body,
        created_at=row.comment_created_at,
        updated_at=row.comment_updated_at,
        version=row.comment_version,
        is_mine=row.author_id == reader_id,
    )


def comments_of(
    session: Session, sheet_ids: Iterable[int], reader_id: int
) -> dict[int, tuple[CommentEntry, ...]]:
    """The comments of each sheet, oldest first, with their authors (one statement)."""
    ids = list(sheet_ids)
    result: dict[int, list[CommentEntry]] = {sid: [] for sid in ids}
    if ids:
        rows = session.execute(comments_select(m.Comment.activity_sheet_id.in_(ids))).all()
        for r in rows:
            result[r.comment_sheet_id].append(comment_entry(r, reader_id))
    return {sid: tuple(entries) for sid, entries in result.items()}


def attachments_select(condition: ColumnElement[bool]) -> Select[Any]:
    """The attachments matching `condition`, without their bytes, oldest first; see
    `attachment_entry()`."""
    a = m.Attachment
    return (
        select(
            a.id.label("attachment_id"),
            a.activity_sheet_id.label("attachment_sheet_id"),
            a.logbook_id.label("attachment_logbook_id"),
            a.kind.label("attachment_kind"),
            a.name.label("attachment_name"),
            a.media_type.label("media_type"),
            a.size_bytes.label("size_bytes"),
            a.url.label("url"),
            a.created_at.label("attachment_created_at"),
            m.Account.last_name.label("added_by_last_name"),
            m.Account.first_name.label("added_by_first_name"),
        )
        .outerjoin(m.Account, m.Account.id == a.added_by_id)
        .where(condition)
        .order_by(a.created_at, a.id)
    )


def attachment_order(row: Any) -> tuple:
    """Oldest first, as `attachments_select()`, for `TaggedUnion`."""
    return (row.attachment_created_at, row.attachment_id)


def attachment_entry(row: Any) -> AttachmentEntry:
    """An `AttachmentEntry` from an `attachments_select()` row."""
    return AttachmentEntry(
        id=row.attachment_id,
        kind=row.attachment_kind,
        name=row.attachment_name,
        media_type=row.media_type,
        size_bytes=row.size_bytes,
        url=row.url,
        added_by_name=display_name(row.added_by_last_name, row.added_by_first_name),
        created_at=row.attachment_created_at,
    )


def attachments_where(
    session: Session, condition: ColumnElement[bool]
) -> list[tuple[int | None, int | None, AttachmentEntry]]:
    """(sheet id, logbook id, entry) of the attachments matching `condition`, oldest first,
    without their bytes (one statement)."""
    rows = session.execute(attachments_select(condition)).all()
    return [(r.attachment_sheet_id, r.attachment_logbook_id, attachment_entry(r)) for r in rows]


# -- one portfolio --------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioContext:
    """A portfolio with the people and places around it (loaded by `portfolio_context`)."""

    portfolio_id: int
    apprentice_id: int
    apprentice_name: str
    class_name: str
    diploma_name: str
    period_id: int
    period_name: str
    start_date: date
    end_date: date
    framework_id: int | None
    company: m.Company | None
    tutor: m.Account | None
    referent: m.Account | None
    logbook: m.Logbook | None


def portfolio_context(session: Session, portfolio_id: int) -> PortfolioContext:
    """One statement: the portfolio, its apprentice, period, class, framework, company,
    tutor (the portfolio's, else the apprentice's), referent trainer and logbook."""
    tutor = aliased(m.Account, name="tutor")
    referent = aliased(m.Account, name="referent")
    row = session.execute(
        select(
            m.Portfolio.id,
            m.Portfolio.apprentice_id,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            m.SchoolClass.name.label("class_name"),
            m.Diploma.name.label("diploma_name"),
            m.Period.id.label("period_id"),
            m.Period.name.label("period_name"),
            m.Period.start_date,
            m.Period.end_date,
            m.Framework.id.label("framework_id"),
            m.Company,
            tutor,
            referent,
            m.Logbook,
        )
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .join(m.Period, m.Period.id == m.Portfolio.period_id)
        .join(m.SchoolClass, m.SchoolClass.id == m.Period.school_class_id)
        .join(m.Diploma, m.Diploma.id == m.SchoolClass.diploma_id)
        .outerjoin(m.Framework, m.Framework.diploma_id == m.Diploma.id)
        .outerjoin(
            m.Company,
            m.Company.id == func.coalesce(m.Portfolio.company_id, m.Apprentice.company_id),
        )
        .outerjoin(tutor, tutor.id == func.coalesce(m.Portfolio.tutor_id, m.Apprentice.tutor_id))
        .outerjoin(referent, referent.id == m.Apprentice.referent_trainer_id)
        .outerjoin(m.Logbook, m.Logbook.portfolio_id == m.Portfolio.id)
        .where(m.Portfolio.id == portfolio_id)
    ).one_or_none()
    if row is None:
        raise NotFound("Ce portfolio n'existe pas (ou plus).")
    return PortfolioContext(
        portfolio_id=row.id,
        apprentice_id=row.apprentice_id,
        apprentice_name=display_name(row.last_name, row.first_name),
        class_name=row.class_name,
        diploma_name=row.diploma_name,
        period_id=row.period_id,
        period_name=row.period_name,
        start_date=row.start_date,
        end_date=row.end_date,
        framework_id=row.framework_id,
        company=row.Company,
        tutor=row.tutor,
        referent=row.referent,
        logbook=row.Logbook,
    )
