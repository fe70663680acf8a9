"""Backups and restores (`db backup`, `db restore`) on both backends, and the embedded
store's daily copy: the same content comes back, nothing is overwritten, bad files are
refused in French."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from cpro_desktop.cli import main
from cpro_desktop.store import Store
from cpro_desktop.store import backup as backups


def _content(url: str) -> dict[str, list]:
    """Every row of the tables that hold a person's work, as plain tuples."""
    tables = ["accounts", "apprentices", "activity_sheets", "comments", "ratings",
              "competence_reviews", "competence_review_lines", "booklet_sections", "attachments",
              "audit_events"]  # fmt: skip
    with Store.open(url, upgrade=False) as store, store.engine.connect() as connection:
        return {
            t: sorted(
                tuple(str(v) for v in row)
                for row in connection.execute(text(f"SELECT * FROM {t}")).all()
            )
            for t in tables
        }


def test_backup_then_restore_gives_the_same_content(
    capsys, demo_url: str, backend: str, tmp_path: Path, request
) -> None:
    """`db backup` of the demo store, `db restore` into an empty store of the same kind: the
    rows are the same; the backup file is private (0600)."""
    out = tmp_path / "sauvegarde.bak"
    assert main(["--db", demo_url, "db", "backup", "--out", str(out)]) == 0
    assert "Sauvegarde écrite" in capsys.readouterr().out
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    if backend == "sqlite":
        target = f"sqlite:///{tmp_path / 'restauree.sqlite3'}"
    else:
        databases = request.getfixturevalue("pg_databases")
        target = databases.url_for(databases.create())
    assert main(["--db", target, "db", "restore", str(out)]) == 0
    assert "restaurée et vérifiée" in capsys.readouterr().out
    assert _content(target) == _content(demo_url)
    # A second restore into the now full store is refused; nothing is written.
    before = _content(target)
    assert main(["--db", target, "db", "restore", str(out)]) == 2
    err = capsys.readouterr().err
    assert "vide" in err or "existe déjà" in err
    assert _content(target) == before


def test_restore_refuses_what_is_not_a_backup(capsys, tmp_path: Path) -> None:
    """A text file, or a SQLite file that is not ours: a French message, exit 2, no store."""
    junk = tmp_path / "notes.txt"
    junk.write_text("pas une sauvegarde", encoding="utf-8")
    target = tmp_path / "nouvelle.sqlite3"
    assert main(["--db", f"sqlite:///{target}", "db", "restore", str(junk)]) == 2
    assert "n'est pas une sauvegarde CPRO Desktop" in capsys.readouterr().err
    import sqlite3

    foreign = tmp_path / "autre.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (a)")
    assert main(["--db", f"sqlite:///{target}", "db", "restore", str(foreign)]) == 2
    assert "n'est pas une sauvegarde CPRO Desktop" in capsys.readouterr().err
    assert not target.exists()


def test_backup_never_follows_a_planted_link(tmp_path: Path, store_url: str, backend) -> None:
    """The backup is written to a new file beside the target and renamed: a link planted at
    the target's name is replaced, its own target left untouched."""
    if backend != "sqlite" and shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is needed for the PostgreSQL backup")
    victim = tmp_path / "victime.txt"
    victim.write_text("intact", encoding="utf-8")
    out = tmp_path / "sauvegarde.bak"
    out.symlink_to(victim)
    backups.backup(store_url, out)
    assert victim.read_text(encoding="utf-8") == "intact"
    assert not out.is_symlink()
    assert not list(tmp_path.glob(".*.part"))


def test_daily_copies_of_the_embedded_store_keep_the_last_seven(tmp_path: Path) -> None:
    """One copy a day in the data folder's "sauvegardes", the eighth oldest removed."""
    store_path = tmp_path / "cpro.sqlite3"
    Store.open(f"sqlite:///{store_path}").close()
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    for day in range(1, 9):
        shutil.copyfile(store_path, folder / f"cpro-2026-01-0{day}.sqlite3")
    today = backups.rotate(store_path, folder)
    assert today is not None and today.exists()
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == 7 and today.name in kept and "cpro-2026-01-01.sqlite3" not in kept
