"""The shared PostgreSQL server as the last wall: each person connects with his own login,
and the server itself refuses what the permission policy refuses.

Every test here talks to the real PostgreSQL of CI, as a person with `psql` would: raw
psycopg with that account's own credentials. Expected rows are computed by hand-written
joins from the superuser's side, and the apprentices each account relates to come from the
application's own listing clause: the two walls must agree.
"""

from __future__ import annotations

import json
import statistics
import time

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.enums import Role
from cpro_desktop.services import server
from cpro_desktop.services.auth import authenticate, open_and_sign_in
from cpro_desktop.services.permissions import Action, Actor, visible_apprentices_clause
from cpro_desktop.store import SchemaTooOld, SignInRefused, Store
from tests.conftest import ServerStore

pytestmark = pytest.mark.pg

A = Action
LOGINS = ["apprenti", "tuteur", "tuteur2", "formateur", "formateur2", "parent", "admin"]

#: Each table with a person's data: the SQL giving (row key, apprentice id), written by hand
#: from the schema, and the action that lets one read it (the SPEC's "Who uses it" table:
#: a guardian reads the dashboard, reviews and booklet, not the sheets).
ROWS: dict[str, tuple[str, Action]] = {
    "apprentices": ("SELECT id, id FROM apprentices", A.READ_DASHBOARD),
    "apprentice_guardians": (
        "SELECT guardian_id, apprentice_id FROM apprentice_guardians",
        A.READ_DASHBOARD,
    ),
    "portfolios": ("SELECT id, apprentice_id FROM portfolios", A.READ_DASHBOARD),
    "logbooks": (
        "SELECT l.id, p.apprentice_id FROM logbooks l JOIN portfolios p ON p.id = l.portfolio_id",
        A.READ_WORK,
    ),
    "activity_sheets": (
        "SELECT s.id, p.apprentice_id FROM activity_sheets s"
        " JOIN portfolios p ON p.id = s.portfolio_id",
        A.READ_WORK,
    ),
    "sheet_tasks": (
        "SELECT x.activity_sheet_id, p.apprentice_id FROM sheet_tasks x"
        " JOIN activity_sheets s ON s.id = x.activity_sheet_id"
        " JOIN portfolios p ON p.id = s.portfolio_id",
        A.READ_WORK,
    ),
    "sheet_competences": (
        "SELECT x.activity_sheet_id, p.apprentice_id FROM sheet_competences x"
        " JOIN activity_sheets s ON s.id = x.activity_sheet_id"
        " JOIN portfolios p ON p.id = s.portfolio_id",
        A.READ_WORK,
    ),
    "comments": (
        "SELECT c.id, p.apprentice_id FROM comments c"
        " JOIN activity_sheets s ON s.id = c.activity_sheet_id"
        " JOIN portfolios p ON p.id = s.portfolio_id",
        A.READ_WORK,
    ),
    # A third column names the action of the row when it is not the table's: the booklet's
    # reference documents are read with the booklet (the guardian reads them).
    "attachments": (
        "SELECT a.id, coalesce(ps.apprentice_id, pl.apprentice_id, b.apprentice_id),"
        " CASE WHEN a.booklet_id IS NULL THEN 'read_work' ELSE 'read_booklet' END"
        " FROM attachments a"
        " LEFT JOIN activity_sheets s ON s.id = a.activity_sheet_id"
        " LEFT JOIN portfolios ps ON ps.id = s.portfolio_id"
        " LEFT JOIN logbooks l ON l.id = a.logbook_id"
        " LEFT JOIN portfolios pl ON pl.id = l.portfolio_id"
        " LEFT JOIN booklets b ON b.id = a.booklet_id",
        A.READ_WORK,
    ),
    "task_logs": ("SELECT id, apprentice_id FROM task_logs", A.READ_DASHBOARD),
    "rating_grids": ("SELECT id, apprentice_id FROM rating_grids", A.READ_DASHBOARD),
    "ratings": (
        "SELECT r.id, g.apprentice_id FROM ratings r JOIN rating_grids g ON g.id = r.rating_grid_id",
        A.READ_DASHBOARD,
    ),
    "period_reviews": (
        "SELECT r.id, p.apprentice_id FROM period_reviews r"
        " JOIN portfolios p ON p.id = r.portfolio_id",
        A.READ_REVIEWS,
    ),
    # Drafts are left out here: only their author sees them (checked below).
    "competence_reviews": (
        "SELECT id, apprentice_id FROM competence_reviews WHERE status = 'validated'",
        A.READ_REVIEWS,
    ),
    "competence_review_lines": (
        "SELECT l.id, r.apprentice_id FROM competence_review_lines l"
        " JOIN competence_reviews r ON r.id = l.competence_review_id"
        " WHERE r.status = 'validated'",
        A.READ_REVIEWS,
    ),
    "booklets": ("SELECT id, apprentice_id FROM booklets", A.READ_BOOKLET),
    "booklet_sections": (
        "SELECT x.id, b.apprentice_id FROM booklet_sections x JOIN booklets b ON b.id = x.booklet_id",
        A.READ_BOOKLET,
    ),
    "phase_syntheses": (
        "SELECT x.id, b.apprentice_id FROM phase_syntheses x JOIN booklets b ON b.id = x.booklet_id",
        A.READ_BOOKLET,
    ),
    "interviews": (
        "SELECT x.id, b.apprentice_id FROM interviews x JOIN booklets b ON b.id = x.booklet_id",
        A.READ_BOOKLET,
    ),
    "visits": (
        "SELECT x.id, b.apprentice_id FROM visits x JOIN booklets b ON b.id = x.booklet_id",
        A.READ_BOOKLET,
    ),
}


