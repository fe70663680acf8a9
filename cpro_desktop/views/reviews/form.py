"""The competence review form, shared by the tutor's "Bilan des activités en entreprise"
(module 3) and the trainer's interim review in the centre (opened from the dashboard).

The diploma's competences each have a level badge (NE by default, see `level_badge`); beside
them, what helps judge (`panel`); then "Constats", "Conseils" and, for the centre, the proposed
mark. "Enregistrer le brouillon" saves; "Valider le bilan définitivement" saves, asks to type
CONFIRMATION and validates through the service, which decides. A validated review shows read
only, with who validated it and when. Nothing is written until the user saves: opening the form
on an apprentice without a draft creates none.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.models.enums import CompetenceLevel, Origin
from cpro_desktop.services import review_context, reviews
from cpro_desktop.services.review_context import CompetenceInfo
from cpro_desktop.services.reviews import ReviewSnapshot
from cpro_desktop.store import ConflictError, CproError, NotFound, ValidationError
from cpro_desktop.views import faults
from cpro_desktop.views.activities import ask as activities_ask
from cpro_desktop.views.activities.conflict import (
    ConflictChoice,
    ConflictDialog,
    OtherVersionPanel,
    Section,
)
from cpro_desktop.views.context import AppContext
from cpro_desktop.views.reviews import ask
from cpro_desktop.views.reviews.level_badge import LevelBadge
from cpro_desktop.views.reviews.panel import EarlierLevel, JudgementPanel

ERROR_STYLE = "color: #b00020;"
NOTICE_STYLE = "color: #8a5300;"
OK_STYLE = "color: #1b6e35;"


def _validated_line(snapshot: ReviewSnapshot) -> str:
    """ "le 25/01/2023 à 17:00 par DURAND Sophie" (French: the service's names and dates)."""
    when = snapshot.validated_at
    text = ""
    if when is not None:
        local = when.astimezone()
        text = f"le {local.strftime('%d/%m/%Y')} à {local.strftime('%H:%M')}"
    if snapshot.validated_by_name:
        text += f" par {snapshot.validated_by_name}"
    return text.strip()


class ReviewForm(QWidget):
    """One apprentice's review of one origin, written by the signed-in user."""

    saved = Signal(object)  # ReviewSnapshot
    validated = Signal(object)  # ReviewSnapshot

    PAGE_FORM, PAGE_MESSAGE = range(2)

    def __init__(self, context: AppContext, origin: Origin, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.origin = origin
        self.apprentice_id: int | None = None
        self.apprentice_name = ""
        self.snapshot: ReviewSnapshot | None = None
        self.competences: tuple[CompetenceInfo, ...] = ()
        self.badges: dict[int, LevelBadge] = {}
        self.dirty = False
        self._loading = False
        self._stale = True

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)

        # The form itself.
        form_page = QWidget(self.stack)
        layout = QVBoxLayout(form_page)
        self.heading = QLabel("", form_page)
        self.heading.setObjectName("heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.status_label = QLabel("", form_page)
        self.status_label.setObjectName("status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        date_label = QLabel(self.tr("Review &date:"), form_page)
        self.date_edit = QDateEdit(form_page)
        self.date_edit.setObjectName("reviewed_on")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        date_label.setBuddy(self.date_edit)
        self.mark_edit: QLineEdit | None = None
        if origin == Origin.CENTRE:
            mark_label = QLabel(self.tr("Proposed &mark (out of 20, optional):"), form_page)
            self.mark_edit = QLineEdit(form_page)
            self.mark_edit.setObjectName("proposed_mark")
            self.mark_edit.setPlaceholderText(self.tr("e.g. 13.5"))
            self.mark_edit.setMaximumWidth(80)
            mark_label.setBuddy(self.mark_edit)
            top.addWidget(mark_label)
            top.addWidget(self.mark_edit)
            top.addSpacing(16)
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        layout.addWidget(self.heading)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal, form_page)
        scroll = QScrollArea(splitter)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        body_layout = QVBoxLayout(body)
        competences_title = QLabel(self.tr("<b>Competences of the diploma</b>"), body)
        self.hint_label = hint = QLabel(
            self.tr(
                "Hover or focus a blue badge to choose a level (++ + - ---); NE means not "
                "assessed. Not every competence has to be rated."
            ),
            body,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.grid_host = QWidget(body)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setColumnStretch(0, 1)
        body_layout.addWidget(competences_title)
        body_layout.addWidget(hint)
        body_layout.addWidget(self.grid_host)

        body_layout.addStretch(1)
        scroll.setWidget(body)
        self.panel = JudgementPanel(splitter)
        splitter.addWidget(scroll)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 400])

        # Constats and Conseils stay in sight below the competences (both are mandatory).
        texts_host = QWidget(form_page)
        self.findings_label = QLabel(self.tr("&Findings (mandatory):"), texts_host)
        self.findings_edit = QPlainTextEdit(texts_host)
        self.findings_edit.setObjectName("findings")
        self.findings_edit.setTabChangesFocus(True)
        self.findings_label.setBuddy(self.findings_edit)
        self.advice_label = QLabel(self.tr("&Advice (mandatory):"), texts_host)
        self.advice_edit = QPlainTextEdit(texts_host)
        self.advice_edit.setObjectName("advice")
        self.advice_edit.setTabChangesFocus(True)
        self.advice_label.setBuddy(self.advice_edit)
        texts = QGridLayout(texts_host)
        texts.setContentsMargins(0, 4, 0, 0)
        texts.addWidget(self.findings_label, 0, 0)
        texts.addWidget(self.advice_label, 0, 1)
        texts.addWidget(self.findings_edit, 1, 0)
        texts.addWidget(self.advice_edit, 1, 1)
        texts_host.setMinimumHeight(100)
        vertical = QSplitter(Qt.Orientation.Vertical, form_page)
        vertical.addWidget(splitter)
        vertical.addWidget(texts_host)
        vertical.setStretchFactor(0, 3)
        vertical.setStretchFactor(1, 1)
        vertical.setSizes([460, 150])
        vertical.setChildrenCollapsible(False)
        layout.addWidget(vertical, 1)

        self.problems_label = QLabel("", form_page)
        self.problems_label.setObjectName("problems")
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet(ERROR_STYLE)
        self.notice_label = QLabel("", form_page)
        self.notice_label.setObjectName("notice")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save the draft"), form_page)
        self.validate_button = QPushButton(self.tr("&Validate the review definitively"),
                                           form_page)  # fmt: skip
        self.new_button = QPushButton(self.tr("Start a &new review"), form_page)
        self.new_button.hide()
        buttons.addWidget(self.problems_label, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.validate_button)
        layout.addWidget(self.notice_label)
        self.other_version = OtherVersionPanel(form_page)
        layout.addWidget(self.other_version)
        layout.addLayout(buttons)
        self.stack.addWidget(form_page)

        # Said instead of the form: no apprentice, or not allowed to write.
        self.message = QLabel("", self.stack)
        self.message.setObjectName("message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setMargin(12)
        self.stack.addWidget(self.message)

        self.findings_edit.textChanged.connect(self._edited)
        self.advice_edit.textChanged.connect(self._edited)
        self.date_edit.dateChanged.connect(self._edited)
        if self.mark_edit is not None:
            self.mark_edit.textChanged.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.validate_button.clicked.connect(self.validate)
        self.new_button.clicked.connect(self._start_new)
        self._say(self.tr("Choose an apprentice in the selector above."))

    # -- loading ------------------------------------------------------------------------
    def set_apprentice(self, apprentice_id: int | None) -> None:
        """Show the apprentice's review: the user's draft, resumed, or a new one. Unsaved
        changes of the previous apprentice are saved first."""
        if apprentice_id == self.apprentice_id and not self._stale:
            return
        self.save_if_dirty()
        self.apprentice_id = apprentice_id
        # A hidden form (another module is open) reads when it shows.
        self._stale = True
        if self.isVisible():
            self.reload()

    def mark_stale(self) -> None:
        """The data changed elsewhere: read again now if shown (unsaved changes saved
        first), else when shown."""
        self._stale = True
        if self.isVisible():
            self.save_if_dirty()
            self.reload()

    def reload(self) -> None:
        """Read everything again from the store (after a conflict, or to refresh)."""
        apprentice_id = self.apprentice_id
        self._stale = False
        self.snapshot = None
        self.dirty = False
        if apprentice_id is None:
            self._say(self.tr("Choose an apprentice in the selector above."))
            return
        store, actor = self.context.store, self.context.actor
        try:
            if not reviews.can_write(store, actor, apprentice_id, self.origin):
                self._say(
                    self.tr("Only the apprentice's company tutor writes his company reviews.")
                    if self.origin == Origin.COMPANY
                    else self.tr("Only the apprentice's trainers write his interim reviews.")
                )
                return
            header = review_context.review_header(store, actor, apprentice_id)
            origins = (Origin.COMPANY,) if self.origin == Origin.COMPANY else tuple(Origin)
            judgement = review_context.judgement_context(store, actor, apprentice_id, origins)
            archive = reviews.list_reviews(store, actor, apprentice_id)
        except CproError as exc:
            self._say(str(exc))
            return
        drafts = [
            r
            for r in archive
            if r.is_draft and r.origin == self.origin and r.author_id == actor.account_id
        ]
        earlier: dict[int, list[EarlierLevel]] = {}
        for review in archive:
            if review.is_draft:
                continue
            for line in review.lines:
                earlier.setdefault(line.competence_id, []).append(
                    EarlierLevel(review.reviewed_on, review.origin, line.level)
                )
        self.apprentice_name = header.apprentice_name
        self.competences = judgement.competences
        self.panel.set_context(judgement, earlier, origins)
        self._show(drafts[-1] if drafts else None)

    def _show(self, snapshot: ReviewSnapshot | None) -> None:
        """Fill the widgets from a stored review (None: a new, empty one)."""
        self._loading = True
        self.snapshot = snapshot
        title = (
            self.tr("Company activity review")
            if self.origin == Origin.COMPANY
            else self.tr("Interim competence review")
        )
        name = escape(self.apprentice_name)
        self.heading.setText(f"<h2 style='margin:0'>{escape(title)} — {name}</h2>")
        levels = {line.competence_id: line.level for line in snapshot.lines} if snapshot else {}
        self._build_rows(levels)
        self.findings_edit.setPlainText(snapshot.findings if snapshot else "")
        self.advice_edit.setPlainText(snapshot.advice if snapshot else "")
        if self.mark_edit is not None:
            self.mark_edit.setText(
                reviews.format_mark(snapshot.proposed_mark).removesuffix("/20") if snapshot else ""
            )
        day = snapshot.reviewed_on if snapshot else date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        read_only = snapshot is not None and not snapshot.is_draft
        self._set_read_only(read_only)
        self.notice_label.setText("")
        self.dirty = False
        self._loading = False
        self._update_state()
        self.stack.setCurrentIndex(self.PAGE_FORM)

    def _build_rows(self, levels: dict[int, CompetenceLevel]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.badges = {}
        previous: QWidget | None = None
        for row, competence in enumerate(self.competences):
            badge = LevelBadge(
                levels.get(competence.id, CompetenceLevel.NOT_ASSESSED),
                self.grid_host,
                competence_title=competence.title,
            )
            badge.setObjectName(f"level_{competence.code}")
            label = QLabel(competence.title, self.grid_host)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setBuddy(badge)
            badge.level_changed.connect(self._edited)
            badge.activated.connect(lambda cid=competence.id: self.panel.show_competence(cid))
            # The title first, then the badge: the selector opens rightwards into its own
            # reserved space, so nothing moves when it opens.
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(badge, row, 1, Qt.AlignmentFlag.AlignVCenter)
            if previous is not None:
                QWidget.setTabOrder(previous, badge)
            previous = badge
            self.badges[competence.id] = badge
        if not self.competences:
            self.grid.addWidget(
                QLabel(self.tr("The apprentice's diploma has no competence."), self.grid_host),
                0,
                0,
                1,
                2,
            )
        if previous is not None:
            QWidget.setTabOrder(previous, self.findings_edit)
        QWidget.setTabOrder(self.findings_edit, self.advice_edit)

    def _set_read_only(self, read_only: bool) -> None:
        for badge in self.badges.values():
            badge.set_read_only(read_only)
        self.hint_label.setVisible(not read_only)
        self.findings_edit.setReadOnly(read_only)
        self.advice_edit.setReadOnly(read_only)
        self.date_edit.setReadOnly(read_only)
        if self.mark_edit is not None:
            self.mark_edit.setReadOnly(read_only)
        self.save_button.setVisible(not read_only)
        self.validate_button.setVisible(not read_only)
        self.new_button.setVisible(read_only)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentIndex(self.PAGE_MESSAGE)

    # -- state --------------------------------------------------------------------------
    def is_read_only(self) -> bool:
        return self.snapshot is not None and not self.snapshot.is_draft

    def levels(self) -> dict[int, CompetenceLevel]:
        return {cid: badge.level() for cid, badge in self.badges.items()}

    def badge(self, code: str) -> LevelBadge:
        """The badge of a competence by its code ("C1")."""
        for competence in self.competences:
            if competence.code == code:
                return self.badges[competence.id]
        raise KeyError(code)

    def _mark_text(self) -> str | None:
        return self.mark_edit.text() if self.mark_edit is not None else None

    def _reviewed_on(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def _edited(self, *_args: object) -> None:
        if self._loading or self.is_read_only():
            return
        self.dirty = True
        self._update_state()

    def _update_state(self) -> None:
        """The status line, and why the validate button is disabled (the service's rules)."""
        if self.is_read_only():
            assert self.snapshot is not None
            self.status_label.setText(
                self.tr("Validated definitively %1. This review can no longer change.").replace(
                    "%1", _validated_line(self.snapshot)
                )
            )
            self.status_label.setStyleSheet(OK_STYLE)
            self.problems_label.setText("")
            return
        if self.dirty:
            status = self.tr("Unsaved changes.")
        elif self.snapshot is None:
            status = self.tr("New review: nothing is saved yet.")
        else:
            status = self.tr("Draft, visible to you only: you can save it and resume it later.")
        self.status_label.setText(status)
        self.status_label.setStyleSheet(NOTICE_STYLE if self.dirty else "")
        problems = reviews.validation_problems(
            self.findings_edit.toPlainText(), self.advice_edit.toPlainText()
        )
        mark_problem = ""
        try:
            reviews.parse_mark(self._mark_text())
        except ValidationError as exc:
            mark_problem = str(exc)
        if mark_problem:
            problems.append(mark_problem)
        self.save_button.setEnabled(not mark_problem)
        self.save_button.setToolTip(mark_problem)
        self.validate_button.setEnabled(not problems)
        reason = "\n".join(problems)
        self.validate_button.setToolTip(
            reason
            or self.tr("Asks you to type CONFIRMATION; after that the review can never change.")
        )
        self.problems_label.setText(
            self.tr("Cannot validate yet: %1").replace("%1", " ".join(problems)) if problems else ""
        )

    # -- actions ------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the draft as it stands (starting it if new); True on success."""
        if self.apprentice_id is None or self.is_read_only():
            return False
        store, actor = self.context.store, self.context.actor
        try:
            snapshot = self.snapshot
            if snapshot is None:
                snapshot = reviews.start_review(
                    store, actor, self.apprentice_id, self.origin, self._reviewed_on()
                )
            snapshot = reviews.save_draft(
                store,
                actor,
                snapshot.id,
                snapshot.version,
                findings=self.findings_edit.toPlainText(),
                advice=self.advice_edit.toPlainText(),
                levels=self.levels(),
                proposed_mark=self._mark_text(),
                reviewed_on=self._reviewed_on(),
            )
        except (ConflictError, NotFound) as exc:
            self._conflict(str(exc))
            return False
        except ValidationError as exc:
            self._notice(str(exc), ERROR_STYLE)
            return False
        except CproError as exc:
            if faults.retry_wanted(self, self.tr("Saving the review"), exc, ask.show_error):
                return self.save()
            return False
        self.snapshot = snapshot
        self.dirty = False
        self._update_state()
        self._notice(
            self.tr("Draft saved at %1.").replace("%1", datetime.now().strftime("%H:%M")),
            OK_STYLE,
        )
        self.saved.emit(snapshot)
        return True

    def save_if_dirty(self) -> bool:
        """Save unsaved changes (before leaving the apprentice); True if nothing is left."""
        if not self.dirty or self.is_read_only() or self.apprentice_id is None:
            return True
        return self.save()

    def validate(self) -> bool:
        """Save, ask for CONFIRMATION, validate; anything but CONFIRMATION leaves a draft."""
        if self.apprentice_id is None or self.is_read_only():
            return False
        if not self.save():
            return False
        assert self.snapshot is not None
        typed = ask.type_confirmation(
            self,
            self.tr("Validate the review definitively"),
            self.tr(
                "Once validated, the review can never change again.\n"
                "Type CONFIRMATION in capital letters, then click OK:"
            ),
        )
        while True:
            try:
                snapshot = reviews.validate_review(
                    self.context.store,
                    self.context.actor,
                    self.snapshot.id,
                    self.snapshot.version,
                    typed,
                )
                break
            except ValidationError as exc:
                self._notice(f"{exc} " + self.tr("The review stays a draft (saved)."), NOTICE_STYLE)
                return False
            except (ConflictError, NotFound) as exc:
                self._conflict(str(exc))
                return False
            except CproError as exc:
                # Réessayer validates again with the CONFIRMATION already typed.
                title = self.tr("Validating the review")
                if not faults.retry_wanted(self, title, exc, ask.show_error):
                    return False
        self._show(snapshot)
        self._notice(self.tr("The review is validated and archived in the competence reviews."),
                     OK_STYLE)  # fmt: skip
        self.validated.emit(snapshot)
        return True

    def _start_new(self) -> None:
        """After a validation: an empty form for the next review (saved when the user saves)."""
        self._show(None)

    def _conflict(self, message: str) -> None:
        """Someone saved or validated the review elsewhere: what this person typed is never
        replaced unseen. Both versions side by side; he keeps his (saved over theirs), takes
        theirs (his stays shown to copy from), or goes back to editing his."""
        mine = (
            self.findings_edit.toPlainText(),
            self.advice_edit.toPlainText(),
            self.levels(),
            self.mark_edit.text() if self.mark_edit is not None else "",
        )
        review_id = self.snapshot.id if self.snapshot is not None else None
        current = None
        if review_id is not None:
            try:
                current = reviews.get_review(
                    self.context.store, self.context.actor, review_id, mark_read=False
                )
            except CproError:
                current = None
        if current is None or not current.is_draft:
            # Gone, or validated meanwhile (it can never change again): show the store's,
            # and keep the typed text beside it to copy from.
            ask.show_error(self, self.tr("The review changed elsewhere"), message)
            if current is None:
                self.reload()
            else:
                self._show(current)
            self._keep_beside(mine, current)
            self._notice(self.tr("The review was reloaded as it is stored now."), NOTICE_STYLE)
            return
        sections = self._sections(current, mine)
        dialog = ConflictDialog(message, sections, self.tr("The stored version"), self)
        activities_ask.run_dialog(dialog)
        self._show(current)  # the stored version, and the version to save over
        if dialog.choice == ConflictChoice.TAKE_THEIRS:
            self._keep_beside(mine, current)
            return
        self._put_back(mine)
        if dialog.choice == ConflictChoice.KEEP_MINE:
            if self.save():
                self.other_version.show_version(
                    self.tr("The other version, replaced by yours (kept here to copy from)"),
                    sections,
                    1,
                )
            return
        self._notice(
            self.tr("Your text is kept, not saved yet: save again to replace the stored one."),
            NOTICE_STYLE,
        )

    def _sections(self, theirs: ReviewSnapshot | None, mine: tuple) -> list[Section]:
        return [
            (self.tr("Findings"), theirs.findings if theirs else "", mine[0]),
            (self.tr("Advice"), theirs.advice if theirs else "", mine[1]),
        ]

    def _keep_beside(self, mine: tuple, current: ReviewSnapshot | None) -> None:
        """The person's text, not saved, shown under the form to copy from."""
        self.other_version.show_version(
            self.tr("Your version, not saved (kept here to copy from)"),
            self._sections(current, mine),
            2,
        )

    def _put_back(self, mine: tuple) -> None:
        """The person's texts, levels and mark back in the form, unsaved."""
        findings, advice, levels, mark = mine
        self._build_rows(levels)
        self.findings_edit.setPlainText(findings)
        self.advice_edit.setPlainText(advice)
        if self.mark_edit is not None:
            self.mark_edit.setText(mark)
        self.dirty = True
        self._update_state()

    def _notice(self, text: str, style: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setStyleSheet(style)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the module (or closing the window) keeps what was typed.
        if not event.spontaneous():
            self.save_if_dirty()
        super().hideEvent(event)
