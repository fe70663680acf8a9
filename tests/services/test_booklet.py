"""The apprenticeship booklet service: the snapshot of both parts, who writes which part
(per role), optimistic versions, visits planned then reported, interviews, syntheses and
reference documents."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select

from cpro_desktop import models as m
from cpro_desktop.models.enums import MAX_ATTACHMENT_BYTES, BookletSectionKind, Origin
from cpro_desktop.services import booklet
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.booklet import BookletPart
from cpro_desktop.store import ConflictError, PermissionDenied, Store, ValidationError

K = BookletSectionKind
CENTRE_PARTS = {
    BookletPart.ENTRY_POSITIONING,
    BookletPart.TEAM_OPINION,
    BookletPart.PROGRESSION_CENTRE,
    BookletPart.SYNTHESIS_CENTRE,
    BookletPart.INTERVIEWS,
    BookletPart.VISITS,
    BookletPart.REFERENCE_DOCUMENTS,
}
COMPANY_PARTS = {BookletPart.PROGRESSION_COMPANY, BookletPart.SYNTHESIS_COMPANY}
APPRENTICE_PARTS = {BookletPart.TRAINING_REVIEW, BookletPart.ORIENTATION_PROJECT}


def actor(store: Store, login: str):
    return authenticate(store, login, "cpro-demo")


def apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == last_name))


def test_snapshot_holds_both_parts_in_bounded_statements(demo_store: Store, count_statements):
    """Mina's booklet: contacts, calendar, documents, sections with their last change,
    syntheses, interview and visits, read in a fixed number of statements."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice_id(demo_store, "AZZOUG")
    with count_statements(demo_store) as counter:
        snap = booklet.booklet_snapshot(demo_store, trainer, mina)
    assert counter.count <= 14
    welcome = snap.welcome
    assert welcome.centre.uai_code == "0930000X"
    assert (
        welcome.diploma.class_name == "1MELEC" and welcome.diploma.diploma_name == "Bac Pro MELEC"
    )
    roles = {c.role: c.name for c in welcome.contacts}
    assert roles == {
        "Apprenti": "AZZOUG Mina",
        "Maître d'apprentissage": "LEFEBVRE Thomas",
        "Formateur référent": "DURAND Sophie",
        "Centre de formation": "CFA CPRO Démo — Lycée professionnel Jean Jaurès",
        "Entreprise d'accueil": "Électricité Générale Dupont",
        "Représentant légal": "AZZOUG Karim",
    }
    assert [(e.name, e.start, e.weeks) for e in welcome.calendar] == [
        ("PFMP1 - 1er BCP", date(2022, 9, 5), 2),
        ("Test VP 22/09", date(2022, 9, 26), 3),
        ("Test annexe 1MELEC", date(2023, 7, 3), 3),
    ]
    assert [d.name for d in welcome.documents] == ["Calendrier d'alternance 2022-2023.pdf"]
    entry = snap.section(K.ENTRY_POSITIONING)
    assert entry.version == 1 and entry.changed == "modifié par DURAND Sophie le 20/09/2021"
    assert snap.section(K.TRAINING_REVIEW).updated_by == "AZZOUG Mina"
    assert [(s.origin, s.author) for s in snap.syntheses] == [
        (Origin.COMPANY, "LEFEBVRE Thomas"),
        (Origin.CENTRE, "DURAND Sophie"),
    ]
    assert [i.held_on for i in snap.interviews] == [date(2022, 11, 29)]
    assert [(v.status_label, v.reported) for v in snap.visits] == [
        ("Réalisée le 12/10/2022", True),
        ("Prévue le 18/07/2023", False),
    ]


@pytest.mark.parametrize(
    ("login", "parts"),
    [
        ("formateur", CENTRE_PARTS),
        ("tuteur", COMPANY_PARTS),
        ("apprenti", APPRENTICE_PARTS),
        ("parent", set()),
    ],
)
def test_each_role_writes_its_own_parts(demo_store: Store, login: str, parts: set) -> None:
    """Trainer: the centre's parts; tutor: the company's; apprentice: his own; guardian:
    reads only."""
    snap = booklet.booklet_snapshot(
        demo_store, actor(demo_store, login), apprentice_id(demo_store, "AZZOUG")
    )
    assert snap.writable == parts
    assert snap.can_print


def test_every_part_has_exactly_one_write_action() -> None:
    """The one table of rights covers every part of the booklet, each section kind too."""
    assert set(booklet.WRITE_ACTIONS) == set(BookletPart)
    assert {booklet.section_part(kind) for kind in K} <= set(booklet.WRITE_ACTIONS)


