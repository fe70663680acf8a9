"""The demo world holds exactly the reference document's facts, on every backend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import undefer

from cpro_desktop import models as m
from cpro_desktop.demo.world import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DemoRefused,
    build_demo_world,
)
from cpro_desktop.models.enums import Origin, ReviewStatus
from cpro_desktop.security import verify_password
from cpro_desktop.store import Store

SEED_TABLE = """\
C1 - Analyser les conditions de l'opération et son contexte\t-\t+\t+
C2 - Organiser l'opération dans son contexte\t-\t+\t+
C3 - Définir une installation à l'aide de solutions préétablies\tNE\tNE\t-
C4 - Réaliser une installation de manière éco-responsable\t-\t++\tNE
C5 - Contrôler les grandeurs caractéristiques de l'installation\tNE\t++\t+
C6 - Régler, paramétrer les matériels de l'installation\tNE\t-\t+
C7 - Valider le fonctionnement de l'installation\t-\t+\t+
C8 - Diagnostiquer un dysfonctionnement\tNE\tNE\t-
C9 - Remplacer un matériel électrique\tNE\t+\t+
C10 - Exploiter les outils numériques dans le contexte professionnel\t+\t+\t++
C11 - Compléter les documents liés aux opérations\tNE\t-\t+
C12 - Communiquer entre professionnels sur l'opération\tNE\t-\t-
C13 - Communiquer avec le client/usager sur l'opération\tNE\t-\t-"""


def _apprentice(session, last: str) -> m.Apprentice:
    return session.scalars(select(m.Apprentice).where(m.Apprentice.last_name == last)).one()


def _periods_with_sheets(session, apprentice_id: int) -> list[tuple[str, date, date, list]]:
    rows = session.execute(
        select(m.Period.name, m.Period.start_date, m.Period.end_date, m.ActivitySheet)
        .join(m.Portfolio, m.Portfolio.period_id == m.Period.id)
        .join(m.ActivitySheet, m.ActivitySheet.portfolio_id == m.Portfolio.id)
        .where(m.Portfolio.apprentice_id == apprentice_id)
        .order_by(m.Period.start_date, m.ActivitySheet.iso_year, m.ActivitySheet.iso_week)
    ).all()
    grouped: dict[str, tuple[str, date, date, list]] = {}
    for name, start, end, sheet in rows:
        grouped.setdefault(name, (name, start, end, []))[3].append(sheet)
    return list(grouped.values())


def test_mina_periods_dates_and_sheet_weeks(demo_store: Store) -> None:
    """AZZOUG Mina (1MELEC) has the seed's three periods, dates and weekly sheets."""
    with demo_store.read() as session:
        mina = _apprentice(session, "AZZOUG")
        school_class = session.get(m.SchoolClass, mina.school_class_id)
        assert school_class.name == "1MELEC"
        periods = _periods_with_sheets(session, mina.id)
    summary = [
        (name, start, end, [(s.iso_year, s.iso_week) for s in sheets])
        for name, start, end, sheets in periods
    ]
    assert summary == [
        ("PFMP1 - 1er BCP", date(2022, 9, 5), date(2022, 9, 18), [(2022, 36), (2022, 37)]),
        ("Test VP 22/09", date(2022, 9, 26), date(2022, 10, 15),
         [(2022, 39), (2022, 40), (2022, 41)]),
        ("Test annexe 1MELEC", date(2023, 7, 3), date(2023, 7, 23),
         [(2023, 27), (2023, 28), (2023, 29)]),
    ]  # fmt: skip
    last_sheets = periods[2][3]
    assert {s.updated_at.date() for s in last_sheets} == {date(2023, 7, 4)}
    assert {s.apprentice_changed_at.date() for s in last_sheets} == {date(2023, 7, 4)}


