"""The period review (bilan de la période, bilan entreprise) as a PDF form.

One A4 document per portfolio: the apprentice, the period, the company, the tutor and the
referent trainer; the criteria gathered from the period's sheets grouped by competence, with
the five results of the SPEC as columns (a crossed box for the result given, empty boxes
otherwise); the tutor's appreciation; the date and the signature boxes.

`blank=True` prints the same form with every box empty and ruled lines for the appreciation,
for a visit without a computer (the results are typed in afterwards). The logbook reuses
`review_flowables()` to print the saved review after the weekly sheets.

Data comes from `services.activities.period_review_form()`; every user string goes through
`base.text()` / `base.para()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cpro_desktop.models.enums import RATING_RESULT_LABELS, RatingResult
from cpro_desktop.reports.base import (
    BRAND,
    LIGHT,
    PageDecor,
    build_pdf,
    frame_width,
    markup,
    para,
    styles,
    text,
)
from cpro_desktop.services.activities import (
    CompanyInfo,
    PeriodReviewForm,
    PersonInfo,
    ReviewCompetence,
)

__all__ = [
    "BOX_EMPTY",
    "BOX_TICKED",
    "RESULT_ORDER",
    "facts_table",
    "heading",
    "people_facts",
    "period_review_pdf",
    "review_flowables",
]

TITLE = "Bilan de la période"
SUBTITLE = "Bilan entreprise"
#: The five results in the order the seed lists them (the form's columns, left to right).
RESULT_ORDER: tuple[RatingResult, ...] = (
    RatingResult.SUCCESS_AUTONOMOUS,
    RatingResult.SUCCESS_ASSISTED,
    RatingResult.PARTIAL,
    RatingResult.NOT_ASSESSABLE,
    RatingResult.ABSENT,
)
BOX_EMPTY = "\u2610"  # ☐
BOX_TICKED = "\u2612"  # ☒
GRID_COLOUR = colors.HexColor("#9aa7b4")
COMPETENCE_FILL = colors.HexColor("#dce6f2")
TICKED_FILL = colors.HexColor("#fff1c7")
CRITERION_SHARE = 0.40
#: Room a heading wants under it, else it starts the next page.
HEADING_ROOM = 22 * mm
#: Ruled lines printed for a hand-written appreciation.
APPRECIATION_LINES = 12


@lru_cache(maxsize=1)
def _local_styles() -> dict[str, ParagraphStyle]:
    base = styles()
    return {
        "head_center": ParagraphStyle(
            "review_head_center", parent=base["cell_head"], fontSize=7.5, leading=9,
            alignment=TA_CENTER,
        ),
        "box": ParagraphStyle(
            "review_box", parent=base["cell_center"], fontSize=13, leading=15,
            textColor=colors.HexColor("#333333"),
        ),
        "box_ticked": ParagraphStyle(
            "review_box_ticked", parent=base["cell_center"], fontSize=13, leading=15,
            textColor=BRAND,
        ),
        "boxed_text": ParagraphStyle(
            "review_boxed_text", parent=base["body"], borderWidth=0.5, borderColor=GRID_COLOUR,
            borderPadding=5, spaceBefore=4, spaceAfter=6, leftIndent=5, rightIndent=5,
        ),
    }  # fmt: skip


def format_day(day: date | datetime | None) -> str:
    """DD/MM/YYYY ("" for None); an instant on the local calendar."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.astimezone().date()
    return day.strftime("%d/%m/%Y")


def format_instant(moment: datetime | None) -> str:
    """ "13/07/2023 à 20:00" on the local clock."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%d/%m/%Y à %H:%M")


# -- shared blocks ------------------------------------------------------------------------


def heading(title: str, style: str = "h1") -> list[Flowable]:
    """A section heading that never ends a page alone: a new page when less than a few
    lines' room is left under it."""
    return [CondPageBreak(HEADING_ROOM), para(title, style)]


def facts_table(rows: Sequence[tuple[str, object]], width: float) -> Table:
    """A two-column block of labelled facts (no header row); values are user text or our
    own Paragraphs."""
    data = [
        [para(label, "cell"), value if isinstance(value, Flowable) else para(value, "cell")]
        for label, value in rows
    ]
    result = Table(data, colWidths=[0.26 * width, 0.74 * width])
    result.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return result


