"""Attachments (annexes) of an activity sheet or a logbook: files kept in the store and URLs.

The apprentice associates the documents (`Action.WRITE_OWN_WORK`, as the seed says: "les
documents que l'apprenant a associé à son activité"); tutors and trainers read them and save
files to disk (`Action.READ_WORK`). A file is bounded by `MAX_ATTACHMENT_BYTES` and checked
against its SHA-256 when read back; a URL must be http or https (never `javascript:`,
`file:`, `data:` …). Adding or removing an attachment of a sheet is a change by the
apprentice: the sheet turns unread for its readers.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.enums import MAX_ATTACHMENT_BYTES, AttachmentKind
from cpro_desktop.services.access import authorize_portfolio
from cpro_desktop.services.permissions import Action, Actor
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import CproError, NotFound, ValidationError

from .labels import megabytes_label, size_label
from .queries import attachments_where, store_now
from .snapshots import AttachmentEntry, AttachmentFile

MAX_NAME = m.text_limit(m.Attachment.name)
ALLOWED_SCHEMES = frozenset({"http", "https"})


class AttachmentCorrupted(CproError):
    """The stored bytes no longer match the file's SHA-256."""


def too_large_message(name: str, size_bytes: int) -> str:
    """The French refusal of a file over the limit, naming the limit in Mo."""
    return (
        f"Le fichier « {name} » est trop volumineux ({size_label(size_bytes)}) : une annexe "
        f"ne peut pas dépasser {megabytes_label(MAX_ATTACHMENT_BYTES)}."
    )


def _owner(
    session: Session, sheet_id: int | None, logbook_id: int | None
) -> tuple[int, int | None, int | None]:
    """(portfolio id, sheet id, logbook id) of the attachment's owner; exactly one given."""
    if (sheet_id is None) == (logbook_id is None):
        raise TypeError("give exactly one of sheet_id and logbook_id")
    if sheet_id is not None:
        portfolio_id = session.scalar(
            select(m.ActivitySheet.portfolio_id).where(m.ActivitySheet.id == sheet_id)
        )
        if portfolio_id is None:
            raise NotFound("Cette fiche activité n'existe pas (ou plus).")
    else:
        portfolio_id = session.scalar(
            select(m.Logbook.portfolio_id).where(m.Logbook.id == logbook_id)
        )
        if portfolio_id is None:
            raise NotFound("Ce journal de bord n'existe pas (ou plus).")
    return portfolio_id, sheet_id, logbook_id


def _touch_sheet(session: Session, sheet_id: int | None) -> None:
    """The apprentice changed the sheet: unread again for its readers.

    A Core UPDATE of `apprentice_changed_at` only, on purpose without bumping `version`:
    the version guards the texts, and the apprentice may be editing them in the same
    window while he adds a file.
    """
    if sheet_id is not None:
        session.execute(
            update(m.ActivitySheet)
            .where(m.ActivitySheet.id == sheet_id)
            .values(apprentice_changed_at=store_now(session))
            .execution_options(synchronize_session=False)
        )


