"""The administrator's set-up: accounts, school years, classes, companies, apprentices,
diplomas and their frameworks, and the centre's identity.

Every function opens one transaction, asks the permission policy first
(`Action.ADMINISTER`), validates its input with French messages naming the field, and
returns frozen snapshots built by a fixed number of queries whatever the data size.
Updates take the `version` the user read: a row changed since is a `ConflictError`, never a
silent overwrite. Nothing that carries history is deleted: accounts are deactivated, an
apprentice moved to another class keeps his portfolios, ratings and reviews, and a
framework item already used by ratings, reviews or sheets cannot be deleted.
"""

from __future__ import annotations

import contextlib
import enum
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, literal, select, union, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.attributes import set_committed_value

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import ROLE_LABELS, Role
from cpro_desktop.security import hash_password
from cpro_desktop.services import auth
from cpro_desktop.services.access import authorize
from cpro_desktop.services.permissions import Action, Actor
from cpro_desktop.store import Store

# Re-exported so that the views catch the services' errors without importing the store.
from cpro_desktop.store.errors import ConflictError as ConflictError
from cpro_desktop.store.errors import CproError as CproError
from cpro_desktop.store.errors import NotFound as NotFound
from cpro_desktop.store.errors import PermissionDenied as PermissionDenied
from cpro_desktop.store.errors import ValidationError as ValidationError

#: Roles that may teach a class or be an apprentice's referent (an admin may also teach).
TEACHING_ROLES = frozenset({Role.TRAINER, Role.ADMIN})

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")
_SIRET = re.compile(r"^\d{14}$")
_UAI = re.compile(r"^\d{7}[A-Z]$")
_INE = re.compile(r"^[0-9A-Z]{11}$")


def display_name(last_name: str, first_name: str) -> str:
    """A person as the seed prints people: "NOM Prénom"."""
    return f"{last_name.upper()} {first_name}".strip()


# -- snapshots ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountRow:
    """One account in the accounts list."""

    id: int
    login: str
    last_name: str
    first_name: str
    role: Role
    email: str
    phone: str
    job_title: str
    company_id: int | None
    company_name: str
    is_active: bool
    #: Classes the account teaches (trainers, and administrators who teach).
    class_names: tuple[str, ...]
    version: int

    @property
    def display_name(self) -> str:
        return display_name(self.last_name, self.first_name)


@dataclass(frozen=True)
class AccountInput:
    """What the account form edits (the password is given apart, at creation)."""

    login: str
    last_name: str
    first_name: str
    role: Role
    email: str = ""
    phone: str = ""
    job_title: str = ""
    #: A tutor's employer (required for a tutor, ignored for the other roles).
    company_id: int | None = None


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


@dataclass(frozen=True)
class ClassRow:
    """One class with its diploma, school year, trainers and number of apprentices."""

    id: int
    name: str
    level_label: str
    training_year: int
    diploma_id: int
    diploma_code: str
    diploma_name: str
    school_year_id: int
    school_year_label: str
    trainer_ids: tuple[int, ...]
    trainer_names: tuple[str, ...]
    apprentice_count: int
    version: int


@dataclass(frozen=True)
class ClassInput:
    name: str
    level_label: str
    training_year: int
    diploma_id: int | None
    school_year_id: int | None
    trainer_ids: tuple[int, ...] = ()


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


@dataclass(frozen=True)
class ApprenticeRow:
    """One apprentice with his class, company, tutor, referent, account and guardians."""

    id: int
    last_name: str
    first_name: str
    birth_date: date | None
    national_id: str
    email: str
    phone: str
    address: str
    school_class_id: int | None
    class_name: str
    school_year_label: str
    company_id: int | None
    company_name: str
    tutor_id: int | None
    tutor_name: str
    referent_trainer_id: int | None
    referent_name: str
    account_id: int | None
    account_login: str
    guardian_ids: tuple[int, ...]
    guardian_names: tuple[str, ...]
    version: int

    @property
    def display_name(self) -> str:
        return display_name(self.last_name, self.first_name)


@dataclass(frozen=True)
class ApprenticeInput:
    last_name: str
    first_name: str
    birth_date: date | None = None
    national_id: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    school_class_id: int | None = None
    company_id: int | None = None
    tutor_id: int | None = None
    referent_trainer_id: int | None = None
    #: The apprentice's own sign-in (an account with the apprentice role), if any.
    account_id: int | None = None
    guardian_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DiplomaRow:
    """One diploma with its framework and how much uses it."""

    id: int
    code: str
    name: str
    level: str
    framework_id: int | None
    framework_name: str
    competence_count: int
    class_count: int
    version: int


@dataclass(frozen=True)
class DiplomaInput:
    code: str
    name: str
    level: str = ""
    #: The framework's name; the diploma's name when left empty.
    framework_name: str = ""


class ItemKind(enum.StrEnum):
    """The parts of a framework edited by hand."""

    UNIT = "unit"
    COMPETENCE = "competence"
    CRITERION = "criterion"
    AREA = "area"
    TASK = "task"


@dataclass(frozen=True)
class FrameworkItem:
    """A unit, competence, criterion, activity area or task of a framework."""

    kind: ItemKind
    id: int
    code: str
    label: str
    position: int
    version: int
    #: Criteria of a competence, tasks of an area.
    children: tuple[FrameworkItem, ...] = ()
    #: For a competence: the units it belongs to. For a unit: its competences.
    linked_ids: tuple[int, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.code} - {self.label}"


@dataclass(frozen=True)
class FrameworkTree:
    """A diploma and its whole framework, in order."""

    diploma: DiplomaRow
    units: tuple[FrameworkItem, ...]
    competences: tuple[FrameworkItem, ...]
    areas: tuple[FrameworkItem, ...]


@dataclass(frozen=True)
class ItemInput:
    code: str
    label: str
    #: For a competence: the units (of the same framework) it belongs to.
    unit_ids: tuple[int, ...] = ()


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


@dataclass(frozen=True)
class Choice:
    """An entry of a form's drop-down list.

    `parent_id` is the tutor's company, the class's school year, or the apprentice
    account's linked apprentice; `active` is False for a deactivated account.
    """

    id: int
    label: str
    parent_id: int | None = None
    active: bool = True


@dataclass(frozen=True)
class FormChoices:
    """Everything the forms' drop-down lists offer, read at once."""

    school_years: tuple[Choice, ...]
    diplomas: tuple[Choice, ...]
    classes: tuple[Choice, ...]
    companies: tuple[Choice, ...]
    tutors: tuple[Choice, ...]
    #: Trainers and administrators: those who may teach or be a referent.
    teachers: tuple[Choice, ...]
    apprentice_accounts: tuple[Choice, ...]
    guardians: tuple[Choice, ...]


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
def _admin_read(store: Store, actor: Actor) -> Iterator[Session]:
    with store.read() as session:
        authorize(session, actor, Action.ADMINISTER)
        yield session


@contextlib.contextmanager
def _admin_write(store: Store, actor: Actor) -> Iterator[Session]:
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


