"""audit trail: the audit_events table, which nobody can rewrite

One row per export of an apprentice's record, erasure, print of a person's documents and
change of an account or of its rights. No foreign keys: the erasure of an apprentice deletes
his rows and his account, and must leave the trail whole.

Triggers refuse every UPDATE and DELETE of a row on SQLite and PostgreSQL, and TRUNCATE on
PostgreSQL (a statement trigger: TRUNCATE fires no row trigger). On PostgreSQL a BEFORE
INSERT trigger also stamps `occurred_at` with the server's clock, so that no workstation
(nor anyone with an INSERT right and psql) can date a row as it likes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The refusal, quoted for an SQL literal (both backends double the apostrophe).
MESSAGE = "journal d''audit : une ligne écrite ne peut être ni modifiée ni supprimée"

TABLE = "audit_events"
INDEXED = ("occurred_at", "actor_account_id", "subject_apprentice_id", "subject_account_id")

SQLITE_TRIGGERS = (("cpro_audit_no_update", "UPDATE"), ("cpro_audit_no_delete", "DELETE"))

PG_UP = f"""
CREATE FUNCTION cpro_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE FUNCTION cpro_audit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.occurred_at := clock_timestamp() AT TIME ZONE 'UTC';
    RETURN NEW;
END $$;

CREATE TRIGGER cpro_audit_immutable BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION cpro_audit_immutable();
CREATE TRIGGER cpro_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION cpro_audit_immutable();
CREATE TRIGGER cpro_audit_stamp BEFORE INSERT ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION cpro_audit_stamp();
"""

PG_DOWN = f"""
DROP TRIGGER cpro_audit_stamp ON {TABLE};
DROP TRIGGER cpro_audit_no_truncate ON {TABLE};
DROP TRIGGER cpro_audit_immutable ON {TABLE};
DROP FUNCTION cpro_audit_stamp();
DROP FUNCTION cpro_audit_immutable();
"""


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column(
            "occurred_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("actor_account_id", sa.Integer(), nullable=True),
        sa.Column("actor_login", sa.String(length=80), server_default="", nullable=False),
        sa.Column("actor_name", sa.String(length=201), server_default="", nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject_apprentice_id", sa.Integer(), nullable=True),
        sa.Column("subject_account_id", sa.Integer(), nullable=True),
        sa.Column("subject_label", sa.String(length=300), server_default="", nullable=False),
        sa.Column("detail", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    for column in INDEXED:
        op.create_index(op.f(f"ix_{TABLE}_{column}"), TABLE, [column], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_UP)
        return
    for name, event in SQLITE_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON {TABLE} FOR EACH ROW"
            f" BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DOWN)
    else:
        for name, _ in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    for column in reversed(INDEXED):
        op.drop_index(op.f(f"ix_{TABLE}_{column}"), table_name=TABLE)
    op.drop_table(TABLE)
