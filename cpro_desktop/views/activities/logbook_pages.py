"""The six pages of the logbook wizard (journal de bord), each showing its part of one
`LogbookSnapshot` and saving what it holds through the services.

A page says whether it holds unsaved changes (`is_dirty()`), saves them (`save()`, False
when the save failed or the user went back to editing) or drops them (`discard()`); the
wizard asks before leaving a page with changes.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from cpro_desktop import config
from cpro_desktop.models.enums import RATING_RESULT_LABELS
from cpro_desktop.services import audit
from cpro_desktop.services.activities import (
    CompanyInfo,
    LogbookConflict,
    LogbookSnapshot,
    LogbookTexts,
    PeriodReviewConflict,
    PeriodReviewForm,
    PersonInfo,
    TaskGrid,
    format_date,
    save_logbook,
    save_period_review,
    save_task_grid,
)
from cpro_desktop.store.errors import CproError
from cpro_desktop.views import faults
from cpro_desktop.views.context import AppContext

from . import ask
from .attachments import AttachmentsPanel
from .common import EntryRole, from_qdate, html_text, set_read_only, to_qdate
from .conflict import ConflictChoice, ConflictDialog, OtherVersionPanel, Section
from .grid import BY_APPRENTICE, BY_TRAINER_OR_TUTOR, NOT_SAVED, TaskGridModel
from .map_widget import CompanyMap
from .models import SheetListModel
from .review_model import ResultDelegate, ReviewCriteriaModel
from .signals import emit

DATE_FORMAT = "dd/MM/yyyy"


class LogbookPageBase(QWizardPage):
    """What the wizard expects of a page (no user-visible string here: see the pages)."""

    dirty_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.snapshot: LogbookSnapshot | None = None

    def load(self, snapshot: LogbookSnapshot) -> None:
        self.snapshot = snapshot

    def is_dirty(self) -> bool:
        return False

    def can_save(self) -> bool:
        return False

    def save(self) -> bool:
        return True

    def discard(self) -> None:
        if self.snapshot is not None:
            self.load(self.snapshot)

    def initializePage(self) -> None:
        """Entering the page (forward): show the wizard's latest snapshot, read first if
        it lacks what this page shows (see `LogbookWizard.page_entered`)."""
        wizard = self.wizard()
        if hasattr(wizard, "page_entered"):
            wizard.page_entered(self)
        elif self.snapshot is not None and not self.is_dirty():
            self.load(self.snapshot)


def _person_html(person: PersonInfo | None, none_text: str) -> str:
    if person is None:
        return f"<i>{escape(none_text)}</i>"
    parts = [f"<b>{escape(person.name)}</b>"]
    parts += [escape(p) for p in (person.job_title, person.phone, person.email) if p]
    return "<br>".join(parts)


def _spaced(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


# -- 1. Entreprise d'accueil --------------------------------------------------------------------


class CompanyPage(LogbookPageBase):
    """The host company, the tutor and the referent; the apprentice's place of work,
    contacts and presentation of the company."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Host company"))
        self.setSubTitle(self.tr("Where the apprentice works, and who follows him there."))
        self.version: int | None = None
        self._read = LogbookTexts()
        self.company_label = QLabel(self)
        self.company_label.setObjectName("company_info")
        self.company_label.setTextFormat(Qt.TextFormat.RichText)
        self.company_label.setWordWrap(True)
        self.company_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.tutor_label = QLabel(self)
        self.tutor_label.setWordWrap(True)
        self.tutor_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.referent_label = QLabel(self)
        self.referent_label.setWordWrap(True)
        self.referent_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        people = QHBoxLayout()
        for caption, label in (
            (self.tr("Company"), self.company_label),
            (self.tr("Apprenticeship master"), self.tutor_label),
            (self.tr("Referent trainer"), self.referent_label),
        ):
            box = QGroupBox(caption, self)
            QVBoxLayout(box).addWidget(label)
            people.addWidget(box, 1)
        self.place_edit = QPlainTextEdit(self)
        self.place_edit.setObjectName("place_of_work")
        self.place_edit.setMaximumHeight(60)
        self.contacts_edit = QPlainTextEdit(self)
        self.contacts_edit.setObjectName("contacts")
        self.contacts_edit.setMaximumHeight(70)
        self.presentation_edit = QPlainTextEdit(self)
        self.presentation_edit.setObjectName("presentation")
        self.other_version = OtherVersionPanel(self)
        form = QFormLayout()
        form.addRow(self.tr("Place of work:"), self.place_edit)
        form.addRow(self.tr("Contacts:"), self.contacts_edit)
        form.addRow(self.tr("Presentation of the company:"), self.presentation_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(people)
        layout.addWidget(self.other_version)
        layout.addLayout(form, 1)
        for edit in (self.place_edit, self.contacts_edit, self.presentation_edit):
            edit.textChanged.connect(self.dirty_changed)

    def load(self, snapshot: LogbookSnapshot) -> None:
        super().load(snapshot)
        company = snapshot.company
        if company is None:
            self.company_label.setText("<i>" + escape(self.tr("No company recorded.")) + "</i>")
        else:
            lines = [f"<b>{escape(company.name)}</b>", escape(company.full_address)]
            lines += [escape(p) for p in (company.phone, company.email) if p]
            self.company_label.setText("<br>".join(lines))
        self.tutor_label.setText(_person_html(snapshot.tutor, self.tr("Not recorded.")))
        self.referent_label.setText(_person_html(snapshot.referent, self.tr("Not recorded.")))
        self._show_texts(snapshot.texts, snapshot.logbook_version)
        for edit in (self.place_edit, self.contacts_edit, self.presentation_edit):
            set_read_only(edit, not snapshot.can_write)

    def _show_texts(self, texts: LogbookTexts, version: int | None) -> None:
        self._read = texts
        self.version = version
        self.place_edit.setPlainText(texts.place_of_work)
        self.contacts_edit.setPlainText(texts.contacts)
        self.presentation_edit.setPlainText(texts.presentation)
        emit(self.dirty_changed)

    def texts(self) -> LogbookTexts:
        return LogbookTexts(
            self.place_edit.toPlainText(),
            self.contacts_edit.toPlainText(),
            self.presentation_edit.toPlainText(),
        )

    def can_save(self) -> bool:
        return self.snapshot is not None and self.snapshot.can_write

    def is_dirty(self) -> bool:
        return self.can_save() and self.texts() != self._read

    def save(self) -> bool:
        if not self.is_dirty() or self.snapshot is None:
            return True
        title = self.tr("Save the logbook")
        portfolio_id = self.snapshot.portfolio.id
        try:
            saved = save_logbook(
                self.context.store,
                self.context.actor,
                portfolio_id,
                self.texts(),
                version=self.version,
            )
        except LogbookConflict as conflict:
            return self._resolve(conflict)
        except CproError as exc:
            if faults.retry_wanted(self, title, exc, ask.show_error):
                return self.save()
            return False
        self.snapshot = saved
        self._show_texts(saved.texts, saved.logbook_version)
        return True

    def _resolve(self, conflict: LogbookConflict) -> bool:
        assert self.snapshot is not None
        theirs, mine = conflict.theirs, conflict.mine
        sections: list[Section] = [
            (self.tr("Place of work"), theirs.place_of_work, mine.place_of_work),
            (self.tr("Contacts"), theirs.contacts, mine.contacts),
            (self.tr("Presentation of the company"), theirs.presentation, mine.presentation),
        ]
        dialog = ConflictDialog(str(conflict), sections, self.tr("Their version"), self)
        ask.run_dialog(dialog)
        if dialog.choice == ConflictChoice.KEEP_MINE:
            while True:
                try:
                    saved = save_logbook(
                        self.context.store,
                        self.context.actor,
                        self.snapshot.portfolio.id,
                        mine,
                        version=conflict.theirs_version,
                        force_over_version=conflict.theirs_version,
                    )
                    break
                except CproError as exc:
                    title = self.tr("Save the logbook")
                    if not faults.retry_wanted(self, title, exc, ask.show_error):
                        return False
            self.snapshot = saved
            self._show_texts(saved.texts, saved.logbook_version)
            self.other_version.show_version(
                self.tr("The other version, replaced by yours (kept here to copy from)"),
                sections,
                1,
            )
            return True
        if dialog.choice == ConflictChoice.TAKE_THEIRS:
            self._show_texts(theirs, conflict.theirs_version)
            self.other_version.show_version(
                self.tr("Your version, not saved (kept here to copy from)"), sections, 2
            )
            return True
        return False


# -- 2. Objectifs de la période -------------------------------------------------------------


class ObjectivesPage(LogbookPageBase):
    """The period plan (fiche pédagogique), read-only: objectives and planned activities."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Objectives of the period"))
        self.setSubTitle(
            self.tr("The training objectives and the activities planned by the referent trainer.")
        )
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("plan_view")
        QVBoxLayout(self).addWidget(self.browser)

    def load(self, snapshot: LogbookSnapshot) -> None:
        plan = snapshot.plan
        if plan is None:  # not read: the wizard reads it when the page is shown
            return
        super().load(snapshot)
        none = "<p><i>" + escape(self.tr("Not written yet.")) + "</i></p>"
        html = [f"<h3>{escape(snapshot.portfolio.period_label)}</h3>"]
        html.append("<h4>" + escape(self.tr("Training objectives")) + "</h4>")
        html.append(f"<p>{html_text(plan.objectives)}</p>" if plan.objectives.strip() else none)
        html.append("<h4>" + escape(self.tr("Planned activities")) + "</h4>")
        html.append(
            f"<p>{html_text(plan.planned_activities)}</p>"
            if plan.planned_activities.strip()
            else none
        )
        html.append("<h4>" + escape(self.tr("Professional tasks planned")) + "</h4>")
        if plan.planned_tasks:
            html.append("<ul>" + "".join(f"<li>{escape(t.title)}</li>" for t in plan.planned_tasks))
            html.append("</ul>")
        else:
            html.append(none)
        self.browser.setHtml("".join(html))


# -- 3. Géolocalisation de l'entreprise ---------------------------------------------------------


def company_map(context: AppContext, parent: QWidget) -> CompanyMap:
    """The map widget on the configured tile server, with its disk cache."""
    return CompanyMap(context.settings.tile_server_url, config.data_dir() / "tiles", parent)


class MapPage(LogbookPageBase):
    """Where the company is: a map from the tile server, or its address and coordinates."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Company location"))
        self.setSubTitle(self.tr("The host company on the map."))
        self._shown: tuple[CompanyInfo | None] | None = None
        self.map = company_map(context, self)
        self.map.setObjectName("company_map")
        QVBoxLayout(self).addWidget(self.map)

    def load(self, snapshot: LogbookSnapshot) -> None:
        super().load(snapshot)
        company = snapshot.company
        if self._shown is not None and self._shown == (company,):
            return  # the same place: no need to fetch its tiles again
        self._shown = (company,)
        if company is None:
            self.map.set_location("", "", None, None)
        else:
            self.map.set_location(
                company.name, company.full_address, company.latitude, company.longitude
            )