#: What the administrator reads whole for his set-up (written by hand from the SPEC: the
#: apprentices' list and their guardians; the booklet row he creates with each apprentice;
#: the portfolio rows — which period, company and tutor — that his period generation and
#: his tutor changes maintain, as placements move with the apprentice's employer).
ADMIN_SET_UP_TABLES = {"apprentices", "apprentice_guardians", "portfolios", "booklets"}


def _account(su: psycopg.Connection, login: str) -> tuple[int, str]:
    row = su.execute("SELECT id, role FROM accounts WHERE login = %s", (login,)).fetchone()
    assert row is not None
    return row[0], row[1]


def _app_visible(server_store: ServerStore, login: str, action: Action) -> set[int]:
    """The apprentices the application's own policy lets `login` `action` (first wall)."""
    from cpro_desktop.models.enums import Role

    with Store.open(server_store.admin_url) as store, store.read() as session:
        account = session.scalars(select(m.Account).where(m.Account.login == login)).one()
        actor = Actor(account.id, Role(account.role), login)
        return set(
            session.scalars(
                select(m.Apprentice.id).where(visible_apprentices_clause(actor, action))
            )
        )


@pytest.mark.parametrize("login", LOGINS)
def test_each_account_reads_exactly_the_rows_the_policy_gives_it(
    shared_server_demo: ServerStore, login: str
) -> None:
    """As a person with psql: every table with a person's data shows exactly the rows of the
    apprentices the permission policy relates him to, and nothing of the others. The
    administrator (who teaches no class here) sees the apprentices, their guardians and
    their empty booklet rows, which his set-up needs, and nobody's work or reviews."""
    su = shared_server_demo.superuser()
    mismatches = {}
    with shared_server_demo.connect(login) as me:
        for table, (sql, action) in ROWS.items():
            rows = su.execute(sql).fetchall()
            if login == "admin":
                expected = {row[0] for row in rows} if table in ADMIN_SET_UP_TABLES else set()
            else:
                visible = {
                    wanted: _app_visible(shared_server_demo, login, wanted)
                    for wanted in {action} | {Action(row[2]) for row in rows if len(row) > 2}
                }
                expected = {
                    row[0]
                    for row in rows
                    if row[1] in visible[Action(row[2]) if len(row) > 2 else action]
                }
            key_column = sql.split()[1].split(".")[-1].rstrip(",")
            seen_sql = f"SELECT {key_column} FROM {table}"
            if table.startswith("competence_review"):
                seen_sql = f"SELECT x.{key_column} FROM {table} x" + (
                    " WHERE x.status = 'validated'"
                    if table == "competence_reviews"
                    else " JOIN competence_reviews r ON r.id = x.competence_review_id"
                    " WHERE r.status = 'validated'"
                )
            seen = {r[0] for r in me.execute(seen_sql).fetchall()}
            if seen != expected:
                mismatches[table] = (sorted(seen - expected), sorted(expected - seen))
    su.close()
    assert mismatches == {}


def test_a_draft_review_is_seen_by_its_author_alone(server_demo: ServerStore) -> None:
    """A tutor's draft company review of Mina: he reads and writes it; Mina, her guardian
    and her trainer see nothing of it until it is validated."""
    su = server_demo.superuser()
    mina = su.execute("SELECT id FROM apprentices WHERE last_name = 'AZZOUG'").fetchone()[0]
    tutor, _ = _account(su, "tuteur")
    draft = su.execute(
        "INSERT INTO competence_reviews (apprentice_id, origin, reviewed_on, status, findings,"
        " advice, author_id) VALUES (%s, 'company', '2026-02-01', 'draft', 'brouillon', 'x', %s)"
        # One draft per author: the demo's draft becomes this one.
        " ON CONFLICT (apprentice_id, author_id, origin) WHERE status = 'draft' DO UPDATE"
        " SET reviewed_on = EXCLUDED.reviewed_on, findings = EXCLUDED.findings,"
        " advice = EXCLUDED.advice RETURNING id",
        (mina, tutor),
    ).fetchone()[0]
    su.close()
    seen = {}
    for login in ("tuteur", "apprenti", "parent", "formateur"):
        with server_demo.connect(login) as me:
            seen[login] = me.execute(
                "SELECT count(*) FROM competence_reviews WHERE id = %s", (draft,)
            ).fetchone()[0]
            seen[login + " writes"] = _changed(
                me, "UPDATE competence_reviews SET advice = 'y' WHERE id = %s", (draft,)
            )
    assert seen == {
        "tuteur": 1, "tuteur writes": 1,
        "apprenti": 0, "apprenti writes": 0,
        "parent": 0, "parent writes": 0,
        "formateur": 0, "formateur writes": 0,
    }  # fmt: skip