@pytest.mark.parametrize(
    ("login", "allowed", "refused"),
    [
        ("formateur", K.TEAM_OPINION, K.TRAINING_REVIEW),
        ("tuteur", K.PROGRESSION_COMPANY, K.PROGRESSION_CENTRE),
        ("apprenti", K.ORIENTATION_PROJECT, K.ENTRY_POSITIONING),
    ],
)
def test_sections_saved_only_by_whom_the_policy_allows(demo_store, login, allowed, refused):
    """A section saves for its writer (who and when recorded) and is refused to the others."""
    who = actor(demo_store, login)
    mina = apprentice_id(demo_store, "AZZOUG")
    saved = booklet.save_section(demo_store, who, mina, allowed, "Nouveau texte", 1)
    assert saved.version == 2 and saved.body == "Nouveau texte"
    assert (
        saved.updated_by
        == {"formateur": "DURAND Sophie", "tuteur": "LEFEBVRE Thomas", "apprenti": "AZZOUG Mina"}[
            login
        ]
    )
    assert saved.changed.endswith(date.today().strftime("%d/%m/%Y"))
    with pytest.raises(PermissionDenied):
        booklet.save_section(demo_store, who, mina, refused, "Intrus", 1)
    assert booklet.booklet_snapshot(demo_store, who, mina).section(refused).body != "Intrus"


def test_guardian_and_other_tutor(demo_store: Store) -> None:
    """The guardian writes nothing; another apprentice's tutor cannot even read."""
    mina = apprentice_id(demo_store, "AZZOUG")
    with pytest.raises(PermissionDenied):
        booklet.save_section(
            demo_store, actor(demo_store, "parent"), mina, K.TRAINING_REVIEW, "x", 1
        )
    with pytest.raises(PermissionDenied):
        booklet.booklet_snapshot(demo_store, actor(demo_store, "tuteur2"), mina)


def test_stale_section_version_is_a_conflict(demo_store: Store) -> None:
    """Two saves from the same version: the second is refused and overwrites nothing."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice_id(demo_store, "AZZOUG")
    booklet.save_section(demo_store, trainer, mina, K.TEAM_OPINION, "Premier", 1)
    with pytest.raises(ConflictError):
        booklet.save_section(demo_store, trainer, mina, K.TEAM_OPINION, "Second", 1)
    assert booklet.booklet_snapshot(demo_store, trainer, mina).section(K.TEAM_OPINION).body == (
        "Premier"
    )


def test_first_write_creates_the_booklet_and_the_section(demo_store: Store) -> None:
    """An apprentice without booklet reads an empty one; the first save creates it (version
    0 → 1) and a second "first" save is a conflict."""
    trainer = actor(demo_store, "formateur")
    lucas = apprentice_id(demo_store, "BERNARD")
    with demo_store.write() as session:
        session.execute(delete(m.Booklet).where(m.Booklet.apprentice_id == lucas))
    empty = booklet.booklet_snapshot(demo_store, trainer, lucas)
    assert empty.booklet_id is None and empty.section(K.ENTRY_POSITIONING).version == 0
    assert empty.section(K.ENTRY_POSITIONING).changed == ""
    saved = booklet.save_section(demo_store, trainer, lucas, K.ENTRY_POSITIONING, "Début", 0)
    assert saved.version == 1 and saved.updated_by == "DURAND Sophie"
    with pytest.raises(ConflictError):
        booklet.save_section(demo_store, trainer, lucas, K.ENTRY_POSITIONING, "Autre", 0)
    assert booklet.booklet_snapshot(demo_store, trainer, lucas).booklet_id is not None


def test_visit_planned_then_reported(demo_store: Store) -> None:
    """A visit is planned ahead, then reported with its date and report; a stale report is
    a conflict; a report needs its text; the tutor cannot plan visits."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice_id(demo_store, "AZZOUG")
    planned = booklet.plan_visit(
        demo_store, trainer, mina, planned_on=date(2024, 3, 12), participants="Sophie DURAND"
    )
    assert not planned.reported and planned.status_label == "Prévue le 12/03/2024"
    with pytest.raises(ValidationError):
        booklet.report_visit(
            demo_store, trainer, planned.id, planned.version, held_on=date(2024, 3, 13), report="  "
        )
    reported = booklet.report_visit(
        demo_store,
        trainer,
        planned.id,
        planned.version,
        held_on=date(2024, 3, 13),
        report="Très bon accueil ; poste de travail rangé.",
    )
    assert reported.reported and reported.held_on == date(2024, 3, 13)
    assert reported.planned_on == date(2024, 3, 12) and reported.version == planned.version + 1
    with pytest.raises(ConflictError):
        booklet.report_visit(
            demo_store,
            trainer,
            planned.id,
            planned.version,
            held_on=date(2024, 3, 14),
            report="Autre",
        )
    visits = booklet.booklet_snapshot(demo_store, trainer, mina).visits
    assert visits[-1].report == "Très bon accueil ; poste de travail rangé."
    with pytest.raises(PermissionDenied):
        booklet.plan_visit(demo_store, actor(demo_store, "tuteur"), mina, planned_on=date.today())
    booklet.delete_visit(demo_store, trainer, reported.id, reported.version)
    assert len(booklet.booklet_snapshot(demo_store, trainer, mina).visits) == len(visits) - 1


