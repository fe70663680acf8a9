"""Periods of a class and their plan, and the generation of portfolios and weekly sheets.

Saving a period (trainers of the class and the administrator, `Action.MANAGE_PERIODS`)
brings every portfolio of the period in line with its dates:

- each apprentice of the class gets a portfolio (with its logbook), with the company and
  tutor he has at that moment;
- each portfolio gets one activity sheet per ISO week the period touches (ISO year + week:
  28/12/2020 is 2020-W53, 02/01/2023 is 2023-W1);
- a week that left the period loses its sheet only if the sheet is empty (no text, comment,
  attachment, task or link); a sheet with content is kept, flagged `retired`, and only
  `delete_retired_sheet()` removes it; a week that comes back un-retires its sheet.

Generation runs a fixed number of statements whatever the size of the class (bulk inserts;
bulk updates of the `retired` flag also bump `version`, so that an editor holding the sheet
sees the change as a conflict instead of overwriting it).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from cpro_desktop import models as m
from cpro_desktop.models.portfolio import NEVER_CHANGED
from cpro_desktop.services.access import authorize_class
from cpro_desktop.services.permissions import Action, Actor
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, ValidationError

from .labels import iso_weeks
from .queries import class_framework_id, framework_ids, load_areas, load_plan, sheet_is_empty
from .snapshots import AreaTasks, GenerationReport, PeriodDetail, PeriodDraft, PeriodSaved

#: Longest period accepted (it bounds the sheets generated per apprentice).
MAX_PERIOD_WEEKS = 52
#: The period plan's texts as the period editor names them.
PLAN_LABELS = {
    "objectives": "Objectifs de formation",
    "planned_activities": "Activités prévisionnelles",
}

PERIOD_CONFLICT = (
    "Quelqu'un d'autre a modifié cette période (ou sa fiche pédagogique) entre-temps : "
    "vos modifications n'ont pas été enregistrées. Rechargez la période pour voir sa version."
)


# -- reading --------------------------------------------------------------------------------


def class_framework(store: Store, actor: Actor, school_class_id: int) -> tuple[AreaTasks, ...]:
    """The tasks of the class's framework by area, to choose a new period's planned tasks."""
    with store.read() as session:
        authorize_class(session, actor, Action.MANAGE_PERIODS, school_class_id)
        return load_areas(session, class_framework_id(session, school_class_id))


def period_detail(store: Store, actor: Actor, period_id: int) -> PeriodDetail:
    """A period with its plan and the class's framework, for its edit form."""
    with store.read() as session:
        class_id = _period_class(session, period_id)
        authorize_class(session, actor, Action.MANAGE_PERIODS, class_id)
        return _detail(session, period_id)


def _period_class(session: Session, period_id: int) -> int:
    class_id = session.scalar(select(m.Period.school_class_id).where(m.Period.id == period_id))
    if class_id is None:
        raise NotFound("Cette période n'existe pas (ou plus).")
    return class_id


def _detail(session: Session, period_id: int) -> PeriodDetail:
    retired = (
        select(func.count(m.ActivitySheet.id))
        .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
        .where(m.Portfolio.period_id == m.Period.id, m.ActivitySheet.retired.is_(True))
        .correlate(m.Period)
        .scalar_subquery()
    )
    portfolios = (
        select(func.count(m.Portfolio.id))
        .where(m.Portfolio.period_id == m.Period.id)
        .correlate(m.Period)
        .scalar_subquery()
    )
    row = session.execute(
        select(
            m.Period.id,
            m.Period.school_class_id,
            m.Period.name,
            m.Period.start_date,
            m.Period.end_date,
            m.Period.version,
            m.SchoolClass.name.label("class_name"),
            m.SchoolClass.diploma_id,
            portfolios.label("portfolios"),
            retired.label("retired"),
        )
        .join(m.SchoolClass, m.SchoolClass.id == m.Period.school_class_id)
        .where(m.Period.id == period_id)
    ).one()
    plan, plan_version = load_plan(session, period_id)
    framework = load_areas(session, class_framework_id(session, row.school_class_id))
    return PeriodDetail(
        id=row.id,
        school_class_id=row.school_class_id,
        class_name=row.class_name,
        name=row.name,
        start_date=row.start_date,
        end_date=row.end_date,
        version=row.version,
        plan_version=plan_version,
        plan=plan,
        framework=framework,
        weeks=iso_weeks(row.start_date, row.end_date),
        portfolio_count=row.portfolios,
        retired_sheet_count=row.retired,
    )


# -- writing --------------------------------------------------------------------------------


def create_period(
    store: Store, actor: Actor, school_class_id: int, draft: PeriodDraft
) -> PeriodSaved:
    """Create a period of the class with its plan, and generate its portfolios and sheets."""
    with store.write() as session:
        authorize_class(session, actor, Action.MANAGE_PERIODS, school_class_id)
        draft = _validated(session, school_class_id, draft, period_id=None)
        period = m.Period(
            school_class_id=school_class_id,
            name=draft.name,
            start_date=draft.start_date,
            end_date=draft.end_date,
        )
        session.add(period)
        session.flush()
        plan = m.PeriodPlan(
            period_id=period.id,
            objectives=draft.objectives,
            planned_activities=draft.planned_activities,
        )
        plan.planned_tasks = _tasks(session, draft.planned_task_ids)
        session.add(plan)
        session.flush()
        report = _sync_period(session, period.id)
        return PeriodSaved(_detail(session, period.id), report)