def test_the_administrator_reads_a_record_only_once_he_has_opened_it(
    server_demo: ServerStore,
) -> None:
    """The server's twin of exporting a record: Mina's sheets, reviews (drafts included) and
    booklet become readable to the administrator's own login when he opens her record, for
    a while; Nathan's stay hidden; nobody else may open a record."""
    su = server_demo.superuser()
    mina = su.execute("SELECT id FROM apprentices WHERE last_name = 'AZZOUG'").fetchone()[0]
    sheets = "SELECT count(*) FROM activity_sheets s JOIN portfolios p ON p.id = s.portfolio_id"
    sheets += " WHERE p.apprentice_id = %s"
    reviews = "SELECT count(*) FROM competence_reviews WHERE apprentice_id = %s"
    expected = (
        su.execute(sheets, (mina,)).fetchone()[0],
        su.execute(reviews, (mina,)).fetchone()[0],
    )
    assert expected[0] > 0 and expected[1] > 0
    with server_demo.connect("admin") as me:
        assert (
            me.execute(sheets, (mina,)).fetchone()[0],
            me.execute(reviews, (mina,)).fetchone()[0],
        ) == (0, 0)
        me.execute("SELECT cpro_policy.open_record(%s)", (mina,))
        assert (
            me.execute(sheets, (mina,)).fetchone()[0],
            me.execute(reviews, (mina,)).fetchone()[0],
        ) == expected
        assert me.execute("SELECT count(*) FROM activity_sheets").fetchone()[0] == expected[0]
        su.execute("UPDATE cpro_policy.opened_records SET until = now() - interval '1 second'")
        assert me.execute(sheets, (mina,)).fetchone()[0] == 0
    with server_demo.connect("formateur") as me, pytest.raises(errors.InsufficientPrivilege):
        me.execute("SELECT cpro_policy.open_record(%s)", (mina,))
    with server_demo.connect("formateur") as me, pytest.raises(errors.InsufficientPrivilege):
        me.execute(
            "INSERT INTO cpro_policy.opened_records VALUES (session_user, %s, now() + interval '1 day')",
            (mina,),
        )
    su.close()


def test_the_demo_accounts_reach_what_the_reference_document_gives_them(
    shared_server_demo: ServerStore,
) -> None:
    """Hand-written from the demo world: Mina's tutor and trainer read her sheets, her
    guardian reads her reviews but not her sheets, Nathan's tutor reads none of hers."""
    su = shared_server_demo.superuser()
    mina = su.execute("SELECT id FROM apprentices WHERE last_name = 'AZZOUG'").fetchone()[0]
    mine = "SELECT count(*) FROM activity_sheets s JOIN portfolios p ON p.id = s.portfolio_id"
    mine += " WHERE p.apprentice_id = %s"
    total = su.execute(mine, (mina,)).fetchone()[0]
    assert total > 0
    counts = {}
    for login in ("apprenti", "tuteur", "formateur", "parent", "tuteur2", "formateur2"):
        with shared_server_demo.connect(login) as me:
            counts[login] = me.execute(mine, (mina,)).fetchone()[0]
    su.close()
    assert counts == {
        "apprenti": total,
        "tuteur": total,
        "formateur": total,
        "parent": 0,
        "tuteur2": 0,
        "formateur2": 0,  # teaches Terminale Bac Pro and BTS, not 1MELEC (Mina)
    }


@pytest.mark.parametrize("login", ["apprenti", "tuteur", "formateur", "parent", "admin"])
def test_nobody_reads_credentials_or_the_catalogue_of_passwords(
    shared_server_demo: ServerStore, login: str
) -> None:
    """`accounts.password_hash` and `pg_authid` are refused to everyone who signs in, the
    administrator included (the server keeps the credentials)."""
    with shared_server_demo.connect(login) as me:
        with pytest.raises(errors.InsufficientPrivilege):
            me.execute("SELECT password_hash FROM accounts")
        with pytest.raises(errors.InsufficientPrivilege):
            me.execute("SELECT rolpassword FROM pg_authid")
        with pytest.raises(errors.InsufficientPrivilege):
            me.execute("SELECT * FROM pg_shadow")
    su = shared_server_demo.superuser()
    assert (
        su.execute("SELECT count(*) FROM accounts WHERE password_hash IS NOT NULL").fetchone()[0]
        == 0
    )
    su.close()


