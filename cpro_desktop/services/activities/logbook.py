"""The logbook (journal de bord) of a portfolio: the six pages of its wizard and their saves.

Page 1 (Entreprise d'accueil) is written by the apprentice (`save_logbook`, versioned);
pages 2 and 3 are read-only (the period plan, the company's location); page 4's weekly task
grid is ticked by the apprentice and selected by the tutor or trainer (`save_task_grid`,
saved as a difference so that neither undoes the other); page 5's attachments go through
`attachments.py` with `logbook_id`; page 6 is the period review (`review.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    cast,
    delete,
    extract,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from cpro_desktop import models as m
from cpro_desktop.models.enums import Origin
from cpro_desktop.models.people import person_name
from cpro_desktop.services.access import authorize_portfolio
from cpro_desktop.services.permissions import Action, Actor, ApprenticeScope, can
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, PermissionDenied, ValidationError

from .labels import IsoWeek, iso_weeks
from .queries import (
    PortfolioContext,
    area_order,
    areas_from,
    areas_select,
    attachment_entry,
    attachment_order,
    attachments_select,
    display_name,
    load_areas,
    not_own_apprentice,
    permissions,
    plan_from,
    plan_order,
    plan_select,
    portfolio_context,
    sheet_columns,
    sheet_count,
    sheet_entry,
    sheet_has_text,
    sheet_unread_by,
    unread_for,
)
from .review import REVIEW_ORDER, ReviewPeople, review_from, review_parts
from .snapshots import (
    AreaTasks,
    CompanyInfo,
    LogbookPart,
    LogbookSnapshot,
    LogbookTexts,
    PersonInfo,
    PortfolioEntry,
    TaskCell,
    TaskGrid,
)
from .union import TaggedUnion

#: Page 1 of the logbook as the wizard names its fields.
LOGBOOK_LABELS = {
    "place_of_work": "Lieu de réalisation",
    "contacts": "Contacts",
    "presentation": "Présentation de l'entreprise",
}


class LogbookConflict(ConflictError):
    """The logbook's first page was saved elsewhere since the user read it.

    `theirs` holds the stored texts at `theirs_version`, `mine` the user's; save again with
    `force_over_version=theirs_version` to keep his.
    """

    def __init__(self, theirs: LogbookTexts, theirs_version: int | None, mine: LogbookTexts):
        super().__init__(
            "Le journal de bord a été enregistré ailleurs pendant que vous le modifiiez. "
            "Comparez les deux versions : vous pouvez garder la vôtre ou reprendre l'autre."
        )
        self.theirs = theirs
        self.theirs_version = theirs_version
        self.mine = mine


def _texts(logbook: m.Logbook | None) -> LogbookTexts:
    if logbook is None:
        return LogbookTexts()
    return LogbookTexts(logbook.place_of_work, logbook.contacts, logbook.presentation)


def task_grid(session: Session, ctx: PortfolioContext) -> TaskGrid:
    """The weekly task grid of the period: framework tasks × the period's weeks (two
    statements)."""
    weeks = iso_weeks(ctx.start_date, ctx.end_date)
    areas = load_areas(session, ctx.framework_id)
    rows = session.execute(
        _logs_select()
        .where(m.TaskLog.apprentice_id == ctx.apprentice_id, _weeks_clause(weeks))
        .order_by(m.TaskLog.iso_year, m.TaskLog.iso_week, m.TaskLog.task_id)
    ).all()
    return _grid(areas, weeks, rows)


def _logs_select() -> Select[Any]:
    """The company task log of the apprentice of `TaskLog`, with who recorded each tick and
    the apprentice's own account (see `_grid()`)."""
    return (
        select(
            m.TaskLog.task_id.label("log_task_id"),
            m.TaskLog.iso_year.label("log_year"),
            m.TaskLog.iso_week.label("log_week"),
            m.TaskLog.recorded_by_id,
            m.Account.last_name.label("recorder_last_name"),
            m.Account.first_name.label("recorder_first_name"),
            m.Apprentice.account_id.label("apprentice_account_id"),
        )
        .select_from(m.TaskLog)
        .join(m.Apprentice, m.Apprentice.id == m.TaskLog.apprentice_id)
        .outerjoin(m.Account, m.Account.id == m.TaskLog.recorded_by_id)
        .where(m.TaskLog.origin == Origin.COMPANY)
    )


