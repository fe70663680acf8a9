"""Accounts (who signs in, with a role) and apprentices (whom the centre follows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, IdMixin, TimestampMixin, VersionedMixin, str_enum
from .enums import Role

if TYPE_CHECKING:
    from .centre import Company, SchoolClass


def person_name(last_name: str | None, first_name: str | None) -> str:
    """ "NOM Prénom", as the seed prints people ("" when unknown)."""
    return f"{(last_name or '').upper()} {first_name or ''}".strip()


class Account(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A person who signs in: apprentice, tutor, trainer, administrator or guardian.

    Accounts are deactivated, never deleted, so that what they wrote keeps its author.
    """

    __tablename__ = "accounts"

    login: Mapped[str] = mapped_column(String(80), unique=True)
    #: An argon2 hash; never the password itself.
    #: Deferred: on a per-user PostgreSQL store nobody may read it (and it stays empty:
    #: the server keeps the credentials).
    password_hash: Mapped[str | None] = mapped_column(String(255), deferred=True)
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    #: A tutor's employer.
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    job_title: Mapped[str] = mapped_column(String(120), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    last_login_at: Mapped[datetime | None]

    company: Mapped[Company | None] = relationship(lazy="raise")

    @property
    def display_name(self) -> str:
        """The name as the seed prints people: "NOM Prénom"."""
        return person_name(self.last_name, self.first_name)


apprentice_guardians = Table(
    "apprentice_guardians",
    Base.metadata,
    Column("apprentice_id", ForeignKey("apprentices.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "guardian_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Apprentice(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An apprentice followed by the centre: his current class, company, tutor and referent."""

    __tablename__ = "apprentices"

    #: The apprentice's own sign-in, if he has one.
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), unique=True
    )
    #: Identifiant national élève (INE), from the national student database.
    national_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    school_class_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_classes.id", ondelete="RESTRICT"), index=True
    )
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    tutor_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    referent_trainer_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )

    account: Mapped[Account | None] = relationship(foreign_keys=[account_id], lazy="raise")
    school_class: Mapped[SchoolClass | None] = relationship(
        back_populates="apprentices", lazy="raise"
    )
    company: Mapped[Company | None] = relationship(lazy="raise")
    tutor: Mapped[Account | None] = relationship(foreign_keys=[tutor_id], lazy="raise")
    referent_trainer: Mapped[Account | None] = relationship(
        foreign_keys=[referent_trainer_id], lazy="raise"
    )
    guardians: Mapped[list[Account]] = relationship(secondary=apprentice_guardians, lazy="raise")

    @property
    def display_name(self) -> str:
        """The name as the seed prints apprentices: "AZZOUG Mina"."""
        return person_name(self.last_name, self.first_name)
