"""`server init`, `account …` and `db upgrade` from the command line, as the centre's IT
person and its administrator use them: French output, exit codes, nothing half-done."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from cpro_desktop.cli import main
from cpro_desktop.demo.world import DEMO_ACCOUNTS
from cpro_desktop.services.auth import open_and_sign_in


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.pg
def test_server_init_then_demo_then_every_demo_account_signs_in(
    capsys, monkeypatch, pg_databases, password_checking_server
) -> None:
    """On an empty database: `server init` (twice: the second changes nothing), `demo`,
    then each demo account signs in with his own login; `db upgrade` keeps the policies."""
    name = pg_databases.create()
    pg_databases.server_roles.append(name)
    admin_url = pg_databases.url_for(name)
    monkeypatch.setenv("CPRO_PASSWORD", "mot-de-passe-it")
    code, out, err = run(capsys, "--db", admin_url, "server", "init", "--admin", "it.admin")
    assert code == 0, err
    assert f"Base « {name} » prête" in out and f"{name}$owner" in out
    assert f"« {name}.it.admin »" in out
    code, out, err = run(capsys, "--db", admin_url, "server", "init")
    assert code == 0 and "mis à jour" in out and "Rôles créés" not in out
    with pg_databases.engine.connect() as conn:
        conn.exec_driver_sql(f'GRANT cpro_password_users TO "{name}$login"')
    code, out, err = run(capsys, "--db", admin_url, "demo")
    assert code == 0 and "Monde de démonstration créé" in out
    base = make_url(admin_url)
    server_url = URL.create("postgresql", host=base.host, port=base.port, database=name)
    for login in DEMO_ACCOUNTS:
        store, actor = open_and_sign_in(server_url.render_as_string(), login, "cpro-demo")
        store.close()
        assert actor.login == login
    store, actor = open_and_sign_in(server_url.render_as_string(), "it.admin", "mot-de-passe-it")
    store.close()
    code, out, err = run(capsys, "--db", admin_url, "db", "upgrade")
    assert code == 0 and "à jour" in out
    with psycopg.connect(make_url(admin_url).render_as_string(False).replace("+psycopg", "")) as su:
        rows = su.execute(
            "SELECT action, actor_name, subject_label FROM audit_events"
            " WHERE action = 'account_create'"
        ).fetchall()
    assert rows == [("account_create", "cpro-desktop server init", "ADMINISTRATEUR (it.admin)")]


@pytest.mark.pg
def test_server_init_refuses_a_non_superuser_in_french(capsys, server_demo) -> None:
    """Even the administrator's own login cannot prepare a server (it creates roles):
    exit 2, a French message saying who can."""
    base = make_url(server_demo.url)
    as_admin = URL.create(
        "postgresql",
        username=f"{server_demo.name}.admin",
        password="cpro-demo",
        host=base.host,
        port=base.port,
        database=server_demo.name,
    ).render_as_string(hide_password=False)
    code, _out, err = run(capsys, "--db", as_admin, "server", "init")
    assert code == 2
    assert "superutilisateur" in err and "Traceback" not in err


def test_server_init_on_sqlite_says_what_to_do(capsys, tmp_path) -> None:
    """On the embedded store there is no server to prepare: said in French, exit 2."""
    url = f"sqlite:///{tmp_path / 'cpro.sqlite3'}"
    code, _out, err = run(capsys, "--db", url, "server", "init")
    assert code == 2 and "SQLite" in err


def test_account_commands_work_on_sqlite_too(capsys, monkeypatch, demo_url: str, backend) -> None:
    """`account create|disable|enable|reset-password` as the administrator, on the store the
    backend gives (SQLite, or a PostgreSQL store reached with one URL): the new account
    signs in, a disabled one does not, a reset password replaces the old one."""
    from cpro_desktop.services.auth import AuthenticationFailed, authenticate
    from cpro_desktop.store import Store

    monkeypatch.setenv("CPRO_LOGIN", "admin")
    monkeypatch.setenv("CPRO_PASSWORD", "cpro-demo")
    monkeypatch.setenv("CPRO_NEW_PASSWORD", "premier-secret")
    code, out, err = run(
        capsys, "--db", demo_url, "account", "create", "bernard", "--role", "formateur",
        "--last-name", "Bernard", "--first-name", "Luc",
    )  # fmt: skip
    assert code == 0, err
    assert "Compte « bernard » créé (Formateur, BERNARD Luc)." in out
    with Store.open(demo_url) as store:
        assert authenticate(store, "bernard", "premier-secret").login == "bernard"
    monkeypatch.setenv("CPRO_NEW_PASSWORD", "second-secret")
    assert run(capsys, "--db", demo_url, "account", "reset-password", "bernard")[0] == 0
    assert run(capsys, "--db", demo_url, "account", "disable", "bernard")[0] == 0
    with Store.open(demo_url) as store, pytest.raises(AuthenticationFailed):
        authenticate(store, "bernard", "second-secret")
    assert run(capsys, "--db", demo_url, "account", "enable", "bernard")[0] == 0
    with Store.open(demo_url) as store:
        assert authenticate(store, "bernard", "second-secret").login == "bernard"
    code, out, err = run(capsys, "--db", demo_url, "account", "disable", "personne")
    assert code == 2 and "Aucun compte « personne »" in err
    monkeypatch.setenv("CPRO_LOGIN", "tuteur")
    code, out, err = run(capsys, "--db", demo_url, "account", "disable", "bernard")
    assert code == 2 and "administrateur" in err


@pytest.mark.pg
def test_a_tutor_with_psql_cannot_do_what_account_commands_do(server_demo) -> None:
    """What the account commands do through the administrator's rights, a tutor's own
    login cannot do around them: no role created, no account changed."""
    with server_demo.connect("tuteur") as me:
        for sql in (
            "CREATE ROLE pirate LOGIN PASSWORD 'x'",
            f"ALTER ROLE \"{server_demo.name}.formateur\" PASSWORD 'x'",
            "UPDATE accounts SET is_active = false WHERE login = 'formateur'",
        ):
            try:
                with me.transaction():
                    cursor = me.execute(sql)
                    assert cursor.rowcount in (0, -1) and sql.startswith("UPDATE")
            except psycopg.Error:
                pass
    server_demo.connect("formateur").close()
