"""One activity sheet: open it (and mark it read), the apprentice's writing, the tutor's and
trainer's links and comments.

Who writes what (the permission policy decides, these functions ask it first):

- the apprentice (`Action.WRITE_OWN_WORK`) saves his texts and the tasks he ticks with
  `save_sheet()`; that bumps `apprentice_changed_at`, so the sheet turns green (unread)
  again for every reader;
- the tutor and the trainer (`Action.ANNOTATE_WORK`) adjust the tasks and link competences
  and criteria with `link_sheet()` (the read state does not change), and comment.

Texts are guarded by the sheet's `version`: a save based on an older version raises
`SheetConflict` carrying both texts. Sets (tasks, competences, criteria) are saved as the
difference between what the user read and what he chose, so two people changing different
ticks never undo each other's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Integer, bindparam, case, delete, func, insert, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.models.enums import Autonomy, Origin
from cpro_desktop.services.access import authorize_portfolio
from cpro_desktop.services.permissions import Action, Actor, ApprenticeScope
from cpro_desktop.services.texts import check_text
from cpro_desktop.store import Store
from cpro_desktop.store.errors import (
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationError,
)

from .queries import (
    area_order,
    areas_from,
    areas_select,
    attachment_entry,
    attachment_order,
    attachments_select,
    comment_entry,
    comment_order,
    comments_select,
    competence_order,
    competences_from,
    competences_select,
    display_name,
    framework_ids,
    last_change,
    links_of,
    permissions,
    sheet_unread_by,
    store_now,
)
from .snapshots import CommentEntry, CompanyInfo, SheetLinks, SheetSnapshot, SheetTexts
from .union import TaggedUnion

#: The sheet's texts as the form names them.
SHEET_LABELS = {
    "title": "Titre",
    "context": "Contexte",
    "description": "Description de l'activité",
    "reflective_analysis": "Analyse réflexive",
}


class SheetConflict(ConflictError):
    """Someone saved the sheet since the user read it: nothing of his was written.

    `theirs` is the sheet as stored now, `mine` the texts the user tried to save. The view
    shows both; to keep his text after seeing theirs, the user saves again with
    `force_over_version=theirs.version`.
    """

    def __init__(self, theirs: SheetSnapshot, mine: SheetTexts) -> None:
        super().__init__(
            "Cette fiche a été enregistrée ailleurs pendant que vous la modifiiez (dernière "
            "modification le "
            f"{theirs.last_change.astimezone():%d/%m/%Y à %H:%M}). Comparez les deux "
            "versions : vous pouvez garder la vôtre ou reprendre l'autre."
        )
        self.theirs = theirs
        self.mine = mine


@dataclass(frozen=True)
class _SheetContext:
    sheet: m.ActivitySheet
    apprentice_id: int
    apprentice_name: str
    class_name: str
    period_id: int
    period_name: str
    framework_id: int | None
    company: m.Company | None


def _context(session: Session, sheet_id: int, *, lock: bool = False) -> _SheetContext:
    if lock:
        # Lock the row first (PostgreSQL; SQLite writers are already serialised) so that the
        # version check and the write see the same row.
        session.execute(
            select(m.ActivitySheet.id).where(m.ActivitySheet.id == sheet_id).with_for_update()
        )
    row = session.execute(
        select(
            m.ActivitySheet,
            m.Portfolio.apprentice_id,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            m.SchoolClass.name.label("class_name"),
            m.Period.id.label("period_id"),
            m.Period.name.label("period_name"),
            m.Framework.id.label("framework_id"),
            m.Company,
        )
        .join(m.Portfolio, m.Portfolio.id == m.ActivitySheet.portfolio_id)
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .join(m.Period, m.Period.id == m.Portfolio.period_id)
        .join(m.SchoolClass, m.SchoolClass.id == m.Period.school_class_id)
        .outerjoin(m.Framework, m.Framework.diploma_id == m.SchoolClass.diploma_id)
        .outerjoin(m.Company, m.Company.id == m.Portfolio.company_id)
        .where(m.ActivitySheet.id == sheet_id)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if row is None:
        raise NotFound("Cette fiche activité n'existe pas (ou plus).")
    return _SheetContext(
        sheet=row.ActivitySheet,
        apprentice_id=row.apprentice_id,
        apprentice_name=display_name(row.last_name, row.first_name),
        class_name=row.class_name,
        period_id=row.period_id,
        period_name=row.period_name,
        framework_id=row.framework_id,
        company=row.Company,
    )


def _snapshot(
    session: Session, actor: Actor, scope: ApprenticeScope, ctx: _SheetContext
) -> SheetSnapshot:
    """The sheet as stored now, in the caller's session (after its changes: one statement)."""
    session.flush()
    return _built(_read(session, ctx.sheet.id, actor.account_id), actor, scope)