def test_terminale_periods(demo_store: Store) -> None:
    """Terminale Bac Pro has PFE1, PFE2, PFE3 with the seed's dates; PFE3 has weeks 29, 30."""
    with demo_store.read() as session:
        rows = session.execute(
            select(m.Period.name, m.Period.start_date, m.Period.end_date)
            .join(m.SchoolClass)
            .where(m.SchoolClass.name == "Terminale Bac Pro")
            .order_by(m.Period.start_date, m.Period.name)
        ).all()
        hugo = _apprentice(session, "GARCIA")
        pfe3 = _periods_with_sheets(session, hugo.id)[2]
    assert [(r.start_date, r.end_date) for r in rows] == [
        (date(2023, 5, 17), date(2023, 6, 2)),
        (date(2023, 7, 3), date(2023, 7, 22)),
        (date(2023, 7, 17), date(2023, 7, 30)),
    ]
    assert [f"[PFE{n}]" in r.name for n, r in enumerate(rows, 1)] == [True] * 3
    assert [(s.iso_week, s.updated_at.date()) for s in pfe3[3]] == [
        (29, date(2023, 7, 4)),
        (30, date(2023, 7, 4)),
    ]


def test_classes_and_frameworks(demo_store: Store) -> None:
    """The three classes exist; MELEC has C1 … C13 in units; BTS has the seed's two areas."""
    with demo_store.read() as session:
        classes = set(session.scalars(select(m.SchoolClass.name)))
        melec = session.scalars(select(m.Diploma).where(m.Diploma.name == "Bac Pro MELEC")).one()
        codes = session.scalars(
            select(m.Competence.code)
            .join(m.Framework)
            .where(m.Framework.diploma_id == melec.id)
            .order_by(m.Competence.position)
        ).all()
        criteria_per_competence = session.execute(
            select(m.Competence.code, func.count(m.Criterion.id))
            .join(m.Criterion)
            .join(m.Framework)
            .where(m.Framework.diploma_id == melec.id)
            .group_by(m.Competence.code)
        ).all()
        unit_links = session.scalar(select(func.count()).select_from(m.unit_competences))
        bts_tasks = session.execute(
            select(m.ActivityArea.label, m.Task.code, m.Task.label)
            .join(m.Task)
            .join(m.Framework)
            .join(m.Diploma)
            .where(m.Diploma.name == "BTS Maintenance des systèmes")
            .order_by(m.ActivityArea.position, m.Task.position)
        ).all()
    assert {"1MELEC", "Terminale Bac Pro", "Première année de BTS"} <= classes
    assert codes == [f"C{i}" for i in range(1, 14)]
    assert all(count >= 2 for _, count in criteria_per_competence)
    assert unit_links >= 13
    assert [tuple(r) for r in bts_tasks] == [
        ("MAINTENANCE CORRECTIVE", "T1.1", "Diagnostiquer les pannes"),
        ("MAINTENANCE CORRECTIVE", "T1.2", "Préparer les interventions"),
        ("MAINTENANCE CORRECTIVE", "T1.3", "Effectuer les actions correctives"),
        ("MAINTENANCE CORRECTIVE", "T1.4", "Remettre en service"),
        ("MAINTENANCE PRÉVENTIVE", "T2.1", "Mettre en œuvre le plan de maintenance préventive"),
        ("MAINTENANCE PRÉVENTIVE", "T2.2", "Exploiter les informations recueillies"),
    ]


def test_mina_reviews_equal_seed_table(demo_store: Store) -> None:
    """Mina's validated reviews are the seed's last table: 3 dates × 13 levels, and marks."""
    with demo_store.read() as session:
        mina = _apprentice(session, "AZZOUG")
        reviews = session.scalars(
            select(m.CompetenceReview)
            .where(
                m.CompetenceReview.apprentice_id == mina.id,
                m.CompetenceReview.status == ReviewStatus.VALIDATED,
            )
            .order_by(m.CompetenceReview.reviewed_on)
        ).all()
        lines = session.execute(
            select(
                m.CompetenceReviewLine.competence_review_id,
                m.Competence,
                m.CompetenceReviewLine.level,
            )
            .join(m.Competence)
            .where(m.CompetenceReviewLine.competence_review_id.in_([r.id for r in reviews]))
        ).all()
    assert [r.reviewed_on for r in reviews] == [
        date(2022, 2, 1),
        date(2022, 7, 4),
        date(2023, 1, 25),
    ]
    assert [r.proposed_mark for r in reviews] == [None, Decimal("13.5"), Decimal("12")]
    assert all(r.origin == Origin.CENTRE and r.validated_at for r in reviews)
    order = {r.id: i for i, r in enumerate(reviews)}
    table: dict[tuple[int, str], list[str]] = {}
    for review_id, competence, level in lines:
        table.setdefault((competence.position, competence.title), ["?"] * 3)[order[review_id]] = (
            level.value
        )
    rendered = "\n".join(
        "\t".join([title, *levels]) for (_, title), levels in sorted(table.items())
    )
    assert rendered == SEED_TABLE


