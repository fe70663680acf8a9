"""The logbook (journal de bord) of one portfolio as a six-page wizard, as the seed lays it
out: Entreprise d'accueil, Objectifs de la période, Géolocalisation de l'entreprise,
Présentation des activités hebdomadaires, Annexes associées, Éditer le bilan de la période.

Each page reads what it shows when it is first shown (`logbook_parts()`: the logbook's
header and that page's part, in one call), so that the wizard opened on its weekly page
reads that page only. Each page saves what it holds ("Enregistrer"); leaving a page with
unsaved changes — to the next or the previous page, or closing — asks "Enregistrer /
Ignorer / Annuler". The whole logbook prints as a PDF.
"""

from __future__ import annotations

import enum
import re
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from cpro_desktop.services.activities import (
    LogbookPart,
    LogbookSnapshot,
    SheetSnapshot,
    logbook_parts,
    logbook_print_snapshot,
)
from cpro_desktop.store.errors import CproError
from cpro_desktop.views import faults
from cpro_desktop.views.context import AppContext

from . import ask
from .logbook_pages import (
    AttachmentsPage,
    CompanyPage,
    LogbookPageBase,
    MapPage,
    ObjectivesPage,
    ReviewPage,
    WeeklyPage,
)
from .sheet_dialog import ActivitySheetDialog
from .signals import emit


class LogbookPage(enum.IntEnum):
    """The wizard's page ids, in order."""

    COMPANY = 0
    OBJECTIVES = 1
    MAP = 2
    WEEKLY = 3
    ATTACHMENTS = 4
    REVIEW = 5


#: What each page reads beyond the logbook's header (None: the header is all it shows).
PAGE_PARTS: dict[LogbookPage, LogbookPart | None] = {
    LogbookPage.COMPANY: None,
    LogbookPage.OBJECTIVES: LogbookPart.PLAN,
    LogbookPage.MAP: None,
    LogbookPage.WEEKLY: LogbookPart.WEEKLY,
    LogbookPage.ATTACHMENTS: LogbookPart.ATTACHMENTS,
    LogbookPage.REVIEW: LogbookPart.REVIEW,
}

BACK = QWizard.WizardButton.CustomButton1
SAVE = QWizard.WizardButton.CustomButton2
PRINT = QWizard.WizardButton.CustomButton3


