"""An apprentice's record leaves with him (RGPD right to portability, the centre's archive),
and the right to erasure.

`export_apprentice_record()` writes one ZIP: `dossier.json` (everything the store holds
about the apprentice, described by the JSON Schema `SCHEMA_PATH` and, in French, by
`docs/apprentice-record.md`), `pieces-jointes/` with his attachments byte for byte, and
`pdf/` with his booklet, his competence reviews and one logbook per portfolio, printed by
the existing report builders. Each table is read in one query; the ZIP is written beside
the target and renamed at the end, so a failure never leaves half a file.

`erasure_preview()` says, in French and grouped, what erasing an apprentice removes (a
fixed number of queries); `erase_apprentice()` removes it in one transaction: the
apprentice row goes first and the foreign keys cascade to everything hanging from it
(portfolios, sheets, comments, attachments, ratings, reviews, booklet…). That order is the
one path migration 0003 lets through its freeze of validated reviews: their trigger allows
a delete only once the apprentice row is gone (SQLite and PostgreSQL alike). His own
sign-in account goes too, with what it wrote and its read state. Other people's accounts
(tutor, trainers, guardians) stay: they are other people.

Both need an administrator (`Action.EXPORT_RECORD`, `Action.ERASE_APPRENTICE`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Column, ColumnElement, Select, delete, func, or_, select
from sqlalchemy.orm import Session, aliased

from cpro_desktop import models as m
from cpro_desktop.models.audit import AuditAction
from cpro_desktop.models.enums import (
    AUTONOMY_LABELS,
    BOOKLET_SECTION_LABELS,
    COMPETENCE_LEVEL_LABELS,
    RATING_RESULT_LABELS,
    ROLE_LABELS,
    AttachmentKind,
    CompetenceLevel,
    ReviewStatus,
    Role,
)
from cpro_desktop.models.people import person_name
from cpro_desktop.services import audit
from cpro_desktop.services.access import authorize, open_record
from cpro_desktop.services.activities.labels import size_label
from cpro_desktop.services.interop import atomic_target
from cpro_desktop.services.names import NamedApprentice, match_apprentices
from cpro_desktop.services.permissions import Action, Actor, exporting_record
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, ValidationError

RECORD_FORMAT = "cpro-desktop/dossier-apprenti"
RECORD_VERSION = 1
#: The JSON Schema (draft 2020-12) of `dossier.json`, shipped with the package.
SCHEMA_PATH = (
    Path(__file__).resolve().parents[2] / "resources" / "schemas" / "apprentice-record.schema.json"
)

RECORD_MEMBER = "dossier.json"
ATTACHMENTS_FOLDER = "pieces-jointes"
PDF_FOLDER = "pdf"

ORIGIN_LABELS = {"centre": "En centre de formation", "company": "En entreprise"}
GRID_KIND_LABELS = {"formative": "Formative", "certifying": "Certificative"}
STATUS_LABELS = {ReviewStatus.DRAFT: "Brouillon", ReviewStatus.VALIDATED: "Validé"}


# --- Finding the apprentice ------------------------------------------------------------------


def find_apprentice_for_admin(store: Store, actor: Actor, wanted: str) -> tuple[int, str]:
    """(id, "NOM Prénom (CLASSE)") of the apprentice named `wanted` — "NOM Prénom",
    "Prénom NOM", "NOM Prénom (CLASSE)" or his INE — among all apprentices of the centre
    (an administrator need not follow him). Case and accents are ignored; `NotFound` names
    close matches, or the candidates when several apprentices share the name."""
    with store.read() as session:
        authorize(session, actor, Action.EXPORT_RECORD)
        rows = session.execute(
            select(
                m.Apprentice.id,
                m.Apprentice.last_name,
                m.Apprentice.first_name,
                m.Apprentice.national_id,
                m.SchoolClass.name.label("class_name"),
            )
            .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
            .order_by(m.Apprentice.last_name, m.Apprentice.first_name, m.Apprentice.id)
        ).all()
    candidates: list[NamedApprentice[tuple[int, str]]] = []
    for r in rows:
        name = person_name(r.last_name, r.first_name)
        label = f"{name} ({r.class_name})" if r.class_name else name
        candidates.append(
            NamedApprentice((r.id, label), r.last_name, r.first_name, label, r.national_id)
        )
    matches, close = match_apprentices(wanted, candidates)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFound(
            f"Plusieurs apprentis répondent à « {wanted} » : précisez la classe ou donnez "
            f"l'INE. Candidats : {', '.join(label for _, label in matches)}."
        )
    hint = f" Noms proches : {', '.join(close)}." if close else ""
    raise NotFound(f"Apprenti introuvable : « {wanted} » (ni nom ni INE connu).{hint}")


# --- Reading the record ----------------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value.isoformat()


def _mark(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _value(enum_value: Any) -> str | None:
    return None if enum_value is None else str(getattr(enum_value, "value", enum_value))


def safe_filename(name: str, fallback: str = "fichier") -> str:
    """A file name any system accepts: no folders, no reserved or control characters."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        "_" if ch in '<>:"|?*' or unicodedata.category(ch)[0] == "C" else ch for ch in name
    )
    name = name.strip(" .")
    if len(name) > 120:
        stem, ext = os.path.splitext(name)
        name = stem[: 120 - len(ext[:20])] + ext[:20]
    return name or fallback


def _slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "periode"


@dataclass(frozen=True)
class _AttachmentJob:
    """An attachment file to copy into the ZIP."""

    id: int
    member: str
    sha256: str | None


