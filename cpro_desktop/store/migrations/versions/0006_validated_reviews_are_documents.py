"""validated reviews are documents: created as drafts, never truncated, frozen as shown

- An INSERT of a competence review whose status is already 'validated' is refused (a review
  is created as a draft, then validated by the guarded UPDATE of the service), on SQLite and
  on PostgreSQL. Lines of a validated review were already refused by migration 0003.
- On PostgreSQL a statement trigger refuses TRUNCATE of the reviews and of their lines
  (TRUNCATE fires no row trigger; SQLite has no TRUNCATE).
- `competence_reviews.frozen` (JSON) keeps what a validated review showed at validation:
  its competences (id, code, label, level, in order), the class and diploma names, the
  author's and validator's names and the mark. The read side uses it for validated
  reviews, so a later change of the framework, the class or the apprentice changes nothing.
  Existing validated reviews are backfilled from the current data (best effort: the
  framework holding most of the review's lines, else the one of the apprentice's class).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The refusals, quoted for an SQL literal (both backends double the apostrophe).
INSERT_MESSAGE = (
    "un bilan de compétences est créé en brouillon : il ne peut pas être enregistré"
    " directement comme validé"
)
TRUNCATE_MESSAGE = "bilans de compétences : ces tables ne peuvent pas être vidées"

SQLITE_INSERT_TRIGGER = "cpro_review_created_as_draft"
#: Migration 0003's trigger, dropped and re-created around the backfill on SQLite.
SQLITE_FROZEN_UPDATE = (
    "CREATE TRIGGER cpro_review_frozen_update BEFORE UPDATE ON competence_reviews FOR EACH ROW"
    " WHEN OLD.status = 'validated'"
    " BEGIN SELECT RAISE(ABORT, 'bilan valide definitivement : il ne peut plus etre modifie');"
    " END"
)

PG_UP = f"""
CREATE FUNCTION cpro_review_created_as_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{INSERT_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE FUNCTION cpro_review_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{TRUNCATE_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER cpro_review_created_as_draft BEFORE INSERT ON competence_reviews
    FOR EACH ROW WHEN (NEW.status = 'validated')
    EXECUTE FUNCTION cpro_review_created_as_draft();
CREATE TRIGGER cpro_review_no_truncate BEFORE TRUNCATE ON competence_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION cpro_review_no_truncate();
CREATE TRIGGER cpro_review_line_no_truncate BEFORE TRUNCATE ON competence_review_lines
    FOR EACH STATEMENT EXECUTE FUNCTION cpro_review_no_truncate();
"""

PG_DOWN = """
DROP TRIGGER cpro_review_line_no_truncate ON competence_review_lines;
DROP TRIGGER cpro_review_no_truncate ON competence_reviews;
DROP TRIGGER cpro_review_created_as_draft ON competence_reviews;
DROP FUNCTION cpro_review_no_truncate();
DROP FUNCTION cpro_review_created_as_draft();
"""


def _person(last_name: str | None, first_name: str | None) -> str:
    return f"{(last_name or '').upper()} {first_name or ''}".strip()


def _backfill(bind: sa.engine.Connection) -> None:
    """Freeze every validated review from the current data (best effort)."""
    reviews = bind.execute(
        sa.text(
            "SELECT r.id, r.apprentice_id, r.author_id, r.validated_by_id, r.proposed_mark,"
            " c.name AS class_name, c.diploma_id, d.name AS diploma_name"
            " FROM competence_reviews r JOIN apprentices a ON a.id = r.apprentice_id"
            " LEFT JOIN school_classes c ON c.id = a.school_class_id"
            " LEFT JOIN diplomas d ON d.id = c.diploma_id"
            " WHERE r.status = 'validated' AND r.frozen IS NULL"
        )
    ).all()
    if not reviews:
        return
    competences: dict[int, list[Any]] = {}  # framework id -> its competences, in order
    framework_of: dict[int, int] = {}  # competence id -> framework id
    diploma_framework: dict[int, int] = {}
    for row in bind.execute(
        sa.text(
            "SELECT c.id, c.code, c.label, c.framework_id, f.diploma_id FROM competences c"
            " JOIN frameworks f ON f.id = c.framework_id ORDER BY c.position, c.id"
        )
    ):
        competences.setdefault(row.framework_id, []).append(row)
        framework_of[row.id] = row.framework_id
        diploma_framework.setdefault(row.diploma_id, row.framework_id)
    levels: dict[int, dict[int, str]] = {}
    for row in bind.execute(
        sa.text(
            "SELECT l.competence_review_id, l.competence_id, l.level"
            " FROM competence_review_lines l JOIN competence_reviews r"
            " ON r.id = l.competence_review_id WHERE r.status = 'validated'"
        )
    ):
        levels.setdefault(row.competence_review_id, {})[row.competence_id] = row.level
    people = {
        row.id: _person(row.last_name, row.first_name)
        for row in bind.execute(sa.text("SELECT id, last_name, first_name FROM accounts"))
    }
    table = sa.table(
        "competence_reviews", sa.column("id", sa.Integer), sa.column("frozen", sa.JSON)
    )
    for review in reviews:
        given = levels.get(review.id, {})
        counts: dict[int, int] = {}
        for competence_id in given:
            if competence_id in framework_of:
                counts[framework_of[competence_id]] = counts.get(framework_of[competence_id], 0) + 1
        framework = (
            max(counts, key=lambda f: counts[f])
            if counts
            else diploma_framework.get(review.diploma_id)
        )
        shown = list(competences.get(framework, [])) if framework is not None else []
        listed = {c.id for c in shown}
        shown += [
            c
            for f, rows in competences.items()
            if f != framework
            for c in rows
            if c.id in given and c.id not in listed
        ]
        mark = review.proposed_mark
        frozen = {
            "class_name": review.class_name or "",
            "diploma_name": review.diploma_name or "",
            "author_name": people.get(review.author_id, ""),
            "validated_by_name": people.get(review.validated_by_id, ""),
            "mark": None if mark is None else str(mark),
            "lines": [
                {"id": c.id, "code": c.code, "label": c.label, "level": given.get(c.id, "NE")}
                for c in shown
            ],
        }
        bind.execute(table.update().where(table.c.id == review.id).values(frozen=frozen))


def upgrade() -> None:
    op.add_column("competence_reviews", sa.Column("frozen", sa.JSON(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # The migration runs as the schema owner: only it may disable a trigger.
        op.execute("ALTER TABLE competence_reviews DISABLE TRIGGER cpro_review_frozen")
        _backfill(bind)
        op.execute("ALTER TABLE competence_reviews ENABLE TRIGGER cpro_review_frozen")
        op.execute(PG_UP)
        return
    op.execute("DROP TRIGGER cpro_review_frozen_update")
    _backfill(bind)
    op.execute(SQLITE_FROZEN_UPDATE)
    op.execute(
        f"CREATE TRIGGER {SQLITE_INSERT_TRIGGER} BEFORE INSERT ON competence_reviews"
        " FOR EACH ROW WHEN NEW.status = 'validated'"
        f" BEGIN SELECT RAISE(ABORT, '{INSERT_MESSAGE}'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DOWN)
    else:
        op.execute(f"DROP TRIGGER {SQLITE_INSERT_TRIGGER}")
    op.drop_column("competence_reviews", "frozen")
