"""When someone else saved the same text meanwhile: both versions side by side (theirs and
mine), and the choice to keep mine (saved over theirs) or take theirs — the other version
staying visible either way, so that nothing typed is lost."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .common import html_text

#: (heading, their text, my text) of one part of the form.
Section = tuple[str, str, str]


class ConflictChoice(enum.Enum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"
    CANCEL = "cancel"


def sections_html(sections: Sequence[Section], side: int, highlight: bool = True) -> str:
    """One side (1 = theirs, 2 = mine) as HTML; parts that differ are highlighted."""
    parts = []
    for section in sections:
        heading, text = section[0], section[side]
        differs = highlight and section[1] != section[2]
        style = ' style="background-color:#fff3b0"' if differs else ""
        body = html_text(text) if text else "<i>—</i>"
        parts.append(f"<p><b>{escape(heading)}</b></p><p{style}>{body}</p>")
    return "".join(parts)


def sections_text(sections: Sequence[Section], side: int) -> str:
    """One side as plain text (what the "other version" panel keeps for copying)."""
    return "\n\n".join(f"{s[0]}\n{s[side]}" for s in sections)


class ConflictDialog(QDialog):
    """Theirs on the left, mine on the right; `choice` says what the user decided."""

    def __init__(
        self,
        message: str,
        sections: Sequence[Section],
        theirs_caption: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Saved elsewhere meanwhile"))
        self.resize(900, 560)
        self.choice = ConflictChoice.CANCEL
        self.sections = tuple(sections)
        layout = QVBoxLayout(self)
        intro = QLabel(message, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        hint = QLabel(self.tr("Parts that differ are highlighted."), self)
        layout.addWidget(hint)
        sides = QHBoxLayout()
        self.theirs_view = self._side(theirs_caption, sections_html(sections, 1), sides)
        self.theirs_view.setObjectName("theirs_view")
        self.mine_view = self._side(
            self.tr("Your version (not saved)"), sections_html(sections, 2), sides
        )
        self.mine_view.setObjectName("mine_view")
        layout.addLayout(sides, 1)
        buttons = QHBoxLayout()
        self.keep_mine_button = QPushButton(self.tr("&Keep my version"), self)
        self.keep_mine_button.setToolTip(
            self.tr("Save your text over theirs; theirs stays shown so that you can copy from it.")
        )
        self.take_theirs_button = QPushButton(self.tr("&Take their version"), self)
        self.take_theirs_button.setToolTip(
            self.tr("Show their text in the form; yours stays shown so that you can copy from it.")
        )
        self.cancel_button = QPushButton(self.tr("Back to editing"), self)
        buttons.addStretch(1)
        for button in (self.keep_mine_button, self.take_theirs_button, self.cancel_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.keep_mine_button.clicked.connect(lambda: self._decide(ConflictChoice.KEEP_MINE))
        self.take_theirs_button.clicked.connect(lambda: self._decide(ConflictChoice.TAKE_THEIRS))
        self.cancel_button.clicked.connect(lambda: self._decide(ConflictChoice.CANCEL))

    def _side(self, caption: str, html: str, row: QHBoxLayout) -> QTextBrowser:
        box = QGroupBox(caption, self)
        inner = QVBoxLayout(box)
        view = QTextBrowser(box)
        view.setHtml(html)
        inner.addWidget(view)
        row.addWidget(box, 1)
        return view

    def _decide(self, choice: ConflictChoice) -> None:
        self.choice = choice
        if choice == ConflictChoice.CANCEL:
            self.reject()
        else:
            self.accept()


class OtherVersionPanel(QGroupBox):
    """After a conflict: the version not kept, read-only, until the user hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("other_version")
        layout = QVBoxLayout(self)
        self.view = QTextBrowser(self)
        self.view.setObjectName("other_version_view")
        self.view.setMaximumHeight(160)
        hide = QPushButton(self.tr("Hide"), self)
        hide.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addWidget(self.view, 1)
        row.addWidget(hide)
        layout.addLayout(row)
        self.hide()

    def show_version(self, caption: str, sections: Sequence[Section], side: int) -> None:
        """One side of the conflict: only the parts that differ (all if none does)."""
        differing = [s for s in sections if s[1] != s[2]] or list(sections)
        self.setTitle(caption)
        self.view.setHtml(sections_html(differing, side, highlight=False))
        self.show()

    def text(self) -> str:
        return self.view.toPlainText()
