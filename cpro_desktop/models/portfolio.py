"""What an apprentice writes for a period: portfolio, logbook, weekly activity sheets,
their attachments, comments, read marks, and the weekly task log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, IdMixin, TimestampMixin, VersionedMixin, str_enum, utcnow
from .enums import MAX_ATTACHMENT_BYTES, AttachmentKind, Autonomy, Origin

if TYPE_CHECKING:
    from .framework import Competence, Criterion, Task
    from .people import Account, Apprentice
    from .periods import Period

#: `ActivitySheet.apprentice_changed_at` of a sheet the apprentice never touched (a
#: generated sheet): older than every read mark, so it is never shown as unread.
NEVER_CHANGED = datetime(1970, 1, 1, tzinfo=UTC)


class Portfolio(IdMixin, TimestampMixin, Base):
    """One apprentice × one period: holds the logbook, the weekly sheets and the period review."""

    __tablename__ = "portfolios"
    __table_args__ = (UniqueConstraint("apprentice_id", "period_id"),)

    apprentice_id: Mapped[int] = mapped_column(ForeignKey("apprentices.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="CASCADE"), index=True)
    #: Host company and tutor for this period (the apprentice's may change later).
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    tutor_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )

    apprentice: Mapped[Apprentice] = relationship(lazy="raise")
    period: Mapped[Period] = relationship(lazy="raise")
    sheets: Mapped[list[ActivitySheet]] = relationship(
        back_populates="portfolio",
        order_by="(ActivitySheet.iso_year, ActivitySheet.iso_week)",
        lazy="raise",
    )


class Logbook(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The apprentice's running log of a period (journal de bord); one per portfolio."""

    __tablename__ = "logbooks"

    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolios.id", ondelete="CASCADE"), unique=True
    )
    #: Lieu de réalisation: where the work takes place, if not the company's address.
    place_of_work: Mapped[str] = mapped_column(Text, default="")
    contacts: Mapped[str] = mapped_column(Text, default="")
    presentation: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL")
    )


