"""Text limits and one draft per author, in the database itself, on SQLite and PostgreSQL;
and migration 0008, which brings an existing store to them without losing a word.

The services refuse earlier with French messages (tests/services/test_texts.py); these
constraints are the last wall, for bugs and for other programs writing to the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, Enum, String, Text, insert, inspect, select, text, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.limits import EXEMPT, TEXT_LIMITS
from cpro_desktop.models.reviews import ONE_DRAFT_INDEX
from cpro_desktop.store import Store, migrate
from cpro_desktop.store.engine import create_store_engine

from . import factories as f

LONG = m.text_limit(m.CompetenceReview.findings)
SHEET = m.text_limit(m.ActivitySheet.context)


def build(store: Store, make: Any) -> Any:
    with store.write() as session:
        return make(session)


# -- the rule's one place ----------------------------------------------------------------------


def test_every_text_column_has_a_limit_or_a_reason() -> None:
    """Each String or Text column of the models is in TEXT_LIMITS (with its CHECK) or named
    in EXEMPT with the reason nobody types it."""
    missing = []
    for table in m.Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, String | Text) or isinstance(column.type, Enum):
                continue  # an enumeration is CHECKed against its values
            if column.name in TEXT_LIMITS.get(table.name, {}):
                checks = {c.name for c in table.constraints}
                assert f"ck_{table.name}_{column.name}_length" in checks
            elif f"{table.name}.{column.name}" not in EXEMPT and f"{table.name}.*" not in EXEMPT:
                missing.append(f"{table.name}.{column.name}")
    assert missing == []


def test_a_string_column_and_its_limit_are_the_same_number() -> None:
    """String(n) says n, and so does the limit (PostgreSQL's VARCHAR agrees with the CHECK)."""
    for table_name, columns in TEXT_LIMITS.items():
        table = m.Base.metadata.tables[table_name]
        for name, limit in columns.items():
            length = getattr(table.c[name].type, "length", None)
            assert length in (None, limit), f"{table_name}.{name}"


# -- CHECK constraints -------------------------------------------------------------------------


def test_a_text_at_its_limit_is_stored_and_one_more_character_is_refused(store: Store) -> None:
    """Core INSERT, bypassing every service: 20,000 characters of Constats are stored whole,
    20,001 are refused by the database, which keeps nothing of the refused row."""
    apprentice = build(store, f.apprentice)
    row = {
        "apprentice_id": apprentice.id,
        "origin": "centre",
        "reviewed_on": date(2023, 1, 5),
        "advice": "",
        "status": "draft",
    }
    reviews = m.CompetenceReview.__table__
    with (
        pytest.raises(IntegrityError, match="ck_competence_reviews_findings_length"),
        store.write() as session,
    ):
        session.execute(insert(reviews).values(findings="é" * (LONG + 1), **row))
    with store.write() as session:
        session.execute(insert(reviews).values(findings="é" * LONG, **row))
    with store.read() as session:
        stored = session.scalars(select(reviews.c.findings)).all()
    assert [len(s) for s in stored] == [LONG]


def test_an_update_past_the_limit_is_refused_and_the_text_stays(store: Store) -> None:
    """Core UPDATE of a sheet's context past 50,000 characters: refused, the old text stays."""
    sheet = build(store, f.activity_sheet)
    sheets = m.ActivitySheet.__table__
    with (
        pytest.raises(IntegrityError, match="ck_activity_sheets_context_length"),
        store.write() as session,
    ):
        session.execute(
            update(sheets).where(sheets.c.id == sheet.id).values(context="x" * (SHEET + 1))
        )
    with store.read() as session:
        assert session.scalar(select(sheets.c.context).where(sheets.c.id == sheet.id)) == ""


def test_a_short_column_is_bounded_on_sqlite_as_on_postgresql(store: Store) -> None:
    """A login of 81 characters: SQLite's CHECK refuses it as PostgreSQL's VARCHAR(80) does."""
    accounts = m.Account.__table__
    values = {"role": "trainer", "last_name": "Durand", "first_name": "Sophie"}
    with pytest.raises((IntegrityError, DataError)), store.write() as session:
        session.execute(insert(accounts).values(login="l" * 81, **values))
    with store.write() as session:
        session.execute(insert(accounts).values(login="l" * 80, **values))


# -- one draft per (apprentice, author, origin) -------------------------------------------------


def _review(apprentice_id: int, author_id: int | None, **values: Any) -> dict[str, Any]:
    return {
        "apprentice_id": apprentice_id,
        "author_id": author_id,
        "origin": "company",
        "reviewed_on": date(2023, 3, 1),
        "findings": "",
        "advice": "",
        "status": "draft",
        **values,
    }


def _validate(session: Session, review_id: int) -> None:
    reviews = m.CompetenceReview.__table__
    session.execute(
        update(reviews)
        .where(reviews.c.id == review_id)
        .values(status="validated", validated_at=datetime(2023, 3, 2, tzinfo=UTC), version=2)
    )


def test_a_second_draft_of_the_same_author_is_refused(store: Store) -> None:
    """Core INSERT of a second draft for the same apprentice, author and origin: refused by
    the partial unique index; the first draft is still the only one."""
    apprentice = build(store, f.apprentice)
    tutor = build(store, lambda s: f.account(s, role=m.Role.TUTOR))
    reviews = m.CompetenceReview.__table__
    with store.write() as session:
        session.execute(insert(reviews).values(**_review(apprentice.id, tutor.id)))
    with (
        pytest.raises(IntegrityError, match=f"{ONE_DRAFT_INDEX}|UNIQUE constraint failed"),
        store.write() as session,
    ):
        session.execute(insert(reviews).values(**_review(apprentice.id, tutor.id, findings="bis")))
    with store.read() as session:
        assert session.scalars(select(reviews.c.findings)).all() == [""]


def test_validated_reviews_and_one_draft_coexist(store: Store) -> None:
    """Two validated reviews and a draft of one author; a draft of the other origin, of
    another author, and drafts whose author is gone (NULL) are all accepted."""
    apprentice = build(store, f.apprentice)
    tutor = build(store, lambda s: f.account(s, role=m.Role.TUTOR))
    other = build(store, lambda s: f.account(s, role=m.Role.TUTOR))
    reviews = m.CompetenceReview.__table__
    with store.write() as session:
        for _ in range(2):
            review_id = session.execute(
                insert(reviews).values(**_review(apprentice.id, tutor.id)).returning(reviews.c.id)
            ).scalar_one()
            _validate(session, review_id)
        session.execute(insert(reviews).values(**_review(apprentice.id, tutor.id)))
        session.execute(insert(reviews).values(**_review(apprentice.id, tutor.id, origin="centre")))
        session.execute(insert(reviews).values(**_review(apprentice.id, other.id)))
        for _ in range(2):
            session.execute(insert(reviews).values(**_review(apprentice.id, None)))
    with store.read() as session:
        statuses = session.scalars(select(reviews.c.status).order_by(reviews.c.id)).all()
    assert statuses == ["validated", "validated", "draft", "draft", "draft", "draft", "draft"]


# -- migration 0008 --------------------------------------------------------------------------------


@pytest.fixture
def old_store(empty_url: str) -> Iterator[Engine]:
    """An engine on a store migrated to 0007, the revision before the limits."""
    engine = create_store_engine(empty_url)
    migrate.upgrade(engine, "0007")
    yield engine
    engine.dispose()


def _insert(connection: Any, table: str, **values: Any) -> int:
    columns = ", ".join(values)
    names = ", ".join(f":{k}" for k in values)
    return connection.execute(
        text(f"INSERT INTO {table} ({columns}) VALUES ({names}) RETURNING id"), values
    ).scalar_one()


def _old_world(engine: Engine) -> dict[str, Any]:
    """At 0007: an apprentice, two duplicate company drafts of his tutor (the older one with
    texts, a level; the newer saved last), two author-less drafts, a validated review and a
    sheet whose texts are longer than 0008 allows."""
    ids: dict[str, Any] = {}
    now = datetime(2023, 5, 1, 12, 0)
    with engine.begin() as c:
        diploma = _insert(c, "diplomas", code="MELEC", name="Bac Pro MELEC", level="4")
        framework = _insert(c, "frameworks", diploma_id=diploma, name="MELEC", description="")
        for position, code in enumerate(("C1", "C2")):
            ids[code] = _insert(
                c,
                "competences",
                framework_id=framework,
                code=code,
                label=f"Compétence {code}",
                description="",
                position=position,
            )
        year = _insert(
            c, "school_years", label="2022-2023", start_date=date(2022, 9, 1),
            end_date=date(2023, 7, 7),
        )  # fmt: skip
        klass = _insert(
            c, "school_classes", name="1MELEC", level_label="", training_year=1,
            diploma_id=diploma, school_year_id=year,
        )  # fmt: skip
        tutor = _insert(
            c, "accounts", login="tuteur", role="tutor", last_name="Lefebvre",
            first_name="Thomas", email="", phone="", job_title="", is_active=True,
        )  # fmt: skip
        apprentice = _insert(
            c, "apprentices", last_name="Azzoug", first_name="Mina", email="", phone="",
            address="", school_class_id=klass, tutor_id=tutor,
        )  # fmt: skip
        period = _insert(
            c, "periods", school_class_id=klass, name="PFMP1", start_date=date(2022, 9, 5),
            end_date=date(2022, 9, 18),
        )  # fmt: skip
        portfolio = _insert(c, "portfolios", apprentice_id=apprentice, period_id=period)
        ids["sheet_text"] = "Contexte très détaillé. " * 2_500  # 60,000 characters
        ids["sheet"] = _insert(
            c, "activity_sheets", portfolio_id=portfolio, iso_year=2022, iso_week=36,
            title="", context=ids["sheet_text"], description="", reflective_analysis="",
            retired=False,
        )  # fmt: skip
        review = {"apprentice_id": apprentice, "origin": "company", "status": "draft"}
        ids["older"] = _insert(
            c, "competence_reviews", **review, author_id=tutor, reviewed_on=date(2023, 4, 3),
            findings="Constats du premier brouillon.", advice="Conseils du premier.",
            updated_at=now.replace(day=1),
        )  # fmt: skip
        _insert(c, "competence_review_lines", competence_review_id=ids["older"],
                competence_id=ids["C1"], level="++")  # fmt: skip
        ids["kept"] = _insert(
            c, "competence_reviews", **review, author_id=tutor, reviewed_on=date(2023, 4, 20),
            findings="Constats récents.", advice="", updated_at=now.replace(day=20),
        )  # fmt: skip
        ids["orphans"] = [
            _insert(c, "competence_reviews", **review, author_id=None,
                    reviewed_on=date(2023, 4, 1), findings=f"orphelin {n}", advice="")
            for n in (1, 2)
        ]  # fmt: skip
        ids["validated_text"] = "Constat validé, très long. " * 1_000  # 27,000 characters
        ids["validated"] = _insert(
            c, "competence_reviews", apprentice_id=apprentice, origin="centre",
            status="draft", author_id=tutor, reviewed_on=date(2023, 1, 10),
            findings=ids["validated_text"], advice="Conseils.",
        )  # fmt: skip
        c.execute(
            text(
                "UPDATE competence_reviews SET status = 'validated', validated_at = :at,"
                " frozen = :frozen WHERE id = :id"
            ),
            {"at": now, "frozen": '{"lines": []}', "id": ids["validated"]},
        )
        ids["apprentice"] = apprentice
    return ids


def _texts(engine: Engine, sql: str, **params: Any) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(text(sql), params).all())


