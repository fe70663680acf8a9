"""The audit trail: who exported, erased or printed whose data, and who changed which
account or its rights — written in the same transaction as the action, read by the
administrator.

`record_event()` is the one function that writes a row. It runs a Core INSERT without
RETURNING on the action's own session (the model turns implicit RETURNING off): on
PostgreSQL an ordinary user may insert into `audit_events` but not read it (row-level
security), and `session.add()` would read the new id back. So a refused or failed action,
whose transaction rolls back, leaves no row; and no row, once written, can be changed or
deleted (triggers of migration 0005).

`list_events()` is the administrator's read (Administration › Journal d'audit): filtered by
dates, action and text, newest first, at most `filters.limit` rows, in two statements.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, insert, or_, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.audit import AUDIT_ACTION_LABELS, AuditAction
from cpro_desktop.models.people import person_name
from cpro_desktop.services.access import authorize
from cpro_desktop.services.permissions import Action, Actor, can
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ValidationError

#: Rows shown at most by default: narrower filters find older rows.
DEFAULT_LIMIT = 500
MAX_LIMIT = 5000

_events = m.AuditEvent.__table__
_accounts = m.Account.__table__


def person_label(last_name: str, first_name: str, login: str | None = None) -> str:
    """ "NOM Prénom (login)", the way a subject is written into a row."""
    name = person_name(last_name, first_name)
    return f"{name} ({login})" if login else name


def apprentice_label(name: str, class_name: str | None) -> str:
    """An apprentice as a row's subject: "AZZOUG Mina (1MELEC)"."""
    return f"{name} ({class_name})" if class_name else name


def account_label(account: m.Account) -> str:
    """An account as a row's subject: "NOM Prénom (login)"."""
    return person_label(account.last_name, account.first_name, account.login)


def record_event(
    session: Session,
    actor: Actor,
    action: AuditAction | str,
    *,
    apprentice_id: int | None = None,
    account_id: int | None = None,
    subject: str = "",
    detail: str = "",
) -> None:
    """Write one audit row in the session's transaction (one INSERT, nothing read back).

    The actor's login is the store's, read inside the INSERT: it is what the server's
    row-level security checks (one writes only as oneself), even when the action has just
    renamed the actor's own account."""
    current_login = (
        select(_accounts.c.login).where(_accounts.c.id == actor.account_id).scalar_subquery()
    )
    session.execute(
        insert(_events).values(
            occurred_at=datetime.now(UTC),
            actor_account_id=actor.account_id,
            actor_login=func.coalesce(current_login, (actor.login or "")[:80]),
            actor_name=(actor.display_name or "")[:201],
            action=str(action),
            subject_apprentice_id=apprentice_id,
            subject_account_id=account_id,
            subject_label=(subject or "")[:300],
            detail=detail or "",
        )
    )


def record_account_event(
    session: Session, actor: Actor, action: AuditAction, account: m.Account, detail: str = ""
) -> None:
    """An audit row about an account (created, changed, its password…)."""
    record_event(
        session, actor, action, account_id=account.id, subject=account_label(account), detail=detail
    )


def record_print(
    session: Session,
    actor: Actor,
    action: AuditAction,
    apprentice_id: int,
    subject: str,
    detail: str = "",
) -> None:
    """An audit row for a document printed about an apprentice — unless it is printed into
    the export of his record, which writes its own row (`RECORD_EXPORT`)."""
    if actor.exporting_record_of == apprentice_id and can(actor, Action.EXPORT_RECORD):
        return
    record_event(
        session, actor, action, apprentice_id=apprentice_id, subject=subject, detail=detail
    )


#: What one must be allowed to read to print each kind of document.
_PRINT_READS = {
    AuditAction.PRINT_BOOKLET: Action.PRINT_BOOKLET,
    AuditAction.PRINT_REVIEWS: Action.READ_REVIEWS,
    AuditAction.PRINT_LOGBOOK: Action.READ_WORK,
    AuditAction.PRINT_DASHBOARD: Action.READ_DASHBOARD,
}


def log_print(
    store: Store, actor: Actor, action: AuditAction, apprentice_id: int, detail: str = ""
) -> None:
    """The audit row of a document a screen prints from what it already shows (a review,
    the comparison table, a blank period review, a dashboard view): checked like reading it,
    in its own transaction. Call it before writing the file, so that no PDF leaves unlogged."""
    with store.write() as session:
        authorize(session, actor, _PRINT_READS[action], apprentice_id)
        row = session.execute(
            select(m.Apprentice.last_name, m.Apprentice.first_name, m.SchoolClass.name)
            .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
            .where(m.Apprentice.id == apprentice_id)
        ).one()
        name = person_label(row.last_name, row.first_name)
        record_print(
            session, actor, action, apprentice_id, apprentice_label(name, row.name), detail
        )


