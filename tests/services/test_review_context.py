"""What surrounds a competence review: the names it prints and what helps judge (recent
sheets, period reviews, ratings per competence), with its permissions and statement bound."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.enums import GridKind, Origin, RatingResult
from cpro_desktop.services import review_context
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import PermissionDenied, Store


def actor(store: Store, login: str):
    return authenticate(store, login, "cpro-demo")


def mina_id(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def test_review_header_names(demo_store: Store) -> None:
    """The header gives the apprentice, class, diploma, company, tutor, referent and centre,
    to every reader of the apprentice's reviews (the guardian too)."""
    header = review_context.review_header(demo_store, actor(demo_store, "parent"), 1)
    assert header == review_context.ReviewHeader(
        apprentice_id=mina_id(demo_store),
        apprentice_name="AZZOUG Mina",
        class_name="1MELEC",
        diploma_name="Bac Pro MELEC",
        company_name="Électricité Générale Dupont",
        tutor_name="LEFEBVRE Thomas",
        referent_name="DURAND Sophie",
        centre_name="CFA CPRO Démo — Lycée professionnel Jean Jaurès",
    )
    with pytest.raises(PermissionDenied):
        review_context.review_header(demo_store, actor(demo_store, "tuteur2"), header.apprentice_id)


def test_judgement_context_for_the_tutor(demo_store: Store) -> None:
    """The tutor sees Mina's 13 competences, her latest sheets first (with the competences
    linked to them), her two period reviews and only the company ratings by default."""
    mina = mina_id(demo_store)
    context = review_context.judgement_context(demo_store, actor(demo_store, "tuteur"), mina)
    assert [c.code for c in context.competences] == [f"C{i}" for i in range(1, 14)]
    assert [(s.iso_year, s.iso_week) for s in context.sheets[:3]] == [
        (2023, 29), (2023, 28), (2023, 27)
    ]  # fmt: skip
    assert context.sheets[0].label == "Fiche activité : semaine 29 [2023]"
    assert context.sheets[0].updated_on == date(2023, 7, 4)
    assert [r.period_name for r in context.period_reviews] == ["Test VP 22/09", "PFMP1 - 1er BCP"]
    assert context.period_reviews[0].author_name == "LEFEBVRE Thomas"
    assert context.period_reviews[0].appreciation.startswith("Bonne progression")
    assert {r.origin for r in context.ratings} == {Origin.COMPANY}
    c4 = next(c for c in context.competences if c.code == "C4")
    assert [(r.rated_on, r.criterion_code, r.result) for r in context.ratings_of(c4.id)] == [
        (date(2022, 3, 10), "C4.1", RatingResult.SUCCESS_AUTONOMOUS),
        (date(2022, 9, 16), "C4.1", RatingResult.SUCCESS_ASSISTED),
        (date(2022, 10, 14), "C4.1", RatingResult.SUCCESS_AUTONOMOUS),
    ]
    assert [s.title for s in context.sheets_of(c4.id)] == [
        "Raccordement d'un tableau divisionnaire",
        "Pose des goulottes et tirage des câbles",
    ]


def test_judgement_context_for_the_trainer_holds_both_origins(demo_store: Store) -> None:
    """Asked for both origins, the ratings include the centre's, in date order."""
    context = review_context.judgement_context(
        demo_store, actor(demo_store, "formateur"), mina_id(demo_store), tuple(Origin)
    )
    assert {r.origin for r in context.ratings} == {Origin.CENTRE, Origin.COMPANY}
    assert [r.rated_on for r in context.ratings] == sorted(r.rated_on for r in context.ratings)
    assert any(r.kind == GridKind.CERTIFYING for r in context.ratings)


@pytest.mark.parametrize("login", ["parent", "tuteur2", "formateur2", "admin"])
def test_judgement_context_is_for_the_apprentices_writers(demo_store: Store, login) -> None:
    """The guardian and unrelated accounts cannot read the apprentice's work through it."""
    with pytest.raises(PermissionDenied):
        review_context.judgement_context(demo_store, actor(demo_store, login), mina_id(demo_store))


def test_reads_are_bounded(demo_store: Store, count_statements) -> None:
    """The header and the context each run a fixed number of statements, whatever the
    number of sheets, periods or grids (Mina, with her history, versus an apprentice with
    nothing yet)."""
    tutor = actor(demo_store, "tuteur")
    with demo_store.read() as session:
        lucas = session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "BERNARD"))
    counts = []
    for apprentice in (mina_id(demo_store), lucas):
        with count_statements(demo_store) as header_counter:
            review_context.review_header(demo_store, tutor, apprentice)
        with count_statements(demo_store) as context_counter:
            review_context.judgement_context(demo_store, tutor, apprentice)
        counts.append(tuple(queries(c) for c in (header_counter, context_counter)))
    assert counts[0] == (2, 2)  # authorize() is one statement, the data another
    assert counts[1] <= counts[0]


def queries(counter) -> int:
    """Statements other than the transaction's BEGIN."""
    return sum(1 for s in counter.statements if not s.strip().upper().startswith("BEGIN"))
