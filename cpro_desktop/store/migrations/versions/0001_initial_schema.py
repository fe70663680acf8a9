"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "centres",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("uai_code", sa.String(length=8), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centres")),
        sa.UniqueConstraint("uai_code", name=op.f("uq_centres_uai_code")),
    )
    op.create_table(
        "companies",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "latitude IS NULL OR latitude BETWEEN -90 AND 90", name=op.f("ck_companies_latitude")
        ),
        sa.CheckConstraint(
            "longitude IS NULL OR longitude BETWEEN -180 AND 180",
            name=op.f("ck_companies_longitude"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
        sa.UniqueConstraint("siret", name=op.f("uq_companies_siret")),
    )
    op.create_table(
        "diplomas",
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=60), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diplomas")),
        sa.UniqueConstraint("code", name=op.f("uq_diplomas_code")),
    )
    op.create_table(
        "school_years",
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("start_date <= end_date", name=op.f("ck_school_years_dates_ordered")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_years")),
        sa.UniqueConstraint("label", name=op.f("uq_school_years_label")),
    )
    op.create_table(
        "accounts",
        sa.Column("login", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "apprentice",
                "tutor",
                "trainer",
                "admin",
                "guardian",
                name="role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("job_title", sa.String(length=120), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_accounts_company_id_companies"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("login", name=op.f("uq_accounts_login")),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accounts_company_id"), ["company_id"], unique=False)

    op.create_table(
        "frameworks",
        sa.Column("diploma_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id_number", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["diploma_id"],
            ["diplomas.id"],
            name=op.f("fk_frameworks_diploma_id_diplomas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frameworks")),
        sa.UniqueConstraint("diploma_id", name=op.f("uq_frameworks_diploma_id")),
        sa.UniqueConstraint("id_number", name=op.f("uq_frameworks_id_number")),
    )
    op.create_table(
        "school_classes",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("level_label", sa.String(length=120), nullable=False),
        sa.Column("training_year", sa.SmallInteger(), nullable=False),
        sa.Column("diploma_id", sa.Integer(), nullable=False),
        sa.Column("school_year_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "training_year BETWEEN 1 AND 3", name=op.f("ck_school_classes_training_year_range")
        ),
        sa.ForeignKeyConstraint(
            ["diploma_id"],
            ["diplomas.id"],
            name=op.f("fk_school_classes_diploma_id_diplomas"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["school_year_id"],
            ["school_years.id"],
            name=op.f("fk_school_classes_school_year_id_school_years"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_classes")),
        sa.UniqueConstraint(
            "name", "school_year_id", name=op.f("uq_school_classes_name_school_year_id")
        ),
    )
    op.create_table(
        "activity_areas",
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["frameworks.id"],
            name=op.f("fk_activity_areas_framework_id_frameworks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_areas")),
        sa.UniqueConstraint(
            "framework_id", "code", name=op.f("uq_activity_areas_framework_id_code")
        ),
    )
    op.create_table(
        "apprentices",
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("national_id", sa.String(length=20), nullable=True),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("school_class_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("tutor_id", sa.Integer(), nullable=True),
        sa.Column("referent_trainer_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_apprentices_account_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_apprentices_company_id_companies"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["referent_trainer_id"],
            ["accounts.id"],
            name=op.f("fk_apprentices_referent_trainer_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_class_id"],
            ["school_classes.id"],
            name=op.f("fk_apprentices_school_class_id_school_classes"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["tutor_id"],
            ["accounts.id"],
            name=op.f("fk_apprentices_tutor_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apprentices")),
        sa.UniqueConstraint("account_id", name=op.f("uq_apprentices_account_id")),
        sa.UniqueConstraint("national_id", name=op.f("uq_apprentices_national_id")),
    )
    with op.batch_alter_table("apprentices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_apprentices_company_id"), ["company_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_apprentices_referent_trainer_id"), ["referent_trainer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_apprentices_school_class_id"), ["school_class_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_apprentices_tutor_id"), ["tutor_id"], unique=False)

    op.create_table(
        "class_trainers",
        sa.Column("school_class_id", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_class_id"],
            ["school_classes.id"],
            name=op.f("fk_class_trainers_school_class_id_school_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["accounts.id"],
            name=op.f("fk_class_trainers_trainer_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("school_class_id", "trainer_id", name=op.f("pk_class_trainers")),
    )
    op.create_table(
        "competences",
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["frameworks.id"],
            name=op.f("fk_competences_framework_id_frameworks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competences")),
        sa.UniqueConstraint("framework_id", "code", name=op.f("uq_competences_framework_id_code")),
    )
    op.create_table(
        "periods",
        sa.Column("school_class_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("start_date <= end_date", name=op.f("ck_periods_dates_ordered")),
        sa.ForeignKeyConstraint(
            ["school_class_id"],
            ["school_classes.id"],
            name=op.f("fk_periods_school_class_id_school_classes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periods")),
        sa.UniqueConstraint(
            "school_class_id", "name", name=op.f("uq_periods_school_class_id_name")
        ),
    )
    with op.batch_alter_table("periods", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_periods_school_class_id"), ["school_class_id"], unique=False
        )

    op.create_table(
        "units",
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["frameworks.id"],
            name=op.f("fk_units_framework_id_frameworks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("framework_id", "code", name=op.f("uq_units_framework_id_code")),
    )
    op.create_table(
        "apprentice_guardians",
        sa.Column("apprentice_id", sa.Integer(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["apprentice_id"],
            ["apprentices.id"],
            name=op.f("fk_apprentice_guardians_apprentice_id_apprentices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["guardian_id"],
            ["accounts.id"],
            name=op.f("fk_apprentice_guardians_guardian_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "apprentice_id", "guardian_id", name=op.f("pk_apprentice_guardians")
        ),
    )
    op.create_table(
        "booklets",
        sa.Column("apprentice_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["apprentice_id"],
            ["apprentices.id"],
            name=op.f("fk_booklets_apprentice_id_apprentices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booklets")),
        sa.UniqueConstraint("apprentice_id", name=op.f("uq_booklets_apprentice_id")),
    )
    op.create_table(
        "competence_reviews",
        sa.Column("apprentice_id", sa.Integer(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum("centre", "company", name="origin", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("proposed_mark", sa.Numeric(precision=3, scale=1), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "validated",
                name="review_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("validated_at", sa.DateTime(), nullable=True),
        sa.Column("validated_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "(status = 'validated') = (validated_at IS NOT NULL)",
            name=op.f("ck_competence_reviews_validated_has_date"),
        ),
        sa.CheckConstraint(
            "proposed_mark IS NULL OR (proposed_mark >= 0 AND proposed_mark <= 20)",
            name=op.f("ck_competence_reviews_mark_range"),
        ),
        sa.ForeignKeyConstraint(
            ["apprentice_id"],
            ["apprentices.id"],
            name=op.f("fk_competence_reviews_apprentice_id_apprentices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name=op.f("fk_competence_reviews_author_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["validated_by_id"],
            ["accounts.id"],
            name=op.f("fk_competence_reviews_validated_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competence_reviews")),
    )
    with op.batch_alter_table("competence_reviews", schema=None) as batch_op:
        batch_op.create_index(
            "ix_competence_reviews_apprentice_date", ["apprentice_id", "reviewed_on"], unique=False
        )

    op.create_table(
        "criteria",
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competences.id"],
            name=op.f("fk_criteria_competence_id_competences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_criteria")),
        sa.UniqueConstraint("competence_id", "code", name=op.f("uq_criteria_competence_id_code")),
    )
    with op.batch_alter_table("criteria", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_criteria_competence_id"), ["competence_id"], unique=False
        )

    op.create_table(
        "period_plans",
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("planned_activities", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["periods.id"],
            name=op.f("fk_period_plans_period_id_periods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_plans")),
        sa.UniqueConstraint("period_id", name=op.f("uq_period_plans_period_id")),
    )
    op.create_table(
        "portfolios",
        sa.Column("apprentice_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("tutor_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["apprentice_id"],
            ["apprentices.id"],
            name=op.f("fk_portfolios_apprentice_id_apprentices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_portfolios_company_id_companies"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["periods.id"],
            name=op.f("fk_portfolios_period_id_periods"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tutor_id"],
            ["accounts.id"],
            name=op.f("fk_portfolios_tutor_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolios")),
        sa.UniqueConstraint(
            "apprentice_id", "period_id", name=op.f("uq_portfolios_apprentice_id_period_id")
        ),
    )
    with op.batch_alter_table("portfolios", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portfolios_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_portfolios_period_id"), ["period_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_portfolios_tutor_id"), ["tutor_id"], unique=False)

    op.create_table(
        "rating_grids",
        sa.Column("apprentice_id", sa.Integer(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum("centre", "company", name="origin", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "formative",
                "certifying",
                name="grid_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["apprentice_id"],
            ["apprentices.id"],
            name=op.f("fk_rating_grids_apprentice_id_apprentices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name=op.f("fk_rating_grids_author_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating_grids")),
    )
    with op.batch_alter_table("rating_grids", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rating_grids_apprentice_date", ["apprentice_id", "rated_on"], unique=False
        )

    op.create_table(
        "tasks",
        sa.Column("activity_area_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_area_id"],
            ["activity_areas.id"],
            name=op.f("fk_tasks_activity_area_id_activity_areas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        sa.UniqueConstraint(
            "activity_area_id", "code", name=op.f("uq_tasks_activity_area_id_code")
        ),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tasks_activity_area_id"), ["activity_area_id"], unique=False
        )

    op.create_table(
        "unit_competences",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competences.id"],
            name=op.f("fk_unit_competences_competence_id_competences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_unit_competences_unit_id_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("unit_id", "competence_id", name=op.f("pk_unit_competences")),
    )
    op.create_table(
        "activity_sheets",
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("iso_year", sa.SmallInteger(), nullable=False),
        sa.Column("iso_week", sa.SmallInteger(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "autonomy",
            sa.Enum(
                "autonomous",
                "accompanied",
                name="autonomy",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("activity_area_id", sa.Integer(), nullable=True),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reflective_analysis", sa.Text(), nullable=False),
        sa.Column("retired", sa.Boolean(), server_default="0", nullable=False),
        sa.Column(
            "apprentice_changed_at",
            sa.DateTime(),
            server_default="1970-01-01 00:00:00",
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "iso_week BETWEEN 1 AND 53", name=op.f("ck_activity_sheets_iso_week_range")
        ),
        sa.CheckConstraint(
            "iso_year BETWEEN 2000 AND 2200", name=op.f("ck_activity_sheets_iso_year_range")
        ),
        sa.ForeignKeyConstraint(
            ["activity_area_id"],
            ["activity_areas.id"],
            name=op.f("fk_activity_sheets_activity_area_id_activity_areas"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["portfolio_id"],
            ["portfolios.id"],
            name=op.f("fk_activity_sheets_portfolio_id_portfolios"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_sheets")),
        sa.UniqueConstraint(
            "portfolio_id",
            "iso_year",
            "iso_week",
            name=op.f("uq_activity_sheets_portfolio_id_iso_year_iso_week"),
        ),
    )
    op.create_table(
        "booklet_sections",
        sa.Column("booklet_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "entry_positioning",
                "team_opinion",
                "progression_company",
                "progression_centre",
                "training_review",
                "orientation_project",
                name="booklet_section_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["booklet_id"],
            ["booklets.id"],
            name=op.f("fk_booklet_sections_booklet_id_booklets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["accounts.id"],
            name=op.f("fk_booklet_sections_updated_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booklet_sections")),
        sa.UniqueConstraint("booklet_id", "kind", name=op.f("uq_booklet_sections_booklet_id_kind")),
    )
    op.create_table(
        "competence_review_lines",
        sa.Column("competence_review_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "++",
                "+",
                "-",
                "---",
                "NE",
                name="competence_level",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competences.id"],
            name=op.f("fk_competence_review_lines_competence_id_competences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["competence_review_id"],
            ["competence_reviews.id"],
            name=op.f("fk_competence_review_lines_competence_review_id_competence_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competence_review_lines")),
        sa.UniqueConstraint(
            "competence_review_id",
            "competence_id",
            name=op.f("uq_competence_review_lines_competence_review_id_competence_id"),
        ),
    )
    with op.batch_alter_table("competence_review_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_competence_review_lines_competence_id"), ["competence_id"], unique=False
        )

    op.create_table(
        "interviews",
        sa.Column("booklet_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name=op.f("fk_interviews_author_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["booklet_id"],
            ["booklets.id"],
            name=op.f("fk_interviews_booklet_id_booklets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
    )
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interviews_booklet_id"), ["booklet_id"], unique=False)

    op.create_table(
        "logbooks",
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("place_of_work", sa.Text(), nullable=False),
        sa.Column("contacts", sa.Text(), nullable=False),
        sa.Column("presentation", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["portfolio_id"],
            ["portfolios.id"],
            name=op.f("fk_logbooks_portfolio_id_portfolios"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["accounts.id"],
            name=op.f("fk_logbooks_updated_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logbooks")),
        sa.UniqueConstraint("portfolio_id", name=op.f("uq_logbooks_portfolio_id")),
    )
    op.create_table(
        "period_plan_tasks",
        sa.Column("period_plan_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_plan_id"],
            ["period_plans.id"],
            name=op.f("fk_period_plan_tasks_period_plan_id_period_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["tasks.id"],
            name=op.f("fk_period_plan_tasks_task_id_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("period_plan_id", "task_id", name=op.f("pk_period_plan_tasks")),
    )
    op.create_table(
        "period_reviews",
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("appreciation", sa.Text(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("rating_grid_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name=op.f("fk_period_reviews_author_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["portfolio_id"],
            ["portfolios.id"],
            name=op.f("fk_period_reviews_portfolio_id_portfolios"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rating_grid_id"],
            ["rating_grids.id"],
            name=op.f("fk_period_reviews_rating_grid_id_rating_grids"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_reviews")),
        sa.UniqueConstraint("portfolio_id", name=op.f("uq_period_reviews_portfolio_id")),
        sa.UniqueConstraint("rating_grid_id", name=op.f("uq_period_reviews_rating_grid_id")),
    )
    op.create_table(
        "phase_syntheses",
        sa.Column("booklet_id", sa.Integer(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum("centre", "company", name="origin", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name=op.f("fk_phase_syntheses_author_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["booklet_id"],
            ["booklets.id"],
            name=op.f("fk_phase_syntheses_booklet_id_booklets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["periods.id"],
            name=op.f("fk_phase_syntheses_period_id_periods"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phase_syntheses")),
    )
    with op.batch_alter_table("phase_syntheses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phase_syntheses_booklet_id"), ["booklet_id"], unique=False
        )

    op.create_table(
        "ratings",
        sa.Column("rating_grid_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column(
            "result",
            sa.Enum(
                "success_autonomous",
                "success_assisted",
                "partial",
                "not_assessable",
                "absent",
                name="rating_result",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_ratings_criterion_id_criteria"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rating_grid_id"],
            ["rating_grids.id"],
            name=op.f("fk_ratings_rating_grid_id_rating_grids"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
        sa.UniqueConstraint(
            "rating_grid_id", "criterion_id", name=op.f("uq_ratings_rating_grid_id_criterion_id")
        ),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ratings_criterion_id"), ["criterion_id"], unique=False)

    op.create_table(
        "task_logs",
        sa.Column("apprentice_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("iso_year", sa.SmallInteger(), nullable=False),
        sa.Column("iso_week", sa.SmallInteger(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum("centre", "company", name="origin", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("iso_week BETWEEN 1 AND 53", name=op.f("ck_task_logs_iso_week_range")),
        sa.ForeignKeyConstraint(
            ["apprentice_id"],
            ["apprentices.id"],
            name=op.f("fk_task_logs_apprentice_id_apprentices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["accounts.id"],
            name=op.f("fk_task_logs_recorded_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_logs_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_logs")),
        sa.UniqueConstraint(
            "apprentice_id",
            "task_id",
            "iso_year",
            "iso_week",
            "origin",
            name=op.f("uq_task_logs_apprentice_id_task_id_iso_year_iso_week_origin"),
        ),
    )
    with op.batch_alter_table("task_logs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_logs_apprentice_week", ["apprentice_id", "iso_year", "iso_week"], unique=False
        )

    op.create_table(
        "visits",
        sa.Column("booklet_id", sa.Integer(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name=op.f("fk_visits_author_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["booklet_id"],
            ["booklets.id"],
            name=op.f("fk_visits_booklet_id_booklets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visits_booklet_id"), ["booklet_id"], unique=False)

    op.create_table(
        "attachments",
        sa.Column(
            "kind",
            sa.Enum(
                "file", "url", name="attachment_kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("logbook_id", sa.Integer(), nullable=True),
        sa.Column("activity_sheet_id", sa.Integer(), nullable=True),
        sa.Column("booklet_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=127), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'file' AND content IS NOT NULL AND sha256 IS NOT NULL AND url IS NULL) OR (kind = 'url' AND url IS NOT NULL AND content IS NULL)",
            name=op.f("ck_attachments_file_or_url"),
        ),
        sa.CheckConstraint(
            "(CASE WHEN logbook_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN activity_sheet_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN booklet_id IS NULL THEN 0 ELSE 1 END) = 1",
            name=op.f("ck_attachments_one_owner"),
        ),
        sa.CheckConstraint(
            "size_bytes BETWEEN 0 AND 10485760", name=op.f("ck_attachments_size_bound")
        ),
        sa.ForeignKeyConstraint(
            ["activity_sheet_id"],
            ["activity_sheets.id"],
            name=op.f("fk_attachments_activity_sheet_id_activity_sheets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["accounts.id"],
            name=op.f("fk_attachments_added_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["booklet_id"],
            ["booklets.id"],
            name=op.f("fk_attachments_booklet_id_booklets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["logbook_id"],
            ["logbooks.id"],
            name=op.f("fk_attachments_logbook_id_logbooks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachments_activity_sheet_id"), ["activity_sheet_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attachments_booklet_id"), ["booklet_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_logbook_id"), ["logbook_id"], unique=False)

    op.create_table(
        "comments",
        sa.Column("activity_sheet_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_sheet_id"],
            ["activity_sheets.id"],
            name=op.f("fk_comments_activity_sheet_id_activity_sheets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name=op.f("fk_comments_author_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comments_activity_sheet_id"), ["activity_sheet_id"], unique=False
        )

    op.create_table(
        "read_marks",
        sa.Column("reader_id", sa.Integer(), nullable=False),
        sa.Column("activity_sheet_id", sa.Integer(), nullable=True),
        sa.Column("competence_review_id", sa.Integer(), nullable=True),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(activity_sheet_id IS NULL) <> (competence_review_id IS NULL)",
            name=op.f("ck_read_marks_one_target"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_sheet_id"],
            ["activity_sheets.id"],
            name=op.f("fk_read_marks_activity_sheet_id_activity_sheets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["competence_review_id"],
            ["competence_reviews.id"],
            name=op.f("fk_read_marks_competence_review_id_competence_reviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reader_id"],
            ["accounts.id"],
            name=op.f("fk_read_marks_reader_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_read_marks")),
        sa.UniqueConstraint(
            "reader_id", "activity_sheet_id", name=op.f("uq_read_marks_reader_id_activity_sheet_id")
        ),
        sa.UniqueConstraint(
            "reader_id",
            "competence_review_id",
            name=op.f("uq_read_marks_reader_id_competence_review_id"),
        ),
    )
    with op.batch_alter_table("read_marks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_read_marks_activity_sheet_id"), ["activity_sheet_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_read_marks_competence_review_id"), ["competence_review_id"], unique=False
        )

    op.create_table(
        "sheet_competences",
        sa.Column("activity_sheet_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_sheet_id"],
            ["activity_sheets.id"],
            name=op.f("fk_sheet_competences_activity_sheet_id_activity_sheets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competences.id"],
            name=op.f("fk_sheet_competences_competence_id_competences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "activity_sheet_id", "competence_id", name=op.f("pk_sheet_competences")
        ),
    )
    op.create_table(
        "sheet_criteria",
        sa.Column("activity_sheet_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_sheet_id"],
            ["activity_sheets.id"],
            name=op.f("fk_sheet_criteria_activity_sheet_id_activity_sheets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_sheet_criteria_criterion_id_criteria"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "activity_sheet_id", "criterion_id", name=op.f("pk_sheet_criteria")
        ),
    )
    op.create_table(
        "sheet_tasks",
        sa.Column("activity_sheet_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_sheet_id"],
            ["activity_sheets.id"],
            name=op.f("fk_sheet_tasks_activity_sheet_id_activity_sheets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_sheet_tasks_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("activity_sheet_id", "task_id", name=op.f("pk_sheet_tasks")),
    )


def downgrade() -> None:

    op.drop_table("sheet_tasks")
    op.drop_table("sheet_criteria")
    op.drop_table("sheet_competences")
    with op.batch_alter_table("read_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_read_marks_competence_review_id"))
        batch_op.drop_index(batch_op.f("ix_read_marks_activity_sheet_id"))

    op.drop_table("read_marks")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comments_activity_sheet_id"))

    op.drop_table("comments")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_logbook_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_booklet_id"))
        batch_op.drop_index(batch_op.f("ix_attachments_activity_sheet_id"))

    op.drop_table("attachments")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visits_booklet_id"))

    op.drop_table("visits")
    with op.batch_alter_table("task_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_task_logs_apprentice_week")

    op.drop_table("task_logs")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ratings_criterion_id"))

    op.drop_table("ratings")
    with op.batch_alter_table("phase_syntheses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phase_syntheses_booklet_id"))

    op.drop_table("phase_syntheses")
    op.drop_table("period_reviews")
    op.drop_table("period_plan_tasks")
    op.drop_table("logbooks")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interviews_booklet_id"))

    op.drop_table("interviews")
    with op.batch_alter_table("competence_review_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competence_review_lines_competence_id"))

    op.drop_table("competence_review_lines")
    op.drop_table("booklet_sections")
    op.drop_table("activity_sheets")
    op.drop_table("unit_competences")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_activity_area_id"))

    op.drop_table("tasks")
    with op.batch_alter_table("rating_grids", schema=None) as batch_op:
        batch_op.drop_index("ix_rating_grids_apprentice_date")

    op.drop_table("rating_grids")
    with op.batch_alter_table("portfolios", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portfolios_tutor_id"))
        batch_op.drop_index(batch_op.f("ix_portfolios_period_id"))
        batch_op.drop_index(batch_op.f("ix_portfolios_company_id"))

    op.drop_table("portfolios")
    op.drop_table("period_plans")
    with op.batch_alter_table("criteria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_criteria_competence_id"))

    op.drop_table("criteria")
    with op.batch_alter_table("competence_reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_competence_reviews_apprentice_date")

    op.drop_table("competence_reviews")
    op.drop_table("booklets")
    op.drop_table("apprentice_guardians")
    op.drop_table("units")
    with op.batch_alter_table("periods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_periods_school_class_id"))

    op.drop_table("periods")
    op.drop_table("competences")
    op.drop_table("class_trainers")
    with op.batch_alter_table("apprentices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_apprentices_tutor_id"))
        batch_op.drop_index(batch_op.f("ix_apprentices_school_class_id"))
        batch_op.drop_index(batch_op.f("ix_apprentices_referent_trainer_id"))
        batch_op.drop_index(batch_op.f("ix_apprentices_company_id"))

    op.drop_table("apprentices")
    op.drop_table("activity_areas")
    op.drop_table("school_classes")
    op.drop_table("frameworks")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_company_id"))

    op.drop_table("accounts")
    op.drop_table("school_years")
    op.drop_table("diplomas")
    op.drop_table("companies")
    op.drop_table("centres")
