"""Diplomas and their frameworks: units, competences, criteria, activity areas and tasks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, IdMixin, TimestampMixin, VersionedMixin


class Diploma(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A diploma prepared by apprenticeship (Bac Pro MELEC, BTS Maintenance des systèmes)."""

    __tablename__ = "diplomas"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(60), default="")

    framework: Mapped[Framework | None] = relationship(back_populates="diploma", lazy="raise")


class Framework(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The diploma's framework (référentiel); one per diploma."""

    __tablename__ = "frameworks"

    diploma_id: Mapped[int] = mapped_column(
        ForeignKey("diplomas.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str] = mapped_column(String(200))
    #: Moodle's framework "ID number", kept for round trips.
    id_number: Mapped[str | None] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: What a Moodle export carried that the app does not use (scale, taxonomy …), kept so
    #: that exporting the framework back gives Moodle the same file.
    moodle: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    diploma: Mapped[Diploma] = relationship(back_populates="framework", lazy="raise")
    units: Mapped[list[Unit]] = relationship(
        order_by="Unit.position", cascade="all, delete-orphan", lazy="raise"
    )
    competences: Mapped[list[Competence]] = relationship(
        order_by="Competence.position", cascade="all, delete-orphan", lazy="raise"
    )
    activity_areas: Mapped[list[ActivityArea]] = relationship(
        order_by="ActivityArea.position", cascade="all, delete-orphan", lazy="raise"
    )


unit_competences = Table(
    "unit_competences",
    Base.metadata,
    Column("unit_id", ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
    Column("competence_id", ForeignKey("competences.id", ondelete="CASCADE"), primary_key=True),
)


class Unit(IdMixin, VersionedMixin, Base):
    """A unit of the diploma (U2, U31 …) grouping competences; the dashboard filters on it."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Moodle's columns the app does not use, kept for the round trip.
    moodle: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    competences: Mapped[list[Competence]] = relationship(
        secondary=unit_competences, order_by="Competence.position", lazy="raise"
    )


class Competence(IdMixin, VersionedMixin, Base):
    """A competence of the framework ("C1 - Analyser les conditions de l'opération …")."""

    __tablename__ = "competences"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Moodle's columns the app does not use, kept for the round trip.
    moodle: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    criteria: Mapped[list[Criterion]] = relationship(
        order_by="Criterion.position", cascade="all, delete-orphan", lazy="raise"
    )

    @property
    def title(self) -> str:
        """The competence as the comparison table prints it: "C1 - Analyser …"."""
        return f"{self.code} - {self.label}"


class Criterion(IdMixin, VersionedMixin, Base):
    """An observable criterion of one competence; ratings are made on criteria."""

    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("competence_id", "code"),)

    competence_id: Mapped[int] = mapped_column(
        ForeignKey("competences.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Moodle's columns the app does not use (and, for a level merged into the criteria,
    #: the item's Moodle parent), kept for the round trip.
    moodle: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ActivityArea(IdMixin, VersionedMixin, Base):
    """An area of professional activities (MAINTENANCE CORRECTIVE)."""

    __tablename__ = "activity_areas"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)

    tasks: Mapped[list[Task]] = relationship(
        order_by="Task.position", cascade="all, delete-orphan", lazy="raise"
    )


class Task(IdMixin, VersionedMixin, Base):
    """A professional task of an area (T1.1 Diagnostiquer les pannes)."""

    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("activity_area_id", "code"),)

    activity_area_id: Mapped[int] = mapped_column(
        ForeignKey("activity_areas.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def title(self) -> str:
        """The task as the activities view prints it: "T1.1 Diagnostiquer les pannes"."""
        return f"{self.code} {self.label}"