class _People:
    """The accounts a record names (authors, tutor, referent): names and roles only."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.rows: dict[int, Any] = {}

    def want(self, account_id: int | None) -> int | None:
        if account_id is not None:
            self.ids.add(account_id)
        return account_id

    def load(self, session: Session) -> None:
        if self.ids:
            self.rows = {
                r.id: r
                for r in session.execute(
                    select(
                        m.Account.id, m.Account.last_name, m.Account.first_name, m.Account.role
                    ).where(m.Account.id.in_(self.ids))
                )
            }

    def person(self, account_id: int | None) -> dict[str, Any] | None:
        row = self.rows.get(account_id) if account_id is not None else None
        if row is None:
            return None
        return {
            "name": person_name(row.last_name, row.first_name),
            "role": row.role.value,
            "role_label": ROLE_LABELS[row.role],
        }


def _grouped(rows: Iterable[Any], key: str) -> dict[Any, list[Any]]:
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def _review_lines(
    review: m.CompetenceReview, live: dict[Any, list[Any]]
) -> list[tuple[str, str, CompetenceLevel]]:
    """(code, label, level) of a review's lines as its screen shows them: a validated
    review's as frozen at validation (a competence renamed since keeps its old label there),
    a draft's (or an old review's that froze nothing) from the framework as it is now."""
    if review.status == ReviewStatus.VALIDATED and review.frozen:
        return [
            (line["code"], line["label"], CompetenceLevel(line["level"]))
            for line in review.frozen.get("lines", ())
        ]
    return [(line.code, line.label, line.level) for line in live.get(review.id, [])]


def _read_record(
    session: Session, apprentice_id: int, exported_by: str
) -> tuple[dict[str, Any], list[_AttachmentJob], list[int]]:
    """The record as JSON-ready data, the attachment files to copy, and the portfolio ids
    (for the logbook PDFs); one query per table whatever the amount of data."""
    people = _People()
    school_year = aliased(m.SchoolYear)
    row = session.execute(
        select(
            m.Apprentice,
            m.SchoolClass,
            school_year.label.label("school_year"),
            m.Diploma.name.label("diploma"),
            m.Company,
            m.Account.login,
        )
        .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
        .outerjoin(school_year, school_year.id == m.SchoolClass.school_year_id)
        .outerjoin(m.Diploma, m.Diploma.id == m.SchoolClass.diploma_id)
        .outerjoin(m.Company, m.Company.id == m.Apprentice.company_id)
        .outerjoin(m.Account, m.Account.id == m.Apprentice.account_id)
        .where(m.Apprentice.id == apprentice_id)
    ).one_or_none()
    if row is None:
        raise NotFound("Cet apprenti n'existe pas (ou plus).")
    apprentice: m.Apprentice = row.Apprentice
    people.want(apprentice.tutor_id)
    people.want(apprentice.referent_trainer_id)
    centre = session.execute(
        select(
            m.Centre.name,
            m.Centre.uai_code,
            m.Centre.address,
            m.Centre.postcode,
            m.Centre.city,
            m.Centre.phone,
            m.Centre.email,
        )
        .order_by(m.Centre.id)
        .limit(1)
    ).one_or_none()
    guardians = session.execute(
        select(m.Account.last_name, m.Account.first_name)
        .join(m.apprentice_guardians, m.apprentice_guardians.c.guardian_id == m.Account.id)
        .where(m.apprentice_guardians.c.apprentice_id == apprentice_id)
        .order_by(m.Account.last_name, m.Account.first_name)
    ).all()

    # Portfolios, their periods and the classes they belong to (the class history).
    period_year = aliased(m.SchoolYear)
    period_class = aliased(m.SchoolClass)
    period_diploma = aliased(m.Diploma)
    portfolio_company = aliased(m.Company)
    portfolios = session.execute(
        select(
            m.Portfolio.id,
            m.Portfolio.tutor_id,
            m.Period.id.label("period_id"),
            m.Period.name.label("period_name"),
            m.Period.start_date,
            m.Period.end_date,
            period_class.id.label("class_id"),
            period_class.name.label("class_name"),
            period_class.level_label,
            period_class.training_year,
            period_year.label.label("school_year"),
            period_diploma.name.label("diploma"),
            portfolio_company.name.label("company_name"),
            portfolio_company.city.label("company_city"),
        )
        .join(m.Period, m.Period.id == m.Portfolio.period_id)
        .join(period_class, period_class.id == m.Period.school_class_id)
        .join(period_year, period_year.id == period_class.school_year_id)
        .join(period_diploma, period_diploma.id == period_class.diploma_id)
        .outerjoin(portfolio_company, portfolio_company.id == m.Portfolio.company_id)
        .where(m.Portfolio.apprentice_id == apprentice_id)
        .order_by(m.Period.start_date, m.Period.id)
    ).all()
    portfolio_ids = [p.id for p in portfolios]
    in_portfolios = select(m.Portfolio.id).where(m.Portfolio.apprentice_id == apprentice_id)
    logbooks = {
        lb.portfolio_id: lb
        for lb in session.scalars(
            select(m.Logbook).where(m.Logbook.portfolio_id.in_(in_portfolios))
        )
    }
    sheets = session.execute(
        select(m.ActivitySheet, m.ActivityArea.code, m.ActivityArea.label)
        .outerjoin(m.ActivityArea, m.ActivityArea.id == m.ActivitySheet.activity_area_id)
        .where(m.ActivitySheet.portfolio_id.in_(in_portfolios))
        .order_by(m.ActivitySheet.iso_year, m.ActivitySheet.iso_week, m.ActivitySheet.id)
    ).all()
    in_sheets = select(m.ActivitySheet.id).where(m.ActivitySheet.portfolio_id.in_(in_portfolios))

    def sheet_links(target_id: Column[int], target: Any, *order_by: Any) -> dict[Any, list[Any]]:
        """(code, label) of what the sheets link to, by sheet (one query); `target_id` is
        the link table's column naming the target."""
        link = target_id.table
        return _grouped(
            session.execute(
                select(link.c.activity_sheet_id, target.code, target.label)
                .join(target, target.id == target_id)
                .where(link.c.activity_sheet_id.in_(in_sheets))
                .order_by(*order_by)
            ),
            "activity_sheet_id",
        )

    sheet_tasks = sheet_links(m.sheet_tasks.c.task_id, m.Task, m.Task.code)
    sheet_competences = sheet_links(
        m.sheet_competences.c.competence_id, m.Competence, m.Competence.position, m.Competence.code
    )
    sheet_criteria = sheet_links(m.sheet_criteria.c.criterion_id, m.Criterion, m.Criterion.code)

    comments = _grouped(
        session.scalars(
            select(m.Comment)
            .where(m.Comment.activity_sheet_id.in_(in_sheets))
            .order_by(m.Comment.created_at, m.Comment.id)
        ),
        "activity_sheet_id",
    )
    booklet = session.scalar(select(m.Booklet).where(m.Booklet.apprentice_id == apprentice_id))
    booklet_id = booklet.id if booklet else -1
    attachment_rows = session.execute(
        select(
            m.Attachment.id,
            m.Attachment.kind,
            m.Attachment.logbook_id,
            m.Attachment.activity_sheet_id,
            m.Attachment.booklet_id,
            m.Attachment.name,
            m.Attachment.media_type,
            m.Attachment.size_bytes,
            m.Attachment.sha256,
            m.Attachment.url,
            m.Attachment.added_by_id,
            m.Attachment.created_at,
        )
        .where(
            or_(
                m.Attachment.activity_sheet_id.in_(in_sheets),
                m.Attachment.logbook_id.in_(
                    select(m.Logbook.id).where(m.Logbook.portfolio_id.in_(in_portfolios))
                ),
                m.Attachment.booklet_id == booklet_id,
            )
        )
        .order_by(m.Attachment.created_at, m.Attachment.id)
    ).all()
    task_logs = session.execute(
        select(m.TaskLog, m.Task.code, m.Task.label)
        .join(m.Task, m.Task.id == m.TaskLog.task_id)
        .where(m.TaskLog.apprentice_id == apprentice_id)
        .order_by(m.TaskLog.iso_year, m.TaskLog.iso_week, m.TaskLog.origin, m.Task.code)
    ).all()
    grids = session.scalars(
        select(m.RatingGrid)
        .where(m.RatingGrid.apprentice_id == apprentice_id)
        .order_by(m.RatingGrid.rated_on, m.RatingGrid.id)
    ).all()
    ratings = _grouped(
        session.execute(
            select(
                m.Rating.rating_grid_id,
                m.Rating.result,
                m.Rating.remark,
                m.Criterion.code,
                m.Criterion.label,
                m.Competence.code.label("competence_code"),
            )
            .join(m.Criterion, m.Criterion.id == m.Rating.criterion_id)
            .join(m.Competence, m.Competence.id == m.Criterion.competence_id)
            .where(
                m.Rating.rating_grid_id.in_(
                    select(m.RatingGrid.id).where(m.RatingGrid.apprentice_id == apprentice_id)
                )
            )
            .order_by(m.Competence.position, m.Criterion.position, m.Criterion.code)
        ),
        "rating_grid_id",
    )
    period_reviews = {
        r.portfolio_id: r
        for r in session.scalars(
            select(m.PeriodReview).where(m.PeriodReview.portfolio_id.in_(in_portfolios))
        )
    }
    reviews = session.scalars(
        select(m.CompetenceReview)
        .where(m.CompetenceReview.apprentice_id == apprentice_id)
        .order_by(m.CompetenceReview.reviewed_on, m.CompetenceReview.id)
    ).all()
    review_lines = _grouped(
        session.execute(
            select(
                m.CompetenceReviewLine.competence_review_id,
                m.CompetenceReviewLine.level,
                m.Competence.code,
                m.Competence.label,
            )
            .join(m.Competence, m.Competence.id == m.CompetenceReviewLine.competence_id)
            .where(
                m.CompetenceReviewLine.competence_review_id.in_(
                    select(m.CompetenceReview.id).where(
                        m.CompetenceReview.apprentice_id == apprentice_id
                    )
                )
            )
            .order_by(m.Competence.position, m.Competence.code)
        ),
        "competence_review_id",
    )
    sections = session.scalars(
        select(m.BookletSection)
        .where(m.BookletSection.booklet_id == booklet_id)
        .order_by(m.BookletSection.id)
    ).all()
    syntheses = session.execute(
        select(m.PhaseSynthesis, m.Period.name)
        .outerjoin(m.Period, m.Period.id == m.PhaseSynthesis.period_id)
        .where(m.PhaseSynthesis.booklet_id == booklet_id)
        .order_by(m.PhaseSynthesis.written_on, m.PhaseSynthesis.id)
    ).all()
    interviews = session.scalars(
        select(m.Interview)
        .where(m.Interview.booklet_id == booklet_id)
        .order_by(m.Interview.held_on, m.Interview.id)
    ).all()
    visits = session.scalars(
        select(m.Visit)
        .where(m.Visit.booklet_id == booklet_id)
        .order_by(m.Visit.planned_on, m.Visit.held_on, m.Visit.id)
    ).all()

    # Who is named: collected while reading, loaded in one query.
    for p in portfolios:
        people.want(p.tutor_id)
    for lb in logbooks.values():
        people.want(lb.updated_by_id)
    for group in comments.values():
        for c in group:
            people.want(c.author_id)
    for a in attachment_rows:
        people.want(a.added_by_id)
    for t in task_logs:
        people.want(t.TaskLog.recorded_by_id)
    for g in grids:
        people.want(g.author_id)
    for pr in period_reviews.values():
        people.want(pr.author_id)
    for r in reviews:
        people.want(r.author_id)
        people.want(r.validated_by_id)
    for item in (*sections, *(s.PhaseSynthesis for s in syntheses), *interviews, *visits):
        people.want(getattr(item, "updated_by_id", None) or getattr(item, "author_id", None))
    people.load(session)

    # Attachments: one entry each, files numbered into pieces-jointes/.
    jobs: list[_AttachmentJob] = []
    by_sheet: dict[int, list[dict]] = defaultdict(list)
    by_logbook: dict[int, list[dict]] = defaultdict(list)
    on_booklet: list[dict] = []
    for a in attachment_rows:
        entry: dict[str, Any] = {
            "kind": a.kind.value,
            "name": a.name,
            "media_type": a.media_type,
            "added_at": _iso(a.created_at),
            "added_by": people.person(a.added_by_id),
        }
        if a.kind == AttachmentKind.FILE:
            # The number keeps members apart even where two names differ only by case.
            member = f"{ATTACHMENTS_FOLDER}/{len(jobs) + 1:03d}-{safe_filename(a.name)}"
            jobs.append(_AttachmentJob(a.id, member, a.sha256))
            entry.update(path=member, size_bytes=a.size_bytes, sha256=a.sha256)
        else:
            entry["url"] = a.url
        if a.activity_sheet_id is not None:
            by_sheet[a.activity_sheet_id].append(entry)
        elif a.logbook_id is not None:
            by_logbook[a.logbook_id].append(entry)
        else:
            on_booklet.append(entry)

    def ref(rows: list[Any]) -> list[dict[str, str]]:
        return [{"code": r.code, "label": r.label} for r in rows]

    sheets_by_portfolio: dict[int, list[dict]] = defaultdict(list)
    for s in sheets:
        sheet: m.ActivitySheet = s.ActivitySheet
        sheets_by_portfolio[sheet.portfolio_id].append(
            {
                "iso_year": sheet.iso_year,
                "iso_week": sheet.iso_week,
                "title": sheet.title,
                "autonomy": _value(sheet.autonomy),
                "autonomy_label": AUTONOMY_LABELS.get(sheet.autonomy) if sheet.autonomy else None,
                "activity_area": {"code": s.code, "label": s.label} if s.code else None,
                "context": sheet.context,
                "description": sheet.description,
                "reflective_analysis": sheet.reflective_analysis,
                "retired": sheet.retired,
                "created_at": _iso(sheet.created_at),
                "updated_at": _iso(sheet.updated_at),
                "tasks": ref(sheet_tasks.get(sheet.id, [])),
                "competences": ref(sheet_competences.get(sheet.id, [])),
                "criteria": ref(sheet_criteria.get(sheet.id, [])),
                "comments": [
                    {
                        "author": people.person(c.author_id),
                        "created_at": _iso(c.created_at),
                        "updated_at": _iso(c.updated_at),
                        "body": c.body,
                    }
                    for c in comments.get(sheet.id, [])
                ],
                "attachments": by_sheet.get(sheet.id, []),
            }
        )
    grid_index = {g.id: index for index, g in enumerate(grids)}

    portfolio_entries = []
    for p in portfolios:
        logbook = logbooks.get(p.id)
        review = period_reviews.get(p.id)
        portfolio_entries.append(
            {
                "period": {
                    "name": p.period_name,
                    "start_date": _iso(p.start_date),
                    "end_date": _iso(p.end_date),
                    "class_name": p.class_name,
                    "school_year": p.school_year,
                },
                "company": {"name": p.company_name, "city": p.company_city or ""}
                if p.company_name
                else None,
                "tutor": people.person(p.tutor_id),
                "logbook": {
                    "place_of_work": logbook.place_of_work,
                    "contacts": logbook.contacts,
                    "presentation": logbook.presentation,
                    "updated_at": _iso(logbook.updated_at),
                    "updated_by": people.person(logbook.updated_by_id),
                    "attachments": by_logbook.get(logbook.id, []),
                }
                if logbook
                else None,
                "sheets": sheets_by_portfolio.get(p.id, []),
                "period_review": {
                    "reviewed_on": _iso(review.reviewed_on),
                    "author": people.person(review.author_id),
                    "appreciation": review.appreciation,
                    "rating_grid": grid_index.get(review.rating_grid_id)
                    if review.rating_grid_id is not None
                    else None,
                    "updated_at": _iso(review.updated_at),
                }
                if review
                else None,
            }
        )

    classes: dict[int, dict] = {}
    current: m.SchoolClass | None = row.SchoolClass
    if current is not None:
        classes[current.id] = {
            "name": current.name,
            "level_label": current.level_label,
            "training_year": current.training_year,
            "school_year": row.school_year,
            "diploma": row.diploma,
            "current": True,
        }
    for p in portfolios:
        classes.setdefault(
            p.class_id,
            {
                "name": p.class_name,
                "level_label": p.level_label,
                "training_year": p.training_year,
                "school_year": p.school_year,
                "diploma": p.diploma,
                "current": False,
            },
        )
    company: m.Company | None = row.Company
    document: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "version": RECORD_VERSION,
        "exported_at": _iso(datetime.now(UTC)),
        "exported_by": exported_by,
        "centre": {
            "name": centre.name,
            "uai_code": centre.uai_code,
            "address": centre.address,
            "postcode": centre.postcode,
            "city": centre.city,
            "phone": centre.phone,
            "email": centre.email,
        }
        if centre
        else None,
        "apprentice": {
            "last_name": apprentice.last_name,
            "first_name": apprentice.first_name,
            "national_id": apprentice.national_id,
            "birth_date": _iso(apprentice.birth_date),
            "email": apprentice.email,
            "phone": apprentice.phone,
            "address": apprentice.address,
            "login": row.login,
            "created_at": _iso(apprentice.created_at),
            "updated_at": _iso(apprentice.updated_at),
            "classes": sorted(
                classes.values(), key=lambda c: (c["school_year"] or "", c["training_year"])
            ),
            "company": {
                "name": company.name,
                "siret": company.siret,
                "address": company.address,
                "postcode": company.postcode,
                "city": company.city,
                "phone": company.phone,
                "email": company.email,
            }
            if company
            else None,
            "tutor": people.person(apprentice.tutor_id),
            "referent_trainer": people.person(apprentice.referent_trainer_id),
        },
        "guardians": [{"name": person_name(g.last_name, g.first_name)} for g in guardians],
        "portfolios": portfolio_entries,
        "task_logs": [
            {
                "iso_year": t.TaskLog.iso_year,
                "iso_week": t.TaskLog.iso_week,
                "origin": t.TaskLog.origin.value,
                "task": {"code": t.code, "label": t.label},
                "recorded_by": people.person(t.TaskLog.recorded_by_id),
            }
            for t in task_logs
        ],
        "rating_grids": [
            {
                "rated_on": _iso(g.rated_on),
                "origin": g.origin.value,
                "kind": g.kind.value,
                "kind_label": GRID_KIND_LABELS[g.kind.value],
                "title": g.title,
                "author": people.person(g.author_id),
                "ratings": [
                    {
                        "competence_code": r.competence_code,
                        "criterion": {"code": r.code, "label": r.label},
                        "result": r.result.value,
                        "result_label": RATING_RESULT_LABELS[r.result],
                        "remark": r.remark,
                    }
                    for r in ratings.get(g.id, [])
                ],
            }
            for g in grids
        ],
        "competence_reviews": [
            {
                "origin": r.origin.value,
                "reviewed_on": _iso(r.reviewed_on),
                "status": r.status.value,
                "status_label": STATUS_LABELS[r.status],
                "author": people.person(r.author_id),
                "validated_at": _iso(r.validated_at),
                "validated_by": people.person(r.validated_by_id),
                "findings": r.findings,
                "advice": r.advice,
                "proposed_mark": _mark(r.proposed_mark),
                "lines": [
                    {
                        "competence": {"code": code, "label": label},
                        "level": level.value,
                        "level_label": COMPETENCE_LEVEL_LABELS[level],
                    }
                    for code, label, level in _review_lines(r, review_lines)
                ],
            }
            for r in reviews
        ],
        "booklet": {
            "sections": [
                {
                    "kind": s.kind.value,
                    "title": BOOKLET_SECTION_LABELS[s.kind],
                    "body": s.body,
                    "updated_at": _iso(s.updated_at),
                    "updated_by": people.person(s.updated_by_id),
                }
                for s in sections
            ],
            "phase_syntheses": [
                {
                    "origin": s.PhaseSynthesis.origin.value,
                    "period_name": s.name,
                    "title": s.PhaseSynthesis.title,
                    "body": s.PhaseSynthesis.body,
                    "written_on": _iso(s.PhaseSynthesis.written_on),
                    "author": people.person(s.PhaseSynthesis.author_id),
                }
                for s in syntheses
            ],
            "interviews": [
                {
                    "held_on": _iso(i.held_on),
                    "participants": i.participants,
                    "summary": i.summary,
                    "author": people.person(i.author_id),
                }
                for i in interviews
            ],
            "visits": [
                {
                    "planned_on": _iso(v.planned_on),
                    "held_on": _iso(v.held_on),
                    "participants": v.participants,
                    "report": v.report,
                    "author": people.person(v.author_id),
                }
                for v in visits
            ],
            "attachments": on_booklet,
        }
        if booklet
        else None,
        "audit_events": [
            {
                "occurred_at": _iso(event.occurred_at),
                "action": event.action,
                "action_label": event.action_label,
                "actor": event.actor_name,
                "subject": event.subject,
                "detail": event.detail,
            }
            for event in audit.events_about(session, apprentice_id, apprentice.account_id)
        ],
        # Texts an upgrade had to shorten (migration 0008), whole.
        "oversize_texts": [
            {
                "table": t.table_name,
                "column": t.column_name,
                "row_id": t.row_id,
                "text": t.text,
                "moved_at": _iso(t.moved_at),
            }
            for t in session.scalars(
                select(m.OversizeText)
                .where(m.OversizeText.apprentice_id == apprentice_id)
                .order_by(m.OversizeText.id)
            )
        ],
        "pdf": [],
    }
    return document, jobs, portfolio_ids