sheet_tasks = Table(
    "sheet_tasks",
    Base.metadata,
    Column(
        "activity_sheet_id", ForeignKey("activity_sheets.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
)

sheet_competences = Table(
    "sheet_competences",
    Base.metadata,
    Column(
        "activity_sheet_id", ForeignKey("activity_sheets.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("competence_id", ForeignKey("competences.id", ondelete="CASCADE"), primary_key=True),
)

sheet_criteria = Table(
    "sheet_criteria",
    Base.metadata,
    Column(
        "activity_sheet_id", ForeignKey("activity_sheets.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("criterion_id", ForeignKey("criteria.id", ondelete="CASCADE"), primary_key=True),
)


class ActivitySheet(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One per ISO week of the period: one significant activity, described and analysed."""

    __tablename__ = "activity_sheets"
    __table_args__ = (
        UniqueConstraint("portfolio_id", "iso_year", "iso_week"),
        CheckConstraint("iso_week BETWEEN 1 AND 53", name="iso_week_range"),
        CheckConstraint("iso_year BETWEEN 2000 AND 2200", name="iso_year_range"),
    )

    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"))
    iso_year: Mapped[int] = mapped_column(SmallInteger)
    iso_week: Mapped[int] = mapped_column(SmallInteger)
    title: Mapped[str] = mapped_column(String(300), default="")
    autonomy: Mapped[Autonomy | None] = mapped_column(str_enum(Autonomy, "autonomy"))
    #: The framework's activity type the sheet refers to.
    activity_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity_areas.id", ondelete="SET NULL")
    )
    context: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    reflective_analysis: Mapped[str] = mapped_column(Text, default="")
    #: The week left the period when its dates changed, but the sheet had content.
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: Last time the apprentice created or changed the sheet: drives the read state.
    #: `NEVER_CHANGED` (the epoch) for a generated sheet he has not touched yet.
    apprentice_changed_at: Mapped[datetime] = mapped_column(
        default=NEVER_CHANGED, server_default="1970-01-01 00:00:00"
    )

    portfolio: Mapped[Portfolio] = relationship(back_populates="sheets", lazy="raise")
    tasks: Mapped[list[Task]] = relationship(secondary=sheet_tasks, lazy="raise")
    competences: Mapped[list[Competence]] = relationship(secondary=sheet_competences, lazy="raise")
    criteria: Mapped[list[Criterion]] = relationship(secondary=sheet_criteria, lazy="raise")

    @property
    def has_content(self) -> bool:
        """Whether the apprentice wrote anything on the sheet (texts, autonomy, activity type).

        Its SQL twin is `services.activities.queries.sheet_has_text()`.
        """
        return (
            any((self.title, self.context, self.description, self.reflective_analysis))
            or self.autonomy is not None
            or self.activity_area_id is not None
        )


class Attachment(IdMixin, Base):
    """A file (its bytes live in the store) or a URL attached to a logbook, a sheet or a
    booklet (reference documents)."""

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN logbook_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN activity_sheet_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN booklet_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
        CheckConstraint(
            "(kind = 'file' AND content IS NOT NULL AND sha256 IS NOT NULL AND url IS NULL)"
            " OR (kind = 'url' AND url IS NOT NULL AND content IS NULL)",
            name="file_or_url",
        ),
        CheckConstraint(f"size_bytes BETWEEN 0 AND {MAX_ATTACHMENT_BYTES}", name="size_bound"),
    )

    kind: Mapped[AttachmentKind] = mapped_column(str_enum(AttachmentKind, "attachment_kind"))
    logbook_id: Mapped[int | None] = mapped_column(
        ForeignKey("logbooks.id", ondelete="CASCADE"), index=True
    )
    activity_sheet_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity_sheets.id", ondelete="CASCADE"), index=True
    )
    booklet_id: Mapped[int | None] = mapped_column(
        ForeignKey("booklets.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(127), default="application/octet-stream")
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    url: Mapped[str | None] = mapped_column(Text)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Comment(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A tutor's or trainer's remark on a sheet, for the apprentice and the trainer."""

    __tablename__ = "comments"

    activity_sheet_id: Mapped[int] = mapped_column(
        ForeignKey("activity_sheets.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)

    author: Mapped[Account | None] = relationship(lazy="raise")


class ReadMark(IdMixin, Base):
    """When one reader last read a sheet or a validated review (read state is per reader)."""

    __tablename__ = "read_marks"
    __table_args__ = (
        CheckConstraint(
            "(activity_sheet_id IS NULL) <> (competence_review_id IS NULL)", name="one_target"
        ),
        UniqueConstraint("reader_id", "activity_sheet_id"),
        UniqueConstraint("reader_id", "competence_review_id"),
    )

    reader_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    activity_sheet_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity_sheets.id", ondelete="CASCADE"), index=True
    )
    competence_review_id: Mapped[int | None] = mapped_column(
        ForeignKey("competence_reviews.id", ondelete="CASCADE"), index=True
    )
    read_at: Mapped[datetime] = mapped_column(default=utcnow)


class TaskLog(IdMixin, Base):
    """A framework task the apprentice did in a given ISO week, in the company or the centre."""

    __tablename__ = "task_logs"
    __table_args__ = (
        UniqueConstraint("apprentice_id", "task_id", "iso_year", "iso_week", "origin"),
        CheckConstraint("iso_week BETWEEN 1 AND 53", name="iso_week_range"),
        CheckConstraint("iso_year BETWEEN 2000 AND 2200", name="iso_year_range"),
        Index("ix_task_logs_apprentice_week", "apprentice_id", "iso_year", "iso_week"),
    )

    apprentice_id: Mapped[int] = mapped_column(ForeignKey("apprentices.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    iso_year: Mapped[int] = mapped_column(SmallInteger)
    iso_week: Mapped[int] = mapped_column(SmallInteger)
    origin: Mapped[Origin] = mapped_column(str_enum(Origin, "origin"))
    #: Whoever recorded it (the apprentice ticks, the tutor selects tasks entrusted).
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL")
    )
