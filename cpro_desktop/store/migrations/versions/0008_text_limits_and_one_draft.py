"""text limits everywhere, and one draft review per apprentice, author and origin

- Every user-typed text column gets a CHECK `length(column) <= limit`, named
  `ck_<table>_<column>_length`, the same on SQLite and PostgreSQL (both count characters).
  The limits are a frozen copy of `models/limits.py` as of this revision (a migration never
  imports the application; the schema tests check the two agree). They are the limits the
  services already applied (Constats, sheets, logbook, booklet…) or, for columns nothing
  bounded (descriptions from Moodle, addresses), generous ones, so that real data fits.
- A partial unique index allows one draft competence review per (apprentice, author,
  origin), the key under which `services.reviews.start_review` resumes a draft: a
  validated review and a draft coexist, as do any number of validated reviews.

Existing data, nothing lost:

1. Duplicate drafts (same apprentice, author and origin): the one saved last stays; each
   older one that holds anything (texts, a level other than NE, a mark) is appended to it
   under a dated heading — its Constats and its levels and mark (as text) after the kept
   Constats, its Conseils after the kept Conseils — and then deleted. Levels and mark of the
   kept draft do not change: the author sees the older draft's in the text and decides.
2. A text longer than its new limit (written by another program, by an older version or by
   an import that did not check; or a merged draft): the whole text goes to the new table
   `oversize_texts` (table, row, column, text, and the apprentice it concerns, so that his
   erasure removes it), then the row keeps its beginning followed by a French note saying
   it was shortened (a bare "…" for short columns, where a note would not fit). No row is
   refused and the migration never fails on data; truncating silently, or keeping rows
   that break a constraint on one backend only (PostgreSQL's NOT VALID), were the other
   choices, both worse. A validated review is a document: its triggers are lifted for this
   one update only, as migration 0006 did.
3. Downgrading puts the whole texts back into the rows still there, then drops the table;
   merged drafts stay merged.

On SQLite a constraint is added by rebuilding the table (Alembic's batch mode): the rebuild
must run with foreign keys off (`store.migrate` sees to it, and this migration refuses to
run otherwise, since a rebuild with them on would cascade deletions), and the triggers of
a rebuilt table (reviews frozen by 0003 and 0006, any later ones) are re-created as they
were.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-12
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LONG, SHEET, COMMENT, MEDIUM, PARTICIPANTS = 20_000, 50_000, 10_000, 2_000, 1_000
CODE, PERSON, NAME, LABEL = 60, 100, 200, 300

#: `models/limits.py` TEXT_LIMITS as of this revision.
LIMITS: dict[str, dict[str, int]] = {
    "accounts": {
        "login": 80,
        "last_name": PERSON,
        "first_name": PERSON,
        "email": 200,
        "phone": 30,
        "job_title": 120,
    },
    "apprentices": {
        "national_id": 20,
        "last_name": PERSON,
        "first_name": PERSON,
        "email": 200,
        "phone": 30,
        "address": MEDIUM,
    },
    "centres": {
        "name": NAME,
        "uai_code": 8,
        "address": MEDIUM,
        "postcode": 10,
        "city": 100,
        "phone": 30,
        "email": 200,
    },
    "school_years": {"label": 20},
    "school_classes": {"name": CODE, "level_label": 120},
    "companies": {
        "name": NAME,
        "siret": 14,
        "address": MEDIUM,
        "postcode": 10,
        "city": 100,
        "phone": 30,
        "email": 200,
    },
    "diplomas": {"code": CODE, "name": NAME, "level": CODE},
    "frameworks": {"name": NAME, "id_number": 100, "description": LONG},
    "units": {"code": CODE, "label": LABEL, "description": LONG},
    "competences": {"code": CODE, "label": LABEL, "description": LONG},
    "criteria": {"code": CODE, "label": MEDIUM, "description": LONG},
    "activity_areas": {"code": CODE, "label": LABEL},
    "tasks": {"code": CODE, "label": LABEL},
    "periods": {"name": NAME},
    "period_plans": {"objectives": LONG, "planned_activities": LONG},
    "logbooks": {"place_of_work": LONG, "contacts": LONG, "presentation": LONG},
    "activity_sheets": {
        "title": LABEL,
        "context": SHEET,
        "description": SHEET,
        "reflective_analysis": SHEET,
    },
    "attachments": {"name": 255, "url": MEDIUM},
    "comments": {"body": COMMENT},
    "booklet_sections": {"body": LONG},
    "phase_syntheses": {"title": NAME, "body": LONG},
    "interviews": {"participants": PARTICIPANTS, "summary": LONG},
    "visits": {"participants": PARTICIPANTS, "report": LONG},
    "rating_grids": {"title": NAME},
    "ratings": {"remark": MEDIUM},
    "period_reviews": {"appreciation": LONG},
    "competence_reviews": {"findings": LONG, "advice": LONG},
}

#: The apprentice a row of each table is about (SQL over the row `t`), for `oversize_texts`.
_PORTFOLIO = "(SELECT p.apprentice_id FROM portfolios p WHERE p.id = {})"
_BOOKLET = "(SELECT b.apprentice_id FROM booklets b WHERE b.id = {})"
_SHEET = (
    "(SELECT p.apprentice_id FROM activity_sheets s JOIN portfolios p ON p.id = s.portfolio_id"
    " WHERE s.id = {})"
)
APPRENTICE_OF = {
    "apprentices": "t.id",
    "accounts": "(SELECT a.id FROM apprentices a WHERE a.account_id = t.id)",
    "logbooks": _PORTFOLIO.format("t.portfolio_id"),
    "activity_sheets": _PORTFOLIO.format("t.portfolio_id"),
    "period_reviews": _PORTFOLIO.format("t.portfolio_id"),
    "comments": _SHEET.format("t.activity_sheet_id"),
    "attachments": "COALESCE({}, {}, {})".format(
        "(SELECT p.apprentice_id FROM logbooks l JOIN portfolios p ON p.id = l.portfolio_id"
        " WHERE l.id = t.logbook_id)",
        _SHEET.format("t.activity_sheet_id"),
        _BOOKLET.format("t.booklet_id"),
    ),
    "competence_reviews": "t.apprentice_id",
    "rating_grids": "t.apprentice_id",
    "ratings": "(SELECT g.apprentice_id FROM rating_grids g WHERE g.id = t.rating_grid_id)",
    "booklet_sections": _BOOKLET.format("t.booklet_id"),
    "phase_syntheses": _BOOKLET.format("t.booklet_id"),
    "interviews": _BOOKLET.format("t.booklet_id"),
    "visits": _BOOKLET.format("t.booklet_id"),
}

#: What a shortened long text ends with (columns of at least `NOTE_FROM` characters).
SHORTENED_NOTE = (
    "\n[…] Texte raccourci lors de la mise à jour de la base (il dépassait {limit} "
    "caractères) : l'administrateur en conserve la version complète."
)
NOTE_FROM = 1_000

ONE_DRAFT_INDEX = "uq_competence_reviews_one_draft"
ONE_DRAFT_COLUMNS = ["apprentice_id", "author_id", "origin"]
DRAFT = "status = 'draft'"


def _check_name(table: str, column: str) -> str:
    return f"ck_{table}_{column}_length"


def _is_sqlite(bind: sa.engine.Connection) -> bool:
    return bind.dialect.name == "sqlite"


def _refuse_foreign_keys_on(bind: sa.engine.Connection) -> None:
    """A table rebuild with foreign keys on would cascade deletions: refuse to start."""
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError(
            "migration 0008 rebuilds SQLite tables: run it through cpro_desktop.store.migrate,"
            " which turns foreign keys off for the rebuild"
        )


@contextmanager
def _triggers_lifted(bind: sa.engine.Connection, table: str) -> Iterator[None]:
    """The table's own triggers are out of the way inside the block (one data fix)."""
    if not _is_sqlite(bind):
        op.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield
        op.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        return
    with _sqlite_triggers_kept(bind, table, drop=True):
        yield