@pytest.mark.parametrize("login", ["apprenti", "tuteur", "formateur", "parent", "admin"])
def test_no_way_around_the_wall(shared_server_demo: ServerStore, login: str) -> None:
    """SET ROLE to the owner, a group or another person, disabling row-level security,
    dropping a policy, creating a function (in any schema, temporary ones included),
    creating a table, truncating, and reading another store's database are all refused."""
    name = shared_server_demo.name
    attempts = [
        f'SET ROLE "{name}$owner"',
        f'SET ROLE "{name}$admin"' if login != "admin" else f'SET ROLE "{name}$trainer"',
        f'SET ROLE "{name}.formateur2"' if login != "formateur2" else f'SET ROLE "{name}.tuteur"',
        "ALTER TABLE comments DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE comments NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY read_work ON comments",
        "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE FUNCTION cpro_policy.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE TEMP TABLE t (a int)",
        "CREATE TABLE public.t (a int)",
        "TRUNCATE comments",
        "TRUNCATE competence_reviews CASCADE",
        "ALTER TABLE competence_reviews DISABLE TRIGGER ALL",
        "CREATE OR REPLACE FUNCTION cpro_policy.me() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
        "SELECT cpro_policy.sync_login()",
    ]
    accepted = []
    with shared_server_demo.connect(login) as me:
        for sql in attempts:
            try:
                me.execute(sql)
            except psycopg.Error:
                continue
            accepted.append(sql)
    assert accepted == []


def test_a_login_opens_no_other_store_on_the_server(
    shared_server_demo: ServerStore, pg_databases
) -> None:
    """Two stores on one server: a person of one cannot even connect to the other."""
    from tests.conftest import make_server_store

    other = make_server_store(pg_databases, demo=False)
    with pytest.raises(psycopg.OperationalError, match=r"permission denied|CONNECT"):
        psycopg.connect(
            host="127.0.0.1",
            dbname=other.name,
            user=f"{shared_server_demo.name}.tuteur",
            password="cpro-demo",
        ).close()


def _sheet_of(su: psycopg.Connection, last_name: str) -> int:
    return su.execute(
        "SELECT s.id FROM activity_sheets s JOIN portfolios p ON p.id = s.portfolio_id"
        " JOIN apprentices a ON a.id = p.apprentice_id WHERE a.last_name = %s"
        " ORDER BY s.id LIMIT 1",
        (last_name,),
    ).fetchone()[0]


def _changed(me: psycopg.Connection, sql: str, params: tuple) -> int:
    """Rows changed by `sql` (0 when the server refuses the statement outright)."""
    try:
        with me.transaction():
            return me.execute(sql, params).rowcount
    except errors.InsufficientPrivilege:
        return 0


def test_writing_on_another_s_data_is_refused_by_the_server(server_demo: ServerStore) -> None:
    """Mina's tutor, with psql, cannot touch Nathan's record nor change what the policy
    does not let him: every attempt changes nothing or is refused."""
    su = server_demo.superuser()
    nathan_sheet = _sheet_of(su, "PETIT")
    mina_sheet = _sheet_of(su, "AZZOUG")
    tutor_id, _ = _account(su, "tuteur")
    mina = su.execute("SELECT id FROM apprentices WHERE last_name = 'AZZOUG'").fetchone()[0]
    assert su.execute(
        "SELECT count(*) FROM ratings r JOIN rating_grids g ON g.id = r.rating_grid_id"
        " WHERE g.origin = 'centre' AND g.apprentice_id = %s",
        (mina,),
    ).fetchone()[0]
    nathan = su.execute("SELECT id FROM apprentices WHERE last_name = 'PETIT'").fetchone()[0]
    before = su.execute("SELECT md5(string_agg(t::text, '')) FROM activity_sheets t").fetchone()
    with server_demo.connect("tuteur") as me:
        changes = {
            "title of Nathan's sheet": _changed(
                me, "UPDATE activity_sheets SET title = 'x' WHERE id = %s", (nathan_sheet,)
            ),
            "comments on Nathan's sheet": _changed(
                me, "DELETE FROM comments WHERE activity_sheet_id = %s", (nathan_sheet,)
            ),
            "Mina's sheet deleted": _changed(
                me, "DELETE FROM activity_sheets WHERE id = %s", (mina_sheet,)
            ),
            "every apprentice's tutor": _changed(
                me, "UPDATE apprentices SET tutor_id = %s", (tutor_id,)
            ),
            # His own apprentice's centre ratings are her trainers' to write.
            "Mina's centre ratings": _changed(
                me,
                "UPDATE ratings SET remark = 'x' WHERE rating_grid_id IN (SELECT id FROM"
                " rating_grids WHERE origin = 'centre' AND apprentice_id = %s)",
                (mina,),
            ),
        }
        assert changes == dict.fromkeys(changes, 0)
        refused = [
            ("INSERT INTO comments (activity_sheet_id, author_id, body) VALUES (%s, %s, 'x')",
             (nathan_sheet, tutor_id)),
            # His own apprentice's sheet and logbook: their texts are hers.
            ("UPDATE activity_sheets SET description = 'réécrit' WHERE id = %s", (mina_sheet,)),
            ("UPDATE logbooks SET presentation = 'réécrit' WHERE portfolio_id ="
             " (SELECT portfolio_id FROM activity_sheets WHERE id = %s)", (mina_sheet,)),
            # A comment on his own apprentice's sheet, but signed by someone else.
            ("INSERT INTO comments (activity_sheet_id, author_id, body) VALUES (%s, %s, 'x')",
             (mina_sheet, _account(su, "formateur")[0])),
            ("INSERT INTO competence_reviews (apprentice_id, origin, reviewed_on, status,"
             " findings, advice) VALUES (%s, 'company', '2026-01-01', 'draft', 'x', 'y')",
             (nathan,)),
            ("UPDATE accounts SET role = 'admin' WHERE id = %s", (tutor_id,)),
            ("INSERT INTO accounts (login, role, last_name, first_name) VALUES"
             " ('pirate', 'admin', 'X', 'Y')", None),
            ("INSERT INTO class_trainers (school_class_id, trainer_id)"
             " SELECT id, %s FROM school_classes LIMIT 1", (tutor_id,)),
            ("UPDATE school_classes SET name = 'x'", None),
            ("DELETE FROM audit_events", None),
        ]  # fmt: skip
        accepted = []
        for sql, params in refused:
            try:
                with me.transaction():
                    me.execute(sql, params)
            except psycopg.Error:
                continue
            accepted.append(sql)
        assert accepted == []
    after = su.execute("SELECT md5(string_agg(t::text, '')) FROM activity_sheets t").fetchone()
    su.close()
    assert before == after


