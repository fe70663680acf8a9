"""The longest text each column may hold: one table for the whole application.

`TEXT_LIMITS` names, per table and column, the most characters a user-typed text may have.
It is read by:

- the models: `add_length_checks()` gives every listed column a CHECK constraint
  `length(column) <= limit`, named `ck_<table>_<column>_length`, the same on SQLite and
  PostgreSQL (both count characters, not bytes; NUL never reaches either, see
  `store.engine`);
- the services: `services.texts.check_text()` refuses a longer text (or one holding a
  control character) with a French message before anything is written;
- the imports (`services.interop`), which report an over-long value as a problem of the
  file instead of failing on the constraint.

Migration 0008 added the constraints with a frozen copy of this table (migrations never
import the application); the schema tests check that the store and the models agree.

A `String(n)` column's length and its limit are the same number (checked when the
constraints are added). Columns the application fills itself are listed in `EXEMPT`.

`OversizeText` keeps, whole, the few texts that migration 0008 found longer than their
new limit, before it shortened them in place (see the migration's docstring).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, MetaData, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, IdMixin, utcnow

#: A free text written at length: Constats, Conseils, appreciation, plan, booklet parts,
#: logbook pages (about five printed pages).
LONG_TEXT = 20_000
#: The three texts of an activity sheet (the apprentice's main writing).
SHEET_TEXT = 50_000
#: A comment on a sheet.
COMMENT_TEXT = 10_000
#: A postal address, a criterion's label, a URL, a rating's remark.
MEDIUM_TEXT = 2_000
#: The participants of an interview or a visit.
PARTICIPANTS = 1_000
#: A code of the framework (C1, T1.1, U31), of a diploma or a class.
CODE = 60
#: A person's name.
PERSON_NAME = 100
#: A name or a title: company, centre, period, grid, synthesis, framework.
NAME = 200
#: A label of the framework (competence, unit, area, task) or of a sheet.
LABEL = 300
EMAIL = 200
PHONE = 30
POSTCODE = 10
CITY = 100

TEXT_LIMITS: Mapping[str, Mapping[str, int]] = {
    "accounts": {
        "login": 80,
        "last_name": PERSON_NAME,
        "first_name": PERSON_NAME,
        "email": EMAIL,
        "phone": PHONE,
        "job_title": 120,
    },
    "apprentices": {
        "national_id": 20,
        "last_name": PERSON_NAME,
        "first_name": PERSON_NAME,
        "email": EMAIL,
        "phone": PHONE,
        "address": MEDIUM_TEXT,
    },
    "centres": {
        "name": NAME,
        "uai_code": 8,
        "address": MEDIUM_TEXT,
        "postcode": POSTCODE,
        "city": CITY,
        "phone": PHONE,
        "email": EMAIL,
    },
    "school_years": {"label": 20},
    "school_classes": {"name": CODE, "level_label": 120},
    "companies": {
        "name": NAME,
        "siret": 14,
        "address": MEDIUM_TEXT,
        "postcode": POSTCODE,
        "city": CITY,
        "phone": PHONE,
        "email": EMAIL,
    },
    "diplomas": {"code": CODE, "name": NAME, "level": CODE},
    "frameworks": {"name": NAME, "id_number": 100, "description": LONG_TEXT},
    "units": {"code": CODE, "label": LABEL, "description": LONG_TEXT},
    "competences": {"code": CODE, "label": LABEL, "description": LONG_TEXT},
    "criteria": {"code": CODE, "label": MEDIUM_TEXT, "description": LONG_TEXT},
    "activity_areas": {"code": CODE, "label": LABEL},
    "tasks": {"code": CODE, "label": LABEL},
    "periods": {"name": NAME},
    "period_plans": {"objectives": LONG_TEXT, "planned_activities": LONG_TEXT},
    "logbooks": {"place_of_work": LONG_TEXT, "contacts": LONG_TEXT, "presentation": LONG_TEXT},
    "activity_sheets": {
        "title": LABEL,
        "context": SHEET_TEXT,
        "description": SHEET_TEXT,
        "reflective_analysis": SHEET_TEXT,
    },
    "attachments": {"name": 255, "url": MEDIUM_TEXT},
    "comments": {"body": COMMENT_TEXT},
    "booklet_sections": {"body": LONG_TEXT},
    "phase_syntheses": {"title": NAME, "body": LONG_TEXT},
    "interviews": {"participants": PARTICIPANTS, "summary": LONG_TEXT},
    "visits": {"participants": PARTICIPANTS, "report": LONG_TEXT},
    "rating_grids": {"title": NAME},
    "ratings": {"remark": MEDIUM_TEXT},
    "period_reviews": {"appreciation": LONG_TEXT},
    "competence_reviews": {"findings": LONG_TEXT, "advice": LONG_TEXT},
}

#: Text columns without a limit here, and why: nobody types them.
EXEMPT: Mapping[str, str] = {
    "accounts.password_hash": "an argon2 hash the application computes",
    "attachments.media_type": "guessed by the application from the file",
    "attachments.sha256": "a digest the application computes",
    "audit_events.*": "written by the application only, and never rewritten (migration 0005)",
    "oversize_texts.*": "the whole texts migration 0008 had to shorten: no limit by design",
    "sign_in_throttles.*": "sign-in bookkeeping the application computes",
    "trusted_devices.*": "sign-in bookkeeping the application computes",
}


def text_limit(column: Any) -> int:
    """The limit of a mapped column (`m.CompetenceReview.findings`) or of "table.column"."""
    if isinstance(column, str):
        table, name = column.split(".", 1)
    else:
        expression = getattr(column, "expression", column)
        table, name = expression.table.name, expression.name
    return TEXT_LIMITS[table][name]


def length_condition(column: str, limit: int) -> str:
    """The CHECK condition of a length limit, as both backends read it."""
    return f"length({column}) <= {limit}"


def add_length_checks(metadata: MetaData) -> None:
    """Give every column of `TEXT_LIMITS` its CHECK constraint (once, at import)."""
    for table_name, columns in TEXT_LIMITS.items():
        table = metadata.tables[table_name]
        for name, limit in columns.items():
            column = table.c[name]
            declared = getattr(column.type, "length", None)
            if declared is not None and declared != limit:
                raise RuntimeError(
                    f"{table_name}.{name} is String({declared}) but its limit is {limit}"
                )
            table.append_constraint(
                CheckConstraint(length_condition(name, limit), name=f"{name}_length")
            )


class OversizeText(IdMixin, Base):
    """A text migration 0008 found longer than its column's new limit, kept whole.

    The row itself keeps the beginning of the text and a note saying it was shortened. The
    apprentice the text is about (if any) is kept so that his erasure takes it with him.
    """

    __tablename__ = "oversize_texts"

    table_name: Mapped[str] = mapped_column(String(63))
    row_id: Mapped[int] = mapped_column(Integer)
    column_name: Mapped[str] = mapped_column(String(63))
    text: Mapped[str] = mapped_column(Text)
    apprentice_id: Mapped[int | None] = mapped_column(
        ForeignKey("apprentices.id", ondelete="CASCADE"), index=True
    )
    moved_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