def test_migration_merges_duplicate_drafts_and_keeps_over_long_texts_whole(
    old_store: Engine,
) -> None:
    """Up from 0007: the older duplicate draft is folded into the one saved last (texts,
    level, under a dated heading) and deleted; author-less drafts stay; each over-long text
    is kept whole in oversize_texts and shortened in place with a note, a validated review
    included, which stays frozen; the constraints and the index are in place."""
    ids = _old_world(old_store)
    migrate.upgrade(old_store)

    drafts = _texts(
        old_store,
        "SELECT id, findings, advice, version FROM competence_reviews"
        " WHERE status = 'draft' AND author_id IS NOT NULL",
    )
    assert [d.id for d in drafts] == [ids["kept"]]
    heading = (
        "— Brouillon en double du 03/04/2023, réuni à celui-ci lors de la mise à jour de la base —"
    )
    assert drafts[0].findings == (
        f"Constats récents.\n\n{heading}\nConstats du premier brouillon.\n"
        "Niveaux de ce brouillon : C1 ++"
    )
    assert drafts[0].advice == f"{heading}\nConseils du premier."
    assert drafts[0].version == 2
    assert _texts(
        old_store,
        "SELECT count(*) FROM competence_review_lines WHERE competence_review_id = :i",
        i=ids["older"],
    ) == [(0,)]
    orphans = _texts(old_store, "SELECT id FROM competence_reviews WHERE author_id IS NULL")
    assert sorted(r.id for r in orphans) == ids["orphans"]

    kept = {
        (r.table_name, r.row_id, r.column_name): (r.text, r.apprentice_id)
        for r in _texts(
            old_store,
            "SELECT table_name, row_id, column_name, text, apprentice_id FROM oversize_texts",
        )
    }
    assert kept == {
        ("activity_sheets", ids["sheet"], "context"): (ids["sheet_text"], ids["apprentice"]),
        ("competence_reviews", ids["validated"], "findings"): (
            ids["validated_text"],
            ids["apprentice"],
        ),
    }
    (context,) = _texts(old_store, "SELECT context FROM activity_sheets WHERE id = :i",
                        i=ids["sheet"])[0]  # fmt: skip
    assert len(context) == SHEET and context.startswith(ids["sheet_text"][:1000])
    assert context.endswith("l'administrateur en conserve la version complète.")
    (findings, status) = _texts(
        old_store, "SELECT findings, status FROM competence_reviews WHERE id = :i",
        i=ids["validated"],
    )[0]  # fmt: skip
    assert (len(findings), status) == (LONG, "validated")

    with pytest.raises(IntegrityError), old_store.begin() as c:
        c.execute(text("UPDATE competence_reviews SET advice = 'x' WHERE id = :i"),
                  {"i": ids["validated"]})  # fmt: skip
    tutor = _texts(old_store, "SELECT id FROM accounts WHERE login = 'tuteur'")[0][0]
    with pytest.raises(IntegrityError), old_store.begin() as c:
        _insert(c, "competence_reviews", apprentice_id=ids["apprentice"], origin="company",
                status="draft", author_id=tutor, reviewed_on=date(2023, 6, 1), findings="",
                advice="")  # fmt: skip
    with pytest.raises(IntegrityError), old_store.begin() as c:
        c.execute(text("UPDATE activity_sheets SET context = :t WHERE id = :i"),
                  {"t": ids["sheet_text"], "i": ids["sheet"]})  # fmt: skip


