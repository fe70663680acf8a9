"""The booklet page: two tabs, "Livret d'accueil" and "Livret de suivi", for the apprentice
chosen in the shared selector, and the printing of his booklet or of a whole class.

Each part is editable only by whom the policy allows (the snapshot's `writable`, computed by
the service from its one table of rights); the others read it. Every part says who last
changed it and when. Class printing runs in a thread (the batch itself uses processes) with
a progress dialog that can be cancelled, then shows what was written.
"""

from __future__ import annotations

import tempfile
import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.files import write_bytes
from cpro_desktop.models.enums import BookletSectionKind, Origin
from cpro_desktop.services import booklet as service
from cpro_desktop.services import printing
from cpro_desktop.services.booklet import (
    BookletPart,
    BookletSnapshot,
    SectionSnapshot,
    format_date,
    section_part,
)
from cpro_desktop.services.printing import BatchSummary, ClassTarget, PrintTarget
from cpro_desktop.store import CproError
from cpro_desktop.views.booklet import ask
from cpro_desktop.views.booklet.dialogs import (
    ClassPrintChoice,
    InterviewInput,
    PeriodChoice,
    SynthesisInput,
    VisitInput,
)
from cpro_desktop.views.booklet.models import (
    CalendarModel,
    ContactsModel,
    DocumentsModel,
    InterviewsModel,
    SynthesesModel,
    VisitsModel,
    _RowsModel,
)
from cpro_desktop.views.busy import busy
from cpro_desktop.views.context import AppContext


def section_title(kind: BookletSectionKind) -> str:
    """The section's title, translated from the English source."""
    titles = {
        BookletSectionKind.ENTRY_POSITIONING: QCoreApplication.translate(
            "BookletPage", "Positioning at entry"
        ),
        BookletSectionKind.TEAM_OPINION: QCoreApplication.translate(
            "BookletPage", "Opinion of the teaching team at entry"
        ),
        BookletSectionKind.PROGRESSION_COMPANY: QCoreApplication.translate(
            "BookletPage", "Planned progression in the company"
        ),
        BookletSectionKind.PROGRESSION_CENTRE: QCoreApplication.translate(
            "BookletPage", "Planned progression in the centre"
        ),
        BookletSectionKind.TRAINING_REVIEW: QCoreApplication.translate(
            "BookletPage", "The apprentice's training review"
        ),
        BookletSectionKind.ORIENTATION_PROJECT: QCoreApplication.translate(
            "BookletPage", "The apprentice's orientation project"
        ),
    }
    return titles[kind]


def changed_text(name: str, when: object) -> str:
    """ "modifié par X le JJ/MM/AAAA" (translated), "" when never written."""
    if when is None:
        return QCoreApplication.translate("BookletPage", "Not written yet.")
    return QCoreApplication.translate("BookletPage", "changed by {name} on {date}").format(
        name=name or "?", date=format_date(when)
    )


def _table(model: _RowsModel, parent: QWidget, height: int = 150) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    view.setMinimumHeight(height)
    for column, width in enumerate(model.WIDTHS):
        view.setColumnWidth(column, width)
    return view


class SectionEditor(QGroupBox):
    """One free-text section: its text, who last changed it, and Save for whom may write."""

    saved = Signal()

    def __init__(self, page: BookletPage, kind: BookletSectionKind) -> None:
        super().__init__(section_title(kind), page)
        self.page = page
        self.kind = kind
        self.version = 0
        layout = QVBoxLayout(self)
        self.editor = QPlainTextEdit(self)
        self.editor.setMinimumHeight(80)
        self.editor.setTabChangesFocus(True)
        row = QHBoxLayout()
        self.changed_label = QLabel(self)
        self.changed_label.setObjectName("changed")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.changed_label, 1)
        row.addWidget(self.save_button)
        layout.addWidget(self.editor)
        layout.addLayout(row)

    def set_snapshot(self, section: SectionSnapshot, writable: bool, keep_edits: bool) -> None:
        if not (keep_edits and self.editor.document().isModified()):
            self.editor.setPlainText(section.body)
            self.editor.document().setModified(False)
            self.version = section.version
        self.editor.setReadOnly(not writable)
        self.save_button.setVisible(writable)
        self.changed_label.setText(
            changed_text(section.updated_by, section.updated_at if section.version else None)
        )

    def save(self) -> None:
        apprentice_id = self.page.apprentice_id
        if apprentice_id is None:
            return
        try:
            saved = service.save_section(
                self.page.context.store,
                self.page.context.actor,
                apprentice_id,
                self.kind,
                self.editor.toPlainText(),
                self.version,
            )
        except CproError as exc:
            if ask.retry_wanted(self, exc):
                self.save()
            return
        self.version = saved.version
        self.editor.document().setModified(False)
        self.changed_label.setText(changed_text(saved.updated_by, saved.updated_at))
        self.saved.emit()


