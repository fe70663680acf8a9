"""Module 5, "Livret d'apprentissage": the apprenticeship booklet of one apprentice.

The livret d'accueil (the centre, the diploma, the apprentice's contacts, the alternance
calendar, the reference documents) is read from the store; the livret de suivi is written
by three people, each his own parts (`WRITE_ACTIONS`, the one place that says who writes
what): the trainer the centre's parts, interviews, visits and reference documents, the tutor
the company's, the apprentice his training review and orientation project. Every part says
who last changed it and when.

`booklet_snapshot()` reads it all in a fixed number of statements. Saves carry the version
the user read: a stale one raises `ConflictError` and overwrites nothing. A section that was
never written has version 0. For syntheses, interviews and visits, `author` is whoever last
changed the item (the model keeps one author column).
"""

from __future__ import annotations

import enum
import hashlib
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import (
    BOOKLET_SECTION_LABELS,
    MAX_ATTACHMENT_BYTES,
    AttachmentKind,
    BookletSectionKind,
    Origin,
)
from cpro_desktop.models.people import person_name
from cpro_desktop.services.access import authorize, fresh_actor
from cpro_desktop.services.activities.attachments import (
    clean_name,
    stored_file,
    too_large_message,
)
from cpro_desktop.services.permissions import Action, Actor, ApprenticeScope, can
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, ValidationError

#: Longest free text of a part (a few pages once printed; models/limits.py).
MAX_TEXT = m.text_limit(m.BookletSection.body)


class BookletPart(enum.StrEnum):
    """Everything of the booklet that someone writes: the six free-text sections (same
    values as `BookletSectionKind`) and the dated items."""

    ENTRY_POSITIONING = BookletSectionKind.ENTRY_POSITIONING.value
    TEAM_OPINION = BookletSectionKind.TEAM_OPINION.value
    PROGRESSION_COMPANY = BookletSectionKind.PROGRESSION_COMPANY.value
    PROGRESSION_CENTRE = BookletSectionKind.PROGRESSION_CENTRE.value
    TRAINING_REVIEW = BookletSectionKind.TRAINING_REVIEW.value
    ORIENTATION_PROJECT = BookletSectionKind.ORIENTATION_PROJECT.value
    SYNTHESIS_CENTRE = "synthesis_centre"
    SYNTHESIS_COMPANY = "synthesis_company"
    INTERVIEWS = "interviews"
    VISITS = "visits"
    REFERENCE_DOCUMENTS = "reference_documents"


#: Who writes each part of the booklet: the ONE place of this rule (views ask the snapshot).
WRITE_ACTIONS: Mapping[BookletPart, Action] = {
    BookletPart.ENTRY_POSITIONING: Action.WRITE_BOOKLET_CENTRE,
    BookletPart.TEAM_OPINION: Action.WRITE_BOOKLET_CENTRE,
    BookletPart.PROGRESSION_CENTRE: Action.WRITE_BOOKLET_CENTRE,
    BookletPart.SYNTHESIS_CENTRE: Action.WRITE_BOOKLET_CENTRE,
    BookletPart.INTERVIEWS: Action.WRITE_BOOKLET_CENTRE,
    BookletPart.VISITS: Action.WRITE_BOOKLET_CENTRE,
    BookletPart.REFERENCE_DOCUMENTS: Action.WRITE_BOOKLET_CENTRE,
    BookletPart.PROGRESSION_COMPANY: Action.WRITE_BOOKLET_COMPANY,
    BookletPart.SYNTHESIS_COMPANY: Action.WRITE_BOOKLET_COMPANY,
    BookletPart.TRAINING_REVIEW: Action.WRITE_BOOKLET_APPRENTICE,
    BookletPart.ORIENTATION_PROJECT: Action.WRITE_BOOKLET_APPRENTICE,
}

#: The free-text sections in the order the seed lists them.
SECTION_ORDER: tuple[BookletSectionKind, ...] = (
    BookletSectionKind.ENTRY_POSITIONING,
    BookletSectionKind.TEAM_OPINION,
    BookletSectionKind.PROGRESSION_COMPANY,
    BookletSectionKind.PROGRESSION_CENTRE,
    BookletSectionKind.TRAINING_REVIEW,
    BookletSectionKind.ORIENTATION_PROJECT,
)

SYNTHESIS_PART = {Origin.CENTRE: BookletPart.SYNTHESIS_CENTRE,
                  Origin.COMPANY: BookletPart.SYNTHESIS_COMPANY}  # fmt: skip
ORIGIN_LABELS = {Origin.CENTRE: "Centre de formation", Origin.COMPANY: "Entreprise"}


def section_part(kind: BookletSectionKind) -> BookletPart:
    """The part a free-text section is."""
    return BookletPart(BookletSectionKind(kind).value)


