"""The database itself refuses rows that break the domain's invariants.

Each test builds the minimal valid rows with `factories`, commits them, then tries the
forbidden row in a write transaction: the DATABASE must answer with an `IntegrityError`
naming the constraint (SQLite and PostgreSQL word it differently, hence two fragments),
and nothing is written. Services validate earlier with French messages; these
constraints are the last line, for bugs and for other programs writing to the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.store import Store

from . import factories as f


def violation(*fragments: str) -> str:
    """A `pytest.raises(match=...)` pattern accepting any of the backends' wordings."""
    return "|".join(re.escape(fragment) for fragment in fragments)


def build(store: Store, make: Callable[[Session], Any]) -> Any:
    """Commit what `make` builds and return it (loaded values stay after commit)."""
    with store.write() as session:
        return make(session)


def count(store: Store, model: type[m.Base]) -> int:
    """How many rows of `model` the store holds."""
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_minimal_world_is_accepted(store: Store) -> None:
    """The factories' rows (diploma to activity sheet and review) satisfy every constraint."""
    sheet = build(store, f.activity_sheet)
    review = build(store, f.competence_review)
    criterion = build(store, f.criterion)

    with store.read() as session:
        assert session.get(m.ActivitySheet, sheet.id) is not None
        assert session.get(m.CompetenceReview, review.id) is not None
        assert session.get(m.Criterion, criterion.id) is not None
    assert count(store, m.Portfolio) == 1


def test_period_ending_before_its_start_is_rejected(store: Store) -> None:
    """A period whose end date precedes its start date is refused by the database."""
    school_class = build(store, f.school_class)

    with pytest.raises(IntegrityError, match="ck_periods_dates_ordered"), store.write() as s:
        s.add(
            m.Period(
                school_class_id=school_class.id,
                name="PFMP à l'envers",
                start_date=date(2022, 9, 18),
                end_date=date(2022, 9, 5),
            )
        )
    assert count(store, m.Period) == 0


def test_second_portfolio_for_same_apprentice_and_period_is_rejected(store: Store) -> None:
    """An apprentice has at most one portfolio per period."""
    first = build(store, f.portfolio)

    with (
        pytest.raises(
            IntegrityError,
            match=violation(
                "uq_portfolios_apprentice_id_period_id",
                "portfolios.apprentice_id, portfolios.period_id",
            ),
        ),
        store.write() as session,
    ):
        session.add(m.Portfolio(apprentice_id=first.apprentice_id, period_id=first.period_id))
    assert count(store, m.Portfolio) == 1


def test_second_sheet_for_same_portfolio_and_week_is_rejected(store: Store) -> None:
    """A portfolio has at most one activity sheet per ISO week."""
    first = build(store, f.activity_sheet)

    with (
        pytest.raises(
            IntegrityError,
            match=violation(
                "uq_activity_sheets_portfolio_id_iso_year_iso_week",
                "activity_sheets.portfolio_id, activity_sheets.iso_year, activity_sheets.iso_week",
            ),
        ),
        store.write() as session,
    ):
        session.add(
            m.ActivitySheet(
                portfolio_id=first.portfolio_id, iso_year=first.iso_year, iso_week=first.iso_week
            )
        )
    assert count(store, m.ActivitySheet) == 1


@pytest.mark.parametrize("iso_week", [0, 54])
def test_iso_week_out_of_range_is_rejected(store: Store, iso_week: int) -> None:
    """An activity sheet's ISO week must lie between 1 and 53."""
    portfolio = build(store, f.portfolio)

    with (
        pytest.raises(IntegrityError, match="ck_activity_sheets_iso_week_range"),
        store.write() as session,
    ):
        session.add(m.ActivitySheet(portfolio_id=portfolio.id, iso_year=2020, iso_week=iso_week))
    assert count(store, m.ActivitySheet) == 0


