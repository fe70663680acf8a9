"""What the administrator's services share: the transaction helpers (`admin_read`,
`admin_write`: one transaction, the permission asked first, a missed constraint turned into a
French `ValidationError`), optimistic locking, and the validation rules that the imports
(`services/interop`) apply too (`clean_text`, `check_birth_date`, `clean_national_id`)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import Role
from cpro_desktop.models.limits import EMAIL, text_limit
from cpro_desktop.services.access import authorize
from cpro_desktop.services.permissions import Action, Actor
from cpro_desktop.services.texts import check_length
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, ValidationError

#: Roles that may teach a class or be an apprentice's referent (an admin may also teach).
TEACHING_ROLES = frozenset({Role.TRAINER, Role.ADMIN})

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_INE = re.compile(r"^[0-9A-Z]{11}$")


def display_name(last_name: str, first_name: str) -> str:
    """A person as the seed prints people: "NOM Prénom"."""
    return f"{last_name.upper()} {first_name}".strip()


# -- transactions and errors ---------------------------------------------------------------

#: Constraint markers (PostgreSQL names the constraint, SQLite the columns) → field, message.
_CONSTRAINT_MESSAGES: list[tuple[tuple[str, ...], str, str]] = [
    (("uq_accounts_login", "accounts.login"), "login", "Cet identifiant est déjà pris."),
    (
        ("uq_school_years_label", "school_years.label"),
        "label",
        "Cette année scolaire existe déjà.",
    ),
    (
        ("ck_school_years_dates_ordered",),
        "end_date",
        "La fin de l'année scolaire précède son début.",
    ),
    (
        ("uq_school_classes_name", "school_classes.name"),
        "name",
        "Une classe porte déjà ce nom pour cette année scolaire.",
    ),
    (
        ("ck_school_classes_training_year_range",),
        "training_year",
        "L'année de formation va de 1 à 3.",
    ),
    (("uq_companies_siret", "companies.siret"), "siret", "Une entreprise a déjà ce SIRET."),
    (("ck_companies_latitude",), "latitude", "La latitude va de -90 à 90."),
    (("ck_companies_longitude",), "longitude", "La longitude va de -180 à 180."),
    (
        ("uq_apprentices_national_id", "apprentices.national_id"),
        "national_id",
        "Un autre apprenti a déjà cet INE.",
    ),
    (
        ("uq_apprentices_account_id", "apprentices.account_id"),
        "account_id",
        "Ce compte est déjà celui d'un autre apprenti.",
    ),
    (("uq_diplomas_code", "diplomas.code"), "code", "Un diplôme a déjà ce code."),
    (
        (
            *("uq_units_", "uq_competences_", "uq_activity_areas_", "uq_criteria_", "uq_tasks_"),
            *("units.code", "competences.code", "activity_areas.code", "criteria.code"),
            "tasks.code",
        ),
        "code",
        "Ce code est déjà utilisé à cet endroit du référentiel.",
    ),
    (("uq_centres_uai_code", "centres.uai_code"), "uai_code", "Ce code UAI est déjà utilisé."),
    (
        ("_length",),
        "",
        "Un texte dépasse la longueur permise : raccourcissez-le, rien n'a été enregistré.",
    ),
    (
        ("foreign key", "foreign_key", "fk_"),
        "",
        "Un élément choisi n'existe plus (supprimé entre-temps) : rechargez et recommencez.",
    ),
]


def _translate_integrity(exc: IntegrityError) -> ValidationError:
    text = str(exc.orig).lower()
    for markers, field, message in _CONSTRAINT_MESSAGES:
        if any(marker in text for marker in markers):
            return ValidationError(field, message)
    return ValidationError(
        "", "L'enregistrement contredit une règle de la base (doublon ou valeur hors limites)."
    )


@contextlib.contextmanager
def admin_read(store: Store, actor: Actor) -> Iterator[Session]:
    """One read transaction for the administrator (the permission is asked first)."""
    with store.read() as session:
        authorize(session, actor, Action.ADMINISTER)
        yield session


@contextlib.contextmanager
def admin_write(store: Store, actor: Actor) -> Iterator[Session]:
    """One write transaction for the administrator; a constraint the checks missed (a race
    with another administrator) becomes a French `ValidationError`."""
    try:
        with store.write() as session:
            authorize(session, actor, Action.ADMINISTER)
            yield session
            session.flush()
    except IntegrityError as exc:
        raise _translate_integrity(exc) from exc


def _load_versioned(session: Session, model: type[Any], row_id: int, version: int, what: str):
    """The row to change, locked; `NotFound` if gone, `ConflictError` if changed since read."""
    row = session.get(model, row_id, with_for_update=True)
    if row is None:
        raise NotFound(f"{what} n'existe pas (ou plus) : rechargez la liste.")
    if row.version != version:
        raise ConflictError(
            f"{what} a été modifié par quelqu'un d'autre entre-temps : vos changements n'ont "
            "pas été enregistrés. Rechargez la liste pour voir sa version."
        )
    return row


def _touch(row: Any) -> None:
    """Mark a versioned row changed when only its link tables changed, so that its version
    moves on (SQLAlchemy only bumps it on an UPDATE of the row itself)."""
    row.updated_at = utcnow()


# -- validation helpers ---------------------------------------------------------------------


def clean_text(
    value: str | None, field: str, label: str, max_length: int | Any, required: bool = False
) -> str:
    """The text stripped; `ValidationError` naming the field if required and empty, too
    long or holding a control character (`services.texts`). `max_length` is a number or a
    mapped column, whose limit `models/limits.py` gives."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, f"Le champ « {label} » est obligatoire.")
    limit = max_length if isinstance(max_length, int) else text_limit(max_length)
    return check_length(field, text, limit, label)