def _grid(
    areas: tuple[AreaTasks, ...], weeks: tuple[IsoWeek, ...], rows: Iterable[Any]
) -> TaskGrid:
    """The grid from `_logs_select()` rows: those of the period's weeks, in week order."""
    period = set(weeks)
    cells = sorted(
        (r for r in rows if IsoWeek(r.log_year, r.log_week) in period),
        key=lambda r: (r.log_year, r.log_week, r.log_task_id),
    )
    return TaskGrid(
        areas=areas,
        weeks=weeks,
        entries=tuple(
            TaskCell(
                task_id=r.log_task_id,
                week=IsoWeek(r.log_year, r.log_week),
                recorded_by_id=r.recorded_by_id,
                recorded_by_name=display_name(r.recorder_last_name, r.recorder_first_name),
                by_apprentice=(
                    r.recorded_by_id is not None and r.recorded_by_id == r.apprentice_account_id
                ),
            )
            for r in cells
        ),
    )


def _weeks_clause(weeks: Iterable[IsoWeek]):
    by_year: dict[int, list[int]] = {}
    for week in weeks:
        by_year.setdefault(week.year, []).append(week.week)
    return or_(
        *(
            and_(m.TaskLog.iso_year == year, m.TaskLog.iso_week.in_(numbers))
            for year, numbers in by_year.items()
        )
    )


def week_key_bounds(start: Any, end: Any) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """Bounds, in SQL on both backends, of the ISO weeks from the date `start` to the date
    `end` (SQL expressions), as year * 100 + week: a few weeks wider at most.

    The ISO week of a date on day `doy` of year `Y` lies between (doy + 3) // 7 and
    (doy + 9) // 7 of `Y`, except in its first three days (maybe the last week of Y - 1)
    and its last days (maybe the first week of Y + 1).
    """

    def year(day: Any) -> ColumnElement[int]:
        return cast(extract("year", day), Integer)

    def doy(day: Any) -> ColumnElement[int]:
        return cast(extract("doy", day), Integer)

    low = case(
        (doy(start) <= 3, (year(start) - 1) * 100 + 52),
        else_=year(start) * 100 + (doy(start) + 3) // 7,
    )
    high = case(
        (doy(end) >= 362, (year(end) + 1) * 100 + 1),
        else_=year(end) * 100 + (doy(end) + 9) // 7,
    )
    return low, high


def _period_weeks_clause() -> ColumnElement[bool]:
    """`TaskLog` rows of weeks around those of `Period` (joined): `_grid()` keeps the
    period's own. The year's range lets the index on (apprentice, year, week) serve."""
    start, end = m.Period.start_date, m.Period.end_date
    low, high = week_key_bounds(start, end)
    # Integers: the ISO year is a SMALLINT, too small for year * 100 on PostgreSQL.
    key = cast(m.TaskLog.iso_year, Integer) * 100 + cast(m.TaskLog.iso_week, Integer)
    return and_(
        m.TaskLog.iso_year.between(
            cast(extract("year", start), Integer) - 1, cast(extract("year", end), Integer) + 1
        ),
        key.between(low, high),
    )


# -- reading, page by page ------------------------------------------------------------------

ALL_PARTS = frozenset(LogbookPart)