def format_date(day: date | datetime | None) -> str:
    """DD/MM/YYYY; an instant on the local calendar; "" for None."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.astimezone().date()
    return day.strftime("%d/%m/%Y")


def changed_label(name: str, when: date | datetime | None) -> str:
    """ "modifié par DURAND Sophie le 20/09/2021" ("" when never written)."""
    if when is None:
        return ""
    if name:
        return f"modifié par {name} le {format_date(when)}"
    return f"modifié le {format_date(when)}"


# --- Snapshots -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CentreInfo:
    """The centre's identity."""

    name: str
    uai_code: str
    address: str
    postcode: str
    city: str
    phone: str
    email: str

    @property
    def full_address(self) -> str:
        return ", ".join(p for p in (self.address, f"{self.postcode} {self.city}".strip()) if p)


@dataclass(frozen=True)
class DiplomaInfo:
    """The diploma prepared and the apprentice's class."""

    diploma_name: str
    diploma_level: str
    class_name: str
    level_label: str
    school_year: str


@dataclass(frozen=True)
class Contact:
    """One of the apprentice's contacts (interlocuteurs)."""

    role: str  # "Apprenti", "Maître d'apprentissage" …
    name: str
    detail: str  # job title, organisation, SIRET or UAI
    address: str
    phone: str
    email: str


@dataclass(frozen=True)
class CalendarEntry:
    """A company period of the alternance calendar."""

    period_id: int
    class_name: str
    school_year: str
    name: str
    start: date
    end: date

    @property
    def weeks(self) -> int:
        """Calendar weeks the period touches."""
        first = self.start.toordinal() - self.start.weekday()
        last = self.end.toordinal() - self.end.weekday()
        return (last - first) // 7 + 1

    @property
    def label(self) -> str:
        return f"{self.name} [du {format_date(self.start)} au {format_date(self.end)}]"


@dataclass(frozen=True)
class ReferenceDocument:
    """A reference document of the booklet (a file in the store, or a link)."""

    id: int
    name: str
    kind: AttachmentKind
    media_type: str
    size_bytes: int
    url: str
    added_by: str
    added_at: datetime | None


@dataclass(frozen=True)
class WelcomePart:
    """The livret d'accueil."""

    centre: CentreInfo
    diploma: DiplomaInfo
    contacts: tuple[Contact, ...]
    calendar: tuple[CalendarEntry, ...]
    documents: tuple[ReferenceDocument, ...]


@dataclass(frozen=True)
class SectionSnapshot:
    """A free-text section of the livret de suivi; version 0 while never written."""

    kind: BookletSectionKind
    body: str
    version: int
    updated_by: str
    updated_at: datetime | None

    @property
    def label(self) -> str:
        return BOOKLET_SECTION_LABELS[self.kind]

    @property
    def part(self) -> BookletPart:
        return section_part(self.kind)

    @property
    def changed(self) -> str:
        """ "modifié par X le JJ/MM/AAAA" ("" when never written)."""
        return changed_label(self.updated_by, self.updated_at) if self.version else ""


@dataclass(frozen=True)
class SynthesisSnapshot:
    """The synthesis of one phase, in the company or in the centre."""

    id: int
    origin: Origin
    period_id: int | None
    period_name: str
    title: str
    body: str
    written_on: date | None
    author: str
    updated_at: datetime | None
    version: int

    @property
    def part(self) -> BookletPart:
        return SYNTHESIS_PART[self.origin]

    @property
    def origin_label(self) -> str:
        return ORIGIN_LABELS[self.origin]

    @property
    def changed(self) -> str:
        return changed_label(self.author, self.updated_at)


@dataclass(frozen=True)
class InterviewSnapshot:
    """An individual interview: when, who took part, what was said."""

    id: int
    held_on: date
    participants: str
    summary: str
    author: str
    updated_at: datetime | None
    version: int

    @property
    def changed(self) -> str:
        return changed_label(self.author, self.updated_at)


@dataclass(frozen=True)
class VisitSnapshot:
    """A company visit: planned (planned_on), then reported (held_on and report)."""

    id: int
    planned_on: date | None
    held_on: date | None
    participants: str
    report: str
    author: str
    updated_at: datetime | None
    version: int

    @property
    def reported(self) -> bool:
        return self.held_on is not None

    @property
    def status_label(self) -> str:
        """ "Prévue le 18/07/2023" or "Réalisée le 12/10/2022"."""
        if self.held_on is not None:
            return f"Réalisée le {format_date(self.held_on)}"
        return f"Prévue le {format_date(self.planned_on)}"

    @property
    def day(self) -> date:
        """The date the visit is sorted and shown by."""
        return self.held_on or self.planned_on or date.min

    @property
    def changed(self) -> str:
        return changed_label(self.author, self.updated_at)


