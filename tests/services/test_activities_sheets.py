"""One activity sheet: what opening it shows, the apprentice's writing with optimistic
locking, the tutor's links and comments, and who may do what — on every backend."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.enums import Autonomy, Origin
from cpro_desktop.services import activities as act
from cpro_desktop.services.activities import PeriodDraft, SheetConflict, SheetLinks, SheetTexts
from cpro_desktop.store import ConflictError, PermissionDenied, Store, ValidationError
from tests.services.activities_helpers import ClassWorld, build_class, demo_actor, portfolio_id


def _sheets(store: Store, world: ClassWorld, pupil_index: int = 0, weeks: int = 2):
    pupil = world.apprentices[pupil_index]
    period = act.create_period(
        store, world.trainer, world.class_id,
        PeriodDraft(f"PFMP{pupil_index}", date(2023, 3, 6),
                    date.fromordinal(date(2023, 3, 6).toordinal() + 7 * weeks - 1)),
    ).period  # fmt: skip
    return act.portfolio_sheets(store, pupil.actor, portfolio_id(store, pupil.id, period.id)).sheets


def test_open_sheet_shows_the_four_pages_and_comments(demo_store: Store) -> None:
    """Mina's week 28 sheet opens with its context, texts, links, attachments and comments."""
    tutor = demo_actor(demo_store, "tuteur")
    with demo_store.read() as s:
        sheet_id = s.scalar(
            select(m.ActivitySheet.id).where(
                m.ActivitySheet.title == "Remplacement d'un interrupteur différentiel"
            )
        )
    sheet = act.open_sheet(demo_store, tutor, sheet_id)
    assert sheet.label == (
        "Fiche activité : semaine 28 [2023] [dernière modification le : 04/07/2023]"
    )
    assert sheet.company is not None and sheet.company.name == "Électricité Générale Dupont"
    assert sheet.texts.autonomy == Autonomy.AUTONOMOUS
    assert sheet.texts.autonomy_label == "En autonomie"
    assert sheet.activity_area_label == "MAINTENANCE"
    assert sheet.texts.reflective_analysis.startswith("La consignation doit être faite")
    tasks = {t.id: t.code for a in sheet.framework for t in a.tasks}
    competences = {c.id: c.code for c in sheet.competences}
    assert {tasks[i] for i in sheet.links.task_ids} == {"T3.2"}
    assert {competences[i] for i in sheet.links.competence_ids} == {"C9", "C11"}
    assert sheet.attachment_count == 2
    assert [a.name for a in sheet.attachments] == [
        "schéma_tableau.pdf", "Fiche technique de l'interrupteur différentiel",
    ]  # fmt: skip
    assert [(c.author_name, c.body, c.is_mine) for c in sheet.comments] == [
        ("LEFEBVRE Thomas", "Consignation parfaite, bravo Mina.", True)
    ]
    assert (sheet.can_write, sheet.can_annotate) == (False, True)


