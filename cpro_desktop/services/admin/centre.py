"""The centre's identity printed on every document (name, UAI code, address)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.services.admin.base import _email, admin_read, admin_write, clean_text
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, ValidationError

_UAI = re.compile(r"^\d{7}[A-Z]$")


@dataclass(frozen=True)
class CentreInfo:
    """The centre's identity printed on every document; `version` 0 when never saved."""

    name: str
    uai_code: str
    address: str
    postcode: str
    city: str
    phone: str
    email: str
    version: int


@dataclass(frozen=True)
class CentreInput:
    name: str
    uai_code: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""


def _centre(session: Session, lock: bool = False) -> m.Centre | None:
    stmt = select(m.Centre).order_by(m.Centre.id).limit(1)
    if lock:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).first()


def _centre_info(centre: m.Centre | None) -> CentreInfo:
    if centre is None:
        return CentreInfo("", "", "", "", "", "", "", 0)
    return CentreInfo(
        centre.name,
        centre.uai_code or "",
        centre.address,
        centre.postcode,
        centre.city,
        centre.phone,
        centre.email,
        centre.version,
    )


def get_centre(store: Store, actor: Actor) -> CentreInfo:
    """The centre's identity (empty, version 0, until first saved)."""
    with admin_read(store, actor) as session:
        return _centre_info(_centre(session))


def update_centre(store: Store, actor: Actor, version: int, data: CentreInput) -> CentreInfo:
    """Save the centre's identity (`version` 0 creates it)."""
    with admin_write(store, actor) as session:
        name = clean_text(data.name, "name", "Nom du centre", m.Centre.name, required=True)
        uai = re.sub(r"\s", "", data.uai_code or "").upper()
        if uai and not _UAI.match(uai):
            raise ValidationError(
                "uai_code",
                "Le code UAI compte 7 chiffres suivis d'une lettre (par exemple 0930000X).",
            )
        values = {
            "name": name,
            "uai_code": uai or None,
            "address": clean_text(data.address, "address", "Adresse", m.Centre.address),
            "postcode": clean_text(data.postcode, "postcode", "Code postal", m.Centre.postcode),
            "city": clean_text(data.city, "city", "Ville", m.Centre.city),
            "phone": clean_text(data.phone, "phone", "Téléphone", m.Centre.phone),
            "email": _email(data.email),
        }
        centre = _centre(session, lock=True)
        if (centre.version if centre is not None else 0) != version:
            raise ConflictError(
                "L'identité du centre a été modifiée par quelqu'un d'autre entre-temps : vos "
                "changements n'ont pas été enregistrés. Rechargez pour voir sa version."
            )
        if centre is None:
            centre = m.Centre(**values)
            session.add(centre)
        else:
            for key, value in values.items():
                if getattr(centre, key) != value:
                    setattr(centre, key, value)
        session.flush()
        return _centre_info(centre)
