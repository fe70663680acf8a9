"""A tutor's access follows his placements (issue 13, SPEC "Store"): when AZZOUG Mina leaves
EG Dupont (tuteur) for Ørsted (tuteur.orsted), the periods not ended move to the new tutor,
the ended ones stay with the former tutor, who keeps reading them and writes nothing, and
neither reads the other's periods. Checked through the services, on every backend.

The demo's Mina has three periods: PFMP1 (05/09/2022 – 18/09/2022), Test VP (26/09/2022 –
15/10/2022) and Test annexe (03/07/2023 – 23/07/2023); she changes employer on 10/07/2023,
during the third.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from cpro_desktop import models as m
from cpro_desktop.services import activities as act
from cpro_desktop.services import admin, review_context
from cpro_desktop.services.access import authorize, authorize_portfolio
from cpro_desktop.services.activities import SheetLinks
from cpro_desktop.services.admin import ApprenticeInput
from cpro_desktop.services.dashboard import competence_snapshot
from cpro_desktop.services.directory import visible_directory
from cpro_desktop.services.permissions import (
    Action,
    Actor,
    can,
    visible_portfolios_clause,
)
from cpro_desktop.store import PermissionDenied, Store
from tests.services.activities_helpers import demo_actor

CHANGE_DAY = date(2023, 7, 10)
FIRST, SECOND, THIRD = "PFMP1 - 1er BCP", "Test VP 22/09", "Test annexe 1MELEC"
DUPONT = "Électricité Générale Dupont"


def change_employer(store: Store, today: date = CHANGE_DAY) -> None:
    """The administrator gives Mina the Ørsted tutor and company, on `today`."""
    boss = demo_actor(store, "admin")
    with store.read() as session:
        orsted = session.scalars(select(m.Account).where(m.Account.login == "tuteur.orsted")).one()
        tutor_id, company_id = orsted.id, orsted.company_id
    mina = next(r for r in admin.list_apprentices(store, boss) if r.last_name == "AZZOUG")
    admin.update_apprentice(
        store,
        boss,
        mina.id,
        mina.version,
        ApprenticeInput(
            mina.last_name, mina.first_name, mina.birth_date, mina.national_id, mina.email,
            mina.phone, mina.address, mina.school_class_id, company_id, tutor_id,
            mina.referent_trainer_id, mina.account_id, mina.guardian_ids,
        ),
        today=today,
    )  # fmt: skip


def portfolios(store: Store) -> dict[str, tuple[int, int | None, str | None]]:
    """Mina's portfolios by period name: (id, tutor id, company name)."""
    with store.read() as session:
        rows = session.execute(
            select(m.Period.name, m.Portfolio.id, m.Portfolio.tutor_id, m.Company.name)
            .join(m.Period, m.Period.id == m.Portfolio.period_id)
            .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
            .outerjoin(m.Company, m.Company.id == m.Portfolio.company_id)
            .where(m.Apprentice.last_name == "AZZOUG")
        ).all()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def first_sheet(store: Store, portfolio_id: int) -> int:
    """The sheet of the portfolio that has a tutor's comment (or else its first)."""
    with store.read() as session:
        commented = session.scalar(
            select(m.ActivitySheet.id)
            .join(m.Comment, m.Comment.activity_sheet_id == m.ActivitySheet.id)
            .where(m.ActivitySheet.portfolio_id == portfolio_id)
            .order_by(m.ActivitySheet.id)
            .limit(1)
        )
        return (
            commented
            or session.scalars(
                select(m.ActivitySheet.id).where(m.ActivitySheet.portfolio_id == portfolio_id)
            ).first()
        )


def mina_id(store: Store) -> int:
    with store.read() as session:
        return session.scalars(
            select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG")
        ).one()


def account_id(store: Store, login: str) -> int:
    with store.read() as session:
        return session.scalars(select(m.Account.id).where(m.Account.login == login)).one()


def test_a_change_of_tutor_moves_only_the_periods_not_ended(demo_store: Store) -> None:
    """Ended periods keep their tutor and company; the one under way goes to the new ones."""
    before = portfolios(demo_store)
    tutor, new_tutor = account_id(demo_store, "tuteur"), account_id(demo_store, "tuteur.orsted")
    assert {v[1:] for v in before.values()} == {(tutor, DUPONT)}
    change_employer(demo_store)
    after = portfolios(demo_store)
    assert after[FIRST][1:] == (tutor, DUPONT)
    assert after[SECOND][1:] == (tutor, DUPONT)
    assert after[THIRD][1] == new_tutor and after[THIRD][2] != DUPONT


@pytest.mark.parametrize(
    ("today", "moves"), [(date(2023, 7, 23), True), (date(2023, 7, 24), False)]
)
def test_a_period_moves_until_its_last_day(demo_store: Store, today: date, moves: bool) -> None:
    """A period is over the day after its end date (23/07/2023 for the third one): changed
    on its last day, it moves; the day after, nothing does."""
    change_employer(demo_store, today=today)
    new = account_id(demo_store, "tuteur.orsted" if moves else "tuteur")
    assert portfolios(demo_store)[THIRD][1] == new
    assert portfolios(demo_store)[SECOND][1] == account_id(demo_store, "tuteur")


