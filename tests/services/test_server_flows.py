"""Every module works for each role on a per-user store: each person signs in with his own
PostgreSQL login (`open_and_sign_in`), so that row-level security applies to every
statement, and then does, through the application's services and as the views call them,
what his screens do — reading and writing. The outcomes are checked (the saved text reads
back, the counts move, the PDFs have pages), from the person's side and from the
superuser's.

tests/store/test_server.py proves the server refuses what the policy refuses; this file
proves it does not refuse what the policy allows.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from cpro_desktop.models.enums import (
    Autonomy,
    BookletSectionKind,
    CompetenceLevel,
    GridKind,
    Origin,
    RatingResult,
    ReviewStatus,
    Role,
)
from cpro_desktop.services import activities as act
from cpro_desktop.services import admin, audit, booklet, printing, review_context, reviews
from cpro_desktop.services.activities import (
    IsoWeek,
    LogbookTexts,
    PeriodDraft,
    SheetLinks,
    SheetTexts,
)
from cpro_desktop.services.auth import change_own_password, open_and_sign_in
from cpro_desktop.services.dashboard import (
    activities_layout,
    activities_snapshot,
    competence_layout,
    competence_snapshot,
)
from cpro_desktop.services.directory import visible_directory
from cpro_desktop.services.interop.record import (
    erase_apprentice,
    erasure_preview,
    export_apprentice_record,
    find_apprentice_for_admin,
    record_document,
)
from cpro_desktop.services.permissions import Actor, Module, modules_for
from cpro_desktop.services.rating_grids import (
    class_grid_form,
    create_class_grids,
    create_grid,
    delete_grid,
    edit_grid_form,
    grid_form,
    update_grid,
)
from cpro_desktop.store import SignInRefused, Store
from tests.conftest import ServerStore

pytestmark = pytest.mark.pg

K = BookletSectionKind
OK, AIDED, PART = (
    RatingResult.SUCCESS_AUTONOMOUS,
    RatingResult.SUCCESS_ASSISTED,
    RatingResult.PARTIAL,
)
PASSWORD = "cpro-demo"
#: Every demo account.
EVERY_LOGIN = (
    "apprenti", "apprenti.bts", "tuteur", "tuteur2", "tuteur.orsted", "formateur", "formateur2",
    "parent", "admin",
)  # fmt: skip
#: The last period of 1MELEC in the demo world (weeks 27 to 29 of 2023).
LAST_PERIOD = "Test annexe 1MELEC"


# -- helpers ----------------------------------------------------------------------------------


@contextmanager
def signed_in(
    server: ServerStore, login: str, password: str = PASSWORD
) -> Iterator[tuple[Store, Actor]]:
    """The person signs in as the login dialog does: his own connection, his actor."""
    store, actor = open_and_sign_in(server.url, login, password)
    try:
        assert store.per_user, "the flows must run on the person's own connection"
        yield store, actor
    finally:
        store.close()


def su_scalar(server: ServerStore, sql: str, params: tuple | dict | None = None):
    """One value read by the superuser (past row-level security): the truth to compare with."""
    with server.superuser() as su:
        row = su.execute(sql, params).fetchone()
    return None if row is None else row[0]


def su_row(server: ServerStore, sql: str, params: tuple | dict | None = None) -> tuple:
    with server.superuser() as su:
        row = su.execute(sql, params).fetchone()
    assert row is not None
    return tuple(row)


def apprentice_id(server: ServerStore, last_name: str) -> int:
    return su_scalar(server, "SELECT id FROM apprentices WHERE last_name = %s", (last_name,))


def class_id(server: ServerStore, name: str) -> int:
    return su_scalar(server, "SELECT id FROM school_classes WHERE name = %s", (name,))


def criteria(server: ServerStore, diploma: str, *codes: str) -> list[int]:
    with server.superuser() as su:
        rows = dict(
            su.execute(
                "SELECT k.code, k.id FROM criteria k JOIN competences c ON c.id = k.competence_id"
                " JOIN frameworks f ON f.id = c.framework_id JOIN diplomas d ON d.id = f.diploma_id"
                " WHERE d.code = %s",
                (diploma,),
            ).fetchall()
        )
    return [rows[c] for c in codes]


def last_portfolio(store: Store, actor: Actor, mina: int) -> act.PortfolioEntry:
    """Mina's portfolio of the demo's last period, found as the apprentice view does."""
    view = act.apprentice_portfolios(store, actor, mina)
    return next(p for p in view.portfolios if p.period_name == LAST_PERIOD)


def review_read_marks(server: ServerStore, reader: int) -> int:
    """The read marks a person left on competence reviews (opening a validated one)."""
    return su_scalar(
        server,
        "SELECT count(*) FROM read_marks WHERE reader_id = %s AND competence_review_id IS NOT NULL",
        (reader,),
    )


def pdf_pages(path: Path) -> int:
    assert path.read_bytes().startswith(b"%PDF")
    return len(PdfReader(str(path)).pages)


def audit_actions(server: ServerStore, login: str) -> list[str]:
    """The audit rows written under a login (by the person's own connection)."""
    with server.superuser() as su:
        return [
            r[0]
            for r in su.execute(
                "SELECT action FROM audit_events WHERE actor_login = %s ORDER BY id", (login,)
            )
        ]


def main_window_counters(store: Store, actor: Actor) -> dict[Module, int]:
    """What the main window builds on sign-in: the selector's directory, the modules, and
    the counters of module 1 (unread sheets) and module 4 (unread validated reviews)."""
    directory = visible_directory(store, actor)
    modules = modules_for(actor, directory.teaches_a_class)
    counters: dict[Module, int] = {}
    if Module.ACTIVITIES in modules:
        counters[Module.ACTIVITIES] = act.unread_total(store, actor)
    if Module.COMPETENCE_REVIEWS in modules:
        counters[Module.COMPETENCE_REVIEWS] = reviews.unread_review_count(store, actor)
    return counters


# -- module 1 and the rest, for each role -------------------------------------------------------


def test_the_apprentice_works_on_his_own_connection(server_demo: ServerStore, tmp_path) -> None:
    """Mina: her lists, a sheet written and its tasks ticked, her logbook's page 1, a link
    attached, the weekly grid; her dashboard, validated reviews (read marks), booklet parts
    and printed documents; the main window's counters; her own password."""
    mina = apprentice_id(server_demo, "AZZOUG")
    with signed_in(server_demo, "apprenti") as (store, me):
        assert me.role == Role.APPRENTICE
        directory = visible_directory(store, me)
        assert directory.apprentice_ids() == [mina]
        assert modules_for(me, directory.teaches_a_class) == (
            Module.ACTIVITIES, Module.DASHBOARD, Module.COMPETENCE_REVIEWS, Module.BOOKLET,
        )  # fmt: skip
        counters = main_window_counters(store, me)
        assert counters == {Module.ACTIVITIES: 0, Module.COMPETENCE_REVIEWS: 0}

        # Module 1: "Vue par périodes" and "Vue par apprenants".
        (melec,) = act.activity_classes(store, me)
        assert melec.name == "1MELEC" and not melec.can_manage_periods
        periods = act.class_periods(store, me, melec.id)
        assert [p.name for p in periods][-1] == LAST_PERIOD
        folders = act.period_portfolios(store, me, periods[-1].id).portfolios
        assert [f.apprentice_id for f in folders] == [mina]
        portfolio = last_portfolio(store, me, mina)
        listed = act.portfolio_sheets(store, me, portfolio.id)
        assert listed.can_write and not listed.can_annotate
        assert [s.iso_week for s in listed.sheets] == [27, 28, 29]

        # The week-29 sheet: texts and ticked tasks.
        sheet = listed.sheets[-1]
        opened = act.open_sheet(store, me, sheet.id)
        assert opened.can_write
        task_ids = sorted(t.id for a in opened.framework for t in a.tasks)[:2]
        area = opened.framework[0].id
        texts = SheetTexts(
            title="Mise en service d'un tableau",
            autonomy=Autonomy.ACCOMPANIED,
            activity_area_id=area,
            context="Chantier de Montreuil.",
            description="J'ai raccordé et contrôlé le tableau.",
            reflective_analysis="Penser au repérage des circuits.",
        )
        saved = act.save_sheet(
            store, me, sheet.id, texts, version=opened.version,
            task_ids=set(task_ids), task_ids_read=opened.links.task_ids,
        )  # fmt: skip
        assert saved.version == opened.version + 1
        again = act.open_sheet(store, me, sheet.id)
        assert again.texts.description == "J'ai raccordé et contrôlé le tableau."
        assert again.links.task_ids >= set(task_ids)

        # A link attached to the sheet (the blue counter) and one to the logbook.
        before = again.attachment_count
        link = "https://example.org/schema"
        entry = act.add_url(store, me, link, name="Schéma", sheet_id=sheet.id)
        assert entry.name == "Schéma"
        assert act.open_sheet(store, me, sheet.id).attachment_count == before + 1

        # A file attached, read back byte for byte, then removed by her.
        data = b"%PDF-1.4 schema " + bytes(range(256))
        file_entry = act.add_file(store, me, name="schéma.pdf", data=data, sheet_id=sheet.id)
        assert act.fetch_attachment(store, me, file_entry.id).data == data
        act.delete_attachment(store, me, file_entry.id)
        assert file_entry.id not in {a.id for a in act.open_sheet(store, me, sheet.id).attachments}

        # The logbook: page 1, its annexes, the weekly task grid.
        pages = act.logbook_snapshot(store, me, portfolio.id)
        assert pages.can_write and [s.iso_week for s in pages.sheets] == [27, 28, 29]
        written = LogbookTexts("Atelier de Montreuil", "M. LEFEBVRE", "PME de 12 salariés")
        logbook = act.save_logbook(store, me, portfolio.id, written, version=pages.logbook_version)
        assert act.logbook_snapshot(store, me, portfolio.id).texts == written
        act.add_url(store, me, "https://example.org/plan", logbook_id=logbook.logbook_id)
        assert (
            len(act.logbook_snapshot(store, me, portfolio.id).attachments)
            == len(pages.attachments) + 1
        )
        grid = pages.task_grid
        week = IsoWeek(2023, 29)
        free = next(t.id for a in grid.areas for t in a.tasks if (t.id, week) not in grid.cells)
        ticked = act.save_task_grid(
            store, me, portfolio.id, grid.cells | {(free, week)}, cells_read=grid.cells
        )
        assert (free, week) in ticked.cells and ticked.cell(free, week).by_apprentice
        printed = act.logbook_print_snapshot(store, me, portfolio.id)
        assert printed is not None

        # Module 2: her dashboard.
        competences = competence_snapshot(store, me, mina)
        assert competences.grids and competence_layout(competences).columns
        activities = activities_snapshot(store, me, mina)
        assert activities_layout(activities).rows
        audit.log_print(store, me, audit.AuditAction.PRINT_DASHBOARD, mina, "Tableau de bord")

        # Module 4: her validated reviews, each opening leaves a read mark.
        header = review_context.review_header(store, me, mina)
        assert header is not None
        listed_reviews = reviews.list_reviews(store, me, mina)
        assert len(listed_reviews) == 3 and not any(r.is_draft for r in listed_reviews)
        table = reviews.comparison_table(store, me, mina)
        assert table.dates == ("01/02/2022", "04/07/2022", "25/01/2023")
        for review in listed_reviews:
            assert reviews.get_review(store, me, review.id).status == ReviewStatus.VALIDATED
        assert not reviews.can_write(store, me, mina, Origin.COMPANY)

        # Module 5: her booklet, her own parts.
        snap = booklet.booklet_snapshot(store, me, mina)
        assert snap.writable == {booklet.BookletPart.TRAINING_REVIEW,
                                 booklet.BookletPart.ORIENTATION_PROJECT}  # fmt: skip
        section = snap.section(K.ORIENTATION_PROJECT)
        saved_section = booklet.save_section(
            store, me, mina, K.ORIENTATION_PROJECT, "Poursuivre en BTS.", section.version
        )
        assert saved_section.body == "Poursuivre en BTS."
        reread = booklet.booklet_snapshot(store, me, mina).section(K.ORIENTATION_PROJECT)
        assert reread.body == "Poursuivre en BTS." and reread.updated_by == "AZZOUG Mina"
        review_section = snap.section(K.TRAINING_REVIEW)
        booklet.save_section(store, me, mina, K.TRAINING_REVIEW, "Une année utile.",
                             review_section.version)  # fmt: skip
        assert booklet.booklet_snapshot(store, me, mina).section(K.TRAINING_REVIEW).body == (
            "Une année utile."
        )
        (document,) = snap.welcome.documents
        assert booklet.fetch_reference_document(store, me, document.id).content
        assert printing.print_booklet(store, me, mina, tmp_path / "livret.pdf") >= 1
        assert pdf_pages(tmp_path / "livret.pdf") >= 1
        assert printing.print_reviews(store, me, mina, tmp_path / "bilans.pdf") >= 1
        assert pdf_pages(tmp_path / "bilans.pdf") >= 1

        assert main_window_counters(store, me) == counters
        change_own_password(store, me, PASSWORD, "un-nouveau-secret")

    # What she did is in the store, seen from the superuser's side.
    assert (
        su_scalar(server_demo, "SELECT description FROM activity_sheets WHERE id = %s", (sheet.id,))
        == "J'ai raccordé et contrôlé le tableau."
    )
    me_id = me.account_id
    assert review_read_marks(server_demo, me_id) >= 3
    assert {"print_dashboard", "print_booklet", "print_reviews", "print_logbook"} <= set(
        audit_actions(server_demo, "apprenti")
    )
    # Her new password is the one the server checks now.
    with pytest.raises(SignInRefused):
        server_demo.open_as("apprenti", PASSWORD)
    with signed_in(server_demo, "apprenti", "un-nouveau-secret") as (_, again_me):
        assert again_me.account_id == me_id


def _mina_last_sheets(store: Store, actor: Actor, mina: int) -> tuple[int, act.PortfolioSheets]:
    portfolio = last_portfolio(store, actor, mina)
    return portfolio.id, act.portfolio_sheets(store, actor, portfolio.id)


def test_the_tutor_works_on_his_own_connection(server_demo: ServerStore, tmp_path) -> None:
    """Mina's tutor: reads her sheets (read marks, the counter drops), comments, links
    competences and tasks, selects weekly tasks, saves the period review (a company grid);
    rates in the company; writes, then validates a company review; writes the company's
    parts of the booklet and prints it."""
    mina = apprentice_id(server_demo, "AZZOUG")
    c11, c12 = criteria(server_demo, "BACPRO-MELEC", "C1.1", "C1.2")
    with signed_in(server_demo, "tuteur") as (store, me):
        assert me.role == Role.TUTOR
        directory = visible_directory(store, me)
        assert mina in directory.apprentice_ids() and not directory.teaches_a_class
        counters = main_window_counters(store, me)
        assert counters[Module.ACTIVITIES] > 0, "the demo leaves the tutor unread sheets"

        # Module 1.
        melec = next(c for c in act.activity_classes(store, me) if c.name == "1MELEC")
        periods = act.class_periods(store, me, melec.id)
        folders = act.period_portfolios(store, me, periods[0].id).portfolios
        assert mina in {f.apprentice_id for f in folders}
        portfolio_id, listed = _mina_last_sheets(store, me, mina)
        assert listed.can_annotate and listed.can_review and not listed.can_write
        unread = [s for s in listed.sheets if s.unread]
        assert unread
        sheet = unread[0]
        opened = act.open_sheet(store, me, sheet.id)
        assert opened.can_annotate and not opened.can_write
        after_read = act.portfolio_sheets(store, me, portfolio_id).sheets
        assert not next(s for s in after_read if s.id == sheet.id).unread
        assert act.unread_total(store, me) == counters[Module.ACTIVITIES] - 1

        comment = act.add_comment(store, me, sheet.id, "Bien détaillé, Mina.")
        assert comment.is_mine
        edited = act.edit_comment(store, me, comment.id, "Très bien détaillé.",
                                  version=comment.version)  # fmt: skip
        c1 = next(c for c in opened.competences if c.code == "C1")
        task = next(t.id for a in opened.framework for t in a.tasks)
        criterion = c1.criteria[0].id
        linked = act.link_sheet(
            store, me, sheet.id,
            SheetLinks(task_ids=opened.links.task_ids | {task},
                       competence_ids=opened.links.competence_ids | {c1.id},
                       criterion_ids=opened.links.criterion_ids | {criterion}),
            links_read=opened.links,
        )  # fmt: skip
        assert c1.id in linked.links.competence_ids and task in linked.links.task_ids
        reread = act.open_sheet(store, me, sheet.id)
        assert edited.body in [c.body for c in reread.comments if c.is_mine]
        pages = act.logbook_snapshot(store, me, portfolio_id)
        week = IsoWeek(2023, 28)
        free = next(
            t.id for a in pages.task_grid.areas for t in a.tasks
            if (t.id, week) not in pages.task_grid.cells
        )  # fmt: skip
        grid = act.save_task_grid(
            store, me, portfolio_id, pages.task_grid.cells | {(free, week)},
            cells_read=pages.task_grid.cells,
        )  # fmt: skip
        assert grid.cell(free, week) is not None and not grid.cell(free, week).by_apprentice

        form = act.period_review_form(store, me, portfolio_id)
        assert form.can_write and c1.id in {c.id for c in form.competences}
        chosen = sorted(form.criterion_ids)[:2]
        reviewed = act.save_period_review(
            store, me, portfolio_id, appreciation="Période réussie.",
            reviewed_on=date(2023, 7, 21), ratings={chosen[0]: OK, chosen[1]: PART},
            version=form.version,
        )  # fmt: skip
        assert reviewed.appreciation == "Période réussie."
        assert reviewed.ratings == {chosen[0]: OK, chosen[1]: PART}
        again = act.save_period_review(
            store, me, portfolio_id, appreciation="Période réussie, vue avec la formatrice.",
            reviewed_on=date(2023, 7, 21), ratings={chosen[0]: AIDED, chosen[1]: None},
            version=reviewed.version,
        )  # fmt: skip
        assert again.ratings == {chosen[0]: AIDED}
        assert act.logbook_print_snapshot(store, me, portfolio_id) is not None

        # Module 2: the dashboard, and a company rating grid.
        before = competence_snapshot(store, me, mina)
        assert any(g.id == again.rating_grid_id for g in before.grids)
        assert grid_form(store, me, mina, Origin.COMPANY).criteria
        grid_id = create_grid(
            store, me, mina, origin=Origin.COMPANY, kind=GridKind.FORMATIVE,
            rated_on=date(2023, 6, 15), title="Chantier Pasteur", results={c11: OK, c12: PART},
        )  # fmt: skip
        snapshot = competence_snapshot(store, me, mina)
        assert snapshot.ratings[(grid_id, c11)] == OK
        grid_row = next(g for g in snapshot.grids if g.id == grid_id)
        assert grid_row.editable and grid_row.origin == Origin.COMPANY
        edit = edit_grid_form(store, me, grid_id)
        update_grid(
            store, me, grid_id, edit.grid.version, rated_on=date(2023, 6, 15),
            title="Chantier Pasteur (bis)", results={c11: AIDED}, kind=GridKind.FORMATIVE,
        )  # fmt: skip
        assert competence_snapshot(store, me, mina).ratings[(grid_id, c11)] == AIDED
        assert activities_snapshot(store, me, mina) is not None
        second = create_grid(
            store, me, mina, origin=Origin.COMPANY, kind=GridKind.FORMATIVE,
            rated_on=date(2023, 6, 16), title="Erreur de saisie", results={c12: OK},
        )  # fmt: skip
        delete_grid(store, me, second, edit_grid_form(store, me, second).grid.version)
        assert second not in {g.id for g in competence_snapshot(store, me, mina).grids}

        # Module 3: a company review, drafted then validated with CONFIRMATION.
        assert reviews.can_write(store, me, mina, Origin.COMPANY)
        assert review_context.judgement_context(store, me, mina, (Origin.COMPANY,)) is not None
        draft = reviews.start_review(store, me, mina, Origin.COMPANY)
        assert draft.is_draft
        line = draft.lines[3].competence_id
        draft = reviews.save_draft(
            store, me, draft.id, draft.version, findings="Travaille en sécurité.",
            advice="Préparer seule ses interventions.",
            levels={line: CompetenceLevel.PARTIALLY_ACQUIRED},
        )  # fmt: skip
        resumed = reviews.start_review(store, me, mina, Origin.COMPANY)
        assert resumed.id == draft.id and resumed.findings == "Travaille en sécurité."
        done = reviews.validate_review(store, me, draft.id, draft.version, "CONFIRMATION")
        assert done.status == ReviewStatus.VALIDATED and done.validated_by_name == (
            "LEFEBVRE Thomas"
        )
        assert len(reviews.comparison_table(store, me, mina).dates) == 4

        # Module 5: the company's parts of the booklet.
        snap = booklet.booklet_snapshot(store, me, mina)
        assert snap.writable == {booklet.BookletPart.PROGRESSION_COMPANY,
                                 booklet.BookletPart.SYNTHESIS_COMPANY}  # fmt: skip
        section = snap.section(K.PROGRESSION_COMPANY)
        booklet.save_section(store, me, mina, K.PROGRESSION_COMPANY, "Autonome au tableau.",
                             section.version)  # fmt: skip
        synthesis = booklet.add_synthesis(
            store, me, mina, Origin.COMPANY, title="Phase 3", body="Rigoureuse."
        )
        booklet.update_synthesis(
            store, me, synthesis.id, synthesis.version, title="Phase 3 (bilan)",
            body="Rigoureuse et autonome.", written_on=date(2023, 7, 21), period_id=None,
        )  # fmt: skip
        snap = booklet.booklet_snapshot(store, me, mina)
        assert snap.section(K.PROGRESSION_COMPANY).body == "Autonome au tableau."
        assert "Rigoureuse et autonome." in [s.body for s in snap.syntheses]
        assert printing.print_booklet(store, me, mina, tmp_path / "livret.pdf") >= 1
        assert pdf_pages(tmp_path / "livret.pdf") >= 1
    with server_demo.superuser() as su:
        status, author = su.execute(
            "SELECT status, author_id FROM competence_reviews WHERE id = %s", (done.id,)
        ).fetchone()
    assert (status, author) == (ReviewStatus.VALIDATED.value, me.account_id)


def test_the_trainer_works_on_his_own_connection(server_demo: ServerStore, tmp_path) -> None:
    """Mina's trainer: creates and changes a period of his class (portfolios and sheets
    generated for the whole class), brings the portfolios in line; comments and links a
    sheet, saves a period review; rates in the centre, for one apprentice and the class;
    writes and validates a centre review; fills the centre's parts of the booklet
    (sections, interview, visit, reference document) and prints booklet and reviews."""
    mina = apprentice_id(server_demo, "AZZOUG")
    melec_id = class_id(server_demo, "1MELEC")
    c11, c12 = criteria(server_demo, "BACPRO-MELEC", "C1.1", "C1.2")
    class_size = su_scalar(
        server_demo, "SELECT count(*) FROM apprentices WHERE school_class_id = %s", (melec_id,)
    )
    with signed_in(server_demo, "formateur") as (store, me):
        assert me.role == Role.TRAINER
        directory = visible_directory(store, me)
        assert directory.teaches_a_class and mina in directory.apprentice_ids()
        counters = main_window_counters(store, me)

        # Module 1: the periods of his class.
        melec = next(c for c in act.activity_classes(store, me) if c.id == melec_id)
        assert melec.can_manage_periods
        assert act.ensure_portfolios(store, me, melec_id) == act.GenerationReport()
        assert act.class_framework(store, me, melec_id)
        created = act.create_period(
            store, me, melec_id,
            PeriodDraft("PFMP4", date(2024, 3, 4), date(2024, 3, 17),
                        objectives="Mettre en service.", planned_activities="Tableaux."),
        )  # fmt: skip
        assert created.generation.portfolios_created == class_size
        assert created.generation.sheets_created == 2 * class_size
        detail = act.period_detail(store, me, created.period.id)
        assert detail.plan.objectives == "Mettre en service."
        planned = frozenset({detail.framework[0].tasks[0].id})
        updated = act.update_period(
            store, me, detail.id,
            PeriodDraft("PFMP4", date(2024, 3, 4), date(2024, 3, 24),
                        objectives="Mettre en service.", planned_activities="Tableaux.",
                        planned_task_ids=planned),
            version=detail.version, plan_version=detail.plan_version,
        )  # fmt: skip
        assert updated.generation.sheets_created == class_size
        assert {t.id for t in updated.period.plan.planned_tasks} == planned
        folders = act.period_portfolios(store, me, created.period.id)
        assert len(folders.portfolios) == class_size and folders.can_manage_periods
        assert act.ensure_portfolios(store, me, melec_id) == act.GenerationReport()

        # Module 1: a sheet of Mina's, annotated; her period review.
        portfolio_id, listed = _mina_last_sheets(store, me, mina)
        sheet = listed.sheets[0]
        opened = act.open_sheet(store, me, sheet.id)
        comment = act.add_comment(store, me, sheet.id, "Détaille l'analyse.")
        c2 = next(c for c in opened.competences if c.code == "C2")
        act.link_sheet(
            store, me, sheet.id,
            SheetLinks(task_ids=opened.links.task_ids,
                       competence_ids=opened.links.competence_ids | {c2.id},
                       criterion_ids=opened.links.criterion_ids),
            links_read=opened.links,
        )  # fmt: skip
        act.delete_comment(store, me, comment.id, version=comment.version)
        reread = act.open_sheet(store, me, sheet.id)
        assert c2.id in reread.links.competence_ids
        assert comment.id not in {c.id for c in reread.comments}
        form = act.period_review_form(store, me, portfolio_id)
        assert form.can_write
        c2_criteria = [k.id for c in form.competences if c.id == c2.id for k in c.criteria]
        reviewed = act.save_period_review(
            store, me, portfolio_id, appreciation="Vue en visite avec le tuteur.",
            reviewed_on=date(2023, 7, 20), ratings={c2_criteria[0]: OK}, version=form.version,
        )  # fmt: skip
        assert act.period_review_form(store, me, portfolio_id).appreciation == (
            "Vue en visite avec le tuteur."
        )
        assert reviewed.ratings == {c2_criteria[0]: OK}

        # The demo's review of her first period, saved by the tutor: the trainer completes it
        # (it is the company grid the tutor saved, rated "jointly at the visit").
        first = act.apprentice_portfolios(store, me, mina).portfolios[0]
        existing = act.period_review_form(store, me, first.id)
        assert existing.review_id is not None and existing.ratings
        completed = act.save_period_review(
            store, me, first.id, appreciation=existing.appreciation + " Vu avec la formatrice.",
            reviewed_on=existing.reviewed_on,
            ratings={**existing.ratings, next(iter(existing.ratings)): PART},
            version=existing.version,
        )  # fmt: skip
        assert completed.appreciation.endswith("Vu avec la formatrice.")
        assert completed.rating_grid_id == existing.rating_grid_id

        # Module 2: centre grids, for Mina and for the whole class.
        assert grid_form(store, me, mina, Origin.CENTRE).criteria
        grid_id = create_grid(
            store, me, mina, origin=Origin.CENTRE, kind=GridKind.FORMATIVE,
            rated_on=date(2023, 5, 2), title="TP mise en service", results={c11: OK, c12: PART},
        )  # fmt: skip
        snapshot = competence_snapshot(store, me, mina)
        assert snapshot.ratings[(grid_id, c12)] == PART
        assert next(g for g in snapshot.grids if g.id == grid_id).author_name == "DURAND Sophie"
        class_form = class_grid_form(store, me, melec_id)
        assert class_form.criteria
        class_grids = create_class_grids(
            store, me, melec_id, kind=GridKind.FORMATIVE, rated_on=date(2023, 5, 9),
            title="Évaluation de classe", results={mina: {c11: AIDED}},
        )  # fmt: skip
        assert class_grids
        assert competence_snapshot(store, me, mina).ratings[(class_grids[0], c11)] == AIDED
        edit = edit_grid_form(store, me, grid_id)
        delete_grid(store, me, grid_id, edit.grid.version)
        assert grid_id not in {g.id for g in competence_snapshot(store, me, mina).grids}
        assert activities_layout(activities_snapshot(store, me, mina)).rows

        # Module 4: a centre review with a proposed mark, validated.
        draft = reviews.start_review(store, me, mina, Origin.CENTRE)
        draft = reviews.save_draft(
            store, me, draft.id, draft.version, findings="Progrès nets.", advice="Continuer.",
            levels={draft.lines[0].competence_id: CompetenceLevel.ACQUIRED}, proposed_mark="14,5",
        )  # fmt: skip
        assert draft.proposed_mark == Decimal("14.5")
        done = reviews.validate_review(store, me, draft.id, draft.version, "CONFIRMATION")
        assert done.status == ReviewStatus.VALIDATED
        assert done.id in {r.id for r in reviews.list_reviews(store, me, mina)}
        abandoned = reviews.start_review(store, me, mina, Origin.CENTRE)
        reviews.delete_draft(store, me, abandoned.id, abandoned.version)

        # Module 5: the centre's parts.
        snap = booklet.booklet_snapshot(store, me, mina)
        assert booklet.BookletPart.INTERVIEWS in snap.writable
        opinion = snap.section(K.TEAM_OPINION)
        booklet.save_section(store, me, mina, K.TEAM_OPINION, "Avis favorable.", opinion.version)
        interview = booklet.add_interview(
            store, me, mina, held_on=date(2023, 3, 1), participants="Mina, Sophie",
            summary="Point d'étape.",
        )  # fmt: skip
        booklet.update_interview(
            store, me, interview.id, interview.version, held_on=date(2023, 3, 1),
            participants="Mina, Sophie", summary="Point d'étape : bien.",
        )  # fmt: skip
        visit = booklet.plan_visit(store, me, mina, planned_on=date(2024, 3, 12),
                                   participants="Sophie DURAND")  # fmt: skip
        reported = booklet.report_visit(
            store, me, visit.id, visit.version, held_on=date(2024, 3, 13),
            report="Très bon accueil.",
        )  # fmt: skip
        assert reported.reported
        synthesis = booklet.add_synthesis(
            store, me, mina, Origin.CENTRE, title="Bilan du centre", body="Sérieuse."
        )
        document = booklet.add_reference_document(
            store, me, mina, name="Règlement.txt", content=b"Horaires : 8 h - 17 h"
        )
        snap = booklet.booklet_snapshot(store, me, mina)
        assert snap.section(K.TEAM_OPINION).body == "Avis favorable."
        assert "Point d'étape : bien." in [i.summary for i in snap.interviews]
        assert "Très bon accueil." in [v.report for v in snap.visits]
        assert synthesis.id in {s.id for s in snap.syntheses}
        assert booklet.fetch_reference_document(store, me, document.id).content == (
            b"Horaires : 8 h - 17 h"
        )
        booklet.remove_reference_document(store, me, document.id)
        moved = booklet.update_visit(
            store, me, reported.id, reported.version, planned_on=date(2024, 3, 12),
            held_on=date(2024, 3, 14), participants="Sophie DURAND, Thomas LEFEBVRE",
            report="Très bon accueil ; poste rangé.",
        )  # fmt: skip
        booklet.delete_visit(store, me, moved.id, moved.version)
        later = booklet.plan_visit(store, me, mina, planned_on=date(2024, 5, 2))
        booklet.delete_interview(store, me, interview.id, interview.version + 1)
        renamed = booklet.update_synthesis(
            store, me, synthesis.id, synthesis.version, title="Bilan du centre (fin)",
            body="Sérieuse et motivée.", written_on=date(2023, 7, 1), period_id=None,
        )  # fmt: skip
        booklet.delete_synthesis(store, me, renamed.id, renamed.version)
        snap = booklet.booklet_snapshot(store, me, mina)
        assert [v.id for v in snap.visits if v.id in (moved.id, later.id)] == [later.id]
        assert interview.id not in {i.id for i in snap.interviews}
        assert renamed.id not in {s.id for s in snap.syntheses}
        assert printing.print_booklet(store, me, mina, tmp_path / "livret.pdf") >= 1
        assert pdf_pages(tmp_path / "livret.pdf") >= 1
        assert printing.print_reviews(store, me, mina, tmp_path / "bilans.pdf") >= 1
        assert pdf_pages(tmp_path / "bilans.pdf") >= 2
        classes = printing.printable_classes(store, me)
        assert melec_id in {c.id for c in classes}
        (tmp_path / "classe").mkdir()
        summary = printing.print_booklets(
            store, me, school_class_id=melec_id, out_dir=tmp_path / "classe", workers=1
        )
        assert len(summary.written) == class_size and not summary.failed
        for written in summary.written:
            assert pdf_pages(Path(written.path)) >= 1
        audit.log_print(store, me, audit.AuditAction.PRINT_REVIEWS, mina, "Bilan")

        # A week with content leaves the period: its sheet is retired, then deleted.
        detail = act.period_detail(store, me, created.period.id)
        new_folder = next(p for p in act.period_portfolios(store, me, detail.id).portfolios
                          if p.apprentice_id == mina)  # fmt: skip
        last_week = act.portfolio_sheets(store, me, new_folder.id).sheets[-1]
        act.add_comment(store, me, last_week.id, "Semaine à garder.")
        shorter = act.update_period(
            store, me, detail.id,
            PeriodDraft("PFMP4", date(2024, 3, 4), date(2024, 3, 17),
                        objectives="Mettre en service.", planned_activities="Tableaux.",
                        planned_task_ids=planned),
            version=detail.version, plan_version=detail.plan_version,
        )  # fmt: skip
        assert shorter.generation.sheets_retired == 1
        assert shorter.generation.sheets_deleted == class_size - 1
        retired = act.open_sheet(store, me, last_week.id)
        act.delete_retired_sheet(store, me, last_week.id, version=retired.version)
        assert last_week.id not in {
            s.id for s in act.portfolio_sheets(store, me, new_folder.id).sheets
        }

        assert (
            main_window_counters(store, me)[Module.COMPETENCE_REVIEWS]
            == (counters[Module.COMPETENCE_REVIEWS])
        ), "his own centre review is not news to him"
    assert su_scalar(
        server_demo, "SELECT count(*) FROM portfolios p JOIN periods d ON d.id = p.period_id"
        " WHERE d.name = 'PFMP4'",
    ) == class_size  # fmt: skip


def test_a_validated_review_reaches_its_readers(server_demo: ServerStore) -> None:
    """The tutor validates a company review: Mina, her guardian and her trainer each see one
    unread review on the module's counter; opening it (a read mark on their own connection)
    clears it for that reader only."""
    mina = apprentice_id(server_demo, "AZZOUG")
    with signed_in(server_demo, "tuteur") as (store, tutor):
        draft = reviews.start_review(store, tutor, mina, Origin.COMPANY)
        draft = reviews.save_draft(
            store, tutor, draft.id, draft.version, findings="Constats.", advice="Conseils.",
            levels={},
        )  # fmt: skip
        validated = reviews.validate_review(store, tutor, draft.id, draft.version, "CONFIRMATION")
    readers = ("apprenti", "parent", "formateur")
    for login in readers:
        with signed_in(server_demo, login) as (store, me):
            assert reviews.unread_review_count(store, me) == 1, login
            assert reviews.unread_review_ids(store, me) == [validated.id], login
    with signed_in(server_demo, "parent") as (store, me):
        opened = reviews.get_review(store, me, validated.id)
        assert opened.findings == "Constats." and opened.status == ReviewStatus.VALIDATED
        assert reviews.unread_review_count(store, me) == 0
    for login, expected in (("apprenti", 1), ("formateur", 1), ("tuteur", 0), ("tuteur2", 0)):
        with signed_in(server_demo, login) as (store, me):
            assert reviews.unread_review_count(store, me) == expected, login


def test_the_guardian_reads_on_his_own_connection(server_demo: ServerStore, tmp_path) -> None:
    """Mina's guardian: his modules, her dashboard, her validated reviews (read marks), her
    booklet and its documents, printed."""
    mina = apprentice_id(server_demo, "AZZOUG")
    with signed_in(server_demo, "parent") as (store, me):
        assert me.role == Role.GUARDIAN
        directory = visible_directory(store, me)
        assert directory.apprentice_ids() == [mina]
        assert modules_for(me, directory.teaches_a_class) == (
            Module.DASHBOARD, Module.COMPETENCE_REVIEWS, Module.BOOKLET,
        )  # fmt: skip
        assert main_window_counters(store, me) == {Module.COMPETENCE_REVIEWS: 0}
        competences = competence_snapshot(store, me, mina)
        assert competences.grids and competences.ratings
        assert activities_layout(activities_snapshot(store, me, mina)).rows
        audit.log_print(store, me, audit.AuditAction.PRINT_DASHBOARD, mina, "Tableau de bord")
        assert review_context.review_header(store, me, mina) is not None
        listed = reviews.list_reviews(store, me, mina)
        assert len(listed) == 3
        for review in listed:
            assert reviews.get_review(store, me, review.id).lines
        assert len(reviews.comparison_table(store, me, mina).rows) > 0
        snap = booklet.booklet_snapshot(store, me, mina)
        assert snap.writable == frozenset() and snap.can_print
        (document,) = snap.welcome.documents
        assert booklet.fetch_reference_document(store, me, document.id).content
        assert printing.print_booklet(store, me, mina, tmp_path / "livret.pdf") >= 1
        assert pdf_pages(tmp_path / "livret.pdf") >= 1
        assert printing.print_reviews(store, me, mina, tmp_path / "bilans.pdf") >= 1
        assert pdf_pages(tmp_path / "bilans.pdf") >= 1
    assert review_read_marks(server_demo, me.account_id) >= 3


def test_the_administrator_works_on_his_own_connection(server_demo: ServerStore, tmp_path) -> None:
    """The administrator: the lists of his module; an account created (it signs in),
    changed, deactivated (it no longer does); a class, a company and an apprentice created
    and changed; an apprentice's record exported to a ZIP; another apprentice erased."""
    with signed_in(server_demo, "admin") as (store, me):
        assert me.role == Role.ADMIN
        directory = visible_directory(store, me)
        assert modules_for(me, directory.teaches_a_class) == (Module.ADMINISTRATION,)

        accounts = admin.list_accounts(store, me)
        assert {"apprenti", "tuteur", "formateur", "parent", "admin"} <= {a.login for a in accounts}
        classes = admin.list_classes(store, me)
        assert "1MELEC" in {c.name for c in classes}
        companies = admin.list_companies(store, me)
        assert companies
        apprentices = admin.list_apprentices(store, me)
        assert "AZZOUG" in {a.last_name for a in apprentices}
        choices = admin.form_choices(store, me)
        assert choices is not None
        years = admin.list_school_years(store, me)
        diplomas = admin.list_diplomas(store, me)
        assert admin.framework_trees(store, me)
        centre = admin.get_centre(store, me)
        assert centre.name

        # An account, created with its password: its login role works at once.
        created = admin.create_account(
            store, me, admin.AccountInput("nouveau.formateur", "NOUVEAU", "Paul", Role.TRAINER),
            "un-mot-de-passe",
        )  # fmt: skip
        assert created.is_active
        with signed_in(server_demo, "nouveau.formateur", "un-mot-de-passe") as (_, newcomer):
            assert newcomer.account_id == created.id and newcomer.role == Role.TRAINER
        changed = admin.update_account(
            store, me, created.id, created.version,
            admin.AccountInput("nouveau.formateur", "NOUVEAU", "Pierre", Role.TRAINER,
                               email="pierre.nouveau@example.org"),
        )  # fmt: skip
        assert changed.first_name == "Pierre"
        admin.reset_account_password(store, me, created.id, "un-autre-mot-de-passe")
        with signed_in(server_demo, "nouveau.formateur", "un-autre-mot-de-passe"):
            pass
        # The reset changed the row: the accounts page reloads its list after it.
        changed = next(a for a in admin.list_accounts(store, me) if a.id == created.id)
        off = admin.deactivate_account(store, me, changed.id, changed.version)
        assert not off.is_active
        with pytest.raises(SignInRefused):
            server_demo.open_as("nouveau.formateur", "un-autre-mot-de-passe")
        back = admin.reactivate_account(store, me, off.id, off.version)
        assert back.is_active

        # A class (with its trainer), a company, an apprentice.
        melec = next(c for c in classes if c.name == "1MELEC")
        school_class = admin.create_class(
            store, me,
            admin.ClassInput("2MELEC", "Terminale Bac Pro", 2, melec.diploma_id,
                             melec.school_year_id, trainer_ids=(created.id,)),
        )  # fmt: skip
        school_class = admin.update_class(
            store, me, school_class.id, school_class.version,
            admin.ClassInput("2MELEC B", "Terminale Bac Pro", 2, melec.diploma_id,
                             melec.school_year_id, trainer_ids=(created.id,)),
        )  # fmt: skip
        assert school_class.name == "2MELEC B"
        company = admin.create_company(
            store, me, admin.CompanyInput("Électricité Nouvelle", city="Bobigny")
        )
        company = admin.update_company(
            store, me, company.id, company.version,
            admin.CompanyInput("Électricité Nouvelle", city="Bobigny", postcode="93000"),
        )  # fmt: skip
        assert company.postcode == "93000"
        apprentice = admin.create_apprentice(
            store, me,
            admin.ApprenticeInput("NOUVEL", "Apprenti", school_class_id=school_class.id,
                                  company_id=company.id, referent_trainer_id=created.id),
        )  # fmt: skip
        apprentice = admin.update_apprentice(
            store, me, apprentice.id, apprentice.version,
            admin.ApprenticeInput("NOUVEL", "Apprentie", school_class_id=school_class.id,
                                  company_id=company.id, referent_trainer_id=created.id),
        )  # fmt: skip
        assert apprentice.first_name == "Apprentie"
        assert "NOUVEL" in {a.last_name for a in admin.list_apprentices(store, me)}
        assert len(admin.list_classes(store, me)) == len(classes) + 1
        assert len(admin.list_companies(store, me)) == len(companies) + 1
        assert len(admin.list_accounts(store, me)) == len(accounts) + 1
        year = next(y for y in admin.list_school_years(store, me) if y.id == melec.school_year_id)
        assert (
            year.class_count
            == next(y.class_count for y in years if y.id == melec.school_year_id) + 1
        )
        assert [d.id for d in admin.list_diplomas(store, me)] == [d.id for d in diplomas]

        # The record of Mina, exported; Lucas, erased.
        mina, _label = find_apprentice_for_admin(store, me, "AZZOUG Mina")
        report = export_apprentice_record(store, me, mina, tmp_path / "mina.zip")
        assert report.pdfs >= 2 and report.attachments >= 1
        with zipfile.ZipFile(report.path) as archive:
            names = archive.namelist()
        assert "dossier.json" in names and any(n.startswith("pdf/") for n in names)
        lucas = apprentice_id(server_demo, "BERNARD")
        preview = erasure_preview(store, me, lucas)
        assert preview.total > 0
        erased = erase_apprentice(store, me, lucas, preview.version)
        assert erased.total == preview.total
        assert "BERNARD" not in {a.last_name for a in admin.list_apprentices(store, me)}
        assert audit.list_events(store, me, audit.AuditFilters())
    assert su_scalar(server_demo, "SELECT count(*) FROM apprentices WHERE id = %s", (lucas,)) == 0
    actions = set(audit_actions(server_demo, "admin"))
    assert {"record_export", "erasure"} <= actions, actions
    with server_demo.superuser() as su:
        role = su.execute(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
            (f"{server_demo.name}.nouveau.formateur",),
        ).fetchone()
    assert role == (True,)


def test_a_newcomer_set_up_by_the_administrator_works_at_once(
    server_demo: ServerStore, tmp_path
) -> None:
    """The administrator creates an apprentice's account and record in 1MELEC (his tutor,
    guardian, booklet); the class's trainer generates his portfolios; the newcomer signs in
    and writes; his tutor and guardian see him. The administrator then teaches the class
    (he gets the trainer's modules and rates in the centre), sets the centre's identity,
    a school year, a diploma and its framework, and erases an apprentice who has an
    account: the login role goes with it."""
    melec_id = class_id(server_demo, "1MELEC")
    tutor_company = su_scalar(server_demo, "SELECT company_id FROM accounts WHERE login = 'tuteur'")
    logins = dict(
        (login, su_scalar(server_demo, "SELECT id FROM accounts WHERE login = %s", (login,)))
        for login in ("tuteur", "parent", "formateur")
    )
    with signed_in(server_demo, "admin") as (store, me):
        account = admin.create_account(
            store, me, admin.AccountInput("nouvel.apprenti", "NOUVEL", "Léa", Role.APPRENTICE),
            "un-mot-de-passe",
        )  # fmt: skip
        newcomer = admin.create_apprentice(
            store, me,
            admin.ApprenticeInput(
                "NOUVEL", "Léa", school_class_id=melec_id, company_id=tutor_company,
                tutor_id=logins["tuteur"], referent_trainer_id=logins["formateur"],
                account_id=account.id, guardian_ids=(logins["parent"],),
            ),
        )  # fmt: skip
        assert newcomer.id in {a.id for a in admin.list_apprentices(store, me)}
    periods_of_melec = su_scalar(
        server_demo, "SELECT count(*) FROM periods WHERE school_class_id = %s", (melec_id,)
    )
    with signed_in(server_demo, "formateur") as (store, me):
        report = act.ensure_portfolios(store, me, melec_id)
        assert report.portfolios_created == periods_of_melec and report.sheets_created > 0
    with signed_in(server_demo, "nouvel.apprenti", "un-mot-de-passe") as (store, me):
        assert visible_directory(store, me).apprentice_ids() == [newcomer.id]
        view = act.apprentice_portfolios(store, me, newcomer.id)
        assert len(view.portfolios) == periods_of_melec
        first = act.portfolio_sheets(store, me, view.portfolios[0].id).sheets[0]
        opened = act.open_sheet(store, me, first.id)
        act.save_sheet(store, me, first.id, SheetTexts(title="Ma première semaine"),
                       version=opened.version)  # fmt: skip
        snap = booklet.booklet_snapshot(store, me, newcomer.id)
        assert snap.booklet_id is not None, "the administrator created the booklet"
        booklet.save_section(store, me, newcomer.id, K.TRAINING_REVIEW, "Début.", 0)
    with signed_in(server_demo, "tuteur") as (store, me):
        assert newcomer.id in visible_directory(store, me).apprentice_ids()
        folder = act.apprentice_portfolios(store, me, newcomer.id).portfolios[0]
        (sheet,) = [s for s in act.portfolio_sheets(store, me, folder.id).sheets if s.unread]
        assert act.open_sheet(store, me, sheet.id).texts.title == "Ma première semaine"
    with signed_in(server_demo, "parent") as (store, me):
        assert newcomer.id in visible_directory(store, me).apprentice_ids()
        snap = booklet.booklet_snapshot(store, me, newcomer.id)
        assert snap.section(K.TRAINING_REVIEW).body == "Début."

    with signed_in(server_demo, "admin") as (store, me):
        # The administrator teaches 1MELEC: the trainer's modules, and his rights there.
        melec = next(c for c in admin.list_classes(store, me) if c.id == melec_id)
        trainers = (*melec.trainer_ids, me.account_id)
        admin.set_class_trainers(store, me, melec_id, melec.version, trainers)
        directory = visible_directory(store, me)
        assert directory.teaches_a_class and newcomer.id in directory.apprentice_ids()
        assert Module.ACTIVITIES in modules_for(me, directory.teaches_a_class)
        (c11,) = criteria(server_demo, "BACPRO-MELEC", "C1.1")
        grid_id = create_grid(
            store, me, newcomer.id, origin=Origin.CENTRE, kind=GridKind.FORMATIVE,
            rated_on=date(2023, 5, 2), title="Positionnement", results={c11: PART},
        )  # fmt: skip
        assert competence_snapshot(store, me, newcomer.id).ratings[(grid_id, c11)] == PART
        booklet.add_interview(store, me, newcomer.id, held_on=date(2023, 5, 3),
                              participants="Léa", summary="Accueil.")  # fmt: skip
        assert main_window_counters(store, me)[Module.ACTIVITIES] >= 0

        # The centre's set-up.
        centre = admin.get_centre(store, me)
        saved_centre = admin.update_centre(
            store, me, centre.version,
            admin.CentreInput(centre.name, centre.uai_code, "1 rue de l'École", "93100",
                              "Montreuil"),
        )  # fmt: skip
        assert saved_centre.city == "Montreuil"
        year = admin.create_school_year(
            store, me, admin.SchoolYearInput("2031-2032", date(2031, 9, 1), date(2032, 8, 31))
        )
        assert year.label == "2031-2032"
        diploma = admin.create_diploma(store, me, admin.DiplomaInput("BTS-TEST", "BTS Test"))
        assert diploma.framework_id is not None
        competence = admin.add_framework_item(
            store, me, admin.ItemKind.COMPETENCE, diploma.framework_id,
            admin.ItemInput("C1", "Analyser"),
        )  # fmt: skip
        admin.add_framework_item(
            store, me, admin.ItemKind.CRITERION, competence.id, admin.ItemInput("C1.1", "Lire")
        )

        # Erasing an apprentice who has an account (PETIT Nathan, "apprenti.bts").
        nathan = apprentice_id(server_demo, "PETIT")
        preview = erasure_preview(store, me, nathan)
        erase_apprentice(store, me, nathan, preview.version)
    assert su_scalar(server_demo, "SELECT count(*) FROM accounts WHERE login = 'apprenti.bts'") == 0
    assert su_scalar(
        server_demo, "SELECT count(*) FROM pg_roles WHERE rolname = %s",
        (f"{server_demo.name}.apprenti.bts",),
    ) == 0  # fmt: skip
    with pytest.raises(SignInRefused):
        server_demo.open_as("apprenti.bts")


FIXTURES = Path(__file__).parent.parent / "fixtures" / "interop"


def test_the_administrator_imports_on_his_own_connection(server_demo: ServerStore) -> None:
    """The import screens: a SIECLE class list (new classes, apprentices and their
    booklets) and a Moodle framework (a new diploma), previewed then applied."""
    from cpro_desktop.services.interop import moodle
    from cpro_desktop.services.interop.students import (
        apply_students_import,
        preview_students_import,
    )

    melec_diploma = su_scalar(server_demo, "SELECT id FROM diplomas WHERE code = 'BACPRO-MELEC'")
    counts = "SELECT (SELECT count(*) FROM apprentices), (SELECT count(*) FROM booklets)"
    apprentices_before, booklets_before = su_row(server_demo, counts)
    with signed_in(server_demo, "admin") as (store, me):
        preview = preview_students_import(
            store, me, FIXTURES / "siecle" / "ElevesSansAdresses.xml", diploma_id=melec_diploma
        )
        assert not preview.errors, preview.problems
        result = apply_students_import(store, me, preview)
        assert result.created > 0
        framework = moodle.preview_framework_import(
            store, me, FIXTURES / "moodle" / "french_semicolons_bom.csv",
            diploma="CAP Électricien",
        )  # fmt: skip
        assert not framework.errors, framework.problems
        moodle.apply_framework_import(store, me, framework)
        assert moodle.find_diploma(store, me, "cap electricien").code == "CAP-ELEC"
        assert moodle.export_framework_csv(store, me, "CAP-ELEC")
    apprentices_after, booklets_after = su_row(server_demo, counts)
    assert apprentices_after > apprentices_before
    assert booklets_after - booklets_before == apprentices_after - apprentices_before


def _screens(store: Store, actor: Actor) -> dict[str, object]:
    """Everything the person's screens read, over every apprentice he may open, by the
    read-only services (nothing here marks anything read)."""
    seen: dict[str, object] = {}
    directory = visible_directory(store, actor)
    seen["directory"] = directory
    modules = modules_for(actor, directory.teaches_a_class)
    seen["counters"] = main_window_counters(store, actor)
    if Module.ACTIVITIES in modules:
        classes = act.activity_classes(store, actor)
        seen["classes"] = classes
        for school_class in classes:
            for period in act.class_periods(store, actor, school_class.id):
                seen[f"period {period.id}"] = act.period_portfolios(store, actor, period.id)
    for apprentice in directory.apprentice_ids():
        seen[f"dashboard {apprentice}"] = competence_snapshot(store, actor, apprentice)
        seen[f"activities {apprentice}"] = activities_snapshot(store, actor, apprentice)
        seen[f"reviews {apprentice}"] = reviews.list_reviews(store, actor, apprentice)
        seen[f"comparison {apprentice}"] = reviews.comparison_table(store, actor, apprentice)
        seen[f"header {apprentice}"] = review_context.review_header(store, actor, apprentice)
        seen[f"booklet {apprentice}"] = booklet.booklet_snapshot(store, actor, apprentice)
        seen[f"print {apprentice}"] = printing.booklet_document(store, actor, apprentice)
        if Module.ACTIVITIES in modules:
            view = act.apprentice_portfolios(store, actor, apprentice)
            seen[f"portfolios {apprentice}"] = view
            for portfolio in view.portfolios:
                seen[f"sheets {portfolio.id}"] = act.portfolio_sheets(store, actor, portfolio.id)
                seen[f"logbook {portfolio.id}"] = act.logbook_snapshot(store, actor, portfolio.id)
    if Module.ADMINISTRATION in modules:
        seen["accounts"] = admin.list_accounts(store, actor)
        seen["admin classes"] = admin.list_classes(store, actor)
        seen["companies"] = admin.list_companies(store, actor)
        seen["apprentices"] = admin.list_apprentices(store, actor)
        seen["choices"] = admin.form_choices(store, actor)
        seen["frameworks"] = admin.framework_trees(store, actor)
        for row in admin.list_apprentices(store, actor):
            document = record_document(store, actor, row.id)
            document.pop("exported_at", None)
            seen[f"record {row.id}"] = document
    return seen


@pytest.mark.parametrize("login", EVERY_LOGIN)
def test_each_screen_reads_on_the_person_s_connection_what_it_reads_unfenced(
    shared_server_demo: ServerStore, login: str
) -> None:
    """Row-level security must not hide from a service what the application's policy lets
    it show: every read of every screen gives, on the person's own connection, exactly what
    the same service gives the same actor on the superuser's connection (no row-level
    security at all) — nothing missing, so no silently emptier screen."""
    with signed_in(shared_server_demo, login) as (store, me):
        fenced = _screens(store, me)
    with Store.open(shared_server_demo.admin_url) as unfenced_store:
        unfenced = _screens(unfenced_store, me)
    assert fenced.keys() == unfenced.keys()
    assert fenced["directory"].apprentice_ids() or login == "admin"  # type: ignore[attr-defined]
    differing = [key for key in fenced if fenced[key] != unfenced[key]]
    assert differing == [], differing


def test_the_connection_really_is_the_person_s(server_demo: ServerStore) -> None:
    """The flows above run as the person: the session's user is his login role."""
    with signed_in(server_demo, "tuteur") as (store, _), store.read() as session:
        assert session.scalar(text("SELECT session_user")) == f"{server_demo.name}.tuteur"
    with pytest.raises(psycopg.Error):
        server_demo.connect("tuteur", "pas-le-bon")
