"""Who the signed-in user may pick: the classes and apprentices of the shared selector."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Exists, Select, Subquery, exists, select

from cpro_desktop import models as m
from cpro_desktop.services.access import fresh_actor
from cpro_desktop.services.permissions import Action, Actor, visible_apprentices_clause
from cpro_desktop.store import Store


@dataclass(frozen=True)
class ApprenticeEntry:
    """One apprentice in the selector."""

    id: int
    display_name: str
    school_class_id: int | None


@dataclass(frozen=True)
class ClassEntry:
    """One class in the selector, with the apprentices the user may see in it."""

    id: int | None
    name: str
    school_year: str
    apprentices: tuple[ApprenticeEntry, ...]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.school_year})" if self.school_year else self.name


@dataclass(frozen=True)
class Directory:
    """The selector's content: classes in order, each with its visible apprentices."""

    classes: tuple[ClassEntry, ...]
    teaches_a_class: bool

    def apprentice_ids(self) -> list[int]:
        return [a.id for c in self.classes for a in c.apprentices]

    def find(self, apprentice_id: int) -> tuple[int, int] | None:
        """(class index, apprentice index) of an apprentice, if visible."""
        for ci, entry in enumerate(self.classes):
            for ai, apprentice in enumerate(entry.apprentices):
                if apprentice.id == apprentice_id:
                    return ci, ai
        return None


def directory_query(current: Actor) -> Select:
    """The selector's rows for the (fresh, active) actor, in the selector's order: those whose
    dashboard he reads, and those whose work he reads (a former tutor reaches the periods he
    tutored through the apprentice, in the "Vue par apprenants")."""
    return (
        select(
            m.Apprentice.id,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            m.Apprentice.school_class_id,
            m.SchoolClass.name,
            m.SchoolYear.label,
            m.SchoolYear.start_date.label("year_start"),
        )
        .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
        .outerjoin(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
        .where(visible_apprentices_clause(current, Action.READ_DASHBOARD, Action.READ_WORK))
    )


def directory_order(listed: Subquery | None = None) -> tuple[ColumnElement, ...]:
    """The selector's order (latest school year first, then class, name, id), on the
    statement of `directory_query()` or on the subquery `listed` made of it."""
    if listed is None:
        return (
            m.SchoolYear.start_date.desc(),
            m.SchoolClass.name,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            m.Apprentice.id,
        )
    c = listed.c
    return (c.year_start.desc(), c.name, c.last_name, c.first_name, c.id)


def teaches_query(account_id: int) -> Exists:
    """Whether the account is a trainer of some class (an administrator who teaches gets the
    trainer's modules)."""
    return exists().where(m.class_trainers.c.trainer_id == account_id)


def build_directory(rows: Iterable[Any], teaches: bool) -> Directory:
    """The directory from the rows of `directory_query()` in their order (rows whose `id`
    is None are skipped: the outer join of a combined statement when nobody is listed)."""
    classes: dict[int | None, tuple[str, str, list[ApprenticeEntry]]] = {}
    for row in rows:
        if row.id is None:
            continue
        name = row.name or "Sans classe"
        entry = classes.setdefault(row.school_class_id, (name, row.label or "", []))
        display = f"{row.last_name.upper()} {row.first_name}".strip()
        entry[2].append(ApprenticeEntry(row.id, display, row.school_class_id))
    return Directory(
        tuple(
            ClassEntry(class_id, name, year, tuple(apprentices))
            for class_id, (name, year, apprentices) in classes.items()
        ),
        teaches,
    )


def visible_directory(store: Store, actor: Actor) -> Directory:
    """Classes and apprentices the actor may open (two queries, whatever the centre's size).

    The main window reads it with the rest of what it opens on (`services.start`)."""
    with store.read() as session:
        current = fresh_actor(session, actor)
        rows = session.execute(directory_query(current).order_by(*directory_order())).all()
        teaches = bool(session.scalar(select(teaches_query(current.account_id))))
    return build_directory(rows, teaches)
