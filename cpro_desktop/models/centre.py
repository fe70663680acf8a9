"""The training centre, its school years and classes, and the host companies."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, IdMixin, TimestampMixin, VersionedMixin

if TYPE_CHECKING:
    from .framework import Diploma
    from .people import Account, Apprentice


class Centre(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The centre's identity, printed on every document."""

    __tablename__ = "centres"

    name: Mapped[str] = mapped_column(String(200))
    uai_code: Mapped[str | None] = mapped_column(String(8), unique=True)
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)


class SchoolYear(IdMixin, Base):
    """A school year ("2022-2023") with its dates."""

    __tablename__ = "school_years"
    __table_args__ = (CheckConstraint("start_date <= end_date", name="dates_ordered"),)

    label: Mapped[str] = mapped_column(String(20), unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)


class_trainers = Table(
    "class_trainers",
    Base.metadata,
    Column(
        "school_class_id",
        ForeignKey("school_classes.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "trainer_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class SchoolClass(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Apprentices of one diploma and training year, for one school year."""

    __tablename__ = "school_classes"
    __table_args__ = (
        UniqueConstraint("name", "school_year_id"),
        CheckConstraint("training_year BETWEEN 1 AND 3", name="training_year_range"),
    )

    name: Mapped[str] = mapped_column(String(60))
    #: The training year's label, e.g. "Première année de BTS".
    level_label: Mapped[str] = mapped_column(String(120), default="")
    training_year: Mapped[int] = mapped_column(SmallInteger, default=1)
    diploma_id: Mapped[int] = mapped_column(ForeignKey("diplomas.id", ondelete="RESTRICT"))
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_years.id", ondelete="RESTRICT"))

    diploma: Mapped[Diploma] = relationship(lazy="raise")
    school_year: Mapped[SchoolYear] = relationship(lazy="raise")
    trainers: Mapped[list[Account]] = relationship(secondary=class_trainers, lazy="raise")
    apprentices: Mapped[list[Apprentice]] = relationship(
        back_populates="school_class", lazy="raise"
    )


class Company(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A host company (entreprise d'accueil), with its location for the map."""

    __tablename__ = "companies"
    __table_args__ = (
        CheckConstraint("latitude IS NULL OR latitude BETWEEN -90 AND 90", name="latitude"),
        CheckConstraint("longitude IS NULL OR longitude BETWEEN -180 AND 180", name="longitude"),
    )

    name: Mapped[str] = mapped_column(String(200))
    siret: Mapped[str | None] = mapped_column(String(14), unique=True)
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