def test_the_new_tutor_never_reads_the_former_employer_s_periods(demo_store: Store) -> None:
    """tuteur.orsted reads and writes the period under way, and gets PermissionDenied on
    every piece of the earlier ones; his lists do not show them."""
    change_employer(demo_store)
    pf = portfolios(demo_store)
    new = demo_actor(demo_store, "tuteur.orsted")
    old_sheet = first_sheet(demo_store, pf[FIRST][0])
    for read in (
        lambda: act.open_sheet(demo_store, new, old_sheet),
        lambda: act.logbook_snapshot(demo_store, new, pf[FIRST][0]),
        lambda: act.period_review_form(demo_store, new, pf[SECOND][0]),
        lambda: act.portfolio_sheets(demo_store, new, pf[FIRST][0]),
        lambda: act.logbook_print_snapshot(demo_store, new, pf[FIRST][0]),
        lambda: act.add_comment(demo_store, new, old_sheet, "Vu."),
    ):
        with pytest.raises(PermissionDenied):
            read()
    listed = act.apprentice_portfolios(demo_store, new, mina_id(demo_store)).portfolios
    assert [p.period_name for p in listed] == [THIRD]
    current = act.logbook_snapshot(demo_store, new, pf[THIRD][0])
    assert current.can_annotate and current.can_review and not current.can_write
    sheet = act.add_comment(demo_store, new, first_sheet(demo_store, pf[THIRD][0]), "Bienvenue.")
    assert sheet.is_mine
    # The judgement panel of his company review shows only his period's sheets.
    judgement = review_context.judgement_context(demo_store, new, mina_id(demo_store))
    assert {s.period_name for s in judgement.sheets} == {THIRD}


def test_the_former_tutor_reads_his_periods_and_writes_nothing(demo_store: Store) -> None:
    """tuteur keeps reading PFMP1 and Test VP (sheets, comments, logbook, period review with
    its ratings) and may change none of it; the period under way and everything
    apprentice-wide (dashboard, judgement panel) are no longer his."""
    change_employer(demo_store)
    pf = portfolios(demo_store)
    former = demo_actor(demo_store, "tuteur")
    mina = mina_id(demo_store)
    sheet_id = first_sheet(demo_store, pf[FIRST][0])

    sheet = act.open_sheet(demo_store, former, sheet_id)
    assert sheet.comments and any(c.is_mine for c in sheet.comments)
    logbook = act.logbook_snapshot(demo_store, former, pf[FIRST][0])
    assert logbook.texts.place_of_work
    assert not (logbook.can_write or logbook.can_annotate or logbook.can_review)
    review = act.period_review_form(demo_store, former, pf[SECOND][0])
    assert review.review_id is not None and not review.can_write
    assert any(c.result is not None for comp in review.competences for c in comp.criteria)
    listed = act.apprentice_portfolios(demo_store, former, mina).portfolios
    assert [p.period_name for p in listed] == [FIRST, SECOND]
    assert mina in visible_directory(demo_store, former).apprentice_ids()

    mine = next(c for c in sheet.comments if c.is_mine)
    writes = (
        lambda: act.add_comment(demo_store, former, sheet_id, "Encore un mot."),
        lambda: act.edit_comment(demo_store, former, mine.id, "Changé.", version=mine.version),
        lambda: act.link_sheet(
            demo_store, former, sheet_id, SheetLinks(frozenset(), frozenset(), frozenset()),
            links_read=sheet.links,
        ),
        lambda: act.save_period_review(
            demo_store, former, pf[SECOND][0], appreciation="Changé.",
            reviewed_on=date(2023, 7, 11), ratings={}, version=review.version,
        ),
        lambda: act.save_task_grid(
            demo_store, former, pf[FIRST][0], [], cells_read=logbook.task_grid.cells,
        ),
    )  # fmt: skip
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    for read in (
        lambda: act.open_sheet(demo_store, former, first_sheet(demo_store, pf[THIRD][0])),
        lambda: act.logbook_snapshot(demo_store, former, pf[THIRD][0]),
        lambda: competence_snapshot(demo_store, former, mina),
        lambda: review_context.judgement_context(demo_store, former, mina),
    ):
        with pytest.raises(PermissionDenied):
            read()
    # The period lists keep to his periods: Mina is not in the folders of the third one.
    with demo_store.read() as session:
        third = session.scalar(select(m.Period.id).where(m.Period.name == THIRD))
    folders = act.period_portfolios(demo_store, former, third).portfolios
    assert mina not in {p.apprentice_id for p in folders}
    assert folders  # his other apprentices of the class are still there


