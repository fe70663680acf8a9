"""The audit trail: one row per export, erasure, print of a person's documents, and change of
an account or of its rights (who, what, whose data, when).

A row is written once and never changed or deleted: triggers refuse UPDATE, DELETE (and, on
PostgreSQL, TRUNCATE) whoever asks (migration 0005). There is deliberately no foreign key to
`accounts` or `apprentices`: the erasure of an apprentice deletes those rows and must leave
the trail whole, so the people are kept as plain ids beside text labels that outlive them.
`action` is a plain string rather than a CHECK-ed enumeration, so that a newer version's
codes never need a table rebuild of a table nobody may rewrite.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, IdMixin, utcnow


class AuditAction(enum.StrEnum):
    """What an audit row records."""

    RECORD_EXPORT = "record_export"
    ERASURE = "erasure"
    PRINT_BOOKLET = "print_booklet"
    PRINT_REVIEWS = "print_reviews"
    PRINT_LOGBOOK = "print_logbook"
    PRINT_DASHBOARD = "print_dashboard"
    ACCOUNT_CREATE = "account_create"
    ACCOUNT_UPDATE = "account_update"
    ACCOUNT_ROLE_CHANGE = "account_role_change"
    ACCOUNT_DEACTIVATE = "account_deactivate"
    ACCOUNT_REACTIVATE = "account_reactivate"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGE = "password_change"
    RIGHTS_CHANGE = "rights_change"


#: The actions in French, as the record export and the command line print them.
AUDIT_ACTION_LABELS = {
    AuditAction.RECORD_EXPORT: "Export du dossier",
    AuditAction.ERASURE: "Effacement",
    AuditAction.PRINT_BOOKLET: "Impression du livret",
    AuditAction.PRINT_REVIEWS: "Impression des bilans",
    AuditAction.PRINT_LOGBOOK: "Impression du journal de bord",
    AuditAction.PRINT_DASHBOARD: "Impression du tableau de bord",
    AuditAction.ACCOUNT_CREATE: "Création de compte",
    AuditAction.ACCOUNT_UPDATE: "Modification de compte",
    AuditAction.ACCOUNT_ROLE_CHANGE: "Changement de rôle",
    AuditAction.ACCOUNT_DEACTIVATE: "Désactivation de compte",
    AuditAction.ACCOUNT_REACTIVATE: "Réactivation de compte",
    AuditAction.PASSWORD_RESET: "Réinitialisation du mot de passe",
    AuditAction.PASSWORD_CHANGE: "Changement de mot de passe",
    AuditAction.RIGHTS_CHANGE: "Changement des droits",
}


class AuditEvent(IdMixin, Base):
    """One audited action. Insert-only (see the module docstring)."""

    __tablename__ = "audit_events"
    # Never RETURNING: on PostgreSQL most people may insert rows here but not read them, and
    # RETURNING needs the right to read (rows are written by `services.audit.record_event`).
    __table_args__ = {"implicit_returning": False}

    #: When, in UTC. On PostgreSQL a trigger stamps it with the server's clock.
    occurred_at: Mapped[datetime] = mapped_column(
        default=utcnow, server_default=func.now(), index=True
    )
    #: Who: the account's id (no foreign key), its login and "NOM Prénom" at that time.
    actor_account_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_login: Mapped[str] = mapped_column(String(80), default="", server_default="")
    actor_name: Mapped[str] = mapped_column(String(201), default="", server_default="")
    #: What: an `AuditAction` value.
    action: Mapped[str] = mapped_column(String(40))
    #: Whose data: the apprentice and/or the account concerned (ids, no foreign keys) and a
    #: label that stays readable once they are gone ("AZZOUG Mina (1MELEC)").
    subject_apprentice_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subject_account_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subject_label: Mapped[str] = mapped_column(String(300), default="", server_default="")
    #: A short French detail ("Rôle : Formateur → Administrateur").
    detail: Mapped[str] = mapped_column(Text, default="", server_default="")
