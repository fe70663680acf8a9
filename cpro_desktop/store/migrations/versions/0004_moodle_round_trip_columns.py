"""moodle round-trip columns on frameworks

Descriptions on units and criteria, and a JSON column keeping what a Moodle export carried
that the app does not use, so that a framework exported back gives Moodle the same file.
Only columns are added: SQLite rebuilds no table (a rebuild under `foreign_keys=ON` would
cascade into ratings and reviews).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WITH_DESCRIPTION = ("units", "criteria")
_WITH_MOODLE = ("frameworks", "units", "competences", "criteria")


def upgrade() -> None:
    for table in _WITH_DESCRIPTION:
        op.add_column(table, sa.Column("description", sa.Text(), server_default="", nullable=False))
    for table in _WITH_MOODLE:
        op.add_column(table, sa.Column("moodle", sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in _WITH_MOODLE:
        op.drop_column(table, "moodle")
    for table in _WITH_DESCRIPTION:
        op.drop_column(table, "description")
