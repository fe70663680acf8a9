"""sign-in throttling per login name, known or not, and trusted devices

- `sign_in_throttles`: consecutive failures per login name (a SHA-256 of it), for every
  name tried, known or not, so the answers never tell which logins exist.
- `trusted_devices`: the computers where an account signed in (the hash of the key each
  keeps), each with its own failure count: guesses made elsewhere cannot lock a person out
  of his usual computer.
- The counters on `accounts` (`failed_logins`, `last_failed_login_at`) go: a throttle
  starts again from zero, which loses nothing but a few minutes of waiting. SQLite drops
  the columns in place (ALTER TABLE … DROP COLUMN, SQLite ≥ 3.35): no table rebuild, which
  under `foreign_keys=ON` would cascade.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttles",
        sa.Column("login_key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("login_key", name=op.f("pk_sign_in_throttles")),
    )
    op.create_index(
        op.f("ix_sign_in_throttles_last_failure_at"), "sign_in_throttles", ["last_failure_at"]
    )
    op.create_table(
        "trusted_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_trusted_devices_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_devices")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_trusted_devices_key_hash")),
    )
    op.create_index(op.f("ix_trusted_devices_account_id"), "trusted_devices", ["account_id"])
    for column in ("failed_logins", "last_failed_login_at"):
        op.execute(f"ALTER TABLE accounts DROP COLUMN {column}")


def downgrade() -> None:
    op.add_column(
        "accounts",
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column("accounts", sa.Column("last_failed_login_at", sa.DateTime(), nullable=True))
    op.drop_index(op.f("ix_trusted_devices_account_id"), table_name="trusted_devices")
    op.drop_table("trusted_devices")
    op.drop_index(op.f("ix_sign_in_throttles_last_failure_at"), table_name="sign_in_throttles")
    op.drop_table("sign_in_throttles")
