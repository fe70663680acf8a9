"""Accounts: list, create, edit, deactivate and reactivate them, reset a password.

An account is never deleted (what it wrote keeps its author); a role change that would orphan
what the account is linked to, or leave the centre without an active administrator, is
refused."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.audit import AuditAction
from cpro_desktop.models.enums import ROLE_LABELS, Role
from cpro_desktop.services import audit, auth
from cpro_desktop.services.admin.base import (
    TEACHING_ROLES,
    _email,
    _exists,
    _load_versioned,
    admin_read,
    admin_write,
    clean_text,
    display_name,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ValidationError
from cpro_desktop.store.logins import check_login_fits, is_per_user, password_record


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
    with admin_read(store, actor) as session:
        return tuple(_account_rows(session))


def _clean_account(session: Session, data: AccountInput, account_id: int | None) -> dict:
    login = clean_text(data.login, "login", "Identifiant", m.Account.login, required=True)
    if any(ch.isspace() for ch in login):
        raise ValidationError("login", "L'identifiant ne doit pas contenir d'espace.")
    if is_per_user(session.connection()):
        check_login_fits(session.connection().engine.url.database or "", login)
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
        "last_name": clean_text(
            data.last_name, "last_name", "Nom", m.Account.last_name, required=True
        ),
        "first_name": clean_text(data.first_name, "first_name", "Prénom", m.Account.first_name),
        "role": role,
        "email": _email(data.email),
        "phone": clean_text(data.phone, "phone", "Téléphone", m.Account.phone),
        "job_title": clean_text(data.job_title, "job_title", "Fonction", m.Account.job_title),
        "company_id": company_id,
    }


def create_account(store: Store, actor: Actor, data: AccountInput, password: str) -> AccountRow:
    """Create an account with an initial password (strength-checked, stored hashed)."""
    with admin_write(store, actor) as session:
        values = _clean_account(session, data, None)
        auth.check_password_strength(password)
        record = password_record(session.connection(), values["login"], password)
        account = m.Account(password_hash=record, is_active=True, **values)
        session.add(account)
        session.flush()
        audit.record_account_event(
            session,
            actor,
            AuditAction.ACCOUNT_CREATE,
            account,
            f"Rôle : {ROLE_LABELS[account.role]}",
        )
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


#: The account's fields as the audit trail names them when they change.
_FIELD_NAMES = {
    "last_name": "nom",
    "first_name": "prénom",
    "email": "courriel",
    "phone": "téléphone",
    "job_title": "fonction",
    "company_id": "entreprise",
}


def _changes(account: m.Account, values: dict) -> list[str]:
    """What an update changes, for the audit trail: the role and the login in full (they
    decide who signs in with which rights), the other fields by name only."""
    changes = []
    if values["role"] != account.role:
        changes.append(f"Rôle : {ROLE_LABELS[account.role]} → {ROLE_LABELS[values['role']]}")
    if values["login"] != account.login:
        changes.append(f"Identifiant : « {account.login} » → « {values['login']} »")
    named = [name for key, name in _FIELD_NAMES.items() if getattr(account, key) != values[key]]
    if named:
        changes.append(f"Modifiés : {', '.join(named)}")
    return changes


def update_account(
    store: Store, actor: Actor, account_id: int, version: int, data: AccountInput
) -> AccountRow:
    """Change an account's login, names, contact, role and (for a tutor) company."""
    with admin_write(store, actor) as session:
        account = _load_versioned(session, m.Account, account_id, version, "Ce compte")
        values = _clean_account(session, data, account_id)
        _check_role_change(session, actor, account, values["role"])
        role_changed = values["role"] != account.role
        changes = _changes(account, values)
        for key, value in values.items():
            if getattr(account, key) != value:
                setattr(account, key, value)
        session.flush()
        if changes:
            action = AuditAction.ACCOUNT_ROLE_CHANGE if role_changed else AuditAction.ACCOUNT_UPDATE
            audit.record_account_event(session, actor, action, account, " ; ".join(changes))
        return _account_rows(session, account.id)[0]


def deactivate_account(store: Store, actor: Actor, account_id: int, version: int) -> AccountRow:
    """Deactivate an account (never deleted: what it wrote keeps its author)."""
    with admin_write(store, actor) as session:
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
            audit.record_account_event(session, actor, AuditAction.ACCOUNT_DEACTIVATE, account)
        session.flush()
        return _account_rows(session, account.id)[0]


def reactivate_account(store: Store, actor: Actor, account_id: int, version: int) -> AccountRow:
    """Let a deactivated account sign in again."""
    with admin_write(store, actor) as session:
        account = _load_versioned(session, m.Account, account_id, version, "Ce compte")
        if not account.is_active:
            account.is_active = True
            audit.record_account_event(session, actor, AuditAction.ACCOUNT_REACTIVATE, account)
        session.flush()
        return _account_rows(session, account.id)[0]


def reset_account_password(store: Store, actor: Actor, account_id: int, password: str) -> None:
    """Set a new password on an account and lift its sign-in throttling."""
    auth.reset_password(store, actor, account_id, password)