def _lines(*parts: str) -> Paragraph:
    """Several lines of user text in one cell; empty parts are left out."""
    shown = [text(p) for p in parts if p and p.strip()]
    return markup("<br/>".join(shown) if shown else "—", "cell")


def company_cell(company: CompanyInfo | None) -> Paragraph:
    """Name (bold), address, phone and e-mail of the host company."""
    if company is None:
        return markup("<i>Aucune entreprise d'accueil renseignée</i>", "cell")
    contact = " — ".join(p for p in (company.phone, company.email) if p)
    rest = [text(p) for p in (company.full_address, contact) if p]
    return markup("<br/>".join([f"<b>{text(company.name)}</b>", *rest]), "cell")


def person_cell(person: PersonInfo | None) -> Paragraph:
    """Name (bold), job title, phone and e-mail of a tutor or trainer."""
    if person is None:
        return markup("<i>Non désigné</i>", "cell")
    contact = " — ".join(p for p in (person.phone, person.email) if p)
    rest = [text(p) for p in (person.job_title, contact) if p]
    return markup("<br/>".join([f"<b>{text(person.name)}</b>", *rest]), "cell")


def people_facts(
    *,
    apprentice_name: str,
    class_name: str,
    diploma_name: str,
    period_label: str,
    company: CompanyInfo | None,
    tutor: PersonInfo | None,
    trainer: PersonInfo | None,
) -> list[tuple[str, object]]:
    """The facts every module-1 document opens with."""
    return [
        ("Apprenti", markup(f"<b>{text(apprentice_name)}</b>", "cell")),
        ("Classe", class_name or "—"),
        ("Diplôme", diploma_name or "—"),
        ("Période", period_label),
        ("Entreprise d'accueil", company_cell(company)),
        ("Maître d'apprentissage", person_cell(tutor)),
        ("Formateur référent", person_cell(trainer)),
    ]


# -- the rating grid ------------------------------------------------------------------------


def _box(ticked: bool) -> Paragraph:
    local = _local_styles()
    if ticked:
        return Paragraph(f"<b>{BOX_TICKED}</b>", local["box_ticked"])
    return Paragraph(BOX_EMPTY, local["box"])


def rating_table(competences: Sequence[ReviewCompetence], *, blank: bool, width: float) -> Table:
    """Criteria grouped by competence × the five results; the header repeats on each page."""
    local = _local_styles()
    result_share = (1 - CRITERION_SHARE) / len(RESULT_ORDER)
    header: list[object] = [Paragraph("Compétences et critères", styles()["cell_head"])]
    header += [Paragraph(text(RATING_RESULT_LABELS[r]), local["head_center"]) for r in RESULT_ORDER]
    data: list[list[object]] = [header]
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), BRAND),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (0, -1), "TOP"),
        ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for competence in competences:
        row = len(data)
        data.append([markup(f"<b>{text(competence.title)}</b>", "cell"), "", "", "", "", ""])
        style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row),
                                                  COMPETENCE_FILL)]  # fmt: skip
        if not competence.criteria:
            data.append(
                [markup("<i>Aucun critère défini pour cette compétence.</i>", "cell")]
                + [_box(False) for _ in RESULT_ORDER]
            )
        for criterion in competence.criteria:
            label = markup(f"{text(criterion.code)}&nbsp; {text(criterion.label)}", "cell")
            given = None if blank else criterion.result
            row = len(data)
            data.append([label, *(_box(given == r) for r in RESULT_ORDER)])
            if given is not None:
                column = 1 + RESULT_ORDER.index(given)
                style.append(("BACKGROUND", (column, row), (column, row), TICKED_FILL))
    result = Table(
        data,
        colWidths=[CRITERION_SHARE * width] + [result_share * width] * len(RESULT_ORDER),
        repeatRows=1,
    )
    result.setStyle(TableStyle(style))
    return result


# -- hand-writing helpers ---------------------------------------------------------------------