def _open(store: Store, actor: Actor, apprentice_id: int) -> None:
    """Let an administrator's own login read the record on a per-user server (the server
    refuses anyone else); his rights are asked again, with French messages, just after."""
    if actor.role == Role.ADMIN:
        open_record(store, apprentice_id)


def record_document(store: Store, actor: Actor, apprentice_id: int) -> dict[str, Any]:
    """The content of `dossier.json` (without its list of PDFs), read at once (EXPORT_RECORD)."""
    _open(store, actor, apprentice_id)
    with store.read() as session:
        authorize(session, actor, Action.EXPORT_RECORD)
        document, _, _ = _read_record(session, apprentice_id, actor.display_name)
    return document


# --- The PDFs --------------------------------------------------------------------------------


def _render_pdfs(
    store: Store, reader: Actor, apprentice_id: int, portfolios: list[tuple[int, str]]
) -> list[tuple[str, str, bytes]]:
    """(member, title, bytes) of the booklet, the reviews and each portfolio's logbook."""
    from cpro_desktop.reports.booklet import render_booklet, render_reviews
    from cpro_desktop.reports.logbook import logbook_pdf
    from cpro_desktop.services.activities import logbook_print_snapshot
    from cpro_desktop.services.printing import booklet_document, reviews_document

    pdfs: list[tuple[str, str, bytes]] = []

    def render(member: str, title: str, draw: Any) -> None:
        buffer = io.BytesIO()
        draw(buffer)
        pdfs.append((f"{PDF_FOLDER}/{member}", title, buffer.getvalue()))

    document = booklet_document(store, reader, apprentice_id)
    render(
        "livret-d-apprentissage.pdf",
        "Livret d'apprentissage",
        lambda b: render_booklet(document, b),
    )
    reviews = reviews_document(store, reader, apprentice_id)
    render(
        "bilans-de-competences.pdf", "Bilans de compétences", lambda b: render_reviews(reviews, b)
    )
    for index, (portfolio_id, period_name) in enumerate(portfolios, 1):
        snapshot = logbook_print_snapshot(store, reader, portfolio_id)
        render(
            f"journal-de-bord-{index:02d}-{_slug(period_name)}.pdf",
            f"Journal de bord — {period_name}",
            lambda b, s=snapshot: logbook_pdf(s, b),
        )
    return pdfs


