"""Host companies: identity (SIRET), address, location, and how many tutors and
apprentices they have."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.enums import Role
from cpro_desktop.services.admin.base import (
    _email,
    _load_versioned,
    admin_read,
    admin_write,
    clean_text,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ValidationError

_SIRET = re.compile(r"^\d{14}$")


@dataclass(frozen=True)
class CompanyRow:
    """One host company, with how many tutors and apprentices it has."""

    id: int
    name: str
    siret: str
    address: str
    postcode: str
    city: str
    phone: str
    email: str
    latitude: float | None
    longitude: float | None
    tutor_count: int
    apprentice_count: int
    version: int


@dataclass(frozen=True)
class CompanyInput:
    name: str
    siret: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    latitude: float | None = None
    longitude: float | None = None


def _company_rows(session: Session, company_id: int | None = None) -> list[CompanyRow]:
    tutors = (
        select(func.count(m.Account.id))
        .where(m.Account.company_id == m.Company.id, m.Account.role == Role.TUTOR)
        .correlate(m.Company)
        .scalar_subquery()
    )
    apprentices = (
        select(func.count(m.Apprentice.id))
        .where(m.Apprentice.company_id == m.Company.id)
        .correlate(m.Company)
        .scalar_subquery()
    )
    stmt = select(
        m.Company.id,
        m.Company.name,
        m.Company.siret,
        m.Company.address,
        m.Company.postcode,
        m.Company.city,
        m.Company.phone,
        m.Company.email,
        m.Company.latitude,
        m.Company.longitude,
        m.Company.version,
        tutors.label("tutor_count"),
        apprentices.label("apprentice_count"),
    ).order_by(func.lower(m.Company.name), m.Company.id)
    if company_id is not None:
        stmt = stmt.where(m.Company.id == company_id)
    return [
        CompanyRow(
            id=row.id,
            name=row.name,
            siret=row.siret or "",
            address=row.address,
            postcode=row.postcode,
            city=row.city,
            phone=row.phone,
            email=row.email,
            latitude=row.latitude,
            longitude=row.longitude,
            tutor_count=row.tutor_count,
            apprentice_count=row.apprentice_count,
            version=row.version,
        )
        for row in session.execute(stmt)
    ]


def list_companies(store: Store, actor: Actor) -> tuple[CompanyRow, ...]:
    """Host companies by name, with their numbers of tutors and apprentices (one query)."""
    with admin_read(store, actor) as session:
        return tuple(_company_rows(session))


def _coordinate(value: float | None, field: str, label: str, bound: float) -> float | None:
    if value is None:
        return None
    if not -bound <= float(value) <= bound:
        raise ValidationError(field, f"La {label} va de {-bound:g} à {bound:g}.")
    return float(value)


def _clean_company(session: Session, data: CompanyInput, company_id: int | None) -> dict:
    name = clean_text(data.name, "name", "Raison sociale", m.Company.name, required=True)
    siret = re.sub(r"[\s.]", "", data.siret or "")
    if siret and not _SIRET.match(siret):
        raise ValidationError("siret", "Le SIRET compte exactement 14 chiffres.")
    if siret:
        taken = session.scalar(
            select(m.Company.name).where(
                m.Company.siret == siret, m.Company.id != (company_id or 0)
            )
        )
        if taken is not None:
            raise ValidationError("siret", f"L'entreprise « {taken} » a déjà ce SIRET.")
    if (data.latitude is None) != (data.longitude is None):
        raise ValidationError(
            "latitude" if data.latitude is None else "longitude",
            "Indiquez la latitude et la longitude, ou aucune des deux.",
        )
    return {
        "name": name,
        "siret": siret or None,
        "address": clean_text(data.address, "address", "Adresse", m.Company.address),
        "postcode": clean_text(data.postcode, "postcode", "Code postal", m.Company.postcode),
        "city": clean_text(data.city, "city", "Ville", m.Company.city),
        "phone": clean_text(data.phone, "phone", "Téléphone", m.Company.phone),
        "email": _email(data.email),
        "latitude": _coordinate(data.latitude, "latitude", "latitude", 90),
        "longitude": _coordinate(data.longitude, "longitude", "longitude", 180),
    }


def create_company(store: Store, actor: Actor, data: CompanyInput) -> CompanyRow:
    """Create a host company."""
    with admin_write(store, actor) as session:
        company = m.Company(**_clean_company(session, data, None))
        session.add(company)
        session.flush()
        return _company_rows(session, company.id)[0]


def update_company(
    store: Store, actor: Actor, company_id: int, version: int, data: CompanyInput
) -> CompanyRow:
    """Change a host company's identity, address and location."""
    with admin_write(store, actor) as session:
        company = _load_versioned(session, m.Company, company_id, version, "Cette entreprise")
        for key, value in _clean_company(session, data, company_id).items():
            if getattr(company, key) != value:
                setattr(company, key, value)
        session.flush()
        return _company_rows(session, company_id)[0]