@contextmanager
def _sqlite_triggers_kept(
    bind: sa.engine.Connection, table: str, *, drop: bool = False
) -> Iterator[None]:
    """Re-create the table's triggers after the block (a rebuild drops them with the table)."""
    triggers = bind.execute(
        sa.text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"
            " ORDER BY name"
        ),
        {"t": table},
    ).all()
    if drop:
        for name, _ in triggers:
            op.execute(f"DROP TRIGGER {name}")
    yield
    present = set(
        bind.execute(
            sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
            {"t": table},
        ).scalars()
    )
    for name, sql in triggers:
        if name not in present:
            op.execute(sql)


# -- existing data -----------------------------------------------------------------------------


def _mark_text(mark: Any) -> str:
    return f"{Decimal(str(mark)).normalize():f}".replace(".", ",") + "/20"


def _merge_duplicate_drafts(bind: sa.engine.Connection) -> None:
    """Fold every older duplicate draft into the one saved last (module docstring, 1)."""
    drafts = bind.execute(
        sa.text(
            "SELECT id, apprentice_id, author_id, origin, reviewed_on, findings, advice,"
            " proposed_mark, updated_at FROM competence_reviews"
            " WHERE status = 'draft' AND author_id IS NOT NULL"
            " ORDER BY apprentice_id, author_id, origin, updated_at, id"
        ).columns(reviewed_on=sa.Date(), updated_at=sa.DateTime())
    ).all()
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for draft in drafts:
        groups.setdefault((draft.apprentice_id, draft.author_id, draft.origin), []).append(draft)
    duplicated = {key: rows for key, rows in groups.items() if len(rows) > 1}
    if not duplicated:
        return
    ids = [row.id for rows in duplicated.values() for row in rows]
    levels: dict[int, list[str]] = {}
    for line in bind.execute(
        sa.text(
            "SELECT l.competence_review_id, c.code, l.level FROM competence_review_lines l"
            " JOIN competences c ON c.id = l.competence_id"
            " WHERE l.level <> 'NE' AND l.competence_review_id IN :ids"
            " ORDER BY c.position, c.id"
        ).bindparams(sa.bindparam("ids", expanding=True)),
        {"ids": ids},
    ):
        levels.setdefault(line.competence_review_id, []).append(f"{line.code} {line.level}")
    for rows in duplicated.values():
        kept, older = rows[-1], rows[:-1]
        findings, advice = kept.findings, kept.advice
        for draft in older:
            heading = (
                f"— Brouillon en double du {_day(draft.reviewed_on)}, réuni à celui-ci lors "
                "de la mise à jour de la base —"
            )
            block = [draft.findings.strip()] if draft.findings.strip() else []
            if levels.get(draft.id):
                block.append("Niveaux de ce brouillon : " + " ; ".join(levels[draft.id]))
            if draft.proposed_mark is not None:
                block.append(f"Note proposée dans ce brouillon : {_mark_text(draft.proposed_mark)}")
            if block:
                findings = _appended(findings, heading, "\n".join(block))
            if draft.advice.strip():
                advice = _appended(advice, heading, draft.advice.strip())
            bind.execute(
                sa.text("DELETE FROM competence_review_lines WHERE competence_review_id = :id"),
                {"id": draft.id},
            )
            bind.execute(
                sa.text("DELETE FROM read_marks WHERE competence_review_id = :id"),
                {"id": draft.id},
            )
            bind.execute(sa.text("DELETE FROM competence_reviews WHERE id = :id"), {"id": draft.id})
        bind.execute(
            sa.text(
                "UPDATE competence_reviews SET findings = :findings, advice = :advice,"
                " version = version + 1 WHERE id = :id"
            ),
            {"findings": findings, "advice": advice, "id": kept.id},
        )