@cache
def _sheet_union() -> TaggedUnion:
    """Everything the sheet's four pages and its comments show, as one statement: the sheet
    with its apprentice, period, class and company (and whether the reader has read it
    since the apprentice's last change), its links, comments and attachments, and the
    framework's areas with their tasks and competences with their criteria."""
    sheet_id = bindparam("sheet_id", type_=Integer)
    reader_id = bindparam("reader_id", type_=Integer)
    s = m.ActivitySheet
    framework = (
        select(m.Framework.id)
        .join(m.SchoolClass, m.SchoolClass.diploma_id == m.Framework.diploma_id)
        .join(m.Period, m.Period.school_class_id == m.SchoolClass.id)
        .join(m.Portfolio, m.Portfolio.period_id == m.Period.id)
        .join(s, s.portfolio_id == m.Portfolio.id)
        .where(s.id == sheet_id)
        .scalar_subquery()
    )
    c = m.Company
    head = (
        select(
            s.id,
            s.portfolio_id,
            s.iso_year,
            s.iso_week,
            s.version,
            s.title,
            s.autonomy,
            s.activity_area_id,
            s.context,
            s.description,
            s.reflective_analysis,
            s.retired,
            s.created_at,
            s.apprentice_changed_at,
            case((sheet_unread_by(reader_id), True), else_=False).label("unread"),
            m.Portfolio.apprentice_id,
            m.Apprentice.last_name,
            m.Apprentice.first_name,
            m.SchoolClass.name.label("class_name"),
            m.Period.id.label("period_id"),
            m.Period.name.label("period_name"),
            c.id.label("company_id"),
            c.name.label("company_name"),
            c.address,
            c.postcode,
            c.city,
            c.phone,
            c.email,
            c.latitude,
            c.longitude,
        )
        .join(m.Portfolio, m.Portfolio.id == s.portfolio_id)
        .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
        .join(m.Period, m.Period.id == m.Portfolio.period_id)
        .join(m.SchoolClass, m.SchoolClass.id == m.Period.school_class_id)
        .outerjoin(c, c.id == m.Portfolio.company_id)
        .where(s.id == sheet_id)
    )
    t, k, p = m.sheet_tasks.c, m.sheet_competences.c, m.sheet_criteria.c
    return TaggedUnion(
        {
            "sheet": head,
            "tasks": select(t.task_id.label("id")).where(t.activity_sheet_id == sheet_id),
            "competences": select(k.competence_id.label("id")).where(
                k.activity_sheet_id == sheet_id
            ),
            "criteria": select(p.criterion_id.label("id")).where(p.activity_sheet_id == sheet_id),
            "comments": comments_select(m.Comment.activity_sheet_id == sheet_id),
            "attachments": attachments_select(m.Attachment.activity_sheet_id == sheet_id),
            "areas": areas_select(framework),
            "framework": competences_select(framework),
        },
        order={
            "comments": comment_order,
            "attachments": attachment_order,
            "areas": area_order,
            "framework": competence_order,
        },
    )


def _read(session: Session, sheet_id: int, reader_id: int) -> dict[str, list[Any]]:
    """The rows of `_sheet_union()` for one sheet and reader; `NotFound` if it is gone."""
    union = _sheet_union()
    rows = union.split(
        session.execute(union.statement, {"sheet_id": sheet_id, "reader_id": reader_id})
    )
    if not rows["sheet"]:
        raise NotFound("Cette fiche activité n'existe pas (ou plus).")
    return rows


