"""Module 2's page, "Tableaux de bord de l'apprenti": the filters, the "Vue par compétences"
and the "Vue par activités" of the apprentice chosen in the shared selector.

Each view is built from one snapshot, loaded when the apprentice changes (the hidden view
when its tab is first shown); the filters re-lay the loaded snapshot out in memory. From
here a trainer enters a grid for the apprentice or his class, a tutor a company grid, and
their author changes a grid not yet taken into account (double-click on its column).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.models.enums import Origin, Role
from cpro_desktop.services import audit
from cpro_desktop.services.dashboard import (
    ActivitiesSnapshot,
    CompetenceSnapshot,
    DashboardFilters,
    RowKind,
    activities_layout,
    activities_snapshot,
    competence_layout,
    competence_snapshot,
)
from cpro_desktop.services.rating_grids import class_grid_form, edit_grid_form, grid_form
from cpro_desktop.store import CproError
from cpro_desktop.views import ask, faults
from cpro_desktop.views.context import AppContext
from cpro_desktop.views.dashboard.delegate import DashboardDelegate
from cpro_desktop.views.dashboard.filters import FiltersBar
from cpro_desktop.views.dashboard.frozen import FrozenColumnTableView
from cpro_desktop.views.dashboard.grid_dialog import RatingGridDialog
from cpro_desktop.views.dashboard.legend import ActivitiesLegend, CompetenceLegend
from cpro_desktop.views.dashboard.models import ActivitiesTableModel, CompetenceTableModel

COMPETENCE_ROW_HEIGHTS = {RowKind.COMPETENCE: 30, RowKind.CRITERION: 24, RowKind.REVIEWS: 28}
ACTIVITY_ROW_HEIGHTS = {RowKind.TITLE: 28, RowKind.AREA: 26, RowKind.TASK: 24}
GRID_COLUMN_WIDTH = 28
REVIEW_COLUMN_WIDTH = 34
WEEK_COLUMN_WIDTH = 36


class CompetenceView(FrozenColumnTableView):
    """The "Vue par compétences" table (labels frozen, dates written upwards)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, rotated_header=True, label_width=440, cell_width=GRID_COLUMN_WIDTH)
        self.setObjectName("competence_view")
        self.setItemDelegate(DashboardDelegate(self, cell_size=QSize(GRID_COLUMN_WIDTH, 24)))

    def apply_sizes(self, model: CompetenceTableModel) -> None:
        """Fixed column widths and row heights for what the model now shows."""
        for column in range(1, model.columnCount()):
            info = model.column_at(column)
            width = REVIEW_COLUMN_WIDTH if info and info.review else GRID_COLUMN_WIDTH
            self.setColumnWidth(column, width)
        self.set_row_heights(
            [COMPETENCE_ROW_HEIGHTS[model.row_kind(row)] for row in range(model.rowCount())]
        )


