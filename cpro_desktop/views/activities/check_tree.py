"""A checkable tree of the framework: areas › tasks, or competences › criteria.

Used by the period editor (planned tasks), and by a sheet's page "Liaison avec le
référentiel" (tasks ticked; competences and criteria to assess). Each node has a kind; the
kinds in `own_check` carry their own tick (a competence and its criteria are ticked
independently: ticking a competence offers all its criteria to the review). A parent whose
kind has no tick of its own shows the state of its children (partially checked when some
are) and ticks or unticks all of them at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from cpro_desktop.services.activities import AreaTasks, CompetenceRef

from .common import KindRole
from .signals import emit

Index = QModelIndex | QPersistentModelIndex
CHECK = Qt.ItemDataRole.CheckStateRole


@dataclass(eq=False)
class CheckNode:
    """One line of the tree."""

    kind: str
    id: int
    text: str
    tooltip: str = ""
    children: list[CheckNode] = field(default_factory=list)
    parent: CheckNode | None = None
    row: int = 0


def task_nodes(areas: Iterable[AreaTasks]) -> list[CheckNode]:
    """Areas and their tasks: "MAINTENANCE CORRECTIVE" › "T1.1 Diagnostiquer les pannes"."""
    roots = []
    for area in areas:
        node = CheckNode("area", area.id, area.label)
        node.children = [CheckNode("task", t.id, t.title, tooltip=t.title) for t in area.tasks]
        roots.append(node)
    return roots


def competence_nodes(competences: Iterable[CompetenceRef]) -> list[CheckNode]:
    """Competences and their criteria: "C1 - Analyser …" › "C1.1 …"."""
    roots = []
    for competence in competences:
        node = CheckNode("competence", competence.id, competence.title, tooltip=competence.title)
        node.children = [
            CheckNode("criterion", c.id, f"{c.code} {c.label}", tooltip=c.label)
            for c in competence.criteria
        ]
        roots.append(node)
    return roots


class CheckTreeModel(QAbstractItemModel):
    """A two-level checkable tree; `checked(kind)` gives the ticked ids of a kind."""

    checks_changed = Signal()

    def __init__(self, own_check: Iterable[str], parent=None) -> None:
        super().__init__(parent)
        self._own_check = frozenset(own_check)
        self._roots: list[CheckNode] = []
        self._checked: dict[str, set[int]] = {}
        self._editable = False
        self._editable_kinds: frozenset[str] = self._own_check

    # -- filling --------------------------------------------------------------------------
    def set_tree(self, roots: list[CheckNode], checked: dict[str, Iterable[int]]) -> None:
        """Replace the tree and the ticks (kind → ids)."""
        self.beginResetModel()
        self._roots = roots
        for row, node in enumerate(roots):
            node.parent, node.row = None, row
            for child_row, child in enumerate(node.children):
                child.parent, child.row = node, child_row
        self._checked = {kind: set(ids) for kind, ids in checked.items()}
        self.endResetModel()

    def set_checked(self, checked: dict[str, Iterable[int]]) -> None:
        """New ticks on the same tree."""
        self._checked = {kind: set(ids) for kind, ids in checked.items()}
        self._all_changed()

    def set_editable(self, editable: bool, kinds: Iterable[str] | None = None) -> None:
        """Whether the user may tick (only the given kinds, default: every tickable one)."""
        self.beginResetModel()
        self._editable = editable
        self._editable_kinds = frozenset(kinds) if kinds is not None else self._own_check
        self.endResetModel()

    # -- reading --------------------------------------------------------------------------
    def checked(self, kind: str) -> frozenset[int]:
        return frozenset(self._checked.get(kind, ()))

    def roots(self) -> tuple[CheckNode, ...]:
        return tuple(self._roots)

    def node(self, index: Index) -> CheckNode | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, kind: str, item_id: int) -> QModelIndex:
        for root in self._roots:
            if root.kind == kind and root.id == item_id:
                return self.createIndex(root.row, 0, root)
            for child in root.children:
                if child.kind == kind and child.id == item_id:
                    return self.createIndex(child.row, 0, child)
        return QModelIndex()

    def _state(self, node: CheckNode) -> Qt.CheckState | None:
        if node.kind in self._own_check:
            checked = node.id in self._checked.get(node.kind, set())
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        tickable = [c for c in node.children if c.kind in self._own_check]
        if not tickable:
            return None
        ticked = sum(c.id in self._checked.get(c.kind, set()) for c in tickable)
        if ticked == 0:
            return Qt.CheckState.Unchecked
        if ticked == len(tickable):
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked

    def _is_editable(self, node: CheckNode) -> bool:
        if not self._editable:
            return False
        if node.kind in self._own_check:
            return node.kind in self._editable_kinds
        return any(c.kind in self._editable_kinds for c in node.children)

    # -- the model ------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        siblings = self._roots if not parent.isValid() else parent.internalPointer().children
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: CheckNode = index.internalPointer()
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        return len(parent.internalPointer().children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == CHECK:
            return self._state(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        if role == Qt.ItemDataRole.FontRole and node.parent is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == KindRole:
            return node.kind
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._state(node) is not None and self._is_editable(node):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            if node.kind not in self._own_check:
                flags |= Qt.ItemFlag.ItemIsAutoTristate
        return flags

    def setData(self, index: Index, value: Any, role: int = CHECK) -> bool:
        node = self.node(index)
        if node is None or role != CHECK or not self._is_editable(node):
            return False
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        on = state != Qt.CheckState.Unchecked
        targets = (
            [node]
            if node.kind in self._own_check
            else [c for c in node.children if c.kind in self._editable_kinds]
        )
        for target in targets:
            ids = self._checked.setdefault(target.kind, set())
            if on:
                ids.add(target.id)
            else:
                ids.discard(target.id)
        self._node_changed(node)
        emit(self.checks_changed)
        return True

    def _node_changed(self, node: CheckNode) -> None:
        index = self.createIndex(node.row, 0, node)
        emit(self.dataChanged, index, index, [CHECK])
        if node.children:
            first = self.createIndex(0, 0, node.children[0])
            last = self.createIndex(len(node.children) - 1, 0, node.children[-1])
            emit(self.dataChanged, first, last, [CHECK])
        if node.parent is not None:
            parent = self.createIndex(node.parent.row, 0, node.parent)
            emit(self.dataChanged, parent, parent, [CHECK])

    def _all_changed(self) -> None:
        for root in self._roots:
            self._node_changed(root)
