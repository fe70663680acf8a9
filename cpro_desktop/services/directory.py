"""Who the signed-in user may pick: the classes and apprentices of the shared selector."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select

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


def visible_directory(store: Store, actor: Actor) -> Directory:
    """Classes and apprentices the actor may open (two queries, whatever the centre's size):
    those whose dashboard he reads, and those whose work he reads (a former tutor reaches
    the periods he tutored through the apprentice, in the "Vue par apprenants")."""
    with store.read() as session:
        current = fresh_actor(session, actor)
        rows = session.execute(
            select(
                m.Apprentice.id,
                m.Apprentice.last_name,
                m.Apprentice.first_name,
                m.Apprentice.school_class_id,
                m.SchoolClass.name,
                m.SchoolYear.label,
            )
            .outerjoin(m.SchoolClass, m.SchoolClass.id == m.Apprentice.school_class_id)
            .outerjoin(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
            .where(visible_apprentices_clause(current, Action.READ_DASHBOARD, Action.READ_WORK))
            .order_by(
                m.SchoolYear.start_date.desc(),
                m.SchoolClass.name,
                m.Apprentice.last_name,
                m.Apprentice.first_name,
                m.Apprentice.id,
            )
        ).all()
        teaches = bool(
            session.scalar(
                select(exists().where(m.class_trainers.c.trainer_id == current.account_id))
            )
        )
    classes: dict[int | None, tuple[str, str, list[ApprenticeEntry]]] = {}
    for row in rows:
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