@cache
def _logbook_union(parts: frozenset[LogbookPart]) -> TaggedUnion:
    """The logbook's header and `parts` as one statement (`:portfolio_id`, `:reader_id`)."""
    portfolio_id = bindparam("portfolio_id", type_=Integer)
    reader_id = bindparam("reader_id", type_=Integer)
    framework = (
        select(m.Framework.id)
        .join(m.SchoolClass, m.SchoolClass.diploma_id == m.Framework.diploma_id)
        .join(m.Period, m.Period.school_class_id == m.SchoolClass.id)
        .join(m.Portfolio, m.Portfolio.period_id == m.Period.id)
        .where(m.Portfolio.id == portfolio_id)
        .scalar_subquery()
    )
    selects: dict[str, Select[Any]] = {"head": _head_select(portfolio_id, reader_id)}
    order: dict[str, Any] = {}
    if LogbookPart.PLAN in parts:
        period = select(m.Portfolio.period_id).where(m.Portfolio.id == portfolio_id)
        selects["plan"] = plan_select(period.scalar_subquery())
        order["plan"] = plan_order
    if LogbookPart.WEEKLY in parts:
        s = m.ActivitySheet
        selects["sheets"] = (
            select(*sheet_columns(unread_for(reader_id)))
            .join(m.Portfolio, m.Portfolio.id == s.portfolio_id)
            .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
            .where(s.portfolio_id == portfolio_id)
        )
        order["sheets"] = lambda r: (r.iso_year, r.iso_week)
        selects["areas"] = areas_select(framework)
        order["areas"] = area_order
        selects["logs"] = (
            _logs_select()
            .join(m.Portfolio, m.Portfolio.apprentice_id == m.TaskLog.apprentice_id)
            .join(m.Period, m.Period.id == m.Portfolio.period_id)
            .where(m.Portfolio.id == portfolio_id, _period_weeks_clause())
        )
    if LogbookPart.ATTACHMENTS in parts:
        logbook = select(m.Logbook.id).where(m.Logbook.portfolio_id == portfolio_id)
        selects["attachments"] = attachments_select(
            m.Attachment.logbook_id == logbook.scalar_subquery()
        )
        order["attachments"] = attachment_order
    if LogbookPart.REVIEW in parts:
        selects.update(review_parts(portfolio_id, framework))
        order.update(REVIEW_ORDER)
    return TaggedUnion(selects, order)


def _head_select(portfolio_id: Any, reader_id: Any) -> Select[Any]:
    """The portfolio, its apprentice, period, class, diploma and framework, its company,
    tutor (the portfolio's, else the apprentice's) and referent trainer, its logbook's page
    1, and its sheet counts for the reader (as `portfolio_entries()`)."""
    tutor = aliased(m.Account, name="tutor")
    referent = aliased(m.Account, name="referent")
    c = m.Company
    current = m.ActivitySheet.retired.is_(False)
    unread = case(
        (not_own_apprentice(reader_id), sheet_count(current, sheet_unread_by(reader_id))),
        else_=0,
    )
    return (
        select(
            m.Portfolio.id.label("portfolio_id"),
            m.Portfolio.apprentice_id,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            m.SchoolClass.name.label("class_name"),
            m.Diploma.name.label("diploma_name"),
            m.Period.id.label("period_id"),
            m.Period.name.label("period_name"),
            m.Period.start_date,
            m.Period.end_date,
            c.id.label("company_id"),
            c.name.label("company_name"),
            c.address.label("company_address"),
            c.postcode.label("company_postcode"),
            c.city.label("company_city"),
            c.phone.label("company_phone"),
            c.email.label("company_email"),
            c.latitude.label("company_latitude"),
            c.longitude.label("company_longitude"),
            *_person(tutor, "tutor"),
            *_person(referent, "referent"),
            m.Logbook.id.label("logbook_id"),
            m.Logbook.version.label("logbook_version"),
            m.Logbook.place_of_work,
            m.Logbook.contacts,
            m.Logbook.presentation,
            sheet_count(current).label("sheet_count"),
            sheet_count(current, sheet_has_text()).label("completed_count"),
            unread.label("unread_count"),
            sheet_count(m.ActivitySheet.retired.is_(True)).label("retired_count"),
        )
        .select_from(m.Portfolio)
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .join(m.Period, m.Period.id == m.Portfolio.period_id)
        .join(m.SchoolClass, m.SchoolClass.id == m.Period.school_class_id)
        .join(m.Diploma, m.Diploma.id == m.SchoolClass.diploma_id)
        .outerjoin(c, c.id == func.coalesce(m.Portfolio.company_id, m.Apprentice.company_id))
        .outerjoin(tutor, tutor.id == func.coalesce(m.Portfolio.tutor_id, m.Apprentice.tutor_id))
        .outerjoin(referent, referent.id == m.Apprentice.referent_trainer_id)
        .outerjoin(m.Logbook, m.Logbook.portfolio_id == m.Portfolio.id)
        .where(m.Portfolio.id == portfolio_id)
    )


def _person(account: Any, prefix: str) -> tuple[ColumnElement[Any], ...]:
    return (
        account.id.label(f"{prefix}_id"),
        account.last_name.label(f"{prefix}_last_name"),
        account.first_name.label(f"{prefix}_first_name"),
        account.job_title.label(f"{prefix}_job_title"),
        account.phone.label(f"{prefix}_phone"),
        account.email.label(f"{prefix}_email"),
    )


