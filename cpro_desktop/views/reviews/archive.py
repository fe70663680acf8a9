"""Module 4, "Bilans de compétences": every interim review of the selected apprentice, centre
and company, over the whole cycle — a band of dates with one tab per review, sorted by date —
and the comparison table (competences × review dates, the "Note proposée" row).

A review tab shows its Constats and Conseils first, then its competence table. Opening a
validated review marks it read (the service does); a validated company review the reader has
not opened yet carries a "●" marker. The reader's own drafts show too, marked "Brouillon"; no
one else's. The selected review and the comparison print to PDF.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.models.enums import COMPETENCE_LEVEL_LABELS, CompetenceLevel, Origin
from cpro_desktop.reports.colours import LEVEL_HEX
from cpro_desktop.services import audit, review_context, reviews
from cpro_desktop.services.review_context import ReviewHeader, format_date
from cpro_desktop.services.reviews import ComparisonTable, ReviewSnapshot
from cpro_desktop.store import CproError
from cpro_desktop.views import faults
from cpro_desktop.views.activities.signals import emit
from cpro_desktop.views.context import AppContext
from cpro_desktop.views.reviews import ask
from cpro_desktop.views.reviews.models import (
    ComparisonModel,
    ReviewLinesModel,
    origin_icon,
    origin_label,
)

UNREAD_MARK = "● "
UNREAD_COLOUR = QColor("#b00020")


def legend_html() -> str:
    """The five levels and their meanings, on one line."""
    return " &nbsp; ".join(
        f"<b style='color:{LEVEL_HEX[level]}'>{level.value}</b> {COMPETENCE_LEVEL_LABELS[level]}"
        for level in CompetenceLevel
    )


def _table_view(parent: QWidget, model_columns_fixed: int = 90) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setDefaultSectionSize(model_columns_fixed)
    view.setWordWrap(False)
    return view


class ReviewTab(QWidget):
    """One review: who and when, Constats and Conseils, then the competence table."""

    def __init__(self, summary: ReviewSnapshot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.snapshot: ReviewSnapshot | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel("", self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.facts = QLabel("", self)
        self.facts.setObjectName("facts")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        texts = QGridLayout()
        self.findings_view = QPlainTextEdit(self)
        self.findings_view.setObjectName("findings")
        self.advice_view = QPlainTextEdit(self)
        self.advice_view.setObjectName("advice")
        for column, (title, view) in enumerate(
            ((self.tr("<b>Findings:</b>"), self.findings_view),
             (self.tr("<b>Advice:</b>"), self.advice_view))
        ):  # fmt: skip
            view.setReadOnly(True)
            view.setMaximumHeight(130)
            texts.addWidget(QLabel(title, self), 0, column)
            texts.addWidget(view, 1, column)
        self.model = ReviewLinesModel(self)
        self.table = _table_view(self, 80)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ReviewLinesModel.COMPETENCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ReviewLinesModel.LEVEL, QHeaderView.ResizeMode.Fixed)
        legend = QLabel(legend_html(), self)
        legend.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(texts)
        layout.addWidget(QLabel(self.tr("<b>Competences</b>"), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)

    @property
    def loaded(self) -> bool:
        return self.snapshot is not None

    def set_snapshot(self, snapshot: ReviewSnapshot) -> None:
        self.snapshot = snapshot
        title = (
            self.tr("Company activity review of %1")
            if snapshot.origin == Origin.COMPANY
            else self.tr("Interim competence review of %1")
        ).replace("%1", format_date(snapshot.reviewed_on))
        self.heading.setText(f"<h3 style='margin:0'>{escape(title)}</h3>")
        facts = [
            self.tr("Written in the company by %1")
            if snapshot.origin == Origin.COMPANY
            else self.tr("Written in the centre by %1")
        ]
        facts[0] = facts[0].replace("%1", snapshot.author_name or "—")
        if snapshot.is_draft:
            facts.append(self.tr("Draft: visible to you only, not validated yet."))
        else:
            when = snapshot.validated_at.astimezone() if snapshot.validated_at else None
            validated = self.tr("validated definitively on %1 by %2")
            validated = validated.replace("%1", when.strftime("%d/%m/%Y %H:%M") if when else "")
            facts.append(validated.replace("%2", snapshot.validated_by_name or "—"))
        mark = reviews.format_mark(snapshot.proposed_mark)
        if mark:
            facts.append(self.tr("proposed mark: %1").replace("%1", mark))
        self.facts.setText(" · ".join(facts))
        self.findings_view.setPlainText(snapshot.findings)
        self.advice_view.setPlainText(snapshot.advice)
        self.model.set_snapshot(snapshot)


class ComparisonTab(QWidget):
    """The seed's last table, from the comparison snapshot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.empty_label = QLabel(self.tr("No validated review yet."), self)
        self.model = ComparisonModel(self)
        self.table = _table_view(self, 96)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setMinimumSectionSize(60)
        self.model.modelReset.connect(self._resize)
        legend = QLabel(legend_html(), self)
        legend.setWordWrap(True)
        key = QLabel(
            self.tr("Column icons: a rectangle for a review in the centre, a pill for a review "
                    "in the company."),
            self,
        )  # fmt: skip
        key.setStyleSheet("color: #555;")
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        layout.addWidget(key)

    def set_table(self, table: ComparisonTable) -> None:
        self.model.set_table(table)
        self.empty_label.setVisible(not table.reviews)

    def _resize(self) -> None:
        header = self.table.horizontalHeader()
        if self.model.columnCount():
            header.setSectionResizeMode(ComparisonModel.COMPETENCE, QHeaderView.ResizeMode.Stretch)