class ActivitiesView(FrozenColumnTableView):
    """The "Vue par activités" table (labels frozen, weeks grouped by training year)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, rotated_header=False, label_width=460, cell_width=WEEK_COLUMN_WIDTH
        )
        self.setObjectName("activities_view")
        self.setItemDelegate(DashboardDelegate(self, cell_size=QSize(WEEK_COLUMN_WIDTH, 24)))

    def apply_sizes(self, model: ActivitiesTableModel) -> None:
        for column in range(1, model.columnCount()):
            self.setColumnWidth(column, WEEK_COLUMN_WIDTH)
        self.set_row_heights(
            [ACTIVITY_ROW_HEIGHTS[model.row_kind(row)] for row in range(model.rowCount())]
        )


class DashboardPage(QWidget):
    """The apprentice's dashboard, following `context.selection`."""

    COMPETENCES, ACTIVITIES = 0, 1

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("dashboard_page")
        self.apprentice_id: int | None = None
        self.competences: CompetenceSnapshot | None = None
        self.activities: ActivitiesSnapshot | None = None
        self.grid_dialog: RatingGridDialog | None = None

        self.title_label = QLabel(self)
        self.title_label.setObjectName("dashboard_title")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() + 3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.message = QLabel(self)
        self.message.setObjectName("dashboard_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.filters_bar = FiltersBar(self)

        self.new_grid_button = QPushButton(self.tr("&New rating grid…"), self)
        self.class_grid_button = QPushButton(self.tr("&Class grid…"), self)
        self.edit_grid_button = QPushButton(self.tr("C&hange the grid…"), self)
        self.edit_grid_button.setToolTip(
            self.tr("Change the grid of the selected column (yours, not yet reviewed)")
        )
        self.review_button = QPushButton(self.tr("Interim &review…"), self)
        self.review_button.setToolTip(
            self.tr("Start or resume an interim competence review in the centre")
        )
        self.pdf_button = QPushButton(self.tr("Export to &PDF…"), self)
        self.csv_button = QPushButton(self.tr("Export to CS&V…"), self)
        actions = QHBoxLayout()
        for button in (
            self.new_grid_button,
            self.class_grid_button,
            self.edit_grid_button,
            self.review_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.csv_button)

        self.competence_model = CompetenceTableModel(self)
        self.activities_model = ActivitiesTableModel(self)
        self.competence_view = CompetenceView(self)
        self.competence_view.setModel(self.competence_model)
        self.activities_view = ActivitiesView(self)
        self.activities_view.setModel(self.activities_model)
        self.competence_legend = CompetenceLegend(self)
        self.activities_legend = ActivitiesLegend(self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dashboard_tabs")
        for view, legend, title in (
            (self.competence_view, self.competence_legend, self.tr("View by competences")),
            (self.activities_view, self.activities_legend, self.tr("View by activities")),
        ):
            tab = QWidget(self.tabs)
            box = QVBoxLayout(tab)
            box.setContentsMargins(2, 2, 2, 2)
            view.setParent(tab)
            legend.setParent(tab)
            box.addWidget(view, 1)
            box.addWidget(legend)
            self.tabs.addTab(tab, title)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.filters_bar)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

        self.filters_bar.changed.connect(self._filters_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.new_grid_button.clicked.connect(self.new_grid)
        self.class_grid_button.clicked.connect(self.new_class_grid)
        self.edit_grid_button.clicked.connect(self.edit_selected_grid)
        self.review_button.clicked.connect(self.open_interim_review)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button.clicked.connect(self.export_csv)
        self.competence_view.doubleClicked.connect(self._cell_double_clicked)
        self.competence_view.horizontalHeader().sectionDoubleClicked.connect(
            self._header_double_clicked
        )
        self.competence_view.selectionModel().currentChanged.connect(self._update_actions)
        context.selection.changed.connect(self.show_apprentice)
        self.show_apprentice(context.selection.apprentice_id)

    # -- loading ------------------------------------------------------------------------------
    def show_apprentice(self, apprentice_id: int | None) -> None:
        """Show the dashboard of `apprentice_id` (None: nobody chosen)."""
        self.apprentice_id = apprentice_id
        self.competences = None
        self.activities = None
        self.reload()

    def reload(self) -> None:
        """Read the current view's snapshot again (after a change, or a new apprentice)."""
        self.competences = None
        self.activities = None
        self._load_current()

    def _load_current(self) -> None:
        self.message.hide()
        if self.apprentice_id is None:
            self._show_nothing(self.tr("Choose an apprentice to see his dashboard."))
            return
        store, actor = self.context.store, self.context.actor
        try:
            if self.tabs.currentIndex() == self.COMPETENCES and self.competences is None:
                self.competences = competence_snapshot(store, actor, self.apprentice_id)
            elif self.tabs.currentIndex() == self.ACTIVITIES and self.activities is None:
                self.activities = activities_snapshot(store, actor, self.apprentice_id)
        except CproError as exc:
            self._show_nothing(str(exc))
            return
        self._relayout()

    def _show_nothing(self, message: str) -> None:
        self.competences = None
        self.activities = None
        self.title_label.setText(self.tr("Apprentice dashboard"))
        self.message.setText(message)
        self.message.show()
        self.competence_model.set_layout(None)
        self.activities_model.set_layout(None)
        self._update_actions()

    def _relayout(self) -> None:
        """Apply the filters to the loaded snapshot(s): in memory, no query."""
        snapshot = self.competences or self.activities
        if snapshot is None:
            return
        header = snapshot.apprentice
        parts = [header.display_name, header.class_name, header.diploma_name]
        self.title_label.setText(" — ".join(p for p in parts if p))
        if self.tabs.currentIndex() == self.COMPETENCES and self.competences is not None:
            self.filters_bar.set_choices(
                self.competences.units, self.competences.used_school_years()
            )
        elif self.activities is not None:
            self.filters_bar.set_choices((), self.activities.used_school_years())
        self.filters_bar.set_units_enabled(self.tabs.currentIndex() == self.COMPETENCES)
        filters = self.filters_bar.filters()
        self.apply_filters(filters)

    def apply_filters(self, filters: DashboardFilters) -> None:
        """Lay the loaded snapshots out again for `filters` (the models are reset)."""
        if self.competences is not None:
            self.competence_model.set_layout(competence_layout(self.competences, filters))
            self.competence_view.apply_sizes(self.competence_model)
        if self.activities is not None:
            self.activities_model.set_layout(activities_layout(self.activities, filters))
            self.activities_view.apply_sizes(self.activities_model)
        self._update_actions()

    def _filters_changed(self, filters: DashboardFilters) -> None:
        self.apply_filters(filters)

    def _tab_changed(self, _index: int) -> None:
        self._load_current()

    # -- interim review -------------------------------------------------------------------
    def open_interim_review(self) -> None:
        """The centre's interim review of this apprentice; validating it moves the black line."""
        if self.competences is None:
            return
        from cpro_desktop.views.reviews import CentreReviewDialog

        dialog = CentreReviewDialog(self.context, self.competences.apprentice.id, self)
        dialog.review_validated.connect(lambda _review: self.reload())
        dialog.open()
        self.review_dialog = dialog

    # -- grids --------------------------------------------------------------------------------
    def _update_actions(self, *_args: object) -> None:
        snapshot = self.competences
        on_competences = self.tabs.currentIndex() == self.COMPETENCES
        can_rate = bool(snapshot and (snapshot.can_rate_in_centre or snapshot.can_rate_in_company))
        self.new_grid_button.setVisible(can_rate and on_competences)
        self.class_grid_button.setVisible(
            bool(snapshot and snapshot.can_rate_in_centre and snapshot.apprentice.school_class_id)
            and self.context.actor.role in (Role.TRAINER, Role.ADMIN)
            and on_competences
        )
        self.edit_grid_button.setVisible(can_rate and on_competences)
        # Interim reviews in the centre need the same relation as centre ratings (trainer).
        self.review_button.setVisible(bool(snapshot and snapshot.can_rate_in_centre))
        self.edit_grid_button.setEnabled(self._selected_editable_grid() is not None)
        has_data = bool(
            (self.competences and on_competences) or (self.activities and not on_competences)
        )
        self.pdf_button.setEnabled(has_data)
        self.csv_button.setEnabled(has_data)

    def _selected_editable_grid(self) -> int | None:
        column = self.competence_model.column_at(self.competence_view.currentIndex().column())
        if column is None or column.grid is None or not column.grid.editable:
            return None
        return column.grid.id

    def new_grid(self) -> None:
        """A new grid for this apprentice: in the centre (trainer) or the company (tutor)."""
        snapshot = self.competences
        if snapshot is None or self.apprentice_id is None:
            return
        origin = Origin.CENTRE if snapshot.can_rate_in_centre else Origin.COMPANY
        self._open_dialog(
            lambda: grid_form(self.context.store, self.context.actor, self.apprentice_id, origin)
        )

    def new_class_grid(self) -> None:
        """A centre grid for the whole class of this apprentice."""
        snapshot = self.competences
        if snapshot is None or snapshot.apprentice.school_class_id is None:
            return
        class_id = snapshot.apprentice.school_class_id
        self._open_dialog(lambda: class_grid_form(self.context.store, self.context.actor, class_id))

    def edit_selected_grid(self) -> None:
        grid_id = self._selected_editable_grid()
        if grid_id is not None:
            self.edit_grid(grid_id)

    def edit_grid(self, grid_id: int) -> None:
        """Change a grid (the service refuses it when taken into account or not ours)."""
        self._open_dialog(lambda: edit_grid_form(self.context.store, self.context.actor, grid_id))

    def _cell_double_clicked(self, index: QModelIndex) -> None:
        self._header_double_clicked(index.column())

    def _header_double_clicked(self, section: int) -> None:
        column = self.competence_model.column_at(section)
        if column is not None and column.grid is not None and column.grid.editable:
            self.edit_grid(column.grid.id)

    def _open_dialog(self, load) -> None:
        try:
            form = load()
        except CproError as exc:
            ask.show_error(self, self.tr("Rating grid"), str(exc))
            return
        dialog = RatingGridDialog(self.context, form, self)
        self.grid_dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: RatingGridDialog) -> None:
        if dialog.saved:
            self.reload()
        dialog.deleteLater()
        self.grid_dialog = None

    # -- export -------------------------------------------------------------------------------
    def _suggested(self, extension: str) -> str:
        snapshot = self.competences or self.activities
        name = snapshot.apprentice.display_name if snapshot else ""
        view = "compétences" if self.tabs.currentIndex() == self.COMPETENCES else "activités"
        stem = re.sub(r"[\\/:*?\"<>|]+", "-", f"Tableau de bord - {name} - {view}")
        return str(Path.home() / f"{stem}.{extension}")

    def export_pdf(self) -> None:
        """The current view, as filtered, to a landscape PDF with its legend."""
        path = ask.save_file(
            self, self.tr("Export to PDF"), self._suggested("pdf"), self.tr("PDF (*.pdf)")
        )
        if not path or not self._log_print(self.tr("Export to PDF"), "PDF"):
            return
        from cpro_desktop.reports import dashboard as report  # ReportLab: loaded when used

        try:
            if self.tabs.currentIndex() == self.COMPETENCES and self.competence_model.layout:
                report.competence_pdf(self.competence_model.layout, path)
            elif self.activities_model.layout:
                report.activities_pdf(self.activities_model.layout, path)
        except OSError as exc:
            faults.retry_wanted(self, self.tr("Export to PDF"), exc)

    def _log_print(self, title: str, file_format: str) -> bool:
        """Write the export of the view into the audit trail before the file; False (and the
        refusal shown) if the trail refuses it."""
        snapshot = self.competences or self.activities
        if snapshot is None:
            return False
        view = (
            "vue par compétences"
            if self.tabs.currentIndex() == self.COMPETENCES
            else ("vue par activités")
        )
        try:
            audit.log_print(
                self.context.store,
                self.context.actor,
                audit.AuditAction.PRINT_DASHBOARD,
                snapshot.apprentice.id,
                f"Tableau de bord, {view} ({file_format})",
            )
        except CproError as exc:
            if faults.retry_wanted(self, title, exc):
                return self._log_print(title, file_format)
            return False
        return True

    def export_csv(self) -> None:
        """The current view, as filtered, to a CSV file for a spreadsheet."""
        path = ask.save_file(
            self, self.tr("Export to CSV"), self._suggested("csv"), self.tr("CSV (*.csv)")
        )
        if not path or not self._log_print(self.tr("Export to CSV"), "CSV"):
            return
        from cpro_desktop.reports import dashboard as report  # ReportLab: loaded when used

        try:
            if self.tabs.currentIndex() == self.COMPETENCES and self.competence_model.layout:
                report.competence_csv(self.competence_model.layout, path)
            elif self.activities_model.layout:
                report.activities_csv(self.activities_model.layout, path)
        except OSError as exc:
            faults.retry_wanted(self, self.tr("Export to CSV"), exc)
