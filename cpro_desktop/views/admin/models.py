"""The administration's item models: one table model per list, and the framework tree.

Each adapts a service snapshot held in memory (named column constants, `set_rows()` /
`set_trees()` replacing everything at once); none touches the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget

from cpro_desktop.services.admin import (
    AccountRow,
    ApprenticeRow,
    ClassRow,
    CompanyRow,
    FrameworkItem,
    FrameworkTree,
    SchoolYearRow,
)
from cpro_desktop.views.admin.common import SnapshotTableModel, format_date
from cpro_desktop.views.main_window import role_label


class AccountTableModel(SnapshotTableModel):
    """Accounts: login, name, role, status, a tutor's company or the classes a trainer
    teaches, email."""

    LOGIN, NAME, ROLE, STATUS, LINKS, EMAIL = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                self.tr("Login"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Status"),
                self.tr("Company / classes"),
                self.tr("Email"),
            ],
            parent,
        )
        self._active = self.tr("Active")
        self._inactive = self.tr("Deactivated")

    def display(self, row: AccountRow, column: int) -> str:
        if column == self.LOGIN:
            return row.login
        if column == self.NAME:
            return row.display_name
        if column == self.ROLE:
            return role_label(row.role)
        if column == self.STATUS:
            return self._active if row.is_active else self._inactive
        if column == self.LINKS:
            return row.company_name or ", ".join(row.class_names)
        if column == self.EMAIL:
            return row.email
        return ""

    def is_inactive(self, row: AccountRow) -> bool:
        return not row.is_active


class SchoolYearTableModel(SnapshotTableModel):
    """School years: label, first and last day, number of classes."""

    LABEL, START, END, CLASSES = range(4)
    NUMERIC_COLUMNS = frozenset({CLASSES})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("School year"), self.tr("Start"), self.tr("End"), self.tr("Classes")],
            parent,
        )

    def display(self, row: SchoolYearRow, column: int) -> str:
        return {
            self.LABEL: row.label,
            self.START: format_date(row.start_date),
            self.END: format_date(row.end_date),
            self.CLASSES: str(row.class_count),
        }.get(column, "")

    def sort_key(self, row: SchoolYearRow, column: int) -> Any:
        if column == self.START:
            return row.start_date.isoformat()
        if column == self.END:
            return row.end_date.isoformat()
        if column == self.CLASSES:
            return row.class_count
        return row.label


class ClassTableModel(SnapshotTableModel):
    """Classes: name, level, training year, diploma, school year, trainers, apprentices."""

    NAME, LEVEL, TRAINING_YEAR, DIPLOMA, SCHOOL_YEAR, TRAINERS, APPRENTICES = range(7)
    NUMERIC_COLUMNS = frozenset({TRAINING_YEAR, APPRENTICES})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                self.tr("Class"),
                self.tr("Level"),
                self.tr("Year"),
                self.tr("Diploma"),
                self.tr("School year"),
                self.tr("Trainers"),
                self.tr("Apprentices"),
            ],
            parent,
        )

    def display(self, row: ClassRow, column: int) -> str:
        return {
            self.NAME: row.name,
            self.LEVEL: row.level_label,
            self.TRAINING_YEAR: str(row.training_year),
            self.DIPLOMA: row.diploma_name,
            self.SCHOOL_YEAR: row.school_year_label,
            self.TRAINERS: ", ".join(row.trainer_names),
            self.APPRENTICES: str(row.apprentice_count),
        }.get(column, "")

    def sort_key(self, row: ClassRow, column: int) -> Any:
        if column == self.TRAINING_YEAR:
            return row.training_year
        if column == self.APPRENTICES:
            return row.apprentice_count
        return self.display(row, column).lower()


class CompanyTableModel(SnapshotTableModel):
    """Companies: name, SIRET, town, phone, email, numbers of tutors and apprentices."""

    NAME, SIRET, CITY, PHONE, EMAIL, TUTORS, APPRENTICES = range(7)
    NUMERIC_COLUMNS = frozenset({TUTORS, APPRENTICES})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                self.tr("Company"),
                self.tr("SIRET"),
                self.tr("Town"),
                self.tr("Phone"),
                self.tr("Email"),
                self.tr("Tutors"),
                self.tr("Apprentices"),
            ],
            parent,
        )

    def display(self, row: CompanyRow, column: int) -> str:
        return {
            self.NAME: row.name,
            self.SIRET: row.siret,
            self.CITY: f"{row.postcode} {row.city}".strip(),
            self.PHONE: row.phone,
            self.EMAIL: row.email,
            self.TUTORS: str(row.tutor_count),
            self.APPRENTICES: str(row.apprentice_count),
        }.get(column, "")

    def sort_key(self, row: CompanyRow, column: int) -> Any:
        if column == self.TUTORS:
            return row.tutor_count
        if column == self.APPRENTICES:
            return row.apprentice_count
        return self.display(row, column).lower()


class ApprenticeTableModel(SnapshotTableModel):
    """Apprentices: name, class, company, tutor, referent, birth date, INE."""

    NAME, CLASS, COMPANY, TUTOR, REFERENT, BIRTH_DATE, NATIONAL_ID = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                self.tr("Apprentice"),
                self.tr("Class"),
                self.tr("Company"),
                self.tr("Company tutor"),
                self.tr("Referent"),
                self.tr("Born on"),
                self.tr("INE"),
            ],
            parent,
        )

    def display(self, row: ApprenticeRow, column: int) -> str:
        return {
            self.NAME: row.display_name,
            self.CLASS: row.class_name,
            self.COMPANY: row.company_name,
            self.TUTOR: row.tutor_name,
            self.REFERENT: row.referent_name,
            self.BIRTH_DATE: format_date(row.birth_date),
            self.NATIONAL_ID: row.national_id,
        }.get(column, "")

    def tooltip(self, row: ApprenticeRow, column: int) -> str:
        if column == self.CLASS and row.class_name:
            return f"{row.class_name} ({row.school_year_label})"
        return self.display(row, column)

    def sort_key(self, row: ApprenticeRow, column: int) -> Any:
        if column == self.CLASS:
            return f"{row.school_year_label} {row.class_name.lower()}"
        if column == self.BIRTH_DATE:
            return row.birth_date.isoformat() if row.birth_date else ""
        return self.display(row, column).lower()


# -- the framework tree -------------------------------------------------------------------

#: What a tree node is: "diploma", a group, or an `ItemKind` value.
KIND_ROLE = Qt.ItemDataRole.UserRole + 10
#: The node's snapshot: `FrameworkTree` for a diploma, `FrameworkItem` for an item.
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 11
#: The diploma the node belongs to (every node has it).
DIPLOMA_ROLE = Qt.ItemDataRole.UserRole + 12
#: A key that survives a reload ("kind:id"), to restore selection and expansion.
KEY_ROLE = Qt.ItemDataRole.UserRole + 13

DIPLOMA = "diploma"
UNITS, COMPETENCES, AREAS = "units", "competences", "areas"
GROUPS = (UNITS, COMPETENCES, AREAS)


def node_key(kind: str, node_id: int) -> str:
    """A tree node's key: a group's id is its diploma's."""
    return f"{kind}:{node_id}"