def _text(value: str | None, field: str, label: str, max_length: int, required: bool = False):
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, f"Le champ « {label} » est obligatoire.")
    if len(text) > max_length:
        raise ValidationError(
            field, f"Le champ « {label} » est trop long ({max_length} caractères au plus)."
        )
    return text


def _email(value: str | None, field: str = "email") -> str:
    text = _text(value, field, "Courriel", 200)
    if text and not _EMAIL.match(text):
        raise ValidationError(field, f"L'adresse électronique « {text} » n'est pas valide.")
    return text


def _check_birth_date(value: date | None) -> date | None:
    """A birth date between 1900 and today (the imports use the same rule)."""
    if value is not None and not date(1900, 1, 1) <= value <= date.today():
        raise ValidationError("birth_date", "La date de naissance n'est pas plausible.")
    return value


def _clean_national_id(value: str | None) -> str:
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


# -- accounts -------------------------------------------------------------------------------


def _account_rows(session: Session, account_id: int | None = None) -> list[AccountRow]:
    stmt = (
        select(
            m.Account.id,
            m.Account.login,
            m.Account.last_name,
            m.Account.first_name,
            m.Account.role,
            m.Account.email,
            m.Account.phone,
            m.Account.job_title,
            m.Account.company_id,
            m.Company.name.label("company_name"),
            m.Account.is_active,
            m.Account.version,
        )
        .outerjoin(m.Company, m.Company.id == m.Account.company_id)
        .order_by(func.lower(m.Account.last_name), func.lower(m.Account.first_name), m.Account.id)
    )
    teaching = (
        select(m.class_trainers.c.trainer_id, m.SchoolClass.name)
        .join(m.SchoolClass, m.SchoolClass.id == m.class_trainers.c.school_class_id)
        .join(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
        .order_by(m.SchoolYear.start_date.desc(), m.SchoolClass.name)
    )
    if account_id is not None:
        stmt = stmt.where(m.Account.id == account_id)
        teaching = teaching.where(m.class_trainers.c.trainer_id == account_id)
    classes: dict[int, list[str]] = defaultdict(list)
    for trainer_id, name in session.execute(teaching):
        classes[trainer_id].append(name)
    return [
        AccountRow(
            id=row.id,
            login=row.login,
            last_name=row.last_name,
            first_name=row.first_name,
            role=row.role,
            email=row.email,
            phone=row.phone,
            job_title=row.job_title,
            company_id=row.company_id,
            company_name=row.company_name or "",
            is_active=row.is_active,
            class_names=tuple(classes.get(row.id, ())),
            version=row.version,
        )
        for row in session.execute(stmt)
    ]


def list_accounts(store: Store, actor: Actor) -> tuple[AccountRow, ...]:
    """Every account, active or not, by name (two queries)."""
    with _admin_read(store, actor) as session:
        return tuple(_account_rows(session))


def _clean_account(session: Session, data: AccountInput, account_id: int | None) -> dict:
    login = _text(data.login, "login", "Identifiant", 80, required=True)
    if any(ch.isspace() for ch in login):
        raise ValidationError("login", "L'identifiant ne doit pas contenir d'espace.")
    taken = session.scalar(
        select(m.Account.id).where(
            func.lower(m.Account.login) == login.lower(),
            m.Account.id != (account_id or 0),
        )
    )
    if taken is not None:
        raise ValidationError("login", f"L'identifiant « {login} » est déjà pris.")
    try:
        role = Role(data.role)
    except ValueError as exc:
        raise ValidationError("role", "Choisissez le rôle du compte.") from exc
    company_id = data.company_id if role == Role.TUTOR else None
    if role == Role.TUTOR:
        if company_id is None:
            raise ValidationError(
                "company_id", "Choisissez l'entreprise du maître d'apprentissage."
            )
        if not _exists(session, m.Company, company_id):
            raise ValidationError("company_id", "Cette entreprise n'existe plus.")
    return {
        "login": login,
        "last_name": _text(data.last_name, "last_name", "Nom", 100, required=True),
        "first_name": _text(data.first_name, "first_name", "Prénom", 100),
        "role": role,
        "email": _email(data.email),
        "phone": _text(data.phone, "phone", "Téléphone", 30),
        "job_title": _text(data.job_title, "job_title", "Fonction", 120),
        "company_id": company_id,
    }


def create_account(store: Store, actor: Actor, data: AccountInput, password: str) -> AccountRow:
    """Create an account with an initial password (strength-checked, stored hashed)."""
    with _admin_write(store, actor) as session:
        values = _clean_account(session, data, None)
        auth.check_password_strength(password)
        account = m.Account(password_hash=hash_password(password), is_active=True, **values)
        session.add(account)
        session.flush()
        return _account_rows(session, account.id)[0]


def _active_admin_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count(m.Account.id)).where(
                m.Account.role == Role.ADMIN, m.Account.is_active.is_(True)
            )
        )
        or 0
    )


def _check_role_change(session: Session, actor: Actor, account: m.Account, new: Role) -> None:
    """Refuse a role change that would orphan what the account is linked to."""
    old = account.role
    if old == new:
        return
    if old == Role.ADMIN:
        if account.id == actor.account_id:
            raise ValidationError(
                "role", "Vous ne pouvez pas retirer votre propre rôle d'administrateur."
            )
        if account.is_active and _active_admin_count(session) <= 1:
            raise ValidationError(
                "role", "C'est le dernier administrateur actif : son rôle ne peut pas changer."
            )
    me = account.id
    counts = session.execute(
        select(
            select(func.count(m.Apprentice.id))
            .where(m.Apprentice.tutor_id == me)
            .scalar_subquery()
            .label("tutored"),
            select(func.count(m.Apprentice.id))
            .where(m.Apprentice.referent_trainer_id == me)
            .scalar_subquery()
            .label("referent"),
            select(func.count())
            .select_from(m.class_trainers)
            .where(m.class_trainers.c.trainer_id == me)
            .scalar_subquery()
            .label("classes"),
            select(func.count(m.Apprentice.id))
            .where(m.Apprentice.account_id == me)
            .scalar_subquery()
            .label("own"),
            select(func.count())
            .select_from(m.apprentice_guardians)
            .where(m.apprentice_guardians.c.guardian_id == me)
            .scalar_subquery()
            .label("guarded"),
        )
    ).one()
    problems = []
    if old == Role.TUTOR and counts.tutored:
        problems.append(f"maître d'apprentissage de {counts.tutored} apprenti(s)")
    if old in TEACHING_ROLES and new not in TEACHING_ROLES:
        if counts.referent:
            problems.append(f"référent de {counts.referent} apprenti(s)")
        if counts.classes:
            problems.append(f"formateur de {counts.classes} classe(s)")
    if old == Role.APPRENTICE and counts.own:
        problems.append("compte d'un apprenti")
    if old == Role.GUARDIAN and counts.guarded:
        problems.append(f"représentant légal de {counts.guarded} apprenti(s)")
    if problems:
        raise ValidationError(
            "role",
            f"Ce compte est {', '.join(problems)} : changez d'abord ces liens, puis son rôle "
            f"(« {ROLE_LABELS[old]} » → « {ROLE_LABELS[new]} »).",
        )


