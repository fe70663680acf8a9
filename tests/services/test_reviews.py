"""Competence reviews: drafts, CONFIRMATION, mandatory Constats and Conseils, visibility,
the archive's comparison table, notifications."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.enums import CompetenceLevel, Origin, ReviewStatus
from cpro_desktop.services import reviews
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import ConflictError, PermissionDenied, Store, ValidationError
from tests.demo.test_world import SEED_TABLE


def actor(store: Store, login: str):
    return authenticate(store, login, "cpro-demo")


def apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == last_name))


def filled_draft(store: Store, tutor, mina: int) -> reviews.ReviewSnapshot:
    draft = reviews.start_review(store, tutor, mina, Origin.COMPANY)
    return reviews.save_draft(
        store,
        tutor,
        draft.id,
        draft.version,
        findings="Mina travaille en sécurité.",
        advice="Préparer les interventions seule.",
        levels={draft.lines[7].competence_id: CompetenceLevel.PARTIALLY_ACQUIRED},
    )


def test_comparison_table_equals_the_seed(demo_store: Store) -> None:
    """For AZZOUG Mina the comparison table is the seed's last table, cell for cell."""
    table = reviews.comparison_table(demo_store, actor(demo_store, "tuteur"), 1)
    assert table.dates == ("01/02/2022", "04/07/2022", "25/01/2023")
    rendered = "\n".join("\t".join([title, *levels]) for title, levels in table.rows)
    assert rendered == SEED_TABLE
    assert table.marks == ("", "13.5/20", "12/20")


@pytest.mark.parametrize("typed", ["confirmation", " CONFIRMATION", "", None, "CONFIRMATION "])
def test_anything_but_confirmation_leaves_a_draft(demo_store: Store, typed) -> None:
    """Lower case, spaces, nothing or a cancelled dialog (None) leave the review a draft."""
    tutor = actor(demo_store, "tuteur")
    draft = filled_draft(demo_store, tutor, apprentice_id(demo_store, "AZZOUG"))
    with pytest.raises(ValidationError, match="CONFIRMATION"):
        reviews.validate_review(demo_store, tutor, draft.id, draft.version, typed)
    assert reviews.get_review(demo_store, tutor, draft.id).status == ReviewStatus.DRAFT


def test_exactly_confirmation_validates_and_records_who_and_when(demo_store: Store) -> None:
    """CONFIRMATION validates; the review records the validator and the instant."""
    tutor = actor(demo_store, "tuteur")
    draft = filled_draft(demo_store, tutor, apprentice_id(demo_store, "AZZOUG"))
    done = reviews.validate_review(demo_store, tutor, draft.id, draft.version, "CONFIRMATION")
    assert done.status == ReviewStatus.VALIDATED
    assert done.validated_at is not None and done.validated_by_name == "LEFEBVRE Thomas"
    with pytest.raises(ConflictError, match="validé"):
        reviews.save_draft(
            demo_store, tutor, done.id, done.version, findings="x", advice="y", levels={}
        )


@pytest.mark.parametrize(
    ("findings", "advice", "named"),
    [("", "Conseils donnés", "Constats"), ("Constats faits", " ", "Conseils")],
)
def test_missing_field_is_named(demo_store: Store, findings, advice, named) -> None:
    """A review without Constats or Conseils cannot be validated; the message names it."""
    tutor = actor(demo_store, "tuteur")
    draft = reviews.start_review(
        demo_store, tutor, apprentice_id(demo_store, "AZZOUG"), Origin.COMPANY
    )
    draft = reviews.save_draft(
        demo_store, tutor, draft.id, draft.version, findings=findings, advice=advice, levels={}
    )
    assert reviews.validation_problems(findings, advice) == [
        f"Le champ « {named} » est obligatoire."
    ]
    with pytest.raises(ValidationError, match=named):
        reviews.validate_review(demo_store, tutor, draft.id, draft.version, "CONFIRMATION")


def test_draft_saves_and_resumes(demo_store: Store) -> None:
    """A draft keeps its text and levels; starting again resumes the same draft."""
    tutor = actor(demo_store, "tuteur")
    mina = apprentice_id(demo_store, "AZZOUG")
    saved = filled_draft(demo_store, tutor, mina)
    resumed = reviews.start_review(demo_store, tutor, mina, Origin.COMPANY)
    assert resumed.id == saved.id and resumed.findings == "Mina travaille en sécurité."
    assert resumed.lines[7].level == CompetenceLevel.PARTIALLY_ACQUIRED
    assert all(line.level == CompetenceLevel.NOT_ASSESSED for line in resumed.lines[:7])


