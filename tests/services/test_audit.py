"""The audit trail, on SQLite and PostgreSQL: each audited action writes exactly its row (the
expected values written by hand), a refused or failed action writes none, nobody can change
or delete a row, and only the administrator reads the trail, filtered."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from cpro_desktop import models as m
from cpro_desktop.models.enums import Role
from cpro_desktop.services import activities as act
from cpro_desktop.services import admin, audit, printing
from cpro_desktop.services.admin import AccountInput, ApprenticeInput, ClassInput
from cpro_desktop.services.audit import AuditFilters
from cpro_desktop.services.auth import authenticate, change_own_password, open_and_sign_in
from cpro_desktop.services.interop.record import erase_apprentice, erasure_preview
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import (
    ConflictError,
    PermissionDenied,
    Store,
    ValidationError,
)
from tests.conftest import ServerStore

PASSWORD = "cpro-demo"
IMMUTABLE = "journal d'audit : une ligne écrite ne peut être ni modifiée ni supprimée"
BOSS = ("admin", "MOREAU Catherine")


def actor(store: Store, login: str, password: str = PASSWORD) -> Actor:
    return authenticate(store, login, password)


def trail(store: Store) -> list[tuple]:
    """Every row, oldest first, read straight from the table (not through the service):
    (action, actor login, actor name, apprentice id, account id, subject, detail)."""
    events = m.AuditEvent.__table__
    with store.read() as session:
        rows = session.execute(select(events).order_by(events.c.id)).all()
    return [
        (
            r.action,
            r.actor_login,
            r.actor_name,
            r.subject_apprentice_id,
            r.subject_account_id,
            r.subject_label,
            r.detail,
        )
        for r in rows
    ]


def apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == last_name))


def apprentice_input(row: admin.ApprenticeRow, **changes) -> ApprenticeInput:
    values = {
        "last_name": row.last_name,
        "first_name": row.first_name,
        "birth_date": row.birth_date,
        "national_id": row.national_id,
        "email": row.email,
        "phone": row.phone,
        "address": row.address,
        "school_class_id": row.school_class_id,
        "company_id": row.company_id,
        "tutor_id": row.tutor_id,
        "referent_trainer_id": row.referent_trainer_id,
        "account_id": row.account_id,
        "guardian_ids": row.guardian_ids,
    }
    values.update(changes)
    return ApprenticeInput(**values)


def ids(store: Store, boss: Actor) -> dict[str, int]:
    """Account ids by login, class ids by name, company ids by name."""
    found = {a.login: a.id for a in admin.list_accounts(store, boss)}
    found |= {c.name: c.id for c in admin.list_classes(store, boss)}
    found |= {c.name: c.id for c in admin.list_companies(store, boss)}
    return found


# --- Writing: one row per action -----------------------------------------------------------------


def test_each_account_change_writes_its_row(demo_store: Store) -> None:
    """Creating, editing, changing the role, deactivating, reactivating, resetting the
    password and changing one's own: one row each, with who, what, whose account and a
    detail; an edit that changes nothing writes nothing."""
    boss = actor(demo_store, "admin")
    before = datetime.now(UTC)
    julie = admin.create_account(
        demo_store, boss, AccountInput("jlegrand", "Legrand", "Julie", Role.TRAINER), "secret-123"
    )
    edited = admin.update_account(
        demo_store,
        boss,
        julie.id,
        julie.version,
        AccountInput("julie.legrand", "Legrand", "Julie", Role.TRAINER, email="j@cfa.example.fr"),
    )
    same = admin.update_account(
        demo_store,
        boss,
        julie.id,
        edited.version,
        AccountInput("julie.legrand", "Legrand", "Julie", Role.TRAINER, email="j@cfa.example.fr"),
    )
    promoted = admin.update_account(
        demo_store,
        boss,
        julie.id,
        same.version,
        AccountInput("julie.legrand", "Legrand", "Julie", Role.ADMIN, email="j@cfa.example.fr"),
    )
    off = admin.deactivate_account(demo_store, boss, julie.id, promoted.version)
    admin.reactivate_account(demo_store, boss, julie.id, off.version)
    admin.reset_account_password(demo_store, boss, julie.id, "nouveau-secret")
    herself = actor(demo_store, "julie.legrand", "nouveau-secret")
    change_own_password(demo_store, herself, "nouveau-secret", "encore-un-autre")
    after = datetime.now(UTC)

    subject = "LEGRAND Julie (julie.legrand)"
    j = julie.id
    assert trail(demo_store) == [
        ("account_create", *BOSS, None, j, "LEGRAND Julie (jlegrand)", "Rôle : Formateur"),
        (
            "account_update", *BOSS, None, j, subject,
            "Identifiant : « jlegrand » → « julie.legrand » ; Modifiés : courriel",
        ),
        ("account_role_change", *BOSS, None, j, subject, "Rôle : Formateur → Administrateur"),
        ("account_deactivate", *BOSS, None, j, subject, ""),
        ("account_reactivate", *BOSS, None, j, subject, ""),
        ("password_reset", *BOSS, None, j, subject, ""),
        ("password_change", "julie.legrand", "LEGRAND Julie", None, j, subject, ""),
    ]  # fmt: skip
    rows = audit.list_events(demo_store, boss)
    assert all(before - timedelta(seconds=5) <= r.occurred_at <= after + timedelta(seconds=5)
               for r in rows)  # fmt: skip
    assert rows[0].actor_account_id == herself.account_id
    assert {r.actor_account_id for r in rows[1:]} == {boss.account_id}


def test_refused_or_failed_actions_write_no_row(demo_store: Store) -> None:
    """A refusal (not an administrator, not his apprentice), a validation error, a conflict
    or a wrong current password rolls the action back with its audit row."""
    boss = actor(demo_store, "admin")
    trainer = actor(demo_store, "formateur")
    other_tutor = actor(demo_store, "tuteur2")
    known = ids(demo_store, boss)
    mina = apprentice_id(demo_store, "AZZOUG")
    accounts = {a.login: a for a in admin.list_accounts(demo_store, boss)}
    tutor_row = accounts["tuteur"]
    attempts = [
        (PermissionDenied, lambda: admin.create_account(
            demo_store, trainer, AccountInput("x.y", "Y", "X", Role.TRAINER), "secret-123")),
        (ValidationError, lambda: admin.create_account(
            demo_store, boss, AccountInput("FORMATEUR", "Y", "X", Role.TRAINER), "secret-123")),
        (ConflictError, lambda: admin.update_account(
            demo_store, boss, tutor_row.id, tutor_row.version + 1,
            AccountInput("tuteur", "LEFEBVRE", "Thomas", Role.TUTOR,
                         company_id=tutor_row.company_id))),
        (ValidationError, lambda: admin.update_account(
            demo_store, boss, tutor_row.id, tutor_row.version,
            AccountInput("tuteur", "LEFEBVRE", "Thomas", Role.TRAINER))),
        (ValidationError, lambda: admin.deactivate_account(
            demo_store, boss, boss.account_id, accounts["admin"].version)),
        (ValidationError, lambda: admin.reset_account_password(
            demo_store, boss, known["formateur"], "court")),
        (PermissionDenied, lambda: admin.reset_account_password(
            demo_store, trainer, known["formateur"], "assez-long-secret")),
        (ValidationError, lambda: change_own_password(
            demo_store, trainer, "pas-le-bon", "assez-long-secret")),
        (PermissionDenied, lambda: admin.set_class_trainers(
            demo_store, trainer, known["1MELEC"], 1, [known["formateur2"]])),
        (PermissionDenied, lambda: printing.booklet_document(demo_store, other_tutor, mina)),
        (PermissionDenied, lambda: printing.reviews_document(demo_store, other_tutor, mina)),
        (PermissionDenied, lambda: act.logbook_print_snapshot(
            demo_store, other_tutor,
            act.find_portfolio(demo_store, trainer, "AZZOUG Mina", "Test annexe 1MELEC").id)),
    ]  # fmt: skip
    for error, attempt in attempts:
        with pytest.raises(error):
            attempt()
    assert trail(demo_store) == []


def test_class_trainers_and_apprentice_links_are_rights_changes(demo_store: Store) -> None:
    """Who teaches a class, and an apprentice's class, tutor, referent and guardians, decide
    who reads his record: each change is one `rights_change` row naming the people; a change
    of his phone number is not one."""
    boss = actor(demo_store, "admin")
    known = ids(demo_store, boss)
    melec = next(c for c in admin.list_classes(demo_store, boss) if c.name == "1MELEC")
    admin.set_class_trainers(demo_store, boss, melec.id, melec.version, [known["formateur2"]])
    years = {y.label: y.id for y in admin.list_school_years(demo_store, boss)}
    diploma = next(c for c in admin.list_classes(demo_store, boss) if c.name == "1MELEC")
    created_class = admin.create_class(
        demo_store,
        boss,
        ClassInput("2MELEC", "", 3, diploma.diploma_id, years["2022-2023"], (known["formateur"],)),
    )
    mina = next(a for a in admin.list_apprentices(demo_store, boss) if a.last_name == "AZZOUG")
    phoned = admin.update_apprentice(
        demo_store, boss, mina.id, mina.version, apprentice_input(mina, phone="06 12 34 56 78")
    )
    admin.update_apprentice(
        demo_store,
        boss,
        mina.id,
        phoned.version,
        apprentice_input(
            mina,
            phone="06 12 34 56 78",
            school_class_id=known["Terminale Bac Pro"],
            company_id=known["Ørsted Énergies & Fils"],
            tutor_id=known["tuteur.orsted"],
            referent_trainer_id=known["formateur2"],
            guardian_ids=(),
        ),
    )
    new = admin.create_apprentice(
        demo_store,
        boss,
        ApprenticeInput(
            "Roux",
            "Léa",
            school_class_id=known["1MELEC"],
            tutor_id=known["tuteur"],
            referent_trainer_id=known["formateur"],
            guardian_ids=(known["parent"],),
        ),
    )
    assert trail(demo_store) == [
        ("rights_change", *BOSS, None, None, "Classe 1MELEC (2022-2023)",
         "Formateurs ajoutés : MARTIN Julien ; Formateurs retirés : DURAND Sophie"),
        ("rights_change", *BOSS, None, None, "Classe 2MELEC (2022-2023)",
         "Formateurs ajoutés : DURAND Sophie"),
        ("rights_change", *BOSS, mina.id, None, "AZZOUG Mina",
         "Classe : 1MELEC → Terminale Bac Pro ; Maître d'apprentissage : LEFEBVRE Thomas → "
         "O'CONNOR Patrick ; Formateur référent : DURAND Sophie → MARTIN Julien ; "
         "Représentants légaux retirés : AZZOUG Karim"),
        ("rights_change", *BOSS, new.id, None, "ROUX Léa",
         "Classe : — → 1MELEC ; Maître d'apprentissage : — → LEFEBVRE Thomas ; "
         "Formateur référent : — → DURAND Sophie ; Représentants légaux ajoutés : AZZOUG Karim"),
    ]  # fmt: skip
    assert created_class.trainer_names == ("DURAND Sophie",)


def test_each_print_writes_its_row(demo_store: Store, tmp_path) -> None:
    """The booklet (by the apprentice herself), the reviews (by her trainer) and a logbook
    (by her tutor): one row each, naming the printer and the apprentice."""
    mina = apprentice_id(demo_store, "AZZOUG")
    herself = actor(demo_store, "apprenti")
    trainer = actor(demo_store, "formateur")
    tutor = actor(demo_store, "tuteur")
    printing.print_booklet(demo_store, herself, mina, tmp_path / "livret.pdf")
    printing.reviews_document(demo_store, trainer, mina)
    portfolio = act.find_portfolio(demo_store, tutor, "AZZOUG Mina", "Test annexe 1MELEC")
    act.logbook_print_snapshot(demo_store, tutor, portfolio.id)
    label = "AZZOUG Mina (1MELEC)"
    assert trail(demo_store) == [
        ("print_booklet", "apprenti", "AZZOUG Mina", mina, None, label, ""),
        ("print_reviews", "formateur", "DURAND Sophie", mina, None, label,
         "3 bilan(s) validé(s)"),
        ("print_logbook", "tuteur", "LEFEBVRE Thomas", mina, None, label,
         "Période « Test annexe 1MELEC », 3 fiche(s)"),
    ]  # fmt: skip


# --- Nobody rewrites the trail -------------------------------------------------------------------


def _one_row(store: Store) -> int:
    boss = actor(store, "admin")
    with store.write() as session:
        audit.record_event(session, boss, "record_export", apprentice_id=7, subject="X", detail="d")
    with store.read() as session:
        return session.scalar(select(m.AuditEvent.id))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET detail = 'réécrit' WHERE id = :i",
        "UPDATE audit_events SET actor_login = 'quelqu-un' WHERE id = :i",
        "DELETE FROM audit_events WHERE id = :i",
        "DELETE FROM audit_events",
    ],
)
def test_raw_sql_cannot_change_or_delete_a_row(demo_store: Store, statement: str) -> None:
    """UPDATE and DELETE on audit_events are refused by the database itself, with a French
    message, and the row stays as written."""
    row_id = _one_row(demo_store)
    before = trail(demo_store)
    with pytest.raises(DatabaseError, match=IMMUTABLE):
        with demo_store.engine.begin() as connection:
            connection.execute(text(statement), {"i": row_id})
    assert (
        trail(demo_store)
        == before
        == [
            ("record_export", *BOSS, 7, None, "X", "d"),
        ]
    )


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
def test_truncate_is_refused_on_postgresql(demo_store: Store) -> None:
    """TRUNCATE fires no row trigger: a statement trigger refuses it."""
    _one_row(demo_store)
    with pytest.raises(DatabaseError, match=IMMUTABLE):
        with demo_store.engine.begin() as connection:
            connection.execute(text("TRUNCATE audit_events"))
    assert len(trail(demo_store)) == 1


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
def test_postgresql_stamps_the_time_itself(demo_store: Store) -> None:
    """A row inserted with a made-up date gets the server's clock instead."""
    with demo_store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_events (occurred_at, actor_account_id, action)"
                " VALUES ('2001-01-01 00:00:00', 1, 'erasure')"
            )
        )
    with demo_store.read() as session:
        stamped = session.scalar(select(m.AuditEvent.occurred_at))
    assert abs(stamped - datetime.now(UTC)) < timedelta(minutes=5)