def _email(value: str | None, field: str = "email") -> str:
    text = clean_text(value, field, "Courriel", EMAIL)
    if text and not _EMAIL.match(text):
        raise ValidationError(field, f"L'adresse électronique « {text} » n'est pas valide.")
    return text


def check_birth_date(value: date | None) -> date | None:
    """A birth date between 1900 and today (the imports use the same rule)."""
    if value is not None and not date(1900, 1, 1) <= value <= date.today():
        raise ValidationError("birth_date", "La date de naissance n'est pas plausible.")
    return value


def clean_national_id(value: str | None) -> str:
    """The INE without spaces, upper-cased ("" when none); `ValidationError` if malformed."""
    national_id = re.sub(r"\s", "", value or "").upper()
    if national_id and not _INE.match(national_id):
        raise ValidationError(
            "national_id", "L'INE compte 11 caractères, chiffres et lettres (ex. 070123456AB)."
        )
    return national_id


def _accounts_by_id(session: Session, ids: Iterable[int]) -> dict[int, Any]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(
            m.Account.id,
            m.Account.role,
            m.Account.is_active,
            m.Account.company_id,
            m.Account.last_name,
            m.Account.first_name,
        ).where(m.Account.id.in_(wanted))
    ).all()
    return {row.id: row for row in rows}


def _exists(session: Session, model: type[Any], row_id: int | None) -> bool:
    return (
        row_id is not None
        and session.scalar(select(model.id).where(model.id == row_id)) is not None
    )


def _replace_links(
    session: Session, table: Any, owner_column: str, owner_id: int, other: str, ids: Iterable[int]
) -> bool:
    """Make the link table hold exactly `ids` for the owner; True if anything changed."""
    wanted = set(ids)
    current = set(session.scalars(select(table.c[other]).where(table.c[owner_column] == owner_id)))
    if wanted == current:
        return False
    if current - wanted:
        session.execute(
            delete(table).where(
                table.c[owner_column] == owner_id, table.c[other].in_(current - wanted)
            )
        )
    if wanted - current:
        session.execute(
            insert(table), [{owner_column: owner_id, other: i} for i in sorted(wanted - current)]
        )
    return True