# -- 4. Présentation des activités hebdomadaires ------------------------------------------------


class WeeklyPage(LogbookPageBase):
    """The weekly sheets, and the weekly task grid (ticked by the apprentice, tasks entrusted
    selected by the tutor or the trainer)."""

    sheet_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Weekly activities"))
        self.setSubTitle(
            self.tr("The activity sheet of each week, and the professional tasks of each week.")
        )
        self.sheets_model = SheetListModel(self)
        self.sheets_view = QListView(self)
        self.sheets_view.setObjectName("weekly_sheets")
        self.sheets_view.setModel(self.sheets_model)
        self.sheets_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view_sheet_button = QPushButton(self.tr("See this sheet"), self)
        self.grid_model = TaskGridModel(self)
        self.grid_view = QTableView(self)
        self.grid_view.setObjectName("task_grid")
        self.grid_view.setModel(self.grid_model)
        self.grid_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid_view.horizontalHeader().setDefaultSectionSize(52)
        self.grid_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid_view.verticalHeader().setDefaultSectionSize(24)
        self.grid_view.verticalHeader().setFixedWidth(420)
        self.grid_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid_hint = QLabel(self)
        self.grid_hint.setWordWrap(True)
        legend = QLabel(
            " ".join(
                f"<span style='background-color:{colour.name()}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
                f"&nbsp;{escape(text)}&nbsp;&nbsp;"
                for colour, text in (
                    (BY_APPRENTICE, self.tr("ticked by the apprentice")),
                    (BY_TRAINER_OR_TUTOR, self.tr("entrusted by the tutor or the trainer")),
                    (NOT_SAVED, self.tr("not saved yet")),
                )
            ),
            self,
        )
        sheets_box = QWidget(self)
        top = QVBoxLayout(sheets_box)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel("<b>" + escape(self.tr("Weekly activity sheets")) + "</b>", self))
        row = QHBoxLayout()
        row.addWidget(self.sheets_view, 1)
        side = QVBoxLayout()
        side.addWidget(self.view_sheet_button)
        side.addStretch(1)
        row.addLayout(side)
        top.addLayout(row)
        grid_box = QWidget(self)
        bottom = QVBoxLayout(grid_box)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(QLabel("<b>" + escape(self.tr("Weekly tasks")) + "</b>", self))
        bottom.addWidget(self.grid_hint)
        bottom.addWidget(self.grid_view, 1)
        bottom.addWidget(legend)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(sheets_box)
        splitter.addWidget(grid_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        QVBoxLayout(self).addWidget(splitter)
        self.grid_model.cells_changed.connect(self.dirty_changed)
        self.view_sheet_button.clicked.connect(self._view_selected)
        self.sheets_view.doubleClicked.connect(lambda index: self._open(index.row()))
        self.sheets_view.selectionModel().selectionChanged.connect(self._update_buttons)

    def load(self, snapshot: LogbookSnapshot) -> None:
        if snapshot.task_grid is None:  # not read: the wizard reads it when shown
            return
        super().load(snapshot)
        self.set_sheets(snapshot)
        self._show_grid(snapshot.task_grid)
        if snapshot.can_write:
            hint = self.tr("Tick the tasks you carried out each week, then save.")
        elif snapshot.can_annotate:
            hint = self.tr("Select the tasks entrusted to the apprentice each week, then save.")
        else:
            hint = ""
        self.grid_hint.setText(hint)
        self.grid_hint.setVisible(bool(hint))
        emit(self.dirty_changed)

    def _show_grid(self, grid: TaskGrid) -> None:
        self.grid_view.clearSpans()
        self.grid_model.set_grid(grid, self.can_save())
        for row in range(self.grid_model.rowCount()):
            if self.grid_model.is_area_row(row) and self.grid_model.columnCount() > 1:
                self.grid_view.setSpan(row, 0, 1, self.grid_model.columnCount())

    def set_sheets(self, snapshot: LogbookSnapshot) -> None:
        self.sheets_model.set_rows(snapshot.sheets or ())
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        self.view_sheet_button.setEnabled(self.sheets_view.selectionModel().hasSelection())

    def _view_selected(self) -> None:
        rows = self.sheets_view.selectionModel().selectedRows()
        if rows:
            self._open(rows[0].row())

    def _open(self, row: int) -> None:
        entry = self.sheets_model.index(row).data(EntryRole)
        if entry is not None:
            emit(self.sheet_requested, entry.id)

    def can_save(self) -> bool:
        return self.snapshot is not None and (self.snapshot.can_write or self.snapshot.can_annotate)

    def is_dirty(self) -> bool:
        return self.grid_model.is_dirty()

    def save(self) -> bool:
        if not self.is_dirty() or self.snapshot is None:
            return True
        try:
            grid = save_task_grid(
                self.context.store,
                self.context.actor,
                self.snapshot.portfolio.id,
                self.grid_model.cells(),
                cells_read=self.grid_model.cells_read(),
            )
        except CproError as exc:
            if faults.retry_wanted(self, self.tr("Save the weekly tasks"), exc, ask.show_error):
                return self.save()
            return False
        self._show_grid(grid)
        emit(self.dirty_changed)
        return True


# -- 5. Annexes associées -------------------------------------------------------------------


class AttachmentsPage(LogbookPageBase):
    """The logbook's attachments (files and web links)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Attachments"))
        self.setSubTitle(self.tr("Documents and web links attached to the logbook."))
        self.panel = AttachmentsPanel(context, self)
        QVBoxLayout(self).addWidget(self.panel)

    def load(self, snapshot: LogbookSnapshot) -> None:
        if snapshot.attachments is None:  # not read: the wizard reads them when shown
            return
        super().load(snapshot)
        self.panel.set_owner(
            snapshot.attachments, can_add=snapshot.can_write, logbook_id=snapshot.logbook_id
        )


# -- 6. Éditer le bilan de la période -------------------------------------------------------


class ReviewPage(LogbookPageBase):
    """The period review: the tutor's appreciation, its date, and the results of the criteria
    gathered from the period's sheets. Saving records the company rating grid."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Period review"))
        self.setSubTitle(
            self.tr(
                "The apprenticeship master's appreciation, made with the referent trainer, and "
                "the criteria selected on the period's sheets."
            )
        )
        self.form: PeriodReviewForm | None = None
        self._read_appreciation = ""
        self._read_date: date | None = None
        self.info_label = QLabel(self)
        self.info_label.setWordWrap(True)
        self.appreciation_edit = QPlainTextEdit(self)
        self.appreciation_edit.setObjectName("appreciation")
        self.appreciation_edit.setPlaceholderText(
            self.tr("Your appreciation of the apprentice's work during this period…")
        )
        self.appreciation_edit.setMaximumHeight(110)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("review_date")
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.criteria_model = ReviewCriteriaModel(self)
        self.criteria_view = QTableView(self)
        self.criteria_view.setObjectName("review_criteria")
        self.criteria_view.setModel(self.criteria_model)
        self.criteria_view.setItemDelegateForColumn(
            ReviewCriteriaModel.RESULT, ResultDelegate(self.criteria_view)
        )
        self.criteria_view.verticalHeader().hide()
        self.criteria_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.criteria_view.verticalHeader().setDefaultSectionSize(28)
        header = self.criteria_view.horizontalHeader()
        header.setSectionResizeMode(ReviewCriteriaModel.CRITERION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ReviewCriteriaModel.RESULT, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(ReviewCriteriaModel.RESULT, 240)
        self.criteria_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.empty_label = QLabel(
            self.tr(
                "No criterion yet: link competences or criteria on the period's sheets (tab "
                "“Link with the framework”), they are gathered here."
            ),
            self,
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555; font-style: italic;")
        self.print_blank_button = QPushButton(self.tr("Print the blank form"), self)
        self.print_blank_button.setObjectName("print_blank")
        self.other_version = OtherVersionPanel(self)
        form = QFormLayout()
        form.addRow(self.tr("Appreciation:"), self.appreciation_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.date_edit)
        dates.addStretch(1)
        dates.addWidget(self.print_blank_button)
        form.addRow(self.tr("Review date:"), dates)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addWidget(self.other_version)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>" + escape(self.tr("Criteria to assess")) + "</b>", self))
        layout.addWidget(self.empty_label)
        layout.addWidget(self.criteria_view, 1)
        self.appreciation_edit.textChanged.connect(self.dirty_changed)
        self.date_edit.dateChanged.connect(self.dirty_changed)
        self.criteria_model.ratings_changed.connect(self.dirty_changed)
        self.print_blank_button.clicked.connect(self.print_blank)

    def load(self, snapshot: LogbookSnapshot) -> None:
        if snapshot.review is None:  # not read: the wizard reads it when shown
            return
        super().load(snapshot)
        self.show_form(snapshot.review)

    def show_form(self, form: PeriodReviewForm, results=None) -> None:
        self.form = form
        people = [escape(f"{form.apprentice_name} ({form.class_name})"), escape(form.period_label)]
        if form.company is not None:
            people.append(escape(form.company.name))
        info = " — ".join(people)
        if form.review_id is not None:
            info += "<br>" + escape(
                self.tr("Last saved by %1, review of %2.")
                .replace("%1", form.author_name or "?")
                .replace("%2", format_date(form.reviewed_on))
            )
        elif not form.can_write:
            info += "<br><i>" + escape(self.tr("Not written yet.")) + "</i>"
        self.info_label.setText(info)
        self._read_appreciation = form.appreciation
        self.appreciation_edit.setPlainText(form.appreciation)
        self._read_date = form.reviewed_on or date.today()
        self.date_edit.setDate(to_qdate(self._read_date))
        set_read_only(self.appreciation_edit, not form.can_write)
        set_read_only(self.date_edit, not form.can_write)
        self.criteria_model.set_competences(form.competences, form.can_write, results)
        for row in range(self.criteria_model.rowCount()):
            if self.criteria_model.is_competence_row(row):
                self.criteria_view.setSpan(row, 0, 1, 2)
            elif form.can_write:
                self.criteria_view.openPersistentEditor(
                    self.criteria_model.index(row, ReviewCriteriaModel.RESULT)
                )
        self.empty_label.setVisible(not form.competences)
        emit(self.dirty_changed)

    def can_save(self) -> bool:
        return self.form is not None and self.form.can_write

    def is_dirty(self) -> bool:
        if not self.can_save():
            return False
        return (
            self.appreciation_edit.toPlainText().strip() != self._read_appreciation.strip()
            or from_qdate(self.date_edit.date()) != self._read_date
            or self.criteria_model.is_dirty()
        )

    def save(self) -> bool:
        if self.form is None or not self.can_save():
            return True
        if not self.is_dirty():
            return True
        return self._save(version=self.form.version, force=None)

    def _save(self, version: int | None, force: int | None) -> bool:
        assert self.form is not None
        title = self.tr("Save the period review")
        appreciation = self.appreciation_edit.toPlainText()
        ratings = self.criteria_model.ratings()
        try:
            form = save_period_review(
                self.context.store,
                self.context.actor,
                self.form.portfolio_id,
                appreciation=appreciation,
                reviewed_on=from_qdate(self.date_edit.date()),
                ratings=ratings,
                version=version,
                force_over_version=force,
            )
        except PeriodReviewConflict as conflict:
            return self._resolve(conflict)
        except CproError as exc:
            if faults.retry_wanted(self, title, exc, ask.show_error):
                return self._save(version, force)
            return False
        self.show_form(form)
        return True

    def _ratings_text(self, form: PeriodReviewForm, ratings) -> str:
        lines = []
        for competence in form.competences:
            for criterion in competence.criteria:
                result = ratings.get(criterion.id)
                if result:
                    lines.append(f"{criterion.code} : {RATING_RESULT_LABELS[result]}")
        return "\n".join(lines)

    def _resolve(self, conflict: PeriodReviewConflict) -> bool:
        theirs = conflict.theirs
        sections: list[Section] = [
            (self.tr("Appreciation"), theirs.appreciation, conflict.mine_appreciation),
            (
                self.tr("Results"),
                self._ratings_text(theirs, theirs.ratings),
                self._ratings_text(theirs, conflict.mine_ratings),
            ),
        ]
        caption = self.tr("Their version (%1)").replace("%1", theirs.author_name or "?")
        dialog = ConflictDialog(str(conflict), sections, caption, self)
        ask.run_dialog(dialog)
        if dialog.choice == ConflictChoice.KEEP_MINE:
            self.form = theirs
            kept = self._save(version=theirs.version, force=theirs.version)
            if kept:
                self.other_version.show_version(
                    self.tr("The other version, replaced by yours (kept here to copy from)"),
                    sections,
                    1,
                )
            return kept
        if dialog.choice == ConflictChoice.TAKE_THEIRS:
            self.show_form(theirs)
            self.other_version.show_version(
                self.tr("Your version, not saved (kept here to copy from)"), sections, 2
            )
            return True
        return False

    def print_blank(self) -> None:
        if self.form is None:
            return
        title = self.tr("Print the blank form")
        name = _spaced(f"bilan_{self.form.apprentice_name}_{self.form.period_name}")
        suggested = re.sub(r"[^\w.-]+", "_", name) + ".pdf"
        target = ask.pdf_target(self, title, suggested)
        if not target:
            return
        from cpro_desktop.reports.period_review import period_review_pdf  # ReportLab: lazily

        while True:
            try:
                # Into the audit trail before the file: no PDF leaves unlogged.
                audit.log_print(
                    self.context.store,
                    self.context.actor,
                    audit.AuditAction.PRINT_REVIEWS,
                    self.form.apprentice_id,
                    f"Bilan de la période « {self.form.period_name} », formulaire vierge",
                )
                pages = period_review_pdf(self.form, target, blank=True)
                break
            except (CproError, OSError) as exc:
                if not faults.retry_wanted(self, title, exc, ask.show_error):
                    return
        ask.show_info(
            self,
            title,
            self.tr("PDF saved: %1 (%2 page(s)).").replace("%1", target).replace("%2", str(pages)),
        )