def test_erasure_leaves_the_trail_whole(demo_store: Store) -> None:
    """Rows about an apprentice outlive his erasure (no foreign key, no cascade)."""
    boss = actor(demo_store, "admin")
    mina = apprentice_id(demo_store, "AZZOUG")
    printing.reviews_document(demo_store, actor(demo_store, "formateur"), mina)
    preview = erasure_preview(demo_store, boss, mina)
    erase_apprentice(demo_store, boss, mina, preview.version, "Demande de l'apprentie")
    assert [row[0] for row in trail(demo_store)] == ["print_reviews", "erasure"]


# --- Reading the trail ---------------------------------------------------------------------------


@pytest.mark.parametrize("login", ["formateur", "tuteur", "apprenti", "parent"])
def test_only_the_administrator_reads_the_trail(demo_store: Store, login: str) -> None:
    """Everybody else gets PermissionDenied, whatever the filters."""
    with pytest.raises(PermissionDenied):
        audit.list_events(demo_store, actor(demo_store, login))
    with pytest.raises(PermissionDenied):
        audit.list_events(demo_store, actor(demo_store, login), AuditFilters(text="MOREAU"))


def _some_history(store: Store, suffix: str = "") -> Actor:
    """Six rows: two accounts created, one password reset, three prints."""
    boss = actor(store, "admin")
    created = [
        admin.create_account(
            store, boss, AccountInput(login + suffix, last, first, Role.TRAINER), "secret-123"
        )
        for login, last, first in (("egerard", "Gérard", "Élodie"), ("pvidal", "Vidal", "Paul"))
    ]
    admin.reset_account_password(store, boss, created[1].id, "secret-456")
    mina = apprentice_id(store, "AZZOUG")
    for login in ("formateur", "apprenti", "parent"):
        printing.reviews_document(store, actor(store, login), mina)
    return boss