def update_period(
    store: Store,
    actor: Actor,
    period_id: int,
    draft: PeriodDraft,
    *,
    version: int,
    plan_version: int | None,
) -> PeriodSaved:
    """Save a period and its plan as read at `version` / `plan_version`, then bring its
    portfolios and sheets in line with the dates (new weeks added, dropped weeks deleted if
    empty or retired if written, returning weeks restored). A stale version raises
    `ConflictError` and changes nothing."""
    with store.write() as session:
        class_id = _period_class(session, period_id)
        authorize_class(session, actor, Action.MANAGE_PERIODS, class_id)
        period = session.scalars(
            select(m.Period).where(m.Period.id == period_id).with_for_update()
        ).one()
        plan = session.scalars(
            select(m.PeriodPlan)
            .where(m.PeriodPlan.period_id == period_id)
            .options(selectinload(m.PeriodPlan.planned_tasks))
            .with_for_update()
        ).one_or_none()
        if period.version != version or (plan.version if plan else None) != plan_version:
            raise ConflictError(PERIOD_CONFLICT)
        draft = _validated(session, class_id, draft, period_id=period_id)
        period.name = draft.name
        period.start_date = draft.start_date
        period.end_date = draft.end_date
        if plan is None:
            plan = m.PeriodPlan(period_id=period_id)
            plan.planned_tasks = []
            session.add(plan)
        plan.objectives = draft.objectives
        plan.planned_activities = draft.planned_activities
        if {t.id for t in plan.planned_tasks} != set(draft.planned_task_ids):
            plan.planned_tasks = _tasks(session, draft.planned_task_ids)
        session.flush()
        report = _sync_period(session, period_id)
        return PeriodSaved(_detail(session, period_id), report)


def ensure_portfolios(store: Store, actor: Actor, school_class_id: int) -> GenerationReport:
    """Bring every period of the class in line: portfolios for apprentices who joined the
    class since, and the weekly sheets of each (a few statements per period)."""
    with store.write() as session:
        authorize_class(session, actor, Action.MANAGE_PERIODS, school_class_id)
        report = GenerationReport()
        period_ids = session.scalars(
            select(m.Period.id)
            .where(m.Period.school_class_id == school_class_id)
            .order_by(m.Period.start_date, m.Period.id)
        ).all()
        for period_id in period_ids:
            report += _sync_period(session, period_id)
        return report