def clean_name(name: str) -> str:
    """A file name without folders or control characters, NFC, at most 255 characters
    (the extension kept)."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > MAX_NAME:
        stem, ext = os.path.splitext(name)
        ext = ext[:20]
        name = stem[: MAX_NAME - len(ext)] + ext
    return name


def add_file(
    store: Store,
    actor: Actor,
    *,
    name: str,
    data: bytes,
    media_type: str | None = None,
    sheet_id: int | None = None,
    logbook_id: int | None = None,
) -> AttachmentEntry:
    """Attach a file to the apprentice's sheet or logbook (exactly one of the two).

    The media type is guessed from the name unless given. A file over
    `MAX_ATTACHMENT_BYTES` is refused with a `ValidationError` naming the limit in Mo.
    """
    with store.write() as session:
        portfolio_id, sheet_id, logbook_id = _owner(session, sheet_id, logbook_id)
        authorize_portfolio(session, actor, Action.WRITE_OWN_WORK, portfolio_id)
        return _insert_file(session, actor, name, data, media_type, sheet_id, logbook_id)


def add_file_from_path(
    store: Store,
    actor: Actor,
    path: str | Path,
    *,
    sheet_id: int | None = None,
    logbook_id: int | None = None,
) -> AttachmentEntry:
    """Attach a file from disk; its size is checked before it is read."""
    path = Path(path)
    with store.write() as session:
        portfolio_id, sheet_id, logbook_id = _owner(session, sheet_id, logbook_id)
        authorize_portfolio(session, actor, Action.WRITE_OWN_WORK, portfolio_id)
        try:
            size = path.stat().st_size
            if size > MAX_ATTACHMENT_BYTES:
                raise ValidationError("data", too_large_message(path.name, size))
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(
                "path", f"Impossible de lire le fichier « {path.name} » : {exc.strerror}."
            ) from exc
        return _insert_file(session, actor, path.name, data, None, sheet_id, logbook_id)


def _insert_file(
    session: Session,
    actor: Actor,
    name: str,
    data: bytes,
    media_type: str | None,
    sheet_id: int | None,
    logbook_id: int | None,
) -> AttachmentEntry:
    name = clean_name(name)
    if not name:
        raise ValidationError("name", "Le fichier n'a pas de nom.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError("data", too_large_message(name, len(data)))
    media_type = (media_type or mimetypes.guess_type(name)[0] or "application/octet-stream")[:127]
    attachment = m.Attachment(
        kind=AttachmentKind.FILE,
        activity_sheet_id=sheet_id,
        logbook_id=logbook_id,
        name=name,
        media_type=media_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=bytes(data),
        added_by_id=actor.account_id,
    )
    session.add(attachment)
    session.flush()
    _touch_sheet(session, sheet_id)
    return _entry(session, attachment.id)


def check_url(url: str) -> str:
    """The URL stripped, if it is an http(s) address with a host; else `ValidationError`."""
    url = url.strip()
    if not url:
        raise ValidationError("url", "L'adresse est vide.")
    check_text(m.Attachment.url, url, "Adresse")
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in url):
        raise ValidationError(
            "url", "L'adresse ne doit contenir ni espace ni caractère de contrôle."
        )
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise ValidationError("url", "Cette adresse n'est pas valide.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        accepted = "seules les adresses web commençant par http:// ou https:// sont acceptées."
        raise ValidationError(
            "url",
            f"Les adresses « {scheme}: » sont refusées : {accepted}"
            if scheme
            else accepted[0].upper() + accepted[1:],
        )
    if not parts.hostname:
        raise ValidationError("url", "L'adresse doit nommer un site (https://exemple.fr/…).")
    return url


def add_url(
    store: Store,
    actor: Actor,
    url: str,
    *,
    name: str = "",
    sheet_id: int | None = None,
    logbook_id: int | None = None,
) -> AttachmentEntry:
    """Attach a web link (http or https only) to the apprentice's sheet or logbook."""
    url = check_url(url)
    label = " ".join(name.split())[:MAX_NAME] or url[:MAX_NAME]
    with store.write() as session:
        portfolio_id, sheet_id, logbook_id = _owner(session, sheet_id, logbook_id)
        authorize_portfolio(session, actor, Action.WRITE_OWN_WORK, portfolio_id)
        attachment = m.Attachment(
            kind=AttachmentKind.URL,
            activity_sheet_id=sheet_id,
            logbook_id=logbook_id,
            name=label,
            media_type="text/uri-list",
            size_bytes=0,
            url=url,
            added_by_id=actor.account_id,
        )
        session.add(attachment)
        session.flush()
        _touch_sheet(session, sheet_id)
        return _entry(session, attachment.id)


def _attachment_owner(session: Session, attachment_id: int) -> tuple[int, int | None]:
    """(portfolio id, sheet id) of a sheet's or logbook's attachment."""
    row = session.execute(
        select(m.Attachment.activity_sheet_id, m.Attachment.logbook_id).where(
            m.Attachment.id == attachment_id
        )
    ).one_or_none()
    if row is None or (row.activity_sheet_id is None and row.logbook_id is None):
        raise NotFound("Cette annexe n'existe pas (ou plus).")
    portfolio_id, _, _ = _owner(session, row.activity_sheet_id, row.logbook_id)
    return portfolio_id, row.activity_sheet_id


def delete_attachment(store: Store, actor: Actor, attachment_id: int) -> None:
    """The apprentice removes a file or link from his sheet or logbook."""
    with store.write() as session:
        portfolio_id, sheet_id = _attachment_owner(session, attachment_id)
        authorize_portfolio(session, actor, Action.WRITE_OWN_WORK, portfolio_id)
        session.execute(delete(m.Attachment).where(m.Attachment.id == attachment_id))
        _touch_sheet(session, sheet_id)


def fetch_attachment(store: Store, actor: Actor, attachment_id: int) -> AttachmentFile:
    """A file attachment's bytes (for "save to disk"), verified against its SHA-256."""
    with store.read() as session:
        portfolio_id, _ = _attachment_owner(session, attachment_id)
        authorize_portfolio(session, actor, Action.READ_WORK, portfolio_id)
        name, media_type, data = stored_file(
            session, attachment_id, "Cette annexe est un lien, pas un fichier."
        )
    return AttachmentFile(attachment_id, name, media_type, data)


def stored_file(session: Session, attachment_id: int, link_message: str) -> tuple[str, str, bytes]:
    """A file attachment's name, media type and bytes, checked against its SHA-256: a link
    is a `ValidationError` saying `link_message`, altered bytes are `AttachmentCorrupted`.
    The caller has authorized the read."""
    row = session.execute(
        select(
            m.Attachment.kind,
            m.Attachment.name,
            m.Attachment.media_type,
            m.Attachment.sha256,
            m.Attachment.content,
        ).where(m.Attachment.id == attachment_id)
    ).one()
    if row.kind != AttachmentKind.FILE or row.content is None:
        raise ValidationError("kind", link_message)
    data = bytes(row.content)
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise AttachmentCorrupted(
            f"Le fichier « {row.name} » est endommagé dans la base (son empreinte ne "
            "correspond plus) : il n'a pas été ouvert."
        )
    return row.name, row.media_type, data


def _entry(session: Session, attachment_id: int) -> AttachmentEntry:
    ((_, _, entry),) = attachments_where(session, m.Attachment.id == attachment_id)
    return entry
