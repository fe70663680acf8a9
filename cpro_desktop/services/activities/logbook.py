"""The logbook (journal de bord) of a portfolio: the six pages of its wizard and their saves.

Page 1 (Entreprise d'accueil) is written by the apprentice (`save_logbook`, versioned);
pages 2 and 3 are read-only (the period plan, the company's location); page 4's weekly task
grid is ticked by the apprentice and selected by the tutor or trainer (`save_task_grid`,
saved as a difference so that neither undoes the other); page 5's attachments go through
`attachments.py` with `logbook_id`; page 6 is the period review (`review.py`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.enums import Origin
from cpro_desktop.services.access import authorize_portfolio
from cpro_desktop.services.permissions import Action, Actor, ApprenticeScope, can
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, PermissionDenied, ValidationError

from .labels import IsoWeek, iso_weeks
from .queries import (
    PortfolioContext,
    attachments_where,
    company_info,
    display_name,
    load_areas,
    load_plan,
    permissions,
    person_info,
    portfolio_context,
    sheet_entries,
)
from .review import review_form
from .snapshots import (
    LogbookSnapshot,
    LogbookTexts,
    PortfolioEntry,
    SheetEntry,
    TaskCell,
    TaskGrid,
)

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


def _entry(ctx: PortfolioContext, sheets: tuple[SheetEntry, ...]) -> PortfolioEntry:
    current = [s for s in sheets if not s.retired]
    return PortfolioEntry(
        id=ctx.portfolio_id,
        apprentice_id=ctx.apprentice_id,
        apprentice_name=ctx.apprentice_name,
        class_name=ctx.class_name,
        period_id=ctx.period_id,
        period_name=ctx.period_name,
        start_date=ctx.start_date,
        end_date=ctx.end_date,
        sheet_count=len(current),
        completed_count=sum(s.has_content for s in current),
        unread_count=sum(s.unread for s in current),
        retired_count=len(sheets) - len(current),
    )


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
        select(
            m.TaskLog.task_id,
            m.TaskLog.iso_year,
            m.TaskLog.iso_week,
            m.TaskLog.recorded_by_id,
            m.Account.last_name,
            m.Account.first_name,
            m.Apprentice.account_id,
        )
        .join(m.Apprentice, m.Apprentice.id == m.TaskLog.apprentice_id)
        .outerjoin(m.Account, m.Account.id == m.TaskLog.recorded_by_id)
        .where(
            m.TaskLog.apprentice_id == ctx.apprentice_id,
            m.TaskLog.origin == Origin.COMPANY,
            _weeks_clause(weeks),
        )
        .order_by(m.TaskLog.iso_year, m.TaskLog.iso_week, m.TaskLog.task_id)
    ).all()
    return TaskGrid(
        areas=areas,
        weeks=weeks,
        entries=tuple(
            TaskCell(
                task_id=r.task_id,
                week=IsoWeek(r.iso_year, r.iso_week),
                recorded_by_id=r.recorded_by_id,
                recorded_by_name=display_name(r.last_name, r.first_name),
                by_apprentice=r.recorded_by_id is not None and r.recorded_by_id == r.account_id,
            )
            for r in rows
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


def _snapshot(
    session: Session, actor: Actor, scope: ApprenticeScope, ctx: PortfolioContext
) -> LogbookSnapshot:
    sheets = sheet_entries(
        session, ctx.portfolio_id, actor.account_id, scope.account_id == actor.account_id
    )
    plan, _ = load_plan(session, ctx.period_id)
    write, annotate, review = permissions(actor, scope)
    logbook = ctx.logbook
    attachments = (
        tuple(e for _, _, e in attachments_where(session, m.Attachment.logbook_id == logbook.id))
        if logbook is not None
        else ()
    )
    return LogbookSnapshot(
        portfolio=_entry(ctx, sheets),
        logbook_id=logbook.id if logbook else None,
        logbook_version=logbook.version if logbook else None,
        texts=_texts(logbook),
        company=company_info(ctx.company),
        tutor=person_info(ctx.tutor),
        referent=person_info(ctx.referent),
        plan=plan,
        sheets=sheets,
        task_grid=task_grid(session, ctx),
        attachments=attachments,
        review=review_form(session, actor, scope, ctx),
        can_write=write,
        can_annotate=annotate,
        can_review=review,
    )


def logbook_snapshot(store: Store, actor: Actor, portfolio_id: int) -> LogbookSnapshot:
    """Everything the six pages of the logbook wizard show (a fixed number of statements)."""
    with store.read() as session:
        scope = authorize_portfolio(session, actor, Action.READ_WORK, portfolio_id)
        return _snapshot(session, actor, scope, portfolio_context(session, portfolio_id))


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
        return _snapshot(session, actor, scope, portfolio_context(session, portfolio_id))


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