def _day(value: date | str) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def _appended(text: str, heading: str, addition: str) -> str:
    return f"{text.rstrip()}\n\n{heading}\n{addition}" if text.strip() else f"{heading}\n{addition}"


def _shortened(text: str, limit: int) -> str:
    if limit < NOTE_FROM:
        return text[: limit - 1] + "…"
    note = SHORTENED_NOTE.format(limit=f"{limit:,}".replace(",", " "))
    return text[: limit - len(note)] + note


def _keep_oversize_texts(bind: sa.engine.Connection) -> None:
    """Move every over-long text whole into `oversize_texts`, shorten it in place."""
    for table, columns in LIMITS.items():
        condition = " OR ".join(f"length({c}) > {n}" for c, n in columns.items())
        apprentice = APPRENTICE_OF.get(table, "NULL")
        rows = bind.execute(
            sa.text(
                f"SELECT t.id, {apprentice} AS apprentice_id,"
                f" {', '.join(f't.{c}' for c in columns)} FROM {table} t WHERE {condition}"
            )
        ).all()
        if not rows:
            continue
        versioned = any(c["name"] == "version" for c in sa.inspect(bind).get_columns(table))
        with _triggers_lifted(bind, table):
            for row in rows:
                values = row._mapping
                changed = {}
                for column, limit in columns.items():
                    text = values[column]
                    if text is None or len(text) <= limit:
                        continue
                    bind.execute(
                        sa.text(
                            "INSERT INTO oversize_texts"
                            " (table_name, row_id, column_name, text, apprentice_id)"
                            " VALUES (:table, :row, :column, :text, :apprentice)"
                        ),
                        {
                            "table": table,
                            "row": row.id,
                            "column": column,
                            "text": text,
                            "apprentice": row.apprentice_id,
                        },
                    )
                    changed[column] = _shortened(text, limit)
                assignments = ", ".join(f"{c} = :{c}" for c in changed)
                if versioned:
                    assignments += ", version = version + 1"
                bind.execute(
                    sa.text(f"UPDATE {table} SET {assignments} WHERE id = :row_id"),
                    {**changed, "row_id": row.id},
                )