def test_apprentice_saves_texts_and_ticked_tasks(store: Store) -> None:
    """The apprentice's save stores his texts and tasks, logs the tasks for the week, and
    bumps the version and the change date."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    first, _ = _sheets(store, world)
    opened = act.open_sheet(store, pupil.actor, first.id)
    assert opened.can_write and not opened.can_annotate
    texts = SheetTexts(
        title="  Pose   d'un tableau ",
        autonomy=Autonomy.ACCOMPANIED,
        activity_area_id=world.area_ids[0],
        context="Chantier rue Voltaire.",
        description="J'ai posé le tableau.",
        reflective_analysis="Vérifier le niveau.",
    )
    saved = act.save_sheet(
        store, pupil.actor, first.id, texts, version=opened.version,
        task_ids={world.task_ids[0], world.task_ids[1]}, task_ids_read=opened.links.task_ids,
    )  # fmt: skip
    assert saved.texts.title == "Pose d'un tableau"
    assert saved.texts.description == "J'ai posé le tableau."
    assert saved.activity_area_label == "DOMAINE 1"
    assert saved.links.task_ids == {world.task_ids[0], world.task_ids[1]}
    assert saved.version == opened.version + 1
    assert saved.last_change > opened.last_change
    with store.read() as s:
        logged = s.execute(
            select(m.TaskLog.task_id, m.TaskLog.iso_year, m.TaskLog.iso_week, m.TaskLog.origin)
            .where(m.TaskLog.apprentice_id == pupil.id)
        ).all()  # fmt: skip
    assert sorted(logged) == [
        (world.task_ids[0], 2023, 10, Origin.COMPANY),
        (world.task_ids[1], 2023, 10, Origin.COMPANY),
    ]
    unchanged = act.save_sheet(store, pupil.actor, first.id, saved.texts, version=saved.version)
    assert unchanged.version == saved.version, "saving nothing new writes nothing"


def test_stale_sheet_save_is_a_conflict_with_both_texts(store: Store) -> None:
    """Two windows on one sheet: the second save gets SheetConflict with the stored text and
    its own; keeping its own after seeing theirs works; nothing is lost silently."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    first, _ = _sheets(store, world)
    window_a = act.open_sheet(store, pupil.actor, first.id)
    window_b = act.open_sheet(store, pupil.actor, first.id)
    act.save_sheet(store, pupil.actor, first.id, SheetTexts(description="Version A"),
                   version=window_a.version)  # fmt: skip
    mine = SheetTexts(description="Version B")
    with pytest.raises(SheetConflict) as conflict:
        act.save_sheet(store, pupil.actor, first.id, mine, version=window_b.version)
    assert isinstance(conflict.value, ConflictError)
    assert conflict.value.theirs.texts.description == "Version A"
    assert conflict.value.mine == mine
    assert "Comparez les deux versions" in str(conflict.value)
    assert act.open_sheet(store, pupil.actor, first.id).texts.description == "Version A"

    kept = act.save_sheet(
        store, pupil.actor, first.id, SheetTexts(description="Version B (après lecture de A)"),
        version=window_b.version, force_over_version=conflict.value.theirs.version,
    )  # fmt: skip
    assert kept.texts.description == "Version B (après lecture de A)"
    with pytest.raises(SheetConflict):
        act.save_sheet(store, pupil.actor, first.id, mine, version=window_b.version,
                       force_over_version=conflict.value.theirs.version)  # fmt: skip


def test_tutor_links_competences_and_adjusts_tasks_by_difference(store: Store) -> None:
    """The tutor's link save changes only what he changed: the apprentice's concurrent ticks
    stay; the read state and the apprentice's version are untouched."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    first, _ = _sheets(store, world)
    mine = act.open_sheet(store, pupil.actor, first.id)
    tutor_view = act.open_sheet(store, world.tutor, first.id)
    act.save_sheet(store, pupil.actor, first.id, SheetTexts(title="T"), version=mine.version,
                   task_ids={world.task_ids[0]}, task_ids_read=mine.links.task_ids)  # fmt: skip
    criterion = world.criterion_ids[world.competence_ids[1]][0]
    linked = act.link_sheet(
        store, world.tutor, first.id,
        SheetLinks(task_ids=frozenset({world.task_ids[2]}),
                   competence_ids=frozenset({world.competence_ids[0]}),
                   criterion_ids=frozenset({criterion})),
        links_read=tutor_view.links,
    )  # fmt: skip
    assert linked.links.task_ids == {world.task_ids[0], world.task_ids[2]}
    assert linked.links.competence_ids == {world.competence_ids[0]}
    assert linked.links.criterion_ids == {criterion}
    assert linked.texts.title == "T"
    again = act.open_sheet(store, pupil.actor, first.id)
    assert again.version == mine.version + 1, "links do not bump the apprentice's version"
    unlinked = act.link_sheet(store, world.trainer, first.id,
                              SheetLinks(task_ids=frozenset({world.task_ids[0]})),
                              links_read=linked.links)  # fmt: skip
    assert unlinked.links == SheetLinks(task_ids=frozenset({world.task_ids[0]}))


def test_links_outside_the_framework_are_refused(store: Store) -> None:
    """A competence of another diploma's framework cannot be linked."""
    world = build_class(store, 1)
    other = build_class(store, 1)
    first, _ = _sheets(store, world)
    with pytest.raises(ValidationError):
        act.link_sheet(store, world.tutor, first.id,
                       SheetLinks(competence_ids=frozenset({other.competence_ids[0]})),
                       links_read=SheetLinks())  # fmt: skip


