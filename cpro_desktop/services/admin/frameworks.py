"""Diplomas and their frameworks: units, competences and their criteria, activity areas
and their tasks, edited by hand, in order.

An item already used by ratings, reviews, sheets, task logs or period plans cannot be
deleted (it can be renamed)."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, literal, select, union, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from cpro_desktop import models as m
from cpro_desktop.services.admin.base import (
    _load_versioned,
    _replace_links,
    admin_read,
    admin_write,
    clean_text,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ConflictError, NotFound, ValidationError


@dataclass(frozen=True)
class DiplomaRow:
    """One diploma with its framework and how much uses it."""

    id: int
    code: str
    name: str
    level: str
    framework_id: int | None
    framework_name: str
    competence_count: int
    class_count: int
    version: int


@dataclass(frozen=True)
class DiplomaInput:
    code: str
    name: str
    level: str = ""
    #: The framework's name; the diploma's name when left empty.
    framework_name: str = ""


class ItemKind(enum.StrEnum):
    """The parts of a framework edited by hand."""

    UNIT = "unit"
    COMPETENCE = "competence"
    CRITERION = "criterion"
    AREA = "area"
    TASK = "task"


@dataclass(frozen=True)
class FrameworkItem:
    """A unit, competence, criterion, activity area or task of a framework."""

    kind: ItemKind
    id: int
    code: str
    label: str
    position: int
    version: int
    #: Criteria of a competence, tasks of an area.
    children: tuple[FrameworkItem, ...] = ()
    #: For a competence: the units it belongs to. For a unit: its competences.
    linked_ids: tuple[int, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.code} - {self.label}"


@dataclass(frozen=True)
class FrameworkTree:
    """A diploma and its whole framework, in order."""

    diploma: DiplomaRow
    units: tuple[FrameworkItem, ...]
    competences: tuple[FrameworkItem, ...]
    areas: tuple[FrameworkItem, ...]


@dataclass(frozen=True)
class ItemInput:
    code: str
    label: str
    #: For a competence: the units (of the same framework) it belongs to.
    unit_ids: tuple[int, ...] = ()


# -- diplomas ------------------------------------------------------------------------------


def diploma_rows(session: Session, diploma_id: int | None = None) -> list[DiplomaRow]:
    """Diplomas by name with their framework and counts (one query); the Moodle interop
    finds a diploma with it too."""
    competences = (
        select(func.count(m.Competence.id))
        .where(m.Competence.framework_id == m.Framework.id)
        .correlate(m.Framework)
        .scalar_subquery()
    )
    classes = (
        select(func.count(m.SchoolClass.id))
        .where(m.SchoolClass.diploma_id == m.Diploma.id)
        .correlate(m.Diploma)
        .scalar_subquery()
    )
    stmt = (
        select(
            m.Diploma.id,
            m.Diploma.code,
            m.Diploma.name,
            m.Diploma.level,
            m.Diploma.version,
            m.Framework.id.label("framework_id"),
            m.Framework.name.label("framework_name"),
            competences.label("competence_count"),
            classes.label("class_count"),
        )
        .outerjoin(m.Framework, m.Framework.diploma_id == m.Diploma.id)
        .order_by(func.lower(m.Diploma.name), m.Diploma.id)
    )
    if diploma_id is not None:
        stmt = stmt.where(m.Diploma.id == diploma_id)
    return [
        DiplomaRow(
            id=row.id,
            code=row.code,
            name=row.name,
            level=row.level,
            framework_id=row.framework_id,
            framework_name=row.framework_name or "",
            competence_count=row.competence_count or 0,
            class_count=row.class_count,
            version=row.version,
        )
        for row in session.execute(stmt)
    ]


def list_diplomas(store: Store, actor: Actor) -> tuple[DiplomaRow, ...]:
    """Diplomas by name, with their framework (one query)."""
    with admin_read(store, actor) as session:
        return tuple(diploma_rows(session))


def _clean_diploma(session: Session, data: DiplomaInput, diploma_id: int | None) -> dict:
    code = clean_text(data.code, "code", "Code", m.Diploma.code, required=True)
    taken = session.scalar(
        select(m.Diploma.name).where(m.Diploma.code == code, m.Diploma.id != (diploma_id or 0))
    )
    if taken is not None:
        raise ValidationError("code", f"Le diplôme « {taken} » a déjà le code « {code} ».")
    name = clean_text(data.name, "name", "Intitulé", m.Diploma.name, required=True)
    return {
        "code": code,
        "name": name,
        "level": clean_text(data.level, "level", "Niveau", m.Diploma.level),
        "framework_name": clean_text(
            data.framework_name, "framework_name", "Référentiel", m.Framework.name
        )
        or name,
    }


def create_diploma(store: Store, actor: Actor, data: DiplomaInput) -> DiplomaRow:
    """Create a diploma with its (empty) framework."""
    with admin_write(store, actor) as session:
        values = _clean_diploma(session, data, None)
        framework_name = values.pop("framework_name")
        diploma = m.Diploma(**values)
        session.add(diploma)
        session.flush()
        session.add(m.Framework(diploma_id=diploma.id, name=framework_name))
        session.flush()
        return diploma_rows(session, diploma.id)[0]


def update_diploma(
    store: Store, actor: Actor, diploma_id: int, version: int, data: DiplomaInput
) -> DiplomaRow:
    """Change a diploma's code, name, level and its framework's name."""
    with admin_write(store, actor) as session:
        diploma = _load_versioned(session, m.Diploma, diploma_id, version, "Ce diplôme")
        values = _clean_diploma(session, data, diploma_id)
        framework_name = values.pop("framework_name")
        for key, value in values.items():
            if getattr(diploma, key) != value:
                setattr(diploma, key, value)
        framework = session.scalars(
            select(m.Framework).where(m.Framework.diploma_id == diploma_id)
        ).one_or_none()
        if framework is None:
            session.add(m.Framework(diploma_id=diploma_id, name=framework_name))
        elif framework.name != framework_name:
            framework.name = framework_name
        session.flush()
        return diploma_rows(session, diploma_id)[0]


# -- framework items -----------------------------------------------------------------------


def _trees(session: Session, diploma_id: int | None = None) -> list[FrameworkTree]:
    """Diplomas with their frameworks: seven queries whatever the size."""
    diplomas = diploma_rows(session, diploma_id)
    framework_ids = [d.framework_id for d in diplomas if d.framework_id is not None]

    def scoped(stmt: Any, column: Any) -> Any:
        return stmt.where(column == framework_ids[0]) if diploma_id is not None else stmt

    if not framework_ids:
        return [FrameworkTree(d, (), (), ()) for d in diplomas]
    unit_links: dict[int, list[int]] = defaultdict(list)
    competence_units: dict[int, list[int]] = defaultdict(list)
    link_stmt = scoped(
        select(m.unit_competences.c.unit_id, m.unit_competences.c.competence_id)
        .join(m.Unit, m.Unit.id == m.unit_competences.c.unit_id)
        .join(m.Competence, m.Competence.id == m.unit_competences.c.competence_id)
        .order_by(m.Competence.position, m.Competence.id),
        m.Unit.framework_id,
    )
    for unit_id, competence_id in session.execute(link_stmt):
        unit_links[unit_id].append(competence_id)
        competence_units[competence_id].append(unit_id)

    criteria: dict[int, list[FrameworkItem]] = defaultdict(list)
    crit_stmt = scoped(
        select(m.Criterion)
        .join(m.Competence, m.Competence.id == m.Criterion.competence_id)
        .order_by(m.Criterion.position, m.Criterion.id),
        m.Competence.framework_id,
    )
    for c in session.scalars(crit_stmt):
        criteria[c.competence_id].append(
            FrameworkItem(ItemKind.CRITERION, c.id, c.code, c.label, c.position, c.version)
        )
    tasks: dict[int, list[FrameworkItem]] = defaultdict(list)
    task_stmt = scoped(
        select(m.Task)
        .join(m.ActivityArea, m.ActivityArea.id == m.Task.activity_area_id)
        .order_by(m.Task.position, m.Task.id),
        m.ActivityArea.framework_id,
    )
    for t in session.scalars(task_stmt):
        tasks[t.activity_area_id].append(
            FrameworkItem(ItemKind.TASK, t.id, t.code, t.label, t.position, t.version)
        )
    units: dict[int, list[FrameworkItem]] = defaultdict(list)
    for u in session.scalars(
        scoped(select(m.Unit).order_by(m.Unit.position, m.Unit.id), m.Unit.framework_id)
    ):
        units[u.framework_id].append(
            FrameworkItem(
                ItemKind.UNIT,
                u.id,
                u.code,
                u.label,
                u.position,
                u.version,
                linked_ids=tuple(unit_links.get(u.id, ())),
            )
        )
    competences: dict[int, list[FrameworkItem]] = defaultdict(list)
    for c in session.scalars(
        scoped(
            select(m.Competence).order_by(m.Competence.position, m.Competence.id),
            m.Competence.framework_id,
        )
    ):
        competences[c.framework_id].append(
            FrameworkItem(
                ItemKind.COMPETENCE,
                c.id,
                c.code,
                c.label,
                c.position,
                c.version,
                children=tuple(criteria.get(c.id, ())),
                linked_ids=tuple(competence_units.get(c.id, ())),
            )
        )
    areas: dict[int, list[FrameworkItem]] = defaultdict(list)
    for a in session.scalars(
        scoped(
            select(m.ActivityArea).order_by(m.ActivityArea.position, m.ActivityArea.id),
            m.ActivityArea.framework_id,
        )
    ):
        areas[a.framework_id].append(
            FrameworkItem(
                ItemKind.AREA,
                a.id,
                a.code,
                a.label,
                a.position,
                a.version,
                children=tuple(tasks.get(a.id, ())),
            )
        )
    return [
        FrameworkTree(
            d,
            tuple(units.get(d.framework_id or 0, ())),
            tuple(competences.get(d.framework_id or 0, ())),
            tuple(areas.get(d.framework_id or 0, ())),
        )
        for d in diplomas
    ]


def framework_trees(store: Store, actor: Actor) -> tuple[FrameworkTree, ...]:
    """Every diploma with its whole framework (seven queries whatever the size)."""
    with admin_read(store, actor) as session:
        return tuple(_trees(session))


def framework_tree(store: Store, actor: Actor, diploma_id: int) -> FrameworkTree:
    """One diploma with its whole framework."""
    with admin_read(store, actor) as session:
        found = _trees(session, diploma_id)
        if not found:
            raise NotFound("Ce diplôme n'existe pas (ou plus) : rechargez la liste.")
        return found[0]


@dataclass(frozen=True)
class _ItemSpec:
    model: type[Any]
    parent_column: str
    parent_model: type[Any]
    noun: str
    feminine: bool
    #: "… d'une autre compétence de ce référentiel"
    scope: str

    @property
    def this(self) -> str:
        article = "Cette" if self.feminine else "Ce"
        return f"{article} {self.noun}"


_ITEMS: dict[ItemKind, _ItemSpec] = {
    ItemKind.UNIT: _ItemSpec(
        m.Unit, "framework_id", m.Framework, "unité", True, "une autre unité de ce référentiel"
    ),
    ItemKind.COMPETENCE: _ItemSpec(
        m.Competence,
        "framework_id",
        m.Framework,
        "compétence",
        True,
        "une autre compétence de ce référentiel",
    ),
    ItemKind.CRITERION: _ItemSpec(
        m.Criterion,
        "competence_id",
        m.Competence,
        "critère",
        False,
        "un autre critère de cette compétence",
    ),
    ItemKind.AREA: _ItemSpec(
        m.ActivityArea,
        "framework_id",
        m.Framework,
        "activité professionnelle",
        True,
        "une autre activité de ce référentiel",
    ),
    ItemKind.TASK: _ItemSpec(
        m.Task,
        "activity_area_id",
        m.ActivityArea,
        "tâche",
        True,
        "une autre tâche de cette activité",
    ),
}


def _clean_item(
    session: Session, kind: ItemKind, parent_id: int, data: ItemInput, item_id: int | None
) -> dict:
    spec = _ITEMS[kind]
    code = clean_text(data.code, "code", "Code", spec.model.code, required=True)
    label = clean_text(data.label, "label", "Libellé", spec.model.label, required=True)
    parent = getattr(spec.model, spec.parent_column)
    taken = session.scalar(
        select(spec.model.id).where(
            parent == parent_id, spec.model.code == code, spec.model.id != (item_id or 0)
        )
    )
    if taken is not None:
        raise ValidationError("code", f"Le code « {code} » est déjà celui d'{spec.scope}.")
    return {"code": code, "label": label}


def _set_competence_units(
    session: Session, competence: m.Competence, unit_ids: Sequence[int]
) -> bool:
    wanted = tuple(dict.fromkeys(unit_ids))
    if wanted:
        found = set(
            session.scalars(
                select(m.Unit.id).where(
                    m.Unit.id.in_(wanted), m.Unit.framework_id == competence.framework_id
                )
            )
        )
        if found != set(wanted):
            raise ValidationError("unit_ids", "Choisissez des unités du même référentiel.")
    return _replace_links(
        session, m.unit_competences, "competence_id", competence.id, "unit_id", wanted
    )


def _item_snapshot(session: Session, kind: ItemKind, item_id: int) -> FrameworkItem:
    row = session.get(_ITEMS[kind].model, item_id)
    assert row is not None
    linked: tuple[int, ...] = ()
    if kind == ItemKind.COMPETENCE:
        linked = tuple(
            session.scalars(
                select(m.unit_competences.c.unit_id).where(
                    m.unit_competences.c.competence_id == item_id
                )
            )
        )
    return FrameworkItem(
        kind, row.id, row.code, row.label, row.position, row.version, linked_ids=linked
    )


def add_framework_item(
    store: Store, actor: Actor, kind: ItemKind, parent_id: int, data: ItemInput
) -> FrameworkItem:
    """Add a unit, competence or activity area to a framework (`parent_id` = framework id),
    a criterion to a competence, or a task to an area; it goes last."""
    spec = _ITEMS[ItemKind(kind)]
    with admin_write(store, actor) as session:
        if session.get(spec.parent_model, parent_id) is None:
            raise NotFound("L'élément parent n'existe pas (ou plus) : rechargez le référentiel.")
        values = _clean_item(session, kind, parent_id, data, None)
        parent = getattr(spec.model, spec.parent_column)
        last = session.scalar(select(func.max(spec.model.position)).where(parent == parent_id))
        item = spec.model(
            **values,
            position=(last + 1) if last is not None else 0,
            **{spec.parent_column: parent_id},
        )
        session.add(item)
        session.flush()
        if kind == ItemKind.COMPETENCE:
            _set_competence_units(session, item, data.unit_ids)
        return _item_snapshot(session, kind, item.id)


def update_framework_item(
    store: Store, actor: Actor, kind: ItemKind, item_id: int, version: int, data: ItemInput
) -> FrameworkItem:
    """Rename an item (code and label); for a competence, also set its units."""
    spec = _ITEMS[ItemKind(kind)]
    with admin_write(store, actor) as session:
        item = _load_versioned(session, spec.model, item_id, version, spec.this)
        values = _clean_item(session, kind, getattr(item, spec.parent_column), data, item_id)
        changed = False
        for key, value in values.items():
            if getattr(item, key) != value:
                setattr(item, key, value)
                changed = True
        links_changed = kind == ItemKind.COMPETENCE and _set_competence_units(
            session, item, data.unit_ids
        )
        if links_changed and not changed:
            _bump_version(session, item)
        session.flush()
        return _item_snapshot(session, kind, item_id)


def _bump_version(session: Session, row: Any) -> None:
    """Move the version of a row whose link rows alone changed (SQLAlchemy bumps it only
    when the row itself is updated); a concurrent change is a conflict."""
    model = type(row)
    result = session.execute(
        update(model)
        .where(model.id == row.id, model.version == row.version)
        .values(version=row.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ConflictError()
    set_committed_value(row, "version", row.version + 1)


def _usage(session: Session, kind: ItemKind, item_id: int) -> list[str]:
    """What already uses the item (French, e.g. "3 positionnements"); [] when unused."""
    criterion_ids: Any
    task_ids: Any
    checks: list[tuple[Any, str, str]] = []
    if kind in (ItemKind.COMPETENCE, ItemKind.CRITERION):
        if kind == ItemKind.COMPETENCE:
            criterion_ids = select(m.Criterion.id).where(m.Criterion.competence_id == item_id)
            sheets = union(
                select(m.sheet_competences.c.activity_sheet_id).where(
                    m.sheet_competences.c.competence_id == item_id
                ),
                select(m.sheet_criteria.c.activity_sheet_id).where(
                    m.sheet_criteria.c.criterion_id.in_(criterion_ids)
                ),
            ).subquery()
            checks.append(
                (
                    select(func.count(func.distinct(m.CompetenceReviewLine.competence_review_id)))
                    .where(m.CompetenceReviewLine.competence_id == item_id)
                    .scalar_subquery(),
                    "bilan de compétences",
                    "bilans de compétences",
                )
            )
        else:
            criterion_ids = select(literal(item_id))
            sheets = (
                select(m.sheet_criteria.c.activity_sheet_id)
                .where(m.sheet_criteria.c.criterion_id == item_id)
                .subquery()
            )
        checks.append(
            (
                select(func.count(m.Rating.id))
                .where(m.Rating.criterion_id.in_(criterion_ids))
                .scalar_subquery(),
                "positionnement",
                "positionnements",
            )
        )
        checks.append(
            (
                select(func.count()).select_from(sheets).scalar_subquery(),
                "fiche activité",
                "fiches activité",
            )
        )
    elif kind in (ItemKind.AREA, ItemKind.TASK):
        if kind == ItemKind.AREA:
            task_ids = select(m.Task.id).where(m.Task.activity_area_id == item_id)
            checks.append(
                (
                    select(func.count(m.ActivitySheet.id))
                    .where(m.ActivitySheet.activity_area_id == item_id)
                    .scalar_subquery(),
                    "fiche activité (type d'activité)",
                    "fiches activité (type d'activité)",
                )
            )
        else:
            task_ids = select(literal(item_id))
        checks += [
            (
                select(func.count(m.TaskLog.id))
                .where(m.TaskLog.task_id.in_(task_ids))
                .scalar_subquery(),
                "relevé de tâches hebdomadaires",
                "relevés de tâches hebdomadaires",
            ),
            (
                select(func.count(func.distinct(m.sheet_tasks.c.activity_sheet_id)))
                .where(m.sheet_tasks.c.task_id.in_(task_ids))
                .scalar_subquery(),
                "fiche activité",
                "fiches activité",
            ),
            (
                select(func.count(func.distinct(m.period_plan_tasks.c.period_plan_id)))
                .where(m.period_plan_tasks.c.task_id.in_(task_ids))
                .scalar_subquery(),
                "fiche pédagogique",
                "fiches pédagogiques",
            ),
        ]
    if not checks:
        return []
    counts = session.execute(select(*(c[0] for c in checks))).one()
    return [
        f"{n} {singular if n == 1 else plural}"
        for n, (_, singular, plural) in zip(counts, checks, strict=True)
        if n
    ]


def delete_framework_item(
    store: Store, actor: Actor, kind: ItemKind, item_id: int, version: int
) -> None:
    """Delete an unused item (with its criteria or tasks); refused once ratings, reviews,
    sheets, task logs or period plans use it. Deleting a unit only ungroups competences."""
    spec = _ITEMS[ItemKind(kind)]
    with admin_write(store, actor) as session:
        item = _load_versioned(session, spec.model, item_id, version, spec.this)
        used = _usage(session, kind, item_id)
        if used:
            ending = "e" if spec.feminine else ""
            pronoun = "la" if spec.feminine else "le"
            raise ValidationError(
                kind.value,
                f"{spec.this} « {item.code} » est déjà utilisé{ending} ({', '.join(used)}) : "
                f"{'elle' if spec.feminine else 'il'} ne peut pas être supprimé{ending}. "
                f"Vous pouvez {pronoun} renommer.",
            )
        # The database cascades to criteria, tasks and link rows (checked unused above).
        session.execute(delete(spec.model).where(spec.model.id == item_id))


def move_framework_item(
    store: Store, actor: Actor, kind: ItemKind, item_id: int, offset: int
) -> FrameworkItem:
    """Move an item up (offset < 0) or down among its siblings."""
    spec = _ITEMS[ItemKind(kind)]
    with admin_write(store, actor) as session:
        item = session.get(spec.model, item_id)
        if item is None:
            raise NotFound(f"{spec.this} n'existe pas (ou plus) : rechargez le référentiel.")
        parent = getattr(spec.model, spec.parent_column)
        siblings = list(
            session.scalars(
                select(spec.model)
                .where(parent == getattr(item, spec.parent_column))
                .order_by(spec.model.position, spec.model.id)
                .with_for_update()
            )
        )
        index = next(i for i, s in enumerate(siblings) if s.id == item_id)
        target = max(0, min(len(siblings) - 1, index + offset))
        siblings.insert(target, siblings.pop(index))
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
        session.flush()
        return _item_snapshot(session, kind, item_id)
