"""Signing in: argon2 hashes, a message that never says which field was wrong, throttling
of repeated failures, the first-run administrator."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import Role
from cpro_desktop.services import auth
from cpro_desktop.store import PermissionDenied, Store, ValidationError


def test_demo_accounts_sign_in(demo_store: Store) -> None:
    """Each demo account signs in with the documented password and gets its role."""
    expected = {
        "admin": Role.ADMIN,
        "formateur": Role.TRAINER,
        "tuteur": Role.TUTOR,
        "apprenti": Role.APPRENTICE,
        "parent": Role.GUARDIAN,
    }
    for login, role in expected.items():
        actor = auth.authenticate(demo_store, login, "cpro-demo")
        assert actor.role == role and actor.login == login


def test_wrong_password_and_unknown_login_say_the_same(demo_store: Store) -> None:
    """A wrong password and an unknown login give the same message."""
    with pytest.raises(auth.AuthenticationFailed) as wrong_password:
        auth.authenticate(demo_store, "tuteur", "mauvais")
    with pytest.raises(auth.AuthenticationFailed) as unknown_login:
        auth.authenticate(demo_store, "personne", "cpro-demo")
    assert str(wrong_password.value) == str(unknown_login.value)
    assert str(wrong_password.value) == "Identifiant ou mot de passe incorrect."


def test_repeated_failures_slow_down(demo_store: Store) -> None:
    """After three failures, even the right password waits; then it works and resets."""
    now = utcnow()
    for i in range(3):
        with pytest.raises(auth.AuthenticationFailed):
            auth.authenticate(demo_store, "tuteur", "mauvais", now=now + timedelta(seconds=i))
    with pytest.raises(auth.TooManyAttempts) as refused:
        auth.authenticate(demo_store, "tuteur", "cpro-demo", now=now + timedelta(seconds=3))
    assert "réessayez dans" in str(refused.value)
    later = now + timedelta(seconds=2) + auth.throttle_delay(3) + timedelta(seconds=1)
    assert auth.authenticate(demo_store, "tuteur", "cpro-demo", now=later).login == "tuteur"
    with demo_store.read() as session:
        account = session.scalars(select(m.Account).where(m.Account.login == "tuteur")).one()
    assert account.failed_logins == 0 and account.last_failed_login_at is None


def test_delay_doubles_and_is_capped() -> None:
    """The delay is zero for the first failures, then doubles, up to five minutes."""
    assert auth.throttle_delay(2) == timedelta(0)
    assert auth.throttle_delay(4) == 2 * auth.throttle_delay(3)
    assert auth.throttle_delay(50) == timedelta(minutes=5)


def test_deactivated_account_cannot_sign_in(demo_store: Store) -> None:
    """A deactivated account is refused with the same generic message."""
    with demo_store.write() as session:
        session.scalars(
            select(m.Account).where(m.Account.login == "tuteur")
        ).one().is_active = False
    with pytest.raises(auth.AuthenticationFailed, match="incorrect"):
        auth.authenticate(demo_store, "tuteur", "cpro-demo")


def test_first_run_creates_the_admin_once(store: Store) -> None:
    """On an empty store the first administrator is created, hashed; a second is refused."""
    assert auth.needs_first_run(store)
    with pytest.raises(ValidationError) as short:
        auth.create_first_admin(store, "admin", "court", "MOREAU", "Catherine")
    assert short.value.field == "password"
    actor = auth.create_first_admin(store, "admin", "un mot de passe long", "MOREAU", "C")
    assert actor.role == Role.ADMIN and not auth.needs_first_run(store)
    with store.read() as session:
        stored = session.scalars(select(m.Account.password_hash)).one()
    assert stored.startswith("$argon2id$") and "un mot de passe long" not in stored
    with pytest.raises(PermissionDenied):
        auth.create_first_admin(store, "admin2", "un mot de passe long", "X", "Y")
    assert auth.authenticate(store, "ADMIN", "un mot de passe long").account_id == actor.account_id


def _in_parallel(count: int, action) -> list[object]:
    """Run `action()` in `count` threads released at once; each result or exception."""
    import threading

    start = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = action()
        except Exception as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_parallel_guessers_get_no_more_tries_than_one(demo_store: Store) -> None:
    """8 wrong guesses at once: the password is checked only FREE_ATTEMPTS times, the
    others are told to wait; no raw error, no conflict."""
    results = _in_parallel(8, lambda: auth.authenticate(demo_store, "tuteur", "devine"))
    checked = [r for r in results if type(r) is auth.AuthenticationFailed]
    waited = [r for r in results if isinstance(r, auth.TooManyAttempts)]
    assert len(checked) == auth.FREE_ATTEMPTS and len(waited) == 8 - auth.FREE_ATTEMPTS
    with demo_store.read() as session:
        failures = session.scalar(
            select(m.Account.failed_logins).where(m.Account.login == "tuteur")
        )
    assert failures == auth.FREE_ATTEMPTS


def test_parallel_correct_sign_ins_all_succeed(demo_store: Store) -> None:
    """12 people signing in with the same account at once (a shared demo, a class): each
    succeeds; none is told someone else saved the record meanwhile."""
    results = _in_parallel(12, lambda: auth.authenticate(demo_store, "formateur", "cpro-demo"))
    assert [getattr(r, "login", r) for r in results] == ["formateur"] * 12