# --- Export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportReport:
    """What `export_apprentice_record()` wrote."""

    path: Path
    attachments: int
    pdfs: int
    size_bytes: int


def export_apprentice_record(
    store: Store, actor: Actor, apprentice_id: int, path: Path
) -> ExportReport:
    """Write the apprentice's record to the ZIP `path` (EXPORT_RECORD, administrator):
    `dossier.json`, the attachment files in `pieces-jointes/` and the PDFs in `pdf/`."""
    path = Path(path)
    _open(store, actor, apprentice_id)
    with store.read() as session:
        authorize(session, actor, Action.EXPORT_RECORD)
        document, jobs, portfolio_ids = _read_record(session, apprentice_id, actor.display_name)
    periods = [
        (pid, entry["period"]["name"])
        for pid, entry in zip(portfolio_ids, document["portfolios"], strict=True)
    ]
    # The policy lets whoever exports the record read and print this apprentice's documents.
    pdfs = _render_pdfs(store, exporting_record(actor, apprentice_id), apprentice_id, periods)
    document["pdf"] = [
        {"path": member, "title": title, "size_bytes": len(data)} for member, title, data in pdfs
    ]
    with atomic_target(path) as partial:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            _copy_attachments(store, archive, jobs, document)
            for member, _, data in pdfs:
                archive.writestr(member, data)
            archive.writestr(
                RECORD_MEMBER, json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            )
        size = partial.stat().st_size
        # The audit row is committed just before the file is moved into place: an export
        # that fails writes no row, and no file lands without its row.
        with store.write() as session:
            authorize(session, actor, Action.EXPORT_RECORD)
            audit.record_event(
                session,
                actor,
                AuditAction.RECORD_EXPORT,
                apprentice_id=apprentice_id,
                subject=_document_subject(document),
                detail=f"{len(jobs)} pièce(s) jointe(s), {len(pdfs)} PDF, "
                f"{size_label(size)} ({path.name})",
            )
    return ExportReport(path, len(jobs), len(pdfs), size)


