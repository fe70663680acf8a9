"""What the administration forms' drop-down lists offer, read at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from cpro_desktop import models as m
from cpro_desktop.models.enums import Role
from cpro_desktop.services.admin.base import admin_read, display_name
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store


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


def form_choices(store: Store, actor: Actor) -> FormChoices:
    """The drop-down lists of every administration form (five queries)."""
    with admin_read(store, actor) as session:
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
