"""Signing in, the first-run administrator, and password changes.

A failed sign-in never says whether the login or the password was wrong. After
`FREE_ATTEMPTS` consecutive failures, each next attempt on that login must wait a delay that
doubles (capped at `MAX_DELAY`), counted from the last failure; attempts inside the delay
are refused without even checking the password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import Role
from cpro_desktop.security import hash_password, needs_rehash, verify_password
from cpro_desktop.services import audit
from cpro_desktop.services.access import authorize
from cpro_desktop.services.booklet import person_name
from cpro_desktop.services.permissions import Action, Actor
from cpro_desktop.store import Store, describe_location
from cpro_desktop.store.engine import normalise_url
from cpro_desktop.store.errors import (
    WRONG_CREDENTIALS,
    CproError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from cpro_desktop.store.logins import POLICY_SCHEMA, is_per_user_url, password_record

FREE_ATTEMPTS = 3
BASE_DELAY = timedelta(seconds=2)
MAX_DELAY = timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 8

# Verified against when the login is unknown, so that both cases take the same time.
_DUMMY_HASH = hash_password("cpro-desktop: no such account")


class AuthenticationFailed(CproError):
    """Wrong login or password (the message never tells which)."""


class TooManyAttempts(AuthenticationFailed):
    """Too many failures on this login: wait `retry_after` before trying again."""

    def __init__(self, retry_after: timedelta) -> None:
        seconds = max(1, int(retry_after.total_seconds() + 0.999))
        super().__init__(
            f"Trop de tentatives infructueuses : réessayez dans {seconds} seconde"
            f"{'s' if seconds > 1 else ''}."
        )
        self.retry_after = retry_after


def throttle_delay(failures: int) -> timedelta:
    """How long to wait after `failures` consecutive failures."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(MAX_DELAY, BASE_DELAY * (2 ** min(failures - FREE_ATTEMPTS, 16)))


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in: the actor the services take, and what the status bar shows."""

    actor: Actor
    role_label: str


_accounts = m.Account.__table__
#: What the signed-in actor is made of (never the credentials).
_ACTOR_COLUMNS = (
    _accounts.c.id,
    _accounts.c.role,
    _accounts.c.login,
    _accounts.c.last_name,
    _accounts.c.first_name,
)


def _actor_of(row: Any) -> Actor:
    return Actor(row.id, Role(row.role), row.login, person_name(row.last_name, row.first_name))


def authenticate(store: Store, login: str, password: str, now: datetime | None = None) -> Actor:
    """The actor for `login` if `password` is right; raises `AuthenticationFailed`.

    The account's row is locked for the check (PostgreSQL; SQLite's writers queue anyway),
    so parallel guesses are counted one after the other and gain nothing; the sign-in's
    bookkeeping does not touch the row's version, so signing in never conflicts with
    another sign-in nor with an administrator editing the account.
    """
    login = login.strip()
    accounts = _accounts
    with store.write() as session:
        account = session.execute(
            select(
                *_ACTOR_COLUMNS,
                accounts.c.is_active,
                accounts.c.password_hash,
                accounts.c.failed_logins,
                accounts.c.last_failed_login_at,
            )
            .where(func.lower(accounts.c.login) == login.lower())
            .with_for_update()
        ).one_or_none()
        # The time is taken once the row is ours: a failure counted meanwhile is older.
        now = now or utcnow()
        if account is None or not account.is_active:
            verify_password(_DUMMY_HASH, password)
            raise AuthenticationFailed(WRONG_CREDENTIALS)
        delay = throttle_delay(account.failed_logins)
        if delay and account.last_failed_login_at is not None:
            wait_until = account.last_failed_login_at + delay
            if now < wait_until:
                raise TooManyAttempts(wait_until - now)
        this_account = update(accounts).where(accounts.c.id == account.id)
        if not verify_password(account.password_hash, password):
            session.execute(
                this_account.values(
                    failed_logins=accounts.c.failed_logins + 1, last_failed_login_at=now
                )
            )
            failure: AuthenticationFailed = AuthenticationFailed(WRONG_CREDENTIALS)
        else:
            values: dict[str, object] = {
                "failed_logins": 0,
                "last_failed_login_at": None,
                "last_login_at": now,
            }
            if account.password_hash and needs_rehash(account.password_hash):
                values["password_hash"] = hash_password(password)
            session.execute(this_account.values(**values))
            return _actor_of(account)
    raise failure


def server_location(url: str) -> str | None:
    """Where a per-user server is ("host:port/database"), or None for a store the
    application opens before anyone signs in (SQLite, a URL naming its user)."""
    parsed = normalise_url(url)
    return describe_location(parsed) if is_per_user_url(parsed) else None


def open_and_sign_in(url: str, login: str, password: str) -> tuple[Store, Actor]:
    """Sign in on the store at `url`: with the person's own database login on a per-user
    PostgreSQL server (its URL names no user), else by the application's own check."""
    if not is_per_user_url(normalise_url(url)):
        store = Store.open(url)
        try:
            return store, authenticate(store, login, password)
        except BaseException:
            store.close()
            raise
    store = Store.open_as(url, login, password)
    try:
        return store, _server_actor(store)
    except BaseException:
        store.close()
        raise


