"""SQL building blocks shared by module 1's services: content and read-state clauses, the
store's clock, the framework of a class, and the loaders that turn rows into snapshots.

Every loader here is one statement whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
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


def load_areas(session: Session, framework_id: int | None) -> tuple[AreaTasks, ...]:
    """The framework's activity areas and their tasks, in framework order (one query)."""
    if framework_id is None:
        return ()
    rows = session.execute(
        select(
            m.ActivityArea.id,
            m.ActivityArea.code,
            m.ActivityArea.label,
            m.Task.id.label("task_id"),
            m.Task.code.label("task_code"),
            m.Task.label.label("task_label"),
        )
        .outerjoin(m.Task, m.Task.activity_area_id == m.ActivityArea.id)
        .where(m.ActivityArea.framework_id == framework_id)
        .order_by(m.ActivityArea.position, m.ActivityArea.id, m.Task.position, m.Task.id)
    ).all()
    areas: dict[int, tuple[str, str, list[TaskRef]]] = {}
    for row in rows:
        entry = areas.setdefault(row.id, (row.code, row.label, []))
        if row.task_id is not None:
            entry[2].append(TaskRef(row.task_id, row.task_code, row.task_label, row.id))
    return tuple(
        AreaTasks(area_id, code, label, tuple(tasks))
        for area_id, (code, label, tasks) in areas.items()
    )


def load_competences(session: Session, framework_id: int | None) -> tuple[CompetenceRef, ...]:
    """The framework's competences and their criteria, in framework order (one query)."""
    if framework_id is None:
        return ()
    rows = session.execute(
        select(
            m.Competence.id,
            m.Competence.code,
            m.Competence.label,
            m.Criterion.id.label("criterion_id"),
            m.Criterion.code.label("criterion_code"),
            m.Criterion.label.label("criterion_label"),
        )
        .outerjoin(m.Criterion, m.Criterion.competence_id == m.Competence.id)
        .where(m.Competence.framework_id == framework_id)
        .order_by(m.Competence.position, m.Competence.id, m.Criterion.position, m.Criterion.id)
    ).all()
    competences: dict[int, tuple[str, str, list[CriterionRef]]] = {}
    for row in rows:
        entry = competences.setdefault(row.id, (row.code, row.label, []))
        if row.criterion_id is not None:
            entry[2].append(
                CriterionRef(row.criterion_id, row.criterion_code, row.criterion_label, row.id)
            )
    return tuple(
        CompetenceRef(cid, code, label, tuple(criteria))
        for cid, (code, label, criteria) in competences.items()
    )


def load_plan(session: Session, period_id: int) -> tuple[PlanInfo, int | None]:
    """The period's plan with its planned tasks in framework order, and the plan's version."""
    rows = session.execute(
        select(
            m.PeriodPlan.objectives,
            m.PeriodPlan.planned_activities,
            m.PeriodPlan.version,
            m.Task.id,
            m.Task.code,
            m.Task.label,
            m.Task.activity_area_id,
        )
        .outerjoin(m.period_plan_tasks, m.period_plan_tasks.c.period_plan_id == m.PeriodPlan.id)
        .outerjoin(m.Task, m.Task.id == m.period_plan_tasks.c.task_id)
        .outerjoin(m.ActivityArea, m.ActivityArea.id == m.Task.activity_area_id)
        .where(m.PeriodPlan.period_id == period_id)
        .order_by(m.ActivityArea.position, m.Task.position, m.Task.id)
    ).all()
    if not rows:
        return PlanInfo("", "", ()), None
    tasks = tuple(
        TaskRef(r.id, r.code, r.label, r.activity_area_id) for r in rows if r.id is not None
    )
    return PlanInfo(rows[0].objectives, rows[0].planned_activities, tasks), rows[0].version


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