def _document_subject(document: dict[str, Any]) -> str:
    apprentice = document["apprentice"]
    current = next((c["name"] for c in apprentice["classes"] if c["current"]), None)
    name = person_name(apprentice["last_name"], apprentice["first_name"])
    return audit.apprentice_label(name, current)


def _copy_attachments(
    store: Store, archive: zipfile.ZipFile, jobs: list[_AttachmentJob], document: dict
) -> None:
    """Stream the files' bytes from the store into the archive (one query, row by row so
    that memory holds one file at a time). A file whose bytes no longer match the SHA-256
    recorded when it was added is exported as it is, and flagged in the JSON."""
    if not jobs:
        return
    wanted = {job.id: job for job in jobs}
    altered: dict[str, str] = {}
    # A server-side cursor: PostgreSQL wants a transaction around it.
    with store.read(transaction=True) as session:
        result = session.execute(
            select(m.Attachment.id, m.Attachment.content)
            .where(m.Attachment.id.in_(wanted))
            .execution_options(yield_per=1)
        )
        for attachment_id, content in result:
            job = wanted.pop(attachment_id)
            data = bytes(content or b"")
            digest = hashlib.sha256(data).hexdigest()
            if digest != job.sha256:
                altered[job.member] = digest
            archive.writestr(job.member, data)
    if wanted:
        raise ConflictError(
            "Des pièces jointes ont été supprimées pendant l'export : rien n'a été écrit. "
            "Recommencez."
        )
    if altered:
        for entry in _all_attachment_entries(document):
            if entry.get("path") in altered:
                entry["sha256"] = altered[entry["path"]]
                entry["altered"] = True


