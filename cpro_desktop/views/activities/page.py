"""Module 1's page, "Suivi des activités en entreprise": the tabs "Vue par périodes" (a class
→ its periods → one portfolio folder per apprentice → the weekly sheets) and "Vue par
apprenants" (the apprentice chosen in the shared selector → his periods → their sheets).

Sheet titles are green while the apprentice created or changed them since this reader last
read them, black once read; folders and periods carry a green badge with their unread count.
From a folder: "Éditer le journal de bord", "Éditer le bilan entreprise", "Voir cette fiche";
for the trainers of the class and the administrator, "Nouvelle période…" and "Modifier la
période…". Every read and write goes through `cpro_desktop.services.activities`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.models.enums import Role
from cpro_desktop.services.activities import (
    ActivityClass,
    PeriodEntry,
    PeriodPortfolios,
    PeriodsOverview,
    PortfolioEntry,
    PortfolioSheets,
    SheetEntry,
    SheetSnapshot,
    apprentice_portfolios,
    class_periods,
    default_period,
    delete_retired_sheet,
    period_portfolios,
    periods_overview,
    portfolio_sheets,
    unread_total,
)
from cpro_desktop.services.activities.ui_extra import sheet_version
from cpro_desktop.store.errors import CproError
from cpro_desktop.views.badges import UnreadBadgeDelegate
from cpro_desktop.views.context import AppContext

from . import ask
from .common import EntryRole
from .logbook_wizard import LogbookPage, LogbookWizard
from .models import PeriodListModel, PortfolioTreeModel
from .period_editor import PeriodEditorDialog
from .sheet_dialog import ActivitySheetDialog
from .signals import emit


class PortfolioBrowser(QWidget):
    """Portfolio folders with their sheets, and what can be done from them."""

    #: Something was saved: counts elsewhere may have changed.
    changed = Signal()
    #: A sheet unread by the reader was opened, and so marked read (its `SheetSnapshot`):
    #: the lists showing it turn it black and lower their counts, without reading again.
    sheet_read = Signal(object)

    def __init__(
        self, context: AppContext, folder_label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.loaded: dict[int, PortfolioSheets] = {}
        self.sheet_dialog: ActivitySheetDialog | None = None
        self.wizard: LogbookWizard | None = None
        self.model = PortfolioTreeModel(folder_label, self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("portfolio_tree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(UnreadBadgeDelegate(self.tree))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 0px; }")

        self.logbook_button = QPushButton(self.tr("Edit the logbook"), self)
        self.logbook_button.setObjectName("edit_logbook")
        self.review_button = QPushButton(self.tr("Edit the company review"), self)
        self.review_button.setObjectName("edit_review")
        self.view_sheet_button = QPushButton(self.tr("See this sheet"), self)
        self.view_sheet_button.setObjectName("view_sheet")
        self.delete_retired_button = QPushButton(self.tr("Delete the retired sheet…"), self)
        self.delete_retired_button.setObjectName("delete_retired")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")

        buttons = QHBoxLayout()
        for button in (self.logbook_button, self.review_button, self.view_sheet_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_retired_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

        self.tree.expanded.connect(self._expanded)
        self.tree.clicked.connect(self._clicked)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self.logbook_button.clicked.connect(lambda: self._open_selected_logbook(None))
        self.review_button.clicked.connect(lambda: self._open_selected_logbook(LogbookPage.REVIEW))
        self.view_sheet_button.clicked.connect(self._view_selected_sheet)
        self.delete_retired_button.clicked.connect(self.delete_selected_retired)
        self._update_buttons()

    # -- filling --------------------------------------------------------------------------
    def set_portfolios(self, portfolios: tuple[PortfolioEntry, ...], hint: str = "") -> None:
        self.loaded = {}
        self.model.set_portfolios(portfolios)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self._update_buttons()

    def load_sheets(self, portfolio_id: int) -> PortfolioSheets | None:
        """Read a folder's sheets (and its counts) again through the service."""
        try:
            loaded = portfolio_sheets(self.context.store, self.context.actor, portfolio_id)
        except CproError as exc:
            ask.show_error(self, self.tr("Portfolio"), str(exc))
            return None
        self.loaded[portfolio_id] = loaded
        self.model.set_sheets(loaded)
        self._update_buttons()
        return loaded

    def expand(self, portfolio_id: int) -> None:
        index = self.model.portfolio_index(portfolio_id)
        if index.isValid():
            self.tree.expand(index)  # loads its sheets (see _expanded)

    def expand_all(self) -> None:
        for portfolio in self.model.portfolios():
            self.expand(portfolio.id)

    def refresh_loaded(self) -> None:
        """Read again the folders already opened (after a sheet or a logbook changed)."""
        for portfolio_id in list(self.loaded):
            self.load_sheets(portfolio_id)

    def _expanded(self, index: QModelIndex) -> None:
        entry = self.model.portfolio_of(index)
        if entry is not None and index.internalId() == 0 and entry.id not in self.loaded:
            self.load_sheets(entry.id)
            self.tree.expand(self.model.portfolio_index(entry.id))

    def _clicked(self, index: QModelIndex) -> None:
        if index.internalId() == 0:  # a folder opens with one click, as in the seed
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def _double_clicked(self, index: QModelIndex) -> None:
        sheet = self.model.sheet_of(index)
        if sheet is not None:
            self.open_sheet(sheet.id)

    # -- selection ------------------------------------------------------------------------
    def current_portfolio(self) -> PortfolioEntry | None:
        return self.model.portfolio_of(self.tree.currentIndex())

    def current_sheet(self) -> SheetEntry | None:
        return self.model.sheet_of(self.tree.currentIndex())

    def select_sheet(self, sheet_id: int) -> bool:
        index = self.model.sheet_index(sheet_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        return index.isValid()

    def select_portfolio(self, portfolio_id: int) -> bool:
        index = self.model.portfolio_index(portfolio_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        return index.isValid()

    def _update_buttons(self, *_: object) -> None:
        portfolio = self.current_portfolio()
        sheet = self.current_sheet()
        for button in (self.logbook_button, self.review_button):
            button.setEnabled(portfolio is not None)
        self.view_sheet_button.setEnabled(sheet is not None)
        loaded = self.loaded.get(portfolio.id) if portfolio else None
        manages = loaded is not None and loaded.can_manage_periods
        self.delete_retired_button.setVisible(manages)
        self.delete_retired_button.setEnabled(manages and sheet is not None and sheet.retired)

    # -- actions --------------------------------------------------------------------------
    def open_sheet(self, sheet_id: int) -> ActivitySheetDialog | None:
        """Open a sheet (marked read for this reader: its title turns black)."""
        dialog = ActivitySheetDialog(self.context, sheet_id, self)
        if not dialog.load():
            dialog.deleteLater()
            return None
        self.sheet_dialog = dialog
        snapshot = dialog.snapshot
        portfolio_id = snapshot.portfolio_id if snapshot else None
        # Each save reads the folder again; opening and closing it change nothing but the
        # read state, told to the lists without reading them again.
        dialog.saved.connect(lambda *_: self._portfolio_changed(portfolio_id))
        if snapshot is not None and snapshot.marked_read:
            emit(self.sheet_read, snapshot)
        dialog.open()
        return dialog

    def apply_read(self, snapshot: SheetSnapshot) -> None:
        """A sheet was opened and marked read (`sheet_read`): black in this tree, one less
        in its folder's count (a retired sheet is in no count)."""
        self.model.mark_read(snapshot.portfolio_id, snapshot.id, not snapshot.retired)

    def _view_selected_sheet(self) -> None:
        sheet = self.current_sheet()
        if sheet is not None:
            self.open_sheet(sheet.id)

    def open_logbook(
        self, portfolio_id: int, page: LogbookPage | None = None
    ) -> LogbookWizard | None:
        """The logbook wizard of a portfolio, on its first page or on `page` (what that
        page shows is all it reads)."""
        wizard = LogbookWizard(self.context, portfolio_id, self)
        if not wizard.load(page if page is not None else LogbookPage.COMPANY):
            wizard.deleteLater()
            return None
        self.wizard = wizard
        wizard.changed.connect(lambda: self._portfolio_changed(portfolio_id))
        wizard.sheet_read.connect(lambda snapshot: emit(self.sheet_read, snapshot))
        wizard.open()
        if page is not None:
            wizard.go_to(page)
        return wizard

    def _open_selected_logbook(self, page: LogbookPage | None) -> None:
        portfolio = self.current_portfolio()
        if portfolio is not None:
            self.open_logbook(portfolio.id, page)

    def _portfolio_changed(self, portfolio_id: int | None) -> None:
        if portfolio_id is not None and self.model.row_of_portfolio(portfolio_id) >= 0:
            self.load_sheets(portfolio_id)
        emit(self.changed)

    def delete_selected_retired(self) -> None:
        """Delete on purpose a retired sheet with its content, after a confirmation."""
        sheet, portfolio = self.current_sheet(), self.current_portfolio()
        if sheet is None or portfolio is None or not sheet.retired:
            return
        title = self.tr("Delete the retired sheet")
        question = (
            self.tr(
                "Week %1 [%2] left the period, but its sheet holds content (%3 attachment(s), "
                "%4 comment(s)). Delete it for good, with everything it holds?"
            )
            .replace("%1", str(sheet.iso_week))
            .replace("%2", str(sheet.iso_year))
            .replace("%3", str(sheet.attachment_count))
            .replace("%4", str(sheet.comment_count))
        )
        if sheet.title:
            question = f"« {sheet.title} »\n\n{question}"
        if not ask.confirm(self, title, question):
            return
        try:
            version = sheet_version(self.context.store, self.context.actor, sheet.id)
            delete_retired_sheet(self.context.store, self.context.actor, sheet.id, version=version)
        except CproError as exc:
            ask.show_error(self, title, str(exc))
            return
        self._portfolio_changed(portfolio.id)


class PeriodsTab(QWidget):
    """ "Vue par périodes": a class, its periods, then a folder per apprentice. Read when it
    is first shown (or given what it opens on: `load()`), again when shown stale."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.classes: tuple[ActivityClass, ...] = ()
        self.editor: PeriodEditorDialog | None = None
        #: Never read, or read before something changed: read again when shown.
        self.stale = True
        self._loaded = False
        #: The folders of the period about to be chosen, when they came with its class.
        self._opened: PeriodPortfolios | None = None
        self.class_combo = QComboBox(self)
        self.class_combo.setObjectName("class_combo")
        self.class_combo.setMinimumWidth(280)
        self.new_period_button = QPushButton(self.tr("New period…"), self)
        self.new_period_button.setObjectName("new_period")
        self.edit_period_button = QPushButton(self.tr("Change the period…"), self)
        self.edit_period_button.setObjectName("edit_period")
        self.periods_model = PeriodListModel(self)
        self.periods_view = QListView(self)
        self.periods_view.setObjectName("periods_view")
        self.periods_view.setModel(self.periods_model)
        self.periods_view.setItemDelegate(UnreadBadgeDelegate(self.periods_view))
        self.periods_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.periods_view.setWordWrap(True)
        self.periods_view.setSpacing(2)
        self.periods_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.periods_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.periods_view.setUniformItemSizes(False)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555; font-style: italic;")
        self.period_heading = QLabel(self)
        self.period_heading.setWordWrap(True)
        self.browser = PortfolioBrowser(context, "apprentice", self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Class:"), self))
        top.addWidget(self.class_combo)
        top.addStretch(1)
        top.addWidget(self.new_period_button)
        top.addWidget(self.edit_period_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>" + self.tr("Company periods") + "</b>", left))
        left_layout.addWidget(self.periods_view, 1)
        left_layout.addWidget(self.empty_label)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.period_heading)
        right_layout.addWidget(self.browser, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.class_combo.currentIndexChanged.connect(self._class_chosen)
        self.periods_view.selectionModel().currentChanged.connect(self._period_chosen)
        self.new_period_button.clicked.connect(self.new_period)
        self.edit_period_button.clicked.connect(self.edit_period)
        self.browser.changed.connect(self._browser_changed)

    # -- loading --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def mark_stale(self) -> None:
        """Something changed: read again now if shown, else when shown."""
        self.stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the view again; the class and the period stay chosen once read."""
        if not self._loaded:
            self.load()
            return
        self.stale = False
        period = self.current_period()
        self.reload_periods(keep=period.id if period else None)

    def load(self, overview: PeriodsOverview | None = None) -> None:
        """The classes of the picker (current school year first), then the first class and
        the period it opens on, read in one call, or as `overview` brings them."""
        self.stale = False
        self._loaded = True
        if overview is None:
            try:
                overview = periods_overview(self.context.store, self.context.actor)
            except CproError as exc:
                ask.show_error(self, self.tr("Company activity follow-up"), str(exc))
                overview = PeriodsOverview((), (), None)
        self.classes = overview.classes
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for entry in self.classes:
            self.class_combo.addItem(f"{entry.name} ({entry.school_year})", entry.id)
        if self.classes:
            self.class_combo.setCurrentIndex(0)
        self.class_combo.blockSignals(False)
        if self.classes:
            self._update_buttons()
            self._show_periods(overview.periods, None, overview.opened)
        else:
            self.periods_model.set_rows(())
            self.browser.set_portfolios(())
            self.empty_label.setText(self.tr("No class to show."))
            self._update_buttons()

    def current_class(self) -> ActivityClass | None:
        row = self.class_combo.currentIndex()
        return self.classes[row] if 0 <= row < len(self.classes) else None

    def current_period(self) -> PeriodEntry | None:
        return self.periods_view.currentIndex().data(EntryRole)

    def select_class(self, name: str) -> bool:
        for row, entry in enumerate(self.classes):
            if entry.name == name:
                self.class_combo.setCurrentIndex(row)
                return True
        return False

    def select_period(self, name: str) -> bool:
        for row, entry in enumerate(self.periods_model.rows()):
            if entry.name == name:
                self.periods_view.setCurrentIndex(self.periods_model.index(row))
                return True
        return False

    def _class_chosen(self, _row: int) -> None:
        self.reload_periods(keep=None)

    def reload_periods(self, keep: int | None) -> None:
        """The periods of the class; select `keep`, else the latest started period."""
        entry = self.current_class()
        self._update_buttons()
        if entry is None:
            return
        try:
            periods = class_periods(self.context.store, self.context.actor, entry.id)
        except CproError as exc:
            ask.show_error(self, self.tr("Company periods"), str(exc))
            periods = ()
        self._show_periods(periods, keep)

    def _show_periods(
        self,
        periods: tuple[PeriodEntry, ...],
        keep: int | None,
        opened: PeriodPortfolios | None = None,
    ) -> None:
        """Show the class's periods, `keep` chosen, else the latest started (`opened`: its
        folders, already read)."""
        self.periods_model.set_rows(periods)
        self.empty_label.setText(self.tr("No period for this class yet.") if not periods else "")
        self.empty_label.setVisible(not periods)
        if not periods:
            self.period_heading.setText("")
            self.browser.set_portfolios(())
            return
        row = self.periods_model.row_of_id(keep) if keep is not None else -1
        if row < 0:
            row = self.periods_model.row_of_id(default_period(periods))
        self._opened = opened
        try:
            self.periods_view.setCurrentIndex(self.periods_model.index(row))
        finally:
            self._opened = None

    def _period_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry: PeriodEntry | None = current.data(EntryRole)
        self._update_buttons()
        if entry is None:
            return
        loaded = self._opened
        if loaded is None or loaded.period.id != entry.id:
            try:
                loaded = period_portfolios(self.context.store, self.context.actor, entry.id)
            except CproError as exc:
                ask.show_error(self, self.tr("Company periods"), str(exc))
                return
        self.period_heading.setText(f"<b>{loaded.period.label}</b>")
        hint = (
            self.tr("No portfolio you may read in this period.")
            if not loaded.portfolios
            else self.tr(
                "Click a folder to open it; a green title is a sheet the apprentice wrote or "
                "changed since you last read it."
            )
        )
        self.browser.set_portfolios(loaded.portfolios, hint)

    def _update_buttons(self) -> None:
        entry = self.current_class()
        manages = entry is not None and entry.can_manage_periods
        self.new_period_button.setVisible(manages)
        self.edit_period_button.setVisible(manages)
        self.edit_period_button.setEnabled(manages and self.current_period() is not None)

    def _browser_changed(self) -> None:
        period = self.current_period()
        entry = self.current_class()
        if period is not None and entry is not None:
            try:
                periods = class_periods(self.context.store, self.context.actor, entry.id)
            except CproError:
                periods = None
            if periods is not None:
                current = self.periods_view.currentIndex().row()
                self.periods_view.selectionModel().blockSignals(True)
                self.periods_model.set_rows(periods)
                self.periods_view.setCurrentIndex(self.periods_model.index(current))
                self.periods_view.selectionModel().blockSignals(False)
        emit(self.changed)

    def apply_read(self, snapshot: SheetSnapshot) -> None:
        """A sheet was opened and marked read: black in the folders, one less unread in
        its period (see `PortfolioBrowser.sheet_read`)."""
        self.browser.apply_read(snapshot)
        if not snapshot.retired:
            self.periods_model.one_read(snapshot.period_id)

    # -- periods --------------------------------------------------------------------------
    def new_period(self) -> PeriodEditorDialog | None:
        entry = self.current_class()
        return self._open_editor(entry.id, None) if entry else None

    def edit_period(self) -> PeriodEditorDialog | None:
        entry, period = self.current_class(), self.current_period()
        return self._open_editor(entry.id, period.id) if entry and period else None

    def _open_editor(self, class_id: int, period_id: int | None) -> PeriodEditorDialog | None:
        dialog = PeriodEditorDialog(self.context, class_id, period_id, self)
        if not dialog.load():
            dialog.deleteLater()
            return None
        self.editor = dialog
        dialog.accepted.connect(lambda: self._period_saved(dialog))
        dialog.open()
        return dialog

    def _period_saved(self, dialog: PeriodEditorDialog) -> None:
        saved = dialog.result_saved
        self.reload_periods(keep=saved.period.id if saved else None)
        emit(self.changed)


class ApprenticesTab(QWidget):
    """ "Vue par apprenants": the apprentice of the shared selector, his periods, their
    sheets. Read when shown: a hidden view only notes the apprentice chosen."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.apprentice_id: int | None = None
        #: The apprentice changed, or something else did, since the view last read.
        self.stale = True
        #: The heading's label and unread count, as shown.
        self._heading = ("", 0)
        self.heading = QLabel(self)
        self.heading.setObjectName("apprentice_heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.browser = PortfolioBrowser(context, "period", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        self.browser.changed.connect(self._browser_changed)

    def show_apprentice(self, apprentice_id: int | None) -> None:
        """Follow the selector: his periods by date, the latest one opened, read now if the
        view is shown, else when it shows."""
        self.apprentice_id = apprentice_id
        self.mark_stale()

    def mark_stale(self) -> None:
        self.stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def reload(self) -> None:
        """Read the apprentice's periods again, the latest one opened."""
        self.stale = False
        apprentice_id = self.apprentice_id
        if apprentice_id is None:
            self.heading.setText(self.tr("Choose an apprentice in the selector above."))
            self.browser.set_portfolios(())
            return
        try:
            view = apprentice_portfolios(self.context.store, self.context.actor, apprentice_id)
        except CproError as exc:
            self.heading.setText(str(exc))
            self.browser.set_portfolios(())
            return
        self._show_heading(view.label, view.unread_count)
        hint = "" if view.portfolios else self.tr("No company period yet.")
        self.browser.set_portfolios(view.portfolios, hint)
        if view.portfolios:
            latest = view.portfolios[-1].id
            self.browser.expand(latest)
            self.browser.select_portfolio(latest)

    def apply_read(self, snapshot: SheetSnapshot) -> None:
        """A sheet was opened and marked read: black in the folders, one less unread in
        the heading if it is this apprentice's (see `PortfolioBrowser.sheet_read`)."""
        self.browser.apply_read(snapshot)
        label, unread = self._heading
        if snapshot.apprentice_id == self.apprentice_id and not snapshot.retired and unread:
            self._show_heading(label, unread - 1)

    def _show_heading(self, label: str, unread: int) -> None:
        self._heading = (label, unread)
        text = f"<span style='font-size:12pt; font-weight:bold'>{label}</span>"
        if unread:
            count = self.tr("%1 sheet(s) not read").replace("%1", str(unread))
            text += f" &nbsp; <span style='color:#2e7d32'>{count}</span>"
        self.heading.setText(text)

    def _browser_changed(self) -> None:
        if self.apprentice_id is not None:
            try:
                view = apprentice_portfolios(
                    self.context.store, self.context.actor, self.apprentice_id
                )
            except CproError:
                view = None
            if view is not None:
                self._show_heading(view.label, view.unread_count)
        emit(self.changed)


class ActivitiesPage(QWidget):
    """The module page: "Vue par périodes" and "Vue par apprenants"."""

    #: The reader's unread sheets over all his apprentices (the module entry's counter).
    unread_changed = Signal(int)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        periods: PeriodsOverview | None = None,
        unread: int | None = None,
    ) -> None:
        """`periods`: the period view as it opens, already read (the main window's start);
        `unread`: the module entry's counter, already known. Each view reads when it is
        shown, and again when shown after something changed."""
        super().__init__(parent)
        self.setObjectName("activities_page")
        self.context = context
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("activities_tabs")
        self.periods_tab = PeriodsTab(context, self)
        self.apprentices_tab = ApprenticesTab(context, self)
        self.tabs.addTab(self.periods_tab, self.tr("By period"))
        self.tabs.addTab(self.apprentices_tab, self.tr("By apprentice"))
        heading = QLabel("<h2>" + self.tr("Company activity follow-up") + "</h2>", self)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setToolTip(
            self.tr("Read the lists again (what others saved meanwhile, the read state).")
        )
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.periods_tab.changed.connect(self._changed)
        self.apprentices_tab.changed.connect(self._changed)
        self.periods_tab.browser.sheet_read.connect(self._sheet_read)
        self.apprentices_tab.browser.sheet_read.connect(self._sheet_read)
        context.selection.changed.connect(self.apprentices_tab.show_apprentice)
        if periods is not None:
            self.periods_tab.load(periods)
        self.apprentices_tab.apprentice_id = context.selection.apprentice_id
        if context.actor.role == Role.APPRENTICE:
            self.tabs.setCurrentWidget(self.apprentices_tab)
        #: The reader's unread sheets over all his apprentices (None: not counted yet).
        self.unread: int | None = unread
        #: Counted when the page shows (not given, or something changed meanwhile).
        self._count_due = unread is None

    def refresh(self) -> None:
        """Read both views again (the class, the period and the apprentice stay chosen):
        the one shown now, the other when shown; and the counter."""
        self.mark_stale()

    def mark_stale(self) -> None:
        """Something was saved elsewhere: each view reads again when shown (the one shown
        now), the counter with the page."""
        self.periods_tab.mark_stale()
        self.apprentices_tab.mark_stale()
        self._count_due = not self.isVisible()
        if not self._count_due:
            self._changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._count_due:
            self._changed()

    def unread_count(self) -> int:
        """The reader's unread sheets over all his apprentices (as given, or counted when
        first asked; again after each read or save)."""
        if self.unread is None:
            self._changed()
        return self.unread or 0

    def _sheet_read(self, snapshot: SheetSnapshot) -> None:
        """A sheet was opened and marked read, from either view: both views and the
        counter show it read, without reading anything again."""
        self.periods_tab.apply_read(snapshot)
        self.apprentices_tab.apply_read(snapshot)
        if not snapshot.retired and self.unread:
            self.unread -= 1
            emit(self.unread_changed, self.unread)

    def _changed(self) -> None:
        self._count_due = False
        try:
            self.unread = unread_total(self.context.store, self.context.actor)
        except CproError:
            return
        emit(self.unread_changed, self.unread)
