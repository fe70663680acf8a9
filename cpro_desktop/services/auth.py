"""Signing in, the first-run administrator, and password changes.

A failed sign-in never says whether the login or the password was wrong, and unknown logins
are answered exactly as known ones, throttling included. After `FREE_ATTEMPTS` consecutive
failures on a login name, each next attempt must wait a delay that doubles (capped at
`MAX_DELAY`), counted from the last failure; attempts inside the delay are refused without
checking the password. The counter is kept per login name *as tried*, and, for a computer
that holds a key from an earlier successful sign-in (`sign_in()` hands it out, the caller
keeps it), per key: so guesses made from elsewhere, however many, never lock a person out of
his usual computer, and his own mistakes there only slow him down there. Each attempt locks
its counter's row first (PostgreSQL; SQLite's writers queue), so parallel guesses are
counted one after the other and gain nothing.

On a per-user PostgreSQL server the server itself checks the password (`open_and_sign_in`).
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import Role
from cpro_desktop.models.people import person_name
from cpro_desktop.security import hash_password, needs_rehash, verify_password
from cpro_desktop.services import audit
from cpro_desktop.services.access import authorize
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


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the login is unknown, so that both cases take the same time
    (computed at the first need, not at import: starting the application stays quick)."""
    return hash_password("cpro-desktop: no such account")


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


@dataclass(frozen=True)
class DeviceSignIn:
    """A successful sign-in from a computer: the actor, and the key that computer keeps for
    this login (the one it gave if still valid, else a new one)."""

    actor: Actor
    device_key: str


def login_key(login: str) -> str:
    """The throttling counter's key for a login name as typed (never the name itself)."""
    return _digest(login.strip().lower())


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_throttles = m.SignInThrottle.__table__
_devices = m.TrustedDevice.__table__
#: A counter untouched this long is forgotten (unknown logins tried once must not pile up).
FORGET_AFTER = timedelta(days=1)
#: A computer's key unused this long is forgotten.
DEVICE_LIFETIME = timedelta(days=400)


