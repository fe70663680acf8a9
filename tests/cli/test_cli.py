"""The command line: demo, db upgrade / info, and its error paths (exit 2, French, nothing
written)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cpro_desktop.cli import main
from cpro_desktop.store import Store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_info_json(capsys, empty_url: str) -> None:
    """`demo` fills an empty store and `db info --json` reports its backend and counts."""
    code, out, _ = run(capsys, "--db", empty_url, "demo")
    assert code == 0 and "Monde de démonstration créé" in out and "cpro-demo" in out
    code, out, _ = run(capsys, "--db", empty_url, "db", "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["revision"] == info["head"]
    assert info["counts"]["apprentis"] == 10
    assert info["counts"]["bilans de compétences"] == 4
    assert info["size_bytes"] > 0
    code, out, _ = run(capsys, "--db", empty_url, "demo")
    assert code == 0 and "déjà présent" in out


def test_db_upgrade_migrates_an_empty_database(capsys, empty_url: str) -> None:
    """`db upgrade` on an empty database creates the schema at the newest revision."""
    code, out, _ = run(capsys, "--db", empty_url, "db", "upgrade")
    assert code == 0 and "à jour" in out
    with Store.open(empty_url, upgrade=False) as store:
        info = store.info()
    assert info.revision == info.head


def test_demo_refuses_non_empty_store(capsys, store_url: str) -> None:
    """`demo` on a store with other data exits 2 and adds nothing."""
    with Store.open(store_url) as store, store.write() as session:
        session.execute(
            text(
                "INSERT INTO accounts (login, role, last_name, first_name, email, phone,"
                " job_title, is_active, created_at, updated_at, version)"
                " VALUES ('x', 'admin', 'X', 'Y', '', '', '', true,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
            )
        )
    code, _, err = run(capsys, "--db", store_url, "demo")
    assert code == 2 and "n'est pas vide" in err
    with Store.open(store_url) as store:
        assert store.info().counts["comptes"] == 1


@pytest.mark.parametrize(
    "url, expected",
    [
        ("pas une url", "Adresse de base de données invalide"),
        ("mysql://root@localhost/cpro", "non pris en charge"),
        ("postgresql://nobody@127.0.0.1:1/cpro", "Impossible de joindre le serveur PostgreSQL"),
    ],
)
def test_bad_or_unreachable_url_exits_2(capsys, url: str, expected: str) -> None:
    """A malformed URL, an unsupported backend or an unreachable server: exit 2, French."""
    code, out, err = run(capsys, "--db", url, "db", "info")
    assert code == 2
    assert expected in err
    assert out == ""


def test_missing_folder_creates_nothing(capsys, tmp_path: Path) -> None:
    """A SQLite path in a folder that does not exist: exit 2 and no file is created."""
    target = tmp_path / "absent" / "cpro.sqlite3"
    code, _, err = run(capsys, "--db", f"sqlite:///{target}", "demo")
    assert code == 2 and "n'existe pas" in err
    assert not target.parent.exists()


def test_file_that_is_not_a_database(capsys, tmp_path: Path) -> None:
    """A file that is not a database: exit 2, and the file is left byte-identical."""
    target = tmp_path / "notes.sqlite3"
    target.write_bytes(b"Liste des apprentis\nAZZOUG Mina\n")
    code, _, err = run(capsys, "--db", f"sqlite:///{target}", "db", "upgrade")
    assert code == 2 and "n'est pas une base de données CPRO" in err
    assert target.read_bytes() == b"Liste des apprentis\nAZZOUG Mina\n"


def test_newer_schema_exits_2_and_writes_nothing(capsys, store_url: str) -> None:
    """A store stamped by a newer version: exit 2, the stamp and the tables are unchanged."""
    engine = create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    for command in (("db", "upgrade"), ("db", "info"), ("demo",)):
        code, _, err = run(capsys, "--db", store_url, *command)
        assert code == 2 and "version plus récente" in err
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "9999_future"
        assert conn.scalar(text("SELECT COUNT(*) FROM accounts")) == 0
    engine.dispose()


def test_environment_variable_chooses_the_store(capsys, monkeypatch, tmp_path: Path) -> None:
    """Without --db, CPRO_DATABASE_URL chooses the store."""
    target = tmp_path / "env.sqlite3"
    monkeypatch.setenv("CPRO_DATABASE_URL", f"sqlite:///{target}")
    code, out, _ = run(capsys, "db", "info")
    assert code == 0 and str(target) in out


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    """`python -m cpro_desktop` runs the same CLI, with exit code 2 on a bad URL."""
    result = subprocess.run(
        [sys.executable, "-m", "cpro_desktop", "--db", "pas une url", "db", "info"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Adresse de base de données invalide" in result.stderr


def test_scale_must_be_positive(capsys, tmp_path: Path) -> None:
    """`demo --scale 0` is refused with exit 2."""
    code, _, err = run(
        capsys, "--db", f"sqlite:///{tmp_path / 'x.sqlite3'}", "demo", "--scale", "0"
    )
    assert code == 2 and "--scale" in err