def test_stale_draft_save_is_a_conflict(demo_store: Store) -> None:
    """Saving from an old version of the draft is refused, nothing is overwritten."""
    tutor = actor(demo_store, "tuteur")
    draft = filled_draft(demo_store, tutor, apprentice_id(demo_store, "AZZOUG"))
    with pytest.raises(ConflictError):
        reviews.save_draft(
            demo_store, tutor, draft.id, draft.version - 1, findings="x", advice="", levels={}
        )
    assert reviews.get_review(demo_store, tutor, draft.id).findings == "Mina travaille en sécurité."


def test_marks_out_of_twenty_with_half_points(demo_store: Store) -> None:
    """A centre review takes 13,5; 21, 12.25 and letters are refused; company reviews no mark."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice_id(demo_store, "AZZOUG")
    draft = reviews.start_review(demo_store, trainer, mina, Origin.CENTRE)
    for bad in ("21", "12.25", "douze"):
        with pytest.raises(ValidationError) as error:
            reviews.save_draft(demo_store, trainer, draft.id, draft.version, findings="", advice="",
                               levels={}, proposed_mark=bad)  # fmt: skip
        assert error.value.field == "proposed_mark"
    saved = reviews.save_draft(demo_store, trainer, draft.id, draft.version, findings="", advice="",
                               levels={}, proposed_mark="13,5")  # fmt: skip
    assert saved.proposed_mark == Decimal("13.5")
    tutor = actor(demo_store, "tuteur")
    company = reviews.start_review(demo_store, tutor, mina, Origin.COMPANY)
    with pytest.raises(ValidationError, match="centre"):
        reviews.save_draft(demo_store, tutor, company.id, company.version, findings="", advice="",
                           levels={}, proposed_mark="12")  # fmt: skip


def test_visibility_of_drafts_and_validated_reviews(demo_store: Store) -> None:
    """Drafts show to their author only; validated reviews to the apprentice, his tutor, his
    trainers and guardian; nobody else reads them."""
    mina = apprentice_id(demo_store, "AZZOUG")
    tutor = actor(demo_store, "tuteur")
    draft = filled_draft(demo_store, tutor, mina)
    for login in ("apprenti", "formateur", "parent"):
        seen = reviews.list_reviews(demo_store, actor(demo_store, login), mina)
        assert draft.id not in [r.id for r in seen] and len(seen) == 3
        with pytest.raises(PermissionDenied, match="brouillon"):
            reviews.get_review(demo_store, actor(demo_store, login), draft.id)
    assert draft.id in [r.id for r in reviews.list_reviews(demo_store, tutor, mina)]
    for login in ("tuteur2", "formateur2", "admin"):
        with pytest.raises(PermissionDenied):
            reviews.list_reviews(demo_store, actor(demo_store, login), mina)
    with pytest.raises(PermissionDenied):
        reviews.start_review(demo_store, actor(demo_store, "tuteur2"), mina, Origin.COMPANY)
    with pytest.raises(PermissionDenied):
        reviews.start_review(demo_store, actor(demo_store, "formateur"), mina, Origin.COMPANY)


def test_new_validated_company_review_is_unread_until_opened(demo_store: Store) -> None:
    """The apprentice and his trainer see a new validated company review as unread until
    they open it; opening it for one leaves it unread for the other."""
    mina = apprentice_id(demo_store, "AZZOUG")
    tutor = actor(demo_store, "tuteur")
    draft = filled_draft(demo_store, tutor, mina)
    reviews.validate_review(demo_store, tutor, draft.id, draft.version, "CONFIRMATION")
    apprentice, trainer = actor(demo_store, "apprenti"), actor(demo_store, "formateur")
    assert reviews.unread_review_ids(demo_store, apprentice) == [draft.id]
    assert reviews.unread_review_ids(demo_store, trainer) == [draft.id]
    assert reviews.unread_review_ids(demo_store, tutor) == []
    reviews.get_review(demo_store, apprentice, draft.id)
    assert reviews.unread_review_ids(demo_store, apprentice) == []
    assert reviews.unread_review_ids(demo_store, trainer) == [draft.id]


def validated(store: Store, tutor, apprentice: int) -> int:
    """A company review of `apprentice` written and validated by `tutor`."""
    draft = filled_draft(store, tutor, apprentice)
    return reviews.validate_review(store, tutor, draft.id, draft.version, "CONFIRMATION").id


def test_unread_review_count_covers_every_apprentice_of_the_reader(demo_store: Store) -> None:
    """The module entry's counter: each reader counts the validated company reviews of all
    the apprentices he may read and has not opened — never his own, never another class's —
    and opening one lowers his count only."""
    mina = apprentice_id(demo_store, "AZZOUG")
    logins = ("apprenti", "apprenti.bts", "tuteur", "tuteur2", "formateur", "formateur2", "parent")
    readers = {login: actor(demo_store, login) for login in logins}
    before = {login: reviews.unread_review_count(demo_store, a) for login, a in readers.items()}
    assert set(before.values()) == {0}, "the demo's validated company reviews are all read"
    first = validated(demo_store, readers["tuteur"], mina)
    second = validated(demo_store, readers["tuteur"], mina)
    counts = {login: reviews.unread_review_count(demo_store, a) for login, a in readers.items()}
    assert counts == {
        "apprenti": 2, "apprenti.bts": 0, "tuteur": 0, "tuteur2": 0,
        "formateur": 2, "formateur2": 0, "parent": 2,
    }  # fmt: skip
    for login, reader in readers.items():
        assert counts[login] == len(reviews.unread_review_ids(demo_store, reader))
    reviews.get_review(demo_store, readers["formateur"], first)
    assert reviews.unread_review_count(demo_store, readers["formateur"]) == 1
    assert reviews.unread_review_count(demo_store, readers["apprenti"]) == 2
    reviews.get_review(demo_store, readers["apprenti"], second, mark_read=False)
    assert reviews.unread_review_count(demo_store, readers["apprenti"]) == 2


def test_unread_review_count_statements_do_not_grow(demo_store: Store, count_statements) -> None:
    """Counting one unread review or five takes the same statements (the actor, the count)."""
    mina = apprentice_id(demo_store, "AZZOUG")
    tutor, trainer = actor(demo_store, "tuteur"), actor(demo_store, "formateur")
    statements = []
    for total in (1, 5):
        while reviews.unread_review_count(demo_store, trainer) < total:
            validated(demo_store, tutor, mina)
        with count_statements(demo_store) as counter:
            assert reviews.unread_review_count(demo_store, trainer) == total
        statements.append(counter.count)
    assert statements[0] == statements[1] <= 4


def test_starting_the_same_draft_at_once_gives_one_draft(demo_store: Store) -> None:
    """Six windows of the tutor start Mina's company review at the same moment: they all
    get the same draft, and the store holds one (no duplicate to tell apart later)."""
    import threading

    from sqlalchemy import delete, func

    tutor = actor(demo_store, "tuteur")
    mina = apprentice_id(demo_store, "AZZOUG")
    mine = (
        (m.CompetenceReview.apprentice_id == mina)
        & (m.CompetenceReview.author_id == tutor.account_id)
        & (m.CompetenceReview.status == ReviewStatus.DRAFT)
    )
    with demo_store.write() as session:  # no draft yet: each call must decide to create it
        session.execute(delete(m.CompetenceReview).where(mine))
    start = threading.Barrier(6)
    found: list[object] = [None] * 6

    def run(index: int) -> None:
        start.wait()
        try:
            found[index] = reviews.start_review(demo_store, tutor, mina, Origin.COMPANY).id
        except Exception as exc:
            found[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1 and isinstance(found[0], int), found
    with demo_store.read() as session:
        assert session.scalar(select(func.count()).select_from(m.CompetenceReview).where(mine)) == 1


def test_constats_and_conseils_are_bounded(demo_store: Store) -> None:
    """20,000 characters each at most: a 1 MB Constats is refused in French, the draft as it
    was stays, and a long but reasonable text is saved."""
    tutor = actor(demo_store, "tuteur")
    mina = apprentice_id(demo_store, "AZZOUG")
    draft = reviews.start_review(demo_store, tutor, mina, Origin.COMPANY)
    with pytest.raises(ValidationError, match=r"« Constats » dépasse 20 000 caractères"):
        reviews.save_draft(demo_store, tutor, draft.id, draft.version, findings="x" * 1_000_000,
                           advice="", levels={})  # fmt: skip
    kept = reviews.start_review(demo_store, tutor, mina, Origin.COMPANY)
    assert (kept.findings, kept.version) == (draft.findings, draft.version)
    long_text = "Constat. " * 2000
    saved = reviews.save_draft(
        demo_store, tutor, draft.id, draft.version, findings=long_text, advice="", levels={}
    )
    assert len(saved.findings) == 18_000
