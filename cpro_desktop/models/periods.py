"""Company periods of a class (PFMP, PFE) and their plan (fiche pédagogique)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, IdMixin, TimestampMixin, VersionedMixin

if TYPE_CHECKING:
    from .centre import SchoolClass
    from .framework import Task


class Period(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A dated company period of a class ("PFMP1 - 1er BCP", du 05/09/2022 au 18/09/2022)."""

    __tablename__ = "periods"
    __table_args__ = (
        CheckConstraint("start_date <= end_date", name="dates_ordered"),
        UniqueConstraint("school_class_id", "name"),
    )

    school_class_id: Mapped[int] = mapped_column(
        ForeignKey("school_classes.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)

    school_class: Mapped[SchoolClass] = relationship(lazy="raise")
    plan: Mapped[PeriodPlan | None] = relationship(back_populates="period", lazy="raise")


period_plan_tasks = Table(
    "period_plan_tasks",
    Base.metadata,
    Column("period_plan_id", ForeignKey("period_plans.id", ondelete="CASCADE"), primary_key=True),
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
)


class PeriodPlan(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The period's training objectives and planned activities; one per period."""

    __tablename__ = "period_plans"

    period_id: Mapped[int] = mapped_column(
        ForeignKey("periods.id", ondelete="CASCADE"), unique=True
    )
    objectives: Mapped[str] = mapped_column(Text, default="")
    planned_activities: Mapped[str] = mapped_column(Text, default="")

    period: Mapped[Period] = relationship(back_populates="plan", lazy="raise")
    planned_tasks: Mapped[list[Task]] = relationship(secondary=period_plan_tasks, lazy="raise")