def _server_actor(store: Store, now: datetime | None = None) -> Actor:
    """The account behind the connection's login role (the server checked the password)."""
    me = getattr(func, POLICY_SCHEMA).me()
    accounts = _accounts
    with store.write() as session:
        row = session.execute(select(*_ACTOR_COLUMNS).where(accounts.c.id == me)).one_or_none()
        if row is None:
            # A login role whose account is gone or inactive: the same message as a wrong
            # password, the role tells nothing more.
            raise AuthenticationFailed(WRONG_CREDENTIALS)
        session.execute(
            update(accounts)
            .where(accounts.c.id == row.id)
            .values(last_login_at=now or utcnow(), failed_logins=0, last_failed_login_at=None)
        )
    return _actor_of(row)


def needs_first_run(store: Store) -> bool:
    """Whether the store has no account at all (the first-run dialog creates the admin)."""
    with store.read() as session:
        return session.scalar(select(m.Account.id).limit(1)) is None


def check_password_strength(password: str) -> None:
    """Refuse passwords too short to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères.",
        )


def create_first_admin(
    store: Store, login: str, password: str, last_name: str, first_name: str
) -> Actor:
    """Create the administrator of an empty store; refused once any account exists."""
    login = login.strip()
    if not login:
        raise ValidationError("login", "Choisissez un identifiant.")
    if not last_name.strip():
        raise ValidationError("last_name", "Le nom est obligatoire.")
    check_password_strength(password)
    with store.write() as session:
        if session.scalar(select(m.Account.id).limit(1)) is not None:
            raise PermissionDenied(
                "Un administrateur existe déjà : connectez-vous avec son compte."
            )
        account = m.Account(
            login=login,
            role=Role.ADMIN,
            last_name=last_name.strip(),
            first_name=first_name.strip(),
            password_hash=password_record(session.connection(), login, password),
        )
        session.add(account)
        session.flush()
        return Actor(account.id, account.role, account.login, account.display_name)


def change_own_password(store: Store, actor: Actor, current: str, new: str) -> None:
    """The signed-in user changes his password, giving the current one."""
    check_password_strength(new)
    with store.write() as session:
        account = session.get(m.Account, actor.account_id)
        if account is None:
            raise NotFound("Ce compte n'existe plus.")
        if store.per_user:
            # The server checked the current password when this person signed in; he proves
            # it again by reconnecting with it.
            _check_current_on_server(store, current)
        elif not verify_password(account.password_hash, current):
            raise ValidationError("current", "Le mot de passe actuel est incorrect.")
        account.password_hash = password_record(session.connection(), account.login, new)
        audit.record_account_event(session, actor, audit.AuditAction.PASSWORD_CHANGE, account)


def reset_password(store: Store, actor: Actor, account_id: int, new: str) -> None:
    """The administrator sets a new password on an account (and lifts its throttling)."""
    with store.write() as session:
        authorize(session, actor, Action.ADMINISTER)
        check_password_strength(new)
        account = session.get(m.Account, account_id)
        if account is None:
            raise NotFound("Ce compte n'existe plus.")
        account.password_hash = password_record(session.connection(), account.login, new)
        account.failed_logins = 0
        account.last_failed_login_at = None
        audit.record_account_event(session, actor, audit.AuditAction.PASSWORD_RESET, account)


def _check_current_on_server(store: Store, current: str) -> None:
    from cpro_desktop.store.errors import SignInRefused

    url = store.url._replace(username=None, password=None)
    try:
        Store.open_as(url, store.login or "", current).close()
    except SignInRefused as exc:
        raise ValidationError("current", "Le mot de passe actuel est incorrect.") from exc
