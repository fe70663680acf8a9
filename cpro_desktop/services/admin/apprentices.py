"""Apprentices: identity, class, company, tutor, referent trainer, own account and
guardians. Moving an apprentice to another class keeps his whole history; changing his
tutor or company moves his placement (the portfolios of his periods not ended yet)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from cpro_desktop import models as m
from cpro_desktop.models.audit import AuditAction
from cpro_desktop.models.enums import Role
from cpro_desktop.services import audit
from cpro_desktop.services.admin.base import (
    TEACHING_ROLES,
    _accounts_by_id,
    _email,
    _exists,
    _load_versioned,
    _replace_links,
    _touch,
    admin_read,
    admin_write,
    check_birth_date,
    clean_national_id,
    clean_text,
    display_name,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ValidationError


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
    with admin_read(store, actor) as session:
        return tuple(_apprentice_rows(session))


def _clean_apprentice(
    session: Session, data: ApprenticeInput, current: m.Apprentice | None
) -> dict:
    apprentice_id = current.id if current is not None else 0
    values: dict[str, Any] = {
        "last_name": clean_text(
            data.last_name, "last_name", "Nom", m.Apprentice.last_name, required=True
        ),
        "first_name": clean_text(
            data.first_name, "first_name", "Prénom", m.Apprentice.first_name, required=True
        ),
        "email": _email(data.email),
        "phone": clean_text(data.phone, "phone", "Téléphone", m.Apprentice.phone),
        "address": clean_text(data.address, "address", "Adresse", m.Apprentice.address),
    }
    values["birth_date"] = check_birth_date(data.birth_date)
    national_id = clean_national_id(data.national_id)
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
    with admin_write(store, actor) as session:
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
        _audit_links(session, actor, apprentice, _NO_LINKS, _links(values, guardian_ids))
        return _apprentice_rows(session, apprentice.id)[0]


def update_apprentice(
    store: Store,
    actor: Actor,
    apprentice_id: int,
    version: int,
    data: ApprenticeInput,
    *,
    today: date | None = None,
) -> ApprenticeRow:
    """Change an apprentice; moving him to another class keeps all his history (his
    portfolios, ratings and reviews stay attached to him, nothing is deleted). A new tutor
    or company takes over the periods not ended by `today` (see `_move_placement`)."""
    with admin_write(store, actor) as session:
        apprentice = _load_versioned(session, m.Apprentice, apprentice_id, version, "Cet apprenti")
        values = _clean_apprentice(session, data, apprentice)
        guardian_ids = values.pop("guardian_ids")
        _move_placement(session, apprentice, values, today or date.today())
        before = _links(
            {key: getattr(apprentice, key) for key in _LINK_LABELS},
            session.scalars(
                select(m.apprentice_guardians.c.guardian_id).where(
                    m.apprentice_guardians.c.apprentice_id == apprentice.id
                )
            ),
        )
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
        _audit_links(session, actor, apprentice, before, _links(values, guardian_ids))
        return _apprentice_rows(session, apprentice_id)[0]


def _move_placement(
    session: Session, apprentice: m.Apprentice, values: dict[str, Any], today: date
) -> None:
    """When the apprentice changes tutor or company (he changes employer), each portfolio
    follows its period: those of periods not ended yet (end date on or after `today`) go to
    the new tutor and company, those of ended periods stay with the tutor who had them (he
    keeps reading them; the new one never does).

    A portfolio recorded without a tutor or company (a store older than placements) means
    "the apprentice's current one": those of ended periods are given the previous tutor and
    company first, so that they do not follow him. At most three statements, whatever the
    number of portfolios."""
    before = (apprentice.tutor_id, apprentice.company_id)
    after = (values["tutor_id"], values["company_id"])
    if before == after:
        return
    ended = select(m.Period.id).where(m.Period.end_date < today)
    mine = m.Portfolio.apprentice_id == apprentice.id
    for column, old in ((m.Portfolio.tutor_id, before[0]), (m.Portfolio.company_id, before[1])):
        if old is not None:
            session.execute(
                update(m.Portfolio)
                .where(mine, column.is_(None), m.Portfolio.period_id.in_(ended))
                .values({column.key: old})
                .execution_options(synchronize_session=False)
            )
    session.execute(
        update(m.Portfolio)
        .where(
            mine, m.Portfolio.period_id.in_(select(m.Period.id).where(m.Period.end_date >= today))
        )
        .values(tutor_id=after[0], company_id=after[1])
        .execution_options(synchronize_session=False)
    )


# -- the audit trail of who may see the apprentice ------------------------------------------

#: The links that decide who reaches the apprentice's record, as the audit trail names them.
_LINK_LABELS = {
    "school_class_id": "Classe",
    "tutor_id": "Maître d'apprentissage",
    "referent_trainer_id": "Formateur référent",
    "account_id": "Compte de connexion",
}

_NO_LINKS: dict[str, Any] = {**dict.fromkeys(_LINK_LABELS), "guardian_ids": frozenset()}


def _links(values: dict[str, Any], guardian_ids: Iterable[int]) -> dict[str, Any]:
    return {
        **{key: values.get(key) for key in _LINK_LABELS},
        "guardian_ids": frozenset(guardian_ids),
    }


def _audit_links(
    session: Session,
    actor: Actor,
    apprentice: m.Apprentice,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    """One audit row (`RIGHTS_CHANGE`) when his class, tutor, referent trainer, own account
    or guardians change: they decide who may read his record. Names are read in one
    statement per kind (accounts, classes), only when something changed."""
    changed = [key for key in _LINK_LABELS if before[key] != after[key]]
    added = sorted(after["guardian_ids"] - before["guardian_ids"])
    removed = sorted(before["guardian_ids"] - after["guardian_ids"])
    if not changed and not added and not removed:
        return
    account_ids = [
        *(before[k] for k in changed if k != "school_class_id"),
        *(after[k] for k in changed if k != "school_class_id"),
        *added,
        *removed,
    ]
    people = _accounts_by_id(session, account_ids)
    classes: dict[int, str] = {}
    if "school_class_id" in changed:
        wanted = [i for i in (before["school_class_id"], after["school_class_id"]) if i]
        classes = {
            row.id: row.name
            for row in session.execute(
                select(m.SchoolClass.id, m.SchoolClass.name).where(m.SchoolClass.id.in_(wanted))
            )
        }

    def name(key: str, value: int | None) -> str:
        if value is None:
            return "—"
        if key == "school_class_id":
            return classes.get(value, f"n° {value}")
        row = people.get(value)
        return display_name(row.last_name, row.first_name) if row else f"n° {value}"

    parts = [f"{_LINK_LABELS[k]} : {name(k, before[k])} → {name(k, after[k])}" for k in changed]
    if added:
        parts.append("Représentants légaux ajoutés : " + ", ".join(name("", i) for i in added))
    if removed:
        parts.append("Représentants légaux retirés : " + ", ".join(name("", i) for i in removed))
    audit.record_event(
        session,
        actor,
        AuditAction.RIGHTS_CHANGE,
        apprentice_id=apprentice.id,
        subject=apprentice.display_name,
        detail=" ; ".join(parts),
    )