def test_comments_are_written_by_tutor_and_trainer_and_changed_by_their_author(
    store: Store,
) -> None:
    """Tutor and trainer comment; each edits and deletes only his own; the apprentice reads."""
    world = build_class(store, 1)
    pupil = world.apprentices[0]
    first, _ = _sheets(store, world)
    by_tutor = act.add_comment(store, world.tutor, first.id, "  Bonne fiche.  ")
    by_trainer = act.add_comment(store, world.trainer, first.id, "Détaille l'analyse.")
    assert by_tutor.body == "Bonne fiche." and by_tutor.is_mine
    with pytest.raises(PermissionDenied):
        act.add_comment(store, pupil.actor, first.id, "Merci")
    with pytest.raises(PermissionDenied):
        act.edit_comment(store, world.trainer, by_tutor.id, "Non.", version=by_tutor.version)
    with pytest.raises(ValidationError):
        act.add_comment(store, world.tutor, first.id, "   ")
    edited = act.edit_comment(store, world.tutor, by_tutor.id, "Très bonne fiche.",
                              version=by_tutor.version)  # fmt: skip
    with pytest.raises(ConflictError):
        act.edit_comment(store, world.tutor, by_tutor.id, "Autre.", version=by_tutor.version)
    act.delete_comment(store, world.trainer, by_trainer.id, version=by_trainer.version)
    seen = act.open_sheet(store, pupil.actor, first.id).comments
    assert [(c.body, c.is_mine) for c in seen] == [("Très bonne fiche.", False)]
    assert edited.version == by_tutor.version + 1


def test_only_the_apprentice_writes_his_sheet(store: Store) -> None:
    """Another apprentice, the tutor, the trainer and the guardian cannot save the texts; a
    tutor of another apprentice cannot even read; a guardian cannot read sheets."""
    world = build_class(store, 2)
    first, _ = _sheets(store, world)
    snapshot = act.open_sheet(store, world.trainer, first.id)
    intruder = world.apprentices[1].actor
    for actor in (intruder, world.tutor, world.trainer, world.guardian, world.admin):
        with pytest.raises(PermissionDenied):
            act.save_sheet(store, actor, first.id, SheetTexts(title="X"),
                           version=snapshot.version)  # fmt: skip
    for actor in (world.other_tutor, world.guardian, intruder, world.admin):
        with pytest.raises(PermissionDenied):
            act.open_sheet(store, actor, first.id)
    with pytest.raises(PermissionDenied):
        act.link_sheet(store, world.other_tutor, first.id, SheetLinks(), links_read=SheetLinks())
    with pytest.raises(PermissionDenied):
        act.link_sheet(store, world.apprentices[0].actor, first.id, SheetLinks(),
                       links_read=SheetLinks())  # fmt: skip
    with pytest.raises(PermissionDenied):
        act.apprentice_portfolios(store, world.guardian, world.apprentices[0].id)


def test_sheet_texts_are_validated(store: Store) -> None:
    """A title over 300 characters or an activity type of another framework is refused."""
    world = build_class(store, 1)
    other = build_class(store, 1)
    pupil = world.apprentices[0]
    first, _ = _sheets(store, world)
    snapshot = act.open_sheet(store, pupil.actor, first.id)
    with pytest.raises(ValidationError) as too_long:
        act.save_sheet(store, pupil.actor, first.id, SheetTexts(title="x" * 301),
                       version=snapshot.version)  # fmt: skip
    assert too_long.value.field == "title"
    with pytest.raises(ValidationError):
        act.save_sheet(store, pupil.actor, first.id,
                       SheetTexts(activity_area_id=other.area_ids[0]),
                       version=snapshot.version)  # fmt: skip
