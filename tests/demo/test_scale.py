"""The generated centre (`demo.scale`): its shape, its consistency, and that it stacks up."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.demo.scale import generate_scale, iso_weeks
from cpro_desktop.store import Store, ValidationError


def _count(store: Store, model: type[m.Base]) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _touched_weeks(start: date, end: date) -> set[tuple[int, int]]:
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return {(day.isocalendar().year, day.isocalendar().week) for day in days}


def test_iso_weeks_counts_partial_weeks() -> None:
    """A period from a Wednesday to the Monday after next touches three ISO weeks."""
    assert iso_weeks(date(2023, 1, 4), date(2023, 1, 16)) == ((2023, 1), (2023, 2), (2023, 3))
    assert iso_weeks(date(2020, 12, 28), date(2021, 1, 3)) == ((2020, 53),)


def test_generates_about_the_requested_apprentices_fully_placed(store: Store) -> None:
    """60 asked give about 60 apprentices, each with a class, a company, a tutor and a referent
    trainer who teaches his class, and a booklet."""
    report = generate_scale(store, 60, seed=3)

    with store.read() as session:
        apprentices = session.execute(
            select(
                m.Apprentice.id,
                m.Apprentice.school_class_id,
                m.Apprentice.company_id,
                m.Apprentice.tutor_id,
                m.Apprentice.referent_trainer_id,
                m.Apprentice.account_id,
            )
        ).all()
        teaching = {tuple(row) for row in session.execute(select(m.class_trainers))}
        roles = dict(session.execute(select(m.Account.id, m.Account.role)).all())
        booklets = session.scalar(select(func.count()).select_from(m.Booklet))
    assert 42 <= len(apprentices) <= 78
    assert report.apprentices == len(apprentices) == booklets
    for _id, class_id, company_id, tutor_id, referent_id, account_id in apprentices:
        assert class_id is not None and company_id is not None
        assert roles[tutor_id] == m.Role.TUTOR
        assert roles[account_id] == m.Role.APPRENTICE
        assert (class_id, referent_id) in teaching


def test_each_portfolio_has_one_sheet_per_iso_week_of_its_period(store: Store) -> None:
    """Every portfolio holds exactly one activity sheet per ISO week its period touches."""
    generate_scale(store, 20, seed=5)

    with store.read() as session:
        periods = {
            period_id: _touched_weeks(start, end)
            for period_id, start, end in session.execute(
                select(m.Period.id, m.Period.start_date, m.Period.end_date)
            )
        }
        sheets: dict[int, set[tuple[int, int]]] = {}
        portfolio_period = dict(
            session.execute(select(m.Portfolio.id, m.Portfolio.period_id)).all()
        )
        for portfolio_id, year, week in session.execute(
            select(m.ActivitySheet.portfolio_id, m.ActivitySheet.iso_year, m.ActivitySheet.iso_week)
        ):
            sheets.setdefault(portfolio_id, set()).add((year, week))
    assert portfolio_period
    for portfolio_id, period_id in portfolio_period.items():
        assert sheets.get(portfolio_id, set()) == periods[period_id]


def test_reviews_rate_every_competence_and_validated_ones_are_dated(store: Store) -> None:
    """A competence review has one line per competence of the diploma (13 here); validated
    reviews carry their date and validator, and proposed marks are half points out of 20."""
    generate_scale(store, 20, seed=8)

    with store.read() as session:
        lines = Counter(session.scalars(select(m.CompetenceReviewLine.competence_review_id)))
        reviews = session.execute(
            select(
                m.CompetenceReview.id,
                m.CompetenceReview.status,
                m.CompetenceReview.validated_at,
                m.CompetenceReview.validated_by_id,
                m.CompetenceReview.proposed_mark,
            )
        ).all()
    assert reviews
    assert {lines[review.id] for review in reviews} == {13}
    validated = [r for r in reviews if r.status == m.ReviewStatus.VALIDATED]
    assert len(validated) >= len(reviews) * 0.8
    assert all(r.validated_at is not None and r.validated_by_id for r in validated)
    marks = [r.proposed_mark for r in reviews if r.proposed_mark is not None]
    assert marks and all(0 <= mark <= 20 and (mark * 2) % 1 == 0 for mark in marks)


def test_running_twice_adds_a_second_centre_and_ids_continue(store: Store) -> None:
    """A second run adds as many rows again without breaking a constraint, and afterwards
    the application's own inserts still get fresh ids (sequences follow on PostgreSQL)."""
    first = generate_scale(store, 15, seed=1)
    with store.read() as session:
        last_apprentice = session.scalar(select(func.max(m.Apprentice.id)))
        last_company = session.scalar(select(func.max(m.Company.id)))

    second = generate_scale(store, 15, seed=1)

    assert second.apprentices == first.apprentices
    assert _count(store, m.Apprentice) == first.apprentices + second.apprentices
    assert _count(store, m.Diploma) == 2  # the second run reuses the first run's frameworks
    with store.read() as session:
        new_ids = session.scalars(
            select(m.Apprentice.id).where(m.Apprentice.id > last_apprentice)
        ).all()
    assert len(new_ids) == second.apprentices
    with store.write() as session:
        company = m.Company(name="Entreprise saisie à la main")
        session.add(company)
        session.flush()
        assert company.id > last_company + second.counts["companies"]


def test_refuses_fewer_than_one_apprentice(store: Store) -> None:
    """Asking for no apprentice is refused with a French message, and nothing is written."""
    with pytest.raises(ValidationError) as caught:
        generate_scale(store, 0)
    assert caught.value.field == "apprentices"
    assert "au moins 1" in str(caught.value)
    assert store.is_empty()


def test_same_seed_gives_the_same_centre(tmp_path: Path) -> None:
    """Two empty stores given the same seed receive the same apprentices and sheets."""
    contents = []
    for name in ("a", "b"):
        with Store.open(f"sqlite:///{tmp_path / name}.sqlite3") as store:
            report = generate_scale(store, 10, seed=42)
            with store.read() as session:
                people = session.execute(
                    select(m.Apprentice.last_name, m.Apprentice.national_id).order_by(
                        m.Apprentice.id
                    )
                ).all()
                titles = session.scalars(
                    select(m.ActivitySheet.title).order_by(m.ActivitySheet.id)
                ).all()
            contents.append((dict(report.counts), people, titles))
    assert contents[0] == contents[1]


def test_adds_to_the_demo_world(backend: str, request: pytest.FixtureRequest) -> None:
    """On a store holding the demo world, the generator reuses its diplomas and school years
    and leaves its apprentices as they were."""
    pytest.importorskip("cpro_desktop.demo.world")
    store: Store = request.getfixturevalue("demo_store")
    with store.read() as session:
        before = session.execute(
            select(m.Apprentice.id, m.Apprentice.school_class_id, m.Apprentice.tutor_id)
        ).all()
    diplomas, years = _count(store, m.Diploma), _count(store, m.SchoolYear)

    report = generate_scale(store, 12, seed=2)

    assert _count(store, m.Diploma) == diplomas
    assert _count(store, m.SchoolYear) <= max(years, 4)
    assert _count(store, m.Apprentice) == len(before) + report.apprentices
    with store.read() as session:
        still = session.execute(
            select(m.Apprentice.id, m.Apprentice.school_class_id, m.Apprentice.tutor_id).where(
                m.Apprentice.id.in_([row.id for row in before])
            )
        ).all()
    assert sorted(still) == sorted(before)
