"""Small builders for module 1's service tests: a class of N apprentices with its trainer,
tutors and a framework, in an empty store; the demo world's actors by login."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select

from cpro_desktop import models as m
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from tests.store import factories as f


def actor_of(account: m.Account) -> Actor:
    """The actor of an account (as signing in would give)."""
    return Actor(account.id, account.role, account.login, account.display_name)


def demo_actor(store: Store, login: str) -> Actor:
    """A demo account signed in."""
    return authenticate(store, login, "cpro-demo")


@dataclass(frozen=True)
class Pupil:
    """An apprentice of a built class and his own account."""

    id: int
    actor: Actor


@dataclass(frozen=True)
class ClassWorld:
    """A class with its trainer, its apprentices (all tutored by `tutor`), another tutor
    with no apprentice, and a framework of 2 areas × 3 tasks, 3 competences × 2 criteria."""

    class_id: int
    trainer: Actor
    tutor: Actor
    other_tutor: Actor
    admin: Actor
    guardian: Actor
    company_id: int
    apprentices: tuple[Pupil, ...]
    area_ids: tuple[int, ...]
    task_ids: tuple[int, ...]
    competence_ids: tuple[int, ...]
    criterion_ids: dict[int, tuple[int, ...]]


def build_class(store: Store, apprentices: int = 3) -> ClassWorld:
    """A class of `apprentices` apprentices, each with an account, the same tutor and
    company, the class's trainer as referent; the first one has a guardian."""
    with store.write() as s:
        framework = f.framework(s)
        areas, tasks = [], []
        for a in range(2):
            area = m.ActivityArea(
                framework_id=framework.id, code=f"A{a + 1}", label=f"DOMAINE {a + 1}", position=a
            )
            s.add(area)
            s.flush()
            areas.append(area.id)
            for t in range(3):
                task = m.Task(
                    activity_area_id=area.id,
                    code=f"T{a + 1}.{t + 1}",
                    label=f"Tâche {a + 1}.{t + 1}",
                    position=t,
                )
                s.add(task)
                s.flush()
                tasks.append(task.id)
        competences, criteria = [], {}
        for c in range(3):
            competence = m.Competence(
                framework_id=framework.id, code=f"C{c + 1}", label=f"Compétence {c + 1}", position=c
            )
            s.add(competence)
            s.flush()
            competences.append(competence.id)
            rows = []
            for k in range(2):
                criterion = m.Criterion(
                    competence_id=competence.id,
                    code=f"C{c + 1}.{k + 1}",
                    label=f"Critère {c + 1}.{k + 1}",
                    position=k,
                )
                s.add(criterion)
                s.flush()
                rows.append(criterion.id)
            criteria[competence.id] = tuple(rows)
        school_class = f.school_class(s, diploma_row=s.get(m.Diploma, framework.diploma_id))
        company = m.Company(name="Électricité Générale Test", address="1 rue A", postcode="75001",
                            city="Paris", latitude=48.86, longitude=2.35)  # fmt: skip
        s.add(company)
        trainer = f.account(s, role=m.Role.TRAINER)
        tutor = f.account(s, role=m.Role.TUTOR)
        other_tutor = f.account(s, role=m.Role.TUTOR)
        admin = f.account(s, role=m.Role.ADMIN)
        guardian = f.account(s, role=m.Role.GUARDIAN)
        s.flush()
        s.execute(
            insert(m.class_trainers),
            [{"school_class_id": school_class.id, "trainer_id": trainer.id}],
        )
        pupils = []
        for _ in range(apprentices):
            account = f.account(s, role=m.Role.APPRENTICE)
            row = f.apprentice(s, class_row=school_class)
            row.account_id = account.id
            row.tutor_id = tutor.id
            row.company_id = company.id
            row.referent_trainer_id = trainer.id
            pupils.append((row, account))
        s.flush()
        if pupils:
            s.execute(
                insert(m.apprentice_guardians),
                [{"apprentice_id": pupils[0][0].id, "guardian_id": guardian.id}],
            )
        return ClassWorld(
            class_id=school_class.id,
            trainer=actor_of(trainer),
            tutor=actor_of(tutor),
            other_tutor=actor_of(other_tutor),
            admin=actor_of(admin),
            guardian=actor_of(guardian),
            company_id=company.id,
            apprentices=tuple(Pupil(row.id, actor_of(account)) for row, account in pupils),
            area_ids=tuple(areas),
            task_ids=tuple(tasks),
            competence_ids=tuple(competences),
            criterion_ids=criteria,
        )


def add_apprentice(store: Store, world: ClassWorld) -> Pupil:
    """One more apprentice joins the class (same tutor, company and referent)."""
    with store.write() as s:
        account = f.account(s, role=m.Role.APPRENTICE)
        row = f.apprentice(s, class_row=s.get(m.SchoolClass, world.class_id))
        row.account_id = account.id
        row.tutor_id = world.tutor.account_id
        row.company_id = world.company_id
        row.referent_trainer_id = world.trainer.account_id
        s.flush()
        return Pupil(row.id, actor_of(account))


def portfolio_id(store: Store, apprentice_id: int, period_id: int) -> int:
    """The portfolio of an apprentice for a period."""
    with store.read() as s:
        found = s.scalar(
            select(m.Portfolio.id).where(
                m.Portfolio.apprentice_id == apprentice_id, m.Portfolio.period_id == period_id
            )
        )
    assert found is not None
    return found


def sheet_weeks(store: Store, portfolio: int) -> list[tuple[int, int, bool]]:
    """(ISO year, ISO week, retired) of a portfolio's sheets, in order."""
    with store.read() as s:
        return [
            (r.iso_year, r.iso_week, r.retired)
            for r in s.execute(
                select(m.ActivitySheet.iso_year, m.ActivitySheet.iso_week, m.ActivitySheet.retired)
                .where(m.ActivitySheet.portfolio_id == portfolio)
                .order_by(m.ActivitySheet.iso_year, m.ActivitySheet.iso_week)
            )
        ]


def seed_dates() -> list[tuple[str, date, date, list[tuple[int, int]]]]:
    """The seed's three periods of 1MELEC: name, dates and the ISO weeks they touch."""
    return [
        ("PFMP1 - 1er BCP", date(2022, 9, 5), date(2022, 9, 18), [(2022, 36), (2022, 37)]),
        ("Test VP 22/09", date(2022, 9, 26), date(2022, 10, 15),
         [(2022, 39), (2022, 40), (2022, 41)]),
        ("Test annexe 1MELEC", date(2023, 7, 3), date(2023, 7, 23),
         [(2023, 27), (2023, 28), (2023, 29)]),
    ]  # fmt: skip