@dataclass(frozen=True)
class BookletSnapshot:
    """The whole booklet of one apprentice, and what the reader may write in it."""

    apprentice_id: int
    apprentice_name: str
    booklet_id: int | None
    welcome: WelcomePart
    sections: tuple[SectionSnapshot, ...]
    syntheses: tuple[SynthesisSnapshot, ...]
    interviews: tuple[InterviewSnapshot, ...]
    visits: tuple[VisitSnapshot, ...]
    writable: frozenset[BookletPart]
    can_print: bool

    def section(self, kind: BookletSectionKind) -> SectionSnapshot:
        return next(s for s in self.sections if s.kind == kind)

    def can_write(self, part: BookletPart) -> bool:
        return part in self.writable

    @property
    def class_name(self) -> str:
        return self.welcome.diploma.class_name


# --- Reading ---------------------------------------------------------------------------------


def writable_parts(actor: Actor, scope: ApprenticeScope) -> frozenset[BookletPart]:
    """The parts the policy lets `actor` write for the apprentice of `scope`."""
    return frozenset(part for part, action in WRITE_ACTIONS.items() if can(actor, action, scope))


def booklet_snapshot(store: Store, actor: Actor, apprentice_id: int) -> BookletSnapshot:
    """The booklet of one apprentice (READ_BOOKLET), in a fixed number of statements."""
    with store.read() as session:
        current = fresh_actor(session, actor)
        scope = authorize(session, current, Action.READ_BOOKLET, apprentice_id)
        assert scope is not None
        return _read_booklet(session, current, scope)