#: What each demo account may do on AZZOUG Mina — the same table as
#: tests/services/test_permissions.py, written by hand from the SPEC.
EXPECTED_ON_OWN: dict[str, set[Action]] = {
    "apprenti": {A.READ_WORK, A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET,
                 A.WRITE_OWN_WORK, A.WRITE_BOOKLET_APPRENTICE},
    "tuteur": {A.READ_WORK, A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET, A.ANNOTATE_WORK,
               A.WRITE_PERIOD_REVIEW, A.RATE_IN_COMPANY, A.WRITE_COMPANY_REVIEW,
               A.WRITE_BOOKLET_COMPANY},
    "formateur": {A.READ_WORK, A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET,
                  A.ANNOTATE_WORK, A.WRITE_PERIOD_REVIEW, A.RATE_IN_CENTRE,
                  A.WRITE_CENTRE_REVIEW, A.WRITE_BOOKLET_CENTRE},
    "parent": {A.READ_DASHBOARD, A.READ_REVIEWS, A.READ_BOOKLET},
}  # fmt: skip
#: Where one table serves two actions the server cannot tell apart, it allows their union:
#: a saved period review (WRITE_PERIOD_REVIEW) is a company rating grid, so the trainer
#: may write company grids too.
COARSER_ON_SERVER = {("formateur", A.RATE_IN_COMPANY)}

#: One probe per action: a statement touching a row of the apprentice (%(a)s) that only
#: that action allows; "read" probes count rows, "write" probes count rows changed.
PROBES: dict[Action, tuple[str, str]] = {
    A.READ_WORK: ("read", "SELECT count(*) FROM activity_sheets s JOIN portfolios p"
                  " ON p.id = s.portfolio_id WHERE p.apprentice_id = %(a)s"),
    A.READ_DASHBOARD: ("read", "SELECT count(*) FROM rating_grids WHERE apprentice_id = %(a)s"),
    A.READ_REVIEWS: ("read", "SELECT count(*) FROM competence_reviews"
                     " WHERE apprentice_id = %(a)s AND status = 'validated'"),
    A.READ_BOOKLET: ("read", "SELECT count(*) FROM booklets WHERE apprentice_id = %(a)s"),
    A.WRITE_OWN_WORK: ("write", "INSERT INTO attachments (activity_sheet_id, kind, name, url,"
                       " media_type, size_bytes, created_at) SELECT s.id, 'url', 'probe',"
                       " 'https://example.org', 'text/uri-list', 0, now() FROM activity_sheets s"
                       " JOIN portfolios p ON p.id = s.portfolio_id WHERE p.apprentice_id = %(a)s"),
    A.WRITE_BOOKLET_APPRENTICE: ("write", "UPDATE booklet_sections x SET body = x.body FROM booklets b"
                                 " WHERE b.id = x.booklet_id AND b.apprentice_id = %(a)s"
                                 " AND x.kind = 'training_review'"),
    A.ANNOTATE_WORK: ("write", "INSERT INTO comments (activity_sheet_id, author_id, body)"
                      " SELECT s.id, cpro_policy.me(), 'probe' FROM activity_sheets s"
                      " JOIN portfolios p ON p.id = s.portfolio_id WHERE p.apprentice_id = %(a)s"),
    A.WRITE_PERIOD_REVIEW: ("write", "UPDATE period_reviews r SET version = r.version FROM portfolios p"
                            " WHERE p.id = r.portfolio_id AND p.apprentice_id = %(a)s"),
    A.RATE_IN_CENTRE: ("write", "UPDATE rating_grids SET version = version"
                       " WHERE apprentice_id = %(a)s AND origin = 'centre'"),
    A.RATE_IN_COMPANY: ("write", "UPDATE rating_grids SET version = version"
                        " WHERE apprentice_id = %(a)s AND origin = 'company'"),
    A.WRITE_CENTRE_REVIEW: ("write", "UPDATE competence_reviews SET version = version"
                            " WHERE apprentice_id = %(a)s AND origin = 'centre' AND status = 'draft'"),
    A.WRITE_COMPANY_REVIEW: ("write", "UPDATE competence_reviews SET version = version"
                             " WHERE apprentice_id = %(a)s AND origin = 'company' AND status = 'draft'"),
    A.WRITE_BOOKLET_CENTRE: ("write", "UPDATE interviews x SET summary = x.summary FROM booklets b"
                             " WHERE b.id = x.booklet_id AND b.apprentice_id = %(a)s"),
    A.WRITE_BOOKLET_COMPANY: ("write", "UPDATE phase_syntheses x SET body = x.body FROM booklets b"
                              " WHERE b.id = x.booklet_id AND b.apprentice_id = %(a)s"
                              " AND x.origin = 'company'"),
}  # fmt: skip


