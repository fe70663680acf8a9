"""A validated competence review never changes again: not through a service, not through
the ORM, not with raw SQL — on SQLite and on PostgreSQL; and of two sessions validating the
same draft at once, exactly one wins."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from cpro_desktop import models as m
from cpro_desktop.models.enums import CompetenceLevel, Origin, ReviewStatus
from cpro_desktop.services import printing, reviews
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import ConflictError, Store, migrate

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


# -- created as drafts, never truncated, frozen as shown (migration 0006) -------------------

CREATED_AS_DRAFT = "créé en brouillon"


def _mina(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def test_raw_insert_of_a_validated_review_is_refused(demo_store: Store) -> None:
    """A review is created as a draft: a raw (back-dated) INSERT of a validated review, or
    one through the ORM, is refused by the store; a draft INSERT is accepted."""
    mina = _mina(demo_store)
    with demo_store.read() as session:
        count = session.scalar(text("SELECT COUNT(*) FROM competence_reviews"))
    with pytest.raises((IntegrityError, DBAPIError), match=CREATED_AS_DRAFT):
        with demo_store.write() as session:
            session.execute(
                text(
                    "INSERT INTO competence_reviews (apprentice_id, origin, author_id,"
                    " reviewed_on, findings, advice, status, validated_at, version,"
                    " created_at, updated_at) VALUES (:a, 'centre', 1, '2020-01-01', 'x', 'y',"
                    " 'validated', '2020-01-01 17:00:00', 1, '2020-01-01 17:00:00',"
                    " '2020-01-01 17:00:00')"
                ),
                {"a": mina},
            )
    with pytest.raises((IntegrityError, DBAPIError), match=CREATED_AS_DRAFT):
        with demo_store.write() as session:
            session.add(
                m.CompetenceReview(
                    apprentice_id=mina,
                    origin=Origin.CENTRE,
                    reviewed_on=date(2020, 1, 1),
                    status=ReviewStatus.VALIDATED,
                    validated_at=datetime(2020, 1, 1, 17, tzinfo=UTC),
                )
            )
    with demo_store.read() as session:
        assert session.scalar(text("SELECT COUNT(*) FROM competence_reviews")) == count
    with demo_store.write() as session:
        session.add(
            m.CompetenceReview(
                apprentice_id=mina, origin=Origin.CENTRE, reviewed_on=date(2020, 1, 1)
            )
        )


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE competence_reviews CASCADE",
        "TRUNCATE competence_review_lines",
        "TRUNCATE apprentices CASCADE",
    ],
)
def test_truncate_is_refused_on_postgresql(demo_store: Store, statement: str) -> None:
    """TRUNCATE fires no row trigger: statement triggers refuse it, even for the server's
    superuser (the tests' connection)."""
    with demo_store.read() as session:
        before = session.scalar(text("SELECT COUNT(*) FROM competence_review_lines"))
    with pytest.raises(DBAPIError, match="ne peuvent pas être vidées"):
        with demo_store.engine.begin() as connection:
            connection.execute(text(statement))
    with demo_store.read() as session:
        assert session.scalar(text("SELECT COUNT(*) FROM competence_review_lines")) == before


def _shown(store: Store, tmp_path: Path, name: str) -> tuple:
    """What the demo apprentice's validated reviews show: snapshots, comparison table and
    the printed reviews document's text."""
    trainer = authenticate(store, "formateur", "cpro-demo")
    mina = _mina(store)
    validated = [r for r in reviews.list_reviews(store, trainer, mina) if not r.is_draft]
    table = reviews.comparison_table(store, trainer, mina)
    target = tmp_path / name
    printing.print_reviews(store, trainer, mina, target)
    pdf = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(target).pages))
    return validated, table, pdf


def _change_framework_and_class(store: Store) -> None:
    """Rename C1, add a competence at the top of the framework, and move the demo
    apprentice to a class of another diploma."""
    mina = _mina(store)
    with store.write() as session:
        c1 = session.scalars(select(m.Competence).where(m.Competence.code == "C1")).first()
        c1.label = "Intitulé renommé après coup"
        session.add(
            m.Competence(framework_id=c1.framework_id, code="C0", label="Ajoutée", position=-1)
        )
        apprentice = session.get(m.Apprentice, mina)
        current = session.get(m.SchoolClass, apprentice.school_class_id)
        other = session.scalars(
            select(m.SchoolClass).where(m.SchoolClass.diploma_id != current.diploma_id)
        ).first()
        apprentice.school_class_id = other.id


def test_a_validated_review_keeps_what_it_showed(demo_store: Store, tmp_path: Path) -> None:
    """Renaming a competence, adding one and moving the apprentice to another class change
    nothing in her validated reviews, their comparison table or their printed text."""
    validated, table, pdf = _shown(demo_store, tmp_path, "before.pdf")
    assert len(validated) == 3 and len(table.rows) == 13
    assert validated[0].class_name == "1MELEC" and validated[0].diploma_name
    assert "Intitulé renommé" not in pdf and "1MELEC" in pdf
    _change_framework_and_class(demo_store)
    assert _shown(demo_store, tmp_path, "after.pdf") == (validated, table, pdf)


def test_a_draft_follows_the_framework(demo_store: Store) -> None:
    """A draft is not a document: it shows the framework as it is now."""
    tutor = authenticate(demo_store, "tuteur", "cpro-demo")
    mina = _mina(demo_store)
    draft = reviews.start_review(demo_store, tutor, mina, Origin.COMPANY)
    with demo_store.write() as session:
        c1 = session.scalars(select(m.Competence).where(m.Competence.code == "C1")).first()
        c1.label = "Intitulé renommé après coup"
    again = reviews.get_review(demo_store, tutor, draft.id)
    assert again.lines[0].title == "C1 - Intitulé renommé après coup"
    draft = reviews.save_draft(demo_store, tutor, again.id, again.version, findings="Constats",
                               advice="Conseils", levels={})  # fmt: skip
    done = reviews.validate_review(demo_store, tutor, draft.id, draft.version, "CONFIRMATION")
    with demo_store.write() as session:
        c1 = session.scalars(select(m.Competence).where(m.Competence.code == "C1")).first()
        c1.label = "Encore renommé"
    assert reviews.get_review(demo_store, tutor, done.id) == done
    assert done.lines[0].title == "C1 - Intitulé renommé après coup"


def test_the_migration_backfills_validated_reviews(demo_store: Store) -> None:
    """Down to 0005 (no snapshot) and back up: the validated reviews are frozen again from
    the current data, as the service froze them."""
    with demo_store.read() as session:
        before = dict(
            session.execute(
                select(m.CompetenceReview.id, m.CompetenceReview.frozen).where(
                    m.CompetenceReview.status == ReviewStatus.VALIDATED
                )
            ).all()
        )
    assert before and all(before.values())
    migrate.downgrade(demo_store.engine, "0005")
    migrate.upgrade(demo_store.engine)
    demo_store.engine.dispose()
    with demo_store.read() as session:
        after = dict(
            session.execute(
                select(m.CompetenceReview.id, m.CompetenceReview.frozen).where(
                    m.CompetenceReview.status == ReviewStatus.VALIDATED
                )
            ).all()
        )
    # The service stores the mark as it was typed ("13.5"); the backfill from the column.
    for frozen in (*before.values(), *after.values()):
        frozen["mark"] = None if frozen["mark"] is None else float(frozen["mark"])
    assert after == before