class RuledLines(Flowable):
    """Ruled lines to write on by hand."""

    def __init__(self, count: int, spacing: float = 8 * mm) -> None:
        super().__init__()
        self.count, self.spacing = count, spacing
        self.line_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.line_width = available_width
        return available_width, self.count * self.spacing

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(GRID_COLOUR)
        c.setLineWidth(0.4)
        for i in range(self.count):
            y = i * self.spacing
            c.line(0, y, self.line_width, y)
        c.restoreState()


def signature_boxes(form: PeriodReviewForm, *, blank: bool, width: float) -> Table:
    """Date, tutor's and trainer's signature boxes (names printed, signatures by hand)."""
    day = "" if blank else format_day(form.reviewed_on)
    tutor = form.tutor.name if form.tutor else ""
    trainer = form.trainer.name if form.trainer else ""

    def box(title: str, name: str) -> list[Flowable]:
        cell: list[Flowable] = [markup(f"<b>{text(title)}</b>", "cell")]
        if name:
            cell.append(para(name, "cell"))
        cell.append(para("Signature :", "small"))
        return cell

    date_cell: list[Flowable] = [markup("<b>Date du bilan</b>", "cell")]
    date_cell.append(para(day or "____ / ____ / ________", "cell"))
    result = Table(
        [[date_cell, box("Maître d'apprentissage", tutor), box("Formateur référent", trainer)]],
        colWidths=[0.24 * width, 0.38 * width, 0.38 * width],
        rowHeights=[30 * mm],
    )
    result.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, GRID_COLOUR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return result


# -- the document -----------------------------------------------------------------------------


def review_flowables(form: PeriodReviewForm, *, blank: bool, width: float) -> list[Flowable]:
    """The review's body (criteria table, appreciation, author), without the title block:
    the form prints it after its facts, the logbook after the weekly sheets."""
    story: list[Flowable] = heading("Positionnement sur les critères")
    if form.competences:
        intro = (
            "Pour chaque critère évalué, cochez le résultat observé (une case par ligne)."
            if blank
            else "Critères sélectionnés sur les fiches activités de la période ; la case "
            "cochée indique le résultat retenu."
        )
        story += [para(intro, "muted"), Spacer(1, 3),
                  rating_table(form.competences, blank=blank, width=width)]  # fmt: skip
    else:
        story.append(
            para(
                "Aucune compétence ni aucun critère n'a été sélectionné sur les fiches "
                "activités de la période.",
                "muted",
            )
        )
    title = "Appréciation du maître d'apprentissage"
    if blank or not form.appreciation.strip():
        lines = RuledLines(APPRECIATION_LINES)
        story.append(KeepTogether([para(title, "h1"), Spacer(1, 4), lines]))
    else:
        boxed = Paragraph(text(form.appreciation), _local_styles()["boxed_text"])
        story += [*heading(title), boxed]
        if form.author_name or form.reviewed_on:
            who = f"Enregistré par {form.author_name}" if form.author_name else "Enregistré"
            if form.reviewed_on:
                who += f", bilan du {format_day(form.reviewed_on)}"
            story += [Spacer(1, 3), para(who + ".", "muted")]
    return story


def period_review_pdf(form: PeriodReviewForm, target: Any, *, blank: bool) -> int:
    """Print the period review form of one portfolio to `target` (a path or a binary file):
    filled with its results and appreciation, or `blank` for a visit without a computer.
    Returns the number of pages."""
    width = frame_width()
    subtitle = SUBTITLE + (" — formulaire à compléter lors de la visite" if blank else "")
    facts = people_facts(
        apprentice_name=form.apprentice_name,
        class_name=form.class_name,
        diploma_name=form.diploma_name,
        period_label=form.period_label,
        company=form.company,
        tutor=form.tutor,
        trainer=form.trainer,
    )
    story: list[Flowable] = [
        para(TITLE, "title"),
        para(subtitle, "h2"),
        facts_table(facts, width),
        *review_flowables(form, blank=blank, width=width),
        KeepTogether(
            [para("Date et signatures", "h1"), signature_boxes(form, blank=blank, width=width)]
        ),
    ]
    decor = PageDecor(form.period_label, f"{TITLE} ({SUBTITLE.lower()})", form.apprentice_name)
    return build_pdf(
        str(target) if isinstance(target, Path) else target,
        story,
        decor,
        title=f"{TITLE} — {form.apprentice_name} — {form.period_name}",
    )
