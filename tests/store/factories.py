"""Minimal valid rows for store tests: plain functions that take a `Session`.

Each function adds one row (building the rows it needs when not given them), flushes so
that the row has its id, and returns it. Codes and names are unique per call, so a test
can build several of each in one store. Nothing here commits: the caller's transaction
decides.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from cpro_desktop import models as m

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def account(session: Session, *, role: m.Role = m.Role.TRAINER) -> m.Account:
    """An account of the given role (a trainer by default), without a password."""
    n = _next()
    row = m.Account(login=f"compte{n}", role=role, last_name=f"Nom{n}", first_name="Prénom")
    session.add(row)
    session.flush()
    return row


def diploma(session: Session) -> m.Diploma:
    """A diploma with a unique code."""
    n = _next()
    row = m.Diploma(code=f"DIP{n}", name=f"Bac Pro {n}", level="4")
    session.add(row)
    session.flush()
    return row


def framework(session: Session, *, diploma_row: m.Diploma | None = None) -> m.Framework:
    """The framework of a diploma (a new diploma unless given)."""
    diploma_row = diploma_row or diploma(session)
    row = m.Framework(diploma_id=diploma_row.id, name=f"Référentiel {diploma_row.code}")
    session.add(row)
    session.flush()
    return row


def competence(session: Session, *, framework_row: m.Framework | None = None) -> m.Competence:
    """A competence of a framework (a new framework unless given)."""
    framework_row = framework_row or framework(session)
    n = _next()
    row = m.Competence(framework_id=framework_row.id, code=f"C{n}", label=f"Compétence {n}")
    session.add(row)
    session.flush()
    return row


def criterion(session: Session, *, competence_row: m.Competence | None = None) -> m.Criterion:
    """An observable criterion of a competence (a new competence unless given)."""
    competence_row = competence_row or competence(session)
    n = _next()
    row = m.Criterion(competence_id=competence_row.id, code=f"CR{n}", label=f"Critère {n}")
    session.add(row)
    session.flush()
    return row


def school_year(
    session: Session,
    *,
    start_date: date = date(2022, 9, 1),
    end_date: date = date(2023, 7, 7),
) -> m.SchoolYear:
    """A school year with a unique label (2022-2023 dates by default)."""
    row = m.SchoolYear(label=f"A{_next()}", start_date=start_date, end_date=end_date)
    session.add(row)
    session.flush()
    return row


def school_class(
    session: Session,
    *,
    diploma_row: m.Diploma | None = None,
    school_year_row: m.SchoolYear | None = None,
) -> m.SchoolClass:
    """A first-year class of a diploma in a school year (new ones unless given)."""
    diploma_row = diploma_row or diploma(session)
    school_year_row = school_year_row or school_year(session)
    row = m.SchoolClass(
        name=f"1BCP{_next()}",
        training_year=1,
        diploma_id=diploma_row.id,
        school_year_id=school_year_row.id,
    )
    session.add(row)
    session.flush()
    return row


def apprentice(session: Session, *, class_row: m.SchoolClass | None = None) -> m.Apprentice:
    """An apprentice in a class (a new class unless given)."""
    class_row = class_row or school_class(session)
    n = _next()
    row = m.Apprentice(last_name=f"Apprenti{n}", first_name="Mina", school_class_id=class_row.id)
    session.add(row)
    session.flush()
    return row


def period(
    session: Session,
    *,
    class_row: m.SchoolClass | None = None,
    start_date: date = date(2022, 9, 5),
    end_date: date = date(2022, 9, 18),
) -> m.Period:
    """A company period of a class (two weeks of September 2022 by default)."""
    class_row = class_row or school_class(session)
    row = m.Period(
        school_class_id=class_row.id,
        name=f"PFMP{_next()}",
        start_date=start_date,
        end_date=end_date,
    )
    session.add(row)
    session.flush()
    return row


def portfolio(
    session: Session,
    *,
    apprentice_row: m.Apprentice | None = None,
    period_row: m.Period | None = None,
) -> m.Portfolio:
    """The portfolio of an apprentice for a period of his class (new ones unless given)."""
    if apprentice_row is None:
        class_row = school_class(session)
        apprentice_row = apprentice(session, class_row=class_row)
    if period_row is None:
        assert apprentice_row.school_class_id is not None
        period_row = m.Period(
            school_class_id=apprentice_row.school_class_id,
            name=f"PFMP{_next()}",
            start_date=date(2022, 9, 5),
            end_date=date(2022, 9, 18),
        )
        session.add(period_row)
        session.flush()
    row = m.Portfolio(apprentice_id=apprentice_row.id, period_id=period_row.id)
    session.add(row)
    session.flush()
    return row


def logbook(session: Session, *, portfolio_row: m.Portfolio | None = None) -> m.Logbook:
    """The logbook of a portfolio (a new portfolio unless given)."""
    portfolio_row = portfolio_row or portfolio(session)
    row = m.Logbook(portfolio_id=portfolio_row.id)
    session.add(row)
    session.flush()
    return row


def activity_sheet(
    session: Session,
    *,
    portfolio_row: m.Portfolio | None = None,
    iso_year: int = 2022,
    iso_week: int = 36,
) -> m.ActivitySheet:
    """The activity sheet of one ISO week of a portfolio (week 36 of 2022 by default)."""
    portfolio_row = portfolio_row or portfolio(session)
    row = m.ActivitySheet(
        portfolio_id=portfolio_row.id,
        iso_year=iso_year,
        iso_week=iso_week,
        title="Remplacement d'un disjoncteur",
        description="Première version.",
    )
    session.add(row)
    session.flush()
    return row


def competence_review(
    session: Session,
    *,
    apprentice_row: m.Apprentice | None = None,
    proposed_mark: Decimal | None = None,
) -> m.CompetenceReview:
    """A draft competence review of an apprentice, in the centre (a new apprentice unless given)."""
    apprentice_row = apprentice_row or apprentice(session)
    row = m.CompetenceReview(
        apprentice_id=apprentice_row.id,
        origin=m.Origin.CENTRE,
        reviewed_on=date(2022, 12, 15),
        findings="Premiers constats.",
        proposed_mark=proposed_mark,
    )
    session.add(row)
    session.flush()
    return row


def rating_grid(session: Session, *, apprentice_row: m.Apprentice | None = None) -> m.RatingGrid:
    """A formative rating grid of an apprentice, in the centre (a new apprentice unless given)."""
    apprentice_row = apprentice_row or apprentice(session)
    row = m.RatingGrid(
        apprentice_id=apprentice_row.id,
        origin=m.Origin.CENTRE,
        kind=m.GridKind.FORMATIVE,
        rated_on=date(2022, 11, 10),
    )
    session.add(row)
    session.flush()
    return row