def test_filters_by_action_text_and_dates_newest_first(demo_store: Store) -> None:
    """The action, a text found in the actor, the subject or the detail (case, and on SQLite
    accented capitals, ignored; % taken literally), and the days (inclusive) narrow the
    list; rows come newest first, at most `limit`."""
    boss = _some_history(demo_store)
    today = date.today()

    def subjects(**filters) -> list[tuple[str, str]]:
        rows = audit.list_events(demo_store, boss, AuditFilters(**filters))
        return [(r.action, r.actor_label) for r in rows]

    assert subjects() == [
        ("print_reviews", "AZZOUG Karim (parent)"),
        ("print_reviews", "AZZOUG Mina (apprenti)"),
        ("print_reviews", "DURAND Sophie (formateur)"),
        ("password_reset", "MOREAU Catherine (admin)"),
        ("account_create", "MOREAU Catherine (admin)"),
        ("account_create", "MOREAU Catherine (admin)"),
    ]
    assert subjects(action="account_create", text="gérard") == [
        ("account_create", "MOREAU Catherine (admin)")
    ]
    assert [r.subject for r in audit.list_events(demo_store, boss, AuditFilters(text="vidal"))] == [
        "VIDAL Paul (pvidal)",
        "VIDAL Paul (pvidal)",
    ]
    assert subjects(text="azzoug") == subjects()[:3]
    assert subjects(text="catherine") == subjects()[3:]
    assert subjects(text="%") == []
    assert len(subjects(start=today, end=today)) == 6
    assert subjects(end=today - timedelta(days=1)) == []
    assert subjects(start=today + timedelta(days=1)) == []
    assert subjects(limit=2) == subjects()[:2]
    with pytest.raises(ValidationError):
        subjects(start=today, end=today - timedelta(days=1))