def update_account(
    store: Store, actor: Actor, account_id: int, version: int, data: AccountInput
) -> AccountRow:
    """Change an account's login, names, contact, role and (for a tutor) company."""
    with _admin_write(store, actor) as session:
        account = _load_versioned(session, m.Account, account_id, version, "Ce compte")
        values = _clean_account(session, data, account_id)
        _check_role_change(session, actor, account, values["role"])
        for key, value in values.items():
            if getattr(account, key) != value:
                setattr(account, key, value)
        session.flush()
        return _account_rows(session, account.id)[0]


def deactivate_account(store: Store, actor: Actor, account_id: int, version: int) -> AccountRow:
    """Deactivate an account (never deleted: what it wrote keeps its author)."""
    with _admin_write(store, actor) as session:
        account = _load_versioned(session, m.Account, account_id, version, "Ce compte")
        if account.id == actor.account_id:
            raise ValidationError("is_active", "Vous ne pouvez pas désactiver votre propre compte.")
        if account.role == Role.ADMIN and account.is_active and _active_admin_count(session) <= 1:
            raise ValidationError(
                "is_active",
                "C'est le dernier administrateur actif : il ne peut pas être désactivé.",
            )
        if account.is_active:
            account.is_active = False
        session.flush()
        return _account_rows(session, account.id)[0]


def reactivate_account(store: Store, actor: Actor, account_id: int, version: int) -> AccountRow:
    """Let a deactivated account sign in again."""
    with _admin_write(store, actor) as session:
        account = _load_versioned(session, m.Account, account_id, version, "Ce compte")
        if not account.is_active:
            account.is_active = True
        session.flush()
        return _account_rows(session, account.id)[0]


def reset_account_password(store: Store, actor: Actor, account_id: int, password: str) -> None:
    """Set a new password on an account and lift its sign-in throttling."""
    auth.reset_password(store, actor, account_id, password)


# -- school years ---------------------------------------------------------------------------


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
    with _admin_read(store, actor) as session:
        return tuple(_school_year_rows(session))


def _clean_school_year(session: Session, data: SchoolYearInput, year_id: int | None) -> dict:
    label = _text(data.label, "label", "Année scolaire", 20, required=True)
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
    with _admin_write(store, actor) as session:
        year = m.SchoolYear(**_clean_school_year(session, data, None))
        session.add(year)
        session.flush()
        return _school_year_rows(session, year.id)[0]


def update_school_year(
    store: Store, actor: Actor, year_id: int, version: int, data: SchoolYearInput
) -> SchoolYearRow:
    """Change a school year's label or dates (`version` from the row read)."""
    with _admin_write(store, actor) as session:
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


# -- classes --------------------------------------------------------------------------------


def _class_rows(session: Session, class_id: int | None = None) -> list[ClassRow]:
    count = (
        select(func.count(m.Apprentice.id))
        .where(m.Apprentice.school_class_id == m.SchoolClass.id)
        .correlate(m.SchoolClass)
        .scalar_subquery()
    )
    stmt = (
        select(
            m.SchoolClass.id,
            m.SchoolClass.name,
            m.SchoolClass.level_label,
            m.SchoolClass.training_year,
            m.SchoolClass.diploma_id,
            m.Diploma.code.label("diploma_code"),
            m.Diploma.name.label("diploma_name"),
            m.SchoolClass.school_year_id,
            m.SchoolYear.label.label("year_label"),
            m.SchoolClass.version,
            count.label("apprentice_count"),
        )
        .join(m.Diploma, m.Diploma.id == m.SchoolClass.diploma_id)
        .join(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
        .order_by(m.SchoolYear.start_date.desc(), m.SchoolClass.name, m.SchoolClass.id)
    )
    trainers_stmt = (
        select(
            m.class_trainers.c.school_class_id,
            m.Account.id,
            m.Account.last_name,
            m.Account.first_name,
        )
        .join(m.Account, m.Account.id == m.class_trainers.c.trainer_id)
        .order_by(func.lower(m.Account.last_name), m.Account.first_name)
    )
    if class_id is not None:
        stmt = stmt.where(m.SchoolClass.id == class_id)
        trainers_stmt = trainers_stmt.where(m.class_trainers.c.school_class_id == class_id)
    trainers: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in session.execute(trainers_stmt):
        trainers[row.school_class_id].append((row.id, display_name(row.last_name, row.first_name)))
    return [
        ClassRow(
            id=row.id,
            name=row.name,
            level_label=row.level_label,
            training_year=row.training_year,
            diploma_id=row.diploma_id,
            diploma_code=row.diploma_code,
            diploma_name=row.diploma_name,
            school_year_id=row.school_year_id,
            school_year_label=row.year_label,
            trainer_ids=tuple(t[0] for t in trainers.get(row.id, ())),
            trainer_names=tuple(t[1] for t in trainers.get(row.id, ())),
            apprentice_count=row.apprentice_count,
            version=row.version,
        )
        for row in session.execute(stmt)
    ]


def list_classes(store: Store, actor: Actor) -> tuple[ClassRow, ...]:
    """Classes of every school year, newest year first (two queries)."""
    with _admin_read(store, actor) as session:
        return tuple(_class_rows(session))


def _clean_class(session: Session, data: ClassInput, class_id: int | None) -> dict:
    name = _text(data.name, "name", "Nom de la classe", 60, required=True)
    if not isinstance(data.training_year, int) or not 1 <= data.training_year <= 3:
        raise ValidationError("training_year", "L'année de formation va de 1 à 3.")
    if not _exists(session, m.Diploma, data.diploma_id):
        raise ValidationError("diploma_id", "Choisissez le diplôme préparé par la classe.")
    if not _exists(session, m.SchoolYear, data.school_year_id):
        raise ValidationError("school_year_id", "Choisissez l'année scolaire de la classe.")
    taken = session.scalar(
        select(m.SchoolClass.id).where(
            m.SchoolClass.name == name,
            m.SchoolClass.school_year_id == data.school_year_id,
            m.SchoolClass.id != (class_id or 0),
        )
    )
    if taken is not None:
        raise ValidationError(
            "name", f"Une classe s'appelle déjà « {name} » pour cette année scolaire."
        )
    return {
        "name": name,
        "level_label": _text(data.level_label, "level_label", "Niveau", 120),
        "training_year": data.training_year,
        "diploma_id": data.diploma_id,
        "school_year_id": data.school_year_id,
    }


def _check_teachers(
    session: Session, ids: Sequence[int], field: str, already: Iterable[int] = ()
) -> None:
    """Each id is an account that may teach; a deactivated one only if it was already there."""
    accounts = _accounts_by_id(session, ids)
    kept = set(already)
    for account_id in ids:
        row = accounts.get(account_id)
        if row is None:
            raise ValidationError(field, "Un des formateurs choisis n'existe plus.")
        name = display_name(row.last_name, row.first_name)
        if row.role not in TEACHING_ROLES:
            raise ValidationError(
                field,
                f"« {name} » n'est ni formateur ni administrateur : il ne peut pas enseigner.",
            )
        if not row.is_active and account_id not in kept:
            raise ValidationError(field, f"Le compte de « {name} » est désactivé.")


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


def create_class(store: Store, actor: Actor, data: ClassInput) -> ClassRow:
    """Create a class of a diploma for a school year, with its trainers."""
    with _admin_write(store, actor) as session:
        values = _clean_class(session, data, None)
        trainer_ids = tuple(dict.fromkeys(data.trainer_ids))
        _check_teachers(session, trainer_ids, "trainer_ids")
        school_class = m.SchoolClass(**values)
        session.add(school_class)
        session.flush()
        _replace_links(
            session, m.class_trainers, "school_class_id", school_class.id, "trainer_id", trainer_ids
        )
        return _class_rows(session, school_class.id)[0]


def update_class(
    store: Store, actor: Actor, class_id: int, version: int, data: ClassInput
) -> ClassRow:
    """Change a class (name, level, training year, diploma, school year, trainers)."""
    with _admin_write(store, actor) as session:
        school_class = _load_versioned(session, m.SchoolClass, class_id, version, "Cette classe")
        values = _clean_class(session, data, class_id)
        for key, value in values.items():
            if getattr(school_class, key) != value:
                setattr(school_class, key, value)
        _set_trainers(session, school_class, data.trainer_ids)
        session.flush()
        return _class_rows(session, class_id)[0]


def _set_trainers(session: Session, school_class: m.SchoolClass, ids: Sequence[int]) -> None:
    trainer_ids = tuple(dict.fromkeys(ids))
    already = session.scalars(
        select(m.class_trainers.c.trainer_id).where(
            m.class_trainers.c.school_class_id == school_class.id
        )
    ).all()
    _check_teachers(session, trainer_ids, "trainer_ids", already)
    if _replace_links(
        session, m.class_trainers, "school_class_id", school_class.id, "trainer_id", trainer_ids
    ):
        _touch(school_class)


def set_class_trainers(
    store: Store, actor: Actor, class_id: int, version: int, trainer_ids: Sequence[int]
) -> ClassRow:
    """Assign exactly these trainers (or administrators who teach) to the class."""
    with _admin_write(store, actor) as session:
        school_class = _load_versioned(session, m.SchoolClass, class_id, version, "Cette classe")
        _set_trainers(session, school_class, trainer_ids)
        session.flush()
        return _class_rows(session, class_id)[0]


# -- companies ------------------------------------------------------------------------------


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
    with _admin_read(store, actor) as session:
        return tuple(_company_rows(session))


def _coordinate(value: float | None, field: str, label: str, bound: float) -> float | None:
    if value is None:
        return None
    if not -bound <= float(value) <= bound:
        raise ValidationError(field, f"La {label} va de {-bound:g} à {bound:g}.")
    return float(value)


def _clean_company(session: Session, data: CompanyInput, company_id: int | None) -> dict:
    name = _text(data.name, "name", "Raison sociale", 200, required=True)
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
        "address": _text(data.address, "address", "Adresse", 2000),
        "postcode": _text(data.postcode, "postcode", "Code postal", 10),
        "city": _text(data.city, "city", "Ville", 100),
        "phone": _text(data.phone, "phone", "Téléphone", 30),
        "email": _email(data.email),
        "latitude": _coordinate(data.latitude, "latitude", "latitude", 90),
        "longitude": _coordinate(data.longitude, "longitude", "longitude", 180),
    }


