"""An activity sheet (fiche activité) in four tabs — Contexte, Description de l'activité,
Liaison avec le référentiel, Annexes associées — with its comments below.

Opening it marks it read for this reader (the service does). The apprentice writes his
texts and ticks his tasks; the tutor and the trainer adjust the tasks, link competences and
criteria, and comment; everybody else reads. Saving sends what the user read (the sheet's
version, the links read) with what he changed; a save made elsewhere meanwhile shows both
texts side by side (`ConflictDialog`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabBar,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.models.enums import AUTONOMY_LABELS, Autonomy
from cpro_desktop.services.activities import (
    SheetConflict,
    SheetLinks,
    SheetSnapshot,
    SheetTexts,
    link_sheet,
    open_sheet,
    save_sheet,
)
from cpro_desktop.store.errors import CproError
from cpro_desktop.views import faults
from cpro_desktop.views.context import AppContext

from . import ask
from .attachments import AttachmentsPanel
from .check_tree import CheckTreeModel, competence_nodes, task_nodes
from .comments import CommentsPanel
from .common import COUNTER_BLUE, set_read_only
from .conflict import ConflictChoice, ConflictDialog, OtherVersionPanel, Section
from .signals import emit


class SheetTab:
    """The tab indexes of the sheet."""

    CONTEXT, DESCRIPTION, LINKS, ATTACHMENTS = range(4)


class ActivitySheetDialog(QDialog):
    """One sheet, opened by any reader; `saved` after every successful save."""

    saved = Signal(int)  # the sheet id
    #: Emitted once the sheet is loaded (it was marked read for this reader).
    opened = Signal(int)

    def __init__(self, context: AppContext, sheet_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activity_sheet_dialog")
        self.context = context
        self.sheet_id = sheet_id
        self.snapshot: SheetSnapshot | None = None
        self._loading = False
        self.resize(980, 760)

        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.role_note = QLabel(self)
        self.role_note.setWordWrap(True)
        self.role_note.setStyleSheet("color: #555;")
        self.retired_banner = QLabel(
            self.tr(
                "This week was retired from the period: the sheet is kept with its content. "
                "Only a trainer of the class can delete it, on purpose."
            ),
            self,
        )
        self.retired_banner.setWordWrap(True)
        self.retired_banner.setStyleSheet(
            "background: #fff3e0; border: 1px solid #ffb74d; padding: 4px;"
        )
        self.other_version = OtherVersionPanel(self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sheet_tabs")
        self.tabs.addTab(self._context_tab(), self.tr("Context"))
        self.tabs.addTab(self._description_tab(), self.tr("Activity description"))
        self.tabs.addTab(self._links_tab(), self.tr("Link with the framework"))
        self.attachments = AttachmentsPanel(context, self)
        self.tabs.addTab(self.attachments, self.tr("Attachments"))
        self.attachment_counter = QLabel(self)
        self.attachment_counter.setObjectName("attachment_counter")
        self.attachment_counter.setStyleSheet(f"color: {COUNTER_BLUE.name()}; font-weight: bold;")
        self.tabs.tabBar().setTabButton(
            SheetTab.ATTACHMENTS, QTabBar.ButtonPosition.RightSide, self.attachment_counter
        )
        self.attachments.count_changed.connect(self._set_counter)

        self.comments = CommentsPanel(context, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.comments)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("save_sheet")
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        self.dirty_label = QLabel(self)
        self.dirty_label.setStyleSheet("color: #b26a00;")
        buttons.addWidget(self.dirty_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.role_note)
        layout.addWidget(self.retired_banner)
        layout.addWidget(self.other_version)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        for edit in (self.context_edit, self.description_edit, self.analysis_edit):
            edit.textChanged.connect(self._edited)
        self.title_edit.textChanged.connect(self._edited)
        self.area_combo.currentIndexChanged.connect(self._edited)
        self.autonomy_group.idClicked.connect(self._edited)
        self.tasks_model.checks_changed.connect(self._edited)
        self.competences_model.checks_changed.connect(self._edited)
        self.attachments.changed.connect(lambda: emit(self.saved, self.sheet_id))
        self.comments.changed.connect(lambda: emit(self.saved, self.sheet_id))

    # -- building -------------------------------------------------------------------------
    def _context_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.company_label = QLabel(page)
        self.company_label.setWordWrap(True)
        self.company_label.setObjectName("company_label")
        self.title_edit = QLineEdit(page)
        self.title_edit.setObjectName("title_edit")
        self.title_edit.setPlaceholderText(self.tr("The significant activity of the week"))
        autonomy = QWidget(page)
        row = QHBoxLayout(autonomy)
        row.setContentsMargins(0, 0, 0, 0)
        self.autonomy_group = QButtonGroup(page)
        self.autonomy_buttons: dict[Autonomy, QRadioButton] = {}
        for position, value in enumerate(Autonomy):
            button = QRadioButton(AUTONOMY_LABELS[value], autonomy)
            self.autonomy_group.addButton(button, position)
            self.autonomy_buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.area_combo = QComboBox(page)
        self.area_combo.setObjectName("area_combo")
        self.context_edit = QPlainTextEdit(page)
        self.context_edit.setObjectName("context_edit")
        form.addRow(self.tr("Host company:"), self.company_label)
        form.addRow(self.tr("Activity title:"), self.title_edit)
        form.addRow(self.tr("Conditions:"), autonomy)
        form.addRow(self.tr("Activity type:"), self.area_combo)
        form.addRow(self.tr("Context:"), self.context_edit)
        return page

    def _description_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.description_edit = QPlainTextEdit(page)
        self.description_edit.setObjectName("description_edit")
        self.analysis_edit = QPlainTextEdit(page)
        self.analysis_edit.setObjectName("analysis_edit")
        layout.addWidget(QLabel("<b>" + self.tr("Description of the activity") + "</b>", page))
        layout.addWidget(self.description_edit, 1)
        layout.addWidget(QLabel("<b>" + self.tr("Reflective analysis") + "</b>", page))
        layout.addWidget(self.analysis_edit, 1)
        return page

    def _links_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.links_hint = QLabel(page)
        self.links_hint.setWordWrap(True)
        layout.addWidget(self.links_hint)
        row = QHBoxLayout()
        tasks_box = QGroupBox(self.tr("Professional tasks carried out"), page)
        competences_box = QGroupBox(self.tr("Competences and criteria to assess"), page)
        self.tasks_model = CheckTreeModel({"task"}, self)
        self.competences_model = CheckTreeModel({"competence", "criterion"}, self)
        self.tasks_view = QTreeView(tasks_box)
        self.tasks_view.setObjectName("tasks_view")
        self.competences_view = QTreeView(competences_box)
        self.competences_view.setObjectName("competences_view")
        for view, model, box in (
            (self.tasks_view, self.tasks_model, tasks_box),
            (self.competences_view, self.competences_model, competences_box),
        ):
            view.setModel(model)
            view.setHeaderHidden(True)
            view.setUniformRowHeights(True)
            QVBoxLayout(box).addWidget(view)
            row.addWidget(box, 1)
        layout.addLayout(row, 1)
        return page

    # -- loading --------------------------------------------------------------------------
    def load(self) -> bool:
        """Open the sheet through the service (marks it read); False if refused."""
        try:
            snapshot = open_sheet(self.context.store, self.context.actor, self.sheet_id)
        except CproError as exc:
            ask.show_error(self.parentWidget(), self.tr("Activity sheet"), str(exc))
            return False
        self.show_snapshot(snapshot)
        emit(self.opened, self.sheet_id)
        return True

    def show_snapshot(self, snapshot: SheetSnapshot) -> None:
        self._loading = True
        self.snapshot = snapshot
        texts = snapshot.texts
        self.setWindowTitle(snapshot.label)
        subtitle = escape(
            f"{snapshot.apprentice_name} ({snapshot.class_name}) — {snapshot.period_name}"
        )
        title = escape(texts.title) if texts.title else ""
        self.header.setText(
            f"<span style='font-size:13pt; font-weight:bold'>{escape(snapshot.label)}</span>"
            f"<br>{subtitle}" + (f"<br><i>{title}</i>" if title else "")
        )
        self.retired_banner.setVisible(snapshot.retired)
        company = snapshot.company
        self.company_label.setText(
            f"{company.name} — {company.full_address}" if company else self.tr("(not known)")
        )
        self.title_edit.setText(texts.title)
        for value, button in self.autonomy_buttons.items():
            button.setChecked(texts.autonomy == value)
        if texts.autonomy is None:
            self.autonomy_group.setExclusive(False)
            for button in self.autonomy_buttons.values():
                button.setChecked(False)
            self.autonomy_group.setExclusive(True)
        self.area_combo.clear()
        self.area_combo.addItem(self.tr("(not chosen)"), None)
        for area in snapshot.framework:
            self.area_combo.addItem(area.label, area.id)
        self.area_combo.setCurrentIndex(max(self.area_combo.findData(texts.activity_area_id), 0))
        self.context_edit.setPlainText(texts.context)
        self.description_edit.setPlainText(texts.description)
        self.analysis_edit.setPlainText(texts.reflective_analysis)

        links = snapshot.links
        self.tasks_model.set_tree(task_nodes(snapshot.framework), {"task": links.task_ids})
        self.competences_model.set_tree(
            competence_nodes(snapshot.competences),
            {"competence": links.competence_ids, "criterion": links.criterion_ids},
        )
        self.tasks_view.expandAll()
        self._expand_linked()
        self.attachments.set_owner(
            snapshot.attachments, can_add=snapshot.can_write, sheet_id=snapshot.id
        )
        self.comments.set_sheet(snapshot.id, snapshot.comments, snapshot.can_annotate)
        self._apply_permissions()
        self._loading = False
        self._edited()

    def _expand_linked(self) -> None:
        if self.snapshot is None:
            return
        links = self.snapshot.links
        linked = {
            c.id
            for c in self.snapshot.competences
            if c.id in links.competence_ids or any(k.id in links.criterion_ids for k in c.criteria)
        }
        for row, node in enumerate(self.competences_model.roots()):
            self.competences_view.setExpanded(
                self.competences_model.index(row, 0), node.id in linked
            )

    def _apply_permissions(self) -> None:
        assert self.snapshot is not None
        write, annotate = self.snapshot.can_write, self.snapshot.can_annotate
        for edit in (self.title_edit, self.context_edit, self.description_edit, self.analysis_edit):
            set_read_only(edit, not write)
        for button in self.autonomy_buttons.values():
            button.setEnabled(write)
        self.area_combo.setEnabled(write)
        self.tasks_model.set_editable(write or annotate)
        self.competences_model.set_editable(annotate)
        self.tasks_view.expandAll()
        self._expand_linked()
        self.save_button.setVisible(write or annotate)
        if write:
            note = self.tr(
                "You write this sheet: describe one significant activity of the week, then "
                "tick the tasks it covers."
            )
            hint = self.tr(
                "Tick the tasks this activity covers. Your tutor or trainer chooses the "
                "competences to assess."
            )
        elif annotate:
            note = self.tr(
                "Only the apprentice writes his sheet: you read it, link it with the framework "
                "and comment it."
            )
            hint = self.tr(
                "Adjust the tasks ticked by the apprentice and, facing them, tick the "
                "competences (all their criteria) or single criteria to assess in the period "
                "review."
            )
        else:
            note = self.tr("Read only.")
            hint = ""
        self.role_note.setText(note)
        self.links_hint.setText(hint)
        self.links_hint.setVisible(bool(hint))

    def _set_counter(self, count: int) -> None:
        """The blue counter beside the tab's title: "(2)"."""
        self.attachment_counter.setText(f"({count})")
        self.attachment_counter.adjustSize()
        # Setting the text again makes the tab bar lay the tab out for the counter's width.
        bar = self.tabs.tabBar()
        bar.setTabText(SheetTab.ATTACHMENTS, bar.tabText(SheetTab.ATTACHMENTS))

    # -- state ----------------------------------------------------------------------------
    def texts(self) -> SheetTexts:
        """The texts as shown in the form."""
        checked = self.autonomy_group.checkedId()
        autonomy = list(Autonomy)[checked] if checked >= 0 else None
        return SheetTexts(
            title=self.title_edit.text(),
            autonomy=autonomy,
            activity_area_id=self.area_combo.currentData(),
            context=self.context_edit.toPlainText(),
            description=self.description_edit.toPlainText(),
            reflective_analysis=self.analysis_edit.toPlainText(),
        )

    def links(self) -> SheetLinks:
        return SheetLinks(
            task_ids=self.tasks_model.checked("task"),
            competence_ids=self.competences_model.checked("competence"),
            criterion_ids=self.competences_model.checked("criterion"),
        )

    def texts_dirty(self) -> bool:
        if self.snapshot is None or not self.snapshot.can_write:
            return False
        return _normalised(self.texts()) != _normalised(self.snapshot.texts)

    def links_dirty(self) -> bool:
        if self.snapshot is None:
            return False
        return self.links() != self.snapshot.links

    def is_dirty(self) -> bool:
        return self.texts_dirty() or self.links_dirty()

    def _edited(self, *_: object) -> None:
        if self._loading:
            return
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.dirty_label.setText(self.tr("Changes not saved yet.") if dirty else "")

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        """Save what this reader may change; True when nothing is left unsaved."""
        snapshot = self.snapshot
        if snapshot is None:
            return True
        title = self.tr("Save the sheet")
        try:
            if snapshot.can_write and self.is_dirty():
                saved = save_sheet(
                    self.context.store,
                    self.context.actor,
                    snapshot.id,
                    self.texts(),
                    version=snapshot.version,
                    task_ids=self.links().task_ids,
                    task_ids_read=snapshot.links.task_ids,
                )
            elif snapshot.can_annotate and self.links_dirty():
                saved = link_sheet(
                    self.context.store,
                    self.context.actor,
                    snapshot.id,
                    self.links(),
                    links_read=snapshot.links,
                )
            else:
                return True
        except SheetConflict as conflict:
            return self._resolve(conflict)
        except CproError as exc:
            if faults.retry_wanted(self, title, exc, ask.show_error):
                return self.save()
            return False
        self.show_snapshot(saved)
        emit(self.saved, self.sheet_id)
        return True

    def _sections(self, theirs: SheetTexts, mine: SheetTexts) -> list[Section]:
        return [
            (self.tr("Activity title"), theirs.title, mine.title),
            (self.tr("Conditions"), theirs.autonomy_label, mine.autonomy_label),
            (self.tr("Context"), theirs.context, mine.context),
            (self.tr("Description of the activity"), theirs.description, mine.description),
            (self.tr("Reflective analysis"), theirs.reflective_analysis, mine.reflective_analysis),
        ]

    def _resolve(self, conflict: SheetConflict) -> bool:
        theirs = conflict.theirs
        sections = self._sections(theirs.texts, conflict.mine)
        dialog = ConflictDialog(
            str(conflict),
            sections,
            self.tr("Their version (saved on %1)").replace(
                "%1", theirs.last_change.astimezone().strftime("%d/%m/%Y %H:%M")
            ),
            self,
        )
        ask.run_dialog(dialog)
        if dialog.choice == ConflictChoice.KEEP_MINE:
            tasks = self.links().task_ids
            while True:
                try:
                    saved = save_sheet(
                        self.context.store,
                        self.context.actor,
                        self.sheet_id,
                        conflict.mine,
                        version=theirs.version,
                        force_over_version=theirs.version,
                        task_ids=tasks,
                        task_ids_read=self.snapshot.links.task_ids if self.snapshot else None,
                    )
                    break
                except CproError as exc:
                    if not faults.retry_wanted(
                        self, self.tr("Save the sheet"), exc, ask.show_error
                    ):
                        return False
            self.show_snapshot(saved)
            self.other_version.show_version(
                self.tr("The other version, replaced by yours (kept here to copy from)"),
                sections,
                1,
            )
            emit(self.saved, self.sheet_id)
            return True
        if dialog.choice == ConflictChoice.TAKE_THEIRS:
            self.show_snapshot(theirs)
            self.other_version.show_version(
                self.tr("Your version, not saved (kept here to copy from)"), sections, 2
            )
            return True
        return False

    # -- leaving --------------------------------------------------------------------------
    def reject(self) -> None:
        if self.is_dirty():
            choice = ask.unsaved_changes(
                self,
                self.tr("Activity sheet"),
                self.tr("This sheet has changes that are not saved. Save them?"),
            )
            if choice == ask.UnsavedChoice.CANCEL:
                return
            if choice == ask.UnsavedChoice.SAVE and not self.save():
                return
        super().reject()


def _normalised(texts: SheetTexts) -> SheetTexts:
    """As the service stores it (the title's spaces collapsed), to compare with what was read."""
    return SheetTexts(
        title=" ".join(texts.title.split()),
        autonomy=texts.autonomy,
        activity_area_id=texts.activity_area_id,
        context=texts.context,
        description=texts.description,
        reflective_analysis=texts.reflective_analysis,
    )