def _read_booklet(session: Session, actor: Actor, scope: ApprenticeScope) -> BookletSnapshot:
    apprentice_id = scope.apprentice_id
    tutor = aliased(m.Account)
    referent = aliased(m.Account)
    row = session.execute(
        select(
            m.Apprentice,
            m.SchoolClass.name.label("class_name"),
            m.SchoolClass.level_label,
            m.SchoolYear.label.label("school_year"),
            m.Diploma.name.label("diploma_name"),
            m.Diploma.level.label("diploma_level"),
            m.Company,
            tutor,
            referent,
            m.Booklet.id.label("booklet_id"),
        )
        .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
        .outerjoin(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
        .outerjoin(m.Diploma, m.Diploma.id == m.SchoolClass.diploma_id)
        .outerjoin(m.Company, m.Company.id == m.Apprentice.company_id)
        .outerjoin(tutor, tutor.id == m.Apprentice.tutor_id)
        .outerjoin(referent, referent.id == m.Apprentice.referent_trainer_id)
        .outerjoin(m.Booklet, m.Booklet.apprentice_id == m.Apprentice.id)
        .where(m.Apprentice.id == apprentice_id)
    ).one()
    apprentice: m.Apprentice = row[0]
    company: m.Company | None = row.Company
    tutor_row: m.Account | None = row[7]
    referent_row: m.Account | None = row[8]
    booklet_id: int | None = row.booklet_id
    centre_row = session.scalars(select(m.Centre).order_by(m.Centre.id).limit(1)).first()
    centre = CentreInfo(
        name=centre_row.name if centre_row else "",
        uai_code=(centre_row.uai_code or "") if centre_row else "",
        address=centre_row.address if centre_row else "",
        postcode=centre_row.postcode if centre_row else "",
        city=centre_row.city if centre_row else "",
        phone=centre_row.phone if centre_row else "",
        email=centre_row.email if centre_row else "",
    )
    guardians = session.execute(
        select(m.Account.last_name, m.Account.first_name, m.Account.email, m.Account.phone)
        .join(m.apprentice_guardians, m.apprentice_guardians.c.guardian_id == m.Account.id)
        .where(m.apprentice_guardians.c.apprentice_id == apprentice_id)
        .order_by(m.Account.last_name, m.Account.first_name)
    ).all()
    contacts = _contacts(apprentice, company, tutor_row, referent_row, centre, guardians)
    calendar = tuple(
        CalendarEntry(r.id, r.class_name, r.label, r.name, r.start_date, r.end_date)
        for r in session.execute(
            select(
                m.Period.id,
                m.Period.name,
                m.Period.start_date,
                m.Period.end_date,
                m.SchoolClass.name.label("class_name"),
                m.SchoolYear.label,
            )
            .join(m.SchoolClass, m.SchoolClass.id == m.Period.school_class_id)
            .join(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
            .where(
                or_(
                    m.Period.school_class_id == apprentice.school_class_id,
                    m.Period.id.in_(
                        select(m.Portfolio.period_id).where(
                            m.Portfolio.apprentice_id == apprentice_id
                        )
                    ),
                )
            )
            .order_by(m.Period.start_date, m.Period.end_date, m.Period.id)
        )
    )
    documents: tuple[ReferenceDocument, ...] = ()
    sections: dict[BookletSectionKind, SectionSnapshot] = {}
    syntheses: tuple[SynthesisSnapshot, ...] = ()
    interviews: tuple[InterviewSnapshot, ...] = ()
    visits: tuple[VisitSnapshot, ...] = ()
    if booklet_id is not None:
        documents = _documents(session, booklet_id)
        for s, last, first in session.execute(
            select(m.BookletSection, m.Account.last_name, m.Account.first_name)
            .outerjoin(m.Account, m.Account.id == m.BookletSection.updated_by_id)
            .where(m.BookletSection.booklet_id == booklet_id)
        ):
            sections[s.kind] = SectionSnapshot(
                s.kind, s.body, s.version, person_name(last, first), s.updated_at
            )
        syntheses = tuple(
            _synthesis(s, period, last, first)
            for s, period, last, first in session.execute(
                select(m.PhaseSynthesis, m.Period.name, m.Account.last_name, m.Account.first_name)
                .outerjoin(m.Period, m.Period.id == m.PhaseSynthesis.period_id)
                .outerjoin(m.Account, m.Account.id == m.PhaseSynthesis.author_id)
                .where(m.PhaseSynthesis.booklet_id == booklet_id)
                .order_by(m.PhaseSynthesis.written_on, m.PhaseSynthesis.id)
            )
        )
        interviews = tuple(
            _interview(i, last, first)
            for i, last, first in session.execute(
                select(m.Interview, m.Account.last_name, m.Account.first_name)
                .outerjoin(m.Account, m.Account.id == m.Interview.author_id)
                .where(m.Interview.booklet_id == booklet_id)
                .order_by(m.Interview.held_on, m.Interview.id)
            )
        )
        visits = tuple(
            sorted(
                (
                    _visit(v, last, first)
                    for v, last, first in session.execute(
                        select(m.Visit, m.Account.last_name, m.Account.first_name)
                        .outerjoin(m.Account, m.Account.id == m.Visit.author_id)
                        .where(m.Visit.booklet_id == booklet_id)
                    )
                ),
                key=lambda v: (v.day, v.id),
            )
        )
    diploma = DiplomaInfo(
        diploma_name=row.diploma_name or "",
        diploma_level=row.diploma_level or "",
        class_name=row.class_name or "",
        level_label=row.level_label or "",
        school_year=row.school_year or "",
    )
    return BookletSnapshot(
        apprentice_id=apprentice_id,
        apprentice_name=apprentice.display_name,
        booklet_id=booklet_id,
        welcome=WelcomePart(centre, diploma, contacts, calendar, documents),
        sections=tuple(
            sections.get(kind) or SectionSnapshot(kind, "", 0, "", None) for kind in SECTION_ORDER
        ),
        syntheses=syntheses,
        interviews=interviews,
        visits=visits,
        writable=writable_parts(actor, scope),
        can_print=can(actor, Action.PRINT_BOOKLET, scope),
    )


def _contacts(
    apprentice: m.Apprentice,
    company: m.Company | None,
    tutor: m.Account | None,
    referent: m.Account | None,
    centre: CentreInfo,
    guardians: list,
) -> tuple[Contact, ...]:
    born = f"né(e) le {format_date(apprentice.birth_date)}" if apprentice.birth_date else ""
    contacts = [
        Contact(
            "Apprenti",
            apprentice.display_name,
            born,
            apprentice.address,
            apprentice.phone,
            apprentice.email,
        )
    ]
    company_address = (
        ", ".join(p for p in (company.address, f"{company.postcode} {company.city}".strip()) if p)
        if company
        else ""
    )
    if tutor is not None:
        detail = ", ".join(p for p in (tutor.job_title, company.name if company else "") if p)
        contacts.append(
            Contact(
                "Maître d'apprentissage",
                tutor.display_name,
                detail,
                company_address,
                tutor.phone,
                tutor.email,
            )
        )
    if referent is not None:
        detail = ", ".join(p for p in (referent.job_title, centre.name) if p)
        contacts.append(
            Contact(
                "Formateur référent",
                referent.display_name,
                detail,
                centre.full_address,
                referent.phone,
                referent.email,
            )
        )
    contacts.append(
        Contact(
            "Centre de formation",
            centre.name,
            f"UAI {centre.uai_code}" if centre.uai_code else "",
            centre.full_address,
            centre.phone,
            centre.email,
        )
    )
    if company is not None:
        contacts.append(
            Contact(
                "Entreprise d'accueil",
                company.name,
                f"SIRET {company.siret}" if company.siret else "",
                company_address,
                company.phone,
                company.email,
            )
        )
    for last, first, email, phone in guardians:
        contacts.append(
            Contact("Représentant légal", person_name(last, first), "", "", phone, email)
        )
    return tuple(contacts)


def _documents(session: Session, booklet_id: int) -> tuple[ReferenceDocument, ...]:
    return tuple(
        ReferenceDocument(
            r.id,
            r.name,
            r.kind,
            r.media_type,
            r.size_bytes,
            r.url or "",
            person_name(r.last_name, r.first_name),
            r.created_at,
        )
        for r in session.execute(
            select(
                m.Attachment.id,
                m.Attachment.name,
                m.Attachment.kind,
                m.Attachment.media_type,
                m.Attachment.size_bytes,
                m.Attachment.url,
                m.Attachment.created_at,
                m.Account.last_name,
                m.Account.first_name,
            )
            .outerjoin(m.Account, m.Account.id == m.Attachment.added_by_id)
            .where(m.Attachment.booklet_id == booklet_id)
            .order_by(m.Attachment.name, m.Attachment.id)
        )
    )


def _synthesis(
    s: m.PhaseSynthesis, period: str | None, last: str | None, first: str | None
) -> SynthesisSnapshot:
    return SynthesisSnapshot(
        s.id,
        s.origin,
        s.period_id,
        period or "",
        s.title,
        s.body,
        s.written_on,
        person_name(last, first),
        s.updated_at,
        s.version,
    )


def _interview(i: m.Interview, last: str | None, first: str | None) -> InterviewSnapshot:
    return InterviewSnapshot(
        i.id, i.held_on, i.participants, i.summary, person_name(last, first), i.updated_at,
        i.version,
    )  # fmt: skip


def _visit(v: m.Visit, last: str | None, first: str | None) -> VisitSnapshot:
    return VisitSnapshot(
        v.id, v.planned_on, v.held_on, v.participants, v.report, person_name(last, first),
        v.updated_at, v.version,
    )  # fmt: skip


# --- Writing: helpers ------------------------------------------------------------------------


def _text(column: Any, value: str | None, label: str) -> str:
    """The text with plain line breaks, if it fits the column (`check_text`)."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return check_text(column, value, label)


def _ensure_booklet(session: Session, apprentice_id: int) -> int:
    """The apprentice's booklet id, created on the first write (safe against a twin)."""
    booklet_id = session.scalar(
        select(m.Booklet.id).where(m.Booklet.apprentice_id == apprentice_id)
    )
    if booklet_id is not None:
        return booklet_id
    try:
        with session.begin_nested():
            booklet = m.Booklet(apprentice_id=apprentice_id)
            session.add(booklet)
            session.flush()
            return booklet.id
    except IntegrityError:
        booklet_id = session.scalar(
            select(m.Booklet.id).where(m.Booklet.apprentice_id == apprentice_id)
        )
        assert booklet_id is not None
        return booklet_id


def _item_apprentice(session: Session, model: type, item_id: int, missing: str) -> tuple:
    """(row, apprentice id) of a synthesis, interview or visit, locked for update."""
    row = session.get(model, item_id, with_for_update=True)
    if row is None:
        raise NotFound(missing)
    apprentice_id = session.scalar(
        select(m.Booklet.apprentice_id).where(m.Booklet.id == row.booklet_id)
    )
    return row, apprentice_id


def _check_version(row: object, version: int, what: str) -> None:
    if row.version != version:  # type: ignore[attr-defined]
        raise ConflictError(
            f"{what} a été modifié(e) entre-temps par quelqu'un d'autre : vos modifications "
            "n'ont pas été enregistrées. Rechargez le livret pour voir sa version."
        )


# --- Writing: sections -----------------------------------------------------------------------


def save_section(
    store: Store,
    actor: Actor,
    apprentice_id: int,
    kind: BookletSectionKind,
    body: str,
    version: int,
) -> SectionSnapshot:
    """Save a free-text section from the version read (0: it did not exist yet)."""
    kind = BookletSectionKind(kind)
    label = BOOKLET_SECTION_LABELS[kind]
    body = _text(m.BookletSection.body, body, label)
    with store.write() as session:
        authorize(session, actor, WRITE_ACTIONS[section_part(kind)], apprentice_id)
        booklet_id = _ensure_booklet(session, apprentice_id)
        row = session.scalars(
            select(m.BookletSection)
            .where(m.BookletSection.booklet_id == booklet_id, m.BookletSection.kind == kind)
            .with_for_update()
        ).one_or_none()
        if (row.version if row is not None else 0) != version:
            raise ConflictError(
                f"La partie « {label} » a été modifiée entre-temps par quelqu'un d'autre : "
                "votre texte n'a pas été enregistré. Rechargez le livret pour voir sa version."
            )
        if row is None:
            row = m.BookletSection(
                booklet_id=booklet_id, kind=kind, body=body, updated_by_id=actor.account_id
            )
            try:
                with session.begin_nested():
                    session.add(row)
                    session.flush()
            except IntegrityError as exc:
                raise ConflictError(
                    f"La partie « {label} » vient d'être écrite par quelqu'un d'autre : "
                    "rechargez le livret pour voir son texte."
                ) from exc
        elif row.body != body:
            row.body = body
            row.updated_by_id = actor.account_id
            row.updated_at = utcnow()
            session.flush()
        return SectionSnapshot(
            kind, row.body, row.version, person_name(*_name_parts(session, row.updated_by_id)),
            row.updated_at,
        )  # fmt: skip


# --- Writing: phase syntheses ----------------------------------------------------------------


def _check_period(session: Session, apprentice_id: int, period_id: int | None) -> None:
    if period_id is None:
        return
    allowed = session.scalar(
        select(m.Period.id).where(
            m.Period.id == period_id,
            or_(
                m.Period.school_class_id
                == select(m.Apprentice.school_class_id)
                .where(m.Apprentice.id == apprentice_id)
                .scalar_subquery(),
                m.Period.id.in_(
                    select(m.Portfolio.period_id).where(m.Portfolio.apprentice_id == apprentice_id)
                ),
            ),
        )
    )
    if allowed is None:
        raise ValidationError("period_id", "Cette période n'est pas une période de l'apprenti.")


def _synthesis_fields(title: str, body: str) -> tuple[str, str]:
    title = " ".join((title or "").split())
    check_text(m.PhaseSynthesis.title, title, "Titre")
    body = _text(m.PhaseSynthesis.body, body, "Synthèse")
    if not title and not body.strip():
        raise ValidationError(
            "body", "La synthèse est vide : donnez au moins un titre ou un texte."
        )
    return title, body


def add_synthesis(
    store: Store,
    actor: Actor,
    apprentice_id: int,
    origin: Origin,
    *,
    title: str,
    body: str,
    written_on: date | None = None,
    period_id: int | None = None,
) -> SynthesisSnapshot:
    """Add the synthesis of a phase (the trainer in the centre, the tutor in the company)."""
    origin = Origin(origin)
    title, body = _synthesis_fields(title, body)
    with store.write() as session:
        authorize(session, actor, WRITE_ACTIONS[SYNTHESIS_PART[origin]], apprentice_id)
        _check_period(session, apprentice_id, period_id)
        row = m.PhaseSynthesis(
            booklet_id=_ensure_booklet(session, apprentice_id),
            origin=origin,
            period_id=period_id,
            title=title,
            body=body,
            written_on=written_on or date.today(),
            author_id=actor.account_id,
        )
        session.add(row)
        session.flush()
        return _synthesis_snapshot(session, row)


def update_synthesis(
    store: Store,
    actor: Actor,
    synthesis_id: int,
    version: int,
    *,
    title: str,
    body: str,
    written_on: date | None,
    period_id: int | None,
) -> SynthesisSnapshot:
    """Change a synthesis from the version read (its origin never changes)."""
    title, body = _synthesis_fields(title, body)
    with store.write() as session:
        row, apprentice_id = _item_apprentice(
            session, m.PhaseSynthesis, synthesis_id, "Cette synthèse n'existe pas (ou plus)."
        )
        authorize(session, actor, WRITE_ACTIONS[SYNTHESIS_PART[row.origin]], apprentice_id)
        _check_version(row, version, "Cette synthèse")
        _check_period(session, apprentice_id, period_id)
        row.title, row.body, row.period_id = title, body, period_id
        row.written_on = written_on or row.written_on
        row.author_id = actor.account_id
        row.updated_at = utcnow()
        session.flush()
        return _synthesis_snapshot(session, row)


def delete_synthesis(store: Store, actor: Actor, synthesis_id: int, version: int) -> None:
    """Remove a synthesis (by whom may write it, from the version read)."""
    with store.write() as session:
        row, apprentice_id = _item_apprentice(
            session, m.PhaseSynthesis, synthesis_id, "Cette synthèse n'existe pas (ou plus)."
        )
        authorize(session, actor, WRITE_ACTIONS[SYNTHESIS_PART[row.origin]], apprentice_id)
        _check_version(row, version, "Cette synthèse")
        session.delete(row)


def _synthesis_snapshot(session: Session, row: m.PhaseSynthesis) -> SynthesisSnapshot:
    period = (
        session.scalar(select(m.Period.name).where(m.Period.id == row.period_id))
        if row.period_id
        else None
    )
    return _synthesis(row, period, *_name_parts(session, row.author_id))


# --- Writing: interviews ---------------------------------------------------------------------


def _interview_fields(held_on: date | None, participants: str, summary: str) -> tuple[str, str]:
    if held_on is None:
        raise ValidationError("held_on", "La date de l'entretien est obligatoire.")
    participants = _text(m.Interview.participants, participants, "Participants").strip()
    summary = _text(m.Interview.summary, summary, "Compte rendu")
    if not summary.strip():
        raise ValidationError("summary", "Le compte rendu de l'entretien est obligatoire.")
    return participants, summary


def add_interview(
    store: Store,
    actor: Actor,
    apprentice_id: int,
    *,
    held_on: date,
    participants: str,
    summary: str,
) -> InterviewSnapshot:
    """Record an individual interview (the centre's part)."""
    participants, summary = _interview_fields(held_on, participants, summary)
    with store.write() as session:
        authorize(session, actor, WRITE_ACTIONS[BookletPart.INTERVIEWS], apprentice_id)
        row = m.Interview(
            booklet_id=_ensure_booklet(session, apprentice_id),
            held_on=held_on,
            participants=participants,
            summary=summary,
            author_id=actor.account_id,
        )
        session.add(row)
        session.flush()
        return _interview(row, *_name_parts(session, row.author_id))


def update_interview(
    store: Store,
    actor: Actor,
    interview_id: int,
    version: int,
    *,
    held_on: date,
    participants: str,
    summary: str,
) -> InterviewSnapshot:
    """Change an interview from the version read."""
    participants, summary = _interview_fields(held_on, participants, summary)
    with store.write() as session:
        row = _versioned_item(session, actor, m.Interview, interview_id, version)
        row.held_on, row.participants, row.summary = held_on, participants, summary
        row.author_id = actor.account_id
        row.updated_at = utcnow()
        session.flush()
        return _interview(row, *_name_parts(session, row.author_id))


#: The booklet's dated items: which part of the booklet they belong to, and their names.
_ITEMS: dict[type, tuple[BookletPart, str, str]] = {
    m.Interview: (BookletPart.INTERVIEWS, "Cet entretien", "Cet entretien n'existe pas (ou plus)."),
    m.Visit: (BookletPart.VISITS, "Cette visite", "Cette visite n'existe pas (ou plus)."),
}


def _versioned_item(session: Session, actor: Actor, model: type, item_id: int, version: int):
    """An interview or a visit to change: found, its part writable by the actor, and still
    at the version he read."""
    part, what, missing = _ITEMS[model]
    row, apprentice_id = _item_apprentice(session, model, item_id, missing)
    authorize(session, actor, WRITE_ACTIONS[part], apprentice_id)
    _check_version(row, version, what)
    return row


def delete_interview(store: Store, actor: Actor, interview_id: int, version: int) -> None:
    """Remove an interview (from the version read)."""
    with store.write() as session:
        row = _versioned_item(session, actor, m.Interview, interview_id, version)
        session.delete(row)


def _name_parts(session: Session, account_id: int | None) -> tuple[str | None, str | None]:
    if account_id is None:
        return None, None
    row = session.execute(
        select(m.Account.last_name, m.Account.first_name).where(m.Account.id == account_id)
    ).one_or_none()
    return (row.last_name, row.first_name) if row else (None, None)


# --- Writing: visits -------------------------------------------------------------------------


def _visit_fields(
    planned_on: date | None, held_on: date | None, participants: str, report: str
) -> tuple[str, str]:
    if planned_on is None and held_on is None:
        raise ValidationError("planned_on", "Donnez la date prévue de la visite.")
    participants = _text(m.Visit.participants, participants, "Participants").strip()
    report = _text(m.Visit.report, report, "Compte rendu")
    if held_on is not None and not report.strip():
        raise ValidationError("report", "Le compte rendu de la visite réalisée est obligatoire.")
    if held_on is None and report.strip():
        raise ValidationError(
            "held_on",
            "Donnez la date à laquelle la visite a eu lieu pour en faire le compte rendu.",
        )
    return participants, report


def plan_visit(
    store: Store,
    actor: Actor,
    apprentice_id: int,
    *,
    planned_on: date,
    participants: str = "",
) -> VisitSnapshot:
    """Plan a company visit ahead (the centre's part); it is reported later."""
    if planned_on is None:
        raise ValidationError("planned_on", "Donnez la date prévue de la visite.")
    participants, _ = _visit_fields(planned_on, None, participants, "")
    with store.write() as session:
        authorize(session, actor, WRITE_ACTIONS[BookletPart.VISITS], apprentice_id)
        row = m.Visit(
            booklet_id=_ensure_booklet(session, apprentice_id),
            planned_on=planned_on,
            participants=participants,
            report="",
            author_id=actor.account_id,
        )
        session.add(row)
        session.flush()
        return _visit(row, *_name_parts(session, row.author_id))


def report_visit(
    store: Store,
    actor: Actor,
    visit_id: int,
    version: int,
    *,
    held_on: date,
    report: str,
    participants: str | None = None,
) -> VisitSnapshot:
    """Report a planned visit: when it took place, who took part, what was said."""
    if held_on is None:
        raise ValidationError("held_on", "Donnez la date à laquelle la visite a eu lieu.")
    with store.write() as session:
        row = _versioned_item(session, actor, m.Visit, visit_id, version)
        who = row.participants if participants is None else participants
        who, report = _visit_fields(row.planned_on, held_on, who, report)
        row.held_on, row.report, row.participants = held_on, report, who
        row.author_id = actor.account_id
        row.updated_at = utcnow()
        session.flush()
        return _visit(row, *_name_parts(session, row.author_id))


def update_visit(
    store: Store,
    actor: Actor,
    visit_id: int,
    version: int,
    *,
    planned_on: date | None,
    held_on: date | None,
    participants: str,
    report: str,
) -> VisitSnapshot:
    """Change any field of a visit from the version read."""
    participants, report = _visit_fields(planned_on, held_on, participants, report)
    with store.write() as session:
        row = _versioned_item(session, actor, m.Visit, visit_id, version)
        row.planned_on, row.held_on = planned_on, held_on
        row.participants, row.report = participants, report
        row.author_id = actor.account_id
        row.updated_at = utcnow()
        session.flush()
        return _visit(row, *_name_parts(session, row.author_id))


def delete_visit(store: Store, actor: Actor, visit_id: int, version: int) -> None:
    """Remove a visit (from the version read)."""
    with store.write() as session:
        row = _versioned_item(session, actor, m.Visit, visit_id, version)
        session.delete(row)


# --- Reference documents ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceFile:
    """A reference document's bytes, to save or open."""

    id: int
    name: str
    media_type: str
    content: bytes


def add_reference_document(
    store: Store,
    actor: Actor,
    apprentice_id: int,
    *,
    name: str,
    content: bytes,
    media_type: str | None = None,
) -> ReferenceDocument:
    """Add a reference document file (e.g. the alternance calendar); the trainer's part.
    A file over `MAX_ATTACHMENT_BYTES` is refused."""
    name = clean_name(name)
    if not name:
        raise ValidationError("name", "Le fichier n'a pas de nom.")
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ValidationError("content", too_large_message(name, len(content)))
    if not content:
        raise ValidationError("content", f"Le fichier « {name} » est vide.")
    media_type = (media_type or mimetypes.guess_type(name)[0] or "application/octet-stream")[:127]
    with store.write() as session:
        authorize(session, actor, WRITE_ACTIONS[BookletPart.REFERENCE_DOCUMENTS], apprentice_id)
        booklet_id = _ensure_booklet(session, apprentice_id)
        row = m.Attachment(
            kind=AttachmentKind.FILE,
            booklet_id=booklet_id,
            name=name,
            media_type=media_type,
            size_bytes=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=bytes(content),
            added_by_id=actor.account_id,
        )
        session.add(row)
        session.flush()
        return next(d for d in _documents(session, booklet_id) if d.id == row.id)


def add_reference_document_from_path(
    store: Store, actor: Actor, apprentice_id: int, path: str | Path
) -> ReferenceDocument:
    """Add a reference document from disk; its size is checked before it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise ValidationError("content", too_large_message(path.name, size))
        content = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            "path", f"Impossible de lire le fichier « {path.name} » : {exc.strerror}."
        ) from exc
    return add_reference_document(store, actor, apprentice_id, name=path.name, content=content)


def _document_apprentice(session: Session, attachment_id: int) -> int:
    apprentice_id = session.scalar(
        select(m.Booklet.apprentice_id)
        .join(m.Attachment, m.Attachment.booklet_id == m.Booklet.id)
        .where(m.Attachment.id == attachment_id)
    )
    if apprentice_id is None:
        raise NotFound("Ce document de référence n'existe pas (ou plus).")
    return apprentice_id


def remove_reference_document(store: Store, actor: Actor, attachment_id: int) -> None:
    """Remove a reference document (the trainer's part)."""
    with store.write() as session:
        apprentice_id = _document_apprentice(session, attachment_id)
        authorize(session, actor, WRITE_ACTIONS[BookletPart.REFERENCE_DOCUMENTS], apprentice_id)
        row = session.get(m.Attachment, attachment_id)
        session.delete(row)


def fetch_reference_document(store: Store, actor: Actor, attachment_id: int) -> ReferenceFile:
    """A reference document's bytes, checked against its SHA-256 (READ_BOOKLET)."""
    with store.read() as session:
        apprentice_id = _document_apprentice(session, attachment_id)
        authorize(session, actor, Action.READ_BOOKLET, apprentice_id)
        name, media_type, content = stored_file(
            session, attachment_id, "Ce document de référence est un lien, pas un fichier."
        )
    return ReferenceFile(attachment_id, name, media_type, content)
