"""Period reviews (bilan de la période) and competence reviews (bilans intermédiaires,
bilans des activités en entreprise) with one level per competence."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, IdMixin, TimestampMixin, VersionedMixin, str_enum
from .enums import CompetenceLevel, Origin, ReviewStatus

if TYPE_CHECKING:
    from .people import Account
    from .ratings import RatingGrid

#: The partial unique index that allows one draft per (apprentice, author, origin).
ONE_DRAFT_INDEX = "uq_competence_reviews_one_draft"


class PeriodReview(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The tutor's appreciation of one period, made with the referent trainer.

    Its ratings of the criteria selected on the period's sheets form a company rating grid.
    """

    __tablename__ = "period_reviews"

    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolios.id", ondelete="CASCADE"), unique=True
    )
    appreciation: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    rating_grid_id: Mapped[int | None] = mapped_column(
        ForeignKey("rating_grids.id", ondelete="SET NULL"), unique=True
    )

    rating_grid: Mapped[RatingGrid | None] = relationship(lazy="raise")


class CompetenceReview(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A dated interim review of an apprentice's competences, in the centre or the company.

    A draft until its author validates it; a validated review never changes again.
    """

    __tablename__ = "competence_reviews"
    __table_args__ = (
        CheckConstraint(
            "proposed_mark IS NULL OR (proposed_mark >= 0 AND proposed_mark <= 20)",
            name="mark_range",
        ),
        CheckConstraint(
            "(status = 'validated') = (validated_at IS NOT NULL)", name="validated_has_date"
        ),
        Index("ix_competence_reviews_apprentice_date", "apprentice_id", "reviewed_on"),
        # One draft per author, apprentice and origin: `services.reviews.start_review`
        # resumes it rather than starting another (migration 0008).
        Index(
            ONE_DRAFT_INDEX,
            "apprentice_id",
            "author_id",
            "origin",
            unique=True,
            sqlite_where=text("status = 'draft'"),
            postgresql_where=text("status = 'draft'"),
        ),
    )

    apprentice_id: Mapped[int] = mapped_column(ForeignKey("apprentices.id", ondelete="CASCADE"))
    origin: Mapped[Origin] = mapped_column(str_enum(Origin, "origin"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    reviewed_on: Mapped[date] = mapped_column(Date)
    #: "Constats"
    findings: Mapped[str] = mapped_column(Text, default="")
    #: "Conseils"
    advice: Mapped[str] = mapped_column(Text, default="")
    #: "Note proposée", out of 20, half points allowed.
    proposed_mark: Mapped[Decimal | None] = mapped_column(Numeric(3, 1))
    status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus, "review_status"), default=ReviewStatus.DRAFT
    )
    validated_at: Mapped[datetime | None]
    validated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL")
    )
    #: What the review showed when it was validated (None for a draft): "lines" (competence
    #: "id", "code", "label", "level", in order), "class_name", "diploma_name",
    #: "author_name", "validated_by_name" and "mark" (migration 0006).
    frozen: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    author: Mapped[Account | None] = relationship(foreign_keys=[author_id], lazy="raise")
    lines: Mapped[list[CompetenceReviewLine]] = relationship(
        back_populates="review", cascade="all, delete-orphan", lazy="raise"
    )


class CompetenceReviewLine(IdMixin, Base):
    """The level given to one competence in one review."""

    __tablename__ = "competence_review_lines"
    __table_args__ = (UniqueConstraint("competence_review_id", "competence_id"),)

    competence_review_id: Mapped[int] = mapped_column(
        ForeignKey("competence_reviews.id", ondelete="CASCADE")
    )
    competence_id: Mapped[int] = mapped_column(
        ForeignKey("competences.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[CompetenceLevel] = mapped_column(
        str_enum(CompetenceLevel, "competence_level"), default=CompetenceLevel.NOT_ASSESSED
    )

    review: Mapped[CompetenceReview] = relationship(back_populates="lines", lazy="raise")
