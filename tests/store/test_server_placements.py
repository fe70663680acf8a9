"""On the shared server, a tutor's access follows his placements (issue 13), whatever he
connects with: after AZZOUG Mina leaves EG Dupont (tuteur) for Ørsted (tuteur.orsted) on
10/07/2023, the new tutor's own login reads nothing of the earlier periods, and the former
tutor's reads them (sheets, comments, logbook, the period review and its grid, the task
grid of those weeks) and changes none of it. The administrator's change goes through the
application on his own login, as the administration screen makes it.
"""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from psycopg import errors

from cpro_desktop.services import activities as act
from cpro_desktop.services import admin
from cpro_desktop.services.admin import ApprenticeInput
from cpro_desktop.services.auth import open_and_sign_in
from cpro_desktop.store import NotFound, PermissionDenied
from tests.conftest import ServerStore

pytestmark = pytest.mark.pg

EARLY, LATE = "PFMP1 - 1er BCP", "Test annexe 1MELEC"


def _one(su: psycopg.Connection, sql: str, params: tuple = ()) -> int:
    row = su.execute(sql, params).fetchone()
    assert row is not None
    return row[0]


def _portfolio(su: psycopg.Connection, period: str) -> int:
    return _one(
        su,
        "SELECT p.id FROM portfolios p JOIN periods pe ON pe.id = p.period_id"
        " JOIN apprentices a ON a.id = p.apprentice_id"
        " WHERE a.last_name = 'AZZOUG' AND pe.name = %s",
        (period,),
    )


def _change_employer(server: ServerStore) -> None:
    store, boss = open_and_sign_in(server.url, "admin", "cpro-demo")
    try:
        assert store.per_user
        with server.superuser() as su:
            tutor, company = su.execute(
                "SELECT id, company_id FROM accounts WHERE login = 'tuteur.orsted'"
            ).fetchone()
        mina = next(r for r in admin.list_apprentices(store, boss) if r.last_name == "AZZOUG")
        admin.update_apprentice(
            store, boss, mina.id, mina.version,
            ApprenticeInput(
                mina.last_name, mina.first_name, mina.birth_date, mina.national_id,
                mina.email, mina.phone, mina.address, mina.school_class_id, company, tutor,
                mina.referent_trainer_id, mina.account_id, mina.guardian_ids,
            ),
            today=date(2023, 7, 10),
        )  # fmt: skip
    finally:
        store.close()


def _changed(me: psycopg.Connection, sql: str, params: tuple) -> int:
    """Rows changed by `sql` (0 when the server refuses the statement outright)."""
    try:
        with me.transaction():
            return me.execute(sql, params).rowcount
    except errors.InsufficientPrivilege:
        return 0


PERIOD_ROWS = {
    "sheets": "SELECT count(*) FROM activity_sheets WHERE portfolio_id = %s",
    "logbook": "SELECT count(*) FROM logbooks WHERE portfolio_id = %s",
    "comments": "SELECT count(*) FROM comments c JOIN activity_sheets s"
    " ON s.id = c.activity_sheet_id WHERE s.portfolio_id = %s",
    "links": "SELECT count(*) FROM sheet_competences x JOIN activity_sheets s"
    " ON s.id = x.activity_sheet_id WHERE s.portfolio_id = %s",
}


def test_the_server_walls_each_tutor_in_his_placements(server_demo: ServerStore) -> None:
    """With psql: the new tutor SELECTs nothing of the earlier period and the period under
    way whole; the former tutor the opposite; the superuser sees both unchanged."""
    _change_employer(server_demo)
    su = server_demo.superuser()
    early, late = _portfolio(su, EARLY), _portfolio(su, LATE)
    truth = {
        (name, pid): _one(su, sql, (pid,))
        for name, sql in PERIOD_ROWS.items()
        for pid in (early, late)
    }
    # The demo gives both periods sheets, a logbook, comments and linked competences.
    assert all(truth.values()), truth
    seen = {}
    for login in ("tuteur", "tuteur.orsted"):
        with server_demo.connect(login) as me:
            for (name, pid), _ in truth.items():
                seen[login, name, pid] = _one(me, PERIOD_ROWS[name], (pid,))
    for (name, pid), count in truth.items():
        assert seen["tuteur", name, pid] == (count if pid == early else 0), (name, pid)
        assert seen["tuteur.orsted", name, pid] == (count if pid == late else 0), (name, pid)
    su.close()