class FrameworkTreeModel(QStandardItemModel):
    """Diplomas → Units / Competences → criteria / Professional activities → tasks."""

    CODE, LABEL = range(2)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Label")])
        self._group_titles = {
            UNITS: self.tr("Units"),
            COMPETENCES: self.tr("Competences"),
            AREAS: self.tr("Professional activities"),
        }
        self._trees: tuple[FrameworkTree, ...] = ()

    def trees(self) -> tuple[FrameworkTree, ...]:
        return self._trees

    def set_trees(self, trees: Iterable[FrameworkTree]) -> None:
        """Replace the whole tree (QStandardItemModel resets its views itself)."""
        self._trees = tuple(trees)
        self.removeRows(0, self.rowCount())
        root = self.invisibleRootItem()
        bold = QFont()
        bold.setBold(True)
        for tree in self._trees:
            diploma = tree.diploma
            node = self._row(root, diploma.code, diploma.name, DIPLOMA, tree, diploma.id)
            node[0].setFont(bold)
            node[1].setFont(bold)
            groups = {UNITS: tree.units, COMPETENCES: tree.competences, AREAS: tree.areas}
            for group, items in groups.items():
                title = f"{self._group_titles[group]} ({len(items)})"
                group_row = self._row(node[0], title, "", group, None, diploma.id)
                for item in items:
                    item_row = self._row(group_row[0], item.code, item.label, item.kind.value,
                                         item, diploma.id)  # fmt: skip
                    for child in item.children:
                        self._row(item_row[0], child.code, child.label, child.kind.value,
                                  child, diploma.id)  # fmt: skip

    def _row(
        self,
        parent: QStandardItem,
        code: str,
        label: str,
        kind: str,
        payload: FrameworkTree | FrameworkItem | None,
        diploma_id: int,
    ) -> list[QStandardItem]:
        key = node_key(kind, payload.id if isinstance(payload, FrameworkItem) else diploma_id)
        cells = [QStandardItem(code), QStandardItem(label)]
        for cell in cells:
            cell.setEditable(False)
            cell.setData(kind, KIND_ROLE)
            cell.setData(payload, OBJECT_ROLE)
            cell.setData(diploma_id, DIPLOMA_ROLE)
            cell.setData(key, KEY_ROLE)
            cell.setToolTip(label or code)
        parent.appendRow(cells)
        return cells
