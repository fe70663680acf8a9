"""The apprenticeship booklet (livret d'apprentissage): free-text parts, phase syntheses,
individual interviews and company visits. Reference documents are attachments."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, IdMixin, TimestampMixin, VersionedMixin, str_enum
from .enums import BookletSectionKind, Origin

if TYPE_CHECKING:
    from .people import Account


class Booklet(IdMixin, TimestampMixin, Base):
    """One per apprentice: the livret d'accueil and the livret de suivi."""

    __tablename__ = "booklets"

    apprentice_id: Mapped[int] = mapped_column(
        ForeignKey("apprentices.id", ondelete="CASCADE"), unique=True
    )

    sections: Mapped[list[BookletSection]] = relationship(lazy="raise")


class BookletSection(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A free-text part of the booklet; says who last changed it and when."""

    __tablename__ = "booklet_sections"
    __table_args__ = (UniqueConstraint("booklet_id", "kind"),)

    booklet_id: Mapped[int] = mapped_column(ForeignKey("booklets.id", ondelete="CASCADE"))
    kind: Mapped[BookletSectionKind] = mapped_column(
        str_enum(BookletSectionKind, "booklet_section_kind")
    )
    body: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL")
    )

    updated_by: Mapped[Account | None] = relationship(lazy="raise")


class PhaseSynthesis(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Synthesis of one phase of the training, written in the company or the centre."""

    __tablename__ = "phase_syntheses"

    booklet_id: Mapped[int] = mapped_column(
        ForeignKey("booklets.id", ondelete="CASCADE"), index=True
    )
    origin: Mapped[Origin] = mapped_column(str_enum(Origin, "origin"))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("periods.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    written_on: Mapped[date | None] = mapped_column(Date)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))


class Interview(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An individual interview with the apprentice: when, who took part, what was said."""

    __tablename__ = "interviews"

    booklet_id: Mapped[int] = mapped_column(
        ForeignKey("booklets.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))


class Visit(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A company visit: planned ahead (`planned_on`), then reported (`held_on`, `report`)."""

    __tablename__ = "visits"

    booklet_id: Mapped[int] = mapped_column(
        ForeignKey("booklets.id", ondelete="CASCADE"), index=True
    )
    planned_on: Mapped[date | None] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text, default="")
    report: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