def test_the_former_tutor_reads_his_period_and_cannot_change_it(server_demo: ServerStore) -> None:
    """tuteur's own login SELECTs his earlier period's sheet, its period review and the
    review's ratings, and the task log of its weeks, but every UPDATE, INSERT or DELETE on
    that period changes nothing or is refused; Mina's dashboard rows are no longer his."""
    _change_employer(server_demo)
    su = server_demo.superuser()
    early = _portfolio(su, EARLY)
    second = _portfolio(su, "Test VP 22/09")
    sheet = _one(
        su, "SELECT min(id) FROM activity_sheets WHERE portfolio_id = %s AND title <> ''", (early,)
    )
    tutor = _one(su, "SELECT id FROM accounts WHERE login = 'tuteur'")
    mina = _one(su, "SELECT id FROM apprentices WHERE last_name = 'AZZOUG'")
    grid_ratings = _one(
        su,
        "SELECT count(*) FROM ratings r JOIN period_reviews v ON v.rating_grid_id ="
        " r.rating_grid_id WHERE v.portfolio_id = %s",
        (second,),
    )
    assert grid_ratings
    with server_demo.connect("tuteur") as me:
        assert _one(me, "SELECT count(*) FROM activity_sheets WHERE id = %s", (sheet,)) == 1
        assert _one(me, "SELECT count(*) FROM apprentices WHERE id = %s", (mina,)) == 1
        assert (
            _one(
                me,
                "SELECT count(*) FROM ratings r JOIN period_reviews v ON v.rating_grid_id ="
                " r.rating_grid_id WHERE v.portfolio_id = %s",
                (second,),
            )
            == grid_ratings
        )
        # The company task log of his period's weeks (36, 37 of 2022), not of the others.
        weeks = {
            tuple(r)
            for r in me.execute(
                "SELECT DISTINCT iso_year, iso_week FROM task_logs WHERE apprentice_id = %s",
                (mina,),
            ).fetchall()
        }
        assert weeks and weeks <= {(2022, w) for w in range(36, 42)}, weeks
        # Mina's apprentice-wide record (her centre grids, her validated reviews) is gone.
        assert (
            _one(
                me,
                "SELECT count(*) FROM rating_grids WHERE apprentice_id = %s AND origin = 'centre'",
                (mina,),
            )
            == 0
        )
        changes = {
            "sheet": _changed(
                me, "UPDATE activity_sheets SET version = version WHERE id = %s", (sheet,)
            ),
            "his comments": _changed(
                me,
                "UPDATE comments SET body = 'x' WHERE author_id = %s AND activity_sheet_id IN"
                " (SELECT id FROM activity_sheets WHERE portfolio_id = %s)",
                (tutor, early),
            ),
            "links": _changed(
                me, "DELETE FROM sheet_competences WHERE activity_sheet_id = %s", (sheet,)
            ),
            "period review": _changed(
                me, "UPDATE period_reviews SET version = version WHERE portfolio_id = %s", (second,)
            ),
            "logbook": _changed(
                me, "UPDATE logbooks SET version = version WHERE portfolio_id = %s", (early,)
            ),
        }
        assert changes == dict.fromkeys(changes, 0)
        with pytest.raises(errors.InsufficientPrivilege):
            me.execute(
                "INSERT INTO comments (activity_sheet_id, author_id, body) VALUES (%s, %s, 'x')",
                (sheet, tutor),
            )
    su.close()


def test_the_services_on_each_tutor_s_own_login(server_demo: ServerStore) -> None:
    """Through the application on their own logins: the former tutor opens his period's
    logbook with its review and task grid, read-only; the new tutor is refused it and
    comments on the period under way."""
    _change_employer(server_demo)
    su = server_demo.superuser()
    early, late = _portfolio(su, EARLY), _portfolio(su, LATE)
    second = _portfolio(su, "Test VP 22/09")
    su.close()
    store, former = open_and_sign_in(server_demo.url, "tuteur", "cpro-demo")
    try:
        logbook = act.logbook_snapshot(store, former, early)
        assert logbook.texts.place_of_work and logbook.sheets and logbook.task_grid.entries
        assert not (logbook.can_annotate or logbook.can_review)
        review = act.period_review_form(store, former, second)
        assert any(c.result is not None for comp in review.competences for c in comp.criteria)
        # The server hides the row itself: to his login that portfolio does not exist.
        with pytest.raises((PermissionDenied, NotFound)):
            act.logbook_snapshot(store, former, late)
    finally:
        store.close()
    store, new = open_and_sign_in(server_demo.url, "tuteur.orsted", "cpro-demo")
    try:
        with pytest.raises(PermissionDenied):
            act.logbook_snapshot(store, new, early)
        current = act.logbook_snapshot(store, new, late)
        assert current.can_annotate
        written = act.add_comment(store, new, current.sheets[0].id, "Bienvenue chez Ørsted.")
        assert written.is_mine
    finally:
        store.close()
