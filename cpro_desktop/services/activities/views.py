"""The lists of module 1: "Vue par périodes" (class → periods → portfolios) and "Vue par
apprenants" (apprentice → periods → sheets), with per-reader unread counts.

Each list is one statement whatever its length (counts are correlated sub-queries), plus
the fixed statements of the permission check. Readers see only the portfolios they may
read (`Action.READ_WORK`, `visible_portfolios_clause()`: a tutor sees the periods he tutors
or tutored, never another employer's); a class's periods are also listed to those who manage
them (`Action.MANAGE_PERIODS`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, exists, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from cpro_desktop import models as m
from cpro_desktop.models.enums import Role
from cpro_desktop.services.access import authorize, authorize_portfolio, fresh_actor
from cpro_desktop.services.permissions import (
    Action,
    Actor,
    can_on_class,
    member_apprentices_clause,
    visible_portfolios_clause,
)
from cpro_desktop.store import Store
from cpro_desktop.store.errors import NotFound, PermissionDenied

from .labels import iso_weeks
from .queries import (
    display_name,
    not_own_apprentice,
    permissions,
    portfolio_entries,
    portfolio_entry,
    sheet_columns,
    sheet_entry,
    sheet_unread_by,
    unread_for,
)
from .snapshots import (
    ActivityClass,
    ApprenticePortfolios,
    PeriodEntry,
    PeriodPortfolios,
    PeriodsOverview,
    PortfolioSheets,
)

NO_CLASS_ACCESS = "Vous n'avez pas accès à cette classe."


def activity_classes(
    store: Store, actor: Actor, today: date | None = None
) -> tuple[ActivityClass, ...]:
    """The classes of the "Vue par périodes" picker, current school year first.

    A class is listed if the reader follows one of its present members, may read a
    portfolio in one of its periods, or may manage its periods.
    """
    with store.read() as session:
        return read_activity_classes(session, fresh_actor(session, actor), today)


def read_activity_classes(
    session: Session, current: Actor, today: date | None = None
) -> tuple[ActivityClass, ...]:
    """`activity_classes()` in the caller's session, for the fresh actor (one statement)."""
    today = today or date.today()
    members = member_apprentices_clause(current, Action.READ_WORK)
    portfolios = visible_portfolios_clause(current, Action.READ_WORK)
    teaches = exists().where(
        m.class_trainers.c.school_class_id == m.SchoolClass.id,
        m.class_trainers.c.trainer_id == current.account_id,
    )
    is_admin = current.role == Role.ADMIN
    rows = session.execute(
        select(
            m.SchoolClass.id,
            m.SchoolClass.name,
            m.SchoolClass.level_label,
            m.SchoolYear.label,
            m.SchoolYear.start_date,
            m.SchoolYear.end_date,
            teaches.label("teaches"),
        )
        .join(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
        .where(
            true()
            if is_admin
            else or_(
                teaches,
                exists(
                    select(m.Apprentice.id).where(
                        m.Apprentice.school_class_id == m.SchoolClass.id, members
                    )
                ),
                exists(
                    select(m.Portfolio.id)
                    .join(m.Period, m.Period.id == m.Portfolio.period_id)
                    .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
                    .where(m.Period.school_class_id == m.SchoolClass.id, portfolios)
                ),
            )
        )
    ).all()
    entries = [
        ActivityClass(
            id=r.id,
            name=r.name,
            level_label=r.level_label,
            school_year=r.label,
            is_current_year=r.start_date <= today <= r.end_date,
            can_manage_periods=is_admin or bool(r.teaches),
        )
        for r in rows
    ]
    starts = {r.id: r.start_date for r in rows}
    entries.sort(key=lambda c: (not c.is_current_year, -starts[c.id].toordinal(), c.name, c.id))
    return tuple(entries)


def _class_access(session: Session, actor: Actor, school_class_id: int) -> tuple[Actor, bool]:
    """The fresh actor and whether he manages the class; refuses one who may neither manage
    it nor read any of its portfolios."""
    current = fresh_actor(session, actor)
    trainers = frozenset(
        session.scalars(
            select(m.class_trainers.c.trainer_id).where(
                m.class_trainers.c.school_class_id == school_class_id
            )
        )
    )
    manages = can_on_class(current, Action.MANAGE_PERIODS, trainers)
    if not manages:
        reads = session.scalar(
            select(
                or_(
                    exists(
                        select(m.Apprentice.id).where(
                            m.Apprentice.school_class_id == school_class_id,
                            member_apprentices_clause(current, Action.READ_WORK),
                        )
                    ),
                    exists(
                        select(m.Portfolio.id)
                        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
                        .join(m.Period, m.Period.id == m.Portfolio.period_id)
                        .where(
                            m.Period.school_class_id == school_class_id,
                            visible_portfolios_clause(current, Action.READ_WORK),
                        )
                    ),
                )
            )
        )
        if not reads:
            raise PermissionDenied(NO_CLASS_ACCESS)
    return current, manages


def _period_entries(session: Session, current: Actor, *conditions) -> tuple[PeriodEntry, ...]:
    visible = visible_portfolios_clause(current, Action.READ_WORK)
    portfolios = (
        select(func.count(m.Portfolio.id))
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .where(m.Portfolio.period_id == m.Period.id, visible)
        .correlate(m.Period)
        .scalar_subquery()
    )
    unread = (
        select(func.count(m.ActivitySheet.id))
        .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .where(
            m.Portfolio.period_id == m.Period.id,
            visible,
            not_own_apprentice(current.account_id),
            m.ActivitySheet.retired.is_(False),
            sheet_unread_by(current.account_id),
        )
        .correlate(m.Period)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            m.Period.id,
            m.Period.school_class_id,
            m.SchoolClass.name.label("class_name"),
            m.Period.name,
            m.Period.start_date,
            m.Period.end_date,
            portfolios.label("portfolios"),
            unread.label("unread"),
        )
        .join(m.SchoolClass, m.SchoolClass.id == m.Period.school_class_id)
        .where(*conditions)
        .order_by(m.Period.start_date, m.Period.end_date, m.Period.id)
    ).all()
    return tuple(
        PeriodEntry(
            id=r.id,
            school_class_id=r.school_class_id,
            class_name=r.class_name,
            name=r.name,
            start_date=r.start_date,
            end_date=r.end_date,
            week_count=len(iso_weeks(r.start_date, r.end_date)),
            portfolio_count=r.portfolios,
            unread_count=r.unread,
        )
        for r in rows
    )