def _restore_oversize_texts(bind: sa.engine.Connection) -> None:
    """Downgrade: put the whole texts back into the rows still there."""
    kept = bind.execute(
        sa.text("SELECT table_name, row_id, column_name, text FROM oversize_texts ORDER BY id")
    ).all()
    by_table: dict[str, list[Any]] = {}
    for row in kept:
        if row.column_name in LIMITS.get(row.table_name, {}):
            by_table.setdefault(row.table_name, []).append(row)
    for table, rows in by_table.items():
        with _triggers_lifted(bind, table):
            for row in rows:
                bind.execute(
                    sa.text(f"UPDATE {table} SET {row.column_name} = :text WHERE id = :id"),
                    {"text": row.text, "id": row.row_id},
                )


# -- schema --------------------------------------------------------------------------------


def _add_checks(bind: sa.engine.Connection) -> None:
    for table, columns in LIMITS.items():
        if not _is_sqlite(bind):
            for column, limit in columns.items():
                op.create_check_constraint(
                    op.f(_check_name(table, column)), table, f"length({column}) <= {limit}"
                )
            continue
        with _sqlite_triggers_kept(bind, table):
            with op.batch_alter_table(table, recreate="always") as batch_op:
                for column, limit in columns.items():
                    batch_op.create_check_constraint(
                        op.f(_check_name(table, column)), f"length({column}) <= {limit}"
                    )


def _drop_checks(bind: sa.engine.Connection) -> None:
    for table, columns in LIMITS.items():
        if not _is_sqlite(bind):
            for column in columns:
                op.drop_constraint(op.f(_check_name(table, column)), table, type_="check")
            continue
        with _sqlite_triggers_kept(bind, table):
            with op.batch_alter_table(table, recreate="always") as batch_op:
                for column in columns:
                    batch_op.drop_constraint(op.f(_check_name(table, column)), type_="check")


def upgrade() -> None:
    bind = op.get_bind()
    if _is_sqlite(bind):
        _refuse_foreign_keys_on(bind)
    op.create_table(
        "oversize_texts",
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("column_name", sa.String(length=63), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("apprentice_id", sa.Integer(), nullable=True),
        sa.Column(
            "moved_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["apprentice_id"],
            ["apprentices.id"],
            name=op.f("fk_oversize_texts_apprentice_id_apprentices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oversize_texts")),
    )
    op.create_index(
        op.f("ix_oversize_texts_apprentice_id"), "oversize_texts", ["apprentice_id"], unique=False
    )
    _merge_duplicate_drafts(bind)
    _keep_oversize_texts(bind)
    _add_checks(bind)
    op.create_index(
        ONE_DRAFT_INDEX,
        "competence_reviews",
        ONE_DRAFT_COLUMNS,
        unique=True,
        sqlite_where=sa.text(DRAFT),
        postgresql_where=sa.text(DRAFT),
    )


def downgrade() -> None:
    bind = op.get_bind()
    if _is_sqlite(bind):
        _refuse_foreign_keys_on(bind)
    op.drop_index(ONE_DRAFT_INDEX, table_name="competence_reviews")
    _drop_checks(bind)
    _restore_oversize_texts(bind)
    op.drop_index(op.f("ix_oversize_texts_apprentice_id"), table_name="oversize_texts")
    op.drop_table("oversize_texts")
