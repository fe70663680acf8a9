"""The side panel of the review form: what helps the tutor (or the trainer) judge.

At the top, the competence the user hovers or focuses: the ratings of its criteria, the
activity sheets linked to it, and its levels in the earlier reviews. Below, the apprentice's
recent activity sheets, his period reviews, and the ratings of every competence. Everything
comes from one `JudgementContext` snapshot; user text is escaped before it enters HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from cpro_desktop.models.enums import (
    RATING_RESULT_LABELS,
    CompetenceLevel,
    Origin,
    RatingResult,
)
from cpro_desktop.reports.colours import LEVEL_HEX
from cpro_desktop.services.review_context import (
    CompetenceInfo,
    CriterionRating,
    JudgementContext,
    format_date,
)

#: The dashboard's colours of the five results (SPEC "Scales").
RESULT_HEX = {
    RatingResult.SUCCESS_AUTONOMOUS: "#1b6e35",
    RatingResult.SUCCESS_ASSISTED: "#7cc47c",
    RatingResult.PARTIAL: "#f0932b",
    RatingResult.NOT_ASSESSABLE: "#3b7dd8",
    RatingResult.ABSENT: "#9e9e9e",
}


@dataclass(frozen=True)
class EarlierLevel:
    """A competence's level in an earlier validated review."""

    reviewed_on: date
    origin: Origin
    level: CompetenceLevel


def _dot(result: RatingResult) -> str:
    return f'<span style="color:{RESULT_HEX[result]}; font-size:13pt;">●</span>'


def _level(level: CompetenceLevel) -> str:
    return f'<b style="color:{LEVEL_HEX[level]}">{escape(level.value)}</b>'