def create_company(store: Store, actor: Actor, data: CompanyInput) -> CompanyRow:
    """Create a host company."""
    with _admin_write(store, actor) as session:
        company = m.Company(**_clean_company(session, data, None))
        session.add(company)
        session.flush()
        return _company_rows(session, company.id)[0]


def update_company(
    store: Store, actor: Actor, company_id: int, version: int, data: CompanyInput
) -> CompanyRow:
    """Change a host company's identity, address and location."""
    with _admin_write(store, actor) as session:
        company = _load_versioned(session, m.Company, company_id, version, "Cette entreprise")
        for key, value in _clean_company(session, data, company_id).items():
            if getattr(company, key) != value:
                setattr(company, key, value)
        session.flush()
        return _company_rows(session, company_id)[0]


# -- apprentices ----------------------------------------------------------------------------


def _apprentice_rows(session: Session, apprentice_id: int | None = None) -> list[ApprenticeRow]:
    tutor = aliased(m.Account)
    referent = aliased(m.Account)
    own = aliased(m.Account)
    stmt = (
        select(
            m.Apprentice,
            m.SchoolClass.name.label("class_name"),
            m.SchoolYear.label.label("year_label"),
            m.Company.name.label("company_name"),
            tutor.last_name.label("tutor_last"),
            tutor.first_name.label("tutor_first"),
            referent.last_name.label("referent_last"),
            referent.first_name.label("referent_first"),
            own.login.label("account_login"),
        )
        .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
        .outerjoin(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
        .outerjoin(m.Company, m.Company.id == m.Apprentice.company_id)
        .outerjoin(tutor, tutor.id == m.Apprentice.tutor_id)
        .outerjoin(referent, referent.id == m.Apprentice.referent_trainer_id)
        .outerjoin(own, own.id == m.Apprentice.account_id)
        .order_by(
            func.lower(m.Apprentice.last_name), func.lower(m.Apprentice.first_name), m.Apprentice.id
        )
    )
    guardians_stmt = (
        select(
            m.apprentice_guardians.c.apprentice_id,
            m.Account.id,
            m.Account.last_name,
            m.Account.first_name,
        )
        .join(m.Account, m.Account.id == m.apprentice_guardians.c.guardian_id)
        .order_by(func.lower(m.Account.last_name), m.Account.first_name)
    )
    if apprentice_id is not None:
        stmt = stmt.where(m.Apprentice.id == apprentice_id)
        guardians_stmt = guardians_stmt.where(
            m.apprentice_guardians.c.apprentice_id == apprentice_id
        )
    guardians: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in session.execute(guardians_stmt):
        guardians[row.apprentice_id].append((row.id, display_name(row.last_name, row.first_name)))
    result = []
    for row in session.execute(stmt):
        a: m.Apprentice = row.Apprentice
        linked = guardians.get(a.id, [])
        result.append(
            ApprenticeRow(
                id=a.id,
                last_name=a.last_name,
                first_name=a.first_name,
                birth_date=a.birth_date,
                national_id=a.national_id or "",
                email=a.email,
                phone=a.phone,
                address=a.address,
                school_class_id=a.school_class_id,
                class_name=row.class_name or "",
                school_year_label=row.year_label or "",
                company_id=a.company_id,
                company_name=row.company_name or "",
                tutor_id=a.tutor_id,
                tutor_name=display_name(row.tutor_last, row.tutor_first) if a.tutor_id else "",
                referent_trainer_id=a.referent_trainer_id,
                referent_name=(
                    display_name(row.referent_last, row.referent_first)
                    if a.referent_trainer_id
                    else ""
                ),
                account_id=a.account_id,
                account_login=row.account_login or "",
                guardian_ids=tuple(g[0] for g in linked),
                guardian_names=tuple(g[1] for g in linked),
                version=a.version,
            )
        )
    return result


def list_apprentices(store: Store, actor: Actor) -> tuple[ApprenticeRow, ...]:
    """Every apprentice by name, with class, company, tutor, referent (two queries)."""
    with _admin_read(store, actor) as session:
        return tuple(_apprentice_rows(session))


def _clean_apprentice(
    session: Session, data: ApprenticeInput, current: m.Apprentice | None
) -> dict:
    apprentice_id = current.id if current is not None else 0
    values: dict[str, Any] = {
        "last_name": _text(data.last_name, "last_name", "Nom", 100, required=True),
        "first_name": _text(data.first_name, "first_name", "Prénom", 100, required=True),
        "email": _email(data.email),
        "phone": _text(data.phone, "phone", "Téléphone", 30),
        "address": _text(data.address, "address", "Adresse", 2000),
    }
    values["birth_date"] = _check_birth_date(data.birth_date)
    national_id = _clean_national_id(data.national_id)
    if national_id:
        other = session.execute(
            select(m.Apprentice.last_name, m.Apprentice.first_name).where(
                m.Apprentice.national_id == national_id, m.Apprentice.id != apprentice_id
            )
        ).first()
        if other is not None:
            raise ValidationError(
                "national_id", f"L'apprenti « {display_name(*other)} » a déjà cet INE."
            )
    values["national_id"] = national_id or None
    if data.school_class_id is not None and not _exists(
        session, m.SchoolClass, data.school_class_id
    ):
        raise ValidationError("school_class_id", "Cette classe n'existe plus.")
    values["school_class_id"] = data.school_class_id
    if data.company_id is not None and not _exists(session, m.Company, data.company_id):
        raise ValidationError("company_id", "Cette entreprise n'existe plus.")
    values["company_id"] = data.company_id

    guardian_ids = tuple(dict.fromkeys(data.guardian_ids))
    people = _accounts_by_id(
        session, [data.tutor_id, data.referent_trainer_id, data.account_id, *guardian_ids]
    )

    def person(account_id: int | None, field: str, roles: frozenset[Role], role_message: str):
        if account_id is None:
            return None
        row = people.get(account_id)
        if row is None:
            raise ValidationError(field, "Ce compte n'existe plus.")
        if row.role not in roles:
            raise ValidationError(field, role_message)
        unchanged = current is not None and getattr(current, field) == account_id
        if not row.is_active and not unchanged:
            raise ValidationError(
                field,
                f"Le compte de « {display_name(row.last_name, row.first_name)} » est désactivé.",
            )
        return row

    tutor = person(
        data.tutor_id,
        "tutor_id",
        frozenset({Role.TUTOR}),
        "Le maître d'apprentissage doit être un compte de maître d'apprentissage.",
    )
    if (
        tutor is not None
        and data.company_id is not None
        and tutor.company_id is not None
        and tutor.company_id != data.company_id
    ):
        raise ValidationError(
            "tutor_id",
            "Ce maître d'apprentissage travaille dans une autre entreprise que celle de "
            "l'apprenti.",
        )
    values["tutor_id"] = data.tutor_id
    person(
        data.referent_trainer_id,
        "referent_trainer_id",
        TEACHING_ROLES,
        "Le formateur référent doit être un formateur (ou un administrateur qui enseigne).",
    )
    values["referent_trainer_id"] = data.referent_trainer_id
    person(
        data.account_id,
        "account_id",
        frozenset({Role.APPRENTICE}),
        "Le compte de l'apprenti doit avoir le rôle « Apprenti ».",
    )
    if data.account_id is not None:
        other = session.execute(
            select(m.Apprentice.last_name, m.Apprentice.first_name).where(
                m.Apprentice.account_id == data.account_id, m.Apprentice.id != apprentice_id
            )
        ).first()
        if other is not None:
            raise ValidationError(
                "account_id", f"Ce compte est déjà celui de l'apprenti « {display_name(*other)} »."
            )
    values["account_id"] = data.account_id
    for guardian_id in guardian_ids:
        row = people.get(guardian_id)
        if row is None or row.role != Role.GUARDIAN:
            raise ValidationError(
                "guardian_ids", "Un représentant légal doit être un compte de représentant légal."
            )
    values["guardian_ids"] = guardian_ids
    return values


def create_apprentice(store: Store, actor: Actor, data: ApprenticeInput) -> ApprenticeRow:
    """Create an apprentice (and his booklet) with his class, company, tutor and referent."""
    with _admin_write(store, actor) as session:
        values = _clean_apprentice(session, data, None)
        guardian_ids = values.pop("guardian_ids")
        apprentice = m.Apprentice(**values)
        session.add(apprentice)
        session.flush()
        session.add(m.Booklet(apprentice_id=apprentice.id))
        _replace_links(
            session,
            m.apprentice_guardians,
            "apprentice_id",
            apprentice.id,
            "guardian_id",
            guardian_ids,
        )
        session.flush()
        return _apprentice_rows(session, apprentice.id)[0]


def update_apprentice(
    store: Store, actor: Actor, apprentice_id: int, version: int, data: ApprenticeInput
) -> ApprenticeRow:
    """Change an apprentice; moving him to another class keeps all his history (his
    portfolios, ratings and reviews stay attached to him, nothing is deleted)."""
    with _admin_write(store, actor) as session:
        apprentice = _load_versioned(session, m.Apprentice, apprentice_id, version, "Cet apprenti")
        values = _clean_apprentice(session, data, apprentice)
        guardian_ids = values.pop("guardian_ids")
        for key, value in values.items():
            if getattr(apprentice, key) != value:
                setattr(apprentice, key, value)
        if _replace_links(
            session,
            m.apprentice_guardians,
            "apprentice_id",
            apprentice.id,
            "guardian_id",
            guardian_ids,
        ):
            _touch(apprentice)
        session.flush()
        return _apprentice_rows(session, apprentice_id)[0]


# -- diplomas and frameworks ----------------------------------------------------------------


def _diploma_rows(session: Session, diploma_id: int | None = None) -> list[DiplomaRow]:
    competences = (
        select(func.count(m.Competence.id))
        .where(m.Competence.framework_id == m.Framework.id)
        .correlate(m.Framework)
        .scalar_subquery()
    )
    classes = (
        select(func.count(m.SchoolClass.id))
        .where(m.SchoolClass.diploma_id == m.Diploma.id)
        .correlate(m.Diploma)
        .scalar_subquery()
    )
    stmt = (
        select(
            m.Diploma.id,
            m.Diploma.code,
            m.Diploma.name,
            m.Diploma.level,
            m.Diploma.version,
            m.Framework.id.label("framework_id"),
            m.Framework.name.label("framework_name"),
            competences.label("competence_count"),
            classes.label("class_count"),
        )
        .outerjoin(m.Framework, m.Framework.diploma_id == m.Diploma.id)
        .order_by(func.lower(m.Diploma.name), m.Diploma.id)
    )
    if diploma_id is not None:
        stmt = stmt.where(m.Diploma.id == diploma_id)
    return [
        DiplomaRow(
            id=row.id,
            code=row.code,
            name=row.name,
            level=row.level,
            framework_id=row.framework_id,
            framework_name=row.framework_name or "",
            competence_count=row.competence_count or 0,
            class_count=row.class_count,
            version=row.version,
        )
        for row in session.execute(stmt)
    ]


def list_diplomas(store: Store, actor: Actor) -> tuple[DiplomaRow, ...]:
    """Diplomas by name, with their framework (one query)."""
    with _admin_read(store, actor) as session:
        return tuple(_diploma_rows(session))


def _clean_diploma(session: Session, data: DiplomaInput, diploma_id: int | None) -> dict:
    code = _text(data.code, "code", "Code", 60, required=True)
    taken = session.scalar(
        select(m.Diploma.name).where(m.Diploma.code == code, m.Diploma.id != (diploma_id or 0))
    )
    if taken is not None:
        raise ValidationError("code", f"Le diplôme « {taken} » a déjà le code « {code} ».")
    name = _text(data.name, "name", "Intitulé", 200, required=True)
    return {
        "code": code,
        "name": name,
        "level": _text(data.level, "level", "Niveau", 60),
        "framework_name": _text(data.framework_name, "framework_name", "Référentiel", 200) or name,
    }


def create_diploma(store: Store, actor: Actor, data: DiplomaInput) -> DiplomaRow:
    """Create a diploma with its (empty) framework."""
    with _admin_write(store, actor) as session:
        values = _clean_diploma(session, data, None)
        framework_name = values.pop("framework_name")
        diploma = m.Diploma(**values)
        session.add(diploma)
        session.flush()
        session.add(m.Framework(diploma_id=diploma.id, name=framework_name))
        session.flush()
        return _diploma_rows(session, diploma.id)[0]


def update_diploma(
    store: Store, actor: Actor, diploma_id: int, version: int, data: DiplomaInput
) -> DiplomaRow:
    """Change a diploma's code, name, level and its framework's name."""
    with _admin_write(store, actor) as session:
        diploma = _load_versioned(session, m.Diploma, diploma_id, version, "Ce diplôme")
        values = _clean_diploma(session, data, diploma_id)
        framework_name = values.pop("framework_name")
        for key, value in values.items():
            if getattr(diploma, key) != value:
                setattr(diploma, key, value)
        framework = session.scalars(
            select(m.Framework).where(m.Framework.diploma_id == diploma_id)
        ).one_or_none()
        if framework is None:
            session.add(m.Framework(diploma_id=diploma_id, name=framework_name))
        elif framework.name != framework_name:
            framework.name = framework_name
        session.flush()
        return _diploma_rows(session, diploma_id)[0]


def _trees(session: Session, diploma_id: int | None = None) -> list[FrameworkTree]:
    """Diplomas with their frameworks: seven queries whatever the size."""
    diplomas = _diploma_rows(session, diploma_id)
    framework_ids = [d.framework_id for d in diplomas if d.framework_id is not None]

    def scoped(stmt: Any, column: Any) -> Any:
        return stmt.where(column == framework_ids[0]) if diploma_id is not None else stmt

    if not framework_ids:
        return [FrameworkTree(d, (), (), ()) for d in diplomas]
    unit_links: dict[int, list[int]] = defaultdict(list)
    competence_units: dict[int, list[int]] = defaultdict(list)
    link_stmt = scoped(
        select(m.unit_competences.c.unit_id, m.unit_competences.c.competence_id)
        .join(m.Unit, m.Unit.id == m.unit_competences.c.unit_id)
        .join(m.Competence, m.Competence.id == m.unit_competences.c.competence_id)
        .order_by(m.Competence.position, m.Competence.id),
        m.Unit.framework_id,
    )
    for unit_id, competence_id in session.execute(link_stmt):
        unit_links[unit_id].append(competence_id)
        competence_units[competence_id].append(unit_id)

    criteria: dict[int, list[FrameworkItem]] = defaultdict(list)
    crit_stmt = scoped(
        select(m.Criterion)
        .join(m.Competence, m.Competence.id == m.Criterion.competence_id)
        .order_by(m.Criterion.position, m.Criterion.id),
        m.Competence.framework_id,
    )
    for c in session.scalars(crit_stmt):
        criteria[c.competence_id].append(
            FrameworkItem(ItemKind.CRITERION, c.id, c.code, c.label, c.position, c.version)
        )
    tasks: dict[int, list[FrameworkItem]] = defaultdict(list)
    task_stmt = scoped(
        select(m.Task)
        .join(m.ActivityArea, m.ActivityArea.id == m.Task.activity_area_id)
        .order_by(m.Task.position, m.Task.id),
        m.ActivityArea.framework_id,
    )
    for t in session.scalars(task_stmt):
        tasks[t.activity_area_id].append(
            FrameworkItem(ItemKind.TASK, t.id, t.code, t.label, t.position, t.version)
        )
    units: dict[int, list[FrameworkItem]] = defaultdict(list)
    for u in session.scalars(
        scoped(select(m.Unit).order_by(m.Unit.position, m.Unit.id), m.Unit.framework_id)
    ):
        units[u.framework_id].append(
            FrameworkItem(
                ItemKind.UNIT,
                u.id,
                u.code,
                u.label,
                u.position,
                u.version,
                linked_ids=tuple(unit_links.get(u.id, ())),
            )
        )
    competences: dict[int, list[FrameworkItem]] = defaultdict(list)
    for c in session.scalars(
        scoped(
            select(m.Competence).order_by(m.Competence.position, m.Competence.id),
            m.Competence.framework_id,
        )
    ):
        competences[c.framework_id].append(
            FrameworkItem(
                ItemKind.COMPETENCE,
                c.id,
                c.code,
                c.label,
                c.position,
                c.version,
                children=tuple(criteria.get(c.id, ())),
                linked_ids=tuple(competence_units.get(c.id, ())),
            )
        )
    areas: dict[int, list[FrameworkItem]] = defaultdict(list)
    for a in session.scalars(
        scoped(
            select(m.ActivityArea).order_by(m.ActivityArea.position, m.ActivityArea.id),
            m.ActivityArea.framework_id,
        )
    ):
        areas[a.framework_id].append(
            FrameworkItem(
                ItemKind.AREA,
                a.id,
                a.code,
                a.label,
                a.position,
                a.version,
                children=tuple(tasks.get(a.id, ())),
            )
        )
    return [
        FrameworkTree(
            d,
            tuple(units.get(d.framework_id or 0, ())),
            tuple(competences.get(d.framework_id or 0, ())),
            tuple(areas.get(d.framework_id or 0, ())),
        )
        for d in diplomas
    ]


def framework_trees(store: Store, actor: Actor) -> tuple[FrameworkTree, ...]:
    """Every diploma with its whole framework (seven queries whatever the size)."""
    with _admin_read(store, actor) as session:
        return tuple(_trees(session))


def framework_tree(store: Store, actor: Actor, diploma_id: int) -> FrameworkTree:
    """One diploma with its whole framework."""
    with _admin_read(store, actor) as session:
        found = _trees(session, diploma_id)
        if not found:
            raise NotFound("Ce diplôme n'existe pas (ou plus) : rechargez la liste.")
        return found[0]


@dataclass(frozen=True)
class _ItemSpec:
    model: type[Any]
    parent_column: str
    parent_model: type[Any]
    noun: str
    feminine: bool
    #: "… d'une autre compétence de ce référentiel"
    scope: str
    label_length: int

    @property
    def this(self) -> str:
        article = "Cette" if self.feminine else "Ce"
        return f"{article} {self.noun}"


_ITEMS: dict[ItemKind, _ItemSpec] = {
    ItemKind.UNIT: _ItemSpec(
        m.Unit, "framework_id", m.Framework, "unité", True, "une autre unité de ce référentiel", 300
    ),
    ItemKind.COMPETENCE: _ItemSpec(
        m.Competence,
        "framework_id",
        m.Framework,
        "compétence",
        True,
        "une autre compétence de ce référentiel",
        300,
    ),
    ItemKind.CRITERION: _ItemSpec(
        m.Criterion,
        "competence_id",
        m.Competence,
        "critère",
        False,
        "un autre critère de cette compétence",
        2000,
    ),
    ItemKind.AREA: _ItemSpec(
        m.ActivityArea,
        "framework_id",
        m.Framework,
        "activité professionnelle",
        True,
        "une autre activité de ce référentiel",
        300,
    ),
    ItemKind.TASK: _ItemSpec(
        m.Task,
        "activity_area_id",
        m.ActivityArea,
        "tâche",
        True,
        "une autre tâche de cette activité",
        300,
    ),
}


def _clean_item(
    session: Session, kind: ItemKind, parent_id: int, data: ItemInput, item_id: int | None
) -> dict:
    spec = _ITEMS[kind]
    code = _text(data.code, "code", "Code", 60, required=True)
    label = _text(data.label, "label", "Libellé", spec.label_length, required=True)
    parent = getattr(spec.model, spec.parent_column)
    taken = session.scalar(
        select(spec.model.id).where(
            parent == parent_id, spec.model.code == code, spec.model.id != (item_id or 0)
        )
    )
    if taken is not None:
        raise ValidationError("code", f"Le code « {code} » est déjà celui d'{spec.scope}.")
    return {"code": code, "label": label}


def _set_competence_units(
    session: Session, competence: m.Competence, unit_ids: Sequence[int]
) -> bool:
    wanted = tuple(dict.fromkeys(unit_ids))
    if wanted:
        found = set(
            session.scalars(
                select(m.Unit.id).where(
                    m.Unit.id.in_(wanted), m.Unit.framework_id == competence.framework_id
                )
            )
        )
        if found != set(wanted):
            raise ValidationError("unit_ids", "Choisissez des unités du même référentiel.")
    return _replace_links(
        session, m.unit_competences, "competence_id", competence.id, "unit_id", wanted
    )


def _item_snapshot(session: Session, kind: ItemKind, item_id: int) -> FrameworkItem:
    row = session.get(_ITEMS[kind].model, item_id)
    assert row is not None
    linked: tuple[int, ...] = ()
    if kind == ItemKind.COMPETENCE:
        linked = tuple(
            session.scalars(
                select(m.unit_competences.c.unit_id).where(
                    m.unit_competences.c.competence_id == item_id
                )
            )
        )
    return FrameworkItem(
        kind, row.id, row.code, row.label, row.position, row.version, linked_ids=linked
    )


def add_framework_item(
    store: Store, actor: Actor, kind: ItemKind, parent_id: int, data: ItemInput
) -> FrameworkItem:
    """Add a unit, competence or activity area to a framework (`parent_id` = framework id),
    a criterion to a competence, or a task to an area; it goes last."""
    spec = _ITEMS[ItemKind(kind)]
    with _admin_write(store, actor) as session:
        if session.get(spec.parent_model, parent_id) is None:
            raise NotFound("L'élément parent n'existe pas (ou plus) : rechargez le référentiel.")
        values = _clean_item(session, kind, parent_id, data, None)
        parent = getattr(spec.model, spec.parent_column)
        last = session.scalar(select(func.max(spec.model.position)).where(parent == parent_id))
        item = spec.model(
            **values,
            position=(last + 1) if last is not None else 0,
            **{spec.parent_column: parent_id},
        )
        session.add(item)
        session.flush()
        if kind == ItemKind.COMPETENCE:
            _set_competence_units(session, item, data.unit_ids)
        return _item_snapshot(session, kind, item.id)


def update_framework_item(
    store: Store, actor: Actor, kind: ItemKind, item_id: int, version: int, data: ItemInput
) -> FrameworkItem:
    """Rename an item (code and label); for a competence, also set its units."""
    spec = _ITEMS[ItemKind(kind)]
    with _admin_write(store, actor) as session:
        item = _load_versioned(session, spec.model, item_id, version, spec.this)
        values = _clean_item(session, kind, getattr(item, spec.parent_column), data, item_id)
        changed = False
        for key, value in values.items():
            if getattr(item, key) != value:
                setattr(item, key, value)
                changed = True
        links_changed = kind == ItemKind.COMPETENCE and _set_competence_units(
            session, item, data.unit_ids
        )
        if links_changed and not changed:
            _bump_version(session, item)
        session.flush()
        return _item_snapshot(session, kind, item_id)


def _bump_version(session: Session, row: Any) -> None:
    """Move the version of a row whose link rows alone changed (SQLAlchemy bumps it only
    when the row itself is updated); a concurrent change is a conflict."""
    model = type(row)
    result = session.execute(
        update(model)
        .where(model.id == row.id, model.version == row.version)
        .values(version=row.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ConflictError()
    set_committed_value(row, "version", row.version + 1)


def _usage(session: Session, kind: ItemKind, item_id: int) -> list[str]:
    """What already uses the item (French, e.g. "3 positionnements"); [] when unused."""
    criterion_ids: Any
    task_ids: Any
    checks: list[tuple[Any, str, str]] = []
    if kind in (ItemKind.COMPETENCE, ItemKind.CRITERION):
        if kind == ItemKind.COMPETENCE:
            criterion_ids = select(m.Criterion.id).where(m.Criterion.competence_id == item_id)
            sheets = union(
                select(m.sheet_competences.c.activity_sheet_id).where(
                    m.sheet_competences.c.competence_id == item_id
                ),
                select(m.sheet_criteria.c.activity_sheet_id).where(
                    m.sheet_criteria.c.criterion_id.in_(criterion_ids)
                ),
            ).subquery()
            checks.append(
                (
                    select(func.count(func.distinct(m.CompetenceReviewLine.competence_review_id)))
                    .where(m.CompetenceReviewLine.competence_id == item_id)
                    .scalar_subquery(),
                    "bilan de compétences",
                    "bilans de compétences",
                )
            )
        else:
            criterion_ids = select(literal(item_id))
            sheets = (
                select(m.sheet_criteria.c.activity_sheet_id)
                .where(m.sheet_criteria.c.criterion_id == item_id)
                .subquery()
            )
        checks.append(
            (
                select(func.count(m.Rating.id))
                .where(m.Rating.criterion_id.in_(criterion_ids))
                .scalar_subquery(),
                "positionnement",
                "positionnements",
            )
        )
        checks.append(
            (
                select(func.count()).select_from(sheets).scalar_subquery(),
                "fiche activité",
                "fiches activité",
            )
        )
    elif kind in (ItemKind.AREA, ItemKind.TASK):
        if kind == ItemKind.AREA:
            task_ids = select(m.Task.id).where(m.Task.activity_area_id == item_id)
            checks.append(
                (
                    select(func.count(m.ActivitySheet.id))
                    .where(m.ActivitySheet.activity_area_id == item_id)
                    .scalar_subquery(),
                    "fiche activité (type d'activité)",
                    "fiches activité (type d'activité)",
                )
            )
        else:
            task_ids = select(literal(item_id))
        checks += [
            (
                select(func.count(m.TaskLog.id))
                .where(m.TaskLog.task_id.in_(task_ids))
                .scalar_subquery(),
                "relevé de tâches hebdomadaires",
                "relevés de tâches hebdomadaires",
            ),
            (
                select(func.count(func.distinct(m.sheet_tasks.c.activity_sheet_id)))
                .where(m.sheet_tasks.c.task_id.in_(task_ids))
                .scalar_subquery(),
                "fiche activité",
                "fiches activité",
            ),
            (
                select(func.count(func.distinct(m.period_plan_tasks.c.period_plan_id)))
                .where(m.period_plan_tasks.c.task_id.in_(task_ids))
                .scalar_subquery(),
                "fiche pédagogique",
                "fiches pédagogiques",
            ),
        ]
    if not checks:
        return []
    counts = session.execute(select(*(c[0] for c in checks))).one()
    return [
        f"{n} {singular if n == 1 else plural}"
        for n, (_, singular, plural) in zip(counts, checks, strict=True)
        if n
    ]


def delete_framework_item(
    store: Store, actor: Actor, kind: ItemKind, item_id: int, version: int
) -> None:
    """Delete an unused item (with its criteria or tasks); refused once ratings, reviews,
    sheets, task logs or period plans use it. Deleting a unit only ungroups competences."""
    spec = _ITEMS[ItemKind(kind)]
    with _admin_write(store, actor) as session:
        item = _load_versioned(session, spec.model, item_id, version, spec.this)
        used = _usage(session, kind, item_id)
        if used:
            ending = "e" if spec.feminine else ""
            pronoun = "la" if spec.feminine else "le"
            raise ValidationError(
                kind.value,
                f"{spec.this} « {item.code} » est déjà utilisé{ending} ({', '.join(used)}) : "
                f"{'elle' if spec.feminine else 'il'} ne peut pas être supprimé{ending}. "
                f"Vous pouvez {pronoun} renommer.",
            )
        # The database cascades to criteria, tasks and link rows (checked unused above).
        session.execute(delete(spec.model).where(spec.model.id == item_id))


def move_framework_item(
    store: Store, actor: Actor, kind: ItemKind, item_id: int, offset: int
) -> FrameworkItem:
    """Move an item up (offset < 0) or down among its siblings."""
    spec = _ITEMS[ItemKind(kind)]
    with _admin_write(store, actor) as session:
        item = session.get(spec.model, item_id)
        if item is None:
            raise NotFound(f"{spec.this} n'existe pas (ou plus) : rechargez le référentiel.")
        parent = getattr(spec.model, spec.parent_column)
        siblings = list(
            session.scalars(
                select(spec.model)
                .where(parent == getattr(item, spec.parent_column))
                .order_by(spec.model.position, spec.model.id)
                .with_for_update()
            )
        )
        index = next(i for i, s in enumerate(siblings) if s.id == item_id)
        target = max(0, min(len(siblings) - 1, index + offset))
        siblings.insert(target, siblings.pop(index))
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
        session.flush()
        return _item_snapshot(session, kind, item_id)


# -- the centre -----------------------------------------------------------------------------


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
    with _admin_read(store, actor) as session:
        return _centre_info(_centre(session))


def update_centre(store: Store, actor: Actor, version: int, data: CentreInput) -> CentreInfo:
    """Save the centre's identity (`version` 0 creates it)."""
    with _admin_write(store, actor) as session:
        name = _text(data.name, "name", "Nom du centre", 200, required=True)
        uai = re.sub(r"\s", "", data.uai_code or "").upper()
        if uai and not _UAI.match(uai):
            raise ValidationError(
                "uai_code",
                "Le code UAI compte 7 chiffres suivis d'une lettre (par exemple 0930000X).",
            )
        values = {
            "name": name,
            "uai_code": uai or None,
            "address": _text(data.address, "address", "Adresse", 2000),
            "postcode": _text(data.postcode, "postcode", "Code postal", 10),
            "city": _text(data.city, "city", "Ville", 100),
            "phone": _text(data.phone, "phone", "Téléphone", 30),
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


# -- choices for the forms ------------------------------------------------------------------


def form_choices(store: Store, actor: Actor) -> FormChoices:
    """The drop-down lists of every administration form (five queries)."""
    with _admin_read(store, actor) as session:
        years = tuple(
            Choice(row.id, row.label)
            for row in session.execute(
                select(m.SchoolYear.id, m.SchoolYear.label).order_by(m.SchoolYear.start_date.desc())
            )
        )
        diplomas = tuple(
            Choice(row.id, row.name)
            for row in session.execute(
                select(m.Diploma.id, m.Diploma.name).order_by(func.lower(m.Diploma.name))
            )
        )
        classes = tuple(
            Choice(row.id, f"{row.name} ({row.label})", row.school_year_id)
            for row in session.execute(
                select(
                    m.SchoolClass.id,
                    m.SchoolClass.name,
                    m.SchoolClass.school_year_id,
                    m.SchoolYear.label,
                )
                .join(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
                .order_by(m.SchoolYear.start_date.desc(), m.SchoolClass.name)
            )
        )
        companies = tuple(
            Choice(row.id, row.name)
            for row in session.execute(
                select(m.Company.id, m.Company.name).order_by(func.lower(m.Company.name))
            )
        )
        people: dict[Role, list[Choice]] = defaultdict(list)
        own = aliased(m.Apprentice)
        for row in session.execute(
            select(
                m.Account.id,
                m.Account.role,
                m.Account.last_name,
                m.Account.first_name,
                m.Account.login,
                m.Account.company_id,
                m.Account.is_active,
                own.id.label("apprentice_id"),
            )
            .outerjoin(own, own.account_id == m.Account.id)
            .order_by(func.lower(m.Account.last_name), func.lower(m.Account.first_name))
        ):
            name = display_name(row.last_name, row.first_name)
            if row.role == Role.TUTOR:
                people[row.role].append(Choice(row.id, name, row.company_id, row.is_active))
            elif row.role == Role.APPRENTICE:
                label = f"{name} ({row.login})"
                people[row.role].append(Choice(row.id, label, row.apprentice_id, row.is_active))
            else:
                people[row.role].append(Choice(row.id, name, None, row.is_active))
        teachers = sorted(
            people[Role.TRAINER] + people[Role.ADMIN], key=lambda c: (c.label.lower(), c.id)
        )
        return FormChoices(
            school_years=years,
            diplomas=diplomas,
            classes=classes,
            companies=companies,
            tutors=tuple(people[Role.TUTOR]),
            teachers=tuple(teachers),
            apprentice_accounts=tuple(people[Role.APPRENTICE]),
            guardians=tuple(people[Role.GUARDIAN]),
        )