def delete_retired_sheet(store: Store, actor: Actor, sheet_id: int, *, version: int) -> None:
    """Delete on purpose a retired sheet (its week left the period) with all it holds:
    texts, comments, attachments and links. Refused for a sheet still in its period."""
    with store.write() as session:
        row = session.execute(
            select(m.Period.school_class_id, m.ActivitySheet.retired)
            .join(m.Portfolio, m.Portfolio.period_id == m.Period.id)
            .join(m.ActivitySheet, m.ActivitySheet.portfolio_id == m.Portfolio.id)
            .where(m.ActivitySheet.id == sheet_id)
        ).one_or_none()
        if row is None:
            raise NotFound("Cette fiche activité n'existe pas (ou plus).")
        authorize_class(session, actor, Action.MANAGE_PERIODS, row.school_class_id)
        if not row.retired:
            raise ValidationError(
                "retired",
                "Cette fiche appartient encore à la période : seules les fiches des semaines "
                "retirées peuvent être supprimées.",
            )
        # Core DELETE: the database cascades comments, attachments and links; the WHERE
        # clause is the optimistic lock.
        deleted = session.execute(
            delete(m.ActivitySheet)
            .where(
                m.ActivitySheet.id == sheet_id,
                m.ActivitySheet.version == version,
                m.ActivitySheet.retired.is_(True),
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if deleted != 1:
            raise ConflictError(
                "Cette fiche a été modifiée entre-temps : elle n'a pas été supprimée. "
                "Rechargez-la pour voir sa version."
            )


def _validated(
    session: Session, school_class_id: int, draft: PeriodDraft, *, period_id: int | None
) -> PeriodDraft:
    name = " ".join(draft.name.split())
    if not name:
        raise ValidationError("name", "Le nom de la période est obligatoire.")
    check_text(m.Period.name, name, "Nom de la période")
    if not isinstance(draft.start_date, date) or not isinstance(draft.end_date, date):
        raise ValidationError("start_date", "Les dates de début et de fin sont obligatoires.")
    if draft.end_date < draft.start_date:
        raise ValidationError("end_date", "La date de fin précède la date de début.")
    if draft.start_date.year < 2000 or draft.end_date.year > 2199:
        raise ValidationError("start_date", "Les dates doivent être comprises entre 2000 et 2199.")
    if len(iso_weeks(draft.start_date, draft.end_date)) > MAX_PERIOD_WEEKS:
        raise ValidationError(
            "end_date", f"Une période ne peut pas dépasser {MAX_PERIOD_WEEKS} semaines."
        )
    for field_name, label in PLAN_LABELS.items():
        check_text(getattr(m.PeriodPlan, field_name), getattr(draft, field_name), label)
    taken = session.scalar(
        select(
            exists().where(
                m.Period.school_class_id == school_class_id,
                func.lower(m.Period.name) == name.lower(),
                m.Period.id != (period_id or 0),
            )
        )
    )
    if taken:
        raise ValidationError("name", f"La classe a déjà une période nommée « {name} ».")
    task_ids = frozenset(draft.planned_task_ids)
    if task_ids:
        known = framework_ids(
            session, class_framework_id(session, school_class_id), tasks=task_ids
        )["task"]
        if known != task_ids:
            raise ValidationError(
                "planned_task_ids",
                "Certaines activités prévues n'appartiennent pas au référentiel de la classe.",
            )
    return replace(draft, name=name, planned_task_ids=task_ids)


def _tasks(session: Session, task_ids: frozenset[int]) -> list[m.Task]:
    if not task_ids:
        return []
    return list(session.scalars(select(m.Task).where(m.Task.id.in_(task_ids))))


def _sync_period(session: Session, period_id: int) -> GenerationReport:
    """Portfolios, logbooks and weekly sheets of one period in line with its dates and the
    class's apprentices (a fixed number of statements)."""
    # Locking the period row serialises two generations of the same period (PostgreSQL).
    period = session.execute(
        select(m.Period.school_class_id, m.Period.start_date, m.Period.end_date)
        .where(m.Period.id == period_id)
        .with_for_update()
    ).one()
    weeks = set(iso_weeks(period.start_date, period.end_date))

    newcomers = session.execute(
        select(m.Apprentice.id, m.Apprentice.company_id, m.Apprentice.tutor_id).where(
            m.Apprentice.school_class_id == period.school_class_id,
            ~exists().where(
                m.Portfolio.apprentice_id == m.Apprentice.id, m.Portfolio.period_id == period_id
            ),
        )
    ).all()
    if newcomers:
        session.execute(
            insert(m.Portfolio),
            [
                {
                    "apprentice_id": r.id,
                    "period_id": period_id,
                    "company_id": r.company_id,
                    "tutor_id": r.tutor_id,
                }
                for r in newcomers
            ],
        )
    without_logbook = session.scalars(
        select(m.Portfolio.id).where(
            m.Portfolio.period_id == period_id,
            ~exists().where(m.Logbook.portfolio_id == m.Portfolio.id),
        )
    ).all()
    if without_logbook:
        session.execute(insert(m.Logbook), [{"portfolio_id": pid} for pid in without_logbook])

    portfolio_ids = session.scalars(
        select(m.Portfolio.id).where(m.Portfolio.period_id == period_id)
    ).all()
    existing = session.execute(
        select(
            m.ActivitySheet.id,
            m.ActivitySheet.portfolio_id,
            m.ActivitySheet.iso_year,
            m.ActivitySheet.iso_week,
            m.ActivitySheet.retired,
        )
        .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
        .where(m.Portfolio.period_id == period_id)
    ).all()
    present = {(r.portfolio_id, r.iso_year, r.iso_week) for r in existing}
    to_create = [
        {
            "portfolio_id": pid,
            "iso_year": week.year,
            "iso_week": week.week,
            "apprentice_changed_at": NEVER_CHANGED,
        }
        for pid in portfolio_ids
        for week in sorted(weeks)
        if (pid, week.year, week.week) not in present
    ]
    if to_create:
        session.execute(insert(m.ActivitySheet), to_create)
    in_period = {(w.year, w.week) for w in weeks}
    dropped = [
        r.id for r in existing if (r.iso_year, r.iso_week) not in in_period and not r.retired
    ]
    restored = [r.id for r in existing if (r.iso_year, r.iso_week) in in_period and r.retired]
    deleted = retired = 0
    if dropped:
        # Empty sheets go; the emptiness is checked again by the DELETE itself, so a sheet
        # written meanwhile is retired below instead of lost.
        deleted = session.execute(
            delete(m.ActivitySheet)
            .where(m.ActivitySheet.id.in_(dropped), sheet_is_empty())
            .execution_options(synchronize_session=False)
        ).rowcount
        retired = session.execute(
            update(m.ActivitySheet)
            .where(m.ActivitySheet.id.in_(dropped))
            .values(retired=True, version=m.ActivitySheet.version + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
    if restored:
        session.execute(
            update(m.ActivitySheet)
            .where(m.ActivitySheet.id.in_(restored))
            .values(retired=False, version=m.ActivitySheet.version + 1)
            .execution_options(synchronize_session=False)
        )
    return GenerationReport(
        portfolios_created=len(newcomers),
        sheets_created=len(to_create),
        sheets_deleted=deleted,
        sheets_retired=retired,
        sheets_restored=len(restored),
    )