def test_reading_the_trail_is_bounded(demo_store: Store, count_statements) -> None:
    """Two statements (the permission, the rows) whatever the number of rows."""
    boss = actor(demo_store, "admin")
    counts = []
    for suffix in ("", "2"):
        with count_statements(demo_store) as counter:
            audit.list_events(demo_store, boss)
        counts.append(counter.count)
        _some_history(demo_store, suffix)
    with count_statements(demo_store) as counter:
        assert len(audit.list_events(demo_store, boss)) == 12
    assert counts[0] == counts[1] == counter.count <= 3


def test_the_row_carries_the_actors_login_as_the_store_knows_it(demo_store: Store) -> None:
    """An administrator who renames his own account writes the row under his new login (the
    one the server's row-level security checks), with his account id."""
    boss = actor(demo_store, "admin")
    me = next(a for a in admin.list_accounts(demo_store, boss) if a.login == "admin")
    admin.update_account(
        demo_store,
        boss,
        me.id,
        me.version,
        AccountInput(
            "c.moreau", me.last_name, me.first_name, Role.ADMIN, me.email, me.phone, "Direction"
        ),
    )
    (event,) = audit.list_events(demo_store, actor(demo_store, "c.moreau"))
    assert (event.actor_account_id, event.actor_login, event.actor_name) == (
        me.id,
        "c.moreau",
        "MOREAU Catherine",
    )
    assert (event.subject, event.detail) == (
        "MOREAU Catherine (c.moreau)",
        "Identifiant : « admin » → « c.moreau » ; Modifiés : fonction",
    )