def test_bts_task_log_reproduces_vue_par_activites(demo_store: Store) -> None:
    """The BTS apprentice's task log is the seed's grid: weeks S22 … S05, company/centre."""
    with demo_store.read() as session:
        nathan = _apprentice(session, "PETIT")
        rows = session.execute(
            select(m.TaskLog.iso_year, m.TaskLog.iso_week, m.TaskLog.origin, m.Task.code)
            .join(m.Task)
            .where(m.TaskLog.apprentice_id == nathan.id)
        ).all()
        company_weeks = session.execute(
            select(m.ActivitySheet.iso_year, m.ActivitySheet.iso_week)
            .join(m.Portfolio)
            .where(m.Portfolio.apprentice_id == nathan.id)
            .order_by(m.ActivitySheet.iso_year, m.ActivitySheet.iso_week)
        ).all()
    columns = [
        (2023, 22, "company"), (2023, 26, "company"), (2023, 37, "company"),
        (2023, 38, "company"), (2023, 38, "centre"), (2023, 39, "company"), (2024, 5, "company"),
    ]  # fmt: skip
    done = {(r.iso_year, r.iso_week, r.origin.value, r.code) for r in rows}
    grid = {
        task: "".join("X" if (*col, task) in done else "." for col in columns)
        for task in ("T1.1", "T1.2", "T1.3", "T1.4", "T2.1", "T2.2")
    }
    assert grid == {
        "T1.1": "XX.X.XX",
        "T1.2": "X....X.",
        "T1.3": ".X...X.",
        "T1.4": ".....X.",
        "T2.1": "X...X..",
        "T2.2": "....X..",
    }
    assert [tuple(w) for w in company_weeks] == [
        (2023, 22), (2023, 26), (2023, 37), (2023, 38), (2023, 39), (2024, 5),
    ]  # fmt: skip


def test_demo_accounts_sign_in_with_documented_password(demo_store: Store) -> None:
    """Each documented demo account exists, is active, has its role and the demo password."""
    with demo_store.read() as session:
        accounts = {
            a.login: a
            for a in session.scalars(
                select(m.Account)
                .options(undefer(m.Account.password_hash))  # deferred: credentials
                .where(m.Account.login.in_(DEMO_ACCOUNTS))
            )
        }
    assert set(accounts) == set(DEMO_ACCOUNTS)
    for login, role in DEMO_ACCOUNTS.items():
        assert accounts[login].role == role and accounts[login].is_active
        assert verify_password(accounts[login].password_hash, DEMO_PASSWORD)
        assert not verify_password(accounts[login].password_hash, "mauvais")
        assert DEMO_PASSWORD not in accounts[login].password_hash


def test_attachments_comments_and_read_marks(demo_store: Store) -> None:
    """The demo has a stored PDF, URLs, comments and per-reader read marks."""
    import hashlib

    with demo_store.read() as session:
        files = session.scalars(
            select(m.Attachment).where(m.Attachment.kind == "file").options()
        ).all()
        urls = session.scalar(
            select(func.count()).select_from(m.Attachment).where(m.Attachment.kind == "url")
        )
        comments = session.scalar(select(func.count()).select_from(m.Comment))
        marks = session.scalar(select(func.count()).select_from(m.ReadMark))
        for attachment in files:
            assert attachment.content.startswith(b"%PDF-")
            assert hashlib.sha256(attachment.content).hexdigest() == attachment.sha256
            assert attachment.size_bytes == len(attachment.content)
    assert len(files) >= 2 and urls >= 1 and comments >= 3 and marks >= 5


def test_demo_is_idempotent(demo_store: Store) -> None:
    """Building the demo on a store that holds it changes nothing."""
    before = demo_store.info().counts
    report = build_demo_world(demo_store)
    assert not report.created
    assert demo_store.info().counts == before


def test_demo_refuses_a_store_with_other_data(store: Store) -> None:
    """On a non-empty store that is not the demo, the demo refuses and writes nothing."""
    with store.write() as session:
        session.add(m.Account(login="x", role="admin", last_name="X", first_name="Y"))
    before = store.info().counts
    with pytest.raises(DemoRefused, match="n'est pas vide"):
        build_demo_world(store)
    assert store.info().counts == before