def test_iso_weeks_1_and_53_are_accepted(store: Store) -> None:
    """The bounds of the ISO week range are valid weeks (2020 has a week 53)."""
    portfolio = build(store, f.portfolio)

    with store.write() as session:
        for week in (1, 53):
            f.activity_sheet(session, portfolio_row=portfolio, iso_year=2020, iso_week=week)

    with store.read() as session:
        weeks = session.scalars(select(m.ActivitySheet.iso_week).order_by("iso_week")).all()
    assert weeks == [1, 53]


@pytest.mark.parametrize("mark", [Decimal("21"), Decimal("-1"), Decimal("20.5")], ids=str)
def test_proposed_mark_outside_0_to_20_is_rejected(store: Store, mark: Decimal) -> None:
    """A competence review's proposed mark is out of 20: above 20 or below 0 is refused."""
    apprentice = build(store, f.apprentice)

    with (
        pytest.raises(IntegrityError, match="ck_competence_reviews_mark_range"),
        store.write() as session,
    ):
        f.competence_review(session, apprentice_row=apprentice, proposed_mark=mark)
    assert count(store, m.CompetenceReview) == 0


@pytest.mark.parametrize("mark", [Decimal("0"), Decimal("13.5"), Decimal("20")], ids=str)
def test_proposed_mark_within_0_to_20_is_stored_exactly(store: Store, mark: Decimal) -> None:
    """Marks from 0 to 20, half points included, are stored and read back unchanged."""
    review = build(store, lambda session: f.competence_review(session, proposed_mark=mark))

    with store.read() as session:
        stored = session.scalar(
            select(m.CompetenceReview.proposed_mark).where(m.CompetenceReview.id == review.id)
        )
    assert stored == mark


def test_orm_refuses_unknown_rating_result_before_the_database(store: Store) -> None:
    """The ORM's enumeration refuses a rating result outside the five, before any SQL runs."""
    grid = build(store, f.rating_grid)
    criterion = build(store, f.criterion)

    with pytest.raises(StatementError, match="excellent") as caught, store.write() as session:
        session.add(m.Rating(rating_grid_id=grid.id, criterion_id=criterion.id, result="excellent"))
    assert isinstance(caught.value.orig, LookupError)
    assert not isinstance(caught.value, IntegrityError)
    assert count(store, m.Rating) == 0


def test_database_refuses_unknown_rating_result_from_raw_sql(store: Store) -> None:
    """A rating result outside the five, written by raw SQL, is refused by a CHECK."""
    grid = build(store, f.rating_grid)
    criterion = build(store, f.criterion)
    insert = text(
        "INSERT INTO ratings (rating_grid_id, criterion_id, result, remark, version)"
        " VALUES (:grid, :criterion, :result, '', 1)"
    )

    with store.write() as session:
        session.execute(insert, {"grid": grid.id, "criterion": criterion.id, "result": "partial"})
    with (
        pytest.raises(IntegrityError, match="ck_ratings_rating_result"),
        store.write() as session,
    ):
        session.execute(insert, {"grid": grid.id, "criterion": criterion.id, "result": "excellent"})
    assert count(store, m.Rating) == 1


def test_foreign_key_to_missing_apprentice_is_rejected(store: Store) -> None:
    """A row pointing at a missing apprentice is refused (SQLite: foreign_keys is ON)."""
    period = build(store, f.period)

    with (
        pytest.raises(
            IntegrityError,
            match=violation("fk_portfolios_apprentice_id_apprentices", "FOREIGN KEY constraint"),
        ),
        store.write() as session,
    ):
        session.add(m.Portfolio(apprentice_id=999_999, period_id=period.id))
    assert count(store, m.Portfolio) == 0


