"""The criteria of the period review (bilan de la période): each competence gathered from the
period's sheets, then its criteria, each with a result among the five of the SPEC.

The result column is edited with a combo box (`ResultDelegate`), kept open on every
criterion row so that the form reads like the paper one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from cpro_desktop.models.enums import RATING_RESULT_LABELS, RatingResult
from cpro_desktop.services.activities import PeriodReviewForm, RatedCriterion, ReviewCompetence

from .common import KindRole
from .signals import emit

Index = QModelIndex | QPersistentModelIndex

#: The dashboard's colours of the five results (SPEC "Scales"), lightened for a cell.
RESULT_BACKGROUND = {
    RatingResult.SUCCESS_AUTONOMOUS: QColor(165, 214, 167),
    RatingResult.SUCCESS_ASSISTED: QColor(220, 237, 200),
    RatingResult.PARTIAL: QColor(255, 224, 178),
    RatingResult.NOT_ASSESSABLE: QColor(187, 222, 251),
    RatingResult.ABSENT: QColor(224, 224, 224),
}
COMPETENCE_BACKGROUND = QColor(236, 239, 241)


class ReviewCriteriaModel(QAbstractTableModel):
    """Competence heading rows and criterion rows; column RESULT editable per criterion."""

    CRITERION, RESULT = range(2)
    ratings_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewCompetence | RatedCriterion] = []
        self._read: dict[int, RatingResult | None] = {}
        self._results: dict[int, RatingResult | None] = {}
        self._editable = False

    def set_form(self, form: PeriodReviewForm, editable: bool) -> None:
        self.set_competences(form.competences, editable)

    def set_competences(self, competences, editable: bool, results: Mapping | None = None) -> None:
        self.beginResetModel()
        self._rows = []
        for competence in competences:
            self._rows.append(competence)
            self._rows.extend(competence.criteria)
        self._read = {r.id: r.result for r in self._rows if isinstance(r, RatedCriterion)}
        self._results = dict(self._read) if results is None else dict(results)
        self._editable = editable
        self.endResetModel()

    def ratings(self) -> dict[int, RatingResult | None]:
        """Every criterion of the form and its chosen result (None: not rated)."""
        return dict(self._results)

    def is_dirty(self) -> bool:
        return self._results != self._read

    def criterion_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if isinstance(r, RatedCriterion)]

    def row_of_criterion(self, criterion_id: int) -> int:
        return next(
            (
                i
                for i, r in enumerate(self._rows)
                if isinstance(r, RatedCriterion) and r.id == criterion_id
            ),
            -1,
        )

    def is_competence_row(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], ReviewCompetence)

    # -- the model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == self.CRITERION:
                return self.tr("Competence / criterion")
            if section == self.RESULT:
                return self.tr("Result")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if isinstance(row, ReviewCompetence):
            if role == Qt.ItemDataRole.DisplayRole and column == self.CRITERION:
                return row.title
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return COMPETENCE_BACKGROUND
            if role == Qt.ItemDataRole.ToolTipRole and row.linked:
                return self.tr("Competence linked on a sheet: all its criteria are offered.")
            if role == KindRole:
                return "competence"
            return None
        result = self._results.get(row.id)
        if column == self.CRITERION:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.code} {row.label}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.label
        elif column == self.RESULT:
            if role == Qt.ItemDataRole.DisplayRole:
                return RATING_RESULT_LABELS[result] if result else self.tr("Not rated")
            if role == Qt.ItemDataRole.EditRole:
                return result.value if result else ""
            if role == Qt.ItemDataRole.BackgroundRole and result:
                return RESULT_BACKGROUND[result]
        if role == KindRole:
            return "criterion"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled
        if self.is_competence_row(index.row()):
            return flags
        flags |= Qt.ItemFlag.ItemIsSelectable
        if self._editable and index.column() == self.RESULT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or index.column() != self.RESULT
            or not self._editable
            or self.is_competence_row(index.row())
        ):
            return False
        row = self._rows[index.row()]
        assert isinstance(row, RatedCriterion)
        result = RatingResult(value) if value else None
        if self._results.get(row.id) == result:
            return True
        self._results[row.id] = result
        emit(self.dataChanged, index, index)
        emit(self.ratings_changed)
        return True


class ResultDelegate(QStyledItemDelegate):
    """A combo of "Non évalué" and the five results, for the result column."""

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("result_combo")
        combo.addItem(self.tr("Not rated"), "")
        for result, label in RATING_RESULT_LABELS.items():
            combo.addItem(label, result.value)
        combo.currentIndexChanged.connect(lambda _=0, c=combo: emit(self.commitData, c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findData(value)
        if position != editor.currentIndex():
            editor.blockSignals(True)
            editor.setCurrentIndex(max(position, 0))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)