def test_downgrade_puts_the_whole_texts_back(old_store: Engine) -> None:
    """Down from 0008 to 0007: the texts kept whole go back into their rows (the merged
    drafts stay merged) and the oversize table is gone."""
    ids = _old_world(old_store)
    migrate.upgrade(old_store)
    migrate.downgrade(old_store, "0007")

    assert _texts(old_store, "SELECT context FROM activity_sheets WHERE id = :i",
                  i=ids["sheet"]) == [(ids["sheet_text"],)]  # fmt: skip
    assert _texts(old_store, "SELECT findings FROM competence_reviews WHERE id = :i",
                  i=ids["validated"]) == [(ids["validated_text"],)]  # fmt: skip
    with old_store.connect() as connection:
        assert migrate.current_revision(connection) == "0007"
        assert "oversize_texts" not in inspect(connection).get_table_names()


def test_sqlite_migration_refuses_to_rebuild_with_foreign_keys_on(tmp_path: Any) -> None:
    """Run outside `store.migrate` (foreign keys on), 0008 refuses before touching a table:
    a rebuild would cascade deletions."""
    from alembic import command

    engine = create_store_engine(f"sqlite:///{tmp_path / 'fk.sqlite3'}")
    migrate.upgrade(engine, "0007")
    with pytest.raises(RuntimeError, match="foreign keys"), engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0008")
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == "0007"
    engine.dispose()