def test_attachment_with_a_logbook_and_a_sheet_owner_is_rejected(store: Store) -> None:
    """An attachment belongs to exactly one of a logbook, a sheet or a booklet."""

    def make(session: Session) -> tuple[m.Logbook, m.ActivitySheet]:
        portfolio = f.portfolio(session)
        return f.logbook(session, portfolio_row=portfolio), f.activity_sheet(
            session, portfolio_row=portfolio
        )

    logbook, sheet = build(store, make)

    with pytest.raises(IntegrityError, match="ck_attachments_one_owner"), store.write() as s:
        s.add(
            m.Attachment(
                kind=m.AttachmentKind.URL,
                name="Notice",
                url="https://example.org/notice.pdf",
                logbook_id=logbook.id,
                activity_sheet_id=sheet.id,
            )
        )
    assert count(store, m.Attachment) == 0


def test_attachment_without_owner_is_rejected(store: Store) -> None:
    """An attachment with no owner at all is refused as well."""
    with pytest.raises(IntegrityError, match="ck_attachments_one_owner"), store.write() as s:
        s.add(m.Attachment(kind=m.AttachmentKind.URL, name="Notice", url="https://example.org"))
    assert count(store, m.Attachment) == 0


def test_file_attachment_without_content_is_rejected(store: Store) -> None:
    """An attachment of kind 'file' must carry its bytes (and their SHA-256)."""
    logbook = build(store, f.logbook)

    with pytest.raises(IntegrityError, match="ck_attachments_file_or_url"), store.write() as s:
        s.add(m.Attachment(kind=m.AttachmentKind.FILE, name="photo.jpg", logbook_id=logbook.id))
    assert count(store, m.Attachment) == 0


def test_valid_file_and_url_attachments_are_accepted(store: Store) -> None:
    """A file with its bytes, and a URL, each with one owner, are accepted."""
    sheet = build(store, f.activity_sheet)

    with store.write() as session:
        session.add_all(
            [
                m.Attachment(
                    kind=m.AttachmentKind.FILE,
                    name="photo.jpg",
                    content=b"\xff\xd8\xff",
                    size_bytes=3,
                    sha256="0" * 64,
                    activity_sheet_id=sheet.id,
                ),
                m.Attachment(
                    kind=m.AttachmentKind.URL,
                    name="Notice",
                    url="https://example.org/notice.pdf",
                    activity_sheet_id=sheet.id,
                ),
            ]
        )
    assert count(store, m.Attachment) == 2


def test_read_mark_without_target_is_rejected(store: Store) -> None:
    """A read mark points at exactly one sheet or one competence review."""
    reader = build(store, f.account)

    with pytest.raises(IntegrityError, match="ck_read_marks_one_target"), store.write() as s:
        s.add(m.ReadMark(reader_id=reader.id))
    assert count(store, m.ReadMark) == 0


@pytest.mark.parametrize(
    ("status", "validated_at"),
    [
        pytest.param(m.ReviewStatus.VALIDATED, None, id="validated-without-date"),
        pytest.param(m.ReviewStatus.DRAFT, datetime(2022, 12, 16, tzinfo=UTC), id="draft-dated"),
    ],
)
def test_review_status_and_validation_date_must_agree(
    store: Store, status: m.ReviewStatus, validated_at: datetime | None
) -> None:
    """A validated review has a validation date, and a draft has none (a review is created
    as a draft, migration 0006: the check is met when it is validated)."""
    apprentice = build(store, f.apprentice)

    with (
        pytest.raises(IntegrityError, match="ck_competence_reviews_validated_has_date"),
        store.write() as session,
    ):
        review = m.CompetenceReview(
            apprentice_id=apprentice.id, origin=m.Origin.COMPANY, reviewed_on=date(2022, 12, 15)
        )
        session.add(review)
        session.flush()
        review.status = status
        review.validated_at = validated_at
    assert count(store, m.CompetenceReview) == 0


def test_school_year_ending_before_its_start_is_rejected(store: Store) -> None:
    """A school year whose end date precedes its start date is refused by the database."""
    with (
        pytest.raises(IntegrityError, match="ck_school_years_dates_ordered"),
        store.write() as session,
    ):
        f.school_year(session, start_date=date(2023, 9, 1), end_date=date(2023, 7, 7))
    assert count(store, m.SchoolYear) == 0