def _built(
    rows: dict[str, list[Any]], actor: Actor, scope: ApprenticeScope, *, marked_read: bool = False
) -> SheetSnapshot:
    (head,) = rows["sheet"]
    areas = areas_from(rows["areas"])
    area_labels = {a.id: a.label for a in areas}
    write, annotate, _ = permissions(actor, scope)
    company = (
        CompanyInfo(
            head.company_id,
            head.company_name,
            head.address,
            head.postcode,
            head.city,
            head.phone,
            head.email,
            head.latitude,
            head.longitude,
        )
        if head.company_id is not None
        else None
    )
    return SheetSnapshot(
        id=head.id,
        portfolio_id=head.portfolio_id,
        apprentice_id=head.apprentice_id,
        apprentice_name=display_name(head.last_name, head.first_name),
        class_name=head.class_name,
        period_id=head.period_id,
        period_name=head.period_name,
        iso_year=head.iso_year,
        iso_week=head.iso_week,
        version=head.version,
        texts=SheetTexts(
            title=head.title,
            autonomy=head.autonomy,
            activity_area_id=head.activity_area_id,
            context=head.context,
            description=head.description,
            reflective_analysis=head.reflective_analysis,
        ),
        activity_area_label=area_labels.get(head.activity_area_id or 0, ""),
        links=SheetLinks(
            frozenset(r.id for r in rows["tasks"]),
            frozenset(r.id for r in rows["competences"]),
            frozenset(r.id for r in rows["criteria"]),
        ),
        retired=head.retired,
        created_at=head.created_at,
        last_change=last_change(head.created_at, head.apprentice_changed_at),
        company=company,
        comments=tuple(comment_entry(r, actor.account_id) for r in rows["comments"]),
        attachments=tuple(attachment_entry(r) for r in rows["attachments"]),
        framework=areas,
        competences=competences_from(rows["framework"]),
        can_write=write,
        can_annotate=annotate,
        marked_read=marked_read,
    )


def _texts(sheet: m.ActivitySheet) -> SheetTexts:
    return SheetTexts(
        title=sheet.title,
        autonomy=sheet.autonomy,
        activity_area_id=sheet.activity_area_id,
        context=sheet.context,
        description=sheet.description,
        reflective_analysis=sheet.reflective_analysis,
    )


def mark_read(session: Session, reader_id: int, sheet_id: int, seen: datetime) -> bool:
    """Upsert the reader's read mark of the sheet at the store's current instant, if the
    apprentice has not changed it since the version the reader saw (changed at `seen`):
    else it stays unread for him. One statement; whether it marked."""
    dialect = session.get_bind().dialect.name
    insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # The store's clock when it is shared (see `store_now`), read by the statement itself.
    now = (
        func.clock_timestamp()
        if dialect == "postgresql"
        else literal(utcnow(), m.ReadMark.read_at.type)
    )
    s = m.ActivitySheet
    statement = insert_(m.ReadMark.__table__).from_select(
        ["reader_id", "activity_sheet_id", "read_at"],
        select(literal(reader_id, Integer), s.id, now).where(
            s.id == sheet_id, s.apprentice_changed_at <= seen
        ),
    )
    result = session.execute(
        statement.on_conflict_do_update(
            index_elements=["reader_id", "activity_sheet_id"],
            set_={"read_at": statement.excluded.read_at},
        )
    )
    return bool(result.rowcount)


# -- reading --------------------------------------------------------------------------------


def open_sheet(store: Store, actor: Actor, sheet_id: int) -> SheetSnapshot:
    """The whole sheet (context, texts, links, comments, attachments without bytes), marked
    read for this reader only (the apprentice's own reading marks nothing).

    Two statements (the sheet and all it shows, then the permission check), and a third, a
    write, only when the sheet was unread for this reader (`SheetSnapshot.marked_read`).
    """
    with store.read() as session:
        rows = _read(session, sheet_id, actor.account_id)
        (head,) = rows["sheet"]
        scope = authorize_portfolio(session, actor, Action.READ_WORK, head.portfolio_id)
    marked = False
    if head.unread and scope.account_id != actor.account_id:
        with store.write() as session:
            marked = mark_read(session, actor.account_id, sheet_id, head.apprentice_changed_at)
    return _built(rows, actor, scope, marked_read=marked)


# -- the apprentice's writing -----------------------------------------------------------------