def _seed_probe_rows(su: psycopg.Connection, apprentice: int) -> None:
    """Give the apprentice one row of each kind the probes touch (as the superuser)."""
    su.execute(
        "INSERT INTO booklets (apprentice_id) VALUES (%(a)s) ON CONFLICT DO NOTHING",
        {"a": apprentice},
    )
    booklet = su.execute(
        "SELECT id FROM booklets WHERE apprentice_id = %(a)s", {"a": apprentice}
    ).fetchone()[0]
    su.execute(
        "INSERT INTO booklet_sections (booklet_id, kind, body) VALUES (%s, 'training_review', '')"
        " ON CONFLICT DO NOTHING",
        (booklet,),
    )
    su.execute(
        "INSERT INTO interviews (booklet_id, held_on, participants, summary)"
        " VALUES (%s, '2026-01-10', '', 'probe')",
        (booklet,),
    )
    su.execute(
        "INSERT INTO phase_syntheses (booklet_id, origin, title, body)"
        " VALUES (%s, 'company', 'probe', 'probe')",
        (booklet,),
    )
    for origin in ("centre", "company"):
        su.execute(
            "INSERT INTO rating_grids (apprentice_id, origin, kind, rated_on, title)"
            " VALUES (%s, %s, 'formative', '2026-01-10', 'probe')",
            (apprentice, origin),
        )
        # A draft is its author's alone: Mina's trainer's and tutor's, written on Nathan
        # too (where neither relates to him).
        author = _account(su, "formateur" if origin == "centre" else "tuteur")[0]
        su.execute(
            "INSERT INTO competence_reviews (apprentice_id, origin, reviewed_on, status,"
            " findings, advice, author_id) VALUES (%s, %s, '2026-01-11', 'draft', 'x', 'y', %s)"
            # One draft per author: a draft already there will do.
            " ON CONFLICT (apprentice_id, author_id, origin) WHERE status = 'draft' DO NOTHING",
            (apprentice, origin, author),
        )
    portfolio = su.execute(
        "SELECT id FROM portfolios WHERE apprentice_id = %s ORDER BY id LIMIT 1", (apprentice,)
    ).fetchone()[0]
    su.execute(
        "INSERT INTO period_reviews (portfolio_id, appreciation) VALUES (%s, 'probe')"
        " ON CONFLICT DO NOTHING",
        (portfolio,),
    )


def _probe(me: psycopg.Connection, action: Action, apprentice: int) -> bool:
    kind, sql = PROBES[action]
    try:
        with me.transaction(force_rollback=True):
            cursor = me.execute(sql, {"a": apprentice})
            return (cursor.fetchone()[0] if kind == "read" else cursor.rowcount) > 0
    except psycopg.errors.InsufficientPrivilege:
        return False


def test_full_matrix_on_the_server_too(server_demo: ServerStore) -> None:
    """Role × action × own/other, checked by PostgreSQL with each person's own login: the
    same matrix as the application's policy (the second wall)."""
    su = server_demo.superuser()
    mina = su.execute("SELECT id FROM apprentices WHERE last_name = 'AZZOUG'").fetchone()[0]
    nathan = su.execute("SELECT id FROM apprentices WHERE last_name = 'PETIT'").fetchone()[0]
    for apprentice in (mina, nathan):
        _seed_probe_rows(su, apprentice)
    su.close()
    failures = []
    for login, expected in EXPECTED_ON_OWN.items():
        with server_demo.connect(login) as me:
            for action in PROBES:
                allowed = action in expected or (login, action) in COARSER_ON_SERVER
                if _probe(me, action, mina) != allowed:
                    failures.append((login, action.value, "own"))
                if _probe(me, action, nathan):
                    failures.append((login, action.value, "other"))
    assert failures == [], failures


