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
    assert _failures(demo_store, "tuteur") is None
    # Counted from zero again: three free attempts.
    for i in range(3):
        with pytest.raises(auth.AuthenticationFailed) as failed:
            auth.authenticate(demo_store, "tuteur", "mauvais", now=later + timedelta(seconds=i))
        assert type(failed.value) is auth.AuthenticationFailed


def _failures(store: Store, login: str) -> int | None:
    """The counter of a login name as tried (None: no counter)."""
    with store.read() as session:
        return session.scalar(
            select(m.SignInThrottle.failures).where(
                m.SignInThrottle.login_key == auth.login_key(login)
            )
        )


def _answers(store: Store, login: str, start) -> list[str]:
    """What six wrong guesses one second apart, then the right password, are told."""
    seen = []
    for i in range(6):
        try:
            auth.authenticate(store, login, "mauvais", now=start + timedelta(seconds=i))
        except auth.AuthenticationFailed as exc:
            seen.append(str(exc))
    return seen


def test_unknown_logins_are_throttled_exactly_as_known_ones(demo_store: Store) -> None:
    """The answers, throttling included, are the same for a login that exists and one that
    does not: nobody can list the accounts by guessing. The name tried is not stored."""
    now = utcnow()
    known = _answers(demo_store, "tuteur", now)
    unknown = _answers(demo_store, "personne.inconnue", now)
    assert known == unknown
    assert known[:3] == ["Identifiant ou mot de passe incorrect."] * 3
    assert known[3] == "Trop de tentatives infructueuses : réessayez dans 1 seconde."
    assert _failures(demo_store, "Personne.Inconnue ") == _failures(demo_store, "tuteur") == 4
    with demo_store.read() as session:
        keys = session.scalars(select(m.SignInThrottle.login_key)).all()
    assert "personne.inconnue" not in " ".join(keys)


def test_guesses_from_elsewhere_never_lock_a_person_out_of_her_computer(
    demo_store: Store,
) -> None:
    """Someone guesses the tutor's password every few minutes, for ever: from a computer
    without the tutor's key he is throttled, but the tutor, on the computer where she signed
    in before, gets in at once with the right password, and her own mistakes there slow
    only her."""
    now = utcnow()
    kept = auth.sign_in(demo_store, "tuteur", "cpro-demo", now=now).device_key
    for i in range(40):
        with pytest.raises(auth.AuthenticationFailed):
            auth.authenticate(demo_store, "tuteur", "devine", now=now + timedelta(minutes=i))
    moment = now + timedelta(minutes=39, seconds=30)
    with pytest.raises(auth.TooManyAttempts):
        auth.authenticate(demo_store, "tuteur", "cpro-demo", now=moment)
    back = auth.sign_in(demo_store, "tuteur", "cpro-demo", device_key=kept, now=moment)
    assert back.actor.login == "tuteur" and back.device_key == kept
    # The attacker's throttle is untouched by her success.
    with pytest.raises(auth.TooManyAttempts):
        auth.authenticate(demo_store, "tuteur", "cpro-demo", now=moment)
    # Her own typing mistakes on her computer: three free, then a short wait, then in.
    for _ in range(3):
        with pytest.raises(auth.AuthenticationFailed) as failed:
            auth.sign_in(demo_store, "tuteur", "oups", device_key=kept, now=moment)
        assert type(failed.value) is auth.AuthenticationFailed
    with pytest.raises(auth.TooManyAttempts):
        auth.sign_in(demo_store, "tuteur", "cpro-demo", device_key=kept, now=moment)
    after = moment + auth.throttle_delay(3)
    assert auth.sign_in(demo_store, "tuteur", "cpro-demo", device_key=kept, now=after).actor


def test_a_key_is_worth_nothing_for_another_account_or_once_forged(demo_store: Store) -> None:
    """A computer's key counts only for the account it was given to; a made-up key is
    ignored (the login's ordinary counter applies) and a new key is handed out."""
    now = utcnow()
    trainer_key = auth.sign_in(demo_store, "formateur", "cpro-demo", now=now).device_key
    for i in range(3):
        with pytest.raises(auth.AuthenticationFailed):
            auth.authenticate(demo_store, "tuteur", "x", now=now + timedelta(seconds=i))
    for key in (trainer_key, "forged-key"):
        with pytest.raises(auth.TooManyAttempts):
            auth.sign_in(demo_store, "tuteur", "cpro-demo", device_key=key, now=now)
    later = now + timedelta(minutes=10)
    fresh = auth.sign_in(demo_store, "tuteur", "cpro-demo", device_key="forged-key", now=later)
    assert fresh.device_key not in (trainer_key, "forged-key")
    with demo_store.read() as session:
        hashes = session.scalars(select(m.TrustedDevice.key_hash)).all()
    assert len(hashes) == 2 and fresh.device_key not in hashes


def test_reset_password_lifts_the_throttle(demo_store: Store) -> None:
    """The administrator's new password works at once, whatever was guessed before."""
    now = utcnow()
    _answers(demo_store, "tuteur", now)
    boss = auth.authenticate(demo_store, "admin", "cpro-demo")
    with demo_store.read() as session:
        tutor_id = session.scalar(select(m.Account.id).where(m.Account.login == "tuteur"))
    auth.reset_password(demo_store, boss, tutor_id, "un nouveau secret")
    assert auth.authenticate(demo_store, "tuteur", "un nouveau secret", now=now).login == "tuteur"


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
    assert _failures(demo_store, "tuteur") == auth.FREE_ATTEMPTS


def test_parallel_guessers_on_an_unknown_login_get_no_more_tries(demo_store: Store) -> None:
    """The same for a login nobody has: its counter is created once, then locked."""
    results = _in_parallel(8, lambda: auth.authenticate(demo_store, "fantome", "devine"))
    checked = [r for r in results if type(r) is auth.AuthenticationFailed]
    assert len(checked) == auth.FREE_ATTEMPTS
    assert _failures(demo_store, "fantome") == auth.FREE_ATTEMPTS


def test_parallel_correct_sign_ins_all_succeed(demo_store: Store) -> None:
    """12 people signing in with the same account at once (a shared demo, a class): each
    succeeds; none is told someone else saved the record meanwhile."""
    results = _in_parallel(12, lambda: auth.authenticate(demo_store, "formateur", "cpro-demo"))
    assert [getattr(r, "login", r) for r in results] == ["formateur"] * 12


def test_this_computer_keeps_its_key_privately(demo_store: Store) -> None:
    """Signing in from the application keeps the key in a private file, per store and
    login, and gives it back next time (no new key, no new row)."""
    from cpro_desktop.config import DeviceKeys

    first = auth.sign_in_here(demo_store, "Tuteur", "cpro-demo")
    kept = DeviceKeys.get(demo_store.location, "tuteur")
    assert first.login == "tuteur" and kept
    assert DeviceKeys.path().stat().st_mode & 0o777 == 0o600
    auth.sign_in_here(demo_store, "tuteur", "cpro-demo")
    assert DeviceKeys.get(demo_store.location, "tuteur") == kept
    with demo_store.read() as session:
        assert len(session.scalars(select(m.TrustedDevice.id)).all()) == 1