def _locked_counter(session: Session, key: str) -> Any:
    """The login name's counter, created if needed, locked for this transaction."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(_throttles).values(login_key=key).on_conflict_do_nothing())
    return session.execute(
        select(_throttles.c.failures, _throttles.c.last_failure_at)
        .where(_throttles.c.login_key == key)
        .with_for_update()
    ).one()


def _check(
    session: Session, login: str, password: str, device_key: str | None, now: datetime | None
) -> tuple[Actor, bool] | None:
    """The actor if the pair is right, and whether `device_key` is this account's; raises
    `TooManyAttempts` inside the delay. A wrong pair is counted and gives None: the caller
    commits the count, then raises."""
    key = login_key(login)
    counter = _locked_counter(session, key)
    # The time is taken once the counter is ours: a failure counted meanwhile is older.
    now = now or utcnow()
    account = session.execute(
        select(*_ACTOR_COLUMNS, _accounts.c.is_active, _accounts.c.password_hash).where(
            func.lower(_accounts.c.login) == login.strip().lower()
        )
    ).one_or_none()
    device = None
    if device_key and account is not None:
        device = session.execute(
            select(_devices.c.id, _devices.c.failures, _devices.c.last_failure_at).where(
                _devices.c.key_hash == _digest(device_key),
                _devices.c.account_id == account.id,
            )
        ).one_or_none()
    failures, last_failure = (device or counter).failures, (device or counter).last_failure_at
    delay = throttle_delay(failures)
    if delay and last_failure is not None and now < last_failure + delay:
        raise TooManyAttempts(last_failure + delay - now)
    if account is None or not account.is_active:
        verify_password(_dummy_hash(), password)
        right = False
    else:
        right = verify_password(account.password_hash, password)
    if not right:
        if device is not None:
            this: Any = update(_devices).where(_devices.c.id == device.id)
            failures_column = _devices.c.failures
        else:
            this = update(_throttles).where(_throttles.c.login_key == key)
            failures_column = _throttles.c.failures
            session.execute(
                delete(_throttles).where(_throttles.c.last_failure_at < now - FORGET_AFTER)
            )
        session.execute(this.values(failures=failures_column + 1, last_failure_at=now))
        return None
    if device is not None:
        session.execute(
            update(_devices)
            .where(_devices.c.id == device.id)
            .values(failures=0, last_failure_at=None, last_used_at=now)
        )
    else:
        session.execute(delete(_throttles).where(_throttles.c.login_key == key))
    values: dict[str, object] = {"last_login_at": now}
    if account.password_hash and needs_rehash(account.password_hash):
        values["password_hash"] = hash_password(password)
    session.execute(update(_accounts).where(_accounts.c.id == account.id).values(**values))
    return _actor_of(account), device is not None


def _new_device_key(session: Session, actor: Actor, now: datetime) -> str:
    session.execute(
        delete(_devices).where(
            _devices.c.account_id == actor.account_id,
            _devices.c.last_used_at < now - DEVICE_LIFETIME,
        )
    )
    device_key = secrets.token_urlsafe(32)
    session.execute(
        insert(_devices).values(
            account_id=actor.account_id,
            key_hash=_digest(device_key),
            created_at=now,
            last_used_at=now,
        )
    )
    return device_key


def sign_in(
    store: Store,
    login: str,
    password: str,
    device_key: str | None = None,
    now: datetime | None = None,
) -> DeviceSignIn:
    """Check the pair (throttled, see the module) and hand out the computer's key for this
    login; raises `AuthenticationFailed`. Give back the key the computer kept, if any."""
    with store.write() as session:
        checked = _check(session, login, password, device_key, now)
        if checked is not None:
            actor, known = checked
            if known and device_key is not None:
                return DeviceSignIn(actor, device_key)
            return DeviceSignIn(actor, _new_device_key(session, actor, now or utcnow()))
    raise AuthenticationFailed(WRONG_CREDENTIALS)


def sign_in_here(store: Store, login: str, password: str) -> Actor:
    """`sign_in()` from this computer: with the key it kept for this store and login, and
    keeping the one handed out (the application's and the command line's sign-in)."""
    from cpro_desktop.config import DeviceKeys

    signed = sign_in(store, login, password, DeviceKeys.get(store.location, login))
    DeviceKeys.put(store.location, login, signed.device_key)
    return signed.actor


def authenticate(
    store: Store,
    login: str,
    password: str,
    now: datetime | None = None,
    device_key: str | None = None,
) -> Actor:
    """The actor for `login` if `password` is right; raises `AuthenticationFailed`.

    As `sign_in()`, without handing out a key (the command line, scripts, tests).
    """
    with store.write() as session:
        checked = _check(session, login, password, device_key, now)
        if checked is not None:
            return checked[0]
    raise AuthenticationFailed(WRONG_CREDENTIALS)


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
            return store, sign_in_here(store, login, password)
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
            update(accounts).where(accounts.c.id == row.id).values(last_login_at=now or utcnow())
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
        if not store.per_user:
            # The application's own throttle (a per-user server checks passwords itself).
            session.execute(
                delete(_throttles).where(_throttles.c.login_key == login_key(account.login))
            )
            session.execute(
                update(_devices)
                .where(_devices.c.account_id == account.id)
                .values(failures=0, last_failure_at=None)
            )
        audit.record_account_event(session, actor, audit.AuditAction.PASSWORD_RESET, account)


def _check_current_on_server(store: Store, current: str) -> None:
    from cpro_desktop.store.errors import SignInRefused

    url = store.url._replace(username=None, password=None)
    try:
        Store.open_as(url, store.login or "", current).close()
    except SignInRefused as exc:
        raise ValidationError("current", "Le mot de passe actuel est incorrect.") from exc
