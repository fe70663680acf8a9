"""sign-in throttling and link-table indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_failed_login_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("apprentice_guardians", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_apprentice_guardians_guardian_id"), ["guardian_id"], unique=False
        )

    with op.batch_alter_table("class_trainers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_class_trainers_trainer_id"), ["trainer_id"], unique=False
        )

    with op.batch_alter_table("task_logs", schema=None) as batch_op:
        batch_op.create_check_constraint("iso_year_range", "iso_year BETWEEN 2000 AND 2200")


def downgrade() -> None:
    with op.batch_alter_table("task_logs", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_task_logs_iso_year_range"), type_="check")

    with op.batch_alter_table("class_trainers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_class_trainers_trainer_id"))

    with op.batch_alter_table("apprentice_guardians", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_apprentice_guardians_guardian_id"))

    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("last_failed_login_at")