def save_sheet(
    store: Store,
    actor: Actor,
    sheet_id: int,
    texts: SheetTexts,
    *,
    version: int,
    task_ids: Iterable[int] | None = None,
    task_ids_read: Iterable[int] | None = None,
    force_over_version: int | None = None,
) -> SheetSnapshot:
    """The apprentice saves his texts (pages Contexte and Description) and, if `task_ids` is
    given, the tasks he ticks, as read at `version`.

    Tasks are saved as a difference: ticked = `task_ids - task_ids_read`, unticked =
    `task_ids_read - task_ids` (`task_ids_read` defaults to the stored ticks, i.e. replace).
    A newly ticked task is also recorded in the weekly task log (company, that week).
    A stale `version` raises `SheetConflict`, unless `force_over_version` equals the stored
    version (the user has seen that version and keeps his text). Any change bumps
    `apprentice_changed_at`, so the sheet is unread again for its readers.
    """
    with store.write() as session:
        ctx = _context(session, sheet_id, lock=True)
        scope = authorize_portfolio(session, actor, Action.WRITE_OWN_WORK, ctx.sheet.portfolio_id)
        sheet = ctx.sheet
        if sheet.version != version and force_over_version != sheet.version:
            raise SheetConflict(_snapshot(session, actor, scope, ctx), texts)
        texts = _validated_texts(session, ctx.framework_id, texts)
        # One UPDATE of the sheet (one version bump): no autoflush between the assignments.
        with session.no_autoflush:
            changed = texts != _texts(sheet)
            if task_ids is not None:
                stored = links_of(session, [sheet_id])[sheet_id].task_ids
                read = stored if task_ids_read is None else frozenset(task_ids_read)
                wanted = frozenset(task_ids)
                added, removed = (wanted - read) - stored, (read - wanted) & stored
                _check_ids(session, ctx.framework_id, tasks=added)
                if added or removed:
                    _apply(
                        session, m.sheet_tasks, m.sheet_tasks.c.task_id, sheet_id, added, removed
                    )
                    _log_tasks(session, ctx, added, actor.account_id)
                    changed = True
            if changed:
                for name, value in vars(texts).items():
                    setattr(sheet, name, value)
                sheet.apprentice_changed_at = store_now(session)
        if changed:
            session.flush()
        return _snapshot(session, actor, scope, ctx)


def _validated_texts(session: Session, framework_id: int | None, texts: SheetTexts) -> SheetTexts:
    title = check_text(m.ActivitySheet.title, " ".join(texts.title.split()), SHEET_LABELS["title"])
    for name in ("context", "description", "reflective_analysis"):
        check_text(getattr(m.ActivitySheet, name), getattr(texts, name), SHEET_LABELS[name])
    autonomy = Autonomy(texts.autonomy) if texts.autonomy is not None else None
    if texts.activity_area_id is not None:
        _check_ids(session, framework_id, areas={texts.activity_area_id})
    return SheetTexts(
        title=title,
        autonomy=autonomy,
        activity_area_id=texts.activity_area_id,
        context=texts.context,
        description=texts.description,
        reflective_analysis=texts.reflective_analysis,
    )


def _check_ids(session: Session, framework_id: int | None, **given: Iterable[int]) -> None:
    wanted = {kind: frozenset(ids) for kind, ids in given.items()}
    if not any(wanted.values()):
        return
    found = framework_ids(session, framework_id, **wanted)
    singular = {"tasks": "task", "competences": "competence", "criteria": "criterion",
                "areas": "area"}  # fmt: skip
    for kind, ids in wanted.items():
        if not ids <= found[singular[kind]]:
            raise ValidationError(
                kind, "Ce choix n'appartient pas au référentiel du diplôme de la classe."
            )


def _apply(session: Session, table, column, sheet_id: int, added, removed) -> None:
    if removed:
        session.execute(
            delete(table).where(table.c.activity_sheet_id == sheet_id, column.in_(removed))
        )
    if added:
        session.execute(
            insert(table), [{"activity_sheet_id": sheet_id, column.key: i} for i in sorted(added)]
        )


def _log_tasks(session: Session, ctx: _SheetContext, task_ids, recorded_by: int) -> None:
    """Record newly ticked tasks in the weekly task log (company, the sheet's week)."""
    if not task_ids or ctx.sheet.retired:
        return
    sheet = ctx.sheet
    logged = set(
        session.scalars(
            select(m.TaskLog.task_id).where(
                m.TaskLog.apprentice_id == ctx.apprentice_id,
                m.TaskLog.iso_year == sheet.iso_year,
                m.TaskLog.iso_week == sheet.iso_week,
                m.TaskLog.origin == Origin.COMPANY,
                m.TaskLog.task_id.in_(task_ids),
            )
        )
    )
    missing = sorted(set(task_ids) - logged)
    if missing:
        session.execute(
            insert(m.TaskLog),
            [
                {
                    "apprentice_id": ctx.apprentice_id,
                    "task_id": task_id,
                    "iso_year": sheet.iso_year,
                    "iso_week": sheet.iso_week,
                    "origin": Origin.COMPANY,
                    "recorded_by_id": recorded_by,
                }
                for task_id in missing
            ],
        )


# -- the tutor's and the trainer's part ------------------------------------------------------