def class_periods(store: Store, actor: Actor, school_class_id: int) -> tuple[PeriodEntry, ...]:
    """The periods of a class by start date, each "[N fiches]" (N = its ISO weeks), with the
    number of the reader's portfolios and of his unread sheets in it."""
    with store.read() as session:
        current, _ = _class_access(session, actor, school_class_id)
        return _period_entries(session, current, m.Period.school_class_id == school_class_id)


def period_portfolios(store: Store, actor: Actor, period_id: int) -> PeriodPortfolios:
    """One folder per apprentice of the period the reader may read, by name, with the class,
    the completed, unread and retired sheet counts (one statement for the list)."""
    with store.read() as session:
        class_id = session.scalar(select(m.Period.school_class_id).where(m.Period.id == period_id))
        if class_id is None:
            raise NotFound("Cette période n'existe pas (ou plus).")
        current, manages = _class_access(session, actor, class_id)
        (period,) = _period_entries(session, current, m.Period.id == period_id)
        entries = portfolio_entries(
            session,
            current.account_id,
            m.Portfolio.period_id == period_id,
            visible_portfolios_clause(current, Action.READ_WORK),
            order_by_period=False,
        )
        return PeriodPortfolios(period, entries, manages)


def apprentice_portfolios(store: Store, actor: Actor, apprentice_id: int) -> ApprenticePortfolios:
    """The apprentice view: his periods by date ("PFMP1 - 1er BCP [du … au …] [2 fiches]"),
    those the reader may read (a tutor: the periods he tutors or tutored)."""
    with store.read() as session:
        authorize(session, actor, Action.READ_WORK, apprentice_id)
        row = session.execute(
            select(m.Apprentice.last_name, m.Apprentice.first_name, m.SchoolClass.name)
            .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
            .where(m.Apprentice.id == apprentice_id)
        ).one()
        entries = portfolio_entries(
            session, actor.account_id, m.Portfolio.apprentice_id == apprentice_id,
            visible_portfolios_clause(actor, Action.READ_WORK), order_by_period=True,
        )  # fmt: skip
        return ApprenticePortfolios(
            apprentice_id, display_name(row.last_name, row.first_name), row.name or "", entries
        )


