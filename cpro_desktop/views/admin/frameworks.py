"""The "Diplômes et référentiels" tab: diplomas and their frameworks edited by hand, as a
tree (diploma → units / competences → criteria / professional activities → tasks)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services import admin as service
from cpro_desktop.services.admin import (
    Choice,
    CproError,
    DiplomaInput,
    DiplomaRow,
    FrameworkItem,
    FrameworkTree,
    ItemInput,
    ItemKind,
)
from cpro_desktop.views import ask
from cpro_desktop.views.admin.common import ERROR_STYLE, CheckList, FormDialog
from cpro_desktop.views.admin.models import (
    DIPLOMA,
    DIPLOMA_ROLE,
    GROUPS,
    KEY_ROLE,
    KIND_ROLE,
    OBJECT_ROLE,
    FrameworkTreeModel,
    node_key,
)
from cpro_desktop.views.context import AppContext


class DiplomaDialog(FormDialog):
    """Create or edit a diploma and name its framework."""

    def __init__(
        self, context: AppContext, row: DiplomaRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.row = row
        self.setWindowTitle(self.tr("New diploma") if row is None else self.tr("Edit diploma"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText("BACPRO-MELEC")
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("Bac Pro MELEC")
        self.level_edit = QLineEdit(self)
        self.level_edit.setPlaceholderText(self.tr("e.g. Baccalauréat professionnel (niveau 4)"))
        self.framework_edit = QLineEdit(self)
        self.framework_edit.setPlaceholderText(self.tr("(the diploma's name)"))
        self.add_row(self.tr("Code:"), self.code_edit, "code")
        self.add_row(self.tr("Diploma name:"), self.name_edit, "name")
        self.add_row(self.tr("Level:"), self.level_edit, "level")
        self.add_row(self.tr("Framework name:"), self.framework_edit, "framework_name")
        if row is not None:
            self.code_edit.setText(row.code)
            self.name_edit.setText(row.name)
            self.level_edit.setText(row.level)
            self.framework_edit.setText(row.framework_name)

    def values(self) -> DiplomaInput:
        return DiplomaInput(
            self.code_edit.text(),
            self.name_edit.text(),
            self.level_edit.text(),
            self.framework_edit.text(),
        )

    def submit(self) -> DiplomaRow:
        store, actor = self.context.store, self.context.actor
        if self.row is None:
            return service.create_diploma(store, actor, self.values())
        return service.update_diploma(store, actor, self.row.id, self.row.version, self.values())


class ItemDialog(FormDialog):
    """Add or rename a unit, competence (with its units), criterion, activity or task."""

    def __init__(
        self,
        context: AppContext,
        kind: ItemKind,
        parent_id: int,
        item: FrameworkItem | None = None,
        units: tuple[FrameworkItem, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.parent_id = parent_id
        self.item = item
        titles = {
            ItemKind.UNIT: (self.tr("New unit"), self.tr("Edit unit")),
            ItemKind.COMPETENCE: (self.tr("New competence"), self.tr("Edit competence")),
            ItemKind.CRITERION: (self.tr("New criterion"), self.tr("Edit criterion")),
            ItemKind.AREA: (
                self.tr("New professional activity"),
                self.tr("Edit professional activity"),
            ),
            ItemKind.TASK: (self.tr("New task"), self.tr("Edit task")),
        }
        self.setWindowTitle(titles[kind][0 if item is None else 1])
        self.setMinimumWidth(560)
        self.code_edit = QLineEdit(self)
        self.label_edit = QLineEdit(self)
        self.add_row(self.tr("Code:"), self.code_edit, "code")
        self.add_row(self.tr("Label:"), self.label_edit, "label")
        self.units_list = CheckList(self)
        if kind == ItemKind.COMPETENCE:
            self.units_list.setMaximumHeight(110)
            self.units_list.set_choices(
                [Choice(u.id, u.title) for u in units], item.linked_ids if item else ()
            )
            self.add_row(self.tr("Units:"), self.units_list, "unit_ids")
        else:
            self.units_list.hide()
        if item is not None:
            self.code_edit.setText(item.code)
            self.label_edit.setText(item.label)

    def values(self) -> ItemInput:
        return ItemInput(
            self.code_edit.text(), self.label_edit.text(), self.units_list.checked_ids()
        )

    def submit(self) -> FrameworkItem:
        store, actor = self.context.store, self.context.actor
        if self.item is None:
            return service.add_framework_item(
                store, actor, self.kind, self.parent_id, self.values()
            )
        return service.update_framework_item(
            store, actor, self.kind, self.item.id, self.item.version, self.values()
        )


class FrameworksTab(QWidget):
    """The tree of diplomas and frameworks, with buttons acting on the selected node."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: FormDialog | None = None
        self.model = FrameworkTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 200)
        self.tree.doubleClicked.connect(lambda _index: self.edit_selected())
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.message = QLabel("", self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)

        side_panel = QWidget(self)
        side_panel.setMinimumWidth(215)
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        self.new_diploma_button = self._button(side, self.tr("New diploma…"), self.create_diploma)
        side.addSpacing(10)
        self.add_unit_button = self._button(
            side, self.tr("Add a unit…"), lambda: self.add_item(ItemKind.UNIT)
        )
        self.add_competence_button = self._button(
            side, self.tr("Add a competence…"), lambda: self.add_item(ItemKind.COMPETENCE)
        )
        self.add_criterion_button = self._button(
            side, self.tr("Add a criterion…"), lambda: self.add_item(ItemKind.CRITERION)
        )
        self.add_area_button = self._button(
            side, self.tr("Add an activity…"), lambda: self.add_item(ItemKind.AREA)
        )
        self.add_task_button = self._button(
            side, self.tr("Add a task…"), lambda: self.add_item(ItemKind.TASK)
        )
        side.addSpacing(10)
        self.edit_button = self._button(side, self.tr("Edit…"), self.edit_selected)
        self.delete_button = self._button(side, self.tr("Delete"), self.delete_selected)
        self.up_button = self._button(side, self.tr("Move up"), lambda: self.move_selected(-1))
        self.down_button = self._button(side, self.tr("Move down"), lambda: self.move_selected(1))
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.tree, 1)
        body.addWidget(side_panel)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self._loaded_once = False
        self.update_buttons()

    def _button(self, layout: QVBoxLayout, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, layout.parentWidget())
        button.clicked.connect(lambda _checked=False: slot())
        layout.addWidget(button)
        return button

    # -- state --------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Reload every tree, keeping what was expanded and selected."""
        try:
            trees = service.framework_trees(self.context.store, self.context.actor)
        except CproError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        expanded = self._expanded_keys()
        current = self.current_key()
        self.model.set_trees(trees)
        if not self._loaded_once:
            # First display: diplomas and their groups open, items closed.
            expanded = {node_key(kind, t.diploma.id) for t in trees for kind in (DIPLOMA, *GROUPS)}
            self._loaded_once = True
        for index in self._walk():
            if index.data(KIND_ROLE) in GROUPS:
                self.tree.setFirstColumnSpanned(index.row(), index.parent(), True)
        self._expand(expanded)
        if current:
            self.select_key(current)
        self.update_buttons()
        return True

    def _walk(self, parent: QModelIndex = QModelIndex()):  # noqa: B008
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            yield index
            yield from self._walk(index)

    def _expanded_keys(self) -> set[str]:
        return {i.data(KEY_ROLE) for i in self._walk() if self.tree.isExpanded(i)}

    def _expand(self, keys: set[str]) -> None:
        for index in self._walk():
            if index.data(KEY_ROLE) in keys:
                self.tree.expand(index)

    def current_key(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select_key(self, key: str) -> bool:
        for index in self._walk():
            if index.data(KEY_ROLE) == key:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                return True
        return False

    def selected(self) -> tuple[str, Any, int] | None:
        """(kind, snapshot, diploma id) of the selected node."""
        rows = self.tree.selectionModel().selectedRows()
        if not rows:
            return None
        index = rows[0]
        return index.data(KIND_ROLE), index.data(OBJECT_ROLE), index.data(DIPLOMA_ROLE)

    def tree_of(self, diploma_id: int) -> FrameworkTree | None:
        return next((t for t in self.model.trees() if t.diploma.id == diploma_id), None)

    def _parent_for(self, kind: ItemKind) -> int | None:
        """Where a new item of `kind` goes, given the selection; None if nowhere."""
        selected = self.selected()
        if selected is None:
            return None
        node_kind, payload, diploma_id = selected
        tree = self.tree_of(diploma_id)
        if tree is None:
            return None
        if kind in (ItemKind.UNIT, ItemKind.COMPETENCE, ItemKind.AREA):
            return tree.diploma.framework_id
        wanted_parent = ItemKind.COMPETENCE if kind == ItemKind.CRITERION else ItemKind.AREA
        if node_kind == wanted_parent.value:
            return payload.id
        if node_kind == kind.value:
            siblings = tree.competences if kind == ItemKind.CRITERION else tree.areas
            for parent in siblings:
                if any(child.id == payload.id for child in parent.children):
                    return parent.id
        return None

    def update_buttons(self) -> None:
        selected = self.selected()
        node_kind = selected[0] if selected else None
        is_item = node_kind in {k.value for k in ItemKind}
        self.edit_button.setEnabled(node_kind == DIPLOMA or is_item)
        self.delete_button.setEnabled(is_item)
        self.up_button.setEnabled(is_item)
        self.down_button.setEnabled(is_item)
        for kind, button in (
            (ItemKind.UNIT, self.add_unit_button),
            (ItemKind.COMPETENCE, self.add_competence_button),
            (ItemKind.CRITERION, self.add_criterion_button),
            (ItemKind.AREA, self.add_area_button),
            (ItemKind.TASK, self.add_task_button),
        ):
            button.setEnabled(self._parent_for(kind) is not None)

    # -- actions ------------------------------------------------------------------------
    def open_dialog(self, dialog: FormDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, row: Any) -> None:
        self.refresh()
        if isinstance(row, DiplomaRow):
            self.select_key(node_key(DIPLOMA, row.id))
        elif isinstance(row, FrameworkItem):
            self._reveal(node_key(row.kind.value, row.id))

    def _reveal(self, key: str) -> None:
        if self.select_key(key):
            self.tree.expand(self.tree.currentIndex().parent())

    def create_diploma(self) -> None:
        self.open_dialog(DiplomaDialog(self.context, None, self))

    def add_item(self, kind: ItemKind) -> None:
        parent_id = self._parent_for(kind)
        selected = self.selected()
        if parent_id is None or selected is None:
            return
        tree = self.tree_of(selected[2])
        units = tree.units if tree else ()
        self.open_dialog(ItemDialog(self.context, kind, parent_id, None, units, self))

    def edit_selected(self) -> None:
        selected = self.selected()
        if selected is None:
            return
        node_kind, payload, diploma_id = selected
        if node_kind == DIPLOMA:
            self.open_dialog(DiplomaDialog(self.context, payload.diploma, self))
        elif isinstance(payload, FrameworkItem):
            tree = self.tree_of(diploma_id)
            units = tree.units if tree else ()
            self.open_dialog(ItemDialog(self.context, payload.kind, 0, payload, units, self))

    def delete_selected(self) -> None:
        selected = self.selected()
        if selected is None or not isinstance(selected[1], FrameworkItem):
            return
        item: FrameworkItem = selected[1]
        question = self.tr('Delete "%1"? This cannot be undone.').replace("%1", item.title)
        if item.children:
            question += " " + self.tr("Its %1 sub-item(s) go with it.").replace(
                "%1", str(len(item.children))
            )
        if not ask.confirm(self, self.tr("Delete from the framework"), question):
            return
        try:
            service.delete_framework_item(
                self.context.store, self.context.actor, item.kind, item.id, item.version
            )
        except CproError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()

    def move_selected(self, offset: int) -> None:
        selected = self.selected()
        if selected is None or not isinstance(selected[1], FrameworkItem):
            return
        item: FrameworkItem = selected[1]
        try:
            service.move_framework_item(
                self.context.store, self.context.actor, item.kind, item.id, offset
            )
        except CproError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self.select_key(node_key(item.kind.value, item.id))