def link_sheet(
    store: Store, actor: Actor, sheet_id: int, links: SheetLinks, *, links_read: SheetLinks
) -> SheetSnapshot:
    """The tutor or trainer adjusts the tasks and links competences and criteria (page
    "Liaison avec le référentiel"). Saved as the difference from `links_read` (what he
    read), so nobody's concurrent ticks are undone; the read state does not change."""
    with store.write() as session:
        ctx = _context(session, sheet_id, lock=True)
        scope = authorize_portfolio(session, actor, Action.ANNOTATE_WORK, ctx.sheet.portfolio_id)
        stored = links_of(session, [sheet_id])[sheet_id]
        changes = {}
        for kind, table, column in (
            ("tasks", m.sheet_tasks, m.sheet_tasks.c.task_id),
            ("competences", m.sheet_competences, m.sheet_competences.c.competence_id),
            ("criteria", m.sheet_criteria, m.sheet_criteria.c.criterion_id),
        ):
            attribute = {"tasks": "task_ids", "competences": "competence_ids",
                         "criteria": "criterion_ids"}[kind]  # fmt: skip
            wanted = frozenset(getattr(links, attribute))
            read = frozenset(getattr(links_read, attribute))
            now = getattr(stored, attribute)
            changes[kind] = (table, column, (wanted - read) - now, (read - wanted) & now)
        _check_ids(session, ctx.framework_id, **{k: v[2] for k, v in changes.items()})
        for table, column, added, removed in changes.values():
            _apply(session, table, column, sheet_id, added, removed)
        _log_tasks(session, ctx, changes["tasks"][2], actor.account_id)
        return _snapshot(session, actor, scope, ctx)


def add_comment(store: Store, actor: Actor, sheet_id: int, body: str) -> CommentEntry:
    """The tutor or trainer comments the sheet (for the apprentice and the trainer)."""
    body = _comment_body(body)
    with store.write() as session:
        ctx = _context(session, sheet_id)
        authorize_portfolio(session, actor, Action.ANNOTATE_WORK, ctx.sheet.portfolio_id)
        comment = m.Comment(activity_sheet_id=sheet_id, author_id=actor.account_id, body=body)
        session.add(comment)
        session.flush()
        return _comment_entry(session, comment.id, actor)


def edit_comment(
    store: Store, actor: Actor, comment_id: int, body: str, *, version: int
) -> CommentEntry:
    """Change one's own comment, as read at `version` (`ConflictError` if stale)."""
    body = _comment_body(body)
    with store.write() as session:
        comment = _own_comment(session, actor, comment_id, version)
        comment.body = body
        session.flush()
        return _comment_entry(session, comment.id, actor)


def delete_comment(store: Store, actor: Actor, comment_id: int, *, version: int) -> None:
    """Delete one's own comment, as read at `version` (`ConflictError` if stale)."""
    with store.write() as session:
        comment = _own_comment(session, actor, comment_id, version)
        session.delete(comment)


def _comment_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError("body", "Le commentaire est vide.")
    return check_text(m.Comment.body, body, "Commentaire")


def _own_comment(session: Session, actor: Actor, comment_id: int, version: int) -> m.Comment:
    row = session.execute(
        select(m.Comment, m.ActivitySheet.portfolio_id)
        .join(m.ActivitySheet, m.ActivitySheet.id == m.Comment.activity_sheet_id)
        .where(m.Comment.id == comment_id)
        .with_for_update(of=m.Comment)
    ).one_or_none()
    if row is None:
        raise NotFound("Ce commentaire n'existe pas (ou plus).")
    authorize_portfolio(session, actor, Action.ANNOTATE_WORK, row.portfolio_id)
    comment = row.Comment
    if comment.author_id != actor.account_id:
        raise PermissionDenied("Vous ne pouvez modifier ou supprimer que vos propres commentaires.")
    if comment.version != version:
        raise ConflictError(
            "Ce commentaire a été modifié entre-temps : rechargez la fiche pour voir sa "
            "dernière version."
        )
    return comment


def _comment_entry(session: Session, comment_id: int, actor: Actor) -> CommentEntry:
    author = aliased(m.Account)
    row = session.execute(
        select(m.Comment, author.last_name, author.first_name)
        .outerjoin(author, author.id == m.Comment.author_id)
        .where(m.Comment.id == comment_id)
    ).one()
    comment = row.Comment
    return CommentEntry(
        id=comment.id,
        author_id=comment.author_id,
        author_name=display_name(row.last_name, row.first_name),
        body=comment.body,
        created_at=comment.created_at,
        updated_at=comment.updated_at,
        version=comment.version,
        is_mine=comment.author_id == actor.account_id,
    )


__all__ = [
    "SheetConflict",
    "add_comment",
    "delete_comment",
    "edit_comment",
    "link_sheet",
    "mark_read",
    "open_sheet",
    "save_sheet",
]
