"""Loading what the permission policy needs, inside the service's own session.

Every service call starts here, so each check is one statement: the account's role and
state and, when the action concerns an apprentice, the accounts related to him (and, for a
period's work, the tutor of that period: `authorize_portfolio()`). A reading service can
even send it with its first data statement, in the same round trip (`checking()`).
The statements are built once, on Core tables with bound parameters, and run on the
session's connection: building ORM statements anew at each call, and their cache keys, cost
more than running them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Subquery,
    bindparam,
    cast,
    null,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.services.permissions import (
    Action,
    Actor,
    ApprenticeScope,
    require,
    require_on_class,
)
from cpro_desktop.store import Store
from cpro_desktop.store.ahead import send_ahead
from cpro_desktop.store.errors import NotFound, PermissionDenied
from cpro_desktop.store.logins import POLICY_SCHEMA

_ACCOUNT_ID = bindparam("account_id", type_=Integer)
_APPRENTICE_ID = bindparam("apprentice_id", type_=Integer)
_PORTFOLIO_ID = bindparam("portfolio_id", type_=Integer)
_SCHOOL_CLASS_ID = bindparam("school_class_id", type_=Integer)

_accounts = m.Account.__table__
_apprentices = m.Apprentice.__table__
_portfolios = m.Portfolio.__table__
_trainers = m.class_trainers
_guardians = m.apprentice_guardians

#: A NULL of the id columns (typed: PostgreSQL types a UNION's columns branch by branch).
_NO_ID = cast(null(), Integer)

#: The account's role and whether it is active (no row: the account is gone).
_ACTOR = select(_accounts.c.role, _accounts.c.is_active).where(_accounts.c.id == _ACCOUNT_ID)


def _related(apprentice_id: ColumnElement[int]) -> Subquery:
    """The trainers of the apprentice's class, his guardians and the tutors of his
    placements (his portfolios' tutors), one per row."""
    return union_all(
        select(
            _trainers.c.trainer_id.label("trainer_id"),
            _NO_ID.label("guardian_id"),
            _NO_ID.label("placement_tutor_id"),
        ).where(
            _trainers.c.school_class_id
            == select(_apprentices.c.school_class_id)
            .where(_apprentices.c.id == apprentice_id)
            .scalar_subquery()
        ),
        select(_NO_ID, _guardians.c.guardian_id, _NO_ID).where(
            _guardians.c.apprentice_id == apprentice_id
        ),
        select(_NO_ID, _NO_ID, _portfolios.c.tutor_id)
        .where(_portfolios.c.apprentice_id == apprentice_id, _portfolios.c.tutor_id.is_not(None))
        .distinct(),
    ).subquery("related")


_RELATED = _related(_APPRENTICE_ID)


def _scope_columns(related: Subquery) -> tuple[ColumnElement, ...]:
    return (
        _apprentices.c.id,
        _apprentices.c.school_class_id,
        _apprentices.c.account_id,
        _apprentices.c.tutor_id,
        _apprentices.c.referent_trainer_id,
        related.c.trainer_id,
        related.c.guardian_id,
        related.c.placement_tutor_id,
    )


_SCOPE_COLUMNS = _scope_columns(_RELATED)

#: The apprentice's scope: his row, repeated beside each related account (at least once).
_SCOPE = (
    select(*_SCOPE_COLUMNS)
    .select_from(_apprentices)
    .outerjoin(_RELATED, true())
    .where(_apprentices.c.id == _APPRENTICE_ID)
)

#: `_ACTOR` and `_SCOPE` in one round trip: the account's row, the apprentice's (NULLs if he
#: does not exist) and the related accounts. No row at all: the account is gone.
_ACTOR_AND_SCOPE = (
    select(_accounts.c.role, _accounts.c.is_active, *_SCOPE_COLUMNS)
    .select_from(_accounts)
    .outerjoin(_apprentices, _apprentices.c.id == _APPRENTICE_ID)
    .outerjoin(_RELATED, true())
    .where(_accounts.c.id == _ACCOUNT_ID)
)

#: `_ACTOR_AND_SCOPE` for one portfolio: the account's row, the portfolio's (its tutor),
#: its apprentice's and the accounts related to him (NULLs if the portfolio does not exist).
_PORTFOLIO_RELATED = _related(
    select(_portfolios.c.apprentice_id).where(_portfolios.c.id == _PORTFOLIO_ID).scalar_subquery()
)
_ACTOR_AND_PORTFOLIO = (
    select(
        _accounts.c.role,
        _accounts.c.is_active,
        _portfolios.c.id.label("portfolio_id"),
        _portfolios.c.tutor_id.label("portfolio_tutor_id"),
        *_scope_columns(_PORTFOLIO_RELATED),
    )
    .select_from(_accounts)
    .outerjoin(_portfolios, _portfolios.c.id == _PORTFOLIO_ID)
    .outerjoin(_apprentices, _apprentices.c.id == _portfolios.c.apprentice_id)
    .outerjoin(_PORTFOLIO_RELATED, true())
    .where(_accounts.c.id == _ACCOUNT_ID)
)

#: The account's row beside each trainer of a class (NULL when the class has none).
_ACTOR_AND_CLASS = (
    select(_accounts.c.role, _accounts.c.is_active, _trainers.c.trainer_id)
    .select_from(_accounts)
    .outerjoin(_trainers, _trainers.c.school_class_id == _SCHOOL_CLASS_ID)
    .where(_accounts.c.id == _ACCOUNT_ID)
)


def _connection(session: Session) -> Connection:
    """The session's connection, after flushing what the service has pending.

    `Session.execute()` would autoflush before an ORM query; a Core statement run on the
    connection does not, so a check made after a change still sees it.
    """
    if session.autoflush:
        session.flush()
    return session.connection()


def _current(actor: Actor, row: Row | None) -> Actor:
    if row is None or not row.is_active:
        raise PermissionDenied("Ce compte est désactivé : reconnectez-vous avec un compte actif.")
    return replace(actor, role=row.role, is_active=True)


def _scope(apprentice_id: int, rows: Sequence[Row]) -> ApprenticeScope:
    first = rows[0] if rows else None
    if first is None or first.id is None:
        raise NotFound("Cet apprenti n'existe pas (ou plus).")
    return ApprenticeScope(
        apprentice_id=first.id,
        school_class_id=first.school_class_id,
        account_id=first.account_id,
        tutor_id=first.tutor_id,
        referent_trainer_id=first.referent_trainer_id,
        class_trainer_ids=frozenset(r.trainer_id for r in rows if r.trainer_id is not None),
        guardian_ids=frozenset(r.guardian_id for r in rows if r.guardian_id is not None),
        placement_tutor_ids=frozenset(
            r.placement_tutor_id for r in rows if r.placement_tutor_id is not None
        ),
    )


def load_scope(session: Session, apprentice_id: int) -> ApprenticeScope:
    """The accounts related to one apprentice (one statement)."""
    rows = _connection(session).execute(_SCOPE, {"apprentice_id": apprentice_id}).all()
    return _scope(apprentice_id, rows)


def fresh_actor(session: Session, actor: Actor) -> Actor:
    """The actor as the store knows him now: a deactivated account loses every right."""
    row = _connection(session).execute(_ACTOR, {"account_id": actor.account_id}).one_or_none()
    return _current(actor, row)


def _decide(
    actor: Actor, action: Action, apprentice_id: int | None, rows: Sequence[Row]
) -> tuple[Actor, ApprenticeScope | None]:
    """The fresh actor and the scope from `_ACTOR` / `_ACTOR_AND_SCOPE` rows, or the
    refusal (`PermissionDenied`, `NotFound`)."""
    current = _current(actor, rows[0] if rows else None)
    if apprentice_id is None:
        require(current, action, None)
        return current, None
    scope = _scope(apprentice_id, rows)
    require(current, action, scope)
    return current, scope


def _decide_portfolio(
    actor: Actor, action: Action, portfolio_id: int, rows: Sequence[Row]
) -> tuple[Actor, ApprenticeScope]:
    """The fresh actor and the portfolio scope from `_ACTOR_AND_PORTFOLIO` rows."""
    current = _current(actor, rows[0] if rows else None)
    if rows[0].portfolio_id is None or rows[0].id is None:
        raise NotFound("Ce portfolio n'existe pas (ou plus).")
    scope = replace(
        _scope(rows[0].id, rows),
        portfolio_id=portfolio_id,
        portfolio_tutor_id=rows[0].portfolio_tutor_id,
    )
    require(current, action, scope)
    return current, scope


def authorize(
    session: Session, actor: Actor, action: Action, apprentice_id: int | None = None
) -> ApprenticeScope | None:
    """Check `action` for `actor` (on `apprentice_id` if the action concerns one).

    One statement: the account must exist and be active (else `PermissionDenied`, even for
    an apprentice that does not exist), then the apprentice must exist (else `NotFound`).
    """
    if apprentice_id is None:
        require(fresh_actor(session, actor), action, None)
        return None
    rows = (
        _connection(session)
        .execute(_ACTOR_AND_SCOPE, {"account_id": actor.account_id, "apprentice_id": apprentice_id})
        .all()
    )
    return _decide(actor, action, apprentice_id, rows)[1]


def authorize_portfolio(
    session: Session, actor: Actor, action: Action, portfolio_id: int
) -> ApprenticeScope:
    """Check `action` on one portfolio's work (a period's logbook, sheets, comments,
    attachments, period review): the portfolio scope, where a tutor's relation comes from
    the tutor of that period (see `permissions`).

    One statement: the account must exist and be active (else `PermissionDenied`), then the
    portfolio must exist (else `NotFound`).
    """
    rows = (
        _connection(session)
        .execute(
            _ACTOR_AND_PORTFOLIO, {"account_id": actor.account_id, "portfolio_id": portfolio_id}
        )
        .all()
    )
    return _decide_portfolio(actor, action, portfolio_id, rows)[1]


class Check:
    """A permission check sent with the service's next statement (`checking()`)."""

    def __init__(self, decide: Callable[[], tuple[Actor, ApprenticeScope | None]]) -> None:
        self._decide = decide
        self._decided: tuple[Actor, ApprenticeScope | None] | None = None

    def decide(self) -> None:
        """Read the check's answer (with the round trip of the statement sent after it, or
        its own if none was) and raise its refusal, if any."""
        if self._decided is None:
            self._decided = self._decide()

    @property
    def actor(self) -> Actor:
        """The actor as the store knows him now (`fresh_actor()`); decides the check."""
        self.decide()
        assert self._decided is not None
        return self._decided[0]

    @property
    def scope(self) -> ApprenticeScope | None:
        """The apprentice's (or the portfolio's) scope, None for an action without one;
        decides the check."""
        self.decide()
        assert self._decided is not None
        return self._decided[1]


@contextlib.contextmanager
def checking(
    session: Session,
    actor: Actor,
    action: Action,
    *,
    apprentice_id: int | None = None,
    portfolio_id: int | None = None,
) -> Iterator[Check]:
    """`authorize()` (or `authorize_portfolio()` with `portfolio_id`) at no round trip of
    its own: the check is sent, and the first statement the block runs goes with it on
    PostgreSQL (psycopg's pipeline mode, `store.ahead`). A service reading one screen's
    data in one statement then costs one round trip, the check included:

        with store.read() as session:
            with checking(session, actor, Action.READ_WORK, apprentice_id=a) as check:
                rows = session.execute(query).all()
            return build(rows, check.scope)

    The check is decided when the block ends (or sooner, when the block reads
    `check.scope` or `check.actor`): a refusal is raised then, and what the block read is
    dropped with it. So the block only reads, and lets nothing out before the check is
    decided; it must not write (a write unit calls `authorize()` first). On SQLite the
    check runs at once, before the block, as `authorize()` does.
    """
    if portfolio_id is not None:
        statement = _ACTOR_AND_PORTFOLIO
        params = {"account_id": actor.account_id, "portfolio_id": portfolio_id}
    elif apprentice_id is not None:
        statement = _ACTOR_AND_SCOPE
        params = {"account_id": actor.account_id, "apprentice_id": apprentice_id}
    else:
        statement, params = _ACTOR, {"account_id": actor.account_id}
    with send_ahead(_connection(session), statement, params) as ahead:

        def decide() -> tuple[Actor, ApprenticeScope | None]:
            rows = ahead.rows()
            if portfolio_id is not None:
                return _decide_portfolio(actor, action, portfolio_id, rows)
            return _decide(actor, action, apprentice_id, rows)

        check = Check(decide)
        if not ahead.pending:
            check.decide()  # SQLite: refused before the block runs
        yield check
        check.decide()


def authorize_class(session: Session, actor: Actor, action: Action, school_class_id: int) -> None:
    """Check a class-level action (e.g. managing its periods); one statement."""
    rows = (
        _connection(session)
        .execute(
            _ACTOR_AND_CLASS, {"account_id": actor.account_id, "school_class_id": school_class_id}
        )
        .all()
    )
    current = _current(actor, rows[0] if rows else None)
    trainers = frozenset(r.trainer_id for r in rows if r.trainer_id is not None)
    require_on_class(current, action, trainers)


def open_record(store: Store, apprentice_id: int) -> None:
    """Before an administrator exports or erases an apprentice's record: on a per-user
    server, let his own login read that record for a while (the server's twin of
    `permissions.exporting_record()`; the server itself checks he is the administrator).
    Nothing to do elsewhere: the application's policy is the only wall there."""
    if not store.per_user or store.login is None:
        # Not a person's own login (the server's administrator, who no policy fences).
        return
    try:
        with store.write() as session:
            session.execute(
                text(f"SELECT {POLICY_SCHEMA}.open_record(:apprentice)"),
                {"apprentice": apprentice_id},
            )
    except DBAPIError as exc:
        raise PermissionDenied("Cette action est réservée à l'administrateur du centre.") from exc