class LogbookWizard(QWizard):
    """The logbook of one portfolio; `changed` whenever something was saved."""

    changed = Signal()
    #: A weekly sheet unread by the reader was opened, and so marked read (its snapshot).
    sheet_read = Signal(object)

    def __init__(self, context: AppContext, portfolio_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("logbook_wizard")
        self.context = context
        self.portfolio_id = portfolio_id
        #: What was read so far: the header and the parts of the pages shown.
        self.snapshot: LogbookSnapshot | None = None
        self.sheet_dialog: ActivitySheetDialog | None = None
        #: Moving through pages towards another (`go_to()`): they read nothing.
        self._passing = False
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(1040, 760)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton3, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)
        self.setButtonText(BACK, self.tr("< &Back"))
        self.setButtonText(SAVE, self.tr("&Save this page"))
        self.setButtonText(PRINT, self.tr("&Print the logbook"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Close"))
        # Our own "Back" asks about unsaved changes; QWizard's own could not.
        self.setButtonLayout(
            [
                PRINT,
                QWizard.WizardButton.Stretch,
                SAVE,
                BACK,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ]
        )
        self.pages: dict[LogbookPage, LogbookPageBase] = {
            LogbookPage.COMPANY: CompanyPage(context, self),
            LogbookPage.OBJECTIVES: ObjectivesPage(context, self),
            LogbookPage.MAP: MapPage(context, self),
            LogbookPage.WEEKLY: WeeklyPage(context, self),
            LogbookPage.ATTACHMENTS: AttachmentsPage(context, self),
            LogbookPage.REVIEW: ReviewPage(context, self),
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
            page.dirty_changed.connect(self._update_buttons)
        weekly = self.pages[LogbookPage.WEEKLY]
        assert isinstance(weekly, WeeklyPage)
        weekly.sheet_requested.connect(self.open_sheet)
        attachments = self.pages[LogbookPage.ATTACHMENTS]
        assert isinstance(attachments, AttachmentsPage)
        attachments.panel.changed.connect(self._sheet_saved)
        self.customButtonClicked.connect(self._custom_clicked)
        self.currentIdChanged.connect(self._current_changed)

    # -- loading --------------------------------------------------------------------------
    def load(self, page: LogbookPage = LogbookPage.COMPANY) -> bool:
        """Read the logbook's header and what `page` shows (the page it opens on) through
        the service; False (after telling why) if refused."""
        snapshot = self._read({PAGE_PARTS[page]} - {None}, self.parentWidget())
        if snapshot is None:
            return False
        self.snapshot = snapshot
        portfolio = snapshot.portfolio
        self.setWindowTitle(
            self.tr("Logbook — %1 — %2")
            .replace("%1", f"{portfolio.apprentice_name} ({portfolio.class_name})")
            .replace("%2", portfolio.period_label)
        )
        self._update_buttons()
        return True

    def _read(self, parts, parent: QWidget | None) -> LogbookSnapshot | None:
        try:
            return logbook_parts(self.context.store, self.context.actor, self.portfolio_id, parts)
        except CproError as exc:
            ask.show_error(parent, self.tr("Logbook"), str(exc))
            return None

    def reload(self) -> None:
        """Read again the header and the parts of the pages shown so far; the pages shown
        show it, those holding unsaved changes keep them."""
        if self.snapshot is None:
            return
        parts = {part for part in LogbookPart if self.snapshot.has(part)}
        snapshot = self._read(parts, self)
        if snapshot is None:
            return
        self.snapshot = snapshot
        for page in self.pages.values():
            if page.snapshot is None:
                continue  # never shown: it reads when it is
            if page.is_dirty():
                if isinstance(page, WeeklyPage):
                    page.set_sheets(snapshot)
                continue
            page.load(snapshot)

    def page_entered(self, page: LogbookPageBase) -> None:
        """A page is shown: with what it shows, read now if it was not yet."""
        if self._passing or self.snapshot is None:
            return
        part = next(PAGE_PARTS[pid] for pid, shown in self.pages.items() if shown is page)
        if part is not None and not self.snapshot.has(part):
            snapshot = self._read({part}, self)
            if snapshot is None:
                return
            self.snapshot = self.snapshot.merged(snapshot)
        if not page.is_dirty():
            page.load(self.snapshot)

    def _current_changed(self, page_id: int) -> None:
        # Back to a page never shown (the wizard opened further on): it reads now.
        page = self.pages.get(LogbookPage(page_id)) if page_id >= 0 else None
        if page is not None and page.snapshot is None:
            self.page_entered(page)
        self._update_buttons()

    def page_of(self, page_id: LogbookPage) -> LogbookPageBase:
        return self.pages[page_id]

    def go_to(self, page_id: LogbookPage) -> None:
        """Move forward to a page (the "Éditer le bilan entreprise" button opens the last);
        the pages passed read nothing (each reads when it is shown)."""
        self._passing = True
        try:
            while self.currentId() != -1 and self.currentId() < page_id:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
        finally:
            self._passing = False
        page = self._current()
        if page is not None:
            self.page_entered(page)

    # -- buttons --------------------------------------------------------------------------
    def _current(self) -> LogbookPageBase | None:
        page = self.currentPage()
        return page if isinstance(page, LogbookPageBase) else None

    def _update_buttons(self, *_: object) -> None:
        page = self._current()
        save = self.button(SAVE)
        save.setVisible(page is not None and page.can_save())
        save.setEnabled(page is not None and page.is_dirty())
        back = self.button(BACK)
        back.setVisible(self.currentId() > LogbookPage.COMPANY)
        back.setEnabled(bool(self.visitedIds()) and self.currentId() > LogbookPage.COMPANY)

    def _custom_clicked(self, which: int) -> None:
        # The signal gives an int; Qt's enums are not IntEnums in PySide6.
        if which == BACK.value:
            self.go_back()
        elif which == SAVE.value:
            self.save_current()
        elif which == PRINT.value:
            self.print_logbook()

    def save_current(self) -> bool:
        page = self._current()
        if page is None or not page.is_dirty():
            return True
        saved = page.save()
        if saved:
            self.reload()  # the other pages show what was just saved when visited again
            emit(self.changed)
        self._update_buttons()
        return saved

    def go_back(self) -> None:
        if self.currentId() > LogbookPage.COMPANY and self._may_leave():
            self.back()

    def _may_leave(self) -> bool:
        """Whether the current page may be left: saved, ignored, or nothing to save."""
        page = self._current()
        if page is None or not page.is_dirty():
            return True
        choice = ask.unsaved_changes(
            self,
            page.title(),
            self.tr("This page has changes that are not saved. Save them?"),
        )
        if choice == ask.UnsavedChoice.CANCEL:
            return False
        if choice == ask.UnsavedChoice.SAVE:
            return self.save_current()
        page.discard()
        self._update_buttons()
        return True

    def validateCurrentPage(self) -> bool:  # Next and Finish
        return self._may_leave()

    def reject(self) -> None:  # Close, Escape, the window's close button
        if self._may_leave():
            super().reject()

    # -- the weekly sheets ----------------------------------------------------------------
    def open_sheet(self, sheet_id: int) -> ActivitySheetDialog | None:
        dialog = ActivitySheetDialog(self.context, sheet_id, self)
        if not dialog.load():
            dialog.deleteLater()
            return None
        self.sheet_dialog = dialog
        dialog.saved.connect(self._sheet_saved)
        dialog.finished.connect(self._sheet_closed)
        if dialog.snapshot is not None and dialog.snapshot.marked_read:
            self._sheet_read(dialog.snapshot)
        dialog.open()
        return dialog

    def _sheet_read(self, snapshot: SheetSnapshot) -> None:
        """Opened, the sheet was marked read: black in the weekly list (nothing read again)."""
        weekly = self.pages[LogbookPage.WEEKLY]
        assert isinstance(weekly, WeeklyPage)
        weekly.sheets_model.mark_read(snapshot.id)
        if self.snapshot is not None and self.snapshot.sheets is not None:
            self.snapshot = replace(
                self.snapshot,
                sheets=tuple(
                    replace(s, unread=False) if s.id == snapshot.id else s
                    for s in self.snapshot.sheets
                ),
            )
        emit(self.sheet_read, snapshot)

    def _sheet_saved(self, *_: object) -> None:
        self.reload()
        emit(self.changed)

    def _sheet_closed(self, *_: object) -> None:
        self.sheet_dialog = None

    # -- printing -------------------------------------------------------------------------
    def print_logbook(self) -> None:
        title = self.tr("Print the logbook")
        if not self._may_leave() or self.snapshot is None:
            return
        portfolio = self.snapshot.portfolio
        name = f"journal_de_bord_{portfolio.apprentice_name}_{portfolio.period_name}"
        suggested = re.sub(r"[^\w.-]+", "_", name).strip("_") + ".pdf"
        target = ask.pdf_target(self, title, suggested)
        if not target:
            return
        from cpro_desktop.reports.logbook import logbook_pdf  # ReportLab: lazily

        while True:
            try:
                snapshot = logbook_print_snapshot(
                    self.context.store, self.context.actor, self.portfolio_id
                )
                pages = logbook_pdf(snapshot, target)
                break
            except (CproError, OSError) as exc:
                if not faults.retry_wanted(self, title, exc, ask.show_error):
                    return
        ask.show_info(
            self,
            title,
            self.tr("PDF saved: %1 (%2 page(s)).").replace("%1", target).replace("%2", str(pages)),
        )