class CompetenceReviewsPage(QWidget):
    """The archive of the selected apprentice's competence reviews (every role)."""

    #: The reader's unread validated reviews over all his apprentices (the module entry's
    #: counter): emitted when the page reads them again and when opening one marks it read.
    unread_changed = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.apprentice_id: int | None = None
        self.header: ReviewHeader | None = None
        self.review_tabs: list[ReviewTab] = []
        #: The unread reviews of the apprentice shown (their tabs carry the marker).
        self.unread: set[int] = set()
        #: The count over the reader's whole scope; None until first asked or read.
        self.unread_total: int | None = None
        #: Not read yet, or the apprentice (or the data) changed since: read when shown.
        self.stale = True
        layout = QVBoxLayout(self)
        self.heading = QLabel("", self)
        self.heading.setObjectName("heading")
        self.message = QLabel("", self)
        self.message.setObjectName("message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("review_band")
        self.tabs.setUsesScrollButtons(True)
        self.comparison = ComparisonTab(self.tabs)
        buttons = QHBoxLayout()
        self.notice_label = QLabel("", self)
        self.notice_label.setObjectName("notice")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.print_review_button = QPushButton(self.tr("Print the &review (PDF)…"), self)
        self.print_comparison_button = QPushButton(self.tr("Print the &comparison (PDF)…"),
                                                   self)  # fmt: skip
        buttons.addWidget(self.notice_label, 1)
        buttons.addWidget(self.print_review_button)
        buttons.addWidget(self.print_comparison_button)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.print_review_button.clicked.connect(self.print_review)
        self.print_comparison_button.clicked.connect(self.print_comparison)
        context.selection.changed.connect(self.set_apprentice)
        self.apprentice_id = context.selection.apprentice_id

    # -- loading ------------------------------------------------------------------------
    def set_apprentice(self, apprentice_id: int | None) -> None:
        """Follow the shared selector; a hidden page reads when it shows."""
        self.apprentice_id = apprentice_id
        self.mark_stale()

    def mark_stale(self) -> None:
        """The apprentice or the data changed (reviews validated meanwhile in module 3 or
        the dashboard: the main window tells): read again now if shown, else when shown."""
        self.stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale and not event.spontaneous():
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Read the apprentice's reviews again; the open review stays open."""
        self.stale = False
        current = self.current_review_tab()
        keep = current.summary.id if current is not None else None
        self.tabs.blockSignals(True)
        try:
            self._fill()
        finally:
            self.tabs.blockSignals(False)
        target = next((t for t in self.review_tabs if t.summary.id == keep), None)
        self.tabs.setCurrentWidget(target if target is not None else self.comparison)
        self._tab_changed(self.tabs.currentIndex())

    def _fill(self) -> None:
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not self.comparison:
                widget.deleteLater()
        self.review_tabs = []
        self.unread = set()
        self.header = None
        self.notice_label.setText("")
        if self.apprentice_id is None:
            self._say(self.tr("Choose an apprentice in the selector above."))
            return
        store, actor = self.context.store, self.context.actor
        try:
            self.header = review_context.review_header(store, actor, self.apprentice_id)
            listed = reviews.list_reviews(store, actor, self.apprentice_id)
            table = reviews.comparison_table(store, actor, self.apprentice_id)
            unread = reviews.unread_review_ids(store, actor)
        except CproError as exc:
            self._say(str(exc))
            return
        self.unread = set(unread) & {r.id for r in listed}
        self._set_unread_total(len(unread))
        self.heading.setText(
            "<h2 style='margin:0'>"
            + escape(self.tr("Competence reviews — %1").replace("%1", self.header.apprentice_name))
            + "</h2>"
        )
        self.message.setText(
            self.tr("Interim reviews of the centre and company reviews, over the whole "
                    "training cycle, by date. Click a date to open its review.")
            if listed
            else self.tr("No review yet for this apprentice.")
        )  # fmt: skip
        self.message.show()
        self.comparison.set_table(table)
        self.tabs.addTab(self.comparison, self.tr("Comparison"))
        for summary in listed:
            tab = ReviewTab(summary, self.tabs)
            index = self.tabs.addTab(tab, origin_icon(summary.origin), self.tab_title(summary))
            self.tabs.setTabToolTip(index, self._tab_tooltip(summary))
            if summary.id in self.unread:
                self.tabs.tabBar().setTabTextColor(index, UNREAD_COLOUR)
            self.review_tabs.append(tab)
        self.tabs.show()

    def _say(self, text: str) -> None:
        self.heading.setText("")
        self.message.setText(text)
        self.message.show()
        self.tabs.hide()
        self.print_review_button.setEnabled(False)
        self.print_comparison_button.setEnabled(False)

    def tab_title(self, summary: ReviewSnapshot) -> str:
        """ "01/02/2022 · Centre", "● 21/07/2023 · Entreprise", "… · Brouillon"."""
        title = f"{format_date(summary.reviewed_on)} · {origin_label(summary.origin)}"
        if summary.is_draft:
            title += " · " + self.tr("Draft")
        if summary.id in self.unread:
            title = UNREAD_MARK + title
        return title

    def _tab_tooltip(self, summary: ReviewSnapshot) -> str:
        parts = [origin_label(summary.origin), summary.author_name]
        if summary.is_draft:
            parts.append(self.tr("draft, visible to you only"))
        if summary.id in self.unread:
            parts.append(self.tr("new: not read yet"))
        return " — ".join(p for p in parts if p)

    # -- state --------------------------------------------------------------------------
    def current_review_tab(self) -> ReviewTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ReviewTab) else None

    def tab_texts(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def open_review(self, review_id: int) -> ReviewTab:
        """Open a review's tab, as a click on its date does."""
        tab = next(t for t in self.review_tabs if t.summary.id == review_id)
        self.tabs.setCurrentWidget(tab)
        return tab

    def _tab_changed(self, index: int) -> None:
        tab = self.current_review_tab()
        has_reviews = bool(self.comparison.model.table().reviews)
        self.print_comparison_button.setEnabled(has_reviews and self.header is not None)
        self.print_review_button.setEnabled(tab is not None)
        if tab is None or tab.loaded:
            return
        try:
            snapshot = reviews.get_review(self.context.store, self.context.actor, tab.summary.id)
        except CproError as exc:
            ask.show_error(self, self.tr("Opening the review"), str(exc))
            return
        tab.set_snapshot(snapshot)
        if tab.summary.id in self.unread:
            self.unread.discard(tab.summary.id)
            position = self.tabs.indexOf(tab)
            self.tabs.setTabText(position, self.tab_title(tab.summary))
            self.tabs.setTabToolTip(position, self._tab_tooltip(tab.summary))
            self.tabs.tabBar().setTabTextColor(position, QColor())
            self._count_unread()

    # -- the module entry's counter -------------------------------------------------------
    def unread_count(self) -> int:
        """The reader's unread validated reviews over all his apprentices (counted once,
        then kept up to date by the page)."""
        if self.unread_total is None:
            self._count_unread()
        return self.unread_total or 0

    def _count_unread(self) -> None:
        try:
            total = reviews.unread_review_count(self.context.store, self.context.actor)
        except CproError:
            return
        self._set_unread_total(total)

    def _set_unread_total(self, total: int) -> None:
        changed = total != self.unread_total
        self.unread_total = total
        if changed:
            emit(self.unread_changed, total)

    # -- printing -----------------------------------------------------------------------
    def print_review(self) -> None:
        tab = self.current_review_tab()
        if tab is None or tab.snapshot is None or self.header is None:
            return
        snapshot = tab.snapshot
        suggested = (
            f"bilan-{self.header.apprentice_name}-{snapshot.reviewed_on.isoformat()}.pdf"
        ).replace(" ", "-")
        path = ask.pdf_target(self, self.tr("Print the review"), suggested)
        if not path or not self._log_print(
            self.tr("Print the review"), f"Bilan du {snapshot.reviewed_on:%d/%m/%Y}"
        ):
            return
        from cpro_desktop.reports.reviews import competence_review_pdf  # ReportLab, when used

        try:
            competence_review_pdf(
                snapshot, self.header.apprentice_name, self.header.centre_name, path
            )
        except OSError as exc:
            faults.retry_wanted(self, self.tr("Print the review"), exc, ask.show_error)
            return
        self._printed(path)

    def print_comparison(self) -> None:
        if self.header is None:
            return
        table = self.comparison.model.table()
        suggested = f"bilans-{self.header.apprentice_name}-comparaison.pdf".replace(" ", "-")
        path = ask.pdf_target(self, self.tr("Print the comparison"), suggested)
        if not path or not self._log_print(
            self.tr("Print the comparison"), "Tableau comparatif des bilans"
        ):
            return
        from cpro_desktop.reports.reviews import comparison_pdf  # ReportLab, when used

        try:
            comparison_pdf(table, self.header.apprentice_name, self.header.centre_name, path)
        except OSError as exc:
            faults.retry_wanted(self, self.tr("Print the comparison"), exc, ask.show_error)
            return
        self._printed(path)

    def _log_print(self, title: str, detail: str) -> bool:
        """Write the print into the audit trail before the file; False (and the refusal
        shown) if the trail refuses it."""
        if self.apprentice_id is None:
            return False
        try:
            audit.log_print(
                self.context.store,
                self.context.actor,
                audit.AuditAction.PRINT_REVIEWS,
                self.apprentice_id,
                detail,
            )
        except CproError as exc:
            if faults.retry_wanted(self, title, exc, ask.show_error):
                return self._log_print(title, detail)
            return False
        return True

    def _printed(self, path: str) -> None:
        self.notice_label.setText(self.tr("PDF saved: %1").replace("%1", path))