class JudgementPanel(QWidget):
    """The selected competence above, the apprentice's recent work below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context: JudgementContext | None = None
        self.earlier: dict[int, list[EarlierLevel]] = {}
        self.origins: tuple[Origin, ...] = (Origin.COMPANY,)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("<b>To help you judge</b>"), self)
        self.competence_view = QTextBrowser(self)
        self.competence_view.setObjectName("competence_help")
        self.competence_view.setMinimumHeight(90)
        self.competence_view.setMaximumHeight(170)
        self.competence_view.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred
        )
        self.work_view = QTextBrowser(self)
        self.work_view.setObjectName("work_help")
        self.work_view.setOpenLinks(False)
        layout.addWidget(heading)
        layout.addWidget(self.competence_view)
        layout.addWidget(self.work_view, 1)
        self.current: CompetenceInfo | None = None

    def set_context(
        self,
        context: JudgementContext | None,
        earlier: dict[int, list[EarlierLevel]],
        origins: tuple[Origin, ...],
    ) -> None:
        self.context = context
        self.earlier = earlier
        self.origins = origins
        self.current = None
        self.competence_view.setHtml(self._hint_html())
        self.work_view.setHtml(self._work_html() if context else "")

    def show_competence(self, competence_id: int) -> None:
        """Show what concerns one competence (called when its badge is hovered or focused)."""
        if self.context is None:
            return
        found = [c for c in self.context.competences if c.id == competence_id]
        if not found or found[0] == self.current:
            return
        self.current = found[0]
        self.competence_view.setHtml(self._competence_html(found[0]))

    # -- HTML ---------------------------------------------------------------------------
    def _hint_html(self) -> str:
        return "<p style='color:#555'>{}</p>".format(
            escape(
                self.tr(
                    "Hover or focus a competence's level to see the ratings of its criteria, "
                    "the activity sheets linked to it and its earlier review levels."
                )
            )
        )

    def _where(self, origin: Origin) -> str:
        return self.tr("company") if origin == Origin.COMPANY else self.tr("centre")

    def _ratings_html(self, ratings: tuple[CriterionRating, ...]) -> str:
        show_origin = len(self.origins) > 1
        lines = []
        for rating in ratings:
            where = ""
            if show_origin:
                where = " · " + self._where(rating.origin)
            lines.append(
                f"{_dot(rating.result)} {format_date(rating.rated_on)}{escape(where)} — "
                f"<b>{escape(rating.criterion_code)}</b> {escape(rating.criterion_label)} : "
                f"<i>{escape(RATING_RESULT_LABELS[rating.result])}</i>"
            )
        return "<br>".join(lines)

    def _competence_html(self, competence: CompetenceInfo) -> str:
        assert self.context is not None
        parts = [f"<h4 style='margin:0'>{escape(competence.title)}</h4>"]
        ratings = self.context.ratings_of(competence.id)
        title = (
            self.tr("Company ratings of its criteria")
            if self.origins == (Origin.COMPANY,)
            else self.tr("Ratings of its criteria")
        )
        parts.append(f"<p style='margin:4px 0 0 0'><u>{escape(title)}</u><br>")
        parts.append(self._ratings_html(ratings) if ratings else escape(self.tr("None yet.")))
        parts.append("</p>")
        sheets = self.context.sheets_of(competence.id)
        linked = escape(self.tr("Linked activity sheets"))
        untitled = self.tr("(untitled)")
        if sheets:
            parts.append(
                f"<p style='margin:4px 0 0 0'><u>{linked}"
                "</u><br>"
                + "<br>".join(f"{escape(s.label)} — {escape(s.title or untitled)}" for s in sheets)
                + "</p>"
            )
        earlier = self.earlier.get(competence.id, [])
        earlier_title = escape(self.tr("Earlier reviews"))
        if earlier:
            parts.append(
                f"<p style='margin:4px 0 0 0'><u>{earlier_title}</u><br>"
                + " &nbsp; ".join(
                    f"{format_date(e.reviewed_on)} ({escape(self._where(e.origin))})"
                    f" {_level(e.level)}"
                    for e in earlier
                )
                + "</p>"
            )
        return "".join(parts)

    def _work_html(self) -> str:
        assert self.context is not None
        context = self.context
        untitled = self.tr("(untitled)")
        parts = ["<h4>" + escape(self.tr("Recent activity sheets")) + "</h4>"]
        if not context.sheets:
            parts.append("<p>" + escape(self.tr("No activity sheet written yet.")) + "</p>")
        for sheet in context.sheets:
            modified = self.tr("last modified on %1").replace("%1", format_date(sheet.updated_on))
            excerpt = sheet.description[:220] + ("…" if len(sheet.description) > 220 else "")
            parts.append(
                f"<p style='margin:0 0 6px 0'><b>{escape(sheet.label)}</b> "
                f"<span style='color:#555'>[{escape(sheet.period_name)}] "
                f"[{escape(modified)}]</span><br>"
                f"{escape(sheet.title or untitled)}"
                + (f"<br><span style='color:#444'>{escape(excerpt)}</span>" if excerpt else "")
                + "</p>"
            )
        parts.append("<h4>" + escape(self.tr("Period reviews")) + "</h4>")
        if not context.period_reviews:
            parts.append("<p>" + escape(self.tr("No period review yet.")) + "</p>")
        for review in context.period_reviews:
            when = self.tr("%1, from %2 to %3").replace("%1", review.period_name)
            when = when.replace("%2", format_date(review.start_date))
            when = when.replace("%3", format_date(review.end_date))
            by = ""
            if review.author_name:
                by = self.tr("by %1 on %2").replace("%1", review.author_name)
                by = by.replace("%2", format_date(review.reviewed_on))
            parts.append(
                f"<p style='margin:0 0 6px 0'><b>{escape(when)}</b>"
                + (f" <span style='color:#555'>{escape(by)}</span>" if by else "")
                + f"<br>{escape(review.appreciation) or '—'}</p>"
            )
        title = (
            self.tr("Company ratings, by competence")
            if self.origins == (Origin.COMPANY,)
            else self.tr("Ratings, by competence")
        )
        parts.append(f"<h4>{escape(title)}</h4>")
        rated = [c for c in context.competences if context.ratings_of(c.id)]
        if not rated:
            parts.append("<p>" + escape(self.tr("No rating yet.")) + "</p>")
        for competence in rated:
            dots = " &nbsp;".join(
                f"{_dot(r.result)}{escape(r.criterion_code)} {format_date(r.rated_on)}"
                for r in context.ratings_of(competence.id)
            )
            parts.append(f"<p style='margin:0'><b>{escape(competence.code)}</b> {dots}</p>")
        parts.append(
            "<p style='color:#555; margin-top:6px'>"
            + " &nbsp; ".join(
                f"{_dot(result)} {escape(label)}" for result, label in RATING_RESULT_LABELS.items()
            )
            + "</p>"
        )
        return "".join(parts)