class _ItemsBox(QGroupBox):
    """A list of dated items (a table) with its buttons."""

    def __init__(self, title: str, model: _RowsModel, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.model = model
        layout = QVBoxLayout(self)
        self.view = _table(model, self)
        layout.addWidget(self.view)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)

    def add_button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        self.buttons.addWidget(button)
        return button

    def selected(self) -> object | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None


class BookletPage(QWidget):
    """Module 5: the booklet of the selected apprentice, and printing."""

    #: Processes of a class printing (the machines of the centre have two cores).
    batch_workers = printing.DEFAULT_WORKERS

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.apprentice_id: int | None = None
        self.snapshot: BookletSnapshot | None = None
        self.batch: BatchThread | None = None
        self.progress: QProgressDialog | None = None
        self.last_summary: BatchSummary | None = None
        self._print_dir: tempfile.TemporaryDirectory[str] | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.save_pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setToolTip(self.tr("Opens the booklet in the PDF viewer, to print it"))
        self.class_button = QPushButton(self.tr("Print a class…"), self)
        top.addWidget(self.heading, 1)
        top.addWidget(self.save_pdf_button)
        top.addWidget(self.print_button)
        top.addWidget(self.class_button)
        layout.addLayout(top)
        self.empty_label = QLabel(self.tr("Choose an apprentice to see his booklet."), self)
        layout.addWidget(self.empty_label)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self._build_welcome()
        self._build_follow_up()
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_booklet)
        self.class_button.clicked.connect(self.print_class)
        #: The classes the reader may print, read with the first booklet he opens (a hidden
        #: page reads nothing); "Print a class…" shows once they are known.
        self.classes: tuple[ClassTarget, ...] | None = None
        self.class_button.setVisible(False)
        context.selection.changed.connect(self.show_apprentice)
        self.show_apprentice(context.selection.apprentice_id)

    # -- building ---------------------------------------------------------------------------

    def _build_welcome(self) -> None:
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        self.identity_label = QLabel(page)
        self.identity_label.setTextFormat(Qt.TextFormat.PlainText)
        self.identity_label.setWordWrap(True)
        layout.addWidget(self.identity_label)
        self.contacts_model = ContactsModel(self)
        self.calendar_model = CalendarModel(self)
        self.documents_model = DocumentsModel(self)
        contacts = QGroupBox(self.tr("Contacts"), page)
        QVBoxLayout(contacts).addWidget(_table(self.contacts_model, contacts, 170))
        calendar = QGroupBox(self.tr("Alternance calendar"), page)
        QVBoxLayout(calendar).addWidget(_table(self.calendar_model, calendar, 110))
        self.documents_box = _ItemsBox(self.tr("Reference documents"), self.documents_model, page)
        self.add_document_button = self.documents_box.add_button(self.tr("Add a document…"))
        self.remove_document_button = self.documents_box.add_button(self.tr("Remove"))
        self.save_document_button = self.documents_box.add_button(self.tr("Save a copy…"))
        self.add_document_button.clicked.connect(self.add_document)
        self.remove_document_button.clicked.connect(self.remove_document)
        self.save_document_button.clicked.connect(self.save_document)
        layout.addWidget(contacts, 2)
        layout.addWidget(calendar, 1)
        layout.addWidget(self.documents_box, 1)
        self.tabs.addTab(page, self.tr("Welcome booklet"))

    def _build_follow_up(self) -> None:
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        layout = QVBoxLayout(inner)
        self.section_editors: dict[BookletSectionKind, SectionEditor] = {}
        for kind in service.SECTION_ORDER[:4]:
            self.section_editors[kind] = SectionEditor(self, kind)
            layout.addWidget(self.section_editors[kind])
        self.syntheses_model = SynthesesModel(self)
        self.syntheses_box = _ItemsBox(
            self.tr("Synthesis of the training phases"), self.syntheses_model, inner
        )
        self.add_centre_synthesis_button = self.syntheses_box.add_button(self.tr("Add (centre)…"))
        self.add_company_synthesis_button = self.syntheses_box.add_button(self.tr("Add (company)…"))
        self.edit_synthesis_button = self.syntheses_box.add_button(self.tr("Edit…"))
        self.delete_synthesis_button = self.syntheses_box.add_button(self.tr("Delete"))
        self.add_centre_synthesis_button.clicked.connect(lambda: self.add_synthesis(Origin.CENTRE))
        self.add_company_synthesis_button.clicked.connect(
            lambda: self.add_synthesis(Origin.COMPANY)
        )
        self.edit_synthesis_button.clicked.connect(self.edit_synthesis)
        self.delete_synthesis_button.clicked.connect(self.delete_synthesis)
        layout.addWidget(self.syntheses_box)

        self.interviews_model = InterviewsModel(self)
        self.interviews_box = _ItemsBox(
            self.tr("Individual interviews"), self.interviews_model, inner
        )
        self.add_interview_button = self.interviews_box.add_button(self.tr("Add…"))
        self.edit_interview_button = self.interviews_box.add_button(self.tr("Edit…"))
        self.delete_interview_button = self.interviews_box.add_button(self.tr("Delete"))
        self.add_interview_button.clicked.connect(self.add_interview)
        self.edit_interview_button.clicked.connect(self.edit_interview)
        self.delete_interview_button.clicked.connect(self.delete_interview)
        layout.addWidget(self.interviews_box)

        self.visits_model = VisitsModel(self)
        self.visits_box = _ItemsBox(self.tr("Company visits"), self.visits_model, inner)
        self.plan_visit_button = self.visits_box.add_button(self.tr("Plan a visit…"))
        self.report_visit_button = self.visits_box.add_button(self.tr("Report the visit…"))
        self.edit_visit_button = self.visits_box.add_button(self.tr("Edit…"))
        self.delete_visit_button = self.visits_box.add_button(self.tr("Delete"))
        self.plan_visit_button.clicked.connect(self.plan_visit)
        self.report_visit_button.clicked.connect(self.report_visit)
        self.edit_visit_button.clicked.connect(self.edit_visit)
        self.delete_visit_button.clicked.connect(self.delete_visit)
        layout.addWidget(self.visits_box)

        for kind in service.SECTION_ORDER[4:]:
            self.section_editors[kind] = SectionEditor(self, kind)
            layout.addWidget(self.section_editors[kind])
        for editor in self.section_editors.values():
            editor.saved.connect(self.reload)
        for box in (self.syntheses_box, self.interviews_box, self.visits_box, self.documents_box):
            box.view.selectionModel().selectionChanged.connect(self._update_buttons)
        scroll.setWidget(inner)
        self.tabs.addTab(scroll, self.tr("Follow-up booklet"))

    # -- loading ----------------------------------------------------------------------------

    def _load_classes(self) -> None:
        self.classes = ()
        try:
            self.classes = printing.printable_classes(self.context.store, self.context.actor)
        except CproError:
            self.classes = ()
        printable = {a.id for c in self.classes for a in c.apprentices}
        self.class_button.setVisible(len(printable) > 1)

    def show_apprentice(self, apprentice_id: int | None) -> None:
        """Follow the shared selector."""
        self.apprentice_id = apprentice_id
        self.reload(keep_edits=False)

    def reload(self, keep_edits: bool = True) -> None:
        """Read the booklet again (after a save, or another apprentice)."""
        snapshot: BookletSnapshot | None = None
        if self.apprentice_id is not None and self.classes is None:
            self._load_classes()
        if self.apprentice_id is not None:
            try:
                snapshot = service.booklet_snapshot(
                    self.context.store, self.context.actor, self.apprentice_id
                )
            except CproError as exc:
                ask.show_error(self, str(exc))
        self.snapshot = snapshot
        self.tabs.setVisible(snapshot is not None)
        self.empty_label.setVisible(snapshot is None)
        if snapshot is None:
            self.heading.setText("")
            for model in (
                self.contacts_model,
                self.calendar_model,
                self.documents_model,
                self.syntheses_model,
                self.interviews_model,
                self.visits_model,
            ):
                model.set_rows(())
            self._update_buttons()
            return
        diploma = snapshot.welcome.diploma
        self.heading.setText(
            " — ".join(p for p in (snapshot.apprentice_name, diploma.class_name) if p)
        )
        centre = snapshot.welcome.centre
        self.identity_label.setText(
            self.tr("{diploma} ({level}), class {name} — {year}\nTraining centre: {centre}").format(
                diploma=diploma.diploma_name,
                level=diploma.diploma_level,
                name=diploma.class_name,
                year=diploma.school_year,
                centre=" — ".join(p for p in (centre.name, centre.full_address) if p),
            )
        )
        self.contacts_model.set_rows(snapshot.welcome.contacts)
        self.calendar_model.set_rows(snapshot.welcome.calendar)
        self.documents_model.set_rows(snapshot.welcome.documents)
        self.syntheses_model.set_rows(snapshot.syntheses)
        self.interviews_model.set_rows(snapshot.interviews)
        self.visits_model.set_rows(snapshot.visits)
        for kind, editor in self.section_editors.items():
            editor.set_snapshot(
                snapshot.section(kind), snapshot.can_write(section_part(kind)), keep_edits
            )
        self._update_buttons()

    def can_write(self, part: BookletPart) -> bool:
        return self.snapshot is not None and self.snapshot.can_write(part)

    def _update_buttons(self) -> None:
        has = self.snapshot is not None
        self.save_pdf_button.setEnabled(has and bool(self.snapshot and self.snapshot.can_print))
        self.print_button.setEnabled(self.save_pdf_button.isEnabled())
        documents = self.can_write(BookletPart.REFERENCE_DOCUMENTS)
        self.add_document_button.setVisible(documents)
        self.remove_document_button.setVisible(documents)
        self.remove_document_button.setEnabled(self.documents_box.selected() is not None)
        document = self.documents_box.selected()
        self.save_document_button.setEnabled(document is not None and not document.url)
        centre = self.can_write(BookletPart.SYNTHESIS_CENTRE)
        company = self.can_write(BookletPart.SYNTHESIS_COMPANY)
        self.add_centre_synthesis_button.setVisible(centre)
        self.add_company_synthesis_button.setVisible(company)
        synthesis = self.syntheses_box.selected()
        editable = synthesis is not None and self.can_write(synthesis.part)
        for button in (self.edit_synthesis_button, self.delete_synthesis_button):
            button.setVisible(centre or company)
            button.setEnabled(editable)
        interviews = self.can_write(BookletPart.INTERVIEWS)
        selected = self.interviews_box.selected() is not None
        self.add_interview_button.setVisible(interviews)
        for button in (self.edit_interview_button, self.delete_interview_button):
            button.setVisible(interviews)
            button.setEnabled(selected)
        visits = self.can_write(BookletPart.VISITS)
        visit = self.visits_box.selected()
        for button in (
            self.plan_visit_button,
            self.report_visit_button,
            self.edit_visit_button,
            self.delete_visit_button,
        ):
            button.setVisible(visits)
        self.report_visit_button.setEnabled(visit is not None and not visit.reported)
        self.edit_visit_button.setEnabled(visit is not None)
        self.delete_visit_button.setEnabled(visit is not None)

    def _run(self, call, *args, **kwargs) -> bool:
        """Call a service with the store and actor; show its error (a store fault offers to
        run it again with what was typed), then reload."""
        while True:
            try:
                call(self.context.store, self.context.actor, *args, **kwargs)
                break
            except CproError as exc:
                if not ask.retry_wanted(self, exc):
                    self.reload()
                    return False
        self.reload()
        return True

    # -- reference documents ----------------------------------------------------------------

    def add_document(self) -> None:
        path = ask.choose_reference_file(self)
        if path and self.apprentice_id is not None:
            self._run(service.add_reference_document_from_path, self.apprentice_id, path)

    def remove_document(self) -> None:
        document = self.documents_box.selected()
        if document is None:
            return
        question = self.tr("Remove the reference document “{name}”?").format(name=document.name)
        if ask.confirm(self, question):
            self._run(service.remove_reference_document, document.id)

    def save_document(self) -> None:
        document = self.documents_box.selected()
        if document is None:
            return
        path = ask.choose_save_path(self, document.name)
        if not path:
            return
        while True:
            try:
                content = service.fetch_reference_document(
                    self.context.store, self.context.actor, document.id
                )
                write_bytes(path, content.content)
                return
            except (CproError, OSError) as exc:
                if not ask.retry_wanted(self, exc):
                    return

    # -- syntheses, interviews, visits ------------------------------------------------------

    def _periods(self) -> list[PeriodChoice]:
        if self.snapshot is None:
            return []
        return [PeriodChoice(e.period_id, e.label) for e in self.snapshot.welcome.calendar]

    def add_synthesis(self, origin: Origin) -> None:
        if self.apprentice_id is None:
            return
        value = ask.edit_synthesis(
            self, SynthesisInput(origin, written_on=date.today()), self._periods()
        )
        if value is not None:
            self._run(
                service.add_synthesis,
                self.apprentice_id,
                origin,
                title=value.title,
                body=value.body,
                written_on=value.written_on,
                period_id=value.period_id,
            )

    def edit_synthesis(self) -> None:
        current = self.syntheses_box.selected()
        if current is None:
            return
        initial = SynthesisInput(
            current.origin, current.title, current.body, current.written_on, current.period_id
        )
        value = ask.edit_synthesis(self, initial, self._periods())
        if value is not None:
            self._run(
                service.update_synthesis,
                current.id,
                current.version,
                title=value.title,
                body=value.body,
                written_on=value.written_on,
                period_id=value.period_id,
            )

    def delete_synthesis(self) -> None:
        current = self.syntheses_box.selected()
        if current is not None and ask.confirm(self, self.tr("Delete this synthesis?")):
            self._run(service.delete_synthesis, current.id, current.version)

    def add_interview(self) -> None:
        if self.apprentice_id is None:
            return
        value = ask.edit_interview(self, InterviewInput(date.today()))
        if value is not None:
            self._run(
                service.add_interview,
                self.apprentice_id,
                held_on=value.held_on,
                participants=value.participants,
                summary=value.summary,
            )

    def edit_interview(self) -> None:
        current = self.interviews_box.selected()
        if current is None:
            return
        value = ask.edit_interview(
            self, InterviewInput(current.held_on, current.participants, current.summary)
        )
        if value is not None:
            self._run(
                service.update_interview,
                current.id,
                current.version,
                held_on=value.held_on,
                participants=value.participants,
                summary=value.summary,
            )

    def delete_interview(self) -> None:
        current = self.interviews_box.selected()
        if current is not None and ask.confirm(self, self.tr("Delete this interview?")):
            self._run(service.delete_interview, current.id, current.version)

    def plan_visit(self) -> None:
        if self.apprentice_id is None:
            return
        value = ask.edit_visit(self, VisitInput(date.today()), report=False)
        if value is not None and value.planned_on is not None:
            self._run(
                service.plan_visit,
                self.apprentice_id,
                planned_on=value.planned_on,
                participants=value.participants,
            )

    def report_visit(self) -> None:
        current = self.visits_box.selected()
        if current is None:
            return
        initial = VisitInput(
            current.planned_on,
            current.planned_on or date.today(),
            current.participants,
            current.report,
        )
        value = ask.edit_visit(self, initial, report=True)
        if value is not None and value.held_on is not None:
            self._run(
                service.report_visit,
                current.id,
                current.version,
                held_on=value.held_on,
                report=value.report,
                participants=value.participants,
            )

    def edit_visit(self) -> None:
        current = self.visits_box.selected()
        if current is None:
            return
        initial = VisitInput(
            current.planned_on, current.held_on, current.participants, current.report
        )
        value = ask.edit_visit(self, initial, report=current.reported)
        if value is not None:
            self._run(
                service.update_visit,
                current.id,
                current.version,
                planned_on=value.planned_on,
                held_on=value.held_on,
                participants=value.participants,
                report=value.report,
            )

    def delete_visit(self) -> None:
        current = self.visits_box.selected()
        if current is not None and ask.confirm(self, self.tr("Delete this visit?")):
            self._run(service.delete_visit, current.id, current.version)

    # -- printing ---------------------------------------------------------------------------

    def _target(self) -> PrintTarget | None:
        if self.snapshot is None:
            return None
        return PrintTarget(
            self.snapshot.apprentice_id, self.snapshot.apprentice_name, self.snapshot.class_name
        )

    def _render(self, path: str) -> int | None:
        target = self._target()
        if target is None:
            return None
        while True:
            try:
                with busy():
                    return printing.print_booklet(
                        self.context.store, self.context.actor, target.id, path
                    )
            except (CproError, OSError) as exc:
                if not ask.retry_wanted(self, exc):
                    return None

    def save_pdf(self) -> None:
        """Save the current apprentice's booklet as a PDF file."""
        target = self._target()
        if target is None:
            return
        path = ask.choose_pdf_file(self, printing.booklet_filename(target))
        if not path:
            return
        pages = self._render(path)
        if pages is not None:
            ask.show_message(
                self,
                self.tr("Booklet saved"),
                self.tr("{path}\n{pages} pages.").format(path=path, pages=pages),
            )

    def print_booklet(self) -> None:
        """Render the booklet and open it in the PDF viewer, from which it is printed."""
        target = self._target()
        if target is None:
            return
        if self._print_dir is None:
            self._print_dir = tempfile.TemporaryDirectory(prefix="cpro-impression-")
        path = str(Path(self._print_dir.name) / printing.booklet_filename(target))
        if self._render(path) is not None and not ask.open_document(path):
            ask.show_error(self, self.tr("No PDF viewer could open {path}.").format(path=path))

    def print_class(self) -> None:
        """Print the booklets of a class, one PDF per apprentice or one merged PDF."""
        self._load_classes()
        if not self.classes:
            ask.show_error(self, self.tr("You cannot print the booklet of any class."))
            return
        current = next(
            (c.id for c in self.classes if any(a.id == self.apprentice_id for a in c.apprentices)),
            None,
        )
        choice = ask.choose_class_print(self, self.classes, current)
        if choice is None:
            return
        chosen = next((c for c in self.classes if c.id == choice.school_class_id), None)
        total = len(chosen.apprentices) if chosen else 0
        self.progress = QProgressDialog(
            self.tr("Printing the booklets…"), self.tr("Cancel"), 0, total, self
        )
        self.progress.setWindowTitle(self.tr("Print a class"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setValue(0)
        self.batch = BatchThread(self.context, choice, self.batch_workers, self)
        self.batch.progressed.connect(self._batch_progressed)
        self.batch.finished_with.connect(self._batch_done)
        self.batch.failed.connect(self._batch_failed)
        self.progress.canceled.connect(self.batch.cancel)
        self.progress.show()
        self.batch.start()

    def _batch_progressed(self, done: int, total: int, name: str) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(
                self.tr("Printed: {name} ({done}/{total})").format(
                    name=name, done=done, total=total
                )
            )

    def _close_progress(self) -> None:
        if self.batch is not None:
            self.batch.wait()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _batch_done(self, summary: BatchSummary) -> None:
        self._close_progress()
        self.last_summary = summary
        title = (
            self.tr("Class printing cancelled")
            if summary.cancelled
            else (self.tr("Class printed") if summary.ok else self.tr("Class printed with errors"))
        )
        ask.show_message(self, title, "\n".join(summary.lines()))

    def _batch_failed(self, message: str) -> None:
        self._close_progress()
        ask.show_error(self, message)


class BatchThread(QThread):
    """Runs `print_booklets` away from the GUI thread; cancel() stops it between booklets."""

    progressed = Signal(int, int, str)
    finished_with = Signal(object)  # BatchSummary
    failed = Signal(str)

    def __init__(
        self, context: AppContext, choice: ClassPrintChoice, workers: int, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.choice = choice
        self.workers = workers
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self) -> None:
        try:
            summary = printing.print_booklets(
                self.context.store,
                self.context.actor,
                school_class_id=self.choice.school_class_id,
                out_dir=self.choice.out_dir,
                merged_file=self.choice.merged_file,
                progress=lambda step: self.progressed.emit(
                    step.done, step.total, step.apprentice.label
                ),
                cancel=self._cancelled.is_set,
                workers=self.workers,
            )
        except CproError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never let the thread die silently
            self.failed.emit(f"{type(exc).__name__} : {exc}")
        else:
            self.finished_with.emit(summary)