def _all_attachment_entries(document: dict) -> Iterator[dict]:
    for portfolio in document["portfolios"]:
        if portfolio["logbook"]:
            yield from portfolio["logbook"]["attachments"]
        for sheet in portfolio["sheets"]:
            yield from sheet["attachments"]
    if document["booklet"]:
        yield from document["booklet"]["attachments"]


# --- Erasure ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureItem:
    """One group of what an erasure removes: "Fiches activités : 12"."""

    label: str
    count: int
    #: A French complement shown in brackets: "1,2 Mo", "dont 3 validés".
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.label} : {self.count}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing an apprentice removes (`items`) and what stays (`kept`, French
    sentences). `version` is the apprentice's, to give back to `erase_apprentice()`."""

    apprentice_id: int
    name: str
    version: int
    items: tuple[ErasureItem, ...]
    kept: tuple[str, ...]
    #: Validated competence reviews (documents): erasing them needs a stated reason.
    validated_reviews: int = 0

    @property
    def needs_reason(self) -> bool:
        """Validated reviews are documents: erasing them needs a stated reason."""
        return self.validated_reviews > 0

    @property
    def total(self) -> int:
        return sum(item.count for item in self.items)


@dataclass(frozen=True)
class _Subject:
    """The apprentice to erase and his own account, as the erasure needs them."""

    id: int
    name: str
    version: int
    class_name: str | None
    account_id: int | None
    account_login: str | None
    account_role: Role | None

    @property
    def account_erased(self) -> bool:
        """His account goes with him only if it is an apprentice's account (an account
        with another role is someone's working account: it stays, unlinked)."""
        return self.account_id is not None and self.account_role == Role.APPRENTICE


def _subject(session: Session, apprentice_id: int, *, lock: bool = False) -> _Subject:
    stmt: Select[Any] = (
        select(
            m.Apprentice.id,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            m.Apprentice.version,
            m.Apprentice.account_id,
            m.SchoolClass.name.label("class_name"),
            m.Account.login,
            m.Account.role,
        )
        .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
        .outerjoin(m.Account, m.Account.id == m.Apprentice.account_id)
        .where(m.Apprentice.id == apprentice_id)
    )
    if lock:
        stmt = stmt.with_for_update(of=m.Apprentice)
    row = session.execute(stmt).one_or_none()
    if row is None:
        raise NotFound("Cet apprenti n'existe pas (ou plus) : rechargez la liste.")
    return _Subject(
        row.id,
        person_name(row.last_name, row.first_name),
        row.version,
        row.class_name,
        row.account_id,
        row.login,
        row.role,
    )


def _count(table: Any, where: ColumnElement[bool]) -> Any:
    return select(func.count()).select_from(table).where(where).scalar_subquery()