@pytest.mark.pg
def test_on_a_per_user_server_each_person_writes_rows_only_the_admin_reads(
    server_demo: ServerStore,
) -> None:
    """Signed in with their own database logins, a tutor printing a logbook and an apprentice
    changing her password write their rows (INSERT without reading back), cannot read the
    trail themselves, and the administrator reads both."""
    tutor_store, tutor = open_and_sign_in(server_demo.url, "tuteur", PASSWORD)
    try:
        portfolio = act.find_portfolio(tutor_store, tutor, "AZZOUG Mina", "Test annexe 1MELEC")
        act.logbook_print_snapshot(tutor_store, tutor, portfolio.id)
        with pytest.raises(PermissionDenied):
            audit.list_events(tutor_store, tutor)
    finally:
        tutor_store.close()
    her_store, her = open_and_sign_in(server_demo.url, "apprenti", PASSWORD)
    try:
        change_own_password(her_store, her, PASSWORD, "un-autre-secret")
    finally:
        her_store.close()
    with server_demo.connect("tuteur") as me, pytest.raises(psycopg.Error):
        me.execute("SELECT count(*) FROM audit_events").fetchone()
    admin_store, boss = open_and_sign_in(server_demo.url, "admin", PASSWORD)
    try:
        rows = audit.list_events(admin_store, boss)
    finally:
        admin_store.close()
    with server_demo.superuser() as su:
        superuser = su.execute("SELECT session_user").fetchone()[0]
    assert [(r.action, r.actor_login, r.subject) for r in rows] == [
        ("password_change", "apprenti", "AZZOUG Mina (apprenti)"),
        ("print_logbook", "tuteur", "AZZOUG Mina (1MELEC)"),
        # `server init` created the first administrator, as the server's superuser.
        ("account_create", superuser, "ADMINISTRATEUR (admin)"),
    ]


def test_a_print_from_a_screen_is_logged_as_reading_it_allows(demo_store: Store) -> None:
    """A review or dashboard printed from what a screen shows: one row for whoever may read
    it (the guardian reads the dashboard), a refusal and no row for anyone else."""
    mina = apprentice_id(demo_store, "AZZOUG")
    audit.log_print(
        demo_store, actor(demo_store, "formateur"), audit.AuditAction.PRINT_REVIEWS, mina,
        "Bilan du 14/03/2023",
    )  # fmt: skip
    audit.log_print(
        demo_store, actor(demo_store, "parent"), audit.AuditAction.PRINT_DASHBOARD, mina,
        "Tableau de bord, vue par compétences (PDF)",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        audit.log_print(
            demo_store, actor(demo_store, "tuteur2"), audit.AuditAction.PRINT_REVIEWS, mina
        )
    with pytest.raises(PermissionDenied):
        audit.log_print(
            demo_store, actor(demo_store, "parent"), audit.AuditAction.PRINT_LOGBOOK, mina
        )
    label = "AZZOUG Mina (1MELEC)"
    assert trail(demo_store) == [
        ("print_reviews", "formateur", "DURAND Sophie", mina, None, label, "Bilan du 14/03/2023"),
        ("print_dashboard", "parent", "AZZOUG Karim", mina, None, label,
         "Tableau de bord, vue par compétences (PDF)"),
    ]  # fmt: skip