def test_every_table_with_a_person_s_data_has_forced_row_level_security(
    shared_server_demo: ServerStore,
) -> None:
    """Walks the schema: a table that refers (through its foreign keys, at any depth) to an
    account or an apprentice, or is the audit trail, must have row-level security enabled
    AND forced, and at least one policy for reading."""
    su = shared_server_demo.superuser()
    edges = su.execute(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c"
        " JOIN pg_namespace n ON n.oid = c.connamespace"
        " WHERE c.contype = 'f' AND n.nspname = 'public'"
    ).fetchall()
    personal = {"accounts", "apprentices", "audit_events"}
    grew = True
    while grew:
        before = len(personal)
        personal |= {child for child, parent in edges if parent in personal}
        grew = len(personal) > before
    tables = {
        r[0]: (r[1], r[2])
        for r in su.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind = 'r'"
        )
    }
    with_read_policy = {
        r[0]
        for r in su.execute(
            "SELECT tablename FROM pg_policies WHERE schemaname = 'public'"
            " AND cmd IN ('SELECT', 'ALL')"
        )
    }
    owners = {
        r[0]
        for r in su.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
        )
    }
    owner_can_login = su.execute(
        "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
        (f"{shared_server_demo.name}$owner",),
    ).fetchone()[0]
    su.close()
    assert {"comments", "ratings", "sheet_tasks", "read_marks", "audit_events"} <= personal
    unguarded = sorted(
        t for t in personal if not (tables[t] == (True, True) and t in with_read_policy)
    )
    assert unguarded == []
    assert owners == {f"{shared_server_demo.name}$owner"}
    assert owner_can_login is False


def test_server_init_twice_changes_nothing(server_demo: ServerStore) -> None:
    """Run again, `server init` creates no role, and leaves the same policies, grants,
    memberships and accounts."""

    def snapshot() -> tuple:
        su = server_demo.superuser()
        name = server_demo.name
        result = (
            su.execute(
                "SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies ORDER BY 1, 2"
            ).fetchall(),
            su.execute(
                "SELECT relname, relacl::text FROM pg_class c JOIN pg_namespace n"
                " ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1"
            ).fetchall(),
            su.execute(
                "SELECT r.rolname, m.rolname, r.rolcanlogin FROM pg_auth_members am"
                " JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member"
                " WHERE m.rolname LIKE %s ORDER BY 1, 2",
                (f"{name}%",),
            ).fetchall(),
            su.execute(
                "SELECT id, login, role, is_active, version FROM accounts ORDER BY id"
            ).fetchall(),
        )
        su.close()
        return result

    before = snapshot()
    report = server.init_server(server_demo.admin_url, admin_password=None)
    assert report.created_roles == ()
    assert report.admin_created is None
    assert report.accounts_without_password == 0
    assert snapshot() == before


def test_sign_in_messages_tell_nothing_about_the_login(server_demo: ServerStore) -> None:
    """A wrong password and an unknown login get the same French message; a disabled
    account is told so, but only to whoever gives its right password."""
    with pytest.raises(SignInRefused) as wrong:
        server_demo.open_as("tuteur", "pas-le-bon")
    with pytest.raises(SignInRefused) as unknown:
        server_demo.open_as("personne", "pas-le-bon")
    assert str(wrong.value) == str(unknown.value)
    assert str(wrong.value).startswith("Identifiant ou mot de passe incorrect.")
    su = server_demo.superuser()
    su.execute("UPDATE accounts SET is_active = false WHERE login = 'tuteur2'")
    su.close()
    with pytest.raises(SignInRefused) as disabled:
        server_demo.open_as("tuteur2", "cpro-demo")
    assert "désactivé" in str(disabled.value)
    with pytest.raises(SignInRefused) as guessed:
        server_demo.open_as("tuteur2", "pas-le-bon")
    assert str(guessed.value) == str(wrong.value)


def test_a_person_never_migrates_the_shared_store(server_demo: ServerStore) -> None:
    """An older schema is refused at sign-in with a French message naming `db upgrade`;
    the administrator's `db upgrade` (as the owner) brings it back."""
    from cpro_desktop.store import migrate

    with Store.open(server_demo.admin_url, upgrade=False) as admin:
        migrate.downgrade(admin.engine, "0004")
    with pytest.raises(SchemaTooOld, match="db upgrade"):
        server_demo.open_as("formateur")
    assert server.upgrade_server(server_demo.admin_url) != "0004"
    store, actor = open_and_sign_in(server_demo.url, "formateur", "cpro-demo")
    store.close()
    assert actor.login == "formateur"


def test_sign_in_time_stays_within_one_and_a_half_times_the_application_check(
    server_demo: ServerStore, pg_databases, store_templates, tmp_path, request
) -> None:
    """Signing in with one's own login (a SCRAM connection, one statement) against today's
    sign-in on a shared URL (the application's argon2 check), medians of 7, same run."""
    from tests.conftest import _build_demo, _copy_store

    shared_url = _copy_store(
        "postgresql", store_templates("postgresql", "demo", _build_demo), tmp_path, request
    )

    def today() -> None:
        with Store.open(shared_url) as store:
            authenticate(store, "tuteur", "cpro-demo")

    def now() -> None:
        store, _actor = open_and_sign_in(server_demo.url, "tuteur", "cpro-demo")
        store.close()

    def median(run) -> float:
        times = []
        for _ in range(7):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    today(), now()  # warm both paths
    before, after = median(today), median(now)
    assert after <= 1.5 * before, (after, before)