def _preview(session: Session, subject: _Subject) -> ErasurePreview:
    """Count what goes (one query) and say what stays (one query)."""
    a = subject.id
    acc = subject.account_id if subject.account_erased else None
    portfolios = select(m.Portfolio.id).where(m.Portfolio.apprentice_id == a)
    sheets = select(m.ActivitySheet.id).where(m.ActivitySheet.portfolio_id.in_(portfolios))
    logbooks = select(m.Logbook.id).where(m.Logbook.portfolio_id.in_(portfolios))
    booklets = select(m.Booklet.id).where(m.Booklet.apprentice_id == a)
    reviews = select(m.CompetenceReview.id).where(m.CompetenceReview.apprentice_id == a)
    grids = select(m.RatingGrid.id).where(m.RatingGrid.apprentice_id == a)
    # What his own account wrote or read goes with it, wherever it is.
    by_comment = [m.Comment.author_id == acc] if acc is not None else []
    by_attachment = [m.Attachment.added_by_id == acc] if acc is not None else []
    by_read_mark = [m.ReadMark.reader_id == acc] if acc is not None else []
    attachments_where = or_(
        m.Attachment.activity_sheet_id.in_(sheets),
        m.Attachment.logbook_id.in_(logbooks),
        m.Attachment.booklet_id.in_(booklets),
        *by_attachment,
    )
    link_tables = (m.sheet_tasks, m.sheet_competences, m.sheet_criteria)
    counts = session.execute(
        select(
            _count(m.apprentice_guardians, m.apprentice_guardians.c.apprentice_id == a),
            _count(m.Portfolio, m.Portfolio.apprentice_id == a),
            _count(m.Logbook, m.Logbook.portfolio_id.in_(portfolios)),
            _count(m.ActivitySheet, m.ActivitySheet.portfolio_id.in_(portfolios)),
            *[_count(t, t.c.activity_sheet_id.in_(sheets)) for t in link_tables],
            _count(
                m.Comment,
                or_(m.Comment.activity_sheet_id.in_(sheets), *by_comment),
            ),
            _count(m.Attachment, attachments_where),
            select(func.coalesce(func.sum(m.Attachment.size_bytes), 0))
            .where(attachments_where)
            .scalar_subquery(),
            _count(
                m.ReadMark,
                or_(
                    m.ReadMark.activity_sheet_id.in_(sheets),
                    m.ReadMark.competence_review_id.in_(reviews),
                    *by_read_mark,
                ),
            ),
            _count(m.TaskLog, m.TaskLog.apprentice_id == a),
            _count(m.RatingGrid, m.RatingGrid.apprentice_id == a),
            _count(m.Rating, m.Rating.rating_grid_id.in_(grids)),
            _count(m.PeriodReview, m.PeriodReview.portfolio_id.in_(portfolios)),
            _count(m.CompetenceReview, m.CompetenceReview.apprentice_id == a),
            _count(
                m.CompetenceReview,
                (m.CompetenceReview.apprentice_id == a)
                & (m.CompetenceReview.status == ReviewStatus.VALIDATED),
            ),
            _count(
                m.CompetenceReviewLine, m.CompetenceReviewLine.competence_review_id.in_(reviews)
            ),
            _count(m.Booklet, m.Booklet.apprentice_id == a),
            _count(m.BookletSection, m.BookletSection.booklet_id.in_(booklets)),
            _count(m.PhaseSynthesis, m.PhaseSynthesis.booklet_id.in_(booklets)),
            _count(m.Interview, m.Interview.booklet_id.in_(booklets)),
            _count(m.Visit, m.Visit.booklet_id.in_(booklets)),
        )
    ).one()
    (
        guardian_links, n_portfolios, n_logbooks, n_sheets, n_tasks, n_competences,
        n_criteria, n_comments, n_attachments, attachment_bytes, n_read_marks, n_task_logs,
        n_grids, n_ratings, n_period_reviews, n_reviews, n_validated, n_lines, n_booklets,
        n_sections, n_syntheses, n_interviews, n_visits,
    ) = counts  # fmt: skip
    validated = (
        f"dont {n_validated} validé{'s' if n_validated > 1 else ''} définitivement"
        if n_validated
        else ""
    )
    links = n_tasks + n_competences + n_criteria
    items = [
        ErasureItem("Apprenti (identité, INE, coordonnées, classe, entreprise)", 1),
        ErasureItem("Rattachements à ses représentants légaux", guardian_links),
        ErasureItem("Portfolios (périodes en entreprise)", n_portfolios),
        ErasureItem("Journaux de bord", n_logbooks),
        ErasureItem("Fiches activités", n_sheets),
        ErasureItem("Liens des fiches avec le référentiel (tâches, compétences, critères)", links),
        ErasureItem("Commentaires", n_comments),
        ErasureItem("Pièces jointes", n_attachments, size_label(attachment_bytes)),
        ErasureItem("États de lecture", n_read_marks),
        ErasureItem("Tâches hebdomadaires", n_task_logs),
        ErasureItem("Grilles de positionnement", n_grids),
        ErasureItem("Notes (positionnements des critères)", n_ratings),
        ErasureItem("Bilans de période", n_period_reviews),
        ErasureItem("Bilans de compétences", n_reviews, validated),
        ErasureItem("Niveaux des bilans de compétences", n_lines),
        ErasureItem("Livret d'apprentissage", n_booklets),
        ErasureItem("Parties du livret", n_sections),
        ErasureItem("Synthèses de phases", n_syntheses),
        ErasureItem("Entretiens individuels", n_interviews),
        ErasureItem("Visites en entreprise", n_visits),
    ]
    if subject.account_erased:
        items.append(ErasureItem(f"Compte de connexion « {subject.account_login} »", 1))
    return ErasurePreview(
        subject.id,
        subject.name,
        subject.version,
        tuple(item for item in items if item.count),
        _kept(session, subject),
        n_validated,
    )


