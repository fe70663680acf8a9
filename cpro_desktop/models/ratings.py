"""Rating grids (grilles de positionnement) and their ratings of criteria."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, IdMixin, TimestampMixin, VersionedMixin, str_enum
from .enums import GridKind, Origin, RatingResult

if TYPE_CHECKING:
    from .people import Account


class RatingGrid(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One dated rating session of one apprentice, in the centre or in the company."""

    __tablename__ = "rating_grids"
    __table_args__ = (Index("ix_rating_grids_apprentice_date", "apprentice_id", "rated_on"),)

    apprentice_id: Mapped[int] = mapped_column(ForeignKey("apprentices.id", ondelete="CASCADE"))
    origin: Mapped[Origin] = mapped_column(str_enum(Origin, "origin"))
    kind: Mapped[GridKind] = mapped_column(str_enum(GridKind, "grid_kind"))
    rated_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))

    author: Mapped[Account | None] = relationship(lazy="raise")
    ratings: Mapped[list[Rating]] = relationship(
        back_populates="grid", cascade="all, delete-orphan", lazy="raise"
    )


class Rating(IdMixin, VersionedMixin, Base):
    """The result of one criterion in one grid (one of the five results)."""

    __tablename__ = "ratings"
    __table_args__ = (UniqueConstraint("rating_grid_id", "criterion_id"),)

    rating_grid_id: Mapped[int] = mapped_column(ForeignKey("rating_grids.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("criteria.id", ondelete="CASCADE"), index=True
    )
    result: Mapped[RatingResult] = mapped_column(str_enum(RatingResult, "rating_result"))
    remark: Mapped[str] = mapped_column(Text, default="")

    grid: Mapped[RatingGrid] = relationship(back_populates="ratings", lazy="raise")
