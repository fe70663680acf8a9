"""One rule for what people type, on SQLite and PostgreSQL alike: a text longer than its
column allows, or holding an invisible control character, is refused in French before
anything is written; imports report such values instead of failing; and a second draft of
the same review resumes the first instead of failing on the store's unique index."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.models.enums import BookletSectionKind, Origin, ReviewStatus
from cpro_desktop.services import admin, booklet, reviews
from cpro_desktop.services.activities import sheets
from cpro_desktop.services.admin import CompanyInput
from cpro_desktop.services.admin.base import clean_text
from cpro_desktop.services.auth import authenticate, create_first_admin
from cpro_desktop.services.interop import moodle
from cpro_desktop.services.interop.students import (
    apply_students_import,
    preview_students_import,
)
from cpro_desktop.services.texts import check_length, check_text, text_problem
from cpro_desktop.store import Store, ValidationError
from tests.services.test_interop_moodle import FIXTURES as MOODLE
from tests.services.test_interop_students import apprentices, centre


def actor(store: Store, login: str):
    return authenticate(store, login, "cpro-demo")


def mina(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def a_sheet_of(store: Store, tutor) -> int:
    with store.read() as session:
        return session.scalar(
            select(m.ActivitySheet.id)
            .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
            .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
            .where(m.Apprentice.tutor_id == tutor.account_id)
            .order_by(m.ActivitySheet.id)
            .limit(1)
        )


def comment_count(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(m.Comment)) or 0


# -- the rule ---------------------------------------------------------------------------------


def test_the_messages_say_the_field_the_limit_and_what_was_typed() -> None:
    """Too long: the label, the limit and the length typed, French digit groups; a control
    character: its code point; a NUL is called by its name; tabs and line breaks pass."""
    with pytest.raises(ValidationError) as too_long:
        check_text(m.CompetenceReview.findings, "x" * 21_034, "Constats")
    assert too_long.value.field == "findings"
    assert str(too_long.value) == (
        "« Constats » dépasse 20 000 caractères (21 034 saisis) : raccourcissez ce texte."
    )
    with pytest.raises(ValidationError, match=r"caractère de contrôle invisible \(U\+000B\)"):
        check_length("body", "Ligne\x0bcollée de Word", 100, "Commentaire")
    with pytest.raises(ValidationError, match=r"caractère nul invisible \(U\+0000\)"):
        check_length("body", "a\x00b", 100, "Commentaire")
    assert check_length("body", "a\tb\nc\r\nd", 100, "Commentaire") == "a\tb\nc\r\nd"
    assert text_problem("é" * 20, 20, "Année scolaire") is None


# -- services, both backends ------------------------------------------------------------------


def test_over_long_constats_are_refused_and_the_draft_stays(demo_store: Store) -> None:
    """20,001 characters of Constats: refused with the limit in French; the draft keeps its
    text and its version."""
    tutor = actor(demo_store, "tuteur")
    draft = reviews.start_review(demo_store, tutor, mina(demo_store), Origin.COMPANY)
    with pytest.raises(ValidationError, match="« Constats » dépasse 20 000 caractères") as err:
        reviews.save_draft(demo_store, tutor, draft.id, draft.version,
                           findings="é" * 20_001, advice="", levels={})  # fmt: skip
    assert "20 001 saisis" in str(err.value)
    again = reviews.get_review(demo_store, tutor, draft.id)
    assert (again.findings, again.version) == (draft.findings, draft.version)


@pytest.mark.parametrize("character", ["\x0b", "\x1b", "\x07", "\x00"])
def test_control_characters_are_refused_by_every_writer(demo_store: Store, character) -> None:
    """A vertical tab (Word's line break), an escape, a bell or a NUL: refused the same way in
    a review, a comment, a booklet section and a company's name; nothing changes."""
    tutor = actor(demo_store, "tuteur")
    text = f"Bon travail{character} cette semaine."
    draft = reviews.start_review(demo_store, tutor, mina(demo_store), Origin.COMPANY)
    with pytest.raises(ValidationError, match="« Conseils » contient un caractère") as err:
        reviews.save_draft(demo_store, tutor, draft.id, draft.version,
                           findings="Constats.", advice=text, levels={})  # fmt: skip
    assert err.value.field == "advice"
    assert reviews.get_review(demo_store, tutor, draft.id).version == draft.version

    before = comment_count(demo_store)
    with pytest.raises(ValidationError, match="« Commentaire » contient un caractère"):
        sheets.add_comment(demo_store, tutor, a_sheet_of(demo_store, tutor), text)
    assert comment_count(demo_store) == before

    section = BookletSectionKind.PROGRESSION_COMPANY
    snapshot = booklet.booklet_snapshot(demo_store, tutor, mina(demo_store)).section(section)
    with pytest.raises(ValidationError, match="contient un caractère"):
        booklet.save_section(demo_store, tutor, mina(demo_store), section, text, 1)
    after = booklet.booklet_snapshot(demo_store, tutor, mina(demo_store)).section(section)
    assert after == snapshot

    boss = actor(demo_store, "admin")
    with pytest.raises(ValidationError, match="« Raison sociale » contient un caractère"):
        admin.create_company(demo_store, boss, CompanyInput(name=f"Élec{character}Pro"))
    with demo_store.read() as session:
        assert not session.scalar(select(m.Company.id).where(m.Company.name.like("Élec%Pro")))


def test_a_racing_second_draft_resumes_the_first(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two windows start the same review: the second one's insert meets the store's
    one-draft index and resumes the first draft, never a raw database error."""
    tutor = actor(demo_store, "tuteur")
    apprentice = mina(demo_store)
    first = reviews.start_review(demo_store, tutor, apprentice, Origin.COMPANY)
    looked = []
    real = reviews._own_draft

    def blind_once(session, who, apprentice_id, origin):
        looked.append(origin)
        # The first look misses the draft, as a session that read before it was committed.
        return None if len(looked) == 1 else real(session, who, apprentice_id, origin)

    monkeypatch.setattr(reviews, "_own_draft", blind_once)
    again = reviews.start_review(demo_store, tutor, apprentice, Origin.COMPANY)
    assert again.id == first.id and len(looked) == 2
    with demo_store.read() as session:
        drafts = session.scalar(
            select(func.count()).where(
                m.CompetenceReview.apprentice_id == apprentice,
                m.CompetenceReview.author_id == tutor.account_id,
                m.CompetenceReview.origin == Origin.COMPANY,
                m.CompetenceReview.status == ReviewStatus.DRAFT,
            )
        )
    assert drafts == 1


# -- imports ------------------------------------------------------------------------------------


def test_a_300_character_name_in_a_students_file_is_reported_not_stored(
    store: Store, tmp_path: Path
) -> None:
    """A CSV line whose name has 300 characters is an error of that line, in French; the
    other pupil goes in with a partial import, and the store never sees the long name."""
    boss, _ = centre(store)
    long_name = "DUPONT" + "-MARTIN" * 42
    path = tmp_path / "classe.csv"
    path.write_text(
        "Nom;Prénom;Date de naissance;INE;Classe\n"
        f"{long_name};Jean;01/02/2006;070123456AB;1MELEC\n"
        "LEROY;Emma;05/07/2005;070223456AC;1MELEC\n",
        encoding="utf-8",
    )
    with store.read() as session:
        year = session.scalar(select(m.SchoolYear.id))
    preview = preview_students_import(store, boss, path, school_year_id=year)
    (error,) = preview.errors
    assert error.reason.startswith("« Nom » dépasse 100 caractères (300 saisis)")
    apply_students_import(store, boss, preview, accept_partial=True)
    assert set(apprentices(store)) == {"070223456AC"}


def test_over_long_moodle_texts_are_reported_not_stored(store: Store, tmp_path: Path) -> None:
    """A criterion's label over 2,000 characters and a competence's description over 20,000
    are errors of their lines (left out of a partial import); a framework description over
    20,000 refuses the import even in part."""
    boss = create_first_admin(store, "admin", "un mot de passe long", "MOREAU", "Catherine")
    text = (MOODLE / "english_commas.csv").read_text(encoding="utf-8")
    path = tmp_path / "longs.csv"
    path.write_text(
        text.replace("Les risques sont identifiés", "Risque " * 300).replace(
            'U2,C2,"Organiser l\'opération dans son contexte",,',
            f'U2,C2,"Organiser l\'opération dans son contexte","{"<p>x</p>" * 2_600}",',
        ),
        encoding="utf-8",
    )
    preview = moodle.preview_framework_import(store, boss, path)
    reasons = sorted(e.reason for e in preview.errors)
    assert any("« C1.2 »" in r and "2000 au plus pour un critère" in r for r in reasons), reasons
    assert any(r.startswith("« C2 » : « Description » dépasse 20 000") for r in reasons), reasons
    moodle.apply_framework_import(store, boss, preview, accept_partial=True)
    with store.read() as session:
        codes = set(session.scalars(select(m.Criterion.code)))
    assert "C1.1" in codes and "C1.2" not in codes and "C2.1" not in codes

    whole = tmp_path / "description.csv"
    whole.write_text(
        text.replace("Référentiel du baccalauréat", "Référentiel " * 2_000), encoding="utf-8"
    )
    preview = moodle.preview_framework_import(store, boss, whole)
    assert any("Description du référentiel" in e.reason for e in preview.errors)
    with pytest.raises(moodle.ImportRefused):
        moodle.apply_framework_import(store, boss, preview, accept_partial=True)


def test_a_field_of_an_administration_form_is_bounded_by_its_column() -> None:
    """The administration forms take their limits from the same table as the store."""
    assert clean_text("  Nom  ", "last_name", "Nom", m.Apprentice.last_name) == "Nom"
    with pytest.raises(ValidationError, match="« Nom » dépasse 100 caractères"):
        clean_text("N" * 101, "last_name", "Nom", m.Apprentice.last_name)