def _kept(session: Session, subject: _Subject) -> tuple[str, ...]:
    """French sentences about what stays (one query: his guardians and their other links)."""
    others = aliased(m.apprentice_guardians)
    guardians = session.execute(
        select(
            m.Account.last_name,
            m.Account.first_name,
            m.Account.login,
            m.Account.is_active,
            select(func.count())
            .select_from(others)
            .where(
                others.c.guardian_id == m.Account.id,
                others.c.apprentice_id != subject.id,
            )
            .scalar_subquery()
            .label("others"),
        )
        .join(m.apprentice_guardians, m.apprentice_guardians.c.guardian_id == m.Account.id)
        .where(m.apprentice_guardians.c.apprentice_id == subject.id)
        .order_by(m.Account.last_name, m.Account.first_name)
    ).all()
    kept: list[str] = []
    for g in guardians:
        name = person_name(g.last_name, g.first_name)
        if g.others:
            kept.append(
                f"Le compte du représentant légal {name} (« {g.login} ») reste : il suit "
                "encore d'autres apprentis."
            )
        else:
            advice = (
                " Désactivez-le dans Administration › Comptes s'il n'a plus lieu d'être."
                if g.is_active
                else ""
            )
            kept.append(
                f"Le compte du représentant légal {name} (« {g.login} ») reste, mais il ne "
                f"sera plus rattaché à aucun apprenti.{advice}"
            )
    if subject.account_id is not None and not subject.account_erased:
        role = ROLE_LABELS[subject.account_role] if subject.account_role else ""
        kept.append(
            f"Le compte de connexion « {subject.account_login} » reste : ce n'est pas un "
            f"compte d'apprenti ({role}). Il ne sera plus rattaché à cet apprenti."
        )
    where = (
        f" ; la classe {subject.class_name} compte un apprenti de moins"
        if (subject.class_name)
        else ""
    )
    kept.append(
        "Son maître d'apprentissage, ses formateurs, son entreprise, sa classe et les périodes "
        f"de la classe restent{where}."
    )
    kept.append(
        "Les autres apprentis et leurs dossiers, tableaux de bord et bilans ne changent pas."
    )
    kept.append(
        "Les sauvegardes et les exports faits avant l'effacement contiennent encore ses "
        "données : supprimez-les selon la politique de conservation du centre."
    )
    return tuple(kept)


def erasure_preview(store: Store, actor: Actor, apprentice_id: int) -> ErasurePreview:
    """What erasing the apprentice would remove, grouped, and what stays (ERASE_APPRENTICE);
    a fixed number of queries."""
    _open(store, actor, apprentice_id)
    with store.read() as session:
        authorize(session, actor, Action.ERASE_APPRENTICE)
        return _preview(session, _subject(session, apprentice_id))


#: Why a reason is asked before validated reviews go, and what to do first.
REASON_NEEDED = (
    "{name} a {count} bilan{s} validé{s} définitivement : ce sont des "
    "documents. Indiquez la raison de l'effacement (elle est gardée au journal d'audit) ; si "
    "ces bilans doivent être conservés, exportez d'abord son dossier."
)


def erase_apprentice(
    store: Store, actor: Actor, apprentice_id: int, version: int, reason: str = ""
) -> ErasurePreview:
    """Erase the apprentice and everything about him, in one transaction (ERASE_APPRENTICE).

    `version` is the one the preview showed: if the apprentice changed since, nothing is
    erased (`ConflictError`). An apprentice with validated reviews is erased only with a
    `reason`, kept in the audit trail. Returns what was erased, counted inside the
    transaction.
    """
    reason = " ".join(reason.split())[:500]
    _open(store, actor, apprentice_id)
    with store.write() as session:
        authorize(session, actor, Action.ERASE_APPRENTICE)
        subject = _subject(session, apprentice_id, lock=True)
        if subject.version != version:
            raise ConflictError(
                f"Le dossier de {subject.name} a été modifié depuis l'aperçu : rien n'a été "
                "effacé. Rouvrez l'aperçu pour voir ce qui sera effacé."
            )
        erased = _preview(session, subject)
        if erased.needs_reason and not reason:
            count = erased.validated_reviews
            raise ValidationError(
                "reason",
                REASON_NEEDED.format(name=subject.name, count=count, s="s" if count > 1 else ""),
            )
        with _secure_delete(session):
            account = subject.account_id if subject.account_erased else None
            if account is not None:
                # What he wrote under his own account goes with him, wherever it is.
                session.execute(
                    delete(m.Comment).where(m.Comment.author_id == account),
                    execution_options={"synchronize_session": False},
                )
                session.execute(
                    delete(m.Attachment).where(m.Attachment.added_by_id == account),
                    execution_options={"synchronize_session": False},
                )
            # The apprentice row first: the foreign keys cascade to everything about him,
            # and the freeze of validated reviews (migration 0003) lets a review go only
            # once its apprentice is gone.
            gone = session.execute(
                delete(m.Apprentice).where(m.Apprentice.id == apprentice_id),
                execution_options={"synchronize_session": False},
            ).rowcount
            if gone != 1:  # pragma: no cover - the row is locked above
                raise ConflictError("L'apprenti a été effacé entre-temps.")
            if account is not None:
                session.execute(
                    delete(m.Account).where(m.Account.id == account),
                    execution_options={"synchronize_session": False},
                )
        # The trail keeps who erased whom (ids and names only): it has no foreign key, so the
        # deletes above leave it whole.
        audit.record_event(
            session,
            actor,
            AuditAction.ERASURE,
            apprentice_id=subject.id,
            account_id=account,
            subject=audit.apprentice_label(subject.name, subject.class_name),
            detail=f"{erased.total} élément(s) effacé(s)"
            + (f", compte « {subject.account_login} » compris" if account is not None else "")
            + (
                f", dont {erased.validated_reviews} bilan(s) validé(s)"
                if erased.validated_reviews
                else ""
            )
            + (f" — raison : {reason}" if reason else ""),
        )
    _fold_write_ahead_log(store)
    return erased


def _fold_write_ahead_log(store: Store) -> None:
    """On SQLite, copy the write-ahead log into the (overwritten) file and empty it: older
    images of the erased rows' pages may still sit in the log. Best effort: a reader still
    busy elsewhere only delays it to the next checkpoint."""
    if store.backend != "sqlite":
        return
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


@contextlib.contextmanager
def _secure_delete(session: Session) -> Iterator[None]:
    """On SQLite, overwrite the deleted content in the file instead of leaving it in free
    pages (an erasure that a hex editor can undo is no erasure)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    previous = connection.exec_driver_sql("PRAGMA secure_delete").scalar()
    connection.exec_driver_sql("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA secure_delete = {int(previous or 0)}")


__all__ = [
    "RECORD_FORMAT",
    "RECORD_VERSION",
    "SCHEMA_PATH",
    "ErasureItem",
    "ErasurePreview",
    "ExportReport",
    "erase_apprentice",
    "erasure_preview",
    "export_apprentice_record",
    "find_apprentice_for_admin",
    "record_document",
    "safe_filename",
]