def test_the_trainer_the_apprentice_and_the_guardian_are_unchanged(demo_store: Store) -> None:
    """The referent trainer and Mina herself still reach all three periods; her guardian
    still reads no work at all."""
    change_employer(demo_store)
    mina = mina_id(demo_store)
    for login in ("formateur", "apprenti"):
        listed = act.apprentice_portfolios(demo_store, demo_actor(demo_store, login), mina)
        assert [p.period_name for p in listed.portfolios] == [FIRST, SECOND, THIRD], login
    with pytest.raises(PermissionDenied):
        act.apprentice_portfolios(demo_store, demo_actor(demo_store, "parent"), mina)


def test_a_portfolio_without_a_tutor_is_the_current_tutor_s(demo_store: Store) -> None:
    """A store older than placements has portfolios without a tutor: they belong to the
    apprentice's current tutor, so nothing changes for him; when the tutor changes, those
    of ended periods are kept by the former tutor, not handed to the new one."""
    with demo_store.write() as session:
        session.execute(update(m.Portfolio).values(tutor_id=None, company_id=None))
    tutor = demo_actor(demo_store, "tuteur")
    pf = portfolios(demo_store)
    assert act.logbook_snapshot(demo_store, tutor, pf[FIRST][0]).can_annotate
    change_employer(demo_store)
    pf = portfolios(demo_store)
    assert pf[FIRST][1:] == (tutor.account_id, DUPONT)
    assert pf[THIRD][1] == account_id(demo_store, "tuteur.orsted")
    new = demo_actor(demo_store, "tuteur.orsted")
    with pytest.raises(PermissionDenied):
        act.logbook_snapshot(demo_store, new, pf[FIRST][0])
    assert not act.logbook_snapshot(demo_store, tutor, pf[FIRST][0]).can_annotate


def test_the_portfolio_clause_agrees_with_the_policy(demo_store: Store) -> None:
    """After the change, for every account and action, the SQL listing of portfolios keeps
    exactly those `authorize_portfolio()` allows, and the apprentice-level check lets
    through exactly those who reach one of his portfolios or follow him now."""
    change_employer(demo_store)
    with demo_store.read() as session:
        accounts = session.scalars(select(m.Account)).all()
        portfolio_ids = session.scalars(select(m.Portfolio.id)).all()
    actions = [Action.READ_WORK, Action.ANNOTATE_WORK, Action.WRITE_PERIOD_REVIEW,
               Action.WRITE_OWN_WORK]  # fmt: skip
    with demo_store.read() as session:
        for account in accounts:
            actor = Actor(account.id, account.role, account.login)
            for action in actions:
                listed = set(
                    session.scalars(
                        select(m.Portfolio.id)
                        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
                        .where(visible_portfolios_clause(actor, action))
                    )
                )
                allowed = set()
                for pid in portfolio_ids:
                    try:
                        authorize_portfolio(session, actor, action, pid)
                    except PermissionDenied:
                        continue
                    allowed.add(pid)
                assert listed == allowed, (account.login, action)


def test_the_former_tutor_s_relations(demo_store: Store) -> None:
    """On Mina's scope the former tutor reads her work (to reach his periods) and nothing
    else; on a period he tutored he reads; on the period under way, nothing."""
    change_employer(demo_store)
    pf = portfolios(demo_store)
    former = demo_actor(demo_store, "tuteur")
    with demo_store.read() as session:
        scope = authorize(session, former, Action.READ_WORK, mina_id(demo_store))
        assert scope is not None
        allowed = {a for a in Action if _can(former, a, scope)}
        assert allowed == {Action.READ_WORK}
        his = authorize_portfolio(session, former, Action.READ_WORK, pf[FIRST][0])
        assert {a for a in Action if _can(former, a, his)} == {Action.READ_WORK}
        with pytest.raises(PermissionDenied):
            authorize_portfolio(session, former, Action.READ_WORK, pf[THIRD][0])


def _can(actor: Actor, action: Action, scope) -> bool:
    try:
        return can(actor, action, scope)
    except TypeError:  # role and class actions
        return False


def test_a_portfolio_check_is_one_statement(demo_store: Store, count_statements) -> None:
    """Checking an action on a period's work runs one statement, allowed or refused."""
    change_employer(demo_store)
    pf = portfolios(demo_store)
    former, new = demo_actor(demo_store, "tuteur"), demo_actor(demo_store, "tuteur.orsted")
    checks = [
        (former, Action.READ_WORK, pf[FIRST][0], True),
        (former, Action.ANNOTATE_WORK, pf[FIRST][0], False),
        (new, Action.READ_WORK, pf[FIRST][0], False),
        (new, Action.WRITE_PERIOD_REVIEW, pf[THIRD][0], True),
    ]
    with demo_store.read() as session:
        for actor, action, portfolio_id, allowed in checks:
            with count_statements(demo_store) as counter:
                try:
                    authorize_portfolio(session, actor, action, portfolio_id)
                    refused = False
                except PermissionDenied:
                    refused = True
            assert refused is not allowed, (actor.login, action)
            queries = [s for s in counter.statements if not s.strip().upper().startswith("BEGIN")]
            assert len(queries) == 1