def _person_info(head: Any, prefix: str) -> PersonInfo | None:
    if getattr(head, f"{prefix}_id") is None:
        return None
    return PersonInfo(
        getattr(head, f"{prefix}_id"),
        person_name(getattr(head, f"{prefix}_last_name"), getattr(head, f"{prefix}_first_name")),
        getattr(head, f"{prefix}_job_title"),
        getattr(head, f"{prefix}_phone"),
        getattr(head, f"{prefix}_email"),
    )


def _read(
    session: Session,
    actor: Actor,
    scope: ApprenticeScope,
    portfolio_id: int,
    parts: frozenset[LogbookPart],
) -> LogbookSnapshot:
    """The header and `parts` of one portfolio's logbook, in one statement."""
    session.flush()
    union = _logbook_union(parts)
    rows = union.split(
        session.execute(
            union.statement, {"portfolio_id": portfolio_id, "reader_id": actor.account_id}
        )
    )
    if not rows["head"]:
        raise NotFound("Ce portfolio n'existe pas (ou plus).")
    (head,) = rows["head"]
    company = (
        CompanyInfo(
            head.company_id,
            head.company_name,
            head.company_address,
            head.company_postcode,
            head.company_city,
            head.company_phone,
            head.company_email,
            head.company_latitude,
            head.company_longitude,
        )
        if head.company_id is not None
        else None
    )
    tutor, referent = _person_info(head, "tutor"), _person_info(head, "referent")
    entry = PortfolioEntry(
        id=head.portfolio_id,
        apprentice_id=head.apprentice_id,
        apprentice_name=display_name(head.last_name, head.first_name),
        class_name=head.class_name,
        period_id=head.period_id,
        period_name=head.period_name,
        start_date=head.start_date,
        end_date=head.end_date,
        sheet_count=head.sheet_count,
        completed_count=head.completed_count,
        unread_count=head.unread_count,
        retired_count=head.retired_count,
    )
    write, annotate, review = permissions(actor, scope)
    plan = plan_from(rows["plan"])[0] if LogbookPart.PLAN in parts else None
    sheets = grid = None
    if LogbookPart.WEEKLY in parts:
        sheets = tuple(sheet_entry(r) for r in rows["sheets"])
        weeks = iso_weeks(head.start_date, head.end_date)
        grid = _grid(areas_from(rows["areas"]), weeks, rows["logs"])
    attachments = None
    if LogbookPart.ATTACHMENTS in parts:
        attachments = tuple(attachment_entry(r) for r in rows["attachments"])
    form = None
    if LogbookPart.REVIEW in parts:
        people = ReviewPeople(
            portfolio_id=entry.id,
            apprentice_id=entry.apprentice_id,
            apprentice_name=entry.apprentice_name,
            class_name=entry.class_name,
            diploma_name=head.diploma_name,
            period_name=entry.period_name,
            start_date=entry.start_date,
            end_date=entry.end_date,
            company=company,
            tutor=tutor,
            trainer=referent,
        )
        form = review_from(rows, people, review)
    return LogbookSnapshot(
        portfolio=entry,
        logbook_id=head.logbook_id,
        logbook_version=head.logbook_version,
        texts=(
            LogbookTexts(head.place_of_work, head.contacts, head.presentation)
            if head.logbook_id is not None
            else LogbookTexts()
        ),
        company=company,
        tutor=tutor,
        referent=referent,
        plan=plan,
        sheets=sheets,
        task_grid=grid,
        attachments=attachments,
        review=form,
        can_write=write,
        can_annotate=annotate,
        can_review=review,
    )


def logbook_parts(
    store: Store, actor: Actor, portfolio_id: int, parts: Iterable[LogbookPart] = ()
) -> LogbookSnapshot:
    """The logbook's header (what pages 1 and 3 show) and `parts` (the other pages' data,
    None for those not asked), for a wizard that reads a page when it is shown: two
    statements, the permission check and the data."""
    with store.read() as session:
        scope = authorize_portfolio(session, actor, Action.READ_WORK, portfolio_id)
        return _read(session, actor, scope, portfolio_id, frozenset(parts))


