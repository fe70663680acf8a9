"""Attachments of sheets and logbooks: bounded files that round-trip byte-identical, safe
URLs only, the blue counter, and who may add, delete and download — on every backend."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from cpro_desktop import models as m
from cpro_desktop.models.enums import MAX_ATTACHMENT_BYTES
from cpro_desktop.services import activities as act
from cpro_desktop.services.activities import AttachmentCorrupted, PeriodDraft
from cpro_desktop.store import PermissionDenied, Store, ValidationError
from tests.services.activities_helpers import build_class, portfolio_id


def _first_sheet(store: Store, world, weeks: int = 1):
    pupil = world.apprentices[0]
    period = act.create_period(
        store, world.trainer, world.class_id,
        PeriodDraft("PFMP", date(2023, 3, 6), date(2023, 3, 5 + 7 * weeks)),
    ).period  # fmt: skip
    portfolio = portfolio_id(store, pupil.id, period.id)
    return pupil, portfolio, act.portfolio_sheets(store, pupil.actor, portfolio).sheets[0]


def test_file_round_trips_byte_identical(store: Store) -> None:
    """A file comes back with the same bytes, name and a guessed media type; the blue
    counter counts it; the sheet turns unread for its readers."""
    world = build_class(store, 1)
    pupil, portfolio, sheet = _first_sheet(store, world)
    act.open_sheet(store, world.tutor, sheet.id)
    data = os.urandom(200_000) + b"\x00\xff fin"
    entry = act.add_file(store, pupil.actor, name="C:\\Users\\mina\\schéma tableau.pdf",
                         data=data, sheet_id=sheet.id)  # fmt: skip
    assert (entry.name, entry.media_type, entry.size_bytes) == (
        "schéma tableau.pdf", "application/pdf", len(data),
    )  # fmt: skip
    assert entry.size_label == "195,3 Ko"
    fetched = act.fetch_attachment(store, world.tutor, entry.id)
    assert fetched.data == data
    assert hashlib.sha256(fetched.data).digest() == hashlib.sha256(data).digest()
    assert act.open_sheet(store, world.trainer, sheet.id).attachment_count == 1
    (listed,) = act.portfolio_sheets(store, world.tutor, portfolio).sheets
    assert listed.attachment_count == 1
    assert listed.unread, "adding a document is a change by the apprentice"


def test_file_over_the_limit_is_refused_with_the_limit_in_mo(store: Store, tmp_path: Path) -> None:
    """A file over the bound is refused, from bytes or from disk, with a French message
    naming the limit; nothing is stored."""
    world = build_class(store, 1)
    pupil, _, sheet = _first_sheet(store, world)
    with pytest.raises(ValidationError) as refused:
        act.add_file(store, pupil.actor, name="vidéo.mp4",
                     data=b"\0" * (MAX_ATTACHMENT_BYTES + 1), sheet_id=sheet.id)  # fmt: skip
    assert "10 Mo" in str(refused.value) and "vidéo.mp4" in str(refused.value)
    big = tmp_path / "gros.bin"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(ValidationError, match="ne peut pas dépasser 10 Mo"):
        act.add_file_from_path(store, pupil.actor, big, sheet_id=sheet.id)
    assert act.open_sheet(store, pupil.actor, sheet.id).attachments == ()
    exact = tmp_path / "juste.txt"
    exact.write_bytes(b"a" * 1000)
    entry = act.add_file_from_path(store, pupil.actor, exact, sheet_id=sheet.id)
    assert entry.media_type == "text/plain"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://exemple.fr/fichier",
        "vbscript:msgbox",
        "https://",
        "https://exemple.fr/a b",
        "exemple.fr",
    ],
)
def test_dangerous_or_invalid_urls_are_refused(store: Store, url: str) -> None:
    """Only http(s) URLs naming a host are accepted; the refusal is in French."""
    world = build_class(store, 1)
    pupil, _, sheet = _first_sheet(store, world)
    with pytest.raises(ValidationError) as refused:
        act.add_url(store, pupil.actor, url, sheet_id=sheet.id)
    assert refused.value.field == "url"
    assert "adresse" in str(refused.value).lower()


def test_url_and_logbook_attachments(store: Store) -> None:
    """A URL is kept as given with its name; the logbook has its own attachments."""
    world = build_class(store, 1)
    pupil, portfolio, sheet = _first_sheet(store, world)
    link = act.add_url(store, pupil.actor, " https://www.exemple.fr/doc?id=1 ",
                       name="Notice", sheet_id=sheet.id)  # fmt: skip
    assert (link.url, link.name, link.is_file) == (
        "https://www.exemple.fr/doc?id=1",
        "Notice",
        False,
    )
    logbook = act.logbook_snapshot(store, pupil.actor, portfolio)
    assert logbook.logbook_id is not None
    act.add_file(store, pupil.actor, name="plan.png", data=b"\x89PNG",
                 logbook_id=logbook.logbook_id)  # fmt: skip
    act.add_url(store, pupil.actor, "http://entreprise.example.fr", logbook_id=logbook.logbook_id)
    pages = act.logbook_snapshot(store, world.tutor, portfolio)
    assert [a.name for a in pages.attachments] == ["plan.png", "http://entreprise.example.fr"]
    with pytest.raises(ValidationError):
        act.fetch_attachment(store, world.tutor, link.id)


def test_only_the_apprentice_adds_and_deletes(store: Store) -> None:
    """Tutor and trainer may download but neither add nor delete; an unrelated tutor may not
    even download; the apprentice deletes his own."""
    world = build_class(store, 1)
    pupil, _, sheet = _first_sheet(store, world)
    entry = act.add_file(store, pupil.actor, name="a.txt", data=b"abc", sheet_id=sheet.id)
    for actor in (world.tutor, world.trainer, world.guardian):
        with pytest.raises(PermissionDenied):
            act.add_file(store, actor, name="b.txt", data=b"x", sheet_id=sheet.id)
        with pytest.raises(PermissionDenied):
            act.add_url(store, actor, "https://exemple.fr", sheet_id=sheet.id)
        with pytest.raises(PermissionDenied):
            act.delete_attachment(store, actor, entry.id)
    assert act.fetch_attachment(store, world.trainer, entry.id).data == b"abc"
    for actor in (world.other_tutor, world.guardian):
        with pytest.raises(PermissionDenied):
            act.fetch_attachment(store, actor, entry.id)
    act.delete_attachment(store, pupil.actor, entry.id)
    assert act.open_sheet(store, pupil.actor, sheet.id).attachment_count == 0


def test_corrupted_file_is_not_handed_out(store: Store) -> None:
    """Bytes that no longer match their SHA-256 raise AttachmentCorrupted."""
    world = build_class(store, 1)
    pupil, _, sheet = _first_sheet(store, world)
    entry = act.add_file(store, pupil.actor, name="a.txt", data=b"original", sheet_id=sheet.id)
    with store.write() as s:
        s.execute(
            update(m.Attachment).where(m.Attachment.id == entry.id).values(content=b"altered!")
        )
    with pytest.raises(AttachmentCorrupted, match="endommagé"):
        act.fetch_attachment(store, world.tutor, entry.id)
