"""Erasure on the embedded store reaches the file itself: after erasing Mina, neither the
SQLite file nor its write-ahead log holds her e-mail address or her first name in a
sheet of hers, not even in free pages (secure_delete, then the log folded and emptied)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.interop.record import erase_apprentice, erasure_preview
from cpro_desktop.store import Store


@pytest.fixture
def backend() -> str:
    """What is checked here are the SQLite file's bytes (PostgreSQL reclaims the space of
    deleted rows with its own VACUUM; the server's files are the centre's to manage)."""
    return "sqlite"


def file_bytes(store: Store) -> bytes:
    path = Path(store.location)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_erased_text_is_gone_from_the_file_and_its_log(demo_store: Store) -> None:
    admin = authenticate(demo_store, "admin", "cpro-demo")
    with demo_store.read() as session:
        mina = session.scalars(select(m.Apprentice).where(m.Apprentice.last_name == "AZZOUG")).one()
        aid, email = mina.id, mina.email
    secret = "Fiche secrète de Mina : tableau électrique du chantier Pasteur".encode()
    with demo_store.write() as session:
        sheet = session.scalars(
            select(m.ActivitySheet)
            .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
            .where(m.Portfolio.apprentice_id == aid)
            .limit(1)
        ).one()
        sheet.description = secret.decode()
    assert email and email.encode() in file_bytes(demo_store)
    assert secret in file_bytes(demo_store)

    preview = erasure_preview(demo_store, admin, aid)
    erase_apprentice(demo_store, admin, aid, preview.version, "Demande de l'apprentie")

    content = file_bytes(demo_store)
    assert email.encode() not in content
    assert secret not in content
