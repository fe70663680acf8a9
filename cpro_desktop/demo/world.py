"""The demo world: the reference document's (shared/seed) centre, exactly.

Bac Pro MELEC with C1 … C13, BTS Maintenance des systèmes with its activity areas, the
classes 1MELEC, Terminale Bac Pro and Première année de BTS, the apprentice AZZOUG Mina
with her three periods and three competence reviews, a BTS apprentice whose task log is the
seed's "Vue par activités", and enough people around them for lists to look real.

`build_demo_world()` is idempotent: on a store that already holds the demo it does nothing;
on a store holding anything else it refuses (`DemoRefused`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.demo.minimal_pdf import minimal_pdf
from cpro_desktop.models.enums import (
    AttachmentKind,
    Autonomy,
    BookletSectionKind,
    CompetenceLevel,
    GridKind,
    Origin,
    RatingResult,
    ReviewStatus,
    Role,
)
from cpro_desktop.models.portfolio import NEVER_CHANGED
from cpro_desktop.services.reviews import freeze
from cpro_desktop.store import Store, StoreError
from cpro_desktop.store.logins import password_record

DEMO_UAI = "0930000X"

#: The documented demo accounts: login → (role, password). The README lists them.
DEMO_PASSWORD = "cpro-demo"
DEMO_ACCOUNTS: dict[str, Role] = {
    "admin": Role.ADMIN,
    "formateur": Role.TRAINER,
    "formateur2": Role.TRAINER,
    "tuteur": Role.TUTOR,
    "tuteur2": Role.TUTOR,
    "tuteur.orsted": Role.TUTOR,
    "apprenti": Role.APPRENTICE,
    "apprenti.bts": Role.APPRENTICE,
    "parent": Role.GUARDIAN,
}

#: The seed's competences of Bac Pro MELEC (last table of the seed), in order.
MELEC_COMPETENCES: list[tuple[str, str]] = [
    ("C1", "Analyser les conditions de l'opération et son contexte"),
    ("C2", "Organiser l'opération dans son contexte"),
    ("C3", "Définir une installation à l'aide de solutions préétablies"),
    ("C4", "Réaliser une installation de manière éco-responsable"),
    ("C5", "Contrôler les grandeurs caractéristiques de l'installation"),
    ("C6", "Régler, paramétrer les matériels de l'installation"),
    ("C7", "Valider le fonctionnement de l'installation"),
    ("C8", "Diagnostiquer un dysfonctionnement"),
    ("C9", "Remplacer un matériel électrique"),
    ("C10", "Exploiter les outils numériques dans le contexte professionnel"),
    ("C11", "Compléter les documents liés aux opérations"),
    ("C12", "Communiquer entre professionnels sur l'opération"),
    ("C13", "Communiquer avec le client/usager sur l'opération"),
]

MELEC_CRITERIA: dict[str, list[str]] = {
    "C1": [
        "Les informations nécessaires à l'opération sont recueillies",
        "Les contraintes du site et les risques sont identifiés",
        "Le contexte de l'opération est analysé",
    ],
    "C2": [
        "Les tâches sont ordonnancées",
        "Les matériels et outillages sont choisis et approvisionnés",
        "Le poste de travail est organisé",
    ],
    "C3": [
        "Les solutions préétablies sont identifiées",
        "Les matériels sont choisis et dimensionnés",
    ],
    "C4": [
        "L'installation est conforme au dossier",
        "Les règles de santé et de sécurité sont respectées",
        "Les déchets sont triés et évacués",
    ],
    "C5": [
        "Les mesures sont réalisées en sécurité",
        "Les grandeurs mesurées sont comparées aux valeurs attendues",
    ],
    "C6": [
        "Les paramètres sont relevés et réglés",
        "Les matériels sont configurés",
    ],
    "C7": [
        "Les essais fonctionnels sont réalisés",
        "Le fonctionnement est conforme au cahier des charges",
    ],
    "C8": [
        "Le dysfonctionnement est constaté et décrit",
        "Les hypothèses de panne sont formulées et vérifiées",
        "L'élément défaillant est identifié",
    ],
    "C9": [
        "Le matériel est consigné avant intervention",
        "Le matériel défaillant est remplacé",
    ],
    "C10": [
        "Les outils numériques adaptés sont utilisés",
        "Les données sont sauvegardées et partagées",
    ],
    "C11": [
        "Les documents sont complétés sans erreur",
        "Le vocabulaire technique est utilisé à bon escient",
    ],
    "C12": [
        "Les informations sont transmises aux bons interlocuteurs",
        "Le compte rendu oral est clair",
    ],
    "C13": [
        "Le client est accueilli et écouté",
        "Les explications données au client sont adaptées",
    ],
}

#: Units of the MELEC diploma and the competences each assesses.
MELEC_UNITS: list[tuple[str, str, list[str]]] = [
    ("U2", "Analyse et préparation d'une opération", ["C1", "C2", "C3"]),
    ("U31", "Réalisation d'une installation", ["C4", "C5", "C6", "C10"]),
    ("U32", "Livraison d'une installation", ["C7", "C11", "C12", "C13"]),
    ("U33", "Dépannage d'une installation", ["C8", "C9"]),
]

MELEC_AREAS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "A1",
        "PRÉPARATION DES OPÉRATIONS",
        [
            ("T1.1", "Prendre connaissance du dossier de l'opération"),
            ("T1.2", "Organiser et planifier l'intervention"),
        ],
    ),
    (
        "A2",
        "RÉALISATION ET MISE EN SERVICE",
        [
            ("T2.1", "Réaliser l'installation des équipements"),
            ("T2.2", "Effectuer les mesures et les réglages"),
            ("T2.3", "Mettre en service l'installation"),
        ],
    ),
    (
        "A3",
        "MAINTENANCE",
        [
            ("T3.1", "Diagnostiquer une panne"),
            ("T3.2", "Remplacer un équipement défectueux"),
        ],
    ),
]

#: The seed's "Vue par activités" framework, exactly.
BTS_AREAS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "A1",
        "MAINTENANCE CORRECTIVE",
        [
            ("T1.1", "Diagnostiquer les pannes"),
            ("T1.2", "Préparer les interventions"),
            ("T1.3", "Effectuer les actions correctives"),
            ("T1.4", "Remettre en service"),
        ],
    ),
    (
        "A2",
        "MAINTENANCE PRÉVENTIVE",
        [
            ("T2.1", "Mettre en œuvre le plan de maintenance préventive"),
            ("T2.2", "Exploiter les informations recueillies"),
        ],
    ),
]

BTS_COMPETENCES: list[tuple[str, str, list[str]]] = [
    ("C1", "Analyser le fonctionnement d'un système", ["Les fonctions sont identifiées"]),
    ("C2", "Diagnostiquer une défaillance", ["La démarche de diagnostic est rigoureuse"]),
    ("C3", "Réaliser une intervention corrective", ["L'intervention respecte la procédure"]),
    ("C4", "Mettre en œuvre la maintenance préventive", ["Le plan est appliqué"]),
    ("C5", "Communiquer et rendre compte", ["Le rapport d'intervention est complet"]),
]

#: The seed's last table: levels of C1 … C13 in the three reviews, and the proposed marks.
SEED_REVIEW_DATES = [date(2022, 2, 1), date(2022, 7, 4), date(2023, 1, 25)]
SEED_REVIEW_LEVELS: dict[str, tuple[str, str, str]] = {
    "C1": ("-", "+", "+"),
    "C2": ("-", "+", "+"),
    "C3": ("NE", "NE", "-"),
    "C4": ("-", "++", "NE"),
    "C5": ("NE", "++", "+"),
    "C6": ("NE", "-", "+"),
    "C7": ("-", "+", "+"),
    "C8": ("NE", "NE", "-"),
    "C9": ("NE", "+", "+"),
    "C10": ("+", "+", "++"),
    "C11": ("NE", "-", "+"),
    "C12": ("NE", "-", "-"),
    "C13": ("NE", "-", "-"),
}
SEED_REVIEW_MARKS: list[Decimal | None] = [None, Decimal("13.5"), Decimal("12")]

#: The seed's "Vue par activités" for the BTS apprentice: (ISO year, week, origin) → tasks.
SEED_TASK_WEEKS: list[tuple[int, int, Origin, list[str]]] = [
    (2023, 22, Origin.COMPANY, ["T1.1", "T1.2", "T2.1"]),
    (2023, 26, Origin.COMPANY, ["T1.1", "T1.3"]),
    (2023, 37, Origin.COMPANY, []),
    (2023, 38, Origin.COMPANY, ["T1.1"]),
    (2023, 38, Origin.CENTRE, ["T2.1", "T2.2"]),
    (2023, 39, Origin.COMPANY, ["T1.1", "T1.2", "T1.3", "T1.4"]),
    (2024, 5, Origin.COMPANY, ["T1.1"]),
]


class DemoRefused(StoreError):
    """The store holds other data: the demo world would mix with it."""


@dataclass(frozen=True)
class DemoReport:
    """What `build_demo_world()` did."""

    created: bool
    apprentices: int
    accounts: list[str]


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A demo instant: `day` at `hour`:`minute` UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def iso_weeks(start: date, end: date) -> list[tuple[int, int]]:
    """The ISO (year, week) pairs a date range touches, in order."""
    weeks: list[tuple[int, int]] = []
    day = start - timedelta(days=start.weekday())
    while day <= end:
        iso = day.isocalendar()
        weeks.append((iso.year, iso.week))
        day += timedelta(days=7)
    return weeks


def build_demo_world(store: Store) -> DemoReport:
    """Fill an empty store with the demo world (nothing happens if it is already there)."""
    with store.write() as session:
        if session.scalar(select(m.Centre.id).where(m.Centre.uai_code == DEMO_UAI)):
            return DemoReport(False, _count(session, m.Apprentice), sorted(DEMO_ACCOUNTS))
        # A shared server prepared by `server init` holds its first administrator: the
        # demo keeps him (and his password) and adds the rest.
        others = select(m.Account.id).limit(1)
        if store.per_user:
            others = others.where(m.Account.role != Role.ADMIN)
        if session.scalar(others) or session.scalar(select(m.Apprentice.id).limit(1)):
            raise DemoRefused(
                "La base n'est pas vide : le monde de démonstration n'y est pas créé, pour ne "
                "rien mélanger ni écraser. Choisissez une base vide (--db)."
            )
        _World(session).build()
        session.flush()
        return DemoReport(True, _count(session, m.Apprentice), sorted(DEMO_ACCOUNTS))


def _count(session: Session, model: type[m.Base]) -> int:
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(model)) or 0


class _World:
    """Builds the demo world in one session (small: plain ORM objects)."""

    def __init__(self, session: Session) -> None:
        self.s = session
        # An argon2 hash, or on a per-user server a SCRAM verifier its trigger moves onto
        # each account's login role.
        self.password_hash = password_record(session.connection(), "demo", DEMO_PASSWORD)
        self.criteria: dict[str, list[m.Criterion]] = {}
        self.competences: dict[str, m.Competence] = {}
        self.melec_tasks: dict[str, m.Task] = {}
        self.bts_tasks: dict[str, m.Task] = {}
        self.bts_criteria: list[m.Criterion] = []

    def add(self, obj: m.Base) -> m.Base:
        self.s.add(obj)
        return obj

    # -- reference data -------------------------------------------------------------
    def build(self) -> None:
        self.centre = m.Centre(
            name="CFA CPRO Démo — Lycée professionnel Jean Jaurès",
            uai_code=DEMO_UAI,
            address="12 rue de la République",
            postcode="93100",
            city="Montreuil",
            phone="01 48 00 00 00",
            email="contact@cfa-demo.example.fr",
        )
        self.add(self.centre)
        self.years = {
            label: self.add(
                m.SchoolYear(label=label, start_date=date(y, 9, 1), end_date=date(y + 1, 8, 31))
            )
            for label, y in (("2021-2022", 2021), ("2022-2023", 2022), ("2023-2024", 2023))
        }
        self._melec()
        self._bts()
        self.s.flush()
        self._people()
        self.s.flush()
        self._mina()
        self._terminale()
        self._bts_apprentice()
        self._other_portfolios()

    def _melec(self) -> None:
        self.melec = m.Diploma(
            code="BACPRO-MELEC",
            name="Bac Pro MELEC",
            level="Baccalauréat professionnel (niveau 4)",
        )
        framework = m.Framework(
            diploma=self.melec,
            name="Métiers de l'électricité et de ses environnements connectés",
            id_number="MELEC-2020",
        )
        for position, (code, label) in enumerate(MELEC_COMPETENCES):
            competence = m.Competence(code=code, label=label, position=position)
            competence.criteria = [
                m.Criterion(code=f"{code}.{i}", label=text, position=i)
                for i, text in enumerate(MELEC_CRITERIA[code], start=1)
            ]
            framework.competences.append(competence)
            self.competences[code] = competence
            self.criteria[code] = competence.criteria
        for position, (code, label, codes) in enumerate(MELEC_UNITS):
            unit = m.Unit(code=code, label=label, position=position)
            unit.competences = [self.competences[c] for c in codes]
            framework.units.append(unit)
        for position, (code, label, tasks) in enumerate(MELEC_AREAS):
            area = m.ActivityArea(code=code, label=label, position=position)
            for t_position, (t_code, t_label) in enumerate(tasks):
                task = m.Task(code=t_code, label=t_label, position=t_position)
                area.tasks.append(task)
                self.melec_tasks[t_code] = task
            framework.activity_areas.append(area)
        self.melec_areas = framework.activity_areas
        self.add(framework)

    def _bts(self) -> None:
        self.bts = m.Diploma(
            code="BTS-MS",
            name="BTS Maintenance des systèmes",
            level="Brevet de technicien supérieur (niveau 5)",
        )
        framework = m.Framework(
            diploma=self.bts, name="Maintenance des systèmes", id_number="BTS-MS-2014"
        )
        for position, (code, label, criteria) in enumerate(BTS_COMPETENCES):
            competence = m.Competence(code=code, label=label, position=position)
            competence.criteria = [
                m.Criterion(code=f"{code}.{i}", label=text, position=i)
                for i, text in enumerate(criteria, start=1)
            ]
            framework.competences.append(competence)
            self.bts_criteria.extend(competence.criteria)
        unit = m.Unit(code="U4", label="Maintenance corrective et préventive", position=0)
        unit.competences = list(framework.competences)
        framework.units.append(unit)
        for position, (code, label, tasks) in enumerate(BTS_AREAS):
            area = m.ActivityArea(code=code, label=label, position=position)
            for t_position, (t_code, t_label) in enumerate(tasks):
                task = m.Task(code=t_code, label=t_label, position=t_position)
                area.tasks.append(task)
                self.bts_tasks[t_code] = task
            framework.activity_areas.append(area)
        self.add(framework)

    # -- people -------------------------------------------------------------------
    def account(self, login: str, role: Role, last: str, first: str, **extra: object) -> m.Account:
        existing = self.s.scalars(
            select(m.Account).where(func.lower(m.Account.login) == login.lower())
        ).one_or_none()
        if existing is not None and existing.role == role:
            return existing
        account = m.Account(
            login=login,
            role=role,
            last_name=last,
            first_name=first,
            password_hash=self.password_hash,
            email=extra.pop("email", f"{login}@cfa-demo.example.fr"),  # type: ignore[arg-type]
            **extra,
        )
        self.add(account)
        return account

    def _people(self) -> None:
        self.dupont = self.add(
            m.Company(
                name="Électricité Générale Dupont",
                siret="41234567800017",
                address="8 avenue Pasteur",
                postcode="93100",
                city="Montreuil",
                phone="01 48 12 34 56",
                email="contact@eg-dupont.example.fr",
                latitude=48.8638,
                longitude=2.4485,
            )
        )
        self.nord = self.add(
            m.Company(
                name="Maintenance Industrielle du Nord",
                siret="52345678900024",
                address="ZI des Hauts-Champs, 3 rue Gustave Eiffel",
                postcode="59160",
                city="Lomme",
                phone="03 20 00 11 22",
                email="rh@min.example.fr",
                latitude=50.6447,
                longitude=2.9869,
            )
        )
        self.orsted = self.add(
            m.Company(
                name="Ørsted Énergies & Fils",
                address="1 quai de la Loire",
                postcode="75019",
                city="Paris",
                latitude=48.8867,
                longitude=2.3753,
            )
        )
        self.s.flush()
        self.admin = self.account(
            "admin", Role.ADMIN, "MOREAU", "Catherine", job_title="Secrétariat"
        )
        self.trainer = self.account(
            "formateur",
            Role.TRAINER,
            "DURAND",
            "Sophie",
            job_title="Professeure d'électrotechnique",
        )
        self.trainer2 = self.account(
            "formateur2", Role.TRAINER, "MARTIN", "Julien", job_title="Professeur de maintenance"
        )
        self.tutor = self.account(
            "tuteur",
            Role.TUTOR,
            "LEFEBVRE",
            "Thomas",
            company_id=self.dupont.id,
            job_title="Chef d'équipe électricité",
            phone="06 11 22 33 44",
        )
        self.tutor2 = self.account(
            "tuteur2",
            Role.TUTOR,
            "ROUSSEAU",
            "Claire",
            company_id=self.nord.id,
            job_title="Responsable maintenance",
        )
        self.tutor3 = self.account(
            "tuteur.orsted", Role.TUTOR, "O'CONNOR", "Patrick", company_id=self.orsted.id
        )
        self.mina_account = self.account("apprenti", Role.APPRENTICE, "AZZOUG", "Mina")
        self.nathan_account = self.account("apprenti.bts", Role.APPRENTICE, "PETIT", "Nathan")
        self.guardian = self.account("parent", Role.GUARDIAN, "AZZOUG", "Karim")

        y22 = self.years["2022-2023"].id
        self.c1melec = self.add(
            m.SchoolClass(
                name="1MELEC",
                level_label="Première Bac Pro MELEC",
                training_year=2,
                diploma_id=self.melec.id,
                school_year_id=y22,
            )
        )
        self.cterm = self.add(
            m.SchoolClass(
                name="Terminale Bac Pro",
                level_label="Terminale Bac Pro MELEC",
                training_year=3,
                diploma_id=self.melec.id,
                school_year_id=y22,
            )
        )
        self.cbts = self.add(
            m.SchoolClass(
                name="Première année de BTS",
                level_label="Première année de BTS",
                training_year=1,
                diploma_id=self.bts.id,
                school_year_id=self.years["2023-2024"].id,
            )
        )
        self.c1melec.trainers = [self.trainer]
        self.cterm.trainers = [self.trainer, self.trainer2]
        self.cbts.trainers = [self.trainer2]
        self.s.flush()

        def apprentice(
            last: str,
            first: str,
            school_class: m.SchoolClass,
            born: date,
            tutor: m.Account,
            company: m.Company,
            referent: m.Account,
            national_id: str,
            account: m.Account | None = None,
        ) -> m.Apprentice:
            row = m.Apprentice(
                last_name=last,
                first_name=first,
                birth_date=born,
                national_id=national_id,
                school_class_id=school_class.id,
                company_id=company.id,
                tutor_id=tutor.id,
                referent_trainer_id=referent.id,
                account_id=account.id if account else None,
                email=f"{first.lower()}.{last.lower()}@eleve.example.fr".replace(" ", "")
                .replace("'", "")
                .encode("ascii", "ignore")
                .decode(),
            )
            self.add(row)
            return row

        t, tr = self.tutor, self.trainer
        self.mina = apprentice(
            "AZZOUG", "Mina", self.c1melec, date(2006, 3, 14), t, self.dupont, tr,
            "070123456AB", self.mina_account,
        )  # fmt: skip
        self.melec_others = [
            apprentice("BERNARD", "Lucas", self.c1melec, date(2006, 6, 2), t, self.dupont, tr,
                       "070123457BC"),
            apprentice("CHEVALIER", "Inès", self.c1melec, date(2005, 12, 21), self.tutor3,
                       self.orsted, tr, "070123458CD"),
            apprentice("NGUYỄN", "Thị Ánh", self.c1melec, date(2006, 9, 30), self.tutor3,
                       self.orsted, tr, "070123459DE"),
            apprentice("DIALLO", "Moussa", self.c1melec, date(2006, 1, 8), t, self.dupont, tr,
                       "070123460EF"),
        ]  # fmt: skip
        self.hugo = apprentice(
            "GARCIA", "Hugo", self.cterm, date(2005, 4, 17), t, self.dupont, tr, "060123461FG"
        )
        self.term_others = [
            apprentice("LEROY", "Emma", self.cterm, date(2005, 7, 5), self.tutor2, self.nord,
                       self.trainer2, "060123462GH"),
            apprentice("WRÓBEL", "Łukasz", self.cterm, date(2004, 11, 11), self.tutor3,
                       self.orsted, tr, "060123463HJ"),
        ]  # fmt: skip
        self.nathan = apprentice(
            "PETIT", "Nathan", self.cbts, date(2003, 2, 27), self.tutor2, self.nord,
            self.trainer2, "050123464JK", self.nathan_account,
        )  # fmt: skip
        self.bts_others = [
            apprentice("FONTAINE", "Chloé", self.cbts, date(2003, 8, 19), self.tutor2, self.nord,
                       self.trainer2, "050123465KL"),
        ]  # fmt: skip
        self.mina.guardians = [self.guardian]
        self.s.flush()
        for row in [self.mina, *self.melec_others, self.hugo, *self.term_others, self.nathan,
                    *self.bts_others]:  # fmt: skip
            self.add(m.Booklet(apprentice_id=row.id))
        self.s.flush()

    # -- periods and portfolios -------------------------------------------------------
    def period(
        self,
        school_class: m.SchoolClass,
        name: str,
        start: date,
        end: date,
        objectives: str,
        tasks: list[m.Task],
    ) -> m.Period:
        period = m.Period(
            school_class_id=school_class.id,
            name=name,
            start_date=start,
            end_date=end,
            created_at=at(start - timedelta(days=20)),
            updated_at=at(start - timedelta(days=20)),
        )
        self.add(period)
        self.s.flush()
        plan = m.PeriodPlan(
            period_id=period.id,
            objectives=objectives,
            planned_activities="Activités prévisionnelles : "
            + " ; ".join(f"{t.code} {t.label}" for t in tasks),
        )
        plan.planned_tasks = tasks
        self.add(plan)
        return period

    def portfolio(
        self,
        apprentice: m.Apprentice,
        period: m.Period,
        sheets: dict[tuple[int, int], dict[str, object]] | None = None,
        edited: datetime | None = None,
    ) -> tuple[m.Portfolio, list[m.ActivitySheet]]:
        """A portfolio with its logbook and one sheet per ISO week (content where given)."""
        portfolio = m.Portfolio(
            apprentice_id=apprentice.id,
            period_id=period.id,
            company_id=apprentice.company_id,
            tutor_id=apprentice.tutor_id,
            created_at=at(period.start_date - timedelta(days=20)),
            updated_at=at(period.start_date - timedelta(days=20)),
        )
        self.add(portfolio)
        self.s.flush()
        created = at(period.start_date - timedelta(days=20))
        result = []
        for year, week in iso_weeks(period.start_date, period.end_date):
            content = (sheets or {}).get((year, week), {})
            # A sheet nobody wrote was not changed by the apprentice: never shown unread.
            changed = content.pop("changed", None) or (edited if content else None)
            sheet = m.ActivitySheet(
                portfolio_id=portfolio.id,
                iso_year=year,
                iso_week=week,
                created_at=created,
                updated_at=changed or created,
                apprentice_changed_at=changed or NEVER_CHANGED,
                **content,
            )
            self.add(sheet)
            result.append(sheet)
        self.add(
            m.Logbook(
                portfolio_id=portfolio.id,
                created_at=created,
                updated_at=created,
            )
        )
        self.s.flush()
        return portfolio, result

    def _mina(self) -> None:
        tasks = self.melec_tasks
        pfmp1 = self.period(
            self.c1melec,
            "PFMP1 - 1er BCP",
            date(2022, 9, 5),
            date(2022, 9, 18),
            "Découvrir l'entreprise et ses règles de sécurité ; participer à la préparation "
            "d'un chantier de rénovation électrique d'un logement.",
            [tasks["T1.1"], tasks["T1.2"], tasks["T2.1"]],
        )
        test_vp = self.period(
            self.c1melec,
            "Test VP 22/09",
            date(2022, 9, 26),
            date(2022, 10, 15),
            "Réaliser en autonomie une partie d'installation ; effectuer les mesures avant "
            "mise en service.",
            [tasks["T2.1"], tasks["T2.2"], tasks["T2.3"]],
        )
        annexe = self.period(
            self.c1melec,
            "Test annexe 1MELEC",
            date(2023, 7, 3),
            date(2023, 7, 23),
            "Participer au dépannage d'installations chez les clients ; rendre compte de "
            "l'intervention au client et au chef d'équipe.",
            [tasks["T3.1"], tasks["T3.2"], tasks["T2.3"]],
        )
        self.periods_1melec = [pfmp1, test_vp, annexe]
        self.s.flush()
        area_prep, area_real, area_maint = self.melec_areas

        pf1, sheets1 = self.portfolio(
            self.mina,
            pfmp1,
            {
                (2022, 36): {
                    "title": "Préparation du chantier de la rue Voltaire",
                    "autonomy": Autonomy.ACCOMPANIED,
                    "activity_area_id": area_prep.id,
                    "context": "Rénovation de l'installation électrique d'un appartement "
                    "de trois pièces, avec M. Lefebvre.",
                    "description": "J'ai relevé les circuits existants, repéré les prises et "
                    "les points lumineux sur le plan, puis préparé la liste du matériel "
                    "avec mon tuteur.",
                    "reflective_analysis": "J'ai compris qu'une bonne préparation évite des "
                    "allers-retours au dépôt. La prochaine fois je vérifierai les quantités "
                    "avant de partir.",
                    "changed": at(date(2022, 9, 9), 17, 20),
                },
                (2022, 37): {
                    "title": "Pose des goulottes et tirage des câbles",
                    "autonomy": Autonomy.ACCOMPANIED,
                    "activity_area_id": area_real.id,
                    "description": "Pose de 12 m de goulotte dans le séjour, tirage des câbles "
                    "des circuits prises et éclairage, repérage des conducteurs.",
                    "reflective_analysis": "Le repérage m'a pris du temps mais il a facilité "
                    "le raccordement au tableau.",
                    "changed": at(date(2022, 9, 16), 16, 45),
                },
            },
        )
        pf2, sheets2 = self.portfolio(
            self.mina,
            test_vp,
            {
                (2022, 39): {
                    "title": "Raccordement d'un tableau divisionnaire",
                    "autonomy": Autonomy.ACCOMPANIED,
                    "activity_area_id": area_real.id,
                    "description": "Raccordement des disjoncteurs et de l'interrupteur "
                    "différentiel 30 mA d'un tableau divisionnaire.",
                    "reflective_analysis": "Je dois encore gagner en rapidité pour le "
                    "peignage des conducteurs.",
                    "changed": at(date(2022, 9, 30), 17, 0),
                },
                (2022, 40): {
                    "title": "Mesures d'isolement avant mise en service",
                    "autonomy": Autonomy.AUTONOMOUS,
                    "activity_area_id": area_real.id,
                    "description": "Mesure de la résistance d'isolement de chaque circuit au "
                    "mégohmmètre, puis de la continuité des conducteurs de protection.",
                    "reflective_analysis": "J'ai appris à interpréter les valeurs : moins de "
                    "0,5 MΩ signale un défaut à rechercher.",
                    "changed": at(date(2022, 10, 7), 16, 30),
                },
                (2022, 41): {
                    "title": "Mise en service d'une VMC",
                    "autonomy": Autonomy.ACCOMPANIED,
                    "activity_area_id": area_real.id,
                    "description": "Installation et mise en service d'une VMC simple flux.",
                    "changed": at(date(2022, 10, 14), 17, 10),
                },
            },
        )
        last_change = at(date(2023, 7, 4), 18, 5)
        pf3, sheets3 = self.portfolio(
            self.mina,
            annexe,
            {
                (2023, 27): {
                    "title": "Dépannage d'un chauffe-eau",
                    "autonomy": Autonomy.ACCOMPANIED,
                    "activity_area_id": area_maint.id,
                    "context": "Intervention chez un particulier à Vincennes.",
                    "description": "Le chauffe-eau ne chauffait plus. Nous avons contrôlé "
                    "l'alimentation, le thermostat puis la résistance, qui était coupée.",
                    "reflective_analysis": "J'ai suivi une démarche de diagnostic du plus "
                    "simple au plus compliqué.",
                },
                (2023, 28): {
                    "title": "Remplacement d'un interrupteur différentiel",
                    "autonomy": Autonomy.AUTONOMOUS,
                    "activity_area_id": area_maint.id,
                    "description": "Consignation du tableau, remplacement de l'interrupteur "
                    "différentiel défectueux, essais au testeur de différentiel.",
                    "reflective_analysis": "La consignation doit être faite avant tout : je "
                    "l'ai faite seule sous le regard de mon tuteur.",
                },
                (2023, 29): {
                    "title": "Explication de l'intervention au client",
                    "autonomy": Autonomy.AUTONOMOUS,
                    "activity_area_id": area_maint.id,
                    "description": "J'ai expliqué au client l'origine de la panne et "
                    "rempli le bon d'intervention.",
                },
            },
            edited=last_change,
        )
        self.mina_sheets = [*sheets1, *sheets2, *sheets3]
        self.s.flush()

        # Tasks ticked and competences linked on sheets, and the weekly task log.
        links = {
            sheets1[0]: (["T1.1", "T1.2"], ["C1", "C2"]),
            sheets1[1]: (["T2.1"], ["C4"]),
            sheets2[0]: (["T2.1"], ["C4", "C10"]),
            sheets2[1]: (["T2.2"], ["C5"]),
            sheets2[2]: (["T2.3"], ["C6", "C7"]),
            sheets3[0]: (["T3.1"], ["C8"]),
            sheets3[1]: (["T3.2"], ["C9", "C11"]),
            sheets3[2]: (["T2.3"], ["C13"]),
        }
        for sheet, (task_codes, competence_codes) in links.items():
            self.s.execute(
                insert(m.sheet_tasks),
                [{"activity_sheet_id": sheet.id, "task_id": tasks[c].id} for c in task_codes],
            )
            self.s.execute(
                insert(m.sheet_competences),
                [
                    {"activity_sheet_id": sheet.id, "competence_id": self.competences[c].id}
                    for c in competence_codes
                ],
            )
            self.s.execute(
                insert(m.sheet_criteria),
                [
                    {"activity_sheet_id": sheet.id, "criterion_id": self.criteria[c][0].id}
                    for c in competence_codes
                ],
            )
            for code in task_codes:
                self.add(
                    m.TaskLog(
                        apprentice_id=self.mina.id,
                        task_id=tasks[code].id,
                        iso_year=sheet.iso_year,
                        iso_week=sheet.iso_week,
                        origin=Origin.COMPANY,
                        recorded_by_id=self.mina_account.id,
                    )
                )
        for year, week, code in ((2022, 47, "T1.1"), (2022, 47, "T2.2"), (2023, 3, "T3.1")):
            self.add(
                m.TaskLog(
                    apprentice_id=self.mina.id,
                    task_id=tasks[code].id,
                    iso_year=year,
                    iso_week=week,
                    origin=Origin.CENTRE,
                    recorded_by_id=self.trainer.id,
                )
            )

        # Logbooks: what the apprentice wrote on the first page.
        for portfolio in (pf1, pf2, pf3):
            logbook = self.s.scalar(select(m.Logbook).where(m.Logbook.portfolio_id == portfolio.id))
            assert logbook is not None
            logbook.place_of_work = "Chantiers de l'entreprise en Seine-Saint-Denis et à Paris"
            logbook.contacts = "M. Thomas LEFEBVRE, chef d'équipe — 06 11 22 33 44"
            logbook.presentation = (
                "Entreprise de 14 salariés : installations électriques résidentielles et "
                "tertiaires, dépannage."
            )
            logbook.updated_by_id = self.mina_account.id
            if portfolio is pf3:
                self.add(
                    m.Attachment(
                        kind=AttachmentKind.URL,
                        logbook_id=logbook.id,
                        name="Site de l'entreprise",
                        url="https://www.example.fr/eg-dupont",
                        size_bytes=0,
                        added_by_id=self.mina_account.id,
                    )
                )

        # Attachments on the week 28 sheet: a small PDF and a URL.
        pdf = minimal_pdf("Schema du tableau - intervention du 12/07/2023")
        self.add(
            m.Attachment(
                kind=AttachmentKind.FILE,
                activity_sheet_id=sheets3[1].id,
                name="schéma_tableau.pdf",
                media_type="application/pdf",
                size_bytes=len(pdf),
                sha256=hashlib.sha256(pdf).hexdigest(),
                content=pdf,
                added_by_id=self.mina_account.id,
            )
        )
        self.add(
            m.Attachment(
                kind=AttachmentKind.URL,
                activity_sheet_id=sheets3[1].id,
                name="Fiche technique de l'interrupteur différentiel",
                url="https://www.example.fr/fiches/interrupteur-differentiel-40A-30mA.pdf",
                size_bytes=0,
                added_by_id=self.mina_account.id,
            )
        )

        # Comments from the tutor and the trainer.
        comments = [
            (sheets1[0], self.tutor, "Bonne préparation, pense à noter les références exactes.",
             date(2022, 9, 12)),
            (sheets1[0], self.trainer, "Fiche claire. Détaille davantage ton analyse.",
             date(2022, 9, 14)),
            (sheets2[1], self.tutor, "Mesures bien faites et en sécurité.", date(2022, 10, 10)),
            (sheets3[1], self.tutor, "Consignation parfaite, bravo Mina.", date(2023, 7, 13)),
        ]  # fmt: skip
        for sheet, author, body, day in comments:
            self.add(
                m.Comment(
                    activity_sheet_id=sheet.id,
                    author_id=author.id,
                    body=body,
                    created_at=at(day, 18),
                    updated_at=at(day, 18),
                )
            )

        # Read marks: the tutor and the trainer have read the 2022 sheets, not the 2023 ones
        # (their titles show green for them).
        for sheet in [*sheets1, *sheets2]:
            for reader in (self.tutor, self.trainer):
                self.add(
                    m.ReadMark(
                        reader_id=reader.id,
                        activity_sheet_id=sheet.id,
                        read_at=sheet.apprentice_changed_at + timedelta(days=2),
                    )
                )
        self.add(
            m.ReadMark(
                reader_id=self.tutor.id,
                activity_sheet_id=sheets3[0].id,
                read_at=at(date(2023, 7, 5), 9),
            )
        )

        self._mina_ratings(pf1, pf2)
        self._mina_reviews()
        self._mina_booklet(pfmp1, test_vp)

    def _grid(
        self,
        apprentice: m.Apprentice,
        origin: Origin,
        kind: GridKind,
        day: date,
        author: m.Account,
        title: str,
        results: dict[m.Criterion, RatingResult],
    ) -> m.RatingGrid:
        grid = m.RatingGrid(
            apprentice_id=apprentice.id,
            origin=origin,
            kind=kind,
            rated_on=day,
            title=title,
            author_id=author.id,
            created_at=at(day, 16),
            updated_at=at(day, 16),
        )
        grid.ratings = [m.Rating(criterion_id=c.id, result=r) for c, r in results.items()]
        self.add(grid)
        return grid

    def _mina_ratings(self, pf1: m.Portfolio, pf2: m.Portfolio) -> None:
        ok, aided, part, na, absent = (
            RatingResult.SUCCESS_AUTONOMOUS,
            RatingResult.SUCCESS_ASSISTED,
            RatingResult.PARTIAL,
            RatingResult.NOT_ASSESSABLE,
            RatingResult.ABSENT,
        )
        cr = self.criteria
        centre, company = Origin.CENTRE, Origin.COMPANY
        formative, certifying = GridKind.FORMATIVE, GridKind.CERTIFYING
        t, tu = self.trainer, self.tutor
        grids = [
            (centre, formative, date(2021, 11, 15), t, "TP câblage d'un va-et-vient",
             {cr["C1"][0]: part, cr["C2"][0]: part, cr["C4"][0]: aided, cr["C10"][0]: aided}),
            (centre, formative, date(2022, 1, 20), t, "TP tableau de répartition",
             {cr["C1"][1]: aided, cr["C4"][1]: part, cr["C7"][0]: part, cr["C10"][1]: ok}),
            (company, formative, date(2022, 3, 10), tu, "Positionnement en entreprise",
             {cr["C4"][0]: ok, cr["C5"][0]: aided, cr["C12"][0]: part}),
            (centre, certifying, date(2022, 5, 12), t, "CCF U31 — situation 1",
             {cr["C4"][0]: ok, cr["C4"][1]: ok, cr["C5"][0]: ok, cr["C5"][1]: ok,
              cr["C6"][0]: part, cr["C9"][0]: aided, cr["C11"][0]: part}),
            (company, formative, date(2022, 6, 20), tu, "Positionnement en entreprise",
             {cr["C2"][1]: aided, cr["C7"][0]: aided, cr["C13"][0]: na}),
            (centre, formative, date(2022, 11, 22), t, "TP mesures et essais",
             {cr["C5"][0]: aided, cr["C5"][1]: ok, cr["C6"][1]: aided, cr["C8"][0]: absent}),
            (centre, certifying, date(2023, 1, 10), t, "CCF U2 — situation 1",
             {cr["C1"][0]: aided, cr["C1"][1]: ok, cr["C2"][0]: aided, cr["C3"][0]: part,
              cr["C3"][1]: part}),
            (centre, formative, date(2023, 3, 14), t, "TP dépannage d'un moteur",
             {cr["C8"][0]: aided, cr["C8"][1]: part, cr["C9"][1]: ok, cr["C12"][1]: aided}),
        ]  # fmt: skip
        for origin, kind, day, author, title, results in grids:
            self._grid(self.mina, origin, kind, day, author, title, results)
        # The period reviews of her first two periods, each with its company grid.
        for portfolio, day, appreciation, results in (
            (pf1, date(2022, 9, 16), "Mina s'est bien intégrée à l'équipe. Ponctuelle et "
             "curieuse, elle doit gagner en rigueur dans la préparation du matériel.",
             {cr["C1"][0]: aided, cr["C2"][0]: part, cr["C4"][0]: aided}),
            (pf2, date(2022, 10, 14), "Bonne progression : les mesures d'isolement sont "
             "faites en autonomie et en sécurité.",
             {cr["C4"][0]: ok, cr["C5"][0]: ok, cr["C6"][0]: aided, cr["C7"][0]: aided,
              cr["C10"][0]: ok}),
        ):  # fmt: skip
            grid = self._grid(
                self.mina, Origin.COMPANY, GridKind.FORMATIVE, day, self.tutor,
                "Bilan de la période", results,
            )  # fmt: skip
            self.s.flush()
            self.add(
                m.PeriodReview(
                    portfolio_id=portfolio.id,
                    appreciation=appreciation,
                    reviewed_on=day,
                    author_id=self.tutor.id,
                    rating_grid_id=grid.id,
                    created_at=at(day, 17),
                    updated_at=at(day, 17),
                )
            )

    def _mina_reviews(self) -> None:
        texts = [
            ("Premiers travaux pratiques encourageants ; l'analyse des situations reste "
             "superficielle.", "Relire les dossiers techniques avant chaque TP et poser des "
             "questions."),
            ("Nette progression en réalisation et en mesures ; bons retours de l'entreprise.",
             "Travailler la communication écrite : comptes rendus et documents de fin "
             "d'opération."),
            ("Mina est autonome sur les outils numériques et fiable en réalisation ; le "
             "diagnostic reste à construire.", "S'entraîner au diagnostic méthodique et "
             "soigner la relation avec le client."),
        ]  # fmt: skip
        for index, (day, mark, (findings, advice)) in enumerate(
            zip(SEED_REVIEW_DATES, SEED_REVIEW_MARKS, texts, strict=True)
        ):
            review = m.CompetenceReview(
                apprentice_id=self.mina.id,
                origin=Origin.CENTRE,
                author_id=self.trainer.id,
                reviewed_on=day,
                findings=findings,
                advice=advice,
                proposed_mark=mark,
                status=ReviewStatus.DRAFT,
                created_at=at(day, 9),
                updated_at=at(day, 17),
            )
            review.lines = [
                m.CompetenceReviewLine(
                    competence_id=self.competences[code].id,
                    level=CompetenceLevel(levels[index]),
                )
                for code, levels in SEED_REVIEW_LEVELS.items()
            ]
            self.add(review)
            # Validated once its lines are written: the store refuses lines added to a
            # validated review.
            self.s.flush()
            review.frozen = freeze(self.s, review, self.trainer.id)
            review.status = ReviewStatus.VALIDATED
            review.validated_at = at(day, 17)
            review.validated_by_id = self.trainer.id
            review.updated_at = at(day, 17)
            self.s.flush()
        # A company review the tutor has started and not validated yet (a draft).
        draft = m.CompetenceReview(
            apprentice_id=self.mina.id,
            origin=Origin.COMPANY,
            author_id=self.tutor.id,
            reviewed_on=date(2023, 7, 21),
            findings="Mina est à l'aise en dépannage simple.",
            advice="",
            status=ReviewStatus.DRAFT,
            created_at=at(date(2023, 7, 21), 15),
            updated_at=at(date(2023, 7, 21), 15),
        )
        draft.lines = [
            m.CompetenceReviewLine(
                competence_id=self.competences[code].id,
                level=CompetenceLevel.PARTIALLY_ACQUIRED if code in ("C8", "C9") else
                CompetenceLevel.NOT_ASSESSED,
            )
            for code, _ in MELEC_COMPETENCES
        ]  # fmt: skip
        self.add(draft)

    def _mina_booklet(self, pfmp1: m.Period, test_vp: m.Period) -> None:
        booklet = self.s.scalar(select(m.Booklet).where(m.Booklet.apprentice_id == self.mina.id))
        assert booklet is not None
        sections = {
            BookletSectionKind.ENTRY_POSITIONING: (
                self.trainer,
                date(2021, 9, 20),
                "Bases solides en mathématiques et sciences ; découverte du métier "
                "d'électricien lors d'un stage de 3e.",
            ),
            BookletSectionKind.TEAM_OPINION: (
                self.trainer,
                date(2021, 10, 4),
                "Élève motivée et sérieuse. L'équipe recommande un suivi renforcé en "
                "expression écrite.",
            ),
            BookletSectionKind.PROGRESSION_COMPANY: (
                self.tutor,
                date(2021, 10, 15),
                "Première année : préparation et réalisation accompagnée. Deuxième année : "
                "réalisation autonome et mesures. Troisième année : dépannage et relation "
                "client.",
            ),
            BookletSectionKind.PROGRESSION_CENTRE: (
                self.trainer,
                date(2021, 10, 15),
                "Unités U2 et U31 en première année, U32 et U33 ensuite ; CCF selon le "
                "calendrier d'alternance.",
            ),
            BookletSectionKind.TRAINING_REVIEW: (
                self.mina_account,
                date(2023, 6, 30),
                "Cette année j'ai appris à travailler en sécurité et à être plus autonome "
                "sur les chantiers.",
            ),
            BookletSectionKind.ORIENTATION_PROJECT: (
                self.mina_account,
                date(2023, 6, 30),
                "Poursuivre en BTS Électrotechnique en apprentissage.",
            ),
        }
        for kind, (author, day, body) in sections.items():
            self.add(
                m.BookletSection(
                    booklet_id=booklet.id,
                    kind=kind,
                    body=body,
                    updated_by_id=author.id,
                    created_at=at(day, 11),
                    updated_at=at(day, 11),
                )
            )
        self.add(
            m.PhaseSynthesis(
                booklet_id=booklet.id,
                origin=Origin.COMPANY,
                period_id=pfmp1.id,
                title="Synthèse de la PFMP1",
                body="Intégration réussie ; préparation des chantiers à consolider.",
                written_on=date(2022, 9, 19),
                author_id=self.tutor.id,
            )
        )
        self.add(
            m.PhaseSynthesis(
                booklet_id=booklet.id,
                origin=Origin.CENTRE,
                period_id=test_vp.id,
                title="Synthèse du premier trimestre en centre",
                body="Résultats réguliers ; progrès nets en mesures électriques.",
                written_on=date(2022, 12, 16),
                author_id=self.trainer.id,
            )
        )
        self.add(
            m.Interview(
                booklet_id=booklet.id,
                held_on=date(2022, 11, 29),
                participants="Mina AZZOUG, Sophie DURAND (formatrice référente)",
                summary="Point sur l'alternance : Mina se sent à l'aise en entreprise ; "
                "objectif de rigueur dans les comptes rendus.",
                author_id=self.trainer.id,
            )
        )
        self.add(
            m.Visit(
                booklet_id=booklet.id,
                planned_on=date(2022, 10, 11),
                held_on=date(2022, 10, 12),
                participants="Thomas LEFEBVRE (maître d'apprentissage), Sophie DURAND, Mina AZZOUG",
                report="Visite sur chantier à Montreuil : travail soigné, bonne attitude "
                "en sécurité. Bilan de la période préparé ensemble.",
                author_id=self.trainer.id,
            )
        )
        self.add(
            m.Visit(
                booklet_id=booklet.id,
                planned_on=date(2023, 7, 18),
                participants="Thomas LEFEBVRE, Sophie DURAND, Mina AZZOUG",
                author_id=self.trainer.id,
            )
        )
        calendar = minimal_pdf("Calendrier d'alternance 2022-2023 - 1MELEC")
        self.add(
            m.Attachment(
                kind=AttachmentKind.FILE,
                booklet_id=booklet.id,
                name="Calendrier d'alternance 2022-2023.pdf",
                media_type="application/pdf",
                size_bytes=len(calendar),
                sha256=hashlib.sha256(calendar).hexdigest(),
                content=calendar,
                added_by_id=self.trainer.id,
            )
        )

    def _terminale(self) -> None:
        tasks = self.melec_tasks
        pfe = [
            self.period(
                self.cterm,
                f"Période {n} de formation en entreprise [PFE{n}]",
                start,
                end,
                objectives,
                [tasks[c] for c in codes],
            )
            for n, start, end, objectives, codes in (
                (1, date(2023, 5, 17), date(2023, 6, 2), "Réaliser une installation complète.",
                 ["T2.1", "T2.2"]),
                (2, date(2023, 7, 3), date(2023, 7, 22), "Mettre en service et livrer.",
                 ["T2.3"]),
                (3, date(2023, 7, 17), date(2023, 7, 30), "Diagnostiquer et dépanner.",
                 ["T3.1", "T3.2"]),
            )
        ]  # fmt: skip
        self.s.flush()
        changed = at(date(2023, 7, 4), 14, 30)
        for period in pfe:
            for apprentice in (self.hugo, *self.term_others):
                content: dict[tuple[int, int], dict[str, object]] = {}
                if apprentice is self.hugo and period is pfe[2]:
                    content = {
                        (2023, 29): {
                            "title": "Recherche de panne sur un portail motorisé",
                            "autonomy": Autonomy.ACCOMPANIED,
                            "description": "Le portail ne se fermait plus : cellule "
                            "photoélectrique encrassée et mal alignée.",
                        },
                        (2023, 30): {
                            "title": "Remplacement d'un contacteur",
                            "autonomy": Autonomy.AUTONOMOUS,
                            "description": "Remplacement du contacteur d'une pompe de relevage.",
                        },
                    }
                self.portfolio(apprentice, period, content, edited=changed)

    def _bts_apprentice(self) -> None:
        tasks = self.bts_tasks
        periods = [
            self.period(self.cbts, name, start, end, "Participer à la maintenance des lignes.",
                        [tasks["T1.1"], tasks["T2.1"]])
            for name, start, end in (
                ("Période en entreprise 1", date(2023, 5, 29), date(2023, 6, 2)),
                ("Période en entreprise 2", date(2023, 6, 26), date(2023, 6, 30)),
                ("Période en entreprise 3", date(2023, 9, 11), date(2023, 9, 29)),
                ("Période en entreprise 4", date(2024, 1, 29), date(2024, 2, 2)),
            )
        ]  # fmt: skip
        self.s.flush()
        for period in periods:
            for apprentice in (self.nathan, *self.bts_others):
                self.portfolio(apprentice, period, edited=at(period.end_date, 17))
        for year, week, origin, codes in SEED_TASK_WEEKS:
            for code in codes:
                self.add(
                    m.TaskLog(
                        apprentice_id=self.nathan.id,
                        task_id=tasks[code].id,
                        iso_year=year,
                        iso_week=week,
                        origin=origin,
                        recorded_by_id=self.nathan_account.id,
                    )
                )
        by_code = {c.code: c for c in self.bts_criteria}
        self._grid(
            self.nathan, Origin.CENTRE, GridKind.FORMATIVE, date(2023, 9, 20), self.trainer2,
            "TP diagnostic convoyeur",
            {by_code["C2.1"]: RatingResult.SUCCESS_ASSISTED,
             by_code["C3.1"]: RatingResult.PARTIAL},
        )  # fmt: skip
        self._grid(
            self.nathan, Origin.COMPANY, GridKind.FORMATIVE, date(2023, 9, 29), self.tutor2,
            "Positionnement en entreprise",
            {by_code["C2.1"]: RatingResult.SUCCESS_AUTONOMOUS,
             by_code["C4.1"]: RatingResult.SUCCESS_ASSISTED},
        )  # fmt: skip

    def _other_portfolios(self) -> None:
        """Portfolios of Mina's classmates, some sheets written, so lists look real."""
        for index, apprentice in enumerate(self.melec_others):
            for period in self.periods_1melec:
                weeks = iso_weeks(period.start_date, period.end_date)
                written = weeks[: (index % len(weeks)) + 1]
                content = {
                    week: {
                        "title": "Tirage de câbles et raccordements",
                        "autonomy": Autonomy.ACCOMPANIED,
                        "description": "Participation aux travaux de l'équipe.",
                    }
                    for week in written
                }
                self.portfolio(apprentice, period, content, edited=at(period.end_date, 18))
