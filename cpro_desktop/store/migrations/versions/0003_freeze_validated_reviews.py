"""Freeze validated competence reviews in the database itself

A validated review and its lines can never change again, whatever the path: these
triggers refuse UPDATE and DELETE of a validated review, and INSERT, UPDATE and DELETE of
its lines, on SQLite and on PostgreSQL. The one exception is the erasure of the apprentice
(GDPR): when his row is already gone, the cascade may remove his reviews.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "bilan valide definitivement : il ne peut plus etre modifie"

# (name, event, table, condition on OLD/NEW) — the condition says when to refuse.
SQLITE_TRIGGERS = [
    ("cpro_review_frozen_update", "UPDATE", "competence_reviews", "OLD.status = 'validated'"),
    (
        "cpro_review_frozen_delete",
        "DELETE",
        "competence_reviews",
        "OLD.status = 'validated'"
        " AND EXISTS (SELECT 1 FROM apprentices WHERE id = OLD.apprentice_id)",
    ),
    (
        "cpro_review_line_frozen_insert",
        "INSERT",
        "competence_review_lines",
        "EXISTS (SELECT 1 FROM competence_reviews"
        " WHERE id = NEW.competence_review_id AND status = 'validated')",
    ),
    (
        "cpro_review_line_frozen_update",
        "UPDATE",
        "competence_review_lines",
        "EXISTS (SELECT 1 FROM competence_reviews WHERE status = 'validated'"
        " AND id IN (OLD.competence_review_id, NEW.competence_review_id))",
    ),
    (
        "cpro_review_line_frozen_delete",
        "DELETE",
        "competence_review_lines",
        "EXISTS (SELECT 1 FROM competence_reviews"
        " WHERE id = OLD.competence_review_id AND status = 'validated')",
    ),
]

PG_FUNCTIONS = """
CREATE FUNCTION cpro_review_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'validated' AND (
        TG_OP = 'UPDATE'
        OR EXISTS (SELECT 1 FROM apprentices WHERE id = OLD.apprentice_id)
    ) THEN
        RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION cpro_review_line_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN ids := ARRAY[NEW.competence_review_id];
    ELSIF TG_OP = 'UPDATE' THEN ids := ARRAY[OLD.competence_review_id, NEW.competence_review_id];
    ELSE ids := ARRAY[OLD.competence_review_id];
    END IF;
    IF EXISTS (SELECT 1 FROM competence_reviews WHERE id = ANY(ids) AND status = 'validated')
    THEN
        RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER cpro_review_frozen BEFORE UPDATE OR DELETE ON competence_reviews
    FOR EACH ROW EXECUTE FUNCTION cpro_review_frozen();
CREATE TRIGGER cpro_review_line_frozen BEFORE INSERT OR UPDATE OR DELETE
    ON competence_review_lines FOR EACH ROW EXECUTE FUNCTION cpro_review_line_frozen();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTIONS.format(message=MESSAGE))
        return
    for name, event, table, condition in SQLITE_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW WHEN {condition}"
            f" BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER cpro_review_line_frozen ON competence_review_lines")
        op.execute("DROP TRIGGER cpro_review_frozen ON competence_reviews")
        op.execute("DROP FUNCTION cpro_review_line_frozen()")
        op.execute("DROP FUNCTION cpro_review_frozen()")
        return
    for name, *_ in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
