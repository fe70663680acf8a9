"""School years ("2024-2025" with their first and last days).

The table has no version column: the snapshot's `version` is a fingerprint of the values
read, so that a stale update is still a `ConflictError`."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.services.admin.base import admin_read, admin_write, clean_text
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, ValidationError

_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


@dataclass(frozen=True)
class SchoolYearRow:
    """One school year, with how many classes it holds.

    School years have no version column: `version` is a fingerprint of the values read, so
    that a stale update is still detected.
    """

    id: int
    label: str
    start_date: date
    end_date: date
    class_count: int
    version: int


@dataclass(frozen=True)
class SchoolYearInput:
    label: str
    start_date: date
    end_date: date


def _year_fingerprint(label: str, start: date, end: date) -> int:
    return zlib.crc32(f"{label}|{start.isoformat()}|{end.isoformat()}".encode())


def _school_year_rows(session: Session, year_id: int | None = None) -> list[SchoolYearRow]:
    count = (
        select(func.count(m.SchoolClass.id))
        .where(m.SchoolClass.school_year_id == m.SchoolYear.id)
        .correlate(m.SchoolYear)
        .scalar_subquery()
    )
    stmt = select(
        m.SchoolYear.id,
        m.SchoolYear.label,
        m.SchoolYear.start_date,
        m.SchoolYear.end_date,
        count.label("class_count"),
    ).order_by(m.SchoolYear.start_date.desc(), m.SchoolYear.label)
    if year_id is not None:
        stmt = stmt.where(m.SchoolYear.id == year_id)
    return [
        SchoolYearRow(
            row.id,
            row.label,
            row.start_date,
            row.end_date,
            row.class_count,
            _year_fingerprint(row.label, row.start_date, row.end_date),
        )
        for row in session.execute(stmt)
    ]


def list_school_years(store: Store, actor: Actor) -> tuple[SchoolYearRow, ...]:
    """School years, the newest first (one query)."""
    with admin_read(store, actor) as session:
        return tuple(_school_year_rows(session))


def _clean_school_year(session: Session, data: SchoolYearInput, year_id: int | None) -> dict:
    label = clean_text(data.label, "label", "Année scolaire", m.SchoolYear.label, required=True)
    match = _SCHOOL_YEAR.match(label)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            "label", "L'année scolaire s'écrit avec deux années qui se suivent, comme 2024-2025."
        )
    if data.start_date is None:
        raise ValidationError("start_date", "Indiquez la date de début.")
    if data.end_date is None:
        raise ValidationError("end_date", "Indiquez la date de fin.")
    if data.end_date < data.start_date:
        raise ValidationError("end_date", "La date de fin précède la date de début.")
    taken = session.scalar(
        select(m.SchoolYear.id).where(
            m.SchoolYear.label == label, m.SchoolYear.id != (year_id or 0)
        )
    )
    if taken is not None:
        raise ValidationError("label", f"L'année scolaire « {label} » existe déjà.")
    return {"label": label, "start_date": data.start_date, "end_date": data.end_date}


def create_school_year(store: Store, actor: Actor, data: SchoolYearInput) -> SchoolYearRow:
    """Create a school year ("2024-2025", with its first and last days)."""
    with admin_write(store, actor) as session:
        year = m.SchoolYear(**_clean_school_year(session, data, None))
        session.add(year)
        session.flush()
        return _school_year_rows(session, year.id)[0]


def update_school_year(
    store: Store, actor: Actor, year_id: int, version: int, data: SchoolYearInput
) -> SchoolYearRow:
    """Change a school year's label or dates (`version` from the row read)."""
    with admin_write(store, actor) as session:
        year = session.get(m.SchoolYear, year_id, with_for_update=True)
        if year is None:
            raise NotFound("Cette année scolaire n'existe pas (ou plus) : rechargez la liste.")
        if _year_fingerprint(year.label, year.start_date, year.end_date) != version:
            raise ConflictError(
                "Cette année scolaire a été modifiée par quelqu'un d'autre entre-temps : vos "
                "changements n'ont pas été enregistrés. Rechargez la liste pour voir sa version."
            )
        for key, value in _clean_school_year(session, data, year_id).items():
            setattr(year, key, value)
        session.flush()
        return _school_year_rows(session, year.id)[0]