def _count(*conditions: ColumnElement[bool]):
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
        (not_own_apprentice(reader_id), _count(not_retired, sheet_unread_by(reader_id))),
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
            _count(not_retired).label("sheets"),
            _count(not_retired, sheet_has_text()).label("completed"),
            unread.label("unread"),
            _count(m.ActivitySheet.retired.is_(True)).label("retired"),
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


def sheet_entries(
    session: Session, portfolio_id: int, reader_id: int, reader_is_apprentice: bool
) -> tuple[SheetEntry, ...]:
    """The portfolio's sheets in week order with the reader's read state (one statement)."""
    s = m.ActivitySheet
    unread = sheet_unread_by(reader_id) if not reader_is_apprentice else literal(False)
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
    rows = session.execute(
        select(
            s.id,
            s.iso_year,
            s.iso_week,
            s.title,
            s.created_at,
            s.apprentice_changed_at,
            s.retired,
            case((unread, True), else_=False).label("unread"),
            case((sheet_has_text(), True), else_=False).label("has_text"),
            attachments.label("attachments"),
            comments.label("comments"),
        )
        .where(s.portfolio_id == portfolio_id)
        .order_by(s.iso_year, s.iso_week)
    ).all()
    return tuple(
        SheetEntry(
            id=r.id,
            iso_year=r.iso_year,
            iso_week=r.iso_week,
            title=r.title,
            last_change=last_change(r.created_at, r.apprentice_changed_at),
            unread=bool(r.unread),
            retired=bool(r.retired),
            has_content=bool(r.has_text),
            attachment_count=r.attachments,
            comment_count=r.comments,
        )
        for r in rows
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


def comments_of(
    session: Session, sheet_ids: Iterable[int], reader_id: int
) -> dict[int, tuple[CommentEntry, ...]]:
    """The comments of each sheet, oldest first, with their authors (one statement)."""
    ids = list(sheet_ids)
    result: dict[int, list[CommentEntry]] = {sid: [] for sid in ids}
    if ids:
        rows = session.execute(
            select(
                m.Comment.id,
                m.Comment.activity_sheet_id,
                m.Comment.author_id,
                m.Comment.body,
                m.Comment.created_at,
                m.Comment.updated_at,
                m.Comment.version,
                m.Account.last_name,
                m.Account.first_name,
            )
            .outerjoin(m.Account, m.Account.id == m.Comment.author_id)
            .where(m.Comment.activity_sheet_id.in_(ids))
            .order_by(m.Comment.created_at, m.Comment.id)
        ).all()
        for r in rows:
            result[r.activity_sheet_id].append(
                CommentEntry(
                    id=r.id,
                    author_id=r.author_id,
                    author_name=display_name(r.last_name, r.first_name),
                    body=r.body,
                    created_at=r.created_at,
                    updated_at=r.updated_at,
                    version=r.version,
                    is_mine=r.author_id == reader_id,
                )
            )
    return {sid: tuple(entries) for sid, entries in result.items()}


def attachments_where(
    session: Session, condition: ColumnElement[bool]
) -> list[tuple[int | None, int | None, AttachmentEntry]]:
    """(sheet id, logbook id, entry) of the attachments matching `condition`, oldest first,
    without their bytes (one statement)."""
    a = m.Attachment
    rows = session.execute(
        select(
            a.id,
            a.activity_sheet_id,
            a.logbook_id,
            a.kind,
            a.name,
            a.media_type,
            a.size_bytes,
            a.url,
            a.created_at,
            m.Account.last_name,
            m.Account.first_name,
        )
        .outerjoin(m.Account, m.Account.id == a.added_by_id)
        .where(condition)
        .order_by(a.created_at, a.id)
    ).all()
    return [
        (
            r.activity_sheet_id,
            r.logbook_id,
            AttachmentEntry(
                id=r.id,
                kind=r.kind,
                name=r.name,
                media_type=r.media_type,
                size_bytes=r.size_bytes,
                url=r.url,
                added_by_name=display_name(r.last_name, r.first_name),
                created_at=r.created_at,
            ),
        )
        for r in rows
    ]


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