def test_interviews_and_syntheses_per_origin(demo_store: Store) -> None:
    """The trainer records interviews and centre syntheses, the tutor company syntheses;
    each refuses the other; versions guard updates."""
    trainer, tutor = actor(demo_store, "formateur"), actor(demo_store, "tuteur")
    mina = apprentice_id(demo_store, "AZZOUG")
    interview = booklet.add_interview(
        demo_store,
        trainer,
        mina,
        held_on=date(2023, 3, 1),
        participants="Mina, Sophie",
        summary="Point d'étape.",
    )
    assert interview.author == "DURAND Sophie"
    with pytest.raises(PermissionDenied):
        booklet.add_interview(
            demo_store, tutor, mina, held_on=date.today(), participants="", summary="x"
        )
    with pytest.raises(ValidationError):
        booklet.add_interview(
            demo_store, trainer, mina, held_on=date.today(), participants="", summary=""
        )
    company = booklet.add_synthesis(
        demo_store,
        tutor,
        mina,
        Origin.COMPANY,
        title="Phase 2",
        body="Autonome.",
        period_id=None,
    )
    with pytest.raises(PermissionDenied):
        booklet.update_synthesis(
            demo_store,
            trainer,
            company.id,
            company.version,
            title="x",
            body="y",
            written_on=None,
            period_id=None,
        )
    with pytest.raises(PermissionDenied):
        booklet.add_synthesis(demo_store, tutor, mina, Origin.CENTRE, title="x", body="y")
    updated = booklet.update_synthesis(
        demo_store,
        tutor,
        company.id,
        company.version,
        title="Phase 2 (bilan)",
        body="Autonome et rigoureuse.",
        written_on=date(2023, 5, 1),
        period_id=None,
    )
    assert updated.title == "Phase 2 (bilan)" and updated.version == company.version + 1
    with pytest.raises(ConflictError):
        booklet.delete_synthesis(demo_store, tutor, company.id, company.version)
    booklet.delete_synthesis(demo_store, tutor, company.id, updated.version)


def test_reference_documents(demo_store: Store, tmp_path) -> None:
    """The trainer adds and removes reference files (bounded in size); everyone who reads
    the booklet gets the bytes back; the tutor cannot add one."""
    trainer, guardian = actor(demo_store, "formateur"), actor(demo_store, "parent")
    mina = apprentice_id(demo_store, "AZZOUG")
    source = tmp_path / "Règlement intérieur.txt"
    source.write_bytes("Horaires : 8 h – 17 h".encode())
    added = booklet.add_reference_document_from_path(demo_store, trainer, mina, source)
    assert added.name == "Règlement intérieur.txt" and added.added_by == "DURAND Sophie"
    fetched = booklet.fetch_reference_document(demo_store, guardian, added.id)
    assert fetched.content == source.read_bytes()
    with pytest.raises(ValidationError, match="volumineux"):
        booklet.add_reference_document(
            demo_store, trainer, mina, name="gros.bin", content=b"0" * (MAX_ATTACHMENT_BYTES + 1)
        )
    with pytest.raises(PermissionDenied):
        booklet.add_reference_document(
            demo_store, actor(demo_store, "tuteur"), mina, name="x.txt", content=b"x"
        )
    with pytest.raises(PermissionDenied):
        booklet.remove_reference_document(demo_store, guardian, added.id)
    booklet.remove_reference_document(demo_store, trainer, added.id)
    names = [d.name for d in booklet.booklet_snapshot(demo_store, trainer, mina).welcome.documents]
    assert names == ["Calendrier d'alternance 2022-2023.pdf"]