def logbook_snapshot(store: Store, actor: Actor, portfolio_id: int) -> LogbookSnapshot:
    """Everything the six pages of the logbook wizard show (two statements)."""
    return logbook_parts(store, actor, portfolio_id, ALL_PARTS)


def save_logbook(
    store: Store,
    actor: Actor,
    portfolio_id: int,
    texts: LogbookTexts,
    *,
    version: int | None,
    force_over_version: int | None = None,
) -> LogbookSnapshot:
    """The apprentice saves page 1 (place of work, contacts, presentation) as read at
    `version` (None if the portfolio had no logbook yet). A stale version raises
    `LogbookConflict` unless `force_over_version` is the stored version."""
    for name, value in vars(texts).items():
        check_text(getattr(m.Logbook, name), value, LOGBOOK_LABELS[name])
    with store.write() as session:
        scope = authorize_portfolio(session, actor, Action.WRITE_OWN_WORK, portfolio_id)
        logbook = session.scalars(
            select(m.Logbook).where(m.Logbook.portfolio_id == portfolio_id).with_for_update()
        ).one_or_none()
        stored_version = logbook.version if logbook else None
        if stored_version != version and (
            force_over_version is None or force_over_version != stored_version
        ):
            raise LogbookConflict(_texts(logbook), stored_version, texts)
        if logbook is None:
            logbook = m.Logbook(portfolio_id=portfolio_id)
            session.add(logbook)
        if _texts(logbook) != texts or logbook.id is None:
            logbook.place_of_work = texts.place_of_work
            logbook.contacts = texts.contacts
            logbook.presentation = texts.presentation
            logbook.updated_by_id = actor.account_id
            session.flush()
        return _read(session, actor, scope, portfolio_id, ALL_PARTS)


def save_task_grid(
    store: Store,
    actor: Actor,
    portfolio_id: int,
    cells: Iterable[tuple[int, IsoWeek]],
    *,
    cells_read: Iterable[tuple[int, IsoWeek]],
) -> TaskGrid:
    """Save the weekly task grid (page 4) as the difference from `cells_read` (what the user
    read, `TaskGrid.cells`): new ticks become company TaskLog entries recorded by the user,
    removed ticks are deleted. The apprentice ticks what he did (`WRITE_OWN_WORK`); the
    tutor or trainer selects the tasks entrusted (`ANNOTATE_WORK`). Only the period's weeks
    and the framework's tasks are accepted."""
    wanted = {(int(t), IsoWeek(w.year, w.week)) for t, w in cells}
    read = {(int(t), IsoWeek(w.year, w.week)) for t, w in cells_read}
    with store.write() as session:
        scope = authorize_portfolio(session, actor, Action.READ_WORK, portfolio_id)
        if not (
            can(actor, Action.WRITE_OWN_WORK, scope) or can(actor, Action.ANNOTATE_WORK, scope)
        ):
            raise PermissionDenied("Vous ne pouvez pas modifier les tâches de cet apprenti.")
        ctx = portfolio_context(session, portfolio_id)
        grid = task_grid(session, ctx)
        stored = grid.cells
        task_ids = {t.id for area in grid.areas for t in area.tasks}
        weeks = set(grid.weeks)
        added, removed = (wanted - read) - stored, (read - wanted) & stored
        if any(t not in task_ids or w not in weeks for t, w in added):
            raise ValidationError(
                "cells", "Seules les tâches du référentiel et les semaines de la période comptent."
            )
        if removed:
            session.execute(
                delete(m.TaskLog).where(
                    m.TaskLog.apprentice_id == ctx.apprentice_id,
                    m.TaskLog.origin == Origin.COMPANY,
                    or_(
                        *(
                            and_(
                                m.TaskLog.task_id == t,
                                m.TaskLog.iso_year == w.year,
                                m.TaskLog.iso_week == w.week,
                            )
                            for t, w in sorted(removed)
                        )
                    ),
                )
            )
        if added:
            session.execute(
                insert(m.TaskLog),
                [
                    {
                        "apprentice_id": ctx.apprentice_id,
                        "task_id": t,
                        "iso_year": w.year,
                        "iso_week": w.week,
                        "origin": Origin.COMPANY,
                        "recorded_by_id": actor.account_id,
                    }
                    for t, w in sorted(added)
                ],
            )
        return task_grid(session, ctx) if added or removed else grid