def portfolio_sheets(store: Store, actor: Actor, portfolio_id: int) -> PortfolioSheets:
    """A portfolio's sheets in week order (retired ones flagged) with the reader's read
    state, attachment and comment counts.

    Two statements: the permission check, then the folder with its sheets (one row per
    sheet, the folder's counts made from them in memory).
    """
    with store.read() as session:
        scope = authorize_portfolio(session, actor, Action.READ_WORK, portfolio_id)
        rows = session.execute(_folder_statement(actor.account_id, portfolio_id)).all()
    if not rows:  # deleted between the permission check and this read
        raise NotFound("Ce portfolio n'existe pas (ou plus).")
    sheets = tuple(sheet_entry(r) for r in rows if r.sheet_id is not None)
    write, annotate, review = permissions(actor, scope)
    # Managing periods is the class's trainers' (and the administrator's): whether the
    # reader is one of them is all the policy needs to know of the class's trainers.
    trainers = frozenset({actor.account_id}) if rows[0].teaches else frozenset()
    return PortfolioSheets(
        portfolio_entry(rows[0], sheets),
        sheets,
        can_write=write,
        can_annotate=annotate,
        can_review=review,
        can_manage_periods=can_on_class(actor, Action.MANAGE_PERIODS, trainers),
    )


def _folder_statement(reader_id: int, portfolio_id: int):
    """The folder (its apprentice, its period and the period's class, whether the reader
    teaches that class) beside each of its sheets, in week order; one row without a sheet
    for an empty folder."""
    s = m.ActivitySheet
    period_class = aliased(m.SchoolClass)
    teaches = exists().where(
        m.class_trainers.c.school_class_id == m.Period.school_class_id,
        m.class_trainers.c.trainer_id == reader_id,
    )
    return (
        select(
            m.Portfolio.id.label("portfolio_id"),
            m.Portfolio.apprentice_id,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            period_class.name.label("class_name"),
            m.Period.id.label("period_id"),
            m.Period.name.label("period_name"),
            m.Period.start_date,
            m.Period.end_date,
            teaches.label("teaches"),
            *sheet_columns(unread_for(reader_id)),
        )
        .select_from(m.Portfolio)
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .join(m.Period, m.Period.id == m.Portfolio.period_id)
        .join(period_class, period_class.id == m.Period.school_class_id)
        .outerjoin(s, s.portfolio_id == m.Portfolio.id)
        .where(m.Portfolio.id == portfolio_id)
        .order_by(s.iso_year, s.iso_week)
    )


def unread_total_query(current: Actor) -> Select:
    """The statement counting the sheets the (fresh) reader has not read since the apprentice
    changed them, over every apprentice he may read (also read by `services.start`)."""
    return (
        select(func.count(m.ActivitySheet.id))
        .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .where(
            visible_portfolios_clause(current, Action.READ_WORK),
            not_own_apprentice(current.account_id),
            m.ActivitySheet.retired.is_(False),
            sheet_unread_by(current.account_id),
        )
    )


def unread_total(store: Store, actor: Actor) -> int:
    """How many sheets the reader has not read since the apprentice changed them, over every
    apprentice he may read (the module entry's counter; always 0 for an apprentice)."""
    with store.read() as session:
        current = fresh_actor(session, actor)
        return session.scalar(unread_total_query(current)) or 0


# -- the period view as it opens ------------------------------------------------------------


def default_period(periods: tuple[PeriodEntry, ...], today: date | None = None) -> int | None:
    """The period the period view opens on: the latest one started, else the first."""
    today = today or date.today()
    started = [p for p in periods if p.start_date <= today]
    chosen = started[-1] if started else (periods[0] if periods else None)
    return chosen.id if chosen is not None else None


def read_periods_overview(
    session: Session, current: Actor, today: date | None = None
) -> PeriodsOverview:
    """`periods_overview()` in the caller's session, for the fresh actor: three statements
    (the classes, the first one's periods, the folders of the period it opens on)."""
    classes = read_activity_classes(session, current, today)
    if not classes:
        return PeriodsOverview(classes, (), None)
    # A listed class is one the reader manages or reads (what `_class_access` checks).
    first = classes[0]
    periods = _period_entries(session, current, m.Period.school_class_id == first.id)
    period_id = default_period(periods, today)
    period = next((p for p in periods if p.id == period_id), None)
    if period is None:
        return PeriodsOverview(classes, periods, None)
    entries = portfolio_entries(
        session,
        current.account_id,
        m.Portfolio.period_id == period.id,
        visible_portfolios_clause(current, Action.READ_WORK),
        order_by_period=False,
    )
    return PeriodsOverview(
        classes, periods, PeriodPortfolios(period, entries, first.can_manage_periods)
    )


def periods_overview(store: Store, actor: Actor, today: date | None = None) -> PeriodsOverview:
    """The "Vue par périodes" as it opens, in one call: the classes of its picker (as
    `activity_classes()`), the periods of the first one (as `class_periods()`) and the
    folders of the period it opens on, the latest started (as `period_portfolios()`)."""
    with store.read() as session:
        return read_periods_overview(session, fresh_actor(session, actor), today)