# --- Reading the trail -----------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilters:
    """What the administrator asks of the trail; every field optional."""

    #: First and last day (inclusive), in the workstation's time zone.
    start: date | None = None
    end: date | None = None
    #: An `AuditAction` value, or None for every action.
    action: str | None = None
    #: Found in the actor's login or name, the subject or the detail (case ignored).
    text: str = ""
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class AuditRow:
    """One row of the trail, as the Administration tab shows it."""

    id: int
    occurred_at: datetime
    action: str
    actor_account_id: int | None
    actor_login: str
    actor_name: str
    apprentice_id: int | None
    account_id: int | None
    subject: str
    detail: str

    @property
    def action_label(self) -> str:
        """The action in French (a code of a newer version shows as it is)."""
        return action_label(self.action)

    @property
    def actor_label(self) -> str:
        """ "NOM Prénom (login)"."""
        if self.actor_name and self.actor_login:
            return f"{self.actor_name} ({self.actor_login})"
        return self.actor_name or self.actor_login


def action_label(code: str) -> str:
    """An action code in French; unknown codes as they are."""
    try:
        return AUDIT_ACTION_LABELS[AuditAction(code)]
    except ValueError:
        return code


def _local_midnight(day: date) -> datetime:
    """The first instant of `day` in the workstation's time zone, in UTC."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _text_condition(needle: str) -> ColumnElement[bool]:
    columns = (
        _events.c.actor_login,
        _events.c.actor_name,
        _events.c.subject_label,
        _events.c.detail,
    )
    conditions = []
    for column in columns:
        # lower() folds only ASCII on SQLite: the upper-cased needle finds "GÉRARD" there.
        conditions.append(func.lower(column).contains(needle.lower(), autoescape=True))
        conditions.append(column.contains(needle.upper(), autoescape=True))
    return or_(*conditions)


def _where(filters: AuditFilters) -> list[ColumnElement[bool]]:
    if filters.start and filters.end and filters.end < filters.start:
        raise ValidationError("end", "La date de fin précède la date de début.")
    where: list[ColumnElement[bool]] = []
    if filters.start is not None:
        where.append(_events.c.occurred_at >= _local_midnight(filters.start))
    if filters.end is not None:
        where.append(_events.c.occurred_at < _local_midnight(filters.end + timedelta(days=1)))
    if filters.action:
        where.append(_events.c.action == str(filters.action))
    needle = filters.text.strip()
    if needle:
        where.append(_text_condition(needle))
    return where


def _row(r: Any) -> AuditRow:
    return AuditRow(
        id=r.id,
        occurred_at=r.occurred_at,
        action=r.action,
        actor_account_id=r.actor_account_id,
        actor_login=r.actor_login,
        actor_name=r.actor_name,
        apprentice_id=r.subject_apprentice_id,
        account_id=r.subject_account_id,
        subject=r.subject_label,
        detail=r.detail,
    )


def _select() -> Any:
    return select(_events).order_by(_events.c.occurred_at.desc(), _events.c.id.desc())


def list_events(
    store: Store, actor: Actor, filters: AuditFilters | None = None
) -> tuple[AuditRow, ...]:
    """The rows matching `filters`, newest first, at most `filters.limit` (administrator
    only; two statements)."""
    filters = filters or AuditFilters()
    limit = max(1, min(filters.limit, MAX_LIMIT))
    with store.read() as session:
        authorize(session, actor, Action.ADMINISTER)
        rows = session.execute(_select().where(*_where(filters)).limit(limit)).all()
    return tuple(_row(r) for r in rows)


def events_about(
    session: Session, apprentice_id: int, account_id: int | None
) -> tuple[AuditRow, ...]:
    """The rows about one person, oldest first: those whose subject is the apprentice or his
    account, and those his account wrote (one statement, for the export of his record; the
    caller has checked the permission)."""
    about = [_events.c.subject_apprentice_id == apprentice_id]
    if account_id is not None:
        about += [
            _events.c.subject_account_id == account_id,
            _events.c.actor_account_id == account_id,
        ]
    rows = session.execute(
        select(_events).where(or_(*about)).order_by(_events.c.occurred_at, _events.c.id)
    ).all()
    return tuple(_row(r) for r in rows)


__all__ = [
    "DEFAULT_LIMIT",
    "AuditAction",
    "AuditFilters",
    "AuditRow",
    "account_label",
    "action_label",
    "apprentice_label",
    "events_about",
    "list_events",
    "log_print",
    "person_label",
    "record_account_event",
    "record_event",
    "record_print",
]
