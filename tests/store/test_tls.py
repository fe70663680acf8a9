"""TLS for the shared PostgreSQL store: `verify-full` by default for a remote server, weaker
modes kept when chosen and warned about, and certificate/TLS failures explained in French.

The URL tests are pure; the last test connects to the real PostgreSQL of `CPRO_TEST_PG_URL`
with `verify-full` and a bogus CA file, and lets the server's `SHOW ssl` decide which of the
two failures (no TLS at all, or a certificate that cannot be verified) it must explain.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from cpro_desktop.store import Store, StoreUnavailable
from cpro_desktop.store.engine import normalise_url
from cpro_desktop.store.tls import explain_tls_failure, is_local_host, tls_status

from ..conftest import PgDatabases


@pytest.fixture(autouse=True)
def no_pgsslmode(monkeypatch: pytest.MonkeyPatch) -> None:
    """libpq's PGSSLMODE counts as an explicit choice: keep the workstation's out of tests."""
    monkeypatch.delenv("PGSSLMODE", raising=False)


def sslmode(url: URL) -> str | None:
    value = url.query.get("sslmode")
    return value if isinstance(value, str) else None


@pytest.mark.parametrize(
    "raw",
    [
        "postgresql://cpro@db.centre.example/cpro",
        "postgresql+psycopg2://cpro:secret@10.0.0.5:5433/cpro",
        "postgres://cpro@[2001:db8::1]/cpro",
        "postgresql://cpro@/cpro?host=db.centre.example",
        "postgresql://cpro@localhost/cpro?host=localhost,db.centre.example",
    ],
)
def test_a_remote_server_without_sslmode_gets_verify_full(raw: str) -> None:
    url = normalise_url(raw)
    assert sslmode(url) == "verify-full"
    assert url.drivername == "postgresql+psycopg"
    assert tls_status(url) is None


@pytest.mark.parametrize(
    "raw",
    [
        "postgresql://postgres@127.0.0.1/postgres",
        "postgresql://postgres@127.1.2.3:5433/postgres",
        "postgresql://postgres@localhost/cpro",
        "postgresql://postgres@LOCALHOST./cpro",
        "postgresql://postgres@[::1]/cpro",
        "postgresql:///cpro",
        "postgresql://cpro@/cpro?host=/var/run/postgresql",
        "sqlite:///cpro.sqlite3",
    ],
)
def test_a_local_server_is_left_as_it_is(raw: str) -> None:
    url = normalise_url(raw)
    assert sslmode(url) is None
    assert tls_status(url) is None


@pytest.mark.parametrize("host", ["", "/run/postgresql", "/tmp", "localhost", "127.0.0.1", "::1"])
def test_local_hosts(host: str) -> None:
    assert is_local_host(host)


@pytest.mark.parametrize("host", ["db.centre.example", "192.168.1.10", "10.0.0.1", "2001:db8::1"])
def test_remote_hosts(host: str) -> None:
    assert not is_local_host(host)


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer", "require"])
def test_an_explicit_weak_mode_is_kept_and_warned_about(mode: str) -> None:
    url = normalise_url(f"postgresql://cpro@db.centre.example/cpro?sslmode={mode}")
    assert sslmode(url) == mode
    warning = tls_status(url)
    assert warning is not None
    assert f"sslmode={mode}" in warning
    assert "n'est pas authentifié" in warning


def test_require_has_the_expected_wording() -> None:
    url = normalise_url("postgresql://cpro@db.centre.example/cpro?sslmode=require")
    assert tls_status(url) == (
        "Connexion au serveur non vérifiée (sslmode=require) : le serveur n'est pas authentifié."
    )


@pytest.mark.parametrize("mode", ["verify-ca", "verify-full"])
def test_a_verified_mode_is_not_warned_about(mode: str) -> None:
    url = normalise_url(
        f"postgresql://cpro@db.centre.example/cpro?sslmode={mode}&sslrootcert=/etc/cpro/ca.crt"
    )
    assert sslmode(url) == mode
    assert url.query["sslrootcert"] == "/etc/cpro/ca.crt"
    assert tls_status(url) is None


def test_a_weak_mode_on_a_local_server_is_not_warned_about() -> None:
    assert tls_status(normalise_url("postgresql://postgres@localhost/cpro?sslmode=disable")) is None


def test_pgsslmode_counts_as_an_explicit_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGSSLMODE", "require")
    url = normalise_url("postgresql://cpro@db.centre.example/cpro")
    assert sslmode(url) == "require"
    assert tls_status(url) is not None


def test_the_store_exposes_the_warning(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'cpro.sqlite3'}") as store:
        assert store.tls_warning is None


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        (
            'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
            "server does not support SSL, but SSL was required",
            "n'accepte pas les connexions chiffrées",
        ),
        (
            'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
            'root certificate file "/root/.postgresql/root.crt" does not exist\n'
            "Either provide the file, use the system's trusted roots with sslrootcert=system, "
            "or change sslmode to disable server certificate verification.",
            "sslrootcert=",
        ),
        (
            'connection to server at "10.0.0.5", port 5432 failed: could not read root '
            'certificate file "/tmp/x.crt": no certificate or crl found',
            "n'a pas pu être vérifié",
        ),
        (
            'connection to server at "10.0.0.5", port 5432 failed: SSL error: certificate '
            "verify failed",
            "certificat de l'autorité du centre",
        ),
        (
            'connection to server at "10.0.0.5", port 5432 failed: server certificate for '
            '"db.centre.example" does not match host name "10.0.0.5"',
            "un autre nom",
        ),
        (
            "le serveur ne supporte pas SSL alors que SSL était réclamé",
            "n'accepte pas les connexions chiffrées",
        ),
    ],
)
def test_tls_failures_are_explained(detail: str, expected: str) -> None:
    message = explain_tls_failure(detail, "10.0.0.5:5432/cpro")
    assert message is not None
    assert expected in message
    assert "10.0.0.5:5432/cpro" in message


def test_other_failures_are_left_to_the_generic_message() -> None:
    assert explain_tls_failure('password authentication failed for user "x"', "h") is None
    assert explain_tls_failure("Connection refused", "h") is None


@pytest.mark.pg
def test_verify_full_with_a_bogus_ca_is_refused_in_french(
    pg_databases: PgDatabases, tmp_path: Path
) -> None:
    """The real server: without TLS it is "no encrypted connections", with TLS the bogus CA
    file cannot verify its certificate."""
    with pg_databases.engine.connect() as connection:
        ssl_on = connection.execute(text("SHOW ssl")).scalar_one() == "on"
    bogus = tmp_path / "bogus-ca.crt"
    bogus.write_text("-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n")
    url = make_url(pg_databases.url_for(pg_databases.create())).update_query_dict(
        {"sslmode": "verify-full", "sslrootcert": str(bogus)}
    )
    with pytest.raises(StoreUnavailable) as caught:
        Store.open(url, upgrade=False)
    message = str(caught.value)
    if ssl_on:
        assert "Le certificat du serveur" in message
        assert "n'a pas pu être vérifié" in message
        assert "sslrootcert=" in message
    else:
        assert "n'accepte pas les connexions chiffrées (TLS)" in message
    assert "Traceback" not in message
