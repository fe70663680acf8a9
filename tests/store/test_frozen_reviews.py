"""A validated competence review never changes again: not through a service, not through
the ORM, not with raw SQL — on SQLite and on PostgreSQL; and of two sessions validating the
same draft at once, exactly one wins."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from cpro_desktop import models as m
from cpro_desktop.models.enums import CompetenceLevel, Origin, ReviewStatus
from cpro_desktop.services import reviews
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import ConflictError, Store

FROZEN = "bilan valide definitivement"
ROW_SQL = "SELECT findings, advice, proposed_mark, version FROM competence_reviews WHERE id = :i"


def _validated_review(store: Store) -> tuple[int, tuple]:
    with store.read() as session:
        review = session.scalars(
            select(m.CompetenceReview).where(m.CompetenceReview.status == ReviewStatus.VALIDATED)
        ).first()
        row = session.execute(
            text(ROW_SQL),
            {"i": review.id},
        ).one()
        return review.id, tuple(row)


def _row(store: Store, review_id: int) -> tuple:
    with store.read() as session:
        return tuple(
            session.execute(
                text(ROW_SQL),
                {"i": review_id},
            ).one()
        )


def _levels(store: Store, review_id: int) -> list[str]:
    with store.read() as session:
        return list(
            session.scalars(
                text(
                    "SELECT level FROM competence_review_lines WHERE competence_review_id = :i"
                    " ORDER BY competence_id"
                ),
                {"i": review_id},
            )
        )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE competence_reviews SET findings = 'réécrit' WHERE id = :i",
        "UPDATE competence_reviews SET status = 'draft', validated_at = NULL WHERE id = :i",
        "DELETE FROM competence_reviews WHERE id = :i",
        "UPDATE competence_review_lines SET level = '++' WHERE competence_review_id = :i",
        "DELETE FROM competence_review_lines WHERE competence_review_id = :i",
        "INSERT INTO competence_review_lines (competence_review_id, competence_id, level)"
        " SELECT :i, id, 'NE' FROM competences WHERE id NOT IN"
        " (SELECT competence_id FROM competence_review_lines WHERE competence_review_id = :i)",
    ],
)
def test_raw_sql_cannot_change_a_validated_review(demo_store: Store, statement: str) -> None:
    """Raw SQL UPDATE / DELETE / INSERT on a validated review or its lines is refused."""
    review_id, before = _validated_review(demo_store)
    levels = _levels(demo_store, review_id)
    with pytest.raises((IntegrityError, DBAPIError), match=FROZEN):
        with demo_store.write() as session:
            session.execute(text(statement), {"i": review_id})
    assert _row(demo_store, review_id) == before
    assert _levels(demo_store, review_id) == levels


def test_orm_update_of_a_validated_review_is_refused(demo_store: Store) -> None:
    """Changing a validated review through the ORM fails at flush; the row is unchanged."""
    review_id, before = _validated_review(demo_store)
    with pytest.raises((IntegrityError, DBAPIError), match=FROZEN):
        with demo_store.write() as session:
            session.get(m.CompetenceReview, review_id).findings = "réécrit par l'ORM"
    with pytest.raises((IntegrityError, DBAPIError), match=FROZEN):
        with demo_store.write() as session:
            line = session.scalars(
                select(m.CompetenceReviewLine).where(
                    m.CompetenceReviewLine.competence_review_id == review_id
                )
            ).first()
            line.level = CompetenceLevel.ACQUIRED
    assert _row(demo_store, review_id) == before


def test_service_update_of_a_validated_review_is_refused(demo_store: Store) -> None:
    """The service refuses to save or delete a validated review; the row is unchanged."""
    trainer = authenticate(demo_store, "formateur", "cpro-demo")
    review_id, before = _validated_review(demo_store)
    with pytest.raises(ConflictError, match="validé"):
        reviews.save_draft(demo_store, trainer, review_id, before[3], findings="x", advice="y",
                           levels={})  # fmt: skip
    with pytest.raises(ConflictError, match="validé"):
        reviews.delete_draft(demo_store, trainer, review_id, before[3])
    assert _row(demo_store, review_id) == before


def test_drafts_stay_editable_and_erasure_still_works(demo_store: Store) -> None:
    """The triggers leave drafts free, and erasing the apprentice removes his reviews."""
    with demo_store.write() as session:
        session.execute(text("UPDATE competence_reviews SET advice = 'ok' WHERE status = 'draft'"))
        mina = session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))
        session.execute(text("DELETE FROM apprentices WHERE id = :i"), {"i": mina})
    with demo_store.read() as session:
        left = session.scalar(
            text("SELECT COUNT(*) FROM competence_reviews WHERE apprentice_id = :i"), {"i": mina}
        )
    assert left == 0


def _wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_two_sessions_validating_at_once_one_wins(demo_url: str) -> None:
    """Two sessions (two connections) validate the same draft at once: one wins, the other
    is told; the review is validated once."""
    setup = Store.open(demo_url)
    tutor = authenticate(setup, "tuteur", "cpro-demo")
    mina = 1
    draft = reviews.start_review(setup, tutor, mina, Origin.COMPANY)
    draft = reviews.save_draft(setup, tutor, draft.id, draft.version, findings="Constats",
                               advice="Conseils", levels={})  # fmt: skip
    stores = [Store.open(demo_url), Store.open(demo_url)]
    outcomes: list[str] = []
    lock = setup.engine.connect()
    lock.execute(
        text("SELECT id FROM competence_reviews WHERE id = :i FOR UPDATE"), {"i": draft.id}
    )

    def validate(store: Store) -> None:
        try:
            reviews.validate_review(store, tutor, draft.id, draft.version, "CONFIRMATION")
            outcomes.append("won")
        except ConflictError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=validate, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    with setup.engine.connect() as probe:
        _wait_until(
            lambda: (
                probe.scalar(
                    text(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        " AND datname = current_database()"
                    )
                )
                == 2
            )
        )
    lock.commit()  # both sessions were waiting on the row: release them together
    lock.close()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2 and outcomes.count("won") == 1
    assert any("validé" in o for o in outcomes if o != "won")
    final = reviews.get_review(setup, tutor, draft.id)
    assert final.status == ReviewStatus.VALIDATED and final.version == draft.version + 1
    for store in (*stores, setup):
        store.close()