def test_the_settings_connection_test_knocks_at_a_shared_server(
    shared_server_demo: ServerStore,
) -> None:
    """ "Tester la connexion" on a server address without a user: the server answers, and
    the message says each person signs in with his own login; a wrong port is explained."""
    from cpro_desktop.services.store_settings import test_connection

    answer = test_connection(shared_server_demo.url)
    assert answer.ok and "propre identifiant" in answer.message
    wrong_port = test_connection(shared_server_demo.url.replace("127.0.0.1", "127.0.0.1:1"))
    assert not wrong_port.ok and wrong_port.message.startswith("Impossible de joindre")


def test_account_changes_follow_on_the_server(server_demo: ServerStore) -> None:
    """Through the administration's services, as the administrator's own connection:
    creating, renaming, changing the role, resetting the password and deactivating an
    account each change the person's database login at once; he changes his own password."""
    from cpro_desktop.services.admin import accounts
    from cpro_desktop.services.auth import change_own_password
    from cpro_desktop.store import PermissionDenied

    name = server_demo.name
    admin_store, admin = open_and_sign_in(server_demo.url, "admin", "cpro-demo")
    try:
        row = accounts.create_account(
            admin_store,
            admin,
            accounts.AccountInput(login="Jeanne.M", last_name="MARTIN", first_name="Jeanne",
                                  role=Role.TRAINER),
            "premier-mot-de-passe",
        )  # fmt: skip
        with server_demo.connect("jeanne.m", "premier-mot-de-passe") as me:
            assert me.execute("SELECT current_user").fetchone()[0] == f"{name}.jeanne.m"
        row = accounts.update_account(
            admin_store,
            admin,
            row.id,
            row.version,
            accounts.AccountInput(login="jmartin", last_name="MARTIN", first_name="Jeanne",
                                  role=Role.ADMIN),
        )  # fmt: skip
        with pytest.raises(psycopg.OperationalError):
            server_demo.connect("jeanne.m", "premier-mot-de-passe")
        su = server_demo.superuser()
        groups = {
            r[0]
            for r in su.execute(
                "SELECT g.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid"
                " JOIN pg_roles u ON u.oid = am.member WHERE u.rolname = %s",
                (f"{name}.jmartin",),
            )
        }
        assert groups == {f"{name}$admin", f"{name}$login"}
        accounts.reset_account_password(admin_store, admin, row.id, "deuxieme-mot-de-passe")
        with pytest.raises(psycopg.OperationalError):
            server_demo.connect("jmartin", "premier-mot-de-passe")
        her_store, her = open_and_sign_in(server_demo.url, "jmartin", "deuxieme-mot-de-passe")
        try:
            change_own_password(her_store, her, "deuxieme-mot-de-passe", "troisieme-mot-de-passe")
        finally:
            her_store.close()
        server_demo.connect("jmartin", "troisieme-mot-de-passe").close()
        row = next(r for r in accounts.list_accounts(admin_store, admin) if r.id == row.id)
        accounts.deactivate_account(admin_store, admin, row.id, row.version)
        with pytest.raises(SignInRefused, match="désactivé"):
            server_demo.open_as("jmartin", "troisieme-mot-de-passe")
        assert (
            su.execute("SELECT count(*) FROM accounts WHERE password_hash IS NOT NULL").fetchone()[
                0
            ]
            == 0
        )
        su.close()
    finally:
        admin_store.close()
    # A tutor's connection cannot create an account, through the service or around it.
    tutor_store, tutor = open_and_sign_in(server_demo.url, "tuteur", "cpro-demo")
    try:
        with pytest.raises(PermissionDenied):
            accounts.create_account(
                tutor_store,
                tutor,
                accounts.AccountInput(login="x", last_name="X", first_name="", role=Role.ADMIN),
                "mot-de-passe-x",
            )
    finally:
        tutor_store.close()


def test_the_server_benchmark_compares_each_read_with_its_floor(
    shared_server_demo: ServerStore, capsys
) -> None:
    """`cpro-desktop bench --db ADMIN_URL --as formateur`: each read gives the person the same
    snapshot as the superuser's connection, and both are timed in the same run."""
    import os

    from cpro_desktop.cli import main

    os.environ["CPRO_PASSWORD"] = "cpro-demo"
    argv = ["bench", "--db", shared_server_demo.admin_url, "--as", "formateur", "--runs", "3"]
    try:
        code = main([*argv, "--json"])
    finally:
        del os.environ["CPRO_PASSWORD"]
    assert code == 0

    result = json.loads(capsys.readouterr().out)
    assert result["apprentice"] == "AZZOUG Mina"
    assert set(result["reads"]) >= {"competence_snapshot", "booklet_snapshot", "unread_total"}
    assert all(r["own_ms"] > 0 and r["floor_ms"] > 0 for r in result["reads"].values())
